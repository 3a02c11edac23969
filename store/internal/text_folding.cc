#include "store/internal/text_folding.h"

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace citynet::store::internal {
namespace {

constexpr char32_t kReplacementChar = 0xFFFD;

// Order of the stemmers in Impl::stemmers; queries try them in this order.
constexpr std::array<StemLanguage, 3> kQueryStemLanguages = {
    StemLanguage::kEnglish, StemLanguage::kDanish, StemLanguage::kSpanish};

int StemmerIndex(StemLanguage language) {
  switch (language) {
    case StemLanguage::kEnglish:
      return 0;
    case StemLanguage::kDanish:
      return 1;
    case StemLanguage::kSpanish:
      return 2;
    case StemLanguage::kNone:
      break;
  }
  return -1;
}

bool IsAscii(std::u16string_view s) {
  return std::all_of(s.begin(), s.end(), [](char16_t c) { return c < 0x80; });
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The Danish digraphs, after everything else, in one left-to-right pass. ASCII-only, so it is
// safe on UTF-8.
void CollapseDigraphs(std::string* s) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < s->size();) {
    char c = (*s)[i];
    if (i + 1 < s->size() &&
        ((c == 'o' && (*s)[i + 1] == 'e') || (c == 'a' && (*s)[i + 1] == 'a'))) {
      (*s)[out++] = c;
      i += 2;
    } else {
      (*s)[out++] = c;
      ++i;
    }
  }
  s->resize(out);
}

// The generic combining diacritics (acute, ring, diaeresis, cedilla, Arabic harakat, ...) are
// in the Inherited script; script-specific marks (Indic vowel signs, Thai tone marks) carry
// meaning and stay. The kana voicing marks are Inherited but distinguish words (ガス/カス).
bool IsDroppedMark(UChar32 c) {
  if ((U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) == 0) return false;
  if (c == 0x3099 || c == 0x309A) return false;
  UErrorCode error = U_ZERO_ERROR;
  return uscript_getScript(c, &error) == USCRIPT_INHERITED && U_SUCCESS(error);
}

// Letters that NFKD keeps whole but that readers treat as a base letter (after case folding).
std::u16string_view ExplicitFold(UChar32 c) {
  switch (c) {
    case 0x00F8:
      return u"o";  // ø
    case 0x00E6:
      return u"ae";  // æ
    case 0x0153:
      return u"oe";  // œ
    case 0x0111:
      return u"d";  // đ
    case 0x00F0:
      return u"d";  // ð
    case 0x0142:
      return u"l";  // ł
    case 0x00DF:
      return u"ss";  // ß (case folding already maps it; kept for clarity)
    case 0x00FE:
      return u"th";  // þ
    case 0x0131:
      return u"i";  // dotless ı
    case 0x0127:
      return u"h";  // ħ
    case 0x2018:    // ‘
    case 0x2019:    // ’
    case 0x02BC:
      return u"'";  // ʼ
    default:
      return {};
  }
}

// Letters of scripts written without spaces between words (rule 3 in the header).
bool IsSpacelessLetter(UChar32 c) {
  if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_NL_MASK)) == 0) return false;
  UErrorCode error = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &error);
  if (U_FAILURE(error)) return false;
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_YI:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
      return true;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      // e.g. the prolonged sound mark ー, shared by Hiragana and Katakana.
      return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
             uscript_hasScript(c, USCRIPT_KATAKANA);
    default:
      return false;
  }
}

// Marks that belong to the preceding character of a space-less run. The halfwidth voicing
// marks are letters (Lm) but fold to combining marks.
bool AttachesToPrevious(UChar32 c) {
  return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 || c == 0xFF9E || c == 0xFF9F || c == 0x200D;
}

// Runs an ICU "preflight" style function into `out`, growing the buffer once if needed.
template <typename F>
bool CallIcu(std::u16string* out, F&& f) {
  out->resize(out->capacity() > 16 ? out->capacity() : 16);
  UErrorCode error = U_ZERO_ERROR;
  int32_t n = f(out->data(), static_cast<int32_t>(out->size()), &error);
  if (error == U_BUFFER_OVERFLOW_ERROR) {
    out->resize(static_cast<std::size_t>(n));
    error = U_ZERO_ERROR;
    n = f(out->data(), static_cast<int32_t>(out->size()), &error);
  }
  if (U_FAILURE(error) || n < 0) {
    out->clear();
    return false;
  }
  out->resize(static_cast<std::size_t>(n));
  return true;
}

void AppendUtf8(std::u16string_view s, std::string* out) {
  for (std::size_t i = 0; i < s.size();) {
    UChar32 c;
    U16_NEXT(s.data(), i, s.size(), c);
    if (U_IS_SURROGATE(c)) c = kReplacementChar;
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
    if (!error) out->append(buf, static_cast<std::size_t>(n));
  }
}

