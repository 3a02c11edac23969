// The daemon's side of the local control channel: the Unix socket the `citynet` CLI talks to
// (protocol/control.h has the messages and frames). The server accepts connections, admits only
// local users of citynetd's own user or group, cuts each connection's bytes into requests, hands
// each to one ControlHandler and queues the answers, in order, per connection.
//
// Boundary: this module owns the socket file and its connections; it knows no op. What an op does
// is the handler's business (the daemon's composition root wires it to the store and the mesh).
// It owns no event loop either: the daemon registers PollFds and OnReady with the node's
// EventLoop as one source, and calls Tick from a loop timer.
//
// Who may connect: the socket file gets mode 0660 (chmod after bind, so the umask does not
// matter), and on accept the server reads the peer's credentials (SO_PEERCRED) and admits root,
// citynetd's own user, and members of citynetd's group (see AdmitPeer). Anyone else gets one
// permission_denied error frame and is closed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "node/net/event_loop.h"
#include "protocol/control.h"
#include "protocol/status.h"

namespace citynet::node {

class Executor;

// Who is on the other end of a control connection, as the kernel reported it at connect time.
struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Whether a peer may use the control socket of a daemon running as `self_uid`:`self_gid`: when it
// is root, the daemon's user, has the daemon's group as its primary group, or has it among
// `peer_groups` (the peer user's groups, from getgrouplist). Pure.
bool AdmitPeer(const PeerCredentials& peer, uid_t self_uid, gid_t self_gid,
               const std::vector<gid_t>& peer_groups);

struct ControlServerOptions {
  // "ipc:///abs/path.sock": the only form accepted.
  std::string endpoint;
  // The socket file's mode, set with chmod after bind (umask-proof).
  mode_t mode = 0660;
  // Connections beyond this many are accepted, sent one resource_exhausted error frame, and
  // closed.
  std::size_t max_clients = 32;
  // A client that neither sends nor receives a byte for this long is closed (checked in Tick).
  std::chrono::milliseconds idle_timeout{60'000};
  // The largest request frame body a client may send (a larger one is malformed); responses are
  // bounded by protocol::control::kMaxFrameBytes.
  std::size_t max_request_bytes = protocol::control::kMaxFrameBytes;
};

// Answers one request. Returns the result, or an error that is sent to the client with its code
// and message. Called on the thread that calls OnReady. Exceptions derived from std::exception
// (and any other) are caught and answered as internal, so one request cannot take the daemon
// down; a handler should still not rely on it.
using ControlHandler = std::function<Result<nlohmann::json>(
    const std::string& op, const nlohmann::json& args, const PeerCredentials& peer)>;

// Work whose result answers a request, run off the loop (on the executor's worker).
using SlowWork = std::function<Result<nlohmann::json>()>;
// Asked first for each request, on the loop's thread: work for requests whose answer takes long
// (a listing over the whole store), or nullopt to have the ControlHandler answer at once. The
// work must touch nothing the loop changes (capture copies, or what is thread-safe).
using ControlDeferrer = std::function<std::optional<SlowWork>(
    const std::string& op, const nlohmann::json& args, const PeerCredentials& peer)>;

// The control socket and its connections. Requests are answered in order per connection. A
// connection that sends a malformed frame (not a JSON object, or a length of 0 or over the limit)
// gets one invalid_argument error frame with id 0 and is closed; a well-formed request of the
// wrong shape (no op, args not an object...) gets an error response and the connection stays.
// Every descriptor is non-blocking and close-on-exec; the server never blocks (output is queued
// and drained on POLLOUT; a client that stops reading its answers stops being read until its
// queue drains below 1 MiB) and never throws. Writes use MSG_NOSIGNAL, so a client that goes away
// never raises SIGPIPE.
//
// Thread safety: not thread-safe; use it from the daemon's event-loop thread only.
class ControlServer {
 public:
  // Binds and listens. When the path already exists: a socket nobody listens on (connect gets
  // ECONNREFUSED) is a stale one left by a crash, and is replaced; a socket something listens on
  // gives AlreadyExists ("another citynetd is already running on PATH"); anything else
  // (a file, a directory, a symlink) gives FailedPrecondition, and is left alone. NotFound when
  // the parent directory does not exist; InvalidArgument for an endpoint not of the form
  // ipc:///abs/path or a path longer than sun_path allows, or for max_clients 0;
  // PermissionDenied or Internal when the system refuses the socket.
  //
  // `log` (may be empty) receives one line per refused connection, malformed frame, handler
  // exception and idle timeout; it must not block for long.
  //
  // With an `executor`, slow work leaves the loop's thread: the user-group lookup that admits a
  // peer not admitted by uid or primary group (NSS may ask a directory server), and the work
  // `deferrer` returns for slow requests. Answers still leave in the order requests came; a
  // connection has at most kMaxDeferredPerClient such answers outstanding, and reads no more
  // requests until one is done. Without an executor everything runs on the loop's thread.
  // `executor` outlives the server.
  static Result<std::unique_ptr<ControlServer>> Start(
      ControlServerOptions options, ControlHandler handler,
      std::function<void(std::string_view)> log = {}, Executor* executor = nullptr,
      ControlDeferrer deferrer = {});
  static constexpr std::size_t kMaxDeferredPerClient = 8;

  // Closes every connection and the listener, and unlinks the socket file when it is still ours
  // (same device and inode: a newer citynetd may have replaced it).
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // The descriptors to poll now: the listener, then each client (POLLIN while it may send,
  // POLLOUT while it has output queued). The listener asks for nothing for a while after the
  // process ran out of descriptors (accepting resumes at the next Tick).
  std::vector<PollItem> PollFds() const;

  // Serves the descriptors poll marked ready: `ready` is what PollFds returned, revents filled in
  // (entries with revents 0 are skipped; an fd that is no longer ours is ignored). `now` is the
  // activity time for the idle timeout.
  void OnReady(const std::vector<PollItem>& ready, std::chrono::steady_clock::time_point now);

  // Closes the clients idle since before now - idle_timeout. Call it at least every few seconds.
  void Tick(std::chrono::steady_clock::time_point now);

  // Connected (admitted) clients.
  std::size_t clients() const;
  // The socket file's path.
  const std::string& path() const;

  struct Stats {
    uint64_t accepted = 0;             // connections admitted
    uint64_t refused_credentials = 0;  // refused by AdmitPeer (or credentials unreadable)
    uint64_t refused_busy = 0;         // refused because max_clients were connected
    uint64_t requests = 0;             // well-formed frames (JSON objects) received
    uint64_t errors = 0;               // error responses sent to requests
    uint64_t malformed = 0;            // connections closed for a malformed frame
    uint64_t deferred = 0;             // requests answered off the loop
    uint64_t busy = 0;                 // slow requests refused: the executor was full
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit ControlServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::node
