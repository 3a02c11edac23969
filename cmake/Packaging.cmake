# The Debian package (cpack -G DEB from a build directory): citynetd, citynet, their man pages
# and completion, the systemd unit, the sysusers.d file and the example config as the conffile
# /etc/citynet/citynetd.toml. See deploy/check-package.sh, which builds and checks it.
#
# The unit, the sysusers file and the config go to absolute paths because citynetd and the unit
# name them (/etc/citynet/citynetd.toml, /usr/sbin/citynetd): a package installs under /usr.
# `cmake --install` installs them too; it never replaces an existing /etc/citynet/citynetd.toml.
# The unit runs /usr/sbin/citynetd and /usr/bin/citynet: for it to work outside the package,
# install with --prefix /usr.

set(CITYNET_SYSTEMD_UNIT_DIR /lib/systemd/system CACHE PATH "Where the systemd unit goes")
set(CITYNET_SYSUSERS_DIR /usr/lib/sysusers.d CACHE PATH "Where the sysusers.d file goes")
set(CITYNET_CONFIG_DIR /etc/citynet CACHE PATH "Where citynetd.toml goes")

install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/citynetd.service
        DESTINATION ${CITYNET_SYSTEMD_UNIT_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/citynet.sysusers
        DESTINATION ${CITYNET_SYSUSERS_DIR} RENAME citynet.conf)
# An operator's config is never overwritten by an install (dpkg handles the conffile itself).
install(CODE "
  set(config \"\$ENV{DESTDIR}${CITYNET_CONFIG_DIR}/citynetd.toml\")
  if(EXISTS \"\${config}\")
    message(STATUS \"Kept: \${config}\")
  else()
    file(INSTALL DESTINATION \"${CITYNET_CONFIG_DIR}\" TYPE FILE
         FILES \"${PROJECT_SOURCE_DIR}/deploy/citynetd.example.toml\"
         RENAME citynetd.toml PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  endif()")

# Debian's changelog and copyright file, in /usr/share/doc/citynet. The changelog's newest
# entry must be this version: a release that forgot it stops here rather than shipping a
# package whose changelog names another version.
file(STRINGS ${PROJECT_SOURCE_DIR}/deploy/debian/changelog changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^citynet \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "deploy/debian/changelog starts with '${changelog_head}', not with "
                      "version ${PROJECT_VERSION} of CMakeLists.txt: add an entry for it")
endif()
find_program(GZIP_EXECUTABLE gzip REQUIRED)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/debian/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/debian
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/deploy/debian/changelog
          ${PROJECT_BINARY_DIR}/debian/changelog
  COMMAND ${GZIP_EXECUTABLE} -9nf ${PROJECT_BINARY_DIR}/debian/changelog
  DEPENDS ${PROJECT_SOURCE_DIR}/deploy/debian/changelog
  VERBATIM)
add_custom_target(package_docs ALL DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/debian/changelog.gz ${PROJECT_SOURCE_DIR}/deploy/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME citynet)
set(CPACK_PACKAGE_VENDOR "citynet")
# No mailing list exists yet: .invalid (RFC 2606) until the partners have one.
set(CPACK_PACKAGE_CONTACT "citynet maintainers <maintainers@citynet.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "peer node for city networks: case studies and datasets shared between cities")
# Lines of at most 80 characters: dpkg shows them as they are.
set(CPACK_PACKAGE_DESCRIPTION
    "citynetd keeps a city's case studies and datasets in sync with its partner
cities over an encrypted mesh (ZeroMQ CURVE), checks every dataset for personal
data before it is kept, and serves the citynet command line tool on a local
control socket.")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps finds the run-time libraries (libzmq5, librocksdb7.8, libsodium23, ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# postinst creates the user with systemd-sysusers where systemd is installed, and with adduser
# where it is not (a container); adduser is in every standard Debian system.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
