#include "node/daemon/datasets.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "node/engine/body_transfer.h"
#include "node/daemon/control_args.h"
#include "node/privacy/gate.h"
#include "protocol/bytes.h"
#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/validate.h"
#include "protocol/mutex.h"

namespace citynet::node {
namespace {

using json = nlohmann::json;

// Chunks written per store batch when a node stores its own body (16 MiB at the usual size).
constexpr std::size_t kChunksPerBatch = 64;

// An id nobody can guess: an upload's id is the CLI's capability to add to it.
std::string RandomHex(const DatasetService::Deps& deps, std::size_t bytes) {
  std::vector<uint8_t> b(bytes);
  deps.random_bytes(b.data(), b.size());
  return ToHex(b);
}

json ActionsJson(const std::vector<protocol::ColumnAction>& actions) {
  json out = json::array();
  for (const auto& a : actions) out.push_back({{"column", a.column}, {"reason", a.reason}});
  return out;
}

json RolesJson(const std::vector<protocol::ColumnRoleEntry>& roles) {
  json out = json::array();
  for (const auto& r : roles) {
    out.push_back({{"column", r.column},
                   {"role", protocol::ColumnRoleName(r.role)},
                   {"reason", r.reason},
                   {"declared", r.declared},
                   {"published", r.published}});
  }
  return out;
}

json PrivacyJson(const protocol::PrivacyReport& p) {
  return json{{"gate_version", p.gate_version},
              {"k_required", p.k_required},
              {"k_reached", p.k_reached},
              {"l_required", p.l_required},
              {"l_reached", p.l_reached},
              {"quasi_identifiers", p.quasi_identifiers},
              {"sensitive_columns", p.sensitive_columns},
              {"dropped_columns", ActionsJson(p.dropped_columns)},
              {"generalised_columns", ActionsJson(p.generalised_columns)},
              {"cleaned_columns", ActionsJson(p.cleaned_columns)},
              {"rows_in", p.rows_in},
              {"rows_suppressed", p.rows_suppressed},
              {"information_loss", p.information_loss},
              {"column_roles", RolesJson(p.column_roles)}};
}

// Retracts this node's dataset `id` whose body was never stored whole, and drops what there is
// of the body. The retraction's pushes are appended to `pushes`.
Status RetractInterrupted(store::Store& store, SyncEngine& engine, const RecordId& id,
                          const std::string& why, int64_t now_ms, std::vector<Outgoing>* pushes) {
  CITYNET_ASSIGN_OR_RETURN(store::StoredRecord record, store.Get(id));
  if (!record.retracted) {
    CITYNET_ASSIGN_OR_RETURN(
        SyncEngine::Published published,
        engine.Publish(
            record.header.network,
            protocol::Payload{protocol::Retraction{why + ". Publish the table again to share it."}},
            now_ms, protocol::RetractionRefs{{id}}));
    for (Outgoing& o : published.pushes) pushes->push_back(std::move(o));
  }
  return store.DropBody(id, store::BodyStatus{});
}

}  // namespace

struct DatasetService::Impl {
  // kGated: the gate passed, the loop signs and stores the record. kStoring: the worker writes
  // the body's chunks. kStored / kStoreFailed: the loop sends the record's pushes, or retracts it.
  enum class State {
    kQueued,
    kRunning,
    kGated,
    kStoring,
    kStored,
    kStoreFailed,
    kPublished,
    kChecked,  // a dry run: the gate's report, nothing signed
    kRefused,
    kFailed
  };

  struct Job {
    std::string id;
    std::string network;
    std::string upload_path;
    std::string spill_path;  // the body's chunks as the gate wrote them, until stored
    bool dry_run = false;
    protocol::Dataset meta;  // everything but what the gate fills in
    privacy::GateOptions gate_options;
    // Shared with the worker (under `mutex`):
    State state = State::kQueued;
    std::string stage = "queued";
    double done = 0;
    std::string message;
    std::optional<privacy::GateOutput> output;
    RecordId record_id;            // once signed
    std::vector<Outgoing> pushes;  // held back until the body is stored
    // The loop's, once finished:
    std::vector<std::string> summary;
    json record;
    json privacy;
    json check;  // a dry run's answer
  };

  struct Upload {
    std::string path;
    uint64_t size = 0;
    int64_t touched_ms = 0;  // last part received
  };

  Deps deps;
  DatasetServiceOptions options;
  std::map<std::string, Upload> uploads;
  // The gates and the body writes, one at a time with the runner (loop thread): bodies to write
  // go first (SerialWork::Priority::kHigh), so that a signed record's body is stored before the
  // next table's gate starts.
  SerialWork work;
  // A job's fields are read by `dataset.job` on the loop while the work updates them.
  Mutex mutex;
  std::map<std::string, std::shared_ptr<Job>> jobs GUARDED_BY(mutex);  // every job, by id
  std::deque<std::string> finished_order GUARDED_BY(mutex);        // oldest finished first

