// citynetd's config file: every rule reported with its line and its fix, all problems at once,
// partner cards loaded and verified from real files, defaults filled in, and the example
// config in deploy/ loading as shipped.
#include "node/config/parse.h"
#include "node/config/render.h"
#include "node/config/validate.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "protocol/crypto.h"
#include "protocol/node_card.h"
#include "protocol/vocabulary.h"

namespace citynet::node {
namespace {

namespace fs = std::filesystem;

// Messages name this path; the text never comes from it.
const std::string kPath = "/etc/citynet/citynetd.toml";

// The repository root, for deploy/citynetd.example.toml.
std::string SourceDir() {
#ifdef CITYNET_SOURCE_DIR
  return CITYNET_SOURCE_DIR;
#else
  fs::path root = fs::path(__FILE__).parent_path().parent_path().parent_path();
  return root.empty() ? "." : root.string();
#endif
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// `text` with its first `from` replaced by `to`; fails the test when `from` is absent.
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the text";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "citynet-config-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A valid config; the line numbers below are relied on by the tests.
const char kBase[] = R"([node]
name = "copenhagen"
display_name = "City of Copenhagen"
data_dir = "data"
networks = ["c40", "eurocities"]

[listen]
endpoints = ["tcp://0.0.0.0:7400"]
advertise = ["tcp://cph.example.org:7400"]
control = "ipc:///run/citynet/control.sock"
metrics = "127.0.0.1:9464"

[[partner]]
card = "partners/c40.card"
networks = ["c40"]

[[partner]]
card = "partners/eurocities.card"
networks = ["eurocities"]
endpoint = "none"

[limits]
max_peers = 32

[log]
level = "notice"
)";
//  1 [node]               8 endpoints           15 networks (c40)     22 [limits]
//  2 name                 9 advertise           16                    23 max_peers
//  3 display_name        10 control             17 [[partner]]        24
//  4 data_dir            11 metrics             18 card (eurocities)  25 [log]
//  5 networks            12                     19 networks           26 level
//  6                     13 [[partner]]         20 endpoint
//  7 [listen]            14 card (c40)          21

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(protocol::InitCrypto().ok());
    fs::create_directories(Partners());
    WriteCard("c40.card", "c40", {"c40"});
    WriteCard("eurocities.card", "eurocities", {"eurocities"});
  }

  std::string Dir() const { return dir_.path(); }
  std::string Partners() const { return dir_.path() + "/partners"; }
  std::string CardPath(const std::string& file) const { return Partners() + "/" + file; }

  // Signs a card for node `name` and writes it, armored, to partners/<file>. The card is signed
  // with the signing key of node `signer` and carries the transport key of node `transport`
  // (both `name` unless given), each made on first use.
  std::string WriteCard(const std::string& file, const std::string& name,
                        std::vector<std::string> networks,
                        std::optional<std::vector<std::string>> endpoints = std::nullopt,
                        const std::string& signer = "", const std::string& transport = "") {
    const std::string& s = signer.empty() ? name : signer;
    const std::string& t = transport.empty() ? name : transport;
    if (!signing_.count(s)) signing_.emplace(s, protocol::SigningKey::Generate());
    if (!transport_.count(t)) transport_.emplace(t, protocol::TransportKey::Generate());
    protocol::NodeCard card;
    card.name = name;
    card.display_name = "Node " + name;
    card.transport_key = transport_.at(t).public_key();
    card.endpoints =
        endpoints.value_or(std::vector<std::string>{"tcp://" + name + ".example.org:7400"});
    card.networks = std::move(networks);
    card.issued_at_ms = 1763899200000;
    auto signed_card = protocol::SignNodeCard(signing_.at(s), card);
    EXPECT_TRUE(signed_card.ok()) << signed_card.status().ToString();
    std::string path = CardPath(file);
    if (signed_card.ok()) WriteFile(path, protocol::ArmorNodeCard(*signed_card));
    return path;
  }

  Result<NodeConfig> Parse(const std::string& text) { return ParseConfig(text, kPath, Dir()); }

  // The error lines of the failure message (warnings left out); empty when the parse succeeded.
  static std::vector<std::string> Lines(const Result<NodeConfig>& r) {
    std::vector<std::string> out;
    if (r.ok()) return out;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    std::stringstream s(r.status().message());
    for (std::string line; std::getline(s, line);) {
      if (line.find(": warning: ") == std::string::npos) out.push_back(line);
    }
    return out;
  }

  // The one problem `text` has, or a failure when it has none or several.
  std::string OneProblem(const std::string& text) {
    auto r = Parse(text);
    std::vector<std::string> lines = Lines(r);
    EXPECT_EQ(lines.size(), 1u) << (r.ok() ? "parsed" : r.status().message());
    return lines.empty() ? "" : lines.front();
  }

  static std::string At(int line, const std::string& message) {
    return kPath + ":" + std::to_string(line) + ": " + message;
  }

  TempDir dir_;
  std::map<std::string, protocol::SigningKey> signing_;
  std::map<std::string, protocol::TransportKey> transport_;
};

// ---------------------------------------------------------------------------------------------
// Valid configs.

TEST_F(ConfigTest, FullValidConfig) {
  auto r = Parse(kBase);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const NodeConfig& c = *r;
  EXPECT_EQ(c.path, kPath);
  EXPECT_EQ(c.name, "copenhagen");
  EXPECT_EQ(c.display_name, "City of Copenhagen");
  EXPECT_EQ(c.data_dir, Dir() + "/data");
  EXPECT_EQ(c.key_dir, Dir() + "/data/keys");
  EXPECT_EQ(c.networks, (std::vector<std::string>{"c40", "eurocities"}));
  EXPECT_EQ(c.listen.endpoints, std::vector<std::string>{"tcp://0.0.0.0:7400"});
  EXPECT_EQ(c.listen.advertise, std::vector<std::string>{"tcp://cph.example.org:7400"});
  EXPECT_EQ(c.listen.control, "ipc:///run/citynet/control.sock");
  EXPECT_EQ(c.listen.metrics, "127.0.0.1:9464");
  EXPECT_FALSE(c.listen.allow_remote_metrics);

  ASSERT_EQ(c.partners.size(), 2u);
  const PartnerConfig& c40 = c.partners[0];
  EXPECT_EQ(c40.card_path, CardPath("c40.card"));
  EXPECT_EQ(c40.networks, std::vector<std::string>{"c40"});
  EXPECT_EQ(c40.endpoint, "tcp://c40.example.org:7400");  // the card's first endpoint
  EXPECT_EQ(c40.card.name, "c40");
  EXPECT_EQ(c40.card.signing_key, signing_.at("c40").public_key());
  EXPECT_EQ(c40.card.transport_key, transport_.at("c40").public_key());
  EXPECT_EQ(c40.line, 13);
  const PartnerConfig& eurocities = c.partners[1];
  EXPECT_EQ(eurocities.endpoint, std::nullopt);  // "none": they dial us
  EXPECT_EQ(eurocities.card.name, "eurocities");
  EXPECT_EQ(eurocities.line, 17);

  EXPECT_EQ(c.limits.max_peers, 32);
  EXPECT_EQ(c.limits.max_message_bytes, 8u * 1024 * 1024);
  EXPECT_EQ(c.log_level, LogLevel::kNotice);
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front();
}

