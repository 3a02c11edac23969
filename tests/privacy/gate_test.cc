// The privacy gate as a city relies on it (issue 6): what leaves the node holds no direct
// identifier of the input, is k-anonymous (and l-diverse) over the quasi-identifiers it reports,
// is cut into chunks of whole rows that match their refs, and a receiver's BodyChecker accepts
// exactly such bodies.
//
// Everything the tests conclude about a body they count with their own code (a quote-aware CSV
// split, a std::map of quasi-identifier combinations, a substring index): never with csv.h,
// anonymise.h or the gate, which are what is under test. The survey comes from
// tests/data/make_citizens.py, run at test time; it is generated and published once per process.

#include "node/privacy/gate.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "protocol/status.h"
#include "protocol/types.h"
#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::privacy {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

constexpr std::size_t kSurveyRows = 20000;
constexpr int kSurveySeed = 6;
constexpr std::size_t kSmallChunk = 8 * 1024;

// ---------------------------------------------------------------------------------------------
// The tests' own CSV reading and writing (RFC 4180, ',' and LF or CRLF).

struct OwnCsv {
  std::vector<std::vector<std::string>> records;  // unescaped fields
  bool open_quote = false;                        // the text ended inside a quoted field
  bool unterminated = false;                      // the last record had no line end
  bool stray_text = false;                        // text after a closing quote
};

OwnCsv SplitCsv(std::string_view text) {
  OwnCsv out;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool after_quote = false;
  bool pending = false;  // something of a record has been read since the last line end
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        in_quotes = false;
        after_quote = true;
      }
      continue;
    }
    if (c == '"' && field.empty() && !after_quote) {
      in_quotes = true;
      pending = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      after_quote = false;
      pending = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the LF ends the record.
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      out.records.push_back(std::move(record));
      record.clear();
      after_quote = false;
      pending = false;
    } else {
      if (after_quote) out.stray_text = true;
      field += c;
      pending = true;
    }
  }
  out.open_quote = in_quotes;
  if (pending) {
    record.push_back(std::move(field));
    out.records.push_back(std::move(record));
    out.unterminated = true;
  }
  return out;
}

