#include "node/privacy/internal/numbers.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy::internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Check-digit identifiers. Each Is* takes the identifier's digits (and X) without separators.

// CPR: DDMMYY + serial; the 7th digit and YY give the century (CPR office rules of 1968/2007).
bool IsCpr(std::string_view d) {
  const int day = Number(d.substr(0, 2));
  const int month = Number(d.substr(2, 2));
  const int yy = Number(d.substr(4, 2));
  const int seventh = DigitValue(d[6]);
  int century;
  if (seventh <= 3) {
    century = 1900;
  } else if (seventh == 4 || seventh == 9) {
    century = yy <= 36 ? 2000 : 1900;
  } else {
    century = yy <= 57 ? 2000 : 1800;
  }
  return IsValidDate(century + yy, month, day);
}

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, and the birth date at 7-14.
bool IsChineseId(std::string_view d) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += DigitValue(d[k]) * kWeights[k];
  const char check = d[17] == 'x' ? 'X' : d[17];
  if (kCheck[static_cast<std::size_t>(sum % 11)] != check) return false;
  const int year = Number(d.substr(6, 4));
  return year >= 1900 && year <= 2100 &&
         IsValidDate(year, Number(d.substr(10, 2)), Number(d.substr(12, 2)));
}

bool IsCuit(std::string_view d) {
  static constexpr std::array<int, 10> kWeights = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  const int prefix = Number(d.substr(0, 2));
  if (prefix != 20 && prefix != 23 && prefix != 24 && prefix != 27 && prefix != 30 &&
      prefix != 33 && prefix != 34) {
    return false;
  }
  int sum = 0;
  for (std::size_t k = 0; k < 10; ++k) sum += DigitValue(d[k]) * kWeights[k];
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  // 10 means the number was issued under prefix 23 or 33 with another check digit; a number
  // under the prefix it has cannot have it.
  return check != 10 && check == DigitValue(d[10]);
}

// BCRA's CBU: two blocks, each ending in a weighted check digit.
bool IsCbu(std::string_view d) {
  static constexpr std::array<int, 4> kCycle = {7, 1, 3, 9};
  int sum = 0;
  for (std::size_t k = 0; k < 7; ++k) sum += DigitValue(d[k]) * kCycle[k % 4];
  if ((10 - sum % 10) % 10 != DigitValue(d[7])) return false;
  sum = 0;
  for (std::size_t k = 0; k < 13; ++k) sum += DigitValue(d[8 + k]) * kCycle[(k + 2) % 4];
  return (10 - sum % 10) % 10 == DigitValue(d[21]);
}

