#include <cstddef>
#include <cstdint>
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
  const char c = v[i];
  if (c == '.' || c == '/' || c == '-') return i + 1 < v.size() && v[i + 1] == ' ' ? 2 : 1;
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
  for (std::string_view w : {"del ", "de ", "of "}) {
    if (StartsWithFolded(v, k, w)) {
      k = SkipSpaces(v, k + w.size(), 3);
      break;
    }
  }
  if (k < v.size() && (v[k] == '\'' || v[k] == '-' || At(v, k, "\xE2\x80\x99"))) {
    k += v[k] == '\'' || v[k] == '-' ? 1 : 3;
    marked = true;
  }
  const DigitRun y = DigitRunAt(v, k);
  if (y.empty() || !PlausibleYear(y) || !EndsCleanly(v, y.end)) return {};
  // "12 March 15 people": two digits without a separator are not a year.
  if (y.count == 2 && !marked) return {};
  *end = y.end;
  return y;
}

// Dates that begin with a number: numeric dates, day + month name, and Chinese dates.
Date DateFromNumberAt(std::string_view v, std::size_t i, bool compact_ok) {
  Date none;
  const DigitRun first = DigitRunAt(v, i);
  if (first.empty()) return ChineseDateAt(v, i);
  {
    const Date zh = ChineseDateAt(v, i);
    if (zh.end != 0) return zh;
  }
  // Year first: 1985-03-12, 1985/3/12, 1985.03.12.
  if (first.count == 4) {
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
    if (s2 == 0 || day.empty() || day.count > 2 || !EndsCleanly(v, day.end) ||
        !ValidDay(first, static_cast<int>(month.value), static_cast<int>(day.value))) {
      return none;
    }
    return {day.end, DateForm::kFull};
  }
  // Compact: 19850312, 12031985, 120385 (only right after the word that says birth).
  if (first.count == 8 || first.count == 6) {
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
  if (first.count > 2) return none;
  // Day or month first: 12.03.1985, 3/4-1979, 12. 03. 1985, 3/12/1985, 12-03-85.
  {
    const std::size_t s1 = NumericSeparator(v, first.end, true);
    const DigitRun second = s1 == 0 ? DigitRun{} : DigitRunAt(v, first.end + s1);
    if (!second.empty() && second.count <= 2) {
      // "13/10 1947": a space before the year whatever came before it.
      const std::size_t s2 = NumericSeparator(v, second.end, true);
      const DigitRun year = s2 == 0 ? DigitRun{} : DigitRunAt(v, second.end + s2);
      if (!year.empty() && PlausibleYear(year) && EndsCleanly(v, year.end)) {
        const int a = static_cast<int>(first.value);
        const int b = static_cast<int>(second.value);
        if (ValidDay(year, b, a) || ValidDay(year, a, b)) return {year.end, DateForm::kFull};
      }
      return none;
    }
  }
  // Day and month name: "12. marts 1985", "12 March 1985", "1st of March 1985",
  // "12 de marzo de 1985", "12-mar-1985", "3 de mayo".
  std::size_t k = SkipOrdinal(v, first.end);
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
  if (month == 0 || !ValidDayMonth(month, static_cast<int>(first.value))) return none;
  std::size_t year_end;
  const DigitRun year = YearAfterMonth(v, month_end, &year_end);
  if (!year.empty() && ValidDay(year, month, static_cast<int>(first.value))) {
    return {year_end, DateForm::kFull};
  }
  // A month abbreviation's dot is kept only when it is one ("12. mar."), not a full stop.
  const Word w = WordAt(v, k);
  return {w.end + (w.dot && w.size() <= 4 ? 1 : 0), DateForm::kDayMonth};
}

// Dates that begin with a month name: "March 12, 1985", "marzo 12 de 1985", "March 1985",
// "marts 1985".
Date DateFromMonthAt(std::string_view v, std::size_t i) {
  Date none;
  std::size_t month_end;
  const int month = MonthAt(v, i, &month_end);
  if (month == 0) return none;
  const std::size_t k = SkipSpaces(v, month_end, 3);
  const DigitRun day = DigitRunAt(v, k);
  if (!day.empty() && day.count <= 2 && k > month_end) {
    const std::size_t after_day = SkipOrdinal(v, day.end);
    std::size_t year_end;
    const DigitRun year = YearAfterMonth(v, after_day, &year_end);
    if (!year.empty() && ValidDay(year, month, static_cast<int>(day.value))) {
      return {year_end, DateForm::kFull};
    }
    if (ValidDayMonth(month, static_cast<int>(day.value)) && EndsCleanly(v, day.end) &&
        (day.end >= v.size() || v[day.end] != '.' || !DigitAt(v, day.end + 1))) {
      return {day.end, DateForm::kDayMonth};
    }
    return none;
  }
  std::size_t year_end;
  const DigitRun year = YearAfterMonth(v, month_end, &year_end);
  if (!year.empty() && year.count == 4) return {year_end, DateForm::kMonthYear};
  return none;
}

Date DateAt(std::string_view v, std::size_t i, bool compact_ok) {
  std::size_t len;
  if (DigitValueAt(v, i, &len) >= 0) return DateFromNumberAt(v, i, compact_ok);
  if (i < v.size() && IsAlphaAscii(v[i])) return DateFromMonthAt(v, i);
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
    {"fødselsdatum"},
    {"fød.dato"},
    {"fdt."},
    {"fød."},
    // English
    {"born"},
    {"birth"},
    {"birthdate", false},
    {"birthday", false},
    {"dob"},
    {"d.o.b"},
    {"bday"},
    {"b-day"},
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
    // German
    {"geboren"},
    {"geburtsdatum"},
    {"geburtstag", false},
    {"geb."},
    // Chinese: 出生 (birth), 生日 (birthday), 生于 (born in/on), 诞生 (born), 生辰 (birth time)
    {"\xE5\x87\xBA\xE7\x94\x9F"},
    {"\xE7\x94\x9F\xE6\x97\xA5"},
    {"\xE7\x94\x9F\xE4\xBA\x8E"},
    {"\xE8\xAF\x9E\xE7\x94\x9F"},
    {"\xE7\x94\x9F\xE8\xBE\xB0"},
};
constexpr KeywordSet kBirthWords(kBirthWordsList);

// Abbreviations that say "born" only right before a date: "f. 12.03.1985", "b. 3/12/1985".
constexpr Keyword kBornAbbreviationsList[] = {{"f."}, {"b."}};

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
};
constexpr KeywordSet kFillers(kFillersList);

