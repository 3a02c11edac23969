// Byte strings and fixed-size binary values (ids, hashes, keys, signatures), with their hex
// forms. Distinct types per meaning, so a hash is never passed where a key is expected.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"

namespace citynet {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Lower-case hex of `bytes`.
std::string ToHex(ByteView bytes);
// Parses hex (either case). InvalidArgument names the first bad character or an odd length.
Result<Bytes> FromHex(std::string_view hex);

// Standard base64 with padding (RFC 4648 section 4), for binary inside JSON.
std::string ToBase64(ByteView bytes);
// InvalidArgument for anything but canonical padded base64 (no whitespace).
Result<Bytes> FromBase64(std::string_view text);

// A fixed-length binary value. `Tag` keeps meanings apart at compile time.
template <std::size_t N, typename Tag>
struct FixedBytes {
  static constexpr std::size_t kSize = N;
  std::array<uint8_t, N> data{};

  // Nullopt when `view` is not exactly N bytes long.
  static std::optional<FixedBytes> FromView(ByteView view) {
    if (view.size() != N) return std::nullopt;
    FixedBytes out;
    for (std::size_t i = 0; i < N; ++i) out.data[i] = view[i];
    return out;
  }
  // InvalidArgument when `hex` is not 2*N hex digits.
  static Result<FixedBytes> FromHexString(std::string_view hex) {
    auto bytes = FromHex(hex);
    if (!bytes.ok()) return bytes.status();
    auto v = FromView(*bytes);
    if (!v) {
      return InvalidArgument("'" + std::string(hex) + "' is " + std::to_string(bytes->size()) +
                             " bytes of hex, expected " + std::to_string(N));
    }
    return *v;
  }
  ByteView view() const { return {data.data(), N}; }
  std::string Hex() const { return ToHex(view()); }
  // The first 8 bytes in hex: enough to tell records apart on a screen.
  std::string ShortHex() const { return ToHex(view().first(N < 8 ? N : 8)); }
  bool IsZero() const {
    for (uint8_t b : data)
      if (b != 0) return false;
    return true;
  }
  auto operator<=>(const FixedBytes&) const = default;
};

struct Hash256Tag {};
struct RecordIdTag {};
struct SigningPublicKeyTag {};
struct TransportPublicKeyTag {};
struct SignatureTag {};

using Hash256 = FixedBytes<32, Hash256Tag>;                        // BLAKE2b-256 digest
using RecordId = FixedBytes<32, RecordIdTag>;                      // id of a record
using SigningPublicKey = FixedBytes<32, SigningPublicKeyTag>;      // Ed25519 public key
using TransportPublicKey = FixedBytes<32, TransportPublicKeyTag>;  // X25519 (CurveZMQ) key
using Signature = FixedBytes<64, SignatureTag>;                    // Ed25519 signature

}  // namespace citynet
