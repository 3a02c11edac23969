// What the mesh benchmarks (replication_bench, dataset_bench) share: the same-run limit they
// print beside their figures (messages per second through one CURVE PUSH/PULL connection over
// loopback, ZAP allowlist as the daemon's sockets, libzmq and nothing of citynet in the way),
// and how they measure and summarise a record's arrival delay at a node.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/node/daemon_harness.h"

namespace citynet::testing {

// `messages` messages of `message_bytes` each, sent by one thread and received by another,
// with `hwm` messages queued at most each way; the rate once connected and authenticated.
double RawCurveMessagesPerSecond(int messages, std::size_t message_bytes, int hwm);

// Waits up to 30 s for record `id` at `node`; its delay from creation to arrival there, in ms,
// or nullopt when it did not arrive.
std::optional<int64_t> ArrivalDelayMs(DaemonMesh& mesh, const std::string& node,
                                      const std::string& id);

// The p-quantile (0..1) of `v`, 0 when empty.
double Percentile(std::vector<int64_t> v, double p);

// The citynetd child of this process whose command line names `config`, or -1.
pid_t DaemonPid(const std::string& config);

// VmHWM of a process in MiB, or a negative number when it cannot be read.
double PeakRssMiB(pid_t pid);

// Hypercore doing replication_bench's catch-up (tests/bench/hypercore_peer/bench.js, run with
// node now, on this machine), so that citynet is compared with a peer measured in the same run.
struct HypercoreRun {
  bool ok = false;
  std::string error;  // why it did not run, and what to do
  std::string node_version;
  double seconds = 0;
  double rss_mib = 0;
};
HypercoreRun RunHypercorePeer(std::size_t records);

}  // namespace citynet::testing
