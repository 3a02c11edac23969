#include "node/config/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "node/config/internal/text.h"
#include "protocol/validate.h"
#include "protocol/vocabulary.h"

namespace citynet::node {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsIpv4(std::string_view s) {
  int parts = 0;
  while (true) {
    std::size_t dot = s.find('.');
    std::string_view part = s.substr(0, dot);
    if (!IsDigits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return parts == 4;
}

// A bracketed IPv6 literal such as "[::1]".
bool IsBracketedIpv6(std::string_view s) {
  if (s.size() < 4 || s.front() != '[' || s.back() != ']') return false;
  std::string_view inner = s.substr(1, s.size() - 2);
  return inner.find(':') != std::string_view::npos &&
         std::all_of(inner.begin(), inner.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
         });
}

// A DNS name or an interface name: letters, digits, '-' and '.'. ASCII only, whatever the
// locale: the CLI and the daemon must agree on it.
bool IsHostName(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.front() == '.' || s.back() == '.' || s.front() == '-') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

}  // namespace

bool IsWildcardHost(std::string_view host) {
  return host == "*" || host == "0.0.0.0" || host == "[::]";
}

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "[::1]" || (IsIpv4(host) && host.starts_with("127."));
}

Result<HostPort> ParseHostPort(std::string_view value, std::string_view scheme,
                               std::string_view example) {
  std::string shown = fmt::format("{}{}", scheme, value);
  std::size_t colon = value.rfind(':');
  if (colon == std::string_view::npos || (value.front() == '[' && value.back() == ']')) {
    return InvalidArgument(fmt::format("'{}' has no port: write it as '{}'", shown, example));
  }
  std::string_view host = value.substr(0, colon);
  std::string_view port = value.substr(colon + 1);
  if (port == "*" || port == "0") {
    return InvalidArgument(fmt::format(
        "'{}' asks for any free port, which partners and monitoring could not find: choose "
        "one, e.g. '{}'",
        shown, example));
  }
  if (!IsDigits(port) || port.size() > 5 || std::stoi(std::string(port)) > 65535 ||
      std::stoi(std::string(port)) < 1) {
    return InvalidArgument(
        fmt::format("'{}' has port '{}'; a port is a number from 1 to 65535", shown, port));
  }
  if (host.find(':') != std::string_view::npos && host.front() != '[') {
    return InvalidArgument(fmt::format("'{}': write an IPv6 address in brackets: '{}[{}]:{}'",
                                       shown, scheme, host, port));
  }
  if (!IsWildcardHost(host) && !IsIpv4(host) && !IsBracketedIpv6(host) && !IsHostName(host)) {
    return InvalidArgument(fmt::format(
        "'{}' has host '{}', which is not a host name, an IPv4 address or an IPv6 address in "
        "brackets",
        shown, host));
  }
  return HostPort{std::string(host), std::stoi(std::string(port))};
}

std::optional<std::string> TcpEndpointProblem(std::string_view value, bool allow_wildcard,
                                              std::string_view who) {
  constexpr std::string_view kScheme = "tcp://";
  if (!value.starts_with(kScheme)) {
    std::size_t scheme_end = value.find("://");
    if (scheme_end != std::string_view::npos) {
      return fmt::format("'{}': only tcp:// endpoints are supported", value);
    }
    return fmt::format("'{}' must start with tcp://: 'tcp://{}'", value, value);
  }
  auto host_port = ParseHostPort(value.substr(kScheme.size()), kScheme, "tcp://HOST:7400");
  if (!host_port.ok()) return host_port.status().message();
  if (!allow_wildcard && IsWildcardHost(host_port->host)) {
    return fmt::format(
        "'{}' is a wildcard address, which cannot be dialled: write the host name or address "
        "{} is reached at",
        value, who);
  }
  return std::nullopt;
}

