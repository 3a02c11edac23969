// The receiving side of the privacy gate (gate.h): BodyChecker.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "node/privacy/csv.h"
#include "node/privacy/gate.h"
#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"
#include "node/privacy/internal/wording.h"
#include "node/privacy/roles.h"

namespace citynet::privacy {
namespace {

using internal::JoinNames;

// The width of the integer bands a column's generalisation declares: "bands of 500" -> 500,
// "10-year bands" -> 10; 0 for any other generalisation.
int64_t BandWidth(std::string_view generalisation) {
  auto number = [](std::string_view s) -> int64_t {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    return ec == std::errc() && end == s.data() + s.size() && n > 1 ? n : 0;
  };
  constexpr std::string_view kBandsOf = "bands of ";
  constexpr std::string_view kYearBands = "-year bands";
  if (generalisation.starts_with(kBandsOf)) return number(generalisation.substr(kBandsOf.size()));
  if (generalisation.ends_with(kYearBands)) {
    return number(generalisation.substr(0, generalisation.size() - kYearBands.size()));
  }
  return 0;
}

// Whether `v` is exactly one band of `width` as the gate writes it: "L-H" with L a multiple of
// `width` and H = L + width - 1. Such a label says only which band; whatever its digits look
// like (a Danish phone number is two groups of four), it holds nothing else.
bool IsBandLabel(std::string_view v, int64_t width) {
  if (width <= 1) return false;
  const std::size_t dash = v.find('-', 1);
  if (dash == std::string_view::npos) return false;
  int64_t low = 0, high = 0;
  auto [low_end, low_ec] = std::from_chars(v.data(), v.data() + dash, low);
  auto [high_end, high_ec] = std::from_chars(v.data() + dash + 1, v.data() + v.size(), high);
  if (low_ec != std::errc() || low_end != v.data() + dash || high_ec != std::errc() ||
      high_end != v.data() + v.size() || v[dash + 1] == '-' || v[dash + 1] == '+') {
    return false;
  }
  return low >= 0 && low % width == 0 && high == low + width - 1;
}
using internal::kIdentifierColumnShare;
using internal::Percent;
using internal::Thousands;
using internal::TrimSpaces;
using protocol::ColumnRole;

// The gate's own check remembers this many generalised labels found clean.
constexpr std::size_t kMaxCleanLabels = 1 << 16;

// Chunk 0's header must be the record's columns, in order: otherwise the body is not the one the
// record describes.
Status CheckHeader(const std::vector<std::string>& header,
                   const std::vector<protocol::Column>& columns) {
  bool same = header.size() == columns.size();
  for (std::size_t c = 0; same && c < columns.size(); ++c) same = header[c] == columns[c].name;
  if (!same) {
    return InvalidArgument(
        "chunk 0's header differs from the columns the record lists: the body is not the one "
        "that was signed");
  }
  return Status::Ok();
}

}  // namespace

BodyChecker::BodyChecker(const Gate& gate, const protocol::Dataset& dataset, Mode mode)
    : gate_(gate), dataset_(dataset), mode_(mode) {
  const std::size_t ncols = dataset_.columns.size();
  filled_.assign(ncols, 0);
  lone_names_.assign(ncols, 0);
  shapes_.assign(ncols, ColumnShape());
  if (mode_ == kRecord) seen_.assign(dataset_.body.chunks.size(), false);
  auto position = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < ncols; ++c) {
      if (dataset_.columns[c].name == name) return c;
    }
    return std::nullopt;
  };
  for (const std::string& q : dataset_.privacy.quasi_identifiers) {
    if (auto p = position(q)) {
      quasi_.push_back(*p);
    } else {
      shape_ = InvalidArgument(fmt::format("quasi-identifier '{}' is not a column", q));
    }
  }
  for (const std::string& s : dataset_.privacy.sensitive_columns) {
    if (auto p = position(s)) {
      sensitive_.push_back(*p);
    } else {
      shape_ = InvalidArgument(fmt::format("sensitive column '{}' is not a column", s));
    }
  }
  for (const protocol::Column& column : dataset_.columns) {
    if (const auto kind = IdentifierColumnByName(column.name)) {
      shape_ = InvalidArgument(fmt::format("column '{}' is by its name a column of {}", column.name,
                                           IdentifierKindName(*kind)));
    }
  }
  if (ncols == 0) shape_ = InvalidArgument("the record lists no columns");
  is_quasi_.assign(ncols, false);
  for (std::size_t q : quasi_) is_quasi_[q] = true;
}

