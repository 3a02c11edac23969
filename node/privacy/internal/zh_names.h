// Detector for personal names written in Chinese characters: a surname of one or two characters
// and a given name of one or two more.
#pragma once

#include <memory>
#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

class ChineseNameDetector {
 public:
  ChineseNameDetector();
  ~ChineseNameDetector();
  ChineseNameDetector(const ChineseNameDetector&) = delete;
  ChineseNameDetector& operator=(const ChineseNameDetector&) = delete;

  // Appends names (kind kName) not overlapping `taken` to it. Const; safe from several threads.
  void Find(std::string_view v, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
