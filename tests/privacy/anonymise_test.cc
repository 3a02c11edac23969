#include "node/privacy/anonymise.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A table that owns its text, so tests can build columns and hand out string_views.
struct TestTable {
  std::vector<std::string> names;
  std::vector<Hierarchy> hierarchies;
  std::vector<std::vector<std::string>> cells;  // column -> rows

  void AddColumn(std::string name, Hierarchy h, std::vector<std::string> values) {
    names.push_back(std::move(name));
    hierarchies.push_back(h);
    cells.push_back(std::move(values));
  }
  std::vector<QuasiIdentifier> Quasi() const {
    std::vector<QuasiIdentifier> out;
    for (std::size_t c = 0; c < names.size(); ++c) {
      QuasiIdentifier q{names[c], hierarchies[c], {}};
      for (const std::string& v : cells[c]) q.values.push_back(v);
      out.push_back(std::move(q));
    }
    return out;
  }
};

SensitiveColumn Sensitive(std::string name, const std::vector<std::string>& values) {
  SensitiveColumn s{std::move(name), {}};
  for (const std::string& v : values) s.values.push_back(v);
  return s;
}

// The published groups of kept rows, counted independently of the engine: a std::map from the
// tuple of published values to the rows in it.
std::map<std::vector<std::string>, std::vector<std::size_t>> PublishedGroups(
    const AnonymiseResult& r) {
  const std::set<uint32_t> dropped(r.suppressed_rows.begin(), r.suppressed_rows.end());
  std::map<std::vector<std::string>, std::vector<std::size_t>> groups;
  for (std::size_t row = 0; row < r.rows; ++row) {
    if (dropped.count(static_cast<uint32_t>(row))) continue;
    std::vector<std::string> tuple;
    for (std::size_t c = 0; c < r.columns.size(); ++c) tuple.push_back(r.Value(c, row));
    groups[tuple].push_back(row);
  }
  return groups;
}

std::size_t SmallestGroup(const AnonymiseResult& r) {
  std::size_t smallest = SIZE_MAX;
  for (const auto& [tuple, rows] : PublishedGroups(r)) smallest = std::min(smallest, rows.size());
  return smallest;
}

std::size_t FewestDistinct(const AnonymiseResult& r, const std::vector<std::string>& sensitive) {
  std::size_t fewest = SIZE_MAX;
  for (const auto& [tuple, rows] : PublishedGroups(r)) {
    std::set<std::string> values;
    for (std::size_t row : rows) values.insert(sensitive[row]);
    fewest = std::min(fewest, values.size());
  }
  return fewest;
}

std::vector<std::string> Repeat(const std::string& v, std::size_t n) {
  return std::vector<std::string>(n, v);
}

