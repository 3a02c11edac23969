#include "node/privacy/gate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "node/privacy/anonymise.h"
#include "node/privacy/csv.h"
#include "node/privacy/identifiers.h"
#include "node/privacy/internal/wording.h"
#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "protocol/validate.h"

namespace citynet::privacy {
namespace {

using internal::JoinNames;
using internal::kIdentifierColumnShare;
using internal::Percent;
using internal::Thousands;

// A column whose first kEarlySample non-empty values are at least kEarlyShare identifiers is
// dropped without reading the rest.
constexpr uint64_t kEarlySample = 2000;
constexpr double kEarlyShare = 0.9;
// Values read to guess a column's quasi-identifier hierarchy and its type.
constexpr std::size_t kSampleValues = 1000;
// At most this many distinct values (and each on average at least kCategoryRepeat times) make a
// text column a category.
constexpr std::size_t kMaxCategoryValues = 50;
constexpr std::size_t kCategoryRepeat = 4;
constexpr std::size_t kMinChunkBytes = 1024;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether the findings cover the cell: what is left outside them is only spaces and punctuation
// (a cell that is an identifier, as opposed to text that mentions one).
bool Covers(std::string_view value, const std::vector<Finding>& findings) {
  std::size_t at = 0;
  std::size_t left = 0;
  auto count = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const auto c = static_cast<unsigned char>(value[i]);
      if (std::isalnum(c) != 0 || c >= 0x80) ++left;
    }
  };
  for (const Finding& f : findings) {
    count(at, f.begin);
    at = f.end;
  }
  count(at, value.size());
  return left <= 2;
}

std::string_view Trim(std::string_view v) {
  while (!v.empty() && IsSpace(v.front())) v.remove_prefix(1);
  while (!v.empty() && IsSpace(v.back())) v.remove_suffix(1);
  return v;
}

bool IsInteger(std::string_view v) {
  if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
  if (v.empty() || v.size() > 18) return false;
  if (v.size() > 1 && v.front() == '0') return false;  // leading zeros mark codes
  return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsDecimal(std::string_view v) {
  if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
  const std::size_t dot = v.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == v.size()) return false;
  const std::string_view whole = v.substr(0, dot);
  const std::string_view frac = v.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(whole) && digits(frac) && (whole.size() == 1 || whole.front() != '0');
}

