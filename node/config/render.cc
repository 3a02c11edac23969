#include "node/config/render.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdint>
#include <ctime>

#include "node/config/internal/text.h"
#include "protocol/toml_text.h"

namespace citynet::node {
namespace {

using config_internal::JoinStrings;

std::string Utc(int64_t ms) {
  auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  if (::gmtime_r(&seconds, &tm) == nullptr) return std::to_string(ms) + " ms";
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", tm);
}

}  // namespace

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