// UTF-8 to UTF-16; `offsets`, when given, gets the byte offset of every UTF-16 unit plus one
// entry for the end.
void DecodeUtf8(std::string_view text, std::u16string* out, std::vector<int>* offsets) {
  out->clear();
  if (offsets != nullptr) offsets->clear();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = kReplacementChar;
    if (c <= 0xFFFF) {
      out->push_back(static_cast<char16_t>(c));
      if (offsets != nullptr) offsets->push_back(start);
    } else {
      out->push_back(U16_LEAD(c));
      out->push_back(U16_TRAIL(c));
      if (offsets != nullptr) offsets->insert(offsets->end(), 2, start);
    }
  }
  if (offsets != nullptr) offsets->push_back(length);
}

// Cuts `word` to kMaxWordUnits without splitting a surrogate pair.
std::u16string_view CapWord(std::u16string_view word) {
  if (word.size() <= kMaxWordUnits) return word;
  std::size_t n = kMaxWordUnits;
  if (U16_IS_LEAD(word[n - 1])) --n;
  return word.substr(0, n);
}

}  // namespace

StemLanguage StemLanguageFor(std::string_view bcp47_tag) {
  std::string primary;
  for (char c : bcp47_tag) {
    if (c == '-' || c == '_') break;
    primary.push_back(AsciiLower(c));
  }
  if (primary == "da") return StemLanguage::kDanish;
  if (primary == "en") return StemLanguage::kEnglish;
  if (primary == "es") return StemLanguage::kSpanish;
  return StemLanguage::kNone;
}

struct TextAnalyzer::Impl {
  UBreakIterator* word_breaker = nullptr;
  const UNormalizer2* nfkd = nullptr;
  const UNormalizer2* nfc = nullptr;
  std::array<sb_stemmer*, 3> stemmers{};

  // Scratch buffers reused across calls.
  std::u16string fold_a, fold_b, fold_c;
  std::u16string stem_a;
  std::string stem_utf8;

  ~Impl() {
    if (word_breaker != nullptr) ubrk_close(word_breaker);
    for (sb_stemmer* s : stemmers) sb_stemmer_delete(s);
  }

  bool FoldUnits(std::u16string_view word, std::string* out);
  bool StemUnits(std::u16string_view word, StemLanguage language, std::string* out);
  Status Analyze(std::string_view text, TokenizeMode mode, StemLanguage language,
                 const TokenSink& sink);
};

bool TextAnalyzer::Impl::FoldUnits(std::u16string_view word, std::string* out) {
  out->clear();
  word = CapWord(word);
  if (IsAscii(word)) {
    for (char16_t c : word) out->push_back(AsciiLower(static_cast<char>(c)));
    CollapseDigraphs(out);
    return true;
  }
  const auto length = static_cast<int32_t>(word.size());
  if (!CallIcu(&fold_a, [&](UChar* dest, int32_t capacity, UErrorCode* error) {
        return u_strFoldCase(dest, capacity, word.data(), length, U_FOLD_CASE_DEFAULT, error);
      })) {
    return false;
  }
  if (!CallIcu(&fold_b, [&](UChar* dest, int32_t capacity, UErrorCode* error) {
        return unorm2_normalize(nfkd, fold_a.data(), static_cast<int32_t>(fold_a.size()), dest,
                                capacity, error);
      })) {
    return false;
  }
  fold_a.clear();
  for (std::size_t i = 0; i < fold_b.size();) {
    std::size_t start = i;
    UChar32 c;
    U16_NEXT(fold_b.data(), i, fold_b.size(), c);
    if (IsDroppedMark(c)) continue;
    std::u16string_view replacement = ExplicitFold(c);
    if (!replacement.empty()) {
      fold_a.append(replacement);
    } else {
      fold_a.append(fold_b, start, i - start);
    }
  }
  if (!CallIcu(&fold_c, [&](UChar* dest, int32_t capacity, UErrorCode* error) {
        return unorm2_normalize(nfc, fold_a.data(), static_cast<int32_t>(fold_a.size()), dest,
                                capacity, error);
      })) {
    return false;
  }
  AppendUtf8(fold_c, out);
  CollapseDigraphs(out);
  return true;
}

