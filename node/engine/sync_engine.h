// The sync engine: what a node does with each message from a peer, and what it sends, with no
// sockets in sight. The daemon's event loop owns the sockets and the clock and drives this:
// it reports peers coming and going, hands over every authenticated message, calls
// StartCatchUp on connect and on a timer, and sends what the engine returns.
//
// Rules enforced here (ARCHITECTURE.md "The mesh"):
//  - the sender decides: a record of network N goes only to partners in N, and a pull or a
//    summary is answered only for networks shared with the asking peer;
//  - authorship comes from the signature, never from the connection; an author must be a
//    member of the record's network, and the peer that sends it must share that network;
//  - cheap checks (known author, shared network, sequence window) come before signature
//    verification; every refusal is counted by reason;
//  - catch-up: one summary per shared network; equal summaries end the exchange; for a network
//    that differs, heads are exchanged and each side pulls, feed by feed, in bounded batches with
//    one pull outstanding per feed and peer;
//  - relay: a record accepted from a live push is pushed on to the other partners of its
//    network, and every held record is served to catch-up pulls, so members without a direct
//    link converge through any member that has one.
//
// Not thread-safe: the event loop calls it from one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "node/engine/roster.h"
#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/record.h"
#include "store/store.h"

namespace citynet::node {

class BodyTransfer;

struct Outgoing {
  std::string peer;  // partner name
  protocol::Envelope message;
};

struct SyncOptions {
  // Records per batch: ~2 MiB of 1 KiB cases, below max_batch_bytes. Larger batches halved the
  // per-batch costs of catch-up (measured 512 -> 2048: +10 %).
  uint32_t pull_batch_records = 2048;
  std::size_t max_batch_bytes = 4u << 20;
  // A record more than this far beyond its feed's head is refused unverified (a peer cannot
  // make the node verify and park records without end).
  uint64_t seq_window = 100000;
  // A pull unanswered for this long is dropped (the peer's queue overflowed, or it restarted),
  // so the next catch-up round can ask again.
  int64_t pull_timeout_ms = 60'000;
  // Unsolicited messages (live pushes, summaries, heads, pulls) accepted per second from one
  // peer; more are refused ("rate limit") and dropped: catch-up fetches the records later, on
  // this node's terms. Batches are exempt: they only answer this node's own pulls.
  double peer_rate_per_s = 2000;
  // Threads that verify the records of one batch in parallel (1: on the caller's thread).
  unsigned verify_threads = 1;
};

struct SyncCounters {
  uint64_t records_accepted = 0;  // new records stored
  uint64_t records_duplicate = 0;
  uint64_t records_waiting = 0;
  uint64_t records_fork = 0;
  uint64_t records_sent = 0;     // live pushes and batch entries
  uint64_t summaries_equal = 0;  // networks found equal in a summary exchange
  uint64_t pulls_sent = 0;
  uint64_t pulls_timed_out = 0;
  uint64_t receipts_sent = 0;      // erasure receipts this node issued for partners' retractions
  uint64_t receipts_deferred = 0;  // not issued yet: the network is under a restore hold
  std::map<std::string, uint64_t> accepted_by_network;  // records stored, by network
  std::map<std::string, uint64_t> sent_by_network;      // records sent, by network
  std::map<std::string, uint64_t> refused;              // by reason
};

class SyncEngine {
 public:
  // `store`, `roster` and `key` outlive the engine. `key` is this node's signing key.
  SyncEngine(store::Store* store, const Roster* roster, const protocol::SigningKey* key,
             SyncOptions options = {});

  // Where to send a message that should leave before the engine is done with the message in
  // hand (the next pull of a feed, sent before the current batch is verified and stored, so the
  // peer reads while this node verifies). Unset, such messages join the returned output.
  void SetEarlySend(std::function<void(std::vector<Outgoing>)> send) {
    early_send_ = std::move(send);
  }

  // Replaces the roster (after a reload), here and in the body transfer. Pulls of networks no
  // longer shared are dropped.
  void SetRoster(const Roster* roster);

  // Dataset bodies: ChunkPull and ChunkData messages go to `body` (without one they are refused
  // as "unexpected message"), and so do peers coming and going, stored records (a fetch-all
  // policy, a retraction ending a fetch) and roster reloads. `body` outlives the engine, or is
  // reset to nullptr before it goes.
  void SetBodyTransfer(BodyTransfer* body) { body_ = body; }

  void PeerUp(const std::string& peer);
  void PeerDown(const std::string& peer);
  const std::set<std::string>& connected() const { return connected_; }

  // A summary of every network shared with `peer`. Call on connect and periodically.
  std::vector<Outgoing> StartCatchUp(const std::string& peer);

  // Handles one message from an authenticated peer. Returns what to send, to that peer or to
  // others (relay). Malformed or unauthorised content is refused and counted, never fatal.
  std::vector<Outgoing> OnMessage(const std::string& peer, const protocol::Envelope& message,
                                  int64_t now_ms);

  // Publishes a payload of this node in `network`: reserves the feed position durably, signs,
  // stores with fsync, and returns the record and its live pushes. Errors: InvalidArgument
  // (validation, or a network this node is not in), store errors. `before_store`, when set, is
  // called with the signed record's id before the record is stored (a dataset publish marks its
  // body as being stored there, so a stop between record and body is mended at the next start;
  // the body follows the record and is served once complete); its error aborts the publish.
  struct Published {
    RecordId id;
    std::vector<Outgoing> pushes;
  };
  Result<Published> Publish(const std::string& network, const protocol::Payload& payload,
                            int64_t now_ms, const protocol::HeaderRefs& refs = {},
                            std::optional<RecordId> supersedes = std::nullopt,
                            const std::function<Status(const RecordId&)>& before_store = {});

