// What citynetd takes from the world, chosen once in main(): the wall clock, the store and
// random bytes. citynetd passes Environment::Real(); a test that runs a daemon in its own process
// passes a clock it sets and a store in memory, and the daemon is otherwise the same. (The mesh's
// sockets are real in both: the simulator, node/sim, replaces the wire for whole-mesh runs.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

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

  // The system clock, store::OpenStore and libsodium's randombytes_buf.
  static Environment Real();
};

}  // namespace citynet::node
