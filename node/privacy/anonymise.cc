#include "node/privacy/anonymise.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <queue>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace citynet::privacy {
namespace {

// ---------------------------------------------------------------------------------------------
// Parsing values.

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// At most 15 digits, so that band arithmetic never overflows. Leading zeros mark codes ("0150")
// rather than numbers when deciding a column's hierarchy, but a declared integer column takes
// "07" as 7.
std::optional<int64_t> ParseInteger(std::string_view s, bool allow_leading_zero) {
  s = Trim(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 15) return std::nullopt;
  if (!allow_leading_zero && s.size() > 1 && s.front() == '0') return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Date {
  int64_t year;
  int month;
  int day;
};

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<Date> ParseDate(std::string_view s) {
  s = Trim(s);
  if (s.size() != 10) return std::nullopt;
  std::optional<int> y, m, d;
  if ((s[4] == '-' && s[7] == '-') || (s[4] == '/' && s[7] == '/')) {  // YYYY-MM-DD, YYYY/MM/DD
    y = Digits(s.substr(0, 4));
    m = Digits(s.substr(5, 2));
    d = Digits(s.substr(8, 2));
  } else if ((s[2] == '-' && s[5] == '-') || (s[2] == '.' && s[5] == '.')) {  // DD-MM-YYYY
    d = Digits(s.substr(0, 2));
    m = Digits(s.substr(3, 2));
    y = Digits(s.substr(6, 4));
  }
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > DaysInMonth(*y, *m)) {
    return std::nullopt;
  }
  return Date{*y, *m, *d};
}

// A postcode with spaces removed and letters upper-cased, or nullopt when the value does not
// look like one (no digit, other characters, longer than 10).
std::optional<std::string> NormalisePostcode(std::string_view s) {
  std::string out;
  bool digit = false;
  for (char c : s) {
    if (IsSpace(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (IsDigit(c)) digit = true;
    if (!(IsDigit(c) || (c >= 'A' && c <= 'Z') || c == '-')) return std::nullopt;
    out.push_back(c);
  }
  if (!digit || out.size() > 10) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Column names.

// The words of a column name: split at non-alphanumerics and at lower-to-upper case changes,
// case-folded, accents stripped, and ø/æ/ß/œ/đ/ł spelt out in ASCII.
std::vector<std::string> NameWords(std::string_view name) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::UnicodeString raw = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  icu::UnicodeString text = raw;
  if (U_SUCCESS(error)) {
    icu::UnicodeString decomposed = nfd->normalize(raw, error);
    if (U_SUCCESS(error)) text = decomposed;
  }
  std::vector<std::string> words;
  std::string word;
  bool previous_lower = false;
  auto flush = [&words, &word] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (!u_isalnum(c)) {
      flush();
      previous_lower = false;
      continue;
    }
    if (u_isupper(c) && previous_lower) flush();
    previous_lower = u_islower(c);
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    switch (c) {
      case 0xF8:
        word += "o";
        break;  // ø
      case 0xE6:
        word += "ae";
        break;  // æ
      case 0xDF:
        word += "ss";
        break;  // ß
      case 0x153:
        word += "oe";
        break;  // œ
      case 0x111:
        word += "d";
        break;  // đ
      case 0x142:
        word += "l";
        break;  // ł
      default:
        icu::UnicodeString(c).toUTF8String(word);
    }
  }
  flush();
  return words;
}

enum class NameKind { kNone, kPostcode, kBirthDate, kAge, kGender, kArea, kOther };

struct NameKey {
  NameKind kind;
  std::string_view key;  // folded words run together; non-ASCII keys match anywhere
};

// Earlier entries win when a name matches several ("postcode_district" is a postcode).
constexpr NameKey kNameKeys[] = {
    {NameKind::kPostcode, "postcode"},
    {NameKind::kPostcode, "postalcode"},
    {NameKind::kPostcode, "zip"},
    {NameKind::kPostcode, "zipcode"},
    {NameKind::kPostcode, "postnummer"},
    {NameKind::kPostcode, "postnr"},
    {NameKind::kPostcode, "codigopostal"},
    {NameKind::kPostcode, "plz"},
    {NameKind::kPostcode, "postleitzahl"},
    {NameKind::kPostcode, "邮编"},
    {NameKind::kPostcode, "邮政编码"},
    {NameKind::kBirthDate, "birthdate"},
    {NameKind::kBirthDate, "dateofbirth"},
    {NameKind::kBirthDate, "dob"},
    {NameKind::kBirthDate, "birthday"},
    {NameKind::kBirthDate, "birthyear"},
    {NameKind::kBirthDate, "yearofbirth"},
    {NameKind::kBirthDate, "fodselsdato"},
    {NameKind::kBirthDate, "fodselsdag"},
    {NameKind::kBirthDate, "fodselsar"},
    {NameKind::kBirthDate, "fodselsaar"},
    {NameKind::kBirthDate, "fechadenacimiento"},
    {NameKind::kBirthDate, "fechanacimiento"},
    {NameKind::kBirthDate, "anodenacimiento"},
    {NameKind::kBirthDate, "geburtsdatum"},
    {NameKind::kBirthDate, "出生日期"},
    {NameKind::kBirthDate, "出生年份"},
    {NameKind::kBirthDate, "出生"},
    {NameKind::kBirthDate, "生日"},
    {NameKind::kBirthDate, "añodenacimiento"},
    {NameKind::kBirthDate, "fnac"},
    {NameKind::kBirthDate, "fodt"},
    {NameKind::kBirthDate, "born"},
    {NameKind::kAge, "age"},
    {NameKind::kAge, "alder"},
    {NameKind::kAge, "edad"},
    {NameKind::kAge, "alter"},
    {NameKind::kAge, "年龄"},
    {NameKind::kAge, "年齡"},
    {NameKind::kAge, "年纪"},
    {NameKind::kAge, "岁"},
    {NameKind::kAge, "agegroup"},
    {NameKind::kAge, "aldersgruppe"},
    {NameKind::kAge, "rangoetario"},
    {NameKind::kAge, "grupoetario"},
    {NameKind::kGender, "gender"},
    {NameKind::kGender, "sex"},
    {NameKind::kGender, "kon"},
    {NameKind::kGender, "sexo"},
    {NameKind::kGender, "genero"},
    {NameKind::kGender, "geschlecht"},
    {NameKind::kGender, "性别"},
    {NameKind::kGender, "性別"},
    {NameKind::kArea, "district"},
    {NameKind::kArea, "bydel"},
    {NameKind::kArea, "barrio"},
    {NameKind::kArea, "neighbourhood"},
    {NameKind::kArea, "neighborhood"},
    {NameKind::kArea, "kommune"},
    {NameKind::kArea, "municipality"},
    {NameKind::kArea, "municipio"},
    {NameKind::kArea, "distrito"},
    {NameKind::kArea, "city"},
    {NameKind::kArea, "town"},
    {NameKind::kArea, "ward"},
    {NameKind::kArea, "parish"},
    {NameKind::kArea, "sogn"},
    {NameKind::kArea, "地区"},
    {NameKind::kArea, "街道"},
    {NameKind::kArea, "城市"},
    {NameKind::kArea, "comuna"},
    {NameKind::kArea, "partido"},
    {NameKind::kArea, "localidad"},
    {NameKind::kArea, "provincia"},
    {NameKind::kArea, "ciudad"},
    {NameKind::kArea, "region"},
    {NameKind::kArea, "borough"},
    {NameKind::kArea, "suburb"},
    {NameKind::kArea, "county"},
    {NameKind::kArea, "postdistrikt"},
    {NameKind::kArea, "boligomrade"},
    {NameKind::kArea, "kvarter"},
    {NameKind::kArea, "lokalomrade"},
    {NameKind::kArea, "omrade"},
    {NameKind::kArea, "area"},
    {NameKind::kArea, "zona"},
    {NameKind::kArea, "zone"},
    {NameKind::kArea, "residence"},
    {NameKind::kArea, "bopael"},
    {NameKind::kArea, "residencia"},
    // Chinese administrative units (district, county, community, neighbourhood, town,
    // province, native place, household registration): match anywhere in the name.
    {NameKind::kArea, "区"},
    {NameKind::kArea, "區"},
    {NameKind::kArea, "县"},
    {NameKind::kArea, "社区"},
    {NameKind::kArea, "小区"},
    {NameKind::kArea, "镇"},
    {NameKind::kArea, "乡"},
    {NameKind::kArea, "省"},
    {NameKind::kArea, "居住地"},
    {NameKind::kArea, "籍贯"},
    {NameKind::kArea, "户籍"},
    {NameKind::kArea, "所在地"},
    {NameKind::kOther, "nationality"},
    {NameKind::kOther, "nationalitet"},
    {NameKind::kOther, "nacionalidad"},
    {NameKind::kOther, "citizenship"},
    {NameKind::kOther, "statsborgerskab"},
    {NameKind::kOther, "ethnicity"},
    {NameKind::kOther, "ethnic"},
    {NameKind::kOther, "etnicitet"},
    {NameKind::kOther, "etnia"},
    {NameKind::kOther, "race"},
    {NameKind::kOther, "religion"},
    {NameKind::kOther, "maritalstatus"},
    {NameKind::kOther, "civilstatus"},
    {NameKind::kOther, "civilstand"},
    {NameKind::kOther, "estadocivil"},
    {NameKind::kOther, "occupation"},
    {NameKind::kOther, "erhverv"},
    {NameKind::kOther, "profession"},
    {NameKind::kOther, "job"},
    {NameKind::kOther, "stilling"},
    {NameKind::kOther, "ocupacion"},
    {NameKind::kOther, "profesion"},
    {NameKind::kOther, "education"},
    {NameKind::kOther, "uddannelse"},
    {NameKind::kOther, "educacion"},
    {NameKind::kOther, "niveleducativo"},
    {NameKind::kOther, "estudios"},
    {NameKind::kOther, "paisdeorigen"},
    {NameKind::kOther, "countryofbirth"},
    {NameKind::kOther, "fodeland"},
    {NameKind::kOther, "oprindelsesland"},
    {NameKind::kOther, "herkomst"},
    {NameKind::kOther, "employer"},
    {NameKind::kOther, "arbejdsgiver"},
    {NameKind::kOther, "empleador"},
    {NameKind::kOther, "workplace"},
    {NameKind::kOther, "arbejdsplads"},
    {NameKind::kOther, "school"},
    {NameKind::kOther, "skole"},
    {NameKind::kOther, "escuela"},
    {NameKind::kOther, "householdsize"},
    {NameKind::kOther, "husstandsstorrelse"},
    {NameKind::kOther, "husstand"},
    {NameKind::kOther, "国籍"},
    {NameKind::kOther, "民族"},
    {NameKind::kOther, "婚姻状况"},
    {NameKind::kOther, "职业"},
    {NameKind::kOther, "学历"},
    {NameKind::kOther, "教育程度"},
    {NameKind::kOther, "文化程度"},
    {NameKind::kOther, "工作单位"},
    {NameKind::kOther, "单位"},
    {NameKind::kOther, "学校"},
    {NameKind::kOther, "家庭人口"},
};

NameKind ClassifyName(std::string_view name) {
  const std::vector<std::string> words = NameWords(name);
  // Every run of up to four consecutive words, run together, so that "date_of_birth",
  // "dateOfBirth" and "birthdate" all meet the key "dateofbirth" and "birthdate".
  std::unordered_set<std::string> runs;
  std::string all;
  for (std::size_t i = 0; i < words.size(); ++i) {
    all += words[i];
    std::string run;
    for (std::size_t j = i; j < words.size() && j < i + 4; ++j) {
      run += words[j];
      runs.insert(run);
    }
  }
  for (const NameKey& key : kNameKeys) {
    const bool ascii = std::all_of(key.key.begin(), key.key.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii ? runs.count(std::string(key.key)) > 0 : all.find(key.key) != std::string::npos) {
      return key.kind;
    }
  }
  return NameKind::kNone;
}

Hierarchy HierarchyFor(NameKind kind, const std::vector<std::string_view>& sample) {
  if (kind == NameKind::kPostcode) return Hierarchy::kPostcode;
  std::size_t present = 0, integers = 0, dates = 0;
  for (std::string_view v : sample) {
    if (Trim(v).empty()) continue;
    ++present;
    if (ParseInteger(v, /*allow_leading_zero=*/false)) ++integers;
    if (ParseDate(v)) ++dates;
  }
  if (present == 0) return Hierarchy::kCategory;
  if (integers * 10 >= present * 9) return Hierarchy::kInteger;
  if (dates * 10 >= present * 9) return Hierarchy::kDate;
  return Hierarchy::kCategory;
}

// ---------------------------------------------------------------------------------------------
// Grouping: dense ids for tuples of codes.

// An open-addressing map from 64-bit keys to dense ids, for the hot grouping loops where
// std::unordered_map's node allocations would dominate.
class DenseIds {
 public:
  void Reset(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    keys_.assign(capacity, 0);
    ids_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
    size_ = 0;
  }
  // The id of `key`, a new one (the number of keys so far) when it is new.
  uint32_t Get(uint64_t key) {
    std::size_t slot = Mix(key) & mask_;
    while (ids_[slot] != kEmpty) {
      if (keys_[slot] == key) return ids_[slot];
      slot = (slot + 1) & mask_;
    }
    keys_[slot] = key;
    ids_[slot] = size_;
    return size_++;
  }
  uint32_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  static std::size_t Mix(uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::size_t>(x);
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> ids_;
  std::size_t mask_ = 0;
  uint32_t size_ = 0;
};

// Builds tuple keys column by column (key = key * cardinality + code) and turns them into dense
// ids in order of first appearance. When the next column would overflow 64 bits, the keys so far
// are first replaced by their dense ids, which are fewer than the items.
class Grouper {
 public:
  void Start(std::size_t items) {
    keys_.assign(items, 0);
    bound_ = 1;
  }
  // Adds a column whose codes are below `cardinality`; code(i) gives item i's code.
  template <typename CodeOf>
  void Add(uint64_t cardinality, CodeOf code) {
    if (cardinality <= 1) return;
    if (bound_ > std::numeric_limits<uint64_t>::max() / cardinality) bound_ = Densify();
    for (std::size_t i = 0; i < keys_.size(); ++i) keys_[i] = keys_[i] * cardinality + code(i);
    bound_ *= cardinality;
  }
  // Writes the group of every item to `ids` and returns the number of groups.
  uint32_t Finish(std::vector<uint32_t>& ids) {
    const uint32_t groups = Densify();
    ids.resize(keys_.size());
    for (std::size_t i = 0; i < keys_.size(); ++i) ids[i] = static_cast<uint32_t>(keys_[i]);
    return groups;
  }

 private:
  uint32_t Densify() {
    const std::size_t n = keys_.size();
    if (bound_ <= std::max<uint64_t>(4 * static_cast<uint64_t>(n), 1024)) {
      // Small key space: a direct table beats hashing.
      direct_.assign(static_cast<std::size_t>(bound_), kUnset);
      uint32_t next = 0;
      for (uint64_t& key : keys_) {
        uint32_t& id = direct_[static_cast<std::size_t>(key)];
        if (id == kUnset) id = next++;
        key = id;
      }
      bound_ = std::max<uint64_t>(next, 1);
      return next;
    }
    map_.Reset(n);
    for (uint64_t& key : keys_) key = map_.Get(key);
    bound_ = std::max<uint64_t>(map_.size(), 1);
    return map_.size();
  }

  static constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();
  std::vector<uint64_t> keys_;
  uint64_t bound_ = 1;  // every key is below it
  std::vector<uint32_t> direct_;
  DenseIds map_;
};

// Codes for the values of a column, in order of first appearance.
uint32_t InternValues(const std::vector<std::string_view>& values, std::size_t rows,
                      std::vector<uint32_t>& codes, std::vector<std::string_view>* distinct) {
  std::unordered_map<std::string_view, uint32_t> ids;
  codes.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    auto [it, inserted] = ids.try_emplace(values[r], static_cast<uint32_t>(ids.size()));
    if (inserted && distinct != nullptr) distinct->push_back(values[r]);
    codes[r] = it->second;
  }
  return static_cast<uint32_t>(ids.size());
}

// ---------------------------------------------------------------------------------------------
// Hierarchies over one column.

struct Column {
  std::string name;
  Hierarchy hierarchy = Hierarchy::kCategory;
  bool age = false;                     // top-coded bands, "year" in descriptions
  bool years = false;                   // years (of birth): "year" in descriptions
  int uniform_length = 0;               // postcodes: their common length, 0 when lengths differ
  std::vector<int64_t> widths;          // integers: the band width of levels 1, 2, ...
  int levels = 2;                       // level levels - 1 is "*"
  std::vector<uint32_t> rows_per_code;  // level-0 code -> rows
  std::vector<std::vector<uint32_t>> generalise;  // [level][level-0 code] -> code at level
  std::vector<std::vector<std::string>> labels;   // [level][code]
  std::vector<std::vector<double>> penalty;       // [level][code], 0..1
  std::vector<double> penalty_sum;                // [level] over all rows
};

// Ages and years: bands people read at a glance.
constexpr int64_t kYearBandWidths[] = {5, 10, 20};
// Dates: day, month, year, then bands of years (a birth date generalised no further than to a
// year often still singles people out; a 5- or 10-year band rarely does).
constexpr int kDateLevels = 6;

// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least x.
int64_t NiceWidth(double x) {
  int64_t w = 1;
  while (true) {
    for (int64_t m : {1, 2, 5}) {
      if (static_cast<double>(w * m) >= x) return w * m;
    }
    if (w > std::numeric_limits<int64_t>::max() / 100) return w;
    w *= 10;
  }
}

// Band widths for integers other than ages and years, from the spread of the values: about 50,
// 20, 8 and 3 bands over the column's range, in round numbers, so that a column of kWh per year
// is published in bands of 200 or 500 rather than forced from its exact value to "*".
std::vector<int64_t> SpreadWidths(int64_t low, int64_t high) {
  std::vector<int64_t> widths;
  if (high <= low) return {2};
  const double span = static_cast<double>(high - low) + 1;
  for (double bands : {50.0, 20.0, 8.0, 3.0}) {
    const int64_t w = std::max<int64_t>(2, NiceWidth(span / bands));
    if (widths.empty() || w > widths.back()) widths.push_back(w);
  }
  return widths;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0 && (a < 0)) ? 1 : 0); }

