// The client side of citynetd's local control channel: what the `citynet` CLI and the tests use
// to ask the daemon something. One ControlClient is one connection to the control socket; Call
// sends a request and waits for its answer (protocol/control.h has the messages and frames).
//
// Boundary: this module knows the transport (a Unix socket) and the request/response pairing; it
// knows no op. Errors are written for the person at the terminal: each says what to do.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/control.h"
#include "protocol/status.h"

namespace citynet::tools {

// $CITYNET_CONTROL when set and not empty, else citynetd's default control socket
// (node::kDefaultControlEndpoint, "ipc:///run/citynet/control.sock").
std::string DefaultControlEndpoint();

// One connection to citynetd's control socket.
//
// Thread safety: not thread-safe. Movable, not copyable; the destructor closes the connection.
class ControlClient {
 public:
  // Connects to "ipc:///abs/path" or a bare absolute path. InvalidArgument for any other form or
  // a path too long for a Unix socket; Unavailable "citynetd is not running (no control socket
  // at PATH): ..." when nothing listens there; PermissionDenied "cannot open PATH: permission
  // denied: ..." when the socket file's mode keeps this user out; DeadlineExceeded when the
  // daemon's accept queue stays full for `timeout`. `timeout` also bounds every Call.
  static Result<ControlClient> Connect(
      const std::string& endpoint, std::chrono::milliseconds timeout = std::chrono::seconds(10));

  ~ControlClient();
  ControlClient(ControlClient&& other) noexcept;
  ControlClient& operator=(ControlClient&& other) noexcept;
  ControlClient(const ControlClient&) = delete;
  ControlClient& operator=(const ControlClient&) = delete;

  // Sends request `op` with `args` and waits for its answer: the result, or the daemon's error
  // (same code and message; a refusal of the whole connection, such as permission_denied or
  // resource_exhausted, arrives the same way). DeadlineExceeded naming the op when no answer
  // comes within the timeout (a late answer is skipped by the next Call; if the request was not
  // even sent whole, the connection is closed). Unavailable "citynetd closed the connection"
  // when the daemon hung up; from then on every Call fails with the same status. Internal when
  // the daemon's answer is malformed; InvalidArgument when the request is over the frame limit.
  Result<nlohmann::json> Call(const std::string& op,
                              const nlohmann::json& args = nlohmann::json::object());

  // The socket path this client connected to.
  const std::string& path() const { return path_; }

 private:
  ControlClient(int fd, std::string path, std::chrono::milliseconds timeout);
  void Close(Status why);

  int fd_ = -1;
  std::string path_;
  std::chrono::milliseconds timeout_{0};
  uint64_t next_id_ = 1;
  protocol::control::FrameReader reader_;
  Status closed_;  // why fd_ was closed, once it was
};

}  // namespace citynet::tools