// A survey like make_citizens.py: age (gaussian 42 +- 16, 18..95), gender, a postcode from a
// district, household size.
TestTable Survey(std::size_t rows, uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::pair<std::string, std::vector<std::string>>> districts = {
      {"Indre By", {"1050", "1150", "1250", "1360", "1450"}},
      {"Østerbro", {"2100", "2150"}},
      {"Nørrebro", {"2200"}},
      {"Vesterbro", {"1620", "1650", "1720", "2450"}},
      {"Valby", {"2500"}},
      {"Amager Øst", {"2300"}}};
  std::normal_distribution<double> age(42, 16);
  std::vector<std::string> ages, genders, postcodes, names, household;
  for (std::size_t i = 0; i < rows; ++i) {
    ages.push_back(std::to_string(std::clamp(static_cast<int>(age(rng)), 18, 95)));
    genders.push_back(rng() % 2 ? "F" : "M");
    const auto& d = districts[rng() % districts.size()];
    names.push_back(d.first);
    postcodes.push_back(d.second[rng() % d.second.size()]);
    household.push_back(std::to_string(1 + rng() % 5));
  }
  TestTable t;
  t.AddColumn("age", Hierarchy::kInteger, ages);
  t.AddColumn("gender", Hierarchy::kCategory, genders);
  t.AddColumn("postcode", Hierarchy::kPostcode, postcodes);
  t.AddColumn("district", Hierarchy::kCategory, names);
  t.AddColumn("household_size", Hierarchy::kInteger, household);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Detection.

TEST(DetectQuasiIdentifier, KnowsNamesInSeveralLanguagesIgnoringCaseAccentsAndSeparators) {
  const std::vector<std::string_view> ages = {"34", "56", "19"};
  const std::vector<std::string_view> words = {"F", "M"};
  EXPECT_EQ(DetectQuasiIdentifier("Alder", ages), Hierarchy::kInteger);
  EXPECT_EQ(DetectQuasiIdentifier("edad", ages), Hierarchy::kInteger);
  EXPECT_EQ(DetectQuasiIdentifier("年龄", ages), Hierarchy::kInteger);
  EXPECT_EQ(DetectQuasiIdentifier("respondent_age", ages), Hierarchy::kInteger);
  EXPECT_EQ(DetectQuasiIdentifier("KØN", words), Hierarchy::kCategory);
  EXPECT_EQ(DetectQuasiIdentifier("Sexo", words), Hierarchy::kCategory);
  EXPECT_EQ(DetectQuasiIdentifier("性别", words), Hierarchy::kCategory);
  EXPECT_EQ(DetectQuasiIdentifier("Bydel", words), Hierarchy::kCategory);
  EXPECT_EQ(DetectQuasiIdentifier("marital-status", words), Hierarchy::kCategory);
  EXPECT_EQ(DetectQuasiIdentifier("Nationality", words), Hierarchy::kCategory);
  // Postcodes are prefixes, not numbers, even when every value is an integer.
  const std::vector<std::string_view> codes = {"2100", "2200", "1050"};
  EXPECT_EQ(DetectQuasiIdentifier("Postnummer", codes), Hierarchy::kPostcode);
  EXPECT_EQ(DetectQuasiIdentifier("homeZipCode", codes), Hierarchy::kPostcode);
  EXPECT_EQ(DetectQuasiIdentifier("Código postal", codes), Hierarchy::kPostcode);
  EXPECT_EQ(DetectQuasiIdentifier("邮编", codes), Hierarchy::kPostcode);
  const std::vector<std::string_view> dates = {"1980-04-01", "01.02.1975"};
  EXPECT_EQ(DetectQuasiIdentifier("fødselsdato", dates), Hierarchy::kDate);
  EXPECT_EQ(DetectQuasiIdentifier("Fecha de nacimiento", dates), Hierarchy::kDate);
  EXPECT_EQ(DetectQuasiIdentifier("DateOfBirth", dates), Hierarchy::kDate);
  EXPECT_EQ(DetectQuasiIdentifier("dob", dates), Hierarchy::kDate);
}

TEST(DetectQuasiIdentifier, IgnoresOtherColumnsEvenWhenAWordContainsAKey) {
  const std::vector<std::string_view> numbers = {"3", "4"};
  EXPECT_EQ(DetectQuasiIdentifier("page_count", numbers), std::nullopt);
  EXPECT_EQ(DetectQuasiIdentifier("usage", numbers), std::nullopt);
  EXPECT_EQ(DetectQuasiIdentifier("commute_minutes", numbers), std::nullopt);
  EXPECT_EQ(DetectQuasiIdentifier("heating_kwh_year", numbers), std::nullopt);
  EXPECT_EQ(DetectQuasiIdentifier("", numbers), std::nullopt);
}

TEST(HierarchyForValues, ChoosesFromTheValues) {
  EXPECT_EQ(HierarchyForValues("x", {"34", "56", "+3", "-2"}), Hierarchy::kInteger);
  // One "unknown" in ten still makes an integer column; two do not.
  EXPECT_EQ(HierarchyForValues("x", {"1", "2", "3", "4", "5", "6", "7", "8", "9", "unknown", ""}),
            Hierarchy::kInteger);
  EXPECT_EQ(HierarchyForValues("x", {"1", "2", "3", "4", "5", "6", "7", "8", "n/a", "unknown"}),
            Hierarchy::kCategory);
  EXPECT_EQ(HierarchyForValues("x", {"2024-03-05", "05.03.2024", "2024/03/05", "05-03-2024"}),
            Hierarchy::kDate);
  // Not a calendar day, not an ISO date with a 2-digit year.
  EXPECT_EQ(HierarchyForValues("x", {"2023-02-29", "2023-13-01", "23-02-01"}),
            Hierarchy::kCategory);
  EXPECT_EQ(HierarchyForValues("x", {"2024-02-29"}), Hierarchy::kDate);
  // Leading zeros mark codes, not numbers.
  EXPECT_EQ(HierarchyForValues("kode", {"0150", "0200", "0999"}), Hierarchy::kCategory);
  EXPECT_EQ(HierarchyForValues("zip", {"0150", "0200", "0999"}), Hierarchy::kPostcode);
  EXPECT_EQ(HierarchyForValues("x", {"yes", "no"}), Hierarchy::kCategory);
  EXPECT_EQ(HierarchyForValues("x", {}), Hierarchy::kCategory);
  EXPECT_EQ(HierarchyName(Hierarchy::kPostcode), "postcode");
  EXPECT_EQ(HierarchyName(Hierarchy::kInteger), "integer");
}

// ---------------------------------------------------------------------------------------------
// Hierarchies, seen through the published values.

// Anonymises one column with k = rows and no suppression, which forces the first level at
// which all rows fall together.
AnonymiseResult OneGroup(const std::string& name, Hierarchy h, std::vector<std::string> values) {
  TestTable t;
  const uint32_t k = static_cast<uint32_t>(values.size());
  t.AddColumn(name, h, std::move(values));
  auto r = Anonymise(t.Quasi(), {}, {.k = k, .l = 0, .max_suppression = 0});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

TEST(Hierarchies, AgeBandsAreLabelledAndTopCoded) {
  auto r = OneGroup("age", Hierarchy::kInteger, {"30", "31", "32", "33", "34"});
  EXPECT_EQ(r.columns[0].level, 1);
  EXPECT_EQ(r.columns[0].description, "5-year bands");
  EXPECT_EQ(r.Value(0, 0), "30-34");
  r = OneGroup("age", Hierarchy::kInteger, {"30", "35", "39"});
  EXPECT_EQ(r.columns[0].description, "10-year bands");
  EXPECT_EQ(r.Value(0, 2), "30-39");
  r = OneGroup("age", Hierarchy::kInteger, {"20", "39", "25"});
  EXPECT_EQ(r.columns[0].description, "20-year bands");
  EXPECT_EQ(r.Value(0, 1), "20-39");
  r = OneGroup("age", Hierarchy::kInteger, {"91", "104", "90"});
  EXPECT_EQ(r.columns[0].level, 1);
  EXPECT_EQ(r.Value(0, 1), "90+");
  r = OneGroup("age", Hierarchy::kInteger, {"80", "104"});
  EXPECT_EQ(r.Value(0, 0), "80+");
  r = OneGroup("age", Hierarchy::kInteger, {"20", "60"});
  EXPECT_EQ(r.columns[0].description, "removed (*)");
  EXPECT_EQ(r.Value(0, 0), "*");
}

TEST(Hierarchies, YearsOfBirthHaveYearBandsAndOtherIntegersRoundBandsOfTheirRange) {
  auto r = OneGroup("birth_year", Hierarchy::kInteger, {"1990", "1994"});
  EXPECT_EQ(r.columns[0].description, "5-year bands");
  EXPECT_EQ(r.Value(0, 0), "1990-1994");
  // Small counts: bands of 2 over a range of 2, never top-coded.
  r = OneGroup("household_size", Hierarchy::kInteger, {"100", "101"});
  EXPECT_EQ(r.columns[0].description, "bands of 2");
  EXPECT_EQ(r.Value(0, 0), "100-101");
  r = OneGroup("age", Hierarchy::kInteger, {"07", "7"});  // as is differs, the band does not
  EXPECT_EQ(r.Value(0, 0), "5-9");
}

TEST(Hierarchies, WideIntegerColumnsKeepRoundBandsInsteadOfBeingRemoved) {
  // kWh a year of 2,000 households, nearly all distinct: with fixed bands of 5, 10 and 20 the
  // only way to k = 5 was to remove the column.
  std::vector<std::string> kwh;
  uint64_t x = 12345;
  for (int i = 0; i < 2000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    kwh.push_back(std::to_string(4000 + (x >> 33) % 10000));
  }
  TestTable t;
  t.AddColumn("heating_kwh_year", Hierarchy::kInteger, kwh);
  auto r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 0.01});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(r->columns[0].description,
              ::testing::AnyOf("bands of 200", "bands of 500", "bands of 1000", "bands of 2000"));
  EXPECT_GE(SmallestGroup(*r), 5u);
  const std::string v = r->Value(0, 0);
  ASSERT_NE(v.find('-'), std::string::npos) << v;
  const long low = std::stol(v.substr(0, v.find('-')));
  const long high = std::stol(v.substr(v.find('-') + 1));
  EXPECT_LE(low, std::stol(kwh[0]));
  EXPECT_GE(high, std::stol(kwh[0]));
}

