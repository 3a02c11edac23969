// citynetd's log: one line per event on stderr. Under systemd (stderr is the journal stream
// named by $JOURNAL_STREAM) each line starts with the syslog priority ("<6>"), which journald
// turns into the entry's priority and strips; elsewhere each line starts with a UTC time stamp
// and the level in words, for a terminal or a log file.
//
// Thread safety: every method may be called from any thread (the ZAP handler logs from its own
// thread); lines are never interleaved.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

#include "node/config/schema.h"
#include "protocol/mutex.h"

namespace citynet::node {

class Logger {
 public:
  enum class Style { kJournal, kPlain };

  // Writes to `fd` (stderr by default) in `style`.
  explicit Logger(LogLevel level, Style style = DetectStyle(2), int fd = 2);

  // kJournal when `fd` is the stream systemd's journal gave this process ($JOURNAL_STREAM holds
  // its device and inode), kPlain otherwise.
  static Style DetectStyle(int fd);

  void SetLevel(LogLevel level) { level_.store(level); }
  bool Enabled(LogLevel level) const { return level >= level_.load(); }

  void Log(LogLevel level, std::string_view message);

  template <typename... Args>
  void Debug(fmt::format_string<Args...> f, Args&&... args) {
    if (Enabled(LogLevel::kDebug))
      Log(LogLevel::kDebug, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void Info(fmt::format_string<Args...> f, Args&&... args) {
    if (Enabled(LogLevel::kInfo)) Log(LogLevel::kInfo, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void Notice(fmt::format_string<Args...> f, Args&&... args) {
    if (Enabled(LogLevel::kNotice)) {
      Log(LogLevel::kNotice, fmt::format(f, std::forward<Args>(args)...));
    }
  }
  template <typename... Args>
  void Warning(fmt::format_string<Args...> f, Args&&... args) {
    if (Enabled(LogLevel::kWarning)) {
      Log(LogLevel::kWarning, fmt::format(f, std::forward<Args>(args)...));
    }
  }
  template <typename... Args>
  void Error(fmt::format_string<Args...> f, Args&&... args) {
    Log(LogLevel::kError, fmt::format(f, std::forward<Args>(args)...));
  }

 private:
  std::atomic<LogLevel> level_;
  Style style_;
  int fd_;
  Mutex mu_;  // one line at a time
};

}  // namespace citynet::node
