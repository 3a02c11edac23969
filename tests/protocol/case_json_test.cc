// Tests for protocol/case_json.h: the case files experts write and `citynet case publish`
// reads. The seed cases parse and survive a round trip; every mistake in a file is reported,
// with its field path, exactly once.

#include "protocol/case_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/types.h"
#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using ::citynet::testing::ReadFileOrDie;
using ::citynet::testing::SampleCase;
using ::citynet::testing::SeedCaseFiles;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

using FieldMessage = std::pair<std::string, std::string>;

// One top-level field of a case file: its key and raw JSON value, or no value to leave it out.
struct Change {
  std::string key;
  std::optional<std::string> value;
};
constexpr std::nullopt_t kRemove = std::nullopt;

// The fields of a valid case file, in the order the seed files use. Parsed, it is SampleCase().
const std::vector<std::pair<std::string, std::string>>& BaseFields() {
  static const auto* const fields = new std::vector<std::pair<std::string, std::string>>{
      {"slug", R"("cph-street-lab")"},
      {"title", R"("Street Lab: an urban laboratory for smart city solutions")"},
      {"language", R"("en")"},
      {"city", R"("Copenhagen")"},
      {"country", R"("DK")"},
      {"networks", R"(["c40", "eurocities"])"},
      {"sdgs", R"([9, 11, 17])"},
      {"sdg_targets", R"(["11.6", "11.b"])"},
      {"themes", R"(["smart-city", "living-labs"])"},
      {"period", R"({"from": "2016-04", "to": "2019"})"},
      {"summary",
       R"("Copenhagen Solutions Lab opened a district as a test bed for smart city sensors.")"},
      {"body",
       R"("Sensors for parking, waste and air quality were tested in real streets.\nSecond line.")"},
      {"outcomes", R"([
    {"metric": "private investment", "achieved": 15000000, "unit": "DKK"},
    {"metric": "solutions tested", "target": 20, "achieved": 24, "unit": "solutions"}
  ])"},
      {"partners", R"(["Copenhagen Solutions Lab", "Cisco"])"},
      {"links", R"([{"url": "https://www.kk.dk/streetlab", "title": "Street Lab"}])"},
      {"licence", R"("CC-BY-4.0")"},
  };
  return *fields;
}

// The valid case file with `changes` applied: a known key gets the new value in place (or is
// left out), an unknown key is added at the end. One field per line.
std::string CaseFile(const std::vector<Change>& changes = {}) {
  std::vector<std::pair<std::string, std::optional<std::string>>> fields;
  for (const auto& [key, value] : BaseFields()) fields.emplace_back(key, value);
  for (const Change& change : changes) {
    bool found = false;
    for (auto& field : fields) {
      if (field.first == change.key) {
        field.second = change.value;
        found = true;
      }
    }
    if (!found) fields.emplace_back(change.key, change.value);
  }
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : fields) {
    if (!value) continue;
    if (!first) out += ",\n";
    first = false;
    out += "  \"" + key + "\": " + *value;
  }
  out += "\n}\n";
  return out;
}

// The shape problems ParseCaseStudyJson finds (the JSON must be syntactically valid).
std::vector<FieldMessage> ShapeProblems(std::string_view json) {
  CaseStudy c;
  Problems problems;
  Status s = ParseCaseStudyJson(json, &c, &problems);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<FieldMessage> out;
  for (const Problem& p : problems) out.emplace_back(p.field, p.message);
  return out;
}

// The problems CaseStudyFromJson reports, one "field: message" string each, taken apart from
// its status message ("case file: f: m" for one, "case file has N problems:\n  - f: m..." for
// several). Empty when the file is accepted.
std::vector<std::string> ReportedProblems(std::string_view json) {
  Result<CaseStudy> result = CaseStudyFromJson(json);
  if (result.ok()) return {};
  const Status status = result.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  const std::string& message = status.message();
  std::vector<std::string> out;
  if (message.find('\n') == std::string::npos) {
    constexpr std::string_view kPrefix = "case file: ";
    EXPECT_THAT(message, StartsWith(std::string(kPrefix)));
    out.push_back(message.starts_with(kPrefix) ? message.substr(kPrefix.size()) : message);
    return out;
  }
  std::size_t start = message.find('\n') + 1;
  while (start <= message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    constexpr std::string_view kBullet = "  - ";
    EXPECT_THAT(line, StartsWith(std::string(kBullet)));
    out.push_back(line.starts_with(kBullet) ? line.substr(kBullet.size()) : line);
    start = end + 1;
  }
  return out;
}

