#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "node/privacy/internal/text_identifiers.h"
#include "node/privacy/internal/text_scan.h"

namespace citynet::privacy::internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Vehicle registration plates. Formats that are plates by themselves: Danish (two letters and
// five digits), Argentine (three letters and three digits until 2016, Mercosur two letters,
// three digits, two letters since), Chinese (province character, a letter, five or six
// letters and digits). After the words that announce a plate, any short run of letters and
// digits is one.

// Three-letter codes that stand before three-digit numbers without being plates: currencies
// (ISO 4217 and common others) and standards bodies, units and acronyms of reports.
// clang-format off
constexpr std::string_view kNotPlateLetters3[] = {
    // Currencies that budgets and prices in the nodes' cities are written in.
    "DKK", "EUR", "USD", "ARS", "GBP", "CNY", "RMB", "SEK", "NOK", "ISK", "CHF", "JPY", "BRL",
    "CLP", "UYU", "PYG", "BOB", "PEN", "COP", "MXN", "CAD", "AUD", "NZD", "HKD", "TWD", "KRW",
    "INR", "RUB", "PLN", "CZK", "HUF", "TRY", "ZAR", "BTC", "ETH", "XDR",
    // Standards, laws, units and acronyms that take a number.
    "ISO", "RFC", "DIN", "IEC", "UNE", "NEN", "SFS", "NBR", "JIS", "CEN", "API", "SAE", "EPA",
    "FDA", "ITU", "BSI", "ODS", "SDG", "ART", "LEY", "DEC", "RES", "EXP", "REF", "PAG", "VOL",
    "NRO", "NUM", "KWH", "MWH", "GWH", "TWH", "KMH", "MPH", "NOX", "SOX", "VOC", "GHG", "PPM",
    "YTD", "QTD", "MTD", "PPB", "DPI", "FPS", "MHZ", "GHZ", "KHZ", "RPM", "BPM", "USB", "CPU", "GPU", "RAM", "SSD",
    "HDD", "LED", "LCD", "PDF", "XML", "SDK", "TCP", "UDP", "DNS", "PIN", "IVA", "PBI", "GDP",
    "BNP", "KPI", "ROI", "CAP", "IPC", "CPI", "PMI", "UTC", "GMT", "CET", "MIN", "MAX", "AVG",
    "TOT", "FIG", "TAB", "PCT", "KGS", "LBS", "CVE", "EPS", "PUE", "NDC", "SEC", "ZIP", "AQI",
    "IEA", "WHO", "OMS", "ONU", "BRT", "LRT", "MRT", "AVE", "REV", "VER", "NOM", "TOP", "COP",
    "DTU", "KBH", "CPH", "NYC", "SUV", "DSB", "ATM", "GPS", "BMW", "DAF", "MAN", "KIA", "GLC", "GLE", "GLA", "GLS", "CLA", "CLS",
    "SLK", "AMG", "GTI", "TDI", "TSI", "XDR", "IBM", "CRJ", "ERJ", "HVO", "GTL", "RME", "LNG", "CNG", "LPG", "EZE", "AEP", "PEK", "PVG", "PKX", "LHR", "JFK", "ICE", "EEA",
};

// Makes and models of three letters, which a vehicle's number follows as a plate's would
// ("a BMW 320i", "KIA 200").
constexpr std::string_view kMakes3[] = {"BMW", "KIA", "DAF", "MAN", "GLC", "GLE", "GLA", "GLS",
                                        "CLA", "CLS", "SLK", "AMG", "GTI", "TDI", "TSI", "BYD",
                                        "NIO", "MG", "DS", "VW", "SEAT", "AUDI", "FIAT"};

// Two-letter prefixes of standards and of case and order numbers written with five digits
// ("EN 15804", "UL 60950", "ID 12345", "NR 12345"): without a word announcing a plate, these
// are not Danish plates unless grouped as plates are ("EN 15 804"). Danish plates never take a
// hyphen ("DE-80331" is a postcode).
constexpr std::string_view kNotPlateLetters2[] = {"EN", "UL", "ID", "NR", "NO", "PO", "CP"};

// Typed in lower case, a plate's letters may be a word: "er 12 345 borgere", "pm25 and". Plates
// are written in lower case often enough in comments to be read so, but not when their letters
// are one of these.
constexpr std::string_view kLowerWords2[] = {
    "AT", "ER", "EN", "ET", "AF", "OM", "OG", "IS", "IN", "ON", "OF", "TO", "OR", "AS", "AN", "BE",
    "BY", "DO", "GO", "HE", "IF", "IT", "ME", "MY", "NO", "SO", "UP", "US", "WE", "DE", "EL", "LA",
    "LE", "LO", "MI", "SE", "SI", "SU", "TE", "TU", "UN", "YA", "AL", "CA", "UD", "JO", "NU", "DA",
    "DU", "JA", "AD", "OK", "NR", "KR", "KM", "KG", "CM", "MM", "HA", "PR", "PA", "AM", "PM", "VS",
    "EX", "IE", "EG", "MS", "HR", "FX", "ML", "DL", "CL", "GB", "MB", "KB", "TB", "KW", "MW", "GW",
    "CO", "OH", "HI", "OS", "ES", "YO", "EU", "UK", "FY", "WK", "QR",
};
constexpr std::string_view kLowerWords3[] = {
    "AND", "THE", "FOR", "ARE", "WAS", "NOT", "BUT", "YOU", "ALL", "ANY", "CAN", "HAD", "HAS",
    "HER", "HOW", "MAY", "NEW", "NOW", "OLD", "OUR", "OUT", "SEE", "TWO", "WAY", "WHO", "YES",
    "YET", "PER", "OFF", "OWN", "GET", "GOT", "LET", "PUT", "SAY", "SET", "TOO", "USE", "DAY",
    "HRS", "MPH", "KMH", "KMS", "AGO", "ONE", "TEN", "FEW", "LOT", "BUS", "CAR", "VAN", "DER",
    "DET", "DEN", "MED", "TIL", "FRA", "HAR", "SOM", "VAR", "KAN", "VEL", "NYE", "VED", "MOD",
    "HOS", "DAG", "UGE", "MEN", "LOS", "LAS", "DEL", "CON", "POR", "QUE", "UNA", "UNO", "SON",
    "MUY", "MAS", "SUS", "HAY", "FUE", "ERA", "ESE", "ESA", "TAN", "LES", "NOS", "DOS", "SEA",
    "PAN", "SOL", "MAR", "DAN", "AMP", "ETC", "APP", "GOV", "ORG", "COM", "NET", "WWW",
};
// The US states' postal codes, which stand before ZIP codes like Danish plates' letters.
constexpr std::string_view kUsStates[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR",
};

// Small words that go on a sentence after a plate typed in lower case ("patente ab 123 de
// Córdoba"): not the plate's last letters.
constexpr std::string_view kSentenceWords[] = {
    "DE", "EL", "LA", "LO", "EN", "ES", "Y", "O", "A", "I", "OG", "ER", "IS", "IN", "AT", "ON",
    "TO", "OF", "OR", "AS", "BE", "BY", "IF", "IT", "MY", "NO", "SO", "UP", "US", "WE", "SE",
    "SU", "UN", "AL", "DA", "DU", "JA", "OM", "AF", "ET", "DEL", "LOS", "LAS", "CON", "POR",
    "QUE", "UNA", "THE", "AND", "FOR", "WAS", "MED", "TIL", "FRA", "HAR", "SOM", "VAR", "DEN",
    "DET", "DER", "HAS", "HAD", "ARE", "SIN", "MAS", "HAY", "FUE",
};
// clang-format on

template <std::size_t N>
bool In(std::string_view v, std::size_t i, std::size_t n, const std::string_view (&set)[N]) {
  const std::string_view s = v.substr(i, n);
  for (std::string_view x : set) {
    if (x.size() != n) continue;
    bool same = true;
    for (std::size_t k = 0; k < n && same; ++k)
      same = (IsLowerAscii(s[k]) ? static_cast<char>(s[k] - 32) : s[k]) == x[k];
    if (same) return true;
  }
  return false;
}

bool AllLower(std::string_view v, std::size_t i, std::size_t n) {
  for (std::size_t k = i; k < i + n; ++k) {
    if (!IsLowerAscii(v[k])) return false;
  }
  return true;
}

std::size_t LettersAt(std::string_view v, std::size_t i) {
  std::size_t k = i;
  while (k < v.size() && IsAlphaAscii(v[k])) ++k;
  return k - i;
}
std::size_t AsciiDigitsAt(std::string_view v, std::size_t i) {
  std::size_t k = i;
  while (k < v.size() && IsDigit(v[k])) ++k;
  return k - i;
}
bool AllUpper(std::string_view v, std::size_t i, std::size_t n) {
  for (std::size_t k = i; k < i + n; ++k) {
    if (!IsUpperAscii(v[k])) return false;
  }
  return true;
}

// A plate ends where no letter or digit follows, nor a joiner and more of them (a part number
// "ABC-123-45" is not a plate).
bool PlateEndsAt(std::string_view v, std::size_t i) {
  if (!WordEndsAt(v, i)) return false;
  if (i + 1 < v.size() && (v[i] == '-' || v[i] == '/' || v[i] == '_' || v[i] == '.') &&
      IsAlnumAscii(v[i + 1])) {
    return false;
  }
  return true;
}
bool PlateStartsAt(std::string_view v, std::size_t i) {
  if (!WordStartsAt(v, i)) return false;
  if (i >= 2 && (v[i - 1] == '-' || v[i - 1] == '/' || v[i - 1] == '_' || v[i - 1] == '.') &&
      IsAlnumAscii(v[i - 2])) {
    return false;
  }
  return true;
}

// One optional separator inside a plate: a space or a hyphen.
std::size_t PlateSeparatorAt(std::string_view v, std::size_t i) {
  return i < v.size() && (v[i] == ' ' || v[i] == '-') ? 1 : 0;
}

// Letters that the UK's plates use: none of I and Q. The area code's first letter is not held
// to the DVLA's regions: personalised and dealer plates, and people's typing, use any.
bool UkLetter(char c) {
  const char u = static_cast<char>(IsLowerAscii(c) ? c - 32 : c);
  return IsUpperAscii(u) && u != 'I' && u != 'Q';
}
// Spain's plates since 2000 use consonants only, less Ñ and Q: "1234 BCD", typed "1234 bcd".
bool SpanishLetter(char c) {
  const char u = static_cast<char>(IsLowerAscii(c) ? c - 32 : c);
  return std::string_view("BCDFGHJKLMNPRSTVWXYZ").find(u) != std::string_view::npos;
}

// [begin, end) stands between commas or in parentheses: "Den blå Golf, pr 70 462, kører".
bool Apposition(std::string_view v, std::size_t begin, std::size_t end) {
  const std::size_t b = SkipSpacesBack(v, begin, 2);
  const std::size_t e = SkipSpaces(v, end, 2);
  if (b == 0 || e >= v.size()) return false;
  return (v[b - 1] == ',' && (v[e] == ',' || v[e] == '.')) || (v[b - 1] == '(' && v[e] == ')');
}

// A quote or bracket that opens at i (its length), or that closes before j (its length): plates
// are set off as often with „…“, «…», “…”, '…', […] and <…> as with commas.
std::size_t OpenerAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  const char c = v[i];
  if (c == '(' || c == '[' || c == '<' || c == '{' || c == '"' || c == '\'') return 1;
  // « „ “ ‘ ‹ 「 『 【
  for (std::string_view q : {"\xC2\xAB", "\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x98",
                             "\xE2\x80\xB9", "\xE3\x80\x8C", "\xE3\x80\x8E", "\xE3\x80\x90"}) {
    if (v.substr(i, q.size()) == q) return q.size();
  }
  return 0;
}
std::size_t CloserAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  const char c = v[i];
  if (c == ')' || c == ']' || c == '>' || c == '}' || c == '"' || c == '\'') return 1;
  // » “ ” ’ › 」 』 】
  for (std::string_view q : {"\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
                             "\xE2\x80\xBA", "\xE3\x80\x8D", "\xE3\x80\x8F", "\xE3\x80\x91"}) {
    if (v.substr(i, q.size()) == q) return q.size();
  }
  return 0;
}
bool OpenerBefore(std::string_view v, std::size_t j) {
  for (std::size_t n = 1; n <= 3 && n <= j; ++n) {
    if (OpenerAt(v, j - n) == n) return true;
  }
  return false;
}

