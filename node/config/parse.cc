#include "node/config/schema.h"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/codec.h"
#include "protocol/node_card.h"
#include "protocol/toml_text.h"
#include "protocol/validate.h"
#include "protocol/vocabulary.h"

namespace citynet::node {
namespace {

namespace fs = std::filesystem;

// A config file is a page or two of text; anything larger is the wrong file.
constexpr std::size_t kMaxConfigBytes = 1024 * 1024;
// An armored card is about 1 KiB.
constexpr std::size_t kMaxCardBytes = 64 * 1024;
// sockaddr_un::sun_path is 108 bytes on Linux, including the terminating NUL.
constexpr std::size_t kMaxUnixSocketPathBytes = 107;
// The protocol's limit on a node card's endpoint list (ValidateNodeCard).
constexpr std::size_t kMaxCardEndpoints = 16;

static_assert(kMinMessageBytes == protocol::Limits{}.max_envelope_bytes,
              "kMinMessageBytes must follow the protocol's largest envelope");

constexpr std::string_view kLogLevelNames[] = {"debug", "info", "notice", "warning", "error"};
constexpr std::string_view kFetchPolicyNames[] = {"on-demand", "all"};

// ---------------------------------------------------------------------------------------------
// The keys each table may hold, for unknown-key messages.

constexpr std::string_view kTopKeys[] = {"node", "listen", "partner", "limits", "log", "datasets"};
constexpr std::string_view kNodeKeys[] = {"name", "display_name", "data_dir", "key_dir",
                                          "networks"};
constexpr std::string_view kListenKeys[] = {"endpoints", "advertise", "control", "metrics",
                                            "allow_remote_metrics"};
constexpr std::string_view kPartnerKeys[] = {"card", "networks", "endpoint"};
constexpr std::string_view kLimitsKeys[] = {
    "max_message_bytes", "max_peers",           "peer_rate_records_per_s", "peer_queue_bytes",
    "pending_records",   "catch_up_interval_s", "heartbeat_timeout_s"};
constexpr std::string_view kLogKeys[] = {"level"};
constexpr std::string_view kDatasetsKeys[] = {"fetch", "serve_mib_per_s"};

struct TableKeys {
  std::string_view table;  // as written in the file: "[node]", "[[partner]]"
  std::span<const std::string_view> keys;
};

constexpr TableKeys kTables[] = {{"[node]", kNodeKeys},         {"[listen]", kListenKeys},
                                 {"[[partner]]", kPartnerKeys}, {"[limits]", kLimitsKeys},
                                 {"[log]", kLogKeys},           {"[datasets]", kDatasetsKeys}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The candidate that `word` was most likely meant to be, or "" when none is close: a case
// difference, a typo or two (more for longer words), or a prefix such as "warn" for "warning".
std::string_view DidYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  if (word.size() > 64) return {};  // no key is that long; spare the quadratic distance
  std::string w = Lower(word);
  std::string_view best;
  std::size_t best_distance = SIZE_MAX;
  for (std::string_view c : candidates) {
    std::size_t distance = EditDistance(w, c);
    std::size_t allowed = std::max<std::size_t>(1, std::min(w.size(), c.size()) / 3);
    bool prefix = w.size() >= 3 && (c.starts_with(w) || w.starts_with(c));
    if ((distance <= allowed || prefix) && distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  }
  return best;
}

std::string JoinList(std::span<const std::string_view> items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string JoinStrings(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A slug problem without CheckSlug's leading subject, so that it reads after "field: ".
std::optional<std::string> SlugProblem(std::string_view value) {
  std::optional<std::string> bad = protocol::CheckSlug("", value);
  if (bad && !bad->empty() && bad->front() == ' ') bad->erase(0, 1);
  return bad;
}

// ---------------------------------------------------------------------------------------------
// Endpoints and addresses.

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

// A DNS name or an interface name: letters, digits, '-' and '.'.
bool IsHostName(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.front() == '.' || s.back() == '.' || s.front() == '-') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
  });
}

bool IsWildcardHost(std::string_view host) {
  return host == "*" || host == "0.0.0.0" || host == "[::]";
}

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "[::1]" || (IsIpv4(host) && host.starts_with("127."));
}

struct HostPort {
  std::string host;
  int port = 0;
};

// Splits "HOST:PORT" and checks both halves. `scheme` is what preceded it ("tcp://" or ""),
// for the value as the user wrote it in messages.
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

// A mesh endpoint "tcp://HOST:PORT". Wildcard hosts only where the node binds; elsewhere `who`
// ("this node", "the partner") is the one to be dialled.
std::optional<std::string> TcpEndpointProblem(std::string_view value, bool allow_wildcard,
                                              std::string_view who = {}) {
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

// ---------------------------------------------------------------------------------------------
// Files.

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
FileText ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  FileText out;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.error = errno;
    ::close(fd);
    return out;
  }
  out.mode = st.st_mode;
  out.size = static_cast<std::size_t>(st.st_size);
  if (!S_ISREG(st.st_mode)) {
    out.not_regular = true;
    ::close(fd);
    return out;
  }
  if (out.size > max_bytes) {
    out.too_large = true;
    ::close(fd);
    return out;
  }
  char buffer[16384];
  while (out.text.size() <= max_bytes) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = errno;
      break;
    }
    if (n == 0) break;
    out.text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (out.text.size() > max_bytes) out.too_large = true;
  return out;
}

std::string ModeString(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

// A relative path resolved against `base`, made lexically normal, without a trailing '/'.
std::string ResolvePath(const fs::path& base, std::string_view value) {
  fs::path p(value);
  if (p.is_relative()) p = base / p;
  p = p.lexically_normal();
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// ---------------------------------------------------------------------------------------------
// TOML values.

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int LineOf(const toml::key& k) { return static_cast<int>(k.source().begin.line); }

// "a string", "an integer", ... as a sentence needs it.
std::string_view TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "nothing";
  }
}

