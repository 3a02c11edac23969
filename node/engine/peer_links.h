// The node's side of its links to partners, whatever carries them: which partners are served (at
// most [limits] max_peers at once), when each is due a catch-up summary, and what the sync engine
// makes of the messages they send. The mesh (node/net) drives it from its CURVE sockets and the
// simulator (node/sim) from its simulated wire, so a simulated node serves its partners by the
// same rules as citynetd. It does no I/O: what it returns is for the caller to send.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "node/engine/sync_engine.h"
#include "protocol/bytes.h"

namespace citynet::node {

// When each connected partner is due its next catch-up summary: one when its link comes up
// (PeerLinks sends it), then one every `interval_ms` while it stays up.
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

struct PeerLinksOptions {
  // How often each connected partner is sent a catch-up summary ([limits] catch_up_interval).
  int64_t catch_up_interval_ms = 30'000;
  // Partners served at once, inbound and outbound together ([limits] max_peers). A partner
  // beyond it is not served until a link frees up: its messages are dropped and counted
  // (over_max_peers) and `log` says so once per refusal. Records still reach it through the
  // partners that are served (relay).
  std::size_t max_peers = 64;
  // Told why a partner is not served.
  std::function<void(std::string_view)> log;
  // Told when a partner becomes served (up) or is served no more.
  std::function<void(const std::string& partner, bool up)> on_link;
};

struct PeerLinksStats {
  uint64_t messages_in = 0;     // messages from served partners, decodable or not
  uint64_t malformed = 0;       // undecodable messages, counted and dropped
  uint64_t over_max_peers = 0;  // messages from a partner refused because max_peers were served
};

class PeerLinks {
 public:
  // `engine` outlives the links; its connected() set is the set of served partners.
  PeerLinks(SyncEngine& engine, PeerLinksOptions options);

  bool Served(const std::string& partner) const { return engine_->connected().count(partner); }

  // Whether `partner` is served, or may become served: not while max_peers others are. A refusal
  // is counted, and logged once until the partner is served.
  bool Admit(const std::string& partner);

  // A link to `partner` came up at `now_ms` (the schedule's clock). It becomes served (the caller
  // has admitted it) and is sent its first catch-up summary; nothing when already served.
  std::vector<Outgoing> Up(const std::string& partner, int64_t now_ms);

  // The partner's last link is gone: it is served no more. Nothing when it was not served.
  void Down(const std::string& partner);

  // A message from a served partner, arrived at `arrival_ms` (the wall clock: a record's
  // arrival time). Undecodable bytes are counted and dropped; the engine never sees them.
  std::vector<Outgoing> Receive(const std::string& partner, ByteView bytes, int64_t arrival_ms);
  std::vector<Outgoing> Receive(const std::string& partner, const protocol::Envelope& message,
                                int64_t arrival_ms);

  // The catch-up summaries due at `now_ms` (the schedule's clock).
  std::vector<Outgoing> Tick(int64_t now_ms);

  const PeerLinksStats& stats() const { return stats_; }

 private:
  SyncEngine* engine_;
  PeerLinksOptions options_;
  CatchUpSchedule catch_up_;
  std::set<std::string> refused_;  // refused since last served (logged once)
  PeerLinksStats stats_;
};

}  // namespace citynet::node