// [begin, end) alone in quotes or brackets of its own: „by 51 953“, [vh 51945], (re176js).
bool Enclosed(std::string_view v, std::size_t begin, std::size_t end) {
  return OpenerBefore(v, SkipSpacesBack(v, begin, 1)) && CloserAt(v, SkipSpaces(v, end, 1)) != 0;
}

// The end of a plate that starts with digits: Spain's "1234 BCD", "1234-BCD", "1234BCD", or 0.
// In lower case only written together ("8184pdr"), after a word announcing a plate (`words`) or
// in quotes or brackets of its own: "1500 kms" is a distance.
std::size_t SpanishPlateAt(std::string_view v, std::size_t i, bool words = false) {
  if (!PlateStartsAt(v, i) || AsciiDigitsAt(v, i) != 4) return 0;
  const std::size_t k = i + 4;
  const std::size_t sep = PlateSeparatorAt(v, k);
  const std::size_t l = k + sep;
  if (LettersAt(v, l) != 3 || !PlateEndsAt(v, l + 3)) return 0;
  for (std::size_t p = l; p < l + 3; ++p) {
    if (!SpanishLetter(v[p])) return 0;
  }
  if (In(v, l, 3, kNotPlateLetters3)) return 0;
  if (!AllUpper(v, l, 3)) {
    if (!AllLower(v, l, 3) || In(v, l, 3, kLowerWords3)) return 0;
    if (sep != 0 && !words && !Enclosed(v, i, l + 3)) return 0;
  }
  // "2019 BCN": a year and an acronym, when a space parts them; in parentheses of their own,
  // they are a plate ("la furgoneta (1907 XZJ)").
  const int n = Number(v.substr(i, 4));
  const bool own_parentheses = i > 0 && v[i - 1] == '(' && l + 3 < v.size() && v[l + 3] == ')';
  if (sep == 1 && v[k] == ' ' && n >= 1900 && n <= 2099 && !own_parentheses) return 0;
  return l + 3;
}

