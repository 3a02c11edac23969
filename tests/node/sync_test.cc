// The sync engine in the deterministic simulator (node/sim): five whole nodes on real stores,
// every message encoded to bytes and decoded again, delivered after the link's latency (no
// jitter: in order per link) over the links the test sets up. Networks as in ARCHITECTURE.md:
//   c40: copenhagen, c40, beijing, buenos-aires     eurocities: copenhagen, eurocities
//   ssc-beijing: copenhagen, beijing                 ssc-buenos-aires: copenhagen, buenos-aires
// Direct links: copenhagen to everyone, c40 to beijing. Beijing and Buenos Aires have no link:
// they converge through copenhagen (relay).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "node/engine/sync_engine.h"
#include "node/sim/simulation.h"
#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;

// The five cities with no link up: the tests connect them.
std::unique_ptr<sim::Simulation> FiveCities(std::function<void(SyncOptions&)> sync = {}) {
  sim::Topology topology = sim::Topology::FiveCity();
  topology.links.clear();
  sim::SimOptions options;
  options.sync = std::move(sync);
  auto made = sim::Simulation::Create(std::move(topology), std::move(options));
  EXPECT_TRUE(made.ok()) << made.status().ToString();
  return std::move(made).value();
}

// Publishes a case titled `title` as `node` in `network`, and sends its pushes.
RecordId Publish(sim::Simulation& sim, const std::string& node, const std::string& network,
                 const std::string& title) {
  CaseStudy c = testing::SampleCase();
  c.title = title;
  c.networks = {network};
  auto published = sim.Publish(node, network, c);
  EXPECT_TRUE(published.ok()) << published.status().ToString();
  return published.ok() ? *published : RecordId{};
}

bool Holds(sim::Simulation& sim, const std::string& node, const RecordId& id) {
  return sim.store(node).Get(id).ok();
}

// Delivers until nothing is in flight; a failure when that takes more than a minute.
void Settle(sim::Simulation& sim) { EXPECT_TRUE(sim.RunUntilQuiet()) << "the mesh did not settle"; }

// Forks the running nodes' engines saw (since they last started).
uint64_t Forks(sim::Simulation& sim) {
  uint64_t forks = 0;
  for (const std::string& name : sim.names()) {
    if (sim.Running(name)) forks += sim.engine(name).counters().records_fork;
  }
  return forks;
}

class SyncTest : public ::testing::Test {
 protected:
  SyncTest() : sim_(FiveCities()) {
    sim_->Observe([this](const sim::Delivery& d) {
      log_.push_back({d.from, d.to, d.bytes.size()});
      bytes_to_[d.to].push_back(d.bytes);
    });
  }

  void LinkAll() {
    for (const char* n : {"c40", "eurocities", "beijing", "buenos-aires"})
      sim_->Connect("copenhagen", n);
    sim_->Connect("c40", "beijing");
    Settle(*sim_);
  }
  RecordId Publish(const std::string& node, const std::string& network, const std::string& title) {
    return node::Publish(*sim_, node, network, title);
  }
  bool Holds(const std::string& node, const RecordId& id) { return node::Holds(*sim_, node, id); }
  // `name` loses its store and comes back from an (empty) backup with its keys: a new store
  // and a new engine. Links it should stay without are disconnected first.
  void Restore(const std::string& name) {
    Status restored = sim_->Restore(name);
    EXPECT_TRUE(restored.ok()) << restored.ToString();
  }

  struct LogEntry {
    std::string from, to;
    std::size_t bytes;
  };
  std::unique_ptr<sim::Simulation> sim_;
  std::vector<LogEntry> log_;  // every message delivered
  std::map<std::string, std::vector<Bytes>> bytes_to_;
};

