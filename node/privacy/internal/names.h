// Detector for personal names written in the Latin alphabet (Danish, English and Spanish text and
// the names of Copenhagen's and Buenos Aires' residents of other origins), from compiled-in lists
// of given names, surnames, common words and places, and from the shapes names take: Danish farm
// and patronymic surnames (-sen, -gaard, -strup, ...), Spanish patronymics (-ez), initials,
// titles, "Surname, Given", pinyin. The rules are documented at IdentifierScanner (identifiers.h)
// and at Find below.
#pragma once

#include <memory>
#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

class NameDetector {
 public:
  NameDetector();
  ~NameDetector();
  NameDetector(const NameDetector&) = delete;
  NameDetector& operator=(const NameDetector&) = delete;

  // Appends the personal names in `v` that do not overlap `taken` to it, as kName candidates.
  // A name is found:
  // - capitalised (or ALL CAPS) in running text: two to five words whose first is a known given
  //   name ("Susanne Møller", "Lucía Gómez de la Torre"), or an ambiguous given name (May, Bo,
  //   Rose, Luz) beside another known name, or a known surname then a given name ("Wang Wei",
  //   "Zhang Xiuying"), or an unknown first word before a known or surname-shaped last word
  //   ("Ditlev Kjærsgaard"), or initials before a surname ("H.C. Andersen", "J. Jensen");
  // - after a title (hr., fru, Mr, Dr., Sra., Don, Lic., ...), whatever the lists say: the
  //   words after the title ("fru Kjærsgaard", "Dr. Okonkwo"), the title itself left out;
  // - as "Surname, Given" with a known or surname-shaped surname, or as the whole cell;
  // - in lower case, when a known given name is followed by a known surname that is not a
  //   common word ("jeg talte med mette hansen i går"), or as a whole cell of 2-4 words.
  // Never a finding: one word alone; a run of words that a street or place word follows
  // ("Jens Baggesens Vej", "H.C. Andersens Boulevard") or that a street, saint or place word
  // precedes ("Calle Juan B. Justo", "Sankt Hans", "San Fernando"); places that read like
  // names ("José C. Paz", "Vicente López"); months, weekdays and capitalised common words.
  // Const; safe from several threads; linear in the size of `v`; no allocation per word.
  void Find(std::string_view v, Candidates& taken) const;

  // Whether the whole of `value` (trimmed) is one known given name or surname that is neither
  // a common word nor a place ("Søren", "Østergaard"; not "Bo", "Valby", "Flores", "bus").
  bool IsLoneName(std::string_view value) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
