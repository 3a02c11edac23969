#include "node/net/executor.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace citynet::node {

Result<std::unique_ptr<Executor>> Executor::Create(EventLoop& loop, std::size_t max_jobs) {
  const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) {
    return Internal(std::string("cannot make the executor's wake-up descriptor: ") +
                    std::strerror(errno) + " (raise LimitNOFILE in the service's unit)");
  }
  return std::unique_ptr<Executor>(new Executor(loop, max_jobs == 0 ? 1 : max_jobs, fd));
}

Executor::Executor(EventLoop& loop, std::size_t max_jobs, int wake_fd)
    : loop_(loop), max_jobs_(max_jobs), wake_fd_(wake_fd) {
  source_ = loop_.AddFd(wake_fd_, POLLIN, [this](short) { Deliver(); });
  worker_ = std::thread([this] { WorkerLoop(); });
}

Executor::~Executor() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  work_cv_.SignalAll();
  worker_.join();
  loop_.RemoveSource(source_);
  ::close(wake_fd_);
}

bool Executor::Submit(Job job) {
  {
    MutexLock lock(&mu_);
    if (in_flight_ >= max_jobs_) return false;
    ++in_flight_;
    jobs_.push_back(std::move(job));
  }
  work_cv_.Signal();
  return true;
}

std::size_t Executor::InFlight() const {
  MutexLock lock(&mu_);
  return in_flight_;
}

void Executor::WorkerLoop() {
  MutexLock lock(&mu_);
  while (true) {
    while (!stopping_ && jobs_.empty()) work_cv_.Wait(&mu_);
    if (stopping_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    mu_.Unlock();
    Continuation next;
    try {
      next = job();
    } catch (...) {  // a job must not take the worker down; its caller hears nothing back
    }
    mu_.Lock();
    done_.push_back(std::move(next));
    const uint64_t one = 1;
    // EAGAIN only when the counter is at its maximum: the loop is woken already.
    (void)!::write(wake_fd_, &one, sizeof one);
  }
}

void Executor::Deliver() {
  uint64_t ignored = 0;
  (void)!::read(wake_fd_, &ignored, sizeof ignored);
  std::deque<Continuation> ready;
  {
    MutexLock lock(&mu_);
    ready.swap(done_);
    in_flight_ -= ready.size();
  }
  for (Continuation& next : ready) {
    if (next) next();
  }
}

}  // namespace citynet::node
