#include "node/daemon/metrics.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <system_error>

namespace citynet::node {
namespace {

bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!alpha && (i == 0 || c < '0' || c > '9')) return false;
  }
  return true;
}

bool IsLabelName(std::string_view name) {
  return IsMetricName(name) && name.find(':') == std::string_view::npos;
}

[[maybe_unused]] bool LabelNamesValid(const MetricsText::Labels& labels) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!IsLabelName(labels[i].first)) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (labels[j].first == labels[i].first) return false;
    }
  }
  return true;
}

// HELP text escapes backslash and newline; label values also the double quote.
void AppendEscaped(std::string& out, std::string_view text, bool quote) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// ---- HTTP ----

constexpr std::size_t kMaxHeadBytes = 8 * 1024;
// Discarded per OnReady from a client that keeps sending after its reply, so one client cannot
// hold the loop.
constexpr std::size_t kMaxDrainBytesPerCall = 64 * 1024;
// Connections accepted per OnReady, for the same reason.
constexpr int kMaxAcceptsPerCall = 64;
// How long accepting pauses after the process ran out of descriptors (or another error that
// would recur at once): the pending connection keeps the listening socket readable.
constexpr std::chrono::milliseconds kAcceptPause{100};

bool IsTchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Visible ASCII, as a request target must be.
bool IsVchar(char c) { return c > 0x20 && c < 0x7f; }

// A request line that is still arriving: could it become a valid one? Catches a client that
// speaks something else (TLS, binary) at once instead of at the timeout.
bool PartialRequestLineOk(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\r' && i + 1 == line.size()) continue;
    if (c != ' ' && !IsVchar(c)) return false;
  }
  const std::size_t space = line.find(' ');
  const std::string_view method = line.substr(0, space);
  return std::all_of(method.begin(), method.end(), IsTchar);
}

struct Response {
  int code = 200;
  std::string_view reason = "OK";
  std::string_view content_type = "text/plain; charset=utf-8";
  std::string body;
  std::string_view extra_headers;  // each ending in "\r\n"
  bool head_only = false;
};

std::string Serialize(const Response& r) {
  std::string out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Connection: close\r\n\r\n",
      r.code, r.reason, r.content_type, r.body.size(), r.extra_headers);
  if (!r.head_only) out += r.body;
  return out;
}

Response Error(int code, std::string_view reason, std::string body) {
  Response r;
  r.code = code;
  r.reason = reason;
  r.body = std::move(body);
  return r;
}

Response BadRequest(std::string_view why) {
  return Error(400, "Bad Request", fmt::format("bad request: {}\n", why));
}

std::string_view StripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Splits off the next line of a head (ending in "\n", an optional "\r" before it dropped).
std::string_view NextLine(std::string_view& rest) {
  const std::size_t nl = rest.find('\n');
  const std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return StripCr(line);
}

struct RequestLine {
  std::string_view method;
  std::string_view target;
  int major = 0;
};

// Parses "METHOD SP TARGET SP HTTP/D.D" (RFC 9112 section 3); the error says what is wrong.
Result<RequestLine> ParseRequestLine(std::string_view line) {
  const std::size_t s1 = line.find(' ');
  const std::size_t s2 = s1 == std::string_view::npos ? s1 : line.find(' ', s1 + 1);
  if (s2 == std::string_view::npos || line.find(' ', s2 + 1) != std::string_view::npos) {
    return InvalidArgument("the request line is not METHOD TARGET HTTP/1.1");
  }
  RequestLine r{line.substr(0, s1), line.substr(s1 + 1, s2 - s1 - 1), 0};
  const std::string_view version = line.substr(s2 + 1);
  if (r.method.empty() || !std::all_of(r.method.begin(), r.method.end(), IsTchar)) {
    return InvalidArgument("the method is not a token");
  }
  if (r.target.empty() || !std::all_of(r.target.begin(), r.target.end(), IsVchar)) {
    return InvalidArgument("the request target is empty or not visible ASCII");
  }
  if (version.size() != 8 || !version.starts_with("HTTP/") || version[5] < '0' ||
      version[5] > '9' || version[6] != '.' || version[7] < '0' || version[7] > '9') {
    return InvalidArgument("the protocol is not HTTP/1.1");
  }
  r.major = version[5] - '0';
  return r;
}

