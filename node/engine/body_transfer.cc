#include "node/engine/body_transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "node/privacy/gate.h"
#include "protocol/crypto.h"

namespace citynet::node {

using namespace citynet::protocol;
using store::BodyState;
using store::BodyStatus;

namespace {

std::string_view AsText(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

// The jobs' state for one body being verified.
struct BodyTransfer::Checking {
  std::shared_ptr<const Dataset> dataset;  // outlives checker, which keeps a reference
  std::unique_ptr<privacy::BodyChecker> checker;
  std::vector<bool> held;
  uint32_t chunks_held = 0;
};

BodyTransfer::BodyTransfer(store::Store* store, const Roster* roster, const privacy::Gate* gate,
                           SigningPublicKey self, WorkRunner* runner, BodyTransferOptions options)
    : store_(store), roster_(roster), gate_(gate), self_(self), options_(options), work_(runner) {
  options_.window = std::max<uint32_t>(options_.window, 1);
  options_.max_active = std::max<uint32_t>(options_.max_active, 1);
}

BodyTransfer::~BodyTransfer() = default;

// ---- work off the loop -------------------------------------------------------------------------

// One job at a time (SerialWork): a job sees everything the one before it did (checking_) and
// the transfer never fills the runner.
void BodyTransfer::Post(Job job) {
  work_.Post([this, job = std::move(job)]() mutable -> WorkRunner::Continuation {
    job_done_.clear();
    try {
      Work(job);
    } catch (const std::exception& e) {  // out of memory: the fetch stops, the node goes on
      checking_.erase(job.dataset);
      Report(Done{Done::Kind::kStoreError, job.dataset, job.index, job.peer, "store error",
                  std::string("verifying the body failed: ") + e.what(), false});
    }
    return [this, done = std::move(job_done_)]() mutable {
      for (Done& d : done) done_.push_back(std::move(d));
      // The next job first, so that the worker verifies it while OnWake runs on the loop.
      work_.SubmitNext();
      if (on_ready_ && !done_.empty()) on_ready_();
    };
  });
}

void BodyTransfer::Report(Done done) { job_done_.push_back(std::move(done)); }

void BodyTransfer::Work(Job& job) {
  switch (job.kind) {
    case Job::Kind::kForget:
      checking_.erase(job.dataset);
      return;
    case Job::Kind::kBegin:
      return WorkBegin(job);
    case Job::Kind::kChunk:
      return WorkChunk(job);
  }
}

void BodyTransfer::RefuseBody(const Job& job, std::string category, std::string detail,
                              std::optional<uint32_t> index) {
  const RecordId& id = job.dataset;
  checking_.erase(id);
  BodyStatus status{BodyState::kRefused, 0, job.now_ms, detail};
  Status dropped = store_->DropBody(id, status);
  Done d{
      Done::Kind::kRefused, id, index.value_or(0), job.peer, std::move(category), std::move(detail),
      index.has_value()};
  if (!dropped.ok()) {
    d.kind = Done::Kind::kStoreError;
    d.detail = dropped.message();
  }
  Report(std::move(d));
}

void BodyTransfer::ReportStoreError(const Job& job, const Status& s) {
  const RecordId& id = job.dataset;
  checking_.erase(id);
  Report(Done{Done::Kind::kStoreError, id, job.index, job.peer, "store error", s.message(), false});
}

void BodyTransfer::FinishIfWhole(const Job& job, Checking& c) {
  const RecordId& id = job.dataset;
  if (c.chunks_held < c.dataset->body.chunks.size()) return;
  Status finished = c.checker->Finish();
  if (!finished.ok()) {
    RefuseBody(job, "privacy re-count of the body",
               fmt::format("the body fails this node's privacy re-check: {}", finished.message()),
               std::nullopt);
    return;
  }
  Status set = store_->SetBody(id, BodyStatus{BodyState::kComplete, c.chunks_held, job.now_ms, ""});
  if (!set.ok()) return ReportStoreError(job, set);
  checking_.erase(id);
  Report(Done{Done::Kind::kCompleted, id, 0, "", "", "", false});
}

void BodyTransfer::WorkBegin(const Job& job) {
  const RecordId& id = job.dataset;
  auto c = std::make_unique<Checking>();
  c->dataset = job.payload;
  c->checker = std::make_unique<privacy::BodyChecker>(*gate_, *c->dataset);
  c->held.assign(c->dataset->body.chunks.size(), false);
  Checking& ref = *c;
  checking_[id] = std::move(c);
  // Chunks stored before a restart were checked before they were stored: count them only.
  for (uint32_t index : job.held) {
    if (index >= ref.held.size() || ref.held[index]) continue;
    auto chunk = store_->GetChunk(id, index);
    if (!chunk.ok()) return ReportStoreError(job, chunk.status());
    if (!*chunk) continue;  // deleted meanwhile (a retraction): fetched again, or cancelled
    Status counted = ref.checker->CountChunk(index, AsText(**chunk));
    if (!counted.ok()) {
      return RefuseBody(job, "identifier or shape in a chunk",
                        fmt::format("chunk {} held from before fails this node's privacy check: {}",
                                    index, counted.message()),
                        std::nullopt);
    }
    ref.held[index] = true;
    ++ref.chunks_held;
  }
  FinishIfWhole(job, ref);
}

void BodyTransfer::WorkChunk(const Job& job) {
  const RecordId& id = job.dataset;
  auto it = checking_.find(id);
  if (it == checking_.end()) return;  // refused or cancelled since: the loop forgot it too
  Checking& c = *it->second;
  const std::vector<ChunkRef>& refs = c.dataset->body.chunks;
  if (job.index >= refs.size() || c.held[job.index]) return;  // the loop never sends these
  const ChunkRef& ref = refs[job.index];
  if (job.bytes.size() != ref.size || HashWithDomain(kChunkHashDomain, job.bytes) != ref.hash) {
    Report(Done{Done::Kind::kHashMismatch, id, job.index, job.peer, "", "", false});
    return;
  }
  Status checked = c.checker->CheckChunk(job.index, AsText(job.bytes));
  if (!checked.ok()) {
    return RefuseBody(
        job, "identifier or shape in a chunk",
        fmt::format("chunk {} fails this node's privacy check: {}", job.index, checked.message()),
        job.index);
  }
  BodyStatus status{BodyState::kFetching, c.chunks_held + 1, job.now_ms, ""};
  Status put = store_->PutChunks(id, job.index, {ByteView(job.bytes)}, status, false);
  // The checker counted the chunk: the body cannot go on without it. It stays kFetching and
  // resumes, counted afresh, at the next start or Fetch.
  if (!put.ok()) return ReportStoreError(job, put);
  c.held[job.index] = true;
  ++c.chunks_held;
  Report(Done{Done::Kind::kStored, id, job.index, job.peer, "", "", false});
  FinishIfWhole(job, c);
}

// ---- fetching (loop thread) --------------------------------------------------------------------

Result<std::pair<RecordHeader, std::shared_ptr<const Dataset>>> BodyTransfer::Fetchable(
    const RecordId& dataset) {
  auto record = store_->Get(dataset);
  if (!record.ok()) {
    if (record.status().code() == StatusCode::kNotFound) {
      return NotFound(fmt::format(
          "dataset {} is not held here: check the id, or wait until catch-up with a partner of "
          "its network brings the record",
          dataset.Hex()));
    }
    return record.status();
  }
  const RecordHeader& h = record->header;
  if (h.kind != RecordKind::kDataset) {
    return InvalidArgument(
        fmt::format("record {} is a {}, not a dataset: only datasets have a body",
                    dataset.ShortHex(), RecordKindName(h.kind)));
  }
  if (record->retracted) {
    return FailedPrecondition(
        fmt::format("dataset {} was retracted by its author: its body is not kept anywhere",
                    dataset.ShortHex()));
  }
  if (roster_->self().networks.count(h.network) == 0) {
    return FailedPrecondition(fmt::format(
        "dataset {} belongs to network '{}', which this node is not in: add the network to "
        "[node] networks to fetch it",
        dataset.ShortHex(), h.network));
  }
  if (!record->wire.payload) {
    return FailedPrecondition(fmt::format(
        "dataset {}: the record's payload is not held here, so its chunk list is unknown",
        dataset.ShortHex()));
  }
  auto payload = DecodePayload(RecordKind::kDataset, *record->wire.payload);
  if (!payload.ok()) {
    return DataLoss(fmt::format("dataset {}: the stored payload does not decode: {}",
                                dataset.ShortHex(), payload.status().message()));
  }
  const auto* ds = std::get_if<Dataset>(&*payload);
  if (ds == nullptr)
    return DataLoss(fmt::format("dataset {}: payload of another kind", dataset.ShortHex()));
  return std::make_pair(h, std::make_shared<const Dataset>(*ds));
}

Status BodyTransfer::Activate(const RecordId& dataset, int64_t now_ms) {
  CITYNET_ASSIGN_OR_RETURN(auto fetchable, Fetchable(dataset));
  auto& [header, payload] = fetchable;
  const auto total = static_cast<uint32_t>(payload->body.chunks.size());
  CITYNET_ASSIGN_OR_RETURN(std::vector<bool> held, store_->HeldChunks(dataset, total));
  const auto count = static_cast<uint32_t>(std::count(held.begin(), held.end(), true));
  // Durable first: a restart resumes what is recorded kFetching.
  CITYNET_RETURN_IF_ERROR(
      store_->SetBody(dataset, BodyStatus{BodyState::kFetching, count, now_ms, ""}));
  if (active_.size() >= options_.max_active) {
    if (std::find(waiting_.begin(), waiting_.end(), dataset) == waiting_.end()) {
      waiting_.push_back(dataset);
    }
    return Status::Ok();
  }
  Active a;
  a.header = header;
  a.dataset = payload;
  a.held = held;
  a.chunks_held = count;
  Job begin;
  begin.kind = Job::Kind::kBegin;
  begin.dataset = dataset;
  begin.payload = payload;
  begin.now_ms = now_ms;
  for (uint32_t i = 0; i < total; ++i) {
    if (held[i]) begin.held.push_back(i);
  }
  active_[dataset] = std::move(a);
  Post(std::move(begin));
  return Status::Ok();
}

void BodyTransfer::StartWaiting(int64_t now_ms) {
  while (active_.size() < options_.max_active && !waiting_.empty()) {
    RecordId next = waiting_.front();
    waiting_.pop_front();
    (void)Activate(next, now_ms);  // a record retracted meanwhile simply drops out
  }
}

Status BodyTransfer::Resume(int64_t now_ms) {
  CITYNET_ASSIGN_OR_RETURN(auto bodies, store_->Bodies());
  std::vector<std::string> failed;
  for (const auto& [id, status] : bodies) {
    if (status.state != BodyState::kFetching || active_.count(id) != 0) continue;
    Status s = Activate(id, now_ms);
    if (!s.ok()) failed.push_back(fmt::format("{}: {}", id.ShortHex(), s.message()));
  }
  if (!failed.empty()) {
    return FailedPrecondition(fmt::format("{} dataset bodies cannot resume fetching: {}",
                                          failed.size(), fmt::join(failed, "; ")));
  }
  return Status::Ok();
}

Status BodyTransfer::Fetch(const RecordId& dataset, int64_t now_ms) {
  CITYNET_ASSIGN_OR_RETURN(auto fetchable, Fetchable(dataset));
  if (active_.count(dataset) != 0 ||
      std::find(waiting_.begin(), waiting_.end(), dataset) != waiting_.end()) {
    return Status::Ok();
  }
  CITYNET_ASSIGN_OR_RETURN(BodyStatus status, store_->GetBody(dataset));
  if (status.state == BodyState::kComplete) return Status::Ok();
  if (auto record = store_->Get(dataset); record.ok() && record->header.author == self_) {
    // This node's own body is written by its publish job, never fetched back from partners.
    return FailedPrecondition(fmt::format(
        "{} is this node's own dataset: its body is still being stored by the publish job; "
        "watch it with citynet dataset show",
        dataset.ShortHex()));
  }
  return Activate(dataset, now_ms);
}

void BodyTransfer::OnRecordStored(const RecordId& id, const RecordHeader& header, int64_t now_ms,
                                  std::vector<Outgoing>& out) {
  if (header.kind == RecordKind::kRetraction) {
    if (const auto* refs = std::get_if<RetractionRefs>(&header.refs)) {
      for (const RecordId& target : refs->targets) Cancel(target);
    }
    StartWaiting(now_ms);
    Pump(now_ms, out);
    return;
  }
  if (header.kind != RecordKind::kDataset || options_.policy != FetchPolicy::kAll ||
      header.author == self_) {
    return;
  }
  auto status = store_->GetBody(id);
  if (!status.ok() || status->state != BodyState::kAbsent) return;  // refused stays refused
  if (!Activate(id, now_ms).ok()) return;
  Pump(now_ms, out);
}

void BodyTransfer::Cancel(const RecordId& dataset) {
  waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), dataset), waiting_.end());
  if (active_.erase(dataset) == 0) return;
  Job forget;
  forget.kind = Job::Kind::kForget;
  forget.dataset = dataset;
  Post(std::move(forget));
}

