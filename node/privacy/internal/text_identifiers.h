// Detectors for identifiers written in words as much as in digits: IP addresses, passport
// numbers (by context), dates of birth (by context), vehicle registration plates and street
// addresses, in Danish, English, Spanish and Chinese forms.
#pragma once

#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes IPv4 and IPv6 addresses (run with the strong detectors).
void FindIpAddresses(std::string_view v, Candidates& out);
// Each appends what it finds, not overlapping `taken`, to it.
void FindPassports(std::string_view v, const ColumnContext& context, Candidates& taken);
void FindBirthDates(std::string_view v, Candidates& taken);
void FindPlates(std::string_view v, Candidates& taken);
void FindAddresses(std::string_view v, Candidates& taken);

}  // namespace citynet::privacy::internal
