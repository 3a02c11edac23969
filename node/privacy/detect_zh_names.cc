#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/internal/zh_names.h"

// Why a segmenter rather than a list of patterns: nearly every common surname character is also
// an ordinary morpheme (周末 weekend, 高速 highway, 黄河 the Yellow River, 文化, 安全, 石家庄), and
// Chinese has no spaces, so "surname followed by one or two characters" matches most sentences.
// What separates 王芳 from 周末 is that 周末 is a frequent word and 芳 a frequent given-name
// character, and what separates 王芳 from 王芳明 in 王芳明天来 is that 明天 is a word. A unigram
// segmenter weighs exactly that: each run of Han characters is cut into the sequence of tokens
// whose summed cost (-ln P) is least, where a token is a dictionary word, a single character,
// or one of the kinds of name below, whose cost is -ln P(that kind of name) less what the
// context says: 我叫/联系人/邻居 before it, a title (先生, 老师) after it, the end of the text, a
// particle such as 的 or 说 after it; a place suffix after it (中山路, 逸夫楼) says a place named
// after a person is meant instead. A name is reported where the best segmentation takes it.
// Ordinary words win by their frequency (王国, 高峰 stay words unless 我叫 or 先生 says a person
// is meant), places are words (沈阳, 王府井), and a novel name wins because no word covers it
// and its characters are cheap as a name and dear as single words.
//
// The kinds of name:
// - surname + one or two given-name characters (王芳, 欧阳娜娜);
// - surname + title, one token so that it competes with the surname read as a word of its own
//   (郭经理 against 郭 + 经理, and 开会时 + 老师 against 时老师), its span both;
// - 老/小 + surname (老王, 小李), which 小于 (less than) beats as a frequent word;
// - a run of transliteration characters (安娜, 冈萨雷斯) where a middle dot joins it to another
//   (安娜·冈萨雷斯: one finding across the dot), after a role word (负责人是安娜) or before a
//   title (史密斯先生); dictionary words that are not names (巴西, 沙发) never;
// - a given name after a surname and one space (周 璐), as people type in forms.

