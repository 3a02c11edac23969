// citynetd's Prometheus metrics: the text exposition format (version 0.0.4) and a minimal
// HTTP/1.1 endpoint that serves it. There is no registry: at each scrape the daemon writes its
// current counters (records in and out by network, peers connected, sync lag per peer, refusals
// by reason) into a MetricsText, so what is served is always what the daemon knows now.
//
// Boundary: this module formats and serves text. It does not decide which metrics exist (the
// daemon does, in its render function), reads no config file (the daemon passes
// ListenConfig::metrics and allow_remote_metrics) and owns no event loop: the server's sockets
// are polled by the daemon's single-threaded loop, which calls OnReady and Tick. It resolves no
// host names ("localhost" is 127.0.0.1), so it never blocks.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/net/event_loop.h"
#include "protocol/status.h"

namespace citynet::node {

// Builds the text of one scrape. Families are written in the order they are started, each with
// its # HELP and # TYPE lines once, followed by its samples.
//
// A bad metric or label name, a family started twice, or a sample before any family is a bug in
// the caller: asserted in debug builds, written as given otherwise.
//
// Thread safety: not thread-safe; one per scrape. Copyable.
class MetricsText {
 public:
  enum class Type { kCounter, kGauge };
  using Labels = std::vector<std::pair<std::string, std::string>>;

  // Starts a family. `name` must match [a-zA-Z_:][a-zA-Z0-9_:]*; counters by convention end in
  // _total (not enforced). `help` is any text (backslashes and newlines are escaped).
  void Family(std::string_view name, std::string_view help, Type type);

  // A sample of the current family. Label names must match [a-zA-Z_][a-zA-Z0-9_]* and be
  // distinct; label values are any text (backslashes, double quotes and newlines are escaped).
  // Integral values below 2^63 in magnitude are written exactly, without exponent (every count
  // up to 2^53 is then the count itself); other values in the shortest form that reads back to
  // the same double; NaN, +Inf and -Inf as "NaN", "+Inf" and "-Inf".
  void Sample(double value, const Labels& labels = {});

  // The text so far: one line per HELP, TYPE and sample, each ending in "\n".
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::string family_;  // the current family's name; empty before the first Family
#ifndef NDEBUG
  std::vector<std::string> families_;  // every family started, to catch a repeat
#endif
};

// The exact spelling of `value` in a sample line (see MetricsText::Sample).
std::string FormatMetricValue(double value);

// The HTTP Content-Type of the text format.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

struct MetricsServerOptions {
  // "HOST:PORT". HOST is an IPv4 literal, an IPv6 literal in brackets, "localhost" (bound as
  // 127.0.0.1) or "*" (0.0.0.0, as the config file allows); PORT is 0 to 65535, 0 for a port
  // the kernel picks (tests).
  std::string listen;
  // When false, an address other than loopback (127.0.0.0/8, [::1], localhost) is refused.
  bool allow_remote = false;
  // Connections served at once (lingering ones included); one more is accepted and closed at
  // once. At least 1.
  std::size_t max_clients = 16;
  // A client that has not sent a full request head within this time after connecting, or has
  // not drained the reply within this time after it was queued, is closed. Positive.
  std::chrono::milliseconds timeout{5'000};
  // Receives one line per 500 answered (render threw) and per accept error other than a client
  // that hung up early. Called from OnReady; must not throw. May be empty.
  std::function<void(std::string_view)> log;
};

// A minimal HTTP/1.1 server for Prometheus scrapes, driven by its owner's poll loop.
//
//   GET /metrics (any query)  200, body = render(), Content-Type kMetricsContentType
//   HEAD /metrics             the same without the body (render() is still called)
//   GET or HEAD /             200, a line pointing at /metrics
//   another path              404
//   another method            405 with "Allow: GET, HEAD"
//   a head over 8 KiB         431
//   anything else malformed   400 (a request line that cannot be HTTP is refused as soon as
//                             it is seen, before the head ends); HTTP/2 and up get 505
//   render() throws           500 (logged), and the server keeps serving
//
// Every response carries Content-Length and "Connection: close", and the connection is closed
// after it: once the reply is written the server shuts down its side and reads (and discards)
// whatever the client still sends until it closes, so an unread request body never turns the
// close into a reset that would destroy the reply. A request body is ignored.
//
// Everything is non-blocking: the loop is never blocked and OnReady never throws. Time is passed
// in, so the timeouts are testable.
//
// Thread safety: not thread-safe; owned and called by one thread (the daemon's event loop).
// render() is called on that thread.
class MetricsServer {
 public:
  using Clock = std::chrono::steady_clock;

  // Checks the options and binds and listens (SO_REUSEADDR, non-blocking, close-on-exec).
  // InvalidArgument for a malformed `listen`, a host that is not a literal address or
  // "localhost", a non-loopback address without allow_remote (naming allow_remote_metrics),
  // max_clients 0, a timeout that is not positive or an empty render. Unavailable, naming the
  // address and what to do, when the socket cannot be created or bound (e.g. "cannot listen for
  // metrics on 127.0.0.1:9464: Address already in use: pick another [listen] metrics port").
  static Result<std::unique_ptr<MetricsServer>> Start(MetricsServerOptions options,
                                                      std::function<std::string()> render);

  // Closes the listening socket and every connection, answered or not.
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The descriptors to poll now and the events each waits for (revents 0). Changes after every
  // OnReady and Tick. The listening socket is left out for a while after the process ran out of
  // descriptors, so a pending connection does not make the loop spin.
  std::vector<PollItem> PollFds() const;

  // Handles the descriptors poll(2) reported, those of the last PollFds() with their revents
  // (entries with revents 0 and descriptors the server no longer has are ignored). Accepts,
  // reads, answers and closes as needed. Never blocks, never throws.
  void OnReady(const std::vector<PollItem>& ready, Clock::time_point now);

  // Closes the connections whose timeout passed at `now`, and resumes accepting after a pause.
  // Call at least every NextDeadline(), or simply after every poll.
  void Tick(Clock::time_point now);

  // The earliest time Tick has something to do (for the poll timeout); nullopt when nothing is
  // pending.
  std::optional<Clock::time_point> NextDeadline() const;

  // The bound port (the one the kernel picked when 0 was asked).
  uint16_t port() const { return port_; }
  // The bound address, "127.0.0.1:9464" or "[::1]:9464".
  std::string address() const;
  // Connections open now (lingering ones included).
  std::size_t clients() const { return clients_.size(); }

 private:
  struct Client;
  MetricsServer(MetricsServerOptions options, std::function<std::string()> render, int fd,
                std::string host, uint16_t port);

  void Accept(Clock::time_point now);
  // Each returns false when the connection must be closed.
  bool Read(Client& client, Clock::time_point now);
  bool Write(Client& client);
  bool Drain(Client& client);
  void Respond(Client& client, Clock::time_point now);
  void Log(std::string_view line) const;

  MetricsServerOptions options_;
  std::function<std::string()> render_;
  int listen_fd_;
  std::string host_;  // as address() prints it
  uint16_t port_;
  std::optional<Clock::time_point> accept_paused_until_;
  std::map<int, std::unique_ptr<Client>> clients_;
};

}  // namespace citynet::node
