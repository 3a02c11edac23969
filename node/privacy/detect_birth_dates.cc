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
// Dates: numeric in every order people write, with month names in Danish, English, Spanish (and
// German), and Chinese 年月日 in digits of either width or in Chinese numerals.

enum class DateForm { kFull, kMonthYear, kDayMonth };

struct Date {
  std::size_t end = 0;  // 0: no date
  DateForm form = DateForm::kFull;
};

bool PlausibleYear(const DigitRun& y) {
  if (y.count == 2) return true;
  return y.count == 4 && y.value >= 1880 && y.value <= 2099;
}

// A two-digit year is valid in either century.
bool ValidDay(const DigitRun& y, int month, int day) {
  if (y.count == 2) {
    return IsValidDate(1900 + static_cast<int>(y.value), month, day) ||
           IsValidDate(2000 + static_cast<int>(y.value), month, day);
  }
  return IsValidDate(static_cast<int>(y.value), month, day);
}

bool ValidDayMonth(int month, int day) { return IsValidDate(2000, month, day); }

// No digit or ASCII letter may follow a date: "12.03.19851" and "1985-03-12T" are other things.
bool EndsCleanly(std::string_view v, std::size_t i) {
  std::size_t len;
  if (DigitValueAt(v, i, &len) >= 0) return false;
  return i >= v.size() || !IsAlphaAscii(v[i]);
}

// A numeric date separator at i: '.', '/', '-', '.' then a space, or one space. Returns its
// length (0 for none).
std::size_t NumericSeparator(std::string_view v, std::size_t i, bool allow_space) {
  if (i >= v.size()) return 0;
  // Full-width ． ／ － between full-width digits: "１９８５．０３．１２".
  if (At(v, i, "\xEF\xBC\x8E") || At(v, i, "\xEF\xBC\x8F") || At(v, i, "\xEF\xBC\x8D")) {
    return 3;
  }
  const char c = v[i];
  if (c == '.' || c == '/' || c == '-') return i + 1 < v.size() && v[i + 1] == ' ' ? 2 : 1;
  // Spaced on both sides: "3 / 5 / 1985", "03 - 05 - 1985".
  if (c == ' ' && i + 2 < v.size() && (v[i + 1] == '/' || v[i + 1] == '-') && v[i + 2] == ' ') {
    return 3;
  }
  if (allow_space && c == ' ') return 1;
  return 0;
}

// The day ordinal that may follow a day number: "12." "1st" "2nd" "3rd" "12th" "1º" "1°"
// "1ro" "1er", Danish "1ste" "2den" "3dje" "12te" "20ende". Returns the position after it.
std::size_t SkipOrdinal(std::string_view v, std::size_t i) {
  if (i >= v.size()) return i;
  if (v[i] == '.') return i + 1;
  for (std::string_view s :
       {"st", "nd", "rd", "th", "ro", "er", "ste", "den", "dje", "de", "te", "ende"}) {
    if (StartsWithFolded(v, i, s) && WordEndsAt(v, i + s.size())) return i + s.size();
  }
  if (At(v, i, "\xC2\xBA") || At(v, i, "\xC2\xB0")) return i + 2;  // º °
  return i;
}

// Chinese dates: Y年M月D日 (or 号), Y年M月, M月D日; digits of either width or Chinese numerals,
// spaces allowed around the numbers.
DigitRun ChineseNumberAt(std::string_view v, std::size_t i) {
  const DigitRun d = DigitRunAt(v, i);
  if (!d.empty()) return d;
  return ChineseNumeralAt(v, i);
}

constexpr std::string_view kNian = "\xE5\xB9\xB4";  // 年
constexpr std::string_view kYue = "\xE6\x9C\x88";   // 月
constexpr std::string_view kRi = "\xE6\x97\xA5";    // 日
constexpr std::string_view kHao = "\xE5\x8F\xB7";   // 号

Date ChineseDateAt(std::string_view v, std::size_t i) {
  Date none;
  const DigitRun first = ChineseNumberAt(v, i);
  if (first.empty()) return none;
  std::size_t k = SkipSpaces(v, first.end);
  DigitRun year;
  if (At(v, k, kNian)) {
    // "85年3月12日": a two-digit year only in a whole date.
    if ((first.count != 4 && first.count != 2) || !PlausibleYear(first)) return none;
    year = first;
    k = SkipSpaces(v, k + kNian.size());
    const DigitRun month = ChineseNumberAt(v, k);
    if (month.empty() || month.count > 2) return none;
    k = SkipSpaces(v, month.end);
    if (!At(v, k, kYue) || month.value < 1 || month.value > 12) return none;
    k += kYue.size();
    const std::size_t month_end = k;
    k = SkipSpaces(v, k);
    const DigitRun day = ChineseNumberAt(v, k);
    if (!day.empty() && day.count <= 3) {
      std::size_t e = SkipSpaces(v, day.end);
      if ((At(v, e, kRi) || At(v, e, kHao)) &&
          ValidDay(year, static_cast<int>(month.value), static_cast<int>(day.value))) {
        return {e + 3, DateForm::kFull};
      }
    }
    if (year.count != 4) return none;
    return {month_end, DateForm::kMonthYear};
  }
  if (At(v, k, kYue)) {
    if (first.count > 2 || first.value < 1 || first.value > 12) return none;
    k = SkipSpaces(v, k + kYue.size());
    const DigitRun day = ChineseNumberAt(v, k);
    if (day.empty() || day.count > 3) return none;
    const std::size_t e = SkipSpaces(v, day.end);
    if ((At(v, e, kRi) || At(v, e, kHao)) &&
        ValidDayMonth(static_cast<int>(first.value), static_cast<int>(day.value))) {
      return {e + 3, DateForm::kDayMonth};
    }
  }
  return none;
}

// Whether what follows i ends a date rather than a count or a time: the end, punctuation that
// closes a clause, a quote or bracket, or a small word that goes on after a date of birth.
bool EndsLikeADate(std::string_view v, std::size_t i) {
  const std::size_t k = SkipSpaces(v, i, 3);
  if (k >= v.size()) return true;
  const char c = v[k];
  if (c == ',' || c == ';' || c == ')' || c == ']' || c == '"' || c == '\'' || c == '>' ||
      c == '!' || c == '?') {
    return true;
  }
  if (c == '.') return !DigitAt(v, k + 1);
  if (k == i) return false;  // "85x"
  for (std::string_view w : {"i", "in", "en", "på", "paa", "at", "og", "and", "y", "so"}) {
    if (StartsWithFolded(v, k, w) && WordEndsAt(v, k + w.size())) return true;
  }
  std::size_t len;
  const int32_t cp = CodePointAt(v, k, &len);
  if (cp < 0x80) return c == '(';
  return !IsSpacedLetter(cp) && !IsHan(cp) && DigitValueAt(v, k, &len) < 0;
}

// A year after a month name: "1985", "'85", or a two-digit year after a separator.
DigitRun YearAfterMonth(std::string_view v, std::size_t i, std::size_t* end) {
  std::size_t k = i;
  bool marked = false;  // a separator or an apostrophe says that two digits are a year
  // "de 1985", "del 1985", ", 1985", " 1985", "-1985", "/85", ". 1985", " -79", " '79"
  if (k < v.size() && (v[k] == ',' || v[k] == '-' || v[k] == '/' || v[k] == '.')) {
    ++k;
    marked = true;
  }
  k = SkipSpaces(v, k, 3);
  // "3. maj i 1985", "3 May in 1985", "3 de mayo en 1985": four digits only.
  bool in = false;
  for (std::string_view w : {"i ", "in ", "en "}) {
    if (!marked && k > i && StartsWithFolded(v, k, w)) {
      k = SkipSpaces(v, k + w.size(), 2);
      in = true;
      break;
    }
  }
  for (std::string_view w : {"del ", "de ", "of "}) {
    if (StartsWithFolded(v, k, w)) {
      k = SkipSpaces(v, k + w.size(), 3);
      // "15 de mayo del 74": Spanish says "del" before a year, never before a count.
      marked = marked || w == "del ";
      break;
    }
  }
  // "12 de marzo del año 1985"
  for (std::string_view w : {"año ", "ano "}) {
    if (StartsWithFolded(v, k, w)) {
      k = SkipSpaces(v, k + w.size(), 3);
      marked = true;
      break;
    }
  }
  if (k < v.size() && (v[k] == '\'' || v[k] == '-' || At(v, k, "\xE2\x80\x99"))) {
    k += v[k] == '\'' || v[k] == '-' ? 1 : 3;
    marked = true;
  }
  const DigitRun y = DigitRunAt(v, k);
  if (y.empty() || !PlausibleYear(y) || !EndsCleanly(v, y.end) || (in && y.count != 4)) return {};
  // "12 March 15 people", "12. marts 15:30": two digits without a separator are a count or a
  // time, unless the sentence goes on as after a date ("født 12. marts 85 i Odense", "12 March
  // 85, in Leeds").
  if (y.count == 2 && !marked && !EndsLikeADate(v, y.end)) return {};
  *end = y.end;
  return y;
}

// The day of the month in words: English and Danish ordinals ("third", "twenty-third",
// "tredje", "enogtyvende"), Spanish cardinals ("tres", "veintitrés", "treinta y uno") and the
// first of the month ("primero", "first"). Returns the day (0 for none) and its end; *needs_of:
// a month follows only after "de" or "of" ("tres de mayo", "first of May"), because these words
// mean other things before a month's name.
struct DayWord {
  std::string_view text;  // lower case
  int day;
  bool needs_of;
};
// clang-format off
constexpr DayWord kDayWords[] = {
    {"first", 1, true}, {"second", 2, false}, {"third", 3, false}, {"fourth", 4, false},
    {"fifth", 5, false}, {"sixth", 6, false}, {"seventh", 7, false}, {"eighth", 8, false},
    {"ninth", 9, false}, {"tenth", 10, false}, {"eleventh", 11, false}, {"twelfth", 12, false},
    {"thirteenth", 13, false}, {"fourteenth", 14, false}, {"fifteenth", 15, false},
    {"sixteenth", 16, false}, {"seventeenth", 17, false}, {"eighteenth", 18, false},
    {"nineteenth", 19, false}, {"twentieth", 20, false}, {"thirtieth", 30, false},
    {"første", 1, false}, {"foerste", 1, false}, {"forste", 1, false}, {"anden", 2, false},
    {"tredje", 3, false}, {"fjerde", 4, false}, {"femte", 5, false}, {"sjette", 6, false},
    {"syvende", 7, false}, {"ottende", 8, false}, {"niende", 9, false}, {"tiende", 10, false},
    {"ellevte", 11, false}, {"tolvte", 12, false}, {"trettende", 13, false},
    {"fjortende", 14, false}, {"femtende", 15, false}, {"sekstende", 16, false},
    {"syttende", 17, false}, {"attende", 18, false}, {"nittende", 19, false},
    {"tyvende", 20, false}, {"tredivte", 30, false},
    {"primero", 1, true}, {"primer", 1, true}, {"uno", 1, true}, {"dos", 2, true},
    {"tres", 3, true}, {"cuatro", 4, true}, {"cinco", 5, true}, {"seis", 6, true},
    {"siete", 7, true}, {"ocho", 8, true}, {"nueve", 9, true}, {"diez", 10, true},
    {"once", 11, true}, {"doce", 12, true}, {"trece", 13, true}, {"catorce", 14, true},
    {"quince", 15, true}, {"dieciséis", 16, true}, {"dieciseis", 16, true},
    {"diecisiete", 17, true}, {"dieciocho", 18, true}, {"diecinueve", 19, true},
    {"veinte", 20, true}, {"veintiuno", 21, true}, {"veintiún", 21, true},
    {"veintidós", 22, true}, {"veintidos", 22, true}, {"veintitrés", 23, true},
    {"veintitres", 23, true}, {"veinticuatro", 24, true}, {"veinticinco", 25, true},
    {"veintiséis", 26, true}, {"veintiseis", 26, true}, {"veintisiete", 27, true},
    {"veintiocho", 28, true}, {"veintinueve", 29, true}, {"treinta", 30, true},
};
// clang-format on

