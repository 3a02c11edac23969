#include "node/privacy/internal/names.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace citynet::privacy::internal {

struct NameDetector::Impl {
  enum NameFlags : uint8_t { kGiven = 1, kSurname = 2, kAmbiguous = 4 };

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> names;

  Impl();

  uint8_t NameFlagsOf(std::string_view folded) const {
    const auto it = names.find(folded);
    return it == names.end() ? 0 : it->second;
  }

  void Find(std::string_view v, Candidates& taken) const;
};

namespace {

// Given names and surnames, as written in given_names.inc and surnames.inc.
constexpr std::string_view kGivenNames[] = {
#include "node/privacy/given_names.inc"
};
constexpr std::string_view kSurnames[] = {
#include "node/privacy/surnames.inc"
};

// Given names that are also common words, months or places in the languages of the nodes'
// cities: they start a name only before a known surname or another given name ("May Jensen",
// "Rose Marie Nielsen", not "May Day", "Victoria Park", "Bo Concept").
// clang-format off
constexpr std::string_view kAmbiguousGivenNames[] = {
    // English words, months and places
    "amber", "angel", "april", "art", "august", "austin", "autumn", "bill", "brook", "carter",
    "chase", "chelsea", "cooper", "dean", "frank", "georgia", "grace", "hazel", "holly", "hope",
    "hunter", "iris", "ivy", "jack", "jade", "jordan", "joy", "june", "lincoln", "lily", "luna",
    "mark", "mason", "may", "miles", "parker", "ray", "rich", "robin", "rose", "ruby", "sky",
    "stella", "summer", "taylor", "trinity", "victoria", "violet", "virginia", "will",
    "willow", "florence", "carolina", "sydney", "aurora", "faith", "penny", "rocky", "sunny",
    "till", "can", "said", "bruce", "nancy", "eli", "chris", "pat", "sue",
    // Danish and Nordic words
    "bo", "per", "else", "ask", "dag", "sten", "tage", "kaj", "lykke", "vagn", "mark", "lone",
    "line", "liv", "sol", "tove", "mille", "alma", "svend", "bent", "ole", "kim", "tim", "dan",
    "jan", "maj", "juni", "frej", "rune", "sune", "gry", "elo", "lis", "ib", "mona", "vera",
    "ella", "maja", "nanna", "tue", "toke", "lea", "mie", "mia", "esra",
    // Spanish words and places
    "luz", "paz", "mar", "pilar", "dolores", "mercedes", "rosario", "santiago", "salvador",
    "lourdes", "soledad", "consuelo", "amparo", "remedios", "milagros", "rosa", "franco",
    "dante", "bruno", "cruz", "belén", "asunción", "concepción", "trinidad", "florencia",
    "nada", "celeste", "alba", "aurora", "candela", "abril", "leonel", "ciro", "gaspar",
    // Arabic, Turkish and Somali words
    "amal", "nur", "nour", "iman", "salam", "sultan", "amir", "huda", "hind", "cali", "jama",
    "hawa", "emir", "deniz", "eda", "baran", "bahar", "hala", "rana", "maha", "reem", "wafa",
    "dina", "sara", "can", "aslan", "kaan", "sahar",
    // Pinyin syllables that are common words or place names in the Latin alphabet
    "bo", "li", "na", "le", "ke", "han", "hai", "fan", "lan", "lin", "ping", "ming", "yang",
    "hui", "dong", "tian", "yi", "wen", "qi", "jin", "xin", "ting", "long", "gang", "bin",
    "hong", "lu", "yu", "jun", "lei", "chao", "min", "jing", "ling", "mei", "rong", "shan",
    "tao", "yan", "jie", "hao", "jia", "kai", "ning", "peng", "qing", "xue", "zhi", "qian",
    "xiu", "fei", "rui", "wei", "fang", "xia", "hua", "jian", "juan", "qiang", "ying", "yun",
    "zhen", "chen", "kun", "liang", "xuan", "cheng", "zhong", "zhuo", "xiao", "xu", "meng",
    "huan", "tong", "shuang", "qiong", "yue", "feng", "xiang", "yong", "le",
};
// clang-format on

}  // namespace

namespace {

struct Word {
  std::size_t begin;
  std::size_t end;
  bool capitalised;
};

// Words: letters, with inner hyphens and apostrophes (Anne-Marie, O'Brien, D’Angelo).
std::vector<Word> SplitWords(std::string_view v) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t len;
    const int32_t cp = DecodeAt(v, i, &len);
    if (!IsLetter(cp) || IsCjk(cp)) {
      i += len;
      continue;
    }
    Word w{i, i, u_isupper(cp) != 0 || u_istitle(cp) != 0};
    while (i < v.size()) {
      const int32_t c = DecodeAt(v, i, &len);
      if (IsLetter(c) && !IsCjk(c)) {
        i += len;
        continue;
      }
      if (c == '-' || c == '\'' || c == 0x2019) {
        std::size_t next_len;
        if (i + len < v.size() && IsLetter(DecodeAt(v, i + len, &next_len))) {
          i += len;
          continue;
        }
      }
      break;
    }
    w.end = i;
    words.push_back(w);
  }
  return words;
}

bool OnlySpaces(std::string_view gap) {
  return !gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos;
}