// A generalised value while building a level: its text, and the interval it covers (integers,
// dates) for the penalty.
struct Generalised {
  bool parsed = false;
  std::string label;
  int64_t low = 0, high = 0;
};

double IntervalPenalty(int64_t low, int64_t high, int64_t domain_low, int64_t domain_high) {
  if (domain_high <= domain_low) return 0;
  const int64_t lo = std::max(low, domain_low), hi = std::min(high, domain_high);
  if (hi <= lo) return 0;
  return static_cast<double>(hi - lo) / static_cast<double>(domain_high - domain_low);
}

// Every distinct value of a column parsed once under its hierarchy, with the range (integers and
// dates, in days) and the postcode lengths its levels are chosen from.
struct ParsedValues {
  std::vector<std::optional<int64_t>> numbers;
  std::vector<std::optional<Date>> dates;
  std::vector<std::optional<std::string>> postcodes;
  int64_t domain_low = std::numeric_limits<int64_t>::max();
  int64_t domain_high = std::numeric_limits<int64_t>::min();
  std::size_t longest = 0;
  std::set<std::size_t> lengths;
};

// A column's level-0 codes, set into `codes` (the caller's QuasiIdentifier::codes, or interned
// into `owned`), its distinct values, and the rows of each code.
std::vector<std::string_view> CodeColumn(const QuasiIdentifier& quasi, std::size_t rows,
                                         std::vector<uint32_t>& owned,
                                         std::span<const uint32_t>& codes, Column& col) {
  std::vector<std::string_view> distinct;
  uint32_t n;
  if (!quasi.codes.empty()) {
    codes = quasi.codes;
    distinct = quasi.distinct;
    n = static_cast<uint32_t>(distinct.size());
  } else {
    n = InternValues(quasi.values, rows, owned, &distinct);
    codes = owned;
  }
  col.rows_per_code.assign(n, 0);
  for (std::size_t r = 0; r < rows; ++r) ++col.rows_per_code[codes[r]];
  return distinct;
}

