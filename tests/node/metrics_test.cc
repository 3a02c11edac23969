// The Prometheus text format, read back by a small parser of the test's own, and the metrics
// endpoint over real sockets on 127.0.0.1: a test thread runs the server's poll loop while the
// test speaks raw HTTP to it.
#include "node/daemon/metrics.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace citynet::node {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// ---- An independent reader of the text format ----

struct ParsedSample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

struct ParsedFamily {
  std::string name;
  std::string help;
  std::string type;
  std::vector<ParsedSample> samples;
};

bool NameChar(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

// Reads a name at `pos`, advancing it; empty when there is none.
std::string ReadName(const std::string& line, std::size_t& pos) {
  std::size_t start = pos;
  while (pos < line.size() && NameChar(line[pos], pos == start)) ++pos;
  return line.substr(start, pos - start);
}

// Undoes \\, \n and (in label values) \"; any other escape is an error.
bool Unescape(std::string_view in, bool quotes, std::string& out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out += in[i];
      continue;
    }
    if (++i == in.size()) return false;
    if (in[i] == '\\') {
      out += '\\';
    } else if (in[i] == 'n') {
      out += '\n';
    } else if (in[i] == '"' && quotes) {
      out += '"';
    } else {
      return false;
    }
  }
  return true;
}

bool ParseValue(const std::string& text, double& value) {
  if (text == "NaN") {
    value = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "+Inf") {
    value = std::numeric_limits<double>::infinity();
  } else if (text == "-Inf") {
    value = -std::numeric_limits<double>::infinity();
  } else {
    if (text.empty() || text.find_first_not_of("0123456789+-.e") != std::string::npos) {
      return false;
    }
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
  }
  return true;
}

// Parses a whole exposition, checking the rules MetricsText promises: every line ends in "\n";
// each family has one HELP then one TYPE (counter or gauge) before its samples; every sample
// belongs to the family above it. Returns the error, or "" when the text is well formed.
std::string ParseExposition(const std::string& text, std::vector<ParsedFamily>& families) {
  if (!text.empty() && text.back() != '\n') return "text does not end in a newline";
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl - start);
    start = nl + 1;
    ++number;
    const std::string where = "line " + std::to_string(number) + " '" + line + "': ";
    if (line.rfind("# HELP ", 0) == 0) {
      std::size_t pos = 7;
      ParsedFamily f;
      f.name = ReadName(line, pos);
      if (f.name.empty() || pos >= line.size() || line[pos] != ' ') return where + "bad HELP";
      for (const auto& other : families) {
        if (other.name == f.name) return where + "second HELP for the family";
      }
      if (!Unescape(std::string_view(line).substr(pos + 1), false, f.help)) {
        return where + "bad escape in HELP";
      }
      families.push_back(std::move(f));
    } else if (line.rfind("# TYPE ", 0) == 0) {
      std::size_t pos = 7;
      const std::string name = ReadName(line, pos);
      if (families.empty() || families.back().name != name || !families.back().type.empty() ||
          !families.back().samples.empty()) {
        return where + "TYPE not right after the family's HELP";
      }
      const std::string type = pos < line.size() ? line.substr(pos + 1) : "";
      if (line[pos] != ' ' || (type != "counter" && type != "gauge")) return where + "bad TYPE";
      families.back().type = type;
    } else if (!line.empty() && line[0] == '#') {
      return where + "unexpected comment";
    } else {
      std::size_t pos = 0;
      ParsedSample s;
      s.name = ReadName(line, pos);
      if (s.name.empty()) return where + "no metric name";
      if (families.empty() || families.back().name != s.name || families.back().type.empty()) {
        return where + "sample outside its family";
      }
      if (pos < line.size() && line[pos] == '{') {
        ++pos;
        while (pos < line.size() && line[pos] != '}') {
          std::string label = ReadName(line, pos);
          if (label.empty() || label.find(':') != std::string::npos ||
              line.compare(pos, 2, "=\"") != 0) {
            return where + "bad label name";
          }
          pos += 2;
          std::size_t end = pos;
          while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
          if (end >= line.size()) return where + "unterminated label value";
          std::string value;
          if (!Unescape(std::string_view(line).substr(pos, end - pos), true, value)) {
            return where + "bad escape in label value";
          }
          s.labels.emplace_back(std::move(label), std::move(value));
          pos = end + 1;
          if (pos < line.size() && line[pos] == ',') ++pos;
        }
        if (pos >= line.size()) return where + "unterminated labels";
        ++pos;
      }
      if (pos >= line.size() || line[pos] != ' ') return where + "no space before the value";
      if (!ParseValue(line.substr(pos + 1), s.value)) return where + "bad value";
      families.back().samples.push_back(std::move(s));
    }
  }
  return "";
}

