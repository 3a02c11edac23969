#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "node/privacy/internal/numbers.h"

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

// The birth date YYYYMMDD at positions 7-14 of a Chinese resident ID (1900-2100).
bool HasChineseBirthDate(std::string_view d) {
  const int year = Number(d.substr(6, 4));
  return year >= 1900 && year <= 2100 &&
         IsValidDate(year, Number(d.substr(10, 2)), Number(d.substr(12, 2)));
}

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, and the birth date at 7-14.
bool IsChineseId(std::string_view d) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += DigitValue(d[k]) * kWeights[k];
  const char check = d[17] == 'x' ? 'X' : d[17];
  return kCheck[static_cast<std::size_t>(sum % 11)] == check && HasChineseBirthDate(d);
}

bool IsCuitPrefix(std::string_view d) {
  const int prefix = Number(d.substr(0, 2));
  return prefix == 20 || prefix == 23 || prefix == 24 || prefix == 27 || prefix == 30 ||
         prefix == 33 || prefix == 34;
}

bool IsCuit(std::string_view d) {
  static constexpr std::array<int, 10> kWeights = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  if (!IsCuitPrefix(d)) return false;
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

// Spain's DNI and NIE: the letter is the number mod 23 in this table (Real Decreto 1553/2005).
char SpanishCheckLetter(std::string_view d) {
  static constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  int rest = 0;
  for (char c : d) rest = (rest * 10 + DigitValue(c)) % 23;
  return kLetters[static_cast<std::size_t>(rest)];
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
// Numbers as people type them: groups of digits joined by separators ("010190 1234",
// "110105 19491231 002X", "20-12.345.678-6"), the digits ASCII or full-width, as Chinese input
// methods give them.

inline unsigned char Byte(std::string_view v, std::size_t i) {
  return static_cast<unsigned char>(v[i]);
}

// The value of the digit that starts at v[i] (ASCII, or full-width U+FF10..U+FF19) and its
// length in bytes; -1 for anything else.
inline int DigitCharAt(std::string_view v, std::size_t i, std::size_t* len) {
  if (IsDigit(v[i])) {
    *len = 1;
    return DigitValue(v[i]);
  }
  if (Byte(v, i) == 0xEF && i + 2 < v.size() && Byte(v, i + 1) == 0xBC && Byte(v, i + 2) >= 0x90 &&
      Byte(v, i + 2) <= 0x99) {
    *len = 3;
    return Byte(v, i + 2) - 0x90;
  }
  return -1;
}

// Whether a digit (ASCII or full-width) ends just before byte i.
bool DigitEndsAt(std::string_view v, std::size_t i) {
  if (i == 0) return false;
  if (IsDigit(v[i - 1])) return true;
  return i >= 3 && Byte(v, i - 3) == 0xEF && Byte(v, i - 2) == 0xBC && Byte(v, i - 1) >= 0x90 &&
         Byte(v, i - 1) <= 0x99;
}

// The length of the check character X at v[i] (x, X, or full-width Ｘ ｘ), or 0.
std::size_t CheckXAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  if (v[i] == 'X' || v[i] == 'x') return 1;
  if (Byte(v, i) == 0xEF && i + 2 < v.size() &&
      ((Byte(v, i + 1) == 0xBC && Byte(v, i + 2) == 0xB8) ||
       (Byte(v, i + 1) == 0xBD && Byte(v, i + 2) == 0x98))) {
    return 3;
  }
  return 0;
}

// What joins two groups of digits. Spaces (with the no-break and thin spaces that word
// processors put in numbers) and dashes are how identifiers are grouped; dots and commas are
// also how amounts are.
enum class Sep : uint8_t { kNone, kSpace, kDash, kDot, kSlash, kComma };

// The class of the one-character separator at v[i], and its length in bytes.
Sep SepCharAt(std::string_view v, std::size_t i, std::size_t* len) {
  *len = 1;
  switch (v[i]) {
    case ' ':
      return Sep::kSpace;
    case '-':
      return Sep::kDash;
    case '.':
      return Sep::kDot;
    case '/':
      return Sep::kSlash;
    case ',':
      return Sep::kComma;
    default:
      break;
  }
  const unsigned char b0 = Byte(v, i);
  if (b0 < 0xC2 || i + 1 >= v.size()) return Sep::kNone;
  const unsigned char b1 = Byte(v, i + 1);
  if (b0 == 0xC2) {
    *len = 2;
    return b1 == 0xA0 ? Sep::kSpace : Sep::kNone;  // no-break space
  }
  if (i + 2 >= v.size()) return Sep::kNone;
  const unsigned char b2 = Byte(v, i + 2);
  *len = 3;
  if (b0 == 0xE2 && b1 == 0x80) {
    if (b2 == 0x89 || b2 == 0xAF) return Sep::kSpace;  // thin, narrow no-break
    if (b2 >= 0x90 && b2 <= 0x93) return Sep::kDash;   // hyphens, en dash
  }
  if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) return Sep::kDash;   // minus sign
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return Sep::kSpace;  // ideographic space
  if (b0 == 0xEF && b1 == 0xBC) {                                  // full-width - . /
    if (b2 == 0x8D) return Sep::kDash;
    if (b2 == 0x8E) return Sep::kDot;
    if (b2 == 0x8F) return Sep::kSlash;
  }
  return Sep::kNone;
}

// The separator at v[i] when a group of digits follows it: one character, or a dash or slash
// with a space either side ("010190 - 1234"). Sets *next to the start of that group.
Sep JoinAt(std::string_view v, std::size_t i, std::size_t* next) {
  if (i >= v.size()) return Sep::kNone;
  std::size_t len;
  Sep sep = SepCharAt(v, i, &len);
  if (sep == Sep::kNone) return Sep::kNone;
  std::size_t j = i + len;
  if (sep == Sep::kSpace && j < v.size()) {
    std::size_t len2;
    const Sep inner = SepCharAt(v, j, &len2);
    if (inner == Sep::kDash || inner == Sep::kSlash) {
      std::size_t len3;
      if (j + len2 >= v.size() || SepCharAt(v, j + len2, &len3) != Sep::kSpace) {
        return Sep::kNone;
      }
      sep = inner;
      j += len2 + len3;
    }
  }
  std::size_t digit_len;
  if (j >= v.size() || DigitCharAt(v, j, &digit_len) < 0) return Sep::kNone;
  *next = j;
  return sep;
}

