#include "node/privacy/identifiers.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/internal/emails.h"
#include "node/privacy/internal/names.h"
#include "node/privacy/internal/numbers.h"
#include "node/privacy/internal/phones.h"
#include "node/privacy/internal/text.h"
#include "node/privacy/internal/text_identifiers.h"
#include "node/privacy/internal/zh_names.h"

namespace citynet::privacy {

using namespace internal;  // NOLINT(google-build-using-namespace): this file assembles them

struct IdentifierScanner::Impl {
  explicit Impl(const ScanOptions& options) : phones(options) {}

  PhoneDetector phones;
  NameDetector names;
  ChineseNameDetector chinese_names;
};

IdentifierScanner::IdentifierScanner(ScanOptions options)
    : impl_(std::make_unique<const Impl>(options)) {}
IdentifierScanner::~IdentifierScanner() = default;
IdentifierScanner::IdentifierScanner(IdentifierScanner&&) noexcept = default;
IdentifierScanner& IdentifierScanner::operator=(IdentifierScanner&&) noexcept = default;

namespace {

// Whether a word of `value` may be a month's name in Danish, English or Spanish (a word that
// begins with the first three letters of one). A date written all in words ("the third of
// May", "primero de enero", "tredje maj") names its month; text without digits and without
// such a word holds no date, and the birth-date detector need not read it word by word.
bool MayNameAMonth(std::string_view value) {
  static constexpr std::string_view kStarts[] = {"jan", "feb", "mar", "apr", "abr", "may", "maj",
                                                 "jun", "jul", "aug", "ago", "sep", "set", "oct",
                                                 "okt", "nov", "dec", "dic", "ene"};
  // Every three lower-case letters, marked when they are a start: a word is looked up, not
  // compared with each start.
  constexpr auto index = [](char a, char b, char c) {
    return static_cast<std::size_t>(((a - 'a') * 26 + (b - 'a')) * 26 + (c - 'a'));
  };
  static constexpr std::array<bool, 26 * 26 * 26> kIsStart = [index] {
    std::array<bool, 26 * 26 * 26> set{};
    for (std::string_view m : kStarts) set[index(m[0], m[1], m[2])] = true;
    return set;
  }();
  for (std::size_t i = 0; i + 3 <= value.size(); ++i) {
    if (!IsAlphaAscii(value[i]) || (i > 0 && IsAlphaAscii(value[i - 1]))) continue;
    const char w[3] = {LowerAscii(value[i]), LowerAscii(value[i + 1]), LowerAscii(value[i + 2])};
    if (!IsLowerAscii(w[1]) || !IsLowerAscii(w[2])) continue;  // every start is three letters
    if (kIsStart[index(w[0], w[1], w[2])]) return true;
  }
  return false;
}

}  // namespace

void IdentifierScanner::Scan(std::string_view value, const ColumnContext& context,
                             std::vector<Finding>& out) const {
  std::size_t digits = 0;
  bool letters = false;
  bool at = false;
  bool han = false;
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if (IsDigit(c)) {
      ++digits;
    } else if (c == '@') {
      at = true;
    } else if (IsAlphaAscii(c) || b >= 0x80) {
      letters = true;
      // Lead bytes of U+3000..U+9FFF (CJK punctuation, kana, Han) and of the full-width forms.
      if (b >= 0xE3 && b <= 0xEF) han = true;
    }
  }
  // Phone numbers in Chinese text may be written in full-width digits ("１３８００１３８０００").
  if (han && digits < 7) digits += FullWidthDigitCount(value);
  Candidates found;
  // Every numeric identifier with check digits has at least 7 digits; Chinese text may type
  // them full-width, which `han` stands for.
  if (digits >= 7 || han) {
    FindCheckDigitNumbers(value, found);
    if (letters) FindIbans(value, found);
  }
  if (at || letters) FindEmails(value, found);
  if (digits >= 2) FindIpAddresses(value, found);
  if (digits >= 6 && letters) {
    FindNationalInsuranceNumbers(value, found);
    FindMexicanIds(value, found);
  }
  if (letters) FindMessengerAccounts(value, found);
  // Passports are announced by words (or the column) and win over what the digits alone say;
  // some are all letters ("pas nummer VJYMWPYPH").
  if (digits >= 1 || letters) {
    Candidates passports;
    FindPassports(value, context, passports);
    found.insert(found.end(), passports.begin(), passports.end());
  }
  DropInsideEmails(found);
  // Resolve overlaps among the strong detectors; the weaker ones only look where they did not.
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.priority < b.priority; });
  Candidates taken;
  if (found.size() <= 8) {
    for (const Candidate& c : found) {
      if (!Overlaps(taken, c.finding.begin, c.finding.end)) taken.push_back(c);
    }
  } else {
    // A value may hold thousands (a cell of e-mail addresses): keep the spans taken ordered, so
    // that resolving them stays n log n.
    std::set<std::pair<std::size_t, std::size_t>> spans;
    for (const Candidate& c : found) {
      const auto after = spans.upper_bound({c.finding.begin, SIZE_MAX});
      const bool clash = (after != spans.end() && after->first < c.finding.end) ||
                         (after != spans.begin() && std::prev(after)->second > c.finding.begin);
      if (clash) continue;
      spans.emplace(c.finding.begin, c.finding.end);
      taken.push_back(c);
    }
  }
  // Words say what a date, a plate or a street is: no letters, none of them. Chinese text may
  // write its numbers in Chinese numerals or full-width digits, and a date of birth may be all
  // words ("the third of May", "primero de enero").
  if ((digits >= 1 && letters) || han || MayNameAMonth(value)) FindBirthDates(value, taken);
  if (digits >= 1 && letters) FindPlates(value, taken);
  if (digits >= 7) FindDnis(value, context, taken);
  if (digits >= 6 && letters) FindCedulas(value, taken);
  if (digits >= 7) impl_->phones.Find(value, context, taken);
  if ((digits >= 1 && letters) || han) FindAddresses(value, taken);
  if (letters) impl_->names.Find(value, taken);
  if (han) impl_->chinese_names.Find(value, taken);
  std::sort(taken.begin(), taken.end(), [](const Candidate& a, const Candidate& b) {
    return a.finding.begin < b.finding.begin;
  });
  for (const Candidate& c : taken) out.push_back(c.finding);
}

