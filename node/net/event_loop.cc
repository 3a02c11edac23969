#include "node/net/event_loop.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <zmq.hpp>

namespace citynet::node {

Result<std::unique_ptr<EventLoop>> EventLoop::Create(Options options) {
  if (!options.now) options.now = [] { return Clock::now(); };
  options.max_posted = std::max<std::size_t>(options.max_posted, 1);
  const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) {
    return Internal(fmt::format(
        "cannot make the event loop's wake-up descriptor (eventfd: {}); if the process is out "
        "of descriptors, raise LimitNOFILE in the service unit",
        std::strerror(errno)));
  }
  return std::unique_ptr<EventLoop>(new EventLoop(std::move(options), fd));
}

EventLoop::EventLoop(Options options, int wake_fd)
    : options_(std::move(options)), wake_fd_(wake_fd) {}

EventLoop::~EventLoop() { ::close(wake_fd_); }

EventLoop::SourceId EventLoop::AddSource(std::function<void(std::vector<PollItem>&)> collect,
                                         std::function<void(const std::vector<PollItem>&)> ready) {
  const SourceId id = next_id_++;
  sources_.emplace(id, Source{std::move(collect), std::move(ready)});
  return id;
}

EventLoop::SourceId EventLoop::AddFd(int fd, short events, std::function<void(short)> ready) {
  return AddSource(
      [fd, events](std::vector<PollItem>& items) {
        items.push_back({nullptr, fd, events, 0});
      },
      [ready = std::move(ready)](const std::vector<PollItem>& items) { ready(items[0].revents); });
}

void EventLoop::RemoveSource(SourceId id) { sources_.erase(id); }

EventLoop::TimerId EventLoop::AddTimer(Clock::time_point when, Clock::duration period,
                                       std::function<void()> fn) {
  const TimerId id = next_id_++;
  timers_.emplace(id, Timer{period, std::move(fn), due_.emplace(when, id)});
  return id;
}

EventLoop::TimerId EventLoop::At(Clock::time_point when, std::function<void()> fn) {
  return AddTimer(when, Clock::duration{0}, std::move(fn));
}

EventLoop::TimerId EventLoop::Every(Clock::duration period, std::function<void()> fn) {
  period = std::max(period, Clock::duration{1});
  return AddTimer(now() + period, period, std::move(fn));
}

void EventLoop::Cancel(TimerId id) {
  auto t = timers_.find(id);
  if (t == timers_.end()) return;
  due_.erase(t->second.due);
  timers_.erase(t);
}

EventLoop::Clock::time_point EventLoop::NextTimer() const {
  return due_.empty() ? Clock::time_point::max() : due_.begin()->first;
}

bool EventLoop::Post(std::function<void()> fn) {
  {
    MutexLock lock(&posted_mu_);
    if (posted_.size() >= options_.max_posted) return false;
    posted_.push_back(std::move(fn));
  }
  const uint64_t one = 1;
  // EAGAIN only when the counter is at its maximum: the loop is woken already.
  (void)!::write(wake_fd_, &one, sizeof one);
  return true;
}

std::size_t EventLoop::PostedWaiting() const {
  MutexLock lock(&posted_mu_);
  return posted_.size();
}

void EventLoop::Stop() {
  {
    MutexLock lock(&posted_mu_);
    stop_ = true;
  }
  const uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

Status EventLoop::RunOnce(Clock::duration max_wait) {
  // Each source's items, in order, after the loop's own wake-up descriptor.
  std::vector<zmq::pollitem_t> poll_items;
  poll_items.push_back({nullptr, wake_fd_, ZMQ_POLLIN, 0});
  struct Span {
    SourceId id;
    std::vector<PollItem> items;
    std::size_t first;
  };
  std::vector<Span> spans;
  for (auto& [id, source] : sources_) {
    Span span{id, {}, poll_items.size()};
    source.collect(span.items);
    for (const PollItem& item : span.items) {
      short events = 0;
      if (item.events & POLLIN) events |= ZMQ_POLLIN;
      if (item.events & POLLOUT) events |= ZMQ_POLLOUT;
      poll_items.push_back({item.socket, item.socket != nullptr ? 0 : item.fd, events, 0});
    }
    if (!span.items.empty()) spans.push_back(std::move(span));
  }

  const Clock::time_point start = now();
  Clock::duration wait = max_wait;
  const Clock::time_point next = NextTimer();
  if (next != Clock::time_point::max())
    wait = std::min(wait, std::max(next - start, Clock::duration{0}));
  {
    MutexLock lock(&posted_mu_);
    if (!posted_.empty() || stop_) wait = Clock::duration{0};
  }
  try {
    zmq::poll(poll_items, std::chrono::ceil<std::chrono::milliseconds>(wait));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) return Internal(fmt::format("polling failed: {}", e.what()));
    for (auto& item : poll_items) item.revents = 0;
  }
  if (poll_items[0].revents & ZMQ_POLLIN) {
    uint64_t count = 0;
    (void)!::read(wake_fd_, &count, sizeof count);
  }

  for (Span& span : spans) {
    auto source = sources_.find(span.id);
    if (source == sources_.end()) continue;  // removed by an earlier handler in this turn
    bool any = false;
    for (std::size_t i = 0; i < span.items.size(); ++i) {
      const short r = poll_items[span.first + i].revents;
      short revents = 0;
      if (r & ZMQ_POLLIN) revents |= POLLIN;
      if (r & ZMQ_POLLOUT) revents |= POLLOUT;
      if (r & ZMQ_POLLERR) revents |= POLLERR;
      span.items[i].revents = revents;
      any = any || revents != 0;
    }
    // A copy: the handler may remove its own source.
    if (any) {
      auto ready = source->second.ready;
      ready(span.items);
    }
  }
  RunDueTimers();
  RunPosted();
  return Status::Ok();
}

void EventLoop::RunDueTimers() {
  const Clock::time_point at = now();
  // Those due now; timers a callback sets for now run at the next turn, so a timer cannot keep
  // a turn from ending.
  std::vector<TimerId> due_now;
  for (auto it = due_.begin(); it != due_.end() && it->first <= at; ++it)
    due_now.push_back(it->second);
  for (TimerId id : due_now) {
    auto t = timers_.find(id);
    if (t == timers_.end()) continue;  // cancelled by an earlier callback of this turn
    Timer& timer = t->second;
    std::function<void()> fn;
    if (timer.period == Clock::duration{0}) {
      fn = std::move(timer.fn);
      due_.erase(timer.due);
      timers_.erase(t);
    } else {
      Clock::time_point next = timer.due->first + timer.period;
      if (next <= at) next = at + timer.period;  // late: once, not once per period missed
      due_.erase(timer.due);
      timer.due = due_.emplace(next, id);
      fn = timer.fn;
    }
    fn();
  }
}

void EventLoop::RunPosted() {
  std::deque<std::function<void()>> batch;
  {
    MutexLock lock(&posted_mu_);
    batch.swap(posted_);
  }
  for (auto& fn : batch) fn();
}

Status EventLoop::Run() {
  for (;;) {
    {
      MutexLock lock(&posted_mu_);
      if (stop_) return Status::Ok();
    }
    CITYNET_RETURN_IF_ERROR(RunOnce(std::chrono::seconds(1)));
  }
}

}  // namespace citynet::node
