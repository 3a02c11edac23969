// citynetd: the node process. Start() does everything that can fail before the node serves
// (libzmq check, keys, store, roster, sockets) and says what is wrong and what to do; Run() is
// the single-threaded event loop: the mesh sockets, the control socket, the metrics endpoint
// and the signals, all in one poll.
//
//  - SIGTERM / SIGINT: stop taking requests, tell systemd STOPPING, flush what is queued for
//    partners (the sockets' linger), close the store cleanly, return.
//  - SIGHUP: re-read the config file and apply the partner list (roster, ZAP allowlist, dials)
//    and the log level. Settings that need a restart (data_dir, keys, listen endpoints) are
//    reported and kept; a config with problems is reported and the running one kept.
//
// The control socket answers the CLI (tools/control_client.h); its operations are listed at
// Daemon::Handle in daemon.cc. Nothing in the process reads records from anywhere but the mesh,
// its own publishing, and the store.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "node/config/schema.h"
#include "node/daemon/environment.h"
#include "node/daemon/log.h"
#include "node/net/network.h"
#include "node/engine/roster.h"
#include "protocol/crypto.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::node {

// The node's two secret keys, from key_dir.
struct NodeKeys {
  protocol::SigningKey signing;
  protocol::TransportKey transport;
  bool created = false;  // made on this call (first start)
};

// Loads signing.key and transport.key from `key_dir`, creating the directory (mode 0700) and any
// missing key (mode 0600) first. Refuses keys others may read (PermissionDenied with the chmod).
Result<NodeKeys> LoadOrCreateKeys(const std::string& key_dir);

// This node's card as the config describes it (name, display name, advertised endpoints,
// networks), signed with its key.
Result<protocol::SignedNodeCard> MakeOwnCard(const NodeConfig& config, const NodeKeys& keys,
                                             int64_t issued_at_ms);

// The trust roster of a config: this node and each [[partner]] card with the networks shared.
Roster MakeRoster(const NodeConfig& config, const NodeKeys& keys);

// The partners this node dials (those with an endpoint).
std::vector<Dial> MakeDials(const NodeConfig& config);

// The restore hold on disk: DATA_DIR/restore-hold, one network per line, the networks in which
// the node signs nothing yet (SyncEngine::HoldSigning). `citynetd --restored` writes it with
// every network of the config, before the first start of a node restored from a backup; the
// daemon removes each network as it is released, and the file with the last one.
std::string RestoreHoldPath(const NodeConfig& config);
// Writes the hold with `networks`, or removes the file when `networks` is empty.
Status WriteRestoreHold(const NodeConfig& config, const std::set<std::string>& networks);
// The networks held (empty without the file). A line naming no network of the config is
// dropped: the node cannot sign there anyway.
Result<std::set<std::string>> ReadRestoreHold(const NodeConfig& config);

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (so in every thread it starts later)
// and ignores SIGPIPE: the daemon reads the signals from a signalfd in its loop. Call first in
// main, before any library starts a thread.
Status BlockDaemonSignals();

class Daemon {
 public:
  // `env`: what the node takes from the world (citynetd: Environment::Real()).
  static Result<std::unique_ptr<Daemon>> Start(NodeConfig config, Logger& log,
                                               Environment env);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Runs until SIGTERM or SIGINT, or Stop. Internal when the loop itself fails.
  Status Run();
  // Makes Run return after the loop's current turn, as SIGTERM does. Safe from any thread.
  void Stop();

  struct Impl;

 private:
  explicit Daemon(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::node
