// Dataset bodies between nodes: BodyTransfer beside SyncEngine on real stores, every message
// encoded and decoded, delivered in order over the links a test sets up. Time only moves when a
// test moves it; the worker thread is waited for (WaitIdle) and its results collected when its
// eventfd polls readable, so every run is the same.
//
// Networks: c40: copenhagen, c40, beijing      eurocities: copenhagen, eurocities
#include "node/engine/body_transfer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>

#include <deque>
#include <memory>

#include "node/privacy/gate.h"
#include "node/engine/sync_engine.h"
#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;
using store::BodyState;
using ::testing::HasSubstr;

const privacy::Gate& TheGate() {
  static const privacy::Gate* gate = new privacy::Gate();  // costly: one per test binary
  return *gate;
}

struct SimNode {
  std::string name;
  SigningKey key;
  std::set<std::string> networks;
  std::unique_ptr<testing::TempDir> dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Roster> roster;
  std::unique_ptr<BodyTransfer> bodies;
  std::unique_ptr<SyncEngine> engine;
};

// A dataset's record and its body's chunks.
struct Body {
  Dataset dataset;
  std::vector<std::string> chunks;
};

std::vector<ByteView> Views(const std::vector<std::string>& chunks) {
  std::vector<ByteView> out;
  for (const std::string& c : chunks) out.push_back(AsBytes(c));
  return out;
}

std::string Text(const Bytes& b) { return std::string(b.begin(), b.end()); }

class BodyMesh {
 public:
  explicit BodyMesh(BodyTransferOptions options = {}) : options_(options) {
    Add("copenhagen", 1, {"c40", "eurocities"});
    Add("c40", 2, {"c40"});
    Add("eurocities", 3, {"eurocities"});
    Add("beijing", 4, {"c40"});
    for (auto& [name, node] : nodes_) Build(*node);
  }

  SimNode& operator[](const std::string& name) { return *nodes_.at(name); }

  // The node's engine and body transfer over its store, as citynetd makes them at start.
  void Build(SimNode& node) {
    if (!node.store) {
      store::StoreOptions o;
      o.path = node.dir->File("store");
      o.search = false;
      node.store = std::move(store::OpenStore(o)).value();
    }
    std::vector<Member> partners;
    for (auto& [other_name, other] : nodes_) {
      if (other_name == node.name) continue;
      Member m{other_name, other->key.public_key(), TransportPublicKey{}, {}};
      for (const auto& n : other->networks) {
        if (node.networks.count(n)) m.networks.insert(n);
      }
      if (!m.networks.empty()) partners.push_back(std::move(m));
    }
    node.roster = std::make_unique<Roster>(
        Member{node.name, node.key.public_key(), TransportPublicKey{}, node.networks}, partners);
    node.engine = std::make_unique<SyncEngine>(node.store.get(), node.roster.get(), &node.key);
    node.bodies = std::move(BodyTransfer::Create(node.store.get(), node.roster.get(),
                                                 &TheGate(), node.key.public_key(), options_))
                      .value();
    node.engine->SetBodyTransfer(node.bodies.get());
  }

  // Stops the node as citynetd stops (the worker joined, the store closed) and starts it again
  // over the same directory. Its links are cut.
  void Restart(const std::string& name) {
    for (auto& [other, node] : nodes_) {
      if (other != name && Linked(name, other)) Cut(name, other);
    }
    SimNode& n = (*this)[name];
    n.engine.reset();
    n.bodies.reset();
    n.store.reset();
    Build(n);
    Status resumed = n.bodies->Resume(now_ms);
    EXPECT_TRUE(resumed.ok()) << resumed.ToString();
  }

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

  // Delivers one message; false when nothing is in flight.
  bool Step() {
    while (!queue_.empty()) {
      Delivery d = std::move(queue_.front());
      queue_.pop_front();
      if (!Linked(d.from, d.to)) continue;  // cut while in flight
      auto env = DecodeEnvelope(d.bytes);
      EXPECT_TRUE(env.ok()) << env.status().ToString();
      if (!env.ok()) continue;
      delivered_.push_back({d.from, d.to, *env});
      Send(d.to, (*this)[d.to].engine->OnMessage(d.from, *env, now_ms));
      return true;
    }
    return false;
  }

