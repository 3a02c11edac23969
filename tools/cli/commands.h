// The `citynet` command line: parses arguments, talks to citynetd over its control socket
// (tools/control_client.h) and prints the results for a person or, with --json, for a script.
// cli_main.cc is a thin main around RunCli; tests call RunCli directly or run the binary.
//
// Boundary: this library knows the commands, their flags and their output; the daemon decides
// everything else. It never opens the store (it links only citynet::protocol, citynet::tools and
// citynetd's config library, citynet::config).
#pragma once

#include <ostream>

namespace citynet::cli {

// What the CLI knows about where its output goes, detected once by main.
struct Terminal {
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;  // progress lines go to stderr only when it is a terminal
  bool color = false;  // ShouldColor(): a TTY and NO_COLOR unset
  int width = 0;       // columns for tables; <= 0 means no limit (output is not a terminal)
};

// Runs one command line (argv[0] is the program name) and returns its exit code (exit_codes.h).
// Results go to `out`, errors to `err` as "citynet: error: ...". Reads CITYNET_CONTROL (through
// tools::DefaultControlEndpoint) when --control is not given. Not thread-safe (CLI11 state).
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
           const Terminal& terminal);

// The terminal of this process: isatty(stdout), NO_COLOR, and the width from $COLUMNS when set,
// else from the TTY.
Terminal DetectTerminal();

}  // namespace citynet::cli
