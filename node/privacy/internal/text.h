// Shared by the identifier detectors of the privacy gate (identifiers.h): UTF-8 decoding, word
// and keyword helpers, and the candidate findings detectors propose. Private to
// citynet::privacy; nothing here is part of its contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/identifiers.h"

namespace citynet::privacy::internal {

// ---------------------------------------------------------------------------------------------
// Bytes and code points.

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAlphaAscii(char c) { return IsLowerAscii(c) || IsUpperAscii(c); }
inline bool IsAlnumAscii(char c) { return IsDigit(c) || IsAlphaAscii(c); }
inline int DigitValue(char c) { return c - '0'; }
inline char LowerAscii(char c) { return IsUpperAscii(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool DigitAt(std::string_view v, std::size_t i) { return i < v.size() && IsDigit(v[i]); }

// Decodes the UTF-8 code point at v[i] (i < v.size()); sets *len to its length in bytes. Invalid
// bytes decode as -1 with length 1, so that scanners step over them as non-letters.
int32_t DecodeAt(std::string_view v, std::size_t i, std::size_t* len);
// Start of the code point that ends just before byte i (i > 0).
std::size_t PrevStart(std::string_view v, std::size_t i);
void AppendUtf8(std::string& out, int32_t cp);

// A letter of any script (ICU's alphabetic property); -1 is none.
bool IsLetter(int32_t cp);
// Han, hiragana or katakana: scripts written without spaces between words.
bool IsCjk(int32_t cp);
// A Han character (CJK unified ideographs and their extensions, compatibility ideographs).
bool IsHan(int32_t cp);

// `v` without leading and trailing spaces, tabs, CR and LF.
std::string_view TrimSpaces(std::string_view v);

// Lower case, code point by code point (enough for names: no context-dependent casing).
std::string Fold(std::string_view word);

// The ASCII-lower-cased `n` bytes before `pos` (fewer at the start of the value).
std::string LowerWindowBefore(std::string_view v, std::size_t pos, std::size_t n);
// True when `window` contains `keyword` starting a word (the byte before is not a letter, ASCII
// or UTF-8). With `whole_word`, the byte after must not be a letter either.
bool HasKeyword(std::string_view window, std::string_view keyword, bool whole_word);

// ---------------------------------------------------------------------------------------------
// Numbers and dates.

bool IsLeapYear(int y);
bool IsValidDate(int y, int m, int d);
// The value of a run of ASCII digits (at most 9 of them).
int Number(std::string_view digits);
uint64_t ToUint64(std::string_view digits);

// Start of a maximal run of digits at i: v[i] is a digit and v[i-1] is not.
bool RunStartsAt(std::string_view v, std::size_t i);
// The end of the run of digits that starts at i.
std::size_t RunEnd(std::string_view v, std::size_t i);

// ---------------------------------------------------------------------------------------------
// Candidates. Detectors propose findings with a priority; where two overlap the lower priority
// number wins, so that a number with check digits is never also a phone number. The strong
// detectors (check digits, e-mail, IP addresses) run first and their overlaps are resolved by
// priority; every later detector is handed what was taken so far, looks only where nothing was
// found, and appends to it.

enum Priority : int {
  // A number the words just before call a passport is one, whatever else its digits could be
  // (a Spanish DNI's check letter can fall on a passport number).
  kPriorityPassport,
  kPriorityChineseId,
  kPriorityCbu,
  kPriorityIban,
  kPriorityCuit,
  kPriorityCpr,
  kPriorityNationalId,
  kPriorityEmail,
  kPriorityIp,
  kPriorityAccount,
  kPriorityBirthDate,
  kPriorityPlate,
  kPriorityDni,
  kPriorityPhone,
  kPriorityAddress,
  kPriorityName,
};

struct Candidate {
  int priority;
  Finding finding;
};
using Candidates = std::vector<Candidate>;

// Linear in the findings taken: for a handful. A detector that may meet thousands in one value
// uses TakenSpans.
bool Overlaps(const Candidates& taken, std::size_t begin, std::size_t end);

// The findings taken before a detector runs, for overlap queries in logarithmic time: Overlaps
// (text.h) looks at every finding, which a value with thousands of them makes quadratic. Findings
// the detector adds itself it must keep apart by position (they come in order). Allocates only
// when something was taken.
class TakenSpans {
 public:
  explicit TakenSpans(const Candidates& taken);
  bool Overlaps(std::size_t begin, std::size_t end) const;
  // i, or the end of the taken finding that i is inside.
  std::size_t Skip(std::size_t i) const;

 private:
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // sorted, not overlapping
};


}  // namespace citynet::privacy::internal
