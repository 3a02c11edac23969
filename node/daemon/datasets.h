// Datasets at the control socket: uploads, publishing through the privacy gate as a job, and the
// listing, showing, fetching and exporting of dataset bodies. The daemon hands every `dataset.*`
// operation here (daemon.cc Handle); the control protocol is in docs of `citynet dataset`
// (deploy/man/citynet.1.scd) and at each operation below.
//
// Publishing: the CLI uploads the CSV in parts into data_dir/uploads (mode 0600, the expert's
// file may not be readable by the daemon's user), then asks for `dataset.publish`, which
// validates the metadata at once and queues a job. The gate (privacy/gate.h) runs over the upload
// as work on a WorkRunner (citynetd: an executor with a thread of its own), one job at a time, so
// a large table never stalls the mesh or the control socket; the CLI polls `dataset.job`. When
// the gate has passed, the loop (the work's continuation) signs and stores the record (the own
// feed stays in order), the runner writes the body's chunks (seconds for 1 GiB, off the loop),
// and the loop then sends the record's live pushes. The body is served only once complete. A
// stop before that is mended at the next start: RecoverInterruptedPublishes retracts the record
// (the table must be published again), and SweepOrphanBodies removes a body marker whose record
// was never stored.
// A refused table leaves nothing behind but the job's answer; its upload is deleted either way.
//
// Not thread-safe: the event loop calls everything; the work off the loop is the service's own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "node/daemon/log.h"
#include "node/engine/sync_engine.h"
#include "node/engine/work_runner.h"
#include "protocol/status.h"
#include "store/store.h"

namespace citynet::privacy {
class Gate;
}

namespace citynet::node {

class BodyTransfer;

struct DatasetServiceOptions {
  std::string upload_dir;         // created 0700; emptied at start (jobs do not survive a restart)
  std::string default_publisher;  // the node's display name
  uint64_t max_upload_bytes = uint64_t{4} << 30;
  std::size_t max_part_bytes = std::size_t{8} << 20;
  std::size_t max_jobs_kept = 64;           // finished jobs remembered for `dataset.job`
  std::size_t max_uploads = 8;              // unfinished uploads at once
  int64_t upload_idle_ms = 60 * 60 * 1000;  // an upload without a new part this long is deleted
};

class DatasetService {
 public:
  struct Deps {
    store::Store* store = nullptr;
    SyncEngine* engine = nullptr;
    const privacy::Gate* gate = nullptr;
    BodyTransfer* transfer = nullptr;  // may be null: `dataset.fetch` is then unavailable
    Logger* log = nullptr;
    std::function<void(std::vector<Outgoing>)> send;  // to the mesh
    std::function<int64_t()> clock;                   // wall clock, ms
    // Runs the gate and the writing of bodies off the loop; outlives the service, which it runs
    // nothing for once the service is gone (citynetd destroys it first).
    WorkRunner* runner = nullptr;
    // Random bytes for upload and job ids, which nobody may guess (an upload's id is the CLI's
    // capability to add to it). Required: citynetd passes its Environment's (libsodium's), so
    // that the choice is made once, in main(), and a test may pass its own.
    std::function<void(uint8_t* out, std::size_t size)> random_bytes;
    // The daemon's summary of a record (id, kind, network, author, ...), extended here.
    std::function<nlohmann::json(const store::StoredRecord&)> summary;
  };

  // Creates the upload directory (removing uploads left from before a restart). Errors name the
  // directory.
  static Result<std::unique_ptr<DatasetService>> Create(Deps deps, DatasetServiceOptions options);
  ~DatasetService();
  DatasetService(const DatasetService&) = delete;
  DatasetService& operator=(const DatasetService&) = delete;

  static bool Handles(std::string_view op) { return op.starts_with("dataset."); }
  Result<nlohmann::json> Handle(const std::string& op, const nlohmann::json& args);

  // Deletes chunks held for datasets whose record is not held (a publish interrupted between
  // storing the body and storing its record). Call at start, before fetches resume. Returns how
  // many bodies went.
  static Result<std::size_t> SweepOrphanBodies(store::Store& store, Logger& log);

  // Retracts this node's own datasets whose body was not stored whole (a stop between signing
  // the record and writing the last chunk), so no partner waits for a body that will never come.
  // Call at start after SweepOrphanBodies, before fetches resume. Returns how many.
  static Result<std::size_t> RecoverInterruptedPublishes(store::Store& store, SyncEngine& engine,
                                                         const SigningPublicKey& self, Logger& log,
                                                         int64_t now_ms);

  // Dataset metadata as JSON for listings (title, rows, size, k, body state), or nullopt when
  // `record` is not a readable dataset.
  nlohmann::json Describe(const store::StoredRecord& record, bool full);

  struct Impl;

 private:
  explicit DatasetService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::node