TEST_F(ConfigTest, TheNodeCanSignItsOwnCardFromTheConfig) {
  auto r = Parse(kBase);
  ASSERT_TRUE(r.ok()) << r.status().message();
  protocol::NodeCard own;
  own.name = r->name;
  own.display_name = r->display_name;
  own.transport_key = protocol::TransportKey::Generate().public_key();
  own.endpoints = r->listen.advertise;
  own.networks = r->networks;
  own.issued_at_ms = 1763899200000;
  auto signed_card = protocol::SignNodeCard(protocol::SigningKey::Generate(), own);
  EXPECT_TRUE(signed_card.ok()) << signed_card.status().ToString();
}

TEST_F(ConfigTest, DefaultsApplyWhenListenLimitsAndLogAreMissing) {
  auto r = Parse(R"([node]
name = "copenhagen"
display_name = "City of Copenhagen"
networks = ["c40"]

[[partner]]
card = "partners/c40.card"
networks = ["c40"]
)");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const NodeConfig& c = *r;
  EXPECT_EQ(c.data_dir, "/var/lib/citynet");
  EXPECT_EQ(c.key_dir, "/var/lib/citynet/keys");
  EXPECT_EQ(c.listen.endpoints, std::vector<std::string>{"tcp://0.0.0.0:7400"});
  EXPECT_TRUE(c.listen.advertise.empty());
  EXPECT_EQ(c.listen.control, "ipc:///run/citynet/control.sock");
  EXPECT_EQ(c.listen.metrics, "");
  EXPECT_FALSE(c.listen.allow_remote_metrics);
  EXPECT_EQ(c.limits.max_message_bytes, 8388608u);
  EXPECT_EQ(c.limits.max_peers, 64);
  EXPECT_EQ(c.limits.peer_rate_records_per_s, 2000);
  EXPECT_EQ(c.limits.peer_queue_bytes, 67108864u);
  EXPECT_EQ(c.limits.pending_records, 100000u);
  EXPECT_EQ(c.limits.catch_up_interval, std::chrono::seconds(30));
  EXPECT_EQ(c.limits.heartbeat_timeout, std::chrono::seconds(30));
  EXPECT_EQ(c.log_level, LogLevel::kInfo);
  // Every listen endpoint is a wildcard and nothing is advertised: worth saying.
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0].rfind(kPath + ": warning: listen.advertise is not set", 0), 0u)
      << c.warnings[0];
}

TEST_F(ConfigTest, EmptyLimitsAndLogTablesKeepTheDefaults) {
  std::string text = Replace(kBase, "max_peers = 32\n", "");
  text = Replace(text, "level = \"notice\"\n", "");
  auto r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->limits.max_peers, 64);
  EXPECT_EQ(r->log_level, LogLevel::kInfo);
}

TEST_F(ConfigTest, AdvertiseDefaultsToTheListenEndpointsThatAreNotWildcards) {
  std::string text = Replace(kBase, "advertise = [\"tcp://cph.example.org:7400\"]\n", "");
  text = Replace(text, "endpoints = [\"tcp://0.0.0.0:7400\"]",
                 "endpoints = [\"tcp://[::]:7400\", \"tcp://10.1.2.3:7401\", \"tcp://*:7402\"]");
  auto r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->listen.advertise, std::vector<std::string>{"tcp://10.1.2.3:7401"});
  EXPECT_TRUE(r->warnings.empty());
}

TEST_F(ConfigTest, ExampleConfigLoads) {
  WriteCard("c40.card", "c40", {"c40"});
  WriteCard("eurocities.card", "eurocities", {"eurocities"});
  WriteCard("beijing.card", "beijing", {"c40", "ssc-beijing"});
  WriteCard("buenos-aires.card", "buenos-aires", {"c40", "ssc-buenos-aires"});
  std::string text = ReadFile(SourceDir() + "/deploy/citynetd.example.toml");
  ASSERT_NE(text.find("/etc/citynet/partners/"), std::string::npos);
  // The example names /etc/citynet/partners/*.card; here they are in the temp dir.
  for (std::size_t at; (at = text.find("/etc/citynet/partners/")) != std::string::npos;) {
    text.replace(at, std::string("/etc/citynet/partners/").size(), Partners() + "/");
  }
  std::string path = Dir() + "/citynetd.toml";
  WriteFile(path, text);

  auto r = LoadConfig(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const NodeConfig& c = *r;
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front();
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.name, "copenhagen");
  EXPECT_EQ(c.networks.size(), 4u);
  EXPECT_EQ(c.data_dir, "/var/lib/citynet");
  EXPECT_EQ(c.key_dir, "/var/lib/citynet/keys");
  EXPECT_EQ(c.listen.advertise, std::vector<std::string>{"tcp://cph.example.org:7400"});
  EXPECT_EQ(c.listen.metrics, "127.0.0.1:9464");
  ASSERT_EQ(c.partners.size(), 4u);
  EXPECT_EQ(c.partners[0].card.name, "c40");
  EXPECT_EQ(c.partners[0].endpoint, "tcp://c40.example.org:7400");
  EXPECT_EQ(c.partners[1].endpoint, "tcp://node.eurocities.example.eu:7400");
  EXPECT_EQ(c.partners[2].card.name, "beijing");
  EXPECT_EQ(c.partners[2].endpoint, std::nullopt);
  EXPECT_EQ(c.partners[3].networks, (std::vector<std::string>{"c40", "ssc-buenos-aires"}));
  EXPECT_EQ(c.limits.max_peers, 64);  // the example leaves the limits at their defaults
  EXPECT_EQ(c.log_level, LogLevel::kInfo);
}

TEST_F(ConfigTest, RelativePathsResolveAgainstTheConfigFilesDirectory) {
  fs::create_directories(Dir() + "/etc/partners");
  fs::copy_file(CardPath("c40.card"), Dir() + "/etc/partners/c40.card");
  fs::copy_file(CardPath("eurocities.card"), Dir() + "/etc/partners/eurocities.card");
  std::string path = Dir() + "/etc/citynetd.toml";
  WriteFile(path, Replace(kBase, "data_dir = \"data\"", "data_dir = \"../state/\""));
  auto r = LoadConfig(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->path, path);
  EXPECT_EQ(r->data_dir, Dir() + "/state");
  EXPECT_EQ(r->key_dir, Dir() + "/state/keys");
  EXPECT_EQ(r->partners[0].card_path, Dir() + "/etc/partners/c40.card");

  // The same file, named relative to the current directory, resolves the same way.
  fs::path cwd = fs::current_path();
  fs::current_path(Dir());
  auto relative = LoadConfig("etc/citynetd.toml");
  fs::current_path(cwd);
  ASSERT_TRUE(relative.ok()) << relative.status().message();
  EXPECT_EQ(relative->path, path);
  EXPECT_EQ(relative->partners[1].card_path, Dir() + "/etc/partners/eurocities.card");
}

