// The RocksDB implementation of Store (class: store/internal/rocks_store.h; layout:
// store/internal/keys.h). This file: opening a store (the format marker and version, the
// RocksDB options), reading records, feeds and heads, and the helpers the other rocks_*.cc
// files share.
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
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "protocol/crypto.h"
#include "protocol/vocabulary.h"

namespace citynet::store::internal {

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

ByteView RocksStore::AsBytes(const std::string& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

rocksdb::Slice RocksStore::AsSlice(const Bytes& b) {
  return rocksdb::Slice(reinterpret_cast<const char*>(b.data()), b.size());
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
