// Ed25519 through citynet's API: RFC 8032 test vectors, strictness against malleated
// signatures and small-order keys, domain separation, and secret memory handling.
#include "protocol/crypto.h"

#include <gtest/gtest.h>

#include "protocol/bytes.h"

namespace citynet::protocol {
namespace {

Bytes Hex(std::string_view h) { return std::move(FromHex(h)).value(); }

struct Rfc8032Vector {
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 section 7.1, TEST 1, 2, 3 and SHA(abc).
const Rfc8032Vector kVectors[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984d"
     "c6594a7c15e9716ed28dc027beceea1ec40a"},
    {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3fe"
     "ebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431"
     "e0303dca179c138ac17ad9bef1177331a704"},
};

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }
};

TEST_F(CryptoTest, Rfc8032VectorsSignAndVerify) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.public_key);
    auto key = SigningKey::FromSeed(Hex(v.secret));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->public_key().Hex(), v.public_key);
    Bytes message = Hex(v.message);
    Signature sig = key->Sign(message);
    EXPECT_EQ(sig.Hex(), v.signature);
    auto expected = Signature::FromHexString(v.signature);
    ASSERT_TRUE(expected.ok());
    auto pk = SigningPublicKey::FromHexString(v.public_key);
    ASSERT_TRUE(pk.ok());
    EXPECT_TRUE(VerifySignature(*pk, message, *expected));
    Bytes other = message;
    other.push_back(0);
    EXPECT_FALSE(VerifySignature(*pk, other, *expected));
  }
}

TEST_F(CryptoTest, MalleatedSignatureSPlusLIsRefused) {
  // L, the order of the Ed25519 base point, little-endian.
  const Bytes l = Hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  const auto& v = kVectors[1];
  auto pk = std::move(SigningPublicKey::FromHexString(v.public_key)).value();
  auto sig = std::move(Signature::FromHexString(v.signature)).value();
  Bytes message = Hex(v.message);
  ASSERT_TRUE(VerifySignature(pk, message, sig));
  Signature malleated = sig;
  unsigned carry = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    unsigned sum = malleated.data[32 + i] + l[i] + carry;
    malleated.data[32 + i] = static_cast<uint8_t>(sum & 0xff);
    carry = sum >> 8;
  }
  ASSERT_EQ(carry, 0u);
  ASSERT_NE(malleated, sig);
  // S + L is the same scalar mod L: a lax verifier would accept it.
  EXPECT_FALSE(VerifySignature(pk, message, malleated));
}

TEST_F(CryptoTest, SmallOrderPublicKeyIsRefused) {
  // The identity point as a public key with R = identity and S = 0 satisfies the verification
  // equation for every message; a strict verifier refuses the small-order key.
  SigningPublicKey identity;
  identity.data[0] = 1;
  Signature sig;
  sig.data[0] = 1;
  for (std::string_view msg : {"", "any message", "citynet"}) {
    EXPECT_FALSE(VerifySignature(identity, AsBytes(msg), sig)) << msg;
  }
  // A point of order 8 (from the list of small-order encodings), likewise.
  auto order8 = SigningPublicKey::FromHexString(
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
  ASSERT_TRUE(order8.ok());
  EXPECT_FALSE(VerifySignature(*order8, AsBytes("citynet"), sig));
}

TEST_F(CryptoTest, DomainSeparatedSignaturesDoNotCrossDomains) {
  SigningKey key = SigningKey::Generate();
  Bytes msg = {1, 2, 3};
  Signature s = key.SignWithDomain(kRecordSignatureDomain, msg);
  EXPECT_TRUE(VerifySignatureWithDomain(key.public_key(), kRecordSignatureDomain, msg, s));
  EXPECT_FALSE(VerifySignatureWithDomain(key.public_key(), kNodeCardDomain, msg, s));
  EXPECT_FALSE(VerifySignature(key.public_key(), msg, s));
}

TEST_F(CryptoTest, DomainConstantsAreDistinctAndNulTerminated) {
  const std::string_view domains[] = {kRecordSignatureDomain, kRecordIdDomain, kPayloadHashDomain,
                                      kChunkHashDomain, kNodeCardDomain};
  for (std::size_t i = 0; i < std::size(domains); ++i) {
    EXPECT_EQ(domains[i].back(), '\0') << i;
    EXPECT_EQ(domains[i].find('\0'), domains[i].size() - 1) << i;
    for (std::size_t j = i + 1; j < std::size(domains); ++j) EXPECT_NE(domains[i], domains[j]);
  }
}

TEST_F(CryptoTest, HashWithDomainSeparatesDomains) {
  Bytes data = {9, 9, 9};
  EXPECT_NE(HashWithDomain(kRecordIdDomain, data), HashWithDomain(kPayloadHashDomain, data));
  EXPECT_EQ(HashWithDomain(kRecordIdDomain, data), HashWithDomain(kRecordIdDomain, data));
  // BLAKE2b-256 of the empty string with an empty domain (RFC 7693 parameters, 32-byte output).
  EXPECT_EQ(HashWithDomain("", {}).Hex(),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST_F(CryptoTest, GeneratedKeysDiffer) {
  EXPECT_NE(SigningKey::Generate().public_key(), SigningKey::Generate().public_key());
  EXPECT_NE(TransportKey::Generate().public_key(), TransportKey::Generate().public_key());
}

TEST_F(CryptoTest, TransportKeyPublicMatchesSecret) {
  TransportKey k = TransportKey::Generate();
  auto again = TransportKey::FromSecret(k.secret());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key(), k.public_key());
  EXPECT_FALSE(TransportKey::FromSecret(Bytes(31, 1)).ok());
}

TEST_F(CryptoTest, WrongSeedLengthIsRefused) {
  auto r = SigningKey::FromSeed(Bytes(31, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("32 bytes"), std::string::npos);
}

TEST_F(CryptoTest, SecretBytesMoveLeavesSourceEmpty) {
  SecretBytes a(32);
  a.data()[0] = 7;
  SecretBytes b(std::move(a));
  EXPECT_EQ(b.size(), 32u);
  EXPECT_EQ(b.data()[0], 7);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(a.data(), nullptr);
}

TEST_F(CryptoTest, HexRoundTripAndErrors) {
  EXPECT_EQ(ToHex(Bytes{0x00, 0xab, 0xff}), "00abff");
  EXPECT_EQ(*FromHex("00ABff"), (Bytes{0x00, 0xab, 0xff}));
  EXPECT_FALSE(FromHex("abc").ok());
  auto bad = FromHex("zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'z' at position 0"), std::string::npos);
  auto wrong_len = RecordId::FromHexString("abcd");
  ASSERT_FALSE(wrong_len.ok());
  EXPECT_NE(wrong_len.status().message().find("expected 32"), std::string::npos);
}

}  // namespace
}  // namespace citynet::protocol