template <typename T>
struct Located {
  T value;
  int line = 0;
};

struct Issue {
  int line = 0;    // 0 when the problem is about the file as a whole
  int column = 0;  // 0 when not known
  bool warning = false;
  std::string message;
};

// ---------------------------------------------------------------------------------------------
// The parser: one pass over the document that records every problem and keeps going.

class ConfigParser {
 public:
  ConfigParser(std::string path, fs::path base) : path_(std::move(path)), base_(std::move(base)) {}

  Result<NodeConfig> Parse(std::string_view text);

 private:
  void Error(int line, std::string message) {
    issues_.push_back({line, 0, false, std::move(message)});
  }
  void Warn(int line, std::string message) {
    issues_.push_back({line, 0, true, std::move(message)});
  }
  // Reports a missing required key, unless a misspelt key was already pointed at it.
  void Missing(const toml::table& table, std::string_view key, std::string message) {
    for (const auto& [t, k] : suggested_) {
      if (t == &table && k == key) return;
    }
    Error(LineOf(table), std::move(message));
  }
  bool HasErrors() const {
    return std::any_of(issues_.begin(), issues_.end(), [](const Issue& i) { return !i.warning; });
  }
  std::string Render(const Issue& issue) const;

  // Reports every key of `table` that is not one of `keys`. `name` is the table as written in
  // the file ("[node]"), or "" for the top level.
  void CheckKeys(const toml::table& table, std::string_view name,
                 std::span<const std::string_view> keys);

  void CheckTopLevelKey(std::string_view key, bool is_table, int line);
  // The sub-table `key` of the top level; reports it when it is something else.
  const toml::table* Table(const toml::table& root, std::string_view key);

  // Typed accessors: std::nullopt when the key is absent or has the wrong type (reported).
  std::optional<Located<std::string>> String(const toml::table& t, std::string_view field,
                                             std::string_view key);
  std::optional<Located<std::vector<Located<std::string>>>> StringList(const toml::table& t,
                                                                       std::string_view field,
                                                                       std::string_view key);
  std::optional<Located<int64_t>> Integer(const toml::table& t, std::string_view field,
                                          std::string_view key);
  std::optional<Located<bool>> Bool(const toml::table& t, std::string_view field,
                                    std::string_view key);

  // A path value resolved against the config file's directory.
  std::optional<std::string> Path(const Located<std::string>& value, std::string_view field);
  // A list of slugs without duplicates; problems reported at each element's line.
  std::vector<std::string> Slugs(const std::vector<Located<std::string>>& values,
                                 std::string_view field);
  // An integer within [min, max]; `why` explains the bounds in the message.
  template <typename T>
  std::optional<T> Bounded(const toml::table* t, std::string_view key, T min, T max,
                           std::string_view why = {});

  void ParseNode(const toml::table* node, NodeConfig& config);
  void ParseListen(const toml::table* listen, NodeConfig& config);
  void ParseLimits(const toml::table* limits, NodeConfig& config);
  void ParseLog(const toml::table* log, NodeConfig& config);
  void ParseDatasets(const toml::table* datasets, NodeConfig& config);
  void ParsePartners(const toml::node* partners, NodeConfig& config);
  std::optional<protocol::NodeCard> LoadCard(const std::string& card_path, int line);

  std::string path_;
  fs::path base_;
  std::vector<Issue> issues_;
  int networks_line_ = 0;           // line of node.networks, for messages that point to it
  std::vector<int> network_lines_;  // line of each of NodeConfig::networks
  std::vector<std::string> written_networks_;    // node.networks as written, valid or not
  bool listen_endpoints_written_empty_ = false;  // `endpoints = []`, not endpoints all refused
  // Keys that a did-you-mean pointed to in a table that lacks them (nullptr: the top level): the
  // misspelt key is reported, so a "missing" message for the key would say the same twice.
  std::vector<std::pair<const toml::table*, std::string>> suggested_;
};

std::string ConfigParser::Render(const Issue& issue) const {
  std::string where = path_;
  if (issue.line > 0) where += fmt::format(":{}", issue.line);
  if (issue.column > 0) where += fmt::format(":{}", issue.column);
  return fmt::format("{}: {}{}", where, issue.warning ? "warning: " : "", issue.message);
}

void ConfigParser::CheckKeys(const toml::table& table, std::string_view name,
                             std::span<const std::string_view> keys) {
  for (auto&& [key, value] : table) {
    std::string_view k = key.str();
    if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
    int line = LineOf(key);
    if (name.empty()) {
      CheckTopLevelKey(k, value.is_table() || value.is_array_of_tables(), line);
      continue;
    }
    if (std::string_view guess = DidYouMean(k, keys); !guess.empty()) {
      Error(line, fmt::format("unknown key '{}': did you mean '{}'?", k, guess));
      if (!table.contains(guess)) suggested_.push_back({&table, std::string(guess)});
      continue;
    }
    bool placed = false;
    for (const TableKeys& t : kTables) {
      if (t.table != name && std::find(t.keys.begin(), t.keys.end(), k) != t.keys.end()) {
        Error(line, fmt::format("unknown key '{}' in {}: it belongs in {}", k, name, t.table));
        placed = true;
        break;
      }
    }
    if (!placed) {
      Error(line, fmt::format("unknown key '{}' in {}: the keys of {} are {}", k, name, name,
                              JoinList(keys)));
    }
  }
}

