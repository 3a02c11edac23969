// Setting a node up and choosing its partners: `citynet init` (config file, keys, this node's
// card) and `citynet peer add|list|remove`. These are city IT's commands. `init`, `peer add` and
// `peer remove` work on files (the config citynetd reads, the partner card files) and then ask a
// running citynetd to reload; `peer list` asks the daemon.
//
// Boundary: the CLI edits citynetd's config as text: it reads the file with toml++ to find its
// tables and changes only the [[partner]] block it adds or removes, so that every other byte of
// the file (comments included) stays as city IT wrote it. It judges values by citynetd's own
// rules and takes its defaults from citynetd's config library (node/config/, citynet::config),
// never from a copy, and init parses the file it writes as citynetd will; it links nothing else
// of the daemon. citynetd checks the result in full when it reloads or starts.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "protocol/status.h"
#include "tools/cli/commands.h"

namespace CLI {
class App;
}  // namespace CLI

namespace citynet::cli {

// Adds `init` and `peer` (with add, list, remove) to `app`. When one of them is parsed, its
// callback sets `action` to the command, which RunCli then runs; the commands' state lives in
// the callbacks (so in `app`). `out`, `err`, `terminal` and `action` must outlive `app`.
void RegisterSetupCommands(CLI::App& app, std::ostream& out, std::ostream& err,
                           const Terminal& terminal, std::function<int()>& action);

// The config text with `block` (a whole [[partner]] table, ending in "\n") added: after the
// last [[partner]] block and before the comments that lead into the next table, or at the end
// of the file (after a blank line) when no table follows or there is no partner yet. Every other
// byte stays. RemovePartnerBlock of the new block gives `text` back exactly (when `text` ends in
// a newline). InvalidArgument "LINE:COLUMN: ..." when `text` is not valid TOML.
Result<std::string> InsertPartnerBlock(std::string_view text, std::string_view block);

// The config text without its `index`-th [[partner]] block (in file order): from the block's
// header line to the next table header, leaving the comment lines directly above that header
// (they introduce it); at the end of the file, the block and the blank line before it.
// InvalidArgument when `text` is not valid TOML, NotFound when there is no such block.
Result<std::string> RemovePartnerBlock(std::string_view text, std::size_t index);

}  // namespace citynet::cli
