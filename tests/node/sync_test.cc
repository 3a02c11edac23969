// The sync engine in a simulated five-node mesh: real stores, every message encoded to bytes
// and decoded again, delivered in order over the links the test sets up. Networks as in
// ARCHITECTURE.md:
//   c40: copenhagen, c40, beijing, buenos-aires     eurocities: copenhagen, eurocities
//   ssc-beijing: copenhagen, beijing                 ssc-buenos-aires: copenhagen, buenos-aires
// Direct links: copenhagen to everyone, c40 to beijing. Beijing and Buenos Aires have no link:
// they converge through copenhagen (relay).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <memory>

#include "node/engine/sync_engine.h"
#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;

struct SimNode {
  std::string name;
  SigningKey key;
  std::set<std::string> networks;
  std::unique_ptr<testing::TempDir> dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Roster> roster;
  std::unique_ptr<SyncEngine> engine;
};

struct Delivery {
  std::string from, to;
  Bytes bytes;
};

class Mesh {
 public:
  explicit Mesh(SyncOptions options = {}) {
    Add("copenhagen", 1, {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"});
    Add("c40", 2, {"c40"});
    Add("eurocities", 3, {"eurocities"});
    Add("beijing", 4, {"c40", "ssc-beijing"});
    Add("buenos-aires", 5, {"c40", "ssc-buenos-aires"});
    for (auto& [name, node] : nodes_) {
      std::vector<Member> partners;
      for (auto& [other_name, other] : nodes_) {
        if (other_name == name) continue;
        Member m{other_name, other->key.public_key(), TransportPublicKey{}, {}};
        for (const auto& n : other->networks) {
          if (node->networks.count(n)) m.networks.insert(n);
        }
        if (!m.networks.empty()) partners.push_back(std::move(m));
      }
      node->roster = std::make_unique<Roster>(
          Member{name, node->key.public_key(), TransportPublicKey{}, node->networks}, partners);
      node->engine =
          std::make_unique<SyncEngine>(node->store.get(), node->roster.get(), &node->key, options);
    }
  }

  SimNode& operator[](const std::string& name) { return *nodes_.at(name); }

  void Link(const std::string& a, const std::string& b) {
    links_.insert({std::min(a, b), std::max(a, b)});
    (*this)[a].engine->PeerUp(b);
    (*this)[b].engine->PeerUp(a);
    Send(a, (*this)[a].engine->StartCatchUp(b));
    Send(b, (*this)[b].engine->StartCatchUp(a));
  }
  void Cut(const std::string& a, const std::string& b) {
    links_.erase({std::min(a, b), std::max(a, b)});
    (*this)[a].engine->PeerDown(b);
    (*this)[b].engine->PeerDown(a);
  }
  bool Linked(const std::string& a, const std::string& b) const {
    return links_.count({std::min(a, b), std::max(a, b)}) != 0;
  }

  void Send(const std::string& from, std::vector<Outgoing> out) {
    for (Outgoing& o : out) {
      if (!Linked(from, o.peer)) continue;  // the event loop has no socket to it
      queue_.push_back(Delivery{from, o.peer, EncodeEnvelope(o.message)});
    }
  }

  // Delivers until nothing is in flight, or `max` messages. Returns the number delivered.
  std::size_t Run(std::size_t max = SIZE_MAX) {
    std::size_t delivered = 0;
    while (!queue_.empty() && delivered < max) {
      Delivery d = std::move(queue_.front());
      queue_.pop_front();
      if (!Linked(d.from, d.to)) continue;  // cut while in flight
      log_.push_back({d.from, d.to, d.bytes.size()});
      auto env = DecodeEnvelope(d.bytes);
      EXPECT_TRUE(env.ok()) << env.status().ToString();
      if (!env.ok()) continue;
      bytes_to_[d.to].push_back(d.bytes);
      Send(d.to, (*this)[d.to].engine->OnMessage(d.from, *env, now_ms));
      ++delivered;
    }
    return delivered;
  }

  RecordId Publish(const std::string& node, const std::string& network, const std::string& title) {
    CaseStudy c = testing::SampleCase();
    c.title = title;
    c.networks = {network};
    auto published = (*this)[node].engine->Publish(network, c, testing::kTestTimeMs);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    Send(node, std::move(published->pushes));
    return published->id;
  }

  bool Holds(const std::string& node, const RecordId& id) {
    return (*this)[node].store->Get(id).ok();
  }

  // `name` loses its store and comes back from an (empty) backup with its keys: a new store
  // and a new engine. Its links must be cut first.
  void Restore(const std::string& name) {
    SimNode& node = (*this)[name];
    node.engine.reset();
    node.store.reset();
    node.dir = std::make_unique<testing::TempDir>();
    store::StoreOptions o;
    o.path = node.dir->File("store");
    o.search = false;
    node.store = std::move(store::OpenStore(o)).value();
    node.engine = std::make_unique<SyncEngine>(node.store.get(), node.roster.get(), &node.key);
  }

  uint64_t Forks() {
    uint64_t forks = 0;
    for (auto& [name, node] : nodes_) forks += node->engine->counters().records_fork;
    return forks;
  }

  struct LogEntry {
    std::string from, to;
    std::size_t bytes;
  };
  int64_t now_ms = testing::kTestTimeMs;  // the time Run() delivers at
  std::vector<LogEntry> log_;
  std::map<std::string, std::vector<Bytes>> bytes_to_;

 private:
  void Add(const std::string& name, uint8_t seed, std::set<std::string> networks) {
    auto node = std::make_unique<SimNode>(SimNode{name, testing::TestKey(seed), std::move(networks),
                                                  std::make_unique<testing::TempDir>(), nullptr,
                                                  nullptr, nullptr});
    store::StoreOptions o;
    o.path = node->dir->File("store");
    o.search = false;
    node->store = std::move(store::OpenStore(o)).value();
    nodes_.emplace(name, std::move(node));
  }

  std::map<std::string, std::unique_ptr<SimNode>> nodes_;
  std::set<std::pair<std::string, std::string>> links_;
  std::deque<Delivery> queue_;
};

class SyncTest : public ::testing::Test {
 protected:
  void LinkAll() {
    for (const char* n : {"c40", "eurocities", "beijing", "buenos-aires"})
      mesh_.Link("copenhagen", n);
    mesh_.Link("c40", "beijing");
    mesh_.Run();
  }
  Mesh mesh_;
};

TEST_F(SyncTest, RecordReachesTheMembersOfItsNetworkAndNoOneElse) {
  LinkAll();
  RecordId c40_case = mesh_.Publish("copenhagen", "c40", "for c40");
  RecordId bilateral = mesh_.Publish("copenhagen", "ssc-beijing", "for beijing");
  mesh_.Run();
  EXPECT_TRUE(mesh_.Holds("c40", c40_case));
  EXPECT_TRUE(mesh_.Holds("beijing", c40_case));
  EXPECT_TRUE(mesh_.Holds("buenos-aires", c40_case));
  EXPECT_FALSE(mesh_.Holds("eurocities", c40_case));
  EXPECT_TRUE(mesh_.Holds("beijing", bilateral));
  for (const char* n : {"c40", "eurocities", "buenos-aires"}) {
    EXPECT_FALSE(mesh_.Holds(n, bilateral)) << n;
  }
  // Not just not stored: never sent. No byte of either record went to eurocities.
  for (const Bytes& b : mesh_.bytes_to_["eurocities"]) {
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
  ASSERT_FALSE(mesh_.Linked("beijing", "buenos-aires"));
  RecordId id = mesh_.Publish("buenos-aires", "c40", "from buenos aires");
  mesh_.Run();
  EXPECT_TRUE(mesh_.Holds("beijing", id));
  EXPECT_TRUE(mesh_.Holds("c40", id));
  EXPECT_FALSE(mesh_.Holds("eurocities", id));
}

TEST_F(SyncTest, EqualSummariesEndTheExchangeInOneMessageUnder100BytesPerNetwork) {
  LinkAll();
  mesh_.Publish("copenhagen", "c40", "a");
  mesh_.Run();
  mesh_.log_.clear();
  const uint64_t equal_before = mesh_["beijing"].engine->counters().summaries_equal;
  mesh_.Send("copenhagen", mesh_["copenhagen"].engine->StartCatchUp("beijing"));
  EXPECT_EQ(mesh_.Run(), 1u);  // beijing finds both networks equal and sends nothing
  ASSERT_EQ(mesh_.log_.size(), 1u);
  EXPECT_LT(mesh_.log_[0].bytes, 2 * 100u) << "two shared networks";
  std::printf("equal-summary exchange for 2 networks: %zu bytes\n", mesh_.log_[0].bytes);
  EXPECT_EQ(mesh_["beijing"].engine->counters().summaries_equal, equal_before + 2);
}

// A node restored from an old backup signs a record at a seq its partners already hold: its
// own feed forks. Pulling that feed back must stop when a batch brings nothing that extends the
// node's chain, not ask for the same records again without end (seen: 2,000 records/s, forever).
TEST_F(SyncTest, PullingAForkedFeedStopsInsteadOfAskingAgainForever) {
  LinkAll();
  for (int i = 0; i < 5; ++i) mesh_.Publish("c40", "c40", "before the backup " + std::to_string(i));
  mesh_.Run();
  mesh_.Cut("copenhagen", "c40");
  mesh_.Cut("c40", "beijing");
  mesh_.Restore("c40");
  SimNode& c40 = mesh_["c40"];
  mesh_.Publish("c40", "c40", "after the restore");  // seq 1 again, other bytes: a fork
  mesh_.Link("copenhagen", "c40");
  const std::size_t delivered = mesh_.Run(2000);
  EXPECT_LT(delivered, 100u) << "the exchange did not end";
  EXPECT_LT(c40.engine->counters().pulls_sent, 10u);
  EXPECT_GT(mesh_.Forks(), 0u);
}

// The restore hold (SyncEngine::HoldSigning): a node restored from an empty backup while its
// partners hold five records of its feed, and a retraction it has not answered, signs nothing
// until all three partners in c40 have shown their copy and it has pulled it back; then the
// owed receipt and the next case follow on at seq 6 and 7, and no node anywhere holds a fork.
TEST_F(SyncTest, RestoredNodeSignsNothingUntilEveryPartnerShowedItsFeedAndNeverForks) {
  LinkAll();
  mesh_.Link("c40", "buenos-aires");
  mesh_.Run();
  const RecordId retracted = mesh_.Publish("copenhagen", "c40", "to be retracted");
  for (int i = 0; i < 5; ++i)
    mesh_.Publish("c40", "c40", "before the failure " + std::to_string(i));
  mesh_.Run();
  mesh_.Cut("copenhagen", "c40");
  mesh_.Cut("c40", "beijing");
  mesh_.Cut("c40", "buenos-aires");
  // While c40 is down, copenhagen retracts its case: c40 owes a receipt once it learns of it.
  auto retraction = mesh_["copenhagen"].engine->Publish("c40", Retraction{"consent withdrawn"},
                                                        mesh_.now_ms, RetractionRefs{{retracted}});
  ASSERT_TRUE(retraction.ok()) << retraction.status().ToString();
  mesh_.Send("copenhagen", std::move(retraction->pushes));
  mesh_.Run();

  mesh_.Restore("c40");
  SyncEngine& c40 = *mesh_["c40"].engine;
  std::vector<std::string> released;
  c40.HoldSigning({"c40"}, [&](const std::string& network) { released.push_back(network); });
  ASSERT_TRUE(c40.Holding("c40"));
  CaseStudy c = testing::SampleCase();
  c.networks = {"c40"};
  auto refused = c40.Publish("c40", c, mesh_.now_ms);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("restored from a backup"));
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("beijing"));

  // One partner back: its copy of c40's feed and copenhagen's retraction arrive, but two
  // partners have not been heard, so c40 still signs nothing, not even the receipt it owes.
  mesh_.Link("copenhagen", "c40");
  mesh_.Run();
  EXPECT_EQ(c40.hold().at("c40").at("copenhagen").their_seq, 5u);
  EXPECT_TRUE(c40.hold().at("c40").at("copenhagen").confirmed);
  EXPECT_FALSE(c40.hold().at("c40").at("beijing").heard);
  EXPECT_TRUE(c40.Holding("c40"));
  EXPECT_EQ(c40.counters().receipts_sent, 0u);
  EXPECT_GE(c40.counters().receipts_deferred, 1u);
  EXPECT_FALSE(c40.Publish("c40", c, mesh_.now_ms).ok());

  mesh_.Link("c40", "beijing");
  mesh_.Link("c40", "buenos-aires");
  mesh_.Run();
  EXPECT_FALSE(c40.Holding("c40"));
  EXPECT_EQ(released, std::vector<std::string>{"c40"});
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  auto head = mesh_["c40"].store->Head(mesh_["c40"].key.public_key(), "c40");
  ASSERT_TRUE(head.ok() && *head);
  EXPECT_EQ((*head)->seq, 6u) << "five records pulled back, then the receipt";
  const RecordId after = mesh_.Publish("c40", "c40", "after the restore");
  mesh_.Run();
  for (const char* n : {"copenhagen", "beijing", "buenos-aires"}) {
    EXPECT_TRUE(mesh_.Holds(n, after)) << n;
  }
  EXPECT_EQ(mesh_.Forks(), 0u);
}

TEST_F(SyncTest, HoldEndsOnAnEqualSummaryFromTheOnlyPartnerAndIgnoresForeignNetworks) {
  LinkAll();
  SimNode& eurocities = mesh_["eurocities"];
  // eurocities' only partner is copenhagen: a hold on eurocities waits for copenhagen alone.
  mesh_.Cut("copenhagen", "eurocities");
  mesh_.Restore("eurocities");
  eurocities.engine->HoldSigning({"eurocities", "not-a-network-of-this-node"});
  EXPECT_TRUE(eurocities.engine->Holding("eurocities"));
  EXPECT_FALSE(eurocities.engine->Holding("not-a-network-of-this-node"));
  mesh_.Link("copenhagen", "eurocities");
  mesh_.Run();  // both empty in eurocities: equal summaries are the partner's copy
  EXPECT_FALSE(eurocities.engine->Holding("eurocities"));
  EXPECT_EQ(mesh_.Forks(), 0u);
}

TEST_F(SyncTest, NodeThatWasDownCatchesUpWithoutAnyoneActing) {
  LinkAll();
  mesh_.Cut("copenhagen", "beijing");
  mesh_.Cut("c40", "beijing");
  std::vector<RecordId> ids;
  for (int i = 0; i < 1000; ++i)
    ids.push_back(mesh_.Publish("copenhagen", "c40", "case " + std::to_string(i)));
  for (int i = 0; i < 20; ++i)
    ids.push_back(mesh_.Publish("c40", "c40", "c40 case " + std::to_string(i)));
  mesh_.Run();
  EXPECT_FALSE(mesh_.Holds("beijing", ids.back()));
  mesh_.Link("copenhagen", "beijing");  // it comes back: catch-up starts on connect
  mesh_.Run();
  for (const RecordId& id : ids) ASSERT_TRUE(mesh_.Holds("beijing", id));
  EXPECT_EQ(*mesh_["beijing"].store->HeadsSummary("c40"),
            *mesh_["copenhagen"].store->HeadsSummary("c40"));
  EXPECT_EQ(mesh_["beijing"].engine->OutstandingPulls(), 0u);
  // Batches, not one message per record.
  EXPECT_LT(mesh_["beijing"].engine->counters().pulls_sent, 10u);
}

TEST(SyncParallelTest, CatchUpVerifiedOnSeveralThreadsStoresEveryRecordInFeedOrder) {
  SyncOptions options;
  options.verify_threads = 4;
  options.pull_batch_records = 300;
  Mesh mesh(options);
  std::vector<RecordId> ids;
  for (int i = 0; i < 1500; ++i) {
    ids.push_back(mesh.Publish("copenhagen", "c40", "case " + std::to_string(i)));
  }
  mesh.Link("copenhagen", "c40");
  mesh.Run();
  for (const RecordId& id : ids) ASSERT_TRUE(mesh.Holds("c40", id));
  SyncEngine& c40 = *mesh["c40"].engine;
  EXPECT_EQ(c40.counters().records_accepted, 1500u);
  // In feed order: nothing went through the waiting area.
  EXPECT_EQ(c40.counters().records_waiting, 0u);
  EXPECT_EQ(*mesh["c40"].store->PendingCount(), 0u);
  EXPECT_EQ(*mesh["c40"].store->HeadsSummary("c40"),
            *mesh["copenhagen"].store->HeadsSummary("c40"));
}

TEST(SyncLimitsTest, APeerOverItsRateIsRefusedUntilTokensRefillButBatchesAreNot) {
  SyncOptions options;
  options.peer_rate_per_s = 10;
  Mesh mesh(options);
  std::vector<SignedRecord> records;
  for (int i = 0; i < 30; ++i) {
    RecordId id = mesh.Publish("copenhagen", "c40", "case " + std::to_string(i));
    records.push_back(mesh["copenhagen"].store->Get(id)->wire);
  }
  SyncEngine& c40 = *mesh["c40"].engine;
  c40.PeerUp("copenhagen");
  // 30 pushes in the same millisecond: the bucket holds 10.
  for (const SignedRecord& r : records)
    c40.OnMessage("copenhagen", Envelope{r}, testing::kTestTimeMs);
  EXPECT_EQ(c40.counters().records_accepted, 10u);
  EXPECT_EQ(c40.counters().refused.at("rate limit"), 20u);
  // A second later there are 10 tokens again.
  for (std::size_t i = 10; i < 30; ++i) {
    c40.OnMessage("copenhagen", Envelope{records[i]}, testing::kTestTimeMs + 1000);
  }
  EXPECT_EQ(c40.counters().records_accepted, 20u);
  // Two seconds later, catch-up is on c40's terms: one summary and heads from copenhagen (two
  // tokens), then the batch answering c40's pull, which is not rate limited, brings the rest.
  mesh.now_ms = testing::kTestTimeMs + 3000;
  mesh.Link("copenhagen", "c40");
  mesh.Run();
  EXPECT_EQ(c40.counters().records_accepted, 30u);
}

TEST(SyncLimitsTest, AnUnansweredPullTimesOutSoTheNextRoundCanAskAgain) {
  SyncOptions options;
  options.pull_timeout_ms = 5000;
  Mesh mesh(options);
  mesh.Publish("copenhagen", "c40", "a case");
  SyncEngine& c40 = *mesh["c40"].engine;
  c40.PeerUp("copenhagen");
  // copenhagen's heads arrive; c40 pulls, and the answer is lost.
  auto heads = mesh["copenhagen"].store->Heads({"c40"});
  SyncHeads h;
  for (const auto& head : *heads)
    h.heads.push_back(SyncHead{head.author, head.network, head.seq, head.head});
  auto out = c40.OnMessage("copenhagen", Envelope{h}, testing::kTestTimeMs);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<SyncPull>(out[0].message.body));
  EXPECT_EQ(c40.OutstandingPulls(), 1u);
  EXPECT_EQ(c40.LagByPeer().at("copenhagen"), 1u);
  // While it is outstanding, the same heads do not make a second pull.
  EXPECT_TRUE(c40.OnMessage("copenhagen", Envelope{h}, testing::kTestTimeMs + 1000).empty());
  c40.Tick(testing::kTestTimeMs + 4000);
  EXPECT_EQ(c40.OutstandingPulls(), 1u);
  c40.Tick(testing::kTestTimeMs + 6000);
  EXPECT_EQ(c40.OutstandingPulls(), 0u);
  EXPECT_EQ(c40.counters().pulls_timed_out, 1u);
  out = c40.OnMessage("copenhagen", Envelope{h}, testing::kTestTimeMs + 7000);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<SyncPull>(out[0].message.body));
}