// ---- The text format ----

TEST(MetricsTextTest, WritesHelpAndTypeOncePerFamilyThenItsSamples) {
  MetricsText t;
  t.Family("citynet_records_in_total", "Records received, by network.",
           MetricsText::Type::kCounter);
  t.Sample(12, {{"network", "c40"}});
  t.Sample(3, {{"network", "eurocities"}});
  t.Family("citynet_peers_connected", "Partners connected now.", MetricsText::Type::kGauge);
  t.Sample(2);
  t.Family("citynet_empty", "", MetricsText::Type::kGauge);
  t.Family("citynet_sync_lag_records", "Records behind, per peer.", MetricsText::Type::kGauge);
  t.Sample(0, {{"peer", "c40"}, {"network", "c40"}});
  EXPECT_EQ(t.text(),
            "# HELP citynet_records_in_total Records received, by network.\n"
            "# TYPE citynet_records_in_total counter\n"
            "citynet_records_in_total{network=\"c40\"} 12\n"
            "citynet_records_in_total{network=\"eurocities\"} 3\n"
            "# HELP citynet_peers_connected Partners connected now.\n"
            "# TYPE citynet_peers_connected gauge\n"
            "citynet_peers_connected 2\n"
            "# HELP citynet_empty \n"
            "# TYPE citynet_empty gauge\n"
            "# HELP citynet_sync_lag_records Records behind, per peer.\n"
            "# TYPE citynet_sync_lag_records gauge\n"
            "citynet_sync_lag_records{peer=\"c40\",network=\"c40\"} 0\n");
}

TEST(MetricsTextTest, EscapesLabelValuesAndHelp) {
  MetricsText t;
  t.Family("x", "a \\ backslash, a \"quote\" and a\nnewline", MetricsText::Type::kGauge);
  t.Sample(1, {{"path", "C:\\dir\\\"q\"\nnext"},
               {"city",
                "K\xc3\xb8"
                "benhavn"},
               {"e", ""}});
  EXPECT_EQ(t.text(),
            "# HELP x a \\\\ backslash, a \"quote\" and a\\nnewline\n"
            "# TYPE x gauge\n"
            "x{path=\"C:\\\\dir\\\\\\\"q\\\"\\nnext\",city=\"K\xc3\xb8"
            "benhavn\",e=\"\"} 1\n");
}