// Where a date may start after the birth word at `from`: past punctuation, small words and up
// to three capitalised words (a place: "født i Aarhus den", "born in Rosario on"). Calls
// `try_at` at each position a date could start; stops at the first date found.
template <typename F>
bool ScanAfterKeyword(std::string_view v, std::size_t from, F&& try_at) {
  std::size_t k = from;
  int words = 0;
  int places = 0;
  const std::size_t limit = from + 80;
  while (k < v.size() && k < limit) {
    if (try_at(k)) return true;
    const char c = v[k];
    if (c == ' ' || c == '\t' || c == ':' || c == '-' || c == ',' || c == '(' || c == '=' ||
        c == '.' || c == '/') {
      ++k;
      continue;
    }
    std::size_t len;
    const int32_t cp = CodePointAt(v, k, &len);
    // ： （ – — ideographic space, no-break space
    if (cp == 0xFF1A || cp == 0xFF08 || cp == 0x2013 || cp == 0x2014 || cp == 0x3000 ||
        cp == 0xA0 || cp == 0xFF0C) {
      k += len;
      continue;
    }
    std::size_t end;
    if (KeywordAt(v, k, kFillers, &end) != nullptr) {
      if (++words > 6) return false;
      k = end;
      continue;
    }
    const Word w = WordAt(v, k);
    if (!w.empty() && w.capital && ++places <= 3 && ++words <= 6) {
      k = w.after();
      continue;
    }
    return false;
  }
  return false;
}

}  // namespace

