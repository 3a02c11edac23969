#include "node/privacy/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "protocol/vocabulary.h"

namespace citynet::privacy {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

uint64_t LineAt(std::string_view text, std::size_t offset) {
  return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The delimiter a header line uses: ';' when it has more semicolons than commas outside quotes.
char GuessDelimiter(std::string_view text) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

// Where a record is being read: the text, the offset in it and the 1-based line there.
struct Cursor {
  std::string_view text;
  std::size_t pos;
  uint64_t line;
};

// Blank lines are no rows (csv.h): skipped before a record; false when nothing but blank lines
// is left.
bool SkipBlankLines(Cursor& at) {
  const std::string_view text = at.text;
  const std::size_t n = text.size();
  while (at.pos < n && (text[at.pos] == '\n' || text[at.pos] == '\r')) {
    if (text[at.pos] == '\r' && at.pos + 1 < n && text[at.pos + 1] == '\n') ++at.pos;
    ++at.pos;
    ++at.line;
  }
  return at.pos < n;
}

// A field in double quotes (at.pos on the opening quote), which may hold the delimiter, line
// breaks and doubled quotes. Doubled quotes are unescaped into a string of `unescaped`, which
// keeps its address, so that `value` can point into it; other fields point into the text.
Status ReadQuotedField(Cursor& at, char delim, std::size_t field,
                       std::deque<std::string>& unescaped, std::string_view& value) {
  const std::string_view text = at.text;
  const std::size_t n = text.size();
  const uint64_t open_line = at.line;
  const std::size_t start = ++at.pos;
  bool doubled = false;
  for (;;) {
    const void* q = std::memchr(text.data() + at.pos, '"', n - at.pos);
    if (q == nullptr) {
      return InvalidArgument(fmt::format(
          "line {}: a quoted field is never closed: close it with '\"', and write a quote "
          "inside a quoted field as '\"\"'",
          open_line));
    }
    const std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
    at.line += static_cast<uint64_t>(std::count(text.begin() + at.pos, text.begin() + quote, '\n'));
    if (quote + 1 < n && text[quote + 1] == '"') {
      doubled = true;
      at.pos = quote + 2;
      continue;
    }
    value = text.substr(start, quote - start);
    at.pos = quote + 1;
    break;
  }
  if (at.pos < n && text[at.pos] != delim && text[at.pos] != '\n' && text[at.pos] != '\r') {
    return InvalidArgument(fmt::format(
        "line {}: field {} has text after its closing quote: quote the whole field, and "
        "write a quote inside it as '\"\"'",
        at.line, field));
  }
  if (doubled) {
    std::string plain;
    plain.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      plain.push_back(value[i]);
      if (value[i] == '"') ++i;  // the second quote of a pair
    }
    unescaped.push_back(std::move(plain));
    value = unescaped.back();
  }
  return Status::Ok();
}

// A field without quotes: everything up to the delimiter or the line end, as it is.
std::string_view ReadPlainField(Cursor& at, char delim) {
  const std::string_view text = at.text;
  const std::size_t n = text.size();
  const std::size_t start = at.pos;
  while (at.pos < n) {
    const char c = text[at.pos];
    if (c == delim || c == '\n' || c == '\r') break;
    ++at.pos;
  }
  return text.substr(start, at.pos - start);
}

// Steps over what ends a field: true after a delimiter (another field follows), false at the
// end of the text or after the line end (CR, LF or CRLF), which ends the record.
bool NextField(Cursor& at, char delim) {
  const std::string_view text = at.text;
  const std::size_t n = text.size();
  if (at.pos >= n) return false;
  const char c = text[at.pos];
  if (c == delim) {
    ++at.pos;
    return true;
  }
  if (c == '\r' && at.pos + 1 < n && text[at.pos + 1] == '\n') ++at.pos;
  ++at.pos;
  ++at.line;
  return false;
}

// The whole record [start, end), delimiters and quotes included, must be UTF-8 without NUL
// bytes; the message names the line and the offset in the file as a reader counts them.
Status CheckRecordBytes(std::string_view text, std::size_t start, std::size_t end,
                        uint64_t first_line) {
  const std::string_view record = text.substr(start, end - start);
  std::size_t bad = 0;
  if (!protocol::IsValidUtf8(record, &bad)) {
    const std::size_t at = start + bad;
    return InvalidArgument(fmt::format(
        "line {}: the file is not UTF-8 (byte 0x{:02X} at offset {}): save it as 'CSV UTF-8' "
        "(in Excel: Save As, CSV UTF-8) and publish again",
        first_line + LineAt(record, bad) - 1,
        static_cast<unsigned>(static_cast<unsigned char>(text[at])), at));
  }
  if (std::size_t nul = record.find('\0'); nul != std::string_view::npos) {
    return InvalidArgument(
        fmt::format("line {}: the file holds a NUL byte: it is not a text CSV file",
                    first_line + LineAt(record, nul) - 1));
  }
  return Status::Ok();
}

}  // namespace

