// Words for the config's messages: case folding, did-you-mean, lists. Private to node/config/.
#ifndef CITYNET_NODE_CONFIG_INTERNAL_TEXT_H_
#define CITYNET_NODE_CONFIG_INTERNAL_TEXT_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::node::config_internal {

// ASCII letters in lower case; other bytes as they are.
std::string Lower(std::string_view s);

// The candidate that `word` was most likely meant to be, or "" when none is close: a case
// difference, a typo or two (more for longer words), or a prefix such as "warn" for "warning".
std::string_view DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

// "a, b, c".
std::string JoinList(std::span<const std::string_view> items);
std::string JoinStrings(const std::vector<std::string>& items);

// Code points of UTF-8 text (the text is checked before).
std::size_t CodePoints(std::string_view s);

}  // namespace citynet::node::config_internal

#endif  // CITYNET_NODE_CONFIG_INTERNAL_TEXT_H_
