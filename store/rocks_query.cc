// RocksStore's queries: the listing (scanned by one dimension, filtered by facets), full-text
// search, and the thread that keeps the derived search index in step with arrivals.
#include <fmt/format.h>
#include <rocksdb/db.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "protocol/vocabulary.h"
#include "store/internal/rocks_store.h"

namespace citynet::store::internal {

namespace {

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

std::string RocksStore::CursorKey(const StoredRecord& r) {
  std::string k = Be64(InvTime(r.header.created_at_ms));
  k += Raw(r.id);
  return k;
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
