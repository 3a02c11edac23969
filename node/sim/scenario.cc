#include "node/sim/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "node/privacy/gate.h"

namespace citynet::sim {

namespace {

using protocol::CaseStudy;
using protocol::Dataset;

// A valid case study, different for each `n`.
CaseStudy MakeCase(std::size_t n, const std::string& author, const std::string& network) {
  CaseStudy c;
  c.language = "en";
  c.slug = fmt::format("sim-case-{}", n);
  c.title = fmt::format("Simulated case {} of {}", n, author);
  c.summary = "A case study the simulator published to watch it replicate.";
  c.body = fmt::format("Case {} was published by {} in the network {}.", n, author, network);
  c.city = author;
  c.country = "DK";
  c.networks = {network};
  c.sdgs = {11};
  c.themes = {"smart-city"};
  c.licence = "CC-BY-4.0";
  return c;
}

struct Body {
  Dataset dataset;
  std::vector<std::string> chunks;
};

// A survey of 300 rows through the real gate, in chunks of about 1 KiB.
Result<Body> MakeDataset(std::size_t n, const privacy::Gate& gate) {
  std::string csv = "age,gender,district,commute_minutes\n";
  const char* districts[] = {"Amager", "Valby", "Nordvest", "Vesterbro"};
  for (std::size_t i = 0; i < 300; ++i) {
    csv += fmt::format("{},{},{},{}\n", 20 + (i * 7 + n) % 50, i % 2 == 0 ? "f" : "m",
                       districts[(i / 2) % 4], 5 + (i * 13 + n) % 55);
  }
  privacy::GateOptions options;
  options.chunk_bytes = 1024;
  CITYNET_ASSIGN_OR_RETURN(privacy::GateOutput out, gate.Publish(csv, options));
  Body b;
  Dataset& d = b.dataset;
  d.language = "en";
  d.title = fmt::format("Simulated commuting survey {}", n);
  d.description = "How long residents take to get to work, by district.";
  d.publisher = "The simulator";
  d.themes = {"mobility"};
  d.temporal_coverage = protocol::Period{"2025-01", "2025-06"};
  d.spatial_coverage = "Copenhagen";
  d.country = "DK";
  d.licence = "CC-BY-4.0";
  d.columns = out.columns;
  d.privacy = out.report;
  d.body = out.body;
  b.chunks = std::move(out.chunks);
  return b;
}

std::string Describe(const RecordFigure& f) {
  return fmt::format("{} {} (by {} in {}, published at {:.1f} s)", f.kind, f.id.ShortHex(),
                     f.author, f.network, static_cast<double>(f.published_ms) / 1000);
}

// The run's random choices, apart from the wire's: a stream of its own so that a change in
// the faults does not move every publish.
class Dice {
 public:
  explicit Dice(uint64_t seed) : rng_(seed ^ 0x7363656e6172696full) {}
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  int64_t Time(int64_t below) { return static_cast<int64_t>(Below(std::max<int64_t>(1, below))); }
  bool Coin() { return (rng_() >> 63) != 0; }

 private:
  std::mt19937_64 rng_;
};

// The state of one scenario run, shared by the events it schedules.
struct Run {
  Run(Simulation& s, const Topology& t, uint64_t seed) : sim(s), topology(t), dice(seed) {}
  Simulation& sim;
  const Topology& topology;
  Dice dice;
  int64_t start_ms = 0;
  std::vector<RecordFigure> records;
  std::vector<std::set<std::string>> holders;  // by record
  std::map<std::string, std::size_t> members;  // by network
  std::vector<std::string> violations;
  std::size_t next_case = 1;

  // A running node, starting from a random one; "" when none runs.
  std::string RandomRunningNode() {
    const auto& names = sim.names();
    const std::size_t first = dice.Below(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& name = names[(first + i) % names.size()];
      if (sim.Running(name)) return name;
    }
    return "";
  }

  std::string RandomNetworkOf(const std::string& name) {
    const auto& nets = sim.networks(name);
    auto it = nets.begin();
    std::advance(it, static_cast<long>(dice.Below(nets.size())));
    return *it;
  }