  Impl(Deps service_deps, DatasetServiceOptions service_options)
      : deps(std::move(service_deps)), options(std::move(service_options)), work(deps.runner) {}

  // Queues the gate over `job`'s table, or with `store_body` the writing of its body, for the
  // runner. A gate is "reading" from when it is handed to the runner. The work's continuation,
  // on the loop, moves the jobs on (FinishJobs); the next piece of work is handed over after it,
  // so that a body it queues goes before the next gate. A runner of the service's own never
  // refuses one job at a time; were it to, the work waits for the next hand-over (the next
  // publish or finished job).
  void Post(std::shared_ptr<Job> job, bool store_body) {
    std::function<void()> on_hand_over;
    if (!store_body) {
      on_hand_over = [this, job] {
        MutexLock lock(&mutex);
        job->state = State::kRunning;
        job->stage = "reading";
      };
    }
    auto work_for_job = [this, job, store_body]() -> WorkRunner::Continuation {
      try {
        Work(job, store_body);
      } catch (const std::exception& e) {  // out of memory: this job fails, the service goes on
        MutexLock lock(&mutex);
        job->state = store_body ? State::kStoreFailed : State::kFailed;
        job->message = std::string("the job stopped: ") + e.what();
      }
      return [this] { FinishJobs(); };
    };
    work.Post(std::move(work_for_job),
              store_body ? SerialWork::Priority::kHigh : SerialWork::Priority::kNormal,
              std::move(on_hand_over));
  }

  // Off the loop: the gate over a table, or the writing of a passed table's body.
  void Work(const std::shared_ptr<Job>& job, bool store_body) {
    if (store_body) {
      StoreBody(*job);
      return;
    }
    Result<privacy::GateOutput> result = RunGate(*job);
    {
      MutexLock lock(&mutex);
      if (result.ok() && job->dry_run) {
        job->check = CheckJson(*result);
        job->summary = result->summary;
        job->state = State::kChecked;
        job->stage = "checked";
        job->done = 1;
      } else if (result.ok()) {
        job->output = std::move(result).value();
        job->state = State::kGated;
        job->stage = "storing";
        job->done = 0;
      } else {
        const bool refused = result.status().code() == StatusCode::kFailedPrecondition ||
                             result.status().code() == StatusCode::kInvalidArgument;
        job->state = refused ? State::kRefused : State::kFailed;
        job->message = result.status().message();
      }
    }
    std::error_code ec;
    std::filesystem::remove(job->upload_path, ec);
    if (job->state != State::kGated) std::filesystem::remove(job->spill_path, ec);
  }

  // A dry run's answer: every column's role, what would be published, and what would keep more.
  static json CheckJson(const privacy::GateOutput& out) {
    json columns = json::array();
    for (const protocol::Column& c : out.columns) {
      columns.push_back({{"name", c.name},
                         {"type", protocol::ColumnTypeName(c.type)},
                         {"generalisation", c.generalisation}});
    }
    json check{{"passes", out.refusal.ok()},
               {"privacy", PrivacyJson(out.report)},
               {"columns", std::move(columns)},
               {"preview", out.preview},
               {"advice", out.advice},
               {"rows_out", out.body.row_count},
               {"chunks", out.body.chunks.size()},
               {"size", out.body.total_size}};
    if (!out.refusal.ok()) check["refusal"] = out.refusal.message();
    return check;
  }

  // On the worker: the body's chunks, read back from the spill file the gate wrote, in batches
  // of 16 MiB, the last with the status complete and fsynced. The loop meanwhile serves the mesh
  // (a 1 GiB body is ~10 s of writes).
  void StoreBody(Job& job) {
    const std::vector<protocol::ChunkRef>& refs = job.output->body.chunks;
    const auto count = static_cast<uint32_t>(refs.size());
    Status s;
    const int fd = ::open(job.spill_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      s = Internal(fmt::format("cannot read {}: {}", job.spill_path, std::strerror(errno)));
    }
    std::vector<std::string> batch;
    for (uint32_t first = 0; first < count && s.ok(); first += kChunksPerBatch) {
      const uint32_t end = std::min<uint32_t>(count, first + kChunksPerBatch);
      batch.clear();
      for (uint32_t i = first; i < end && s.ok(); ++i) {
        std::string chunk(refs[i].size, '\0');
        std::size_t at = 0;
        while (at < chunk.size()) {
          const ssize_t n = ::read(fd, chunk.data() + at, chunk.size() - at);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;
          at += static_cast<std::size_t>(n);
        }
        // The spill file is the node's own, but a disk can fail: the record promises the hash.
        if (at != chunk.size() ||
            protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(chunk)) != refs[i].hash) {
          s =
              DataLoss(fmt::format("chunk {} of the body read back from {} is not what the gate "
                                   "wrote",
                                   i, job.spill_path));
        }
        batch.push_back(std::move(chunk));
      }
      if (!s.ok()) break;
      std::vector<ByteView> views;
      for (const std::string& c : batch) views.push_back(AsBytes(c));
      store::BodyStatus status;
      status.state = end == count ? store::BodyState::kComplete : store::BodyState::kFetching;
      status.chunks_held = end;
      status.updated_at_ms = deps.clock();
      s = deps.store->PutChunks(job.record_id, first, views, status, end == count);
      MutexLock lock(&mutex);
      job.done = static_cast<double>(end) / static_cast<double>(count);
    }
    if (fd >= 0) ::close(fd);
    std::error_code ec;
    std::filesystem::remove(job.spill_path, ec);
    MutexLock lock(&mutex);
    if (s.ok()) {
      job.state = State::kStored;
    } else {
      job.state = State::kStoreFailed;
      job.message = s.message();
    }
  }

