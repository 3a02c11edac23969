#include "node/engine/sync_engine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "node/engine/body_transfer.h"
#include "protocol/validate.h"

namespace citynet::node {

using namespace citynet::protocol;

SyncEngine::SyncEngine(store::Store* store, const Roster* roster, const SigningKey* key,
                       SyncOptions options)
    : store_(store), roster_(roster), key_(key), options_(options) {}

void SyncEngine::SetRoster(const Roster* roster) {
  roster_ = roster;
  if (body_ != nullptr) body_->SetRoster(roster);
  for (auto it = pulls_.begin(); it != pulls_.end();) {
    const auto& [peer, author, network] = it->first;
    it = roster_->Shares(peer, network) ? std::next(it) : pulls_.erase(it);
  }
  if (!hold_.empty()) RefreshHold();  // a release it allows happens at the next Tick
}

void SyncEngine::HoldSigning(const std::set<std::string>& networks,
                             std::function<void(const std::string& network)> on_released) {
  on_hold_released_ = std::move(on_released);
  for (const std::string& network : networks) {
    if (roster_->self().networks.count(network) != 0) hold_[network];
  }
  RefreshHold();
  CheckHold(0, nullptr);  // partnerless networks; their owed receipts are the caller's
}

void SyncEngine::RefreshHold() {
  for (auto& [network, partners] : hold_) {
    std::map<std::string, HoldPartner> now;
    for (const Member* m : roster_->PartnersIn(network)) {
      auto it = partners.find(m->name);
      now[m->name] = it != partners.end() ? it->second : HoldPartner{};
    }
    partners = std::move(now);
  }
}

void SyncEngine::CheckHold(int64_t now_ms, std::vector<Outgoing>* out) {
  std::vector<std::string> released;
  for (auto& [network, partners] : hold_) {
    const uint64_t ours = OurSeq(key_->public_key(), network);
    bool all = true;
    for (auto& [name, p] : partners) {
      p.confirmed = p.heard && ours >= p.their_seq;
      all = all && p.confirmed;
    }
    if (all) released.push_back(network);
  }
  if (released.empty()) return;
  for (const std::string& network : released) {
    hold_.erase(network);
    if (on_hold_released_) on_hold_released_(network);
  }
  if (out == nullptr) return;
  for (Outgoing& o : AnswerUnansweredRetractions(now_ms)) out->push_back(std::move(o));
}

void SyncEngine::PeerUp(const std::string& peer) {
  connected_.insert(peer);
  if (body_ != nullptr) body_->PeerUp(peer);
}

void SyncEngine::PeerDown(const std::string& peer) {
  connected_.erase(peer);
  if (body_ != nullptr) body_->PeerDown(peer);
  buckets_.erase(peer);
  for (auto it = pulls_.begin(); it != pulls_.end();) {
    it = std::get<0>(it->first) == peer ? pulls_.erase(it) : std::next(it);
  }
}

std::vector<Outgoing> SyncEngine::StartCatchUp(const std::string& peer) {
  SyncSummary summary;
  for (const std::string& network : roster_->SharedNetworks(peer)) {
    auto hash = store_->HeadsSummary(network);
    auto heads = store_->Heads({network});
    if (!hash.ok() || !heads.ok()) continue;  // a disk error shows in the store's own status
    summary.networks.push_back(
        NetworkSummary{network, *hash, static_cast<uint32_t>(heads->size())});
  }
  if (summary.networks.empty()) return {};
  return {Outgoing{peer, Envelope{std::move(summary)}}};
}

std::vector<Outgoing> SyncEngine::OnMessage(const std::string& peer, const Envelope& message,
                                            int64_t now_ms) {
  if (roster_->Partner(peer) == nullptr) {
    Refuse("unknown peer");
    return {};
  }
  // Batches and chunks answer our own pulls (an unasked chunk is refused by the body transfer);
  // everything else a peer sends unasked costs a token.
  const bool answer = std::holds_alternative<SyncBatch>(message.body) ||
                      std::holds_alternative<ChunkData>(message.body);
  if (!answer && !TakeToken(peer, now_ms)) {
    Refuse("rate limit");
    return {};
  }
  std::vector<Outgoing> out;
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, SignedRecord>) {
          if (Precheck(peer, m)) Accept(peer, VerifyRecord(m), now_ms, /*relay=*/true, out);
        } else if constexpr (std::is_same_v<T, SyncSummary>) {
          out = OnSummary(peer, m);
        } else if constexpr (std::is_same_v<T, SyncHeads>) {
          out = OnHeads(peer, m, now_ms);
        } else if constexpr (std::is_same_v<T, SyncPull>) {
          out = OnPull(peer, m);
        } else if constexpr (std::is_same_v<T, SyncBatch>) {
          out = OnBatch(peer, m, now_ms);
        } else if constexpr (std::is_same_v<T, ChunkPull>) {
          if (body_ != nullptr) {
            out = body_->OnChunkPull(peer, m, now_ms);
          } else {
            Refuse("unexpected message");
          }
        } else if constexpr (std::is_same_v<T, ChunkData>) {
          if (body_ != nullptr) {
            out = body_->OnChunkData(peer, m, now_ms);
          } else {
            Refuse("unexpected message");
          }
        } else {
          Refuse("unexpected message");  // node cards travel out of band
        }
      },
      message.body);
  if (!hold_.empty()) CheckHold(now_ms, &out);
  return out;
}

