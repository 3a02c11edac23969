// Signing and verifying records. A record is a signed header plus, when the holder has it,
// a payload checked against the header's hash and size (ARCHITECTURE.md "Records").
//
//   signature = Ed25519(author, "citynet/v1/record-signature\0" || header bytes)
//   id        = BLAKE2b-256("citynet/v1/record-id\0" || header bytes)
//
// The header bytes are the canonical Cap'n Proto encoding, stored and relayed as signed.
// Thread-safe; no I/O.
#pragma once

#include <optional>
#include <variant>

#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::protocol {

// The part of a header the author chooses. Kind, author, payload hash and size are derived.
struct RecordDraft {
  std::string network;
  uint64_t seq = 0;
  std::optional<RecordId> prev;
  int64_t created_at_ms = 0;
  HeaderRefs refs;
  std::optional<RecordId> supersedes;
};

// The id of a record with these header bytes.
RecordId ComputeRecordId(ByteView header_bytes);

// Encodes, validates and signs a record. InvalidArgument listing every problem when the
// payload, the header or the pair is invalid: citynet never signs an invalid record.
Result<SignedRecord> SignRecord(const SigningKey& key, const RecordDraft& draft,
                                const Payload& payload, const Limits& limits = {});

// A record that passed VerifyRecord.
struct VerifiedRecord {
  RecordId id;
  RecordHeader header;
  SignedRecord wire;               // the bytes as received
  std::optional<Payload> payload;  // present when wire.payload is
};

// Checks a record from an untrusted source, cheapest checks first:
//  sizes -> canonical header of a known version -> header rules -> signature ->
//  payload size and hash -> canonical payload -> payload rules -> header/payload agreement.
// Returns InvalidArgument (malformed, invalid, payload mismatch), Unimplemented (unknown
// format version) or Unauthenticated (bad signature), each with a message that says which
// check failed. Membership of the author in the network is the node's business, not this
// function's.
Result<VerifiedRecord> VerifyRecord(const SignedRecord& record, const Limits& limits = {});

// Checks a payload against a verified header (used when a payload arrives after its header).
Result<Payload> VerifyPayloadFor(const RecordHeader& header, ByteView payload,
                                 const Limits& limits = {});

}  // namespace citynet::protocol
