#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "node/privacy/internal/phones.h"
#include "node/privacy/internal/text_identifiers.h"
#include "node/privacy/internal/text_scan.h"

namespace citynet::privacy::internal {
namespace {

// ---------------------------------------------------------------------------------------------
// IP addresses.

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A dotted quad at v[i]: four decimal parts 0-255, none with a leading zero (amounts are written
// "1.200.100.000"; addresses are not). Returns its end, or i when there is none.
std::size_t DottedQuadEnd(std::string_view v, std::size_t i, bool* two_digit_parts) {
  std::size_t pos = i;
  *two_digit_parts = true;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= v.size() || v[pos] != '.') return i;
      ++pos;
    }
    const std::size_t end = RunEnd(v, pos);
    const std::size_t len = end - pos;
    if (len == 0 || len > 3 || (len > 1 && v[pos] == '0') || Number(v.substr(pos, len)) > 255) {
      return i;
    }
    if (len != 2) *two_digit_parts = false;
    pos = end;
  }
  return pos;
}

// Whether a group of an IPv6 address ends at j: one to four hex digits that are not the end of
// a word ("IP pública:2800:810::1", where "ca" only looks like one).
bool HexGroupEndsAt(std::string_view v, std::size_t j) {
  std::size_t k = j;
  while (k > 0 && j - k < 5 && IsHexDigit(v[k - 1])) --k;
  return k != j && j - k <= 4 &&
         !(k > 0 && (IsAlphaAscii(v[k - 1]) || IsDigit(v[k - 1]) ||
                     static_cast<unsigned char>(v[k - 1]) >= 0x80));
}

// Words after which four dotted numbers are a version, a section or an article, not an address:
// "version 1.2.3.4", "afsnit 2.1.3.4", "§ 3.2.1.1".
bool NumberingWordBefore(std::string_view v, std::size_t pos) {
  const std::string w = WordWindowBefore(v, pos, 24);
  // Word beginnings ("kapitlet", "bilaget", "sections") and whole short words.
  static constexpr std::string_view kPrefixes[] = {
      "version",  "versión",  "versjon",  "build",    "release", "firmware", "revision", "update",
      "opdater",  "actualiz", "section",  "sección",  "seccion", "afsnit",   "kapit",    "chapter",
      "capítulo", "capitulo", "punkt",    "punto",    "artikel", "article",  "artículo", "articulo",
      "table",    "tabel",    "tabla",    "figur",    "paragra", "párrafo",  "bilag",    "annex",
      "anexo",    "appendix", "apéndice", "step",     "trin",    "inciso",   "apartado", "regel",
      "upgrad",   "opgrader", "patch",    "software", "app",     "norm",     "standard", "版本",
      "第",       "条",       "章",       "节"};
  static constexpr std::string_view kWords[] = {
      "ver",  "ver.", "v",    "v.",  "rev",  "rev.", "pkt",  "pkt.", "art",  "art.", "stk", "stk.",
      "item", "fig",  "fig.", "par", "par.", "kap",  "kap.", "cap",  "cap.", "iso",  "§"};
  for (std::string_view k : kPrefixes) {
    if (HasKeyword(w, k, false)) return true;
  }
  for (std::string_view k : kWords) {
    if (HasKeyword(w, k, true)) return true;
  }
  return false;
}

// An IPv6 address at v[i] in full ("2001:0db8:0000:0000:0000:ff00:0042:8329"), compressed
// ("2001:db8::1", "fe80::1") or ending in a dotted quad ("::ffff:192.0.2.1"), with its zone
// ("fe80::1%eth0"). Returns its end, or i when there is none.
std::size_t Ipv6End(std::string_view v, std::size_t i) {
  std::size_t pos = i;
  std::size_t groups = 0;
  bool compressed = false;
  bool decimal = false;
  if (v.substr(i, 2) == "::") {
    compressed = true;
    pos += 2;
  }
  while (groups < 8) {
    std::size_t end = pos;
    while (end < v.size() && end - pos < 5 && IsHexDigit(v[end])) ++end;
    if (end == pos) break;
    if (end - pos > 4) return i;
    // The last 32 bits as a dotted quad.
    if (DigitAt(v, end + 1) && v[end] == '.' && groups <= 6 && (compressed || groups == 6)) {
      bool two_digit_parts;
      const std::size_t quad = DottedQuadEnd(v, pos, &two_digit_parts);
      if (quad != pos) {
        groups += 2;
        pos = quad;
        decimal = true;
        break;
      }
    }
    for (std::size_t k = pos; k < end; ++k) decimal = decimal || IsDigit(v[k]);
    ++groups;
    pos = end;
    if (v.substr(pos, 2) == "::") {
      if (compressed) return i;
      compressed = true;
      pos += 2;
    } else if (pos + 1 < v.size() && v[pos] == ':' && IsHexDigit(v[pos + 1])) {
      ++pos;
    } else {
      break;
    }
  }
  // Compressed forms need two groups besides the "::" (so that "a::b" and "std::" stay prose),
  // full ones all eight; either with a decimal digit somewhere.
  if (!decimal || (compressed ? groups < 2 || groups > 7 : groups != 8)) return i;
  if (pos < v.size() && (IsAlnumAscii(v[pos]) || (v[pos] == ':' && DigitAt(v, pos + 1)))) {
    return i;
  }
  if (pos + 1 < v.size() && v[pos] == '%' && IsAlnumAscii(v[pos + 1])) {
    ++pos;
    while (pos < v.size() && (IsAlnumAscii(v[pos]) || v[pos] == '_' || v[pos] == '.')) ++pos;
    while (v[pos - 1] == '.') --pos;
  }
  return pos;
}

// ---------------------------------------------------------------------------------------------
// Passport numbers.

// A passport number as countries issue them, near the words that announce one: 6 to 10
// letters and digits. Danish, British and US numbers are 9 digits, Argentine "AAA123456" or
// "12345678N", Chinese "E12345678", German ones mix letters and digits anywhere ("C01X00T47"),
// and people type them in lower case too. A word of prose after "passport" ("photos", "office",
// "expired") has no digit, and vowels.
bool IsPassportShaped(std::string_view token) {
  if (token.size() < 6 || token.size() > 10) return false;
  std::size_t digits = 0;
  std::size_t upper = 0;
  std::size_t vowels = 0;
  for (char c : token) {
    digits += IsDigit(c) ? 1 : 0;
    upper += IsUpperAscii(c) ? 1 : 0;
    vowels += std::string_view("aeiouAEIOU").find(c) != std::string_view::npos ? 1 : 0;
  }
  // Letters alone: 8 or more, in capitals or with at most one vowel ("kjgjtgkzp"), which no
  // word of prose of that length has.
  return digits >= 1 || (token.size() >= 8 && (upper == token.size() || vowels <= 1));
}