TEST_F(ConfigTest, ToStringRendersTheEffectiveConfigAndParsesBackToIt) {
  auto r = Parse(Replace(kBase, "[limits]\n", "[limits]\npending_records = 5000\n"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::string text = ToString(*r);
  EXPECT_NE(text.find("[node]\nname = \"copenhagen\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("data_dir = \"" + Dir() + "/data\""), std::string::npos) << text;
  EXPECT_NE(text.find("key_dir = \"" + Dir() + "/data/keys\""), std::string::npos);
  EXPECT_NE(text.find("card = \"" + CardPath("c40.card") + "\""), std::string::npos);
  EXPECT_NE(text.find("endpoint = \"tcp://c40.example.org:7400\""), std::string::npos);
  EXPECT_NE(text.find("endpoint = \"none\""), std::string::npos);
  EXPECT_NE(text.find(signing_.at("c40").public_key().Hex()), std::string::npos);
  EXPECT_NE(text.find("pending_records = 5000\n"), std::string::npos);
  EXPECT_NE(text.find("catch_up_interval_s = 30\n"), std::string::npos);  // a default
  EXPECT_NE(text.find("level = \"notice\""), std::string::npos);
  EXPECT_NE(text.find("[datasets]\nfetch = \"on-demand\"\n"), std::string::npos);  // a default
  // Public keys only: no secret of any key appears.
  for (const auto& [name, key] : signing_) {
    EXPECT_EQ(text.find(ToHex(key.seed())), std::string::npos) << name;
  }
  for (const auto& [name, key] : transport_) {
    EXPECT_EQ(text.find(ToHex(key.secret())), std::string::npos) << name;
  }

  auto again = ParseConfig(text, kPath, "/nonexistent");  // every path in it is absolute
  ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << text;
  EXPECT_EQ(ToString(*again), text);
}

TEST_F(ConfigTest, DatasetFetchPolicyParsesAndDefaultsToOnDemand) {
  auto r = Parse(kBase);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset_fetch, FetchPolicy::kOnDemand);
  auto all = Parse(std::string(kBase) + "\n[datasets]\nfetch = \"all\"\n");
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->dataset_fetch, FetchPolicy::kAll);
  auto again = ParseConfig(ToString(*all), kPath, "/nonexistent");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->dataset_fetch, FetchPolicy::kAll);
  auto on_demand = Parse(std::string(kBase) + "\n[datasets]\nfetch = \"on-demand\"\n");
  ASSERT_TRUE(on_demand.ok()) << on_demand.status().message();
  EXPECT_EQ(on_demand->dataset_fetch, FetchPolicy::kOnDemand);
  EXPECT_EQ(FetchPolicyName(FetchPolicy::kAll), "all");
  EXPECT_EQ(FetchPolicyName(FetchPolicy::kOnDemand), "on-demand");
}

TEST_F(ConfigTest, DatasetServeRateParsesWithinBounds) {
  auto r = Parse(kBase);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset_serve_mib_per_s, 8);
  auto fast = Parse(std::string(kBase) + "\n[datasets]\nserve_mib_per_s = 100\n");
  ASSERT_TRUE(fast.ok()) << fast.status().message();
  EXPECT_EQ(fast->dataset_serve_mib_per_s, 100);
  auto again = ParseConfig(ToString(*fast), kPath, "/nonexistent");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->dataset_serve_mib_per_s, 100);
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nserve_mib_per_s = 0\n"),
            At(29,
               "datasets.serve_mib_per_s must be between 1 and 10000 (MiB/s of dataset "
               "bodies sent to one partner), not 0"));
}

TEST_F(ConfigTest, DatasetFetchPolicyProblemsSayWhatToWrite) {
  // kBase has 26 lines; "\n[datasets]" puts the table on 28 and its key on 29.
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nfetch = \"some\"\n"),
            At(29,
               "datasets.fetch: 'some' is not a fetch policy: use \"on-demand\" (bodies fetched "
               "when asked for) or \"all\" (every dataset's body)"));
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nfetch = \"ondemand\"\n"),
            At(29,
               "datasets.fetch: 'ondemand' is not a fetch policy: did you mean 'on-demand'? "
               "(on-demand, all)"));
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nfetch = \"ALL\"\n"),
            At(29,
               "datasets.fetch: 'ALL' is not a fetch policy: did you mean 'all'? "
               "(on-demand, all)"));
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nfetch = true\n"),
            At(29, "datasets.fetch must be a string (in double quotes), not true or false"));
  EXPECT_EQ(OneProblem(std::string(kBase) + "\n[datasets]\nfech = \"all\"\n"),
            At(29, "unknown key 'fech': did you mean 'fetch'?"));
}

TEST_F(ConfigTest, ToStringQuotesWhatNeedsQuoting) {
  auto r = Parse(Replace(kBase, "City of Copenhagen", R"(K\u00f8benhavns \"Kommune\" \\ C)"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->display_name,
            "K\xC3\xB8"
            "benhavns \"Kommune\" \\ C");
  auto again = ParseConfig(ToString(*r), kPath, Dir());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->display_name, r->display_name);
}

TEST(LogLevelTest, NamesAreTheConfigSpellings) {
  EXPECT_EQ(LogLevelName(LogLevel::kDebug), "debug");
  EXPECT_EQ(LogLevelName(LogLevel::kInfo), "info");
  EXPECT_EQ(LogLevelName(LogLevel::kNotice), "notice");
  EXPECT_EQ(LogLevelName(LogLevel::kWarning), "warning");
  EXPECT_EQ(LogLevelName(LogLevel::kError), "error");
}

TEST_F(ConfigTest, EveryLogLevelParses) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kNotice, LogLevel::kWarning,
                         LogLevel::kError}) {
    auto r = Parse(Replace(kBase, "\"notice\"", "\"" + std::string(LogLevelName(level)) + "\""));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->log_level, level);
  }
}

// ---------------------------------------------------------------------------------------------
// Syntax, required keys, types and unknown keys.

TEST_F(ConfigTest, SyntaxErrorGivesLineAndColumn) {
  auto r = Parse(Replace(kBase, "networks = [\"c40\"]\n", "networks = [\"c40\"\n"));
  std::vector<std::string> lines = Lines(r);
  ASSERT_EQ(lines.size(), 1u);
  // Where the parser noticed: the next table header, still inside the array. toml++ words the
  // description; the place is what matters.
  EXPECT_EQ(lines[0].rfind(kPath + ":17:1: syntax error: ", 0), 0u) << lines[0];

  std::string unterminated = OneProblem(Replace(kBase, "\"copenhagen\"", "\"copenhagen"));
  EXPECT_EQ(unterminated.rfind(kPath + ":2:", 0), 0u) << unterminated;
  EXPECT_NE(unterminated.find(": syntax error: "), std::string::npos) << unterminated;

  std::string twice =
      OneProblem(Replace(kBase, "max_peers = 32\n", "max_peers = 32\nmax_peers = 33\n"));
  EXPECT_EQ(twice.rfind(kPath + ":24:", 0), 0u) << twice;
}

TEST_F(ConfigTest, RequiredKeysAreNamedWithTheLineOfTheirTable) {
  std::string text = Replace(kBase, "name = \"copenhagen\"\n", "");
  text = Replace(text, "display_name = \"City of Copenhagen\"\n", "");
  text = Replace(text, "networks = [\"c40\", \"eurocities\"]\n", "");
  EXPECT_EQ(Lines(Parse(text)),
            (std::vector<std::string>{
                At(1,
                   "node.name is missing: add name = \"your-city\", the name on this node's "
                   "card (a-z, 0-9 and '-')"),
                At(1,
                   "node.display_name is missing: add display_name = \"City of ...\", the "
                   "name partners see"),
                At(1,
                   "node.networks is missing: add networks = [\"...\"], the networks this "
                   "node belongs to"),
            }));
}

