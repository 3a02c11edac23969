// Direct identifiers for the privacy gate: the part of the gate that decides, for a column name
// and for each cell value, whether it names or numbers a person. The gate (elsewhere) reads the
// CSV, runs this on every cell of every column, including free text, and refuses or redacts a
// dataset before it may leave the node; k-anonymity of the quasi-identifiers is also elsewhere.
//
// Everything here is pure: no I/O, no files read at run time (the name lists are compiled in),
// no global state of ours. Phone numbers are recognised with libphonenumber's metadata, which
// stays behind IdentifierScanner's private implementation.
//
// What is recognised, and the rules, are documented at each declaration. Detection errs towards
// finding too much in text (a redacted word costs less than a leaked name) but never wipes plain
// integer data: a bare number is an identifier only when its check digits say so, or when the
// column or the words just before it say what it is.

#ifndef CITYNET_NODE_PRIVACY_IDENTIFIERS_H_
#define CITYNET_NODE_PRIVACY_IDENTIFIERS_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace citynet::privacy {

enum class IdentifierKind {
  kCpr,        // Danish CPR number (also other Nordic personal numbers, by column name)
  kChineseId,  // Chinese resident identity card number (居民身份证号码)
  kCuit,       // Argentine CUIT/CUIL tax number
  kDni,        // Argentine DNI, Spanish DNI or NIE (national identity document number)
  kCbu,        // Argentine CBU bank account number
  kIban,       // international bank account number
  kEmail,      // e-mail address
  kPhone,      // phone number
  kName,       // personal name
  kPassport,   // passport number (by column name, or in text after the words that announce one)
  kAddress,    // street address: street and house number (and floor, side, flat)
  kPlate,      // vehicle registration plate
  kBirthDate,  // date of birth: a date in text that the words around it say is one
  kIpAddress,  // IPv4 or IPv6 address
  kNationalId,  // other national numbers: US SSN, UK National Insurance, Spain's social security
  kAccount,     // messenger or social network account (QQ number, WeChat ID, @handle) by context
};

// The kind for reports, in the plural: "CPR numbers", "Chinese resident ID numbers",
// "CUIT/CUIL numbers", "DNI numbers", "CBU numbers", "IBANs", "e-mail addresses",
// "phone numbers", "personal names", "passport numbers", "street addresses",
// "vehicle registration plates", "dates of birth", "IP addresses", "national ID numbers",
// "messenger accounts".
std::string_view IdentifierKindName(IdentifierKind kind);

// What a column's name says about it, before any value is read: the kind when the name says the
// column holds direct identifiers, else std::nullopt. Names are compared ignoring case, accents
// and separators ("E-mail", "e_mail", "EMail", "teléfono", "Telefonnummer"), in English, Danish,
// Spanish and Chinese (姓名, 电话, 手机号, 身份证号, 邮箱, 地址, 护照).
//
// Rules worth knowing:
// - "name"/"navn"/"nombre" alone, or with a person word (first, last, full, given, family,
//   middle, sur, maiden, person, citizen, customer, contact, respondent, patient, user, owner,
//   resident, employee, student), is a name column; a name of something else is not
//   ("district_name", "street_name", "company_name", "file_name").
// - A column about an identifier rather than holding one is not an identifier column:
//   "has_email", "phone_count", "email_domain", "phone_type", "tipo_documento".
// - Addresses: "address", "home_address", "adresse", "dirección", "domicilio", "calle", "street"
//   (alone), "地址"; but "ip_address", "mac_address" and "street_lighting_kwh" are not, and
//   "email_address" is an e-mail column.
// - Plates: "license_plate", "nummerplade", "patente", "车牌号"; not "placa_solar",
//   "matricula_escolar".
// - Quasi-identifiers are not direct identifiers: "postcode", "age", "gender", "district", and
//   a column of dates of birth ("date_of_birth", "fødselsdato", "出生日期"), which the gate
//   generalises to months, years or bands of years rather than drops (a date of birth in text
//   is another matter: kBirthDate).
// Pure; safe from any thread.
std::optional<IdentifierKind> IdentifierColumnByName(std::string_view column_name);

// One identifier found in a value.
struct Finding {
  IdentifierKind kind;
  std::size_t begin;  // byte offsets of the identifier in the value: [begin, end)
  std::size_t end;

  friend bool operator==(const Finding&, const Finding&) = default;
};

struct ScanOptions {
  // ISO 3166-1 alpha-2 regions tried for phone numbers written without a country code, the
  // publishing node's country first (e.g. {"DK"}); international "+NN"/"00NN" numbers are
  // always tried. Regions libphonenumber does not know are ignored.
  std::vector<std::string> phone_regions = {"DK", "CN", "AR", "GB", "DE", "FR", "ES", "US"};
};

// Context from the column, set by the caller from the column name (see ColumnContextFor).
struct ColumnContext {
  bool phone = false;     // the column name says phone: bare national numbers count
  bool dni = false;       // the column name says DNI/documento: 7-8 digit numbers count
  bool passport = false;  // the column name says passport: document numbers count without words
};

