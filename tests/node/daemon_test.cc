// citynetd end to end: real daemon processes on 127.0.0.1, driven through their control
// sockets, with the networks of ARCHITECTURE.md:
//
//   c40               copenhagen, c40, beijing, buenos-aires
//   eurocities        copenhagen, eurocities
//   ssc-beijing       copenhagen, beijing
//   ssc-buenos-aires  copenhagen, buenos-aires
//
// Links (who dials whom, each through a proxy the test can cut): copenhagen dials c40,
// eurocities, beijing and buenos-aires; buenos-aires dials c40. beijing has no direct link to
// c40 or buenos-aires: their c40 records reach it only by relay through copenhagen.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <zmq.hpp>

#include "node/net/internal/curve_socket.h"
#include "node/net/transport.h"
#include "protocol/codec.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "tests/node/daemon_harness.h"
#include "tests/protocol/test_util.h"

namespace citynet::testing {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// libsodium must be initialised before the test makes keys of its own.
class CryptoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(protocol::InitCrypto().ok()); }
};
const auto* const kCrypto = ::testing::AddGlobalTestEnvironment(new CryptoEnvironment);

std::vector<NodeSpec> CityNodes() {
  return {{"copenhagen", {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"}},
          {"c40", {"c40"}},
          {"eurocities", {"eurocities"}},
          {"beijing", {"c40", "ssc-beijing"}},
          {"buenos-aires", {"c40", "ssc-buenos-aires"}}};
}

std::vector<LinkSpec> CityLinks() {
  return {{"copenhagen", "c40"},
          {"copenhagen", "eurocities"},
          {"copenhagen", "beijing"},
          {"copenhagen", "buenos-aires"},
          {"buenos-aires", "c40"}};
}

bool Holds(DaemonMesh& mesh, const std::string& node, const std::string& id) {
  auto r = mesh.Call(node, "record.get", {{"id", id}});
  return r.ok();
}

uint64_t Refused(const json& status, const std::string& reason) {
  const json& r = status["refused"];
  return r.contains(reason) ? r[reason].get<uint64_t>() : 0;
}

// A raw CURVE client speaking to a daemon's mesh port with a transport key of the test's choice.
class RawPeer {
 public:
  RawPeer(const protocol::TransportKey& key, const TransportPublicKey& server, uint16_t port)
      : context_(std::move(node::TransportContext::Create()).value()) {
    node::SocketOptions options;
    options.max_message_bytes = int64_t{64} << 20;
    socket_ =
        std::move(node::OpenCurveClient(*context_, zmq::socket_type::dealer, key, server, options))
            .value();
    socket_.connect("tcp://127.0.0.1:" + std::to_string(port));
  }
  ~RawPeer() { socket_.close(); }

  void Send(const protocol::Envelope& e) {
    Bytes b = protocol::EncodeEnvelope(e);
    socket_.send(zmq::buffer(b.data(), b.size()), zmq::send_flags::none);
  }
  void SendRaw(const std::string& bytes) {
    socket_.send(zmq::buffer(bytes), zmq::send_flags::none);
  }
  // Messages received within `wait`.
  std::vector<protocol::Envelope> Receive(std::chrono::milliseconds wait) {
    std::vector<protocol::Envelope> out;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, 50ms);
      zmq::message_t m;
      while (socket_.recv(m, zmq::recv_flags::dontwait)) {
        auto e =
            protocol::DecodeEnvelope(ByteView(static_cast<const uint8_t*>(m.data()), m.size()));
        if (e.ok()) out.push_back(std::move(e).value());
      }
    }
    return out;
  }

 private:
  std::unique_ptr<node::TransportContext> context_;
  zmq::socket_t socket_;
};

