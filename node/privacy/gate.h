// The privacy gate: what turns a CSV table of a city into a body that may leave the node, and
// what a receiving node runs on every body before it stores a byte of it (ARCHITECTURE.md
// "Datasets and the privacy gate").
//
// Publishing (Gate::Publish), privacy by default (GDPR Art. 25), in passes over the text that
// never hold its cells (csv.h CsvReader):
//  1. Read the header and check the options and the declared columns.
//  2. Scan every cell of every column for direct identifiers (identifiers.h) and profile each
//     column's values (roles.h ColumnShape). Give every column a role (roles.h):
//     - an identifier (by name, or at least half of its cells identifiers or lone known names)
//       is dropped, whatever the publisher declared;
//     - declared roles (quasi-identifier, sensitive, insensitive, kept free text) come next;
//     - then what the name says, what the values say, and otherwise quasi-identifier;
//     - free text is dropped unless the publisher keeps it; kept text, and every other published
//       cell, has each identifier found replaced by "[removed]" (the column reported cleaned).
//  3. Quasi-identifiers and sensitive columns dictionary-encoded; k-anonymity (and l-diversity)
//     by generalisation and bounded suppression (anonymise.h). l defaults to 2 when a column is
//     sensitive, 0 otherwise.
//  4. Write the body: CSV with ',' and LF, header first, suppressed rows left out; split at row
//     boundaries into chunks of about `chunk_bytes` (every chunk holds whole rows and chunk 0
//     starts with the header), each addressed by HashWithDomain(kChunkHashDomain, bytes), and
//     each checked as a receiver will (BodyChecker) before it is handed on: a body a partner
//     would refuse is never offered.
//  With `dry_run`, the same, but a table the gate would refuse is a result (GateOutput::refusal)
//  rather than an error, the first rows are kept for a preview, and when a quasi-identifier ends
//  removed the gate tries what the publisher could change to keep it (GateOutput::advice).
//
// Receiving (BodyChecker): each chunk, before it is stored, is parsed against the record's
// columns and scanned for identifiers in every cell; at the end the whole body's header, row
// count, k (and l) over the report's quasi-identifiers (and sensitive columns), and, from gate
// version 2, every column's role are checked by the same rules.
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
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "node/privacy/identifiers.h"
#include "node/privacy/roles.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::privacy {

class IdentifierScanner;

// The gate's version, written to every PrivacyReport it makes. Version 2: every column has a
// role (privacy by default), more identifier detectors (addresses, plates, dates of birth, IP
// addresses, passports, names in Chinese characters, obfuscated e-mail).
inline constexpr uint16_t kGateVersion = 2;
// Target chunk size: small enough that one chunk in flight never holds up a case record on the
// same connection for long, large enough that a 1 GiB body is 4,096 chunks.
inline constexpr std::size_t kDefaultChunkBytes = 256 * 1024;

struct GateOptions {
  uint32_t k = 5;
  std::optional<uint32_t> l;                     // unset: 2 when a column is sensitive, else 0
  double max_suppression = 0.05;                 // share of rows that may be dropped
  std::vector<std::string> quasi_identifiers;    // declared by the publisher
  std::vector<std::string> sensitive_columns;    // declared
  std::vector<std::string> insensitive_columns;  // declared: published as is
  std::vector<std::string> keep_text;            // free-text columns to keep, scrubbed
  bool allow_removal = true;                     // a quasi-identifier may be generalised to "*"
  std::optional<char> delimiter;                 // guessed from the header when unset
  std::size_t chunk_bytes = kDefaultChunkBytes;
  // A dry run: see the header. `preview_rows` rows of the output are kept.
  bool dry_run = false;
  std::size_t preview_rows = 10;
  // When set, each chunk goes here as soon as it is written and checked, and GateOutput::chunks
  // stays empty: the body is never held whole. An error stops the gate with it.
  std::function<Status(uint32_t index, std::string_view chunk)> sink;
  // Called now and then with the stage ("reading", "scanning", "encoding", "anonymising",
  // "writing") and the share done in 0..1. May be empty.
  std::function<void(std::string_view stage, double done)> progress;
  // Called now and then, when set, with a range [begin, end) of the text the current pass is
  // done with: the owner may let those bytes leave memory (a file mapping's pages dropped) as
  // long as they stay readable, for a later pass reads them again. Offsets are into the text as
  // given, ascending within a pass. May be empty.
  std::function<void(std::size_t begin, std::size_t end)> release;
};

// What Publish makes: the parts of the Dataset record the gate owns, and the chunks.
struct GateOutput {
  std::vector<protocol::Column> columns;  // as published, with type and generalisation
  protocol::PrivacyReport report;
  protocol::DatasetBody body;       // chunk refs, sizes, total size, row count
  std::vector<std::string> chunks;  // the bytes, in order, body.chunks[i] describes [i]
  // Plain sentences for the publisher: what was dropped, cleaned, generalised and suppressed.
  std::vector<std::string> summary;
  // Dry runs only: why the table would be refused (ok when it would pass), the first rows as
  // published (header first), and what the publisher could change to keep more.
  Status refusal;
  std::vector<std::vector<std::string>> preview;
  std::vector<std::string> advice;
};

