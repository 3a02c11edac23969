// Crash safety: a child process ingests records and acknowledges each one; the parent kills it
// with SIGKILL at random moments, reopens the store and checks that no acknowledged record was
// lost, that every record has its index entries and every index entry its record, that feed
// heads agree with the feeds, and that search catches up. CITYNET_CRASH_CYCLES sets the number
// of kills (default 50).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/protocol/test_util.h"

extern char** environ;

namespace citynet::store {
namespace {

using namespace citynet::protocol;

struct Ack {
  bool accepted;
  RecordId id;
};

// Runs the child for about `run_ms`, kills it, and returns what it acknowledged. With
// `after_ready` the time counts from the child's "ready" line (the store is open), so a slow
// start on a loaded machine still leaves it time to ingest; without it the kill may land while
// the store is being opened or recovered, which must be safe too.
std::vector<Ack> RunAndKill(const std::string& path, int run_ms, bool after_ready) {
  int fds[2];
  EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  std::string child = CITYNET_CRASH_CHILD;
  char* argv[] = {child.data(), const_cast<char*>(path.c_str()), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, child.c_str(), &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);

  std::string text;
  char buf[4096];
  bool ready = !after_ready;
  // Waiting for "ready" gives up after 60 s (the store never opening fails below).
  auto deadline = std::chrono::steady_clock::now() + (ready ? std::chrono::milliseconds(run_ms)
                                                            : std::chrono::milliseconds(60'000));
  while (std::chrono::steady_clock::now() < deadline) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n > 0)
      text.append(buf, static_cast<std::size_t>(n));
    else
      ::usleep(1000);
    if (!ready && text.find("ready\n") != std::string::npos) {
      ready = true;
      deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(run_ms);
    }
  }
  EXPECT_TRUE(ready) << "the child did not open the store within 60 s";
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the child exited by itself with " << WEXITSTATUS(status);
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);

  std::vector<Ack> acks;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a torn last line was not acknowledged
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line == "ready") continue;
    std::size_t sp = line.find(' ');
    auto id = RecordId::FromHexString(line.substr(sp + 1));
    EXPECT_TRUE(id.ok()) << line;
    if (id.ok()) acks.push_back(Ack{line.substr(0, sp) == "accepted", *id});
  }
  return acks;
}

TEST(StoreCrashTest, NoAcknowledgedRecordIsLostAndIndexesStayConsistent) {
  int cycles = 50;
  if (const char* env = std::getenv("CITYNET_CRASH_CYCLES")) cycles = std::atoi(env);
  testing::TempDir dir;
  const std::string path = dir.File("node");
  std::mt19937 rng(20261123);
  std::vector<Ack> all_acks;
  uint64_t total_records = 0;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    int run_ms = 30 + static_cast<int>(rng() % 170);
    std::vector<Ack> acks = RunAndKill(path, run_ms, /*after_ready=*/cycle % 5 != 4);
    all_acks.insert(all_acks.end(), acks.begin(), acks.end());

    StoreOptions o;
    o.path = path;
    auto opened = OpenStore(o);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    Status integrity = store.CheckIntegrity();
    ASSERT_TRUE(integrity.ok()) << integrity.ToString();
    for (const Ack& ack : all_acks) {
      auto got = store.Get(ack.id);
      if (ack.accepted) {
        ASSERT_TRUE(got.ok()) << "acknowledged record " << ack.id.Hex() << " was lost";
      }
    }
    auto pending = store.PendingCount();
    ASSERT_TRUE(pending.ok());
    // Waiting records were acknowledged as waiting: each is now stored or still waiting.
    uint64_t waiting_acked_missing = 0;
    for (const Ack& ack : all_acks) {
      if (!ack.accepted && !store.Get(ack.id).ok()) ++waiting_acked_missing;
    }
    EXPECT_LE(waiting_acked_missing, *pending);
    // Search catches up with everything stored.
    ASSERT_TRUE(store.WaitForSearch(20000).ok());
    total_records = store.LastLocalSeq();
  }
  EXPECT_GT(total_records, static_cast<uint64_t>(cycles)) << "the child barely ran";
  std::printf("crash test: %d kills, %llu records stored, %zu acknowledgements checked\n", cycles,
              static_cast<unsigned long long>(total_records), all_acks.size());
}

}  // namespace
}  // namespace citynet::store
