// Real citynetd processes for integration tests: a mesh of daemons on 127.0.0.1, each with its
// own data directory, keys, card, config and control socket under one temporary directory.
// Every link (one node dialing another) goes through a TCP proxy owned by the test, so a test
// can cut a link and heal it (a network partition) and restart a node on the same address.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "protocol/status.h"
#include "tools/control_client.h"

namespace citynet::testing {

// A free TCP port on 127.0.0.1 (bound, read, and released: another process could take it
// before the caller binds it, which on a test machine does not happen in practice).
uint16_t FreePort();

// Forwards connections accepted on 127.0.0.1:port() to 127.0.0.1:target, byte for byte, on its
// own thread. Cut() closes every forwarded connection and refuses new ones until Heal().
class TcpProxy {
 public:
  explicit TcpProxy(uint16_t target);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  uint16_t port() const { return port_; }
  // Forward new connections to another port (the target moved).
  void SetTarget(uint16_t target) { target_ = target; }
  void Cut();
  void Heal();

 private:
  void Run();

  std::atomic<uint16_t> target_;
  uint16_t port_ = 0;
  int listener_ = -1;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  std::atomic<bool> cut_{false};
  std::atomic<bool> cut_pending_{false};
  std::thread thread_;
};

struct NodeSpec {
  std::string name;
  std::vector<std::string> networks;
};

// `from` dials `to` (through a proxy). Nodes that share a network are partners whether or not
// a link joins them; without one they converge through relay.
struct LinkSpec {
  std::string from;
  std::string to;
};

struct DaemonMeshOptions {
  int catch_up_interval_s = 1;
  std::string log_level = "info";
  // Extra TOML appended to every node's [limits] table.
  std::string extra_limits;
  // Extra partners for a node's config: name -> TOML [[partner]] blocks.
  std::map<std::string, std::string> extra_partner_toml;
  // Links dial the target's port directly (no proxy, so no Cut): for benchmarks.
  bool direct_links = false;
  // Every node serves Prometheus metrics on 127.0.0.1 (MetricsPort()).
  bool metrics = false;
  // Partners left out of a node's config (node -> partner names).
  std::map<std::string, std::set<std::string>> omit_partners;
  // Extra environment of a node's process (node -> NAME=VALUE).
  std::map<std::string, std::vector<std::string>> env;
};

class DaemonMesh {
 public:
  // Makes the directory tree, runs `citynetd --init` for every node (keys and cards) and
  // writes each node's config. Nothing runs yet. Aborts the test (ADD_FAILURE + throw) when a
  // step fails.
  DaemonMesh(std::vector<NodeSpec> nodes, std::vector<LinkSpec> links,
             DaemonMeshOptions options = {});
  ~DaemonMesh();  // SIGKILLs what still runs; keeps the directory when CITYNET_KEEP_TEST_DIR is set

  const std::string& root() const { return root_; }
  std::string Dir(const std::string& node) const { return root_ + "/" + node; }
  std::string ConfigPath(const std::string& node) const { return Dir(node) + "/citynetd.toml"; }
  std::string KeyDir(const std::string& node) const { return Dir(node) + "/data/keys"; }
  std::string CardPath(const std::string& node) const { return root_ + "/cards/" + node + ".card"; }
  std::string ControlEndpoint(const std::string& node) const {
    return "ipc://" + Dir(node) + "/control.sock";
  }
  uint16_t ListenPort(const std::string& node) const { return ports_.at(node); }
  uint16_t MetricsPort(const std::string& node) const { return metrics_ports_.at(node); }
  DaemonMeshOptions& options() { return options_; }
  // Writes the node's config again from options() (e.g. after changing omit_partners).
  void WriteConfig(const std::string& node);
  void Signal(const std::string& node, int signal);
  std::vector<std::string> Names() const;

  // Starts the daemon and waits until its control socket answers `status`.
  void Start(const std::string& node);
  void StartAll();
  // SIGTERM and wait for a clean exit (exit status 0 expected).
  void Stop(const std::string& node);
  void Kill(const std::string& node);
  bool Running(const std::string& node) const;

  // A control call; the test fails (and the result is an error) when the daemon answers one.
  Result<nlohmann::json> Call(const std::string& node, const std::string& op,
                              const nlohmann::json& args = nlohmann::json::object());
  // Publishes a case (a seed case with the title replaced): the daemon's answer.
  Result<nlohmann::json> TryPublish(const std::string& node, const std::string& network,
                                    const std::string& title);
  // Publishes a case (a seed case with the title replaced) and returns its id.
  std::string Publish(const std::string& node, const std::string& network,
                      const std::string& title);
  // Every record id held by `node` in `network` (all kinds, superseded included).
  std::vector<std::string> Ids(const std::string& node, const std::string& network);
  // The feed heads of `node` in `network`, as (author, seq, head) strings, sorted.
  std::vector<std::string> Heads(const std::string& node, const std::string& network);
  // Status counters.
  nlohmann::json Status(const std::string& node);

  void Cut(const std::string& from, const std::string& to);
  void Heal(const std::string& from, const std::string& to);

  // The tail of a node's log, for failure messages.
  std::string LogTail(const std::string& node, std::size_t bytes = 4000) const;

 private:
  tools::ControlClient* Client(const std::string& node);

  std::string root_;
  std::vector<NodeSpec> nodes_;
  std::vector<LinkSpec> links_;
  DaemonMeshOptions options_;
  std::map<std::string, uint16_t> ports_;
  std::map<std::string, uint16_t> metrics_ports_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<TcpProxy>> proxies_;
  std::map<std::string, pid_t> pids_;
  std::map<std::string, std::unique_ptr<tools::ControlClient>> clients_;
  std::string seed_case_;
  int port_retries_ = 0;
};

// Polls `done` every 20 ms until it holds or `timeout` passes; returns whether it held.
bool WaitFor(const std::function<bool()>& done,
             std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace citynet::testing