// The end of a plate in the form of California's and other US states' at i: a digit, three
// letters, three digits, together ("7ABC123") or set apart as on the plate's sticker and in
// police reports ("7ABC 123", "7 ABC 123", "7-ABC-123"), or 0. Set apart, not a count, a
// currency or a word and a number ("1 USD 500", "4 KWH 250").
std::size_t UsDigitPlateAt(std::string_view v, std::size_t i) {
  if (!PlateStartsAt(v, i) || AsciiDigitsAt(v, i) != 1) return 0;
  const std::size_t s1 = PlateSeparatorAt(v, i + 1);
  const std::size_t l = i + 1 + s1;
  if (LettersAt(v, l) != 3 || !AllUpper(v, l, 3)) return 0;
  const std::size_t s2 = PlateSeparatorAt(v, l + 3);
  // One kind of separator: "7 ABC-123" is no plate's print.
  if (s1 != 0 && s2 != 0 && v[i + 1] != v[l + 3]) return 0;
  const std::size_t d = l + 3 + s2;
  if (AsciiDigitsAt(v, d) != 3 || !PlateEndsAt(v, d + 3)) return 0;
  if ((s1 != 0 || s2 != 0) &&
      (In(v, l, 3, kNotPlateLetters3) || In(v, l, 3, kLowerWords3) ||
       In(v, l, 3, kSentenceWords) || In(v, l, 3, kMakes3))) {
    return 0;
  }
  // "7 ABC 123,50": a figure goes on.
  if (d + 4 < v.size() && (v[d + 3] == ',' || v[d + 3] == '.') && IsDigit(v[d + 4])) return 0;
  return d + 3;
}

// The end of a UK plate since 2001 at i ("AB12 CDE", "AB12CDE", "ab12 cde"), or 0: an area
// code, an age identifier (02 to 29 for March, 51 to 79 for September), three letters.
std::size_t UkPlateAt(std::string_view v, std::size_t i, bool upper, bool words) {
  const std::size_t k = i + 4;
  const std::size_t l = k + (k < v.size() && v[k] == ' ' ? 1 : 0);
  if (LettersAt(v, l) != 3 || !PlateEndsAt(v, l + 3)) return 0;
  if (upper ? !AllUpper(v, l, 3) : !AllLower(v, l, 3)) return 0;
  const int age = Number(v.substr(i + 2, 2));
  if (!((age >= 2 && age <= 29) || (age >= 51 && age <= 79))) return 0;
  if (!UkLetter(v[i]) || !UkLetter(v[i + 1])) return 0;
  for (std::size_t p = l; p < l + 3; ++p) {
    if (!UkLetter(v[p])) return 0;
  }
  // "EU27 GDP": an acronym after a space; written together, "LJ60AVE" is a plate.
  if (l > k && !words && In(v, l, 3, kNotPlateLetters3)) return 0;
  if (!upper && !words && In(v, l, 3, kLowerWords3)) return 0;
  return l + 3;
}

// What BarePlateAt reads first at i: a group of letters, a separator, a group of digits.
struct PlateStart {
  std::size_t i;        // where the letters begin
  std::size_t letters;  // 1 to 3
  bool upper;           // the letters in capitals, else in lower case
  std::size_t s1;       // the separator after them, 0 when none
  std::size_t d1;       // the digits after that
  std::size_t k;        // where the digits end
  bool words;           // as BarePlateAt says
};

