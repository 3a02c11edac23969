// The `citynet` CLI: display width and tables as unit tests, then the real binary against real
// citynetd processes (tests/node/daemon_harness.h): two nodes sharing the c40 network,
// copenhagen dialing c40.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/crypto.h"
#include "tests/node/daemon_harness.h"
#include "tests/tools/run_binary.h"
#include "tools/cli/commands.h"
#include "tools/cli/dataset.h"
#include "tools/cli/display.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/output.h"

namespace citynet::cli {
namespace {

using json = nlohmann::json;
using testing::DaemonMesh;
using testing::Describe;
using testing::Ran;
using testing::ReadFile;
using testing::RunBinary;
using testing::WaitFor;
using namespace std::chrono_literals;

class CryptoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(protocol::InitCrypto().ok()); }
};
const auto* const kCrypto = ::testing::AddGlobalTestEnvironment(new CryptoEnvironment);

// ---- display width --------------------------------------------------------------------------

TEST(DisplayWidth, Ascii) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("Copenhagen"), 10);
  EXPECT_EQ(DisplayWidth("a\tb"), 2);  // control characters take no column
}

TEST(DisplayWidth, DanishLettersTakeOneColumnEach) {
  EXPECT_EQ(DisplayWidth("København"), 9);
  EXPECT_EQ(DisplayWidth("æøå ÆØÅ"), 7);
}

TEST(DisplayWidth, ChineseTakesTwoColumnsPerCharacter) {
  EXPECT_EQ(DisplayWidth("北京"), 4);
  EXPECT_EQ(DisplayWidth("北京 Beijing"), 12);
  EXPECT_EQ(DisplayWidth("哥本哈根—北京"), 13);  // the em dash is one column
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4);            // fullwidth Latin
}

TEST(DisplayWidth, CombiningMarksTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("e\u0301"), 1);             // e + combining acute
  EXPECT_EQ(DisplayWidth("Bogota\u0301 D.C."), 11);  // decomposed á
  EXPECT_EQ(DisplayWidth("a\u0308\u0304"), 1);       // two marks on one base
}

TEST(DisplayWidth, EmojiTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("🌍"), 2);
  EXPECT_EQ(DisplayWidth("🚲 bike"), 7);
  EXPECT_EQ(DisplayWidth("❤\uFE0F"), 2);          // text symbol in emoji presentation
  EXPECT_EQ(DisplayWidth("👩\u200D👩\u200D👧"), 2);  // one ZWJ family, one glyph
}

TEST(DisplayWidth, InvalidUtf8CountsPerBadByte) {
  EXPECT_EQ(DisplayWidth(std::string("a\xff"
                                     "b")),
            3);
}

TEST(TruncateToWidth, KeepsWhatFits) {
  EXPECT_EQ(TruncateToWidth("Copenhagen", 10), "Copenhagen");
  EXPECT_EQ(TruncateToWidth("Copenhagen", 6), "Copen…");
  EXPECT_EQ(TruncateToWidth("Copenhagen", 6, false), "Copenh");
  EXPECT_EQ(TruncateToWidth("Copenhagen", 1), "…");
  EXPECT_EQ(TruncateToWidth("Copenhagen", 0), "");
}

TEST(TruncateToWidth, NeverSplitsAWideCharacterOrACluster) {
  // 5 columns: two Chinese characters (4) and the ellipsis (1).
  EXPECT_EQ(TruncateToWidth("哥本哈根", 5), "哥本…");
  // 4 columns: only one character fits beside the ellipsis; the result may be narrower.
  EXPECT_EQ(TruncateToWidth("哥本哈根", 4), "哥…");
  EXPECT_LE(DisplayWidth(TruncateToWidth("哥本哈根", 4)), 4);
  EXPECT_EQ(TruncateToWidth("e\u0301e\u0301e\u0301", 2), "e\u0301…");
  EXPECT_EQ(TruncateToWidth("Kø🌍benhavn", 4), "Kø…");
}

TEST(PadToWidth, PadsByDisplayWidth) {
  EXPECT_EQ(PadToWidth("北京", 6), "北京  ");
  EXPECT_EQ(PadToWidth("Århus", 6), "Århus ");
  EXPECT_EQ(PadToWidth("toolong", 3), "toolong");
}

// ---- tables, colour, dates, exit codes ---------------------------------------------------------

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Table, AlignsColumnsByDisplayWidth) {
  Table t({{"CITY"}, {"N", Table::Align::kRight}, {"NOTE"}});
  t.AddRow({"北京", "7", "x"});
  t.AddRow({"København", "12", "y"});
  const std::string text = t.Render(0, Style(false));
  EXPECT_EQ(text,
            "CITY        N  NOTE\n"
            "北京        7  x\n"
            "København  12  y\n");
}

TEST(Table, ShrinksTheFlexibleColumnToTheWidth) {
  Table t({{"ID"}, {"TITLE", Table::Align::kLeft, true, 8}, {"CITY"}});
  t.AddRow({"abc", "哥本哈根—北京战略部门合作：气候适应与污水处理", "北京"});
  t.AddRow({"def", "Copenhagen Cleantech Cluster skabte job og vækst", "København"});
  const std::string text = t.Render(40, Style(false));
  for (const std::string& line : Lines(text)) EXPECT_LE(DisplayWidth(line), 40) << line;
  EXPECT_NE(text.find("…"), std::string::npos);
  EXPECT_NE(text.find("København"), std::string::npos);  // fixed columns stay whole
  // Never below the flexible column's minimum, even when that overflows.
  const std::string narrow = t.Render(10, Style(false));
  EXPECT_EQ(DisplayWidth(Lines(narrow)[1].substr(5, std::string::npos)) >= 8, true);
}

TEST(Table, HeaderIsDimmedOnlyWithColour) {
  Table t({{"A"}});
  t.AddRow({"x"});
  EXPECT_EQ(t.Render(0, Style(false)), "A\nx\n");
  EXPECT_EQ(t.Render(0, Style(true)), "\x1b[2mA\x1b[0m\nx\n");
}

TEST(Style, HighlightsSnippetMatchesOnlyWithColour) {
  EXPECT_EQ(Style(false).Highlight("the [bike] lane"), "the [bike] lane");
  EXPECT_EQ(Style(true).Highlight("the [bike] lane"), "the \x1b[1mbike\x1b[0m lane");
}

TEST(Style, ColourNeedsATtyAndNoNoColor) {
  EXPECT_TRUE(ShouldColor(true, nullptr));
  EXPECT_TRUE(ShouldColor(true, ""));
  EXPECT_FALSE(ShouldColor(true, "1"));
  EXPECT_FALSE(ShouldColor(false, nullptr));
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(ParseDateMs("1970-01-02"), 86400000);
  EXPECT_EQ(FormatDate(ParseDateMs("2025-03-14")), "2025-03-14");
  EXPECT_EQ(FormatTime(ParseDateMs("2025-03-14") + 3723000), "2025-03-14 01:02");
  EXPECT_EQ(ParseDateMs("2025-02-30"), -1);
  EXPECT_EQ(ParseDateMs("2025-3-14"), -1);
  EXPECT_EQ(ParseDateMs("yesterday"), -1);
}

TEST(ExitCodes, MapStatusCodes) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Internal("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status(StatusCode::kDeadlineExceeded, "x")), 1);
  EXPECT_EQ(ExitCodeFor(NotFound("x")), 3);
  EXPECT_EQ(ExitCodeFor(InvalidArgument("x")), 4);
  EXPECT_EQ(ExitCodeFor(PermissionDenied("x")), 4);
  EXPECT_EQ(ExitCodeFor(Unauthenticated("x")), 4);
  EXPECT_EQ(ExitCodeFor(Unavailable("x")), 5);
  EXPECT_NE(std::string(ExitCodesHelp()).find("systemctl start citynetd"), std::string::npos);
}

