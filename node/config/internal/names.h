// The spellings the config file uses for the enums of schema.h. Private to node/config/.
#ifndef CITYNET_NODE_CONFIG_INTERNAL_NAMES_H_
#define CITYNET_NODE_CONFIG_INTERNAL_NAMES_H_

#include <string_view>

namespace citynet::node::config_internal {

// In the order of LogLevel and FetchPolicy.
inline constexpr std::string_view kLogLevelNames[] = {"debug", "info", "notice", "warning",
                                                      "error"};
inline constexpr std::string_view kFetchPolicyNames[] = {"on-demand", "all"};

}  // namespace citynet::node::config_internal

#endif  // CITYNET_NODE_CONFIG_INTERNAL_NAMES_H_
