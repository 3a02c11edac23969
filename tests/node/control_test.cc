// The control channel: frames and messages (protocol/control.h), the daemon's socket
// (node/control_server.h) and the CLI's client (tools/control_client.h), end to end over a real
// Unix socket. The server runs its poll loop on a thread of its own; the test thread reaches the
// server object only through ServerThread::Run, which runs a function on that thread.
#include "protocol/control.h"

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "node/daemon/control_server.h"
#include "node/net/event_loop.h"
#include "node/net/executor.h"
#include "tests/protocol/test_util.h"
#include "tools/control_client.h"

namespace citynet {
namespace {

using nlohmann::json;
using node::AdmitPeer;
using node::ControlServer;
using node::ControlServerOptions;
using node::PeerCredentials;
using tools::ControlClient;
using namespace std::chrono_literals;
namespace control = protocol::control;

// ---------------------------------------------------------------------------------------------
// Frames

std::string BodyOf(const Bytes& frame) { return std::string(frame.begin() + 4, frame.end()); }

Bytes RawFrame(std::string_view body) {
  auto n = static_cast<uint32_t>(body.size());
  Bytes out = {static_cast<uint8_t>(n >> 24), static_cast<uint8_t>(n >> 16),
               static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

TEST(ControlFrameTest, RoundTrip) {
  json message = {{"v", 1}, {"id", 7}, {"op", "status"}, {"args", {{"k", "vä"}}}};
  Bytes frame = control::EncodeFrame(message);
  std::string body = BodyOf(frame);
  ASSERT_EQ(frame.size(), 4 + body.size());
  EXPECT_EQ(frame[0], 0);
  EXPECT_EQ(frame[1], 0);
  EXPECT_EQ(frame[2], 0);
  EXPECT_EQ(frame[3], body.size());
  control::FrameReader reader;
  reader.Feed(frame);
  auto got = reader.Next();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, message);
  auto none = reader.Next();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(ControlFrameTest, LengthIsBigEndian) {
  json message = {{"s", std::string(300, 'a')}};
  Bytes frame = control::EncodeFrame(message);
  std::size_t n = frame.size() - 4;
  EXPECT_EQ(frame[2], (n >> 8) & 0xff);
  EXPECT_EQ(frame[3], n & 0xff);
}

TEST(ControlFrameTest, SplitOneByteAtATime) {
  json message = {{"op", "x"}, {"n", 12345}};
  Bytes frame = control::EncodeFrame(message);
  control::FrameReader reader;
  for (std::size_t i = 0; i < frame.size(); ++i) {
    auto none = reader.Next();
    ASSERT_TRUE(none.ok());
    ASSERT_FALSE(none->has_value()) << "complete after " << i << " bytes";
    reader.Feed(ByteView(&frame[i], 1));
  }
  auto got = reader.Next();
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, message);
}

TEST(ControlFrameTest, CoalescedFramesAndATail) {
  Bytes stream;
  for (int i = 1; i <= 3; ++i) {
    Bytes f = control::EncodeFrame(json{{"id", i}});
    stream.insert(stream.end(), f.begin(), f.end());
  }
  Bytes fourth = control::EncodeFrame(json{{"id", 4}});
  stream.insert(stream.end(), fourth.begin(), fourth.begin() + 6);
  control::FrameReader reader;
  reader.Feed(stream);
  for (int i = 1; i <= 3; ++i) {
    auto got = reader.Next();
    ASSERT_TRUE(got.ok());
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ((**got)["id"], i);
  }
  auto none = reader.Next();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  reader.Feed(ByteView(fourth).subspan(6));
  auto got = reader.Next();
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((**got)["id"], 4);
}

TEST(ControlFrameTest, OversizeLengthFailsBeforeTheBodyArrivesAndStaysFailed) {
  uint32_t n = control::kMaxFrameBytes + 1;
  Bytes header = {static_cast<uint8_t>(n >> 24), static_cast<uint8_t>(n >> 16),
                  static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)};
  control::FrameReader reader;
  reader.Feed(header);
  auto got = reader.Next();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("over the limit"), std::string::npos);
  EXPECT_TRUE(reader.failed());
  // A valid frame afterwards does not resynchronise the stream.
  reader.Feed(control::EncodeFrame(json{{"id", 1}}));
  auto again = reader.Next();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status(), got.status());
}

TEST(ControlFrameTest, SmallerLimit) {
  control::FrameReader reader(16);
  reader.Feed(control::EncodeFrame(json{{"s", std::string(20, 'a')}}));
  EXPECT_EQ(reader.Next().status().code(), StatusCode::kInvalidArgument);
}

TEST(ControlFrameTest, ZeroLength) {
  control::FrameReader reader;
  reader.Feed(Bytes{0, 0, 0, 0});
  auto got = reader.Next();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("length 0"), std::string::npos);
}

TEST(ControlFrameTest, InvalidJson) {
  for (std::string_view body : {"{", "{\"a\":}", "nope", "{\"a\":1} x", "{\"s\":\"\xff\"}"}) {
    control::FrameReader reader;
    reader.Feed(RawFrame(body));
    auto got = reader.Next();
    ASSERT_FALSE(got.ok()) << body;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(got.status().message().find("not valid JSON"), std::string::npos);
  }
}

TEST(ControlFrameTest, NonObject) {
  for (std::string_view body : {"[1,2]", "\"x\"", "3", "null", "true"}) {
    control::FrameReader reader;
    reader.Feed(RawFrame(body));
    auto got = reader.Next();
    ASSERT_FALSE(got.ok()) << body;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(got.status().message().find("not an object"), std::string::npos) << body;
  }
}