void ConfigParser::CheckTopLevelKey(std::string_view k, bool is_table, int line) {
  constexpr std::string_view kTableList =
      "the tables are [node], [listen], [[partner]], [limits], [log] and [datasets]";
  std::string_view owner;  // the table that has a key of this name
  for (const TableKeys& t : kTables) {
    if (std::find(t.keys.begin(), t.keys.end(), k) != t.keys.end()) {
      owner = t.table;
      break;
    }
  }
  if (!is_table) {
    // A key written before the first table header.
    if (!owner.empty()) {
      Error(line, fmt::format("key '{}' is outside any table: it belongs in {}", k, owner));
    } else {
      Error(line, fmt::format("unknown key '{}' outside any table: {}", k, kTableList));
    }
    return;
  }
  if (k == "partners") {
    Error(line,
          "unknown table [partners]: did you mean [[partner]]? (one [[partner]] block per "
          "partner)");
  } else if (std::string_view guess = DidYouMean(k, kTopKeys); !guess.empty()) {
    Error(line, fmt::format("unknown table [{}]: did you mean [{}]?", k,
                            guess == "partner" ? "[partner]" : guess));
    suggested_.push_back({nullptr, std::string(guess)});
  } else if (!owner.empty()) {
    Error(line, fmt::format("unknown table [{}]: '{}' is a key of {}", k, k, owner));
  } else {
    Error(line, fmt::format("unknown table [{}]: {}", k, kTableList));
  }
}

const toml::table* ConfigParser::Table(const toml::table& root, std::string_view key) {
  const toml::node* n = root.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::table* t = n->as_table()) return t;
  Error(LineOf(*n), fmt::format("{} must be a table, written [{}] on a line of its own, not {}",
                                key, key, TypeName(*n)));
  return nullptr;
}

std::optional<Located<std::string>> ConfigParser::String(const toml::table& t,
                                                         std::string_view field,
                                                         std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  const toml::value<std::string>* s = n->as_string();
  if (s == nullptr) {
    Error(LineOf(*n),
          fmt::format("{} must be a string (in double quotes), not {}", field, TypeName(*n)));
    return std::nullopt;
  }
  if (auto bad = protocol::CheckText(field, s->get(), false)) {
    Error(LineOf(*n), *bad);
    return std::nullopt;
  }
  return Located<std::string>{s->get(), LineOf(*n)};
}

std::optional<Located<std::vector<Located<std::string>>>> ConfigParser::StringList(
    const toml::table& t, std::string_view field, std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    std::string hint;
    if (n->is_string()) hint = fmt::format(": [\"{}\"]", n->as_string()->get());
    Error(LineOf(*n),
          fmt::format("{} must be an array of strings, not {}{}", field, TypeName(*n), hint));
    return std::nullopt;
  }
  Located<std::vector<Located<std::string>>> out{{}, LineOf(*n)};
  for (const toml::node& element : *a) {
    const toml::value<std::string>* s = element.as_string();
    if (s == nullptr) {
      Error(LineOf(element),
            fmt::format("{} must be an array of strings, but holds {}", field, TypeName(element)));
      continue;
    }
    if (auto bad = protocol::CheckText(field, s->get(), false)) {
      Error(LineOf(element), *bad);
      continue;
    }
    out.value.push_back({s->get(), LineOf(element)});
  }
  return out;
}

std::optional<Located<int64_t>> ConfigParser::Integer(const toml::table& t, std::string_view field,
                                                      std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  if (const toml::value<int64_t>* i = n->as_integer()) {
    return Located<int64_t>{i->get(), LineOf(*n)};
  }
  std::string hint;
  if (n->is_string()) {
    hint = ": write the number without quotes or units (underscores may group digits: 8_388_608)";
  } else if (n->is_floating_point()) {
    hint = ": write a whole number";
  }
  Error(LineOf(*n), fmt::format("{} must be an integer, not {}{}", field, TypeName(*n), hint));
  return std::nullopt;
}

std::optional<Located<bool>> ConfigParser::Bool(const toml::table& t, std::string_view field,
                                                std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  if (const toml::value<bool>* b = n->as_boolean()) return Located<bool>{b->get(), LineOf(*n)};
  Error(LineOf(*n),
        fmt::format("{} must be true or false (without quotes), not {}", field, TypeName(*n)));
  return std::nullopt;
}

std::optional<std::string> ConfigParser::Path(const Located<std::string>& value,
                                              std::string_view field) {
  if (value.value.empty()) {
    Error(value.line, fmt::format("{} is empty: write a directory path", field));
    return std::nullopt;
  }
  if (value.value.front() == '~') {
    Error(value.line, fmt::format("{}: '{}': '~' is not expanded in this file: write the full "
                                  "path",
                                  field, value.value));
    return std::nullopt;
  }
  return ResolvePath(base_, value.value);
}

std::vector<std::string> ConfigParser::Slugs(const std::vector<Located<std::string>>& values,
                                             std::string_view field) {
  std::vector<std::string> out;
  for (const Located<std::string>& v : values) {
    if (auto bad = SlugProblem(v.value)) {
      Error(v.line, fmt::format("{}: {}", field, *bad));
      continue;
    }
    if (std::find(out.begin(), out.end(), v.value) != out.end()) {
      Error(v.line, fmt::format("{}: '{}' is listed twice", field, v.value));
      continue;
    }
    out.push_back(v.value);
  }
  return out;
}

template <typename T>
std::optional<T> ConfigParser::Bounded(const toml::table* t, std::string_view key, T min, T max,
                                       std::string_view why) {
  if (t == nullptr) return std::nullopt;
  std::string field = fmt::format("limits.{}", key);
  auto v = Integer(*t, field, key);
  if (!v) return std::nullopt;
  if (v->value < static_cast<int64_t>(min) || v->value > static_cast<int64_t>(max)) {
    Error(v->line, fmt::format("{} must be between {} and {}{}, not {}", field, min, max,
                               why.empty() ? "" : fmt::format(" ({})", why), v->value));
    return std::nullopt;
  }
  return static_cast<T>(v->value);
}

