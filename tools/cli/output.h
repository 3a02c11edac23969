// How the `citynet` CLI presents results to a person: tables laid out by display width, colour
// only when asked for, dates in one format. JSON output (--json) does not come through here.
//
// Boundary: formatting into strings; the caller decides where they go. Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::cli {

// Whether to colour, decided once per run: stdout is a terminal and NO_COLOR is unset or empty
// (https://no-color.org).
bool ShouldColor(bool stdout_is_tty, const char* no_color_env);

// ANSI styling that becomes a no-op when colour is off.
class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  bool color() const { return color_; }
  std::string Bold(std::string_view s) const { return Wrap("1", s); }
  std::string Dim(std::string_view s) const { return Wrap("2", s); }
  std::string Green(std::string_view s) const { return Wrap("32", s); }
  std::string Red(std::string_view s) const { return Wrap("31", s); }
  std::string Yellow(std::string_view s) const { return Wrap("33", s); }
  // A search snippet from citynetd marks each match as "[match]": bold without brackets when
  // colouring, left as it is otherwise.
  std::string Highlight(std::string_view snippet) const;

 private:
  std::string Wrap(std::string_view code, std::string_view s) const;
  bool color_;
};

// A table of text cells. Columns are as wide as their widest cell (by display width), two
// spaces apart. When the table is wider than `max_width`, the column marked flexible shrinks
// (its cells truncated with "…") down to `min_flex_width`. Cells hold plain text; a column's
// style applies after layout, so escape codes never count as width.
class Table {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kLeft;
    bool flexible = false;
    int min_width = 8;  // for the flexible column
  };

  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // Precondition: cells.size() equals the number of columns.
  void AddRow(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }

  // The table, one line per row after a header line (dimmed when styled), each line ending in
  // "\n". `max_width` <= 0: no limit.
  std::string Render(int max_width, const Style& style) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// "2025-03-14 09:26" in UTC (dates in output are the same wherever the command runs); "" for 0.
std::string FormatTime(int64_t unix_ms);
// "2025-03-14".
std::string FormatDate(int64_t unix_ms);

// Milliseconds since the epoch at 00:00 UTC of "YYYY-MM-DD", or -1 when malformed.
int64_t ParseDateMs(std::string_view yyyy_mm_dd);

// The first 12 hex digits of a record id: enough to tell records apart in a listing.
std::string ShortId(std::string_view hex_id);

}  // namespace citynet::cli
