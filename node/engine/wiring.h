// A node's engines as its configuration makes them: the roster of its partners and the limits
// of its sync engine and body transfer. citynetd and the
// simulator (node/sim) both build a node from a NodeConfig through these, so a simulated node
// runs with the limits a real one would.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "node/config/schema.h"
#include "node/engine/body_transfer.h"
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"

namespace citynet::node {

// Self (the config's name and networks, with these keys) and every configured partner with the
// networks the config shares with it.
Roster MakeRoster(const NodeConfig& config, const SigningPublicKey& signing_key,
                  const TransportPublicKey& transport_key);

// The sync engine's limits from [limits]: the per-peer rate, and batches that fit in one message
// (max_message_bytes less room for the envelope). `verify_threads` as the caller chooses.
SyncOptions SyncOptionsFor(const NodeConfig& config, unsigned verify_threads);

// The body transfer's fetch policy and serving rate from [datasets].
BodyTransferOptions BodyTransferOptionsFor(const NodeConfig& config);

}  // namespace citynet::node