void ConfigParser::ParseNode(const toml::table* node, NodeConfig& config) {
  if (node == nullptr) {
    for (const auto& [t, k] : suggested_) {
      if (t == nullptr && k == "node") return;  // misspelt, and reported as such
    }
    Error(0,
          "[node] is missing: every config needs a [node] table with name, display_name and "
          "networks");
    return;
  }
  CheckKeys(*node, "[node]", kNodeKeys);

  if (auto name = String(*node, "node.name", "name")) {
    if (auto bad = SlugProblem(name->value)) {
      Error(name->line, fmt::format("node.name: {}", *bad));
    } else {
      config.name = name->value;
    }
  } else if (node->get("name") == nullptr) {
    Missing(*node, "name",
            "node.name is missing: add name = \"your-city\", the name on this node's card "
            "(a-z, 0-9 and '-')");
  }

  if (auto display = String(*node, "node.display_name", "display_name")) {
    const std::string& v = display->value;
    std::size_t chars = CodePoints(v);
    if (v.empty()) {
      Error(display->line,
            "node.display_name is empty: write the name partners see, e.g. "
            "\"City of Copenhagen\"");
    } else if (chars > protocol::kMaxShortTextChars) {
      Error(display->line, fmt::format("node.display_name is {} characters long; the limit is {}",
                                       chars, protocol::kMaxShortTextChars));
    } else if (v.front() == ' ' || v.back() == ' ') {
      Error(display->line, fmt::format("node.display_name '{}' starts or ends with a space", v));
    } else {
      config.display_name = v;
    }
  } else if (node->get("display_name") == nullptr) {
    Missing(*node, "display_name",
            "node.display_name is missing: add display_name = \"City of ...\", the name "
            "partners see");
  }

  if (auto data_dir = String(*node, "node.data_dir", "data_dir")) {
    if (auto p = Path(*data_dir, "node.data_dir")) config.data_dir = *p;
  }
  config.key_dir = config.data_dir + "/keys";
  if (auto key_dir = String(*node, "node.key_dir", "key_dir")) {
    if (auto p = Path(*key_dir, "node.key_dir")) config.key_dir = *p;
  }

  if (auto networks = StringList(*node, "node.networks", "networks")) {
    networks_line_ = networks->line;
    if (networks->value.empty() && node->get("networks")->as_array()->empty()) {
      Error(networks->line,
            "node.networks is empty: list the networks this node belongs to, "
            "e.g. [\"c40\"]");
    }
    if (networks->value.size() > protocol::kMaxListItems) {
      Error(networks->line, fmt::format("node.networks has {} entries; the limit is {}",
                                        networks->value.size(), protocol::kMaxListItems));
    }
    for (const auto& v : networks->value) written_networks_.push_back(v.value);
    config.networks = Slugs(networks->value, "node.networks");
    for (const std::string& n : config.networks) {
      for (const auto& v : networks->value) {
        if (v.value == n) {
          network_lines_.push_back(v.line);
          break;
        }
      }
    }
  } else if (node->get("networks") == nullptr) {
    Missing(*node, "networks",
            "node.networks is missing: add networks = [\"...\"], the networks this node "
            "belongs to");
  }
}

void ConfigParser::ParseListen(const toml::table* listen, NodeConfig& config) {
  ListenConfig& out = config.listen;
  bool advertise_given = false;
  if (listen != nullptr) {
    CheckKeys(*listen, "[listen]", kListenKeys);
    if (auto endpoints = StringList(*listen, "listen.endpoints", "endpoints")) {
      out.endpoints.clear();
      listen_endpoints_written_empty_ = listen->get("endpoints")->as_array()->empty();
      for (const auto& e : endpoints->value) {
        if (auto bad = TcpEndpointProblem(e.value, true)) {
          Error(e.line, fmt::format("listen.endpoints: {}", *bad));
        } else if (std::find(out.endpoints.begin(), out.endpoints.end(), e.value) !=
                   out.endpoints.end()) {
          Error(e.line, fmt::format("listen.endpoints: '{}' is listed twice", e.value));
        } else {
          out.endpoints.push_back(e.value);
        }
      }
    }
    if (auto advertise = StringList(*listen, "listen.advertise", "advertise")) {
      advertise_given = true;
      for (const auto& e : advertise->value) {
        if (auto bad = TcpEndpointProblem(e.value, false, "this node")) {
          Error(e.line, fmt::format("listen.advertise: {}", *bad));
        } else if (std::find(out.advertise.begin(), out.advertise.end(), e.value) !=
                   out.advertise.end()) {
          Error(e.line, fmt::format("listen.advertise: '{}' is listed twice", e.value));
        } else {
          out.advertise.push_back(e.value);
        }
      }
      if (advertise->value.size() > kMaxCardEndpoints) {
        Error(advertise->line, fmt::format("listen.advertise has {} entries; a node card holds "
                                           "at most {}",
                                           advertise->value.size(), kMaxCardEndpoints));
      }
    }
    if (auto control = String(*listen, "listen.control", "control")) {
      constexpr std::string_view kIpc = "ipc://";
      const std::string& v = control->value;
      std::string_view socket_path = std::string_view(v).substr(std::min(v.size(), kIpc.size()));
      if (!v.starts_with(kIpc)) {
        Error(control->line,
              fmt::format("listen.control: '{}' must be ipc:// and an absolute path, e.g. "
                          "'ipc:///run/citynet/control.sock': whoever can open the control "
                          "socket controls the node, so it is a Unix socket guarded by file "
                          "permissions, never TCP",
                          v));
      } else if (socket_path.starts_with("@")) {
        Error(control->line,
              fmt::format("listen.control: '{}' is an abstract socket, which any local user can "
                          "open: name a file, e.g. 'ipc:///run/citynet/control.sock'",
                          v));
      } else if (!socket_path.starts_with("/")) {
        Error(control->line,
              fmt::format("listen.control: '{}' must name an absolute path: 'ipc://{}'", v,
                          ResolvePath(base_, socket_path.empty() ? "control.sock" : socket_path)));
      } else if (socket_path.size() > kMaxUnixSocketPathBytes) {
        Error(control->line,
              fmt::format("listen.control: the socket path is {} bytes long; a Unix socket path "
                          "is at most {}",
                          socket_path.size(), kMaxUnixSocketPathBytes));
      } else if (socket_path.back() == '/') {
        Error(control->line,
              fmt::format("listen.control: '{}' names a directory: add the socket's file name, "
                          "e.g. 'control.sock'",
                          v));
      } else {
        out.control = v;
      }
    }
    if (auto allow = Bool(*listen, "listen.allow_remote_metrics", "allow_remote_metrics")) {
      out.allow_remote_metrics = allow->value;
    }
    if (auto metrics = String(*listen, "listen.metrics", "metrics")) {
      const std::string& v = metrics->value;
      std::size_t scheme = v.find("://");
      if (v.empty()) {
        out.metrics.clear();  // off
      } else if (scheme != std::string::npos) {
        Error(metrics->line, fmt::format("listen.metrics: '{}' must be HOST:PORT without a "
                                         "scheme: '{}'",
                                         v, v.substr(scheme + 3)));
      } else if (auto hp = ParseHostPort(v, "", "127.0.0.1:9464"); !hp.ok()) {
        Error(metrics->line, fmt::format("listen.metrics: {}", hp.status().message()));
      } else if (!IsLoopbackHost(hp->host) && !out.allow_remote_metrics) {
        Error(metrics->line,
              fmt::format("listen.metrics {} is not a loopback address: metrics are served on "
                          "loopback only unless allow_remote_metrics = true",
                          v));
      } else {
        out.metrics = v;
      }
    }
  }
  if (!advertise_given) {
    for (const std::string& e : out.endpoints) {
      std::string_view rest = std::string_view(e).substr(6);
      if (!IsWildcardHost(rest.substr(0, rest.rfind(':')))) out.advertise.push_back(e);
    }
    if (out.advertise.size() > kMaxCardEndpoints) out.advertise.resize(kMaxCardEndpoints);
    if (out.advertise.empty() && !out.endpoints.empty()) {
      Warn(listen != nullptr ? LineOf(*listen) : 0,
           "listen.advertise is not set and every listen endpoint is a wildcard, so this node's "
           "card will carry no endpoint: partners must configure ours by hand; add advertise = "
           "[\"tcp://HOST:PORT\"] with the address partners reach this node at");
    }
  }
}