  Result<privacy::GateOutput> RunGate(Job& job) {
    // The upload is mapped, not read: the gate makes several passes over it and says which part
    // of a pass is done, and those pages are dropped (they come back from the page cache for the
    // next pass). A 1 GiB table is then never held in memory as a whole.
    const int fd = ::open(job.upload_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return Internal(
          fmt::format("cannot read the upload {}: {}", job.upload_path, std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int e = errno;
      ::close(fd);
      return Internal(
          fmt::format("cannot read the upload {}: {}", job.upload_path, std::strerror(e)));
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* map = size == 0 ? nullptr : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) {
      return Internal(
          fmt::format("cannot map the upload {}: {}", job.upload_path, std::strerror(errno)));
    }
    struct Unmap {
      void* at;
      std::size_t size;
      ~Unmap() {
        if (at != nullptr) ::munmap(at, size);
      }
    } unmap{map, size};
    const std::string_view text(static_cast<const char*>(map), size);
    privacy::GateOptions gate_options = job.gate_options;
    gate_options.dry_run = job.dry_run;
    gate_options.progress = [this, &job](std::string_view stage, double done) {
      MutexLock lock(&mutex);
      job.stage = std::string(stage);
      job.done = done;
    };
    const long page = ::sysconf(_SC_PAGESIZE);
    gate_options.release = [map, page](std::size_t begin, std::size_t end) {
      // Whole pages inside [begin, end) only: the rows around the edges are still in use.
      const auto p = static_cast<std::size_t>(page > 0 ? page : 4096);
      const std::size_t first = (begin + p - 1) / p * p;
      const std::size_t last = end / p * p;
      if (last > first) {
        ::madvise(static_cast<char*>(map) + first, last - first, MADV_DONTNEED);
      }
    };
    if (job.dry_run) return deps.gate->Publish(text, gate_options);
    // The body goes to a spill file as the gate writes it, not into memory: a 1 GiB table is
    // then held once (its text), not twice.
    const int spill =
        ::open(job.spill_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (spill < 0) {
      return Internal(fmt::format("cannot write {}: {}", job.spill_path, std::strerror(errno)));
    }
    gate_options.sink = [spill, &job](uint32_t, std::string_view chunk) -> Status {
      std::size_t at = 0;
      while (at < chunk.size()) {
        const ssize_t n = ::write(spill, chunk.data() + at, chunk.size() - at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          return ResourceExhausted(
              fmt::format("cannot write {}: {}: free disk space and publish "
                          "again",
                          job.spill_path, std::strerror(errno)));
        }
        at += static_cast<std::size_t>(n);
      }
      return Status::Ok();
    };
    Result<privacy::GateOutput> out = deps.gate->Publish(text, gate_options);
    ::close(spill);
    return out;
  }

  // ---- operations ----------------------------------------------------------------------------

  // Deletes uploads no part has reached for the idle limit (a CLI interrupted mid-upload, or a
  // publish refused for its metadata and not retried), so they cannot fill the disk.
  void ExpireUploads() {
    const int64_t now = deps.clock();
    for (auto it = uploads.begin(); it != uploads.end();) {
      if (now - it->second.touched_ms < options.upload_idle_ms) {
        ++it;
        continue;
      }
      std::error_code ec;
      std::filesystem::remove(it->second.path, ec);
      deps.log->Info("dataset upload {} expired after {} minutes without a part", it->first,
                     options.upload_idle_ms / 60000);
      it = uploads.erase(it);
    }
  }

  Result<json> OpUpload(const json& args) {
    ExpireUploads();
    CITYNET_ASSIGN_OR_RETURN(std::string id, StringArg(args, "upload", false));
    CITYNET_ASSIGN_OR_RETURN(std::string data, StringArg(args, "data", true));
    CITYNET_ASSIGN_OR_RETURN(int64_t offset, IntArg(args, "offset", 0, 0, INT64_MAX));
    CITYNET_ASSIGN_OR_RETURN(Bytes bytes, FromBase64(data));
    if (bytes.size() > options.max_part_bytes) {
      return InvalidArgument(fmt::format("a part of {} bytes: send parts of at most {} bytes",
                                         bytes.size(), options.max_part_bytes));
    }
    Upload* upload = nullptr;
    if (id.empty()) {
      if (offset != 0) return InvalidArgument("the first part of an upload has offset 0");
      if (uploads.size() >= options.max_uploads) {
        return ResourceExhausted(fmt::format(
            "{} uploads are unfinished, the most this node keeps: publish or wait for them (an "
            "upload without a new part for {} minutes is deleted)",
            uploads.size(), options.upload_idle_ms / 60000));
      }
      id = RandomHex(deps, 16);
      upload = &uploads[id];
      upload->path = options.upload_dir + "/" + id + ".csv";
    } else {
      auto it = uploads.find(id);
      if (it == uploads.end()) {
        return NotFound(
            fmt::format("no upload '{}' (uploads end when the daemon restarts or the "
                        "table is published): upload the file again",
                        id));
      }
      upload = &it->second;
    }
    if (static_cast<uint64_t>(offset) != upload->size) {
      return InvalidArgument(
          fmt::format("part at offset {} but {} bytes are uploaded: send the "
                      "part that starts at {}",
                      offset, upload->size, upload->size));
    }
    if (upload->size + bytes.size() > options.max_upload_bytes) {
      std::error_code ec;
      std::filesystem::remove(upload->path, ec);
      uploads.erase(id);
      return ResourceExhausted(fmt::format(
          "the table is larger than {} MiB, the most this node takes: split it into several "
          "datasets",
          options.max_upload_bytes >> 20));
    }
    const int fd = ::open(upload->path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Internal(fmt::format("cannot write {}: {}", upload->path, std::strerror(errno)));
    }
    std::size_t at = 0;
    while (at < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + at, bytes.size() - at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int e = errno;
        ::close(fd);
        // The part is lost as a whole: cut the file back so the client can send it again.
        (void)!::truncate(upload->path.c_str(), static_cast<off_t>(upload->size));
        return ResourceExhausted(
            fmt::format("cannot write {}: {}: free disk space and upload the part again",
                        upload->path, std::strerror(e)));
      }
      at += static_cast<std::size_t>(n);
    }
    ::close(fd);
    upload->size += bytes.size();
    upload->touched_ms = deps.clock();
    return json{{"upload", id}, {"size", upload->size}};
  }

  // The privacy gate's options of dataset.publish and dataset.check.
  static Status GateArgs(const json& args, privacy::GateOptions& g) {
    CITYNET_ASSIGN_OR_RETURN(g.quasi_identifiers, StringListArg(args, "quasi"));
    CITYNET_ASSIGN_OR_RETURN(g.sensitive_columns, StringListArg(args, "sensitive"));
    CITYNET_ASSIGN_OR_RETURN(g.insensitive_columns, StringListArg(args, "insensitive"));
    CITYNET_ASSIGN_OR_RETURN(g.keep_text, StringListArg(args, "keep_text"));
    CITYNET_ASSIGN_OR_RETURN(int64_t k, IntArg(args, "k", 5, 2, 1000000));
    g.k = static_cast<uint32_t>(k);
    if (auto it = args.find("l"); it != args.end() && !it->is_null()) {
      CITYNET_ASSIGN_OR_RETURN(int64_t l, IntArg(args, "l", 0, 0, 1000000));
      g.l = static_cast<uint32_t>(l);
    }
    if (auto it = args.find("max_suppression"); it != args.end() && !it->is_null()) {
      if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1) {
        return InvalidArgument(
            "argument 'max_suppression' must be a share from 0 to 1 (0.05 is 5 %)");
      }
      g.max_suppression = it->get<double>();
    }
    if (auto it = args.find("detect_quasi"); it != args.end() && *it == false) {
      // Gate version 1 let a publisher switch off the recognition of quasi-identifiers by name.
      // Privacy by default leaves no such switch: say what replaces it.
      return InvalidArgument(
          "'detect_quasi' is gone: every column now has a role, and one the gate cannot "
          "classify is a quasi-identifier; declare the columns that cannot single anyone out "
          "with 'insensitive' (citynet dataset check shows each column's role)");
    }
    CITYNET_ASSIGN_OR_RETURN(g.allow_removal, BoolArg(args, "allow_removal", true));
    CITYNET_ASSIGN_OR_RETURN(int64_t preview, IntArg(args, "preview_rows", 10, 0, 1000));
    g.preview_rows = static_cast<std::size_t>(preview);
    return Status::Ok();
  }

  // The publisher's metadata of dataset.publish, checked now, not after the gate: a placeholder
  // stands in for what the gate fills in, and only the problems of the publisher's fields are
  // reported.
  Status MetadataArgs(const json& args, Job& job) {
    CITYNET_ASSIGN_OR_RETURN(job.network, StringArg(args, "network", true));
    protocol::Dataset& d = job.meta;
    CITYNET_ASSIGN_OR_RETURN(d.title, StringArg(args, "title", true));
    CITYNET_ASSIGN_OR_RETURN(d.description, StringArg(args, "description", true));
    CITYNET_ASSIGN_OR_RETURN(d.licence, StringArg(args, "licence", true));
    CITYNET_ASSIGN_OR_RETURN(d.language, StringArg(args, "language", false));
    if (d.language.empty()) d.language = "en";
    CITYNET_ASSIGN_OR_RETURN(d.publisher, StringArg(args, "publisher", false));
    if (d.publisher.empty()) d.publisher = options.default_publisher;
    CITYNET_ASSIGN_OR_RETURN(d.themes, StringListArg(args, "themes"));
    CITYNET_ASSIGN_OR_RETURN(d.spatial_coverage, StringArg(args, "spatial_coverage", false));
    CITYNET_ASSIGN_OR_RETURN(d.country, StringArg(args, "country", false));
    CITYNET_ASSIGN_OR_RETURN(d.temporal_coverage.from, StringArg(args, "temporal_from", false));
    CITYNET_ASSIGN_OR_RETURN(d.temporal_coverage.to, StringArg(args, "temporal_to", false));
    d.networks = {job.network};
    protocol::Dataset probe = d;
    probe.columns = {protocol::Column{"column", protocol::ColumnType::kText, "", ""}};
    probe.privacy.k_required = probe.privacy.k_reached = job.gate_options.k;
    probe.body.chunks = {protocol::ChunkRef{{}, 1}};
    probe.body.total_size = 1;
    protocol::Problems problems;
    for (protocol::Problem& p : protocol::ValidateDataset(probe)) {
      if (!p.field.starts_with("columns") && !p.field.starts_with("privacy") &&
          !p.field.starts_with("body")) {
        problems.push_back(std::move(p));
      }
    }
    return protocol::ProblemsToStatus(problems, "the dataset's description");
  }

  // dataset.publish, and with `dry_run` (dataset.check) the gate alone: its report, each
  // column's role, the first rows and advice, with nothing signed. A dry run's metadata is
  // checked when given (citynet dataset publish --dry-run), not required (citynet dataset check).
  Result<json> OpPublish(const json& args, bool dry_run) {
    CITYNET_ASSIGN_OR_RETURN(std::string upload_id, StringArg(args, "upload", true));
    ExpireUploads();
    auto up = uploads.find(upload_id);
    if (up == uploads.end()) {
      return NotFound(fmt::format("no upload '{}': upload the table first", upload_id));
    }
    auto job = std::make_shared<Job>();
    job->dry_run = dry_run;
    CITYNET_RETURN_IF_ERROR(GateArgs(args, job->gate_options));
    if (!dry_run || args.contains("title")) CITYNET_RETURN_IF_ERROR(MetadataArgs(args, *job));
    if (dry_run && job->meta.title.empty()) job->meta.title = "(dry run)";

    job->id = RandomHex(deps, 8);
    job->upload_path = up->second.path;
    job->spill_path = options.upload_dir + "/" + job->id + ".body";
    uploads.erase(up);
    {
      MutexLock lock(&mutex);
      jobs[job->id] = job;
    }
    Post(job, false);
    deps.log->Info("dataset job {}: gate queued for '{}'{}{}", job->id, job->meta.title,
                   job->network.empty() ? "" : " in " + job->network, dry_run ? " (dry run)" : "");
    return json{{"job", job->id}};
  }

  static std::string_view StateName(State s) {
    switch (s) {
      case State::kQueued:
      case State::kRunning:
      case State::kGated:
      case State::kStoring:
      case State::kStored:
      case State::kStoreFailed:
        return "running";
      case State::kPublished:
        return "published";
      case State::kChecked:
        return "checked";
      case State::kRefused:
        return "refused";
      case State::kFailed:
        return "failed";
    }
    return "failed";
  }

  Result<json> OpJob(const json& args) {
    CITYNET_ASSIGN_OR_RETURN(std::string id, StringArg(args, "job", true));
    MutexLock lock(&mutex);
    auto it = jobs.find(id);
    if (it == jobs.end()) {
      return NotFound(fmt::format("no job '{}' (jobs end when the daemon restarts)", id));
    }
    const Job& job = *it->second;
    json j{{"job", job.id},          {"state", StateName(job.state)}, {"stage", job.stage},
           {"done", job.done},       {"summary", job.summary},        {"network", job.network},
           {"title", job.meta.title}};
    if (!job.message.empty()) j["message"] = job.message;
    if (job.state == State::kPublished) {
      j["record"] = job.record;
      j["privacy"] = job.privacy;
    }
    if (job.state == State::kChecked) j["check"] = job.check;
    return j;
  }

  // Moves every job on that waits for the loop: signs and stores the record of a table the
  // gate passed (its body then goes to the worker), sends the pushes of a record whose body is
  // stored, retracts one whose body could not be.
  void FinishJobs() {
    std::vector<std::shared_ptr<Job>> ready;
    {
      MutexLock lock(&mutex);
      for (auto& [id, job] : jobs) {
        if (job->state == State::kGated || job->state == State::kStored ||
            job->state == State::kStoreFailed) {
          ready.push_back(job);
        }
      }
    }
    for (const auto& job : ready) {
      State state;
      {
        MutexLock lock(&mutex);
        state = job->state;
      }
      if (state == State::kGated) {
        Status s = Sign(*job);
        if (!s.ok()) {
          MutexLock lock(&mutex);
          job->output.reset();
          job->state = s.code() == StatusCode::kInvalidArgument ? State::kRefused : State::kFailed;
          job->message = s.message();
          job->done = 1;
        }
      } else if (state == State::kStored) {
        Announce(*job);
      } else {
        Withdraw(*job);
      }
    }
    // Forget the oldest finished jobs beyond the bound.
    MutexLock lock(&mutex);
    for (auto& [id, job] : jobs) {
      if ((job->state == State::kPublished || job->state == State::kChecked ||
           job->state == State::kRefused || job->state == State::kFailed) &&
          std::find(finished_order.begin(), finished_order.end(), id) == finished_order.end()) {
        finished_order.push_back(id);
        if (job->state != State::kPublished && job->state != State::kChecked) {
          deps.log->Notice("dataset job {}: '{}' {}: {}", id, job->meta.title,
                           StateName(job->state), job->message);
        }
      }
    }
    while (finished_order.size() > options.max_jobs_kept) {
      jobs.erase(finished_order.front());
      finished_order.pop_front();
    }
  }

  // On the loop: signs the record and stores it (fsync) with its body marked as being stored,
  // then hands the chunks to the worker. The record is stored first so that the node's own feed
  // stays in order for other publishes meanwhile; its live pushes wait for the body, and the
  // body is served only once complete (a partner that hears of the record by catch-up first is
  // told "not held" and asks again). A stop before the body is complete is mended at the next
  // start by RecoverInterruptedPublishes.
  Status Sign(Job& job) {
    privacy::GateOutput& out = *job.output;
    protocol::Dataset d = job.meta;
    d.columns = out.columns;
    d.privacy = out.report;
    d.body = out.body;
    const int64_t now = deps.clock();
    std::optional<RecordId> marked;
    auto before_store = [&](const RecordId& id) -> Status {
      CITYNET_RETURN_IF_ERROR(
          deps.store->SetBody(id, store::BodyStatus{store::BodyState::kFetching, 0, now, ""}));
      marked = id;
      return Status::Ok();
    };
    auto published = deps.engine->Publish(job.network, protocol::Payload{std::move(d)}, now, {},
                                          std::nullopt, before_store);
    if (!published.ok()) {
      // The record was not stored: its marker must not stay.
      if (marked) (void)deps.store->DropBody(*marked, store::BodyStatus{});
      return published.status();
    }
    std::shared_ptr<Job> stored;
    {
      MutexLock lock(&mutex);
      job.record_id = published->id;
      job.pushes = std::move(published->pushes);
      job.state = State::kStoring;
      job.stage = "storing";
      job.done = 0;
      stored = jobs.at(job.id);
    }
    Post(std::move(stored), true);
    return Status::Ok();
  }

  void Announce(Job& job) {
    deps.send(std::move(job.pushes));
    job.pushes.clear();
    const privacy::GateOutput& out = *job.output;
    auto stored = deps.store->Get(job.record_id);
    deps.log->Notice("published dataset {} '{}' in {}: {} rows, {} chunks, k = {}",
                     job.record_id.ShortHex(), job.meta.title, job.network, out.body.row_count,
                     out.body.chunks.size(), out.report.k_reached);
    MutexLock lock(&mutex);
    job.summary = out.summary;
    job.privacy = PrivacyJson(out.report);
    job.record = stored.ok() ? deps.summary(*stored) : json{{"id", job.record_id.Hex()}};
    job.state = State::kPublished;
    job.stage = "published";
    job.done = 1;
    job.output.reset();
  }

  // The body could not be stored (the disk): the record, already signed and perhaps already
  // fetched by a partner through catch-up, is retracted so that nobody waits for its body.
  void Withdraw(Job& job) {
    std::string why;
    {
      MutexLock lock(&mutex);
      why = job.message;
    }
    Status retracted =
        RetractInterrupted(*deps.store, *deps.engine, job.record_id,
                           "the body could not be stored: " + why, deps.clock(), &job.pushes);
    deps.send(std::move(job.pushes));
    MutexLock lock(&mutex);
    job.output.reset();
    job.state = State::kFailed;
    job.message = fmt::format(
        "the body of {} could not be stored ({}); the record was retracted{}: free disk space and "
        "publish the table again",
        job.record_id.ShortHex(), why,
        retracted.ok() ? "" : " (the retraction failed too: " + retracted.message() + ")");
    job.done = 1;
  }

  Result<std::pair<store::StoredRecord, protocol::Dataset>> LoadDataset(const RecordId& id) {
    CITYNET_ASSIGN_OR_RETURN(store::StoredRecord r, deps.store->Get(id));
    if (r.header.kind != protocol::RecordKind::kDataset) {
      return InvalidArgument(fmt::format("{} is a {}, not a dataset", id.ShortHex(),
                                         protocol::RecordKindName(r.header.kind)));
    }
    if (!r.wire.payload) {
      return NotFound(
          fmt::format("the dataset {} was retracted by its author: it is gone", id.ShortHex()));
    }
    CITYNET_ASSIGN_OR_RETURN(protocol::Payload p,
                             protocol::DecodePayload(r.header.kind, *r.wire.payload));
    return std::make_pair(std::move(r), std::get<protocol::Dataset>(std::move(p)));
  }
};

Result<std::unique_ptr<DatasetService>> DatasetService::Create(Deps deps,
                                                               DatasetServiceOptions options) {
  if (!deps.random_bytes) {
    return InvalidArgument("dataset service: Deps::random_bytes is required");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.upload_dir, ec);
  if (ec) {
    return Internal(
        fmt::format("cannot create the upload directory {}: {}", options.upload_dir, ec.message()));
  }
  std::filesystem::permissions(options.upload_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  std::size_t stale = 0;
  for (const auto& entry : std::filesystem::directory_iterator(options.upload_dir, ec)) {
    std::error_code rm;
    if (std::filesystem::remove(entry.path(), rm)) ++stale;
  }
  if (stale > 0) {
    deps.log->Notice("removed {} unfinished uploads from before the last stop", stale);
  }
  auto impl = std::make_unique<Impl>(std::move(deps), std::move(options));
  return std::unique_ptr<DatasetService>(new DatasetService(std::move(impl)));
}

DatasetService::DatasetService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DatasetService::~DatasetService() = default;

Result<std::size_t> DatasetService::SweepOrphanBodies(store::Store& store, Logger& log) {
  CITYNET_ASSIGN_OR_RETURN(auto bodies, store.Bodies());
  std::size_t swept = 0;
  for (const auto& [id, status] : bodies) {
    auto record = store.Get(id);
    if (record.ok()) continue;
    if (record.status().code() != StatusCode::kNotFound) return record.status();
    CITYNET_RETURN_IF_ERROR(store.DropBody(id, store::BodyStatus{}));
    ++swept;
  }
  if (swept > 0) {
    log.Notice(
        "removed the chunks of {} dataset bodies whose record was never "
        "stored (a publish interrupted by a stop)",
        swept);
  }
  return swept;
}

Result<std::size_t> DatasetService::RecoverInterruptedPublishes(store::Store& store,
                                                                SyncEngine& engine,
                                                                const SigningPublicKey& self,
                                                                Logger& log, int64_t now_ms) {
  CITYNET_ASSIGN_OR_RETURN(auto bodies, store.Bodies());
  std::size_t retracted = 0;
  for (const auto& [id, status] : bodies) {
    if (status.state == store::BodyState::kComplete) continue;
    auto record = store.Get(id);
    if (!record.ok() || record->header.author != self || record->retracted) continue;
    // Under a restore hold nothing is signed there: retracted when the hold ends. Meanwhile the
    // incomplete body is served to no one.
    if (engine.Holding(record->header.network)) continue;
    std::vector<Outgoing> pushes;  // partners learn of the retraction by catch-up
    CITYNET_RETURN_IF_ERROR(RetractInterrupted(
        store, engine, id, "the node stopped while storing this dataset's body", now_ms, &pushes));
    log.Warning(
        "dataset {} was published but the node stopped before its body was stored "
        "whole: retracted it; publish the table again",
        id.ShortHex());
    ++retracted;
  }
  return retracted;
}

json DatasetService::Describe(const store::StoredRecord& record, bool full) {
  json j = impl_->deps.summary(record);
  if (record.header.kind != protocol::RecordKind::kDataset || !record.wire.payload) return j;
  auto p = protocol::DecodePayload(record.header.kind, *record.wire.payload);
  if (!p.ok()) return j;
  const auto& d = std::get<protocol::Dataset>(*p);
  j["title"] = d.title;
  j["rows"] = d.body.row_count;
  j["columns"] = d.columns.size();
  j["size"] = d.body.total_size;
  j["k"] = d.privacy.k_reached;
  auto status = impl_->deps.store->GetBody(record.id);
  store::BodyStatus body = status.ok() ? *status : store::BodyStatus{};
  j["body"] = {{"state", store::BodyStateName(body.state)},
               {"chunks_held", body.chunks_held},
               {"chunks", d.body.chunks.size()},
               {"refusal", body.refusal}};
  if (impl_->deps.transfer != nullptr) {
    // The transfer's view is fresher than the stored status while chunks are on their way.
    if (auto progress = impl_->deps.transfer->ProgressOf(record.id)) {
      j["body"]["state"] = store::BodyStateName(progress->state);
      j["body"]["chunks_held"] = progress->chunks_held;
      j["body"]["refusal"] = progress->refusal;
      j["body"]["active"] = progress->active;
      j["body"]["peers"] = progress->peers;
    }
  }
  if (!full) return j;
  j["description"] = d.description;
  j["publisher"] = d.publisher;
  j["licence"] = d.licence;
  j["language"] = d.language;
  j["themes"] = d.themes;
  j["spatial_coverage"] = d.spatial_coverage;
  j["country"] = d.country;
  j["temporal_from"] = d.temporal_coverage.from;
  j["temporal_to"] = d.temporal_coverage.to;
  json columns = json::array();
  for (const protocol::Column& c : d.columns) {
    columns.push_back({{"name", c.name},
                       {"type", protocol::ColumnTypeName(c.type)},
                       {"generalisation", c.generalisation},
                       {"description", c.description}});
  }
  j["columns"] = std::move(columns);
  j["column_count"] = d.columns.size();
  j["privacy"] = PrivacyJson(d.privacy);
  j["signature_verified"] = protocol::VerifyRecord(record.wire).ok();
  return j;
}

Result<json> DatasetService::Handle(const std::string& op, const json& args) {
  Impl& d = *impl_;
  if (op == "dataset.upload") return d.OpUpload(args);
  if (op == "dataset.publish") return d.OpPublish(args, /*dry_run=*/false);
  if (op == "dataset.check") return d.OpPublish(args, /*dry_run=*/true);
  if (op == "dataset.job") return d.OpJob(args);
  if (op == "dataset.list") {
    store::ListFilter filter;
    filter.kind = protocol::RecordKind::kDataset;
    CITYNET_ASSIGN_OR_RETURN(std::string network, StringArg(args, "network", false));
    if (!network.empty()) filter.network = network;
    CITYNET_ASSIGN_OR_RETURN(int64_t limit, IntArg(args, "limit", 50, 1, 10000));
    CITYNET_ASSIGN_OR_RETURN(std::string cursor, StringArg(args, "cursor", false));
    CITYNET_ASSIGN_OR_RETURN(store::ListPage page,
                             d.deps.store->List(filter, static_cast<std::size_t>(limit), cursor));
    json out = json::array();
    for (const store::StoredRecord& r : page.records) out.push_back(Describe(r, false));
    return json{{"datasets", std::move(out)}, {"next_cursor", page.next_cursor}};
  }
  if (op == "dataset.show") {
    CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
    CITYNET_ASSIGN_OR_RETURN(auto loaded, d.LoadDataset(id));
    return Describe(loaded.first, true);
  }
  if (op == "dataset.export") {
    CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
    CITYNET_ASSIGN_OR_RETURN(auto loaded, d.LoadDataset(id));
    const protocol::Dataset& dataset = loaded.second;
    const auto count = static_cast<int64_t>(dataset.body.chunks.size());
    CITYNET_ASSIGN_OR_RETURN(int64_t index, IntArg(args, "index", 0, 0, count - 1));
    CITYNET_ASSIGN_OR_RETURN(store::BodyStatus status, d.deps.store->GetBody(id));
    if (status.state != store::BodyState::kComplete) {
      return FailedPrecondition(fmt::format(
          "the body of {} is {} here{}: fetch it first (citynet dataset fetch {} --wait)",
          id.ShortHex(), store::BodyStateName(status.state),
          status.refusal.empty() ? "" : " (" + status.refusal + ")", id.Hex()));
    }
    CITYNET_ASSIGN_OR_RETURN(std::optional<Bytes> chunk,
                             d.deps.store->GetChunk(id, static_cast<uint32_t>(index)));
    const protocol::ChunkRef& ref = dataset.body.chunks[static_cast<std::size_t>(index)];
    if (!chunk || chunk->size() != ref.size ||
        protocol::HashWithDomain(protocol::kChunkHashDomain, *chunk) != ref.hash) {
      return DataLoss(
          fmt::format("chunk {} of {} is missing or damaged in the store: run "
                      "citynetd --check and fetch the body again",
                      index, id.ShortHex()));
    }
    return json{{"index", index}, {"chunks", count}, {"data", ToBase64(*chunk)}};
  }
  if (op == "dataset.fetch") {
    CITYNET_ASSIGN_OR_RETURN(RecordId id, IdArg(args, "id"));
    if (d.deps.transfer == nullptr) {
      return FailedPrecondition("this node does not fetch dataset bodies");
    }
    CITYNET_RETURN_IF_ERROR(d.deps.transfer->Fetch(id, d.deps.clock()));
    CITYNET_ASSIGN_OR_RETURN(auto loaded, d.LoadDataset(id));
    json j = Describe(loaded.first, false);
    return json{{"id", id.Hex()},
                {"state", j["body"]["state"]},
                {"chunks_held", j["body"]["chunks_held"]},
                {"chunks", j["body"]["chunks"]}};
  }
  return NotFound(fmt::format("unknown operation '{}'", op));
}

}  // namespace citynet::node
