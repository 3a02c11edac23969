# Man pages and bash completion, installed by the install target.
#
# The man pages are written in scdoc (deploy/man/*.scd; Debian package scdoc), configured with
# the version and install paths, and rendered to roff at build time by the man_pages target.
# scdoc is optional: without it there are no man pages and the build goes on. Needs
# GNUInstallDirs. Sets CITYNET_MAN_DIR (where the roff pages are built) when scdoc was found.

install(FILES ${PROJECT_SOURCE_DIR}/deploy/completion/citynet.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME citynet)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/citynetd.example.toml
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

find_program(SCDOC_EXECUTABLE scdoc)
if(NOT SCDOC_EXECUTABLE)
  message(STATUS "scdoc not found: no man pages (apt-get install scdoc to build them)")
  return()
endif()

find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(CITYNET_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(man_pages "")
foreach(page citynet.1 citynetd.8)
  string(REGEX MATCH "[0-9]$" section ${page})
  set(scd ${CITYNET_MAN_DIR}/${page}.scd)
  configure_file(${PROJECT_SOURCE_DIR}/deploy/man/${page}.scd ${scd} @ONLY)
  # scdoc reads stdin and writes stdout; a script so that the redirections need no shell.
  add_custom_command(
    OUTPUT ${CITYNET_MAN_DIR}/${page}
    COMMAND ${CMAKE_COMMAND} -DSCDOC=${SCDOC_EXECUTABLE} -DIN=${scd}
            -DOUT=${CITYNET_MAN_DIR}/${page} -P ${PROJECT_SOURCE_DIR}/cmake/RunScdoc.cmake
    DEPENDS ${scd} ${PROJECT_SOURCE_DIR}/cmake/RunScdoc.cmake
    COMMENT "Generating man page ${page}"
    VERBATIM)
  # Installed gzipped, as Debian policy wants (man reads both); -n keeps the bytes reproducible.
  add_custom_command(
    OUTPUT ${CITYNET_MAN_DIR}/${page}.gz
    COMMAND ${GZIP_EXECUTABLE} -9nkf ${CITYNET_MAN_DIR}/${page}
    DEPENDS ${CITYNET_MAN_DIR}/${page}
    VERBATIM)
  list(APPEND man_pages ${CITYNET_MAN_DIR}/${page} ${CITYNET_MAN_DIR}/${page}.gz)
  install(FILES ${CITYNET_MAN_DIR}/${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${man_pages})
