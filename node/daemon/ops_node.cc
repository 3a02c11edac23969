// The control operations on the node itself (status, card, reload, stop), and the table that
// routes every operation to the part of the daemon that does it.
#include "node/daemon/internal/daemon_impl.h"

namespace citynet::node {

// The control operation "status": everything `citynet node status` shows, by part.
Result<json> Daemon::Impl::OpStatus() {
  json j = StatusOnLoop();
  j["pending_erasures"] = StatusPendingErasures();
  return j;
}

std::optional<SlowWork> Daemon::Impl::Defer(const std::string& op, const json& args) {
  if (op == "status") {
    return SlowWork([j = StatusOnLoop(), store = store.get(), roster = roster, self = config.name,
                     key = keys->signing.public_key()]() mutable -> Result<json> {
      j["pending_erasures"] = PendingErasures(*store, *roster, self, key);
      return j;
    });
  }
  if (op == "erasure") {
    auto id = IdArg(args, "id");
    if (!id.ok()) return SlowWork([status = id.status()]() -> Result<json> { return status; });
    return SlowWork([store = store.get(), roster = roster, self = config.name, id = *id] {
      return ErasureOf(*store, *roster, self, id);
    });
  }
  return std::nullopt;
}

json Daemon::Impl::StatusOnLoop() {
  json j;
  j["node"] = {{"name", config.name},
               {"display_name", config.display_name},
               {"signing_key", keys->signing.public_key().Hex()},
               {"transport_key", keys->transport.public_key().Hex()},
               {"networks", config.networks},
               {"version", CITYNET_VERSION},
               {"started_at_ms", started_at_ms},
               {"pid", ::getpid()}};
  j["listen"] = wire->endpoints();
  j["control"] = control ? control->path() : "";
  j["metrics"] = metrics ? metrics->address() : "";
  j["peers"] = StatusPeers();
  j["records"] = StatusRecords();
  j["refused"] = engine->counters().refused;
  j["forks"] = StatusForks();
  j["pending_erasures"] = json::array();  // filled in off the loop (Defer), or by OpStatus
  j["restore_hold"] = StatusRestoreHold();
  StatusCounters(j);
  return j;
}

// Each partner of the roster: its networks, links, and the records it announced that this node
// lacks.
json Daemon::Impl::StatusPeers() {
  const auto lag = engine->LagByPeer();
  json peers = json::array();
  for (const PeerLink& link : wire->Links()) {
    const Member* m = roster->Partner(link.partner);
    json p;
    p["name"] = link.partner;
    p["networks"] = m != nullptr ? std::vector<std::string>(m->networks.begin(), m->networks.end())
                                 : std::vector<std::string>{};
    p["dial"] = link.dial_endpoint.empty() ? json(nullptr) : json(link.dial_endpoint);
    p["outbound_up"] = link.outbound_up;
    p["inbound_up"] = link.inbound_up;
    p["connected"] = engine->connected().count(link.partner) != 0;
    auto l = lag.find(link.partner);
    p["lag_records"] = l != lag.end() ? l->second : 0;
    p["reconnect_failures"] = link.reconnect_failures;
    peers.push_back(std::move(p));
  }
  return peers;
}

json Daemon::Impl::StatusRecords() {
  const SyncCounters& c = engine->counters();
  json records = {{"stored", store->LastLocalSeq()},
                  {"accepted", c.records_accepted},
                  {"duplicate", c.records_duplicate},
                  {"waiting", c.records_waiting},
                  {"fork_evidence", c.records_fork},
                  {"sent", c.records_sent},
                  {"accepted_by_network", c.accepted_by_network},
                  {"sent_by_network", c.sent_by_network},
                  {"erasure_receipts_sent", c.receipts_sent},
                  {"erasure_receipts_deferred", c.receipts_deferred}};
  auto pending = store->PendingCount();
  records["pending"] = pending.ok() ? *pending : 0;
  // Whether search reflects every record held (it trails during a large catch-up).
  records["search_current"] = store->WaitForSearch(0).ok();
  return records;
}

// Fork evidence held: an author signed two records at one position of a feed.
json Daemon::Impl::StatusForks() {
  json forks = json::array();
  auto fork_list = store->Forks();
  if (fork_list.ok()) {
    for (const store::ForkEvidence& f : *fork_list) {
      const std::string name = NameOf(f.author);
      forks.push_back({{"author", f.author.Hex()},
                       {"author_name", name},
                       {"network", f.network},
                       {"seq", f.seq}});
    }
  }
  return forks;
}

// This node's retractions that members have not all confirmed yet.
json PendingErasures(const store::Store& store, const Roster& roster, const std::string& self,
                     const SigningPublicKey& self_key) {
  json pending_erasures = json::array();
  store::ListFilter own;
  own.author = self_key;
  own.kind = protocol::RecordKind::kRetraction;
  own.include_retractions = true;
  auto mine = ListAll(store, own);
  if (mine.ok()) {
    for (const store::StoredRecord& retraction : *mine) {
      const auto* refs = std::get_if<protocol::RetractionRefs>(&retraction.header.refs);
      if (refs == nullptr) continue;
      for (const RecordId& target : refs->targets) {
        auto e = ErasureOf(store, roster, self, target);
        if (!e.ok() || (*e)["pending"].empty()) continue;
        pending_erasures.push_back({{"target", target.Hex()},
                                    {"network", retraction.header.network},
                                    {"retracted_at_ms", retraction.header.created_at_ms},
                                    {"confirmed", (*e)["confirmed"].size()},
                                    {"pending", (*e)["pending"]}});
      }
    }
  }
  return pending_erasures;
}

json Daemon::Impl::StatusPendingErasures() {
  return PendingErasures(*store, *roster, config.name, keys->signing.public_key());
}

// After a restore: the networks this node signs nothing in yet, and how far each partner's
// copy of its own feed there is.
json Daemon::Impl::StatusRestoreHold() {
  json hold = json::object();
  for (const auto& [network, partners] : engine->hold()) {
    auto own_head = store->Head(keys->signing.public_key(), network);
    json entry = {{"own_seq", own_head.ok() && *own_head ? (*own_head)->seq : 0},
                  {"partners", json::array()}};
    for (const auto& [name, p] : partners) {
      entry["partners"].push_back({{"name", name},
                                   {"heard", p.heard},
                                   {"their_seq", p.their_seq},
                                   {"confirmed", p.confirmed}});
    }
    hold[network] = std::move(entry);
  }
  return hold;
}

// The counters of the body transfer, the sync engine, the mesh and the ZAP handler.
void Daemon::Impl::StatusCounters(json& j) {
  const SyncCounters& c = engine->counters();
  const BodyCounters& b = bodies->counters();
  j["datasets"] = {
      {"fetch_policy", config.dataset_fetch == FetchPolicy::kAll ? "all" : "on-demand"},
      {"fetches_active", bodies->ActiveFetches()},
      {"fetches_waiting", bodies->WaitingFetches()},
      {"chunks_fetched", b.chunks_fetched},
      {"chunks_served", b.chunks_served},
      {"bodies_completed", b.bodies_completed},
      {"chunks_refused", b.chunks_refused},
      {"bodies_refused", b.bodies_refused},
      {"serve_refused", b.serve_refused}};
  j["sync"] = {{"summaries_equal", c.summaries_equal},
               {"pulls_sent", c.pulls_sent},
               {"pulls_outstanding", engine->OutstandingPulls()},
               {"pulls_timed_out", c.pulls_timed_out}};
  const MeshStats ms = wire->stats();
  j["mesh"] = {{"messages_in", ms.messages_in},       {"messages_out", ms.messages_out},
               {"malformed", ms.malformed},           {"unroutable", ms.unroutable},
               {"unknown_sender", ms.unknown_sender}, {"over_max_peers", ms.over_max_peers}};
  const ZapHandler::Stats zs = wire->refusals();
  j["zap"] = {{"allowed", zs.allowed},
              {"denied_unknown_key", zs.denied_unknown_key},
              {"denied_wrong_domain", zs.denied_wrong_domain},
              {"denied_wrong_mechanism", zs.denied_wrong_mechanism},
              {"denied_malformed", zs.denied_malformed}};
}

Result<json> Daemon::Impl::OpCard() {
  CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard card, MakeOwnCard(config, *keys, Now()));
  return json{{"card", protocol::ArmorNodeCard(card)}};
}