// The longest identifier read as groups (a CBU) has 22 digits; the most groups are a Chinese ID's
// in pairs of digits.
constexpr std::size_t kMaxDigits = 22;
constexpr std::size_t kMaxGroups = 9;
constexpr std::size_t kRing = 16;

struct Group {
  std::size_t begin = 0;  // bytes
  std::size_t end = 0;
  std::size_t count = 0;                // digits; only the first kMaxDigits are kept
  std::array<char, kMaxDigits> digits;  // set as read
  Sep before = Sep::kNone;              // joining it to the group before, in the same sequence
  Sep after = Sep::kNone;               // joining it to the group after
};

// Some consecutive groups of one sequence, read as one number. Views the digits and groups
// that ForEachWindow keeps for the window's last group.
struct Window {
  std::string_view v;
  std::size_t begin = 0;  // bytes
  std::size_t end = 0;
  std::size_t groups = 0;
  const std::size_t* lengths = nullptr;  // `groups` of them
  const Sep* inner = nullptr;            // groups - 1 of them
  Sep before = Sep::kNone;               // outside the window, joining it to more digits
  Sep after = Sep::kNone;
  std::size_t count = 0;
  const char* digits = nullptr;  // `count` of them, without separators

  std::string_view Digits() const { return {digits, count}; }

  bool Shape(std::initializer_list<std::size_t> shape) const {
    if (shape.size() != groups) return false;
    std::size_t k = 0;
    for (std::size_t n : shape) {
      if (lengths[k++] != n) return false;
    }
    return true;
  }
  bool InnerAre(std::initializer_list<Sep> allowed) const {
    for (std::size_t k = 0; k + 1 < groups; ++k) {
      bool ok = false;
      for (Sep s : allowed) ok = ok || inner[k] == s;
      if (!ok) return false;
    }
    return true;
  }
  bool InnerUniform() const {
    for (std::size_t k = 1; k + 1 < groups; ++k) {
      if (inner[k] != inner[0]) return false;
    }
    return true;
  }
  // The fewest digits in a group but the last, which may be a lone check digit.
  std::size_t ShortestBeforeLast() const {
    std::size_t shortest = SIZE_MAX;
    for (std::size_t k = 0; k + 1 < groups; ++k) shortest = std::min(shortest, lengths[k]);
    return shortest;
  }
  std::size_t ShortestGroup() const {
    std::size_t shortest = SIZE_MAX;
    for (std::size_t k = 0; k < groups; ++k) shortest = std::min(shortest, lengths[k]);
    return shortest;
  }

  // Whether the window is the number written there, not a piece of a longer one: a run of
  // digits not continued by decimals or thousands; several groups only where the sequence
  // ends, or where a space divides them from digits grouped otherwise ("01.01.1990
  // 010190-1234"). "12 34 010190 1234" is no CPR number.
  bool Isolated() const {
    auto amount = [](Sep s) { return s == Sep::kDot || s == Sep::kComma; };
    if (groups == 1) return !amount(before) && !amount(after);
    const bool spaced = !InnerAre({Sep::kDot, Sep::kDash, Sep::kSlash, Sep::kComma});
    auto apart = [spaced](Sep s) { return s == Sep::kNone || (s == Sep::kSpace && !spaced); };
    return apart(before) && apart(after);
  }

  // Letters against the first or last digit: a grouped number inside a code ("DK50 0040 ...",
  // "3M02"), which identifiers typed in groups are not.
  bool Glued() const {
    return (begin > 0 && IsAlphaAscii(v[begin - 1])) || (end < v.size() && IsAlphaAscii(v[end]));
  }
};

// Calls on_window(const Window&) for every window of at most kMaxGroups groups whose digit
// count is a bit set in `counts`, in order of the window's last group, the shortest first.
// Linear: each group is read once and ends at most kMaxGroups windows.
template <typename OnWindow>
void ForEachWindow(std::string_view v, uint32_t counts, OnWindow&& on_window) {
  // Most text has no digits, and most cells are short: nothing is set up until one is found.
  std::size_t i = 0;
  while (i < v.size() && !IsDigit(v[i]) && Byte(v, i) != 0xEF) ++i;
  if (i == v.size()) return;
  std::array<Group, kRing> ring;
  // The digits, lengths and separators of the groups that end at the current one, right-aligned:
  // each window is a suffix of them.
  std::array<char, kMaxDigits> tail_digits;
  std::array<std::size_t, kMaxGroups> tail_lengths;
  std::array<Sep, kMaxGroups> tail_inner;
  Window w;
  w.v = v;
  while (i < v.size()) {
    std::size_t len;
    if ((Byte(v, i) != 0xEF && !IsDigit(v[i])) || DigitCharAt(v, i, &len) < 0 ||
        DigitEndsAt(v, i)) {
      ++i;
      continue;
    }
    Sep before = Sep::kNone;
    for (std::size_t k = 0;; ++k) {
      Group& g = ring[k % kRing];
      g.begin = i;
      g.count = 0;
      g.before = before;
      int d;
      while (i < v.size() && (d = DigitCharAt(v, i, &len)) >= 0) {
        if (g.count < kMaxDigits) g.digits[g.count] = static_cast<char>('0' + d);
        ++g.count;
        i += len;
      }
      g.end = i;
      std::size_t next = i;
      g.after = JoinAt(v, i, &next);

      std::size_t count = 0;
      for (std::size_t n = 1; n <= kMaxGroups && n <= k + 1; ++n) {
        const Group& first = ring[(k + 1 - n) % kRing];
        count += first.count;
        if (count > kMaxDigits) break;
        for (std::size_t c = 0; c < first.count; ++c) {
          tail_digits[kMaxDigits - count + c] = first.digits[c];
        }
        tail_lengths[kMaxGroups - n] = first.count;
        if (n > 1) tail_inner[kMaxGroups - n] = ring[(k + 2 - n) % kRing].before;
        if (((counts >> count) & 1) == 0) continue;
        w.begin = first.begin;
        w.end = g.end;
        w.groups = n;
        w.lengths = &tail_lengths[kMaxGroups - n];
        w.inner = &tail_inner[kMaxGroups - n];
        w.before = first.before;
        w.after = g.after;
        w.count = count;
        w.digits = tail_digits.data() + (kMaxDigits - count);
        on_window(w);
      }
      if (g.after == Sep::kNone) break;
      before = g.after;
      i = next;
    }
  }
}

constexpr uint32_t Counts(std::initializer_list<std::size_t> counts) {
  uint32_t bits = 0;
  for (std::size_t c : counts) bits |= uint32_t{1} << c;
  return bits;
}