void AppendField(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string JoinCsv(const std::vector<std::vector<std::string>>& records) {
  std::string out;
  for (const auto& record : records) {
    for (std::size_t i = 0; i < record.size(); ++i) {
      if (i > 0) out += ',';
      AppendField(out, record[i]);
    }
    out += '\n';
  }
  return out;
}

std::size_t ColumnIndex(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? SIZE_MAX : static_cast<std::size_t>(it - header.begin());
}

std::string Concatenated(const std::vector<std::string>& chunks) {
  std::string all;
  for (const std::string& c : chunks) all += c;
  return all;
}

std::vector<std::string> ColumnNames(const std::vector<protocol::Column>& columns) {
  std::vector<std::string> names;
  for (const protocol::Column& c : columns) names.push_back(c.name);
  return names;
}

std::vector<std::string> ActionColumns(const std::vector<protocol::ColumnAction>& actions) {
  std::vector<std::string> names;
  for (const protocol::ColumnAction& a : actions) names.push_back(a.column);
  return names;
}

// ---------------------------------------------------------------------------------------------
// The tests' own group counter: rows per combination of the quasi-identifiers' published values,
// and the distinct values of one sensitive column in each.

struct Groups {
  std::map<std::string, uint64_t> rows;
  std::map<std::string, std::set<std::string>> sensitive_values;
  uint64_t data_rows = 0;
  std::string problem;  // non-empty when the body could not be counted

  uint64_t Smallest() const {
    uint64_t smallest = UINT64_MAX;
    for (const auto& [combination, n] : rows) smallest = std::min(smallest, n);
    return smallest;
  }
  std::size_t FewestSensitive() const {
    std::size_t fewest = SIZE_MAX;
    for (const auto& [combination, values] : sensitive_values) {
      fewest = std::min(fewest, values.size());
    }
    return fewest;
  }
};

Groups CountGroups(std::string_view csv, const std::vector<std::string>& quasi,
                   const std::string& sensitive = "") {
  Groups g;
  const OwnCsv table = SplitCsv(csv);
  if (table.records.empty() || table.open_quote || table.stray_text) {
    g.problem = "the body is not CSV";
    return g;
  }
  const std::vector<std::string>& header = table.records[0];
  std::vector<std::size_t> index;
  for (const std::string& q : quasi) {
    index.push_back(ColumnIndex(header, q));
    if (index.back() == SIZE_MAX) g.problem = "quasi-identifier '" + q + "' is not in the header";
  }
  const std::size_t s = sensitive.empty() ? SIZE_MAX : ColumnIndex(header, sensitive);
  if (!sensitive.empty() && s == SIZE_MAX) g.problem = "'" + sensitive + "' is not in the header";
  if (!g.problem.empty()) return g;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const std::vector<std::string>& record = table.records[r];
    if (record.size() != header.size()) {
      g.problem = "record " + std::to_string(r) + " has " + std::to_string(record.size()) +
                  " fields, the header " + std::to_string(header.size());
      return g;
    }
    std::string combination;
    for (std::size_t i : index) {
      combination += record[i];
      combination += '\x1f';
    }
    ++g.rows[combination];
    if (s != SIZE_MAX) g.sensitive_values[combination].insert(record[s]);
    ++g.data_rows;
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// The tests' own substring search: which of many needles occur in a text, in one pass, through
// an index of the needles' first bytes.

constexpr std::size_t kNeedleKey = 6;

std::set<std::string> Occurring(std::string_view text, const std::set<std::string>& needles) {
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_key;
  for (const std::string& n : needles) {
    EXPECT_GE(n.size(), kNeedleKey) << "needle too short for the index: '" << n << "'";
    by_key[std::string_view(n).substr(0, kNeedleKey)].push_back(n);
  }
  std::set<std::string> found;
  for (std::size_t i = 0; i + kNeedleKey <= text.size(); ++i) {
    const auto it = by_key.find(text.substr(i, kNeedleKey));
    if (it == by_key.end()) continue;
    for (std::string_view n : it->second) {
      if (text.compare(i, n.size(), n) == 0) found.insert(std::string(n));
    }
  }
  return found;
}

std::string Without(std::string_view s, char c) {
  std::string out;
  for (char x : s) {
    if (x != c) out += x;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inputs.

// The survey of tests/data/make_citizens.py, generated once per process.
const std::string& Survey() {
  static const std::string survey = testing::DataScriptOutput(
      "make_citizens.py", std::to_string(kSurveyRows) + " " + std::to_string(kSurveySeed));
  return survey;
}

// make_citizens.py with extra arguments (--lang, --birth-dates, --comments), once per process
// per argument list.
const std::string& SurveyWith(const std::string& arguments, std::size_t rows = kSurveyRows) {
  static std::map<std::string, std::string> cache;
  const std::string key = arguments + " " + std::to_string(rows);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  std::string text = testing::DataScriptOutput(
      "make_citizens.py",
      std::to_string(rows) + " " + std::to_string(kSurveySeed) + " " + arguments);
  return cache.emplace(key, std::move(text)).first->second;
}

const Gate& TheGate() {
  static const Gate gate;
  return gate;
}

GateOptions Options(uint32_t k, std::size_t chunk_bytes = kDefaultChunkBytes) {
  GateOptions o;
  o.k = k;
  o.chunk_bytes = chunk_bytes;
  return o;
}

// The gate's output for the survey under `options`, published once per process per `key`.
const Result<GateOutput>& PublishedSurvey(const std::string& key, const GateOptions& options) {
  static std::map<std::string, Result<GateOutput>> cache;
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, TheGate().Publish(Survey(), options)).first;
  }
  return it->second;
}

// The survey's columns that no rule recognises; declared insensitive where a test is not about
// them, as a city would after a dry run (each unrecognised quasi-identifier makes the
// anonymisation's search larger and the tests slower).
const std::vector<std::string> kSurveyUnrecognised = {"commute_mode", "commute_minutes",
                                                      "heating_kwh_year", "sorts_waste"};

GateOptions SurveyOptions(uint32_t k, std::size_t chunk_bytes = kDefaultChunkBytes) {
  GateOptions o = Options(k, chunk_bytes);
  o.insensitive_columns = kSurveyUnrecognised;
  return o;
}

// k = 5 with 8 KiB chunks: what most tests look at.
const Result<GateOutput>& SurveyK5() {
  return PublishedSurvey("k5", SurveyOptions(5, kSmallChunk));
}

// k = 5 and nothing declared: privacy by default (5,000 rows: nine quasi-identifiers make the
// anonymisation's search the longest of these tests).
const Result<GateOutput>& SurveyK5ByDefault() {
  static const Result<GateOutput> out =
      TheGate().Publish(SurveyWith("--lang en", 5000), Options(5));
  return out;
}

#define ASSERT_SURVEY_OK(result)                                        \
  ASSERT_EQ(Survey().empty(), false) << "make_citizens.py did not run"; \
  ASSERT_TRUE((result).ok()) << (result).status().ToString()

// A table of age, gender, district and one text column, k-anonymous for k = 5 as it stands when
// `rows` is a multiple of 40: 8 combinations of equal size.
std::string SmallTable(const std::string& text_column,
                       const std::function<std::string(std::size_t)>& text,
                       std::size_t rows = 200) {
  static const char* const kDistricts[] = {"Valby", "Nørrebro"};
  std::vector<std::vector<std::string>> records{{"age", "gender", "district", text_column}};
  for (std::size_t i = 0; i < rows; ++i) {
    records.push_back(
        {i % 2 == 0 ? "34" : "47", (i / 2) % 2 == 0 ? "F" : "M", kDistricts[(i / 4) % 2], text(i)});
  }
  return JoinCsv(records);
}

std::string PlainComment(std::size_t i) {
  static const char* const kComments[] = {"cykelstien er for smal", "mere grønt i gaden",
                                          "bussen kommer for sent"};
  return kComments[i % 3];
}

// A record for the BodyChecker: the gate's parts of it, and plausible metadata.
protocol::Dataset DatasetOf(const GateOutput& out) {
  protocol::Dataset d;
  d.language = "da";
  d.title = "Borgerpanel: transport og affald 2025";
  d.description = "Anonymised answers of the citizen panel on commuting, heating and waste.";
  d.publisher = "City of Copenhagen";
  d.themes = {"mobility"};
  d.temporal_coverage = protocol::Period{"2025-01", "2025-06"};
  d.spatial_coverage = "Copenhagen";
  d.country = "DK";
  d.licence = "CC-BY-4.0";
  d.columns = out.columns;
  d.privacy = out.report;
  d.body = out.body;
  d.networks = {"eurocities"};
  return d;
}

// Points the record at `chunks` (hashes, sizes, total), leaving the row count as it was.
void SetChunks(protocol::Dataset& d, const std::vector<std::string>& chunks) {
  d.body.chunks.clear();
  d.body.total_size = 0;
  for (const std::string& c : chunks) {
    protocol::ChunkRef ref;
    ref.hash = protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(c));
    ref.size = static_cast<uint32_t>(c.size());
    d.body.chunks.push_back(ref);
    d.body.total_size += c.size();
  }
}

// Every chunk in order through a fresh checker; the first refusal, else Finish.
Status CheckBody(const protocol::Dataset& d, const std::vector<std::string>& chunks) {
  BodyChecker checker(TheGate(), d);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    Status s = checker.CheckChunk(static_cast<uint32_t>(i), chunks[i]);
    if (!s.ok()) return s.WithContext("CheckChunk(" + std::to_string(i) + ")");
  }
  return checker.Finish();
}

// ---------------------------------------------------------------------------------------------
// Direct identifiers.

