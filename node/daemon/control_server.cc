#include "node/daemon/control_server.h"
#include "node/net/executor.h"

#include <errno.h>
#include <fmt/format.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <exception>
#include <map>
#include <system_error>
#include <utility>

namespace citynet::node {
namespace {

namespace control = protocol::control;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr std::string_view kIpcPrefix = "ipc://";
constexpr std::size_t kReadChunk = 64 * 1024;
// At most this many reads per client per OnReady, so one busy client cannot starve the others.
constexpr int kMaxReadsPerReady = 16;
// A client whose queued output reaches this stops being read (and its buffered requests stop
// being answered) until the queue drains: a client that never reads cannot grow our memory.
constexpr std::size_t kOutputHighWater = std::size_t{1} << 20;
constexpr int kMaxAcceptsPerReady = 64;

std::string ErrnoText(int e) { return std::error_code(e, std::generic_category()).message(); }

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

sockaddr_un UnixAddress(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::copy(path.begin(), path.end(), addr.sun_path);
  return addr;
}

Result<std::string> SocketPath(const std::string& endpoint) {
  if (endpoint.compare(0, kIpcPrefix.size(), kIpcPrefix) != 0 ||
      endpoint.size() <= kIpcPrefix.size() || endpoint[kIpcPrefix.size()] != '/') {
    return InvalidArgument(fmt::format(
        "control endpoint \"{}\" is not of the form ipc:///absolute/path.sock", endpoint));
  }
  std::string path = endpoint.substr(kIpcPrefix.size());
  constexpr std::size_t kLimit = sizeof(sockaddr_un::sun_path) - 1;
  if (path.size() > kLimit) {
    return InvalidArgument(fmt::format(
        "control socket path {} is {} bytes long; a Unix socket path has at most {} bytes: "
        "choose a shorter one",
        path, path.size(), kLimit));
  }
  if (path.find('\0') != std::string::npos) {
    return InvalidArgument("control socket path contains a NUL byte");
  }
  return path;
}

Status SystemError(int e, std::string_view what) {
  std::string m = fmt::format("{}: {}", what, ErrnoText(e));
  if (e == EACCES || e == EPERM) return PermissionDenied(std::move(m));
  return Internal(std::move(m));
}

// Whether a process listens on the socket file at `path`. ECONNREFUSED means nobody does: the
// file was left behind by a process that died without unlinking it.
Result<bool> SomeoneListens(const std::string& path) {
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return SystemError(errno, "cannot create a Unix socket");
  sockaddr_un addr = UnixAddress(path);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0) {
    return true;
  }
  int e = errno;
  if (e == EAGAIN) return true;  // the listener's backlog is full: it exists
  if (e == ECONNREFUSED) return false;
  return SystemError(e, fmt::format("cannot check whether {} is in use", path));
}

// Why `options` (and `handler`) cannot make a control server, or Ok.
Status CheckOptions(const ControlServerOptions& options, const ControlHandler& handler) {
  if (!handler) return InvalidArgument("the control server needs a handler");
  if (options.max_clients == 0) return InvalidArgument("control max_clients must be at least 1");
  if (options.idle_timeout.count() <= 0) {
    return InvalidArgument("control idle_timeout must be positive");
  }
  if (options.max_request_bytes == 0 || options.max_request_bytes > control::kMaxFrameBytes) {
    return InvalidArgument(
        fmt::format("control max_request_bytes must be in 1..{}", control::kMaxFrameBytes));
  }
  return Status::Ok();
}

// Ok when the directory that is to hold the socket file at `path` exists and is a directory.
Status CheckSocketDirectory(const std::string& path) {
  std::string parent = path.substr(0, path.rfind('/'));
  if (parent.empty()) parent = "/";
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) {
      return NotFound(fmt::format(
          "directory {} for the control socket does not exist: create it, or set [listen] "
          "control to another path",
          parent));
    }
    return SystemError(e, fmt::format("cannot use directory {} for the control socket", parent));
  }
  if (!S_ISDIR(st.st_mode)) {
    return NotFound(fmt::format(
        "{} is not a directory, so it cannot hold the control socket: set [listen] control to "
        "another path",
        parent));
  }
  return Status::Ok();
}