TEST_F(ConfigTest, MissingNodeTableIsReportedForTheFile) {
  EXPECT_EQ(OneProblem("[log]\nlevel = \"info\"\n"),
            kPath +
                ": [node] is missing: every config needs a [node] table with name, "
                "display_name and networks");
}

TEST_F(ConfigTest, PartnerNeedsCardAndNetworks) {
  std::string text = Replace(kBase, "card = \"partners/c40.card\"\nnetworks = [\"c40\"]\n", "");
  EXPECT_EQ(Lines(Parse(text)),
            (std::vector<std::string>{
                At(13,
                   "partner.card is missing: add card = \"/etc/citynet/partners/NAME.card\", "
                   "the card file the partner sent you"),
                At(13,
                   "partner.networks is missing: add networks = [\"...\"], the networks you "
                   "share with this partner"),
            }));
}

TEST_F(ConfigTest, EmptyListsAndStringsAreRefused) {
  EXPECT_EQ(OneProblem(Replace(kBase, "networks = [\"eurocities\"]", "networks = []")),
            At(19, "partner.networks is empty: list the networks you share with this partner"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"City of Copenhagen\"", "\"\"")),
            At(3,
               "node.display_name is empty: write the name partners see, e.g. \"City of "
               "Copenhagen\""));
  EXPECT_EQ(OneProblem(Replace(kBase, "data_dir = \"data\"", "data_dir = \"\"")),
            At(4, "node.data_dir is empty: write a directory path"));
  EXPECT_EQ(OneProblem(Replace(kBase, "data_dir = \"data\"", "data_dir = \"~/citynet\"")),
            At(4,
               "node.data_dir: '~/citynet': '~' is not expanded in this file: write the full "
               "path"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"partners/c40.card\"", "\"\"")),
            At(14,
               "partner.card is empty: write the path of the card file the partner sent "
               "you"));
}

TEST_F(ConfigTest, NodeNetworksMustNotBeEmpty) {
  auto lines =
      Lines(Parse(Replace(kBase, "networks = [\"c40\", \"eurocities\"]", "networks = []")));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], At(5,
                         "node.networks is empty: list the networks this node belongs to, "
                         "e.g. [\"c40\"]"));
}

TEST_F(ConfigTest, WrongTypesAreNamed) {
  EXPECT_EQ(OneProblem(Replace(kBase, "name = \"copenhagen\"", "name = 5")),
            At(2, "node.name must be a string (in double quotes), not an integer"));
  EXPECT_EQ(OneProblem(Replace(kBase, "networks = [\"c40\"]", "networks = \"c40\"")),
            At(15, "partner.networks must be an array of strings, not a string: [\"c40\"]"));
  EXPECT_EQ(OneProblem(Replace(kBase, "max_peers = 32", "max_peers = \"32\"")),
            At(23,
               "limits.max_peers must be an integer, not a string: write the number without "
               "quotes or units (underscores may group digits: 8_388_608)"));
  EXPECT_EQ(OneProblem(Replace(kBase, "max_peers = 32", "max_peers = 32.5")),
            At(23,
               "limits.max_peers must be an integer, not a number with a fraction: write a "
               "whole number"));
  EXPECT_EQ(OneProblem(Replace(kBase, "metrics = \"127.0.0.1:9464\"",
                               "metrics = \"127.0.0.1:9464\"\nallow_remote_metrics = \"yes\"")),
            At(12,
               "listen.allow_remote_metrics must be true or false (without quotes), not a "
               "string"));
  EXPECT_EQ(OneProblem("log = \"info\"\n" + Replace(kBase, "[log]\nlevel = \"notice\"\n", "")),
            At(1, "log must be a table, written [log] on a line of its own, not a string"));
}

TEST_F(ConfigTest, AWrongTypeInsideAnArrayIsReportedAtItsElement) {
  std::string text = Replace(kBase, "networks = [\"c40\", \"eurocities\"]",
                             "networks = [\n  \"c40\",\n  7,\n  \"eurocities\",\n]");
  EXPECT_EQ(OneProblem(text), At(7,
                                 "node.networks must be an array of strings, but holds an "
                                 "integer"));
}

TEST_F(ConfigTest, UnknownKeysGetDidYouMean) {
  EXPECT_EQ(OneProblem(Replace(kBase, "max_peers = 32", "max_peer = 32")),
            At(23, "unknown key 'max_peer': did you mean 'max_peers'?"));
  EXPECT_EQ(OneProblem(Replace(kBase, "endpoint = \"none\"", "endpionts = \"none\"")),
            At(20, "unknown key 'endpionts': did you mean 'endpoint'?"));
  EXPECT_EQ(OneProblem(Replace(kBase, "display_name", "Display_Name")),
            At(3, "unknown key 'Display_Name': did you mean 'display_name'?"));
  EXPECT_EQ(OneProblem(Replace(kBase, "[log]", "[logging]")),
            At(25, "unknown table [logging]: did you mean [log]?"));
  EXPECT_EQ(OneProblem(Replace(kBase, "[limits]", "[limit]")),
            At(22, "unknown table [limit]: did you mean [limits]?"));
  // The misspelling is the one problem: not also "[node] is missing" or "name is missing".
  EXPECT_EQ(OneProblem(Replace(kBase, "[node]", "[Node]")),
            At(1, "unknown table [Node]: did you mean [node]?"));
  EXPECT_EQ(OneProblem(Replace(kBase, "name = \"copenhagen\"", "nmae = \"copenhagen\"")),
            At(2, "unknown key 'nmae': did you mean 'name'?"));
}

TEST_F(ConfigTest, UnknownKeysInTheWrongTableSayWhereTheyBelong) {
  EXPECT_EQ(OneProblem(Replace(kBase, "data_dir = \"data\"", "data_dir = \"data\"\nmax_peers = 9")),
            At(5, "unknown key 'max_peers' in [node]: it belongs in [limits]"));
  EXPECT_EQ(OneProblem("level = \"info\"\n" + std::string(kBase)),
            At(1, "key 'level' is outside any table: it belongs in [log]"));
  EXPECT_EQ(OneProblem(Replace(kBase, "[log]", "[log]\ncolour = true")),
            At(26, "unknown key 'colour' in [log]: the keys of [log] are level"));
  EXPECT_EQ(OneProblem(Replace(kBase, "[log]", "[monitoring]\nport = 1\n\n[log]")),
            At(25,
               "unknown table [monitoring]: the tables are [node], [listen], [[partner]], "
               "[limits], [log] and [datasets]"));
  EXPECT_EQ(OneProblem(Replace(kBase, "[log]", "[metrics]\nport = 1\n\n[log]")),
            At(25, "unknown table [metrics]: 'metrics' is a key of [listen]"));
  EXPECT_EQ(OneProblem("verbose = true\n" + std::string(kBase)),
            At(1,
               "unknown key 'verbose' outside any table: the tables are [node], [listen], "
               "[[partner]], [limits], [log] and [datasets]"));
}

TEST_F(ConfigTest, PartnerMustBeAnArrayOfTables) {
  std::string text = Replace(kBase, "[[partner]]\ncard = \"partners/eurocities.card\"",
                             "[[partners]]\ncard = \"partners/eurocities.card\"");
  std::vector<std::string> lines = Lines(Parse(text));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], At(17,
                         "unknown table [partners]: did you mean [[partner]]? (one "
                         "[[partner]] block per partner)"));

  text = "[partner]\ncard = \"partners/c40.card\"\nnetworks = [\"c40\"]\n" +
         Replace(Replace(kBase, "[[partner]]\ncard = \"partners/c40.card\"\nnetworks = [\"c40\"]\n",
                         ""),
                 "[[partner]]\ncard = \"partners/eurocities.card\"\nnetworks = "
                 "[\"eurocities\"]\nendpoint = \"none\"\n",
                 "");
  EXPECT_EQ(OneProblem(text), At(1,
                                 "partner must be written [[partner]] (with double brackets), "
                                 "one block per partner, not [partner]"));
}

