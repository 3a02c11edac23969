#include "node/privacy/internal/phones.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy::internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

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

}  // namespace

struct PhoneDetector::Impl {
  struct Region {
    std::string code;
    int country_code;
    std::string national_prefix;  // digits, "" when the region has none
  };

  const PhoneNumberUtil& phone_util;
  std::vector<Region> regions;
  std::array<bool, 1000> calling_codes{};

  explicit Impl(const ScanOptions& options);

  void Find(std::string_view v, const ColumnContext& context, Candidates& taken) const;
  bool IsInternationalPhone(std::string_view raw, std::string_view digits, bool context) const;
  bool IsNationalPhone(std::string_view raw, const PhoneToken& t, bool context,
                       bool grouped_only) const;
};

PhoneDetector::Impl::Impl(const ScanOptions& options)
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
}

bool PhoneDetector::Impl::IsInternationalPhone(std::string_view raw, std::string_view digits,
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

bool PhoneDetector::Impl::IsNationalPhone(std::string_view raw, const PhoneToken& t,
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

void PhoneDetector::Impl::Find(std::string_view v, const ColumnContext& context,
                               Candidates& taken) const {
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
    if (found) taken.push_back({kPriorityPhone, {IdentifierKind::kPhone, t.begin, t.end}});
  }
}

PhoneDetector::PhoneDetector(const ScanOptions& options)
    : impl_(std::make_unique<const Impl>(options)) {}
PhoneDetector::~PhoneDetector() = default;

void PhoneDetector::Find(std::string_view v, const ColumnContext& context,
                         Candidates& taken) const {
  impl_->Find(v, context, taken);
}

}  // namespace citynet::privacy::internal
