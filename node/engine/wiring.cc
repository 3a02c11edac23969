#include "node/engine/wiring.h"

#include <algorithm>
#include <set>

namespace citynet::node {

Roster MakeRoster(const NodeConfig& config, const SigningPublicKey& signing_key,
                  const TransportPublicKey& transport_key) {
  Member self{config.name, signing_key, transport_key,
              std::set<std::string>(config.networks.begin(), config.networks.end())};
  std::vector<Member> partners;
  partners.reserve(config.partners.size());
  for (const PartnerConfig& p : config.partners) {
    partners.push_back(Member{p.card.name, p.card.signing_key, p.card.transport_key,
                              std::set<std::string>(p.networks.begin(), p.networks.end())});
  }
  return Roster(std::move(self), std::move(partners));
}

SyncOptions SyncOptionsFor(const NodeConfig& config, unsigned verify_threads) {
  SyncOptions sync;
  sync.peer_rate_per_s = config.limits.peer_rate_records_per_s;
  sync.verify_threads = std::max(1u, verify_threads);
  sync.max_batch_bytes =
      std::min<std::size_t>(sync.max_batch_bytes, config.limits.max_message_bytes - 64 * 1024);
  return sync;
}

BodyTransferOptions BodyTransferOptionsFor(const NodeConfig& config) {
  BodyTransferOptions options;
  options.policy = config.dataset_fetch;
  options.serve_bytes_per_s = config.dataset_serve_mib_per_s * 1024.0 * 1024.0;
  options.serve_burst_bytes = std::max(options.serve_burst_bytes, options.serve_bytes_per_s / 2);
  return options;
}

}  // namespace citynet::node
