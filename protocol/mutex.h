// A mutex, a scoped lock and a condition variable that clang's thread-safety analysis
// understands (libstdc++'s std::mutex carries no annotations), and the annotation macros, as in
// leveldb's port/thread_annotations.h. State shared between threads says which mutex guards it
// (GUARDED_BY), and functions say which they need (REQUIRES); the `thread-safety` preset builds
// with clang's -Wthread-safety -Werror, so a read or write without the lock does not compile.
// Under GCC the macros are empty and the classes are thin wrappers of the standard ones.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define CITYNET_TSA(x) __attribute__((x))
#else
#define CITYNET_TSA(x)
#endif

#define CAPABILITY(x) CITYNET_TSA(capability(x))
#define SCOPED_CAPABILITY CITYNET_TSA(scoped_lockable)
#define GUARDED_BY(x) CITYNET_TSA(guarded_by(x))
#define PT_GUARDED_BY(x) CITYNET_TSA(pt_guarded_by(x))
#define REQUIRES(...) CITYNET_TSA(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) CITYNET_TSA(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) CITYNET_TSA(acquire_capability(__VA_ARGS__))
#define RELEASE(...) CITYNET_TSA(release_capability(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) CITYNET_TSA(assert_capability(x))
#define NO_THREAD_SAFETY_ANALYSIS CITYNET_TSA(no_thread_safety_analysis)

namespace citynet {

class CondVar;

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  // Tells the analysis the caller holds the lock (where it cannot see it: a callback).
  void AssertHeld() ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// Holds `mu` for its scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

// A condition variable. Wait is called with `mu` held and returns with it held; write the
// condition as a loop around Wait in the caller, where the analysis sees the lock:
//   while (queue_.empty()) cv_.Wait(&mu_);
class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  void Wait(Mutex* mu) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // Waits until signalled or `timeout` passed; false when it timed out.
  template <typename Rep, typename Period>
  bool WaitFor(Mutex* mu, std::chrono::duration<Rep, Period> timeout) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    const bool signalled = cv_.wait_for(lock, timeout) == std::cv_status::no_timeout;
    lock.release();
    return signalled;
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace citynet