TEST(Hierarchies, DatesInEveryAcceptedFormatGoToMonthThenYear) {
  auto r =
      OneGroup("dob", Hierarchy::kDate, {"2024-03-05", "05.03.2024", "2024/03/31", "07-03-2024"});
  EXPECT_EQ(r.columns[0].description, "month");
  for (std::size_t row = 0; row < 4; ++row) EXPECT_EQ(r.Value(0, row), "2024-03");
  r = OneGroup("dob", Hierarchy::kDate, {"1975-01-01", "31.12.1975"});
  EXPECT_EQ(r.columns[0].description, "year");
  EXPECT_EQ(r.Value(0, 1), "1975");
}

TEST(Hierarchies, BirthDatesGoToBandsOfYearsBeforeTheyAreRemoved) {
  auto r = OneGroup("dob", Hierarchy::kDate, {"1985-03-12", "1987-11-30"});
  EXPECT_EQ(r.columns[0].description, "5-year bands");
  EXPECT_EQ(r.Value(0, 0), "1985-1989");
  r = OneGroup("dob", Hierarchy::kDate, {"1981-03-12", "1987-11-30"});
  EXPECT_EQ(r.columns[0].description, "10-year bands");
  EXPECT_EQ(r.Value(0, 1), "1980-1989");
}