void BodyTransfer::PeerUp(const std::string& peer) { connected_.insert(peer); }

void BodyTransfer::PeerDown(const std::string& peer) {
  connected_.erase(peer);
  buckets_.erase(peer);
  queued_.erase(peer);
  // Its requests go to other peers at the next Pump.
  for (auto& [id, a] : active_) {
    for (auto it = a.requested.begin(); it != a.requested.end();) {
      it = it->second.peer == peer ? a.requested.erase(it) : std::next(it);
    }
  }
}

void BodyTransfer::Pump(int64_t now_ms, std::vector<Outgoing>& out) {
  for (auto& [id, a] : active_) PumpOne(id, a, now_ms, out);
}

void BodyTransfer::PumpOne(const RecordId& id, Active& a, int64_t now_ms,
                           std::vector<Outgoing>& out) {
  const std::size_t busy = a.requested.size() + a.verifying.size();
  if (busy >= options_.window) return;
  std::size_t room = options_.window - busy;

  // Candidates: connected partners of the record's network not avoided now; the author first.
  const Member* author = roster_->BySigningKey(a.header.author);
  std::vector<std::string> candidates;
  for (const std::string& peer : connected_) {
    if (!roster_->Shares(peer, a.header.network)) continue;
    auto avoid = a.avoid_until.find(peer);
    if (avoid != a.avoid_until.end()) {
      if (avoid->second > now_ms) continue;
      a.avoid_until.erase(avoid);
    }
    candidates.push_back(peer);
  }
  if (candidates.empty()) return;
  if (author != nullptr) {
    auto it = std::find(candidates.begin(), candidates.end(), author->name);
    if (it != candidates.end()) std::rotate(candidates.begin(), it, it + 1);
  }
  std::map<std::string, std::size_t> load;
  for (const auto& [index, r] : a.requested) ++load[r.peer];

  std::map<std::string, std::vector<uint32_t>> batches;
  for (uint32_t i = 0; i < a.held.size() && room > 0; ++i) {
    if (a.held[i] || a.requested.count(i) != 0 || a.verifying.count(i) != 0) continue;
    // The least loaded candidate; ties go to the earlier one (the author).
    const std::string* best = &candidates.front();
    for (const std::string& c : candidates) {
      if (load[c] < load[*best]) best = &c;
    }
    ++load[*best];
    batches[*best].push_back(i);
    a.requested[i] = Request{*best, now_ms};
    --room;
  }
  for (auto& [peer, indices] : batches) {
    for (std::size_t from = 0; from < indices.size(); from += kMaxChunkPullIndices) {
      const std::size_t to = std::min(indices.size(), from + kMaxChunkPullIndices);
      ChunkPull pull{id, std::vector<uint32_t>(indices.begin() + static_cast<std::ptrdiff_t>(from),
                                               indices.begin() + static_cast<std::ptrdiff_t>(to))};
      out.push_back(Outgoing{peer, Envelope{std::move(pull)}});
      ++counters_.requests_sent;
    }
  }
}

