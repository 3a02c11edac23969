// The store's contract: ingest outcomes, feeds, heads, listing, supersession, retraction,
// forks, waiting records, own-feed reservations, persistence and errors on open. Every test
// runs against a real RocksDB in a temporary directory.
#include "store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "protocol/case_json.h"
#include "tests/protocol/test_util.h"

namespace citynet::store {
namespace {

using namespace citynet::protocol;
using citynet::testing::Draft;
using citynet::testing::SampleCase;
using citynet::testing::TempDir;
using citynet::testing::TestKey;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

VerifiedRecord Verified(const SignedRecord& r) {
  auto v = VerifyRecord(r);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return std::move(v).value();
}

// Builds signed feeds for tests.
class FeedWriter {
 public:
  explicit FeedWriter(uint8_t key_seed, std::string network = "c40")
      : key_(TestKey(key_seed)), network_(std::move(network)) {}

  VerifiedRecord Next(CaseStudy c, std::optional<RecordId> supersedes = std::nullopt,
                      int64_t created_offset = 0) {
    if (std::find(c.networks.begin(), c.networks.end(), network_) == c.networks.end()) {
      c.networks.push_back(network_);
    }
    RecordDraft d = Draft(network_, ++seq_, prev_);
    d.created_at_ms += created_offset + static_cast<int64_t>(seq_) * 1000;
    d.supersedes = supersedes;
    auto r = SignRecord(key_, d, c);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    VerifiedRecord v = Verified(*r);
    prev_ = v.id;
    return v;
  }
  VerifiedRecord NextCase(const std::string& title) {
    CaseStudy c = SampleCase();
    c.title = title;
    return Next(c);
  }
  VerifiedRecord NextDataset(Dataset ds) {
    ds.networks = {network_};
    RecordDraft d = Draft(network_, ++seq_, prev_);
    d.created_at_ms += static_cast<int64_t>(seq_) * 1000;
    auto r = SignRecord(key_, d, ds);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    VerifiedRecord v = Verified(*r);
    prev_ = v.id;
    return v;
  }
  VerifiedRecord Retract(const std::vector<RecordId>& targets) {
    RecordDraft d = Draft(network_, ++seq_, prev_);
    d.created_at_ms += static_cast<int64_t>(seq_) * 1000;
    d.refs = RetractionRefs{targets};
    auto r = SignRecord(key_, d, Retraction{"erasure request under GDPR article 17"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    VerifiedRecord v = Verified(*r);
    prev_ = v.id;
    return v;
  }
  const SigningKey& key() const { return key_; }
  const std::string& network() const { return network_; }

 private:
  SigningKey key_;
  std::string network_;
  uint64_t seq_ = 0;
  std::optional<RecordId> prev_;
};

// The store's contract, run against the store on disk and the same store in memory (which the
// simulator runs many of in one process). Parameter: in memory.
class StoreTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen(StoreOptions options = {}) {
    store_.reset();
    options.path = dir_.File("node");
    options.in_memory = GetParam();
    auto s = OpenStore(options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  IngestResult Ingest(const VerifiedRecord& r) {
    auto res = store_->Ingest(r);
    EXPECT_TRUE(res.ok()) << res.status().ToString();
    return res.ok() ? *res : IngestResult{};
  }

  std::vector<std::string> Titles(const ListPage& page) {
    std::vector<std::string> out;
    for (const auto& r : page.records) {
      auto p = DecodePayload(r.header.kind, *r.wire.payload);
      out.push_back(std::get<CaseStudy>(*p).title);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

// What only a store on disk does: survive a reopen, rebuild its index from files.
class StoreOnDiskTest : public StoreTest {};

INSTANTIATE_TEST_SUITE_P(OnDisk, StoreTest, ::testing::Values(false));
INSTANTIATE_TEST_SUITE_P(InMemory, StoreTest, ::testing::Values(true));
INSTANTIATE_TEST_SUITE_P(OnDisk, StoreOnDiskTest, ::testing::Values(false));

TEST_P(StoreTest, AcceptsAndReturnsRecordsExactly) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("first");
  IngestResult res = Ingest(r);
  EXPECT_EQ(res.outcome, IngestOutcome::kAccepted);
  EXPECT_THAT(res.applied, ElementsAre(r.id));
  auto got = store_->Get(r.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->wire, r.wire);
  EXPECT_EQ(got->header, r.header);
  EXPECT_EQ(got->local_seq, 1u);
  EXPECT_FALSE(got->retracted);
}

TEST_P(StoreTest, SameRecordTwiceIsADuplicateAndChangesNothing) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("first");
  Ingest(r);
  uint64_t seq = store_->LastLocalSeq();
  EXPECT_EQ(Ingest(r).outcome, IngestOutcome::kDuplicate);
  EXPECT_EQ(store_->LastLocalSeq(), seq);
}

TEST_P(StoreTest, SignedRecordThatFailsVerificationIsRefusedWithTheReason) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("first");
  SignedRecord forged = r.wire;
  forged.signature.data[0] ^= 1;
  auto res = store_->IngestSigned(forged);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->outcome, IngestOutcome::kRefused);
  EXPECT_THAT(res->reason, HasSubstr("signature does not verify"));
  EXPECT_EQ(store_->Get(r.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->IngestSigned(r.wire)->outcome, IngestOutcome::kAccepted);
}

TEST_P(StoreTest, UnknownIdIsNotFound) {
  RecordId id;
  id.data.fill(7);
  EXPECT_EQ(store_->Get(id).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, HeaderWithoutPayloadIsFilledInLater) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("first");
  VerifiedRecord header_only = r;
  header_only.wire.payload.reset();
  header_only.payload.reset();
  Ingest(header_only);
  EXPECT_FALSE(store_->Get(r.id)->wire.payload.has_value());
  IngestResult again = Ingest(r);
  EXPECT_EQ(again.outcome, IngestOutcome::kDuplicate);
  EXPECT_EQ(store_->Get(r.id)->wire.payload, r.wire.payload);
}

TEST_P(StoreTest, FeedReadsFromASeqInOrder) {
  FeedWriter w(1);
  std::vector<RecordId> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(Ingest(w.NextCase("case " + std::to_string(i))).id);
  auto feed = store_->ReadFeed(w.key().public_key(), "c40", 4, 3);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 3u);
  EXPECT_EQ((*feed)[0].id, ids[3]);
  EXPECT_EQ((*feed)[2].id, ids[5]);
  EXPECT_EQ(store_->ReadFeed(w.key().public_key(), "c40", 11, 10)->size(), 0u);
  EXPECT_EQ(store_->ReadFeed(w.key().public_key(), "eurocities", 1, 10)->size(), 0u);
}

// A serving node answers a pull within a byte budget: the read itself stops at the record that
// reaches the budget, so a pull of 2,048 records of 4 MiB does not load 8 GiB first.
TEST_P(StoreTest, FeedReadsStopAtTheByteBudget) {
  FeedWriter w(1);
  std::vector<VerifiedRecord> records;
  for (int i = 0; i < 10; ++i) records.push_back(w.NextCase("case " + std::to_string(i)));
  for (const auto& r : records) Ingest(r);
  const std::size_t one = records[0].wire.header.size() + records[0].wire.payload->size();
  const SigningPublicKey author = w.key().public_key();

  // Three records' worth (a little less): the third crosses the budget and is the last read.
  auto feed = store_->ReadFeed(author, "c40", 1, 100, 3 * one - 1);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 3u);
  EXPECT_EQ((*feed)[2].id, records[2].id);
  // A budget below one record still reads one, so a feed of large records makes progress.
  EXPECT_EQ(store_->ReadFeed(author, "c40", 1, 100, 1)->size(), 1u);
  // The count still applies when the budget is ample.
  EXPECT_EQ(store_->ReadFeed(author, "c40", 1, 4, 1u << 30)->size(), 4u);
}

TEST_P(StoreTest, OutOfOrderRecordsWaitAndApplyWhenTheGapFills) {
  FeedWriter w(1);
  VerifiedRecord a = w.NextCase("a"), b = w.NextCase("b"), c = w.NextCase("c");
  EXPECT_EQ(Ingest(c).outcome, IngestOutcome::kWaiting);
  EXPECT_EQ(Ingest(b).outcome, IngestOutcome::kWaiting);
  EXPECT_EQ(*store_->PendingCount(), 2u);
  EXPECT_EQ(store_->Get(b.id).status().code(), StatusCode::kNotFound);
  IngestResult res = Ingest(a);
  EXPECT_EQ(res.outcome, IngestOutcome::kAccepted);
  EXPECT_THAT(res.applied, ElementsAre(a.id, b.id, c.id));
  EXPECT_EQ(*store_->PendingCount(), 0u);
  auto heads = store_->Heads({"c40"});
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ((*heads)[0].seq, 3u);
  EXPECT_EQ((*heads)[0].head, c.id);
}

TEST_P(StoreTest, ThousandRecordFeedInRandomOrderEndsAsInOrder) {
  FeedWriter w(3);
  std::vector<VerifiedRecord> feed;
  for (int i = 0; i < 1000; ++i) feed.push_back(w.NextCase("case " + std::to_string(i)));
  for (const auto& r : feed) Ingest(r);
  auto in_order_heads = *store_->Heads({});
  auto in_order_summary = *store_->HeadsSummary("c40");
  auto in_order_feed = *store_->ReadFeed(w.key().public_key(), "c40", 1, 2000);

  TempDir other_dir;
  StoreOptions o;
  o.path = other_dir.File("node");
  o.search = false;
  auto other = std::move(OpenStore(o)).value();
  std::vector<VerifiedRecord> shuffled = feed;
  std::mt19937 rng(42);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (const auto& r : shuffled) ASSERT_TRUE(other->Ingest(r).ok());
  EXPECT_EQ(*other->PendingCount(), 0u);
  EXPECT_EQ(*other->Heads({}), in_order_heads);
  EXPECT_EQ(*other->HeadsSummary("c40"), in_order_summary);
  auto shuffled_feed = *other->ReadFeed(w.key().public_key(), "c40", 1, 2000);
  ASSERT_EQ(shuffled_feed.size(), in_order_feed.size());
  for (std::size_t i = 0; i < shuffled_feed.size(); ++i) {
    EXPECT_EQ(shuffled_feed[i].wire, in_order_feed[i].wire) << i;
  }
  ListFilter all;
  EXPECT_EQ(Titles(*other->List(all, 50)), Titles(*store_->List(all, 50)));
}

TEST_P(StoreTest, TwoRecordsAtOneSeqAreForkEvidence) {
  FeedWriter w(1);
  VerifiedRecord a = w.NextCase("a");
  Ingest(a);
  // The same author signs a different record at seq 1: a compromised or broken node.
  FeedWriter again(1);
  VerifiedRecord other = again.NextCase("not a");
  IngestResult res = Ingest(other);
  EXPECT_EQ(res.outcome, IngestOutcome::kForkEvidence);
  EXPECT_THAT(res.reason, HasSubstr("seq 1"));
  auto forks = store_->Forks();
  ASSERT_TRUE(forks.ok());
  ASSERT_EQ(forks->size(), 1u);
  EXPECT_EQ((*forks)[0].kept, a.wire);
  EXPECT_EQ((*forks)[0].other, other.wire);
  EXPECT_TRUE((*store_->Heads({"c40"}))[0].forked);
  // The feed still holds the first record; the second is not served as part of it.
  EXPECT_EQ((*store_->ReadFeed(w.key().public_key(), "c40", 1, 10))[0].id, a.id);
  EXPECT_EQ(store_->Get(other.id).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, SuccessorNamingAnotherPredecessorIsForkEvidence) {
  FeedWriter w(1), fork(1);
  Ingest(w.NextCase("a"));
  fork.NextCase("a'");  // a different seq 1 that never reached us
  VerifiedRecord b_on_fork = fork.NextCase("b on the fork");
  EXPECT_EQ(Ingest(b_on_fork).outcome, IngestOutcome::kForkEvidence);
}

TEST_P(StoreTest, WaitingAreaIsBounded) {
  StoreOptions o;
  o.max_pending_records = 3;
  Reopen(o);
  FeedWriter w(1);
  w.NextCase("never arrives");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Ingest(w.NextCase("w")).outcome, IngestOutcome::kWaiting);
  auto res = store_->Ingest(w.NextCase("one too many"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(*store_->PendingCount(), 3u);
}

TEST_P(StoreTest, HeadsAndSummariesPerNetwork) {
  FeedWriter a(1, "c40"), b(2, "c40"), c(1, "eurocities");
  Ingest(a.NextCase("a1"));
  Ingest(a.NextCase("a2"));
  Ingest(b.NextCase("b1"));
  Ingest(c.NextCase("c1"));
  auto c40 = *store_->Heads({"c40"});
  ASSERT_EQ(c40.size(), 2u);
  EXPECT_EQ(store_->Heads({"eurocities"})->size(), 1u);
  EXPECT_EQ(store_->Heads({})->size(), 3u);
  EXPECT_EQ(store_->Heads({"ssc-beijing"})->size(), 0u);
  Hash256 before = *store_->HeadsSummary("c40");
  Hash256 euro = *store_->HeadsSummary("eurocities");
  Ingest(c.NextCase("c2"));
  EXPECT_EQ(*store_->HeadsSummary("c40"), before);
  EXPECT_NE(*store_->HeadsSummary("eurocities"), euro);
  Ingest(b.NextCase("b2"));
  EXPECT_NE(*store_->HeadsSummary("c40"), before);
}

TEST_P(StoreTest, ListsNewestFirstWithEveryFilter) {
  FeedWriter c40(1, "c40"), euro(2, "eurocities");
  CaseStudy da = SampleCase();
  da.language = "da";
  da.title = "Klimaplan";
  da.sdgs = {13};
  da.sdg_targets = {};
  da.themes = {"climate"};
  da.city = "Aarhus";
  Ingest(c40.Next(da));
  CaseStudy en = SampleCase();
  en.title = "Street Lab";
  Ingest(c40.Next(en));
  CaseStudy euro_case = SampleCase();
  euro_case.title = "Euro";
  euro_case.networks = {"eurocities"};
  Ingest(euro.Next(euro_case, std::nullopt, 10000));  // the newest

  ListFilter all;
  EXPECT_THAT(Titles(*store_->List(all, 10)), ElementsAre("Euro", "Street Lab", "Klimaplan"));
  ListFilter f;
  f.network = "c40";
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Street Lab", "Klimaplan"));
  f = {};
  f.language = "da";
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Klimaplan"));
  f = {};
  f.sdg = 9;
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Euro", "Street Lab"));
  f = {};
  f.theme = "climate";
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Klimaplan"));
  f = {};
  f.city = "AARHUS";
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Klimaplan"));
  f = {};
  f.author = euro.key().public_key();
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Euro"));
  f = {};
  f.kind = RecordKind::kCaseStudy;
  f.network = "c40";
  f.sdg = 13;
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("Klimaplan"));
  f = {};
  f.kind = RecordKind::kDataset;
  EXPECT_TRUE(store_->List(f, 10)->records.empty());
}

TEST_P(StoreTest, TimeRangeFilters) {
  FeedWriter w(1);
  std::vector<VerifiedRecord> rs;
  for (int i = 0; i < 5; ++i) rs.push_back(w.NextCase("t" + std::to_string(i)));
  for (const auto& r : rs) Ingest(r);
  ListFilter f;
  f.since_ms = rs[1].header.created_at_ms;
  f.until_ms = rs[4].header.created_at_ms;
  EXPECT_THAT(Titles(*store_->List(f, 10)), ElementsAre("t3", "t2", "t1"));
}

TEST_P(StoreTest, PaginationIsStableWhileRecordsArrive) {
  FeedWriter w(1), late(2);
  for (int i = 0; i < 25; ++i) Ingest(w.NextCase("case " + std::to_string(i)));
  ListFilter all;
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = store_->List(all, 10, cursor);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& t : Titles(*page)) seen.push_back(t);
    cursor = page->next_cursor;
    // Newer records arrive between pages; they must not shift or repeat what follows.
    Ingest(w.NextCase("newer " + std::to_string(pages)));
    ++pages;
  } while (!cursor.empty());
  ASSERT_EQ(seen.size(), 25u);
  for (int i = 0; i < 25; ++i)
    EXPECT_EQ(seen[static_cast<std::size_t>(i)], "case " + std::to_string(24 - i));
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(store_->List(all, 10, "not-a-cursor").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, SupersededCaseListsOnlyTheNewestVersion) {
  FeedWriter w(1);
  VerifiedRecord v1 = w.NextCase("version 1");
  Ingest(v1);
  CaseStudy c2 = SampleCase();
  c2.title = "version 2";
  VerifiedRecord v2 = w.Next(c2, v1.id);
  Ingest(v2);
  ListFilter all;
  EXPECT_THAT(Titles(*store_->List(all, 10)), ElementsAre("version 2"));
  all.include_superseded = true;
  EXPECT_THAT(Titles(*store_->List(all, 10)), ElementsAre("version 2", "version 1"));
  EXPECT_EQ(store_->Newest(v1.id)->id, v2.id);
  EXPECT_EQ(store_->Get(v1.id)->superseded_by, v2.id);
}

TEST_P(StoreTest, OnlyTheAuthorCanSupersede) {
  FeedWriter w(1), other(2);
  VerifiedRecord v1 = w.NextCase("original");
  Ingest(v1);
  CaseStudy hijack = SampleCase();
  hijack.title = "hijack";
  Ingest(other.Next(hijack, v1.id));
  EXPECT_EQ(store_->Newest(v1.id)->id, v1.id);
}

TEST_P(StoreTest, RetractionPurgesPayloadKeepsHeaderAndRefusesItLater) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("to be erased");
  Ingest(r);
  Ingest(w.Retract({r.id}));
  auto got = store_->Get(r.id);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->retracted);
  EXPECT_FALSE(got->wire.payload.has_value());
  EXPECT_EQ(got->wire.header, r.wire.header);
  // The payload offered again (a peer that has not heard of the retraction) is not stored.
  EXPECT_EQ(Ingest(r).outcome, IngestOutcome::kDuplicate);
  EXPECT_FALSE(store_->Get(r.id)->wire.payload.has_value());
  EXPECT_TRUE(store_->List(ListFilter{}, 10)->records.empty());
  // The chain stays verifiable without the payload.
  EXPECT_TRUE(VerifyRecord(store_->Get(r.id)->wire).ok());
}

TEST_P(StoreTest, RetractionBeforeItsTargetArrivesStillPurges) {
  FeedWriter w(1);
  VerifiedRecord r = w.NextCase("to be erased");
  VerifiedRecord retraction = w.Retract({r.id});
  EXPECT_EQ(Ingest(retraction).outcome, IngestOutcome::kWaiting);
  IngestResult res = Ingest(r);
  EXPECT_THAT(res.applied, ElementsAre(r.id, retraction.id));
  EXPECT_TRUE(store_->Get(r.id)->retracted);
  EXPECT_FALSE(store_->Get(r.id)->wire.payload.has_value());
}

TEST_P(StoreTest, NobodyRetractsAnotherAuthorsRecord) {
  FeedWriter w(1), attacker(2);
  VerifiedRecord r = w.NextCase("keep me");
  Ingest(r);
  Ingest(attacker.Retract({r.id}));
  EXPECT_FALSE(store_->Get(r.id)->retracted);
  EXPECT_TRUE(store_->Get(r.id)->wire.payload.has_value());
}

TEST_P(StoreOnDiskTest, OwnSlotsFollowTheFeedAndSurviveReopen) {
  FeedWriter w(1);
  SigningPublicKey self = w.key().public_key();
  auto first = store_->ReserveOwnSlot(self, "c40");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->seq, 1u);
  EXPECT_FALSE(first->prev.has_value());
  VerifiedRecord r = w.NextCase("mine");
  IngestOptions sync;
  sync.sync = true;
  ASSERT_TRUE(store_->Ingest(r, sync).ok());
  Reopen();
  auto next = store_->ReserveOwnSlot(self, "c40");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 2u);
  EXPECT_EQ(next->prev, r.id);
  EXPECT_EQ(store_->ReserveOwnSlot(self, "eurocities")->seq, 1u);
  EXPECT_FALSE(next->reused);
}