protocol::TransportKey TransportKeyOf(DaemonMesh& mesh, const std::string& node) {
  return std::move(protocol::LoadTransportKeyFile(mesh.KeyDir(node) + "/transport.key")).value();
}
protocol::SigningKey SigningKeyOf(DaemonMesh& mesh, const std::string& node) {
  return std::move(protocol::LoadSigningKeyFile(mesh.KeyDir(node) + "/signing.key")).value();
}

protocol::SignedRecord Sign(const protocol::SigningKey& key, const std::string& network,
                            uint64_t seq, std::optional<RecordId> prev, const std::string& title) {
  protocol::RecordDraft d;
  d.network = network;
  d.seq = seq;
  d.prev = prev;
  d.created_at_ms = kTestTimeMs;
  protocol::CaseStudy c = SampleCase();
  c.title = title;
  return std::move(protocol::SignRecord(key, d, protocol::Payload{c})).value();
}

TEST(DaemonTest, ACaseReachesTheMembersOfItsNetworkAndNoOneElse) {
  DaemonMesh mesh(CityNodes(), CityLinks());
  mesh.StartAll();

  const std::string c40_case = mesh.Publish("copenhagen", "c40", "Cycle superhighways (c40)");
  const std::string bilateral = mesh.Publish("copenhagen", "ssc-beijing", "Wastewater (bilateral)");
  const std::string euro = mesh.Publish("copenhagen", "eurocities", "Climate plan (eurocities)");
  // Authored at c40, which beijing has no link to: it arrives by relay through copenhagen.
  const std::string from_c40 = mesh.Publish("c40", "c40", "Green bonds (from c40)");

  for (const std::string node : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_TRUE(WaitFor([&] { return Holds(mesh, node, c40_case); }))
        << node << " did not receive the c40 case:\n"
        << mesh.LogTail(node);
    EXPECT_TRUE(WaitFor([&] { return Holds(mesh, node, from_c40); }))
        << node << " did not receive c40's own case";
  }
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "beijing", bilateral); }));
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "eurocities", euro); }));
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "copenhagen", from_c40); }));

  // Give catch-up two more rounds (1 s each), then check who must not hold what.
  std::this_thread::sleep_for(2500ms);
  EXPECT_TRUE(mesh.Ids("eurocities", "c40").empty());
  EXPECT_FALSE(Holds(mesh, "eurocities", c40_case));
  EXPECT_FALSE(Holds(mesh, "eurocities", from_c40));
  EXPECT_FALSE(Holds(mesh, "eurocities", bilateral));
  for (const std::string node : {"c40", "buenos-aires", "eurocities"}) {
    EXPECT_FALSE(Holds(mesh, node, bilateral)) << node << " holds the ssc-beijing case";
  }
  for (const std::string node : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_FALSE(Holds(mesh, node, euro)) << node << " holds the eurocities case";
  }
  // The c40 sets are identical everywhere in c40.
  const auto want = mesh.Ids("copenhagen", "c40");
  EXPECT_EQ(want.size(), 2u);
  for (const std::string node : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_EQ(mesh.Ids(node, "c40"), want) << node;
  }
  // What the record says about where it came from.
  auto got = mesh.Call("beijing", "record.get", {{"id", from_c40}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["author_name"], "c40");
  EXPECT_EQ((*got)["received_from"], "copenhagen");
  EXPECT_EQ((*got)["case"]["title"], "Green bonds (from c40)");

  auto status = mesh.Status("copenhagen");
  EXPECT_EQ(status["peers"].size(), 4u);
  for (const json& p : status["peers"]) EXPECT_TRUE(p["connected"].get<bool>()) << p.dump();
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(DaemonTest, UnknownKeysGetNothingAndAMemberGetsNothingOfOtherNetworks) {
  DaemonMesh mesh(
      {{"copenhagen", {"c40", "eurocities"}}, {"c40", {"c40"}}, {"eurocities", {"eurocities"}}},
      {{"copenhagen", "c40"}, {"copenhagen", "eurocities"}});
  mesh.StartAll();
  const std::string c40_case = mesh.Publish("copenhagen", "c40", "for c40 only");
  ASSERT_TRUE(WaitFor([&] { return Holds(mesh, "c40", c40_case); }));
  const auto server = TransportKeyOf(mesh, "copenhagen").public_key();
  const auto cph_key = SigningKeyOf(mesh, "copenhagen").public_key();

  {  // A key that is in no roster: the handshake is refused, nothing arrives.
    RawPeer stranger(protocol::TransportKey::Generate(), server, mesh.ListenPort("copenhagen"));
    protocol::SyncSummary s;
    s.networks.push_back(protocol::NetworkSummary{"c40", Hash256{}, 0});
    stranger.Send(protocol::Envelope{s});
    stranger.Send(protocol::Envelope{protocol::SyncPull{cph_key, "c40", 1, 100}});
    EXPECT_TRUE(stranger.Receive(1500ms).empty());
  }
  EXPECT_GE(mesh.Status("copenhagen")["zap"]["denied_unknown_key"].get<uint64_t>(), 1u);

  {  // eurocities' own key, asking for everything of c40: answered with nothing.
    RawPeer member(TransportKeyOf(mesh, "eurocities"), server, mesh.ListenPort("copenhagen"));
    protocol::SyncSummary s;
    s.networks.push_back(protocol::NetworkSummary{"c40", Hash256{}, 0});
    member.Send(protocol::Envelope{s});
    member.Send(protocol::Envelope{protocol::SyncPull{cph_key, "c40", 1, 100}});
    for (const protocol::Envelope& e : member.Receive(1500ms)) {
      if (const auto* batch = std::get_if<protocol::SyncBatch>(&e.body)) {
        EXPECT_NE(batch->network, "c40") << "a c40 batch reached a non-member";
      }
      if (const auto* rec = std::get_if<protocol::SignedRecord>(&e.body)) {
        auto h = protocol::DecodeHeader(rec->header);
        ASSERT_TRUE(h.ok());
        EXPECT_NE(h->network, "c40");
      }
    }
  }
  json status = mesh.Status("copenhagen");
  EXPECT_GE(Refused(status, "pull of a network not shared"), 1u) << status["refused"].dump();
  EXPECT_GE(Refused(status, "summary of a network not shared"), 1u);
  EXPECT_TRUE(mesh.Ids("eurocities", "c40").empty());
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(DaemonTest, JunkAndOversizeFramesDoNotStallOthersAndTheDaemonReconnects) {
  DaemonMesh mesh(
      {{"copenhagen", {"c40", "eurocities"}}, {"c40", {"c40"}}, {"eurocities", {"eurocities"}}},
      {{"copenhagen", "c40"}, {"copenhagen", "eurocities"}});
  mesh.StartAll();
  const uint16_t cph_port = mesh.ListenPort("copenhagen");

  // Junk on the mesh port, from a raw TCP client that stays connected.
  int junk = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(cph_port);
  ASSERT_EQ(::connect(junk, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string garbage(64 * 1024, '\xff');
  ASSERT_GT(::send(junk, garbage.data(), garbage.size(), MSG_NOSIGNAL), 0);

  // An oversize frame from a member key (libzmq drops that connection).
  const auto server = TransportKeyOf(mesh, "copenhagen").public_key();
  RawPeer big(TransportKeyOf(mesh, "eurocities"), server, cph_port);
  big.SendRaw(std::string(12u << 20, 'x'));

  const std::string id = mesh.Publish("copenhagen", "c40", "still delivered");
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "c40", id); }, 20s)) << mesh.LogTail("copenhagen");
  ::close(junk);

  // Now the other way: copenhagen dials eurocities, whose place is taken by an impostor server
  // with eurocities' key that answers with an oversize message. libzmq drops the connection and
  // would never dial again; the daemon must.
  mesh.Stop("eurocities");
  {
    auto context = std::move(node::TransportContext::Create()).value();
    node::ZapHandler::Options zap;
    zap.domain = "citynet";
    zap.allowlist.emplace(server, "copenhagen");
    auto handler = std::move(node::ZapHandler::Start(*context, zap)).value();
    node::SocketOptions options;
    options.max_message_bytes = int64_t{64} << 20;
    auto router =
        std::move(node::OpenCurveServer(*context, zmq::socket_type::router,
                                        TransportKeyOf(mesh, "eurocities"), "citynet", options))
            .value();
    router.bind("tcp://127.0.0.1:" + std::to_string(mesh.ListenPort("eurocities")));
    zmq::message_t routing_id, payload;
    bool answered = false;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!answered && std::chrono::steady_clock::now() < deadline) {
      zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, 100ms);
      if (router.recv(routing_id, zmq::recv_flags::dontwait)) {
        (void)router.recv(payload, zmq::recv_flags::dontwait);
        router.send(routing_id, zmq::send_flags::sndmore);
        router.send(zmq::buffer(std::string(12u << 20, 'y')), zmq::send_flags::none);
        answered = true;
      }
    }
    EXPECT_TRUE(answered) << "copenhagen never dialed the impostor";
    std::this_thread::sleep_for(500ms);
    router.close();
  }
  mesh.Start("eurocities");
  const std::string euro = mesh.Publish("copenhagen", "eurocities", "after the impostor");
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "eurocities", euro); }, 30s))
      << "copenhagen did not reconnect:\n"
      << mesh.LogTail("copenhagen");
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(DaemonTest, ANodeStoppedDuringPublishingCatchesUpAfterRestart) {
  const char* env = std::getenv("CITYNET_DAEMON_PUBLISHES");
  const int total = env != nullptr ? std::atoi(env) : 10000;
  DaemonMesh mesh(CityNodes(), CityLinks());
  mesh.StartAll();
  for (int i = 0; i < total; ++i) {
    if (i == total / 3) mesh.Stop("beijing");
    if (i == 2 * total / 3) mesh.Start("beijing");
    mesh.Publish("copenhagen", i % 2 ? "c40" : "ssc-beijing", "case " + std::to_string(i));
  }
  for (const std::string network : {"c40", "ssc-beijing"}) {
    const auto want = mesh.Heads("copenhagen", network);
    EXPECT_TRUE(WaitFor([&] { return mesh.Heads("beijing", network) == want; }, 120s))
        << network << ":\n"
        << mesh.LogTail("beijing");
  }
  EXPECT_EQ(mesh.Ids("beijing", "c40").size(), static_cast<std::size_t>(total / 2));
  EXPECT_EQ(mesh.Ids("beijing", "ssc-beijing").size(), static_cast<std::size_t>(total - total / 2));
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(DaemonTest, APartitionWithPublishingOnBothSidesHeals) {
  DaemonMesh mesh(CityNodes(), CityLinks());
  mesh.StartAll();
  mesh.Publish("copenhagen", "c40", "before the partition");
  // Split {copenhagen, eurocities, beijing} from {c40, buenos-aires}.
  mesh.Cut("copenhagen", "c40");
  mesh.Cut("copenhagen", "buenos-aires");
  std::this_thread::sleep_for(500ms);
  std::vector<std::string> published;
  for (int i = 0; i < 20; ++i) {
    published.push_back(mesh.Publish("copenhagen", "c40", "cph side " + std::to_string(i)));
    published.push_back(mesh.Publish("beijing", "c40", "beijing side " + std::to_string(i)));
    published.push_back(mesh.Publish("c40", "c40", "c40 side " + std::to_string(i)));
    published.push_back(mesh.Publish("buenos-aires", "c40", "ba side " + std::to_string(i)));
  }
  const std::string bilateral = mesh.Publish("copenhagen", "ssc-buenos-aires", "while apart");
  // Each side converges within itself, and not across.
  const std::string last_ba = published.back();
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "c40", last_ba); }));
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(Holds(mesh, "copenhagen", last_ba));
  EXPECT_FALSE(Holds(mesh, "buenos-aires", bilateral));

  mesh.Heal("copenhagen", "c40");
  mesh.Heal("copenhagen", "buenos-aires");
  for (const std::string node : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_TRUE(WaitFor([&] { return mesh.Ids(node, "c40") == mesh.Ids("copenhagen", "c40"); }))
        << node;
  }
  const auto want = mesh.Ids("copenhagen", "c40");
  EXPECT_EQ(want.size(), published.size() + 1);
  for (const std::string node : {"c40", "beijing", "buenos-aires"}) {
    EXPECT_EQ(mesh.Heads(node, "c40"), mesh.Heads("copenhagen", "c40")) << node;
  }
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "buenos-aires", bilateral); }));
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

