#include "protocol/vocabulary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace citynet::protocol {
namespace {

// ---------------------------------------------------------------------------------------------
// Tables. Each is sorted (checked at compile time) and searched with binary search.

// ISO 639-1 two-letter language codes: all 184 codes of the ISO 639-2 registration authority's
// list (Library of Congress), as shipped in Debian's iso-codes (iso_639-2.json, alpha_2), which
// still includes "bh" (Bihari languages).
constexpr std::string_view kIso639_1[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

// ISO 3166-1 alpha-2 country codes: the 249 officially assigned codes of the ISO 3166
// Maintenance Agency, as shipped in Debian's iso-codes (iso_3166-1.json).
constexpr std::string_view kIso3166_1[] = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

// SPDX licence identifiers that we accept for content and data, from the SPDX License List
// (https://spdx.org/licenses/; every entry checked against the list as of 2026): the Creative
// Commons licences and their ports, the Open Data Commons licences, the Community Data License
// Agreements, national open-data licences (UK, Canada, Taiwan, Germany, France, Norway), the GNU
// Free Documentation License, and MIT, Apache-2.0 and the Unlicense. Sorted by byte value, so
// upper case sorts before lower case.
constexpr std::string_view kLicences[] = {
    "Apache-2.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-2.5-AU",
    "CC-BY-3.0",
    "CC-BY-3.0-AT",
    "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",
    "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL",
    "CC-BY-3.0-US",
    "CC-BY-4.0",
    "CC-BY-NC-1.0",
    "CC-BY-NC-2.0",
    "CC-BY-NC-2.5",
    "CC-BY-NC-3.0",
    "CC-BY-NC-3.0-DE",
    "CC-BY-NC-3.0-IGO",
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-1.0",
    "CC-BY-NC-ND-2.0",
    "CC-BY-NC-ND-2.5",
    "CC-BY-NC-ND-3.0",
    "CC-BY-NC-ND-3.0-DE",
    "CC-BY-NC-ND-3.0-IGO",
    "CC-BY-NC-ND-4.0",
    "CC-BY-NC-SA-1.0",
    "CC-BY-NC-SA-2.0",
    "CC-BY-NC-SA-2.0-DE",
    "CC-BY-NC-SA-2.0-FR",
    "CC-BY-NC-SA-2.0-UK",
    "CC-BY-NC-SA-2.5",
    "CC-BY-NC-SA-3.0",
    "CC-BY-NC-SA-3.0-DE",
    "CC-BY-NC-SA-3.0-IGO",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-1.0",
    "CC-BY-ND-2.0",
    "CC-BY-ND-2.5",
    "CC-BY-ND-3.0",
    "CC-BY-ND-3.0-DE",
    "CC-BY-ND-4.0",
    "CC-BY-SA-1.0",
    "CC-BY-SA-2.0",
    "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-2.5",
    "CC-BY-SA-3.0",
    "CC-BY-SA-3.0-AT",
    "CC-BY-SA-3.0-DE",
    "CC-BY-SA-3.0-IGO",
    "CC-BY-SA-4.0",
    "CC-PDDC",
    "CC-PDM-1.0",
    "CC-SA-1.0",
    "CC0-1.0",
    "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "DL-DE-BY-2.0",
    "DL-DE-ZERO-2.0",
    "GFDL-1.2-only",
    "GFDL-1.2-or-later",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "MIT",
    "NLOD-1.0",
    "NLOD-2.0",
    "O-UDA-1.0",
    "ODC-By-1.0",
    "ODbL-1.0",
    "OGDL-Taiwan-1.0",
    "OGL-Canada-2.0",
    "OGL-UK-1.0",
    "OGL-UK-2.0",
    "OGL-UK-3.0",
    "PDDL-1.0",
    "Unlicense",
    "etalab-2.0",
};

// A likely mistake and the value that was probably meant.
struct Alias {
  std::string_view from;
  std::string_view to;
};

// Country codes that are often written where an ISO 639-1 language code is meant, mapped to the
// language of that country. Only unambiguous ones, and none that is itself an ISO 639-1 code (so
// "se" stays Northern Sami and "si" Sinhala). Keys are lower case.
constexpr Alias kLanguageMistakes[] = {
    {"al", "sq"}, {"at", "de"}, {"by", "be"}, {"cn", "zh"}, {"cz", "cs"}, {"dk", "da"},
    {"dn", "da"}, {"gb", "en"}, {"ge", "ka"}, {"gr", "el"}, {"il", "he"}, {"ir", "fa"},
    {"jp", "ja"}, {"kz", "kk"}, {"mx", "es"}, {"rs", "sr"}, {"sp", "es"}, {"tj", "tg"},
    {"ua", "uk"}, {"us", "en"}, {"vn", "vi"},
};

// Names of languages, in English or in the language itself (ASCII only), that are sometimes
// written where a language tag is meant. Keys are lower case.
constexpr Alias kLanguageNames[] = {
    {"arabic", "ar"},  {"chinese", "zh"},   {"czech", "cs"},     {"danish", "da"},
    {"dansk", "da"},   {"deutsch", "de"},   {"dutch", "nl"},     {"english", "en"},
    {"espanol", "es"}, {"estonian", "et"},  {"finnish", "fi"},   {"francais", "fr"},
    {"french", "fr"},  {"german", "de"},    {"greek", "el"},     {"hebrew", "he"},
    {"hindi", "hi"},   {"italian", "it"},   {"japanese", "ja"},  {"korean", "ko"},
    {"norsk", "no"},   {"norwegian", "no"}, {"polish", "pl"},    {"portuguese", "pt"},
    {"russian", "ru"}, {"spanish", "es"},   {"suomi", "fi"},     {"svenska", "sv"},
    {"swedish", "sv"}, {"turkish", "tr"},   {"ukrainian", "uk"},
};

// ISO 3166-1 alpha-3 codes, IOC country codes and the EU's own codes ("EL", "UK") that are often
// written where an ISO 3166-1 alpha-2 code is meant. Keys are upper case.
constexpr Alias kCountryMistakes[] = {
    {"ARG", "AR"}, {"AUS", "AU"}, {"AUT", "AT"}, {"BEL", "BE"}, {"BRA", "BR"}, {"CAN", "CA"},
    {"CHE", "CH"}, {"CHN", "CN"}, {"CZE", "CZ"}, {"DEN", "DK"}, {"DEU", "DE"}, {"DNK", "DK"},
    {"EL", "GR"},  {"ESP", "ES"}, {"EST", "EE"}, {"FIN", "FI"}, {"FRA", "FR"}, {"GBR", "GB"},
    {"GER", "DE"}, {"GRC", "GR"}, {"GRE", "GR"}, {"HUN", "HU"}, {"IND", "IN"}, {"IRL", "IE"},
    {"ISL", "IS"}, {"ITA", "IT"}, {"JPN", "JP"}, {"KOR", "KR"}, {"LAT", "LV"}, {"LTU", "LT"},
    {"LVA", "LV"}, {"MEX", "MX"}, {"NED", "NL"}, {"NLD", "NL"}, {"NOR", "NO"}, {"NZL", "NZ"},
    {"POL", "PL"}, {"POR", "PT"}, {"PRT", "PT"}, {"ROU", "RO"}, {"RSA", "ZA"}, {"RUS", "RU"},
    {"SUI", "CH"}, {"SWE", "SE"}, {"TUR", "TR"}, {"UK", "GB"},  {"UKR", "UA"}, {"USA", "US"},
    {"ZAF", "ZA"},
};

// Licences written without a version, after lower-casing and mapping ' ' and '_' to '-', mapped
// to the current version.
constexpr Alias kLicenceAliases[] = {
    {"cc-by", "CC-BY-4.0"},
    {"cc-by-nc", "CC-BY-NC-4.0"},
    {"cc-by-nc-nd", "CC-BY-NC-ND-4.0"},
    {"cc-by-nc-sa", "CC-BY-NC-SA-4.0"},
    {"cc-by-nd", "CC-BY-ND-4.0"},
    {"cc-by-sa", "CC-BY-SA-4.0"},
    {"cc0", "CC0-1.0"},
    {"odbl", "ODbL-1.0"},
    {"odc-by", "ODC-By-1.0"},
    {"pddl", "PDDL-1.0"},
};

// The targets of each UN Sustainable Development Goal, from the UN global indicator framework
// for the SDGs (A/RES/71/313 and its annual refinements): goal g has the numbered targets
// g.1 to g.last_number and the lettered targets (means of implementation) g.a to g.last_letter,
// or none when last_letter is '\0'.
struct SdgGoalTargets {
  int last_number;
  char last_letter;
};

constexpr SdgGoalTargets kSdgTargets[] = {
    {5, 'b'},    // 1 No poverty.
    {5, 'c'},    // 2 Zero hunger.
    {9, 'd'},    // 3 Good health and well-being.
    {7, 'c'},    // 4 Quality education.
    {6, 'c'},    // 5 Gender equality.
    {6, 'b'},    // 6 Clean water and sanitation.
    {3, 'b'},    // 7 Affordable and clean energy.
    {10, 'b'},   // 8 Decent work and economic growth.
    {5, 'c'},    // 9 Industry, innovation and infrastructure.
    {7, 'c'},    // 10 Reduced inequalities.
    {7, 'c'},    // 11 Sustainable cities and communities.
    {8, 'c'},    // 12 Responsible consumption and production.
    {3, 'b'},    // 13 Climate action.
    {7, 'c'},    // 14 Life below water.
    {9, 'c'},    // 15 Life on land.
    {10, 'b'},   // 16 Peace, justice and strong institutions.
    {19, '\0'},  // 17 Partnerships for the goals.
};

constexpr int kSdgGoalCount = static_cast<int>(std::size(kSdgTargets));

constexpr int CountSdgTargets() {
  int count = 0;
  for (const SdgGoalTargets& goal : kSdgTargets) {
    count += goal.last_number + (goal.last_letter == '\0' ? 0 : goal.last_letter - 'a' + 1);
  }
  return count;
}

// Latin-1 Supplement letters U+00C0 to U+00FF written without accents, for slug suggestions;
// empty for the multiplication and division signs.
constexpr std::string_view kLatin1Letters[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

template <typename T, std::size_t N, typename Key>
constexpr bool StrictlySorted(const T (&table)[N], Key key) {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(key(table[i - 1]) < key(table[i]))) return false;
  }
  return true;
}

constexpr std::string_view Self(std::string_view value) { return value; }
constexpr std::string_view From(const Alias& alias) { return alias.from; }

static_assert(std::size(kIso639_1) == 184);
static_assert(std::size(kIso3166_1) == 249);
static_assert(std::size(kLatin1Letters) == 64);
static_assert(kSdgGoalCount == 17);
static_assert(CountSdgTargets() == 169);
static_assert(StrictlySorted(kIso639_1, Self));
static_assert(StrictlySorted(kIso3166_1, Self));
static_assert(StrictlySorted(kLicences, Self));
static_assert(StrictlySorted(kLanguageMistakes, From));
static_assert(StrictlySorted(kLanguageNames, From));
static_assert(StrictlySorted(kCountryMistakes, From));
static_assert(StrictlySorted(kLicenceAliases, From));

template <std::size_t N>
bool Contains(const std::string_view (&table)[N], std::string_view key) {
  return std::binary_search(std::begin(table), std::end(table), key);
}

template <std::size_t N>
std::optional<std::string_view> LookUp(const Alias (&table)[N], std::string_view key) {
  const Alias* found =
      std::lower_bound(std::begin(table), std::end(table), key,
                       [](const Alias& alias, std::string_view k) { return alias.from < k; });
  if (found != std::end(table) && found->from == key) return found->to;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// ASCII and UTF-8 helpers. Only ASCII counts as letters and digits, whatever the locale.

constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr char ToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpper(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string AsciiLower(std::string_view value) {
  std::string result(value);
  for (char& c : result) c = ToLower(c);
  return result;
}

std::string AsciiUpper(std::string_view value) {
  std::string result(value);
  for (char& c : result) c = ToUpper(c);
  return result;
}

template <typename Predicate>
bool AllOf(std::string_view value, Predicate predicate) {
  return std::all_of(value.begin(), value.end(), predicate);
}

std::string_view TrimAsciiWhitespace(std::string_view value) {
  while (!value.empty() && IsAsciiSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsAsciiSpace(value.back())) value.remove_suffix(1);
  return value;
}

// Splits `value` at every `separator`, keeping empty parts: "a--b" -> {"a", "", "b"}.
std::vector<std::string_view> Split(std::string_view value, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = value.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(value.substr(start));
      return parts;
    }
    parts.push_back(value.substr(start, end - start));
    start = end + 1;
  }
}

// Decodes the UTF-8 sequence that starts at value[pos] (pos < value.size()). Returns its length
// in bytes and sets *code_point, or returns 0 when the bytes there are not a well-formed sequence
// per table 3-7 of the Unicode standard (no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequence).
int DecodeUtf8(std::string_view value, std::size_t pos, char32_t* code_point) {
  const auto byte = [value](std::size_t i) { return static_cast<unsigned char>(value[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  int length = 0;
  char32_t decoded = 0;
  unsigned char low = 0x80;  // The range of the second byte, narrowed for some lead bytes.
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    decoded = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    decoded = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // Overlong.
    if (lead == 0xED) high = 0x9F;  // Surrogates.
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    decoded = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // Overlong.
    if (lead == 0xF4) high = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;
  }
  if (value.size() - pos < static_cast<std::size_t>(length)) return 0;
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if (next < low || next > high) return 0;
    low = 0x80;
    high = 0xBF;
    decoded = (decoded << 6) | (next & 0x3F);
  }
  *code_point = decoded;
  return length;
}

// C0 controls, DEL and C1 controls.
constexpr bool IsControl(char32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// Spaces, including the invisible ones that copying from web pages brings along.
constexpr bool IsSpace(char32_t code_point) {
  return code_point == 0x20 || code_point == 0xA0 || code_point == 0x1680 ||
         (code_point >= 0x2000 && code_point <= 0x200B) || code_point == 0x2028 ||
         code_point == 0x2029 || code_point == 0x202F || code_point == 0x205F ||
         code_point == 0x3000 || code_point == 0xFEFF;
}

// ---------------------------------------------------------------------------------------------
// Language tags.

bool IsExtlang(std::string_view s) { return s.size() == 3 && AllOf(s, IsAsciiAlpha); }
bool IsScript(std::string_view s) { return s.size() == 4 && AllOf(s, IsAsciiAlpha); }

bool IsRegion(std::string_view s) {
  return (s.size() == 2 && AllOf(s, IsAsciiAlpha)) || (s.size() == 3 && AllOf(s, IsAsciiDigit));
}

bool IsVariant(std::string_view s) {
  return (s.size() >= 5 && s.size() <= 8) || (s.size() == 4 && IsAsciiDigit(s[0]));
}

// Returns why `tag` is not a valid language tag, or std::nullopt when it is. The reason follows
// "is not a BCP 47 tag: " in the message.
std::optional<std::string> LanguageTagProblem(std::string_view tag) {
  for (const char c : tag) {
    if (c == '_') return "subtags are separated by '-', not '_'";
    if (!IsAsciiAlnum(c) && c != '-') return "only letters, digits and '-' may be used";
  }
  const std::vector<std::string_view> subtags = Split(tag, '-');
  for (const std::string_view subtag : subtags) {
    if (subtag.empty()) return "it has a '-' at the start or the end, or two in a row";
  }
  const std::string_view language = subtags[0];
  if (language.size() < 2 || language.size() > 8 || !AllOf(language, IsAsciiAlpha)) {
    return "it must start with a language code of 2 or 3 letters, such as 'en'";
  }
  for (const std::string_view subtag : subtags) {
    if (subtag.size() > 8) return fmt::format("subtag '{}' is longer than 8 characters", subtag);
  }

  // The grammar of RFC 5646 section 2.1; every subtag is now 1 to 8 letters or digits.
  const std::size_t count = subtags.size();
  std::size_t i = 1;
  if (language.size() <= 3) {
    for (int extlangs = 0; extlangs < 3 && i < count && IsExtlang(subtags[i]); ++extlangs) ++i;
  }
  if (i < count && IsScript(subtags[i])) ++i;
  std::string_view region;
  if (i < count && IsRegion(subtags[i])) region = subtags[i++];
  std::vector<std::string> variants;
  for (; i < count && IsVariant(subtags[i]); ++i) {
    std::string variant = AsciiLower(subtags[i]);
    if (std::find(variants.begin(), variants.end(), variant) != variants.end()) {
      return fmt::format("variant '{}' appears twice", subtags[i]);
    }
    variants.push_back(std::move(variant));
  }
  std::string singletons;
  while (i < count && subtags[i].size() == 1 && ToLower(subtags[i][0]) != 'x') {
    const std::string_view singleton = subtags[i++];
    if (singletons.find(ToLower(singleton[0])) != std::string::npos) {
      return fmt::format("extension '{}' appears twice", singleton);
    }
    singletons.push_back(ToLower(singleton[0]));
    const std::size_t first = i;
    while (i < count && subtags[i].size() >= 2) ++i;
    if (i == first) {
      return fmt::format("extension '{}' must be followed by subtags of 2 to 8 letters or digits",
                         singleton);
    }
  }
  if (i < count && subtags[i].size() == 1) {  // The private use singleton 'x'.
    const std::string_view singleton = subtags[i++];
    if (i == count) {
      return fmt::format("private use '{}' must be followed by subtags of 1 to 8 letters or digits",
                         singleton);
    }
    i = count;  // Private use takes all the subtags that follow.
  }
  if (i < count) {
    return fmt::format(
        "subtag '{}' is not allowed here: the order is language, script, region, variants, "
        "extensions",
        subtags[i]);
  }

  if (language.size() >= 4 ||
      (language.size() == 2 && !Contains(kIso639_1, AsciiLower(language)))) {
    return fmt::format("'{}' is not an ISO 639 language code", language);
  }
  if (region.size() == 2 && !Contains(kIso3166_1, AsciiUpper(region))) {
    return fmt::format("'{}' is not an ISO 3166 region", region);
  }
  return std::nullopt;
}

// Returns a valid tag that an invalid `tag` was probably meant to be, in canonical case, or
// std::nullopt when there is none: "en_gb" -> "en-GB", "dk" -> "da", "en-UK" -> "en-GB",
// "English" -> "en".
std::optional<std::string> SuggestLanguageTag(std::string_view tag) {
  std::string fixed(TrimAsciiWhitespace(tag));
  for (char& c : fixed) {
    if (c == '_' || c == ' ') c = '-';
  }
  if (const auto code = LookUp(kLanguageNames, AsciiLower(fixed))) return std::string(*code);

  std::vector<std::string> subtags;
  for (const std::string_view subtag : Split(fixed, '-')) subtags.emplace_back(subtag);
  if (const auto code = LookUp(kLanguageMistakes, AsciiLower(subtags[0]))) subtags[0] = *code;
  for (std::size_t i = 1; i < subtags.size() && subtags[i].size() != 1; ++i) {
    if (subtags[i].size() != 2) continue;
    if (const auto region = LookUp(kCountryMistakes, AsciiUpper(subtags[i]))) subtags[i] = *region;
  }
  std::string candidate = subtags[0];
  for (std::size_t i = 1; i < subtags.size(); ++i) candidate += "-" + subtags[i];
  if (LanguageTagProblem(candidate)) return std::nullopt;
  return CanonicalLanguageTag(candidate);
}

// ---------------------------------------------------------------------------------------------
// Slugs.

// Lower-cases `value`, writes accented Latin-1 letters without accents and replaces every run of
// other characters by one '-', with no '-' at either end: "Clean Tech!" -> "clean-tech".
std::string Slugify(std::string_view value) {
  std::string slug;
  bool pending_hyphen = false;
  const auto append = [&slug, &pending_hyphen](std::string_view letters) {
    if (pending_hyphen && !slug.empty()) slug.push_back('-');
    pending_hyphen = false;
    slug.append(letters);
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (IsAsciiAlnum(c)) {
      const char lower = ToLower(c);
      append(std::string_view(&lower, 1));
      continue;
    }
    if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < value.size()) {
      const unsigned char next = static_cast<unsigned char>(value[i + 1]);
      if (next >= 0x80 && next <= 0xBF && !kLatin1Letters[next - 0x80].empty()) {
        append(kLatin1Letters[next - 0x80]);
        ++i;
        continue;
      }
    }
    pending_hyphen = true;
  }
  return slug;
}

// Returns ": try 'suggestion'" when `suggestion` is a valid slug, or else "".
std::string TrySlug(std::string_view what, const std::string& suggestion) {
  if (suggestion.empty() || CheckSlug(what, suggestion)) return "";
  return fmt::format(": try '{}'", suggestion);
}

// ---------------------------------------------------------------------------------------------
// Partial dates.

struct PartialDate {
  int year = 0;
  int month = 0;  // 0 when the date is only a year.
  int day = 0;    // 0 when the date is only a year or a month.
};

enum class DateProblem { kNone, kForm, kYear, kNotReal };

constexpr bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int DaysInMonth(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int ParseDigits(std::string_view digits) {
  int number = 0;
  for (const char c : digits) number = number * 10 + (c - '0');
  return number;
}

DateProblem ParsePartialDate(std::string_view value, PartialDate* date) {
  if (value.size() != 4 && value.size() != 7 && value.size() != 10) return DateProblem::kForm;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const bool ok = (i == 4 || i == 7) ? value[i] == '-' : IsAsciiDigit(value[i]);
    if (!ok) return DateProblem::kForm;
  }
  date->year = ParseDigits(value.substr(0, 4));
  date->month = value.size() >= 7 ? ParseDigits(value.substr(5, 2)) : 0;
  date->day = value.size() == 10 ? ParseDigits(value.substr(8, 2)) : 0;
  if (value.size() >= 7 && (date->month < 1 || date->month > 12)) return DateProblem::kForm;
  if (date->year < 1000) return DateProblem::kYear;
  if (value.size() == 10 && (date->day < 1 || date->day > DaysInMonth(date->year, date->month))) {
    return DateProblem::kNotReal;
  }
  return DateProblem::kNone;
}

// The first and last day of a partial date as YYYYMMDD numbers, which order like the days.
int FirstDay(const PartialDate& date) {
  return date.year * 10000 + (date.month == 0 ? 1 : date.month) * 100 +
         (date.day == 0 ? 1 : date.day);
}

int LastDay(const PartialDate& date) {
  const int month = date.month == 0 ? 12 : date.month;
  return date.year * 10000 + month * 100 +
         (date.day == 0 ? DaysInMonth(date.year, month) : date.day);
}

// ---------------------------------------------------------------------------------------------
// SDG targets and licences.

// Parses "0" to "99" without leading zeros.
bool ParseSmallNumber(std::string_view text, int* number) {
  if (text.empty() || text.size() > 2 || !AllOf(text, IsAsciiDigit)) return false;
  if (text.size() == 2 && text[0] == '0') return false;
  *number = ParseDigits(text);
  return true;
}

constexpr std::string_view kLicenseRefPrefix = "LicenseRef-";

bool IsLicenseRef(std::string_view id) {
  if (!id.starts_with(kLicenseRefPrefix) || id.size() == kLicenseRefPrefix.size()) return false;
  return AllOf(id.substr(kLicenseRefPrefix.size()),
               [](char c) { return IsAsciiAlnum(c) || c == '-' || c == '.'; });
}

// Lower case, surrounding whitespace trimmed, ' ' and '_' mapped to '-'.
std::string NormalizeLicence(std::string_view id) {
  std::string normalized = AsciiLower(TrimAsciiWhitespace(id));
  for (char& c : normalized) {
    if (c == ' ' || c == '_') c = '-';
  }
  return normalized;
}

}  // namespace

std::optional<std::string> CheckLanguageTag(std::string_view tag) {
  if (tag.empty()) {
    return "language '' is empty: use a BCP 47 tag such as 'en', 'da', 'es' or 'zh-Hans'";
  }
  const std::optional<std::string> problem = LanguageTagProblem(tag);
  if (!problem) return std::nullopt;
  if (const std::optional<std::string> suggestion = SuggestLanguageTag(tag)) {
    return fmt::format("language '{}' is not a BCP 47 tag: did you mean '{}'?", tag, *suggestion);
  }
  return fmt::format("language '{}' is not a BCP 47 tag: {}", tag, *problem);
}

std::string CanonicalLanguageTag(std::string_view tag) {
  std::string canonical = AsciiLower(tag);
  std::size_t start = canonical.find('-');
  while (start != std::string::npos) {
    ++start;
    std::size_t end = canonical.find('-', start);
    const std::size_t length = (end == std::string::npos ? canonical.size() : end) - start;
    if (length == 1) break;  // After a singleton everything stays lower case.
    if (length == 2) {
      canonical[start] = ToUpper(canonical[start]);
      canonical[start + 1] = ToUpper(canonical[start + 1]);
    } else if (length == 4) {
      canonical[start] = ToUpper(canonical[start]);
    }
    start = end;
  }
  return canonical;
}

std::string PrimaryLanguage(std::string_view tag) {
  return AsciiLower(tag.substr(0, tag.find('-')));
}

std::optional<std::string> CheckCountryCode(std::string_view code) {
  if (code.empty()) return "country '' is empty: use an ISO 3166-1 alpha-2 code such as 'DK'";
  const std::string upper = AsciiUpper(code);
  if (Contains(kIso3166_1, upper)) {
    if (upper == code) return std::nullopt;
    return fmt::format("country '{}' must be upper case: '{}'", code, upper);
  }
  if (const auto alpha2 = LookUp(kCountryMistakes, upper)) {
    return fmt::format("country '{}' is not an ISO 3166-1 alpha-2 code: did you mean '{}'?", code,
                       *alpha2);
  }
  return fmt::format("country '{}' is not an ISO 3166-1 alpha-2 code", code);
}

std::optional<std::string> CheckSdgGoal(int goal) {
  if (goal >= 1 && goal <= kSdgGoalCount) return std::nullopt;
  return fmt::format("sdg {} is not one of the {} UN goals", goal, kSdgGoalCount);
}

std::optional<std::string> CheckSdgTarget(std::string_view target) {
  const std::string form_message = fmt::format(
      "sdg target '{}' is not of the form GOAL.TARGET, such as '11.2' or '11.b'", target);
  const std::size_t dot = target.find('.');
  if (dot == std::string_view::npos) return form_message;
  const std::string_view goal_text = target.substr(0, dot);
  const std::string_view item = target.substr(dot + 1);
  int goal = 0;
  if (!ParseSmallNumber(goal_text, &goal)) return form_message;
  const bool lettered = item.size() == 1 && IsAsciiAlpha(item[0]);
  int number = 0;
  if (!lettered && !ParseSmallNumber(item, &number)) return form_message;

  if (goal < 1 || goal > kSdgGoalCount) {
    return fmt::format("sdg target '{}' does not exist: there are {} UN goals", target,
                       kSdgGoalCount);
  }
  const SdgGoalTargets& targets = kSdgTargets[goal - 1];
  const char letter = lettered ? ToLower(item[0]) : '\0';
  const bool exists = lettered ? targets.last_letter != '\0' && letter <= targets.last_letter
                               : number >= 1 && number <= targets.last_number;
  if (exists) {
    if (lettered && letter != item[0]) {
      return fmt::format("sdg target '{}' must be lower case: '{}.{}'", target, goal_text, letter);
    }
    return std::nullopt;
  }
  std::string message =
      fmt::format("sdg target '{}' does not exist: goal {} has targets {}.1-{}.{}", target, goal,
                  goal, goal, targets.last_number);
  if (targets.last_letter != '\0') {
    message += fmt::format(" and {}.a-{}.{}", goal, goal, targets.last_letter);
  }
  return message;
}

int SdgTargetGoal(std::string_view target) {
  return ParseDigits(target.substr(0, target.find('.')));
}

std::optional<std::string> CheckSlug(std::string_view what, std::string_view value) {
  if (value.empty()) return fmt::format("{} '' is empty", what);
  if (!AllOf(value, [](char c) { return IsAsciiAlnum(c) || c == '-'; })) {
    return fmt::format("{} '{}' may only use a-z, 0-9 and '-'{}", what, value,
                       TrySlug(what, Slugify(value)));
  }
  if (value.size() > static_cast<std::size_t>(kMaxSlugLength)) {
    return fmt::format("{} '{}' is longer than {} characters", what, value, kMaxSlugLength);
  }
  if (!IsAsciiAlpha(value.front())) {
    return fmt::format("{} '{}' must start with a letter", what, value);
  }
  if (value.back() == '-') {
    return fmt::format("{} '{}' must not end with '-'{}", what, value,
                       TrySlug(what, Slugify(value)));
  }
  if (value.find("--") != std::string_view::npos) {
    return fmt::format("{} '{}' must not contain '--'{}", what, value,
                       TrySlug(what, Slugify(value)));
  }
  if (!AllOf(value, [](char c) { return !IsAsciiUpper(c); })) {
    return fmt::format("{} '{}' must be lower case: '{}'", what, value, AsciiLower(value));
  }
  return std::nullopt;
}

std::optional<std::string> CheckLicence(std::string_view spdx_id) {
  if (spdx_id.empty()) {
    return "licence '' is empty: use an SPDX identifier such as 'CC-BY-4.0', 'CC0-1.0' or "
           "'ODbL-1.0'";
  }
  if (Contains(kLicences, spdx_id) || IsLicenseRef(spdx_id)) return std::nullopt;

  const auto did_you_mean = [spdx_id](std::string_view suggestion) {
    return fmt::format("licence '{}' is not an SPDX identifier: did you mean '{}'?", spdx_id,
                       suggestion);
  };
  const std::string normalized = NormalizeLicence(spdx_id);
  if (normalized.starts_with("licenseref-")) {
    // NormalizeLicence maps characters one to one, so the name starts at the same place.
    std::string name(TrimAsciiWhitespace(spdx_id).substr(kLicenseRefPrefix.size()));
    for (char& c : name) {
      if (c == ' ' || c == '_') c = '-';
    }
    const std::string candidate = std::string(kLicenseRefPrefix) + name;
    if (IsLicenseRef(candidate)) return did_you_mean(candidate);
    return fmt::format(
        "licence '{}' is not an SPDX identifier: 'LicenseRef-' must be followed by a name of "
        "letters, digits, '.' and '-'",
        spdx_id);
  }
  for (const std::string_view licence : kLicences) {
    if (NormalizeLicence(licence) == normalized) return did_you_mean(licence);
  }
  if (const auto licence = LookUp(kLicenceAliases, normalized)) return did_you_mean(*licence);
  return fmt::format(
      "licence '{}' is not an SPDX identifier we accept for content and data: use one such as "
      "'CC-BY-4.0', 'CC0-1.0' or 'ODbL-1.0', or 'LicenseRef-<name>' for your own",
      spdx_id);
}

std::optional<std::string> CheckPartialDate(std::string_view what, std::string_view value) {
  PartialDate date;
  switch (ParsePartialDate(value, &date)) {
    case DateProblem::kNone:
      return std::nullopt;
    case DateProblem::kForm:
      return fmt::format("{} '{}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", what,
                         value);
    case DateProblem::kYear:
      return fmt::format("{} '{}' is before the year 1000", what, value);
    case DateProblem::kNotReal:
      return fmt::format("{} '{}' is not a real date", what, value);
  }
  return std::nullopt;  // Not reached.
}

int ComparePartialDates(std::string_view a, std::string_view b) {
  PartialDate date_a;
  PartialDate date_b;
  ParsePartialDate(a, &date_a);
  ParsePartialDate(b, &date_b);
  const int first_a = FirstDay(date_a);
  const int first_b = FirstDay(date_b);
  if (first_a != first_b) return first_a < first_b ? -1 : 1;
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return 0;
}

bool PeriodInOrder(std::string_view from, std::string_view to) {
  PartialDate from_date;
  PartialDate to_date;
  if (ParsePartialDate(from, &from_date) != DateProblem::kNone ||
      ParsePartialDate(to, &to_date) != DateProblem::kNone) {
    return false;
  }
  return FirstDay(from_date) <= LastDay(to_date);
}

std::optional<std::string> CheckLink(std::string_view url) {
  if (url.empty()) return "link '' is empty";
  if (url.size() > static_cast<std::size_t>(kMaxLinkBytes)) {
    return fmt::format("link '{}' is longer than {} bytes", url, kMaxLinkBytes);
  }
  for (std::size_t i = 0; i < url.size();) {
    char32_t code_point = 0;
    const int length = DecodeUtf8(url, i, &code_point);
    if (length == 0) return fmt::format("link is not valid UTF-8 at byte {}", i);
    if (IsControl(code_point) || IsSpace(code_point)) {
      return fmt::format("link '{}' contains a space or control character", url);
    }
    i += length;
  }

  const std::string scheme = AsciiLower(url.substr(0, 8));
  std::size_t authority_start = 0;
  if (scheme.starts_with("https://")) {
    authority_start = 8;
  } else if (scheme.starts_with("http://")) {
    authority_start = 7;
  } else {
    // "www.example.org/x" was probably meant as "https://www.example.org/x"; "mailto:x@y.org"
    // or "ftp://x.org" were not.
    const std::string_view head = url.substr(0, url.find_first_of("/?#"));
    if (head.find_first_of(":@") == std::string_view::npos) {
      const std::string candidate = fmt::format("https://{}", url);
      if (!CheckLink(candidate)) {
        return fmt::format("link '{}' must start with https:// or http://: did you mean '{}'?", url,
                           candidate);
      }
    }
    return fmt::format("link '{}' must start with https:// or http://", url);
  }

  std::string_view authority = url.substr(authority_start);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // User information.
  }
  // The port follows the first ':' after the host, which may be an IPv6 literal "[...]".
  const std::size_t host_end = authority.starts_with('[') ? authority.find(']') : 0;
  const std::size_t colon =
      host_end == std::string_view::npos ? std::string_view::npos : authority.find(':', host_end);
  std::string_view host = authority.substr(0, colon);
  std::string_view port;
  if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  if (host.empty()) return fmt::format("link '{}' has no host", url);
  // An empty port after ':' is allowed by RFC 3986 and means the default port.
  if (!port.empty() && (port.size() > 5 || !AllOf(port, IsAsciiDigit) || ParseDigits(port) < 1 ||
                        ParseDigits(port) > 65535)) {
    return fmt::format("link '{}' has an invalid port '{}'", url, port);
  }
  std::string_view name = host;
  if (name.ends_with('.')) name.remove_suffix(1);  // A fully qualified "example.org.".
  bool valid_host = !name.empty();
  for (const std::string_view label : Split(name, '.')) {
    if (label.empty()) valid_host = false;
  }
  for (const char c : name) {
    // Letters, digits, '-' and '_' (found in real host names), and UTF-8 for non-ASCII names.
    const bool allowed = IsAsciiAlnum(c) || c == '-' || c == '_' || c == '.' ||
                         static_cast<unsigned char>(c) >= 0x80;
    if (!allowed) valid_host = false;
  }
  if (!valid_host) return fmt::format("link '{}' has an invalid host '{}'", url, host);
  if (name.find('.') == std::string_view::npos && AsciiLower(name) != "localhost") {
    return fmt::format(
        "link '{}' has host '{}', which is not a full domain name such as 'example.org'", url,
        host);
  }
  return std::nullopt;
}

std::optional<std::string> CheckText(std::string_view what, std::string_view value,
                                     bool multiline) {
  for (std::size_t i = 0; i < value.size();) {
    char32_t code_point = 0;
    const int length = DecodeUtf8(value, i, &code_point);
    if (length == 0) return fmt::format("{} is not valid UTF-8 at byte {}", what, i);
    const bool allowed_control = multiline && (code_point == '\n' || code_point == '\t');
    if (IsControl(code_point) && !allowed_control) {
      return fmt::format("{} contains a control character (U+{:04X}) at byte {}", what,
                         static_cast<std::uint32_t>(code_point), i);
    }
    i += length;
  }
  return std::nullopt;
}

bool IsValidUtf8(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    char32_t code_point = 0;
    const int length = DecodeUtf8(text, i, &code_point);
    if (length == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += static_cast<std::size_t>(length);
  }
  return true;
}

}  // namespace citynet::protocol
