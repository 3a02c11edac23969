// Tests of the mesh's transport security over real sockets on 127.0.0.1. Waits are bounded by
// zmq::poll timeouts; a "nothing arrives" check starts only after the monitor reported that the
// connection was refused, and then listens for a short quiet period.
#include "node/net/transport.h"

#include <gtest/gtest.h>
#include <zmq.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <zmq.hpp>

#include "node/net/internal/curve_socket.h"
#include "protocol/crypto.h"

namespace citynet::node {
namespace {

using protocol::TransportKey;
using std::chrono::milliseconds;

constexpr milliseconds kWait{1500};  // upper bound for something that must happen
constexpr milliseconds kQuiet{150};  // how long to listen for something that must not
constexpr char kDomain[] = "citynet-test";

bool Readable(zmq::socket_t& socket, milliseconds timeout) {
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  return zmq::poll(&item, 1, timeout) > 0;
}

std::vector<zmq::message_t> ReceiveMessage(zmq::socket_t& socket) {
  std::vector<zmq::message_t> frames;
  do {
    zmq::message_t frame;
    if (!socket.recv(frame, zmq::recv_flags::dontwait)) break;
    frames.push_back(std::move(frame));
  } while (frames.back().more());
  return frames;
}

void SendStrings(zmq::socket_t& socket, const std::vector<std::string>& frames) {
  for (std::size_t i = 0; i < frames.size(); ++i) {
    socket.send(zmq::buffer(frames[i]),
                i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
  }
}

std::vector<std::string> Strings(const std::vector<zmq::message_t>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) out.push_back(f.to_string());
  return out;
}

std::string KeyBytes(const TransportPublicKey& key) {
  return std::string(reinterpret_cast<const char*>(key.data.data()), key.data.size());
}

// A ConnectionMonitor that remembers what it read, so a test can wait for one event and later
// look at the others.
class EventLog {
 public:
  EventLog(TransportContext& context, zmq::socket_t& socket) {
    auto monitor = ConnectionMonitor::Start(context, socket);
    EXPECT_TRUE(monitor.ok()) << monitor.status().ToString();
    if (monitor.ok()) monitor_ = std::move(monitor).value();
  }

  // The first event of `type` not returned before, waiting up to `timeout` for it.
  std::optional<ConnectionEvent> WaitFor(ConnectionEventType type, milliseconds timeout = kWait) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      for (std::size_t i = 0; i < events_.size(); ++i) {
        if (!taken_[i] && events_[i].type == type) {
          taken_[i] = true;
          return events_[i];
        }
      }
      const auto left =
          std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
      if (!monitor_ || left.count() <= 0) return std::nullopt;
      if (Readable(monitor_->socket(), left)) ReadMore();
    }
  }

  // Reads what is queued now, then whatever arrives within `timeout`.
  const std::vector<ConnectionEvent>& Drain(milliseconds timeout) {
    while (monitor_ && Readable(monitor_->socket(), timeout)) ReadMore();
    return events_;
  }

  std::string Dump() const {
    std::string out;
    for (const auto& e : events_) out += "  " + DescribeConnectionEvent(e) + "\n";
    return out;
  }

 private:
  void ReadMore() {
    auto events = monitor_->ReadEvents();
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    for (auto& e : *events) {
      events_.push_back(std::move(e));
      taken_.push_back(false);
    }
  }

  std::unique_ptr<ConnectionMonitor> monitor_;
  std::vector<ConnectionEvent> events_;
  std::vector<bool> taken_;
};

class TransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(protocol::InitCrypto().ok()); }

  void SetUp() override {
    auto context = TransportContext::Create();
    ASSERT_TRUE(context.ok()) << context.status().ToString();
    context_ = std::move(context).value();
    options_.linger = milliseconds(0);
    options_.handshake_timeout = milliseconds(1000);
    StartZap({{alice_.public_key(), "alice"}});
  }

  void StartZap(Allowlist allowlist) {
    ZapHandler::Options zap_options;
    zap_options.domain = kDomain;
    zap_options.allowlist = std::move(allowlist);
    zap_options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      log_.emplace_back(line);
    };
    auto zap = ZapHandler::Start(*context_, std::move(zap_options));
    ASSERT_TRUE(zap.ok()) << zap.status().ToString();
    zap_ = std::move(zap).value();
  }

  std::vector<std::string> LogLines() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_;
  }

  // A ROUTER CURVE server bound to an ephemeral port; its endpoint goes to endpoint_.
  zmq::socket_t Server() {
    auto socket =
        OpenCurveServer(*context_, zmq::socket_type::router, server_key_, kDomain, options_);
    EXPECT_TRUE(socket.ok()) << socket.status().ToString();
    zmq::socket_t server = std::move(socket).value();
    server.bind("tcp://127.0.0.1:*");
    endpoint_ = server.get(zmq::sockopt::last_endpoint);
    return server;
  }

  // A DEALER CURVE client of the server, not yet connected.
  zmq::socket_t Client(const TransportKey& key, std::string_view routing_id = "") {
    auto socket = OpenCurveClient(*context_, zmq::socket_type::dealer, key,
                                  server_key_.public_key(), options_);
    EXPECT_TRUE(socket.ok()) << socket.status().ToString();
    zmq::socket_t client = std::move(socket).value();
    if (!routing_id.empty()) client.set(zmq::sockopt::routing_id, routing_id);
    return client;
  }

  // Sends `text` from a client and expects the server to receive it from `name`.
  void ExpectDelivered(zmq::socket_t& client, zmq::socket_t& server, const std::string& text,
                       const std::string& name) {
    client.send(zmq::buffer(text), zmq::send_flags::none);
    ASSERT_TRUE(Readable(server, kWait)) << "the server received nothing";
    auto frames = ReceiveMessage(server);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[1].to_string(), text);
    auto peer = PeerName(frames[1]);
    ASSERT_TRUE(peer.ok()) << peer.status().ToString();
    EXPECT_EQ(*peer, name);
  }

  // Checks, after the refusal was reported, that the client's message never reaches the server
  // and that the server cannot send to the client's routing id.
  void ExpectNothingPasses(zmq::socket_t& client, zmq::socket_t& server,
                           const std::string& routing_id) {
    EXPECT_FALSE(Readable(server, kQuiet)) << "a refused client's message reached the server";
    try {
      auto sent = server.send(zmq::buffer(routing_id), zmq::send_flags::sndmore);
      ADD_FAILURE() << "the server could address the refused client (" << sent.has_value() << ")";
    } catch (const zmq::error_t& e) {
      EXPECT_EQ(e.num(), EHOSTUNREACH) << e.what();  // ZMQ_ROUTER_MANDATORY
    }
    EXPECT_FALSE(Readable(client, kQuiet)) << "the refused client received something";
  }

  TransportKey server_key_ = TransportKey::Generate();
  TransportKey alice_ = TransportKey::Generate();
  TransportKey bob_ = TransportKey::Generate();
  TransportKey mallory_ = TransportKey::Generate();
  SocketOptions options_;
  std::string endpoint_;

  std::mutex log_mu_;
  std::vector<std::string> log_;
  // Destroyed in reverse: the handler before the context. Sockets are test-body locals, gone
  // before either.
  std::unique_ptr<TransportContext> context_;
  std::unique_ptr<ZapHandler> zap_;
};

// ---------------------------------------------------------------------------------------------

