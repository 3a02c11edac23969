#include "node/daemon/daemon.h"

#include "node/daemon/internal/daemon_impl.h"
#include "node/engine/wiring.h"

namespace citynet::node {

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
  return MakeRoster(config, keys.signing.public_key(), keys.transport.public_key());
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

Daemon::Impl::~Impl() {
  // Sockets first (the mesh flushes within its linger), then the store.
  metrics.reset();
  control.reset();
  executor.reset();          // joins its worker, which reads the store and the roster
  body_executor.reset();     // joins the body worker before the transfer and the store go
  dataset_executor.reset();  // waits for a running gate job or body write
  datasets.reset();
  wire.reset();
  engine.reset();
  bodies.reset();
  gate.reset();
  store.reset();
  if (signal_fd >= 0) ::close(signal_fd);
}

Status Daemon::Impl::Reload() {
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
  auto roster_next = std::make_shared<Roster>(MakeRoster(next, *keys));
  CITYNET_RETURN_IF_ERROR(wire->SetRoster(*roster_next, MakeDials(next)));
  engine->SetRoster(roster_next.get());
  roster = std::move(roster_next);
  config = std::move(next);
  log->SetLevel(config.log_level);
  log->Notice("reloaded: {} partners", config.partners.size());
  return Status::Ok();
}

// The restore hold ended in `network` (SyncEngine::HoldSigning): forget it on disk, and
// retract any dataset of this node there whose body the backup did not hold whole.
void Daemon::Impl::OnHoldReleased(const std::string& network) {
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
      *store, *engine, keys->signing.public_key(), *log, Now());
  if (!recovered.ok()) log->Warning("{}", recovered.status().message());
}

std::string Daemon::Impl::StatusLine() {
  return fmt::format("{} partners connected, {} records", engine->connected().size(),
                     store->LastLocalSeq());
}

void Daemon::Impl::OnSignals() {
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
void Daemon::Impl::RegisterWithLoop() {
  loop->AddFd(signal_fd, POLLIN, [this](short) { OnSignals(); });
  loop->AddSource(
      [this](std::vector<PollItem>& items) { items = control->PollFds(); },
      [this](const std::vector<PollItem>& ready) { control->OnReady(ready, loop->now()); });
  if (metrics) {
    loop->AddSource(
        [this](std::vector<PollItem>& items) { items = metrics->PollFds(); },
        [this](const std::vector<PollItem>& ready) { metrics->OnReady(ready, loop->now()); });
  }
  bodies->SetOnReady([this] { wire->Send(bodies->OnWake(Now())); });
  loop->Every(std::chrono::milliseconds(200), [this] {
    control->Tick(loop->now());
    if (metrics) metrics->Tick(loop->now());
    engine->Tick(Now());
    wire->Send(bodies->Tick(Now()));
  });
  loop->Every(std::chrono::seconds(5),
              [this] { sd_notify(0, fmt::format("STATUS={}", StatusLine()).c_str()); });
}

Status Daemon::Impl::Loop() {
  sd_notify(0, fmt::format("READY=1\nSTATUS={}", StatusLine()).c_str());
  log->Notice("{} serving: mesh on {}, control on {}{}", config.name,
              fmt::join(wire->endpoints(), ", "), control->path(),
              metrics ? ", metrics on http://" + metrics->address() + "/metrics" : "");
  CITYNET_RETURN_IF_ERROR(loop->Run());
  sd_notify(0, "STOPPING=1\nSTATUS=stopping");
  log->Notice("stopping: flushing to partners and closing the store");
  return Status::Ok();
}

Daemon::Daemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Daemon::~Daemon() = default;

Status Daemon::Impl::OpenKeys() {
  CITYNET_RETURN_IF_ERROR(MakeDirs(config.data_dir, 0750));
  CITYNET_ASSIGN_OR_RETURN(NodeKeys loaded, LoadOrCreateKeys(config.key_dir));
  if (loaded.created) {
    log->Notice("created this node's keys in {}: back them up; they are the node's identity",
                config.key_dir);
  }
  keys.emplace(std::move(loaded));
  log->Info("node {} signing key {}", config.name, keys->signing.public_key().Hex());
  return Status::Ok();
}

Status Daemon::Impl::WriteOwnCard() {
  // This node's card, for partners: rewritten when what it says changed.
  const std::string card_path = config.data_dir + "/node.card";
  {
    bool current = false;
    std::ifstream in(card_path);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      auto signed_card = protocol::DearmorNodeCard(text.str());
      if (signed_card.ok()) {
        auto old = protocol::VerifyNodeCard(*signed_card);
        CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard fresh, MakeOwnCard(config, *keys, 1));
        auto fresh_card = protocol::VerifyNodeCard(fresh);
        if (old.ok() && fresh_card.ok()) {
          protocol::NodeCard a = *old, b = *fresh_card;
          a.issued_at_ms = b.issued_at_ms = 0;
          current = a == b;
        }
      }
    }
    if (!current) {
      CITYNET_ASSIGN_OR_RETURN(protocol::SignedNodeCard card, MakeOwnCard(config, *keys, Now()));
      CITYNET_RETURN_IF_ERROR(WriteFileAtomically(card_path, protocol::ArmorNodeCard(card), 0644));
      log->Notice("wrote this node's card to {}: send it to partners", card_path);
    }
  }
  return Status::Ok();
}

