// Fuzzes the CSV reader the privacy gate starts with: an expert's spreadsheet export is the one
// input of the gate nobody has checked, and a receiver parses every body chunk with it too.
//
// Input: the first byte picks the options, the rest is the file.
//   bits 0-1  delimiter: unset (guessed), ',', ';', unset
//   bits 2-4  columns_without_header (0: the file has a header row)
//   bits 5-6  limits: the defaults, tiny (2 columns, 8 bytes), small (8, 64), medium (64, 4096)
//   bit 7     huge: the file's last byte repeated until the file is max_field_bytes + 2 long
//             (with the default limits 1 MiB: a field over the limit, a quote never closed, half
//             a million doubled quotes, a million line breaks)
// What a user relies on, checked on every input:
// - accepted: the shape is the one announced (header names unique, non-empty, trimmed; every row
//   the same width, within the limits), every cell is UTF-8 without NUL, rows start on
//   increasing lines that exist in the file, and every row written back with AppendCsvRow (as
//   the gate writes bodies) reads back as the same cells, alone (as a chunk may start with any
//   row) and under the header;
// - refused: InvalidArgument whose message names a line that exists, except for the few
//   problems of the whole file.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/csv.h"
#include "protocol/vocabulary.h"

using namespace citynet;
using namespace citynet::privacy;

namespace {

// The errors about the whole file rather than one of its lines.
constexpr std::string_view kWholeFileErrors[] = {
    "the file is empty: a dataset is a header row and at least one row",
    "the file has a header but no rows",
    "the file has no rows",
};

// The number of lines of `text` as the reader counts them: LF, CRLF and a lone CR each end one.
uint64_t LineCount(std::string_view text) {
  uint64_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  return lines;
}

std::vector<std::string_view> RowOf(const CsvTable& t, std::size_t r) {
  std::vector<std::string_view> row;
  row.reserve(t.columns());
  for (std::size_t c = 0; c < t.columns(); ++c) row.push_back(t.cell(r, c));
  return row;
}

bool SameCells(const CsvTable& t, std::size_t r, const std::vector<std::string_view>& want) {
  if (t.columns() != want.size()) return false;
  for (std::size_t c = 0; c < want.size(); ++c) {
    if (t.cell(r, c) != want[c]) return false;
  }
  return true;
}

// The line number in "line N: ...", or 0 when the message does not start with one.
uint64_t LineOfMessage(std::string_view message) {
  if (!message.starts_with("line ")) return 0;
  uint64_t n = 0;
  std::size_t i = 5;
  for (; i < message.size() && message[i] >= '0' && message[i] <= '9' && i < 25; ++i) {
    n = n * 10 + static_cast<uint64_t>(message[i] - '0');
  }
  return i < message.size() && message[i] == ':' ? n : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  CsvOptions options;
  if ((mode & 3) == 1) options.delimiter = ',';
  if ((mode & 3) == 2) options.delimiter = ';';
  options.columns_without_header = (mode >> 2) & 7;
  static constexpr std::size_t kColumns[] = {4096, 2, 8, 64};
  static constexpr std::size_t kFieldBytes[] = {1u << 20, 8, 64, 4096};
  options.max_columns = kColumns[(mode >> 5) & 3];
  options.max_field_bytes = kFieldBytes[(mode >> 5) & 3];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((mode & 0x80) != 0 && !input.empty() && input.size() < options.max_field_bytes + 2) {
    input.resize(options.max_field_bytes + 2, input.back());
  }
  const std::string_view text = input;

  Result<CsvTable> parsed = ParseCsv(input, options);
  if (!parsed.ok()) {
    const Status& s = parsed.status();
    if (s.code() != StatusCode::kInvalidArgument) __builtin_trap();
    const uint64_t line = LineOfMessage(s.message());
    if (line == 0) {
      if (std::find(std::begin(kWholeFileErrors), std::end(kWholeFileErrors), s.message()) ==
          std::end(kWholeFileErrors)) {
        __builtin_trap();
      }
    } else if (line > LineCount(text)) {
      __builtin_trap();
    }
    return 0;
  }

  const CsvTable& t = *parsed;
  const bool has_header = options.columns_without_header == 0;
  if (t.columns() == 0 || t.rows() == 0 || t.columns() > options.max_columns) __builtin_trap();
  if (options.delimiter ? t.delimiter() != *options.delimiter
                        : t.delimiter() != ',' && t.delimiter() != ';') {
    __builtin_trap();
  }
  if (has_header) {
    if (t.header().size() != t.columns()) __builtin_trap();
    std::vector<std::string_view> names(t.header().begin(), t.header().end());
    for (std::string_view name : names) {
      if (name.empty() || name.front() == ' ' || name.front() == '\t' || name.back() == ' ' ||
          name.back() == '\t' || !protocol::IsValidUtf8(name)) {
        __builtin_trap();
      }
    }
    std::sort(names.begin(), names.end());
    if (std::adjacent_find(names.begin(), names.end()) != names.end()) __builtin_trap();
  } else if (!t.header().empty() || t.columns() != options.columns_without_header) {
    __builtin_trap();
  }

  const uint64_t lines = LineCount(text);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (t.line(r) < (has_header ? 2u : 1u) || t.line(r) > lines) __builtin_trap();
    if (r > 0 && t.line(r) <= t.line(r - 1)) __builtin_trap();
    for (std::size_t c = 0; c < t.columns(); ++c) {
      const std::string_view cell = t.cell(r, c);
      if (cell.size() > options.max_field_bytes || !protocol::IsValidUtf8(cell) ||
          cell.find('\0') != std::string_view::npos) {
        __builtin_trap();
      }
    }
  }

  // Round trip, as the gate writes a body and a receiver reads it back: each row alone, without
  // a header (chunks after the first start with an arbitrary row).
  CsvOptions again;
  again.delimiter = ',';
  again.columns_without_header = t.columns();
  again.max_columns = options.max_columns;
  again.max_field_bytes = options.max_field_bytes;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::vector<std::string_view> row = RowOf(t, r);
    std::string written;
    AppendCsvRow(written, row);
    Result<CsvTable> back = ParseCsv(written, again);
    if (!back.ok() || back->rows() != 1 || !SameCells(*back, 0, row)) __builtin_trap();
  }
  // And the first chunk's shape: the header, then the rows.
  if (has_header) {
    std::vector<std::string_view> names(t.header().begin(), t.header().end());
    std::string written;
    AppendCsvRow(written, names);
    for (std::size_t r = 0; r < t.rows(); ++r) AppendCsvRow(written, RowOf(t, r));
    CsvOptions with_header = again;
    with_header.columns_without_header = 0;
    Result<CsvTable> back = ParseCsv(written, with_header);
    if (!back.ok() || back->header() != t.header() || back->rows() != t.rows()) __builtin_trap();
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (!SameCells(*back, r, RowOf(t, r))) __builtin_trap();
    }
  }
  return 0;
}