// The early pull of a batch goes out through the mesh while the batch is being stored; when
// that send finds the link gone, the mesh marks the peer down in the middle of the batch.
// Before, the rest of the batch then re-added a pull to the peer that was down, and when the
// link came back that stale pull blocked the feed until it timed out (60 s by default).
TEST(SyncLimitsTest, ALinkLostDuringABatchLeavesNoStalePull) {
  SyncOptions options;
  options.pull_batch_records = 10;
  Mesh mesh(options);
  for (int i = 0; i < 30; ++i) mesh.Publish("copenhagen", "c40", "case " + std::to_string(i));
  SyncEngine& c40 = *mesh["c40"].engine;
  SyncEngine& cph = *mesh["copenhagen"].engine;
  c40.PeerUp("copenhagen");
  cph.PeerUp("c40");
  c40.SetEarlySend([&](std::vector<Outgoing>) { c40.PeerDown("copenhagen"); });

  auto heads = mesh["copenhagen"].store->Heads({"c40"});
  SyncHeads h;
  for (const auto& head : *heads)
    h.heads.push_back(SyncHead{head.author, head.network, head.seq, head.head});
  auto pull = c40.OnMessage("copenhagen", Envelope{h}, testing::kTestTimeMs);
  ASSERT_EQ(pull.size(), 1u);
  auto batch = cph.OnMessage("c40", pull[0].message, testing::kTestTimeMs);
  ASSERT_EQ(batch.size(), 1u);
  ASSERT_TRUE(std::get<SyncBatch>(batch[0].message.body).more);
  c40.OnMessage("copenhagen", batch[0].message, testing::kTestTimeMs);
  EXPECT_EQ(c40.counters().records_accepted, 10u);
  EXPECT_EQ(c40.OutstandingPulls(), 0u) << "a pull to a peer that is down";

  // The link is back a second later: the peer's heads make a pull at once.
  c40.SetEarlySend(nullptr);
  c40.PeerUp("copenhagen");
  auto again = c40.OnMessage("copenhagen", Envelope{h}, testing::kTestTimeMs + 1000);
  ASSERT_EQ(again.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<SyncPull>(again[0].message.body));
  EXPECT_EQ(std::get<SyncPull>(again[0].message.body).from_seq, 11u);
}

