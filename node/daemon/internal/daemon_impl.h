// citynetd's shell, inside: the state Daemon::Impl holds and the functions its parts share.
// Daemon::Start wires it (daemon.cc); its control operations are split by domain (ops_node.cc,
// ops_records.cc; datasets.cc has the dataset operations) behind the table in ops_node.cc; its
// metrics are rendered in daemon_metrics.cc. Not for use outside node/daemon/.
#pragma once

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
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "node/config/parse.h"
#include "node/daemon/control_args.h"
#include "node/daemon/control_server.h"
#include "node/daemon/datasets.h"
#include "node/daemon/metrics.h"
#include "node/engine/body_transfer.h"
#include "node/engine/sync_engine.h"
#include "node/net/transport.h"
#include "node/privacy/gate.h"
#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "store/store.h"

#ifndef CITYNET_VERSION
#define CITYNET_VERSION "0.0.0"
#endif

#include "node/daemon/daemon.h"
#include "node/net/event_loop.h"
#include "node/net/executor.h"

namespace citynet::node {

using json = nlohmann::json;

// Creates `path` and its missing parents with `mode` (like mkdir -p).
Status MakeDirs(const std::string& path, mode_t mode);
// Writes `text` to `path` through a temporary file and a rename, so a reader sees all or nothing.
Status WriteFileAtomically(const std::string& path, std::string_view text, mode_t mode);
// The socket path of a control endpoint (an ipc:// endpoint or a bare path).
std::string ControlPath(const std::string& endpoint);
// Every record of `filter`, all pages. Thread-safe.
Result<std::vector<store::StoredRecord>> ListAll(const store::Store& store,
                                                 const store::ListFilter& filter);
// Who confirmed the erasure of the retracted record `id`, and who has not yet (`self`: this
// node's name). Thread-safe: runs off the loop.
Result<json> ErasureOf(const store::Store& store, const Roster& roster, const std::string& self,
                       const RecordId& id);
// This node's retractions that some partner has not confirmed yet. Thread-safe.
json PendingErasures(const store::Store& store, const Roster& roster, const std::string& self,
                     const SigningPublicKey& self_key);
// A record kind by its name in the control protocol ("case", "dataset", ...).
std::optional<protocol::RecordKind> KindFromName(std::string_view name);

struct Daemon::Impl {
  Environment env;  // the clock, store and randomness main() chose
  Logger* log = nullptr;
  NodeConfig config;
  // The wall clock in ms since the epoch: a record's creation and arrival time.
  int64_t Now() const { return env.wall_clock_ms(); }
  // Outlives every component registered with it (they unregister when destroyed).
  std::unique_ptr<EventLoop> loop;
  std::optional<NodeKeys> keys;
  std::unique_ptr<store::Store> store;
  // Shared with work running off the loop (a reload replaces it; the work keeps the old one).
  std::shared_ptr<const Roster> roster;
  std::unique_ptr<SyncEngine> engine;
  std::unique_ptr<privacy::Gate> gate;        // one per process: costly to build, const after
  std::unique_ptr<BodyTransfer> bodies;       // dataset bodies; its worker uses the store and gate
  std::unique_ptr<DatasetService> datasets;   // publishing through the gate, on its own worker
  // The wire to the partners: the CURVE mesh (Environment::Real), or a test's.
  std::unique_ptr<Network> wire;
  std::unique_ptr<Executor> executor;  // slow control work, off the loop
  // Dataset chunks verified and stored, off the loop: a thread of their own, so that a long
  // erasure listing never holds up a body and a large body never holds up the CLI.
  std::unique_ptr<Executor> body_executor;
  // Dataset publishing (the gate over an upload, then writing its body), off the loop.
  std::unique_ptr<Executor> dataset_executor;
  std::unique_ptr<ControlServer> control;
  std::unique_ptr<MetricsServer> metrics;
  int signal_fd = -1;
  int64_t started_at_ms = 0;