// Parsing is the costly part of a value's generalisation: done once per distinct value, not
// once per level.
ParsedValues ParseValues(Hierarchy hierarchy, const std::vector<std::string_view>& distinct) {
  const std::size_t n = distinct.size();
  ParsedValues p;
  p.numbers.resize(n);
  p.dates.resize(n);
  p.postcodes.resize(n);
  auto widen = [&p](int64_t v) {
    p.domain_low = std::min(p.domain_low, v);
    p.domain_high = std::max(p.domain_high, v);
  };
  for (std::size_t i = 0; i < n; ++i) {
    switch (hierarchy) {
      case Hierarchy::kInteger:
        p.numbers[i] = ParseInteger(distinct[i], /*allow_leading_zero=*/true);
        if (p.numbers[i]) widen(*p.numbers[i]);
        break;
      case Hierarchy::kDate:
        p.dates[i] = ParseDate(distinct[i]);
        if (p.dates[i]) widen(DaysFromCivil(p.dates[i]->year, p.dates[i]->month, p.dates[i]->day));
        break;
      case Hierarchy::kPostcode:
        p.postcodes[i] = NormalisePostcode(distinct[i]);
        if (p.postcodes[i]) {
          p.longest = std::max(p.longest, p.postcodes[i]->size());
          p.lengths.insert(p.postcodes[i]->size());
        }
        break;
      case Hierarchy::kCategory:
        break;
    }
  }
  return p;
}

// How many levels the column has (and for integers, the band width of each) follows from its
// hierarchy and, for integers other than ages and for postcodes, from its values.
void ChooseLevels(Column& col, const ParsedValues& parsed) {
  switch (col.hierarchy) {
    case Hierarchy::kInteger:
      if (col.age || col.years) {
        col.widths.assign(std::begin(kYearBandWidths), std::end(kYearBandWidths));
      } else {
        col.widths = SpreadWidths(parsed.domain_low, parsed.domain_high);
      }
      col.levels = static_cast<int>(col.widths.size()) + 2;
      break;
    case Hierarchy::kDate:
      col.levels = kDateLevels;
      break;
    case Hierarchy::kPostcode:
      col.levels = static_cast<int>(std::max<std::size_t>(parsed.longest, 1)) + 1;
      break;
    case Hierarchy::kCategory:
      col.levels = 2;
      break;
  }
  if (parsed.lengths.size() == 1) col.uniform_length = static_cast<int>(*parsed.lengths.begin());
}

// An integer in its band of `width`; ages from the cap up top-coded, so that the oldest, who are
// few, are not singled out by a band of their own.
Generalised BandInteger(int64_t v, int64_t width, bool age) {
  Generalised g;
  g.parsed = true;
  const int64_t cap = width == 20 ? 80 : 90;
  if (age && v >= cap) {
    g.label = fmt::format("{}+", cap);
    g.low = cap;
    g.high = std::numeric_limits<int64_t>::max() / 2;
  } else {
    g.low = FloorDiv(v, width) * width;
    g.high = g.low + width - 1;
    g.label = fmt::format("{}-{}", g.low, g.high);
  }
  return g;
}

// A date at `level`: its month, its year, or its 5- or 10-year band, with the days covered.
Generalised BandDate(const Date& d, int level) {
  Generalised g;
  g.parsed = true;
  if (level == 1) {
    g.label = fmt::format("{:04}-{:02}", d.year, d.month);
    g.low = DaysFromCivil(d.year, d.month, 1);
    g.high = DaysFromCivil(d.year, d.month, DaysInMonth(d.year, d.month));
  } else if (level == 2) {
    g.label = fmt::format("{:04}", d.year);
    g.low = DaysFromCivil(d.year, 1, 1);
    g.high = DaysFromCivil(d.year, 12, 31);
  } else {
    const int64_t width = level == 3 ? 5 : 10;
    const int64_t first = FloorDiv(d.year, width) * width;
    g.label = fmt::format("{:04}-{:04}", first, first + width - 1);
    g.low = DaysFromCivil(first, 1, 1);
    g.high = DaysFromCivil(first + width - 1, 12, 31);
  }
  return g;
}

// Distinct value `i` at a level between the first and the top.
Generalised GeneraliseValue(const Column& col, int level, std::size_t i,
                            const std::vector<std::string_view>& distinct,
                            const ParsedValues& parsed) {
  if (parsed.numbers[i]) {
    return BandInteger(*parsed.numbers[i], col.widths[static_cast<std::size_t>(level - 1)],
                       col.age);
  }
  if (parsed.dates[i]) return BandDate(*parsed.dates[i], level);
  Generalised g;
  if (parsed.postcodes[i]) {
    const std::string& p = *parsed.postcodes[i];
    const std::size_t masked = static_cast<std::size_t>(level);
    g.parsed = true;
    g.label = p.size() <= masked ? "*" : p.substr(0, p.size() - masked) + std::string(masked, '*');
  } else {
    g.label = std::string(distinct[i]);
  }
  return g;
}

