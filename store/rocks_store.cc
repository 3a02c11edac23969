// The RocksDB implementation of Store: the methods of RocksStore (store/internal/rocks_store.h)
// and OpenStore. Layout: store/internal/keys.h.
#include "store/internal/rocks_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "protocol/crypto.h"
#include "protocol/mutex.h"
#include "protocol/vocabulary.h"

namespace citynet::store::internal {

namespace {

std::string ChunkKey(const RecordId& dataset, uint32_t index) {
  std::string k(internal::Raw(dataset));
  for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>((index >> (8 * i)) & 0xff));
  return k;
}

std::string EncodeBody(const BodyStatus& b) {
  std::string v(1, static_cast<char>(b.state));
  for (int i = 3; i >= 0; --i) v.push_back(static_cast<char>((b.chunks_held >> (8 * i)) & 0xff));
  internal::PutBe64(v, static_cast<uint64_t>(b.updated_at_ms));
  v += b.refusal;
  return v;
}

Result<BodyStatus> DecodeBody(std::string_view v) {
  if (v.size() < 13 || static_cast<uint8_t>(v[0]) > 3) {
    return DataLoss("a dataset body's status is damaged: the store may need restoring");
  }
  BodyStatus b;
  b.state = static_cast<BodyState>(v[0]);
  for (int i = 1; i <= 4; ++i) b.chunks_held = (b.chunks_held << 8) | static_cast<uint8_t>(v[i]);
  b.updated_at_ms = static_cast<int64_t>(internal::GetBe64(v.substr(5)));
  b.refusal = std::string(v.substr(13));
  return b;
}

std::optional<SearchDoc> ToSearchDoc(const StoredRecord& r, const Payload& p) {
  SearchDoc doc;
  doc.seq = r.local_seq;
  doc.id_hex = r.id.Hex();
  doc.network = r.header.network;
  doc.kind = std::string(RecordKindName(r.header.kind));
  if (const auto* c = std::get_if<CaseStudy>(&p)) {
    doc.language = c->language;
    doc.title = c->title;
    doc.summary = c->summary;
    doc.body = c->body + "\n" + c->city;
    doc.themes = c->themes;
    for (const auto& o : c->outcomes) {
      doc.outcomes.push_back(fmt::format("{} {:g} {}", o.metric, o.achieved, o.unit));
    }
    return doc;
  }
  if (const auto* d = std::get_if<Dataset>(&p)) {
    doc.language = d->language;
    doc.title = d->title;
    doc.summary = d->description;
    doc.body = d->publisher + "\n" + d->spatial_coverage;
    for (const auto& col : d->columns) doc.body += "\n" + col.name + " " + col.description;
    doc.themes = d->themes;
    return doc;
  }
  return std::nullopt;
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string m = fmt::format("{}: {}", what, s.ToString());
  if (s.IsCorruption()) {
    return DataLoss(m +
                    " (the record database is damaged: stop citynetd and restore the data "
                    "directory from a backup; keep the damaged copy for inspection)");
  }
  if (s.IsNotFound()) return NotFound(m);
  if (s.IsIOError()) {
    if (s.ToString().find("lock") != std::string::npos) {
      return Unavailable(m + " (is another citynetd using this data directory?)");
    }
    return Internal(m + " (check free disk space and permissions)");
  }
  return Internal(m);
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The listing dimensions a record is indexed under, with their values.
std::vector<std::pair<Dim, std::string>> ListDims(const RecordHeader& h) {
  return {{Dim::kAll, ""}, {Dim::kNetwork, h.network}, {Dim::kAuthor, std::string(Raw(h.author))}};
}

// What the listing filters see of a record; without a payload only the header's part.
Facets MakeFacets(const RecordHeader& h, const std::optional<Payload>& payload, bool retracted) {
  Facets f;
  f.kind = static_cast<uint8_t>(h.kind);
  f.retracted = retracted;
  if (!payload || retracted) return f;
  if (const auto* c = std::get_if<CaseStudy>(&*payload)) {
    for (int g : c->sdgs) {
      if (g >= 1 && g <= 31) f.sdg_mask |= 1u << g;
    }
    f.language = PrimaryLanguage(c->language);
    f.city = LowerAscii(c->city);
    f.themes = c->themes;
  } else if (const auto* d = std::get_if<Dataset>(&*payload)) {
    f.language = PrimaryLanguage(d->language);
    f.city = LowerAscii(d->spatial_coverage);
    f.themes = d->themes;
  }
  return f;
}

std::string ListKey(Dim dim, std::string_view value, int64_t created_at_ms, const RecordId& id) {
  std::string k = ListPrefix(dim, value);
  PutBe64(k, InvTime(created_at_ms));
  k += Raw(id);
  return k;
}

RocksStore::~RocksStore() {
  {
    MutexLock lock(&index_mu_);
    stopping_ = true;
  }
  index_cv_.SignalAll();
  if (indexer_.joinable()) indexer_.join();
  search_.reset();
  for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
  db_->Close();
}

Status RocksStore::Init() {
  {
    // The arrival counter is the last arrival key, written in each record's batch.
    std::unique_ptr<rocksdb::Iterator> last(
        db_->NewIterator(rocksdb::ReadOptions(), cfs_[kArrival]));
    last->SeekToLast();
    if (last->Valid()) {
      if (last->key().size() != 8) return DataLoss("the arrival index is damaged");
      local_seq_ = GetBe64(last->key().ToStringView());
    }
    CITYNET_RETURN_IF_ERROR(FromRocks(last->status(), "reading the arrival index"));
  }
  // Retractions are rare: their targets are held in memory so that ingest asks RocksDB only
  // about records that were actually retracted.
  MutexLock lock(&write_mu_);  // nobody else runs yet; the analysis wants it anyway
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kRetracted]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto id = FromRaw<RecordId>(it->key().ToStringView());
    if (!id) return DataLoss("a retraction entry is damaged");
    retracted_.insert(*id);
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "reading retractions"));
  CITYNET_ASSIGN_OR_RETURN(pending_count_, ReadCounter(kPendingCountKey));
  CITYNET_ASSIGN_OR_RETURN(pending_bytes_, ReadCounter(kPendingBytesKey));
  if (options_.search) CITYNET_RETURN_IF_ERROR(OpenSearch());
  return Status::Ok();
}