namespace citynet::privacy::internal {
namespace {

// The generated tables (zh_lexicon.inc, from make_zh_lexicon.py): costs are -ln P in tenths of
// a nat, 255 where the character cannot take that role.
struct CharEntry {
  uint8_t single;    // as a word of its own
  uint8_t surname;   // as a one-character surname
  uint8_t g1;        // as the first of a two-character given name
  uint8_t g2;        // as the second of a two-character given name
  uint8_t gs;        // as a one-character given name
  uint8_t translit;  // as a character of a transliterated foreign name
  uint16_t flags;    // CharFlags
};
struct CompoundSurname {
  uint16_t first;
  uint16_t second;
  uint8_t cost;
};

#include "zh_lexicon.inc"

enum CharFlags : uint16_t {
  kFunction = 1,           // a particle, pronoun or common verb: never in a given name
  kShortTitle = 2,         // 总, 工, 姐: a title after a surname
  kPrefixTitle = 4,        // 老, 小 before a surname
  kCompoundFirst = 8,      // may start a compound surname
  kCommonSurname = 16,     // one of the 100 most common surnames
  kPlaceSuffix = 32,       // 路, 村, 园: ends the names of places, never a given name
  kDirection = 64,         // 东, 北, 中: between a name and a place suffix (华强北路)
  kCopula = 128,           // 是, 为: between a role word and a name (负责人是安娜)
  kPrefixable = 256,       // a surname common enough for 老/小 before it
  kTitleFirst = 512,       // begins a title of two or more characters
  kPlaceWordFirst = 1024,  // begins a word of kPlaceWords
  kIntroducerLast = 2048,  // ends a word of kIntroducers
  kLongWordFirst = 4096,   // begins a word of kLongWords or kLongPersonWords
};

constexpr uint8_t kNone = 255;

// The model's weights (nats). The name prior and the length priors are set so that a name
// the dictionary does not know beats reading its characters one by one by a wide margin,
// while a word as frequent as 周末 or 王国 (-ln P about 10-11.5) still beats a name of the
// same characters when nothing around says a person is meant. The context bonuses are what
// such text says: an introducer (我叫, 联系人) or a title (先生) makes a name of 王国 or 高峰
// too. They were tuned on generated names and on the dictionary's common words that begin with
// a surname character, in sentence templates (tests/privacy/zh_names_test.cc measures the same).
constexpr float kNameCost = 3.0f;
constexpr float kOneCharGivenCost = 1.05f;  // -ln 0.35: one-character given names
constexpr float kTwoCharGivenCost = 0.43f;  // -ln 0.65
constexpr float kIntroducerBonus = 3.0f;
constexpr float kTitleBonus = 4.0f;
constexpr float kFunctionAfterBonus = 0.5f;  // small: it must not pull a verb into the name
constexpr float kEndBonus = 0.5f;            // the Han text ends: punctuation, digits, Latin
constexpr float kStartBonus = 0.25f;
// A place suffix after the name (张自忠路, 中山公园): a place named after a person.
constexpr float kPlaceAfterPenalty = 4.0f;
// A name and a place suffix read as the name of a place: about as dear as the name alone.
constexpr float kPlaceSuffixCost = 1.0f;
// 老/小 + a common surname, beside kNameCost and the surname's cost: about as dear as a name
// whose given name is a common character.
constexpr float kPrefixTitledCost = 3.0f;
constexpr float kPrefixBreakBonus = 1.5f;      // the text breaks before 老/小
constexpr float kPrefixNoBreakPenalty = 2.0f;  // it does not: 小于 of 温度小于零度
// Surname + title against the surname read as a character of its own before the title: the
// surname's prior less this must beat the character's cost as a word. A surname that is also a
// frequent word (时, 成) must have the text break before it as well: 开会时老师说 is not 时老师.
constexpr float kSurnameTitleBonus = 1.0f;
constexpr float kWordySurnamePenalty = 2.0f;
constexpr float kWordySingleCost = 8.0f;       // a character this cheap as a word is "wordy"
constexpr float kParticleCost = 5.0f;          // and one this cheap is a particle (的, 了, 是)
constexpr float kShortTitleBreakBonus = 1.0f;  // 王总。
constexpr float kShortTitleNoBreakPenalty = 2.5f;  // 王总结: the title character begins a word
// Transliterated names: each character's cost as a foreign-name character, plus this, less
// what marks a name: a middle dot on either side, a role word before, a title after.
constexpr float kForeignCost = 2.0f;
constexpr float kDotBonus = 8.0f;
constexpr float kWeakDotBonus = 4.0f;  // an ASCII or full-width full stop as the dot
constexpr float kForeignStrongBonus = 4.0f;
constexpr float kForeignPersonBonus = 3.0f;      // a known foreign name after 和, 给, 问
constexpr float kForeignNotANamePenalty = 3.0f;  // 丹麦·哥本哈根: words, though dotted
constexpr std::size_t kMaxForeign = 7;
// What a dictionary name or word of five characters or more costs (their frequencies are not
// kept): about what one of four characters does.
constexpr float kLongNameCost = 14.0f;
constexpr uint64_t kFnvBasis = 0xCBF29CE484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001B3ULL;
// 周 璐: a surname, one space, a given name. Beside the name's usual cost.
constexpr float kSpacedGivenBonus = 8.0f;
constexpr float kPlausibleGivenCost = 8.0f;  // each given character at most this dear

// Runs of Han characters are segmented in chunks of at most kMaxChunk characters so that the
// work space is fixed and on the stack. Tokens are at most 7 characters long, so one ending
// within kChunkKeep always exists; what follows it is segmented again with the next chunk.
constexpr std::size_t kMaxChunk = 256;
constexpr std::size_t kChunkKeep = kMaxChunk - 16;

constexpr uint64_t kKeyMask = (uint64_t{1} << 56) - 1;
constexpr uint64_t kLongerBit = uint64_t{1} << 63;
constexpr unsigned kNotAWord = 127;
constexpr float kInf = 1e30f;

float Tenths(uint8_t q) { return static_cast<float>(q) / 10.0f; }

uint16_t IdOf(int32_t cp) {
  if (cp < static_cast<int32_t>(zh_lexicon::kIndexFirst) ||
      cp > static_cast<int32_t>(zh_lexicon::kIndexLast)) {
    return 0;
  }
  return zh_lexicon::kIndex[static_cast<std::size_t>(cp) - zh_lexicon::kIndexFirst];
}

const CharEntry& Char(uint16_t id) { return zh_lexicon::kChars[id]; }
bool Has(uint16_t id, uint16_t flag) { return (Char(id).flags & flag) != 0; }
bool IsTranslit(uint16_t id) { return Char(id).translit != kNone; }

// Packs ids[0..n) into a word key; 0 when one of them is unknown (no word contains it).
uint64_t Key(const uint16_t* ids, std::size_t n) {
  uint64_t key = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (ids[i] == 0) return 0;
    key |= uint64_t{ids[i]} << (zh_lexicon::kIdBits * static_cast<int>(i));
  }
  return key;
}

// The word table's entry for `key`, 0 when neither a word nor the beginning of one.
uint64_t LookupWord(uint64_t key) {
  constexpr std::size_t kMask = (std::size_t{1} << zh_lexicon::kHashBits) - 1;
  std::size_t s =
      static_cast<std::size_t>((key * zh_lexicon::kHashMult) >> (64 - zh_lexicon::kHashBits));
  while (true) {
    const uint64_t e = zh_lexicon::kWords[s];
    if (e == 0 || (e & kKeyMask) == key) return e;
    s = (s + 1) & kMask;
  }
}

// The cost of ids[0..n) as a dictionary word (2-4 characters), kInf when it is none.
float WordCost(const uint16_t* ids, std::size_t n) {
  if (n < 2 || n > 4) return kInf;
  const uint64_t key = Key(ids, n);
  if (key == 0) return kInf;
  const uint64_t e = LookupWord(key);
  if (e == 0) return kInf;
  const auto cost = static_cast<unsigned>((e >> 56) & 0x7F);
  return cost == kNotAWord ? kInf : 4.0f + static_cast<float>(cost) / 5.0f;
}

// The compound surname ids[0..2) (欧阳, 上官), or nullptr.
const CompoundSurname* CompoundAt(const uint16_t* ids) {
  const auto less = [](const CompoundSurname& a, const CompoundSurname& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  };
  const CompoundSurname probe{ids[0], ids[1], 0};
  const auto it = std::lower_bound(std::begin(zh_lexicon::kCompounds),
                                   std::end(zh_lexicon::kCompounds), probe, less);
  if (it == std::end(zh_lexicon::kCompounds) || it->first != ids[0] || it->second != ids[1]) {
    return nullptr;
  }
  return &*it;
}

template <std::size_t N>
bool InList(const uint64_t (&list)[N], uint64_t key) {
  return key != 0 && std::binary_search(std::begin(list), std::end(list), key);
}

// The length (2 or 3) of a title such as 先生 or 董事长 that starts at ids[i], or 0.
std::size_t TitleAt(const uint16_t* ids, std::size_t i, std::size_t n) {
  if (i >= n || !Has(ids[i], kTitleFirst)) return 0;
  for (std::size_t len = 3; len >= 2; --len) {
    if (i + len <= n && InList(zh_lexicon::kSuffixTitles, Key(ids + i, len))) return len;
  }
  return 0;
}

// The length of what starts at ids[i] and says that the name before it names a place, 0 when
// nothing does: 张自忠路, 中山公园, 华强北路, but not 王芳路过 (the suffix begins a verb).
std::size_t PlaceAt(const uint16_t* ids, std::size_t i, std::size_t n) {
  if (i >= n) return 0;
  const uint16_t id = ids[i];
  if (Has(id, kPlaceSuffix)) {
    return i + 1 >= n || !InList(zh_lexicon::kSuffixExceptions, Key(ids + i, 2)) ? 1 : 0;
  }
  if (Has(id, kDirection) && i + 1 < n && Has(ids[i + 1], kPlaceSuffix)) return 2;
  if (Has(id, kPlaceWordFirst)) {
    for (std::size_t len = 3; len >= 2; --len) {
      if (i + len <= n && InList(zh_lexicon::kPlaceWords, Key(ids + i, len))) return len;
    }
  }
  return 0;
}

enum Introduction : uint8_t { kNotIntroduced, kWeakly, kStrongly };

// The same for a Latin word before a name in mixed text: "Name: 李娜", "contact 王伟".
Introduction LatinIntroducerBefore(std::string_view v, std::size_t pos) {
  std::size_t begin = pos;
  while (begin > 0 && pos - begin < 12 && IsAlphaAscii(v[begin - 1])) --begin;
  if (begin > 0 && IsAlphaAscii(v[begin - 1])) return kNotIntroduced;
  std::array<char, 12> word{};
  for (std::size_t i = begin; i < pos; ++i) word[i - begin] = LowerAscii(v[i]);
  const std::string_view w(word.data(), pos - begin);
  for (std::string_view strong : {"name", "navn", "nombre", "contact", "contacto", "kontakt",
                                  "dear", "mr", "mrs", "ms", "dr", "attn", "signed"}) {
    if (w == strong) return kStrongly;
  }
  for (std::string_view weak :
       {"by", "from", "to", "and", "with", "ask", "call", "og", "y", "con", "med"}) {
    if (w == weak) return kWeakly;
  }
  return kNotIntroduced;
}

// How strongly the words that end just before byte `pos` announce a person: 我叫, 联系人 and
// other role words strongly, also with 是/为 after them (负责人是); 和, 给, 问 weakly.
// Separators (spaces, colons) may stand between: 姓名：王芳.
Introduction IntroducedAt(std::string_view v, std::size_t pos) {
  while (pos > 0) {
    const std::size_t p = PrevStart(v, pos);
    std::size_t len = 0;
    const int32_t cp = DecodeAt(v, p, &len);
    if (cp != ' ' && cp != ':' && cp != 0xFF1A && cp != '\t' && cp != 0x3000) break;
    pos = p;
  }
  if (pos > 0 && IsAlphaAscii(v[pos - 1])) return LatinIntroducerBefore(v, pos);
  constexpr std::size_t kLook = 5;
  std::array<uint16_t, kLook> ids{};  // the code points before pos, last first
  std::size_t n = 0;
  while (n < kLook && pos > 0) {
    pos = PrevStart(v, pos);
    std::size_t len = 0;
    const uint16_t id = IdOf(DecodeAt(v, pos, &len));
    if (id == 0) break;
    ids[n++] = id;
  }
  if (n == 0 || !Has(ids[0], kIntroducerLast)) return kNotIntroduced;
  // The last `len` code points before `skip` of them, in reading order, as a key.
  auto key = [&](std::size_t skip, std::size_t len) {
    std::array<uint16_t, kLook> forward{};
    for (std::size_t i = 0; i < len; ++i) forward[i] = ids[skip + len - 1 - i];
    return Key(forward.data(), len);
  };
  Introduction found = kNotIntroduced;
  for (std::size_t len = 1; len <= 4 && len <= n; ++len) {
    const uint64_t k = key(0, len);
    if (InList(zh_lexicon::kStrongIntroducers, k)) return kStrongly;
    if (InList(zh_lexicon::kIntroducers, k)) found = kWeakly;
  }
  if (Has(ids[0], kCopula)) {
    for (std::size_t len = 1; len <= 4 && len + 1 <= n; ++len) {
      if (InList(zh_lexicon::kStrongIntroducers, key(1, len))) return kStrongly;
    }
  }
  return found;
}

// One chunk of a run of Han characters: byte offsets (offset[n] is where the chunk ends) and
// ids. `run_start`: the chunk begins the run (what precedes is not Han); `run_end`: it ends it.
// What joins the run to its neighbours: a middle dot between transliterated names, one space
// after a surname (周 璐).
struct Chunk {
  std::array<uint32_t, kMaxChunk + 1> offset;
  std::array<uint16_t, kMaxChunk> id;
  std::size_t n = 0;
  bool run_start = true;
  bool run_end = false;
  float dot_before = 0;  // the bonus of the dot before the run, 0 when there is none
  float dot_after = 0;
  std::size_t dot_begin = 0;    // where the dot before the run begins
  float spaced_surname = kInf;  // the cost of the surname before the space, if any
  std::size_t spaced_surname_begin = 0;
};

enum TokenKind : uint8_t { kSingle, kWord, kName, kTitled, kForeign, kSpacedGiven, kPlace };

// What the other detectors found before this one: names may not overlap it. Their findings do
// not overlap each other, so sorted by beginning they are sorted by end too, and a binary search
// answers; our own names never overlap each other (they are tokens of one segmentation, merged
// across dots and spaces), so only these need checking, and a value full of names is not
// quadratic.
class EarlierFindings {
 public:
  explicit EarlierFindings(const Candidates& taken) : taken_(taken), count_(taken.size()) {
    if (count_ > kLinear) {
      spans_.reserve(count_);
      for (const Candidate& c : taken) spans_.emplace_back(c.finding.begin, c.finding.end);
      std::sort(spans_.begin(), spans_.end());
    }
  }