// ---------------------------------------------------------------------------------------------
// The words that say what a number is. The number may follow them across punctuation and a few
// linking words ("CPR-nr.: ", "Documento Nacional de Identidad N° ", "my ID number is ",
// "身份证号码是"), or precede them in brackets ("110637 9488 (cpr)").

using Words = std::span<const std::string_view>;

// Identity numbers in general, for any of the kinds.
constexpr std::string_view kIdWords[] = {
    "id number",      "id-number",      "id no",
    "id nr",          "id-nr",          "id nummer",
    "id-nummer",      "id card",        "identity",
    "national id",    "personal id",    "personal number",
    "personnummer",   "personnr",       "person nr",
    "identificación", "identificacion", "identification number"};
constexpr std::string_view kCprWords[] = {
    "cpr", "cprnr", "cprnummer", "p-nr", "sygesikringsnummer", "fødselsnummer"};
// 身份 also stands for 公民身份号码; 证件 is any identity document.
constexpr std::string_view kChineseIdWords[] = {
    "身份证", "身份證", "身份", "证件", "證件", "resident id", "chinese id", "shenfenzheng"};
constexpr std::string_view kCuitWords[] = {"cuit", "cuil",       "c.u.i.t", "c.u.i.l",
                                           "cdi",  "tributaria", "laboral"};
constexpr std::string_view kSsnWords[] = {"ssn",    "s.s.n",   "social security", "soc sec",
                                          "soc. sec", "socsec", "ss#",     "ss no",
                                          "seguro social"};
// Spain's número de la Seguridad Social (NUSS, NSS, número de afiliación).
constexpr std::string_view kNussWords[] = {"seguridad social", "nuss",   "n.u.s.s", "nss",
                                           "n.s.s",            "afiliación", "afiliacion", "naf"};
constexpr std::string_view kDniWords[] = {
    "dni",     "d.n.i",        "documento", "doc",    "identidad", "l.e",    "l.c",
    "libreta", "enrolamiento", "cívica",    "civica", "cédula",    "cedula", "nif",
    "n.i.f",   "nie",          "n.i.e",     "c.i",    "ci",     "d.u"};

// Words between the keyword and the number that do not change what it is.
constexpr std::string_view kLinkingWords[] = {
    "n",   "no",  "nr", "nro",  "num", "numero", "número", "number", "nummer", "nummeret",
    "es",  "el",  "is", "er",   "my",  "mi",     "mit",    "min",    "su",     "de",
    "del", "the", "of", "your", "his", "her",    "their",  "was",    "var",    "era"};
// Chinese joins without spaces: 身份证号码是, 身份证号为.
constexpr std::string_view kLinkingHan[] = {"是", "为", "為", "号", "號", "码", "碼", "的"};

// Punctuation between words and number; º ª ° of "Nº" and "n.º" too.
std::size_t PunctuationLength(std::string_view v, std::size_t i) {
  switch (v[i]) {
    case ' ':
    case '\t':
    case ':':
    case '.':
    case '#':
    case '=':
    case '(':
    case ')':
    case '[':
    case ']':
    case '-':
    case ',':
    case ';':
    case '/':
    case '"':
    case '\'':
      return 1;
    default:
      break;
  }
  if (i + 1 < v.size() && Byte(v, i) == 0xC2 &&
      (Byte(v, i + 1) == 0xA0 || Byte(v, i + 1) == 0xBA || Byte(v, i + 1) == 0xAA ||
       Byte(v, i + 1) == 0xB0)) {
    return 2;
  }
  if (i + 2 < v.size()) {
    const std::string_view three = v.substr(i, 3);
    for (std::string_view p : {"：", "（", "）", "，", "、", "　", "【", "】", "–"}) {
      if (three == p) return 3;
    }
  }
  return 0;
}

bool SameIgnoringAsciiCase(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (LowerAscii(text[k]) != word[k]) return false;
  }
  return true;
}

// A letter of a word written with spaces: Chinese runs straight into the words around it.
bool WordLetter(int32_t cp) { return IsLetter(cp) && !IsCjk(cp); }

bool LetterBefore(std::string_view v, std::size_t i) {
  if (i == 0) return false;
  std::size_t len;
  return WordLetter(DecodeAt(v, PrevStart(v, i), &len));
}

bool LetterAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return false;
  std::size_t len;
  return WordLetter(DecodeAt(v, i, &len));
}

// Whether one of `words` ends at byte p, starting a word (Han keywords need no boundary).
bool WordEndsAt(std::string_view v, std::size_t p, Words words) {
  for (std::string_view w : words) {
    if (w.size() > p || !SameIgnoringAsciiCase(v.substr(p - w.size(), w.size()), w)) continue;
    if (Byte(w, 0) >= 0x80 || !LetterBefore(v, p - w.size())) return true;
  }
  return false;
}

// Whether one of `words` starts at byte p, ending a word.
std::size_t WordStartsAt(std::string_view v, std::size_t p, Words words) {
  for (std::string_view w : words) {
    if (p + w.size() > v.size() || !SameIgnoringAsciiCase(v.substr(p, w.size()), w)) continue;
    if (Byte(w, 0) >= 0x80 || !LetterAt(v, p + w.size())) return p + w.size();
  }
  return 0;
}

constexpr std::size_t kMaxReach = 64;  // bytes of punctuation and linking words
constexpr int kMaxLinks = 5;

// Whether the words before `pos` say the number there is one of `kind_words` (or an identity
// number in general). Looks back kMaxReach bytes at most, so that a long word or a long run of
// spaces costs nothing per number.
bool SaysBefore(std::string_view v, std::size_t pos, Words kind_words) {
  const std::size_t limit = pos > kMaxReach ? pos - kMaxReach : 0;
  std::size_t p = pos;
  for (int links = 0; links <= kMaxLinks; ++links) {
    while (p > limit) {
      const std::size_t start = PrevStart(v, p);
      if (PunctuationLength(v, start) != p - start) break;
      p = start;
    }
    // Numbers before numbers are lists and tables, not words.
    if (p <= limit || DigitEndsAt(v, p)) return false;
    if (WordEndsAt(v, p, kind_words) || WordEndsAt(v, p, kIdWords)) return true;
    bool linked = false;
    for (std::string_view w : kLinkingHan) {
      if (w.size() <= p && v.substr(p - w.size(), w.size()) == w) {
        p -= w.size();
        linked = true;
        break;
      }
    }
    if (linked) continue;
    std::size_t start = p;
    while (start > limit && LetterBefore(v, start)) start = PrevStart(v, start);
    if (start == p || start <= limit || !WordStartsAt(v.substr(0, p), start, kLinkingWords)) {
      return false;
    }
    p = start;
  }
  return false;
}

