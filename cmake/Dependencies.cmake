# Every external dependency of the project, found in one place. All of them are Debian 12
# packages; deploy/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# libsodium-dev 1.0.18 ships only libsodium.pc.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)

# libcapnp-dev 0.9.2 with the `capnproto` compiler package.
find_package(CapnProto 0.9 REQUIRED)

# fmt: GCC 12 has no std::format.
find_package(fmt 9 REQUIRED)

# nlohmann-json: case-study files are JSON (the seed cases and `citynet case publish`).
find_package(nlohmann_json 3.11 REQUIRED)

# ZeroMQ with CURVE (libzmq3-dev 4.3.4 ships only libzmq.pc) and the cppzmq header.
pkg_check_modules(ZMQ REQUIRED IMPORTED_TARGET libzmq>=4.3.3)
# libzmq.pc's Cflags name the headers of its private dependencies (-isystem /usr/include/mit-krb5,
# pgm, libxml2), which zmq.h does not include. CMake 3.25 puts that -isystem in the target's
# include directories on the first configure and in its compile options on every later one, so
# the second `cmake --preset` (the README's commands run it each time) changed the command line
# of everything using ZeroMQ and rebuilt it. zmq.h is in /usr/include: the target needs neither.
set_target_properties(PkgConfig::ZMQ PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ""
                                                INTERFACE_COMPILE_OPTIONS "")
find_path(CPPZMQ_INCLUDE_DIR zmq.hpp REQUIRED)

# toml++: citynetd's config file (line numbers for every error; a hand-written parser for an
# operator-facing format would be a liability).
find_package(tomlplusplus 3.3 REQUIRED)

# CLI11: the citynet CLI's subcommands, flags and usage errors (a hand-written parser for a tool
# with a dozen subcommands would be worse). ICU's character properties give the display width of
# text in terminal tables (Chinese takes two columns).
find_package(CLI11 CONFIG REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc)

# libsystemd: sd_notify (READY, STOPPING, STATUS) so systemd's Type=notify knows when the node
# serves; a no-op when not run by systemd.
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)

# libphonenumber (libphonenumber-dev 8.12): the privacy gate finds phone numbers of every
# country in national and international formats with Google's metadata; a home-made pattern
# would miss most of them. Debian ships no CMake or pkg-config file for it.
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
add_library(PhoneNumber::phonenumber UNKNOWN IMPORTED)
set_target_properties(PhoneNumber::phonenumber PROPERTIES
  IMPORTED_LOCATION "${PHONENUMBER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${PHONENUMBER_INCLUDE_DIR}")

if(CITYNET_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
