#include "protocol/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "protocol/vocabulary.h"

namespace citynet::protocol {
namespace {

class Checker {
 public:
  void Add(std::string field, std::string message) {
    problems_.push_back(Problem{std::move(field), std::move(message)});
  }
  void AddIf(const std::string& field, const std::optional<std::string>& message) {
    if (message) Add(field, *message);
  }
  Problems Take() { return std::move(problems_); }

  // A required single- or multi-line text with a length limit.
  void Text(const std::string& field, std::string_view what, const std::string& value,
            bool required, bool multiline, std::size_t max_chars, std::string_view hint = {}) {
    if (value.empty()) {
      if (required) {
        Add(field, hint.empty() ? fmt::format("{} is empty", what)
                                : fmt::format("{} is empty: {}", what, hint));
      }
      return;
    }
    if (auto bad = CheckText(what, value, multiline)) {
      Add(field, *bad);
      return;
    }
    std::size_t chars = CodePoints(value);
    if (chars > max_chars) {
      Add(field, fmt::format("{} is {} characters long; the limit is {}", what, chars, max_chars));
    }
    if (!multiline && (value.front() == ' ' || value.back() == ' ')) {
      Add(field, fmt::format("{} '{}' starts or ends with a space", what, value));
    }
  }

  void Slugs(const std::string& field, std::string_view what,
             const std::vector<std::string>& values, bool required, std::string_view hint = {}) {
    if (values.empty() && required) {
      Add(field, hint.empty() ? fmt::format("{} is empty", field)
                              : fmt::format("{} is empty: {}", field, hint));
    }
    ListSize(field, values.size());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string f = fmt::format("{}[{}]", field, i);
      AddIf(f, CheckSlug(what, values[i]));
      if (!seen.insert(values[i]).second) {
        Add(f, fmt::format("{} '{}' is listed twice", what, values[i]));
      }
    }
  }

  void ListSize(const std::string& field, std::size_t n, std::size_t max = kMaxListItems) {
    if (n > max) Add(field, fmt::format("{} has {} entries; the limit is {}", field, n, max));
  }

  void PeriodField(const std::string& field, const Period& p) {
    bool from_ok = p.from.empty() || !CheckPartialDate("from", p.from);
    bool to_ok = p.to.empty() || !CheckPartialDate("to", p.to);
    if (!p.from.empty()) AddIf(field + ".from", CheckPartialDate("from", p.from));
    if (!p.to.empty()) AddIf(field + ".to", CheckPartialDate("to", p.to));
    if (from_ok && to_ok && !p.from.empty() && !p.to.empty() && !PeriodInOrder(p.from, p.to)) {
      Add(field, fmt::format("period runs backwards: from '{}' is after to '{}'", p.from, p.to));
    }
  }

  static std::size_t CodePoints(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  }

 private:
  Problems problems_;
};

bool Finite(double v) { return std::isfinite(v); }

// tcp://HOST:PORT, HOST a DNS name, an IPv4 address or a bracketed IPv6 address, PORT 1-65535.
bool IsTcpEndpoint(std::string_view e) {
  constexpr std::string_view kScheme = "tcp://";
  if (e.substr(0, kScheme.size()) != kScheme) return false;
  e.remove_prefix(kScheme.size());
  std::size_t colon = e.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host = e.substr(0, colon);
  std::string_view port = e.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char ch : port) {
    if (ch < '0' || ch > '9') return false;
    value = value * 10 + static_cast<unsigned>(ch - '0');
  }
  if (value == 0 || value > 65535) return false;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (host.empty()) return false;
    return std::all_of(host.begin(), host.end(),
                       [](char ch) {
                         return std::isxdigit(static_cast<unsigned char>(ch)) != 0 || ch == ':' ||
                                ch == '.';
                       }) &&
           host.find(':') != std::string_view::npos;
  }
  if (host.empty() || host.size() > 253) return false;
  if (host.front() == '.' || host.back() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '-' || ch == '.';
  });
}

}  // namespace