  std::size_t count() const { return count_; }

  bool Overlap(std::size_t begin, std::size_t end) const {
    if (count_ <= kLinear) {
      for (std::size_t i = 0; i < count_; ++i) {
        const Finding& f = taken_[i].finding;
        if (f.begin < end && begin < f.end) return true;
      }
      return false;
    }
    // The first span ending after `begin`; it overlaps when it begins before `end`.
    const auto it = std::upper_bound(
        spans_.begin(), spans_.end(), begin,
        [](std::size_t b, const std::pair<std::size_t, std::size_t>& s) { return b < s.second; });
    return it != spans_.end() && it->first < end;
  }

 private:
  static constexpr std::size_t kLinear = 16;  // below this, no copy: the common case
  const Candidates& taken_;
  std::size_t count_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
};

// Appends our names to `taken`, joining a name to the one before it across a dot or a space.
class Names {
 public:
  Names(const EarlierFindings& earlier, Candidates& taken) : earlier_(earlier), taken_(taken) {}

  void Add(std::size_t begin, std::size_t end) {
    if (!earlier_.Overlap(begin, end)) {
      taken_.push_back({kPriorityName, {IdentifierKind::kName, begin, end}});
    }
  }

  // [begin, end) continues a name that ends at or after `join` (the dot before it, the surname
  // before the space): one finding covers both; else it stands alone from `alone`.
  void Join(std::size_t join, std::size_t alone, std::size_t end) {
    if (taken_.size() > earlier_.count()) {
      Finding& last = taken_.back().finding;
      if (last.end >= join && last.begin <= join) {
        if (!earlier_.Overlap(last.end, end)) last.end = end;
        return;
      }
    }
    Add(alone, end);
  }

