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
  kDni,        // Argentine DNI (national identity document number)
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
};

// The kind for reports, in the plural: "CPR numbers", "Chinese resident ID numbers",
// "CUIT/CUIL numbers", "DNI numbers", "CBU numbers", "IBANs", "e-mail addresses",
// "phone numbers", "personal names", "passport numbers", "street addresses",
// "vehicle registration plates", "dates of birth", "IP addresses".
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
  bool phone = false;  // the column name says phone: bare national numbers count
  bool dni = false;    // the column name says DNI/documento: 7-8 digit numbers count
};

// The context that IdentifierColumnByName(column_name) implies. Pure; safe from any thread.
ColumnContext ColumnContextFor(std::string_view column_name);

// Finds direct identifiers in cell values. Construction loads the name lists and phone metadata
// (costly: construct once per gate, not per cell); Scan is const and safe to call from several
// threads at once. Not copyable.
//
// What Scan finds (ASCII digits only; each number must not be part of a longer run of digits):
// - kCpr: DDMMYY-SSSS or DDMMYYSSSS whose first six digits are a real date, the century taken
//   from the 7th digit as the CPR rules say. No modulus 11 check (abandoned in 2007).
// - kChineseId: 17 digits and a digit or X, ISO 7064 MOD 11-2 check character right, a birth date
//   YYYYMMDD (1900-2100) at positions 7-14.
// - kCuit: 11 digits, bare or XX-XXXXXXXX-X, prefix 20, 23, 24, 27, 30, 33 or 34, mod 11 check
//   digit right.
// - kDni: 7-8 digits, bare or dotted (12.345.678), only when context.dni is set or the text just
//   before says DNI, D.N.I., documento or doc.
// - kCbu: 22 digits (or 8 and 14 separated by one space or hyphen), both check digits right.
// - kIban: upper-case country code, 2 check digits and the BBAN, compact or in groups of 4
//   separated by single spaces, mod 97 == 1 and the registered length for the country.
// - kEmail: local@domain.tld, letters of any script except Han and kana (so that Chinese text
//   around an address is not taken in), the domain having a dot and a TLD of 2+ letters.
// - kPhone: "+CC ..." or "00CC ..." numbers that libphonenumber says are valid (or only possible,
//   when the column or the words before say phone); numbers without a country code when valid
//   for one of options.phone_regions and the column says phone, or the words just before say
//   tel/tlf/phone/telefon/teléfono/mobil/celular/ring/llamar/电话/手机, or the number is grouped as
//   phone numbers are ("71 22 15 25", "(011) 4321-5678", "138 0013 8000") and is not a date,
//   a year range, an amount with thousands separators or an ISBN. A bare run of digits with no
//   such context is never a phone number.
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
// Where detectors overlap, those with check digits win (Chinese ID, CBU, IBAN, CUIT, CPR), then
// e-mail, DNI, phone and names.
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
