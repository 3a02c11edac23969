// The node's wire to its partners, as the daemon shell uses it: send what the engine returns,
// apply a reloaded roster, and say who is connected. citynetd's is the CURVE mesh
// (node/net/mesh.h), opened by Environment::Real (node/daemon/environment.h). A test gives a
// daemon another through its Environment: the in-process wire of tests/node/loopback_network.h
// runs whole daemons, control socket and all, with no mesh socket. Either way the node side of a
// link (who is served, catch-ups, the engine) is PeerLinks (node/engine/peer_links.h), so it is
// the same over every wire.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "node/net/event_loop.h"
#include "node/net/transport.h"
#include "protocol/crypto.h"
#include "protocol/status.h"

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

class Network {
 public:
  virtual ~Network() = default;

  // Where partners reach this node (bound endpoints, ephemeral ports resolved).
  virtual const std::vector<std::string>& endpoints() const = 0;

  // Applies a reloaded roster: only its partners may connect from now on, partners no longer in
  // it are disconnected and forgotten, dials whose partner, endpoint or key changed are redone.
  // `roster` outlives the network (or the next SetRoster). On an error nothing has changed and
  // `roster` may be destroyed; the message names the partner.
  virtual Status SetRoster(const Roster& roster, std::vector<Dial> dials) = 0;

  // Sends engine output produced outside a message (e.g. SyncEngine::Publish's pushes). What
  // cannot be routed now is counted (unroutable); catch-up delivers it later.
  virtual void Send(std::vector<Outgoing> out) = 0;

  virtual MeshStats stats() const = 0;
  // Every partner of the roster, with its connection state, in roster order.
  virtual std::vector<PeerLink> Links() const = 0;
  // Connections refused before any message, by reason (ZAP for the mesh).
  virtual ZapHandler::Stats refusals() const = 0;
};

// What a network is opened with. `loop`, `key`, `roster` and `engine` outlive the network, which
// registers its sources and timers with `loop` and hands the engine what partners send.
struct NetworkSetup {
  EventLoop* loop = nullptr;
  const protocol::TransportKey* key = nullptr;
  const Roster* roster = nullptr;
  SyncEngine* engine = nullptr;
  MeshOptions options;
  std::vector<Dial> dials;
};

}  // namespace citynet::node
