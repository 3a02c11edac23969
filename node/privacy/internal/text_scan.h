// Scanning helpers shared by the detectors of identifiers written partly in words (street
// addresses, vehicle plates, dates of birth): words of spaced scripts with their case, digits
// in ASCII and full width, Chinese numerals, and keywords matched ignoring case. Everything reads
// the value in place: no allocation, bounded look-around. Private to citynet::privacy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// A letter of a script written with spaces between words (Latin, Greek, Cyrillic...): not Han,
// kana or hangul, whose characters run on without spaces.
bool IsSpacedLetter(int32_t cp);

// Byte i starts a word: i is 0 or the code point before it is not a letter of a spaced script
// nor an ASCII digit.
bool WordStartsAt(std::string_view v, std::size_t i);
// Byte i ends a word: i is the end or the code point at i is not a letter of a spaced script
// nor an ASCII digit.
bool WordEndsAt(std::string_view v, std::size_t i);

// `v` at i starts with `lower` (lower case), ignoring the case of ASCII and Latin-1 letters
// ("FØDT", "Født" and "født" all match "født").
bool StartsWithFolded(std::string_view v, std::size_t i, std::string_view lower);

// One word of a spaced script: letters, with '.', '-', '\'' or '’' inside it when letters
// follow ("H.C", "O'Higgins", "Brønshøj-Husum"); a '.' joins only after one or two letters, so
// that "gade.Jeg" is two words. A trailing '.' is not part of the word: `dot` says it is there.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;   // after the last letter; begin == end when there is no word
  bool capital = false;  // the first letter is upper case
  bool lower = false;    // some letter is lower case
  bool dot = false;      // v[end] == '.'
  bool empty() const { return begin == end; }
  std::size_t size() const { return end - begin; }
  // Past the trailing dot, if any.
  std::size_t after() const { return end + (dot ? 1 : 0); }
};

// The word starting at i, or an empty word when the code point at i is not a spaced letter.
Word WordAt(std::string_view v, std::size_t i);
// The word that ends at j (before an optional '.' at j-1), or an empty word.
Word WordBefore(std::string_view v, std::size_t j);

// The month (1-12) named by the whole word at i, in full or abbreviated ("marts", "March",
// "marzo", "mar", "Sept"), any case; 0 when it names none. *end is past the name and an
// abbreviation's dot; *letters (when given) the bytes of the word.
int MonthAt(std::string_view v, std::size_t i, std::size_t* end, std::size_t* letters = nullptr);

// Digits in ASCII ("0".."9") and in full width ("０".."９"), as Chinese input methods type them.
// The value of the digit at i (or -1), and its length in bytes.
int DigitValueAt(std::string_view v, std::size_t i, std::size_t* len);

// A run of digits of either width.
struct DigitRun {
  std::size_t begin = 0;
  std::size_t end = 0;  // begin == end when there is no digit at begin
  int count = 0;        // digits in the run
  int64_t value = 0;    // the value of its first 15 digits
  bool empty() const { return count == 0; }
};
DigitRun DigitRunAt(std::string_view v, std::size_t i);

// A number in Chinese numerals at i: positional ("一九八五", "〇" and "零" for zero) or with
// 十 ("十二", "二十三", "三十一"), at most 4 characters. count is the characters read.
DigitRun ChineseNumeralAt(std::string_view v, std::size_t i);

// Spaces, tabs and no-break spaces from i; returns the first byte that is not one.
std::size_t SkipSpaces(std::string_view v, std::size_t i, std::size_t max_bytes = 8);
// Backwards from j: the start of the spaces that end at j.
std::size_t SkipSpacesBack(std::string_view v, std::size_t j, std::size_t max_bytes = 8);

// A keyword, in lower case. `whole`: the word must end with it (else it may go on: "fødsels"
// matches "fødselsdato"). Keywords starting with a non-ASCII byte above 0xDF (Chinese) need no
// word boundary before them.
struct Keyword {
  std::string_view text;
  bool whole = true;
};

// A table of keywords with the set of their first bytes, so that most positions are refused
// with one lookup.
class KeywordSet {
 public:
  static constexpr std::size_t kMaxKeywords = 254;

  template <std::size_t N>
  constexpr explicit KeywordSet(const Keyword (&keywords)[N]) : keywords_(keywords) {
    static_assert(N <= kMaxKeywords, "a keyword set holds at most 254 keywords");
    for (std::size_t i = 0; i < 256; ++i) head_[i] = kNone;
    // Chains of the keywords that share a first byte, in the order of the list.
    for (std::size_t i = N; i-- > 0;) {
      const auto b = static_cast<unsigned char>(keywords[i].text[0]);
      first_[b / 64] |= uint64_t{1} << (b % 64);
      next_[i] = head_[b];
      head_[b] = static_cast<uint8_t>(i);
    }
  }
  // Whether a keyword may start with byte `c` (ASCII compared in lower case).
  bool MayStartWith(char c) const {
    const auto b = static_cast<unsigned char>(LowerAscii(c));
    return (first_[b / 64] >> (b % 64)) & 1;
  }
  std::span<const Keyword> keywords() const { return keywords_; }
  // The keywords that start with byte `c` (in lower case): the index of the first, then of each
  // next one, kNone at the end.
  static constexpr uint8_t kNone = 255;
  uint8_t First(char c) const { return head_[static_cast<unsigned char>(c)]; }
  uint8_t Next(uint8_t i) const { return next_[i]; }