BodyChecker::~BodyChecker() = default;

Status BodyChecker::CheckChunk(uint32_t index, std::string_view bytes) {
  return Take(index, bytes, /*scan=*/true);
}

Status BodyChecker::CountChunk(uint32_t index, std::string_view bytes) {
  return Take(index, bytes, /*scan=*/false);
}

// One chunk's counts, kept aside and merged only once the whole chunk passed: nothing of a
// refused chunk counts. With the buffers its rows reuse, so that a row allocates nothing.
struct BodyChecker::ChunkCounts {
  explicit ChunkCounts(std::size_t columns)
      : filled(columns, 0), lone(columns, 0), shapes(columns) {}

  std::vector<uint64_t> filled, lone;
  std::vector<ColumnShape> shapes;
  std::unordered_map<std::string, Group> groups;
  uint64_t rows = 0;
  std::vector<Finding> findings;  // a cell's, reused
  std::string key;                // a row's group, reused
};

Status BodyChecker::Take(uint32_t index, std::string_view bytes, bool scan) {
  CITYNET_RETURN_IF_ERROR(shape_);
  CITYNET_RETURN_IF_ERROR(CheckPlace(index, bytes));
  const std::size_t ncols = dataset_.columns.size();
  CsvOptions options;
  options.delimiter = ',';
  options.columns_without_header = index == 0 ? 0 : ncols;
  Result<CsvReader> opened = CsvReader::Open(bytes, options);
  if (!opened.ok()) return opened.status().WithContext(fmt::format("chunk {}", index));
  CsvReader& reader = *opened;
  if (index == 0) CITYNET_RETURN_IF_ERROR(CheckHeader(reader.header(), dataset_.columns));
  if (contexts_.size() != ncols) {
    for (const protocol::Column& column : dataset_.columns) {
      contexts_.push_back(ColumnContextFor(column.name));
      band_widths_.push_back(BandWidth(column.generalisation));
    }
  }
  ChunkCounts counts(ncols);
  std::vector<std::string_view> fields;
  for (;;) {
    Result<bool> got = reader.Next(fields);
    if (!got.ok()) return got.status().WithContext(fmt::format("chunk {}", index));
    if (!*got) break;
    ++counts.rows;
    CITYNET_RETURN_IF_ERROR(CountCells(index, fields, scan, counts));
    CountGroup(fields, counts);
  }
  if (counts.rows == 0) return InvalidArgument(fmt::format("chunk {} holds no rows", index));
  Merge(counts);
  if (mode_ == kOwnOutput) {
    seen_.push_back(true);
  } else {
    seen_[index] = true;
  }
  return Status::Ok();
}

// A chunk is taken once, in order for the gate's own output, and ends at the end of a row: a
// chunk cut inside a row would be parsed as a different row.
Status BodyChecker::CheckPlace(uint32_t index, std::string_view bytes) const {
  if (mode_ == kOwnOutput) {
    if (index != seen_.size()) {
      return InvalidArgument(
          fmt::format("chunk {} arrived where chunk {} was due", index, seen_.size()));
    }
  } else if (index >= seen_.size()) {
    return InvalidArgument(
        fmt::format("chunk {} is beyond the {} chunks of the record", index, seen_.size()));
  } else if (seen_[index]) {
    return InvalidArgument(fmt::format("chunk {} was checked already", index));
  }
  if (bytes.empty() || bytes.back() != '\n') {
    return InvalidArgument(fmt::format("chunk {} does not end at the end of a row", index));
  }
  return Status::Ok();
}

