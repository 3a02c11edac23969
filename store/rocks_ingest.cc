// RocksStore's write path: ingesting a record (it links to its feed's head, waits for a missing
// predecessor, or is kept as fork evidence), applying it with its supersession and retraction
// effects in one batch, and reserving the node's own next seq.
#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "protocol/crypto.h"
#include "store/internal/rocks_store.h"

namespace citynet::store::internal {

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

}  // namespace citynet::store::internal