std::string SeedFile(const std::string& name) {
  for (const std::string& path : SeedCaseFiles()) {
    if (std::filesystem::path(path).filename() == name) return path;
  }
  ADD_FAILURE() << "no seed case " << name;
  return {};
}

// ---------------------------------------------------------------------------------------------
// The seed cases.

// The twelve Copenhagen cases (one in Danish) and the Chinese and Spanish versions of the two
// bilateral cases, as Beijing and Buenos Aires publish them.
TEST(CaseJsonSeed, SeedCasesParseAndValidate) {
  std::vector<std::string> files = SeedCaseFiles();
  ASSERT_EQ(files.size(), 14u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    Result<CaseStudy> c = CaseStudyFromJson(ReadFileOrDie(path));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_THAT(ValidateCaseStudy(*c), IsEmpty());
    EXPECT_EQ(c->slug, std::filesystem::path(path).stem().string());
  }
}

TEST(CaseJsonSeed, ExactlyOneSeedCaseIsInDanish) {
  int danish = 0;
  for (const std::string& path : SeedCaseFiles()) {
    Result<CaseStudy> c = CaseStudyFromJson(ReadFileOrDie(path));
    ASSERT_TRUE(c.ok()) << path << ": " << c.status().ToString();
    if (c->language == "da") ++danish;
  }
  EXPECT_EQ(danish, 1);
}

TEST(CaseJsonSeed, DanishCleantechClusterFields) {
  Result<CaseStudy> c = CaseStudyFromJson(ReadFileOrDie(SeedFile("cph-cleantech-cluster.json")));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->slug, "cph-cleantech-cluster");
  EXPECT_EQ(c->language, "da");
  EXPECT_EQ(c->title, "Copenhagen Cleantech Cluster skabte job og vækst");
  EXPECT_EQ(c->city, "Copenhagen");
  EXPECT_EQ(c->country, "DK");
  EXPECT_EQ(c->networks, std::vector<std::string>{"eurocities"});
  EXPECT_EQ(c->sdgs, (std::vector<int>{7, 8, 9, 13}));
  EXPECT_EQ(c->period, (Period{"2009-09", "2014-12"}));
  EXPECT_THAT(c->summary, StartsWith("Fireårigt klyngeprojekt"));
  ASSERT_EQ(c->outcomes.size(), 5u);
  EXPECT_EQ(c->outcomes[0].metric, "new jobs");
  ASSERT_TRUE(c->outcomes[0].target.has_value());
  EXPECT_EQ(*c->outcomes[0].target, 1000);
  EXPECT_EQ(c->outcomes[0].achieved, 1089);
  EXPECT_EQ(c->outcomes[0].unit, "jobs");
  EXPECT_EQ(c->partners.size(), 9u);
  EXPECT_THAT(c->links, IsEmpty());
  EXPECT_EQ(c->licence, "");
}

// ---------------------------------------------------------------------------------------------
// Round trips.

TEST(CaseJsonRoundTrip, EverySeedCase) {
  for (const std::string& path : SeedCaseFiles()) {
    SCOPED_TRACE(path);
    Result<CaseStudy> c = CaseStudyFromJson(ReadFileOrDie(path));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    const std::string json = CaseStudyToJson(*c);
    Result<CaseStudy> again = CaseStudyFromJson(json);
    ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << json;
    EXPECT_TRUE(*again == *c) << json;
  }
}

TEST(CaseJsonRoundTrip, SampleCaseWithLinksTargetsAndLicence) {
  const CaseStudy c = SampleCase();
  ASSERT_FALSE(c.links.empty());
  ASSERT_FALSE(c.sdg_targets.empty());
  ASSERT_FALSE(c.licence.empty());
  const std::string json = CaseStudyToJson(c);
  EXPECT_THAT(json, HasSubstr("\"sdg_targets\""));
  EXPECT_THAT(json, HasSubstr("\"links\""));
  EXPECT_THAT(json, HasSubstr("\"licence\": \"CC-BY-4.0\""));
  Result<CaseStudy> again = CaseStudyFromJson(json);
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << json;
  EXPECT_TRUE(*again == c) << json;
}