 private:
  const EarlierFindings& earlier_;
  Candidates& taken_;
};

// The lattice of one chunk: for each position, the cheapest segmentation of the characters
// before it and the token that ends it. RelaxAt offers every token that starts at a position,
// left to right; Report reads the best segmentation back and reports its names.
struct Lattice {
  Lattice(std::string_view value, const Chunk& chunk)
      : v(value), c(chunk), n(chunk.n), ids(chunk.id.data()) {
    std::fill(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(n + 1), kInf);
    best[0] = 0;
  }

  void Relax(std::size_t start, std::size_t end, float cost, TokenKind k) {
    if (best[start] + cost < best[end]) {
      best[end] = best[start] + cost;
      from[end] = static_cast<uint16_t>(start);
      kind[end] = k;
    }
  }
  // What the text after a name at [.., end) says: a title, a place, a particle, the end.
  float AfterName(std::size_t end) const {
    if (end == n) return c.run_end ? -kEndBonus : 0.0f;
    if (TitleAt(ids, end, n) != 0) return -kTitleBonus;
    if (PlaceAt(ids, end, n) != 0) return kPlaceAfterPenalty;
    if (Has(ids[end], kFunction)) return -kFunctionAfterBonus;
    return 0.0f;
  }
  // The text breaks before position k: the run starts, a word that introduces a person or
  // one of the most frequent particles (的, 了) precedes. Not 会 of 开会时老师说.
  bool BreaksBefore(std::size_t k, Introduction intro) const {
    if (k == 0) return true;
    return intro != kNotIntroduced || Tenths(Char(ids[k - 1]).single) < kParticleCost;
  }
  bool BreaksAfter(std::size_t end) const {
    return end == n ? c.run_end : Has(ids[end], kFunction);
  }
  Introduction IntroAt(std::size_t k) const {
    if (k > 0 && !Has(ids[k - 1], kIntroducerLast)) return kNotIntroduced;
    return IntroducedAt(v, c.offset[k]);
  }

