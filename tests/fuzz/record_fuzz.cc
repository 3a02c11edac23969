// libFuzzer target over what a node does with bytes from the network:
// decode the envelope -> verify the record (header, signature, payload) -> validate; node cards
// likewise. The same bytes are also fed to the header, payload and node-card decoders directly,
// so mutations of the committed signed-record corpus reach the inner decoders even when the
// signature no longer matches.
#include <cstddef>
#include <cstdint>

#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "protocol/validate.h"

using namespace citynet;
using namespace citynet::protocol;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!InitCrypto().ok()) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteView bytes(data, size);
  auto envelope = DecodeEnvelope(bytes);
  if (envelope.ok()) {
    // Envelopes are canonical in layout and padding; bits of the data section that no field of
    // this version uses are where newer versions add fields, and are ignored. So the property
    // is a semantic round trip.
    auto again = DecodeEnvelope(EncodeEnvelope(*envelope));
    if (!again.ok() || !(*again == *envelope)) __builtin_trap();
    if (auto* rec = std::get_if<SignedRecord>(&envelope->body)) {
      auto header = DecodeHeader(rec->header);
      if (header.ok()) {
        if (EncodeHeader(*header) != rec->header) __builtin_trap();
        (void)ValidateHeader(*header);
        if (rec->payload) {
          auto payload = DecodePayload(header->kind, *rec->payload);
          if (payload.ok()) {
            if (EncodePayload(*payload) != *rec->payload) __builtin_trap();
            (void)ValidatePayload(*payload);
            (void)ValidateRecordPair(*header, *payload);
          }
        }
      }
      auto verified = VerifyRecord(*rec);
      if (verified.ok() && verified->id != ComputeRecordId(rec->header)) __builtin_trap();
    } else if (auto* card = std::get_if<SignedNodeCard>(&envelope->body)) {
      (void)VerifyNodeCard(*card);
    }
  }
  (void)DecodeHeader(bytes);
  (void)DecodeNodeCard(bytes);
  if (size > 0) {
    auto kind = static_cast<RecordKind>(data[0] % 4);
    auto payload = DecodePayload(kind, bytes.subspan(1));
    if (payload.ok() && EncodePayload(*payload) != Bytes(data + 1, data + size)) __builtin_trap();
  }
  return 0;
}
