// `citynet init` and `citynet peer add|list|remove`: the [[partner]] block edits as unit tests,
// then the real citynet binary on real files, checked by `citynetd --check-config`, and at the
// end against a running citynetd that reloads.
#include "tools/cli/setup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/crypto.h"
#include "protocol/node_card.h"
#include "tests/node/daemon_harness.h"
#include "tests/tools/run_binary.h"
#include "tools/control_client.h"

namespace citynet::cli {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using testing::Describe;
using testing::Ran;
using testing::ReadFile;
using testing::RunBinary;

class CryptoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(protocol::InitCrypto().ok()); }
};
const auto* const kCrypto = ::testing::AddGlobalTestEnvironment(new CryptoEnvironment);

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

unsigned Mode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

// A directory under /tmp with a short name (control socket paths must fit sun_path), removed
// at the end unless CITYNET_KEEP_TEST_DIR is set.
class ScratchDir {
 public:
  ScratchDir() {
    char tmpl[] = "/tmp/cns-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    path_ = tmpl;
  }
  ~ScratchDir() {
    if (std::getenv("CITYNET_KEEP_TEST_DIR") != nullptr) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// ---- the [[partner]] block edits ---------------------------------------------------------------

std::string ExampleConfig() {
  return ReadFile(std::string(CITYNET_SOURCE_DIR) + "/deploy/citynetd.example.toml");
}

constexpr char kBlock[] =
    "[[partner]]\n"
    "card = \"/etc/citynet/partners/bogota.card\"\n"
    "networks = [\"c40\"]\n"
    "endpoint = \"none\"\n";
constexpr char kOtherBlock[] =
    "[[partner]]\n"
    "card = \"/etc/citynet/partners/lagos.card\"\n"
    "networks = [\"c40\"]\n";

TEST(PartnerBlocks, InsertAfterTheLastPartnerAndRemoveGivesTheFileBack) {
  const std::string original = ExampleConfig();
  ASSERT_EQ(Count(original, "\n[[partner]]"), 4u);
  auto added = InsertPartnerBlock(original, kBlock);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(Count(*added, "\n[[partner]]"), 5u);
  // After buenos-aires' block, before [limits]; the rest is untouched.
  const std::size_t at = added->find(kBlock);
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(added->find("buenos-aires.card"), at);
  EXPECT_GT(added->find("[limits]"), at);
  EXPECT_EQ(added->substr(0, at) + added->substr(at + std::strlen(kBlock) + 1), original);

  auto removed = RemovePartnerBlock(*added, 4);
  ASSERT_TRUE(removed.ok()) << removed.status().message();
  EXPECT_EQ(*removed, original);
}

TEST(PartnerBlocks, RemoveTakesOnlyThatBlock) {
  const std::string original = ExampleConfig();
  const char* const cards[] = {"c40.card", "eurocities.card", "beijing.card", "buenos-aires.card"};
  for (std::size_t i = 0; i < 4; ++i) {
    auto removed = RemovePartnerBlock(original, i);
    ASSERT_TRUE(removed.ok()) << removed.status().message();
    EXPECT_EQ(Count(*removed, "\n[[partner]]"), 3u);
    for (std::size_t j = 0; j < 4; ++j) {
      EXPECT_EQ(removed->find(cards[j]) == std::string::npos, i == j) << i << " " << cards[j];
    }
    // The comments that introduce the partners and the limits stay.
    EXPECT_NE(removed->find("# One [[partner]] block per partner node."), std::string::npos);
    EXPECT_NE(removed->find("[limits]\n# What one partner"), std::string::npos);
    // What is left is still a whole config: each block can be removed in turn.
    auto again = RemovePartnerBlock(*removed, 0);
    EXPECT_TRUE(again.ok()) << again.status().message();
  }
  EXPECT_EQ(RemovePartnerBlock(original, 4).status().code(), StatusCode::kNotFound);
}

TEST(PartnerBlocks, CommentsLeadingIntoTheNextTableStayWithIt) {
  const std::string original =
      "[node]\nname = \"a\"\n\n[[partner]]\ncard = \"b.card\"\nnetworks = [\"c40\"]\n"
      "# introduces the log\n[log]\nlevel = \"info\"\n";
  auto added = InsertPartnerBlock(original, kBlock);
  ASSERT_TRUE(added.ok());
  EXPECT_NE(added->find(std::string(kBlock) + "\n# introduces the log\n[log]"), std::string::npos)
      << *added;
  auto removed = RemovePartnerBlock(*added, 1);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, original);
  // The first block keeps nothing of the log's comment when it goes.
  auto first = RemovePartnerBlock(original, 0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "[node]\nname = \"a\"\n\n# introduces the log\n[log]\nlevel = \"info\"\n");
}

TEST(PartnerBlocks, WithoutPartnersTheBlockGoesAtTheEnd) {
  const std::string original = "[node]\nname = \"a\"\n\n[log]\nlevel = \"info\"\n";
  auto added = InsertPartnerBlock(original, kBlock);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, original + "\n" + kBlock);
  auto removed = RemovePartnerBlock(*added, 0);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, original);
  // A block at the end goes with the blank line before it, and a second one lands after it.
  auto two = InsertPartnerBlock(*added, kOtherBlock);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(Count(*two, "[[partner]]"), 2u);
  EXPECT_EQ(RemovePartnerBlock(*two, 1).value(), *added);
}