bool IdentifierScanner::IsLoneName(std::string_view value) const {
  return impl_->names.IsLoneName(value);
}

std::string IdentifierScanner::Redact(std::string_view value,
                                      const std::vector<Finding>& findings) {
  std::string out;
  out.reserve(value.size());
  std::size_t pos = 0;
  for (const Finding& f : findings) {
    out.append(value.substr(pos, f.begin - pos));
    out.append("[removed]");
    pos = f.end;
  }
  out.append(value.substr(pos));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kinds and column names.

std::string_view IdentifierKindName(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kCpr:
      return "CPR numbers";
    case IdentifierKind::kChineseId:
      return "Chinese resident ID numbers";
    case IdentifierKind::kCuit:
      return "CUIT/CUIL numbers";
    case IdentifierKind::kDni:
      return "DNI numbers";
    case IdentifierKind::kCbu:
      return "CBU numbers";
    case IdentifierKind::kIban:
      return "IBANs";
    case IdentifierKind::kEmail:
      return "e-mail addresses";
    case IdentifierKind::kPhone:
      return "phone numbers";
    case IdentifierKind::kName:
      return "personal names";
    case IdentifierKind::kPassport:
      return "passport numbers";
    case IdentifierKind::kAddress:
      return "street addresses";
    case IdentifierKind::kPlate:
      return "vehicle registration plates";
    case IdentifierKind::kBirthDate:
      return "dates of birth";
    case IdentifierKind::kIpAddress:
      return "IP addresses";
    case IdentifierKind::kNationalId:
      return "national ID numbers";
    case IdentifierKind::kAccount:
      return "messenger accounts";
  }
  return "identifiers";
}