// ---------------------------------------------------------------------------------------------
// Names, networks and paths.

TEST_F(ConfigTest, NamesAndNetworksAreSlugs) {
  EXPECT_EQ(OneProblem(Replace(kBase, "[\"c40\", \"eurocities\"]", "[\"C40\", \"eurocities\"]")),
            At(5, "node.networks: 'C40' must be lower case: 'c40'"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"copenhagen\"", "\"Copenhagen\"")),
            At(2, "node.name: 'Copenhagen' must be lower case: 'copenhagen'"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"copenhagen\"", "\"københavn\"")),
            At(2, "node.name: 'københavn' may only use a-z, 0-9 and '-': try 'kobenhavn'"));
  std::vector<std::string> lines =
      Lines(Parse(Replace(kBase, "networks = [\"c40\"]", "networks = [\"c40\", \"-c40\"]")));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], At(15, "partner.networks: '-c40' must start with a letter"));
}

TEST_F(ConfigTest, NetworksMustNotRepeat) {
  EXPECT_EQ(
      OneProblem(Replace(kBase, "[\"c40\", \"eurocities\"]", "[\"c40\", \"eurocities\", \"c40\"]")),
      At(5, "node.networks: 'c40' is listed twice"));
  EXPECT_EQ(OneProblem(Replace(kBase, "networks = [\"c40\"]", "networks = [\"c40\", \"c40\"]")),
            At(15, "partner.networks: 'c40' is listed twice"));
}

TEST_F(ConfigTest, PartnerNetworksMustBeOurs) {
  WriteCard("c40.card", "c40", {"c40", "c41"});
  EXPECT_EQ(OneProblem(Replace(kBase, "networks = [\"c40\"]", "networks = [\"c40\", \"c41\"]")),
            At(15,
               "partner.networks: 'c41' is not one of this node's networks (node.networks, "
               "line 5): add it there or remove it here; did you mean 'c40'?"));
  EXPECT_EQ(
      OneProblem(Replace(kBase, "networks = [\"c40\"]", "networks = [\"c40\", \"ssc-beijing\"]")),
      At(15,
         "partner.networks: 'ssc-beijing' is not one of this node's networks "
         "(node.networks, line 5): add it there or remove it here"));
}

TEST_F(ConfigTest, DisplayNameIsOneLineOfText) {
  EXPECT_EQ(OneProblem(Replace(kBase, "\"City of Copenhagen\"", "\"City of\\nCopenhagen\"")),
            At(3, "node.display_name contains a control character (U+000A) at byte 7"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"City of Copenhagen\"", "\" City of Copenhagen\"")),
            At(3, "node.display_name ' City of Copenhagen' starts or ends with a space"));
  EXPECT_EQ(
      OneProblem(Replace(kBase, "\"City of Copenhagen\"", "\"" + std::string(301, 'x') + "\"")),
      At(3, "node.display_name is 301 characters long; the limit is 300"));
}

// ---------------------------------------------------------------------------------------------
// Endpoints and addresses.

TEST_F(ConfigTest, ListenEndpointsAreTcpHostPort) {
  auto listen = [this](const std::string& endpoint) {
    return OneProblem(Replace(kBase, "[\"tcp://0.0.0.0:7400\"]", "[\"" + endpoint + "\"]"));
  };
  EXPECT_EQ(listen("tcp://0.0.0.0:0"),
            At(8,
               "listen.endpoints: 'tcp://0.0.0.0:0' asks for any free port, which partners "
               "and monitoring could not find: choose one, e.g. 'tcp://HOST:7400'"));
  EXPECT_EQ(listen("tcp://0.0.0.0:70000"),
            At(8,
               "listen.endpoints: 'tcp://0.0.0.0:70000' has port '70000'; a port is a number "
               "from 1 to 65535"));
  EXPECT_EQ(listen("tcp://0.0.0.0"),
            At(8,
               "listen.endpoints: 'tcp://0.0.0.0' has no port: write it as "
               "'tcp://HOST:7400'"));
  EXPECT_EQ(listen("0.0.0.0:7400"), At(8,
                                       "listen.endpoints: '0.0.0.0:7400' must start with tcp://: "
                                       "'tcp://0.0.0.0:7400'"));
  EXPECT_EQ(listen("udp://0.0.0.0:7400"),
            At(8,
               "listen.endpoints: 'udp://0.0.0.0:7400': only tcp:// endpoints are "
               "supported"));
  EXPECT_EQ(listen("tcp://::1:7400"),
            At(8,
               "listen.endpoints: 'tcp://::1:7400': write an IPv6 address in brackets: "
               "'tcp://[::1]:7400'"));
  EXPECT_EQ(listen("tcp://cph example.org:7400"),
            At(8,
               "listen.endpoints: 'tcp://cph example.org:7400' has host 'cph example.org', "
               "which is not a host name, an IPv4 address or an IPv6 address in brackets"));
  for (const char* ok : {"tcp://*:7400", "tcp://[::]:7400", "tcp://127.0.0.1:1",
                         "tcp://[2001:db8::1]:65535", "tcp://eth0:7400"}) {
    auto r = Parse(Replace(kBase, "[\"tcp://0.0.0.0:7400\"]", std::string("[\"") + ok + "\"]"));
    EXPECT_TRUE(r.ok()) << ok << ": " << r.status().message();
  }
  EXPECT_EQ(OneProblem(Replace(kBase, "[\"tcp://0.0.0.0:7400\"]",
                               "[\"tcp://0.0.0.0:7400\", \"tcp://0.0.0.0:7400\"]")),
            At(8, "listen.endpoints: 'tcp://0.0.0.0:7400' is listed twice"));
}

TEST_F(ConfigTest, AdvertisedAndPartnerEndpointsCannotBeWildcards) {
  EXPECT_EQ(OneProblem(Replace(kBase, "tcp://cph.example.org:7400", "tcp://0.0.0.0:7400")),
            At(9,
               "listen.advertise: 'tcp://0.0.0.0:7400' is a wildcard address, which cannot be "
               "dialled: write the host name or address this node is reached at"));
  EXPECT_EQ(OneProblem(Replace(kBase, "endpoint = \"none\"", "endpoint = \"tcp://*:7400\"")),
            At(20,
               "partner.endpoint: 'tcp://*:7400' is a wildcard address, which cannot be "
               "dialled: write the host name or address the partner is reached at; or write "
               "\"none\" when the partner connects to this node"));
  auto r = Parse(Replace(kBase, "endpoint = \"none\"", "endpoint = \"tcp://10.0.0.9:7400\""));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->partners[1].endpoint, "tcp://10.0.0.9:7400");
}