// Whether `kind_words` follow the number that ends at `end`, across punctuation and two linking
// words at most ("110637 9488 (cpr)", "30123456 es mi DNI").
bool SaysAfter(std::string_view v, std::size_t end, Words kind_words) {
  const std::size_t limit = std::min(v.size(), end + kMaxReach);
  std::size_t p = end;
  for (int links = 0; links <= 2; ++links) {
    for (std::size_t len; p < limit && (len = PunctuationLength(v, p)) > 0;) p += len;
    if (p >= limit) return false;
    if (WordStartsAt(v, p, kind_words) != 0 || WordStartsAt(v, p, kIdWords) != 0) return true;
    std::size_t stop = p;
    while (stop < limit && IsAlphaAscii(v[stop])) ++stop;
    if (stop == p || stop >= limit || LetterAt(v, stop) ||
        WordStartsAt(v.substr(0, stop), p, kLinkingWords) == 0) {
      return false;
    }
    p = stop;
  }
  return false;
}

// Whether the words say the window (ending at `end`, its check X included) is one of
// `kind_words`. A window the words announce may also begin a sequence that goes on after a
// space: "cpr 010190 1234 2100 København".
bool Says(const Window& w, std::size_t end, Words kind_words) {
  if (w.Isolated()) return SaysBefore(w.v, w.begin, kind_words) || SaysAfter(w.v, end, kind_words);
  return w.before == Sep::kNone && w.after == Sep::kSpace && SaysBefore(w.v, w.begin, kind_words);
}

// ---------------------------------------------------------------------------------------------
// Each kind in the groups it is typed in.

void TryChineseId(const Window& w, Candidates& out) {
  // Groups of one digit are lists, but the check X may stand alone ("4912 3100 2X"); letters
  // after the last group are checked below, where X is allowed for.
  if (w.groups > 1 &&
      (w.ShortestBeforeLast() < 2 || w.lengths[w.groups - 1] < (w.count == 17 ? 1u : 2u) ||
       (w.begin > 0 && IsAlphaAscii(w.v[w.begin - 1])))) {
    return;
  }
  std::array<char, 18> id;
  for (std::size_t k = 0; k < w.count; ++k) id[k] = w.digits[k];
  std::size_t end = w.end;
  if (w.count == 17) {
    const std::size_t x = CheckXAt(w.v, end);
    if (x == 0) return;
    id[17] = 'X';
    end += x;
  }
  if (end < w.v.size() && IsAlnumAscii(w.v[end])) return;
  const std::string_view d(id.data(), id.size());
  if (IsChineseId(d) || (HasChineseBirthDate(d) && Says(w, end, kChineseIdWords))) {
    out.push_back({kPriorityChineseId, {IdentifierKind::kChineseId, w.begin, end}});
  }
}

// First-generation cards (until 2013): 15 digits, the birth date YYMMDD at 7-12, no check.
void TryOldChineseId(const Window& w, Candidates& out) {
  if (w.groups > 1 && (w.ShortestGroup() < 2 || w.Glued())) return;
  if (w.end < w.v.size() && IsAlnumAscii(w.v[w.end])) return;
  const std::string_view d = w.Digits();
  if (IsValidDate(1900 + Number(d.substr(6, 2)), Number(d.substr(8, 2)), Number(d.substr(10, 2))) &&
      Says(w, w.end, kChineseIdWords)) {
    out.push_back({kPriorityChineseId, {IdentifierKind::kChineseId, w.begin, w.end}});
  }
}

// As printed by banks and home banking: whole, in its two blocks, in fours, or bank, branch,
// check, account, check.
void TryCbu(const Window& w, Candidates& out) {
  if (w.groups > 1 && (w.Glued() || !w.InnerUniform() || w.inner[0] == Sep::kComma)) return;
  if (!(w.groups == 1 || w.Shape({8, 14}) || w.Shape({4, 4, 4, 4, 4, 2}) ||
        w.Shape({3, 4, 1, 13, 1}) || w.Shape({3, 4, 1, 14}) || w.Shape({7, 1, 13, 1}) ||
        w.Shape({8, 13, 1}))) {
    return;
  }
  if (IsCbu(w.Digits())) out.push_back({kPriorityCbu, {IdentifierKind::kCbu, w.begin, w.end}});
}

// 20-12345678-6, 20 12345678 6, 20-12.345.678-6 (the DNI dotted inside), and with a DNI of
// seven digits, 20-5.123.456-3 for 20-05123456-3.
void TryCuit(const Window& w, Candidates& out) {
  const bool dotted_dni = w.groups == 5 && w.lengths[0] == 2 && w.lengths[4] == 1 &&
                          (w.lengths[1] == 2 || w.lengths[1] == 1) && w.lengths[2] == 3 &&
                          w.lengths[3] == 3 && w.inner[1] == Sep::kDot && w.inner[2] == Sep::kDot;
  // Letters against a grouped number make it a code, unless they are the words ("CUIT20-...").
  const bool typed =
      (w.groups == 1 || w.Shape({2, 8, 1}) || w.Shape({2, 9}) || w.Shape({10, 1}) || dotted_dni) &&
      !(w.groups > 1 && w.Glued());
  if (!typed && w.ShortestBeforeLast() < 2) return;
  if (w.count == 10 && (!dotted_dni || w.lengths[1] != 1)) return;
  // Seven digits of DNI stand for eight with a leading zero.
  std::array<char, 11> cuit;
  std::size_t from = 0;
  for (std::size_t k = 0; k < cuit.size(); ++k) {
    cuit[k] = w.count == 10 && k == 2 ? '0' : w.digits[from++];
  }
  const std::string_view d(cuit.data(), cuit.size());
  // After the words any grouping, but not digit by digit.
  if ((typed && IsCuit(d)) ||
      (w.ShortestBeforeLast() >= 2 && IsCuitPrefix(d) && Says(w, w.end, kCuitWords))) {
    out.push_back({kPriorityCuit, {IdentifierKind::kCuit, w.begin, w.end}});
  }
}