  // Every token that starts at position k: words, names, titles, places.
  void RelaxAt(std::size_t k) {
    const CharEntry& ch = Char(ids[k]);
    const std::size_t long_word_end = RelaxWords(k);

    // Candidate names: the surnames that start here, each with one or two given characters,
    // or with a title.
    std::array<std::pair<std::size_t, float>, 2> surnames;
    std::size_t n_surnames = 0;
    if ((ch.flags & kCompoundFirst) != 0 && k + 1 < n) {
      if (const CompoundSurname* s = CompoundAt(ids + k); s != nullptr) {
        surnames[n_surnames++] = {2, Tenths(s->cost)};
      }
    }
    if (ch.surname != kNone) surnames[n_surnames++] = {1, Tenths(ch.surname)};
    const bool translit = ch.translit != kNone;
    const Introduction intro =
        n_surnames > 0 || translit || (c.dot_before > 0 && k == 0) ? IntroAt(k) : kNotIntroduced;
    for (std::size_t si = 0; si < n_surnames; ++si) {
      RelaxSurnamed(k, surnames[si].first, surnames[si].second, intro);
    }

    // 老王, 小李.
    if ((ch.flags & kPrefixTitle) != 0 && k + 1 < n && Has(ids[k + 1], kPrefixable)) {
      float cost = kNameCost + Tenths(Char(ids[k + 1]).surname) + kPrefixTitledCost;
      // 小孔反映, but 温度小于零度.
      cost += BreaksBefore(k, IntroAt(k)) ? -kPrefixBreakBonus : kPrefixNoBreakPenalty;
      if (k + 2 == n) {
        if (c.run_end) cost -= kEndBonus;
      } else if (Has(ids[k + 2], kFunction)) {
        cost -= kFunctionAfterBonus;
      } else if (PlaceAt(ids, k + 2, n) != 0) {
        cost += kPlaceAfterPenalty;
      }
      Relax(k, k + 2, cost, kTitled);
    }
    // 小慕容, 老欧阳: the same before a compound surname, which is no word's beginning.
    if ((ch.flags & kPrefixTitle) != 0 && k + 2 < n && Has(ids[k + 1], kCompoundFirst)) {
      if (const CompoundSurname* s = CompoundAt(ids + k + 1); s != nullptr) {
        float cost = kNameCost + Tenths(s->cost) + kPrefixTitledCost;
        cost += BreaksBefore(k, IntroAt(k)) ? -kPrefixBreakBonus : kPrefixNoBreakPenalty;
        if (k + 3 == n) {
          if (c.run_end) cost -= kEndBonus;
        } else if (Has(ids[k + 3], kFunction)) {
          cost -= kFunctionAfterBonus;
        } else if (PlaceAt(ids, k + 3, n) != 0) {
          cost += kPlaceAfterPenalty;
        }
        Relax(k, k + 3, cost, kTitled);
      }
    }

    // Transliterated names: 安娜·冈萨雷斯, 负责人是安娜, 史密斯先生. Most transliteration
    // characters stand in ordinary text with nothing around that marks a name: the context is
    // settled first, the dictionary asked only then.
    if (translit) RelaxForeign(k, intro, long_word_end);

    // 周 璐: the given name after a surname and a space.
    if (k == 0 && c.spaced_surname < kInf) RelaxSpacedGiven();
  }

  // A character as a word of its own, and the dictionary words that start at k. Returns the
  // end of the longest word of five characters or more that starts there (k when none does).
  std::size_t RelaxWords(std::size_t k) {
    const CharEntry& ch = Char(ids[k]);
    Relax(k, k + 1, Tenths(ch.single), kSingle);

    for (std::size_t len = 2; len <= 4 && k + len <= n; ++len) {
      const uint64_t key = Key(ids + k, len);
      if (key == 0) break;
      const uint64_t e = LookupWord(key);
      if (e == 0) break;
      const auto cost = static_cast<unsigned>((e >> 56) & 0x7F);
      if (cost != kNotAWord) Relax(k, k + len, 4.0f + static_cast<float>(cost) / 5.0f, kWord);
      if ((e & kLongerBit) == 0) break;
    }

    // Words of five characters and more, which the word table does not hold: 里约热内卢,
    // 阿姆斯特丹. The longest that starts here bounds the foreign names below.
    std::size_t long_word_end = k;
    if ((ch.flags & kLongWordFirst) != 0) {
      uint64_t h = kFnvBasis;
      for (std::size_t end = k + 1; end <= n && end - k <= kMaxForeign; ++end) {
        if (!IsTranslit(ids[end - 1])) break;
        h = (h ^ ids[end - 1]) * kFnvPrime;
        if (end - k < 5) continue;
        if (InList(zh_lexicon::kLongWords, h)) {
          Relax(k, end, kLongNameCost, kWord);
          long_word_end = end;
        } else if (InList(zh_lexicon::kLongPersonWords, h)) {
          Relax(k, end, kLongNameCost, kWord);
        }
      }
    }
    return long_word_end;
  }

