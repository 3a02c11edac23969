// Detector for personal names written in the Latin alphabet (Danish, English and Spanish text and
// the names of Copenhagen's, London's and Buenos Aires' residents of other origins), from
// compiled-in lists of given names, surnames, common words and places, fingerprints of the
// ordinary words of Debian's wordlists, the shapes names take (Danish farm and patronymic
// surnames, Spanish patronymics, initials, Korean and Chinese syllables, "Surname, Given") and
// the words people write around a name (titles and occupations, sign-offs, labels, relations,
// verbs that take a person). The rules are documented at IdentifierScanner (identifiers.h) and
// at Find below.
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
  // A finding covers every word of the name (given names, middle names and initials, particles,
  // both surnames, "y" between Spanish surnames). A name is found:
  // - capitalised (or ALL CAPS) in running text: two to five words whose first is a known given
  //   name ("Susanne Møller", "Lucía Gómez de la Torre", "Ji-ho Lim"), or an ambiguous given
  //   name (May, Bo, Rose, Luz) beside another known name, or a known surname then a given name
  //   ("Wang Wei", "CAI Haoran"), or an unknown first word before a known or surname-shaped last
  //   word ("Ditlev Kjærsgaard"), or initials before a surname ("H.C. Andersen", "J. Jensen"),
  //   or two or three capitalised words that are in no list and no wordlist, where the text is
  //   not in title case ("Kofi Adebayo");
  // - after a title or an occupation (hr., fru, Mr, Dr., Sra., pastor, overlæge, Nurse, el
  //   profe, ...), whatever the lists say: the words after it ("fru Kjærsgaard", "Dr. Okonkwo",
  //   "councillor donnelly"), the title itself left out;
  // - after a cue: a sign-off, a label, a relation or a naming verb ("Mvh.", "Navn:", "min
  //   nabo", "my name is", "me llamo"), a verb that takes a person ("talte med", "Call"), a name
  //   just found and "og"/"and"/"y"; or before a colon or a verb of saying ("Tuan Dang skrev:").
  //   The name's words may then be unknown or ordinary words, in any case ("Mi hijo Mercedes
  //   Castillo", "hilsen faduma abdi");
  // - as "Surname, Given" with one to three surnames ("Hougaard Pallesen, Palle"), in lower case
  //   too ("dalgaard, oliver"), or as the whole cell;
  // - in lower case, when a known given name is followed by a known surname that is not a
  //   common word ("jeg talte med mette hansen i går"), with initials ("sophie r. sutcliffe",
  //   "f. thorsen"), or as a whole cell of 2-4 words.
  // Never a finding: one word alone, except after a title; a run of words that a street or place
  // word follows ("Jens Baggesens Vej", "Alexandra Palace") or that a street, saint or place
  // word precedes ("Calle Juan B. Justo", "Sankt Hans", "San Fernando"); places and streets
  // that read like names ("José C. Paz", "Vicente López", "Blanco Encalada"); Danish streets
  // written as one word and Danish genitives ("Nordre Fasanvej", "Kræftens Bekæmpelse");
  // months, weekdays and capitalised common words.
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
