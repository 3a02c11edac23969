// The mesh: the node's sockets and the loop that drives the sync engine over them. One
// ROUTER socket (CURVE server, ZAP-checked) takes connections from partners; one DEALER (CURVE
// client) per partner this node dials. Every message from a partner is handed to the
// SyncEngine with the partner's authenticated name (from ZAP on the ROUTER, from the server key
// on a DEALER), and what the engine returns is sent to the partners it names: over our DEALER
// to them when it is up, else back over the ROUTER connection they made.
//
// Single-threaded: the mesh registers its sockets and timers with the node's EventLoop and runs
// in its callbacks (citynetd's loop, or a test's). No ZeroMQ type appears here.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "node/net/event_loop.h"
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "node/net/transport.h"
#include "protocol/crypto.h"

namespace citynet::node {

struct MeshOptions {
  // Endpoints to bind, e.g. "tcp://0.0.0.0:7400" ("tcp://127.0.0.1:*" in tests).
  std::vector<std::string> listen;
  std::string zap_domain = "citynet";
  SocketOptions socket;
  // How often each connected partner is sent a catch-up summary.
  std::chrono::milliseconds catch_up_interval{30'000};
  // How often due catch-ups and reconnects are looked for.
  std::chrono::milliseconds timer_tick{50};
  // The wall clock in ms since the epoch, read after each poll: a record's arrival time.
  std::function<int64_t()> clock;
  // Receives the ZAP handler's lines about refused connections (called on its thread).
  std::function<void(std::string_view)> log;
  // Partners connected at once, inbound and outbound together ([limits] max_peers). A partner
  // beyond it is not served until a link frees up: its messages are dropped and counted
  // (MeshStats::over_max_peers) and `log` says so once per refusal. Records still reach it
  // through the partners that are connected (relay).
  std::size_t max_peers = 64;
  // Told when a partner becomes connected (up) or is connected no more, on the loop's thread.
  std::function<void(const std::string& partner, bool up)> on_link;
};

// A partner this node connects to.
struct Dial {
  std::string partner;
  std::string endpoint;
  TransportPublicKey server_key;
};

// One partner's connections, for status.
struct PeerLink {
  std::string partner;
  std::string dial_endpoint;  // empty when this node does not dial the partner
  bool outbound_up = false;   // our connection to them has passed the handshake
  bool inbound_up = false;    // they connected to us and have sent a message
  int reconnect_failures = 0;
};

struct MeshStats {
  uint64_t messages_in = 0;
  uint64_t messages_out = 0;
  uint64_t malformed = 0;       // undecodable messages, counted and dropped
  uint64_t unroutable = 0;      // engine output for a partner with no connection
  uint64_t unknown_sender = 0;  // authenticated but not in the roster (a stale allowlist)
  uint64_t over_max_peers = 0;  // messages from a partner refused because max_peers were up
};

class Mesh {
 public:
  // Starts the ZAP handler (allowlist: the roster's partners), binds the ROUTER, connects the
  // DEALERs, and registers its sockets and timers with `loop`. `loop`, `context`, `key`,
  // `roster` and `engine` outlive the mesh. Errors from the
  // transport (FailedPrecondition, InvalidArgument, Internal) name the endpoint.
  static Result<std::unique_ptr<Mesh>> Create(EventLoop& loop, TransportContext& context,
                                              const protocol::TransportKey& key,
                                              const Roster& roster, SyncEngine& engine,
                                              MeshOptions options, std::vector<Dial> dials);
  ~Mesh();
  Mesh(const Mesh&) = delete;
  Mesh& operator=(const Mesh&) = delete;

  // The endpoints bound, with ephemeral ports resolved.
  const std::vector<std::string>& endpoints() const;

  // Applies a reloaded roster: the ZAP allowlist becomes its partners' keys (for handshakes
  // from now on), partners no longer in it are disconnected and forgotten, dials whose partner,
  // endpoint or key changed are redone, new dials start. `roster` outlives the mesh (or the
  // next SetRoster). The engine's roster is the owner's to set. On an error nothing has changed
  // (roster, allowlist, dealers and links are the old ones, and `roster` may be destroyed); the
  // message names the partner.
  Status SetRoster(const Roster& roster, std::vector<Dial> dials);

  // Starts dialing one more partner (a roster reload, or a test that learns ports late).
  // InvalidArgument when `dial.partner` is not a partner or the endpoint is malformed.
  Status AddDial(Dial dial);

  // Sends engine output produced outside a message (e.g. SyncEngine::Publish's pushes).
  void Send(std::vector<Outgoing> out);

  const MeshStats& stats() const;
  // Every partner of the roster, with its connection state, in roster order.
  std::vector<PeerLink> Links() const;
  const ZapHandler& zap() const;

 private:
  struct Impl;
  explicit Mesh(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::node
