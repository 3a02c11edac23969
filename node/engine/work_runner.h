// Where an engine's slow, blocking work runs (verifying and storing a dataset chunk). The engine
// owns no thread (ARCHITECTURE.md: events in, effects out): citynetd runs the work on a worker
// thread of an Executor (node/net/executor.h) and the simulator runs it at once, in virtual time,
// so that a seed decides everything.
#pragma once

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

}  // namespace citynet::node
