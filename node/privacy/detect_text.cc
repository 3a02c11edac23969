#include <unicode/uchar.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "node/privacy/internal/text_scan.h"

namespace citynet::privacy::internal {

bool IsSpacedLetter(int32_t cp) {
  if (cp < 0x80) return cp >= 0 && IsAlphaAscii(static_cast<char>(cp));
  // Kana, CJK, hangul syllables and the full-width forms: no spaces between words there.
  if ((cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000) {
    return false;
  }
  return u_isalpha(cp) != 0;
}

int32_t CodePointBefore(std::string_view v, std::size_t j, std::size_t* start) {
  if (j == 0) {
    *start = 0;
    return -1;
  }
  *start = PrevStart(v, j);
  std::size_t len;
  const int32_t cp = DecodeAt(v, *start, &len);
  // An invalid byte decodes alone: step back one byte only.
  if (*start + len != j) {
    *start = j - 1;
    return -1;
  }
  return cp;
}

bool WordStartsAt(std::string_view v, std::size_t i) {
  if (i == 0) return true;
  const auto b = static_cast<unsigned char>(v[i - 1]);
  if (b < 0x80) return !IsAlnumAscii(v[i - 1]);
  std::size_t start;
  return !IsSpacedLetter(CodePointBefore(v, i, &start));
}

bool WordEndsAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return true;
  const auto b = static_cast<unsigned char>(v[i]);
  if (b < 0x80) return !IsAlnumAscii(v[i]);
  std::size_t len;
  return !IsSpacedLetter(DecodeAt(v, i, &len));
}

bool StartsWithFolded(std::string_view v, std::size_t i, std::string_view lower) {
  if (i > v.size() || v.size() - i < lower.size()) return false;
  for (std::size_t k = 0; k < lower.size(); ++k) {
    const char c = v[i + k];
    if (c == lower[k]) continue;
    if (LowerAscii(c) == lower[k]) continue;
    // Latin-1 capitals (U+00C0..U+00DE but ×) are their small letters less 0x20 in the second
    // byte of C3 xx.
    const auto b = static_cast<unsigned char>(c);
    if (k > 0 && static_cast<unsigned char>(v[i + k - 1]) == 0xC3 &&
        static_cast<unsigned char>(lower[k - 1]) == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97 &&
        static_cast<unsigned char>(lower[k]) == b + 0x20) {
      continue;
    }
    return false;
  }
  return true;
}

namespace {

struct Letter {
  int32_t cp = -1;
  std::size_t len = 0;
};

Letter SpacedLetterAt(std::string_view v, std::size_t i) {
  if (i < v.size() && static_cast<unsigned char>(v[i]) < 0x80) {
    if (!IsAlphaAscii(v[i])) return {};
    return {static_cast<unsigned char>(v[i]), 1};
  }
  std::size_t len;
  const int32_t cp = CodePointAt(v, i, &len);
  if (!IsSpacedLetter(cp)) return {};
  return {cp, len};
}

bool IsUpper(int32_t cp) { return cp < 0x80 ? IsUpperAscii(static_cast<char>(cp)) : u_isupper(cp); }
bool IsLower(int32_t cp) { return cp < 0x80 ? IsLowerAscii(static_cast<char>(cp)) : u_islower(cp); }

// Bytes of a joiner inside a word at i: '-', '\'', '.', or U+2019 (E2 80 99).
std::size_t JoinerAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  const char c = v[i];
  if (c == '-' || c == '\'' || c == '.') return 1;
  if (At(v, i, "\xE2\x80\x99")) return 3;
  return 0;
}

}  // namespace

Word WordAt(std::string_view v, std::size_t i) {
  Word w;
  w.begin = w.end = i;
  std::size_t segment = 0;  // letters since the last joiner
  bool first = true;
  std::size_t k = i;
  while (k < v.size()) {
    const Letter l = SpacedLetterAt(v, k);
    if (l.len == 0) {
      const std::size_t j = JoinerAt(v, k);
      if (j == 0 || segment == 0) break;
      if (v[k] == '.' && segment > 2) break;
      if (SpacedLetterAt(v, k + j).len == 0) break;
      k += j;
      segment = 0;
      continue;
    }
    if (first) w.capital = IsUpper(l.cp);
    first = false;
    if (IsLower(l.cp)) w.lower = true;
    k += l.len;
    ++segment;
    w.end = k;
  }
  w.dot = w.end > w.begin && w.end < v.size() && v[w.end] == '.';
  return w;
}