std::vector<Outgoing> BodyTransfer::OnChunkData(const std::string& peer, const ChunkData& data,
                                                int64_t now_ms) {
  std::vector<Outgoing> out;
  auto it = active_.find(data.dataset);
  if (it == active_.end()) {
    ++counters_.chunks_refused["chunk that was not asked for"];
    return out;
  }
  Active& a = it->second;
  auto req = a.requested.find(data.index);
  if (req == a.requested.end() || req->second.peer != peer) {
    ++counters_.chunks_refused["chunk that was not asked for"];
    return out;
  }
  a.requested.erase(req);
  if (!data.held) {
    ++counters_.not_held;
    a.avoid_until[peer] = now_ms + options_.not_held_backoff_ms;
  } else if (!data.data.empty() && data.data.size() == a.dataset->body.chunks[data.index].size) {
    a.verifying.insert(data.index);
    Job job;
    job.kind = Job::Kind::kChunk;
    job.dataset = data.dataset;
    job.index = data.index;
    job.peer = peer;
    job.bytes = data.data;
    job.now_ms = now_ms;
    Post(std::move(job));
  } else {
    // The size alone shows the chunk is not the record's: no need to hash it.
    ++counters_.chunks_refused["chunk hash mismatch"];
    a.avoid_until[peer] = now_ms + options_.bad_chunk_backoff_ms;
  }
  PumpOne(it->first, a, now_ms, out);
  return out;
}