TEST_F(SyncTest, RecordReachesTheMembersOfItsNetworkAndNoOneElse) {
  LinkAll();
  RecordId c40_case = Publish("copenhagen", "c40", "for c40");
  RecordId bilateral = Publish("copenhagen", "ssc-beijing", "for beijing");
  Settle(*sim_);
  EXPECT_TRUE(Holds("c40", c40_case));
  EXPECT_TRUE(Holds("beijing", c40_case));
  EXPECT_TRUE(Holds("buenos-aires", c40_case));
  EXPECT_FALSE(Holds("eurocities", c40_case));
  EXPECT_TRUE(Holds("beijing", bilateral));
  for (const char* n : {"c40", "eurocities", "buenos-aires"}) {
    EXPECT_FALSE(Holds(n, bilateral)) << n;
  }
  // Not just not stored: never sent. No byte of either record went to eurocities.
  for (const Bytes& b : bytes_to_["eurocities"]) {
    auto env = DecodeEnvelope(b);
    ASSERT_TRUE(env.ok());
    if (auto* rec = std::get_if<SignedRecord>(&env->body)) {
      EXPECT_NE(ComputeRecordId(rec->header), c40_case);
      EXPECT_NE(ComputeRecordId(rec->header), bilateral);
    }
    if (auto* batch = std::get_if<SyncBatch>(&env->body)) {
      EXPECT_EQ(batch->network, "eurocities");
    }
  }
}

TEST_F(SyncTest, MembersWithoutADirectLinkConvergeThroughOneThatHasOne) {
  LinkAll();
  ASSERT_FALSE(sim_->Connected("beijing", "buenos-aires"));
  RecordId id = Publish("buenos-aires", "c40", "from buenos aires");
  Settle(*sim_);
  EXPECT_TRUE(Holds("beijing", id));
  EXPECT_TRUE(Holds("c40", id));
  EXPECT_FALSE(Holds("eurocities", id));
}

TEST_F(SyncTest, EqualSummariesEndTheExchangeInOneMessageUnder100BytesPerNetwork) {
  LinkAll();
  Publish("copenhagen", "c40", "a");
  Settle(*sim_);
  log_.clear();
  const uint64_t equal_before = sim_->engine("beijing").counters().summaries_equal;
  sim_->StartCatchUp("copenhagen", "beijing");
  // beijing finds both networks equal and sends nothing.
  EXPECT_EQ(sim_->RunDeliveries(SIZE_MAX), 1u);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_LT(log_[0].bytes, 2 * 100u) << "two shared networks";
  std::printf("equal-summary exchange for 2 networks: %zu bytes\n", log_[0].bytes);
  EXPECT_EQ(sim_->engine("beijing").counters().summaries_equal, equal_before + 2);
}

// A node restored from an old backup signs a record at a seq its partners already hold: its
// own feed forks. Pulling that feed back must stop when a batch brings nothing that extends the
// node's chain, not ask for the same records again without end (seen: 2,000 records/s, forever).
TEST_F(SyncTest, PullingAForkedFeedStopsInsteadOfAskingAgainForever) {
  LinkAll();
  for (int i = 0; i < 5; ++i) Publish("c40", "c40", "before the backup " + std::to_string(i));
  Settle(*sim_);
  sim_->Disconnect("copenhagen", "c40");
  sim_->Disconnect("c40", "beijing");
  Restore("c40");
  Publish("c40", "c40", "after the restore");  // seq 1 again, other bytes: a fork
  sim_->Connect("copenhagen", "c40");
  const std::size_t delivered = sim_->RunDeliveries(2000);
  EXPECT_LT(delivered, 100u) << "the exchange did not end";
  EXPECT_LT(sim_->engine("c40").counters().pulls_sent, 10u);
  EXPECT_GT(Forks(*sim_), 0u);
}