TEST(Hierarchies, PostcodesLoseTheirLastCharactersOneByOne) {
  auto r = OneGroup("postcode", Hierarchy::kPostcode, {"2150", "2151"});
  EXPECT_EQ(r.columns[0].description, "first 3 characters");
  EXPECT_EQ(r.Value(0, 0), "215*");
  r = OneGroup("postcode", Hierarchy::kPostcode, {"2150", "2100"});
  EXPECT_EQ(r.columns[0].description, "first 2 characters");
  EXPECT_EQ(r.Value(0, 1), "21**");
  r = OneGroup("postcode", Hierarchy::kPostcode, {"2150", "2900"});
  EXPECT_EQ(r.columns[0].description, "first character");
  r = OneGroup("postcode", Hierarchy::kPostcode, {"sw1a 1aa", "SW1A 2AB"});
  EXPECT_EQ(r.Value(0, 0), "SW1A***");
  r = OneGroup("postcode", Hierarchy::kPostcode, {"2150", "3150"});
  EXPECT_EQ(r.columns[0].description, "removed (*)");
}

TEST(Hierarchies, CategoriesAreKeptOrRemoved) {
  auto r = OneGroup("gender", Hierarchy::kCategory, {"F", "M"});
  EXPECT_EQ(r.columns[0].level, 1);
  EXPECT_EQ(r.Value(0, 0), "*");
  r = OneGroup("gender", Hierarchy::kCategory, {"F", "F"});
  EXPECT_EQ(r.columns[0].description, "as is");
  EXPECT_EQ(r.Value(0, 0), "F");
}