TEST(SyncErasureTest, AReceiptOwedFromBeforeACrashIsIssuedAtStartOnce) {
  Mesh mesh;
  RecordId id = mesh.Publish("copenhagen", "c40", "to be retracted");
  auto retraction = mesh["copenhagen"].engine->Publish("c40", Retraction{"consent withdrawn"},
                                                       testing::kTestTimeMs, RetractionRefs{{id}});
  ASSERT_TRUE(retraction.ok()) << retraction.status().ToString();
  // c40 stores both records straight into its store, as if it had crashed right after
  // storing the retraction and before its engine could answer it.
  for (const RecordId& r : {id, retraction->id}) {
    auto stored = mesh["copenhagen"].store->Get(r);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(mesh["c40"].store->IngestSigned(stored->wire, {}).ok());
  }
  SyncEngine& c40 = *mesh["c40"].engine;
  ASSERT_EQ(c40.counters().receipts_sent, 0u);
  c40.AnswerUnansweredRetractions(testing::kTestTimeMs);
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  c40.AnswerUnansweredRetractions(testing::kTestTimeMs);  // answered now: nothing more
  EXPECT_EQ(c40.counters().receipts_sent, 1u);
  // copenhagen never answers its own retraction.
  mesh["copenhagen"].engine->AnswerUnansweredRetractions(testing::kTestTimeMs);
  EXPECT_EQ(mesh["copenhagen"].engine->counters().receipts_sent, 0u);
}