TEST_F(ConfigTest, ControlIsAnIpcSocketWithAnAbsolutePath) {
  auto control = [this](const std::string& value) {
    return OneProblem(Replace(kBase, "\"ipc:///run/citynet/control.sock\"", "\"" + value + "\""));
  };
  EXPECT_EQ(control("tcp://127.0.0.1:7401"),
            At(10,
               "listen.control: 'tcp://127.0.0.1:7401' must be ipc:// and an absolute path, "
               "e.g. 'ipc:///run/citynet/control.sock': whoever can open the control socket "
               "controls the node, so it is a Unix socket guarded by file permissions, never "
               "TCP"));
  EXPECT_EQ(control("ipc://control.sock"),
            At(10, "listen.control: 'ipc://control.sock' must name an absolute path: 'ipc://" +
                       Dir() + "/control.sock'"));
  EXPECT_EQ(control("ipc://@citynet"),
            At(10,
               "listen.control: 'ipc://@citynet' is an abstract socket, which any local user "
               "can open: name a file, e.g. 'ipc:///run/citynet/control.sock'"));
  EXPECT_EQ(control("ipc:///" + std::string(107, 'x')),
            At(10,
               "listen.control: the socket path is 108 bytes long; a Unix socket path is at "
               "most 107"));
  EXPECT_EQ(control("ipc:///run/citynet/"),
            At(10,
               "listen.control: 'ipc:///run/citynet/' names a directory: add the socket's "
               "file name, e.g. 'control.sock'"));
}

TEST_F(ConfigTest, MetricsAreLoopbackOnlyUnlessAllowed) {
  EXPECT_EQ(OneProblem(Replace(kBase, "127.0.0.1:9464", "0.0.0.0:9464")),
            At(11,
               "listen.metrics 0.0.0.0:9464 is not a loopback address: metrics are served on "
               "loopback only unless allow_remote_metrics = true"));
  EXPECT_EQ(OneProblem(Replace(kBase, "127.0.0.1:9464", "http://127.0.0.1:9464")),
            At(11,
               "listen.metrics: 'http://127.0.0.1:9464' must be HOST:PORT without a scheme: "
               "'127.0.0.1:9464'"));
  EXPECT_EQ(OneProblem(Replace(kBase, "127.0.0.1:9464", "127.0.0.1")),
            At(11, "listen.metrics: '127.0.0.1' has no port: write it as '127.0.0.1:9464'"));
  for (const char* ok : {"127.0.0.1:9464", "127.8.9.10:1", "[::1]:9464", "localhost:9464", ""}) {
    auto r = Parse(Replace(kBase, "127.0.0.1:9464", ok));
    ASSERT_TRUE(r.ok()) << ok << ": " << r.status().message();
    EXPECT_EQ(r->listen.metrics, ok);
  }
  auto remote = Parse(Replace(kBase, "metrics = \"127.0.0.1:9464\"",
                              "metrics = \"0.0.0.0:9464\"\nallow_remote_metrics = true"));
  ASSERT_TRUE(remote.ok()) << remote.status().message();
  EXPECT_EQ(remote->listen.metrics, "0.0.0.0:9464");
  EXPECT_TRUE(remote->listen.allow_remote_metrics);
}

// ---------------------------------------------------------------------------------------------
// Limits and log level.

TEST_F(ConfigTest, LimitsMustBeWithinTheirBounds) {
  auto limit = [this](const std::string& line) {
    return OneProblem(Replace(kBase, "max_peers = 32", line));
  };
  EXPECT_EQ(limit("max_peers = 0"), At(23, "limits.max_peers must be between 1 and 4096, not 0"));
  EXPECT_EQ(limit("max_peers = -5"), At(23, "limits.max_peers must be between 1 and 4096, not -5"));
  EXPECT_EQ(limit("max_peers = 5000"),
            At(23, "limits.max_peers must be between 1 and 4096, not 5000"));
  EXPECT_EQ(limit("max_message_bytes = 1000"),
            At(23,
               "limits.max_message_bytes must be between 4211712 and 268435456 (the least is "
               "the largest record envelope, the most 256 MiB), not 1000"));
  EXPECT_EQ(limit("peer_rate_records_per_s = 0"),
            At(23, "limits.peer_rate_records_per_s must be between 1 and 1000000, not 0"));
  EXPECT_EQ(limit("pending_records = 0"),
            At(23, "limits.pending_records must be between 1 and 100000000, not 0"));
  EXPECT_EQ(limit("catch_up_interval_s = 86401"),
            At(23,
               "limits.catch_up_interval_s must be between 1 and 86400 (seconds: 1 second to "
               "1 day), not 86401"));
  EXPECT_EQ(limit("heartbeat_timeout_s = 2"),
            At(23,
               "limits.heartbeat_timeout_s must be between 3 and 3600 (seconds: 3 seconds to "
               "1 hour), not 2"));
  EXPECT_EQ(limit("peer_queue_bytes = 5_000_000_000"),
            At(23,
               "limits.peer_queue_bytes must be between 8388608 and 4294967296 (a peer's "
               "queue holds at least one message of limits.max_message_bytes, and at most 4 "
               "GiB), not 5000000000"));
  // The queue's least follows the configured message size.
  EXPECT_EQ(limit("max_message_bytes = 16_777_216\npeer_queue_bytes = 10_000_000"),
            At(24,
               "limits.peer_queue_bytes must be between 16777216 and 4294967296 (a peer's "
               "queue holds at least one message of limits.max_message_bytes, and at most 4 "
               "GiB), not 10000000"));

  auto r = Parse(Replace(kBase, "max_peers = 32",
                         "max_message_bytes = 4_211_712\nmax_peers = 4096\n"
                         "peer_rate_records_per_s = 1\npeer_queue_bytes = 4_211_712\n"
                         "pending_records = 100_000_000\ncatch_up_interval_s = 1\n"
                         "heartbeat_timeout_s = 3600"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->limits.max_message_bytes, kMinMessageBytes);
  EXPECT_EQ(r->limits.max_peers, 4096);
  EXPECT_EQ(r->limits.peer_rate_records_per_s, 1);
  EXPECT_EQ(r->limits.peer_queue_bytes, kMinMessageBytes);
  EXPECT_EQ(r->limits.pending_records, 100000000u);
  EXPECT_EQ(r->limits.catch_up_interval, std::chrono::seconds(1));
  EXPECT_EQ(r->limits.heartbeat_timeout, std::chrono::seconds(3600));
}

TEST_F(ConfigTest, LogLevelIsOneOfTheList) {
  EXPECT_EQ(OneProblem(Replace(kBase, "\"notice\"", "\"warn\"")),
            At(26,
               "log.level: 'warn' is not a log level: did you mean 'warning'? (debug, info, "
               "notice, warning, error)"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"notice\"", "\"INFO\"")),
            At(26, "log.level: 'INFO' must be lower case: 'info'"));
  EXPECT_EQ(OneProblem(Replace(kBase, "\"notice\"", "\"verbose\"")),
            At(26,
               "log.level: 'verbose' is not a log level: use debug, info, notice, warning or "
               "error"));
}

// ---------------------------------------------------------------------------------------------
// Partner cards.

TEST_F(ConfigTest, MissingCardFileSaysWhatToDo) {
  fs::remove(CardPath("c40.card"));
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       ": no such file: copy the card the partner sent you there, or fix the "
                       "path"));
}