TEST(PartnerBlocks, BrokenTomlIsRefusedWithItsLine) {
  auto added = InsertPartnerBlock("[node]\nname = \"a\n", kBlock);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(added.status().message().rfind("2:", 0), 0u) << added.status().message();
  EXPECT_FALSE(RemovePartnerBlock("[[partner]\n", 0).ok());
  EXPECT_FALSE(InsertPartnerBlock("partner = 1\n", kBlock).ok());
}

// ---- the real binaries -------------------------------------------------------------------------

Ran Citynet(const std::vector<std::string>& args) { return RunBinary(CITYNET_BINARY, args); }

Ran CheckConfig(const std::string& config) {
  return RunBinary(CITYNETD_BINARY, {"--check-config", "--config", config});
}

// One node's files as `citynet init` lays them out under `dir`.
struct NodeFiles {
  std::string dir;
  std::string Config() const { return dir + "/etc/citynetd.toml"; }
  std::string DataDir() const { return dir + "/data"; }
  std::string KeyDir() const { return dir + "/data/keys"; }
  std::string Card() const { return dir + "/data/node.card"; }
  std::string Control() const { return "ipc://" + dir + "/c.sock"; }
};

Ran Init(const NodeFiles& node, const std::string& name, const std::vector<std::string>& networks,
         std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"init", "--name", name, "--config", node.Config()};
  // Flags a test may give itself in `extra`, as "--flag VALUE" or "--flag=VALUE".
  auto given = [&extra](const std::string& flag) {
    return std::any_of(extra.begin(), extra.end(), [&flag](const std::string& arg) {
      return arg == flag || arg.starts_with(flag + "=");
    });
  };
  if (!given("--data-dir")) args.insert(args.end(), {"--data-dir", node.DataDir()});
  if (!given("--display-name")) args.insert(args.end(), {"--display-name", "City of " + name});
  if (!given("--control")) args.insert(args.end(), {"--control", node.Control()});
  for (const std::string& n : networks) {
    args.push_back("--network");
    args.push_back(n);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return Citynet(args);
}

Result<protocol::NodeCard> VerifyArmored(const std::string& text) {
  auto signed_card = protocol::DearmorNodeCard(text);
  if (!signed_card.ok()) return signed_card.status();
  return protocol::VerifyNodeCard(*signed_card);
}