// A level between the first and the top: the code each distinct value generalises to, and each
// code's label and penalty.
void BuildMiddleLevel(Column& col, int level, const std::vector<std::string_view>& distinct,
                      const ParsedValues& parsed) {
  const std::size_t n = distinct.size();
  auto& generalise = col.generalise[static_cast<std::size_t>(level)];
  auto& labels = col.labels[static_cast<std::size_t>(level)];
  auto& penalty = col.penalty[static_cast<std::size_t>(level)];
  // Unparsed values keep their text and stay apart from generated labels even if the texts
  // coincide: grouping them together would only make groups larger, but would break the
  // nesting of levels that the penalties assume.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<Generalised> made;
  std::vector<uint32_t> members;
  for (std::size_t i = 0; i < n; ++i) {
    Generalised g = GeneraliseValue(col, level, i, distinct, parsed);
    std::string key = (g.parsed ? "p" : "u") + g.label;
    auto [it, inserted] = ids.try_emplace(std::move(key), static_cast<uint32_t>(made.size()));
    if (inserted) {
      made.push_back(std::move(g));
      members.push_back(0);
    }
    generalise[i] = it->second;
    ++members[it->second];
  }
  for (std::size_t c = 0; c < made.size(); ++c) {
    const bool interval = made[c].parsed && (col.hierarchy == Hierarchy::kInteger ||
                                             col.hierarchy == Hierarchy::kDate);
    if (interval) {
      penalty.push_back(
          IntervalPenalty(made[c].low, made[c].high, parsed.domain_low, parsed.domain_high));
    } else {
      penalty.push_back(n <= 1 ? 0.0
                               : static_cast<double>(members[c] - 1) / static_cast<double>(n - 1));
    }
    labels.push_back(std::move(made[c].label));
  }
}

// Every level of the column: the values as they are, the levels between, and "*".
void BuildLevels(Column& col, const std::vector<std::string_view>& distinct,
                 const ParsedValues& parsed) {
  const std::size_t n = distinct.size();
  const int top = col.levels - 1;
  col.generalise.resize(static_cast<std::size_t>(col.levels));
  col.labels.resize(static_cast<std::size_t>(col.levels));
  col.penalty.resize(static_cast<std::size_t>(col.levels));
  for (int level = 0; level < col.levels; ++level) {
    auto& generalise = col.generalise[static_cast<std::size_t>(level)];
    auto& labels = col.labels[static_cast<std::size_t>(level)];
    auto& penalty = col.penalty[static_cast<std::size_t>(level)];
    generalise.resize(n);
    if (level == 0) {
      for (std::size_t i = 0; i < n; ++i) {
        generalise[i] = static_cast<uint32_t>(i);
        labels.emplace_back(distinct[i]);
      }
      penalty.assign(n, 0.0);
    } else if (level == top) {
      generalise.assign(n, 0);
      labels = {"*"};
      penalty = {1.0};
    } else {
      BuildMiddleLevel(col, level, distinct, parsed);
    }
  }
}

// The loss of each level over all rows, were nothing suppressed: the search's lower bound.
void SumPenalties(Column& col) {
  col.penalty_sum.assign(static_cast<std::size_t>(col.levels), 0.0);
  for (int level = 0; level < col.levels; ++level) {
    const auto l = static_cast<std::size_t>(level);
    double sum = 0;
    for (std::size_t i = 0; i < col.rows_per_code.size(); ++i) {
      sum += col.rows_per_code[i] * col.penalty[l][col.generalise[l][i]];
    }
    col.penalty_sum[l] = sum;
  }
}

// `codes` is set to the column's codes: the caller's (QuasiIdentifier::codes), or interned into
// `owned`.
Column BuildColumn(const QuasiIdentifier& quasi, std::size_t rows, std::vector<uint32_t>& owned,
                   std::span<const uint32_t>& codes) {
  Column col;
  col.name = quasi.name;
  col.hierarchy = quasi.hierarchy;
  col.age = ClassifyName(quasi.name) == NameKind::kAge;
  col.years = ClassifyName(quasi.name) == NameKind::kBirthDate;
  const std::vector<std::string_view> distinct = CodeColumn(quasi, rows, owned, codes, col);
  const ParsedValues parsed = ParseValues(col.hierarchy, distinct);
  ChooseLevels(col, parsed);
  BuildLevels(col, distinct, parsed);
  SumPenalties(col);
  return col;
}

std::string Describe(const Column& col, int level) {
  if (level == 0) return "as is";
  if (level == col.levels - 1) return "removed (*)";
  switch (col.hierarchy) {
    case Hierarchy::kInteger: {
      const int64_t width = col.widths[static_cast<std::size_t>(level - 1)];
      return col.age || col.years ? fmt::format("{}-year bands", width)
                                  : fmt::format("bands of {}", width);
    }
    case Hierarchy::kDate:
      return level == 1   ? "month"
             : level == 2 ? "year"
             : level == 3 ? "5-year bands"
                          : "10-year bands";
    case Hierarchy::kPostcode:
      if (col.uniform_length > level) {
        const int kept = col.uniform_length - level;
        return kept == 1 ? "first character" : fmt::format("first {} characters", kept);
      }
      return level == 1 ? "last character masked" : fmt::format("last {} characters masked", level);
    case Hierarchy::kCategory:
      break;
  }
  return "as is";
}

// "age in 5-year bands", "postcode to its first 2 characters", "gender removed".
std::string Phrase(const Column& col, int level) {
  if (level == 0) return col.name + " as is";
  if (level == col.levels - 1) return col.name + " removed";
  switch (col.hierarchy) {
    case Hierarchy::kInteger:
      return col.name + " in " + Describe(col, level);
    case Hierarchy::kDate:
      return col.name + (level <= 2 ? " to " : " in ") + Describe(col, level);
    case Hierarchy::kPostcode:
      if (col.uniform_length > level) return col.name + " to its " + Describe(col, level);
      return col.name + " with the " + Describe(col, level);
    case Hierarchy::kCategory:
      break;
  }
  return col.name;
}

// ---------------------------------------------------------------------------------------------
// The collapsed table and the evaluation of one level vector.

// A level per quasi-identifier, one byte each: cheap to hash, ordered lexicographically.
using Node = std::string;

struct Table {
  std::size_t rows = 0;
  std::size_t q = 0;  // quasi-identifiers
  std::vector<Column> columns;
  std::vector<uint32_t> row_combo;  // row -> distinct combination of level-0 codes
  std::size_t combos = 0;
  std::vector<uint32_t> combo_codes;  // combination x column -> level-0 code
  std::vector<uint32_t> combo_rows;   // combination -> rows
  // Per sensitive column: the distinct (combination, value) pairs, sorted.
  std::vector<std::vector<uint64_t>> pairs;
  // For the l-check: per sensitive column, whether a combination alone has l distinct values,
  // and the pairs of the combinations that have not.
  std::vector<std::vector<uint8_t>> saturated;
  std::vector<std::vector<uint64_t>> small_pairs;
};

int Level(const Node& node, std::size_t column) { return static_cast<unsigned char>(node[column]); }

struct Evaluation {
  bool pass = false;
  uint64_t dropped = 0;  // rows in groups that fail k or l
  double loss = 1;
  uint32_t classes = 0;
  std::vector<uint32_t> combo_class;
  std::vector<uint32_t> class_rows;
  std::vector<uint8_t> class_bad;
  std::vector<uint8_t> class_l_bad;
};

class Evaluator {
 public:
  Evaluator(const Table& table, const AnonymiseOptions& options)
      : table_(table),
        options_(options),
        allowed_(static_cast<uint64_t>(
            std::floor(options.max_suppression * static_cast<double>(table.rows) + 1e-9))) {}

  uint64_t allowed() const { return allowed_; }

