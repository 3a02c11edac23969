// The `citynet` CLI's exit codes, a contract for scripts (documented by `citynet help
// exit-codes`), and how an error Status maps onto them.
#pragma once

#include <string_view>

#include "protocol/status.h"

namespace citynet::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,        // anything else: a failure of the daemon, the disk, a bug
  kExitUsage = 2,        // bad command line: unknown flag, missing argument, malformed value
  kExitNotFound = 3,     // the record (or other thing named) does not exist
  kExitRefused = 4,      // refused: validation, permission, untrusted author, privacy rule
  kExitUnreachable = 5,  // citynetd is not running or its control socket cannot be reached
};

// The exit code for a failed operation: NotFound 3; InvalidArgument, PermissionDenied and
// Unauthenticated 4; Unavailable 5; anything else 1 (Ok gives 0).
int ExitCodeFor(const Status& status);

// The text `citynet help exit-codes` prints.
std::string_view ExitCodesHelp();

}  // namespace citynet::cli
