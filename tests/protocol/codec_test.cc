// Encoding and decoding: exact round trips for every value kind, Encode(Decode(x)) == x for
// accepted bytes, and the strictness rules (canonical form, versions, fixed lengths).
#include "protocol/codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "protocol/node_card.h"
#include "protocol/validate.h"
#include "protocol/schema/citynet.capnp.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using testing::OneRecordOfEachKind;

// The envelope in `mb`, canonical and framed as one segment, as citynet writes messages.
Bytes FlatBytes(capnp::MessageBuilder& mb) {
  auto canonical = capnp::canonicalize(mb.getRoot<wire::Envelope>().asReader());
  Bytes out(8, 0);
  const auto words = static_cast<uint32_t>(canonical.size());
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<uint8_t>(words >> (8 * i));
  auto b = canonical.asBytes();
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// The same envelope as the ordinary serializer writes it (not canonical).
Bytes OrdinaryBytes(capnp::MessageBuilder& mb) {
  auto words = capnp::messageToFlatArray(mb);
  auto b = words.asBytes();
  return Bytes(b.begin(), b.end());
}

TEST(CodecTest, PayloadsRoundTripForEveryKind) {
  const Payload payloads[] = {testing::SampleCase(), testing::SampleDataset(),
                              testing::SampleDatasetV2(), testing::SampleRetraction(),
                              testing::SampleReceipt()};
  for (const Payload& p : payloads) {
    Bytes bytes = EncodePayload(p);
    ASSERT_EQ(bytes.size() % 8, 0u);
    auto back = DecodePayload(KindOf(p), bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, p);
    EXPECT_EQ(EncodePayload(*back), bytes);
  }
}

TEST(CodecTest, EncodeOfDecodeIsIdentityForAcceptedBytes) {
  for (const SignedRecord& r : OneRecordOfEachKind()) {
    auto h = DecodeHeader(r.header);
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    EXPECT_EQ(EncodeHeader(*h), r.header);
    auto p = DecodePayload(h->kind, *r.payload);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(EncodePayload(*p), *r.payload);
  }
}

TEST(CodecTest, HeaderBytesAreCapnpCanonical) {
  for (const SignedRecord& r : OneRecordOfEachKind()) {
    kj::Array<capnp::word> words = kj::heapArray<capnp::word>(r.header.size() / 8);
    std::memcpy(words.begin(), r.header.data(), r.header.size());
    kj::ArrayPtr<const capnp::word> segs[1] = {words.asPtr()};
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segs, 1));
    EXPECT_TRUE(reader.isCanonical());
    auto canon = capnp::canonicalize(reader.getRoot<wire::RecordHeader>());
    auto cb = canon.asBytes();
    EXPECT_EQ(Bytes(cb.begin(), cb.end()), r.header);
  }
}

TEST(CodecTest, EmptyListsAndOptionalFieldsRoundTrip) {
  CaseStudy c = testing::SampleCase();
  c.sdg_targets.clear();
  c.themes.clear();
  c.links.clear();
  c.partners.clear();
  c.outcomes.clear();
  c.period = {};
  c.licence.clear();
  Bytes bytes = EncodePayload(c);
  auto back = DecodePayload(RecordKind::kCaseStudy, bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::get<CaseStudy>(*back), c);
}

TEST(CodecTest, UnicodeTextRoundTrips) {
  CaseStudy c = testing::SampleCase();
  c.title = "北京市 污水处理 — København Ø: ñandú";
  c.city = "北京";
  Bytes bytes = EncodePayload(c);
  auto back = DecodePayload(RecordKind::kCaseStudy, bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::get<CaseStudy>(*back).title, c.title);
}