Word WordBefore(std::string_view v, std::size_t j) {
  Word none;
  none.begin = none.end = j;
  std::size_t end = j;
  if (end > 0 && v[end - 1] == '.') --end;
  // Walk back over letters and joiners between letters, then read forwards from the start
  // found, so that both directions agree on what a word is.
  std::size_t begin = end;
  std::size_t steps = 0;
  while (begin > 0 && steps < 64) {
    if (static_cast<unsigned char>(v[begin - 1]) < 0x80 && IsAlphaAscii(v[begin - 1])) {
      --begin;
      ++steps;
      continue;
    }
    std::size_t start;
    const int32_t cp = CodePointBefore(v, begin, &start);
    if (IsSpacedLetter(cp)) {
      begin = start;
      ++steps;
      continue;
    }
    // A joiner with a letter on each side.
    const std::size_t jl = start < begin ? begin - start : 0;
    if (jl > 0 && JoinerAt(v, start) == jl && begin < end && start > 0) {
      std::size_t before;
      if (IsSpacedLetter(CodePointBefore(v, start, &before))) {
        begin = start;
        ++steps;
        continue;
      }
    }
    break;
  }
  if (begin == end) return none;
  // The word read forwards from `begin` may stop early (a '.' after a long segment); then the
  // word is the part after that break.
  while (begin < end) {
    Word w = WordAt(v, begin);
    if (w.end == end) return w;
    if (w.end <= begin) break;
    begin = w.end;
    while (begin < end && SpacedLetterAt(v, begin).len == 0) ++begin;
  }
  return none;
}

namespace {

struct MonthName {
  std::string_view text;  // lower case
  int month;
};

// Full names and abbreviations in Danish, English, Spanish and German. Each is compared with a
// whole word, so "mar" never matches the start of "marts".
constexpr MonthName kMonthNames[] = {
    {"januar", 1},    {"january", 1},    {"enero", 1},      {"jänner", 1},    {"februar", 2},
    {"february", 2},  {"febrero", 2},    {"marts", 3},      {"march", 3},     {"marzo", 3},
    {"märz", 3},      {"april", 4},      {"abril", 4},      {"mayo", 5},      {"maj", 5},
    {"may", 5},       {"mai", 5},        {"juni", 6},       {"june", 6},      {"junio", 6},
    {"juli", 7},      {"july", 7},       {"julio", 7},      {"august", 8},    {"agosto", 8},
    {"september", 9}, {"septiembre", 9}, {"setiembre", 9},  {"oktober", 10},  {"october", 10},
    {"octubre", 10},  {"november", 11},  {"noviembre", 11}, {"december", 12}, {"diciembre", 12},
    {"dezember", 12}, {"sept", 9},       {"sep", 9},        {"set", 9},       {"jan", 1},
    {"ene", 1},       {"feb", 2},        {"mar", 3},        {"apr", 4},       {"abr", 4},
    {"jun", 6},       {"jul", 7},        {"aug", 8},        {"ago", 8},       {"okt", 10},
    {"oct", 10},      {"nov", 11},       {"dec", 12},       {"dic", 12},      {"dez", 12},
};

}  // namespace

int MonthAt(std::string_view v, std::size_t i, std::size_t* end, std::size_t* letters) {
  // Month names have three to ten letters (and a byte more for "jänner", "märz") and begin
  // with one of these.
  if (i >= v.size() ||
      std::string_view("jfmasondeJFMASONDE").find(v[i]) == std::string_view::npos) {
    return 0;
  }
  const Word w = WordAt(v, i);
  if (w.size() < 3 || w.size() > 12) return 0;
  for (const MonthName& m : kMonthNames) {
    if (m.text.size() == w.size() && StartsWithFolded(v, i, m.text)) {
      *end = w.after();
      if (letters != nullptr) *letters = w.size();
      return m.month;
    }
  }
  return 0;
}

