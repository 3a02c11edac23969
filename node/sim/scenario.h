// Scenarios for the simulator: records published at random moments by random members while
// links fail, the network partitions and nodes crash, then every fault healed and time to
// converge; a checker that judges the end state; and the figures a run prints.
//
// Everything random comes from the seed: the same topology, scenario and seed give the same
// report, byte for byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/sim/simulation.h"

namespace citynet::sim {

struct Scenario {
  // Records and faults happen in [0, duration_ms); then every partition is healed, every
  // crashed node restarted, and the mesh has settle_ms to converge before the checker looks.
  int64_t duration_ms = 300'000;
  int64_t settle_ms = 600'000;
  std::size_t records = 20;   // case studies
  std::size_t datasets = 0;   // datasets with a body through the privacy gate (needs a gate)
  std::size_t retractions = 0;  // some of the records retracted by their authors
  std::size_t partitions = 0;  // each splits the nodes in two random sides
  int64_t partition_ms = 60'000;
  std::size_t crashes = 0;  // each takes a random node down
  int64_t crash_ms = 30'000;
};

// One published record: who, where, when, and when the last member entitled to it had it.
struct RecordFigure {
  RecordId id;
  std::string author;
  std::string network;
  std::string kind;  // "case", "dataset", "retraction"
  int64_t published_ms = 0;  // since the start
  int64_t converged_ms = -1;  // since the start; -1: some member never had it
  std::size_t members = 0;    // nodes entitled to it (its network's members)
  std::optional<RecordId> retracts;  // a retraction's target
};

struct Report {
  uint64_t seed = 0;
  std::size_t nodes = 0;
  std::size_t links = 0;
  std::vector<RecordFigure> records;
  // What the checker found wrong; empty when every node ends with exactly what its networks
  // entitle it to, no node holds fork evidence, no record reached a node outside its network,
  // every entitled node holds each dataset's body complete, and every store is consistent.
  std::vector<std::string> violations;
  std::vector<Traffic> traffic;  // per node, in topology order
  uint64_t messages_lost = 0;
  uint64_t events = 0;
  int64_t virtual_ms = 0;  // the run's length in virtual time
  uint64_t trace_hash = 0;
};

// The privacy gate every simulated node re-checks dataset bodies with: built once per process
// (it takes a second), const and thread-safe after.
const privacy::Gate& SharedGate();

// Runs `scenario` on `topology`. Errors: a topology Check refuses, datasets without a gate,
// a node that could not be built or restarted.
Result<Report> RunScenario(const Topology& topology, const Scenario& scenario,
                           SimOptions options);

// The checker alone, over a simulation at rest: `published` are the records to judge.
std::vector<std::string> CheckEndState(Simulation& sim, const std::vector<RecordFigure>& published);

// The report as the tool prints it: convergence (p50, p95, max), messages and bytes per node
// (mean, max), losses, the checker's verdict and the trace hash.
std::string FormatReport(const Report& report);

}  // namespace citynet::sim
