// Writing citynetd's configuration back out as TOML, for `citynetd --check-config`.
#ifndef CITYNET_NODE_CONFIG_RENDER_H_
#define CITYNET_NODE_CONFIG_RENDER_H_

#include <string>

#include "node/config/schema.h"

namespace citynet::node {

// The effective configuration as a TOML config file, every default written out and every path
// absolute, with each partner's card summarised in comments (name, public keys, networks).
// Holds no secret (NodeConfig has none). For `citynetd --check-config`. ParseConfig of the
// result gives back the same configuration.
std::string ToString(const NodeConfig& config);

}  // namespace citynet::node

#endif  // CITYNET_NODE_CONFIG_RENDER_H_
