// Tests for protocol/validate.h: every rule of every record kind, the node card, and how
// problems are reported. Each test starts from a valid sample (see the Samples tests), changes
// one thing and asserts the exact problem: field path and message.

#include "protocol/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "protocol/codec.h"
#include "protocol/record.h"
#include "protocol/types.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using ::citynet::testing::Draft;
using ::citynet::testing::kTestTimeMs;
using ::citynet::testing::OneRecordOfEachKind;
using ::citynet::testing::SampleCase;
using ::citynet::testing::SampleDataset;
using ::citynet::testing::SampleDatasetV2;
using ::citynet::testing::SampleReceipt;
using ::citynet::testing::SampleRetraction;
using ::citynet::testing::TestKey;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Problems as (field, message) pairs, which gtest prints readably.
using FieldMessage = std::pair<std::string, std::string>;

std::vector<FieldMessage> Fm(const Problems& problems) {
  std::vector<FieldMessage> out;
  for (const Problem& p : problems) out.emplace_back(p.field, p.message);
  return out;
}

std::vector<FieldMessage> CaseProblems(const CaseStudy& c) { return Fm(ValidateCaseStudy(c)); }
std::vector<FieldMessage> DatasetProblems(const Dataset& d) { return Fm(ValidateDataset(d)); }
std::vector<FieldMessage> HeaderProblems(const RecordHeader& h) { return Fm(ValidateHeader(h)); }
std::vector<FieldMessage> CardProblems(const NodeCard& n) { return Fm(ValidateNodeCard(n)); }

// "n0", "n1", ...: `count` distinct valid slugs.
std::vector<std::string> Slugs(std::size_t count, const std::string& prefix = "n") {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

// A record id whose bytes are all `n`.
RecordId Id(uint8_t n) {
  RecordId id;
  id.data.fill(n);
  return id;
}

// `count` distinct record ids.
std::vector<RecordId> Ids(std::size_t count) {
  std::vector<RecordId> out;
  for (std::size_t i = 0; i < count; ++i) {
    RecordId id;
    id.data[0] = static_cast<uint8_t>(i & 0xff);
    id.data[1] = static_cast<uint8_t>(i >> 8);
    id.data[31] = 1;
    out.push_back(id);
  }
  return out;
}

// A valid header of each kind: case and dataset open a feed, a retraction is record 2 and
// names one record, a receipt is record 3 and answers a retraction.
RecordHeader ValidHeader(RecordKind kind) {
  RecordHeader h;
  h.kind = kind;
  h.author = TestKey(1).public_key();
  h.network = "c40";
  h.seq = 1;
  h.created_at_ms = kTestTimeMs;
  if (kind == RecordKind::kRetraction) {
    h.seq = 2;
    h.prev = Id(1);
    h.refs = RetractionRefs{{Id(1)}};
  } else if (kind == RecordKind::kErasureReceipt) {
    h.seq = 3;
    h.prev = Id(2);
    h.refs = ErasureReceiptRefs{Id(2), TestKey(2).public_key()};
  }
  return h;
}

NodeCard SampleCard() {
  NodeCard n;
  n.name = "copenhagen";
  n.display_name = "City of Copenhagen";
  n.signing_key = TestKey(1).public_key();
  n.transport_key.data.fill(0x42);
  n.endpoints = {"tcp://node.kk.dk:7400", "tcp://10.0.0.7:7400"};
  n.networks = {"c40", "eurocities"};
  n.issued_at_ms = kTestTimeMs;
  return n;
}

// ---------------------------------------------------------------------------------------------
// The baseline: every sample is valid, so each test below sees only the problem it makes.

TEST(ValidateSamples, SampleCaseHasNoProblems) {
  EXPECT_THAT(CaseProblems(SampleCase()), IsEmpty());
  EXPECT_THAT(Fm(ValidatePayload(SampleCase())), IsEmpty());
}

TEST(ValidateSamples, SampleDatasetHasNoProblems) {
  EXPECT_THAT(DatasetProblems(SampleDataset()), IsEmpty());
  EXPECT_THAT(Fm(ValidatePayload(SampleDataset())), IsEmpty());
}

TEST(ValidateSamples, SampleRetractionAndReceiptHaveNoProblems) {
  EXPECT_THAT(Fm(ValidateRetraction(SampleRetraction())), IsEmpty());
  EXPECT_THAT(Fm(ValidateErasureReceipt(SampleReceipt())), IsEmpty());
  EXPECT_THAT(Fm(ValidatePayload(SampleRetraction())), IsEmpty());
  EXPECT_THAT(Fm(ValidatePayload(SampleReceipt())), IsEmpty());
}

TEST(ValidateSamples, ValidHeadersOfEveryKindHaveNoProblems) {
  for (RecordKind kind : {RecordKind::kCaseStudy, RecordKind::kDataset, RecordKind::kRetraction,
                          RecordKind::kErasureReceipt}) {
    SCOPED_TRACE(std::string(RecordKindName(kind)));
    EXPECT_THAT(HeaderProblems(ValidHeader(kind)), IsEmpty());
  }
}

TEST(ValidateSamples, SignedSampleRecordsHaveValidHeadersAndPairs) {
  std::vector<SignedRecord> records = OneRecordOfEachKind();
  ASSERT_EQ(records.size(), 4u);
  for (const SignedRecord& r : records) {
    auto header = DecodeHeader(r.header);
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    SCOPED_TRACE(std::string(RecordKindName(header->kind)));
    EXPECT_THAT(HeaderProblems(*header), IsEmpty());
    ASSERT_TRUE(r.payload.has_value());
    auto payload = DecodePayload(header->kind, *r.payload);
    ASSERT_TRUE(payload.ok()) << payload.status().ToString();
    EXPECT_THAT(Fm(ValidatePayload(*payload)), IsEmpty());
    EXPECT_THAT(Fm(ValidateRecordPair(*header, *payload)), IsEmpty());
  }
}

TEST(ValidateSamples, SampleNodeCardHasNoProblems) {
  EXPECT_THAT(CardProblems(SampleCard()), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Case study: language, slug, country.

TEST(ValidateCaseStudy, LanguageCountryCodeSuggestsTheLanguage) {
  CaseStudy c = SampleCase();
  c.language = "dk";
  EXPECT_THAT(
      CaseProblems(c),
      ElementsAre(Pair("language", "language 'dk' is not a BCP 47 tag: did you mean 'da'?")));
}

TEST(ValidateCaseStudy, LanguageWithUnderscoreSuggestsHyphen) {
  CaseStudy c = SampleCase();
  c.language = "en_GB";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("language",
                               "language 'en_GB' is not a BCP 47 tag: did you mean "
                               "'en-GB'?")));
}

TEST(ValidateCaseStudy, EmptyLanguage) {
  CaseStudy c = SampleCase();
  c.language = "";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("language",
                               "language '' is empty: use a BCP 47 tag such as 'en', "
                               "'da', 'es' or 'zh-Hans'")));
}

TEST(ValidateCaseStudy, AcceptsLanguageWithScriptAndRegion) {
  CaseStudy c = SampleCase();
  c.language = "zh-Hans-CN";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, SlugThatIsNotASlug) {
  CaseStudy c = SampleCase();
  c.slug = "Street Lab";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("slug",
                               "slug 'Street Lab' may only use a-z, 0-9 and '-': try "
                               "'street-lab'")));
  c.slug = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("slug", "slug '' is empty")));
  c.slug = "1st-lab";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("slug", "slug '1st-lab' must start with a letter")));
}

TEST(ValidateCaseStudy, CountryInLowerCase) {
  CaseStudy c = SampleCase();
  c.country = "dk";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("country", "country 'dk' must be upper case: 'DK'")));
}

