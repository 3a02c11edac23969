// The environment seam of citynetd (node/daemon/environment.h): a daemon started in this process
// with a clock the test sets and a store in memory serves the control socket as citynetd does,
// signs with the test's time, and writes no store to disk.
#include "node/daemon/environment.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "node/config/parse.h"
#include "node/daemon/daemon.h"
#include "protocol/case_json.h"
#include "tests/node/daemon_harness.h"
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

}  // namespace
}  // namespace citynet::node