bool IsParticle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {"de",  "del", "la",  "las", "los", "van", "von",
                                                    "der", "den", "af",  "da",  "dos", "das", "di",
                                                    "du",  "le",  "bin", "ibn", "al",  "el",  "y"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

}  // namespace


NameDetector::Impl::Impl() {
  names.reserve(std::size(kGivenNames) + std::size(kSurnames));
  for (std::string_view n : kGivenNames) names[Fold(n)] |= kGiven;
  for (std::string_view n : kSurnames) names[Fold(n)] |= kSurname;
  for (std::string_view n : kAmbiguousGivenNames) {
    const auto it = names.find(n);
    if (it != names.end()) it->second |= kAmbiguous;
  }
}

void NameDetector::Impl::Find(std::string_view v, Candidates& taken) const {
  const std::vector<Word> words = SplitWords(v);
  if (words.size() < 2) return;
  auto text = [v](const Word& w) { return v.substr(w.begin, w.end - w.begin); };
  auto flags = [this, &text](const Word& w) { return NameFlagsOf(Fold(text(w))); };
  auto gap = [v, &words](std::size_t k) {  // between words[k] and words[k + 1]
    return v.substr(words[k].end, words[k + 1].begin - words[k].end);
  };
  auto push = [&taken](std::size_t begin, std::size_t end) {
    if (!Overlaps(taken, begin, end)) {
      taken.push_back({kPriorityName, {IdentifierKind::kName, begin, end}});
    }
  };
  // Capitalised words after words[k], joined by spaces (with lower-case particles between
  // them), up to four words in all: the index of the last word of the name.
  auto extend = [&](std::size_t k, std::size_t first) {
    std::size_t last = k;
    std::size_t j = k;
    while (j + 1 < words.size() && j + 1 - first < 4 && OnlySpaces(gap(j))) {
      const Word& next = words[j + 1];
      if (next.capitalised) {
        last = j = j + 1;
      } else if (IsParticle(text(next)) && j + 2 < words.size() && OnlySpaces(gap(j + 1)) &&
                 words[j + 2].capitalised) {
        j = j + 1;
      } else {
        break;
      }
    }
    return last;
  };

  // Whether a span is the whole cell but for spaces.
  const std::size_t first_byte = v.find_first_not_of(' ');
  const std::size_t last_byte = v.find_last_not_of(' ');
  auto whole_cell = [first_byte, last_byte](std::size_t begin, std::size_t end) {
    return begin == first_byte && end == last_byte + 1;
  };

  std::size_t k = 0;
  bool any = false;
  while (k < words.size()) {
    const Word& w = words[k];
    if (!w.capitalised || k + 1 >= words.size()) {
      ++k;
      continue;
    }
    const uint8_t f = flags(w);
    const std::string_view g = gap(k);
    // "Surname, Given": the surname known, or nothing else in the cell.
    if (!g.empty() && g[0] == ',' && (g.size() == 1 || OnlySpaces(g.substr(1))) &&
        words[k + 1].capitalised) {
      const uint8_t next = flags(words[k + 1]);
      const std::size_t last = extend(k + 1, k);
      const bool whole = whole_cell(w.begin, words[last].end);
      if ((next & kGiven) && (f & kSurname || (whole && !(next & kAmbiguous)))) {
        push(w.begin, words[last].end);
        any = true;
        k = last + 1;
        continue;
      }
    }
    if (OnlySpaces(g) && words[k + 1].capitalised) {
      const std::size_t last = extend(k, k);
      bool name = false;
      if ((f & kGiven) && !(f & kAmbiguous)) {
        name = true;
      } else if (f & (kGiven | kSurname)) {
        // An ambiguous given name, or a surname first ("Wang Wei"): another word of the name
        // must be a known name too.
        for (std::size_t j = k + 1; j <= last && !name; ++j) {
          const uint8_t fj = flags(words[j]);
          name = ((f & kGiven) && ((fj & kSurname) || ((fj & kGiven) && !(fj & kAmbiguous)))) ||
                 ((f & kSurname) && (fj & kGiven));
        }
      }
      if (name) {
        push(w.begin, words[last].end);
        any = true;
        k = last + 1;
        continue;
      }
    }
    ++k;
  }
  // A whole cell of 2-4 words in any case: "søren østergaard".
  if (!any && words.size() <= 4) {
    bool plain = whole_cell(words.front().begin, words.back().end);
    for (std::size_t j = 0; j + 1 < words.size() && plain; ++j) plain = OnlySpaces(gap(j));
    if (plain && (flags(words.front()) & kGiven) && (flags(words.back()) & kSurname)) {
      push(words.front().begin, words.back().end);
    }
  }
}

NameDetector::NameDetector() : impl_(std::make_unique<const Impl>()) {}
NameDetector::~NameDetector() = default;

void NameDetector::Find(std::string_view v, Candidates& taken) const { impl_->Find(v, taken); }

bool NameDetector::IsLoneName(std::string_view value) const {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() < 2 || value.size() > 40) return false;
  for (char c : value) {
    if (c == ' ' || (c >= '0' && c <= '9') || c == '@') return false;
  }
  const uint8_t flags = impl_->NameFlagsOf(Fold(value));
  return (flags & (Impl::kGiven | Impl::kSurname)) != 0 && (flags & Impl::kAmbiguous) == 0;
}

}  // namespace citynet::privacy::internal
