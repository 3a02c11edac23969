// The mesh's transport security: who may open a connection to this node, and how every mesh
// socket is configured. Every mesh socket speaks CurveZMQ; a ZAP handler (RFC 27) admits only the
// transport keys of the node's trust roster and names the peer of each admitted connection, so the
// event loop can read who sent a message from its "User-Id" property. There is no plaintext mode.
//
// Boundary: this module decides whether a connection is admitted (a key in the allowlist, over
// CURVE, in our ZAP domain). It does not decide what an admitted peer may read or write (network
// membership is the sync layer's decision) and it owns no event loop. No ZeroMQ type appears
// here: the socket-level helpers the event loop uses (opening CURVE sockets, reading the peer's
// name from a message, watching connection events) are in node/internal/curve_socket.h.
//
// Why the care: libzmq 4.3.4 fails open. A CURVE server socket admits any client key when no ZAP
// handler is bound in its context and ZMQ_ZAP_ENFORCE_DOMAIN is unset, and when its ZAP domain is
// empty and ZMQ_ZAP_ENFORCE_DOMAIN is set (the handler is then never asked, even when bound).
// The helpers in node/internal/curve_socket.h make those configurations impossible to build.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/status.h"

namespace citynet::node {

// Checks that the libzmq this process runs with can enforce what this module relies on: version
// 4.3.3 or newer (ZAP domain enforcement), CURVE support (libzmq built with libsodium), and a
// working ZMQ_ZAP_ENFORCE_DOMAIN option. FailedPrecondition with what to install otherwise.
// Thread-safe; creates and destroys a short-lived libzmq context.
Status CheckZmq();

// One libzmq context: the scope of the inproc endpoints, hence of one ZAP handler. Every socket,
// ZapHandler and ConnectionMonitor made in a context must be destroyed before the context; the
// destructor blocks until they are (libzmq's zmq_ctx_term).
//
// Thread safety: the object may be shared by threads; the sockets made in it may not.
class TransportContext {
 public:
  // A new context, after CheckZmq() passed (FailedPrecondition when it did not). Internal when
  // libzmq cannot create a context.
  static Result<std::unique_ptr<TransportContext>> Create();

  ~TransportContext();
  TransportContext(const TransportContext&) = delete;
  TransportContext& operator=(const TransportContext&) = delete;