TEST(MetricsTextTest, FormatsIntegersExactlyAndSpecialValuesAsPrometheusSpellsThem) {
  EXPECT_EQ(FormatMetricValue(0), "0");
  EXPECT_EQ(FormatMetricValue(-0.0), "0");
  EXPECT_EQ(FormatMetricValue(42), "42");
  EXPECT_EQ(FormatMetricValue(-7), "-7");
  EXPECT_EQ(FormatMetricValue(1e6), "1000000");
  EXPECT_EQ(FormatMetricValue(4294967296.0), "4294967296");
  EXPECT_EQ(FormatMetricValue(9007199254740991.0), "9007199254740991");        // 2^53 - 1
  EXPECT_EQ(FormatMetricValue(9007199254740992.0), "9007199254740992");        // 2^53
  EXPECT_EQ(FormatMetricValue(-9007199254740992.0), "-9007199254740992");      // -2^53
  EXPECT_EQ(FormatMetricValue(1152921504606846976.0), "1152921504606846976");  // 2^60
  EXPECT_EQ(FormatMetricValue(0.5), "0.5");
  EXPECT_EQ(FormatMetricValue(0.1), "0.1");
  EXPECT_EQ(FormatMetricValue(-2.25), "-2.25");
  EXPECT_EQ(FormatMetricValue(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatMetricValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatMetricValue(-std::numeric_limits<double>::infinity()), "-Inf");
  // Beyond 2^63 and below 1: whatever the spelling, it reads back to the same double.
  for (double v : {1e19, 1.8446744073709552e19, 1e300, -1e300, 1e-7, 1.5e-300, 123.456,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min()}) {
    const std::string s = FormatMetricValue(v);
    double back = 0;
    ASSERT_TRUE(ParseValue(s, back)) << s;
    EXPECT_EQ(back, v) << s;
  }
}

TEST(MetricsTextTest, OutputParsesBackToWhatWasWritten) {
  struct Want {
    std::string name, help;
    MetricsText::Type type;
    std::vector<std::pair<MetricsText::Labels, double>> samples;
  };
  const std::vector<Want> want = {
      {"citynet_records_out_total",
       "Records sent.\nSecond line with \\ and \"quotes\".",
       MetricsText::Type::kCounter,
       {{{{"network", "c40"}}, 9007199254740992.0},
        {{{"network", "a\"b\\c\nd}e,f=g"}}, 1},
        {{{"network", ""}}, 0}}},
      {"citynet:ratio",
       "A gauge with a colon.",
       MetricsText::Type::kGauge,
       {{{}, 0.25}, {{{"_x", "nan"}}, std::numeric_limits<double>::quiet_NaN()}}},
      {"_bounds",
       "",
       MetricsText::Type::kGauge,
       {{{{"s", "+"}}, std::numeric_limits<double>::infinity()},
        {{{"s", "-"}}, -std::numeric_limits<double>::infinity()},
        {{{"a", "1"}, {"b", "2"}, {"c", "3"}}, -1e-9}}},
      {"citynet_refusals_total", "Refusals by reason.", MetricsText::Type::kCounter, {}},
  };
  MetricsText t;
  for (const auto& f : want) {
    t.Family(f.name, f.help, f.type);
    for (const auto& [labels, value] : f.samples) t.Sample(value, labels);
  }
  std::vector<ParsedFamily> got;
  ASSERT_EQ(ParseExposition(t.text(), got), "") << t.text();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(got[i].name, want[i].name);
    EXPECT_EQ(got[i].help, want[i].help);
    EXPECT_EQ(got[i].type, want[i].type == MetricsText::Type::kCounter ? "counter" : "gauge");
    ASSERT_EQ(got[i].samples.size(), want[i].samples.size());
    for (std::size_t j = 0; j < want[i].samples.size(); ++j) {
      EXPECT_EQ(got[i].samples[j].labels, want[i].samples[j].first);
      const double w = want[i].samples[j].second;
      if (std::isnan(w)) {
        EXPECT_TRUE(std::isnan(got[i].samples[j].value));
      } else {
        EXPECT_EQ(got[i].samples[j].value, w);
      }
    }
  }
}

TEST(MetricsTextDeathTest, BadNamesAreBugs) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Family("9lives", "", MetricsText::Type::kGauge);
      },
      "metric name");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Family("a-b", "", MetricsText::Type::kGauge);
      },
      "metric name");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Family("ok", "", MetricsText::Type::kGauge);
        t.Sample(1, {{"a:b", "v"}});
      },
      "label names");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Family("ok", "", MetricsText::Type::kGauge);
        t.Sample(1, {{"a", "1"}, {"a", "2"}});
      },
      "label names");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Family("ok", "", MetricsText::Type::kGauge);
        t.Family("ok", "", MetricsText::Type::kGauge);
      },
      "twice");
  EXPECT_DEBUG_DEATH(
      {
        MetricsText t;
        t.Sample(1);
      },
      "before Family");
}

// ---- The endpoint ----