// A node whose store was lost, restored with `citynetd --restored` (docs/backup-restore.md):
// it signs nothing, a publish is refused with the reason, until its partner has shown its copy
// of the node's feed and the node has it back; then it publishes at the next seq and no node
// holds fork evidence.
TEST(DaemonTest, ARestoredNodeSignsNothingUntilItsOwnFeedIsBackAndDoesNotFork) {
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {{"c40", "copenhagen"}});
  mesh.StartAll();
  for (int i = 0; i < 3; ++i) mesh.Publish("c40", "c40", "before the failure " + std::to_string(i));
  const auto before = mesh.Heads("c40", "c40");
  ASSERT_TRUE(WaitFor([&] { return mesh.Heads("copenhagen", "c40") == before; }));
  mesh.Stop("c40");
  std::filesystem::remove_all(mesh.Dir("c40") + "/data/store");  // the disk is lost; keys kept

  const std::string restored = std::string(CITYNETD_BINARY) + " --restored --config " +
                               mesh.ConfigPath("c40") + " > " + mesh.Dir("c40") + "/restored.log";
  ASSERT_EQ(std::system(restored.c_str()), 0);
  ASSERT_TRUE(std::filesystem::exists(mesh.Dir("c40") + "/data/restore-hold"));
  mesh.Cut("c40", "copenhagen");
  mesh.Start("c40");
  json hold = mesh.Status("c40")["restore_hold"];
  ASSERT_TRUE(hold.contains("c40")) << hold.dump();
  EXPECT_EQ(hold["c40"]["partners"][0]["name"], "copenhagen");
  EXPECT_FALSE(hold["c40"]["partners"][0]["heard"].get<bool>());
  auto refused = mesh.TryPublish("c40", "c40", "too early");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("restored from a backup"), std::string::npos)
      << refused.status().message();

  mesh.Heal("c40", "copenhagen");
  EXPECT_TRUE(WaitFor([&] { return mesh.Status("c40")["restore_hold"].empty(); }))
      << mesh.Status("c40")["restore_hold"].dump() << mesh.LogTail("c40");
  EXPECT_FALSE(std::filesystem::exists(mesh.Dir("c40") + "/data/restore-hold"));
  // What the operator reads in the journal.
  const std::string log = mesh.LogTail("c40");
  EXPECT_NE(log.find("restored from a backup: signing nothing in c40"), std::string::npos) << log;
  EXPECT_NE(log.find("partner copenhagen connected"), std::string::npos) << log;
  EXPECT_NE(log.find("restore hold ended in network c40"), std::string::npos) << log;
  EXPECT_EQ(mesh.Heads("c40", "c40"), before);
  mesh.Publish("c40", "c40", "after the restore");
  const auto after = mesh.Heads("c40", "c40");
  EXPECT_TRUE(WaitFor([&] { return mesh.Heads("copenhagen", "c40") == after; }));
  for (const std::string node : {"copenhagen", "c40"}) {
    EXPECT_EQ(mesh.Status(node)["records"]["fork_evidence"], 0) << node;
    EXPECT_TRUE(mesh.Status(node)["forks"].empty()) << node;
  }
  // The hold is gone for good: a restart signs at once.
  mesh.Stop("c40");
  mesh.Start("c40");
  EXPECT_TRUE(mesh.Status("c40")["restore_hold"].empty());
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

