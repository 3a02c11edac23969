// The control operations on records: publish, list, get, heads, search, retract, erasure
// receipts, export and import. Each runs on the loop's thread and answers with JSON.
#include "node/daemon/internal/daemon_impl.h"

namespace citynet::node {

std::string Daemon::Impl::NameOf(const SigningPublicKey& author) const {
  const Member* m = roster->BySigningKey(author);
  return m != nullptr ? m->name : "";
}

json Daemon::Impl::Summary(const store::StoredRecord& r) const {
  json j;
  j["id"] = r.id.Hex();
  j["kind"] = std::string(protocol::RecordKindName(r.header.kind));
  j["network"] = r.header.network;
  j["author"] = r.header.author.Hex();
  const std::string name = NameOf(r.header.author);
  j["author_name"] = name.empty() ? json(nullptr) : json(name);
  j["seq"] = r.header.seq;
  j["created_at_ms"] = r.header.created_at_ms;
  j["received_at_ms"] = r.received_at_ms;
  j["received_from"] = r.received_from.empty() ? json(nullptr) : json(r.received_from);
  j["retracted"] = r.retracted;
  j["superseded_by"] = r.superseded_by ? json(r.superseded_by->Hex()) : json(nullptr);
  j["supersedes"] = r.header.supersedes ? json(r.header.supersedes->Hex()) : json(nullptr);
  if (r.wire.payload && r.header.kind == protocol::RecordKind::kCaseStudy) {
    auto payload = protocol::DecodePayload(r.header.kind, *r.wire.payload);
    if (payload.ok()) {
      const auto& c = std::get<protocol::CaseStudy>(*payload);
      j["title"] = c.title;
      j["city"] = c.city;
      j["language"] = c.language;
    }
  } else if (r.wire.payload && r.header.kind == protocol::RecordKind::kDataset) {
    auto payload = protocol::DecodePayload(r.header.kind, *r.wire.payload);
    if (payload.ok()) {
      const auto& d = std::get<protocol::Dataset>(*payload);
      j["title"] = d.title;
      j["language"] = d.language;
    }
  }
  return j;
}

Result<json> Daemon::Impl::OpPublish(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(std::string network, StringArg(args, "network", true));
  auto c = args.find("case");
  if (c == args.end() || !c->is_object()) {
    return InvalidArgument("missing argument 'case': the case study, as a JSON object");
  }
  CITYNET_ASSIGN_OR_RETURN(protocol::CaseStudy study, protocol::CaseStudyFromJson(c->dump()));
  std::optional<RecordId> supersedes;
  if (args.contains("supersedes") && !args["supersedes"].is_null()) {
    CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "supersedes"));
    supersedes = id;
  }
  CITYNET_ASSIGN_OR_RETURN(
      SyncEngine::Published published,
      engine->Publish(network, protocol::Payload{std::move(study)}, Now(), {}, supersedes));
  wire->Send(std::move(published.pushes));
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord stored, store->Get(published.id));
  log->Info("published {} in {} (seq {})", published.id.ShortHex(), network, stored.header.seq);
  return Summary(stored);
}

Result<json> Daemon::Impl::OpList(const json& args) {
  store::ListFilter filter;
  CITYNET_ASSIGN_OR_RETURN(std::string network, StringArg(args, "network", false));
  if (!network.empty()) filter.network = network;
  CITYNET_ASSIGN_OR_RETURN(std::string kind, StringArg(args, "kind", false));
  if (!kind.empty()) {
    auto k = KindFromName(kind);
    if (!k) return InvalidArgument(fmt::format("unknown record kind '{}'", kind));
    filter.kind = *k;
  }
  CITYNET_ASSIGN_OR_RETURN(std::string author, StringArg(args, "author", false));
  if (!author.empty()) {
    const Member* m = roster->Partner(author);
    if (author == config.name) {
      filter.author = keys->signing.public_key();
    } else if (m != nullptr) {
      filter.author = m->signing_key;
    } else {
      auto key = SigningPublicKey::FromHexString(author);
      if (!key.ok()) {
        return InvalidArgument(fmt::format(
            "unknown author '{}': give a partner's name or a signing key (64 hex digits)", author));
      }
      filter.author = *key;
    }
  }
  CITYNET_ASSIGN_OR_RETURN(std::string city, StringArg(args, "city", false));
  if (!city.empty()) filter.city = city;
  CITYNET_ASSIGN_OR_RETURN(std::string language, StringArg(args, "language", false));
  if (!language.empty()) filter.language = language;
  CITYNET_ASSIGN_OR_RETURN(std::string theme, StringArg(args, "theme", false));
  if (!theme.empty()) filter.theme = theme;
  CITYNET_ASSIGN_OR_RETURN(int64_t sdg, IntArg(args, "sdg", 0, 0, 17));
  if (sdg != 0) filter.sdg = static_cast<int>(sdg);
  CITYNET_ASSIGN_OR_RETURN(int64_t since, IntArg(args, "since_ms", -1, -1, INT64_MAX));
  if (since >= 0) filter.since_ms = since;
  if (args.value("include_superseded", false)) filter.include_superseded = true;
  if (args.value("include_retractions", false)) filter.include_retractions = true;
  CITYNET_ASSIGN_OR_RETURN(int64_t limit, IntArg(args, "limit", 50, 1, 10000));
  CITYNET_ASSIGN_OR_RETURN(std::string cursor, StringArg(args, "cursor", false));
  CITYNET_ASSIGN_OR_RETURN(store::ListPage page,
                           store->List(filter, static_cast<std::size_t>(limit), cursor));
  json records = json::array();
  for (const store::StoredRecord& r : page.records) records.push_back(Summary(r));
  return json{{"records", std::move(records)}, {"next_cursor", page.next_cursor}};
}