  // Waits for `node`'s worker and collects its results when its eventfd says there are some.
  bool Wake(SimNode& node) {
    node.bodies->WaitIdle();
    pollfd p{node.bodies->wake_fd(), POLLIN, 0};
    if (::poll(&p, 1, 0) != 1) return false;
    Send(node.name, node.bodies->OnWake(now_ms));
    return true;
  }

  // Delivers and verifies until nothing is in flight and no worker has anything to report.
  void Settle() {
    for (int round = 0; round < 100000; ++round) {
      bool busy = false;
      while (Step()) busy = true;
      for (auto& [name, node] : nodes_) busy = Wake(*node) || busy;
      if (!busy) return;
    }
    ADD_FAILURE() << "the mesh did not settle";
  }

  // Moves the clock and ticks every node.
  void Tick(int64_t advance_ms = 0) {
    now_ms += advance_ms;
    for (auto& [name, node] : nodes_) {
      node->engine->Tick(now_ms);
      Send(name, node->bodies->Tick(now_ms));
    }
  }

  // Publishes `body` as a dataset of `node` in `network`, its chunks stored complete first.
  RecordId Publish(const std::string& node, const std::string& network, Body body) {
    body.dataset.networks = {network};
    SimNode& n = (*this)[node];
    auto published = n.engine->Publish(network, body.dataset, now_ms);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    const auto count = static_cast<uint32_t>(body.chunks.size());
    Status put =
        n.store->PutChunks(published->id, 0, Views(body.chunks),
                           store::BodyStatus{BodyState::kComplete, count, now_ms, ""}, true);
    EXPECT_TRUE(put.ok()) << put.ToString();
    Send(node, std::move(published->pushes));
    return published->id;
  }

  // The chunks `from` sent to `to` so far (held ones), by index.
  std::vector<uint32_t> ChunksSent(const std::string& from, const std::string& to) const {
    std::vector<uint32_t> out;
    for (const auto& d : delivered_) {
      if (d.from != from || d.to != to) continue;
      if (const auto* c = std::get_if<ChunkData>(&d.message.body); c && c->held) {
        out.push_back(c->index);
      }
    }
    return out;
  }
  // Every chunk index `from` asked for.
  std::vector<uint32_t> ChunksPulled(const std::string& from) const {
    std::vector<uint32_t> out;
    for (const auto& d : delivered_) {
      if (d.from != from) continue;
      if (const auto* p = std::get_if<ChunkPull>(&d.message.body)) {
        out.insert(out.end(), p->indices.begin(), p->indices.end());
      }
    }
    return out;
  }
  void ForgetDelivered() { delivered_.clear(); }

  int64_t now_ms = testing::kTestTimeMs;

 private:
  struct Delivery {
    std::string from, to;
    Bytes bytes;
  };
  struct Delivered {
    std::string from, to;
    Envelope message;
  };

  void Add(const std::string& name, uint8_t seed, std::set<std::string> networks) {
    nodes_.emplace(
        name, std::make_unique<SimNode>(SimNode{name, testing::TestKey(seed), std::move(networks),
                                                std::make_unique<testing::TempDir>(), nullptr,
                                                nullptr, nullptr, nullptr}));
  }

  BodyTransferOptions options_;
  std::map<std::string, std::unique_ptr<SimNode>> nodes_;
  std::set<std::pair<std::string, std::string>> links_;
  std::deque<Delivery> queue_;
  std::vector<Delivered> delivered_;
};

// Metadata every test dataset shares.
Dataset Metadata() {
  Dataset d = testing::SampleDataset();
  d.title = "Commuting survey 2025";
  d.description = "How long residents take to get to work, by district.";
  d.themes = {"mobility"};
  return d;
}

// 400 survey rows through the real gate, in chunks of about 1 KiB (a dozen or so).
Body GateBody() {
  std::string csv = "age,gender,district,commute_minutes\n";
  const char* districts[] = {"Amager", "Valby", "Nordvest", "Vesterbro"};
  for (int i = 0; i < 400; ++i) {
    csv += fmt::format("{},{},{},{}\n", 20 + (i * 7) % 50, i % 2 == 0 ? "f" : "m",
                       districts[(i / 2) % 4], 5 + (i * 13) % 55);
  }
  privacy::GateOptions options;
  options.chunk_bytes = 1024;
  auto out = TheGate().Publish(csv, options);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  Body b;
  b.dataset = Metadata();
  b.dataset.columns = out->columns;
  b.dataset.privacy = out->report;
  b.dataset.body = out->body;
  b.chunks = out->chunks;
  return b;
}

