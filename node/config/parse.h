// Reading citynetd's config file: parsed and checked in full before the daemon opens a socket or
// the store. Every problem in the file is reported at once, each as "FILE:LINE: what is wrong:
// what to do", the way a compiler does, so that `citynetd --check-config` shows the whole list
// in one run. Single values are judged by validate.h, which the CLI uses too.
//
// Boundary: this reads the config file and the partner card files it names (a card is loaded
// and its signature verified here, so a node never starts with a partner it cannot trust). It
// does not create directories, read or create secret keys, resolve host names or open sockets:
// whether data_dir is writable or an endpoint can be bound is found out by the daemon when it
// starts.
//
// Thread safety: the functions are reentrant; they share no state.
#ifndef CITYNET_NODE_CONFIG_PARSE_H_
#define CITYNET_NODE_CONFIG_PARSE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "node/config/schema.h"
#include "protocol/status.h"

namespace citynet::node {

// The largest files LoadConfig reads: a config file is a page or two of text (anything larger is
// the wrong file), an armored partner card about 1 KiB.
inline constexpr std::size_t kMaxConfigFileBytes = 1024 * 1024;
inline constexpr std::size_t kMaxCardFileBytes = 64 * 1024;

// Reads and checks the config file at `path` (see ParseConfig), resolving relative paths in it
// against the file's directory. NotFound or PermissionDenied when the file cannot be read,
// InvalidArgument when it is not a regular file, is over 1 MiB, or has problems.
Result<NodeConfig> LoadConfig(const std::string& path);

// Parses and checks config text, reading and verifying the partner card files it names.
// `path_for_messages` starts every message; relative paths in the text are resolved against
// `base_dir` (itself made absolute against the current directory). On any problem returns
// InvalidArgument whose message lists every problem, one per line, ordered by line, each
// "PATH:LINE: message" ("PATH:LINE:COLUMN: syntax error: ..." for TOML syntax, which stops the
// parse; "PATH: message" for a table missing from the file). Warnings go to
// NodeConfig::warnings and do not fail the parse.
Result<NodeConfig> ParseConfig(std::string_view toml_text, const std::string& path_for_messages,
                               const std::string& base_dir);

}  // namespace citynet::node

#endif  // CITYNET_NODE_CONFIG_PARSE_H_