// The restore hold (SyncEngine::HoldSigning): a node restored from an empty backup while its
// partners hold five records of its feed, and a retraction it has not answered, signs nothing
// until all three partners in c40 have shown their copy and it has pulled it back; then the
// owed receipt and the next case follow on at seq 6 and 7, and no node anywhere holds a fork.
TEST_F(SyncTest, RestoredNodeSignsNothingUntilEveryPartnerShowedItsFeedAndNeverForks) {
  LinkAll();
  sim_->Connect("c40", "buenos-aires");
  Settle(*sim_);
  const RecordId retracted = Publish("copenhagen", "c40", "to be retracted");
  for (int i = 0; i < 5; ++i) Publish("c40", "c40", "before the failure " + std::to_string(i));
  Settle(*sim_);
  sim_->Disconnect("copenhagen", "c40");
  sim_->Disconnect("c40", "beijing");
  sim_->Disconnect("c40", "buenos-aires");
  // While c40 is down, copenhagen retracts its case: c40 owes a receipt once it learns of it.
  auto retraction = sim_->Publish("copenhagen", "c40", Retraction{"consent withdrawn"},
                                  RetractionRefs{{retracted}});
  ASSERT_TRUE(retraction.ok()) << retraction.status().ToString();
  Settle(*sim_);

  Restore("c40");
  SyncEngine& c40 = sim_->engine("c40");
  std::vector<std::string> released;
  c40.HoldSigning({"c40"}, [&](const std::string& network) { released.push_back(network); });
  ASSERT_TRUE(c40.Holding("c40"));
  CaseStudy c = testing::SampleCase();
  c.networks = {"c40"};
  auto refused = c40.Publish("c40", c, sim_->now_ms());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("restored from a backup"));
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("beijing"));

  // One partner back: its copy of c40's feed and copenhagen's retraction arrive, but two
  // partners have not been heard, so c40 still signs nothing, not even the receipt it owes.
  sim_->Connect("copenhagen", "c40");
  Settle(*sim_);
  EXPECT_EQ(c40.hold().at("c40").at("copenhagen").their_seq, 5u);
  EXPECT_TRUE(c40.hold().at("c40").at("copenhagen").confirmed);
  EXPECT_FALSE(c40.hold().at("c40").at("beijing").heard);
  EXPECT_TRUE(c40.Holding("c40"));
  EXPECT_EQ(c40.counters().receipts_sent, 0u);
  EXPECT_GE(c40.counters().receipts_deferred, 1u);
  EXPECT_FALSE(c40.Publish("c40", c, sim_->now_ms()).ok());

  sim_->Connect("c40", "beijing");
  sim_->Connect("c40", "buenos-aires");
  Settle(*sim_);
  EXPECT_FALSE(c40.Holding("c40"));
  EXPECT_EQ(released, std::vector<std::string>{"c40"});
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  auto head = sim_->store("c40").Head(sim_->key("c40").public_key(), "c40");
  ASSERT_TRUE(head.ok() && *head);
  EXPECT_EQ((*head)->seq, 6u) << "five records pulled back, then the receipt";
  const RecordId after = Publish("c40", "c40", "after the restore");
  Settle(*sim_);
  for (const char* n : {"copenhagen", "beijing", "buenos-aires"}) {
    EXPECT_TRUE(Holds(n, after)) << n;
  }
  EXPECT_EQ(Forks(*sim_), 0u);
}

TEST_F(SyncTest, HoldEndsOnAnEqualSummaryFromTheOnlyPartnerAndIgnoresForeignNetworks) {
  LinkAll();
  // eurocities' only partner is copenhagen: a hold on eurocities waits for copenhagen alone.
  sim_->Disconnect("copenhagen", "eurocities");
  Restore("eurocities");
  SyncEngine& eurocities = sim_->engine("eurocities");
  eurocities.HoldSigning({"eurocities", "not-a-network-of-this-node"});
  EXPECT_TRUE(eurocities.Holding("eurocities"));
  EXPECT_FALSE(eurocities.Holding("not-a-network-of-this-node"));
  sim_->Connect("copenhagen", "eurocities");
  Settle(*sim_);  // both empty in eurocities: equal summaries are the partner's copy
  EXPECT_FALSE(eurocities.Holding("eurocities"));
  EXPECT_EQ(Forks(*sim_), 0u);
}

TEST_F(SyncTest, NodeThatWasDownCatchesUpWithoutAnyoneActing) {
  LinkAll();
  sim_->Disconnect("copenhagen", "beijing");
  sim_->Disconnect("c40", "beijing");
  std::vector<RecordId> ids;
  for (int i = 0; i < 1000; ++i)
    ids.push_back(Publish("copenhagen", "c40", "case " + std::to_string(i)));
  for (int i = 0; i < 20; ++i)
    ids.push_back(Publish("c40", "c40", "c40 case " + std::to_string(i)));
  Settle(*sim_);
  EXPECT_FALSE(Holds("beijing", ids.back()));
  sim_->Connect("copenhagen", "beijing");  // it comes back: catch-up starts on connect
  Settle(*sim_);
  for (const RecordId& id : ids) ASSERT_TRUE(Holds("beijing", id));
  EXPECT_EQ(*sim_->store("beijing").HeadsSummary("c40"),
            *sim_->store("copenhagen").HeadsSummary("c40"));
  EXPECT_EQ(sim_->engine("beijing").OutstandingPulls(), 0u);
  // Batches, not one message per record.
  EXPECT_LT(sim_->engine("beijing").counters().pulls_sent, 10u);
}

