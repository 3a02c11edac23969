// Key and value layouts of the RocksDB column families. Big-endian integers in keys so that
// byte order is numeric order. Network names are slugs ([a-z0-9-], no NUL), so a NUL after a
// network name ends it unambiguously.
//
// Column families (format 1):
//   default   meta: "format", "pending_count", "pending_bytes"
//   records   id(32)                                  -> RecordMeta (below), payload included
//   feeds     network \0 author(32)                   -> seq(8) head(32) flags(1)
//   feed      author(32) network \0 seq(8)            -> id(32)
//   arrival   local_seq(8)                            -> id(32); the last key is the counter
//   list      dim(1) value \0 inv_time(8) id(32)      -> Facets (below)
//   pending   author(32) network \0 seq(8)            -> envelope bytes
//   forks     author(32) network \0 seq(8) id(32)     -> envelope bytes of the other record
//   retracted target id(32)                           -> retraction id(32) author(32) network
//   superseded old id(32)                             -> new id(32)
//   own       author(32) network                      -> reserved seq(8)
//   chunks    dataset id(32) index(4)                 -> chunk bytes
//   bodies    dataset id(32)                          -> state(1) held(4) time(8) refusal
// (chunks and bodies were added to format 1 by citynet 0.2: an older store opens with them
// created empty.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/status.h"

namespace citynet::store::internal {

inline void PutBe64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline uint64_t GetBe64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[static_cast<size_t>(i)]);
  return v;
}
inline std::string Be64(uint64_t v) {
  std::string s;
  PutBe64(s, v);
  return s;
}

template <typename Fixed>
std::string_view Raw(const Fixed& f) {
  return {reinterpret_cast<const char*>(f.data.data()), Fixed::kSize};
}
template <typename Fixed>
std::optional<Fixed> FromRaw(std::string_view s) {
  return Fixed::FromView(ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

inline std::string FeedPrefix(const SigningPublicKey& author, std::string_view network) {
  std::string k(Raw(author));
  k += network;
  k.push_back('\0');
  return k;
}
inline std::string FeedKey(const SigningPublicKey& author, std::string_view network, uint64_t seq) {
  std::string k = FeedPrefix(author, network);
  PutBe64(k, seq);
  return k;
}
inline std::string HeadKey(std::string_view network, const SigningPublicKey& author) {
  std::string k(network);
  k.push_back('\0');
  k += Raw(author);
  return k;
}

// Newest first: the inverted creation time sorts the latest record first.
inline uint64_t InvTime(int64_t created_at_ms) {
  return UINT64_MAX - static_cast<uint64_t>(created_at_ms < 0 ? 0 : created_at_ms);
}

// Listing dimensions. Each record has one entry per dimension; the other filters are checked
// against the Facets in the entry's value, without reading the record. Every key written costs
// a memtable insert on the serial ingest path, so the dimensions are few.
enum class Dim : char {
  kAll = 'A',
  kNetwork = 'n',
  kAuthor = 'a',
};

// What listing filters look at, stored in each listing entry.
struct Facets {
  uint8_t kind = 0;
  bool retracted = false;
  uint32_t sdg_mask = 0;  // bit g for goal g (1..17)
  std::string language;   // primary subtag, lower case
  std::string city;       // lower case (ASCII folding)
  std::vector<std::string> themes;
};
std::string EncodeFacets(const Facets& f);
// DataLoss when the bytes are not Facets.
Result<Facets> DecodeFacets(std::string_view bytes);
inline std::string ListPrefix(Dim dim, std::string_view value) {
  std::string k(1, static_cast<char>(dim));
  k += value;
  k.push_back('\0');
  return k;
}

// What `records` holds for one record besides its id.
struct RecordMeta {
  uint64_t local_seq = 0;
  std::string payload;  // present exactly when has_payload
  int64_t received_at_ms = 0;
  bool retracted = false;
  bool has_payload = false;
  std::string received_from;
  std::string header;     // canonical header bytes as signed
  std::string signature;  // 64 bytes
};

std::string EncodeMeta(const RecordMeta& meta);
// DataLoss when the bytes are not a RecordMeta of a known version.
Result<RecordMeta> DecodeMeta(std::string_view bytes);

}  // namespace citynet::store::internal