// A reload applies partners and the log level; what needs a restart is named in the log, and
// the node goes on with what it runs.
TEST(DaemonTest, AReloadSaysWhichChangesWaitForTheNextRestart) {
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {{"c40", "copenhagen"}});
  mesh.StartAll();
  mesh.options().extra_limits = "heartbeat_timeout_s = 12";
  mesh.WriteConfig("c40");
  ASSERT_TRUE(mesh.Call("c40", "node.reload").ok());
  EXPECT_TRUE(WaitFor([&] {
    return mesh.LogTail("c40").find("[limits] changed; it takes effect at the next restart") !=
           std::string::npos;
  })) << mesh.LogTail("c40");
  EXPECT_EQ(mesh.LogTail("c40").find("[datasets] changed"), std::string::npos);
  mesh.Publish("c40", "c40", "after the reload");
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

TEST(DaemonTest, ForgedNonMemberAndReplayedRecordsAreRefusedAndCounted) {
  // A sixth identity, "rogue", is copenhagen's partner in eurocities only; the test speaks for it.
  const protocol::SigningKey rogue = protocol::SigningKey::Generate();
  const protocol::TransportKey rogue_transport = protocol::TransportKey::Generate();
  char dir[] = "/tmp/cnr-XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string rogue_card_path = std::string(dir) + "/rogue.card";
  {
    protocol::NodeCard card;
    card.name = "rogue";
    card.display_name = "Rogue";
    card.transport_key = rogue_transport.public_key();
    card.networks = {"eurocities"};
    card.issued_at_ms = kTestTimeMs;
    auto signed_card = protocol::SignNodeCard(rogue, card);
    ASSERT_TRUE(signed_card.ok()) << signed_card.status().message();
    std::ofstream(rogue_card_path) << protocol::ArmorNodeCard(*signed_card);
  }
  DaemonMeshOptions options;
  options.extra_partner_toml["copenhagen"] =
      "[[partner]]\ncard = \"" + rogue_card_path +
      "\"\nnetworks = [\"eurocities\"]\nendpoint = \"none\"\n";
  DaemonMesh mesh({{"copenhagen", {"c40", "eurocities"}}, {"beijing", {"c40"}}},
                  {{"copenhagen", "beijing"}}, options);
  mesh.StartAll();
  RawPeer peer(rogue_transport, TransportKeyOf(mesh, "copenhagen").public_key(),
               mesh.ListenPort("copenhagen"));

  // A genuine first record by rogue in eurocities: accepted.
  protocol::SignedRecord first = Sign(rogue, "eurocities", 1, std::nullopt, "rogue's first");
  peer.Send(protocol::Envelope{first});
  const std::string first_id = protocol::VerifyRecord(first)->id.Hex();
  ASSERT_TRUE(WaitFor([&] { return Holds(mesh, "copenhagen", first_id); }, 20s))
      << mesh.LogTail("copenhagen");

  // Forged: the signature of seq 2 damaged.
  protocol::SignedRecord forged =
      Sign(rogue, "eurocities", 2, protocol::VerifyRecord(first)->id, "forged");
  forged.signature.data[5] ^= 0x01;
  peer.Send(protocol::Envelope{forged});
  // By a non-member: beijing's key, in eurocities (beijing is not a member there).
  peer.Send(protocol::Envelope{
      Sign(SigningKeyOf(mesh, "beijing"), "eurocities", 1, std::nullopt, "not a member")});
  // In a network the sender does not share with copenhagen.
  peer.Send(protocol::Envelope{Sign(rogue, "c40", 1, std::nullopt, "wrong network")});
  // Replayed: the first record again.
  peer.Send(protocol::Envelope{first});

  json status;
  EXPECT_TRUE(WaitFor(
      [&] {
        status = mesh.Status("copenhagen");
        return Refused(status, "bad signature") >= 1 &&
               Refused(status, "author not a member of the network") >= 1 &&
               Refused(status, "network not shared with the sender") >= 1 &&
               status["records"]["duplicate"].get<uint64_t>() >= 1;
      },
      20s))
      << status.dump(2);
  EXPECT_EQ(mesh.Ids("copenhagen", "eurocities").size(), 1u);
  EXPECT_TRUE(mesh.Ids("copenhagen", "c40").empty());
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
  std::filesystem::remove_all(dir);
}

