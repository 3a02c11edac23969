#include "node/daemon/store_check.h"

#include <fmt/format.h>

#include <filesystem>
#include <variant>

#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/record.h"
#include "store/store.h"

namespace citynet::node {

namespace {

std::string Where(const store::StoredRecord& r) {
  return fmt::format("record {} ({} seq {} in {})", r.id.ShortHex(),
                     protocol::RecordKindName(r.header.kind), r.header.seq, r.header.network);
}

}  // namespace

Result<StoreCheckReport> CheckStore(const std::string& store_path, std::size_t max_problems) {
  std::error_code ec;
  if (!std::filesystem::is_directory(store_path, ec)) {
    return NotFound(fmt::format("no store at {}: check [node] data_dir", store_path));
  }
  store::StoreOptions options;
  options.path = store_path;
  options.create_if_missing = false;
  options.search = false;  // the search index is derived; it is rebuilt at start if missing
  CITYNET_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenStore(options));

  StoreCheckReport report;
  auto problem = [&](std::string what) {
    ++report.problems_found;
    if (report.problems.size() < max_problems) report.problems.push_back(std::move(what));
  };
  if (Status s = store->CheckIntegrity(); !s.ok()) problem(s.message());

  uint64_t after = 0;
  for (;;) {
    CITYNET_ASSIGN_OR_RETURN(std::vector<store::StoredRecord> page, store->ReadSince(after, 1000));
    if (page.empty()) break;
    for (const store::StoredRecord& r : page) {
      after = r.local_seq;
      ++report.records;
      if (r.wire.payload) ++report.payloads;
      auto verified = protocol::VerifyRecord(r.wire);
      if (!verified.ok()) {
        problem(fmt::format("{}: {}", Where(r), verified.status().message()));
        continue;
      }
      if (verified->id != r.id) {
        problem(fmt::format("{}: stored under another id than its content's ({})", Where(r),
                            verified->id.ShortHex()));
        continue;
      }
      if (r.header.kind != protocol::RecordKind::kDataset || !verified->payload) continue;
      auto body = store->GetBody(r.id);
      if (!body.ok() || body->state != store::BodyState::kComplete) continue;
      const auto& dataset = std::get<protocol::Dataset>(*verified->payload);
      ++report.bodies;
      for (uint32_t i = 0; i < dataset.body.chunks.size(); ++i) {
        const protocol::ChunkRef& ref = dataset.body.chunks[i];
        auto chunk = store->GetChunk(r.id, i);
        ++report.chunks;
        if (!chunk.ok()) {
          problem(
              fmt::format("dataset {} chunk {}: {}", r.id.ShortHex(), i, chunk.status().message()));
        } else if (!*chunk) {
          problem(fmt::format("dataset {} chunk {}: missing from a body marked complete",
                              r.id.ShortHex(), i));
        } else if ((*chunk)->size() != ref.size ||
                   protocol::HashWithDomain(protocol::kChunkHashDomain, **chunk) != ref.hash) {
          problem(fmt::format("dataset {} chunk {}: its bytes do not match the hash in the record",
                              r.id.ShortHex(), i));
        }
      }
    }
  }
  return report;
}

}  // namespace citynet::node
