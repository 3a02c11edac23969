#include "node/config/schema.h"

#include <iterator>

#include "node/config/internal/names.h"
#include "protocol/codec.h"

namespace citynet::node {

static_assert(kMinMessageBytes == protocol::Limits{}.max_envelope_bytes,
              "kMinMessageBytes must follow the protocol's largest envelope");

std::string_view FetchPolicyName(FetchPolicy policy) {
  auto i = static_cast<std::size_t>(policy);
  return i < std::size(config_internal::kFetchPolicyNames) ? config_internal::kFetchPolicyNames[i]
                                                           : "unknown";
}

std::string_view LogLevelName(LogLevel level) {
  auto i = static_cast<std::size_t>(level);
  return i < std::size(config_internal::kLogLevelNames) ? config_internal::kLogLevelNames[i]
                                                        : "unknown";
}

}  // namespace citynet::node
