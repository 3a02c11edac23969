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
#include "tests/protocol/test_util.h"

namespace citynet::privacy {
namespace {

constexpr int kCorpusSeed = 14;
constexpr int kItemsPerCell = 500;
// Below these the goals could not be told apart from noise: at 400 items, 99.5 % allows 2 misses.
constexpr std::size_t kMinItemsPerCell = 400;
constexpr std::size_t kMinLookAlikesPerLanguage = 400;
constexpr double kRecallGoal = 0.995;
constexpr double kPrecisionGoal = 0.95;
constexpr std::size_t kMissesShown = 5;

constexpr std::string_view kLanguages[] = {"da", "en", "es", "zh"};
constexpr std::string_view kCategories[] = {"name",        "email",     "phone", "address",
                                            "plate",       "birthdate", "ip",    "passport",
                                            "national_id", "bank"};

struct Item {
  std::string language;
  bool pii = false;
  std::string category;  // the identifier's category, or the look-alike's kind
  std::string text;
  std::vector<std::string> secrets;  // what must not survive redaction (identifiers only)
};

// The corpus as make_pii_corpus.py writes it, or "" when it did not run.
std::string GenerateCorpus() {
  return testing::DataScriptOutput(
      "make_pii_corpus.py", std::to_string(kCorpusSeed) + " " + std::to_string(kItemsPerCell));
}

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

// Lines are "lang TAB pii|look TAB category TAB text [TAB secret]...". A malformed line makes the
// result empty, so that the corpus tests fail rather than measure part of it.
std::vector<Item> ParseCorpus(std::string_view tsv) {
  std::vector<Item> items;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::vector<std::string> fields = SplitTabs(tsv.substr(start, end - start));
    start = end + 1;
    if (fields.size() < 4 || (fields[1] != "pii" && fields[1] != "look")) return {};
    Item item;
    item.language = fields[0];
    item.pii = fields[1] == "pii";
    item.category = fields[2];
    item.text = fields[3];
    item.secrets.assign(fields.begin() + 4, fields.end());
    if (item.pii == item.secrets.empty()) return {};
    items.push_back(std::move(item));
  }
  return items;
}

struct Tally {
  std::size_t items = 0;
  std::size_t right = 0;
  std::vector<std::string> misses;  // described, the first kMissesShown

  double Rate() const { return items == 0 ? 0.0 : static_cast<double>(right) / items; }
};

using Table = std::map<std::string, std::map<std::string, Tally>>;  // row -> language -> tally

struct Measurement {
  std::size_t items = 0;
  Table recall;                            // category -> language
  Table look_alikes;                       // kind -> language
  std::map<std::string, Tally> precision;  // language: all its look-alikes
};

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

void Count(Tally& tally, bool right, const std::string& miss) {
  ++tally.items;
  if (right) {
    ++tally.right;
  } else if (tally.misses.size() < kMissesShown) {
    tally.misses.push_back(miss);
  }
}

// The corpus scanned once per process, as the gate scans a free-text cell with no column context.
const Measurement& Measured() {
  static const Measurement measurement = [] {
    Measurement m;
    const std::vector<Item> items = ParseCorpus(GenerateCorpus());
    m.items = items.size();
    const IdentifierScanner scanner;
    std::vector<Finding> findings;
    for (const Item& item : items) {
      findings.clear();
      scanner.Scan(item.text, ColumnContext{}, findings);
      const std::string redacted = IdentifierScanner::Redact(item.text, findings);
      if (item.pii) {
        std::string survived;
        for (const std::string& secret : item.secrets) {
          if (redacted.find(secret) != std::string::npos) {
            survived += (survived.empty() ? "" : ", ") + Quoted(secret);
          }
        }
        Count(m.recall[item.category][item.language], survived.empty(),
              Quoted(item.text) + "\n      redacted: " + Quoted(redacted) +
                  "\n      survived: " + survived);
      } else {
        std::string taken;
        for (const Finding& f : findings) {
          taken += (taken.empty() ? "" : ", ") + std::string(IdentifierKindName(f.kind)) + " " +
                   Quoted(std::string_view(item.text).substr(f.begin, f.end - f.begin));
        }
        const bool unchanged = redacted == item.text;
        const std::string miss = Quoted(item.text) + "\n      taken: " + taken;
        Count(m.look_alikes[item.category][item.language], unchanged, miss);
        Count(m.precision[item.language], unchanged, miss);
      }
    }
    return m;
  }();
  return measurement;
}

std::string Percent(const Tally& t) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%5.1f %% (%zu/%zu)", 100.0 * t.Rate(), t.right, t.items);
  return buffer;
}

