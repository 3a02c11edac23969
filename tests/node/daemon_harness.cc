#include "tests/node/daemon_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include "protocol/case_json.h"
#include "tests/protocol/test_util.h"

#ifndef CITYNETD_BINARY
#error "CITYNETD_BINARY must name the citynetd executable"
#endif

namespace citynet::testing {

using json = nlohmann::json;

namespace {

[[noreturn]] void Fail(const std::string& what) {
  ADD_FAILURE() << what;
  throw std::runtime_error(what);
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) Fail("cannot write " + path);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int ListenLoopback(uint16_t port, uint16_t* bound) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *bound = ntohs(addr.sin_port);
  return fd;
}

std::string TomlList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", \"" : "\"") + items[i] + "\"";
  }
  return out + "]";
}

}  // namespace

uint16_t FreePort() {
  // Below the kernel's ephemeral range (32768-60999 by default), so that the outgoing
  // connections of tests running in parallel do not take the port before the daemon binds it.
  static std::mt19937 rng(static_cast<unsigned>(::getpid()) ^
                          static_cast<unsigned>(std::random_device{}()));
  for (int attempt = 0; attempt < 200; ++attempt) {
    const auto want = static_cast<uint16_t>(std::uniform_int_distribution<int>(20000, 32000)(rng));
    uint16_t port = 0;
    int fd = ListenLoopback(want, &port);
    if (fd >= 0) {
      ::close(fd);
      return port;
    }
  }
  Fail("cannot find a free port on 127.0.0.1");
}

// ---- TcpProxy ----------------------------------------------------------------------------

TcpProxy::TcpProxy(uint16_t target) : target_(target) {
  listener_ = ListenLoopback(0, &port_);
  if (listener_ < 0 || ::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) Fail("proxy setup failed");
  thread_ = std::thread([this] { Run(); });
}