TEST(CaseJsonRoundTrip, OpenPeriodMissingTargetAndEmptyLists) {
  CaseStudy c = SampleCase();
  c.period = Period{"", "2019-06-30"};
  c.outcomes = {Outcome{"tonnes of CO2 avoided", std::nullopt, 1234.5678, "tCO2e"},
                Outcome{"share of trips by bike", 0.5, 0.49, "%"}};
  c.themes = {};
  c.partners = {};
  c.sdg_targets = {};
  c.links = {Link{"https://www.kk.dk/streetlab", ""}};
  c.licence = "";
  c.title = "Københavns \"Street Lab\" — 北京";
  ASSERT_THAT(ValidateCaseStudy(c), IsEmpty());
  const std::string json = CaseStudyToJson(c);
  Result<CaseStudy> again = CaseStudyFromJson(json);
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << json;
  EXPECT_TRUE(*again == c) << json;
}

TEST(CaseJsonRoundTrip, PrettyPrintedWithTwoSpaceIndent) {
  const std::string json = CaseStudyToJson(SampleCase());
  EXPECT_THAT(json, StartsWith("{\n  \""));
  EXPECT_THAT(json, HasSubstr("\n  \"slug\": \"cph-street-lab\""));
  EXPECT_THAT(json, HasSubstr("\n    \"c40\""));
}