  // The libzmq context and the ZAP handler registration, for node/internal/curve_socket.h only
  // (the type is complete there and nowhere else).
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit TransportContext(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The transport keys this node admits, with the peer name each one is known by. A name is what a
// server reads as the "User-Id" of the peer's messages: 1 to 255 printable ASCII bytes. One name
// may have several keys (during a key rotation).
using Allowlist = std::map<TransportPublicKey, std::string>;

// The ZeroMQ Authentication Protocol handler of one context. It answers the ZAP requests of every
// CURVE server socket of its context, on its own thread: it allows a request only when the
// mechanism is CURVE, the ZAP domain is the configured one and the client's public key is in the
// allowlist, and it names the peer (the reply's user id) after the allowlist. Every other request
// gets status 400, is counted by reason and reported through the log callback. A malformed
// request gets a 400 too and never stops or blocks the handler.
//
// Start it before any CURVE server socket of its context binds (OpenCurveServer refuses to open
// one otherwise). Destroying the handler stops and joins its thread; from then on the context's
// CURVE servers refuse every client (they enforce the domain), so the transport fails closed: at
// once, or at the handshake timeout for a request that reached the handler while libzmq was
// still tearing its socket down.
//
// Changing the allowlist affects only handshakes that start afterwards: a connection admitted
// before stays up. The event loop must compare the "User-Id" of each message with the roster to
// stop serving a removed peer.
//
// Thread safety: every method may be called from any thread.
class ZapHandler {
 public:
  struct Options {
    // The ZAP domain of the node's CURVE server sockets: 1 to 255 printable ASCII bytes.
    std::string domain;
    Allowlist allowlist;
    // Receives one line per refused request (and a line when the handler stops on an error).
    // Called on the handler's thread, one call at a time; it must not block for long (handshakes
    // wait for it) and must not throw. May be empty.
    std::function<void(std::string_view)> log;
  };

  // A snapshot of the handler's counters. Each counter is exact; a snapshot taken while requests
  // are served may mix counts from slightly different instants.
  struct Stats {
    uint64_t allowed = 0;
    uint64_t denied_unknown_key = 0;      // CURVE, right domain, key not in the allowlist
    uint64_t denied_wrong_domain = 0;     // a ZAP domain other than the configured one
    uint64_t denied_wrong_mechanism = 0;  // NULL or PLAIN (or anything but CURVE)
    uint64_t denied_malformed = 0;        // not a well-formed ZAP 1.0 CURVE request
    uint64_t denied() const {
      return denied_unknown_key + denied_wrong_domain + denied_wrong_mechanism + denied_malformed;
    }
  };

  // Binds the handler to inproc://zeromq.zap.01 in `context` (before returning, so a CURVE server
  // opened afterwards is covered) and starts its thread. `context` must outlive the handler.
  // InvalidArgument for a bad domain or allowlist entry; AlreadyExists when the context already
  // has a ZAP handler (this one or another library's; or, for an instant, one just destroyed,
  // whose endpoint libzmq releases asynchronously); Internal when libzmq or the thread fails.
  static Result<std::unique_ptr<ZapHandler>> Start(TransportContext& context, Options options);

  // Stops and joins the thread, and withdraws the handler from its context.
  ~ZapHandler();
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  // Replaces the allowlist (a roster reload, e.g. on SIGHUP) for the handshakes that start
  // afterwards. InvalidArgument, leaving the current allowlist in place, when an entry is bad
  // (an all-zero key, or a name that is empty, longer than 255 bytes or not printable ASCII).
  Status SetAllowlist(Allowlist allowlist);

  Stats stats() const;
  const std::string& domain() const;

  // Ok while the handler serves requests; the error that stopped its thread otherwise (the
  // context's CURVE servers then refuse every client).
  Status status() const;

 private:
  struct Impl;
  explicit ZapHandler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The limits every mesh socket gets (node/internal/curve_socket.h applies them). Durations are
// whole milliseconds; they must be positive unless noted and at most INT32_MAX.
struct SocketOptions {
  // A larger message makes libzmq drop the connection for good (see ReconnectTracker).
  int64_t max_message_bytes = int64_t{8} << 20;
  // A PING every interval; the connection is dropped when nothing arrives within the timeout,
  // and the peer is asked to drop it after the TTL (at most 6553500 ms, rounded to 100 ms).
  std::chrono::milliseconds heartbeat_interval{10'000};
  std::chrono::milliseconds heartbeat_timeout{30'000};
  std::chrono::milliseconds heartbeat_ttl{30'000};
  // A CURVE handshake that takes longer is abandoned (and libzmq retries the connection).
  std::chrono::milliseconds handshake_timeout{10'000};
  // How long closing a socket waits to flush queued messages; may be 0.
  std::chrono::milliseconds linger{100};
  // Queue bounds, in messages, per peer and direction.
  int send_hwm = 1000;
  int receive_hwm = 1000;
  // libzmq's own reconnection after a lost connection (not after a failed handshake: see
  // ReconnectTracker), doubling up to the maximum.
  std::chrono::milliseconds reconnect_interval{250};
  std::chrono::milliseconds reconnect_interval_max{30'000};
};

// InvalidArgument naming the first option out of range.
Status ValidateSocketOptions(const SocketOptions& options);

// What happened to a connection of a monitored socket (see ConnectionMonitor in
// node/internal/curve_socket.h).
enum class ConnectionEventType {
  kConnected,                // TCP connection up (connected or accepted); handshake pending
  kHandshakeSucceeded,       // CURVE handshake and ZAP passed: the peer is usable
  kHandshakeFailedNoDetail,  // e.g. a timeout (libzmq retries), or a server without ZAP handler
  kHandshakeFailedProtocol,  // wrong server key, plaintext peer...; libzmq does not retry
  kHandshakeFailedAuth,      // the ZAP handler refused the client; libzmq does not retry
  kDisconnected,             // an established or pending connection was lost
  kConnectRetried,           // libzmq will try to connect again (value: the interval in ms)
  kClosed,                   // a connection or listener was closed
  kOther,                    // an event this module does not name (value: libzmq's event id)
};

struct ConnectionEvent {
  ConnectionEventType type = ConnectionEventType::kOther;
  // On a connecting socket, the endpoint it connected to. On a binding socket, the endpoint it
  // listens on: libzmq does not say which peer it was (the ZAP log line does, for refusals).
  std::string endpoint;
  // libzmq's value: the ZAP status code for kHandshakeFailedAuth, a ZMQ_PROTOCOL_ERROR_* code for
  // kHandshakeFailedProtocol, an errno for kHandshakeFailedNoDetail, a file descriptor for
  // kConnected and kDisconnected.
  uint32_t value = 0;
};

// "handshake failed (auth)".
std::string_view ConnectionEventTypeName(ConnectionEventType type);
// A line for the log, e.g. "handshake failed (protocol) on tcp://10.0.0.2:7400: mechanism
// mismatch (the peer does not speak CURVE) (0x11000002)".
std::string DescribeConnectionEvent(const ConnectionEvent& event);

// Exponential back-off with jitter for reconnecting after a failed handshake.
struct BackoffOptions {
  std::chrono::milliseconds initial{500};  // the first delay, before jitter; > 0
  std::chrono::milliseconds max{300'000};  // no delay is longer; >= initial
  double multiplier = 2.0;                 // >= 1
  double jitter = 0.2;  // in [0, 1]: each delay is drawn from [base * (1 - jitter), base]
};

// The delays between reconnection attempts to one endpoint: initial, then multiplied after each
// failure up to the cap, each shortened by a random fraction (so a mesh that lost a node does not
// come back in lockstep), and back to the start after a success. Deterministic for a seed.
//
// Thread safety: not thread-safe (one per endpoint, owned by the event loop). Copyable.
class ReconnectBackoff {
 public:
  // InvalidArgument naming the first option out of range.
  static Result<ReconnectBackoff> Create(BackoffOptions options, uint64_t seed);

  // The delay to wait before the next attempt, and one more failure counted.
  std::chrono::milliseconds NextDelay();
  // After a successful handshake: the next delay is the initial one again.
  void Reset();
  // Delays handed out since the last Reset.
  int failures() const { return failures_; }

 private:
  ReconnectBackoff(BackoffOptions options, uint64_t seed);
  double NextUnit();  // uniform in [0, 1)

  BackoffOptions options_;
  uint64_t rng_state_;
  double base_ms_;
  int failures_ = 0;
};

// Decides when the event loop must reconnect an endpoint of one connecting socket itself.
//
// libzmq 4.3.4 reconnects by itself after a connection error (refused, reset, heartbeat or
// handshake timeout): its monitor then reports kDisconnected followed by kConnectRetried. After a
// protocol error it gives up on the endpoint for good, reporting kDisconnected with no
// kConnectRetried: a failed handshake (kHandshakeFailedProtocol or kHandshakeFailedAuth comes
// first) or, after the handshake, a malformed or oversize (ZMQ_MAXMSGSIZE) message from the
// peer. The two cases cannot be told apart when the kDisconnected arrives, so the tracker
// schedules a reconnection on every kDisconnected, after a ReconnectBackoff delay, and cancels
// it when kConnectRetried (libzmq took it) or kHandshakeSucceeded (which also resets the
// back-off) arrives first; libzmq emits kConnectRetried immediately, long before any delay ends.
// Should a reconnection still race libzmq's own, no harm is done: Reconnect drops and redoes it.
//
// Time is passed in, so the schedule is testable without sleeping. Thread safety: not
// thread-safe (one per connecting socket, owned by the event loop). Copyable.
class ReconnectTracker {
 public:
  using Clock = std::chrono::steady_clock;

  // InvalidArgument naming the first back-off option out of range. Each endpoint gets its own
  // back-off, seeded from `seed` and the endpoint.
  static Result<ReconnectTracker> Create(BackoffOptions options, uint64_t seed);

  // Feeds one event of the socket's ConnectionMonitor, observed at `now`.
  void OnEvent(const ConnectionEvent& event, Clock::time_point now);
  // The endpoints whose reconnection is due at `now`, removed from the schedule, sorted. For
  // each, call Reconnect(socket, endpoint) (node/internal/curve_socket.h).
  std::vector<std::string> TakeDue(Clock::time_point now);
  // The earliest scheduled reconnection (for the poll timeout); nullopt when none is.
  std::optional<Clock::time_point> NextDue() const;
  // Failed attempts on `endpoint` since its last successful handshake.
  int failures(const std::string& endpoint) const;
  // Drops the state of an endpoint the socket no longer connects to.
  void Forget(const std::string& endpoint);

 private:
  struct Entry {
    ReconnectBackoff backoff;
    std::optional<Clock::time_point> due;
  };
  ReconnectTracker(BackoffOptions options, uint64_t seed) : options_(options), seed_(seed) {}
  Entry& EntryFor(const std::string& endpoint);

  BackoffOptions options_;
  uint64_t seed_;
  std::map<std::string, Entry> entries_;
};

}  // namespace citynet::node