TEST(Init, WritesConfigKeysAndCardThatCitynetdAccepts) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  const Ran r =
      Init(a, "copenhagen", {"c40", "eurocities"},
           {"--listen", "tcp://0.0.0.0:7400", "--advertise", "tcp://cph.example.org:7400"});
  ASSERT_EQ(r.code, 0) << Describe(r);

  EXPECT_EQ(Mode(a.Config()), 0644u);
  EXPECT_EQ(Mode(a.KeyDir()), 0700u);
  EXPECT_EQ(Mode(a.KeyDir() + "/signing.key"), 0600u);
  EXPECT_EQ(Mode(a.KeyDir() + "/transport.key"), 0600u);
  EXPECT_EQ(Mode(a.Card()), 0644u);

  // The card on stdout is the card in the file, and it verifies.
  EXPECT_EQ(r.out, ReadFile(a.Card()));
  auto card = VerifyArmored(r.out);
  ASSERT_TRUE(card.ok()) << card.status().message();
  EXPECT_EQ(card->name, "copenhagen");
  EXPECT_EQ(card->display_name, "City of copenhagen");
  EXPECT_EQ(card->networks, (std::vector<std::string>{"c40", "eurocities"}));
  EXPECT_EQ(card->endpoints, std::vector<std::string>{"tcp://cph.example.org:7400"});
  // The next steps name what to do.
  EXPECT_NE(r.err.find("citynet peer add"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("systemctl start citynetd"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Signing-Key"), std::string::npos) << r.err;

  const std::string config = ReadFile(a.Config());
  EXPECT_NE(config.find("name = \"copenhagen\""), std::string::npos);
  EXPECT_NE(config.find("networks = [\"c40\", \"eurocities\"]"), std::string::npos);
  EXPECT_NE(config.find("citynet peer add"), std::string::npos);
  EXPECT_EQ(config.find("\n[[partner]]"), std::string::npos);
  const Ran check = CheckConfig(a.Config());
  EXPECT_EQ(check.code, 0) << Describe(check);
  EXPECT_NE(check.out.find("key_dir = \"" + a.KeyDir() + "\""), std::string::npos) << check.out;
}

TEST(Init, JsonNamesTheFilesAndTheKey) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  const Ran r = Init(a, "copenhagen", {"c40"}, {"--listen", "tcp://127.0.0.1:7400", "--json"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  const json j = json::parse(r.out);
  EXPECT_EQ(j["config"], a.Config());
  EXPECT_EQ(j["key_dir"], a.KeyDir());
  auto card = VerifyArmored(j["card"].get<std::string>());
  ASSERT_TRUE(card.ok());
  EXPECT_EQ(j["signing_key"], card->signing_key.Hex());
  // Without --advertise, the card carries the listen endpoints that can be dialled.
  EXPECT_EQ(card->endpoints, std::vector<std::string>{"tcp://127.0.0.1:7400"});
}

TEST(Init, RefusesToOverwriteWithoutForceAndAlwaysKeepsTheKeys) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  const Ran first = Init(a, "copenhagen", {"c40"});
  ASSERT_EQ(first.code, 0) << Describe(first);
  const std::string config = ReadFile(a.Config());
  const std::string key = ReadFile(a.KeyDir() + "/signing.key");

  const Ran again = Init(a, "copenhagen", {"c40", "eurocities"});
  EXPECT_EQ(again.code, 4) << Describe(again);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_EQ(ReadFile(a.Config()), config);

  const Ran forced = Init(a, "copenhagen", {"c40", "eurocities"}, {"--force"});
  EXPECT_EQ(forced.code, 0) << Describe(forced);
  EXPECT_NE(ReadFile(a.Config()).find("\"eurocities\""), std::string::npos);
  EXPECT_EQ(ReadFile(a.KeyDir() + "/signing.key"), key);
  auto before = VerifyArmored(first.out);
  auto after = VerifyArmored(forced.out);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->signing_key, after->signing_key);
}

TEST(Init, BadValuesAreUsageErrorsAndWriteNothing) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  struct Case {
    std::string name;
    std::vector<std::string> networks;
    std::vector<std::string> extra;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"Copen Hagen", {"c40"}, {}, "copen-hagen"},
      {"copenhagen", {"C40"}, {}, "lower case"},
      {"copenhagen", {"c40", "c40"}, {}, "twice"},
      {"copenhagen", {"c40"}, {"--listen", "0.0.0.0:7400"}, "tcp://"},
      {"copenhagen", {"c40"}, {"--listen", "tcp://0.0.0.0:99999"}, "port"},
      {"copenhagen", {"c40"}, {"--advertise", "tcp://0.0.0.0:7400"}, "wildcard"},
      {"copenhagen", {"c40"}, {"--control", "tcp://127.0.0.1:5000"}, "ipc://"},
      {"copenhagen", {"c40"}, {"--display-name", " spaced "}, "display"},
  };
  for (const Case& c : cases) {
    const Ran r = Init(a, c.name, c.networks, c.extra);
    EXPECT_EQ(r.code, 2) << Describe(r);
    EXPECT_NE(r.err.find(c.message), std::string::npos) << Describe(r);
  }
  EXPECT_EQ(Citynet({"init", "--name", "x", "--display-name", "X"}).code, 2);  // no --network
  EXPECT_FALSE(std::filesystem::exists(a.dir));
}