TEST(CodecTest, EnvelopeRoundTripsRecordsWithAndWithoutPayloadAndCards) {
  for (SignedRecord r : OneRecordOfEachKind()) {
    for (bool with_payload : {true, false}) {
      if (!with_payload) r.payload.reset();
      Envelope e{r};
      auto back = DecodeEnvelope(EncodeEnvelope(e));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(*back, e);
    }
  }
  NodeCard card;
  card.name = "beijing";
  card.transport_key.data.fill(4);
  card.endpoints = {"tcp://10.0.0.2:7400"};
  card.networks = {"c40", "ssc-beijing"};
  card.issued_at_ms = testing::kTestTimeMs;
  auto signed_card = SignNodeCard(testing::TestKey(3), card);
  ASSERT_TRUE(signed_card.ok());
  Envelope e{*signed_card};
  auto back = DecodeEnvelope(EncodeEnvelope(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, e);
}

TEST(CodecTest, EmptyPayloadIsDistinctFromNoPayload) {
  SignedRecord r = OneRecordOfEachKind()[0];
  r.payload = Bytes{};
  auto back = DecodeEnvelope(EncodeEnvelope(Envelope{r}));
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(std::get<SignedRecord>(back->body).payload.has_value());
  EXPECT_TRUE(std::get<SignedRecord>(back->body).payload->empty());
}

TEST(CodecTest, EnvelopeClaimingNoPayloadButCarryingBytesIsRefused) {
  capnp::MallocMessageBuilder mb;
  auto rec = mb.initRoot<wire::Envelope>();
  rec.setVersion(kEnvelopeVersion);
  auto r = rec.getBody().initRecord();
  Bytes header = OneRecordOfEachKind()[0].header;
  r.setHeader(capnp::Data::Reader(header.data(), header.size()));
  Bytes sig(64, 1);
  r.setSignature(capnp::Data::Reader(sig.data(), sig.size()));
  r.setHasPayload(false);
  r.setPayload(capnp::Data::Reader(sig.data(), 8));
  auto back = DecodeEnvelope(FlatBytes(mb));
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("says it has no payload"), std::string::npos);
}

TEST(CodecTest, EnvelopeHasOneLayoutAndNoPaddingFreedom) {
  SignedRecord rec = OneRecordOfEachKind()[0];
  Bytes canonical = EncodeEnvelope(Envelope{rec});
  ASSERT_TRUE(DecodeEnvelope(canonical).ok());
  // The same content laid out by the ordinary serializer is refused.
  capnp::MallocMessageBuilder mb;
  auto env = mb.initRoot<wire::Envelope>();
  auto r = env.getBody().initRecord();  // body before version: a different layout
  r.setSignature(capnp::Data::Reader(rec.signature.data.data(), 64));
  r.setHeader(capnp::Data::Reader(rec.header.data(), rec.header.size()));
  r.setHasPayload(true);
  r.setPayload(capnp::Data::Reader(rec.payload->data(), rec.payload->size()));
  env.setVersion(kEnvelopeVersion);
  Bytes ordinary = OrdinaryBytes(mb);
  ASSERT_NE(ordinary, canonical);
  auto decoded = DecodeEnvelope(ordinary);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("canonical"), std::string::npos);
  // A changed padding byte is refused too: a 3-byte Data fills one word, five bytes of which
  // are padding that a lax reader would ignore.
  capnp::MallocMessageBuilder pad;
  auto penv = pad.initRoot<wire::Envelope>();
  penv.setVersion(kEnvelopeVersion);
  auto card = penv.getBody().initNodeCard();
  Bytes three = {1, 2, 3};
  card.setCard(capnp::Data::Reader(three.data(), 3));
  card.setSignature(capnp::Data::Reader(rec.signature.data.data(), 64));
  Bytes framed = FlatBytes(pad);
  ASSERT_TRUE(DecodeEnvelope(framed).ok());
  // The 3 bytes of `card` sit in a word whose last 5 bytes are padding: find and change one.
  auto at = std::search(framed.begin(), framed.end(), three.begin(), three.end());
  ASSERT_NE(at, framed.end());
  *(at + 4) = 0x5a;
  EXPECT_FALSE(DecodeEnvelope(framed).ok());
}

TEST(CodecTest, UnknownEnvelopeVersionIsUnimplemented) {
  capnp::MallocMessageBuilder mb;
  auto env = mb.initRoot<wire::Envelope>();
  env.setVersion(2);
  env.getBody().initRecord();
  auto back = DecodeEnvelope(FlatBytes(mb));
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kUnimplemented);
}

TEST(CodecTest, FixedLengthFieldsOfWrongLengthAreRefused) {
  capnp::MallocMessageBuilder mb;
  auto h = mb.initRoot<wire::RecordHeader>();
  h.setFormatVersion(1);
  Bytes short_key(31, 7);
  h.setAuthor(capnp::Data::Reader(short_key.data(), short_key.size()));
  h.setNetwork("c40");
  h.setSeq(1);
  Bytes hash(32, 1);
  h.setPayloadHash(capnp::Data::Reader(hash.data(), hash.size()));
  auto canon = capnp::canonicalize(h.asReader());
  auto cb = canon.asBytes();
  auto decoded = DecodeHeader(Bytes(cb.begin(), cb.end()));
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("author is 31 bytes long, expected 32"),
            std::string::npos);
}

