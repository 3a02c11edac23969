// Validation of every field of every record kind, with messages a user can act on
// ("sdg 18 is not one of the 17 UN goals", "summary is empty"). Validators collect every
// problem at once, so a person fixing a case file sees the whole list, not one at a time.
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::protocol {

// One thing wrong with a value. `field` is a path such as "outcomes[2].metric" ("" for the
// whole value); `message` says what is wrong and, where it can, what to write instead.
struct Problem {
  std::string field;
  std::string message;
  bool operator==(const Problem&) const = default;
};
using Problems = std::vector<Problem>;

// Size limits on text fields, in Unicode code points.
inline constexpr std::size_t kMaxTitleChars = 300;
inline constexpr std::size_t kMaxSummaryChars = 3000;
inline constexpr std::size_t kMaxBodyChars = 500000;
inline constexpr std::size_t kMaxShortTextChars = 300;
inline constexpr std::size_t kMaxListItems = 256;
inline constexpr std::size_t kMaxRetractionTargets = 256;
inline constexpr uint32_t kMaxChunkBytes = 1024 * 1024;

Problems ValidateCaseStudy(const CaseStudy& c);
Problems ValidateDataset(const Dataset& d);
Problems ValidateRetraction(const Retraction& r);
Problems ValidateErasureReceipt(const ErasureReceipt& e);
Problems ValidatePayload(const Payload& payload);

// The header on its own: version, network name, seq/prev chain shape, time, and that the
// references fit the kind.
Problems ValidateHeader(const RecordHeader& header);

// Header and payload together: kind matches, and the payload's network list includes the
// network the record is addressed to.
Problems ValidateRecordPair(const RecordHeader& header, const Payload& payload);

Problems ValidateNodeCard(const NodeCard& card);

// "field: message" for one problem.
std::string ToString(const Problem& problem);

// Ok when `problems` is empty; InvalidArgument "<what>: field: message" for one problem, and
// "<what> has N problems:" followed by one "  - field: message" line each for several.
Status ProblemsToStatus(const Problems& problems, std::string_view what);

}  // namespace citynet::protocol