// How a word announces a passport number.
enum class PassportCue {
  kNone,
  // "passport", "pasaporte", "pasnummer", 护照: the number may come a few words on in the same
  // sentence ("Pasaporte del menor: nº ...", "护照丢了，号码是...") or just before ("... es mi
  // pasaporte").
  kWord,
  // Danish "pas", which is also a verb ("pas på"): only punctuation and filler words may stand
  // between it and the number.
  kShort,
  // "pass", "pp", "ppt", abbreviations that mean other things too ("bus pass", "pp. 12-15"):
  // as kShort, and a number word must come first ("pp no", "pass nr.", "PPT #").
  kAbbreviation,
};

// The end of a passport word at v[i] and how it announces the number; *end == i when there is
// none.
PassportCue PassportWordAt(std::string_view v, std::size_t i, std::size_t* end) {
  *end = i;
  // 护照 and 護照, written without spaces around.
  for (std::string_view han : {"\xE6\x8A\xA4\xE7\x85\xA7", "\xE8\xAD\xB7\xE7\x85\xA7"}) {
    if (v.substr(i, han.size()) == han) {
      *end = i + han.size();
      return PassportCue::kWord;
    }
  }
  if (!WordStartsAt(v, i)) return PassportCue::kNone;
  struct Word {
    std::string_view text;
    PassportCue cue;
  };
  // Longest first: "pasnummer" before "pas". Danish compounds take the definite ending
  // ("pasnummeret"); "pasap." is how Spanish forms shorten pasaporte.
  static constexpr Word kWords[] = {
      {"passportnumber", PassportCue::kWord},
      {"passport", PassportCue::kWord},
      {"pasaporte", PassportCue::kWord},
      {"passnummeret", PassportCue::kWord},
      {"pasnummeret", PassportCue::kWord},
      {"pasnumret", PassportCue::kWord},
      {"passnummer", PassportCue::kWord},
      {"rejsepasset", PassportCue::kWord},
      {"rejsepas", PassportCue::kWord},
      {"travel document", PassportCue::kWord},
      // Slips of the fingers as common as the words: "pasport", "pasaport", "passaporte".
      {"passaporte", PassportCue::kWord},
      {"pasporte", PassportCue::kWord},
      {"pasport", PassportCue::kWord},
      {"pasaport", PassportCue::kWord},
      {"pasnummer", PassportCue::kWord},
      {"passnr", PassportCue::kWord},
      {"pasnr", PassportCue::kWord},
      {"passene", PassportCue::kWord},
      {"passets", PassportCue::kWord},
      {"passet", PassportCue::kWord},
      {"passeport", PassportCue::kWord},
      {"reisepass", PassportCue::kWord},
      {"pasap", PassportCue::kWord},
      {"pass", PassportCue::kAbbreviation},
      {"pas", PassportCue::kShort},
      {"ppt", PassportCue::kAbbreviation},
      {"pp", PassportCue::kAbbreviation}};
  for (const Word& w : kWords) {
    if (i + w.text.size() > v.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < w.text.size() && match; ++k) {
      match = LowerAscii(v[i + k]) == w.text[k];
    }
    if (!match) continue;
    std::size_t word_end = i + w.text.size();
    // "passports", "passport's", "pasaportes": the plural and possessive say the same.
    if (w.text == "passport" || w.text == "pasaporte" || w.text == "pasport") {
      while (word_end < v.size() && (v[word_end] == 's' || v[word_end] == '\'')) ++word_end;
    }
    // "passage", "pasta", "passer", "pasó": a longer word.
    if (!WordEndsAt(v, word_end)) return PassportCue::kNone;
    // The full stop of an abbreviation ("pasap.", "pp.") is part of it.
    if (w.text != "pas" && w.text.size() <= 5 && word_end < v.size() && v[word_end] == '.') {
      ++word_end;
    }
    *end = word_end;
    return w.cue;
  }
  return PassportCue::kNone;
}

// The end of a run of ASCII letters and digits at i.
std::size_t AlnumEnd(std::string_view v, std::size_t i) {
  while (i < v.size() && IsAlnumAscii(v[i])) ++i;
  return i;
}

// The end of a word at i: ASCII letters and digits and letters of spaced scripts ("número").
std::size_t LatinWordEnd(std::string_view v, std::size_t i) {
  while (i < v.size()) {
    if (IsAlnumAscii(v[i])) {
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(v[i]) < 0x80) break;
    std::size_t len;
    const int32_t cp = DecodeAt(v, i, &len);
    if (!IsLetter(cp) || IsCjk(cp)) break;
    i += len;
  }
  return i;
}

// Three-letter words of prose that a number may follow ("con 123456", "the 123456"): not a
// passport's series typed in lower case.
constexpr std::string_view kNotLowerSeries[] = {
    "con", "por", "sin", "and", "the", "for", "med", "til", "fra", "som", "nyt",
    "har", "den", "det", "los", "las", "una", "uno", "you", "our", "his", "her",
    "its", "was", "are", "has", "new", "old", "not", "nro", "num", "nr",  "no",
    "de",  "el",  "la",  "er",  "es",  "is",  "my",  "mi",  "su",  "af",  "of",
    "en",  "et",  "in",  "on",  "at",  "to",  "og",  "ny",  "id"};

// The first run of letters and digits of a passport number, and what it may begin.
struct FirstRun {
  std::size_t len = 0;
  std::size_t digits = 0;
  bool series = false;        // one to three capitals: "AAA 123456"
  bool lower_series = false;  // two or three letters in lower case: "paa 123456"
  bool digits_first = false;  // up to five digits: "177 353 486"
  bool mixed_first = false;   // the series and the first digits together: "E1234 5678"
};

// Reads the first run, from i to `first`: its letters that lead ("E" of "E1234") are a series.
FirstRun ReadFirstRun(std::string_view v, std::size_t i, std::size_t first) {
  FirstRun f;
  f.len = first - i;
  f.series = f.len <= 3;
  f.lower_series = f.len >= 2 && f.len <= 3;
  f.digits_first = f.len <= 5;
  std::size_t lead_letters = 0;
  while (lead_letters < f.len && IsUpperAscii(v[i + lead_letters])) ++lead_letters;
  f.mixed_first = lead_letters >= 1 && lead_letters <= 2 && f.len <= 6 && f.len > lead_letters;
  for (std::size_t k = i; k < first; ++k) {
    f.series = f.series && IsUpperAscii(v[k]);
    f.lower_series = f.lower_series && IsLowerAscii(v[k]);
    f.digits_first = f.digits_first && IsDigit(v[k]);
    f.digits += IsDigit(v[k]) ? 1 : 0;
    if (k >= i + lead_letters) f.mixed_first = f.mixed_first && IsDigit(v[k]);
  }
  if (f.lower_series) {
    const std::string_view word = v.substr(i, f.len);
    for (std::string_view w : kNotLowerSeries) f.lower_series = f.lower_series && w != word;
  }
  return f;
}

