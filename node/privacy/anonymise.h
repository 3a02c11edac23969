// The k-anonymity engine of the privacy gate. Before a CSV dataset leaves a node, the gate drops
// direct identifiers (elsewhere) and then calls Anonymise() on the quasi-identifiers: columns
// such as age, gender or postcode that single a person out in combination. Anonymise generalises
// every quasi-identifier along a fixed hierarchy (ages to bands, dates to month or year,
// postcodes to prefixes, categories to "*"), the same level for the whole column, and suppresses
// the rows that are still in groups smaller than k, at most a bounded share of them. Of all the
// level combinations that pass it picks the one that loses least information, and reports what
// it did so the dataset record can carry it.
//
// The module is pure: no I/O, no global state, every function safe to call from any thread.
// Values are borrowed (std::string_view); the caller keeps the table alive during the call.
// Parsing the CSV, choosing which columns to declare and writing the published table are the
// caller's business.

#ifndef CITYNET_NODE_PRIVACY_ANONYMISE_H_
#define CITYNET_NODE_PRIVACY_ANONYMISE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"

namespace citynet::privacy {

// How a quasi-identifier is generalised, from level 0 (the value as is) to the top ("*").
// Values that do not parse under the hierarchy (an "unknown" age, an empty cell) stay as they
// are, a category of their own, at every level below the top, and become "*" at the top.
enum class Hierarchy {
  // Integers. Ages and years of birth (by the column's name): exact -> 5-year bands ("30-34")
  // -> 10 ("30-39") -> 20 ("20-39") -> "*"; ages from 90 up are top-coded as "90+" (and "80+"
  // for 20-year bands). Other integers: exact -> bands of round widths chosen from the column's
  // range (about 50, 20, 8 and 3 bands over it: kWh a year in bands of 200, 500, 1000, 5000)
  // -> "*". Levels 0-4 or 0-5.
  kInteger,
  // Dates: YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or YYYY/MM/DD (checked against the calendar):
  // the day as is -> "YYYY-MM" -> "YYYY" -> 5-year bands ("1985-1989") -> 10-year bands ->
  // "*". Levels 0-5.
  kDate,
  // Postcodes (letters, digits, '-'; at least one digit; spaces ignored, letters upper-cased):
  // exact -> the last character masked ("215*") -> two ("21**") -> ... -> "*". Levels 0 to the
  // longest postcode's length; a postcode no longer than the masked part becomes "*".
  kPostcode,
  // Anything else: exact -> "*". Levels 0-1.
  kCategory,
};

// "integer", "date", "postcode" or "category".
std::string_view HierarchyName(Hierarchy h);

// Whether a column is a quasi-identifier, guessed from its name, and if so its hierarchy, chosen
// from the values by HierarchyForValues. Names are compared ignoring case, accents, ø/æ/ß and
// separators (space, '_', '-', '.', camelCase), as a whole or as a run of words inside a longer
// name ("respondent_age", "homeZipCode"): age/alder/edad/年龄, birth date/date of birth/dob/
// fødselsdato/fecha de nacimiento/birth year, gender/sex/køn/sexo/性别, postcode/zip/postnummer/
// código postal/邮编, district/bydel/barrio/neighbourhood/kommune/municipality/city, nationality,
// citizenship, ethnicity, race, religion, marital status, occupation, job, education, household
// size, and their Danish, Spanish and Chinese names. std::nullopt when the name is none of
// these. `sample` is up to about 1,000 of the column's values.
std::optional<Hierarchy> DetectQuasiIdentifier(std::string_view column_name,
                                               const std::vector<std::string_view>& sample);

// Whether `value` is a date kDate reads (YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY, YYYY/MM/DD).
bool IsDateValue(std::string_view value);

// What a column's name says it holds when DetectQuasiIdentifier would take it, for reports:
// "an age", "a postcode", "a place of residence", ...; std::nullopt otherwise.
std::optional<std::string_view> QuasiIdentifierNameSays(std::string_view column_name);

// The hierarchy for a column the user declared a quasi-identifier: kPostcode when the name is a
// postcode name; else kInteger when at least 90 % of the non-empty sample values are integers
// (without leading zeros, which mark codes); else kDate when at least 90 % are dates; else
// kCategory (also for an empty sample).
Hierarchy HierarchyForValues(std::string_view column_name,
                             const std::vector<std::string_view>& sample);

// A column to generalise. `values` has one entry per row; every column passed to Anonymise has
// the same number of rows.
//
// The values come either one per row (`values`), or dictionary-encoded: `codes[row]` indexes
// `distinct` (4 bytes a row instead of 16, for large tables; the codes are borrowed, not
// copied, and must outlive the call). When `codes` is not empty, `values` is ignored.
struct QuasiIdentifier {
  std::string name;
  Hierarchy hierarchy;
  std::vector<std::string_view> values;
  std::span<const uint32_t> codes = {};
  std::vector<std::string_view> distinct = {};
  std::size_t rows() const { return codes.empty() ? values.size() : codes.size(); }
};

// A column whose values must not be learnt from a row's group (l-diversity). Values are compared
// as exact text; an empty cell is a value like any other.
struct SensitiveColumn {
  std::string name;
  std::vector<std::string_view> values;
  std::span<const uint32_t> codes = {};  // as QuasiIdentifier's; when set, `values` is ignored
  std::vector<std::string_view> distinct = {};
  std::size_t rows() const { return codes.empty() ? values.size() : codes.size(); }
};

struct AnonymiseOptions {
  uint32_t k = 5;                 // every published group has at least k rows; k >= 2
  uint32_t l = 0;                 // and at least l distinct values of each sensitive column;
                                  // 0 = off (l_reached is still reported)
  double max_suppression = 0.05;  // share of rows that may be dropped, 0..1
  // When false, no quasi-identifier may be generalised to "*" (removed): a table that passes
  // only by removing one is refused.
  bool allow_removal = true;
};

// What was done to one quasi-identifier.
struct ColumnGeneralisation {
  std::string name;
  int level;                // 0 = as is; the hierarchy's top = removed
  std::string description;  // "as is", "5-year bands", "bands of 10", "month", "year",
                            // "first 2 characters", "last 3 characters masked", "removed (*)"
};

// The outcome of Anonymise: the report for the dataset record, and the published values.
//
// Information loss is an NCP-like (normalised certainty penalty) average over every quasi-
// identifier cell of the table, suppressed rows included, in 0..1:
//   * a kept integer or date cell costs (w - 1) / (W - 1), where w is the width of its band
//     (in years or days), clipped to the column's observed range, and W that range's width;
//   * a kept postcode or category cell costs (n - 1) / (N - 1), where n is the number of
//     distinct original values its published value stands for and N the column's number;
//   * "*" costs 1, a value as is 0, an unparsed value below the top 0 (it is published as is);
//   * a suppressed row costs 1 in every cell.
struct AnonymiseResult {
  std::vector<ColumnGeneralisation> columns;  // one per quasi-identifier, same order
  std::vector<uint32_t> suppressed_rows;      // row indices, ascending
  uint32_t rows = 0;                          // rows in the input table
  uint32_t k_reached = 0;  // smallest group among kept rows (the row count with no quasi-ids)
  uint32_t l_reached = 0;  // smallest number of distinct values of a sensitive column within a
                           // group; 0 when there are no sensitive columns
  uint32_t groups = 0;     // number of groups among kept rows
  double information_loss = 0;
  // True when the search covered every level combination that could lose less than the one
  // chosen (always, unless the evaluation budget described at Anonymise ran out).
  bool least_loss_proven = true;