  void Published(Result<RecordId> id, const std::string& author, const std::string& network,
                 std::string kind, std::optional<RecordId> target = std::nullopt) {
    if (!id.ok()) {
      violations.push_back(fmt::format("{} could not publish a {} in {}: {}", author, kind,
                                       network, id.status().ToString()));
      return;
    }
    RecordFigure f;
    f.id = *id;
    f.author = author;
    f.network = network;
    f.kind = std::move(kind);
    f.published_ms = sim.now_ms() - start_ms;
    f.members = members[network];
    f.retracts = target;
    records.push_back(std::move(f));
    holders.push_back({author});
    if (records.back().members <= 1) records.back().converged_ms = records.back().published_ms;
  }

  // After `node` stored new records: which of the watched ones does it hold now?
  void Accepted(const std::string& node) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      RecordFigure& f = records[i];
      if (f.converged_ms >= 0 || holders[i].count(node) != 0) continue;
      if (sim.networks(node).count(f.network) == 0) continue;
      if (!sim.store(node).Get(f.id).ok()) continue;
      holders[i].insert(node);
      if (holders[i].size() == f.members) f.converged_ms = sim.now_ms() - start_ms;
    }
  }

  // Every record and batch that reaches a node must be of one of its networks.
  void Watch(const Delivery& d) {
    const auto& mine = sim.networks(d.to);
    auto check = [&](const protocol::SignedRecord& r) {
      auto header = protocol::DecodeHeader(r.header);
      if (header.ok() && mine.count(header->network) == 0) {
        violations.push_back(fmt::format("{} sent {} a record of {}, a network {} is not in",
                                         d.from, d.to, header->network, d.to));
      }
    };
    if (const auto* r = std::get_if<protocol::SignedRecord>(&d.message.body)) check(*r);
    if (const auto* b = std::get_if<protocol::SyncBatch>(&d.message.body)) {
      for (const auto& r : b->records) check(r);
    }
  }
};

}  // namespace

const privacy::Gate& SharedGate() {
  static const privacy::Gate* gate = new privacy::Gate();  // never destroyed: workers may use it
  return *gate;
}

std::vector<std::string> CheckEndState(Simulation& sim, const std::vector<RecordFigure>& published) {
  std::vector<std::string> out;
  for (const std::string& name : sim.names()) {
    store::Store& store = sim.store(name);
    const auto& mine = sim.networks(name);
    for (const RecordFigure& f : published) {
      const bool entitled = mine.count(f.network) != 0;
      auto held = store.Get(f.id);
      if (entitled && !held.ok()) {
        out.push_back(fmt::format("{} lacks {}", name, Describe(f)));
      } else if (!entitled && held.ok()) {
        out.push_back(fmt::format("{} holds {}, of a network it is not in", name, Describe(f)));
      }
      if (!entitled || !held.ok()) continue;
      if (f.retracts) {
        auto target = store.Get(*f.retracts);
        if (target.ok() && !target->retracted) {
          out.push_back(fmt::format("{} still holds the payload {} retracted", name, Describe(f)));
        }
      }
      if (f.kind == "dataset" && !held->retracted) {
        auto body = store.GetBody(f.id);
        if (!body.ok() || body->state != store::BodyState::kComplete) {
          out.push_back(fmt::format("{} lacks the body of {} ({})", name, Describe(f),
                                    body.ok() ? store::BodyStateName(body->state)
                                              : body.status().ToString()));
        }
      }
    }
    auto heads = store.Heads({});
    if (!heads.ok()) {
      out.push_back(fmt::format("{}: reading its heads failed: {}", name, heads.status().ToString()));
    } else {
      for (const store::FeedHead& h : *heads) {
        if (mine.count(h.network) == 0) {
          out.push_back(fmt::format("{} holds a feed of {}, a network it is not in", name, h.network));
        }
      }
    }
    auto forks = store.Forks();
    if (forks.ok() && !forks->empty()) {
      out.push_back(fmt::format("{} holds {} fork evidence", name, forks->size()));
    }
    if (Status integrity = store.CheckIntegrity(); !integrity.ok()) {
      out.push_back(fmt::format("{}: its store is inconsistent: {}", name, integrity.ToString()));
    }
  }
  return out;
}