Status Daemon::Impl::OpenStoreAndEngine() {
  store::StoreOptions store_options;
  store_options.path = config.data_dir + "/store";
  store_options.max_pending_records = config.limits.pending_records;
  CITYNET_ASSIGN_OR_RETURN(store, env.open_store(store_options));

  roster = std::make_shared<Roster>(MakeRoster(config, *keys));
  const SyncOptions sync = SyncOptionsFor(config, std::thread::hardware_concurrency());
  engine = std::make_unique<SyncEngine>(store.get(), roster.get(), &keys->signing, sync);
  return Status::Ok();
}

Status Daemon::Impl::StartBodies() {
  // Dataset bodies: fetched, re-checked and served beside the engine, which routes chunk
  // messages, peers and stored records to it. Fetches left unfinished at the last stop resume.
  gate = std::make_unique<privacy::Gate>();
  const BodyTransferOptions body_options = BodyTransferOptionsFor(config);
  CITYNET_ASSIGN_OR_RETURN(body_executor, Executor::Create(*loop));
  bodies = std::make_unique<BodyTransfer>(store.get(), roster.get(), gate.get(),
                                          keys->signing.public_key(), body_executor.get(),
                                          body_options);
  engine->SetBodyTransfer(bodies.get());
  // A node restored from a backup signs nothing in a network until its partners there have
  // shown their copy of its own feed (`citynetd --restored` set this up before the start).
  CITYNET_ASSIGN_OR_RETURN(std::set<std::string> held, ReadRestoreHold(config));
  if (!held.empty()) {
    engine->HoldSigning(held, [this](const std::string& network) { OnHoldReleased(network); });
    if (!engine->hold().empty()) {
      std::vector<std::string> names;
      for (const auto& [network, partners] : engine->hold()) names.push_back(network);
      log->Notice(
          "restored from a backup: signing nothing in {} until every partner there has shown "
          "this node's own records and they are back here; `citynet node status` shows the "
          "progress",
          fmt::join(names, ", "));
    }
  }
  CITYNET_RETURN_IF_ERROR(DatasetService::SweepOrphanBodies(*store, *log).status());
  CITYNET_RETURN_IF_ERROR(DatasetService::RecoverInterruptedPublishes(
                              *store, *engine, keys->signing.public_key(), *log, Now())
                              .status());
  if (Status resumed = bodies->Resume(Now()); !resumed.ok()) {
    log->Warning("{}", resumed.message());
  }

  // Receipts owed from before a crash go out first (through catch-up once partners connect).
  const uint64_t owed_before = engine->counters().receipts_sent;
  (void)engine->AnswerUnansweredRetractions(Now());
  if (engine->counters().receipts_sent > owed_before) {
    log->Notice("issued {} erasure receipts owed from before the last stop",
                engine->counters().receipts_sent - owed_before);
  }
  return Status::Ok();
}

Status Daemon::Impl::StartMesh() {
  MeshOptions options;
  options.listen = config.listen.endpoints;
  options.socket.max_message_bytes = static_cast<int64_t>(config.limits.max_message_bytes);
  // The queue toward one peer, in messages: its byte bound over a typical record message.
  options.socket.send_hwm = static_cast<int>(
      std::clamp<std::size_t>(config.limits.peer_queue_bytes / (16 * 1024), 16, 100000));
  options.socket.receive_hwm = options.socket.send_hwm;
  options.catch_up_interval = config.limits.catch_up_interval;
  options.max_peers = static_cast<std::size_t>(config.limits.max_peers);
  options.socket.heartbeat_timeout = config.limits.heartbeat_timeout;
  options.socket.heartbeat_ttl = config.limits.heartbeat_timeout;
  options.socket.heartbeat_interval = config.limits.heartbeat_timeout / 3;
  options.clock = env.wall_clock_ms;
  options.log = [lg = log](std::string_view line) { lg->Warning("{}", line); };
  // Operators see a partner come and go in the journal, not only in `citynet node status`.
  const auto heartbeat_s =
      std::chrono::duration_cast<std::chrono::seconds>(options.socket.heartbeat_timeout).count();
  options.on_link = [lg = log, heartbeat_s](const std::string& partner, bool up) {
    if (up) {
      lg->Notice("partner {} connected", partner);
    } else {
      lg->Warning(
          "partner {} disconnected (it stopped, or no heartbeat came for {} s); catch-up "
          "brings what was missed when it is back",
          partner, heartbeat_s);
    }
  };
  NetworkSetup setup;
  setup.loop = loop.get();
  setup.key = &keys->transport;
  setup.roster = roster.get();
  setup.engine = engine.get();
  setup.options = std::move(options);
  setup.dials = MakeDials(config);
  CITYNET_ASSIGN_OR_RETURN(wire, env.open_network(std::move(setup)));
  return Status::Ok();
}

