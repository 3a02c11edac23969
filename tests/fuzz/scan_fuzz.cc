// Fuzzes the identifier scanner, which the gate runs on every cell of a city's table and a
// receiver on every cell of a body it is offered: free text typed by citizens, in any script,
// valid UTF-8 or not, of any length.
//
// Input: the first byte is the column context (bit 0: phone, bit 1: DNI), the rest is the value.
// With a first byte of 0x80..0x83 the value is repeated until it is 1 MiB: a huge cell of one
// pattern (a thousand e-mail addresses, names, digits) must still scan in linear time.
// What a user relies on, checked on every input:
// - Scan keeps what was already in its output and appends findings that are non-empty, inside
//   the value, in order and non-overlapping (Redact's precondition);
// - Redact replaces exactly the findings by "[removed]" and keeps every other byte, so no
//   finding's text is left at its place, and a valid UTF-8 value stays valid UTF-8 (a finding
//   never splits a character);
// - the column-name and lone-name checks take any bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/identifiers.h"
#include "protocol/vocabulary.h"

using namespace citynet;
using namespace citynet::privacy;

namespace {

constexpr std::size_t kHuge = 1u << 20;

// Costly to construct (name lists, phone metadata): once per process, as the gate does.
const IdentifierScanner& Scanner() {
  static const IdentifierScanner* const scanner = new IdentifierScanner();
  return *scanner;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Scanner();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  ColumnContext context;
  context.phone = (data[0] & 1) != 0;
  context.dni = (data[0] & 2) != 0;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 0xFC) == 0x80 && !input.empty()) {
    const std::size_t once = input.size();
    while (input.size() < kHuge) input.append(input, 0, std::min(once, kHuge - input.size()));
  }
  const std::string_view value = input;

  // A finding of an earlier cell in the caller's vector stays first and unchanged.
  const Finding earlier{IdentifierKind::kEmail, 0, 0};
  std::vector<Finding> out = {earlier};
  Scanner().Scan(value, context, out);
  if (out.empty() || !(out.front() == earlier)) __builtin_trap();
  const std::vector<Finding> findings(out.begin() + 1, out.end());

  std::size_t previous_end = 0;
  for (const Finding& f : findings) {
    if (f.begin >= f.end || f.end > value.size() || f.begin < previous_end) __builtin_trap();
    previous_end = f.end;
  }

  const std::string redacted = IdentifierScanner::Redact(value, findings);
  // Redact's contract, said independently: the bytes between findings as they were, and
  // "[removed]" where each finding was.
  std::size_t at = 0;
  std::size_t pos = 0;
  for (const Finding& f : findings) {
    const std::size_t keep = f.begin - pos;
    if (redacted.compare(at, keep, value, pos, keep) != 0) __builtin_trap();
    at += keep;
    if (redacted.compare(at, 9, "[removed]") != 0) __builtin_trap();
    at += 9;
    pos = f.end;
  }
  if (redacted.compare(at, std::string::npos, value, pos) != 0) __builtin_trap();
  if (redacted.size() != at + (value.size() - pos)) __builtin_trap();
  if (protocol::IsValidUtf8(value) && !protocol::IsValidUtf8(redacted)) __builtin_trap();

  (void)Scanner().IsLoneName(value);
  (void)IdentifierColumnByName(value);
  (void)ColumnContextFor(value);
  return 0;
}
