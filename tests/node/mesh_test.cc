// The mesh over real CURVE sockets on 127.0.0.1: nodes in one process, each with its own
// ZeroMQ context, ZAP handler, store and sync engine, driven in turn by the test.
#include "node/mesh.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <thread>

#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;
using namespace std::chrono_literals;

struct MeshNode {
  MeshNode(std::string n, SigningKey k, std::set<std::string> nets)
      : name(std::move(n)), key(std::move(k)), networks(std::move(nets)) {}
  std::string name;
  SigningKey key;
  TransportKey transport = TransportKey::Generate();
  std::set<std::string> networks;
  testing::TempDir dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Roster> roster;
  std::unique_ptr<SyncEngine> engine;
  std::unique_ptr<TransportContext> context;
  std::unique_ptr<Mesh> mesh;
};

class MeshTest : public ::testing::Test {
 protected:
  MeshNode& Add(const std::string& name, uint8_t seed, std::set<std::string> networks) {
    auto n = std::make_unique<MeshNode>(name, testing::TestKey(seed), std::move(networks));
    store::StoreOptions o;
    o.path = n->dir.File("store");
    o.search = false;
    n->store = std::move(store::OpenStore(o)).value();
    n->context = std::move(TransportContext::Create()).value();
    nodes_.push_back(std::move(n));
    return *nodes_.back();
  }

  // Builds every node's roster (all others, shared networks) and starts its mesh; `dials` says
  // who connects to whom.
  void Start(const std::vector<std::pair<std::string, std::string>>& dials) {
    for (auto& n : nodes_) {
      std::vector<Member> partners;
      for (auto& o : nodes_) {
        if (o->name == n->name) continue;
        Member m{o->name, o->key.public_key(), o->transport.public_key(), {}};
        for (const auto& net : o->networks) {
          if (n->networks.count(net)) m.networks.insert(net);
        }
        if (!m.networks.empty()) partners.push_back(std::move(m));
      }
      n->roster = std::make_unique<Roster>(
          Member{n->name, n->key.public_key(), n->transport.public_key(), n->networks}, partners);
      n->engine = std::make_unique<SyncEngine>(n->store.get(), n->roster.get(), &n->key);
      MeshOptions options;
      options.clock = [] { return testing::kTestTimeMs; };
      options.listen = {"tcp://127.0.0.1:*"};
      options.catch_up_interval = 2s;
      auto mesh = Mesh::Create(*n->context, n->transport, *n->roster, *n->engine, options, {});
      ASSERT_TRUE(mesh.ok()) << mesh.status().ToString();
      n->mesh = std::move(mesh).value();
    }
    for (const auto& [from, to] : dials) {
      MeshNode& target = Node(to);
      ASSERT_TRUE(
          Node(from)
              .mesh->AddDial(Dial{to, target.mesh->endpoints()[0], target.transport.public_key()})
              .ok());
    }
  }

  MeshNode& Node(const std::string& name) {
    for (auto& n : nodes_) {
      if (n->name == name) return *n;
    }
    throw std::runtime_error("no node " + name);
  }

  // Runs every node's loop until `done` holds or `limit` passes.
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& n : nodes_) {
        EXPECT_TRUE(n->mesh->RunOnce(5ms).ok());
      }
      if (done()) return true;
    }
    return false;
  }

  RecordId Publish(const std::string& node, const std::string& network, const std::string& title) {
    CaseStudy c = testing::SampleCase();
    c.title = title;
    c.networks = {network};
    MeshNode& n = Node(node);
    auto published = n.engine->Publish(network, c, testing::kTestTimeMs);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    n.mesh->Send(std::move(published->pushes));
    return published->id;
  }

  std::vector<std::unique_ptr<MeshNode>> nodes_;
};

