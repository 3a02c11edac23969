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
// Proposes messenger and social network accounts after the words that name the service: a QQ
// number after QQ, QQ号, QQ号码; an account name or @handle after 微信, 微信号, WeChat (ID),
// Weixin, Skype, Telegram, Instagram, TikTok, Discord, Snapchat, 抖音号, 微博, across ":", "ID",
// "is", "my", 号, 是 ("QQ：123456789", "微信号 wxid_abc123", "Telegram @name"). An account
// name has a digit, '_' or '.', starts with '@', or follows a colon or ID; a WeChat ID of
// digits only is a phone number, left to the phone detector.
void FindMessengerAccounts(std::string_view v, Candidates& out);
// Each appends what it finds, not overlapping `taken`, to it.
// Passport numbers: a token of 6-10 ASCII letters and digits with a digit, or of 8-10 letters in
// capitals or with at most one vowel (Danish, British and US 9 digits, Argentine "AAA123456",
// Chinese "E12345678", German "C01X00T47", typed in any case), or such a number read off in
// groups ("177 353 486", "E 1234 5678", "AAA 123456"). In a passport column (context.passport)
// anywhere in the cell; else near the words that announce one, in quotes or brackets of any
// kind:
// - right after "pas", "pas-nr.", and after "pass", "pp", "ppt" with a number word ("pp no",
//   "my pass no."; not "bus pass no."), across punctuation and filler words only ("nr.",
//   "no.", "number:", "N°", "es el", "argentino", "号码：", "（");
// - after "passport", "pasaporte", "pasap.", "pasnummer(et)", "passet", "护照", also a few
//   words on in the same sentence ("Pasaporte del menor: nº ...", "护照丢了，号码是..."), unless
//   a word says the number is another ("tlf", "cpr", "case", "expediente"...), not an amount,
//   and all digits only with eight or more;
// - Danish "pas" as a noun ("mit pas", "et nyt pas", "pas udstedt") as "passport";
// - further on in a long sentence right after a number word ("Passport issued in Copenhagen on
//   3 May 2019, number ..."); the rest of a list of numbers of the same shape ("passports:
//   987654321, 123456789");
// - before those words across "is" and small words ("AAB123456 es mi pasaporte",
//   "E12345678是我的护照号", "206123456 er nummeret på mit pas"), or in brackets after the number
//   ("206123456 (pas)", "E12345678（护照）").
void FindPassports(std::string_view v, const ColumnContext& context, Candidates& taken);

// Dates of birth: a date that the words around it say is one. After "født", "fødselsdato",
// "f.", "born", "date of birth", "DOB", "b.", "nacido/a", "nació", "fecha de nacimiento",
// "F. Nac.", "geboren", 出生, 生日, 生于 (small words and a place may come between: "født i
// Aarhus den", "born on the", "nacido el", 出生日期), or before them across small words
// ("18. nov. 1942 er min fødselsdato", "3/12/1985 is my date of birth", "1985年3月12日出生").
// Dates: numeric in any order with '.', '/', '-' or spaces ("12.03.1985", "3/4-1979",
// "1985-03-12", "3/12/1985", "12-03-85"; "19850312" only right against the word or its colon),
// with a month named in Danish, English, Spanish or German, full or abbreviated ("12. marts
// 1985", "March 12, 1985", "12 de marzo de 1985", "12-mar-85"), the first of the month in words
// ("primero de junio de 1936"), in Chinese 年月日 with digits of either width or Chinese
// numerals; also the month and year or the day and month alone after such a word. A year alone
// after the words that say born ("født i 1985", "born in 1979", "nací en 1990", "1985年出生"),
// since the gate bands years of birth. The finding is the date. Never a date with no such word,
// after "birth rate" or 出生率, after a birthday word alone ("my birthday in 2019"), of a group
// ("children born in 2019", "2019年出生的孩子") or of a thing born ("La biblioteca nació el
// ...", "Our project was born in 2019", 这家医院诞生于...).
void FindBirthDates(std::string_view v, Candidates& taken);

// Vehicle registration plates. By their format alone: Danish "AB 12 345", "AB12345",
// "AB-12-345", in lower case spaced as printed ("ab 12 345") unless the letters are a word (not
// "EN 15804" and other standards' prefixes unless grouped as plates are); UK "AB12 CDE",
// "AB12CDE" in either case (an area code, an age identifier, three letters); Spain "1234 BCD",
// "1234-BCD" (consonants), "M-1234-AB" and special plates ("R-1234-BCD"); California's
// "7ABC123", "7ABC 123", "7 ABC 123"; Argentine "ABC 123", "ABC-123" (not currency codes,
// "EUR 500", nor standards, "ISO 216"), Mercosur "AB 123 CD", "AB123CD", "A123BCD"; Chinese
// province character, letter and five or six letters and digits ("京A·12345", "沪B 6X8Y9",
// "京AD12345", "粤Z1234港"); and these shapes set off by commas or parentheses whatever their
// letters. After the words that announce a plate (nummerplade, reg.nr., reg, license plate,
// patente, Pat., dominio, matrícula, placa, 车牌, 牌照): any run of four to eight letters and
// digits in up to three groups with both a letter and a digit; after a vehicle, a driver or a
// permit ("bil", "Taxaen", "la camioneta", "my car is", "beboerlicens gælder for"): the same
// with two letters and two digits at least, and not a make and model ("a BMW 320i").
void FindPlates(std::string_view v, Candidates& taken);

// Street addresses: a house number and a street name, with what follows the number (floor,
// side, flat, the streets it stands between, postcode and town) and a flat before it ("Flat 3,
// 45 High Road"). The name is a street when it says so: a Danish, German, Dutch or Scandinavian
// street suffix or type word ("Nørrebrogade 12, 3. th.", "Sankt Hans Torv 3", "niels juels gade
// 14"), a Spanish, Italian or French type before it ("Av. Corrientes 1234", "calle sagasta
// 150", "Calle 50 N° 742", "C/ Mayor 12, 3º izq.", "Pº de Atocha, 99", "12 rue de Rivoli"), an
// English type after it, with a direction or a numbered street, in either case ("221B Baker
// Street", "2321 E. Washington St, Brooklyn, NY 11201", "9968 elm street", "350 5th Avenue");
// other names, and a type word alone, only when a floor, flat or postcode follows ("Lavalle
// 1578 1°C", "Strøget 12, 1100 København K", "darwin 76, piso 9", "Torvet 142F 5.th"), a town
// follows a comma ("Córdoba 1234, CABA"), the words before say an address follows ("bor på",
// "vive en", "address", "Dir.:", "El edificio de"), the marker of a numbered street ("14 n°
// 65"), or the name and number are a cell or a last sentence of their own. Chinese: a road,
// lane or compound name and numbers with 号, 号院, 号楼, 栋, 幢, 座, 单元, 层, 室
// ("朝阳区建国路88号", "东四十条233号", "幸福小区3栋2单元401", "7栋102号"). Never a name
// without a number, a number that counts or dates ("Nørrebrogade 30 cyklister", "Nørrebrogade
// 12. marts", "moved to 24 April 2026", "Nørrebro 2200", "a 20 minute walk", "3 main roads"),
// a document's number ("Lokalplan nr. 524"), a public place's address ("The Passport Office at
// 2 Marsham Street"), "Calle 50" or "Avenida 9 de Julio" alone.
void FindAddresses(std::string_view v, Candidates& taken);

}  // namespace citynet::privacy::internal
