// CSV tables as experts export them from spreadsheets and statistics tools: RFC 4180 (fields in
// double quotes may hold the delimiter, line breaks and doubled quotes), UTF-8 with or without a
// byte-order mark, ',' or ';' as the delimiter (';' is what a Danish or Spanish Excel writes),
// CRLF or LF line ends. Every error names the line, so an expert can fix the file.
//
// The table owns the text it was parsed from; cells are views into it (or into unescaped copies
// of quoted fields with doubled quotes), so a 1 GiB table is not copied cell by cell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"

namespace citynet::privacy {

struct CsvOptions {
  // ',' or ';'; unset: whichever of the two occurs more often (outside quotes) in the header.
  std::optional<char> delimiter;
  // A table without a header row has this many columns (0: the file has a header row).
  std::size_t columns_without_header = 0;
  std::size_t max_columns = 4096;
  std::size_t max_field_bytes = 1u << 20;
};

class CsvTable {
 public:
  char delimiter() const { return delimiter_; }
  // The header's column names (empty for a table parsed without a header).
  const std::vector<std::string>& header() const { return header_; }
  std::size_t columns() const { return columns_; }
  std::size_t rows() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  std::string_view cell(std::size_t row, std::size_t column) const {
    return cells_[row * columns_ + column];
  }
  // The 1-based line of the file on which a row starts (rows may span lines).
  uint64_t line(std::size_t row) const { return lines_[row]; }

  CsvTable() = default;
  CsvTable(CsvTable&&) = default;
  CsvTable& operator=(CsvTable&&) = default;

 private:
  friend Result<CsvTable> ParseCsv(std::string text, const CsvOptions& options);
  std::unique_ptr<const std::string> text_;  // on the heap: cells point into it across moves
  std::deque<std::string> unescaped_;  // fields with doubled quotes, unescaped (stable addresses)
  std::vector<std::string> header_;
  std::vector<std::string_view> cells_;  // row-major
  std::vector<uint64_t> lines_;
  std::size_t columns_ = 0;
  char delimiter_ = ',';
};

// Reads a CSV text row by row without holding its cells: what the privacy gate uses to make
// several passes over a large table in bounded memory (ParseCsv is built on it). The text is
// borrowed and must outlive the reader. Not thread-safe.
class CsvReader {
 public:
  // Checks the whole text once (UTF-8, no NUL byte, not empty), picks the delimiter and reads the
  // header (unless options.columns_without_header is set). Errors as ParseCsv's.
  static Result<CsvReader> Open(std::string_view text, const CsvOptions& options = {});

  char delimiter() const { return delimiter_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t columns() const { return columns_; }

  // Reads the next row into `fields` (resized to columns()). The views point into the text, or,
  // for quoted fields with doubled quotes, into the reader (valid until the next call). Returns
  // false at the end of the text. Errors (InvalidArgument) name the line, as ParseCsv's.
  Result<bool> Next(std::vector<std::string_view>& fields);
  // The 1-based line on which the row last returned by Next starts.
  uint64_t line() const { return row_line_; }
  // Back to the first row after the header.
  void Rewind();
  // The offset in the text (after a byte-order mark) where the next row starts.
  std::size_t offset() const { return pos_; }
  // The share of the text read so far, 0..1 (for progress reports).
  double done() const {
    return text_.empty() ? 1.0 : static_cast<double>(pos_) / static_cast<double>(text_.size());
  }

  CsvReader(CsvReader&&) = default;
  CsvReader& operator=(CsvReader&&) = default;

 private:
  CsvReader() = default;
  // Reads one record (header or row) into `out`; false at the end of the text.
  Result<bool> ReadRecord(std::vector<std::string_view>& out);

  std::string_view text_;
  CsvOptions options_;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  std::size_t columns_ = 0;
  std::size_t pos_ = 0;
  uint64_t line_ = 1;
  std::size_t rows_start_ = 0;
  uint64_t rows_start_line_ = 1;
  uint64_t row_line_ = 0;
  std::deque<std::string> unescaped_;  // this row's fields with doubled quotes
};

// Parses `text`. Blank lines are skipped. Errors (InvalidArgument), each "line N: what, and what
// to do": not UTF-8 (with the byte offset), a NUL byte, a quote left open (the line it opened on),
// text after a closing quote, a row with more or fewer fields than the header, an empty or
// duplicate column name, a field or a header over the limits, an empty file or a header alone.
Result<CsvTable> ParseCsv(std::string text, const CsvOptions& options = {});

// Appends one row to `out` as RFC 4180 with ',' and "\n": a field is quoted when it holds a
// comma, a quote, CR or LF, starts or ends with a space or a tab, or starts with U+FEFF (so that
// the row reads back the same even as the first bytes of a file); quotes inside are doubled.
void AppendCsvRow(std::string& out, std::span<const std::string_view> fields);

}  // namespace citynet::privacy
