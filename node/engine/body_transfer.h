// Dataset bodies between nodes (ARCHITECTURE.md "Datasets and the privacy gate"): the signed
// Dataset record replicates like every record (SyncEngine); its body, a CSV split into
// content-addressed chunks, is fetched here, chunk by chunk, from partners that share the
// record's network, verified against the record's chunk list and re-checked by this node's own
// privacy gate before a byte of it is stored, and served to partners once complete.
//
// Like SyncEngine, no sockets and no threads: the daemon's event loop reports peers coming and
// going, hands over ChunkPull and ChunkData messages (through SyncEngine::SetBodyTransfer), calls
// OnWake when told that work finished (SetOnReady) and Tick on its timer, and sends what every
// call returns.
//
// Fetching: a window of chunks outstanding per dataset, spread over the connected partners of
// the dataset's network (its author first). A peer that answers held=false is not asked again
// for that dataset for a while; a request unanswered after a timeout goes to another peer; a peer
// that sends a chunk that does not match the record is marked and not asked again for a longer
// while. The body's state is durable (store::BodyStatus): a fetch in progress resumes after a
// restart (Resume) from the chunks already held.
//
// Verification runs as work on a WorkRunner (citynetd: a worker thread of its own), one job at a
// time and in order, so checking and storing a large body never delays the loop and the
// transfer's jobs never wait on other work: the chunk's size and hash against the record, the
// privacy gate's
// BodyChecker::CheckChunk, then store::Store::PutChunks (chunk and status in one batch). A chunk
// that fails the gate, or a whole body that fails BodyChecker::Finish (row count, k, l), drops
// the body: its chunks are deleted and it is recorded kRefused with the reason, is never served,
// and is never fetched again unless Fetch is called explicitly.
//
// Serving: a chunk is sent only for a dataset whose body is complete here (this node's own
// too: its record is stored before its body, and a pull that comes in between is answered
// held=false), only to a partner that shares the record's network, never for a retracted
// record; any other pull is answered held=false. Bytes served to one peer are rate-limited (a
// token bucket in bytes per second); pulls beyond the bucket wait in a short per-peer queue,
// served by Tick.
//
// Thread safety: every public method is called from the event loop's thread only. A job touches
// the store (which is thread-safe), the gate (const, thread-safe) and the checkers; jobs run one
// at a time, each submitted by the continuation of the one before, so the runner's hand-over
// orders them. Their results come back in the continuation, on the loop's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/config/schema.h"  // FetchPolicy
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "node/engine/work_runner.h"
#include "protocol/codec.h"
#include "protocol/types.h"
#include "store/store.h"

namespace citynet::privacy {
class Gate;
}

namespace citynet::node {

struct BodyTransferOptions {
  FetchPolicy policy = FetchPolicy::kOnDemand;
  // Chunks requested and not yet answered, per dataset.
  uint32_t window = 4;
  // Datasets fetched at the same time; more wait their turn (kFetching in the store). Bounds the
  // memory in flight to about max_active * window chunks.
  uint32_t max_active = 8;
  // A chunk request unanswered this long is asked of another peer.
  int64_t request_timeout_ms = 30'000;
  // A peer that answered held=false (or timed out) is not asked for that dataset for this long.
  int64_t not_held_backoff_ms = 60'000;
  // A peer that sent a chunk that does not match the record, for this long.
  int64_t bad_chunk_backoff_ms = 600'000;
  // Bytes served to one peer per second, and the bucket's size (at least one chunk is always
  // served when the bucket is not empty, so a small bucket still serves 1 MiB chunks).
  double serve_bytes_per_s = 8.0 * 1024 * 1024;
  double serve_burst_bytes = 4.0 * 1024 * 1024;
  // Chunk requests of one peer waiting for its bucket; more are dropped ("rate limit").
  std::size_t max_queued_per_peer = 64;
};

struct BodyCounters {
  uint64_t chunks_fetched = 0;  // verified and stored
  uint64_t chunks_served = 0;
  uint64_t bytes_served = 0;
  uint64_t requests_sent = 0;  // ChunkPull messages
  uint64_t requests_timed_out = 0;
  uint64_t not_held = 0;  // held=false answers received
  uint64_t bodies_completed = 0;
  // Chunks refused, by reason: "chunk hash mismatch", "chunk failed the privacy check",
  // "chunk that was not asked for", "malformed chunk message", "store error".
  std::map<std::string, uint64_t> chunks_refused;
  // Bodies refused, by reason: "identifier or shape in a chunk", "privacy re-count of the body",
  // "store error".
  std::map<std::string, uint64_t> bodies_refused;
  // Pulls answered held=false or dropped, by reason ("not complete here", "network not shared",
  // "retracted", "not a dataset", "unknown record", "rate limit", ...).
  std::map<std::string, uint64_t> serve_refused;
};

// Where the body of one dataset stands, for status and `dataset show`.
struct BodyProgress {
  store::BodyState state = store::BodyState::kAbsent;
  uint32_t chunks_held = 0;
  uint32_t chunks_total = 0;
  uint64_t total_bytes = 0;
  bool active = false;             // being fetched now (false: waiting for a slot, or done)
  std::vector<std::string> peers;  // peers with chunk requests outstanding now
  std::string refusal;             // kRefused: why
};

class BodyTransfer {
 public:
  // `store`, `roster`, `gate`, `self` (this node's signing public key) and `runner` outlive the
  // transfer, and `runner` runs nothing of the transfer's once it is destroyed: citynetd destroys
  // its executor first. Work in progress is then abandoned (a body being fetched stays kFetching
  // in the store and resumes at the next start).
  BodyTransfer(store::Store* store, const Roster* roster, const privacy::Gate* gate,
               SigningPublicKey self, WorkRunner* runner, BodyTransferOptions options = {});
  ~BodyTransfer();
  BodyTransfer(const BodyTransfer&) = delete;
  BodyTransfer& operator=(const BodyTransfer&) = delete;

