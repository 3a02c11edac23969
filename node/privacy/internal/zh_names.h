// Detector for personal names written in Chinese characters: a surname of one or two characters
// and a given name of one or two more (王芳, 王建国, 欧阳娜娜, 陳建國), and a surname with a title
// (王先生, 张老师, 老王, 小李). Chinese is written without spaces and most surname characters are
// also ordinary morphemes (周末, 高速, 黄河, 石家庄), so the detector segments each run of Han
// characters with a unigram word model in which a candidate name is one more kind of word, and
// reports the names on the best segmentation. Its tables (word and character costs, surnames,
// titles, traditional forms) are generated at build time from jieba's dictionary by
// node/privacy/make_zh_lexicon.py and compiled in.
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
  // to it. A finding covers the name only: for 王建国先生 the span is 王建国, for 王先生 and
  // 老王 it is 王. Simplified and traditional characters alike; names may sit anywhere in a
  // sentence, next to Latin text, digits or punctuation, or fill the value. Linear in the size
  // of `v`; no heap allocation. Const; safe from several threads.
  void Find(std::string_view v, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