Result<IngestResult> RocksStore::Ingest(const VerifiedRecord& record,
                                        const IngestOptions& options) {
  MutexLock lock(&write_mu_);
  IngestResult result;
  result.id = record.id;
  const RecordHeader& h = record.header;

  // Already held?
  CITYNET_ASSIGN_OR_RETURN(std::optional<RecordMeta> existing, ReadMeta(record.id));
  if (existing) {
    result.outcome = IngestOutcome::kDuplicate;
    if (!existing->has_payload && !existing->retracted && record.wire.payload) {
      rocksdb::WriteBatch batch;
      existing->has_payload = true;
      existing->payload.assign(record.wire.payload->begin(), record.wire.payload->end());
      batch.Put(cfs_[kRecords], S(Raw(record.id)), EncodeMeta(*existing));
      const Facets facets = MakeFacets(record.header, record.payload, false);
      for (const auto& [dim, value] : ListDims(record.header)) {
        batch.Put(cfs_[kList], S(ListKey(dim, value, record.header.created_at_ms, record.id)),
                  EncodeFacets(facets));
      }
      CITYNET_RETURN_IF_ERROR(Write(batch, options.sync, "filling in a payload"));
      result.reason = "payload filled in";
    }
    return result;
  }

  CITYNET_ASSIGN_OR_RETURN(std::optional<FeedHead> head, CachedHead(h.network, h.author));
  const uint64_t head_seq = head ? head->seq : 0;

  if (h.seq <= head_seq) {
    return RecordFork(record, head, "another record already holds this seq", options.sync);
  }
  if (h.seq > head_seq + 1) return Park(record, options);
  // h.seq == head_seq + 1: the chain must link to the head.
  if (h.seq > 1 && (!head || h.prev != head->head)) {
    return RecordFork(record, head, "its prev is not the feed's record at the previous seq",
                      options.sync);
  }

  CITYNET_RETURN_IF_ERROR(Apply(record, options, head, nullptr));
  result.outcome = IngestOutcome::kAccepted;
  result.applied.push_back(record.id);
  CITYNET_RETURN_IF_ERROR(DrainPending(h.author, h.network, h.seq + 1, options, &result.applied));
  index_cv_.Signal();
  return result;
}

Result<StoredRecord> RocksStore::Get(const RecordId& id) const {
  CITYNET_ASSIGN_OR_RETURN(std::optional<RecordMeta> meta, ReadMeta(id));
  if (!meta) return NotFound(fmt::format("no record {} in this store", id.Hex()));
  return Materialise(id, *meta);
}

Result<std::vector<StoredRecord>> RocksStore::ReadFeed(const SigningPublicKey& author,
                                                       const std::string& network,
                                                       uint64_t from_seq, std::size_t limit,
                                                       std::size_t max_bytes) const {
  std::vector<StoredRecord> out;
  std::string prefix = FeedPrefix(author, network);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kFeed]));
  std::size_t bytes = 0;
  for (it->Seek(S(FeedKey(author, network, from_seq)));
       it->Valid() && out.size() < limit && bytes <= max_bytes; it->Next()) {
    if (!it->key().starts_with(S(prefix))) break;
    auto id = FromRaw<RecordId>(it->value().ToStringView());
    if (!id) return DataLoss("a feed index entry is damaged");
    CITYNET_ASSIGN_OR_RETURN(StoredRecord r, Get(*id));
    bytes += r.wire.header.size() + (r.wire.payload ? r.wire.payload->size() : 0);
    out.push_back(std::move(r));
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "reading a feed"));
  return out;
}

Result<std::optional<FeedHead>> RocksStore::Head(const SigningPublicKey& author,
                                                 const std::string& network) const {
  return ReadHead(network, author);
}

Result<std::vector<FeedHead>> RocksStore::Heads(const std::vector<std::string>& networks) const {
  std::vector<FeedHead> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kFeeds]));
  auto scan = [&](std::string_view prefix) -> Status {
    for (it->Seek(S(prefix)); it->Valid() && it->key().starts_with(S(prefix)); it->Next()) {
      CITYNET_ASSIGN_OR_RETURN(FeedHead head,
                               DecodeHead(it->key().ToStringView(), it->value().ToStringView()));
      out.push_back(std::move(head));
    }
    return FromRocks(it->status(), "reading feed heads");
  };
  if (networks.empty()) {
    CITYNET_RETURN_IF_ERROR(scan(""));
  } else {
    std::vector<std::string> sorted = networks;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const auto& n : sorted) CITYNET_RETURN_IF_ERROR(scan(n + std::string(1, '\0')));
  }
  return out;
}

Result<Hash256> RocksStore::HeadsSummary(const std::string& network) const {
  CITYNET_ASSIGN_OR_RETURN(std::vector<FeedHead> heads, Heads({network}));
  Bytes buf;
  buf.reserve(heads.size() * 72);
  for (const FeedHead& h : heads) {
    buf.insert(buf.end(), h.author.data.begin(), h.author.data.end());
    std::string seq = Be64(h.seq);
    buf.insert(buf.end(), seq.begin(), seq.end());
    buf.insert(buf.end(), h.head.data.begin(), h.head.data.end());
  }
  return HashWithDomain(kHeadsDomain, buf);
}

Result<ListPage> RocksStore::List(const ListFilter& filter, std::size_t limit,
                                  const std::string& cursor) const {
  auto [dim, value] = ChooseDim(filter);
  const std::string prefix = ListPrefix(dim, value);
  std::string start = prefix;
  std::string after;  // the cursor's key: skip it and everything before it
  if (!cursor.empty()) {
    auto raw = FromHex(cursor);
    if (!raw.ok() || raw->size() != 40) {
      return InvalidArgument(fmt::format("'{}' is not a listing cursor from this store", cursor));
    }
    after = prefix + std::string(raw->begin(), raw->end());
    start = after;
  }
  if (filter.until_ms) {
    std::string until = prefix + Be64(InvTime(*filter.until_ms - 1));
    if (until > start) start = until;
  }
  rocksdb::ReadOptions ro;
  const rocksdb::Snapshot* snap = db_->GetSnapshot();
  ro.snapshot = snap;
  ListPage page;
  Status status;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kList]));
    for (it->Seek(S(start)); it->Valid() && it->key().starts_with(S(prefix)); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (!after.empty() && key == after) continue;
      if (key.size() != prefix.size() + 40) {
        status = DataLoss("a listing index entry is damaged");
        break;
      }
      std::string_view suffix = key.substr(prefix.size());
      if (filter.since_ms && GetBe64(suffix) > InvTime(*filter.since_ms)) break;
      if (page.records.size() == limit) {
        page.next_cursor = ToHex(AsBytes(CursorKey(page.records.back())));
        break;
      }
      auto facets = DecodeFacets(it->value().ToStringView());
      if (!facets.ok()) {
        status = facets.status();
        break;
      }
      if (!MatchesFacets(filter, *facets)) continue;
      auto id = FromRaw<RecordId>(suffix.substr(8));
      auto rec = Get(*id);
      if (!rec.ok()) {
        status = rec.status();
        break;
      }
      if (Matches(filter, *rec)) page.records.push_back(std::move(rec).value());
    }
    if (status.ok()) status = FromRocks(it->status(), "listing records");
  }
  db_->ReleaseSnapshot(snap);
  CITYNET_RETURN_IF_ERROR(status);
  return page;
}

Result<std::vector<SearchResult>> RocksStore::Search(const std::string& text,
                                                     const std::vector<std::string>& networks,
                                                     std::size_t limit, std::size_t offset) const {
  if (!search_) return FailedPrecondition("this store was opened without its search index");
  SearchQuery q;
  q.text = text;
  q.networks = networks;
  q.limit = limit;
  q.offset = offset;
  std::vector<SearchHit> hits;
  {
    MutexLock lock(&search_mu_);
    CITYNET_ASSIGN_OR_RETURN(hits, search_->Search(q));
  }
  std::vector<SearchResult> out;
  for (SearchHit& hit : hits) {
    auto id = RecordId::FromHexString(hit.id_hex);
    if (!id.ok()) return DataLoss("the search index holds a damaged record id");
    auto rec = Get(*id);
    if (!rec.ok()) continue;  // purged since the index saw it
    if (rec->retracted) continue;
    out.push_back(SearchResult{std::move(rec).value(), hit.score, std::move(hit.snippet)});
  }
  return out;
}

