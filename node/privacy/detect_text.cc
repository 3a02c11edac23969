#include "node/privacy/internal/text_identifiers.h"

#include <string_view>

namespace citynet::privacy::internal {

void FindBirthDates(std::string_view /*v*/, Candidates& /*taken*/) {}
void FindPlates(std::string_view /*v*/, Candidates& /*taken*/) {}
void FindAddresses(std::string_view /*v*/, Candidates& /*taken*/) {}

}  // namespace citynet::privacy::internal