TEST(ValidateCaseStudy, CountryAlpha3SuggestsAlpha2) {
  CaseStudy c = SampleCase();
  c.country = "DNK";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("country",
                               "country 'DNK' is not an ISO 3166-1 alpha-2 code: did "
                               "you mean 'DK'?")));
}

TEST(ValidateCaseStudy, UnknownAndEmptyCountry) {
  CaseStudy c = SampleCase();
  c.country = "XX";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("country", "country 'XX' is not an ISO 3166-1 alpha-2 code")));
  c.country = "";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("country",
                               "country '' is empty: use an ISO 3166-1 alpha-2 code "
                               "such as 'DK'")));
}

// ---------------------------------------------------------------------------------------------
// Case study: texts.

TEST(ValidateCaseStudy, EmptyRequiredTexts) {
  CaseStudy c = SampleCase();
  c.title = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("title", "title is empty")));
  c = SampleCase();
  c.body = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("body", "body is empty")));
  c = SampleCase();
  c.city = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("city", "city is empty")));
}

TEST(ValidateCaseStudy, EmptySummarySaysWhatToWrite) {
  CaseStudy c = SampleCase();
  c.summary = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("summary", StartsWith("summary is empty"))));
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("summary",
                               "summary is empty: write two or three sentences on what "
                               "the city did and what came of it")));
}

TEST(ValidateCaseStudy, TitleLengthLimitCountsCharactersNotBytes) {
  CaseStudy c = SampleCase();
  c.title = std::string(kMaxTitleChars, 'a');
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.title = std::string(kMaxTitleChars + 1, 'a');
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("title", "title is 301 characters long; the limit is 300")));

  // "ø" is two bytes: 300 of them are 600 bytes but 300 characters.
  std::string oe;
  for (std::size_t i = 0; i < kMaxTitleChars; ++i) oe += "\xC3\xB8";
  c.title = oe;
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.title = oe + "\xC3\xB8";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("title", "title is 301 characters long; the limit is 300")));
}

TEST(ValidateCaseStudy, SummaryBodyAndCityLengthLimits) {
  CaseStudy c = SampleCase();
  c.summary = std::string(kMaxSummaryChars, 's');
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.summary = std::string(kMaxSummaryChars + 1, 's');
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("summary", "summary is 3001 characters long; the limit is 3000")));

  c = SampleCase();
  c.body = std::string(kMaxBodyChars, 'b');
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.body = std::string(kMaxBodyChars + 1, 'b');
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("body", "body is 500001 characters long; the limit is 500000")));

  c = SampleCase();
  c.city = std::string(kMaxShortTextChars + 1, 'c');
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("city", "city is 301 characters long; the limit is 300")));
}

TEST(ValidateCaseStudy, SingleLineTextsRefuseLineBreaksAndTabs) {
  CaseStudy c = SampleCase();
  c.title = "Street\nLab";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("title", "title contains a control character (U+000A) at byte 6")));
  c = SampleCase();
  c.city = "Copen\thagen";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("city", "city contains a control character (U+0009) at byte 5")));
}

TEST(ValidateCaseStudy, MultiLineTextsAllowLineFeedAndTabButNotCarriageReturn) {
  CaseStudy c = SampleCase();
  c.summary = "First line.\n\tIndented second line.";
  c.body = "Line one.\nLine two.\n\n\tLine four.";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.body = "Line one.\r\nLine two.";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("body", "body contains a control character (U+000D) at byte 9")));
}

TEST(ValidateCaseStudy, OtherControlCharactersInText) {
  CaseStudy c = SampleCase();
  c.summary = std::string("nul\0here", 8);
  EXPECT_THAT(
      CaseProblems(c),
      ElementsAre(Pair("summary", "summary contains a control character (U+0000) at byte 3")));
  c.summary = "del\x7fhere";
  EXPECT_THAT(
      CaseProblems(c),
      ElementsAre(Pair("summary", "summary contains a control character (U+007F) at byte 3")));
  c.summary = "c1\xC2\x85here";  // U+0085 NEXT LINE
  EXPECT_THAT(
      CaseProblems(c),
      ElementsAre(Pair("summary", "summary contains a control character (U+0085) at byte 2")));
}

TEST(ValidateCaseStudy, BadUtf8InText) {
  CaseStudy c = SampleCase();
  c.title = "Street \xff Lab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("title", "title is not valid UTF-8 at byte 7")));
  c = SampleCase();
  c.summary = "truncated \xC3";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("summary", "summary is not valid UTF-8 at byte 10")));
  c = SampleCase();
  c.body = "overlong \xC0\xAF slash";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("body", "body is not valid UTF-8 at byte 9")));
  c = SampleCase();
  c.city = "surrogate \xED\xA0\x80";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("city", "city is not valid UTF-8 at byte 10")));
}

TEST(ValidateCaseStudy, AcceptsNonAsciiText) {
  CaseStudy c = SampleCase();
  c.title = "Københavns Kommune: grøn omstilling 🚲";
  c.city = "København";
  c.summary = "北京 wastewater — résumé";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, SingleLineTextWithSurroundingSpaces) {
  CaseStudy c = SampleCase();
  c.title = " Street Lab";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("title", "title ' Street Lab' starts or ends with a space")));
  c = SampleCase();
  c.city = "Copenhagen ";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("city", "city 'Copenhagen ' starts or ends with a space")));
}

// ---------------------------------------------------------------------------------------------
// Case study: networks and themes.

TEST(ValidateCaseStudy, EmptyNetworks) {
  CaseStudy c = SampleCase();
  c.networks = {};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("networks",
                               "networks is empty: name at least one network to share "
                               "the case in, e.g. 'c40'")));
}

TEST(ValidateCaseStudy, NetworkListedTwice) {
  CaseStudy c = SampleCase();
  c.networks = {"c40", "eurocities", "c40"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("networks[2]", "network 'c40' is listed twice")));
}

TEST(ValidateCaseStudy, NetworkThatIsNotASlug) {
  CaseStudy c = SampleCase();
  c.networks = {"c40", "Euro Cities"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("networks[1]",
                                                "network 'Euro Cities' may only use a-z, 0-9 and "
                                                "'-': try 'euro-cities'")));
}

TEST(ValidateCaseStudy, TooManyNetworks) {
  CaseStudy c = SampleCase();
  c.networks = Slugs(kMaxListItems);
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.networks = Slugs(kMaxListItems + 1);
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("networks", "networks has 257 entries; the limit is 256")));
}

TEST(ValidateCaseStudy, ThemesAreOptionalButMustBeDistinctSlugs) {
  CaseStudy c = SampleCase();
  c.themes = {};
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.themes = {"smart-city", "living-labs", "smart-city"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("themes[2]", "theme 'smart-city' is listed twice")));
  c.themes = {"Smart_City"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("themes[0]",
                                                "theme 'Smart_City' may only use a-z, 0-9 and '-': "
                                                "try 'smart-city'")));
  c.themes = {"smart--city"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("themes[0]",
                                                "theme 'smart--city' must not contain '--': try "
                                                "'smart-city'")));
}

TEST(ValidateCaseStudy, TooManyThemes) {
  CaseStudy c = SampleCase();
  c.themes = Slugs(kMaxListItems + 1, "t");
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("themes", "themes has 257 entries; the limit is 256")));
}

// ---------------------------------------------------------------------------------------------
// Case study: SDG goals and targets.

TEST(ValidateCaseStudy, SdgOutsideTheSeventeenGoals) {
  CaseStudy c = SampleCase();
  c.sdgs = {9, 18, 11, 17};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("sdgs[1]", "sdg 18 is not one of the 17 UN goals")));
  c.sdgs = {0, 9, 11, 17};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdgs[0]", "sdg 0 is not one of the 17 UN goals")));
  c.sdgs = {9, 11, 17, -1};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("sdgs[3]", "sdg -1 is not one of the 17 UN goals")));
}