// ---- what init accepts is what citynetd loads ---------------------------------------------------
// Each of these values was once judged by the CLI's own copy of the daemon's checks, which had
// drifted: init either wrote a file that `citynetd --check-config` refuses, or refused one it
// loads. citynetd's load is the authority (node/config/), so init now asks it.

// Runs the rest of a test in `dir`, for values that name relative paths.
class InDirectory {
 public:
  explicit InDirectory(const std::string& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~InDirectory() { std::filesystem::current_path(old_); }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;

 private:
  std::filesystem::path old_;
};

TEST(InitAsCitynetdLoads, ValuesTheDaemonRefusesAreUsageErrorsAndWriteNothing) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  struct Case {
    std::vector<std::string> extra;
    std::string message;
  };
  const std::vector<Case> cases = {
      // listen.endpoints and listen.advertise may not repeat an endpoint.
      {{"--listen", "tcp://0.0.0.0:7400", "--listen", "tcp://0.0.0.0:7400"}, "twice"},
      {{"--advertise", "tcp://cph.example.org:7400", "--advertise", "tcp://cph.example.org:7400"},
       "twice"},
      // node.display_name may not be empty (a card may carry none; a config must).
      {{"--display-name", ""}, "--display-name is empty"},
      // Every string in the file is checked as text: no control characters.
      {{"--control", "ipc://" + scratch.path() + "/c\tl.sock"}, "control"},
      {{"--data-dir", a.dir + "/da\tta"}, "--data-dir"},
  };
  for (const Case& c : cases) {
    const Ran r = Init(a, "copenhagen", {"c40"}, c.extra);
    EXPECT_EQ(r.code, 2) << Describe(r);
    EXPECT_NE(r.err.find(c.message), std::string::npos) << Describe(r);
    EXPECT_FALSE(std::filesystem::exists(a.Config())) << c.extra.front();
    if (std::filesystem::exists(a.Config())) {
      EXPECT_NE(CheckConfig(a.Config()).code, 0);  // the file the drift left behind
      std::filesystem::remove(a.Config());
    }
  }
}

TEST(InitAsCitynetdLoads, DataDirStartingWithTildeIsRefusedNotMadeHere) {
  // The shell does not expand '~' after '--data-dir=', and citynetd does not expand it in the
  // file: a directory named '~' beside the caller is never what was meant.
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  InDirectory here(scratch.path());
  const Ran r = Init(a, "copenhagen", {"c40"}, {"--data-dir=~/citynet"});
  EXPECT_EQ(r.code, 2) << Describe(r);
  EXPECT_NE(r.err.find("'~' is not expanded"), std::string::npos) << Describe(r);
  EXPECT_FALSE(std::filesystem::exists(scratch.path() + "/~"));
  EXPECT_FALSE(std::filesystem::exists(a.Config()));
}