TEST(CheckZmqTest, PassesOnThisMachine) {
  const Status status = CheckZmq();
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST(CheckZmqTest, RefusesOldOrCurvelessLibzmq) {
  EXPECT_TRUE(CheckZmqFacts(4, 3, 3, true).ok());
  EXPECT_TRUE(CheckZmqFacts(4, 3, 4, true).ok());
  EXPECT_TRUE(CheckZmqFacts(4, 4, 0, true).ok());
  EXPECT_TRUE(CheckZmqFacts(5, 0, 0, true).ok());

  const Status old = CheckZmqFacts(4, 3, 2, true);
  EXPECT_EQ(old.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(old.message(),
            "libzmq 4.3.2 is older than 4.3.3, which ZAP domain enforcement needs: install "
            "libzmq5 >= 4.3.3");
  EXPECT_FALSE(CheckZmqFacts(4, 2, 9, true).ok());
  EXPECT_FALSE(CheckZmqFacts(3, 9, 9, true).ok());

  const Status curveless = CheckZmqFacts(4, 3, 4, false);
  EXPECT_EQ(curveless.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(curveless.message().find("CURVE"), std::string::npos) << curveless.message();
  EXPECT_NE(curveless.message().find("libsodium"), std::string::npos) << curveless.message();
}

TEST_F(TransportTest, AllowedClientExchangesBothWaysAndIsNamed) {
  zmq::socket_t server = Server();
  zmq::socket_t client = Client(alice_);
  client.connect(endpoint_);

  client.send(zmq::str_buffer("hello"), zmq::send_flags::none);
  ASSERT_TRUE(Readable(server, kWait));
  auto request = ReceiveMessage(server);
  ASSERT_EQ(request.size(), 2u);
  EXPECT_EQ(request[1].to_string(), "hello");
  auto name = PeerName(request[1]);
  ASSERT_TRUE(name.ok()) << name.status().ToString();
  EXPECT_EQ(*name, "alice");
  // libzmq 4.3.4 attaches no properties to the routing-id frame a ROUTER prepends.
  EXPECT_FALSE(PeerName(request[0]).ok());

  server.send(request[0], zmq::send_flags::sndmore);
  server.send(zmq::str_buffer("welcome"), zmq::send_flags::none);
  ASSERT_TRUE(Readable(client, kWait));
  auto reply = ReceiveMessage(client);
  ASSERT_EQ(reply.size(), 1u);
  EXPECT_EQ(reply[0].to_string(), "welcome");

  const ZapHandler::Stats stats = zap_->stats();
  EXPECT_EQ(stats.allowed, 1u);
  EXPECT_EQ(stats.denied(), 0u);
  EXPECT_TRUE(zap_->status().ok());
}

// The fail-open regression: an unknown key must get nothing, either way.
TEST_F(TransportTest, UnknownKeyGetsNothing) {
  zmq::socket_t server = Server();
  EventLog server_events(*context_, server);
  zmq::socket_t client = Client(mallory_, "mallory");
  EventLog client_events(*context_, client);
  client.connect(endpoint_);
  client.send(zmq::str_buffer("let me in"), zmq::send_flags::none);

  auto refused = server_events.WaitFor(ConnectionEventType::kHandshakeFailedAuth);
  ASSERT_TRUE(refused.has_value()) << server_events.Dump();
  EXPECT_EQ(refused->value, 400u);
  auto told = client_events.WaitFor(ConnectionEventType::kHandshakeFailedAuth);
  ASSERT_TRUE(told.has_value()) << client_events.Dump();
  EXPECT_EQ(told->value, 400u);

  ExpectNothingPasses(client, server, "mallory");

  const ZapHandler::Stats stats = zap_->stats();
  EXPECT_EQ(stats.denied_unknown_key, 1u);
  EXPECT_EQ(stats.allowed, 0u);
  EXPECT_EQ(stats.denied(), 1u);
  const auto lines = LogLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(mallory_.public_key().Hex()), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("unknown CURVE key"), std::string::npos) << lines[0];
  EXPECT_FALSE(server_events.WaitFor(ConnectionEventType::kHandshakeSucceeded, milliseconds(0)));
}

TEST_F(TransportTest, FailOpenServerConfigurationsCannotBeBuilt) {
  auto no_domain = OpenCurveServer(*context_, zmq::socket_type::router, server_key_, "", options_);
  EXPECT_EQ(no_domain.status().code(), StatusCode::kInvalidArgument);

  auto other_domain =
      OpenCurveServer(*context_, zmq::socket_type::router, server_key_, "other", options_);
  EXPECT_EQ(other_domain.status().code(), StatusCode::kFailedPrecondition);

  auto bare = TransportContext::Create();
  ASSERT_TRUE(bare.ok());
  auto no_handler =
      OpenCurveServer(**bare, zmq::socket_type::router, server_key_, kDomain, options_);
  EXPECT_EQ(no_handler.status().code(), StatusCode::kFailedPrecondition)
      << no_handler.status().ToString();
}

TEST_F(TransportTest, ServerSocketReadsBackAsEnforcingCurve) {
  auto opened =
      OpenCurveServer(*context_, zmq::socket_type::router, server_key_, kDomain, options_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  zmq::socket_t& server = *opened;
  EXPECT_EQ(server.get(zmq::sockopt::mechanism), ZMQ_CURVE);
  EXPECT_EQ(server.get(zmq::sockopt::curve_server), 1);
  EXPECT_EQ(server.get(zmq::sockopt::zap_domain), kDomain);
  int enforce = 0;
  std::size_t size = sizeof(enforce);
  ASSERT_EQ(zmq_getsockopt(server.handle(), ZMQ_ZAP_ENFORCE_DOMAIN, &enforce, &size), 0);
  EXPECT_EQ(enforce, 1);
  EXPECT_EQ(server.get(zmq::sockopt::maxmsgsize), int64_t{8} << 20);
  EXPECT_EQ(server.get(zmq::sockopt::sndhwm), 1000);
  EXPECT_EQ(server.get(zmq::sockopt::linger), 0);
  EXPECT_EQ(server.get(zmq::sockopt::handshake_ivl), 1000);

  auto client = OpenCurveClient(*context_, zmq::socket_type::dealer, alice_,
                                server_key_.public_key(), options_);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  EXPECT_EQ(client->get(zmq::sockopt::mechanism), ZMQ_CURVE);
  EXPECT_EQ(client->get(zmq::sockopt::curve_server), 0);
}

TEST_F(TransportTest, BadOptionsAndKeysAreRefused) {
  SocketOptions unbounded = options_;
  unbounded.receive_hwm = 0;
  EXPECT_EQ(OpenCurveClient(*context_, zmq::socket_type::dealer, alice_, server_key_.public_key(),
                            unbounded)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  SocketOptions long_ttl = options_;
  long_ttl.heartbeat_ttl = milliseconds(7'000'000);
  EXPECT_EQ(ValidateSocketOptions(long_ttl).code(), StatusCode::kInvalidArgument);
  SocketOptions no_limit = options_;
  no_limit.max_message_bytes = 0;
  EXPECT_EQ(ValidateSocketOptions(no_limit).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateSocketOptions(SocketOptions{}).ok());

  EXPECT_EQ(
      OpenCurveClient(*context_, zmq::socket_type::dealer, alice_, TransportPublicKey{}, options_)
          .status()
          .code(),
      StatusCode::kInvalidArgument);
}

// These pin down the libzmq behaviour the helpers exist for: if one fails, libzmq changed.
// Each also shows that the "gets nothing" checks above would notice a fail-open server.
TEST_F(TransportTest, LibzmqAdmitsAnyKeyWithoutHandlerOrEnforcement) {
  zmq::context_t bare;  // no ZAP handler in it
  zmq::socket_t server(bare, zmq::socket_type::router);
  server.set(zmq::sockopt::linger, 0);
  server.set(zmq::sockopt::curve_server, 1);
  server.set(zmq::sockopt::curve_secretkey, zmq::const_buffer(server_key_.secret().data(), 32));
  server.set(zmq::sockopt::zap_domain, kDomain);  // a domain, but ZMQ_ZAP_ENFORCE_DOMAIN unset
  server.bind("tcp://127.0.0.1:*");
  zmq::socket_t client(bare, zmq::socket_type::dealer);
  client.set(zmq::sockopt::linger, 0);
  client.set(zmq::sockopt::curve_serverkey, KeyBytes(server_key_.public_key()));
  client.set(zmq::sockopt::curve_publickey, KeyBytes(mallory_.public_key()));
  client.set(zmq::sockopt::curve_secretkey, zmq::const_buffer(mallory_.secret().data(), 32));
  client.connect(server.get(zmq::sockopt::last_endpoint));
  client.send(zmq::str_buffer("anyone home?"), zmq::send_flags::none);
  ASSERT_TRUE(Readable(server, kWait)) << "libzmq no longer fails open here";
  auto frames = ReceiveMessage(server);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_FALSE(PeerName(frames[1]).ok()) << "no ZAP handler named the peer";
}

TEST_F(TransportTest, LibzmqSkipsTheHandlerForAnEmptyDomainEvenWhenEnforcing) {
  zmq::socket_t server(ZmqContext(*context_), zmq::socket_type::router);  // handler running
  server.set(zmq::sockopt::linger, 0);
  server.set(zmq::sockopt::curve_server, 1);
  server.set(zmq::sockopt::curve_secretkey, zmq::const_buffer(server_key_.secret().data(), 32));
  int one = 1;
  ASSERT_EQ(zmq_setsockopt(server.handle(), ZMQ_ZAP_ENFORCE_DOMAIN, &one, sizeof(one)), 0);
  server.bind("tcp://127.0.0.1:*");
  zmq::socket_t client = Client(mallory_);
  client.connect(server.get(zmq::sockopt::last_endpoint));
  client.send(zmq::str_buffer("anyone home?"), zmq::send_flags::none);
  ASSERT_TRUE(Readable(server, kWait)) << "libzmq no longer fails open here";
  EXPECT_EQ(zap_->stats().allowed + zap_->stats().denied(), 0u) << "the handler was asked";
}

TEST_F(TransportTest, PlaintextClientGetsNothing) {
  zmq::socket_t server = Server();
  EventLog server_events(*context_, server);
  zmq::socket_t client(ZmqContext(*context_), zmq::socket_type::dealer);  // NULL mechanism
  client.set(zmq::sockopt::linger, 0);
  client.set(zmq::sockopt::routing_id, "plain");
  client.connect(endpoint_);
  client.send(zmq::str_buffer("hello in the clear"), zmq::send_flags::none);

  auto refused = server_events.WaitFor(ConnectionEventType::kHandshakeFailedProtocol);
  ASSERT_TRUE(refused.has_value()) << server_events.Dump();
  EXPECT_EQ(refused->value, static_cast<uint32_t>(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH));
  EXPECT_NE(DescribeConnectionEvent(*refused).find("mechanism mismatch"), std::string::npos);
  ExpectNothingPasses(client, server, "plain");
  EXPECT_EQ(zap_->stats().allowed, 0u);
}

TEST_F(TransportTest, ClientWithWrongServerKeyGetsNothing) {
  zmq::socket_t server = Server();
  EventLog server_events(*context_, server);
  const TransportKey impostor = TransportKey::Generate();
  auto opened =
      OpenCurveClient(*context_, zmq::socket_type::dealer, alice_, impostor.public_key(), options_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  zmq::socket_t client = std::move(opened).value();
  client.set(zmq::sockopt::routing_id, "lost");
  EventLog client_events(*context_, client);
  client.connect(endpoint_);
  client.send(zmq::str_buffer("hello?"), zmq::send_flags::none);

  auto refused = server_events.WaitFor(ConnectionEventType::kHandshakeFailedProtocol);
  ASSERT_TRUE(refused.has_value()) << server_events.Dump();
  EXPECT_EQ(refused->value, static_cast<uint32_t>(ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC));
  ExpectNothingPasses(client, server, "lost");
  EXPECT_FALSE(client_events.WaitFor(ConnectionEventType::kHandshakeSucceeded, milliseconds(0)))
      << client_events.Dump();
  EXPECT_EQ(zap_->stats().allowed, 0u);
}

TEST_F(TransportTest, KeyRemovedAtRunTimeIsRefusedOnItsNextConnection) {
  zmq::socket_t server = Server();
  EventLog server_events(*context_, server);
  zmq::socket_t first = Client(alice_);
  first.connect(endpoint_);
  ExpectDelivered(first, server, "before", "alice");

  ASSERT_TRUE(zap_->SetAllowlist({{bob_.public_key(), "bob"}}).ok());

  zmq::socket_t second = Client(alice_, "alice-again");
  second.connect(endpoint_);
  second.send(zmq::str_buffer("after"), zmq::send_flags::none);
  ASSERT_TRUE(server_events.WaitFor(ConnectionEventType::kHandshakeFailedAuth).has_value())
      << server_events.Dump();
  ExpectNothingPasses(second, server, "alice-again");
  EXPECT_EQ(zap_->stats().denied_unknown_key, 1u);

  // ZAP runs at the handshake only: the connection admitted before the change stays up, which
  // is why the event loop checks each message's User-Id against the roster.
  ExpectDelivered(first, server, "still here", "alice");
}

TEST_F(TransportTest, MalformedZapRequestsGet400AndTheHandlerKeepsServing) {
  // A requester that vanishes before its reply. Its request stays queued; the handler's ROUTER
  // reads its peers in turn, so it has been served before the second reply below arrives.
  {
    zmq::socket_t gone(ZmqContext(*context_), zmq::socket_type::req);
    gone.set(zmq::sockopt::linger, 0);
    gone.connect(kZapEndpoint);
    SendStrings(gone, {"1.0"});
  }
  zmq::socket_t req(ZmqContext(*context_), zmq::socket_type::req);
  req.set(zmq::sockopt::linger, 0);
  req.connect(kZapEndpoint);
  const std::string alice_key = KeyBytes(alice_.public_key());
  auto ask = [&req](const std::vector<std::string>& request) -> std::vector<std::string> {
    SendStrings(req, request);
    if (!Readable(req, kWait)) return {"no reply"};
    return Strings(ReceiveMessage(req));
  };

  // Wrong frame count, wrong version, a 31-byte key.
  auto reply = ask({"1.0", "7", kDomain});
  ASSERT_EQ(reply.size(), 6u);
  EXPECT_EQ(reply[0], "1.0");
  EXPECT_EQ(reply[1], "7");
  EXPECT_EQ(reply[2], "400");
  EXPECT_EQ(reply[4], "");
  reply = ask({"2.0", "1", kDomain, "127.0.0.1", "", "CURVE", alice_key});
  ASSERT_EQ(reply.size(), 6u);
  EXPECT_EQ(reply[2], "400");
  EXPECT_EQ(reply[4], "");
  reply = ask({"1.0", "1", kDomain, "127.0.0.1", "", "CURVE", alice_key.substr(0, 31)});
  ASSERT_EQ(reply.size(), 6u);
  EXPECT_EQ(reply[2], "400");
  EXPECT_EQ(reply[4], "");
  // A CURVE request with two credential frames, a NULL request, another domain.
  reply = ask({"1.0", "1", kDomain, "127.0.0.1", "", "CURVE", alice_key, alice_key});
  EXPECT_EQ(reply.at(2), "400");
  reply = ask({"1.0", "1", kDomain, "127.0.0.1", "", "NULL"});
  EXPECT_EQ(reply.at(2), "400");
  reply = ask({"1.0", "1", "elsewhere", "127.0.0.1", "", "CURVE", alice_key});
  EXPECT_EQ(reply.at(2), "400");
  // A well-formed request for a known key, through the same path.
  reply = ask({"1.0", "9", kDomain, "127.0.0.1", "", "CURVE", alice_key});
  ASSERT_EQ(reply.size(), 6u);
  EXPECT_EQ(reply[1], "9");
  EXPECT_EQ(reply[2], "200");
  EXPECT_EQ(reply[4], "alice");

  // A requester without the empty delimiter frame.
  zmq::socket_t dealer(ZmqContext(*context_), zmq::socket_type::dealer);
  dealer.set(zmq::sockopt::linger, 0);
  dealer.connect(kZapEndpoint);
  SendStrings(dealer, {"1.0", "1", kDomain, "127.0.0.1", "", "CURVE", alice_key});
  ASSERT_TRUE(Readable(dealer, kWait));
  reply = Strings(ReceiveMessage(dealer));
  ASSERT_EQ(reply.size(), 6u);
  EXPECT_EQ(reply[2], "400");

  // The handler still admits a real client.
  zmq::socket_t server = Server();
  zmq::socket_t client = Client(alice_);
  client.connect(endpoint_);
  ExpectDelivered(client, server, "still serving", "alice");

  const ZapHandler::Stats stats = zap_->stats();
  EXPECT_EQ(stats.denied_wrong_mechanism, 1u);
  EXPECT_EQ(stats.denied_wrong_domain, 1u);
  EXPECT_EQ(stats.allowed, 2u);
  // The vanished requester's, three, two credential frames, no delimiter.
  EXPECT_EQ(stats.denied_malformed, 6u);
  EXPECT_TRUE(zap_->status().ok());
  EXPECT_EQ(LogLines().size(), 8u);
}

TEST_F(TransportTest, MonitorReportsConnectAndDisconnect) {
  zmq::socket_t server = Server();
  std::optional<EventLog> server_events;
  server_events.emplace(*context_, server);
  {
    zmq::socket_t client = Client(alice_);
    EventLog client_events(*context_, client);
    client.connect(endpoint_);

    auto connected = client_events.WaitFor(ConnectionEventType::kConnected);
    ASSERT_TRUE(connected.has_value()) << client_events.Dump();
    EXPECT_EQ(connected->endpoint, endpoint_);
    ASSERT_TRUE(client_events.WaitFor(ConnectionEventType::kHandshakeSucceeded).has_value())
        << client_events.Dump();
    ASSERT_TRUE(server_events->WaitFor(ConnectionEventType::kConnected).has_value());
    auto admitted = server_events->WaitFor(ConnectionEventType::kHandshakeSucceeded);
    ASSERT_TRUE(admitted.has_value()) << server_events->Dump();
    // A listening socket's events name its own endpoint, not the peer's.
    EXPECT_EQ(admitted->endpoint, endpoint_);
  }  // the client (and its monitor) close
  auto gone = server_events->WaitFor(ConnectionEventType::kDisconnected);
  ASSERT_TRUE(gone.has_value()) << server_events->Dump();
  EXPECT_EQ(gone->endpoint, endpoint_);

  // A lost connection on the client's side: libzmq retries by itself, and says so.
  zmq::socket_t client = Client(alice_);
  EventLog client_events(*context_, client);
  client.connect(endpoint_);
  ASSERT_TRUE(client_events.WaitFor(ConnectionEventType::kHandshakeSucceeded).has_value());
  server_events.reset();  // a monitor goes before the socket it watches
  server.close();
  auto lost = client_events.WaitFor(ConnectionEventType::kDisconnected);
  ASSERT_TRUE(lost.has_value()) << client_events.Dump();
  EXPECT_EQ(lost->endpoint, endpoint_);
  EXPECT_TRUE(client_events.WaitFor(ConnectionEventType::kConnectRetried).has_value())
      << client_events.Dump();
}

TEST_F(TransportTest, AfterAnAuthFailureOnlyAnExplicitReconnectRetries) {
  options_.reconnect_interval = milliseconds(10);
  zmq::socket_t server = Server();
  zmq::socket_t client = Client(bob_);  // not allowed yet
  EventLog client_events(*context_, client);
  auto tracker = ReconnectTracker::Create({milliseconds(100), milliseconds(1000), 2.0, 0.0}, 1);
  ASSERT_TRUE(tracker.ok());
  const auto t0 = ReconnectTracker::Clock::now();

  client.connect(endpoint_);
  client.send(zmq::str_buffer("first"), zmq::send_flags::none);
  ASSERT_TRUE(client_events.WaitFor(ConnectionEventType::kHandshakeFailedAuth).has_value())
      << client_events.Dump();
  ASSERT_TRUE(client_events.WaitFor(ConnectionEventType::kDisconnected).has_value())
      << client_events.Dump();

  // bob becomes a member, but libzmq does not try again, even with a 10 ms retry interval.
  ASSERT_TRUE(
      zap_->SetAllowlist({{alice_.public_key(), "alice"}, {bob_.public_key(), "bob"}}).ok());
  for (const auto& event : client_events.Drain(kQuiet)) {
    EXPECT_NE(event.type, ConnectionEventType::kConnectRetried) << client_events.Dump();
    tracker->OnEvent(event, t0);
  }
  EXPECT_EQ(zap_->stats().denied_unknown_key, 1u);
  EXPECT_EQ(zap_->stats().allowed, 0u);

  // The tracker asks for a reconnection once the back-off has passed.
  EXPECT_EQ(tracker->NextDue(), t0 + milliseconds(100));
  EXPECT_TRUE(tracker->TakeDue(t0 + milliseconds(99)).empty());
  const auto due = tracker->TakeDue(t0 + milliseconds(100));
  ASSERT_EQ(due, std::vector<std::string>{endpoint_});
  EXPECT_EQ(tracker->failures(endpoint_), 1);

  ASSERT_TRUE(Reconnect(client, due[0]).ok());
  auto admitted = client_events.WaitFor(ConnectionEventType::kHandshakeSucceeded);
  ASSERT_TRUE(admitted.has_value()) << client_events.Dump();
  tracker->OnEvent(*admitted, t0 + milliseconds(200));
  EXPECT_EQ(tracker->failures(endpoint_), 0);
  EXPECT_FALSE(tracker->NextDue().has_value());
  ExpectDelivered(client, server, "second", "bob");
}

TEST_F(TransportTest, OversizeMessageDropsTheConnectionForGood) {
  options_.reconnect_interval = milliseconds(10);
  zmq::socket_t server = Server();
  SocketOptions small = options_;
  small.max_message_bytes = 1000;
  auto opened =
      OpenCurveClient(*context_, zmq::socket_type::dealer, alice_, server_key_.public_key(), small);
  ASSERT_TRUE(opened.ok());
  zmq::socket_t client = std::move(opened).value();
  EventLog client_events(*context_, client);
  client.connect(endpoint_);
  client.send(zmq::str_buffer("hi"), zmq::send_flags::none);
  ASSERT_TRUE(Readable(server, kWait));
  auto request = ReceiveMessage(server);
  ASSERT_EQ(request.size(), 2u);

  server.send(request[0], zmq::send_flags::sndmore);
  server.send(zmq::buffer(std::string(5000, 'x')), zmq::send_flags::none);
  ASSERT_TRUE(client_events.WaitFor(ConnectionEventType::kDisconnected).has_value())
      << client_events.Dump();
  EXPECT_FALSE(client_events.WaitFor(ConnectionEventType::kConnectRetried, kQuiet).has_value())
      << client_events.Dump();
  EXPECT_FALSE(Readable(client, milliseconds(0)));
}

TEST_F(TransportTest, StoppedHandlerFailsClosed) {
  options_.handshake_timeout = milliseconds(300);
  zmq::socket_t server = Server();
  EventLog server_events(*context_, server);
  zap_.reset();
  zmq::socket_t client = Client(alice_, "alice");
  client.connect(endpoint_);
  client.send(zmq::str_buffer("anyone?"), zmq::send_flags::none);
  // Refused at once (EFAULT: no handler bound), or, when the ZAP request reached the handler's
  // socket while libzmq was still tearing it down, at the handshake timeout (EAGAIN).
  auto refused = server_events.WaitFor(ConnectionEventType::kHandshakeFailedNoDetail);
  ASSERT_TRUE(refused.has_value()) << server_events.Dump();
  EXPECT_TRUE(refused->value == EFAULT || refused->value == EAGAIN) << server_events.Dump();
  if (refused->value == EFAULT) {
    EXPECT_NE(DescribeConnectionEvent(*refused).find("no ZAP handler"), std::string::npos);
  }
  ExpectNothingPasses(client, server, "alice");
  EXPECT_EQ(OpenCurveServer(*context_, zmq::socket_type::router, server_key_, kDomain, options_)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(TransportTest, HandlerStartAndAllowlistAreValidated) {
  ZapHandler::Options second;
  second.domain = kDomain;
  EXPECT_EQ(ZapHandler::Start(*context_, second).status().code(), StatusCode::kAlreadyExists);

  auto bare = TransportContext::Create();
  ASSERT_TRUE(bare.ok());
  ZapHandler::Options empty_domain;
  EXPECT_EQ(ZapHandler::Start(**bare, empty_domain).status().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(zap_->SetAllowlist({{bob_.public_key(), ""}}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(zap_->SetAllowlist({{bob_.public_key(), std::string("b\0b", 3)}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(zap_->SetAllowlist({{TransportPublicKey{}, "zero"}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(zap_->domain(), kDomain);

  // The refused lists left alice's entry in place.
  zmq::socket_t server = Server();
  zmq::socket_t client = Client(alice_);
  client.connect(endpoint_);
  ExpectDelivered(client, server, "hello", "alice");
}

TEST_F(TransportTest, PeerNameNeedsAnAdmittedConnection) {
  zmq::socket_t a(ZmqContext(*context_), zmq::socket_type::pair);
  zmq::socket_t b(ZmqContext(*context_), zmq::socket_type::pair);
  a.bind("inproc://peer-name-test");
  b.connect("inproc://peer-name-test");
  b.send(zmq::str_buffer("hi"), zmq::send_flags::none);
  zmq::message_t message;
  ASSERT_TRUE(a.recv(message, zmq::recv_flags::none));
  EXPECT_EQ(PeerName(message).status().code(), StatusCode::kUnauthenticated);
}

// ---------------------------------------------------------------------------------------------
// Back-off and reconnect schedule

TEST(ReconnectBackoffTest, GrowsIsCappedAndResets) {
  auto backoff = ReconnectBackoff::Create({milliseconds(100), milliseconds(1000), 2.0, 0.0}, 7);
  ASSERT_TRUE(backoff.ok());
  std::vector<int64_t> delays;
  for (int i = 0; i < 7; ++i) delays.push_back(backoff->NextDelay().count());
  EXPECT_EQ(delays, (std::vector<int64_t>{100, 200, 400, 800, 1000, 1000, 1000}));
  EXPECT_EQ(backoff->failures(), 7);
  backoff->Reset();
  EXPECT_EQ(backoff->failures(), 0);
  EXPECT_EQ(backoff->NextDelay(), milliseconds(100));
}

TEST(ReconnectBackoffTest, JitterStaysWithinItsBandAndFollowsTheSeed) {
  const BackoffOptions options{milliseconds(100), milliseconds(5000), 2.0, 0.5};
  auto a = ReconnectBackoff::Create(options, 42);
  auto b = ReconnectBackoff::Create(options, 42);
  auto c = ReconnectBackoff::Create(options, 43);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  double base = 100;
  bool differs = false;
  for (int i = 0; i < 20; ++i) {
    const auto d = a->NextDelay();
    EXPECT_GE(d.count(), static_cast<int64_t>(base * 0.5) - 1) << "attempt " << i;
    EXPECT_LE(d.count(), static_cast<int64_t>(base)) << "attempt " << i;
    EXPECT_EQ(d, b->NextDelay());
    differs = differs || d != c->NextDelay();
    base = std::min(base * 2, 5000.0);
  }
  EXPECT_TRUE(differs);
}

TEST(ReconnectBackoffTest, RefusesBadOptions) {
  EXPECT_FALSE(ReconnectBackoff::Create({milliseconds(0), milliseconds(10), 2.0, 0.1}, 1).ok());
  EXPECT_FALSE(ReconnectBackoff::Create({milliseconds(10), milliseconds(5), 2.0, 0.1}, 1).ok());
  EXPECT_FALSE(ReconnectBackoff::Create({milliseconds(10), milliseconds(50), 0.5, 0.1}, 1).ok());
  EXPECT_FALSE(ReconnectBackoff::Create({milliseconds(10), milliseconds(50), 2.0, 1.5}, 1).ok());
  EXPECT_FALSE(ReconnectTracker::Create({milliseconds(10), milliseconds(50), 2.0, -0.1}, 1).ok());
}

TEST(ReconnectTrackerTest, SchedulesOnlyWhatLibzmqWillNotRetry) {
  auto tracker = ReconnectTracker::Create({milliseconds(100), milliseconds(400), 2.0, 0.0}, 1);
  ASSERT_TRUE(tracker.ok());
  const std::string ep = "tcp://10.0.0.2:7400";
  const auto t0 = ReconnectTracker::Clock::time_point() + std::chrono::hours(1);
  using T = ConnectionEventType;

  // A connection error: libzmq retries, the tracker stands down.
  tracker->OnEvent({T::kDisconnected, ep, 0}, t0);
  EXPECT_EQ(tracker->NextDue(), t0 + milliseconds(100));
  tracker->OnEvent({T::kConnectRetried, ep, 100}, t0);
  EXPECT_FALSE(tracker->NextDue().has_value());
  EXPECT_TRUE(tracker->TakeDue(t0 + std::chrono::hours(1)).empty());

  // A refused handshake and its disconnection: one failure, one reconnection, after back-off.
  tracker->OnEvent({T::kHandshakeFailedAuth, ep, 400}, t0);
  tracker->OnEvent({T::kDisconnected, ep, 0}, t0);
  EXPECT_EQ(tracker->NextDue(), t0 + milliseconds(200));
  EXPECT_EQ(tracker->failures(ep), 2);
  EXPECT_TRUE(tracker->TakeDue(t0 + milliseconds(199)).empty());
  EXPECT_EQ(tracker->TakeDue(t0 + milliseconds(200)), std::vector<std::string>{ep});
  EXPECT_TRUE(tracker->TakeDue(t0 + milliseconds(500)).empty());

  // Failing again and again: capped.
  for (int i = 0; i < 5; ++i) {
    tracker->OnEvent({T::kHandshakeFailedProtocol, ep, 0}, t0);
    tracker->OnEvent({T::kDisconnected, ep, 0}, t0);
    EXPECT_LE(*tracker->NextDue(), t0 + milliseconds(400));
    EXPECT_EQ(tracker->TakeDue(t0 + milliseconds(400)).size(), 1u);
  }
  EXPECT_EQ(tracker->NextDue(), std::nullopt);

  // Success resets; other endpoints are independent; Forget drops one.
  tracker->OnEvent({T::kDisconnected, "tcp://10.0.0.3:7400", 0}, t0);
  tracker->OnEvent({T::kHandshakeSucceeded, ep, 0}, t0);
  EXPECT_EQ(tracker->failures(ep), 0);
  EXPECT_EQ(tracker->NextDue(), t0 + milliseconds(100));
  tracker->Forget("tcp://10.0.0.3:7400");
  EXPECT_EQ(tracker->NextDue(), std::nullopt);
  // Events without an endpoint are ignored.
  tracker->OnEvent({T::kDisconnected, "", 0}, t0);
  EXPECT_EQ(tracker->NextDue(), std::nullopt);
}

TEST(ConnectionEventTest, Describes) {
  EXPECT_EQ(DescribeConnectionEvent({ConnectionEventType::kHandshakeFailedAuth, "tcp://a:1", 400}),
            "handshake failed (auth) on tcp://a:1: the ZAP handler answered 400");
  EXPECT_NE(DescribeConnectionEvent({ConnectionEventType::kHandshakeFailedProtocol, "tcp://a:1",
                                     ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC})
                .find("wrong server key"),
            std::string::npos);
  EXPECT_EQ(ConnectionEventTypeName(ConnectionEventType::kDisconnected), "disconnected");
}

}  // namespace
}  // namespace citynet::node
