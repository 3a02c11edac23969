// A node's engines as its configuration makes them: the roster of its partners and the limits
// of its sync engine and body transfer, and the rhythm of its catch-ups. citynetd and the
// simulator (node/sim) both build a node from a NodeConfig through these, so a simulated node
// runs with the limits a real one would.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "node/config/schema.h"
#include "node/engine/body_transfer.h"
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"

namespace citynet::node {

// Self (the config's name and networks, with these keys) and every configured partner with the
// networks the config shares with it.
Roster MakeRoster(const NodeConfig& config, const SigningPublicKey& signing_key,
                  const TransportPublicKey& transport_key);

// The sync engine's limits from [limits]: the per-peer rate, and batches that fit in one message
// (max_message_bytes less room for the envelope). `verify_threads` as the caller chooses.
SyncOptions SyncOptionsFor(const NodeConfig& config, unsigned verify_threads);

// The body transfer's fetch policy and serving rate from [datasets].
BodyTransferOptions BodyTransferOptionsFor(const NodeConfig& config);

// When each connected partner is due its next catch-up summary: one when its link comes up
// (the caller sends it), then one every `interval_ms` while it stays up. The mesh drives it with
// its loop's clock, the simulator with virtual time.
class CatchUpSchedule {
 public:
  explicit CatchUpSchedule(int64_t interval_ms) : interval_ms_(interval_ms) {}
  // The link to `peer` came up at `now_ms`: its next summary is due an interval later.
  void Up(const std::string& peer, int64_t now_ms) { next_[peer] = now_ms + interval_ms_; }
  void Down(const std::string& peer) { next_.erase(peer); }
  bool Scheduled(const std::string& peer) const { return next_.count(peer) != 0; }
  // The partners due at `now_ms`, in name order, each rescheduled an interval on.
  std::vector<std::string> TakeDue(int64_t now_ms);

 private:
  int64_t interval_ms_;
  std::map<std::string, int64_t> next_;
};

}  // namespace citynet::node