int DigitValueAt(std::string_view v, std::size_t i, std::size_t* len) {
  *len = 0;
  if (i >= v.size()) return -1;
  if (IsDigit(v[i])) {
    *len = 1;
    return DigitValue(v[i]);
  }
  // U+FF10..U+FF19: EF BC 90..99.
  if (i + 2 < v.size() && static_cast<unsigned char>(v[i]) == 0xEF &&
      static_cast<unsigned char>(v[i + 1]) == 0xBC) {
    const auto b = static_cast<unsigned char>(v[i + 2]);
    if (b >= 0x90 && b <= 0x99) {
      *len = 3;
      return b - 0x90;
    }
  }
  return -1;
}

DigitRun DigitRunAt(std::string_view v, std::size_t i) {
  DigitRun r;
  r.begin = r.end = i;
  std::size_t len;
  for (int d = DigitValueAt(v, r.end, &len); d >= 0; d = DigitValueAt(v, r.end, &len)) {
    if (r.count < 15) r.value = r.value * 10 + d;
    ++r.count;
    r.end += len;
  }
  return r;
}

namespace {

// The value of a Chinese digit character (〇零一二三四五六七八九), or -1; 10 for 十.
int ChineseDigit(int32_t cp) {
  switch (cp) {
    case 0x3007:  // 〇
    case 0x96F6:  // 零
      return 0;
    case 0x4E00:  // 一
      return 1;
    case 0x4E8C:  // 二
      return 2;
    case 0x4E09:  // 三
      return 3;
    case 0x56DB:  // 四
      return 4;
    case 0x4E94:  // 五
      return 5;
    case 0x516D:  // 六
      return 6;
    case 0x4E03:  // 七
      return 7;
    case 0x516B:  // 八
      return 8;
    case 0x4E5D:  // 九
      return 9;
    case 0x5341:  // 十
      return 10;
    default:
      return -1;
  }
}

}  // namespace

DigitRun ChineseNumeralAt(std::string_view v, std::size_t i) {
  DigitRun r;
  r.begin = r.end = i;
  int values[4];
  std::size_t ends[4];
  int n = 0;
  std::size_t k = i;
  while (n < 4) {
    std::size_t len;
    const int32_t cp = CodePointAt(v, k, &len);
    const int d = ChineseDigit(cp);
    if (d < 0) break;
    values[n] = d;
    k += len;
    ends[n] = k;
    ++n;
  }
  if (n == 0) return r;
  // With 十: [a]十[b] is a*10+b (a defaults to 1, b to 0); it is at most three characters.
  int ten = -1;
  for (int k2 = 0; k2 < n; ++k2) {
    if (values[k2] == 10) {
      ten = k2;
      break;
    }
  }
  if (ten >= 0) {
    if (ten > 1) return r;
    int value = ten == 1 ? values[0] * 10 : 10;
    if (ten == 1 && values[0] == 0) return r;
    int used = ten + 1;
    if (used < n && values[used] >= 1 && values[used] <= 9) {
      value += values[used];
      ++used;
    }
    r.value = value;
    r.count = used;
    r.end = ends[used - 1];
    return r;
  }
  int64_t value = 0;
  for (int k2 = 0; k2 < n; ++k2) value = value * 10 + values[k2];
  r.value = value;
  r.count = n;
  r.end = ends[n - 1];
  return r;
}

std::size_t SkipSpaces(std::string_view v, std::size_t i, std::size_t max_bytes) {
  const std::size_t limit = i + max_bytes;
  while (i < v.size() && i < limit) {
    if (v[i] == ' ' || v[i] == '\t') {
      ++i;
    } else if (At(v, i, "\xC2\xA0") || At(v, i, "\xE3\x80\x80")) {  // no-break, ideographic
      i += static_cast<unsigned char>(v[i]) == 0xC2 ? 2 : 3;
    } else {
      break;
    }
  }
  return i;
}