// Spain's plates until 2000, hyphened (M-1234-AB) or spaced (M 1234 AB): the end of the plate,
// 0 when it is not one, or nothing when the start is none of these formats.
std::optional<std::size_t> SpanishPlateAt(std::string_view v, const PlateStart& start) {
  const auto [i, letters, upper, s1, d1, k, words] = start;
  if (letters <= 2 && s1 == 1 && v[i + letters] == '-' && d1 == 4 && upper && k < v.size() &&
      v[k] == '-') {
    // Spain's provincial plates until 2000: M-1234-AB, GC-1234-B; and the letter of special
    // plates before today's: C-1234-BCD (mopeds), E- (works vehicles), H- (historic), R-
    // (trailers), P- (temporary), S- and V- (dealers), T- (tourists).
    const std::size_t l2 = LettersAt(v, k + 1);
    const bool special = letters == 1 && l2 == 3 &&
                         std::string_view("CEHRPSVT").find(v[i]) != std::string_view::npos &&
                         SpanishLetter(v[k + 1]) && SpanishLetter(v[k + 2]) &&
                         SpanishLetter(v[k + 3]);
    if (((l2 >= 1 && l2 <= 2) || special) && AllUpper(v, k + 1, l2) && PlateEndsAt(v, k + 1 + l2)) {
      return k + 1 + l2;
    }
    return 0;
  }
  if (letters <= 2 && s1 == 1 && v[i + letters] == ' ' && d1 == 4 && (upper || words) &&
      k + 1 < v.size() && v[k] == ' ') {
    // The same plates spaced: "M 1234 AB", "SE 2454 PZ". Not a year between small words of a
    // sentence in capitals ("DE 1990 A 2000").
    const std::size_t l2 = LettersAt(v, k + 1);
    if (l2 >= 1 && l2 <= 2 && (upper ? AllUpper(v, k + 1, l2) : AllLower(v, k + 1, l2)) &&
        PlateEndsAt(v, k + 1 + l2)) {
      const bool lead_word = In(v, i, letters, kSentenceWords);
      const bool tail_word = In(v, k + 1, l2, kSentenceWords);
      const int n = Number(v.substr(k - 4, 4));
      const bool year = n >= 1900 && n <= 2099;
      if (!(lead_word && tail_word) && !((lead_word || tail_word) && year)) return k + 1 + l2;
    }
  }
  return std::nullopt;
}

// A plate that starts with one letter: the UK's prefix plates, Mercosur motorcycles.
std::size_t OneLetterPlateAt(std::string_view v, const PlateStart& start) {
  const auto [i, letters, upper, s1, d1, k, words] = start;
  if (letters == 1 && upper && s1 == 0 && d1 >= 1 && d1 <= 3 && k + 4 <= v.size() && v[k] == ' ' &&
      LettersAt(v, k + 1) == 3 && AllUpper(v, k + 1, 3) && PlateEndsAt(v, k + 4)) {
    // The UK's prefix plates (1983-2001): a year letter, a number, three letters: "A123 BCD".
    // Not a road and a sentence in capitals ("M25 THE"), nor a code and a currency ("A1 EUR").
    // With a number of one or two digits it reads as a road, a room or a part ("A12 …"): only
    // set off as a plate is, or after the words.
    bool uk =
        UkLetter(v[i]) && (d1 == 3 || words || Enclosed(v, i, k + 4) || Apposition(v, i, k + 4));
    for (std::size_t p = k + 1; p < k + 4; ++p) uk = uk && UkLetter(v[p]);
    if (uk && (words || (!In(v, k + 1, 3, kNotPlateLetters3) && !In(v, k + 1, 3, kLowerWords3) &&
                         !In(v, k + 1, 3, kSentenceWords)))) {
      return k + 4;
    }
  }
  if (letters == 1 && d1 == 3) {  // Mercosur motorcycles: A123BCD
    const std::size_t s2 = PlateSeparatorAt(v, k);
    const std::size_t l2 = LettersAt(v, k + s2);
    if (upper && l2 == 3 && AllUpper(v, k + s2, 3) && (s1 == 0) == (s2 == 0) &&
        PlateEndsAt(v, k + s2 + 3)) {
      return k + s2 + 3;
    }
    return 0;
  }
  return 0;
}

// Danish plates: AB 12 345, AB12345, AB 12345, AB-12-345.
std::size_t DanishPlateAt(std::string_view v, const PlateStart& start) {
  const auto [i, letters, upper, s1, d1, k, words] = start;
  // In lower case, unless the letters are a word ("kr 12500", "nr 12345"), or the plate
  // stands in quotes or brackets of its own ("[vh 51945]", „le 91 921“).
  const std::size_t plate_end = d1 == 5 ? k : d1 == 2 ? k + 4 : k;
  const bool own = Enclosed(v, i, plate_end) || Apposition(v, i, plate_end);
  if (s1 == 1 && v[i + 2] == '-') {
    // With hyphens between all three groups; "DE-80331" is a postcode.
    if (d1 == 2 && k + 4 <= v.size() && v[k] == '-' && AsciiDigitsAt(v, k + 1) == 3 &&
        PlateEndsAt(v, k + 4)) {
      if (!upper && !words && In(v, i, 2, kLowerWords2)) return 0;
      return k + 4;
    }
    return 0;
  }
  if (d1 == 5 && PlateEndsAt(v, k)) {
    if (In(v, i, 2, kNotPlateLetters2) && !own) return 0;
    if (!upper && !words && !own && In(v, i, 2, kLowerWords2)) return 0;
    // "ab 12345" more digits on: a longer number.
    if (k + 1 < v.size() && v[k] == ' ' && IsDigit(v[k + 1])) return 0;
    // "St., Brooklyn, NY 10001": a US state and ZIP code after the town, itself after a comma
    // ("Den blå Golf, ME 43936, kører" is a plate).
    if (s1 == 1 && In(v, i, 2, kUsStates) && i >= 2 && v[i - 1] == ' ' && v[i - 2] == ',') {
      const std::size_t town_end = SkipSpacesBack(v, i - 2, 2);
      const Word town = WordBefore(v, town_end);
      std::size_t before_town = town.empty() ? town_end : SkipSpacesBack(v, town.begin, 2);
      const Word town2 = WordBefore(v, before_town);  // "New York", "Salt Lake City"
      if (!town2.empty() && town2.capital && town2.after() == before_town) {
        before_town = SkipSpacesBack(v, town2.begin, 2);
      }
      if (!town.empty() && before_town > 0 && v[before_town - 1] == ',') return 0;
    }
    return k;
  }
  if (d1 == 2) {
    const std::size_t s2 = PlateSeparatorAt(v, k);
    if (s2 == 0 && !(k < v.size() && v[k] == '.')) return 0;
    if (!upper && v[k] != ' ') return 0;
    const std::size_t d2 = AsciiDigitsAt(v, k + 1);
    if (d2 == 3 && PlateEndsAt(v, k + 1 + 3)) {
      if (!upper && !words && In(v, i, 2, kLowerWords2) && !own) return 0;
      return k + 1 + 3;
    }
  }
  return 0;
}