TEST_P(StoreOnDiskTest, ReservationNotFollowedByARecordIsReportedAndReused) {
  FeedWriter w(1);
  SigningPublicKey self = w.key().public_key();
  ASSERT_EQ(store_->ReserveOwnSlot(self, "c40")->seq, 1u);
  // The node crashes after reserving (and perhaps signing) but before storing.
  Reopen();
  auto again = store_->ReserveOwnSlot(self, "c40");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->seq, 1u);
  EXPECT_TRUE(again->reused);
}

TEST_P(StoreOnDiskTest, EverythingSurvivesReopen) {
  FeedWriter w(1);
  VerifiedRecord a = w.NextCase("a"), b = w.NextCase("b"), c = w.NextCase("c");
  Ingest(a);
  Ingest(c);                  // waits
  Ingest(w.Retract({a.id}));  // waits behind b
  Reopen();
  EXPECT_EQ(*store_->PendingCount(), 2u);
  IngestResult res = Ingest(b);
  EXPECT_EQ(res.applied.size(), 3u);
  EXPECT_TRUE(store_->Get(a.id)->retracted);
  EXPECT_EQ(store_->LastLocalSeq(), 4u);
}

TEST_P(StoreTest, ArrivalOrderIsServedForCatchUp) {
  FeedWriter w(1), v(2);
  Ingest(w.NextCase("1"));
  Ingest(v.NextCase("2"));
  Ingest(w.NextCase("3"));
  auto since = store_->ReadSince(1, 10);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].local_seq, 2u);
  EXPECT_EQ((*since)[1].local_seq, 3u);
}

