// The identifier scanner on a held-out labelled corpus: tests/data/make_pii_heldout.py, run at
// test time, writes texts in Danish, English, Spanish and Chinese as people type them into
// surveys, complaints, chats and e-mails, each either holding identifiers (with the substrings
// that must not survive redaction) or a look-alike that must come out unchanged.
//
// The scanner is tuned against another corpus; this one is written independently and nobody
// tunes against it, so it says how the scanner does on text it has never seen. Its floors are
// therefore a little lower than the tuned corpus's 99.5 %: recall >= 99.0 % in every category and
// language, and >= 95 % of look-alikes unchanged in every language. Do not change the scanner
// to make a miss printed here pass: fix the general form it stands for, or the set stops being
// held out. CITYNET_HELDOUT_REPORT=path writes the two tables to that file.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/identifiers.h"
#include "tests/protocol/test_util.h"

namespace citynet::privacy {
namespace {

constexpr int kSeed = 1409;
constexpr std::size_t kItemsPerCell = 300;  // the generator's default N
constexpr double kRecallFloor = 99.0;
constexpr double kLookFloor = 95.0;
constexpr std::size_t kMissesShown = 3;
const char* const kLangs[] = {"da", "en", "es", "zh"};

struct Item {
  std::string lang;
  bool pii = false;
  std::string category;
  std::string text;
  std::vector<std::string> secrets;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

// The corpus, generated once per process; empty when the script could not run.
const std::vector<Item>& Corpus() {
  static const std::vector<Item> corpus = [] {
    std::vector<Item> items;
    const std::string text =
        testing::DataScriptOutput("make_pii_heldout.py", std::to_string(kSeed));
    if (text.empty()) return items;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      std::vector<std::string> f = SplitTabs(line);
      if (f.size() < 4 || (f[1] != "pii" && f[1] != "look")) return std::vector<Item>{};
      Item item{f[0], f[1] == "pii", f[2], f[3], {}};
      item.secrets.assign(f.begin() + 4, f.end());
      items.push_back(std::move(item));
    }
    return items;
  }();
  return corpus;
}

struct Cell {
  std::size_t total = 0;
  std::size_t good = 0;  // caught (pii) or left unchanged (look)
  std::vector<std::string> misses;
};

// category -> lang -> cell, categories in the order the corpus first names them.
struct Table {
  std::vector<std::string> categories;
  std::map<std::string, std::map<std::string, Cell>> cells;

