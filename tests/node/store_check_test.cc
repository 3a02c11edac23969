// citynetd --check-store (node/store_check.h) on a real RocksDB store: a sound store, a dataset
// chunk changed on disk, a store held by a running node, and no store at all.
#include "node/daemon/store_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "protocol/crypto.h"
#include "protocol/record.h"
#include "store/store.h"
#include "tests/protocol/test_util.h"

namespace citynet::node {
namespace {

using namespace citynet::protocol;
using ::testing::HasSubstr;

class StoreCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::StoreOptions o;
    o.path = path_;
    o.search = false;
    store_ = std::move(store::OpenStore(o)).value();
    const SigningKey key = testing::TestKey(1);
    auto first = Ingest(key, testing::Draft("c40", 1), SampleCase());
    Dataset d = testing::SampleDataset();
    d.body.chunks = {ChunkRef{HashWithDomain(kChunkHashDomain, AsBytes(kChunk)),
                              static_cast<uint32_t>(kChunk.size())}};
    d.body.total_size = kChunk.size();
    d.networks = {"c40"};
    dataset_ = Ingest(key, testing::Draft("c40", 2, first), d);
    PutChunk(kChunk);
  }

  static CaseStudy SampleCase() { return testing::SampleCase(); }
  static ByteView AsBytes(std::string_view s) {
    return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }

  RecordId Ingest(const SigningKey& key, const RecordDraft& draft, const Payload& payload) {
    auto signed_record = SignRecord(key, draft, payload);
    EXPECT_TRUE(signed_record.ok()) << signed_record.status().ToString();
    auto verified = VerifyRecord(*signed_record);
    EXPECT_TRUE(verified.ok()) << verified.status().ToString();
    auto r = store_->Ingest(*verified, {});
    EXPECT_TRUE(r.ok() && r->outcome == store::IngestOutcome::kAccepted);
    return verified->id;
  }

  void PutChunk(std::string_view bytes) {
    store::BodyStatus complete{store::BodyState::kComplete, 1, testing::kTestTimeMs, ""};
    ASSERT_TRUE(store_->PutChunks(dataset_, 0, {AsBytes(bytes)}, complete, false).ok());
  }

  static constexpr std::string_view kChunk = "district,households\nNørrebro,12\n";
  testing::TempDir dir_;
  std::string path_ = dir_.File("store");
  std::unique_ptr<store::Store> store_;
  RecordId dataset_;
};

TEST_F(StoreCheckTest, ASoundStoreIsSoundAndEveryRecordAndChunkIsCounted) {
  store_.reset();  // the node is stopped
  auto report = CheckStore(path_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(report->problems, ::testing::IsEmpty());
  EXPECT_EQ(report->problems_found, 0u);
  EXPECT_EQ(report->records, 2u);
  EXPECT_EQ(report->payloads, 2u);
  EXPECT_EQ(report->bodies, 1u);
  EXPECT_EQ(report->chunks, 1u);
}

TEST_F(StoreCheckTest, AChunkWhoseBytesChangedOnDiskIsNamed) {
  PutChunk("district,households\nNørrebro,13\n");  // one digit: what a flipped bit looks like
  store_.reset();
  auto report = CheckStore(path_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->problems_found, 1u);
  EXPECT_THAT(report->problems[0], HasSubstr("dataset " + dataset_.ShortHex() + " chunk 0"));
  EXPECT_THAT(report->problems[0], HasSubstr("do not match the hash"));
}

TEST_F(StoreCheckTest, AStoreARunningNodeHoldsIsRefusedWithWhatToDo) {
  auto report = CheckStore(path_);  // store_ still open, as citynetd would hold it
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(report.status().message(), HasSubstr("another citynetd"));
}

TEST_F(StoreCheckTest, NoStoreIsNotFoundAndNothingIsCreated) {
  const std::string elsewhere = dir_.File("nothing-here");
  auto report = CheckStore(elsewhere);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(elsewhere));
}

}  // namespace
}  // namespace citynet::node