void ConfigParser::ParseLimits(const toml::table* limits, NodeConfig& config) {
  LimitsConfig& out = config.limits;
  if (limits == nullptr) return;
  CheckKeys(*limits, "[limits]", kLimitsKeys);
  if (auto v = Bounded<std::size_t>(limits, "max_message_bytes", kMinMessageBytes, kMaxMessageBytes,
                                    "the least is the largest record envelope, the most 256 MiB")) {
    out.max_message_bytes = *v;
  }
  if (auto v = Bounded<int>(limits, "max_peers", kMinPeers, kMaxPeers)) out.max_peers = *v;
  if (auto v = Bounded<int>(limits, "peer_rate_records_per_s", kMinPeerRate, kMaxPeerRate)) {
    out.peer_rate_records_per_s = *v;
  }
  if (auto v = Bounded<std::size_t>(limits, "peer_queue_bytes", out.max_message_bytes,
                                    kMaxPeerQueueBytes,
                                    "a peer's queue holds at least one message of "
                                    "limits.max_message_bytes, and at most 4 GiB")) {
    out.peer_queue_bytes = *v;
  }
  if (auto v =
          Bounded<std::size_t>(limits, "pending_records", kMinPendingRecords, kMaxPendingRecords)) {
    out.pending_records = *v;
  }
  if (auto v = Bounded<int64_t>(limits, "catch_up_interval_s", kMinCatchUpInterval.count(),
                                kMaxCatchUpInterval.count(), "seconds: 1 second to 1 day")) {
    out.catch_up_interval = std::chrono::seconds(*v);
  }
  if (auto v = Bounded<int64_t>(limits, "heartbeat_timeout_s", kMinHeartbeatTimeout.count(),
                                kMaxHeartbeatTimeout.count(), "seconds: 3 seconds to 1 hour")) {
    out.heartbeat_timeout = std::chrono::seconds(*v);
  }
}

void ConfigParser::ParseLog(const toml::table* log, NodeConfig& config) {
  if (log == nullptr) return;
  CheckKeys(*log, "[log]", kLogKeys);
  auto level = String(*log, "log.level", "level");
  if (!level) return;
  for (std::size_t i = 0; i < std::size(kLogLevelNames); ++i) {
    if (level->value == kLogLevelNames[i]) {
      config.log_level = static_cast<LogLevel>(i);
      return;
    }
  }
  std::string lower = Lower(level->value);
  if (std::find(std::begin(kLogLevelNames), std::end(kLogLevelNames), lower) !=
      std::end(kLogLevelNames)) {
    Error(level->line,
          fmt::format("log.level: '{}' must be lower case: '{}'", level->value, lower));
    return;
  }
  std::string_view guess = DidYouMean(level->value, kLogLevelNames);
  if (guess.empty()) {
    Error(level->line, fmt::format("log.level: '{}' is not a log level: use debug, info, notice, "
                                   "warning or error",
                                   level->value));
  } else {
    Error(level->line, fmt::format("log.level: '{}' is not a log level: did you mean '{}'? "
                                   "(debug, info, notice, warning, error)",
                                   level->value, guess));
  }
}

