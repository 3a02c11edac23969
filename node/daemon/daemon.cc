#include "node/daemon/daemon.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "node/engine/body_transfer.h"
#include "node/config/parse.h"
#include "node/daemon/control_args.h"
#include "node/daemon/control_server.h"
#include "node/daemon/datasets.h"
#include "node/daemon/metrics.h"
#include "node/privacy/gate.h"
#include "node/engine/sync_engine.h"
#include "node/net/transport.h"
#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "store/store.h"

#ifndef CITYNET_VERSION
#define CITYNET_VERSION "0.0.0"
#endif

namespace citynet::node {

using json = nlohmann::json;

namespace {

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// mkdir -p with `mode` for the directories it creates.
Status MakeDirs(const std::string& path, mode_t mode) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::Ok();
  const std::filesystem::path p(path);
  if (p.has_parent_path() && p.parent_path() != p) {
    CITYNET_RETURN_IF_ERROR(MakeDirs(p.parent_path().string(), mode));
  }
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
    const int err = errno;
    if (err == EACCES) {
      return PermissionDenied(fmt::format(
          "cannot create directory {}: permission denied: create it for the user citynetd runs "
          "as, or change the path in the config",
          path));
    }
    return Internal(fmt::format("cannot create directory {}: {}", path, std::strerror(err)));
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view text, mode_t mode) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    out.close();
    if (!out) return Internal(fmt::format("cannot write {}", tmp));
  }
  ::chmod(tmp.c_str(), mode);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Internal(fmt::format("cannot rename {} to {}: {}", tmp, path, std::strerror(errno)));
  }
  return Status::Ok();
}

std::string ControlPath(const std::string& endpoint) {
  constexpr std::string_view kIpc = "ipc://";
  return endpoint.rfind(kIpc, 0) == 0 ? endpoint.substr(kIpc.size()) : endpoint;
}

std::optional<protocol::RecordKind> KindFromName(std::string_view name) {
  for (auto kind : {protocol::RecordKind::kCaseStudy, protocol::RecordKind::kDataset,
                    protocol::RecordKind::kRetraction, protocol::RecordKind::kErasureReceipt}) {
    if (protocol::RecordKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace

std::string RestoreHoldPath(const NodeConfig& config) { return config.data_dir + "/restore-hold"; }

Status WriteRestoreHold(const NodeConfig& config, const std::set<std::string>& networks) {
  const std::string path = RestoreHoldPath(config);
  if (networks.empty()) {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
      return Internal(fmt::format("cannot remove {}: {}", path, std::strerror(errno)));
    }
    return Status::Ok();
  }
  std::string text =
      "# citynetd restore hold: the node signs nothing in these networks until every partner\n"
      "# there has shown its copy of the node's own records. See docs/backup-restore.md.\n";
  for (const std::string& n : networks) text += n + "\n";
  // Nothing secret; readable so that a hold written by root still lets the daemon start.
  return WriteFileAtomically(path, text, 0644);
}

Result<std::set<std::string>> ReadRestoreHold(const NodeConfig& config) {
  std::set<std::string> held;
  const std::string path = RestoreHoldPath(config);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) return held;
  std::ifstream in(path);
  if (!in) {
    return Internal(
        fmt::format("cannot read {}: {}: make it readable by the user citynetd "
                    "runs as, or remove it to end the restore hold",
                    path, std::strerror(errno)));
  }
  const std::set<std::string> ours(config.networks.begin(), config.networks.end());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (ours.count(line) != 0) held.insert(line);
  }
  return held;
}

Result<NodeKeys> LoadOrCreateKeys(const std::string& key_dir) {
  CITYNET_RETURN_IF_ERROR(MakeDirs(key_dir, 0700));
  const std::string signing_path = key_dir + "/signing.key";
  const std::string transport_path = key_dir + "/transport.key";
  bool created = false;
  std::error_code ec;
  if (!std::filesystem::exists(signing_path, ec)) {
    CITYNET_RETURN_IF_ERROR(
        protocol::WriteSigningKeyFile(signing_path, protocol::SigningKey::Generate()));
    created = true;
  }
  if (!std::filesystem::exists(transport_path, ec)) {
    CITYNET_RETURN_IF_ERROR(
        protocol::WriteTransportKeyFile(transport_path, protocol::TransportKey::Generate()));
    created = true;
  }
  CITYNET_ASSIGN_OR_RETURN(protocol::SigningKey signing,
                           protocol::LoadSigningKeyFile(signing_path));
  CITYNET_ASSIGN_OR_RETURN(protocol::TransportKey transport,
                           protocol::LoadTransportKeyFile(transport_path));
  return NodeKeys{std::move(signing), std::move(transport), created};
}