Status RocksStore::WaitForSearch(int64_t timeout_ms) const {
  if (!search_) return FailedPrecondition("this store was opened without its search index");
  MutexLock lock(&index_mu_);
  const uint64_t target = local_seq_.load();
  index_cv_.SignalAll();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (indexed_through_ < target) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    indexed_cv_.WaitFor(&index_mu_, left);
  }
  if (indexed_through_ < target) {
    return Status(StatusCode::kDeadlineExceeded,
                  fmt::format("the search index is at {} of {} records", indexed_through_, target));
  }
  return index_status_;
}

Result<StoredRecord> RocksStore::Newest(const RecordId& id) const {
  CITYNET_ASSIGN_OR_RETURN(StoredRecord r, Get(id));
  for (int hops = 0; r.superseded_by && hops < 10000; ++hops) {
    auto next = Get(*r.superseded_by);
    if (!next.ok()) break;  // the newer version has not arrived here (or was purged)
    r = std::move(next).value();
  }
  return r;
}

Result<std::vector<ForkEvidence>> RocksStore::Forks() const {
  std::vector<ForkEvidence> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kForks]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto other = DecodeStoredEnvelope(it->value().ToStringView());
    if (!other.ok()) return other.status();
    auto header = DecodeHeader(other->header);
    if (!header.ok()) return DataLoss("stored fork evidence is damaged");
    ForkEvidence f;
    f.author = header->author;
    f.network = header->network;
    f.seq = header->seq;
    f.other = std::move(other).value();
    CITYNET_ASSIGN_OR_RETURN(std::optional<RecordId> kept_id,
                             ReadFeedId(f.author, f.network, f.seq));
    if (kept_id) {
      auto kept = Get(*kept_id);
      if (kept.ok()) f.kept = kept->wire;
    }
    out.push_back(std::move(f));
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "reading fork evidence"));
  return out;
}

Result<uint64_t> RocksStore::PendingCount() const {
  MutexLock lock(&write_mu_);
  return pending_count_;
}

Result<OwnSlot> RocksStore::ReserveOwnSlot(const SigningPublicKey& self,
                                           const std::string& network) {
  MutexLock lock(&write_mu_);
  CITYNET_ASSIGN_OR_RETURN(std::optional<FeedHead> head, CachedHead(network, self));
  OwnSlot slot;
  slot.seq = head ? head->seq + 1 : 1;
  if (head) slot.prev = head->head;
  // A reservation at or above this position means the last reservation was not followed by
  // a stored record (a crash): that record never left the node, so its seq is free again.
  std::string key = std::string(Raw(self)) + network;
  std::string previous;
  auto got = db_->Get(rocksdb::ReadOptions(), cfs_[kOwn], S(key), &previous);
  if (!got.ok() && !got.IsNotFound()) return FromRocks(got, "reading the own-feed reservation");
  slot.reused = got.ok() && previous.size() == 8 && GetBe64(previous) >= slot.seq;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  CITYNET_RETURN_IF_ERROR(FromRocks(db_->Put(wo, cfs_[kOwn], S(key), S(Be64(slot.seq))),
                                    "reserving the next seq of the node's own feed"));
  return slot;
}

Status RocksStore::PutChunks(const RecordId& dataset, uint32_t first_index,
                             const std::vector<ByteView>& chunks, const BodyStatus& status,
                             bool sync) {
  MutexLock lock(&write_mu_);
  // A retracted dataset's body is never stored again.
  if (retracted_.count(dataset) != 0) {
    return FailedPrecondition(
        fmt::format("dataset {} was retracted: its body is not kept", dataset.Hex()));
  }
  rocksdb::WriteBatch batch;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    batch.Put(cfs_[kChunks], S(ChunkKey(dataset, first_index + static_cast<uint32_t>(i))),
              rocksdb::Slice(reinterpret_cast<const char*>(chunks[i].data()), chunks[i].size()));
  }
  batch.Put(cfs_[kBodies], S(Raw(dataset)), S(EncodeBody(status)));
  return Write(batch, sync, "storing dataset chunks");
}

Result<std::optional<Bytes>> RocksStore::GetChunk(const RecordId& dataset, uint32_t index) const {
  rocksdb::PinnableSlice v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kChunks], S(ChunkKey(dataset, index)), &v);
  if (s.IsNotFound()) return std::optional<Bytes>();
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a dataset chunk"));
  return std::optional<Bytes>(Bytes(v.data(), v.data() + v.size()));
}

template <typename Fn>
Status RocksStore::ForEachChunk(const RecordId& dataset, Fn fn) const {
  const std::string prefix(Raw(dataset));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kChunks]));
  for (it->Seek(S(prefix)); it->Valid() && it->key().starts_with(S(prefix)); it->Next()) {
    std::string_view k = it->key().ToStringView();
    if (k.size() != 36) return DataLoss("a dataset chunk key is damaged");
    uint32_t index = 0;
    for (int i = 32; i < 36; ++i) index = (index << 8) | static_cast<uint8_t>(k[i]);
    fn(it->key(), index);
  }
  return FromRocks(it->status(), "listing dataset chunks");
}

Status RocksStore::DeleteChunks(const RecordId& dataset, rocksdb::WriteBatch& batch) const {
  return ForEachChunk(
      dataset, [&](const rocksdb::Slice& key, uint32_t) { batch.Delete(cfs_[kChunks], key); });
}

Result<std::vector<bool>> RocksStore::HeldChunks(const RecordId& dataset, uint32_t count) const {
  std::vector<bool> held(count, false);
  CITYNET_RETURN_IF_ERROR(ForEachChunk(dataset, [&](const rocksdb::Slice&, uint32_t index) {
    if (index < count) held[index] = true;
  }));
  return held;
}

Result<BodyStatus> RocksStore::GetBody(const RecordId& dataset) const {
  std::string v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kBodies], S(Raw(dataset)), &v);
  if (s.IsNotFound()) return BodyStatus{};
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a dataset body's status"));
  return DecodeBody(v);
}

Status RocksStore::SetBody(const RecordId& dataset, const BodyStatus& status) {
  MutexLock lock(&write_mu_);
  // A retraction stored meanwhile (the fetch worker races the loop) already removed the body:
  // no status may reappear for it.
  if (retracted_.count(dataset) != 0) return Status::Ok();
  rocksdb::WriteBatch batch;
  batch.Put(cfs_[kBodies], S(Raw(dataset)), S(EncodeBody(status)));
  return Write(batch, false, "storing a dataset body's status");
}