TEST(ControlFrameTest, NestingLimit) {
  auto nested = [](int depth) {
    std::string s = "{\"a\":";
    for (int i = 1; i < depth; ++i) s += "[";
    s += "0";
    for (int i = 1; i < depth; ++i) s += "]";
    return s + "}";
  };
  {
    control::FrameReader reader;
    reader.Feed(RawFrame(nested(control::kMaxJsonDepth)));
    auto got = reader.Next();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_TRUE(got->has_value());
  }
  {
    control::FrameReader reader;
    reader.Feed(RawFrame(nested(control::kMaxJsonDepth + 1)));
    EXPECT_EQ(reader.Next().status().code(), StatusCode::kInvalidArgument);
  }
  {
    // Brackets inside strings (escaped quotes included) are text, not nesting.
    std::string s = "{\"a\":\"\\\"" + std::string(500, '[') + "\"}";
    control::FrameReader reader;
    reader.Feed(RawFrame(s));
    auto got = reader.Next();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_TRUE(got->has_value());
  }
  {
    // A hostile frame of nothing but '[' is refused without a deep parse.
    control::FrameReader reader;
    reader.Feed(RawFrame(std::string(1 << 20, '[')));
    EXPECT_EQ(reader.Next().status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ControlFrameTest, InvalidUtf8IsReplacedNotThrown) {
  json message = {{"s", std::string("a\xff"
                                    "b")}};
  Bytes frame;
  ASSERT_NO_THROW(frame = control::EncodeFrame(message));
  control::FrameReader reader;
  reader.Feed(frame);
  auto got = reader.Next();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((**got)["s"],
            "a\xEF\xBF\xBD"
            "b");
}

// ---------------------------------------------------------------------------------------------
// Messages

TEST(ControlMessageTest, RequestRoundTrip) {
  control::Request request{42, "case.search", json{{"q", "bike"}}};
  json j = control::ToJson(request);
  EXPECT_EQ(j, json::parse(R"({"v":1,"id":42,"op":"case.search","args":{"q":"bike"}})"));
  auto back = control::ParseRequest(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, 42u);
  EXPECT_EQ(back->op, "case.search");
  EXPECT_EQ(back->args, request.args);
}

TEST(ControlMessageTest, ArgsDefaultToEmptyObject) {
  auto r = control::ParseRequest(json::parse(R"({"v":1,"id":1,"op":"status"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->args, json::object());
  control::Request null_args{1, "status", json()};
  EXPECT_EQ(control::ToJson(null_args)["args"], json::object());
}

TEST(ControlMessageTest, RequestErrors) {
  struct Case {
    const char* json_text;
    StatusCode code;
    const char* needle;
  };
  const Case cases[] = {
      {R"({"id":1,"op":"status"})", StatusCode::kInvalidArgument, "\"v\""},
      {R"({"v":"1","id":1,"op":"status"})", StatusCode::kInvalidArgument, "\"v\""},
      {R"({"v":2,"id":1,"op":"status"})", StatusCode::kUnimplemented, "version 2"},
      {R"({"v":1,"op":"status"})", StatusCode::kInvalidArgument, "\"id\""},
      {R"({"v":1,"id":-1,"op":"status"})", StatusCode::kInvalidArgument, "\"id\""},
      {R"({"v":1,"id":1.5,"op":"status"})", StatusCode::kInvalidArgument, "\"id\""},
      {R"({"v":1,"id":1})", StatusCode::kInvalidArgument, "no \"op\""},
      {R"({"v":1,"id":1,"op":7})", StatusCode::kInvalidArgument, "\"op\" must be a string"},
      {R"({"v":1,"id":1,"op":""})", StatusCode::kInvalidArgument, "[a-z0-9._-]"},
      {R"({"v":1,"id":1,"op":"Status"})", StatusCode::kInvalidArgument, "[a-z0-9._-]"},
      {R"({"v":1,"id":1,"op":"a b"})", StatusCode::kInvalidArgument, "[a-z0-9._-]"},
      {R"({"v":1,"id":1,"op":"status","args":[1]})", StatusCode::kInvalidArgument, "\"args\""},
      {R"({"v":1,"id":1,"op":"status","args":null})", StatusCode::kInvalidArgument, "\"args\""},
      {R"([1])", StatusCode::kInvalidArgument, "not an object"},
  };
  for (const Case& c : cases) {
    auto r = control::ParseRequest(json::parse(c.json_text));
    ASSERT_FALSE(r.ok()) << c.json_text;
    EXPECT_EQ(r.status().code(), c.code) << c.json_text << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.needle), std::string::npos)
        << c.json_text << ": " << r.status().ToString();
  }
  // Unimplemented names both versions.
  auto v2 = control::ParseRequest(json::parse(R"({"v":2,"id":1,"op":"status"})"));
  EXPECT_NE(v2.status().message().find("version 1"), std::string::npos);
}

TEST(ControlMessageTest, OpLength) {
  std::string op64(64, 'a');
  EXPECT_TRUE(control::ParseRequest(control::ToJson({1, op64, json::object()})).ok());
  EXPECT_FALSE(control::ParseRequest(control::ToJson({1, op64 + "a", json::object()})).ok());
  EXPECT_TRUE(control::ParseRequest(control::ToJson({1, "a.b_c-9", json::object()})).ok());
}

TEST(ControlMessageTest, MessageId) {
  EXPECT_EQ(control::MessageId(json::parse(R"({"id":9})")), 9u);
  EXPECT_EQ(control::MessageId(json::parse(R"({"id":-9})")), 0u);
  EXPECT_EQ(control::MessageId(json::parse(R"({"id":"9"})")), 0u);
  EXPECT_EQ(control::MessageId(json::parse(R"([9])")), 0u);
}

TEST(ControlMessageTest, Responses) {
  json ok = control::OkResponse(3, json{{"n", 1}});
  EXPECT_EQ(ok, json::parse(R"({"v":1,"id":3,"ok":true,"result":{"n":1}})"));
  auto r = control::ParseResponse(ok, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, json({{"n", 1}}));

  json err = control::ErrorResponse(4, NotFound("no record abc"));
  EXPECT_EQ(
      err,
      json::parse(
          R"({"v":1,"id":4,"ok":false,"error":{"code":"not_found","message":"no record abc"}})"));
  auto e = control::ParseResponse(err, 4);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status(), NotFound("no record abc"));

  // An error about the connection (id 0) is the answer to any request.
  auto conn = control::ParseResponse(control::ErrorResponse(0, ResourceExhausted("busy")), 17);
  EXPECT_EQ(conn.status(), ResourceExhausted("busy"));

  // A null result is a result.
  auto null_result = control::ParseResponse(control::OkResponse(5, json()), 5);
  ASSERT_TRUE(null_result.ok());
  EXPECT_TRUE(null_result->is_null());

  // An ok status cannot become an error response.
  EXPECT_EQ(control::ParseResponse(control::ErrorResponse(6, Status::Ok()), 6).status().code(),
            StatusCode::kInternal);
}

TEST(ControlMessageTest, ResponseErrors) {
  auto unknown = control::ParseResponse(
      json::parse(R"({"v":1,"id":1,"ok":false,"error":{"code":"on_fire","message":"m"}})"), 1);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInternal);
  EXPECT_NE(unknown.status().message().find("on_fire"), std::string::npos);
  EXPECT_NE(unknown.status().message().find(": m"), std::string::npos);

  auto other_id = control::ParseResponse(control::OkResponse(2, 1), 1);
  EXPECT_EQ(other_id.status().code(), StatusCode::kInternal);
  EXPECT_NE(other_id.status().message().find("malformed response"), std::string::npos);

  auto v2 = control::ParseResponse(json::parse(R"({"v":2,"id":1,"ok":true,"result":1})"), 1);
  EXPECT_EQ(v2.status().code(), StatusCode::kUnimplemented);

  for (const char* text : {
           R"([1])",
           R"({"v":1,"ok":true,"result":1})",
           R"({"v":1,"id":1,"result":1})",
           R"({"v":1,"id":1,"ok":"yes","result":1})",
           R"({"v":1,"id":1,"ok":true})",
           R"({"v":1,"id":1,"ok":false})",
           R"({"v":1,"id":1,"ok":false,"error":"bad"})",
           R"({"v":1,"id":1,"ok":false,"error":{"code":5,"message":"m"}})",
           R"({"v":1,"id":1,"ok":false,"error":{"code":"internal"}})",
           R"({"v":1,"id":1,"ok":false,"error":{"code":"ok","message":"m"}})",
       }) {
    auto r = control::ParseResponse(json::parse(text), 1);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInternal) << text;
  }
}