void ConfigParser::ParseDatasets(const toml::table* datasets, NodeConfig& config) {
  if (datasets == nullptr) return;
  CheckKeys(*datasets, "[datasets]", kDatasetsKeys);
  if (auto rate = Integer(*datasets, "datasets.serve_mib_per_s", "serve_mib_per_s")) {
    if (rate->value < kMinServeMibPerS || rate->value > kMaxServeMibPerS) {
      Error(rate->line,
            fmt::format("datasets.serve_mib_per_s must be between {} and {} (MiB/s of dataset "
                        "bodies sent to one partner), not {}",
                        kMinServeMibPerS, kMaxServeMibPerS, rate->value));
    } else {
      config.dataset_serve_mib_per_s = static_cast<int>(rate->value);
    }
  }
  auto fetch = String(*datasets, "datasets.fetch", "fetch");
  if (!fetch) return;
  for (std::size_t i = 0; i < std::size(kFetchPolicyNames); ++i) {
    if (fetch->value == kFetchPolicyNames[i]) {
      config.dataset_fetch = static_cast<FetchPolicy>(i);
      return;
    }
  }
  std::string_view guess = DidYouMean(Lower(fetch->value), kFetchPolicyNames);
  if (guess.empty()) {
    Error(fetch->line,
          fmt::format("datasets.fetch: '{}' is not a fetch policy: use \"on-demand\" (bodies "
                      "fetched when asked for) or \"all\" (every dataset's body)",
                      fetch->value));
  } else {
    Error(fetch->line, fmt::format("datasets.fetch: '{}' is not a fetch policy: did you mean "
                                   "'{}'? (on-demand, all)",
                                   fetch->value, guess));
  }
}

std::optional<protocol::NodeCard> ConfigParser::LoadCard(const std::string& card_path, int line) {
  FileText file = ReadSmallFile(card_path, kMaxCardBytes);
  std::string what = fmt::format("partner card {}", card_path);
  if (file.error == ENOENT || file.error == ENOTDIR) {
    Error(line, fmt::format("{}: no such file: copy the card the partner sent you there, or fix "
                            "the path",
                            what));
    return std::nullopt;
  }
  if (file.error == EACCES || file.error == EPERM) {
    Error(line, fmt::format("{}: permission denied: make the file readable by the user citynetd "
                            "runs as",
                            what));
    return std::nullopt;
  }
  if (file.error != 0) {
    Error(line, fmt::format("{}: cannot read it: {}", what, std::strerror(file.error)));
    return std::nullopt;
  }
  if (file.not_regular) {
    Error(line, fmt::format("{}: not a regular file{}: name the card file itself", what,
                            S_ISDIR(file.mode) ? " but a directory" : ""));
    return std::nullopt;
  }
  if (file.too_large) {
    Error(line, fmt::format("{}: {} bytes, too large for a node card (at most {}): is this the "
                            "right file?",
                            what, file.size, kMaxCardBytes));
    return std::nullopt;
  }
  // The cards decide whom this node trusts; a card any local user could replace is a way in.
  if ((file.mode & S_IWOTH) != 0) {
    Error(line, fmt::format("{}: any user on this machine may change it (mode {}) and so make "
                            "this node trust them: run `chmod o-w {}`",
                            what, ModeString(file.mode), card_path));
    return std::nullopt;
  }
  auto signed_card = protocol::DearmorNodeCard(file.text);
  if (!signed_card.ok()) {
    Error(line, fmt::format("{}: {}", what, signed_card.status().message()));
    return std::nullopt;
  }
  auto card = protocol::VerifyNodeCard(*signed_card);
  if (!card.ok()) {
    Error(line, fmt::format("{}: {}", what, card.status().message()));
    return std::nullopt;
  }
  return std::move(card).value();
}