// A plate that starts with two letters: the UK's since 2001, Mercosur, Danish.
std::size_t TwoLetterPlateAt(std::string_view v, const PlateStart& start) {
  const auto [i, letters, upper, s1, d1, k, words] = start;
  if (letters == 2 && d1 == 2 && s1 == 0) {
    const std::size_t uk = UkPlateAt(v, i, upper, words);
    if (uk != 0) return uk;
  }
  if (letters == 2 && d1 == 3) {  // Mercosur: AB 123 CD
    const std::size_t s2 = PlateSeparatorAt(v, k);
    const std::size_t l2 = LettersAt(v, k + s2);
    // In capitals the groups may be spaced unevenly: "RH 285PO".
    if (l2 == 2 && (upper ? AllUpper(v, k + s2, 2) : AllLower(v, k + s2, 2)) &&
        (upper || (s1 == 0) == (s2 == 0)) && PlateEndsAt(v, k + s2 + 2)) {
      // In lower case, unless a pair of letters is a word: "en 300 de"; written together
      // only in quotes or brackets of its own ("(re176js)").
      const bool own = Enclosed(v, i, k + s2 + 2) || Apposition(v, i, k + s2 + 2);
      if (!upper && !words &&
          ((s1 == 0 && !own) || In(v, i, 2, kLowerWords2) || In(v, k + s2, 2, kLowerWords2) ||
           In(v, k + s2, 2, kSentenceWords))) {
        return 0;
      }
      return k + s2 + 2;
    }
    return 0;
  }
  return DanishPlateAt(v, start);
}

// A plate that starts with three letters: the UK's suffix plates, US states', Argentina's
// until 2016.
std::size_t ThreeLetterPlateAt(std::string_view v, const PlateStart& start) {
  const auto [i, letters, upper, s1, d1, k, words] = start;
  // The UK's suffix plates (1963-1983): three letters, a number, a year letter: "ABC 123D".
  // Not a model's number with its unit or variant ("GTX 970M", "TDI 150X").
  if (letters == 3 && upper && d1 >= 1 && d1 <= 3 && k < v.size() && IsUpperAscii(v[k]) &&
      PlateEndsAt(v, k + 1) && std::string_view("KMGWVPXB").find(v[k]) == std::string_view::npos &&
      (words || (!In(v, i, 3, kNotPlateLetters3) && !In(v, i, 3, kLowerWords3) &&
                 !In(v, i, 3, kSentenceWords) && !In(v, i, 3, kMakes3)))) {
    return k + 1;
  }
  // New York's and many US states' plates: "ABC-1234", "ABC 1234", "ABC1234". Not a standard,
  // currency or acronym with its number ("ISO 9001", "EUR 1500"), a word of a sentence in
  // capitals ("FOR 2500 PESOS"), an acronym with a year ("COP 2025"), nor part of a longer
  // number.
  if (letters == 3 && d1 == 4 && (upper || words) && PlateEndsAt(v, k)) {
    const int n = Number(v.substr(k - 4, 4));
    const bool own = words || Enclosed(v, i, k) || Apposition(v, i, k);
    if (In(v, i, 3, kNotPlateLetters3) || In(v, i, 3, kLowerWords3) ||
        In(v, i, 3, kSentenceWords) || In(v, i, 3, kMakes3)) {
      return 0;
    }
    if (s1 == 1 && v[i + 3] == ' ' && n >= 1900 && n <= 2099 && !own) return 0;
    if (k + 1 < v.size() && (v[k] == ' ' || v[k] == ',' || v[k] == '.') && IsDigit(v[k + 1])) {
      return 0;
    }
    return k;
  }
  // In lower case after a word for the vehicle, or set off by commas ("Den blå Golf, jwb 973,").
  if ((upper || words || (Apposition(v, i, k) && !In(v, i, 3, kLowerWords3))) && letters == 3 &&
      d1 == 3 && PlateEndsAt(v, k)) {  // Argentina until 2016: ABC 123
    // "ABC 123,5" or "ABC 123.000" is a figure.
    if (k + 1 < v.size() && (v[k] == ',' || v[k] == '.') && IsDigit(v[k + 1])) return 0;
    if (In(v, i, 3, kNotPlateLetters3)) return 0;
    return k;
  }
  return 0;
}

// The end of a Latin-alphabet plate in one of the bare formats starting at i, or 0. Danish,
// Argentine and Mercosur plates in capitals; UK plates ("AB12 CDE") and Danish ones spaced as
// printed ("ab 12 345") in either case, unless their letters are a word.
// With `words`, lower-case letters may be a word (after a word that announces a plate).
std::size_t BarePlateAt(std::string_view v, std::size_t i, bool words = false) {
  const std::size_t letters = LettersAt(v, i);
  if (letters == 0 || letters > 3) return 0;
  const bool upper = AllUpper(v, i, letters);
  if (!upper && !AllLower(v, i, letters)) return 0;
  if (!PlateStartsAt(v, i)) return 0;
  std::size_t k = i + letters;
  const std::size_t s1 = PlateSeparatorAt(v, k);
  k += s1;
  const std::size_t d1 = AsciiDigitsAt(v, k);
  k += d1;
  const PlateStart p{i, letters, upper, s1, d1, k, words};
  if (const std::optional<std::size_t> spanish = SpanishPlateAt(v, p)) return *spanish;
  if (letters == 1) return OneLetterPlateAt(v, p);
  if (letters == 2) return TwoLetterPlateAt(v, p);
  return ThreeLetterPlateAt(v, p);
}

// Chinese plates: 京A·12345, 京A12345, 沪B 6X8Y9, 京AD12345 (new energy), 粤Z1234港.
constexpr int32_t kProvinces[] = {
    0x4EAC, 0x6D25, 0x6CAA, 0x6E1D, 0x5180, 0x8C6B, 0x4E91, 0x8FBD, 0x9ED1, 0x6E58, 0x7696,
    0x9C81, 0x65B0, 0x82CF, 0x6D59, 0x8D63, 0x9102, 0x6842, 0x7518, 0x664B, 0x8499, 0x9655,
    0x5409, 0x95FD, 0x8D35, 0x7CA4, 0x9752, 0x85CF, 0x5DDD, 0x5B81, 0x743C,
};
// 学 警 挂 港 澳 领 试 超 使
constexpr int32_t kPlateSuffixes[] = {0x5B66, 0x8B66, 0x6302, 0x6E2F, 0x6FB3,
                                      0x9886, 0x8BD5, 0x8D85, 0x4F7F};

