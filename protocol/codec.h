// Encoding citynet values as Cap'n Proto bytes, and decoding untrusted bytes back.
//
// Signed objects (record headers, payloads, node cards) use the canonical encoding: one
// segment, no segment table, no padding. Decoders refuse bytes that are not canonical, not a
// whole number of words, larger than the caller's limit, of an unknown format version, or with
// fixed-length fields of the wrong length; so for every accepted input x,
// Encode(Decode(x)) == x.
//
// Messages between nodes and export files are Envelopes: canonical too, framed with the
// standard one-entry segment table. DecodeEnvelope refuses any other segment count, a
// non-canonical layout (no padding or placement freedom), trailing bytes, and oversize or
// deeply nested messages (explicit ReaderOptions limits). Unlike signed bytes, an envelope may
// carry fields a newer version added (in struct space this version does not use): they are
// ignored, so new optional message fields do not cut old nodes off.
//
// Every decoder returns InvalidArgument for malformed input and Unimplemented for a format
// version this build does not read; none throws or crashes on any input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::protocol {

// Size limits for untrusted input. The defaults are the network's limits.
struct Limits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_payload_bytes = 4 * 1024 * 1024;
  std::size_t max_node_card_bytes = 8 * 1024;
  // An envelope holds at most one record: header + payload + framing.
  std::size_t max_envelope_bytes = 16 * 1024 + 4 * 1024 * 1024 + 1024;
};

// A record as it is sent and stored: header bytes exactly as signed, signature, and the payload
// when the holder has it (a retraction purges it).
struct SignedRecord {
  Bytes header;
  Signature signature;
  std::optional<Bytes> payload;
  bool operator==(const SignedRecord&) const = default;
};

struct SignedNodeCard {
  Bytes card;  // canonical NodeCard bytes
  Signature signature;
  bool operator==(const SignedNodeCard&) const = default;
};

// Catch-up sync messages (see the schema for the exchange).
struct NetworkSummary {
  std::string network;
  Hash256 summary;
  uint32_t feeds = 0;
  bool operator==(const NetworkSummary&) const = default;
};
struct SyncSummary {
  std::vector<NetworkSummary> networks;
  bool reply = false;
  bool operator==(const SyncSummary&) const = default;
};
struct SyncHead {
  SigningPublicKey author;
  std::string network;
  uint64_t seq = 0;
  RecordId head;
  bool operator==(const SyncHead&) const = default;
};
struct SyncHeads {
  std::vector<SyncHead> heads;
  bool operator==(const SyncHeads&) const = default;
};
struct SyncPull {
  SigningPublicKey author;
  std::string network;
  uint64_t from_seq = 1;
  uint32_t max_records = 0;
  bool operator==(const SyncPull&) const = default;
};
struct SyncBatch {
  SigningPublicKey author;
  std::string network;
  std::vector<SignedRecord> records;
  bool more = false;
  bool operator==(const SyncBatch&) const = default;
};

struct ChunkPull {
  RecordId dataset;
  std::vector<uint32_t> indices;
  bool operator==(const ChunkPull&) const = default;
};
struct ChunkData {
  RecordId dataset;
  uint32_t index = 0;
  bool held = false;
  Bytes data;  // empty unless held
  bool operator==(const ChunkData&) const = default;
};

// One message between nodes. New kinds of message are new alternatives.
struct Envelope {
  std::variant<SignedRecord, SignedNodeCard, SyncSummary, SyncHeads, SyncPull, SyncBatch,
               ChunkPull, ChunkData>
      body;
  bool operator==(const Envelope&) const = default;
};

// Most entries a sync message may carry; larger ones are refused as malformed.
inline constexpr std::size_t kMaxSummaryNetworks = 1024;
inline constexpr std::size_t kMaxSyncHeads = 200000;
inline constexpr std::size_t kMaxBatchRecords = 4096;
inline constexpr std::size_t kMaxChunkPullIndices = 16;

Bytes EncodeHeader(const RecordHeader& header);
Result<RecordHeader> DecodeHeader(ByteView bytes, const Limits& limits = {});

// The payload's canonical bytes. The payload should have passed ValidatePayload: values out of
// the schema's range (e.g. an SDG goal above 255) are truncated.
Bytes EncodePayload(const Payload& payload);
// Decodes a payload of the given kind.
Result<Payload> DecodePayload(RecordKind kind, ByteView bytes, const Limits& limits = {});

Bytes EncodeNodeCard(const NodeCard& card);
Result<NodeCard> DecodeNodeCard(ByteView bytes, const Limits& limits = {});

Bytes EncodeEnvelope(const Envelope& envelope);
Result<Envelope> DecodeEnvelope(ByteView bytes, const Limits& limits = {});

}  // namespace citynet::protocol