Status RocksStore::DropBody(const RecordId& dataset, const BodyStatus& status) {
  MutexLock lock(&write_mu_);
  rocksdb::WriteBatch batch;
  CITYNET_RETURN_IF_ERROR(DeleteChunks(dataset, batch));
  if (status.state == BodyState::kAbsent || retracted_.count(dataset) != 0) {
    batch.Delete(cfs_[kBodies], S(Raw(dataset)));
  } else {
    batch.Put(cfs_[kBodies], S(Raw(dataset)), S(EncodeBody(status)));
  }
  return Write(batch, true, "deleting a dataset body");
}

Result<std::vector<std::pair<RecordId, BodyStatus>>> RocksStore::Bodies() const {
  std::vector<std::pair<RecordId, BodyStatus>> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kBodies]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto id = FromRaw<RecordId>(it->key().ToStringView());
    if (!id) return DataLoss("a dataset body's key is damaged");
    CITYNET_ASSIGN_OR_RETURN(BodyStatus b, DecodeBody(it->value().ToStringView()));
    out.emplace_back(*id, std::move(b));
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "listing dataset bodies"));
  return out;
}

Result<std::vector<StoredRecord>> RocksStore::ReadSince(uint64_t after, std::size_t limit) const {
  std::vector<StoredRecord> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kArrival]));
  for (it->Seek(S(Be64(after + 1))); it->Valid() && out.size() < limit; it->Next()) {
    auto id = FromRaw<RecordId>(it->value().ToStringView());
    if (!id || it->key().size() != 8) return DataLoss("an arrival index entry is damaged");
    CITYNET_ASSIGN_OR_RETURN(StoredRecord r, Get(*id));
    out.push_back(std::move(r));
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "reading arrivals"));
  return out;
}

uint64_t RocksStore::LastLocalSeq() const { return local_seq_.load(); }

Status RocksStore::CheckIntegrity() const {
  rocksdb::ReadOptions ro;
  const rocksdb::Snapshot* snap = db_->GetSnapshot();
  ro.snapshot = snap;
  Status s = CheckIntegrityAt(ro);
  db_->ReleaseSnapshot(snap);
  return s;
}

Status RocksStore::CheckIntegrityAt(const rocksdb::ReadOptions& ro) const {
  auto exists = [&](Cf cf, std::string_view key) -> Result<bool> {
    std::string v;
    auto s = db_->Get(ro, cfs_[cf], S(key), &v);
    if (s.IsNotFound()) return false;
    CITYNET_RETURN_IF_ERROR(FromRocks(s, "checking the store"));
    return true;
  };
  auto get = [&](Cf cf, std::string_view key, std::string* v) -> Result<bool> {
    auto s = db_->Get(ro, cfs_[cf], S(key), v);
    if (s.IsNotFound()) return false;
    CITYNET_RETURN_IF_ERROR(FromRocks(s, "checking the store"));
    return true;
  };
  uint64_t records = 0, max_local = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kRecords]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++records;
    auto id = FromRaw<RecordId>(it->key().ToStringView());
    if (!id) return DataLoss("a record key is damaged");
    CITYNET_ASSIGN_OR_RETURN(RecordMeta meta, DecodeMeta(it->value().ToStringView()));
    auto header = DecodeHeader(AsBytes(meta.header));
    if (!header.ok() || ComputeRecordId(AsBytes(meta.header)) != *id) {
      return DataLoss(fmt::format("record {} has a damaged header", id->Hex()));
    }
    const RecordHeader& h = *header;
    std::string v;
    CITYNET_ASSIGN_OR_RETURN(bool in_feed, get(kFeed, FeedKey(h.author, h.network, h.seq), &v));
    if (!in_feed || v != Raw(*id)) {
      return DataLoss(fmt::format("record {} is missing from its feed index", id->Hex()));
    }
    CITYNET_ASSIGN_OR_RETURN(bool arrived, get(kArrival, Be64(meta.local_seq), &v));
    if (!arrived || v != Raw(*id)) {
      return DataLoss(fmt::format("record {} is missing from the arrival index", id->Hex()));
    }
    max_local = std::max(max_local, meta.local_seq);
    CITYNET_ASSIGN_OR_RETURN(bool listed,
                             exists(kList, ListKey(Dim::kAll, "", h.created_at_ms, *id)));
    if (!listed) return DataLoss(fmt::format("record {} is missing from the listing", id->Hex()));
    if (meta.has_payload && meta.retracted) {
      return DataLoss(fmt::format("retracted record {} still holds its payload", id->Hex()));
    }
    if (meta.has_payload &&
        HashWithDomain(kPayloadHashDomain, AsBytes(meta.payload)) != h.payload_hash) {
      return DataLoss(
          fmt::format("record {} holds a payload that does not match its hash", id->Hex()));
    }
    CITYNET_ASSIGN_OR_RETURN(bool head_found, get(kFeeds, HeadKey(h.network, h.author), &v));
    if (!head_found || v.size() != 41 || GetBe64(v) < h.seq) {
      return DataLoss(fmt::format("record {} lies beyond its feed's head", id->Hex()));
    }
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking records"));
  if (max_local != local_seq_.load()) {
    return DataLoss(fmt::format("the arrival counter is {} but the newest record arrived as {}",
                                local_seq_.load(), max_local));
  }
  // Every index entry points at a record, and every head is its feed's last entry.
  for (Cf cf : {kFeed, kArrival}) {
    uint64_t entries = 0;
    it.reset(db_->NewIterator(ro, cfs_[cf]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++entries;
      CITYNET_ASSIGN_OR_RETURN(bool found, exists(kRecords, it->value().ToStringView()));
      if (!found) return DataLoss(fmt::format("the {} index names a missing record", kCfNames[cf]));
    }
    CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking indexes"));
    if (entries != records) {
      return DataLoss(fmt::format("the {} index has {} entries for {} records", kCfNames[cf],
                                  entries, records));
    }
  }
  it.reset(db_->NewIterator(ro, cfs_[kFeeds]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    CITYNET_ASSIGN_OR_RETURN(FeedHead head,
                             DecodeHead(it->key().ToStringView(), it->value().ToStringView()));
    std::string v;
    CITYNET_ASSIGN_OR_RETURN(bool found,
                             get(kFeed, FeedKey(head.author, head.network, head.seq), &v));
    if (!found || v != Raw(head.head)) {
      return DataLoss(fmt::format("the head of feed {}/{} names no stored record",
                                  head.author.ShortHex(), head.network));
    }
    CITYNET_ASSIGN_OR_RETURN(bool beyond,
                             exists(kFeed, FeedKey(head.author, head.network, head.seq + 1)));
    if (beyond) {
      return DataLoss(fmt::format("feed {}/{} has records beyond its head", head.author.ShortHex(),
                                  head.network));
    }
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking feed heads"));
  it.reset(db_->NewIterator(ro, cfs_[kList]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key = it->key().ToStringView();
    if (key.size() < 32) return DataLoss("a listing entry is damaged");
    CITYNET_ASSIGN_OR_RETURN(bool found, exists(kRecords, key.substr(key.size() - 32)));
    if (!found) return DataLoss("a listing entry names a missing record");
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking the listing"));
  // Dataset chunks belong to a dataset record this node holds and that was not retracted.
  for (Cf cf : {kChunks, kBodies}) {
    it.reset(db_->NewIterator(ro, cfs_[cf]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (key.size() != (cf == kChunks ? 36u : 32u)) {
        return DataLoss(fmt::format("a {} entry is damaged", kCfNames[cf]));
      }
      auto id = FromRaw<RecordId>(key.substr(0, 32));
      CITYNET_ASSIGN_OR_RETURN(std::optional<RecordMeta> meta, ReadMeta(*id));
      if (cf == kChunks && meta && meta->retracted) {
        return DataLoss(fmt::format("retracted dataset {} still holds body chunks", id->Hex()));
      }
    }
    CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking dataset bodies"));
  }
  uint64_t pending = 0, pending_bytes = 0;
  it.reset(db_->NewIterator(ro, cfs_[kPending]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++pending;
    pending_bytes += it->value().size();
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking waiting records"));
  std::string v;
  CITYNET_ASSIGN_OR_RETURN(bool has_count, get(kDefault, kPendingCountKey, &v));
  if ((has_count ? GetBe64(v) : 0) != pending) {
    return DataLoss(fmt::format("{} records wait but the counter says {}", pending,
                                has_count ? GetBe64(v) : 0));
  }
  CITYNET_ASSIGN_OR_RETURN(bool has_bytes, get(kDefault, kPendingBytesKey, &v));
  if ((has_bytes ? GetBe64(v) : 0) != pending_bytes) {
    return DataLoss("the waiting records' byte counter is wrong");
  }
  return Status::Ok();
}

ByteView RocksStore::AsBytes(const std::string& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

rocksdb::Slice RocksStore::AsSlice(const Bytes& b) {
  return rocksdb::Slice(reinterpret_cast<const char*>(b.data()), b.size());
}

std::string RocksStore::CursorKey(const StoredRecord& r) {
  std::string k = Be64(InvTime(r.header.created_at_ms));
  k += Raw(r.id);
  return k;
}

Status RocksStore::Write(rocksdb::WriteBatch& batch, bool sync, std::string_view what) {
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  return FromRocks(db_->Write(wo, &batch), what);
}

Result<uint64_t> RocksStore::ReadCounter(std::string_view key) const {
  std::string v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kDefault], S(key), &v);
  if (s.IsNotFound()) return uint64_t{0};
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a counter"));
  if (v.size() != 8) return DataLoss(fmt::format("the store's {} counter is damaged", key));
  return GetBe64(v);
}

Result<std::optional<RecordMeta>> RocksStore::ReadMeta(const RecordId& id) const {
  std::string v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kRecords], S(Raw(id)), &v);
  if (s.IsNotFound()) return std::optional<RecordMeta>();
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a record"));
  CITYNET_ASSIGN_OR_RETURN(RecordMeta m, DecodeMeta(v));
  return std::optional<RecordMeta>(std::move(m));
}

Result<std::optional<FeedHead>> RocksStore::CachedHead(const std::string& network,
                                                       const SigningPublicKey& author) {
  std::string key = HeadKey(network, author);
  if (auto it = heads_.find(key); it != heads_.end()) return std::optional<FeedHead>(it->second);
  CITYNET_ASSIGN_OR_RETURN(std::optional<FeedHead> head, ReadHead(network, author));
  if (head) heads_.emplace(std::move(key), *head);
  return head;
}

void RocksStore::CacheHead(const std::string& network, const SigningPublicKey& author, uint64_t seq,
                           const RecordId& id, bool forked) {
  FeedHead h;
  h.author = author;
  h.network = network;
  h.seq = seq;
  h.head = id;
  h.forked = forked;
  heads_[HeadKey(network, author)] = std::move(h);
}

Result<std::optional<FeedHead>> RocksStore::ReadHead(const std::string& network,
                                                     const SigningPublicKey& author) const {
  std::string key = HeadKey(network, author);
  std::string v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kFeeds], S(key), &v);
  if (s.IsNotFound()) return std::optional<FeedHead>();
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a feed head"));
  CITYNET_ASSIGN_OR_RETURN(FeedHead head, DecodeHead(key, v));
  return std::optional<FeedHead>(std::move(head));
}

Result<FeedHead> RocksStore::DecodeHead(std::string_view key, std::string_view value) {
  std::size_t nul = key.find('\0');
  if (nul == std::string_view::npos || key.size() != nul + 33 || value.size() != 41) {
    return DataLoss("a feed head entry is damaged");
  }
  FeedHead h;
  h.network = std::string(key.substr(0, nul));
  h.author = *FromRaw<SigningPublicKey>(key.substr(nul + 1));
  h.seq = GetBe64(value);
  h.head = *FromRaw<RecordId>(value.substr(8, 32));
  h.forked = value[40] != 0;
  return h;
}

std::string RocksStore::EncodeHeadValue(uint64_t seq, const RecordId& head, bool forked) {
  std::string v = Be64(seq);
  v += Raw(head);
  v.push_back(forked ? 1 : 0);
  return v;
}

Result<std::optional<RecordId>> RocksStore::ReadFeedId(const SigningPublicKey& author,
                                                       const std::string& network,
                                                       uint64_t seq) const {
  std::string v;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kFeed], S(FeedKey(author, network, seq)), &v);
  if (s.IsNotFound()) return std::optional<RecordId>();
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a feed entry"));
  auto id = FromRaw<RecordId>(v);
  if (!id) return DataLoss("a feed index entry is damaged");
  return std::optional<RecordId>(*id);
}

