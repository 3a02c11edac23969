// citynetd --check-store: reads a stopped node's store end to end and says whether it can be
// trusted, before a start or after a restore. Three checks:
//  - the store's own integrity check (Store::CheckIntegrity: every index entry agrees with the
//    records, every feed head is its feed's last record);
//  - every record again as a partner's would be: its signature, and its payload against the
//    hash in its header (a bit flipped on disk since it was stored shows here);
//  - every complete dataset body: each chunk held, of the size and BLAKE2b hash its dataset
//    record names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/status.h"

namespace citynet::node {

struct StoreCheckReport {
  uint64_t records = 0;
  uint64_t payloads = 0;  // records whose payload is held (not purged by a retraction)
  uint64_t bodies = 0;    // complete dataset bodies checked
  uint64_t chunks = 0;
  std::vector<std::string> problems;  // at most `max_problems`, each naming what and where
  uint64_t problems_found = 0;        // all of them
};

// `store_path` is DATA_DIR/store. NotFound when there is no store there; Unavailable when a
// running citynetd holds it (stop it first); DataLoss when RocksDB itself cannot read it.
// Problems in the content are in the report, not the status.
Result<StoreCheckReport> CheckStore(const std::string& store_path, std::size_t max_problems = 20);

}  // namespace citynet::node