TEST(GateTest, PublishedBodyContainsNoCprEmailPhoneOrNameOfTheInput) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);

  const OwnCsv input = SplitCsv(Survey());
  ASSERT_EQ(input.records.size(), kSurveyRows + 1);
  const std::vector<std::string>& header = input.records[0];
  const std::size_t name = ColumnIndex(header, "name"), cpr = ColumnIndex(header, "cpr"),
                    email = ColumnIndex(header, "email"), phone = ColumnIndex(header, "phone");
  ASSERT_NE(name, SIZE_MAX);
  ASSERT_NE(cpr, SIZE_MAX);
  ASSERT_NE(email, SIZE_MAX);
  ASSERT_NE(phone, SIZE_MAX);

  std::set<std::string> as_written;  // each occurs in the input: proves the search finds them
  std::set<std::string> variants;    // CPR without the dash, phone without spaces
  for (std::size_t r = 1; r < input.records.size(); ++r) {
    const std::vector<std::string>& row = input.records[r];
    as_written.insert({row[name], row[cpr], row[email], row[phone]});
    variants.insert({Without(row[cpr], '-'), Without(row[phone], ' ')});
  }
  ASSERT_EQ(Occurring(Survey(), as_written).size(), as_written.size())
      << "the test's own search misses values that are in the input";

  std::set<std::string> all = as_written;
  all.insert(variants.begin(), variants.end());
  const std::string body = Concatenated(out->chunks);
  ASSERT_FALSE(body.empty());
  const std::set<std::string> leaked = Occurring(body, all);
  EXPECT_TRUE(leaked.empty()) << leaked.size()
                              << " identifiers of the input are in the body, e.g. '"
                              << *leaked.begin() << "'";
}

TEST(GateTest, IdentifierColumnsAreDroppedByNameAndQuasiIdentifiersDetected) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  const std::vector<std::string> identifiers{"name", "cpr", "email", "phone"};
  EXPECT_THAT(ActionColumns(out->report.dropped_columns), IsSupersetOf(identifiers));
  const std::vector<std::string> published = ColumnNames(out->columns);
  ASSERT_FALSE(out->chunks.empty());
  const OwnCsv first = SplitCsv(out->chunks[0]);
  ASSERT_FALSE(first.records.empty());
  for (const std::string& id : identifiers) {
    EXPECT_THAT(published, Not(Contains(id)));
    EXPECT_THAT(first.records[0], Not(Contains(id)));
  }
  EXPECT_THAT(out->report.quasi_identifiers,
              IsSupersetOf({"age", "gender", "postcode", "district"}));
  EXPECT_EQ(out->report.gate_version, kGateVersion);
}