TEST(DaemonTest, ARetractionPurgesThePayloadEverywhereAndReceiptsTravelBack) {
  // beijing has no link to c40: the retraction and c40's receipt travel through copenhagen.
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}, {"beijing", {"c40"}}},
                  {{"copenhagen", "c40"}, {"copenhagen", "beijing"}});
  mesh.StartAll();
  const std::string id = mesh.Publish("copenhagen", "c40", "to be retracted");
  const std::string kept = mesh.Publish("copenhagen", "c40", "kept");
  for (const std::string node : {"c40", "beijing"}) {
    ASSERT_TRUE(WaitFor([&] { return Holds(mesh, node, id); })) << node;
  }
  // Only the author may retract.
  auto refused = mesh.Call("c40", "case.retract", {{"id", id}, {"reason", "not mine"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);

  auto before = mesh.Call("beijing", "record.get", {{"id", id}});
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE((*before)["signature_verified"].get<bool>());

  // beijing is down when the retraction is issued: its receipt is pending until it is back.
  mesh.Stop("beijing");
  auto retracted =
      mesh.Call("copenhagen", "case.retract", {{"id", id}, {"reason", "consent withdrawn"}});
  ASSERT_TRUE(retracted.ok()) << retracted.status().message();
  json pending;
  EXPECT_TRUE(WaitFor([&] {
    pending = mesh.Status("copenhagen")["pending_erasures"];
    return pending.size() == 1 && pending[0]["confirmed"] == 1;
  })) << pending.dump(2);
  EXPECT_EQ(pending[0]["pending"], json::array({"beijing"}));
  EXPECT_EQ(pending[0]["target"], id);
  mesh.Start("beijing");
  auto payload_gone = [&](const std::string& node) {
    auto r = mesh.Call(node, "record.get", {{"id", id}});
    return r.ok() && (*r)["retracted"].get<bool>() && !r->contains("case");
  };
  for (const std::string node : {"copenhagen", "c40", "beijing"}) {
    EXPECT_TRUE(WaitFor([&] { return payload_gone(node); })) << node << mesh.LogTail(node);
  }
  json erasure;
  EXPECT_TRUE(WaitFor([&] {
    auto r = mesh.Call("copenhagen", "case.erasure", {{"id", id}});
    if (r.ok()) erasure = *r;
    return r.ok() && erasure["confirmed"].size() == 2;
  })) << erasure.dump(2);
  std::set<std::string> confirmed;
  for (const json& c : erasure["confirmed"]) {
    confirmed.insert(c["node"].get<std::string>());
    EXPECT_EQ(c["outcome"], "purged");
  }
  EXPECT_EQ(confirmed, (std::set<std::string>{"c40", "beijing"}));
  EXPECT_TRUE(erasure["pending"].empty());
  EXPECT_EQ(erasure["retraction"]["reason"], "consent withdrawn");
  EXPECT_TRUE(mesh.Status("copenhagen")["pending_erasures"].empty());
  // The other case is untouched, and retracting twice is refused.
  auto other = mesh.Call("beijing", "record.get", {{"id", kept}});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->contains("case"));
  auto again = mesh.Call("copenhagen", "case.retract", {{"id", id}, {"reason", "again"}});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  for (const std::string& n : mesh.Names()) mesh.Stop(n);
}