  // Called on the loop's thread when a job finished: then call OnWake and send what it returns.
  void SetOnReady(std::function<void()> on_ready) { on_ready_ = std::move(on_ready); }

  // Replaces the roster (after a reload); `roster` outlives the transfer.
  void SetRoster(const Roster* roster) { roster_ = roster; }

  // Continues every body left kFetching in the store (a restart): each starts from the chunks
  // already held, which a job feeds to the privacy checker's count before new ones arrive.
  // Call once at start, before the mesh runs. Errors: store errors listing the bodies.
  Status Resume(int64_t now_ms);

  // Fetches the body of `dataset` (an explicit request: a refused body is tried again).
  // Ok when the fetch started, is already under way, or the body is complete here.
  // Errors: NotFound (record not held), InvalidArgument (not a dataset), FailedPrecondition
  // (retracted, or of a network this node is not in), store errors. Requests go out on the next
  // PeerUp, Tick or OnWake.
  Status Fetch(const RecordId& dataset, int64_t now_ms);

  // A record was stored (SyncEngine calls this): with FetchPolicy::kAll a partner's dataset
  // starts fetching; a retraction cancels the fetch of its targets.
  void OnRecordStored(const RecordId& id, const protocol::RecordHeader& header, int64_t now_ms,
                      std::vector<Outgoing>& out);

  // A partner connected or went away. Requests to a new peer go out at the next Tick or OnWake;
  // those outstanding with a peer that went away are asked of others then.
  void PeerUp(const std::string& peer);
  void PeerDown(const std::string& peer);

  // A ChunkPull or ChunkData from an authenticated partner.
  std::vector<Outgoing> OnChunkPull(const std::string& peer, const protocol::ChunkPull& pull,
                                    int64_t now_ms);
  std::vector<Outgoing> OnChunkData(const std::string& peer, const protocol::ChunkData& data,
                                    int64_t now_ms);

  // Collects the jobs' results (chunks stored, refusals, completed bodies) and sends the next
  // requests. Call when told (SetOnReady); harmless otherwise.
  std::vector<Outgoing> OnWake(int64_t now_ms);

  // Timeouts, expired back-offs, queued pulls waiting for a peer's bucket, a job the runner had
  // no room for. Call from the loop's timer (a few times a second).
  std::vector<Outgoing> Tick(int64_t now_ms);

  // Where the body of `dataset` stands; nullopt when the record is not held or not a dataset.
  std::optional<BodyProgress> ProgressOf(const RecordId& dataset);

  const BodyCounters& counters() const { return counters_; }
  // Datasets being fetched now, and waiting for a slot.
  std::size_t ActiveFetches() const { return active_.size(); }
  std::size_t WaitingFetches() const { return waiting_.size(); }
  FetchPolicy policy() const { return options_.policy; }
  // The last store error that stopped a fetch (it resumes at the next start), or "".
  const std::string& last_store_error() const { return last_store_error_; }

  // Jobs waiting or with the runner (none: every result is in, and OnWake has taken it).
  bool Idle() const { return work_.Idle() && done_.empty(); }

