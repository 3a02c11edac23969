#include "node/net/internal/curve_socket.h"

#include <fmt/format.h>
#include <zmq.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace citynet::node {
namespace {

Status SetOption(zmq::socket_t& socket, int option, std::string_view name, const void* value,
                 std::size_t size) {
  if (zmq_setsockopt(socket.handle(), option, value, size) != 0) {
    return Internal(fmt::format("libzmq refused socket option {}: {}", name, zmq_strerror(errno)));
  }
  return Status::Ok();
}

template <typename T>
Status SetNumber(zmq::socket_t& socket, int option, std::string_view name, T value) {
  return SetOption(socket, option, name, &value, sizeof(value));
}

Status SetMilliseconds(zmq::socket_t& socket, int option, std::string_view name,
                       std::chrono::milliseconds value) {
  // ValidateSocketOptions bounded the value by INT_MAX.
  return SetNumber(socket, option, name, static_cast<int>(value.count()));
}

Result<int> GetInt(zmq::socket_t& socket, int option, std::string_view name) {
  int value = 0;
  std::size_t size = sizeof(value);
  if (zmq_getsockopt(socket.handle(), option, &value, &size) != 0) {
    return Internal(
        fmt::format("libzmq cannot read socket option {}: {}", name, zmq_strerror(errno)));
  }
  return value;
}

Result<std::string> GetBytes(zmq::socket_t& socket, int option, std::string_view name,
                             std::size_t capacity) {
  std::string value(capacity, '\0');
  std::size_t size = value.size();
  if (zmq_getsockopt(socket.handle(), option, value.data(), &size) != 0) {
    return Internal(
        fmt::format("libzmq cannot read socket option {}: {}", name, zmq_strerror(errno)));
  }
  value.resize(size);
  return value;
}

// The read-back that turns a configuration libzmq did not take into an error instead of a
// socket that quietly speaks plaintext or admits anyone.
Status ExpectInt(zmq::socket_t& socket, int option, std::string_view name, int expected) {
  CITYNET_ASSIGN_OR_RETURN(const int actual, GetInt(socket, option, name));
  if (actual != expected) {
    return Internal(
        fmt::format("socket option {} reads back {} after being set to {}: refusing the socket",
                    name, actual, expected));
  }
  return Status::Ok();
}

Status ExpectKey(zmq::socket_t& socket, int option, std::string_view name,
                 const TransportPublicKey& expected) {
  CITYNET_ASSIGN_OR_RETURN(const std::string actual,
                           GetBytes(socket, option, name, TransportPublicKey::kSize));
  if (actual.size() != TransportPublicKey::kSize ||
      std::memcmp(actual.data(), expected.data.data(), TransportPublicKey::kSize) != 0) {
    return Internal(fmt::format(
        "socket option {} does not read back the key {} it was set to: refusing the socket", name,
        expected.ShortHex()));
  }
  return Status::Ok();
}

Status SetSecretKey(zmq::socket_t& socket, const protocol::TransportKey& key) {
  const ByteView secret = key.secret();
  if (secret.size() != protocol::TransportKey::kSecretSize) {
    return Internal(fmt::format("a transport secret key of {} bytes", secret.size()));
  }
  return SetOption(socket, ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", secret.data(),
                   secret.size());
}

Status ZmqError(std::string_view what, const zmq::error_t& e) {
  return Internal(fmt::format("{}: {}", what, e.what()));
}

std::atomic<uint64_t> next_monitor_id{0};

// Every event the module names. Not ZMQ_EVENT_MONITOR_STOPPED: libzmq sends that one with a
// blocking send when monitoring stops, which would hang the destructor on a full queue.
constexpr int kMonitoredEvents =
    ZMQ_EVENT_CONNECTED | ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED |
    ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
    ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_CONNECT_RETRIED |
    ZMQ_EVENT_CLOSED;

ConnectionEventType EventType(uint16_t event) {
  switch (event) {
    case ZMQ_EVENT_CONNECTED:
    case ZMQ_EVENT_ACCEPTED:
      return ConnectionEventType::kConnected;
    case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
      return ConnectionEventType::kHandshakeSucceeded;
    case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
      return ConnectionEventType::kHandshakeFailedNoDetail;
    case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
      return ConnectionEventType::kHandshakeFailedProtocol;
    case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
      return ConnectionEventType::kHandshakeFailedAuth;
    case ZMQ_EVENT_DISCONNECTED:
      return ConnectionEventType::kDisconnected;
    case ZMQ_EVENT_CONNECT_RETRIED:
      return ConnectionEventType::kConnectRetried;
    case ZMQ_EVENT_CLOSED:
      return ConnectionEventType::kClosed;
    default:
      return ConnectionEventType::kOther;
  }
}

}  // namespace