// DDMMYY-SSSS, DDMMYYSSSS, DDMMYY SSSS; after the words that say CPR, any grouping of the ten
// digits ("01.01.90-1234", "01 01 90 1234").
void TryCpr(const Window& w, Candidates& out) {
  if (w.groups > 1 && w.ShortestGroup() < 2) return;
  if (!IsCpr(w.Digits())) return;
  // Letters against a grouped number make it a code, unless they are the words ("CPR010190-...").
  const bool typed =
      w.groups == 1 || (w.Shape({6, 4}) && w.InnerAre({Sep::kSpace, Sep::kDash}) && !w.Glued());
  if ((typed && w.Isolated()) || Says(w, w.end, kCprWords)) {
    out.push_back({kPriorityCpr, {IdentifierKind::kCpr, w.begin, w.end}});
  }
}

// US Social Security numbers as the SSA issues them: no area 000, 666 or 900-999, no group 00,
// no serial 0000.
bool IsSsn(std::string_view d) {
  const int area = Number(d.substr(0, 3));
  return area != 0 && area != 666 && area < 900 && Number(d.substr(3, 2)) != 0 &&
         Number(d.substr(5, 4)) != 0;
}

// 123-45-6789 as the card prints it; after the words (SSN, social security number) also spaced
// or in one run.
void TrySsn(const Window& w, Candidates& out) {
  if (!IsSsn(w.Digits())) return;
  // Printed, the number stands alone: "011-15-2307 3703" is an Argentine mobile.
  const bool printed = w.Shape({3, 2, 4}) && w.inner[0] == Sep::kDash &&
                       w.inner[1] == Sep::kDash && !w.Glued() && w.before == Sep::kNone &&
                       w.after == Sep::kNone;
  const bool typed = w.groups == 1 || (w.Shape({3, 2, 4}) && w.InnerUniform() &&
                                       w.InnerAre({Sep::kSpace, Sep::kDash, Sep::kDot}));
  if ((printed && w.Isolated()) || (typed && Says(w, w.end, kSsnWords))) {
    out.push_back({kPriorityNationalId, {IdentifierKind::kNationalId, w.begin, w.end}});
  }
}

// Spain's social security number: a province of two digits, eight of the person's, and two
// check digits, the rest of dividing the first ten (the province times 10^7 plus the number,
// when that is under 10^7) by 97.
bool IsNuss(std::string_view d) {
  const uint64_t province = static_cast<uint64_t>(Number(d.substr(0, 2)));
  const uint64_t number = static_cast<uint64_t>(Number(d.substr(2, 8)));
  const uint64_t whole =
      number < 10000000 ? province * 10000000 + number : province * 100000000 + number;
  return province >= 1 && province <= 53 &&
         whole % 97 == static_cast<uint64_t>(Number(d.substr(10, 2)));
}

// "28 12345678 40", "28/12345678/40", "281234567840": grouped as the card prints it, or after
// the words (Seguridad Social, NUSS, número de afiliación) in any grouping.
void TryNuss(const Window& w, Candidates& out) {
  if (!IsNuss(w.Digits())) return;
  const bool printed = w.Shape({2, 8, 2}) && w.InnerUniform() &&
                       w.InnerAre({Sep::kSpace, Sep::kDash, Sep::kSlash}) && !w.Glued() &&
                       w.Isolated();
  if (printed || (w.ShortestGroup() >= 2 && Says(w, w.end, kNussWords))) {
    out.push_back({kPriorityNationalId, {IdentifierKind::kNationalId, w.begin, w.end}});
  }
}

// A lower-case letter typed apart from the number ("72358104 n", "x 0257517 d") is the check
// letter or the NIE's prefix when the words before say DNI or NIE. Without them, only a check
// letter that ends the sentence ("... 72358104 n", "72358104 n.") and is neither a word of its
// own (Spanish "a", "e", "y", English "a") nor a unit ("12345678 m", "l", "s", "h", "k"): in
// "Pagué 12345678 z Juan" it is a slip of the fingers.
bool LowerLetterMayStandApart(std::string_view v, std::size_t number_begin, std::size_t letter,
                              bool check_letter) {
  if (SaysBefore(v, number_begin, kDniWords)) return true;
  const std::size_t after = letter + 1;
  return check_letter &&
         std::string_view("aeymglshktwb").find(v[letter]) == std::string_view::npos &&
         (after == v.size() ||
          std::string_view(".,;:!?)]\"'\n").find(v[after]) != std::string_view::npos);
}

// The check letter of a Spanish DNI or NIE after its digits: attached ("12345678Z"), after a
// hyphen, or after a space (in lower case, see LowerLetterMayStandApart). Returns the end of the
// letter, or 0.
std::size_t SpanishLetterAfter(std::string_view v, std::size_t number_begin, std::size_t end,
                               char expected) {
  std::size_t p = end;
  bool spaced = false;
  if (p < v.size() && (v[p] == '-' || v[p] == ' ')) {
    spaced = v[p] == ' ';
    ++p;
  }
  if (p >= v.size() || !IsAlphaAscii(v[p])) return 0;
  if (LowerAscii(v[p]) != LowerAscii(expected)) return 0;
  if (p + 1 < v.size() && IsAlnumAscii(v[p + 1])) return 0;
  if (spaced && IsLowerAscii(v[p]) && !LowerLetterMayStandApart(v, number_begin, p, true)) {
    return 0;
  }
  return p + 1;
}

// Spain: DNI 12345678Z (or 12.345.678-Z), NIE X1234567L with X, Y, Z standing for 0, 1, 2.
void TrySpanishId(const Window& w, Candidates& out) {
  const std::string_view v = w.v;
  const bool plain = w.groups == 1;
  const bool dotted =
      w.groups == 3 && w.lengths[1] == 3 && w.lengths[2] == 3 && w.InnerAre({Sep::kDot});
  if (!(plain || dotted) || w.before != Sep::kNone) return;
  if (w.count == 8 && (plain || w.lengths[0] == 2)) {
    if (w.begin > 0 && IsAlnumAscii(v[w.begin - 1])) return;
    const std::size_t end = SpanishLetterAfter(v, w.begin, w.end, SpanishCheckLetter(w.Digits()));
    if (end != 0) out.push_back({kPriorityDni, {IdentifierKind::kDni, w.begin, end}});
    return;
  }
  if (w.count != 7 || (dotted && w.lengths[0] != 1) || w.begin == 0) return;
  std::size_t letter = w.begin - 1;
  const bool spaced = v[letter] == ' ';
  if ((v[letter] == '-' || spaced) && letter > 0) --letter;
  const char prefix = LowerAscii(v[letter]);
  if ((prefix != 'x' && prefix != 'y' && prefix != 'z') ||
      (letter > 0 && IsAlnumAscii(v[letter - 1]))) {
    return;
  }
  // Lower case apart only where it is no word: "y 1234567" is "and".
  if (spaced && IsLowerAscii(v[letter]) && !LowerLetterMayStandApart(v, letter, letter, false)) {
    return;
  }
  std::array<char, 8> number{};
  number[0] = static_cast<char>('0' + (prefix - 'x'));
  for (std::size_t k = 0; k < 7; ++k) number[k + 1] = w.digits[k];
  const std::size_t end =
      SpanishLetterAfter(v, letter, w.end, SpanishCheckLetter({number.data(), number.size()}));
  if (end != 0) out.push_back({kPriorityDni, {IdentifierKind::kDni, letter, end}});
}