bool SyncEngine::TakeToken(const std::string& peer, int64_t now_ms) {
  Bucket& b = buckets_[peer];
  const double capacity = std::max(options_.peer_rate_per_s, 1.0);
  if (!b.started) {
    b = Bucket{capacity, now_ms, true};
  } else if (now_ms > b.at_ms) {
    b.tokens = std::min(capacity, b.tokens + options_.peer_rate_per_s *
                                                 static_cast<double>(now_ms - b.at_ms) / 1000.0);
    b.at_ms = now_ms;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

std::optional<RecordHeader> SyncEngine::Precheck(const std::string& peer,
                                                 const SignedRecord& record) {
  auto header = DecodeHeader(record.header);
  if (!header.ok()) {
    Refuse("malformed record");
    return std::nullopt;
  }
  if (!roster_->Shares(peer, header->network)) {
    Refuse("network not shared with the sender");
    return std::nullopt;
  }
  if (!roster_->IsMember(header->author, header->network)) {
    Refuse("author not a member of the network");
    return std::nullopt;
  }
  if (header->seq > OurSeq(header->author, header->network) + options_.seq_window) {
    Refuse("seq beyond the window");
    return std::nullopt;
  }
  return std::move(header).value();
}

void SyncEngine::VerifyAndAccept(const std::string& peer,
                                 const std::vector<const SignedRecord*>& records, int64_t now_ms,
                                 std::vector<Outgoing>& out) {
  const std::size_t n = records.size();
  const std::size_t workers =
      std::min<std::size_t>(std::max(options_.verify_threads, 1u) - 1, n / 32);
  if (workers == 0) {
    for (const SignedRecord* r : records) Accept(peer, VerifyRecord(*r), now_ms, false, out);
    return;
  }
  // Workers verify records in the order they claim them; this thread stores them in feed order
  // as they become ready, and verifies one itself whenever the next to store is not ready yet.
  std::vector<std::optional<Result<VerifiedRecord>>> results(n);
  std::vector<std::atomic<bool>> ready(n);
  std::atomic<std::size_t> next{0};
  auto verify_one = [&](std::size_t i) {
    results[i].emplace(VerifyRecord(*records[i]));
    ready[i].store(true, std::memory_order_release);
    ready[i].notify_one();
  };
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) verify_one(i);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(work);
  for (std::size_t i = 0; i < n; ++i) {
    while (!ready[i].load(std::memory_order_acquire)) {
      const std::size_t j = next++;
      if (j < n) {
        verify_one(j);
      } else {
        ready[i].wait(false, std::memory_order_acquire);
      }
    }
    Accept(peer, std::move(*results[i]), now_ms, /*relay=*/false, out);
  }
  for (std::thread& t : pool) t.join();
}

void SyncEngine::Accept(const std::string& peer, Result<VerifiedRecord> verified, int64_t now_ms,
                        bool relay, std::vector<Outgoing>& out) {
  if (!verified.ok()) {
    Refuse(verified.status().code() == StatusCode::kUnauthenticated ? "bad signature"
                                                                    : "invalid record");
    return;
  }
  store::IngestOptions options;
  options.received_at_ms = now_ms;
  options.received_from = peer;
  auto result = store_->Ingest(*verified, options);
  if (!result.ok()) {
    Refuse(result.status().code() == StatusCode::kResourceExhausted ? "waiting area full"
                                                                    : "store error");
    return;
  }
  switch (result->outcome) {
    case store::IngestOutcome::kAccepted:
      counters_.records_accepted += result->applied.size();
      counters_.accepted_by_network[verified->header.network] += result->applied.size();
      if (body_ != nullptr) {
        // Usually just this record: its header is in hand, no need to read it back.
        for (const RecordId& id : result->applied) {
          if (id == verified->id) {
            body_->OnRecordStored(id, verified->header, now_ms, out);
          } else if (auto stored = store_->Get(id); stored.ok()) {
            body_->OnRecordStored(id, stored->header, now_ms, out);
          }
        }
      }
      // Records that waited for this one were applied with it: look at each when relaying, or
      // when one of them may be a retraction to answer.
      if (relay || verified->header.kind == RecordKind::kRetraction || result->applied.size() > 1) {
        for (const RecordId& id : result->applied) {
          auto stored = store_->Get(id);
          if (!stored.ok()) continue;
          if (relay) PushToPartners(stored->wire, stored->header.network, peer, out);
          if (stored->header.kind == RecordKind::kRetraction &&
              stored->header.author != key_->public_key()) {
            AnswerRetraction(*stored, now_ms, out);
          }
        }
      }
      break;
    case store::IngestOutcome::kDuplicate:
      ++counters_.records_duplicate;
      break;
    case store::IngestOutcome::kWaiting:
      ++counters_.records_waiting;
      break;
    case store::IngestOutcome::kForkEvidence:
      ++counters_.records_fork;
      break;
    case store::IngestOutcome::kRefused:
      Refuse("refused by the store");
      break;
  }
}

void SyncEngine::AnswerRetraction(const store::StoredRecord& retraction, int64_t now_ms,
                                  std::vector<Outgoing>& out) {
  const auto* refs = std::get_if<RetractionRefs>(&retraction.header.refs);
  if (refs == nullptr) return;
  if (Holding(retraction.header.network)) {
    ++counters_.receipts_deferred;  // answered when the hold ends (AnswerUnansweredRetractions)
    return;
  }
  ErasureReceipt receipt;
  receipt.erased_at_ms = now_ms;
  for (const RecordId& target : refs->targets) {
    ErasureItem item{target, ErasureOutcome::kNotHeld};
    auto held = store_->Get(target);
    if (held.ok()) {
      const bool authors_own = held->header.author == retraction.header.author &&
                               held->header.network == retraction.header.network;
      item.outcome =
          authors_own && held->retracted ? ErasureOutcome::kPurged : ErasureOutcome::kUnknownRecord;
    }
    receipt.items.push_back(item);
  }
  auto published = Publish(retraction.header.network, Payload{std::move(receipt)}, now_ms,
                           ErasureReceiptRefs{retraction.id, retraction.header.author});
  if (!published.ok()) {
    Refuse("erasure receipt not issued");  // counted; the status shows it
    return;
  }
  ++counters_.receipts_sent;
  for (Outgoing& o : published->pushes) out.push_back(std::move(o));
}

std::vector<Outgoing> SyncEngine::AnswerUnansweredRetractions(int64_t now_ms) {
  auto all_of = [&](store::ListFilter filter) {
    std::vector<store::StoredRecord> out;
    filter.include_retractions = true;
    std::string cursor;
    do {
      auto page = store_->List(filter, 1000, cursor);
      if (!page.ok()) break;
      for (auto& r : page->records) out.push_back(std::move(r));
      cursor = page->next_cursor;
    } while (!cursor.empty());
    return out;
  };
  store::ListFilter mine;
  mine.author = key_->public_key();
  mine.kind = RecordKind::kErasureReceipt;
  std::set<RecordId> answered;
  for (const auto& r : all_of(mine)) {
    if (const auto* refs = std::get_if<ErasureReceiptRefs>(&r.header.refs)) {
      answered.insert(refs->retraction);
    }
  }
  store::ListFilter retractions;
  retractions.kind = RecordKind::kRetraction;
  std::vector<Outgoing> out;
  for (const auto& r : all_of(retractions)) {
    if (r.header.author == key_->public_key() || answered.count(r.id) != 0) continue;
    if (roster_->self().networks.count(r.header.network) == 0) continue;
    AnswerRetraction(r, now_ms, out);
  }
  return out;
}

void SyncEngine::PushToPartners(const SignedRecord& record, const std::string& network,
                                const std::string& except, std::vector<Outgoing>& out) {
  for (const Member* m : roster_->PartnersIn(network)) {
    if (m->name == except || connected_.count(m->name) == 0) continue;
    out.push_back(Outgoing{m->name, Envelope{record}});
    ++counters_.records_sent;
    ++counters_.sent_by_network[network];
  }
}

std::vector<Outgoing> SyncEngine::OnSummary(const std::string& peer, const SyncSummary& s) {
  std::vector<NetworkSummary> differ;  // ours, for the networks whose summaries differ
  for (const NetworkSummary& theirs : s.networks) {
    if (!roster_->Shares(peer, theirs.network)) {
      Refuse("summary of a network not shared");
      continue;
    }
    auto ours = store_->HeadsSummary(theirs.network);
    if (!ours.ok()) continue;
    if (*ours == theirs.summary) {
      ++counters_.summaries_equal;
      if (auto held = hold_.find(theirs.network); held != hold_.end()) {
        if (auto p = held->second.find(peer); p != held->second.end()) {
          p->second.heard = true;  // the same heads: the same copy of this node's feed
          p->second.their_seq = OurSeq(key_->public_key(), theirs.network);
        }
      }
    } else {
      differ.push_back(NetworkSummary{theirs.network, *ours, 0});
    }
  }
  std::vector<Outgoing> out;
  if (differ.empty()) return out;
  std::vector<std::string> networks;
  for (const NetworkSummary& n : differ) networks.push_back(n.network);
  auto heads = HeadsOf(networks);
  if (heads.ok()) out.push_back(Outgoing{peer, Envelope{std::move(heads).value()}});
  if (!s.reply) {
    // Ask for the peer's heads too, so both sides learn what they lack in one exchange.
    out.push_back(Outgoing{peer, Envelope{SyncSummary{std::move(differ), true}}});
  }
  return out;
}

Result<SyncHeads> SyncEngine::HeadsOf(const std::vector<std::string>& networks) {
  CITYNET_ASSIGN_OR_RETURN(std::vector<store::FeedHead> heads, store_->Heads(networks));
  SyncHeads msg;
  for (const store::FeedHead& h : heads) {
    msg.heads.push_back(SyncHead{h.author, h.network, h.seq, h.head});
  }
  return msg;
}

uint64_t SyncEngine::OurSeq(const SigningPublicKey& author, const std::string& network) {
  auto head = store_->Head(author, network);
  return head.ok() && *head ? (*head)->seq : 0;
}

void SyncEngine::MaybePull(const std::string& peer, const SigningPublicKey& author,
                           const std::string& network, uint64_t their_seq, int64_t now_ms,
                           std::vector<Outgoing>& out, std::optional<uint64_t> from_seq) {
  const uint64_t from = from_seq ? *from_seq : OurSeq(author, network) + 1;
  if (their_seq < from) return;
  FeedKey key{peer, author, network};
  if (pulls_.count(key) != 0) return;  // one pull outstanding per feed and peer
  pulls_[key] = Pull{their_seq, now_ms};
  out.push_back(
      Outgoing{peer, Envelope{SyncPull{author, network, from, options_.pull_batch_records}}});
  ++counters_.pulls_sent;
}

void SyncEngine::Tick(int64_t now_ms) {
  if (!hold_.empty()) {
    // Releases what a roster change allowed; the receipts it issues go out by catch-up.
    std::vector<Outgoing> later;
    CheckHold(now_ms, &later);
  }
  for (auto it = pulls_.begin(); it != pulls_.end();) {
    if (now_ms - it->second.sent_at_ms > options_.pull_timeout_ms) {
      ++counters_.pulls_timed_out;
      it = pulls_.erase(it);
    } else {
      ++it;
    }
  }
}

std::map<std::string, uint64_t> SyncEngine::LagByPeer() {
  std::map<std::string, uint64_t> lag;
  for (const std::string& peer : connected_) lag[peer] = 0;
  for (const auto& [key, pull] : pulls_) {
    const auto& [peer, author, network] = key;
    const uint64_t ours = OurSeq(author, network);
    if (pull.target > ours) lag[peer] += pull.target - ours;
  }
  return lag;
}

std::vector<Outgoing> SyncEngine::OnHeads(const std::string& peer, const SyncHeads& h,
                                          int64_t now_ms) {
  std::vector<Outgoing> out;
  if (!hold_.empty()) {
    // A heads message lists every feed the peer holds in each network it names, so a held
    // network it names without this node's feed is one where the peer holds none of it.
    std::map<std::string, uint64_t> theirs_of_ours;
    for (const SyncHead& head : h.heads) {
      if (!roster_->Shares(peer, head.network)) continue;
      uint64_t& seq = theirs_of_ours[head.network];
      if (head.author == key_->public_key()) seq = std::max(seq, head.seq);
    }
    for (const auto& [network, seq] : theirs_of_ours) {
      auto held = hold_.find(network);
      if (held == hold_.end()) continue;
      if (auto p = held->second.find(peer); p != held->second.end()) {
        p->second.heard = true;
        p->second.their_seq = seq;
      }
    }
  }
  for (const SyncHead& head : h.heads) {
    if (!roster_->Shares(peer, head.network)) {
      Refuse("heads of a network not shared");
      continue;
    }
    if (!roster_->IsMember(head.author, head.network)) {
      Refuse("heads of an author not a member");
      continue;
    }
    MaybePull(peer, head.author, head.network, head.seq, now_ms, out);
  }
  return out;
}

std::vector<Outgoing> SyncEngine::OnPull(const std::string& peer, const SyncPull& p) {
  if (!roster_->Shares(peer, p.network)) {
    Refuse("pull of a network not shared");
    return {};
  }
  const std::size_t limit =
      std::min<std::size_t>(std::max<uint32_t>(p.max_records, 1), options_.pull_batch_records);
  // One record past the count or the byte budget tells whether the batch has more after it.
  auto records = store_->ReadFeed(p.author, p.network, std::max<uint64_t>(p.from_seq, 1),
                                  limit + 1, options_.max_batch_bytes);
  if (!records.ok()) return {};
  SyncBatch batch;
  batch.author = p.author;
  batch.network = p.network;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < records->size(); ++i) {
    const auto& r = (*records)[i];
    const std::size_t size = r.wire.header.size() + (r.wire.payload ? r.wire.payload->size() : 0);
    if (i == limit || (!batch.records.empty() && bytes + size > options_.max_batch_bytes)) {
      batch.more = true;
      break;
    }
    batch.records.push_back(r.wire);
    bytes += size;
  }
  counters_.records_sent += batch.records.size();
  return {Outgoing{peer, Envelope{std::move(batch)}}};
}

