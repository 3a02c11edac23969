// Case-study files: the JSON shape of the seed cases (deploy/demo/cases/*.json), which experts
// write and `citynet case publish` reads. Parsing is strict and lists every problem at once:
// unknown fields (a typo such as "sdg" for "sdgs"), wrong types, malformed JSON with its line
// and column. Field rules (SDG ranges, language tags, ...) are ValidateCaseStudy's business.
#pragma once

#include <string>
#include <string_view>

#include "protocol/status.h"
#include "protocol/types.h"
#include "protocol/validate.h"

namespace citynet::protocol {

// Parses a case file. On a JSON syntax error: InvalidArgument with line and column. Otherwise
// fills `out` with every field it could read and returns the problems found (empty when the
// shape is right). Callers then run ValidateCaseStudy for the field rules.
Status ParseCaseStudyJson(std::string_view json_text, CaseStudy* out, Problems* problems);

// Parses and validates; InvalidArgument listing every problem of either kind.
Result<CaseStudy> CaseStudyFromJson(std::string_view json_text);

// The case in the same shape, pretty-printed with two-space indent; fields in schema order.
std::string CaseStudyToJson(const CaseStudy& c);

}  // namespace citynet::protocol