std::size_t SkipSpacesBack(std::string_view v, std::size_t j, std::size_t max_bytes) {
  const std::size_t limit = j > max_bytes ? j - max_bytes : 0;
  while (j > limit) {
    if (v[j - 1] == ' ' || v[j - 1] == '\t') {
      --j;
    } else if (Before(v, j, "\xC2\xA0")) {
      j -= 2;
    } else if (Before(v, j, "\xE3\x80\x80")) {
      j -= 3;
    } else {
      break;
    }
  }
  return j;
}

const Keyword* KeywordAt(std::string_view v, std::size_t i, const KeywordSet& set,
                         std::size_t* end) {
  if (i >= v.size() || !set.MayStartWith(v[i])) return nullptr;
  const auto b = static_cast<unsigned char>(v[i]);
  const bool wide = b >= 0xE0;
  if (!wide && !WordStartsAt(v, i)) return nullptr;
  const char first = LowerAscii(v[i]);
  const Keyword* best = nullptr;
  for (uint8_t n = set.First(first); n != KeywordSet::kNone; n = set.Next(n)) {
    const Keyword& k = set.keywords()[n];
    if (best != nullptr && k.text.size() <= best->text.size()) continue;
    if (!StartsWithFolded(v, i, k.text)) continue;
    const std::size_t e = i + k.text.size();
    // A keyword ending in '.' or ':' ends a word by itself.
    const char last = k.text.back();
    if (k.whole && last != '.' && last != ':' && !wide && !WordEndsAt(v, e)) continue;
    best = &k;
  }
  if (best != nullptr) *end = i + best->text.size();
  return best;
}

bool KeywordIn(std::string_view v, std::size_t from, std::size_t to, const KeywordSet& set) {
  std::size_t end;
  for (std::size_t i = from; i < to && i < v.size(); ++i) {
    if (!set.MayStartWith(v[i])) continue;
    // Keywords of spaced scripts start words; KeywordAt asks again, after the cheap test.
    if (static_cast<unsigned char>(v[i]) < 0x80 && i > 0 && IsAlnumAscii(v[i - 1])) continue;
    if (KeywordAt(v, i, set, &end) != nullptr) return true;
  }
  return false;
}

namespace {

// The byte at i lower-cased: ASCII capitals, and the second byte of Latin-1 capitals (C3 80..9E
// but ×) when the byte before is C3.
unsigned char FoldedByteAt(std::string_view v, std::size_t i) {
  const auto b = static_cast<unsigned char>(v[i]);
  if (b < 0x80) return static_cast<unsigned char>(LowerAscii(v[i]));
  if (b >= 0x80 && b <= 0x9E && b != 0x97 && i > 0 &&
      static_cast<unsigned char>(v[i - 1]) == 0xC3) {
    return static_cast<unsigned char>(b + 0x20);
  }
  return b;
}

}  // namespace

bool WordSet::Contains(std::string_view v, std::size_t begin, std::size_t end) const {
  const std::size_t n = end - begin;
  if (n == 0 || n >= 64 || !((lengths_ >> n) & 1)) return false;
  const unsigned char first = FoldedByteAt(v, begin);
  const unsigned char last = FoldedByteAt(v, end - 1);
  if (!Has(first_, first) || !Has(last_, last) || !MayHave(first, last, n)) return false;
  for (std::string_view w : words_) {
    if (w.size() == n && StartsWithFolded(v, begin, w)) return true;
  }
  return false;
}

bool WordSet::EndsOneOf(std::string_view v, std::size_t begin, std::size_t end,
                        std::size_t stem) const {
  if (end <= begin || !Has(last_, FoldedByteAt(v, end - 1))) return false;
  if (end - begin >= 2 && !MayEndWith(FoldedByteAt(v, end - 2), FoldedByteAt(v, end - 1))) {
    return false;
  }
  const unsigned char last = FoldedByteAt(v, end - 1);
  for (std::string_view w : words_) {
    if (static_cast<unsigned char>(w.back()) != last || end - begin < w.size() + stem) continue;
    if (StartsWithFolded(v, end - w.size(), w)) return true;
  }
  return false;
}

}  // namespace citynet::privacy::internal