  // The published value of quasi-identifier `column` at `row`. A suppressed row gives "*" (the
  // caller must still drop it); an index out of range gives "".
  std::string Value(std::size_t column, std::size_t row) const;
  // The same without a copy: valid as long as the result.
  std::string_view Label(std::size_t column, std::size_t row) const;

 private:
  friend Result<AnonymiseResult> Anonymise(const std::vector<QuasiIdentifier>&,
                                           const std::vector<SensitiveColumn>&,
                                           const AnonymiseOptions&);
  std::vector<uint32_t> row_combo_;               // row -> distinct original combination
  std::vector<uint32_t> combo_codes_;             // combination x column -> published label index
  std::vector<uint8_t> combo_dropped_;            // combination -> suppressed
  std::vector<std::vector<std::string>> labels_;  // column -> published labels
};

// Makes the table k-anonymous (and l-diverse when options.l > 0) over `quasi`.
//
// Full-domain generalisation: every value of a column is generalised to the same level, and the
// candidates are the vectors of levels (the lattice). A vector passes when the rows in groups
// smaller than k, or with fewer than l distinct values of a sensitive column, are at most
// floor(max_suppression x rows); those rows are suppressed. The result is the passing vector
// with the least information loss; ties go to fewer suppressed rows, then the lower sum of
// levels, then the lexicographically smaller vector, so the output is deterministic.
//
// The search first shrinks the lattice with projections: a column alone, or a pair of columns
// alone, at given levels must already pass with k (Incognito's a-priori property), which rules
// out e.g. keeping a nearly unique column. It then goes best-first in order of a lower bound of
// the loss (the loss if nothing were suppressed) and stops when that bound exceeds the best
// loss found, which proves the choice. Each evaluation costs the number of distinct original
// combinations, not rows. The work is bounded (about 2.5e8 combination x column visits, 1-2 s
// on one core with the fallback below; e.g. ~25 evaluations of an 8-column table with 1,000,000
// distinct combinations, thousands at 20,000). Beyond it the search returns the best of: the best
// vector found so far, the first passing vector on a chain from the bottom to the top that
// raises the cheapest column each step (found by bisection), improved by lowering single
// columns while that loses less; and sets least_loss_proven to false.
//
// The rows are counted from the columns. With no quasi-identifier (but a sensitive column) all
// rows form one group: nothing is generalised and k_reached is the row count.
//
// Errors: InvalidArgument when there is no column at all, k < 2, max_suppression is not in
// 0..1, l > 0 without a sensitive column, columns have different row counts, there are more than
// 64 quasi-identifiers or 2^32 - 1 rows or more.
// FailedPrecondition when no level vector passes: fewer rows than k, or even at the most
// general allowed vector too many rows are in small (or not diverse) groups. The message says
// what was reached there and what to change (lower k or l, declare fewer quasi-identifiers,
// publish more rows, raise the suppression bound, allow removal).
Result<AnonymiseResult> Anonymise(const std::vector<QuasiIdentifier>& quasi,
                                  const std::vector<SensitiveColumn>& sensitive,
                                  const AnonymiseOptions& options);

// For receiving nodes and tests: the groups of rows with equal values over `quasi_columns` (as
// published, compared as text; no generalisation). `k` is the smallest group, `l` the smallest
// number of distinct values of any sensitive column within a group (0 without sensitive
// columns), `classes` the number of groups. With no quasi-identifier columns all rows form one
// group. Columns of unequal length are measured over the shortest; an empty table gives zeros.
struct Anonymity {
  uint64_t k;
  uint64_t l;
  uint64_t classes;
};
Anonymity MeasureAnonymity(const std::vector<std::vector<std::string_view>>& quasi_columns,
                           const std::vector<std::vector<std::string_view>>& sensitive_columns);

}  // namespace citynet::privacy

#endif  // CITYNET_NODE_PRIVACY_ANONYMISE_H_
