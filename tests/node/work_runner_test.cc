// SerialWork over a runner the test drives by hand: jobs wait in it until the test runs them,
// their continuations until the test delivers them, and it refuses when told to.
#include "node/engine/work_runner.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace citynet::node {
namespace {

class ManualRunner : public WorkRunner {
 public:
  bool Submit(Job job) override {
    if (refuse) return false;
    jobs_.push_back(std::move(job));
    return true;
  }
  std::size_t waiting() const { return jobs_.size(); }
  // Runs the oldest job and then its continuation, as a worker and then the loop would.
  void RunOne() {
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    Continuation then = job();
    if (then) then();
  }

  bool refuse = false;

 private:
  std::deque<Job> jobs_;
};

// A job that records its name when it runs, and its continuation when that runs.
WorkRunner::Job Named(std::vector<std::string>& log, std::string name) {
  return [&log, name]() -> WorkRunner::Continuation {
    log.push_back(name);
    return [&log, name] { log.push_back(name + " done"); };
  };
}

TEST(SerialWorkTest, OneJobAtATimeInOrder) {
  ManualRunner runner;
  SerialWork work(&runner);
  std::vector<std::string> log;
  EXPECT_TRUE(work.Idle());
  work.Post(Named(log, "a"));
  work.Post(Named(log, "b"));
  EXPECT_EQ(runner.waiting(), 1u);  // b waits for a's continuation
  EXPECT_FALSE(work.Idle());
  runner.RunOne();
  EXPECT_EQ(runner.waiting(), 1u);
  runner.RunOne();
  EXPECT_EQ(runner.waiting(), 0u);
  EXPECT_TRUE(work.Idle());
  EXPECT_EQ(log, (std::vector<std::string>{"a", "a done", "b", "b done"}));
}

TEST(SerialWorkTest, HighPriorityJobsGoFirstEvenWhenPostedByAContinuation) {
  ManualRunner runner;
  SerialWork work(&runner);
  std::vector<std::string> log;
  work.Post([&]() -> WorkRunner::Continuation {
    log.push_back("gate");
    // What the dataset service does: the continuation queues the body before the next gate.
    return [&] { work.Post(Named(log, "store"), SerialWork::Priority::kHigh); };
  });
  work.Post(Named(log, "next gate"));
  work.Post(Named(log, "urgent"), SerialWork::Priority::kHigh);
  while (runner.waiting() > 0) runner.RunOne();
  EXPECT_EQ(log, (std::vector<std::string>{"gate", "urgent", "urgent done", "store", "store done",
                                           "next gate", "next gate done"}));
}

TEST(SerialWorkTest, ARefusedJobStaysFirstAndIsHandedOverAgain) {
  ManualRunner runner;
  SerialWork work(&runner);
  std::vector<std::string> log;
  int handed_over = 0;
  runner.refuse = true;
  work.Post(Named(log, "a"), SerialWork::Priority::kNormal, [&] { ++handed_over; });
  work.Post(Named(log, "b"));
  EXPECT_EQ(handed_over, 2);  // at each Post, refused each time
  EXPECT_EQ(runner.waiting(), 0u);
  EXPECT_FALSE(work.Idle());
  runner.refuse = false;
  work.SubmitNext();
  EXPECT_EQ(handed_over, 3);
  EXPECT_EQ(runner.waiting(), 1u);
  while (runner.waiting() > 0) runner.RunOne();
  EXPECT_EQ(handed_over, 3);
  EXPECT_TRUE(work.Idle());
  EXPECT_EQ(log, (std::vector<std::string>{"a", "a done", "b", "b done"}));
}

}  // namespace
}  // namespace citynet::node
