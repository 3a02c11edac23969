#include "node/net/transport.h"

#include <fmt/format.h>
#include <zmq.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cmath>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>
#include <zmq.hpp>

#include "node/net/internal/curve_socket.h"
#include "protocol/mutex.h"

namespace citynet::node {
namespace {

// Bytes from the wire, made safe for a log line: printable ASCII kept, the rest escaped, long
// values cut.
std::string Printable(std::string_view bytes, std::size_t max = 64) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  if (bytes.size() > max) out += fmt::format("...({} bytes)", bytes.size());
  return out;
}

bool IsPrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

Status ValidateAllowlist(const Allowlist& allowlist) {
  for (const auto& [key, name] : allowlist) {
    if (key.IsZero()) return InvalidArgument("the allowlist holds an all-zero transport key");
    if (name.empty() || name.size() > 255 || !IsPrintableAscii(name)) {
      return InvalidArgument("allowlist name '" + Printable(name) + "' for key " + key.Hex() +
                             " must be 1 to 255 printable ASCII bytes");
    }
  }
  return Status::Ok();
}

std::string_view View(const zmq::message_t& frame) {
  return {static_cast<const char*>(frame.data()), frame.size()};
}

Status ZmqError(std::string_view what, const zmq::error_t& e) {
  return Internal(fmt::format("{}: {}", what, e.what()));
}

std::atomic<uint64_t> next_pipe_id{0};

}  // namespace

Status ValidateZapDomain(std::string_view domain) {
  if (domain.empty()) {
    return InvalidArgument(
        "the ZAP domain is empty: libzmq would then never ask the ZAP handler and admit any "
        "CURVE key");
  }
  if (domain.size() > 255 || !IsPrintableAscii(domain)) {
    return InvalidArgument("ZAP domain '" + Printable(domain) +
                           "' must be 1 to 255 printable ASCII bytes");
  }
  return Status::Ok();
}

Status CheckZmqFacts(int major, int minor, int patch, bool has_curve) {
  const bool new_enough = major > 4 || (major == 4 && (minor > 3 || (minor == 3 && patch >= 3)));
  if (!new_enough) {
    return FailedPrecondition(fmt::format(
        "libzmq {}.{}.{} is older than 4.3.3, which ZAP domain enforcement needs: install "
        "libzmq5 >= 4.3.3",
        major, minor, patch));
  }
  if (!has_curve) {
    return FailedPrecondition(fmt::format(
        "libzmq {}.{}.{} lacks CURVE support (zmq_has(\"curve\") is false), so the mesh cannot "
        "be encrypted: install a libzmq5 built with libsodium, as Debian's is",
        major, minor, patch));
  }
  return Status::Ok();
}

Status CheckZmq() {
  int major = 0;
  int minor = 0;
  int patch = 0;
  zmq_version(&major, &minor, &patch);
  CITYNET_RETURN_IF_ERROR(CheckZmqFacts(major, minor, patch, zmq_has("curve") != 0));

  // A version number does not prove the option works in this build: ask the library itself.
  void* context = zmq_ctx_new();
  if (context == nullptr) return Internal("libzmq cannot create a context");
  Status status;
  void* socket = zmq_socket(context, ZMQ_ROUTER);
  if (socket == nullptr) {
    status = Internal(fmt::format("libzmq cannot create a socket: {}", zmq_strerror(errno)));
  } else {
    int one = 1;
    int read_back = 0;
    std::size_t size = sizeof(read_back);
    if (zmq_setsockopt(socket, ZMQ_ZAP_ENFORCE_DOMAIN, &one, sizeof(one)) != 0 ||
        zmq_getsockopt(socket, ZMQ_ZAP_ENFORCE_DOMAIN, &read_back, &size) != 0 || read_back != 1) {
      status = FailedPrecondition(fmt::format(
          "libzmq {}.{}.{} does not take ZMQ_ZAP_ENFORCE_DOMAIN ({}), without which CURVE "
          "servers admit any key: install libzmq5 >= 4.3.3",
          major, minor, patch, zmq_strerror(errno)));
    }
    zmq_close(socket);
  }
  zmq_ctx_term(context);
  return status;
}

// ---------------------------------------------------------------------------------------------
// TransportContext