TEST(GateTest, CprNumberEmailAndPhoneHiddenInACommentAreCaught) {
  const std::map<std::size_t, std::string> hidden{
      {7, "ring til mig, mit cpr er 010180-1234"},
      {50, "mit cpr er 0101801234 hvis I skal bruge det"},
      {93, "skriv til mig på mette.hansen@example.dk"},
      {141, "ring på +45 71 22 15 25 efter kl. 16"},
  };
  const std::string csv = SmallTable("comment", [&hidden](std::size_t i) {
    const auto it = hidden.find(i);
    return it == hidden.end() ? PlainComment(i) : it->second;
  });
  GateOptions options = Options(5);
  options.keep_text = {"comment"};
  const Result<GateOutput> out = TheGate().Publish(csv, options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();

  const std::string body = Concatenated(out->chunks);
  for (const char* leak : {"010180-1234", "0101801234", "mette.hansen@example.dk",
                           "+45 71 22 15 25", "+4571221525", "71 22 15 25", "71221525"}) {
    EXPECT_THAT(body, Not(HasSubstr(leak)));
  }
  EXPECT_THAT(ActionColumns(out->report.cleaned_columns), Contains("comment"));
  EXPECT_THAT(ActionColumns(out->report.dropped_columns), Not(Contains("comment")));
  // The comment column stays, and so do the rows: only the identifiers went.
  const OwnCsv published = SplitCsv(body);
  ASSERT_FALSE(published.records.empty());
  EXPECT_THAT(published.records[0], Contains("comment"));
  EXPECT_EQ(published.records.size(), 201u);
  EXPECT_THAT(body, HasSubstr("cykelstien er for smal"));
}

TEST(GateTest, InnocentlyNamedColumnOfCprNumbersIsDropped) {
  std::set<std::string> cprs;
  const std::string csv = SmallTable("notes", [&cprs](std::size_t i) {
    char cpr[16];
    std::snprintf(cpr, sizeof cpr, "%02zu%02zu%02zu-%04zu", 1 + i % 28, 1 + (i / 28) % 12,
                  40 + i % 50, 1000 + i);
    cprs.insert(cpr);
    return std::string(cpr);
  });
  const Result<GateOutput> out = TheGate().Publish(csv, Options(5));
  ASSERT_TRUE(out.ok()) << out.status().ToString();

  EXPECT_THAT(ActionColumns(out->report.dropped_columns), Contains("notes"));
  EXPECT_THAT(ColumnNames(out->columns), Not(Contains("notes")));
  std::set<std::string> variants = cprs;
  for (const std::string& c : cprs) variants.insert(Without(c, '-'));
  ASSERT_EQ(Occurring(csv, cprs).size(), cprs.size());
  EXPECT_THAT(Occurring(Concatenated(out->chunks), variants), ::testing::IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// k-anonymity and l-diversity, counted by the test.

void ExpectKAnonymous(const GateOutput& out, uint32_t k) {
  const protocol::PrivacyReport& report = out.report;
  ASSERT_THAT(report.quasi_identifiers, IsSupersetOf({"age", "gender", "postcode", "district"}));
  // The counter can fail: the input itself is far from k-anonymous over the same columns.
  const Groups raw = CountGroups(Survey(), report.quasi_identifiers);
  ASSERT_EQ(raw.problem, "");
  ASSERT_LT(raw.Smallest(), k);

  const Groups groups = CountGroups(Concatenated(out.chunks), report.quasi_identifiers);
  ASSERT_EQ(groups.problem, "");
  EXPECT_GE(groups.Smallest(), k);
  EXPECT_GT(groups.rows.size(), 1u) << "everything generalised into one group";
  EXPECT_EQ(groups.data_rows + report.rows_suppressed, kSurveyRows);
  EXPECT_EQ(report.rows_in, kSurveyRows);
  EXPECT_EQ(groups.data_rows, out.body.row_count);
  EXPECT_EQ(report.k_required, k);
  EXPECT_GE(report.k_reached, k);
  EXPECT_EQ(report.k_reached, groups.Smallest());
  EXPECT_LE(report.rows_suppressed, kSurveyRows * 5 / 100);
}

TEST(GateTest, EveryQuasiIdentifierCombinationOccursAtLeastKTimes) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  ExpectKAnonymous(*out, 5);
}

TEST(GateTest, EveryQuasiIdentifierCombinationOccursAtLeastKTimesForK10) {
  const Result<GateOutput>& out = PublishedSurvey("k10", SurveyOptions(10));
  ASSERT_SURVEY_OK(out);
  ExpectKAnonymous(*out, 10);
}

TEST(GateTest, LDiversityGivesEveryGroupTwoValuesOfTheSensitiveColumn) {
  GateOptions options = SurveyOptions(5);
  options.insensitive_columns.pop_back();  // sorts_waste
  options.l = 2;
  options.sensitive_columns = {"sorts_waste"};
  const Result<GateOutput>& out = PublishedSurvey("k5l2", options);
  ASSERT_SURVEY_OK(out);
  EXPECT_THAT(out->report.sensitive_columns, Contains("sorts_waste"));
  EXPECT_EQ(out->report.l_required, 2u);
  EXPECT_GE(out->report.l_reached, 2u);

  const Groups raw = CountGroups(Survey(), out->report.quasi_identifiers, "sorts_waste");
  ASSERT_EQ(raw.problem, "");
  ASSERT_LT(raw.FewestSensitive(), 2u) << "the counter could not have failed";
  const Groups groups =
      CountGroups(Concatenated(out->chunks), out->report.quasi_identifiers, "sorts_waste");
  ASSERT_EQ(groups.problem, "");
  EXPECT_GE(groups.FewestSensitive(), 2u);
  EXPECT_GE(groups.Smallest(), 5u);
}

TEST(GateTest, TableThatCannotReachKWithinTheSuppressionBoundIsRefused) {
  // Every row its own district, and the district may not be removed: no generalisation helps.
  const std::string csv = [] {
    std::vector<std::vector<std::string>> records{{"age", "district", "comment"}};
    for (std::size_t i = 0; i < 200; ++i) {
      records.push_back({"34", "område " + std::to_string(i), PlainComment(i)});
    }
    return JoinCsv(records);
  }();
  GateOptions options = Options(5);
  options.allow_removal = false;
  const Result<GateOutput> out = TheGate().Publish(csv, options);
  ASSERT_FALSE(out.ok()) << "published a table whose districts are unique";
  EXPECT_EQ(out.status().code(), StatusCode::kFailedPrecondition) << out.status().ToString();
  EXPECT_THAT(out.status().message(),
              ::testing::AnyOf(HasSubstr("k "), HasSubstr("k="), HasSubstr("k,"),
                               HasSubstr("suppress"), HasSubstr("removal")));

  // Fewer rows than k: nothing can make them k-anonymous.
  const Result<GateOutput> few =
      TheGate().Publish("age,gender,comment\n34,F,a\n47,M,b\n", Options(5));
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().code(), StatusCode::kFailedPrecondition) << few.status().ToString();
  EXPECT_THAT(few.status().message(),
              ::testing::AnyOf(HasSubstr("k "), HasSubstr("k="), HasSubstr("rows")));
}

TEST(GateTest, DeclaredColumnsThatDoNotExistAreNamed) {
  const std::string csv = SmallTable("comment", PlainComment);
  GateOptions quasi = Options(5);
  quasi.quasi_identifiers = {"postnummer"};
  const Result<GateOutput> a = TheGate().Publish(csv, quasi);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(a.status().message(), HasSubstr("postnummer"));

  GateOptions sensitive = Options(5);
  sensitive.l = 2;
  sensitive.sensitive_columns = {"indkomst"};
  const Result<GateOutput> b = TheGate().Publish(csv, sensitive);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(b.status().message(), HasSubstr("indkomst"));
}

TEST(GateTest, MalformedCsvIsRefusedWithTheLine) {
  const Result<GateOutput> out =
      TheGate().Publish("age,gender,district\n34,F,Valby\n47,\"M,Valby\n34,F,Valby\n", Options(5));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("line 3"));
}

// ---------------------------------------------------------------------------------------------
// Chunks.

// Every chunk ends a row and parses alone into whole rows of the header's width; they match
// their refs; chunk 0 starts with the header; together they are the body the record describes.
void ExpectWholeRowChunks(const GateOutput& out, std::size_t chunk_bytes) {
  ASSERT_EQ(out.chunks.size(), out.body.chunks.size());
  ASSERT_FALSE(out.chunks.empty());
  const std::vector<std::string> header = ColumnNames(out.columns);
  uint64_t total = 0, rows = 0;
  for (std::size_t i = 0; i < out.chunks.size(); ++i) {
    SCOPED_TRACE("chunk " + std::to_string(i));
    const std::string& chunk = out.chunks[i];
    ASSERT_FALSE(chunk.empty());
    EXPECT_EQ(chunk.back(), '\n');
    EXPECT_LE(chunk.size(), 2 * chunk_bytes);
    const OwnCsv part = SplitCsv(chunk);
    EXPECT_FALSE(part.open_quote) << "a quoted field is split at the chunk's end";
    EXPECT_FALSE(part.unterminated);
    EXPECT_FALSE(part.stray_text);
    for (const auto& record : part.records) ASSERT_EQ(record.size(), header.size());
    rows += part.records.size();
    if (i == 0) {
      ASSERT_FALSE(part.records.empty());
      EXPECT_EQ(part.records[0], header);
      --rows;
    }
    EXPECT_EQ(out.body.chunks[i].hash,
              protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(chunk)));
    EXPECT_EQ(out.body.chunks[i].size, chunk.size());
    total += chunk.size();
  }
  EXPECT_EQ(out.body.total_size, total);
  EXPECT_EQ(out.body.row_count, rows);
  EXPECT_EQ(out.body.media_type, "text/csv");

  const OwnCsv whole = SplitCsv(Concatenated(out.chunks));
  EXPECT_FALSE(whole.open_quote || whole.unterminated || whole.stray_text);
  ASSERT_FALSE(whole.records.empty());
  EXPECT_EQ(whole.records[0], header);
  EXPECT_EQ(whole.records.size() - 1, out.body.row_count);
}