TEST(ControlMessageTest, EveryStatusCodeSlugRoundTrips) {
  const std::vector<std::pair<StatusCode, std::string>> expected = {
      {StatusCode::kInvalidArgument, "invalid_argument"},
      {StatusCode::kNotFound, "not_found"},
      {StatusCode::kAlreadyExists, "already_exists"},
      {StatusCode::kPermissionDenied, "permission_denied"},
      {StatusCode::kResourceExhausted, "resource_exhausted"},
      {StatusCode::kFailedPrecondition, "failed_precondition"},
      {StatusCode::kUnavailable, "unavailable"},
      {StatusCode::kUnauthenticated, "unauthenticated"},
      {StatusCode::kDataLoss, "data_loss"},
      {StatusCode::kInternal, "internal"},
      {StatusCode::kUnimplemented, "unimplemented"},
      {StatusCode::kDeadlineExceeded, "deadline_exceeded"},
      {StatusCode::kCancelled, "cancelled"},
      {StatusCode::kAborted, "aborted"},
      {StatusCode::kOutOfRange, "out_of_range"},
  };
  for (const auto& [code, slug] : expected) {
    EXPECT_EQ(control::StatusCodeSlug(code), slug);
    EXPECT_EQ(control::StatusCodeFromSlug(slug), code) << slug;
    Status s(code, "message for " + slug);
    auto r = control::ParseResponse(control::ErrorResponse(11, s), 11);
    EXPECT_EQ(r.status(), s) << slug;
  }
  EXPECT_EQ(control::StatusCodeSlug(StatusCode::kOk), "ok");
  EXPECT_EQ(control::StatusCodeFromSlug("ok"), StatusCode::kOk);
  EXPECT_EQ(control::StatusCodeFromSlug("not found"), std::nullopt);
  EXPECT_EQ(control::StatusCodeFromSlug(""), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Admission

TEST(AdmitPeerTest, Decisions) {
  const uid_t self_uid = 990;
  const gid_t self_gid = 985;
  EXPECT_TRUE(AdmitPeer({1, 0, 0}, self_uid, self_gid, {}));               // root
  EXPECT_TRUE(AdmitPeer({1, 990, 100}, self_uid, self_gid, {}));           // the daemon's user
  EXPECT_TRUE(AdmitPeer({1, 1000, 985}, self_uid, self_gid, {}));          // primary group
  EXPECT_TRUE(AdmitPeer({1, 1000, 1000}, self_uid, self_gid, {27, 985}));  // supplementary
  EXPECT_FALSE(AdmitPeer({1, 1000, 1000}, self_uid, self_gid, {}));
  EXPECT_FALSE(AdmitPeer({1, 1000, 1000}, self_uid, self_gid, {27, 100, 1000}));
  EXPECT_FALSE(AdmitPeer({1, 65534, 65534}, self_uid, self_gid, {}));
}

// ---------------------------------------------------------------------------------------------
// End to end

// A directory for socket files whose paths fit sun_path.
class SocketDir {
 public:
  SocketDir() {
    if (temp_.path().size() + 16 < sizeof(sockaddr_un::sun_path)) {
      path_ = temp_.path();
    } else {
      char tmpl[] = "/tmp/cn-XXXXXX";
      if (::mkdtemp(tmpl) == nullptr) std::abort();
      path_ = tmpl;
      own_ = true;
    }
  }
  ~SocketDir() {
    if (own_) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }
  const std::string& path() const { return path_; }

 private:
  testing::TempDir temp_;
  std::string path_;
  bool own_ = false;
};

Result<json> TestHandler(const std::string& op, const json& args, const PeerCredentials& peer) {
  if (op == "echo") return json{{"op", op}, {"args", args}};
  if (op == "whoami") return json{{"pid", peer.pid}, {"uid", peer.uid}, {"gid", peer.gid}};
  if (op == "fail") return NotFound("no record abc");
  if (op == "boom") throw std::runtime_error("kaboom");
  if (op == "boom.int") throw 7;
  if (op == "big") return json(std::string(args.at("n").get<std::size_t>(), 'x'));
  return Unimplemented("no op " + op);
}

// Runs a ControlServer's poll loop on its own thread, like citynetd's event loop.
class ServerThread {
 public:
  explicit ServerThread(std::unique_ptr<ControlServer> server) : server_(std::move(server)) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) std::abort();
    thread_ = std::thread([this] { Loop(); });
  }
  ~ServerThread() {
    stop_ = true;
    Wake();
    thread_.join();
    server_.reset();
    ::close(wake_[0]);
    ::close(wake_[1]);
  }

  // Runs f(server) on the loop thread and returns its result.
  template <typename F>
  auto Run(F f) -> decltype(f(std::declval<ControlServer&>())) {
    using R = decltype(f(std::declval<ControlServer&>()));
    std::packaged_task<R()> task([this, &f] { return f(*server_); });
    auto future = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back([&task] { task(); });
    }
    Wake();
    if (future.wait_for(10s) != std::future_status::ready) {
      ADD_FAILURE() << "the server loop did not run a task within 10 s";
      std::abort();
    }
    return future.get();
  }

  // Destroys the server on the loop thread; the loop keeps running without it.
  void DestroyServer() {
    Run([this](ControlServer&) {
      gone_ = true;
      server_.reset();
      return 0;
    });
  }

  ControlServer::Stats Stats() {
    return Run([](ControlServer& s) { return s.stats(); });
  }
  std::size_t Clients() {
    return Run([](ControlServer& s) { return s.clients(); });
  }

 private:
  void Wake() {
    char c = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_[1], &c, 1);
  }

  void Loop() {
    while (!stop_) {
      std::vector<node::PollItem> fds;
      if (!gone_) fds = server_->PollFds();
      std::vector<pollfd> p;
      for (const auto& f : fds) p.push_back({f.fd, f.events, 0});
      p.push_back({wake_[0], POLLIN, 0});
      ::poll(p.data(), p.size(), 50);
      for (std::size_t i = 0; i < fds.size(); ++i) fds[i].revents = p[i].revents;
      char drain[64];
      while (::read(wake_[0], drain, sizeof(drain)) > 0) {
      }
      auto now = std::chrono::steady_clock::now();
      if (!gone_) {
        server_->OnReady(fds, now);
        server_->Tick(now);
      }
      std::deque<std::function<void()>> tasks;
      {
        std::lock_guard<std::mutex> lock(mu_);
        tasks.swap(tasks_);
      }
      for (auto& t : tasks) t();
    }
  }

  std::unique_ptr<ControlServer> server_;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  bool gone_ = false;  // loop thread only
  std::mutex mu_;
  std::deque<std::function<void()>> tasks_;
  std::thread thread_;
};