TEST(InitAsCitynetdLoads, MoreListenEndpointsThanACardHoldsAreAccepted) {
  // citynetd puts the first 16 that can be dialled on the card (a card holds 16); so does init.
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  std::vector<std::string> extra;
  for (int port = 7401; port <= 7417; ++port) {
    extra.insert(extra.end(), {"--listen", fmt::format("tcp://127.0.0.1:{}", port)});
  }
  const Ran r = Init(a, "copenhagen", {"c40"}, extra);
  ASSERT_EQ(r.code, 0) << Describe(r);
  auto card = VerifyArmored(r.out);
  ASSERT_TRUE(card.ok()) << card.status().message();
  EXPECT_EQ(card->endpoints.size(), 16u);
  EXPECT_EQ(card->endpoints.front(), "tcp://127.0.0.1:7401");
  const Ran check = CheckConfig(a.Config());
  EXPECT_EQ(check.code, 0) << Describe(check);
}

// Two nodes set up by `citynet init`: copenhagen (c40, eurocities) whose config the tests edit,
// and beijing (c40, ssc-beijing) whose card it adds. Nothing runs.
class Peer : public ::testing::Test {
 protected:
  void SetUp() override {
    const Ran a =
        Init(a_, "copenhagen", {"c40", "eurocities"}, {"--listen", "tcp://127.0.0.1:7401"});
    ASSERT_EQ(a.code, 0) << Describe(a);
    const Ran b = Init(b_, "beijing", {"c40", "ssc-beijing"},
                       {"--advertise", "tcp://beijing.example.cn:7400"});
    ASSERT_EQ(b.code, 0) << Describe(b);
    original_ = ReadFile(a_.Config());
  }

  Ran Add(std::vector<std::string> args) {
    args.insert(args.begin(), {"peer", "add"});
    args.push_back("--config");
    args.push_back(a_.Config());
    return Citynet(args);
  }

  ScratchDir scratch_;
  NodeFiles a_{scratch_.path() + "/a"};
  NodeFiles b_{scratch_.path() + "/b"};
  std::string original_;
};

