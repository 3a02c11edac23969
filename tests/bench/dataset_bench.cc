// Dataset benchmark (issue 6: "a 1 GiB dataset never delays live case replication"): real
// citynetd processes on 127.0.0.1, copenhagen and c40 sharing network c40, c40 dialing
// copenhagen. Prints, from one run:
//  - the limits: raw CURVE ZeroMQ throughput (PUSH/PULL, 256 KiB messages, the default chunk
//    size, one connection over loopback) and raw BLAKE2b-256 hashing (protocol::HashWithDomain
//    over 256 KiB buffers, one core), and the serving rate limit the daemon applies per peer
//    (BodyTransferOptions, which citynetd leaves at its defaults);
//  - publish at copenhagen: upload over the control socket (MiB/s), then the gate job inside
//    the daemon (rows/s, from dataset.publish until dataset.job is no longer running), chunks
//    and body size; while the job runs, c40 publishes a case every ~100 ms and each one's delay
//    until copenhagen stores it is measured, beside a baseline in the same direction, and the
//    slowest answer of copenhagen's control socket (its event loop stores the gate's output);
//  - transfer: from dataset.fetch at c40 until dataset.show says complete: MiB/s and chunks/s;
//  - case latency: a case published at copenhagen every ~100 ms, created -> stored at c40
//    (created_at_ms and received_at_ms of record.get at c40: same clock, 1 ms resolution),
//    first with no transfer running (baseline), then while c40 fetches the body;
//  - peak RSS (VmHWM) of both daemons.
// The table is a synthetic Copenhagen survey made here (no personal data, no identifier
// columns): age, gender, postcode, district, commute_mode, commute_minutes, heating_kwh_year and
// a short free-text comment, about 100 bytes a row.
//
// Usage: dataset_bench [--rows N] [--baseline N] [--seed S]   (defaults 1000000, 50, 1)
#include <dirent.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "node/engine/body_transfer.h"
#include "node/net/internal/curve_socket.h"
#include "node/net/transport.h"
#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "tests/bench/bench_util.h"
#include "tests/node/daemon_harness.h"
#include "tools/control_client.h"

using namespace citynet;
using namespace citynet::testing;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr std::size_t kMessageBytes = 256 * 1024;  // privacy::kDefaultChunkBytes
constexpr std::size_t kUploadPartBytes = std::size_t{8} << 20;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// MiB/s of 256 KiB messages through one CURVE PUSH/PULL connection over loopback, with a few
// MiB queued each way, as a daemon's window of chunks would be, not gigabytes.
double RawCurveMiBps(int messages) {
  return RawCurveMessagesPerSecond(messages, kMessageBytes, 16) * kMessageBytes / kMiB;
}

// MiB/s of HashWithDomain(kChunkHashDomain, 256 KiB) on one core, for about 1.5 s.
double RawHashMiBps() {
  Bytes chunk(kMessageBytes);
  for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<uint8_t>(i * 131 + 7);
  uint64_t hashed = 0;
  uint8_t sink = 0;
  const auto start = Clock::now();
  while (Clock::now() - start < 1500ms) {
    for (int i = 0; i < 8; ++i) {
      chunk[0] = sink;  // each hash depends on the last: nothing to hoist
      sink = protocol::HashWithDomain(protocol::kChunkHashDomain, chunk).data[0];
      hashed += chunk.size();
    }
  }
  return static_cast<double>(hashed) / kMiB / Seconds(start, Clock::now());
}

