#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/internal/emails.h"

namespace citynet::privacy::internal {
namespace {

// Top-level domains of the root zone (the Public Suffix List's ICANN section, ASCII ones).
constexpr std::string_view kTlds[] = {
#include "node/privacy/tlds.inc"
};
static_assert(std::is_sorted(std::begin(kTlds), std::end(kTlds)));

// Mailbox providers: an address at one of them is an address however the @ is written.
constexpr std::string_view kProviders[] = {
    "126",    "139",      "163",     "189",        "aliyun",     "aol",   "arnet",
    "email",  "fibertel", "foxmail", "gmail",      "googlemail", "gmx",   "hotmail",
    "icloud", "jubii",    "live",    "mac",        "mail",       "me",    "msn",
    "ofir",   "outlook",  "proton",  "protonmail", "qq",         "sina",  "sohu",
    "speedy", "stofanet", "yahoo",   "yandex",     "yeah",       "ymail", "zoho"};

// Words that follow the preposition "at" (or the Danish infinitive "at") in prose and are no
// mailbox's domain: "we met at the town hall", "worked at a dot com".
constexpr std::string_view kDomainStopWords[] = {
    "a",     "all",   "an",    "any",   "de",    "del",  "den",   "det",    "din",  "each",
    "el",    "en",    "et",    "every", "first", "her",  "him",   "his",    "home", "http",
    "https", "it",    "its",   "la",    "las",   "last", "least", "los",    "me",   "midnight",
    "min",   "my",    "night", "noon",  "once",  "one",  "our",   "school", "sin",  "some",
    "that",  "the",   "their", "them",  "these", "this", "those", "times",  "un",   "una",
    "us",    "vores", "work",  "www",   "you",   "your"};

// Words that stand before "at" in English and Danish prose ("look at", "husk at"): with no dot,
// digit or other mark of a mailbox in it, such a word is not a local part.
constexpr std::string_view kLocalStopWords[] = {
    "af",      "all",    "also",     "and",     "are",       "arrive",  "arrived", "back",
    "based",   "be",     "been",     "begyndt", "besluttet", "betyder", "bedre",   "both",
    "but",     "det",    "directly", "down",    "du",        "end",     "er",      "even",
    "fik",     "find",   "for",      "found",   "fordi",     "får",     "godt",    "har",
    "here",    "him",    "her",      "husk",    "i",         "ikke",    "in",      "is",
    "it",      "jeg",    "just",     "kan",     "let",       "live",    "lived",   "lives",
    "located", "look",   "looked",   "looking", "lært",      "me",      "med",     "mener",
    "meet",    "met",    "muligt",   "nemlig",  "now",       "nødt",    "og",      "off",
    "om",      "on",     "once",     "online",  "or",        "out",     "prøve",   "prøvet",
    "right",   "sagde",  "se",       "see",     "seen",      "sig",     "siger",   "skal",
    "stay",    "stayed", "still",    "svært",   "så",        "them",    "then",    "there",
    "they",    "til",    "tror",     "up",      "uden",      "us",      "valgt",   "var",
    "ved",     "vi",     "vigtigt",  "vil",     "viser",     "visit",   "was",     "we",
    "were",    "work",   "worked",   "working", "works",     "you",     "ønsker"};

// Top-level domains that are also short words of English, Danish or Spanish prose ("at nå punkt
// to", "at se punkt et"): after an "at" and a spelled-out dot, no evidence of an address.
constexpr std::string_view kWordTlds[] = {"af", "al", "am", "as", "at", "be", "bo", "by", "do",
                                          "er", "et", "go", "in", "is", "it", "la", "me", "my",
                                          "ni", "nu", "om", "si", "so", "to", "us", "va", "ve"};

// The generic top-level domains that mailboxes are at; the newer ones are mostly English words
// ("map", "town", "art"), which after "at ... dot" are prose.
constexpr std::string_view kMailGenericTlds[] = {"biz", "com",  "edu",  "gov", "info", "int",
                                                 "mil", "mobi", "name", "net", "org",  "pro"};

template <std::size_t N>
bool In(const std::string_view (&set)[N], std::string_view w) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// ---------------------------------------------------------------------------------------------
// Characters.

bool IsEmailLocalByte(char c) {
  static constexpr std::string_view kSpecials = ".!#$%&'*+/=?^_`{|}~-";
  return IsAlnumAscii(c) || kSpecials.find(c) != std::string_view::npos;
}

// The characters of a local part written to dodge filters: no quotes, slashes or braces, which
// in prose belong to the text around.
bool IsPlainLocalByte(char c) {
  return IsAlnumAscii(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

// A non-ASCII code point that may be part of an address (letters and digits, not Han or kana,
// so that Chinese text around an address is not taken in; full-width Latin letters count).
bool IsEmailUnicode(int32_t cp) { return cp >= 0x80 && u_isalnum(cp) && !IsCjk(cp); }

constexpr int32_t kFullWidthStop = 0xFF0E;  // ．

// Length of the whitespace character at v[i] (space, tab, no-break space, ideographic space),
// else 0.
std::size_t SpaceAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  if (v[i] == ' ' || v[i] == '\t') return 1;
  if (static_cast<unsigned char>(v[i]) < 0x80) return 0;
  if (v.substr(i, 2) == "\xC2\xA0") return 2;
  if (v.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

// After at most three whitespace characters from i.
std::size_t SkipSpaces(std::string_view v, std::size_t i) {
  for (int k = 0; k < 3; ++k) {
    const std::size_t len = SpaceAt(v, i);
    if (len == 0) break;
    i += len;
  }
  return i;
}

// Before at most three whitespace characters ending at i.
std::size_t SkipSpacesBack(std::string_view v, std::size_t i) {
  for (int k = 0; k < 3 && i > 0; ++k) {
    const std::size_t s = PrevStart(v, i);
    if (SpaceAt(v, s) != i - s) break;
    i = s;
  }
  return i;
}

// v[i..] starts with `word`, ASCII letters compared ignoring case.
bool StartsWithWord(std::string_view v, std::size_t i, std::string_view word) {
  if (i + word.size() > v.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (LowerAscii(v[i + k]) != word[k]) return false;
  }
  return true;
}

// Length of one of `words` at v[i] (the longest that matches), else 0.
template <std::size_t N>
std::size_t WordAt(std::string_view v, std::size_t i, const std::string_view (&words)[N]) {
  std::size_t best = 0;
  for (std::string_view w : words) {
    if (w.size() > best && StartsWithWord(v, i, w)) best = w.size();
  }
  return best;
}

// A bracket that people put around a spelled-out @ or dot: ASCII, full-width or CJK.
std::size_t OpenBracketAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  if (v[i] == '(' || v[i] == '[' || v[i] == '{' || v[i] == '<') return 1;
  for (std::string_view b : {"\xEF\xBC\x88", "\xEF\xBC\xBB", "\xE3\x80\x90", "\xE3\x80\x8C"}) {
    if (v.substr(i, 3) == b) return 3;  // （ ［ 【 「
  }
  return 0;
}

std::size_t CloseBracketAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  if (v[i] == ')' || v[i] == ']' || v[i] == '}' || v[i] == '>') return 1;
  for (std::string_view b : {"\xEF\xBC\x89", "\xEF\xBC\xBD", "\xE3\x80\x91", "\xE3\x80\x8D"}) {
    if (v.substr(i, 3) == b) return 3;  // ） ］ 】 」
  }
  return 0;
}

// The end of `words` written between brackets at v[i] ("[at]", "( dot )", "【at】"), else 0.
template <std::size_t N>
std::size_t BracketedAt(std::string_view v, std::size_t i, const std::string_view (&words)[N]) {
  const std::size_t open = OpenBracketAt(v, i);
  if (open == 0) return 0;
  std::size_t j = SkipSpaces(v, i + open);
  const std::size_t len = WordAt(v, j, words);
  if (len == 0) return 0;
  j = SkipSpaces(v, j + len);
  const std::size_t close = CloseBracketAt(v, j);
  return close == 0 ? 0 : j + close;
}

// Length of a label character at v[i] (ASCII letter, digit or hyphen, or a non-CJK letter or
// digit of another script), else 0.
std::size_t LabelCharAt(std::string_view v, std::size_t i) {
  if (i >= v.size()) return 0;
  const char c = v[i];
  if (static_cast<unsigned char>(c) < 0x80) return IsAlnumAscii(c) || c == '-' ? 1 : 0;
  std::size_t len;
  return IsEmailUnicode(DecodeAt(v, i, &len)) ? len : 0;
}

// The end of the domain label that starts at i (i itself when none does): it starts and ends
// with a letter or digit.
std::size_t LabelEnd(std::string_view v, std::size_t i) {
  if (i >= v.size() || v[i] == '-') return i;
  std::size_t end = i;
  for (std::size_t len; (len = LabelCharAt(v, end)) != 0;) end += len;
  while (end > i && v[end - 1] == '-') --end;
  return end;
}

// A label as ASCII lower case: full-width Latin letters and digits folded to ASCII. `ascii` is
// false when the label has letters of another script.
struct Folded {
  std::array<char, 64> text{};
  std::size_t size = 0;
  bool ascii = true;
  bool letters_only = true;
  bool has_upper = false;
  bool has_lower = false;
  std::string_view view() const { return {text.data(), size}; }
};

Folded FoldLabel(std::string_view label) {
  Folded f;
  for (std::size_t i = 0; i < label.size();) {
    std::size_t len;
    int32_t cp = DecodeAt(label, i, &len);
    i += len;
    if (cp >= 0xFF10 && cp <= 0xFF5A) cp -= 0xFF10 - 0x30;  // full-width forms of 0-9A-Za-z
    if (cp >= 0x80 || cp < 0) {
      f.ascii = false;
      if (!IsLetter(cp)) f.letters_only = false;
      continue;
    }
    const char c = static_cast<char>(cp);
    if (!IsAlphaAscii(c)) f.letters_only = false;
    if (IsUpperAscii(c)) f.has_upper = true;
    if (IsLowerAscii(c)) f.has_lower = true;
    if (f.size == f.text.size()) {
      f.ascii = false;  // longer than any label may be
      continue;
    }
    f.text[f.size++] = LowerAscii(c);
  }
  return f;
}

bool IsTld(std::string_view folded) {
  return std::binary_search(std::begin(kTlds), std::end(kTlds), folded);
}

// ---------------------------------------------------------------------------------------------
// The @ and the dots, as people write them.

enum class At {
  kSign,    // local@domain
  kSpaced,  // local @ domain
  kStrong,  // ＠, [at], (arroba), arroba, snabel-a, 艾特, 圈a, 小老鼠: only ever an @
  kWord,    // at: also a word of English and Danish prose
  kZai,     // 在 ("at" in Chinese): only with a mailbox provider or a spelled-out dot
  kHash,    // local#domain.tld, the Chinese web's way to keep crawlers off an address
};

struct AtMatch {
  std::size_t begin = 0;         // of the marker, for resuming
  std::size_t local_end = 0;     // the local part ends here
  std::size_t domain_begin = 0;  // the first label starts here
  At kind = At::kSign;
};

enum class Dot {
  kPlain,      // .
  kWide,       // ． 。 ｡
  kBracketed,  // [dot] (.) (punto)
  kSpaced,     // " . "
  kWord,       // dot, punto, punkt, punktum
  kHan,        // 点 點
};

// Between brackets; "(a)" too, as Danes write it.
constexpr std::string_view kAtWords[] = {
    "at",      "@",        "arroba",       "snabel-a",
    "snabela", "snabel a", "\xEF\xBC\xA0", "\xE8\x89\xBE\xE7\x89\xB9",
    "a"};  // ＠ 艾特
// Signs that Chinese pages put for the @ with a note to swap them back ("#换成@").
constexpr std::string_view kHashes[] = {"#", "\xEF\xBC\x83", "\xE2\x98\x85",
                                        "\xE2\x98\x86"};  // ＃ ★ ☆
constexpr std::string_view kStrongAtWords[] = {"arroba", "snabel-a", "snabela", "snabel a"};
constexpr std::string_view kCjkAts[] = {
    "\xEF\xBC\xA0",              // ＠
    "\xEF\xB9\xAB",              // ﹫
    "\xE8\x89\xBE\xE7\x89\xB9",  // 艾特
    "\xE5\x9C\x88"
    "a",  // 圈a
    "\xE5\x9C\x88"
    "A",
    "\xE5\xB0\x8F\xE8\x80\x81\xE9\xBC\xA0",  // 小老鼠
};
constexpr std::string_view kZai = "\xE5\x9C\xA8";  // 在
// Danes read a dot out as "punktum" or, in addresses, "prik".
constexpr std::string_view kDotWords[] = {"dot", "punto", "punkt", "punktum", "prik"};
constexpr std::string_view kBracketedDotWords[] = {
    "dot",          ".",           "punto", "punkt", "punktum", "prik", "\xE7\x82\xB9",
    "\xE9\xBB\x9E", "\xE3\x80\x82"};
constexpr std::string_view kWideDots[] = {"\xEF\xBC\x8E", "\xE3\x80\x82", "\xEF\xBD\xA1"};
constexpr std::string_view kHanDots[] = {"\xE7\x82\xB9", "\xE9\xBB\x9E"};  // 点 點

bool LabelStartsAt(std::string_view v, std::size_t i) {
  return i < v.size() && v[i] != '-' && LabelCharAt(v, i) != 0;
}

// The bytes an @ however written may start with ("@", "#", brackets, "at", "arroba", "snabel",
// and the lead bytes of ★ 【 艾 圈 在 小 ＠).
constexpr std::array<bool, 256> kAtFirstBytes = [] {
  std::array<bool, 256> set{};
  for (char c : std::string_view("@#([{<aAsS\xE2\xE3\xE5\xE8\xEF")) {
    set[static_cast<unsigned char>(c)] = true;
  }
  return set;
}();

// A cheap first look, true where an @ however written may start at v[i]: most text has none.
bool MayStartAt(std::string_view v, std::size_t i) {
  const auto b = static_cast<unsigned char>(v[i]);
  const auto at = [v](std::size_t k) {
    return k < v.size() ? static_cast<unsigned char>(v[k]) : 0;
  };
  switch (b) {
    case '@':
    case '#':
    case '(':
    case '[':
    case '{':
    case '<':
      return true;
    case 'a':
    case 'A':  // at, arroba
      return LowerAscii(static_cast<char>(at(i + 1))) == 't' ||
             LowerAscii(static_cast<char>(at(i + 1))) == 'r';
    case 's':
    case 'S':  // snabel-a
      return LowerAscii(static_cast<char>(at(i + 1))) == 'n';
    case 0xE2:  // ★ ☆
      return at(i + 1) == 0x98;
    case 0xE3:  // 【 「
      return at(i + 1) == 0x80 && (at(i + 2) == 0x90 || at(i + 2) == 0x8C);
    case 0xE5:  // 圈 在 小
      return (at(i + 1) == 0x9C && (at(i + 2) == 0x88 || at(i + 2) == 0xA8)) ||
             (at(i + 1) == 0xB0 && at(i + 2) == 0x8F);
    case 0xE8:  // 艾
      return at(i + 1) == 0x89 && at(i + 2) == 0xBE;
    case 0xEF:  // ＠ ＃ （ ［ ﹫
      return at(i + 1) == 0xBC || (at(i + 1) == 0xB9 && at(i + 2) == 0xAB);
    default:
      return false;
  }
}

// The @ written one way or another at v[i]; false when there is none.
bool MatchAt(std::string_view v, std::size_t i, AtMatch* m) {
  m->begin = i;
  const char c = v[i];
  const bool space_before = i > 0 && SpaceAt(v, PrevStart(v, i)) == i - PrevStart(v, i);
  if (c == '@') {
    if (LabelStartsAt(v, i + 1)) {
      *m = {i, i, i + 1, At::kSign};
      return true;
    }
    const std::size_t after = SkipSpaces(v, i + 1);
    if (space_before && after > i + 1 && LabelStartsAt(v, after)) {
      *m = {i, SkipSpacesBack(v, i), after, At::kSpaced};
      return true;
    }
    return false;
  }
  if (std::size_t len = WordAt(v, i, kHashes); len != 0) {
    *m = {i, i, i + len, At::kHash};
    return LabelStartsAt(v, i + len);
  }
  if (IsAlphaAscii(c)) {
    if (!space_before) return false;
    std::size_t len = StartsWithWord(v, i, "at") ? 2 : 0;
    At kind = At::kWord;
    if (std::size_t strong = WordAt(v, i, kStrongAtWords); strong != 0) {
      len = strong;
      kind = At::kStrong;
    }
    if (len == 0 || SpaceAt(v, i + len) == 0) return false;
    *m = {i, SkipSpacesBack(v, i), SkipSpaces(v, i + len), kind};
    return true;
  }
  if (std::size_t end = BracketedAt(v, i, kAtWords); end != 0) {
    *m = {i, SkipSpacesBack(v, i), SkipSpaces(v, end), At::kStrong};
    return true;
  }
  if (std::size_t len = WordAt(v, i, kCjkAts); len != 0) {
    *m = {i, SkipSpacesBack(v, i), SkipSpaces(v, i + len), At::kStrong};
    return true;
  }
  if (v.substr(i, kZai.size()) == kZai) {
    *m = {i, i, i + kZai.size(), At::kZai};
    return true;
  }
  return false;
}

// A dot written one way or another at v[i], right after a label, followed by the next label:
// sets *next to that label's start.
bool MatchDot(std::string_view v, std::size_t i, std::size_t* next, Dot* kind) {
  if (i >= v.size()) return false;
  if (v[i] == '.') {
    *next = i + 1;
    *kind = Dot::kPlain;
    if (LabelStartsAt(v, i + 1)) return true;
  }
  const std::size_t j = SkipSpaces(v, i);
  std::size_t end = 0;
  if (std::size_t len = WordAt(v, j, kWideDots); len != 0) {
    end = j + len, *kind = Dot::kWide;
  } else if (std::size_t b = BracketedAt(v, j, kBracketedDotWords); b != 0) {
    end = b, *kind = Dot::kBracketed;
  } else if (std::size_t h = WordAt(v, j, kHanDots); h != 0) {
    end = j + h, *kind = Dot::kHan;
  } else if (j > i && j < v.size() && v[j] == '.' && SpaceAt(v, j + 1) != 0) {
    end = j + 1, *kind = Dot::kSpaced;
  } else if (std::size_t w = WordAt(v, j, kDotWords); j > i && w != 0 && SpaceAt(v, j + w) != 0) {
    end = j + w, *kind = Dot::kWord;
  } else {
    return false;
  }
  *next = SkipSpaces(v, end);
  if (*kind == Dot::kWord && *next == end) return false;
  return LabelStartsAt(v, *next);
}

// The start of a spelled-out dot of the same kind that ends at `end` ("anne dot hansen at ..."),
// or `end` when there is none.
std::size_t DotBefore(std::string_view v, std::size_t end, Dot kind) {
  const std::size_t from = end > 24 ? end - 24 : 0;
  for (std::size_t s = end; s-- > from;) {
    if (!(s == 0 || (static_cast<unsigned char>(v[s]) & 0xC0) != 0x80)) continue;
    std::size_t next;
    Dot k;
    if (MatchDot(v, s, &next, &k) && k == kind && next == end) return s;
  }
  return end;
}

// Whether the words just before `pos` ask for an e-mail address ("e-mail:", "mail til", "skriv
// til", "write to", "escribime a", "correo", "邮箱", "邮件").
bool EmailWordBefore(std::string_view v, std::size_t pos) {
  const std::string w = LowerWindowBefore(v, pos, 32);
  for (std::string_view k :
       {"mail", "correo", "skriv", "write", "reply", "escrib", "contact", "kontakt"}) {
    if (HasKeyword(w, k, false)) return true;
  }
  for (std::string_view k : {"邮箱", "邮件", "电邮", "信箱"}) {
    if (w.find(k) != std::string::npos) return true;
  }
  return false;
}

struct Address {
  std::size_t begin;
  std::size_t end;
};

constexpr std::size_t kMaxLabels = 8;

// The labels of a domain, left to right, and the dots that join them.
struct Labels {
  std::array<std::size_t, kMaxLabels> label_begin{};
  std::array<std::size_t, kMaxLabels> label_end{};
  std::array<Dot, kMaxLabels> dots{};  // dots[k] joins label k and k + 1
  std::size_t labels = 0;
};

// The domain, rightwards from `domain_begin`: labels joined by dots of whatever kind.
Labels DomainAt(std::string_view v, std::size_t domain_begin) {
  Labels parts;
  auto& [label_begin, label_end, dots, labels] = parts;
  for (std::size_t pos = domain_begin; labels < kMaxLabels;) {
    label_begin[labels] = pos;
    label_end[labels] = LabelEnd(v, pos);
    ++labels;
    if (labels == kMaxLabels || !MatchDot(v, label_end[labels - 1], &pos, &dots[labels - 1])) {
      break;
    }
  }
  return parts;
}

// The local part, leftwards from the @ that `m` found: where it begins (m.local_end when it
// is empty).
std::size_t LocalPartBegin(std::string_view v, const AtMatch& m, std::size_t resume) {
  const bool legacy_local = m.kind == At::kSign;
  std::size_t begin = m.local_end;
  while (begin > resume) {
    const char c = v[begin - 1];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (!(legacy_local ? IsEmailLocalByte(c) : IsPlainLocalByte(c))) break;
      --begin;
    } else {
      const std::size_t s = PrevStart(v, begin);
      std::size_t len;
      const int32_t cp = DecodeAt(v, s, &len);
      if (!(IsEmailUnicode(cp) || cp == kFullWidthStop) || s + len != begin || s < resume) break;
      begin = s;
    }
  }
  while (begin < m.local_end && (v[begin] == '.' || (!legacy_local && v[begin] == '-'))) ++begin;
  return begin;
}

// The longest run of labels of `parts` that ends in a top-level domain: the index of its last
// label, 0 when there is none.
std::size_t TopLevelLabel(std::string_view v, const AtMatch& m, const Labels& parts) {
  const auto& [label_begin, label_end, dots, labels] = parts;
  bool plain = m.kind == At::kSign;
  std::size_t last = 0;
  for (std::size_t k = labels - 1; k >= 1 && last == 0; --k) {
    bool all_plain = true;
    for (std::size_t d = 0; d < k; ++d) all_plain = all_plain && dots[d] == Dot::kPlain;
    const Folded tld = FoldLabel(v.substr(label_begin[k], label_end[k] - label_begin[k]));
    if (plain && all_plain) {
      // As written in a mail header: any script's letters, or an internationalised "xn--".
      if ((tld.letters_only && tld.size + (tld.ascii ? 0 : 2) >= 2) ||
          tld.view().starts_with("xn--")) {
        last = k;
      }
    } else if (tld.ascii && tld.letters_only && IsTld(tld.view())) {
      last = k;
    }
  }
  if (last == 0) return 0;
  plain = plain && std::all_of(dots.begin(), dots.begin() + static_cast<std::ptrdiff_t>(last),
                               [](Dot d) { return d == Dot::kPlain; });
  return last;
}

bool ReadAddress(std::string_view v, const AtMatch& m, std::size_t resume, Address* out,
                 bool look_ahead = true);

// Where "at" is also a word (m.kind kWord, kZai or kHash): whether the address read, local part
// [begin, m.local_end), domain up to label `last` ending at `end`, reads as prose instead.
bool ReadsAsProse(std::string_view v, const AtMatch& m, const Labels& parts, std::size_t last,
                  std::size_t begin, std::size_t end, std::string_view local, bool look_ahead) {
  const auto& [label_begin, label_end, dots, labels] = parts;
  const Folded domain = FoldLabel(v.substr(label_begin[0], label_end[0] - label_begin[0]));
  const Folded tld = FoldLabel(v.substr(label_begin[last], end - label_begin[last]));
  const bool provider = In(kProviders, domain.view());
  // "the residents' association at Connor.hughes@ucl.ac.uk" or "... at thompson.george{at}
  // protonmail{dot}com": the real address follows, and this "domain" is its local part.
  AtMatch next;
  Address real;
  const std::size_t after = SkipSpaces(v, end);
  if (look_ahead && after < v.size() && MayStartAt(v, after) && MatchAt(v, after, &next) &&
      ReadAddress(v, next, begin, &real, /*look_ahead=*/false)) {
    return true;
  }
  if (!provider && In(kDomainStopWords, domain.view())) return true;
  bool spelled = false;
  bool strong_dots = true;
  for (std::size_t d = 0; d < last; ++d) {
    spelled = spelled || dots[d] == Dot::kWord || dots[d] == Dot::kHan;
    strong_dots = strong_dots &&
                  (dots[d] == Dot::kPlain || dots[d] == Dot::kWide || dots[d] == Dot::kBracketed);
  }
  // What makes it an address whatever the words: a mail provider, a local part with digits or
  // dots ("guoguo27", "anne.hansen"), a domain of three labels ("pku dot edu dot cn"), or
  // the words before asking for one ("e-mail:", "skriv til", "邮箱").
  const Folded local_word = FoldLabel(local);
  // "klaus AT ku DOT dk": the at in capitals among lower-case letters is written to stand out.
  const bool shouted = m.kind == At::kWord && v.substr(m.begin, 2) == "AT" &&
                       (local_word.has_lower || domain.has_lower);
  const bool evidence =
      provider || !local_word.letters_only || last >= 2 || shouted || EmailWordBefore(v, begin);
  if (!evidence) {
    if (In(kLocalStopWords, internal::Fold(local))) return true;
    // A short word or a new gTLD for the TLD, a capitalised name for the domain: prose
    // ("at nå punkt to", "we met at the town dot map", "prices at Netto dot dk").
    if ((!strong_dots && In(kWordTlds, tld.view())) ||
        (tld.size != 2 && !In(kMailGenericTlds, tld.view())) ||
        (!strong_dots && domain.has_upper && domain.has_lower)) {
      return true;
    }
  }
  // "at home.It was": a sentence run into the next, not a domain.
  const Folded before_tld =
      FoldLabel(v.substr(label_begin[last - 1], label_end[last - 1] - label_begin[last - 1]));
  if (dots[last - 1] == Dot::kPlain && tld.has_upper && (tld.has_lower || before_tld.has_lower)) {
    return true;
  }
  if (m.kind == At::kZai && !provider && !spelled) return true;
  if (m.kind == At::kHash) {
    // Not the fragment of a link: "https://example.com/page#section.html". A dot spelled out
    // too ("jack#139 dot com") when the domain is a mailbox provider or a note says to put
    // the @ back ("把#改成@", "#换成@").
    const std::string_view note = v.substr(end, 32);
    const bool swap_note = (note.find('@') != std::string_view::npos ||
                            note.find("\xEF\xBC\xA0") != std::string_view::npos) &&
                           (note.find('#') != std::string_view::npos ||
                            note.find("\xEF\xBC\x83") != std::string_view::npos);
    if ((!strong_dots && !provider && !swap_note) || (begin > 0 && v[begin - 1] == '/') ||
        (end < v.size() && v[end] == '/')) {
      return true;
    }
  }
  return false;
}

// Where the local part that begins at `begin` begins when it is spelled out the way the
// domain is.
std::size_t SpelledLocalBegin(std::string_view v, const AtMatch& m, const Labels& parts,
                              std::size_t begin, std::size_t resume) {
  const std::array<Dot, kMaxLabels>& dots = parts.dots;
  // "anne dot hansen at gmail dot com", "feng点wan@gmail点com": the local part spelled out the
  // same way as the domain.
  if (m.kind != At::kHash) {
    for (int k = 0; k < 3; ++k) {
      Dot kind = dots[0];
      if (kind == Dot::kPlain || kind == Dot::kWide) break;
      const std::size_t dot = DotBefore(v, begin, kind);
      if (dot == begin || dot <= resume) break;
      const std::size_t word_end = SkipSpacesBack(v, dot);
      std::size_t word = word_end;
      while (word > resume && IsPlainLocalByte(v[word - 1]) && v[word - 1] != '.') --word;
      if (word == word_end || !IsAlnumAscii(v[word])) break;
      begin = word;
    }
  }
  return begin;
}

// The address around the @ that `m` found, if there is one.
bool ReadAddress(std::string_view v, const AtMatch& m, std::size_t resume, Address* out,
                 bool look_ahead) {
  const Labels domain = DomainAt(v, m.domain_begin);
  if (domain.labels < 2) return false;

  std::size_t begin = LocalPartBegin(v, m, resume);
  if (begin == m.local_end || v[m.local_end - 1] == '.') return false;
  const std::string_view local = v.substr(begin, m.local_end - begin);

  const std::size_t last = TopLevelLabel(v, m, domain);
  if (last == 0) return false;
  const std::size_t end = domain.label_end[last];

  // Where "at" is also a word, the address must look like one and not like prose.
  if ((m.kind == At::kWord || m.kind == At::kZai || m.kind == At::kHash) &&
      ReadsAsProse(v, m, domain, last, begin, end, local, look_ahead)) {
    return false;
  }
  begin = SpelledLocalBegin(v, m, domain, begin, resume);
  *out = {begin, end};
  return true;
}

}  // namespace

void FindEmails(std::string_view v, Candidates& out) {
  std::size_t resume = 0;  // findings must not overlap: never look left of the last one
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!kAtFirstBytes[static_cast<unsigned char>(v[i])] || !MayStartAt(v, i)) continue;
    AtMatch m;
    if (!MatchAt(v, i, &m)) continue;
    Address a;
    if (!ReadAddress(v, m, resume, &a)) continue;
    out.push_back({kPriorityEmail, {IdentifierKind::kEmail, a.begin, a.end}});
    resume = a.end;
    i = a.end - 1;
  }
}

void DropInsideEmails(Candidates& found) {
  std::vector<Finding> emails;
  for (const Candidate& c : found) {
    if (c.finding.kind == IdentifierKind::kEmail) emails.push_back(c.finding);
  }
  if (emails.empty() || emails.size() == found.size()) return;
  // Addresses do not overlap one another: sorted by start, each candidate has one to check.
  std::sort(emails.begin(), emails.end(),
            [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
  const auto inside = [&emails](const Candidate& c) {
    if (c.finding.kind == IdentifierKind::kEmail) return false;
    auto e = std::upper_bound(emails.begin(), emails.end(), c.finding.begin,
                              [](std::size_t pos, const Finding& f) { return pos < f.begin; });
    if (e == emails.begin()) return false;
    --e;
    return c.finding.end <= e->end;
  };
  found.erase(std::remove_if(found.begin(), found.end(), inside), found.end());
}

}  // namespace citynet::privacy::internal
