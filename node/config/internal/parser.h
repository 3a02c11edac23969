// The config parser's insides, shared by parse.cc (the tables of one node) and
// parse_partners.cc (the [[partner]] blocks and their cards). Private to node/config/.
#ifndef CITYNET_NODE_CONFIG_INTERNAL_PARSER_H_
#define CITYNET_NODE_CONFIG_INTERNAL_PARSER_H_

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/config/internal/names.h"
#include "node/config/parse.h"
#include "node/config/schema.h"
#include "protocol/node_card.h"
#include "protocol/status.h"

namespace citynet::node::config_internal {

// The keys each table may hold, for unknown-key messages.
inline constexpr std::string_view kTopKeys[] = {"node",   "listen", "partner",
                                                "limits", "log",    "datasets"};
inline constexpr std::string_view kNodeKeys[] = {"name", "display_name", "data_dir", "key_dir",
                                                 "networks"};
inline constexpr std::string_view kListenKeys[] = {"endpoints", "advertise", "control", "metrics",
                                                   "allow_remote_metrics"};
inline constexpr std::string_view kPartnerKeys[] = {"card", "networks", "endpoint"};
inline constexpr std::string_view kLimitsKeys[] = {
    "max_message_bytes", "max_peers",           "peer_rate_records_per_s", "peer_queue_bytes",
    "pending_records",   "catch_up_interval_s", "heartbeat_timeout_s"};
inline constexpr std::string_view kLogKeys[] = {"level"};
inline constexpr std::string_view kDatasetsKeys[] = {"fetch", "serve_mib_per_s"};

struct TableKeys {
  std::string_view table;  // as written in the file: "[node]", "[[partner]]"
  std::span<const std::string_view> keys;
};

inline constexpr TableKeys kTables[] = {
    {"[node]", kNodeKeys},     {"[listen]", kListenKeys}, {"[[partner]]", kPartnerKeys},
    {"[limits]", kLimitsKeys}, {"[log]", kLogKeys},       {"[datasets]", kDatasetsKeys}};

inline int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
inline int LineOf(const toml::key& k) { return static_cast<int>(k.source().begin.line); }

// "a string", "an integer", ... as a sentence needs it.
std::string_view TypeName(const toml::node& n);

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

// The parser: one pass over the document that records every problem and keeps going.
class ConfigParser {
 public:
  ConfigParser(std::string path, std::filesystem::path base)
      : path_(std::move(path)), base_(std::move(base)) {}

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
  void ParseNodeNetworks(const toml::table& node, NodeConfig& config);
  void ParseListen(const toml::table* listen, NodeConfig& config);
  // Checked endpoints without repeats; problems reported at each element's line, after `field`.
  std::vector<std::string> Endpoints(const std::vector<Located<std::string>>& values,
                                     std::string_view field, bool allow_wildcard,
                                     std::string_view who);
  void ParseMetrics(const Located<std::string>& metrics, ListenConfig& out);
  void ParseLimits(const toml::table* limits, NodeConfig& config);
  void ParseLog(const toml::table* log, NodeConfig& config);
  void ParseDatasets(const toml::table* datasets, NodeConfig& config);

  // The [[partner]] blocks (parse_partners.cc), in stages.
  struct LoadedCard {
    std::size_t index;  // into NodeConfig::partners
    int card_line;
  };
  void ParsePartners(const toml::node* partners, NodeConfig& config);
  // One block; when its card loaded and verified, it is added to `loaded`.
  void ParsePartner(const toml::table& t, NodeConfig& config, std::vector<LoadedCard>& loaded);
  // partner.card, loaded and verified; sets partner.card_path, and *card_line to its line.
  std::optional<protocol::NodeCard> ParsePartnerCard(const toml::table& t, PartnerConfig& partner,
                                                     int* card_line);
  std::optional<protocol::NodeCard> LoadCard(const std::string& card_path, int line);
  void ParsePartnerNetworks(const toml::table& t, const NodeConfig& config, PartnerConfig& partner);
  // partner.endpoint as written: the endpoint to dial, or std::nullopt for "none", a value that
  // is refused (reported) or no value.
  std::optional<std::string> ParsePartnerEndpoint(const toml::table& t);
  // The block against its card: the endpoint to dial when the block gives none, the card is not
  // this node's own, and the card lists the networks shared with it.
  void CheckPartnerCard(const protocol::NodeCard& card, int card_line, bool endpoint_given,
                        const NodeConfig& config, PartnerConfig& partner);
  // Two blocks for one partner, or two partners claiming one identity.
  void CheckPartnerIdentities(const NodeConfig& config, const std::vector<LoadedCard>& loaded);
  void WarnUnsharedNetworks(const NodeConfig& config);

  std::string path_;
  std::filesystem::path base_;
  std::vector<Issue> issues_;
  int networks_line_ = 0;           // line of node.networks, for messages that point to it
  std::vector<int> network_lines_;  // line of each of NodeConfig::networks
  std::vector<std::string> written_networks_;    // node.networks as written, valid or not
  bool listen_endpoints_written_empty_ = false;  // `endpoints = []`, not endpoints all refused
  // Keys that a did-you-mean pointed to in a table that lacks them (nullptr: the top level): the
  // misspelt key is reported, so a "missing" message for the key would say the same twice.
  std::vector<std::pair<const toml::table*, std::string>> suggested_;
};

}  // namespace citynet::node::config_internal

#endif  // CITYNET_NODE_CONFIG_INTERNAL_PARSER_H_
