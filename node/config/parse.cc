#include "node/config/parse.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/config/internal/files.h"
#include "node/config/internal/parser.h"
#include "node/config/internal/text.h"
#include "node/config/validate.h"
#include "protocol/validate.h"
#include "protocol/vocabulary.h"

namespace citynet::node {
namespace config_internal {

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
  if (auto bad = DirectoryPathProblem(field, value.value)) {
    Error(value.line, *bad);
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
    if (auto bad = DisplayNameProblem("node.display_name", display->value)) {
      Error(display->line, *bad);
    } else {
      config.display_name = display->value;
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
  ParseNodeNetworks(*node, config);
}

void ConfigParser::ParseNodeNetworks(const toml::table& node, NodeConfig& config) {
  auto networks = StringList(node, "node.networks", "networks");
  if (!networks) {
    if (node.get("networks") == nullptr) {
      Missing(node, "networks",
              "node.networks is missing: add networks = [\"...\"], the networks this node "
              "belongs to");
    }
    return;
  }
  networks_line_ = networks->line;
  if (networks->value.empty() && node.get("networks")->as_array()->empty()) {
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
}

void ConfigParser::ParseListen(const toml::table* listen, NodeConfig& config) {
  ListenConfig& out = config.listen;
  bool advertise_given = false;
  if (listen != nullptr) {
    CheckKeys(*listen, "[listen]", kListenKeys);
    if (auto endpoints = StringList(*listen, "listen.endpoints", "endpoints")) {
      listen_endpoints_written_empty_ = listen->get("endpoints")->as_array()->empty();
      out.endpoints = Endpoints(endpoints->value, "listen.endpoints", true, {});
    }
    if (auto advertise = StringList(*listen, "listen.advertise", "advertise")) {
      advertise_given = true;
      out.advertise = Endpoints(advertise->value, "listen.advertise", false, "this node");
      if (advertise->value.size() > kMaxCardEndpoints) {
        Error(advertise->line, fmt::format("listen.advertise has {} entries; a node card holds "
                                           "at most {}",
                                           advertise->value.size(), kMaxCardEndpoints));
      }
    }
    if (auto control = String(*listen, "listen.control", "control")) {
      if (auto bad = ControlEndpointProblem(control->value, base_.string())) {
        Error(control->line, fmt::format("listen.control: {}", *bad));
      } else {
        out.control = control->value;
      }
    }
    if (auto allow = Bool(*listen, "listen.allow_remote_metrics", "allow_remote_metrics")) {
      out.allow_remote_metrics = allow->value;
    }
    if (auto metrics = String(*listen, "listen.metrics", "metrics")) ParseMetrics(*metrics, out);
  }
  if (!advertise_given) {
    out.advertise = DefaultAdvertise(out.endpoints);
    if (out.advertise.empty() && !out.endpoints.empty()) {
      Warn(listen != nullptr ? LineOf(*listen) : 0,
           "listen.advertise is not set and every listen endpoint is a wildcard, so this node's "
           "card will carry no endpoint: partners must configure ours by hand; add advertise = "
           "[\"tcp://HOST:PORT\"] with the address partners reach this node at");
    }
  }
}

std::vector<std::string> ConfigParser::Endpoints(const std::vector<Located<std::string>>& values,
                                                 std::string_view field, bool allow_wildcard,
                                                 std::string_view who) {
  std::vector<std::string> out;
  for (const auto& e : values) {
    if (auto bad = TcpEndpointProblem(e.value, allow_wildcard, who)) {
      Error(e.line, fmt::format("{}: {}", field, *bad));
    } else if (std::find(out.begin(), out.end(), e.value) != out.end()) {
      Error(e.line, fmt::format("{}: '{}' is listed twice", field, e.value));
    } else {
      out.push_back(e.value);
    }
  }
  return out;
}

void ConfigParser::ParseMetrics(const Located<std::string>& metrics, ListenConfig& out) {
  const std::string& v = metrics.value;
  std::size_t scheme = v.find("://");
  if (v.empty()) {
    out.metrics.clear();  // off
  } else if (scheme != std::string::npos) {
    Error(metrics.line, fmt::format("listen.metrics: '{}' must be HOST:PORT without a "
                                    "scheme: '{}'",
                                    v, v.substr(scheme + 3)));
  } else if (auto hp = ParseHostPort(v, "", "127.0.0.1:9464"); !hp.ok()) {
    Error(metrics.line, fmt::format("listen.metrics: {}", hp.status().message()));
  } else if (!IsLoopbackHost(hp->host) && !out.allow_remote_metrics) {
    Error(metrics.line,
          fmt::format("listen.metrics {} is not a loopback address: metrics are served on "
                      "loopback only unless allow_remote_metrics = true",
                      v));
  } else {
    out.metrics = v;
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

}  // namespace config_internal

namespace fs = std::filesystem;
using config_internal::ConfigParser;
using config_internal::FileText;
using config_internal::ModeString;
using config_internal::ReadSmallFile;

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
  FileText file = ReadSmallFile(absolute.string(), kMaxConfigFileBytes);
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
                    path, file.size, kMaxConfigFileBytes));
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

}  // namespace citynet::node
