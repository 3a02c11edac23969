// Signing and verifying records of every kind: round trips, ids, chains, purged payloads, and
// every way a record can fail verification.
#include "protocol/record.h"

#include <gtest/gtest.h>

#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using testing::Draft;
using testing::OneRecordOfEachKind;
using testing::SampleCase;
using testing::TestKey;

TEST(RecordTest, EveryKindSignsAndVerifies) {
  auto records = OneRecordOfEachKind();
  ASSERT_EQ(records.size(), 4u);
  const RecordKind kinds[] = {RecordKind::kCaseStudy, RecordKind::kDataset, RecordKind::kRetraction,
                              RecordKind::kErasureReceipt};
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto v = VerifyRecord(records[i]);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_EQ(v->header.kind, kinds[i]);
    EXPECT_EQ(v->header.author, TestKey(1).public_key());
    ASSERT_TRUE(v->payload.has_value());
    EXPECT_EQ(KindOf(*v->payload), kinds[i]);
    EXPECT_EQ(v->id, ComputeRecordId(records[i].header));
  }
}

TEST(RecordTest, PayloadSurvivesTheRoundTripExactly) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  auto v = VerifyRecord(*rec);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(std::get<CaseStudy>(*v->payload), SampleCase());
  EXPECT_EQ(v->header.network, "c40");
  EXPECT_EQ(v->header.seq, 1u);
  EXPECT_FALSE(v->header.prev.has_value());
  EXPECT_EQ(v->header.created_at_ms, testing::kTestTimeMs + 1);
  EXPECT_EQ(v->header.payload_size, rec->payload->size());
}

TEST(RecordTest, IdIsDomainSeparatedHashOfHeaderAndIgnoresSignature) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  RecordId id = ComputeRecordId(rec->header);
  EXPECT_EQ(id.data, HashWithDomain(kRecordIdDomain, rec->header).data);
  EXPECT_NE(id.data, HashWithDomain("", rec->header).data);
  // Ed25519 is deterministic, but the id must not depend on the signature: a second valid
  // signature over the same header (here, the same one) gives the same id.
  SignedRecord other = *rec;
  other.payload.reset();
  EXPECT_EQ(VerifyRecord(other)->id, id);
}

TEST(RecordTest, SignatureIsOverDomainPrefixedHeader) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(VerifySignatureWithDomain(TestKey(1).public_key(), kRecordSignatureDomain,
                                        rec->header, rec->signature));
  EXPECT_FALSE(VerifySignature(TestKey(1).public_key(), rec->header, rec->signature));
}

TEST(RecordTest, FeedChainsThroughPrev) {
  SigningKey key = TestKey(2);
  std::optional<RecordId> prev;
  for (uint64_t seq = 1; seq <= 5; ++seq) {
    auto rec = SignRecord(key, Draft("eurocities", seq, prev), [] {
      CaseStudy c = SampleCase();
      c.networks = {"eurocities"};
      return c;
    }());
    ASSERT_TRUE(rec.ok()) << rec.status().ToString();
    auto v = VerifyRecord(*rec);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->header.prev, prev);
    prev = v->id;
  }
}

TEST(RecordTest, PurgedPayloadStillVerifiesTheHeader) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  rec->payload.reset();
  auto v = VerifyRecord(*rec);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_FALSE(v->payload.has_value());
}

TEST(RecordTest, LatePayloadIsCheckedAgainstTheHeader) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  Bytes payload = *rec->payload;
  rec->payload.reset();
  auto v = VerifyRecord(*rec);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(VerifyPayloadFor(v->header, payload).ok());
  Bytes other = payload;
  other[other.size() / 2] ^= 1;
  auto bad = VerifyPayloadFor(v->header, other);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("does not match the hash"), std::string::npos);
}

TEST(RecordTest, PayloadOfAnotherRecordIsRefused) {
  SigningKey key = TestKey(1);
  auto a = SignRecord(key, Draft("c40", 1), SampleCase());
  CaseStudy other_case = SampleCase();
  other_case.title = "Another title";
  auto b = SignRecord(key, Draft("c40", 1), other_case);
  ASSERT_TRUE(a.ok() && b.ok());
  SignedRecord swapped = *a;
  swapped.payload = b->payload;
  auto v = VerifyRecord(swapped);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
}

TEST(RecordTest, PayloadOfWrongSizeIsRefusedBeforeHashing) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  rec->payload->resize(rec->payload->size() + 8);
  auto v = VerifyRecord(*rec);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("bytes but the signed header says"), std::string::npos);
}

TEST(RecordTest, SignatureByAnotherKeyIsUnauthenticated) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  rec->signature = TestKey(2).SignWithDomain(kRecordSignatureDomain, rec->header);
  auto v = VerifyRecord(*rec);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kUnauthenticated);
}

