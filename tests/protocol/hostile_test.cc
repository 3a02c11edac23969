// Hostile bytes: every decoder and verifier returns an error, never crashes, hangs or
// allocates without bound, on truncated, random, deeply nested, oversize-list and wrong-
// segment-count input. (Run under the asan preset, this is also a memory-safety check.)
#include <gtest/gtest.h>

#include <random>

#include "protocol/codec.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using testing::OneRecordOfEachKind;

constexpr uint64_t kStructPtrOnePointer = uint64_t{1} << 48;  // offset 0, 0 data, 1 pointer

void PutWord(Bytes& out, uint64_t w) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(w >> (8 * i)));
}

// Feeds `bytes` to every decoder; each must return (ok or not) without crashing.
void FeedEverywhere(const Bytes& bytes) {
  (void)DecodeEnvelope(bytes);
  (void)DecodeHeader(bytes);
  (void)DecodeNodeCard(bytes);
  for (RecordKind k : {RecordKind::kCaseStudy, RecordKind::kDataset, RecordKind::kRetraction,
                       RecordKind::kErasureReceipt}) {
    (void)DecodePayload(k, bytes);
  }
  SignedRecord r;
  r.header = bytes;
  r.payload = bytes;
  (void)VerifyRecord(r);
  (void)VerifyNodeCard(SignedNodeCard{bytes, Signature{}});
  (void)DearmorNodeCard(std::string(bytes.begin(), bytes.end()));
}

TEST(HostileTest, EveryTruncationOfAValidMessageIsRefused) {
  for (const SignedRecord& r : OneRecordOfEachKind()) {
    Bytes env = EncodeEnvelope(Envelope{r});
    for (std::size_t n = 0; n < env.size(); ++n) {
      Bytes cut(env.begin(), env.begin() + static_cast<long>(n));
      EXPECT_FALSE(DecodeEnvelope(cut).ok()) << "prefix of " << n << " bytes";
    }
    for (std::size_t n = 0; n < r.header.size(); ++n) {
      Bytes cut(r.header.begin(), r.header.begin() + static_cast<long>(n));
      EXPECT_FALSE(DecodeHeader(cut).ok()) << "header prefix of " << n << " bytes";
    }
  }
}

TEST(HostileTest, TrailingBytesAfterAMessageAreRefused) {
  Bytes env = EncodeEnvelope(Envelope{OneRecordOfEachKind()[0]});
  for (std::size_t extra : {1u, 7u, 8u, 64u}) {
    Bytes longer = env;
    longer.resize(env.size() + extra, 0);
    auto r = DecodeEnvelope(longer);
    EXPECT_FALSE(r.ok()) << extra;
  }
}

TEST(HostileTest, RandomBytesNeverCrash) {
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 3000; ++i) {
    std::size_t len = rng() % 512;
    if (i % 3 == 0) len &= ~std::size_t{7};
    Bytes b(len);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    FeedEverywhere(b);
  }
}

TEST(HostileTest, RandomMutationsOfValidMessagesNeverCrash) {
  std::mt19937_64 rng(7);
  auto records = OneRecordOfEachKind();
  for (int i = 0; i < 3000; ++i) {
    Bytes env = EncodeEnvelope(Envelope{records[static_cast<std::size_t>(i) % records.size()]});
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) env[rng() % env.size()] = static_cast<uint8_t>(rng());
    FeedEverywhere(env);
    auto decoded = DecodeEnvelope(env);
    if (decoded.ok()) {
      if (auto* r = std::get_if<SignedRecord>(&decoded->body)) (void)VerifyRecord(*r);
    }
  }
}

TEST(HostileTest, HundredDeepNestingIsRefused) {
  // A chain of 100 structs, each holding one pointer to the next.
  Bytes b;
  for (int i = 0; i < 100; ++i) PutWord(b, kStructPtrOnePointer);
  PutWord(b, 0);
  auto h = DecodeHeader(b);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  FeedEverywhere(b);
  // The same as a framed envelope (segment table: 1 segment of 101 words).
  Bytes env;
  PutWord(env, uint64_t{101} << 32);
  env.insert(env.end(), b.begin(), b.end());
  EXPECT_FALSE(DecodeEnvelope(env).ok());
}