TEST_P(StoreTest, SearchFindsCasesAndForgetsRetractedOnes) {
  FeedWriter w(1);
  CaseStudy c = SampleCase();
  c.title = "Circularity in the harbour";
  VerifiedRecord r = w.Next(c);
  Ingest(r);
  ASSERT_TRUE(store_->WaitForSearch(10000).ok());
  auto hits = store_->Search("circular", {}, 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].record.id, r.id);
  Ingest(w.Retract({r.id}));
  ASSERT_TRUE(store_->WaitForSearch(10000).ok());
  EXPECT_TRUE(store_->Search("circular", {}, 10)->empty());
}

TEST_P(StoreOnDiskTest, LostSearchIndexIsRebuiltFromTheRecords) {
  FeedWriter w(1);
  for (int i = 0; i < 20; ++i) Ingest(w.NextCase("harbour bath " + std::to_string(i)));
  ASSERT_TRUE(store_->WaitForSearch(10000).ok());
  store_.reset();
  std::filesystem::remove(dir_.File("node/search.sqlite"));
  Reopen();
  ASSERT_TRUE(store_->WaitForSearch(10000).ok());
  EXPECT_EQ(store_->Search("harbour", {}, 50)->size(), 20u);
  // A damaged index file is replaced, not a reason to fail.
  store_.reset();
  std::ofstream(dir_.File("node/search.sqlite"), std::ios::trunc) << "not sqlite at all";
  std::filesystem::remove(dir_.File("node/search.sqlite-wal"));
  Reopen();
  ASSERT_TRUE(store_->WaitForSearch(10000).ok());
  EXPECT_EQ(store_->Search("harbour", {}, 50)->size(), 20u);
}

