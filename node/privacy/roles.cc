#include "node/privacy/roles.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy {
namespace {

using internal::DecodeAt;
using internal::IsHan;

// Values looked at for the shape of a column (place names, dates): its first ones.
constexpr uint64_t kShapeSample = 2000;

// Lower case, accents stripped, ø/æ/å spelt in ASCII, every run of non-alphanumerics one space,
// trimmed: "Brønshøj-Husum" and "bronshoj husum" meet.
std::string Fold(std::string_view text) {
  // Most values are ASCII: they fold to lower case without ICU, spaced the same way.
  if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (!internal::IsAlnumAscii(c)) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += internal::LowerAscii(c);
    }
    return out;
  }
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_SUCCESS(error)) {
    icu::UnicodeString decomposed = nfd->normalize(u, error);
    if (U_SUCCESS(error)) u = decomposed;
  }
  std::string out;
  bool space = false;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (!u_isalnum(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    switch (c) {
      case 0xF8:
        out += "o";
        break;
      case 0xE6:
        out += "ae";
        break;
      case 0xE5:
        out += "aa";
        break;
      default:
        icu::UnicodeString(c).toUTF8String(out);
    }
  }
  return out;
}

// The words of a folded name, and every run of them joined without spaces.
bool NameHas(std::string_view folded, std::initializer_list<std::string_view> keys) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < folded.size();) {
    std::size_t end = folded.find(' ', at);
    if (end == std::string_view::npos) end = folded.size();
    words.push_back(folded.substr(at, end - at));
    at = end + 1;
  }
  std::string run;
  for (std::size_t i = 0; i < words.size(); ++i) {
    run.clear();
    for (std::size_t j = i; j < words.size() && j < i + 4; ++j) {
      run += words[j];
      if (std::find(keys.begin(), keys.end(), run) != keys.end()) return true;
    }
  }
  return false;
}

bool Contains(std::string_view text, std::initializer_list<std::string_view> keys) {
  return std::any_of(keys.begin(), keys.end(),
                     [text](std::string_view k) { return text.find(k) != std::string_view::npos; });
}

// GDPR Art. 9 categories and what is as delicate in practice (income, benefits, convictions).
bool SensitiveName(std::string_view folded) {
  return NameHas(folded, {"health",
                          "helbred",
                          "sundhed",
                          "sundhedstilstand",
                          "salud",
                          "diagnosis",
                          "diagnose",
                          "diagnoser",
                          "diagnostico",
                          "illness",
                          "disease",
                          "sygdom",
                          "enfermedad",
                          "medical",
                          "medication",
                          "medicin",
                          "medicacion",
                          "disability",
                          "handicap",
                          "discapacidad",
                          "mentalhealth",
                          "psykisk",
                          "pregnancy",
                          "graviditet",
                          "embarazo",
                          "sexualorientation",
                          "orientation",
                          "seksualitet",
                          "seksuelorientering",
                          "orientacionsexual",
                          "politicalparty",
                          "political",
                          "politisk",
                          "politiskparti",
                          "partidopolitico",
                          "voting",
                          "vote",
                          "tradeunion",
                          "union",
                          "fagforening",
                          "sindicato",
                          "income",
                          "indkomst",
                          "ingreso",
                          "ingresos",
                          "salary",
                          "salario",
                          "sueldo",
                          "wage",
                          "lon",
                          "benefits",
                          "kontanthjaelp",
                          "welfare",
                          "subsidio",
                          "criminal",
                          "conviction",
                          "straffe",
                          "antecedentes",
                          "debt",
                          "gaeld",
                          "deuda",
                          "religion",
                          "religiousbelief",
                          "tro",
                          "creencia"}) ||
         Contains(folded, {"健康", "疾病", "诊断", "残疾", "病史", "性取向", "政治", "工会", "收入",
                           "工资", "月薪", "低保", "犯罪", "宗教", "信仰"});
}

bool FreeTextName(std::string_view folded) {
  return NameHas(folded,
                 {"comment",       "comments",      "kommentar",   "kommentarer", "bemaerkning",
                  "bemaerkninger", "note",          "notes",       "noter",       "notat",
                  "fritekst",      "freetext",      "feedback",    "remark",      "remarks",
                  "observacion",   "observaciones", "comentario",  "comentarios", "nota",
                  "notas",         "textolibre",    "opinion",     "opinions",    "sugerencia",
                  "sugerencias",   "suggestion",    "suggestions", "forslag",     "description",
                  "beskrivelse",   "descripcion",   "message",     "besked",      "mensaje",
                  "otherspecify",  "answer",        "svar",        "respuesta",   "reason",
                  "begrundelse",   "motivo"}) ||
         Contains(folded, {"备注", "意见", "评论", "留言", "说明", "建议", "反馈", "描述", "其他",
                           "原因", "回答"});
}

