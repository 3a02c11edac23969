// The record store: a node's memory. Holds every record the node accepted (headers always,
// payloads unless retracted), the feeds they form, the indexes that listing and sync need, fork
// evidence, records waiting for a missing predecessor, and a derived full-text index.
//
// Boundary: the store knows records and disk, not the network. It trusts VerifiedRecord to have
// passed protocol::VerifyRecord; whether an author may write to a network (the roster) is the
// node's decision, made before Ingest. No RocksDB or SQLite type appears here.
//
// Durability: one record and all its index entries are one atomic write, so a crash at any
// instant leaves all of it or none of it. Records of the node's own feeds are written with
// fsync; relayed records are written to the WAL without fsync (a crash may lose the last few,
// which catch-up fetches again).
//
// Thread safety: every method may be called from any thread. Ingest calls are serialised
// internally; reads run concurrently with them.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/codec.h"
#include "protocol/record.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::store {

struct StoreOptions {
  // Directory of the RocksDB database; created when missing and `create_if_missing`.
  std::string path;
  bool create_if_missing = true;
  // Limits on records waiting for a missing predecessor (a hostile or broken peer must not be
  // able to fill the disk with them).
  std::size_t max_pending_records = 100000;
  std::size_t max_pending_bytes = 256u << 20;
  // Keep the derived search index in step (a background thread). Off in tools that only read.
  bool search = true;
  // RocksDB block cache.
  std::size_t cache_bytes = 64u << 20;
  // Everything in this process's memory (RocksDB's in-memory Env, an in-memory search index),
  // nothing on disk: for tests and the simulator, which run many whole nodes in one process.
  // The same code as on disk, so the same contract holds; nothing survives closing the store.
  // `path` still names the store (distinct stores need distinct paths).
  bool in_memory = false;
};

enum class IngestOutcome {
  kAccepted,      // stored and linked into its feed (perhaps with waiting successors)
  kDuplicate,     // already held; nothing changed (a missing payload may have been filled in)
  kWaiting,       // held until its predecessor arrives
  kForkEvidence,  // a different record already holds this (author, network, seq)
  kRefused,       // not stored; `reason` says why
};
std::string_view IngestOutcomeName(IngestOutcome outcome);

struct IngestResult {
  IngestOutcome outcome = IngestOutcome::kRefused;
  RecordId id;
  std::string reason;  // for kRefused and kForkEvidence
  // Records that became part of their feeds through this call, in feed order: this record and
  // any waiting successors it unblocked. Empty unless kAccepted.
  std::vector<RecordId> applied;
};

struct IngestOptions {
  // The node's own records: fsync before returning.
  bool sync = false;
  // When it arrived and from whom (for provenance in `case show`).
  int64_t received_at_ms = 0;
  std::string received_from;
};

// A record as held: the signed bytes, and what this node knows about it.
struct StoredRecord {
  RecordId id;
  protocol::RecordHeader header;
  protocol::SignedRecord wire;  // wire.payload empty when purged or not yet held
  uint64_t local_seq = 0;       // this node's arrival number (stable order for catch-up)
  int64_t received_at_ms = 0;
  std::string received_from;
  bool retracted = false;                 // payload purged by a retraction
  std::optional<RecordId> superseded_by;  // newest version, when superseded
};

struct FeedHead {
  SigningPublicKey author;
  std::string network;
  uint64_t seq = 0;
  RecordId head;
  bool forked = false;  // fork evidence exists for this feed
  bool operator==(const FeedHead&) const = default;
};

struct ForkEvidence {
  SigningPublicKey author;
  std::string network;
  uint64_t seq = 0;
  protocol::SignedRecord kept;   // the record in the feed
  protocol::SignedRecord other;  // the conflicting one
};

