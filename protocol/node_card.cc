#include "protocol/node_card.h"

#include <fmt/format.h>
#include <sodium.h>

#include <string>

#include "protocol/validate.h"

namespace citynet::protocol {
namespace {
constexpr std::string_view kBegin = "-----BEGIN CITYNET NODE CARD-----";
constexpr std::string_view kEnd = "-----END CITYNET NODE CARD-----";
}  // namespace

Result<SignedNodeCard> SignNodeCard(const SigningKey& key, NodeCard card) {
  card.signing_key = key.public_key();
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(ValidateNodeCard(card), "node card"));
  SignedNodeCard out;
  out.card = EncodeNodeCard(card);
  out.signature = key.SignWithDomain(kNodeCardDomain, out.card);
  return out;
}

Result<NodeCard> VerifyNodeCard(const SignedNodeCard& signed_card, const Limits& limits) {
  CITYNET_ASSIGN_OR_RETURN(NodeCard card, DecodeNodeCard(signed_card.card, limits));
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(ValidateNodeCard(card), "node card"));
  if (!VerifySignatureWithDomain(card.signing_key, kNodeCardDomain, signed_card.card,
                                 signed_card.signature)) {
    return Unauthenticated(fmt::format(
        "node card '{}' is not signed by the key it names: it was altered or forged; ask the "
        "partner for a fresh copy over a channel you trust",
        card.name));
  }
  return card;
}

std::string ArmorNodeCard(const SignedNodeCard& card) {
  Bytes bytes = EncodeEnvelope(Envelope{card});
  std::string b64(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.find('\0'));
  std::string out(kBegin);
  out += '\n';
  // Informational only: DearmorNodeCard ignores these lines and VerifyNodeCard trusts the bytes.
  auto decoded = DecodeNodeCard(card.card);
  if (decoded.ok()) {
    out += fmt::format("Name: {}\nSigning-Key: {}\n", decoded->name, decoded->signing_key.Hex());
  }
  out += '\n';
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  out += kEnd;
  out += '\n';
  return out;
}

Result<SignedNodeCard> DearmorNodeCard(std::string_view text) {
  std::size_t begin = text.find(kBegin);
  if (begin == std::string_view::npos) {
    return InvalidArgument(fmt::format("no node card found: the text has no '{}' line", kBegin));
  }
  std::size_t end = text.find(kEnd, begin);
  if (end == std::string_view::npos) {
    return InvalidArgument(fmt::format(
        "the node card is cut off: there is no '{}' line (was the text truncated?)", kEnd));
  }
  std::string_view inner = text.substr(begin + kBegin.size(), end - begin - kBegin.size());
  std::string b64;
  std::size_t pos = 0;
  while (pos < inner.size()) {
    std::size_t nl = inner.find('\n', pos);
    if (nl == std::string_view::npos) nl = inner.size();
    std::string_view line = inner.substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.find(':') != std::string_view::npos) continue;
    b64 += line;
  }
  Bytes bytes(b64.size());
  std::size_t len = 0;
  if (b64.empty() || sodium_base642bin(bytes.data(), bytes.size(), b64.data(), b64.size(), nullptr,
                                       &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return InvalidArgument(
        "the node card's base64 block is damaged: ask the partner for a "
        "fresh copy");
  }
  bytes.resize(len);
  CITYNET_ASSIGN_OR_RETURN(Envelope envelope, DecodeEnvelope(bytes));
  if (auto* card = std::get_if<SignedNodeCard>(&envelope.body)) return std::move(*card);
  return InvalidArgument("the text block holds a record, not a node card");
}

}  // namespace citynet::protocol
