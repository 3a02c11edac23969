#include "node/daemon/environment.h"

#include <sodium.h>

#include <chrono>

#include "node/net/mesh.h"

namespace citynet::node {

Environment Environment::Real() {
  Environment env;
  env.wall_clock_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  env.open_store = [](const store::StoreOptions& options) { return store::OpenStore(options); };
  env.random_bytes = [](uint8_t* out, std::size_t size) { randombytes_buf(out, size); };
  env.open_network = [](NetworkSetup setup) { return Mesh::Open(std::move(setup)); };
  return env;
}

}  // namespace citynet::node