TEST_F(MeshTest, RecordsReplicateOverCurveAndCatchUpRunsOnConnect) {
  Add("copenhagen", 1, {"c40", "eurocities"});
  Add("c40", 2, {"c40"});
  Add("eurocities", 3, {"eurocities"});
  Start({{"copenhagen", "c40"}, {"eurocities", "copenhagen"}});
  // Published before any connection is up (the loops have not run): the live pushes go
  // nowhere, so only catch-up on connect can deliver these.
  std::vector<RecordId> early;
  for (int i = 0; i < 50; ++i) {
    early.push_back(Publish("copenhagen", "c40", "early " + std::to_string(i)));
  }
  RecordId euro = Publish("copenhagen", "eurocities", "for eurocities");
  ASSERT_TRUE(RunUntil([&] {
    return Node("c40").store->Get(early.back()).ok() && Node("eurocities").store->Get(euro).ok();
  })) << "records did not arrive";
  for (const RecordId& id : early) EXPECT_TRUE(Node("c40").store->Get(id).ok());
  EXPECT_FALSE(Node("eurocities").store->Get(early[0]).ok());
  EXPECT_FALSE(Node("c40").store->Get(euro).ok());

  // Live push once connected, in both directions (c40 dialled by copenhagen, eurocities dialled
  // copenhagen).
  RecordId live = Publish("copenhagen", "c40", "live");
  RecordId back = Publish("eurocities", "eurocities", "from eurocities");
  ASSERT_TRUE(RunUntil([&] {
    return Node("c40").store->Get(live).ok() && Node("copenhagen").store->Get(back).ok();
  }));
  EXPECT_EQ(Node("c40").mesh->stats().malformed, 0u);
  EXPECT_GT(Node("copenhagen").mesh->zap().stats().allowed, 0u);
  EXPECT_EQ(Node("copenhagen").mesh->zap().stats().denied(), 0u);
}

TEST_F(MeshTest, UnknownKeyGetsNothingAndJunkDoesNotStallOthers) {
  Add("copenhagen", 1, {"c40"});
  Add("c40", 2, {"c40"});
  Start({{"copenhagen", "c40"}});
  MeshNode& cph = Node("copenhagen");

  // An intruder with a key copenhagen never accepted: its own roster names copenhagen as a
  // partner in c40, so it would store whatever it got.
  MeshNode intruder("intruder", testing::TestKey(66), {"c40"});
  store::StoreOptions o;
  o.path = intruder.dir.File("store");
  o.search = false;
  intruder.store = std::move(store::OpenStore(o)).value();
  intruder.context = std::move(TransportContext::Create()).value();
  intruder.roster = std::make_unique<Roster>(
      Member{"intruder", intruder.key.public_key(), intruder.transport.public_key(), {"c40"}},
      std::vector<Member>{
          Member{"copenhagen", cph.key.public_key(), cph.transport.public_key(), {"c40"}}});
  intruder.engine =
      std::make_unique<SyncEngine>(intruder.store.get(), intruder.roster.get(), &intruder.key);
  MeshOptions options;
  options.clock = [] { return testing::kTestTimeMs; };
  options.listen = {"tcp://127.0.0.1:*"};
  intruder.mesh =
      std::move(
          Mesh::Create(*intruder.context, intruder.transport, *intruder.roster, *intruder.engine,
                       options,
                       {Dial{"copenhagen", cph.mesh->endpoints()[0], cph.transport.public_key()}}))
          .value();

  // A raw TCP client that sends junk at copenhagen's mesh port.
  const std::string endpoint = cph.mesh->endpoints()[0];
  const int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
  int junk = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(junk, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string garbage(4096, '\xff');
  ASSERT_GT(::send(junk, garbage.data(), garbage.size(), MSG_NOSIGNAL), 0);

  std::vector<RecordId> ids;
  for (int i = 0; i < 20; ++i)
    ids.push_back(Publish("copenhagen", "c40", "case " + std::to_string(i)));
  auto run_all = [&] {
    EXPECT_TRUE(intruder.mesh->RunOnce(1ms).ok());
    return Node("c40").store->Get(ids.back()).ok() &&
           cph.mesh->zap().stats().denied_unknown_key >= 1;
  };
  ASSERT_TRUE(RunUntil(run_all)) << "c40 did not get the records while junk and an intruder "
                                    "were at copenhagen's door";
  ::close(junk);
  // Give the intruder every chance: a few more rounds of everyone's loops.
  RunUntil(
      [&] {
        EXPECT_TRUE(intruder.mesh->RunOnce(1ms).ok());
        return false;
      },
      500ms);
  for (const RecordId& id : ids) EXPECT_FALSE(intruder.store->Get(id).ok());
  EXPECT_EQ(intruder.store->LastLocalSeq(), 0u);
  EXPECT_GE(cph.mesh->zap().stats().denied_unknown_key, 1u);
  EXPECT_EQ(cph.mesh->stats().unknown_sender, 0u);  // nothing unauthenticated got in
}

}  // namespace
}  // namespace citynet::node
