// What the identifier scanner finds, in the forms the detector tests compare: shared by the
// tests of each detector family.

#ifndef CITYNET_TESTS_NODE_SCANNER_TEST_UTIL_H_
#define CITYNET_TESTS_NODE_SCANNER_TEST_UTIL_H_

#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/identifiers.h"

namespace citynet::privacy::scanner_test {

// One scanner per test process: building it loads the name dictionaries.
// This thread's CPU time in seconds: the linear-time checks time the scanner with it, since on
// a busy machine other processes take wall-clock time, not this thread's CPU time.
inline double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

inline const IdentifierScanner& Scanner() {
  static const IdentifierScanner* scanner = new IdentifierScanner();
  return *scanner;
}

// What Scan finds in `value`, as (kind, text) pairs in order.
inline std::vector<std::pair<IdentifierKind, std::string>> Find(
    std::string_view value, ColumnContext context = {},
    const IdentifierScanner& scanner = Scanner()) {
  std::vector<Finding> findings;
  scanner.Scan(value, context, findings);
  std::vector<std::pair<IdentifierKind, std::string>> found;
  for (const Finding& f : findings) {
    found.emplace_back(f.kind, std::string(value.substr(f.begin, f.end - f.begin)));
  }
  return found;
}

// The texts of the findings of one kind, in order.
inline std::vector<std::string> FindKind(std::string_view value, IdentifierKind kind,
                                         ColumnContext context = {}) {
  std::vector<std::string> texts;
  for (auto& [k, text] : Find(value, context)) {
    if (k == kind) texts.push_back(std::move(text));
  }
  return texts;
}

// The personal names Scan finds in `value`, in order.
inline std::vector<std::string> Names(std::string_view value) {
  return FindKind(value, IdentifierKind::kName);
}

}  // namespace citynet::privacy::scanner_test

#endif  // CITYNET_TESTS_NODE_SCANNER_TEST_UTIL_H_