// A body built by hand: `header` then `rows`, `rows_per_chunk` rows a chunk, with a report that
// claims k = 5 over `quasi`. The hashes and sizes match the chunks; whether the rows keep the
// report's promise is up to the test.
Body HandBody(const std::vector<Column>& columns, const std::vector<std::string>& rows,
              std::size_t rows_per_chunk, std::vector<std::string> quasi) {
  Body b;
  b.dataset = Metadata();
  b.dataset.columns = columns;
  PrivacyReport& r = b.dataset.privacy;
  r = PrivacyReport{};
  r.k_required = 5;
  r.k_reached = 5;
  r.quasi_identifiers = std::move(quasi);
  r.rows_in = rows.size();
  r.rows_suppressed = 0;
  std::string header;
  for (const Column& c : columns) header += (header.empty() ? "" : ",") + c.name;
  header += "\n";
  std::string chunk = header;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    chunk += rows[i] + "\n";
    if ((i + 1) % rows_per_chunk == 0 || i + 1 == rows.size()) {
      b.chunks.push_back(chunk);
      chunk.clear();
    }
  }
  b.dataset.body = DatasetBody{};
  b.dataset.body.row_count = rows.size();
  for (const std::string& c : b.chunks) {
    b.dataset.body.chunks.push_back(
        ChunkRef{HashWithDomain(kChunkHashDomain, AsBytes(c)), static_cast<uint32_t>(c.size())});
    b.dataset.body.total_size += c.size();
  }
  return b;
}

void ExpectBodyIdentical(SimNode& node, const RecordId& id, const Body& body) {
  auto status = node.store->GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kComplete) << status->refusal;
  for (uint32_t i = 0; i < body.chunks.size(); ++i) {
    auto chunk = node.store->GetChunk(id, i);
    ASSERT_TRUE(chunk.ok());
    ASSERT_TRUE(chunk->has_value()) << "chunk " << i;
    EXPECT_EQ(Text(**chunk), body.chunks[i]) << "chunk " << i;
    EXPECT_EQ(HashWithDomain(kChunkHashDomain, **chunk), body.dataset.body.chunks[i].hash);
  }
  auto beyond = node.store->GetChunk(id, static_cast<uint32_t>(body.chunks.size()));
  ASSERT_TRUE(beyond.ok());
  EXPECT_FALSE(beyond->has_value());
}

void ExpectNothingHeld(SimNode& node, const RecordId& id, uint32_t count) {
  auto held = node.store->HeldChunks(id, count + 1);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(std::count(held->begin(), held->end(), true), 0);
}

class BodyTransferTest : public ::testing::Test {
 protected:
  // copenhagen retracts its record `id` (c40) and pushes the retraction.
  void RecordRetract(const RecordId& id) {
    auto published = mesh_["copenhagen"].engine->Publish(
        "c40", Retraction{"erasure request under GDPR article 17"}, mesh_.now_ms,
        RetractionRefs{{id}});
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    mesh_.Send("copenhagen", std::move(published->pushes));
  }

  BodyMesh mesh_;
};