Result<json> Daemon::Impl::OpGet(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord r, store->Get(id));
  json j = Summary(r);
  j["payload_size"] = r.header.payload_size;
  // Checked again now, not only on arrival: the bytes shown are the bytes the author signed.
  j["signature_verified"] = protocol::VerifyRecord(r.wire).ok();
  if (r.wire.payload) {
    auto payload = protocol::DecodePayload(r.header.kind, *r.wire.payload);
    if (payload.ok() && r.header.kind == protocol::RecordKind::kCaseStudy) {
      j["case"] = json::parse(protocol::CaseStudyToJson(std::get<protocol::CaseStudy>(*payload)));
    }
  }
  return j;
}

Result<json> Daemon::Impl::OpHeads(const json& args) {
  std::vector<std::string> networks = config.networks;
  if (args.contains("networks")) {
    if (!args["networks"].is_array()) {
      return InvalidArgument("argument 'networks' must be a list of network names");
    }
    networks.clear();
    for (const json& n : args["networks"]) {
      if (!n.is_string()) return InvalidArgument("argument 'networks' must hold strings");
      networks.push_back(n.get<std::string>());
    }
  }
  CITYNET_ASSIGN_OR_RETURN(std::vector<store::FeedHead> heads, store->Heads(networks));
  json out = json::array();
  for (const store::FeedHead& h : heads) {
    const std::string name = NameOf(h.author);
    out.push_back({{"author", h.author.Hex()},
                   {"author_name", name},
                   {"network", h.network},
                   {"seq", h.seq},
                   {"head", h.head.Hex()},
                   {"forked", h.forked}});
  }
  return json{{"heads", std::move(out)}};
}

Result<json> Daemon::Impl::OpSearch(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(std::string query, StringArg(args, "query", true));
  CITYNET_ASSIGN_OR_RETURN(int64_t limit, IntArg(args, "limit", 20, 1, 1000));
  CITYNET_ASSIGN_OR_RETURN(std::string network, StringArg(args, "network", false));
  std::vector<std::string> networks;
  if (!network.empty()) networks.push_back(network);
  if (args.value("wait", false)) (void)store->WaitForSearch(5000);
  CITYNET_ASSIGN_OR_RETURN(auto results,
                           store->Search(query, networks, static_cast<std::size_t>(limit)));
  json out = json::array();
  for (const store::SearchResult& s : results) {
    json j = Summary(s.record);
    j["score"] = s.score;
    j["snippet"] = s.snippet;
    out.push_back(std::move(j));
  }
  return json{{"results", std::move(out)}};
}

// Every record of `filter`, all pages.
Result<std::vector<store::StoredRecord>> Daemon::Impl::ListAll(store::ListFilter filter) {
  return node::ListAll(*store, std::move(filter));
}

