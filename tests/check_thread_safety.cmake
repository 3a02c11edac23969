# clang's thread-safety analysis over every source that shares state between threads: each file
# that includes protocol/mutex.h, or a header that does, is compiled with clang++ -fsyntax-only
# -Wthread-safety -Werror=thread-safety. State guarded by a mutex says so (GUARDED_BY), so a
# read or write without the lock fails here. Run as
#   cmake -DSOURCE_DIR=<checkout> -DGEN_DIR=<build>/gen -DCLANGXX=clang++ -P check_thread_safety.cmake
file(GLOB_RECURSE candidates "${SOURCE_DIR}/node/*.h" "${SOURCE_DIR}/node/*.cc"
     "${SOURCE_DIR}/store/*.h" "${SOURCE_DIR}/store/*.cc" "${SOURCE_DIR}/protocol/*.h")
set(headers "protocol/mutex.h")
foreach(f ${candidates})
  file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
  if(rel MATCHES "\\.h$")
    file(STRINGS "${f}" hit REGEX "^#include \"protocol/mutex.h\"")
    if(hit)
      list(APPEND headers "${rel}")
    endif()
  endif()
endforeach()
set(sources "")
foreach(f ${candidates})
  if(NOT f MATCHES "\\.cc$")
    continue()
  endif()
  file(STRINGS "${f}" includes REGEX "^#include \"")
  foreach(h ${headers})
    if(includes MATCHES "#include \"${h}\"")
      list(APPEND sources "${f}")
      break()
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES sources)
list(LENGTH sources count)
if(count LESS 5)
  message(FATAL_ERROR "only ${count} sources use protocol/mutex.h: the search is broken")
endif()
set(failed "")
foreach(source ${sources})
  execute_process(
    COMMAND ${CLANGXX} -std=c++20 -fsyntax-only -Wthread-safety -Werror=thread-safety
            -Wno-unknown-warning-option -DFMT_SHARED -I${SOURCE_DIR} -I${GEN_DIR}
            -I/usr/include/x86_64-linux-gnu ${source}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    file(RELATIVE_PATH rel "${SOURCE_DIR}" "${source}")
    string(APPEND failed "\n${rel}:\n${err}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "clang's thread-safety analysis failed:${failed}")
endif()
message(STATUS "thread-safety analysis: ${count} sources clean")
