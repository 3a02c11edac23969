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
// or a candidate name (surname + one or two given-name characters), the name's cost being
// -ln P(a name) - ln P(surname) - ln P(given-name characters) less what the context says:
// 我叫/联系人/邻居 before it, a title (先生, 老师) after it, the end of the text, a particle
// such as 的 or 说 after it. A name is reported where the best segmentation takes it. Ordinary
// words win by their frequency (王国, 高峰 stay words unless 我叫 or 先生 says a person is
// meant), places are words (沈阳, 王府井), and a novel name wins because no word covers it and
// its characters are cheap as a name and dear as single words. 老王 and 小李 are tokens of their
// own kind, which 小于 (less than) beats as a frequent word; a title after a bare surname on the
// best segmentation (王 + 先生) names a person too.

namespace citynet::privacy::internal {
namespace {

// The generated tables (zh_lexicon.inc, from make_zh_lexicon.py): costs are -ln P in tenths of
// a nat, 255 where the character cannot take that role.
struct CharEntry {
  uint8_t single;   // as a word of its own
  uint8_t surname;  // as a one-character surname
  uint8_t g1;       // as the first of a two-character given name
  uint8_t g2;       // as the second of a two-character given name
  uint8_t gs;       // as a one-character given name
  uint8_t flags;    // CharFlags
};
struct CompoundSurname {
  uint16_t first;
  uint16_t second;
  uint8_t cost;
};

#include "zh_lexicon.inc"

enum CharFlags : uint8_t {
  kFunction = 1,        // a particle, pronoun, common verb or place suffix: never in a given name
  kShortTitle = 2,      // 总, 工, 姐: a title after a surname where the text breaks next
  kPrefixTitle = 4,     // 老, 小 before a surname
  kCompoundFirst = 8,   // may start a compound surname
  kCommonSurname = 16,  // one of the 100 most common surnames
};

constexpr uint8_t kNone = 255;

// The model's weights (nats). The name prior and the length priors are set so that a name
// the dictionary does not know beats reading its characters one by one by a wide margin,
// while a word as frequent as 周末 or 王国 (-ln P about 10-11.5) still beats a name of the
// same characters when nothing around says a person is meant. The context bonuses are what
// such text says: an introducer (我叫, 联系人) or a title (先生) makes a name of 王国 or 高峰
// too. They were tuned on generated names and on the dictionary's common words that begin with
// a surname character, in sentence templates (tests/node/zh_names_test.cc measures the same).
constexpr float kNameCost = 3.0f;
constexpr float kOneCharGivenCost = 1.05f;  // -ln 0.35: one-character given names
constexpr float kTwoCharGivenCost = 0.43f;  // -ln 0.65
constexpr float kIntroducerBonus = 3.0f;
constexpr float kTitleBonus = 4.0f;
constexpr float kFunctionAfterBonus = 0.5f;  // small: it must not pull a verb into the name
constexpr float kEndBonus = 0.5f;            // the Han text ends: punctuation, digits, Latin
constexpr float kStartBonus = 0.25f;
// 老/小 + a common surname, beside kNameCost and the surname's cost: about as dear as a name
// whose given name is a common character.
constexpr float kPrefixTitledCost = 4.0f;

// Runs of Han characters are segmented in chunks of at most kMaxChunk characters so that the
// work space is fixed and on the stack. Tokens are at most 4 characters long, so one ending
// within kChunkKeep always exists; what follows it is segmented again with the next chunk.
constexpr std::size_t kMaxChunk = 256;
constexpr std::size_t kChunkKeep = kMaxChunk - 8;

constexpr uint64_t kKeyMask = (uint64_t{1} << 56) - 1;
constexpr uint64_t kLongerBit = uint64_t{1} << 63;
constexpr unsigned kNotAWord = 127;

float Tenths(uint8_t q) { return static_cast<float>(q) / 10.0f; }

uint16_t IdOf(int32_t cp) {
  if (cp < static_cast<int32_t>(zh_lexicon::kIndexFirst) ||
      cp > static_cast<int32_t>(zh_lexicon::kIndexLast)) {
    return 0;
  }
  return zh_lexicon::kIndex[static_cast<std::size_t>(cp) - zh_lexicon::kIndexFirst];
}

const CharEntry& Char(uint16_t id) { return zh_lexicon::kChars[id]; }

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

template <std::size_t N>
bool InList(const uint64_t (&list)[N], uint64_t key) {
  return key != 0 && std::binary_search(std::begin(list), std::end(list), key);
}

// The length (2 or 3) of a title such as 先生 or 董事长 that starts at ids[i], or 0.
std::size_t TitleAt(const uint16_t* ids, std::size_t i, std::size_t n) {
  for (std::size_t len = 3; len >= 2; --len) {
    if (i + len <= n && InList(zh_lexicon::kSuffixTitles, Key(ids + i, len))) return len;
  }
  return 0;
}

// Whether a word that introduces a person (叫, 联系人, 邻居, 和) ends just before byte `pos`,
// separators (spaces, colons) between them allowed: 姓名：王芳.
bool IntroducedAt(std::string_view v, std::size_t pos) {
  while (pos > 0) {
    const std::size_t p = PrevStart(v, pos);
    std::size_t len = 0;
    const int32_t cp = DecodeAt(v, p, &len);
    if (cp != ' ' && cp != ':' && cp != 0xFF1A && cp != '\t' && cp != 0x3000) break;
    pos = p;
  }
  std::array<uint16_t, 3> ids{};  // the code points before pos, last first
  std::size_t n = 0;
  while (n < ids.size() && pos > 0) {
    pos = PrevStart(v, pos);
    std::size_t len = 0;
    const uint16_t id = IdOf(DecodeAt(v, pos, &len));
    if (id == 0) break;
    ids[n++] = id;
    std::array<uint16_t, 3> forward{};
    for (std::size_t i = 0; i < n; ++i) forward[i] = ids[n - 1 - i];
    if (InList(zh_lexicon::kIntroducers, Key(forward.data(), n))) return true;
  }
  return false;
}

// One chunk of a run of Han characters: byte offsets (offset[n] is where the chunk ends) and
// ids. `run_start`: the chunk begins the run (what precedes is not Han); `run_end`: it ends it.
struct Chunk {
  std::array<uint32_t, kMaxChunk + 1> offset;
  std::array<uint16_t, kMaxChunk> id;
  std::size_t n = 0;
  bool run_start = true;
  bool run_end = false;
};

enum TokenKind : uint8_t { kSingle, kWord, kName, kTitled };

// What the other detectors found before this one: names may not overlap it. Their findings do
// not overlap each other, so sorted by beginning they are sorted by end too, and a binary search
// answers; our own names never overlap each other (they are tokens of one segmentation), so only
// these need checking, and a value full of names is not quadratic.
class EarlierFindings {
 public:
  explicit EarlierFindings(const Candidates& taken) : taken_(taken), count_(taken.size()) {
    if (count_ > kLinear) {
      spans_.reserve(count_);
      for (const Candidate& c : taken) spans_.emplace_back(c.finding.begin, c.finding.end);
      std::sort(spans_.begin(), spans_.end());
    }
  }

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

// Segments the chunk, appends the names on the best segmentation to `taken`, and returns how
// many characters were settled (all of them when the chunk ends the run).
std::size_t SegmentChunk(std::string_view v, const Chunk& c, const EarlierFindings& earlier,
                         Candidates& taken) {
  const std::size_t n = c.n;
  const uint16_t* ids = c.id.data();
  constexpr float kInf = 1e30f;
  std::array<float, kMaxChunk + 1> best;
  std::array<uint16_t, kMaxChunk + 1> from;
  std::array<TokenKind, kMaxChunk + 1> kind;
  best.fill(kInf);
  best[0] = 0;

  auto relax = [&](std::size_t start, std::size_t end, float cost, TokenKind k) {
    if (best[start] + cost < best[end]) {
      best[end] = best[start] + cost;
      from[end] = static_cast<uint16_t>(start);
      kind[end] = k;
    }
  };

  for (std::size_t k = 0; k < n; ++k) {
    const CharEntry& ch = Char(ids[k]);
    relax(k, k + 1, Tenths(ch.single), kSingle);

    for (std::size_t len = 2; len <= 4 && k + len <= n; ++len) {
      const uint64_t key = Key(ids + k, len);
      if (key == 0) break;
      const uint64_t e = LookupWord(key);
      if (e == 0) break;
      const auto cost = static_cast<unsigned>((e >> 56) & 0x7F);
      if (cost != kNotAWord) relax(k, k + len, 4.0f + static_cast<float>(cost) / 8.0f, kWord);
      if ((e & kLongerBit) == 0) break;
    }

    // Candidate names: the surnames that start here, each with one or two given characters.
    std::array<std::pair<std::size_t, float>, 2> surnames;
    std::size_t n_surnames = 0;
    if ((ch.flags & kCompoundFirst) != 0 && k + 1 < n) {
      for (const CompoundSurname& s : zh_lexicon::kCompounds) {
        if (s.first == ids[k] && s.second == ids[k + 1]) {
          surnames[n_surnames++] = {2, Tenths(s.cost)};
          break;
        }
      }
    }
    if (ch.surname != kNone) surnames[n_surnames++] = {1, Tenths(ch.surname)};
    const bool introduced = n_surnames > 0 && IntroducedAt(v, c.offset[k]);
    for (std::size_t si = 0; si < n_surnames; ++si) {
      const auto [surname_len, surname_cost] = surnames[si];
      for (std::size_t given_len = 1; given_len <= 2; ++given_len) {
        const std::size_t g = k + surname_len;
        const std::size_t end = g + given_len;
        if (end > n) break;
        // A title (先生, 老师) cannot begin inside the name: 王先生 is 王 + 先生.
        const CharEntry& last = Char(ids[end - 1]);
        if ((last.flags & kFunction) != 0 || TitleAt(ids, end - 1, n) != 0) break;
        float cost = kNameCost + surname_cost;
        if (given_len == 1) {
          cost += Tenths(last.gs) + kOneCharGivenCost;
        } else {
          cost += Tenths(Char(ids[g]).g1) + Tenths(last.g2) + kTwoCharGivenCost;
        }
        if (introduced) {
          cost -= kIntroducerBonus;
        } else if (k == 0 && c.run_start) {
          cost -= kStartBonus;
        }
        if (end == n) {
          if (c.run_end) cost -= kEndBonus;
        } else if (TitleAt(ids, end, n) != 0) {
          cost -= kTitleBonus;
        } else if ((Char(ids[end]).flags & kFunction) != 0) {
          cost -= kFunctionAfterBonus;
        }
        relax(k, end, cost, kName);
      }
    }

    if ((ch.flags & kPrefixTitle) != 0 && k + 1 < n &&
        (Char(ids[k + 1]).flags & kCommonSurname) != 0) {
      float cost = kNameCost + Tenths(Char(ids[k + 1]).surname) + kPrefixTitledCost;
      if (k + 2 == n) {
        if (c.run_end) cost -= kEndBonus;
      } else if ((Char(ids[k + 2]).flags & kFunction) != 0) {
        cost -= kFunctionAfterBonus;
      }
      relax(k, k + 2, cost, kTitled);
    }
  }

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

  auto is_surname = [&](const Token& tok) {
    if (tok.end - tok.begin == 1) return Char(ids[tok.begin]).surname != kNone;
    if (tok.end - tok.begin != 2) return false;
    return std::any_of(std::begin(zh_lexicon::kCompounds), std::end(zh_lexicon::kCompounds),
                       [&](const CompoundSurname& s) {
                         return s.first == ids[tok.begin] && s.second == ids[tok.begin + 1];
                       });
  };
  auto breaks_after = [&](std::size_t end) {
    return end == n ? c.run_end : (Char(ids[end]).flags & kFunction) != 0;
  };
  auto add = [&](std::size_t begin, std::size_t end) {
    const std::size_t b = c.offset[begin];
    const std::size_t e = c.offset[end];
    if (!earlier.Overlap(b, e)) taken.push_back({kPriorityName, {IdentifierKind::kName, b, e}});
  };

  for (std::size_t i = first; i < kMaxChunk && tokens[i].end <= settled; ++i) {
    const Token& tok = tokens[i];
    if (tok.kind == kName) {
      add(tok.begin, tok.end);
      continue;
    }
    if (tok.kind == kTitled) {
      add(tok.begin + 1u, tok.end);
      continue;
    }
    if (!is_surname(tok)) continue;
    const Token* next = i + 1 < kMaxChunk ? &tokens[i + 1] : nullptr;
    const bool single = tok.end - tok.begin == 1;
    const bool common = single && (Char(ids[tok.begin]).flags & kCommonSurname) != 0;
    // 王先生, 欧阳女士: a surname standing alone before a title.
    if (next != nullptr && next->end - next->begin >= 2 &&
        InList(zh_lexicon::kSuffixTitles, Key(ids + next->begin, next->end - next->begin))) {
      add(tok.begin, tok.end);
      continue;
    }
    // 王总, 李姐: one-character titles only where the text breaks after them (王总结 is not).
    if (common && next != nullptr && next->end - next->begin == 1 &&
        (Char(ids[next->begin]).flags & kShortTitle) != 0 && breaks_after(next->end)) {
      add(tok.begin, tok.end);
      continue;
    }
  }
  return settled;
}

}  // namespace

struct ChineseNameDetector::Impl {};

ChineseNameDetector::ChineseNameDetector() : impl_(std::make_unique<const Impl>()) {}
ChineseNameDetector::~ChineseNameDetector() = default;

void ChineseNameDetector::Find(std::string_view v, Candidates& taken) const {
  const EarlierFindings earlier(taken);
  Chunk chunk;
  bool has_surname = false;
  auto flush = [&](bool run_end) {
    chunk.run_end = run_end;
    std::size_t settled = chunk.n;
    // A run without a surname character (or only a last one) holds no name: skip the work.
    if (has_surname) settled = SegmentChunk(v, chunk, earlier, taken);
    if (run_end) {
      chunk.n = 0;
      chunk.run_start = true;
      has_surname = false;
      return;
    }
    const std::size_t rest = chunk.n - settled;
    std::copy(chunk.offset.begin() + static_cast<std::ptrdiff_t>(settled),
              chunk.offset.begin() + static_cast<std::ptrdiff_t>(chunk.n + 1),
              chunk.offset.begin());
    std::copy(chunk.id.begin() + static_cast<std::ptrdiff_t>(settled),
              chunk.id.begin() + static_cast<std::ptrdiff_t>(chunk.n), chunk.id.begin());
    chunk.n = rest;
    chunk.run_start = false;
    has_surname = true;  // conservatively: the kept tail is not rescanned for surnames
  };

  std::size_t i = 0;
  while (i < v.size()) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (b < 0x80) {
      if (chunk.n > 0) flush(true);
      ++i;
      continue;
    }
    std::size_t len = 0;
    const int32_t cp = DecodeAt(v, i, &len);
    if (!IsHan(cp)) {
      if (chunk.n > 0) flush(true);
      i += len;
      continue;
    }
    const uint16_t id = IdOf(cp);
    if (Char(id).surname != kNone || (Char(id).flags & kCompoundFirst) != 0) has_surname = true;
    chunk.offset[chunk.n] = static_cast<uint32_t>(i);
    chunk.id[chunk.n] = id;
    ++chunk.n;
    i += len;
    chunk.offset[chunk.n] = static_cast<uint32_t>(i);
    if (chunk.n == kMaxChunk) flush(false);
  }
  if (chunk.n > 0) flush(true);
}

}  // namespace citynet::privacy::internal