// The context that IdentifierColumnByName(column_name) implies. Pure; safe from any thread.
ColumnContext ColumnContextFor(std::string_view column_name);

// Finds direct identifiers in cell values. Construction loads the name lists and phone metadata
// (costly: construct once per gate, not per cell); Scan is const and safe to call from several
// threads at once. Not copyable.
//
// What Scan finds. Numbers are read as people type them: digits ASCII or full-width (Chinese
// input gives ０-９ and Ｘ), in groups joined by one space (also no-break, thin or ideographic),
// hyphen or dash, dot or slash; a number is never a piece of a longer run or sequence of digits
// ("12 34 010190 1234", "0101901234,50"). "The words" of a kind are its names just before the
// number, across punctuation and linking words ("CPR-nr.: ", "Documento Nacional de Identidad
// N° ", "mi número de documento es ", "身份证号码是"), or just after it ("110637 9488 (cpr)"),
// and, for every kind, words for an identity number in general ("ID number", "personnummer",
// "identity card"), never "ID" alone. After the words, the number may begin a longer sequence
// ("cpr 010190 1234 2100 København").
// - kCpr: DDMMYY-SSSS, DDMMYYSSSS or DDMMYY SSSS whose first six digits are a real date, the
//   century taken from the 7th digit as the CPR rules say. No modulus 11 check (abandoned in
//   2007). After the words (cpr, CPR-nr., cpr nummer, personnummer), any grouping of the ten
//   digits ("01.01.90-1234", "01 01 90 1234").
// - kChineseId: 17 digits and a digit or X (either case, or full-width), in one run or in any
//   groups of 2 or more ("110105 19491231 002X", "1101 0519 4912 3100 2X"), ISO 7064 MOD 11-2
//   check character right, a birth date YYYYMMDD (1900-2100) at positions 7-14. After the words
//   (身份证, 身份证号码, 公民身份号码, 证件号码, resident ID), also a wrong check character and the
//   15 digits of first-generation cards (birth date YYMMDD at 7-12).
// - kCuit: 11 digits, bare, XX-XXXXXXXX-X with any of the separators, or with the DNI dotted
//   inside (20-12.345.678-6, 20-5.123.456-2 for 20-05123456-2), prefix 20, 23, 24, 27, 30, 33
//   or 34, mod 11 check digit right. After the words (CUIT, CUIL, C.U.I.T.), any grouping and a
//   wrong check digit too.
// - kDni: 7-8 digits, bare or with the thousands set apart by dots, spaces or commas
//   (12.345.678, 12 345 678), only when context.dni is set or the words say DNI, D.N.I.,
//   documento, Documento Nacional de Identidad, doc., L.E., L.C., cédula, NIF or NIE (or, in
//   the 24 bytes before, DNI, documento or doc.), or "ID" before the thousands dotted. Also Spain's DNI and NIE by their check letter
//   (mod 23), with or without words: 12345678Z, 12.345.678-Z, X1234567L, X-1234567-L; a letter
//   after a space only in upper case ("12345678 a" is Spanish for "to").
// - kCbu: 22 digits, or grouped as printed (8 and 14, fours, 3-4-1-13-1) with one kind of
//   separator, both check digits right.
// - kIban: country code, 2 check digits and the BBAN, upper case or all lower case, compact or in
//   groups of any size apart by single spaces, no-break spaces or hyphens ("DK 50 ..." in upper
//   case too), mod 97 == 1 and the registered length for the country. In lower case a group of
//   letters only is the four-letter bank code after the check digits ("gb82 west 1234 ..."),
//   never words of prose.
// - kEmail: local@domain.tld, letters of any script except Han and kana (so that Chinese text
//   around an address is not taken in), the domain having a dot and a TLD of 2+ letters; and
//   the spelt-out forms people use to dodge filters ("anne at gmail dot com", "[at]", "(at)",
//   "arroba", "punto", "snabel-a", "punktum", "艾特", "点", full-width "＠" and "．"), which must
//   end in a real top-level domain (the Public Suffix List's). Rules in internal/emails.h.
// - kPhone: "+CC ..." or "00CC ..." numbers that libphonenumber says are valid (or only
//   possible); national numbers valid for one of options.phone_regions when grouped as phone
//   numbers are ("71 22 15 25", "(011) 4321-5678", "138 0013 8000") and not a date, a year
//   range, an amount or an ISBN; Chinese mobiles even bare; local forms (Argentine "15-4321-
//   5678", Chinese landlines "010-12345678"); and any phone-shaped number of 7-15 digits that a
//   phone word in the four languages announces (tlf, ring, phone, call, celular, llamá, 电话,
//   手机, 微信 ...), allocated or not. Rules in internal/phones.h.
// - kNationalId: a US Social Security number in its own form (123-45-6789, area not 000, 666 or
//   9xx, group and serial not zero), and spaced or bare after the words (SSN, social security
//   number); a UK National Insurance number (two letters, six digits, A-D: "QQ 12 34 56 C",
//   "AB123456C", in lower case after NI, NINO, national insurance); Spain's social security
//   number (12 digits, "28 12345678 40", "28/12345678/40") with its mod 97 check digits right
//   and its words or grouping.
// - kAccount: a messenger or social network account after the words that name the service
//   (QQ号, QQ：, 微信号, 微信：, WeChat ID, Skype:, Telegram, Instagram, TikTok, 抖音号, 微博):
//   a QQ number of 5-11 digits, an "@handle", or an account name of letters, digits, _ . -
//   (wxid_abc123, zhang_san88, live:john.smith); a WeChat ID that is a phone number is a phone.
// - kIpAddress: IPv4 dotted quads (not version numbers, dates or amounts) and IPv6 in full,
//   compressed and mixed forms.
// - kPassport: a document number after the words that announce a passport in the four languages
//   (pasnummer, passport no., pasaporte, 护照号码), or anywhere in a passport column.
// - kName: two to five capitalised (or ALL CAPS) words whose first is a known given name
//   ("Susanne Møller", "Lucía Gómez de la Torre", also inside text), or a known surname then a
//   given name ("Wang Wei", "Zhang Xiuying"), or an unknown word before a known or
//   surname-shaped one ("Ditlev Kjærsgaard": -sen, -gaard, -strup, -ez, -ski, ...), or
//   initials before a surname ("H.C. Andersen"); the words after a title or an occupation
//   ("fru Kjærsgaard", "Sra. Fernández", "pastor Jespersen", the title left out) or a cue
//   ("Mvh.", "Navn:", "min nabo", "my name is", in any case); "Surname, Given"; in lower case, a
//   given name and a surname that are not common words ("jeg talte med mette hansen"), or a
//   whole cell of 2-4 words ("søren østergaard"). Given names that are also common words or
//   places ("May", "Bo", "Rose", "Victoria") count only beside another known name. Never a
//   name: a run of words that a street or organisation word follows ("Jens Baggesens Vej") or a
//   street, saint or place word precedes ("Calle Juan B. Justo", "San Fernando"), places that
//   read like names ("José C. Paz"), months. The rules are detailed in internal/names.h. A given
//   name alone is never a finding: a column of first names is for the column-level decision
//   (IdentifierColumnByName and the gate's statistics).
// - kAddress: a house number with a street name that says it is one (Danish and German
//   suffixes, Spanish and French types before, English types after: "Nørrebrogade 12, 3. th.",
//   "Av. Corrientes 1234, piso 5", "12 Main Street"), or with a floor, flat, postcode or the
//   words before to say so; Chinese road or compound names with 号/栋/单元/室. Never a street
//   name alone, nor a number that counts or dates.
// - kPlate: Danish "AB 12 345", Argentine "ABC 123" and Mercosur "AB 123 CD", Chinese "京A·12345"
//   (not currency codes nor standards), and short plates after nummerplade/patente/车牌....
// - kBirthDate: a date, in any usual form and the four languages, that the words around it say
//   is a birth date (født, born, DOB, nacido, fecha de nacimiento, 出生, 生日); never a date alone.
// - Names in Chinese characters (kName): a surname of one or two characters (every surname in
//   use, compound ones too) and a given name of one or two, decided by a segmentation against
//   a lexicon derived from jieba's dictionary, with introducing words and titles as context;
//   surname + title ("王先生", "郭经理", "老王"); transliterated foreign names ("安娜·冈萨雷斯").
//   Rules in internal/zh_names.h.
// Where detectors overlap, those with check digits win (Chinese ID, CBU, IBAN, CUIT, CPR), then
// e-mail, IP addresses, passports, dates of birth, plates, DNI, phones, addresses and names.
class IdentifierScanner {
 public:
  explicit IdentifierScanner(ScanOptions options = {});
  ~IdentifierScanner();
  IdentifierScanner(IdentifierScanner&&) noexcept;
  IdentifierScanner& operator=(IdentifierScanner&&) noexcept;
  IdentifierScanner(const IdentifierScanner&) = delete;
  IdentifierScanner& operator=(const IdentifierScanner&) = delete;

  // Appends every identifier found in `value` (UTF-8; invalid bytes are treated as non-letters)
  // to `out`: non-overlapping and in order of `begin`. Findings already in `out` are kept.
  void Scan(std::string_view value, const ColumnContext& context, std::vector<Finding>& out) const;

  // Whether the whole of `value` (trimmed) is one known given name or surname ("Søren",
  // "Østergaard"), ignoring case and accents, that is neither a common word nor a place ("Bo",
  // "Valby", "Flores" are not). Scan never reports a lone name; the gate counts these per
  // column to find columns of first or last names whatever their header says.
  bool IsLoneName(std::string_view value) const;

  // `value` with each finding replaced by "[removed]". Precondition: `findings` are
  // non-overlapping, in order, and inside `value`, as Scan returns them.
  static std::string Redact(std::string_view value, const std::vector<Finding>& findings);

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy

#endif  // CITYNET_NODE_PRIVACY_IDENTIFIERS_H_