std::vector<Outgoing> BodyTransfer::OnWake(int64_t now_ms) {
  std::vector<Done> done;
  done.swap(done_);
  for (Done& d : done) {
    auto it = active_.find(d.dataset);
    switch (d.kind) {
      case Done::Kind::kStored:
        ++counters_.chunks_fetched;
        if (it != active_.end()) {
          it->second.verifying.erase(d.index);
          if (d.index < it->second.held.size() && !it->second.held[d.index]) {
            it->second.held[d.index] = true;
            ++it->second.chunks_held;
          }
        }
        break;
      case Done::Kind::kHashMismatch:
        ++counters_.chunks_refused["chunk hash mismatch"];
        if (it != active_.end()) {
          it->second.verifying.erase(d.index);
          it->second.avoid_until[d.peer] = now_ms + options_.bad_chunk_backoff_ms;
        }
        break;
      case Done::Kind::kRefused:
        if (d.chunk_refused) ++counters_.chunks_refused["chunk failed the privacy check"];
        ++counters_.bodies_refused[d.reason];
        if (it != active_.end()) active_.erase(it);
        break;
      case Done::Kind::kCompleted:
        ++counters_.bodies_completed;
        if (it != active_.end()) active_.erase(it);
        break;
      case Done::Kind::kStoreError:
        // The body stays kFetching on disk; it resumes at the next start or explicit Fetch.
        ++counters_.bodies_refused["store error"];
        last_store_error_ = d.detail;
        if (it != active_.end()) active_.erase(it);
        break;
    }
  }
  std::vector<Outgoing> out;
  StartWaiting(now_ms);
  Pump(now_ms, out);
  return out;
}