TEST(GateTest, SmallChunksHoldWholeRowsAndMatchTheirRefs) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  ASSERT_GE(out->body.total_size, 20 * kSmallChunk) << "too small a body to test chunking";
  EXPECT_GE(out->chunks.size(), out->body.total_size / (2 * kSmallChunk));
  ExpectWholeRowChunks(*out, kSmallChunk);
}

TEST(GateTest, QuotedFieldWithANewlineIsNeverSplitAcrossChunks) {
  const std::string multi_line = "første linje, med komma\nanden linje med \"citat\"";
  const std::string csv = SmallTable(
      "comment", [&multi_line](std::size_t i) { return i % 3 == 0 ? multi_line : PlainComment(i); },
      4000);
  GateOptions options = Options(5, kSmallChunk);
  options.keep_text = {"comment"};
  const Result<GateOutput> out = TheGate().Publish(csv, options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_GE(out->chunks.size(), 5u);
  ExpectWholeRowChunks(*out, kSmallChunk);

  const OwnCsv whole = SplitCsv(Concatenated(out->chunks));
  ASSERT_FALSE(whole.records.empty());
  const std::size_t comment = ColumnIndex(whole.records[0], "comment");
  ASSERT_NE(comment, SIZE_MAX);
  std::size_t kept = 0;
  for (std::size_t r = 1; r < whole.records.size(); ++r) {
    if (whole.records[r][comment] == multi_line) ++kept;
  }
  EXPECT_EQ(kept, (4000 + 2) / 3) << "the multi-line comments did not come through as written";
}

// ---------------------------------------------------------------------------------------------
// Privacy by default (gate version 2): every column has a role.

const protocol::ColumnRoleEntry* RoleOf(const GateOutput& out, const std::string& column) {
  for (const protocol::ColumnRoleEntry& e : out.report.column_roles) {
    if (e.column == column) return &e;
  }
  return nullptr;
}

std::string Summary(const GateOutput& out) {
  std::string s;
  for (const std::string& line : out.summary) s += line + "\n";
  for (const std::string& line : out.advice) s += "advice: " + line + "\n";
  return s;
}

TEST(GateRolesTest, EveryColumnGetsARoleAndTheUnrecognisedOnesAreQuasiIdentifiers) {
  const Result<GateOutput>& out = SurveyK5ByDefault();
  ASSERT_SURVEY_OK(out);
  ASSERT_EQ(out->report.column_roles.size(), 13u);
  using protocol::ColumnRole;
  for (const char* id : {"name", "cpr", "email", "phone"}) {
    ASSERT_NE(RoleOf(*out, id), nullptr) << id;
    EXPECT_EQ(RoleOf(*out, id)->role, ColumnRole::kIdentifier) << id;
    EXPECT_FALSE(RoleOf(*out, id)->published) << id;
  }
  for (const char* quasi : {"age", "gender", "postcode", "district", "household_size"}) {
    ASSERT_NE(RoleOf(*out, quasi), nullptr) << quasi;
    EXPECT_EQ(RoleOf(*out, quasi)->role, ColumnRole::kQuasiIdentifier) << quasi;
    EXPECT_THAT(RoleOf(*out, quasi)->reason, HasSubstr("its name says")) << quasi;
  }
  // Nothing says what these are: privacy by default makes them quasi-identifiers, and the
  // report says so and what the publisher can do.
  for (const char* unknown : {"commute_mode", "commute_minutes", "heating_kwh_year"}) {
    ASSERT_NE(RoleOf(*out, unknown), nullptr) << unknown;
    EXPECT_EQ(RoleOf(*out, unknown)->role, ColumnRole::kQuasiIdentifier) << unknown;
    EXPECT_THAT(RoleOf(*out, unknown)->reason, HasSubstr("declare it insensitive")) << unknown;
    EXPECT_THAT(out->report.quasi_identifiers, Contains(unknown));
  }
  // And the body is k-anonymous over all of them, counted by the test.
  const Groups groups = CountGroups(Concatenated(out->chunks), out->report.quasi_identifiers);
  ASSERT_EQ(groups.problem, "");
  EXPECT_GE(groups.Smallest(), 5u) << Summary(*out);
  EXPECT_TRUE(protocol::ValidateDataset(DatasetOf(*out)).empty());
}

TEST(GateRolesTest, DeclaredInsensitiveColumnsArePublishedAsIs) {
  const Result<GateOutput>& out = PublishedSurvey("k5-insensitive", SurveyOptions(5));
  ASSERT_SURVEY_OK(out);
  for (const std::string& c : kSurveyUnrecognised) {
    ASSERT_NE(RoleOf(*out, c), nullptr);
    EXPECT_EQ(RoleOf(*out, c)->role, protocol::ColumnRole::kInsensitive);
    EXPECT_TRUE(RoleOf(*out, c)->declared);
    EXPECT_THAT(out->report.quasi_identifiers, Not(Contains(c)));
  }
  // The exact kWh figures of the input are in the body.
  const OwnCsv input = SplitCsv(Survey());
  const OwnCsv body = SplitCsv(Concatenated(out->chunks));
  const std::size_t in = ColumnIndex(input.records[0], "heating_kwh_year");
  const std::size_t at = ColumnIndex(body.records[0], "heating_kwh_year");
  ASSERT_NE(at, SIZE_MAX);
  std::set<std::string> published;
  for (std::size_t r = 1; r < body.records.size(); ++r) published.insert(body.records[r][at]);
  EXPECT_TRUE(published.count(input.records[1][in]) || published.count(input.records[2][in]));
  EXPECT_LT(out->report.information_loss, SurveyK5ByDefault()->report.information_loss)
      << Summary(*out);
}

TEST(GateRolesTest, ARecognisedQuasiIdentifierCannotBeDeclaredInsensitiveOrSensitive) {
  GateOptions options = Options(5);
  options.insensitive_columns = {"age"};
  Result<GateOutput> out = TheGate().Publish(Survey(), options);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("'age' cannot be declared insensitive"));
  options = Options(5);
  options.sensitive_columns = {"district"};
  out = TheGate().Publish(Survey(), options);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("'district' cannot be declared sensitive"));
  options = Options(5);
  options.keep_text = {"district"};
  out = TheGate().Publish(Survey(), options);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("'district' is not free text"));
  options = Options(5);
  options.insensitive_columns = {"commute_mode"};
  options.quasi_identifiers = {"commute_mode"};
  out = TheGate().Publish(Survey(), options);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("declared both"));
}