// Chile's RUT (the RUN of a person is the same number): the check digit is 11 less the sum of
// the digits weighted 2, 3, ..., 7 from the right, mod 11, with 11 written 0 and 10 written K.
char RutCheck(std::string_view d) {
  int sum = 0;
  int weight = 2;
  for (std::size_t k = d.size(); k-- > 0;) {
    sum += (d[k] - '0') * weight;
    weight = weight == 7 ? 2 : weight + 1;
  }
  const int r = 11 - sum % 11;
  return r == 11 ? '0' : r == 10 ? 'K' : static_cast<char>('0' + r);
}

// Uruguay's cédula de identidad: seven digits weighted 2, 9, 8, 7, 6, 3, 4; the check digit
// brings the sum to a multiple of ten.
char UruguayCheck(std::string_view d) {
  static constexpr int kWeights[] = {2, 9, 8, 7, 6, 3, 4};
  int sum = 0;
  for (std::size_t k = 0; k < 7; ++k) sum += (d[k] - '0') * kWeights[k];
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Words that say a RUT or a cédula de identidad.
constexpr std::string_view kRutWords[] = {"rut",   "r.u.t", "run",    "r.u.n",  "rol único",
                                          "rol unico", "c.i",   "ci",     "cédula", "cedula"};

// Chile's RUT, 12.345.678-5, 9.876.543-3, 12345678-K, and Uruguay's cédula, 1.234.567-2: the
// digits, a hyphen and the check digit. Dotted in thousands, as both countries print them, a
// check digit that holds is enough; after the words (RUT, RUN, C.I., cédula) any check digit,
// as people mistype it.
void TryRutOrCedula(const Window& w, Candidates& out) {
  const std::string_view v = w.v;
  const bool plain = w.groups == 1;
  const bool dotted = w.groups == 3 && w.lengths[0] <= 2 && w.lengths[1] == 3 &&
                      w.lengths[2] == 3 && w.InnerAre({Sep::kDot});
  if (!(plain || dotted) || w.before != Sep::kNone) return;
  if (w.begin > 0 && IsAlnumAscii(v[w.begin - 1])) return;
  const std::size_t dash = w.end;
  if (dash + 1 >= v.size() || v[dash] != '-') return;
  const char check = v[dash + 1] == 'k' ? 'K' : v[dash + 1];
  if (!IsDigit(check) && check != 'K') return;
  const std::size_t end = dash + 2;
  // Not a piece of a longer number or code: "12.345.678-56", "12345678-5-A".
  if (end < v.size() && (IsAlnumAscii(v[end]) || ((v[end] == '-' || v[end] == '/') &&
                                                  end + 1 < v.size() && IsAlnumAscii(v[end + 1])))) {
    return;
  }
  const std::string_view d = w.Digits();
  const bool valid = RutCheck(d) == check || (w.count == 7 && UruguayCheck(d) == check);
  if ((valid && dotted) || SaysBefore(v, w.begin, kRutWords)) {
    out.push_back({kPriorityNationalId, {IdentifierKind::kNationalId, w.begin, end}});
  }
}

}  // namespace

void FindCheckDigitNumbers(std::string_view v, Candidates& out) {
  ForEachWindow(v, Counts({7, 8, 9, 10, 11, 12, 15, 17, 18, 22}), [&out](const Window& w) {
    switch (w.count) {
      case 7:
      case 8:
        TrySpanishId(w, out);
        TryRutOrCedula(w, out);
        break;
      case 9:
        TrySsn(w, out);
        break;
      case 12:
        TryNuss(w, out);
        break;
      case 10:
        TryCpr(w, out);
        TryCuit(w, out);
        break;
      case 11:
        TryCuit(w, out);
        break;
      case 15:
        TryOldChineseId(w, out);
        break;
      case 17:
      case 18:
        TryChineseId(w, out);
        break;
      case 22:
        TryCbu(w, out);
        break;
      default:
        break;
    }
  });
}