Result<CsvReader> CsvReader::Open(std::string_view text, const CsvOptions& options) {
  CsvReader reader;
  reader.options_ = options;
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  reader.text_ = text;

  // UTF-8 and NUL bytes are checked record by record as they are read (ReadRecord), so that a
  // pass over a large mapped file never needs all of it in memory at once.
  if (Trim(text).find_first_not_of("\r\n") == std::string_view::npos) {
    return InvalidArgument("the file is empty: a dataset is a header row and at least one row");
  }
  const char delim = options.delimiter.value_or(GuessDelimiter(text));
  if (delim != ',' && delim != ';') {
    return InvalidArgument(fmt::format("'{}' is not a supported delimiter: use ',' or ';'", delim));
  }
  reader.delimiter_ = delim;
  reader.columns_ = options.columns_without_header;
  if (options.columns_without_header == 0) {
    std::vector<std::string_view> fields;
    CITYNET_ASSIGN_OR_RETURN(bool got, reader.ReadRecord(fields));
    if (!got) {
      return InvalidArgument("the file is empty: a dataset is a header row and at least one row");
    }
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string_view name = Trim(fields[i]);
      if (name.empty()) {
        return InvalidArgument(
            fmt::format("line {}: column {} of the header has no name: every column needs one",
                        reader.row_line_, i + 1));
      }
      if (!seen.insert(name).second) {
        return InvalidArgument(
            fmt::format("line {}: the header names column '{}' twice: column names must be unique",
                        reader.row_line_, name));
      }
      reader.header_.emplace_back(name);
    }
    reader.columns_ = reader.header_.size();
  }
  reader.rows_start_ = reader.pos_;
  reader.rows_start_line_ = reader.line_;
  return reader;
}

void CsvReader::Rewind() {
  pos_ = rows_start_;
  line_ = rows_start_line_;
  row_line_ = 0;
  unescaped_.clear();
}

Result<bool> CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  CITYNET_ASSIGN_OR_RETURN(bool got, ReadRecord(fields));
  if (!got) return false;
  if (fields.size() != columns_) {
    return InvalidArgument(fmt::format(
        "line {}: the row has {} fields but the {} has {}: a field holding '{}' or a line "
        "break must be in double quotes",
        row_line_, fields.size(), options_.columns_without_header == 0 ? "header" : "table",
        columns_, delimiter_));
  }
  return true;
}

Result<bool> CsvReader::ReadRecord(std::vector<std::string_view>& out) {
  unescaped_.clear();
  const char delim = delimiter_;
  // Read through a local cursor, stored back only once the record has been read and checked.
  Cursor at{text_, pos_, line_};
  if (!SkipBlankLines(at)) {
    pos_ = at.pos;
    line_ = at.line;
    return false;
  }
  row_line_ = at.line;
  const std::size_t record_start = at.pos;
  const std::size_t n = at.text.size();
  for (;;) {
    std::string_view value;
    if (at.pos < n && at.text[at.pos] == '"') {
      CITYNET_RETURN_IF_ERROR(ReadQuotedField(at, delim, out.size() + 1, unescaped_, value));
    } else {
      value = ReadPlainField(at, delim);
    }
    if (value.size() > options_.max_field_bytes) {
      return InvalidArgument(fmt::format("line {}: field {} is {} bytes, over the limit of {}",
                                         at.line, out.size() + 1, value.size(),
                                         options_.max_field_bytes));
    }
    out.push_back(value);
    if (out.size() > options_.max_columns) {
      return InvalidArgument(
          fmt::format("line {}: more than {} fields", row_line_, options_.max_columns));
    }
    if (!NextField(at, delim)) break;
  }
  CITYNET_RETURN_IF_ERROR(CheckRecordBytes(at.text, record_start, at.pos, row_line_));
  pos_ = at.pos;
  line_ = at.line;
  return true;
}

Result<CsvTable> ParseCsv(std::string input, const CsvOptions& options) {
  CsvTable table;
  table.text_ = std::make_unique<const std::string>(std::move(input));
  const std::string_view text = *table.text_;
  CITYNET_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(text, options));
  table.delimiter_ = reader.delimiter();
  table.header_ = reader.header();
  table.columns_ = reader.columns();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  std::vector<std::string_view> fields;
  for (;;) {
    CITYNET_ASSIGN_OR_RETURN(bool got, reader.Next(fields));
    if (!got) break;
    for (std::string_view f : fields) {
      if (!f.empty() && (f.data() < begin || f.data() >= end)) {
        // Unescaped by the reader, which reuses its buffer: the table keeps its own copy.
        table.unescaped_.emplace_back(f);
        f = table.unescaped_.back();
      }
      table.cells_.push_back(f);
    }
    table.lines_.push_back(reader.line());
  }
  if (table.lines_.empty()) {
    return InvalidArgument(options.columns_without_header == 0 ? "the file has a header but no rows"
                                                               : "the file has no rows");
  }
  return table;
}

void AppendCsvRow(std::string& out, std::span<const std::string_view> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    std::string_view f = fields[i];
    // A lone empty field is written "" so that its row is not a blank line, which readers skip.
    // A receiver reads each chunk alone, so any row may open a file: a leading U+FEFF would be
    // taken for the byte-order mark, and a row of blanks for an empty file. Other readers trim
    // spaces and tabs around unquoted fields.
    const bool quote = f.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!f.empty() && (IsBlank(f.front()) || IsBlank(f.back()))) ||
                       f.starts_with(kByteOrderMark) || (f.empty() && fields.size() == 1);
    if (!quote) {
      out.append(f);
      continue;
    }
    out.push_back('"');
    for (char c : f) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('\n');
}

}  // namespace citynet::privacy
