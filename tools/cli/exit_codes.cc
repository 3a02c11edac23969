#include "tools/cli/exit_codes.h"

namespace citynet::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kInvalidArgument:
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated:
      return kExitRefused;
    case StatusCode::kUnavailable:
      return kExitUnreachable;
    default:
      return kExitError;
  }
}

std::string_view ExitCodesHelp() {
  return R"(citynet exit codes (stable; scripts may rely on them):

  0  ok
  1  error: anything not listed below (a failure inside citynetd, a file that cannot be
     read or written, an answer that took too long)
  2  usage: the command line is wrong (unknown command or flag, missing argument,
     malformed value such as a date that is not YYYY-MM-DD)
  3  not found: no record has that id
  4  refused: the input was refused (a case file with problems, every one of them listed;
     permission denied; an untrusted author; a privacy rule)
  5  citynetd not reachable: no daemon listens on the control socket. Start it with
     `systemctl start citynetd`, or `citynetd --config FILE`; pick another socket with
     --control or CITYNET_CONTROL

Errors go to stderr as "citynet: error: ..."; with --json, stdout holds one JSON document
only when the command succeeded.
)";
}

}  // namespace citynet::cli