TEST(SyncParallelTest, CatchUpVerifiedOnSeveralThreadsStoresEveryRecordInFeedOrder) {
  auto sim = FiveCities([](SyncOptions& options) {
    options.verify_threads = 4;
    options.pull_batch_records = 300;
  });
  std::vector<RecordId> ids;
  for (int i = 0; i < 1500; ++i) {
    ids.push_back(Publish(*sim, "copenhagen", "c40", "case " + std::to_string(i)));
  }
  sim->Connect("copenhagen", "c40");
  Settle(*sim);
  for (const RecordId& id : ids) ASSERT_TRUE(Holds(*sim, "c40", id));
  SyncEngine& c40 = sim->engine("c40");
  EXPECT_EQ(c40.counters().records_accepted, 1500u);
  // In feed order: nothing went through the waiting area.
  EXPECT_EQ(c40.counters().records_waiting, 0u);
  EXPECT_EQ(*sim->store("c40").PendingCount(), 0u);
  EXPECT_EQ(*sim->store("c40").HeadsSummary("c40"),
            *sim->store("copenhagen").HeadsSummary("c40"));
}

TEST(SyncLimitsTest, APeerOverItsRateIsRefusedUntilTokensRefillButBatchesAreNot) {
  auto sim = FiveCities([](SyncOptions& options) { options.peer_rate_per_s = 10; });
  std::vector<SignedRecord> records;
  for (int i = 0; i < 30; ++i) {
    RecordId id = Publish(*sim, "copenhagen", "c40", "case " + std::to_string(i));
    records.push_back(sim->store("copenhagen").Get(id)->wire);
  }
  SyncEngine& c40 = sim->engine("c40");
  c40.PeerUp("copenhagen");
  // 30 pushes in the same millisecond: the bucket holds 10.
  for (const SignedRecord& r : records) c40.OnMessage("copenhagen", Envelope{r}, sim->now_ms());
  EXPECT_EQ(c40.counters().records_accepted, 10u);
  EXPECT_EQ(c40.counters().refused.at("rate limit"), 20u);
  // A second later there are 10 tokens again.
  sim->RunFor(1000);
  for (std::size_t i = 10; i < 30; ++i) {
    c40.OnMessage("copenhagen", Envelope{records[i]}, sim->now_ms());
  }
  EXPECT_EQ(c40.counters().records_accepted, 20u);
  // Two seconds later, catch-up is on c40's terms: one summary and heads from copenhagen (two
  // tokens), then the batch answering c40's pull, which is not rate limited, brings the rest.
  sim->RunFor(2000);
  sim->Connect("copenhagen", "c40");
  Settle(*sim);
  EXPECT_EQ(c40.counters().records_accepted, 30u);
}

TEST(SyncLimitsTest, AnUnansweredPullTimesOutSoTheNextRoundCanAskAgain) {
  auto sim = FiveCities([](SyncOptions& options) { options.pull_timeout_ms = 5000; });
  Publish(*sim, "copenhagen", "c40", "a case");
  SyncEngine& c40 = sim->engine("c40");
  c40.PeerUp("copenhagen");
  // copenhagen's heads arrive; c40 pulls, and the answer is lost.
  auto heads = sim->store("copenhagen").Heads({"c40"});
  SyncHeads h;
  for (const auto& head : *heads)
    h.heads.push_back(SyncHead{head.author, head.network, head.seq, head.head});
  auto out = c40.OnMessage("copenhagen", Envelope{h}, sim->now_ms());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<SyncPull>(out[0].message.body));
  EXPECT_EQ(c40.OutstandingPulls(), 1u);
  EXPECT_EQ(c40.LagByPeer().at("copenhagen"), 1u);
  // While it is outstanding, the same heads do not make a second pull.
  // (c40's engine ticks with the simulation's clock; copenhagen has no link to answer by.)
  sim->RunFor(1000);
  EXPECT_TRUE(c40.OnMessage("copenhagen", Envelope{h}, sim->now_ms()).empty());
  sim->RunFor(3000);
  EXPECT_EQ(c40.OutstandingPulls(), 1u);
  sim->RunFor(2000);
  EXPECT_EQ(c40.OutstandingPulls(), 0u);
  EXPECT_EQ(c40.counters().pulls_timed_out, 1u);
  sim->RunFor(1000);
  out = c40.OnMessage("copenhagen", Envelope{h}, sim->now_ms());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<SyncPull>(out[0].message.body));
}

