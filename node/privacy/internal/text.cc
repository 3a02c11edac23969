#include "node/privacy/internal/text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>

namespace citynet::privacy::internal {

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

uint64_t ToUint64(std::string_view digits) {
  uint64_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<uint64_t>(DigitValue(c));
  return n;
}

bool RunStartsAt(std::string_view v, std::size_t i) {
  return IsDigit(v[i]) && (i == 0 || !IsDigit(v[i - 1]));
}

std::size_t RunEnd(std::string_view v, std::size_t i) {
  while (i < v.size() && IsDigit(v[i])) ++i;
  return i;
}

bool Overlaps(const Candidates& taken, std::size_t begin, std::size_t end) {
  return std::any_of(taken.begin(), taken.end(), [begin, end](const Candidate& c) {
    return c.finding.begin < end && begin < c.finding.end;
  });
}

std::string_view TrimSpaces(std::string_view v) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!v.empty() && space(v.front())) v.remove_prefix(1);
  while (!v.empty() && space(v.back())) v.remove_suffix(1);
  return v;
}

TakenSpans::TakenSpans(const Candidates& taken) {
  if (taken.empty()) return;
  spans_.reserve(taken.size());
  for (const Candidate& c : taken) spans_.emplace_back(c.finding.begin, c.finding.end);
  std::sort(spans_.begin(), spans_.end());
}

bool TakenSpans::Overlaps(std::size_t begin, std::size_t end) const {
  // Taken findings do not overlap one another, so their ends grow with their begins: the only
  // candidate is the first that ends after `begin`.
  const auto it = std::upper_bound(
      spans_.begin(), spans_.end(), begin,
      [](std::size_t b, const std::pair<std::size_t, std::size_t>& s) { return b < s.second; });
  return it != spans_.end() && it->first < end;
}

std::size_t TakenSpans::Skip(std::size_t i) const {
  if (spans_.empty()) return i;
  const auto it = std::upper_bound(
      spans_.begin(), spans_.end(), i,
      [](std::size_t b, const std::pair<std::size_t, std::size_t>& s) { return b < s.second; });
  return it != spans_.end() && it->first <= i ? it->second : i;
}

bool IsHan(int32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

}  // namespace citynet::privacy::internal