// The survey: quasi-identifiers the gate recognises by name (age, gender, postcode, district),
// answers, and a comment in plain words. Nothing in it identifies anyone.
std::string MakeSurvey(std::size_t rows, unsigned seed) {
  struct District {
    const char* name;
    std::vector<const char*> postcodes;
  };
  const std::vector<District> districts = {{"Indre By", {"1050", "1150", "1360", "1450"}},
                                           {"Østerbro", {"2100", "2150"}},
                                           {"Nørrebro", {"2200"}},
                                           {"Vesterbro", {"1620", "1650", "1720"}},
                                           {"Valby", {"2500"}},
                                           {"Amager Øst", {"2300"}}};
  const std::vector<const char*> modes = {"bicycle", "bicycle", "bicycle", "metro",
                                          "bus",     "car",     "walk",    "train"};
  const std::vector<const char*> comments = {
      "",
      "more bike lanes on the bridges please as the morning rush is getting dangerous",
      "the metro is crowded in the morning and the escalators are often out of order",
      "buses are often late in winter and the timetable at the stop is not updated",
      "parking is too expensive in the centre so we leave the car outside the city",
      "district heating works well for our building but the radiators are very old",
      "would like safer crossings near the school and slower traffic on our street",
      "trains are reliable but the station is far away and there is no bus in between",
      "walking is faster than the bus for short trips and more benches would be welcome",
      "our heating bill went up a lot this year even though we turned the heat down",
      "happy with the harbour bath and the new green areas along the waterfront",
      "no comment"};
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> age_dist(42, 16), minutes_dist(24, 9), kwh_dist(9000, 2500);
  auto pick = [&rng](const auto& v) { return v[rng() % v.size()]; };
  std::string csv =
      "age,gender,postcode,district,commute_mode,commute_minutes,heating_kwh_year,comment\n";
  csv.reserve(rows * 100 + csv.size());
  for (std::size_t i = 0; i < rows; ++i) {
    const int age = std::clamp(static_cast<int>(age_dist(rng)), 18, 95);
    const District& d = pick(districts);
    const char* mode = pick(modes);
    const int minutes = std::max(3, static_cast<int>(minutes_dist(rng)));
    const int kwh = std::max(500, static_cast<int>(kwh_dist(rng)));
    csv += std::to_string(age);
    csv += rng() % 2 ? ",F," : ",M,";
    csv += pick(d.postcodes);
    csv += ',';
    csv += d.name;
    csv += ',';
    csv += mode;
    csv += ',';
    csv += std::to_string(minutes);
    csv += ',';
    csv += std::to_string(kwh);
    csv += ',';
    csv += pick(comments);
    csv += '\n';
  }
  return csv;
}

// created -> stored at `node`, in ms, of each case in `ids` (a case not there within 30 s is
// left out, and counted in `missing`).
// `count` cases published by `author` to c40, one every 100 ms; their ids.
std::vector<std::string> PublishEvery100ms(DaemonMesh& mesh, const std::string& author,
                                           const std::string& title_prefix, int count) {
  std::vector<std::string> ids;
  auto next = Clock::now();
  for (int i = 0; i < count; ++i) {
    ids.push_back(mesh.Publish(author, "c40", title_prefix + std::to_string(i)));
    next += 100ms;
    std::this_thread::sleep_until(next);
  }
  return ids;
}

std::vector<int64_t> Delays(DaemonMesh& mesh, const std::string& node,
                            const std::vector<std::string>& ids, std::size_t& missing) {
  std::vector<int64_t> delays;
  missing = 0;
  for (const std::string& id : ids) {
    if (auto ms = ArrivalDelayMs(mesh, node, id)) {
      delays.push_back(*ms);
    } else {
      ++missing;
    }
  }
  return delays;
}