TEST(CodecTest, FieldsThisBuildDoesNotRepresentAreRefused) {
  // hasTarget = false with a target value set: decodes, but would not re-encode to the same
  // bytes, so it is refused rather than silently dropped.
  capnp::MallocMessageBuilder mb;
  auto c = mb.initRoot<wire::CaseStudy>();
  Bytes good = EncodePayload(testing::SampleCase());
  {
    kj::Array<capnp::word> words = kj::heapArray<capnp::word>(good.size() / 8);
    std::memcpy(words.begin(), good.data(), good.size());
    kj::ArrayPtr<const capnp::word> segs[1] = {words.asPtr()};
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segs, 1));
    mb.setRoot(reader.getRoot<wire::CaseStudy>());
  }
  c = mb.getRoot<wire::CaseStudy>();
  c.getOutcomes()[0].setTarget(99);
  c.getOutcomes()[0].setHasTarget(false);
  auto canon = capnp::canonicalize(c.asReader());
  auto cb = canon.asBytes();
  auto decoded = DecodePayload(RecordKind::kCaseStudy, Bytes(cb.begin(), cb.end()));
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("does not know"), std::string::npos);
}

TEST(CodecTest, NonCanonicalEncodingIsRefused) {
  // The same header written by the ordinary (non-canonical) serializer, segment table stripped:
  // MallocMessageBuilder's layout places the root's pointers and text differently from the
  // canonical form when fields are set out of order.
  Bytes canonical = OneRecordOfEachKind()[0].header;
  RecordHeader h = std::move(DecodeHeader(canonical)).value();
  capnp::MallocMessageBuilder mb;
  auto b = mb.initRoot<wire::RecordHeader>();
  // Network first, then author: the text lands before the author data in the segment.
  b.setNetwork(capnp::Text::Reader(h.network.c_str(), h.network.size()));
  b.setPayloadHash(capnp::Data::Reader(h.payload_hash.data.data(), 32));
  b.setAuthor(capnp::Data::Reader(h.author.data.data(), 32));
  b.setFormatVersion(h.format_version);
  b.setKind(static_cast<wire::RecordKind>(h.kind));
  b.setSeq(h.seq);
  b.setCreatedAtMs(h.created_at_ms);
  b.setPayloadSize(h.payload_size);
  b.getRefs().setNone();
  auto segments = mb.getSegmentsForOutput();
  ASSERT_EQ(segments.size(), 1u);
  auto sb = segments[0].asBytes();
  Bytes raw(sb.begin(), sb.end());
  ASSERT_NE(raw, canonical);
  auto decoded = DecodeHeader(raw);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("canonical"), std::string::npos);
}

TEST(CodecTest, NodeCardRoundTrips) {
  NodeCard card;
  card.name = "buenos-aires";
  card.display_name = "Ciudad de Buenos Aires";
  card.signing_key.data.fill(1);
  card.transport_key.data.fill(2);
  card.endpoints = {"tcp://192.0.2.10:7400", "tcp://[2001:db8::1]:7400"};
  card.networks = {"c40", "ssc-buenos-aires"};
  card.issued_at_ms = testing::kTestTimeMs;
  Bytes bytes = EncodeNodeCard(card);
  auto back = DecodeNodeCard(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, card);
}

}  // namespace
}  // namespace citynet::protocol

namespace citynet::protocol {
namespace {

TEST(CodecTest, ChunkPullAndChunkDataRoundTrip) {
  RecordId id;
  id.data.fill(7);
  Envelope pull{ChunkPull{id, {0, 5, 15}}};
  auto back = DecodeEnvelope(EncodeEnvelope(pull));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, pull);
  Envelope chunk{ChunkData{id, 3, true, Bytes(kMaxChunkBytes, 0x2c)}};
  back = DecodeEnvelope(EncodeEnvelope(chunk));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, chunk);
  Envelope missing{ChunkData{id, 4, false, {}}};
  EXPECT_EQ(*DecodeEnvelope(EncodeEnvelope(missing)), missing);
}

TEST(CodecTest, ChunkMessagesOverTheLimitsAreRefused) {
  RecordId id;
  std::vector<uint32_t> many(kMaxChunkPullIndices + 1, 1);
  auto r = DecodeEnvelope(EncodeEnvelope(Envelope{ChunkPull{id, many}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("chunk indices"), std::string::npos);
  r = DecodeEnvelope(EncodeEnvelope(Envelope{ChunkData{id, 0, true, Bytes(kMaxChunkBytes + 1)}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("at most"), std::string::npos);
  r = DecodeEnvelope(EncodeEnvelope(Envelope{ChunkData{id, 0, false, Bytes(3)}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not held"), std::string::npos);
}

}  // namespace
}  // namespace citynet::protocol
