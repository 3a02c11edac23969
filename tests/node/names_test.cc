// Personal names in the Latin alphabet (IdentifierScanner, kName): the forms people write in
// Danish, English and Spanish free text and cells, found with their exact spans, and the
// look-alikes of case-study prose (streets, places, organisations, months, words that are also
// names) left alone. The last tests generate thousands of names and look-alike sentences from
// the pools below, which are this file's own (written from the same public rankings as the
// detector's lists, plus names the lists do not hold), and measure recall and precision.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/identifiers.h"

namespace citynet::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const IdentifierScanner& Scanner() {
  static const IdentifierScanner* scanner = new IdentifierScanner();
  return *scanner;
}

// The texts of the names Scan finds in `value`, in order.
std::vector<std::string> Names(std::string_view value) {
  std::vector<Finding> findings;
  Scanner().Scan(value, {}, findings);
  std::vector<std::string> names;
  for (const Finding& f : findings) {
    if (f.kind == IdentifierKind::kName) {
      names.emplace_back(value.substr(f.begin, f.end - f.begin));
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Danish names.

TEST(NameFormsTest, FindsDanishSurnamesOutsideTheListsByTheirShape) {
  EXPECT_THAT(Names("Ditlev Kjærsgaard ringede i går."), ElementsAre("Ditlev Kjærsgaard"));
  EXPECT_THAT(Names("Borgeren Gunnlaug Tornbjerg klagede."), ElementsAre("Gunnlaug Tornbjerg"));
  EXPECT_THAT(Names("Mødet med Eyvind Ravnholt blev aflyst."), ElementsAre("Eyvind Ravnholt"));
  EXPECT_THAT(Names("Bo Skelsgaard og Per Gammelstrup kom."),
              ElementsAre("Bo Skelsgaard", "Per Gammelstrup"));
}

TEST(NameFormsTest, FindsDoubleSurnamesMiddleNamesAndHyphenatedGivenNames) {
  EXPECT_THAT(Names("Sagen blev sendt til Lise Holm-Nielsen."), ElementsAre("Lise Holm-Nielsen"));
  EXPECT_THAT(Names("Anne Bach Jensen bor på Amager."), ElementsAre("Anne Bach Jensen"));
  EXPECT_THAT(Names("Hans-Henrik Thygesen skrev til os."), ElementsAre("Hans-Henrik Thygesen"));
  EXPECT_THAT(Names("Anne-Marie Kofoed Lund var med."), ElementsAre("Anne-Marie Kofoed Lund"));
  EXPECT_THAT(Names("Karen Margrethe Østergaard Larsen"),
              ElementsAre("Karen Margrethe Østergaard Larsen"));
}

TEST(NameFormsTest, FindsInitials) {
  EXPECT_THAT(Names("Digtet af H.C. Andersen blev læst op."), ElementsAre("H.C. Andersen"));
  EXPECT_THAT(Names("Underskrevet J. Jensen, formand"), ElementsAre("J. Jensen"));
  EXPECT_THAT(Names("Mette K. Holm fra Valby"), ElementsAre("Mette K. Holm"));
  EXPECT_THAT(Names("Kontakt: A. B. Kristiansen"), ElementsAre("A. B. Kristiansen"));
}

// ---------------------------------------------------------------------------------------------
// Spanish, Argentine and other origins.

TEST(NameFormsTest, FindsSpanishNamesWithParticlesAndWithoutAccents) {
  EXPECT_THAT(Names("María José Fernández llamó."), ElementsAre("María José Fernández"));
  EXPECT_THAT(Names("Denuncia de Juan Pérez García por ruidos."), ElementsAre("Juan Pérez García"));
  EXPECT_THAT(Names("Firmado: Lucía Gómez de la Torre"), ElementsAre("Lucía Gómez de la Torre"));
  EXPECT_THAT(Names("Maria Jose Fernandez y Nicolas Martinez"),
              ElementsAre("Maria Jose Fernandez", "Nicolas Martinez"));
  EXPECT_THAT(Names("El vecino Giuseppe Bianchi reclamó."), ElementsAre("Giuseppe Bianchi"));
  EXPECT_THAT(Names("Hablé con Facundo Ferrari y con Romina Rossi."),
              ElementsAre("Facundo Ferrari", "Romina Rossi"));
}

TEST(NameFormsTest, FindsNamesOfResidentsOfOtherOrigins) {
  for (std::string_view name :
       {"Mohammed Al-Sayed", "Fatima Hussein", "Mehmet Yılmaz", "Ayşe Kaya", "Abdi Warsame",
        "Hodan Mohamed Ali", "Imran Khan", "Ayesha Malik", "Katarzyna Nowak", "Piotr Kowalski",
        "Giovanni Rossi", "Wang Wei", "Zhang Xiuying", "Li Na", "Chen Zihan", "Xiuying Zhang",
        "Chidi Okonkwo", "Oksana Shevchenko"}) {
    const std::string text = "Vi har talt med " + std::string(name) + " om sagen.";
    EXPECT_THAT(Names(text), ElementsAre(std::string(name))) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// Titles, cells, case.

TEST(NameFormsTest, FindsTheNameAfterATitleWhateverTheListsSay) {
  EXPECT_THAT(Names("Vi skrev til fru Kjærsgaard i marts."), ElementsAre("Kjærsgaard"));
  EXPECT_THAT(Names("Hr. Vindahl og frk. Bøgh kom også."), ElementsAre("Vindahl", "Bøgh"));
  EXPECT_THAT(Names("La Sra. Fernández llamó dos veces."), ElementsAre("Fernández"));
  EXPECT_THAT(Names("Dr. Okonkwo will see you now."), ElementsAre("Okonkwo"));
  EXPECT_THAT(Names("Mrs Pemberton-Whitley and Mr Xu"), ElementsAre("Pemberton-Whitley", "Xu"));
  EXPECT_THAT(Names("Reunión con el Lic. Quispe y la Ing. Mamaní"),
              ElementsAre("Quispe", "Mamaní"));
  EXPECT_THAT(Names("Doña Ramona Esquivel y Don Atilio"), ElementsAre("Ramona Esquivel", "Atilio"));
  EXPECT_THAT(Names("hablé con la señora garcía"), ElementsAre("garcía"));
  EXPECT_THAT(Names("Prof. Andersen-Wulff"), ElementsAre("Andersen-Wulff"));
}

TEST(NameFormsTest, FindsSurnameGivenFormsAndWholeCells) {
  EXPECT_THAT(Names("Hansen, Mette; Kjærsgaard, Ditlev"),
              ElementsAre("Hansen, Mette", "Kjærsgaard, Ditlev"));
  EXPECT_THAT(Names("Fernández, María José"), ElementsAre("Fernández, María José"));
  EXPECT_THAT(Names("NIELSEN, ANNE"), ElementsAre("NIELSEN, ANNE"));
  EXPECT_THAT(Names("bo jensen"), ElementsAre("bo jensen"));
}

TEST(NameFormsTest, FindsNamesInAnyCaseAndAnyPosition) {
  EXPECT_THAT(Names("jeg talte med mette hansen i går"), ElementsAre("mette hansen"));
  EXPECT_THAT(Names("hablé con juan pérez y con lucía gómez de la torre"),
              ElementsAre("juan pérez", "lucía gómez de la torre"));
  EXPECT_THAT(Names("i met john smith at the station"), ElementsAre("john smith"));
  EXPECT_THAT(Names("har du hørt fra hans jensen?"), ElementsAre("hans jensen"));
  EXPECT_THAT(Names("ring til wang wei"), ElementsAre("wang wei"));
  EXPECT_THAT(Names("KLAGE FRA JENS HANSEN OVER STØJ"), ElementsAre("JENS HANSEN"));
  EXPECT_THAT(Names("Mette hansen ringede"), ElementsAre("Mette hansen"));
  EXPECT_THAT(Names("Jeg hedder Ditlev Krag og bor i Sydhavn."), ElementsAre("Ditlev Krag"));
}

// ---------------------------------------------------------------------------------------------
// Look-alikes.

TEST(NameLookAlikeTest, LeavesStreetsPlacesAndOrganisationsAlone) {
  for (std::string_view text : {
           "Nørrebrogade",
           "H.C. Andersens Boulevard",
           "Jens Baggesens Vej",
           "Sankt Hans Torv",
           "Frederiksberg",
           "Kongens Nytorv",
           "Plaza de Mayo",
           "Avenida San Martín",
           "Calle Juan B. Justo",
           "Villa Crespo",
           "San Fernando",
           "Santa Rosa",
           "José C. Paz",
           "Puerto Madero",
           "Copenhagen Solutions Lab",
           "Tour de France",
           "Carlsberg Byen",
           "Vicente López",
           "Florencio Varela",
           "Peter Bangs Vej",
           "Niels Juels Gade",
           "Dronning Louises Bro",
           "Hans Tavsens Park",
           "Niels Bohr Institutet",
           "Ellen MacArthur Foundation",
           "Av. Juan B. Justo 1500 está cortada",
           "Vi cyklede ad H.C. Ørsteds Vej til Kongens Lyngby.",
           "El acto fue en Plaza San Martín, frente al Hospital Fernández.",
           "Baker Street and Abbey Road",
           "Rosario Central",
           "Christian IV byggede Rundetårn.",
           "Kongens Enghave",
           "Islands Brygge",
           "Esteban Echeverría",
           "Almirante Brown",
       }) {
    EXPECT_THAT(Names(text), IsEmpty()) << text;
  }
}

TEST(NameLookAlikeTest, LeavesMonthsSentenceStartsAndNameWordsAlone) {
  for (std::string_view text : {
           "Maj 2024",
           "Marzo de 2023",
           "Abril de 2022",
           "Mandag den 3. juni",
           "Lunes 5 de mayo",
           "Per borger brugte vi 200 kr.",
           "Bo i København er dyrt.",
           "Else skal vi lukke parken.",
           "May we ask the Council?",
           "Mark the date: Tuesday 4 June.",
           "Will the Metro open?",
           "Luz roja en la esquina.",
           "Paz y Seguridad",
           "Pilar del Proyecto",
           "Rose Garden",
           "Lone Ranger",
           "Grace Period",
           "Victoria Park",
           "Hong Kong",
           "Mercedes Benz",
           "Santiago de Chile",
           "Per Capita Emissions",
           "Bo Concept",
           "Indre By",
           "Vesterbro/Kongens Enghave",
           "bicycle",
           "Nye Carlsberg Vej",
           "Gammel Kongevej",
           "Copenhagen Business School",
           "Teatro Colón",
           "Københavns Kommune",
           "Frederiksberg Allé",
           "Amager Strand",
           "Brønshøj-Husum",
       }) {
    EXPECT_THAT(Names(text), IsEmpty()) << text;
  }
}

TEST(NameLookAlikeTest, IsLoneNameKeepsCategoryColumnsApart) {
  for (std::string_view v : {"Søren", "Østergaard", "Mette", "Fernández", "Kowalski", "Xiuying"}) {
    EXPECT_TRUE(Scanner().IsLoneName(v)) << v;
  }
  for (std::string_view v :
       {"Bo",        "May",    "Valby",     "Vesterbro", "Bispebjerg", "Amager",  "Palermo",
        "Belgrano",  "Flores", "Caballito", "Pilar",     "Rosario",    "bicycle", "metro",
        "bus",       "car",    "walk",      "train",     "yes",        "no",      "si",
        "ja",        "nej",    "Nørrebro",  "Østerbro",  "Valby",      "Vanløse", "Brønshøj-Husum",
        "colectivo", "subte",  "cykel",     "tog",       "Indre By",   "Norte",   "Sur"}) {
    EXPECT_FALSE(Scanner().IsLoneName(v)) << v;
  }
}

}  // namespace
}  // namespace citynet::privacy