  // A surname of surname_len characters at k: with one or two given characters (王芳), as a
  // place named after a person (张自忠路), or with a title (郭经理, 欧阳先生, 王总).
  void RelaxSurnamed(std::size_t k, std::size_t surname_len, float surname_cost,
                     Introduction intro) {
    const CharEntry& ch = Char(ids[k]);
    const std::size_t g = k + surname_len;
    for (std::size_t given_len = 1; given_len <= 2; ++given_len) {
      const std::size_t end = g + given_len;
      if (end > n) break;
      // A title (先生, 老师) cannot begin inside the name: 王先生 is 王 + 先生.
      const CharEntry& last = Char(ids[end - 1]);
      if ((last.flags & (kFunction | kPlaceSuffix)) != 0 || TitleAt(ids, end - 1, n) != 0) {
        break;
      }
      float cost = kNameCost + surname_cost;
      if (given_len == 1) {
        cost += Tenths(last.gs) + kOneCharGivenCost;
      } else {
        cost += Tenths(Char(ids[g]).g1) + Tenths(last.g2) + kTwoCharGivenCost;
      }
      if (intro != kNotIntroduced) {
        cost -= kIntroducerBonus;
      } else if (k == 0 && c.run_start) {
        cost -= kStartBonus;
      }
      Relax(k, end, cost + AfterName(end), kName);
      // 张自忠路, 中山公园: the name and the suffix together name a place, as one word.
      if (const std::size_t place = PlaceAt(ids, end, n); place != 0) {
        Relax(k, end + place, cost + kPlaceSuffixCost, kPlace);
      }
    }

    // 郭经理, 欧阳先生, 王总.
    if (g >= n) return;
    const bool wordy = surname_len == 1 && Tenths(ch.single) < kWordySingleCost;
    float cost = surname_cost - kSurnameTitleBonus;
    if (wordy && !BreaksBefore(k, intro)) cost += kWordySurnamePenalty;
    if (intro != kNotIntroduced) cost -= kIntroducerBonus;
    if (const std::size_t title = TitleAt(ids, g, n); title != 0) {
      Relax(k, g + title, cost + WordCost(ids + g, title), kTitled);
    }
    if (Has(ids[g], kShortTitle)) {
      cost += Tenths(Char(ids[g]).single);
      cost += BreaksAfter(g + 1) ? -kShortTitleBreakBonus : kShortTitleNoBreakPenalty;
      Relax(k, g + 1, cost, kTitled);
    }
  }

  // Transliterated names that start at k (安娜·冈萨雷斯, 负责人是安娜, 史密斯先生) where
  // dots, introducers or titles mark them; long_word_end as RelaxWords returns it.
  void RelaxForeign(std::size_t k, Introduction intro, std::size_t long_word_end) {
    const float dot_before_here = k == 0 ? c.dot_before : 0.0f;
    // A name begins where the transliteration characters do (弗朗西斯科, not 科) unless a
    // word ends there (感谢卡洛斯).
    const bool stretch_start = k == 0 || !IsTranslit(ids[k - 1]);
    float cost = kForeignCost - dot_before_here;
    float via_person = kInf;    // the same through a known name it extends (弗朗西斯 + 科)
    uint64_t hash = kFnvBasis;  // of ids[k..end), for the words of five characters and more
    bool marked = dot_before_here > 0 || c.dot_after > 0 || intro != kNotIntroduced;
    for (std::size_t j = k + 2; !marked && j <= k + kMaxForeign && j < n; ++j) {
      marked = Has(ids[j], kTitleFirst);  // 弗朗西斯科先生
    }
    // A place or a thing of five characters or more that starts here (阿姆斯特丹) is no name,
    // and neither is a part of it (阿姆斯特).
    const std::size_t inside_word = long_word_end;
    for (std::size_t end = k + 1; end <= n && end - k <= kMaxForeign; ++end) {
      if (!IsTranslit(ids[end - 1])) break;
      const float tl = Tenths(Char(ids[end - 1]).translit);
      hash = (hash ^ ids[end - 1]) * kFnvPrime;
      cost += tl;
      via_person += tl;
      const bool dotted = dot_before_here > 0 || (end == n && c.dot_after > 0);
      // One character is a foreign name only as one part of a dotted one.
      if (end - k < 2 && !(dotted && stretch_start)) continue;
      const bool titled = TitleAt(ids, end, n) != 0;
      if (!marked && !titled) continue;
      bool person;
      float word_cost;
      if (end - k <= 4) {
        person = InList(zh_lexicon::kPersonWords, Key(ids + k, end - k));
        word_cost = WordCost(ids + k, end - k);
      } else {
        // Five characters and more: the word table ends at four.
        person = InList(zh_lexicon::kLongPersonWords, hash);
        word_cost =
            person ? kLongNameCost : (InList(zh_lexicon::kLongWords, hash) ? kLongNameCost : kInf);
      }
      // A known name (伊丽莎白) costs no more than the dictionary's word for it.
      if (person) via_person = std::min(via_person, word_cost - dot_before_here);
      if (!dotted && !titled && intro != kStrongly && !(intro == kWeakly && person)) continue;
      const bool word = end <= inside_word || (!person && word_cost < kInf);
      if (word && !dotted) continue;  // 巴西, 沙发, 哥本哈根: words, not names
      // Undotted, a name starts where the transliteration characters do or after the word
      // that introduces it: not 特丹 of 阿姆斯特丹代表团.
      if (!dotted && !stretch_start && intro == kNotIntroduced) continue;
      const float name_cost = std::min(cost, via_person);
      float context = word ? kForeignNotANamePenalty : 0.0f;
      if (end == n) context -= c.dot_after;
      if (intro == kStrongly) {
        context -= kForeignStrongBonus;
      } else if (intro == kWeakly && person) {
        context -= kForeignPersonBonus;
      }
      if (titled) context -= kTitleBonus;
      if (PlaceAt(ids, end, n) != 0) context += kPlaceAfterPenalty;
      Relax(k, end, name_cost + context, kForeign);
    }
  }

