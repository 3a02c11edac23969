// Text analysis for the search index: how a case study's words and a user's query become index
// tokens, so that the same city, place or topic matches however it is spelled, cased, accented
// or inflected. Pure (no SQLite); search_index.cc adapts it to an FTS5 tokenizer. ICU and
// libstemmer stay inside text_folding.cc.
//
// The rules, applied identically to documents and queries:
//  1. Segmentation. Letters of scripts written without spaces (Han, Hiragana, Katakana,
//     Bopomofo, Yi, Thai, Lao, Khmer, Myanmar, Tibetan) form runs handled by rule 3; everything
//     else is split into words by the ICU word BreakIterator (punctuation, spaces and symbols
//     produce no tokens; "CO2", "3.5" and "Copenhagen's" stay one word).
//  2. Folding (Fold): Unicode case folding, NFKD, removal of the generic combining diacritics
//     (nonspacing marks of the Inherited script, except the kana voicing marks), explicit folds
//     for letters NFKD keeps whole (ø->o, æ->ae, œ->oe, đ/ð->d, ł->l, ß->ss, þ->th, ı->i, ħ->h,
//     typographic apostrophes -> '), NFC, then the Danish digraphs "oe"->"o" and "aa"->"a" in one
//     left-to-right pass. So københavn, KØBENHAVN, kobenhavn and koebenhavn all fold to
//     "kobenhavn", Malmö and malmo to "malmo", Århus and Aarhus to "arhus". Words are cut at
//     kMaxWordUnits UTF-16 units before folding.
//  3. Runs of space-less scripts: every character (a base letter with its combining marks) is a
//     unigram; documents colocate the bigram of it and the next character of the run. A query
//     run of one character is its unigram; a run of two or more is its bigrams in order followed
//     by the unigram of the last character, a phrase that matches exactly where the run occurs
//     (and whose positions cover every character, so highlighting brackets the whole run).
//  4. Stemming (Snowball, on the lower-cased original, then folded) by the document's language
//     (da, en, es; other languages are not stemmed). A document word is its folded form with its
//     stem colocated when different. A query word (its language is unknown) is its folded form
//     with its English, Danish and Spanish stems colocated; in a prefix query the last word is
//     its folded form only, so `klima*` expands over real words.
// Every word and every space-less character occupies exactly one position whatever the mode and
// language, so positions computed without stemming (kAuxiliary) agree with the index.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"

namespace citynet::store::internal {

// Words longer than this many UTF-16 code units are cut to it before folding and stemming.
inline constexpr std::size_t kMaxWordUnits = 100;

// What the tokens are for; see the rules in the file comment.
enum class TokenizeMode {
  kDocument,     // indexing: folded word + stem in the document's language; unigram + bigram
  kQuery,        // a query term: folded word + en/da/es stems; bigram phrase
  kQueryPrefix,  // as kQuery, but the last word is emitted folded only (it is a prefix)
  kAuxiliary,    // positions and byte ranges only (snippets): folded words and unigrams
};

// The Snowball stemmers the index uses.
enum class StemLanguage { kNone, kDanish, kEnglish, kSpanish };

// The stemmer for a BCP 47 tag by its primary subtag, case-insensitively: "da", "da-DK" ->
// kDanish; "en-GB" -> kEnglish; "es-419" -> kSpanish; anything else (including "") -> kNone.
StemLanguage StemLanguageFor(std::string_view bcp47_tag);

// One token. `start`/`end` are byte offsets into the analysed text (end exclusive); a colocated
// token shares the position of the token before it (FTS5_TOKEN_COLOCATED).
struct Token {
  std::string text;
  int start = 0;
  int end = 0;
  bool colocated = false;

  friend bool operator==(const Token&, const Token&) = default;
};

// Receives tokens in order; returning false stops the analysis early.
using TokenSink = std::function<bool(const Token&)>;

// Owns an ICU word break iterator and the Snowball stemmers. Not thread-safe: use one analyser
// per thread (the search index uses one per SQLite connection). Not copyable.
class TextAnalyzer {
 public:
  // Internal when ICU or libstemmer cannot be initialised (missing ICU data, out of memory).
  static Result<std::unique_ptr<TextAnalyzer>> Create();
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  // Rule 2 applied to one word given as UTF-8 (invalid bytes count as U+FFFD). Returns "" only
  // for input that folds to nothing (e.g. only combining marks) or on an ICU failure.
  std::string Fold(std::string_view word);

  // The Snowball stem of the lower-cased word, folded; Fold(word) when `language` is kNone.
  std::string Stem(std::string_view word, StemLanguage language);

  // Splits `text` (UTF-8; invalid bytes count as U+FFFD and produce no tokens) into tokens for
  // `mode` and passes them to `sink`. `language` only matters for kDocument. Returns ok when the
  // text was analysed or the sink stopped; Internal on an ICU failure.
  Status Tokenize(std::string_view text, TokenizeMode mode, StemLanguage language,
                  const TokenSink& sink);

  // Convenience form collecting the tokens; Internal on an ICU failure.
  Result<std::vector<Token>> Tokenize(std::string_view text, TokenizeMode mode,
                                      StemLanguage language);

 private:
  struct Impl;
  explicit TextAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::store::internal