// IBAN lengths of the SWIFT IBAN registry (release 2024); 0 for a country without IBAN.
int IbanLength(char a, char b) {
  struct Entry {
    char code[3];
    int length;
  };
  static constexpr Entry kLengths[] = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22},
      {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20},
      {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
      {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
      {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
      {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
      {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
      {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33},
      {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
      {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
      {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
  };
  for (const Entry& e : kLengths) {
    if (e.code[0] == a && e.code[1] == b) return e.length;
  }
  return 0;
}

// ISO 13616: the first four characters moved to the end, letters as 10..35, mod 97 == 1.
bool IsIbanChecksum(std::string_view iban) {
  int rest = 0;
  auto add = [&rest](char c) {
    if (IsDigit(c)) {
      rest = (rest * 10 + DigitValue(c)) % 97;
    } else {
      rest = (rest * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (char c : iban.substr(4)) add(c);
  for (char c : iban.substr(0, 4)) add(c);
  return rest == 1;
}


// Runs of digits joined by one separator from `seps`, as they appear: "20-12345678-6" gives
// {2, 8, 1}. Stops at anything else.
struct DigitGroups {
  std::size_t end = 0;               // after the last digit
  std::vector<std::size_t> lengths;  // digits per group
  std::string digits;                // all digits, without separators
  std::string separators;            // one per gap between groups
};

DigitGroups ReadGroups(std::string_view v, std::size_t i, std::string_view seps,
                       std::size_t max_groups) {
  DigitGroups g;
  while (true) {
    const std::size_t e = RunEnd(v, i);
    g.lengths.push_back(e - i);
    g.digits.append(v.substr(i, e - i));
    g.end = e;
    if (g.lengths.size() == max_groups || e + 1 >= v.size() ||
        seps.find(v[e]) == std::string_view::npos || !IsDigit(v[e + 1])) {
      break;
    }
    g.separators += v[e];
    i = e + 1;
  }
  return g;
}

}  // namespace

void FindCheckDigitNumbers(std::string_view v, Candidates& out) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!RunStartsAt(v, i)) continue;
    const std::size_t run_end = RunEnd(v, i);
    const std::size_t run = run_end - i;
    const std::string_view digits = v.substr(i, run);
    // Chinese ID: 18 digits, or 17 and X.
    if (run == 18 && !(run_end < v.size() && IsAlnumAscii(v[run_end])) && IsChineseId(digits)) {
      out.push_back({kPriorityChineseId, {IdentifierKind::kChineseId, i, run_end}});
    } else if (run == 17 && run_end < v.size() && (v[run_end] == 'X' || v[run_end] == 'x') &&
               !(run_end + 1 < v.size() && IsAlnumAscii(v[run_end + 1])) &&
               IsChineseId(v.substr(i, 18))) {
      out.push_back({kPriorityChineseId, {IdentifierKind::kChineseId, i, run_end + 1}});
    }
    // CBU: 22 digits, or its two blocks of 8 and 14.
    if (run == 22 && IsCbu(digits)) {
      out.push_back({kPriorityCbu, {IdentifierKind::kCbu, i, run_end}});
    } else if (run == 8 && run_end + 15 <= v.size() && (v[run_end] == ' ' || v[run_end] == '-') &&
               RunEnd(v, run_end + 1) == run_end + 15) {
      std::string both(digits);
      both.append(v.substr(run_end + 1, 14));
      if (IsCbu(both)) out.push_back({kPriorityCbu, {IdentifierKind::kCbu, i, run_end + 15}});
    }
    // CUIT/CUIL: 11 digits, or XX-XXXXXXXX-X.
    if (run == 11 && IsCuit(digits)) {
      out.push_back({kPriorityCuit, {IdentifierKind::kCuit, i, run_end}});
    } else if (run == 2) {
      const DigitGroups g = ReadGroups(v, i, "-", 3);
      if (g.lengths == std::vector<std::size_t>{2, 8, 1} && !DigitAt(v, g.end) &&
          IsCuit(g.digits)) {
        out.push_back({kPriorityCuit, {IdentifierKind::kCuit, i, g.end}});
      }
    }
    // CPR: DDMMYYSSSS or DDMMYY-SSSS.
    if (run == 10 && IsCpr(digits)) {
      out.push_back({kPriorityCpr, {IdentifierKind::kCpr, i, run_end}});
    } else if (run == 6 && run_end + 5 <= v.size() && v[run_end] == '-' &&
               RunEnd(v, run_end + 1) == run_end + 5) {
      std::string both(digits);
      both.append(v.substr(run_end + 1, 4));
      if (IsCpr(both)) out.push_back({kPriorityCpr, {IdentifierKind::kCpr, i, run_end + 5}});
    }
    i = run_end;
  }
}

void FindIbans(std::string_view v, Candidates& out) {
  for (std::size_t i = 0; i + 4 < v.size(); ++i) {
    if (!IsUpperAscii(v[i]) || !IsUpperAscii(v[i + 1]) || !IsDigit(v[i + 2]) ||
        !IsDigit(v[i + 3]) || (i > 0 && IsAlnumAscii(v[i - 1]))) {
      continue;
    }
    const auto length = static_cast<std::size_t>(IbanLength(v[i], v[i + 1]));
    if (length == 0) continue;
    std::string compact(v.substr(i, 4));
    std::size_t j = i + 4;
    while (compact.size() < length && j < v.size()) {
      const char c = v[j];
      if (IsDigit(c) || IsUpperAscii(c)) {
        compact += c;
        ++j;
      } else if (c == ' ' && compact.size() % 4 == 0 && j + 1 < v.size() &&
                 (IsDigit(v[j + 1]) || IsUpperAscii(v[j + 1]))) {
        ++j;
      } else {
        break;
      }
    }
    if (compact.size() != length || (j < v.size() && IsAlnumAscii(v[j]))) continue;
    if (IsIbanChecksum(compact)) {
      out.push_back({kPriorityIban, {IdentifierKind::kIban, i, j}});
      i = j - 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// DNI (by context).

namespace {

bool DniKeywordBefore(std::string_view v, std::size_t pos) {
  const std::string w = LowerWindowBefore(v, pos, 24);
  return HasKeyword(w, "dni", true) || HasKeyword(w, "d.n.i", false) ||
         HasKeyword(w, "documento", false) || HasKeyword(w, "doc.", false) ||
         HasKeyword(w, "doc:", false) || HasKeyword(w, "doc ", false);
}

}  // namespace

void FindDnis(std::string_view v, const ColumnContext& context, Candidates& taken) {
  // The DNIs found here come in order and after one another: only what was taken before needs
  // a search.
  const TakenSpans before(taken);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!RunStartsAt(v, i)) continue;
    if (i >= 2 && v[i - 1] == '.' && IsDigit(v[i - 2])) {  // inside a dotted number
      i = RunEnd(v, i);
      continue;
    }
    const DigitGroups g = ReadGroups(v, i, ".", 4);
    std::size_t end = 0;
    if (g.lengths.size() == 1 && (g.digits.size() == 7 || g.digits.size() == 8)) {
      end = g.end;
    } else if (g.lengths.size() == 3 && g.lengths[0] <= 2 && g.lengths[1] == 3 &&
               g.lengths[2] == 3) {
      end = g.end;
    }
    if (end != 0 && !DigitAt(v, end) &&
        !(end + 1 < v.size() && v[end] == '.' && IsDigit(v[end + 1])) && !before.Overlaps(i, end) &&
        (context.dni || DniKeywordBefore(v, i))) {
      taken.push_back({kPriorityDni, {IdentifierKind::kDni, i, end}});
    }
    i = g.end;
  }
}

}  // namespace citynet::privacy::internal