bool TextAnalyzer::Impl::StemUnits(std::u16string_view word, StemLanguage language,
                                   std::string* out) {
  int index = StemmerIndex(language);
  if (index < 0) return FoldUnits(word, out);
  word = CapWord(word);
  stem_utf8.clear();
  if (IsAscii(word)) {
    for (char16_t c : word) stem_utf8.push_back(AsciiLower(static_cast<char>(c)));
  } else {
    if (!CallIcu(&stem_a, [&](UChar* dest, int32_t capacity, UErrorCode* error) {
          return u_strToLower(dest, capacity, word.data(), static_cast<int32_t>(word.size()), "",
                              error);
        })) {
      return false;
    }
    // Snowball knows only the ASCII apostrophe (English "'s").
    for (char16_t& c : stem_a) {
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC) c = u'\'';
    }
    AppendUtf8(stem_a, &stem_utf8);
  }
  sb_stemmer* stemmer = stemmers[static_cast<std::size_t>(index)];
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(stem_utf8.data()),
                      static_cast<int>(stem_utf8.size()));
  if (stem == nullptr) return false;  // out of memory
  std::string_view stem_view(reinterpret_cast<const char*>(stem),
                             static_cast<std::size_t>(sb_stemmer_length(stemmer)));
  if (IsAscii(stem_view)) {
    out->assign(stem_view);
    CollapseDigraphs(out);
    return true;
  }
  DecodeUtf8(stem_view, &stem_a, nullptr);
  return FoldUnits(stem_a, out);
}

Status TextAnalyzer::Impl::Analyze(std::string_view text, TokenizeMode mode, StemLanguage language,
                                   const TokenSink& sink) {
  std::u16string units;
  std::vector<int> offsets;
  DecodeUtf8(text, &units, &offsets);
  const std::size_t n = units.size();
  const bool is_query = mode == TokenizeMode::kQuery || mode == TokenizeMode::kQueryPrefix;

  Token token;
  std::string folded;
  std::string stem;
  std::vector<std::string> emitted_stems;
  bool keep_going = true;
  bool icu_failed = false;

  auto emit = [&](std::string_view t, std::size_t begin, std::size_t end, bool colocated) {
    token.text.assign(t);
    token.start = offsets[begin];
    token.end = offsets[end];
    token.colocated = colocated;
    keep_going = sink(token);
    return keep_going;
  };

  // A word from the break iterator: [begin, end) in UTF-16 units.
  auto word = [&](std::size_t begin, std::size_t end) {
    std::u16string_view w(units.data() + begin, end - begin);
    if (!FoldUnits(w, &folded)) {
      icu_failed = true;
      return false;
    }
    if (folded.empty()) return true;  // nothing left of it: no position either
    if (!emit(folded, begin, end, false)) return false;
    if (mode == TokenizeMode::kDocument) {
      if (language == StemLanguage::kNone) return true;
      if (!StemUnits(w, language, &stem)) {
        icu_failed = true;
        return false;
      }
      if (!stem.empty() && stem != folded) return emit(stem, begin, end, true);
    } else if (is_query) {
      emitted_stems.clear();
      for (StemLanguage l : kQueryStemLanguages) {
        if (!StemUnits(w, l, &stem)) {
          icu_failed = true;
          return false;
        }
        if (stem.empty() || stem == folded) continue;
        if (std::find(emitted_stems.begin(), emitted_stems.end(), stem) != emitted_stems.end()) {
          continue;
        }
        emitted_stems.push_back(stem);
        if (!emit(stem, begin, end, true)) return false;
      }
    }
    return true;
  };

  // Text without space-less letters: words by the ICU break iterator.
  auto spaced_text = [&](std::size_t begin, std::size_t end) {
    if (begin >= end) return true;
    UErrorCode error = U_ZERO_ERROR;
    ubrk_setText(word_breaker, units.data() + begin, static_cast<int32_t>(end - begin), &error);
    if (U_FAILURE(error)) {
      icu_failed = true;
      return false;
    }
    int32_t from = ubrk_first(word_breaker);
    for (int32_t to = ubrk_next(word_breaker); to != UBRK_DONE;
         from = to, to = ubrk_next(word_breaker)) {
      if (ubrk_getRuleStatus(word_breaker) < UBRK_WORD_NONE_LIMIT) continue;
      if (!word(begin + static_cast<std::size_t>(from), begin + static_cast<std::size_t>(to))) {
        return false;
      }
    }
    return true;
  };

  // A run of space-less characters, each [first, second) in UTF-16 units.
  std::vector<std::pair<std::size_t, std::size_t>> run;
  std::vector<std::string> run_folded;
  auto spaceless_run = [&]() {
    run_folded.resize(run.size());
    for (std::size_t i = 0; i < run.size(); ++i) {
      std::u16string_view c(units.data() + run[i].first, run[i].second - run[i].first);
      if (!FoldUnits(c, &run_folded[i])) {
        icu_failed = true;
        return false;
      }
      if (run_folded[i].empty()) {  // only marks survived folding: keep the character as is
        run_folded[i].clear();
        AppendUtf8(c, &run_folded[i]);
      }
    }
    const std::size_t m = run.size();
    if (is_query) {
      if (m == 1) return emit(run_folded[0], run[0].first, run[0].second, false);
      for (std::size_t i = 0; i + 1 < m; ++i) {
        if (!emit(run_folded[i] + run_folded[i + 1], run[i].first, run[i + 1].second, false)) {
          return false;
        }
      }
      return emit(run_folded[m - 1], run[m - 1].first, run[m - 1].second, false);
    }
    for (std::size_t i = 0; i < m; ++i) {
      if (!emit(run_folded[i], run[i].first, run[i].second, false)) return false;
      if (mode == TokenizeMode::kDocument && i + 1 < m &&
          !emit(run_folded[i] + run_folded[i + 1], run[i].first, run[i + 1].second, true)) {
        return false;
      }
    }
    return true;
  };

  std::size_t other_begin = 0;
  for (std::size_t i = 0; i < n && keep_going && !icu_failed;) {
    std::size_t next = i;
    UChar32 c;
    U16_NEXT(units.data(), next, n, c);
    if (!IsSpacelessLetter(c)) {
      i = next;
      continue;
    }
    if (!spaced_text(other_begin, i)) break;
    run.clear();
    while (i < n) {
      next = i;
      U16_NEXT(units.data(), next, n, c);
      if (!IsSpacelessLetter(c)) break;
      std::size_t start = i;
      i = next;
      while (i < n) {
        next = i;
        U16_NEXT(units.data(), next, n, c);
        if (!AttachesToPrevious(c)) break;
        i = next;
      }
      run.emplace_back(start, i);
    }
    if (!spaceless_run()) break;
    other_begin = i;
  }
  if (keep_going && !icu_failed) spaced_text(other_begin, n);
  if (icu_failed) return Internal("ICU failed while analysing text for the search index");
  return Status::Ok();
}

