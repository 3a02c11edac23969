#include "protocol/record.h"

#include <fmt/format.h>

#include <utility>

#include "protocol/validate.h"

namespace citynet::protocol {

RecordId ComputeRecordId(ByteView header_bytes) {
  Hash256 h = HashWithDomain(kRecordIdDomain, header_bytes);
  RecordId id;
  id.data = h.data;
  return id;
}

Result<SignedRecord> SignRecord(const SigningKey& key, const RecordDraft& draft,
                                const Payload& payload, const Limits& limits) {
  Problems problems = ValidatePayload(payload);
  Bytes payload_bytes = EncodePayload(payload);
  RecordHeader header;
  header.kind = KindOf(payload);
  header.author = key.public_key();
  header.network = draft.network;
  header.seq = draft.seq;
  header.prev = draft.prev;
  header.created_at_ms = draft.created_at_ms;
  header.payload_hash = HashWithDomain(kPayloadHashDomain, payload_bytes);
  header.payload_size = payload_bytes.size();
  header.refs = draft.refs;
  header.supersedes = draft.supersedes;
  for (Problem& p : ValidateHeader(header)) problems.push_back(std::move(p));
  for (Problem& p : ValidateRecordPair(header, payload)) problems.push_back(std::move(p));
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(problems, RecordKindName(header.kind)));
  if (payload_bytes.size() > limits.max_payload_bytes) {
    return InvalidArgument(fmt::format("the {} is {} bytes encoded; the limit is {} bytes",
                                       RecordKindName(header.kind), payload_bytes.size(),
                                       limits.max_payload_bytes));
  }
  SignedRecord out;
  out.header = EncodeHeader(header);
  if (out.header.size() > limits.max_header_bytes) {
    return InvalidArgument(fmt::format("the record header is {} bytes; the limit is {} bytes",
                                       out.header.size(), limits.max_header_bytes));
  }
  out.signature = key.SignWithDomain(kRecordSignatureDomain, out.header);
  out.payload = std::move(payload_bytes);
  return out;
}

Result<Payload> VerifyPayloadFor(const RecordHeader& header, ByteView payload,
                                 const Limits& limits) {
  if (payload.size() != header.payload_size) {
    return InvalidArgument(fmt::format("payload is {} bytes but the signed header says {}",
                                       payload.size(), header.payload_size));
  }
  if (HashWithDomain(kPayloadHashDomain, payload) != header.payload_hash) {
    return InvalidArgument("payload does not match the hash in the signed header");
  }
  CITYNET_ASSIGN_OR_RETURN(Payload decoded, DecodePayload(header.kind, payload, limits));
  Problems problems = ValidatePayload(decoded);
  for (Problem& p : ValidateRecordPair(header, decoded)) problems.push_back(std::move(p));
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(problems, RecordKindName(header.kind)));
  return decoded;
}

Result<VerifiedRecord> VerifyRecord(const SignedRecord& record, const Limits& limits) {
  if (record.payload && record.payload->size() > limits.max_payload_bytes) {
    return InvalidArgument(fmt::format("payload is {} bytes, over the limit of {} bytes",
                                       record.payload->size(), limits.max_payload_bytes));
  }
  CITYNET_ASSIGN_OR_RETURN(RecordHeader header, DecodeHeader(record.header, limits));
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(ValidateHeader(header), "record header"));
  if (header.payload_size > limits.max_payload_bytes) {
    return InvalidArgument(
        fmt::format("header announces a payload of {} bytes, over the limit "
                    "of {} bytes",
                    header.payload_size, limits.max_payload_bytes));
  }
  if (!VerifySignatureWithDomain(header.author, kRecordSignatureDomain, record.header,
                                 record.signature)) {
    return Unauthenticated(
        fmt::format("signature does not verify for author {}", header.author.ShortHex()));
  }
  VerifiedRecord out;
  out.id = ComputeRecordId(record.header);
  out.header = std::move(header);
  if (record.payload) {
    auto payload = VerifyPayloadFor(out.header, *record.payload, limits);
    if (!payload.ok()) {
      return payload.status().WithContext(fmt::format("record {}", out.id.ShortHex()));
    }
    out.payload = std::move(payload).value();
  }
  out.wire = record;
  return out;
}

}  // namespace citynet::protocol