// A blocking client socket, for the tests that speak raw bytes.
class RawSocket {
 public:
  explicit RawSocket(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      ADD_FAILURE() << "connect " << path << ": " << std::strerror(errno);
    }
  }
  ~RawSocket() { ::close(fd_); }
  int fd() const { return fd_; }

  void Send(ByteView bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        ADD_FAILURE() << "send: " << std::strerror(errno);
        return;
      }
      sent += static_cast<std::size_t>(n);
    }
  }
  void Send(std::string_view s) { Send(AsBytes(s)); }

  // Reads until `count` frames arrived, the peer closed, or 10 s passed.
  std::vector<json> ReadFrames(std::size_t count) {
    std::vector<json> out;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (out.size() < count && !eof_) {
      auto next = reader_.Next();
      if (!next.ok()) {
        ADD_FAILURE() << next.status().ToString();
        break;
      }
      if (next->has_value()) {
        out.push_back(std::move(**next));
        continue;
      }
      if (!ReadSome(deadline)) break;
    }
    return out;
  }

  // True when the peer closed the connection within 10 s (after any frames it sent).
  bool ClosedByPeer() {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!eof_) {
      if (!ReadSome(deadline)) return false;
    }
    return true;
  }

 private:
  bool ReadSome(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    uint8_t buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) {
      eof_ = true;
      return true;
    }
    reader_.Feed(ByteView(buf, static_cast<std::size_t>(n)));
    return true;
  }

  int fd_ = -1;
  control::FrameReader reader_;
  bool eof_ = false;
};

class ControlTest : public ::testing::Test {
 protected:
  std::string SocketPath() const { return dir_.path() + "/c.sock"; }
  std::string Endpoint() const { return "ipc://" + SocketPath(); }

  ControlServerOptions Options() const {
    ControlServerOptions o;
    o.endpoint = Endpoint();
    return o;
  }

  std::unique_ptr<ServerThread> Serve(ControlServerOptions options) {
    auto server = ControlServer::Start(std::move(options), TestHandler, [this](std::string_view l) {
      std::lock_guard<std::mutex> lock(log_mu_);
      log_.emplace_back(l);
    });
    if (!server.ok()) {
      ADD_FAILURE() << server.status().ToString();
      return nullptr;
    }
    return std::make_unique<ServerThread>(std::move(server).value());
  }
  std::unique_ptr<ServerThread> Serve() { return Serve(Options()); }

  ControlClient Connect() {
    auto c = ControlClient::Connect(Endpoint(), 10s);
    if (!c.ok()) {
      ADD_FAILURE() << c.status().ToString();
      std::abort();
    }
    return std::move(c).value();
  }

  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_;
  }

  SocketDir dir_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(ControlTest, EchoEndToEnd) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  auto r = client.Call("echo", json{{"q", "cykel"}, {"n", 3}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, json({{"op", "echo"}, {"args", {{"q", "cykel"}, {"n", 3}}}}));
  auto empty = client.Call("echo");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)["args"], json::object());
  EXPECT_EQ(server->Stats().accepted, 1u);
  EXPECT_EQ(server->Stats().requests, 2u);
}