// Regression: export writes the keys in schema order, like the seed files.
TEST(CaseJsonRoundTrip, FieldsInSchemaOrder) {
  const std::string json = CaseStudyToJson(SampleCase());
  // Orders that hold both in protocol/schema/citynet.capnp and in the seed files. Top-level keys
  // only: they are the ones indented by two spaces.
  const auto key = [](const char* name) { return std::string("\n  \"") + name + "\":"; };
  const std::vector<std::string> in_order = {key("slug"), key("title"), key("summary"),
                                             key("body")};
  const std::vector<std::string> lists_in_order = {key("networks"), key("sdgs"), key("themes"),
                                                   key("outcomes"), key("partners")};
  for (const auto* keys : {&in_order, &lists_in_order}) {
    for (std::size_t i = 1; i < keys->size(); ++i) {
      EXPECT_LT(json.find((*keys)[i - 1]), json.find((*keys)[i]))
          << (*keys)[i - 1] << " should come before " << (*keys)[i] << " in\n"
          << json;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Accepted shapes.

TEST(CaseJsonParse, BaseFileIsTheSampleCase) {
  Result<CaseStudy> c = CaseStudyFromJson(CaseFile());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(*c == SampleCase()) << CaseStudyToJson(*c);
  EXPECT_THAT(ShapeProblems(CaseFile()), IsEmpty());
}

TEST(CaseJsonParse, OptionalFieldsMayBeLeftOut) {
  Result<CaseStudy> c = CaseStudyFromJson(CaseFile({{"sdg_targets", kRemove},
                                                    {"themes", kRemove},
                                                    {"period", kRemove},
                                                    {"outcomes", kRemove},
                                                    {"partners", kRemove},
                                                    {"links", kRemove},
                                                    {"licence", kRemove}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_THAT(c->sdg_targets, IsEmpty());
  EXPECT_THAT(c->themes, IsEmpty());
  EXPECT_EQ(c->period, Period{});
  EXPECT_THAT(c->outcomes, IsEmpty());
  EXPECT_THAT(c->partners, IsEmpty());
  EXPECT_THAT(c->links, IsEmpty());
  EXPECT_EQ(c->licence, "");
}

TEST(CaseJsonParse, LicenseIsAcceptedAsASpellingOfLicence) {
  Result<CaseStudy> c =
      CaseStudyFromJson(CaseFile({{"licence", kRemove}, {"license", R"("CC-BY-4.0")"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->licence, "CC-BY-4.0");
  EXPECT_TRUE(*c == SampleCase());
}

TEST(CaseJsonParse, LicenseSpellingIsStillChecked) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"licence", kRemove}, {"license", R"("cc by 4.0")"}})),
              ElementsAre(HasSubstr("licence 'cc by 4.0' is not an SPDX identifier: did you mean "
                                    "'CC-BY-4.0'?")));
  EXPECT_THAT(ShapeProblems(CaseFile({{"licence", kRemove}, {"license", "4"}})),
              ElementsAre(Pair("license", "license must be a string, not a whole number")));
}

TEST(CaseJsonParse, LinkMayBeAStringOrAnObject) {
  Result<CaseStudy> c = CaseStudyFromJson(CaseFile({{"links", R"(["https://a.example.org/x",
                     {"url": "https://b.example.org/y", "title": "B"},
                     {"url": "https://c.example.org"}])"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->links, (std::vector<Link>{{"https://a.example.org/x", ""},
                                         {"https://b.example.org/y", "B"},
                                         {"https://c.example.org", ""}}));
}

TEST(CaseJsonParse, NullOrMissingTargetMeansNoTarget) {
  Result<CaseStudy> c = CaseStudyFromJson(CaseFile({{"outcomes", R"([
    {"metric": "new jobs", "target": null, "achieved": 12, "unit": "jobs"},
    {"metric": "new firms", "achieved": 2.5, "unit": "firms"},
    {"metric": "trees", "target": 0, "achieved": -1, "unit": "trees"}])"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->outcomes.size(), 3u);
  EXPECT_EQ(c->outcomes[0], (Outcome{"new jobs", std::nullopt, 12, "jobs"}));
  EXPECT_EQ(c->outcomes[1], (Outcome{"new firms", std::nullopt, 2.5, "firms"}));
  EXPECT_EQ(c->outcomes[2], (Outcome{"trees", 0.0, -1, "trees"}));
}

TEST(CaseJsonParse, ParseFillsEveryFieldItCouldRead) {
  CaseStudy c;
  Problems problems;
  Status s = ParseCaseStudyJson(CaseFile({{"title", "7"}}), &c, &problems);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_EQ(c.title, "");
  EXPECT_EQ(c.slug, "cph-street-lab");
  EXPECT_EQ(c.sdgs, (std::vector<int>{9, 11, 17}));
  EXPECT_EQ(c.outcomes.size(), 2u);
  EXPECT_EQ(c.licence, "CC-BY-4.0");
}

// ---------------------------------------------------------------------------------------------
// Files that are not a JSON object.

TEST(CaseJsonErrors, MalformedJsonGivesLineAndColumn) {
  const std::string text =
      "{\n  \"slug\": \"cph-street-lab\",\n  \"title\": ,\n  \"city\": \"x\"\n}\n";
  Result<CaseStudy> c = CaseStudyFromJson(text);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), StartsWith("the case file is not valid JSON"));
  EXPECT_THAT(c.status().message(), HasSubstr("line 3"));
  EXPECT_THAT(c.status().message(), HasSubstr("column"));
  EXPECT_THAT(c.status().message(), Not(HasSubstr("json.exception")));

  CaseStudy out;
  Problems problems;
  Status s = ParseCaseStudyJson(text, &out, &problems);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("line 3"));
}

TEST(CaseJsonErrors, MissingCommaIsReportedOnItsLine) {
  std::string text = CaseFile();
  // Drop the comma after the "city" line (line 5).
  const std::string city = "\"city\": \"Copenhagen\",";
  ASSERT_NE(text.find(city), std::string::npos);
  text.replace(text.find(city), city.size(), "\"city\": \"Copenhagen\"");
  Result<CaseStudy> c = CaseStudyFromJson(text);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("line 6"));
  EXPECT_THAT(c.status().message(), HasSubstr("column"));
}

TEST(CaseJsonErrors, EmptyAndTruncatedFiles) {
  std::string truncated = CaseFile();
  truncated.resize(truncated.size() / 2);
  for (const std::string& text : {std::string(), std::string("{"), truncated}) {
    SCOPED_TRACE(text);
    Result<CaseStudy> c = CaseStudyFromJson(text);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(c.status().message(), StartsWith("the case file is not valid JSON"));
    EXPECT_THAT(c.status().message(), HasSubstr("line"));
    EXPECT_THAT(c.status().message(), HasSubstr("column"));
  }
}

