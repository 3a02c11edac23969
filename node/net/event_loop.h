// The node's one event loop. It owns the poll and the timers; components register what they
// want polled (ZeroMQ sockets and file descriptors, asked for afresh before every poll, since a
// component's set changes as connections come and go) and what they want done at a time, and the
// loop calls them back on its thread. No component polls by itself, so none can starve another,
// and the order of work in a turn is the loop's: descriptors, then due timers, then messages
// posted from other threads.
//
// Other threads (the dataset workers, an executor running slow control operations) never touch
// loop state: they Post a function that runs on the loop's thread at its next turn. Posting is
// bounded: beyond `max_posted` waiting messages Post refuses, and the poster keeps its work and
// pushes back on its own producer, instead of a queue that grows with the backlog.
//
// Time is the loop's clock (Options::now), so a test or a simulation can drive timers without
// waiting for them.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "protocol/status.h"
#include "protocol/mutex.h"

namespace citynet::node {

// One thing to poll: a ZeroMQ socket (`socket`, as zmq::socket_t::handle() gives it) or, when
// `socket` is null, a file descriptor. Flags are poll(2)'s: POLLIN and POLLOUT can be asked for;
// revents may hold POLLIN, POLLOUT and POLLERR (zmq_poll reports a hang-up as POLLIN: the read
// then returns 0).
struct PollItem {
  void* socket = nullptr;
  int fd = -1;
  short events = 0;
  short revents = 0;
};

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    // The loop's clock; the steady clock when unset.
    std::function<Clock::time_point()> now;
    // Messages posted from other threads that may wait at once (Post refuses beyond).
    std::size_t max_posted = 4096;
  };

  // InternalError when the descriptor other threads wake the loop with cannot be made.
  static Result<std::unique_ptr<EventLoop>> Create(Options options);
  static Result<std::unique_ptr<EventLoop>> Create() { return Create(Options{}); }
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  using SourceId = uint64_t;
  using TimerId = uint64_t;

  // A component's descriptors: `collect` appends what to poll now; after the poll, `ready` gets
  // exactly those items with revents filled in (called only when one of them is ready). Either
  // may add or remove sources and timers; a source removed during a turn is not called again.
  SourceId AddSource(std::function<void(std::vector<PollItem>&)> collect,
                     std::function<void(const std::vector<PollItem>&)> ready);
  // One descriptor with fixed events, e.g. a signalfd or a worker's wake-up eventfd.
  SourceId AddFd(int fd, short events, std::function<void(short revents)> ready);
  void RemoveSource(SourceId id);

  // `fn` runs once on the loop at `when` (or at the first turn after it).
  TimerId At(Clock::time_point when, std::function<void()> fn);
  // `fn` runs every `period`, first one period from now. A late turn runs it once, not once per
  // period missed.
  TimerId Every(Clock::duration period, std::function<void()> fn);
  // Safe for a timer that already ran or was cancelled, and from within a timer.
  void Cancel(TimerId id);

  // Thread-safe: `fn` runs on the loop's thread at its next turn, in the order posted. False,
  // and `fn` is dropped, when max_posted messages are waiting: the caller keeps its work and
  // tries again later.
  bool Post(std::function<void()> fn);

  // One turn: waits for a registered descriptor, a posted message or the next timer, at most
  // `max_wait`, then runs what is ready, what is due and what was posted. A signal interrupting
  // the wait is not an error (the turn then runs what is due). InternalError when polling fails.
  Status RunOnce(Clock::duration max_wait);
  // Turns until Stop. Returns the first error of a turn.
  Status Run();
  // Thread-safe: Run returns after the current turn.
  void Stop();

  Clock::time_point now() const { return options_.now(); }
  // When the next timer is due; Clock::time_point::max() when none is set.
  Clock::time_point NextTimer() const;
  // Posted messages waiting now.
  std::size_t PostedWaiting() const;

 private:
  struct Source {
    std::function<void(std::vector<PollItem>&)> collect;
    std::function<void(const std::vector<PollItem>&)> ready;
  };
  using DueMap = std::multimap<Clock::time_point, uint64_t>;
  struct Timer {
    Clock::duration period{0};  // zero: once
    std::function<void()> fn;
    DueMap::iterator due;  // its entry in due_
  };

  EventLoop(Options options, int wake_fd);
  TimerId AddTimer(Clock::time_point when, Clock::duration period, std::function<void()> fn);
  void RunDueTimers();
  void RunPosted();

  Options options_;
  const int wake_fd_;
  uint64_t next_id_ = 1;
  std::map<SourceId, Source> sources_;
  std::map<TimerId, Timer> timers_;
  DueMap due_;  // when each timer is due next

  // Post and Stop come from other threads.
  mutable Mutex posted_mu_;
  std::deque<std::function<void()>> posted_ GUARDED_BY(posted_mu_);
  bool stop_ GUARDED_BY(posted_mu_) = false;
};

}  // namespace citynet::node
