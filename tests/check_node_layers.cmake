# Fails when a source file includes a header of a layer below its own. The layers, top down:
# protocol, store, node/privacy and node/config, node/engine, then node/sim (the simulator) beside
# node/net and node/daemon, and tools (which talk to the daemon and share only its config
# library; citynet-sim alone links the simulator). Run as
#   cmake -DSOURCE_DIR=<checkout> -P check_node_layers.cmake
# A layer may include its own headers and those of the layers it names below.
set(rules
  "protocol|node/|store/|tools/"
  "store|node/|tools/"
  "node/privacy|node/config/|node/engine/|node/net/|node/daemon/|store/|tools/"
  "node/config|node/privacy/|node/engine/|node/net/|node/daemon/|store/|tools/"
  "node/engine|node/sim/|node/net/|node/daemon/|tools/"
  "node/sim|node/net/|node/daemon/|tools/"
  "node/net|node/sim/|node/daemon/|tools/"
  "node/daemon|node/sim/|tools/"
  "tools|store/|node/privacy/|node/engine/|node/net/|node/daemon/")
set(problems "")
foreach(rule ${rules})
  string(REPLACE "|" ";" parts "${rule}")
  list(POP_FRONT parts layer)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${layer}/*.h" "${SOURCE_DIR}/${layer}/*.cc")
  foreach(source ${sources})
    file(STRINGS "${source}" includes REGEX "^#include \"")
    foreach(line ${includes})
      foreach(forbidden ${parts})
        if(line MATCHES "^#include \"${forbidden}")
          file(RELATIVE_PATH rel "${SOURCE_DIR}" "${source}")
          string(APPEND problems "\n  ${rel}: ${line} (${layer} may not include ${forbidden})")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "a layer includes a header of a layer below it:${problems}")
endif()
message(STATUS "every layer includes only its own headers and those above it")
