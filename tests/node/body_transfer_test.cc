// Dataset bodies between nodes in the deterministic simulator (node/sim): BodyTransfer beside
// SyncEngine on real stores, every message encoded and decoded, delivered after the link's
// latency (no jitter: in order per link) over the links a test sets up. Time moves as the
// simulation runs; each body worker is waited for after every event and its results collected,
// so every run is the same.
//
// Networks: c40: copenhagen, c40, beijing      eurocities: copenhagen, eurocities
#include "node/engine/body_transfer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "node/engine/sync_engine.h"
#include "node/net/event_loop.h"
#include "node/net/executor.h"
#include "node/privacy/gate.h"
#include "node/sim/scenario.h"
#include "node/sim/simulation.h"
#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;
using store::BodyState;
using ::testing::HasSubstr;

const privacy::Gate& TheGate() { return sim::SharedGate(); }  // costly: one per test binary

// A dataset's record and its body's chunks.
struct Body {
  Dataset dataset;
  std::vector<std::string> chunks;
};

std::string Text(const Bytes& b) { return std::string(b.begin(), b.end()); }

// The four nodes, with no link up, each with a body transfer through the gate that fetches a
// body when asked (`bodies` adjusts its options).
std::unique_ptr<sim::Simulation> FourNodes(std::function<void(BodyTransferOptions&)> bodies = {}) {
  sim::Topology topology;
  topology.nodes = {{"copenhagen", {"c40", "eurocities"}},
                    {"c40", {"c40"}},
                    {"eurocities", {"eurocities"}},
                    {"beijing", {"c40"}}};
  sim::SimOptions options;
  options.gate = &TheGate();
  options.configure = [](NodeConfig& config) { config.dataset_fetch = FetchPolicy::kOnDemand; };
  options.bodies = std::move(bodies);
  auto made = sim::Simulation::Create(std::move(topology), std::move(options));
  EXPECT_TRUE(made.ok()) << made.status().ToString();
  return std::move(made).value();
}

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

void ExpectBodyIdentical(store::Store& store, const RecordId& id, const Body& body) {
  auto status = store.GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kComplete) << status->refusal;
  for (uint32_t i = 0; i < body.chunks.size(); ++i) {
    auto chunk = store.GetChunk(id, i);
    ASSERT_TRUE(chunk.ok());
    ASSERT_TRUE(chunk->has_value()) << "chunk " << i;
    EXPECT_EQ(Text(**chunk), body.chunks[i]) << "chunk " << i;
    EXPECT_EQ(HashWithDomain(kChunkHashDomain, **chunk), body.dataset.body.chunks[i].hash);
  }
  auto beyond = store.GetChunk(id, static_cast<uint32_t>(body.chunks.size()));
  ASSERT_TRUE(beyond.ok());
  EXPECT_FALSE(beyond->has_value());
}

void ExpectNothingHeld(store::Store& store, const RecordId& id, uint32_t count) {
  auto held = store.HeldChunks(id, count + 1);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(std::count(held->begin(), held->end(), true), 0);
}

class BodyTransferTest : public ::testing::Test {
 protected:
  BodyTransferTest() { Start(); }

  // A new simulation of the four nodes (`bodies` adjusts their body transfers' options).
  void Start(std::function<void(BodyTransferOptions&)> bodies = {}) {
    delivered_.clear();
    sim_ = FourNodes(std::move(bodies));
    sim_->Observe([this](const sim::Delivery& d) {
      delivered_.push_back({d.from, d.to, d.message});
    });
  }

  // Delivers and verifies until nothing is in flight.
  void Settle() { EXPECT_TRUE(sim_->RunUntilQuiet()) << "the mesh did not settle"; }

  // Moves the clock `advance_ms` on (the nodes' timers running as it goes), then ticks every
  // node now: what the tick sends is in flight, not delivered yet.
  void Tick(int64_t advance_ms = 0) {
    if (advance_ms > 0) sim_->RunFor(advance_ms);
    sim_->RunTimers();
  }

  // Stops the node as citynetd stops (the worker joined) and starts it again over its store.
  // Its links stay as they were: down, in the test that uses it.
  void Restart(const std::string& name) {
    sim_->Crash(name);
    Status restarted = sim_->Restart(name);
    EXPECT_TRUE(restarted.ok()) << restarted.ToString();
  }

  // Publishes `body` as a dataset of `node` in `network`, its chunks stored complete first.
  RecordId Publish(const std::string& node, const std::string& network, Body body) {
    auto published = sim_->PublishDataset(node, network, std::move(body.dataset), body.chunks);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? *published : RecordId{};
  }

