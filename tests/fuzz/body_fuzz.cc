// Fuzzes what a receiving node runs on a dataset body before it stores a byte of it: a
// BodyChecker for a fixed, valid record (body_dataset.h) fed chunks in any order, checked
// (CheckChunk) or only counted (CountChunk), then Finish. Chunk bytes come from a peer; the
// record's hashes are not checked here (the caller did), so any bytes reach the checker.
//
// Input: calls separated by the byte 0x1E; each call is one op byte and the chunk's bytes.
//   op & 3     the chunk index (3 is beyond the record's three chunks)
//   op & 0x40  CountChunk instead of CheckChunk      ('0'..'3' check, 'p'..'s' count)
// At most 16 calls. What a user relies on, checked on every input:
// - a refused call changes nothing: a second checker given only the accepted calls accepts
//   each of them and ends with the same Finish;
// - a chunk is taken once, and only for an index of the record;
// - a chunk that CheckChunk accepts holds no identifier in any cell (chunk 0 starts with the
//   record's header), and CountChunk would accept it too;
// - Finish accepts only a body of every chunk, with the record's row count, in which every
//   combination of the quasi-identifiers occurs at least k times with at least l values of the
//   sensitive column, counted here over the accepted chunks.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/csv.h"
#include "node/privacy/gate.h"
#include "node/privacy/identifiers.h"
#include "protocol/crypto.h"
#include "protocol/validate.h"
#include "tests/fuzz/body_dataset.h"

using namespace citynet;
using namespace citynet::privacy;

namespace {

constexpr std::size_t kMaxCalls = 16;

struct Fixture {
  Gate gate;  // costly to construct: once per process
  protocol::Dataset dataset = fuzz::BodyDataset();
};

const Fixture& TheFixture() {
  static const Fixture* const fixture = new Fixture();
  return *fixture;
}

struct Call {
  uint32_t index;
  bool count_only;
  std::string_view bytes;
};

Status Apply(BodyChecker& checker, const Call& call) {
  return call.count_only ? checker.CountChunk(call.index, call.bytes)
                         : checker.CheckChunk(call.index, call.bytes);
}

// The chunk's rows as the checker must read them, or nothing when it is not CSV of the record's
// width.
std::optional<CsvTable> Rows(const Call& call, std::size_t columns) {
  CsvOptions options;
  options.delimiter = ',';
  options.columns_without_header = call.index == 0 ? 0 : columns;
  Result<CsvTable> t = ParseCsv(std::string(call.bytes), options);
  if (!t.ok()) return std::nullopt;
  return std::move(*t);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!protocol::InitCrypto().ok()) __builtin_trap();
  const Fixture& f = TheFixture();
  if (!protocol::ValidateDataset(f.dataset).empty()) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const Fixture& f = TheFixture();
  const protocol::Dataset& d = f.dataset;
  const std::size_t chunks = d.body.chunks.size();
  const std::size_t ncols = d.columns.size();

  std::vector<Call> calls;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t at = 0; at < input.size() && calls.size() < kMaxCalls;) {
    std::size_t end = input.find('\x1e', at);
    if (end == std::string_view::npos) end = input.size();
    if (end > at) {
      const auto op = static_cast<uint8_t>(input[at]);
      calls.push_back(Call{op & 3u, (op & 0x40) != 0, input.substr(at + 1, end - at - 1)});
    }
    at = end + 1;
  }

  BodyChecker checker(f.gate, d);
  std::vector<Call> accepted;
  std::vector<bool> taken(chunks, false);
  for (const Call& call : calls) {
    const Status s = Apply(checker, call);
    const bool expect_refusal = call.index >= chunks || taken[call.index];
    if (expect_refusal && s.ok()) __builtin_trap();
    if (!s.ok()) {
      if (s.code() != StatusCode::kInvalidArgument) __builtin_trap();
      continue;
    }
    taken[call.index] = true;
    accepted.push_back(call);
    const std::optional<CsvTable> rows = Rows(call, ncols);
    if (!rows || rows->columns() != ncols) __builtin_trap();
    if (call.index == 0) {
      for (std::size_t c = 0; c < ncols; ++c) {
        if (rows->header()[c] != d.columns[c].name) __builtin_trap();
      }
    }
    if (!call.count_only) {
      std::vector<Finding> findings;
      for (std::size_t r = 0; r < rows->rows(); ++r) {
        for (std::size_t c = 0; c < ncols; ++c) {
          f.gate.scanner().Scan(rows->cell(r, c), ColumnContextFor(d.columns[c].name), findings);
        }
      }
      if (!findings.empty()) __builtin_trap();
      BodyChecker counter(f.gate, d);
      if (!counter.CountChunk(call.index, call.bytes).ok()) __builtin_trap();
    }
  }
  const Status finished = checker.Finish();

  // Refusals left no trace.
  BodyChecker mirror(f.gate, d);
  for (const Call& call : accepted) {
    if (!Apply(mirror, call).ok()) __builtin_trap();
  }
  if (!(mirror.Finish() == finished)) __builtin_trap();

  if (!finished.ok()) {
    if (finished.code() != StatusCode::kFailedPrecondition) __builtin_trap();
    return 0;
  }
  // What Finish promised, counted here with the combination as a list of values.
  if (accepted.size() != chunks) __builtin_trap();
  std::map<std::vector<std::string>, std::set<std::string>> groups;
  std::map<std::vector<std::string>, uint64_t> sizes;
  uint64_t rows_total = 0;
  for (const Call& call : accepted) {
    const std::optional<CsvTable> rows = Rows(call, ncols);
    for (std::size_t r = 0; r < rows->rows(); ++r) {
      // Columns 0 and 1 are the quasi-identifiers, 2 the sensitive one.
      std::vector<std::string> key = {std::string(rows->cell(r, 0)), std::string(rows->cell(r, 1))};
      groups[key].insert(std::string(rows->cell(r, 2)));
      ++sizes[key];
    }
    rows_total += rows->rows();
  }
  if (rows_total != d.body.row_count) __builtin_trap();
  for (const auto& [key, n] : sizes) {
    if (n < d.privacy.k_required) __builtin_trap();
    if (groups[key].size() < d.privacy.l_required) __builtin_trap();
  }
  return 0;
}