TEST(GateRolesTest, ChineseColumnNamesAreRecognisedAndTheBodyIsKAnonymousOverThem) {
  // The issue's survey: Chinese column names, birth year and date beside age, district 区.
  const std::string& csv = SurveyWith("--lang zh --birth-dates");
  ASSERT_FALSE(csv.empty());
  GateOptions options = Options(5);
  options.insensitive_columns = {"通勤方式", "通勤时间", "取暖千瓦时", "垃圾分类"};
  const Result<GateOutput> out = TheGate().Publish(csv, options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  using protocol::ColumnRole;
  for (const char* id : {"姓名", "身份证号", "邮箱", "电话"}) {
    ASSERT_NE(RoleOf(*out, id), nullptr) << id;
    EXPECT_EQ(RoleOf(*out, id)->role, ColumnRole::kIdentifier) << id;
  }
  for (const char* quasi : {"年龄", "性别", "邮编", "区", "出生日期", "出生年份"}) {
    ASSERT_NE(RoleOf(*out, quasi), nullptr) << quasi;
    EXPECT_EQ(RoleOf(*out, quasi)->role, ColumnRole::kQuasiIdentifier) << quasi;
    EXPECT_THAT(RoleOf(*out, quasi)->reason, Not(HasSubstr("not recognised"))) << quasi;
  }
  const Groups groups = CountGroups(Concatenated(out->chunks), out->report.quasi_identifiers);
  ASSERT_EQ(groups.problem, "");
  EXPECT_GE(groups.Smallest(), 5u) << Summary(*out);
  const Groups raw = CountGroups(csv, out->report.quasi_identifiers);
  ASSERT_EQ(raw.problem, "");
  EXPECT_EQ(raw.Smallest(), 1u) << "the test could not have failed";
}

TEST(GateRolesTest, BirthDatesAreGeneralisedToBandsNotRemoved) {
  const Result<GateOutput> out =
      TheGate().Publish(SurveyWith("--lang en --birth-dates"), SurveyOptions(5));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto generalised =
      std::find_if(out->report.generalised_columns.begin(), out->report.generalised_columns.end(),
                   [](const protocol::ColumnAction& a) { return a.column == "date_of_birth"; });
  ASSERT_NE(generalised, out->report.generalised_columns.end()) << Summary(*out);
  EXPECT_NE(generalised->reason, "removed (*)") << Summary(*out);
  EXPECT_LT(out->report.information_loss, 0.5) << Summary(*out);
}

TEST(GateRolesTest, FreeTextIsDroppedUnlessKeptAndThenScrubbed) {
  const std::string& csv = SurveyWith("--lang da --comments", 2000);
  ASSERT_FALSE(csv.empty());
  GateOptions options = Options(5);
  options.insensitive_columns = {"transportmiddel", "transporttid_min", "varme_kwh_år",
                                 "sorterer_affald"};
  const Result<GateOutput> dropped = TheGate().Publish(csv, options);
  ASSERT_TRUE(dropped.ok()) << dropped.status().ToString();
  ASSERT_NE(RoleOf(*dropped, "kommentar"), nullptr);
  EXPECT_EQ(RoleOf(*dropped, "kommentar")->role, protocol::ColumnRole::kFreeText);
  EXPECT_FALSE(RoleOf(*dropped, "kommentar")->published);
  EXPECT_THAT(RoleOf(*dropped, "kommentar")->reason, HasSubstr("--keep-text"));
  EXPECT_THAT(ColumnNames(dropped->columns), Not(Contains("kommentar")));

  options.keep_text = {"kommentar"};
  const Result<GateOutput> kept = TheGate().Publish(csv, options);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_TRUE(RoleOf(*kept, "kommentar")->published);
  EXPECT_TRUE(RoleOf(*kept, "kommentar")->declared);
  EXPECT_THAT(ActionColumns(kept->report.cleaned_columns), Contains("kommentar"));
  const std::string body = Concatenated(kept->chunks);
  EXPECT_THAT(body, HasSubstr("Flere træer og bænke langs havnen"));
  // No phone number or e-mail address of the comments survived.
  EXPECT_THAT(body, Not(HasSubstr("@example.dk")));
  EXPECT_THAT(body, Not(HasSubstr("+45 ")));
  EXPECT_THAT(body, HasSubstr("[removed]"));
}

TEST(GateRolesTest, DryRunShowsRolesPreviewAndAdviceAndHandsOnNoChunk) {
  GateOptions options = Options(5);
  options.dry_run = true;
  options.preview_rows = 5;
  const Result<GateOutput> out = TheGate().Publish(SurveyWith("--lang en", 2000), options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->refusal.ok());
  EXPECT_TRUE(out->chunks.empty());
  EXPECT_FALSE(out->body.chunks.empty());
  ASSERT_EQ(out->preview.size(), 6u);  // header and 5 rows
  EXPECT_THAT(out->preview[0], Contains("age"));
  EXPECT_THAT(out->preview[0], Not(Contains("cpr")));
  // heating_kwh_year is a quasi-identifier by default and ends in bands or removed; when a
  // column is removed, the advice names what would keep it.
  bool removed = false;
  for (const auto& g : out->report.generalised_columns) removed |= g.reason == "removed (*)";
  if (removed) {
    EXPECT_FALSE(out->advice.empty()) << Summary(*out);
  }
  for (const std::string& a : out->advice) {
    EXPECT_THAT(a, ::testing::AnyOf(HasSubstr("--insensitive"), HasSubstr("--max-suppression"),
                                    HasSubstr("Leave"), HasSubstr("No single change")));
  }
}

TEST(GateRolesTest, DryRunOfATableThatWouldBeRefusedSaysWhyAndWhatWouldPass) {
  // Every row its own district, which may not be removed, beside an unrecognised column.
  std::vector<std::vector<std::string>> records{{"district", "route_code", "trips"}};
  for (std::size_t i = 0; i < 200; ++i) {
    records.push_back({i < 190 ? "Valby" : "område " + std::to_string(i),
                       "R" + std::to_string(i % 40), std::to_string(i % 3)});
  }
  GateOptions options = Options(5);
  options.allow_removal = false;
  options.dry_run = true;
  const Result<GateOutput> out = TheGate().Publish(JoinCsv(records), options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->refusal.ok());
  EXPECT_EQ(out->refusal.code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(out->advice.empty());
  bool insensitive = false;
  for (const std::string& a : out->advice)
    insensitive |= a.find("--insensitive 'route_code'") != std::string::npos;
  EXPECT_TRUE(insensitive) << Summary(*out);
  options.dry_run = false;
  EXPECT_FALSE(TheGate().Publish(JoinCsv(records), options).ok());
}

// ---------------------------------------------------------------------------------------------
// BodyChecker, as a receiving node runs it.

TEST(GateTest, BodyCheckerAcceptsTheGatesOwnOutput) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  const protocol::Dataset d = DatasetOf(*out);
  const Status valid = protocol::ProblemsToStatus(protocol::ValidateDataset(d), "dataset");
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  const Status checked = CheckBody(d, out->chunks);
  EXPECT_TRUE(checked.ok()) << checked.ToString();

  // In any order, as chunks arrive from several peers.
  BodyChecker reversed(TheGate(), d);
  for (std::size_t i = out->chunks.size(); i-- > 0;) {
    const Status s = reversed.CheckChunk(static_cast<uint32_t>(i), out->chunks[i]);
    ASSERT_TRUE(s.ok()) << i << ": " << s.ToString();
  }
  const Status finished = reversed.Finish();
  EXPECT_TRUE(finished.ok()) << finished.ToString();
}

// A quasi-identifier generalised into bands writes labels such as "8000-9999", which read as a
// Danish phone number written in two groups of four. The receiving check must take a label that
// is exactly one band of the column's declared width for what it is; anything else in the
// column is still scanned.
TEST(GateTest, BandsOfANumericQuasiIdentifierAreLabelsNotPhoneNumbers) {
  std::string csv = "age,gender,district,heating_kwh_year\n";
  const char* districts[] = {"Amager", "Valby", "Vesterbro", "Nordvest"};
  for (int i = 0; i < 3000; ++i) {
    // Yearly heating use between 5,000 and 13,000 kWh: four-digit values whose bands are
    // four-digit pairs.
    csv += fmt::format("{},{},{},{}\n", 20 + (i * 7) % 60, i % 2 == 0 ? "F" : "M",
                       districts[(i / 3) % 4], 5000 + (i * 2777) % 8000);
  }
  auto out = TheGate().Publish(csv, Options(5));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const std::vector<std::string> header = ColumnNames(out->columns);
  const std::size_t heating = ColumnIndex(header, "heating_kwh_year");
  ASSERT_NE(heating, SIZE_MAX);
  ASSERT_THAT(out->columns[heating].generalisation, HasSubstr("bands of"));
  const protocol::Dataset d = DatasetOf(*out);
  const Status checked = CheckBody(d, out->chunks);
  EXPECT_TRUE(checked.ok()) << checked.ToString();

  // A value in that column that is no band of its width is scanned as any other.
  std::vector<std::string> chunks = out->chunks;
  OwnCsv chunk = SplitCsv(chunks[0]);
  ASSERT_GE(chunk.records.size(), 2u);
  chunk.records[1][heating] = "2345-6789";
  chunks[0] = JoinCsv(chunk.records);
  protocol::Dataset tampered = DatasetOf(*out);
  SetChunks(tampered, chunks);
  BodyChecker checker(TheGate(), tampered);
  const Status s = checker.CheckChunk(0, chunks[0]);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("phone"));
}

