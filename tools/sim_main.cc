// citynet-sim: runs the deterministic simulator (node/sim) on a topology and a scenario and
// prints, per seed, how long records took to reach every member of their network, what that
// cost per node in messages and bytes, and the checker's verdict. Exit status 1 when the checker
// found a violation in any seed (each is reproducible from its printed seed), 2 on a usage error.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "node/config/schema.h"
#include "node/sim/scenario.h"

namespace {

using citynet::sim::Scenario;
using citynet::sim::SimOptions;
using citynet::sim::Topology;

struct Flags {
  std::string topology = "five-city";
  std::size_t nodes = 1000;
  std::size_t degree = 8;
  uint64_t seed = 1;
  uint64_t seeds = 1;
  double duration_s = 300;
  double settle_s = 600;
  double partition_s = 60;
  double crash_s = 30;
  int max_peers = citynet::node::LimitsConfig{}.max_peers;
  Scenario scenario;
  citynet::sim::LinkFaults faults;
};

void AddFlags(CLI::App& app, Flags& f) {
  app.add_option("--topology", f.topology,
                 "five-city (the five cities of the architecture), one-network (--nodes members "
                 "of one network, about --degree links each), or a JSON file "
                 "{\"nodes\": [{\"name\", \"networks\"}], \"links\": [[a, b]]}")
      ->capture_default_str();
  app.add_option("--nodes", f.nodes, "members of the one network")->capture_default_str()
      ->check(CLI::Range(2, 100000));
  app.add_option("--degree", f.degree, "links per node in one-network")->capture_default_str()
      ->check(CLI::Range(2, 4096));
  app.add_option("--seed", f.seed, "the first seed")->capture_default_str();
  app.add_option("--seeds", f.seeds, "how many seeds to run, from --seed on")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app.add_option("--records", f.scenario.records, "case studies published")->capture_default_str();
  app.add_option("--datasets", f.scenario.datasets,
                 "datasets published, each a survey through the privacy gate whose body every "
                 "member fetches and re-checks")->capture_default_str();
  app.add_option("--retractions", f.scenario.retractions, "records retracted by their authors")
      ->capture_default_str();
  app.add_option("--partitions", f.scenario.partitions, "partitions into two random sides")
      ->capture_default_str();
  app.add_option("--partition-s", f.partition_s, "how long each partition lasts")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--crashes", f.scenario.crashes, "node crashes (the store survives)")
      ->capture_default_str();
  app.add_option("--crash-s", f.crash_s, "how long a crashed node stays down")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--duration-s", f.duration_s, "the window in which records and faults happen")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--settle-s", f.settle_s, "time to converge after every fault healed")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--latency-ms", f.faults.latency_ms, "one-way latency of every link")
      ->capture_default_str()->check(CLI::Range(0, 60000));
  app.add_option("--jitter-ms", f.faults.jitter_ms, "added latency, uniform, which reorders")
      ->capture_default_str()->check(CLI::Range(0, 60000));
  app.add_option("--max-peers", f.max_peers,
                 "[limits] max_peers of every node: partners served at once, the rest through "
                 "relay")
      ->capture_default_str()->check(CLI::Range(citynet::node::kMinPeers, citynet::node::kMaxPeers));
  app.add_option("--loss", f.faults.loss, "share of messages lost")->capture_default_str()
      ->check(CLI::Range(0.0, 0.9));
  app.add_option("--duplicate", f.faults.duplicate, "share of messages delivered twice")
      ->capture_default_str()->check(CLI::Range(0.0, 0.9));
}

int64_t Ms(double seconds) { return static_cast<int64_t>(seconds * 1000); }

double PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"citynet-sim: whole citynet nodes over a simulated network, in virtual time"};
  Flags f;
  AddFlags(app, f);
  CLI11_PARSE(app, argc, argv);

  Topology topology;
  if (f.topology == "five-city") {
    topology = Topology::FiveCity();
  } else if (f.topology == "one-network") {
    topology = Topology::OneNetwork(f.nodes, f.degree, f.seed);
  } else {
    std::ifstream in(f.topology);
    if (!in) {
      std::cerr << "citynet-sim: cannot read the topology file " << f.topology
                << " (or use five-city or one-network)\n";
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = Topology::FromJson(text.str());
    if (!parsed.ok()) {
      std::cerr << "citynet-sim: " << f.topology << ": " << parsed.status().message() << "\n";
      return 2;
    }
    topology = std::move(*parsed);
  }
  Scenario scenario = f.scenario;
  scenario.duration_ms = Ms(f.duration_s);
  scenario.settle_ms = Ms(f.settle_s);
  scenario.partition_ms = Ms(f.partition_s);
  scenario.crash_ms = Ms(f.crash_s);

  uint64_t failed = 0;
  for (uint64_t seed = f.seed; seed < f.seed + f.seeds; ++seed) {
    SimOptions options;
    options.seed = seed;
    options.faults = f.faults;
    options.configure = [max_peers = f.max_peers](citynet::node::NodeConfig& config) {
      config.limits.max_peers = max_peers;
    };
    if (scenario.datasets > 0) options.gate = &citynet::sim::SharedGate();
    const auto started = std::chrono::steady_clock::now();
    auto report = citynet::sim::RunScenario(topology, scenario, options);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!report.ok()) {
      std::cerr << "citynet-sim: " << report.status().ToString() << "\n";
      return 2;
    }
    if (!report->violations.empty()) ++failed;
    std::cout << citynet::sim::FormatReport(*report)
              << "host: " << wall_s << " s of wall time, peak resident memory " << PeakRssMib()
              << " MiB\n";
    if (f.seeds > 1) std::cout << "\n";
  }
  if (f.seeds > 1) {
    std::cout << f.seeds - failed << " of " << f.seeds << " seeds passed the checker\n";
  }
  return failed == 0 ? 0 : 1;
}