Result<std::vector<store::StoredRecord>> ListAll(const store::Store& store,
                                                 const store::ListFilter& filter) {
  std::vector<store::StoredRecord> all;
  std::string cursor;
  do {
    CITYNET_ASSIGN_OR_RETURN(store::ListPage page, store.List(filter, 1000, cursor));
    for (auto& r : page.records) all.push_back(std::move(r));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  return all;
}

Result<json> Daemon::Impl::OpRetract(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
  CITYNET_ASSIGN_OR_RETURN(std::string reason, StringArg(args, "reason", true));
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord target, store->Get(id));
  if (target.header.author != keys->signing.public_key()) {
    const std::string name = NameOf(target.header.author);
    return PermissionDenied(fmt::format(
        "only the author can retract a record: {} was published by {}; ask them to retract it",
        id.ShortHex(), name.empty() ? target.header.author.Hex() : name));
  }
  if (target.header.kind == protocol::RecordKind::kRetraction ||
      target.header.kind == protocol::RecordKind::kErasureReceipt) {
    return InvalidArgument("retractions and erasure receipts cannot be retracted");
  }
  if (target.retracted) {
    return AlreadyExists(fmt::format("{} is already retracted", id.ShortHex()));
  }
  CITYNET_ASSIGN_OR_RETURN(
      SyncEngine::Published published,
      engine->Publish(target.header.network, protocol::Payload{protocol::Retraction{reason}},
                      Now(), protocol::RetractionRefs{{id}}));
  wire->Send(std::move(published.pushes));
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord stored, store->Get(published.id));
  log->Notice("retracted {} in {}: {}", id.ShortHex(), target.header.network, reason);
  json j = Summary(stored);
  j["target"] = id.Hex();
  return j;
}

// Who confirmed the erasure of a retracted record, and who has not yet.
Result<json> ErasureOf(const store::Store& store, const Roster& roster, const std::string& self,
                       const RecordId& id) {
  auto name_of = [&roster](const SigningPublicKey& author) {
    const Member* m = roster.BySigningKey(author);
    return m != nullptr ? m->name : std::string();
  };
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord target, store.Get(id));
  store::ListFilter filter;
  filter.network = target.header.network;
  filter.author = target.header.author;
  filter.kind = protocol::RecordKind::kRetraction;
  filter.include_retractions = true;
  CITYNET_ASSIGN_OR_RETURN(auto retractions, ListAll(store, filter));
  const store::StoredRecord* retraction = nullptr;
  for (const auto& r : retractions) {
    const auto* refs = std::get_if<protocol::RetractionRefs>(&r.header.refs);
    if (refs != nullptr &&
        std::find(refs->targets.begin(), refs->targets.end(), id) != refs->targets.end()) {
      retraction = &r;
      break;
    }
  }
  if (retraction == nullptr) {
    return NotFound(fmt::format(
        "{} has not been retracted (no retraction by its author is held here)", id.ShortHex()));
  }
  std::string reason;
  if (retraction->wire.payload) {
    auto p = protocol::DecodePayload(retraction->header.kind, *retraction->wire.payload);
    if (p.ok()) reason = std::get<protocol::Retraction>(*p).reason;
  }
  // The members expected to answer: this node's view of the network, minus the author.
  std::set<std::string> expected;
  for (const Member* m : roster.PartnersIn(target.header.network)) expected.insert(m->name);
  expected.insert(self);
  expected.erase(name_of(target.header.author));
  filter.author.reset();
  filter.kind = protocol::RecordKind::kErasureReceipt;
  CITYNET_ASSIGN_OR_RETURN(auto receipts, ListAll(store, filter));
  json confirmed = json::array();
  std::set<std::string> answered;
  for (const auto& r : receipts) {
    const auto* refs = std::get_if<protocol::ErasureReceiptRefs>(&r.header.refs);
    if (refs == nullptr || refs->retraction != retraction->id || !r.wire.payload) continue;
    auto p = protocol::DecodePayload(r.header.kind, *r.wire.payload);
    if (!p.ok()) continue;
    const auto& receipt = std::get<protocol::ErasureReceipt>(*p);
    std::string outcome = "not listed";
    for (const auto& item : receipt.items) {
      if (item.target == id) outcome = std::string(protocol::ErasureOutcomeName(item.outcome));
    }
    const std::string name = name_of(r.header.author);
    answered.insert(name);
    confirmed.push_back({{"node", name.empty() ? r.header.author.Hex() : name},
                         {"author", r.header.author.Hex()},
                         {"erased_at_ms", receipt.erased_at_ms},
                         {"outcome", outcome},
                         {"receipt", r.id.Hex()}});
  }
  json pending = json::array();
  for (const std::string& name : expected) {
    if (answered.count(name) == 0) pending.push_back(name);
  }
  return json{{"target", id.Hex()},
              {"network", target.header.network},
              {"payload_held", target.wire.payload.has_value()},
              {"retraction",
               {{"id", retraction->id.Hex()},
                {"reason", reason},
                {"created_at_ms", retraction->header.created_at_ms}}},
              {"confirmed", std::move(confirmed)},
              {"pending", std::move(pending)}};
}