// The whole word [i, end) is `text`, ignoring case.
bool WordIs(std::string_view v, std::size_t i, std::size_t end, std::string_view text) {
  return end >= i && end - i == text.size() && StartsWithFolded(v, i, text);
}

// The index in kDayWords of the whole word [i, e) among its first n entries, or -1.
int DayWordIndex(std::string_view v, std::size_t i, std::size_t e, std::size_t n) {
  for (std::size_t k = 0; k < n && k < std::size(kDayWords); ++k) {
    if (WordIs(v, i, e, kDayWords[k].text)) return static_cast<int>(k);
  }
  return -1;
}

int DayWordAt(std::string_view v, std::size_t i, std::size_t* end, bool* needs_of) {
  // Day words begin with one of these letters.
  if (i >= v.size() ||
      std::string_view("acdefnopqstuvACDEFNOPQSTUV").find(v[i]) == std::string_view::npos) {
    return 0;
  }
  // The letters from i, not across a hyphen: "twenty-third" is two words here.
  std::size_t e = i;
  for (std::size_t len; e < v.size() && e - i <= 16; e += len) {
    if (!IsSpacedLetter(CodePointAt(v, e, &len))) break;
  }
  if (e - i < 3 || e - i > 16) return 0;
  // English tens and an ordinal: "twenty-third", "twenty third", "thirty-first".
  for (int tens : {20, 30}) {
    if (!WordIs(v, i, e, tens == 20 ? "twenty" : "thirty")) continue;
    if (e >= v.size() || (v[e] != '-' && v[e] != ' ')) return 0;
    std::size_t unit_end = e + 1;
    while (unit_end < v.size() && IsAlphaAscii(v[unit_end])) ++unit_end;
    const int unit = DayWordIndex(v, e + 1, unit_end, 9);  // "first" to "ninth"
    if (unit < 0 || tens + unit + 1 > 31) return 0;
    *end = unit_end;
    *needs_of = false;
    return tens + unit + 1;
  }
  // Spanish tens "y" units: "treinta y uno", "veinte y tres", "diez y seis".
  for (int tens : {10, 20, 30}) {
    if (!WordIs(v, i, e, tens == 10 ? "diez" : tens == 20 ? "veinte" : "treinta")) continue;
    const std::size_t k = SkipSpaces(v, e, 2);
    if (k == e || !StartsWithFolded(v, k, "y ")) break;
    const std::size_t u = SkipSpaces(v, k + 2, 2);
    std::size_t unit_end = u;
    while (unit_end < v.size() && IsAlphaAscii(v[unit_end])) ++unit_end;
    int unit = 0;
    for (std::string_view w : {"uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
                               "nueve"}) {
      ++unit;
      if (!WordIs(v, u, unit_end, w)) continue;
      if (tens + unit > 31) return 0;
      *end = unit_end;
      *needs_of = true;
      return tens + unit;
    }
    break;
  }
  // Danish units "og" tens in one word: "enogtyvende", "femogtyvende", "enogtredivte".
  for (int tens : {20, 30}) {
    const std::string_view suffix = tens == 20 ? "ogtyvende" : "ogtredivte";
    if (e - i <= suffix.size() || !WordIs(v, e - suffix.size(), e, suffix)) continue;
    int unit = 0;
    for (std::string_view w : {"en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"}) {
      ++unit;
      if (!WordIs(v, i, e - suffix.size(), w)) continue;
      if (tens + unit > 31) return 0;
      *end = e;
      *needs_of = false;
      return tens + unit;
    }
    return 0;
  }
  const int k = DayWordIndex(v, i, e, std::size(kDayWords));
  if (k < 0) return 0;
  *end = e;
  *needs_of = kDayWords[k].needs_of;
  return kDayWords[k].day;
}

// The month name (and year) after a day: "12. marts 1985", "12 March 1985", "1st of March
// 1985", "12 de marzo de 1985", "12-mar-1985", "3 de mayo". k is past the day and its ordinal.
Date DayThenMonthAt(std::string_view v, std::size_t k, int day) {
  Date none;
  if (k < v.size() && (v[k] == '-' || v[k] == '/')) {
    ++k;
  } else {
    k = SkipSpaces(v, k, 3);
    for (std::string_view w : {"de ", "of "}) {
      if (StartsWithFolded(v, k, w)) {
        k = SkipSpaces(v, k + w.size(), 3);
        break;
      }
    }
  }
  std::size_t month_end;
  const int month = MonthAt(v, k, &month_end);
  if (month == 0 || !ValidDayMonth(month, day)) return none;
  std::size_t year_end;
  const DigitRun year = YearAfterMonth(v, month_end, &year_end);
  if (!year.empty() && ValidDay(year, month, day)) return {year_end, DateForm::kFull};
  // A month abbreviation's dot is kept only when it is one ("12. mar."), not a full stop.
  const Word w = WordAt(v, k);
  return {w.end + (w.dot && w.size() <= 4 ? 1 : 0), DateForm::kDayMonth};
}

