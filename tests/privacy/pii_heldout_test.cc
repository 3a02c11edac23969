// The identifier scanner on two labelled corpora written apart from the one it is tuned on
// (pii_corpus_test): texts in Danish, English, Spanish and Chinese as people type them into
// surveys, complaints, chats and e-mails, each either holding identifiers (with the substrings
// that must not survive redaction) or a look-alike that must come out unchanged.
//
// The held-out corpus (tests/data/make_pii_heldout.py) was written independently of the
// detectors. Work on the detectors has since read its misses for the general forms they stand
// for, so it now guards what was reached rather than measuring text nobody has seen: its floors
// are below. Fix the general form a miss stands for, never the example.
//
// The blind corpus (tests/data/make_pii_blind.py) was written from the categories alone, by
// someone who had read neither the detectors nor the other corpora, and nobody working on the
// detectors reads its misses: its recall is printed and written to the report, not asserted, so
// that it stays the honest measurement; its look-alikes are held to the 95 % per
// language. CITYNET_HELDOUT_REPORT=path writes the tables of both corpora to that file.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/privacy/pii_corpus_harness.h"

namespace citynet::privacy {
namespace {

constexpr std::size_t kMissesShown = 3;
// The held-out floor guards what the detectors reached (lowest cells: names and mixed texts in
// Spanish, 96-98 %); the goal stays 99.5 %, as on the tuned corpus.
constexpr double kHeldoutRecallFloor = 95.0;  // percent, every category and language
constexpr double kLookFloor = 95.0;           // percent of look-alikes unchanged, every language

// A corpus and the size its generator is asked for.
struct Corpus {
  const char* script;
  int seed;
  std::size_t items_per_cell;
  const char* title;

  std::string Arguments() const {
    return std::to_string(seed) + " " + std::to_string(items_per_cell);
  }
};

constexpr Corpus kHeldout{"make_pii_heldout.py", 1409, 300, "the held-out corpus"};
constexpr Corpus kBlind{"make_pii_blind.py", 2026, 200, "the blind corpus"};

// Each corpus generated and measured once per process.
const std::vector<corpus::Item>& Items(const Corpus& c) {
  static std::map<std::string, std::vector<corpus::Item>> loaded;
  auto it = loaded.find(c.script);
  if (it == loaded.end()) it = loaded.emplace(c.script, corpus::Load(c.script, c.Arguments())).first;
  return it->second;
}

const corpus::Measurement& Measured(const Corpus& c) {
  static std::map<std::string, corpus::Measurement> measured;
  auto it = measured.find(c.script);
  if (it == measured.end()) it = measured.emplace(c.script, corpus::Measure(Items(c), kMissesShown)).first;
  return it->second;
}

std::string RecallTable(const Corpus& c) {
  return std::string("Recall on ") + c.title + " (items with no secret left)\n\n" +
         corpus::FormatTable("category", Measured(c).recall, nullptr);
}

std::string LookAlikeTable(const Corpus& c) {
  return std::string("Look-alikes left unchanged on ") + c.title + "\n\n" +
         corpus::FormatTable("kind", Measured(c).look_alikes, &Measured(c).per_language);
}

// Every cell full, every secret in its text, at least the eleven categories of identifier.
void ExpectCompleteAndConsistent(const Corpus& c) {
  const std::vector<corpus::Item>& items = Items(c);
  ASSERT_FALSE(items.empty()) << c.script << " did not run, or wrote a bad line";
  std::map<std::pair<std::string, std::string>, std::size_t> pii_cells;
  std::map<std::string, std::size_t> looks;
  std::set<std::string> categories;
  for (const corpus::Item& item : items) {
    if (item.pii) {
      ++pii_cells[{item.category, item.language}];
      categories.insert(item.category);
    } else {
      ++looks[item.language];
    }
    for (const std::string& s : item.secrets) {
      EXPECT_NE(item.text.find(s), std::string::npos) << s << " not in " << item.text;
    }
  }
  EXPECT_GE(categories.size(), 11u);
  for (const std::string& category : categories) {
    for (std::string_view lang : corpus::kLanguages) {
      EXPECT_GE((pii_cells[{category, std::string(lang)}]), c.items_per_cell)
          << category << "/" << lang;
    }
  }
  for (std::string_view lang : corpus::kLanguages) {
    EXPECT_GE(looks[std::string(lang)], c.items_per_cell) << lang;
  }
}

std::string PrecisionTable(const Corpus& c) {
  return std::string("Precision per kind of finding on ") + c.title +
         " (findings that cover part of an identifier)\n\n" +
         corpus::FormatTable("kind", Measured(c).precision, nullptr);
}

void WriteReportIfAsked() {
  const char* path = std::getenv("CITYNET_HELDOUT_REPORT");
  if (path == nullptr || *path == '\0') return;
  std::ofstream report(path, std::ios::trunc);
  for (const Corpus* c : {&kHeldout, &kBlind}) {
    if (Items(*c).empty()) continue;
    report << RecallTable(*c) << "\n" << LookAlikeTable(*c) << "\n" << PrecisionTable(*c) << "\n";
  }
}

TEST(PiiHeldoutTest, CorpusIsCompleteAndConsistent) { ExpectCompleteAndConsistent(kHeldout); }

TEST(PiiHeldoutTest, RecallPerCategoryAndLanguage) {
  const corpus::Measurement& m = Measured(kHeldout);
  ASSERT_GT(m.items, 0u) << kHeldout.script << " did not run";
  std::cout << RecallTable(kHeldout) << "\n" << corpus::Misses(m.recall) << std::flush;
  WriteReportIfAsked();
  const std::string below = corpus::CellsBelow(m.recall, kHeldoutRecallFloor);
  EXPECT_TRUE(below.empty()) << "cells below " << kHeldoutRecallFloor << " %:" << below;
}

TEST(PiiHeldoutTest, LookAlikesUnchangedPerLanguage) {
  const corpus::Measurement& m = Measured(kHeldout);
  ASSERT_GT(m.items, 0u) << kHeldout.script << " did not run";
  std::cout << LookAlikeTable(kHeldout) << "\n" << corpus::Misses(m.look_alikes) << std::flush;
  const std::string below = corpus::CellsBelow({{"all", m.per_language}}, kLookFloor);
  EXPECT_TRUE(below.empty()) << "languages below " << kLookFloor << " %:" << below;
}

TEST(PiiBlindTest, CorpusIsCompleteAndConsistent) { ExpectCompleteAndConsistent(kBlind); }

TEST(PiiBlindTest, LookAlikesUnchangedPerLanguageAndRecallPrinted) {
  const corpus::Measurement& m = Measured(kBlind);
  ASSERT_GT(m.items, 0u) << kBlind.script << " did not run";
  // The tables only: the misses themselves stay unread, or the corpus stops being blind.
  std::cout << RecallTable(kBlind) << "\n" << LookAlikeTable(kBlind) << std::flush;
  WriteReportIfAsked();
  const std::string below = corpus::CellsBelow({{"all", m.per_language}}, kLookFloor);
  EXPECT_TRUE(below.empty()) << "languages below " << kLookFloor << " %:" << below;
}

}  // namespace
}  // namespace citynet::privacy