// RunCli in-process, for what needs no daemon.
struct InProcess {
  int code;
  std::string out;
  std::string err;
};
InProcess RunInProcess(std::vector<const char*> args) {
  args.insert(args.begin(), "citynet");
  std::ostringstream out;
  std::ostringstream err;
  const int code = RunCli(static_cast<int>(args.size()), args.data(), out, err, Terminal{});
  return {code, out.str(), err.str()};
}

TEST(RunCli, UsageErrorsExit2) {
  auto r = RunInProcess({"case", "list", "--no-such-flag"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("citynet: error: ", 0), 0u) << r.err;
  EXPECT_EQ(RunInProcess({}).code, 2);
  EXPECT_EQ(RunInProcess({"case"}).code, 2);
  EXPECT_EQ(RunInProcess({"case", "list", "--sdg", "18"}).code, 2);
  EXPECT_EQ(RunInProcess({"case", "list", "--since", "2025-13-01"}).code, 2);
  EXPECT_EQ(RunInProcess({"case", "show", "abc"}).code, 2);
}

TEST(RunCli, HelpExitsZero) {
  auto r = RunInProcess({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("case"), std::string::npos);
  r = RunInProcess({"help", "exit-codes"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("5  citynetd not reachable"), std::string::npos) << r.out;
}

// ---- citynet dataset: what needs no daemon -----------------------------------------------------

TEST(DatasetFlags, PartialDates) {
  for (const char* good : {"2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"}) {
    EXPECT_TRUE(IsPartialDate(good)) << good;
  }
  for (const char* bad : {"", "24", "2024-2", "2024-13", "2024-00", "2023-02-29", "1900-02-29",
                          "2024-04-31", "2024/01/01", "2024-01-01T00", "yyyy", "2024-1-1"}) {
    EXPECT_FALSE(IsPartialDate(bad)) << bad;
  }
}

TEST(DatasetFlags, CommaListsAndRepeatsAlike) {
  EXPECT_EQ(SplitCommaList({"age, gender", "district", ",,", " "}),
            (std::vector<std::string>{"age", "gender", "district"}));
  EXPECT_TRUE(SplitCommaList({}).empty());
}

DatasetPublishFlags GoodFlags() {
  DatasetPublishFlags f;
  f.network = "c40";
  f.title = "Citizen survey";
  f.description = "Answers";
  f.licence = "CC-BY-4.0";
  return f;
}

TEST(DatasetFlags, PublishArgsWithDefaultsLeaveOptionalFieldsOut) {
  auto args = DatasetPublishArgs(GoodFlags(), "");
  ASSERT_TRUE(args.ok()) << args.status().message();
  EXPECT_EQ(*args, json({{"network", "c40"},
                         {"title", "Citizen survey"},
                         {"description", "Answers"},
                         {"licence", "CC-BY-4.0"},
                         {"language", "en"},
                         {"k", 5},
                         {"max_suppression", 0.05},
                         {"allow_removal", true}}));
}

TEST(DatasetFlags, CheckArgsNeedNoMetadataAndCarryThePreview) {
  DatasetPublishFlags f;  // no network, title, description or licence
  f.insensitive = {"commute_mode,heating_kwh_year"};
  f.keep_text = {"comment"};
  f.rows = 3;
  auto args = DatasetPublishArgs(f, "up-1", DatasetArgs::kGateOnly);
  ASSERT_TRUE(args.ok()) << args.status().message();
  EXPECT_EQ(*args, json({{"upload", "up-1"},
                         {"k", 5},
                         {"max_suppression", 0.05},
                         {"allow_removal", true},
                         {"insensitive", {"commute_mode", "heating_kwh_year"}},
                         {"keep_text", {"comment"}},
                         {"preview_rows", 3}}));
  EXPECT_FALSE(DatasetPublishArgs(f, "up-1").ok()) << "publish needs the metadata";
}

TEST(DatasetFlags, NoDetectQuasiIsRefusedWithWhatReplacesIt) {
  DatasetPublishFlags f = GoodFlags();
  f.no_detect_quasi = true;
  auto args = DatasetPublishArgs(f, "");
  ASSERT_FALSE(args.ok());
  EXPECT_NE(args.status().message().find("--insensitive"), std::string::npos)
      << args.status().message();
}

TEST(DatasetFlags, PublishArgsCarryEveryFlag) {
  DatasetPublishFlags f = GoodFlags();
  f.language = "da";
  f.publisher = "Københavns Kommune";
  f.themes = {"mobility,health", "housing"};
  f.spatial = "Nørrebro";
  f.country = "dk";
  f.from = "2024";
  f.to = "2024-06-30";
  f.quasi = {"ward"};
  f.sensitive = {"income, diagnosis"};
  f.k = 10;
  f.l = 2;
  f.max_suppression = 0;
  f.insensitive = {"trips"};
  f.keep_text = {"comment"};
  f.no_removal = true;
  auto args = DatasetPublishArgs(f, "up-1");
  ASSERT_TRUE(args.ok()) << args.status().message();
  const json& a = *args;
  EXPECT_EQ(a["upload"], "up-1");
  EXPECT_EQ(a["language"], "da");
  EXPECT_EQ(a["publisher"], "Københavns Kommune");
  EXPECT_EQ(a["themes"], json({"mobility", "health", "housing"}));
  EXPECT_EQ(a["spatial_coverage"], "Nørrebro");
  EXPECT_EQ(a["country"], "DK");
  EXPECT_EQ(a["temporal_from"], "2024");
  EXPECT_EQ(a["temporal_to"], "2024-06-30");
  EXPECT_EQ(a["quasi"], json({"ward"}));
  EXPECT_EQ(a["sensitive"], json({"income", "diagnosis"}));
  EXPECT_EQ(a["k"], 10);
  EXPECT_EQ(a["l"], 2);
  EXPECT_EQ(a["max_suppression"], 0.0);
  EXPECT_EQ(a["insensitive"], json({"trips"}));
  EXPECT_EQ(a["keep_text"], json({"comment"}));
  EXPECT_EQ(a["allow_removal"], false);
  EXPECT_FALSE(a.contains("preview_rows"));
}

TEST(DatasetFlags, EveryProblemIsListedAtOnce) {
  DatasetPublishFlags f = GoodFlags();
  f.licence = " ";
  f.language = "english!";
  f.country = "DNK";
  f.from = "2024-13";
  f.k = 0;
  f.l = -2;
  f.max_suppression = 1.5;
  auto args = DatasetPublishArgs(f, "");
  ASSERT_FALSE(args.ok());
  EXPECT_EQ(args.status().code(), StatusCode::kInvalidArgument);
  const std::string m = args.status().message();
  for (const char* part :
       {"--licence", "--language 'english!'", "--country 'DNK'", "--from '2024-13'",
        "--k 0 is not from 2", "--l -2 is below 0", "--max-suppression"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST(DatasetFlags, PeriodMayNotRunBackwards) {
  DatasetPublishFlags f = GoodFlags();
  f.from = "2024-05";
  f.to = "2024";  // May 2024 lies within 2024
  EXPECT_TRUE(DatasetPublishArgs(f, "").ok());
  f.to = "2024-04-30";
  auto args = DatasetPublishArgs(f, "");
  ASSERT_FALSE(args.ok());
  EXPECT_NE(args.status().message().find("--from 2024-05 is after --to 2024-04-30"),
            std::string::npos);
  EXPECT_FALSE(IsPartialDate("2024-02-30"));
  EXPECT_TRUE(IsPartialDate("2024-02-29"));
}

TEST(DatasetProgress, JobLines) {
  EXPECT_EQ(JobProgressLine({{"stage", "anonymising"}, {"done", 0.426}}), "anonymising  42%");
  EXPECT_EQ(JobProgressLine({{"stage", "reading"}, {"done", 0.999}}), "reading      99%");
  EXPECT_EQ(JobProgressLine({{"stage", "storing"}, {"done", 1}}), "storing     100%");
  EXPECT_EQ(JobProgressLine({{"stage", "writing"}, {"done", 7.5}}), "writing     100%");
  EXPECT_EQ(JobProgressLine({{"stage", "checking"}, {"done", -1}}), "checking      0%");
  EXPECT_EQ(JobProgressLine(json::object()), "queued        0%");
}

TEST(DatasetProgress, BytesAndBodyStates) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(1023), "1023 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(kUploadPartBytes), "8.0 MiB");
  EXPECT_EQ(FormatBytes(uint64_t{3} << 30), "3.0 GiB");
  EXPECT_EQ(BodyStateText({{"state", "complete"}, {"chunks_held", 12}, {"chunks", 12}}),
            "complete (12 chunks)");
  EXPECT_EQ(BodyStateText({{"state", "complete"}, {"chunks_held", 1}, {"chunks", 1}}),
            "complete (1 chunk)");
  EXPECT_EQ(BodyStateText({{"state", "fetching"}, {"chunks_held", 3}, {"chunks", 12}}),
            "fetching 3/12 chunks");
  EXPECT_EQ(BodyStateText({{"state", "absent"}}), "not held here (citynet dataset fetch)");
  EXPECT_EQ(BodyStateText({{"state", "refused"}, {"refusal", "chunk 2 holds an e-mail address"}}),
            "refused: chunk 2 holds an e-mail address");
}

TEST(RunCli, DatasetPublishChecksBeforeContactingTheDaemon) {
  // No daemon listens here: reaching it would exit 5.
  const std::string dir = ::testing::TempDir();
  const std::string nowhere = "ipc://" + dir + "/citynet-no-daemon.sock";
  const std::string csv = dir + "/citynet-cli-test.csv";
  std::ofstream(csv) << "a,b\n1,2\n";
  auto publish = [&](std::vector<const char*> extra) {
    std::vector<const char*> args = {"dataset",       "publish", "--control", nowhere.c_str(),
                                     "--network",     "c40",     "--title",   "T",
                                     "--description", "D",       "--licence", "CC-BY-4.0"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunInProcess(args);
  };
  auto r = publish({csv.c_str(), "--country", "DNK", "--from", "2024-13"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--country 'DNK'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--from '2024-13'"), std::string::npos) << r.err;

  const std::string missing = dir + "/no-such-survey.csv";
  r = publish({missing.c_str()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot read " + missing + ": No such file or directory"), std::string::npos)
      << r.err;
  r = publish({dir.c_str()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  const std::string empty = dir + "/citynet-cli-empty.csv";
  std::ofstream(empty).flush();
  r = publish({empty.c_str()});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("is empty"), std::string::npos) << r.err;
  // A good command line and a good file do reach for the daemon.
  r = publish({csv.c_str()});
  EXPECT_EQ(r.code, 5) << r.err;

  EXPECT_EQ(publish({csv.c_str(), "--k", "many"}).code, 2);
  EXPECT_EQ(RunInProcess({"dataset", "publish", csv.c_str(), "--network", "c40"}).code, 2);
  std::filesystem::remove(csv);
  std::filesystem::remove(empty);
}

TEST(RunCli, DatasetCommandLines) {
  const std::string dir = ::testing::TempDir();
  const std::string nowhere = "ipc://" + dir + "/citynet-no-daemon.sock";
  EXPECT_EQ(RunInProcess({"dataset"}).code, 2);
  EXPECT_EQ(RunInProcess({"dataset", "show", "abc", "--control", nowhere.c_str()}).code, 2);
  EXPECT_EQ(RunInProcess({"dataset", "fetch", "xyz12345", "--control", nowhere.c_str()}).code, 2);
  // Standard output holds the CSV: --json needs a file.
  auto r =
      RunInProcess({"dataset", "export", "0123456789ab", "--json", "--control", nowhere.c_str()});
  EXPECT_EQ(r.code, 2) << r.err;
  // An existing file is not replaced without --force, and the daemon is not asked.
  const std::string existing = dir + "/citynet-cli-existing.csv";
  std::ofstream(existing) << "keep me\n";
  r = RunInProcess(
      {"dataset", "export", "0123456789ab", "-o", existing.c_str(), "--control", nowhere.c_str()});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(existing), "keep me\n");
  r = RunInProcess({"dataset", "export", "0123456789ab", "-o", existing.c_str(), "--force",
                    "--control", nowhere.c_str()});
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_EQ(ReadFile(existing), "keep me\n");
  std::filesystem::remove(existing);
  r = RunInProcess({"dataset", "list", "--control", nowhere.c_str()});
  EXPECT_EQ(r.code, 5) << r.err;
}

// ---- the real binary against real daemons ------------------------------------------------------

// The citynet binary with `args` (and extra environment `env`).
Ran RunCitynet(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return RunBinary(CITYNET_BINARY, args, env);
}

std::string SeedCase(const std::string& name) {
  return std::string(CITYNET_SOURCE_DIR) + "/deploy/demo/cases/" + name;
}

class CliEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mesh_ = new DaemonMesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {{"copenhagen", "c40"}});
    mesh_->StartAll();
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  // citynet against `node`'s control socket.
  static Ran On(const std::string& node, std::vector<std::string> args,
                std::vector<std::string> env = {}) {
    args.push_back("--control");
    args.push_back(mesh_->ControlEndpoint(node));
    return RunCitynet(args, env);
  }

  // A seed case moved into c40 (and retitled), written under the mesh's directory.
  static std::string CaseInC40(const std::string& seed, const std::string& title = "") {
    json c = json::parse(ReadFile(SeedCase(seed)));
    c["networks"] = {"c40"};
    if (!title.empty()) c["title"] = title;
    const std::string path = mesh_->root() + "/" + seed;
    std::ofstream(path) << c.dump(2);
    return path;
  }

  static bool ListedOn(const std::string& node, const std::string& id) {
    Ran r = On(node, {"case", "list", "--json", "--all"});
    if (r.code != 0) return false;
    const json page = json::parse(r.out);
    for (const json& rec : page["records"]) {
      if (rec["id"] == id) return true;
    }
    return false;
  }

  // The datasets `node` lists: id -> title.
  static std::map<std::string, std::string> DatasetsListed(const std::string& node) {
    std::map<std::string, std::string> out;
    Ran r = On(node, {"dataset", "list", "--json"});
    EXPECT_EQ(r.code, 0) << Describe(r);
    if (r.code != 0) return out;
    const json page = json::parse(r.out);
    for (const json& d : page["datasets"]) out[d["id"].get<std::string>()] = d["title"];
    return out;
  }

  static DaemonMesh* mesh_;
};
DaemonMesh* CliEndToEnd::mesh_ = nullptr;

TEST_F(CliEndToEnd, PublishListSearchShowAcrossNodes) {
  // The case names only c40: --network may be left out.
  Ran pub = On("copenhagen", {"case", "publish", SeedCase("c40-summit-2019.json")});
  ASSERT_EQ(pub.code, 0) << Describe(pub);
  const std::string summit = pub.out.substr(0, pub.out.find('\n'));
  ASSERT_EQ(summit.size(), 64u) << Describe(pub);
  EXPECT_NE(pub.err.find("published"), std::string::npos);

  pub = On("copenhagen", {"case", "publish", CaseInC40("cph-cleantech-cluster.json"), "--network",
                          "c40", "--json"});
  ASSERT_EQ(pub.code, 0) << Describe(pub);
  const json summary = json::parse(pub.out);
  const std::string cleantech = summary["id"];
  EXPECT_EQ(summary["network"], "c40");
  EXPECT_EQ(summary["kind"], "case-study");
  EXPECT_EQ(summary["title"], "Copenhagen Cleantech Cluster skabte job og vækst");

  // It reaches the other node; list there, as JSON and as a table.
  ASSERT_TRUE(WaitFor([&] { return ListedOn("c40", cleantech) && ListedOn("c40", summit); }))
      << mesh_->LogTail("c40");
  Ran list = On("c40", {"case", "list", "--network", "c40"});
  ASSERT_EQ(list.code, 0) << Describe(list);
  const auto lines = Lines(list.out);
  ASSERT_GE(lines.size(), 3u) << list.out;
  EXPECT_EQ(lines[0].rfind("ID", 0), 0u);
  EXPECT_NE(lines[0].find("TITLE"), std::string::npos);
  EXPECT_NE(list.out.find(cleantech.substr(0, 12)), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("C40 World Mayors Summit 2019"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("copenhagen"), std::string::npos);  // the author's name
  EXPECT_EQ(list.out.find("\x1b["), std::string::npos);       // no colour when not a TTY

  Ran filtered = On("c40", {"case", "list", "--json", "--city", "Nowhere"});
  ASSERT_EQ(filtered.code, 0) << Describe(filtered);
  EXPECT_EQ(json::parse(filtered.out)["records"], json::array());
  filtered = On("c40", {"case", "list", "--json", "--sdg", "13", "--since", "2000-01-01"});
  ASSERT_EQ(filtered.code, 0) << Describe(filtered);
  EXPECT_FALSE(json::parse(filtered.out)["records"].empty());

  // Search, ranked, with the match marked in the snippet.
  Ran search = On("c40", {"case", "search", "cleantech", "--wait"});
  ASSERT_EQ(search.code, 0) << Describe(search);
  EXPECT_NE(search.out.find(" 1. Copenhagen Cleantech Cluster"), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("["), std::string::npos) << search.out;
  Ran search_json = On("c40", {"case", "search", "cleantech", "--json"});
  ASSERT_EQ(search_json.code, 0) << Describe(search_json);
  EXPECT_EQ(json::parse(search_json.out)["results"][0]["id"], cleantech);
  Ran none = On("c40", {"case", "search", "zzyzxnothing", "--json"});
  EXPECT_EQ(json::parse(none.out)["results"], json::array());

  // Show: text, outcomes table and provenance.
  Ran show = On("c40", {"case", "show", cleantech});
  ASSERT_EQ(show.code, 0) << Describe(show);
  EXPECT_NE(show.out.find("Copenhagen Cleantech Cluster skabte job og vækst"), std::string::npos);
  EXPECT_NE(show.out.find("METRIC"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("new jobs"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("1089"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("from copenhagen"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("copenhagen ("), std::string::npos) << show.out;
  // A unique prefix of the id (as `case list` shows) is enough.
  Ran by_prefix = On("c40", {"case", "show", cleantech.substr(0, 12)});
  ASSERT_EQ(by_prefix.code, 0) << Describe(by_prefix);
  EXPECT_EQ(by_prefix.out, show.out);
  Ran show_json = On("c40", {"case", "show", cleantech, "--json"});
  ASSERT_EQ(show_json.code, 0) << Describe(show_json);
  const json shown = json::parse(show_json.out);
  EXPECT_EQ(shown["received_from"], "copenhagen");
  EXPECT_EQ(shown["case"]["outcomes"][0]["metric"], "new jobs");
}

TEST_F(CliEndToEnd, ChineseTitlesFitTheTerminalWidth) {
  Ran pub = On("copenhagen", {"case", "publish", CaseInC40("ssc-beijing-wastewater-zh.json")});
  ASSERT_EQ(pub.code, 0) << Describe(pub);
  for (int width : {50, 60, 80, 100}) {
    Ran list = On("copenhagen", {"case", "list"}, {"COLUMNS=" + std::to_string(width)});
    ASSERT_EQ(list.code, 0) << Describe(list);
    EXPECT_NE(list.out.find("哥本哈根"), std::string::npos) << list.out;
    EXPECT_EQ(list.out.find("AUTHOR") != std::string::npos, width >= 90) << list.out;
    for (const std::string& line : Lines(list.out)) {
      EXPECT_LE(DisplayWidth(line), width) << line;
    }
  }
}

TEST_F(CliEndToEnd, PaginatesWithACursorAndAll) {
  for (int i = 0; i < 3; ++i) {
    Ran pub = On("copenhagen", {"case", "publish",
                                CaseInC40("cph-street-lab.json", fmt::format("Street lab {}", i))});
    ASSERT_EQ(pub.code, 0) << Describe(pub);
  }
  Ran page = On("copenhagen", {"case", "list", "--limit", "2", "--city", "Copenhagen"});
  ASSERT_EQ(page.code, 0) << Describe(page);
  EXPECT_EQ(Lines(page.out).size(), 3u) << page.out;  // header and two rows
  EXPECT_NE(page.err.find("--cursor"), std::string::npos) << page.err;
  EXPECT_NE(page.err.find("--limit 2"), std::string::npos) << page.err;

  Ran first = On("copenhagen", {"case", "list", "--json", "--limit", "2"});
  const json j = json::parse(first.out);
  ASSERT_EQ(j["records"].size(), 2u);
  ASSERT_FALSE(j["next_cursor"].get<std::string>().empty());
  Ran second = On("copenhagen", {"case", "list", "--json", "--limit", "2", "--cursor",
                                 j["next_cursor"].get<std::string>()});
  ASSERT_EQ(second.code, 0) << Describe(second);
  EXPECT_NE(json::parse(second.out)["records"][0]["id"], j["records"][0]["id"]);

  Ran all = On("copenhagen", {"case", "list", "--json", "--all", "--limit", "1"});
  ASSERT_EQ(all.code, 0) << Describe(all);
  const json every = json::parse(all.out);
  EXPECT_GE(every["records"].size(), 3u);
  EXPECT_EQ(every["next_cursor"], "");
  // Newest first.
  int64_t last = INT64_MAX;
  for (const json& r : every["records"]) {
    EXPECT_LE(r["created_at_ms"].get<int64_t>(), last);
    last = r["created_at_ms"].get<int64_t>();
  }
}

TEST_F(CliEndToEnd, CaseFileWithManyProblemsListsThemAllAndSendsNothing) {
  const std::vector<std::string> before = mesh_->Ids("copenhagen", "c40");
  json c = json::parse(ReadFile(SeedCase("c40-summit-2019.json")));
  c["sdgs"] = {18};              // 1: not a goal
  c["summary"] = "";             // 2: empty
  c["language"] = "not a tag!";  // 3: not BCP 47
  c["colour"] = "red";           // 4: unknown field
  c["period"]["from"] = "soon";  // 5: not a date
  const std::string path = mesh_->root() + "/bad-case.json";
  std::ofstream(path) << c.dump(2);

  Ran r = On("copenhagen", {"case", "publish", path, "--network", "c40"});
  EXPECT_EQ(r.code, 4) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("citynet: error: " + path, 0), 0u) << r.err;
  EXPECT_NE(r.err.find("5 problems"), std::string::npos) << r.err;
  for (const char* field : {"sdgs[0]", "summary", "language", "colour", "period.from"}) {
    EXPECT_NE(r.err.find(std::string("  - ") + field), std::string::npos) << field << "\n" << r.err;
  }
  EXPECT_EQ(mesh_->Ids("copenhagen", "c40"), before);

  // Malformed JSON: the line and column, exit 4 too.
  std::ofstream(path) << "{\n  \"title\": \n}";
  r = On("copenhagen", {"case", "publish", path});
  EXPECT_EQ(r.code, 4) << Describe(r);
  EXPECT_NE(r.err.find("line"), std::string::npos) << r.err;
}

TEST_F(CliEndToEnd, NodeStatusAndCard) {
  Ran s = On("c40", {"node", "status", "--json"});
  ASSERT_EQ(s.code, 0) << Describe(s);
  const json j = json::parse(s.out);
  EXPECT_EQ(j["node"]["name"], "c40");
  EXPECT_EQ(j["node"]["signing_key"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["node"]["networks"], json::array({"c40"}));
  ASSERT_TRUE(j["peers"].is_array());
  ASSERT_EQ(j["peers"].size(), 1u);
  EXPECT_EQ(j["peers"][0]["name"], "copenhagen");
  for (const char* key : {"stored", "accepted", "duplicate", "waiting", "fork_evidence"}) {
    EXPECT_TRUE(j["records"].contains(key)) << key;
  }
  EXPECT_TRUE(j["refused"].is_object());
  EXPECT_TRUE(j["forks"].is_array());

  ASSERT_TRUE(WaitFor([&] {
    return json::parse(
               On("copenhagen", {"node", "status", "--json"}).out)["peers"][0]["connected"] == true;
  }));
  Ran human = On("copenhagen", {"node", "status"});
  ASSERT_EQ(human.code, 0) << Describe(human);
  EXPECT_EQ(human.out.rfind("copenhagen", 0), 0u) << human.out;
  EXPECT_NE(human.out.find("signing key"), std::string::npos);
  EXPECT_NE(human.out.find("CONNECTED"), std::string::npos);
  EXPECT_NE(human.out.find("c40  "), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("Refused"), std::string::npos);
  EXPECT_NE(human.out.find("Forks"), std::string::npos);

  Ran card = On("c40", {"node", "card"});
  ASSERT_EQ(card.code, 0) << Describe(card);
  EXPECT_FALSE(card.out.empty());
  const std::string out_file = mesh_->root() + "/c40-exported.card";
  Ran written = On("c40", {"node", "card", "--output", out_file, "--json"});
  ASSERT_EQ(written.code, 0) << Describe(written);
  EXPECT_EQ(json::parse(written.out)["output"], out_file);
  EXPECT_EQ(ReadFile(out_file), json::parse(written.out)["card"].get<std::string>());
}

// `node reload` is the systemd unit's ExecReload: it returns once the daemon answered, and a
// refused config fails it (so `systemctl reload` fails) while the node keeps serving.
TEST_F(CliEndToEnd, NodeReloadWaitsForTheOutcome) {
  Ran ok = On("c40", {"node", "reload"});
  ASSERT_EQ(ok.code, 0) << Describe(ok);
  EXPECT_NE(ok.out.find("reloaded"), std::string::npos) << ok.out;
  Ran ok_json = On("c40", {"node", "reload", "--json"});
  ASSERT_EQ(ok_json.code, 0) << Describe(ok_json);
  EXPECT_EQ(json::parse(ok_json.out)["reloaded"], true);

  const std::string config = mesh_->ConfigPath("c40");
  const std::string good = ReadFile(config);
  std::ofstream(config) << good << "\n[[partner]]\ncard = \"/nonexistent.card\"\n";
  Ran refused = On("c40", {"node", "reload"});
  std::ofstream(config, std::ios::trunc) << good;
  EXPECT_NE(refused.code, 0) << Describe(refused);
  EXPECT_NE(refused.err.find("/nonexistent.card"), std::string::npos) << Describe(refused);
  EXPECT_EQ(On("c40", {"node", "status", "--json"}).code, 0);
  EXPECT_EQ(On("c40", {"node", "reload"}).code, 0);
}

TEST_F(CliEndToEnd, SupersedeRetractAndFollowTheReceipts) {
  Ran first = On("copenhagen", {"case", "publish", CaseInC40("cph-street-lab.json", "v1")});
  ASSERT_EQ(first.code, 0) << Describe(first);
  const std::string v1 = first.out.substr(0, 64);
  Ran second = On("copenhagen", {"case", "supersede", v1.substr(0, 12),
                                 CaseInC40("cph-street-lab.json", "v2"), "--json"});
  ASSERT_EQ(second.code, 0) << Describe(second);
  const std::string v2 = json::parse(second.out)["id"];
  EXPECT_EQ(json::parse(second.out)["supersedes"], v1);
  ASSERT_TRUE(WaitFor([&] { return ListedOn("c40", v2); }));
  EXPECT_FALSE(ListedOn("c40", v1));  // the list shows the newest version only

  // Only the author retracts; c40 is refused (exit 4) and told whom to ask.
  Ran refused = On("c40", {"case", "retract", v2, "--reason", "not mine"});
  EXPECT_EQ(refused.code, 4) << Describe(refused);
  EXPECT_NE(refused.err.find("only the author"), std::string::npos) << refused.err;
  Ran no_reason = On("copenhagen", {"case", "retract", v2});
  EXPECT_EQ(no_reason.code, 2) << Describe(no_reason);

  Ran retract = On("copenhagen", {"case", "retract", v2, "--reason", "data owner asked"});
  ASSERT_EQ(retract.code, 0) << Describe(retract);
  EXPECT_NE(retract.err.find("citynet case erasure"), std::string::npos);
  json erasure;
  ASSERT_TRUE(WaitFor([&] {
    Ran r = On("copenhagen", {"case", "erasure", v2, "--json"});
    if (r.code != 0) return false;
    erasure = json::parse(r.out);
    return erasure["confirmed"].size() == 1;
  })) << erasure.dump(2);
  EXPECT_EQ(erasure["confirmed"][0]["node"], "c40");
  EXPECT_EQ(erasure["confirmed"][0]["outcome"], "purged");
  EXPECT_EQ(erasure["pending"], json::array());
  Ran human = On("copenhagen", {"case", "erasure", v2.substr(0, 10)});
  ASSERT_EQ(human.code, 0) << Describe(human);
  EXPECT_NE(human.out.find("CONFIRMED BY"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("c40"), std::string::npos);
  EXPECT_NE(human.out.find("data owner asked"), std::string::npos);
  // On c40 the case is gone (the header stays, marked retracted).
  Ran show = On("c40", {"case", "show", v2, "--json"});
  ASSERT_EQ(show.code, 0) << Describe(show);
  EXPECT_TRUE(json::parse(show.out)["retracted"].get<bool>());
  EXPECT_FALSE(json::parse(show.out).contains("case"));
  // A case never retracted has no erasure to show.
  Ran none = On("copenhagen", {"case", "erasure", v1});
  EXPECT_EQ(none.code, 3) << Describe(none);
}

TEST(CliRetraction, InAThreeNodeMeshThePayloadLeavesEveryStoreAndTwoReceiptsAreShown) {
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}, {"beijing", {"c40"}}},
                  {{"copenhagen", "c40"}, {"copenhagen", "beijing"}});
  mesh.StartAll();
  auto on = [&](const std::string& node, std::vector<std::string> args) {
    args.push_back("--control");
    args.push_back(mesh.ControlEndpoint(node));
    return RunCitynet(args);
  };
  const std::string id = mesh.Publish("copenhagen", "c40", "a case to withdraw");
  for (const std::string node : {"c40", "beijing"}) {
    ASSERT_TRUE(WaitFor([&] { return on(node, {"case", "show", id}).code == 0; })) << node;
  }
  Ran retract = on("copenhagen", {"case", "retract", id, "--reason", "the data owner asked"});
  ASSERT_EQ(retract.code, 0) << Describe(retract);
  // Gone from all three stores: show still finds the signed header, marked retracted, and no
  // text.
  for (const std::string node : {"copenhagen", "c40", "beijing"}) {
    EXPECT_TRUE(WaitFor([&] {
      Ran show = on(node, {"case", "show", id, "--json"});
      if (show.code != 0) return false;
      const json j = json::parse(show.out);
      return j["retracted"].get<bool>() && !j.contains("case");
    })) << node;
    Ran human = on(node, {"case", "show", id});
    EXPECT_NE(human.out.find("retracted"), std::string::npos) << human.out;
    EXPECT_EQ(human.out.find("a case to withdraw"), std::string::npos) << human.out;
  }
  Ran erasure;
  EXPECT_TRUE(WaitFor([&] {
    erasure = on("copenhagen", {"case", "erasure", id, "--json"});
    return erasure.code == 0 && json::parse(erasure.out)["confirmed"].size() == 2;
  })) << Describe(erasure);
  Ran human = on("copenhagen", {"case", "erasure", id});
  ASSERT_EQ(human.code, 0) << Describe(human);
  EXPECT_NE(human.out.find("c40"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("beijing"), std::string::npos) << human.out;
  EXPECT_EQ(human.out.find("Not yet confirmed"), std::string::npos) << human.out;
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(CliExportImport, AFreshNodeImportsAnExportAndHoldsIdenticalRecords) {
  // Partners in c40 with no link between them: the file is the only way across.
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {});
  mesh.StartAll();
  auto on = [&](const std::string& node, std::vector<std::string> args) {
    args.push_back("--control");
    args.push_back(mesh.ControlEndpoint(node));
    return RunCitynet(args);
  };
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(mesh.Publish("copenhagen", "c40", "case " + std::to_string(i)));
  ASSERT_TRUE(
      mesh.Call("copenhagen", "case.retract", {{"id", ids[0]}, {"reason", "withdrawn"}}).ok());
  const std::string file = mesh.root() + "/c40.citynet-export";
  Ran exp = on("copenhagen", {"export", file, "--network", "c40", "--json"});
  ASSERT_EQ(exp.code, 0) << Describe(exp);
  EXPECT_EQ(json::parse(exp.out)["records"], 6);

  Ran imp = on("c40", {"import", file, "--json"});
  ASSERT_EQ(imp.code, 0) << Describe(imp);
  const json result = json::parse(imp.out);
  EXPECT_EQ(result["accepted"], 6);
  EXPECT_EQ(result["refused"], json::object());
  EXPECT_EQ(mesh.Heads("c40", "c40"), mesh.Heads("copenhagen", "c40"));
  EXPECT_EQ(mesh.Ids("c40", "c40"), mesh.Ids("copenhagen", "c40"));
  auto retracted = mesh.Call("c40", "record.get", {{"id", ids[0]}});
  ASSERT_TRUE(retracted.ok());
  EXPECT_TRUE((*retracted)["retracted"].get<bool>());
  // Importing again changes nothing.
  imp = on("c40", {"import", file});
  EXPECT_EQ(imp.code, 0) << Describe(imp);
  EXPECT_NE(imp.out.find("0 new, 6 already held"), std::string::npos) << imp.out;

  // A damaged record is refused by its signature; the rest are read.
  std::string bytes = ReadFile(file);
  const std::size_t last_frame = bytes.size() - 12 - 40;  // inside the last record
  bytes[last_frame] = static_cast<char>(bytes[last_frame] ^ 0x01);
  const std::string damaged = mesh.root() + "/damaged.citynet-export";
  std::ofstream(damaged, std::ios::binary) << bytes;
  Ran bad = on("c40", {"import", damaged, "--json"});
  EXPECT_EQ(bad.code, 4) << Describe(bad);
  const json damaged_result = json::parse(bad.out);
  EXPECT_EQ(damaged_result["duplicate"], 5) << bad.out;  // the five before it
  EXPECT_EQ(damaged_result["records"], 6);
  EXPECT_EQ(damaged_result["refused"].size(), 1u) << bad.out;
  // A truncated file: what precedes the cut is read, and the cut is reported.
  const std::string truncated = mesh.root() + "/truncated.citynet-export";
  std::ofstream(truncated, std::ios::binary) << ReadFile(file).substr(0, ReadFile(file).size() / 2);
  Ran cut = on("c40", {"import", truncated});
  EXPECT_EQ(cut.code, 4) << Describe(cut);
  EXPECT_NE(cut.err.find("truncated"), std::string::npos) << cut.err;
  Ran missing = on("c40", {"import", mesh.root() + "/nope"});
  EXPECT_EQ(missing.code, 3) << Describe(missing);
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST_F(CliEndToEnd, ATomlCaseFileIsReadLikeTheJsonOne) {
  const std::string path = mesh_->root() + "/street-lab.toml";
  std::ofstream(path) << R"(slug = "cph-street-lab-toml"
title = "Street Lab, from a TOML file"
language = "en"
city = "Copenhagen"
country = "DK"
networks = ["c40"]
sdgs = [9, 11, 17]
themes = ["smart-city", "iot"]
summary = "Copenhagen Solutions Lab and industry partners built Street Lab."
body = """
A testing area for urban solutions producing new data on air pollution,
traffic patterns and waste."""
partners = ["Copenhagen Solutions Lab", "Cisco"]

[[outcomes]]
metric = "private investment in Street Lab"
achieved = 15000000
unit = "DKK"
)";
  Ran pub = On("copenhagen", {"case", "publish", path, "--json"});
  ASSERT_EQ(pub.code, 0) << Describe(pub);
  const std::string id = json::parse(pub.out)["id"];
  Ran show = On("copenhagen", {"case", "show", id, "--json"});
  ASSERT_EQ(show.code, 0) << Describe(show);
  const json c = json::parse(show.out)["case"];
  EXPECT_EQ(c["title"], "Street Lab, from a TOML file");
  EXPECT_EQ(c["outcomes"][0]["achieved"], 15000000);
  EXPECT_EQ(c["sdgs"], json::array({9, 11, 17}));

  // A TOML syntax error names its line; a field problem its field; nothing is sent.
  std::ofstream(path) << "title = \"unterminated\n";
  Ran bad = On("copenhagen", {"case", "publish", path});
  EXPECT_EQ(bad.code, 4) << Describe(bad);
  EXPECT_NE(bad.err.find(":1:"), std::string::npos) << bad.err;
  std::ofstream(path) << "title = \"x\"\nsdg = [99]\n";
  bad = On("copenhagen", {"case", "publish", path});
  EXPECT_EQ(bad.code, 4) << Describe(bad);
  EXPECT_NE(bad.err.find("sdg"), std::string::npos) << bad.err;
}

// ---- citynet dataset against real daemons -------------------------------------------------------

// A citizen survey of `rows` invented people: direct identifiers the gate must drop (name, cpr,
// email), quasi-identifiers it must make k-anonymous (age, gender, district) and a free-text
// comment that now and then carries an e-mail address.
std::string SurveyCsv(int rows) {
  const std::vector<std::string> first = {"Anne", "Søren", "Mette", "Lars", "Freja", "Mads"};
  const std::vector<std::string> last = {"Nielsen", "Jensen", "Hansen", "Møller"};
  const std::vector<std::string> districts = {"Østerbro", "Nørrebro", "Valby", "Amager Øst"};
  std::string csv = "name,cpr,email,age,gender,district,comment\n";
  for (int i = 0; i < rows; ++i) {
    const int age = 20 + (i * 7) % 60;
    const std::string comment = i % 20 == 0 ? fmt::format("skriv til citizen{}@example.dk", i)
                                            : (i % 3 == 0 ? "cykler hver dag" : "tager bussen");
    csv += fmt::format("{} {},{:02}{:02}{:02}-{:04},citizen{}@example.dk,{},{},{},{}\n",
                       first[i % first.size()], last[(i / 6) % last.size()], 1 + i % 28, 1 + i % 12,
                       (2024 - age) % 100, (i * 37) % 10000, i, age, i % 2 == 0 ? "F" : "M",
                       districts[(i / 2) % districts.size()], comment);
  }
  return csv;
}

TEST_F(CliEndToEnd, DatasetPublishListShowExport) {
  const std::string csv = mesh_->root() + "/survey.csv";
  std::ofstream(csv) << SurveyCsv(500);
  Ran pub = On("copenhagen",
               {"dataset", "publish", csv, "--network", "c40", "--title", "Commuter survey 2024",
                "--description", "How 500 citizens of four districts get to work", "--licence",
                "CC-BY-4.0", "--country", "dk", "--from", "2024", "--theme", "mobility"});
  ASSERT_EQ(pub.code, 0) << Describe(pub) << mesh_->LogTail("copenhagen");
  const std::string id = pub.out.substr(0, pub.out.find('\n'));
  ASSERT_EQ(id.size(), 64u) << Describe(pub);
  EXPECT_EQ(pub.out, id + "\n");  // only the id: id=$(citynet dataset publish ...) works
  EXPECT_NE(pub.err.find("published \"Commuter survey 2024\" in c40"), std::string::npos)
      << pub.err;
  EXPECT_NE(pub.err.find("cpr"), std::string::npos) << pub.err;  // the gate's summary

  // Listed here with its body, and k reached.
  auto listed = DatasetsListed("copenhagen");
  ASSERT_EQ(listed.count(id), 1u);
  EXPECT_EQ(listed[id], "Commuter survey 2024");
  Ran list = On("copenhagen", {"dataset", "list", "--network", "c40"});
  ASSERT_EQ(list.code, 0) << Describe(list);
  EXPECT_EQ(list.out.rfind("ID", 0), 0u) << list.out;
  EXPECT_NE(list.out.find(ShortId(id)), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("complete"), std::string::npos) << list.out;

  // The report, as JSON and in words; a prefix of the id is enough.
  Ran show_json = On("copenhagen", {"dataset", "show", id, "--json"});
  ASSERT_EQ(show_json.code, 0) << Describe(show_json);
  const json shown = json::parse(show_json.out);
  std::set<std::string> dropped;
  for (const json& c : shown["privacy"]["dropped_columns"]) dropped.insert(c["column"]);
  EXPECT_EQ(dropped, (std::set<std::string>{"name", "cpr", "email"})) << shown["privacy"].dump(2);
  EXPECT_EQ(shown["privacy"]["k_required"], 5);
  EXPECT_GE(shown["privacy"]["k_reached"].get<int>(), 5);
  EXPECT_EQ(shown["country"], "DK");
  EXPECT_EQ(shown["body"]["state"], "complete");
  EXPECT_TRUE(shown["signature_verified"].get<bool>());
  Ran show = On("copenhagen", {"dataset", "show", id.substr(0, 10)});
  ASSERT_EQ(show.code, 0) << Describe(show);
  for (const std::string& want :
       {std::string("Commuter survey 2024"), std::string("dropped columns:"),
        std::string("    cpr"), std::string("    email"),
        fmt::format("at least {} rows (5 required)", shown["privacy"]["k_reached"].get<int>()),
        std::string("GENERALISATION"), std::string("district"), std::string("verified now"),
        std::string("complete (")}) {
    EXPECT_NE(show.out.find(want), std::string::npos) << want << " in\n" << show.out;
  }

  // The body: to stdout, and to a file (0644, never over an existing one without --force).
  Ran exported = On("copenhagen", {"dataset", "export", ShortId(id)});
  ASSERT_EQ(exported.code, 0) << Describe(exported);
  const std::string header = exported.out.substr(0, exported.out.find('\n'));
  EXPECT_EQ(header.find("cpr"), std::string::npos) << header;
  EXPECT_EQ(header.find("name"), std::string::npos) << header;
  EXPECT_NE(header.find("district"), std::string::npos) << header;
  EXPECT_EQ(exported.out.find("@example.dk"), std::string::npos);
  EXPECT_EQ(exported.out.find("Søren"), std::string::npos);
  const std::string file = mesh_->root() + "/exported.csv";
  Ran to_file = On("copenhagen", {"dataset", "export", id, "-o", file, "--json"});
  ASSERT_EQ(to_file.code, 0) << Describe(to_file);
  EXPECT_EQ(ReadFile(file), exported.out);
  EXPECT_EQ(json::parse(to_file.out)["bytes"], exported.out.size());
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  Ran again = On("copenhagen", {"dataset", "export", id, "-o", file});
  EXPECT_EQ(again.code, 4) << Describe(again);
  again = On("copenhagen", {"dataset", "export", id, "-o", file, "--force"});
  EXPECT_EQ(again.code, 0) << Describe(again);
  EXPECT_EQ(ReadFile(file), exported.out);
  std::vector<std::string> left;  // no temporary file stays behind
  for (const auto& e : std::filesystem::directory_iterator(mesh_->root())) {
    if (e.path().filename().string().rfind("exported.csv.", 0) == 0) left.push_back(e.path());
  }
  EXPECT_TRUE(left.empty()) << left.front();

  // The partner holds the record, not the body: export says to fetch it first.
  ASSERT_TRUE(WaitFor([&] { return DatasetsListed("c40").count(id) == 1; }))
      << mesh_->LogTail("c40");
  Ran not_here = On("c40", {"dataset", "export", id});
  EXPECT_NE(not_here.code, 0) << Describe(not_here);
  EXPECT_NE(not_here.err.find("citynet dataset fetch"), std::string::npos) << not_here.err;
  EXPECT_EQ(not_here.out, "");
}

TEST_F(CliEndToEnd, DatasetCheckShowsRolesAndTheFirstRowsAndSignsNothing) {
  const std::string csv = mesh_->root() + "/check-survey.csv";
  const std::string text = SurveyCsv(500);
  std::ofstream(csv) << text;
  const auto before = DatasetsListed("copenhagen");

  Ran check = On("copenhagen", {"dataset", "check", csv, "--rows", "3"});
  ASSERT_EQ(check.code, 0) << Describe(check) << mesh_->LogTail("copenhagen");
  for (const std::string& want :
       {std::string("COLUMN"), std::string("ROLE"), std::string("identifier"),
        std::string("quasi-identifier"), std::string("its name says"),
        std::string("The first 3 of"), std::string("Dropped 'cpr'")}) {
    EXPECT_NE(check.out.find(want), std::string::npos) << want << " in\n" << check.out;
  }
  EXPECT_NE(check.err.find("dry run: nothing was signed or sent"), std::string::npos)
      << check.err;
  // The preview is what would be published: no CPR number or e-mail address of the input.
  EXPECT_EQ(check.out.find("@example.dk"), std::string::npos) << check.out;
  EXPECT_EQ(check.out.find(text.substr(text.find('\n') + 1, 12)), std::string::npos);

  Ran as_json = On("copenhagen", {"dataset", "check", csv, "--json"});
  ASSERT_EQ(as_json.code, 0) << Describe(as_json);
  const json job = json::parse(as_json.out);
  EXPECT_EQ(job["state"], "checked");
  EXPECT_TRUE(job["check"]["passes"].get<bool>());
  EXPECT_EQ(job["check"]["privacy"]["column_roles"].size(), 7u);
  EXPECT_EQ(job["check"]["privacy"]["gate_version"], 2);

  // publish --dry-run checks the metadata too, and a table that cannot pass says why.
  Ran dry = On("copenhagen", {"dataset", "publish", csv, "--network", "c40", "--title",
                              "Dry run", "--description", "Too few rows for k", "--licence",
                              "CC-BY-4.0", "--k", "1000", "--dry-run"});
  EXPECT_EQ(dry.code, 4) << Describe(dry);
  EXPECT_NE(dry.err.find("would be refused"), std::string::npos) << dry.err;
  EXPECT_NE(dry.err.find("nothing was signed or sent"), std::string::npos) << dry.err;
  Ran bad_licence = On("copenhagen", {"dataset", "publish", csv, "--network", "c40", "--title",
                                      "Dry run", "--description", "d", "--licence", "Mine",
                                      "--dry-run"});
  EXPECT_EQ(bad_licence.code, 4) << Describe(bad_licence);
  EXPECT_NE(bad_licence.err.find("licence"), std::string::npos) << bad_licence.err;

  // A recognised quasi-identifier cannot be declared insensitive.
  Ran declared = On("copenhagen", {"dataset", "check", csv, "--insensitive", "district"});
  EXPECT_EQ(declared.code, 4) << Describe(declared);
  EXPECT_NE(declared.err.find("'district' cannot be declared insensitive"), std::string::npos)
      << declared.err;
  Ran gone = On("copenhagen", {"dataset", "check", csv, "--no-detect-quasi"});
  EXPECT_EQ(gone.code, 2) << Describe(gone);
  EXPECT_NE(gone.err.find("--insensitive"), std::string::npos) << gone.err;

  EXPECT_EQ(DatasetsListed("copenhagen"), before) << "a dry run signed a record";
}

TEST_F(CliEndToEnd, DatasetFetchedByAPartnerExportsTheSameBytes) {
  // Enough rows for a body of several chunks (about 256 KiB each).
  const std::string csv = mesh_->root() + "/large-survey.csv";
  std::ofstream(csv) << SurveyCsv(12000);
  Ran pub = On("copenhagen", {"dataset", "publish", csv, "--network", "c40", "--title",
                              "Commuter survey 2024, all districts", "--description",
                              "How 12000 citizens get to work", "--licence", "CC0-1.0", "--json"});
  ASSERT_EQ(pub.code, 0) << Describe(pub) << mesh_->LogTail("copenhagen");
  const json job = json::parse(pub.out);
  EXPECT_EQ(job["state"], "published");
  const std::string id = job["record"]["id"];
  Ran original = On("copenhagen", {"dataset", "export", id});
  ASSERT_EQ(original.code, 0) << Describe(original);

  ASSERT_TRUE(WaitFor([&] { return DatasetsListed("c40").count(id) == 1; }))
      << mesh_->LogTail("c40");
  Ran fetch = On("c40", {"dataset", "fetch", ShortId(id), "--wait"});
  ASSERT_EQ(fetch.code, 0) << Describe(fetch) << mesh_->LogTail("c40");
  EXPECT_NE(fetch.err.find("complete"), std::string::npos) << fetch.err;
  Ran shown = On("c40", {"dataset", "show", id, "--json"});
  ASSERT_EQ(shown.code, 0) << Describe(shown);
  const json body = json::parse(shown.out)["body"];
  EXPECT_EQ(body["state"], "complete");
  EXPECT_GE(body["chunks"].get<int>(), 2) << "the body should span several chunks";
  EXPECT_EQ(body["chunks_held"], body["chunks"]);

  const std::string file = mesh_->root() + "/fetched.csv";
  Ran copy = On("c40", {"dataset", "export", id, "--output", file});
  ASSERT_EQ(copy.code, 0) << Describe(copy);
  EXPECT_TRUE(ReadFile(file) == original.out) << "the partner's export differs from the author's";

  // Fetching again is harmless, and says the body is complete.
  Ran again = On("c40", {"dataset", "fetch", id, "--json"});
  ASSERT_EQ(again.code, 0) << Describe(again);
  EXPECT_EQ(json::parse(again.out)["state"], "complete");
}

TEST_F(CliEndToEnd, DatasetRefusedByTheGateLeavesNothing) {
  const std::string csv = mesh_->root() + "/small-survey.csv";
  std::ofstream(csv) << SurveyCsv(500);
  // k larger than the table: no generalisation can reach it.
  Ran pub = On("copenhagen", {"dataset", "publish", csv, "--network", "c40", "--title",
                              "Survey that cannot be anonymised", "--description", "Too few rows",
                              "--licence", "CC-BY-4.0", "--k", "1000"});
  EXPECT_EQ(pub.code, 4) << Describe(pub);
  EXPECT_EQ(pub.out, "");
  EXPECT_NE(pub.err.find("citynet: error: the privacy gate refused " + csv + ": "),
            std::string::npos)
      << pub.err;
  EXPECT_NE(pub.err.find("nothing was published"), std::string::npos) << pub.err;
  for (const auto& [id, title] : DatasetsListed("copenhagen")) {
    EXPECT_NE(title, "Survey that cannot be anonymised") << id;
  }
  // Metadata citynetd refuses (a licence that is no SPDX id) is refused at once, before the gate.
  Ran bad = On("copenhagen", {"dataset", "publish", csv, "--network", "c40", "--title", "T",
                              "--description", "D", "--licence", "do what you like"});
  EXPECT_EQ(bad.code, 4) << Describe(bad);
  EXPECT_NE(bad.err.find("licence"), std::string::npos) << bad.err;
  // A network this node is not in.
  bad = On("copenhagen", {"dataset", "publish", csv, "--network", "eurocities", "--title", "T",
                          "--description", "D", "--licence", "CC-BY-4.0"});
  EXPECT_NE(bad.code, 0) << Describe(bad);
  // Standard input, empty here (the harness gives /dev/null): refused before the daemon.
  bad = On("copenhagen", {"dataset", "publish", "-", "--network", "c40", "--title", "T",
                          "--description", "D", "--licence", "CC-BY-4.0"});
  EXPECT_EQ(bad.code, 4) << Describe(bad);
  EXPECT_NE(bad.err.find("standard input is empty"), std::string::npos) << bad.err;
  Ran missing = On("copenhagen", {"dataset", "show", std::string(64, 'e')});
  EXPECT_EQ(missing.code, 3) << Describe(missing);
}

TEST_F(CliEndToEnd, ExitCodes) {
  Ran r = On("c40", {"case", "show", std::string(64, 'a')});
  EXPECT_EQ(r.code, 3) << Describe(r);
  EXPECT_EQ(r.err.rfind("citynet: error: ", 0), 0u) << r.err;
  EXPECT_EQ(r.out, "");

  r = On("c40", {"case", "show", "00000000"});
  EXPECT_EQ(r.code, 3) << Describe(r);
  r = On("c40", {"case", "show", "0000000"});  // too short to be a prefix
  EXPECT_EQ(r.code, 2) << Describe(r);

  r = On("c40", {"case", "list", "--bogus"});
  EXPECT_EQ(r.code, 2) << Describe(r);

  // Refused by the daemon: a network this node is not in.
  r = On("copenhagen", {"case", "publish", SeedCase("cph-cleantech-cluster.json")});
  EXPECT_EQ(r.code, 4) << Describe(r);

  // No daemon: through --control and through CITYNET_CONTROL.
  const std::string nowhere = "ipc://" + mesh_->root() + "/no-such.sock";
  r = RunCitynet({"node", "status", "--control", nowhere});
  EXPECT_EQ(r.code, 5) << Describe(r);
  EXPECT_NE(r.err.find("citynetd is not running"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("systemctl start citynetd"), std::string::npos) << r.err;
  r = RunCitynet({"case", "list", "--json"}, {"CITYNET_CONTROL=" + nowhere});
  EXPECT_EQ(r.code, 5) << Describe(r);
  EXPECT_EQ(r.out, "");
  r = RunCitynet({"case", "list"}, {"CITYNET_CONTROL=" + mesh_->ControlEndpoint("c40")});
  EXPECT_EQ(r.code, 0) << Describe(r);
}

}  // namespace
}  // namespace citynet::cli
