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

#include <memory>
#include <string>
#include <vector>

#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "node/net/event_loop.h"
#include "node/net/network.h"
#include "node/net/transport.h"
#include "protocol/crypto.h"

namespace citynet::node {

class Mesh : public Network {
 public:
  // Starts the ZAP handler (allowlist: the roster's partners), binds the ROUTER, connects the
  // DEALERs, and registers its sockets and timers with `loop`. `loop`, `context`, `key`,
  // `roster` and `engine` outlive the mesh. Errors from the
  // transport (FailedPrecondition, InvalidArgument, Internal) name the endpoint.
  static Result<std::unique_ptr<Mesh>> Create(EventLoop& loop, TransportContext& context,
                                              const protocol::TransportKey& key,
                                              const Roster& roster, SyncEngine& engine,
                                              MeshOptions options, std::vector<Dial> dials);
  // The same on a ZeroMQ context of the mesh's own (citynetd's: Environment::Real).
  static Result<std::unique_ptr<Network>> Open(NetworkSetup setup);
  ~Mesh() override;
  Mesh(const Mesh&) = delete;
  Mesh& operator=(const Mesh&) = delete;

  // The endpoints bound, with ephemeral ports resolved.
  const std::vector<std::string>& endpoints() const override;

  // Applies a reloaded roster: the ZAP allowlist becomes its partners' keys (for handshakes
  // from now on), partners no longer in it are disconnected and forgotten, dials whose partner,
  // endpoint or key changed are redone, new dials start. `roster` outlives the mesh (or the
  // next SetRoster). The engine's roster is the owner's to set. On an error nothing has changed
  // (roster, allowlist, dealers and links are the old ones, and `roster` may be destroyed); the
  // message names the partner.
  Status SetRoster(const Roster& roster, std::vector<Dial> dials) override;

  // Starts dialing one more partner (a roster reload, or a test that learns ports late).
  // InvalidArgument when `dial.partner` is not a partner or the endpoint is malformed.
  Status AddDial(Dial dial);

  // Sends engine output produced outside a message (e.g. SyncEngine::Publish's pushes).
  void Send(std::vector<Outgoing> out) override;

  // The socket side's counters with those of the partners' messages (PeerLinks).
  MeshStats stats() const override;
  // Every partner of the roster, with its connection state, in roster order.
  std::vector<PeerLink> Links() const override;
  const ZapHandler& zap() const;
  ZapHandler::Stats refusals() const override;

 private:
  struct Impl;
  explicit Mesh(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::node