  // 周 璐: the given name at the start of the chunk, after a surname and a space.
  void RelaxSpacedGiven() {
    for (std::size_t given_len = 1; given_len <= 2 && given_len <= n; ++given_len) {
      const CharEntry& last = Char(ids[given_len - 1]);
      if ((last.flags & (kFunction | kPlaceSuffix)) != 0 || TitleAt(ids, given_len - 1, n) != 0) {
        break;
      }
      const float given =
          given_len == 1 ? Tenths(last.gs) : std::max(Tenths(Char(ids[0]).g1), Tenths(last.g2));
      if (given > kPlausibleGivenCost) break;  // 周 末 is not a name
      float cost = kNameCost + c.spaced_surname - kSpacedGivenBonus;
      if (given_len == 1) {
        cost += Tenths(last.gs) + kOneCharGivenCost;
      } else {
        cost += Tenths(Char(ids[0]).g1) + Tenths(last.g2) + kTwoCharGivenCost;
      }
      Relax(0, given_len, cost + AfterName(given_len), kSpacedGiven);
    }
  }

  // Reads the best segmentation back, appends its names, and returns how many characters
  // were settled (all of them when the chunk ends the run).
  std::size_t Report(Names& names) const {
    // The best segmentation, first token first.
    struct Token {
      uint16_t begin;
      uint16_t end;
      TokenKind kind;
    };
    std::array<Token, kMaxChunk> tokens;
    std::size_t t = kMaxChunk;
    for (std::size_t e = n; e > 0; e = from[e]) {
      tokens[--t] = {from[e], static_cast<uint16_t>(e), kind[e]};
    }
    const std::size_t first = t;
    std::size_t settled = n;
    if (!c.run_end) {
      settled = 0;
      for (std::size_t i = first; i < kMaxChunk && tokens[i].end <= kChunkKeep; ++i) {
        settled = tokens[i].end;
      }
    }

    for (std::size_t i = first; i < kMaxChunk && tokens[i].end <= settled; ++i) {
      const Token& tok = tokens[i];
      const std::size_t b = c.offset[tok.begin];
      const std::size_t e = c.offset[tok.end];
      switch (tok.kind) {
        case kName:
        case kTitled:
          names.Add(b, e);
          break;
        case kForeign:
          if (tok.begin == 0 && c.dot_before > 0) {
            names.Join(c.dot_begin, b, e);
          } else if (i > first && tokens[i - 1].kind == kForeign) {
            names.Join(b, b, e);  // 卡特 + 琳娜: one name the dictionary knows in two parts
          } else {
            names.Add(b, e);
          }
          break;
        case kSpacedGiven:
          names.Join(c.spaced_surname_begin, c.spaced_surname_begin, e);
          break;
        case kWord:
          // 令狐冲, 司马光: names the dictionary knows, unless a street is named after them.
          if (tok.end - tok.begin >= 3 && PlaceAt(ids, tok.end, n) == 0 &&
              InList(zh_lexicon::kNameWords, Key(ids + tok.begin, tok.end - tok.begin))) {
            names.Add(b, e);
          }
          break;
        case kSingle:
        case kPlace:
          break;
      }
    }
    return settled;
  }

  std::string_view v;
  const Chunk& c;
  const std::size_t n;
  const uint16_t* ids;
  std::array<float, kMaxChunk + 1> best;
  std::array<uint16_t, kMaxChunk + 1> from;
  std::array<TokenKind, kMaxChunk + 1> kind;
};

// Segments the chunk, appends the names on the best segmentation, and returns how many
// characters were settled (all of them when the chunk ends the run).
std::size_t SegmentChunk(std::string_view v, const Chunk& c, Names& names) {
  Lattice lattice(v, c);
  for (std::size_t k = 0; k < c.n; ++k) lattice.RelaxAt(k);
  return lattice.Report(names);
}

bool IsNameDot(int32_t cp) {
  switch (cp) {
    case 0x00B7:  // ·
    case 0x0387:  // Greek ano teleia, what some keyboards give for ·
    case 0x2022:  // •
    case 0x2027:  // ‧
    case 0x2219:  // ∙
    case 0x22C5:  // ⋅
    case 0x30FB:  // ・
    case 0xFF65:  // ･
      return true;
    default:
      return false;
  }
}
bool IsWeakNameDot(int32_t cp) { return cp == '.' || cp == 0xFF0E; }

// The Han code point at byte i, or -1.
int32_t HanAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return -1;
  std::size_t len = 0;
  const int32_t cp = DecodeAt(v, i, &len);
  return IsHan(cp) ? cp : -1;
}

