// Detector for phone numbers: a tokenizer finds number-like runs; libphonenumber's metadata and
// the words around decide.
#pragma once

#include <memory>
#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

class PhoneDetector {
 public:
  explicit PhoneDetector(const ScanOptions& options);
  ~PhoneDetector();
  PhoneDetector(const PhoneDetector&) = delete;
  PhoneDetector& operator=(const PhoneDetector&) = delete;

  // Appends phone numbers not overlapping `taken` to it. Const; safe from several threads.
  void Find(std::string_view v, const ColumnContext& context, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
