#include "node/privacy/identifiers.h"
#include "tests/privacy/scanner_test_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

// The check digits of the valid examples below were computed independently of the code under
// test, with Python one-liners following each scheme's published rules (GB 11643 MOD 11-2,
// AFIP's CUIT weights, BCRA's CBU weights, ISO 13616 mod 97). The IBANs are the registry's and
// banks' published examples.

namespace citynet::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

using K = IdentifierKind;

using scanner_test::Find;
using scanner_test::ThreadCpuSeconds;
using scanner_test::Scanner;

constexpr ColumnContext kPhoneColumn{.phone = true, .dni = false};
constexpr ColumnContext kDniColumn{.phone = false, .dni = true};

// What Scan finds in `value` of the kinds numbered by their own structure or by the words
// around them (CPR, Chinese ID, CUIT/CUIL, DNI/NIE, CBU, IBAN): what a look-alike must not give,
// whatever the other detectors make of it.
std::vector<std::pair<K, std::string>> FindNumbers(std::string_view value) {
  std::vector<std::pair<K, std::string>> found;
  for (auto& [kind, text] : Find(value)) {
    if (kind == K::kCpr || kind == K::kChineseId || kind == K::kCuit || kind == K::kDni ||
        kind == K::kCbu || kind == K::kIban) {
      found.emplace_back(kind, text);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Kind names.

TEST(IdentifierKindNameTest, NamesEveryKindForReports) {
  EXPECT_EQ(IdentifierKindName(K::kCpr), "CPR numbers");
  EXPECT_EQ(IdentifierKindName(K::kChineseId), "Chinese resident ID numbers");
  EXPECT_EQ(IdentifierKindName(K::kCuit), "CUIT/CUIL numbers");
  EXPECT_EQ(IdentifierKindName(K::kDni), "DNI numbers");
  EXPECT_EQ(IdentifierKindName(K::kCbu), "CBU numbers");
  EXPECT_EQ(IdentifierKindName(K::kIban), "IBANs");
  EXPECT_EQ(IdentifierKindName(K::kEmail), "e-mail addresses");
  EXPECT_EQ(IdentifierKindName(K::kPhone), "phone numbers");
  EXPECT_EQ(IdentifierKindName(K::kName), "personal names");
  EXPECT_EQ(IdentifierKindName(K::kPassport), "passport numbers");
  EXPECT_EQ(IdentifierKindName(K::kAddress), "street addresses");
}

// ---------------------------------------------------------------------------------------------
// Column names.

TEST(IdentifierColumnByNameTest, FindsDirectIdentifierColumnsInFourLanguages) {
  const std::pair<std::string_view, K> cases[] = {
      {"name", K::kName},
      {"Name", K::kName},
      {"first_name", K::kName},
      {"FirstName", K::kName},
      {"last name", K::kName},
      {"surname", K::kName},
      {"citizen_name", K::kName},
      {"Navn", K::kName},
      {"fornavn", K::kName},
      {"Efternavn", K::kName},
      {"nombre", K::kName},
      {"Apellido", K::kName},
      {"nombre_completo", K::kName},
      {"nombre y apellido", K::kName},
      {"姓名", K::kName},
      {"cpr", K::kCpr},
      {"CPR-nr.", K::kCpr},
      {"cpr_nummer", K::kCpr},
      {"CPRNummer", K::kCpr},
      {"Personnummer", K::kCpr},
      {"email", K::kEmail},
      {"E-mail", K::kEmail},
      {"e_mail", K::kEmail},
      {"EMail", K::kEmail},
      {"email_address", K::kEmail},
      {"correo electrónico", K::kEmail},
      {"邮箱", K::kEmail},
      {"phone", K::kPhone},
      {"phone_number", K::kPhone},
      {"Telefonnummer", K::kPhone},
      {"teléfono", K::kPhone},
      {"TELÉFONO", K::kPhone},
      {"Tlf.", K::kPhone},
      {"mobil", K::kPhone},
      {"Mobile Phone", K::kPhone},
      {"celular", K::kPhone},
      {"联系电话", K::kPhone},
      {"手机号", K::kPhone},
      {"dni", K::kDni},
      {"DNI", K::kDni},
      {"Documento", K::kDni},
      {"nro_documento", K::kDni},
      {"cuit", K::kCuit},
      {"CUIL", K::kCuit},
      {"iban", K::kIban},
      {"Kontonummer", K::kIban},
      {"cbu", K::kCbu},
      {"passport", K::kPassport},
      {"Pasaporte", K::kPassport},
      {"护照号", K::kPassport},
      {"身份证号", K::kChineseId},
      {"address", K::kAddress},
      {"home_address", K::kAddress},
      {"Adresse", K::kAddress},
      {"Dirección", K::kAddress},
      {"domicilio", K::kAddress},
      {"street", K::kAddress},
      {"地址", K::kAddress},
  };
  for (const auto& [column, kind] : cases) {
    EXPECT_EQ(IdentifierColumnByName(column), std::optional<K>(kind)) << column;
  }
}

TEST(IdentifierColumnByNameTest, LeavesQuasiIdentifiersAndOtherColumnsAlone) {
  for (std::string_view column : {"commute_mode",
                                  "postcode",
                                  "age",
                                  "gender",
                                  "district",
                                  "household_size",
                                  "heating_kwh_year",
                                  "sorts_waste",
                                  "street_lighting_kwh",
                                  "district_name",
                                  "street_name",
                                  "company_name",
                                  "file_name",
                                  "hotel_name",
                                  "has_email",
                                  "phone_count",
                                  "email_domain",
                                  "phone_type",
                                  "tipo_documento",
                                  "ip_address",
                                  "mobility_mode",
                                  "telecom_operator",
                                  "named_entities",
                                  "",
                                  "  ",
                                  "_"}) {
    EXPECT_EQ(IdentifierColumnByName(column), std::nullopt) << column;
  }
}

TEST(ColumnContextForTest, SaysPhoneOrDniFromTheName) {
  EXPECT_TRUE(ColumnContextFor("Telefon").phone);
  EXPECT_FALSE(ColumnContextFor("Telefon").dni);
  EXPECT_TRUE(ColumnContextFor("DNI").dni);
  EXPECT_FALSE(ColumnContextFor("DNI").phone);
  EXPECT_FALSE(ColumnContextFor("heating_kwh_year").phone);
  EXPECT_FALSE(ColumnContextFor("heating_kwh_year").dni);
  EXPECT_FALSE(ColumnContextFor("name").phone);
}

// ---------------------------------------------------------------------------------------------
// CPR.

TEST(CprTest, FindsDashedAndBareNumbers) {
  EXPECT_THAT(Find("010190-1234"), ElementsAre(Pair(K::kCpr, "010190-1234")));
  EXPECT_THAT(Find("0101901234"), ElementsAre(Pair(K::kCpr, "0101901234")));
  EXPECT_THAT(Find("161167-3882"), ElementsAre(Pair(K::kCpr, "161167-3882")));
}

TEST(CprTest, DoesNotRequireModulus11) {
  // 0101901234 has weighted sum 84 under 4,3,2,7,6,5,4,3,2,1: not divisible by 11. Numbers
  // issued since 2007 need not be.
  EXPECT_THAT(Find("010190-1234"), ElementsAre(Pair(K::kCpr, "010190-1234")));
}

TEST(CprTest, RefusesImpossibleDates) {
  EXPECT_THAT(Find("310299-1234"), IsEmpty());  // 31 February
  EXPECT_THAT(Find("320190-1234"), IsEmpty());
  EXPECT_THAT(Find("001090-1234"), IsEmpty());
  EXPECT_THAT(Find("011390-1234"), IsEmpty());
  EXPECT_THAT(Find("310490-1234"), IsEmpty());  // 31 April
}

TEST(CprTest, TakesTheCenturyFromTheSeventhDigitForLeapDays) {
  EXPECT_THAT(Find("290200-4123"), ElementsAre(Pair(K::kCpr, "290200-4123")));  // 2000
  EXPECT_THAT(Find("290200-1234"), IsEmpty());                                  // 1900
  EXPECT_THAT(Find("290200-5123"), ElementsAre(Pair(K::kCpr, "290200-5123")));  // 2000
  EXPECT_THAT(Find("290236-9123"), ElementsAre(Pair(K::kCpr, "290236-9123")));  // 2036
  EXPECT_THAT(Find("290237-9123"), IsEmpty());                                  // 1937
  EXPECT_THAT(Find("290256-5123"), ElementsAre(Pair(K::kCpr, "290256-5123")));  // 2056
  EXPECT_THAT(Find("290258-5123"), IsEmpty());                                  // 1858
  EXPECT_THAT(Find("290296-3123"), ElementsAre(Pair(K::kCpr, "290296-3123")));  // 1996
}

TEST(CprTest, FindsNumbersInDanishText) {
  EXPECT_THAT(Find("Mit CPR-nummer er 010190-1234, så ring endelig."),
              ElementsAre(Pair(K::kCpr, "010190-1234")));
  EXPECT_THAT(Find("cpr:0101901234."), ElementsAre(Pair(K::kCpr, "0101901234")));
}

TEST(CprTest, IgnoresPartsOfLongerDigitRuns) {
  EXPECT_THAT(Find("12010190-1234"), IsEmpty());
  EXPECT_THAT(Find("010190-12345"), IsEmpty());
  EXPECT_THAT(Find("01019012345"),
              ::testing::Not(::testing::Contains(Pair(K::kCpr, ::testing::_))));
  EXPECT_THAT(Find("010190"), IsEmpty());
}

TEST(CprTest, IsNotAlsoReportedAsAPhoneNumber) {
  EXPECT_THAT(Find("0101901234", kPhoneColumn), ElementsAre(Pair(K::kCpr, "0101901234")));
  EXPECT_THAT(Find("tlf 010190-1234"), ElementsAre(Pair(K::kCpr, "010190-1234")));
}

TEST(CprTest, FindsNumbersTypedWithASpaceOrAnotherDash) {
  EXPECT_THAT(Find("010190 1234"), ElementsAre(Pair(K::kCpr, "010190 1234")));
  EXPECT_THAT(Find("010190\u00a01234"), ElementsAre(Pair(K::kCpr, "010190\u00a01234")));
  EXPECT_THAT(Find("010190\u20131234"), ElementsAre(Pair(K::kCpr, "010190\u20131234")));
  EXPECT_THAT(Find("010190 - 1234"), ElementsAre(Pair(K::kCpr, "010190 - 1234")));
  EXPECT_THAT(Find("Cpr.nr. 240252 3667, hvis I skal slå mig op"),
              ElementsAre(Pair(K::kCpr, "240252 3667")));
  EXPECT_THAT(Find("310299 1234"), IsEmpty());  // 31 February
}

TEST(CprTest, TakesAnyGroupingOfTheTenDigitsAfterTheWordsThatSayCpr) {
  EXPECT_THAT(Find("cpr: 01.01.90-1234"), ElementsAre(Pair(K::kCpr, "01.01.90-1234")));
  EXPECT_THAT(Find("CPR-nr. 01 01 90 1234"), ElementsAre(Pair(K::kCpr, "01 01 90 1234")));
  EXPECT_THAT(Find("personnummer 010190/1234"), ElementsAre(Pair(K::kCpr, "010190/1234")));
  EXPECT_THAT(Find("Mit cpr nummer er 0101 90 1234"), ElementsAre(Pair(K::kCpr, "0101 90 1234")));
  EXPECT_THAT(Find("0101 90 1234 (cpr)"), ElementsAre(Pair(K::kCpr, "0101 90 1234")));
  // The words also take the number that begins a longer sequence.
  EXPECT_THAT(FindNumbers("cpr 010190 1234 2100 København"),
              ElementsAre(Pair(K::kCpr, "010190 1234")));
  // Without the words these are dates and other numbers.
  EXPECT_THAT(FindNumbers("01.01.90-1234"), IsEmpty());
  EXPECT_THAT(FindNumbers("010190/1234"), IsEmpty());
  EXPECT_THAT(FindNumbers("Mødet 01 01 90 1234"), IsEmpty());
}

TEST(CprTest, LeavesGroupsInsideLongerSequencesAlone) {
  EXPECT_THAT(FindNumbers("12 34 010190 1234"), IsEmpty());
  EXPECT_THAT(FindNumbers("010190 1234 5678"), IsEmpty());
  EXPECT_THAT(FindNumbers("010190 1234 2100 København"), IsEmpty());
  // Letters against it make a code of it, unless they are the words.
  EXPECT_THAT(FindNumbers("AB010190-1234"), IsEmpty());
  EXPECT_THAT(FindNumbers("CPR010190-1234"), ElementsAre(Pair(K::kCpr, "010190-1234")));
  EXPECT_THAT(FindNumbers("010190-1234-56"), IsEmpty());
  EXPECT_THAT(FindNumbers("Beløb 0101901234,50 kr."), IsEmpty());
  // A space sets a CPR number apart from a date grouped otherwise.
  EXPECT_THAT(Find("01.01.1990 010190-1234"), ::testing::Contains(Pair(K::kCpr, "010190-1234")));
}

TEST(CprTest, LeavesAmountsYearsDatesPhonesAndCompanyNumbersAlone) {
  for (std::string_view text :
       {"Budgettet er på 1 234 567 DKK i år.", "Prisen steg til kr. 1.234.567 i 2023.",
        "Total: 12 345 678 DKK", "Vi boede der 1990-2000 og 2005 - 2010.",
        "From 1987\u20131994 the street was closed.", "Mødet er 01-01-1990 kl. 10.",
        "Ring 12 34 56 78 eller +45 12 34 56 78.", "2100 København Ø",
        "Postnummer 8000 Aarhus C, 9000 Aalborg", "CVR-nr. 46 28 13 81", "CVR-nummer: 29403473",
        "Sagsnummer 2023-004512", "Meter reading 123456 7890 kWh", "Faktura nr. 20230415 1234"}) {
    EXPECT_THAT(FindNumbers(text), IsEmpty()) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// Chinese resident ID.

TEST(ChineseIdTest, FindsValidNumbers) {
  EXPECT_THAT(Find("11010519491231002X"), ElementsAre(Pair(K::kChineseId, "11010519491231002X")));
  EXPECT_THAT(Find("11010519491231002x"), ElementsAre(Pair(K::kChineseId, "11010519491231002x")));
  EXPECT_THAT(Find("510108198506157033"), ElementsAre(Pair(K::kChineseId, "510108198506157033")));
  EXPECT_THAT(Find("110105200002290021"), ElementsAre(Pair(K::kChineseId, "110105200002290021")));
}

TEST(ChineseIdTest, RefusesWrongCheckCharacters) {
  EXPECT_THAT(Find("110105194912310021"), IsEmpty());
  EXPECT_THAT(Find("510108198506157030"), IsEmpty());
  EXPECT_THAT(Find("51010819850615703X"), IsEmpty());
}

TEST(ChineseIdTest, RefusesImpossibleBirthDatesEvenWithTheRightCheck) {
  EXPECT_THAT(Find("110105194902310026"), IsEmpty());  // 31 February 1949
  EXPECT_THAT(Find("11010518501231002X"), IsEmpty());  // 1850
  EXPECT_THAT(Find("110105190002290025"), IsEmpty());  // 29 February 1900
}

TEST(ChineseIdTest, FindsNumbersInChineseText) {
  const std::string text = "我的身份证号是11010519491231002X，谢谢。";
  std::vector<Finding> findings;
  Scanner().Scan(text, {}, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, K::kChineseId);
  EXPECT_EQ(findings[0].begin, std::string_view("我的身份证号是").size());
  EXPECT_EQ(text.substr(findings[0].begin, findings[0].end - findings[0].begin),
            "11010519491231002X");
}

TEST(ChineseIdTest, IgnoresPartsOfLongerRuns) {
  EXPECT_THAT(Find("1510108198506157033"), IsEmpty());
  EXPECT_THAT(Find("11010519491231002XY"), IsEmpty());
}

TEST(ChineseIdTest, FindsNumbersGroupedAsPeopleTypeThem) {
  for (std::string_view id :
       {"110105 19491231 002X", "110105-19491231-002x", "1101 0519 4912 3100 2X",
        "110105 1949 1231 002X", "440306\u00a019850615\u00a0123X", "510108 19850615 7033"}) {
    EXPECT_THAT(Find(id), ElementsAre(Pair(K::kChineseId, std::string(id)))) << id;
  }
  EXPECT_THAT(Find("身份证号：440306 19850615 123X。谢谢"),
              ElementsAre(Pair(K::kChineseId, "440306 19850615 123X")));
  EXPECT_THAT(Find("110105 19491231 0021"), IsEmpty());  // wrong check
}

TEST(ChineseIdTest, FindsFullWidthDigitsAndCheckCharacter) {
  EXPECT_THAT(Find("１１０１０５１９４９１２３１００２Ｘ"),
              ElementsAre(Pair(K::kChineseId, "１１０１０５１９４９１２３１００２Ｘ")));
  EXPECT_THAT(Find("身份证号：５１０１０８　１９８５０６１５　７０３３，谢谢"),
              ElementsAre(Pair(K::kChineseId, "５１０１０８　１９８５０６１５　７０３３")));
  EXPECT_THAT(Find("１１０１０５１９４９１２３１００２ｘ"),
              ElementsAre(Pair(K::kChineseId, "１１０１０５１９４９１２３１００２ｘ")));
  EXPECT_THAT(Find("１１０１０５１９４９１２３１００２１"), IsEmpty());  // wrong check
}

TEST(ChineseIdTest, TakesWhatTheWordsSayIsOne) {
  // A mistyped check character, and the 15 digits of first-generation cards (birth date
  // YYMMDD, no check): only where the words say so.
  EXPECT_THAT(Find("公民身份号码：110105194912310021"),
              ElementsAre(Pair(K::kChineseId, "110105194912310021")));
  EXPECT_THAT(Find("身份证号码是110105491231002"),
              ElementsAre(Pair(K::kChineseId, "110105491231002")));
  EXPECT_THAT(Find("老身份证 110105 491231 002"),
              ElementsAre(Pair(K::kChineseId, "110105 491231 002")));
  EXPECT_THAT(FindNumbers("110105491231002"), IsEmpty());
  EXPECT_THAT(FindNumbers("订单号110105491231002"), IsEmpty());
  EXPECT_THAT(FindNumbers("身份证号码是110105493231002"), IsEmpty());  // no 32nd
}

TEST(ChineseIdTest, LeavesGroupedNumbersInsideCodesAndListsAlone) {
  EXPECT_THAT(FindNumbers("ID110105 19491231 002X"), IsEmpty());
  EXPECT_THAT(FindNumbers("110105 19491231 002XY"), IsEmpty());
  EXPECT_THAT(FindNumbers("1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X"), IsEmpty());
  EXPECT_THAT(FindNumbers("请拨打138 0013 8000或010-6552 9988。"), IsEmpty());
  EXPECT_THAT(FindNumbers("总投资１２３４５６７８元，邮编100000"), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// CUIT/CUIL.

TEST(CuitTest, FindsDashedAndBareNumbers) {
  EXPECT_THAT(Find("20-12345678-6"), ElementsAre(Pair(K::kCuit, "20-12345678-6")));
  EXPECT_THAT(Find("20123456786"), ElementsAre(Pair(K::kCuit, "20123456786")));
  EXPECT_THAT(Find("30-71234567-1"), ElementsAre(Pair(K::kCuit, "30-71234567-1")));
  EXPECT_THAT(Find("20-22222222-3"), ElementsAre(Pair(K::kCuit, "20-22222222-3")));
}

TEST(CuitTest, RefusesWrongCheckDigitsAndPrefixes) {
  EXPECT_THAT(Find("20-12345678-5"), IsEmpty());
  EXPECT_THAT(Find("21-12345678-6"), IsEmpty());
  EXPECT_THAT(Find("20-1234567-6"), IsEmpty());
}

TEST(CuitTest, RefusesAnyDigitWhereTheCheckWouldBeTen) {
  // 27-28765432: 11 - (sum mod 11) is 10, so no number with this prefix and body is valid.
  for (char d = '0'; d <= '9'; ++d) {
    EXPECT_THAT(Find(std::string("27-28765432-") + d), IsEmpty()) << d;
  }
}

TEST(CuitTest, FindsNumbersInSpanishTextAndWinsOverDni) {
  EXPECT_THAT(Find("Mi CUIT es 20-12345678-6 y mi DNI es 12.345.678."),
              ElementsAre(Pair(K::kCuit, "20-12345678-6"), Pair(K::kDni, "12.345.678")));
  EXPECT_THAT(Find("20-12345678-6", kDniColumn), ElementsAre(Pair(K::kCuit, "20-12345678-6")));
  EXPECT_THAT(Find("20123456786", kPhoneColumn), ElementsAre(Pair(K::kCuit, "20123456786")));
}

TEST(CuitTest, FindsNumbersWithSpacesDotsAndTheDniDottedInside) {
  for (std::string_view cuit :
       {"20 12345678 6", "20.12345678.6", "20/12345678/6", "20\u201312345678\u20136",
        "20-12.345.678-6", "20 12.345.678 6", "27 30123456 8", "2012345678-6"}) {
    EXPECT_THAT(Find(cuit), ElementsAre(Pair(K::kCuit, std::string(cuit)))) << cuit;
  }
  // A DNI of seven digits, which the CUIT pads to eight: 20-05123456-2.
  EXPECT_THAT(Find("20-5.123.456-2"), ElementsAre(Pair(K::kCuit, "20-5.123.456-2")));
  EXPECT_THAT(Find("CUIL: 20 30123456 3, gracias"), ElementsAre(Pair(K::kCuit, "20 30123456 3")));
  EXPECT_THAT(FindNumbers("20 12345678 5"), IsEmpty());
  EXPECT_THAT(FindNumbers("AB20-12345678-6"), IsEmpty());
  EXPECT_THAT(FindNumbers("CUIT20-12345678-6"), ElementsAre(Pair(K::kCuit, "20-12345678-6")));
  EXPECT_THAT(FindNumbers("21 12345678 6"), IsEmpty());
}

TEST(CuitTest, TakesAnyGroupingAndTypingErrorsAfterTheWordsThatSayCuit) {
  EXPECT_THAT(Find("CUIT 20 123 456 786"), ElementsAre(Pair(K::kCuit, "20 123 456 786")));
  EXPECT_THAT(Find("C.U.I.T. 20-12345678-5"), ElementsAre(Pair(K::kCuit, "20-12345678-5")));
  EXPECT_THAT(Find("CUIT/CUIL nº 20.123.456.786"), ElementsAre(Pair(K::kCuit, "20.123.456.786")));
  // Not without the words, nor under a prefix that is no CUIT's.
  EXPECT_THAT(FindNumbers("Lote 20 123 456 786"), IsEmpty());
  EXPECT_THAT(FindNumbers("CUIT 21-12345678-5"), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// DNI.

TEST(DniTest, CountsNumbersInADniColumn) {
  EXPECT_THAT(Find("12.345.678", kDniColumn), ElementsAre(Pair(K::kDni, "12.345.678")));
  EXPECT_THAT(Find("12345678", kDniColumn), ElementsAre(Pair(K::kDni, "12345678")));
  EXPECT_THAT(Find("1.234.567", kDniColumn), ElementsAre(Pair(K::kDni, "1.234.567")));
  EXPECT_THAT(Find("7654321", kDniColumn), ElementsAre(Pair(K::kDni, "7654321")));
}

TEST(DniTest, CountsNumbersAfterTheWordsThatAnnounceThem) {
  EXPECT_THAT(Find("DNI 12.345.678"), ElementsAre(Pair(K::kDni, "12.345.678")));
  EXPECT_THAT(Find("D.N.I. 23456789"), ElementsAre(Pair(K::kDni, "23456789")));
  EXPECT_THAT(Find("documento: 30123456"), ElementsAre(Pair(K::kDni, "30123456")));
  EXPECT_THAT(Find("Doc. 7654321"), ElementsAre(Pair(K::kDni, "7654321")));
  EXPECT_THAT(Find("dni nº 30.123.456, domicilio en Rosario"),
              ElementsAre(Pair(K::kDni, "30.123.456")));
}

TEST(DniTest, LeavesNumbersWithoutContextAlone) {
  EXPECT_THAT(Find("12.345.678"), IsEmpty());
  EXPECT_THAT(Find("12345678"), IsEmpty());
  EXPECT_THAT(Find("Población total: 12.345.678 habitantes"), IsEmpty());
  EXPECT_THAT(Find("Dnipro 12345678"), IsEmpty());
}

TEST(DniTest, RefusesOtherLengths) {
  EXPECT_THAT(Find("123456", kDniColumn), IsEmpty());
  EXPECT_THAT(Find("123456789", kDniColumn), IsEmpty());
  EXPECT_THAT(Find("123.456.789", kDniColumn), IsEmpty());
  EXPECT_THAT(Find("12.345.678.901", kDniColumn), IsEmpty());
}

TEST(DniTest, FindsTheKeywordSpeltOutAbbreviatedOrAfterTheNumber) {
  EXPECT_THAT(Find("Documento Nacional de Identidad 6.734.131"),
              ElementsAre(Pair(K::kDni, "6.734.131")));
  EXPECT_THAT(Find("Documento Nacional de Identidad N° 6.734.131"),
              ElementsAre(Pair(K::kDni, "6.734.131")));
  EXPECT_THAT(Find("N° de documento: 30123456"), ElementsAre(Pair(K::kDni, "30123456")));
  EXPECT_THAT(Find("mi número de documento es el 30.123.456"),
              ElementsAre(Pair(K::kDni, "30.123.456")));
  EXPECT_THAT(Find("D.N.I. Nº 30.123.456"), ElementsAre(Pair(K::kDni, "30.123.456")));
  EXPECT_THAT(Find("L.E. 4.567.890"), ElementsAre(Pair(K::kDni, "4.567.890")));
  EXPECT_THAT(Find("His national ID number is 30123456."), ElementsAre(Pair(K::kDni, "30123456")));
  EXPECT_THAT(Find("12.345.678 (DNI)"), ElementsAre(Pair(K::kDni, "12.345.678")));
  EXPECT_THAT(Find("30123456 es mi DNI"), ElementsAre(Pair(K::kDni, "30123456")));
  // "ID" alone only for the thousands dotted, as the DNI is written.
  EXPECT_THAT(Find("ID: 30.123.456 en el formulario"), ElementsAre(Pair(K::kDni, "30.123.456")));
  EXPECT_THAT(FindNumbers("Order ID 30123456"), IsEmpty());
}

TEST(DniTest, FindsThousandsSetApartBySpaces) {
  EXPECT_THAT(Find("DNI 30 123 456"), ElementsAre(Pair(K::kDni, "30 123 456")));
  EXPECT_THAT(Find("DNI 30\u00a0123\u00a0456"), ElementsAre(Pair(K::kDni, "30\u00a0123\u00a0456")));
  EXPECT_THAT(Find("30 123 456", kDniColumn), ElementsAre(Pair(K::kDni, "30 123 456")));
  EXPECT_THAT(Find("DNI 30.123 456"),
              ::testing::Not(::testing::Contains(Pair(K::kDni, "30.123 456"))));
}

TEST(DniTest, FindsHyphenatedThousandsAndTheOldLibretas) {
  EXPECT_THAT(Find("DNI 30-123-456"), ElementsAre(Pair(K::kDni, "30-123-456")));
  EXPECT_THAT(Find("LE 4.123.456"), ElementsAre(Pair(K::kDni, "4.123.456")));
  EXPECT_THAT(Find("LC: 4.123.456"), ElementsAre(Pair(K::kDni, "4.123.456")));
  // In lower case "le" is a pronoun; glued to a word, "LE" is part of it.
  EXPECT_THAT(FindNumbers("le dieron 4.123.456 pesos"), IsEmpty());
  EXPECT_THAT(FindNumbers("SALE 4.123.456"), IsEmpty());
  EXPECT_THAT(FindNumbers("pedido 30-123-456"), IsEmpty());
}

TEST(DniTest, LeavesAmountsAndOtherNumbersNearTheWordsAlone) {
  EXPECT_THAT(FindNumbers("Según el documento, se gastaron 1.234.567,50 pesos"), IsEmpty());
  EXPECT_THAT(FindNumbers("El documento cita 12.345.678.901 casos"), IsEmpty());
  EXPECT_THAT(FindNumbers("Expediente 12345/2021, legajo 1234567."), IsEmpty());
  EXPECT_THAT(FindNumbers("Order ID: 30123456"), IsEmpty());
  EXPECT_THAT(FindNumbers("He paid 30,123,456 pesos."), IsEmpty());
}

TEST(DniTest, FindsSpanishDniAndNieByTheirCheckLetter) {
  for (std::string_view id :
       {"12345678Z", "12345678z", "12345678-Z", "12.345.678-Z", "12345678 Z", "X1234567L",
        "x1234567l", "X-1234567-L", "X 1234567 L", "Y1234567X", "Z1234567R"}) {
    EXPECT_THAT(Find(id), ElementsAre(Pair(K::kDni, std::string(id)))) << id;
  }
  EXPECT_THAT(Find("Mi NIE es X1234567L, gracias."), ElementsAre(Pair(K::kDni, "X1234567L")));
}

TEST(DniTest, FindsTheLetterTypedApartInLowerCase) {
  // After the words that say DNI or NIE, or ending the sentence.
  EXPECT_THAT(Find("nie nº x 1234567 l"), ElementsAre(Pair(K::kDni, "x 1234567 l")));
  EXPECT_THAT(Find("mi dni es 12345678 z y vivo en Caballito"),
              ElementsAre(Pair(K::kDni, "12345678 z")));
  EXPECT_THAT(Find("Quiero hacer un reclamo. 12345678 z"),
              ElementsAre(Pair(K::kDni, "12345678 z")));
  EXPECT_THAT(Find("Titular: 12345678 z."), ElementsAre(Pair(K::kDni, "12345678 z")));
  // A word or a unit without them: "y" (and), "m" (metres).
  EXPECT_THAT(FindNumbers("12345669 m"), IsEmpty());  // M is its check letter
  EXPECT_THAT(FindNumbers("x 1234567 l"), IsEmpty());
}

TEST(DniTest, RefusesSpanishLettersThatAreWrongOrWords) {
  EXPECT_THAT(FindNumbers("12345678A"), IsEmpty());
  EXPECT_THAT(FindNumbers("X1234567A"), IsEmpty());
  EXPECT_THAT(FindNumbers("W1234567L"), IsEmpty());
  EXPECT_THAT(FindNumbers("12345678ZA"), IsEmpty());
  // Lower case apart from the digits is a word: "a", "y".
  EXPECT_THAT(FindNumbers("Pagué 12345678 z Juan"), IsEmpty());
  EXPECT_THAT(FindNumbers("tengo 3 y 1234567 X"), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Latin America's national IDs, as Spanish speakers from the region write them in Buenos Aires
// and elsewhere: Chile's RUT, Uruguay's cédula, Colombia's and Venezuela's cédulas, Argentina's
// DU, Mexico's CURP and clave de elector.

// The national IDs Scan finds in `value`.
std::vector<std::string> FindNationalIds(std::string_view value) {
  std::vector<std::string> found;
  for (auto& [kind, text] : Find(value)) {
    if (kind == K::kNationalId) found.push_back(text);
  }
  return found;
}

TEST(LatinAmericanIdTest, FindsRutsAndUruguayanCedulasPrintedWithTheirCheckDigit) {
  for (std::string_view id : {"12.345.678-5", "9.876.543-3", "7.654.321-6", "10.000.013-K",
                              "10.000.013-k", "1.234.567-2", "4.567.890-5"}) {
    EXPECT_THAT(FindNationalIds(id), ElementsAre(std::string(id))) << id;
  }
  EXPECT_THAT(FindNationalIds("Hola, mi RUT es 15.234.987-4 y vivo en Palermo."),
              ElementsAre("15.234.987-4"));
  // In one run only after the words; after them, any check digit (people mistype it).
  EXPECT_THAT(FindNationalIds("RUN 12345678-5"), ElementsAre("12345678-5"));
  EXPECT_THAT(FindNationalIds("rut: 9.876.543-9"), ElementsAre("9.876.543-9"));
  EXPECT_THAT(FindNationalIds("C.I. 3.012.345-7"), ElementsAre("3.012.345-7"));
}

TEST(LatinAmericanIdTest, LeavesWrongCheckDigitsAndLongerNumbersAlone) {
  EXPECT_THAT(FindNationalIds("El expediente 12.345.678-9 quedó archivado."), IsEmpty());
  EXPECT_THAT(FindNationalIds("pedido 12345678-5 enviado"), IsEmpty());
  EXPECT_THAT(FindNationalIds("lote 12.345.678-56"), IsEmpty());
  EXPECT_THAT(FindNationalIds("ref 12.345.678-5-A"), IsEmpty());
  EXPECT_THAT(FindNationalIds("código X12.345.678-5"), IsEmpty());
  // A CUIT holds a DNI between hyphens: it stays a CUIT.
  EXPECT_THAT(FindNationalIds("CUIT 20-12345678-6"), IsEmpty());
}

TEST(LatinAmericanIdTest, FindsCedulasAndTheDuAfterTheWords) {
  EXPECT_THAT(FindNationalIds("C.C. 1.023.456.789"), ElementsAre("1.023.456.789"));
  EXPECT_THAT(FindNationalIds("cédula de ciudadanía 1023456789 de Bogotá"),
              ElementsAre("1023456789"));
  EXPECT_THAT(FindNationalIds("mi cédula es V-12.345.678"), ElementsAre("V-12.345.678"));
  EXPECT_THAT(FindNationalIds("cédula E 84.123.456"), ElementsAre("E 84.123.456"));
  EXPECT_THAT(FindNationalIds("C.I. V12345678"), ElementsAre("V12345678"));
  EXPECT_THAT(Find("DU 30123456"), ElementsAre(Pair(K::kDni, "30123456")));
  EXPECT_THAT(Find("D.U. 30.123.456"), ElementsAre(Pair(K::kDni, "30.123.456")));
  // Without the words, or in lower case where "du" is French, or cubic centimetres.
  EXPECT_THAT(FindNationalIds("Bogotá tiene 7.968.095 habitantes"), IsEmpty());
  EXPECT_THAT(FindNumbers("le prix du 30123456"), IsEmpty());
  EXPECT_THAT(FindNationalIds("El motor de 1200 cc rinde 110 km"), IsEmpty());
  EXPECT_THAT(FindNationalIds("cédula V-12.345.678.901"), IsEmpty());
}

TEST(LatinAmericanIdTest, FindsMexicanCurpsAndVoterKeysByTheirStructure) {
  EXPECT_THAT(FindNationalIds("CURP GOMC800101HDFRRL09"), ElementsAre("GOMC800101HDFRRL09"));
  EXPECT_THAT(FindNationalIds("Hola, soy Carla (GOMC800101MJCRRLA9)."),
              ElementsAre("GOMC800101MJCRRLA9"));
  EXPECT_THAT(FindNationalIds("clave de elector GMCRRL80010109H400"),
              ElementsAre("GMCRRL80010109H400"));
  // An impossible date or state, a vowel where the name's consonants go, a code run on.
  EXPECT_THAT(FindNationalIds("GOMC801301HDFRRL09"), IsEmpty());
  EXPECT_THAT(FindNationalIds("GOMC800101HXXRRL09"), IsEmpty());
  EXPECT_THAT(FindNationalIds("GOMC800101HDFARL09"), IsEmpty());
  EXPECT_THAT(FindNationalIds("GOMC800101HDFRRL09X"), IsEmpty());
  EXPECT_THAT(FindNationalIds("Código de producto ABCDEF12345678H123"), IsEmpty());
  EXPECT_THAT(FindNationalIds("gomc800101hdfrrl09"), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// CBU.

TEST(CbuTest, FindsValidNumbers) {
  EXPECT_THAT(Find("0170099220000067797370"), ElementsAre(Pair(K::kCbu, "0170099220000067797370")));
  EXPECT_THAT(Find("2850590940090418135201"), ElementsAre(Pair(K::kCbu, "2850590940090418135201")));
  EXPECT_THAT(Find("01700992 20000067797370"),
              ElementsAre(Pair(K::kCbu, "01700992 20000067797370")));
}

TEST(CbuTest, RefusesWrongCheckDigitsInEitherBlock) {
  EXPECT_THAT(Find("0170099120000067797370"), IsEmpty());
  EXPECT_THAT(Find("0170099220000067797371"), IsEmpty());
  EXPECT_THAT(Find("01700992200000677973700"), IsEmpty());  // 23 digits
}

TEST(CbuTest, FindsNumbersInSpanishText) {
  EXPECT_THAT(Find("Transferir a la CBU 0170099220000067797370 antes del viernes."),
              ElementsAre(Pair(K::kCbu, "0170099220000067797370")));
}

TEST(CbuTest, FindsNumbersInFoursAndInTheirParts) {
  for (std::string_view cbu :
       {"0170 0992 2000 0067 7973 70", "017 0099 2 2000006779737 0", "01700992-20000067797370",
        "01700992\u00a020000067797370", "0000003110001234567898"}) {
    EXPECT_THAT(Find(cbu), ElementsAre(Pair(K::kCbu, std::string(cbu)))) << cbu;
  }
  EXPECT_THAT(FindNumbers("0170 0992 2000 0067 7973 71"), IsEmpty());
  EXPECT_THAT(FindNumbers("0170 0992-2000 0067 7973 70"), IsEmpty());  // mixed separators
}

// ---------------------------------------------------------------------------------------------
// IBAN.

TEST(IbanTest, FindsPrintedAndCompactIbans) {
  for (std::string_view iban :
       {"DK50 0040 0440 1162 43", "DK5000400440116243", "GB82 WEST 1234 5698 7654 32",
        "DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606",
        "ES91 2100 0418 4502 0005 1332", "NL91 ABNA 0417 1643 00", "NO93 8601 1117 947"}) {
    EXPECT_THAT(Find(iban), ElementsAre(Pair(K::kIban, std::string(iban)))) << iban;
  }
}

TEST(IbanTest, RefusesWrongChecksumsLengthsAndCountries) {
  EXPECT_THAT(Find("DK50 0040 0440 1162 44"), IsEmpty());
  EXPECT_THAT(Find("DK50 0040 0440 1162 4"), IsEmpty());
  EXPECT_THAT(Find("DK50004004401162430"), IsEmpty());
  EXPECT_THAT(Find("AR280170099220000067"), IsEmpty());  // mod 97 is 1, but AR has no IBAN
}

TEST(IbanTest, StopsAtTheRegisteredLengthInText) {
  EXPECT_THAT(Find("Beløbet overføres til DK50 0040 0440 1162 43 senest fredag."),
              ElementsAre(Pair(K::kIban, "DK50 0040 0440 1162 43")));
  // Spain's 24 characters end a group of four: the next word is not taken in.
  EXPECT_THAT(Find("ES91 2100 0418 4502 0005 1332 Madrid"),
              ElementsAre(Pair(K::kIban, "ES91 2100 0418 4502 0005 1332")));
}

TEST(IbanTest, FindsLowerCaseAndOtherGroupings) {
  for (std::string_view iban :
       {"dk50 0040 0440 1162 43", "gb82 west 1234 5698 7654 32", "DK50-0040-0440-1162-43",
        "DK50\u00a00040\u00a00440\u00a01162\u00a043", "DK50 0040 044011 6243",
        "DK 50 0040 0440 1162 43", "MT84 MALT 0110 0001 2345 MTLC AST0 01S"}) {
    EXPECT_THAT(Find(iban), ElementsAre(Pair(K::kIban, std::string(iban)))) << iban;
  }
  EXPECT_THAT(FindNumbers("dk50 0040 0440 1162 44"), IsEmpty());
}

TEST(IbanTest, LeavesUkVatNumbersCodesAndProseAlone) {
  for (std::string_view text :
       {"VAT reg. GB 910 7714 31", "VAT number GB910771431", "VAT: GB 123 4567 89",
        "ISBN 978-87-02-12345-6", "Tracking 1Z999AA10123456784", "DK-2100 København Ø",
        // Lower case, the words after the check digits are prose, not the BBAN.
        "de10 casas en la calle mayor", "de 10 casas en la calle mayor"}) {
    EXPECT_THAT(FindNumbers(text), IsEmpty()) << text;
  }
}

TEST(NumbersTest, ScanHostileInputInLinearTime) {
  // The number detectors read digits in groups and try every few consecutive groups: each unit
  // repeated to 64 KiB and to 512 KiB must take about eight times as long, not sixty-four.
  const std::string_view units[] = {
      "1 ",         "12.12.12.12.12 ", "010190 1234 ", "1.234.567 ", "DNI N° ",
      "１",         "X1234567L ",      "1-",           "0170 ",      "DK50 ",
      "cpr ",       "身份证号是",      "12345678Z",    "7",          "20 12345678 6 ",
      "de N° ",     "1 234 ",          "１　",         "dk50 0040 ", "0101901234",
      "CUIT 20 1 ",
  };
  double slowest = 0;
  for (std::string_view unit : units) {
    double seconds[2];
    for (int k = 0; k < 2; ++k) {
      std::string text;
      const std::size_t size = (k == 0 ? 64u : 512u) << 10;
      while (text.size() < size) text += unit;
      // This thread's CPU time, the best of three: on a busy machine other processes take
      // wall-clock time, not the scanner's CPU time.
      seconds[k] = 1e9;
      for (int pass = 0; pass < 3; ++pass) {
        std::vector<Finding> findings;
        const double start = ThreadCpuSeconds();
        Scanner().Scan(text, kDniColumn, findings);
        seconds[k] = std::min(seconds[k], ThreadCpuSeconds() - start);
      }
    }
    EXPECT_LT(seconds[1], 24 * seconds[0] + 0.05)
        << "'" << unit << "' repeated: " << seconds[0] << " s for 64 KiB, " << seconds[1]
        << " s for 512 KiB";
    slowest = std::max(slowest, seconds[1]);
  }
  std::printf("slowest hostile number input: %.1f MB/s\n", 0.5 * 1.048576 / slowest);
}

// ---------------------------------------------------------------------------------------------
// E-mail.

TEST(EmailTest, FindsAddressesWithUnicodeLetters) {
  EXPECT_THAT(Find("susanne.møller49@example.dk"),
              ElementsAre(Pair(K::kEmail, "susanne.møller49@example.dk")));
  EXPECT_THAT(Find("jens+nyhed@københavn.dk"),
              ElementsAre(Pair(K::kEmail, "jens+nyhed@københavn.dk")));
  EXPECT_THAT(Find("a@example.com"), ElementsAre(Pair(K::kEmail, "a@example.com")));
}

TEST(EmailTest, FindsAddressesInTextWithoutTrailingPunctuation) {
  EXPECT_THAT(Find("Skriv til susanne.møller49@example.dk."),
              ElementsAre(Pair(K::kEmail, "susanne.møller49@example.dk")));
  EXPECT_THAT(Find("Mail: <jens@kommune.dk>"), ElementsAre(Pair(K::kEmail, "jens@kommune.dk")));
  EXPECT_THAT(Find("请发邮件到wang.wei@example.cn。谢谢"),
              ElementsAre(Pair(K::kEmail, "wang.wei@example.cn")));
  EXPECT_THAT(Find("a.b@x.dk, c.d@y.dk"),
              ElementsAre(Pair(K::kEmail, "a.b@x.dk"), Pair(K::kEmail, "c.d@y.dk")));
}

TEST(EmailTest, RefusesHandlesAndIncompleteAddresses) {
  for (std::string_view text : {"@handle", "follow @kbh_kommune", "a@b", "user@localhost", "a@b.c",
                                "x@1.23", "@example.dk", "a@.dk", "a@-x.dk", "meet @ 10.30"}) {
    EXPECT_THAT(Find(text), IsEmpty()) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers.

TEST(PhoneTest, FindsValidInternationalNumbersAlways) {
  for (std::string_view number :
       {"+45 71 22 15 25", "0045 71 22 15 25", "+4571221525", "+86 138 0013 8000",
        "+54 9 11 1234-5678", "+44 (0)20 7946 0958", "+1 202 456 1111"}) {
    EXPECT_THAT(Find(number), ElementsAre(Pair(K::kPhone, std::string(number)))) << number;
  }
}

TEST(PhoneTest, TakesMerelyPossibleInternationalNumbersOnlyWhenSaidToBePhones) {
  // Danish numbers do not start with 1: not valid, but of a possible length.
  EXPECT_THAT(Find("+45 12 34 56 78"), IsEmpty());
  EXPECT_THAT(Find("+45 12 34 56 78", kPhoneColumn),
              ElementsAre(Pair(K::kPhone, "+45 12 34 56 78")));
  EXPECT_THAT(Find("mobil: +45 12 34 56 78"), ElementsAre(Pair(K::kPhone, "+45 12 34 56 78")));
}

TEST(PhoneTest, FindsBareNationalNumbersInAPhoneColumn) {
  EXPECT_THAT(Find("71221525", kPhoneColumn), ElementsAre(Pair(K::kPhone, "71221525")));
  EXPECT_THAT(Find("20231105", kPhoneColumn), ElementsAre(Pair(K::kPhone, "20231105")));
  EXPECT_THAT(Find("13800138000", kPhoneColumn), ElementsAre(Pair(K::kPhone, "13800138000")));
}

TEST(PhoneTest, FindsNationalNumbersAfterWordsThatSayPhone) {
  EXPECT_THAT(Find("Ring til mig på 71221525 i morgen"), ElementsAre(Pair(K::kPhone, "71221525")));
  EXPECT_THAT(Find("tlf. 71221525"), ElementsAre(Pair(K::kPhone, "71221525")));
  EXPECT_THAT(Find("Telefon: 33 12 34 56"), ElementsAre(Pair(K::kPhone, "33 12 34 56")));
  EXPECT_THAT(Find("Podés llamar al 1143215678 de 9 a 18"),
              ElementsAre(Pair(K::kPhone, "1143215678")));
  EXPECT_THAT(Find("联系电话：13800138000"), ElementsAre(Pair(K::kPhone, "13800138000")));
}

TEST(PhoneTest, FindsNationalNumbersWrittenWithPhoneGrouping) {
  EXPECT_THAT(Find("71 22 15 25"), ElementsAre(Pair(K::kPhone, "71 22 15 25")));
  EXPECT_THAT(Find("(011) 4321-5678"), ElementsAre(Pair(K::kPhone, "(011) 4321-5678")));
  EXPECT_THAT(Find("138 0013 8000"), ElementsAre(Pair(K::kPhone, "138 0013 8000")));
  // A lone given name is not a finding; the number is.
  EXPECT_THAT(Find("Susanne har nummer 71 22 15 25."), ElementsAre(Pair(K::kPhone, "71 22 15 25")));
}

TEST(PhoneTest, LeavesIntegersDatesAmountsAndCodesAlone) {
  for (std::string_view text :
       {"20231105", "12345678", "9000", "2100", "2024", "2024-05-01", "01.05.2024", "1/5/2024",
        "1.234.567 kr", "1 234 567", "2019-2024", "978-3-16-148410-0", "0-306-40615-2",
        "3.14159265", "kl. 10.00-12.00", "Forbrug 2023: 12345678 kWh", "12:30:45", "ID12345678"}) {
    EXPECT_THAT(Find(text), IsEmpty()) << text;
  }
}

TEST(PhoneTest, TriesOnlyTheConfiguredRegionsForNationalNumbers) {
  const IdentifierScanner danish(ScanOptions{.phone_regions = {"DK", "XX"}});
  EXPECT_THAT(Find("138 0013 8000", {}, danish), IsEmpty());
  EXPECT_THAT(Find("71 22 15 25", {}, danish), ElementsAre(Pair(K::kPhone, "71 22 15 25")));
  EXPECT_THAT(Find("+86 138 0013 8000", {}, danish),
              ElementsAre(Pair(K::kPhone, "+86 138 0013 8000")));
}

TEST(PhoneTest, FindsNumbersInFreeText) {
  EXPECT_THAT(Find("Hej, jeg hedder Susanne Møller og mit nummer er +45 71 22 15 25."),
              ElementsAre(Pair(K::kName, "Susanne Møller"), Pair(K::kPhone, "+45 71 22 15 25")));
  EXPECT_THAT(Find("请拨打+86 138 0013 8000联系我"),
              ElementsAre(Pair(K::kPhone, "+86 138 0013 8000")));
  EXPECT_THAT(
      Find("Llamá al +54 9 11 1234-5678 o al 0054 9 11 1234-5678"),
      ElementsAre(Pair(K::kPhone, "+54 9 11 1234-5678"), Pair(K::kPhone, "0054 9 11 1234-5678")));
}

// ---------------------------------------------------------------------------------------------
// Names.

TEST(NameTest, FindsGivenNameAndSurname) {
  EXPECT_THAT(Find("Susanne Møller"), ElementsAre(Pair(K::kName, "Susanne Møller")));
  EXPECT_THAT(Find("Camilla Pedersen"), ElementsAre(Pair(K::kName, "Camilla Pedersen")));
  EXPECT_THAT(Find("Anne Mette Nielsen"), ElementsAre(Pair(K::kName, "Anne Mette Nielsen")));
  EXPECT_THAT(Find("Anne-Marie Østergaard"), ElementsAre(Pair(K::kName, "Anne-Marie Østergaard")));
  EXPECT_THAT(Find("Juan de la Cruz"), ElementsAre(Pair(K::kName, "Juan de la Cruz")));
  EXPECT_THAT(Find("Lucía García"), ElementsAre(Pair(K::kName, "Lucía García")));
  EXPECT_THAT(Find("Aisha Ali"), ElementsAre(Pair(K::kName, "Aisha Ali")));
}

TEST(NameTest, IgnoresCaseOfDanishLetters) {
  EXPECT_THAT(Find("SØREN ØSTERGAARD"), ElementsAre(Pair(K::kName, "SØREN ØSTERGAARD")));
  EXPECT_THAT(Find("søren østergaard"), ElementsAre(Pair(K::kName, "søren østergaard")));
  EXPECT_THAT(Find("  ida jensen "), ElementsAre(Pair(K::kName, "ida jensen")));
}

TEST(NameTest, FindsSurnameFirstForms) {
  EXPECT_THAT(Find("Møller, Susanne"), ElementsAre(Pair(K::kName, "Møller, Susanne")));
  EXPECT_THAT(Find("Abildskov, Hanne"), ElementsAre(Pair(K::kName, "Abildskov, Hanne")));
  EXPECT_THAT(Find("Wang Wei"), ElementsAre(Pair(K::kName, "Wang Wei")));
  EXPECT_THAT(Find("联系人：Wang Wei"), ElementsAre(Pair(K::kName, "Wang Wei")));
}

TEST(NameTest, FindsNamesInsideText) {
  EXPECT_THAT(Find("Susanne Møller called about the bins"),
              ElementsAre(Pair(K::kName, "Susanne Møller")));
  EXPECT_THAT(Find("La vecina María González llamó ayer."),
              ElementsAre(Pair(K::kName, "María González")));
  EXPECT_THAT(Find("I talked to Dr. Jens Hansen yesterday"),
              ElementsAre(Pair(K::kName, "Jens Hansen")));
  EXPECT_THAT(Find("Borgeren (Peter Madsen) klagede over støj; Søren Jensen også."),
              ElementsAre(Pair(K::kName, "Peter Madsen"), Pair(K::kName, "Søren Jensen")));
}

TEST(NameTest, LeavesLoneNamesAndCommonWordsAlone) {
  for (std::string_view text :
       {"May", "Bo", "Rose", "Sofie", "Søren", "May Day parade", "Rose Garden", "Victoria Park",
        "Hong Kong", "Indre By", "Amager Øst", "Vesterbro/Kongens Enghave", "bicycle",
        "anne went home", "We met in Copenhagen, Anne and I", "Bo Concept", "Per Capita",
        "Mercedes Benz", "Santiago Bernabéu"}) {
    EXPECT_THAT(Find(text), IsEmpty()) << text;
  }
}

TEST(NameTest, TakesAmbiguousGivenNamesBeforeAKnownName) {
  EXPECT_THAT(Find("May Jensen"), ElementsAre(Pair(K::kName, "May Jensen")));
  EXPECT_THAT(Find("Bo Nielsen"), ElementsAre(Pair(K::kName, "Bo Nielsen")));
  EXPECT_THAT(Find("Rose Marie Nielsen"), ElementsAre(Pair(K::kName, "Rose Marie Nielsen")));
  EXPECT_THAT(Find("Li Na"), ElementsAre(Pair(K::kName, "Li Na")));
}

// ---------------------------------------------------------------------------------------------
// Several detectors, order, redaction, hostile input, threads.

TEST(ScanTest, ReportsNonOverlappingFindingsInOrderAndKeepsExistingOnes) {
  const std::string text =
      "Susanne Møller, susanne.møller49@example.dk, +45 71 22 15 25, 010190-1234";
  std::vector<Finding> findings = {{K::kName, 0, 0}};
  Scanner().Scan(text, {}, findings);
  ASSERT_EQ(findings.size(), 5u);
  EXPECT_EQ(findings[0], (Finding{K::kName, 0, 0}));
  EXPECT_EQ(findings[1].kind, K::kName);
  EXPECT_EQ(findings[2].kind, K::kEmail);
  EXPECT_EQ(findings[3].kind, K::kPhone);
  EXPECT_EQ(findings[4].kind, K::kCpr);
  for (std::size_t k = 2; k < findings.size(); ++k) {
    EXPECT_LE(findings[k - 1].end, findings[k].begin);
  }
}

TEST(ScanTest, FindsNothingInTheSurveysQuasiIdentifiers) {
  for (std::string_view cell : {"57", "F", "2400", "Bispebjerg", "5", "train", "11", "8539", "yes",
                                "Vesterbro/Kongens Enghave", "12098"}) {
    EXPECT_THAT(Find(cell), IsEmpty()) << cell;
  }
}

TEST(RedactTest, ReplacesEachFinding) {
  const std::string text = "Ring til Susanne Møller på +45 71 22 15 25 eller skriv";
  std::vector<Finding> findings;
  Scanner().Scan(text, {}, findings);
  EXPECT_EQ(IdentifierScanner::Redact(text, findings),
            "Ring til [removed] på [removed] eller skriv");
  EXPECT_EQ(IdentifierScanner::Redact("intet her", {}), "intet her");
  EXPECT_EQ(IdentifierScanner::Redact("010190-1234", {{K::kCpr, 0, 11}}), "[removed]");
}

TEST(ScanTest, SurvivesHostileInput) {
  const std::string hostile[] = {
      std::string("\xff\xfe\xc3", 3),
      std::string("Susanne \xc3", 9),
      std::string("M\xf8ller Susanne"),  // Latin-1, not UTF-8
      std::string("\xe2\x82", 2),
      std::string("a\0b@example.dk", 14),
      std::string(10000, '7'),
      std::string(10000, '@'),
      std::string(5000, ' ') + "+",
      "+",
      "(",
      "++45 71 22 15 25",
      "@.",
      "DK50",
      "",
  };
  for (const std::string& text : hostile) {
    std::vector<Finding> findings;
    Scanner().Scan(text, kPhoneColumn, findings);
    Scanner().Scan(text, kDniColumn, findings);
    for (const Finding& f : findings) {
      EXPECT_LT(f.begin, f.end);
      EXPECT_LE(f.end, text.size());
    }
  }
  EXPECT_THAT(Find(std::string(10000, '7'), kPhoneColumn), IsEmpty());
}

TEST(ScanTest, GivesTheSameAnswersFromSeveralThreads) {
  const std::vector<std::string> cells = {"Susanne Møller",
                                          "010190-1234",
                                          "susanne.møller49@example.dk",
                                          "+45 71 22 15 25",
                                          "Wang Wei, 11010519491231002X, +86 138 0013 8000",
                                          "DNI 12.345.678",
                                          "71 22 15 25"};
  std::vector<std::vector<Finding>> expected(cells.size());
  for (std::size_t k = 0; k < cells.size(); ++k) Scanner().Scan(cells[k], {}, expected[k]);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&cells, &expected, &mismatches, t] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t k = 0; k < cells.size(); ++k) {
          std::vector<Finding> got;
          Scanner().Scan(cells[k], {}, got);
          if (got != expected[k]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

}  // namespace
}  // namespace citynet::privacy
