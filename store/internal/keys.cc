#include "store/internal/keys.h"

#include <fmt/format.h>

#include <algorithm>

namespace citynet::store::internal {
namespace {
constexpr uint8_t kMetaVersion = 1;
constexpr uint8_t kRetracted = 1;
constexpr uint8_t kHasPayload = 2;

void PutU32(std::string& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
}  // namespace

std::string EncodeMeta(const RecordMeta& m) {
  std::string out;
  out.reserve(1 + 8 + 8 + 1 + 4 + m.received_from.size() + 4 + m.header.size() + 64);
  out.push_back(static_cast<char>(kMetaVersion));
  PutBe64(out, m.local_seq);
  PutBe64(out, static_cast<uint64_t>(m.received_at_ms));
  out.push_back(
      static_cast<char>((m.retracted ? kRetracted : 0) | (m.has_payload ? kHasPayload : 0)));
  PutU32(out, static_cast<uint32_t>(m.received_from.size()));
  out += m.received_from;
  PutU32(out, static_cast<uint32_t>(m.header.size()));
  out += m.header;
  out += m.signature;
  if (m.has_payload) out += m.payload;
  return out;
}

namespace {
void PutShort(std::string& out, std::string_view s) {
  out.push_back(static_cast<char>(std::min<std::size_t>(s.size(), 255)));
  out += s.substr(0, 255);
}
}  // namespace

std::string EncodeFacets(const Facets& f) {
  std::string out;
  out.push_back(static_cast<char>(1));  // facet format
  out.push_back(static_cast<char>(f.kind));
  out.push_back(static_cast<char>(f.retracted ? 1 : 0));
  PutU32(out, f.sdg_mask);
  PutShort(out, f.language);
  PutShort(out, f.city);
  out.push_back(static_cast<char>(std::min<std::size_t>(f.themes.size(), 255)));
  for (std::size_t i = 0; i < f.themes.size() && i < 255; ++i) PutShort(out, f.themes[i]);
  return out;
}

Result<Facets> DecodeFacets(std::string_view in) {
  auto bad = [] { return DataLoss("a listing entry's value is damaged"); };
  if (in.size() < 10 || in[0] != 1) return bad();
  Facets f;
  f.kind = static_cast<uint8_t>(in[1]);
  f.retracted = in[2] != 0;
  f.sdg_mask = static_cast<uint32_t>(static_cast<uint8_t>(in[3])) << 24 |
               static_cast<uint32_t>(static_cast<uint8_t>(in[4])) << 16 |
               static_cast<uint32_t>(static_cast<uint8_t>(in[5])) << 8 |
               static_cast<uint32_t>(static_cast<uint8_t>(in[6]));
  std::size_t pos = 7;
  auto take = [&in, &pos](std::string* out) {
    if (pos >= in.size()) return false;
    std::size_t n = static_cast<uint8_t>(in[pos++]);
    if (pos + n > in.size()) return false;
    *out = std::string(in.substr(pos, n));
    pos += n;
    return true;
  };
  if (!take(&f.language) || !take(&f.city) || pos >= in.size()) return bad();
  std::size_t themes = static_cast<uint8_t>(in[pos++]);
  f.themes.resize(themes);
  for (auto& t : f.themes) {
    if (!take(&t)) return bad();
  }
  if (pos != in.size()) return bad();
  return f;
}

Result<RecordMeta> DecodeMeta(std::string_view in) {
  auto corrupt = [&in](std::string_view what) {
    return DataLoss(
        fmt::format("a stored record entry ({} bytes) is damaged: {}", in.size(), what));
  };
  auto u32 = [](std::string_view s) {
    return static_cast<uint32_t>(static_cast<uint8_t>(s[0])) << 24 |
           static_cast<uint32_t>(static_cast<uint8_t>(s[1])) << 16 |
           static_cast<uint32_t>(static_cast<uint8_t>(s[2])) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(s[3]));
  };
  if (in.size() < 1 + 8 + 8 + 1 + 4 + 4 + 64) return corrupt("too short");
  if (static_cast<uint8_t>(in[0]) != kMetaVersion) {
    return corrupt(fmt::format("unknown entry version {}", static_cast<uint8_t>(in[0])));
  }
  RecordMeta m;
  m.local_seq = GetBe64(in.substr(1));
  m.received_at_ms = static_cast<int64_t>(GetBe64(in.substr(9)));
  auto flags = static_cast<uint8_t>(in[17]);
  m.retracted = (flags & kRetracted) != 0;
  m.has_payload = (flags & kHasPayload) != 0;
  std::size_t pos = 18;
  uint32_t from_len = u32(in.substr(pos));
  pos += 4;
  if (in.size() < pos + from_len + 4) return corrupt("provenance runs past the end");
  m.received_from = std::string(in.substr(pos, from_len));
  pos += from_len;
  uint32_t header_len = u32(in.substr(pos));
  pos += 4;
  if (in.size() < pos + header_len + 64) return corrupt("header runs past the end");
  m.header = std::string(in.substr(pos, header_len));
  m.signature = std::string(in.substr(pos + header_len, 64));
  pos += header_len + 64;
  if (m.has_payload) {
    m.payload = std::string(in.substr(pos));
  } else if (pos != in.size()) {
    return corrupt("bytes after the signature of a record without payload");
  }
  return m;
}

}  // namespace citynet::store::internal