TEST_F(ConfigTest, TamperedCardIsRefusedWithItsPath) {
  std::string path = CardPath("c40.card");
  const std::string original = ReadFile(path);
  auto good = Parse(kBase);
  ASSERT_TRUE(good.ok()) << good.status().message();
  const protocol::NodeCard card = good->partners[0].card;

  // One base64 character changed in the middle of the block, where the signed card bytes are.
  std::size_t begin = original.find("\n\n") + 2;  // after the informational lines
  std::size_t end = original.find("-----END");
  ASSERT_LT(begin, end);
  std::string text = original;
  std::size_t middle = begin + (end - begin) / 2;
  if (text[middle] == '\n') ++middle;
  text[middle] = text[middle] == 'A' ? 'B' : 'A';
  WriteFile(path, text);
  std::string problem = OneProblem(kBase);
  EXPECT_EQ(problem.rfind(At(14, "partner card " + path + ": "), 0), 0u) << problem;

  // Every single-character change: refused with the card's path, or (where it falls in the
  // unsigned framing around the card, e.g. padding) the very same card. Never a different one.
  int refused = 0;
  int positions = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (original[i] == '\n' || original[i] == '=') continue;
    ++positions;
    text = original;
    text[i] = text[i] == 'A' ? 'B' : 'A';
    WriteFile(path, text);
    auto r = Parse(kBase);
    if (r.ok()) {
      EXPECT_EQ(r->partners[0].card, card) << "a change at offset " << i - begin;
    } else {
      ++refused;
      EXPECT_EQ(r.status().message().rfind(At(14, "partner card " + path + ": "), 0), 0u)
          << r.status().message();
    }
  }
  EXPECT_GT(refused, positions * 9 / 10);
}

TEST_F(ConfigTest, CardSignedByAnotherKeyIsRefused) {
  // A card whose bytes were re-signed by a key other than the one it names.
  std::string path = CardPath("c40.card");
  protocol::NodeCard forged;
  forged.name = "c40";
  forged.display_name = "Node c40";
  forged.transport_key = protocol::TransportKey::Generate().public_key();
  forged.endpoints = {"tcp://203.0.113.66:7400"};
  forged.networks = {"c40"};
  forged.issued_at_ms = 1763899200000;
  auto signed_card = protocol::SignNodeCard(signing_.at("c40"), forged);
  ASSERT_TRUE(signed_card.ok());
  signed_card->signature =
      protocol::SigningKey::Generate().SignWithDomain(protocol::kNodeCardDomain, signed_card->card);
  WriteFile(path, protocol::ArmorNodeCard(*signed_card));
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + path +
                       ": node card 'c40' is not signed by the key it names: it was altered or "
                       "forged; ask the partner for a fresh copy over a channel you trust"));
}

TEST_F(ConfigTest, CardFileThatIsNotACardIsRefused) {
  WriteFile(CardPath("c40.card"), "Hello, here is our card!\n");
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       ": no node card found: the text has no '-----BEGIN CITYNET NODE "
                       "CARD-----' line"));
  EXPECT_EQ(OneProblem(Replace(kBase, "partners/c40.card", "partners")),
            At(14, "partner card " + Partners() +
                       ": not a regular file but a directory: name "
                       "the card file itself"));
}

TEST_F(ConfigTest, CardThatAnyoneMayChangeIsRefused) {
  ASSERT_EQ(::chmod(CardPath("c40.card").c_str(), 0666), 0);
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       ": any user on this machine may change it (mode 0666) and so make this "
                       "node trust them: run `chmod o-w " +
                       CardPath("c40.card") + "`"));
}

TEST_F(ConfigTest, PartnerCannotHaveOurName) {
  WriteCard("c40.card", "copenhagen", {"c40"});
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       " is for 'copenhagen', which is this node's own name: use the card the "
                       "partner sent you (two nodes cannot share a name)"));
}

TEST_F(ConfigTest, TwoPartnersCannotShareAnIdentity) {
  // The same card twice.
  WriteCard("c40.card", "c40", {"c40", "eurocities"});
  fs::copy_file(CardPath("c40.card"), CardPath("c40-copy.card"));
  EXPECT_EQ(OneProblem(Replace(kBase, "partners/eurocities.card", "partners/c40-copy.card")),
            At(18, "partner card " + CardPath("c40-copy.card") +
                       " has the same signing key as the partner card at line 14 (" +
                       CardPath("c40.card") +
                       "): it is the same node; keep one [[partner]] "
                       "block for it"));
  // Another key claiming the same name.
  WriteCard("impostor.card", "c40", {"eurocities"}, std::nullopt, "impostor", "impostor");
  EXPECT_EQ(
      OneProblem(Replace(kBase, "partners/eurocities.card", "partners/impostor.card")),
      At(18, "partner card " + CardPath("impostor.card") +
                 " names 'c40', as does the partner card at line 14 (" + CardPath("c40.card") +
                 "): two nodes cannot share a name; ask the partners which card is "
                 "current"));
  // Another node reusing a transport key.
  WriteCard("eurocities.card", "eurocities", {"eurocities"}, std::nullopt, "", "c40");
  EXPECT_EQ(OneProblem(kBase),
            At(18, "partner card " + CardPath("eurocities.card") +
                       " has the same transport key as the partner card at line 14 (" +
                       CardPath("c40.card") +
                       "): a transport key belongs to one node; ask the partners for fresh "
                       "cards"));
}

TEST_F(ConfigTest, CardListingNoneOfTheSharedNetworksIsAnError) {
  WriteCard("c40.card", "c40", {"eurocities"});
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       " ('c40') lists none of partner.networks (c40); the card lists "
                       "eurocities: is it the right card? Fix partner.networks, or ask the "
                       "partner for a fresh card"));
  WriteCard("c40.card", "c40", {});
  EXPECT_EQ(OneProblem(kBase),
            At(14, "partner card " + CardPath("c40.card") +
                       " ('c40') lists none of partner.networks (c40); the card lists no "
                       "network: is it the right card? Fix partner.networks, or ask the partner "
                       "for a fresh card"));
}