TEST(Hierarchies, UnparsedValuesStayAsTheyAreBelowTheTop) {
  TestTable t;
  std::vector<std::string> ages = {"30", "31", "32", "33", "34"};
  for (int i = 0; i < 5; ++i) ages.push_back(i % 2 ? "unknown" : "");
  t.AddColumn("age", Hierarchy::kInteger, ages);
  // "unknown" x2 and "" x3: k = 2 groups them as they are; ages need 5-year bands.
  auto r = Anonymise(t.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->columns[0].level, 1);
  EXPECT_EQ(r->Value(0, 0), "30-34");
  EXPECT_EQ(r->Value(0, 5), "");
  EXPECT_EQ(r->Value(0, 6), "unknown");
  EXPECT_EQ(SmallestGroup(*r), 2u);
}

// ---------------------------------------------------------------------------------------------
// Choosing the level vector.

TEST(Anonymise, ChoosesTheLeastLossNotTheFewestSteps) {
  // Removing gender (one step) passes, but 10-year bands for age (two steps) lose far less:
  // with ages spanning 0..99, a 10-year band costs 9/99 of a cell, a removed gender a whole one.
  TestTable t;
  t.AddColumn("age", Hierarchy::kInteger, {"30", "30", "35", "35", "0", "0", "99", "99"});
  t.AddColumn("gender", Hierarchy::kCategory, {"M", "F", "M", "F", "M", "M", "F", "F"});
  auto r = Anonymise(t.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->columns[0].level, 2);
  EXPECT_EQ(r->columns[0].description, "10-year bands");
  EXPECT_EQ(r->columns[1].level, 0);
  EXPECT_NEAR(r->information_loss, 8 * (9.0 / 99) / 16, 1e-9);
  EXPECT_TRUE(r->least_loss_proven);
  EXPECT_EQ(r->k_reached, 2u);
  EXPECT_EQ(SmallestGroup(*r), 2u);
}

TEST(Anonymise, SuppressesAnOutlierRatherThanGeneraliseEveryone) {
  TestTable t;
  std::vector<std::string> ages;
  for (int i = 0; i < 99; ++i) ages.push_back(std::to_string(30 + 10 * (i % 3)));
  ages.insert(ages.begin() + 42, "77");
  t.AddColumn("age", Hierarchy::kInteger, ages);
  auto r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 0.05});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->columns[0].level, 0);
  EXPECT_THAT(r->suppressed_rows, ElementsAre(42u));
  EXPECT_EQ(r->Value(0, 42), "*");  // a suppressed row reveals nothing even if published
  EXPECT_NEAR(r->information_loss, 0.01, 1e-12);
  EXPECT_EQ(r->k_reached, 33u);
  EXPECT_EQ(r->groups, 3u);

  // Without suppression the outlier forces bands on everyone.
  r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->suppressed_rows.empty());
  EXPECT_GT(r->columns[0].level, 0);
  EXPECT_GE(SmallestGroup(*r), 5u);
}

TEST(Anonymise, SurveyReachesKWithinTheSuppressionBound) {
  const TestTable t = Survey(5000, 7);
  for (uint32_t k : {2u, 5u, 10u, 25u}) {
    for (double bound : {0.0, 0.01, 0.05}) {
      auto r = Anonymise(t.Quasi(), {}, {.k = k, .l = 0, .max_suppression = bound});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_LE(r->suppressed_rows.size(), std::floor(bound * 5000 + 1e-9)) << k << " " << bound;
      EXPECT_TRUE(std::is_sorted(r->suppressed_rows.begin(), r->suppressed_rows.end()));
      EXPECT_GE(SmallestGroup(*r), k);
      EXPECT_EQ(SmallestGroup(*r), r->k_reached);
      EXPECT_EQ(PublishedGroups(*r).size(), r->groups);
      EXPECT_GE(r->information_loss, 0);
      EXPECT_LE(r->information_loss, 1);
      ASSERT_EQ(r->columns.size(), 5u);
      EXPECT_EQ(r->columns[2].name, "postcode");
    }
  }
}