// Filters for listing; unset fields match everything. All set fields must match.
struct ListFilter {
  std::optional<std::string> network;
  std::optional<protocol::RecordKind> kind;
  std::optional<SigningPublicKey> author;
  std::optional<int> sdg;
  std::optional<std::string> theme;
  std::optional<std::string> city;      // compared case-insensitively
  std::optional<std::string> language;  // primary language subtag, e.g. "da"
  std::optional<int64_t> since_ms;      // created_at_ms >= since
  std::optional<int64_t> until_ms;      // created_at_ms < until
  bool include_superseded = false;      // by default only the newest version of a case
  bool include_retractions = false;     // retraction and receipt records
};

struct ListPage {
  std::vector<StoredRecord> records;  // newest first (creation time, then id)
  std::string next_cursor;            // empty when this is the last page
};

struct SearchResult {
  StoredRecord record;
  double score = 0;
  std::string snippet;  // matches in [ ]
};

// Where the node's own feed in a network continues: the seq to sign next and its prev.
struct OwnSlot {
  uint64_t seq = 1;
  std::optional<RecordId> prev;
  // The previous reservation of this feed was never followed by a stored record (a crash
  // between reserving and storing). Its seq is handed out again: records are stored before they
  // are sent, so that record never left the node. Worth a log line.
  bool reused = false;
};

// What this node holds of a dataset's body (the CSV, as content-addressed chunks).
enum class BodyState : uint8_t {
  kAbsent = 0,    // nothing held, nothing asked for
  kFetching = 1,  // some chunks held, the rest being fetched (resumes after a restart)
  kComplete = 2,  // every chunk held and the whole body passed this node's privacy re-check
  kRefused = 3,   // the body failed the re-check here: its chunks were deleted, never served
};
std::string_view BodyStateName(BodyState state);

struct BodyStatus {
  BodyState state = BodyState::kAbsent;
  uint32_t chunks_held = 0;
  int64_t updated_at_ms = 0;
  std::string refusal;  // kRefused: why
  bool operator==(const BodyStatus&) const = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores a verified record. The outcome says what happened; Status errors are reserved for
  // the disk (DataLoss, Internal) and for a full pending area (ResourceExhausted).
  virtual Result<IngestResult> Ingest(const protocol::VerifiedRecord& record,
                                      const IngestOptions& options = {}) = 0;

  // Verifies a record from an untrusted source (protocol::VerifyRecord) and ingests it; a
  // record that fails verification is kRefused with the reason, and nothing is stored.
  Result<IngestResult> IngestSigned(const protocol::SignedRecord& record,
                                    const IngestOptions& options = {});

  // NotFound when the id is unknown.
  virtual Result<StoredRecord> Get(const RecordId& id) const = 0;

  // Up to `limit` records of one feed with seq >= from_seq, in order, and no more than the
  // bytes a caller can hold: the read stops after the record (header and payload) that takes the
  // total beyond `max_bytes`, so a caller filling a budget also sees the record that
  // did not fit. Records of several MiB make a count alone no bound on memory.
  virtual Result<std::vector<StoredRecord>> ReadFeed(
      const SigningPublicKey& author, const std::string& network, uint64_t from_seq,
      std::size_t limit, std::size_t max_bytes = std::numeric_limits<std::size_t>::max()) const = 0;

  // The head of one feed; nullopt when the store holds none of it.
  virtual Result<std::optional<FeedHead>> Head(const SigningPublicKey& author,
                                               const std::string& network) const = 0;

  // Heads of every feed in the given networks (all networks when empty), ordered by network,
  // then author.
  virtual Result<std::vector<FeedHead>> Heads(const std::vector<std::string>& networks) const = 0;

  // BLAKE2b-256 over the sorted heads of one network: equal summaries mean equal feeds.
  virtual Result<Hash256> HeadsSummary(const std::string& network) const = 0;

  // Newest first, `limit` per page; pass the previous page's next_cursor to continue.
  // InvalidArgument for a cursor that is not one of ours.
  virtual Result<ListPage> List(const ListFilter& filter, std::size_t limit,
                                const std::string& cursor = "") const = 0;

