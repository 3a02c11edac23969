// The environment seam of citynetd (node/daemon/environment.h): a daemon started in this process
// with a clock the test sets and a store in memory serves the control socket as citynetd does,
// signs with the test's time, and writes no store to disk; daemons given an in-process wire
// (tests/node/loopback_network.h) replicate over it with no mesh socket, partitions included.
#include "node/daemon/environment.h"

#include <arpa/inet.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "node/config/parse.h"
#include "node/daemon/daemon.h"
#include "protocol/case_json.h"
#include "tests/node/daemon_harness.h"
#include "tests/node/loopback_network.h"
#include "tests/protocol/test_util.h"
#include "tools/control_client.h"

namespace citynet::node {
namespace {

TEST(DaemonEnvironmentTest, ADaemonRunsOnTheClockAndStoreItIsGiven) {
  ASSERT_TRUE(protocol::InitCrypto().ok());
  testing::TempDir dir;
  const std::string control = dir.File("control.sock");
  auto config = ParseConfig(fmt::format(R"([node]
name = "copenhagen"
display_name = "City of Copenhagen"
data_dir = "{}"
networks = ["c40"]

[listen]
endpoints = ["tcp://127.0.0.1:{}"]
control = "ipc://{}"
)",
                                        dir.File("data"), testing::FreePort(), control),
                            dir.File("citynetd.toml"), dir.path());
  ASSERT_TRUE(config.ok()) << config.status().ToString();

  // 2031-03-04 05:06:07 UTC, moved on by the test.
  std::atomic<int64_t> now_ms{1930453567000};
  std::atomic<int> stores_opened{0};
  Environment env = Environment::Real();
  env.wall_clock_ms = [&now_ms] { return now_ms.load(); };
  env.open_store = [&stores_opened](const store::StoreOptions& options) {
    ++stores_opened;
    store::StoreOptions in_memory = options;
    in_memory.in_memory = true;
    return store::OpenStore(in_memory);
  };
  Logger log(LogLevel::kWarning);
  auto daemon = Daemon::Start(*std::move(config), log, env);
  ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
  std::thread runner([&daemon] { EXPECT_TRUE((*daemon)->Run().ok()); });

  auto client = tools::ControlClient::Connect("ipc://" + control);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  now_ms += 1000;
  auto published = client->Call(
      "case.publish", {{"network", "c40"},
                       {"case", nlohmann::json::parse(
                                    protocol::CaseStudyToJson(testing::SampleCase()))}});
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ((*published)["created_at_ms"], 1930453568000);
  auto listed = client->Call("record.list", nlohmann::json::object());
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  const std::string id = (*published)["id"];
  EXPECT_NE(listed->dump().find(id), std::string::npos) << listed->dump();

  (*daemon)->Stop();
  runner.join();
  daemon->reset();
  EXPECT_EQ(stores_opened.load(), 1);
  EXPECT_FALSE(std::filesystem::exists(dir.File("data") + "/store/CURRENT"));
}


// Whether something accepts TCP connections on 127.0.0.1:port.
bool Listening(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return connected;
}

bool Holds(testing::DaemonMesh& mesh, const std::string& node, const std::string& id) {
  const std::vector<std::string> ids = mesh.Ids(node, "c40");
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool PartnerConnected(testing::DaemonMesh& mesh, const std::string& node,
                      const std::string& partner) {
  const nlohmann::json status = mesh.Status(node);
  for (const auto& p : status["peers"]) {
    if (p["name"] == partner) return p["connected"].get<bool>();
  }
  return false;
}

TEST(DaemonEnvironmentTest, DaemonsReplicateOverTheWireTheirEnvironmentGives) {
  ASSERT_TRUE(protocol::InitCrypto().ok());
  testing::DaemonMeshOptions options;
  options.direct_links = true;
  options.log_level = "warning";
  testing::DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}, {"beijing", {"c40"}}},
                           {{"copenhagen", "c40"}, {"c40", "beijing"}}, options);
  testing::LoopbackWire wire;
  Logger log(LogLevel::kWarning);
  std::map<std::string, std::unique_ptr<Daemon>> daemons;
  std::vector<std::thread> runners;
  for (const std::string& name : mesh.Names()) {
    auto config = LoadConfig(mesh.ConfigPath(name));
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    Environment env = Environment::Real();
    env.open_network = wire.OpenFor(name);
    auto daemon = Daemon::Start(*std::move(config), log, env);
    ASSERT_TRUE(daemon.ok()) << name << ": " << daemon.status().ToString();
    daemons[name] = *std::move(daemon);
  }
  for (auto& [name, daemon] : daemons) {
    runners.emplace_back([d = daemon.get()] { EXPECT_TRUE(d->Run().ok()); });
  }

  // No mesh socket: the configured endpoint has no listener, the wire carries everything.
  EXPECT_FALSE(Listening(mesh.ListenPort("copenhagen")));
  EXPECT_TRUE(testing::WaitFor([&] { return PartnerConnected(mesh, "copenhagen", "c40"); }));
  const std::string first = mesh.Publish("copenhagen", "c40", "Harbour baths");
  EXPECT_TRUE(testing::WaitFor([&] { return Holds(mesh, "beijing", first); }))
      << "beijing holds: " << fmt::format("{}", fmt::join(mesh.Ids("beijing", "c40"), ", "));

  // A partition: copenhagen's case waits for it to heal, then arrives by catch-up.
  wire.Cut("copenhagen", "c40");
  wire.Cut("copenhagen", "beijing");
  EXPECT_TRUE(testing::WaitFor([&] { return !PartnerConnected(mesh, "c40", "copenhagen"); }));
  const std::string second = mesh.Publish("copenhagen", "c40", "Cycle superhighways");
  EXPECT_FALSE(Holds(mesh, "c40", second));
  wire.Heal("copenhagen", "c40");
  EXPECT_TRUE(testing::WaitFor([&] { return Holds(mesh, "beijing", second); }));
  EXPECT_TRUE(Holds(mesh, "c40", second));

  for (auto& [name, daemon] : daemons) daemon->Stop();
  for (std::thread& t : runners) t.join();
  daemons.clear();
}

}  // namespace
}  // namespace citynet::node
