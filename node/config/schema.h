// citynetd's configuration as a program sees it: the types, with every default, and the bounds
// of the limits. The file that city IT writes (by default /etc/citynet/citynetd.toml, commented
// example in deploy/citynetd.example.toml) is read and checked by parse.h, its single values by
// validate.h, and written back out by render.h. The daemon and the CLI both use this library
// (citynet::config), so the defaults the CLI writes are the daemon's own.
//
// The config holds no secrets: keys live in files under key_dir.
#ifndef CITYNET_NODE_CONFIG_SCHEMA_H_
#define CITYNET_NODE_CONFIG_SCHEMA_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/types.h"

namespace citynet::node {

// The file citynetd reads when no other is named on its command line.
inline constexpr std::string_view kDefaultConfigPath = "/etc/citynet/citynetd.toml";
// The defaults of NodeConfig::data_dir, ListenConfig::endpoints and ListenConfig::control.
inline constexpr std::string_view kDefaultDataDir = "/var/lib/citynet";
inline constexpr std::string_view kDefaultListenEndpoint = "tcp://0.0.0.0:7400";
inline constexpr std::string_view kDefaultControlEndpoint = "ipc:///run/citynet/control.sock";

// Severity threshold of the daemon's log, from the most to the least verbose.
enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError };

// "debug", "info", "notice", "warning" or "error": the spelling the config file uses.
std::string_view LogLevelName(LogLevel level);

// [datasets] fetch: which dataset bodies the node fetches by itself.
enum class FetchPolicy {
  kOnDemand,  // "on-demand": only those asked for (`citynet dataset fetch`)
  kAll,       // "all": every dataset record stored from the mesh, as soon as it is stored
};

// "on-demand" or "all": the spelling the config file uses.
std::string_view FetchPolicyName(FetchPolicy policy);

// [listen]: where the node accepts connections and what it tells partners.
struct ListenConfig {
  // Mesh endpoints to bind, "tcp://HOST:PORT"; HOST may be a wildcard (0.0.0.0, [::], *).
  // Empty means the node only dials out and accepts no partner connections.
  std::vector<std::string> endpoints = {std::string(kDefaultListenEndpoint)};
  // Endpoints written on this node's card, the addresses partners dial; never wildcards. When
  // the file has no `advertise`, the listen endpoints that are not wildcards.
  std::vector<std::string> advertise;
  // The CLI's control socket: "ipc://" and an absolute path. Whoever can open it controls the
  // node, so it is only ever a Unix socket guarded by file permissions.
  std::string control = std::string(kDefaultControlEndpoint);
  // Prometheus endpoint "HOST:PORT", or empty when metrics are off (the default).
  std::string metrics;
  // Whether `metrics` may name an address other than loopback (127.0.0.0/8, [::1], localhost).
  bool allow_remote_metrics = false;
};

// [limits]: what one peer, or all of them together, may cost this node. Each value must lie
// within the bounds below (inclusive), which the config check names in its messages.
struct LimitsConfig {
  std::size_t max_message_bytes = 8 * 1024 * 1024;
  int max_peers = 64;
  int peer_rate_records_per_s = 2000;
  std::size_t peer_queue_bytes = 64 * 1024 * 1024;
  std::size_t pending_records = 100000;
  std::chrono::seconds catch_up_interval{30};
  // A connection that brings nothing (not even a heartbeat) for this long is dropped and the
  // partner shown as disconnected; heartbeats go every third of it.
  std::chrono::seconds heartbeat_timeout{30};
  bool operator==(const LimitsConfig&) const = default;
};

// Bounds of LimitsConfig. A message must hold the largest record envelope the protocol allows
// (protocol::Limits::max_envelope_bytes); a peer's queue must hold one message of
// max_message_bytes (checked against the configured value).
inline constexpr std::size_t kMinMessageBytes = 16 * 1024 + 4 * 1024 * 1024 + 1024;
inline constexpr std::size_t kMaxMessageBytes = 256 * 1024 * 1024;
inline constexpr int kMinPeers = 1;
inline constexpr int kMaxPeers = 4096;
inline constexpr int kMinServeMibPerS = 1;
inline constexpr int kMaxServeMibPerS = 10000;
inline constexpr int kMinPeerRate = 1;
inline constexpr int kMaxPeerRate = 1000000;
inline constexpr std::size_t kMaxPeerQueueBytes = std::size_t{4} * 1024 * 1024 * 1024;
inline constexpr std::size_t kMinPendingRecords = 1;
inline constexpr std::size_t kMaxPendingRecords = 100000000;
inline constexpr std::chrono::seconds kMinCatchUpInterval{1};
inline constexpr std::chrono::seconds kMaxCatchUpInterval{86400};
inline constexpr std::chrono::seconds kMinHeartbeatTimeout{3};
inline constexpr std::chrono::seconds kMaxHeartbeatTimeout{3600};

// One [[partner]]: a node this node connects with, known by the card it sent.
struct PartnerConfig {
  // Absolute path of the partner's node card file (relative paths in the file are resolved
  // against the config file's directory).
  std::string card_path;
  // The networks this node shares with the partner: each one of NodeConfig::networks.
  std::vector<std::string> networks;
  // The endpoint to dial, or std::nullopt when the partner dials us (`endpoint = "none"`).
  // Defaults to the first endpoint on the partner's card.
  std::optional<std::string> endpoint;
  // The card, loaded from card_path and verified (signed by the signing key it names).
  protocol::NodeCard card;
  // Line of the [[partner]] header in the config file, for messages about this partner.
  int line = 0;
};

// The whole configuration, with every default applied.
struct NodeConfig {
  // [node]
  std::string name;          // slug; the name on this node's own card
  std::string display_name;  // shown to partners, e.g. "City of Copenhagen"
  std::string data_dir = std::string(kDefaultDataDir);  // absolute; the store lives here
  std::string key_dir;                                  // absolute; defaults to data_dir + "/keys"
  std::vector<std::string> networks;                    // slugs, at least one, no duplicates

  ListenConfig listen;
  std::vector<PartnerConfig> partners;  // in the order of the file
  LimitsConfig limits;
  LogLevel log_level = LogLevel::kInfo;                // [log] level
  FetchPolicy dataset_fetch = FetchPolicy::kOnDemand;  // [datasets] fetch
  int dataset_serve_mib_per_s = 8;  // [datasets] serve_mib_per_s: body bytes to one partner

  // Things that do not stop the node but are probably not what was meant, each
  // "FILE:LINE: message". The daemon logs them at startup; --check-config prints them.
  std::vector<std::string> warnings;
  // The config file, as an absolute path for LoadConfig and as given for ParseConfig.
  std::string path;
};

}  // namespace citynet::node

#endif  // CITYNET_NODE_CONFIG_SCHEMA_H_