// The path of a request target, without query; an absolute-form target ("http://host/metrics")
// loses its scheme and authority. Empty when the target has no path.
std::string_view PathOf(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() > scheme.size() &&
        std::equal(scheme.begin(), scheme.end(), target.begin(), [](char a, char b) {
          return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
        })) {
      target.remove_prefix(scheme.size());
      const std::size_t slash = target.find('/');
      target = slash == std::string_view::npos ? "/" : target.substr(slash);
      break;
    }
  }
  if (!target.starts_with('/')) return {};
  return target.substr(0, target.find('?'));
}

// The answer to a complete request head (request line, header lines and the blank line).
Response Answer(std::string_view head, const std::function<std::string()>& render,
                const std::function<void(std::string_view)>& log) {
  std::string_view rest = head;
  auto request_line = ParseRequestLine(NextLine(rest));
  if (!request_line.ok()) return BadRequest(request_line.status().message());
  if (request_line->major != 1) {
    return Error(505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served\n");
  }
  while (!rest.empty()) {
    const std::string_view line = NextLine(rest);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      return BadRequest("obsolete header line folding");
    }
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), IsTchar)) {
      return BadRequest("a header line is not NAME: VALUE");
    }
    for (const char c : line.substr(colon + 1)) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) {
        return BadRequest("a header value holds a control character");
      }
    }
  }

  const std::string_view path = PathOf(request_line->target);
  if (path.empty()) return BadRequest("the request target is not a path");
  const bool metrics = path == "/metrics";
  if (!metrics && path != "/") {
    return Error(404, "Not Found", "not found: the metrics are at /metrics\n");
  }
  const std::string_view method = request_line->method;
  if (method != "GET" && method != "HEAD") {
    Response r = Error(405, "Method Not Allowed", "method not allowed: use GET or HEAD\n");
    r.extra_headers = "Allow: GET, HEAD\r\n";
    return r;
  }
  Response r;
  r.head_only = method == "HEAD";
  if (!metrics) {
    r.body = "citynetd: Prometheus metrics are at /metrics\n";
    return r;
  }
  try {
    r.body = render();
  } catch (const std::exception& e) {
    if (log) log(fmt::format("metrics: rendering a scrape failed: {}", e.what()));
    return Error(500, "Internal Server Error", "rendering the metrics failed; see the log\n");
  } catch (...) {
    if (log) log("metrics: rendering a scrape failed: an exception that is not std::exception");
    return Error(500, "Internal Server Error", "rendering the metrics failed; see the log\n");
  }
  r.content_type = kMetricsContentType;
  return r;
}

// Where a request head ends (just past the blank line), or npos. A blank line is "\r\n" or, as
// RFC 9112 allows recipients to accept, a bare "\n".
std::size_t HeadEnd(std::string_view in) {
  for (std::size_t nl = in.find('\n'); nl != std::string_view::npos; nl = in.find('\n', nl + 1)) {
    if (nl + 1 < in.size() && in[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < in.size() && in[nl + 1] == '\r' && in[nl + 2] == '\n') return nl + 3;
  }
  return std::string_view::npos;
}

struct ParsedAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  bool loopback = false;
};

