#include "tests/bench/bench_util.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <zmq.hpp>

#include "node/net/internal/curve_socket.h"
#include "node/net/transport.h"
#include "protocol/crypto.h"

namespace citynet::testing {

double RawCurveMessagesPerSecond(int messages, std::size_t message_bytes, int hwm) {
  using Clock = std::chrono::steady_clock;
  auto context = std::move(node::TransportContext::Create()).value();
  const protocol::TransportKey server = protocol::TransportKey::Generate();
  const protocol::TransportKey client = protocol::TransportKey::Generate();
  node::ZapHandler::Options zap;
  zap.domain = "bench";
  zap.allowlist.emplace(client.public_key(), "client");
  auto handler = std::move(node::ZapHandler::Start(*context, zap)).value();
  node::SocketOptions options;
  options.send_hwm = options.receive_hwm = hwm;
  auto pull =
      std::move(node::OpenCurveServer(*context, zmq::socket_type::pull, server, "bench", options))
          .value();
  pull.bind("tcp://127.0.0.1:*");
  const std::string endpoint = pull.get(zmq::sockopt::last_endpoint);
  auto push = std::move(node::OpenCurveClient(*context, zmq::socket_type::push, client,
                                              server.public_key(), options))
                  .value();
  push.connect(endpoint);
  const std::string payload(message_bytes, 'x');
  push.send(zmq::buffer(payload));
  zmq::message_t m;
  (void)pull.recv(m);  // connected and authenticated
  const auto start = Clock::now();
  std::thread sender([&push, &payload, messages] {
    for (int i = 0; i < messages; ++i) push.send(zmq::buffer(payload));
  });
  for (int i = 0; i < messages; ++i) (void)pull.recv(m);
  const double rate = messages / std::chrono::duration<double>(Clock::now() - start).count();
  sender.join();
  push.close();
  pull.close();
  return rate;
}

std::optional<int64_t> ArrivalDelayMs(DaemonMesh& mesh, const std::string& node,
                                      const std::string& id) {
  nlohmann::json r;
  WaitFor(
      [&] {
        auto got = mesh.Call(node, "record.get", {{"id", id}});
        if (got.ok()) r = *got;
        return got.ok();
      },
      std::chrono::seconds(30));
  if (r.is_null()) return std::nullopt;
  return r["received_at_ms"].get<int64_t>() - r["created_at_ms"].get<int64_t>();
}

double Percentile(std::vector<int64_t> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return static_cast<double>(v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))]);
}

// The citynetd child of this process whose command line names `config`, or -1.
pid_t DaemonPid(const std::string& config) {
  pid_t found = -1;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return found;
  while (dirent* e = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    std::ifstream f(std::string("/proc/") + e->d_name + "/cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (cmdline.find(config) == std::string::npos) continue;
    std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
    std::string comm_and_state;
    long ppid = 0;
    std::string skip;
    stat >> skip >> comm_and_state >> skip >> ppid;
    if (ppid == ::getpid()) found = pid;
  }
  ::closedir(proc);
  return found;
}

// VmHWM of a process in MiB, or a negative number when it cannot be read.
double PeakRssMiB(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return -1;
}


HypercoreRun RunHypercorePeer(std::size_t records) {
  HypercoreRun run;
  const std::string dir = std::string(CITYNET_SOURCE_DIR) + "/tests/bench/hypercore_peer";
  if (::access((dir + "/node_modules/hypercore/package.json").c_str(), R_OK) != 0) {
    run.error = "install it with: sudo apt install nodejs npm && npm ci --prefix " + dir;
    return run;
  }
  FILE* version = ::popen("node --version 2>/dev/null", "r");
  char buffer[256] = {};
  if (version != nullptr) {
    if (std::fgets(buffer, sizeof buffer, version) != nullptr) {
      run.node_version = buffer;
      while (!run.node_version.empty() && run.node_version.back() == '\n') {
        run.node_version.pop_back();
      }
    }
    ::pclose(version);
  }
  const std::string command =
      "node " + dir + "/bench.js " + std::to_string(records) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.error = "could not start node";
    return run;
  }
  std::string output;
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  std::size_t n = 0;
  if (status != 0 ||
      std::sscanf(output.c_str(), "hypercore %zu %lf %lf", &n, &run.seconds, &run.rss_mib) != 3 ||
      n != records || run.seconds <= 0) {
    run.error = "it failed: " + output;
    return run;
  }
  run.ok = true;
  return run;
}

}  // namespace citynet::testing