TEST(ValidateCaseStudy, AcceptsGoalsOneAndSeventeen) {
  CaseStudy c = SampleCase();
  c.sdgs = {1, 11, 17};
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, SdgListedTwice) {
  CaseStudy c = SampleCase();
  c.sdgs = {9, 11, 9, 17};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdgs[2]", "sdg 9 is listed twice")));
}

TEST(ValidateCaseStudy, EmptySdgs) {
  CaseStudy c = SampleCase();
  c.sdgs = {};
  c.sdg_targets = {};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("sdgs",
                               "sdgs is empty: name at least one UN goal (1-17) the case "
                               "contributes to")));
}

TEST(ValidateCaseStudy, MoreThanSeventeenSdgs) {
  CaseStudy c = SampleCase();
  c.sdgs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.sdgs.push_back(11);
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdgs", "sdgs has 18 entries; the limit is 17"),
                                           Pair("sdgs[17]", "sdg 11 is listed twice")));
}

TEST(ValidateCaseStudy, SdgTargetThatDoesNotExist) {
  CaseStudy c = SampleCase();
  c.sdg_targets = {"11.6", "11.9"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[1]",
                                                "sdg target '11.9' does not exist: goal 11 has "
                                                "targets 11.1-11.7 and 11.a-11.c")));
  c.sdg_targets = {"11.d"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[0]",
                                                "sdg target '11.d' does not exist: goal 11 has "
                                                "targets 11.1-11.7 and 11.a-11.c")));
  c.sdg_targets = {"17.20"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[0]",
                                                "sdg target '17.20' does not exist: goal 17 has "
                                                "targets 17.1-17.19")));
  c.sdg_targets = {"18.1"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[0]",
                                                "sdg target '18.1' does not exist: there are 17 "
                                                "UN goals")));
}

TEST(ValidateCaseStudy, SdgTargetOfTheWrongForm) {
  CaseStudy c = SampleCase();
  c.sdg_targets = {"11"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[0]",
                                                "sdg target '11' is not of the form GOAL.TARGET, "
                                                "such as '11.2' or '11.b'")));
  c.sdg_targets = {"11.B"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("sdg_targets[0]", "sdg target '11.B' must be lower case: '11.b'")));
}

TEST(ValidateCaseStudy, SdgTargetWhoseGoalIsNotInSdgs) {
  CaseStudy c = SampleCase();  // sdgs 9, 11, 17
  c.sdg_targets = {"11.6", "7.2"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("sdg_targets[1]",
                                                "sdg target '7.2' belongs to goal 7, which is not "
                                                "in sdgs: add 7 to sdgs or remove the target")));
  c.sdgs = {7, 9, 11, 17};
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, SdgTargetListedTwice) {
  CaseStudy c = SampleCase();
  c.sdg_targets = {"11.6", "11.b", "11.6"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("sdg_targets[2]", "sdg target '11.6' is listed twice")));
}

TEST(ValidateCaseStudy, TooManySdgTargets) {
  CaseStudy c = SampleCase();
  c.sdg_targets.assign(kMaxListItems + 1, "11.6");
  std::vector<FieldMessage> problems = CaseProblems(c);
  ASSERT_THAT(problems, Not(IsEmpty()));
  EXPECT_EQ(problems[0],
            FieldMessage("sdg_targets", "sdg_targets has 257 entries; the limit is 256"));
  c.sdg_targets.assign(kMaxListItems, "11.6");
  EXPECT_THAT(CaseProblems(c), Not(Contains(Pair("sdg_targets", HasSubstr("the limit")))));
}

// ---------------------------------------------------------------------------------------------
// Case study: period.

TEST(ValidateCaseStudy, PeriodRunningBackwards) {
  CaseStudy c = SampleCase();
  c.period = Period{"2020", "2019-12"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("period",
                                                "period runs backwards: from '2020' is after to "
                                                "'2019-12'")));
}

TEST(ValidateCaseStudy, PeriodsInOrderAndOpenPeriods) {
  CaseStudy c = SampleCase();
  for (const Period& p :
       {Period{"2019", "2019"}, Period{"2019-05", "2019"}, Period{"2019-12-31", "2019-12-31"},
        Period{"2019", ""}, Period{"", "2021-03"}, Period{"", ""}}) {
    SCOPED_TRACE(p.from + " .. " + p.to);
    c.period = p;
    EXPECT_THAT(CaseProblems(c), IsEmpty());
  }
}

TEST(ValidateCaseStudy, PeriodWithBadDates) {
  CaseStudy c = SampleCase();
  c.period = Period{"2019-13", "2020"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("period.from",
                                                "from '2019-13' is not a date of the form YYYY, "
                                                "YYYY-MM or YYYY-MM-DD")));
  c.period = Period{"2019", "2023-02-29"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("period.to", "to '2023-02-29' is not a real date")));
  c.period = Period{"0999", "2020"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("period.from", "from '0999' is before the year 1000")));
  c.period = Period{"2019", "2024-02-29"};  // a leap day
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, BadDateIsNotAlsoReportedAsBackwards) {
  CaseStudy c = SampleCase();
  c.period = Period{"2020", "2019-02-30"};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("period.to", "to '2019-02-30' is not a real date")));
}

// ---------------------------------------------------------------------------------------------
// Case study: outcomes.

TEST(ValidateCaseStudy, OutcomeAchievedNotFinite) {
  for (double bad : {kNaN, kInf, -kInf}) {
    SCOPED_TRACE(bad);
    CaseStudy c = SampleCase();
    c.outcomes[0].achieved = bad;
    EXPECT_THAT(CaseProblems(c),
                ElementsAre(Pair("outcomes[0].achieved", "achieved is not a finite number")));
  }
}

TEST(ValidateCaseStudy, OutcomeTargetNotFinite) {
  for (double bad : {kNaN, kInf, -kInf}) {
    SCOPED_TRACE(bad);
    CaseStudy c = SampleCase();
    c.outcomes[1].target = bad;
    EXPECT_THAT(CaseProblems(c),
                ElementsAre(Pair("outcomes[1].target", "target is not a finite number")));
  }
}

TEST(ValidateCaseStudy, OutcomeValuesMayBeZeroOrNegative) {
  CaseStudy c = SampleCase();
  c.outcomes[0].achieved = -12.5;
  c.outcomes[1].target = 0;
  c.outcomes[1].achieved = 0;
  EXPECT_THAT(CaseProblems(c), IsEmpty());
}

TEST(ValidateCaseStudy, OutcomeWithoutMetric) {
  CaseStudy c = SampleCase();
  c.outcomes[1].metric = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("outcomes[1].metric",
                                                "metric is empty: say what was measured, "
                                                "e.g. 'new jobs'")));
}

TEST(ValidateCaseStudy, OutcomeWithoutUnit) {
  CaseStudy c = SampleCase();
  c.outcomes[0].unit = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("outcomes[0].unit",
                                                "unit is empty: say what is counted, e.g. "
                                                "'jobs', '%' or 'tCO2e'")));
}

TEST(ValidateCaseStudy, OutcomeUnitAndMetricLengthLimits) {
  CaseStudy c = SampleCase();
  c.outcomes[0].unit = std::string(64, 'u');
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.outcomes[0].unit = std::string(65, 'u');
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("outcomes[0].unit", "unit is 65 characters long; the limit is 64")));
  c = SampleCase();
  c.outcomes[1].metric = std::string(kMaxShortTextChars + 1, 'm');
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("outcomes[1].metric",
                                                "metric is 301 characters long; the limit "
                                                "is 300")));
}

TEST(ValidateCaseStudy, OutcomeMetricWithControlCharacter) {
  CaseStudy c = SampleCase();
  c.outcomes[0].metric = "new\njobs";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("outcomes[0].metric",
                                                "metric contains a control character "
                                                "(U+000A) at byte 3")));
}

