// The mesh over real CURVE sockets on 127.0.0.1: nodes in one process, each with its own
// ZeroMQ context, ZAP handler, store and sync engine, driven in turn by the test.
#include "node/net/mesh.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <map>
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
  std::unique_ptr<EventLoop> loop = std::move(EventLoop::Create()).value();
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
  // `max_peers` sets [limits] max_peers for the nodes it names.
  void Start(const std::vector<std::pair<std::string, std::string>>& dials,
             const std::map<std::string, std::size_t>& max_peers = {}) {
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
      options.catch_up_interval = catch_up_interval_;
      options.on_link = [this, name = n->name](const std::string& partner, bool up) {
        link_events_.push_back(name + (up ? " up " : " down ") + partner);
      };
      if (auto m = max_peers.find(n->name); m != max_peers.end()) options.max_peers = m->second;
      options.log = [this, name = n->name](std::string_view line) {
        log_lines_.push_back(name + ": " + std::string(line));
      };
      auto mesh =
          Mesh::Create(*n->loop, *n->context, n->transport, *n->roster, *n->engine, options, {});
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
        if (n->mesh) {
          EXPECT_TRUE(n->loop->RunOnce(5ms).ok());
        }
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

  // A node that is not in anyone's roster but whose own roster names `target` as a partner in
  // c40, and that dials `target`: an intruder, or a city not yet added.
  std::unique_ptr<MeshNode> Outsider(const std::string& name, uint8_t seed, MeshNode& target,
                                     TransportKey transport = TransportKey::Generate()) {
    auto n = std::make_unique<MeshNode>(name, testing::TestKey(seed), std::set<std::string>{"c40"});
    n->transport = std::move(transport);
    store::StoreOptions o;
    o.path = n->dir.File("store");
    o.search = false;
    n->store = std::move(store::OpenStore(o)).value();
    n->context = std::move(TransportContext::Create()).value();
    n->roster = std::make_unique<Roster>(
        Member{name, n->key.public_key(), n->transport.public_key(), {"c40"}},
        std::vector<Member>{
            Member{target.name, target.key.public_key(), target.transport.public_key(), {"c40"}}});
    n->engine = std::make_unique<SyncEngine>(n->store.get(), n->roster.get(), &n->key);
    MeshOptions options;
    options.clock = [] { return testing::kTestTimeMs; };
    options.listen = {"tcp://127.0.0.1:*"};
    n->mesh = std::move(Mesh::Create(*n->loop, *n->context, n->transport, *n->roster, *n->engine,
                                     options,
                                     {Dial{target.name, target.mesh->endpoints()[0],
                                           target.transport.public_key()}}))
                  .value();
    return n;
  }

  std::vector<std::unique_ptr<MeshNode>> nodes_;
  std::vector<std::string> log_lines_;
  std::vector<std::string> link_events_;
  std::chrono::milliseconds catch_up_interval_ = 2s;
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
  auto intruder_owner = Outsider("intruder", 66, cph);
  MeshNode& intruder = *intruder_owner;

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
    EXPECT_TRUE(intruder.loop->RunOnce(1ms).ok());
    return Node("c40").store->Get(ids.back()).ok() &&
           cph.mesh->zap().stats().denied_unknown_key >= 1;
  };
  ASSERT_TRUE(RunUntil(run_all)) << "c40 did not get the records while junk and an intruder "
                                    "were at copenhagen's door";
  ::close(junk);
  // Give the intruder every chance: a few more rounds of everyone's loops.
  RunUntil(
      [&] {
        EXPECT_TRUE(intruder.loop->RunOnce(1ms).ok());
        return false;
      },
      500ms);
  for (const RecordId& id : ids) EXPECT_FALSE(intruder.store->Get(id).ok());
  EXPECT_EQ(intruder.store->LastLocalSeq(), 0u);
  EXPECT_GE(cph.mesh->zap().stats().denied_unknown_key, 1u);
  EXPECT_EQ(cph.mesh->stats().unknown_sender, 0u);  // nothing unauthenticated got in
}