// --- opening --------------------------------------------------------------------------------

TEST(StoreOpenTest, ForeignDirectoryIsRefusedWithAClearError) {
  TempDir dir;
  std::ofstream(dir.File("notes.txt")) << "my files";
  StoreOptions o;
  o.path = dir.path();
  auto s = OpenStore(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr("is not a citynet store"));
  EXPECT_THAT(s.status().message(), HasSubstr(dir.path()));
  // Nothing was written into it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(StoreOpenTest, FileInsteadOfDirectoryIsRefused) {
  TempDir dir;
  std::ofstream(dir.File("file")) << "x";
  StoreOptions o;
  o.path = dir.File("file");
  EXPECT_EQ(OpenStore(o).status().code(), StatusCode::kFailedPrecondition);
}

TEST(StoreOpenTest, NewerFormatIsRefused) {
  TempDir dir;
  std::filesystem::create_directories(dir.File("node"));
  std::ofstream(dir.File("node/CITYNET_STORE")) << "citynet record store, format 2\n";
  StoreOptions o;
  o.path = dir.File("node");
  auto s = OpenStore(o);
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr("upgrade citynet"));
}

TEST(StoreOpenTest, MissingStoreWithoutCreateIsNotFound) {
  TempDir dir;
  StoreOptions o;
  o.path = dir.File("absent");
  o.create_if_missing = false;
  EXPECT_EQ(OpenStore(o).status().code(), StatusCode::kNotFound);
}