TEST_F(ControlTest, BareAbsolutePathAndPeerCredentials) {
  auto server = Serve();
  ASSERT_TRUE(server);
  auto client = ControlClient::Connect(SocketPath());
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  auto r = client->Call("whoami");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["pid"], ::getpid());
  EXPECT_EQ((*r)["uid"], ::geteuid());
  EXPECT_EQ((*r)["gid"], ::getegid());
  EXPECT_EQ(server->Stats().refused_credentials, 0u);
}

TEST_F(ControlTest, HandlerErrorReachesTheClient) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  auto r = client.Call("fail");
  EXPECT_EQ(r.status(), NotFound("no record abc"));
  auto unknown = client.Call("no.such.op");
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnimplemented);
  EXPECT_TRUE(client.Call("echo").ok());
  EXPECT_EQ(server->Stats().errors, 2u);
}

TEST_F(ControlTest, HandlerThrowingIsInternalAndTheServerKeepsServing) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  auto r = client.Call("boom");
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_NE(r.status().message().find("kaboom"), std::string::npos) << r.status().ToString();
  auto r2 = client.Call("boom.int");
  EXPECT_EQ(r2.status().code(), StatusCode::kInternal);
  EXPECT_TRUE(client.Call("echo").ok());
  ControlClient other = Connect();
  EXPECT_TRUE(other.Call("echo").ok());
  bool logged = false;
  for (const auto& line : Log()) logged |= line.find("kaboom") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(ControlTest, RequestWithABadShapeGetsAnErrorAndTheConnectionStays) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  raw.Send(control::EncodeFrame(json{{"v", 1}, {"id", 5}, {"args", 1}}));
  raw.Send(control::EncodeFrame(json{{"v", 9}, {"id", 6}, {"op", "echo"}}));
  raw.Send(control::EncodeFrame(control::ToJson({7, "echo", json{{"a", 1}}})));
  auto frames = raw.ReadFrames(3);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(control::ParseResponse(frames[0], 5).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(control::ParseResponse(frames[1], 6).status().code(), StatusCode::kUnimplemented);
  auto ok = control::ParseResponse(frames[2], 7);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(server->Stats().malformed, 0u);
  EXPECT_EQ(server->Clients(), 1u);
}

TEST_F(ControlTest, HundredPipelinedRequestsAreAnsweredInOrder) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  Bytes all;
  for (uint64_t id = 1; id <= 100; ++id) {
    Bytes f = control::EncodeFrame(control::ToJson({id, "echo", json{{"i", id}}}));
    all.insert(all.end(), f.begin(), f.end());
  }
  raw.Send(all);
  auto frames = raw.ReadFrames(100);
  ASSERT_EQ(frames.size(), 100u);
  for (uint64_t id = 1; id <= 100; ++id) {
    auto r = control::ParseResponse(frames[id - 1], id);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ((*r)["args"]["i"], id);
  }
  EXPECT_EQ(server->Stats().requests, 100u);
}

TEST_F(ControlTest, RequestSplitOverManyReads) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  Bytes frame = control::EncodeFrame(control::ToJson({1, "echo", json{{"s", "split"}}}));
  for (uint8_t b : frame) {
    raw.Send(ByteView(&b, 1));
    server->Clients();  // one turn of the loop between bytes
  }
  auto frames = raw.ReadFrames(1);
  ASSERT_EQ(frames.size(), 1u);
  auto r = control::ParseResponse(frames[0], 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["args"]["s"], "split");
}

TEST_F(ControlTest, HalfClosedClientStillGetsItsAnswers) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  raw.Send(control::EncodeFrame(control::ToJson({1, "echo", json::object()})));
  raw.Send(control::EncodeFrame(control::ToJson({2, "echo", json::object()})));
  ::shutdown(raw.fd(), SHUT_WR);
  auto frames = raw.ReadFrames(2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(control::ParseResponse(frames[1], 2).ok());
  EXPECT_TRUE(raw.ClosedByPeer());
}

TEST_F(ControlTest, GarbageClientIsClosedAndOthersAreServed) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient good = Connect();
  ASSERT_TRUE(good.Call("echo").ok());
  RawSocket bad(SocketPath());
  bad.Send(RawFrame("hello, is this HTTP?"));
  auto frames = bad.ReadFrames(1);
  ASSERT_EQ(frames.size(), 1u);
  auto r = control::ParseResponse(frames[0], 1);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(frames[0]["id"], 0);
  EXPECT_TRUE(bad.ClosedByPeer());
  EXPECT_TRUE(good.Call("echo").ok());
  EXPECT_EQ(server->Stats().malformed, 1u);
  EXPECT_EQ(server->Clients(), 1u);
}

TEST_F(ControlTest, OversizeLengthClosesTheConnection) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket bad(SocketPath());
  bad.Send(Bytes{0x7f, 0xff, 0xff, 0xff});
  auto frames = bad.ReadFrames(1);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(control::ParseResponse(frames[0], 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(bad.ClosedByPeer());
  EXPECT_EQ(server->Stats().malformed, 1u);
}

TEST_F(ControlTest, MaxRequestBytes) {
  ControlServerOptions o = Options();
  o.max_request_bytes = 100;
  auto server = Serve(o);
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  EXPECT_TRUE(client.Call("echo", json{{"s", "short"}}).ok());
  auto r = client.Call("echo", json{{"s", std::string(200, 'x')}});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("over the limit"), std::string::npos);
}

TEST_F(ControlTest, LargeResponseIsDrainedThroughPollOut) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  auto r = client.Call("big", json{{"n", 8 << 20}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->get_ref<const std::string&>().size(), std::size_t{8} << 20);
  EXPECT_TRUE(client.Call("echo").ok());
}

