// Detector for e-mail addresses.
#pragma once

#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes e-mail addresses (see identifiers.h for the rules).
void FindEmails(std::string_view v, Candidates& out);

}  // namespace citynet::privacy::internal