Problems ValidateCaseStudy(const CaseStudy& c) {
  Checker ck;
  ck.AddIf("language", CheckLanguageTag(c.language));
  ck.AddIf("slug", CheckSlug("slug", c.slug));
  ck.Text("title", "title", c.title, true, false, kMaxTitleChars);
  ck.Text("summary", "summary", c.summary, true, true, kMaxSummaryChars,
          "write two or three sentences on what the city did and what came of it");
  ck.Text("body", "body", c.body, true, true, kMaxBodyChars);
  ck.Text("city", "city", c.city, true, false, kMaxShortTextChars);
  ck.AddIf("country", CheckCountryCode(c.country));
  ck.Slugs("networks", "network", c.networks, true,
           "name at least one network to share the case in, e.g. 'c40'");

  if (c.sdgs.empty()) {
    ck.Add("sdgs", "sdgs is empty: name at least one UN goal (1-17) the case contributes to");
  }
  ck.ListSize("sdgs", c.sdgs.size(), 17);
  std::set<int> goals;
  for (std::size_t i = 0; i < c.sdgs.size(); ++i) {
    std::string f = fmt::format("sdgs[{}]", i);
    if (auto bad = CheckSdgGoal(c.sdgs[i])) {
      ck.Add(f, *bad);
    } else if (!goals.insert(c.sdgs[i]).second) {
      ck.Add(f, fmt::format("sdg {} is listed twice", c.sdgs[i]));
    }
  }
  ck.ListSize("sdg_targets", c.sdg_targets.size());
  std::set<std::string> targets;
  for (std::size_t i = 0; i < c.sdg_targets.size(); ++i) {
    std::string f = fmt::format("sdg_targets[{}]", i);
    const std::string& t = c.sdg_targets[i];
    if (auto bad = CheckSdgTarget(t)) {
      ck.Add(f, *bad);
      continue;
    }
    if (!targets.insert(t).second) ck.Add(f, fmt::format("sdg target '{}' is listed twice", t));
    int goal = SdgTargetGoal(t);
    if (goals.count(goal) == 0) {
      ck.Add(f, fmt::format("sdg target '{}' belongs to goal {}, which is not in sdgs: add {} to "
                            "sdgs or remove the target",
                            t, goal, goal));
    }
  }
  ck.Slugs("themes", "theme", c.themes, false);
  ck.PeriodField("period", c.period);

  ck.ListSize("outcomes", c.outcomes.size());
  for (std::size_t i = 0; i < c.outcomes.size(); ++i) {
    const Outcome& o = c.outcomes[i];
    std::string f = fmt::format("outcomes[{}]", i);
    ck.Text(f + ".metric", "metric", o.metric, true, false, kMaxShortTextChars,
            "say what was measured, e.g. 'new jobs'");
    ck.Text(f + ".unit", "unit", o.unit, true, false, 64,
            "say what is counted, e.g. 'jobs', '%' or 'tCO2e'");
    if (!Finite(o.achieved)) ck.Add(f + ".achieved", "achieved is not a finite number");
    if (o.target && !Finite(*o.target)) ck.Add(f + ".target", "target is not a finite number");
  }
  ck.ListSize("partners", c.partners.size());
  for (std::size_t i = 0; i < c.partners.size(); ++i) {
    ck.Text(fmt::format("partners[{}]", i), "partner", c.partners[i], true, false,
            kMaxShortTextChars);
  }
  ck.ListSize("links", c.links.size());
  for (std::size_t i = 0; i < c.links.size(); ++i) {
    std::string f = fmt::format("links[{}]", i);
    ck.AddIf(f + ".url", CheckLink(c.links[i].url));
    ck.Text(f + ".title", "link title", c.links[i].title, false, false, kMaxShortTextChars);
  }
  if (!c.licence.empty()) ck.AddIf("licence", CheckLicence(c.licence));
  return ck.Take();
}