TransportContext::TransportContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TransportContext::~TransportContext() = default;

Result<std::unique_ptr<TransportContext>> TransportContext::Create() {
  CITYNET_RETURN_IF_ERROR(CheckZmq());
  try {
    return std::unique_ptr<TransportContext>(new TransportContext(std::make_unique<Impl>()));
  } catch (const zmq::error_t& e) {
    return ZmqError("creating a libzmq context", e);
  }
}

// ---------------------------------------------------------------------------------------------
// ZapHandler

namespace {

enum class Verdict { kAllow, kUnknownKey, kWrongDomain, kWrongMechanism, kMalformed };

struct ZapDecision {
  Verdict verdict = Verdict::kMalformed;
  std::string detail;   // why, for the log and the reply's status text
  std::string user_id;  // the peer's name when allowed
};

// More frames than any ZAP request has; the rest of a longer message is read and dropped.
constexpr std::size_t kMaxZapFrames = 16;

}  // namespace

struct ZapHandler::Impl {
  TransportContext::Impl* context = nullptr;
  std::string domain;
  std::function<void(std::string_view)> log;
  zmq::socket_t zap;       // ROUTER on kZapEndpoint; the handler thread's
  zmq::socket_t stop_in;   // PAIR; the handler thread's end of the stop pipe
  zmq::socket_t stop_out;  // PAIR; the owner's end
  std::thread thread;
  bool withdrawn GUARDED_BY(context->mu) = false;  // from the context's registration

  mutable Mutex mu;
  Allowlist allowlist GUARDED_BY(mu);
  Stats stats GUARDED_BY(mu);
  Status status GUARDED_BY(mu);

  void Run();
  void ServeOne();
  ZapDecision Decide(const std::vector<zmq::message_t>& body, std::size_t body_frames);
  void Log(std::string_view line) {
    if (log) log(line);
  }
  void Withdraw() {
    MutexLock lock(&context->mu);
    if (!withdrawn) context->zap_domain.reset();
    withdrawn = true;
  }
};

ZapHandler::ZapHandler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ZapHandler>> ZapHandler::Start(TransportContext& context, Options options) {
  CITYNET_RETURN_IF_ERROR(ValidateZapDomain(options.domain));
  CITYNET_RETURN_IF_ERROR(ValidateAllowlist(options.allowlist));

  auto impl = std::make_unique<Impl>();
  impl->context = &context.impl();
  impl->domain = std::move(options.domain);
  impl->log = std::move(options.log);
  {
    MutexLock lock(&impl->mu);  // before the handler thread exists; for the analysis
    impl->allowlist = std::move(options.allowlist);
  }

  MutexLock lock(&impl->context->mu);
  if (impl->context->zap_domain.has_value()) {
    return AlreadyExists("a ZapHandler already serves this context (domain '" +
                         *impl->context->zap_domain + "')");
  }
  try {
    zmq::context_t& zmq_context = impl->context->context;
    impl->zap = zmq::socket_t(zmq_context, zmq::socket_type::router);
    impl->zap.set(zmq::sockopt::linger, 0);
    try {
      impl->zap.bind(kZapEndpoint);
    } catch (const zmq::error_t& e) {
      if (e.num() == EADDRINUSE) {
        return AlreadyExists(std::string("another ZAP handler is bound to ") + kZapEndpoint +
                             " in this context");
      }
      throw;
    }
    const std::string pipe = fmt::format("inproc://citynet-zap-stop-{}", next_pipe_id++);
    impl->stop_in = zmq::socket_t(zmq_context, zmq::socket_type::pair);
    impl->stop_out = zmq::socket_t(zmq_context, zmq::socket_type::pair);
    impl->stop_in.set(zmq::sockopt::linger, 0);
    impl->stop_out.set(zmq::sockopt::linger, 0);
    impl->stop_in.bind(pipe);
    impl->stop_out.connect(pipe);
  } catch (const zmq::error_t& e) {
    return ZmqError("starting the ZAP handler", e);
  }
  try {
    // The sockets move to the new thread; starting it is the memory barrier libzmq requires.
    impl->thread = std::thread([raw = impl.get()] { raw->Run(); });
  } catch (const std::system_error& e) {
    return Internal(std::string("starting the ZAP handler thread: ") + e.what());
  }
  impl->context->zap_domain = impl->domain;
  return std::unique_ptr<ZapHandler>(new ZapHandler(std::move(impl)));
}