  ~Impl();
  std::string NameOf(const SigningPublicKey& author) const;
  json Summary(const store::StoredRecord& r) const;
  Result<json> OpStatus();
  // Everything of the status the loop holds (all but the pending erasures).
  json StatusOnLoop();
  // Work for a request whose answer reads much of the store, to run off the loop ("status" and
  // "erasure"); nullopt for every other request (ControlDeferrer). The work captures the store
  // (thread-safe) and a reference to the current roster.
  std::optional<SlowWork> Defer(const std::string& op, const json& args);
  json StatusPeers();
  json StatusRecords();
  json StatusForks();
  json StatusPendingErasures();
  json StatusRestoreHold();
  void StatusCounters(json& j);
  Result<json> OpPublish(const json& args);
  Result<json> OpList(const json& args);
  Result<json> OpGet(const json& args);
  Result<json> OpHeads(const json& args);
  Result<json> OpSearch(const json& args);
  // Every record of `filter`, all pages.
  Result<std::vector<store::StoredRecord>> ListAll(store::ListFilter filter);
  Result<json> OpRetract(const json& args);
  // Who confirmed the erasure of a retracted record, and who has not yet.
  Result<json> OpErasure(const json& args);
  // Signed records in arrival order (predecessors before successors), as base64 envelopes,
  // for `citynet export`. Pages by the arrival number: pass the previous page's `last`.
  Result<json> OpExport(const json& args);
  // Records from an export file, each checked as if a partner had sent it: a network of this
  // node, an author who is a member of it, a valid signature.
  Result<json> OpImport(const json& args);
  Result<json> OpCard();
  Result<json> OpReload(const json& args);
  Result<json> OpStop(const json& args);
  // A control operation: what it does with its arguments, on the loop's thread.
  using Operation = std::function<Result<json>(Impl&, const json&)>;
  static const std::map<std::string, Operation, std::less<>>& Operations();
  // The stages of Daemon::Start, in order. The data directory and the node's keys (created at
  // the first start).
  Status OpenKeys();
  // This node's card, for partners: rewritten when what it says changed.
  Status WriteOwnCard();
  // The record store and the engine over it, with the roster of the config.
  Status OpenStoreAndEngine();
  // Dataset bodies: fetched, re-checked and served beside the engine; a restore hold, bodies
  // and publishes left unfinished at the last stop, and erasure receipts still owed.
  Status StartBodies();
  // The event loop and the mesh: CURVE sockets, ZAP allowlist, dials, on the config's limits.
  Status StartMesh();
  // Publishing datasets through the gate, on the service's own worker.
  Status StartDatasets();
  // The control socket for the CLI, and the Prometheus endpoint when configured.
  Status StartControlAndMetrics();
  // SIGTERM, SIGINT and SIGHUP, read from a signalfd in the loop (BlockDaemonSignals blocked
  // them in every thread).
  Status WatchSignals();
  // Routes one control request through the operation table.
  Result<json> Handle(const std::string& op, const json& args, const PeerCredentials& peer);
  Status Reload();
  // The Prometheus text of one scrape, family by family in the order below.
  std::string RenderMetrics();
  // Build info, records in and out, duplicates, forks, the restore hold, refusals.
  void RenderRecordMetrics(MetricsText& t);
  // Connections refused, mesh messages, partners connected and their sync lag.
  void RenderMeshMetrics(MetricsText& t);
  // Dataset body transfer: chunks and bodies fetched, served, refused; fetches in progress.
  void RenderBodyMetrics(MetricsText& t);
  // Records held in the store and waiting for a predecessor.
  void RenderStoreMetrics(MetricsText& t);
  // The restore hold ended in `network` (SyncEngine::HoldSigning): forget it on disk, and
  // retract any dataset of this node there whose body the backup did not hold whole.
  void OnHoldReleased(const std::string& network);
  std::string StatusLine();
  void OnSignals();
  // Everything the daemon serves, registered with the loop: the mesh registered itself; here
  // the signals, the control socket, the metrics endpoint, the workers' wake-ups and the
  // periodic work. Each component is driven by the loop and none polls by itself.
  void RegisterWithLoop();
  Status Loop();
};

}  // namespace citynet::node