namespace {

void ScheduleRecords(Run& run, const Scenario& scenario, const privacy::Gate* gate) {
  Simulation& sim = run.sim;
  for (std::size_t i = 0; i < scenario.records; ++i) {
    sim.At(run.dice.Time(scenario.duration_ms), [&run] {
      const std::string author = run.RandomRunningNode();
      if (author.empty()) return;
      const std::string network = run.RandomNetworkOf(author);
      const std::size_t n = run.next_case++;
      run.Published(run.sim.Publish(author, network, MakeCase(n, author, network)), author,
                    network, "case");
    });
  }
  for (std::size_t i = 0; i < scenario.datasets; ++i) {
    sim.At(run.dice.Time(scenario.duration_ms), [&run, gate, i] {
      const std::string author = run.RandomRunningNode();
      if (author.empty()) return;
      const std::string network = run.RandomNetworkOf(author);
      auto body = MakeDataset(i + 1, *gate);
      if (!body.ok()) {
        run.violations.push_back("the gate refused the simulated survey: " +
                                 body.status().ToString());
        return;
      }
      run.Published(run.sim.PublishDataset(author, network, body->dataset, body->chunks),
                    author, network, "dataset");
    });
  }
  for (std::size_t i = 0; i < scenario.retractions; ++i) {
    sim.At(run.dice.Time(scenario.duration_ms), [&run] {
      std::vector<std::size_t> candidates;  // published, running author, not yet retracted
      std::set<RecordId> retracted;
      for (const RecordFigure& f : run.records) {
        if (f.retracts) retracted.insert(*f.retracts);
      }
      for (std::size_t r = 0; r < run.records.size(); ++r) {
        const RecordFigure& f = run.records[r];
        if (f.kind != "retraction" && run.sim.Running(f.author) && retracted.count(f.id) == 0) {
          candidates.push_back(r);
        }
      }
      if (candidates.empty()) return;
      const RecordFigure target = run.records[candidates[run.dice.Below(candidates.size())]];
      run.Published(run.sim.Publish(target.author, target.network,
                                    protocol::Retraction{"erasure request (simulated)"},
                                    protocol::RetractionRefs{{target.id}}),
                    target.author, target.network, "retraction", target.id);
    });
  }
}

void ScheduleFaults(Run& run, const Scenario& scenario) {
  Simulation& sim = run.sim;
  for (std::size_t i = 0; i < scenario.partitions; ++i) {
    const int64_t at = run.dice.Time(std::max<int64_t>(1, scenario.duration_ms - scenario.partition_ms));
    std::set<std::string> side;
    for (const std::string& name : sim.names()) {
      if (run.dice.Coin()) side.insert(name);
    }
    sim.At(at, [&run, side, length = scenario.partition_ms] {
      std::vector<std::pair<std::string, std::string>> cut;
      for (const auto& [a, b] : run.topology.links) {
        if ((side.count(a) != 0) != (side.count(b) != 0)) cut.emplace_back(a, b);
      }
      for (const auto& [a, b] : cut) run.sim.Cut(a, b);
      run.sim.At(length, [&run, cut] {
        for (const auto& [a, b] : cut) run.sim.Heal(a, b);
      });
    });
  }
  for (std::size_t i = 0; i < scenario.crashes; ++i) {
    const std::string victim = sim.names()[run.dice.Below(sim.names().size())];
    sim.At(run.dice.Time(scenario.duration_ms), [&run, victim, length = scenario.crash_ms] {
      if (!run.sim.Running(victim)) return;
      run.sim.Crash(victim);
      run.sim.At(length, [&run, victim] {
        if (Status s = run.sim.Restart(victim); !s.ok()) {
          run.violations.push_back(fmt::format("{} did not restart: {}", victim, s.ToString()));
        }
      });
    });
  }
}

}  // namespace