Status ConfigureSocketLimits(zmq::socket_t& socket, const SocketOptions& options) {
  CITYNET_RETURN_IF_ERROR(ValidateSocketOptions(options));
  CITYNET_RETURN_IF_ERROR(
      SetNumber(socket, ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE", options.max_message_bytes));
  CITYNET_RETURN_IF_ERROR(
      SetMilliseconds(socket, ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL", options.heartbeat_interval));
  CITYNET_RETURN_IF_ERROR(SetMilliseconds(socket, ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT",
                                          options.heartbeat_timeout));
  CITYNET_RETURN_IF_ERROR(
      SetMilliseconds(socket, ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL", options.heartbeat_ttl));
  CITYNET_RETURN_IF_ERROR(
      SetMilliseconds(socket, ZMQ_HANDSHAKE_IVL, "ZMQ_HANDSHAKE_IVL", options.handshake_timeout));
  CITYNET_RETURN_IF_ERROR(SetMilliseconds(socket, ZMQ_LINGER, "ZMQ_LINGER", options.linger));
  CITYNET_RETURN_IF_ERROR(SetNumber(socket, ZMQ_SNDHWM, "ZMQ_SNDHWM", options.send_hwm));
  CITYNET_RETURN_IF_ERROR(SetNumber(socket, ZMQ_RCVHWM, "ZMQ_RCVHWM", options.receive_hwm));
  CITYNET_RETURN_IF_ERROR(
      SetMilliseconds(socket, ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL", options.reconnect_interval));
  CITYNET_RETURN_IF_ERROR(SetMilliseconds(socket, ZMQ_RECONNECT_IVL_MAX, "ZMQ_RECONNECT_IVL_MAX",
                                          options.reconnect_interval_max));
  CITYNET_ASSIGN_OR_RETURN(const int type, GetInt(socket, ZMQ_TYPE, "ZMQ_TYPE"));
  if (type == ZMQ_ROUTER) {
    CITYNET_RETURN_IF_ERROR(SetNumber(socket, ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY", 1));
  }
  return Status::Ok();
}

Result<zmq::socket_t> OpenCurveServer(TransportContext& context, zmq::socket_type type,
                                      const protocol::TransportKey& key,
                                      std::string_view zap_domain, const SocketOptions& options) {
  CITYNET_RETURN_IF_ERROR(ValidateZapDomain(zap_domain));
  CITYNET_RETURN_IF_ERROR(ValidateSocketOptions(options));
  {
    TransportContext::Impl& impl = context.impl();
    MutexLock lock(&impl.mu);
    if (!impl.zap_domain) {
      return FailedPrecondition(
          "no ZapHandler serves this context: start one before opening a CURVE server socket");
    }
    if (*impl.zap_domain != zap_domain) {
      return FailedPrecondition(fmt::format(
          "the context's ZapHandler serves ZAP domain '{}', not '{}': it would refuse every "
          "client of this socket",
          *impl.zap_domain, zap_domain));
    }
  }
  try {
    zmq::socket_t socket(ZmqContext(context), type);
    CITYNET_RETURN_IF_ERROR(ConfigureSocketLimits(socket, options));
    CITYNET_RETURN_IF_ERROR(SetNumber(socket, ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", 1));
    CITYNET_RETURN_IF_ERROR(SetSecretKey(socket, key));
    CITYNET_RETURN_IF_ERROR(
        SetOption(socket, ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN", zap_domain.data(), zap_domain.size()));
    CITYNET_RETURN_IF_ERROR(SetNumber(socket, ZMQ_ZAP_ENFORCE_DOMAIN, "ZMQ_ZAP_ENFORCE_DOMAIN", 1));

    CITYNET_RETURN_IF_ERROR(ExpectInt(socket, ZMQ_MECHANISM, "ZMQ_MECHANISM", ZMQ_CURVE));
    CITYNET_RETURN_IF_ERROR(ExpectInt(socket, ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", 1));
    CITYNET_RETURN_IF_ERROR(ExpectInt(socket, ZMQ_ZAP_ENFORCE_DOMAIN, "ZMQ_ZAP_ENFORCE_DOMAIN", 1));
    CITYNET_ASSIGN_OR_RETURN(std::string domain,
                             GetBytes(socket, ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN", 256));
    if (!domain.empty() && domain.back() == '\0') domain.pop_back();
    if (domain != zap_domain) {
      return Internal(fmt::format(
          "socket option ZMQ_ZAP_DOMAIN reads back '{}' after being set to '{}': refusing the "
          "socket",
          domain, zap_domain));
    }
    return Result<zmq::socket_t>(std::move(socket));
  } catch (const zmq::error_t& e) {
    return ZmqError("opening a CURVE server socket", e);
  }
}

Result<zmq::socket_t> OpenCurveClient(TransportContext& context, zmq::socket_type type,
                                      const protocol::TransportKey& key,
                                      const TransportPublicKey& server_key,
                                      const SocketOptions& options) {
  if (server_key.IsZero()) return InvalidArgument("the server's transport key is all zeros");
  CITYNET_RETURN_IF_ERROR(ValidateSocketOptions(options));
  try {
    zmq::socket_t socket(ZmqContext(context), type);
    CITYNET_RETURN_IF_ERROR(ConfigureSocketLimits(socket, options));
    CITYNET_RETURN_IF_ERROR(SetOption(socket, ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY",
                                      server_key.data.data(), server_key.data.size()));
    const TransportPublicKey& own = key.public_key();
    CITYNET_RETURN_IF_ERROR(SetOption(socket, ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY",
                                      own.data.data(), own.data.size()));
    CITYNET_RETURN_IF_ERROR(SetSecretKey(socket, key));

    CITYNET_RETURN_IF_ERROR(ExpectInt(socket, ZMQ_MECHANISM, "ZMQ_MECHANISM", ZMQ_CURVE));
    CITYNET_RETURN_IF_ERROR(ExpectInt(socket, ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", 0));
    CITYNET_RETURN_IF_ERROR(
        ExpectKey(socket, ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY", server_key));
    CITYNET_RETURN_IF_ERROR(ExpectKey(socket, ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY", own));
    return Result<zmq::socket_t>(std::move(socket));
  } catch (const zmq::error_t& e) {
    return ZmqError("opening a CURVE client socket", e);
  }
}

Result<std::string> PeerName(const zmq::message_t& message) {
  const char* name = zmq_msg_gets(message.handle(), "User-Id");
  if (name == nullptr || *name == '\0') {
    return Unauthenticated(
        "the message carries no ZAP user id: it did not arrive over a CURVE connection the ZAP "
        "handler admitted");
  }
  return std::string(name);
}

Status Reconnect(zmq::socket_t& socket, const std::string& endpoint) {
  try {
    socket.disconnect(endpoint);
  } catch (const zmq::error_t& e) {
    // ENOENT: libzmq already forgot the endpoint (it does after a protocol error).
    if (e.num() != ENOENT) return ZmqError("disconnecting from " + endpoint, e);
  }
  try {
    socket.connect(endpoint);
  } catch (const zmq::error_t& e) {
    return ZmqError("connecting to " + endpoint, e);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// ConnectionMonitor

Result<std::unique_ptr<ConnectionMonitor>> ConnectionMonitor::Start(TransportContext& context,
                                                                    zmq::socket_t& socket) {
  const std::string endpoint = fmt::format("inproc://citynet-monitor-{}", next_monitor_id++);
  if (zmq_socket_monitor(socket.handle(), endpoint.c_str(), kMonitoredEvents) != 0) {
    return Internal(fmt::format("libzmq cannot monitor the socket: {}", zmq_strerror(errno)));
  }
  try {
    zmq::socket_t pipe(ZmqContext(context), zmq::socket_type::pair);
    pipe.set(zmq::sockopt::linger, 0);
    pipe.connect(endpoint);
    return std::unique_ptr<ConnectionMonitor>(
        new ConnectionMonitor(zmq::socket_ref(zmq::from_handle, socket.handle()), std::move(pipe)));
  } catch (const zmq::error_t& e) {
    zmq_socket_monitor(socket.handle(), nullptr, 0);
    return ZmqError("connecting to the socket monitor", e);
  }
}

ConnectionMonitor::~ConnectionMonitor() { zmq_socket_monitor(monitored_.handle(), nullptr, 0); }

Result<std::vector<ConnectionEvent>> ConnectionMonitor::ReadEvents(std::size_t max_events) {
  std::vector<ConnectionEvent> events;
  try {
    while (events.size() < max_events) {
      zmq::message_t head;
      if (!pipe_.recv(head, zmq::recv_flags::dontwait)) break;
      // libzmq sends both frames of an event at once: the second is there when the first is.
      zmq::message_t address;
      const bool shaped = head.more() && head.size() == 6 &&
                          pipe_.recv(address, zmq::recv_flags::dontwait) && !address.more();
      if (!shaped) {
        while (address.more() && pipe_.recv(address, zmq::recv_flags::dontwait)) {
        }
        return Internal(
            fmt::format("a socket monitor event of {} bytes is malformed", head.size()));
      }
      uint16_t id = 0;
      uint32_t value = 0;
      std::memcpy(&id, head.data(), sizeof(id));
      std::memcpy(&value, static_cast<const char*>(head.data()) + sizeof(id), sizeof(value));
      ConnectionEvent event;
      event.type = EventType(id);
      event.endpoint = address.to_string();
      event.value = event.type == ConnectionEventType::kOther ? id : value;
      events.push_back(std::move(event));
    }
  } catch (const zmq::error_t& e) {
    return ZmqError("reading socket monitor events", e);
  }
  return events;
}

}  // namespace citynet::node