  Evaluation Evaluate(const Node& node) {
    const Table& t = table_;
    Evaluation e;
    grouper_.Start(t.combos);
    for (std::size_t c = 0; c < t.q; ++c) {
      const auto level = static_cast<std::size_t>(Level(node, c));
      const auto& generalise = t.columns[c].generalise[level];
      const uint32_t* codes = t.combo_codes.data();
      const std::size_t q = t.q;
      grouper_.Add(t.columns[c].labels[level].size(), [&generalise, codes, q, c](std::size_t i) {
        return generalise[codes[i * q + c]];
      });
    }
    e.classes = grouper_.Finish(e.combo_class);
    e.class_rows.assign(e.classes, 0);
    for (std::size_t i = 0; i < t.combos; ++i) e.class_rows[e.combo_class[i]] += t.combo_rows[i];
    e.class_bad.assign(e.classes, 0);
    e.class_l_bad.assign(e.classes, 0);
    if (options_.l > 0) MarkNotDiverse(e);
    for (uint32_t g = 0; g < e.classes; ++g) {
      if (e.class_rows[g] < options_.k) e.class_bad[g] = 1;
      if (e.class_l_bad[g]) e.class_bad[g] = 1;
      if (e.class_bad[g]) e.dropped += e.class_rows[g];
    }
    e.pass = e.dropped <= allowed_ && e.dropped < t.rows;
    if (t.q == 0) {
      e.loss = 0;
      return e;
    }
    double penalty = 0;
    for (std::size_t i = 0; i < t.combos; ++i) {
      if (e.class_bad[e.combo_class[i]]) continue;
      double cells = 0;
      for (std::size_t c = 0; c < t.q; ++c) {
        const Column& col = t.columns[c];
        const auto level = static_cast<std::size_t>(Level(node, c));
        cells += col.penalty[level][col.generalise[level][t.combo_codes[i * t.q + c]]];
      }
      penalty += cells * t.combo_rows[i];
    }
    penalty += static_cast<double>(e.dropped) * static_cast<double>(t.q);
    e.loss = penalty / (static_cast<double>(t.rows) * static_cast<double>(t.q));
    return e;
  }

 private:
  void MarkNotDiverse(Evaluation& e) {
    const Table& t = table_;
    for (std::size_t s = 0; s < t.small_pairs.size(); ++s) {
      std::vector<uint8_t> ok(e.classes, 0);
      for (std::size_t i = 0; i < t.combos; ++i) {
        if (t.saturated[s][i]) ok[e.combo_class[i]] = 1;
      }
      scratch_.clear();
      for (uint64_t pair : t.small_pairs[s]) {
        const uint32_t g = e.combo_class[static_cast<std::size_t>(pair >> 32)];
        if (!ok[g]) scratch_.push_back((static_cast<uint64_t>(g) << 32) | (pair & 0xffffffffU));
      }
      std::sort(scratch_.begin(), scratch_.end());
      scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
      std::vector<uint32_t> distinct(e.classes, 0);
      for (uint64_t pair : scratch_) ++distinct[static_cast<std::size_t>(pair >> 32)];
      for (uint32_t g = 0; g < e.classes; ++g) {
        if (!ok[g] && distinct[g] < options_.l) e.class_l_bad[g] = 1;
      }
    }
  }

  const Table& table_;
  const AnonymiseOptions& options_;
  uint64_t allowed_;
  Grouper grouper_;
  std::vector<uint64_t> scratch_;
};

// ---------------------------------------------------------------------------------------------
// Messages.

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// A share as "9.3 %", "5 %"; rounded up when `up`, so that a suggested bound is enough.
std::string Percent(double share, bool up = false) {
  double tenths = share * 1000;
  tenths = up ? std::ceil(tenths - 1e-9) : std::round(tenths);
  std::string s = fmt::format("{:.1f}", tenths / 10);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s + " %";
}

std::string JoinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

Status Refusal(const Table& t, const Node& top, const Evaluation& e,
               const std::vector<SensitiveColumn>& sensitive, const AnonymiseOptions& o,
               uint64_t allowed) {
  if (t.rows < o.k) {
    return FailedPrecondition(fmt::format(
        "cannot reach k = {}: the table has {} rows, so every row is in a group smaller than "
        "k; publish more rows or lower k",
        o.k, Thousands(t.rows)));
  }
  std::vector<std::string> phrases;
  for (std::size_t c = 0; c < t.q; ++c) phrases.push_back(Phrase(t.columns[c], Level(top, c)));
  const std::string reached =
      t.q == 0 ? "with no quasi-identifiers" : "even with " + JoinAnd(phrases);
  std::vector<std::string> names;
  for (const SensitiveColumn& s : sensitive) names.push_back("'" + s.name + "'");
  const std::string target =
      o.l > 0 ? fmt::format("k = {} and l = {}", o.k, o.l) : fmt::format("k = {}", o.k);
  std::string what = fmt::format("in groups smaller than k = {}", o.k);
  if (o.l > 0) {
    what += fmt::format(" or with fewer than l = {} distinct values of {}", o.l, JoinAnd(names));
  }
  std::vector<std::string> changes;
  // The largest k that would pass at this vector: drop the smallest groups first.
  uint64_t l_dropped = 0;
  std::vector<uint64_t> sizes;
  for (uint32_t g = 0; g < e.classes; ++g) {
    if (e.class_l_bad[g]) {
      l_dropped += e.class_rows[g];
    } else {
      sizes.push_back(e.class_rows[g]);
    }
  }
  std::sort(sizes.begin(), sizes.end());
  std::string lower_k = "lower k";
  if (l_dropped <= allowed) {
    uint64_t dropped = l_dropped;
    std::size_t j = 0;
    while (j < sizes.size() && dropped + sizes[j] <= allowed) dropped += sizes[j++];
    if (j < sizes.size() && sizes[j] >= 2 && sizes[j] < o.k) {
      lower_k += fmt::format(" (k = {} would pass there)", sizes[j]);
    }
  }
  changes.push_back(lower_k);
  if (o.l > 0) changes.push_back("lower l");
  changes.push_back("declare fewer quasi-identifiers");
  changes.push_back("publish more rows");
  if (!o.allow_removal) changes.push_back("allow quasi-identifiers to be removed");
  const double share = static_cast<double>(e.dropped) / static_cast<double>(t.rows);
  if (e.dropped < t.rows) {
    changes.push_back("raise the suppression bound to " + Percent(share, /*up=*/true));
  }
  std::string change_text;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (i > 0) change_text += i + 1 == changes.size() ? " or " : ", ";
    change_text += changes[i];
  }
  return FailedPrecondition(fmt::format(
      "cannot reach {}: {}, {} of the {} rows ({}) are {}, and at most {} ({} rows) may be "
      "suppressed; {}",
      target, reached, Thousands(e.dropped), Thousands(t.rows), Percent(share), what,
      Percent(o.max_suppression), Thousands(allowed), change_text));
}

// ---------------------------------------------------------------------------------------------
// The search.

// The evaluation budget, in combination x (quasi-identifiers + 1) visits; a visit costs about
// 4 ns while the grouping tables fit in cache and about 3 times more beyond 65,536
// combinations, so the budget is about a second either way on one core.
constexpr uint64_t kMaxWork = 250'000'000;

uint64_t EvaluationCost(const Table& t) {
  return static_cast<uint64_t>(t.combos) * (t.q + 1) * (t.combos > 65536 ? 3 : 1);
}

// Necessary conditions from projections (Incognito's a-priori property): a level vector's
// groups are subsets of the groups of the same vector with every other column removed, so if
// one or two of its columns alone, at its levels, leave more than the allowed rows in groups
// smaller than k, the vector cannot pass. Checked with k only; l can only make it worse.
class Projections {
 public:
  Projections(const Table& t, const AnonymiseOptions& o, uint64_t allowed)
      : t_(t), k_(o.k), allowed_(allowed) {}

  // The lowest level at which `column` alone passes: no passing vector has it lower.
  int LowestSingle(std::size_t column, int top) {
    const Column& col = t_.columns[column];
    for (int level = 0; level < top; ++level) {
      const auto l = static_cast<std::size_t>(level);
      std::vector<uint64_t> rows(col.labels[l].size(), 0);
      for (std::size_t i = 0; i < col.rows_per_code.size(); ++i) {
        rows[col.generalise[l][i]] += col.rows_per_code[i];
      }
      uint64_t dropped = 0;
      for (uint64_t n : rows) dropped += n < k_ ? n : 0;
      if (Passes(dropped)) return level;
    }
    return top;
  }