TEST_F(Peer, AddAppendsOneBlockAndCitynetdAcceptsTheResult) {
  const Ran r = Add({b_.Card(), "--network", "c40"});
  ASSERT_EQ(r.code, 0) << Describe(r);
  // The card is shown for the phone call.
  auto card = VerifyArmored(ReadFile(b_.Card()));
  ASSERT_TRUE(card.ok());
  EXPECT_NE(r.out.find(card->signing_key.Hex()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("City of beijing"), std::string::npos) << r.out;
  // citynetd is not running: the change waits for its start.
  EXPECT_NE(r.err.find("takes effect when citynetd starts"), std::string::npos) << r.err;

  // Exactly one block more, every other byte as it was.
  const std::string text = ReadFile(a_.Config());
  ASSERT_GT(text.size(), original_.size());
  std::size_t prefix = 0;
  while (prefix < original_.size() && text[prefix] == original_[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < original_.size() - prefix &&
         text[text.size() - 1 - suffix] == original_[original_.size() - 1 - suffix]) {
    ++suffix;
  }
  EXPECT_EQ(prefix + suffix, original_.size());
  const std::string inserted = text.substr(prefix, text.size() - original_.size());
  EXPECT_EQ(Count(inserted, "[[partner]]"), 1u) << inserted;
  const std::string copied = a_.dir + "/etc/partners/beijing.card";
  EXPECT_NE(inserted.find("card = \"" + copied + "\""), std::string::npos) << inserted;
  EXPECT_NE(inserted.find("networks = [\"c40\"]"), std::string::npos) << inserted;
  EXPECT_NE(inserted.find("endpoint = \"tcp://beijing.example.cn:7400\""), std::string::npos);
  EXPECT_EQ(Mode(copied), 0644u);
  EXPECT_EQ(Mode(a_.Config()), 0644u);
  auto copy = VerifyArmored(ReadFile(copied));
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->signing_key, card->signing_key);

  const Ran check = CheckConfig(a_.Config());
  EXPECT_EQ(check.code, 0) << Describe(check);
  EXPECT_NE(check.out.find("beijing"), std::string::npos) << check.out;

  // --no-dial writes "none"; --json reports the block.
  ASSERT_EQ(Citynet({"peer", "remove", "beijing", "--config", a_.Config()}).code, 0);
  const Ran j = Add({b_.Card(), "--network", "c40", "--no-dial", "--json"});
  ASSERT_EQ(j.code, 0) << Describe(j);
  const json report = json::parse(j.out);
  EXPECT_EQ(report["name"], "beijing");
  EXPECT_EQ(report["signing_key"], card->signing_key.Hex());
  EXPECT_TRUE(report["endpoint"].is_null());
  EXPECT_EQ(report["reloaded"], false);
  EXPECT_NE(ReadFile(a_.Config()).find("endpoint = \"none\""), std::string::npos);
  EXPECT_EQ(CheckConfig(a_.Config()).code, 0);
}

// A card whose base64 has one character changed.
std::string Altered(const std::string& card) {
  std::string text = card;
  const std::size_t body = text.find("\n\n");
  const std::size_t at = body + 2 + 40;  // inside the first line of base64
  text[at] = text[at] == 'A' ? 'B' : 'A';
  return text;
}

TEST_F(Peer, AlteredCardIsRefused) {
  const std::string altered = scratch_.path() + "/altered.card";
  WriteFile(altered, Altered(ReadFile(b_.Card())));
  const Ran r = Add({altered, "--network", "c40"});
  EXPECT_EQ(r.code, 4) << Describe(r);
  EXPECT_NE(r.err.find(altered), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(a_.Config()), original_);
  EXPECT_FALSE(std::filesystem::exists(a_.dir + "/etc/partners/beijing.card"));

  // Not a card at all, and no file.
  WriteFile(altered, "hello\n");
  EXPECT_EQ(Add({altered, "--network", "c40"}).code, 4);
  EXPECT_EQ(Add({scratch_.path() + "/missing.card", "--network", "c40"}).code, 3);
  EXPECT_EQ(ReadFile(a_.Config()), original_);
}

TEST_F(Peer, DuplicateNameAndOwnCardAreRefused) {
  ASSERT_EQ(Add({b_.Card(), "--network", "c40"}).code, 0);
  const std::string once = ReadFile(a_.Config());
  const Ran again = Add({b_.Card(), "--network", "c40"});
  EXPECT_EQ(again.code, 4) << Describe(again);
  EXPECT_NE(again.err.find("partner already"), std::string::npos) << again.err;
  EXPECT_EQ(ReadFile(a_.Config()), once);

  const Ran own = Add({a_.Card(), "--network", "c40"});
  EXPECT_EQ(own.code, 4) << Describe(own);
  EXPECT_NE(own.err.find("own name"), std::string::npos) << own.err;
  EXPECT_EQ(ReadFile(a_.Config()), once);
}

TEST_F(Peer, NetworksMustBeThisNodesAndTheCards) {
  // ssc-beijing is on the card, but not one of copenhagen's networks.
  const Ran theirs = Add({b_.Card(), "--network", "ssc-beijing"});
  EXPECT_EQ(theirs.code, 4) << Describe(theirs);
  EXPECT_NE(theirs.err.find("not one of this node's networks"), std::string::npos) << theirs.err;
  // eurocities is ours, but the card does not list it (and no other given network).
  const Ran not_on_card = Add({b_.Card(), "--network", "eurocities"});
  EXPECT_EQ(not_on_card.code, 4) << Describe(not_on_card);
  EXPECT_EQ(Add({b_.Card(), "--network", "C40"}).code, 2);
  EXPECT_EQ(Add({b_.Card()}).code, 2);
  EXPECT_EQ(Add({b_.Card(), "--network", "c40", "--endpoint", "tcp://0.0.0.0:1"}).code, 2);
  EXPECT_EQ(Add({b_.Card(), "--network", "c40", "--endpoint", "tcp://a:1", "--no-dial"}).code, 2);
  EXPECT_EQ(ReadFile(a_.Config()), original_);
}

TEST_F(Peer, NoDialIsRefusedWhenNothingListens) {
  // With listen.endpoints = [] the partner has nothing to connect to: citynetd refuses a block
  // with endpoint = "none" there, so peer add may not write one.
  const std::string empty_listen =
      std::regex_replace(original_, std::regex("\nendpoints = \\[[^\\]]*\\]\n"),
                         "\nendpoints = []\n");
  ASSERT_NE(empty_listen, original_);
  WriteFile(a_.Config(), empty_listen);
  const Ran r = Add({b_.Card(), "--network", "c40", "--no-dial"});
  EXPECT_EQ(r.code, 4) << Describe(r);
  EXPECT_NE(r.err.find("listen.endpoints is empty"), std::string::npos) << Describe(r);
  EXPECT_EQ(ReadFile(a_.Config()), empty_listen);
  // Dialling the partner is fine: the node needs no listener for that.
  const Ran dial = Add({b_.Card(), "--network", "c40"});
  EXPECT_EQ(dial.code, 0) << Describe(dial);
  EXPECT_EQ(CheckConfig(a_.Config()).code, 0);
}

TEST_F(Peer, RemoveGivesTheOriginalTextBackAndKeepsTheCard) {
  ASSERT_EQ(Add({b_.Card(), "--network", "c40"}).code, 0);
  ASSERT_NE(ReadFile(a_.Config()), original_);
  const Ran r = Citynet({"peer", "remove", "beijing", "--config", a_.Config()});
  ASSERT_EQ(r.code, 0) << Describe(r);
  EXPECT_EQ(ReadFile(a_.Config()), original_);
  const std::string copied = a_.dir + "/etc/partners/beijing.card";
  EXPECT_TRUE(std::filesystem::exists(copied));
  EXPECT_NE(r.out.find(copied), std::string::npos) << r.out;

  const Ran unknown = Citynet({"peer", "remove", "beijing", "--config", a_.Config()});
  EXPECT_EQ(unknown.code, 3) << Describe(unknown);
  EXPECT_EQ(Citynet({"peer", "remove", "x", "--config", scratch_.path() + "/none.toml"}).code, 3);

  // The card file left behind does not stop adding the partner again.
  EXPECT_EQ(Add({b_.Card(), "--network", "c40"}).code, 0);
  EXPECT_EQ(CheckConfig(a_.Config()).code, 0);
}

// ---- against a running citynetd ----------------------------------------------------------------

// citynetd on a config, stopped (SIGTERM) at the end.
class Daemon {
 public:
  Daemon(const std::string& config, std::string control, std::string log)
      : control_(std::move(control)), log_(std::move(log)) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execl(CITYNETD_BINARY, "citynetd", "--config", config.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Daemon() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(log_);
  }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  bool WaitUntilUp() {
    return testing::WaitFor(
        [this] {
          auto client = tools::ControlClient::Connect(control_, 500ms);
          return client.ok() && client->Call("status").ok();
        },
        30s);
  }
  std::string Log() const { return ReadFile(log_); }

 private:
  pid_t pid_ = -1;
  std::string control_;
  std::string log_;
};

TEST(PeerEndToEnd, AddReloadsTheDaemonAndListShowsThePartnerUntilRemoved) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  const NodeFiles b{scratch.path() + "/b"};
  const std::string listen = fmt::format("tcp://127.0.0.1:{}", testing::FreePort());
  ASSERT_EQ(Init(a, "copenhagen", {"c40"}, {"--listen", listen}).code, 0);
  const std::string b_listen = fmt::format("tcp://127.0.0.1:{}", testing::FreePort());
  ASSERT_EQ(Init(b, "beijing", {"c40"}, {"--listen", b_listen}).code, 0);
  const std::string original = ReadFile(a.Config());

  Daemon daemon(a.Config(), a.Control(), scratch.path() + "/a.log");
  ASSERT_TRUE(daemon.WaitUntilUp()) << daemon.Log();
  // The daemon keeps the card init wrote: it says what the config says.
  const std::string card = ReadFile(a.Card());

  const Ran none = Citynet({"peer", "list", "--json", "--control", a.Control()});
  ASSERT_EQ(none.code, 0) << Describe(none);
  EXPECT_EQ(json::parse(none.out), json::array());
  // The control socket found through the config.
  const Ran empty = Citynet({"peer", "list", "--config", a.Config()});
  EXPECT_EQ(empty.code, 0) << Describe(empty);
  EXPECT_NE(empty.err.find("no partners"), std::string::npos) << empty.err;

  const Ran added = Citynet({"peer", "add", b.Card(), "--network", "c40", "--config", a.Config()});
  ASSERT_EQ(added.code, 0) << Describe(added) << daemon.Log();
  EXPECT_NE(added.err.find("citynetd reloaded"), std::string::npos) << added.err;

  json peers;
  const bool listed = testing::WaitFor(
      [&] {
        const Ran r = Citynet({"peer", "list", "--json", "--control", a.Control()});
        if (r.code != 0) return false;
        peers = json::parse(r.out);
        return peers.size() == 1;
      },
      10s);
  ASSERT_TRUE(listed) << peers.dump() << daemon.Log();
  EXPECT_EQ(peers[0]["name"], "beijing");
  EXPECT_EQ(peers[0]["networks"], json::array({"c40"}));
  EXPECT_EQ(peers[0]["dial"], b_listen);
  EXPECT_TRUE(peers[0].contains("connected"));
  EXPECT_TRUE(peers[0].contains("lag_records"));
  const Ran table = Citynet({"peer", "list", "--control", a.Control()});
  EXPECT_EQ(table.code, 0) << Describe(table);
  EXPECT_NE(table.out.find("NAME"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("beijing"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(b_listen), std::string::npos) << table.out;

  const Ran removed = Citynet({"peer", "remove", "beijing", "--config", a.Config(), "--json"});
  ASSERT_EQ(removed.code, 0) << Describe(removed);
  EXPECT_EQ(json::parse(removed.out)["reloaded"], true);
  EXPECT_EQ(ReadFile(a.Config()), original);
  const bool gone = testing::WaitFor(
      [&] {
        const Ran r = Citynet({"peer", "list", "--json", "--control", a.Control()});
        return r.code == 0 && json::parse(r.out) == json::array();
      },
      10s);
  EXPECT_TRUE(gone) << daemon.Log();
  EXPECT_EQ(ReadFile(a.Card()), card);
}

TEST(PeerEndToEnd, WhenCitynetdRefusesTheReloadTheFilesGoBack) {
  ScratchDir scratch;
  const NodeFiles a{scratch.path() + "/a"};
  const NodeFiles b{scratch.path() + "/b"};
  const std::string listen = fmt::format("tcp://127.0.0.1:{}", testing::FreePort());
  ASSERT_EQ(Init(a, "copenhagen", {"c40"}, {"--listen", listen}).code, 0);
  ASSERT_EQ(Init(b, "beijing", {"c40"}, {"--advertise", "tcp://beijing.example.cn:7400"}).code, 0);
  Daemon daemon(a.Config(), a.Control(), scratch.path() + "/a.log");
  ASSERT_TRUE(daemon.WaitUntilUp()) << daemon.Log();

  // citynetd refuses a config file that any user may change; the CLI keeps the file's mode.
  ASSERT_EQ(::chmod(a.Config().c_str(), 0666), 0);
  const std::string original = ReadFile(a.Config());
  const Ran r = Citynet({"peer", "add", b.Card(), "--network", "c40", "--config", a.Config()});
  EXPECT_EQ(r.code, 4) << Describe(r);
  EXPECT_NE(r.err.find("citynetd refused the new configuration"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chmod"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(a.Config()), original);
  EXPECT_FALSE(std::filesystem::exists(a.dir + "/etc/partners/beijing.card"));
  ASSERT_EQ(::chmod(a.Config().c_str(), 0644), 0);
  const Ran none = Citynet({"peer", "list", "--json", "--control", a.Control()});
  EXPECT_EQ(none.out, "[]\n") << Describe(none);
}

TEST(PeerEndToEnd, ListWithoutADaemonExits5) {
  ScratchDir scratch;
  const Ran r = Citynet({"peer", "list", "--control", "ipc://" + scratch.path() + "/no.sock"});
  EXPECT_EQ(r.code, 5) << Describe(r);
  EXPECT_NE(r.err.find("systemctl start citynetd"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace citynet::cli