void FindBirthDates(std::string_view v, Candidates& taken) {
  const TakenSpans before(taken);
  std::size_t resume = 0;
  auto add = [&](std::size_t begin, std::size_t end) {
    if (end <= begin || begin < resume || before.Overlaps(begin, end)) return false;
    taken.push_back({kPriorityBirthDate, {IdentifierKind::kBirthDate, begin, end}});
    resume = end;
    return true;
  };
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (i < resume) continue;
    if (b < 0x80) {
      // Keywords start words: one look at the first letter of each.
      if (!IsAlphaAscii(v[i])) continue;
      if (!kBirthWords.MayStartWith(v[i]) || !WordStartsAt(v, i)) {
        while (i + 1 < v.size() && IsAlphaAscii(v[i + 1])) ++i;
        continue;
      }
    } else if (b >= 0xE0) {
      // 出 生 诞: the first characters of the Chinese keywords.
      if (!At(v, i, "\xE5\x87\xBA") && !At(v, i, "\xE7\x94\x9F") && !At(v, i, "\xE8\xAF\x9E")) {
        i += 2;
        continue;
      }
    } else {
      continue;
    }
    std::size_t end;
    if (KeywordAt(v, i, kBornAbbreviations, &end) != nullptr) {
      const std::size_t k = SkipSpaces(v, end, 2);
      const Date d = DateAt(v, k, false);
      if (d.end != 0 && d.form == DateForm::kFull && add(k, d.end)) i = d.end - 1;
      continue;
    }
    // A date written before the word that says birth, as Chinese does: "1985年3月12日出生".
    auto date_before = [&](bool full_only) {
      const std::size_t j = SkipSpacesBack(v, i);
      const std::size_t from = j > 40 ? j - 40 : 0;
      for (std::size_t s = std::max(from, resume); s < j; ++s) {
        if ((static_cast<unsigned char>(v[s]) & 0xC0) == 0x80) continue;
        const Date d = DateAt(v, s, false);
        if (d.end == j && (!full_only || d.form == DateForm::kFull)) return add(s, d.end);
      }
      return false;
    };
    const Keyword* kw = KeywordAt(v, i, kBirthWords, &end);
    if (kw == nullptr) {
      // 生 alone after a whole date, and not the start of another word (生效 takes effect,
      // 生产 production): "1985年3月12日生", "1985年3月12日生的", "85年生人".
      if (At(v, i, "\xE7\x94\x9F")) {
        std::size_t len;
        const int32_t next = CodePointAt(v, i + 3, &len);
        if ((!IsHan(next) || next == 0x7684 || next == 0x4EBA) && date_before(true)) i = resume - 1;
      }
      continue;
    }
    // "birth rate", "出生率": about births, not someone's birth date.
    {
      std::size_t e2;
      if (KeywordAt(v, SkipSpaces(v, end, 2), kNotBirthDate, &e2) != nullptr) continue;
    }
    const bool chinese = b >= 0xE0;
    // Before the word: "1985年3月12日出生", "3月12日生日"; dates written before the word
    // that says birth are a Chinese habit.
    if (chinese) date_before(false);
    bool found = false;
    const std::size_t first = end;
    ScanAfterKeyword(v, end, [&](std::size_t k) {
      const Date d = DateAt(
          v, k, SkipSpaces(v, first, 4) == k || (k > 0 && (v[k - 1] == ':' || v[k - 1] == ' ')));
      if (d.end == 0) return false;
      found = add(k, d.end);
      return true;
    });
    if (found) i = resume - 1;
  }
}

}  // namespace citynet::privacy::internal