TEST(StoreOpenTest, SecondOpenOfTheSameDirectoryIsUnavailable) {
  TempDir dir;
  StoreOptions o;
  o.path = dir.File("node");
  auto first = OpenStore(o);
  ASSERT_TRUE(first.ok());
  auto second = OpenStore(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr("another citynetd"));
}

TEST(StoreOpenTest, CorruptDatabaseGivesAnErrorNotACrash) {
  TempDir dir;
  StoreOptions o;
  o.path = dir.File("node");
  o.search = false;
  {
    auto s = OpenStore(o);
    ASSERT_TRUE(s.ok());
    FeedWriter w(1);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE((*s)->Ingest(w.NextCase("c")).ok());
  }
  // Damage every file of the database, as a failing disk would.
  for (const auto& e : std::filesystem::directory_iterator(dir.File("node/records"))) {
    std::string name = e.path().filename().string();
    if (name.rfind("MANIFEST", 0) == 0 || name == "CURRENT") {
      std::ofstream(e.path(), std::ios::trunc) << "garbage garbage garbage";
    }
  }
  auto s = OpenStore(o);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.status().code() == StatusCode::kDataLoss ||
              s.status().code() == StatusCode::kInternal)
      << s.status().ToString();
  EXPECT_THAT(s.status().message(), HasSubstr("records"));
}

}  // namespace
}  // namespace citynet::store

