#include "node/privacy/identifiers.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace citynet::privacy {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// ---------------------------------------------------------------------------------------------
// Bytes and code points.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlphaAscii(char c) { return (c >= 'a' && c <= 'z') || IsUpperAscii(c); }
bool IsAlnumAscii(char c) { return IsDigit(c) || IsAlphaAscii(c); }
int DigitValue(char c) { return c - '0'; }
char LowerAscii(char c) { return IsUpperAscii(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool DigitAt(std::string_view v, std::size_t i) { return i < v.size() && IsDigit(v[i]); }

// Decodes the UTF-8 code point at v[i]; sets *len to its length in bytes. Invalid bytes decode
// as -1 with length 1, so that scanners step over them as non-letters.
int32_t DecodeAt(std::string_view v, std::size_t i, std::size_t* len) {
  const auto b0 = static_cast<unsigned char>(v[i]);
  *len = 1;
  if (b0 < 0x80) return b0;
  std::size_t need;
  int32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07;
  } else {
    return -1;
  }
  if (i + need >= v.size()) return -1;
  for (std::size_t k = 1; k <= need; ++k) {
    const auto b = static_cast<unsigned char>(v[i + k]);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values above U+10FFFF.
  if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return -1;
  }
  *len = need + 1;
  return cp;
}

// Start of the code point that ends just before byte i (i > 0).
std::size_t PrevStart(std::string_view v, std::size_t i) {
  std::size_t j = i - 1;
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(v[j]) & 0xC0) == 0x80; ++k) --j;
  return j;
}

void AppendUtf8(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsLetter(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return IsAlphaAscii(static_cast<char>(cp));
  return u_isalpha(cp) != 0;
}

// Han and kana are letters, but Chinese and Japanese text has no spaces between words: an
// e-mail address in it would swallow the sentence around it.
bool IsCjk(int32_t cp) {
  if (cp < 0x2E80) return false;
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &error);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

// Lower case, code point by code point (enough for names: no context-dependent casing).
std::string Fold(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    std::size_t len;
    const int32_t cp = DecodeAt(word, i, &len);
    if (cp < 0x80) {
      out += LowerAscii(word[i]);
    } else {
      AppendUtf8(out, u_tolower(cp));
    }
    i += len;
  }
  return out;
}

// The ASCII-lower-cased `n` bytes before `pos` (fewer at the start of the value).
std::string LowerWindowBefore(std::string_view v, std::size_t pos, std::size_t n) {
  const std::size_t from = pos > n ? pos - n : 0;
  std::string w(v.substr(from, pos - from));
  for (char& c : w) c = LowerAscii(c);
  return w;
}

