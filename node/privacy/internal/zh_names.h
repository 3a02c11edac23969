// Detector for personal names written in Chinese characters: a surname of one or two characters
// (any in use, the rare ones of the Hundred Family Surnames too) and a given name of one or two
// more (王芳, 王建国, 欧阳娜娜, 陳建國, 周 璐), a surname with a title, role or kinship word
// (王先生, 郭经理, 牟阿姨, 老王, 小李), and foreign names transliterated into Chinese characters
// (安娜·冈萨雷斯, or 安娜 after a role word). Chinese is written without spaces and most surname
// characters are also ordinary morphemes (周末, 高速, 黄河, 石家庄), so the detector segments each
// run of Han characters with a unigram word model in which each kind of name is one more kind of
// word, and reports the names on the best segmentation. Its tables (word and character costs,
// surnames, titles, transliteration characters, traditional forms) are generated at build time from
// jieba's dictionary by node/privacy/make_zh_lexicon.py and compiled in.
#pragma once

#include <memory>
#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

class ChineseNameDetector {
 public:
  // Cheap: the tables are static data; nothing is built.
  ChineseNameDetector();
  ~ChineseNameDetector();
  ChineseNameDetector(const ChineseNameDetector&) = delete;
  ChineseNameDetector& operator=(const ChineseNameDetector&) = delete;

  // Appends names (kind kName, priority kPriorityName) found in `v` that do not overlap `taken`
  // to it. A full name's finding covers the name only (王建国先生: 王建国); a bare surname's
  // covers its title too (王先生, 郭经理, 老王), which together point at one person; a dotted
  // foreign name's covers all its parts and dots (安娜·冈萨雷斯), a spaced name's the space
  // (周 璐). Simplified and traditional characters alike; names may sit anywhere in a sentence,
  // next to Latin text, digits or punctuation, or fill the value. Linear in the size of `v`; no
  // heap allocation unless more than 16 findings are in `taken` already. Const; safe from
  // several threads.
  void Find(std::string_view v, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