TEST(HostileTest, HugeListLengthsAreRefusedWithoutAllocating) {
  // Root struct with one pointer: a byte list claiming 2^29 - 1 elements in a 3-word segment.
  Bytes b;
  PutWord(b, kStructPtrOnePointer);
  uint64_t list_ptr = 1 | (uint64_t{2} << 32) | (uint64_t{(1u << 29) - 1} << 35);
  PutWord(b, list_ptr);
  PutWord(b, 0);
  FeedEverywhere(b);
  EXPECT_FALSE(DecodeHeader(b).ok());
  // And a composite list whose tag claims 2^29 - 1 elements of 8 words each.
  Bytes c;
  PutWord(c, kStructPtrOnePointer);
  PutWord(c, 1 | (uint64_t{7} << 32) | (uint64_t{1} << 35));          // inline composite, 1 word
  PutWord(c, (uint64_t{(1u << 29) - 1} << 2) | (uint64_t{8} << 32));  // tag
  FeedEverywhere(c);
  EXPECT_FALSE(DecodeHeader(c).ok());
}

TEST(HostileTest, WrongSegmentCountsAreRefused) {
  Bytes env = EncodeEnvelope(Envelope{OneRecordOfEachKind()[0]});
  // Segment table first word: (segment count - 1) in the low 32 bits.
  for (uint32_t claimed : {1u, 2u, 511u, 0xfffffffeu, 0xffffffffu}) {
    Bytes b = env;
    b[0] = static_cast<uint8_t>(claimed);
    b[1] = static_cast<uint8_t>(claimed >> 8);
    b[2] = static_cast<uint8_t>(claimed >> 16);
    b[3] = static_cast<uint8_t>(claimed >> 24);
    EXPECT_FALSE(DecodeEnvelope(b).ok()) << claimed;
  }
  // A first segment larger than the message.
  Bytes big = env;
  big[4] = 0xff;
  big[5] = 0xff;
  big[6] = 0xff;
  EXPECT_FALSE(DecodeEnvelope(big).ok());
  // Zero-length first segment: no root.
  Bytes empty_seg;
  PutWord(empty_seg, 0);
  EXPECT_FALSE(DecodeEnvelope(empty_seg).ok());
}

TEST(HostileTest, OversizeMessagesAreRefusedBeforeParsing) {
  Limits limits;
  Bytes huge(limits.max_envelope_bytes + 8, 0);
  auto r = DecodeEnvelope(huge, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("over the limit"), std::string::npos);
  Bytes big_header(limits.max_header_bytes + 8, 0);
  EXPECT_FALSE(DecodeHeader(big_header, limits).ok());
}

TEST(HostileTest, FarPointersAndOtherSegmentsAreRefusedInSignedBytes) {
  // A canonical message is one segment: a far pointer (tag 2) at the root is refused.
  Bytes b;
  PutWord(b, 2 | (uint64_t{0} << 3) | (uint64_t{1} << 32));  // far pointer to segment 1
  PutWord(b, 0);
  EXPECT_FALSE(DecodeHeader(b).ok());
  FeedEverywhere(b);
}

TEST(HostileTest, DearmorRefusesDamagedText) {
  EXPECT_FALSE(DearmorNodeCard("").ok());
  EXPECT_FALSE(DearmorNodeCard("-----BEGIN CITYNET NODE CARD-----\n").ok());
  EXPECT_FALSE(
      DearmorNodeCard("-----BEGIN CITYNET NODE CARD-----\n!!!!\n-----END CITYNET NODE CARD-----\n")
          .ok());
  std::string s(100000, 'A');
  EXPECT_FALSE(DearmorNodeCard("-----BEGIN CITYNET NODE CARD-----\n" + s +
                               "\n-----END CITYNET NODE CARD-----")
                   .ok());
}

}  // namespace
}  // namespace citynet::protocol
