// Keys, signatures and hashes, over libsodium. Secret keys live in sodium_malloc memory
// (guarded, locked when the system allows, zeroed on release) and are never copied into
// ordinary heap memory. Every hash and signature in citynet is domain-separated: the caller
// names what the bytes are, so a signature over one kind of object can never be replayed as
// another.
//
// Thread safety: after InitCrypto(), every function here may be called from any thread;
// a key object is safe for concurrent const use.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "protocol/bytes.h"
#include "protocol/status.h"

namespace citynet::protocol {

// Initialises libsodium. Idempotent and thread-safe. Internal when libsodium cannot start
// (no entropy source). Every other function here requires that it returned ok.
Status InitCrypto();

// Bytes in sodium_malloc memory, zeroed and freed on destruction. Move-only.
class SecretBytes {
 public:
  // Allocates `size` zeroed bytes. Aborts on allocation failure, like operator new.
  explicit SecretBytes(std::size_t size);
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  ByteView view() const { return {data_, size_}; }

 private:
  uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// An Ed25519 signing key pair: a node's identity.
class SigningKey {
 public:
  static constexpr std::size_t kSeedSize = 32;

  // A new key from the system's secure random source.
  static SigningKey Generate();
  // The key for a 32-byte seed (RFC 8032 "secret key"). InvalidArgument on a wrong length.
  static Result<SigningKey> FromSeed(ByteView seed);

  const SigningPublicKey& public_key() const { return public_key_; }
  // The 32-byte seed, for writing the key file.
  ByteView seed() const { return {secret_.data(), kSeedSize}; }

  // Plain Ed25519 (RFC 8032) over `message`. Prefer SignWithDomain.
  Signature Sign(ByteView message) const;
  // Ed25519 over domain || message; `domain` should end in '\0' (see the k*Domain constants).
  Signature SignWithDomain(std::string_view domain, ByteView message) const;

 private:
  SigningKey(SecretBytes secret, SigningPublicKey pub)
      : secret_(std::move(secret)), public_key_(pub) {}
  SecretBytes secret_;  // libsodium's 64-byte form: seed || public key
  SigningPublicKey public_key_;
};

// True when `signature` is a valid Ed25519 signature of `message` by `key`. Strict as
// libsodium 1.0.18 is: a non-canonical S (e.g. S + L) and small-order keys are refused.
bool VerifySignature(const SigningPublicKey& key, ByteView message, const Signature& signature);
// Verification of a SignWithDomain signature.
bool VerifySignatureWithDomain(const SigningPublicKey& key, std::string_view domain,
                               ByteView message, const Signature& signature);

// An X25519 key pair for CurveZMQ transport encryption.
class TransportKey {
 public:
  static constexpr std::size_t kSecretSize = 32;

  static TransportKey Generate();
  // The pair for a 32-byte secret. InvalidArgument on a wrong length.
  static Result<TransportKey> FromSecret(ByteView secret);

  const TransportPublicKey& public_key() const { return public_key_; }
  ByteView secret() const { return secret_.view(); }

 private:
  TransportKey(SecretBytes secret, TransportPublicKey pub)
      : secret_(std::move(secret)), public_key_(pub) {}
  SecretBytes secret_;
  TransportPublicKey public_key_;
};

// BLAKE2b-256 of domain || data.
Hash256 HashWithDomain(std::string_view domain, ByteView data);

// Domain-separation prefixes. Changing one changes every id and signature: never do it
// within a format version.
inline constexpr std::string_view kRecordSignatureDomain{"citynet/v1/record-signature\0", 28};
inline constexpr std::string_view kRecordIdDomain{"citynet/v1/record-id\0", 21};
inline constexpr std::string_view kPayloadHashDomain{"citynet/v1/payload\0", 19};
inline constexpr std::string_view kChunkHashDomain{"citynet/v1/chunk\0", 17};
inline constexpr std::string_view kNodeCardDomain{"citynet/v1/node-card\0", 21};

}  // namespace citynet::protocol