std::string Padded(std::string s, std::size_t width) {
  // Widths count bytes; the cells are ASCII.
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// A Markdown table: one row per key of `table`, one column per language, and `total` as a last
// row when given.
std::string FormatTable(std::string_view first_column, const Table& table,
                        const std::map<std::string, Tally>* total) {
  constexpr std::size_t kFirst = 12;
  constexpr std::size_t kCell = 22;
  std::ostringstream out;
  out << "| " << Padded(std::string(first_column), kFirst) << " |";
  for (std::string_view lang : kLanguages) out << " " << Padded(std::string(lang), kCell) << " |";
  out << "\n|" << std::string(kFirst + 2, '-') << "|";
  for (std::size_t i = 0; i < std::size(kLanguages); ++i) out << std::string(kCell + 2, '-') << "|";
  out << "\n";
  auto row = [&](const std::string& name, const std::map<std::string, Tally>& by_language) {
    out << "| " << Padded(name, kFirst) << " |";
    for (std::string_view lang : kLanguages) {
      const auto it = by_language.find(std::string(lang));
      out << " " << Padded(it == by_language.end() ? "-" : Percent(it->second), kCell) << " |";
    }
    out << "\n";
  };
  for (const auto& [name, by_language] : table) row(name, by_language);
  if (total != nullptr) row("all", *total);
  return out.str();
}

std::string RecallTable() {
  return "Recall: items with none of their identifiers left after Scan and Redact (goal >= 99.5 % "
         "in every cell)\n\n" +
         FormatTable("category", Measured().recall, nullptr);
}

std::string LookAlikeTable() {
  return "Look-alikes left unchanged (goal >= 95 % per language)\n\n" +
         FormatTable("kind", Measured().look_alikes, &Measured().precision);
}

std::string Misses(const Table& table) {
  std::ostringstream out;
  for (const auto& [name, by_language] : table) {
    for (const auto& [lang, tally] : by_language) {
      if (tally.misses.empty()) continue;
      out << "[" << name << "/" << lang << "] " << tally.items - tally.right << " of "
          << tally.items << " wrong, e.g.:\n";
      for (const std::string& miss : tally.misses) out << "    " << miss << "\n";
    }
  }
  return out.str();
}

TEST(PiiCorpusTest, CorpusCoversEveryCategoryAndLanguageInNumbers) {
  const Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  for (std::string_view category : kCategories) {
    for (std::string_view lang : kLanguages) {
      const auto row = m.recall.find(std::string(category));
      const std::size_t n = row == m.recall.end() || !row->second.contains(std::string(lang))
                                ? 0
                                : row->second.at(std::string(lang)).items;
      EXPECT_GE(n, kMinItemsPerCell) << category << "/" << lang;
    }
  }
  for (std::string_view lang : kLanguages) {
    const auto it = m.precision.find(std::string(lang));
    EXPECT_GE(it == m.precision.end() ? 0 : it->second.items, kMinLookAlikesPerLanguage) << lang;
  }
}

TEST(PiiCorpusTest, RecallIsAtLeast995PercentInEveryCategoryAndLanguage) {
  const Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  std::cout << "\n" << RecallTable() << "\n" << Misses(m.recall) << std::flush;
  std::string below;
  for (const auto& [category, by_language] : m.recall) {
    for (const auto& [lang, tally] : by_language) {
      if (tally.Rate() < kRecallGoal)
        below += "\n  " + category + "/" + lang + ": " + Percent(tally);
    }
  }
  EXPECT_TRUE(below.empty()) << "cells below the recall goal of 99.5 %:" << below;
}

TEST(PiiCorpusTest, AtLeast95PercentOfLookAlikesComeOutUnchangedInEveryLanguage) {
  const Measurement& m = Measured();
  ASSERT_GT(m.items, 0u) << "tests/data/make_pii_corpus.py did not run, or wrote a bad line";
  std::cout << "\n" << LookAlikeTable() << "\n" << Misses(m.look_alikes) << std::flush;
  std::string below;
  for (const auto& [lang, tally] : m.precision) {
    if (tally.Rate() < kPrecisionGoal) below += "\n  " + lang + ": " + Percent(tally);
  }
  EXPECT_TRUE(below.empty()) << "languages below the look-alike goal of 95 %:" << below;
}

// The same corpus as a city publishes it: one free-text column kept (--keep-text) through the
// whole gate, which scans a cleaned cell again until nothing is found. Whatever the scanner
// alone removes, the gate must remove too, and it must keep as many look-alikes.
TEST(PiiCorpusTest, ThroughTheGateAKeptTextColumnLosesWhatTheScannerFinds) {
  std::vector<Item> items = ParseCorpus(GenerateCorpus());
  ASSERT_FALSE(items.empty());
  std::string csv = "comment\n";
  for (const Item& item : items) {
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

  const Measurement& scanner = Measured();
  Table recall, look_alikes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    const std::string_view cell = published->cell(i, 0);
    if (item.pii) {
      bool clean = true;
      for (const std::string& secret : item.secrets) {
        clean = clean && cell.find(secret) == std::string_view::npos;
      }
      Count(recall[item.category][item.language], clean,
            Quoted(item.text) + "\n      published: " + Quoted(cell));
    } else {
      Count(look_alikes[item.category][item.language], cell == item.text,
            Quoted(item.text) + "\n      published: " + Quoted(cell));
    }
  }
  std::string worse;
  for (const auto& [category, by_language] : recall) {
    for (const auto& [lang, tally] : by_language) {
      const Tally& alone = scanner.recall.at(category).at(lang);
      if (tally.right < alone.right) {
        worse += "\n  " + category + "/" + lang + ": " + Percent(tally) + " through the gate, " +
                 Percent(alone) + " by the scanner alone";
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
  EXPECT_GE(static_cast<double>(kept), kPrecisionGoal * static_cast<double>(total))
      << Misses(look_alikes);
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
      << LookAlikeTable();
  out.close();
  EXPECT_TRUE(out.good()) << "could not write " << path;
}

}  // namespace
}  // namespace citynet::privacy