// The groups of a passport number, the first run included.
struct NumberGroups {
  std::size_t count = 1;
  std::size_t digits = 0;
  std::size_t last = 0;
  std::size_t shortest = SIZE_MAX;  // of the groups after the first
  std::size_t end = 0;
  char sep = 0;  // the first separator; a dotted number keeps its dots
  std::size_t lengths[4] = {0, 0, 0, 0};
};

// Reads the groups of digits after the first run, which ends at `first`, as far as they may
// belong to the number, and appends them to *letters_and_digits.
NumberGroups ReadNumberGroups(std::string_view v, std::size_t first, const FirstRun& f,
                              std::string* letters_and_digits) {
  NumberGroups g;
  g.digits = f.digits;
  g.end = first;
  g.lengths[0] = f.len;
  while (g.end + 1 < v.size() && (v[g.end] == ' ' || v[g.end] == '-' || v[g.end] == '.') &&
         IsDigit(v[g.end + 1])) {
    const std::size_t pos = g.end;
    if (v[pos] == '.' ? !f.digits_first || (g.sep != 0 && g.sep != '.') : g.sep == '.') break;
    const std::size_t group_end = RunEnd(v, pos + 1);
    const std::size_t len = group_end - pos - 1;
    // A check letter may end the last group ("12.345.678N"); other letters make it a code.
    const bool check_letter = group_end < v.size() && IsUpperAscii(v[group_end]) &&
                              (group_end + 1 == v.size() || !IsAlnumAscii(v[group_end + 1]));
    if ((f.digits_first ? len < 2 || len > 5 : len < 3) || (v[pos] == '.' && len != 3) ||
        letters_and_digits->size() + len > 10 ||
        (group_end < v.size() && IsAlphaAscii(v[group_end]) && !check_letter)) {
      break;
    }
    if (g.sep == 0) g.sep = v[pos];
    letters_and_digits->append(v.substr(pos + 1, len));
    g.digits += len;
    g.last = len;
    g.shortest = std::min(g.shortest, len);
    if (g.count < 4) g.lengths[g.count] = len;
    g.end = group_end;
    ++g.count;
  }
  return g;
}

// Whether the groups make a passport number rather than a phone number, a date or a range.
bool IsGroupedPassport(const FirstRun& f, const NumberGroups& g) {
  const bool date = g.count == 3 &&
                    ((g.lengths[0] == 2 && g.lengths[1] == 2 && g.lengths[2] == 4) ||
                     (g.lengths[0] == 4 && g.lengths[1] == 2 && g.lengths[2] == 2));
  if (f.digits_first) {
    // Pairs of digits only after a longer first group: "12 34 56 78" is how phones are typed.
    if (g.sep == '.') return g.count >= 3 && g.digits >= 7 && g.digits <= 9;
    return g.count >= 3
               ? f.len >= 2 && g.digits >= 8 && !date && (g.shortest >= 3 || f.len >= 3)
               : g.count == 2 && f.len >= 3 && (g.last == 5 || g.digits >= 9);
  }
  if (f.lower_series) return g.count == 2 && g.last >= 6 && g.last <= 7;
  return g.count >= 2 && g.digits >= 6;
}

// The passport number starting at i, as one token or read off the page in groups: a series
// and its number ("AAA 123456", "E 1234 5678", "AB-123-4567", "E1234 5678", one to three
// capitals, or a series of two or three letters in lower case before six or seven digits,
// "paa 123456"; then six digits or more in groups of three or more) or digits in groups ("177
// 353 486", "206 12 34 56", "206.123.456", "2045 12345"; three groups or more of eight to ten
// digits, not a date, or two with nine digits or more, not "2019-2024"), ten characters at
// most, with the check letter of Argentine numbers after them ("12345678-N", "12.345.678 N").
// After `glued_ok` (the full stop of "nr."), the number may follow it unspaced ("nr.206123456").
// Returns its end, or i when there is none; *letters_and_digits receives the characters
// without the separators.
std::size_t PassportNumberEnd(std::string_view v, std::size_t i, std::string* letters_and_digits,
                              bool glued_ok = false) {
  const std::size_t first = AlnumEnd(v, i);
  const std::size_t end = first;
  letters_and_digits->assign(v.substr(i, first - i));
  const FirstRun f = ReadFirstRun(v, i, first);
  if (f.series || f.lower_series || f.digits_first || f.mixed_first) {
    NumberGroups g = ReadNumberGroups(v, first, f, letters_and_digits);
    const bool grouped = IsGroupedPassport(f, g);
    if (grouped && f.digits_first && g.digits >= 7 && g.digits <= 8 && g.end < v.size()) {
      // The check letter of an Argentine number: "12.345.678N", "12345678-N", "12.345.678 N".
      std::size_t l = g.end;
      if (v[l] == '-' || v[l] == ' ') ++l;
      if (l < v.size() && IsUpperAscii(v[l]) && (l + 1 == v.size() || !IsAlnumAscii(v[l + 1]))) {
        letters_and_digits->push_back(v[l]);
        g.end = l + 1;
      }
    }
    if (grouped && IsPassportShaped(*letters_and_digits)) return g.end;
    letters_and_digits->assign(v.substr(i, f.len));
  }
  // Digits and their check letter apart: "12345678-N", "12345678 N".
  if (f.len >= 7 && f.len <= 8 && f.digits == f.len && end + 1 < v.size() &&
      (v[end] == '-' || v[end] == ' ') && IsUpperAscii(v[end + 1]) &&
      (end + 2 == v.size() || !IsAlnumAscii(v[end + 2]))) {
    letters_and_digits->push_back(v[end + 1]);
    return end + 2;
  }
  // Part of an address, a path or a longer code: "juan123456@mail.com", "ab12345/2".
  if (end < v.size() &&
      (v[end] == '@' || v[end] == '_' || v[end] == '/' ||
       ((v[end] == '.' || v[end] == '-') && end + 1 < v.size() && IsAlnumAscii(v[end + 1])))) {
    return i;
  }
  if (i > 0 && (v[i - 1] == '@' || v[i - 1] == '_' || v[i - 1] == '/' ||
                (v[i - 1] == '.' && !glued_ok && i > 1 && IsAlnumAscii(v[i - 2])))) {
    return i;
  }
  return IsPassportShaped(*letters_and_digits) ? end : i;
}