// A node out of descriptors says so and what to do, where it used to abort: citynetd then
// stops with the message instead of a core dump. Run in a child so the lowered limit stays
// there.
TEST(BodyTransferStartTest, NoDescriptorLeftIsAnErrorNotACrash) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
  // UndefinedBehaviorSanitizer checks each virtual call with descriptors of its own, and with
  // none left it reports every call (fmt's buffer, libphonenumber) as a bad object. The debug
  // build runs this test.
  GTEST_SKIP() << "needs free descriptors under the sanitizers";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  testing::TempDir dir;
  store::StoreOptions o;
  o.path = dir.File("store");
  o.search = false;
  auto store = std::move(store::OpenStore(o)).value();
  SigningKey key = testing::TestKey(1);
  Roster roster(Member{"copenhagen", key.public_key(), TransportPublicKey{}, {"c40"}}, {});
  // The gate loads its data files (phone metadata, ICU) when first made: before every
  // descriptor is taken, as in citynetd, which makes it before the body transfer.
  const privacy::Gate& gate = TheGate();
  EXPECT_EXIT(
      {
        // Every descriptor number up to the limit is taken: the next one cannot be made.
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = 64;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        while (::dup(0) >= 0) {
        }
        auto bodies =
            BodyTransfer::Create(store.get(), &roster, &gate, key.public_key(), {});
        const bool said = !bodies.ok() &&
                          bodies.status().ToString().find("LimitNOFILE") != std::string::npos;
        std::fprintf(stderr, "%s\n", bodies.ok() ? "made" : bodies.status().ToString().c_str());
        std::_Exit(said ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "eventfd");
}

TEST_F(BodyTransferTest, ABodyFetchedFromAPartnerIsStoredCompleteAndByteIdentical) {
  Body body = GateBody();
  ASSERT_GE(body.chunks.size(), 8u);
  mesh_.Link("copenhagen", "c40");
  const RecordId id = mesh_.Publish("copenhagen", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["c40"].store->Get(id).ok());  // the record replicated; the body did not
  EXPECT_EQ(mesh_["c40"].store->GetBody(id)->state, BodyState::kAbsent);

  ASSERT_TRUE(mesh_["c40"].bodies->Fetch(id, mesh_.now_ms).ok());
  EXPECT_EQ(mesh_["c40"].store->GetBody(id)->state, BodyState::kFetching);  // durable at once
  mesh_.Tick();
  mesh_.Settle();

  ExpectBodyIdentical(mesh_["c40"], id, body);
  const BodyCounters& c = mesh_["c40"].bodies->counters();
  EXPECT_EQ(c.chunks_fetched, body.chunks.size());
  EXPECT_EQ(c.bodies_completed, 1u);
  EXPECT_TRUE(c.chunks_refused.empty());
  EXPECT_EQ(mesh_["copenhagen"].bodies->counters().chunks_served, body.chunks.size());
  auto progress = mesh_["c40"].bodies->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kComplete);
  EXPECT_EQ(progress->chunks_held, body.chunks.size());
  EXPECT_EQ(progress->chunks_total, body.chunks.size());
  // Each chunk crossed once.
  std::vector<uint32_t> sent = mesh_.ChunksSent("copenhagen", "c40");
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(sent.size(), body.chunks.size());
  EXPECT_EQ(std::adjacent_find(sent.begin(), sent.end()), sent.end());

  // Complete here, c40 serves it on: beijing has no link to the author.
  mesh_.Link("c40", "beijing");
  mesh_.Settle();
  ASSERT_TRUE(mesh_["beijing"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();
  ExpectBodyIdentical(mesh_["beijing"], id, body);
}

TEST_F(BodyTransferTest, WithFetchAllEveryDatasetStoredFromTheMeshIsFetched) {
  BodyTransferOptions all;
  all.policy = FetchPolicy::kAll;
  BodyMesh mesh(all);
  Body body = GateBody();
  mesh.Link("copenhagen", "c40");
  const RecordId id = mesh.Publish("copenhagen", "c40", body);
  mesh.Settle();
  mesh.Tick();
  mesh.Settle();
  ExpectBodyIdentical(mesh["c40"], id, body);
  // The author's own record is not fetched by itself.
  EXPECT_EQ(mesh["copenhagen"].bodies->counters().requests_sent, 0u);
}

TEST_F(BodyTransferTest, AnInterruptedTransferResumesAfterARestartFetchingOnlyWhatIsMissing) {
  Body body = GateBody();
  const auto n = static_cast<uint32_t>(body.chunks.size());
  ASSERT_GE(n, 8u);
  mesh_.Link("copenhagen", "c40");
  const RecordId id = mesh_.Publish("copenhagen", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["c40"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  // Deliver until about half the chunks reached c40, letting its worker keep up; then the
  // serving peer goes down.
  while (mesh_.ChunksSent("copenhagen", "c40").size() < n / 2) {
    if (!mesh_.Step()) {
      ASSERT_TRUE(mesh_.Wake(mesh_["c40"])) << "the transfer stalled";
    }
  }
  mesh_.Cut("copenhagen", "c40");
  mesh_.Settle();
  auto held_before = mesh_["c40"].store->HeldChunks(id, n);
  ASSERT_TRUE(held_before.ok());
  const auto k = static_cast<uint32_t>(std::count(held_before->begin(), held_before->end(), true));
  ASSERT_GE(k, n / 2);
  ASSERT_LT(k, n);
  EXPECT_EQ(mesh_["c40"].store->GetBody(id)->state, BodyState::kFetching);
  EXPECT_EQ(mesh_["c40"].store->GetBody(id)->chunks_held, k);

  // A fetching body is not served: beijing asks c40 for a chunk c40 holds.
  uint32_t held_index = 0;
  while (!(*held_before)[held_index]) ++held_index;
  auto answer =
      mesh_["c40"].bodies->OnChunkPull("beijing", ChunkPull{id, {held_index}}, mesh_.now_ms);
  ASSERT_EQ(answer.size(), 1u);
  const auto& reply = std::get<ChunkData>(answer[0].message.body);
  EXPECT_FALSE(reply.held);
  EXPECT_TRUE(reply.data.empty());
  EXPECT_EQ(mesh_["c40"].bodies->counters().serve_refused.at("not complete here"), 1u);

  // citynetd stops and starts again over the same store.
  mesh_.Restart("c40");
  auto progress = mesh_["c40"].bodies->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kFetching);
  EXPECT_EQ(progress->chunks_held, k);
  EXPECT_EQ(progress->chunks_total, n);
  EXPECT_EQ(mesh_["c40"].bodies->ActiveFetches(), 1u);

  mesh_.ForgetDelivered();
  mesh_.now_ms += 1000;
  mesh_.Link("copenhagen", "c40");
  mesh_.Tick();
  mesh_.Settle();
  ExpectBodyIdentical(mesh_["c40"], id, body);
  // Only the missing chunks were asked for, each once.
  std::vector<uint32_t> pulled = mesh_.ChunksPulled("c40");
  std::sort(pulled.begin(), pulled.end());
  std::vector<uint32_t> missing;
  for (uint32_t i = 0; i < n; ++i) {
    if (!(*held_before)[i]) missing.push_back(i);
  }
  EXPECT_EQ(pulled, missing);
  EXPECT_EQ(mesh_["c40"].bodies->counters().chunks_fetched, n - k);
  EXPECT_EQ(mesh_["c40"].bodies->counters().bodies_completed, 1u);
}

TEST_F(BodyTransferTest, AReceivingNodeRefusesABodyThatFailsK) {
  // The report claims k = 5 over age and gender; every row is unique.
  std::vector<std::string> rows;
  for (int i = 0; i < 20; ++i) {
    rows.push_back(fmt::format("{},{},{}", 30 + i, i % 2 == 0 ? "f" : "m", 10 + i));
  }
  Body body = HandBody(
      {Column{"age", ColumnType::kInteger, "", ""}, Column{"gender", ColumnType::kCategory, "", ""},
       Column{"commute_minutes", ColumnType::kInteger, "", ""}},
      rows, 5, {"age", "gender"});
  mesh_.Link("c40", "copenhagen");
  const RecordId id = mesh_.Publish("c40", "c40", body);  // signed with partner c40's key
  mesh_.Settle();
  ASSERT_TRUE(mesh_["copenhagen"].store->Get(id).ok());

  ASSERT_TRUE(mesh_["copenhagen"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();

  auto status = mesh_["copenhagen"].store->GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("privacy re-check"));
  EXPECT_THAT(status->refusal, HasSubstr("k = 5"));
  ExpectNothingHeld(mesh_["copenhagen"], id, static_cast<uint32_t>(body.chunks.size()));
  const BodyCounters& c = mesh_["copenhagen"].bodies->counters();
  EXPECT_EQ(c.bodies_refused.at("privacy re-count of the body"), 1u);
  EXPECT_EQ(c.bodies_completed, 0u);
  auto progress = mesh_["copenhagen"].bodies->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kRefused);
  EXPECT_EQ(progress->refusal, status->refusal);

  // Never served, never fetched again by itself.
  auto answer =
      mesh_["copenhagen"].bodies->OnChunkPull("beijing", ChunkPull{id, {0}}, mesh_.now_ms);
  ASSERT_EQ(answer.size(), 1u);
  EXPECT_FALSE(std::get<ChunkData>(answer[0].message.body).held);
  const uint64_t requests = c.requests_sent;
  mesh_.Tick(120'000);
  mesh_.Settle();
  EXPECT_EQ(c.requests_sent, requests);
  EXPECT_EQ(mesh_["copenhagen"].store->GetBody(id)->state, BodyState::kRefused);
}

TEST_F(BodyTransferTest, AReceivingNodeRefusesARoleTheRulesDoNotAllow) {
  // Gate version 2: k holds over what the report calls quasi-identifiers (gender), but the
  // report passes the exact ages off as insensitive. The receiver's role rules take a column
  // named age for a quasi-identifier, declared or not: refused and counted.
  std::vector<std::string> rows;
  for (int i = 0; i < 20; ++i)
    rows.push_back(fmt::format("{},{},20", 30 + i, i % 2 == 0 ? "f" : "m"));
  Body body = HandBody(
      {Column{"age", ColumnType::kInteger, "", ""}, Column{"gender", ColumnType::kCategory, "", ""},
       Column{"commute_minutes", ColumnType::kInteger, "", ""}},
      rows, 5, {"gender"});
  PrivacyReport& r = body.dataset.privacy;
  r.gate_version = 2;
  r.column_roles = {
      ColumnRoleEntry{"age", ColumnRole::kInsensitive, "declared by the publisher", true, true},
      ColumnRoleEntry{"gender", ColumnRole::kQuasiIdentifier, "its name says a gender", false,
                      true},
      ColumnRoleEntry{"commute_minutes", ColumnRole::kInsensitive, "declared by the publisher",
                      true, true}};
  ASSERT_TRUE(ValidateDataset(body.dataset).empty());
  mesh_.Link("c40", "copenhagen");
  const RecordId id = mesh_.Publish("c40", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["copenhagen"].store->Get(id).ok());

  ASSERT_TRUE(mesh_["copenhagen"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();
  auto status = mesh_["copenhagen"].store->GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("column 'age' is published as insensitive"));
  ExpectNothingHeld(mesh_["copenhagen"], id, static_cast<uint32_t>(body.chunks.size()));
  EXPECT_EQ(
      mesh_["copenhagen"].bodies->counters().bodies_refused.at("privacy re-count of the body"), 1u);
}

TEST_F(BodyTransferTest, AChunkWithACprNumberIsRefusedAndNothingOfTheBodyIsStored) {
  // k holds (5 rows per combination); one comment in the second chunk holds a CPR number.
  std::vector<std::string> rows;
  for (int i = 0; i < 40; ++i) {
    std::string comment = i == 13 ? "call 010180-1234 back" : "fine";
    rows.push_back(
        fmt::format("{},{},{}", i % 2 == 0 ? "30-39" : "40-49", i % 4 < 2 ? "f" : "m", comment));
  }
  Body body = HandBody({Column{"age", ColumnType::kCategory, "", ""},
                        Column{"gender", ColumnType::kCategory, "", ""},
                        Column{"comment", ColumnType::kText, "", ""}},
                       rows, 10, {"age", "gender"});
  ASSERT_EQ(body.chunks.size(), 4u);
  mesh_.Link("c40", "copenhagen");
  const RecordId id = mesh_.Publish("c40", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["copenhagen"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();

  auto status = mesh_["copenhagen"].store->GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("chunk 1"));
  EXPECT_THAT(status->refusal, HasSubstr("CPR"));
  ExpectNothingHeld(mesh_["copenhagen"], id, 4);
  const BodyCounters& c = mesh_["copenhagen"].bodies->counters();
  EXPECT_EQ(c.chunks_refused.at("chunk failed the privacy check"), 1u);
  EXPECT_EQ(c.bodies_refused.at("identifier or shape in a chunk"), 1u);

  // An explicit fetch tries again, and refuses again.
  ASSERT_TRUE(mesh_["copenhagen"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();
  EXPECT_EQ(mesh_["copenhagen"].store->GetBody(id)->state, BodyState::kRefused);
  EXPECT_EQ(c.bodies_refused.at("identifier or shape in a chunk"), 2u);
  ExpectNothingHeld(mesh_["copenhagen"], id, 4);
}

TEST_F(BodyTransferTest, AChunkWithAWrongHashIsRefusedAndFetchedFromAnotherPeer) {
  Body body = GateBody();
  const auto n = static_cast<uint32_t>(body.chunks.size());
  mesh_.Link("copenhagen", "c40");
  const RecordId id = mesh_.Publish("copenhagen", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["c40"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();
  ExpectBodyIdentical(mesh_["c40"], id, body);

  // c40's copy of chunk 2 goes bad (same size, other bytes).
  std::string bad = body.chunks[2];
  bad[bad.size() / 2] = bad[bad.size() / 2] == '1' ? '2' : '1';
  ASSERT_TRUE(mesh_["c40"]
                  .store
                  ->PutChunks(id, 2, {AsBytes(bad)},
                              store::BodyStatus{BodyState::kComplete, n, mesh_.now_ms, ""}, false)
                  .ok());

  // Beijing reaches only c40 first: chunk 2 is refused, and c40 is not asked for anything more
  // of this dataset for a while (the chunks already asked of it still count).
  mesh_.Link("c40", "beijing");
  mesh_.Settle();
  ASSERT_TRUE(mesh_["beijing"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();
  mesh_.Settle();
  const BodyCounters& c = mesh_["beijing"].bodies->counters();
  EXPECT_EQ(c.chunks_refused.at("chunk hash mismatch"), 1u);
  auto chunk2 = mesh_["beijing"].store->GetChunk(id, 2);
  ASSERT_TRUE(chunk2.ok());
  EXPECT_FALSE(chunk2->has_value());
  EXPECT_EQ(mesh_["beijing"].store->GetBody(id)->state, BodyState::kFetching);
  const uint64_t from_c40 = c.chunks_fetched;
  EXPECT_GE(from_c40, 1u);
  EXPECT_LT(from_c40, n);
  mesh_.ForgetDelivered();
  mesh_.Tick(1000);
  mesh_.Settle();
  EXPECT_TRUE(mesh_.ChunksPulled("beijing").empty());

  // Another peer of the network has it: the rest, chunk 2 among them, comes from there.
  mesh_.Link("copenhagen", "beijing");
  mesh_.Tick(1000);
  mesh_.Settle();
  ExpectBodyIdentical(mesh_["beijing"], id, body);
  EXPECT_THAT(mesh_.ChunksSent("copenhagen", "beijing"), ::testing::Contains(2u));
  EXPECT_EQ(mesh_.ChunksSent("copenhagen", "beijing").size(), n - from_c40);
  EXPECT_TRUE(mesh_.ChunksSent("c40", "beijing").empty());
  EXPECT_EQ(c.chunks_fetched, n);
  EXPECT_EQ(c.bodies_completed, 1u);
}

TEST_F(BodyTransferTest, APeerThatDoesNotShareTheNetworkGetsHeldFalse) {
  Body body = GateBody();
  mesh_.Link("copenhagen", "eurocities");
  const RecordId id = mesh_.Publish("copenhagen", "c40", body);
  mesh_.Settle();
  // eurocities is copenhagen's partner, but not in c40.
  auto answer =
      mesh_["copenhagen"].bodies->OnChunkPull("eurocities", ChunkPull{id, {0, 1}}, mesh_.now_ms);
  ASSERT_EQ(answer.size(), 2u);
  for (const Outgoing& o : answer) {
    EXPECT_EQ(o.peer, "eurocities");
    const auto& reply = std::get<ChunkData>(o.message.body);
    EXPECT_FALSE(reply.held);
    EXPECT_TRUE(reply.data.empty());
  }
  EXPECT_EQ(mesh_["copenhagen"].bodies->counters().serve_refused.at("network not shared"), 2u);
  EXPECT_EQ(mesh_["copenhagen"].bodies->counters().chunks_served, 0u);
  // Nor can it start a fetch: the record never reached it.
  EXPECT_EQ(mesh_["eurocities"].bodies->Fetch(id, mesh_.now_ms).code(), StatusCode::kNotFound);
  // A partner that shares c40 is served.
  auto served =
      mesh_["copenhagen"].bodies->OnChunkPull("beijing", ChunkPull{id, {0}}, mesh_.now_ms);
  ASSERT_EQ(served.size(), 1u);
  EXPECT_TRUE(std::get<ChunkData>(served[0].message.body).held);
  EXPECT_EQ(Text(std::get<ChunkData>(served[0].message.body).data), body.chunks[0]);
}

TEST_F(BodyTransferTest, ServingIsRateLimitedPerPeerInBytes) {
  BodyTransferOptions slow;
  slow.serve_bytes_per_s = 1024;
  slow.serve_burst_bytes = 100;
  BodyMesh mesh(slow);
  Body body = GateBody();
  const RecordId id = mesh.Publish("copenhagen", "c40", body);
  std::vector<uint32_t> four = {0, 1, 2, 3};
  auto first = mesh["copenhagen"].bodies->OnChunkPull("beijing", ChunkPull{id, four}, mesh.now_ms);
  ASSERT_EQ(first.size(), 1u);  // one chunk of ~1 KiB empties the bucket; three wait
  EXPECT_TRUE(std::get<ChunkData>(first[0].message.body).held);
  auto later = mesh["copenhagen"].bodies->Tick(mesh.now_ms + 100);
  EXPECT_TRUE(later.empty());  // 100 bytes more: the bucket is still in debt
  std::size_t served = 1;
  for (int s = 1; s <= 10 && served < 4; ++s) {
    served += mesh["copenhagen"].bodies->Tick(mesh.now_ms + 1000 * s).size();
  }
  EXPECT_EQ(served, 4u);
  EXPECT_EQ(mesh["copenhagen"].bodies->counters().chunks_served, 4u);
}

TEST_F(BodyTransferTest, ARetractionEndsAFetchAndARetractedBodyIsNeverServed) {
  Body body = GateBody();
  mesh_.Link("copenhagen", "c40");
  const RecordId id = mesh_.Publish("copenhagen", "c40", body);
  mesh_.Settle();
  ASSERT_TRUE(mesh_["c40"].bodies->Fetch(id, mesh_.now_ms).ok());
  mesh_.Tick();  // the first pulls are on their way when the author retracts
  RecordRetract(id);
  mesh_.Settle();

  EXPECT_EQ(mesh_["c40"].bodies->ActiveFetches(), 0u);
  EXPECT_EQ(mesh_["c40"].store->GetBody(id)->state, BodyState::kAbsent);
  ExpectNothingHeld(mesh_["c40"], id, static_cast<uint32_t>(body.chunks.size()));
  EXPECT_EQ(mesh_["c40"].bodies->Fetch(id, mesh_.now_ms).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(mesh_.ChunksSent("copenhagen", "c40").size(), 0u);
  auto answer =
      mesh_["copenhagen"].bodies->OnChunkPull("beijing", ChunkPull{id, {0}}, mesh_.now_ms);
  ASSERT_EQ(answer.size(), 1u);
  EXPECT_FALSE(std::get<ChunkData>(answer[0].message.body).held);
  EXPECT_GE(mesh_["copenhagen"].bodies->counters().serve_refused.at("retracted"), 1u);
}

TEST_F(BodyTransferTest, FetchSaysWhyARecordCannotBeFetched) {
  mesh_.Link("copenhagen", "c40");
  CaseStudy study = testing::SampleCase();
  study.networks = {"c40"};
  auto published = mesh_["copenhagen"].engine->Publish("c40", study, mesh_.now_ms);
  ASSERT_TRUE(published.ok());
  Status not_dataset = mesh_["copenhagen"].bodies->Fetch(published->id, mesh_.now_ms);
  EXPECT_EQ(not_dataset.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(not_dataset.message(), HasSubstr("not a dataset"));
  RecordId unknown;
  unknown.data.fill(7);
  EXPECT_EQ(mesh_["copenhagen"].bodies->Fetch(unknown, mesh_.now_ms).code(), StatusCode::kNotFound);
  EXPECT_FALSE(mesh_["copenhagen"].bodies->ProgressOf(unknown).has_value());
}

}  // namespace
}  // namespace citynet::node