Result<protocol::SignedNodeCard> MakeOwnCard(const NodeConfig& config, const NodeKeys& keys,
                                             int64_t issued_at_ms) {
  protocol::NodeCard card;
  card.name = config.name;
  card.display_name = config.display_name.empty() ? config.name : config.display_name;
  card.transport_key = keys.transport.public_key();
  card.endpoints = config.listen.advertise;
  card.networks = config.networks;
  card.issued_at_ms = issued_at_ms;
  return protocol::SignNodeCard(keys.signing, std::move(card));
}

Roster MakeRoster(const NodeConfig& config, const NodeKeys& keys) {
  Member self{config.name, keys.signing.public_key(), keys.transport.public_key(),
              std::set<std::string>(config.networks.begin(), config.networks.end())};
  std::vector<Member> partners;
  for (const PartnerConfig& p : config.partners) {
    partners.push_back(Member{p.card.name, p.card.signing_key, p.card.transport_key,
                              std::set<std::string>(p.networks.begin(), p.networks.end())});
  }
  return Roster(std::move(self), std::move(partners));
}

std::vector<Dial> MakeDials(const NodeConfig& config) {
  std::vector<Dial> dials;
  for (const PartnerConfig& p : config.partners) {
    if (p.endpoint) dials.push_back(Dial{p.card.name, *p.endpoint, p.card.transport_key});
  }
  return dials;
}

Status BlockDaemonSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) {
    return Internal("cannot block SIGTERM, SIGINT and SIGHUP");
  }
  ::signal(SIGPIPE, SIG_IGN);
  return Status::Ok();
}

struct Daemon::Impl {
  Logger* log = nullptr;
  NodeConfig config;
  // Outlives every component registered with it (they unregister when destroyed).
  std::unique_ptr<EventLoop> loop;
  std::optional<NodeKeys> keys;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Roster> roster;
  std::unique_ptr<SyncEngine> engine;
  std::unique_ptr<privacy::Gate> gate;        // one per process: costly to build, const after
  std::unique_ptr<BodyTransfer> bodies;       // dataset bodies; its worker uses the store and gate
  std::unique_ptr<DatasetService> datasets;   // publishing through the gate, on its own worker
  std::unique_ptr<TransportContext> context;  // outlives the sockets below
  std::unique_ptr<Mesh> mesh;
  std::unique_ptr<ControlServer> control;
  std::unique_ptr<MetricsServer> metrics;
  int signal_fd = -1;
  int64_t started_at_ms = 0;

  ~Impl() {
    // Sockets first (the mesh flushes within its linger), then the store.
    metrics.reset();
    control.reset();
    datasets.reset();  // waits for a running gate job
    mesh.reset();
    context.reset();
    engine.reset();
    bodies.reset();  // joins the worker before the store closes
    gate.reset();
    store.reset();
    if (signal_fd >= 0) ::close(signal_fd);
  }

  // ---- control operations ------------------------------------------------------------------

  std::string NameOf(const SigningPublicKey& author) const {
    const Member* m = roster->BySigningKey(author);
    return m != nullptr ? m->name : "";
  }