  // Records, for the pair of columns, which level pairs between `low` and `top` fail. Returns
  // the work spent.
  uint64_t AddPair(std::size_t a, std::size_t b, const Node& low, const Node& top) {
    const std::size_t q = t_.q;
    Grouper grouper;
    grouper.Start(t_.combos);
    grouper.Add(t_.columns[a].rows_per_code.size(),
                [this, q, a](std::size_t i) { return t_.combo_codes[i * q + a]; });
    grouper.Add(t_.columns[b].rows_per_code.size(),
                [this, q, b](std::size_t i) { return t_.combo_codes[i * q + b]; });
    std::vector<uint32_t> entry_of;
    const uint32_t entries = grouper.Finish(entry_of);
    std::vector<uint32_t> code_a(entries), code_b(entries);
    std::vector<uint64_t> rows(entries, 0);
    for (std::size_t i = 0; i < t_.combos; ++i) {
      const uint32_t e = entry_of[i];
      if (rows[e] == 0) {
        code_a[e] = t_.combo_codes[i * q + a];
        code_b[e] = t_.combo_codes[i * q + b];
      }
      rows[e] += t_.combo_rows[i];
    }
    uint64_t work = t_.combos;
    Rule rule{a, b, static_cast<std::size_t>(t_.columns[b].levels), {}};
    rule.fails.assign(static_cast<std::size_t>(t_.columns[a].levels) * rule.width, 0);
    std::vector<uint8_t> passed(rule.fails.size(), 0);
    std::vector<uint32_t> group_of;
    bool any_fail = false;
    for (int la = Level(low, a); la <= Level(top, a); ++la) {
      for (int lb = Level(low, b); lb <= Level(top, b); ++lb) {
        const std::size_t at =
            static_cast<std::size_t>(la) * rule.width + static_cast<std::size_t>(lb);
        // Passing is monotone: a pair above one that passed passes too.
        if ((la > Level(low, a) && passed[at - rule.width]) ||
            (lb > Level(low, b) && passed[at - 1])) {
          passed[at] = 1;
          continue;
        }
        const auto& ga = t_.columns[a].generalise[static_cast<std::size_t>(la)];
        const auto& gb = t_.columns[b].generalise[static_cast<std::size_t>(lb)];
        grouper.Start(entries);
        grouper.Add(t_.columns[a].labels[static_cast<std::size_t>(la)].size(),
                    [&ga, &code_a](std::size_t e) { return ga[code_a[e]]; });
        grouper.Add(t_.columns[b].labels[static_cast<std::size_t>(lb)].size(),
                    [&gb, &code_b](std::size_t e) { return gb[code_b[e]]; });
        const uint32_t groups = grouper.Finish(group_of);
        std::vector<uint64_t> sizes(groups, 0);
        for (uint32_t e = 0; e < entries; ++e) sizes[group_of[e]] += rows[e];
        uint64_t dropped = 0;
        for (uint64_t n : sizes) dropped += n < k_ ? n : 0;
        work += entries;
        if (Passes(dropped)) {
          passed[at] = 1;
        } else {
          rule.fails[at] = 1;
          any_fail = true;
        }
      }
    }
    if (any_fail) rules_.push_back(std::move(rule));
    return work;
  }

  // True when some recorded pair shows that `node` cannot pass.
  bool Fails(const Node& node) const {
    for (const Rule& r : rules_) {
      const std::size_t at = static_cast<std::size_t>(Level(node, r.a)) * r.width +
                             static_cast<std::size_t>(Level(node, r.b));
      if (r.fails[at]) return true;
    }
    return false;
  }

 private:
  struct Rule {
    std::size_t a, b, width;
    std::vector<uint8_t> fails;  // [level of a x width + level of b]
  };
  bool Passes(uint64_t dropped) const { return dropped <= allowed_ && dropped < t_.rows; }

  const Table& t_;
  uint32_t k_;
  uint64_t allowed_;
  std::vector<Rule> rules_;
};

struct Candidate {
  Node node;
  double loss = 2;
  uint64_t dropped = 0;
  bool found = false;
};

int LevelSum(const Node& n) {
  int sum = 0;
  for (std::size_t c = 0; c < n.size(); ++c) sum += Level(n, c);
  return sum;
}

bool Better(const Node& node, const Evaluation& e, const Candidate& best) {
  if (!best.found) return true;
  if (e.loss < best.loss - 1e-12) return true;
  if (e.loss > best.loss + 1e-12) return false;
  if (e.dropped != best.dropped) return e.dropped < best.dropped;
  const int a = LevelSum(node), b = LevelSum(best.node);
  if (a != b) return a < b;
  return node < best.node;
}

// ---------------------------------------------------------------------------------------------
// Anonymise's stages.

// Options the search cannot serve are refused before any work.
Status CheckOptions(const std::vector<QuasiIdentifier>& quasi,
                    const std::vector<SensitiveColumn>& sensitive,
                    const AnonymiseOptions& options) {
  if (options.k < 2) {
    return InvalidArgument(fmt::format("k must be at least 2, not {}", options.k));
  }
  if (!(options.max_suppression >= 0 && options.max_suppression <= 1)) {
    return InvalidArgument(fmt::format("the suppression bound must be between 0 and 1, not {}",
                                       options.max_suppression));
  }
  if (quasi.empty() && sensitive.empty()) {
    return InvalidArgument(
        "no columns: pass the table's quasi-identifiers (and sensitive columns)");
  }
  if (options.l > 0 && sensitive.empty()) {
    return InvalidArgument(
        fmt::format("l = {} asks for l-diversity, but no sensitive column is declared", options.l));
  }
  return Status::Ok();
}

// The row count, from the first column; every other must agree, and every code must index its
// column's distinct values, for the search indexes by them unchecked.
Result<std::size_t> CountRows(const std::vector<QuasiIdentifier>& quasi,
                              const std::vector<SensitiveColumn>& sensitive) {
  std::optional<std::size_t> rows;
  std::string first;
  auto check = [&rows, &first](const std::string& name, std::size_t n) -> Status {
    if (!rows) {
      rows = n;
      first = name;
      return Status::Ok();
    }
    if (n != *rows) {
      return InvalidArgument(fmt::format("column '{}' has {} rows but column '{}' has {}", name,
                                         Thousands(n), first, Thousands(*rows)));
    }
    return Status::Ok();
  };
  for (const QuasiIdentifier& c : quasi) CITYNET_RETURN_IF_ERROR(check(c.name, c.rows()));
  for (const SensitiveColumn& c : sensitive) CITYNET_RETURN_IF_ERROR(check(c.name, c.rows()));
  auto bad_codes = [](const auto& c) {
    return std::any_of(c.codes.begin(), c.codes.end(),
                       [&c](uint32_t code) { return code >= c.distinct.size(); });
  };
  for (const QuasiIdentifier& c : quasi) {
    if (bad_codes(c))
      return InvalidArgument(fmt::format("column '{}' has a code out of range", c.name));
  }
  for (const SensitiveColumn& c : sensitive) {
    if (bad_codes(c))
      return InvalidArgument(fmt::format("column '{}' has a code out of range", c.name));
  }
  if (quasi.size() > 64) {
    return InvalidArgument(
        fmt::format("{} quasi-identifiers; at most 64 are supported", quasi.size()));
  }
  if (rows.value_or(0) >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument(
        fmt::format("{} rows; at most 4,294,967,294 are supported", Thousands(rows.value_or(0))));
  }
  return rows.value_or(0);
}

// Collapse the table to its distinct combinations of original values: an evaluation then costs
// the number of combinations, not rows.
void Collapse(const std::vector<QuasiIdentifier>& quasi, Table& t) {
  std::vector<std::vector<uint32_t>> owned(t.q);
  std::vector<std::span<const uint32_t>> codes(t.q);
  Grouper grouper;
  grouper.Start(t.rows);
  for (std::size_t c = 0; c < t.q; ++c) {
    t.columns.push_back(BuildColumn(quasi[c], t.rows, owned[c], codes[c]));
    const auto& column_codes = codes[c];
    grouper.Add(t.columns[c].rows_per_code.size(),
                [&column_codes](std::size_t r) { return column_codes[r]; });
  }
  t.combos = grouper.Finish(t.row_combo);
  t.combo_codes.assign(t.combos * t.q, 0);
  t.combo_rows.assign(t.combos, 0);
  for (std::size_t r = 0; r < t.rows; ++r) {
    const uint32_t combo = t.row_combo[r];
    if (t.combo_rows[combo]++ == 0) {
      for (std::size_t c = 0; c < t.q; ++c) t.combo_codes[combo * t.q + c] = codes[c][r];
    }
  }
}