  // copenhagen retracts its record `id` (c40) and pushes the retraction.
  void RecordRetract(const RecordId& id) {
    auto published =
        sim_->Publish("copenhagen", "c40", Retraction{"erasure request under GDPR article 17"},
                      RetractionRefs{{id}});
    ASSERT_TRUE(published.ok()) << published.status().ToString();
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

  struct Delivered {
    std::string from, to;
    Envelope message;
  };
  std::unique_ptr<sim::Simulation> sim_;
  std::vector<Delivered> delivered_;  // every message delivered, in order
};

// A node out of descriptors says so and what to do, where it used to abort: citynetd then
// stops with the message instead of a core dump. The body transfer's worker is an Executor that
// citynetd makes beside it; its wake-up descriptor is the one that cannot be had. Run in a child
// so the lowered limit stays there.
TEST(BodyTransferStartTest, NoDescriptorLeftIsAnErrorNotACrash) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
  // UndefinedBehaviorSanitizer checks each virtual call with descriptors of its own, and with
  // none left it reports every call (fmt's buffer, libphonenumber) as a bad object. The debug
  // build runs this test.
  GTEST_SKIP() << "needs free descriptors under the sanitizers";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        auto loop = EventLoop::Create();
        if (!loop.ok()) std::_Exit(2);
        // Every descriptor number up to the limit is taken: the next one cannot be made.
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = 64;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        while (::dup(0) >= 0) {
        }
        auto worker = Executor::Create(**loop);
        const bool said = !worker.ok() &&
                          worker.status().ToString().find("LimitNOFILE") != std::string::npos;
        std::fprintf(stderr, "%s\n", worker.ok() ? "made" : worker.status().ToString().c_str());
        std::_Exit(said ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "descriptor");
}

TEST_F(BodyTransferTest, ABodyFetchedFromAPartnerIsStoredCompleteAndByteIdentical) {
  Body body = GateBody();
  ASSERT_GE(body.chunks.size(), 8u);
  sim_->Connect("copenhagen", "c40");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->store("c40").Get(id).ok());  // the record replicated; the body did not
  EXPECT_EQ(sim_->store("c40").GetBody(id)->state, BodyState::kAbsent);

  ASSERT_TRUE(sim_->bodies("c40")->Fetch(id, sim_->now_ms()).ok());
  EXPECT_EQ(sim_->store("c40").GetBody(id)->state, BodyState::kFetching);  // durable at once
  Tick();
  Settle();

  ExpectBodyIdentical(sim_->store("c40"), id, body);
  const BodyCounters& c = sim_->bodies("c40")->counters();
  EXPECT_EQ(c.chunks_fetched, body.chunks.size());
  EXPECT_EQ(c.bodies_completed, 1u);
  EXPECT_TRUE(c.chunks_refused.empty());
  EXPECT_EQ(sim_->bodies("copenhagen")->counters().chunks_served, body.chunks.size());
  auto progress = sim_->bodies("c40")->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kComplete);
  EXPECT_EQ(progress->chunks_held, body.chunks.size());
  EXPECT_EQ(progress->chunks_total, body.chunks.size());
  // Each chunk crossed once.
  std::vector<uint32_t> sent = ChunksSent("copenhagen", "c40");
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(sent.size(), body.chunks.size());
  EXPECT_EQ(std::adjacent_find(sent.begin(), sent.end()), sent.end());

  // Complete here, c40 serves it on: beijing has no link to the author.
  sim_->Connect("c40", "beijing");
  Settle();
  ASSERT_TRUE(sim_->bodies("beijing")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();
  ExpectBodyIdentical(sim_->store("beijing"), id, body);
}

TEST_F(BodyTransferTest, WithFetchAllEveryDatasetStoredFromTheMeshIsFetched) {
  Start([](BodyTransferOptions& options) { options.policy = FetchPolicy::kAll; });
  Body body = GateBody();
  sim_->Connect("copenhagen", "c40");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  Tick();
  Settle();
  ExpectBodyIdentical(sim_->store("c40"), id, body);
  // The author's own record is not fetched by itself.
  EXPECT_EQ(sim_->bodies("copenhagen")->counters().requests_sent, 0u);
}