  // Full-text search over case studies and dataset metadata. Results reflect the index, which
  // may trail the newest records by a moment (WaitForSearch catches up).
  virtual Result<std::vector<SearchResult>> Search(const std::string& text,
                                                   const std::vector<std::string>& networks,
                                                   std::size_t limit,
                                                   std::size_t offset = 0) const = 0;
  // Blocks until the search index reflects every record stored so far, or `timeout_ms`
  // passes (DeadlineExceeded).
  virtual Status WaitForSearch(int64_t timeout_ms) const = 0;

  // The newest version of a case or dataset: follows `superseded_by` to the end.
  virtual Result<StoredRecord> Newest(const RecordId& id) const = 0;

  virtual Result<std::vector<ForkEvidence>> Forks() const = 0;

  // Number of records waiting for a predecessor.
  virtual Result<uint64_t> PendingCount() const = 0;

  // Reserves the next position of the node's own feed in `network`, durably (fsync), before the
  // caller signs. The caller must store the signed record (fsync) before sending it anywhere;
  // then a crash can only lose records nobody else has seen, and the position is safely reused
  // (`reused` says so). A restored backup is not protected by this: its reservations are as old
  // as its records; after a restore the node must learn its own heads from partners first.
  virtual Result<OwnSlot> ReserveOwnSlot(const SigningPublicKey& self,
                                         const std::string& network) = 0;

  // Reads every entry and checks that the indexes agree with the records: every record has
  // its feed, arrival and listing entries and a payload exactly when it says so; every index
  // entry points at a record; every feed head is its feed's last record. DataLoss naming the
  // first inconsistency. Takes time in proportion to the store's size.
  virtual Status CheckIntegrity() const = 0;

  // ---- dataset bodies ----------------------------------------------------------------------
  // Chunks are keyed by (dataset record id, index) and written with the body's new status in
  // one atomic batch. The caller verified each chunk against the record's chunk hashes. A
  // retraction of the dataset deletes its chunks and status in the batch that stores the
  // retraction. `sync`: fsync (the node's own bodies, written before their record).
  virtual Status PutChunks(const RecordId& dataset, uint32_t first_index,
                           const std::vector<ByteView>& chunks, const BodyStatus& status,
                           bool sync) = 0;
  // nullopt when the chunk is not held.
  virtual Result<std::optional<Bytes>> GetChunk(const RecordId& dataset, uint32_t index) const = 0;
  // Which of the first `count` chunks are held.
  virtual Result<std::vector<bool>> HeldChunks(const RecordId& dataset, uint32_t count) const = 0;
  // The status of a body; kAbsent when none was recorded.
  virtual Result<BodyStatus> GetBody(const RecordId& dataset) const = 0;
  // For a retracted dataset SetBody writes nothing and DropBody records no status (the retraction
  // removed the body; a late status from a fetch must not bring a row back).
  virtual Status SetBody(const RecordId& dataset, const BodyStatus& status) = 0;
  // Deletes every chunk of the body and records `status` (kRefused with the reason, or kAbsent).
  virtual Status DropBody(const RecordId& dataset, const BodyStatus& status) = 0;
  // Every recorded body status (to resume fetches after a restart, and for listings).
  virtual Result<std::vector<std::pair<RecordId, BodyStatus>>> Bodies() const = 0;

  // Records of any feed arriving at this node after local_seq `after`, in arrival order.
  virtual Result<std::vector<StoredRecord>> ReadSince(uint64_t after, std::size_t limit) const = 0;
  virtual uint64_t LastLocalSeq() const = 0;
};

// Opens (or creates) the RocksDB store at options.path. Errors name the path and what to do:
// FailedPrecondition when the directory holds something other than a citynet store or a store
// of an unknown format version; DataLoss when RocksDB finds corruption; Unavailable when
// another process has it open.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace citynet::store