// clang-format off
// Places of the partner cities and countries, folded as Fold folds them.
constexpr std::string_view kPlaces[] = {
    // Copenhagen: bydele and neighbourhoods
    "indre by", "osterbro", "norrebro", "vesterbro", "kongens enghave", "vesterbro kongens enghave",
    "valby", "vanlose", "bronshoj", "bronshoj husum", "husum", "bispebjerg", "amager",
    "amager ost", "amager vest", "christianshavn", "frederiksberg", "sydhavnen", "nordvest",
    "orestad", "islands brygge", "nordhavn", "refshaleoen", "sundby", "tingbjerg", "emdrup",
    "kobenhavn", "copenhagen", "kbh", "kobenhavn k", "kobenhavn n", "kobenhavn o", "kobenhavn v",
    "kobenhavn s", "kobenhavn nv", "kobenhavn sv",
    // Danish municipalities and towns
    "aarhus", "odense", "aalborg", "esbjerg", "randers", "kolding", "horsens", "vejle",
    "roskilde", "herning", "helsingor", "silkeborg", "naestved", "fredericia", "viborg", "koge",
    "holstebro", "taastrup", "slagelse", "hillerod", "sonderborg", "svendborg", "hjorring",
    "holbaek", "frederikshavn", "ringsted", "haderslev", "skive", "nyborg", "greve", "ballerup",
    "gentofte", "gladsaxe", "lyngby", "lyngby taarbaek", "hvidovre", "rodovre", "glostrup",
    "albertslund", "brondby", "taarnby", "dragor", "ishoj", "vallensbaek", "herlev", "furesoe",
    "rudersdal", "horsholm", "egedal", "hoje taastrup", "allerod", "fredensborg", "gribskov",
    "halsnaes", "lejre", "solrod", "stevns", "faxe", "guldborgsund", "lolland", "bornholm",
    // Buenos Aires: the 48 barrios, and more
    "agronomia", "almagro", "balvanera", "barracas", "belgrano", "boedo", "caballito",
    "chacarita", "coghlan", "colegiales", "constitucion", "flores", "floresta", "la boca", "boca",
    "la paternal", "paternal", "liniers", "mataderos", "monte castro", "montserrat", "monserrat",
    "nueva pompeya", "pompeya", "nunez", "palermo", "parque avellaneda", "parque chacabuco",
    "parque chas", "parque patricios", "puerto madero", "recoleta", "retiro", "saavedra",
    "san cristobal", "san nicolas", "san telmo", "velez sarsfield", "velez sarfield", "versalles",
    "villa crespo", "villa del parque", "villa devoto", "villa general mitre", "villa lugano",
    "villa luro", "villa ortuzar", "villa pueyrredon", "villa real", "villa riachuelo",
    "villa santa rita", "villa soldati", "villa urquiza", "barrio norte", "once", "abasto",
    "caba", "capital federal", "buenos aires", "ciudad de buenos aires",
    // Greater Buenos Aires: partidos, and Argentine cities and provinces
    "la matanza", "lomas de zamora", "quilmes", "almirante brown", "merlo", "lanus", "moreno",
    "florencio varela", "general san martin", "san martin", "tigre", "avellaneda",
    "tres de febrero", "berazategui", "malvinas argentinas", "moron", "esteban echeverria",
    "san isidro", "jose c paz", "hurlingham", "ituzaingo", "vicente lopez", "san miguel",
    "ezeiza", "san fernando", "escobar", "pilar", "la plata", "berisso", "ensenada",
    "cordoba", "rosario", "mendoza", "tucuman", "san miguel de tucuman", "mar del plata",
    "salta", "santa fe", "corrientes", "bahia blanca", "resistencia", "posadas", "neuquen",
    "parana", "santiago del estero", "san juan", "san luis", "jujuy", "la rioja", "catamarca",
    "rio negro", "chubut", "santa cruz", "tierra del fuego", "misiones", "entre rios",
    "la pampa", "formosa", "chaco",
};
// The same, sorted, for a look-up rather than a pass over all of them.
constexpr auto kSortedPlaces = [] {
  std::array<std::string_view, std::size(kPlaces)> sorted{};
  std::copy(std::begin(kPlaces), std::end(kPlaces), sorted.begin());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}();

