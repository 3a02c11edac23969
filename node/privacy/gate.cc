#include "node/privacy/gate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
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
#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "protocol/validate.h"

namespace citynet::privacy {
namespace {

// A column is a column of identifiers, and is dropped, when at least this share of its non-empty
// cells are identifiers (or lone known names).
constexpr double kIdentifierColumnShare = 0.5;
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

std::string Percent(double share) { return fmt::format("{:.1f} %", share * 100.0); }

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

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

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += "'" + n + "'";
  }
  return out;
}

// The decision on one column of the input.
struct ColumnPlan {
  std::string name;
  bool dropped = false;
  std::string reason;                                  // why dropped, or what was cleaned
  std::unordered_map<uint32_t, std::string> redacted;  // row -> cleaned value
  std::map<IdentifierKind, uint64_t> removed;          // identifiers removed, by kind
};

}  // namespace

Gate::Gate() : scanner_(std::make_unique<IdentifierScanner>()) {}
Gate::~Gate() = default;

Result<GateOutput> Gate::Publish(std::string csv, const GateOptions& options) const {
  auto progress = [&](std::string_view stage, double done) {
    if (options.progress) options.progress(stage, done);
  };
  if (options.k < 2) {
    return InvalidArgument(
        fmt::format("k = {} protects no one: use k of at least 2 (5 is usual)", options.k));
  }
  if (!(options.max_suppression >= 0.0 && options.max_suppression <= 1.0)) {
    return InvalidArgument(
        fmt::format("the suppression bound {} is not a share between 0 and 1 (0.05 is 5 %)",
                    options.max_suppression));
  }
  if (options.l > 0 && options.sensitive_columns.empty()) {
    return InvalidArgument(fmt::format(
        "l = {} needs at least one sensitive column: name it with --sensitive", options.l));
  }
  if (options.chunk_bytes < kMinChunkBytes || options.chunk_bytes > protocol::kMaxChunkBytes) {
    return InvalidArgument(fmt::format("chunk size {} is outside {}..{} bytes", options.chunk_bytes,
                                       kMinChunkBytes, protocol::kMaxChunkBytes));
  }

  // 1. Read.
  progress("reading", 0);
  CsvOptions csv_options;
  csv_options.delimiter = options.delimiter;
  Result<CsvTable> parsed = ParseCsv(std::move(csv), csv_options);
  if (!parsed.ok()) return parsed.status().WithContext("the table cannot be read");
  const CsvTable& table = *parsed;
  const std::size_t rows = table.rows();
  const std::size_t ncols = table.columns();
  if (rows == 0) {
    return InvalidArgument("the table has a header but no rows: there is nothing to publish");
  }
  if (rows >= UINT32_MAX) {
    return InvalidArgument(
        fmt::format("the table has {} rows: split it into tables of fewer "
                    "than 4 billion rows",
                    Thousands(rows)));
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < ncols; ++c) {
    const std::string& name = table.header()[c];
    if (Trim(name).empty()) {
      return InvalidArgument(fmt::format(
          "column {} has no name in the header (line 1): give every column a name", c + 1));
    }
    if (name.size() > 128) {
      return InvalidArgument(
          fmt::format("the name of column {} is {} bytes long: shorten it to 128 or fewer", c + 1,
                      name.size()));
    }
    if (!index.emplace(name, c).second) {
      return InvalidArgument(
          fmt::format("column '{}' appears twice in the header: rename one of them", name));
    }
  }
  progress("reading", 1);

  // 2. Declared columns.
  auto find_declared = [&](const std::vector<std::string>& names, std::string_view what,
                           std::vector<std::size_t>& out) -> Status {
    for (const std::string& n : names) {
      const auto it = index.find(n);
      if (it == index.end()) {
        std::vector<std::string> all(table.header().begin(), table.header().end());
        return InvalidArgument(
            fmt::format("the {} column '{}' is not in the table; its columns "
                        "are {}",
                        what, n, JoinNames(all)));
      }
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    return Status::Ok();
  };
  std::vector<std::size_t> declared_quasi, declared_sensitive;
  CITYNET_RETURN_IF_ERROR(
      find_declared(options.quasi_identifiers, "quasi-identifier", declared_quasi));
  CITYNET_RETURN_IF_ERROR(
      find_declared(options.sensitive_columns, "sensitive", declared_sensitive));
  for (std::size_t c : declared_sensitive) {
    if (std::find(declared_quasi.begin(), declared_quasi.end(), c) != declared_quasi.end()) {
      return InvalidArgument(
          fmt::format("column '{}' is declared both a quasi-identifier and sensitive: choose one",
                      table.header()[c]));
    }
  }

  // 3. Direct identifiers, column by column.
  std::vector<ColumnPlan> plans(ncols);
  std::vector<Finding> findings;
  for (std::size_t c = 0; c < ncols; ++c) {
    ColumnPlan& plan = plans[c];
    plan.name = table.header()[c];
    if (const auto kind = IdentifierColumnByName(plan.name)) {
      plan.dropped = true;
      plan.reason = fmt::format("its name says it holds {}", IdentifierKindName(*kind));
      continue;
    }
    const ColumnContext context = ColumnContextFor(plan.name);
    uint64_t filled = 0, identifier_cells = 0, lone_names = 0;
    std::map<IdentifierKind, uint64_t> kinds;
    bool decided_early = false;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::string_view v = table.cell(r, c);
      if (Trim(v).empty()) continue;
      if (filled == kEarlySample && static_cast<double>(identifier_cells + lone_names) >=
                                        kEarlyShare * static_cast<double>(filled)) {
        // Plainly a column of identifiers: dropping it needs no scan of the rest (dropping is
        // the safe way to be wrong).
        decided_early = true;
        break;
      }
      ++filled;
      findings.clear();
      scanner_->Scan(v, context, findings);
      if (findings.empty()) {
        if (scanner_->IsLoneName(v)) ++lone_names;
        continue;
      }
      if (Covers(v, findings)) ++identifier_cells;
      for (const Finding& f : findings) ++kinds[f.kind];
      plan.redacted.emplace(static_cast<uint32_t>(r), IdentifierScanner::Redact(v, findings));
    }
    if (filled > 0 && static_cast<double>(identifier_cells + lone_names) >=
                          kIdentifierColumnShare * static_cast<double>(filled)) {
      plan.dropped = true;
      plan.reason = fmt::format(
          "{} of its {}values are {}",
          Percent(static_cast<double>(identifier_cells + lone_names) / static_cast<double>(filled)),
          decided_early ? fmt::format("first {} ", Thousands(kEarlySample)) : std::string(),
          IdentifierKindName(MostFrequent(kinds, lone_names)));
      plan.redacted.clear();
      continue;
    }
    if (!plan.redacted.empty()) {
      plan.removed = kinds;
      plan.reason = fmt::format("removed {} from {} of {} values", DescribeKinds(kinds),
                                Thousands(plan.redacted.size()), Thousands(filled));
    }
    progress("scanning", static_cast<double>(c + 1) / static_cast<double>(ncols));
  }

  std::vector<std::size_t> kept;
  for (std::size_t c = 0; c < ncols; ++c) {
    if (!plans[c].dropped) kept.push_back(c);
  }
  if (kept.empty()) {
    return FailedPrecondition(
        "nothing is left to publish: every column holds direct identifiers (names, personal "
        "numbers, contact details); publish a table of the facts you want to share without them");
  }
  for (std::size_t c : declared_sensitive) {
    if (plans[c].dropped) {
      return FailedPrecondition(
          fmt::format("the sensitive column '{}' holds direct identifiers ({}) and must be "
                      "dropped: l-diversity "
                      "over it is impossible; declare another sensitive column or none",
                      plans[c].name, plans[c].reason));
    }
  }

  // The values as they will be published before generalisation: cleaned where redacted.
  auto column_values = [&](std::size_t c) {
    std::vector<std::string_view> values(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      const auto it = plans[c].redacted.find(static_cast<uint32_t>(r));
      values[r] = it == plans[c].redacted.end() ? table.cell(r, c) : std::string_view(it->second);
    }
    return values;
  };
  auto sample_of = [&](const std::vector<std::string_view>& values) {
    return std::vector<std::string_view>(
        values.begin(),
        values.begin() + static_cast<std::ptrdiff_t>(std::min(rows, kSampleValues)));
  };

  // 4. Quasi-identifiers and k-anonymity.
  progress("anonymising", 0);
  std::vector<QuasiIdentifier> quasi;
  std::vector<std::size_t> quasi_columns;
  std::vector<std::string> notes;
  for (std::size_t c : kept) {
    const bool declared =
        std::find(declared_quasi.begin(), declared_quasi.end(), c) != declared_quasi.end();
    const bool sensitive = std::find(declared_sensitive.begin(), declared_sensitive.end(), c) !=
                           declared_sensitive.end();
    if (sensitive) continue;
    std::vector<std::string_view> values = column_values(c);
    const std::vector<std::string_view> sample = sample_of(values);
    std::optional<Hierarchy> hierarchy;
    if (declared) {
      hierarchy = HierarchyForValues(plans[c].name, sample);
    } else if (options.detect_quasi) {
      hierarchy = DetectQuasiIdentifier(plans[c].name, sample);
    }
    if (!hierarchy) continue;
    quasi.push_back({plans[c].name, *hierarchy, std::move(values)});
    quasi_columns.push_back(c);
  }
  for (std::size_t c : declared_quasi) {
    if (plans[c].dropped) {
      notes.push_back(fmt::format(
          "The quasi-identifier '{}' was dropped as a column of direct identifiers ({}).",
          plans[c].name, plans[c].reason));
    }
  }
  std::vector<SensitiveColumn> sensitive;
  for (std::size_t c : declared_sensitive) sensitive.push_back({plans[c].name, column_values(c)});

  AnonymiseResult anonymised;
  if (quasi.empty() && sensitive.empty()) {
    // No column singles anyone out: the whole table is one group.
    if (rows < options.k) {
      return FailedPrecondition(fmt::format(
          "the table has {} rows, fewer than k = {}: publish at least {} rows or lower k", rows,
          options.k, options.k));
    }
    anonymised.rows = static_cast<uint32_t>(rows);
    anonymised.k_reached = static_cast<uint32_t>(rows);
    anonymised.groups = 1;
  } else {
    AnonymiseOptions anonymise_options;
    anonymise_options.k = options.k;
    anonymise_options.l = options.l;
    anonymise_options.max_suppression = options.max_suppression;
    anonymise_options.allow_removal = options.allow_removal;
    Result<AnonymiseResult> result = Anonymise(quasi, sensitive, anonymise_options);
    if (!result.ok()) {
      std::vector<std::string> names;
      for (const QuasiIdentifier& q : quasi) names.push_back(q.name);
      return result.status().WithContext(
          fmt::format("the table cannot be published with k = {} over {}", options.k,
                      names.empty() ? std::string("no quasi-identifier") : JoinNames(names)));
    }
    anonymised = std::move(result).value();
  }
  progress("anonymising", 1);

  // 5. Write the body.
  progress("writing", 0);
  GateOutput out;
  std::vector<bool> suppressed(rows, false);
  for (uint32_t r : anonymised.suppressed_rows) suppressed[r] = true;
  std::vector<std::ptrdiff_t> quasi_position(ncols, -1);
  for (std::size_t i = 0; i < quasi_columns.size(); ++i) {
    quasi_position[quasi_columns[i]] = static_cast<std::ptrdiff_t>(i);
  }

  std::vector<std::string_view> header;
  for (std::size_t c : kept) header.push_back(plans[c].name);
  std::string chunk;
  chunk.reserve(options.chunk_bytes + 4096);
  AppendCsvRow(chunk, header);
  if (chunk.size() > protocol::kMaxChunkBytes) {
    return InvalidArgument("the header alone is larger than a chunk (1 MiB): shorten the names");
  }
  std::vector<std::string> generalised_storage(quasi.size());
  std::vector<std::string_view> fields(kept.size());
  std::string row_text;
  // The published values of each kept column, for the type guess (a sample).
  std::vector<std::vector<std::string>> type_samples(kept.size());
  uint64_t rows_out = 0;
  auto flush = [&] {
    out.chunks.push_back(std::move(chunk));
    chunk.clear();
    chunk.reserve(options.chunk_bytes + 4096);
  };
  for (std::size_t r = 0; r < rows; ++r) {
    if (suppressed[r]) continue;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const std::size_t c = kept[i];
      if (quasi_position[c] >= 0) {
        const auto q = static_cast<std::size_t>(quasi_position[c]);
        generalised_storage[q] = anonymised.Value(q, r);
        fields[i] = generalised_storage[q];
      } else {
        const auto it = plans[c].redacted.find(static_cast<uint32_t>(r));
        fields[i] = it == plans[c].redacted.end() ? table.cell(r, c) : std::string_view(it->second);
      }
      if (type_samples[i].size() < kSampleValues) type_samples[i].emplace_back(fields[i]);
    }
    row_text.clear();
    AppendCsvRow(row_text, fields);
    if (row_text.size() > protocol::kMaxChunkBytes) {
      return InvalidArgument(fmt::format(
          "the row on line {} is {} bytes once written, more than a chunk can hold (1 MiB): "
          "shorten its long text",
          table.line(r), Thousands(row_text.size())));
    }
    if (!chunk.empty() && chunk.size() + row_text.size() > options.chunk_bytes) flush();
    chunk += row_text;
    ++rows_out;
    if (rows_out % 65536 == 0) {
      progress("writing", static_cast<double>(r) / static_cast<double>(rows));
    }
  }
  if (!chunk.empty()) flush();
  progress("writing", 1);

  // Columns and the report.
  protocol::PrivacyReport& report = out.report;
  report.gate_version = kGateVersion;
  report.k_required = options.k;
  report.k_reached = anonymised.k_reached;
  report.l_required = options.l;
  report.l_reached = anonymised.l_reached;
  for (const QuasiIdentifier& q : quasi) report.quasi_identifiers.push_back(q.name);
  for (const SensitiveColumn& s : sensitive) report.sensitive_columns.push_back(s.name);
  for (const ColumnPlan& plan : plans) {
    if (plan.dropped) {
      report.dropped_columns.push_back({plan.name, plan.reason});
      out.summary.push_back(fmt::format("Dropped '{}': {}.", plan.name, plan.reason));
    } else if (!plan.redacted.empty()) {
      report.cleaned_columns.push_back({plan.name, plan.reason});
      out.summary.push_back(fmt::format("Cleaned '{}': {}.", plan.name, plan.reason));
    }
  }
  for (std::size_t q = 0; q < anonymised.columns.size(); ++q) {
    const ColumnGeneralisation& g = anonymised.columns[q];
    if (g.level > 0) {
      report.generalised_columns.push_back({g.name, g.description});
      out.summary.push_back(fmt::format("Generalised '{}': {}.", g.name, g.description));
    }
  }
  for (std::string& note : notes) out.summary.push_back(std::move(note));
  report.rows_in = rows;
  report.rows_suppressed = anonymised.suppressed_rows.size();
  report.information_loss = std::clamp(anonymised.information_loss, 0.0, 1.0);
  out.summary.push_back(fmt::format(
      "Every combination of {} is shared by at least {} rows (k = {} required); {} of {} rows "
      "suppressed ({}); information loss {:.3f}.",
      report.quasi_identifiers.empty() ? std::string("columns")
                                       : JoinNames(report.quasi_identifiers),
      report.k_reached, report.k_required, Thousands(report.rows_suppressed), Thousands(rows),
      Percent(static_cast<double>(report.rows_suppressed) / static_cast<double>(rows)),
      report.information_loss));

  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::size_t c = kept[i];
    protocol::Column column;
    column.name = plans[c].name;
    bool generalised = false;
    if (quasi_position[c] >= 0) {
      const ColumnGeneralisation& g =
          anonymised.columns[static_cast<std::size_t>(quasi_position[c])];
      if (g.level > 0) {
        generalised = true;
        column.generalisation = g.description;
      }
    }
    std::vector<std::string_view> sample(type_samples[i].begin(), type_samples[i].end());
    column.type = InferType(sample, generalised);
    out.columns.push_back(std::move(column));
  }

  protocol::DatasetBody& body = out.body;
  body.media_type = "text/csv";
  body.row_count = rows_out;
  for (const std::string& c : out.chunks) {
    body.chunks.push_back({protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(c)),
                           static_cast<uint32_t>(c.size())});
    body.total_size += c.size();
  }

  // 6. Check the body as every receiver will.
  progress("checking", 0);
  protocol::Dataset as_record;
  as_record.columns = out.columns;
  as_record.privacy = out.report;
  as_record.body = out.body;
  BodyChecker checker(*this, as_record);
  for (std::size_t i = 0; i < out.chunks.size(); ++i) {
    const Status s = checker.CheckChunk(static_cast<uint32_t>(i), out.chunks[i]);
    if (!s.ok()) {
      return Internal(
          fmt::format("the gate's own output fails the check every receiving node "
                      "makes ({}); nothing was published: please report this",
                      s.message()));
    }
    progress("checking", static_cast<double>(i + 1) / static_cast<double>(out.chunks.size()));
  }
  const Status finished = checker.Finish();
  if (!finished.ok()) {
    return Internal(
        fmt::format("the gate's own output fails the check every receiving node makes "
                    "({}); nothing was published: please report this",
                    finished.message()));
  }
  return out;
}