// The early pull of a batch goes out through the mesh while the batch is being stored; when
// that send finds the link gone, the mesh marks the peer down in the middle of the batch.
// Before, the rest of the batch then re-added a pull to the peer that was down, and when the
// link came back that stale pull blocked the feed until it timed out (60 s by default).
// The test hands the messages between the two engines itself, and stands in for the mesh's
// early send (the simulation's is replaced), so the link is lost at that exact moment.
TEST(SyncLimitsTest, ALinkLostDuringABatchLeavesNoStalePull) {
  auto sim = FiveCities([](SyncOptions& options) { options.pull_batch_records = 10; });
  for (int i = 0; i < 30; ++i) Publish(*sim, "copenhagen", "c40", "case " + std::to_string(i));
  SyncEngine& c40 = sim->engine("c40");
  SyncEngine& cph = sim->engine("copenhagen");
  c40.PeerUp("copenhagen");
  cph.PeerUp("c40");
  c40.SetEarlySend([&](std::vector<Outgoing>) { c40.PeerDown("copenhagen"); });

  auto heads = sim->store("copenhagen").Heads({"c40"});
  SyncHeads h;
  for (const auto& head : *heads)
    h.heads.push_back(SyncHead{head.author, head.network, head.seq, head.head});
  auto pull = c40.OnMessage("copenhagen", Envelope{h}, sim->now_ms());
  ASSERT_EQ(pull.size(), 1u);
  auto batch = cph.OnMessage("c40", pull[0].message, sim->now_ms());
  ASSERT_EQ(batch.size(), 1u);
  ASSERT_TRUE(std::get<SyncBatch>(batch[0].message.body).more);
  c40.OnMessage("copenhagen", batch[0].message, sim->now_ms());
  EXPECT_EQ(c40.counters().records_accepted, 10u);
  EXPECT_EQ(c40.OutstandingPulls(), 0u) << "a pull to a peer that is down";

  // The link is back a second later: the peer's heads make a pull at once.
  c40.SetEarlySend(nullptr);
  sim->RunFor(1000);
  c40.PeerUp("copenhagen");
  auto again = c40.OnMessage("copenhagen", Envelope{h}, sim->now_ms());
  ASSERT_EQ(again.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<SyncPull>(again[0].message.body));
  EXPECT_EQ(std::get<SyncPull>(again[0].message.body).from_seq, 11u);
}

TEST(SyncErasureTest, AReceiptOwedFromBeforeACrashIsIssuedAtStartOnce) {
  auto sim = FiveCities();
  RecordId id = Publish(*sim, "copenhagen", "c40", "to be retracted");
  auto retraction =
      sim->Publish("copenhagen", "c40", Retraction{"consent withdrawn"}, RetractionRefs{{id}});
  ASSERT_TRUE(retraction.ok()) << retraction.status().ToString();
  // c40 stores both records straight into its store, as if it had crashed right after
  // storing the retraction and before its engine could answer it.
  for (const RecordId& r : {id, *retraction}) {
    auto stored = sim->store("copenhagen").Get(r);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(sim->store("c40").IngestSigned(stored->wire, {}).ok());
  }
  SyncEngine& c40 = sim->engine("c40");
  ASSERT_EQ(c40.counters().receipts_sent, 0u);
  c40.AnswerUnansweredRetractions(sim->now_ms());
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  c40.AnswerUnansweredRetractions(sim->now_ms());  // answered now: nothing more
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  // copenhagen never answers its own retraction.
  sim->engine("copenhagen").AnswerUnansweredRetractions(sim->now_ms());
  EXPECT_EQ(sim->engine("copenhagen").counters().receipts_sent, 0u);
}