 private:
  struct Request {
    std::string peer;
    int64_t sent_at_ms = 0;
  };
  // One dataset being fetched (loop side).
  struct Active {
    protocol::RecordHeader header;
    std::shared_ptr<const protocol::Dataset> dataset;
    std::vector<bool> held;        // stored, as far as the loop knows
    std::set<uint32_t> verifying;  // received, with a job
    std::map<uint32_t, Request> requested;
    std::map<std::string, int64_t> avoid_until;  // peer -> ms
    uint32_t chunks_held = 0;
    bool finishing = false;  // every chunk held: a job runs the final re-check
  };
  // Work off the loop.
  struct Job {
    enum class Kind { kBegin, kChunk, kForget } kind = Kind::kBegin;
    RecordId dataset;
    std::shared_ptr<const protocol::Dataset> payload;  // kBegin
    std::vector<uint32_t> held;                        // kBegin: chunks held already
    uint32_t index = 0;                                // kChunk
    std::string peer;                                  // kChunk
    Bytes bytes;                                       // kChunk
    int64_t now_ms = 0;                                // for the body's status
  };
  // What a job did.
  struct Done {
    enum class Kind { kStored, kHashMismatch, kRefused, kCompleted, kStoreError } kind;
    RecordId dataset;
    uint32_t index = 0;
    std::string peer;
    std::string reason;          // kRefused: the category (counter label); kStoreError: the message
    std::string detail;          // kRefused: the message recorded in the body's status
    bool chunk_refused = false;  // kRefused: a chunk failed the check (not the final re-count)
  };
  struct Bucket {
    double tokens = 0;
    int64_t at_ms = 0;
    bool started = false;
  };
  struct Queued {
    RecordId dataset;
    uint32_t index = 0;
  };
  // The jobs' state for one body being verified (defined in the .cc).
  struct Checking;

  // Checks that a held record may be fetched; the header and payload when it may.
  Result<std::pair<protocol::RecordHeader, std::shared_ptr<const protocol::Dataset>>> Fetchable(
      const RecordId& dataset);
  // Makes `dataset` active (or waiting when max_active are). Reads the chunks held.
  Status Activate(const RecordId& dataset, int64_t now_ms);
  void StartWaiting(int64_t now_ms);
  // Sends requests for every active dataset with room in its window.
  void Pump(int64_t now_ms, std::vector<Outgoing>& out);
  void PumpOne(const RecordId& id, Active& a, int64_t now_ms, std::vector<Outgoing>& out);
  void Cancel(const RecordId& dataset);
  // Queues `job` for the runner, after every job posted before it.
  void Post(Job job);
  // Off the loop: what a job found (into job_done_, handed back by its continuation).
  void Report(Done done);
  // One job, off the loop: kBegin and kChunk in the two below.
  void Work(Job& job);
  // kBegin: a checker for the body, fed the chunks held already.
  void WorkBegin(const Job& job);
  // kChunk: one received chunk, hash-checked, privacy-checked and stored.
  void WorkChunk(const Job& job);
  // Every chunk held: the whole body's re-count decides, and the body is complete or refused.
  void FinishIfWhole(const Job& job, Checking& c);
  // Drops the body of job.dataset as refused (`index`: the chunk that failed, if one did) and
  // reports it; a store error when the drop fails.
  void RefuseBody(const Job& job, std::string category, std::string detail,
                  std::optional<uint32_t> index);
  // Forgets job.dataset's checker and reports the store error `s`.
  void ReportStoreError(const Job& job, const Status& s);
  // Serves what it can of `peer`'s queue within its bucket.
  void Serve(const std::string& peer, int64_t now_ms, std::vector<Outgoing>& out);
  // Why `peer` may not have chunks of `dataset` from this node, or "" when it may.
  std::string ServeRefusal(const std::string& peer, const RecordId& dataset);
  void Refill(Bucket& b, int64_t now_ms) const;

  store::Store* store_;
  const Roster* roster_;
  const privacy::Gate* gate_;
  SigningPublicKey self_;
  BodyTransferOptions options_;
  std::function<void()> on_ready_;

  // Loop-thread state.
  std::set<std::string> connected_;
  std::map<RecordId, Active> active_;
  std::deque<RecordId> waiting_;
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, std::deque<Queued>> queued_;
  BodyCounters counters_;
  std::string last_store_error_;

  // Jobs not yet handed to the runner and the one with it (loop thread), and the results that
  // came back and wait for OnWake.
  SerialWork work_;
  std::vector<Done> done_;

  // The jobs' state (touched only by the one job running): the checker of each body being
  // verified, and what the running job found.
  std::map<RecordId, std::unique_ptr<Checking>> checking_;
  std::vector<Done> job_done_;
};

}  // namespace citynet::node