// Each sensitive column as the distinct (combination, value) pairs, which is all the l-check
// needs; a combination that alone has l values passes it whatever it is grouped with.
void AddSensitive(const std::vector<SensitiveColumn>& sensitive, uint32_t l, Table& t) {
  for (const SensitiveColumn& s : sensitive) {
    std::vector<uint32_t> interned;
    std::span<const uint32_t> values = s.codes;
    if (s.codes.empty()) {
      InternValues(s.values, t.rows, interned, nullptr);
      values = interned;
    }
    std::vector<uint64_t> pairs(t.rows);
    for (std::size_t r = 0; r < t.rows; ++r) {
      pairs[r] = (static_cast<uint64_t>(t.row_combo[r]) << 32) | values[r];
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<uint32_t> distinct(t.combos, 0);
    for (uint64_t p : pairs) ++distinct[static_cast<std::size_t>(p >> 32)];
    std::vector<uint8_t> saturated(t.combos, 0);
    std::vector<uint64_t> small;
    for (std::size_t i = 0; i < t.combos; ++i) saturated[i] = distinct[i] >= l;
    for (uint64_t p : pairs) {
      if (!saturated[static_cast<std::size_t>(p >> 32)]) small.push_back(p);
    }
    t.pairs.push_back(std::move(pairs));
    t.saturated.push_back(std::move(saturated));
    t.small_pairs.push_back(std::move(small));
  }
}

// A node waiting in the best-first queue, ordered by its loss bound, then its level sum, then
// itself, so that the search is deterministic.
struct QueueEntry {
  double bound;
  int sum;
  Node node;
  bool operator>(const QueueEntry& o) const {
    if (bound != o.bound) return bound > o.bound;
    if (sum != o.sum) return sum > o.sum;
    return node > o.node;
  }
};

// The search for the passing level vector that loses least, and what its stages share: the
// lattice's bounds, the best vector so far, and the work spent against kMaxWork.
class Search {
 public:
  Search(const Table& t, const AnonymiseOptions& options)
      : t_(t),
        options_(options),
        evaluator_(t, options),
        projections_(t, options, evaluator_.allowed()),
        bottom_(t.q, '\0'),
        top_(t.q, '\0'),
        cost_(EvaluationCost(t)),
        cells_(static_cast<double>(t.rows) * static_cast<double>(std::max<std::size_t>(t.q, 1))) {}

  // The most general vector allowed passes, or no vector does: then the refusal says what it
  // reached and what to change. It is the first best.
  Status StartAtTop(const std::vector<SensitiveColumn>& sensitive) {
    for (std::size_t c = 0; c < t_.q; ++c) {
      const int highest = t_.columns[c].levels - (options_.allow_removal ? 1 : 2);
      top_[c] = static_cast<char>(std::clamp(highest, 0, 127));
    }
    const Evaluation top_eval = evaluator_.Evaluate(top_);
    if (!top_eval.pass) {
      return Refusal(t_, top_, top_eval, sensitive, options_, evaluator_.allowed());
    }
    best_ = {top_, top_eval.loss, top_eval.dropped, true};
    work_ = cost_;
    return Status::Ok();
  }

  // Shrink the lattice from below with single columns, then learn which pairs of levels fail.
  void Prune() {
    for (std::size_t c = 0; c < t_.q; ++c) {
      bottom_[c] = static_cast<char>(projections_.LowestSingle(c, Level(top_, c)));
    }
    for (std::size_t a = 0; a < t_.q && work_ < kMaxWork / 4; ++a) {
      for (std::size_t b = a + 1; b < t_.q && work_ < kMaxWork / 4; ++b) {
        work_ += projections_.AddPair(a, b, bottom_, top_) * (t_.combos > 65536 ? 3 : 1);
      }
    }
  }

  // Best-first over the lattice by the loss's lower bound (no suppression), which never
  // decreases upwards; the first node whose bound exceeds the best loss ends the search, and
  // proves the best. Running out of budget leaves it unproven.
  void BestFirst() {
    std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<QueueEntry>> queue;
    std::unordered_set<Node> seen;
    queue.push({Bound(bottom_), LevelSum(bottom_), bottom_});
    seen.insert(bottom_);
    while (!queue.empty()) {
      const QueueEntry entry = queue.top();
      queue.pop();
      if (entry.bound > best_.loss + 1e-12) break;
      work_ += t_.q + 1;
      if (entry.node != top_ && !projections_.Fails(entry.node)) {
        if (work_ + cost_ > kMaxWork) {
          proven_ = false;
          break;
        }
        work_ += cost_;
        const Evaluation e = evaluator_.Evaluate(entry.node);
        if (e.pass && Better(entry.node, e, best_)) best_ = {entry.node, e.loss, e.dropped, true};
      }
      for (std::size_t c = 0; c < t_.q; ++c) {
        if (entry.node[c] >= top_[c]) continue;
        Node next = entry.node;
        ++next[c];
        if (seen.insert(next).second) queue.push({Bound(next), entry.sum + 1, next});
      }
      if (work_ > kMaxWork) {
        proven_ = false;
        break;
      }
    }
  }

  // Out of budget. Take the first passing node on a chain from the bottom to the top that
  // raises the cheapest column at each step (bisection: passing is monotone along a chain),
  // then lower single columns while that loses less, with a budget of its own.
  void Fallback() {
    const std::vector<Node> chain = CheapestChain();
    std::size_t lo = 0, hi = chain.size() - 1;  // chain[hi] passes; chain[lo] is not known to
    if (Consider(chain[0])) hi = 0;
    while (hi > lo + 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      (Consider(chain[mid]) ? hi : lo) = mid;
    }
    uint64_t extra = 0;
    for (bool moved = true; moved && extra < kMaxWork / 2;) {
      moved = false;
      const Node from = best_.node;
      for (std::size_t c = 0; c < t_.q && extra < kMaxWork / 2; ++c) {
        if (from[c] <= bottom_[c]) continue;
        Node lower = from;
        --lower[c];
        if (projections_.Fails(lower)) continue;
        extra += cost_;
        const double before = best_.loss;
        Consider(lower);
        moved = moved || best_.loss < before;
      }
    }
  }

  const Node& best() const { return best_.node; }
  bool proven() const { return proven_; }
  Evaluator& evaluator() { return evaluator_; }

 private:
  // The loss were nothing suppressed: a lower bound of the node's loss.
  double Bound(const Node& n) const {
    double sum = 0;
    for (std::size_t c = 0; c < t_.q; ++c) {
      sum += t_.columns[c].penalty_sum[static_cast<std::size_t>(Level(n, c))];
    }
    return sum / cells_;
  }

  // From the bottom to the top, raising at each step the column whose next level costs least.
  std::vector<Node> CheapestChain() const {
    std::vector<Node> chain{bottom_};
    Node n = bottom_;
    while (n != top_) {
      std::size_t pick = t_.q;
      double step = 0;
      for (std::size_t c = 0; c < t_.q; ++c) {
        if (n[c] >= top_[c]) continue;
        const auto l = static_cast<std::size_t>(Level(n, c));
        const double d = t_.columns[c].penalty_sum[l + 1] - t_.columns[c].penalty_sum[l];
        if (pick == t_.q || d < step) {
          pick = c;
          step = d;
        }
      }
      ++n[pick];
      chain.push_back(n);
    }
    return chain;
  }

  // Evaluates `node`, keeps it when it is the best so far, and says whether it passes.
  bool Consider(const Node& node) {
    const Evaluation e = evaluator_.Evaluate(node);
    if (e.pass && Better(node, e, best_)) best_ = {node, e.loss, e.dropped, true};
    return e.pass;
  }

  const Table& t_;
  const AnonymiseOptions& options_;
  Evaluator evaluator_;
  Projections projections_;
  Node bottom_, top_;
  Candidate best_;
  const uint64_t cost_;  // of one evaluation
  uint64_t work_ = 0;
  bool proven_ = true;
  const double cells_;  // quasi-identifier cells (at least one column's), for Bound
};

// Which distinct combinations the chosen node suppresses.
std::vector<uint8_t> DroppedCombos(const Table& t, const Evaluation& e) {
  std::vector<uint8_t> dropped(t.combos, 0);
  for (std::size_t i = 0; i < t.combos; ++i) dropped[i] = e.class_bad[e.combo_class[i]];
  return dropped;
}

// The smallest number of distinct values of a sensitive column in a kept group, for the report.
uint32_t ReachedL(const Table& t, const Evaluation& e) {
  uint32_t l_reached = std::numeric_limits<uint32_t>::max();
  for (const std::vector<uint64_t>& pairs : t.pairs) {
    std::vector<uint64_t> in_class;
    in_class.reserve(pairs.size());
    for (uint64_t p : pairs) {
      const uint32_t g = e.combo_class[static_cast<std::size_t>(p >> 32)];
      if (!e.class_bad[g]) in_class.push_back((static_cast<uint64_t>(g) << 32) | (p & 0xffffffffU));
    }
    std::sort(in_class.begin(), in_class.end());
    in_class.erase(std::unique(in_class.begin(), in_class.end()), in_class.end());
    std::vector<uint32_t> distinct(e.classes, 0);
    for (uint64_t p : in_class) ++distinct[static_cast<std::size_t>(p >> 32)];
    for (uint32_t g = 0; g < e.classes; ++g) {
      if (!e.class_bad[g]) l_reached = std::min(l_reached, distinct[g]);
    }
  }
  return l_reached;
}

// The report of the chosen node (everything but the published values): what each column became,
// the suppressed rows, and the k and l reached.
AnonymiseResult Summarise(const Table& t, const Node& chosen, const Evaluation& e,
                          const std::vector<uint8_t>& dropped, bool has_sensitive) {
  AnonymiseResult result;
  result.rows = static_cast<uint32_t>(t.rows);
  result.information_loss = e.loss;
  for (std::size_t c = 0; c < t.q; ++c) {
    const int level = Level(chosen, c);
    result.columns.push_back({t.columns[c].name, level, Describe(t.columns[c], level)});
  }
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (dropped[t.row_combo[r]]) result.suppressed_rows.push_back(static_cast<uint32_t>(r));
  }
  uint32_t k_reached = std::numeric_limits<uint32_t>::max();
  uint32_t groups = 0;
  for (uint32_t g = 0; g < e.classes; ++g) {
    if (e.class_bad[g]) continue;
    ++groups;
    k_reached = std::min(k_reached, e.class_rows[g]);
  }
  result.k_reached = groups == 0 ? 0 : k_reached;
  result.groups = groups;
  if (has_sensitive) {
    const uint32_t l_reached = ReachedL(t, e);
    result.l_reached = groups == 0 ? 0 : l_reached;
  }
  return result;
}

