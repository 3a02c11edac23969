// Writing TOML text: the quoting that citynetd's config rendering (node/config/) and the
// CLI's config editing (tools/cli/setup.cc) share. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace citynet::protocol {

// A TOML basic string: quotes, with '"' and '\' escaped and control characters as \uXXXX.
std::string TomlString(std::string_view s);
// A TOML array of basic strings: ["a", "b"].
std::string TomlStringList(const std::vector<std::string>& items);

}  // namespace citynet::protocol