Result<json> Daemon::Impl::OpReload(const json&) {
  CITYNET_RETURN_IF_ERROR(Reload());
  return json::object();
}

Result<json> Daemon::Impl::OpStop(const json&) {
  loop->Stop();
  return json::object();
}

// Every control operation citynetd answers, by the domain that does it. Dataset operations
// belong to DatasetService (datasets.cc), which says which names are its own.
const std::map<std::string, Daemon::Impl::Operation, std::less<>>& Daemon::Impl::Operations() {
  static const auto* const table = new std::map<std::string, Operation, std::less<>>{
      // the node
      {"status", [](Impl& d, const json&) { return d.OpStatus(); }},
      {"node.card", [](Impl& d, const json&) { return d.OpCard(); }},
      {"node.reload", &Impl::OpReload},
      {"node.stop", &Impl::OpStop},
      // records and cases
      {"case.publish", &Impl::OpPublish},
      {"case.search", &Impl::OpSearch},
      {"case.retract", &Impl::OpRetract},
      {"case.erasure", &Impl::OpErasure},
      {"record.list", &Impl::OpList},
      {"record.get", &Impl::OpGet},
      {"record.heads", &Impl::OpHeads},
      {"record.export", &Impl::OpExport},
      {"record.import", &Impl::OpImport},
  };
  return *table;
}

Result<json> Daemon::Impl::Handle(const std::string& op, const json& args,
                                  const PeerCredentials& peer) {
  log->Debug("control: {} from uid {} pid {}", op, peer.uid, peer.pid);
  if (DatasetService::Handles(op)) return datasets->Handle(op, args);
  const auto& table = Operations();
  if (auto found = table.find(op); found != table.end())
    return std::invoke(found->second, *this, args);
  return NotFound(
      fmt::format("unknown operation '{}': this citynetd ({}) may be older than the citynet tool",
                  op, CITYNET_VERSION));
}

}  // namespace citynet::node
