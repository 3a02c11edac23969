// Node cards: signed by the key they name, exchanged as text, refused when altered or forged.
#include "protocol/node_card.h"

#include <gtest/gtest.h>

#include "protocol/validate.h"
#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using testing::TestKey;

NodeCard SampleCard() {
  NodeCard c;
  c.name = "copenhagen";
  c.display_name = "City of Copenhagen";
  c.transport_key.data.fill(9);
  c.endpoints = {"tcp://127.0.0.1:7401"};
  c.networks = {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"};
  c.issued_at_ms = testing::kTestTimeMs;
  return c;
}

TEST(NodeCardTest, SignsAndVerifiesWithTheSigningKeySet) {
  SigningKey key = TestKey(5);
  auto signed_card = SignNodeCard(key, SampleCard());
  ASSERT_TRUE(signed_card.ok()) << signed_card.status().ToString();
  auto card = VerifyNodeCard(*signed_card);
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_EQ(card->signing_key, key.public_key());
  NodeCard expected = SampleCard();
  expected.signing_key = key.public_key();
  EXPECT_EQ(*card, expected);
}

TEST(NodeCardTest, ArmorRoundTripsThroughMailLikeText) {
  auto signed_card = SignNodeCard(TestKey(5), SampleCard());
  ASSERT_TRUE(signed_card.ok());
  std::string text = ArmorNodeCard(*signed_card);
  EXPECT_EQ(text.rfind("-----BEGIN CITYNET NODE CARD-----\n", 0), 0u);
  EXPECT_NE(text.find("Name: copenhagen"), std::string::npos);
  // Quoted in an e-mail with CRLF line ends and text around it.
  std::string mail = "Hello Beijing,\r\nhere is our card:\r\n\r\n";
  for (char ch : text) {
    if (ch == '\n')
      mail += "\r\n";
    else
      mail += ch;
  }
  mail += "\r\nBest regards\r\n";
  auto back = DearmorNodeCard(mail);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, *signed_card);
  EXPECT_TRUE(VerifyNodeCard(*back).ok());
}

TEST(NodeCardTest, InformationalLinesAreNotTrusted) {
  auto signed_card = SignNodeCard(TestKey(5), SampleCard());
  ASSERT_TRUE(signed_card.ok());
  std::string text = ArmorNodeCard(*signed_card);
  std::size_t p = text.find("Name: copenhagen");
  text.replace(p, 16, "Name: beijing");
  auto back = DearmorNodeCard(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(VerifyNodeCard(*back)->name, "copenhagen");
}

TEST(NodeCardTest, TruncatedArmorSaysItWasCutOff) {
  auto signed_card = SignNodeCard(TestKey(5), SampleCard());
  std::string text = ArmorNodeCard(*signed_card);
  text.resize(text.size() / 2);
  auto r = DearmorNodeCard(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("cut off"), std::string::npos);
}

TEST(NodeCardTest, AlteredCardIsRefused) {
  auto signed_card = SignNodeCard(TestKey(5), SampleCard());
  ASSERT_TRUE(signed_card.ok());
  NodeCard altered = std::move(DecodeNodeCard(signed_card->card)).value();
  altered.endpoints = {"tcp://203.0.113.66:7401"};  // an attacker's relay
  SignedNodeCard forged{EncodeNodeCard(altered), signed_card->signature};
  auto r = VerifyNodeCard(forged);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(r.status().message().find("ask the partner for a fresh copy"), std::string::npos);
}

TEST(NodeCardTest, CardNamingAnotherKeyIsRefused) {
  // Signed by key 6 but claiming key 5's identity.
  NodeCard c = SampleCard();
  c.signing_key = TestKey(5).public_key();
  Bytes bytes = EncodeNodeCard(c);
  SignedNodeCard forged{bytes, TestKey(6).SignWithDomain(kNodeCardDomain, bytes)};
  EXPECT_EQ(VerifyNodeCard(forged).status().code(), StatusCode::kUnauthenticated);
}

TEST(NodeCardTest, RecordSignatureCannotPassAsCardSignature) {
  SigningKey key = TestKey(5);
  NodeCard c = SampleCard();
  c.signing_key = key.public_key();
  Bytes bytes = EncodeNodeCard(c);
  SignedNodeCard wrong_domain{bytes, key.SignWithDomain(kRecordSignatureDomain, bytes)};
  EXPECT_FALSE(VerifyNodeCard(wrong_domain).ok());
}

TEST(NodeCardTest, InvalidCardsAreNotSigned) {
  NodeCard c = SampleCard();
  c.name = "Copenhagen City";
  c.endpoints = {"http://example.org"};
  c.issued_at_ms = 0;
  auto r = SignNodeCard(TestKey(5), c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("has 3 problems"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("tcp://HOST:PORT"), std::string::npos);
}

TEST(NodeCardTest, ArmoredRecordIsNotACard) {
  SignedRecord rec = testing::OneRecordOfEachKind()[0];
  auto signed_card = SignNodeCard(TestKey(5), SampleCard());
  std::string text = ArmorNodeCard(*signed_card);
  // Swap the base64 block for an envelope holding a record.
  (void)rec;
  auto r = DearmorNodeCard("-----BEGIN CITYNET NODE CARD-----\n\n" + std::string("AAAAAAEAAAA=") +
                           "\n-----END CITYNET NODE CARD-----\n");
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace citynet::protocol