Result<StoredRecord> RocksStore::Materialise(const RecordId& id, const RecordMeta& meta) const {
  StoredRecord r;
  r.id = id;
  r.local_seq = meta.local_seq;
  r.received_at_ms = meta.received_at_ms;
  r.received_from = meta.received_from;
  r.retracted = meta.retracted;
  r.wire.header.assign(meta.header.begin(), meta.header.end());
  r.wire.signature = *FromRaw<Signature>(meta.signature);
  auto header = DecodeHeader(r.wire.header);
  if (!header.ok()) {
    return DataLoss(fmt::format("stored record {} has a damaged header: {}", id.Hex(),
                                header.status().message()));
  }
  if (ComputeRecordId(r.wire.header) != id) {
    return DataLoss(fmt::format("stored record {} does not match its id", id.Hex()));
  }
  r.header = std::move(header).value();
  if (meta.has_payload) r.wire.payload = Bytes(meta.payload.begin(), meta.payload.end());
  std::string next;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kSuperseded], S(Raw(id)), &next);
  if (s.ok()) {
    r.superseded_by = FromRaw<RecordId>(next);
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading supersession");
  }
  return r;
}

Result<SignedRecord> RocksStore::DecodeStoredEnvelope(std::string_view bytes) {
  auto env = DecodeEnvelope(ByteView(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  if (!env.ok()) return DataLoss("a stored record is damaged: " + env.status().message());
  auto* rec = std::get_if<SignedRecord>(&env->body);
  if (rec == nullptr) return DataLoss("a stored record entry holds something else");
  return std::move(*rec);
}

Result<IngestResult> RocksStore::RecordFork(const VerifiedRecord& record,
                                            const std::optional<FeedHead>& head,
                                            std::string_view why, bool sync) {
  const RecordHeader& h = record.header;
  IngestResult result;
  result.id = record.id;
  result.outcome = IngestOutcome::kForkEvidence;
  result.reason = fmt::format(
      "fork: author {} has two different records at seq {} of network '{}' ({}); both are "
      "kept as evidence and the feed is flagged",
      h.author.ShortHex(), h.seq, h.network, why);
  rocksdb::WriteBatch batch;
  std::string key = FeedKey(h.author, h.network, h.seq) + std::string(Raw(record.id));
  SignedRecord evidence = record.wire;
  Bytes env = EncodeEnvelope(Envelope{evidence});
  batch.Put(cfs_[kForks], S(key), AsSlice(env));
  if (head) {
    batch.Put(cfs_[kFeeds], S(HeadKey(h.network, h.author)),
              S(EncodeHeadValue(head->seq, head->head, true)));
  }
  CITYNET_RETURN_IF_ERROR(Write(batch, sync, "storing fork evidence"));
  if (head) CacheHead(h.network, h.author, head->seq, head->head, true);
  return result;
}

Result<IngestResult> RocksStore::Park(const VerifiedRecord& record, const IngestOptions& options) {
  const RecordHeader& h = record.header;
  IngestResult result;
  result.id = record.id;
  std::string key = FeedKey(h.author, h.network, h.seq);
  std::string existing;
  auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kPending], S(key), &existing);
  if (s.ok()) {
    auto other = DecodeStoredEnvelope(existing);
    if (other.ok() && ComputeRecordId(other->header) == record.id) {
      result.outcome = IngestOutcome::kWaiting;
      return result;
    }
    return RecordFork(record, std::nullopt, "another record already waits at this seq",
                      options.sync);
  }
  if (!s.IsNotFound()) return FromRocks(s, "reading waiting records");
  Bytes env = EncodeEnvelope(Envelope{record.wire});
  if (pending_count_ + 1 > options_.max_pending_records ||
      pending_bytes_ + env.size() > options_.max_pending_bytes) {
    return ResourceExhausted(fmt::format(
        "{} records ({} bytes) already wait for missing predecessors, the limit: refusing "
        "more until the gaps fill",
        pending_count_, pending_bytes_));
  }
  rocksdb::WriteBatch batch;
  batch.Put(cfs_[kPending], S(key), AsSlice(env));
  batch.Put(cfs_[kDefault], S(kPendingCountKey), S(Be64(pending_count_ + 1)));
  batch.Put(cfs_[kDefault], S(kPendingBytesKey), S(Be64(pending_bytes_ + env.size())));
  CITYNET_RETURN_IF_ERROR(Write(batch, options.sync, "parking a record"));
  ++pending_count_;
  pending_bytes_ += env.size();
  result.outcome = IngestOutcome::kWaiting;
  return result;
}