// A minimal HTTP GET against 127.0.0.1:port; the whole response.
std::string HttpGet(uint16_t port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  (void)!::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    response.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return response;
}

// The datagrams sd_notify sent to a socket the test made, as NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  ~NotifySocket() { ::close(fd_); }
  // Everything received so far, appended to what was read before.
  const std::string& Read() {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;) {
      all_.append(buf, static_cast<std::size_t>(n)).append("\n");
    }
    return all_;
  }

 private:
  std::string path_;
  int fd_ = -1;
  std::string all_;
};

TEST(DaemonTest, SighupAddsAPartnerAndSystemdAndPrometheusSeeTheNode) {
  DaemonMeshOptions options;
  options.metrics = true;
  options.omit_partners["copenhagen"] = {"c40"};  // copenhagen starts without c40
  DaemonMesh mesh({{"copenhagen", {"c40"}}, {"c40", {"c40"}}}, {{"copenhagen", "c40"}}, options);
  const std::string notify_path = mesh.root() + "/notify.sock";
  NotifySocket notify(notify_path);
  mesh.options().env["copenhagen"] = {"NOTIFY_SOCKET=" + notify_path};
  mesh.StartAll();
  EXPECT_TRUE(WaitFor([&] { return notify.Read().find("READY=1") != std::string::npos; }, 10s));
  EXPECT_NE(notify.Read().find("STATUS="), std::string::npos);

  const std::string id = mesh.Publish("copenhagen", "c40", "before c40 is a partner");
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(Holds(mesh, "c40", id));
  EXPECT_TRUE(mesh.Status("copenhagen")["peers"].empty());

  // A config with a problem is refused on reload; the node keeps running as it was.
  const std::string good = [&] {
    std::ifstream in(mesh.ConfigPath("copenhagen"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::ofstream(mesh.ConfigPath("copenhagen"))
      << good << "\n[[partner]]\ncard = \"/nonexistent\"\n";
  mesh.Signal("copenhagen", SIGHUP);
  EXPECT_TRUE(WaitFor(
      [&] { return mesh.LogTail("copenhagen").find("reload refused") != std::string::npos; }, 10s));
  EXPECT_TRUE(mesh.Call("copenhagen", "status").ok());

  // c40 added and SIGHUP: copenhagen dials it and the case arrives.
  mesh.options().omit_partners.clear();
  mesh.WriteConfig("copenhagen");
  mesh.Signal("copenhagen", SIGHUP);
  EXPECT_TRUE(WaitFor([&] { return Holds(mesh, "c40", id); }, 20s)) << mesh.LogTail("copenhagen");
  EXPECT_NE(notify.Read().find("RELOADING=1"), std::string::npos);
  json status = mesh.Status("copenhagen");
  ASSERT_EQ(status["peers"].size(), 1u);
  EXPECT_EQ(status["peers"][0]["name"], "c40");
  EXPECT_TRUE(status["peers"][0]["connected"].get<bool>());

  const std::string metrics = HttpGet(mesh.MetricsPort("copenhagen"), "/metrics");
  EXPECT_NE(metrics.find("HTTP/1.1 200"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("citynet_records_in_total{network=\"c40\"} 1\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("citynet_peers_connected 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("citynet_peer_up{peer=\"c40\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("citynet_peer_sync_lag_records{peer=\"c40\"} 0\n"), std::string::npos);
  const std::string c40_metrics = HttpGet(mesh.MetricsPort("c40"), "/metrics");
  EXPECT_NE(c40_metrics.find("citynet_records_in_total{network=\"c40\"} 1\n"), std::string::npos)
      << c40_metrics;

  mesh.Stop("copenhagen");
  EXPECT_NE(notify.Read().find("STOPPING=1"), std::string::npos);
  mesh.Stop("c40");
}

}  // namespace
}  // namespace citynet::testing
