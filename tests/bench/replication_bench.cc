// Replication benchmark: real citynetd processes on 127.0.0.1. Prints, from one run:
//  - the limits: raw Ed25519 verify rate (one core, every core) and raw CURVE ZeroMQ
//    throughput (PUSH/PULL, 1 KiB messages, one connection over loopback);
//  - catch-up: node A holds N 1 KiB case records (signed by A, stored before it starts); node B
//    starts empty and dials A; records/s and MB/s until B's heads equal A's;
//  - live propagation over the 5-node city mesh: a case published at copenhagen (and at c40,
//    two hops from beijing) until it is stored at each member: p50/p99 in ms, from the
//    record's creation time to its arrival time at each receiver (same clock, 1 ms resolution).
//
// Usage: replication_bench [--records N] [--live N]   (defaults 100000 and 300)
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "node/net/internal/curve_socket.h"
#include "node/net/transport.h"
#include "protocol/keyfile.h"
#include "protocol/record.h"
#include "store/store.h"
#include "tests/bench/bench_util.h"
#include "tests/node/daemon_harness.h"
#include "tests/protocol/test_util.h"

using namespace citynet;
using namespace citynet::testing;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Ed25519 verifications per second of 1 KiB messages on `threads` threads.
double RawVerifyRate(unsigned threads) {
  std::vector<uint8_t> msg(1024, 7);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, msg.data(), msg.size(), sk);
  std::atomic<uint64_t> total{0};
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      uint64_t n = 0;
      while (Clock::now() - start < 1500ms) {
        for (int i = 0; i < 64; ++i) {
          n += crypto_sign_verify_detached(sig, msg.data(), msg.size(), pk) == 0;
        }
      }
      total += n;
    });
  }
  for (auto& t : pool) t.join();
  return static_cast<double>(total) / Seconds(start, Clock::now());
}

// 1 KiB messages per second through one CURVE PUSH/PULL connection over loopback.
double RawCurveRate(int messages) { return RawCurveMessagesPerSecond(messages, 1024, 10000); }

}  // namespace