// Whether the lower-cased word `w` is in `list`.
template <std::size_t N>
bool InList(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view k : list) {
    if (k == w) return true;
  }
  return false;
}

// Words that stand between a passport word and its number: "pas nr. 206123456", "passport
// number: AB1234567", "pasaporte N° AAB123456", "mit pas har nummer", "my passport is",
// "pasaporte argentino", "es el".
constexpr std::string_view kPassportNumberWords[] = {
    "number", "nummer", "numero", "número",   "num",     "núm",   "nro",     "nr",  "no",
    "n",      "nº",     "n°",     "nummeret", "numbers", "numre", "números", "nos", "nrs"};
constexpr std::string_view kPassportFillers[] = {
    "is", "er", "es", "was", "var", "era", "id", "del", "de", "af", "of", "my", "mit", "min", "su",
    "mi", "har", "has", "tiene", "hedder",
    // The issuing country: "pasaporte argentino N° ...".
    "argentino", "argentina", "dansk", "danish", "danés", "chino", "china", "chinese", "kinesisk",
    "british", "us", "uk", "american", "español", "española", "europeo", "eu",
    // Articles: "mi pasaporte es el FA012527".
    "el", "la", "the", "den", "det"};
// Words that say the number further on is of another kind: "passport expired, case no. ...".
constexpr std::string_view kOtherNumberWords[] = {
    "tlf",   "tel",     "telefon", "telephone",  "phone",   "mobil",     "mobile",
    "cel",   "celular", "cpr",     "dni",        "nie",     "nif",       "cuit",
    "cuil",  "sag",     "sagsnr",  "case",       "ref",     "reference", "order",
    "ordre", "invoice", "faktura", "expediente", "trámite", "tramite",   "email",
    "mail",  "correo",  "konto",   "account",    "cuenta",  "iban",      "cbu"};

struct HanFiller {
  std::string_view text;
  bool number_word;
};
constexpr HanFiller kHanFillers[] = {
    {"\xE5\x8F\xB7\xE7\xA0\x81", true},  // 号码
    {"\xE7\xBC\x96\xE5\x8F\xB7", true},  // 编号
    {"\xE8\x99\x9F\xE7\xA2\xBC", true},  // 號碼
    {"\xE5\x8F\xB7", true},              // 号
    {"\xE8\x99\x9F", true},              // 號
    {"\xE6\x98\xAF", false},             // 是
    {"\xE4\xB8\xBA", false},             // 为
    {"\xE7\x9A\x84", false},             // 的
    {"\xE6\x88\x91", false},             // 我
};

// Whether a Chinese measure word or unit follows a number at i: "签发护照123456本" counts
// passports, "护照费120元" prices them.
bool CountWordAt(std::string_view v, std::size_t i) {
  if (i >= v.size() || static_cast<unsigned char>(v[i]) < 0x80) return false;
  std::size_t len;
  const int32_t cp = DecodeAt(v, i, &len);
  // 本 份 张 張 个 個 人 次 元 件 页 天 年 月 日 名 位 万 萬 千 百 岁
  static constexpr int32_t kCounts[] = {
      0x672C, 0x4EFD, 0x5F20, 0x5F35, 0x4E2A, 0x500B, 0x4EBA, 0x6B21, 0x5143, 0x4EF6, 0x9875,
      0x5929, 0x5E74, 0x6708, 0x65E5, 0x540D, 0x4F4D, 0x4E07, 0x842C, 0x5343, 0x767E, 0x5C81};
  return std::find(std::begin(kCounts), std::end(kCounts), cp) != std::end(kCounts);
}

// How far PassportNumberAfter looks past words that are neither fillers nor number words:
// any number after a few, only one after a number word further on.
constexpr std::size_t kMaxOtherWords = 6;
constexpr std::size_t kMaxWordsToNumberWord = 16;

// What PassportNumberAfter has read since the passport word.
struct PassportReading {
  PassportCue cue = PassportCue::kNone;
  std::size_t other_words = 0;
  bool number_word = false;
  bool number_word_last = false;  // since the last other word
  bool after_filler = false;
  bool in_han_word = false;
  std::string token;  // the letters and digits of the number last read
  std::string lower;  // the word last read, in lower case
};

// Reads the Han character of `len` bytes at i: a filler or number word ("是", "号码"), or one
// of another word. The position after it, or npos when no number can follow.
std::size_t ReadHanAfterPassport(std::string_view v, std::size_t i, std::size_t len,
                                 PassportReading& r) {
  std::size_t han = 0;
  for (const HanFiller& f : kHanFillers) {
    if (f.text.size() > han && v.substr(i, f.text.size()) == f.text) {
      han = f.text.size();
      r.number_word = r.number_word || f.number_word;
      r.number_word_last = r.number_word_last || f.number_word;
    }
  }
  if (han == 0) {
    if (r.cue != PassportCue::kWord) return std::string_view::npos;
    // A run of other Han characters counts as one word ("复印件", "丢了").
    if (!r.in_han_word && ++r.other_words > kMaxWordsToNumberWord) {
      return std::string_view::npos;
    }
    if (!r.in_han_word) r.number_word_last = false;
    r.in_han_word = true;
    r.after_filler = false;
    return i + len;
  }
  r.in_han_word = false;
  r.after_filler = true;
  return i + han;
}

// Whether the number read at i, ending at `number_end` (none when i), is the passport's.
bool IsNumberAfterPassport(std::string_view v, std::size_t i, std::size_t number_end,
                           const PassportReading& r) {
  // A few words on, a number with a digit, and all digits only as long as passports
  // number them: "Passports issued in 2019: 1234567" is a count.
  const bool all_digits = r.token.find_first_not_of("0123456789") == std::string::npos;
  return number_end != i && (r.number_word || r.cue != PassportCue::kAbbreviation) &&
         (r.other_words <= kMaxOtherWords || r.number_word_last) &&
         (r.other_words == 0 || r.number_word ||
          (r.token.find_first_of("0123456789") != std::string::npos &&
           (!all_digits || r.token.size() >= 8))) &&
         !(all_digits && (AmountAround(v, i, number_end) || CountWordAt(v, number_end)));
}

// What a word after the passport word does.
enum class PassportStep {
  kGoOn,   // the number may follow it
  kFound,  // it is the number
  kNone,   // no number follows
};