ZapHandler::~ZapHandler() {
  try {
    impl_->stop_out.send(zmq::str_buffer("$TERM"), zmq::send_flags::dontwait);
  } catch (const zmq::error_t&) {
    // The context is shutting down: the thread sees ETERM and stops by itself.
  }
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->zap.close();
  impl_->stop_in.close();
  impl_->stop_out.close();
  impl_->Withdraw();
}

Status ZapHandler::SetAllowlist(Allowlist allowlist) {
  CITYNET_RETURN_IF_ERROR(ValidateAllowlist(allowlist));
  MutexLock lock(&impl_->mu);
  impl_->allowlist = std::move(allowlist);
  return Status::Ok();
}

ZapHandler::Stats ZapHandler::stats() const {
  MutexLock lock(&impl_->mu);
  return impl_->stats;
}

const std::string& ZapHandler::domain() const { return impl_->domain; }

Status ZapHandler::status() const {
  MutexLock lock(&impl_->mu);
  return impl_->status;
}

void ZapHandler::Impl::Run() {
  std::array<zmq::pollitem_t, 2> items = {
      {{zap.handle(), 0, ZMQ_POLLIN, 0}, {stop_in.handle(), 0, ZMQ_POLLIN, 0}}};
  while (true) {
    try {
      zmq::poll(items);
      if (items[1].revents & ZMQ_POLLIN) return;
      if (items[0].revents & ZMQ_POLLIN) ServeOne();
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;
      // Fail closed: with the ZAP socket gone, the context's CURVE servers (which enforce the
      // domain) refuse every client at once instead of waiting for an answer.
      const Status stopped = Internal(fmt::format("the ZAP handler stopped: {}", e.what()));
      {
        MutexLock lock(&mu);
        status = stopped;
      }
      zap.close();
      Withdraw();
      Log(stopped.message() + "; every CURVE client of this context is now refused");
      return;
    }
  }
}

void ZapHandler::Impl::ServeOne() {
  // A ROUTER rather than a REP: no request, however malformed, can leave it in a state where it
  // refuses to receive. Frames: the requester's routing id, an empty delimiter (libzmq and REQ
  // send one), then the request.
  std::vector<zmq::message_t> frames;
  std::size_t frame_count = 0;
  bool more = true;
  while (more) {
    zmq::message_t frame;
    // The first frame is ready (poll said so) and a message's frames arrive together.
    if (!zap.recv(frame, zmq::recv_flags::dontwait)) break;
    more = frame.more();
    ++frame_count;
    if (frames.size() < kMaxZapFrames + 2) frames.push_back(std::move(frame));
  }
  if (frames.empty()) return;

  const bool delimited = frames.size() >= 2 && frames[1].size() == 0;
  const std::size_t body_start = delimited ? 2 : 1;
  std::vector<zmq::message_t> body;
  for (std::size_t i = body_start; i < frames.size(); ++i) body.push_back(std::move(frames[i]));
  ZapDecision decision;
  if (!delimited) {
    decision.detail = "a malformed ZAP request: no empty delimiter frame before it";
    MutexLock lock(&mu);
    ++stats.denied_malformed;
  } else {
    decision = Decide(body, frame_count - body_start);
  }

  const bool allowed = decision.verdict == Verdict::kAllow;
  const std::string_view request_id = body.size() >= 2 ? View(body[1]) : std::string_view();
  std::vector<zmq::message_t> reply;
  reply.emplace_back(frames[0].data(), frames[0].size());
  if (delimited) reply.emplace_back();
  reply.emplace_back(std::string_view("1.0"));
  reply.emplace_back(request_id);
  reply.emplace_back(std::string_view(allowed ? "200" : "400"));
  reply.emplace_back(std::string_view(allowed ? "OK" : decision.detail));
  reply.emplace_back(std::string_view(decision.user_id));
  reply.emplace_back();  // no metadata
  for (std::size_t i = 0; i < reply.size(); ++i) {
    const auto flags = i + 1 < reply.size() ? zmq::send_flags::sndmore | zmq::send_flags::dontwait
                                            : zmq::send_flags::dontwait;
    // A ROUTER drops a message for a requester that has gone; it never blocks.
    if (!zap.send(reply[i], flags)) break;
  }
  if (!allowed) Log("ZAP: refused " + decision.detail);
}