bool IsBoolean(std::string_view v) {
  std::string lower(v);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 10> kWords = {"true", "false", "yes", "no", "ja",
                                                              "nej",  "si",    "sí",  "是", "否"};
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool IsIsoDate(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (v[i] < '0' || v[i] > '9') return false;
  }
  const int month = (v[5] - '0') * 10 + (v[6] - '0');
  const int day = (v[8] - '0') * 10 + (v[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The type of a published column, from its values.
protocol::ColumnType InferType(const std::vector<std::string_view>& values, bool generalised) {
  std::size_t filled = 0, integers = 0, decimals = 0, booleans = 0, dates = 0;
  std::set<std::string_view> distinct;
  for (std::string_view raw : values) {
    const std::string_view v = Trim(raw);
    if (v.empty()) continue;
    ++filled;
    if (IsInteger(v)) {
      ++integers;
    } else if (IsDecimal(v)) {
      ++decimals;
    } else if (IsIsoDate(v)) {
      ++dates;
    } else if (IsBoolean(v)) {
      ++booleans;
    }
    if (distinct.size() <= kMaxCategoryValues) distinct.insert(v);
  }
  if (filled == 0) return protocol::ColumnType::kText;
  const bool few =
      distinct.size() <= kMaxCategoryValues && filled >= kCategoryRepeat * distinct.size();
  if (generalised) return protocol::ColumnType::kCategory;  // bands and masks are labels
  if (integers == filled) return protocol::ColumnType::kInteger;
  if (integers + decimals == filled) return protocol::ColumnType::kDecimal;
  if (dates == filled) return protocol::ColumnType::kDate;
  if (booleans == filled) return protocol::ColumnType::kBoolean;
  return few ? protocol::ColumnType::kCategory : protocol::ColumnType::kText;
}

// "3 CPR numbers and 2 e-mail addresses"
std::string DescribeKinds(const std::map<IdentifierKind, uint64_t>& kinds) {
  std::vector<std::string> parts;
  for (const auto& [kind, n] : kinds) {
    parts.push_back(fmt::format("{} {}", Thousands(n), IdentifierKindName(kind)));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

IdentifierKind MostFrequent(const std::map<IdentifierKind, uint64_t>& kinds, uint64_t names) {
  IdentifierKind best = IdentifierKind::kName;
  uint64_t best_n = names;
  for (const auto& [kind, n] : kinds) {
    if (n > best_n) {
      best = kind;
      best_n = n;
    }
  }
  return best;
}

// How many times a cleaned value is scanned again: removing one identifier can bring another
// into view (a phone number whose keyword was part of a name), and the receiver scans what is
// published. A cell still not clean after that is removed whole.
constexpr int kCleanRounds = 4;
// Advice in a dry run: at most this many what-if runs of the anonymisation.
constexpr std::size_t kMaxAdviceRuns = 6;
// The gate tells the owner of the text it is done with a part of it in steps of this size.
constexpr std::size_t kReleaseStep = std::size_t{32} << 20;

using protocol::ColumnRole;

// One input column as the gate sees it through its passes.
struct ColumnPlan {
  std::string name;
  ColumnRole role = ColumnRole::kQuasiIdentifier;
  std::string reason;
  bool declared = false;
  bool recognised = true;  // see NamedRole
  bool published = false;
  bool by_name = false;       // an identifier by its name: never read
  bool scan_stopped = false;  // plainly a column of identifiers: the rest was not read
  uint64_t filled = 0, identifier_cells = 0, lone_names = 0;
  std::map<IdentifierKind, uint64_t> kinds;
  std::unordered_map<uint32_t, std::string> redacted;  // row -> cleaned value
  ColumnShape shape;
  ColumnContext context;
  std::string cleaned;  // "removed 3 CPR numbers from 2 of 200 values"
  int quasi = -1;       // index among the quasi-identifiers
  int sensitive = -1;   // index among the sensitive columns
};

// Stable storage for many small strings: blocks that never move.
class Arena {
 public:
  std::string_view Add(std::string_view v) {
    if (blocks_.empty() || used_ + v.size() > kBlock) {
      blocks_.push_back(std::make_unique<char[]>(std::max(kBlock, v.size())));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, v.data(), v.size());
    used_ += v.size();
    return {at, v.size()};
  }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0;
};

// A column dictionary-encoded for Anonymise: codes per row into distinct values, copied into
// `own` (the text they came from may leave memory between passes: see GateOptions::release).
struct Encoded {
  std::vector<uint32_t> codes;
  std::vector<std::string_view> distinct;
  Arena own;
};

// What a failure of the gate's own check says: a bug, never the publisher's doing.
constexpr std::string_view kOwnCheckFailed =
    "the gate's own output fails the check every receiving node makes; nothing was published: "
    "please report this";

// Cuts the body into chunks at row boundaries, about options.chunk_bytes each, and checks each
// as a receiver will (BodyChecker) before it is addressed and handed on: a body a partner would
// refuse is never offered.
class ChunkWriter {
 public:
  // `record` is what the checker checks against (copied).
  ChunkWriter(const Gate& gate, const protocol::Dataset& record, const GateOptions& options,
              GateOutput& out)
      : checker_(gate, record, BodyChecker::kOwnOutput), options_(options), out_(out) {
    chunk_.reserve(options_.chunk_bytes + 4096);
  }

  // Chunk 0 starts with the header.
  Status Start(const std::vector<std::string_view>& header) {
    AppendCsvRow(chunk_, header);
    if (chunk_.size() > protocol::kMaxChunkBytes) {
      return InvalidArgument("the header alone is larger than a chunk (1 MiB): shorten the names");
    }
    return Status::Ok();
  }

  // Adds a written row, after handing on the chunk so far when the row would make it too large.
  Status Add(std::string_view row) {
    // Every chunk holds at least one row (the first also the header): a receiver refuses one
    // without rows.
    if (rows_in_chunk_ > 0 && chunk_.size() + row.size() > options_.chunk_bytes) {
      CITYNET_RETURN_IF_ERROR(Flush());
      rows_in_chunk_ = 0;
    }
    chunk_ += row;
    ++rows_in_chunk_;
    return Status::Ok();
  }

  // Hands on the last chunk, if any rows are left in it.
  Status FlushLast() { return chunk_.empty() ? Status::Ok() : Flush(); }

  // After the last chunk: the body as a whole (rows, k and l) passes the receiver's check.
  Status Finish(uint64_t rows) const {
    return checker_.Finish(index_, rows).WithContext(kOwnCheckFailed);
  }

 private:
  Status Flush() {
    CITYNET_RETURN_IF_ERROR(checker_.CheckChunk(index_, chunk_).WithContext(kOwnCheckFailed));
    out_.body.chunks.push_back(
        {protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(chunk_)),
         static_cast<uint32_t>(chunk_.size())});
    out_.body.total_size += chunk_.size();
    if (options_.sink) {
      CITYNET_RETURN_IF_ERROR(options_.sink(index_, chunk_));
    } else if (!options_.dry_run) {
      out_.chunks.push_back(chunk_);
    }
    ++index_;
    chunk_.clear();
    return Status::Ok();
  }

  BodyChecker checker_;  // kOwnOutput: learns the chunk count at the end
  const GateOptions& options_;
  GateOutput& out_;
  std::string chunk_;
  uint32_t index_ = 0;
  std::size_t rows_in_chunk_ = 0;
};

// One run of the gate over one table.
class Run {
 public:
  Run(const Gate& gate, std::string_view text, const GateOptions& options)
      : gate_(gate), text_(text), options_(options) {}

  Result<GateOutput> Go();

 private:
  void Progress(std::string_view stage, double done) const {
    if (options_.progress) options_.progress(stage, done);
  }
  Status CheckOptions() const;
  Status Open();
  Status Declared();
  Status Profile();
  Status AssignRoles();
  Status Encode();
  Result<AnonymiseResult> Anonymised(const std::vector<std::size_t>& quasi_columns,
                                     double max_suppression) const;
  Status Anonymise();
  void Advise();
  Status Write();
  // The stages of Write.
  protocol::Dataset RecordToCheck();
  Status WriteRows(const std::vector<bool>& suppressed, ChunkWriter& writer,
                   std::vector<std::vector<std::string>>& type_samples, uint64_t& rows_out);
  void TypeColumns(const std::vector<std::vector<std::string>>& type_samples);
  // How input column `c` was generalised ("bands of 500"), "" when it is published as is.
  std::string GeneralisationOf(std::size_t c) const;
  void Report();
  // A refusal: an error, or in a dry run the result that says it.
  Result<GateOutput> Refuse(Status status);

  // Tells the owner of the text that the current pass is done with everything before the row
  // the reader is at, in steps of kReleaseStep; `all` at the end of a pass.
  void Release(bool all) {
    if (!options_.release) return;
    const std::size_t at = all ? text_.size() : reader_->offset();
    if (at < released_ + kReleaseStep && !all) return;
    if (at > released_) options_.release(released_, at);
    released_ = all ? 0 : at;
  }

  std::string_view Cell(std::size_t c, uint32_t row, std::string_view raw) const {
    const auto& redacted = plans_[c].redacted;
    if (redacted.empty()) return raw;
    const auto it = redacted.find(row);
    return it == redacted.end() ? raw : std::string_view(it->second);
  }

  const Gate& gate_;
  std::string_view text_;
  const GateOptions& options_;
  std::optional<CsvReader> reader_;
  std::vector<ColumnPlan> plans_;
  std::map<std::string, std::size_t> index_;
  std::map<std::size_t, ColumnRole> declared_;
  std::size_t rows_ = 0;
  uint32_t l_ = 0;
  std::vector<std::size_t> quasi_columns_, sensitive_columns_, kept_;
  std::vector<Encoded> encoded_;  // per column index, for quasi-identifiers and sensitive ones
  std::vector<Hierarchy> hierarchies_;  // per quasi-identifier
  AnonymiseResult anonymised_;
  std::vector<std::string> notes_;
  std::size_t released_ = 0;  // the text before this offset was released in this pass
  GateOutput out_;
};

Status Run::CheckOptions() const {
  if (options_.k < 2) {
    return InvalidArgument(
        fmt::format("k = {} protects no one: use k of at least 2 (5 is usual)", options_.k));
  }
  if (!(options_.max_suppression >= 0.0 && options_.max_suppression <= 1.0)) {
    return InvalidArgument(
        fmt::format("the suppression bound {} is not a share between 0 and 1 (0.05 is 5 %)",
                    options_.max_suppression));
  }
  if (options_.chunk_bytes < kMinChunkBytes || options_.chunk_bytes > protocol::kMaxChunkBytes) {
    return InvalidArgument(fmt::format("chunk size {} is outside {}..{} bytes",
                                       options_.chunk_bytes, kMinChunkBytes,
                                       protocol::kMaxChunkBytes));
  }
  return Status::Ok();
}

Status Run::Open() {
  Progress("reading", 0);
  CsvOptions csv_options;
  csv_options.delimiter = options_.delimiter;
  Result<CsvReader> reader = CsvReader::Open(text_, csv_options);
  if (!reader.ok()) return reader.status().WithContext("the table cannot be read");
  reader_.emplace(std::move(reader).value());
  const std::vector<std::string>& header = reader_->header();
  plans_.resize(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    if (name.size() > 128) {
      return InvalidArgument(
          fmt::format("the name of column {} is {} bytes long: shorten it to 128 or fewer", c + 1,
                      name.size()));
    }
    plans_[c].name = name;
    index_.emplace(name, c);
  }
  return Status::Ok();
}

Status Run::Declared() {
  auto declare = [&](const std::vector<std::string>& names, ColumnRole role,
                     std::string_view what) -> Status {
    for (const std::string& n : names) {
      const auto it = index_.find(n);
      if (it == index_.end()) {
        return InvalidArgument(
            fmt::format("the {} column '{}' is not in the table; its columns "
                        "are {}",
                        what, n, JoinNames(reader_->header())));
      }
      const auto [at, added] = declared_.emplace(it->second, role);
      if (!added && at->second != role) {
        return InvalidArgument(fmt::format("column '{}' is declared both {} and {}: choose one", n,
                                           protocol::ColumnRoleName(at->second),
                                           protocol::ColumnRoleName(role)));
      }
    }
    return Status::Ok();
  };
  CITYNET_RETURN_IF_ERROR(
      declare(options_.quasi_identifiers, ColumnRole::kQuasiIdentifier, "quasi-identifier"));
  CITYNET_RETURN_IF_ERROR(declare(options_.sensitive_columns, ColumnRole::kSensitive, "sensitive"));
  CITYNET_RETURN_IF_ERROR(
      declare(options_.insensitive_columns, ColumnRole::kInsensitive, "insensitive"));
  CITYNET_RETURN_IF_ERROR(declare(options_.keep_text, ColumnRole::kFreeText, "kept text"));
  return Status::Ok();
}

// Pass 1: every cell of every column not dropped by its name is scanned and profiled.
Status Run::Profile() {
  for (ColumnPlan& plan : plans_) {
    if (const auto kind = IdentifierColumnByName(plan.name)) {
      plan.by_name = true;
      plan.role = ColumnRole::kIdentifier;
      plan.reason = fmt::format("its name says it holds {}", IdentifierKindName(*kind));
    }
    plan.context = ColumnContextFor(plan.name);
  }
  const IdentifierScanner& scanner = gate_.scanner();
  std::vector<std::string_view> fields;
  std::vector<Finding> findings;
  std::size_t row = 0;
  for (;; ++row) {
    Result<bool> got = reader_->Next(fields);
    if (!got.ok()) return got.status().WithContext("the table cannot be read");
    if (!*got) break;
    if (row >= UINT32_MAX - 1) {
      return InvalidArgument(
          "the table has more than 4 billion rows: split it into smaller tables");
    }
    for (std::size_t c = 0; c < plans_.size(); ++c) {
      ColumnPlan& plan = plans_[c];
      if (plan.by_name || plan.scan_stopped) continue;
      const std::string_view v = fields[c];
      if (Trim(v).empty()) continue;
      if (plan.filled == kEarlySample &&
          static_cast<double>(plan.identifier_cells + plan.lone_names) >=
              kEarlyShare * static_cast<double>(plan.filled)) {
        // Plainly a column of identifiers: dropping it needs no scan of the rest (dropping is
        // the safe way to be wrong).
        plan.scan_stopped = true;
        plan.redacted.clear();
        continue;
      }
      ++plan.filled;
      findings.clear();
      scanner.Scan(v, plan.context, findings);
      if (findings.empty()) {
        if (scanner.IsLoneName(v)) ++plan.lone_names;
        plan.shape.Add(v);
        continue;
      }
      if (Covers(v, findings)) ++plan.identifier_cells;
      for (const Finding& f : findings) ++plan.kinds[f.kind];
      std::string cleaned = IdentifierScanner::Redact(v, findings);
      for (int round = 1;; ++round) {
        findings.clear();
        scanner.Scan(cleaned, plan.context, findings);
        if (findings.empty()) break;
        if (round == kCleanRounds) {
          // Still not clean: nothing of the cell is worth the risk.
          cleaned = "[removed]";
          break;
        }
        for (const Finding& f : findings) ++plan.kinds[f.kind];
        cleaned = IdentifierScanner::Redact(cleaned, findings);
      }
      plan.shape.Add(cleaned);
      plan.redacted.emplace(static_cast<uint32_t>(row), std::move(cleaned));
    }
    if (row % 4096 == 0) {
      Progress("scanning", reader_->done());
      Release(false);
    }
  }
  Release(true);
  rows_ = row;
  if (rows_ == 0) {
    return InvalidArgument("the table has a header but no rows: there is nothing to publish");
  }
  Progress("scanning", 1);
  return Status::Ok();
}

Status Run::AssignRoles() {
  for (std::size_t c = 0; c < plans_.size(); ++c) {
    ColumnPlan& plan = plans_[c];
    const auto declared = declared_.find(c);
    // Identifiers first, whatever was declared: dropping is the safe way to be wrong.
    if (plan.by_name) {
      if (declared != declared_.end()) {
        notes_.push_back(fmt::format("'{}' was declared {} but is dropped: {}.", plan.name,
                                     protocol::ColumnRoleName(declared->second), plan.reason));
      }
      continue;
    }
    const uint64_t identifying = plan.identifier_cells + plan.lone_names;
    if (plan.scan_stopped ||
        (plan.filled > 0 && static_cast<double>(identifying) >=
                                kIdentifierColumnShare * static_cast<double>(plan.filled))) {
      plan.role = ColumnRole::kIdentifier;
      plan.reason = fmt::format(
          "{} of its {}values are {}",
          Percent(static_cast<double>(identifying) / static_cast<double>(plan.filled)),
          plan.scan_stopped ? fmt::format("first {} ", Thousands(kEarlySample)) : std::string(),
          IdentifierKindName(MostFrequent(plan.kinds, plan.lone_names)));
      plan.redacted.clear();
      if (declared != declared_.end()) {
        notes_.push_back(fmt::format("'{}' was declared {} but is dropped: {}.", plan.name,
                                     protocol::ColumnRoleName(declared->second), plan.reason));
      }
      continue;
    }
    const NamedRole ruled = RoleFromShape(plan.name, plan.shape);
    if (declared != declared_.end()) {
      CITYNET_RETURN_IF_ERROR(CheckDeclaredRole(plan.name, declared->second, ruled));
      plan.role = declared->second;
      plan.declared = true;
      plan.reason = declared->second == ColumnRole::kFreeText
                        ? "free text kept by the publisher; every identifier found is removed"
                        : "declared by the publisher";
    } else {
      plan.role = ruled.role;
      plan.reason = ruled.reason;
      plan.recognised = ruled.recognised;
    }
    if (plan.role == ColumnRole::kFreeText && !plan.declared) {
      plan.reason += "; dropped: keep it with --keep-text, and every identifier in it is removed";
      plan.redacted.clear();
      continue;
    }
    plan.published = true;
    if (!plan.redacted.empty()) {
      plan.cleaned = fmt::format("removed {} from {} of {} values", DescribeKinds(plan.kinds),
                                 Thousands(plan.redacted.size()), Thousands(plan.filled));
    }
    kept_.push_back(c);
    if (plan.role == ColumnRole::kQuasiIdentifier) {
      plan.quasi = static_cast<int>(quasi_columns_.size());
      quasi_columns_.push_back(c);
    } else if (plan.role == ColumnRole::kSensitive) {
      plan.sensitive = static_cast<int>(sensitive_columns_.size());
      sensitive_columns_.push_back(c);
    }
  }
  if (kept_.empty()) {
    return FailedPrecondition(
        "nothing is left to publish: every column holds direct identifiers (names, personal "
        "numbers, contact details) or free text that was not kept; publish a table of the facts "
        "you want to share without them, or keep a free-text column with --keep-text");
  }
  if (options_.l.value_or(0) > 0 && sensitive_columns_.empty()) {
    return InvalidArgument(fmt::format(
        "l = {} needs at least one sensitive column: name it with --sensitive", *options_.l));
  }
  l_ = options_.l.value_or(sensitive_columns_.empty() ? 0 : 2);
  return Status::Ok();
}

// Pass 2: the quasi-identifiers and sensitive columns, dictionary-encoded.
Status Run::Encode() {
  Progress("encoding", 0);
  encoded_.resize(plans_.size());
  std::vector<std::size_t> columns = quasi_columns_;
  columns.insert(columns.end(), sensitive_columns_.begin(), sensitive_columns_.end());
  if (columns.empty()) return Status::Ok();
  std::vector<std::unordered_map<std::string_view, uint32_t>> ids(plans_.size());
  for (std::size_t c : columns) encoded_[c].codes.reserve(rows_);
  reader_->Rewind();
  std::vector<std::string_view> fields;
  for (uint32_t row = 0;; ++row) {
    CITYNET_ASSIGN_OR_RETURN(bool got, reader_->Next(fields));
    if (!got) break;
    if (row % 4096 == 0) Release(false);
    for (std::size_t c : columns) {
      Encoded& e = encoded_[c];
      std::string_view v = Cell(c, row, fields[c]);
      auto it = ids[c].find(v);
      if (it == ids[c].end()) {
        v = e.own.Add(v);
        it = ids[c].emplace(v, static_cast<uint32_t>(e.distinct.size())).first;
        e.distinct.push_back(v);
      }
      e.codes.push_back(it->second);
    }
  }
  Release(true);
  for (std::size_t c : quasi_columns_) {
    const Encoded& e = encoded_[c];
    std::vector<std::string_view> sample;
    for (std::size_t r = 0; r < rows_ && sample.size() < kSampleValues; ++r) {
      sample.push_back(e.distinct[e.codes[r]]);
    }
    hierarchies_.push_back(HierarchyForValues(plans_[c].name, sample));
  }
  return Status::Ok();
}

Result<AnonymiseResult> Run::Anonymised(const std::vector<std::size_t>& quasi_columns,
                                        double max_suppression) const {
  std::vector<QuasiIdentifier> quasi;
  for (std::size_t c : quasi_columns) {
    const Encoded& e = encoded_[c];
    QuasiIdentifier q{plans_[c].name, hierarchies_[static_cast<std::size_t>(plans_[c].quasi)], {}};
    q.codes = e.codes;
    q.distinct = e.distinct;
    quasi.push_back(std::move(q));
  }
  std::vector<SensitiveColumn> sensitive;
  for (std::size_t c : sensitive_columns_) {
    SensitiveColumn s{plans_[c].name, {}};
    s.codes = encoded_[c].codes;
    s.distinct = encoded_[c].distinct;
    sensitive.push_back(std::move(s));
  }
  if (quasi.empty() && sensitive.empty()) {
    // No column singles anyone out: the whole table is one group.
    if (rows_ < options_.k) {
      return FailedPrecondition(fmt::format(
          "the table has {} rows, fewer than k = {}: publish at least {} rows or lower k", rows_,
          options_.k, options_.k));
    }
    AnonymiseResult whole;
    whole.rows = static_cast<uint32_t>(rows_);
    whole.k_reached = static_cast<uint32_t>(rows_);
    whole.groups = 1;
    return whole;
  }
  AnonymiseOptions o;
  o.k = options_.k;
  o.l = l_;
  o.max_suppression = max_suppression;
  o.allow_removal = options_.allow_removal;
  Result<AnonymiseResult> result = privacy::Anonymise(quasi, sensitive, o);
  if (!result.ok()) {
    std::vector<std::string> names;
    for (const QuasiIdentifier& q : quasi) names.push_back(q.name);
    return result.status().WithContext(
        fmt::format("the table cannot be published with k = {} over {}", options_.k,
                    names.empty() ? std::string("no quasi-identifier") : JoinNames(names)));
  }
  return result;
}

Status Run::Anonymise() {
  Progress("anonymising", 0);
  CITYNET_ASSIGN_OR_RETURN(anonymised_, Anonymised(quasi_columns_, options_.max_suppression));
  Progress("anonymising", 1);
  return Status::Ok();
}

// Dry runs: when a quasi-identifier ends removed, or the table cannot pass, what the publisher
// could change, each tried for real.
void Run::Advise() {
  std::vector<std::size_t> removed;
  if (out_.refusal.ok()) {
    for (std::size_t q = 0; q < anonymised_.columns.size(); ++q) {
      const ColumnGeneralisation& g = anonymised_.columns[q];
      if (g.description == "removed (*)") removed.push_back(quasi_columns_[q]);
    }
    if (removed.empty()) return;
  }
  // What a change does: keeps which removed columns (as what), or lets the table pass.
  auto judge = [&](const Result<AnonymiseResult>& r, const std::vector<std::size_t>& quasi,
                   const std::string& change) {
    if (!r.ok()) return;
    if (!out_.refusal.ok()) {
      out_.advice.push_back(fmt::format("{}: the table then passes (k = {}, {} rows suppressed).",
                                        change, r->k_reached,
                                        Thousands(r->suppressed_rows.size())));
      return;
    }
    std::vector<std::string> kept;
    for (std::size_t q = 0; q < quasi.size(); ++q) {
      if (std::find(removed.begin(), removed.end(), quasi[q]) == removed.end()) continue;
      if (r->columns[q].description != "removed (*)") {
        kept.push_back(fmt::format("'{}' ({})", plans_[quasi[q]].name, r->columns[q].description));
      }
    }
    if (!kept.empty()) {
      std::string joined;
      for (std::size_t i = 0; i < kept.size(); ++i) joined += (i > 0 ? ", " : "") + kept[i];
      out_.advice.push_back(fmt::format("{}: keeps {}.", change, joined));
    }
  };
  std::size_t runs = 0;
  for (double bound : {0.10, 0.20}) {
    if (bound <= options_.max_suppression || runs >= kMaxAdviceRuns) continue;
    ++runs;
    judge(Anonymised(quasi_columns_, bound), quasi_columns_,
          fmt::format("Allow {} of the rows to be suppressed (--max-suppression {})",
                      Percent(bound), bound));
  }
  // One quasi-identifier fewer: first those the gate could not classify (the publisher may know
  // they single no one out), then the others.
  std::vector<std::size_t> order;
  for (bool unrecognised : {true, false}) {
    for (std::size_t c : quasi_columns_) {
      if ((!plans_[c].recognised && !plans_[c].declared) == unrecognised) order.push_back(c);
    }
  }
  for (std::size_t other : order) {
    if (runs >= kMaxAdviceRuns) break;
    if (std::find(removed.begin(), removed.end(), other) != removed.end() && removed.size() == 1) {
      continue;
    }
    std::vector<std::size_t> rest;
    for (std::size_t c : quasi_columns_) {
      if (c != other) rest.push_back(c);
    }
    ++runs;
    const ColumnPlan& p = plans_[other];
    const std::string change =
        !p.recognised && !p.declared
            ? fmt::format(
                  "Declare '{}' insensitive (--insensitive '{}') if it cannot single "
                  "anyone out",
                  p.name, p.name)
            : fmt::format("Leave '{}' out of the table", p.name);
    judge(Anonymised(rest, options_.max_suppression), rest, change);
  }
  if (out_.advice.empty()) {
    out_.advice.push_back(
        "No single change tried (a higher suppression bound, one quasi-identifier fewer) keeps "
        "more: publish more rows, or fewer quasi-identifiers.");
  }
}

// Pass 3: the body, chunk by chunk, each checked as a receiver will before it is handed on.
Status Run::Write() {
  Progress("writing", 0);
  std::vector<bool> suppressed(rows_, false);
  for (uint32_t r : anonymised_.suppressed_rows) suppressed[r] = true;
  ChunkWriter writer(gate_, RecordToCheck(), options_, out_);
  std::vector<std::string_view> header;
  for (std::size_t c : kept_) header.push_back(plans_[c].name);
  CITYNET_RETURN_IF_ERROR(writer.Start(header));
  if (options_.dry_run && options_.preview_rows > 0) {
    out_.preview.emplace_back(header.begin(), header.end());
  }
  std::vector<std::vector<std::string>> type_samples(kept_.size());
  uint64_t rows_out = 0;
  CITYNET_RETURN_IF_ERROR(WriteRows(suppressed, writer, type_samples, rows_out));
  Release(true);
  CITYNET_RETURN_IF_ERROR(writer.FlushLast());
  out_.body.media_type = "text/csv";
  out_.body.row_count = rows_out;
  TypeColumns(type_samples);
  CITYNET_RETURN_IF_ERROR(writer.Finish(rows_out));
  Progress("writing", 1);
  return Status::Ok();
}

// The record the checker checks against: everything but the chunks, which it meets one by
// one. Columns are typed after the last chunk (the checker does not look at types); their
// generalisation is known already, and the checker reads band widths from it.
protocol::Dataset Run::RecordToCheck() {
  protocol::Dataset as_record;
  for (std::size_t c : kept_) {
    protocol::Column column;
    column.name = plans_[c].name;
    column.generalisation = GeneralisationOf(c);
    as_record.columns.push_back(std::move(column));
  }
  Report();
  as_record.privacy = out_.report;
  return as_record;
}

// The rows as published, suppressed ones left out: generalised quasi-identifiers, cleaned cells.
// Keeps the first values of each column for its type and the first rows for a preview.
Status Run::WriteRows(const std::vector<bool>& suppressed, ChunkWriter& writer,
                      std::vector<std::vector<std::string>>& type_samples, uint64_t& rows_out) {
  std::vector<std::string_view> fields(kept_.size());
  std::string row_text;
  reader_->Rewind();
  std::vector<std::string_view> input;
  for (uint32_t r = 0;; ++r) {
    CITYNET_ASSIGN_OR_RETURN(bool got, reader_->Next(input));
    if (!got) break;
    if (suppressed[r]) continue;
    for (std::size_t i = 0; i < kept_.size(); ++i) {
      const std::size_t c = kept_[i];
      if (plans_[c].quasi >= 0) {
        const auto q = static_cast<std::size_t>(plans_[c].quasi);
        fields[i] = anonymised_.Label(q, r);
      } else {
        fields[i] = Cell(c, r, input[c]);
      }
      if (type_samples[i].size() < kSampleValues) type_samples[i].emplace_back(fields[i]);
    }
    row_text.clear();
    AppendCsvRow(row_text, fields);
    if (row_text.size() > protocol::kMaxChunkBytes) {
      return InvalidArgument(fmt::format(
          "the row on line {} is {} bytes once written, more than a chunk can hold (1 MiB): "
          "shorten its long text",
          reader_->line(), Thousands(row_text.size())));
    }
    CITYNET_RETURN_IF_ERROR(writer.Add(row_text));
    if (out_.preview.size() > 0 && out_.preview.size() <= options_.preview_rows) {
      out_.preview.emplace_back(fields.begin(), fields.end());
    }
    ++rows_out;
    if (rows_out % 4096 == 0) {
      Progress("writing", static_cast<double>(r) / static_cast<double>(rows_));
      Release(false);
    }
  }
  return Status::Ok();
}

// The published columns of the record: each typed from the first values written, with how it
// was generalised.
std::string Run::GeneralisationOf(std::size_t c) const {
  if (plans_[c].quasi < 0) return "";
  const ColumnGeneralisation& g = anonymised_.columns[static_cast<std::size_t>(plans_[c].quasi)];
  return g.level > 0 ? g.description : "";
}

void Run::TypeColumns(const std::vector<std::vector<std::string>>& type_samples) {
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    const std::size_t c = kept_[i];
    protocol::Column column;
    column.name = plans_[c].name;
    column.generalisation = GeneralisationOf(c);
    const bool generalised = !column.generalisation.empty();
    std::vector<std::string_view> sample(type_samples[i].begin(), type_samples[i].end());
    column.type = InferType(sample, generalised);
    out_.columns.push_back(std::move(column));
  }
}

void Run::Report() {
  protocol::PrivacyReport& report = out_.report;
  report = protocol::PrivacyReport();
  out_.summary.clear();
  report.gate_version = kGateVersion;
  report.k_required = options_.k;
  report.k_reached = anonymised_.k_reached;
  report.l_required = l_;
  report.l_reached = anonymised_.l_reached;
  for (std::size_t c : quasi_columns_) report.quasi_identifiers.push_back(plans_[c].name);
  for (std::size_t c : sensitive_columns_) report.sensitive_columns.push_back(plans_[c].name);
  for (const ColumnPlan& plan : plans_) {
    report.column_roles.push_back(
        {plan.name, plan.role, plan.reason, plan.declared, plan.published});
    if (!plan.published) {
      report.dropped_columns.push_back({plan.name, plan.reason});
      out_.summary.push_back(fmt::format("Dropped '{}' ({}): {}.", plan.name,
                                         protocol::ColumnRoleName(plan.role), plan.reason));
    } else if (!plan.cleaned.empty()) {
      report.cleaned_columns.push_back({plan.name, plan.cleaned});
      out_.summary.push_back(fmt::format("Cleaned '{}': {}.", plan.name, plan.cleaned));
    }
  }
  for (std::size_t q = 0; q < anonymised_.columns.size(); ++q) {
    const ColumnGeneralisation& g = anonymised_.columns[q];
    if (g.level > 0) {
      report.generalised_columns.push_back({g.name, g.description});
      out_.summary.push_back(fmt::format("Generalised '{}': {}.", g.name, g.description));
    }
  }
  for (const std::string& note : notes_) out_.summary.push_back(note);
  report.rows_in = rows_;
  if (!out_.refusal.ok()) return;
  report.rows_suppressed = anonymised_.suppressed_rows.size();
  report.information_loss = std::clamp(anonymised_.information_loss, 0.0, 1.0);
  out_.summary.push_back(fmt::format(
      "Every combination of {} is shared by at least {} rows (k = {} required){}; {} of {} rows "
      "suppressed ({}); information loss {:.3f}.",
      report.quasi_identifiers.empty() ? std::string("columns")
                                       : JoinNames(report.quasi_identifiers),
      report.k_reached, report.k_required,
      report.l_required > 0
          ? fmt::format(", with at least {} values of {} in each (l = {})", report.l_reached,
                        JoinNames(report.sensitive_columns), report.l_required)
          : std::string(),
      Thousands(report.rows_suppressed), Thousands(rows_),
      Percent(static_cast<double>(report.rows_suppressed) / static_cast<double>(rows_)),
      report.information_loss));
}

Result<GateOutput> Run::Refuse(Status status) {
  if (!options_.dry_run || (status.code() != StatusCode::kFailedPrecondition)) return status;
  out_.refusal = std::move(status);
  anonymised_ = AnonymiseResult();
  Report();
  out_.summary.push_back("Would be refused: " + out_.refusal.message());
  if (!encoded_.empty()) Advise();
  return std::move(out_);
}

Result<GateOutput> Run::Go() {
  CITYNET_RETURN_IF_ERROR(CheckOptions());
  CITYNET_RETURN_IF_ERROR(Open());
  CITYNET_RETURN_IF_ERROR(Declared());
  CITYNET_RETURN_IF_ERROR(Profile());
  if (Status s = AssignRoles(); !s.ok()) return Refuse(std::move(s));
  CITYNET_RETURN_IF_ERROR(Encode());
  if (Status s = Anonymise(); !s.ok()) return Refuse(std::move(s));
  CITYNET_RETURN_IF_ERROR(Write());
  if (options_.dry_run) Advise();
  return std::move(out_);
}

}  // namespace

Gate::Gate() : scanner_(std::make_unique<IdentifierScanner>()) {}
Gate::~Gate() = default;

Result<GateOutput> Gate::Publish(std::string_view csv, const GateOptions& options) const {
  Run run(*this, csv, options);
  return run.Go();
}

}  // namespace citynet::privacy
