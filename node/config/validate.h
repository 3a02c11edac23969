// Checks of single values of citynetd's config: hosts, endpoints, the control socket, paths,
// names. The config parser (parse.h) judges the file with them, and the CLI (`citynet init`,
// `citynet peer add`) judges its flags with the same functions before it writes a file, so that
// the two cannot disagree on what is valid: a file the CLI writes is a file citynetd loads.
//
// Each *Problem function returns std::nullopt for a valid value, else one sentence that says
// what is wrong and how to fix it, without the field's name: the caller puts "listen.control: "
// or "--control: " in front. Pure functions: no files, no sockets, no name resolution.
#ifndef CITYNET_NODE_CONFIG_VALIDATE_H_
#define CITYNET_NODE_CONFIG_VALIDATE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"

namespace citynet::node {

// sockaddr_un::sun_path is 108 bytes on Linux, including the terminating NUL.
inline constexpr std::size_t kMaxUnixSocketPathBytes = 107;
// The protocol's limit on a node card's endpoint list (protocol::ValidateNodeCard).
inline constexpr std::size_t kMaxCardEndpoints = 16;

// "*", "0.0.0.0" or "[::]": every interface. Such a host can be bound, never dialled.
bool IsWildcardHost(std::string_view host);

// 127.0.0.0/8, "[::1]" or "localhost".
bool IsLoopbackHost(std::string_view host);

struct HostPort {
  std::string host;  // as written: a name, an IPv4 address, a bracketed IPv6 address, a wildcard
  int port = 0;      // 1 to 65535
};

// Splits "HOST:PORT" and checks both halves: a port from 1 to 65535 (0 and "*", any free port,
// are refused: partners could not find it), a host that is a DNS name, an IPv4 address, an IPv6
// address in brackets or a wildcard. `scheme` is what preceded the value ("tcp://" or ""), and
// `example` a value to suggest, both for messages. InvalidArgument with the problem.
Result<HostPort> ParseHostPort(std::string_view value, std::string_view scheme,
                               std::string_view example);

// A mesh endpoint "tcp://HOST:PORT" (ParseHostPort). Wildcard hosts only where the node binds
// (`allow_wildcard`); elsewhere `who` ("this node", "the partner") is the one to be dialled.
std::optional<std::string> TcpEndpointProblem(std::string_view value, bool allow_wildcard,
                                              std::string_view who = {});

// The control socket: "ipc://" and an absolute path of a file that fits a Unix socket address.
// Whoever can open it controls the node, so never TCP and never an abstract socket. A relative
// path is refused with its absolute form against `base_dir` as the fix. Checks the text too.
std::optional<std::string> ControlEndpointProblem(std::string_view value,
                                                  std::string_view base_dir);

// A directory path as the config takes it (data_dir, key_dir): not empty, text without control
// characters, and not starting with '~', which nothing expands. `field` starts the sentence
// ("node.data_dir", "--data-dir"), which, unlike the other checks here, names it.
std::optional<std::string> DirectoryPathProblem(std::string_view field, std::string_view value);

// The name partners see (node.display_name): not empty, text of at most
// protocol::kMaxShortTextChars characters, no leading or trailing space. `field` starts the
// sentence, as for DirectoryPathProblem.
std::optional<std::string> DisplayNameProblem(std::string_view field, std::string_view value);

// A slug (a node or network name) as protocol::CheckSlug judges it, the sentence without
// CheckSlug's leading subject.
std::optional<std::string> SlugProblem(std::string_view value);

// The first value of `values` that an earlier one repeats, or std::nullopt. Lists in the config
// (networks, listen endpoints, advertised endpoints) name each value once.
std::optional<std::string> RepeatedValue(const std::vector<std::string>& values);

// A partner written with endpoint = "none" dials this node; that needs a listener. When the
// listen endpoints are written as an empty list, the whole message (it names both keys).
std::optional<std::string> DialsInProblem(bool listen_endpoints_empty);

// The endpoints a node's card carries when the config has no `advertise`: the listen endpoints
// that can be dialled (not wildcards), at most kMaxCardEndpoints of them, in order.
std::vector<std::string> DefaultAdvertise(const std::vector<std::string>& listen_endpoints);

}  // namespace citynet::node

#endif  // CITYNET_NODE_CONFIG_VALIDATE_H_