Problems ValidateDataset(const Dataset& d) {
  Checker ck;
  ck.AddIf("language", CheckLanguageTag(d.language));
  ck.Text("title", "title", d.title, true, false, kMaxTitleChars);
  ck.Text("description", "description", d.description, true, true, kMaxSummaryChars,
          "say what the table holds, where it comes from and how it was collected");
  ck.Text("publisher", "publisher", d.publisher, true, false, kMaxShortTextChars);
  ck.Slugs("themes", "theme", d.themes, false);
  ck.PeriodField("temporal_coverage", d.temporal_coverage);
  ck.Text("spatial_coverage", "spatial coverage", d.spatial_coverage, false, false,
          kMaxShortTextChars);
  if (!d.country.empty()) ck.AddIf("country", CheckCountryCode(d.country));
  if (d.licence.empty()) {
    ck.Add("licence", "licence is empty: a dataset needs an SPDX licence such as 'CC-BY-4.0'");
  } else {
    ck.AddIf("licence", CheckLicence(d.licence));
  }
  ck.Slugs("networks", "network", d.networks, true,
           "name at least one network to share the dataset in");

  if (d.columns.empty()) ck.Add("columns", "columns is empty: a dataset has at least one column");
  ck.ListSize("columns", d.columns.size(), 4096);
  std::set<std::string> names;
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    std::string f = fmt::format("columns[{}]", i);
    ck.Text(f + ".name", "column name", d.columns[i].name, true, false, 128);
    if (!d.columns[i].name.empty() && !names.insert(d.columns[i].name).second) {
      ck.Add(f + ".name", fmt::format("column '{}' appears twice", d.columns[i].name));
    }
    ck.Text(f + ".description", "column description", d.columns[i].description, false, true,
            kMaxSummaryChars);
  }

  const PrivacyReport& p = d.privacy;
  if (p.k_required < 2) {
    ck.Add("privacy.k_required",
           fmt::format("k = {} protects no one: the privacy gate requires k of at least 2",
                       p.k_required));
  }
  if (p.k_reached < p.k_required) {
    ck.Add("privacy.k_reached",
           fmt::format("the table reached k = {} but k = {} was required: it must not leave the "
                       "node",
                       p.k_reached, p.k_required));
  }
  if (p.l_reached < p.l_required) {
    ck.Add("privacy.l_reached", fmt::format("the table reached l = {} but l = {} was required",
                                            p.l_reached, p.l_required));
  }
  if (p.rows_suppressed > p.rows_in) {
    ck.Add("privacy.rows_suppressed",
           fmt::format("{} rows suppressed out of {}: more than the table had", p.rows_suppressed,
                       p.rows_in));
  }
  if (!(p.information_loss >= 0.0 && p.information_loss <= 1.0)) {
    ck.Add("privacy.information_loss", "information loss must be between 0 and 1");
  }
  for (std::size_t i = 0; i < p.quasi_identifiers.size(); ++i) {
    if (names.count(p.quasi_identifiers[i]) == 0) {
      ck.Add(
          fmt::format("privacy.quasi_identifiers[{}]", i),
          fmt::format("quasi-identifier '{}' is not one of the columns", p.quasi_identifiers[i]));
    }
  }
  for (std::size_t i = 0; i < p.sensitive_columns.size(); ++i) {
    if (names.count(p.sensitive_columns[i]) == 0) {
      ck.Add(
          fmt::format("privacy.sensitive_columns[{}]", i),
          fmt::format("sensitive column '{}' is not one of the columns", p.sensitive_columns[i]));
    }
  }

  if (p.gate_version == 0) ck.Add("privacy.gate_version", "the privacy gate's version is missing");
  if (p.gate_version >= 2) {
    // From version 2 the report gives every input column a role; what is published must be
    // exactly the columns whose role lets them out, and the lists above must agree with it.
    std::set<std::string> seen, quasi, sensitive;
    for (std::size_t i = 0; i < p.column_roles.size(); ++i) {
      const ColumnRoleEntry& e = p.column_roles[i];
      const std::string f = fmt::format("privacy.column_roles[{}]", i);
      ck.Text(f + ".column", "column name", e.column, true, false, 128);
      ck.Text(f + ".reason", "reason", e.reason, false, false, kMaxShortTextChars);
      if (!seen.insert(e.column).second) {
        ck.Add(f, fmt::format("column '{}' has two roles", e.column));
      }
      if (e.published != (names.count(e.column) != 0)) {
        ck.Add(f, e.published ? fmt::format("column '{}' is said to be published but is not a "
                                            "column of the body",
                                            e.column)
                              : fmt::format("column '{}' is a column of the body but is said "
                                            "to be held back",
                                            e.column));
      }
      if (e.published && e.role == ColumnRole::kIdentifier) {
        ck.Add(f, fmt::format("column '{}' is a direct identifier and must not be published",
                              e.column));
      }
      if (e.published && e.role == ColumnRole::kQuasiIdentifier) quasi.insert(e.column);
      if (e.published && e.role == ColumnRole::kSensitive) sensitive.insert(e.column);
    }
    for (const std::string& n : names) {
      if (seen.count(n) == 0) {
        ck.Add("privacy.column_roles", fmt::format("column '{}' has no role", n));
      }
    }
    if (quasi != std::set<std::string>(p.quasi_identifiers.begin(), p.quasi_identifiers.end())) {
      ck.Add("privacy.quasi_identifiers",
             "the quasi-identifiers differ from the columns whose role is quasi-identifier");
    }
    if (sensitive != std::set<std::string>(p.sensitive_columns.begin(),
                                           p.sensitive_columns.end())) {
      ck.Add("privacy.sensitive_columns",
             "the sensitive columns differ from the columns whose role is sensitive");
    }
  }
  ck.ListSize("privacy.column_roles", p.column_roles.size(), 4096);

  const DatasetBody& b = d.body;
  if (b.media_type != "text/csv") {
    ck.Add("body.media_type",
           fmt::format("media type '{}' is not supported: datasets are 'text/csv'", b.media_type));
  }
  if (b.chunks.empty()) ck.Add("body.chunks", "the body has no chunks");
  ck.ListSize("body.chunks", b.chunks.size(), 1u << 16);
  uint64_t total = 0;
  for (std::size_t i = 0; i < b.chunks.size(); ++i) {
    uint32_t size = b.chunks[i].size;
    if (size == 0 || size > kMaxChunkBytes) {
      ck.Add(fmt::format("body.chunks[{}].size", i),
             fmt::format("chunk of {} bytes: chunks are 1 to {} bytes", size, kMaxChunkBytes));
    }
    total += size;
  }
  if (total != b.total_size) {
    ck.Add("body.total_size",
           fmt::format("the chunks add up to {} bytes but the body says {}", total, b.total_size));
  }
  if (p.rows_suppressed <= p.rows_in && b.row_count != p.rows_in - p.rows_suppressed) {
    ck.Add("body.row_count",
           fmt::format("the body has {} rows but the privacy report says {} in, {} suppressed",
                       b.row_count, p.rows_in, p.rows_suppressed));
  }
  return ck.Take();
}