TEST_F(SyncTest, PartitionWithPublishingOnBothSidesHeals) {
  LinkAll();
  // {copenhagen, eurocities, buenos-aires} | {c40, beijing}
  mesh_.Cut("copenhagen", "c40");
  mesh_.Cut("copenhagen", "beijing");
  for (int i = 0; i < 30; ++i) {
    mesh_.Publish("copenhagen", "c40", "cph " + std::to_string(i));
    mesh_.Publish("buenos-aires", "c40", "ba " + std::to_string(i));
    mesh_.Publish("c40", "c40", "c40 " + std::to_string(i));
    mesh_.Publish("beijing", "c40", "bj " + std::to_string(i));
  }
  mesh_.Run();
  EXPECT_NE(*mesh_["beijing"].store->HeadsSummary("c40"),
            *mesh_["copenhagen"].store->HeadsSummary("c40"));
  mesh_.Link("copenhagen", "c40");
  mesh_.Run();
  const Hash256 expected = *mesh_["copenhagen"].store->HeadsSummary("c40");
  for (const char* n : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_EQ(*mesh_[n].store->HeadsSummary("c40"), expected) << n;
    EXPECT_EQ(mesh_[n].store->Heads({"c40"})->size(), 4u) << n;
  }
  EXPECT_TRUE(mesh_["eurocities"].store->Heads({"c40"})->empty());
}