class Gate {
 public:
  Gate();
  ~Gate();
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // Runs the whole gate over `csv`. Errors, each saying what to change:
  //  - InvalidArgument: malformed CSV (with the line), an unknown declared column, a column
  //    declared in two roles, bad options (k < 2, suppression outside 0..1, l without a sensitive
  //    column), a table with no data rows, a row that alone would exceed the largest chunk;
  //  - FailedPrecondition: the table cannot reach k (or l) within the suppression bound, or
  //    nothing is left to publish once identifier and free-text columns are dropped (in a dry
  //    run these are GateOutput::refusal instead);
  //  - whatever `sink` returns.
  // `csv` is borrowed for the call (citynetd maps the upload; see GateOptions::release).
  Result<GateOutput> Publish(std::string_view csv, const GateOptions& options) const;

  const IdentifierScanner& scanner() const { return *scanner_; }

 private:
  std::unique_ptr<IdentifierScanner> scanner_;
};

// Checks a dataset body chunk by chunk, as it arrives, against the signed record that lists it.
// Holds only the counts of quasi-identifier combinations and each column's shape, not the rows.
// Not thread-safe; one per body being checked.
class BodyChecker {
 public:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // kRecord: the record lists the chunks (a receiver). kOwnOutput: the publishing gate checking
  // the body it writes, chunk by chunk in order before their refs exist; Finish then takes the
  // count of chunks and rows. The gate scanned every cell it publishes in its first pass (and
  // cleaned ones again until nothing was found) and gave the roles, so its own check scans only
  // what it generated since, the generalised quasi-identifiers, and re-counts k and l and the
  // rows; receivers check everything.
  enum Mode { kRecord, kOwnOutput };

  // `gate` outlives the checker. `dataset` is the record's payload (validated).
  BodyChecker(const Gate& gate, const protocol::Dataset& dataset, Mode mode = kRecord);
  ~BodyChecker();

  // Checks chunk `index` (its hash already matched the record): whole rows of the record's
  // columns (chunk 0 starting with the header, equal to the columns), UTF-8, no column whose name
  // is an identifier column, and no identifier in any cell. InvalidArgument saying what was found
  // where ("chunk 3, row 17, column 'comment': a CPR number"); the chunk must then be refused.
  // Nothing is counted from a refused chunk. Chunks may be checked in any order, each once
  // (kOwnOutput: in order).
  Status CheckChunk(uint32_t index, std::string_view bytes);

  // Like CheckChunk, but only counts (for a body whose chunks were checked before a restart).
  Status CountChunk(uint32_t index, std::string_view bytes);

  // After every chunk: the row count matches the record, every combination of the report's
  // quasi-identifiers occurs at least k_required times (and each sensitive column has at least
  // l_required values in each), re-counted here, and (gate version 2 and later) every published
  // column's role is one the role rules (roles.h) allow for its name and values.
  // FailedPrecondition with the numbers, or the column and why.
  Status Finish() const;
  // kOwnOutput: the same for a body of `chunks` chunks and `rows` rows.
  Status Finish(uint32_t chunks, uint64_t rows) const;

 private:
  struct Group {
    uint64_t rows = 0;
    std::vector<std::vector<std::string>> distinct;  // per sensitive column, up to l_required
  };
  struct ChunkCounts;  // a chunk's counts, kept apart until it passed (body_checker.cc)
  Status Take(uint32_t index, std::string_view bytes, bool scan);
  // The stages of Take.
  Status CheckPlace(uint32_t index, std::string_view bytes) const;
  Status CountCells(uint32_t index, const std::vector<std::string_view>& fields, bool scan,
                    ChunkCounts& counts);
  void CountGroup(const std::vector<std::string_view>& fields, ChunkCounts& counts) const;
  void Merge(ChunkCounts& counts);
  Status Check(uint64_t rows) const;
  Status CheckRoles() const;

  const Gate& gate_;
  protocol::Dataset dataset_;
  Mode mode_;
  Status shape_;                        // a problem of the record itself, reported by every call
  std::vector<std::size_t> quasi_;      // column positions of the report's quasi-identifiers
  std::vector<std::size_t> sensitive_;  // and of its sensitive columns
  std::unordered_map<std::string, Group> groups_;  // quasi-identifier values -> group
  std::vector<ColumnContext> contexts_;            // per column, from its name
  std::vector<bool> is_quasi_;                     // per column: one of quasi_
  // Per column: the width of the integer bands its generalisation declares ("bands of 500",
  // "5-year bands"), 0 when none. A cell that is exactly one such band is a label the gate wrote.
  std::vector<int64_t> band_widths_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> clean_labels_;  // kOwnOutput
  std::vector<uint64_t> filled_;      // per column: non-empty cells
  std::vector<uint64_t> lone_names_;  // per column: cells that are a lone known name
  std::vector<ColumnShape> shapes_;   // per column, for the role rules
  uint64_t rows_ = 0;
  std::vector<bool> seen_;
};

}  // namespace citynet::privacy