TEST(ValidateCaseStudy, TooManyOutcomes) {
  CaseStudy c = SampleCase();
  c.outcomes.assign(kMaxListItems, Outcome{"new jobs", 10, 12, "jobs"});
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.outcomes.assign(kMaxListItems + 1, Outcome{"new jobs", 10, 12, "jobs"});
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("outcomes", "outcomes has 257 entries; the limit is 256")));
}

// ---------------------------------------------------------------------------------------------
// Case study: partners, links, licence.

TEST(ValidateCaseStudy, EmptyPartner) {
  CaseStudy c = SampleCase();
  c.partners = {"Cisco", ""};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("partners[1]", "partner is empty")));
}

TEST(ValidateCaseStudy, PartnerTooLongOrWithControlCharacter) {
  CaseStudy c = SampleCase();
  c.partners = {std::string(kMaxShortTextChars + 1, 'p')};
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("partners[0]", "partner is 301 characters long; the limit is 300")));
  c.partners = {"Cisco", "DHI\x01"};
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("partners[1]",
                                                "partner contains a control character (U+0001) at "
                                                "byte 3")));
}

TEST(ValidateCaseStudy, TooManyPartners) {
  CaseStudy c = SampleCase();
  c.partners = Slugs(kMaxListItems + 1, "Partner ");
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("partners", "partners has 257 entries; the limit is 256")));
}

TEST(ValidateCaseStudy, LinkWithoutSchemeSuggestsHttps) {
  CaseStudy c = SampleCase();
  c.links[0].url = "www.kk.dk/streetlab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url",
                                                "link 'www.kk.dk/streetlab' must start with "
                                                "https:// or http://: did you mean "
                                                "'https://www.kk.dk/streetlab'?")));
}

TEST(ValidateCaseStudy, BadLinks) {
  CaseStudy c = SampleCase();
  c.links[0].url = "ftp://kk.dk/streetlab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url",
                                                "link 'ftp://kk.dk/streetlab' must start with "
                                                "https:// or http://")));
  c.links[0].url = "";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url", "link '' is empty")));
  c.links[0].url = "https://www.kk.dk/street lab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url",
                                                "link 'https://www.kk.dk/street lab' contains a "
                                                "space or control character")));
  c.links[0].url = "https://intranet/streetlab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url",
                                                "link 'https://intranet/streetlab' has host "
                                                "'intranet', which is not a full domain name such "
                                                "as 'example.org'")));
  c.links[0].url = "https://www.kk.dk:99999/";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].url",
                                                "link 'https://www.kk.dk:99999/' has an invalid "
                                                "port '99999'")));
}

TEST(ValidateCaseStudy, LinkTitleIsOptionalSingleLineText) {
  CaseStudy c = SampleCase();
  c.links[0].title = "";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.links[0].title = "Street\nLab";
  EXPECT_THAT(CaseProblems(c), ElementsAre(Pair("links[0].title",
                                                "link title contains a control character "
                                                "(U+000A) at byte 6")));
}

TEST(ValidateCaseStudy, TooManyLinks) {
  CaseStudy c = SampleCase();
  c.links.assign(kMaxListItems + 1, Link{"https://www.kk.dk/streetlab", ""});
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("links", "links has 257 entries; the limit is 256")));
}

TEST(ValidateCaseStudy, LicenceIsOptionalButMustBeSpdx) {
  CaseStudy c = SampleCase();
  c.licence = "";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.licence = "LicenseRef-kk-open-1.0";
  EXPECT_THAT(CaseProblems(c), IsEmpty());
  c.licence = "cc by 4.0";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("licence",
                               "licence 'cc by 4.0' is not an SPDX identifier: did you "
                               "mean 'CC-BY-4.0'?")));
  c.licence = "CC-BY";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("licence",
                               "licence 'CC-BY' is not an SPDX identifier: did you "
                               "mean 'CC-BY-4.0'?")));
  c.licence = "Proprietary";
  EXPECT_THAT(CaseProblems(c),
              ElementsAre(Pair("licence", StartsWith("licence 'Proprietary' is not an SPDX "
                                                     "identifier we accept"))));
}

// ---------------------------------------------------------------------------------------------
// Several problems at once.

CaseStudy CaseWithFiveProblems() {
  CaseStudy c = SampleCase();
  c.language = "dk";
  c.summary = "";
  c.sdgs = {9, 11, 18};
  c.outcomes[0].achieved = kNaN;
  c.links[0].url = "www.kk.dk/streetlab";
  return c;
}

TEST(ValidateCaseStudy, ReportsEveryProblemAtOnce) {
  EXPECT_THAT(
      CaseProblems(CaseWithFiveProblems()),
      ElementsAre(Pair("language", "language 'dk' is not a BCP 47 tag: did you mean 'da'?"),
                  Pair("summary", StartsWith("summary is empty")),
                  Pair("sdgs[2]", "sdg 18 is not one of the 17 UN goals"),
                  Pair("outcomes[0].achieved", "achieved is not a finite number"),
                  Pair("links[0].url", StartsWith("link 'www.kk.dk/streetlab' must start with"))));
}

TEST(ValidateProblemsToStatus, ManyProblemsGiveInvalidArgumentNamingEveryField) {
  Status s = ProblemsToStatus(ValidateCaseStudy(CaseWithFiveProblems()), "case study");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), StartsWith("case study has 5 problems"));
  for (const char* field :
       {"language", "summary", "sdgs[2]", "outcomes[0].achieved", "links[0].url"}) {
    EXPECT_THAT(s.message(), HasSubstr(std::string(field) + ": ")) << field;
  }
  EXPECT_THAT(s.message(), HasSubstr("sdg 18 is not one of the 17 UN goals"));
  EXPECT_THAT(s.message(), HasSubstr("did you mean 'da'?"));
}

TEST(ValidateProblemsToStatus, NoProblemsIsOk) {
  EXPECT_TRUE(ProblemsToStatus({}, "case study").ok());
}

TEST(ValidateProblemsToStatus, OneProblemNamesWhatFieldAndMessage) {
  Status s =
      ProblemsToStatus({Problem{"sdgs[1]", "sdg 18 is not one of the 17 UN goals"}}, "case study");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), StartsWith("case study"));
  EXPECT_THAT(s.message(), HasSubstr("sdgs[1]: sdg 18 is not one of the 17 UN goals"));
}

TEST(ValidateProblemsToStatus, ToStringJoinsFieldAndMessage) {
  EXPECT_EQ(ToString(Problem{"sdgs[1]", "sdg 18 is not one of the 17 UN goals"}),
            "sdgs[1]: sdg 18 is not one of the 17 UN goals");
  EXPECT_EQ(ToString(Problem{"", "the whole thing is wrong"}), "the whole thing is wrong");
}

// ---------------------------------------------------------------------------------------------
// Dataset: metadata.

TEST(ValidateDataset, EmptyRequiredTexts) {
  Dataset d = SampleDataset();
  d.title = "";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("title", "title is empty")));
  d = SampleDataset();
  d.publisher = "";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("publisher", "publisher is empty")));
  d = SampleDataset();
  d.description = "";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("description",
                               "description is empty: say what the table holds, "
                               "where it comes from and how it was collected")));
}