Result<Report> RunScenario(const Topology& topology, const Scenario& scenario,
                           SimOptions options) {
  if ((scenario.datasets > 0) && options.gate == nullptr) {
    return InvalidArgument("a scenario with datasets needs a privacy gate");
  }
  const privacy::Gate* gate = options.gate;
  const uint64_t seed = options.seed;
  CITYNET_ASSIGN_OR_RETURN(std::unique_ptr<Simulation> sim,
                           Simulation::Create(topology, std::move(options)));
  Run run(*sim, sim->topology(), seed);
  run.start_ms = sim->now_ms();
  for (const NodeSpec& n : topology.nodes) {
    for (const std::string& net : n.networks) ++run.members[net];
  }
  sim->OnAccepted([&run](const std::string& node) { run.Accepted(node); });
  sim->Observe([&run](const Delivery& d) { run.Watch(d); });
  ScheduleRecords(run, scenario, gate);
  ScheduleFaults(run, scenario);
  sim->RunFor(scenario.duration_ms + std::max(scenario.partition_ms, scenario.crash_ms) +
              scenario.settle_ms);

  Report report;
  report.seed = seed;
  report.nodes = topology.nodes.size();
  report.links = topology.links.size();
  report.violations = std::move(run.violations);
  for (std::string& v : CheckEndState(*sim, run.records)) report.violations.push_back(std::move(v));
  report.records = std::move(run.records);
  for (const std::string& name : sim->names()) report.traffic.push_back(sim->traffic(name));
  report.messages_lost = sim->messages_lost();
  report.events = sim->events_run();
  report.virtual_ms = sim->now_ms() - run.start_ms;
  report.trace_hash = sim->trace_hash();
  return report;
}

namespace {

std::string Seconds(int64_t ms) { return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000); }

std::string Mib(double bytes) { return fmt::format("{:.2f} MiB", bytes / (1024.0 * 1024.0)); }

}  // namespace

std::string FormatReport(const Report& r) {
  std::map<std::string, std::size_t> kinds;
  std::vector<int64_t> times;
  for (const RecordFigure& f : r.records) {
    ++kinds[f.kind];
    if (f.converged_ms >= 0) times.push_back(f.converged_ms - f.published_ms);
  }
  std::sort(times.begin(), times.end());
  auto at = [&](double q) {
    return times.empty() ? std::string("-")
                         : Seconds(times[std::min(times.size() - 1,
                                                  static_cast<std::size_t>(q * static_cast<double>(times.size())))]);
  };
  std::string kinds_text;
  for (const auto& [kind, count] : kinds) {
    kinds_text += fmt::format("{}{} {}", kinds_text.empty() ? "" : ", ", count, kind);
  }
  uint64_t messages = 0, bytes = 0, max_messages = 0, max_bytes = 0;
  for (const Traffic& t : r.traffic) {
    messages += t.messages_sent;
    bytes += t.bytes_sent;
    max_messages = std::max(max_messages, t.messages_sent);
    max_bytes = std::max(max_bytes, t.bytes_sent);
  }
  const double nodes = static_cast<double>(std::max<std::size_t>(1, r.nodes));
  std::string out = fmt::format("seed {}: {} nodes, {} links, {} records ({})\n", r.seed, r.nodes,
                                r.links, r.records.size(), kinds_text.empty() ? "none" : kinds_text);
  out += fmt::format(
      "convergence (until every member holds a record): p50 {}, p95 {}, max {}; {} of {} "
      "records reached every member\n",
      at(0.5), at(0.95), times.empty() ? "-" : Seconds(times.back()), times.size(),
      r.records.size());
  out += fmt::format(
      "sent per node: {:.0f} messages (max {}), {} (max {}); {:.1f} messages per node per "
      "record\n",
      static_cast<double>(messages) / nodes, max_messages, Mib(static_cast<double>(bytes) / nodes),
      Mib(static_cast<double>(max_bytes)),
      r.records.empty() ? 0.0 : static_cast<double>(messages) / nodes / static_cast<double>(r.records.size()));
  out += fmt::format("wire: {} messages lost (loss, and connections that closed under them); "
                     "{} events in {} of virtual time\n",
                     r.messages_lost, r.events, Seconds(r.virtual_ms));
  if (r.violations.empty()) {
    out += "checker: ok (every node holds exactly what its networks entitle it to, no fork, "
           "nothing outside its network)\n";
  } else {
    out += fmt::format("checker: {} violations\n", r.violations.size());
    for (std::size_t i = 0; i < r.violations.size() && i < 20; ++i) {
      out += "  " + r.violations[i] + "\n";
    }
  }
  out += fmt::format("trace {:016x}\n", r.trace_hash);
  return out;
}

}  // namespace citynet::sim