// A file descriptor, closed on destruction.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&&) = delete;
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// A blocking connection to 127.0.0.1:port; every read and write gives up after 5 s.
Fd Connect(uint16_t port) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  EXPECT_GE(fd.get(), 0);
  timeval tv{5, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const int one = 1;
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0)
      << std::strerror(errno);
  return fd;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Everything the peer sends until it closes. `how` says how it ended: "eof", "reset" or
// "timeout".
std::string ReadToEnd(int fd, std::string* how = nullptr) {
  std::string out;
  char buffer[16384];
  while (true) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (how != nullptr) {
      *how = n == 0 ? "eof" : (errno == EAGAIN || errno == EWOULDBLOCK) ? "timeout" : "reset";
    }
    return out;
  }
}

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string raw;
  std::string ended;  // how the connection ended, see ReadToEnd
};

HttpResponse ParseResponse(std::string raw) {
  HttpResponse r;
  r.raw = std::move(raw);
  const std::size_t end = r.raw.find("\r\n\r\n");
  if (end == std::string::npos || r.raw.rfind("HTTP/1.1 ", 0) != 0) return r;
  r.status = std::atoi(r.raw.c_str() + 9);
  std::size_t pos = r.raw.find("\r\n") + 2;
  while (pos < end) {
    const std::size_t eol = r.raw.find("\r\n", pos);
    const std::string line = r.raw.substr(pos, eol - pos);
    const std::size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    pos = eol + 2;
  }
  r.body = r.raw.substr(end + 4);
  return r;
}

// Sends `request` on a new connection and reads the reply until the server closes.
HttpResponse Exchange(uint16_t port, std::string_view request) {
  Fd fd = Connect(port);
  EXPECT_TRUE(SendAll(fd.get(), request));
  std::string how;
  HttpResponse r = ParseResponse(ReadToEnd(fd.get(), &how));
  r.ended = how;
  return r;
}

HttpResponse Get(uint16_t port, std::string_view path) {
  return Exchange(port, "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

// Runs a server's poll loop on its own thread until destroyed; publishes its client count.
class ServerThread {
 public:
  explicit ServerThread(MetricsServer& server) : thread_([this, &server] { Run(server); }) {}
  ~ServerThread() {
    stop_ = true;
    thread_.join();
  }
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;

  // Waits (at most 5 s) until the server has `n` connections open.
  bool WaitForClients(std::size_t n) {
    const auto deadline = Clock::now() + 5s;
    while (clients_ != n) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(1ms);
    }
    return true;
  }

 private:
  void Run(MetricsServer& server) {
    while (!stop_) {
      std::vector<PollItem> fds = server.PollFds();
      std::vector<pollfd> p;
      for (const auto& f : fds) p.push_back({f.fd, f.events, 0});
      if (::poll(p.data(), p.size(), 5) < 0 && errno != EINTR) {
        ADD_FAILURE() << "poll: " << std::strerror(errno);
        return;
      }
      for (std::size_t i = 0; i < p.size(); ++i) fds[i].revents = p[i].revents;
      const auto now = Clock::now();
      server.OnReady(fds, now);
      server.Tick(now);
      clients_ = server.clients();
    }
  }

  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> clients_{0};
  std::thread thread_;
};

class MetricsServerTest : public ::testing::Test {
 protected:
  // Starts a server on 127.0.0.1 (ephemeral port) whose render() is render_ and its loop thread.
  void Serve(MetricsServerOptions options = {}) {
    if (options.listen.empty()) options.listen = "127.0.0.1:0";
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_.emplace_back(line);
    };
    auto server = MetricsServer::Start(std::move(options), [this] { return render_(); });
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
    thread_ = std::make_unique<ServerThread>(*server_);
  }

  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return log_;
  }

  void TearDown() override {
    thread_.reset();  // joins before the server goes
    server_.reset();
  }

  std::function<std::string()> render_ = [] { return std::string("up 1\n"); };
  std::unique_ptr<MetricsServer> server_;
  std::unique_ptr<ServerThread> thread_;
  uint16_t port_ = 0;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