  // Issues the erasure receipts this node owes: for every partner's retraction held here that
  // no receipt of this node answers (the node stopped between storing the retraction and
  // publishing its receipt). Call at start, before the mesh runs. Returns the receipts' pushes.
  std::vector<Outgoing> AnswerUnansweredRetractions(int64_t now_ms);

  // The restore hold. A node restored from a backup knows its own feed only up to the backup;
  // partners may hold later records of it. Signing the next record from the old head would
  // give one seq two records: a fork, which partners keep as evidence for good. Under the hold
  // the node signs nothing in a network (Publish fails with FailedPrecondition, erasure
  // receipts wait) until every partner in it has shown its copy of this node's feed there (its
  // heads, or a summary equal to ours) and this node holds at least as much, pulled by the
  // ordinary catch-up. Then the network is released: `on_released` is called with it (the
  // daemon forgets it on disk) and the receipts owed there are issued. A network with no
  // partner is released at once (call before AnswerUnansweredRetractions at start); a roster
  // change that leaves every remaining partner confirmed releases at the next Tick.
  struct HoldPartner {
    bool heard = false;      // the partner has shown its copy of this node's feed
    uint64_t their_seq = 0;  // its head of this node's feed (0: it holds none)
    bool confirmed = false;  // heard, and this node's head is at least their_seq
  };
  using Hold = std::map<std::string, std::map<std::string, HoldPartner>>;  // network, partner
  void HoldSigning(const std::set<std::string>& networks,
                   std::function<void(const std::string& network)> on_released = {});
  bool Holding(const std::string& network) const { return hold_.count(network) != 0; }
  const Hold& hold() const { return hold_; }

  const SyncCounters& counters() const { return counters_; }
  // Feeds with a pull outstanding, for status and tests.
  std::size_t OutstandingPulls() const { return pulls_.size(); }

  // Drops pulls unanswered for longer than the pull timeout. Call from the event loop's timer.
  void Tick(int64_t now_ms);

  // Per connected peer: how many records the peer has told us of that we do not hold yet
  // (the sum, over the feeds being pulled from it, of its head minus ours).
  std::map<std::string, uint64_t> LagByPeer();

 private:
  using FeedKey = std::tuple<std::string, SigningPublicKey, std::string>;  // peer, author, net

  struct Pull {
    uint64_t target = 0;  // the peer's head seq we aim for
    int64_t sent_at_ms = 0;
  };
  struct Bucket {
    double tokens = 0;
    int64_t at_ms = 0;
    bool started = false;
  };

  void Refuse(const std::string& reason) { ++counters_.refused[reason]; }
  // Whether `peer` may send one more unsolicited message now (token bucket).
  bool TakeToken(const std::string& peer, int64_t now_ms);
  // The cheap checks of one record, before its signature: the decoded header, or nullopt after
  // counting the refusal.
  std::optional<protocol::RecordHeader> Precheck(const std::string& peer,
                                                 const protocol::SignedRecord& record);
  // Stores a verified record; appends relays to `out` when `relay`.
  void Accept(const std::string& peer, Result<protocol::VerifiedRecord> verified, int64_t now_ms,
              bool relay, std::vector<Outgoing>& out);
  // After storing a partner's retraction: this node's signed erasure receipt, saying for each
  // target whether its payload was purged here or was never held (it is refused from now on).
  void AnswerRetraction(const store::StoredRecord& retraction, int64_t now_ms,
                        std::vector<Outgoing>& out);
  // Verifies `records` (one feed, in order) on options_.verify_threads threads and stores each
  // in order as soon as it is verified, so storing overlaps verifying.
  void VerifyAndAccept(const std::string& peer,
                       const std::vector<const protocol::SignedRecord*>& records, int64_t now_ms,
                       std::vector<Outgoing>& out);
  void PushToPartners(const protocol::SignedRecord& record, const std::string& network,
                      const std::string& except, std::vector<Outgoing>& out);
  std::vector<Outgoing> OnSummary(const std::string& peer, const protocol::SyncSummary& s);
  std::vector<Outgoing> OnHeads(const std::string& peer, const protocol::SyncHeads& h,
                                int64_t now_ms);
  std::vector<Outgoing> OnPull(const std::string& peer, const protocol::SyncPull& p);
  std::vector<Outgoing> OnBatch(const std::string& peer, const protocol::SyncBatch& b,
                                int64_t now_ms);
  // Partners of held networks after a roster change: new ones unheard, gone ones forgotten.
  void RefreshHold();
  // Confirms the partners whose copy of this node's feed it now holds, and releases every
  // network whose partners are all confirmed; then issues the receipts owed, their pushes to
  // `out` (with `out` null, it leaves them to the caller).
  void CheckHold(int64_t now_ms, std::vector<Outgoing>* out);
  // Our heads of the given networks, as a message.
  Result<protocol::SyncHeads> HeadsOf(const std::vector<std::string>& networks);
  uint64_t OurSeq(const SigningPublicKey& author, const std::string& network);
  void MaybePull(const std::string& peer, const SigningPublicKey& author,
                 const std::string& network, uint64_t their_seq, int64_t now_ms,
                 std::vector<Outgoing>& out, std::optional<uint64_t> from_seq = std::nullopt);

  store::Store* store_;
  const Roster* roster_;
  const protocol::SigningKey* key_;
  SyncOptions options_;
  std::set<std::string> connected_;
  std::map<FeedKey, Pull> pulls_;  // one outstanding pull per feed and peer
  std::map<std::string, Bucket> buckets_;
  std::function<void(std::vector<Outgoing>)> early_send_;
  BodyTransfer* body_ = nullptr;
  Hold hold_;
  std::function<void(const std::string&)> on_hold_released_;
  SyncCounters counters_;
};

}  // namespace citynet::node
