#include "tests/privacy/pii_corpus_harness.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <utility>

#include "node/privacy/identifiers.h"
#include "tests/protocol/test_util.h"

namespace citynet::privacy::corpus {
namespace {

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

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Padded(std::string s, std::size_t width) {
  // Widths count bytes; the cells are ASCII.
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

std::vector<Item> Load(const std::string& script, const std::string& arguments) {
  return Parse(testing::DataScriptOutput(script, arguments));
}

std::vector<Item> Parse(std::string_view tsv) {
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

double Tally::Percent() const {
  return items == 0 ? 0.0 : 100.0 * static_cast<double>(right) / static_cast<double>(items);
}

std::string Tally::Describe() const {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%5.1f %% (%zu/%zu)", Percent(), right, items);
  return buffer;
}

void Tally::Count(bool was_right, const std::string& miss, std::size_t shown) {
  ++items;
  if (was_right) {
    ++right;
  } else if (misses.size() < shown) {
    misses.push_back(miss);
  }
}

std::vector<std::string> Survivors(std::string_view redacted,
                                   const std::vector<std::string>& secrets) {
  std::string scrubbed;
  constexpr std::string_view kMarker = "[removed]";
  for (std::size_t at; (at = redacted.find(kMarker)) != std::string_view::npos;) {
    scrubbed.append(redacted.substr(0, at));
    scrubbed.push_back('\x01');
    redacted.remove_prefix(at + kMarker.size());
  }
  scrubbed.append(redacted);
  std::vector<std::string> left;
  for (const std::string& s : secrets) {
    if (scrubbed.find(s) != std::string::npos) left.push_back(s);
  }
  return left;
}

Measurement Measure(const std::vector<Item>& items, std::size_t misses_shown) {
  Measurement m;
  m.items = items.size();
  const IdentifierScanner scanner;
  std::vector<Finding> findings;
  for (const Item& item : items) {
    findings.clear();
    scanner.Scan(item.text, ColumnContext{}, findings);
    const std::string redacted = IdentifierScanner::Redact(item.text, findings);
    for (const Finding& f : findings) {
      bool covers_secret = false;
      for (const std::string& secret : item.secrets) {
        for (std::size_t at = item.text.find(secret); at != std::string::npos && !covers_secret;
             at = item.text.find(secret, at + 1)) {
          covers_secret = at < f.end && f.begin < at + secret.size();
        }
      }
      m.precision[std::string(IdentifierKindName(f.kind))][item.language].Count(
          covers_secret,
          Quoted(item.text) + "\n      taken: " +
              Quoted(std::string_view(item.text).substr(f.begin, f.end - f.begin)),
          misses_shown);
    }
    if (item.pii) {
      std::string survived;
      for (const std::string& secret : Survivors(redacted, item.secrets)) {
        survived += (survived.empty() ? "" : ", ") + Quoted(secret);
      }
      m.recall[item.category][item.language].Count(
          survived.empty(),
          Quoted(item.text) + "\n      redacted: " + Quoted(redacted) + "\n      survived: " +
              survived,
          misses_shown);
    } else {
      std::string taken;
      for (const Finding& f : findings) {
        taken += (taken.empty() ? "" : ", ") + std::string(IdentifierKindName(f.kind)) + " " +
                 Quoted(std::string_view(item.text).substr(f.begin, f.end - f.begin));
      }
      const bool unchanged = redacted == item.text;
      const std::string miss = Quoted(item.text) + "\n      taken: " + taken;
      m.look_alikes[item.category][item.language].Count(unchanged, miss, misses_shown);
      m.per_language[item.language].Count(unchanged, miss, misses_shown);
    }
  }
  return m;
}

std::string FormatTable(std::string_view first_column, const Table& table,
                        const std::map<std::string, Tally>* total) {
  std::size_t first_width = std::max<std::size_t>(12, first_column.size());
  for (const auto& [name, by_language] : table) first_width = std::max(first_width, name.size());
  constexpr std::size_t kCell = 22;
  std::ostringstream out;
  out << "| " << Padded(std::string(first_column), first_width) << " |";
  for (std::string_view lang : kLanguages) out << " " << Padded(std::string(lang), kCell) << " |";
  out << "\n|" << std::string(first_width + 2, '-') << "|";
  for (std::size_t i = 0; i < std::size(kLanguages); ++i) out << std::string(kCell + 2, '-') << "|";
  out << "\n";
  auto row = [&](const std::string& name, const std::map<std::string, Tally>& by_language) {
    out << "| " << Padded(name, first_width) << " |";
    for (std::string_view lang : kLanguages) {
      const auto it = by_language.find(std::string(lang));
      out << " " << Padded(it == by_language.end() ? "-" : it->second.Describe(), kCell) << " |";
    }
    out << "\n";
  };
  for (const auto& [name, by_language] : table) row(name, by_language);
  if (total != nullptr) row("all", *total);
  return out.str();
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

std::string CellsBelow(const Table& table, double floor_percent) {
  std::string below;
  for (const auto& [name, by_language] : table) {
    for (const auto& [lang, tally] : by_language) {
      if (tally.Percent() < floor_percent) {
        below += "\n  " + name + "/" + lang + ": " + tally.Describe();
      }
    }
  }
  return below;
}

}  // namespace citynet::privacy::corpus