namespace citynet::store {
namespace {

ByteView View(const std::string& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST_P(StoreOnDiskTest, DatasetChunksAndBodyStatusSurviveARestart) {
  FeedWriter w(1);
  VerifiedRecord ds = w.NextDataset(citynet::testing::SampleDataset());
  Ingest(ds);
  EXPECT_EQ(store_->GetBody(ds.id)->state, BodyState::kAbsent);
  const std::string a = "age,gender\n30-39,F\n", b = "30-39,M\n";
  BodyStatus fetching{BodyState::kFetching, 1, 5, ""};
  ASSERT_TRUE(store_->PutChunks(ds.id, 1, {View(b)}, fetching, false).ok());
  EXPECT_THAT(*store_->HeldChunks(ds.id, 3), ElementsAre(false, true, false));
  BodyStatus complete{BodyState::kComplete, 2, 6, ""};
  ASSERT_TRUE(store_->PutChunks(ds.id, 0, {View(a)}, complete, true).ok());
  Reopen();
  EXPECT_EQ(*store_->GetBody(ds.id), complete);
  auto c0 = store_->GetChunk(ds.id, 0);
  ASSERT_TRUE(c0.ok() && c0->has_value());
  EXPECT_EQ(std::string((*c0)->begin(), (*c0)->end()), a);
  EXPECT_FALSE(store_->GetChunk(ds.id, 2)->has_value());
  auto bodies = store_->Bodies();
  ASSERT_TRUE(bodies.ok());
  ASSERT_EQ(bodies->size(), 1u);
  EXPECT_EQ((*bodies)[0].first, ds.id);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(StoreTest, RetractingADatasetErasesItsBodyAndRefusesItLater) {
  FeedWriter w(1);
  VerifiedRecord ds = w.NextDataset(citynet::testing::SampleDataset());
  VerifiedRecord other = w.NextDataset(citynet::testing::SampleDataset());
  Ingest(ds);
  Ingest(other);
  const std::string chunk = "a,b\n1,2\n";
  ASSERT_TRUE(store_->PutChunks(ds.id, 0, {View(chunk), View(chunk)},
                                {BodyState::kComplete, 2, 1, ""}, false).ok());
  ASSERT_TRUE(store_->PutChunks(other.id, 0, {View(chunk)}, {BodyState::kComplete, 1, 1, ""},
                                false).ok());
  Ingest(w.Retract({ds.id}));
  EXPECT_THAT(*store_->HeldChunks(ds.id, 2), ElementsAre(false, false));
  EXPECT_EQ(store_->GetBody(ds.id)->state, BodyState::kAbsent);
  // The other dataset of the same author keeps its body.
  EXPECT_THAT(*store_->HeldChunks(other.id, 1), ElementsAre(true));
  // A partner that has not heard of the retraction offers the body again: not stored.
  Status again = store_->PutChunks(ds.id, 0, {View(chunk)}, {BodyState::kFetching, 1, 2, ""},
                                   false);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.message(), HasSubstr("retracted"));
  EXPECT_FALSE(store_->GetChunk(ds.id, 0)->has_value());
  // A fetch that finishes after the retraction (its worker raced the loop) leaves no status row.
  ASSERT_TRUE(store_->SetBody(ds.id, {BodyState::kComplete, 2, 3, ""}).ok());
  ASSERT_TRUE(store_->DropBody(ds.id, {BodyState::kRefused, 0, 3, "k = 1"}).ok());
  EXPECT_EQ(store_->GetBody(ds.id)->state, BodyState::kAbsent);
  EXPECT_EQ(store_->Bodies()->size(), 1u);  // the other dataset's
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(StoreTest, DroppedBodyKeepsOnlyItsRefusal) {
  FeedWriter w(1);
  VerifiedRecord ds = w.NextDataset(citynet::testing::SampleDataset());
  Ingest(ds);
  const std::string chunk = "a,b\n1,2\n";
  ASSERT_TRUE(store_->PutChunks(ds.id, 0, {View(chunk), View(chunk), View(chunk)},
                                {BodyState::kFetching, 3, 1, ""}, false).ok());
  BodyStatus refused{BodyState::kRefused, 0, 9, "k = 2 over age, gender but k = 5 was required"};
  ASSERT_TRUE(store_->DropBody(ds.id, refused).ok());
  EXPECT_THAT(*store_->HeldChunks(ds.id, 3), ElementsAre(false, false, false));
  EXPECT_EQ(*store_->GetBody(ds.id), refused);
  ASSERT_TRUE(store_->DropBody(ds.id, BodyStatus{}).ok());
  EXPECT_TRUE(store_->Bodies()->empty());
}

}  // namespace
}  // namespace citynet::store