 private:
  std::span<const Keyword> keywords_;
  uint64_t first_[4] = {};
  uint8_t head_[256] = {};
  uint8_t next_[kMaxKeywords] = {};
};

// A list of lower-case words to compare whole words with, ignoring case as StartsWithFolded does.
// The sets of their first and last bytes and of their lengths turn most lookups away at once.
class WordSet {
 public:
  template <std::size_t N>
  constexpr explicit WordSet(const std::string_view (&words)[N]) : words_(words) {
    for (std::string_view w : words) {
      Set(first_, static_cast<unsigned char>(w.front()));
      Set(last_, static_cast<unsigned char>(w.back()));
      if (w.size() < 64) lengths_ |= uint64_t{1} << w.size();
      const std::size_t sig = Signature(static_cast<unsigned char>(w.front()),
                                        static_cast<unsigned char>(w.back()), w.size());
      signatures_[sig / 64] |= uint64_t{1} << (sig % 64);
      if (w.size() >= 2) {
        const std::size_t tail =
            Tail(static_cast<unsigned char>(w[w.size() - 2]), static_cast<unsigned char>(w.back()));
        tails_[tail / 64] |= uint64_t{1} << (tail % 64);
      } else {
        short_ = true;
      }
    }
  }
  // The word [begin, end) of v is one of them.
  bool Contains(std::string_view v, std::size_t begin, std::size_t end) const;
  // The word [begin, end) of v ends with one of them after at least `stem` more bytes.
  bool EndsOneOf(std::string_view v, std::size_t begin, std::size_t end, std::size_t stem) const;

 private:
  static constexpr void Set(uint64_t (&bits)[4], unsigned char b) {
    bits[b / 64] |= uint64_t{1} << (b % 64);
  }
  static bool Has(const uint64_t (&bits)[4], unsigned char b) {
    return (bits[b / 64] >> (b % 64)) & 1;
  }
  // First byte, last byte and length together, in 2048 bits: most words that are not in the
  // set are turned away without a look at the list.
  static constexpr std::size_t Signature(unsigned char first, unsigned char last, std::size_t n) {
    const uint32_t key = first | (uint32_t{last} << 8) | (static_cast<uint32_t>(n & 0xFF) << 16);
    return (key * 0x9E3779B1u) >> 21;
  }
  // The last two bytes, for suffixes.
  static constexpr std::size_t Tail(unsigned char before_last, unsigned char last) {
    return (before_last * 37u + last) % 512u;
  }
  bool MayEndWith(unsigned char before_last, unsigned char last) const {
    const std::size_t tail = Tail(before_last, last);
    return short_ || ((tails_[tail / 64] >> (tail % 64)) & 1);
  }
  bool MayHave(unsigned char first, unsigned char last, std::size_t n) const {
    const std::size_t sig = Signature(first, last, n);
    return (signatures_[sig / 64] >> (sig % 64)) & 1;
  }
  std::span<const std::string_view> words_;
  uint64_t first_[4] = {};
  uint64_t last_[4] = {};
  uint64_t lengths_ = 0;
  uint64_t signatures_[32] = {};
  uint64_t tails_[8] = {};
  bool short_ = false;  // a word of one byte, which the tails do not cover
};

// The longest keyword of `set` that starts at i, if i starts a word; its end in *end.
const Keyword* KeywordAt(std::string_view v, std::size_t i, const KeywordSet& set,
                         std::size_t* end);
// Whether a keyword of `set` starts in [from, to).
bool KeywordIn(std::string_view v, std::size_t from, std::size_t to, const KeywordSet& set);

// The code point at i, or -1 past the end.
inline int32_t CodePointAt(std::string_view v, std::size_t i, std::size_t* len) {
  if (i >= v.size()) {
    *len = 0;
    return -1;
  }
  return DecodeAt(v, i, len);
}
// The code point that ends at j, or -1 at the start; its start in *start.
int32_t CodePointBefore(std::string_view v, std::size_t j, std::size_t* start);

// `v` at i starts with the UTF-8 text `s`, exactly.
inline bool At(std::string_view v, std::size_t i, std::string_view s) {
  return i <= v.size() && v.substr(i).starts_with(s);
}
// `v` just before j ends with the UTF-8 text `s`, exactly.
inline bool Before(std::string_view v, std::size_t j, std::string_view s) {
  return j >= s.size() && j <= v.size() && v.substr(j - s.size(), s.size()) == s;
}

}  // namespace citynet::privacy::internal