std::string UserName(uid_t uid) {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  passwd pw{};
  passwd* found = nullptr;
  while (::getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found) == ERANGE) {
    buffer.resize(buffer.size() * 2);
  }
  return found != nullptr ? std::string(found->pw_name) : std::to_string(uid);
}

std::string GroupName(gid_t gid) {
  long size = ::sysconf(_SC_GETGR_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  group gr{};
  group* found = nullptr;
  while (::getgrgid_r(gid, &gr, buffer.data(), buffer.size(), &found) == ERANGE) {
    buffer.resize(buffer.size() * 2);
  }
  return found != nullptr ? std::string(found->gr_name) : std::to_string(gid);
}

// The groups of the user `uid` (empty when the user is unknown). May block on NSS (LDAP...): it is
// only asked for peers that are neither root, nor our user, nor of our primary group.
std::vector<gid_t> GroupsOf(uid_t uid) {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  passwd pw{};
  passwd* found = nullptr;
  while (::getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found) == ERANGE) {
    buffer.resize(buffer.size() * 2);
  }
  if (found == nullptr) return {};
  int n = 64;
  std::vector<gid_t> groups;
  for (int attempt = 0; attempt < 8; ++attempt) {
    groups.resize(static_cast<std::size_t>(n));
    int want = n;
    if (::getgrouplist(found->pw_name, found->pw_gid, groups.data(), &want) >= 0) {
      groups.resize(static_cast<std::size_t>(want));
      return groups;
    }
    n = std::max(want, n * 2);
  }
  return {};
}

struct Client {
  explicit Client(Fd socket, PeerCredentials credentials, std::size_t max_request_bytes,
                  Clock::time_point now)
      : fd(std::move(socket)), peer(credentials), reader(max_request_bytes), last_activity(now) {}

  std::size_t pending() const { return out.size() - out_start; }

  // An answer in the connection's order: nullopt while its work runs off the loop.
  struct Slot {
    uint64_t seq = 0;
    std::optional<json> response;
  };

  Fd fd;
  PeerCredentials peer;
  uint64_t serial = 0;     // which connection, across reuse of the descriptor
  bool admitting = false;  // its groups are being looked up off the loop: not served yet
  std::deque<Slot> answers;  // behind an answer still being worked out
  std::size_t deferred = 0;  // answers being worked out off the loop
  uint64_t next_seq = 1;
  control::FrameReader reader;
  Bytes out;
  std::size_t out_start = 0;  // out[0, out_start) has been sent
  Clock::time_point last_activity;
  bool eof = false;     // the peer sent all it will: answer what is buffered, then close
  bool broken = false;  // a malformed frame: send the error frame, then close
};

}  // namespace

bool AdmitPeer(const PeerCredentials& peer, uid_t self_uid, gid_t self_gid,
               const std::vector<gid_t>& peer_groups) {
  if (peer.uid == 0 || peer.uid == self_uid || peer.gid == self_gid) return true;
  return std::find(peer_groups.begin(), peer_groups.end(), self_gid) != peer_groups.end();
}

struct ControlServer::Impl {
  ControlServerOptions options;
  ControlHandler handler;
  Executor* executor = nullptr;
  ControlDeferrer deferrer;
  // Continuations from the executor check it: the server may be gone when they run.
  std::shared_ptr<int> alive = std::make_shared<int>(0);
  uint64_t next_serial = 1;
  std::function<void(std::string_view)> log;
  std::string path;
  Fd listener;
  dev_t device = 0;
  ino_t inode = 0;
  uid_t self_uid = ::geteuid();
  gid_t self_gid = ::getegid();
  std::map<int, std::unique_ptr<Client>> clients;  // by fd
  Stats stats;
  bool accept_paused = false;
  Bytes read_buffer = Bytes(kReadChunk);

