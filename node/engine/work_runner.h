// Where an engine's slow, blocking work runs (verifying and storing a dataset chunk). The engine
// owns no thread (ARCHITECTURE.md: events in, effects out): citynetd runs the work on a worker
// thread of an Executor (node/net/executor.h) and the simulator runs it at once, in virtual time,
// so that a seed decides everything.
//
// SerialWork is how an owner whose jobs must not overlap (the body transfer's checkers, the
// dataset service's gate and body writes) hands them to a runner: one at a time, each after the
// one before has finished.
#pragma once

#include <deque>
#include <functional>

namespace citynet::node {

class WorkRunner {
 public:
  using Continuation = std::function<void()>;
  using Job = std::function<Continuation()>;

  virtual ~WorkRunner() = default;

  // Runs `job`, possibly on another thread, after every job submitted before it; then runs the
  // continuation it returns (if any) on the caller's thread, and never inside Submit. False when
  // the runner is full: nothing is kept, and the caller submits again later.
  virtual bool Submit(Job job) = 0;
};

// Hands a runner one job of its owner's at a time: the next is submitted once the continuation
// of the one before has run, so a job sees everything the one before it did (state the jobs keep
// off the loop needs no lock) and the owner never fills a bounded runner. A job the runner
// refuses goes back first in line and is submitted again at the next Post, finished job or
// SubmitNext; an owner whose runner may refuse calls SubmitNext from its timer. A job catches
// what it throws and reports it through its continuation: a runner drops a job that throws
// (the executor does), continuation and all, and no job of the owner's would be submitted again.
//
// Not thread-safe: Post, SubmitNext and Idle are called, and the continuations run, on the
// runner's caller's thread (the event loop's). `runner` outlives this, and runs nothing of it
// once it is gone (the owner destroys it before the runner, or stops the runner first).
class SerialWork {
 public:
  // Which job goes next: every kHigh job waiting goes before any kNormal one; jobs of one
  // priority go in the order posted.
  enum class Priority { kHigh, kNormal };

  explicit SerialWork(WorkRunner* runner) : runner_(runner) {}
  SerialWork(const SerialWork&) = delete;
  SerialWork& operator=(const SerialWork&) = delete;

  // Queues `job` and submits the next job if none of ours is with the runner. `on_hand_over`,
  // when given, runs each time just before the job is submitted (again after a refusal), on
  // this thread: where the owner marks the job as started.
  //
  // The job's continuation runs once the job no longer counts as with the runner, so a job it
  // posts, or a SubmitNext it calls, is submitted at once; the next job is submitted after the
  // continuation has run, unless the continuation did so itself.
  void Post(WorkRunner::Job job, Priority priority = Priority::kNormal,
            std::function<void()> on_hand_over = {});

  // Submits the next job if none of ours is with the runner: after a refusal, the one refused.
  void SubmitNext();

  // No job waiting, and none with the runner (or with its continuation not yet run).
  bool Idle() const { return !submitted_ && high_.empty() && normal_.empty(); }

 private:
  struct Waiting {
    WorkRunner::Job job;
    std::function<void()> on_hand_over;
  };

  WorkRunner* runner_;
  std::deque<Waiting> high_;
  std::deque<Waiting> normal_;
  bool submitted_ = false;  // a job of ours is with the runner, or its continuation waits
};

}  // namespace citynet::node
