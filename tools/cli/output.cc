#include "tools/cli/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <ctime>

#include "tools/cli/display.h"

namespace citynet::cli {

bool ShouldColor(bool stdout_is_tty, const char* no_color_env) {
  return stdout_is_tty && (no_color_env == nullptr || no_color_env[0] == '\0');
}

std::string Style::Wrap(std::string_view code, std::string_view s) const {
  if (!color_) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}

std::string Style::Highlight(std::string_view snippet) const {
  if (!color_) return std::string(snippet);
  std::string out;
  out.reserve(snippet.size() + 16);
  for (char ch : snippet) {
    if (ch == '[') {
      out += "\x1b[1m";
    } else if (ch == ']') {
      out += "\x1b[0m";
    } else {
      out += ch;
    }
  }
  return out;
}

void Table::AddRow(std::vector<std::string> cells) {
  assert(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::Render(int max_width, const Style& style) const {
  const std::size_t n = columns_.size();
  std::vector<int> widths(n, 0);
  for (std::size_t c = 0; c < n; ++c) {
    widths[c] = DisplayWidth(columns_[c].header);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  if (max_width > 0) {
    int total = 0;
    for (int w : widths) total += w;
    total += 2 * static_cast<int>(n > 0 ? n - 1 : 0);
    for (std::size_t c = 0; c < n && total > max_width; ++c) {
      if (!columns_[c].flexible) continue;
      const int floor = std::min(widths[c], std::max(columns_[c].min_width, 1));
      const int shrink = std::min(total - max_width, widths[c] - floor);
      widths[c] -= shrink;
      total -= shrink;
    }
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string out;
    for (std::size_t c = 0; c < n; ++c) {
      std::string cell = TruncateToWidth(cells[c], widths[c]);
      const int pad = widths[c] - DisplayWidth(cell);
      const bool last = c + 1 == n;
      std::string padded;
      if (columns_[c].align == Align::kRight) {
        padded = std::string(static_cast<std::size_t>(pad), ' ') + cell;
      } else {
        padded = cell + (last ? "" : std::string(static_cast<std::size_t>(pad), ' '));
      }
      out += header ? style.Dim(padded) : padded;
      if (!last) out += "  ";
    }
    // Trailing spaces from an empty last cell help nobody.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    return out;
  };
  std::vector<std::string> header;
  for (const Column& col : columns_) header.push_back(col.header);
  std::string out = line(header, true);
  for (const auto& row : rows_) out += line(row, false);
  return out;
}

namespace {

std::tm UtcTm(int64_t unix_ms) {
  const std::time_t secs = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  return tm;
}

}  // namespace

std::string FormatTime(int64_t unix_ms) {
  if (unix_ms == 0) return "";
  const std::tm tm = UtcTm(unix_ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
}

std::string FormatDate(int64_t unix_ms) {
  if (unix_ms == 0) return "";
  const std::tm tm = UtcTm(unix_ms);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t ParseDateMs(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return -1;
  auto num = [&s](std::size_t at, std::size_t len, int* out) {
    const char* b = s.data() + at;
    auto [p, ec] = std::from_chars(b, b + len, *out);
    return ec == std::errc() && p == b + len;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (!num(0, 4, &y) || !num(5, 2, &m) || !num(8, 2, &d)) return -1;
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  const std::time_t t = ::timegm(&tm);
  // timegm normalises 2025-02-30 to March: refuse dates that moved.
  const std::tm back = UtcTm(static_cast<int64_t>(t) * 1000);
  if (back.tm_mday != d || back.tm_mon != m - 1) return -1;
  return static_cast<int64_t>(t) * 1000;
}

std::string ShortId(std::string_view hex_id) { return std::string(hex_id.substr(0, 12)); }

}  // namespace citynet::cli