// Counts a row's non-empty cells for the role rules and, when `scan`, refuses the chunk at the
// first cell that holds an identifier.
Status BodyChecker::CountCells(uint32_t index, const std::vector<std::string_view>& fields,
                               bool scan, ChunkCounts& counts) {
  const std::size_t ncols = dataset_.columns.size();
  for (std::size_t c = 0; c < ncols; ++c) {
    if (mode_ == kOwnOutput && !is_quasi_[c]) continue;
    const std::string_view v = fields[c];
    if (TrimSpaces(v).empty()) continue;
    ++counts.filled[c];
    counts.shapes[c].Add(v);
    if (!scan) continue;
    // The gate's own output: a quasi-identifier's generalised labels repeat; scan each once.
    if (mode_ == kOwnOutput && clean_labels_.count(v) > 0) continue;
    if (IsBandLabel(v, band_widths_[c])) continue;
    counts.findings.clear();
    gate_.scanner().Scan(v, contexts_[c], counts.findings);
    if (!counts.findings.empty()) {
      // The message names the place and the kind, never the value: it is personal data.
      return InvalidArgument(fmt::format("chunk {}, row {}, column '{}': {} found", index,
                                         counts.rows, dataset_.columns[c].name,
                                         IdentifierKindName(counts.findings.front().kind)));
    }
    if (gate_.scanner().IsLoneName(v)) ++counts.lone[c];
    if (mode_ == kOwnOutput && clean_labels_.size() < kMaxCleanLabels) {
      clean_labels_.emplace(v);
    }
  }
  return Status::Ok();
}

// Counts the row in the group of its quasi-identifier values, with the distinct values of each
// sensitive column there up to l (enough to tell whether the group reaches l).
void BodyChecker::CountGroup(const std::vector<std::string_view>& fields,
                             ChunkCounts& counts) const {
  std::string& key = counts.key;
  key.clear();
  for (std::size_t q : quasi_) {
    // Each value after its length: a separator byte could occur in a value, and then two
    // different combinations ("a\x1f" "b" and "a" "\x1fb") would count as one group.
    const std::string_view v = fields[q];
    key.append(std::to_string(v.size()));
    key.push_back(':');
    key.append(v);
  }
  Group& group = counts.groups[key];
  ++group.rows;
  group.distinct.resize(sensitive_.size());
  for (std::size_t s = 0; s < sensitive_.size(); ++s) {
    std::vector<std::string>& d = group.distinct[s];
    if (d.size() >= dataset_.privacy.l_required) continue;
    const std::string_view v = fields[sensitive_[s]];
    if (std::find(d.begin(), d.end(), v) == d.end()) d.emplace_back(v);
  }
}

// Adds the counts of a chunk that passed to the body's; its distinct values move.
void BodyChecker::Merge(ChunkCounts& counts) {
  const std::size_t ncols = dataset_.columns.size();
  for (auto& [combination, group] : counts.groups) {
    Group& into = groups_[combination];
    into.rows += group.rows;
    into.distinct.resize(sensitive_.size());
    for (std::size_t s = 0; s < sensitive_.size(); ++s) {
      for (std::string& v : group.distinct[s]) {
        std::vector<std::string>& d = into.distinct[s];
        if (d.size() < dataset_.privacy.l_required && std::find(d.begin(), d.end(), v) == d.end()) {
          d.push_back(std::move(v));
        }
      }
    }
  }
  for (std::size_t c = 0; c < ncols; ++c) {
    filled_[c] += counts.filled[c];
    lone_names_[c] += counts.lone[c];
  }
  for (std::size_t c = 0; c < ncols; ++c) shapes_[c].Merge(counts.shapes[c]);
  rows_ += counts.rows;
}

Status BodyChecker::Finish() const {
  CITYNET_RETURN_IF_ERROR(shape_);
  for (std::size_t i = 0; i < seen_.size(); ++i) {
    if (!seen_[i]) return FailedPrecondition(fmt::format("chunk {} was never checked", i));
  }
  return Check(dataset_.body.row_count);
}

Status BodyChecker::Finish(uint32_t chunks, uint64_t rows) const {
  CITYNET_RETURN_IF_ERROR(shape_);
  if (seen_.size() != chunks) {
    return FailedPrecondition(
        fmt::format("{} chunks were checked of the {} written", seen_.size(), chunks));
  }
  return Check(rows);
}