TEST(Anonymise, ManyQuasiIdentifiersWithANearlyUniqueOneStayCorrect) {
  TestTable t = Survey(1500, 21);
  std::mt19937 rng(4);
  std::vector<std::string> kwh, mode, minutes;
  const char* modes[] = {"bicycle", "metro", "bus", "car", "walk", "train"};
  for (int i = 0; i < 1500; ++i) {
    kwh.push_back(std::to_string(4000 + rng() % 10000));  // nearly unique
    mode.push_back(modes[rng() % 6]);
    minutes.push_back(std::to_string(3 + rng() % 50));
  }
  t.AddColumn("heating_kwh_year", Hierarchy::kInteger, kwh);
  t.AddColumn("commute_mode", Hierarchy::kCategory, mode);
  t.AddColumn("commute_minutes", Hierarchy::kInteger, minutes);
  auto r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 0.05});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->least_loss_proven);
  EXPECT_GE(SmallestGroup(*r), 5u);
  EXPECT_LE(r->suppressed_rows.size(), 75u);
  EXPECT_GT(r->columns[5].level, 0);  // the nearly unique column cannot stay as is
}

TEST(Anonymise, IsDeterministicAndIndependentOfRowOrderInItsChoice) {
  const TestTable t = Survey(3000, 11);
  const AnonymiseOptions options{.k = 10, .l = 0, .max_suppression = 0.05};
  auto a = Anonymise(t.Quasi(), {}, options);
  auto b = Anonymise(t.Quasi(), {}, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->suppressed_rows, b->suppressed_rows);
  EXPECT_EQ(a->information_loss, b->information_loss);
  for (std::size_t c = 0; c < a->columns.size(); ++c) {
    EXPECT_EQ(a->columns[c].level, b->columns[c].level);
    for (std::size_t row = 0; row < 3000; ++row) ASSERT_EQ(a->Value(c, row), b->Value(c, row));
  }
  TestTable reversed = t;
  for (auto& column : reversed.cells) std::reverse(column.begin(), column.end());
  auto c = Anonymise(reversed.Quasi(), {}, options);
  ASSERT_TRUE(c.ok());
  for (std::size_t i = 0; i < a->columns.size(); ++i) {
    EXPECT_EQ(a->columns[i].level, c->columns[i].level);
  }
  EXPECT_NEAR(a->information_loss, c->information_loss, 1e-12);
  EXPECT_EQ(a->suppressed_rows.size(), c->suppressed_rows.size());
}

TEST(Anonymise, RemovalCanBeForbidden) {
  TestTable t;
  t.AddColumn("gender", Hierarchy::kCategory, {"F", "F", "M", "M", "X"});
  auto r = Anonymise(t.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->columns[0].description, "removed (*)");
  r = Anonymise(t.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0, .allow_removal = false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("gender as is"));
  EXPECT_THAT(r.status().message(), HasSubstr("allow quasi-identifiers to be removed"));
  r = Anonymise(t.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0.2, .allow_removal = false});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->suppressed_rows, ElementsAre(4u));
}

// ---------------------------------------------------------------------------------------------
// Refusals.