TEST(GateTest, BodyCheckerRefusesACprNumberInAKeptTextCell) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  ASSERT_GE(out->chunks.size(), 2u);
  const std::vector<std::string> header = ColumnNames(out->columns);
  const std::size_t mode = ColumnIndex(header, "commute_mode");
  ASSERT_NE(mode, SIZE_MAX);

  std::vector<std::string> chunks = out->chunks;
  OwnCsv chunk = SplitCsv(chunks[1]);
  ASSERT_GE(chunk.records.size(), 2u);
  chunk.records[1][mode] += " 010180-1234";
  chunks[1] = JoinCsv(chunk.records);
  protocol::Dataset d = DatasetOf(*out);
  SetChunks(d, chunks);

  BodyChecker checker(TheGate(), d);
  const Status first = checker.CheckChunk(0, chunks[0]);
  EXPECT_TRUE(first.ok()) << first.ToString();
  const Status s = checker.CheckChunk(1, chunks[1]);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("CPR"));
  EXPECT_THAT(s.message(), HasSubstr("commute_mode"));
  EXPECT_THAT(s.message(), HasSubstr("chunk 1"));
}

TEST(GateTest, BodyCheckerRefusesAHeaderThatDiffersFromTheColumns) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  const std::vector<std::string> header = ColumnNames(out->columns);
  ASSERT_GE(header.size(), 2u);

  // A column renamed, and two columns swapped.
  const std::size_t district = ColumnIndex(header, "district");
  ASSERT_NE(district, SIZE_MAX);
  std::vector<std::string> renamed = header;
  renamed[district] = "bydel";
  std::vector<std::string> swapped = header;
  std::swap(swapped[0], swapped[1]);
  for (const auto& other : {renamed, swapped}) {
    std::vector<std::string> chunks = out->chunks;
    OwnCsv chunk = SplitCsv(chunks[0]);
    chunk.records[0] = other;
    chunks[0] = JoinCsv(chunk.records);
    protocol::Dataset d = DatasetOf(*out);
    SetChunks(d, chunks);
    BodyChecker checker(TheGate(), d);
    const Status s = checker.CheckChunk(0, chunks[0]);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << chunks[0].substr(0, 120);
  }
}