TEST(ValidateDataset, TextRules) {
  Dataset d = SampleDataset();
  d.title = std::string(kMaxTitleChars + 1, 't');
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("title", "title is 301 characters long; the limit is 300")));
  d = SampleDataset();
  d.description = std::string(kMaxSummaryChars + 1, 'd');
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("description",
                               "description is 3001 characters long; the limit is "
                               "3000")));
  d = SampleDataset();
  d.publisher = "City of \xff";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("publisher", "publisher is not valid UTF-8 at byte 8")));
  d = SampleDataset();
  d.spatial_coverage = "Copenhagen\n";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("spatial_coverage",
                                                   "spatial coverage contains a control character "
                                                   "(U+000A) at byte 10")));
  d.spatial_coverage = "";
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, LanguageAndCountry) {
  Dataset d = SampleDataset();
  d.language = "danish";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("language",
                               "language 'danish' is not a BCP 47 tag: did you mean "
                               "'da'?")));
  d = SampleDataset();
  d.country = "";  // optional for a dataset
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
  d.country = "DEN";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("country",
                               "country 'DEN' is not an ISO 3166-1 alpha-2 code: did "
                               "you mean 'DK'?")));
}

TEST(ValidateDataset, LicenceIsRequired) {
  Dataset d = SampleDataset();
  d.licence = "";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("licence",
                               "licence is empty: a dataset needs an SPDX licence such "
                               "as 'CC-BY-4.0'")));
  d.licence = "odbl";
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("licence",
                               "licence 'odbl' is not an SPDX identifier: did you mean "
                               "'ODbL-1.0'?")));
  d.licence = "ODbL-1.0";
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, NetworksAndThemes) {
  Dataset d = SampleDataset();
  d.networks = {};
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("networks",
                               "networks is empty: name at least one network to share "
                               "the dataset in")));
  d.networks = {"eurocities", "eurocities"};
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("networks[1]", "network 'eurocities' is listed twice")));
  d = SampleDataset();
  d.themes = {"mobility", "Mobility"};
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("themes[1]", "theme 'Mobility' must be lower case: 'mobility'")));
}

TEST(ValidateDataset, TemporalCoverage) {
  Dataset d = SampleDataset();
  d.temporal_coverage = Period{"2025-06", "2025-01"};
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("temporal_coverage",
                                                   "period runs backwards: from '2025-06' is "
                                                   "after to '2025-01'")));
  d.temporal_coverage = Period{"2025-01", "2025-13"};
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("temporal_coverage.to",
                                                   "to '2025-13' is not a date of the form "
                                                   "YYYY, YYYY-MM or YYYY-MM-DD")));
}

// ---------------------------------------------------------------------------------------------
// Dataset: columns.

TEST(ValidateDataset, NoColumns) {
  Dataset d = SampleDataset();
  d.columns = {};
  d.privacy.quasi_identifiers = {};
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("columns", "columns is empty: a dataset has at least one column")));
}

TEST(ValidateDataset, ColumnWithoutName) {
  Dataset d = SampleDataset();
  d.columns[2].name = "";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("columns[2].name", "column name is empty")));
}

TEST(ValidateDataset, ColumnListedTwice) {
  Dataset d = SampleDataset();
  d.columns.push_back(Column{"district", ColumnType::kText, "", ""});
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("columns[3].name", "column 'district' appears twice")));
}

TEST(ValidateDataset, ColumnNameAndDescriptionRules) {
  Dataset d = SampleDataset();
  d.columns[2].name = std::string(129, 'c');
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("columns[2].name",
                                                   "column name is 129 characters long; the limit "
                                                   "is 128")));
  d = SampleDataset();
  d.columns[0].description = "age band\r";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("columns[0].description",
                                                   "column description contains a control "
                                                   "character (U+000D) at byte 8")));
}

TEST(ValidateDataset, TooManyColumns) {
  Dataset d = SampleDataset();
  d.privacy.quasi_identifiers = {};
  d.columns.clear();
  for (const std::string& name : Slugs(4097, "c")) {
    d.columns.push_back(Column{name, ColumnType::kText, "", ""});
  }
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("columns", "columns has 4097 entries; the limit is 4096")));
  d.columns.pop_back();
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Dataset: privacy report.

TEST(ValidateDataset, KRequiredBelowTwo) {
  for (uint32_t k : {0u, 1u}) {
    SCOPED_TRACE(k);
    Dataset d = SampleDataset();
    d.privacy.k_required = k;
    EXPECT_THAT(DatasetProblems(d),
                ElementsAre(Pair("privacy.k_required",
                                 "k = " + std::to_string(k) +
                                     " protects no one: the privacy gate requires k of at least "
                                     "2")));
  }
  Dataset d = SampleDataset();
  d.privacy.k_required = 2;
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, KReachedBelowKRequired) {
  Dataset d = SampleDataset();
  d.privacy.k_reached = 4;  // k_required is 5
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.k_reached",
                                                   "the table reached k = 4 but k = 5 was "
                                                   "required: it must not leave the node")));
  d.privacy.k_reached = 5;
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, LReachedBelowLRequired) {
  Dataset d = SampleDataset();
  d.privacy.sensitive_columns = {"cycles_daily"};
  d.privacy.l_required = 3;
  d.privacy.l_reached = 2;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.l_reached",
                                                   "the table reached l = 2 but l = 3 was "
                                                   "required")));
  d.privacy.l_reached = 3;
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, MoreRowsSuppressedThanTheTableHad) {
  Dataset d = SampleDataset();
  d.privacy.rows_suppressed = 1001;  // rows_in is 1000
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.rows_suppressed",
                                                   "1001 rows suppressed out of 1000: more "
                                                   "than the table had")));
}

TEST(ValidateDataset, InformationLossOutsideZeroToOne) {
  for (double bad : {-0.01, 1.01, kNaN, kInf, -kInf}) {
    SCOPED_TRACE(bad);
    Dataset d = SampleDataset();
    d.privacy.information_loss = bad;
    EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.information_loss",
                                                     "information loss must be between 0 and 1")));
  }
  for (double ok : {0.0, 1.0}) {
    Dataset d = SampleDataset();
    d.privacy.information_loss = ok;
    EXPECT_THAT(DatasetProblems(d), IsEmpty()) << ok;
  }
}

TEST(ValidateDataset, QuasiIdentifierThatIsNotAColumn) {
  Dataset d = SampleDataset();
  d.privacy.quasi_identifiers = {"age", "district", "postcode"};
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.quasi_identifiers[2]",
                                                   "quasi-identifier 'postcode' is "
                                                   "not one of the columns")));
}

TEST(ValidateDataset, SensitiveColumnThatIsNotAColumn) {
  Dataset d = SampleDataset();
  d.privacy.sensitive_columns = {"cycles_daily", "income"};
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("privacy.sensitive_columns[1]",
                                                   "sensitive column 'income' is not "
                                                   "one of the columns")));
}

TEST(ValidateDataset, DroppedColumnsNeedNotBeColumns) {
  // A dropped column left the table, so it is not among the columns: that is the point.
  Dataset d = SampleDataset();
  ASSERT_FALSE(d.privacy.dropped_columns.empty());
  EXPECT_EQ(d.privacy.dropped_columns[0].column, "name");
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

TEST(ValidateDataset, GateVersionTwoGivesEveryColumnARole) {
  EXPECT_THAT(DatasetProblems(SampleDatasetV2()), IsEmpty());
  Dataset d = SampleDatasetV2();
  d.privacy.column_roles.erase(d.privacy.column_roles.begin() + 3);  // district
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("privacy.column_roles", "column 'district' has no role"),
                          Pair("privacy.quasi_identifiers",
                               "the quasi-identifiers differ from the columns whose role is "
                               "quasi-identifier")));
}

TEST(ValidateDataset, GateVersionTwoNeverPublishesAnIdentifier) {
  Dataset d = SampleDatasetV2();
  d.privacy.column_roles[4].role = ColumnRole::kIdentifier;  // cycles_daily, published
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("privacy.column_roles[4]",
                               "column 'cycles_daily' is a direct identifier and must not be "
                               "published")));
}