Status RocksStore::DrainPending(const SigningPublicKey& author, const std::string& network,
                                uint64_t seq, const IngestOptions& options,
                                std::vector<RecordId>* applied) {
  for (;; ++seq) {
    if (pending_count_ == 0) return Status::Ok();
    std::string key = FeedKey(author, network, seq);
    std::string bytes;
    auto s = db_->Get(rocksdb::ReadOptions(), cfs_[kPending], S(key), &bytes);
    if (s.IsNotFound()) return Status::Ok();
    CITYNET_RETURN_IF_ERROR(FromRocks(s, "reading a waiting record"));
    CITYNET_ASSIGN_OR_RETURN(SignedRecord wire, DecodeStoredEnvelope(bytes));
    // It was verified before it was parked; the header is decoded again, not re-verified.
    auto header = DecodeHeader(wire.header);
    if (!header.ok()) return DataLoss("a waiting record is damaged");
    VerifiedRecord rec;
    rec.id = ComputeRecordId(wire.header);
    rec.header = std::move(header).value();
    if (wire.payload) {
      auto payload = DecodePayload(rec.header.kind, *wire.payload);
      if (payload.ok()) rec.payload = std::move(payload).value();
    }
    rec.wire = std::move(wire);
    CITYNET_ASSIGN_OR_RETURN(std::optional<FeedHead> head, CachedHead(network, author));
    rocksdb::WriteBatch batch;
    batch.Delete(cfs_[kPending], S(key));
    const uint64_t count = pending_count_ - 1;
    const uint64_t bytes_left = pending_bytes_ - std::min<uint64_t>(pending_bytes_, bytes.size());
    batch.Put(cfs_[kDefault], S(kPendingCountKey), S(Be64(count)));
    batch.Put(cfs_[kDefault], S(kPendingBytesKey), S(Be64(bytes_left)));
    if (!head || rec.header.prev != head->head) {
      // It does not link: keep it as fork evidence instead.
      Bytes env = EncodeEnvelope(Envelope{rec.wire});
      batch.Put(cfs_[kForks], S(key + std::string(Raw(rec.id))), AsSlice(env));
      if (head) {
        batch.Put(cfs_[kFeeds], S(HeadKey(network, author)),
                  S(EncodeHeadValue(head->seq, head->head, true)));
      }
      CITYNET_RETURN_IF_ERROR(Write(batch, options.sync, "storing fork evidence"));
      if (head) CacheHead(network, author, head->seq, head->head, true);
      pending_count_ = count;
      pending_bytes_ = bytes_left;
      return Status::Ok();
    }
    CITYNET_RETURN_IF_ERROR(Apply(rec, options, head, &batch));
    pending_count_ = count;
    pending_bytes_ = bytes_left;
    applied->push_back(rec.id);
  }
}