std::vector<Outgoing> SyncEngine::OnBatch(const std::string& peer, const SyncBatch& b,
                                          int64_t now_ms) {
  FeedKey key{peer, b.author, b.network};
  auto it = pulls_.find(key);
  if (it == pulls_.end()) {
    Refuse("batch that was not asked for");
    return {};
  }
  const uint64_t target = it->second.target;
  pulls_.erase(it);
  std::vector<Outgoing> out;
  const uint64_t accepted_before = counters_.records_accepted;
  const uint64_t ours_before = OurSeq(b.author, b.network);

  // Cheap checks of every record, then the signatures in parallel.
  std::vector<const SignedRecord*> candidates;
  uint64_t last_seq = 0;
  for (const SignedRecord& record : b.records) {
    auto header = Precheck(peer, record);
    if (!header) continue;
    if (header->author != b.author || header->network != b.network) {
      Refuse("batch record of another feed");
      continue;
    }
    last_seq = std::max(last_seq, header->seq);
    candidates.push_back(&record);
  }
  // Ask for the next batch before storing this one, so the peer reads while we verify.
  if (b.more && last_seq != 0 && last_seq < target) {
    if (early_send_) {
      std::vector<Outgoing> early;
      MaybePull(peer, b.author, b.network, target, now_ms, early, last_seq + 1);
      early_send_(std::move(early));
    } else {
      MaybePull(peer, b.author, b.network, target, now_ms, out, last_seq + 1);
    }
  }
  VerifyAndAccept(peer, candidates, now_ms, out);
  // Continue while the peer has more and still holds records we lack, and this batch moved our
  // copy of the feed on. A batch that extends nothing (a forked feed: its records at our seq
  // differ; or records refused) would only be asked for again and again; the next catch-up
  // round tries once more, and the fork evidence is recorded meanwhile.
  // The early send may have found the link gone and marked the peer down meanwhile: a pull to
  // it now would stay outstanding and block the feed when the link returns.
  const uint64_t ours_after = OurSeq(b.author, b.network);
  if ((b.more || ours_after < target) && !b.records.empty() && ours_after > ours_before &&
      connected_.count(peer) != 0) {
    MaybePull(peer, b.author, b.network, target, now_ms, out);
  }
  if (counters_.records_accepted > accepted_before && pulls_.count(key) == 0) {
    // This feed is caught up with new records: tell the other partners in the network, so
    // that records travel on through this node (relay) without waiting for their next round.
    auto hash = store_->HeadsSummary(b.network);
    if (hash.ok()) {
      for (const Member* m : roster_->PartnersIn(b.network)) {
        if (m->name == peer || connected_.count(m->name) == 0) continue;
        out.push_back(
            Outgoing{m->name, Envelope{SyncSummary{{NetworkSummary{b.network, *hash, 0}}, false}}});
      }
    }
  }
  return out;
}