TEST_F(SyncTest, ForgedNonMemberWrongNetworkAndReplayedRecordsAreRefusedAndCounted) {
  LinkAll();
  RecordId id = mesh_.Publish("copenhagen", "c40", "genuine");
  mesh_.Run();
  SyncEngine& beijing = *mesh_["beijing"].engine;
  const SignedRecord genuine = mesh_["beijing"].store->Get(id)->wire;

  SignedRecord forged = genuine;
  forged.signature.data[5] ^= 1;
  beijing.OnMessage("c40", Envelope{forged}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().refused.at("bad signature"), 1u);

  // A valid signature by a key that is no member of c40.
  SigningKey stranger = testing::TestKey(99);
  CaseStudy c = testing::SampleCase();
  c.networks = {"c40"};
  auto rec = SignRecord(stranger, testing::Draft("c40", 1), c);
  ASSERT_TRUE(rec.ok());
  beijing.OnMessage("c40", Envelope{*rec}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().refused.at("author not a member of the network"), 1u);

  // A member sending a record of a network it does not share with us: eurocities is no
  // partner of beijing at all; c40 (the node) does not share ssc-beijing.
  RecordId bilateral = mesh_.Publish("copenhagen", "ssc-beijing", "bilateral");
  mesh_.Run();
  const SignedRecord bilateral_wire = mesh_["beijing"].store->Get(bilateral)->wire;
  beijing.OnMessage("c40", Envelope{bilateral_wire}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().refused.at("network not shared with the sender"), 1u);
  beijing.OnMessage("eurocities", Envelope{bilateral_wire}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().refused.at("unknown peer"), 1u);

  // A replay of a record already held changes nothing.
  const uint64_t before = mesh_["beijing"].store->LastLocalSeq();
  const uint64_t dups = beijing.counters().records_duplicate;
  beijing.OnMessage("copenhagen", Envelope{genuine}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().records_duplicate, dups + 1);
  EXPECT_EQ(mesh_["beijing"].store->LastLocalSeq(), before);

  // A batch nobody asked for.
  SyncBatch unsolicited{
      genuine.header.empty() ? SigningPublicKey{} : mesh_["copenhagen"].key.public_key(),
      "c40",
      {genuine},
      false};
  beijing.OnMessage("copenhagen", Envelope{unsolicited}, testing::kTestTimeMs);
  EXPECT_EQ(beijing.counters().refused.at("batch that was not asked for"), 1u);
}

TEST_F(SyncTest, PullsAndSummariesOfUnsharedNetworksGetNothing) {
  LinkAll();
  mesh_.Publish("copenhagen", "eurocities", "euro only");
  mesh_.Run();
  SyncEngine& cph = *mesh_["copenhagen"].engine;
  auto out = cph.OnMessage(
      "beijing", Envelope{SyncPull{mesh_["copenhagen"].key.public_key(), "eurocities", 1, 100}},
      testing::kTestTimeMs);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(cph.counters().refused.at("pull of a network not shared"), 1u);
  SyncSummary s;
  s.networks.push_back(NetworkSummary{"eurocities", Hash256{}, 0});
  EXPECT_TRUE(cph.OnMessage("beijing", Envelope{s}, testing::kTestTimeMs).empty());
}

TEST_F(SyncTest, PublishRefusesANetworkTheNodeIsNotIn) {
  auto r =
      mesh_["beijing"].engine->Publish("eurocities", testing::SampleCase(), testing::kTestTimeMs);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("not a member of network 'eurocities'"));
}

}  // namespace
}  // namespace citynet::node
