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

// Dates of birth: a date that the words around it say is one. After "født", "fødselsdato",
// "f.", "born", "date of birth", "DOB", "b.", "nacido/a", "nació", "fecha de nacimiento",
// "F. Nac.", "geboren", 出生, 生日, 生于 (small words and a place may come between: "født i
// Aarhus den", "born on", "nacido el", 出生日期), or before 出生/生日 ("1985年3月12日出生").
// Dates: numeric in any order with '.', '/', '-' or spaces ("12.03.1985", "3/4-1979",
// "1985-03-12", "3/12/1985", "12-03-85"; "19850312" only right after the word), with a month
// named in Danish, English, Spanish or German, full or abbreviated ("12. marts 1985", "March 12,
// 1985", "12 de marzo de 1985", "12-mar-85"), in Chinese 年月日 with digits of either width or
// Chinese numerals; also the month and year or the day and month alone after such a word. The
// finding is the date. A date with no such word is never one, nor are "birth rate", 出生率.
void FindBirthDates(std::string_view v, Candidates& taken);

// Vehicle registration plates. By their format alone: Danish "AB 12 345", "AB12345" (not "EN
// 15804" and other standards' prefixes unless grouped as plates are); Argentine "ABC 123",
// "ABC-123" (not currency codes, "EUR 500", nor standards, "ISO 216"), Mercosur "AB 123 CD",
// "AB123CD", "A123BCD"; Chinese province character, letter and five or six letters and digits
// ("京A·12345", "沪B 6X8Y9", "京AD12345", "粤Z1234港"). After the words that announce a plate
// (nummerplade, reg.nr., license plate, patente, dominio, matrícula, placa, 车牌, 牌照): any
// run of four to eight letters and digits in up to three groups with both a letter and a digit.
void FindPlates(std::string_view v, Candidates& taken);

// Street addresses: a house number and a street name, with what follows the number (floor,
// side, flat, postcode and town) and a flat before it ("Flat 3, 45 High Road"). The name is a
// street when it says so: a Danish, German, Dutch or Scandinavian street suffix or type word
// ("Nørrebrogade 12, 3. th.", "Sankt Hans Torv 3", "Ved Stranden 8"), a Spanish, Italian or
// French type before it ("Av. Corrientes 1234", "Calle 50 N° 742", "C/ Mayor 12, 3º izq.",
// "12 rue de Rivoli"), an English type after it ("221B Baker Street"); other capitalised names
// only when a floor, flat or postcode follows ("Lavalle 1578 1°C", "Strøget 12, 1100 København
// K"), a town follows a comma ("Córdoba 1234, CABA"), or the words before say an address follows
// ("bor på", "vive en", "address"). Chinese: a road or compound name and numbers with 号, 号院,
// 号楼, 栋, 幢, 座, 单元, 层, 室 ("朝阳区建国路88号", "幸福小区3栋2单元401"). Never a name
// without a number, a number that counts or dates ("Nørrebrogade 30 cyklister", "Nørrebrogade
// 12. marts", "Nørrebro 2200"), "Calle 50" or "Avenida 9 de Julio" alone.
void FindAddresses(std::string_view v, Candidates& taken);

}  // namespace citynet::privacy::internal
