// Slow work off the event loop: a job runs on the executor's worker thread and returns a
// continuation, which runs on the loop's thread (woken through an eventfd the executor registers
// with the loop). Nothing the loop serves waits while a directory lookup or a long store listing
// runs. Jobs run one at a time, in the order submitted.
//
// Bounded: at most `max_jobs` jobs wait, run or have a continuation not yet run; Submit refuses
// beyond (the caller answers "busy" and keeps nothing). The destructor joins the worker: a running
// job finishes, waiting jobs and undelivered continuations are dropped.
//
// Thread safety: Submit and the destructor on the loop's thread; jobs on the worker; continuations
// on the loop's thread. A continuation that refers to an object which may be gone by then checks
// a weak_ptr it captured.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <thread>

#include "node/engine/work_runner.h"
#include "node/net/event_loop.h"
#include "protocol/mutex.h"
#include "protocol/status.h"

namespace citynet::node {

class Executor : public WorkRunner {
 public:

  // Starts the worker and registers the wake-up descriptor with `loop`, which outlives the
  // executor. Internal when the descriptor cannot be made (no descriptors left: LimitNOFILE).
  static Result<std::unique_ptr<Executor>> Create(EventLoop& loop, std::size_t max_jobs = 64);
  ~Executor() override;
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Runs `job` on the worker, then what it returns (if anything) on the loop. False when
  // max_jobs are in the executor already.
  bool Submit(Job job) override;

  // Jobs waiting, running, or with a continuation to deliver.
  std::size_t InFlight() const;

 private:
  Executor(EventLoop& loop, std::size_t max_jobs, int wake_fd);
  void WorkerLoop();
  void Deliver();

  EventLoop& loop_;
  const std::size_t max_jobs_;
  const int wake_fd_;
  EventLoop::SourceId source_ = 0;

  mutable Mutex mu_;
  CondVar work_cv_;
  std::deque<Job> jobs_ GUARDED_BY(mu_);
  std::deque<Continuation> done_ GUARDED_BY(mu_);
  std::size_t in_flight_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread worker_;  // last: started once everything above exists
};

}  // namespace citynet::node
