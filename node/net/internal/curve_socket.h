// Socket-level half of node/transport.h, for the daemon's event loop and the tests: opening mesh
// sockets that are CURVE on every path and cannot be configured to fail open, reading the name of
// the peer that sent a message, and watching a socket's connection events. Internal to
// citynet::node: it exposes cppzmq types, which the public headers do not.
//
// Thread safety: a libzmq socket belongs to one thread at a time. Every function here that takes
// a socket must be called on the thread that uses the socket; TransportContext may be shared.
#pragma once

#include <zmq.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <zmq.hpp>

#include "node/net/transport.h"
#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "protocol/status.h"
#include "protocol/mutex.h"

// libzmq declares this option (stable since 4.3.3) only in the draft section of zmq.h, which
// Debian's build leaves out. The library itself accepts it.
#ifndef ZMQ_ZAP_ENFORCE_DOMAIN
#define ZMQ_ZAP_ENFORCE_DOMAIN 93
#endif

namespace citynet::node {

// The endpoint libzmq sends ZAP requests to (RFC 27), one per context.
inline constexpr char kZapEndpoint[] = "inproc://zeromq.zap.01";

struct TransportContext::Impl {
  zmq::context_t context;

  Mutex mu;
  // The domain of the ZapHandler serving this context; nullopt when none runs.
  std::optional<std::string> zap_domain GUARDED_BY(mu);
};

// The libzmq context of `context`, for sockets the event loop makes itself (inproc pipes,
// monitors, the local control socket). Mesh sockets come from OpenCurveServer and
// OpenCurveClient. Set no ZMQ_ZAP_DOMAIN on another socket of the context: libzmq would then send
// its NULL or PLAIN clients to the ZAP handler, which refuses every mechanism but CURVE.
inline zmq::context_t& ZmqContext(TransportContext& context) { return context.impl().context; }

// InvalidArgument unless `domain` is 1 to 255 printable ASCII bytes. An empty domain is what
// makes libzmq skip the ZAP handler when ZMQ_ZAP_ENFORCE_DOMAIN is set.
Status ValidateZapDomain(std::string_view domain);

// CheckZmq's decision for given facts, so its messages can be tested on any machine.
Status CheckZmqFacts(int major, int minor, int patch, bool has_curve);

// A socket of `type` in `context` that is a CURVE server: it authenticates with `key`'s secret
// and asks the ZAP handler of `context` to admit each client in `zap_domain`, which libzmq is
// told to enforce (a missing handler refuses every client instead of admitting every one). The
// limits of `options` are applied. Configure before bind: the returned socket is not bound.
// The options are read back after setting, so a configuration libzmq did not take is an error.
// Change no security option of the socket afterwards. libzmq keeps its own copy of the secret
// key, in ordinary memory, for the socket's lifetime.
//
// InvalidArgument when `zap_domain` is empty or over 255 bytes, or `options` are out of range;
// FailedPrecondition when no ZapHandler runs in `context` for `zap_domain` (start it first);
// Internal when libzmq refuses an option or reads one back different.
Result<zmq::socket_t> OpenCurveServer(TransportContext& context, zmq::socket_type type,
                                      const protocol::TransportKey& key,
                                      std::string_view zap_domain, const SocketOptions& options);

// A socket of `type` in `context` that is a CURVE client: it talks only to the server whose
// public key is `server_key` and authenticates as `key`. Limits and read-back as above.
// InvalidArgument for an all-zero `server_key` or bad `options`; Internal as above.
Result<zmq::socket_t> OpenCurveClient(TransportContext& context, zmq::socket_type type,
                                      const protocol::TransportKey& key,
                                      const TransportPublicKey& server_key,
                                      const SocketOptions& options);

// Applies the limits of `options` to `socket` (ZMQ_MAXMSGSIZE, heartbeats, handshake timeout,
// linger, high-water marks, reconnect intervals, and ZMQ_ROUTER_MANDATORY on a ROUTER, so a send
// to an unknown or disconnected peer fails with EHOSTUNREACH and one to a full queue with EAGAIN
// instead of vanishing). OpenCurveServer and OpenCurveClient call it; call it yourself only for
// non-mesh sockets (e.g. a local control socket). InvalidArgument for bad options; Internal when
// libzmq refuses one.
Status ConfigureSocketLimits(zmq::socket_t& socket, const SocketOptions& options);

// The name of the peer that sent `message`: the user id the ZAP handler gave its connection,
// libzmq's "User-Id" property. Pass a frame the peer sent: on a ROUTER, the routing-id frame
// libzmq prepends carries no properties (4.3.4). Never identify a peer by its routing id, which
// the peer chooses (ZMQ_ROUTING_ID). Unauthenticated when the frame carries no user id (it came
// over inproc, over a socket with no ZAP handler, or is a routing-id frame).
Result<std::string> PeerName(const zmq::message_t& message);

// Drops the connection of `socket` to `endpoint`, if any, and connects again: what a connecting
// socket must do when ReconnectTracker says so, since libzmq will not. Internal when
// libzmq refuses the connect.
Status Reconnect(zmq::socket_t& socket, const std::string& endpoint);

// Reports the connection events of one socket (zmq_socket_monitor). The event loop polls
// socket() for ZMQ_POLLIN alongside its other sockets and calls ReadEvents() when it is
// readable, promptly: libzmq blocks the monitored socket's I/O when the monitor's queue is full.
//
// The monitored socket must outlive the monitor: the destructor stops monitoring it. Declare the
// monitor after the socket it watches. Not thread-safe; use on the monitored socket's thread.
class ConnectionMonitor {
 public:
  // Starts monitoring `socket`, which belongs to `context`; replaces a monitor already on it.
  // Internal when libzmq refuses.
  static Result<std::unique_ptr<ConnectionMonitor>> Start(TransportContext& context,
                                                          zmq::socket_t& socket);
  ~ConnectionMonitor();
  ConnectionMonitor(const ConnectionMonitor&) = delete;
  ConnectionMonitor& operator=(const ConnectionMonitor&) = delete;

  // Readable when events are queued. Owned by the monitor.
  zmq::socket_t& socket() { return pipe_; }

  // The events queued now, oldest first, at most `max_events`; never blocks. Internal when an
  // event is not in libzmq's documented shape.
  Result<std::vector<ConnectionEvent>> ReadEvents(std::size_t max_events = 256);

 private:
  ConnectionMonitor(zmq::socket_ref monitored, zmq::socket_t pipe)
      : monitored_(monitored), pipe_(std::move(pipe)) {}

  zmq::socket_ref monitored_;
  zmq::socket_t pipe_;  // PAIR connected to the monitor endpoint
};

}  // namespace citynet::node