int main(int argc, char** argv) {
  std::size_t records = 100000;
  int live = 300;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--records") {
      records = std::stoul(argv[i + 1]);
    } else if (a == "--live") {
      live = std::stoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: replication_bench [--records N] [--live N]\n");
      return 2;
    }
  }
  if (sodium_init() < 0) return 1;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("replication_bench: %u cores\n", cores);
  const double verify1 = RawVerifyRate(1);
  const double verifyN = RawVerifyRate(cores);
  std::printf("  limit: raw Ed25519 verify (1 KiB)       %9.0f /s on 1 core, %9.0f /s on %u\n",
              verify1, verifyN, cores);
  const double curve = RawCurveRate(200000);
  std::printf("  limit: raw CURVE PUSH/PULL (1 KiB)      %9.0f msg/s  %7.1f MB/s\n", curve,
              curve * 1024 / 1e6);
  std::fflush(stdout);

  // ---- catch-up between two daemons ----
  {
    DaemonMeshOptions options;
    options.direct_links = true;
    options.log_level = "notice";
    options.catch_up_interval_s = 5;
    DaemonMesh mesh({{"a", {"c40"}}, {"b", {"c40"}}}, {{"b", "a"}}, options);
    auto key = std::move(protocol::LoadSigningKeyFile(mesh.KeyDir("a") + "/signing.key")).value();
    std::size_t wire_bytes = 0;
    const auto seed_start = Clock::now();
    {
      store::StoreOptions so;
      so.path = mesh.Dir("a") + "/data/store";
      so.search = false;
      auto st = std::move(store::OpenStore(so)).value();
      std::optional<RecordId> prev;
      protocol::CaseStudy c = SampleCase();
      const std::string body = c.body;
      for (std::size_t i = 0; i < records; ++i) {
        protocol::RecordDraft d;
        d.network = "c40";
        d.seq = i + 1;
        d.prev = prev;
        d.created_at_ms = kTestTimeMs + static_cast<int64_t>(i);
        c.title = "Case " + std::to_string(i);
        c.body = body.substr(0, std::min<std::size_t>(body.size(), 600));
        auto rec = std::move(protocol::SignRecord(key, d, protocol::Payload{c})).value();
        auto v = std::move(protocol::VerifyRecord(rec)).value();
        wire_bytes += rec.header.size() + rec.payload->size() + rec.signature.kSize;
        prev = v.id;
        (void)st->Ingest(v, {});
      }
    }
    std::printf("  seeded a with %zu records (%.0f bytes each on the wire) in %.1f s\n", records,
                static_cast<double>(wire_bytes) / static_cast<double>(records),
                Seconds(seed_start, Clock::now()));
    mesh.Start("a");
    // a indexes the seeded records for search first (the seed bypassed the daemon).
    WaitFor([&] { return mesh.Status("a")["records"]["search_current"].get<bool>(); }, 900s);
    const auto want = mesh.Heads("a", "c40");
    const auto launch = Clock::now();
    mesh.Start("b");  // returns once b serves its control socket
    const auto start = Clock::now();
    const bool done = WaitFor([&] { return mesh.Heads("b", "c40") == want; }, 900s);
    const double s = Seconds(start, Clock::now());
    if (!done) {
      std::printf("  catch-up did not finish in 900 s\n%s\n", mesh.LogTail("b").c_str());
      return 1;
    }
    const double rate = static_cast<double>(records) / s;
    std::printf(
        "  citynet catch-up a -> b                 %9.0f rec/s  %7.1f MB/s  (%zu records "
        "in %.2f s once b serves, after a %.2f s process start; both daemons on this box)\n",
        rate, static_cast<double>(wire_bytes) / s / 1e6, records, s, Seconds(launch, start));
    std::printf("    = %.0f %% of raw 1-core verify, %.0f %% of raw %u-core verify\n",
                100 * rate / verify1, 100 * rate / verifyN, cores);
    std::printf("    peak RSS: a %.0f MiB, b %.0f MiB (VmHWM)\n",
                PeakRssMiB(DaemonPid(mesh.ConfigPath("a"))),
                PeakRssMiB(DaemonPid(mesh.ConfigPath("b"))));
    mesh.Stop("a");
    mesh.Stop("b");
    // The peer: Hypercore doing the same catch-up on this machine, now.
    const HypercoreRun peer = RunHypercorePeer(records);
    if (peer.ok) {
      const double peer_rate = static_cast<double>(records) / peer.seconds;
      std::printf(
          "  hypercore catch-up (same run, node %s)  %9.0f rec/s  (%zu blocks of 1 KiB in %.2f s, "
          "peak RSS %.0f MiB, both cores in one process)\n    citynet = %.2f x hypercore\n",
          peer.node_version.c_str(), peer_rate, records, peer.seconds, peer.rss_mib,
          rate / peer_rate);
    } else {
      std::printf("  hypercore peer not run: %s\n", peer.error.c_str());
    }
  }
  std::fflush(stdout);

  // ---- live propagation over the 5-node mesh ----
  {
    DaemonMeshOptions options;
    options.direct_links = true;
    options.log_level = "notice";
    options.catch_up_interval_s = 30;  // live push only, in practice
    DaemonMesh mesh({{"copenhagen", {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"}},
                     {"c40", {"c40"}},
                     {"eurocities", {"eurocities"}},
                     {"beijing", {"c40", "ssc-beijing"}},
                     {"buenos-aires", {"c40", "ssc-buenos-aires"}}},
                    {{"copenhagen", "c40"},
                     {"copenhagen", "eurocities"},
                     {"copenhagen", "beijing"},
                     {"copenhagen", "buenos-aires"},
                     {"buenos-aires", "c40"}},
                    options);
    mesh.StartAll();
    std::this_thread::sleep_for(1s);
    std::vector<std::pair<std::string, std::string>> published;  // (author node, id)
    for (int i = 0; i < live; ++i) {
      const std::string author = i % 4 == 3 ? "c40" : "copenhagen";
      published.emplace_back(author, mesh.Publish(author, "c40", "live " + std::to_string(i)));
      std::this_thread::sleep_for(10ms);
    }
    std::vector<int64_t> one_hop, two_hops;
    for (const auto& [author, id] : published) {
      for (const std::string node : {"copenhagen", "c40", "beijing", "buenos-aires"}) {
        if (node == author) continue;
        const auto ms = ArrivalDelayMs(mesh, node, id);
        if (!ms) continue;
        const bool relayed = author == "c40" && node == "beijing";
        (relayed ? two_hops : one_hop).push_back(*ms);
      }
    }
    std::vector<int64_t> all = one_hop;
    all.insert(all.end(), two_hops.begin(), two_hops.end());
    std::printf("  live propagation, %d cases (c40 network), created -> stored at receiver:\n",
                live);
    std::printf(
        "    all arrivals  (%5zu)  p50 %5.0f ms  p99 %5.0f ms  max %5.0f ms  (goal p99 < 20)\n",
        all.size(), Percentile(all, 0.5), Percentile(all, 0.99), Percentile(all, 1.0));
    std::printf("    one hop       (%5zu)  p50 %5.0f ms  p99 %5.0f ms\n", one_hop.size(),
                Percentile(one_hop, 0.5), Percentile(one_hop, 0.99));
    std::printf("    relayed, 2 hops (%3zu)  p50 %5.0f ms  p99 %5.0f ms\n", two_hops.size(),
                Percentile(two_hops, 0.5), Percentile(two_hops, 0.99));
    for (const std::string& n : mesh.Names()) mesh.Stop(n);
  }
  return 0;
}