Result<ParsedAddress> ParseListen(std::string_view listen) {
  const std::string example = "write it as HOST:PORT, e.g. 127.0.0.1:9464";
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || listen.ends_with(']')) {
    return InvalidArgument(fmt::format("metrics address '{}' has no port: {}", listen, example));
  }
  const std::string host(listen.substr(0, colon));
  const std::string_view port_text = listen.substr(colon + 1);
  const bool digits =
      !port_text.empty() && port_text.size() <= 5 &&
      std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int port = digits ? std::stoi(std::string(port_text)) : -1;
  if (port < 0 || port > 65535) {
    return InvalidArgument(
        fmt::format("metrics address '{}' has port '{}'; a port is a number from 1 to 65535",
                    listen, port_text));
  }
  ParsedAddress out;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &a.sin6_addr) != 1) {
      return InvalidArgument(
          fmt::format("metrics address '{}': '{}' is not an IPv6 address", listen, host));
    }
    const uint8_t* b = a.sin6_addr.s6_addr;
    const bool v4_mapped =
        std::all_of(b, b + 10, [](uint8_t x) { return x == 0; }) && b[10] == 0xff && b[11] == 0xff;
    out.loopback = IN6_IS_ADDR_LOOPBACK(&a.sin6_addr) || (v4_mapped && b[12] == 127);
    std::memcpy(&out.storage, &a, sizeof a);
    out.length = sizeof a;
    return out;
  }
  if (host.find(':') != std::string::npos) {
    return InvalidArgument(
        fmt::format("metrics address '{}': write an IPv6 address in brackets: '[{}]:{}'", listen,
                    host, port_text));
  }
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  const std::string literal = host == "localhost" ? "127.0.0.1" : host == "*" ? "0.0.0.0" : host;
  if (inet_pton(AF_INET, literal.c_str(), &a.sin_addr) != 1) {
    return InvalidArgument(fmt::format(
        "metrics address '{}': '{}' is not an IPv4 address, an IPv6 address in brackets or "
        "localhost (host names are not resolved): write the address to listen on",
        listen, host));
  }
  out.loopback = (ntohl(a.sin_addr.s_addr) >> 24) == 127;
  std::memcpy(&out.storage, &a, sizeof a);
  out.length = sizeof a;
  return out;
}

std::string ErrnoText(int err) { return std::system_category().message(err); }

std::string ListenHint(int err) {
  switch (err) {
    case EADDRINUSE:
      return "pick another [listen] metrics port";
    case EACCES:
      return "ports below 1024 need privileges: pick a [listen] metrics port above 1023";
    case EADDRNOTAVAIL:
      return "this host has no such address: check [listen] metrics";
    case EAFNOSUPPORT:
      return "this host has no IPv6: listen on 127.0.0.1";
    default:
      return "check [listen] metrics";
  }
}

}  // namespace

// ---- MetricsText ----

std::string FormatMetricValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // 2^63: every integral double below it in magnitude fits an int64_t exactly.
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (value == std::trunc(value) && std::fabs(value) < kTwoTo63) {
    return fmt::format("{}", static_cast<int64_t>(value));
  }
  return fmt::format("{}", value);  // the shortest text that reads back to the same double
}

void MetricsText::Family(std::string_view name, std::string_view help, Type type) {
  assert(IsMetricName(name) && "metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*");
#ifndef NDEBUG
  assert(std::find(families_.begin(), families_.end(), name) == families_.end() &&
         "metric family started twice");
  families_.emplace_back(name);
#endif
  family_ = name;
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  AppendEscaped(text_, help, /*quote=*/false);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += type == Type::kCounter ? " counter\n" : " gauge\n";
}

void MetricsText::Sample(double value, const Labels& labels) {
  assert(!family_.empty() && "Sample before Family");
  assert(LabelNamesValid(labels) && "label names must match [a-zA-Z_][a-zA-Z0-9_]*, distinct");
  text_ += family_;
  if (!labels.empty()) {
    text_ += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) text_ += ',';
      text_ += labels[i].first;
      text_ += "=\"";
      AppendEscaped(text_, labels[i].second, /*quote=*/true);
      text_ += '"';
    }
    text_ += '}';
  }
  text_ += ' ';
  text_ += FormatMetricValue(value);
  text_ += '\n';
}

// ---- MetricsServer ----

struct MetricsServer::Client {
  enum class State {
    kReading,    // the request head is arriving
    kWriting,    // the reply is queued
    kLingering,  // the reply is written and our side shut down; waiting for the client's close
  };
  int fd = -1;
  State state = State::kReading;
  std::string in;
  std::string out;
  std::size_t sent = 0;
  Clock::time_point deadline;
};