// A month in Roman numerals, I to XII, in capitals or small letters but not mixed, as a whole
// token; 0 for none.
int RomanMonthAt(std::string_view v, std::size_t i, std::size_t* end) {
  static constexpr std::string_view kRoman[] = {"i",  "ii", "iii", "iv", "v",  "vi",
                                                "vii", "viii", "ix", "x", "xi", "xii"};
  std::size_t e = i;
  while (e < v.size() && e - i < 5 && std::string_view("ivxIVX").find(v[e]) != std::string_view::npos) {
    ++e;
  }
  if (e == i || (e < v.size() && IsAlphaAscii(v[e]))) return 0;
  const bool upper = IsUpperAscii(v[i]);
  for (std::size_t k = i; k < e; ++k) {
    if (IsUpperAscii(v[k]) != upper) return 0;
  }
  for (std::size_t m = 0; m < std::size(kRoman); ++m) {
    if (WordIs(v, i, e, kRoman[m])) {
      *end = e;
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

// After a day in digits, its month in digits joined by a word: Spanish "3 del 5 del 85", "3 de
// 5 de 1985" (a year must follow: "3 de 5 personas" is a count), Danish "3. i 5. 1985", "3. i
// 5." (the dots say day and month).
Date DayOfMonthNumberAt(std::string_view v, const DigitRun& day) {
  Date none;
  if (day.count > 2) return none;
  std::size_t k = day.end;
  const bool dot = k < v.size() && v[k] == '.';
  if (dot) ++k;
  k = SkipSpaces(v, k, 2);
  if (k == day.end) return none;
  bool danish = false;
  if (dot && StartsWithFolded(v, k, "i ")) {
    danish = true;
    k += 2;
  } else if (StartsWithFolded(v, k, "del ")) {
    k += 4;
  } else if (StartsWithFolded(v, k, "de ")) {
    k += 3;
  } else {
    return none;
  }
  k = SkipSpaces(v, k, 2);
  const DigitRun month = DigitRunAt(v, k);
  if (month.empty() || month.count > 2 || month.value < 1 || month.value > 12 ||
      !ValidDayMonth(static_cast<int>(month.value), static_cast<int>(day.value))) {
    return none;
  }
  k = month.end;
  if (danish) {
    if (k >= v.size() || v[k] != '.') return none;
    ++k;
  }
  std::size_t y = SkipSpaces(v, k, 2);
  if (!danish) {
    if (StartsWithFolded(v, y, "del ")) {
      y += 4;
    } else if (StartsWithFolded(v, y, "de ")) {
      y += 3;
    } else {
      return none;
    }
    y = SkipSpaces(v, y, 2);
  } else if (y < v.size() && (v[y] == '-' || v[y] == '\'')) {
    ++y;  // "3. i 5. -85"
  }
  const DigitRun year = y == k ? DigitRun{} : DigitRunAt(v, y);
  if (!year.empty() && PlausibleYear(year) && EndsCleanly(v, year.end) &&
      ValidDay(year, static_cast<int>(month.value), static_cast<int>(day.value))) {
    return {year.end, DateForm::kFull};
  }
  if (danish && EndsCleanly(v, k)) return {k, DateForm::kDayMonth};
  return none;
}

// Year first: 1985-03-12, 1985/3/12, 1985.03.12, 1985-Mar-12.
Date YearFirstDateAt(std::string_view v, const DigitRun& first) {
  Date none;
  const std::size_t s1 = NumericSeparator(v, first.end, false);
  if (s1 == 0 || !PlausibleYear(first)) return none;
  const DigitRun month = DigitRunAt(v, first.end + s1);
  if (month.empty() || month.count > 2) {
    // 1985-Mar-12
    std::size_t e;
    const int m = MonthAt(v, first.end + s1, &e);
    if (m == 0) return none;
    const std::size_t s2 = NumericSeparator(v, e, false);
    const DigitRun day = DigitRunAt(v, e + s2);
    if (s2 == 0 || day.empty() || day.count > 2 || !EndsCleanly(v, day.end) ||
        !ValidDay(first, m, static_cast<int>(day.value))) {
      return none;
    }
    return {day.end, DateForm::kFull};
  }
  const std::size_t s2 = NumericSeparator(v, month.end, false);
  const DigitRun day = DigitRunAt(v, month.end + s2);
  // "1985-05-03T00:00", as systems export a date: the time is no part of it.
  const bool time = At(v, day.end, "T") && DigitAt(v, day.end + 1);
  if (s2 == 0 || day.empty() || day.count > 2 || (!EndsCleanly(v, day.end) && !time) ||
      !ValidDay(first, static_cast<int>(month.value), static_cast<int>(day.value))) {
    return none;
  }
  return {day.end, DateForm::kFull};
}

// Compact: 19850312, 12031985, 120385 (only right after the word that says birth).
Date CompactDateAt(std::string_view v, const DigitRun& first, bool compact_ok) {
  Date none;
  if (!compact_ok || !EndsCleanly(v, first.end)) return none;
  const std::string_view d = v.substr(first.begin, first.end - first.begin);
  if (d.size() != static_cast<std::size_t>(first.count)) return none;  // full width
  if (first.count == 8) {
    const DigitRun ymd{0, 0, 4, Number(d.substr(0, 4))};
    const DigitRun dmy{0, 0, 4, Number(d.substr(4, 4))};
    if ((PlausibleYear(ymd) && ValidDay(ymd, Number(d.substr(4, 2)), Number(d.substr(6, 2)))) ||
        (PlausibleYear(dmy) && ValidDay(dmy, Number(d.substr(2, 2)), Number(d.substr(0, 2))))) {
      return {first.end, DateForm::kFull};
    }
    return none;
  }
  const DigitRun yy{0, 0, 2, Number(d.substr(4, 2))};
  if (ValidDay(yy, Number(d.substr(2, 2)), Number(d.substr(0, 2)))) {
    return {first.end, DateForm::kFull};
  }
  return none;
}

// Day or month first, in digits (the second number after the separator s1): 12.03.1985,
// 3/4-1979, 12. 03. 1985, 3/12/1985, 12-03-85; and day and month alone where allowed.
Date DayMonthInDigitsAt(std::string_view v, const DigitRun& first, std::size_t s1,
                        const DigitRun& second, bool day_month_ok) {
  Date none;
  // "13/10 1947": a space before the year whatever came before it.
  const std::size_t s2 = NumericSeparator(v, second.end, true);
  const DigitRun year = s2 == 0 ? DigitRun{} : DigitRunAt(v, second.end + s2);
  const int a = static_cast<int>(first.value);
  const int b = static_cast<int>(second.value);
  if (!year.empty() && EndsCleanly(v, year.end)) {
    if (PlausibleYear(year) && (ValidDay(year, b, a) || ValidDay(year, a, b))) {
      return {year.end, DateForm::kFull};
    }
    // Year first with two digits, as Chinese forms write it: "出生日期:85.3.12".
    if (first.count == 2 && year.count <= 2 && s2 == s1 &&
        ValidDay(first, b, static_cast<int>(year.value))) {
      return {year.end, DateForm::kFull};
    }
  }
  // Day and month alone after the words that allow it: "fødselsdag 12/3", "birthday: 3/12",
  // "mi cumple es el 3/5", "生日 12.3.". A slash, or a day's dot after each number; not a
  // time ("12.30") or a fraction in prose.
  if (day_month_ok && year.empty()) {
    std::size_t e = second.end;
    const bool dots = v[first.end] == '.' && s1 == 1 && e < v.size() && v[e] == '.';
    if (dots) ++e;
    if ((v[first.end] == '/' || dots) && EndsCleanly(v, e) && !DigitAt(v, SkipSpaces(v, e, 2)) &&
        (ValidDayMonth(b, a) || ValidDayMonth(a, b))) {
      return {e, DateForm::kDayMonth};
    }
  }
  return none;
}

// A Roman month between separators (the first after the day is s1): "3-V-1985", "3.V.85",
// "3/V/1985", "3. V. 1985".
Date RomanMonthDateAt(std::string_view v, const DigitRun& first, std::size_t s1) {
  Date none;
  if (s1 == 0 || v[first.end] == ' ') return none;
  std::size_t roman_end;
  const int month = RomanMonthAt(v, first.end + s1, &roman_end);
  if (month == 0) return none;
  const std::size_t s2 = NumericSeparator(v, roman_end, true);
  const DigitRun year = s2 == 0 ? DigitRun{} : DigitRunAt(v, roman_end + s2);
  if (!year.empty() && PlausibleYear(year) && EndsCleanly(v, year.end) &&
      ValidDay(year, month, static_cast<int>(first.value))) {
    return {year.end, DateForm::kFull};
  }
  return none;
}

// Dates that begin with a number: numeric dates, day + month name, and Chinese dates.
Date DateFromNumberAt(std::string_view v, std::size_t i, bool compact_ok, bool day_month_ok) {
  Date none;
  const DigitRun first = DigitRunAt(v, i);
  if (first.empty()) return ChineseDateAt(v, i);
  {
    const Date zh = ChineseDateAt(v, i);
    if (zh.end != 0) return zh;
  }
  if (first.count == 4) return YearFirstDateAt(v, first);
  if (first.count == 8 || first.count == 6) return CompactDateAt(v, first, compact_ok);
  if (first.count > 2) return none;
  // Day or month first; the month in digits or in Roman numerals.
  const std::size_t s1 = NumericSeparator(v, first.end, true);
  const DigitRun second = s1 == 0 ? DigitRun{} : DigitRunAt(v, first.end + s1);
  if (!second.empty() && second.count <= 2) {
    return DayMonthInDigitsAt(v, first, s1, second, day_month_ok);
  }
  if (const Date d = RomanMonthDateAt(v, first, s1); d.end != 0) return d;
  // The month in digits after a word: "3 del 5 del 85", "3 de 5 de 1985", Danish "3. i 5. 1985"
  // and "den 3. i 5.".
  if (const Date d = DayOfMonthNumberAt(v, first); d.end != 0) return d;
  return DayThenMonthAt(v, SkipOrdinal(v, first.end), static_cast<int>(first.value));
}

// Dates that begin with a month name: "March 12, 1985", "marzo 12 de 1985", "March 1985",
// "marts 1985".
Date DateFromMonthAt(std::string_view v, std::size_t i) {
  Date none;
  std::size_t month_end;
  const int month = MonthAt(v, i, &month_end);
  if (month == 0) return none;
  std::size_t k = SkipSpaces(v, month_end, 3);
  // "May-3-1985", as forms abbreviate; "May the 3rd, 1985".
  const bool hyphen = k == month_end && k + 1 < v.size() && v[k] == '-' && IsDigit(v[k + 1]);
  if (hyphen) {
    ++k;
  } else if (k > month_end && StartsWithFolded(v, k, "the ")) {
    k = SkipSpaces(v, k + 4, 3);
  }
  // "May third", "May the twenty-first, 1985".
  std::size_t word_end;
  bool needs_of;
  if (const int day = k > month_end ? DayWordAt(v, k, &word_end, &needs_of) : 0;
      day != 0 && (!needs_of || day == 1) && ValidDayMonth(month, day)) {
    std::size_t year_end;
    const DigitRun year = YearAfterMonth(v, word_end, &year_end);
    if (!year.empty() && ValidDay(year, month, day)) return {year_end, DateForm::kFull};
    return {word_end, DateForm::kDayMonth};
  }
  const DigitRun day = DigitRunAt(v, k);
  if (!day.empty() && day.count <= 2 && (k > month_end || hyphen)) {
    const std::size_t after_day = SkipOrdinal(v, day.end);
    std::size_t year_end;
    const DigitRun year = YearAfterMonth(v, after_day, &year_end);
    if (!year.empty() && ValidDay(year, month, static_cast<int>(day.value))) {
      return {year_end, DateForm::kFull};
    }
    // "June 3rd": the ordinal goes with the day.
    const std::size_t day_end = after_day != day.end && v[day.end] != '.' ? after_day : day.end;
    if (ValidDayMonth(month, static_cast<int>(day.value)) && EndsCleanly(v, day_end) &&
        (day_end >= v.size() || v[day_end] != '.' || !DigitAt(v, day_end + 1))) {
      return {day_end, DateForm::kDayMonth};
    }
    return none;
  }
  std::size_t year_end;
  const DigitRun year = YearAfterMonth(v, month_end, &year_end);
  if (!year.empty() && year.count == 4) return {year_end, DateForm::kMonthYear};
  return none;
}

// A month and year in digits, as forms ask for them ("出生年月：1985.03", "DOB: 03/1985",
// "født 3/1985"), or a month's name and a marked two-digit year ("born March '85"). Returns the
// end, or 0.
std::size_t MonthYearAt(std::string_view v, std::size_t i) {
  const DigitRun first = DigitRunAt(v, i);
  if (first.empty()) {
    std::size_t month_end;
    std::size_t year_end;
    if (MonthAt(v, i, &month_end) == 0) return 0;
    const DigitRun year = YearAfterMonth(v, month_end, &year_end);
    return year.empty() ? 0 : year_end;
  }
  const std::size_t s = NumericSeparator(v, first.end, false);
  const DigitRun second = s == 0 ? DigitRun{} : DigitRunAt(v, first.end + s);
  if (second.empty() || !EndsCleanly(v, second.end)) return 0;
  // Not the start of a whole date or a range: "1985-03-12", "3/12/85".
  if (const std::size_t s2 = NumericSeparator(v, second.end, false);
      s2 != 0 && !DigitRunAt(v, second.end + s2).empty()) {
    return 0;
  }
  const DigitRun& year = first.count == 4 ? first : second;
  const DigitRun& month = first.count == 4 ? second : first;
  if (year.count != 4 || month.count > 2 || year.value < 1900 || year.value > 2099 ||
      month.value < 1 || month.value > 12) {
    return 0;
  }
  return second.end;
}

// compact_ok: digits without separators may be a date ("12031985"); day_month_ok: so may a day and
// month in digits alone ("12/3").
Date DateAt(std::string_view v, std::size_t i, bool compact_ok, bool day_month_ok = false) {
  std::size_t len;
  if (DigitValueAt(v, i, &len) >= 0) return DateFromNumberAt(v, i, compact_ok, day_month_ok);
  if (i < v.size() && IsAlphaAscii(v[i])) {
    // The day is said in words as often as in digits: "the third of May 1985", "tredje maj",
    // "el tres de mayo de 1985", "primero de junio de 1936".
    std::size_t day_end;
    bool needs_of;
    if (const int day = DayWordAt(v, i, &day_end, &needs_of); day != 0) {
      const std::size_t k = SkipSpaces(v, day_end, 3);
      if (needs_of && !StartsWithFolded(v, k, "de ") && !StartsWithFolded(v, k, "of ")) return {};
      return DayThenMonthAt(v, k, day);
    }
    return DateFromMonthAt(v, i);
  }
  return ChineseDateAt(v, i);
}

// ---------------------------------------------------------------------------------------------
// The words that say a date is a birth date.

// After these, the date follows (a few small words or a place may come between).
constexpr Keyword kBirthWordsList[] = {
    // Danish, Norwegian, Swedish
    {"født"},
    {"fødd"},
    {"född"},
    {"fødselsdato", false},
    {"fødselsdag", false},
    {"fødselsår", false},
    {"fødselsdatum"},
    // Birth itself and coming into the world: "fødslen var den 3. maj", "han kom til verden
    // den 3. maj 1985", "came into the world on", "vino al mundo el", "dio a luz el".
    {"fødsel"},
    {"fødslen"},
    {"fødte"},
    {"kom til verden"},
    {"came into the world"},
    {"vino al mundo"},
    {"vine al mundo"},
    {"dio a luz"},
    {"di a luz"},
    {"fød.dato"},
    {"f.dato"},
    {"fdato"},
    {"fdt."},
    {"fød."},
    // Danish typed without æøå, as on a foreign keyboard or phone: ø as "oe" or "o".
    {"foedt"},
    {"fodt"},
    {"foedselsdato", false},
    {"fodselsdato", false},
    {"foedselsdag", false},
    {"fodselsdag", false},
    {"foedselsaar", false},
    // English
    {"born"},
    {"birth"},
    {"birthdate", false},
    {"birthday", false},
    {"dob"},
    {"d.o.b"},
    {"bday"},
    {"b-day"},
    {"yob"},
    // A maiden name, then the date: "Mary Jones (née Smith, 3 May 1950)".
    {"née"},
    {"né"},
    // Spanish
    {"nacido"},
    {"nacida"},
    {"nació"},
    {"nacio"},
    {"nací"},
    {"naci"},
    {"nacimiento"},
    {"nac."},
    {"nac"},
    {"cumpleaños"},
    {"cumpleanos"},
    // "mi cumple es el 3/5": the birthday, as Spanish chats say it; "cumple 40 el 12 de marzo".
    {"cumple"},
    // Turning an age on a day gives the day of birth: "turns 40 on 12 March", "fylder 40 den
    // 12. marts", "cumplo 40 años el 12 de marzo".
    {"turns"},
    {"turned"},
    {"turning"},
    {"turn"},
    {"fylder"},
    {"fyldte"},
    {"fylde"},
    {"cumplo"},
    {"cumplió"},
    {"cumplio"},
    {"cumplí"},
    {"cumplirá"},
    {"cumplira"},
    // A year of birth said as one's vintage: "soy del 85", "jeg er årgang 1985".
    {"soy del"},
    {"soy de"},
    {"årgang"},
    {"aargang"},
    // An age, then the date it counts from: "Jens, 40 år, 3. maj 1985", "aged 40 years (3 May
    // 1985)", "tengo 40 años (3 de mayo de 1985)", "40岁（1985年5月3日）".
    {"år"},
    {"aar"},
    {"years"},
    {"yrs"},
    {"años"},
    {"anos"},
    {"\xE5\xB2\x81"},
    // German
    {"geboren"},
    {"geburtsdatum"},
    {"geburtstag", false},
    {"geb."},
    // Chinese: 出生 (birth), 生日 (birthday), 生于 (born in/on), 诞生 (born), 生辰 (birth time)
    {"\xE5\x87\xBA\xE7\x94\x9F"},
    {"\xE7\x94\x9F\xE6\x97\xA5"},
    {"\xE7\x94\x9F\xE4\xBA\x8E"},
    // 出世 (came into the world)
    {"\xE5\x87\xBA\xE4\xB8\x96"},
    // 降生 (was born, of a child)
    {"\xE9\x99\x8D\xE7\x94\x9F"},
    {"\xE8\xAF\x9E\xE7\x94\x9F"},
    // Traditional script: 生於, 誕生
    {"\xE7\x94\x9F\xE6\x96\xBC"},
    {"\xE8\xAA\x95\xE7\x94\x9F"},
    {"\xE7\x94\x9F\xE8\xBE\xB0"},
};
constexpr KeywordSet kBirthWords(kBirthWordsList);

// Abbreviations that say "born" only right before a date: "f. 12.03.1985", "b. 3/12/1985",
// "f.d. 12.3.1984" (født den, without a space), and Spanish forms' "FN: 03/05/1985" (fecha de
// nacimiento).
constexpr Keyword kBornAbbreviationsList[] = {{"f.d."}, {"f."}, {"b."}, {"fn"}, {"f.n."}, {"fn."}};

// Words after "birth" (or 出生) that make it about something else: birth rates, weights,
// certificates.
constexpr Keyword kNotBirthDateList[] = {
    {"rate", false},
    {"weight", false},
    {"place", false},
    {"control", false},
    {"certificate"},
    {"cohort", false},
    {"order"},
    {"registration"},
    {"year", false},
    {"rates"},
    // 率 (rate), 人口 (population), 数 (number), 量 (quantity), 缺陷 (defect), 地 (place),
    // 证 (certificate)
    {"\xE7\x8E\x87"},
    {"\xE4\xBA\xBA\xE5\x8F\xA3"},
    {"\xE6\x95\xB0"},
    {"\xE9\x87\x8F"},
    {"\xE7\xBC\xBA\xE9\x99\xB7"},
    {"\xE5\x9C\xB0"},
    {"\xE8\xAF\x81"},
};
constexpr KeywordSet kNotBirthDate(kNotBirthDateList);
constexpr KeywordSet kBornAbbreviations(kBornAbbreviationsList);

// Small words that may stand between the birth word and the date: "født den", "born on",
// "nacido el", "date of birth is", "出生日期".
constexpr Keyword kFillersList[] = {
    {"den"},
    {"d."},
    {"d"},
    {"i"},
    {"on"},
    {"the"},
    {"in"},
    {"at"},
    {"på"},
    {"paa"},
    {"el"},
    {"la"},
    {"en"},
    {"día"},
    {"dia"},
    {"is"},
    {"was"},
    {"er"},
    {"var"},
    {"es"},
    {"fue"},
    {"of"},
    {"de"},
    {"date"},
    {"dato"},
    {"fecha"},
    {"am"},
    {"ist"},
    {"year"},
    {"año"},
    {"år"},
    {"året"},
    {"aar"},
    {"aaret"},
    // 年份 年
    {"\xE5\xB9\xB4\xE4\xBB\xBD"},
    {"som"},
    {"as"},
    {"a"},
    {"un"},
    {"una"},
    {"a.m."},
    {"day"},
    {"her"},
    {"his"},
    {"hans"},
    {"hendes"},
    {"su"},
    {"mi"},
    {"my"},
    {"min"},
    {"mit"},
    {"datum"},
    {"y"},
    {"och"},
    {"and"},
    {"og"},
    {"dagen"},
    // Weekdays: "født mandag den 12. marts 1985", "nació el lunes 3 de abril"
    {"mandag"},
    {"tirsdag"},
    {"onsdag"},
    {"torsdag"},
    {"fredag"},
    {"lørdag"},
    {"søndag"},
    {"monday"},
    {"tuesday"},
    {"wednesday"},
    {"thursday"},
    {"friday"},
    {"saturday"},
    {"sunday"},
    {"lunes"},
    {"martes"},
    {"miércoles"},
    {"miercoles"},
    {"jueves"},
    {"viernes"},
    {"sábado"},
    {"sabado"},
    {"domingo"},
    {"den."},
    // A year given roughly is still the year: "født ca. 1985", "born around 1950", "nacido
    // hacia 1940"; "nació el pasado 12 de marzo".
    {"ca."},
    {"ca"},
    {"cirka"},
    {"circa"},
    {"c."},
    {"omkring"},
    {"around"},
    {"about"},
    {"approx."},
    {"approximately"},
    {"aprox."},
    {"aproximadamente"},
    {"hacia"},
    {"pasado"},
    // The season or part of the year: "født i foråret 1985", "born in the summer of 1985", "born
    // early 1985", "nací a fines de 1985", "nació en el verano del 85".
    {"spring"},
    {"summer"},
    {"autumn"},
    {"fall"},
    {"winter"},
    {"early"},
    {"late"},
    {"mid"},
    {"s"},  // "my birthday's on 3 May"
    {"end"},
    {"beginning"},
    {"start"},
    {"middle"},
    {"foråret"},
    {"foraaret"},
    {"sommeren"},
    {"efteråret"},
    {"efteraaret"},
    {"vinteren"},
    {"starten"},
    {"begyndelsen"},
    {"slutningen"},
    {"midten"},
    {"af"},
    {"sidst"},
    {"først"},
    {"primo"},
    {"ultimo"},
    {"medio"},
    {"anno"},
    {"tilbage"},
    {"back"},
    {"primavera"},
    {"verano"},
    {"otoño"},
    {"otono"},
    {"invierno"},
    {"fines"},
    {"finales"},
    {"principios"},
    {"comienzos"},
    {"mediados"},
    {"del"},
    // 于 於 是 为 在 日期 年月日 年月 时间 ：
    {"\xE4\xBA\x8E"},
    {"\xE6\x96\xBC"},
    {"\xE6\x98\xAF"},
    {"\xE4\xB8\xBA"},
    {"\xE5\x9C\xA8"},
    {"\xE6\x97\xA5\xE6\x9C\x9F"},
    {"\xE5\xB9\xB4\xE6\x9C\x88\xE6\x97\xA5"},
    {"\xE5\xB9\xB4\xE6\x9C\x88"},
    {"\xE6\x97\xB6\xE9\x97\xB4"},
    // 的 那天 那年 当天 日子: "我出生的日期是", "我出生那天是", "出生那年是"
    {"\xE7\x9A\x84"},
    {"\xE9\x82\xA3\xE5\xA4\xA9"},
    {"\xE9\x82\xA3\xE5\xB9\xB4"},
    {"\xE5\xBD\x93\xE5\xA4\xA9"},
    {"\xE6\x97\xA5\xE5\xAD\x90"},
};
constexpr KeywordSet kFillers(kFillersList);

// Quotes and brackets that people put around what they type into a form, on either side of a
// date: '12.03.1985', »3. maj 1985«, „17. apr. 1962“, [14/06/1937], <4/17/77>, 「1948年6月2日」,
// （1985年3月12日）. Danish and German quote marks open with what English closes, so the two
// sides are not told apart.
bool IsQuoteOrBracket(int32_t cp) {
  switch (cp) {
    case '\'':
    case '"':
    case '(':
    case ')':
    case '[':
    case ']':
    case '<':
    case '>':
    case '{':
    case '}':
    case 0xAB:    // «
    case 0xBB:    // »
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x2039:  // ‹
    case 0x203A:  // ›
    case 0x3008:  // 〈
    case 0x3009:  // 〉
    case 0x300A:  // 《
    case 0x300B:  // 》
    case 0x300C:  // 「
    case 0x300D:  // 」
    case 0x300E:  // 『
    case 0x300F:  // 』
    case 0x3010:  // 【
    case 0x3011:  // 】
    case 0xFF02:  // ＂
    case 0xFF07:  // ＇
    case 0xFF08:  // （
    case 0xFF09:  // ）
    case 0xFF1C:  // ＜
    case 0xFF1E:  // ＞
    case 0xFF3B:  // ［
    case 0xFF3D:  // ］
      return true;
    default:
      return false;
  }
}

// The start of the quotes and brackets (at most two: "（(1988年7月9号)出生）") that end at j, or j.
std::size_t QuotesBefore(std::string_view v, std::size_t j) {
  for (int n = 0; n < 2 && j > 0; ++n) {
    std::size_t start;
    if (!IsQuoteOrBracket(CodePointBefore(v, j, &start))) break;
    j = start;
  }
  return j;
}

// The end of a bracketed hint without digits that forms put after a label, how the date is to be
// written or whose it is: "Fødselsdato (dag/måned/år):", "F. nacimiento (dd/mm/aaaa):",
// "Date of birth (DD/MM/YYYY)", "出生日期（年/月/日）". Returns k when there is none.
std::size_t FormatHintAt(std::string_view v, std::size_t k) {
  std::size_t len;
  const int32_t open = CodePointAt(v, k, &len);
  int32_t close;
  if (open == '(') {
    close = ')';
  } else if (open == '[') {
    close = ']';
  } else if (open == 0xFF08) {
    close = 0xFF09;
  } else {
    return k;
  }
  const std::size_t limit = std::min(v.size(), k + 40);
  for (std::size_t j = k + len; j < limit;) {
    std::size_t n;
    const int32_t cp = CodePointAt(v, j, &n);
    if (cp == close) return j + n;
    if (DigitValueAt(v, j, &n) >= 0 || cp == '(' || cp == 0xFF08) return k;
    j += n == 0 ? 1 : n;
  }
  return k;
}

// Words that introduce another time than the birth: "since", "until", "desde", "siden".
constexpr std::string_view kOtherTimesList[] = {
    "since", "until", "till", "siden", "indtil", "fra", "desde", "hasta", "después", "despues",
    "after", "efter", "antes", "before", "før", "foer", "from", "moved", "flyttede", "flyttet", "mudé",
    "mude", "vivo", "live", "lived", "bor", "boede", "married", "gift", "casé",
};
constexpr WordSet kOtherTimes(kOtherTimesList);

bool WordIn(std::string_view v, const Word& w, const WordSet& set);

// What ScanAfterKeyword has passed since the birth word, which limits what may still come.
struct PassedWords {
  bool compound = false;  // the birth word began a longer word
  int words = 0;
  int places = 0;
  int others = 0;
  bool loose = false;
  bool ended = false;
  // After "in", "en", "i", "på", a place may be said in common words too: "nació en la ciudad
  // de Córdoba el", "født på hospitalet i Aarhus den", "born at the old hospital on". A
  // conjunction ends it ("born in Leeds and moved to London on" is another date).
  bool in_place = false;
  int common = 0;
};

// Past the punctuation or space at k that may stand between the birth word and its date. k
// when there is none.
std::size_t PastMarkAt(std::string_view v, std::size_t k, PassedWords* passed) {
  const char c = v[k];
  // A form's label may stand on a line of its own, or end in any mark: "DOB;", "DOB |",
  // "Fødselsdato*", "fecha de nacimiento ~".
  if (c == ' ' || c == '\t' || c == ':' || c == '-' || c == ',' || c == '=' || c == '.' ||
      c == '/' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '*' || c == '#' ||
      c == '~') {
    // A full stop after a word longer than an abbreviation ends the sentence: no other
    // words may come between after it ("born in Leeds. The plan was adopted on").
    if (c == '.' && k + 1 < v.size() && v[k + 1] == ' ' && WordBefore(v, k + 1).size() > 3) {
      passed->ended = true;
    }
    return k + 1;
  }
  std::size_t len;
  const int32_t cp = CodePointAt(v, k, &len);
  // ： – — ideographic space, no-break space, ， ； … ≈ →
  if (cp == 0xFF1A || cp == 0x2013 || cp == 0x2014 || cp == 0x3000 || cp == 0xA0 || cp == 0xFF0C ||
      cp == 0xFF1B || cp == 0x2026 || cp == 0x2248 || cp == 0x2192 || IsQuoteOrBracket(cp)) {
    return k + len;
  }
  return k;
}

// Past the word at k, when words like it may stand between the birth word and its date:
// fillers, a place, other words of the same clause. Nothing when the search ends.
std::optional<std::size_t> PastWordAt(std::string_view v, std::size_t k, PassedWords* passed) {
  PassedWords& p = *passed;
  std::size_t end;
  if (const Keyword* filler = KeywordAt(v, k, kFillers, &end); filler != nullptr) {
    if (++p.words > (p.in_place || p.loose ? 12 : 6)) return std::nullopt;
    for (std::string_view place_word : {"in", "en", "i", "at", "på", "paa"}) {
      if (filler->text == place_word) p.in_place = true;
    }
    for (std::string_view conjunction : {"and", "og", "y", "och"}) {
      if (filler->text != conjunction) continue;
      // "born in hospital, and on 12 March we went home": a new clause after the place.
      if (p.common > 0 || p.loose) return std::nullopt;
      p.in_place = false;
    }
    return end;
  }
  const Word w = WordAt(v, k);
  // A date after these is another one: "nacido en Rosario, vivo en Córdoba desde 2010".
  if (!w.empty() && WordIn(v, w, kOtherTimes)) return std::nullopt;
  if (!w.empty() && w.capital && ++p.places <= 5 && ++p.words <= 8) {
    if (w.dot && w.size() > 3) p.ended = true;  // "born in Leeds. The plan"
    return w.after();
  }
  if (!w.empty() && p.in_place && !w.dot && !p.ended && ++p.common <= 3 && ++p.words <= 8) {
    return w.end;
  }
  if (!w.empty() && !p.compound && !p.ended && ++p.others <= 6 && ++p.words <= 12) {
    p.loose = true;
    return w.end;
  }
  // Chinese runs its words together: a place of a few characters ("他出生于北京市朝阳区，
  // 1985年5月3日").
  std::size_t len;
  const int32_t cp = CodePointAt(v, k, &len);
  if (w.empty() && IsHan(cp) && !p.compound && ++p.others <= 10) {
    p.loose = true;
    return k + len;
  }
  return std::nullopt;
}

// Where a date may start after the birth word at `from`: past punctuation, small words and up
// to five capitalised words (a place: "født i Aarhus den", "born in Rosario on", "nació en el
// Hospital Italiano de Buenos Aires el"). Calls `try_at(k, loose)` at each position a date
// could start; stops at the first date found. `loose`: other words came between, in the same
// clause ("born at home in a small village near York on", "I was actually born on", "nací un
// día como hoy, el"), after which only a whole date is one.
template <typename F>
bool ScanAfterKeyword(std::string_view v, std::size_t from, F&& try_at) {
  std::size_t k = from;
  PassedWords passed;
  // Not after a longer word that starts with the keyword ("fødselsdagsfesten", the birthday
  // party): only the date right after it.
  std::size_t first_len;
  passed.compound = IsSpacedLetter(CodePointAt(v, from, &first_len));
  const std::size_t limit = from + 100;
  while (k < v.size() && k < limit) {
    if (try_at(k, passed.loose)) return true;
    if (const std::size_t hint = FormatHintAt(v, k); hint != k) {
      k = hint;
      continue;
    }
    const char c = v[k];
    // Among other words, the end of a sentence or line ends the search.
    if (passed.loose && (c == '\n' || ((c == '.' || c == '!' || c == '?') &&
                                       (k + 1 >= v.size() || v[k + 1] == ' ')))) {
      return false;
    }
    if (const std::size_t mark = PastMarkAt(v, k, &passed); mark != k) {
      k = mark;
      continue;
    }
    const std::optional<std::size_t> word = PastWordAt(v, k, &passed);
    if (!word) return false;
    k = *word;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// A year of birth alone. The gate generalises ages and years of birth to bands of five or ten
// years, because a year singles people out among their neighbours; a comment saying "født i
// 1985" next to a generalised age would undo that. So after the words that say born (not those
// that say birthday: "my birthday in 2019"), a year alone is a date of birth too.

// The birth words that a year alone may follow: those about being born, not about birthdays.
bool YearMayFollow(std::string_view keyword) {
  for (std::string_view k :
       {"fødselsdag", "foedselsdag", "fodselsdag", "cumple", "turns", "turned", "turning", "turn",
        "fylder", "fyldte", "fylde", "cumplo", "cumplió", "cumplio", "cumplí", "cumplirá",
        "cumplira", "birthday", "bday", "b-day", "cumpleaños", "cumpleanos", "geburtstag",
        "\xE7\x94\x9F\xE6\x97\xA5", "\xE7\x94\x9F\xE8\xBE\xB0"}) {
    if (keyword == k) return false;
  }
  return true;
}

// Four digits that are a year and nothing more: not a range ("1985-1990", "1985/86"), a decade
// ("1980s"), a figure ("1985,5") or part of a longer number. With 年 after it, 年 goes with it.
std::size_t YearAloneAt(std::string_view v, std::size_t k) {
  std::size_t len;
  if (k > 0 && IsDigit(v[k - 1])) return 0;
  DigitRun y = DigitRunAt(v, k);
  if (y.empty()) {
    y = ChineseNumeralAt(v, k);
    if (y.count != 4 || !At(v, y.end, kNian)) return 0;
  }
  if (y.count != 4 || y.value < 1900 || y.value > 2099) return 0;
  if (At(v, y.end, kNian)) return y.end + kNian.size();
  if (!EndsCleanly(v, y.end)) return 0;
  if (y.end + 1 < v.size() &&
      (v[y.end] == '-' || v[y.end] == '/' || v[y.end] == '.' || v[y.end] == ',') &&
      DigitValueAt(v, y.end + 1, &len) >= 0) {
    return 0;
  }
  if (At(v, y.end, "\xE2\x80\x93") && DigitAt(v, y.end + 3)) return 0;  // 1985–1990
  return y.end;
}

// A year of birth in two digits, as people say it: marked by an apostrophe or a Danish dash
// ("born in '85", "født -85", "nací en el ’85"), or after the words that make a number a year
// ("nací en el 85", "nacida en el año 92", "født i 85", "born in 85"), where the sentence goes
// on as after a date. Returns its end, or 0.
// After a label of the year ("Fødselsår: 85", "año de nac. 85"), any two digits are one.
std::size_t ShortYearAt(std::string_view v, std::size_t k, bool after_year_label) {
  std::size_t d = k;
  if (At(v, k, "'") || At(v, k, "-")) {
    d = k + 1;
  } else if (At(v, k, "\xE2\x80\x99")) {  // ’
    d = k + 3;
  }
  if (d == k && !after_year_label) {
    const Word before = WordBefore(v, SkipSpacesBack(v, k, 2));
    if (before.empty() || before.dot) return 0;
    bool year_word = false;
    for (std::string_view w : {"el", "del", "año", "ano", "i", "in", "en"}) {
      year_word = year_word || WordIs(v, before.begin, before.end, w);
    }
    if (!year_word) return 0;
  } else if (d > 0 && v[k] == '-' && k > 0 && v[k - 1] != ' ') {
    return 0;
  }
  const DigitRun y = DigitRunAt(v, d);
  if (y.count != 2 || y.end - y.begin != 2 || !EndsCleanly(v, y.end)) return 0;
  // Not "85.000", "85,5", "85-90", "85 kr".
  if (y.end + 1 < v.size() && (v[y.end] == '.' || v[y.end] == ',' || v[y.end] == '-' ||
                                v[y.end] == '/') && IsDigit(v[y.end + 1])) {
    return 0;
  }
  return EndsLikeADate(v, y.end) ? y.end : 0;
}

// A year of birth in two digits with 年 ("出生于85年", "生于八五年"), not a decade, a class or a
// span of years (85年代, 85年级, 85年后, 85年来). Returns its end, or 0.
std::size_t ChineseShortYearAt(std::string_view v, std::size_t k) {
  DigitRun y = DigitRunAt(v, k);
  if (y.empty()) y = ChineseNumeralAt(v, k);
  if (y.count != 2 || !At(v, y.end, kNian)) return 0;
  if (k > 0 && IsDigit(v[k - 1])) return 0;
  std::size_t len;
  const int32_t next = CodePointAt(v, y.end + kNian.size(), &len);
  // 代 级 后 前 间 内 来 里 龄 多 左
  for (int32_t cp : {0x4EE3, 0x7EA7, 0x540E, 0x524D, 0x95F4, 0x5185, 0x6765, 0x91CC, 0x9F84,
                     0x591A, 0x5DE6}) {
    if (next == cp) return 0;
  }
  // With its month, as forms ask for it: "出生年月：85年5月".
  const std::size_t after = y.end + kNian.size();
  const DigitRun month = ChineseNumberAt(v, after);
  if (!month.empty() && month.count <= 2 && month.value >= 1 && month.value <= 12 &&
      At(v, month.end, kYue)) {
    return month.end + kYue.size();
  }
  return after;
}

// ---------------------------------------------------------------------------------------------
// Who was born. "born", "nació" are said of projects, libraries and festivals too ("La
// biblioteca popular nació el 12/06/2015", "Our project was born in 2019"); and "born in 2019"
// after "children" counts a group. The words just before the birth word tell them apart.

// clang-format off
constexpr std::string_view kAuxiliariesList[] = {
    "was", "were", "is", "are", "been", "has", "have", "had", "be", "being", "fue", "fueron",
    "ha", "han", "había", "habia", "es", "son", "er", "blev", "var", "bliver", "är", "war",
    "ist", "wurde", "just", "recently", "actually", "also", "también", "tambien", "også",
};
constexpr WordSet kAuxiliaries(kAuxiliariesList);
constexpr std::string_view kPronounsList[] = {
    "i", "he", "she", "we", "they", "you", "jeg", "han", "hun", "vi", "du", "yo", "él", "el",
    "ella", "ellos", "ellas", "nosotros", "usted", "ich", "er", "sie", "der",
};
constexpr WordSet kPronouns(kPronounsList);
// Relative pronouns stand for the noun before them: "my son, who was born", "la biblioteca, que
// nació".
constexpr std::string_view kRelativesList[] = {"who", "which", "que", "quien", "som"};
constexpr WordSet kRelatives(kRelativesList);
constexpr std::string_view kDeterminersList[] = {
    "the", "this", "that", "these", "those", "a", "an", "el", "la", "lo", "los", "las", "este",
    "esta", "estos", "estas", "ese", "esa", "aquel", "aquella", "un", "una", "dicho", "dicha",
    "den", "det", "denne", "dette", "die", "das",
};
constexpr WordSet kDeterminers(kDeterminersList);
constexpr std::string_view kPossessivesList[] = {
    "my", "our", "his", "her", "their", "your", "mi", "mis", "su", "sus", "nuestro", "nuestra",
    "min", "mit", "mine", "vores", "hans", "hendes", "deres", "din", "dit",
};
constexpr WordSet kPossessives(kPossessivesList);
// People, whose birth dates these are.
constexpr std::string_view kPeopleList[] = {
    "son", "daughter", "child", "baby", "boy", "girl", "wife", "husband", "partner", "mother",
    "father", "mum", "mom", "dad", "brother", "sister", "grandson", "granddaughter",
    "grandmother", "grandfather", "grandma", "grandpa", "nephew", "niece", "aunt", "uncle",
    "cousin", "friend", "neighbour", "neighbor", "man", "woman", "patient", "resident", "tenant",
    "applicant", "citizen", "person", "twins", "twin", "kid", "mr", "mrs", "ms", "dr", "lady",
    "gentleman", "owner", "respondent", "hijo", "hija", "bebé", "bebe", "beba", "nene", "nena",
    "niño", "niña", "nino", "nina", "chico", "chica", "señor", "señora", "senor", "senora",
    "padre", "madre", "papá", "mamá", "papa", "mama", "abuelo", "abuela", "hermano", "hermana",
    "esposo", "esposa", "marido", "mujer", "hombre", "vecino", "vecina", "paciente", "tío",
    "tía", "tio", "tia", "primo", "prima", "sobrino", "sobrina", "persona", "menor", "alumno",
    "alumna", "titular", "solicitante", "residente", "ciudadano", "ciudadana", "nieto", "nieta",
    "sr", "sra", "srta", "seño", "don", "doña", "doctor", "doctora", "lic", "ing", "profe",
    "profesor", "profesora", "maestro", "maestra", "sir", "miss", "prof", "frk", "søn",
    "datter", "barn", "pige", "dreng", "kone", "mand", "mor", "far", "bror", "søster",
    "barnebarn", "mormor", "morfar", "farmor", "farfar", "nabo", "borger", "borgeren", "beboer",
    "ansøger", "ansoeger", "kvinde", "hr", "fru", "tvillinger", "tvilling",
};
constexpr WordSet kPeople(kPeopleList);
// Things that are said to be born, with a possessive too ("our project").
constexpr std::string_view kThingsList[] = {
    "project", "library", "association", "idea", "initiative", "company", "organisation",
    "organization", "school", "hospital", "park", "festival", "market", "network", "group",
    "club", "movement", "campaign", "program", "programme", "plan", "app", "service", "centre",
    "center", "museum", "church", "team", "band", "business", "shop", "store", "restaurant",
    "brand", "platform", "neighbourhood", "neighborhood", "garden", "cooperative", "charity",
    "foundation", "newspaper", "magazine", "website", "concept", "tradition", "event", "fair",
    "proyecto", "biblioteca", "asociación", "asociacion", "iniciativa", "empresa", "escuela",
    "colegio", "parque", "feria", "mercado", "red", "grupo", "movimiento", "campaña", "programa",
    "centro", "museo", "iglesia", "equipo", "banda", "negocio", "comercio", "tienda", "barrio",
    "cooperativa", "fundación", "fundacion", "organización", "organizacion", "comisión",
    "comedor", "huerta", "radio", "revista", "diario", "periódico", "torneo", "servicio",
    "sitio", "murga", "sociedad", "plaza", "ciudad", "pueblo", "villa", "tradición",
    "evento", "concepto", "projekt", "projektet", "forening", "foreningen", "ide", "idé",
    "ideen", "idéen", "initiativ", "initiativet", "firma", "firmaet", "virksomhed",
    "virksomheden", "skole", "skolen", "festivalen", "marked", "markedet", "netværk",
    "netværket", "gruppe", "gruppen", "klubben", "bevægelse", "bevægelsen", "kampagne",
    "kampagnen", "bibliotek", "biblioteket", "haven", "kvarteret", "bydelen",
};
constexpr WordSet kThings(kThingsList);
// Groups, which a year counts rather than dates: "children born in 2019".
constexpr std::string_view kGroupsList[] = {
    "people", "children", "kids", "residents", "citizens", "babies", "persons", "those",
    "everyone", "anyone", "all", "men", "women", "households", "families", "pupils", "students",
    "personas", "niños", "ninos", "chicos", "vecinos", "quienes", "aquellos", "todos", "todas",
    "los", "las", "bebés", "bebes", "nacidos", "børn", "folk", "personer", "borgere", "alle",
    "beboere", "elever", "familier", "dem",
};
constexpr WordSet kGroups(kGroupsList);
// clang-format on

// kNamed: a name that may be a person's or a thing's ("Wilmer Park", "Roskilde Festival"); a
// whole date after it is a birth date, a year alone is not.
enum class Subject { kPerson, kNamed, kThing, kGroup };

// The birth words that say someone or something was born, as a verb or participle; the others
// ("date of birth", "fødselsdato", "F. Nac.") label the date that follows.
bool IsBornVerb(std::string_view keyword) {
  for (std::string_view k :
       {"født", "foedt", "fodt", "fødd", "född", "born", "nacido", "nacida", "nació", "nacio",
        "geboren", "fødte", "kom til verden", "came into the world", "vino al mundo",
        "vine al mundo", "dio a luz", "di a luz"}) {
    if (keyword == k) return true;
  }
  return false;
}

bool WordIn(std::string_view v, const Word& w, const WordSet& set) {
  return set.Contains(v, w.begin, w.end);
}

// The verbs that say someone turns an age; the day they do it on is the day of birth.
bool IsAgeVerb(std::string_view keyword) {
  for (std::string_view k : {"cumple", "turns", "turned", "turning", "turn", "fylder", "fyldte",
                             "fylde", "cumplo", "cumplió", "cumplio", "cumplí", "cumplirá",
                             "cumplira"}) {
    if (keyword == k) return true;
  }
  return false;
}

constexpr std::string_view kAgeUnitsList[] = {"years", "year", "yrs", "old", "år", "aar",
                                              "años", "anos", "de", "edad"};
constexpr WordSet kAgeUnits(kAgeUnitsList);

// After an age verb, the age and its unit: "turns 40 (years old) on", "fylder 40 år den",
// "cumplo 40 años el". Returns the position after them, or `from` when no age follows.
std::size_t AgeAfter(std::string_view v, std::size_t from) {
  std::size_t k = SkipSpaces(v, from, 2);
  const DigitRun age = DigitRunAt(v, k);
  if (k == from || age.empty() || age.count > 3 || age.value > 125 || !EndsCleanly(v, age.end)) {
    // The years without the age: "cumplo (los) años el 3 de mayo", "fylder år den 3. maj",
    // "fylder rundt den 3. maj".
    if (k == from) return from;
    if (StartsWithFolded(v, k, "los ")) k = SkipSpaces(v, k + 4, 2);
    const Word w = WordAt(v, k);
    for (std::string_view unit : {"años", "anos", "år", "aar", "rundt"}) {
      if (WordIs(v, w.begin, w.end, unit)) return w.end;
    }
    return from;
  }
  k = age.end;
  for (int n = 0; n < 3; ++n) {
    const Word w = WordAt(v, SkipSpaces(v, k, 2));
    if (w.empty() || !WordIn(v, w, kAgeUnits)) break;
    k = w.end;
  }
  return k;
}

// The words that give a year of birth as one's vintage: "soy del 85", "årgang 1985".
bool IsVintageWord(std::string_view keyword) {
  return keyword == "soy del" || keyword == "soy de" || keyword == "årgang" ||
         keyword == "aargang";
}

// The year right after a vintage word, two digits or four: its end, and its start in *begin; or
// 0.
std::size_t VintageYearAt(std::string_view keyword, std::string_view v, std::size_t end,
                          std::size_t* begin) {
  std::size_t k = SkipSpaces(v, end, 2);
  // "soy del año 85"
  if (keyword == "soy del" && (StartsWithFolded(v, k, "año ") || StartsWithFolded(v, k, "ano "))) {
    k = SkipSpaces(v, k + (v[k + 1] == 'n' ? 4 : 5), 2);
  }
  *begin = k;
  if (keyword != "soy de" && At(v, k, "'")) ++k;  // "soy del '85"
  const DigitRun y = DigitRunAt(v, k);
  if (y.count == 4) return YearAloneAt(v, k);
  // "soy de 85" says a count as often: only "del" and "årgang" make two digits a year.
  if (y.count != 2 || keyword == "soy de" || !EndsLikeADate(v, y.end)) return 0;
  return y.end;
}

// The units of an age that a date of birth may follow.
bool IsAgeUnit(std::string_view keyword) {
  return keyword == "år" || keyword == "aar" || keyword == "years" || keyword == "yrs" ||
         keyword == "años" || keyword == "anos" || keyword == "\xE5\xB2\x81";
}

// After an age ("40 år", "40 years old", "40 años de edad", "40岁") at [unit, unit_end), a whole
// date right after it, in brackets or after a comma, whose year and the age add up to a year of
// this era (a date of birth, not an appointment): its end, and its start in *begin; or 0.
std::size_t DateAfterAge(std::string_view v, std::size_t unit, std::size_t unit_end,
                         std::size_t* begin) {
  std::size_t j = SkipSpacesBack(v, unit, 2);
  std::size_t digits = j;
  while (digits > 0 && IsDigit(v[digits - 1]) && j - digits < 3) --digits;
  if (digits == j || (digits > 0 && (IsDigit(v[digits - 1]) || v[digits - 1] == '.'))) return 0;
  const int age = Number(v.substr(digits, j - digits));
  if (age > 125) return 0;
  std::size_t k = unit_end;
  for (int n = 0; n < 6 && k < v.size(); ++n) {
    k = SkipSpaces(v, k, 2);
    std::size_t len;
    const int32_t cp = CodePointAt(v, k, &len);
    if (cp == ',' || cp == ':' || cp == 0xFF0C || cp == 0xFF1A || IsQuoteOrBracket(cp)) {
      k += len;
      continue;
    }
    const Word w = WordAt(v, k);
    bool unit_word = false;
    for (std::string_view u : {"old", "gammel", "gamle", "de", "edad"}) {
      unit_word = unit_word || WordIs(v, w.begin, w.end, u);
    }
    if (!unit_word) break;
    k = w.end;
  }
  const Date d = DateAt(v, k, false);
  if (d.end == 0 || d.form != DateForm::kFull) return 0;
  // The year is the date's last or first run of digits of four, or two after 19 or 20.
  const std::string_view date = v.substr(k, d.end - k);
  int year = 0;
  for (std::size_t p = 0; p < date.size(); ++p) {
    if (!IsDigit(date[p]) || (p > 0 && IsDigit(date[p - 1]))) continue;
    std::size_t q = p;
    while (q < date.size() && IsDigit(date[q])) ++q;
    if (q - p == 4) year = Number(date.substr(p, 4));
  }
  if (year == 0) {
    const DigitRun y = ChineseNumeralAt(v, k);
    if (y.count == 4) year = static_cast<int>(y.value);
  }
  if (year == 0 || year + age < 1995 || year + age > 2040) return 0;
  *begin = k;
  return d.end;
}

// Who the birth word at i is about, from up to five words before it in the same clause.
Subject SubjectBefore(std::string_view v, std::size_t i) {
  std::size_t j = SkipSpacesBack(v, i, 4);
  if (j > 0 && v[j - 1] == ',') j = SkipSpacesBack(v, j - 1, 4);  // "El proyecto, nacido en"
  int nouns = 0;
  bool person = false;
  bool thing = false;
  // A thing's word written as the last part of a name: "Wilmer Park, nacido el", "Anna Hall
  // (born". Names like that are people's as often as places' or festivals'.
  bool capital_thing = false;  // the word after this one is a capitalised thing's word
  bool named = false;
  for (int n = 0; n < 6; ++n) {
    const Word w = WordBefore(v, j);
    if (w.empty() || w.after() != j) break;
    // A full stop ends the clause; titles are abbreviations ("Sr.", "Mrs.").
    if (w.dot && !WordIn(v, w, kPeople)) break;
    if (nouns == 0 && (WordIn(v, w, kAuxiliaries) || WordIn(v, w, kRelatives))) {
      j = SkipSpacesBack(v, w.begin, 4);
      if (j > 0 && v[j - 1] == ',') j = SkipSpacesBack(v, j - 1, 4);
      continue;
    }
    if (nouns == 0 && WordIn(v, w, kPronouns)) return Subject::kPerson;
    if (WordIn(v, w, kPossessives)) return thing && !person ? Subject::kThing : Subject::kPerson;
    if (WordIn(v, w, kDeterminers)) {
      return nouns > 0 && !person ? Subject::kThing : Subject::kPerson;
    }
    if (nouns == 0 && WordIn(v, w, kGroups)) return Subject::kGroup;
    const bool is_person = WordIn(v, w, kPeople);
    const bool is_thing = WordIn(v, w, kThings);
    named = named || (capital_thing && w.capital && w.lower && !is_person && !is_thing);
    capital_thing = is_thing && w.capital && w.lower;
    person = person || is_person;
    thing = thing || is_thing;
    ++nouns;
    const std::size_t q = SkipSpacesBack(v, w.begin, 4);
    if (q == w.begin) break;
    j = q;
  }
  if (!thing || person) return Subject::kPerson;
  return named ? Subject::kNamed : Subject::kThing;
}

// Han characters that end the names of institutions, works and places: 这家医院诞生于, 公司,
// 学校, 公园, 协会, 工厂... 诞生 is said of them far more than of people.
bool InstitutionBefore(std::string_view v, std::size_t i) {
  static constexpr int32_t kEnds[] = {
      0x9662, 0x9986, 0x6821, 0x53F8, 0x56ED, 0x4F1A, 0x5382, 0x5E97, 0x7AD9, 0x7EBF, 0x57CE,
      0x533A, 0x5E02, 0x56FD, 0x90E8, 0x5C40, 0x6240, 0x793E, 0x56E2, 0x961F, 0x54C1, 0x724C,
      0x7F51, 0x53F0, 0x76EE, 0x5212, 0x4E1A, 0x5FC3, 0x5E93, 0x573A, 0x6865, 0x8DEF, 0x8857,
      0x697C, 0x5BFA, 0x520A, 0x62A5, 0x8282, 0x5C55, 0x8D5B, 0x4F5C, 0x7247, 0x5267, 0x4E66,
      0x673A, 0x8F66, 0x6CD5, 0x5EA6, 0x5FF5, 0x60F3, 0x672F, 0x8BA1, 0x8054, 0x5EA7,
  };
  std::size_t start;
  const int32_t cp = CodePointBefore(v, i, &start);
  return std::find(std::begin(kEnds), std::end(kEnds), cp) != std::end(kEnds);
}

// Small words between a date and the birth word after it: "18. nov. 1942 er min fødselsdato",
// "3/12/1985 is my date of birth", "12/03/1985 es mi fecha de nacimiento", "1.9.62 (DOB)".
constexpr std::string_view kLinksList[] = {
    "er",  "is",    "was", "var",  "es",    "fue",    "era",   "min",     "mit",
    "my",  "mi",    "his", "her",  "hans",  "hendes", "su",    "the",     "date",
    "of",  "fecha", "de",  "dato", "día",   "dia",    "el",    "la",      "den",
    "our", "vores", "ist", "mein", "meine", "das",    "datum", "geburts",
    // Who was born, after the date: "Den 3. maj 1985 blev jeg født", "On 3 May 1985 I was
    // born", "El 3 de mayo de 1985 yo nací".
    "blev", "jeg", "han", "hun", "vi", "i", "he", "she", "we", "were", "yo", "él", "ella",
    "nuestro", "nuestra",
};
constexpr WordSet kLinks(kLinksList);

// The start of the small words and punctuation that end at i, back to where a date before them
// would end.
std::size_t LinksBefore(std::string_view v, std::size_t i) {
  std::size_t j = i;
  for (int n = 0; n < 6; ++n) {
    const std::size_t s = SkipSpacesBack(v, j, 4);
    // Not a comma: it ends a clause as often as it opens an apposition.
    if (s > 0 && (v[s - 1] == ':' || v[s - 1] == '-' || v[s - 1] == '=')) {
      j = s - 1;
      continue;
    }
    if (const std::size_t q = QuotesBefore(v, s); q != s) {
      j = q;
      continue;
    }
    const Word w = WordBefore(v, s);
    // "Den 3. maj 1985 blev min søn født", "On 3 May 2010 our daughter was born".
    if (w.empty() || w.after() != s || (!WordIn(v, w, kLinks) && !WordIn(v, w, kPeople))) {
      return s;
    }
    j = w.begin;
  }
  return SkipSpacesBack(v, j, 4);
}

// The small words between a Chinese date and the birth word after it: "3月12日是我的生日",
// "1985年3月12日为本人出生日期". Returns where the date before them would end.
std::size_t ChineseLinksBefore(std::string_view v, std::size_t j) {
  // 是 为 我 你 他 她 的 们 本 人
  // 是 为 我 你 他 她 的 们 本 人 过 ("5月3日过生日"), and the season or part of the year
  // after a year: 春 夏 秋 冬 天 初 底 末 ("1985年春天出生", "1985年底出生").
  // 那 当 ("1985年5月3日那天出生"), and a comma before the subject ("1985年5月3日，我出生在北京").
  static constexpr int32_t kChineseLinks[] = {
      0x662F, 0x4E3A, 0x6211, 0x4F60, 0x4ED6, 0x5979, 0x7684, 0x4EEC, 0x672C, 0x4EBA, 0x8FC7,
      0x6625, 0x590F, 0x79CB, 0x51AC, 0x5929, 0x521D, 0x5E95, 0x672B, 0x90A3, 0x5F53, 0xFF0C};
  for (int n = 0; n < 5 && j > 0; ++n) {
    std::size_t start;
    const int32_t cp = CodePointBefore(v, j, &start);
    if (std::find(std::begin(kChineseLinks), std::end(kChineseLinks), cp) ==
        std::end(kChineseLinks)) {
      break;
    }
    j = SkipSpacesBack(v, start);
  }
  return QuotesBefore(v, j);
}

// Where a place said with 在 or 于 before the birth word begins ("在北京出生", "于上海出生"):
// the end of what comes before 在, or j when there is no such place of at most ten characters.
std::size_t ChinesePlaceBefore(std::string_view v, std::size_t j) {
  std::size_t k = j;
  for (int n = 0; n < 11 && k > 0; ++n) {
    std::size_t start;
    const int32_t cp = CodePointBefore(v, k, &start);
    if (!IsHan(cp)) break;
    if ((cp == 0x5728 || cp == 0x4E8E || cp == 0x65BC) && n > 0) {  // 在 于 於
      return SkipSpacesBack(v, start);
    }
    k = start;
  }
  return j;
}

// Whether the 生 at i ends another word: 发生 产生 学生 先生 医生 卫生 师生 考生 人生 一生
// 终生 野生 寄生 派生 衍生 再生 滋生 催生 众生 共生 重生 民生 新生 花生 研究生.
bool OtherWordEndsInSheng(std::string_view v, std::size_t i) {
  static constexpr int32_t kBefore[] = {0x53D1, 0x4EA7, 0x5B66, 0x5148, 0x533B, 0x536B, 0x5E08,
                                        0x8003, 0x4EBA, 0x4E00, 0x7EC8, 0x91CE, 0x5BC4, 0x6D3E,
                                        0x884D, 0x518D, 0x6ECB, 0x50AC, 0x4F17, 0x5171, 0x91CD,
                                        0x6C11, 0x65B0, 0x82B1, 0x7A76, 0x767C, 0x7522, 0x5B78,
                                        0x91AB, 0x885B};
  std::size_t start;
  const int32_t cp = CodePointBefore(v, i, &start);
  return std::find(std::begin(kBefore), std::end(kBefore), cp) != std::end(kBefore);
}

// The start of a year with 年 that ends at j ("1985年", "85年", "一九八五年"), or j.
std::size_t ChineseYearBefore(std::string_view v, std::size_t j) {
  if (!Before(v, j, kNian)) return j;
  std::size_t s = j - kNian.size();
  const std::size_t digits_end = s;
  int count = 0;
  while (s > 0 && count < 5) {
    std::size_t start;
    const int32_t cp = CodePointBefore(v, s, &start);
    std::size_t len;
    const bool digit = DigitValueAt(v, start, &len) >= 0 && start + len == s;
    // Chinese digits, but not 十: "二十年" is a count of years.
    if (!digit && (cp == 0x5341 || ChineseNumeralAt(v, start).count == 0)) break;
    s = start;
    ++count;
  }
  if (count != 2 && count != 4) return j;
  DigitRun y = DigitRunAt(v, s);
  if (y.empty()) y = ChineseNumeralAt(v, s);
  if (y.end != digits_end) return j;
  if (count == 4 && (y.value < 1900 || y.value > 2099)) return j;
  return s;
}

// One FindBirthDates pass over a value: the findings of the detectors before this one, where
// the next finding may start, and the findings so far. Each stage gets `i`, the position of the
// scan, and moves it on where it settles text.
struct BirthDateScan {
  BirthDateScan(std::string_view value, Candidates& found)
      : v(value), taken(found), before(found) {}

  bool Add(std::size_t begin, std::size_t end) {
    if (end <= begin || begin < resume || before.Overlaps(begin, end)) return false;
    taken.push_back({kPriorityBirthDate, {IdentifierKind::kBirthDate, begin, end}});
    resume = end;
    return true;
  }

  // Whether a keyword may start at v[i] (b its first byte). False when not, with i moved to
  // the last byte that the scan may skip.
  bool KeywordMayStartAt(std::size_t& i, unsigned char b) const {
    if (b < 0x80) {
      // Keywords start words: one look at the first letter of each.
      if (!IsAlphaAscii(v[i])) return false;
      if (!kBirthWords.MayStartWith(v[i]) || !WordStartsAt(v, i)) {
        while (i + 1 < v.size() && IsAlphaAscii(v[i + 1])) ++i;
        return false;
      }
    } else if (b >= 0xE0) {
      // 出 生 诞 誕 降 岁: the first characters of the Chinese keywords.
      if (!At(v, i, "\xE5\x87\xBA") && !At(v, i, "\xE7\x94\x9F") && !At(v, i, "\xE8\xAF\x9E") &&
          !At(v, i, "\xE8\xAA\x95") && !At(v, i, "\xE9\x99\x8D") && !At(v, i, "\xE5\xB2\x81")) {
        i += 2;
        return false;
      }
    } else if (!At(v, i, "\xC3\xA5") || !WordStartsAt(v, i)) {
      return false;  // only "årgang" and "år" start with a letter of two bytes
    }
    return true;
  }

  // An abbreviation that says "born" at i, and the date or year after it. True when there is
  // one (whether or not a date follows): the scan goes on after it.
  bool AfterAbbreviation(std::size_t& i) {
    std::size_t end;
    // Not the start of a longer label: "f.dato".
    if (const Keyword* abbreviation = KeywordAt(v, i, kBornAbbreviations, &end);
        abbreviation != nullptr && (end >= v.size() || !IsAlphaAscii(v[end]))) {
      // "b. 3/12/1985", "b. the 16th of October 1994", "f. d. 12.3.1985", "f. »2. maj 1967«",
      // "FN: 3/5/85"
      std::size_t k = SkipSpaces(v, end, 2);
      if (k < v.size() && v[k] == ':') k = SkipSpaces(v, k + 1, 2);
      for (std::string_view w : {"the ", "den ", "d. ", "el "}) {
        if (StartsWithFolded(v, k, w)) {
          k = SkipSpaces(v, k + w.size(), 2);
          break;
        }
      }
      for (std::size_t len; IsQuoteOrBracket(CodePointAt(v, k, &len));) k += len;
      const Date d = DateAt(v, k, false);
      if (d.end != 0 && d.form == DateForm::kFull && Add(k, d.end)) {
        i = d.end - 1;
      } else if (const std::size_t y = YearAloneAt(v, k);
                 y != 0 && d.end == 0 && !At(v, y, kNian) &&
                 // "FN 2030" is the United Nations' in Danish.
                 abbreviation->text.substr(0, 2) != "fn" && Add(k, y)) {
        i = y - 1;  // "Jens Hansen, f. 1962", "Mary Smith (b. 1948)"
      }
      return true;
    }
    return false;
  }

  // A date written before the word that says birth: "1985年3月12日出生", and in the other
  // languages with a few small words between, "18. nov. 1942 er min fødselsdato".
  bool DateBefore(std::size_t i, std::size_t j, bool full_only) {
    // Every date ends in a digit of either width, or in 日, 号 or 月.
    std::size_t len;
    std::size_t last;
    const int32_t end_cp = CodePointBefore(v, j, &last);
    if (DigitValueAt(v, last, &len) < 0 && end_cp != 0x65E5 && end_cp != 0x53F7 &&
        end_cp != 0x6708) {
      return false;
    }
    const std::size_t from = j > 40 ? j - 40 : 0;
    for (std::size_t s = std::max(from, resume); s < j; ++s) {
      if ((static_cast<unsigned char>(v[s]) & 0xC0) == 0x80) continue;
      if (s > 0 && IsDigit(v[s - 1])) continue;
      // Dates start with a digit, a month's name or a Chinese numeral.
      if (static_cast<unsigned char>(v[s]) < 0x80 && !IsDigit(v[s]) &&
          !(IsAlphaAscii(v[s]) && WordStartsAt(v, s))) {
        continue;
      }
      // Compact digits ("19790124生") only right against the word.
      const Date d = DateAt(v, s, j == QuotesBefore(v, SkipSpacesBack(v, i)));
      if (d.end == j && (!full_only || d.form == DateForm::kFull)) return Add(s, d.end);
    }
    return false;
  }

  // A year alone right before 出生 or 生: "1985年出生", "我是85年生的"; not a year that
  // describes a group ("2019年出生的孩子").
  // `at`: where the year would end, when not right before the word.
  bool YearBefore(std::size_t i, std::size_t word_end, std::size_t at = SIZE_MAX) {
    const std::size_t j = at != SIZE_MAX ? at : QuotesBefore(v, SkipSpacesBack(v, i));
    const std::size_t s = ChineseYearBefore(v, j);
    if (s == j || s < resume) return false;
    if (At(v, word_end, "\xE7\x9A\x84")) {  // 的
      std::size_t len;
      if (IsHan(CodePointAt(v, word_end + 3, &len))) return false;
    }
    return Add(s, j);
  }

  // 生 alone after a whole date, and not the start of another word (生效 takes effect,
  // 生产 production): "1985年3月12日生", "1985年3月12日生的", "85年生人".
  void AfterLoneSheng(std::size_t& i) {
    if (At(v, i, "\xE7\x94\x9F")) {
      std::size_t len;
      const int32_t next = CodePointAt(v, i + 3, &len);
      if ((!IsHan(next) || next == 0x7684 || next == 0x4EBA) &&
          (DateBefore(i, QuotesBefore(v, SkipSpacesBack(v, i)), false) || YearBefore(i, i + 3))) {
        i = resume - 1;
      }
    }
  }

  // The birth word kw at [i, end): what it is about, then the date before it or after it.
  void AfterBirthWord(std::size_t& i, unsigned char b, const Keyword* kw, std::size_t end) {
    std::size_t begin_of_date;
    // Danish definite forms of a label: "fødselsdatoen er 3. maj 1985", "fødselsdagen".
    if (!kw->whole && (StartsWithFolded(v, end, "en") || StartsWithFolded(v, end, "et")) &&
        WordEndsAt(v, end + 2)) {
      end += 2;
    }
    // "birth rate", "出生率": about births, not someone's birth date.
    {
      std::size_t e2;
      if (KeywordAt(v, SkipSpaces(v, end, 2), kNotBirthDate, &e2) != nullptr) return;
    }
    if (IsAgeUnit(kw->text)) {
      if (const std::size_t e = DateAfterAge(v, i, end, &begin_of_date);
          e != 0 && Add(begin_of_date, e)) {
        i = e - 1;
      } else {
        i = end - 1;
      }
      return;
    }
    if (IsVintageWord(kw->text)) {
      // Only the year right after: "soy de Boedo y en 1985..." is about something else.
      std::size_t begin;
      const std::size_t y = VintageYearAt(kw->text, v, end, &begin);
      i = y != 0 && Add(begin, y) ? y - 1 : end - 1;
      return;
    }
    std::size_t scan_from = end;
    if (IsAgeVerb(kw->text)) {
      scan_from = AgeAfter(v, end);
      // "turn left", "cumple con": no age, no birthday; "mi cumple" is the birthday itself.
      if (scan_from == end && kw->text != "cumple") {
        i = end - 1;
        return;
      }
    }
    const bool chinese = b >= 0xE0;
    // 诞生 is said of hospitals and companies; "nació", "born" of libraries and projects.
    if (chinese && (At(v, i, "\xE8\xAF\x9E") || At(v, i, "\xE8\xAA\x95")) &&
        InstitutionBefore(v, i)) {
      i = end - 1;  // and not 生于 inside it
      return;
    }
    // 生 as the end of another word before 于: 发生于 (happened on), 学生于 (students on),
    // 产生于, 医生于.
    if (chinese && At(v, i, "\xE7\x94\x9F") && OtherWordEndsInSheng(v, i)) {
      i = end - 1;
      return;
    }
    const Subject subject =
        IsBornVerb(kw->text) || IsAgeVerb(kw->text) ? SubjectBefore(v, i) : Subject::kPerson;
    if (subject == Subject::kThing) {
      i = end - 1;
      return;
    }
    DatesBeforeWord(i, kw, end, chinese);
    if (DateAfterWord(i, kw, end, scan_from, subject, chinese)) i = resume - 1;
  }

  // A date or year written before the birth word kw at [i, end).
  void DatesBeforeWord(std::size_t i, const Keyword* kw, std::size_t end, bool chinese) {
    if (chinese) {
      // Before the word: "1985年3月12日出生", "3月12日生日", "19851001出生", "1985年出生".
      const std::size_t j = QuotesBefore(v, SkipSpacesBack(v, i));
      const std::size_t linked = ChineseLinksBefore(v, j);
      // With words between, a day and month alone only before a birthday ("3月12日是我的生日").
      if (!DateBefore(i, j, false) &&
          (linked == j || !DateBefore(i, linked, YearMayFollow(kw->text))) &&
          YearMayFollow(kw->text) && !YearBefore(i, end) &&
          (linked == j || !YearBefore(i, end, linked))) {
        // A place between: "我1985年5月3日在北京出生", "他于1985年5月3日在上海出生".
        if (const std::size_t at = ChinesePlaceBefore(v, j); at != j && !DateBefore(i, at, false)) {
          YearBefore(i, end, at);
        }
      }
    } else {
      DateBefore(i, LinksBefore(v, i), true);
    }
  }

  // The date, month and year, or year after the birth word kw at [i, end), looked for from
  // scan_from on. True when one was found.
  bool DateAfterWord(std::size_t i, const Keyword* kw, std::size_t end, std::size_t scan_from,
                     Subject subject, bool chinese) {
    bool found = false;
    // Labels and birthdays may give the day and month alone in digits ("fødselsdag 12/3"); after
    // "born" a fraction is as likely ("born 1/3 more often").
    const bool day_month = !IsBornVerb(kw->text);
    const bool year_alone =
        subject != Subject::kGroup && subject != Subject::kNamed && YearMayFollow(kw->text);
    // A label of the year of birth: "fødselsår", "YOB", "year of birth", "año de nacimiento".
    bool year_label = kw->text == "fødselsår" || kw->text == "foedselsaar" || kw->text == "yob";
    if (!chinese && !year_label) {
      Word w = WordBefore(v, SkipSpacesBack(v, i, 2));
      if (WordIs(v, w.begin, w.end, "of") || WordIs(v, w.begin, w.end, "de")) {
        w = WordBefore(v, SkipSpacesBack(v, w.begin, 2));
      }
      for (std::string_view year : {"year", "año", "ano"}) {
        year_label = year_label || WordIs(v, w.begin, w.end, year);
      }
    }
    std::size_t label_end = end;
    while (label_end < v.size() && label_end < end + 4 &&
           (v[label_end] == ' ' || v[label_end] == ':' || v[label_end] == '.')) {
      ++label_end;
    }
    ScanAfterKeyword(v, scan_from, [&](std::size_t k, bool loose) {
      // Compact digits ("fødselsdato 12031985", "出生日期：19411121") only right after the word
      // or its punctuation.
      std::size_t prev_start;
      const int32_t prev = CodePointBefore(v, k, &prev_start);
      const bool compact = SkipSpaces(v, end, 4) == k || prev == ':' || prev == ' ' ||
                           prev == 0xFF1A || prev == 0x3000 || IsHan(prev) ||
                           IsQuoteOrBracket(prev);
      const Date d = DateAt(v, k, compact, day_month);
      // Among other Chinese words, a date that the sentence goes on from is another one
      // ("生于北京，2010年5月3日来到上海"), unless it is the birth word that follows.
      std::size_t next_len;
      const int32_t next = d.end == 0 ? -1 : CodePointAt(v, d.end, &next_len);
      const bool goes_on =
          IsHan(next) && !At(v, d.end, "\xE5\x87\xBA") && !At(v, d.end, "\xE7\x94\x9F");
      if (d.end != 0 && (!loose || (d.form == DateForm::kFull && !goes_on))) {
        found = Add(k, d.end);
        return true;
      }
      if (year_alone && !loose) {
        if (const std::size_t my = MonthYearAt(v, k); my != 0) {
          found = Add(k, my);
          return true;
        }
        const std::size_t y = YearAloneAt(v, k);
        if (y != 0) {
          found = Add(k, y);
          return true;
        }
        if (const std::size_t sy = chinese ? ChineseShortYearAt(v, k)
                                           : ShortYearAt(v, k, k == label_end && year_label);
            sy != 0) {
          found = Add(k, sy);
          return true;
        }
      }
      return false;
    });
    return found;
  }

  std::string_view v;
  Candidates& taken;
  const TakenSpans before;
  std::size_t resume = 0;
};

}  // namespace

void FindBirthDates(std::string_view v, Candidates& taken) {
  BirthDateScan scan(v, taken);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (i < scan.resume) continue;
    if (!scan.KeywordMayStartAt(i, b)) continue;
    if (scan.AfterAbbreviation(i)) continue;
    std::size_t end;
    const Keyword* kw = KeywordAt(v, i, kBirthWords, &end);
    if (kw == nullptr) {
      scan.AfterLoneSheng(i);
      continue;
    }
    scan.AfterBirthWord(i, b, kw, end);
  }
}

}  // namespace citynet::privacy::internal