// Regression: nlohmann reports 1e400 as out_of_range, not parse_error; it must not escape.
TEST(CaseJsonErrors, NumberTooLargeIsAnErrorNotAnException) {
  Result<CaseStudy> c = InvalidArgument("not parsed");
  EXPECT_NO_THROW(c = CaseStudyFromJson(CaseFile({{"outcomes", R"([
    {"metric": "new jobs", "achieved": 1e400, "unit": "jobs"}])"}})));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("line"));
}

TEST(CaseJsonErrors, TopLevelMustBeAnObject) {
  for (const std::string& text : {"[" + CaseFile() + "]", std::string("\"cph-street-lab\""),
                                  std::string("null"), std::string("42")}) {
    SCOPED_TRACE(text);
    Result<CaseStudy> c = CaseStudyFromJson(text);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(c.status().message(), "the case file must hold one JSON object, { ... }");
  }
}

// ---------------------------------------------------------------------------------------------
// Unknown fields.

TEST(CaseJsonErrors, UnknownFieldSdgSuggestsSdgs) {
  EXPECT_THAT(ShapeProblems(CaseFile({{"sdg", "[11]"}})),
              ElementsAre(Pair("sdg", "unknown field 'sdg': did you mean 'sdgs'?")));
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdg", "[11]"}})),
              ElementsAre("sdg: unknown field 'sdg': did you mean 'sdgs'?"));
}

TEST(CaseJsonErrors, SdgInsteadOfSdgsAlsoMissesSdgs) {
  const std::string file =
      CaseFile({{"sdgs", kRemove}, {"sdg_targets", kRemove}, {"sdg", "[9, 11, 17]"}});
  EXPECT_THAT(ReportedProblems(file),
              UnorderedElementsAre("sdg: unknown field 'sdg': did you mean 'sdgs'?",
                                   "sdgs: sdgs is missing: name the UN goals (1-17) the case "
                                   "contributes to"));
}

TEST(CaseJsonErrors, UnknownFieldsAnywhere) {
  EXPECT_THAT(ShapeProblems(CaseFile({{"colour", R"("green")"}})),
              ElementsAre(Pair("colour", "unknown field 'colour'")));
  EXPECT_THAT(ShapeProblems(CaseFile({{"licence", kRemove}, {"licnce", R"("CC-BY-4.0")"}})),
              ElementsAre(Pair("licnce", "unknown field 'licnce': did you mean 'licence'?")));
  EXPECT_THAT(ShapeProblems(CaseFile({{"period", R"({"form": "2016", "to": "2019"})"}})),
              ElementsAre(Pair("period.form", "unknown field 'form': did you mean 'from'?")));
  EXPECT_THAT(ShapeProblems(CaseFile({{"links", R"([{"url": "https://a.example.org",
                                                     "titel": "A"}])"}})),
              ElementsAre(Pair("links[0].titel", "unknown field 'titel': did you mean 'title'?")));
  EXPECT_THAT(
      ShapeProblems(CaseFile({{"outcomes", R"([{"metric": "jobs", "achieved": 3, "unit": "jobs",
                                                "targt": 4}])"}})),
      ElementsAre(Pair("outcomes[0].targt", "unknown field 'targt': did you mean 'target'?")));
}

TEST(CaseJsonErrors, MisspelledOutcomeFieldIsAlsoMissing) {
  const std::string file =
      CaseFile({{"outcomes", R"([{"metrc": "jobs", "achieved": 3, "unit": "jobs"}])"}});
  EXPECT_THAT(ShapeProblems(file), ElementsAre(Pair("outcomes[0].metrc",
                                                    "unknown field 'metrc': did you mean "
                                                    "'metric'?"),
                                               Pair("outcomes[0].metric", "metric is missing")));
  // The missing metric is not reported a second time as an empty metric.
  EXPECT_THAT(ReportedProblems(file),
              UnorderedElementsAre("outcomes[0].metrc: unknown field 'metrc': did you mean "
                                   "'metric'?",
                                   "outcomes[0].metric: metric is missing"));
}

// ---------------------------------------------------------------------------------------------
// Wrong types.

struct WrongType {
  std::vector<Change> changes;
  std::string field;
  std::string message;
};

TEST(CaseJsonErrors, WrongTypesAreReportedWithTheirFieldPathsOnce) {
  const std::vector<WrongType> cases = {
      {{{"sdgs", R"("11")"}, {"sdg_targets", kRemove}},
       "sdgs",
       "sdgs must be a list of goal numbers, not a string"},
      {{{"sdgs", R"([9, "11"])"}, {"sdg_targets", kRemove}},
       "sdgs[1]",
       "sdgs[1] must be a goal number 1-17, not a string"},
      {{{"sdgs", R"([9, 11.5])"}, {"sdg_targets", kRemove}},
       "sdgs[1]",
       "sdgs[1] must be a goal number 1-17, not a number"},
      {{{"outcomes", R"([{"metric": "jobs", "achieved": 3, "unit": "jobs"},
                         {"metric": "firms", "achieved": "many", "unit": "firms"}])"}},
       "outcomes[1].achieved",
       "outcomes[1].achieved must be a number, not a string"},
      {{{"outcomes", R"([{"metric": "jobs", "target": "lots", "achieved": 3, "unit": "j"}])"}},
       "outcomes[0].target",
       "outcomes[0].target must be a number, not a string"},
      {{{"outcomes", R"([{"metric": 5, "achieved": 3, "unit": "jobs"}])"}},
       "outcomes[0].metric",
       "outcomes[0].metric must be a string, not a whole number"},
      {{{"outcomes", R"([{"metric": "jobs", "achieved": 3, "unit": ["jobs"]}])"}},
       "outcomes[0].unit",
       "outcomes[0].unit must be a string, not a list"},
      {{{"outcomes", R"({"metric": "jobs"})"}},
       "outcomes",
       "outcomes must be a list, not an object"},
      {{{"outcomes", R"([5])"}},
       "outcomes[0]",
       "outcomes[0] must be an object with metric, achieved and unit"},
      {{{"title", "7"}}, "title", "title must be a string, not a whole number"},
      {{{"city", "null"}}, "city", "city must be a string, not null"},
      {{{"country", "true"}}, "country", "country must be a string, not true/false"},
      {{{"summary", "1.5"}}, "summary", "summary must be a string, not a number"},
      {{{"language", R"({"code": "en"})"}}, "language", "language must be a string, not an object"},
      {{{"networks", R"("c40")"}}, "networks", "networks must be a list of strings, not a string"},
      {{{"networks", R"(["c40", 40])"}},
       "networks[1]",
       "networks[1] must be a string, not a whole number"},
      {{{"themes", "{}"}}, "themes", "themes must be a list of strings, not an object"},
      {{{"partners", R"([["Cisco"]])"}}, "partners[0]", "partners[0] must be a string, not a list"},
      {{{"period", R"("2016-2019")"}},
       "period",
       R"(period must be an object such as {"from": "2019", "to": "2021"}, not a string)"},
      {{{"period", R"({"from": 2016, "to": "2019"})"}},
       "period.from",
       "period.from must be a string, not a whole number"},
      {{{"links", R"("https://www.kk.dk/streetlab")"}},
       "links",
       "links must be a list, not a string"},
      {{{"links", R"([{"url": 5}])"}},
       "links[0].url",
       "links[0].url must be a string, not a whole number"},
      {{{"licence", "4"}}, "licence", "licence must be a string, not a whole number"},
  };
  for (const WrongType& w : cases) {
    const std::string file = CaseFile(w.changes);
    SCOPED_TRACE(file);
    EXPECT_THAT(ShapeProblems(file), ElementsAre(Pair(w.field, w.message)));
    EXPECT_THAT(ReportedProblems(file), ElementsAre(w.field + ": " + w.message));
  }
}

TEST(CaseJsonErrors, SdgsAsAStringIsNotAlsoReportedAsEmpty) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", R"("11")"}, {"sdg_targets", kRemove}})),
              ElementsAre("sdgs: sdgs must be a list of goal numbers, not a string"));
}

TEST(CaseJsonErrors, SdgNumbersOutOfRange) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", "[9, 11, 17, 18]"}})),
              ElementsAre("sdgs[3]: sdg 18 is not one of the 17 UN goals"));
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", "[9, 11, 17, 5000]"}})),
              ElementsAre("sdgs[3]: sdg 5000 is not one of the 17 UN goals"));
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", "[0, 9, 11, 17]"}})),
              ElementsAre("sdgs[0]: sdg 0 is not one of the 17 UN goals"));
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", "[9, 11, 17, -3000000000]"}})),
              ElementsAre("sdgs[3]: sdg -3000000000 is not one of the 17 UN goals"));
}