std::vector<Outgoing> BodyTransfer::Tick(int64_t now_ms) {
  std::vector<Outgoing> out;
  work_.SubmitNext();  // a job the runner had no room for
  for (auto& [id, a] : active_) {
    for (auto it = a.requested.begin(); it != a.requested.end();) {
      if (now_ms - it->second.sent_at_ms >= options_.request_timeout_ms) {
        ++counters_.requests_timed_out;
        a.avoid_until[it->second.peer] = now_ms + options_.not_held_backoff_ms;
        it = a.requested.erase(it);
      } else {
        ++it;
      }
    }
  }
  Pump(now_ms, out);
  std::vector<std::string> peers;
  for (const auto& [peer, queue] : queued_) peers.push_back(peer);
  for (const std::string& peer : peers) Serve(peer, now_ms, out);
  return out;
}

// ---- serving -----------------------------------------------------------------------------------

std::string BodyTransfer::ServeRefusal(const std::string& peer, const RecordId& dataset) {
  if (roster_->Partner(peer) == nullptr) return "unknown peer";
  auto record = store_->Get(dataset);
  if (!record.ok()) {
    return record.status().code() == StatusCode::kNotFound ? "unknown record" : "store error";
  }
  if (record->header.kind != RecordKind::kDataset) return "not a dataset";
  if (record->retracted) return "retracted";
  if (!roster_->Shares(peer, record->header.network)) return "network not shared";
  // Own bodies too: the record is stored before its body, which is served once complete.
  auto status = store_->GetBody(dataset);
  if (!status.ok()) return "store error";
  if (status->state != BodyState::kComplete) return "not complete here";
  return "";
}