Status BodyChecker::Check(uint64_t rows) const {
  if (rows_ != rows) {
    return FailedPrecondition(fmt::format("the body has {} rows but the record says {}",
                                          Thousands(rows_), Thousands(rows)));
  }
  for (std::size_t c = 0; c < lone_names_.size(); ++c) {
    if (filled_[c] > 0 && static_cast<double>(lone_names_[c]) >=
                              kIdentifierColumnShare * static_cast<double>(filled_[c])) {
      return FailedPrecondition(fmt::format(
          "{} of column '{}' are personal names",
          Percent(static_cast<double>(lone_names_[c]) / static_cast<double>(filled_[c])),
          dataset_.columns[c].name));
    }
  }
  const uint32_t k = dataset_.privacy.k_required;
  const uint32_t l = dataset_.privacy.l_required;
  std::string over = dataset_.privacy.quasi_identifiers.empty()
                         ? std::string("the whole table")
                         : JoinNames(dataset_.privacy.quasi_identifiers);
  for (const auto& [combination, group] : groups_) {
    if (group.rows < k) {
      return FailedPrecondition(
          fmt::format("a combination of {} occurs in {} row{} where the record promises k = {}",
                      over, group.rows, group.rows == 1 ? "" : "s", k));
    }
    for (std::size_t s = 0; s < sensitive_.size() && l > 0; ++s) {
      if (group.distinct[s].size() < l) {
        return FailedPrecondition(fmt::format(
            "a group over {} has {} distinct value{} of '{}' where the record promises l = {}",
            over, group.distinct[s].size(), group.distinct[s].size() == 1 ? "" : "s",
            dataset_.privacy.sensitive_columns[s], l));
      }
    }
  }
  if (groups_.empty() && k > 0 && rows_ < k) {
    return FailedPrecondition(
        fmt::format("the body has {} rows where the record promises k = {}", rows_, k));
  }
  return mode_ == kOwnOutput ? Status::Ok() : CheckRoles();
}

// Gate version 2 and later: the role of each published column must be one the rules allow for
// its name and the values received. The publisher's rules ran on the table before suppression
// and cleaning, so where a threshold could tip (how much of a column reads as free text) the
// check asks only that the rules do not recognise the column as something stricter.
Status BodyChecker::CheckRoles() const {
  const protocol::PrivacyReport& report = dataset_.privacy;
  if (report.gate_version < 2) return Status::Ok();
  for (std::size_t c = 0; c < dataset_.columns.size(); ++c) {
    const std::string& name = dataset_.columns[c].name;
    const auto entry = std::find_if(
        report.column_roles.begin(), report.column_roles.end(),
        [&name](const protocol::ColumnRoleEntry& e) { return e.column == name && e.published; });
    if (entry == report.column_roles.end()) {
      return FailedPrecondition(fmt::format("column '{}' has no role in the report", name));
    }
    const NamedRole ruled = RoleFromShape(name, shapes_[c]);
    auto refuse = [&](std::string_view why) {
      return FailedPrecondition(fmt::format(
          "column '{}' is published as {}{} but {}", name, protocol::ColumnRoleName(entry->role),
          entry->declared ? " (declared by the publisher)" : "", why));
    };
    const bool stricter = ruled.recognised && (ruled.role == ColumnRole::kQuasiIdentifier ||
                                               ruled.role == ColumnRole::kSensitive);
    switch (entry->role) {
      case ColumnRole::kIdentifier:
        return refuse("an identifier is never published");
      case ColumnRole::kQuasiIdentifier:
        break;
      case ColumnRole::kSensitive:
        if (!entry->declared && ruled.role != ColumnRole::kSensitive) {
          return refuse(fmt::format("the rules take it for {} ({})",
                                    protocol::ColumnRoleName(ruled.role), ruled.reason));
        }
        if (entry->declared && stricter && ruled.role != ColumnRole::kSensitive) {
          return refuse(fmt::format("the rules take it for {} ({})",
                                    protocol::ColumnRoleName(ruled.role), ruled.reason));
        }
        break;
      case ColumnRole::kInsensitive:
        if (entry->declared ? stricter : ruled.role != ColumnRole::kInsensitive) {
          return refuse(fmt::format("the rules take it for {} ({})",
                                    protocol::ColumnRoleName(ruled.role), ruled.reason));
        }
        break;
      case ColumnRole::kFreeText:
        if (!entry->declared)
          return refuse("free text is published only when its publisher keeps it");
        if (stricter) {
          return refuse(fmt::format("the rules take it for {} ({})",
                                    protocol::ColumnRoleName(ruled.role), ruled.reason));
        }
        break;
    }
  }
  return Status::Ok();
}

}  // namespace citynet::privacy