Status RocksStore::Apply(const VerifiedRecord& record, const IngestOptions& options,
                         const std::optional<FeedHead>& head, rocksdb::WriteBatch* batch_in) {
  const RecordHeader& h = record.header;
  rocksdb::WriteBatch local;
  rocksdb::WriteBatch& batch = batch_in ? *batch_in : local;
  const std::string id_key(Raw(record.id));

  RecordMeta meta;
  meta.local_seq = local_seq_.load() + 1;
  meta.received_at_ms = options.received_at_ms;
  meta.received_from = options.received_from;
  meta.header.assign(record.wire.header.begin(), record.wire.header.end());
  meta.signature = std::string(Raw(record.wire.signature));

  // A payload retracted before it arrived is refused now.
  bool retracted = false;
  if (retracted_.count(record.id) != 0) {
    std::string retraction;
    auto rs = db_->Get(rocksdb::ReadOptions(), cfs_[kRetracted], S(id_key), &retraction);
    if (!rs.ok() && !rs.IsNotFound()) return FromRocks(rs, "reading retractions");
    retracted = rs.ok() && retraction.size() >= 64 && retraction.substr(32, 32) == Raw(h.author) &&
                retraction.substr(64) == h.network;
  }
  meta.retracted = retracted;
  meta.has_payload = record.wire.payload.has_value() && !retracted;
  if (meta.has_payload)
    meta.payload.assign(record.wire.payload->begin(), record.wire.payload->end());
  batch.Put(cfs_[kRecords], S(id_key), EncodeMeta(meta));
  batch.Put(cfs_[kFeed], S(FeedKey(h.author, h.network, h.seq)), S(id_key));
  batch.Put(cfs_[kFeeds], S(HeadKey(h.network, h.author)),
            S(EncodeHeadValue(h.seq, record.id, head && head->forked)));
  batch.Put(cfs_[kArrival], S(Be64(meta.local_seq)), S(id_key));
  const std::string facets = EncodeFacets(MakeFacets(h, record.payload, retracted));
  for (const auto& [dim, value] : ListDims(h)) {
    batch.Put(cfs_[kList], S(ListKey(dim, value, h.created_at_ms, record.id)), S(facets));
  }
  if (h.supersedes) {
    // Only the author's own records in the same network can be superseded.
    CITYNET_ASSIGN_OR_RETURN(std::optional<RecordMeta> old, ReadMeta(*h.supersedes));
    bool same_feed = true;
    if (old) {
      auto oh = DecodeHeader(
          ByteView(reinterpret_cast<const uint8_t*>(old->header.data()), old->header.size()));
      same_feed = oh.ok() && oh->author == h.author && oh->network == h.network;
    }
    if (same_feed) batch.Put(cfs_[kSuperseded], S(Raw(*h.supersedes)), S(id_key));
  }
  if (const auto* refs = std::get_if<RetractionRefs>(&h.refs)) {
    CITYNET_RETURN_IF_ERROR(ApplyRetraction(record, *refs, batch));
  }
  Status written = Write(batch, options.sync, "storing a record");
  if (!written.ok()) {
    heads_.clear();  // the batch may or may not be on disk: reread heads from RocksDB
    return written;
  }
  CacheHead(h.network, h.author, h.seq, record.id, head && head->forked);
  local_seq_.store(meta.local_seq);
  if (const auto* refs = std::get_if<RetractionRefs>(&h.refs)) {
    for (const RecordId& t : refs->targets) retracted_.insert(t);
  }
  return Status::Ok();
}

Status RocksStore::ApplyRetraction(const VerifiedRecord& record, const RetractionRefs& refs,
                                   rocksdb::WriteBatch& batch) {
  const RecordHeader& h = record.header;
  std::string value(Raw(record.id));
  value += Raw(h.author);
  value += h.network;
  for (const RecordId& target : refs.targets) {
    const std::string key(Raw(target));
    batch.Put(cfs_[kRetracted], S(key), S(value));
    CITYNET_ASSIGN_OR_RETURN(std::optional<RecordMeta> meta, ReadMeta(target));
    if (!meta) continue;  // not here yet: its payload is refused when it arrives
    auto th = DecodeHeader(
        ByteView(reinterpret_cast<const uint8_t*>(meta->header.data()), meta->header.size()));
    if (!th.ok()) return DataLoss("a stored record has a damaged header");
    // Authors retract their own records only.
    if (th->author != h.author || th->network != h.network) continue;
    // The listing keeps the header's facets only, marked retracted.
    const std::string facets = EncodeFacets(MakeFacets(*th, std::nullopt, true));
    for (const auto& [dim, v] : ListDims(*th)) {
      batch.Put(cfs_[kList], S(ListKey(dim, v, th->created_at_ms, target)), S(facets));
    }
    meta->retracted = true;
    meta->has_payload = false;
    meta->payload.clear();
    batch.Put(cfs_[kRecords], S(key), EncodeMeta(*meta));
    if (th->kind == RecordKind::kDataset) {  // the body goes with the payload
      CITYNET_RETURN_IF_ERROR(DeleteChunks(target, batch));
      batch.Delete(cfs_[kBodies], S(key));
    }
  }
  return Status::Ok();
}

std::pair<Dim, std::string> RocksStore::ChooseDim(const ListFilter& f) {
  if (f.author) return {Dim::kAuthor, std::string(Raw(*f.author))};
  if (f.network) return {Dim::kNetwork, *f.network};
  return {Dim::kAll, ""};
}

bool RocksStore::MatchesFacets(const ListFilter& f, const Facets& facets) {
  const auto kind = static_cast<RecordKind>(facets.kind);
  if (f.kind && kind != *f.kind) return false;
  if (!f.include_retractions && (kind == RecordKind::kRetraction ||
                                 kind == RecordKind::kErasureReceipt || facets.retracted)) {
    return false;
  }
  if (f.sdg && (*f.sdg < 1 || *f.sdg > 31 || (facets.sdg_mask & (1u << *f.sdg)) == 0)) {
    return false;
  }
  if (f.language && facets.language != LowerAscii(*f.language)) return false;
  if (f.city && facets.city != LowerAscii(*f.city)) return false;
  if (f.theme &&
      std::find(facets.themes.begin(), facets.themes.end(), *f.theme) == facets.themes.end()) {
    return false;
  }
  return true;
}

bool RocksStore::Matches(const ListFilter& f, const StoredRecord& r) {
  const RecordHeader& h = r.header;
  if (f.network && h.network != *f.network) return false;
  if (f.author && h.author != *f.author) return false;
  if (!f.include_superseded && r.superseded_by) return false;
  return true;
}

Status RocksStore::OpenSearch() {
  MutexLock search_lock(&search_mu_);
  MutexLock index_lock(&index_mu_);
  if (options_.in_memory) {
    CITYNET_ASSIGN_OR_RETURN(search_, SearchIndex::Open(":memory:"));
    indexed_through_ = 0;
    indexer_ = std::thread([this] { IndexLoop(); });
    return Status::Ok();
  }
  std::string path = (fs::path(options_.path) / kSearchFile).string();
  auto index = SearchIndex::Open(path);
  if (!index.ok() && index.status().code() == StatusCode::kDataLoss) {
    // The index is derived: a damaged one is rebuilt from the records.
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
    index = SearchIndex::Open(path);
  }
  if (!index.ok()) return index.status().WithContext("opening the search index");
  search_ = std::move(index).value();
  indexed_through_ = search_->AppliedThrough();
  if (indexed_through_ > local_seq_.load()) {
    // The index claims records the store does not have (a restored older backup): rebuild.
    search_.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
    CITYNET_ASSIGN_OR_RETURN(search_, SearchIndex::Open(path));
    indexed_through_ = 0;
  }
  indexer_ = std::thread([this] { IndexLoop(); });
  return Status::Ok();
}

void RocksStore::IndexLoop() {
  // The index is derived and may trail: when the node is busy verifying and storing records
  // (a catch-up), indexing yields the CPU to it and catches up afterwards. Linux applies a
  // nice value to the calling thread only; failure leaves the default priority.
  (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
  MutexLock lock(&index_mu_);
  while (!stopping_) {
    if (indexed_through_ >= local_seq_.load()) {
      index_cv_.WaitFor(&index_mu_, std::chrono::milliseconds(200));
      continue;
    }
    uint64_t from = indexed_through_;
    index_mu_.Unlock();
    Status s = IndexBatch(from);
    index_mu_.Lock();
    if (!s.ok()) {
      index_status_ = s;
      index_cv_.WaitFor(&index_mu_, std::chrono::seconds(1));
    } else {
      index_status_ = Status::Ok();
    }
    indexed_cv_.SignalAll();
  }
}

Status RocksStore::IndexBatch(uint64_t from) {
  CITYNET_ASSIGN_OR_RETURN(std::vector<StoredRecord> batch, ReadSince(from, 512));
  if (batch.empty()) return Status::Ok();
  std::vector<SearchDoc> docs;
  std::vector<std::string> removals;
  for (const StoredRecord& r : batch) {
    if (const auto* refs = std::get_if<RetractionRefs>(&r.header.refs)) {
      for (const RecordId& t : refs->targets) removals.push_back(t.Hex());
    }
    if (r.retracted || !r.wire.payload) continue;
    auto p = DecodePayload(r.header.kind, *r.wire.payload);
    if (!p.ok()) continue;
    if (auto doc = ToSearchDoc(r, *p)) docs.push_back(std::move(*doc));
  }
  const uint64_t through = batch.back().local_seq;
  {
    MutexLock lock(&search_mu_);
    CITYNET_RETURN_IF_ERROR(search_->Put(docs, through));
    for (const std::string& id : removals) CITYNET_RETURN_IF_ERROR(search_->Remove(id, through));
  }
  MutexLock lock(&index_mu_);
  indexed_through_ = through;
  return Status::Ok();
}

}  // namespace citynet::store::internal