Result<SyncEngine::Published> SyncEngine::Publish(
    const std::string& network, const Payload& payload, int64_t now_ms, const HeaderRefs& refs,
    std::optional<RecordId> supersedes,
    const std::function<Status(const RecordId&)>& before_store) {
  if (roster_->self().networks.count(network) == 0) {
    return InvalidArgument(fmt::format(
        "this node is not a member of network '{}': add it to [node] networks in the config",
        network));
  }
  if (auto held = hold_.find(network); held != hold_.end()) {
    std::vector<std::string> waiting;
    for (const auto& [name, p] : held->second) {
      if (!p.confirmed) waiting.push_back(name);
    }
    return FailedPrecondition(fmt::format(
        "this node was restored from a backup and signs nothing in network '{}' until its "
        "partners there have shown their copy of its own records (waiting for: {}), so that it "
        "cannot reuse a sequence number they already hold; `citynet node status` shows the "
        "hold, and docs/backup-restore.md what to do if a partner stays away",
        network, fmt::join(waiting, ", ")));
  }
  CITYNET_ASSIGN_OR_RETURN(store::OwnSlot slot,
                           store_->ReserveOwnSlot(key_->public_key(), network));
  RecordDraft draft;
  draft.network = network;
  draft.seq = slot.seq;
  draft.prev = slot.prev;
  draft.created_at_ms = now_ms;
  draft.refs = refs;
  draft.supersedes = supersedes;
  CITYNET_ASSIGN_OR_RETURN(SignedRecord signed_record, SignRecord(*key_, draft, payload));
  CITYNET_ASSIGN_OR_RETURN(VerifiedRecord verified, VerifyRecord(signed_record));
  if (before_store) CITYNET_RETURN_IF_ERROR(before_store(verified.id));
  store::IngestOptions options;
  options.sync = true;  // the node's own records survive a crash once published
  options.received_at_ms = now_ms;
  CITYNET_ASSIGN_OR_RETURN(store::IngestResult result, store_->Ingest(verified, options));
  if (result.outcome != store::IngestOutcome::kAccepted) {
    return Internal(fmt::format("the store did not accept the node's own record: {} {}",
                                store::IngestOutcomeName(result.outcome), result.reason));
  }
  ++counters_.records_accepted;
  ++counters_.accepted_by_network[network];
  Published published;
  published.id = verified.id;
  PushToPartners(signed_record, network, "", published.pushes);
  return published;
}

}  // namespace citynet::node