TEST(ValidateDataset, GateVersionTwoRolesAgreeWithTheBody) {
  Dataset d = SampleDatasetV2();
  d.privacy.column_roles[5].published = true;  // comment, not a column of the body
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("privacy.column_roles[5]",
                               "column 'comment' is said to be published but is not a column of "
                               "the body")));
  d = SampleDatasetV2();
  d.privacy.column_roles[2].role = ColumnRole::kInsensitive;  // age, listed as quasi-identifier
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("privacy.quasi_identifiers",
                               "the quasi-identifiers differ from the columns whose role is "
                               "quasi-identifier")));
  d = SampleDatasetV2();
  d.privacy.column_roles.push_back(d.privacy.column_roles[0]);
  EXPECT_THAT(DatasetProblems(d),
              ElementsAre(Pair("privacy.column_roles[6]", "column 'name' has two roles")));
}

TEST(ValidateDataset, GateVersionOneNeedsNoRoles) {
  // Records published before roles existed stay valid: partners hold them.
  Dataset d = SampleDataset();
  ASSERT_EQ(d.privacy.gate_version, 1);
  ASSERT_TRUE(d.privacy.column_roles.empty());
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Dataset: body.

TEST(ValidateDataset, MediaTypeMustBeCsv) {
  Dataset d = SampleDataset();
  d.body.media_type = "application/json";
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.media_type",
                                                   "media type 'application/json' is not "
                                                   "supported: datasets are 'text/csv'")));
}

TEST(ValidateDataset, ChunkOfZeroBytes) {
  Dataset d = SampleDataset();
  d.body.chunks[1].size = 0;
  d.body.total_size = 2000;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.chunks[1].size",
                                                   "chunk of 0 bytes: chunks are 1 to 1048576 "
                                                   "bytes")));
}

TEST(ValidateDataset, ChunkOverOneMebibyte) {
  Dataset d = SampleDataset();
  d.body.chunks[0].size = kMaxChunkBytes;
  d.body.total_size = kMaxChunkBytes + 1000;
  EXPECT_THAT(DatasetProblems(d), IsEmpty());
  d.body.chunks[0].size = kMaxChunkBytes + 1;
  d.body.total_size = kMaxChunkBytes + 1001;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.chunks[0].size",
                                                   "chunk of 1048577 bytes: chunks are 1 to "
                                                   "1048576 bytes")));
}

TEST(ValidateDataset, NoChunks) {
  Dataset d = SampleDataset();
  d.body.chunks = {};
  d.body.total_size = 0;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.chunks", "the body has no chunks")));
}

TEST(ValidateDataset, TooManyChunks) {
  Dataset d = SampleDataset();
  ChunkRef one = d.body.chunks[0];
  one.size = 1;
  d.body.chunks.assign((1u << 16) + 1, one);
  d.body.total_size = (1u << 16) + 1;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.chunks",
                                                   "body.chunks has 65537 entries; the limit is "
                                                   "65536")));
}

TEST(ValidateDataset, ChunksThatDoNotAddUpToTheTotal) {
  Dataset d = SampleDataset();
  d.body.total_size = 3001;
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.total_size",
                                                   "the chunks add up to 3000 bytes but the body "
                                                   "says 3001")));
}

TEST(ValidateDataset, RowCountThatDisagreesWithThePrivacyReport) {
  Dataset d = SampleDataset();
  d.body.row_count = 989;  // 1000 in, 12 suppressed: 988
  EXPECT_THAT(DatasetProblems(d), ElementsAre(Pair("body.row_count",
                                                   "the body has 989 rows but the privacy report "
                                                   "says 1000 in, 12 suppressed")));
}

// ---------------------------------------------------------------------------------------------
// Retraction and erasure receipt.

TEST(ValidateRetraction, EmptyReasonSaysWhatToWrite) {
  Retraction r = SampleRetraction();
  r.reason = "";
  EXPECT_THAT(Fm(ValidateRetraction(r)),
              ElementsAre(Pair("reason",
                               "reason is empty: say why the records are retracted "
                               "(without personal data), e.g. 'erasure request under "
                               "GDPR article 17'")));
}

TEST(ValidateRetraction, ReasonTextRules) {
  Retraction r = SampleRetraction();
  r.reason = "Two lines:\nboth fine.";
  EXPECT_THAT(Fm(ValidateRetraction(r)), IsEmpty());
  r.reason = std::string(kMaxSummaryChars + 1, 'r');
  EXPECT_THAT(Fm(ValidateRetraction(r)),
              ElementsAre(Pair("reason", "reason is 3001 characters long; the limit is 3000")));
  r.reason = "bell\x07";
  EXPECT_THAT(Fm(ValidateRetraction(r)),
              ElementsAre(Pair("reason",
                               "reason contains a control character (U+0007) at byte "
                               "4")));
  r.reason = "\xE2\x82";  // truncated euro sign
  EXPECT_THAT(Fm(ValidateRetraction(r)),
              ElementsAre(Pair("reason", "reason is not valid UTF-8 at byte 0")));
}

TEST(ValidateErasureReceipt, MissingErasureTime) {
  for (int64_t t : {int64_t{0}, int64_t{-5}}) {
    ErasureReceipt e = SampleReceipt();
    e.erased_at_ms = t;
    EXPECT_THAT(Fm(ValidateErasureReceipt(e)),
                ElementsAre(Pair("erased_at_ms", "erasure time is missing")))
        << t;
  }
}

TEST(ValidateErasureReceipt, NoItems) {
  ErasureReceipt e = SampleReceipt();
  e.items = {};
  EXPECT_THAT(Fm(ValidateErasureReceipt(e)),
              ElementsAre(Pair("items", "an erasure receipt lists at least one record")));
}

TEST(ValidateErasureReceipt, RecordListedTwice) {
  ErasureReceipt e = SampleReceipt();
  e.items.push_back(ErasureItem{Id(0xaa), ErasureOutcome::kUnknownRecord});
  EXPECT_THAT(Fm(ValidateErasureReceipt(e)),
              ElementsAre(Pair("items[2]", "record aaaaaaaaaaaaaaaa is listed twice")));
}

TEST(ValidateErasureReceipt, TooManyItems) {
  ErasureReceipt e = SampleReceipt();
  e.items.clear();
  for (const RecordId& id : Ids(kMaxRetractionTargets)) {
    e.items.push_back(ErasureItem{id, ErasureOutcome::kPurged});
  }
  EXPECT_THAT(Fm(ValidateErasureReceipt(e)), IsEmpty());
  e.items.clear();
  for (const RecordId& id : Ids(kMaxRetractionTargets + 1)) {
    e.items.push_back(ErasureItem{id, ErasureOutcome::kPurged});
  }
  EXPECT_THAT(Fm(ValidateErasureReceipt(e)),
              ElementsAre(Pair("items", "items has 257 entries; the limit is 256")));
}

TEST(ValidatePayload, DispatchesOnTheKind) {
  CaseStudy c = SampleCase();
  c.sdgs = {9, 11, 18};
  EXPECT_EQ(ValidatePayload(c), ValidateCaseStudy(c));
  EXPECT_THAT(Fm(ValidatePayload(c)), SizeIs(1));
  Dataset d = SampleDataset();
  d.privacy.k_reached = 1;
  EXPECT_EQ(ValidatePayload(d), ValidateDataset(d));
  EXPECT_THAT(Fm(ValidatePayload(d)), SizeIs(1));
  EXPECT_THAT(Fm(ValidatePayload(Retraction{""})),
              ElementsAre(Pair("reason", StartsWith("reason is empty"))));
  EXPECT_THAT(Fm(ValidatePayload(ErasureReceipt{})),
              ElementsAre(Pair("erased_at_ms", "erasure time is missing"),
                          Pair("items", "an erasure receipt lists at least one record")));
}

// ---------------------------------------------------------------------------------------------
// Header.

