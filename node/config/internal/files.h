// Reading the config file and the partner cards it names: small regular files, read without
// blocking on a FIFO, with their mode for the permission checks. Private to node/config/.
#ifndef CITYNET_NODE_CONFIG_INTERNAL_FILES_H_
#define CITYNET_NODE_CONFIG_INTERNAL_FILES_H_

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace citynet::node::config_internal {

struct FileText {
  int error = 0;  // errno of open/read, 0 when the file was read
  bool not_regular = false;
  bool too_large = false;
  std::size_t size = 0;
  mode_t mode = 0;
  std::string text;
};

// Reads a small regular file. O_NONBLOCK keeps a FIFO put in a card's place from hanging the
// daemon; it is refused as not regular right after.
FileText ReadSmallFile(const std::string& path, std::size_t max_bytes);

// "0644".
std::string ModeString(mode_t mode);

// A relative path resolved against `base`, made lexically normal, without a trailing '/'.
std::string ResolvePath(const std::filesystem::path& base, std::string_view value);

}  // namespace citynet::node::config_internal

#endif  // CITYNET_NODE_CONFIG_INTERNAL_FILES_H_
