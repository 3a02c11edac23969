// The privacy gate: what turns a CSV table of a city into a body that may leave the node, and
// what a receiving node runs on every body before it stores a byte of it (ARCHITECTURE.md
// "Datasets and the privacy gate").
//
// Publishing (Gate::Publish), in order:
//  1. Read the CSV (csv.h): RFC 4180, ',' or ';', UTF-8 with or without BOM; errors name the line.
//  2. Check the declared quasi-identifiers and sensitive columns exist.
//  3. Direct identifiers (identifiers.h), column by column:
//     - a column whose name says it holds identifiers ("cpr", "email", "name", "telefon", 姓名)
//       is dropped;
//     - a column where at least half of the non-empty cells are identifiers (the findings cover
//       the cell), or are a lone known given name or surname, is dropped, whatever its name;
//     - in every other column each identifier found is replaced by "[removed]" and the column is
//       reported as cleaned, with how many of which kind.
//  4. Quasi-identifiers: the declared ones, and those detected by column name (age, gender,
//     postcode, district, ...) unless `detect_quasi` is off; k-anonymity (and l-diversity for
//     declared sensitive columns) by generalisation and bounded suppression (anonymise.h).
//  5. Write the body: CSV with ',' and LF, header first, suppressed rows left out; split at row
//     boundaries into chunks of about `chunk_bytes` (every chunk holds whole rows and chunk 0
//     starts with the header), each addressed by HashWithDomain(kChunkHashDomain, bytes).
//  6. Check the body as a receiver would (BodyChecker below); a body that would be refused by a
//     partner is never offered. Gate version 1 fixes the scanner's options, so a publisher and its
//     receivers agree on what an identifier is.
//
// Receiving (BodyChecker): each chunk, before it is stored, is parsed against the record's
// columns and scanned for identifiers in every cell; at the end the whole body's header, row count
// and k (and l) over the report's quasi-identifiers (and sensitive columns) are re-counted.
//
// Pure and synchronous: no I/O, no threads of its own. A Gate is costly to construct (name lists,
// phone metadata): make one per process. Its methods are const and safe from several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::privacy {

class IdentifierScanner;

// The gate's version, written to every PrivacyReport it makes.
inline constexpr uint16_t kGateVersion = 1;
// Target chunk size: small enough that one chunk in flight never holds up a case record on the
// same connection for long, large enough that a 1 GiB body is 4,096 chunks.
inline constexpr std::size_t kDefaultChunkBytes = 256 * 1024;

struct GateOptions {
  uint32_t k = 5;
  uint32_t l = 0;                              // 0: no l-diversity
  double max_suppression = 0.05;               // share of rows that may be dropped
  std::vector<std::string> quasi_identifiers;  // declared by the publisher
  std::vector<std::string> sensitive_columns;  // declared; required when l > 0
  bool detect_quasi = true;                    // add quasi-identifiers recognised by column name
  bool allow_removal = true;                   // a quasi-identifier may be generalised to "*"
  std::optional<char> delimiter;               // guessed from the header when unset
  std::size_t chunk_bytes = kDefaultChunkBytes;
  // Called now and then with the stage ("reading", "scanning", "anonymising", "writing",
  // "checking") and the share done in 0..1. May be empty.
  std::function<void(std::string_view stage, double done)> progress;
};

// What Publish makes: the parts of the Dataset record the gate owns, and the chunks.
struct GateOutput {
  std::vector<protocol::Column> columns;  // as published, with type and generalisation
  protocol::PrivacyReport report;
  protocol::DatasetBody body;       // chunk refs, sizes, total size, row count
  std::vector<std::string> chunks;  // the bytes, in order, body.chunks[i] describes [i]
  // Plain sentences for the publisher: what was dropped, cleaned, generalised and suppressed.
  std::vector<std::string> summary;
};

class Gate {
 public:
  Gate();
  ~Gate();
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // Runs the whole gate over `csv`. Errors, each saying what to change:
  //  - InvalidArgument: malformed CSV (with the line), an unknown declared column, bad options
  //    (k < 2, suppression outside 0..1, l without a sensitive column), a table with no data
  //    rows, a row that alone would exceed the largest chunk;
  //  - FailedPrecondition: the table cannot reach k (or l) within the suppression bound, or
  //    nothing is left to publish once identifier columns are dropped.
  Result<GateOutput> Publish(std::string csv, const GateOptions& options) const;

  const IdentifierScanner& scanner() const { return *scanner_; }

 private:
  std::unique_ptr<IdentifierScanner> scanner_;
};

// Checks a dataset body chunk by chunk, as it arrives, against the signed record that lists it.
// Holds only the counts of quasi-identifier combinations, not the rows. Not thread-safe; one per
// body being checked.
class BodyChecker {
 public:
  // `gate` outlives the checker. `dataset` is the record's payload (validated).
  BodyChecker(const Gate& gate, const protocol::Dataset& dataset);
  ~BodyChecker();

  // Checks chunk `index` (its hash already matched the record): whole rows of the record's
  // columns (chunk 0 starting with the header, equal to the columns), UTF-8, no column whose name
  // is an identifier column, and no identifier in any cell. InvalidArgument saying what was found
  // where ("chunk 3, row 17, column 'comment': a CPR number"); the chunk must then be refused.
  // Nothing is counted from a refused chunk. Chunks may be checked in any order, each once.
  Status CheckChunk(uint32_t index, std::string_view bytes);

  // Like CheckChunk, but only counts (for a body whose chunks were checked before a restart).
  Status CountChunk(uint32_t index, std::string_view bytes);

  // After every chunk: the row count matches the record, and every combination of the
  // report's quasi-identifiers occurs at least k_required times (and each sensitive column has
  // at least l_required values in each), re-counted here. FailedPrecondition with the numbers.
  Status Finish() const;

 private:
  struct Group {
    uint64_t rows = 0;
    std::vector<std::vector<std::string>> distinct;  // per sensitive column, up to l_required
  };
  Status Take(uint32_t index, std::string_view bytes, bool scan);

  const Gate& gate_;
  protocol::Dataset dataset_;
  Status shape_;                         // a problem of the record itself, reported by every call
  std::vector<std::size_t> quasi_;       // column positions of the report's quasi-identifiers
  std::vector<std::size_t> sensitive_;   // and of its sensitive columns
  std::map<std::string, Group> groups_;  // combination of quasi-identifier values -> group
  std::vector<uint64_t> filled_;         // per column: non-empty cells
  std::vector<uint64_t> lone_names_;     // per column: cells that are a lone known name
  uint64_t rows_ = 0;
  std::vector<bool> seen_;
};

}  // namespace citynet::privacy