// Reads the word of letters and digits at i, and moves i past it when the number may follow.
PassportStep ReadWordAfterPassport(std::string_view v, std::size_t& i, PassportReading& r,
                                   std::size_t* begin, std::size_t* end) {
  const std::size_t word_end = LatinWordEnd(v, i);
  const std::size_t number_end = PassportNumberEnd(v, i, &r.token, r.after_filler);
  r.lower.clear();
  for (std::size_t k = i; k < word_end; ++k) r.lower.push_back(LowerAscii(v[k]));
  // "nº" and "n°" as one word.
  if (r.lower == "n" &&
      (v.substr(word_end, 2) == "\xC2\xBA" || v.substr(word_end, 2) == "\xC2\xB0")) {
    r.number_word = true;
    r.number_word_last = true;
    r.after_filler = true;
    i = word_end + 2;
    return PassportStep::kGoOn;
  }
  if (InList(r.lower, kPassportNumberWords)) {
    r.number_word = true;
    r.number_word_last = true;
    r.after_filler = true;
    i = word_end;
    return PassportStep::kGoOn;
  }
  if (IsNumberAfterPassport(v, i, number_end, r)) {
    *begin = i;
    *end = number_end;
    return PassportStep::kFound;
  }
  if (InList(r.lower, kPassportFillers)) {
    r.after_filler = true;
    i = word_end;
    return PassportStep::kGoOn;
  }
  if (r.cue != PassportCue::kWord || InList(r.lower, kOtherNumberWords) ||
      ++r.other_words > kMaxWordsToNumberWord) {
    return PassportStep::kNone;
  }
  r.number_word_last = false;
  r.after_filler = false;
  i = word_end == i ? AlnumEnd(v, i) : word_end;
  return PassportStep::kGoOn;
}

// The passport number a passport word ending at i announces: [*begin, *end) and true, or false.
// A short word ("pas", "pp") takes it only across punctuation and filler words ("pas-nr.:",
// "pp no"); a full one ("passport", "pasaporte", 护照) also across a few other words of the same
// sentence ("Pasaporte del menor: nº ...", "附护照复印件，号码..."), then the first token that
// has a digit; further on in a long sentence, only right after a number word ("Passport issued
// in Copenhagen on 3 May 2019, number ..."). Quotes and brackets of any kind may stand round the
// number.
bool PassportNumberAfter(std::string_view v, std::size_t i, PassportCue cue, std::size_t* begin,
                         std::size_t* end) {
  const std::size_t limit = i + (cue == PassportCue::kWord ? 112 : 24);
  PassportReading r;
  r.cue = cue;
  // A '.' after "nr", "no" shortens it, it does not end a sentence; so does that of "pasnr.".
  r.after_filler = i > 0 && v[i - 1] == '.';
  while (i < v.size() && i < limit) {
    const char c = v[i];
    const auto b = static_cast<unsigned char>(c);
    if (IsAlnumAscii(c) || b >= 0x80) {
      std::size_t len;
      const int32_t cp = DecodeAt(v, i, &len);
      if (b >= 0x80 && IsCjk(cp)) {
        i = ReadHanAfterPassport(v, i, len, r);
        if (i == std::string_view::npos) return false;
        continue;
      }
      r.in_han_word = false;
      if (b >= 0x80 && !IsLetter(cp)) {
        // Sentence ends; other signs (quotes, brackets, 「」, «», °) stand round the number.
        for (std::string_view stop : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                                      "\xEF\xBC\x9B", "\xE2\x80\xA6"}) {  // 。！？；…
          if (v.substr(i, stop.size()) == stop) return false;
        }
        i += len;
        continue;
      }
      const PassportStep step = ReadWordAfterPassport(v, i, r, begin, end);
      if (step != PassportStep::kGoOn) return step == PassportStep::kFound;
      continue;
    }
    r.in_han_word = false;
    // A sentence ends at '.', '!', '?', ';' or a line break, but not at the '.' of "nr.".
    if (c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r') return false;
    if (c == '.' && !r.after_filler && (i + 1 == v.size() || v[i + 1] == ' ')) return false;
    r.number_word = r.number_word || c == '#';
    r.number_word_last = r.number_word_last || c == '#';
    ++i;
  }
  return false;
}

// The start of the word of ASCII letters and digits or letters of spaced scripts ("número")
// that ends at j.
std::size_t LatinWordStart(std::string_view v, std::size_t j) {
  while (j > 0) {
    if (IsAlnumAscii(v[j - 1])) {
      --j;
      continue;
    }
    std::size_t start;
    const int32_t cp = CodePointBefore(v, j, &start);
    if (cp < 0x80 || !IsLetter(cp) || IsCjk(cp)) break;
    j = start;
  }
  return j;
}

