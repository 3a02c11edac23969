// The role of a column in the privacy gate, decided the same way by the publishing gate and by
// every receiving node's BodyChecker: privacy by default (GDPR Art. 25). Every column is one of
//  - an identifier: its name says it holds names, personal numbers or contact details, or at
//    least half of its values are such (identifiers.h); never published;
//  - a quasi-identifier: singles people out in combination (age, gender, postcode, place of
//    residence, dates, ... by name or by its values), generalised to k-anonymity; and any column
//    the rules cannot classify, unless the publisher declares otherwise;
//  - sensitive: what must not be learnt of a group (health, income, beliefs, ... by name, or
//    declared): published as is, l-diverse;
//  - insensitive: declared by the publisher, or holding one value in every row;
//  - free text: written answers (by name, or long, varied, multi-word values): dropped unless
//    the publisher keeps it, and then scrubbed of every identifier the scanner finds.
//
// Pure: no I/O, no state but the compiled-in word lists. Safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "node/privacy/anonymise.h"
#include "protocol/status.h"
#include "protocol/types.h"

namespace citynet::privacy {

// What a column's name alone says, when it says something: the role and the reason
// ("its name says an age"). Identifier names come from IdentifierColumnByName, quasi-identifier
// names from DetectQuasiIdentifier; sensitive and free-text names are listed in roles.cc, in
// Danish, English, Spanish and Chinese. Sensitive names win over quasi-identifier names
// ("partido político" is a belief, not a place).
struct NamedRole {
  protocol::ColumnRole role;
  std::string reason;
  // False only for the default: a column no rule recognised, a quasi-identifier because the
  // gate could not tell (the one a publisher may declare insensitive or sensitive).
  bool recognised = true;
};
std::optional<NamedRole> RoleFromName(std::string_view column_name);

// Whether `value` is the name of a district, neighbourhood, municipality or city of the partner
// countries (Copenhagen's bydele, Danish municipalities, Buenos Aires' barrios and comunas, the
// partidos of Greater Buenos Aires, Beijing's districts, Chinese provinces and cities), or has
// the form of one (Chinese names ending in 区, 县, 市, 镇, 街道, 社区 ...; "Comuna 4",
// "Barrio Norte"). Case and accents are ignored.
bool IsPlaceName(std::string_view value);

// Whether `value` reads as written text: several words (four or more, at least 20 bytes, or
// three with sentence punctuation), or eight or more Han characters.
bool IsWrittenText(std::string_view value);

// The shape of a column's values, accumulated one value at a time: enough to tell free text,
// a constant column and a column of place names or dates, in bounded memory (distinct values
// are counted exactly up to a cap, by hash).
class ColumnShape {
 public:
  explicit ColumnShape(std::size_t distinct_cap = kDistinctCap) : cap_(distinct_cap) {}
  void Add(std::string_view value);
  // Adds what `other` counted (a later part of the same column).
  void Merge(const ColumnShape& other);

  // Distinct values are counted exactly up to this many; a column that reaches it is varied
  // enough for every rule that asks.
  static constexpr std::size_t kDistinctCap = 16384;

  uint64_t filled() const { return filled_; }
  // Distinct non-empty values, exact below the cap (then the cap).
  uint64_t distinct() const { return distinct_.size(); }
  bool distinct_capped() const { return distinct_.size() >= cap_; }
  bool constant() const { return distinct_.size() <= 1; }
  // Values that read as written text (IsWrittenText).
  uint64_t texty() const { return texty_; }
  // Long, varied, multi-word values: at least 30 % written text, and at least one distinct
  // value in four.
  bool free_text() const;
  // At least half of the first values are place names.
  bool places() const;
  // At least 90 % of the first values are dates.
  bool dates() const;

 private:
  std::size_t cap_;
  uint64_t filled_ = 0;
  uint64_t texty_ = 0;
  uint64_t sampled_ = 0;  // of the first kShapeSample values: how many were
  uint64_t places_ = 0;   // place names
  uint64_t dates_ = 0;    // dates
  std::unordered_set<uint64_t> distinct_;
};

// The role the rules give a column that the publisher did not declare, from its name and the
// shape of its values, once identifiers have been ruled out. Never kIdentifier.
NamedRole RoleFromShape(std::string_view column_name, const ColumnShape& shape);

// Whether the publisher may give `column_name` the role `declared`, given what the rules say of
// it (`ruled`, from RoleFromShape): a quasi-identifier may always be declared (it only adds
// protection); sensitive and insensitive only for a column the rules did not recognise (or, for
// insensitive, one holding a single value), and insensitive not for a column whose name says it
// is sensitive; kept free text only for a column the rules call free text. InvalidArgument
// saying why and what to do otherwise. The publishing gate checks declarations with it, and
// receivers check the declared roles of a report with it.
Status CheckDeclaredRole(std::string_view column_name, protocol::ColumnRole declared,
                         const NamedRole& ruled);

}  // namespace citynet::privacy