void BodyTransfer::Refill(Bucket& b, int64_t now_ms) const {
  const double capacity = std::max(options_.serve_burst_bytes, 1.0);
  if (!b.started) {
    b = Bucket{capacity, now_ms, true};
  } else if (now_ms > b.at_ms) {
    b.tokens = std::min(capacity, b.tokens + options_.serve_bytes_per_s *
                                                 static_cast<double>(now_ms - b.at_ms) / 1000.0);
    b.at_ms = now_ms;
  }
}

std::vector<Outgoing> BodyTransfer::OnChunkPull(const std::string& peer, const ChunkPull& pull,
                                                int64_t now_ms) {
  std::vector<Outgoing> out;
  auto not_held = [&](uint32_t index) {
    out.push_back(Outgoing{peer, Envelope{ChunkData{pull.dataset, index, false, {}}}});
  };
  const std::string refusal = ServeRefusal(peer, pull.dataset);
  std::set<uint32_t> seen;
  std::deque<Queued>& queue = queued_[peer];
  for (uint32_t index : pull.indices) {
    if (!seen.insert(index).second) continue;  // asked twice in one pull: answered once
    if (!refusal.empty()) {
      ++counters_.serve_refused[refusal];
      not_held(index);
    } else if (queue.size() >= options_.max_queued_per_peer) {
      // Answered, so the fetcher turns to another peer instead of waiting for a timeout.
      ++counters_.serve_refused["rate limit"];
      not_held(index);
    } else {
      queue.push_back(Queued{pull.dataset, index});
    }
  }
  Serve(peer, now_ms, out);
  return out;
}

void BodyTransfer::Serve(const std::string& peer, int64_t now_ms, std::vector<Outgoing>& out) {
  auto q = queued_.find(peer);
  if (q == queued_.end()) return;
  Bucket& b = buckets_[peer];
  Refill(b, now_ms);
  std::deque<Queued>& queue = q->second;
  while (!queue.empty() && b.tokens > 0) {
    Queued next = queue.front();
    queue.pop_front();
    // Checked again: a retraction or a roster reload may have come since the pull was queued.
    std::string refusal = ServeRefusal(peer, next.dataset);
    std::optional<Bytes> chunk;
    if (refusal.empty()) {
      auto got = store_->GetChunk(next.dataset, next.index);
      if (!got.ok()) {
        refusal = "store error";
      } else if (!*got) {
        refusal = "chunk not held";  // an index beyond the body, or an own body not stored
      } else {
        chunk = std::move(**got);
      }
    }
    if (!chunk) {
      ++counters_.serve_refused[refusal];
      out.push_back(Outgoing{peer, Envelope{ChunkData{next.dataset, next.index, false, {}}}});
      continue;
    }
    b.tokens -= static_cast<double>(chunk->size());
    ++counters_.chunks_served;
    counters_.bytes_served += chunk->size();
    out.push_back(
        Outgoing{peer, Envelope{ChunkData{next.dataset, next.index, true, std::move(*chunk)}}});
  }
  if (queue.empty()) queued_.erase(q);
}

// ---- status ------------------------------------------------------------------------------------

std::optional<BodyProgress> BodyTransfer::ProgressOf(const RecordId& dataset) {
  auto record = store_->Get(dataset);
  if (!record.ok() || record->header.kind != RecordKind::kDataset) return std::nullopt;
  BodyProgress p;
  if (record->wire.payload) {
    auto payload = DecodePayload(RecordKind::kDataset, *record->wire.payload);
    if (payload.ok()) {
      if (const auto* ds = std::get_if<Dataset>(&*payload)) {
        p.chunks_total = static_cast<uint32_t>(ds->body.chunks.size());
        p.total_bytes = ds->body.total_size;
      }
    }
  }
  auto it = active_.find(dataset);
  if (it != active_.end()) {
    p.state = BodyState::kFetching;
    p.active = true;
    p.chunks_held = it->second.chunks_held;
    std::set<std::string> peers;
    for (const auto& [index, r] : it->second.requested) peers.insert(r.peer);
    p.peers.assign(peers.begin(), peers.end());
    return p;
  }
  auto status = store_->GetBody(dataset);
  if (status.ok()) {
    p.state = status->state;
    p.chunks_held = status->chunks_held;
    p.refusal = status->refusal;
  }
  if (p.state == BodyState::kComplete) p.chunks_held = p.chunks_total;
  return p;
}

}  // namespace citynet::node
