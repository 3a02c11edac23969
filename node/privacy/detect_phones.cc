#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/internal/phones.h"

namespace citynet::privacy::internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// ---------------------------------------------------------------------------------------------
// The words before a number that say it is a phone number.

// Where the sentence that ends at `pos` begins: a keyword in an earlier sentence says nothing
// about this number. A full stop ends a sentence only before a capital ("Tlf. 12 34 56 78" is
// one sentence; "Ring i morgen. Kontoen 12345678" is two).
std::size_t SentenceStart(std::string_view v, std::size_t from, std::size_t pos) {
  for (std::size_t k = pos; k > from; --k) {
    const char c = v[k - 1];
    if (c == '\n' || c == '!' || c == '?' || c == ';') return k;
    // Not after an initial: "Contactar a S. Ortega al 387-5519041".
    const bool initial = k >= 2 && IsUpperAscii(v[k - 2]) && (k == 2 || !IsAlphaAscii(v[k - 3]));
    if (c == '.' && k + 1 < pos && v[k] == ' ' && IsUpperAscii(v[k + 1]) && !initial) return k;
    // 。！？ (E3 80 82, EF BC 81, EF BC 9F)
    if (k >= from + 3 &&
        (v.substr(k - 3, 3) == "\xE3\x80\x82" || v.substr(k - 3, 3) == "\xEF\xBC\x81" ||
         v.substr(k - 3, 3) == "\xEF\xBC\x9F")) {
      return k;
    }
  }
  return from;
}

// Word beginnings: "telefon", "teléfono", "telephone", "tlf", "mobil", "móvil", "celular",
// "cellphone", "contacto", "kontakt", "sms". In Chinese 电话/電話 (telephone), 手机/手機
// (mobile), 联系/聯絡 (contact), 座机 (landline), 微信 (WeChat, whose ID is often the mobile
// number), 拨打 (dial), 致电/来电 (call), 短信 (text message), 热线 (hot line), 我的号码 (my
// number; in other languages see PersonsNumberIn).
constexpr std::string_view kPhonePrefixes[] = {
    "telef",      "teléf",     "teleph",       "tlf",          "phone",        "mobile",
    "celular",    "cellphone", "whatsapp",     "contact",      "kontakt",      "sms",
    "电话",       "電話",      "手机",         "手機",         "联系",         "聯絡",
    "座机",       "微信",      "拨打",         "撥打",         "致电",         "来电",
    "短信",       "热线",      "打给",         "请打",         "我的号码",     "landline",
    "fastnet",    "reach me",  "reach us",     "fange mig",    "fat i mig",    "træffes",
    "opkald",     "固话",      "escribime al", "escribeme al", "escríbeme al", "escribinos al",
    "mensaje al", "ubicar"};
// Whole words: those that begin longer unrelated words ("mobilitet", "cellar", "llamativo",
// "calle", "texture") count only alone or inflected as listed.
constexpr std::string_view kPhoneWords[] = {
    "tel",        "tel.",       "tlf.",    "cel",         "cel.",         "cell",
    "mobil",      "mobilen",    "mobilnr", "mobilnummer", "mobiltelefon", "ring",
    "ringe",      "ringer",     "ringede", "call",        "calls",        "called",
    "calling",    "text",       "texts",   "fax",         "fijo",         "wsp",
    "wpp",        "whats",      "llamar",  "llamá",       "llame",        "llamame",
    "llámame",    "llamen",     "llamada", "llamadas",    "llamanos",     "llámanos",
    "llamo",      "llamás",     "llama",   "movil",       "móvil",        "moviles",
    "móviles",    "mob",        "ph",      "celu",        "comunicarse",  "comuníquese",
    "comunicate", "comunícate", "ringet",  "message",     "msg",          "mensaje",
    "mensajes",   "llamé",      "llamó",   "llamaste",    "llamamos",     "llamaron",
    "llamando",   "llamaré",    "llamalo", "llámalo",     "llameme",      "llámeme",
    "rang",       "rung",       "ringing"};

struct PhoneWord {
  std::string_view text;
  bool whole;  // must end a word
};

// The phone words by their first byte, so that a window is read once, not once per word.
// Built on first use and never changed after.
const std::array<std::vector<PhoneWord>, 256>& PhoneWordsByFirstByte() {
  static const auto* const table = [] {
    auto* t = new std::array<std::vector<PhoneWord>, 256>();
    for (std::string_view k : kPhonePrefixes) {
      (*t)[static_cast<unsigned char>(k[0])].push_back({k, false});
    }
    for (std::string_view k : kPhoneWords) {
      (*t)[static_cast<unsigned char>(k[0])].push_back({k, true});
    }
    return t;
  }();
  return *table;
}

// Whether one of the phone words is in `w`, starting a word (and ending one, for whole words).
bool HasPhoneWord(std::string_view w) {
  // A letter of any script ends or starts a word; a full-width colon or a space does not.
  const auto letter_at = [w](std::size_t i) {
    std::size_t len;
    return IsLetter(DecodeAt(w, i, &len));
  };
  const auto& table = PhoneWordsByFirstByte();
  for (std::size_t at = 0; at < w.size(); ++at) {
    for (const PhoneWord& k : table[static_cast<unsigned char>(LowerAscii(w[at]))]) {
      if (at + k.text.size() > w.size()) continue;
      bool match = true;
      for (std::size_t c = 1; c < k.text.size() && match; ++c) {
        match = LowerAscii(w[at + c]) == k.text[c];
      }
      // Chinese has no spaces: its words start anywhere.
      const bool cjk = static_cast<unsigned char>(k.text[0]) >= 0xE0;
      if (!match || (!cjk && at > 0 && letter_at(PrevStart(w, at)))) continue;
      const std::size_t after = at + k.text.size();
      if (!k.whole || after == w.size() || !letter_at(after)) return true;
    }
  }
  return false;
}