// True when `window` contains `keyword` starting a word (the byte before is not a letter, ASCII
// or UTF-8). With `whole_word`, the byte after must not be a letter either.
bool HasKeyword(std::string_view window, std::string_view keyword, bool whole_word) {
  for (std::size_t at = window.find(keyword); at != std::string_view::npos;
       at = window.find(keyword, at + 1)) {
    const bool starts = at == 0 || !(IsAlphaAscii(window[at - 1]) ||
                                     static_cast<unsigned char>(window[at - 1]) >= 0x80);
    const std::size_t after = at + keyword.size();
    const bool ends =
        !whole_word || after == window.size() ||
        !(IsAlphaAscii(window[after]) || static_cast<unsigned char>(window[after]) >= 0x80);
    if (starts && ends) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Dates.

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsValidDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const int days = kDays[static_cast<std::size_t>(m - 1)] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  return d <= days;
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + DigitValue(c);
  return n;
}

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

// ---------------------------------------------------------------------------------------------
// Candidates. Detectors propose findings with a priority; the lowest priority number wins
// where two overlap, so that a number with check digits is never also a phone number.

enum Priority : int {
  kPriorityChineseId,
  kPriorityCbu,
  kPriorityIban,
  kPriorityCuit,
  kPriorityCpr,
  kPriorityEmail,
  kPriorityDni,
  kPriorityPhone,
  kPriorityName,
};

struct Candidate {
  int priority;
  Finding finding;
};

bool Overlaps(const std::vector<Candidate>& taken, std::size_t begin, std::size_t end) {
  return std::any_of(taken.begin(), taken.end(), [begin, end](const Candidate& c) {
    return c.finding.begin < end && begin < c.finding.end;
  });
}

// Start of a maximal run of digits at i: v[i] is a digit and v[i-1] is not.
bool RunStartsAt(std::string_view v, std::size_t i) {
  return IsDigit(v[i]) && (i == 0 || !IsDigit(v[i - 1]));
}

std::size_t RunEnd(std::string_view v, std::size_t i) {
  while (i < v.size() && IsDigit(v[i])) ++i;
  return i;
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

void FindCheckDigitNumbers(std::string_view v, std::vector<Candidate>& out) {
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

void FindIbans(std::string_view v, std::vector<Candidate>& out) {
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
// E-mail.

bool IsEmailLocalByte(char c) {
  static constexpr std::string_view kSpecials = ".!#$%&'*+/=?^_`{|}~-";
  return IsAlnumAscii(c) || kSpecials.find(c) != std::string_view::npos;
}

// A non-ASCII code point that may be part of an address (letters and digits, not Han or kana).
bool IsEmailUnicode(int32_t cp) { return cp >= 0x80 && u_isalnum(cp) && !IsCjk(cp); }

void FindEmails(std::string_view v, std::vector<Candidate>& out) {
  std::size_t resume = 0;  // findings must not overlap: never look left of the last one
  for (std::size_t at = v.find('@'); at != std::string_view::npos; at = v.find('@', at + 1)) {
    if (at < resume) continue;
    // The local part, leftwards.
    std::size_t begin = at;
    while (begin > resume) {
      const char c = v[begin - 1];
      if (static_cast<unsigned char>(c) < 0x80) {
        if (!IsEmailLocalByte(c)) break;
        --begin;
      } else {
        const std::size_t s = PrevStart(v, begin);
        std::size_t len;
        if (!IsEmailUnicode(DecodeAt(v, s, &len)) || s + len != begin) break;
        begin = s;
      }
    }
    while (begin < at && v[begin] == '.') ++begin;
    if (begin == at || v[at - 1] == '.') continue;
    // The domain, rightwards: labels of letters, digits and hyphens, separated by dots.
    std::size_t end = at + 1;
    std::size_t last_dot = std::string_view::npos;
    while (end < v.size()) {
      const char c = v[end];
      if (IsAlnumAscii(c) || c == '-') {
        ++end;
      } else if (c == '.' && end + 1 < v.size() && v[end - 1] != '.' && v[end - 1] != '@') {
        last_dot = end;
        ++end;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t len;
        if (!IsEmailUnicode(DecodeAt(v, end, &len))) break;
        end += len;
      } else {
        break;
      }
    }
    while (end > at + 1 && (v[end - 1] == '.' || v[end - 1] == '-')) --end;
    if (last_dot == std::string_view::npos || last_dot + 1 >= end) continue;
    // The top-level domain: two or more letters ("xn--" for an internationalised one).
    const std::string_view tld = v.substr(last_dot + 1, end - last_dot - 1);
    bool tld_ok = tld.size() >= 2;
    if (tld.substr(0, 4) != "xn--") {
      for (std::size_t k = 0; k < tld.size() && tld_ok;) {
        std::size_t len;
        tld_ok = IsLetter(DecodeAt(tld, k, &len));
        k += len;
      }
    }
    if (!tld_ok || v[at + 1] == '-' || v[at + 1] == '.') continue;
    out.push_back({kPriorityEmail, {IdentifierKind::kEmail, begin, end}});
    resume = end;
  }
}

// ---------------------------------------------------------------------------------------------
// DNI (by context).

bool DniKeywordBefore(std::string_view v, std::size_t pos) {
  const std::string w = LowerWindowBefore(v, pos, 24);
  return HasKeyword(w, "dni", true) || HasKeyword(w, "d.n.i", false) ||
         HasKeyword(w, "documento", false) || HasKeyword(w, "doc.", false) ||
         HasKeyword(w, "doc:", false) || HasKeyword(w, "doc ", false);
}

void FindDnis(std::string_view v, const ColumnContext& context, const std::vector<Candidate>& taken,
              std::vector<Candidate>& out) {
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
        !(end + 1 < v.size() && v[end] == '.' && IsDigit(v[end + 1])) && !Overlaps(taken, i, end) &&
        (context.dni || DniKeywordBefore(v, i))) {
      out.push_back({kPriorityDni, {IdentifierKind::kDni, i, end}});
    }
    i = g.end;
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers: a hand-written tokenizer finds number-like runs; libphonenumber decides.

bool PhoneKeywordBefore(std::string_view v, std::size_t pos) {
  const std::string w = LowerWindowBefore(v, pos, 40);
  // The Chinese ones are 电话 and 電話 (telephone), 手机 (mobile), 联系 (contact).
  static constexpr std::string_view kPrefixes[] = {
      "telef",   "teléf", "teleph", "tlf",      "phone", "mobil", "movil", "móvil",
      "celular", "cell",  "llam",   "whatsapp", "电话",  "電話",  "手机",  "联系"};
  static constexpr std::string_view kWords[] = {"tel",  "tel.",  "cel", "cel.",
                                                "ring", "ringe", "sms", "fax"};
  for (std::string_view k : kPrefixes) {
    if (HasKeyword(w, k, false)) return true;
  }
  for (std::string_view k : kWords) {
    if (HasKeyword(w, k, true)) return true;
  }
  return false;
}

// A run of digits joined by the separators people put in phone numbers.
struct PhoneToken {
  std::size_t begin = 0;  // at '+', '(' or the first digit
  std::size_t end = 0;    // after the last digit
  std::string digits;
  std::vector<std::size_t> groups;  // digits per group
  std::string separators;           // every separator byte, in order
  bool plus = false;
  bool too_long = false;
};

// Separators between digit groups: one of " -./()" or the pairs ") ", " (", ")-".
std::size_t SeparatorLength(std::string_view v, std::size_t i) {
  static constexpr std::string_view kSingle = " -./()";
  if (i >= v.size() || kSingle.find(v[i]) == std::string_view::npos) return 0;
  if (DigitAt(v, i + 1)) return 1;
  if (i + 2 < v.size() && IsDigit(v[i + 2])) {
    const std::string_view pair = v.substr(i, 2);
    if (pair == ") " || pair == " (" || pair == ")-") return 2;
  }
  return 0;
}

PhoneToken ReadPhoneToken(std::string_view v, std::size_t start) {
  PhoneToken t;
  t.begin = start;
  std::size_t i = start;
  if (v[i] == '+') {
    t.plus = true;
    ++i;
  } else if (v[i] == '(') {
    t.separators += '(';
    ++i;
  }
  while (true) {
    const std::size_t e = RunEnd(v, i);
    t.groups.push_back(e - i);
    t.digits.append(v.substr(i, e - i));
    t.end = e;
    if (t.digits.size() > 17) t.too_long = true;
    const std::size_t sep = SeparatorLength(v, e);
    if (sep == 0) break;
    t.separators.append(v.substr(e, sep));
    i = e + sep;
  }
  return t;
}

// Grouping that says "phone number" by itself, and is not a date, a year range, an amount or a
// decimal, or an ISBN.
bool LooksGroupedLikePhone(const PhoneToken& t) {
  const auto& g = t.groups;
  // People group phone numbers in twos to fours, an area code then the number ("030 1234567")
  // or two halves ("4321 5678"); a lone digit or a group of six (310299-1234, a CPR number
  // with an impossible date) is something else.
  if (g.size() < 2 || std::any_of(g.begin(), g.end(), [](std::size_t n) { return n < 2; })) {
    return false;
  }
  if (g.size() == 2) {
    const bool area_code = t.digits[0] == '0' && g[0] <= 5;
    if (!area_code && (g[0] < 3 || g[0] > 4 || g[1] < 3 || g[1] > 4)) return false;
  } else if (std::any_of(g.begin(), g.end(), [](std::size_t n) { return n > 4; })) {
    return false;
  }
  const std::string& s = t.separators;
  const bool dots = s.find('.') != std::string::npos;
  const bool others = s.find_first_not_of('.') != std::string::npos;
  if (dots && (others || g.size() < 3)) return false;  // 10.00-12.00, 3.1415926
  const std::string& d = t.digits;
  if (g.size() == 3) {  // dates: 2024-05-01, 01.05.2024, 1/5/2024
    std::size_t y = 0, m = 1, dd = 2;
    if (g[0] == 4 && g[1] <= 2 && g[2] <= 2) {
      y = 0, m = 1, dd = 2;
    } else if (g[2] == 4 && g[0] <= 2 && g[1] <= 2) {
      y = 2, m = 1, dd = 0;
    } else {
      y = 99;
    }
    if (y != 99) {
      std::size_t offsets[3] = {0, g[0], g[0] + g[1]};
      const int year = Number(std::string_view(d).substr(offsets[y], g[y]));
      const int month = Number(std::string_view(d).substr(offsets[m], g[m]));
      const int day = Number(std::string_view(d).substr(offsets[dd], g[dd]));
      if (IsValidDate(year, month, day) || IsValidDate(year, day, month)) return false;
    }
  }
  if (g.size() == 2 && g[0] == 4 && g[1] == 4) {  // 2019-2024
    const int a = Number(std::string_view(d).substr(0, 4));
    const int b = Number(std::string_view(d).substr(4, 4));
    if (a >= 1800 && a <= 2199 && b >= 1800 && b <= 2199) return false;
  }
  // Thousands: 1.234.567 or 1 234 567.
  if (g[0] <= 3 && std::all_of(g.begin() + 1, g.end(), [](std::size_t n) { return n == 3; }) &&
      s.find_first_not_of(s[0]) == std::string::npos && (s[0] == '.' || s[0] == ' ')) {
    return false;
  }
  // ISBN-13 (978/979, weights 1,3) and ISBN-10 (weights 10..1, mod 11).
  if (d.size() == 13 && (d.starts_with("978") || d.starts_with("979"))) {
    int sum = 0;
    for (std::size_t k = 0; k < 13; ++k) sum += DigitValue(d[k]) * (k % 2 == 0 ? 1 : 3);
    if (sum % 10 == 0) return false;
  }
  if (d.size() == 10 && s.find_first_not_of('-') == std::string::npos && g.size() == 4) {
    int sum = 0;
    for (std::size_t k = 0; k < 10; ++k) sum += DigitValue(d[k]) * static_cast<int>(10 - k);
    if (sum % 11 == 0) return false;
  }
  return true;
}

uint64_t ToUint64(std::string_view digits) {
  uint64_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<uint64_t>(DigitValue(c));
  return n;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct IdentifierScanner::Impl {
  struct Region {
    std::string code;
    int country_code;
    std::string national_prefix;  // digits, "" when the region has none
  };

  enum NameFlags : uint8_t { kGiven = 1, kSurname = 2, kAmbiguous = 4 };

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const PhoneNumberUtil& phone_util;
  std::vector<Region> regions;
  std::array<bool, 1000> calling_codes{};
  std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> names;

  explicit Impl(const ScanOptions& options);

  uint8_t NameFlagsOf(std::string_view folded) const {
    const auto it = names.find(folded);
    return it == names.end() ? 0 : it->second;
  }

  void FindPhones(std::string_view v, const ColumnContext& context,
                  const std::vector<Candidate>& taken, std::vector<Candidate>& out) const;
  bool IsInternationalPhone(std::string_view raw, std::string_view digits, bool context) const;
  bool IsNationalPhone(std::string_view raw, const PhoneToken& t, bool context,
                       bool grouped_only) const;
  void FindNames(std::string_view v, const std::vector<Candidate>& taken,
                 std::vector<Candidate>& out) const;
};

namespace {

// Given names and surnames, as written in given_names.inc and surnames.inc.
constexpr std::string_view kGivenNames[] = {
#include "node/privacy/given_names.inc"
};
constexpr std::string_view kSurnames[] = {
#include "node/privacy/surnames.inc"
};

// Given names that are also common words, months or places in the languages of the nodes'
// cities: they start a name only before a known surname or another given name ("May Jensen",
// "Rose Marie Nielsen", not "May Day", "Victoria Park", "Bo Concept").
// clang-format off
constexpr std::string_view kAmbiguousGivenNames[] = {
    // English words, months and places
    "amber", "angel", "april", "art", "august", "austin", "autumn", "bill", "brook", "carter",
    "chase", "chelsea", "cooper", "dean", "frank", "georgia", "grace", "hazel", "holly", "hope",
    "hunter", "iris", "ivy", "jack", "jade", "jordan", "joy", "june", "lincoln", "lily", "luna",
    "mark", "mason", "may", "miles", "parker", "ray", "rich", "robin", "rose", "ruby", "sky",
    "stella", "summer", "taylor", "trinity", "victoria", "violet", "virginia", "will",
    "willow", "florence", "carolina", "sydney", "aurora", "faith", "penny", "rocky", "sunny",
    "till", "can", "said", "bruce", "nancy", "eli", "chris", "pat", "sue",
    // Danish and Nordic words
    "bo", "per", "else", "ask", "dag", "sten", "tage", "kaj", "lykke", "vagn", "mark", "lone",
    "line", "liv", "sol", "tove", "mille", "alma", "svend", "bent", "ole", "kim", "tim", "dan",
    "jan", "maj", "juni", "frej", "rune", "sune", "gry", "elo", "lis", "ib", "mona", "vera",
    "ella", "maja", "nanna", "tue", "toke", "lea", "mie", "mia", "esra",
    // Spanish words and places
    "luz", "paz", "mar", "pilar", "dolores", "mercedes", "rosario", "santiago", "salvador",
    "lourdes", "soledad", "consuelo", "amparo", "remedios", "milagros", "rosa", "franco",
    "dante", "bruno", "cruz", "belén", "asunción", "concepción", "trinidad", "florencia",
    "nada", "celeste", "alba", "aurora", "candela", "abril", "leonel", "ciro", "gaspar",
    // Arabic, Turkish and Somali words
    "amal", "nur", "nour", "iman", "salam", "sultan", "amir", "huda", "hind", "cali", "jama",
    "hawa", "emir", "deniz", "eda", "baran", "bahar", "hala", "rana", "maha", "reem", "wafa",
    "dina", "sara", "can", "aslan", "kaan", "sahar",
    // Pinyin syllables that are common words or place names in the Latin alphabet
    "bo", "li", "na", "le", "ke", "han", "hai", "fan", "lan", "lin", "ping", "ming", "yang",
    "hui", "dong", "tian", "yi", "wen", "qi", "jin", "xin", "ting", "long", "gang", "bin",
    "hong", "lu", "yu", "jun", "lei", "chao", "min", "jing", "ling", "mei", "rong", "shan",
    "tao", "yan", "jie", "hao", "jia", "kai", "ning", "peng", "qing", "xue", "zhi", "qian",
    "xiu", "fei", "rui", "wei", "fang", "xia", "hua", "jian", "juan", "qiang", "ying", "yun",
    "zhen", "chen", "kun", "liang", "xuan", "cheng", "zhong", "zhuo", "xiao", "xu", "meng",
    "huan", "tong", "shuang", "qiong", "yue", "feng", "xiang", "yong", "le",
};
// clang-format on

}  // namespace

IdentifierScanner::Impl::Impl(const ScanOptions& options)
    : phone_util(*PhoneNumberUtil::GetInstance()) {
  for (const std::string& code : options.phone_regions) {
    const int country_code = phone_util.GetCountryCodeForRegion(code);
    if (country_code == 0) continue;
    std::string prefix;
    phone_util.GetNddPrefixForRegion(code, /*strip_non_digits=*/true, &prefix);
    regions.push_back({code, country_code, prefix});
  }
  std::set<int> codes;
  phone_util.GetSupportedCallingCodes(&codes);
  for (int c : codes) {
    if (c > 0 && c < 1000) calling_codes[static_cast<std::size_t>(c)] = true;
  }
  names.reserve(std::size(kGivenNames) + std::size(kSurnames));
  for (std::string_view n : kGivenNames) names[Fold(n)] |= kGiven;
  for (std::string_view n : kSurnames) names[Fold(n)] |= kSurname;
  for (std::string_view n : kAmbiguousGivenNames) {
    const auto it = names.find(n);
    if (it != names.end()) it->second |= kAmbiguous;
  }
}

bool IdentifierScanner::Impl::IsInternationalPhone(std::string_view raw, std::string_view digits,
                                                   bool context) const {
  // Country calling codes are prefix-free: the first 1-3 digits that are one, are it.
  std::size_t cc_length = 0;
  for (std::size_t k = 1; k <= 3 && k < digits.size(); ++k) {
    if (calling_codes[static_cast<std::size_t>(Number(digits.substr(0, k)))]) {
      cc_length = k;
      break;
    }
  }
  if (cc_length == 0) return false;
  const std::string_view national = digits.substr(cc_length);
  if (national.size() < 4 || national.size() > 14) return false;
  PhoneNumber number;
  if (national[0] == '0' || raw.find("(0)") != std::string_view::npos) {
    // A trunk prefix written after the country code ("+44 (0)20 ...") or an Italian-style
    // leading zero: libphonenumber's full parser knows which.
    // The raw text keeps "(0)", which the parser strips; "00" becomes "+".
    const std::string text = "+" + std::string(raw.substr(raw[0] == '+' ? 1 : 2));
    if (phone_util.Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  } else {
    number.set_country_code(Number(digits.substr(0, cc_length)));
    number.set_national_number(ToUint64(national));
  }
  return phone_util.IsValidNumber(number) || (context && phone_util.IsPossibleNumber(number));
}

bool IdentifierScanner::Impl::IsNationalPhone(std::string_view raw, const PhoneToken& t,
                                              bool context, bool grouped_only) const {
  for (const Region& region : regions) {
    std::string_view national = t.digits;
    const bool has_prefix =
        !region.national_prefix.empty() && national.starts_with(region.national_prefix);
    if (has_prefix) national.remove_prefix(region.national_prefix.size());
    if (national.size() < 6 || national[0] == '0') continue;
    PhoneNumber number;
    number.set_country_code(region.country_code);
    number.set_national_number(ToUint64(national));
    if (!phone_util.IsValidNumber(number)) continue;
    // Grouping alone is weak evidence: where national numbers are dialled with a trunk 0, a
    // fixed-line number written without it is more likely something else.
    if (grouped_only && !has_prefix && region.national_prefix == "0") {
      const auto type = phone_util.GetNumberType(number);
      if (type != PhoneNumberUtil::MOBILE) continue;
    }
    return true;
  }
  if (!context) return false;
  // Formats only the full parser knows, such as Argentina's "011 15-4321-5678".
  for (const Region& region : regions) {
    if (region.national_prefix.empty() || !t.digits.starts_with(region.national_prefix)) continue;
    PhoneNumber number;
    if (phone_util.Parse(std::string(raw), region.code, &number) ==
            PhoneNumberUtil::NO_PARSING_ERROR &&
        phone_util.IsValidNumber(number)) {
      return true;
    }
  }
  return false;
}

void IdentifierScanner::Impl::FindPhones(std::string_view v, const ColumnContext& context,
                                         const std::vector<Candidate>& taken,
                                         std::vector<Candidate>& out) const {
  std::size_t i = 0;
  while (i < v.size()) {
    const char c = v[i];
    const bool starts = IsDigit(c) || ((c == '+' || c == '(') && DigitAt(v, i + 1));
    if (!starts || (i > 0 && (IsAlnumAscii(v[i - 1]) || v[i - 1] == '+'))) {
      ++i;
      continue;
    }
    const PhoneToken t = ReadPhoneToken(v, i);
    i = std::max(t.end, i + 1);
    if (t.too_long || t.digits.size() < 7 || DigitAt(v, t.end) ||
        (t.end < v.size() && IsAlphaAscii(v[t.end])) || Overlaps(taken, t.begin, t.end)) {
      continue;
    }
    const std::string_view raw = v.substr(t.begin, t.end - t.begin);
    const bool idd = !t.plus && t.digits.starts_with("00") && raw.starts_with("00");
    bool found = false;
    if (t.plus || idd) {
      const bool said = context.phone || PhoneKeywordBefore(v, t.begin);
      found = IsInternationalPhone(raw, std::string_view(t.digits).substr(idd ? 2 : 0), said);
    } else if (t.digits.size() <= 15) {
      const bool said = context.phone || PhoneKeywordBefore(v, t.begin);
      const bool grouped = !said && LooksGroupedLikePhone(t);
      if (said || grouped) found = IsNationalPhone(raw, t, said, !said);
    }
    if (found) out.push_back({kPriorityPhone, {IdentifierKind::kPhone, t.begin, t.end}});
  }
}

namespace {

struct Word {
  std::size_t begin;
  std::size_t end;
  bool capitalised;
};

// Words: letters, with inner hyphens and apostrophes (Anne-Marie, O'Brien, D’Angelo).
std::vector<Word> SplitWords(std::string_view v) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t len;
    const int32_t cp = DecodeAt(v, i, &len);
    if (!IsLetter(cp) || IsCjk(cp)) {
      i += len;
      continue;
    }
    Word w{i, i, u_isupper(cp) != 0 || u_istitle(cp) != 0};
    while (i < v.size()) {
      const int32_t c = DecodeAt(v, i, &len);
      if (IsLetter(c) && !IsCjk(c)) {
        i += len;
        continue;
      }
      if (c == '-' || c == '\'' || c == 0x2019) {
        std::size_t next_len;
        if (i + len < v.size() && IsLetter(DecodeAt(v, i + len, &next_len))) {
          i += len;
          continue;
        }
      }
      break;
    }
    w.end = i;
    words.push_back(w);
  }
  return words;
}

bool OnlySpaces(std::string_view gap) {
  return !gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos;
}

bool IsParticle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {"de",  "del", "la",  "las", "los", "van", "von",
                                                    "der", "den", "af",  "da",  "dos", "das", "di",
                                                    "du",  "le",  "bin", "ibn", "al",  "el",  "y"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

}  // namespace

void IdentifierScanner::Impl::FindNames(std::string_view v, const std::vector<Candidate>& taken,
                                        std::vector<Candidate>& out) const {
  const std::vector<Word> words = SplitWords(v);
  if (words.size() < 2) return;
  auto text = [v](const Word& w) { return v.substr(w.begin, w.end - w.begin); };
  auto flags = [this, &text](const Word& w) { return NameFlagsOf(Fold(text(w))); };
  auto gap = [v, &words](std::size_t k) {  // between words[k] and words[k + 1]
    return v.substr(words[k].end, words[k + 1].begin - words[k].end);
  };
  auto push = [&taken, &out](std::size_t begin, std::size_t end) {
    if (!Overlaps(taken, begin, end)) {
      out.push_back({kPriorityName, {IdentifierKind::kName, begin, end}});
    }
  };
  // Capitalised words after words[k], joined by spaces (with lower-case particles between
  // them), up to four words in all: the index of the last word of the name.
  auto extend = [&](std::size_t k, std::size_t first) {
    std::size_t last = k;
    std::size_t j = k;
    while (j + 1 < words.size() && j + 1 - first < 4 && OnlySpaces(gap(j))) {
      const Word& next = words[j + 1];
      if (next.capitalised) {
        last = j = j + 1;
      } else if (IsParticle(text(next)) && j + 2 < words.size() && OnlySpaces(gap(j + 1)) &&
                 words[j + 2].capitalised) {
        j = j + 1;
      } else {
        break;
      }
    }
    return last;
  };

  // Whether a span is the whole cell but for spaces.
  const std::size_t first_byte = v.find_first_not_of(' ');
  const std::size_t last_byte = v.find_last_not_of(' ');
  auto whole_cell = [first_byte, last_byte](std::size_t begin, std::size_t end) {
    return begin == first_byte && end == last_byte + 1;
  };

  std::size_t k = 0;
  bool any = false;
  while (k < words.size()) {
    const Word& w = words[k];
    if (!w.capitalised || k + 1 >= words.size()) {
      ++k;
      continue;
    }
    const uint8_t f = flags(w);
    const std::string_view g = gap(k);
    // "Surname, Given": the surname known, or nothing else in the cell.
    if (!g.empty() && g[0] == ',' && (g.size() == 1 || OnlySpaces(g.substr(1))) &&
        words[k + 1].capitalised) {
      const uint8_t next = flags(words[k + 1]);
      const std::size_t last = extend(k + 1, k);
      const bool whole = whole_cell(w.begin, words[last].end);
      if ((next & kGiven) && (f & kSurname || (whole && !(next & kAmbiguous)))) {
        push(w.begin, words[last].end);
        any = true;
        k = last + 1;
        continue;
      }
    }
    if (OnlySpaces(g) && words[k + 1].capitalised) {
      const std::size_t last = extend(k, k);
      bool name = false;
      if ((f & kGiven) && !(f & kAmbiguous)) {
        name = true;
      } else if (f & (kGiven | kSurname)) {
        // An ambiguous given name, or a surname first ("Wang Wei"): another word of the name
        // must be a known name too.
        for (std::size_t j = k + 1; j <= last && !name; ++j) {
          const uint8_t fj = flags(words[j]);
          name = ((f & kGiven) && ((fj & kSurname) || ((fj & kGiven) && !(fj & kAmbiguous)))) ||
                 ((f & kSurname) && (fj & kGiven));
        }
      }
      if (name) {
        push(w.begin, words[last].end);
        any = true;
        k = last + 1;
        continue;
      }
    }
    ++k;
  }
  // A whole cell of 2-4 words in any case: "søren østergaard".
  if (!any && words.size() <= 4) {
    bool plain = whole_cell(words.front().begin, words.back().end);
    for (std::size_t j = 0; j + 1 < words.size() && plain; ++j) plain = OnlySpaces(gap(j));
    if (plain && (flags(words.front()) & kGiven) && (flags(words.back()) & kSurname)) {
      push(words.front().begin, words.back().end);
    }
  }
}

// ---------------------------------------------------------------------------------------------

IdentifierScanner::IdentifierScanner(ScanOptions options)
    : impl_(std::make_unique<const Impl>(options)) {}
IdentifierScanner::~IdentifierScanner() = default;
IdentifierScanner::IdentifierScanner(IdentifierScanner&&) noexcept = default;
IdentifierScanner& IdentifierScanner::operator=(IdentifierScanner&&) noexcept = default;

void IdentifierScanner::Scan(std::string_view value, const ColumnContext& context,
                             std::vector<Finding>& out) const {
  std::size_t digits = 0;
  bool at = false;
  bool letters = false;
  for (char c : value) {
    if (IsDigit(c)) {
      ++digits;
    } else if (c == '@') {
      at = true;
    } else if (IsAlphaAscii(c) || static_cast<unsigned char>(c) >= 0x80) {
      letters = true;
    }
  }
  std::vector<Candidate> found;
  // Every numeric identifier has at least 7 digits.
  if (digits >= 7) {
    FindCheckDigitNumbers(value, found);
    if (letters) FindIbans(value, found);
  }
  if (at) FindEmails(value, found);
  // Resolve overlaps among the strong detectors; the weaker ones only look where they did not.
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.priority < b.priority; });
  std::vector<Candidate> taken;
  for (const Candidate& c : found) {
    if (!Overlaps(taken, c.finding.begin, c.finding.end)) taken.push_back(c);
  }
  if (digits >= 7) {
    FindDnis(value, context, taken, taken);
    impl_->FindPhones(value, context, taken, taken);
  }
  if (letters) impl_->FindNames(value, taken, taken);
  std::sort(taken.begin(), taken.end(), [](const Candidate& a, const Candidate& b) {
    return a.finding.begin < b.finding.begin;
  });
  for (const Candidate& c : taken) out.push_back(c.finding);
}

bool IdentifierScanner::IsLoneName(std::string_view value) const {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() < 2 || value.size() > 40) return false;
  for (char c : value) {
    if (c == ' ' || (c >= '0' && c <= '9') || c == '@') return false;
  }
  const uint8_t flags = impl_->NameFlagsOf(Fold(value));
  return (flags & (Impl::kGiven | Impl::kSurname)) != 0 && (flags & Impl::kAmbiguous) == 0;
}

std::string IdentifierScanner::Redact(std::string_view value,
                                      const std::vector<Finding>& findings) {
  std::string out;
  out.reserve(value.size());
  std::size_t pos = 0;
  for (const Finding& f : findings) {
    out.append(value.substr(pos, f.begin - pos));
    out.append("[removed]");
    pos = f.end;
  }
  out.append(value.substr(pos));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kinds and column names.

std::string_view IdentifierKindName(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kCpr:
      return "CPR numbers";
    case IdentifierKind::kChineseId:
      return "Chinese resident ID numbers";
    case IdentifierKind::kCuit:
      return "CUIT/CUIL numbers";
    case IdentifierKind::kDni:
      return "DNI numbers";
    case IdentifierKind::kCbu:
      return "CBU numbers";
    case IdentifierKind::kIban:
      return "IBANs";
    case IdentifierKind::kEmail:
      return "e-mail addresses";
    case IdentifierKind::kPhone:
      return "phone numbers";
    case IdentifierKind::kName:
      return "personal names";
    case IdentifierKind::kPassport:
      return "passport numbers";
    case IdentifierKind::kAddress:
      return "street addresses";
  }
  return "identifiers";
}

namespace {

// Splits a column name into lower-case words without accents: at separators, at camelCase
// ("firstName", "CPRNummer") and at any other non-letter, non-digit character.
std::vector<std::string> ColumnWords(std::string_view name) {
  // camelCase first, while case is still there: a space before an upper-case ASCII letter that
  // follows a lower-case one, or that starts a lower-case word after upper-case letters.
  std::string spaced;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (IsUpperAscii(c) && i > 0 &&
        ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
         (IsUpperAscii(name[i - 1]) && i + 1 < name.size() && name[i + 1] >= 'a' &&
          name[i + 1] <= 'z'))) {
      spaced += ' ';
    }
    spaced += c;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(spaced.data(), static_cast<int32_t>(spaced.size())));
  u.foldCase();
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_SUCCESS(error)) {
    icu::UnicodeString decomposed = nfd->normalize(u, error);
    if (U_SUCCESS(error)) u = decomposed;
  }
  std::vector<std::string> words(1);
  for (int32_t i = 0; i < u.length();) {
    const UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    if (u_charType(cp) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(cp)) {
      AppendUtf8(words.back(), cp);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::optional<IdentifierKind> KindOfWord(std::string_view w) {
  using K = IdentifierKind;
  if (In(w, {"email", "mail", "emailadresse", "emailaddress", "mailadresse", "correo",
             "correoelectronico", "epost", "epostadresse"})) {
    return K::kEmail;
  }
  if (In(w, {"cpr", "cprnr", "cprno", "cprnummer", "cprnumber", "personnummer", "personnr",
             "fødselsnummer", "fodselsnummer", "personnummeret"})) {
    return K::kCpr;
  }
  if (In(w, {"shenfenzheng", "shenfenzhenghao", "residentid", "chineseid"})) return K::kChineseId;
  if (In(w, {"cuit", "cuil", "cuitcuil"})) return K::kCuit;
  if (In(w, {"cbu", "cvu"})) return K::kCbu;
  if (In(w, {"iban", "kontonummer", "kontonr", "bankkonto", "bankaccount", "accountnumber",
             "cuentabancaria", "numerodecuenta"})) {
    return K::kIban;
  }
  if (In(w, {"dni", "documento", "nrodocumento", "numerodocumento", "nrodoc", "numdoc"})) {
    return K::kDni;
  }
  if (In(w, {"passport", "passportnumber", "passportno", "pasnummer", "pasnr", "passnummer",
             "pasaporte"})) {
    return K::kPassport;
  }
  if (In(w, {"phone",       "telephone",     "tel",         "tlf",     "tlfnr",   "telefon",
             "telefonnr",   "telefonnummer", "telefono",    "mobil",   "mobile",  "mobilnr",
             "mobilnummer", "mobiltelefon",  "cellphone",   "cell",    "celular", "movil",
             "fax",         "phonenumber",   "mobilephone", "whatsapp"})) {
    return K::kPhone;
  }
  if (In(w, {"firstname", "lastname", "surname", "fullname", "givenname", "familyname", "forename",
             "middlename", "maidenname", "fornavn", "efternavn", "mellemnavn", "fuldenavn",
             "fuldtnavn", "apellido", "apellidos", "nombres", "nombrecompleto", "username"})) {
    return K::kName;
  }
  if (In(w, {"address", "adresse", "addr", "direccion", "domicilio", "streetaddress", "homeaddress",
             "postaladdress", "hjemadresse", "bopæl", "anschrift", "strasse"})) {
    return K::kAddress;
  }
  return std::nullopt;
}

}  // namespace

std::optional<IdentifierKind> IdentifierColumnByName(std::string_view column_name) {
  using K = IdentifierKind;
  const std::vector<std::string> words = ColumnWords(column_name);
  if (words.empty()) return std::nullopt;
  std::string joined;
  for (const std::string& w : words) joined += w;

  // A column about an identifier, not holding one.
  for (const std::string& w : words) {
    if (In(w,
           {"has",    "is",     "count",  "n",        "share",    "pct",     "percent", "rate",
            "type",   "tipo",   "kind",   "verified", "valid",    "consent", "domain",  "provider",
            "status", "length", "format", "missing",  "flag",     "ip",      "mac",     "web",
            "url",    "host",   "server", "wallet",   "contract", "memory"})) {
      return std::nullopt;
    }
  }

  // Chinese: no spaces between words, so look inside.
  struct Sub {
    std::string_view text;
    K kind;
  };
  static constexpr Sub kChinese[] = {
      {"身份证", K::kChineseId}, {"电子邮", K::kEmail},  {"邮箱", K::kEmail},
      {"电话", K::kPhone},       {"手机", K::kPhone},    {"联系方式", K::kPhone},
      {"护照", K::kPassport},    {"银行账号", K::kIban}, {"银行卡号", K::kIban},
      {"姓名", K::kName},        {"名字", K::kName},     {"地址", K::kAddress},
      {"住址", K::kAddress},
  };
  for (const Sub& s : kChinese) {
    if (joined.find(s.text) != std::string::npos) return s.kind;
  }
  if (joined == "姓" || joined == "名") return K::kName;

  // The whole name, each word, and each pair of adjacent words ("e_mail", "cpr_nr").
  if (auto kind = KindOfWord(joined)) return kind;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k + 1 < words.size()) {
      if (auto kind = KindOfWord(words[k] + words[k + 1])) return kind;
    }
    if (auto kind = KindOfWord(words[k])) return kind;
  }

  // "name" means a person's name alone or with a person word, not "district_name".
  bool has_name = false;
  bool other = false;
  for (const std::string& w : words) {
    if (In(w, {"name", "navn", "nombre", "names", "navne"})) {
      has_name = true;
    } else if (!In(w, {"first",    "last",     "full",       "given",     "family",  "middle",
                       "sur",      "maiden",   "person",     "personal",  "citizen", "customer",
                       "client",   "contact",  "respondent", "patient",   "user",    "owner",
                       "resident", "employee", "student",    "applicant", "member",  "borger",
                       "kunde",    "ansat",    "elev",       "completo",  "y",       "and",
                       "og",       "fulde",    "fuldt",      "1",         "2"})) {
      other = true;
    }
  }
  if (has_name && !other) return K::kName;
  if (joined == "street" || joined == "calle" || joined == "streetandnumber" || joined == "gade" ||
      joined == "vejognummer") {
    return K::kAddress;
  }
  return std::nullopt;
}

ColumnContext ColumnContextFor(std::string_view column_name) {
  const std::optional<IdentifierKind> kind = IdentifierColumnByName(column_name);
  ColumnContext context;
  context.phone = kind == IdentifierKind::kPhone;
  context.dni = kind == IdentifierKind::kDni;
  return context;
}

}  // namespace citynet::privacy
