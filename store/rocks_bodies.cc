// RocksStore's dataset bodies: the chunks of a dataset's body and the body's status (what is
// held, fetching, refused), in the chunks and bodies column families.
#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "store/internal/rocks_store.h"

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

}  // namespace

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

}  // namespace citynet::store::internal