Problems ValidateRetraction(const Retraction& r) {
  Checker ck;
  ck.Text("reason", "reason", r.reason, true, true, kMaxSummaryChars,
          "say why the records are retracted (without personal data), e.g. 'erasure request "
          "under GDPR article 17'");
  return ck.Take();
}

Problems ValidateErasureReceipt(const ErasureReceipt& e) {
  Checker ck;
  if (e.erased_at_ms <= 0) ck.Add("erased_at_ms", "erasure time is missing");
  if (e.items.empty()) ck.Add("items", "an erasure receipt lists at least one record");
  ck.ListSize("items", e.items.size(), kMaxRetractionTargets);
  std::set<RecordId> seen;
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    if (!seen.insert(e.items[i].target).second) {
      ck.Add(fmt::format("items[{}]", i),
             fmt::format("record {} is listed twice", e.items[i].target.ShortHex()));
    }
  }
  return ck.Take();
}

Problems ValidatePayload(const Payload& payload) {
  return std::visit(
      [](const auto& p) -> Problems {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, CaseStudy>) {
          return ValidateCaseStudy(p);
        } else if constexpr (std::is_same_v<T, Dataset>) {
          return ValidateDataset(p);
        } else if constexpr (std::is_same_v<T, Retraction>) {
          return ValidateRetraction(p);
        } else {
          return ValidateErasureReceipt(p);
        }
      },
      payload);
}