void FindIbans(std::string_view v, Candidates& out) {
  constexpr std::size_t kMaxIban = 34;
  std::array<char, kMaxIban> compact;
  for (std::size_t i = 0; i + 4 < v.size(); ++i) {
    // The check digits, after the country code or, printed in upper case, a space after it.
    std::size_t check = i + 2;
    if (!IsDigit(v[check])) {
      if (v[check] != ' ' || !IsDigit(v[check + 1]) || !IsUpperAscii(v[i])) continue;
      ++check;
    }
    if (check + 1 >= v.size() || !IsDigit(v[check + 1])) continue;
    // Upper case as printed, or all lower case as some type it.
    const bool upper = IsUpperAscii(v[i]) && IsUpperAscii(v[i + 1]);
    const bool lower = IsLowerAscii(v[i]) && IsLowerAscii(v[i + 1]);
    if (!(upper || lower) || (i > 0 && IsAlnumAscii(v[i - 1]))) continue;
    const char a = static_cast<char>(v[i] & ~0x20);
    const char b = static_cast<char>(v[i + 1] & ~0x20);
    const auto length = static_cast<std::size_t>(IbanLength(a, b));
    if (length == 0) continue;
    compact[0] = a;
    compact[1] = b;
    compact[2] = v[check];
    compact[3] = v[check + 1];
    std::size_t n = 4;
    std::size_t j = check + 2;
    // In lower case, words of prose would read as letters of the BBAN ("de10 casas en la calle"):
    // there a group without digits can only be the bank code of four letters after the check
    // digits ("gb82 west 1234 ...").
    std::size_t group = 0;
    std::size_t group_size = 0;
    bool group_digits = false;
    auto group_ok = [&] {
      return !lower || group_digits || group_size == 0 || (group == 1 && group_size == 4);
    };
    while (n < length && j < v.size()) {
      const char c = v[j];
      if (IsDigit(c) || (upper ? IsUpperAscii(c) : IsLowerAscii(c))) {
        compact[n++] = IsLowerAscii(c) ? static_cast<char>(c - 'a' + 'A') : c;
        group_digits = group_digits || IsDigit(c);
        ++group_size;
        ++j;
        continue;
      }
      // Groups of any size, apart by one space, no-break space or hyphen.
      std::size_t len = 0;
      if (c == ' ' || c == '-') {
        len = 1;
      } else if (Byte(v, j) == 0xC2 && j + 1 < v.size() && Byte(v, j + 1) == 0xA0) {
        len = 2;
      }
      if (len == 0 || j + len >= v.size() || !IsAlnumAscii(v[j + len]) || !group_ok()) break;
      ++group;
      group_size = 0;
      group_digits = false;
      j += len;
    }
    if (n != length || (j < v.size() && IsAlnumAscii(v[j])) || !group_ok()) continue;
    if (IsIbanChecksum({compact.data(), n})) {
      out.push_back({kPriorityIban, {IdentifierKind::kIban, i, j}});
      i = j - 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// UK National Insurance numbers.

namespace {

// Prefixes HMRC never issues, however the letters are otherwise allowed.
constexpr std::string_view kNotNinoPrefixes[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};

// Whether the words before i say National Insurance: "NI", "NINO", "N.I.", "national insurance".
bool SaysNino(std::string_view v, std::size_t i) {
  const std::string near = LowerWindowBefore(v, i, 32);
  return HasKeyword(near, "ni", true) || HasKeyword(near, "nino", true) ||
         HasKeyword(near, "n.i.", false) || HasKeyword(near, "national insurance", false) ||
         HasKeyword(near, "nin", true) || HasKeyword(near, "ni no", false) ||
         HasKeyword(near, "ni number", false);
}

}  // namespace

void FindNationalInsuranceNumbers(std::string_view v, Candidates& out) {
  for (std::size_t i = 0; i + 9 <= v.size(); ++i) {
    if (!IsAlphaAscii(v[i]) || !IsAlphaAscii(v[i + 1]) || (i > 0 && IsAlnumAscii(v[i - 1]))) {
      continue;
    }
    const bool upper = IsUpperAscii(v[i]) && IsUpperAscii(v[i + 1]);
    if (!upper && !(IsLowerAscii(v[i]) && IsLowerAscii(v[i + 1]))) continue;
    std::size_t p = i + 2;
    const bool spaced = p < v.size() && v[p] == ' ';
    if (spaced) ++p;
    // Six digits, in one run or in pairs with single spaces ("12 34 56").
    std::size_t digits = 0;
    while (p < v.size() && digits < 6) {
      if (IsDigit(v[p])) {
        ++digits;
        ++p;
      } else if (v[p] == ' ' && spaced && digits % 2 == 0 && digits > 0 && p + 1 < v.size() &&
                 IsDigit(v[p + 1])) {
        ++p;
      } else {
        break;
      }
    }
    if (digits != 6 || (p < v.size() && IsDigit(v[p]))) continue;
    if (p < v.size() && v[p] == ' ') ++p;
    if (p >= v.size()) continue;
    const char suffix = static_cast<char>(LowerAscii(v[p]) - 'a' + 'A');
    // Not a piece of a longer code: "AB123456C-X", "x/AB123456C".
    auto joiner = [](char c) { return c == '-' || c == '/' || c == '_' || c == '.'; };
    if (suffix < 'A' || suffix > 'D' || (upper ? !IsUpperAscii(v[p]) : !IsLowerAscii(v[p])) ||
        (p + 1 < v.size() && IsAlnumAscii(v[p + 1])) ||
        (p + 2 < v.size() && joiner(v[p + 1]) && IsAlnumAscii(v[p + 2])) ||
        (i >= 2 && joiner(v[i - 1]) && IsAlnumAscii(v[i - 2]))) {
      continue;
    }
    const char prefix[2] = {static_cast<char>(v[i] & ~0x20), static_cast<char>(v[i + 1] & ~0x20)};
    bool issued = true;
    for (std::string_view no : kNotNinoPrefixes) {
      issued = issued && std::string_view(prefix, 2) != no;
    }
    if (!issued || (!upper && !SaysNino(v, i))) continue;
    out.push_back({kPriorityNationalId, {IdentifierKind::kNationalId, i, p + 1}});
    i = p;
  }
}

// ---------------------------------------------------------------------------------------------
// Mexico's CURP and the clave de elector of its voter card: 18 capitals and digits whose
// structure alone says what they are.

namespace {

// The states of the CURP (and NE, born abroad).
constexpr std::string_view kCurpStates[] = {
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG",
    "JC", "MC", "MN", "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR",
    "TC", "TS", "TL", "VZ", "YN", "ZS", "NE"};

bool UpperAt(std::string_view s, std::size_t from, std::size_t n) {
  for (std::size_t k = from; k < from + n; ++k) {
    if (!IsUpperAscii(s[k])) return false;
  }
  return true;
}

bool DigitsAt(std::string_view s, std::size_t from, std::size_t n) {
  for (std::size_t k = from; k < from + n; ++k) {
    if (!IsDigit(s[k])) return false;
  }
  return true;
}

// YYMMDD, any century.
bool DateAt(std::string_view s, std::size_t from) {
  const int month = Number(s.substr(from + 2, 2));
  const int day = Number(s.substr(from + 4, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsConsonant(char c) {
  return IsUpperAscii(c) && std::string_view("AEIOU").find(c) == std::string_view::npos;
}

// GOMC800101HDFRRL09: four letters of the name, the birth date, H or M (X since 2022), the
// state, three consonants of the name, a letter or digit against duplicates, a check digit.
bool IsCurp(std::string_view s) {
  if (!UpperAt(s, 0, 4) || !DigitsAt(s, 4, 6) || !DateAt(s, 4)) return false;
  if (s[10] != 'H' && s[10] != 'M' && s[10] != 'X') return false;
  bool state = false;
  for (std::string_view st : kCurpStates) state = state || s.substr(11, 2) == st;
  return state && IsConsonant(s[13]) && IsConsonant(s[14]) && IsConsonant(s[15]) &&
         IsAlnumAscii(s[16]) && !IsLowerAscii(s[16]) && IsDigit(s[17]);
}

// GMCRRL80010109H400: six letters of the name, the birth date, the state (01-32), H or M and
// three digits.
bool IsClaveDeElector(std::string_view s) {
  if (!UpperAt(s, 0, 6) || !DigitsAt(s, 6, 8) || !DateAt(s, 6)) return false;
  const int state = Number(s.substr(12, 2));
  return state >= 1 && state <= 32 && (s[14] == 'H' || s[14] == 'M') && DigitsAt(s, 15, 3);
}

}  // namespace

void FindMexicanIds(std::string_view v, Candidates& out) {
  constexpr std::size_t kLength = 18;
  for (std::size_t i = 0; i + kLength <= v.size(); ++i) {
    if (!IsUpperAscii(v[i]) || (i > 0 && IsAlnumAscii(v[i - 1]))) continue;
    const std::size_t end = i + kLength;
    if (end < v.size() && IsAlnumAscii(v[end])) continue;
    const std::string_view s = v.substr(i, kLength);
    if (IsCurp(s) || IsClaveDeElector(s)) {
      out.push_back({kPriorityNationalId, {IdentifierKind::kNationalId, i, end}});
      i = end - 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// DNI (by context).

namespace {

// "ID" alone says little ("order ID 12345678"), but an ID with its thousands dotted is how
// Argentines write the DNI.
constexpr std::string_view kDottedDniWords[] = {"id"};

// "LE 4.123.456", "LC 4.123.456": the Libreta de Enrolamiento and Libreta Cívica that older
// Argentines still carry, and "DU 30123456", the documento único, in capitals (in lower case
// "le" is a pronoun and "du" French).
bool SaysLibreta(const Window& w) {
  std::size_t p = w.begin;
  while (p > 0 && (w.v[p - 1] == ' ' || w.v[p - 1] == ':')) --p;
  if (p < 2) return false;
  const std::string_view two = w.v.substr(p - 2, 2);
  if (two != "LE" && two != "LC" && two != "DU") return false;
  return p == 2 || !IsAlnumAscii(w.v[p - 3]);
}

bool SaysDni(const Window& w) {
  if (w.Isolated()) {
    const std::string near = LowerWindowBefore(w.v, w.begin, 24);
    if (HasKeyword(near, "dni", true) || HasKeyword(near, "d.n.i", false) ||
        HasKeyword(near, "documento", false) || HasKeyword(near, "doc.", false) ||
        HasKeyword(near, "doc:", false) || HasKeyword(near, "doc ", false)) {
      return true;
    }
  }
  return Says(w, w.end, kDniWords) ||
         (w.groups == 3 && w.inner[0] == Sep::kDot && Says(w, w.end, kDottedDniWords)) ||
         (w.Isolated() && SaysLibreta(w));
}

// 12345678, 1234567, 12.345.678, 1.234.567, and the same with spaces, commas or hyphens for the
// dots.
bool IsDniShape(const Window& w) {
  if (w.groups == 1) return true;
  return w.groups == 3 && w.lengths[0] <= 2 && w.lengths[1] == 3 && w.lengths[2] == 3 &&
         w.InnerUniform() && w.InnerAre({Sep::kDot, Sep::kSpace, Sep::kComma, Sep::kDash});
}


}  // namespace

namespace {

// Words that say a cédula of 6 to 10 digits: Colombia's cédula de ciudadanía (C.C.),
// Venezuela's and Ecuador's cédula de identidad (C.I.).
constexpr std::string_view kCedulaWords[] = {"cédula",     "cedula", "ciudadanía", "ciudadania",
                                             "c.c",        "cc",     "c.i",        "ci",
                                             "cédula de identidad"};

// 6 to 10 digits in one run, or dotted in thousands: 1023456789, 1.023.456.789, 12.345.678.
bool IsCedulaShape(const Window& w) {
  if (w.groups == 1) return w.Isolated();
  if (w.lengths[0] > 3 || !w.InnerAre({Sep::kDot}) || w.before != Sep::kNone ||
      w.after != Sep::kNone) {
    return false;
  }
  for (std::size_t k = 1; k < w.groups; ++k) {
    if (w.lengths[k] != 3) return false;
  }
  return true;
}

// Where the cédula begins: at its digits, or at Venezuela's nationality letter before them
// ("V-12.345.678", "E 84.123.456", "V12345678"). `v.size()` when letters are glued to it.
std::size_t CedulaBegin(const Window& w) {
  const std::string_view v = w.v;
  std::size_t p = w.begin;
  if (p == 0 || !IsAlnumAscii(v[p - 1])) {
    if (p >= 2 && (v[p - 1] == '-' || v[p - 1] == ' ') && (v[p - 2] == 'V' || v[p - 2] == 'E') &&
        (p == 2 || !IsAlnumAscii(v[p - 3]))) {
      return p - 2;
    }
    return p;
  }
  if ((v[p - 1] == 'V' || v[p - 1] == 'E') && (p == 1 || !IsAlnumAscii(v[p - 2]))) return p - 1;
  return v.size();
}

}  // namespace

void FindCedulas(std::string_view v, Candidates& taken) {
  const TakenSpans before(taken);
  std::size_t last_end = 0;
  ForEachWindow(v, Counts({6, 7, 8, 9, 10}), [&](const Window& w) {
    if (w.begin < last_end || !IsCedulaShape(w)) return;
    const std::size_t begin = CedulaBegin(w);
    if (begin == v.size() || (w.end < v.size() && IsAlnumAscii(v[w.end])) ||
        before.Overlaps(begin, w.end) || !SaysBefore(v, begin, kCedulaWords)) {
      return;
    }
    taken.push_back({kPriorityDni, {IdentifierKind::kNationalId, begin, w.end}});
    last_end = w.end;
  });
}

void FindDnis(std::string_view v, const ColumnContext& context, Candidates& taken) {
  // The DNIs found here come in order and after one another: only what was taken before needs
  // a search.
  const TakenSpans before(taken);
  std::size_t last_end = 0;
  ForEachWindow(v, Counts({7, 8}), [&](const Window& w) {
    if (w.begin < last_end || !IsDniShape(w) || (w.groups > 1 && w.Glued()) ||
        before.Overlaps(w.begin, w.end) || !((context.dni && w.Isolated()) || SaysDni(w))) {
      return;
    }
    taken.push_back({kPriorityDni, {IdentifierKind::kDni, w.begin, w.end}});
    last_end = w.end;
  });
}

}  // namespace citynet::privacy::internal