TextAnalyzer::TextAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextAnalyzer::~TextAnalyzer() = default;

Result<std::unique_ptr<TextAnalyzer>> TextAnalyzer::Create() {
  auto impl = std::make_unique<Impl>();
  UErrorCode error = U_ZERO_ERROR;
  impl->nfkd = unorm2_getNFKDInstance(&error);
  if (U_SUCCESS(error)) impl->nfc = unorm2_getNFCInstance(&error);
  if (U_SUCCESS(error)) impl->word_breaker = ubrk_open(UBRK_WORD, "", nullptr, 0, &error);
  if (U_FAILURE(error)) {
    return Internal(std::string("cannot initialise ICU for text analysis: ") + u_errorName(error));
  }
  static constexpr std::array<const char*, 3> kAlgorithms = {"english", "danish", "spanish"};
  for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
    impl->stemmers[i] = sb_stemmer_new(kAlgorithms[i], "UTF_8");
    if (impl->stemmers[i] == nullptr) {
      return Internal(std::string("libstemmer has no UTF-8 stemmer \"") + kAlgorithms[i] + "\"");
    }
  }
  return std::unique_ptr<TextAnalyzer>(new TextAnalyzer(std::move(impl)));
}

std::string TextAnalyzer::Fold(std::string_view word) {
  std::u16string units;
  DecodeUtf8(word, &units, nullptr);
  std::string out;
  if (!impl_->FoldUnits(units, &out)) out.clear();
  return out;
}

std::string TextAnalyzer::Stem(std::string_view word, StemLanguage language) {
  std::u16string units;
  DecodeUtf8(word, &units, nullptr);
  std::string out;
  if (!impl_->StemUnits(units, language, &out)) out.clear();
  return out;
}

Status TextAnalyzer::Tokenize(std::string_view text, TokenizeMode mode, StemLanguage language,
                              const TokenSink& sink) {
  if (mode != TokenizeMode::kQueryPrefix) return impl_->Analyze(text, mode, language, sink);
  // The prefix is the last position: drop the stems colocated with it, whatever the script.
  std::vector<Token> tokens;
  CITYNET_RETURN_IF_ERROR(
      impl_->Analyze(text, TokenizeMode::kQuery, language, [&tokens](const Token& t) {
        tokens.push_back(t);
        return true;
      }));
  while (!tokens.empty() && tokens.back().colocated) tokens.pop_back();
  for (const Token& t : tokens) {
    if (!sink(t)) break;
  }
  return Status::Ok();
}

Result<std::vector<Token>> TextAnalyzer::Tokenize(std::string_view text, TokenizeMode mode,
                                                  StemLanguage language) {
  std::vector<Token> tokens;
  CITYNET_RETURN_IF_ERROR(Tokenize(text, mode, language, [&tokens](const Token& t) {
    tokens.push_back(t);
    return true;
  }));
  return tokens;
}

}  // namespace citynet::store::internal
