#include "node/config/internal/files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace citynet::node::config_internal {

FileText ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  FileText out;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.error = errno;
    ::close(fd);
    return out;
  }
  out.mode = st.st_mode;
  out.size = static_cast<std::size_t>(st.st_size);
  if (!S_ISREG(st.st_mode)) {
    out.not_regular = true;
    ::close(fd);
    return out;
  }
  if (out.size > max_bytes) {
    out.too_large = true;
    ::close(fd);
    return out;
  }
  char buffer[16384];
  while (out.text.size() <= max_bytes) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = errno;
      break;
    }
    if (n == 0) break;
    out.text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (out.text.size() > max_bytes) out.too_large = true;
  return out;
}

std::string ModeString(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

std::string ResolvePath(const std::filesystem::path& base, std::string_view value) {
  std::filesystem::path p(value);
  if (p.is_relative()) p = base / p;
  p = p.lexically_normal();
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace citynet::node::config_internal