TEST_F(SyncTest, PartitionWithPublishingOnBothSidesHeals) {
  LinkAll();
  // {copenhagen, eurocities, buenos-aires} | {c40, beijing}
  sim_->Disconnect("copenhagen", "c40");
  sim_->Disconnect("copenhagen", "beijing");
  for (int i = 0; i < 30; ++i) {
    Publish("copenhagen", "c40", "cph " + std::to_string(i));
    Publish("buenos-aires", "c40", "ba " + std::to_string(i));
    Publish("c40", "c40", "c40 " + std::to_string(i));
    Publish("beijing", "c40", "bj " + std::to_string(i));
  }
  Settle(*sim_);
  EXPECT_NE(*sim_->store("beijing").HeadsSummary("c40"),
            *sim_->store("copenhagen").HeadsSummary("c40"));
  sim_->Connect("copenhagen", "c40");
  Settle(*sim_);
  const Hash256 expected = *sim_->store("copenhagen").HeadsSummary("c40");
  for (const char* n : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_EQ(*sim_->store(n).HeadsSummary("c40"), expected) << n;
    EXPECT_EQ(sim_->store(n).Heads({"c40"})->size(), 4u) << n;
  }
  EXPECT_TRUE(sim_->store("eurocities").Heads({"c40"})->empty());
}

TEST_F(SyncTest, ForgedNonMemberWrongNetworkAndReplayedRecordsAreRefusedAndCounted) {
  LinkAll();
  RecordId id = Publish("copenhagen", "c40", "genuine");
  Settle(*sim_);
  SyncEngine& beijing = sim_->engine("beijing");
  const SignedRecord genuine = sim_->store("beijing").Get(id)->wire;

  SignedRecord forged = genuine;
  forged.signature.data[5] ^= 1;
  beijing.OnMessage("c40", Envelope{forged}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().refused.at("bad signature"), 1u);

  // A valid signature by a key that is no member of c40.
  SigningKey stranger = testing::TestKey(99);
  CaseStudy c = testing::SampleCase();
  c.networks = {"c40"};
  auto rec = SignRecord(stranger, testing::Draft("c40", 1), c);
  ASSERT_TRUE(rec.ok());
  beijing.OnMessage("c40", Envelope{*rec}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().refused.at("author not a member of the network"), 1u);

  // A member sending a record of a network it does not share with us: eurocities is no
  // partner of beijing at all; c40 (the node) does not share ssc-beijing.
  RecordId bilateral = Publish("copenhagen", "ssc-beijing", "bilateral");
  Settle(*sim_);
  const SignedRecord bilateral_wire = sim_->store("beijing").Get(bilateral)->wire;
  beijing.OnMessage("c40", Envelope{bilateral_wire}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().refused.at("network not shared with the sender"), 1u);
  beijing.OnMessage("eurocities", Envelope{bilateral_wire}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().refused.at("unknown peer"), 1u);

  // A replay of a record already held changes nothing.
  const uint64_t before = sim_->store("beijing").LastLocalSeq();
  const uint64_t dups = beijing.counters().records_duplicate;
  beijing.OnMessage("copenhagen", Envelope{genuine}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().records_duplicate, dups + 1);
  EXPECT_EQ(sim_->store("beijing").LastLocalSeq(), before);

  // A batch nobody asked for.
  SyncBatch unsolicited{
      genuine.header.empty() ? SigningPublicKey{} : sim_->key("copenhagen").public_key(),
      "c40",
      {genuine},
      false};
  beijing.OnMessage("copenhagen", Envelope{unsolicited}, sim_->now_ms());
  EXPECT_EQ(beijing.counters().refused.at("batch that was not asked for"), 1u);
}

TEST_F(SyncTest, PullsAndSummariesOfUnsharedNetworksGetNothing) {
  LinkAll();
  Publish("copenhagen", "eurocities", "euro only");
  Settle(*sim_);
  SyncEngine& cph = sim_->engine("copenhagen");
  auto out = cph.OnMessage(
      "beijing", Envelope{SyncPull{sim_->key("copenhagen").public_key(), "eurocities", 1, 100}},
      sim_->now_ms());
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(cph.counters().refused.at("pull of a network not shared"), 1u);
  SyncSummary s;
  s.networks.push_back(NetworkSummary{"eurocities", Hash256{}, 0});
  EXPECT_TRUE(cph.OnMessage("beijing", Envelope{s}, sim_->now_ms()).empty());
}

TEST_F(SyncTest, PublishRefusesANetworkTheNodeIsNotIn) {
  auto r = sim_->engine("beijing").Publish("eurocities", testing::SampleCase(), sim_->now_ms());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("not a member of network 'eurocities'"));
}

}  // namespace
}  // namespace citynet::node
