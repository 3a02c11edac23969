// The event loop: descriptors and ZeroMQ sockets polled for the components that registered
// them, timers on the loop's clock, and messages posted from other threads, bounded.
#include "node/net/event_loop.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <zmq.hpp>

namespace citynet::node {
namespace {

using namespace std::chrono_literals;
using Clock = EventLoop::Clock;

// A clock the test moves by hand.
struct ManualClock {
  Clock::time_point t = Clock::time_point{} + 1h;
  EventLoop::Options Options(std::size_t max_posted = 4096) {
    EventLoop::Options o;
    o.now = [this] { return t; };
    o.max_posted = max_posted;
    return o;
  }
};

struct Pipe {
  Pipe() { EXPECT_EQ(::pipe(fds), 0); }
  ~Pipe() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
  int fds[2] = {-1, -1};
};

TEST(EventLoopTest, AReadyDescriptorRunsItsHandlerAndAnIdleOneDoesNot) {
  auto loop = std::move(EventLoop::Create()).value();
  Pipe ready, idle;
  std::vector<short> seen;
  int idle_calls = 0;
  loop->AddFd(ready.fds[0], POLLIN, [&](short revents) {
    seen.push_back(revents);
    char c;
    ASSERT_EQ(::read(ready.fds[0], &c, 1), 1);
  });
  loop->AddFd(idle.fds[0], POLLIN, [&](short) { ++idle_calls; });
  ASSERT_EQ(::write(ready.fds[1], "x", 1), 1);
  ASSERT_TRUE(loop->RunOnce(5s).ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0] & POLLIN);
  EXPECT_EQ(idle_calls, 0);
}

TEST(EventLoopTest, ASourceGetsBackExactlyTheItemsItAskedForWithTheirEvents) {
  auto loop = std::move(EventLoop::Create()).value();
  zmq::context_t context;
  zmq::socket_t a(context, zmq::socket_type::pair), b(context, zmq::socket_type::pair);
  a.bind("inproc://event-loop-test");
  b.connect("inproc://event-loop-test");
  Pipe pipe;
  std::vector<PollItem> got;
  loop->AddSource(
      [&](std::vector<PollItem>& items) {
        items.push_back(PollItem{nullptr, pipe.fds[0], POLLIN, 0});
        items.push_back(PollItem{a.handle(), -1, POLLIN, 0});
      },
      [&](const std::vector<PollItem>& items) { got = items; });
  b.send(zmq::str_buffer("hello"), zmq::send_flags::none);
  ASSERT_TRUE(loop->RunOnce(5s).ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].fd, pipe.fds[0]);
  EXPECT_EQ(got[0].revents, 0);
  EXPECT_EQ(got[1].socket, a.handle());
  EXPECT_TRUE(got[1].revents & POLLIN);
}

TEST(EventLoopTest, ASourceRemovedByAnEarlierHandlerIsNotCalledInTheSameTurn) {
  auto loop = std::move(EventLoop::Create()).value();
  Pipe one, two;
  EventLoop::SourceId second = 0;
  int second_calls = 0;
  loop->AddFd(one.fds[0], POLLIN, [&](short) { loop->RemoveSource(second); });
  second = loop->AddFd(two.fds[0], POLLIN, [&](short) { ++second_calls; });
  ASSERT_EQ(::write(one.fds[1], "x", 1), 1);
  ASSERT_EQ(::write(two.fds[1], "x", 1), 1);
  ASSERT_TRUE(loop->RunOnce(5s).ok());
  EXPECT_EQ(second_calls, 0);
}

TEST(EventLoopTest, TimersRunInOrderOnTheLoopsClockAndALateTurnRunsAPeriodOnce) {
  ManualClock clock;
  auto loop = std::move(EventLoop::Create(clock.Options())).value();
  std::vector<std::string> ran;
  const Clock::time_point start = clock.t;
  loop->At(start + 30ms, [&] { ran.push_back("at30"); });
  loop->At(start + 10ms, [&] { ran.push_back("at10"); });
  loop->Every(20ms, [&] { ran.push_back("every20"); });
  EXPECT_EQ(loop->NextTimer(), start + 10ms);

  ASSERT_TRUE(loop->RunOnce(0ms).ok());
  EXPECT_TRUE(ran.empty()) << "nothing is due before the clock moves";
  clock.t = start + 25ms;
  ASSERT_TRUE(loop->RunOnce(0ms).ok());
  EXPECT_EQ(ran, (std::vector<std::string>{"at10", "every20"}));
  // A turn 100 ms late: the periodic timer runs once, and next one period after the turn.
  clock.t = start + 125ms;
  ASSERT_TRUE(loop->RunOnce(0ms).ok());
  EXPECT_EQ(ran, (std::vector<std::string>{"at10", "every20", "at30", "every20"}));
  EXPECT_EQ(loop->NextTimer(), start + 145ms);
}

TEST(EventLoopTest, ATimerCancelledByAnotherInTheSameTurnDoesNotRun) {
  ManualClock clock;
  auto loop = std::move(EventLoop::Create(clock.Options())).value();
  EventLoop::TimerId later = 0;
  int later_runs = 0;
  loop->At(clock.t + 1ms, [&] { loop->Cancel(later); });
  later = loop->At(clock.t + 2ms, [&] { ++later_runs; });
  clock.t += 5ms;
  ASSERT_TRUE(loop->RunOnce(0ms).ok());
  EXPECT_EQ(later_runs, 0);
  EXPECT_EQ(loop->NextTimer(), Clock::time_point::max());
  loop->Cancel(later);  // again: harmless
}

TEST(EventLoopTest, APostFromAnotherThreadWakesAWaitingLoopAndRunsOnItsThread) {
  auto loop = std::move(EventLoop::Create()).value();
  std::atomic<bool> ran{false};
  std::thread::id ran_on;
  std::thread poster([&] {
    EXPECT_TRUE(loop->Post([&] {
      ran_on = std::this_thread::get_id();
      ran = true;
    }));
  });
  // The wait is long; the post ends it.
  const auto started = Clock::now();
  while (!ran && Clock::now() - started < 30s) ASSERT_TRUE(loop->RunOnce(30s).ok());
  poster.join();
  EXPECT_TRUE(ran);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_LT(Clock::now() - started, 30s);
}

TEST(EventLoopTest, PostingBeyondTheBoundIsRefusedUntilTheLoopCatchesUp) {
  ManualClock clock;  // outlives the loop, whose clock reads it
  auto loop = std::move(EventLoop::Create(clock.Options(/*max_posted=*/3))).value();
  std::vector<int> ran;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(loop->Post([&ran, i] { ran.push_back(i); }));
  EXPECT_FALSE(loop->Post([&ran] { ran.push_back(99); })) << "a fourth message was queued";
  EXPECT_EQ(loop->PostedWaiting(), 3u);
  ASSERT_TRUE(loop->RunOnce(0ms).ok());
  EXPECT_EQ(ran, (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(loop->Post([&ran] { ran.push_back(3); }));
}

TEST(EventLoopTest, StopFromAnotherThreadEndsRun) {
  auto loop = std::move(EventLoop::Create()).value();
  int ticks = 0;
  loop->Every(1ms, [&] { ++ticks; });
  std::thread stopper([&] { loop->Post([&] { loop->Stop(); }); });
  EXPECT_TRUE(loop->Run().ok());
  stopper.join();
}

}  // namespace
}  // namespace citynet::node