TEST_F(MetricsServerTest, GetMetricsReturnsWhatRenderReturnsAtEachScrape) {
  std::atomic<int> scrapes{0};
  render_ = [&scrapes] {
    MetricsText t;
    t.Family("citynet_scrapes_total", "Scrapes so far.", MetricsText::Type::kCounter);
    t.Sample(++scrapes);
    t.Family("citynet_records_in_total", "Records received.", MetricsText::Type::kCounter);
    t.Sample(5, {{"network", "c40"}});
    return t.text();
  };
  Serve();
  EXPECT_EQ(server_->address(), "127.0.0.1:" + std::to_string(port_));
  for (int i = 1; i <= 3; ++i) {
    HttpResponse r = Get(port_, i == 2 ? "/metrics?name[]=x" : "/metrics");
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(r.headers["content-length"], std::to_string(r.body.size()));
    EXPECT_EQ(r.headers["connection"], "close");
    EXPECT_EQ(r.ended, "eof");
    std::vector<ParsedFamily> families;
    ASSERT_EQ(ParseExposition(r.body, families), "") << r.body;
    ASSERT_EQ(families.size(), 2u);
    ASSERT_EQ(families[0].samples.size(), 1u);
    EXPECT_EQ(families[0].samples[0].value, i);
  }
}

TEST_F(MetricsServerTest, ManyScrapesInARowLeaveNoConnectionOpen) {
  Serve();
  for (int i = 0; i < 100; ++i) {
    HttpResponse r = Get(port_, "/metrics");
    ASSERT_EQ(r.status, 200) << r.raw;
    ASSERT_EQ(r.body, "up 1\n");
  }
  EXPECT_TRUE(thread_->WaitForClients(0));
}

TEST_F(MetricsServerTest, HeadHasTheHeadersWithoutTheBody) {
  render_ = [] { return std::string(1000, 'x'); };
  Serve();
  HttpResponse r = Exchange(port_, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.headers["content-length"], "1000");
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.ended, "eof");
}

TEST_F(MetricsServerTest, RootPointsAtMetrics) {
  Serve();
  HttpResponse r = Get(port_, "/");
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_NE(r.body.find("/metrics"), std::string::npos);
  EXPECT_EQ(r.headers["content-length"], std::to_string(r.body.size()));
  r = Exchange(port_, "HEAD / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body, "");
}

TEST_F(MetricsServerTest, OtherPathsAreNotFound) {
  Serve();
  for (const char* path : {"/metricsx", "/metrics/", "/favicon.ico", "/METRICS"}) {
    HttpResponse r = Get(port_, path);
    EXPECT_EQ(r.status, 404) << path << "\n" << r.raw;
    EXPECT_EQ(r.headers["content-length"], std::to_string(r.body.size()));
  }
  // The absolute form of a target is understood.
  EXPECT_EQ(Get(port_, "http://127.0.0.1/metrics").status, 200);
}

TEST_F(MetricsServerTest, OtherMethodsAreNotAllowed) {
  Serve();
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "BREW"}) {
    HttpResponse r = Exchange(
        port_, std::string(method) + " /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_EQ(r.status, 405) << method << "\n" << r.raw;
    EXPECT_EQ(r.headers["allow"], "GET, HEAD");
    EXPECT_EQ(r.ended, "eof");  // the unread body did not turn the close into a reset
  }
}