TEST_F(ControlTest, ClientThatDoesNotReadIsNotReadEither) {
  auto server = Serve();
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  // 40 answers of 256 KiB each: far more than the socket buffers and the 1 MiB output queue.
  Bytes all;
  for (uint64_t id = 1; id <= 40; ++id) {
    Bytes f = control::EncodeFrame(control::ToJson({id, "big", json{{"n", 256 << 10}}}));
    all.insert(all.end(), f.begin(), f.end());
  }
  raw.Send(all);
  // Backpressure: once its output queue is full the server answers no more, however many turns
  // its loop takes.
  for (int i = 0; i < 1000 && server->Stats().requests == 0; ++i) std::this_thread::yield();
  for (int i = 0; i < 20; ++i) server->Clients();
  EXPECT_GT(server->Stats().requests, 0u);
  EXPECT_LT(server->Stats().requests, 12u);
  auto frames = raw.ReadFrames(40);  // reading lets the rest through
  ASSERT_EQ(frames.size(), 40u);
  for (uint64_t id = 1; id <= 40; ++id) {
    EXPECT_TRUE(control::ParseResponse(frames[id - 1], id).ok());
  }
  EXPECT_EQ(server->Stats().requests, 40u);
}

TEST_F(ControlTest, MaxClientsExceededIsResourceExhausted) {
  ControlServerOptions o = Options();
  o.max_clients = 2;
  auto server = Serve(o);
  ASSERT_TRUE(server);
  ControlClient a = Connect();
  ControlClient b = Connect();
  ASSERT_TRUE(a.Call("echo").ok());
  ASSERT_TRUE(b.Call("echo").ok());
  ControlClient c = Connect();
  auto r = c.Call("echo");
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
  EXPECT_NE(r.status().message().find("at most 2"), std::string::npos);
  // The refused client stays refused; the others are still served.
  EXPECT_EQ(c.Call("echo").status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(a.Call("echo").ok());
  EXPECT_EQ(server->Stats().refused_busy, 1u);
  EXPECT_EQ(server->Clients(), 2u);
}

TEST_F(ControlTest, IdleClientIsClosed) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient idle = Connect();
  ASSERT_TRUE(idle.Call("echo").ok());
  EXPECT_EQ(server->Clients(), 1u);
  // Not yet idle long enough.
  EXPECT_EQ(server->Run([](ControlServer& s) {
    s.Tick(std::chrono::steady_clock::now() + 30s);
    return s.clients();
  }),
            1u);
  EXPECT_EQ(server->Run([](ControlServer& s) {
    s.Tick(std::chrono::steady_clock::now() + 61s);
    return s.clients();
  }),
            0u);
  auto r = idle.Call("echo");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  // A new connection is served.
  ControlClient fresh = Connect();
  EXPECT_TRUE(fresh.Call("echo").ok());
}

TEST_F(ControlTest, IdleTimeoutInRealTime) {
  ControlServerOptions o = Options();
  o.idle_timeout = 100ms;
  auto server = Serve(o);
  ASSERT_TRUE(server);
  RawSocket raw(SocketPath());
  raw.Send(control::EncodeFrame(control::ToJson({1, "echo", json::object()})));
  ASSERT_EQ(raw.ReadFrames(1).size(), 1u);
  EXPECT_TRUE(raw.ClosedByPeer());  // within the 10 s bound
}