BodyChecker::BodyChecker(const Gate& gate, const protocol::Dataset& dataset)
    : gate_(gate), dataset_(dataset) {
  const std::size_t ncols = dataset_.columns.size();
  filled_.assign(ncols, 0);
  lone_names_.assign(ncols, 0);
  seen_.assign(dataset_.body.chunks.size(), false);
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
}

BodyChecker::~BodyChecker() = default;

Status BodyChecker::CheckChunk(uint32_t index, std::string_view bytes) {
  return Take(index, bytes, /*scan=*/true);
}

Status BodyChecker::CountChunk(uint32_t index, std::string_view bytes) {
  return Take(index, bytes, /*scan=*/false);
}

Status BodyChecker::Take(uint32_t index, std::string_view bytes, bool scan) {
  CITYNET_RETURN_IF_ERROR(shape_);
  if (index >= seen_.size()) {
    return InvalidArgument(
        fmt::format("chunk {} is beyond the {} chunks of the record", index, seen_.size()));
  }
  if (seen_[index]) return InvalidArgument(fmt::format("chunk {} was checked already", index));
  if (bytes.empty() || bytes.back() != '\n') {
    return InvalidArgument(fmt::format("chunk {} does not end at the end of a row", index));
  }
  const std::size_t ncols = dataset_.columns.size();
  CsvOptions options;
  options.delimiter = ',';
  options.columns_without_header = index == 0 ? 0 : ncols;
  Result<CsvTable> parsed = ParseCsv(std::string(bytes), options);
  if (!parsed.ok()) return parsed.status().WithContext(fmt::format("chunk {}", index));
  const CsvTable& table = *parsed;
  if (index == 0) {
    bool same = table.header().size() == ncols;
    for (std::size_t c = 0; same && c < ncols; ++c) {
      same = table.header()[c] == dataset_.columns[c].name;
    }
    if (!same) {
      return InvalidArgument(
          "chunk 0's header differs from the columns the record lists: the body is not the one "
          "that was signed");
    }
  } else if (table.columns() != ncols) {
    return InvalidArgument(
        fmt::format("chunk {} has {} columns, the record {}", index, table.columns(), ncols));
  }

  std::vector<uint64_t> filled(ncols, 0), lone(ncols, 0);
  std::vector<Finding> findings;
  if (scan) {
    for (std::size_t c = 0; c < ncols; ++c) {
      const ColumnContext context = ColumnContextFor(dataset_.columns[c].name);
      for (std::size_t r = 0; r < table.rows(); ++r) {
        const std::string_view v = table.cell(r, c);
        if (Trim(v).empty()) continue;
        ++filled[c];
        findings.clear();
        gate_.scanner().Scan(v, context, findings);
        if (!findings.empty()) {
          // The message names the place and the kind, never the value: it is personal data.
          return InvalidArgument(fmt::format("chunk {}, row {}, column '{}': {} found", index,
                                             r + 1, dataset_.columns[c].name,
                                             IdentifierKindName(findings.front().kind)));
        }
        if (gate_.scanner().IsLoneName(v)) ++lone[c];
      }
    }
  }

  std::string key;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    key.clear();
    for (std::size_t q : quasi_) {
      // Each value after its length: a separator byte could occur in a value, and then two
      // different combinations ("a\x1f" "b" and "a" "\x1fb") would count as one group.
      const std::string_view v = table.cell(r, q);
      key.append(std::to_string(v.size()));
      key.push_back(':');
      key.append(v);
    }
    Group& group = groups_[key];
    ++group.rows;
    group.distinct.resize(sensitive_.size());
    for (std::size_t s = 0; s < sensitive_.size(); ++s) {
      std::vector<std::string>& d = group.distinct[s];
      if (d.size() >= dataset_.privacy.l_required) continue;
      const std::string_view v = table.cell(r, sensitive_[s]);
      if (std::find(d.begin(), d.end(), v) == d.end()) d.emplace_back(v);
    }
  }
  for (std::size_t c = 0; c < ncols; ++c) {
    filled_[c] += filled[c];
    lone_names_[c] += lone[c];
  }
  rows_ += table.rows();
  seen_[index] = true;
  return Status::Ok();
}

Status BodyChecker::Finish() const {
  CITYNET_RETURN_IF_ERROR(shape_);
  for (std::size_t i = 0; i < seen_.size(); ++i) {
    if (!seen_[i]) return FailedPrecondition(fmt::format("chunk {} was never checked", i));
  }
  if (rows_ != dataset_.body.row_count) {
    return FailedPrecondition(fmt::format("the body has {} rows but the record says {}",
                                          Thousands(rows_), Thousands(dataset_.body.row_count)));
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
  return Status::Ok();
}

}  // namespace citynet::privacy