TcpProxy::~TcpProxy() {
  stop_ = true;
  (void)!::write(wake_[1], "x", 1);
  thread_.join();
  ::close(listener_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void TcpProxy::Cut() {
  cut_ = true;
  cut_pending_ = true;
  (void)!::write(wake_[1], "x", 1);
}

void TcpProxy::Heal() { cut_ = false; }

void TcpProxy::Run() {
  struct Pair {
    int a, b;  // accepted, and our connection to the target
  };
  std::vector<Pair> pairs;
  auto close_pair = [](Pair& p) {
    ::close(p.a);
    ::close(p.b);
  };
  char buf[64 * 1024];
  while (!stop_) {
    if (cut_pending_.exchange(false)) {
      for (Pair& p : pairs) close_pair(p);
      pairs.clear();
    }
    std::vector<pollfd> fds;
    fds.push_back({wake_[0], POLLIN, 0});
    fds.push_back({listener_, POLLIN, 0});
    for (const Pair& p : pairs) {
      fds.push_back({p.a, POLLIN, 0});
      fds.push_back({p.b, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), 200) < 0) continue;
    if (fds[0].revents & POLLIN) {
      while (::read(wake_[0], buf, sizeof buf) > 0) {
      }
    }
    const std::size_t polled = pairs.size();  // pairs accepted below were not polled yet
    if (fds[1].revents & POLLIN) {
      int a = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (a >= 0) {
        if (cut_) {
          ::close(a);
        } else {
          int b = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
          sockaddr_in addr{};
          addr.sin_family = AF_INET;
          addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
          addr.sin_port = htons(target_.load());
          if (::connect(b, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(a);
            ::close(b);
          } else {
            pairs.push_back({a, b});
          }
        }
      }
    }
    // Forward; a pair with an error or EOF on either side is closed. Writes block briefly:
    // both ends are local sockets read by running daemons.
    std::set<std::size_t> dead;
    for (std::size_t i = 0; i < polled; ++i) {
      for (int side = 0; side < 2; ++side) {
        const short rev = fds[2 + 2 * i + side].revents;
        if (rev == 0) continue;
        const int from = side == 0 ? pairs[i].a : pairs[i].b;
        const int to = side == 0 ? pairs[i].b : pairs[i].a;
        const ssize_t n = ::read(from, buf, sizeof buf);
        if (n <= 0) {
          dead.insert(i);
          continue;
        }
        ssize_t done = 0;
        while (done < n) {
          const ssize_t w =
              ::send(to, buf + done, static_cast<std::size_t>(n - done), MSG_NOSIGNAL);
          if (w <= 0) {
            if (w < 0 && errno == EINTR) continue;
            dead.insert(i);
            break;
          }
          done += w;
        }
      }
    }
    for (auto it = dead.rbegin(); it != dead.rend(); ++it) {
      close_pair(pairs[*it]);
      pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(*it));
    }
  }
  for (Pair& p : pairs) close_pair(p);
}

// ---- DaemonMesh --------------------------------------------------------------------------

DaemonMesh::DaemonMesh(std::vector<NodeSpec> nodes, std::vector<LinkSpec> links,
                       DaemonMeshOptions options)
    : nodes_(std::move(nodes)), links_(std::move(links)), options_(std::move(options)) {
  char tmpl[] = "/tmp/cnd-XXXXXX";  // short: control socket paths must fit sun_path
  if (::mkdtemp(tmpl) == nullptr) Fail("mkdtemp failed");
  root_ = tmpl;
  std::filesystem::create_directories(root_ + "/cards");
  protocol::CaseStudy c = SampleCase();
  seed_case_ = protocol::CaseStudyToJson(c);

  for (const NodeSpec& n : nodes_) {
    std::filesystem::create_directories(Dir(n.name));
    ports_[n.name] = FreePort();
    if (options_.metrics) metrics_ports_[n.name] = FreePort();
  }
  if (!options_.direct_links) {
    for (const LinkSpec& l : links_) {
      proxies_[{l.from, l.to}] = std::make_unique<TcpProxy>(ports_.at(l.to));
    }
  }
  // First the node alone: keys and card.
  for (const NodeSpec& n : nodes_) {
    WriteText(ConfigPath(n.name),
              "[node]\nname = \"" + n.name + "\"\ndisplay_name = \"Test node " + n.name +
                  "\"\ndata_dir = \"" + Dir(n.name) +
                  "/data\"\nnetworks = " + TomlList(n.networks) +
                  "\n[listen]\nendpoints = [\"tcp://127.0.0.1:" + std::to_string(ports_[n.name]) +
                  "\"]\ncontrol = \"" + ControlEndpoint(n.name) + "\"\n");
    const std::string cmd = std::string(CITYNETD_BINARY) + " --init --config " +
                            ConfigPath(n.name) + " > " + CardPath(n.name) + " 2> " + Dir(n.name) +
                            "/init.log";
    if (std::system(cmd.c_str()) != 0) {
      Fail("citynetd --init failed for " + n.name + ": " + ReadText(Dir(n.name) + "/init.log"));
    }
  }
  for (const NodeSpec& n : nodes_) WriteConfig(n.name);
}

DaemonMesh::~DaemonMesh() {
  clients_.clear();
  for (auto& [name, pid] : pids_) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  proxies_.clear();
  if (std::getenv("CITYNET_KEEP_TEST_DIR") == nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
}

std::vector<std::string> DaemonMesh::Names() const {
  std::vector<std::string> names;
  for (const NodeSpec& n : nodes_) names.push_back(n.name);
  return names;
}

void DaemonMesh::WriteConfig(const std::string& node) {
  const NodeSpec& self = *std::find_if(nodes_.begin(), nodes_.end(),
                                       [&](const NodeSpec& n) { return n.name == node; });
  std::string toml =
      "[node]\nname = \"" + node + "\"\ndisplay_name = \"Test node " + node + "\"\ndata_dir = \"" +
      Dir(node) + "/data\"\nnetworks = " + TomlList(self.networks) +
      "\n\n[listen]\nendpoints = [\"tcp://127.0.0.1:" + std::to_string(ports_[node]) +
      "\"]\ncontrol = \"" + ControlEndpoint(node) + "\"\n";
  if (options_.metrics) {
    toml += "metrics = \"127.0.0.1:" + std::to_string(metrics_ports_.at(node)) + "\"\n";
  }
  toml += "\n";
  for (const NodeSpec& other : nodes_) {
    if (other.name == node) continue;
    auto omit = options_.omit_partners.find(node);
    if (omit != options_.omit_partners.end() && omit->second.count(other.name) != 0) continue;
    std::vector<std::string> shared;
    for (const std::string& n : self.networks) {
      if (std::find(other.networks.begin(), other.networks.end(), n) != other.networks.end()) {
        shared.push_back(n);
      }
    }
    if (shared.empty()) continue;
    auto proxy = proxies_.find({node, other.name});
    std::string endpoint = "none";
    if (proxy != proxies_.end()) {
      endpoint = "tcp://127.0.0.1:" + std::to_string(proxy->second->port());
    } else if (options_.direct_links &&
               std::any_of(links_.begin(), links_.end(), [&](const LinkSpec& l) {
                 return l.from == node && l.to == other.name;
               })) {
      endpoint = "tcp://127.0.0.1:" + std::to_string(ports_.at(other.name));
    }
    toml += "[[partner]]\ncard = \"" + CardPath(other.name) + "\"\nnetworks = " + TomlList(shared) +
            "\nendpoint = \"" + endpoint + "\"\n\n";
  }
  auto extra = options_.extra_partner_toml.find(node);
  if (extra != options_.extra_partner_toml.end()) toml += extra->second + "\n";
  toml += "[limits]\ncatch_up_interval_s = " + std::to_string(options_.catch_up_interval_s) + "\n" +
          options_.extra_limits + "\n\n[log]\nlevel = \"" + options_.log_level + "\"\n";
  WriteText(ConfigPath(node), toml);
}

void DaemonMesh::Start(const std::string& node) {
  if (Running(node)) Fail(node + " is already running");
  clients_.erase(node);
  const std::string log = Dir(node) + "/citynetd.log";
  pid_t pid = ::fork();
  if (pid < 0) Fail("fork failed");
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 2);
      ::dup2(fd, 1);
    }
    auto env = options_.env.find(node);
    if (env != options_.env.end()) {
      for (const std::string& e : env->second) ::putenv(const_cast<char*>(e.c_str()));
    }
    ::execl(CITYNETD_BINARY, "citynetd", "--config", ConfigPath(node).c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  pids_[node] = pid;
  bool clash = false;
  const bool up = WaitFor(
      [&] {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
          pids_.erase(node);
          if (LogTail(node, 600).find("cannot listen on") != std::string::npos &&
              ++port_retries_ < 5) {
            clash = true;  // another process took the port: move the node
            return true;
          }
          Fail(node + " exited at start:\n" + LogTail(node));
        }
        auto client =
            tools::ControlClient::Connect(ControlEndpoint(node), std::chrono::milliseconds(500));
        if (!client.ok()) return false;
        return client->Call("status").ok();
      },
      std::chrono::seconds(30));
  if (clash) {
    ports_[node] = FreePort();
    for (auto& [link, proxy] : proxies_) {
      if (link.second == node) proxy->SetTarget(ports_[node]);
    }
    for (const NodeSpec& n : nodes_) WriteConfig(n.name);
    Start(node);
    return;
  }
  if (!up) Fail(node + " did not answer on its control socket:\n" + LogTail(node));
}

void DaemonMesh::StartAll() {
  for (const NodeSpec& n : nodes_) Start(n.name);
}

void DaemonMesh::Stop(const std::string& node) {
  auto it = pids_.find(node);
  if (it == pids_.end()) return;
  clients_.erase(node);
  ::kill(it->second, SIGTERM);
  int status = 0;
  ::waitpid(it->second, &status, 0);
  pids_.erase(it);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << node << " did not stop cleanly (status " << status << "):\n"
      << LogTail(node);
}

void DaemonMesh::Kill(const std::string& node) {
  auto it = pids_.find(node);
  if (it == pids_.end()) return;
  clients_.erase(node);
  ::kill(it->second, SIGKILL);
  ::waitpid(it->second, nullptr, 0);
  pids_.erase(it);
}

void DaemonMesh::Signal(const std::string& node, int signal) {
  auto it = pids_.find(node);
  if (it != pids_.end()) ::kill(it->second, signal);
}

bool DaemonMesh::Running(const std::string& node) const { return pids_.count(node) != 0; }

tools::ControlClient* DaemonMesh::Client(const std::string& node) {
  auto it = clients_.find(node);
  if (it != clients_.end()) return it->second.get();
  // Generous: listing thousands of records in debug on a loaded 2-core machine took over 5 s.
  auto client = tools::ControlClient::Connect(ControlEndpoint(node), std::chrono::seconds(30));
  if (!client.ok()) return nullptr;
  auto owned = std::make_unique<tools::ControlClient>(std::move(client).value());
  tools::ControlClient* raw = owned.get();
  clients_[node] = std::move(owned);
  return raw;
}

Result<json> DaemonMesh::Call(const std::string& node, const std::string& op, const json& args) {
  tools::ControlClient* client = Client(node);
  if (client == nullptr) {
    ADD_FAILURE() << "no control connection to " << node;
    return Unavailable("no control connection to " + node);
  }
  auto result = client->Call(op, args);
  if (!result.ok()) {
    if (result.status().code() == StatusCode::kUnavailable ||
        result.status().code() == StatusCode::kDeadlineExceeded) {
      clients_.erase(node);  // reconnect next time
    }
  }
  return result;
}

Result<json> DaemonMesh::TryPublish(const std::string& node, const std::string& network,
                                    const std::string& title) {
  json c = json::parse(seed_case_);
  c["title"] = title;
  c["networks"] = json::array({network});
  return Call(node, "case.publish", {{"network", network}, {"case", c}});
}

std::string DaemonMesh::Publish(const std::string& node, const std::string& network,
                                const std::string& title) {
  auto r = TryPublish(node, network, title);
  if (!r.ok()) Fail("publish at " + node + " failed: " + r.status().message());
  return (*r)["id"].get<std::string>();
}

std::vector<std::string> DaemonMesh::Ids(const std::string& node, const std::string& network) {
  std::vector<std::string> ids;
  std::string cursor;
  do {
    auto r = Call(node, "record.list",
                  {{"network", network},
                   {"limit", 10000},
                   {"cursor", cursor},
                   {"include_superseded", true},
                   {"include_retractions", true}});
    if (!r.ok()) {
      ADD_FAILURE() << "record.list at " << node << ": " << r.status().message();
      return ids;
    }
    for (const json& rec : (*r)["records"]) ids.push_back(rec["id"].get<std::string>());
    cursor = (*r)["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> DaemonMesh::Heads(const std::string& node, const std::string& network) {
  std::vector<std::string> heads;
  auto r = Call(node, "record.heads", {{"networks", {network}}});
  if (!r.ok()) return heads;
  for (const json& h : (*r)["heads"]) {
    heads.push_back(h["author"].get<std::string>() + ":" +
                    std::to_string(h["seq"].get<uint64_t>()) + ":" + h["head"].get<std::string>());
  }
  std::sort(heads.begin(), heads.end());
  return heads;
}

json DaemonMesh::Status(const std::string& node) {
  auto r = Call(node, "status");
  return r.ok() ? *r : json::object();
}

void DaemonMesh::Cut(const std::string& from, const std::string& to) {
  proxies_.at({from, to})->Cut();
}

void DaemonMesh::Heal(const std::string& from, const std::string& to) {
  proxies_.at({from, to})->Heal();
}

std::string DaemonMesh::LogTail(const std::string& node, std::size_t bytes) const {
  std::string text = ReadText(Dir(node) + "/citynetd.log");
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace citynet::testing