// The passport number a passport word at `cue` follows, across small words of which one says
// "is": "AAB123456 es mi pasaporte", "206123456 er mit pasnummer", "E12345678是我的护照号".
bool PassportNumberBefore(std::string_view v, std::size_t cue, std::size_t* begin,
                          std::size_t* end) {
  static constexpr std::string_view kIs[] = {"is", "es", "er", "was", "var", "era", "are"};
  static constexpr std::string_view kSmall[] = {
      "my",     "mi",  "mit", "min", "his",    "her",    "su",       "sit",    "the",
      "el",     "det", "de",  "del", "number", "nummer", "nummeret", "numret", "número",
      "numero", "på",  "i",   "of",  "on",     "in",     "its",      "dit"};
  // The word in brackets of its own after the number: "206123456 (pas)", "E12345678（护照）".
  {
    std::size_t b = cue;
    while (b > 0 && v[b - 1] == ' ') --b;
    std::size_t open = 0;
    if (b > 0 && v[b - 1] == '(') {
      open = 1;
    } else if (b >= 3 && v.substr(b - 3, 3) == "\xEF\xBC\x88") {  // （
      open = 3;
    }
    if (open != 0) {
      std::size_t e = b - open;
      while (e > 0 && v[e - 1] == ' ') --e;
      std::string token;
      if (e > 0 && IsAlnumAscii(v[e - 1])) {
        const std::size_t w = LatinWordStart(v, e);
        if (w < e && PassportNumberEnd(v, w, &token) == e) {
          *begin = w;
          *end = e;
          return true;
        }
      }
    }
  }
  std::size_t j = cue;
  bool is = false;
  int words = 0;
  std::string lower;
  std::string token;
  while (j > 0 && cue - j < 40) {
    std::size_t start;
    const int32_t cp = CodePointBefore(v, j, &start);
    if (cp == 0x662F) {  // 是
      is = true;
      j = start;
      continue;
    }
    if (cp == 0x6211 || cp == 0x7684) {  // 我, 的
      j = start;
      continue;
    }
    if (cp < 0 || IsCjk(cp) || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == '\n' ||
        cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {  // 。！？
      return false;
    }
    if (!IsLetter(cp) && !IsDigit(static_cast<char>(cp))) {  // spaces, quotes, brackets
      j = start;
      continue;
    }
    const std::size_t w = LatinWordStart(v, j);
    lower.clear();
    for (std::size_t k = w; k < j; ++k) lower.push_back(LowerAscii(v[k]));
    if (InList(lower, kIs)) {
      is = true;
    } else if (!InList(lower, kSmall)) {
      if (!is || PassportNumberEnd(v, w, &token) != j) return false;
      *begin = w;
      *end = j;
      return true;
    }
    if (++words > 6) return false;
    j = w;
  }
  return false;
}

// Passports are found in order, each after the one before: only the last may overlap, and a
// value with thousands of them stays linear.
void AddPassport(std::size_t begin, std::size_t end, Candidates& taken) {
  if (!taken.empty() && taken.back().finding.end > begin && taken.back().finding.begin < end) {
    return;
  }
  taken.push_back({kPriorityPassport, {IdentifierKind::kPassport, begin, end}});
}

// Whether the short word "pass" at i starts its clause or follows a possessive ("my pass no."),
// and so is not a bus, boarding or season pass.
bool PassStandsAlone(std::string_view v, std::size_t i) {
  std::size_t j = i;
  while (j > 0 && v[j - 1] == ' ') --j;
  if (j == 0) return true;
  const char c = v[j - 1];
  if (!IsAlphaAscii(c)) return c != '-' && c != '\'';
  std::size_t w = j;
  while (w > 0 && (IsAlphaAscii(v[w - 1]) || v[w - 1] == '\'')) --w;
  std::string lower;
  for (std::size_t k = w; k < j; ++k) lower.push_back(LowerAscii(v[k]));
  static constexpr std::string_view kOwners[] = {"my",    "his", "her", "your", "our",
                                                 "their", "mit", "min", "sit",  "dit"};
  return InList(lower, kOwners) || lower.ends_with("'s");
}

// Whether the Danish "pas" at [i, end) is the noun, as the words around it say ("mit pas", "et
// nyt pas", "kopi af pas", "pas udstedt i 2019"), and not the verb ("pas på", "pas godt på
// dig selv"): then the number may come a few words on, as after "passport".
bool PasIsNoun(std::string_view v, std::size_t i, std::size_t end) {
  static constexpr std::string_view kBefore[] = {
      "mit",     "dit",       "sit",     "hans",    "hendes",  "vores",    "jeres",
      "deres",   "et",        "eget",    "nyt",     "nye",     "gamle",    "gammelt",
      "dansk",   "danske",    "gyldigt", "gyldige", "udløbet", "udløbne",  "mistet",
      "mistede", "stjålne",   "stjålet", "forny",   "fornyet", "af",       "om",
      "sønnens", "datterens", "barnets", "mandens", "konens",  "nuværende"};
  static constexpr std::string_view kAfter[] = {"udstedt", "udløber", "udløb",  "udløbet",
                                                "fornyet", "gyldigt", "gælder", "blev",
                                                "har",     "er",      "var",    "med"};
  std::string lower;
  std::size_t j = i;
  while (j > 0 && v[j - 1] == ' ') --j;
  if (j > 0 && v[j - 1] == '(' && end < v.size() && v[end] == ')') return true;  // "(pas)"
  if (j > 0) {
    const std::size_t w = LatinWordStart(v, j);
    for (std::size_t k = w; k < j; ++k) lower.push_back(LowerAscii(v[k]));
    // "min søns pas", "Peters pas": a genitive.
    if (InList(lower, kBefore) ||
        (lower.size() > 2 && lower.back() == 's' && w < j && IsUpperAscii(v[w]))) {
      return true;
    }
  }
  std::size_t k = end;
  while (k < v.size() && v[k] == ' ') ++k;
  const std::size_t e = LatinWordEnd(v, k);
  lower.clear();
  for (std::size_t m = k; m < e; ++m) lower.push_back(LowerAscii(v[m]));
  return InList(lower, kAfter);
}

// The start of what follows a list's joint after `end`: ", ", " and ", " y ", " og ", " / ",
// "、", "和"; or `end` when there is none.
std::size_t SkipListJoint(std::string_view v, std::size_t end) {
  std::size_t p = end;
  while (p < v.size() && v[p] == ' ') ++p;
  if (p < v.size() && (v[p] == ',' || v[p] == '/' || v[p] == '&' || v[p] == ';')) {
    ++p;
  } else if (v.substr(p, 3) == "\xE3\x80\x81" || v.substr(p, 3) == "\xE5\x92\x8C" ||
             v.substr(p, 3) == "\xEF\xBC\x8C") {  // 、 和 ，
    p += 3;
  } else {
    const std::size_t e = LatinWordEnd(v, p);
    std::string lower;
    for (std::size_t k = p; k < e; ++k) lower.push_back(LowerAscii(v[k]));
    static constexpr std::string_view kAnd[] = {"and", "y", "og", "or", "o", "eller", "e"};
    if (!InList(lower, kAnd)) return end;
    p = e;
  }
  while (p < v.size() && v[p] == ' ') ++p;
  return p;
}

// The end of another passport number of the same shape as [begin, end) after a list's joint,
// or 0: letters and digits in the same places, so that "and visa 12345" stays.
std::size_t NextInList(std::string_view v, std::size_t begin, std::size_t end) {
  const std::size_t p = SkipListJoint(v, end);
  if (p == end || p >= v.size() || !IsAlnumAscii(v[p])) return 0;
  std::string token;
  const std::size_t e = PassportNumberEnd(v, p, &token);
  if (e == p || e - p != end - begin) return 0;
  for (std::size_t k = 0; k < e - p; ++k) {
    if (IsDigit(v[p + k]) != IsDigit(v[begin + k]) ||
        IsAlphaAscii(v[p + k]) != IsAlphaAscii(v[begin + k])) {
      return 0;
    }
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// Messenger and social network accounts.

enum class Service { kNone, kQq, kWeChat, kOther };

// The service a word at i names and the end of the word: QQ (also in QQ号), WeChat, 微信, Skype,
// Telegram, Instagram... "ig" and "tg" are short for many things: only with ':' or '@' after.
Service ServiceWordAt(std::string_view v, std::size_t i, std::size_t* end) {
  struct Word {
    std::string_view text;
    Service service;
  };
  static constexpr Word kHan[] = {
      {"\xE5\xBE\xAE\xE4\xBF\xA1", Service::kWeChat},  // 微信
      {"\xE6\x8A\x96\xE9\x9F\xB3", Service::kOther},   // 抖音
      {"\xE5\xBE\xAE\xE5\x8D\x9A", Service::kOther},   // 微博
  };
  for (const Word& w : kHan) {
    if (v.substr(i, w.text.size()) == w.text) {
      *end = i + w.text.size();
      return w.service;
    }
  }
  if (!WordStartsAt(v, i)) return Service::kNone;
  static constexpr Word kLatin[] = {
      {"qq", Service::kQq},          {"wechat", Service::kWeChat},   {"weixin", Service::kWeChat},
      {"wx", Service::kWeChat},      {"vx", Service::kWeChat},       {"skype", Service::kOther},
      {"telegram", Service::kOther}, {"instagram", Service::kOther}, {"insta", Service::kOther},
      {"tiktok", Service::kOther},   {"discord", Service::kOther},   {"snapchat", Service::kOther},
      {"ig", Service::kOther},       {"tg", Service::kOther}};
  for (const Word& w : kLatin) {
    if (i + w.text.size() > v.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < w.text.size() && match; ++k) {
      match = LowerAscii(v[i + k]) == w.text[k];
    }
    // "QQ号" runs into the Han word; Latin words end.
    const std::size_t e = i + w.text.size();
    if (!match || (e < v.size() && IsAlnumAscii(v[e]))) continue;
    if (w.text.size() == 2 && w.service == Service::kOther) {
      std::size_t k = e;
      while (k < v.size() && v[k] == ' ') ++k;
      if (k >= v.size() || (v[k] != ':' && v[k] != '@')) return Service::kNone;
    }
    // "wx" and "vx" are how Chinese write WeChat, and only before a colon or 号.
    if ((w.text == "wx" || w.text == "vx") &&
        !(e < v.size() && (v[e] == ':' || static_cast<unsigned char>(v[e]) >= 0x80))) {
      return Service::kNone;
    }
    *end = e;
    return w.service;
  }
  return Service::kNone;
}

// The account a service word ending at i names: across ":", "ID", "is", "my", 号, 号码, 账号, 是,
// then a QQ number, an @handle or an account name. Returns its end and sets *begin, or 0.
std::size_t AccountAfter(std::string_view v, std::size_t i, Service service, std::size_t* begin) {
  static constexpr std::string_view kFillers[] = {
      "id",     "handle", "username", "user",    "name",  "account",   "is", "my",
      "es",     "er",     "mi",       "min",     "mit",   "no",        "nr", "number",
      "número", "numero", "nummer",   "su",      "el",    "the",       "me", "on",
      "en",     "at",     "cuenta",   "usuario", "konto", "brugernavn"};
  static constexpr std::string_view kHanLinks[] = {
      "\xE5\x8F\xB7\xE7\xA0\x81",  // 号码
      "\xE8\xB4\xA6\xE5\x8F\xB7",  // 账号
      "\xE5\xB8\x90\xE5\x8F\xB7",  // 帐号
      "\xE5\x8F\xB7",              // 号
      "\xE6\x98\xAF",              // 是
      "\xE4\xB8\xBA",              // 为
      "\xEF\xBC\x9A",              // ：
      "\xEF\xBC\x88",              // （
      "\xE6\x88\x91\xE7\x9A\x84",  // 我的
      "\xE7\x9A\x84",              // 的
  };
  const std::size_t limit = std::min(v.size(), i + 40);
  bool announced = false;  // a colon, "ID" or 号 says a name follows
  std::string lower;
  for (int steps = 0; steps < 8 && i < limit; ++steps) {
    const char c = v[i];
    if (c == ' ' || c == ':' || c == '-' || c == '#' || c == '(' || c == '=' || c == '/') {
      announced = announced || c == ':' || c == '#' || c == '=';
      ++i;
      --steps;
      continue;
    }
    bool han = false;
    for (std::string_view f : kHanLinks) {
      if (v.substr(i, f.size()) == f) {
        i += f.size();
        announced = true;
        han = true;
        break;
      }
    }
    if (han) continue;
    if (!IsAlnumAscii(c) && c != '@') return 0;
    // The token: @handle, or letters, digits, _ . - as account names take.
    std::size_t e = i + (c == '@' ? 1 : 0);
    while (e < v.size() && (IsAlnumAscii(v[e]) || v[e] == '_' || v[e] == '.' || v[e] == '-' ||
                            (v[e] == ':' && e + 1 < v.size() && IsAlnumAscii(v[e + 1])))) {
      ++e;
    }
    while (e > i && (v[e - 1] == '.' || v[e - 1] == '-')) --e;  // a full stop ends the sentence
    const std::string_view token = v.substr(i, e - i);
    lower.clear();
    for (char t : token) lower.push_back(LowerAscii(t));
    if (InList(lower, kFillers)) {
      announced = announced || lower == "id" || lower == "handle" || lower == "username";
      i = e;
      continue;
    }
    // An e-mail address is the e-mail detector's.
    if (e < v.size() && v[e] == '@') return 0;
    std::size_t digits = 0;
    bool marks = false;
    for (char t : token) {
      digits += IsDigit(t) ? 1 : 0;
      marks = marks || t == '_' || t == '.' || t == ':';
    }
    if (service == Service::kQq) {
      if (digits != token.size() || digits < 5 || digits > 11 || token[0] == '0') return 0;
    } else if (c == '@') {
      if (token.size() < 3) return 0;
    } else {
      // A WeChat ID of digits is a phone number; a plain word needs the colon or "ID" first.
      if (digits == token.size() || token.size() < 4 || token.size() > 32 ||
          !IsAlphaAscii(token[0]) || !(digits > 0 || marks || announced)) {
        return 0;
      }
    }
    *begin = i;
    return e;
  }
  return 0;
}

}  // namespace

void FindMessengerAccounts(std::string_view v, Candidates& out) {
  // Cheap first look: q, w, v, s, t, i, d (either case), 微 (E5 BE), 抖 (E6 8A).
  static constexpr std::array<bool, 256> kFirstBytes = [] {
    std::array<bool, 256> set{};
    for (char c : std::string_view("qwvstidQWVSTID\xE5\xE6")) {
      set[static_cast<unsigned char>(c)] = true;
    }
    return set;
  }();
  for (std::size_t i = 0; i + 2 < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (!kFirstBytes[b]) continue;
    if (b >= 0x80) {
      const auto next = static_cast<unsigned char>(v[i + 1]);
      if (!(b == 0xE5 && next == 0xBE) && !(b == 0xE6 && next == 0x8A)) continue;
    } else {
      if (i > 0 && IsAlnumAscii(v[i - 1])) continue;  // inside a word
      // The first two letters of a service's name: qq, we(chat/ixin), wx, vx, sk(ype),
      // sn(apchat), te(legram), tg, ti(ktok), in(stagram), ig, di(scord).
      const char a = LowerAscii(v[i]);
      const char c = LowerAscii(v[i + 1]);
      const bool pair = (a == 'q' && c == 'q') || (a == 'w' && (c == 'e' || c == 'x')) ||
                        (a == 'v' && c == 'x') || (a == 's' && (c == 'k' || c == 'n')) ||
                        (a == 't' && (c == 'e' || c == 'g' || c == 'i')) ||
                        (a == 'i' && (c == 'n' || c == 'g')) || (a == 'd' && c == 'i');
      if (!pair) continue;
      // Most words that start so are ordinary ("in", "we", "time", "did"): one more letter
      // tells, before the list of services is read. A two-letter name (qq, wx, vx, ig, tg)
      // is a whole word.
      const char third = i + 2 < v.size() ? LowerAscii(v[i + 2]) : ' ';
      const bool whole = !IsAlnumAscii(third);
      const bool may = (a == 'q' || c == 'x' || c == 'g') ? whole
                       : a == 'i'                         ? third == 's'
                       : a == 'w'                         ? third == 'c' || third == 'i'
                       : a == 't'                         ? third == (c == 'e' ? 'l' : 'k')
                       : a == 'd'                         ? third == 's'
                       : a == 's'                         ? third == (c == 'k' ? 'y' : 'a')
                                                          : true;
      if (!may) continue;
    }
    std::size_t word_end;
    const Service service = ServiceWordAt(v, i, &word_end);
    if (service == Service::kNone) continue;
    std::size_t begin;
    const std::size_t end = AccountAfter(v, word_end, service, &begin);
    if (end != 0) {
      out.push_back({kPriorityAccount, {IdentifierKind::kAccount, begin, end}});
      i = end - 1;
    } else {
      i = word_end - 1;
    }
  }
}

void FindIpAddresses(std::string_view v, Candidates& out) {
  std::size_t resume = 0;  // findings must not overlap
  // Every address has a dot or a colon within five bytes of its start: look only around those.
  for (std::size_t sep = 0; sep < v.size(); ++sep) {
    if (v[sep] != '.' && v[sep] != ':') continue;
    std::size_t i = sep;
    while (i > resume && sep - i < 4 && IsHexDigit(v[i - 1])) --i;
    if (i == sep && !(v[sep] == ':' && sep + 1 < v.size() && v[sep + 1] == ':')) continue;
    const char c = v[i];
    const char prev = i > 0 ? v[i - 1] : ' ';
    if (IsAlnumAscii(prev) || prev == '.' || prev == '%' ||
        (prev == ':' && i >= 2 && (v[i - 2] == ':' || HexGroupEndsAt(v, i - 1)))) {
      continue;
    }
    std::size_t end = i;
    if (v[sep] == ':') end = Ipv6End(v, i);
    if (end == i && v[sep] == '.' && IsDigit(c) && RunEnd(v, i) == sep) {
      bool two_digit_parts;
      const std::size_t quad = DottedQuadEnd(v, i, &two_digit_parts);
      // Not a fifth part ("1.2.3.4.5"), not the first four numbers of something longer.
      if (quad != i && !DigitAt(v, quad) && !(quad < v.size() && IsAlphaAscii(v[quad])) &&
          !(quad + 1 < v.size() && v[quad] == '.' && IsDigit(v[quad + 1])) &&
          !NumberingWordBefore(v, i) && !AmountAround(v, i, quad) &&
          (!two_digit_parts || !PhoneKeywordBefore(v, i))) {
        end = quad;
      }
    }
    if (end != i) {
      out.push_back({kPriorityIp, {IdentifierKind::kIpAddress, i, end}});
      resume = end;
      sep = end - 1;
    }
  }
}

void FindPassports(std::string_view v, const ColumnContext& context, Candidates& taken) {
  if (context.passport) {
    std::string token;
    for (std::size_t i = 0; i < v.size();) {
      if (IsAlnumAscii(v[i]) && (i == 0 || !IsAlnumAscii(v[i - 1]))) {
        const std::size_t end = PassportNumberEnd(v, i, &token);
        if (end != i) AddPassport(i, end, taken);
        i = end != i ? end : AlnumEnd(v, i);
      } else {
        ++i;
      }
    }
    return;
  }
  // Cheap first look: "pas...", "pp...", "rei..." (reisepass), "rej..." (rejsepas), "tr..."
  // (travel document), 护 (E6 8A A4), 護 (E8 AD B7).
  static constexpr std::array<bool, 256> kFirstBytes = [] {
    std::array<bool, 256> set{};
    for (char c : std::string_view("pPrRtT\xE6\xE8")) set[static_cast<unsigned char>(c)] = true;
    return set;
  }();
  std::size_t resume = 0;  // a number taken before a later passport word is not taken again
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (!kFirstBytes[static_cast<unsigned char>(v[i])]) continue;
    const char next = v[i + 1];
    switch (static_cast<unsigned char>(v[i])) {
      case 'p':
      case 'P':
        if (next != 'a' && next != 'A' && next != 'p' && next != 'P') continue;
        break;
      case 'r':
      case 'R':
        if (next != 'e' && next != 'E') continue;
        break;
      case 't':
      case 'T':
        if ((next != 'r' && next != 'R') || LowerAscii(v[i + 2 < v.size() ? i + 2 : i]) != 'a') {
          continue;
        }
        break;
      case 0xE6:
        if (next != '\x8A') continue;
        break;
      case 0xE8:
        if (next != '\xAD') continue;
        break;
      default:
        continue;
    }
    std::size_t word_end;
    PassportCue cue = PassportWordAt(v, i, &word_end);
    if (cue == PassportCue::kNone) continue;
    if (cue == PassportCue::kShort && PasIsNoun(v, i, word_end)) cue = PassportCue::kWord;
    if (cue == PassportCue::kAbbreviation && LowerAscii(v[i + 1]) == 'a' &&
        !PassStandsAlone(v, i)) {
      continue;
    }
    std::size_t begin;
    std::size_t end;
    if (PassportNumberAfter(v, word_end, cue, &begin, &end) ||
        (cue == PassportCue::kWord && PassportNumberBefore(v, i, &begin, &end) &&
         begin >= resume)) {
      AddPassport(begin, end, taken);
      resume = end;
      // A list of them: "passports: 987654321, 123456789", "pas nr. 206123456 og 206654321".
      for (std::size_t more; (more = NextInList(v, begin, end)) != 0; end = more) {
        begin = SkipListJoint(v, end);
        AddPassport(begin, more, taken);
        resume = more;
        word_end = std::max(word_end, more);
      }
    }
    i = word_end - 1;
  }
}

}  // namespace citynet::privacy::internal