bool IsProvince(int32_t cp) {
  return std::find(std::begin(kProvinces), std::end(kProvinces), cp) != std::end(kProvinces);
}

// A separator Chinese plates are printed with: · • ・ ‧ ∙ ． . - or a space.
std::size_t ChineseSeparatorAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  if (v[i] == '.' || v[i] == ' ' || v[i] == '-') return 1;
  std::size_t len;
  const int32_t cp = CodePointAt(v, i, &len);
  if (cp == 0xB7 || cp == 0x2022 || cp == 0x30FB || cp == 0x2027 || cp == 0x2219 || cp == 0xFF0E ||
      cp == 0x3000 || cp == 0xFF65) {
    return len;
  }
  return 0;
}

// The end of a Chinese plate whose province character is at i (and `len` bytes), or 0.
std::size_t ChinesePlateAt(std::string_view v, std::size_t i, std::size_t len) {
  std::size_t k = i + len;
  if (k < v.size() && !IsAlphaAscii(v[k])) k += ChineseSeparatorAt(v, k);  // 京·A12345
  if (k >= v.size() || !IsAlphaAscii(v[k])) return 0;
  ++k;
  k += ChineseSeparatorAt(v, k);
  std::size_t n = 0;
  std::size_t digits = 0;
  const std::size_t start = k;
  while (k < v.size() && n < 7 && (IsDigit(v[k]) || IsUpperAscii(v[k]))) {
    if (IsDigit(v[k])) ++digits;
    ++n;
    ++k;
  }
  if (k < v.size() && IsAlnumAscii(v[k])) return 0;
  if ((n == 5 && digits >= 2) || (n == 6 && digits >= 4)) return k;
  if (n == 4 && digits >= 2) {
    std::size_t l;
    const int32_t cp = CodePointAt(v, start + 4, &l);
    if (std::find(std::begin(kPlateSuffixes), std::end(kPlateSuffixes), cp) !=
        std::end(kPlateSuffixes)) {
      return start + 4 + l;
    }
  }
  return 0;
}

// The words that announce a plate.
constexpr Keyword kPlateWordsList[] = {
    {"nummerplade", false},
    {"plade", false},
    {"registreringsnummer", false},
    {"reg.nr"},
    {"reg. nr"},
    {"reg nr"},
    {"regnr"},
    {"reg.-nr"},
    {"license plate", false},
    {"licence plate", false},
    {"number plate", false},
    {"plate number", false},
    {"plate no"},
    {"plate"},
    {"plates"},
    {"registration plate", false},
    {"registration number", false},
    {"registration no"},
    {"vrn"},
    {"patente"},
    {"patentes"},
    {"dominio"},
    {"matrícula"},
    {"matricula"},
    {"placa"},
    {"chapa"},
    {"kennzeichen"},
    // 车牌 (plate), 牌照 (licence plate), 号牌 (number plate)
    {"\xE8\xBD\xA6\xE7\x89\x8C"},
    {"\xE7\x89\x8C\xE7\x85\xA7"},
    {"\xE5\x8F\xB7\xE7\x89\x8C"},
    {"pat."},
    {"reg"},
    {"reg."},
};
constexpr KeywordSet kPlateWords(kPlateWordsList);

// Vehicles and permits, after which people write the plate without saying it is one: "bil
// VC-32-063", "la camioneta lkt 300", "Taxaen el 11 784", "my permit is for ...". Weaker than
// the words above: what follows must mix two letters and two digits at least, and not be a
// make and model ("a BMW 320i").
constexpr Keyword kVehicleWordsList[] = {
    {"car"},
    {"cars"},
    {"van"},
    {"taxi"},
    {"taxa", false},
    {"bil"},
    {"bilen"},
    {"bilens"},
    {"varevogn", false},
    {"lastbil", false},
    {"camioneta"},
    {"furgoneta"},
    {"furgón"},
    {"furgon"},
    {"carro"},
    {"coche"},
    {"auto"},
    {"camión"},
    {"camion"},
    {"moto"},
    {"truck"},
    {"lorry"},
    {"motorbike"},
    {"motorcycle"},
    {"vehicle"},
    {"vehículo"},
    {"vehiculo"},
    {"registration"},
    {"permit"},
    {"beboerlicens", false},
    {"parkeringslicens", false},
    {"knallert"},
    {"scooter"},
    {"remis"},
    {"driver"},
    {"nummeret"},
    {"colectivo"},
    {"tag"},
    {"tags"},
};
constexpr KeywordSet kVehicleWords(kVehicleWordsList);

// What may stand between the word and the plate: "nummerplade: AB 12 345", "patente nº",
// "plate number is", "车牌号是".
constexpr Keyword kPlateFillersList[] = {
    {"nr"},
    {"nr."},
    {"no"},
    {"no."},
    {"nº"},
    {"n°"},
    {"number"},
    {"nummer"},
    {"er"},
    {"is"},
    {"es"},
    {"de"},
    {"del"},
    {"med"},
    {"with"},
    {"was"},
    {"var"},
    {"number:"},
    {"número"},
    {"numero"},
    {"the"},
    {"su"},
    {"mi"},
    {"my"},
    {"min"},
    {"mit"},
    {"o"},
    {"or"},
    {"eller"},
    {"y"},
    {"and"},
    {"og"},
    {"for"},
    {"a"},
    {"an"},
    {"un"},
    {"una"},
    {"en"},
    {"et"},
    {"registration"},
    {"reg"},
    {"reg."},
    {"plate"},
    {"la"},
    {"el"},
    {"of"},
    {"gælder"},
    {"har"},
    {"has"},
    {"era"},
    {"fue"},
    {"tiene"},
    // 号 是 为 ：
    {"\xE5\x8F\xB7"},
    {"\xE6\x98\xAF"},
    {"\xE4\xB8\xBA"},
};
constexpr KeywordSet kPlateFillers(kPlateFillersList);