TEST_F(MetricsServerTest, AHeadOver8KiBGets431) {
  Serve();
  const std::string start = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: ";
  // Just under the limit: served.
  std::string fits = start + std::string(8192 - start.size() - 4, 'a') + "\r\n\r\n";
  ASSERT_EQ(fits.size(), 8192u);
  EXPECT_EQ(Exchange(port_, fits).status, 200);
  std::string over = start + std::string(8192 - start.size() - 3, 'a') + "\r\n\r\n";
  EXPECT_EQ(Exchange(port_, over).status, 431);
  // Far over, sent whole: the reply still arrives intact (no reset from the unread rest).
  HttpResponse r = Exchange(port_, start + std::string(200'000, 'a') + "\r\n\r\n");
  EXPECT_EQ(r.status, 431) << r.raw.substr(0, 200);
  EXPECT_EQ(r.ended, "eof");
  EXPECT_EQ(r.headers["content-length"], std::to_string(r.body.size()));
}

TEST_F(MetricsServerTest, GarbageGets400) {
  MetricsServerOptions options;
  options.timeout = 30s;  // longer than a reply may take: the 400s must not wait for it
  Serve(options);
  const std::string tls_hello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
  for (const std::string& request : {
           std::string("HELLO\r\n\r\n"),
           tls_hello,
           std::string("GET /metrics\r\n\r\n"),                 // HTTP/0.9
           std::string("GET  /metrics HTTP/1.1\r\n\r\n"),       // two spaces
           std::string("GET /metrics HTTP/1.1 extra\r\n\r\n"),  // three parts
           std::string("GET /metrics HTTP/1.1\r\n"),            // the rest never comes...
           std::string("GET /metrics HTTX/1.1\r\n\r\n"),        // not HTTP
           std::string("G(T /metrics HTTP/1.1\r\n\r\n"),        // not a token
           std::string("GET metrics HTTP/1.1\r\n\r\n"),         // not a path
           std::string("GET /metrics HTTP/1.1\r\nno colon\r\n\r\n"),
           std::string("GET /metrics HTTP/1.1\r\n: empty\r\n\r\n"),
           std::string("GET /metrics HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"),
           std::string("GET /metrics HTTP/1.1\r\nA: b\x01\r\n\r\n"),
           std::string("GET /metrics HTTP/1.1\r\nA b: c\r\n\r\n"),
           std::string("GET /m\x00trics HTTP/1.1\r\n\r\n", 25),
       }) {
    Fd fd = Connect(port_);
    ASSERT_TRUE(SendAll(fd.get(), request));
    if (request == "GET /metrics HTTP/1.1\r\n") ::shutdown(fd.get(), SHUT_WR);  // ...EOF instead
    const auto start = Clock::now();
    HttpResponse r = ParseResponse(ReadToEnd(fd.get()));
    EXPECT_EQ(r.status, 400) << ::testing::PrintToString(request) << "\n" << r.raw;
    EXPECT_LT(Clock::now() - start, 4s);
  }
  EXPECT_EQ(Exchange(port_, "GET /metrics HTTP/2.0\r\n\r\n").status, 505);
  EXPECT_EQ(Get(port_, "/metrics").status, 200);
}

TEST_F(MetricsServerTest, ARequestSplitAcrossWritesIsAssembled) {
  Serve();
  for (const std::vector<std::string>& pieces : {
           std::vector<std::string>{"G", "ET /met", "rics HTTP/1.1\r", "\nHost: x\r\n", "\r", "\n"},
           std::vector<std::string>{"\r\n", "GET /metrics HTTP/1.0\n", "Host: x\n", "\n"},
       }) {
    Fd fd = Connect(port_);
    for (const std::string& piece : pieces) {
      ASSERT_TRUE(SendAll(fd.get(), piece));
      // Lets the server read each piece on its own (the outcome does not depend on it).
      std::this_thread::sleep_for(2ms);
    }
    HttpResponse r = ParseResponse(ReadToEnd(fd.get()));
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body, "up 1\n");
  }
}

TEST_F(MetricsServerTest, ASilentClientIsClosedAfterTheTimeoutWhileOthersAreServed) {
  MetricsServerOptions options;
  options.timeout = 500ms;
  Serve(options);
  const auto start = Clock::now();
  Fd silent = Connect(port_);
  Fd slow = Connect(port_);
  ASSERT_TRUE(SendAll(slow.get(), "GET /metrics HTTP/1.1\r\n"));  // never finishes its head
  HttpResponse served = Get(port_, "/metrics");
  EXPECT_EQ(served.status, 200);
  // Served while the silent client was still connected.
  char byte;
  EXPECT_EQ(::recv(silent.get(), &byte, 1, MSG_DONTWAIT), -1);
  EXPECT_EQ(errno, EAGAIN);
  std::string how;
  EXPECT_EQ(ReadToEnd(silent.get(), &how), "");
  EXPECT_EQ(how, "eof");
  EXPECT_GE(Clock::now() - start, 500ms);
  EXPECT_EQ(ReadToEnd(slow.get(), &how), "");
  EXPECT_EQ(how, "eof");
  EXPECT_TRUE(thread_->WaitForClients(0));
}

TEST_F(MetricsServerTest, AClientThatDoesNotReadItsReplyIsClosedAfterTheTimeout) {
  render_ = [] { return std::string(32 << 20, 'x'); };  // far more than the socket buffers hold
  MetricsServerOptions options;
  options.timeout = 300ms;
  Serve(options);
  Fd fd = Connect(port_);
  ASSERT_TRUE(SendAll(fd.get(), "GET /metrics HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(thread_->WaitForClients(1));
  EXPECT_TRUE(thread_->WaitForClients(0));  // given up on, not blocked on
  const std::string got = ReadToEnd(fd.get());
  EXPECT_LT(got.size(), std::size_t{32} << 20);
  EXPECT_EQ(Get(port_, "/").status, 200);
}

TEST_F(MetricsServerTest, OverMaxClientsAConnectionIsClosedAtOnce) {
  MetricsServerOptions options;
  options.max_clients = 2;
  options.timeout = 30s;
  Serve(options);
  Fd a = Connect(port_);
  Fd b = Connect(port_);
  ASSERT_TRUE(thread_->WaitForClients(2));
  {
    Fd c = Connect(port_);
    const auto start = Clock::now();
    std::string how;
    EXPECT_EQ(ReadToEnd(c.get(), &how), "");
    EXPECT_NE(how, "timeout");
    EXPECT_LT(Clock::now() - start, 4s);
  }
  // The two admitted clients are still served.
  for (Fd* fd : {&a, &b}) {
    ASSERT_TRUE(SendAll(fd->get(), "GET /metrics HTTP/1.1\r\n\r\n"));
    EXPECT_EQ(ParseResponse(ReadToEnd(fd->get())).status, 200);
    fd->Reset();
  }
  ASSERT_TRUE(thread_->WaitForClients(0));
  EXPECT_EQ(Get(port_, "/metrics").status, 200);
}

TEST_F(MetricsServerTest, RenderThrowingGets500AndTheServerKeepsServing) {
  std::atomic<bool> fail{true};
  render_ = [&fail]() -> std::string {
    if (fail) throw std::runtime_error("store is closed");
    return "ok 1\n";
  };
  Serve();
  HttpResponse r = Get(port_, "/metrics");
  EXPECT_EQ(r.status, 500) << r.raw;
  EXPECT_EQ(r.body.find("store is closed"), std::string::npos);  // the detail goes to the log
  ASSERT_EQ(Log().size(), 1u);
  EXPECT_NE(Log()[0].find("store is closed"), std::string::npos);
  fail = false;
  r = Get(port_, "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok 1\n");
}

TEST(MetricsServerStartTest, NonLoopbackAddressesAreRefusedUnlessAllowed) {
  auto render = [] { return std::string(); };
  for (const char* listen : {"0.0.0.0:0", "*:0", "10.1.2.3:9464", "[::]:0", "[2001:db8::1]:9464",
                             "[::ffff:10.0.0.1]:9464"}) {
    MetricsServerOptions o;
    o.listen = listen;
    auto s = MetricsServer::Start(o, render);
    ASSERT_FALSE(s.ok()) << listen;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.status().message().find("allow_remote_metrics"), std::string::npos)
        << s.status().message();
    EXPECT_NE(s.status().message().find(listen), std::string::npos) << s.status().message();
  }
  // Allowed: the check no longer applies (a loopback address, so nothing is exposed here).
  MetricsServerOptions o;
  o.listen = "127.0.0.1:0";
  o.allow_remote = true;
  auto s = MetricsServer::Start(o, render);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  // Every loopback spelling is accepted without it.
  for (const char* listen : {"127.0.0.1:0", "127.8.9.10:0", "localhost:0"}) {
    o.listen = listen;
    o.allow_remote = false;
    auto loop = MetricsServer::Start(o, render);
    ASSERT_TRUE(loop.ok()) << listen << ": " << loop.status().ToString();
    EXPECT_EQ((*loop)->address().rfind("127.", 0), 0u) << (*loop)->address();
  }
  o.listen = "[::1]:0";
  auto v6 = MetricsServer::Start(o, render);
  if (!v6.ok() && v6.status().code() == StatusCode::kUnavailable) {
    GTEST_SKIP() << "no IPv6 loopback here: " << v6.status().ToString();
  }
  ASSERT_TRUE(v6.ok()) << v6.status().ToString();
  EXPECT_EQ((*v6)->address(), "[::1]:" + std::to_string((*v6)->port()));
}

TEST(MetricsServerStartTest, MalformedOptionsAreInvalidArguments) {
  auto render = [] { return std::string(); };
  for (const char* listen : {"", "127.0.0.1", "127.0.0.1:", ":9464", "127.0.0.1:65536",
                             "127.0.0.1:-1", "127.0.0.1:94a", "example.org:9464", "::1:9464",
                             "[::1]", "[::1:9464", "[foo]:9464", "127.1:9464", "1.2.3.4.5:80"}) {
    MetricsServerOptions o;
    o.listen = listen;
    auto s = MetricsServer::Start(o, render);
    ASSERT_FALSE(s.ok()) << listen;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << s.status().ToString();
  }
  MetricsServerOptions o;
  o.listen = "127.0.0.1:0";
  o.max_clients = 0;
  EXPECT_EQ(MetricsServer::Start(o, render).status().code(), StatusCode::kInvalidArgument);
  o.max_clients = 1;
  o.timeout = 0ms;
  EXPECT_EQ(MetricsServer::Start(o, render).status().code(), StatusCode::kInvalidArgument);
  o.timeout = 1ms;
  EXPECT_EQ(MetricsServer::Start(o, nullptr).status().code(), StatusCode::kInvalidArgument);
}

TEST(MetricsServerStartTest, AnAddressInUseIsUnavailableNamingIt) {
  auto render = [] { return std::string(); };
  MetricsServerOptions o;
  o.listen = "127.0.0.1:0";
  auto first = MetricsServer::Start(o, render);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  o.listen = (*first)->address();
  auto second = MetricsServer::Start(o, render);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(second.status().message(),
            "cannot listen for metrics on " + o.listen +
                ": Address already in use: pick another [listen] metrics port");
}

// Time is passed in: the timeout is exact, with no thread and no waiting.
TEST(MetricsServerStartTest, TimeoutsFollowTheClockPassedIn) {
  MetricsServerOptions o;
  o.listen = "127.0.0.1:0";
  o.timeout = 5s;
  auto started = MetricsServer::Start(o, [] { return std::string(); });
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  MetricsServer& server = **started;
  EXPECT_EQ(server.NextDeadline(), std::nullopt);
  Fd client = Connect(server.port());
  const Clock::time_point t0 = Clock::now() + 1h;  // anything: the server never reads the clock
  // Poll until the connection is accepted (the handshake is done: it is queued already).
  for (int i = 0; i < 100 && server.clients() == 0; ++i) {
    std::vector<PollItem> fds = server.PollFds();
    ASSERT_EQ(fds.size(), 1u);
    pollfd p{fds[0].fd, fds[0].events, 0};
    ASSERT_EQ(::poll(&p, 1, 50), 1);
    fds[0].revents = p.revents;
    server.OnReady(fds, t0);
  }
  ASSERT_EQ(server.clients(), 1u);
  EXPECT_EQ(server.NextDeadline(), t0 + 5s);
  EXPECT_EQ(server.PollFds().size(), 2u);
  server.Tick(t0 + 5s - 1ms);
  EXPECT_EQ(server.clients(), 1u);
  server.Tick(t0 + 5s);
  EXPECT_EQ(server.clients(), 0u);
  std::string how;
  EXPECT_EQ(ReadToEnd(client.get(), &how), "");
  EXPECT_EQ(how, "eof");
}

}  // namespace
}  // namespace citynet::node