void PrintDelays(const char* label, const std::vector<int64_t>& d, std::size_t missing) {
  std::printf("    %-26s (%4zu)  p50 %6.0f ms  p99 %6.0f ms  max %6.0f ms%s\n", label, d.size(),
              Percentile(d, 0.5), Percentile(d, 0.99), Percentile(d, 1.0),
              missing > 0 ? fmt::format("  ({} not at c40 after 30 s)", missing).c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = 1'000'000;
  int baseline_cases = 50;
  unsigned seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rows") {
      rows = std::stoul(argv[i + 1]);
    } else if (a == "--baseline") {
      baseline_cases = std::stoi(argv[i + 1]);
    } else if (a == "--seed") {
      seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    } else {
      std::fprintf(stderr, "usage: dataset_bench [--rows N] [--baseline N] [--seed S]\n");
      return 2;
    }
  }
  if (!protocol::InitCrypto().ok()) return 1;
  const node::BodyTransferOptions serving;  // citynetd sets only the fetch policy
  const double serve_limit = serving.serve_bytes_per_s / kMiB;
  std::printf("dataset_bench: %u cores, %zu rows\n",
              std::max(1u, std::thread::hardware_concurrency()), rows);
  const double curve = RawCurveMiBps(2000);
  std::printf(
      "  limit: raw CURVE PUSH/PULL (256 KiB)     %8.1f MiB/s  (one connection, loopback)\n",
      curve);
  const double hash = RawHashMiBps();
  std::printf("  limit: raw BLAKE2b HashWithDomain        %8.1f MiB/s  (256 KiB, one core)\n",
              hash);
  std::printf(
      "  limit: daemon serving rate per peer      %8.1f MiB/s  (BodyTransferOptions "
      "serve_bytes_per_s, burst %.1f MiB; window %u chunks)\n",
      serve_limit, serving.serve_burst_bytes / kMiB, serving.window);
  std::fflush(stdout);

  const auto made = Clock::now();
  const std::string csv = MakeSurvey(rows, seed);
  std::printf("  table: %zu rows, %.1f MiB of CSV, made in %.1f s\n", rows,
              static_cast<double>(csv.size()) / kMiB, Seconds(made, Clock::now()));

  DaemonMeshOptions options;
  options.direct_links = true;
  options.log_level = "notice";
  options.catch_up_interval_s = 30;  // the daemon's default: cases travel by live push
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {{"c40", "copenhagen"}}, options);
  mesh.StartAll();
  auto cph_client = tools::ControlClient::Connect(mesh.ControlEndpoint("copenhagen"), 120s);
  if (!cph_client.ok()) {
    std::printf("  no control connection to copenhagen: %s\n",
                cph_client.status().ToString().c_str());
    return 1;
  }
  tools::ControlClient& cph = *cph_client;

  // ---- publish at copenhagen ----
  const auto upload_start = Clock::now();
  std::string upload;
  for (std::size_t at = 0; at < csv.size(); at += kUploadPartBytes) {
    json args{{"data", ToBase64(AsBytes(std::string_view(csv).substr(at, kUploadPartBytes)))},
              {"offset", at}};
    if (!upload.empty()) args["upload"] = upload;
    auto r = cph.Call("dataset.upload", args);
    if (!r.ok()) {
      std::printf("  upload failed at offset %zu: %s\n", at, r.status().ToString().c_str());
      return 1;
    }
    upload = (*r)["upload"].get<std::string>();
  }
  const double upload_s = Seconds(upload_start, Clock::now());
  const auto job_start = Clock::now();
  auto started =
      cph.Call("dataset.publish", {{"upload", upload},
                                   {"network", "c40"},
                                   {"title", "Copenhagen commuting and heating survey"},
                                   {"description", "Synthetic survey for the dataset benchmark."},
                                   {"licence", "CC-BY-4.0"}});
  if (!started.ok()) {
    std::printf("  publish refused: %s\n", started.status().ToString().c_str());
    return 1;
  }
  // Meanwhile c40 publishes a case every ~100 ms (copenhagen's loop must take them in), on a
  // thread of its own so a slow answer of copenhagen does not hold the cases back; every answer
  // of copenhagen's control socket is timed (the same loop serves it). Only that thread uses the
  // harness until it is joined.
  json job;
  std::vector<std::string> publish_ids;
  std::atomic<bool> job_over{false};
  std::thread c40_cases([&mesh, &publish_ids, &job_over, job_start] {
    auto at = job_start;
    while (!job_over) {
      publish_ids.push_back(
          mesh.Publish("c40", "c40", "during publish " + std::to_string(publish_ids.size())));
      at += 100ms;
      std::this_thread::sleep_until(at);
    }
  });
  double slowest_answer_s = 0;
  WaitFor(
      [&] {
        const auto asked = Clock::now();
        auto r = cph.Call("dataset.job", {{"job", (*started)["job"]}});
        slowest_answer_s = std::max(slowest_answer_s, Seconds(asked, Clock::now()));
        if (r.ok()) job = *r;
        return r.ok() && job["state"] != "running";
      },
      1800s);
  const double job_s = Seconds(job_start, Clock::now());
  job_over = true;
  c40_cases.join();
  if (job["state"] != "published") {
    std::printf("  publish did not succeed: %s\n%s\n", job.dump(2).c_str(),
                mesh.LogTail("copenhagen").c_str());
    return 1;
  }
  const std::string id = job["record"]["id"].get<std::string>();
  const json shown = *mesh.Call("copenhagen", "dataset.show", {{"id", id}});
  const uint64_t body_bytes = shown["size"].get<uint64_t>();
  const uint64_t chunks = shown["body"]["chunks"].get<uint64_t>();
  const uint64_t rows_out = shown["rows"].get<uint64_t>();
  std::printf("  publish at copenhagen:\n");
  std::printf("    upload (control socket, 8 MiB parts) %8.1f MiB/s  (%.1f MiB in %.2f s)\n",
              static_cast<double>(csv.size()) / kMiB / upload_s,
              static_cast<double>(csv.size()) / kMiB, upload_s);
  std::printf(
      "    gate job (publish -> published)      %8.0f rows/s  (%zu rows in %.2f s, polled every "
      "20 ms; k reached %d)\n",
      static_cast<double>(rows) / job_s, rows, job_s, job["privacy"]["k_reached"].get<int>());
  std::printf("    body: %llu rows (%zu suppressed), %llu chunks, %.1f MiB (%.0f KiB a chunk)\n",
              static_cast<unsigned long long>(rows_out), rows - static_cast<std::size_t>(rows_out),
              static_cast<unsigned long long>(chunks), static_cast<double>(body_bytes) / kMiB,
              static_cast<double>(body_bytes) / 1024.0 / static_cast<double>(chunks));
  std::fflush(stdout);

  // The record reaches c40 like any record; its body stays absent until fetched.
  if (!WaitFor([&] { return mesh.Call("c40", "dataset.show", {{"id", id}}).ok(); }, 120s)) {
    std::printf("  the dataset record did not reach c40\n%s\n", mesh.LogTail("c40").c_str());
    return 1;
  }

  // ---- case latency with no transfer running ----
  const std::vector<std::string> quiet_ids =
      PublishEvery100ms(mesh, "copenhagen", "quiet ", baseline_cases);
  std::size_t quiet_missing = 0;
  const std::vector<int64_t> quiet = Delays(mesh, "c40", quiet_ids, quiet_missing);
  // The other direction, for the cases c40 published during the gate job.
  const std::vector<std::string> reverse_ids =
      PublishEvery100ms(mesh, "c40", "quiet from c40 ", baseline_cases);
  std::size_t reverse_missing = 0;
  const std::vector<int64_t> reverse = Delays(mesh, "copenhagen", reverse_ids, reverse_missing);
  std::size_t publish_missing = 0;
  const std::vector<int64_t> during_publish =
      Delays(mesh, "copenhagen", publish_ids, publish_missing);

  // ---- transfer, with a case every ~100 ms while it runs ----
  std::vector<std::string> loaded_ids;
  std::vector<std::pair<double, uint64_t>> progress;  // (s since fetch, chunks held at c40)
  const auto fetch_start = Clock::now();
  auto fetch = mesh.Call("c40", "dataset.fetch", {{"id", id}});
  if (!fetch.ok()) {
    std::printf("  dataset.fetch at c40 failed: %s\n", fetch.status().ToString().c_str());
    return 1;
  }
  double transfer_s = 0;
  bool complete = false;
  auto next = fetch_start;
  while (Seconds(fetch_start, Clock::now()) < 1800) {
    auto s = mesh.Call("c40", "dataset.show", {{"id", id}});
    if (s.ok()) {
      const double at = Seconds(fetch_start, Clock::now());
      progress.emplace_back(at, (*s)["body"]["chunks_held"].get<uint64_t>());
      if ((*s)["body"]["state"] == "complete") {
        transfer_s = at;
        complete = true;
        break;
      }
      if ((*s)["body"]["state"] == "refused") {
        std::printf("  c40 refused the body: %s\n", s->dump(2).c_str());
        return 1;
      }
    }
    loaded_ids.push_back(
        mesh.Publish("copenhagen", "c40", "under load " + std::to_string(loaded_ids.size())));
    next += 100ms;
    std::this_thread::sleep_until(next);
  }
  if (!complete) {
    std::printf("  the body did not arrive in 1800 s\n%s\n", mesh.LogTail("c40").c_str());
    return 1;
  }
  std::size_t loaded_missing = 0;
  const std::vector<int64_t> loaded = Delays(mesh, "c40", loaded_ids, loaded_missing);

  const json c40_status = mesh.Status("c40")["datasets"];
  const json cph_status = mesh.Status("copenhagen")["datasets"];
  const double transfer_mib_s = static_cast<double>(body_bytes) / kMiB / transfer_s;
  std::printf("  transfer copenhagen -> c40 (dataset.fetch -> complete, polled every ~100 ms):\n");
  std::printf("    %8.1f MiB/s  %7.1f chunks/s  (%.1f MiB, %llu chunks in %.2f s)\n",
              transfer_mib_s, static_cast<double>(chunks) / transfer_s,
              static_cast<double>(body_bytes) / kMiB, static_cast<unsigned long long>(chunks),
              transfer_s);
  std::printf("    = %.1f %% of raw CURVE, %.1f %% of raw BLAKE2b, %.1f %% of the serving limit\n",
              100 * transfer_mib_s / curve, 100 * transfer_mib_s / hash,
              100 * transfer_mib_s / serve_limit);
  // The steady rate, without the burst the bucket allows at the start.
  double steady = 0;
  if (progress.size() >= 4) {
    const auto& a = progress[progress.size() / 4];
    const auto& b = progress[progress.size() * 3 / 4];
    if (b.first > a.first) {
      steady = static_cast<double>(b.second - a.second) / (b.first - a.first) *
               (static_cast<double>(body_bytes) / static_cast<double>(chunks)) / kMiB;
    }
  }
  std::printf("    steady rate (middle half of the samples) %.1f MiB/s\n", steady);
  // What the token bucket allows for this body: the burst at once, the rest at the rate.
  const double body_mib = static_cast<double>(body_bytes) / kMiB;
  const double burst_mib = serving.serve_burst_bytes / kMiB;
  const double bucket_s = std::max(0.0, body_mib - burst_mib) / serve_limit;
  const double bucket_cap = bucket_s > 0 ? body_mib / bucket_s : 0;
  if (bucket_s == 0) {
    std::printf(
        "    the whole body fits in the serving burst (%.1f MiB): the limit did not apply\n",
        burst_mib);
  } else if (transfer_mib_s >= 0.85 * bucket_cap || steady >= 0.85 * serve_limit) {
    std::printf(
        "    BOUNDED by the daemon's serving rate limit: %.1f MiB/s per peer after a %.1f MiB "
        "burst (BodyTransferOptions serve_bytes_per_s), at most %.1f MiB/s for this body\n",
        serve_limit, burst_mib, bucket_cap);
  } else {
    std::printf(
        "    below the serving rate limit (%.1f MiB/s per peer after a %.1f MiB burst, at most "
        "%.1f MiB/s for this body): something else bounds it\n",
        serve_limit, burst_mib, bucket_cap);
  }
  std::printf(
      "    c40: chunks_fetched %llu, chunks_refused %s; copenhagen: chunks_served %llu, "
      "serve_refused %s\n",
      static_cast<unsigned long long>(c40_status["chunks_fetched"].get<uint64_t>()),
      c40_status["chunks_refused"].dump().c_str(),
      static_cast<unsigned long long>(cph_status["chunks_served"].get<uint64_t>()),
      cph_status["serve_refused"].dump().c_str());

  std::printf("  case latency, copenhagen -> c40, created -> stored at c40, one every ~100 ms:\n");
  PrintDelays("no transfer (baseline)", quiet, quiet_missing);
  PrintDelays("while c40 fetches the body", loaded, loaded_missing);
  std::printf("  case latency, c40 -> copenhagen, created -> stored at copenhagen:\n");
  PrintDelays("no job (baseline)", reverse, reverse_missing);
  PrintDelays("during copenhagen's job", during_publish, publish_missing);
  std::printf("    slowest answer of copenhagen's control socket during the job: %.0f ms\n",
              slowest_answer_s * 1000);

  for (const std::string node : {"copenhagen", "c40"}) {
    const pid_t pid = DaemonPid(mesh.ConfigPath(node));
    const double peak = pid > 0 ? PeakRssMiB(pid) : -1;
    if (peak >= 0) {
      std::printf("  peak RSS %-10s %7.1f MiB (VmHWM)\n", node.c_str(), peak);
    } else {
      std::printf("  peak RSS %-10s not readable\n", node.c_str());
    }
  }
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
  return 0;
}
