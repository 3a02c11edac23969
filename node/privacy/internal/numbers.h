// Detectors for numbers that identify a person by their own structure: check digits (CPR,
// Chinese resident ID, CUIT/CUIL, CBU, IBAN, Spain's DNI and NIE, Chile's RUT, Uruguay's
// cédula) and the Argentine DNI and other cédulas by context. Numbers are read as people type them: digits ASCII or full-width (０-９, Ｘ), in groups
// joined by spaces (also no-break and thin), hyphens and dashes, dots or slashes.
#pragma once

#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes CPR, Chinese ID, CUIT/CUIL, CBU numbers and Spanish DNI/NIE (see identifiers.h for
// the rules). Linear in v; allocates nothing but the candidates it proposes.
void FindCheckDigitNumbers(std::string_view v, Candidates& out);
// Proposes IBANs, compact or printed in groups, upper case or all lower case.
void FindIbans(std::string_view v, Candidates& out);
// Proposes UK National Insurance numbers: "QQ 12 34 56 C", "AB123456C", in lower case after
// the words (NI, NINO, national insurance).
void FindNationalInsuranceNumbers(std::string_view v, Candidates& out);
// Proposes Mexico's CURP ("GOMC800101HDFRRL09") and voter-card clave de elector
// ("GMCRRL80010109H400"), in capitals as they are printed, by their structure alone.
void FindMexicanIds(std::string_view v, Candidates& out);
// Appends DNI numbers not overlapping `taken` to it: in a DNI column, or next to the words that
// announce one. Linear in v and logarithmic in what was taken.
void FindDnis(std::string_view v, const ColumnContext& context, Candidates& taken);
// Appends cédulas not overlapping `taken` to it, next to the words that announce one: Colombia's
// cédula de ciudadanía ("C.C. 1.023.456.789"), Venezuela's ("cédula V-12.345.678").
void FindCedulas(std::string_view v, Candidates& taken);

}  // namespace citynet::privacy::internal
