// Small shared pieces of the gate and the body checker: the numbers and names in their
// messages, and the share of identifiers that makes a column one of identifiers. Private to
// citynet::privacy.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy::internal {

// A column is a column of identifiers, and is dropped (by the gate) or refused (by a receiver),
// when at least this share of its non-empty cells are identifiers (or lone known names).
inline constexpr double kIdentifierColumnShare = 0.5;

// "12.3 %"
inline std::string Percent(double share) { return fmt::format("{:.1f} %", share * 100.0); }

// "1,234,567"
inline std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// "'a', 'b', 'c'"
inline std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += "'" + n + "'";
  }
  return out;
}

}  // namespace citynet::privacy::internal