  ~Impl() {
    clients.clear();
    // Unlink before closing, and only our own file: a citynetd started after a crash of this one
    // may already have replaced it.
    struct stat st {};
    if (!path.empty() && ::lstat(path.c_str(), &st) == 0 && st.st_dev == device &&
        st.st_ino == inode) {
      ::unlink(path.c_str());
    }
    listener.Reset();
  }

  void Log(std::string_view line) {
    if (!log) return;
    try {
      log(line);
    } catch (...) {  // a logger must not take the control socket down
    }
  }

  // Removes a socket file at `socket_path` left by a citynetd that died; refuses to touch
  // anything else there, or a socket another citynetd listens on.
  Status RemoveStaleSocket(const std::string& socket_path) {
    struct stat st {};
    if (::lstat(socket_path.c_str(), &st) == 0) {
      if (!S_ISSOCK(st.st_mode)) {
        return FailedPrecondition(fmt::format(
            "{} exists and is not a socket: citynetd refuses to delete it; move it away, or set "
            "[listen] control to another path",
            socket_path));
      }
      CITYNET_ASSIGN_OR_RETURN(bool live, SomeoneListens(socket_path));
      if (live) {
        return AlreadyExists(
            fmt::format("another citynetd is already running on {}: stop it first", socket_path));
      }
      if (::unlink(socket_path.c_str()) != 0 && errno != ENOENT) {
        return SystemError(errno,
                           fmt::format("cannot remove the stale control socket {}", socket_path));
      }
      Log(fmt::format("removed the stale control socket {} (left by a process that died)",
                      socket_path));
    } else if (errno != ENOENT) {
      return SystemError(errno, fmt::format("cannot check {}", socket_path));
    }
    return Status::Ok();
  }