std::optional<std::string> ControlEndpointProblem(std::string_view value,
                                                  std::string_view base_dir) {
  if (auto bad = protocol::CheckText("the control socket", value, false)) return bad;
  constexpr std::string_view kIpc = "ipc://";
  std::string_view socket_path = value.substr(std::min(value.size(), kIpc.size()));
  if (!value.starts_with(kIpc)) {
    return fmt::format(
        "'{}' must be ipc:// and an absolute path, e.g. 'ipc:///run/citynet/control.sock': "
        "whoever can open the control socket controls the node, so it is a Unix socket guarded "
        "by file permissions, never TCP",
        value);
  }
  if (socket_path.starts_with("@")) {
    return fmt::format(
        "'{}' is an abstract socket, which any local user can open: name a file, e.g. "
        "'ipc:///run/citynet/control.sock'",
        value);
  }
  if (!socket_path.starts_with("/")) {
    std::filesystem::path absolute =
        std::filesystem::path(base_dir) / (socket_path.empty() ? "control.sock" : socket_path);
    std::string shown = absolute.lexically_normal().string();
    while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
    return fmt::format("'{}' must name an absolute path: 'ipc://{}'", value, shown);
  }
  if (socket_path.size() > kMaxUnixSocketPathBytes) {
    return fmt::format("the socket path is {} bytes long; a Unix socket path is at most {}",
                       socket_path.size(), kMaxUnixSocketPathBytes);
  }
  if (socket_path.back() == '/') {
    return fmt::format("'{}' names a directory: add the socket's file name, e.g. 'control.sock'",
                       value);
  }
  return std::nullopt;
}

std::optional<std::string> DirectoryPathProblem(std::string_view field, std::string_view value) {
  if (value.empty()) return fmt::format("{} is empty: write a directory path", field);
  if (auto bad = protocol::CheckText(field, value, false)) return bad;
  if (value.front() == '~') {
    return fmt::format("{}: '{}': '~' is not expanded in this file: write the full path", field,
                       value);
  }
  return std::nullopt;
}

std::optional<std::string> DisplayNameProblem(std::string_view field, std::string_view value) {
  if (value.empty()) {
    return fmt::format("{} is empty: write the name partners see, e.g. \"City of Copenhagen\"",
                       field);
  }
  if (auto bad = protocol::CheckText(field, value, false)) return bad;
  std::size_t chars = config_internal::CodePoints(value);
  if (chars > protocol::kMaxShortTextChars) {
    return fmt::format("{} is {} characters long; the limit is {}", field, chars,
                       protocol::kMaxShortTextChars);
  }
  if (value.front() == ' ' || value.back() == ' ') {
    return fmt::format("{} '{}' starts or ends with a space", field, value);
  }
  return std::nullopt;
}

std::optional<std::string> SlugProblem(std::string_view value) {
  std::optional<std::string> bad = protocol::CheckSlug("", value);
  if (bad && !bad->empty() && bad->front() == ' ') bad->erase(0, 1);
  return bad;
}

std::optional<std::string> RepeatedValue(const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      return values[i];
    }
  }
  return std::nullopt;
}

std::optional<std::string> DialsInProblem(bool listen_endpoints_empty) {
  if (!listen_endpoints_empty) return std::nullopt;
  return std::string(
      "partner.endpoint is \"none\" (the partner connects to this node), but listen.endpoints is "
      "empty, so nothing accepts the connection: add a listen endpoint or give the partner's "
      "endpoint");
}

std::vector<std::string> DefaultAdvertise(const std::vector<std::string>& listen_endpoints) {
  std::vector<std::string> out;
  for (const std::string& e : listen_endpoints) {
    if (out.size() == kMaxCardEndpoints) break;
    // Listen endpoints reach here checked: "tcp://" HOST ":" PORT.
    std::string_view rest = std::string_view(e).substr(std::min<std::size_t>(e.size(), 6));
    if (!IsWildcardHost(rest.substr(0, rest.rfind(':')))) out.push_back(e);
  }
  return out;
}

}  // namespace citynet::node
