// The deterministic simulator (node/sim): the same seed gives the same run; random partitions,
// crashes and lossy, reordering links on the five-city mesh end, for every one of 100 seeds,
// with every node holding exactly what its networks entitle it to; and the checker does catch
// what it is there to catch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "node/sim/scenario.h"
#include "node/sim/simulation.h"
#include "tests/protocol/test_util.h"

namespace citynet::sim {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

Scenario Stormy() {
  Scenario s;
  s.duration_ms = 120'000;
  s.settle_ms = 300'000;
  s.records = 8;
  s.retractions = 1;
  s.partitions = 2;
  s.partition_ms = 40'000;
  s.crashes = 2;
  s.crash_ms = 20'000;
  return s;
}

SimOptions Lossy(uint64_t seed) {
  SimOptions o;
  o.seed = seed;
  o.faults.latency_ms = 40;
  o.faults.jitter_ms = 80;  // overtaking: messages arrive out of order
  o.faults.loss = 0.02;
  o.faults.duplicate = 0.02;
  return o;
}

RecordFigure Figure(const RecordId& id, std::string author, std::string network) {
  RecordFigure f;
  f.id = id;
  f.author = std::move(author);
  f.network = std::move(network);
  f.kind = "case";
  return f;
}

TEST(SimulatorTest, TheSameSeedGivesTheSameRunByteForByte) {
  Scenario s = Stormy();
  s.datasets = 1;
  SimOptions o = Lossy(7);
  o.gate = &SharedGate();
  auto first = RunScenario(Topology::FiveCity(), s, o);
  auto second = RunScenario(Topology::FiveCity(), s, o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(first->trace_hash, second->trace_hash);
  EXPECT_EQ(FormatReport(*first), FormatReport(*second));
  EXPECT_GT(first->events, 1000u);

  o.seed = 8;
  auto other = RunScenario(Topology::FiveCity(), s, o);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_NE(first->trace_hash, other->trace_hash);
}

// A hundred seeds, in four runs of 25 so that a parallel test run spreads them over its cores.
class HundredSeedsTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(HundredSeedsTest, PartitionsCrashesAndBadLinksEndWithEveryNodeEntitledAndNoFork) {
  const uint64_t first = GetParam();
  uint64_t partitions_seen = 0, lost = 0;
  for (uint64_t seed = first; seed < first + 25; ++seed) {
    Scenario s = Stormy();
    // Every tenth seed also replicates a dataset body, re-checked by each member's gate.
    SimOptions o = Lossy(seed);
    // Timers every second rather than every 200 ms: most of a run's events are timer ticks, and
    // every timeout the engine and the body transfer keep is several seconds long.
    o.tick_ms = 1000;
    if (seed % 10 == 0) {
      s.datasets = 1;
      o.gate = &SharedGate();
    }
    auto report = RunScenario(Topology::FiveCity(), s, o);
    ASSERT_TRUE(report.ok()) << "seed " << seed << ": " << report.status().ToString();
    EXPECT_THAT(report->violations, IsEmpty()) << "seed " << seed << "\n" << FormatReport(*report);
    for (const RecordFigure& f : report->records) {
      EXPECT_GE(f.converged_ms, f.published_ms) << "seed " << seed << ": " << f.id.ShortHex();
    }
    EXPECT_GE(report->records.size(), s.records) << "seed " << seed;
    lost += report->messages_lost;
    partitions_seen += s.partitions;
  }
  EXPECT_GT(lost, 0u);  // the faults did happen
  EXPECT_EQ(partitions_seen, 50u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, HundredSeedsTest, ::testing::Values(1, 26, 51, 76),
                         [](const ::testing::TestParamInfo<uint64_t>& p) {
                           return "From" + std::to_string(p.param);
                         });

TEST(SimulatorTest, ARecordReachesAMemberWithoutADirectLinkThroughRelay) {
  auto sim = Simulation::Create(Topology::FiveCity(), SimOptions{});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  Simulation& s = **sim;
  EXPECT_FALSE(s.Connected("beijing", "buenos-aires"));
  auto id = s.Publish("buenos-aires", "c40", testing::SampleCase());
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(s.RunUntilQuiet());
  EXPECT_TRUE(s.store("beijing").Get(*id).ok());
  EXPECT_FALSE(s.store("eurocities").Get(*id).ok());
  EXPECT_THAT(CheckEndState(s, {Figure(*id, "buenos-aires", "c40")}), IsEmpty());
}

// A simulated node serves its partners by citynetd's rules (node/engine/peer_links.h): beyond
// [limits] max_peers a partner is not served, and it is once a link frees up.
TEST(SimulatorTest, APartnerBeyondMaxPeersIsServedOnceALinkFreesUp) {
  auto topology = Topology::FromJson(R"({"nodes": [
      {"name": "hub", "networks": ["n"]}, {"name": "a", "networks": ["n"]},
      {"name": "b", "networks": ["n"]}, {"name": "c", "networks": ["n"]}],
    "links": [["hub", "a"], ["hub", "b"], ["hub", "c"]]})");
  ASSERT_TRUE(topology.ok()) << topology.status().ToString();
  SimOptions o;
  o.catch_up_interval_ms = 5'000;
  o.configure = [](node::NodeConfig& config) {
    if (config.name == "hub") config.limits.max_peers = 2;
  };
  auto sim = Simulation::Create(*std::move(topology), o);
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  Simulation& s = **sim;
  EXPECT_EQ(s.engine("hub").connected(), (std::set<std::string>{"a", "b"}));
  protocol::CaseStudy c = testing::SampleCase();
  c.networks = {"n"};
  auto id = s.Publish("c", "n", c);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  s.RunFor(20'000);
  EXPECT_FALSE(s.store("hub").Get(*id).ok()) << "the hub served a partner beyond max_peers";

  s.Disconnect("hub", "a");  // a link frees up: c's next catch-up summary is served
  s.RunFor(20'000);
  EXPECT_EQ(s.engine("hub").connected(), (std::set<std::string>{"b", "c"}));
  EXPECT_TRUE(s.store("hub").Get(*id).ok());
  EXPECT_TRUE(s.store("b").Get(*id).ok());
}

TEST(SimulatorTest, TheCheckerReportsAMemberThatLacksARecordAndANodeOutsideItsNetwork) {
  auto sim = Simulation::Create(Topology::FiveCity(), SimOptions{});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  Simulation& s = **sim;
  s.Disconnect("copenhagen", "beijing");
  s.Disconnect("c40", "beijing");
  protocol::CaseStudy bilateral = testing::SampleCase();
  bilateral.networks = {"ssc-beijing"};
  auto id = s.Publish("copenhagen", "ssc-beijing", bilateral);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(s.RunUntilQuiet());
  const RecordFigure figure = Figure(*id, "copenhagen", "ssc-beijing");
  EXPECT_THAT(CheckEndState(s, {figure}),
              ::testing::ElementsAre(HasSubstr("beijing lacks case")));

  // A record of ssc-beijing in eurocities' store, as a broken sender would leave it.
  auto record = s.store("copenhagen").Get(*id);
  ASSERT_TRUE(record.ok());
  auto stored = s.store("eurocities").IngestSigned(record->wire);
  ASSERT_TRUE(stored.ok());
  const auto found = CheckEndState(s, {figure});
  EXPECT_THAT(found, ::testing::Contains(HasSubstr("eurocities holds case")));
  EXPECT_THAT(found, ::testing::Contains(HasSubstr("eurocities holds a feed of ssc-beijing")));
}

TEST(SimulatorTest, ACrashedNodeKeepsItsStoreAndCatchesUpAfterItsRestart) {
  auto sim = Simulation::Create(Topology::FiveCity(), SimOptions{});
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  Simulation& s = **sim;
  auto before = s.Publish("copenhagen", "eurocities", testing::SampleCase());
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(s.RunUntilQuiet());
  s.Crash("eurocities");
  EXPECT_FALSE(s.Connected("copenhagen", "eurocities"));
  auto during = s.Publish("copenhagen", "eurocities", testing::SampleCase());
  ASSERT_TRUE(during.ok());
  s.RunFor(10'000);
  EXPECT_FALSE(s.store("eurocities").Get(*during).ok());
  ASSERT_TRUE(s.Restart("eurocities").ok());
  ASSERT_TRUE(s.RunUntilQuiet());
  EXPECT_TRUE(s.store("eurocities").Get(*before).ok());
  EXPECT_TRUE(s.store("eurocities").Get(*during).ok());
}

TEST(SimulatorTest, RecordsReachEveryMemberOfAFiftyNodeNetworkOfDegreeFour) {
  Scenario s;
  s.duration_ms = 30'000;
  s.settle_ms = 120'000;
  s.records = 5;
  SimOptions o;
  o.seed = 3;
  o.faults.jitter_ms = 20;
  auto report = RunScenario(Topology::OneNetwork(50, 4, 3), s, o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(report->violations, IsEmpty()) << FormatReport(*report);
  for (const RecordFigure& f : report->records) {
    EXPECT_EQ(f.members, 50u);
    // Relay floods a record along every link: it arrives within a few hops of latency, not at
    // the next catch-up round 30 s later.
    EXPECT_LT(f.converged_ms - f.published_ms, 5'000) << FormatReport(*report);
  }
}

TEST(SimulatorTest, ATopologyThatNamesAnUnknownNodeIsRefusedWithTheName) {
  auto t = Topology::FromJson(
      R"({"nodes": [{"name": "aarhus", "networks": ["dk"]}], "links": [["aarhus", "odense"]]})");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("odense, which is not a node"));
  EXPECT_FALSE(Topology::FromJson("[1, 2]").ok());
  EXPECT_FALSE(Topology::FromJson(R"({"nodes": [{"name": "Aarhus!", "networks": ["dk"]}]})").ok());
  auto ok = Topology::FromJson(
      R"({"nodes": [{"name": "aarhus", "networks": ["dk"]}, {"name": "odense", "networks": ["dk"]}],
          "links": [["aarhus", "odense"]]})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->links.size(), 1u);
}

}  // namespace
}  // namespace citynet::sim
