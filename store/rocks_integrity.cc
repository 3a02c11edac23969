// RocksStore::CheckIntegrity: the offline check that every index agrees with the records, on
// one snapshot.
#include <fmt/format.h>
#include <rocksdb/db.h>

#include <algorithm>

#include "protocol/crypto.h"
#include "store/internal/rocks_store.h"

namespace citynet::store::internal {

Status RocksStore::CheckIntegrity() const {
  rocksdb::ReadOptions ro;
  const rocksdb::Snapshot* snap = db_->GetSnapshot();
  ro.snapshot = snap;
  Status s = CheckIntegrityAt(ro);
  db_->ReleaseSnapshot(snap);
  return s;
}

Status RocksStore::CheckIntegrityAt(const rocksdb::ReadOptions& ro) const {
  uint64_t records = 0;
  CITYNET_RETURN_IF_ERROR(CheckRecordsAt(ro, &records));
  CITYNET_RETURN_IF_ERROR(CheckIndexesAt(ro, records));
  CITYNET_RETURN_IF_ERROR(CheckBodiesAt(ro));
  return CheckPendingAt(ro);
}

Result<bool> RocksStore::FoundAt(const rocksdb::ReadOptions& ro, Cf cf, std::string_view key,
                                 std::string* value) const {
  std::string scratch;
  auto s = db_->Get(ro, cfs_[cf], S(key), value != nullptr ? value : &scratch);
  if (s.IsNotFound()) return false;
  CITYNET_RETURN_IF_ERROR(FromRocks(s, "checking the store"));
  return true;
}

Status RocksStore::CheckRecordsAt(const rocksdb::ReadOptions& ro, uint64_t* records) const {
  uint64_t max_local = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kRecords]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++*records;
    auto id = FromRaw<RecordId>(it->key().ToStringView());
    if (!id) return DataLoss("a record key is damaged");
    CITYNET_ASSIGN_OR_RETURN(RecordMeta meta, DecodeMeta(it->value().ToStringView()));
    auto header = DecodeHeader(AsBytes(meta.header));
    if (!header.ok() || ComputeRecordId(AsBytes(meta.header)) != *id) {
      return DataLoss(fmt::format("record {} has a damaged header", id->Hex()));
    }
    const RecordHeader& h = *header;
    std::string v;
    CITYNET_ASSIGN_OR_RETURN(bool in_feed,
                             FoundAt(ro, kFeed, FeedKey(h.author, h.network, h.seq), &v));
    if (!in_feed || v != Raw(*id)) {
      return DataLoss(fmt::format("record {} is missing from its feed index", id->Hex()));
    }
    CITYNET_ASSIGN_OR_RETURN(bool arrived, FoundAt(ro, kArrival, Be64(meta.local_seq), &v));
    if (!arrived || v != Raw(*id)) {
      return DataLoss(fmt::format("record {} is missing from the arrival index", id->Hex()));
    }
    max_local = std::max(max_local, meta.local_seq);
    CITYNET_ASSIGN_OR_RETURN(
        bool listed, FoundAt(ro, kList, ListKey(Dim::kAll, "", h.created_at_ms, *id), nullptr));
    if (!listed) return DataLoss(fmt::format("record {} is missing from the listing", id->Hex()));
    if (meta.has_payload && meta.retracted) {
      return DataLoss(fmt::format("retracted record {} still holds its payload", id->Hex()));
    }
    if (meta.has_payload &&
        HashWithDomain(kPayloadHashDomain, AsBytes(meta.payload)) != h.payload_hash) {
      return DataLoss(
          fmt::format("record {} holds a payload that does not match its hash", id->Hex()));
    }
    CITYNET_ASSIGN_OR_RETURN(bool head_found,
                             FoundAt(ro, kFeeds, HeadKey(h.network, h.author), &v));
    if (!head_found || v.size() != 41 || GetBe64(v) < h.seq) {
      return DataLoss(fmt::format("record {} lies beyond its feed's head", id->Hex()));
    }
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking records"));
  if (max_local != local_seq_.load()) {
    return DataLoss(fmt::format("the arrival counter is {} but the newest record arrived as {}",
                                local_seq_.load(), max_local));
  }
  return Status::Ok();
}

Status RocksStore::CheckIndexesAt(const rocksdb::ReadOptions& ro, uint64_t records) const {
  // Every index entry points at a record, and every head is its feed's last entry.
  std::unique_ptr<rocksdb::Iterator> it;
  for (Cf cf : {kFeed, kArrival}) {
    uint64_t entries = 0;
    it.reset(db_->NewIterator(ro, cfs_[cf]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++entries;
      CITYNET_ASSIGN_OR_RETURN(bool found,
                               FoundAt(ro, kRecords, it->value().ToStringView(), nullptr));
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
                             FoundAt(ro, kFeed, FeedKey(head.author, head.network, head.seq), &v));
    if (!found || v != Raw(head.head)) {
      return DataLoss(fmt::format("the head of feed {}/{} names no stored record",
                                  head.author.ShortHex(), head.network));
    }
    CITYNET_ASSIGN_OR_RETURN(
        bool beyond, FoundAt(ro, kFeed, FeedKey(head.author, head.network, head.seq + 1), nullptr));
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
    CITYNET_ASSIGN_OR_RETURN(bool found,
                             FoundAt(ro, kRecords, key.substr(key.size() - 32), nullptr));
    if (!found) return DataLoss("a listing entry names a missing record");
  }
  return FromRocks(it->status(), "checking the listing");
}

Status RocksStore::CheckBodiesAt(const rocksdb::ReadOptions& ro) const {
  // Dataset chunks belong to a dataset record this node holds and that was not retracted.
  for (Cf cf : {kChunks, kBodies}) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[cf]));
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
  return Status::Ok();
}

Status RocksStore::CheckPendingAt(const rocksdb::ReadOptions& ro) const {
  uint64_t pending = 0, pending_bytes = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_[kPending]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++pending;
    pending_bytes += it->value().size();
  }
  CITYNET_RETURN_IF_ERROR(FromRocks(it->status(), "checking waiting records"));
  std::string v;
  CITYNET_ASSIGN_OR_RETURN(bool has_count, FoundAt(ro, kDefault, kPendingCountKey, &v));
  if ((has_count ? GetBe64(v) : 0) != pending) {
    return DataLoss(fmt::format("{} records wait but the counter says {}", pending,
                                has_count ? GetBe64(v) : 0));
  }
  CITYNET_ASSIGN_OR_RETURN(bool has_bytes, FoundAt(ro, kDefault, kPendingBytesKey, &v));
  if ((has_bytes ? GetBe64(v) : 0) != pending_bytes) {
    return DataLoss("the waiting records' byte counter is wrong");
  }
  return Status::Ok();
}

}  // namespace citynet::store::internal
