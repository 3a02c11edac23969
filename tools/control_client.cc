#include "tools/control_client.h"

#include <errno.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <system_error>
#include <thread>
#include <utility>

#include "node/config/schema.h"

namespace citynet::tools {
namespace {

namespace control = protocol::control;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr std::string_view kIpcPrefix = "ipc://";

std::string ErrnoText(int e) { return std::error_code(e, std::generic_category()).message(); }

Result<std::string> SocketPath(const std::string& endpoint) {
  std::string path = endpoint;
  if (path.compare(0, kIpcPrefix.size(), kIpcPrefix) == 0) path.erase(0, kIpcPrefix.size());
  if (path.empty() || path[0] != '/') {
    return InvalidArgument(fmt::format(
        "control endpoint \"{}\" is neither ipc:///absolute/path.sock nor an absolute path",
        endpoint));
  }
  constexpr std::size_t kLimit = sizeof(sockaddr_un::sun_path) - 1;
  if (path.size() > kLimit || path.find('\0') != std::string::npos) {
    return InvalidArgument(
        fmt::format("control socket path {} is not usable: a Unix socket path has at most {} bytes",
                    path, kLimit));
  }
  return path;
}

Status DeadlineExceeded(std::string message) {
  return Status(StatusCode::kDeadlineExceeded, std::move(message));
}

int MillisUntil(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<decltype(left)>(left, 0, 1 << 30));
}

}  // namespace

std::string DefaultControlEndpoint() {
  const char* env = std::getenv("CITYNET_CONTROL");
  if (env != nullptr && *env != '\0') return env;
  return std::string(node::kDefaultControlEndpoint);
}

ControlClient::ControlClient(int fd, std::string path, std::chrono::milliseconds timeout)
    : fd_(fd), path_(std::move(path)), timeout_(timeout) {}

ControlClient::~ControlClient() {
  if (fd_ >= 0) ::close(fd_);
}

ControlClient::ControlClient(ControlClient&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      timeout_(other.timeout_),
      next_id_(other.next_id_),
      reader_(std::move(other.reader_)),
      closed_(std::move(other.closed_)) {
  other.closed_ = Unavailable("this control client was moved from");
}

ControlClient& ControlClient::operator=(ControlClient&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    timeout_ = other.timeout_;
    next_id_ = other.next_id_;
    reader_ = std::move(other.reader_);
    closed_ = std::move(other.closed_);
    other.closed_ = Unavailable("this control client was moved from");
  }
  return *this;
}

Result<ControlClient> ControlClient::Connect(const std::string& endpoint,
                                             std::chrono::milliseconds timeout) {
  CITYNET_ASSIGN_OR_RETURN(std::string path, SocketPath(endpoint));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::copy(path.begin(), path.end(), addr.sun_path);
  const Clock::time_point deadline = Clock::now() + timeout;
  while (true) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      return Internal(fmt::format("cannot create a Unix socket: {}", ErrnoText(errno)));
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0) {
      return ControlClient(fd, path, timeout);
    }
    int e = errno;
    ::close(fd);
    switch (e) {
      case EINTR:
        continue;
      case EAGAIN:  // the daemon's accept queue is full: it is busy, not gone
        if (Clock::now() >= deadline) {
          return DeadlineExceeded(fmt::format(
              "citynetd at {} accepted no connection within {} ms: it is overloaded; try again",
              path, timeout.count()));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      case ENOENT:
      case ENOTDIR:
      case ECONNREFUSED:
        return Unavailable(fmt::format(
            "citynetd is not running (no control socket at {}): start it with `systemctl start "
            "citynetd`, or `citynetd --config FILE`",
            path));
      case EACCES:
      case EPERM:
        return PermissionDenied(fmt::format(
            "cannot open {}: permission denied: you need to be in the group that owns it (ls -l "
            "{}); ask the administrator",
            path, path));
      default:
        return Unavailable(fmt::format("cannot connect to citynetd at {}: {}", path, ErrnoText(e)));
    }
  }
}

void ControlClient::Close(Status why) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  closed_ = std::move(why);
}

Result<json> ControlClient::Call(const std::string& op, const json& args) {
  if (fd_ < 0) {
    return closed_.ok() ? Unavailable("this control client is not connected") : closed_;
  }
  const uint64_t id = next_id_++;
  Bytes frame = control::EncodeFrame(control::ToJson(control::Request{id, op, args}));
  if (frame.size() - 4 > control::kMaxFrameBytes) {
    return InvalidArgument(fmt::format("the \"{}\" request is {} bytes, over the limit of {}", op,
                                       frame.size() - 4, control::kMaxFrameBytes));
  }
  const Clock::time_point deadline = Clock::now() + timeout_;
  std::size_t sent = 0;
  bool send_failed = false;  // the daemon hung up; what it sent before may still explain why
  bool eof = false;
  std::array<uint8_t, 64 * 1024> buffer;
  while (true) {
    while (true) {
      auto next = reader_.Next();
      if (!next.ok()) {
        Status s =
            Internal(fmt::format("malformed frame from citynetd: {}", next.status().message()));
        Close(s);
        return s;
      }
      if (!next->has_value()) break;
      const json& message = **next;
      uint64_t got = control::MessageId(message);
      if (got != 0 && got < id) continue;  // the late answer to a call that timed out
      Result<json> result = control::ParseResponse(message, id);
      // An id-0 error is about the connection: the daemon closes it after sending one.
      if (got == 0 && !result.ok()) Close(result.status());
      return result;
    }
    if (eof) {
      Status s = Unavailable("citynetd closed the connection");
      Close(s);
      return s;
    }
    if (sent < frame.size() && !send_failed) {
      ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        send_failed = true;
      }
    }
    pollfd p{fd_, POLLIN, 0};
    if (sent < frame.size() && !send_failed) p.events |= POLLOUT;
    int wait = MillisUntil(deadline);
    int ready = wait > 0 ? ::poll(&p, 1, wait) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      Status s = Internal(fmt::format("poll failed: {}", ErrnoText(errno)));
      Close(s);
      return s;
    }
    if (ready == 0) {
      Status s = DeadlineExceeded(
          fmt::format("citynetd did not answer \"{}\" within {} ms", op, timeout_.count()));
      // Half a frame on the wire would garble every later request: drop the connection.
      if (sent != 0 && sent < frame.size()) Close(s);
      return s;
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
      if (n > 0) {
        reader_.Feed(ByteView(buffer.data(), static_cast<std::size_t>(n)));
      } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        eof = true;  // orderly close or reset: either way nothing more will come
      }
    }
  }
}

}  // namespace citynet::tools