TEST(ValidateHeader, UnknownFormatVersion) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.format_version = 2;
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("format_version", "format version 2 is unknown")));
  h.format_version = 0;
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("format_version", "format version 0 is unknown")));
}

TEST(ValidateHeader, NetworkMustBeASlug) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.network = "C40";
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("network", "network 'C40' must be lower case: 'c40'")));
  h.network = "";
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("network", "network '' is empty")));
}

TEST(ValidateHeader, SeqZero) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.seq = 0;
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("seq", "seq starts at 1")));
}

TEST(ValidateHeader, PrevOnTheFirstRecord) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.prev = Id(9);
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("prev", "the first record of a feed (seq 1) has no prev")));
}

TEST(ValidateHeader, MissingPrevAfterTheFirstRecord) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.seq = 2;
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("prev", "record 2 of a feed must name its predecessor (prev)")));
  h.prev = Id(9);
  EXPECT_THAT(HeaderProblems(h), IsEmpty());
}

TEST(ValidateHeader, CreationTimeBetween2020And9999) {
  constexpr int64_t k2020 = 1577836800000;         // 2020-01-01T00:00:00Z
  constexpr int64_t kEndOf9999 = 253402300799000;  // 9999-12-31T23:59:59Z
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  for (int64_t ok : {k2020, kTestTimeMs, kEndOf9999}) {
    h.created_at_ms = ok;
    EXPECT_THAT(HeaderProblems(h), IsEmpty()) << ok;
  }
  for (int64_t bad :
       {k2020 - 1, int64_t{0}, int64_t{-1}, kEndOf9999 + 1, std::numeric_limits<int64_t>::max()}) {
    h.created_at_ms = bad;
    EXPECT_THAT(HeaderProblems(h),
                ElementsAre(Pair("created_at_ms",
                                 "creation time " + std::to_string(bad) +
                                     " ms is not between 2020 and 9999: is the author's clock "
                                     "set?")));
  }
}

constexpr const char* kOnlyRetractionNamesRecords =
    "a retraction, and only a retraction, names the records it retracts";
constexpr const char* kOnlyReceiptNamesRetraction =
    "an erasure receipt, and only a receipt, names the retraction it answers";

TEST(ValidateHeader, RefsThatDoNotFitTheKind) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.refs = RetractionRefs{{Id(1)}};
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("refs", kOnlyRetractionNamesRecords)));
  h.refs = ErasureReceiptRefs{Id(2), TestKey(2).public_key()};
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("refs", kOnlyReceiptNamesRetraction)));

  h = ValidHeader(RecordKind::kDataset);
  h.refs = RetractionRefs{{Id(1)}};
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("refs", kOnlyRetractionNamesRecords)));

  h = ValidHeader(RecordKind::kRetraction);
  h.refs = std::monostate{};
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("refs", kOnlyRetractionNamesRecords)));

  h = ValidHeader(RecordKind::kErasureReceipt);
  h.refs = std::monostate{};
  EXPECT_THAT(HeaderProblems(h), ElementsAre(Pair("refs", kOnlyReceiptNamesRetraction)));
}

TEST(ValidateHeader, RetractionWithoutTargets) {
  RecordHeader h = ValidHeader(RecordKind::kRetraction);
  h.refs = RetractionRefs{};
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("refs.targets", "a retraction names at least one record")));
}

TEST(ValidateHeader, RetractionTargetNamedTwice) {
  RecordHeader h = ValidHeader(RecordKind::kRetraction);
  h.refs = RetractionRefs{{Id(7), Id(8), Id(7)}};
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("refs.targets[2]", "record 0707070707070707 is named twice")));
}

TEST(ValidateHeader, TooManyRetractionTargets) {
  RecordHeader h = ValidHeader(RecordKind::kRetraction);
  h.refs = RetractionRefs{Ids(kMaxRetractionTargets)};
  EXPECT_THAT(HeaderProblems(h), IsEmpty());
  h.refs = RetractionRefs{Ids(kMaxRetractionTargets + 1)};
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("refs.targets", "refs.targets has 257 entries; the limit is 256")));
}

TEST(ValidateHeader, SupersedesOnlyOnCaseStudiesAndDatasets) {
  for (RecordKind kind : {RecordKind::kCaseStudy, RecordKind::kDataset}) {
    RecordHeader h = ValidHeader(kind);
    h.supersedes = Id(5);
    EXPECT_THAT(HeaderProblems(h), IsEmpty()) << RecordKindName(kind);
  }
  for (RecordKind kind : {RecordKind::kRetraction, RecordKind::kErasureReceipt}) {
    RecordHeader h = ValidHeader(kind);
    h.supersedes = Id(5);
    EXPECT_THAT(HeaderProblems(h),
                ElementsAre(Pair("supersedes", "only case studies and datasets have new versions")))
        << RecordKindName(kind);
  }
}

TEST(ValidateHeader, ReportsEveryProblemAtOnce) {
  RecordHeader h = ValidHeader(RecordKind::kRetraction);
  h.format_version = 9;
  h.seq = 0;
  h.created_at_ms = 0;
  h.supersedes = Id(5);
  EXPECT_THAT(HeaderProblems(h),
              ElementsAre(Pair("format_version", "format version 9 is unknown"),
                          Pair("seq", "seq starts at 1"),
                          Pair("created_at_ms", StartsWith("creation time 0 ms")),
                          Pair("supersedes", "only case studies and datasets have new versions")));
}

// ---------------------------------------------------------------------------------------------
// Header and payload together.

TEST(ValidateRecordPair, KindMismatch) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleDataset())),
              ElementsAre(Pair("kind", "the header says case-study but the payload is a dataset")));
  h = ValidHeader(RecordKind::kRetraction);
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleReceipt())),
              ElementsAre(Pair("kind",
                               "the header says retraction but the payload is a "
                               "erasure-receipt")));
}

TEST(ValidateRecordPair, CaseMustListTheNetwork) {
  RecordHeader h = ValidHeader(RecordKind::kCaseStudy);
  h.network = "c40";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleCase())), IsEmpty());
  h.network = "eurocities";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleCase())), IsEmpty());
  h.network = "metropolis";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleCase())),
              ElementsAre(Pair("network",
                               "the record is addressed to network 'metropolis', but "
                               "the case does not list it among its networks")));
}

TEST(ValidateRecordPair, DatasetMustListTheNetwork) {
  RecordHeader h = ValidHeader(RecordKind::kDataset);
  h.network = "eurocities";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleDataset())), IsEmpty());
  h.network = "c40";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleDataset())),
              ElementsAre(Pair("network",
                               "the record is addressed to network 'c40', but the "
                               "dataset does not list it among its networks")));
}

