// Detector for personal names written in the Latin alphabet, from compiled-in lists of given
// names and surnames.
#pragma once

#include <memory>
#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

class NameDetector {
 public:
  NameDetector();
  ~NameDetector();
  NameDetector(const NameDetector&) = delete;
  NameDetector& operator=(const NameDetector&) = delete;

  // Appends names not overlapping `taken` to it. Const; safe from several threads.
  void Find(std::string_view v, Candidates& taken) const;
  // Whether the whole of `value` (trimmed) is one known given name or surname.
  bool IsLoneName(std::string_view value) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