Problems ValidateHeader(const RecordHeader& h) {
  Checker ck;
  if (h.format_version != kRecordFormatVersion) {
    ck.Add("format_version", fmt::format("format version {} is unknown", h.format_version));
  }
  ck.AddIf("network", CheckSlug("network", h.network));
  if (h.seq == 0) ck.Add("seq", "seq starts at 1");
  if (h.seq == 1 && h.prev) ck.Add("prev", "the first record of a feed (seq 1) has no prev");
  if (h.seq > 1 && !h.prev) {
    ck.Add("prev", fmt::format("record {} of a feed must name its predecessor (prev)", h.seq));
  }
  // 2020-01-01 .. 9999-12-31: anything else is a broken clock or a forgery.
  constexpr int64_t kMinTime = 1577836800000;
  constexpr int64_t kMaxTime = 253402300799000;
  if (h.created_at_ms < kMinTime || h.created_at_ms > kMaxTime) {
    ck.Add("created_at_ms",
           fmt::format("creation time {} ms is not between 2020 and 9999: is the author's clock "
                       "set?",
                       h.created_at_ms));
  }
  const bool is_retraction = h.kind == RecordKind::kRetraction;
  const bool is_receipt = h.kind == RecordKind::kErasureReceipt;
  if (is_retraction != std::holds_alternative<RetractionRefs>(h.refs)) {
    ck.Add("refs", "a retraction, and only a retraction, names the records it retracts");
  }
  if (is_receipt != std::holds_alternative<ErasureReceiptRefs>(h.refs)) {
    ck.Add("refs", "an erasure receipt, and only a receipt, names the retraction it answers");
  }
  if (const auto* r = std::get_if<RetractionRefs>(&h.refs)) {
    if (r->targets.empty()) ck.Add("refs.targets", "a retraction names at least one record");
    ck.ListSize("refs.targets", r->targets.size(), kMaxRetractionTargets);
    std::set<RecordId> seen;
    for (std::size_t i = 0; i < r->targets.size(); ++i) {
      if (!seen.insert(r->targets[i]).second) {
        ck.Add(fmt::format("refs.targets[{}]", i),
               fmt::format("record {} is named twice", r->targets[i].ShortHex()));
      }
    }
  }
  if (h.supersedes && !(h.kind == RecordKind::kCaseStudy || h.kind == RecordKind::kDataset)) {
    ck.Add("supersedes", "only case studies and datasets have new versions");
  }
  return ck.Take();
}

namespace {
template <typename T>
void CheckNetworkListed(Checker& ck, const RecordHeader& h, const T& payload,
                        std::string_view what) {
  if (std::find(payload.networks.begin(), payload.networks.end(), h.network) ==
      payload.networks.end()) {
    ck.Add("network", fmt::format("the record is addressed to network '{}', but the {} does not "
                                  "list it among its networks",
                                  h.network, what));
  }
}
}  // namespace

Problems ValidateRecordPair(const RecordHeader& h, const Payload& payload) {
  Checker ck;
  if (KindOf(payload) != h.kind) {
    ck.Add("kind", fmt::format("the header says {} but the payload is a {}", RecordKindName(h.kind),
                               RecordKindName(KindOf(payload))));
    return ck.Take();
  }
  if (const auto* c = std::get_if<CaseStudy>(&payload)) CheckNetworkListed(ck, h, *c, "case");
  if (const auto* d = std::get_if<Dataset>(&payload)) CheckNetworkListed(ck, h, *d, "dataset");
  return ck.Take();
}

Problems ValidateNodeCard(const NodeCard& card) {
  Checker ck;
  ck.AddIf("name", CheckSlug("node name", card.name));
  ck.Text("display_name", "display name", card.display_name, false, false, kMaxShortTextChars);
  if (card.signing_key.IsZero()) ck.Add("signing_key", "signing key is all zeros");
  if (card.transport_key.IsZero()) ck.Add("transport_key", "transport key is all zeros");
  ck.ListSize("endpoints", card.endpoints.size(), 16);
  for (std::size_t i = 0; i < card.endpoints.size(); ++i) {
    const std::string& e = card.endpoints[i];
    std::string f = fmt::format("endpoints[{}]", i);
    if (auto bad = CheckText("endpoint", e, false)) {
      ck.Add(f, *bad);
    } else if (!IsTcpEndpoint(e)) {
      ck.Add(f, fmt::format("endpoint '{}' is not of the form tcp://HOST:PORT", e));
    }
  }
  ck.Slugs("networks", "network", card.networks, false);
  if (card.issued_at_ms <= 0) ck.Add("issued_at_ms", "issue time is missing");
  return ck.Take();
}

std::string ToString(const Problem& problem) {
  if (problem.field.empty()) return problem.message;
  return problem.field + ": " + problem.message;
}

Status ProblemsToStatus(const Problems& problems, std::string_view what) {
  if (problems.empty()) return Status::Ok();
  if (problems.size() == 1)
    return InvalidArgument(fmt::format("{}: {}", what, ToString(problems[0])));
  std::string m = fmt::format("{} has {} problems:", what, problems.size());
  for (const Problem& p : problems) m += "\n  - " + ToString(p);
  return InvalidArgument(std::move(m));
}

}  // namespace citynet::protocol