// After a word that announces a plate: up to three groups of ASCII letters and digits, five to
// eight in all, with a digit and a letter ("ab 12 345", "ABC1D23", "7ABC123"). Returns the
// end, or 0.
std::size_t AnnouncedPlateAt(std::string_view v, std::size_t i, bool weak = false) {
  if (!PlateStartsAt(v, i) || i >= v.size() || !IsAlnumAscii(v[i])) return 0;
  std::size_t k = i;
  std::size_t total = 0, digits = 0, letters = 0;
  bool digits_only = false;  // the group before the next is all digits
  for (int group = 0; group < 3; ++group) {
    const std::size_t start = k;
    const std::size_t digits_before = digits;
    while (k < v.size() && IsAlnumAscii(v[k])) {
      IsDigit(v[k]) ? ++digits : ++letters;
      ++k;
    }
    if (k == start) return 0;
    // The first group has a digit or is a short series of letters ("AB", "ABC"): not a
    // brand or a word ("placa ASUS B450").
    // Four capitals are a plate only before three digits, as Ontario's ("ABCD 123").
    if (group == 0 && digits == 0 && k - start > 3 &&
        !(k - start == 4 && AllUpper(v, start, 4) && k + 4 <= v.size() && v[k] == ' ' &&
          AsciiDigitsAt(v, k + 1) == 3 && PlateEndsAt(v, k + 4))) {
      return 0;
    }
    // Nor a make before its model: "BMW 320i", "KIA EV6".
    if (group == 0 && weak && digits == 0 && In(v, start, k - start, kMakes3)) return 0;
    // Nor a small word of the sentence typed in lower case: "la patente era 1888 CDB".
    if (group == 0 && digits == 0 && AllLower(v, start, k - start) &&
        (In(v, start, k - start, kSentenceWords) || In(v, start, k - start, kLowerWords3))) {
      return 0;
    }
    digits_only = digits - digits_before == k - start;
    total += k - start;
    if (!WordEndsAt(v, k)) return 0;
    // Another group only after one separator and when letters and digits go on.
    if (group < 2 && k + 1 < v.size() && (v[k] == ' ' || v[k] == '-' || v[k] == '.') &&
        IsAlnumAscii(v[k + 1]) && total < 8) {
      // A word after the plate ("AB12345 i går") is not part of it: groups are short or mix.
      std::size_t e = k + 1;
      while (e < v.size() && IsAlnumAscii(v[e])) ++e;
      const std::string_view next = v.substr(k + 1, e - k - 1);
      const bool has_digit = std::any_of(next.begin(), next.end(), IsDigit);
      const bool upper = std::all_of(next.begin(), next.end(),
                                     [](char c) { return IsDigit(c) || IsUpperAscii(c); });
      // Mercosur's letters after the digits, in any case: "ac 322 vf".
      const bool tail = digits_only && letters > 0 && next.size() <= 3 &&
                        std::all_of(next.begin(), next.end(), IsLowerAscii) &&
                        !In(v, k + 1, next.size(), kSentenceWords);
      if ((has_digit || (upper && next.size() <= 3) || tail) && total + next.size() <= 8) {
        ++k;
        continue;
      }
    }
    break;
  }
  if (total < 4 || total > 8 || digits == 0 || letters == 0) return 0;
  if (weak && (digits < 2 || letters < 2)) return 0;
  // More digits after it: a longer number ("VAT reg. GB 910 7714 31").
  if (k + 1 < v.size() && v[k] == ' ' && IsDigit(v[k + 1])) return 0;
  return PlateEndsAt(v, k) ? k : 0;
}

// A Chinese plate at i, whose first byte begins a character of three or more: a province
// character, then a Latin letter (plates after 车牌 need no other word). Its end, or 0.
std::size_t ProvincePlateAt(std::string_view v, std::size_t i) {
  if (i + 3 < v.size() && (IsAlphaAscii(v[i + 3]) || ChineseSeparatorAt(v, i + 3) != 0)) {
    std::size_t len;
    const int32_t cp = DecodeAt(v, i, &len);
    if (len == 3 && IsProvince(cp)) return ChinesePlateAt(v, i, len);
  }
  return 0;
}

// Ireland's county codes, which stand between the year and the number on its plates.
constexpr std::string_view kIrishCounties[] = {
    "C",  "CE", "CN", "CW", "D",  "DL", "G",  "KE", "KK", "KY", "L",  "LD", "LH", "LK", "LM",
    "LS", "MH", "MN", "MO", "OY", "RN", "SO", "T",  "TN", "TS", "W",  "WD", "WH", "WX", "WW"};

// The end of an Irish plate at i ("191-D-12345", "12-D-12345", "08-KY-1234"), or 0: the year
// (two digits, or since 2013 three whose last, 1 or 2, is the half-year), the county, a number
// of one to six digits, joined by hyphens as printed.
std::size_t IrishPlateAt(std::string_view v, std::size_t i) {
  const std::size_t year = AsciiDigitsAt(v, i);
  if (!PlateStartsAt(v, i) || (year != 2 && year != 3) ||
      (year == 3 && v[i + 2] != '1' && v[i + 2] != '2')) {
    return 0;
  }
  std::size_t k = i + year;
  if (k >= v.size() || v[k] != '-') return 0;
  const std::size_t letters = LettersAt(v, ++k);
  if (letters == 0 || letters > 2 || !AllUpper(v, k, letters)) return 0;
  const bool county = In(v, k, letters, kIrishCounties);
  k += letters;
  if (!county || k >= v.size() || v[k] != '-') return 0;
  const std::size_t number = AsciiDigitsAt(v, ++k);
  if (number == 0 || number > 6 || !WordEndsAt(v, k + number)) return 0;
  k += number;
  // "12-D-12345-6": a reference goes on.
  if (k + 1 < v.size() && (v[k] == '-' || v[k] == '/') && IsAlnumAscii(v[k + 1])) return 0;
  return k;
}

// A plate that starts with its digits at i: Spain's "1234 BCD", a US state's "7ABC123",
// Ireland's "191-D-12345". Its end, or 0.
std::size_t DigitPlateAt(std::string_view v, std::size_t i) {
  if (const std::size_t end = SpanishPlateAt(v, i); end != 0) return end;
  if (const std::size_t end = UsDigitPlateAt(v, i); end != 0) return end;
  return IrishPlateAt(v, i);
}