TEST_F(ControlTest, StaleSocketFileIsReplaced) {
  {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, SocketPath().c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    ::close(fd);  // a crashed daemon: the file stays, nobody listens
  }
  ASSERT_TRUE(std::filesystem::is_socket(SocketPath()));
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  EXPECT_TRUE(client.Call("echo").ok());
  bool logged = false;
  for (const auto& line : Log()) logged |= line.find("stale") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(ControlTest, SecondServerOnTheSamePathIsAlreadyExists) {
  auto first = Serve();
  ASSERT_TRUE(first);
  auto second = ControlServer::Start(Options(), TestHandler);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(
      second.status().message().find("another citynetd is already running on " + SocketPath()),
      std::string::npos);
  // The first one's socket is intact.
  ControlClient client = Connect();
  EXPECT_TRUE(client.Call("echo").ok());
}

TEST_F(ControlTest, RegularFileIsRefusedAndKept) {
  {
    std::ofstream f(SocketPath());
    f << "precious";
  }
  auto server = ControlServer::Start(Options(), TestHandler);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(server.status().message().find("not a socket"), std::string::npos);
  std::ifstream f(SocketPath());
  std::string content;
  f >> content;
  EXPECT_EQ(content, "precious");
}

TEST_F(ControlTest, SymlinkIsRefused) {
  std::filesystem::create_symlink(dir_.path() + "/elsewhere.sock", SocketPath());
  auto server = ControlServer::Start(Options(), TestHandler);
  EXPECT_EQ(server.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(std::filesystem::is_symlink(SocketPath()));
}

TEST_F(ControlTest, SocketModeIs0660EvenWithUmask0) {
  mode_t old = ::umask(0);
  auto server = ControlServer::Start(Options(), TestHandler);
  ::umask(old);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(SocketPath().c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 0660u);
}

TEST_F(ControlTest, CustomMode) {
  ControlServerOptions o = Options();
  o.mode = 0600;
  auto server = ControlServer::Start(o, TestHandler);
  ASSERT_TRUE(server.ok());
  struct stat st {};
  ASSERT_EQ(::stat(SocketPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(ControlTest, NoSocketFileLeftAfterDestruction) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient client = Connect();
  ASSERT_TRUE(client.Call("echo").ok());
  server->DestroyServer();
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(SocketPath())));
  auto r = client.Call("echo");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("citynetd closed the connection"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(client.Call("echo").status(), r.status());
}

TEST_F(ControlTest, DestructionLeavesAReplacedFileAlone) {
  auto server = ControlServer::Start(Options(), TestHandler);
  ASSERT_TRUE(server.ok());
  ASSERT_EQ(::unlink(SocketPath().c_str()), 0);
  {
    std::ofstream f(SocketPath());
    f << "newer";
  }
  server->reset();
  EXPECT_TRUE(std::filesystem::is_regular_file(SocketPath()));
}

TEST_F(ControlTest, BadEndpoints) {
  auto start = [](std::string endpoint) {
    ControlServerOptions o;
    o.endpoint = std::move(endpoint);
    return ControlServer::Start(o, TestHandler).status();
  };
  for (const char* e :
       {"tcp://127.0.0.1:7401", "ipc://relative.sock", "/abs/but/no/scheme.sock", "ipc://", ""}) {
    Status s = start(e);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << e;
    EXPECT_NE(s.message().find("ipc:///absolute/path.sock"), std::string::npos) << e;
  }
  Status long_path = start("ipc://" + dir_.path() + "/" + std::string(120, 'a') + ".sock");
  EXPECT_EQ(long_path.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(long_path.message().find("at most 107 bytes"), std::string::npos)
      << long_path.ToString();
  Status no_dir = start("ipc://" + dir_.path() + "/missing/c.sock");
  EXPECT_EQ(no_dir.code(), StatusCode::kNotFound);
  EXPECT_NE(no_dir.message().find(dir_.path() + "/missing"), std::string::npos);
  EXPECT_NE(no_dir.message().find("create it, or set [listen] control"), std::string::npos);

  ControlServerOptions o = Options();
  o.max_clients = 0;
  EXPECT_EQ(ControlServer::Start(o, TestHandler).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ControlServer::Start(Options(), nullptr).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ControlTest, ClientAgainstAMissingSocketSaysTheDaemonIsNotRunning) {
  auto r = ControlClient::Connect(Endpoint());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("citynetd is not running (no control socket at " +
                                      SocketPath() + ")"),
            std::string::npos)
      << r.status().ToString();
  EXPECT_NE(r.status().message().find("systemctl start citynetd"), std::string::npos);
}

TEST_F(ControlTest, ClientAgainstAStaleSocketSaysTheDaemonIsNotRunning) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, SocketPath().c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ::close(fd);
  auto r = ControlClient::Connect(Endpoint());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("citynetd is not running"), std::string::npos);
}

TEST_F(ControlTest, ClientBadEndpoint) {
  EXPECT_EQ(ControlClient::Connect("tcp://127.0.0.1:1").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ControlClient::Connect("relative.sock").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ControlClient::Connect("/" + std::string(200, 'a')).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ControlTest, ClientTimesOutNamingTheOp) {
  // A listener that never accepts: the connection completes in the kernel, no answer comes.
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, SocketPath().c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  auto client = ControlClient::Connect(Endpoint(), 100ms);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  auto r = client->Call("case.search");
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_NE(r.status().message().find("\"case.search\""), std::string::npos)
      << r.status().ToString();
  ::close(fd);
}

TEST_F(ControlTest, LateAnswerToATimedOutCallIsSkipped) {
  // A hand-driven server: answers request 1 only after the client gave up on it.
  int lfd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, SocketPath().c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(::bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(lfd, 4), 0);
  auto client = ControlClient::Connect(Endpoint(), 100ms);
  ASSERT_TRUE(client.ok());
  int sfd = ::accept(lfd, nullptr, nullptr);
  ASSERT_GE(sfd, 0);
  EXPECT_EQ(client->Call("slow").status().code(), StatusCode::kDeadlineExceeded);
  Bytes late = control::EncodeFrame(control::OkResponse(1, "late"));
  Bytes second = control::EncodeFrame(control::OkResponse(2, "second"));
  late.insert(late.end(), second.begin(), second.end());
  ASSERT_EQ(::send(sfd, late.data(), late.size(), MSG_NOSIGNAL), static_cast<ssize_t>(late.size()));
  auto r = client->Call("next");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "second");
  ::close(sfd);
  ::close(lfd);
}

TEST_F(ControlTest, MovedClientKeepsItsConnection) {
  auto server = Serve();
  ASSERT_TRUE(server);
  ControlClient a = Connect();
  ControlClient b = std::move(a);
  EXPECT_TRUE(b.Call("echo").ok());
  EXPECT_EQ(a.Call("echo").status().code(), StatusCode::kUnavailable);  // NOLINT: use after move
  ControlClient c = Connect();
  c = std::move(b);
  EXPECT_TRUE(c.Call("echo").ok());
}

// Runs f in a child process running as uid:gid (without supplementary groups) and returns what it
// returned. Needs root.
std::string RunAs(uid_t uid, gid_t gid, const std::function<std::string()>& f) {
  int p[2];
  if (::pipe(p) != 0) return "pipe failed";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(p[0]);
    std::string out;
    if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
      out = "cannot drop privileges";
    } else {
      out = f();
    }
    [[maybe_unused]] ssize_t n = ::write(p[1], out.data(), out.size());
    ::_exit(0);
  }
  ::close(p[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(p[0], buf, sizeof(buf))) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(p[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

TEST_F(ControlTest, OutsiderIsRefusedByTheServer) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
  ControlServerOptions o = Options();
  o.mode = 0666;  // let the file through, so that the credential check is what refuses
  auto server = Serve(o);
  ASSERT_TRUE(server);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);
  std::string endpoint = Endpoint();
  std::string got = RunAs(65534, 65534, [&endpoint] {
    auto client = ControlClient::Connect(endpoint, 5s);
    if (!client.ok()) return "connect: " + client.status().ToString();
    return client->Call("echo").status().ToString();
  });
  EXPECT_NE(got.find("permission denied: user "), std::string::npos) << got;
  EXPECT_NE(got.find("(uid 65534) is not in the group of citynetd"), std::string::npos) << got;
  EXPECT_NE(got.find("usermod -aG"), std::string::npos) << got;
  EXPECT_EQ(server->Stats().refused_credentials, 1u);
  EXPECT_EQ(server->Stats().accepted, 0u);
  // Our own user is still served.
  ControlClient client = Connect();
  EXPECT_TRUE(client.Call("echo").ok());
}

TEST_F(ControlTest, SocketModeKeepsOutsidersOutWithAClearMessage) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
  auto server = Serve();
  ASSERT_TRUE(server);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);
  std::string endpoint = Endpoint();
  std::string got = RunAs(65534, 65534, [&endpoint] {
    return ControlClient::Connect(endpoint, 5s).status().ToString();
  });
  EXPECT_EQ(got, "permission denied: cannot open " + SocketPath() +
                     ": permission denied: you need to be in the group that owns it (ls -l " +
                     SocketPath() + "); ask the administrator");
}