namespace {

// Splits a column name into lower-case words without accents: at separators, at camelCase
// ("firstName", "CPRNummer") and at any other non-letter, non-digit character.
std::vector<std::string> ColumnWords(std::string_view name) {
  // camelCase first, while case is still there: a space before an upper-case ASCII letter that
  // follows a lower-case one, or that starts a lower-case word after upper-case letters.
  std::string spaced;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (IsUpperAscii(c) && i > 0 &&
        ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
         (IsUpperAscii(name[i - 1]) && i + 1 < name.size() && name[i + 1] >= 'a' &&
          name[i + 1] <= 'z'))) {
      spaced += ' ';
    }
    spaced += c;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(spaced.data(), static_cast<int32_t>(spaced.size())));
  u.foldCase();
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_SUCCESS(error)) {
    icu::UnicodeString decomposed = nfd->normalize(u, error);
    if (U_SUCCESS(error)) u = decomposed;
  }
  std::vector<std::string> words(1);
  for (int32_t i = 0; i < u.length();) {
    const UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    if (u_charType(cp) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(cp)) {
      AppendUtf8(words.back(), cp);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::optional<IdentifierKind> KindOfWord(std::string_view w) {
  using K = IdentifierKind;
  if (In(w, {"email", "mail", "emailadresse", "emailaddress", "mailadresse", "correo",
             "correoelectronico", "epost", "epostadresse"})) {
    return K::kEmail;
  }
  if (In(w, {"cpr", "cprnr", "cprno", "cprnummer", "cprnumber", "personnummer", "personnr",
             "fødselsnummer", "fodselsnummer", "personnummeret"})) {
    return K::kCpr;
  }
  if (In(w, {"shenfenzheng", "shenfenzhenghao", "residentid", "chineseid"})) return K::kChineseId;
  if (In(w, {"cuit", "cuil", "cuitcuil"})) return K::kCuit;
  if (In(w, {"cbu", "cvu"})) return K::kCbu;
  if (In(w, {"iban", "kontonummer", "kontonr", "bankkonto", "bankaccount", "accountnumber",
             "cuentabancaria", "numerodecuenta"})) {
    return K::kIban;
  }
  if (In(w, {"dni", "documento", "nrodocumento", "numerodocumento", "nrodoc", "numdoc"})) {
    return K::kDni;
  }
  if (In(w, {"passport", "passportnumber", "passportno", "pasnummer", "pasnr", "passnummer",
             "pasaporte"})) {
    return K::kPassport;
  }
  if (In(w, {"phone",       "telephone",     "tel",         "tlf",     "tlfnr",   "telefon",
             "telefonnr",   "telefonnummer", "telefono",    "mobil",   "mobile",  "mobilnr",
             "mobilnummer", "mobiltelefon",  "cellphone",   "cell",    "celular", "movil",
             "fax",         "phonenumber",   "mobilephone", "whatsapp"})) {
    return K::kPhone;
  }
  if (In(w, {"firstname", "lastname", "surname", "fullname", "givenname", "familyname", "forename",
             "middlename", "maidenname", "fornavn", "efternavn", "mellemnavn", "fuldenavn",
             "fuldtnavn", "apellido", "apellidos", "nombres", "nombrecompleto", "username"})) {
    return K::kName;
  }
  if (In(w, {"address", "adresse", "addr", "direccion", "domicilio", "streetaddress", "homeaddress",
             "postaladdress", "hjemadresse", "bopæl", "anschrift", "strasse"})) {
    return K::kAddress;
  }
  if (In(w, {"licenseplate", "licenceplate", "numberplate", "platenumber", "nummerplade",
             "registreringsnummer", "regnr", "patente", "kennzeichen"})) {
    return K::kPlate;
  }
  return std::nullopt;
}

}  // namespace

std::optional<IdentifierKind> IdentifierColumnByName(std::string_view column_name) {
  using K = IdentifierKind;
  const std::vector<std::string> words = ColumnWords(column_name);
  if (words.empty()) return std::nullopt;
  std::string joined;
  for (const std::string& w : words) joined += w;

  // A column about an identifier, not holding one.
  for (const std::string& w : words) {
    if (In(w,
           {"has",    "is",     "count",  "n",        "share",    "pct",     "percent", "rate",
            "type",   "tipo",   "kind",   "verified", "valid",    "consent", "domain",  "provider",
            "status", "length", "format", "missing",  "flag",     "ip",      "mac",     "web",
            "url",    "host",   "server", "wallet",   "contract", "memory"})) {
      return std::nullopt;
    }
  }

  // Chinese: no spaces between words, so look inside.
  struct Sub {
    std::string_view text;
    K kind;
  };
  static constexpr Sub kChinese[] = {
      {"身份证", K::kChineseId}, {"电子邮", K::kEmail},  {"邮箱", K::kEmail},
      {"电话", K::kPhone},       {"手机", K::kPhone},    {"联系方式", K::kPhone},
      {"护照", K::kPassport},    {"银行账号", K::kIban}, {"银行卡号", K::kIban},
      {"姓名", K::kName},        {"名字", K::kName},     {"地址", K::kAddress},
      {"住址", K::kAddress},     {"车牌", K::kPlate},    {"牌照", K::kPlate},
  };
  for (const Sub& s : kChinese) {
    if (joined.find(s.text) != std::string::npos) return s.kind;
  }
  if (joined == "姓" || joined == "名") return K::kName;

  // The whole name, each word, and each pair of adjacent words ("e_mail", "cpr_nr").
  if (auto kind = KindOfWord(joined)) return kind;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k + 1 < words.size()) {
      if (auto kind = KindOfWord(words[k] + words[k + 1])) return kind;
    }
    if (auto kind = KindOfWord(words[k])) return kind;
  }

  // "name" means a person's name alone or with a person word, not "district_name".
  bool has_name = false;
  bool other = false;
  for (const std::string& w : words) {
    if (In(w, {"name", "navn", "nombre", "names", "navne"})) {
      has_name = true;
    } else if (!In(w, {"first",    "last",     "full",       "given",     "family",  "middle",
                       "sur",      "maiden",   "person",     "personal",  "citizen", "customer",
                       "client",   "contact",  "respondent", "patient",   "user",    "owner",
                       "resident", "employee", "student",    "applicant", "member",  "borger",
                       "kunde",    "ansat",    "elev",       "completo",  "y",       "and",
                       "og",       "fulde",    "fuldt",      "1",         "2"})) {
      other = true;
    }
  }
  if (has_name && !other) return K::kName;
  if (joined == "street" || joined == "calle" || joined == "streetandnumber" || joined == "gade" ||
      joined == "vejognummer") {
    return K::kAddress;
  }
  return std::nullopt;
}

ColumnContext ColumnContextFor(std::string_view column_name) {
  const std::optional<IdentifierKind> kind = IdentifierColumnByName(column_name);
  ColumnContext context;
  context.phone = kind == IdentifierKind::kPhone;
  context.dni = kind == IdentifierKind::kDni;
  context.passport = kind == IdentifierKind::kPassport;
  return context;
}

}  // namespace citynet::privacy