// What citynetd takes from the world, chosen once in main(): the wall clock, the store, random
// bytes and the wire to its partners. citynetd passes Environment::Real(); a test that runs
// daemons in its own process passes a clock it sets, a store in memory or an in-process wire
// between them, and each daemon is otherwise the same. (The simulator, node/sim, runs many nodes
// below the daemon shell in virtual time.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "node/net/network.h"
#include "protocol/status.h"
#include "store/store.h"

namespace citynet::node {

struct Environment {
  // Milliseconds since the epoch: when records are signed, received and answered.
  std::function<int64_t()> wall_clock_ms;
  // Opens the node's store: RocksDB on disk at options.path for citynetd.
  std::function<Result<std::unique_ptr<store::Store>>(const store::StoreOptions&)> open_store;
  // Fills `size` bytes at `out` with random bytes that nobody can guess (upload and job ids,
  // which are the CLI's capability to its own upload).
  std::function<void(uint8_t* out, std::size_t size)> random_bytes;
  // Opens the node's wire to its partners once its engine exists: for citynetd the CURVE mesh
  // (Mesh::Open) on the config's endpoints, with its ZAP allowlist.
  std::function<Result<std::unique_ptr<Network>>(NetworkSetup)> open_network;

  // The system clock, store::OpenStore, libsodium's randombytes_buf and the CURVE mesh.
  static Environment Real();
};

}  // namespace citynet::node