TEST(DefaultControlEndpointTest, EnvironmentOverrides) {
  const char* saved = std::getenv("CITYNET_CONTROL");
  std::string saved_value = saved != nullptr ? saved : "";
  ::unsetenv("CITYNET_CONTROL");
  EXPECT_EQ(tools::DefaultControlEndpoint(), "ipc:///run/citynet/control.sock");
  ::setenv("CITYNET_CONTROL", "", 1);
  EXPECT_EQ(tools::DefaultControlEndpoint(), "ipc:///run/citynet/control.sock");
  ::setenv("CITYNET_CONTROL", "ipc:///tmp/x.sock", 1);
  EXPECT_EQ(tools::DefaultControlEndpoint(), "ipc:///tmp/x.sock");
  if (saved != nullptr) {
    ::setenv("CITYNET_CONTROL", saved_value.c_str(), 1);
  } else {
    ::unsetenv("CITYNET_CONTROL");
  }
}

// The server on the node's EventLoop with an Executor, as citynetd runs it: slow requests are
// worked out off the loop.
class DeferredControlTest : public ControlTest {
 protected:
  void Start(node::ControlDeferrer deferrer, std::size_t max_jobs = 64) {
    auto loop = node::EventLoop::Create();
    ASSERT_TRUE(loop.ok());
    loop_ = std::move(loop).value();
    auto executor = node::Executor::Create(*loop_, max_jobs);
    ASSERT_TRUE(executor.ok()) << executor.status().ToString();
    executor_ = std::move(executor).value();
    auto server = ControlServer::Start(Options(), TestHandler, {}, executor_.get(),
                                       std::move(deferrer));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    loop_->AddSource(
        [this](std::vector<node::PollItem>& items) {
          auto fds = server_->PollFds();
          items.insert(items.end(), fds.begin(), fds.end());
        },
        [this](const std::vector<node::PollItem>& ready) {
          server_->OnReady(ready, std::chrono::steady_clock::now());
        });
    thread_ = std::thread([this] { (void)loop_->Run(); });
  }
  void TearDown() override {
    if (thread_.joinable()) {
      loop_->Stop();
      thread_.join();
    }
    executor_.reset();  // joins the worker
    server_.reset();
    loop_.reset();
  }

  std::unique_ptr<node::EventLoop> loop_;
  std::unique_ptr<node::Executor> executor_;
  std::unique_ptr<ControlServer> server_;
  std::thread thread_;
};

TEST_F(DeferredControlTest, ASlowRequestRunsOffTheLoopAndItsAnswerKeepsTheConnectionsOrder) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  Start([&](const std::string& op, const json& args,
            const PeerCredentials&) -> std::optional<node::SlowWork> {
    if (op != "slow") return std::nullopt;
    return node::SlowWork([&started, released, args]() -> Result<json> {
      ++started;
      if (released.wait_for(10s) != std::future_status::ready) return Internal("never released");
      return json{{"slow", args}};
    });
  });
  RawSocket a(SocketPath());
  Bytes both = control::EncodeFrame(control::ToJson({1, "slow", json{{"n", 1}}}));
  Bytes echo = control::EncodeFrame(control::ToJson({2, "echo", json{{"n", 2}}}));
  both.insert(both.end(), echo.begin(), echo.end());
  a.Send(both);

  // While the slow work blocks its worker, the loop serves another client at once.
  ControlClient b = Connect();
  auto quick = b.Call("echo", json{{"from", "b"}});
  ASSERT_TRUE(quick.ok()) << quick.status().ToString();
  EXPECT_EQ((*quick)["args"]["from"], "b");

  // A's echo was answered on the loop, but waits behind its slow answer.
  release.set_value();
  auto frames = a.ReadFrames(2);
  ASSERT_EQ(frames.size(), 2u);
  auto first = control::ParseResponse(frames[0], 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)["slow"]["n"], 1);
  auto second = control::ParseResponse(frames[1], 2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ((*second)["args"]["n"], 2);
  EXPECT_EQ(started.load(), 1);  // the work ran once, on the worker
}

TEST_F(DeferredControlTest, SlowRequestsBeyondTheExecutorsBoundAreRefusedAsBusy) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Start(
      [&](const std::string& op, const json&, const PeerCredentials&) -> std::optional<node::SlowWork> {
        if (op != "slow") return std::nullopt;
        return node::SlowWork([released]() -> Result<json> {
          (void)released.wait_for(10s);
          return json{{"done", true}};
        });
      },
      /*max_jobs=*/1);
  RawSocket a(SocketPath());
  Bytes two = control::EncodeFrame(control::ToJson({1, "slow", json::object()}));
  Bytes again = control::EncodeFrame(control::ToJson({2, "slow", json::object()}));
  two.insert(two.end(), again.begin(), again.end());
  a.Send(two);
  ControlClient b = Connect();  // a round trip: A's two requests were read before B's
  ASSERT_TRUE(b.Call("echo").ok());
  release.set_value();
  auto frames = a.ReadFrames(2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(control::ParseResponse(frames[0], 1).ok());
  auto busy = control::ParseResponse(frames[1], 2);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(busy.status().message().find("busy"), std::string::npos);
}

}  // namespace
}  // namespace citynet