// India's state and territory codes, which begin its plates.
constexpr std::string_view kIndianStates[] = {
    "AN", "AP", "AR", "AS", "BR", "CH", "CG", "DD", "DL", "DN", "GA", "GJ", "HR", "HP", "JK",
    "JH", "KA", "KL", "LA", "LD", "MP", "MH", "MN", "ML", "MZ", "NL", "OD", "OR", "PB", "PY",
    "RJ", "SK", "TN", "TS", "TR", "UP", "UK", "UA", "WB"};

// The end of an Indian plate at i ("MH 12 AB 1234", "MH12AB1234", "DL 3C AB 1234", "KA-01-M-
// 1234"), or 0: the state, the district (one or two digits, Delhi's with a letter), a series of
// one to three letters, four digits; in capitals, together or set apart by spaces or hyphens.
std::size_t IndianPlateAt(std::string_view v, std::size_t i) {
  if (!PlateStartsAt(v, i) || LettersAt(v, i) != 2 || !AllUpper(v, i, 2) ||
      !In(v, i, 2, kIndianStates)) {
    return 0;
  }
  std::size_t k = i + 2;
  k += PlateSeparatorAt(v, k);
  const std::size_t district = AsciiDigitsAt(v, k);
  if (district == 0 || district > 2) return 0;
  k += district;
  if (k < v.size() && IsUpperAscii(v[k]) && district == 1 && k + 1 < v.size() &&
      !IsAlphaAscii(v[k + 1])) {
    ++k;  // Delhi's "3C"
  }
  k += PlateSeparatorAt(v, k);
  const std::size_t series = LettersAt(v, k);
  if (series == 0 || series > 3 || !AllUpper(v, k, series)) return 0;
  k += series;
  k += PlateSeparatorAt(v, k);
  if (AsciiDigitsAt(v, k) != 4 || !PlateEndsAt(v, k + 4)) return 0;
  return k + 4;
}

// Whether a word that announces a plate begins at i: its end in *end, and *weak when it names a
// vehicle or a permit rather than the plate.
bool PlateWordAt(std::string_view v, std::size_t i, std::size_t* end, bool* weak) {
  *weak = false;
  return (kPlateWords.MayStartWith(v[i]) && KeywordAt(v, i, kPlateWords, end) != nullptr) ||
         (*weak =
              kVehicleWords.MayStartWith(v[i]) && KeywordAt(v, i, kVehicleWords, end) != nullptr);
}

// Past the marks, quotes and small words between a word that announces a plate (ending at k)
// and the plate: where the plate may begin.
std::size_t PastPlateFillers(std::string_view v, std::size_t k, bool weak) {
  for (int steps = 0; steps < 6 && k < v.size(); ++steps) {
    k = SkipSpaces(v, k, 4);
    if (k < v.size() && (v[k] == ':' || v[k] == '-' || v[k] == '(' || v[k] == '#' || v[k] == '=' ||
                         v[k] == ',' || v[k] == '.')) {
      ++k;
      continue;
    }
    if (const std::size_t q = OpenerAt(v, k); q != 0) {  // „by 51 953“, [vh 51945]
      k += q;
      continue;
    }
    std::size_t fend;
    if (KeywordAt(v, k, kPlateFillers, &fend) != nullptr) {
      // "Taxaen el 11 784": the small word may be the plate's letters.
      if (BarePlateAt(v, k, true) != 0) break;
      // "MY 931 YG", "DE 132 KD": in capitals, the small word may be the plate's letters.
      if (AllUpper(v, k, fend - k) && AnnouncedPlateAt(v, k, weak) != 0) break;
      k = fend;
      continue;
    }
    break;
  }
  return k;
}

// The end of the plate at k, after a word that announces one, or 0. The bare formats first:
// "reg WD24 PTZ" is one plate, not "WD24" and a word.
std::size_t PlateAfterWordAt(std::string_view v, std::size_t k, bool weak) {
  std::size_t p = 0;
  if (k < v.size()) {
    p = IsDigit(v[k]) ? SpanishPlateAt(v, k, true) : BarePlateAt(v, k, true);
    if (p == 0 && IsDigit(v[k])) p = UsDigitPlateAt(v, k);
  }
  if (p == 0) p = AnnouncedPlateAt(v, k, weak);
  return p;
}

}  // namespace

void FindPlates(std::string_view v, Candidates& taken) {
  const TakenSpans before(taken);
  std::size_t resume = 0;
  auto add = [&](std::size_t begin, std::size_t end) {
    if (begin < resume || before.Overlaps(begin, end)) return false;
    taken.push_back({kPriorityPlate, {IdentifierKind::kPlate, begin, end}});
    resume = end;
    return true;
  };
  std::size_t i = 0;
  while (i < v.size()) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (b >= 0xE0) {
      const std::size_t end = ProvincePlateAt(v, i);
      if (end != 0 && add(i, end)) {
        i = end;
        continue;
      }
      ++i;
      continue;
    }
    if (IsDigit(v[i]) && RunStartsAt(v, i)) {
      // Spain's plates start with their digits.
      const std::size_t end = before.Skip(i) == i ? DigitPlateAt(v, i) : 0;
      if (end != 0 && add(i, end)) {
        i = end;
        continue;
      }
      i = RunEnd(v, i);
      continue;
    }
    if (!IsAlphaAscii(v[i])) {
      ++i;
      continue;
    }
    if (const std::size_t skip = before.Skip(i); skip != i) {
      i = skip;
      continue;
    }
    // A word: a plate in a bare format, or a word announcing one.
    std::size_t end = BarePlateAt(v, i);
    if (end == 0) end = IndianPlateAt(v, i);
    if (end != 0 && add(i, end)) {
      i = end;
      continue;
    }
    std::size_t kend;
    bool weak = false;
    if (PlateWordAt(v, i, &kend, &weak)) {
      // "nummerpladen", "patentes": the rest of the word.
      while (kend < v.size() && !WordEndsAt(v, kend)) ++kend;
      const std::size_t k = PastPlateFillers(v, kend, weak);
      const std::size_t p = PlateAfterWordAt(v, k, weak);
      if (p != 0 && add(k, p)) {
        i = p;
        continue;
      }
      i = kend;
      continue;
    }
    // Skip the rest of the word.
    while (i < v.size() && IsAlnumAscii(v[i])) ++i;
  }
}

}  // namespace citynet::privacy::internal