// A person's number named by whose it is: "my husband's number is", "mit nr er", "min mands
// nummer", "el número de mi marido", "her no.": a number word right after a possessive, after a
// noun in the genitive ("husband's", "min mands"), or before "of"/"de" and a possessive. A word
// that says what kind of number it is ("my case number", "mi número de cliente") breaks the
// chain, as nothing but the owner may stand before the number word or "de" after it.
bool PersonsNumberIn(std::string_view w) {
  static constexpr std::string_view kNumberWords[] = {"number", "nummer", "nummeret", "nr",
                                                      "no",     "número", "numero",   "nro"};
  static constexpr std::string_view kOwners[] = {
      "my",   "his",    "her",     "your",    "our",   "their", "mit", "min",
      "hans", "hendes", "dit",     "din",     "vores", "deres", "sit", "mi",
      "su",   "tu",     "nuestro", "nuestra", "mis",   "sus"};
  const auto in = [](std::string_view word, const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  // The words of the window, lower-cased, with their apostrophes ("husband's").
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    const char c = i < w.size() ? w[i] : ' ';
    if (IsAlphaAscii(c) || static_cast<unsigned char>(c) >= 0x80 || c == '\'') {
      word.push_back(LowerAscii(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  const auto genitive = [](std::string_view x) {
    return x.ends_with("'s") || x.ends_with("\xE2\x80\x99s") || x.ends_with("s'");
  };
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (!in(words[k], kNumberWords)) continue;
    // "mi número de cliente", "my number of visits": a number of another kind.
    if (k + 2 < words.size() && (words[k + 1] == "de" || words[k + 1] == "of") &&
        !in(words[k + 2], kOwners)) {
      continue;
    }
    const std::string& before = words[k - 1];
    if (in(before, kOwners) || genitive(before)) return true;
    // Danish genitives ("min mands", "min datters"); not a short word ending in s ("my bus").
    if (k >= 2 && before.size() > 3 && before.back() == 's' && in(words[k - 2], kOwners)) {
      return true;
    }
  }
  for (std::size_t k = 0; k + 2 < words.size(); ++k) {
    if (in(words[k], kNumberWords) && (words[k + 1] == "de" || words[k + 1] == "of") &&
        in(words[k + 2], kOwners)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::size_t WordBoundaryFrom(std::string_view v, std::size_t from, std::size_t pos) {
  while (from < pos && (static_cast<unsigned char>(v[from]) & 0xC0) == 0x80) ++from;
  while (from > 0 && from < pos && IsAlphaAscii(v[from - 1]) && IsAlphaAscii(v[from])) ++from;
  return from;
}

std::string WordWindowBefore(std::string_view v, std::size_t pos, std::size_t n) {
  const std::size_t from = WordBoundaryFrom(v, pos > n ? pos - n : 0, pos);
  return LowerWindowBefore(v, pos, pos - from);
}

bool PhoneKeywordBefore(std::string_view v, std::size_t pos) {
  constexpr std::size_t kWindow = 40;
  const std::size_t from =
      WordBoundaryFrom(v, SentenceStart(v, pos > kWindow ? pos - kWindow : 0, pos), pos);
  const std::string_view w = v.substr(from, pos - from);
  if (HasPhoneWord(w) || PersonsNumberIn(w)) return true;
  // 打 (to call) right before the number; elsewhere it starts 打算 (plan), 打折 (discount)...
  const std::size_t da = w.rfind("\xE6\x89\x93");
  return da != std::string_view::npos && w.size() - da <= 6;  // 打, 打了
}

namespace {

// The phone words just after a number, in the same sentence: "81246383 – ring efter kl. 17",
// "64435498 (mobile)", "call any time", "（微信同号）".
bool PhoneKeywordAfter(std::string_view v, std::size_t end) {
  constexpr std::size_t kWindow = 24;
  std::size_t to = std::min(v.size(), end + kWindow);
  for (std::size_t k = end; k < to; ++k) {
    const char c = v[k];
    if (c == '\n' || c == '!' || c == '?' || c == ';' ||
        (c == '.' && k + 1 < to && v[k + 1] == ' ')) {
      to = k;
      break;
    }
    // 。！？ end a Chinese sentence.
    if (v.substr(k, 3) == "\xE3\x80\x82" || v.substr(k, 3) == "\xEF\xBC\x81" ||
        v.substr(k, 3) == "\xEF\xBC\x9F") {
      to = k;
      break;
    }
  }
  return HasPhoneWord(v.substr(end, to - end));
}

// Words that announce a number of another kind just before it: a company's CVR or VAT number
// ("CVR-nr. 46 28 13 81", "VAT reg. GB 910 7714 31"), a standard ("GB 3095-2012", "ISO"), a law
// or a file ("Resolución 064/1960", "expediente"), an invoice or an order.
bool OtherNumberWordBefore(std::string_view v, std::size_t pos) {
  const std::string w = WordWindowBefore(v, pos, 20);
  static constexpr std::string_view kWords[] = {
      "cvr",     "se-nr",   "vat",     "moms",     "ean",   "isbn",    "issn",       "gb",
      "gb/t",    "iso",     "din",     "resoluci", "ley",   "decreto", "expedient",  "norma",
      "factura", "faktura", "invoice", "ordre",    "order", "sagsnr",  "sagsnummer", "journal",
      "kontonr", "konto",   "cuenta",  "account",  "reg",   "registr", "cuit",       "cuil",
      "dni",     "cpr",     "ref",     "j.nr",     "jnr"};
  for (std::string_view k : kWords) {
    if (HasKeyword(w, k, false)) return true;
  }
  return false;
}

}  // namespace

namespace {

// ---------------------------------------------------------------------------------------------
// Tokens: runs of digits joined by the separators people put in phone numbers.

struct PhoneToken {
  static constexpr std::size_t kMaxDigits = 17;  // longer runs are no phone number
  std::size_t begin = 0;                         // at '+', '(' or the first digit
  std::size_t end = 0;                           // after the last digit
  bool plus = false;
  bool too_long = false;
  std::size_t groups = 0;
  std::array<std::size_t, kMaxDigits> group_begin{};
  std::array<std::size_t, kMaxDigits> group_end{};
  std::array<char, kMaxDigits> digit_text{};
  std::size_t digit_count = 0;

  std::string_view digits() const { return {digit_text.data(), digit_count}; }
  std::size_t group(std::size_t k) const { return group_end[k] - group_begin[k]; }
  // The separator between group k and k + 1.
  std::string_view separator(std::string_view v, std::size_t k) const {
    return v.substr(group_end[k], group_begin[k + 1] - group_end[k]);
  }
  bool opens_with_paren(std::string_view v) const { return !plus && v[begin] == '('; }
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
    if (v[i] == ' ') ++i;  // "+ 45 9613 5325"
  } else if (v[i] == '(') {
    ++i;
  }
  while (true) {
    const std::size_t e = RunEnd(v, i);
    if (t.digit_count + (e - i) > PhoneToken::kMaxDigits) {
      t.too_long = true;
    } else {
      t.group_begin[t.groups] = i;
      t.group_end[t.groups] = e;
      ++t.groups;
      for (std::size_t k = i; k < e; ++k) t.digit_text[t.digit_count++] = v[k];
    }
    t.end = e;
    const std::size_t sep = SeparatorLength(v, e);
    // A slash joins the parts of a date or a file number ("1/5/2024", "064/1960"), but after a
    // whole number it starts the next one ("13800138000/13912345678").
    if (sep == 0 || (v[e] == '/' && t.digit_count >= 7) || t.too_long) break;
    i = e + sep;
  }
  return t;
}

// The token cut to its first `k` groups.
PhoneToken Prefix(const PhoneToken& t, std::size_t k) {
  PhoneToken p = t;
  p.too_long = false;
  p.groups = k;
  p.end = t.group_end[k - 1];
  p.digit_count = 0;
  for (std::size_t g = 0; g < k; ++g) p.digit_count += t.group(g);
  return p;
}

// What the separators are: dots, anything but dots, all one kind.
struct Separators {
  bool dots = false;
  bool others = false;
  bool uniform = true;
  char first = 0;
};

Separators SeparatorsOf(std::string_view v, const PhoneToken& t) {
  Separators s;
  auto add = [&s](char c) {
    if (c == '.') {
      s.dots = true;
    } else {
      s.others = true;
    }
    if (s.first == 0) {
      s.first = c;
    } else if (c != s.first) {
      s.uniform = false;
    }
  };
  // An opening bracket is no separator between digits: "(91.01.61.47)" is dotted throughout.
  if (t.opens_with_paren(v)) s.uniform = false;
  for (std::size_t k = 0; k + 1 < t.groups; ++k) {
    for (char c : t.separator(v, k)) add(c);
  }
  return s;
}

// A date, a year range, an amount or decimal, or an ISBN: grouped digits that are never a phone
// number, whatever the words before them say.
enum class LookAlike {
  kNone,
  kThousands,   // 1.234.567 or 1 234 567: an amount, or a Spanish phone number ("911 234 567")
  kSpacedDate,  // 28 10 2018: a date, or after a phone word a phone number
  kOther,       // a date, a year range, a decimal or an ISBN: never a phone number
};

LookAlike NumberLookAlike(std::string_view v, const PhoneToken& t) {
  const std::size_t n = t.groups;
  const std::string_view d = t.digits();
  const Separators s = SeparatorsOf(v, t);
  // 3.1415926, 10.00-12.00, 1.000-2.000; but a dot before the last four digits is how the US
  // writes numbers ("(206) 566.5241", "1-503-498.4779").
  if (s.dots && (n < 3 || (s.others && t.group(n - 1) != 4))) return LookAlike::kOther;
  if (n == 3) {  // dates: 2024-05-01, 01.05.2024, 1/5/2024
    const std::size_t g0 = t.group(0), g1 = t.group(1), g2 = t.group(2);
    std::size_t y = 99, m = 1, dd = 2;
    if (g0 == 4 && g1 <= 2 && g2 <= 2) {
      y = 0, m = 1, dd = 2;
    } else if (g2 == 4 && g0 <= 2 && g1 <= 2) {
      y = 2, m = 1, dd = 0;
    }
    if (y != 99) {
      const std::size_t offsets[3] = {0, g0, g0 + g1};
      const std::size_t lengths[3] = {g0, g1, g2};
      const int year = Number(d.substr(offsets[y], lengths[y]));
      const int month = Number(d.substr(offsets[m], lengths[m]));
      const int day = Number(d.substr(offsets[dd], lengths[dd]));
      // Dates of this and the last century; "22 03 1757" is more likely a number.
      if (year >= 1900 && year <= 2099 &&
          (IsValidDate(year, month, day) || IsValidDate(year, day, month))) {
        return s.uniform && s.first == ' ' ? LookAlike::kSpacedDate : LookAlike::kOther;
      }
    }
  }
  if (n >= 2 && t.group(n - 2) == 4 && t.group(n - 1) == 4) {  // 2019-2024, "12 2019-2024"
    const int a = Number(d.substr(d.size() - 8, 4));
    const int b = Number(d.substr(d.size() - 4, 4));
    // Joined by a space, only years of our time close together ("2015 2016"), which the end of
    // a mobile number ("150 1801 1820") seldom is.
    const bool spaced = t.separator(v, n - 2) == " ";
    if (a >= (spaced ? 1900 : 1800) && b >= a && b <= 2099 && (!spaced || b - a <= 30)) {
      return LookAlike::kOther;
    }
  }
  // Thousands: 1.234.567 (an amount) or 1 234 567 (an amount or "911 234 567").
  bool thousands = n >= 2 && t.group(0) <= 3 && s.uniform && (s.first == '.' || s.first == ' ');
  for (std::size_t k = 1; k < n && thousands; ++k) thousands = t.group(k) == 3;
  if (thousands) return LookAlike::kThousands;
  // ISBN-13 (978/979, weights 1,3) and ISBN-10 (weights 10..1, mod 11).
  if (d.size() == 13 && (d.starts_with("978") || d.starts_with("979"))) {
    int sum = 0;
    for (std::size_t k = 0; k < 13; ++k) sum += DigitValue(d[k]) * (k % 2 == 0 ? 1 : 3);
    if (sum % 10 == 0) return LookAlike::kOther;
  }
  if (d.size() == 10 && n == 4 && s.uniform && s.first == '-') {
    int sum = 0;
    for (std::size_t k = 0; k < 10; ++k) sum += DigitValue(d[k]) * static_cast<int>(10 - k);
    if (sum % 11 == 0) return LookAlike::kOther;
  }
  return LookAlike::kNone;
}

bool IsNumberLookAlike(std::string_view v, const PhoneToken& t) {
  return NumberLookAlike(v, t) != LookAlike::kNone;
}

// Grouping that says "phone number" by itself, and is not a date, a year range, an amount or a
// decimal, or an ISBN.
bool LooksGroupedLikePhone(std::string_view v, const PhoneToken& t) {
  // People group phone numbers in twos to fours, an area code then the number ("030 1234567")
  // or two halves ("4321 5678"); a lone digit or a group of six (310299-1234, a CPR number
  // with an impossible date) is something else.
  const std::size_t n = t.groups;
  if (n < 2) return false;
  // The trunk 1 of North America stands alone: "1-503-498-4779".
  const std::size_t from = n >= 4 && t.group(0) == 1 && t.digits()[0] == '1' ? 1 : 0;
  for (std::size_t k = from; k < n; ++k) {
    if (t.group(k) < 2) return false;
  }
  if (n == 2) {
    const bool area_code = t.digits()[0] == '0' && t.group(0) <= 5;
    const std::size_t a = t.group(0), b = t.group(1);
    if (!area_code && (a < 3 || a > 4 || b < 3 || b > 4)) return false;
  } else {
    for (std::size_t k = 0; k < n; ++k) {
      if (t.group(k) > 4) return false;
    }
  }
  // A slash joins the parts of file and case numbers ("j.nr. 09/45769"), not of phone numbers.
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (t.separator(v, k).find('/') != std::string_view::npos) return false;
  }
  // A year and a serial, as case, invoice and file numbers go ("2019-0012", "2019-1234-5678"),
  // or a serial and a year, as laws and standards do ("Resolución 064/1960", "GB 3095-2012").
  const std::string_view d = t.digits();
  const int first = Number(d.substr(0, 4));
  if (t.group(0) == 4 && first >= 1900 && first <= 2099 &&
      (t.separator(v, 0) == "-" || t.separator(v, 0) == "/")) {
    return false;
  }
  const int last = Number(d.substr(d.size() - 4));
  if (n == 2 && t.group(1) == 4 && last >= 1900 && last <= 2099 &&
      (t.separator(v, 0) == "-" || t.separator(v, 0) == "/")) {
    return false;
  }
  return !IsNumberLookAlike(v, t);
}

// Any grouping of a number that the words before call a phone number: 8 to 15 digits, in
// groups of two or more ("01 23 45 67", "4999-9999"), or a 7-digit local number written as
// three and four ("555-0199").
bool PhoneShaped(std::string_view v, const PhoneToken& t) {
  const std::size_t n = t.groups;
  const std::size_t digits = t.digit_count;
  if (digits < 7 || digits > 15 || (digits == 7 && n == 2 && t.group(0) != 3)) return false;
  if (n == 1) return true;
  if (LooksGroupedLikePhone(v, t)) return true;
  // Groups the grouping rules do not know ("100 22144673"): any of 2 to 8 digits, joined by
  // what phone numbers are joined by, and not a year and a serial.
  for (std::size_t k = 0; k < n; ++k) {
    if (t.group(k) < 2 || t.group(k) > 8) return false;
  }
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (t.separator(v, k).find('/') != std::string_view::npos) return false;
  }
  // Nor a year first or last: "2019 12345678", "tlf 12345678 2019".
  const std::string_view d = t.digits();
  const int first = Number(d.substr(0, 4));
  const int last = Number(d.substr(d.size() - 4));
  return !(t.group(0) == 4 && first >= 1900 && first <= 2099) &&
         !(t.group(n - 1) == 4 && last >= 1900 && last <= 2099 && digits - 4 >= 7) &&
         (NumberLookAlike(v, t) == LookAlike::kNone ||
          NumberLookAlike(v, t) == LookAlike::kSpacedDate);
}

// Whether the number at `begin` continues a code of letters and digits written in groups:
// "DK50 0040 0440 1162 44" is an IBAN, not a call to Romania.
bool AfterCode(std::string_view v, std::size_t begin) {
  if (begin < 2 || v[begin - 1] != ' ') return false;
  bool digit = false;
  bool letter = false;
  for (std::size_t w = begin - 1; w > 0 && IsAlnumAscii(v[w - 1]); --w) {
    digit = digit || IsDigit(v[w - 1]);
    letter = letter || IsAlphaAscii(v[w - 1]);
  }
  return digit && letter;
}

}  // namespace

bool AmountAround(std::string_view v, std::size_t begin, std::size_t end) {
  std::size_t b = begin;
  while (b > 0 && begin - b < 2 && v[b - 1] == ' ') --b;
  const std::string before = LowerWindowBefore(v, b, 4);
  for (std::string_view c : {"$", "€", "£", "¥", "￥"}) {
    if (before.ends_with(c)) return true;
  }
  for (std::string_view c : {"kr.", "kr", "dkk", "eur", "usd", "ars", "rmb", "cny"}) {
    if (before.ends_with(c) &&
        (before.size() == c.size() || !IsAlphaAscii(before[before.size() - c.size() - 1]))) {
      return true;
    }
  }
  std::size_t a = end;
  while (a < v.size() && a - end < 2 && v[a] == ' ') ++a;
  const std::string_view after = v.substr(a, 12);
  // Currencies, units, and the Chinese counters of people, times, households, vehicles...
  for (std::string_view c :
       {"€",  "$",  "%",  "元", "块", "万", "亿", "m²",   "m³",     "人",  "次",
        "个", "户", "件", "名", "位", "辆", "吨", "公里", "平方米", "千米"}) {
    if (after.starts_with(c)) return true;
  }
  static constexpr std::string_view kUnits[] = {
      "kr", "dkk", "eur", "euro", "euros", "usd", "ars", "peso", "pesos", "rmb", "cny", "yuan",
      "km", "kwh", "mwh", "gwh", "kg", "ton", "tons", "tonnes", "m2", "m3", "mio", "mia",
      "millones", "million", "millions", "billion",
      // What is counted: "Phone usage grew from 580.377.938 minutes".
      "minutes", "minutter", "minutos", "hours", "timer", "horas", "users", "brugere", "usuarios",
      "people", "personer", "personas", "visitors", "besøgende", "visitantes", "trips", "rejser",
      "viajes", "passengers", "passagerer", "pasajeros", "calls", "opkald", "llamadas",
      "households", "husstande", "hogares", "inhabitants", "indbyggere", "habitantes"};
  // Not "mil": "Llamé al 4030-6155 mil veces" is "a thousand times".
  std::size_t len = 0;
  while (len < after.size() && IsAlphaAscii(after[len])) ++len;
  if (len == 0) return false;
  std::string word(after.substr(0, len));
  for (char& c : word) c = LowerAscii(c);
  return std::find(std::begin(kUnits), std::end(kUnits), word) != std::end(kUnits);
}

namespace {

// The end of an extension written after a phone number that ends at `end` ("转 123",
// "ext. 12", "x123", "int. 45", "interno 45"), or `end` when there is none.
std::size_t ExtensionEnd(std::string_view v, std::size_t end) {
  std::size_t i = end;
  while (i < v.size() && i - end < 2 && v[i] == ' ') ++i;
  static constexpr std::string_view kWords[] = {"\xE8\xBD\xAC",              // 转
                                                "\xE8\xBD\x89",              // 轉
                                                "\xE5\x88\x86\xE6\x9C\xBA",  // 分机
                                                "\xE5\x88\x86\xE6\xA9\x9F",  // 分機
                                                "ext.",
                                                "ext",
                                                "extension",
                                                "int.",
                                                "interno",
                                                "anexo",
                                                "lokal",
                                                "x"};
  std::size_t len = 0;
  for (std::string_view w : kWords) {
    if (w.size() > len && i + w.size() <= v.size()) {
      bool match = true;
      for (std::size_t k = 0; k < w.size() && match; ++k) match = LowerAscii(v[i + k]) == w[k];
      if (match) len = w.size();
    }
  }
  if (len == 0) return end;
  std::size_t j = i + len;
  if (v[i] == 'x' || v[i] == 'X') {
    if (i == end) return end;  // "x" only as a word of its own: "x123", not "12345678x"
  } else {
    while (j < v.size() && (v[j] == ' ' || v[j] == ':' || v[j] == '.') && j - (i + len) < 3) ++j;
  }
  const std::size_t digits_end = RunEnd(v, j);
  if (digits_end == j || digits_end - j > 6 ||
      (digits_end < v.size() && IsAlnumAscii(v[digits_end]))) {
    return end;
  }
  return digits_end;
}

// Whether the column or the words before a number say phone: looked up once, and only when a
// decision needs it, as most numbers in text are settled by their shape alone.
class Said {
 public:
  Said(std::string_view v, std::size_t begin, std::size_t end, bool column)
      : v_(v), begin_(begin), end_(end), column_(column), state_(column ? kYes : kUnknown) {}
  bool column() const { return column_; }
  bool operator()() const {
    if (state_ == kUnknown) {
      state_ = PhoneKeywordBefore(v_, begin_) || PhoneKeywordAfter(v_, end_) ? kYes : kNo;
    }
    return state_ == kYes;
  }

 private:
  static constexpr int kNo = 0;
  static constexpr int kYes = 1;
  static constexpr int kUnknown = 2;
  std::string_view v_;
  std::size_t begin_;
  std::size_t end_;
  bool column_;
  mutable int state_;
};

// How many numbers one value may have checked against libphonenumber's metadata, whose regular
// expressions cost microseconds: a value of thousands of phone-like numbers (a fuzzer's, not a
// citizen's) must still be read in linear time. Past it, only shape and words decide.
class Budget {
 public:
  bool Spend() {
    if (left_ == 0) return false;
    --left_;
    return true;
  }

 private:
  int left_ = 512;
};

// Whether a phone number found now would overlap one taken before the detector ran or the last
// one it took. What was taken before is sorted, so that a value of many numbers is not read in
// quadratic time; what the detector finds comes in order and only the last one can overlap the
// next.
struct PhoneOverlap {
  const TakenSpans& prior;
  std::size_t found_end = 0;

  bool operator()(std::size_t b, std::size_t e) const {
    return b < found_end || prior.Overlaps(b, e);
  }
};

// Whether a phone number may start at i: a digit, a plus or a bracket before one, not inside a
// word or a longer number.
bool PhoneMayStartAt(std::string_view v, std::size_t i) {
  const char c = v[i];
  // A plus may stand apart from the country code ("+ 45 9613 5325"), not a sum's plus
  // ("3 + 45").
  const bool starts = IsDigit(c) || ((c == '+' || c == '(') && DigitAt(v, i + 1)) ||
                      (c == '+' && i + 2 < v.size() && v[i + 1] == ' ' && IsDigit(v[i + 2]) &&
                       !(i >= 2 && v[i - 1] == ' ' && IsDigit(v[i - 2])));
  return starts && !(i > 0 && (IsAlnumAscii(v[i - 1]) || v[i - 1] == '+'));
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
  bool china = false;      // CN among the regions: its local formats count
  bool argentina = false;  // AR among the regions

  explicit Impl(const ScanOptions& options);

  void Find(std::string_view v, const ColumnContext& context, Candidates& taken) const;
  std::size_t InternationalEnd(std::string_view v, const PhoneToken& t, bool column,
                               const PhoneOverlap& overlaps, Budget& budget,
                               std::size_t* begin) const;
  std::size_t NationalEnd(std::string_view v, const PhoneToken& t, bool column,
                          const PhoneOverlap& overlaps, Budget& budget) const;
  bool IsPhone(std::string_view v, const PhoneToken& t, const Said& said, Budget& budget) const;
  bool IsInternationalPhone(std::string_view raw, std::string_view digits, bool context, bool plain,
                            std::size_t cc_group, Budget& budget) const;
  bool IsNationalPhone(std::string_view raw, const PhoneToken& t, bool context, bool grouped_only,
                       Budget& budget) const;
  bool IsLocalFormat(std::string_view v, const PhoneToken& t, Budget& budget) const;
  bool IsInternationalLocalFormat(std::string_view v, const PhoneToken& t, bool idd) const;
  bool IsChineseMobile(std::string_view national, Budget& budget) const;
};

PhoneDetector::Impl::Impl(const ScanOptions& options)
    : phone_util(*PhoneNumberUtil::GetInstance()) {
  for (const std::string& code : options.phone_regions) {
    const int country_code = phone_util.GetCountryCodeForRegion(code);
    if (country_code == 0) continue;
    std::string prefix;
    phone_util.GetNddPrefixForRegion(code, /*strip_non_digits=*/true, &prefix);
    regions.push_back({code, country_code, prefix});
    if (code == "CN") china = true;
    if (code == "AR") argentina = true;
  }
  std::set<int> codes;
  phone_util.GetSupportedCallingCodes(&codes);
  for (int c : codes) {
    if (c > 0 && c < 1000) calling_codes[static_cast<std::size_t>(c)] = true;
  }
}

bool PhoneDetector::Impl::IsInternationalPhone(std::string_view raw, std::string_view digits,
                                               bool context, bool plain, std::size_t cc_group,
                                               Budget& budget) const {
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
  // Past the budget, the length alone (no regular expressions) and the way it is written.
  const bool check = budget.Spend();
  PhoneNumber number;
  if (check && (national[0] == '0' || raw.find("(0)") != std::string_view::npos)) {
    // A trunk prefix written after the country code ("+44 (0)20 ...") or an Italian-style
    // leading zero: libphonenumber's full parser knows which.
    // The raw text keeps "(0)", which the parser strips; "00" becomes "+".
    const std::string text = "+" + std::string(raw.substr(raw[0] == '+' ? 1 : 2));
    if (phone_util.Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  } else {
    number.set_country_code(Number(digits.substr(0, cc_length)));
    number.set_national_number(ToUint64(national));
  }
  if (check && phone_util.IsValidNumber(number)) return true;
  if (!phone_util.IsPossibleNumber(number)) return false;
  if (context) return true;
  // A country code before a number of the right length says "phone" by itself, even where the
  // number is in a block not yet allocated ("+45 83 51 21 22"), but not where the national plan
  // keeps the first digit for something else: Danish numbers never start with 0 or 1.
  return plain && (cc_group == 0 || cc_group == cc_length) &&
         !(number.country_code() == 45 && national[0] < '2');
}

bool PhoneDetector::Impl::IsNationalPhone(std::string_view raw, const PhoneToken& t, bool context,
                                          bool grouped_only, Budget& budget) const {
  if (!budget.Spend()) return false;
  for (const Region& region : regions) {
    std::string_view national = t.digits();
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
  // Formats only the full parser knows.
  for (const Region& region : regions) {
    if (region.national_prefix.empty() || !t.digits().starts_with(region.national_prefix)) {
      continue;
    }
    PhoneNumber number;
    if (phone_util.Parse(std::string(raw), region.code, &number) ==
            PhoneNumberUtil::NO_PARSING_ERROR &&
        phone_util.IsValidNumber(number)) {
      return true;
    }
  }
  return false;
}

// Chinese mobile numbers: 11 digits from 13 to 19, which libphonenumber places on a mobile
// network. Round figures ("15000000000") are amounts, not numbers anyone was given.
bool PhoneDetector::Impl::IsChineseMobile(std::string_view national, Budget& budget) const {
  if (!china || national.size() != 11 || national[0] != '1' || national[1] < '3' ||
      national.ends_with("000000")) {
    return false;
  }
  // Past the budget, its shape alone.
  if (!budget.Spend()) return true;
  PhoneNumber number;
  number.set_country_code(86);
  number.set_national_number(ToUint64(national));
  const auto type = phone_util.GetNumberType(number);
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

// The local ways of writing numbers in China and Argentina, whose grouping says "phone" even
// where the number is not one libphonenumber knows to be allocated:
// - Chinese mobiles, bare or 3-4-4: "13800138000", "138 0013 8000", "138-0013-8000";
// - Chinese landlines with the area code apart: "010-12345678", "(010) 6523 1234",
//   "0755-1234 5678" (010, 02x or 0xxx, then 7 or 8 digits);
// - Argentine mobiles dialled locally, "15-4321-5678", or with the area code, "011 15-4321-5678",
//   "(011) 15 4321-5678", "0221 15-456-7890" (0, the area code, 15, the number: 13 digits);
// - Argentine landlines with the area code apart: "(011) 4321-5678", "0221 456-7890" (11 digits).
bool PhoneDetector::Impl::IsLocalFormat(std::string_view v, const PhoneToken& t,
                                        Budget& budget) const {
  const std::string_view d = t.digits();
  const std::size_t n = t.groups;
  const Separators s = SeparatorsOf(v, t);
  if (s.dots) return false;
  if (d.size() == 11 && (n == 1 || (n == 3 && t.group(0) == 3 && t.group(1) == 4)) &&
      IsChineseMobile(d, budget)) {
    return true;
  }
  if (n < 2) return false;
  for (std::size_t k = 1; k < n; ++k) {
    if (t.group(k) < 2) return false;
  }
  const std::size_t area = t.group(0);
  std::size_t rest = d.size() - area;
  std::size_t rest_groups = n - 1;
  if (d[0] == '0' && area >= 3 && area <= 5) {
    if (china && rest >= 7 && rest <= 8 && rest_groups <= 2 &&
        ((area == 3 && (d.substr(1, 2) == "10" || d[1] == '2')) ||
         (area == 4 && d[1] >= '3' && d[1] <= '9')) &&
        d[area] != '0') {
      return true;
    }
    if (argentina) {
      const bool fifteen = t.group(1) == 2 && d.substr(area, 2) == "15";
      if (fifteen) rest -= 2, --rest_groups;
      if (rest_groups >= 1 && rest_groups <= 2 && area - 1 + rest == 10 && rest >= 6 &&
          d[d.size() - rest] != '0') {
        return true;
      }
    }
    return false;
  }
  if (!argentina || t.group(n - 1) != 4) return false;
  // 15-4321-5678, 15 456 7890, 15-2957 9138.
  if (n == 3 && area == 2 && d.starts_with("15") && (t.group(1) == 3 || t.group(1) == 4)) {
    return true;
  }
  // The ten digits of a national number, the area code apart and the last four after a hyphen,
  // as Argentines write mobiles since the 15 went out of use: "11 4321-5678", "351 423-4567",
  // "11-4321-5678".
  return n == 3 && d.size() == 10 && area >= 2 && area <= 4 && d[0] >= '1' && d[0] <= '3' &&
         t.group(1) >= 2 && t.separator(v, 1) == "-";
}

bool PhoneDetector::Impl::IsPhone(std::string_view v, const PhoneToken& t, const Said& said,
                                  Budget& budget) const {
  const std::string_view raw = v.substr(t.begin, t.end - t.begin);
  const LookAlike look = NumberLookAlike(v, t);
  if (look == LookAlike::kOther) return false;
  bool phone;
  if (look == LookAlike::kNone && IsLocalFormat(v, t, budget)) {
    phone = true;
  } else if (!said()) {
    phone = LooksGroupedLikePhone(v, t) && IsNationalPhone(raw, t, false, true, budget);
  } else if (t.group(t.groups - 1) < 2) {
    // No phone number ends in a lone digit: "12 34 56 78 2 gange" is a number and a count.
    phone = false;
  } else if (look == LookAlike::kThousands) {
    // Grouped in thousands, only a full number valid for a region: "Tel. 911 234 567" (Spain),
    // not "Telefonregningen var 1 234 567".
    phone = t.digit_count >= 9 && IsNationalPhone(raw, t, true, false, budget);
  } else {
    // The shape first: it needs no regular expressions of libphonenumber's.
    phone = PhoneShaped(v, t) || IsNationalPhone(raw, t, true, false, budget);
  }
  // A number of another kind, unless a phone word comes before that word.
  return phone &&
         (said.column() || !OtherNumberWordBefore(v, t.begin) || PhoneKeywordBefore(v, t.begin));
}

// Chinese and Argentine numbers written internationally in their local grouping, which
// libphonenumber may not know to be allocated: "+86 10 1234 5678", "+86 755 1234 5678",
// "+54 11 4321-5678", "+54 9 351 423-4567".
bool PhoneDetector::Impl::IsInternationalLocalFormat(std::string_view v, const PhoneToken& t,
                                                     bool idd) const {
  const std::size_t n = t.groups;
  if (n < 3 || t.group(0) != (idd ? 4u : 2u) || SeparatorsOf(v, t).dots) return false;
  const std::string_view d = t.digits().substr(idd ? 4 : 2);
  std::size_t first = 1;
  std::size_t offset = 0;  // of group `first` in d
  if (t.digits().substr(idd ? 2 : 0, 2) == "86" && china) {
    const std::size_t area = t.group(first);
    const std::size_t rest = d.size() - area;
    return n - first - 1 <= 2 && rest >= 7 && rest <= 8 &&
           ((area == 2 && (d.starts_with("10") || d[0] == '2')) ||
            (area == 3 && d[0] >= '3' && d[0] <= '9')) &&
           d[area] != '0';
  }
  if (t.digits().substr(idd ? 2 : 0, 2) == "54" && argentina) {
    if (t.group(1) == 1 && d[0] == '9') first = 2, offset = 1;
    const std::size_t area = t.group(first);
    const std::size_t national = d.size() - offset;
    return n - first >= 2 && n - first <= 3 && national == 10 && area >= 2 && area <= 4 &&
           d[offset] >= '1' && d[offset] <= '3' && t.group(n - 1) == 4;
  }
  return false;
}

// The end of the number written internationally ("+45 ...", "0045 ...") that token `t` begins
// with, or 0; *begin takes in a bracket before its plus.
std::size_t PhoneDetector::Impl::InternationalEnd(std::string_view v, const PhoneToken& t,
                                                  bool column, const PhoneOverlap& overlaps,
                                                  Budget& budget, std::size_t* begin) const {
  const bool idd = !t.plus && v.substr(t.begin, t.end - t.begin).starts_with("00");
  const bool said = column || PhoneKeywordBefore(v, t.begin) || PhoneKeywordAfter(v, t.end);
  const bool amount = AmountAround(v, t.begin, t.end);
  std::size_t end = 0;
  // The longest run of first groups that is a number: "+86 153 6795 9877/183 62380375".
  for (std::size_t k = t.groups; k >= 1 && end == 0; --k) {
    const PhoneToken p = k == t.groups && !t.too_long ? t : Prefix(t, k);
    if (p.digit_count < 7) break;
    const std::string_view p_raw = v.substr(p.begin, p.end - p.begin);
    // Plainly a phone number: no amount ("+2.500.000 kr"), date, decimal or code, and the
    // country code a group of its own ("+45 83 51 21 22", "0045 83512122"), unless the
    // whole is one run after a plus ("+4583512122").
    std::size_t cc_group = p.group(0);
    if (idd) cc_group = p.group(0) == 2 && p.groups > 1 ? p.group(1) : p.group(0) - 2;
    if (p.groups == 1 && !idd) cc_group = 0;
    const bool plain =
        !amount && NumberLookAlike(v, p) == LookAlike::kNone && !AfterCode(v, p.begin);
    if (!overlaps(p.begin, p.end) &&
        (IsInternationalPhone(p_raw, p.digits().substr(idd ? 2 : 0), said, plain, cc_group,
                              budget) ||
         IsInternationalLocalFormat(v, p, idd))) {
      end = p.end;
    }
  }
  // "(+45) 33 66 33 66": the bracket around the country code is part of it.
  if (end != 0 && t.plus && *begin > 0 && v[*begin - 1] == '(' && t.groups > 1 &&
      t.separator(v, 0).starts_with(")")) {
    --*begin;
  }
  return end;
}

// The end of the number written nationally that token `t` begins with, or 0.
std::size_t PhoneDetector::Impl::NationalEnd(std::string_view v, const PhoneToken& t,
                                             bool column, const PhoneOverlap& overlaps,
                                             Budget& budget) const {
  const Said said(v, t.begin, t.end, column);
  std::size_t end = 0;
  // Numbers run together or into the next figure ("13800138000 13912345678",
  // "71 22 15 25 2019", "tlf 12 34 56 78 2 gange"): the phone number is the longest run of
  // first groups that is one, and the rest is read again.
  for (std::size_t k = t.groups; k >= 1 && end == 0; --k) {
    const PhoneToken p = k == t.groups && !t.too_long ? t : Prefix(t, k);
    if (p.digit_count < 7) break;
    if (p.digit_count <= 15 && !overlaps(p.begin, p.end) && IsPhone(v, p, said, budget)) {
      end = p.end;
    }
  }
  // "010-12345678-8001": the last group an extension.
  if (end != 0 && !t.too_long && end != t.end && end == t.group_end[t.groups - 2] &&
      t.separator(v, t.groups - 2) == "-" && t.group(t.groups - 1) <= 4 &&
      !overlaps(end, t.end)) {
    end = t.end;
  }
  return end;
}

void PhoneDetector::Impl::Find(std::string_view v, const ColumnContext& context,
                               Candidates& taken) const {
  const TakenSpans prior(taken);
  PhoneOverlap overlaps{prior};
  Budget budget;
  std::size_t i = 0;
  while (i < v.size()) {
    if (!PhoneMayStartAt(v, i)) {
      ++i;
      continue;
    }
    const PhoneToken t = ReadPhoneToken(v, i);
    i = std::max(t.end, i + 1);
    if (t.digit_count < 7 || (t.end < v.size() && IsAlphaAscii(v[t.end]))) continue;
    const bool idd = !t.plus && v.substr(t.begin, t.end - t.begin).starts_with("00");
    std::size_t begin = t.begin;
    std::size_t end = 0;
    if (t.plus || idd) end = InternationalEnd(v, t, context.phone, overlaps, budget, &begin);
    // "00 91 58 54" is a Danish number written with its leading zeros, not a call to India.
    if (end == 0 && !t.plus && !AmountAround(v, t.begin, t.end)) {
      end = NationalEnd(v, t, context.phone, overlaps, budget);
    }
    if (end == 0) continue;
    // "(91.01.61.47)": a bracket that opens before the number and closes after it is not part
    // of it, unlike that of an area code, "(011) 4321-5678".
    if (v[begin] == '(' && v.substr(begin, end - begin).find(')') == std::string_view::npos) {
      ++begin;
    }
    if (const std::size_t extended = ExtensionEnd(v, end); !overlaps(end, extended)) {
      end = extended;
    }
    taken.push_back({kPriorityPhone, {IdentifierKind::kPhone, begin, end}});
    overlaps.found_end = end;
    i = end;
  }
}

PhoneDetector::PhoneDetector(const ScanOptions& options)
    : impl_(std::make_unique<const Impl>(options)) {}
PhoneDetector::~PhoneDetector() = default;

namespace {

// The ASCII character that a full-width or ideographic one at v[i] stands for in a phone number
// (０-９, ＋, －, （, ）, ideographic space), or 0. The characters are all three bytes long.
char FoldedAt(std::string_view v, std::size_t i) {
  if (i + 2 >= v.size()) return 0;
  const auto b0 = static_cast<unsigned char>(v[i]);
  const auto b1 = static_cast<unsigned char>(v[i + 1]);
  const auto b2 = static_cast<unsigned char>(v[i + 2]);
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return ' ';
  if (b0 != 0xEF || b1 != 0xBC) return 0;
  if (b2 >= 0x90 && b2 <= 0x99) return static_cast<char>('0' + (b2 - 0x90));
  switch (b2) {
    case 0x8B:
      return '+';
    case 0x8D:
      return '-';
    case 0x88:
      return '(';
    case 0x89:
      return ')';
    default:
      return 0;
  }
}

bool IsFullWidthDigitAt(std::string_view v, std::size_t i) {
  const char c = FoldedAt(v, i);
  return c >= '0' && c <= '9';
}

}  // namespace

std::size_t FullWidthDigitCount(std::string_view v) {
  std::size_t n = 0;
  for (std::size_t i = v.find('\xEF'); i != std::string_view::npos; i = v.find('\xEF', i + 1)) {
    n += IsFullWidthDigitAt(v, i) ? 1 : 0;
  }
  return n;
}

void PhoneDetector::Find(std::string_view v, const ColumnContext& context,
                         Candidates& taken) const {
  // Chinese text has phone numbers in full-width digits ("１３８ ００１３ ８０００") and ASCII
  // ones spaced with ideographic spaces ("187　9592　4971"): read a copy with those folded to
  // ASCII, and map what is found back. Only such text pays for the copy.
  bool fold = false;
  for (std::size_t i = 0; i < v.size() && !fold; ++i) {
    if (v[i] != '\xEF' && v[i] != '\xE3') continue;
    const char c = FoldedAt(v, i);
    fold =
        (c >= '0' && c <= '9') || (c != 0 && ((i > 0 && IsDigit(v[i - 1])) || DigitAt(v, i + 3)));
  }
  if (!fold) {
    impl_->Find(v, context, taken);
    return;
  }
  std::string folded;
  std::vector<std::size_t> origin;  // origin[k]: where folded[k] was in v
  folded.reserve(v.size());
  origin.reserve(v.size() + 1);
  for (std::size_t i = 0; i < v.size();) {
    const char c = FoldedAt(v, i);
    origin.push_back(i);
    if (c != 0) {
      folded += c;
      i += 3;
    } else {
      folded += v[i];
      ++i;
    }
  }
  origin.push_back(v.size());
  const auto to_folded = [&origin](std::size_t pos) {
    return static_cast<std::size_t>(std::lower_bound(origin.begin(), origin.end(), pos) -
                                    origin.begin());
  };
  Candidates in_folded;
  in_folded.reserve(taken.size());
  for (const Candidate& c : taken) {
    in_folded.push_back(
        {c.priority, {c.finding.kind, to_folded(c.finding.begin), to_folded(c.finding.end)}});
  }
  const std::size_t before = in_folded.size();
  impl_->Find(folded, context, in_folded);
  for (std::size_t k = before; k < in_folded.size(); ++k) {
    const Finding& f = in_folded[k].finding;
    taken.push_back({in_folded[k].priority, {f.kind, origin[f.begin], origin[f.end]}});
  }
}

}  // namespace citynet::privacy::internal
