#include "protocol/crypto.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <utility>

namespace citynet::protocol {

Status InitCrypto() {
  if (sodium_init() < 0) {
    return Internal("libsodium failed to initialise (is /dev/urandom readable?)");
  }
  return Status::Ok();
}

SecretBytes::SecretBytes(std::size_t size) : size_(size) {
  data_ = static_cast<uint8_t*>(sodium_malloc(size == 0 ? 1 : size));
  if (data_ == nullptr) std::abort();
  sodium_memzero(data_, size == 0 ? 1 : size);
}

SecretBytes::~SecretBytes() {
  if (data_ != nullptr) sodium_free(data_);  // sodium_free zeroes before unmapping
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SigningKey SigningKey::Generate() {
  SecretBytes seed(kSeedSize);
  randombytes_buf(seed.data(), kSeedSize);
  return std::move(FromSeed(seed.view())).value();
}

Result<SigningKey> SigningKey::FromSeed(ByteView seed) {
  if (seed.size() != kSeedSize) {
    return InvalidArgument("an Ed25519 seed is 32 bytes, got " + std::to_string(seed.size()));
  }
  SecretBytes sk(crypto_sign_SECRETKEYBYTES);
  SigningPublicKey pk;
  crypto_sign_seed_keypair(pk.data.data(), sk.data(), seed.data());
  return SigningKey(std::move(sk), pk);
}

Signature SigningKey::Sign(ByteView message) const {
  Signature sig;
  crypto_sign_detached(sig.data.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

Signature SigningKey::SignWithDomain(std::string_view domain, ByteView message) const {
  Bytes buf;
  buf.reserve(domain.size() + message.size());
  buf.insert(buf.end(), domain.begin(), domain.end());
  buf.insert(buf.end(), message.begin(), message.end());
  return Sign(buf);
}

bool VerifySignature(const SigningPublicKey& key, ByteView message, const Signature& signature) {
  return crypto_sign_verify_detached(signature.data.data(), message.data(), message.size(),
                                     key.data.data()) == 0;
}

bool VerifySignatureWithDomain(const SigningPublicKey& key, std::string_view domain,
                               ByteView message, const Signature& signature) {
  Bytes buf;
  buf.reserve(domain.size() + message.size());
  buf.insert(buf.end(), domain.begin(), domain.end());
  buf.insert(buf.end(), message.begin(), message.end());
  return VerifySignature(key, buf, signature);
}

TransportKey TransportKey::Generate() {
  SecretBytes secret(kSecretSize);
  randombytes_buf(secret.data(), kSecretSize);
  return std::move(FromSecret(secret.view())).value();
}

Result<TransportKey> TransportKey::FromSecret(ByteView secret) {
  if (secret.size() != kSecretSize) {
    return InvalidArgument("an X25519 secret key is 32 bytes, got " +
                           std::to_string(secret.size()));
  }
  SecretBytes s(kSecretSize);
  std::memcpy(s.data(), secret.data(), kSecretSize);
  TransportPublicKey pk;
  crypto_scalarmult_base(pk.data.data(), s.data());
  return TransportKey(std::move(s), pk);
}

Hash256 HashWithDomain(std::string_view domain, ByteView data) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, Hash256::kSize);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(domain.data()),
                            domain.size());
  crypto_generichash_update(&st, data.data(), data.size());
  Hash256 out;
  crypto_generichash_final(&st, out.data.data(), Hash256::kSize);
  return out;
}

}  // namespace citynet::protocol