// Regression: a number beyond int64_t is quoted as written, not wrapped to -1.
TEST(CaseJsonErrors, HugeSdgNumberIsQuotedAsWritten) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", "[9, 11, 17, 18446744073709551615]"}})),
              ElementsAre("sdgs[3]: sdg 18446744073709551615 is not one of the 17 UN goals"));
}

// ---------------------------------------------------------------------------------------------
// Missing fields.

TEST(CaseJsonErrors, EmptyObjectReportsEveryMissingRequiredField) {
  EXPECT_THAT(
      ShapeProblems("{}"),
      ElementsAre(Pair("slug", "slug is missing"), Pair("title", "title is missing"),
                  Pair("language", "language is missing"), Pair("city", "city is missing"),
                  Pair("country", "country is missing"), Pair("summary", "summary is missing"),
                  Pair("body", "body is missing"),
                  Pair("networks", "networks is missing: name the networks to share the case in"),
                  Pair("sdgs",
                       "sdgs is missing: name the UN goals (1-17) the case contributes "
                       "to")));
  // Each once: the rules for empty values do not report them again.
  EXPECT_THAT(
      ReportedProblems("{}"),
      UnorderedElementsAre(
          "slug: slug is missing", "title: title is missing", "language: language is missing",
          "city: city is missing", "country: country is missing", "summary: summary is missing",
          "body: body is missing",
          "networks: networks is missing: name the networks to share the case in",
          "sdgs: sdgs is missing: name the UN goals (1-17) the case contributes to"));
  Result<CaseStudy> c = CaseStudyFromJson("{}");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), StartsWith("case file has 9 problems"));
}