  Cell& At(const std::string& category, const std::string& lang) {
    if (!cells.contains(category)) categories.push_back(category);
    return cells[category][lang];
  }
};

struct Results {
  Table recall;  // pii items whose secrets all went
  Table looks;   // look-alikes that came out unchanged
  std::map<std::string, Cell> looks_per_lang;
};

double Percent(const Cell& c) {
  return c.total == 0 ? 0.0 : 100.0 * static_cast<double>(c.good) / static_cast<double>(c.total);
}

std::string Format(const Table& table, const char* title,
                   const std::map<std::string, Cell>* totals) {
  std::string out = std::string(title) + "\n";
  char buf[64];
  auto end_line = [&out] {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  };
  std::snprintf(buf, sizeof buf, "%-15s", "category");
  out += buf;
  for (const char* lang : kLangs) {
    std::snprintf(buf, sizeof buf, "  %-17s", lang);
    out += buf;
  }
  end_line();
  auto row = [&](const std::string& name, const std::map<std::string, Cell>& by_lang) {
    std::snprintf(buf, sizeof buf, "%-15s", name.c_str());
    out += buf;
    for (const char* lang : kLangs) {
      auto it = by_lang.find(lang);
      if (it == by_lang.end() || it->second.total == 0) {
        std::snprintf(buf, sizeof buf, "  %-17s", "-");
      } else {
        std::snprintf(buf, sizeof buf, "  %6.2f%% %4zu/%-4zu", Percent(it->second), it->second.good,
                      it->second.total);
      }
      out += buf;
    }
    end_line();
  };
  for (const std::string& category : table.categories) row(category, table.cells.at(category));
  if (totals != nullptr) row("all", *totals);
  return out;
}

std::string Misses(const Table& table) {
  std::ostringstream out;
  for (const std::string& category : table.categories) {
    for (const char* lang : kLangs) {
      auto it = table.cells.at(category).find(lang);
      if (it == table.cells.at(category).end()) continue;
      for (const std::string& miss : it->second.misses) {
        out << "  " << lang << "/" << category << ": " << miss << "\n";
      }
    }
  }
  return out.str();
}

// A secret "survives" when it still occurs in the redacted text; the replacement marker is
// blanked first so that a lower-case secret like "ove" is not found inside "[removed]".
std::vector<std::string> Survivors(const std::string& redacted,
                                   const std::vector<std::string>& secrets) {
  std::string scrubbed;
  std::string_view rest = redacted;
  constexpr std::string_view kMarker = "[removed]";
  for (std::size_t at; (at = rest.find(kMarker)) != std::string_view::npos;) {
    scrubbed.append(rest.substr(0, at));
    scrubbed.push_back('\x01');
    rest.remove_prefix(at + kMarker.size());
  }
  scrubbed.append(rest);
  std::vector<std::string> left;
  for (const std::string& s : secrets) {
    if (scrubbed.find(s) != std::string::npos) left.push_back(s);
  }
  return left;
}

const Results& Measure() {
  static const Results results = [] {
    Results r;
    const IdentifierScanner scanner;
    std::vector<Finding> findings;
    for (const Item& item : Corpus()) {
      findings.clear();
      scanner.Scan(item.text, ColumnContext{}, findings);
      const std::string redacted = IdentifierScanner::Redact(item.text, findings);
      if (item.pii) {
        Cell& cell = r.recall.At(item.category, item.lang);
        ++cell.total;
        const std::vector<std::string> left = Survivors(redacted, item.secrets);
        if (left.empty()) {
          ++cell.good;
        } else if (cell.misses.size() < kMissesShown) {
          std::string kept;
          for (const std::string& s : left) kept += (kept.empty() ? "" : ", ") + s;
          cell.misses.push_back(item.text + "\n      kept: " + kept +
                                "\n      redacted: " + redacted);
        }
      } else {
        Cell& cell = r.looks.At(item.category, item.lang);
        Cell& lang = r.looks_per_lang[item.lang];
        ++cell.total;
        ++lang.total;
        if (redacted == item.text) {
          ++cell.good;
          ++lang.good;
        } else {
          std::string miss = item.text + "\n      redacted: " + redacted;
          if (cell.misses.size() < kMissesShown) cell.misses.push_back(miss);
          if (lang.misses.size() < kMissesShown) lang.misses.push_back(std::move(miss));
        }
      }
    }
    if (const char* path = std::getenv("CITYNET_HELDOUT_REPORT"); path != nullptr && *path) {
      std::ofstream report(path);
      report << Format(r.recall, "Recall on the held-out corpus (items with no secret left)",
                       nullptr)
             << "\n"
             << Format(r.looks, "Look-alikes left unchanged on the held-out corpus",
                       &r.looks_per_lang);
    }
    return r;
  }();
  return results;
}

// The corpus is what the tables below are measured on: every cell full, every secret in its text.
TEST(PiiHeldoutTest, CorpusIsCompleteAndConsistent) {
  const std::vector<Item>& corpus = Corpus();
  ASSERT_FALSE(corpus.empty()) << "make_pii_heldout.py did not run";
  std::map<std::pair<std::string, std::string>, std::size_t> pii_cells;
  std::map<std::string, std::size_t> looks;
  std::set<std::string> categories;
  for (const Item& item : corpus) {
    if (item.pii) {
      ++pii_cells[{item.category, item.lang}];
      categories.insert(item.category);
      EXPECT_FALSE(item.secrets.empty()) << item.text;
    } else {
      ++looks[item.lang];
      EXPECT_TRUE(item.secrets.empty()) << item.text;
    }
    for (const std::string& s : item.secrets) {
      EXPECT_NE(item.text.find(s), std::string::npos) << s << " not in " << item.text;
    }
  }
  EXPECT_GE(categories.size(), 11u);
  for (const std::string& category : categories) {
    for (const char* lang : kLangs) {
      EXPECT_GE((pii_cells[{category, lang}]), kItemsPerCell) << category << "/" << lang;
    }
  }
  for (const char* lang : kLangs) EXPECT_GE(looks[lang], kItemsPerCell) << lang;
}

TEST(PiiHeldoutTest, RecallPerCategoryAndLanguage) {
  ASSERT_FALSE(Corpus().empty()) << "make_pii_heldout.py did not run";
  const Results& r = Measure();
  std::printf("%s",
              Format(r.recall, "Recall on the held-out corpus (items with no secret left)", nullptr)
                  .c_str());
  std::printf("Misses (up to %zu per cell):\n%s", kMissesShown, Misses(r.recall).c_str());
  for (const std::string& category : r.recall.categories) {
    for (const auto& [lang, cell] : r.recall.cells.at(category)) {
      EXPECT_GE(Percent(cell), kRecallFloor)
          << category << "/" << lang << ": " << cell.good << " of " << cell.total;
    }
  }
}

TEST(PiiHeldoutTest, LookAlikesUnchangedPerLanguage) {
  ASSERT_FALSE(Corpus().empty()) << "make_pii_heldout.py did not run";
  const Results& r = Measure();
  std::printf(
      "%s", Format(r.looks, "Look-alikes left unchanged on the held-out corpus", &r.looks_per_lang)
                .c_str());
  std::printf("Changed look-alikes (up to %zu per cell):\n%s", kMissesShown,
              Misses(r.looks).c_str());
  for (const auto& [lang, cell] : r.looks_per_lang) {
    EXPECT_GE(Percent(cell), kLookFloor) << lang << ": " << cell.good << " of " << cell.total;
  }
}

}  // namespace
}  // namespace citynet::privacy