Result<json> Daemon::Impl::OpErasure(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
  return ErasureOf(*store, *roster, config.name, id);
}

// Signed records in arrival order (predecessors before successors), as base64 envelopes,
// for `citynet export`. Pages by the arrival number: pass the previous page's `last`.
Result<json> Daemon::Impl::OpExport(const json& args) {
  CITYNET_ASSIGN_OR_RETURN(int64_t after, IntArg(args, "after", 0, 0, INT64_MAX));
  CITYNET_ASSIGN_OR_RETURN(int64_t limit, IntArg(args, "limit", 1000, 1, 10000));
  CITYNET_ASSIGN_OR_RETURN(std::string network, StringArg(args, "network", false));
  CITYNET_ASSIGN_OR_RETURN(
      std::vector<store::StoredRecord> records,
      store->ReadSince(static_cast<uint64_t>(after), static_cast<std::size_t>(limit)));
  json out = json::array();
  uint64_t last = static_cast<uint64_t>(after);
  for (const store::StoredRecord& r : records) {
    last = std::max(last, r.local_seq);
    if (!network.empty() && r.header.network != network) continue;
    out.push_back(ToBase64(protocol::EncodeEnvelope(protocol::Envelope{r.wire})));
  }
  return json{{"records", std::move(out)},
              {"last", last},
              {"done", records.size() < static_cast<std::size_t>(limit)},
              {"total", store->LastLocalSeq()}};
}

// Records from an export file, each checked as if a partner had sent it: a network of this
// node, an author who is a member of it, a valid signature.
Result<json> Daemon::Impl::OpImport(const json& args) {
  auto list = args.find("records");
  if (list == args.end() || !list->is_array()) {
    return InvalidArgument("missing argument 'records': a list of base64 record envelopes");
  }
  std::map<std::string, uint64_t> refused;
  uint64_t accepted = 0, duplicate = 0, waiting = 0, forks = 0;
  for (const json& item : *list) {
    if (!item.is_string()) {
      ++refused["not a base64 string"];
      continue;
    }
    auto bytes = FromBase64(item.get<std::string>());
    if (!bytes.ok()) {
      ++refused["not a base64 string"];
      continue;
    }
    auto envelope = protocol::DecodeEnvelope(*bytes);
    if (!envelope.ok() || !std::holds_alternative<protocol::SignedRecord>(envelope->body)) {
      ++refused["not a record"];
      continue;
    }
    const auto& record = std::get<protocol::SignedRecord>(envelope->body);
    auto header = protocol::DecodeHeader(record.header);
    if (!header.ok()) {
      ++refused["malformed record"];
      continue;
    }
    if (std::find(config.networks.begin(), config.networks.end(), header->network) ==
        config.networks.end()) {
      ++refused["not a network of this node"];
      continue;
    }
    if (!roster->IsMember(header->author, header->network)) {
      ++refused["author not a member of the network"];
      continue;
    }
    auto verified = protocol::VerifyRecord(record);
    if (!verified.ok()) {
      ++refused[verified.status().code() == StatusCode::kUnauthenticated ? "bad signature"
                                                                         : "invalid record"];
      continue;
    }
    store::IngestOptions options;
    options.received_at_ms = Now();
    options.received_from = "import";
    CITYNET_ASSIGN_OR_RETURN(store::IngestResult result, store->Ingest(*verified, options));
    switch (result.outcome) {
      case store::IngestOutcome::kAccepted:
        accepted += result.applied.size();
        break;
      case store::IngestOutcome::kDuplicate:
        ++duplicate;
        break;
      case store::IngestOutcome::kWaiting:
        ++waiting;
        break;
      case store::IngestOutcome::kForkEvidence:
        ++forks;
        break;
      case store::IngestOutcome::kRefused:
        ++refused["refused by the store: " + result.reason];
        break;
    }
  }
  if (accepted > 0) {
    // Partners learn of the new records at the next catch-up; start one now.
    const std::set<std::string> peers = engine->connected();  // Send may mark one down
    for (const std::string& peer : peers) wire->Send(engine->StartCatchUp(peer));
  }
  return json{{"accepted", accepted},
              {"duplicate", duplicate},
              {"waiting", waiting},
              {"fork_evidence", forks},
              {"refused", refused}};
}

}  // namespace citynet::node