TEST(CaseJsonErrors, EachRequiredFieldMissingAlone) {
  const std::vector<std::pair<std::string, std::string>> required = {
      {"slug", "slug is missing"},
      {"title", "title is missing"},
      {"language", "language is missing"},
      {"city", "city is missing"},
      {"country", "country is missing"},
      {"summary", "summary is missing"},
      {"body", "body is missing"},
      {"networks", "networks is missing: name the networks to share the case in"},
      {"sdgs", "sdgs is missing: name the UN goals (1-17) the case contributes to"},
  };
  for (const auto& [key, message] : required) {
    SCOPED_TRACE(key);
    std::vector<Change> changes = {{key, kRemove}};
    if (key == "sdgs") changes.push_back({"sdg_targets", kRemove});
    EXPECT_THAT(ReportedProblems(CaseFile(changes)), ElementsAre(key + ": " + message));
  }
}

TEST(CaseJsonErrors, OutcomeMissingEveryField) {
  const std::string file = CaseFile({{"outcomes", "[{}]"}});
  EXPECT_THAT(ShapeProblems(file), ElementsAre(Pair("outcomes[0].metric", "metric is missing"),
                                               Pair("outcomes[0].achieved",
                                                    "achieved is missing: give the measured "
                                                    "value"),
                                               Pair("outcomes[0].unit", "unit is missing")));
  EXPECT_THAT(ReportedProblems(file),
              UnorderedElementsAre("outcomes[0].metric: metric is missing",
                                   "outcomes[0].achieved: achieved is missing: give the measured "
                                   "value",
                                   "outcomes[0].unit: unit is missing"));
}

// ---------------------------------------------------------------------------------------------
// Shape and rule problems together, as `citynet case publish` shows them.