TEST(ValidateRecordPair, RetractionsAndReceiptsGoToAnyNetwork) {
  RecordHeader h = ValidHeader(RecordKind::kRetraction);
  h.network = "metropolis";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleRetraction())), IsEmpty());
  h = ValidHeader(RecordKind::kErasureReceipt);
  h.network = "metropolis";
  EXPECT_THAT(Fm(ValidateRecordPair(h, SampleReceipt())), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// SignRecord never signs an invalid record.

TEST(ValidateSignRecord, SignsAValidCase) {
  auto signed_record = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  EXPECT_TRUE(signed_record.ok()) << signed_record.status().ToString();
}

TEST(ValidateSignRecord, RefusesACaseWithSdg18) {
  CaseStudy c = SampleCase();
  c.sdgs = {9, 18, 11, 17};
  auto signed_record = SignRecord(TestKey(1), Draft("c40", 1), c);
  ASSERT_FALSE(signed_record.ok());
  EXPECT_EQ(signed_record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(signed_record.status().message(),
              HasSubstr("sdgs[1]: sdg 18 is not one of the 17 UN goals"));
}

TEST(ValidateSignRecord, ListsPayloadHeaderAndPairProblemsTogether) {
  CaseStudy c = SampleCase();
  c.sdgs = {9, 18, 11, 17};
  RecordDraft draft = Draft("metropolis", 1);
  draft.seq = 0;
  auto signed_record = SignRecord(TestKey(1), draft, c);
  ASSERT_FALSE(signed_record.ok());
  const Status s = signed_record.status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("has 3 problems"));
  EXPECT_THAT(s.message(), HasSubstr("sdgs[1]: sdg 18 is not one of the 17 UN goals"));
  EXPECT_THAT(s.message(), HasSubstr("seq: seq starts at 1"));
  EXPECT_THAT(s.message(), HasSubstr("network: the record is addressed to network 'metropolis'"));
}

TEST(ValidateSignRecord, RefusesInvalidDatasetRetractionAndHeader) {
  Dataset d = SampleDataset();
  d.privacy.k_reached = 4;
  auto ds = SignRecord(TestKey(1), Draft("eurocities", 1), d);
  ASSERT_FALSE(ds.ok());
  EXPECT_EQ(ds.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ds.status().message(), HasSubstr("privacy.k_reached"));

  RecordDraft rd = Draft("c40", 2, Id(1));
  rd.refs = RetractionRefs{{Id(1)}};
  auto rt = SignRecord(TestKey(1), rd, Retraction{""});
  ASSERT_FALSE(rt.ok());
  EXPECT_THAT(rt.status().message(), HasSubstr("reason: reason is empty"));

  rd.supersedes = Id(3);
  auto rs = SignRecord(TestKey(1), rd, SampleRetraction());
  ASSERT_FALSE(rs.ok());
  EXPECT_THAT(rs.status().message(),
              HasSubstr("supersedes: only case studies and datasets have new versions"));
}

// ---------------------------------------------------------------------------------------------
// Node card.

TEST(ValidateNodeCard, NameMustBeASlug) {
  NodeCard n = SampleCard();
  n.name = "Copenhagen";
  EXPECT_THAT(CardProblems(n),
              ElementsAre(Pair("name", "node name 'Copenhagen' must be lower case: 'copenhagen'")));
  n.name = "";
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("name", "node name '' is empty")));
}

TEST(ValidateNodeCard, DisplayNameIsOptionalSingleLineText) {
  NodeCard n = SampleCard();
  n.display_name = "";
  EXPECT_THAT(CardProblems(n), IsEmpty());
  n.display_name = "City\tof Copenhagen";
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("display_name",
                                                "display name contains a control character "
                                                "(U+0009) at byte 4")));
  n.display_name = std::string(kMaxShortTextChars + 1, 'x');
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("display_name",
                                                "display name is 301 characters long; the limit "
                                                "is 300")));
  n.display_name = "City of Copenhagen ";
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("display_name",
                                                "display name 'City of Copenhagen ' starts or "
                                                "ends with a space")));
}

TEST(ValidateNodeCard, KeysMustNotBeZero) {
  NodeCard n = SampleCard();
  n.signing_key = SigningPublicKey{};
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("signing_key", "signing key is all zeros")));
  n = SampleCard();
  n.transport_key = TransportPublicKey{};
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("transport_key", "transport key is all zeros")));
}

TEST(ValidateNodeCard, EndpointNotOfTheFormTcpHostPort) {
  for (const char* bad : {"node.kk.dk:7400", "udp://node.kk.dk:7400", "tcp://node.kk.dk", "tcp://",
                          "TCP://node.kk.dk:7400"}) {
    NodeCard n = SampleCard();
    n.endpoints = {"tcp://node.kk.dk:7400", bad};
    EXPECT_THAT(CardProblems(n),
                ElementsAre(Pair("endpoints[1]", std::string("endpoint '") + bad +
                                                     "' is not of the form tcp://HOST:PORT")));
  }
}

TEST(ValidateNodeCard, EndpointWithControlCharacter) {
  NodeCard n = SampleCard();
  n.endpoints = {"tcp://node.kk.dk:7400\n"};
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("endpoints[0]",
                                                "endpoint contains a control character (U+000A) "
                                                "at byte 21")));
}

// Endpoints once passed with only some ':' after "tcp://"; no host or no port is refused.
TEST(ValidateNodeCard, EndpointWithoutHostOrPort) {
  for (const char* bad : {"tcp://:7400", "tcp://node.kk.dk:", "tcp://:"}) {
    NodeCard n = SampleCard();
    n.endpoints = {bad};
    EXPECT_THAT(CardProblems(n),
                ElementsAre(Pair("endpoints[0]", std::string("endpoint '") + bad +
                                                     "' is not of the form tcp://HOST:PORT")));
  }
}

TEST(ValidateNodeCard, EndpointHostAndPortRules) {
  for (const char* ok : {"tcp://node.kk.dk:7400", "tcp://10.0.0.7:1", "tcp://localhost:65535",
                         "tcp://[2001:db8::1]:7400", "tcp://[::1]:7400"}) {
    NodeCard n = SampleCard();
    n.endpoints = {ok};
    EXPECT_THAT(CardProblems(n), IsEmpty()) << ok;
  }
  for (const char* bad :
       {"tcp://node.kk.dk:0", "tcp://node.kk.dk:65536", "tcp://node.kk.dk:74a0",
        "tcp://node.kk.dk:123456", "tcp://-node.kk.dk:7400", "tcp://node.kk.dk.:7400",
        "tcp://node kk.dk:7400", "tcp://[]:7400", "tcp://::1:7400"}) {
    NodeCard n = SampleCard();
    n.endpoints = {bad};
    EXPECT_THAT(CardProblems(n),
                ElementsAre(Pair("endpoints[0]", std::string("endpoint '") + bad +
                                                     "' is not of the form tcp://HOST:PORT")));
  }
}

TEST(ValidateNodeCard, TooManyEndpoints) {
  NodeCard n = SampleCard();
  n.endpoints.clear();
  for (int i = 0; i < 16; ++i)
    n.endpoints.push_back("tcp://node.kk.dk:" + std::to_string(7400 + i));
  EXPECT_THAT(CardProblems(n), IsEmpty());
  n.endpoints.push_back("tcp://node.kk.dk:7416");
  EXPECT_THAT(CardProblems(n),
              ElementsAre(Pair("endpoints", "endpoints has 17 entries; the limit is 16")));
}

TEST(ValidateNodeCard, NetworksAreOptionalDistinctSlugs) {
  NodeCard n = SampleCard();
  n.networks = {};
  EXPECT_THAT(CardProblems(n), IsEmpty());
  n.networks = {"c40", "c40"};
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("networks[1]", "network 'c40' is listed twice")));
  n.networks = {"Euro Cities"};
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("networks[0]",
                                                "network 'Euro Cities' may only use a-z, 0-9 and "
                                                "'-': try 'euro-cities'")));
}

TEST(ValidateNodeCard, MissingIssueTime) {
  NodeCard n = SampleCard();
  n.issued_at_ms = 0;
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("issued_at_ms", "issue time is missing")));
  n.issued_at_ms = -1;
  EXPECT_THAT(CardProblems(n), ElementsAre(Pair("issued_at_ms", "issue time is missing")));
}

TEST(ValidateNodeCard, ReportsEveryProblemAtOnce) {
  NodeCard n = SampleCard();
  n.name = "";
  n.signing_key = SigningPublicKey{};
  n.endpoints = {"udp://x.org:1"};
  n.issued_at_ms = 0;
  EXPECT_THAT(CardProblems(n),
              ElementsAre(Pair("name", "node name '' is empty"),
                          Pair("signing_key", "signing key is all zeros"),
                          Pair("endpoints[0]", StartsWith("endpoint 'udp://x.org:1'")),
                          Pair("issued_at_ms", "issue time is missing")));
}

}  // namespace
}  // namespace citynet::protocol