void ConfigParser::ParsePartners(const toml::node* partners, NodeConfig& config) {
  if (partners == nullptr) {
    Warn(0, "there is no [[partner]]: this node will not sync with anyone until you add one");
    return;
  }
  const toml::array* list = partners->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    Error(LineOf(*partners),
          fmt::format("partner must be written [[partner]] (with double brackets), one block per "
                      "partner, not {}",
                      partners->is_table() ? "[partner]" : TypeName(*partners)));
    return;
  }

  struct Loaded {
    std::size_t index;  // into config.partners
    int card_line;
  };
  std::vector<Loaded> loaded;  // the partners whose card loaded and verified
  for (const toml::node& element : *list) {
    const toml::table& t = *element.as_table();
    CheckKeys(t, "[[partner]]", kPartnerKeys);
    PartnerConfig partner;
    partner.line = LineOf(t);

    std::optional<protocol::NodeCard> card;
    int card_line = partner.line;
    if (auto path = String(t, "partner.card", "card")) {
      card_line = path->line;
      if (path->value.empty()) {
        Error(path->line,
              "partner.card is empty: write the path of the card file the partner "
              "sent you");
      } else {
        partner.card_path = ResolvePath(base_, path->value);
        card = LoadCard(partner.card_path, path->line);
      }
    } else if (t.get("card") == nullptr) {
      Missing(t, "card",
              "partner.card is missing: add card = \"/etc/citynet/partners/"
              "NAME.card\", the card file the partner sent you");
    }

    if (auto networks = StringList(t, "partner.networks", "networks")) {
      if (t.get("networks")->as_array()->empty()) {
        Error(networks->line,
              "partner.networks is empty: list the networks you share with this "
              "partner");
      }
      for (const std::string& n : Slugs(networks->value, "partner.networks")) {
        if (std::find(config.networks.begin(), config.networks.end(), n) != config.networks.end()) {
          partner.networks.push_back(n);
          continue;
        }
        // Missing from node.networks, or there but wrong: reported there already.
        if (networks_line_ == 0 ||
            std::any_of(written_networks_.begin(), written_networks_.end(),
                        [&n](const std::string& w) { return Lower(w) == n; })) {
          continue;
        }
        int line = networks->line;
        for (const auto& v : networks->value) {
          if (v.value == n) line = v.line;
        }
        std::vector<std::string_view> ours(config.networks.begin(), config.networks.end());
        std::string_view guess = DidYouMean(n, ours);
        Error(line, fmt::format("partner.networks: '{}' is not one of this node's networks "
                                "(node.networks, line {}): add it there or remove it here{}",
                                n, networks_line_,
                                guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)));
      }
    } else if (t.get("networks") == nullptr) {
      Missing(t, "networks",
              "partner.networks is missing: add networks = [\"...\"], the networks "
              "you share with this partner");
    }

    std::optional<std::string> endpoint;
    bool endpoint_given = t.get("endpoint") != nullptr;
    if (auto e = String(t, "partner.endpoint", "endpoint")) {
      if (e->value == "none") {
        if (listen_endpoints_written_empty_) {
          Error(e->line,
                "partner.endpoint is \"none\" (the partner connects to this node), but "
                "listen.endpoints is empty, so nothing accepts the connection: add a "
                "listen endpoint or give the partner's endpoint");
        }
      } else if (auto bad = TcpEndpointProblem(e->value, false, "the partner")) {
        Error(e->line, fmt::format("partner.endpoint: {}; or write \"none\" when the partner "
                                   "connects to this node",
                                   *bad));
      } else {
        endpoint = e->value;
      }
    }

    if (card) {
      if (!endpoint_given) {
        if (card->endpoints.empty()) {
          Error(partner.line,
                fmt::format("partner card {} ('{}') lists no endpoint: add endpoint = "
                            "\"tcp://HOST:PORT\" to dial the partner, or endpoint = \"none\" "
                            "when it connects to this node",
                            partner.card_path, card->name));
        } else {
          endpoint = card->endpoints.front();
        }
      }
      if (!config.name.empty() && card->name == config.name) {
        Error(card_line, fmt::format("partner card {} is for '{}', which is this node's own "
                                     "name: use the card the partner sent you (two nodes cannot "
                                     "share a name)",
                                     partner.card_path, card->name));
      }
      // The card says which networks the partner is in; this node decides what it shares.
      // Sharing a network the card does not claim is allowed (the card may predate the
      // partner joining it), but sharing none of them means a wrong or stale card.
      std::vector<std::string> unlisted;
      for (const std::string& n : partner.networks) {
        if (std::find(card->networks.begin(), card->networks.end(), n) == card->networks.end()) {
          unlisted.push_back(n);
        }
      }
      if (!partner.networks.empty() && unlisted.size() == partner.networks.size()) {
        Error(card_line,
              fmt::format("partner card {} ('{}') lists none of partner.networks ({}); the card "
                          "lists {}: is it the right card? Fix partner.networks, or ask the "
                          "partner for a fresh card",
                          partner.card_path, card->name, JoinStrings(partner.networks),
                          card->networks.empty() ? std::string("no network")
                                                 : JoinStrings(card->networks)));
      } else if (!unlisted.empty()) {
        Warn(card_line,
             fmt::format("partner card {} ('{}') does not list {}, which partner.networks shares "
                         "with it: the partner may not sync {}; ask them to confirm, or for a "
                         "fresh card",
                         partner.card_path, card->name, JoinStrings(unlisted),
                         unlisted.size() == 1 ? "it" : "them"));
      }
      partner.card = std::move(*card);
      loaded.push_back({config.partners.size(), card_line});
    }
    partner.endpoint = std::move(endpoint);
    config.partners.push_back(std::move(partner));
  }

  // Two blocks for one partner, or two partners claiming one identity.
  for (std::size_t j = 0; j < loaded.size(); ++j) {
    const PartnerConfig& b = config.partners[loaded[j].index];
    for (std::size_t i = 0; i < j; ++i) {
      const PartnerConfig& a = config.partners[loaded[i].index];
      std::string first =
          fmt::format("the partner card at line {} ({})", loaded[i].card_line, a.card_path);
      std::string problem;
      if (a.card.signing_key == b.card.signing_key) {
        problem = fmt::format(
            "has the same signing key as {}: it is the same node; keep one "
            "[[partner]] block for it",
            first);
      } else if (a.card.name == b.card.name) {
        problem = fmt::format(
            "names '{}', as does {}: two nodes cannot share a name; ask the "
            "partners which card is current",
            b.card.name, first);
      } else if (a.card.transport_key == b.card.transport_key) {
        problem = fmt::format(
            "has the same transport key as {}: a transport key belongs to one "
            "node; ask the partners for fresh cards",
            first);
      } else {
        continue;
      }
      Error(loaded[j].card_line, fmt::format("partner card {} {}", b.card_path, problem));
      break;
    }
  }

  for (std::size_t i = 0; i < config.networks.size(); ++i) {
    const std::string& n = config.networks[i];
    bool shared =
        std::any_of(config.partners.begin(), config.partners.end(), [&n](const PartnerConfig& p) {
          return std::find(p.networks.begin(), p.networks.end(), n) != p.networks.end();
        });
    if (!shared) {
      Warn(i < network_lines_.size() ? network_lines_[i] : networks_line_,
           fmt::format("node.networks: no [[partner]] shares '{}', so its records stay on this "
                       "node",
                       n));
    }
  }
}

Result<NodeConfig> ConfigParser::Parse(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path_));
  } catch (const toml::parse_error& e) {
    Issue issue{static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                false, fmt::format("syntax error: {}", e.description())};
    return InvalidArgument(Render(issue));
  }

  NodeConfig config;
  config.path = path_;
  CheckKeys(root, "", kTopKeys);
  ParseNode(Table(root, "node"), config);
  ParseListen(Table(root, "listen"), config);
  ParseLimits(Table(root, "limits"), config);
  ParseLog(Table(root, "log"), config);
  ParseDatasets(Table(root, "datasets"), config);
  ParsePartners(root.get("partner"), config);

  std::stable_sort(issues_.begin(), issues_.end(),
                   [](const Issue& a, const Issue& b) { return a.line < b.line; });
  for (const Issue& issue : issues_) {
    if (issue.warning) config.warnings.push_back(Render(issue));
  }
  if (!HasErrors()) return config;
  std::string message;
  for (const Issue& issue : issues_) {
    if (!message.empty()) message += '\n';
    message += Render(issue);
  }
  return InvalidArgument(std::move(message));
}

// ---------------------------------------------------------------------------------------------
// Rendering.