Result<std::unique_ptr<MetricsServer>> MetricsServer::Start(MetricsServerOptions options,
                                                            std::function<std::string()> render) {
  CITYNET_ASSIGN_OR_RETURN(ParsedAddress address, ParseListen(options.listen));
  if (!address.loopback && !options.allow_remote) {
    return InvalidArgument(fmt::format(
        "metrics address {} is not a loopback address: metrics are served on loopback only "
        "(127.0.0.0/8, [::1], localhost) unless [listen] allow_remote_metrics = true",
        options.listen));
  }
  if (options.max_clients == 0) return InvalidArgument("metrics max_clients must be at least 1");
  if (options.timeout.count() <= 0) {
    return InvalidArgument("metrics timeout must be positive");
  }
  if (!render) return InvalidArgument("metrics server needs a render function");

  auto fail = [&options](int err) {
    return Unavailable(fmt::format("cannot listen for metrics on {}: {}: {}", options.listen,
                                   ErrnoText(err), ListenHint(err)));
  };
  const int fd = ::socket(address.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(errno);
  const int one = 1;
  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      ::bind(fd, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0 ||
      ::listen(fd, SOMAXCONN) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_length) != 0) {
    const int err = errno;
    ::close(fd);
    return fail(err);
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  std::string host;
  uint16_t port = 0;
  if (bound.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&bound);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text.data(), text.size());
    host = fmt::format("[{}]", text.data());
    port = ntohs(a->sin6_port);
  } else {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&bound);
    ::inet_ntop(AF_INET, &a->sin_addr, text.data(), text.size());
    host = text.data();
    port = ntohs(a->sin_port);
  }
  return std::unique_ptr<MetricsServer>(
      new MetricsServer(std::move(options), std::move(render), fd, std::move(host), port));
}

MetricsServer::MetricsServer(MetricsServerOptions options, std::function<std::string()> render,
                             int fd, std::string host, uint16_t port)
    : options_(std::move(options)),
      render_(std::move(render)),
      listen_fd_(fd),
      host_(std::move(host)),
      port_(port) {}

MetricsServer::~MetricsServer() {
  for (const auto& [fd, client] : clients_) ::close(fd);
  ::close(listen_fd_);
}

std::string MetricsServer::address() const { return fmt::format("{}:{}", host_, port_); }

std::vector<PollItem> MetricsServer::PollFds() const {
  std::vector<PollItem> fds;
  fds.reserve(clients_.size() + 1);
  if (!accept_paused_until_) fds.push_back(PollItem{nullptr, listen_fd_, POLLIN, 0});
  for (const auto& [fd, client] : clients_) {
    const short events = client->state == Client::State::kWriting ? POLLOUT : POLLIN;
    fds.push_back(PollItem{nullptr, fd, events, 0});
  }
  return fds;
}

void MetricsServer::OnReady(const std::vector<PollItem>& ready, Clock::time_point now) {
  bool accept = false;
  for (const PollItem& p : ready) {
    if (p.revents == 0) continue;
    if (p.fd == listen_fd_) {
      accept = true;
      continue;
    }
    auto it = clients_.find(p.fd);
    if (it == clients_.end()) continue;
    Client& client = *it->second;
    bool keep = false;
    try {
      switch (client.state) {
        case Client::State::kReading:
          keep = Read(client, now);
          break;
        case Client::State::kWriting:
          keep = Write(client);
          break;
        case Client::State::kLingering:
          keep = Drain(client);
          break;
      }
    } catch (...) {
      keep = false;  // out of memory: drop this client, keep serving the others
    }
    if (!keep || (p.revents & POLLNVAL) != 0) {
      ::close(client.fd);
      clients_.erase(it);
    }
  }
  // Last, so a descriptor number freed above and reused by accept4 is not handed the readiness
  // of the connection that had it.
  if (accept && !accept_paused_until_) Accept(now);
}

