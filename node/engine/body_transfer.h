// Dataset bodies between nodes (ARCHITECTURE.md "Datasets and the privacy gate"): the signed
// Dataset record replicates like every record (SyncEngine); its body, a CSV split into
// content-addressed chunks, is fetched here, chunk by chunk, from partners that share the
// record's network, verified against the record's chunk list and re-checked by this node's own
// privacy gate before a byte of it is stored, and served to partners once complete.
//
// Like SyncEngine, no sockets: the daemon's event loop reports peers coming and going, hands over
// ChunkPull and ChunkData messages (through SyncEngine::SetBodyTransfer), polls wake_fd(), calls
// OnWake when it is readable and Tick on its timer, and sends what every call returns.
//
// Fetching: a window of chunks outstanding per dataset, spread over the connected partners of
// the dataset's network (its author first). A peer that answers held=false is not asked again
// for that dataset for a while; a request unanswered after a timeout goes to another peer; a peer
// that sends a chunk that does not match the record is marked and not asked again for a longer
// while. The body's state is durable (store::BodyStatus): a fetch in progress resumes after a
// restart (Resume) from the chunks already held.
//
// Verification runs on one worker thread owned by this class, so checking and storing a large
// body never delays the loop: the chunk's size and hash against the record, the privacy gate's
// BodyChecker::CheckChunk, then store::Store::PutChunks (chunk and status in one batch). A chunk
// that fails the gate, or a whole body that fails BodyChecker::Finish (row count, k, l), drops
// the body: its chunks are deleted and it is recorded kRefused with the reason, is never served,
// and is never fetched again unless Fetch is called explicitly.
//
// Serving: a chunk is sent only for a dataset whose body is complete here (this node's own
// too: its record is stored before its body, and a pull that comes in between is answered
// held=false), only to a partner that shares the record's network, never for a retracted
// record; any other pull is answered held=false. Bytes served to one peer are rate-limited (a token bucket
// in bytes per second); pulls beyond the bucket wait in a short per-peer queue, served by Tick.
//
// Thread safety: every public method is called from the event loop's thread only. The worker
// thread touches the store (which is thread-safe), the gate (const, thread-safe) and its own
// state, and talks to the loop through two mutex-guarded queues and the eventfd.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "node/config/schema.h"  // FetchPolicy
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "protocol/codec.h"
#include "protocol/mutex.h"
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
  // `store`, `roster`, `gate` and `self` (this node's signing public key) outlive the transfer.
  // Starts the worker thread. Internal when the descriptor that wakes the loop cannot be made
  // (the process has no descriptors left: raise LimitNOFILE).
  static Result<std::unique_ptr<BodyTransfer>> Create(store::Store* store, const Roster* roster,
                                                      const privacy::Gate* gate,
                                                      SigningPublicKey self,
                                                      BodyTransferOptions options = {});
  // Stops and joins the worker; work in progress is abandoned (a body being fetched stays
  // kFetching in the store and resumes at the next start).
  ~BodyTransfer();
  BodyTransfer(const BodyTransfer&) = delete;
  BodyTransfer& operator=(const BodyTransfer&) = delete;

  // Readable (POLLIN) when the worker finished something: then call OnWake.
  int wake_fd() const { return wake_fd_; }

  // Replaces the roster (after a reload); `roster` outlives the transfer.
  void SetRoster(const Roster* roster) { roster_ = roster; }

  // Continues every body left kFetching in the store (a restart): each starts from the chunks
  // already held, which the worker feeds to the privacy checker's count before new ones arrive.
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

  // Collects the worker's results (chunks stored, refusals, completed bodies) and sends the next
  // requests. Call when wake_fd() is readable; harmless otherwise.
  std::vector<Outgoing> OnWake(int64_t now_ms);

  // Timeouts, expired back-offs, queued pulls waiting for a peer's bucket. Call from the loop's
  // timer (a few times a second).
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

  // Blocks until the worker has nothing queued or running (tests, and an orderly stop).
  void WaitIdle();

 private:
  BodyTransfer(store::Store* store, const Roster* roster, const privacy::Gate* gate,
               SigningPublicKey self, BodyTransferOptions options, int wake_fd);
  struct Request {
    std::string peer;
    int64_t sent_at_ms = 0;
  };
  // One dataset being fetched (loop side).
  struct Active {
    protocol::RecordHeader header;
    std::shared_ptr<const protocol::Dataset> dataset;
    std::vector<bool> held;        // stored, as far as the loop knows
    std::set<uint32_t> verifying;  // received, with the worker
    std::map<uint32_t, Request> requested;
    std::map<std::string, int64_t> avoid_until;  // peer -> ms
    uint32_t chunks_held = 0;
    bool finishing = false;  // every chunk held: the worker runs the final re-check
  };
  // Work for the worker.
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
  // What the worker did.
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
  // The worker's state for one body being verified (defined in the .cc).
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
  void Post(Job job) EXCLUDES(mu_);
  void Report(Done done) EXCLUDES(mu_);
  void WorkerLoop();
  // The worker's handling of one job, without mu_ held: kBegin and kChunk in the two below.
  void Work(Job& job);
  // kBegin: a checker for the body, fed the chunks held already.
  void WorkBegin(const Job& job) EXCLUDES(mu_);
  // kChunk: one received chunk, hash-checked, privacy-checked and stored.
  void WorkChunk(const Job& job) EXCLUDES(mu_);
  // Every chunk held: the whole body's re-count decides, and the body is complete or refused.
  void FinishIfWhole(const Job& job, Checking& c) EXCLUDES(mu_);
  // Drops the body of job.dataset as refused (`index`: the chunk that failed, if one did) and
  // reports it; a store error when the drop fails.
  void RefuseBody(const Job& job, std::string category, std::string detail,
                  std::optional<uint32_t> index) EXCLUDES(mu_);
  // Forgets job.dataset's checker and reports the store error `s`.
  void ReportStoreError(const Job& job, const Status& s) EXCLUDES(mu_);
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
  int wake_fd_ = -1;

  // Loop-thread state.
  std::set<std::string> connected_;
  std::map<RecordId, Active> active_;
  std::deque<RecordId> waiting_;
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, std::deque<Queued>> queued_;
  BodyCounters counters_;
  std::string last_store_error_;

  // Shared with the worker, guarded by mu_.
  Mutex mu_;
  CondVar work_cv_;  // a job was posted, or stopping
  CondVar idle_cv_;  // the worker became idle
  std::deque<Job> jobs_ GUARDED_BY(mu_);
  std::deque<Done> done_ GUARDED_BY(mu_);
  bool busy_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;

  // Worker-thread state: the checker of each body being verified.
  std::map<RecordId, std::unique_ptr<Checking>> checking_;

  std::thread worker_;  // last: started after everything above exists
};

}  // namespace citynet::node
