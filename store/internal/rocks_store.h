// The RocksStore class: the RocksDB implementation of Store (store.h), private to store/ (the
// way in is OpenStore). Layout of the column families: keys.h. The methods are defined by
// domain:
//   rocks_store.cc      opening (format marker and version), the destructor, record and feed
//                       reads, feed heads, and the helpers the other files share
//   rocks_ingest.cc     ingest: linking to the feed's head, parking, forks, retractions
//   rocks_bodies.cc     dataset bodies: chunks and body status
//   rocks_integrity.cc  CheckIntegrity, the offline consistency check
//   rocks_query.cc      listing with facet filters, full-text search and its indexer thread
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "protocol/mutex.h"
#include "store/internal/keys.h"
#include "store/internal/search_index.h"
#include "store/store.h"

namespace citynet::store::internal {

// Private to the rocks_*.cc files, which name protocol types unqualified.
using namespace citynet::protocol;
namespace fs = std::filesystem;

constexpr std::string_view kMarkerName = "CITYNET_STORE";
constexpr std::string_view kMarkerText = "citynet record store, format 1\n";
constexpr std::string_view kDbDir = "records";
constexpr std::string_view kSearchFile = "search.sqlite";
constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kFormatValue = "citynet-store-1";
constexpr std::string_view kPendingCountKey = "pending_count";
constexpr std::string_view kPendingBytesKey = "pending_bytes";
constexpr std::string_view kHeadsDomain{"citynet/v1/heads\0", 17};

enum Cf : std::size_t {
  kDefault,
  kRecords,
  kFeeds,
  kFeed,
  kArrival,
  kList,
  kPending,
  kForks,
  kRetracted,
  kSuperseded,
  kOwn,
  kChunks,
  kBodies,
  kCfCount
};
const char* const kCfNames[kCfCount] = {"default",   "records",    "feeds",   "feed",
                                        "arrival",   "list",       "pending", "forks",
                                        "retracted", "superseded", "own",     "chunks",
                                        "bodies"};

inline rocksdb::Slice S(std::string_view v) { return rocksdb::Slice(v.data(), v.size()); }

Status FromRocks(const rocksdb::Status& s, std::string_view what);

std::string LowerAscii(std::string_view s);

// The listing dimensions a record is indexed under, with their values.
std::vector<std::pair<Dim, std::string>> ListDims(const RecordHeader& h);

// What the listing filters see of a record; without a payload only the header's part.
Facets MakeFacets(const RecordHeader& h, const std::optional<Payload>& payload, bool retracted);

std::string ListKey(Dim dim, std::string_view value, int64_t created_at_ms, const RecordId& id);

class RocksStore final : public Store {
 public:
  RocksStore(StoreOptions options, std::unique_ptr<rocksdb::Env> env,
             std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> cfs)
      : options_(std::move(options)), env_(std::move(env)), db_(std::move(db)),
        cfs_(std::move(cfs)) {}

  ~RocksStore() override;

  Status Init();

  // --- ingest ---------------------------------------------------------------------------------

  Result<IngestResult> Ingest(const VerifiedRecord& record, const IngestOptions& options) override;

  // --- reads ----------------------------------------------------------------------------------

  Result<StoredRecord> Get(const RecordId& id) const override;

  Result<std::vector<StoredRecord>> ReadFeed(const SigningPublicKey& author,
                                             const std::string& network, uint64_t from_seq,
                                             std::size_t limit,
                                             std::size_t max_bytes) const override;

  Result<std::optional<FeedHead>> Head(const SigningPublicKey& author,
                                       const std::string& network) const override;

  Result<std::vector<FeedHead>> Heads(const std::vector<std::string>& networks) const override;

  Result<Hash256> HeadsSummary(const std::string& network) const override;

  Result<ListPage> List(const ListFilter& filter, std::size_t limit,
                        const std::string& cursor) const override;

  Result<std::vector<SearchResult>> Search(const std::string& text,
                                           const std::vector<std::string>& networks,
                                           std::size_t limit, std::size_t offset) const override;

  Status WaitForSearch(int64_t timeout_ms) const override;

  Result<StoredRecord> Newest(const RecordId& id) const override;

  Result<std::vector<ForkEvidence>> Forks() const override;

  Result<uint64_t> PendingCount() const override;

  Result<OwnSlot> ReserveOwnSlot(const SigningPublicKey& self,
                                 const std::string& network) override;

  Status PutChunks(const RecordId& dataset, uint32_t first_index,
                   const std::vector<ByteView>& chunks, const BodyStatus& status,
                   bool sync) override;

  Result<std::optional<Bytes>> GetChunk(const RecordId& dataset, uint32_t index) const override;

  // Calls `fn(key, index)` for every stored chunk of `dataset`, in index order.
  template <typename Fn>
  Status ForEachChunk(const RecordId& dataset, Fn fn) const;

  // Adds a delete of every chunk of `dataset` to `batch`. (Point deletes, not DeleteRange:
  // RocksDB 7.8 asserts on range tombstones in a memtable with an insert-hint prefix extractor.)
  Status DeleteChunks(const RecordId& dataset, rocksdb::WriteBatch& batch) const;

  Result<std::vector<bool>> HeldChunks(const RecordId& dataset, uint32_t count) const override;

  Result<BodyStatus> GetBody(const RecordId& dataset) const override;

  Status SetBody(const RecordId& dataset, const BodyStatus& status) override;

  Status DropBody(const RecordId& dataset, const BodyStatus& status) override;

  Result<std::vector<std::pair<RecordId, BodyStatus>>> Bodies() const override;

  Result<std::vector<StoredRecord>> ReadSince(uint64_t after, std::size_t limit) const override;

  uint64_t LastLocalSeq() const override;

