// Detectors for identifiers written in words as much as in digits: IP addresses, passport
// numbers (by context), dates of birth (by context), vehicle registration plates and street
// addresses, in Danish, English, Spanish and Chinese forms.
#pragma once

#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes IPv4 and IPv6 addresses (run with the strong detectors); the address alone, without
// a port ("192.168.1.10" of "192.168.1.10:8080") but with an IPv6 zone ("fe80::1%eth0").
// - IPv4: four decimal parts 0-255 without leading zeros, not a part of a longer dotted number
//   ("1.2.3.4.5"), not glued to letters ("v1.2.3.4"), not after a numbering word (version,
//   section, afsnit, §, art., 版本...), not beside a currency; four two-digit parts
//   ("12.34.56.78", also how phone numbers are dotted) only after IP, server, host, 地址...
// - IPv6: eight groups of 1-4 hex digits, or fewer around one "::" (two groups at least, so that
//   "std::" and "a::b" stay prose), optionally ending in a dotted quad ("::ffff:192.0.2.1"),
//   with a decimal digit somewhere. Times ("10:30:45") and MAC addresses are neither.
void FindIpAddresses(std::string_view v, Candidates& out);
// Each appends what it finds, not overlapping `taken`, to it.
// Passport numbers: a token of 6-10 ASCII letters and digits with a digit, or of 8-10 letters in
// capitals or with at most one vowel (Danish, British and US 9 digits, Argentine "AAA123456",
// Chinese "E12345678", German "C01X00T47", typed in any case), in a passport column
// (context.passport) anywhere in the cell, else right after the words that announce one ("pas",
// "passet", "pasnummer", "passport", "pasaporte", "护照") and only punctuation, brackets and
// filler words between ("nr.", "no.", "number:", "N°", "es el", "argentino", "号码：", "（").
void FindPassports(std::string_view v, const ColumnContext& context, Candidates& taken);
void FindBirthDates(std::string_view v, Candidates& taken);
void FindPlates(std::string_view v, Candidates& taken);
void FindAddresses(std::string_view v, Candidates& taken);

}  // namespace citynet::privacy::internal
