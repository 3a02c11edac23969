// Measuring the identifier scanner on a labelled corpus, shared by the corpus tests.
//
// A corpus is what a generator in tests/data writes, one item per line, tab separated:
//
//     lang  pii|look  category  text  secret...
//
// A "pii" item holds identifiers; its secrets are the substrings that must not survive
// redaction. A "look" item (a look-alike) holds none and must come out unchanged. An item is
// scanned as the gate scans a free-text cell with no column context, and redacted.

#ifndef CITYNET_TESTS_NODE_PII_CORPUS_HARNESS_H_
#define CITYNET_TESTS_NODE_PII_CORPUS_HARNESS_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy::corpus {

inline constexpr std::string_view kLanguages[] = {"da", "en", "es", "zh"};

struct Item {
  std::string language;
  bool pii = false;
  std::string category;  // the identifier's category, or the look-alike's kind
  std::string text;
  std::vector<std::string> secrets;  // what must not survive redaction (identifiers only)
};

// The items `tests/data/<script> <arguments>` writes; empty when the script did not run or wrote
// a malformed line, so that the tests fail rather than measure part of a corpus.
std::vector<Item> Load(const std::string& script, const std::string& arguments);

// The items of a corpus in its TSV form; empty on the first malformed line.
std::vector<Item> Parse(std::string_view tsv);

struct Tally {
  std::size_t items = 0;
  std::size_t right = 0;             // caught (pii) or left unchanged (look)
  std::vector<std::string> misses;   // described, the first few

  double Percent() const;
  // "99.7 % (299/300)".
  std::string Describe() const;
  // Counts one item, keeping its description when fewer than `shown` misses are kept.
  void Count(bool was_right, const std::string& miss, std::size_t shown);
};

using Table = std::map<std::string, std::map<std::string, Tally>>;  // row -> language -> tally

struct Measurement {
  std::size_t items = 0;
  Table recall;                               // category -> language
  Table look_alikes;                          // kind -> language
  std::map<std::string, Tally> per_language;  // every look-alike of a language
  // Precision per kind of finding: a finding is right when it covers part of a secret of its
  // item, wrong when it is in a look-alike or covers no secret.
  Table precision;                            // kind -> language
};

// Scans and redacts every item once, keeping up to `misses_shown` misses per cell.
Measurement Measure(const std::vector<Item>& items, std::size_t misses_shown);

// The secrets still in `redacted`. The replacement marker is blanked first, so that a lower-case
// secret like "ove" is not found inside "[removed]".
std::vector<std::string> Survivors(std::string_view redacted,
                                   const std::vector<std::string>& secrets);

// A Markdown table: a row per key of `table`, a column per language, `total` as a last row.
std::string FormatTable(std::string_view first_column, const Table& table,
                        const std::map<std::string, Tally>* total);

// The kept misses of every cell, for whoever works on the detectors.
std::string Misses(const Table& table);

// The cells of `table` below `floor_percent`, one per line; "" when none is.
std::string CellsBelow(const Table& table, double floor_percent);

}  // namespace citynet::privacy::corpus

#endif  // CITYNET_TESTS_NODE_PII_CORPUS_HARNESS_H_
