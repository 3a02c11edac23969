#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "node/privacy/internal/phones.h"
#include "node/privacy/internal/text_identifiers.h"

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

// A passport number as countries issue them, right after the words that announce one: 6 to 10
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

// The end of the passport word at v[i] ("passport", "pasaporte", "pasnummer", "pas", "护照"),
// else i.
std::size_t PassportWordEnd(std::string_view v, std::size_t i) {
  const bool word_start =
      i == 0 || !(IsAlphaAscii(v[i - 1]) || static_cast<unsigned char>(v[i - 1]) >= 0x80);
  // 护照 and 護照, written without spaces around.
  for (std::string_view han : {"\xE6\x8A\xA4\xE7\x85\xA7", "\xE8\xAD\xB7\xE7\x85\xA7"}) {
    if (v.substr(i, han.size()) == han) return i + han.size();
  }
  if (!word_start) return i;
  // Longest first: "pasnummer" before "pas".
  static constexpr std::string_view kWords[] = {
      "passportnumber", "passport", "pasaporte", "passnummer", "pasnummer", "passnr", "pasnr",
      "passene",        "passets",  "passet",    "passeport",  "reisepass", "pas"};
  for (std::string_view w : kWords) {
    if (i + w.size() > v.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < w.size() && match; ++k) match = LowerAscii(v[i + k]) == w[k];
    if (!match) continue;
    std::size_t end = i + w.size();
    // "passports", "passport's", "pasaportes": the plural and possessive say the same.
    if (w == "passport" || w == "pasaporte") {
      while (end < v.size() && (v[end] == 's' || v[end] == '\'')) ++end;
    }
    if (end < v.size() && IsAlphaAscii(v[end])) return i;  // "passage", "pasta", "passer"
    return end;
  }
  return i;
}

// After the passport word: the punctuation and words that stand between it and the number
// ("pas nr. 206123456", "passport number: AB1234567", "pasaporte N° AAB123456", "护照号码：
// E12345678"). Returns where the number starts, or npos when anything else comes first.
std::size_t SkipToPassportNumber(std::string_view v, std::size_t i) {
  static constexpr std::string_view kFillers[] = {
      "number", "nummer", "numero", "número", "num", "núm", "nro", "nr", "no", "n", "is", "er",
      "es", "was", "var", "id", "del", "de", "my", "mit", "su", "mi", "har", "has", "tiene",
      // The issuing country between the word and the number: "pasaporte argentino N° ...".
      "argentino", "argentina", "dansk", "danish", "danés", "chino", "china", "chinese", "kinesisk",
      "british", "us", "uk", "american", "español", "española", "europeo", "eu",
      // Articles: "mi pasaporte es el FA012527".
      "el", "la", "the", "den", "det"};
  static constexpr std::string_view kHanFillers[] = {
      "\xE5\x8F\xB7\xE7\xA0\x81",  // 号码
      "\xE7\xBC\x96\xE5\x8F\xB7",  // 编号
      "\xE8\x99\x9F\xE7\xA2\xBC",  // 號碼
      "\xE5\x8F\xB7",              // 号
      "\xE8\x99\x9F",              // 號
      "\xE6\x98\xAF",              // 是
      "\xE4\xB8\xBA",              // 为
      "\xE7\x9A\x84",              // 的
      "\xEF\xBC\x9A",              // ：
      "\xEF\xBC\x83",              // ＃
      "\xC2\xB0",                  // °
      "\xC2\xBA",                  // º
      "\xC2\xA0",                  // no-break space
      "\xEF\xBC\x88",              // （
      "\xEF\xBC\x89",              // ）
      "\xE3\x80\x90",              // 【
      "\xE3\x80\x80",              // ideographic space
  };
  const std::size_t limit = i + 40;
  while (i < v.size() && i < limit) {
    const char c = v[i];
    if (IsAlnumAscii(c)) {
      std::size_t end = i;
      while (end < v.size() && IsAlphaAscii(v[end])) ++end;
      // A filler word stands alone: "N°", "nr.", not the "NO" of "NO1234567".
      bool filler = false;
      if (end > i && (end == v.size() || !IsAlnumAscii(v[end]))) {
        for (std::string_view f : kFillers) {
          if (f.size() != end - i) continue;
          bool match = true;
          for (std::size_t k = 0; k < f.size() && match; ++k) match = LowerAscii(v[i + k]) == f[k];
          filler = filler || match;
        }
      }
      if (!filler) return i;
      i = end;
      continue;
    }
    if (c == ' ' || c == '.' || c == ':' || c == '#' || c == '-' || c == '=' || c == '(' ||
        c == ')' || c == ',' || c == '\t' || c == '[') {
      ++i;
      continue;
    }
    std::size_t len = 0;
    for (std::string_view f : kHanFillers) {
      if (f.size() > len && v.substr(i, f.size()) == f) len = f.size();
    }
    if (len == 0) return std::string_view::npos;
    i += len;
  }
  return std::string_view::npos;
}

// The end of the run of ASCII letters and digits at i.
std::size_t AlnumEnd(std::string_view v, std::size_t i) {
  while (i < v.size() && IsAlnumAscii(v[i])) ++i;
  return i;
}

void AddPassport(std::string_view v, std::size_t begin, Candidates& taken) {
  const std::size_t end = AlnumEnd(v, begin);
  if (!IsPassportShaped(v.substr(begin, end - begin)) || Overlaps(taken, begin, end)) return;
  taken.push_back({kPriorityPassport, {IdentifierKind::kPassport, begin, end}});
}

}  // namespace

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
        (prev == ':' && i >= 2 && (IsHexDigit(v[i - 2]) || v[i - 2] == ':'))) {
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
    for (std::size_t i = 0; i < v.size();) {
      if (IsAlnumAscii(v[i]) && (i == 0 || !IsAlnumAscii(v[i - 1]))) {
        AddPassport(v, i, taken);
        i = AlnumEnd(v, i);
      } else {
        ++i;
      }
    }
    return;
  }
  // Cheap first look: "pas...", "rei..." (reisepass), 护 (E6 8A A4), 護 (E8 AD B7).
  constexpr std::array<bool, 256> kFirstBytes = [] {
    std::array<bool, 256> set{};
    for (char c : std::string_view("pPrR\xE6\xE8")) set[static_cast<unsigned char>(c)] = true;
    return set;
  }();
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (!kFirstBytes[static_cast<unsigned char>(v[i])]) continue;
    const char next = v[i + 1];
    switch (static_cast<unsigned char>(v[i])) {
      case 'p':
      case 'P':
        if (next != 'a' && next != 'A') continue;
        break;
      case 'r':
      case 'R':
        if (next != 'e' && next != 'E') continue;
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
    const std::size_t word_end = PassportWordEnd(v, i);
    if (word_end == i) continue;
    const std::size_t number = SkipToPassportNumber(v, word_end);
    if (number != std::string_view::npos) AddPassport(v, number, taken);
    i = word_end - 1;
  }
}

}  // namespace citynet::privacy::internal