TEST(GateTest, BodyCheckerRefusesRowsThatAreAllUniqueOverTheQuasiIdentifiers) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  const std::vector<std::string> header = ColumnNames(out->columns);
  ASSERT_FALSE(out->report.quasi_identifiers.empty());
  const std::size_t quasi = ColumnIndex(header, out->report.quasi_identifiers[0]);
  ASSERT_NE(quasi, SIZE_MAX);

  // The first quasi-identifier made a running number: every row its own group.
  std::vector<std::string> chunks = out->chunks;
  std::size_t row = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    OwnCsv chunk = SplitCsv(chunks[i]);
    for (std::size_t r = (i == 0 ? 1 : 0); r < chunk.records.size(); ++r) {
      chunk.records[r][quasi] = std::to_string(100 + row++);
    }
    chunks[i] = JoinCsv(chunk.records);
  }
  ASSERT_EQ(row, out->body.row_count);
  protocol::Dataset d = DatasetOf(*out);
  SetChunks(d, chunks);
  ASSERT_EQ(CountGroups(Concatenated(chunks), out->report.quasi_identifiers).Smallest(), 1u);

  BodyChecker checker(TheGate(), d);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const Status c = checker.CheckChunk(static_cast<uint32_t>(i), chunks[i]);
    ASSERT_TRUE(c.ok()) << i << ": " << c.ToString();
  }
  const Status s = checker.Finish();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
}

TEST(GateTest, BodyCheckerRefusesABodyOneRowShort) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  const std::vector<std::string>& quasi = out->report.quasi_identifiers;
  const Groups groups = CountGroups(Concatenated(out->chunks), quasi);
  ASSERT_EQ(groups.problem, "");

  // Leave out a row of the last chunk whose group stays at least k without it, so that only the
  // row count is wrong.
  std::vector<std::string> chunks = out->chunks;
  OwnCsv last = SplitCsv(chunks.back());
  const std::vector<std::string> header = ColumnNames(out->columns);
  bool removed = false;
  for (std::size_t r = (chunks.size() == 1 ? 1 : 0); r < last.records.size() && !removed; ++r) {
    std::string combination;
    for (const std::string& q : quasi) {
      combination += last.records[r][ColumnIndex(header, q)];
      combination += '\x1f';
    }
    if (groups.rows.at(combination) > out->report.k_required) {
      last.records.erase(last.records.begin() + static_cast<std::ptrdiff_t>(r));
      removed = true;
    }
  }
  ASSERT_TRUE(removed);
  chunks.back() = JoinCsv(last.records);
  protocol::Dataset d = DatasetOf(*out);
  SetChunks(d, chunks);

  BodyChecker checker(TheGate(), d);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const Status c = checker.CheckChunk(static_cast<uint32_t>(i), chunks[i]);
    ASSERT_TRUE(c.ok()) << i << ": " << c.ToString();
  }
  const Status s = checker.Finish();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  // The numbers, however they are grouped ("19,528").
  EXPECT_THAT(Without(s.message(), ','), HasSubstr(std::to_string(out->body.row_count)));
  EXPECT_THAT(Without(s.message(), ','), HasSubstr(std::to_string(out->body.row_count - 1)));
}

// ---------------------------------------------------------------------------------------------
// Receivers check the roles of gate version 2 by the same rules.

// The record of `out` with the role of `column` changed by `change`; the body as it was.
protocol::Dataset WithRole(const GateOutput& out, const std::string& column,
                           const std::function<void(protocol::ColumnRoleEntry&)>& change) {
  protocol::Dataset d = DatasetOf(out);
  for (protocol::ColumnRoleEntry& e : d.privacy.column_roles) {
    if (e.column == column) change(e);
  }
  return d;
}

TEST(GateRolesTest, ReceiverAcceptsTheRolesTheGateGave) {
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  EXPECT_TRUE(CheckBody(DatasetOf(*out), out->chunks).ok());
}

TEST(GateRolesTest, ReceiverRefusesAQuasiIdentifierPassedOffAsInsensitive) {
  // The gate does not let a recognised quasi-identifier be declared insensitive; a forged
  // report that calls one insensitive (declared or not) is refused by the receiver.
  const std::string& csv = SurveyWith("--lang en", 2000);
  GateOptions options = SurveyOptions(5);
  options.insensitive_columns.push_back("household_size");
  ASSERT_FALSE(TheGate().Publish(csv, options).ok()) << "the gate let it be declared";

  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  for (bool declared : {false, true}) {
    protocol::Dataset d = WithRole(*out, "postcode", [declared](protocol::ColumnRoleEntry& e) {
      e.role = protocol::ColumnRole::kInsensitive;
      e.declared = declared;
    });
    std::erase(d.privacy.quasi_identifiers, "postcode");
    const Status s = CheckBody(d, out->chunks);
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_THAT(s.message(), HasSubstr("column 'postcode' is published as insensitive"));
  }
}

TEST(GateRolesTest, ReceiverRefusesFreeTextThePublisherDidNotKeep) {
  const std::string& csv = SurveyWith("--lang da --comments", 2000);
  GateOptions options = Options(5);
  options.insensitive_columns = {"transportmiddel", "transporttid_min", "varme_kwh_år",
                                 "sorterer_affald"};
  options.keep_text = {"kommentar"};
  const Result<GateOutput> out = TheGate().Publish(csv, options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(CheckBody(DatasetOf(*out), out->chunks).ok());
  const protocol::Dataset d =
      WithRole(*out, "kommentar", [](protocol::ColumnRoleEntry& e) { e.declared = false; });
  const Status s = CheckBody(d, out->chunks);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("free text is published only when its publisher keeps it"));
}

TEST(GateRolesTest, ReceiverChecksGateVersionOneBodiesAsBefore) {
  // Records published before roles existed carry none: the counts are checked, not the roles.
  const Result<GateOutput>& out = SurveyK5();
  ASSERT_SURVEY_OK(out);
  protocol::Dataset d = DatasetOf(*out);
  d.privacy.gate_version = 1;
  d.privacy.column_roles.clear();
  EXPECT_TRUE(protocol::ValidateDataset(d).empty());
  EXPECT_TRUE(CheckBody(d, out->chunks).ok());
}

}  // namespace
}  // namespace citynet::privacy