TEST(Anonymise, RefusalSaysWhatWasReachedAndWhatToChange) {
  TestTable t;
  std::vector<std::string> ages, postcodes;
  for (int i = 0; i < 1000; ++i) {
    // 940 aged 20-59 and a tail of 60 aged 100-119 (all "80+"), over nine first digits.
    ages.push_back(std::to_string(i < 940 ? 20 + i % 40 : 100 + i % 20));
    postcodes.push_back(std::to_string((1 + i % 9) * 1000 + (i * 37) % 1000));
  }
  t.AddColumn("age", Hierarchy::kInteger, ages);
  t.AddColumn("postcode", Hierarchy::kPostcode, postcodes);
  auto r =
      Anonymise(t.Quasi(), {}, {.k = 10, .l = 0, .max_suppression = 0.05, .allow_removal = false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  const std::string m = r.status().message();
  EXPECT_THAT(m, HasSubstr("cannot reach k = 10"));
  EXPECT_THAT(m, HasSubstr("even with age in 20-year bands and postcode to its first character"));
  EXPECT_THAT(m, HasSubstr("of the 1,000 rows"));
  EXPECT_THAT(m, HasSubstr("in groups smaller than k = 10"));
  EXPECT_THAT(m, HasSubstr("at most 5 % (50 rows) may be suppressed"));
  EXPECT_THAT(m, HasSubstr("lower k (k = "));
  EXPECT_THAT(m, HasSubstr("declare fewer quasi-identifiers"));
  EXPECT_THAT(m, HasSubstr("publish more rows"));
  EXPECT_THAT(m, HasSubstr("raise the suppression bound to "));
}

TEST(Anonymise, RefusesFewerRowsThanK) {
  TestTable t;
  t.AddColumn("age", Hierarchy::kInteger, {"30", "30", "30"});
  auto r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 1});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("the table has 3 rows"));
  EXPECT_THAT(r.status().message(), HasSubstr("publish more rows or lower k"));

  TestTable one;
  one.AddColumn("age", Hierarchy::kInteger, {"30"});
  r = Anonymise(one.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 0.05});
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(Anonymise, RejectsBadArguments) {
  TestTable t;
  t.AddColumn("age", Hierarchy::kInteger, {"30", "31"});
  t.AddColumn("gender", Hierarchy::kCategory, {"F"});
  auto r = Anonymise(t.Quasi(), {}, {});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("'gender' has 1 rows but column 'age' has 2"));

  TestTable ok;
  ok.AddColumn("age", Hierarchy::kInteger, {"30", "31"});
  EXPECT_EQ(Anonymise(ok.Quasi(), {}, {.k = 1}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Anonymise(ok.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = 1.5}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      Anonymise(ok.Quasi(), {}, {.k = 2, .l = 0, .max_suppression = std::nan("")}).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(Anonymise(ok.Quasi(), {}, {.k = 2, .l = 2}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Anonymise({}, {}, {}).status().code(), StatusCode::kInvalidArgument);
  auto mismatched = Anonymise(ok.Quasi(), {Sensitive("income", {"1"})}, {});
  EXPECT_EQ(mismatched.status().code(), StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Edge cases.

TEST(Anonymise, IdenticalRowsAreAlreadyAnonymous) {
  TestTable t;
  t.AddColumn("age", Hierarchy::kInteger, Repeat("41", 10));
  t.AddColumn("postcode", Hierarchy::kPostcode, Repeat("2200", 10));
  auto r = Anonymise(t.Quasi(), {}, {.k = 10, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->columns[0].level, 0);
  EXPECT_EQ(r->columns[1].level, 0);
  EXPECT_EQ(r->information_loss, 0);
  EXPECT_EQ(r->k_reached, 10u);
  EXPECT_EQ(r->Value(1, 9), "2200");
}

TEST(Anonymise, WithoutQuasiIdentifiersAllRowsAreOneGroup) {
  const std::vector<std::string> income = {"1", "2", "3", "4", "5", "6"};
  auto r = Anonymise({}, {Sensitive("income", income)}, {.k = 5, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->columns.empty());
  EXPECT_EQ(r->k_reached, 6u);
  EXPECT_EQ(r->l_reached, 6u);
  EXPECT_EQ(r->groups, 1u);
  EXPECT_EQ(r->information_loss, 0);
  r = Anonymise({}, {Sensitive("income", income)}, {.k = 7, .l = 0, .max_suppression = 0});
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(Anonymise, ValueOutOfRangeIsEmpty) {
  auto r = OneGroup("age", Hierarchy::kInteger, {"30", "31"});
  EXPECT_EQ(r.Value(1, 0), "");
  EXPECT_EQ(r.Value(0, 2), "");
}

// ---------------------------------------------------------------------------------------------
// l-diversity.

TEST(Anonymise, LDiversityGeneralisesUntilEveryGroupHasLValues) {
  TestTable t;
  std::vector<std::string> postcodes, diagnosis;
  for (int i = 0; i < 5; ++i) {
    postcodes.push_back("2100");
    diagnosis.push_back("flu");
    postcodes.push_back("2101");
    diagnosis.push_back("cold");
  }
  t.AddColumn("postcode", Hierarchy::kPostcode, postcodes);
  const std::vector<SensitiveColumn> sensitive = {Sensitive("diagnosis", diagnosis)};
  auto r = Anonymise(t.Quasi(), sensitive, {.k = 5, .l = 0, .max_suppression = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->columns[0].level, 0);  // k alone: each postcode is a group of 5
  EXPECT_EQ(r->l_reached, 1u);        // reported even when not asked for

  r = Anonymise(t.Quasi(), sensitive, {.k = 5, .l = 2, .max_suppression = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->columns[0].level, 1);
  EXPECT_EQ(r->Value(0, 0), "210*");
  EXPECT_EQ(r->l_reached, 2u);
  EXPECT_EQ(FewestDistinct(*r, diagnosis), 2u);

  r = Anonymise(t.Quasi(), sensitive, {.k = 5, .l = 3, .max_suppression = 0.05});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("k = 5 and l = 3"));
  EXPECT_THAT(r.status().message(),
              HasSubstr("with fewer than l = 3 distinct values of 'diagnosis'"));
  EXPECT_THAT(r.status().message(), HasSubstr("lower l"));
}

TEST(Anonymise, LDiversityHoldsOnASurvey) {
  const TestTable t = Survey(4000, 3);
  std::mt19937 rng(5);
  std::vector<std::string> mode, income;
  const char* modes[] = {"bicycle", "bicycle", "bicycle", "metro", "bus", "car", "walk"};
  for (int i = 0; i < 4000; ++i) {
    mode.push_back(modes[rng() % 7]);
    income.push_back(std::to_string(rng() % 9));
  }
  const std::vector<SensitiveColumn> sensitive = {Sensitive("commute_mode", mode),
                                                  Sensitive("income_band", income)};
  auto r = Anonymise(t.Quasi(), sensitive, {.k = 5, .l = 3, .max_suppression = 0.05});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(SmallestGroup(*r), 5u);
  EXPECT_GE(FewestDistinct(*r, mode), 3u);
  EXPECT_GE(FewestDistinct(*r, income), 3u);
  EXPECT_EQ(r->l_reached, std::min(FewestDistinct(*r, mode), FewestDistinct(*r, income)));
  EXPECT_LE(r->suppressed_rows.size(), 200u);
}

// ---------------------------------------------------------------------------------------------
// Measuring published data.

TEST(MeasureAnonymity, CountsGroupsAndDistinctSensitiveValues) {
  const std::vector<std::string_view> age = {"30-34", "30-34", "30-34", "35-39", "35-39"};
  const std::vector<std::string_view> gender = {"F", "F", "F", "M", "M"};
  const std::vector<std::string_view> mode = {"bus", "car", "bus", "walk", "walk"};
  const Anonymity a = MeasureAnonymity({age, gender}, {mode});
  EXPECT_EQ(a.k, 2u);
  EXPECT_EQ(a.l, 1u);
  EXPECT_EQ(a.classes, 2u);
  const Anonymity none = MeasureAnonymity({}, {mode});
  EXPECT_EQ(none.k, 5u);
  EXPECT_EQ(none.l, 3u);
  EXPECT_EQ(none.classes, 1u);
  const Anonymity empty = MeasureAnonymity({}, {});
  EXPECT_EQ(empty.k, 0u);
  EXPECT_EQ(empty.classes, 0u);
}

TEST(MeasureAnonymity, AgreesWithAnonymiseOnASurvey) {
  const TestTable t = Survey(2000, 9);
  auto r = Anonymise(t.Quasi(), {}, {.k = 5, .l = 0, .max_suppression = 0.05});
  ASSERT_TRUE(r.ok());
  std::vector<std::vector<std::string>> published(r->columns.size());
  const std::set<uint32_t> dropped(r->suppressed_rows.begin(), r->suppressed_rows.end());
  for (std::size_t row = 0; row < 2000; ++row) {
    if (dropped.count(static_cast<uint32_t>(row))) continue;
    for (std::size_t c = 0; c < published.size(); ++c) published[c].push_back(r->Value(c, row));
  }
  std::vector<std::vector<std::string_view>> views(published.size());
  for (std::size_t c = 0; c < published.size(); ++c) {
    views[c].assign(published[c].begin(), published[c].end());
  }
  const Anonymity a = MeasureAnonymity(views, {});
  EXPECT_EQ(a.k, r->k_reached);
  EXPECT_EQ(a.classes, r->groups);
}

}  // namespace
}  // namespace citynet::privacy