// Segments what the chunk holds, when it may hold a name (`worth`: a character that may begin
// one). At the end of a run (`run_end`) the chunk is emptied; else, full in the middle of a
// run, its unsettled tail is kept to begin the next chunk.
void FlushChunk(std::string_view v, bool run_end, Chunk& chunk, Names& names, bool& worth) {
  chunk.run_end = run_end;
  std::size_t settled = chunk.n;
  // A run without a surname or transliteration character holds no name: skip the work.
  if (worth || chunk.spaced_surname < kInf) settled = SegmentChunk(v, chunk, names);
  if (run_end) {
    chunk.n = 0;
    chunk.run_start = true;
    chunk.dot_before = 0;
    chunk.dot_after = 0;
    chunk.spaced_surname = kInf;
    worth = false;
    return;
  }
  const std::size_t rest = chunk.n - settled;
  std::copy(chunk.offset.begin() + static_cast<std::ptrdiff_t>(settled),
            chunk.offset.begin() + static_cast<std::ptrdiff_t>(chunk.n + 1), chunk.offset.begin());
  std::copy(chunk.id.begin() + static_cast<std::ptrdiff_t>(settled),
            chunk.id.begin() + static_cast<std::ptrdiff_t>(chunk.n), chunk.id.begin());
  chunk.n = rest;
  chunk.run_start = false;
  if (settled > 0) {
    chunk.dot_before = 0;
    chunk.spaced_surname = kInf;
  }
  worth = true;  // conservatively: the kept tail is not rescanned
}

// What joins the run of Han characters that ends the chunk to the next run: a middle dot
// between two transliteration characters, or one space after a surname.
struct RunJoin {
  float dot = 0;             // the dot's bonus, 0 when there is none
  float spaced_cost = kInf;  // the cost of the surname before the space, if any
  std::size_t spaced_begin = 0;
};

// Before a space: the surname (one character or a compound of two) that ends the chunk, when
// it stands alone. It begins the run, or a particle or a word that introduces a person precedes
// it (联系人王 芳).
void SpacedSurnameAtEnd(std::string_view v, const Chunk& chunk, RunJoin& join) {
  const std::size_t n = chunk.n;
  const uint16_t* ids = chunk.id.data();
  std::size_t s = n;
  float cost = kInf;
  if (n >= 2 && Has(ids[n - 2], kCompoundFirst)) {
    if (const CompoundSurname* cs = CompoundAt(ids + n - 2); cs != nullptr) {
      s = n - 2;
      cost = Tenths(cs->cost);
    }
  }
  if (s == n && Char(ids[n - 1]).surname != kNone) {
    s = n - 1;
    cost = Tenths(Char(ids[n - 1]).surname);
  }
  if (s < n && ((s == 0 && chunk.run_start) || (s > 0 && Has(ids[s - 1], kFunction)) ||
                IntroducedAt(v, chunk.offset[s]) != kNotIntroduced)) {
    join.spaced_cost = cost;
    join.spaced_begin = chunk.offset[s];
  }
}

// The join made by the character cp that ends the run (the next run would begin at `next`).
RunJoin JoinAfterRun(std::string_view v, const Chunk& chunk, int32_t cp, std::size_t next) {
  RunJoin join;
  if (IsNameDot(cp) || IsWeakNameDot(cp)) {
    const int32_t after = HanAt(v, next);
    if (after >= 0 && IsTranslit(IdOf(after)) && IsTranslit(chunk.id[chunk.n - 1])) {
      join.dot = IsNameDot(cp) ? kDotBonus : kWeakDotBonus;
    }
  } else if ((cp == ' ' || cp == 0x3000) && HanAt(v, next) >= 0) {
    SpacedSurnameAtEnd(v, chunk, join);
  }
  return join;
}

}  // namespace

struct ChineseNameDetector::Impl {};

ChineseNameDetector::ChineseNameDetector() : impl_(std::make_unique<const Impl>()) {}
ChineseNameDetector::~ChineseNameDetector() = default;

void ChineseNameDetector::Find(std::string_view v, Candidates& taken) const {
  const EarlierFindings earlier(taken);
  Names names(earlier, taken);
  Chunk chunk;
  bool worth = false;  // the run holds a character that may begin a name
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t len = 1;
    const int32_t cp =
        static_cast<unsigned char>(v[i]) < 0x80 ? static_cast<int32_t>(v[i]) : DecodeAt(v, i, &len);
    if (IsHan(cp)) {
      const uint16_t id = IdOf(cp);
      const CharEntry& ch = Char(id);
      if (ch.surname != kNone || ch.translit != kNone || (ch.flags & kCompoundFirst) != 0) {
        worth = true;
      }
      chunk.offset[chunk.n] = static_cast<uint32_t>(i);
      chunk.id[chunk.n] = id;
      ++chunk.n;
      i += len;
      chunk.offset[chunk.n] = static_cast<uint32_t>(i);
      if (chunk.n == kMaxChunk) FlushChunk(v, false, chunk, names, worth);
      continue;
    }
    if (chunk.n == 0) {
      i += len;
      continue;
    }
    // The run ends here; what joins it to the next one carries over.
    const std::size_t next = i + len;
    const RunJoin join = JoinAfterRun(v, chunk, cp, next);
    chunk.dot_after = join.dot;
    FlushChunk(v, true, chunk, names, worth);
    if (join.dot > 0) {
      chunk.dot_before = join.dot;
      chunk.dot_begin = i;
    } else if (join.spaced_cost < kInf) {
      chunk.spaced_surname = join.spaced_cost;
      chunk.spaced_surname_begin = join.spaced_begin;
    }
    i = next;
  }
  if (chunk.n > 0) FlushChunk(v, true, chunk, names, worth);
}

}  // namespace citynet::privacy::internal