TEST_F(ConfigTest, CardListingSomeOfTheSharedNetworksIsAWarning) {
  auto r = Parse(Replace(kBase, "networks = [\"c40\"]", "networks = [\"c40\", \"eurocities\"]"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->warnings,
            std::vector<std::string>{kPath + ":14: warning: partner card " + CardPath("c40.card") +
                                     " ('c40') does not list eurocities, which partner.networks "
                                     "shares with it: the partner may not sync it; ask them to "
                                     "confirm, or for a fresh card"});
}

TEST_F(ConfigTest, PartnerWithoutEndpointAnywhere) {
  WriteCard("c40.card", "c40", {"c40"}, std::vector<std::string>{});
  EXPECT_EQ(OneProblem(kBase),
            At(13, "partner card " + CardPath("c40.card") +
                       " ('c40') lists no endpoint: add endpoint = \"tcp://HOST:PORT\" to dial the "
                       "partner, or endpoint = \"none\" when it connects to this node"));
  auto r = Parse(Replace(kBase, "networks = [\"c40\"]\n",
                         "networks = [\"c40\"]\nendpoint = \"tcp://c40.example.net:7400\"\n"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->partners[0].endpoint, "tcp://c40.example.net:7400");
}

TEST_F(ConfigTest, PartnerThatDialsUsNeedsAListenEndpoint) {
  EXPECT_EQ(OneProblem(Replace(kBase, "endpoints = [\"tcp://0.0.0.0:7400\"]", "endpoints = []")),
            At(20,
               "partner.endpoint is \"none\" (the partner connects to this node), but "
               "listen.endpoints is empty, so nothing accepts the connection: add a listen "
               "endpoint or give the partner's endpoint"));
}

// ---------------------------------------------------------------------------------------------
// Warnings and many problems at once.

TEST_F(ConfigTest, NetworksNoPartnerSharesAreWarned) {
  std::string text =
      Replace(kBase, "[\"c40\", \"eurocities\"]", "[\"c40\", \"eurocities\", \"c3\"]");
  const std::string warning = kPath +
                              ":5: warning: node.networks: no [[partner]] shares 'c3', so "
                              "its records stay on this node";
  auto r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->warnings, std::vector<std::string>{warning});
  // When the config fails, its warnings are listed with the errors, in line order.
  auto failed = Parse(Replace(text, "max_peers = 32", "max_peers = 0"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(),
            warning + "\n" + At(23, "limits.max_peers must be between 1 and 4096, not 0"));
}

TEST_F(ConfigTest, NoPartnerAtAllIsWarned) {
  auto r = Parse(
      "[node]\nname = \"copenhagen\"\ndisplay_name = \"Copenhagen\"\n"
      "networks = [\"c40\"]\n[listen]\nadvertise = []\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->warnings, std::vector<std::string>{kPath + ": warning: there is no [[partner]]: "
                                                          "this node will not sync with anyone "
                                                          "until you add one"});
}

TEST_F(ConfigTest, FiveProblemsAreReportedTogetherInLineOrder) {
  fs::remove(CardPath("eurocities.card"));
  std::string text = Replace(kBase, "\"c40\", \"eurocities\"", "\"C40\", \"eurocities\"");
  text = Replace(text, "127.0.0.1:9464", "0.0.0.0:9464");
  text = Replace(text, "max_peers = 32", "max_peer = 32");
  text = Replace(text, "\"notice\"", "\"loud\"");
  auto r = Parse(text);
  std::vector<std::string> lines = Lines(r);
  std::vector<std::string> errors;
  for (const std::string& line : lines) {
    if (line.find(": warning: ") == std::string::npos) errors.push_back(line);
  }
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                At(5, "node.networks: 'C40' must be lower case: 'c40'"),
                At(11,
                   "listen.metrics 0.0.0.0:9464 is not a loopback address: metrics are "
                   "served on loopback only unless allow_remote_metrics = true"),
                At(18, "partner card " + CardPath("eurocities.card") +
                           ": no such file: copy the card the partner sent you there, or fix "
                           "the path"),
                At(23, "unknown key 'max_peer': did you mean 'max_peers'?"),
                At(26,
                   "log.level: 'loud' is not a log level: use debug, info, notice, warning "
                   "or error"),
            }))
      << r.status().message();
}

// ---------------------------------------------------------------------------------------------
// LoadConfig and the file itself.

TEST_F(ConfigTest, LoadConfigRefusesWhatIsNotAReadableConfigFile) {
  auto missing = LoadConfig(Dir() + "/nope.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            Dir() +
                "/nope.toml: no such file: create it from citynetd.example.toml, or name the "
                "right file");

  auto directory = LoadConfig(Dir());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kInvalidArgument);

  std::string path = Dir() + "/citynetd.toml";
  WriteFile(path, kBase);
  ASSERT_TRUE(LoadConfig(path).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0666), 0);
  auto writable = LoadConfig(path);
  ASSERT_FALSE(writable.ok());
  EXPECT_EQ(writable.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(writable.status().message(),
            path +
                ": any user on this machine may change it (mode 0666) and so make this node "
                "trust them: run `chmod o-w " +
                path + "`");

  WriteFile(path, std::string(2 * 1024 * 1024, '#'));
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto large = LoadConfig(path);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ConfigTest, LoadConfigMessagesNameTheFileAsGiven) {
  std::string path = Dir() + "/./citynetd.toml";
  WriteFile(path, Replace(kBase, "max_peers = 32", "max_peer = 32"));
  auto r = LoadConfig(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path + ":23: unknown key 'max_peer': did you mean 'max_peers'?");
}

// The checks of single values that the CLI shares with the parser (validate.h): what each
// accepts is what a config file may say.
TEST(ValidateTest, EndpointsAsTheFileTakesThem) {
  EXPECT_EQ(TcpEndpointProblem("tcp://0.0.0.0:7400", true), std::nullopt);
  EXPECT_EQ(TcpEndpointProblem("tcp://[::1]:7400", false), std::nullopt);
  EXPECT_EQ(TcpEndpointProblem("tcp://cph.example.org:7400", false), std::nullopt);
  EXPECT_NE(TcpEndpointProblem("tcp://0.0.0.0:7400", false, "this node"), std::nullopt);
  EXPECT_NE(TcpEndpointProblem("tcp://host:0", true), std::nullopt);
  EXPECT_NE(TcpEndpointProblem("tcp://::1:7400", true), std::nullopt);
  EXPECT_NE(TcpEndpointProblem("tcp://h\xc3\xa9:7400", true), std::nullopt);  // not ASCII
  EXPECT_NE(TcpEndpointProblem("udp://host:7400", true), std::nullopt);
}

TEST(ValidateTest, ControlSocketPathsAndDirectories) {
  EXPECT_EQ(ControlEndpointProblem("ipc:///run/citynet/control.sock", "/"), std::nullopt);
  EXPECT_EQ(ControlEndpointProblem("ipc://c.sock", "/etc/citynet"),
            "'ipc://c.sock' must name an absolute path: 'ipc:///etc/citynet/c.sock'");
  EXPECT_NE(ControlEndpointProblem("ipc://@citynet", "/"), std::nullopt);
  EXPECT_NE(ControlEndpointProblem("ipc:///run/a\tb.sock", "/"), std::nullopt);
  EXPECT_NE(ControlEndpointProblem("tcp://127.0.0.1:5000", "/"), std::nullopt);
  EXPECT_EQ(DirectoryPathProblem("--data-dir", "/var/lib/citynet"), std::nullopt);
  EXPECT_EQ(DirectoryPathProblem("--data-dir", "~/citynet"),
            "--data-dir: '~/citynet': '~' is not expanded in this file: write the full path");
  EXPECT_NE(DirectoryPathProblem("--data-dir", ""), std::nullopt);
  EXPECT_NE(DisplayNameProblem("--display-name", ""), std::nullopt);
  EXPECT_EQ(DisplayNameProblem("--display-name", "City of Copenhagen"), std::nullopt);
}

TEST(ValidateTest, ListsAndTheCardsEndpoints) {
  EXPECT_EQ(RepeatedValue({"a", "b", "c"}), std::nullopt);
  EXPECT_EQ(RepeatedValue({"a", "b", "a"}), "a");
  EXPECT_EQ(DialsInProblem(false), std::nullopt);
  EXPECT_NE(DialsInProblem(true), std::nullopt);
  std::vector<std::string> listen = {"tcp://0.0.0.0:7400", "tcp://[::]:7401", "tcp://*:7402"};
  EXPECT_TRUE(DefaultAdvertise(listen).empty());
  for (int port = 7403; port < 7423; ++port) listen.push_back(fmt::format("tcp://a:{}", port));
  const std::vector<std::string> card = DefaultAdvertise(listen);
  ASSERT_EQ(card.size(), kMaxCardEndpoints);
  EXPECT_EQ(card.front(), "tcp://a:7403");
}

}  // namespace
}  // namespace citynet::node
