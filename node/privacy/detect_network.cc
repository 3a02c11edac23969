#include "node/privacy/internal/text_identifiers.h"

#include <string_view>

namespace citynet::privacy::internal {

void FindIpAddresses(std::string_view /*v*/, Candidates& /*out*/) {}
void FindPassports(std::string_view /*v*/, const ColumnContext& /*context*/,
                   Candidates& /*taken*/) {}

}  // namespace citynet::privacy::internal