// Beijing's districts and Chinese provinces and large cities, as written (matched with or
// without their last character 区, 省 or 市).
constexpr std::string_view kChinesePlaces[] = {
    "东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义",
    "昌平", "大兴", "怀柔", "平谷", "密云", "延庆", "北京", "上海", "天津", "重庆", "广州",
    "深圳", "成都", "武汉", "杭州", "南京", "西安", "沈阳", "哈尔滨", "长春", "大连", "青岛",
    "济南", "郑州", "长沙", "合肥", "福州", "厦门", "南昌", "昆明", "贵阳", "南宁", "海口",
    "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "呼和浩特", "石家庄", "太原", "苏州", "无锡",
    "宁波", "温州", "东莞", "佛山", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门", "浦东", "黄浦", "徐汇", "静安", "虹口", "杨浦", "闵行", "宝山", "嘉定", "天河",
    "越秀", "福田", "南山", "罗湖",
};
// clang-format on

// Han strings of two to eight characters that end in an administrative unit.
bool ChinesePlaceForm(std::string_view v) {
  std::size_t chars = 0;
  int32_t last = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t len;
    const int32_t cp = DecodeAt(v, i, &len);
    if (!IsHan(cp)) return false;
    last = cp;
    ++chars;
    i += len;
  }
  if (chars < 2 || chars > 8) return false;
  static constexpr int32_t kUnits[] = {0x533A /*区*/, 0x5340 /*區*/, 0x53BF /*县*/, 0x5E02 /*市*/,
                                       0x9547 /*镇*/, 0x4E61 /*乡*/, 0x6751 /*村*/, 0x7701 /*省*/,
                                       0x65D7 /*旗*/, 0x8857 /*街 (街道 ends in 道)*/};
  if (std::find(std::begin(kUnits), std::end(kUnits), last) != std::end(kUnits)) return true;
  return v.ends_with("街道") || v.ends_with("社区") || v.ends_with("小区") || v.ends_with("新村") ||
         v.ends_with("胡同");
}

}  // namespace

bool IsPlaceName(std::string_view value) {
  value = internal::TrimSpaces(value);
  if (value.empty() || value.size() > 80) return false;
  if (static_cast<unsigned char>(value.front()) >= 0xE3) {
    if (ChinesePlaceForm(value)) return true;
    for (std::string_view p : kChinesePlaces) {
      if (value == p) return true;
    }
    return false;
  }
  const std::string folded = Fold(value);
  if (std::binary_search(kSortedPlaces.begin(), kSortedPlaces.end(), std::string_view(folded))) {
    return true;
  }
  // "Comuna 4", "Barrio Norte", "Partido de Moreno", "Villa X", "Parque X".
  for (std::string_view prefix : {"comuna ", "barrio ", "partido de ", "villa ", "parque "}) {
    if (folded.starts_with(prefix) && folded.size() > prefix.size()) return true;
  }
  return false;
}

bool IsWrittenText(std::string_view value) {
  std::size_t words = 0, han = 0;
  bool in_word = false, punctuation = false;
  for (std::size_t i = 0; i < value.size();) {
    std::size_t len;
    const int32_t cp = DecodeAt(value, i, &len);
    i += len;
    if (IsHan(cp)) {
      ++han;
      in_word = false;
    } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      in_word = false;
    } else if (internal::IsLetter(cp)) {
      if (!in_word) ++words;
      in_word = true;
    } else if (cp == '.' || cp == ',' || cp == '!' || cp == '?' || cp == ';') {
      punctuation = true;
    }
  }
  return han >= 8 || (words >= 4 && value.size() >= 20) || (words >= 3 && punctuation);
}

void ColumnShape::Add(std::string_view value) {
  value = internal::TrimSpaces(value);
  if (value.empty()) return;
  ++filled_;
  if (distinct_.size() < cap_) distinct_.insert(std::hash<std::string_view>{}(value));
  if (IsWrittenText(value)) ++texty_;
  if (sampled_ < kShapeSample) {
    ++sampled_;
    if (IsPlaceName(value)) ++places_;
    if (IsDateValue(value)) ++dates_;
  }
}

void ColumnShape::Merge(const ColumnShape& other) {
  filled_ += other.filled_;
  texty_ += other.texty_;
  // The first values of the column are the ones sampled: take the other's only while room.
  const uint64_t room = kShapeSample - std::min(kShapeSample, sampled_);
  if (room > 0 && other.sampled_ > 0) {
    const uint64_t take = std::min(room, other.sampled_);
    places_ += other.places_ * take / other.sampled_;
    dates_ += other.dates_ * take / other.sampled_;
    sampled_ += take;
  }
  for (uint64_t h : other.distinct_) {
    if (distinct_.size() >= cap_) break;
    distinct_.insert(h);
  }
}

