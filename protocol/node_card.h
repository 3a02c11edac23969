// Node cards: how a node tells partners who it is. A card binds a name, the node's transport
// key (CurveZMQ) and endpoints to its signing key, and is signed by that key. Partners exchange
// cards (a text block that survives e-mail) and build their trust roster from the ones they
// accept. A newer card (later issued_at_ms) from the same signing key replaces an older one,
// which is how a transport key is rotated.
#pragma once

#include <string>
#include <string_view>

#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::protocol {

// Validates and signs `card`; its signing_key is set from `key`. InvalidArgument listing every
// problem of an invalid card.
Result<SignedNodeCard> SignNodeCard(const SigningKey& key, NodeCard card);

// Decodes and checks a card from an untrusted source: canonical bytes, known version, valid
// fields, and a signature by the signing key it names. InvalidArgument, Unimplemented or
// Unauthenticated.
Result<NodeCard> VerifyNodeCard(const SignedNodeCard& card, const Limits& limits = {});

// The card as a text block:
//   -----BEGIN CITYNET NODE CARD-----
//   Name: copenhagen            (informational lines, not trusted)
//   Signing-Key: <hex>
//
//   <base64 of the card envelope, 64 columns>
//   -----END CITYNET NODE CARD-----
std::string ArmorNodeCard(const SignedNodeCard& card);

// Parses a text block made by ArmorNodeCard (surrounding text and CRLF line ends are
// tolerated). InvalidArgument saying what is missing or damaged. The result still has to pass
// VerifyNodeCard.
Result<SignedNodeCard> DearmorNodeCard(std::string_view text);

}  // namespace citynet::protocol
