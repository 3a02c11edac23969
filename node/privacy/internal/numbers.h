// Detectors for numbers that identify a person by their own structure: check digits (CPR,
// Chinese resident ID, CUIT/CUIL, CBU, IBAN) and the Argentine DNI by context.
#pragma once

#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes CPR, Chinese ID, CUIT/CUIL and CBU numbers (see identifiers.h for the rules).
void FindCheckDigitNumbers(std::string_view v, Candidates& out);
// Proposes IBANs, compact or printed in groups of four.
void FindIbans(std::string_view v, Candidates& out);
// Appends DNI numbers not overlapping `taken` to it: in a DNI column, or after the words that
// announce one.
void FindDnis(std::string_view v, const ColumnContext& context, Candidates& taken);

}  // namespace citynet::privacy::internal