  Status CheckIntegrity() const override;

 private:
  Status CheckIntegrityAt(const rocksdb::ReadOptions& ro) const;

  // Whether `key` is in `cf` at the snapshot `ro`; its value goes to `value` unless null.
  Result<bool> FoundAt(const rocksdb::ReadOptions& ro, Cf cf, std::string_view key,
                       std::string* value) const;

  // The checks CheckIntegrityAt runs in turn, each over the snapshot `ro`; each returns
  // DataLoss naming the first inconsistency it finds.
  // Each record is whole and in its feed, arrival and listing indexes, below its feed's head;
  // the arrival counter is the newest arrival. Counts the records into `records`.
  Status CheckRecordsAt(const rocksdb::ReadOptions& ro, uint64_t* records) const;
  // The feed and arrival indexes hold `records` entries that name records, each head is its
  // feed's last entry, and listing entries name records.
  Status CheckIndexesAt(const rocksdb::ReadOptions& ro, uint64_t records) const;
  // Dataset chunks and body statuses have sound keys; no retracted dataset keeps chunks.
  Status CheckBodiesAt(const rocksdb::ReadOptions& ro) const;
  // The waiting-record counters match the pending column family.
  Status CheckPendingAt(const rocksdb::ReadOptions& ro) const;

  static ByteView AsBytes(const std::string& s);

  static rocksdb::Slice AsSlice(const Bytes& b);

  static std::string CursorKey(const StoredRecord& r);

  Status Write(rocksdb::WriteBatch& batch, bool sync, std::string_view what);

  Result<uint64_t> ReadCounter(std::string_view key) const;

  Result<std::optional<RecordMeta>> ReadMeta(const RecordId& id) const;

  // The head of a feed, from the in-memory cache when the caller holds write_mu_ (every
  // writer does), else from RocksDB.
  Result<std::optional<FeedHead>> CachedHead(const std::string& network,
                                             const SigningPublicKey& author)
      REQUIRES(write_mu_);

  void CacheHead(const std::string& network, const SigningPublicKey& author, uint64_t seq,
                 const RecordId& id, bool forked) REQUIRES(write_mu_);

  Result<std::optional<FeedHead>> ReadHead(const std::string& network,
                                           const SigningPublicKey& author) const;

  static Result<FeedHead> DecodeHead(std::string_view key, std::string_view value);

  static std::string EncodeHeadValue(uint64_t seq, const RecordId& head, bool forked);

  Result<std::optional<RecordId>> ReadFeedId(const SigningPublicKey& author,
                                             const std::string& network, uint64_t seq) const;

  Result<StoredRecord> Materialise(const RecordId& id, const RecordMeta& meta) const;

  static Result<SignedRecord> DecodeStoredEnvelope(std::string_view bytes);

  Result<IngestResult> RecordFork(const VerifiedRecord& record, const std::optional<FeedHead>& head,
                                  std::string_view why, bool sync) REQUIRES(write_mu_);

  Result<IngestResult> Park(const VerifiedRecord& record, const IngestOptions& options)
      REQUIRES(write_mu_);

  // Applies waiting successors of (author, network) from `seq` on, while they link.
  Status DrainPending(const SigningPublicKey& author, const std::string& network, uint64_t seq,
                      const IngestOptions& options, std::vector<RecordId>* applied)
      REQUIRES(write_mu_);

  // Writes one record that links to its feed's head: record, payload, feed entry, head,
  // arrival, listing entries, supersession and retraction effects, all in one batch.
  Status Apply(const VerifiedRecord& record, const IngestOptions& options,
               const std::optional<FeedHead>& head, rocksdb::WriteBatch* batch_in)
      REQUIRES(write_mu_);

  Status ApplyRetraction(const VerifiedRecord& record, const RetractionRefs& refs,
                         rocksdb::WriteBatch& batch);

  // Picks the listing dimension to scan; the other filters are checked against facets.
  static std::pair<Dim, std::string> ChooseDim(const ListFilter& f);

  // The filters a listing entry can answer without reading its record.
  static bool MatchesFacets(const ListFilter& f, const Facets& facets);

  static bool Matches(const ListFilter& f, const StoredRecord& r);

  // --- search index ---------------------------------------------------------------------------

  // Before the indexer runs; the locks only satisfy the analysis (search, then index: the one
  // order in which both are ever held).
  Status OpenSearch();

  void IndexLoop();

  // Indexes the next batch of arrivals after `from`.
  Status IndexBatch(uint64_t from);

  StoreOptions options_;
  std::unique_ptr<rocksdb::Env> env_;  // the in-memory Env when in_memory; outlives db_
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;

  mutable Mutex write_mu_;  // serialises ingest and reservations
  std::atomic<uint64_t> local_seq_{0};
  uint64_t pending_count_ GUARDED_BY(write_mu_) = 0;
  std::map<std::string, FeedHead> heads_ GUARDED_BY(write_mu_);  // head cache
  std::set<RecordId> retracted_ GUARDED_BY(write_mu_);           // retraction targets
  uint64_t pending_bytes_ GUARDED_BY(write_mu_) = 0;

  mutable Mutex search_mu_;  // guards search_'s SQLite connection
  std::unique_ptr<SearchIndex> search_ PT_GUARDED_BY(search_mu_);
  mutable Mutex index_mu_;
  mutable CondVar index_cv_;    // wakes the indexer
  mutable CondVar indexed_cv_;  // the indexer made progress
  uint64_t indexed_through_ GUARDED_BY(index_mu_) = 0;
  Status index_status_ GUARDED_BY(index_mu_);
  bool stopping_ GUARDED_BY(index_mu_) = false;
  std::thread indexer_;
};

}  // namespace citynet::store::internal
