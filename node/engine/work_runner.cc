#include "node/engine/work_runner.h"

#include <memory>
#include <utility>

namespace citynet::node {

void SerialWork::Post(WorkRunner::Job job, Priority priority, std::function<void()> on_hand_over) {
  (priority == Priority::kHigh ? high_ : normal_)
      .push_back(Waiting{std::move(job), std::move(on_hand_over)});
  SubmitNext();
}

void SerialWork::SubmitNext() {
  if (submitted_) return;
  std::deque<Waiting>& line = high_.empty() ? normal_ : high_;
  if (line.empty()) return;
  // Shared with the submitted job: a runner that refuses keeps nothing, and the job goes back.
  auto next = std::make_shared<Waiting>(std::move(line.front()));
  line.pop_front();
  if (next->on_hand_over) next->on_hand_over();
  submitted_ = true;
  const bool accepted = runner_->Submit([this, next]() -> WorkRunner::Continuation {
    WorkRunner::Continuation then = next->job();
    return [this, then = std::move(then)] {
      submitted_ = false;
      if (then) then();
      SubmitNext();
    };
  });
  if (!accepted) {
    submitted_ = false;
    line.push_front(std::move(*next));
  }
}

}  // namespace citynet::node