  json Summary(const store::StoredRecord& r) const {
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

  Result<json> OpStatus() {
    json j;
    const Roster& r = *roster;
    j["node"] = {{"name", config.name},
                 {"display_name", config.display_name},
                 {"signing_key", keys->signing.public_key().Hex()},
                 {"transport_key", keys->transport.public_key().Hex()},
                 {"networks", config.networks},
                 {"version", CITYNET_VERSION},
                 {"started_at_ms", started_at_ms},
                 {"pid", ::getpid()}};
    j["listen"] = mesh->endpoints();
    j["control"] = control ? control->path() : "";
    j["metrics"] = metrics ? metrics->address() : "";
    const auto lag = engine->LagByPeer();
    json peers = json::array();
    for (const PeerLink& link : mesh->Links()) {
      const Member* m = r.Partner(link.partner);
      json p;
      p["name"] = link.partner;
      p["networks"] = m != nullptr
                          ? std::vector<std::string>(m->networks.begin(), m->networks.end())
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
    j["peers"] = std::move(peers);
    const SyncCounters& c = engine->counters();
    j["records"] = {{"stored", store->LastLocalSeq()},
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
    j["records"]["pending"] = pending.ok() ? *pending : 0;
    // Whether search reflects every record held (it trails during a large catch-up).
    j["records"]["search_current"] = store->WaitForSearch(0).ok();
    j["refused"] = c.refused;
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
    j["forks"] = std::move(forks);
    // This node's retractions that members have not all confirmed yet.
    json pending_erasures = json::array();
    store::ListFilter own;
    own.author = keys->signing.public_key();
    own.kind = protocol::RecordKind::kRetraction;
    own.include_retractions = true;
    auto mine = ListAll(own);
    if (mine.ok()) {
      for (const store::StoredRecord& retraction : *mine) {
        const auto* refs = std::get_if<protocol::RetractionRefs>(&retraction.header.refs);
        if (refs == nullptr) continue;
        for (const RecordId& target : refs->targets) {
          auto e = OpErasure(json{{"id", target.Hex()}});
          if (!e.ok() || (*e)["pending"].empty()) continue;
          pending_erasures.push_back({{"target", target.Hex()},
                                      {"network", retraction.header.network},
                                      {"retracted_at_ms", retraction.header.created_at_ms},
                                      {"confirmed", (*e)["confirmed"].size()},
                                      {"pending", (*e)["pending"]}});
        }
      }
    }
    j["pending_erasures"] = std::move(pending_erasures);
    // After a restore: the networks this node signs nothing in yet, and how far each partner's
    // copy of its own feed there is.
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
    j["restore_hold"] = std::move(hold);
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
    const MeshStats& ms = mesh->stats();
    j["mesh"] = {{"messages_in", ms.messages_in},
                 {"messages_out", ms.messages_out},
                 {"malformed", ms.malformed},
                 {"unroutable", ms.unroutable},
                 {"unknown_sender", ms.unknown_sender},
                 {"over_max_peers", ms.over_max_peers}};
    const ZapHandler::Stats zs = mesh->zap().stats();
    j["zap"] = {{"allowed", zs.allowed},
                {"denied_unknown_key", zs.denied_unknown_key},
                {"denied_wrong_domain", zs.denied_wrong_domain},
                {"denied_wrong_mechanism", zs.denied_wrong_mechanism},
                {"denied_malformed", zs.denied_malformed}};
    return j;
  }

  Result<json> OpPublish(const json& args) {
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
        engine->Publish(network, protocol::Payload{std::move(study)}, WallMs(), {}, supersedes));
    mesh->Send(std::move(published.pushes));
    CITYNET_ASSIGN_OR_RETURN(store::StoredRecord stored, store->Get(published.id));
    log->Info("published {} in {} (seq {})", published.id.ShortHex(), network, stored.header.seq);
    return Summary(stored);
  }

  Result<json> OpList(const json& args) {
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
              "unknown author '{}': give a partner's name or a signing key (64 hex digits)",
              author));
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

  Result<json> OpGet(const json& args) {
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

  Result<json> OpHeads(const json& args) {
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

  Result<json> OpSearch(const json& args) {
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
  Result<std::vector<store::StoredRecord>> ListAll(store::ListFilter filter) {
    std::vector<store::StoredRecord> all;
    std::string cursor;
    do {
      CITYNET_ASSIGN_OR_RETURN(store::ListPage page, store->List(filter, 1000, cursor));
      for (auto& r : page.records) all.push_back(std::move(r));
      cursor = page.next_cursor;
    } while (!cursor.empty());
    return all;
  }

  Result<json> OpRetract(const json& args) {
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
                        WallMs(), protocol::RetractionRefs{{id}}));
    mesh->Send(std::move(published.pushes));
    CITYNET_ASSIGN_OR_RETURN(store::StoredRecord stored, store->Get(published.id));
    log->Notice("retracted {} in {}: {}", id.ShortHex(), target.header.network, reason);
    json j = Summary(stored);
    j["target"] = id.Hex();
    return j;
  }

  // Who confirmed the erasure of a retracted record, and who has not yet.
  Result<json> OpErasure(const json& args) {
    CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
    CITYNET_ASSIGN_OR_RETURN(store::StoredRecord target, store->Get(id));
    store::ListFilter filter;
    filter.network = target.header.network;
    filter.author = target.header.author;
    filter.kind = protocol::RecordKind::kRetraction;
    filter.include_retractions = true;
    CITYNET_ASSIGN_OR_RETURN(auto retractions, ListAll(filter));
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
    for (const Member* m : roster->PartnersIn(target.header.network)) expected.insert(m->name);
    expected.insert(config.name);
    expected.erase(NameOf(target.header.author));
    filter.author.reset();
    filter.kind = protocol::RecordKind::kErasureReceipt;
    CITYNET_ASSIGN_OR_RETURN(auto receipts, ListAll(filter));
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
      const std::string name = NameOf(r.header.author);
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

  // Signed records in arrival order (predecessors before successors), as base64 envelopes,
  // for `citynet export`. Pages by the arrival number: pass the previous page's `last`.
  Result<json> OpExport(const json& args) {
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
  Result<json> OpImport(const json& args) {
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
      options.received_at_ms = WallMs();
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
      for (const std::string& peer : peers) mesh->Send(engine->StartCatchUp(peer));
    }
    return json{{"accepted", accepted},
                {"duplicate", duplicate},
                {"waiting", waiting},
                {"fork_evidence", forks},
                {"refused", refused}};
  }

  Result<json> OpCard() {
    CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard card, MakeOwnCard(config, *keys, WallMs()));
    return json{{"card", protocol::ArmorNodeCard(card)}};
  }

  Result<json> Handle(const std::string& op, const json& args, const PeerCredentials& peer) {
    log->Debug("control: {} from uid {} pid {}", op, peer.uid, peer.pid);
    if (op == "status") return OpStatus();
    if (DatasetService::Handles(op)) return datasets->Handle(op, args);
    if (op == "case.publish") return OpPublish(args);
    if (op == "record.list") return OpList(args);
    if (op == "record.get") return OpGet(args);
    if (op == "record.heads") return OpHeads(args);
    if (op == "case.search") return OpSearch(args);
    if (op == "node.card") return OpCard();
    if (op == "case.retract") return OpRetract(args);
    if (op == "record.export") return OpExport(args);
    if (op == "record.import") return OpImport(args);
    if (op == "case.erasure") return OpErasure(args);
    if (op == "node.reload") {
      CITYNET_RETURN_IF_ERROR(Reload());
      return json::object();
    }
    if (op == "node.stop") {
      loop->Stop();
      return json::object();
    }
    return NotFound(
        fmt::format("unknown operation '{}': this citynetd ({}) may be older than the citynet tool",
                    op, CITYNET_VERSION));
  }

  // ---- reload, metrics, loop ---------------------------------------------------------------

  Status Reload() {
    log->Notice("reloading {}", config.path);
    auto fresh = LoadConfig(config.path);
    if (!fresh.ok()) {
      log->Error("reload refused, the running configuration stays:\n{}", fresh.status().message());
      return fresh.status();
    }
    for (const std::string& w : fresh->warnings) log->Warning("{}", w);
    auto restart_only = [&](bool changed, std::string_view what) {
      if (changed) log->Warning("reload: {} changed; it takes effect at the next restart", what);
    };
    restart_only(fresh->name != config.name, "[node] name");
    restart_only(fresh->data_dir != config.data_dir, "[node] data_dir");
    restart_only(fresh->key_dir != config.key_dir, "[node] key_dir");
    restart_only(fresh->networks != config.networks, "[node] networks");
    restart_only(fresh->listen.endpoints != config.listen.endpoints, "[listen] endpoints");
    restart_only(fresh->listen.control != config.listen.control, "[listen] control");
    restart_only(fresh->listen.metrics != config.listen.metrics ||
                     fresh->listen.allow_remote_metrics != config.listen.allow_remote_metrics,
                 "[listen] metrics");
    restart_only(fresh->listen.advertise != config.listen.advertise, "[listen] advertise");
    restart_only(!(fresh->limits == config.limits), "[limits]");
    restart_only(fresh->dataset_fetch != config.dataset_fetch ||
                     fresh->dataset_serve_mib_per_s != config.dataset_serve_mib_per_s,
                 "[datasets]");
    // The node's own identity and networks stay; partners and log level change.
    NodeConfig next = config;
    next.partners = fresh->partners;
    next.log_level = fresh->log_level;
    auto roster_next = std::make_unique<Roster>(MakeRoster(next, *keys));
    CITYNET_RETURN_IF_ERROR(mesh->SetRoster(*roster_next, MakeDials(next)));
    engine->SetRoster(roster_next.get());
    roster = std::move(roster_next);
    config = std::move(next);
    log->SetLevel(config.log_level);
    log->Notice("reloaded: {} partners", config.partners.size());
    return Status::Ok();
  }

  std::string RenderMetrics() {
    MetricsText t;
    using T = MetricsText::Type;
    const SyncCounters& c = engine->counters();
    t.Family("citynet_build_info", "The citynetd version.", T::kGauge);
    t.Sample(1, {{"version", CITYNET_VERSION}});
    t.Family("citynet_records_in_total", "Records stored, by network (own and received).",
             T::kCounter);
    for (const auto& [n, v] : c.accepted_by_network)
      t.Sample(static_cast<double>(v), {{"network", n}});
    t.Family("citynet_records_out_total", "Records sent to partners, by network.", T::kCounter);
    for (const auto& [n, v] : c.sent_by_network) t.Sample(static_cast<double>(v), {{"network", n}});
    t.Family("citynet_records_duplicate_total", "Records received that were already held.",
             T::kCounter);
    t.Sample(static_cast<double>(c.records_duplicate));
    t.Family("citynet_fork_evidence_total", "Records that contradict a held one (a forked feed).",
             T::kCounter);
    t.Sample(static_cast<double>(c.records_fork));
    t.Family("citynet_restore_hold",
             "1 for each network this node signs nothing in yet, after a restore from a backup.",
             T::kGauge);
    for (const auto& [network, partners] : engine->hold()) t.Sample(1, {{"network", network}});
    t.Family("citynet_refused_total", "Messages and records refused, by reason.", T::kCounter);
    for (const auto& [reason, v] : c.refused) {
      t.Sample(static_cast<double>(v), {{"reason", reason}});
    }
    const ZapHandler::Stats zs = mesh->zap().stats();
    t.Family("citynet_connections_refused_total", "Connections refused by the ZAP handler.",
             T::kCounter);
    t.Sample(static_cast<double>(zs.denied_unknown_key), {{"reason", "unknown key"}});
    t.Sample(static_cast<double>(zs.denied_wrong_domain), {{"reason", "wrong domain"}});
    t.Sample(static_cast<double>(zs.denied_wrong_mechanism), {{"reason", "not curve"}});
    t.Sample(static_cast<double>(zs.denied_malformed), {{"reason", "malformed"}});
    const MeshStats& ms = mesh->stats();
    t.Family("citynet_mesh_messages_total", "Mesh messages, by direction.", T::kCounter);
    t.Sample(static_cast<double>(ms.messages_in), {{"direction", "in"}});
    t.Sample(static_cast<double>(ms.messages_out), {{"direction", "out"}});
    t.Family("citynet_mesh_malformed_total", "Mesh messages that could not be decoded.",
             T::kCounter);
    t.Sample(static_cast<double>(ms.malformed));
    t.Family("citynet_mesh_over_max_peers_total",
             "Messages from partners not served because [limits] max_peers were connected.",
             T::kCounter);
    t.Sample(static_cast<double>(ms.over_max_peers));
    t.Family("citynet_peers_connected", "Partners connected now.", T::kGauge);
    t.Sample(static_cast<double>(engine->connected().size()));
    t.Family("citynet_peer_up", "Whether a partner is connected (1) or not (0).", T::kGauge);
    for (const Member& p : roster->partners()) {
      t.Sample(engine->connected().count(p.name) != 0 ? 1 : 0, {{"peer", p.name}});
    }
    t.Family("citynet_peer_sync_lag_records",
             "Records a connected partner has announced that this node does not hold yet.",
             T::kGauge);
    for (const auto& [peer, lag] : engine->LagByPeer()) {
      t.Sample(static_cast<double>(lag), {{"peer", peer}});
    }
    const BodyCounters& b = bodies->counters();
    t.Family("citynet_dataset_chunks_fetched_total",
             "Dataset body chunks fetched, verified and stored.", T::kCounter);
    t.Sample(static_cast<double>(b.chunks_fetched));
    t.Family("citynet_dataset_chunks_served_total", "Dataset body chunks sent to partners.",
             T::kCounter);
    t.Sample(static_cast<double>(b.chunks_served));
    t.Family("citynet_dataset_chunks_refused_total", "Dataset body chunks refused, by reason.",
             T::kCounter);
    for (const auto& [reason, v] : b.chunks_refused) {
      t.Sample(static_cast<double>(v), {{"reason", reason}});
    }
    t.Family("citynet_dataset_bodies_completed_total",
             "Dataset bodies fetched in full and passed this node's privacy re-check.",
             T::kCounter);
    t.Sample(static_cast<double>(b.bodies_completed));
    t.Family("citynet_dataset_bodies_refused_total",
             "Dataset bodies dropped, by reason (failed the privacy re-check, store error).",
             T::kCounter);
    for (const auto& [reason, v] : b.bodies_refused) {
      t.Sample(static_cast<double>(v), {{"reason", reason}});
    }
    t.Family("citynet_dataset_fetches", "Dataset bodies being fetched, by state.", T::kGauge);
    t.Sample(static_cast<double>(bodies->ActiveFetches()), {{"state", "active"}});
    t.Sample(static_cast<double>(bodies->WaitingFetches()), {{"state", "waiting"}});
    t.Family("citynet_store_records", "Records held in the store.", T::kGauge);
    t.Sample(static_cast<double>(store->LastLocalSeq()));
    auto pending = store->PendingCount();
    t.Family("citynet_store_waiting_records", "Records waiting for a missing predecessor.",
             T::kGauge);
    t.Sample(pending.ok() ? static_cast<double>(*pending) : 0);
    return t.text();
  }

  // The restore hold ended in `network` (SyncEngine::HoldSigning): forget it on disk, and
  // retract any dataset of this node there whose body the backup did not hold whole.
  void OnHoldReleased(const std::string& network) {
    auto seq = store->Head(keys->signing.public_key(), network);
    log->Notice(
        "restore hold ended in network {}: every partner there has shown this node's own "
        "records, and they are back here up to seq {}; the node signs there again",
        network, seq.ok() && *seq ? (*seq)->seq : 0);
    std::set<std::string> remaining;
    for (const auto& [n, partners] : engine->hold()) remaining.insert(n);
    if (Status s = WriteRestoreHold(config, remaining); !s.ok()) {
      log->Error("{}: the hold may apply again at the next start", s.message());
    }
    auto recovered = DatasetService::RecoverInterruptedPublishes(
        *store, *engine, keys->signing.public_key(), *log, WallMs());
    if (!recovered.ok()) log->Warning("{}", recovered.status().message());
  }

  std::string StatusLine() {
    return fmt::format("{} partners connected, {} records", engine->connected().size(),
                       store->LastLocalSeq());
  }

  void OnSignals() {
    signalfd_siginfo info{};
    while (::read(signal_fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      if (info.ssi_signo == SIGHUP) {
        sd_notify(0, "RELOADING=1");
        (void)Reload();
        sd_notify(0, fmt::format("READY=1\nSTATUS={}", StatusLine()).c_str());
      } else {
        log->Notice("{} received: stopping", info.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
        loop->Stop();
      }
    }
  }

  // Everything the daemon serves, registered with the loop: the mesh registered itself; here
  // the signals, the control socket, the metrics endpoint, the workers' wake-ups and the
  // periodic work. Each component is driven by the loop and none polls by itself.
  void RegisterWithLoop() {
    loop->AddFd(signal_fd, POLLIN, [this](short) { OnSignals(); });
    loop->AddSource([this](std::vector<PollItem>& items) { items = control->PollFds(); },
                    [this](const std::vector<PollItem>& ready) {
                      control->OnReady(ready, loop->now());
                    });
    if (metrics) {
      loop->AddSource([this](std::vector<PollItem>& items) { items = metrics->PollFds(); },
                      [this](const std::vector<PollItem>& ready) {
                        metrics->OnReady(ready, loop->now());
                      });
    }
    loop->AddFd(bodies->wake_fd(), POLLIN, [this](short) { mesh->Send(bodies->OnWake(WallMs())); });
    loop->AddFd(datasets->wake_fd(), POLLIN, [this](short) { datasets->OnWake(); });
    loop->Every(std::chrono::milliseconds(200), [this] {
      control->Tick(loop->now());
      if (metrics) metrics->Tick(loop->now());
      engine->Tick(WallMs());
      mesh->Send(bodies->Tick(WallMs()));
    });
    loop->Every(std::chrono::seconds(5),
                [this] { sd_notify(0, fmt::format("STATUS={}", StatusLine()).c_str()); });
  }

  Status Loop() {
    sd_notify(0, fmt::format("READY=1\nSTATUS={}", StatusLine()).c_str());
    log->Notice("{} serving: mesh on {}, control on {}{}", config.name,
                fmt::join(mesh->endpoints(), ", "), control->path(),
                metrics ? ", metrics on http://" + metrics->address() + "/metrics" : "");
    CITYNET_RETURN_IF_ERROR(loop->Run());
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
    log->Notice("stopping: flushing to partners and closing the store");
    return Status::Ok();
  }
};

Daemon::Daemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Daemon::~Daemon() = default;

Result<std::unique_ptr<Daemon>> Daemon::Start(NodeConfig config, Logger& log) {
  auto impl = std::make_unique<Impl>();
  Impl& d = *impl;
  d.log = &log;
  d.config = std::move(config);
  d.started_at_ms = WallMs();
  log.SetLevel(d.config.log_level);
  for (const std::string& w : d.config.warnings) log.Warning("{}", w);
  CITYNET_RETURN_IF_ERROR(CheckZmq());

  CITYNET_RETURN_IF_ERROR(MakeDirs(d.config.data_dir, 0750));
  CITYNET_ASSIGN_OR_RETURN(NodeKeys keys, LoadOrCreateKeys(d.config.key_dir));
  if (keys.created) {
    log.Notice("created this node's keys in {}: back them up; they are the node's identity",
               d.config.key_dir);
  }
  d.keys.emplace(std::move(keys));
  log.Info("node {} signing key {}", d.config.name, d.keys->signing.public_key().Hex());

  // This node's card, for partners: rewritten when what it says changed.
  const std::string card_path = d.config.data_dir + "/node.card";
  {
    bool current = false;
    std::ifstream in(card_path);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      auto signed_card = protocol::DearmorNodeCard(text.str());
      if (signed_card.ok()) {
        auto old = protocol::VerifyNodeCard(*signed_card);
        CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard fresh, MakeOwnCard(d.config, *d.keys, 1));
        auto fresh_card = protocol::VerifyNodeCard(fresh);
        if (old.ok() && fresh_card.ok()) {
          protocol::NodeCard a = *old, b = *fresh_card;
          a.issued_at_ms = b.issued_at_ms = 0;
          current = a == b;
        }
      }
    }
    if (!current) {
      CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard card,
                               MakeOwnCard(d.config, *d.keys, WallMs()));
      CITYNET_RETURN_IF_ERROR(WriteFileAtomically(card_path, protocol::ArmorNodeCard(card), 0644));
      log.Notice("wrote this node's card to {}: send it to partners", card_path);
    }
  }

  store::StoreOptions store_options;
  store_options.path = d.config.data_dir + "/store";
  store_options.max_pending_records = d.config.limits.pending_records;
  CITYNET_ASSIGN_OR_RETURN(d.store, store::OpenStore(store_options));

  d.roster = std::make_unique<Roster>(MakeRoster(d.config, *d.keys));
  SyncOptions sync;
  sync.peer_rate_per_s = d.config.limits.peer_rate_records_per_s;
  sync.verify_threads = std::max(1u, std::thread::hardware_concurrency());
  sync.max_batch_bytes =
      std::min<std::size_t>(sync.max_batch_bytes, d.config.limits.max_message_bytes - 64 * 1024);
  d.engine = std::make_unique<SyncEngine>(d.store.get(), d.roster.get(), &d.keys->signing, sync);

  // Dataset bodies: fetched, re-checked and served beside the engine, which routes chunk
  // messages, peers and stored records to it. Fetches left unfinished at the last stop resume.
  d.gate = std::make_unique<privacy::Gate>();
  BodyTransferOptions body_options;
  body_options.policy = d.config.dataset_fetch;
  body_options.serve_bytes_per_s = d.config.dataset_serve_mib_per_s * 1024.0 * 1024.0;
  body_options.serve_burst_bytes =
      std::max(body_options.serve_burst_bytes, body_options.serve_bytes_per_s / 2);
  CITYNET_ASSIGN_OR_RETURN(d.bodies,
                           BodyTransfer::Create(d.store.get(), d.roster.get(), d.gate.get(),
                                                d.keys->signing.public_key(), body_options));
  d.engine->SetBodyTransfer(d.bodies.get());
  // A node restored from a backup signs nothing in a network until its partners there have
  // shown their copy of its own feed (`citynetd --restored` set this up before the start).
  CITYNET_ASSIGN_OR_RETURN(std::set<std::string> held, ReadRestoreHold(d.config));
  if (!held.empty()) {
    d.engine->HoldSigning(held, [&d](const std::string& network) { d.OnHoldReleased(network); });
    if (!d.engine->hold().empty()) {
      std::vector<std::string> names;
      for (const auto& [network, partners] : d.engine->hold()) names.push_back(network);
      log.Notice(
          "restored from a backup: signing nothing in {} until every partner there has shown "
          "this node's own records and they are back here; `citynet node status` shows the "
          "progress",
          fmt::join(names, ", "));
    }
  }
  CITYNET_RETURN_IF_ERROR(DatasetService::SweepOrphanBodies(*d.store, log).status());
  CITYNET_RETURN_IF_ERROR(DatasetService::RecoverInterruptedPublishes(
                              *d.store, *d.engine, d.keys->signing.public_key(), log, WallMs())
                              .status());
  if (Status resumed = d.bodies->Resume(WallMs()); !resumed.ok()) {
    log.Warning("{}", resumed.message());
  }

  // Receipts owed from before a crash go out first (through catch-up once partners connect).
  const uint64_t owed_before = d.engine->counters().receipts_sent;
  (void)d.engine->AnswerUnansweredRetractions(WallMs());
  if (d.engine->counters().receipts_sent > owed_before) {
    log.Notice("issued {} erasure receipts owed from before the last stop",
               d.engine->counters().receipts_sent - owed_before);
  }

  CITYNET_ASSIGN_OR_RETURN(d.context, TransportContext::Create());
  MeshOptions mesh;
  mesh.listen = d.config.listen.endpoints;
  mesh.socket.max_message_bytes = static_cast<int64_t>(d.config.limits.max_message_bytes);
  // The queue toward one peer, in messages: its byte bound over a typical record message.
  mesh.socket.send_hwm = static_cast<int>(
      std::clamp<std::size_t>(d.config.limits.peer_queue_bytes / (16 * 1024), 16, 100000));
  mesh.socket.receive_hwm = mesh.socket.send_hwm;
  mesh.catch_up_interval = d.config.limits.catch_up_interval;
  mesh.max_peers = static_cast<std::size_t>(d.config.limits.max_peers);
  mesh.socket.heartbeat_timeout = d.config.limits.heartbeat_timeout;
  mesh.socket.heartbeat_ttl = d.config.limits.heartbeat_timeout;
  mesh.socket.heartbeat_interval = d.config.limits.heartbeat_timeout / 3;
  mesh.clock = WallMs;
  mesh.log = [&log](std::string_view line) { log.Warning("{}", line); };
  // Operators see a partner come and go in the journal, not only in `citynet node status`.
  const auto heartbeat_s =
      std::chrono::duration_cast<std::chrono::seconds>(mesh.socket.heartbeat_timeout).count();
  mesh.on_link = [&log, heartbeat_s](const std::string& partner, bool up) {
    if (up) {
      log.Notice("partner {} connected", partner);
    } else {
      log.Warning(
          "partner {} disconnected (it stopped, or no heartbeat came for {} s); catch-up "
          "brings what was missed when it is back",
          partner, heartbeat_s);
    }
  };
  CITYNET_ASSIGN_OR_RETURN(d.loop, EventLoop::Create());
  CITYNET_ASSIGN_OR_RETURN(d.mesh, Mesh::Create(*d.loop, *d.context, d.keys->transport, *d.roster,
                                                *d.engine, mesh, MakeDials(d.config)));

  DatasetService::Deps dataset_deps;
  dataset_deps.store = d.store.get();
  dataset_deps.engine = d.engine.get();
  dataset_deps.gate = d.gate.get();
  dataset_deps.transfer = d.bodies.get();
  dataset_deps.log = &log;
  Impl* service_owner = impl.get();
  dataset_deps.send = [service_owner](std::vector<Outgoing> out) {
    service_owner->mesh->Send(std::move(out));
  };
  dataset_deps.clock = WallMs;
  dataset_deps.summary = [service_owner](const store::StoredRecord& r) {
    return service_owner->Summary(r);
  };
  DatasetServiceOptions dataset_options;
  dataset_options.upload_dir = d.config.data_dir + "/uploads";
  dataset_options.default_publisher = d.config.display_name;
  CITYNET_ASSIGN_OR_RETURN(d.datasets,
                           DatasetService::Create(std::move(dataset_deps), dataset_options));

  ControlServerOptions control;
  control.endpoint = d.config.listen.control;
  const std::filesystem::path control_dir =
      std::filesystem::path(ControlPath(control.endpoint)).parent_path();
  CITYNET_RETURN_IF_ERROR(MakeDirs(control_dir.string(), 0755));
  Impl* self = impl.get();
  CITYNET_ASSIGN_OR_RETURN(
      d.control, ControlServer::Start(
                     control,
                     [self](const std::string& op, const json& args, const PeerCredentials& peer) {
                       return self->Handle(op, args, peer);
                     },
                     [&log](std::string_view line) { log.Warning("control: {}", line); }));

  if (!d.config.listen.metrics.empty()) {
    MetricsServerOptions metrics;
    metrics.listen = d.config.listen.metrics;
    metrics.allow_remote = d.config.listen.allow_remote_metrics;
    metrics.log = [&log](std::string_view line) { log.Warning("metrics: {}", line); };
    CITYNET_ASSIGN_OR_RETURN(
        d.metrics, MetricsServer::Start(metrics, [self] { return self->RenderMetrics(); }));
  }

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  d.signal_fd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (d.signal_fd < 0) return Internal(fmt::format("signalfd: {}", std::strerror(errno)));
  d.RegisterWithLoop();
  return std::unique_ptr<Daemon>(new Daemon(std::move(impl)));
}

Status Daemon::Run() { return impl_->Loop(); }

}  // namespace citynet::node