Status Daemon::Impl::StartDatasets() {
  DatasetService::Deps dataset_deps;
  dataset_deps.store = store.get();
  dataset_deps.engine = engine.get();
  dataset_deps.gate = gate.get();
  dataset_deps.transfer = bodies.get();
  dataset_deps.log = log;
  Impl* service_owner = this;
  dataset_deps.send = [service_owner](std::vector<Outgoing> out) {
    service_owner->wire->Send(std::move(out));
  };
  dataset_deps.clock = env.wall_clock_ms;
  dataset_deps.random_bytes = env.random_bytes;
  CITYNET_ASSIGN_OR_RETURN(dataset_executor, Executor::Create(*loop));
  dataset_deps.runner = dataset_executor.get();
  dataset_deps.summary = [service_owner](const store::StoredRecord& r) {
    return service_owner->Summary(r);
  };
  DatasetServiceOptions dataset_options;
  dataset_options.upload_dir = config.data_dir + "/uploads";
  dataset_options.default_publisher = config.display_name;
  CITYNET_ASSIGN_OR_RETURN(datasets,
                           DatasetService::Create(std::move(dataset_deps), dataset_options));
  return Status::Ok();
}

Status Daemon::Impl::StartControlAndMetrics() {
  ControlServerOptions control_options;
  control_options.endpoint = config.listen.control;
  const std::filesystem::path control_dir =
      std::filesystem::path(ControlPath(control_options.endpoint)).parent_path();
  CITYNET_RETURN_IF_ERROR(MakeDirs(control_dir.string(), 0755));
  Impl* self = this;
  // Long listings and the user-group lookups that admit a CLI user run here, off the loop.
  CITYNET_ASSIGN_OR_RETURN(executor, Executor::Create(*loop));
  CITYNET_ASSIGN_OR_RETURN(
      control, ControlServer::Start(
                   control_options,
                   [self](const std::string& op, const json& args, const PeerCredentials& peer) {
                     return self->Handle(op, args, peer);
                   },
                   [lg = log](std::string_view line) { lg->Warning("control: {}", line); },
                   executor.get(),
                   [self](const std::string& op, const json& args, const PeerCredentials&) {
                     return self->Defer(op, args);
                   }));

  if (!config.listen.metrics.empty()) {
    MetricsServerOptions metrics_options;
    metrics_options.listen = config.listen.metrics;
    metrics_options.allow_remote = config.listen.allow_remote_metrics;
    metrics_options.log = [lg = log](std::string_view line) { lg->Warning("metrics: {}", line); };
    CITYNET_ASSIGN_OR_RETURN(
        metrics, MetricsServer::Start(metrics_options, [self] { return self->RenderMetrics(); }));
  }
  return Status::Ok();
}

Status Daemon::Impl::WatchSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  signal_fd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd < 0) return Internal(fmt::format("signalfd: {}", std::strerror(errno)));
  return Status::Ok();
}

Result<std::unique_ptr<Daemon>> Daemon::Start(NodeConfig config, Logger& log, Environment env) {
  auto impl = std::make_unique<Impl>();
  Impl& d = *impl;
  d.env = std::move(env);
  d.log = &log;
  d.config = std::move(config);
  d.started_at_ms = d.Now();
  log.SetLevel(d.config.log_level);
  for (const std::string& w : d.config.warnings) log.Warning("{}", w);
  CITYNET_RETURN_IF_ERROR(CheckZmq());
  // In the order each needs the one before; whatever fails stops the start with its message.
  CITYNET_RETURN_IF_ERROR(d.OpenKeys());
  CITYNET_RETURN_IF_ERROR(d.WriteOwnCard());
  CITYNET_RETURN_IF_ERROR(d.OpenStoreAndEngine());
  // The loop before anything that registers with it or returns work through it.
  CITYNET_ASSIGN_OR_RETURN(d.loop, EventLoop::Create());
  CITYNET_RETURN_IF_ERROR(d.StartBodies());
  CITYNET_RETURN_IF_ERROR(d.StartMesh());
  CITYNET_RETURN_IF_ERROR(d.StartDatasets());
  CITYNET_RETURN_IF_ERROR(d.StartControlAndMetrics());
  CITYNET_RETURN_IF_ERROR(d.WatchSignals());
  d.RegisterWithLoop();
  return std::unique_ptr<Daemon>(new Daemon(std::move(impl)));
}

Status Daemon::Run() { return impl_->Loop(); }

void Daemon::Stop() { impl_->loop->Stop(); }

}  // namespace citynet::node