// A reload that fails (here: a dial whose endpoint cannot be connected) changes nothing: the
// new roster's partner is not admitted, the old links are reported, and the caller may destroy
// the roster it offered. Before, the mesh kept a pointer to the destroyed roster and had
// already admitted the new partner's key.
TEST_F(MeshTest, AFailedRosterReloadChangesNothing) {
  Add("copenhagen", 1, {"c40"});
  Add("c40", 2, {"c40"});
  Start({{"copenhagen", "c40"}});
  MeshNode& cph = Node("copenhagen");
  ASSERT_TRUE(RunUntil([&] { return cph.engine->connected().count("c40") != 0; }));

  TransportKey newcomer = TransportKey::Generate();
  const TransportPublicKey newcomer_public = newcomer.public_key();
  {
    std::vector<Member> partners = cph.roster->partners();
    partners.push_back(Member{"buenos-aires", testing::TestKey(7).public_key(),
                              newcomer_public, {"c40"}});
    auto offered = std::make_unique<Roster>(cph.roster->self(), partners);
    Status reload = cph.mesh->SetRoster(
        *offered, {Dial{"buenos-aires", "tcp://no-port-given", newcomer_public}});
    ASSERT_FALSE(reload.ok());
    EXPECT_NE(reload.ToString().find("buenos-aires"), std::string::npos) << reload.ToString();
  }  // the offered roster is gone, as in citynetd when a reload fails

  std::vector<PeerLink> links = cph.mesh->Links();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].partner, "c40");
  EXPECT_TRUE(links[0].outbound_up);

  // The newcomer's key was not admitted: its handshake is refused.
  auto outsider = Outsider("buenos-aires", 7, cph, std::move(newcomer));
  ASSERT_TRUE(RunUntil([&] {
    EXPECT_TRUE(outsider->loop->RunOnce(1ms).ok());
    return cph.mesh->zap().stats().denied_unknown_key >= 1;
  })) << "a key from a reload that failed was admitted";
  EXPECT_EQ(cph.mesh->zap().stats().denied_unknown_key, 1u);
}

// [limits] max_peers bounds the partners a node serves at once. Copenhagen allows one: of the
// two partners that dial it, one is served and one is refused (counted and logged once, by
// name) until the first goes away; records still reach the refused one through relay.
TEST_F(MeshTest, APartnerBeyondMaxPeersIsNotServedUntilALinkFrees) {
  Add("copenhagen", 1, {"c40"});
  Add("c40", 2, {"c40"});
  Add("eurocities", 3, {"c40"});
  Start({{"c40", "copenhagen"}, {"eurocities", "copenhagen"}, {"c40", "eurocities"}},
        {{"copenhagen", 1}});
  MeshNode& cph = Node("copenhagen");
  ASSERT_TRUE(RunUntil([&] {
    return cph.engine->connected().size() == 1 && cph.mesh->stats().over_max_peers >= 3;
  })) << "copenhagen served " << cph.engine->connected().size() << " partners";
  const std::string served = *cph.engine->connected().begin();
  const std::string refused = served == "c40" ? "eurocities" : "c40";
  std::size_t refusals_logged = 0;
  for (const std::string& line : log_lines_) {
    if (line.find("partner " + refused + " is not served") != std::string::npos)
      ++refusals_logged;
  }
  EXPECT_EQ(refusals_logged, 1u);

  // A case published at copenhagen reaches both: the refused partner through the served one.
  RecordId id = Publish("copenhagen", "c40", "relayed past the limit");
  ASSERT_TRUE(RunUntil([&] { return Node(refused).store->Get(id).ok(); }));
  EXPECT_EQ(cph.engine->connected().size(), 1u);

  // The served partner goes away; the refused one is served with its next message.
  Node(served).mesh.reset();
  ASSERT_TRUE(RunUntil([&] { return cph.engine->connected().count(refused) != 0; }, 20s))
      << "the refused partner was not served when a link freed up";
}

// A partner that only dials in is noticed down when its connection closes, without waiting
// for a send to it to fail: here copenhagen would send nothing for an hour.
TEST_F(MeshTest, APartnerThatOnlyDialsInIsNoticedDownWhenItsConnectionCloses) {
  catch_up_interval_ = 1h;
  Add("copenhagen", 1, {"c40"});
  Add("c40", 2, {"c40"});
  Start({{"c40", "copenhagen"}});
  MeshNode& cph = Node("copenhagen");
  ASSERT_TRUE(RunUntil([&] { return cph.engine->connected().count("c40") != 0; }));
  ASSERT_TRUE(cph.mesh->Links()[0].inbound_up);

  Node("c40").mesh.reset();  // c40 stops
  ASSERT_TRUE(RunUntil([&] { return cph.engine->connected().empty(); }, 5s))
      << "copenhagen still counts c40 as connected";
  EXPECT_FALSE(cph.mesh->Links()[0].inbound_up);
  EXPECT_EQ(link_events_.back(), "copenhagen down c40");
}

}  // namespace
}  // namespace citynet::node