bool ColumnShape::free_text() const {
  return filled_ > 0 && texty_ * 10 >= filled_ * 3 &&
         (distinct_capped() || distinct() * 4 >= filled_);
}

bool ColumnShape::places() const { return sampled_ > 0 && places_ * 2 >= sampled_; }

bool ColumnShape::dates() const { return sampled_ > 0 && dates_ * 10 >= sampled_ * 9; }

std::optional<NamedRole> RoleFromName(std::string_view column_name) {
  using protocol::ColumnRole;
  if (const auto kind = IdentifierColumnByName(column_name)) {
    return NamedRole{ColumnRole::kIdentifier,
                     fmt::format("its name says it holds {}", IdentifierKindName(*kind))};
  }
  const std::string folded = Fold(column_name);
  if (SensitiveName(folded)) {
    return NamedRole{ColumnRole::kSensitive,
                     "its name says it holds what must not be learnt of anyone (health, "
                     "income, beliefs, ...)"};
  }
  if (const auto says = QuasiIdentifierNameSays(column_name)) {
    return NamedRole{ColumnRole::kQuasiIdentifier, fmt::format("its name says {}", *says)};
  }
  if (FreeTextName(folded)) {
    return NamedRole{ColumnRole::kFreeText, "its name says it holds written answers"};
  }
  return std::nullopt;
}

NamedRole RoleFromShape(std::string_view column_name, const ColumnShape& shape) {
  using protocol::ColumnRole;
  if (auto named = RoleFromName(column_name);
      named && named->role != protocol::ColumnRole::kIdentifier) {
    // A name that says text over values that are a few repeated short answers ("answer" of
    // yes/no) is not free text: the values decide.
    if (named->role != ColumnRole::kFreeText || shape.texty() * 10 >= shape.filled() * 3 ||
        shape.distinct_capped() || shape.distinct() * 4 >= shape.filled()) {
      return *named;
    }
  }
  if (shape.free_text()) {
    return NamedRole{ColumnRole::kFreeText,
                     "its values are written text (long, varied, several words)"};
  }
  if (shape.constant()) {
    return NamedRole{ColumnRole::kInsensitive,
                     "every row holds the same value: it cannot single anyone out"};
  }
  if (shape.places()) {
    return NamedRole{ColumnRole::kQuasiIdentifier, "its values are names of places"};
  }
  if (shape.dates()) {
    return NamedRole{ColumnRole::kQuasiIdentifier, "its values are dates"};
  }
  return NamedRole{ColumnRole::kQuasiIdentifier,
                   "not recognised, so treated as a quasi-identifier: declare it insensitive "
                   "if it cannot single anyone out",
                   false};
}

Status CheckDeclaredRole(std::string_view column_name, protocol::ColumnRole declared,
                         const NamedRole& ruled) {
  using protocol::ColumnRole;
  switch (declared) {
    case ColumnRole::kIdentifier:
    case ColumnRole::kQuasiIdentifier:
      return Status::Ok();
    case ColumnRole::kSensitive:
    case ColumnRole::kInsensitive: {
      const bool constant = ruled.role == ColumnRole::kInsensitive;
      const bool open =
          !ruled.recognised || constant ||
          (declared == ColumnRole::kSensitive && ruled.role == ColumnRole::kSensitive);
      if (open) return Status::Ok();
      return InvalidArgument(fmt::format(
          "column '{}' cannot be declared {}: the gate takes it for {} ({}); it is published "
          "with that protection, or leave the column out of the table (rename it if its name "
          "misleads)",
          column_name, protocol::ColumnRoleName(declared),
          ruled.role == ColumnRole::kQuasiIdentifier ? "a quasi-identifier"
          : ruled.role == ColumnRole::kSensitive     ? "sensitive"
                                                     : "free text",
          ruled.reason));
    }
    case ColumnRole::kFreeText:
      if (ruled.role == ColumnRole::kFreeText) return Status::Ok();
      return InvalidArgument(fmt::format(
          "column '{}' is not free text ({}: {}): only free text can be kept as text; its "
          "values are published as a {} would be",
          column_name, protocol::ColumnRoleName(ruled.role), ruled.reason,
          protocol::ColumnRoleName(ruled.role)));
  }
  return Status::Ok();
}

}  // namespace citynet::privacy