void MetricsServer::Tick(Clock::time_point now) {
  if (accept_paused_until_ && now >= *accept_paused_until_) accept_paused_until_.reset();
  for (auto it = clients_.begin(); it != clients_.end();) {
    if (now >= it->second->deadline) {
      ::close(it->first);
      it = clients_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<MetricsServer::Clock::time_point> MetricsServer::NextDeadline() const {
  std::optional<Clock::time_point> next = accept_paused_until_;
  for (const auto& [fd, client] : clients_) {
    if (!next || client->deadline < *next) next = client->deadline;
  }
  return next;
}

void MetricsServer::Accept(Clock::time_point now) {
  for (int i = 0; i < kMaxAcceptsPerCall; ++i) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      if (err == EAGAIN || err == EWOULDBLOCK) return;
      // A connection that failed before we took it, or a network error accept(2) says to treat
      // as such: try the next one.
      if (err == EINTR || err == ECONNABORTED || err == EPROTO || err == ENETDOWN ||
          err == ENOPROTOOPT || err == EHOSTDOWN || err == ENONET || err == EHOSTUNREACH ||
          err == EOPNOTSUPP || err == ENETUNREACH) {
        continue;
      }
      Log(fmt::format("metrics: cannot accept a connection on {}: {}; pausing for {} ms", address(),
                      ErrnoText(err), kAcceptPause.count()));
      accept_paused_until_ = now + kAcceptPause;
      return;
    }
    if (clients_.size() >= options_.max_clients) {
      ::close(fd);
      continue;
    }
    try {
      auto client = std::make_unique<Client>();
      client->fd = fd;
      client->deadline = now + options_.timeout;
      clients_.emplace(fd, std::move(client));
    } catch (...) {
      ::close(fd);
      return;
    }
  }
}

bool MetricsServer::Read(Client& client, Clock::time_point now) {
  std::array<char, 4096> buffer;
  while (true) {
    // Never more than one byte past the limit: enough to tell a head that is too large.
    const std::size_t room = std::min(buffer.size(), kMaxHeadBytes + 1 - client.in.size());
    const ssize_t n = ::recv(client.fd, buffer.data(), room, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    if (n == 0) {
      // The client stopped sending. It may still read: a partial request gets its 400.
      if (client.in.empty()) return false;
      client.out = Serialize(BadRequest("the request ended before its head was complete"));
      client.state = Client::State::kWriting;
      client.deadline = now + options_.timeout;
      return Write(client);
    }
    std::string_view data(buffer.data(), static_cast<std::size_t>(n));
    if (client.in.empty()) {
      // RFC 9112 section 2.2: empty lines before the request line are ignored.
      data.remove_prefix(std::min(data.find_first_not_of("\r\n"), data.size()));
    }
    client.in.append(data);

    const std::string_view in = client.in;
    const std::size_t end = HeadEnd(in);
    const std::size_t first_nl = in.find('\n');
    std::optional<Response> response;
    if (end != std::string_view::npos) {
      if (end > kMaxHeadBytes) {
        response =
            Error(431, "Request Header Fields Too Large", "the request head is over 8 KiB\n");
      } else {
        response = Answer(in.substr(0, end), render_, options_.log);
      }
    } else if (first_nl == std::string_view::npos
                   ? !PartialRequestLineOk(in)
                   : !ParseRequestLine(StripCr(in.substr(0, first_nl))).ok()) {
      response = BadRequest("this is not an HTTP request");
    } else if (in.size() > kMaxHeadBytes) {
      response = Error(431, "Request Header Fields Too Large", "the request head is over 8 KiB\n");
    }
    if (response) {
      client.out = Serialize(*response);
      client.in = std::string();
      client.state = Client::State::kWriting;
      client.deadline = now + options_.timeout;
      return Write(client);
    }
  }
}

bool MetricsServer::Write(Client& client) {
  while (client.sent < client.out.size()) {
    const ssize_t n = ::send(client.fd, client.out.data() + client.sent,
                             client.out.size() - client.sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    client.sent += static_cast<std::size_t>(n);
  }
  client.out = std::string();
  // Our side is done. Closing now would reset the connection if the client's request left
  // unread bytes (a body, the rest of a head that was too large), and the reset can destroy the
  // reply before the client reads it; so send a FIN and wait for the client's close.
  ::shutdown(client.fd, SHUT_WR);
  client.state = Client::State::kLingering;
  return Drain(client);
}

bool MetricsServer::Drain(Client& client) {
  std::array<char, 4096> buffer;
  for (std::size_t drained = 0; drained < kMaxDrainBytesPerCall;) {
    const ssize_t n = ::recv(client.fd, buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    if (n == 0) return false;
    drained += static_cast<std::size_t>(n);
  }
  return true;
}

void MetricsServer::Log(std::string_view line) const {
  if (options_.log) options_.log(line);
}

}  // namespace citynet::node
