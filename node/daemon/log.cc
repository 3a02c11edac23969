#include "node/daemon/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace citynet::node {
namespace {

int SyslogPriority(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return 7;
    case LogLevel::kInfo:
      return 6;
    case LogLevel::kNotice:
      return 5;
    case LogLevel::kWarning:
      return 4;
    case LogLevel::kError:
      return 3;
  }
  return 6;
}

void WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere left to report a failing log
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

Logger::Logger(LogLevel level, Style style, int fd) : level_(level), style_(style), fd_(fd) {}

Logger::Style Logger::DetectStyle(int fd) {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return Style::kPlain;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return Style::kPlain;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Style::kPlain;
  return st.st_dev == dev && st.st_ino == ino ? Style::kJournal : Style::kPlain;
}

void Logger::Log(LogLevel level, std::string_view message) {
  if (!Enabled(level)) return;
  std::string line;
  if (style_ == Style::kJournal) {
    // Every line of a multi-line message carries the priority: journald reads each as an entry.
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = message.find('\n', start);
      line += fmt::format("<{}>{}\n", SyslogPriority(level), message.substr(start, end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  } else {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
    line = fmt::format("{}.{:03}Z {}: {}\n", stamp, ms, LogLevelName(level), message);
  }
  MutexLock lock(&mu_);
  WriteAll(fd_, line);
}

}  // namespace citynet::node