ZapDecision ZapHandler::Impl::Decide(const std::vector<zmq::message_t>& body,
                                     std::size_t body_frames) {
  ZapDecision d;
  auto malformed = [&](std::string why) {
    d.verdict = Verdict::kMalformed;
    d.detail = "a malformed ZAP request: " + std::move(why);
  };
  // RFC 27: version, request id, domain, address, identity, mechanism, credentials...
  if (body_frames < 6) {
    malformed(fmt::format("{} frames, at least 6 expected", body_frames));
  } else if (body_frames > kMaxZapFrames) {
    malformed(fmt::format("{} frames", body_frames));
  } else if (View(body[0]) != "1.0") {
    malformed("version '" + Printable(View(body[0])) + "', expected '1.0'");
  } else {
    const std::string_view domain_frame = View(body[2]);
    const std::string address = Printable(View(body[3]));
    const std::string_view mechanism = View(body[5]);
    if (mechanism != "CURVE") {
      d.verdict = Verdict::kWrongMechanism;
      d.detail =
          "mechanism '" + Printable(mechanism) + "' from " + address + ": only CURVE is admitted";
    } else if (domain_frame != domain) {
      d.verdict = Verdict::kWrongDomain;
      d.detail = "a client of ZAP domain '" + Printable(domain_frame) + "' from " + address +
                 ": this handler serves '" + domain + "'";
    } else if (body_frames != 7) {
      malformed(
          fmt::format("a CURVE request of {} frames from {}, 7 expected", body_frames, address));
    } else if (body[6].size() != TransportPublicKey::kSize) {
      malformed(fmt::format("a CURVE client key of {} bytes from {}, 32 expected", body[6].size(),
                            address));
    } else {
      const auto key = *TransportPublicKey::FromView(
          {static_cast<const uint8_t*>(body[6].data()), body[6].size()});
      MutexLock lock(&mu);
      const auto it = allowlist.find(key);
      if (it == allowlist.end()) {
        d.verdict = Verdict::kUnknownKey;
        d.detail = "unknown CURVE key " + key.Hex() + " from " + address + ": not in the allowlist";
      } else {
        d.verdict = Verdict::kAllow;
        d.user_id = it->second;
      }
    }
  }
  // Counted before the reply is sent, so whoever sees the handshake end sees the count.
  MutexLock lock(&mu);
  switch (d.verdict) {
    case Verdict::kAllow:
      ++stats.allowed;
      break;
    case Verdict::kUnknownKey:
      ++stats.denied_unknown_key;
      break;
    case Verdict::kWrongDomain:
      ++stats.denied_wrong_domain;
      break;
    case Verdict::kWrongMechanism:
      ++stats.denied_wrong_mechanism;
      break;
    case Verdict::kMalformed:
      ++stats.denied_malformed;
      break;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// SocketOptions

Status ValidateSocketOptions(const SocketOptions& o) {
  auto positive_ms = [](std::string_view name, std::chrono::milliseconds v,
                        bool zero_ok) -> Status {
    if (v.count() < (zero_ok ? 0 : 1) || v.count() > INT_MAX) {
      return InvalidArgument(fmt::format("socket option {} is {} ms, must be in [{}, {}]", name,
                                         v.count(), zero_ok ? 0 : 1, INT_MAX));
    }
    return Status::Ok();
  };
  if (o.max_message_bytes < 1) {
    return InvalidArgument(fmt::format("socket option max_message_bytes is {}, must be positive",
                                       o.max_message_bytes));
  }
  CITYNET_RETURN_IF_ERROR(positive_ms("heartbeat_interval", o.heartbeat_interval, false));
  CITYNET_RETURN_IF_ERROR(positive_ms("heartbeat_timeout", o.heartbeat_timeout, false));
  CITYNET_RETURN_IF_ERROR(positive_ms("heartbeat_ttl", o.heartbeat_ttl, false));
  if (o.heartbeat_ttl.count() > 6'553'500) {
    return InvalidArgument(fmt::format("socket option heartbeat_ttl is {} ms, at most 6553500 ms",
                                       o.heartbeat_ttl.count()));
  }
  CITYNET_RETURN_IF_ERROR(positive_ms("handshake_timeout", o.handshake_timeout, false));
  CITYNET_RETURN_IF_ERROR(positive_ms("linger", o.linger, true));
  CITYNET_RETURN_IF_ERROR(positive_ms("reconnect_interval", o.reconnect_interval, false));
  CITYNET_RETURN_IF_ERROR(positive_ms("reconnect_interval_max", o.reconnect_interval_max, false));
  if (o.reconnect_interval_max < o.reconnect_interval) {
    return InvalidArgument(fmt::format(
        "socket option reconnect_interval_max ({} ms) is below reconnect_interval ({} ms)",
        o.reconnect_interval_max.count(), o.reconnect_interval.count()));
  }
  if (o.send_hwm < 1 || o.receive_hwm < 1) {
    return InvalidArgument(fmt::format(
        "socket high-water marks are {} (send) and {} (receive): both must be positive, since 0 "
        "means unbounded",
        o.send_hwm, o.receive_hwm));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Connection events

std::string_view ConnectionEventTypeName(ConnectionEventType type) {
  switch (type) {
    case ConnectionEventType::kConnected:
      return "connected";
    case ConnectionEventType::kHandshakeSucceeded:
      return "handshake succeeded";
    case ConnectionEventType::kHandshakeFailedNoDetail:
      return "handshake failed";
    case ConnectionEventType::kHandshakeFailedProtocol:
      return "handshake failed (protocol)";
    case ConnectionEventType::kHandshakeFailedAuth:
      return "handshake failed (auth)";
    case ConnectionEventType::kDisconnected:
      return "disconnected";
    case ConnectionEventType::kConnectRetried:
      return "connect retried";
    case ConnectionEventType::kClosed:
      return "closed";
    case ConnectionEventType::kOther:
      return "other event";
  }
  return "unknown event";
}

namespace {

std::string_view ProtocolErrorText(uint32_t code) {
  switch (code) {
    case ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
      return "mechanism mismatch (the peer does not speak CURVE)";
    case ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
      return "cryptographic error (a wrong server key, or a forged handshake)";
    case ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND:
      return "unexpected command";
    case ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE:
      return "invalid sequence";
    case ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE:
      return "key exchange failed";
    case ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA:
      return "invalid metadata";
    case ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED:
    case ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY:
    case ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID:
    case ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION:
    case ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE:
    case ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA:
      return "the ZAP handler's reply was malformed";
    default:
      break;
  }
  if (code >= ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED &&
      code <= ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME) {
    return "malformed command";
  }
  return "protocol error";
}

}  // namespace

std::string DescribeConnectionEvent(const ConnectionEvent& event) {
  std::string line = fmt::format("{} on {}", ConnectionEventTypeName(event.type), event.endpoint);
  switch (event.type) {
    case ConnectionEventType::kHandshakeFailedNoDetail:
      if (event.value == EFAULT) return line + ": no ZAP handler is bound in the server's context";
      return line + ": " +
             std::error_code(static_cast<int>(event.value), std::generic_category()).message();
    case ConnectionEventType::kHandshakeFailedProtocol:
      return line + fmt::format(": {} (0x{:08x})", ProtocolErrorText(event.value), event.value);
    case ConnectionEventType::kHandshakeFailedAuth:
      return line + fmt::format(": the ZAP handler answered {}", event.value);
    case ConnectionEventType::kConnectRetried:
      return line + fmt::format(": next attempt in {} ms", event.value);
    case ConnectionEventType::kOther:
      return line + fmt::format(": libzmq event 0x{:x}", event.value);
    default:
      return line;
  }
}

// ---------------------------------------------------------------------------------------------
// ReconnectBackoff and ReconnectTracker

Result<ReconnectBackoff> ReconnectBackoff::Create(BackoffOptions options, uint64_t seed) {
  if (options.initial.count() <= 0) {
    return InvalidArgument(
        fmt::format("back-off initial delay is {} ms, must be positive", options.initial.count()));
  }
  if (options.max < options.initial) {
    return InvalidArgument(fmt::format("back-off maximum {} ms is below the initial delay {} ms",
                                       options.max.count(), options.initial.count()));
  }
  if (!(options.multiplier >= 1.0) || !std::isfinite(options.multiplier)) {
    return InvalidArgument(
        fmt::format("back-off multiplier is {}, must be at least 1", options.multiplier));
  }
  if (!(options.jitter >= 0.0 && options.jitter <= 1.0)) {
    return InvalidArgument(fmt::format("back-off jitter is {}, must be in [0, 1]", options.jitter));
  }
  return ReconnectBackoff(options, seed);
}

ReconnectBackoff::ReconnectBackoff(BackoffOptions options, uint64_t seed)
    : options_(options), rng_state_(seed), base_ms_(static_cast<double>(options.initial.count())) {}

double ReconnectBackoff::NextUnit() {
  // splitmix64: small, seedable, and good enough to spread reconnections.
  uint64_t z = (rng_state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::chrono::milliseconds ReconnectBackoff::NextDelay() {
  const double base = base_ms_;
  const double delay = base * (1.0 - options_.jitter * NextUnit());
  base_ms_ = std::min(base * options_.multiplier, static_cast<double>(options_.max.count()));
  if (failures_ < INT_MAX) ++failures_;
  return std::chrono::milliseconds(
      std::clamp<int64_t>(std::llround(delay), 0, options_.max.count()));
}

void ReconnectBackoff::Reset() {
  base_ms_ = static_cast<double>(options_.initial.count());
  failures_ = 0;
}

Result<ReconnectTracker> ReconnectTracker::Create(BackoffOptions options, uint64_t seed) {
  CITYNET_RETURN_IF_ERROR(ReconnectBackoff::Create(options, seed).status());
  return ReconnectTracker(options, seed);
}

ReconnectTracker::Entry& ReconnectTracker::EntryFor(const std::string& endpoint) {
  auto it = entries_.find(endpoint);
  if (it == entries_.end()) {
    // FNV-1a of the endpoint, so endpoints do not share a jitter sequence.
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : endpoint) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    auto backoff = ReconnectBackoff::Create(options_, seed_ ^ hash);
    it = entries_.emplace(endpoint, Entry{std::move(backoff).value(), std::nullopt}).first;
  }
  return it->second;
}

void ReconnectTracker::OnEvent(const ConnectionEvent& event, Clock::time_point now) {
  if (event.endpoint.empty()) return;
  switch (event.type) {
    case ConnectionEventType::kHandshakeFailedProtocol:
    case ConnectionEventType::kHandshakeFailedAuth:
    case ConnectionEventType::kDisconnected: {
      Entry& entry = EntryFor(event.endpoint);
      // A failed handshake is followed by its kDisconnected: one failure, one delay.
      if (!entry.due) entry.due = now + entry.backoff.NextDelay();
      break;
    }
    case ConnectionEventType::kConnectRetried:
      EntryFor(event.endpoint).due.reset();
      break;
    case ConnectionEventType::kHandshakeSucceeded: {
      Entry& entry = EntryFor(event.endpoint);
      entry.due.reset();
      entry.backoff.Reset();
      break;
    }
    default:
      break;
  }
}

std::vector<std::string> ReconnectTracker::TakeDue(Clock::time_point now) {
  std::vector<std::string> due;
  for (auto& [endpoint, entry] : entries_) {
    if (entry.due && *entry.due <= now) {
      due.push_back(endpoint);
      entry.due.reset();
    }
  }
  return due;
}

std::optional<ReconnectTracker::Clock::time_point> ReconnectTracker::NextDue() const {
  std::optional<Clock::time_point> next;
  for (const auto& [endpoint, entry] : entries_) {
    if (entry.due && (!next || *entry.due < *next)) next = entry.due;
  }
  return next;
}

int ReconnectTracker::failures(const std::string& endpoint) const {
  const auto it = entries_.find(endpoint);
  return it == entries_.end() ? 0 : it->second.backoff.failures();
}

void ReconnectTracker::Forget(const std::string& endpoint) { entries_.erase(endpoint); }

}  // namespace citynet::node