TEST(CaseJsonErrors, FiveProblemsOfMixedKindsAreEachReportedOnce) {
  const std::string file = CaseFile({
      {"title", "7"},                                                                 // type
      {"language", R"("dk")"},                                                        // rule
      {"sdgs", "[9, 11, 17, 18]"},                                                    // rule
      {"outcomes", R"([{"metric": "jobs", "achieved": 3, "unit": "jobs"},
                       {"metric": "firms", "achieved": "many", "unit": "firms"}])"},  // type
      {"links", R"(["www.kk.dk/streetlab"])"},                                        // rule
  });
  EXPECT_THAT(
      ReportedProblems(file),
      UnorderedElementsAre(
          "title: title must be a string, not a whole number",
          "language: language 'dk' is not a BCP 47 tag: did you mean 'da'?",
          "sdgs[3]: sdg 18 is not one of the 17 UN goals",
          "outcomes[1].achieved: outcomes[1].achieved must be a number, not a string",
          "links[0].url: link 'www.kk.dk/streetlab' must start with https:// or http://: did you "
          "mean 'https://www.kk.dk/streetlab'?"));
  Result<CaseStudy> c = CaseStudyFromJson(file);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("has 5 problems"));
}

TEST(CaseJsonErrors, UnknownMissingTypeAndRuleProblemsTogether) {
  const std::string file = CaseFile({
      {"colour", R"("green")"},                         // unknown
      {"city", kRemove},                                // missing
      {"networks", R"("c40")"},                         // type
      {"country", R"("DNK")"},                          // rule
      {"period", R"({"from": "2020", "to": "2019"})"},  // rule
  });
  EXPECT_THAT(ReportedProblems(file),
              UnorderedElementsAre(
                  "colour: unknown field 'colour'", "city: city is missing",
                  "networks: networks must be a list of strings, not a string",
                  "country: country 'DNK' is not an ISO 3166-1 alpha-2 code: did you mean 'DK'?",
                  "period: period runs backwards: from '2020' is after to '2019'"));
}

// ---------------------------------------------------------------------------------------------
// Lists with an entry of the wrong type: the other entries keep their own index.

// Regression: an entry of the wrong type keeps its place, so later entries keep their index.
TEST(CaseJsonErrors, SdgAfterAnEntryOfTheWrongTypeKeepsItsIndex) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"sdgs", R"(["nine", 18])"}, {"sdg_targets", kRemove}})),
              UnorderedElementsAre("sdgs[0]: sdgs[0] must be a goal number 1-17, not a string",
                                   "sdgs[1]: sdg 18 is not one of the 17 UN goals"));
  EXPECT_THAT(
      ReportedProblems(CaseFile({{"sdgs", R"(["nine", 11, 18])"}, {"sdg_targets", kRemove}})),
      UnorderedElementsAre("sdgs[0]: sdgs[0] must be a goal number 1-17, not a string",
                           "sdgs[2]: sdg 18 is not one of the 17 UN goals"));
}

// Regression: the same for lists of strings.
TEST(CaseJsonErrors, NetworkAfterAnEntryOfTheWrongTypeKeepsItsIndex) {
  EXPECT_THAT(ReportedProblems(CaseFile({{"networks", R"([40, "Euro Cities"])"}})),
              UnorderedElementsAre("networks[0]: networks[0] must be a string, not a whole number",
                                   "networks[1]: network 'Euro Cities' may only use a-z, 0-9 and "
                                   "'-': try 'euro-cities'"));
}

// Regression: the same for outcomes.
TEST(CaseJsonErrors, OutcomeAfterAnEntryOfTheWrongTypeKeepsItsIndex) {
  EXPECT_THAT(
      ReportedProblems(CaseFile({{"outcomes", R"([5,
          {"metric": "", "achieved": 1, "unit": "jobs"}])"}})),
      UnorderedElementsAre("outcomes[0]: outcomes[0] must be an object with metric, achieved and "
                           "unit",
                           "outcomes[1].metric: metric is empty: say what was measured, e.g. "
                           "'new jobs'"));
}

// Regression: a link of the wrong type is reported once, not again as an empty url.
TEST(CaseJsonErrors, LinkOfTheWrongTypeIsReportedOnce) {
  EXPECT_THAT(
      ReportedProblems(CaseFile({{"links", "[42]"}})),
      ElementsAre(R"(links[0]: links[0] must be a URL string or {"url": ..., "title": ...})"));
}

}  // namespace
}  // namespace citynet::protocol