TEST(RecordTest, EveryBitFlipOfHeaderOrPayloadIsRefused) {
  for (const SignedRecord& original : OneRecordOfEachKind()) {
    for (std::size_t i = 0; i < original.header.size() * 8; ++i) {
      SignedRecord r = original;
      r.header[i / 8] ^= static_cast<uint8_t>(1u << (i % 8));
      EXPECT_FALSE(VerifyRecord(r).ok()) << "header bit " << i;
    }
    for (std::size_t i = 0; i < original.payload->size() * 8; i += 7) {
      SignedRecord r = original;
      (*r.payload)[i / 8] ^= static_cast<uint8_t>(1u << (i % 8));
      EXPECT_FALSE(VerifyRecord(r).ok()) << "payload bit " << i;
    }
    for (std::size_t i = 0; i < 64 * 8; i += 5) {
      SignedRecord r = original;
      r.signature.data[i / 8] ^= static_cast<uint8_t>(1u << (i % 8));
      EXPECT_FALSE(VerifyRecord(r).ok()) << "signature bit " << i;
    }
  }
}

TEST(RecordTest, UnknownFormatVersionIsRefusedAsUnimplemented) {
  SigningKey key = TestKey(1);
  auto rec = SignRecord(key, Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  RecordHeader h = std::move(DecodeHeader(rec->header)).value();
  h.format_version = 2;
  SignedRecord future = *rec;
  future.header = EncodeHeader(h);
  future.signature = key.SignWithDomain(kRecordSignatureDomain, future.header);
  auto v = VerifyRecord(future);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kUnimplemented);
  EXPECT_NE(v.status().message().find("upgrade citynet"), std::string::npos);
}

TEST(RecordTest, TrailingBytesAfterHeaderAreRefused) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  for (std::size_t extra : {1u, 3u, 8u, 16u}) {
    SignedRecord r = *rec;
    r.header.resize(r.header.size() + extra, 0);
    r.signature = TestKey(1).SignWithDomain(kRecordSignatureDomain, r.header);
    EXPECT_FALSE(VerifyRecord(r).ok()) << extra;
  }
}

TEST(RecordTest, OversizePayloadIsRefusedByLimit) {
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), SampleCase());
  ASSERT_TRUE(rec.ok());
  Limits small;
  small.max_payload_bytes = rec->payload->size() - 8;
  auto v = VerifyRecord(*rec, small);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("over the limit"), std::string::npos);
  Limits tiny_header;
  tiny_header.max_header_bytes = 64;
  EXPECT_FALSE(VerifyRecord(*rec, tiny_header).ok());
}

TEST(RecordTest, SignerRefusesInvalidRecords) {
  CaseStudy c = SampleCase();
  c.sdgs.push_back(18);
  c.summary.clear();
  auto rec = SignRecord(TestKey(1), Draft("c40", 1), c);
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rec.status().message().find("sdg 18 is not one of the 17 UN goals"), std::string::npos);
  EXPECT_NE(rec.status().message().find("summary is empty"), std::string::npos);
  // The network must be one the case lists.
  auto wrong_net = SignRecord(TestKey(1), Draft("ssc-beijing", 1), SampleCase());
  ASSERT_FALSE(wrong_net.ok());
  EXPECT_NE(wrong_net.status().message().find("network 'ssc-beijing'"), std::string::npos);
  // A chain needs prev after seq 1.
  EXPECT_FALSE(SignRecord(TestKey(1), Draft("c40", 2), SampleCase()).ok());
}

TEST(RecordTest, RetractionNeedsTargetsAndOnlyRetractionsHaveThem) {
  SigningKey key = TestKey(1);
  RecordDraft d = Draft("c40", 1);
  auto no_targets = SignRecord(key, d, testing::SampleRetraction());
  ASSERT_FALSE(no_targets.ok());
  d.refs = RetractionRefs{};
  EXPECT_FALSE(SignRecord(key, d, testing::SampleRetraction()).ok());
  RecordId target;
  target.data.fill(3);
  d.refs = RetractionRefs{{target}};
  EXPECT_TRUE(SignRecord(key, d, testing::SampleRetraction()).ok());
  EXPECT_FALSE(SignRecord(key, d, SampleCase()).ok());
}

TEST(RecordTest, SupersessionNamesTheOlderVersion) {
  SigningKey key = TestKey(1);
  auto v1 = SignRecord(key, Draft("c40", 1), SampleCase());
  ASSERT_TRUE(v1.ok());
  RecordId old_id = ComputeRecordId(v1->header);
  CaseStudy updated = SampleCase();
  updated.outcomes.push_back(Outcome{"sensors installed", std::nullopt, 300, "sensors"});
  RecordDraft d = Draft("c40", 2, old_id);
  d.supersedes = old_id;
  auto v2 = SignRecord(key, d, updated);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  auto verified = VerifyRecord(*v2);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->header.supersedes, old_id);
}

}  // namespace
}  // namespace citynet::protocol