namespace citynet::store {
namespace {

using namespace citynet::store::internal;

Status CheckOrWriteMarker(const fs::path& dir, bool create) {
  std::error_code ec;
  const fs::path marker = dir / kMarkerName;
  if (fs::exists(marker, ec)) {
    std::ifstream in(marker);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text != kMarkerText) {
      return FailedPrecondition(fmt::format(
          "{} holds a citynet store of a format this build does not know ({}): upgrade citynet",
          dir.string(), text.substr(0, text.find('\n'))));
    }
    return Status::Ok();
  }
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return FailedPrecondition(
        fmt::format("{} is a file, not a directory: set the data directory "
                    "to a directory",
                    dir.string()));
  }
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return FailedPrecondition(
        fmt::format("{} is not a citynet store: it is not empty and has no {} file. Point the data "
                    "directory at an empty directory or at an existing citynet store",
                    dir.string(), kMarkerName));
  }
  if (!create) {
    return NotFound(fmt::format("there is no citynet store at {}", dir.string()));
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return Internal(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
  ::chmod(dir.c_str(), 0750);
  // Written last-to-first so a crash leaves either no marker (the directory is still empty
  // apart from a temp file) or a complete one.
  std::string tmp = (dir / ".marker.tmp").string();
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << kMarkerText;
    out.flush();
    if (!out) return Internal(fmt::format("cannot write {}", tmp));
  }
  if (::rename(tmp.c_str(), marker.c_str()) != 0) {
    return Internal(fmt::format("cannot create {}: {}", marker.string(), std::strerror(errno)));
  }
  return Status::Ok();
}

}  // namespace

Result<IngestResult> Store::IngestSigned(const SignedRecord& record, const IngestOptions& options) {
  auto verified = VerifyRecord(record);
  if (!verified.ok()) {
    IngestResult refused;
    refused.outcome = IngestOutcome::kRefused;
    refused.id = ComputeRecordId(record.header);
    refused.reason = verified.status().ToString();
    return refused;
  }
  return Ingest(*verified, options);
}

std::string_view BodyStateName(BodyState state) {
  switch (state) {
    case BodyState::kAbsent:
      return "absent";
    case BodyState::kFetching:
      return "fetching";
    case BodyState::kComplete:
      return "complete";
    case BodyState::kRefused:
      return "refused";
  }
  return "unknown";
}

std::string_view IngestOutcomeName(IngestOutcome outcome) {
  switch (outcome) {
    case IngestOutcome::kAccepted:
      return "accepted";
    case IngestOutcome::kDuplicate:
      return "duplicate";
    case IngestOutcome::kWaiting:
      return "waiting";
    case IngestOutcome::kForkEvidence:
      return "fork-evidence";
    case IngestOutcome::kRefused:
      return "refused";
  }
  return "unknown";
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (options.path.empty()) return InvalidArgument("the store needs a data directory");
  const fs::path dir(options.path);
  if (!options.in_memory)
    CITYNET_RETURN_IF_ERROR(CheckOrWriteMarker(dir, options.create_if_missing));
  const std::string db_path = (dir / kDbDir).string();

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.paranoid_checks = true;
  db_options.track_and_verify_wals_in_manifest = true;
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 5;
  // The store serialises its writes itself (one record's checks and batch at a time), so
  // RocksDB's lock-free concurrent memtable insert path is pure overhead here.
  db_options.allow_concurrent_memtable_write = false;
  db_options.enable_write_thread_adaptive_yield = false;
  std::unique_ptr<rocksdb::Env> env;
  if (options.in_memory) {
    env.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = env.get();
  }

  rocksdb::ColumnFamilyOptions cf_options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.cache_bytes);
  // Most ingest lookups are for keys that do not exist yet (a new id, a free feed position).
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = true;
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf_options.compression = rocksdb::kNoCompression;
  // Fewer, larger flushes and later L0 compaction: on a two-core node, background work that
  // runs in bursts competes with verification for the same cores.
  cf_options.write_buffer_size = 128u << 20;
  // In memory, many stores share one process: small memtables (their arenas grow in blocks of
  // an eighth of this), flushed into the in-memory Env.
  if (options.in_memory) cf_options.write_buffer_size = 1u << 20;
  cf_options.level0_file_num_compaction_trigger = 8;
  // Most keys arrive in order within a prefix (a feed's seqs, the arrival counter, listing
  // entries by time): memtable inserts start from the previous position of the same prefix.
  cf_options.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewCappedPrefixTransform(8));

  // Refuse a database with column families this build does not know (a newer format).
  std::vector<std::string> existing;
  auto ls = rocksdb::DB::ListColumnFamilies(db_options, db_path, &existing);
  if (ls.ok()) {
    for (const std::string& name : existing) {
      if (std::find(std::begin(kCfNames), std::end(kCfNames), name) == std::end(kCfNames)) {
        return FailedPrecondition(fmt::format(
            "{} has a column family '{}' this build does not know: it was written by a newer "
            "citynet; upgrade citynet",
            db_path, name));
      }
    }
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kCfNames) descriptors.emplace_back(name, cf_options);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(db_options, db_path, descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, fmt::format("opening the record store at {}", db_path));
  std::unique_ptr<rocksdb::DB> db(raw);

  std::string format;
  auto fs_status = db->Get(rocksdb::ReadOptions(), handles[kDefault], S(kFormatKey), &format);
  if (fs_status.IsNotFound()) {
    rocksdb::WriteOptions wo;
    wo.sync = true;
    fs_status = db->Put(wo, handles[kDefault], S(kFormatKey), S(kFormatValue));
    if (!fs_status.ok()) {
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
      return FromRocks(fs_status, "initialising the record store");
    }
  } else if (!fs_status.ok() || format != kFormatValue) {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    if (!fs_status.ok()) return FromRocks(fs_status, "reading the store format");
    return FailedPrecondition(fmt::format(
        "{} holds a store of format '{}', which this build does not read: upgrade citynet", db_path,
        format));
  }

  auto store =
      std::make_unique<RocksStore>(options, std::move(env), std::move(db), std::move(handles));
  CITYNET_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace citynet::store