  // Binds the listener to `socket_path`, takes the file as this server's (path, device, inode),
  // sets its mode and listens.
  Status BindAndListen(const std::string& socket_path) {
    Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) return SystemError(errno, "cannot create the control socket");
    sockaddr_un addr = UnixAddress(socket_path);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
      int e = errno;
      if (e == EADDRINUSE) {
        return AlreadyExists(
            fmt::format("another citynetd is already running on {}: stop it first", socket_path));
      }
      return SystemError(e, fmt::format("cannot bind the control socket {}", socket_path));
    }
    // From here on the file is ours: the destructor unlinks it on every error path.
    path = socket_path;
    listener = std::move(fd);
    struct stat st {};
    if (::lstat(socket_path.c_str(), &st) != 0) {
      return SystemError(errno, fmt::format("cannot stat the control socket {}", socket_path));
    }
    device = st.st_dev;
    inode = st.st_ino;
    if (::chmod(socket_path.c_str(), options.mode) != 0) {
      return SystemError(errno,
                         fmt::format("cannot set the mode of the control socket {}", socket_path));
    }
    if (::listen(listener.get(), SOMAXCONN) != 0) {
      return SystemError(errno, fmt::format("cannot listen on the control socket {}", socket_path));
    }
    return Status::Ok();
  }

  static std::string Who(const PeerCredentials& peer) {
    return fmt::format("pid {}, uid {}", peer.pid, peer.uid);
  }

  // One error frame, best effort (a fresh socket's buffer takes it whole), then the close.
  static void Refuse(Fd fd, const Status& status) {
    Bytes frame = control::EncodeFrame(control::ErrorResponse(0, status));
    [[maybe_unused]] ssize_t n =
        ::send(fd.get(), frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }

  void AcceptAll(Clock::time_point now) {
    for (int i = 0; i < kMaxAcceptsPerReady; ++i) {
      int raw = ::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (raw < 0) {
        int e = errno;
        if (e == EINTR || e == ECONNABORTED || e == EPROTO) continue;
        if (e == EAGAIN || e == EWOULDBLOCK) return;
        // Out of descriptors or memory: the listener stays readable, so stop polling it until
        // the next Tick rather than spin.
        accept_paused = true;
        Log(fmt::format("control socket {}: cannot accept a connection: {}; retrying later", path,
                        ErrnoText(e)));
        return;
      }
      Fd fd(raw);
      ucred cred{};
      socklen_t len = sizeof(cred);
      if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
        ++stats.refused_credentials;
        Log(fmt::format("control socket {}: refused a connection: cannot read its credentials: {}",
                        path, ErrnoText(errno)));
        Refuse(std::move(fd), PermissionDenied("citynetd cannot read the credentials of your "
                                               "process, so it cannot admit it"));
        continue;
      }
      PeerCredentials peer{cred.pid, cred.uid, cred.gid};
      // Root, our user and our primary group are admitted at once; other users by their
      // supplementary groups, which NSS may have to ask a directory server for: off the loop
      // when there is an executor.
      const bool admitted = AdmitPeer(peer, self_uid, self_gid, {});
      if (!admitted && executor == nullptr &&
          !AdmitPeer(peer, self_uid, self_gid, GroupsOf(peer.uid))) {
        RefuseStranger(std::move(fd), peer, UserName(peer.uid), GroupName(self_gid));
        continue;
      }
      if (clients.size() >= options.max_clients) {
        ++stats.refused_busy;
        Log(fmt::format("control socket {}: refused {}: {} clients already connected", path,
                        Who(peer), clients.size()));
        Refuse(std::move(fd), ResourceExhausted(fmt::format(
                                  "citynetd serves at most {} control connections at once: try "
                                  "again shortly",
                                  options.max_clients)));
        continue;
      }
      int key = fd.get();
      auto client = std::make_unique<Client>(std::move(fd), peer, options.max_request_bytes, now);
      client->serial = next_serial++;
      if (admitted || executor == nullptr) {
        ++stats.accepted;
      } else {
        client->admitting = true;
        if (!LookUpGroups(*client)) continue;
      }
      clients[key] = std::move(client);
    }
  }

  void RefuseStranger(Fd fd, const PeerCredentials& peer, const std::string& user,
                      const std::string& group) {
    ++stats.refused_credentials;
    Log(fmt::format("control socket {}: refused {} ({}): not in group {}", path, user, Who(peer),
                    group));
    Refuse(std::move(fd), PermissionDenied(fmt::format(
                              "user {} (uid {}) is not in the group of citynetd ({}): ask the "
                              "administrator to add you (usermod -aG {} {})",
                              user, peer.uid, group, group, user)));
  }

  Client* FindClient(uint64_t serial) {
    for (auto& [fd, c] : clients) {
      if (c->serial == serial) return c.get();
    }
    return nullptr;
  }

  void Close(uint64_t serial) {
    for (auto it = clients.begin(); it != clients.end(); ++it) {
      if (it->second->serial == serial) {
        clients.erase(it);
        return;
      }
    }
  }

  // The peer's groups, looked up on the executor; the connection is served once they admit it.
  // False, the connection refused, when the executor is full.
  bool LookUpGroups(Client& c) {
    const PeerCredentials peer = c.peer;
    const uid_t self_u = self_uid;
    const gid_t self_g = self_gid;
    const bool queued = executor->Submit(
        [this, peer, self_u, self_g, serial = c.serial, alive = std::weak_ptr<int>(alive)]() {
          const bool ok = AdmitPeer(peer, self_u, self_g, GroupsOf(peer.uid));
          std::string user = ok ? "" : UserName(peer.uid);
          std::string group = ok ? "" : GroupName(self_g);
          return Executor::Continuation([this, ok, serial, alive, user, group] {
            if (alive.expired()) return;
            Client* admitted = FindClient(serial);
            if (admitted == nullptr) return;
            if (!ok) {
              RefuseStranger(std::move(admitted->fd), admitted->peer, user, group);
              Close(serial);
              return;
            }
            admitted->admitting = false;
            ++stats.accepted;
          });
        });
    if (!queued) {
      ++stats.refused_busy;
      Refuse(std::move(c.fd), Unavailable("citynetd is busy: connect again in a moment"));
    }
    return queued;
  }

  // False when the connection is gone (reset, or an error other than "try again").
  bool ReadInput(Client& c, Clock::time_point now) {
    for (int i = 0; i < kMaxReadsPerReady; ++i) {
      ssize_t n = ::recv(c.fd.get(), read_buffer.data(), read_buffer.size(), MSG_DONTWAIT);
      if (n > 0) {
        c.reader.Feed(ByteView(read_buffer.data(), static_cast<std::size_t>(n)));
        c.last_activity = now;
        if (static_cast<std::size_t>(n) < read_buffer.size()) return true;  // drained, likely
        continue;
      }
      if (n == 0) {
        c.eof = true;
        return true;
      }
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    return true;
  }

  // Answers one request: the response now, or nullopt when its work went to the executor (its
  // slot in the connection's answers is filled when the work is done).
  std::optional<json> Answer(Client& c, const json& message) {
    const PeerCredentials& peer = c.peer;
    auto request = control::ParseRequest(message);
    if (!request.ok()) {
      ++stats.errors;
      return control::ErrorResponse(control::MessageId(message), request.status());
    }
    if (executor != nullptr && deferrer) {
      std::optional<SlowWork> work;
      try {
        work = deferrer(request->op, request->args, peer);
      } catch (const std::exception& e) {
        ++stats.errors;
        return control::ErrorResponse(
            request->id, Internal(fmt::format("citynetd failed on \"{}\": {}", request->op, e.what())));
      }
      if (work) return Defer(c, request->id, request->op, std::move(*work));
    }
    Result<json> result = Internal("the handler did not run");
    try {
      result = handler(request->op, request->args, peer);
    } catch (const std::exception& e) {
      Log(fmt::format("control request \"{}\" from {} threw: {}", request->op, Who(peer),
                      e.what()));
      result = Internal(fmt::format("citynetd failed on \"{}\": {}", request->op, e.what()));
    } catch (...) {
      Log(fmt::format("control request \"{}\" from {} threw a non-standard exception", request->op,
                      Who(peer)));
      result = Internal(fmt::format("citynetd failed on \"{}\"", request->op));
    }
    if (!result.ok()) {
      ++stats.errors;
      return control::ErrorResponse(request->id, result.status());
    }
    return control::OkResponse(request->id, std::move(result).value());
  }

  std::optional<json> Defer(Client& c, uint64_t id, const std::string& op, SlowWork work) {
    const uint64_t seq = c.next_seq++;
    c.answers.push_back(Client::Slot{seq, std::nullopt});
    const bool queued = executor->Submit([this, id, op, seq, serial = c.serial,
                                          alive = std::weak_ptr<int>(alive),
                                          work = std::move(work)]() {
      json response;
      try {
        Result<json> result = work();
        response = result.ok() ? control::OkResponse(id, std::move(result).value())
                               : control::ErrorResponse(id, result.status());
      } catch (const std::exception& e) {
        response = control::ErrorResponse(
            id, Internal(fmt::format("citynetd failed on \"{}\": {}", op, e.what())));
      }
      return Executor::Continuation([this, serial, seq, alive, response = std::move(response)] {
        if (alive.expired()) return;
        Completed(serial, seq, response);
      });
    });
    if (!queued) {
      c.answers.pop_back();
      ++stats.busy;
      ++stats.errors;
      return control::ErrorResponse(
          id, Unavailable(fmt::format("citynetd is busy with other long requests: try \"{}\" "
                                      "again in a moment",
                                      op)));
    }
    ++stats.deferred;
    ++c.deferred;
    return std::nullopt;
  }

  // Work for one of `serial`'s requests is done: its answer, and any after it that were waiting,
  // leave now; then the requests it had stopped reading are served.
  void Completed(uint64_t serial, uint64_t seq, const json& response) {
    Client* c = FindClient(serial);
    if (c == nullptr) return;  // the client went away meanwhile
    for (Client::Slot& slot : c->answers) {
      if (slot.seq != seq) continue;
      if (response.value("ok", true) == false) ++stats.errors;
      slot.response = response;
      --c->deferred;
    }
    bool keep = false;
    try {
      keep = Serve(*c, 0, Clock::now());
    } catch (const std::exception& e) {
      Log(fmt::format("control socket {}: dropping the connection of {}: {}", path, Who(c->peer),
                      e.what()));
    }
    if (!keep) Close(serial);
  }

  // The answers at the front of the queue that are done, into the output.
  void MoveReady(Client& c) {
    while (!c.answers.empty() && c.answers.front().response) {
      WriteFrame(c, *c.answers.front().response);
      c.answers.pop_front();
    }
  }

  void Enqueue(Client& c, const json& response) {
    if (!c.answers.empty()) {
      c.answers.push_back(Client::Slot{c.next_seq++, response});
      return;
    }
    WriteFrame(c, response);
  }

  void WriteFrame(Client& c, const json& response) {
    Bytes frame = control::EncodeFrame(response);
    if (frame.size() - 4 > control::kMaxFrameBytes) {
      ++stats.errors;
      frame = control::EncodeFrame(control::ErrorResponse(
          control::MessageId(response),
          ResourceExhausted(fmt::format("the answer is {} bytes, over the control protocol's "
                                        "limit of {} bytes: ask for less",
                                        frame.size() - 4, control::kMaxFrameBytes))));
    }
    c.out.insert(c.out.end(), frame.begin(), frame.end());
  }

  // Answers the complete requests buffered, in order. True when it stopped because the output
  // queue is full and more requests may be waiting.
  bool Process(Client& c) {
    if (c.broken) return false;
    MoveReady(c);
    while (c.pending() < kOutputHighWater && c.deferred < kMaxDeferredPerClient) {
      auto next = c.reader.Next();
      if (!next.ok()) {
        ++stats.malformed;
        c.broken = true;
        Log(fmt::format("control socket {}: closing the connection of {}: {}", path, Who(c.peer),
                        next.status().message()));
        Enqueue(c, control::ErrorResponse(0, next.status()));
        return false;
      }
      if (!next->has_value()) return false;
      ++stats.requests;
      if (std::optional<json> response = Answer(c, **next)) Enqueue(c, *response);
    }
    return true;
  }

  // Sends what it can. False when the connection is gone.
  bool Flush(Client& c, Clock::time_point now) {
    while (c.pending() > 0) {
      ssize_t n =
          ::send(c.fd.get(), c.out.data() + c.out_start, c.pending(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        c.out_start += static_cast<std::size_t>(n);
        c.last_activity = now;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      return false;
    }
    if (c.out_start == c.out.size()) {
      c.out.clear();
      c.out_start = 0;
    } else if (c.out_start >= kOutputHighWater && c.out_start >= c.out.size() / 2) {
      c.out.erase(c.out.begin(), c.out.begin() + static_cast<std::ptrdiff_t>(c.out_start));
      c.out_start = 0;
    }
    return true;
  }

  // False when the connection is to be closed now.
  bool Serve(Client& c, short revents, Clock::time_point now) {
    if ((revents & POLLNVAL) != 0) return false;
    if (!c.eof && !c.broken && (revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      if (!ReadInput(c, now)) return false;
    }
    while (true) {
      bool more = Process(c);
      if (!Flush(c, now)) return false;
      if (!more || c.pending() >= kOutputHighWater) break;
    }
    return !((c.eof || c.broken) && c.pending() == 0 && c.answers.empty());
  }
};

ControlServer::ControlServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ControlServer::~ControlServer() = default;

Result<std::unique_ptr<ControlServer>> ControlServer::Start(
    ControlServerOptions options, ControlHandler handler, std::function<void(std::string_view)> log,
    Executor* executor, ControlDeferrer deferrer) {
  CITYNET_RETURN_IF_ERROR(CheckOptions(options, handler));
  CITYNET_ASSIGN_OR_RETURN(std::string path, SocketPath(options.endpoint));
  CITYNET_RETURN_IF_ERROR(CheckSocketDirectory(path));

  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->handler = std::move(handler);
  impl->executor = executor;
  impl->deferrer = std::move(deferrer);
  impl->log = std::move(log);
  CITYNET_RETURN_IF_ERROR(impl->RemoveStaleSocket(path));
  CITYNET_RETURN_IF_ERROR(impl->BindAndListen(path));
  return std::unique_ptr<ControlServer>(new ControlServer(std::move(impl)));
}

std::vector<PollItem> ControlServer::PollFds() const {
  std::vector<PollItem> fds;
  fds.reserve(1 + impl_->clients.size());
  fds.push_back(PollItem{nullptr, impl_->listener.get(),
                         static_cast<short>(impl_->accept_paused ? 0 : POLLIN), 0});
  for (const auto& [fd, c] : impl_->clients) {
    if (c->admitting) continue;  // not served until its groups admit it
    int events = 0;
    if (!c->eof && !c->broken && c->pending() < kOutputHighWater &&
        c->deferred < kMaxDeferredPerClient) {
      events |= POLLIN;
    }
    if (c->pending() > 0) events |= POLLOUT;
    fds.push_back(PollItem{nullptr, fd, static_cast<short>(events), 0});
  }
  return fds;
}

void ControlServer::OnReady(const std::vector<PollItem>& ready, Clock::time_point now) {
  bool accept = false;
  for (const PollItem& p : ready) {
    if (p.revents == 0) continue;
    if (p.fd == impl_->listener.get()) {
      accept = (p.revents & POLLIN) != 0;
      continue;
    }
    auto it = impl_->clients.find(p.fd);
    if (it == impl_->clients.end()) continue;
    bool keep = false;
    try {
      keep = impl_->Serve(*it->second, p.revents, now);
    } catch (const std::exception& e) {  // e.g. bad_alloc: lose this client, not the daemon
      impl_->Log(fmt::format("control socket {}: dropping the connection of {}: {}", impl_->path,
                             Impl::Who(it->second->peer), e.what()));
    }
    if (!keep) impl_->clients.erase(it);
  }
  // Accept last, so that an fd closed above and reused by a new client cannot be matched with a
  // stale entry of `ready`.
  if (accept && !impl_->accept_paused) {
    try {
      impl_->AcceptAll(now);
    } catch (const std::exception& e) {
      impl_->Log(fmt::format("control socket {}: accept failed: {}", impl_->path, e.what()));
    }
  }
}

void ControlServer::Tick(Clock::time_point now) {
  impl_->accept_paused = false;
  for (auto it = impl_->clients.begin(); it != impl_->clients.end();) {
    Client& c = *it->second;
    if (now - c.last_activity < impl_->options.idle_timeout) {
      ++it;
      continue;
    }
    impl_->Log(fmt::format("control socket {}: closing the connection of {}: idle for {} ms",
                           impl_->path, Impl::Who(c.peer), impl_->options.idle_timeout.count()));
    if (c.pending() == 0) {
      Impl::Refuse(std::move(c.fd),
                   Unavailable(fmt::format("citynetd closed this control connection after {} ms "
                                           "without traffic: connect again",
                                           impl_->options.idle_timeout.count())));
    }
    it = impl_->clients.erase(it);
  }
}

std::size_t ControlServer::clients() const { return impl_->clients.size(); }
const std::string& ControlServer::path() const { return impl_->path; }
ControlServer::Stats ControlServer::stats() const { return impl_->stats; }

}  // namespace citynet::node