std::string Utc(int64_t ms) {
  auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  if (::gmtime_r(&seconds, &tm) == nullptr) return std::to_string(ms) + " ms";
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", tm);
}

}  // namespace

std::string_view FetchPolicyName(FetchPolicy policy) {
  auto i = static_cast<std::size_t>(policy);
  return i < std::size(kFetchPolicyNames) ? kFetchPolicyNames[i] : "unknown";
}

std::string_view LogLevelName(LogLevel level) {
  auto i = static_cast<std::size_t>(level);
  return i < std::size(kLogLevelNames) ? kLogLevelNames[i] : "unknown";
}

Result<NodeConfig> ParseConfig(std::string_view toml_text, const std::string& path_for_messages,
                               const std::string& base_dir) {
  std::error_code ec;
  fs::path base = fs::absolute(base_dir.empty() ? fs::path(".") : fs::path(base_dir), ec);
  if (ec) base = fs::path(base_dir);
  ConfigParser parser(path_for_messages, base.lexically_normal());
  return parser.Parse(toml_text);
}

Result<NodeConfig> LoadConfig(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec) return Internal(fmt::format("{}: cannot make the path absolute: {}", path, ec.message()));
  absolute = absolute.lexically_normal();
  FileText file = ReadSmallFile(absolute.string(), kMaxConfigBytes);
  if (file.error == ENOENT || file.error == ENOTDIR) {
    return NotFound(
        fmt::format("{}: no such file: create it from citynetd.example.toml, or name "
                    "the right file",
                    path));
  }
  if (file.error == EACCES || file.error == EPERM) {
    return PermissionDenied(
        fmt::format("{}: permission denied: make the file readable by the "
                    "user citynetd runs as",
                    path));
  }
  if (file.error != 0) {
    return Unavailable(fmt::format("{}: cannot read it: {}", path, std::strerror(file.error)));
  }
  if (file.not_regular) {
    return InvalidArgument(
        fmt::format("{}: not a regular file: name the config file itself", path));
  }
  if (file.too_large) {
    return InvalidArgument(
        fmt::format("{}: {} bytes, too large for a config file (at most {}): "
                    "is this the right file?",
                    path, file.size, kMaxConfigBytes));
  }
  // The config decides which partners this node trusts.
  if ((file.mode & S_IWOTH) != 0) {
    return PermissionDenied(
        fmt::format("{}: any user on this machine may change it (mode {}) "
                    "and so make this node trust them: run `chmod o-w {}`",
                    path, ModeString(file.mode), path));
  }
  auto config = ParseConfig(file.text, path, absolute.parent_path().string());
  if (config.ok()) config->path = absolute.string();
  return config;
}

std::string ToString(const NodeConfig& config) {
  std::string out;
  out += fmt::format("# citynetd: effective configuration from {}\n", config.path);
  out += "# Every default is written out and every path is absolute.\n\n";
  out += "[node]\n";
  out += fmt::format("name = {}\n", protocol::TomlString(config.name));
  out += fmt::format("display_name = {}\n", protocol::TomlString(config.display_name));
  out += fmt::format("data_dir = {}\n", protocol::TomlString(config.data_dir));
  out += fmt::format("key_dir = {}\n", protocol::TomlString(config.key_dir));
  out += fmt::format("networks = {}\n", protocol::TomlStringList(config.networks));

  out += "\n[listen]\n";
  out += fmt::format("endpoints = {}\n", protocol::TomlStringList(config.listen.endpoints));
  out += fmt::format("advertise = {}\n", protocol::TomlStringList(config.listen.advertise));
  out += fmt::format("control = {}\n", protocol::TomlString(config.listen.control));
  out += fmt::format("metrics = {}{}\n", protocol::TomlString(config.listen.metrics),
                     config.listen.metrics.empty() ? "  # off" : "");
  out += fmt::format("allow_remote_metrics = {}\n",
                     config.listen.allow_remote_metrics ? "true" : "false");

  for (const PartnerConfig& p : config.partners) {
    out += "\n[[partner]]\n";
    out += fmt::format("# card: {} ({}), issued {}\n", p.card.name, p.card.display_name,
                       Utc(p.card.issued_at_ms));
    out += fmt::format("# signing key:   {}\n", p.card.signing_key.Hex());
    out += fmt::format("# transport key: {}\n", p.card.transport_key.Hex());
    out += fmt::format("# card networks: {}\n", JoinStrings(p.card.networks));
    out += fmt::format("# card endpoints: {}\n", JoinStrings(p.card.endpoints));
    out += fmt::format("card = {}\n", protocol::TomlString(p.card_path));
    out += fmt::format("networks = {}\n", protocol::TomlStringList(p.networks));
    out += fmt::format("endpoint = {}{}\n", protocol::TomlString(p.endpoint.value_or("none")),
                       p.endpoint ? "" : "  # the partner connects to this node");
  }

  const LimitsConfig& l = config.limits;
  out += "\n[limits]\n";
  out += fmt::format("max_message_bytes = {}\n", l.max_message_bytes);
  out += fmt::format("max_peers = {}\n", l.max_peers);
  out += fmt::format("peer_rate_records_per_s = {}\n", l.peer_rate_records_per_s);
  out += fmt::format("peer_queue_bytes = {}\n", l.peer_queue_bytes);
  out += fmt::format("pending_records = {}\n", l.pending_records);
  out += fmt::format("catch_up_interval_s = {}\n", l.catch_up_interval.count());
  out += fmt::format("heartbeat_timeout_s = {}\n", l.heartbeat_timeout.count());

  out += "\n[log]\n";
  out += fmt::format("level = {}\n", protocol::TomlString(LogLevelName(config.log_level)));

  out += "\n[datasets]\n";
  out += fmt::format("fetch = {}\n", protocol::TomlString(FetchPolicyName(config.dataset_fetch)));
  out += fmt::format("serve_mib_per_s = {}\n", config.dataset_serve_mib_per_s);
  return out;
}

}  // namespace citynet::node
