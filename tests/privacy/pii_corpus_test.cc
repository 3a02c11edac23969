// The identifier scanner measured on a labelled corpus of free text, against issue 14's goals:
// recall >= 99.5 % in every category x language cell, and >= 95 % of innocuous look-alikes left
// unchanged in every language.
//
// The corpus comes from tests/data/make_pii_corpus.py, run with python3 at test time: survey
// comments and chat-like messages in Danish, English, Spanish and Chinese, written from its own
// templates and vocabularies (not from the scanner's lists). Each identifier item lists the
// substrings that must not survive redaction (each word of a name, the subscriber digits of a
// phone number, street and house number...); an item is recalled when Redact(Scan(text)) holds
// none of them. A look-alike (amounts, postcodes, street names and years in prose, ordinary
// Chinese words that begin with a surname character...) is right when it comes out unchanged.
//
// The tests print the tables and, per cell, up to five misses with what survived or what was
// taken, for whoever works on the detectors. With CITYNET_CORPUS_REPORT=path set, the tables
// alone are also written to that file, for the notes.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/csv.h"
#include "node/privacy/gate.h"
#include "node/privacy/identifiers.h"
#include "tests/privacy/pii_corpus_harness.h"

namespace citynet::privacy {
namespace {

constexpr int kCorpusSeed = 14;
constexpr int kItemsPerCell = 500;
// Below these the goals could not be told apart from noise: at 400 items, 99.5 % allows 2 misses.
constexpr std::size_t kMinItemsPerCell = 400;
constexpr std::size_t kMinLookAlikesPerLanguage = 400;
constexpr double kRecallGoal = 99.5;  // percent
constexpr double kPrecisionGoal = 95.0;
constexpr std::size_t kMissesShown = 5;

constexpr std::string_view kCategories[] = {"name",        "email",     "phone", "address",
                                            "plate",       "birthdate", "ip",    "passport",
                                            "national_id", "bank"};

// The corpus as make_pii_corpus.py writes it, or empty when it did not run.
const std::vector<corpus::Item>& Items() {
  static const std::vector<corpus::Item> items = corpus::Load(
      "make_pii_corpus.py", std::to_string(kCorpusSeed) + " " + std::to_string(kItemsPerCell));
  return items;
}

// The corpus scanned once per process.
const corpus::Measurement& Measured() {
  static const corpus::Measurement measurement = corpus::Measure(Items(), kMissesShown);
  return measurement;
}

std::string RecallTable() {
  return "Recall: items with none of their identifiers left after Scan and Redact (goal >= 99.5 % "
         "in every cell)\n\n" +
         corpus::FormatTable("category", Measured().recall, nullptr);
}

std::string LookAlikeTable() {
  return "Look-alikes left unchanged (goal >= 95 % per language)\n\n" +
         corpus::FormatTable("kind", Measured().look_alikes, &Measured().per_language);
}

TEST(PiiCorpusTest, CorpusCoversEveryCategoryAndLanguageInNumbers) {
  const corpus::Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  for (std::string_view category : kCategories) {
    for (std::string_view lang : corpus::kLanguages) {
      const auto row = m.recall.find(std::string(category));
      const std::size_t n = row == m.recall.end() || !row->second.contains(std::string(lang))
                                ? 0
                                : row->second.at(std::string(lang)).items;
      EXPECT_GE(n, kMinItemsPerCell) << category << "/" << lang;
    }
  }
  for (std::string_view lang : corpus::kLanguages) {
    const auto it = m.per_language.find(std::string(lang));
    EXPECT_GE(it == m.per_language.end() ? 0 : it->second.items, kMinLookAlikesPerLanguage)
        << lang;
  }
}

TEST(PiiCorpusTest, RecallIsAtLeast995PercentInEveryCategoryAndLanguage) {
  const corpus::Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  std::cout << "\n" << RecallTable() << "\n" << corpus::Misses(m.recall) << std::flush;
  const std::string below = corpus::CellsBelow(m.recall, kRecallGoal);
  EXPECT_TRUE(below.empty()) << "cells below the recall goal of 99.5 %:" << below;
}

TEST(PiiCorpusTest, AtLeast95PercentOfLookAlikesComeOutUnchangedInEveryLanguage) {
  const corpus::Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  std::cout << "\n" << LookAlikeTable() << "\n" << corpus::Misses(m.look_alikes) << std::flush;
  const std::string below = corpus::CellsBelow({{"all", m.per_language}}, kPrecisionGoal);
  EXPECT_TRUE(below.empty()) << "languages below the look-alike goal of 95 %:" << below;
}

// The same corpus as a city publishes it: one free-text column kept (--keep-text) through the
// whole gate, which scans a cleaned cell again until nothing is found. Whatever the scanner
// alone removes, the gate must remove too, and it must keep as many look-alikes.
TEST(PiiCorpusTest, ThroughTheGateAKeptTextColumnLosesWhatTheScannerFinds) {
  const std::vector<corpus::Item>& items = Items();
  ASSERT_FALSE(items.empty());
  std::string csv = "comment\n";
  for (const corpus::Item& item : items) {
    std::vector<std::string_view> field{item.text};
    AppendCsvRow(csv, field);
  }
  GateOptions options;
  options.k = 2;
  options.keep_text = {"comment"};
  const Gate gate;
  const Result<GateOutput> out = gate.Publish(csv, options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::string body;
  for (const std::string& chunk : out->chunks) body += chunk;
  Result<CsvTable> published = ParseCsv(body);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->rows(), items.size())
      << "no row may be suppressed: there is no quasi-identifier";

  const corpus::Measurement& scanner = Measured();
  corpus::Table recall, look_alikes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const corpus::Item& item = items[i];
    const std::string_view cell = published->cell(i, 0);
    const std::string miss = "\"" + item.text + "\"\n      published: \"" + std::string(cell) + "\"";
    if (item.pii) {
      recall[item.category][item.language].Count(
          corpus::Survivors(cell, item.secrets).empty(), miss, kMissesShown);
    } else {
      look_alikes[item.category][item.language].Count(cell == item.text, miss, kMissesShown);
    }
  }
  std::string worse;
  for (const auto& [category, by_language] : recall) {
    for (const auto& [lang, tally] : by_language) {
      const corpus::Tally& alone = scanner.recall.at(category).at(lang);
      if (tally.right < alone.right) {
        worse += "\n  " + category + "/" + lang + ": " + tally.Describe() + " through the gate, " +
                 alone.Describe() + " by the scanner alone";
      }
    }
  }
  EXPECT_TRUE(worse.empty()) << "the gate published identifiers the scanner finds:" << worse;
  std::size_t kept = 0, total = 0;
  for (const auto& [kind, by_language] : look_alikes) {
    for (const auto& [lang, tally] : by_language) {
      kept += tally.right;
      total += tally.items;
    }
  }
  EXPECT_GE(100.0 * static_cast<double>(kept), kPrecisionGoal * static_cast<double>(total))
      << corpus::Misses(look_alikes);
}

TEST(PiiCorpusTest, WritesTheTablesWhereCitynetCorpusReportSays) {
  const char* path = std::getenv("CITYNET_CORPUS_REPORT");
  if (path == nullptr || *path == '\0') {
    GTEST_SKIP() << "set CITYNET_CORPUS_REPORT=path to write the tables there";
  }
  ASSERT_GT(Measured().items, 0u) << "tests/data/make_pii_corpus.py did not run";
  std::ofstream out(path, std::ios::trunc);
  out << "Identifier scanner on tests/data/make_pii_corpus.py " << kCorpusSeed << " "
      << kItemsPerCell << " (" << Measured().items << " items)\n\n"
      << RecallTable() << "\n"
      << LookAlikeTable() << "\n"
      << "Precision per kind of finding (findings that cover part of an identifier)\n\n"
      << corpus::FormatTable("kind", Measured().precision, nullptr);
  out.close();
  EXPECT_TRUE(out.good()) << "could not write " << path;
}

}  // namespace
}  // namespace citynet::privacy