TEST_F(BodyTransferTest, AnInterruptedTransferResumesAfterARestartFetchingOnlyWhatIsMissing) {
  Body body = GateBody();
  const auto n = static_cast<uint32_t>(body.chunks.size());
  ASSERT_GE(n, 8u);
  sim_->Connect("copenhagen", "c40");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->bodies("c40")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  // Deliver one message at a time until about half the chunks reached c40 (its worker keeps
  // up: the simulation waits for it after every event); then the serving peer goes down.
  while (ChunksSent("copenhagen", "c40").size() < n / 2) {
    ASSERT_EQ(sim_->RunDeliveries(1), 1u) << "the transfer stalled";
  }
  sim_->Disconnect("copenhagen", "c40");
  Settle();
  auto held_before = sim_->store("c40").HeldChunks(id, n);
  ASSERT_TRUE(held_before.ok());
  const auto k = static_cast<uint32_t>(std::count(held_before->begin(), held_before->end(), true));
  ASSERT_GE(k, n / 2);
  ASSERT_LT(k, n);
  EXPECT_EQ(sim_->store("c40").GetBody(id)->state, BodyState::kFetching);
  EXPECT_EQ(sim_->store("c40").GetBody(id)->chunks_held, k);

  // A fetching body is not served: beijing asks c40 for a chunk c40 holds.
  uint32_t held_index = 0;
  while (!(*held_before)[held_index]) ++held_index;
  auto answer =
      sim_->bodies("c40")->OnChunkPull("beijing", ChunkPull{id, {held_index}}, sim_->now_ms());
  ASSERT_EQ(answer.size(), 1u);
  const auto& reply = std::get<ChunkData>(answer[0].message.body);
  EXPECT_FALSE(reply.held);
  EXPECT_TRUE(reply.data.empty());
  EXPECT_EQ(sim_->bodies("c40")->counters().serve_refused.at("not complete here"), 1u);

  // citynetd stops and starts again over the same store.
  Restart("c40");
  auto progress = sim_->bodies("c40")->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kFetching);
  EXPECT_EQ(progress->chunks_held, k);
  EXPECT_EQ(progress->chunks_total, n);
  EXPECT_EQ(sim_->bodies("c40")->ActiveFetches(), 1u);

  ForgetDelivered();
  sim_->RunFor(1000);
  sim_->Connect("copenhagen", "c40");
  Tick();
  Settle();
  ExpectBodyIdentical(sim_->store("c40"), id, body);
  // Only the missing chunks were asked for, each once.
  std::vector<uint32_t> pulled = ChunksPulled("c40");
  std::sort(pulled.begin(), pulled.end());
  std::vector<uint32_t> missing;
  for (uint32_t i = 0; i < n; ++i) {
    if (!(*held_before)[i]) missing.push_back(i);
  }
  EXPECT_EQ(pulled, missing);
  EXPECT_EQ(sim_->bodies("c40")->counters().chunks_fetched, n - k);
  EXPECT_EQ(sim_->bodies("c40")->counters().bodies_completed, 1u);
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
  sim_->Connect("c40", "copenhagen");
  const RecordId id = Publish("c40", "c40", body);  // signed with partner c40's key
  Settle();
  ASSERT_TRUE(sim_->store("copenhagen").Get(id).ok());

  ASSERT_TRUE(sim_->bodies("copenhagen")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();

  auto status = sim_->store("copenhagen").GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("privacy re-check"));
  EXPECT_THAT(status->refusal, HasSubstr("k = 5"));
  ExpectNothingHeld(sim_->store("copenhagen"), id, static_cast<uint32_t>(body.chunks.size()));
  const BodyCounters& c = sim_->bodies("copenhagen")->counters();
  EXPECT_EQ(c.bodies_refused.at("privacy re-count of the body"), 1u);
  EXPECT_EQ(c.bodies_completed, 0u);
  auto progress = sim_->bodies("copenhagen")->ProgressOf(id);
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->state, BodyState::kRefused);
  EXPECT_EQ(progress->refusal, status->refusal);

  // Never served, never fetched again by itself.
  auto answer =
      sim_->bodies("copenhagen")->OnChunkPull("beijing", ChunkPull{id, {0}}, sim_->now_ms());
  ASSERT_EQ(answer.size(), 1u);
  EXPECT_FALSE(std::get<ChunkData>(answer[0].message.body).held);
  const uint64_t requests = c.requests_sent;
  Tick(120'000);
  Settle();
  EXPECT_EQ(c.requests_sent, requests);
  EXPECT_EQ(sim_->store("copenhagen").GetBody(id)->state, BodyState::kRefused);
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
  sim_->Connect("c40", "copenhagen");
  const RecordId id = Publish("c40", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->store("copenhagen").Get(id).ok());

  ASSERT_TRUE(sim_->bodies("copenhagen")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();
  auto status = sim_->store("copenhagen").GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("column 'age' is published as insensitive"));
  ExpectNothingHeld(sim_->store("copenhagen"), id, static_cast<uint32_t>(body.chunks.size()));
  EXPECT_EQ(
      sim_->bodies("copenhagen")->counters().bodies_refused.at("privacy re-count of the body"), 1u);
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
  sim_->Connect("c40", "copenhagen");
  const RecordId id = Publish("c40", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->bodies("copenhagen")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();

  auto status = sim_->store("copenhagen").GetBody(id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->state, BodyState::kRefused);
  EXPECT_THAT(status->refusal, HasSubstr("chunk 1"));
  EXPECT_THAT(status->refusal, HasSubstr("CPR"));
  ExpectNothingHeld(sim_->store("copenhagen"), id, 4);
  const BodyCounters& c = sim_->bodies("copenhagen")->counters();
  EXPECT_EQ(c.chunks_refused.at("chunk failed the privacy check"), 1u);
  EXPECT_EQ(c.bodies_refused.at("identifier or shape in a chunk"), 1u);

  // An explicit fetch tries again, and refuses again.
  ASSERT_TRUE(sim_->bodies("copenhagen")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();
  EXPECT_EQ(sim_->store("copenhagen").GetBody(id)->state, BodyState::kRefused);
  EXPECT_EQ(c.bodies_refused.at("identifier or shape in a chunk"), 2u);
  ExpectNothingHeld(sim_->store("copenhagen"), id, 4);
}

TEST_F(BodyTransferTest, AChunkWithAWrongHashIsRefusedAndFetchedFromAnotherPeer) {
  Body body = GateBody();
  const auto n = static_cast<uint32_t>(body.chunks.size());
  sim_->Connect("copenhagen", "c40");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->bodies("c40")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();
  ExpectBodyIdentical(sim_->store("c40"), id, body);

  // c40's copy of chunk 2 goes bad (same size, other bytes).
  std::string bad = body.chunks[2];
  bad[bad.size() / 2] = bad[bad.size() / 2] == '1' ? '2' : '1';
  ASSERT_TRUE(sim_->store("c40")
                  .PutChunks(id, 2, {AsBytes(bad)},
                             store::BodyStatus{BodyState::kComplete, n, sim_->now_ms(), ""}, false)
                  .ok());

  // Beijing reaches only c40 first: chunk 2 is refused, and c40 is not asked for anything more
  // of this dataset for a while (the chunks already asked of it still count).
  sim_->Connect("c40", "beijing");
  Settle();
  ASSERT_TRUE(sim_->bodies("beijing")->Fetch(id, sim_->now_ms()).ok());
  Tick();
  Settle();
  const BodyCounters& c = sim_->bodies("beijing")->counters();
  EXPECT_EQ(c.chunks_refused.at("chunk hash mismatch"), 1u);
  auto chunk2 = sim_->store("beijing").GetChunk(id, 2);
  ASSERT_TRUE(chunk2.ok());
  EXPECT_FALSE(chunk2->has_value());
  EXPECT_EQ(sim_->store("beijing").GetBody(id)->state, BodyState::kFetching);
  const uint64_t from_c40 = c.chunks_fetched;
  EXPECT_GE(from_c40, 1u);
  EXPECT_LT(from_c40, n);
  ForgetDelivered();
  Tick(1000);
  Settle();
  EXPECT_TRUE(ChunksPulled("beijing").empty());

  // Another peer of the network has it: the rest, chunk 2 among them, comes from there.
  sim_->Connect("copenhagen", "beijing");
  Tick(1000);
  Settle();
  ExpectBodyIdentical(sim_->store("beijing"), id, body);
  EXPECT_THAT(ChunksSent("copenhagen", "beijing"), ::testing::Contains(2u));
  EXPECT_EQ(ChunksSent("copenhagen", "beijing").size(), n - from_c40);
  EXPECT_TRUE(ChunksSent("c40", "beijing").empty());
  EXPECT_EQ(c.chunks_fetched, n);
  EXPECT_EQ(c.bodies_completed, 1u);
}

TEST_F(BodyTransferTest, APeerThatDoesNotShareTheNetworkGetsHeldFalse) {
  Body body = GateBody();
  sim_->Connect("copenhagen", "eurocities");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  // eurocities is copenhagen's partner, but not in c40.
  auto answer =
      sim_->bodies("copenhagen")->OnChunkPull("eurocities", ChunkPull{id, {0, 1}}, sim_->now_ms());
  ASSERT_EQ(answer.size(), 2u);
  for (const Outgoing& o : answer) {
    EXPECT_EQ(o.peer, "eurocities");
    const auto& reply = std::get<ChunkData>(o.message.body);
    EXPECT_FALSE(reply.held);
    EXPECT_TRUE(reply.data.empty());
  }
  EXPECT_EQ(sim_->bodies("copenhagen")->counters().serve_refused.at("network not shared"), 2u);
  EXPECT_EQ(sim_->bodies("copenhagen")->counters().chunks_served, 0u);
  // Nor can it start a fetch: the record never reached it.
  EXPECT_EQ(sim_->bodies("eurocities")->Fetch(id, sim_->now_ms()).code(), StatusCode::kNotFound);
  // A partner that shares c40 is served.
  auto served =
      sim_->bodies("copenhagen")->OnChunkPull("beijing", ChunkPull{id, {0}}, sim_->now_ms());
  ASSERT_EQ(served.size(), 1u);
  EXPECT_TRUE(std::get<ChunkData>(served[0].message.body).held);
  EXPECT_EQ(Text(std::get<ChunkData>(served[0].message.body).data), body.chunks[0]);
}

TEST_F(BodyTransferTest, ServingIsRateLimitedPerPeerInBytes) {
  Start([](BodyTransferOptions& options) {
    options.serve_bytes_per_s = 1024;
    options.serve_burst_bytes = 100;
  });
  Body body = GateBody();
  const RecordId id = Publish("copenhagen", "c40", body);
  // copenhagen is asked and ticked directly, at moments ahead of the simulation's clock (no
  // event of the simulation runs in this test).
  std::vector<uint32_t> four = {0, 1, 2, 3};
  auto first =
      sim_->bodies("copenhagen")->OnChunkPull("beijing", ChunkPull{id, four}, sim_->now_ms());
  ASSERT_EQ(first.size(), 1u);  // one chunk of ~1 KiB empties the bucket; three wait
  EXPECT_TRUE(std::get<ChunkData>(first[0].message.body).held);
  auto later = sim_->bodies("copenhagen")->Tick(sim_->now_ms() + 100);
  EXPECT_TRUE(later.empty());  // 100 bytes more: the bucket is still in debt
  std::size_t served = 1;
  for (int s = 1; s <= 10 && served < 4; ++s) {
    served += sim_->bodies("copenhagen")->Tick(sim_->now_ms() + 1000 * s).size();
  }
  EXPECT_EQ(served, 4u);
  EXPECT_EQ(sim_->bodies("copenhagen")->counters().chunks_served, 4u);
}

TEST_F(BodyTransferTest, ARetractionEndsAFetchAndARetractedBodyIsNeverServed) {
  Body body = GateBody();
  sim_->Connect("copenhagen", "c40");
  const RecordId id = Publish("copenhagen", "c40", body);
  Settle();
  ASSERT_TRUE(sim_->bodies("c40")->Fetch(id, sim_->now_ms()).ok());
  Tick();  // the first pulls are on their way when the author retracts
  RecordRetract(id);
  Settle();

  EXPECT_EQ(sim_->bodies("c40")->ActiveFetches(), 0u);
  EXPECT_EQ(sim_->store("c40").GetBody(id)->state, BodyState::kAbsent);
  ExpectNothingHeld(sim_->store("c40"), id, static_cast<uint32_t>(body.chunks.size()));
  EXPECT_EQ(sim_->bodies("c40")->Fetch(id, sim_->now_ms()).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ChunksSent("copenhagen", "c40").size(), 0u);
  auto answer =
      sim_->bodies("copenhagen")->OnChunkPull("beijing", ChunkPull{id, {0}}, sim_->now_ms());
  ASSERT_EQ(answer.size(), 1u);
  EXPECT_FALSE(std::get<ChunkData>(answer[0].message.body).held);
  EXPECT_GE(sim_->bodies("copenhagen")->counters().serve_refused.at("retracted"), 1u);
}

TEST_F(BodyTransferTest, FetchSaysWhyARecordCannotBeFetched) {
  sim_->Connect("copenhagen", "c40");
  CaseStudy study = testing::SampleCase();
  study.networks = {"c40"};
  auto published = sim_->engine("copenhagen").Publish("c40", study, sim_->now_ms());
  ASSERT_TRUE(published.ok());
  Status not_dataset = sim_->bodies("copenhagen")->Fetch(published->id, sim_->now_ms());
  EXPECT_EQ(not_dataset.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(not_dataset.message(), HasSubstr("not a dataset"));
  RecordId unknown;
  unknown.data.fill(7);
  EXPECT_EQ(sim_->bodies("copenhagen")->Fetch(unknown, sim_->now_ms()).code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(sim_->bodies("copenhagen")->ProgressOf(unknown).has_value());
}

}  // namespace
}  // namespace citynet::node