// Each distinct combination's published label per column: a row's labels are then two lookups.
std::vector<uint32_t> PublishedCodes(const Table& t, const Node& chosen) {
  std::vector<uint32_t> codes(t.combos * t.q, 0);
  for (std::size_t i = 0; i < t.combos; ++i) {
    for (std::size_t c = 0; c < t.q; ++c) {
      const auto level = static_cast<std::size_t>(Level(chosen, c));
      codes[i * t.q + c] = t.columns[c].generalise[level][t.combo_codes[i * t.q + c]];
    }
  }
  return codes;
}

}  // namespace

std::string_view HierarchyName(Hierarchy h) {
  switch (h) {
    case Hierarchy::kInteger:
      return "integer";
    case Hierarchy::kDate:
      return "date";
    case Hierarchy::kPostcode:
      return "postcode";
    case Hierarchy::kCategory:
      return "category";
  }
  return "category";
}

bool IsDateValue(std::string_view value) { return ParseDate(value).has_value(); }

std::optional<std::string_view> QuasiIdentifierNameSays(std::string_view column_name) {
  switch (ClassifyName(column_name)) {
    case NameKind::kNone:
      return std::nullopt;
    case NameKind::kPostcode:
      return "a postcode";
    case NameKind::kBirthDate:
      return "a date or year of birth";
    case NameKind::kAge:
      return "an age";
    case NameKind::kGender:
      return "a gender";
    case NameKind::kArea:
      return "a place of residence";
    case NameKind::kOther:
      return "a trait people are known by";
  }
  return std::nullopt;
}

std::optional<Hierarchy> DetectQuasiIdentifier(std::string_view column_name,
                                               const std::vector<std::string_view>& sample) {
  const NameKind kind = ClassifyName(column_name);
  if (kind == NameKind::kNone) return std::nullopt;
  return HierarchyFor(kind, sample);
}

Hierarchy HierarchyForValues(std::string_view column_name,
                             const std::vector<std::string_view>& sample) {
  return HierarchyFor(ClassifyName(column_name), sample);
}

std::string AnonymiseResult::Value(std::size_t column, std::size_t row) const {
  return std::string(Label(column, row));
}

std::string_view AnonymiseResult::Label(std::size_t column, std::size_t row) const {
  if (column >= labels_.size() || row >= row_combo_.size()) return "";
  const uint32_t combo = row_combo_[row];
  if (combo_dropped_[combo]) return "*";
  return labels_[column][combo_codes_[combo * labels_.size() + column]];
}

Result<AnonymiseResult> Anonymise(const std::vector<QuasiIdentifier>& quasi,
                                  const std::vector<SensitiveColumn>& sensitive,
                                  const AnonymiseOptions& options) {
  CITYNET_RETURN_IF_ERROR(CheckOptions(quasi, sensitive, options));
  CITYNET_ASSIGN_OR_RETURN(const std::size_t rows, CountRows(quasi, sensitive));
  Table t;
  t.rows = rows;
  t.q = quasi.size();
  Collapse(quasi, t);
  AddSensitive(sensitive, options.l, t);

  Search search(t, options);
  CITYNET_RETURN_IF_ERROR(search.StartAtTop(sensitive));
  search.Prune();
  search.BestFirst();
  if (!search.proven()) search.Fallback();

  // Publish the chosen node.
  const Node& chosen = search.best();
  const Evaluation e = search.evaluator().Evaluate(chosen);
  std::vector<uint8_t> dropped = DroppedCombos(t, e);
  AnonymiseResult result = Summarise(t, chosen, e, dropped, !sensitive.empty());
  result.least_loss_proven = search.proven();
  result.combo_dropped_ = std::move(dropped);
  result.combo_codes_ = PublishedCodes(t, chosen);
  for (std::size_t c = 0; c < t.q; ++c) {
    result.labels_.push_back(
        std::move(t.columns[c].labels[static_cast<std::size_t>(Level(chosen, c))]));
  }
  result.row_combo_ = std::move(t.row_combo);
  return result;
}

Anonymity MeasureAnonymity(const std::vector<std::vector<std::string_view>>& quasi_columns,
                           const std::vector<std::vector<std::string_view>>& sensitive_columns) {
  std::optional<std::size_t> shortest;
  for (const auto& c : quasi_columns) shortest = std::min(shortest.value_or(c.size()), c.size());
  for (const auto& c : sensitive_columns) {
    shortest = std::min(shortest.value_or(c.size()), c.size());
  }
  const std::size_t rows = shortest.value_or(0);
  if (rows == 0) return {0, 0, 0};
  Grouper grouper;
  grouper.Start(rows);
  for (const auto& column : quasi_columns) {
    std::vector<uint32_t> codes;
    const uint32_t n = InternValues(column, rows, codes, nullptr);
    grouper.Add(n, [&codes](std::size_t r) { return codes[r]; });
  }
  std::vector<uint32_t> row_class;
  const uint32_t classes = grouper.Finish(row_class);
  std::vector<uint64_t> sizes(classes, 0);
  for (uint32_t g : row_class) ++sizes[g];
  Anonymity a{std::numeric_limits<uint64_t>::max(), 0, classes};
  for (uint64_t n : sizes) a.k = std::min(a.k, n);
  for (std::size_t s = 0; s < sensitive_columns.size(); ++s) {
    std::vector<uint32_t> codes;
    InternValues(sensitive_columns[s], rows, codes, nullptr);
    std::vector<uint64_t> pairs(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      pairs[r] = (static_cast<uint64_t>(row_class[r]) << 32) | codes[r];
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<uint64_t> distinct(classes, 0);
    for (uint64_t p : pairs) ++distinct[static_cast<std::size_t>(p >> 32)];
    uint64_t l = std::numeric_limits<uint64_t>::max();
    for (uint64_t n : distinct) l = std::min(l, n);
    a.l = s == 0 ? l : std::min(a.l, l);
  }
  return a;
}

}  // namespace citynet::privacy
