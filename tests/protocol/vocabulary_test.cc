#include "protocol/vocabulary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace citynet::protocol {
namespace {

// Every string of two ASCII letters in the given case.
std::vector<std::string> AllTwoLetterCodes(char first_letter) {
  std::vector<std::string> codes;
  for (char a = first_letter; a < first_letter + 26; ++a) {
    for (char b = first_letter; b < first_letter + 26; ++b) codes.push_back({a, b});
  }
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Language tags.

// The ISO 639-1 codes, written out independently of the table under test.
constexpr std::string_view kExpectedIso639_1 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

// The ISO 3166-1 alpha-2 codes, written out independently of the table under test.
constexpr std::string_view kExpectedIso3166_1 =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM "
    "ZW";

std::set<std::string> Words(std::string_view text) {
  std::set<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    words.emplace(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

TEST(CheckLanguageTagTest, AcceptsWellFormedTags) {
  for (const char* tag : {"en",
                          "da",
                          "es",
                          "zh-Hans",
                          "zh-Hans-CN",
                          "en-GB",
                          "da-DK",
                          "es-419",
                          "sr-Latn-RS",
                          "de-CH-1996",
                          "sl-rozaj-biske",
                          "sl-IT-nedis",
                          "en-US-u-ca-gregory",
                          "en-a-bbb-b-ccc-x-a-b",
                          "en-x-private",
                          "en-GB-x-whatever-1",
                          "zh-yue",
                          "zh-yue-HK",
                          "zh-min-nan",
                          "ar-aao-abc-acm",
                          "eng",
                          "dan",
                          "qaa",
                          "art-lojban",
                          "hy-Latn-IT-arevela",
                          "en-Latn-GB-boont-r-extended-sequence-x-private",
                          "de-1901",
                          "de-DE-u-co-phonebk"}) {
    EXPECT_EQ(CheckLanguageTag(tag), std::nullopt) << tag;
  }
}

TEST(CheckLanguageTagTest, IgnoresCase) {
  for (const char* tag : {"EN", "En", "en-gb", "EN-GB", "ZH-HANS-CN", "zh-hans-cn", "ES-419",
                          "SL-ROZAJ", "EN-X-PRIVATE"}) {
    EXPECT_EQ(CheckLanguageTag(tag), std::nullopt) << tag;
  }
}

TEST(CheckLanguageTagTest, EmptyTag) {
  EXPECT_EQ(CheckLanguageTag(""),
            "language '' is empty: use a BCP 47 tag such as 'en', 'da', 'es' or 'zh-Hans'");
}

TEST(CheckLanguageTagTest, TwoLetterLanguagesAreExactlyIso639_1) {
  const std::set<std::string> expected = Words(kExpectedIso639_1);
  ASSERT_EQ(expected.size(), 184u);
  std::set<std::string> accepted;
  for (const std::string& code : AllTwoLetterCodes('a')) {
    if (!CheckLanguageTag(code)) accepted.insert(code);
  }
  EXPECT_EQ(accepted, expected);
}

TEST(CheckLanguageTagTest, UnknownTwoLetterLanguage) {
  EXPECT_EQ(CheckLanguageTag("xx"),
            "language 'xx' is not a BCP 47 tag: 'xx' is not an ISO 639 language code");
  EXPECT_EQ(CheckLanguageTag("qq-GB"),
            "language 'qq-GB' is not a BCP 47 tag: 'qq' is not an ISO 639 language code");
  // "in" is no longer Indonesian, and India has many languages: no suggestion.
  EXPECT_EQ(CheckLanguageTag("in"),
            "language 'in' is not a BCP 47 tag: 'in' is not an ISO 639 language code");
}

TEST(CheckLanguageTagTest, LongerPrimaryLanguagesAreNotRegistered) {
  EXPECT_EQ(CheckLanguageTag("abcd"),
            "language 'abcd' is not a BCP 47 tag: 'abcd' is not an ISO 639 language code");
  EXPECT_EQ(CheckLanguageTag("abcdefgh-GB"),
            "language 'abcdefgh-GB' is not a BCP 47 tag: 'abcdefgh' is not an ISO 639 language "
            "code");
}

TEST(CheckLanguageTagTest, SuggestsLanguageForCountryCode) {
  const std::vector<std::pair<std::string, std::string>> mistakes = {
      {"al", "sq"}, {"at", "de"}, {"by", "be"}, {"cn", "zh"}, {"cz", "cs"}, {"dk", "da"},
      {"dn", "da"}, {"gb", "en"}, {"ge", "ka"}, {"gr", "el"}, {"il", "he"}, {"ir", "fa"},
      {"jp", "ja"}, {"kz", "kk"}, {"mx", "es"}, {"rs", "sr"}, {"sp", "es"}, {"tj", "tg"},
      {"ua", "uk"}, {"us", "en"}, {"vn", "vi"},
  };
  for (const auto& [mistake, language] : mistakes) {
    EXPECT_EQ(CheckLanguageTag(mistake),
              "language '" + mistake + "' is not a BCP 47 tag: did you mean '" + language + "'?");
  }
  EXPECT_EQ(CheckLanguageTag("DK"), "language 'DK' is not a BCP 47 tag: did you mean 'da'?");
  EXPECT_EQ(CheckLanguageTag("dk-DK"),
            "language 'dk-DK' is not a BCP 47 tag: did you mean 'da-DK'?");
  EXPECT_EQ(CheckLanguageTag("jp-jp"),
            "language 'jp-jp' is not a BCP 47 tag: did you mean 'ja-JP'?");
  // When the suggestion would be invalid too, the first problem is named instead.
  EXPECT_EQ(CheckLanguageTag("dk-XY"),
            "language 'dk-XY' is not a BCP 47 tag: 'dk' is not an ISO 639 language code");
}

TEST(CheckLanguageTagTest, LanguageCodesThatLookLikeCountryCodesAreValid) {
  // Northern Sami, Sinhala, Ewe, Breton, Kanuri, Ukrainian, Arabic, Chamorro.
  for (const char* tag : {"se", "si", "ee", "br", "kr", "uk", "ar", "ch"}) {
    EXPECT_EQ(CheckLanguageTag(tag), std::nullopt) << tag;
  }
}

TEST(CheckLanguageTagTest, SuggestsTagForLanguageName) {
  EXPECT_EQ(CheckLanguageTag("English"),
            "language 'English' is not a BCP 47 tag: did you mean 'en'?");
  EXPECT_EQ(CheckLanguageTag("dansk"), "language 'dansk' is not a BCP 47 tag: did you mean 'da'?");
  EXPECT_EQ(CheckLanguageTag("Norwegian"),
            "language 'Norwegian' is not a BCP 47 tag: did you mean 'no'?");
}

TEST(CheckLanguageTagTest, SuggestsHyphenForUnderscore) {
  EXPECT_EQ(CheckLanguageTag("en_GB"),
            "language 'en_GB' is not a BCP 47 tag: did you mean 'en-GB'?");
  EXPECT_EQ(CheckLanguageTag("en_gb"),
            "language 'en_gb' is not a BCP 47 tag: did you mean 'en-GB'?");
  EXPECT_EQ(CheckLanguageTag("zh_hans_cn"),
            "language 'zh_hans_cn' is not a BCP 47 tag: did you mean 'zh-Hans-CN'?");
  EXPECT_EQ(CheckLanguageTag("da_DK"),
            "language 'da_DK' is not a BCP 47 tag: did you mean 'da-DK'?");
  EXPECT_EQ(CheckLanguageTag("en GB"),
            "language 'en GB' is not a BCP 47 tag: did you mean 'en-GB'?");
  EXPECT_EQ(CheckLanguageTag(" en "), "language ' en ' is not a BCP 47 tag: did you mean 'en'?");
  EXPECT_EQ(CheckLanguageTag("en_XY"),
            "language 'en_XY' is not a BCP 47 tag: subtags are separated by '-', not '_'");
}

TEST(CheckLanguageTagTest, RegionMustBeIso3166) {
  EXPECT_EQ(CheckLanguageTag("en-XY"),
            "language 'en-XY' is not a BCP 47 tag: 'XY' is not an ISO 3166 region");
  EXPECT_EQ(CheckLanguageTag("en-xy"),
            "language 'en-xy' is not a BCP 47 tag: 'xy' is not an ISO 3166 region");
  EXPECT_EQ(CheckLanguageTag("zh-Hant-QQ"),
            "language 'zh-Hant-QQ' is not a BCP 47 tag: 'QQ' is not an ISO 3166 region");
  EXPECT_EQ(CheckLanguageTag("en-UK"),
            "language 'en-UK' is not a BCP 47 tag: did you mean 'en-GB'?");
  EXPECT_EQ(CheckLanguageTag("el-EL"),
            "language 'el-EL' is not a BCP 47 tag: did you mean 'el-GR'?");
}

TEST(CheckLanguageTagTest, TwoLetterRegionsAreExactlyIso3166_1) {
  const std::set<std::string> expected = Words(kExpectedIso3166_1);
  ASSERT_EQ(expected.size(), 249u);
  std::set<std::string> accepted;
  for (const std::string& code : AllTwoLetterCodes('A')) {
    if (!CheckLanguageTag("en-" + code)) accepted.insert(code);
  }
  EXPECT_EQ(accepted, expected);
}

TEST(CheckLanguageTagTest, RejectsMalformedTags) {
  const std::string start = "it must start with a language code of 2 or 3 letters, such as 'en'";
  const std::string hyphens = "it has a '-' at the start or the end, or two in a row";
  const std::string order =
      "is not allowed here: the order is language, script, region, variants, extensions";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"e", start},
      {"1en", start},
      {"x-private", start},  // Private use only.
      {"i-klingon", start},  // Irregular grandfathered.
      {"abcdefghi", start},
      {"en-", hyphens},
      {"-en", hyphens},
      {"en--GB", hyphens},
      {"en.GB", "only letters, digits and '-' may be used"},
      {"en-GB!", "only letters, digits and '-' may be used"},
      {"en-abcdefghi", "subtag 'abcdefghi' is longer than 8 characters"},
      {"en-US-Latn", "subtag 'Latn' " + order},
      {"en-Latn-Latn", "subtag 'Latn' " + order},
      {"en-GB-US", "subtag 'US' " + order},
      {"en-GB-oed", "subtag 'oed' " + order},  // Irregular grandfathered.
      {"zh-abc-def-ghi-jkl", "subtag 'jkl' " + order},
      {"abcd-abc", "subtag 'abc' " + order},  // Extlangs only follow 2-3 letter languages.
      {"en-1996-GB", "subtag 'GB' " + order},
      {"en-u", "extension 'u' must be followed by subtags of 2 to 8 letters or digits"},
      {"en-u-a-bc", "extension 'u' must be followed by subtags of 2 to 8 letters or digits"},
      {"en-x", "private use 'x' must be followed by subtags of 1 to 8 letters or digits"},
      {"en-X", "private use 'X' must be followed by subtags of 1 to 8 letters or digits"},
      {"de-1996-1996", "variant '1996' appears twice"},
      {"sl-rozaj-ROZAJ", "variant 'ROZAJ' appears twice"},
      {"en-u-ca-gregory-U-nu-latn", "extension 'U' appears twice"},
  };
  for (const auto& [tag, reason] : cases) {
    EXPECT_EQ(CheckLanguageTag(tag), "language '" + tag + "' is not a BCP 47 tag: " + reason);
  }
}

TEST(CanonicalLanguageTagTest, AppliesRfc5646Case) {
  EXPECT_EQ(CanonicalLanguageTag("zh-hans-cn"), "zh-Hans-CN");
  EXPECT_EQ(CanonicalLanguageTag("EN-gb"), "en-GB");
  EXPECT_EQ(CanonicalLanguageTag("EN"), "en");
  EXPECT_EQ(CanonicalLanguageTag("es-419"), "es-419");
  EXPECT_EQ(CanonicalLanguageTag("SL-ROZAJ-BISKE"), "sl-rozaj-biske");
  EXPECT_EQ(CanonicalLanguageTag("DE-ch-1996"), "de-CH-1996");
  EXPECT_EQ(CanonicalLanguageTag("ZH-YUE-hk"), "zh-yue-HK");
  EXPECT_EQ(CanonicalLanguageTag("EN-LATN-US-U-CA-GREGORY"), "en-Latn-US-u-ca-gregory");
  // Nothing after a singleton changes case, even 2 and 4 letter subtags.
  EXPECT_EQ(CanonicalLanguageTag("EN-A-BBBB-X-AB-CDEF"), "en-a-bbbb-x-ab-cdef");
}

TEST(PrimaryLanguageTest, ReturnsLowerCaseFirstSubtag) {
  EXPECT_EQ(PrimaryLanguage("zh-Hans"), "zh");
  EXPECT_EQ(PrimaryLanguage("EN-GB"), "en");
  EXPECT_EQ(PrimaryLanguage("da"), "da");
  EXPECT_EQ(PrimaryLanguage("Eng"), "eng");
}

// ---------------------------------------------------------------------------------------------
// Country codes.

TEST(CheckCountryCodeTest, AcceptsExactlyIso3166_1InUpperCase) {
  const std::set<std::string> expected = Words(kExpectedIso3166_1);
  std::set<std::string> accepted;
  for (const std::string& code : AllTwoLetterCodes('A')) {
    if (!CheckCountryCode(code)) accepted.insert(code);
  }
  EXPECT_EQ(accepted, expected);
}

TEST(CheckCountryCodeTest, RequiresUpperCase) {
  EXPECT_EQ(CheckCountryCode("dk"), "country 'dk' must be upper case: 'DK'");
  EXPECT_EQ(CheckCountryCode("Dk"), "country 'Dk' must be upper case: 'DK'");
  EXPECT_EQ(CheckCountryCode("gB"), "country 'gB' must be upper case: 'GB'");
}

TEST(CheckCountryCodeTest, RejectsUnknownCodes) {
  EXPECT_EQ(CheckCountryCode("XX"), "country 'XX' is not an ISO 3166-1 alpha-2 code");
  EXPECT_EQ(CheckCountryCode("xx"), "country 'xx' is not an ISO 3166-1 alpha-2 code");
  EXPECT_EQ(CheckCountryCode("Denmark"), "country 'Denmark' is not an ISO 3166-1 alpha-2 code");
  EXPECT_EQ(CheckCountryCode("D"), "country 'D' is not an ISO 3166-1 alpha-2 code");
  EXPECT_EQ(CheckCountryCode(""),
            "country '' is empty: use an ISO 3166-1 alpha-2 code such as 'DK'");
}

TEST(CheckCountryCodeTest, SuggestsAlpha2ForCommonMistakes) {
  const std::vector<std::pair<std::string, std::string>> mistakes = {
      {"DNK", "DK"}, {"DEN", "DK"}, {"CHN", "CN"}, {"ARG", "AR"}, {"GBR", "GB"},
      {"UK", "GB"},  {"USA", "US"}, {"DEU", "DE"}, {"GER", "DE"}, {"FRA", "FR"},
      {"ESP", "ES"}, {"SWE", "SE"}, {"NOR", "NO"}, {"NLD", "NL"}, {"EL", "GR"},
      {"SUI", "CH"}, {"NED", "NL"}, {"RSA", "ZA"}, {"dnk", "DK"}, {"Usa", "US"},
  };
  for (const auto& [mistake, code] : mistakes) {
    EXPECT_EQ(CheckCountryCode(mistake), "country '" + mistake +
                                             "' is not an ISO 3166-1 alpha-2 code: did you mean '" +
                                             code + "'?");
  }
}

// ---------------------------------------------------------------------------------------------
// SDG goals and targets.

TEST(CheckSdgGoalTest, AcceptsOneToSeventeen) {
  for (int goal = 1; goal <= 17; ++goal) EXPECT_EQ(CheckSdgGoal(goal), std::nullopt) << goal;
}

TEST(CheckSdgGoalTest, RejectsOthers) {
  EXPECT_EQ(CheckSdgGoal(18), "sdg 18 is not one of the 17 UN goals");
  EXPECT_EQ(CheckSdgGoal(0), "sdg 0 is not one of the 17 UN goals");
  EXPECT_EQ(CheckSdgGoal(-3), "sdg -3 is not one of the 17 UN goals");
  EXPECT_EQ(CheckSdgGoal(100), "sdg 100 is not one of the 17 UN goals");
}

// The UN's targets per goal: the last numbered target and the last lettered one ('\0': none).
struct ExpectedGoal {
  int last_number;
  char last_letter;
};
constexpr ExpectedGoal kExpectedTargets[] = {
    {5, 'b'}, {5, 'c'}, {9, 'd'}, {7, 'c'}, {6, 'c'}, {6, 'b'}, {3, 'b'},  {10, 'b'},  {5, 'c'},
    {7, 'c'}, {7, 'c'}, {8, 'c'}, {3, 'b'}, {7, 'c'}, {9, 'c'}, {10, 'b'}, {19, '\0'},
};

TEST(CheckSdgTargetTest, AcceptsExactlyThe169Targets) {
  std::set<std::string> expected;
  for (int goal = 1; goal <= 17; ++goal) {
    const ExpectedGoal& targets = kExpectedTargets[goal - 1];
    for (int number = 1; number <= targets.last_number; ++number) {
      expected.insert(std::to_string(goal) + "." + std::to_string(number));
    }
    for (char letter = 'a'; targets.last_letter != '\0' && letter <= targets.last_letter;
         ++letter) {
      expected.insert(std::to_string(goal) + "." + letter);
    }
  }
  ASSERT_EQ(expected.size(), 169u);
  std::set<std::string> accepted;
  for (int goal = 0; goal <= 20; ++goal) {
    std::vector<std::string> items;
    for (int number = 0; number <= 25; ++number) items.push_back(std::to_string(number));
    for (char letter = 'a'; letter <= 'z'; ++letter) items.emplace_back(1, letter);
    for (const std::string& item : items) {
      const std::string target = std::to_string(goal) + "." + item;
      if (!CheckSdgTarget(target)) accepted.insert(target);
    }
  }
  EXPECT_EQ(accepted, expected);
}

TEST(CheckSdgTargetTest, UnknownTargetNamesTheGoalsTargets) {
  EXPECT_EQ(CheckSdgTarget("11.z"),
            "sdg target '11.z' does not exist: goal 11 has targets 11.1-11.7 and 11.a-11.c");
  EXPECT_EQ(CheckSdgTarget("11.8"),
            "sdg target '11.8' does not exist: goal 11 has targets 11.1-11.7 and 11.a-11.c");
  EXPECT_EQ(CheckSdgTarget("11.0"),
            "sdg target '11.0' does not exist: goal 11 has targets 11.1-11.7 and 11.a-11.c");
  EXPECT_EQ(CheckSdgTarget("3.e"),
            "sdg target '3.e' does not exist: goal 3 has targets 3.1-3.9 and 3.a-3.d");
  EXPECT_EQ(CheckSdgTarget("17.a"),
            "sdg target '17.a' does not exist: goal 17 has targets 17.1-17.19");
  EXPECT_EQ(CheckSdgTarget("17.20"),
            "sdg target '17.20' does not exist: goal 17 has targets 17.1-17.19");
  EXPECT_EQ(CheckSdgTarget("11.Z"),
            "sdg target '11.Z' does not exist: goal 11 has targets 11.1-11.7 and 11.a-11.c");
}

TEST(CheckSdgTargetTest, UnknownGoal) {
  EXPECT_EQ(CheckSdgTarget("18.1"), "sdg target '18.1' does not exist: there are 17 UN goals");
  EXPECT_EQ(CheckSdgTarget("0.1"), "sdg target '0.1' does not exist: there are 17 UN goals");
  EXPECT_EQ(CheckSdgTarget("99.a"), "sdg target '99.a' does not exist: there are 17 UN goals");
}

TEST(CheckSdgTargetTest, LettersAreLowerCase) {
  EXPECT_EQ(CheckSdgTarget("11.B"), "sdg target '11.B' must be lower case: '11.b'");
}

TEST(CheckSdgTargetTest, RejectsOtherForms) {
  for (const char* target :
       {"eleven", "", "11", "11.", ".1", "11.b.1", "11.ab", "11.-1", "+1.1", "08.1", "8.01",
        "100.1", "8.100", " 8.1", "8.1 ", "8,1", "11.2a", "é.1"}) {
    EXPECT_EQ(CheckSdgTarget(target),
              "sdg target '" + std::string(target) +
                  "' is not of the form GOAL.TARGET, such as '11.2' or '11.b'");
  }
}

TEST(SdgTargetGoalTest, ReturnsTheGoal) {
  EXPECT_EQ(SdgTargetGoal("11.b"), 11);
  EXPECT_EQ(SdgTargetGoal("8.10"), 8);
  EXPECT_EQ(SdgTargetGoal("17.19"), 17);
  EXPECT_EQ(SdgTargetGoal("1.1"), 1);
}

// ---------------------------------------------------------------------------------------------
// Slugs.

TEST(CheckSlugTest, AcceptsValidSlugs) {
  for (const char* slug : {"c40", "clean-tech", "a", "eurocities", "zero-waste-2030", "x1-2-3",
                           "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"}) {
    EXPECT_EQ(CheckSlug("network", slug), std::nullopt) << slug;
  }
}

TEST(CheckSlugTest, Empty) {
  EXPECT_EQ(CheckSlug("network", ""), "network '' is empty");
  EXPECT_EQ(CheckSlug("theme", ""), "theme '' is empty");
}

TEST(CheckSlugTest, MustBeLowerCase) {
  EXPECT_EQ(CheckSlug("network", "C40"), "network 'C40' must be lower case: 'c40'");
  EXPECT_EQ(CheckSlug("theme", "Clean-Tech"),
            "theme 'Clean-Tech' must be lower case: 'clean-tech'");
}

TEST(CheckSlugTest, OtherCharactersGetASuggestion) {
  EXPECT_EQ(CheckSlug("theme", "clean tech"),
            "theme 'clean tech' may only use a-z, 0-9 and '-': try 'clean-tech'");
  EXPECT_EQ(CheckSlug("theme", "Clean  Tech!"),
            "theme 'Clean  Tech!' may only use a-z, 0-9 and '-': try 'clean-tech'");
  EXPECT_EQ(CheckSlug("slug", "_air_quality_"),
            "slug '_air_quality_' may only use a-z, 0-9 and '-': try 'air-quality'");
  EXPECT_EQ(CheckSlug("slug", "a.b--c"),
            "slug 'a.b--c' may only use a-z, 0-9 and '-': try 'a-b-c'");
  EXPECT_EQ(CheckSlug("network",
                      "K\xC3\xB8"
                      "benhavn \xC3\x85rhus"),
            "network 'K\xC3\xB8"
            "benhavn \xC3\x85rhus' may only use a-z, 0-9 and '-': "
            "try 'kobenhavn-arhus'");
  EXPECT_EQ(CheckSlug("network",
                      "Stra\xC3\x9F"
                      "e"),
            "network 'Stra\xC3\x9F"
            "e' may only use a-z, 0-9 and '-': try 'strasse'");
}

TEST(CheckSlugTest, NoSuggestionWhenItWouldBeInvalid) {
  // Only non-ASCII letters: the suggestion would be empty.
  EXPECT_EQ(CheckSlug("theme", "\xE6\x97\xA5\xE6\x9C\xAC"),
            "theme '\xE6\x97\xA5\xE6\x9C\xAC' may only use a-z, 0-9 and '-'");
  EXPECT_EQ(CheckSlug("theme", "!!"), "theme '!!' may only use a-z, 0-9 and '-'");
  // The suggestion would start with a digit.
  EXPECT_EQ(CheckSlug("theme", "2030 goals"), "theme '2030 goals' may only use a-z, 0-9 and '-'");
  // The suggestion would be too long.
  const std::string long_value = std::string(70, 'a') + " b";
  EXPECT_EQ(CheckSlug("theme", long_value),
            "theme '" + long_value + "' may only use a-z, 0-9 and '-'");
}

TEST(CheckSlugTest, AtMost64Characters) {
  EXPECT_EQ(CheckSlug("slug", std::string(64, 'a')), std::nullopt);
  const std::string too_long(65, 'a');
  EXPECT_EQ(CheckSlug("slug", too_long), "slug '" + too_long + "' is longer than 64 characters");
}

TEST(CheckSlugTest, MustStartWithALetter) {
  EXPECT_EQ(CheckSlug("network", "1abc"), "network '1abc' must start with a letter");
  EXPECT_EQ(CheckSlug("network", "-abc"), "network '-abc' must start with a letter");
  EXPECT_EQ(CheckSlug("network", "-"), "network '-' must start with a letter");
}

TEST(CheckSlugTest, HyphenRules) {
  EXPECT_EQ(CheckSlug("theme", "abc-"), "theme 'abc-' must not end with '-': try 'abc'");
  EXPECT_EQ(CheckSlug("theme", "a--b"), "theme 'a--b' must not contain '--': try 'a-b'");
  EXPECT_EQ(CheckSlug("theme", "A---B-"), "theme 'A---B-' must not end with '-': try 'a-b'");
}

// ---------------------------------------------------------------------------------------------
// Licences.

TEST(CheckLicenceTest, AcceptsTheRequiredIdentifiers) {
  for (const char* id : {"CC0-1.0",
                         "CC-BY-4.0",
                         "CC-BY-SA-4.0",
                         "CC-BY-NC-4.0",
                         "CC-BY-ND-4.0",
                         "CC-BY-NC-SA-4.0",
                         "CC-BY-NC-ND-4.0",
                         "CC-BY-3.0",
                         "CC-BY-SA-3.0",
                         "ODbL-1.0",
                         "ODC-By-1.0",
                         "PDDL-1.0",
                         "OGL-UK-3.0",
                         "DL-DE-BY-2.0",
                         "DL-DE-ZERO-2.0",
                         "etalab-2.0",
                         "NLOD-2.0",
                         "MIT",
                         "Apache-2.0",
                         "GFDL-1.3-or-later",
                         "CC-BY-3.0-IGO",
                         "CC-PDDC",
                         "CDLA-Permissive-2.0",
                         "OGL-Canada-2.0",
                         "Unlicense"}) {
    EXPECT_EQ(CheckLicence(id), std::nullopt) << id;
  }
}

TEST(CheckLicenceTest, AcceptsLicenseRef) {
  EXPECT_EQ(CheckLicence("LicenseRef-city-of-aarhus"), std::nullopt);
  EXPECT_EQ(CheckLicence("LicenseRef-My.Licence-2"), std::nullopt);
}

TEST(CheckLicenceTest, SuggestsTheRightSpelling) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"cc-by-4.0", "CC-BY-4.0"},
      {"CC BY 4.0", "CC-BY-4.0"},
      {"cc_by_sa_4.0", "CC-BY-SA-4.0"},
      {"odbl-1.0", "ODbL-1.0"},
      {"ETALAB-2.0", "etalab-2.0"},
      {"mit", "MIT"},
      {"CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"},
      {" CC0-1.0 ", "CC0-1.0"},
      {"CC0", "CC0-1.0"},
      {"CC-BY", "CC-BY-4.0"},
      {"cc by sa", "CC-BY-SA-4.0"},
      {"ODbL", "ODbL-1.0"},
      {"licenseref-mine", "LicenseRef-mine"},
      {"LicenseRef-my licence", "LicenseRef-my-licence"},
  };
  for (const auto& [id, suggestion] : cases) {
    EXPECT_EQ(CheckLicence(id),
              "licence '" + id + "' is not an SPDX identifier: did you mean '" + suggestion + "'?");
  }
}

TEST(CheckLicenceTest, LicenseRefNeedsAName) {
  EXPECT_EQ(CheckLicence("LicenseRef-"),
            "licence 'LicenseRef-' is not an SPDX identifier: 'LicenseRef-' must be followed by a "
            "name of letters, digits, '.' and '-'");
  EXPECT_EQ(CheckLicence("LicenseRef-a/b"),
            "licence 'LicenseRef-a/b' is not an SPDX identifier: 'LicenseRef-' must be followed "
            "by a name of letters, digits, '.' and '-'");
}

TEST(CheckLicenceTest, RejectsOtherLicences) {
  for (const char* id : {"GPL-9", "GPL-3.0-only", "Proprietary", "CC-BY-5.0", "public domain"}) {
    EXPECT_EQ(CheckLicence(id),
              "licence '" + std::string(id) +
                  "' is not an SPDX identifier we accept for content and data: use one such as "
                  "'CC-BY-4.0', 'CC0-1.0' or 'ODbL-1.0', or 'LicenseRef-<name>' for your own");
  }
  EXPECT_EQ(CheckLicence(""),
            "licence '' is empty: use an SPDX identifier such as 'CC-BY-4.0', 'CC0-1.0' or "
            "'ODbL-1.0'");
}

// ---------------------------------------------------------------------------------------------
// Partial dates and periods.

TEST(CheckPartialDateTest, AcceptsRealDates) {
  for (const char* date : {"2023", "2023-01", "2023-12", "2023-01-31", "2024-02-29", "2000-02-29",
                           "2023-04-30", "1000", "1000-01-01", "9999-12-31"}) {
    EXPECT_EQ(CheckPartialDate("period start", date), std::nullopt) << date;
  }
}

TEST(CheckPartialDateTest, RejectsOtherForms) {
  for (const char* date : {"2023-13", "2023-00", "2023-00-10", "2023-13-01", "23", "20230",
                           "2023-1", "2023-1-1", "2023/01/01", "2023-01-01T00:00", "", "abcd",
                           "2023-", "2023-01-", "-2023", "+2023", "2023-01-1a", " 2023"}) {
    EXPECT_EQ(CheckPartialDate("coverage", date),
              "coverage '" + std::string(date) +
                  "' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
  }
}

TEST(CheckPartialDateTest, RejectsDaysThatDoNotExist) {
  for (const char* date : {"2023-02-29", "2023-02-30", "1900-02-29", "2100-02-29", "2023-04-31",
                           "2023-01-32", "2023-01-00", "2023-12-99"}) {
    EXPECT_EQ(CheckPartialDate("period end", date),
              "period end '" + std::string(date) + "' is not a real date");
  }
}

TEST(CheckPartialDateTest, RejectsYearsBefore1000) {
  EXPECT_EQ(CheckPartialDate("period start", "0999"),
            "period start '0999' is before the year 1000");
  EXPECT_EQ(CheckPartialDate("period start", "0000-01-01"),
            "period start '0000-01-01' is before the year 1000");
}

TEST(ComparePartialDatesTest, OrdersByFirstDayThenPrecision) {
  EXPECT_LT(ComparePartialDates("2019", "2019-01-02"), 0);
  EXPECT_GT(ComparePartialDates("2019-01-02", "2019"), 0);
  EXPECT_LT(ComparePartialDates("2019", "2019-01"), 0);
  EXPECT_LT(ComparePartialDates("2019-01", "2019-01-01"), 0);
  EXPECT_GT(ComparePartialDates("2019-01-01", "2019"), 0);
  EXPECT_LT(ComparePartialDates("2018-12-31", "2019"), 0);
  EXPECT_GT(ComparePartialDates("2019-02", "2019-01-31"), 0);
  EXPECT_EQ(ComparePartialDates("2019-05", "2019-05"), 0);
  EXPECT_EQ(ComparePartialDates("2019", "2019"), 0);

  std::vector<std::string> dates = {"2020", "2019-01-02", "2019-01",
                                    "2019", "2019-01-01", "2018-12"};
  std::sort(dates.begin(), dates.end(), [](const std::string& a, const std::string& b) {
    return ComparePartialDates(a, b) < 0;
  });
  EXPECT_EQ(dates, (std::vector<std::string>{"2018-12", "2019", "2019-01", "2019-01-01",
                                             "2019-01-02", "2020"}));
}

TEST(PeriodInOrderTest, ComparesFirstDayWithLastDay) {
  EXPECT_TRUE(PeriodInOrder("2019", "2019"));
  EXPECT_TRUE(PeriodInOrder("2019", "2020"));
  EXPECT_TRUE(PeriodInOrder("2019-05", "2019"));
  EXPECT_TRUE(PeriodInOrder("2019-12-31", "2019"));
  EXPECT_TRUE(PeriodInOrder("2019", "2019-01"));
  EXPECT_TRUE(PeriodInOrder("2020-02-29", "2020-02"));
  EXPECT_TRUE(PeriodInOrder("2019-02-28", "2019-02"));
  EXPECT_TRUE(PeriodInOrder("2019-03-01", "2019-03-01"));
  EXPECT_FALSE(PeriodInOrder("2019", "2018"));
  EXPECT_FALSE(PeriodInOrder("2020", "2019-12"));
  EXPECT_FALSE(PeriodInOrder("2020-01-01", "2019"));
  EXPECT_FALSE(PeriodInOrder("2019-02", "2019-01-31"));
  EXPECT_FALSE(PeriodInOrder("2019-03-02", "2019-03-01"));
  EXPECT_FALSE(PeriodInOrder("2019-03", "2019-02"));
}

TEST(PeriodInOrderTest, InvalidDatesAreNotInOrder) {
  EXPECT_FALSE(PeriodInOrder("2019-13", "2020"));
  EXPECT_FALSE(PeriodInOrder("2019", "2020-02-30"));
}

// ---------------------------------------------------------------------------------------------
// Links.

TEST(CheckLinkTest, AcceptsHttpAndHttpsLinks) {
  for (const char* url : {"https://example.org", "http://example.org", "HTTPS://Example.org/Path",
                          "Http://example.org", "https://www.c40.org/cities/copenhagen?x=1#top",
                          "https://example.org:8443/", "https://example.org:/", "http://localhost",
                          "http://LOCALHOST:8080/x", "https://user:secret@example.org/",
                          "http://127.0.0.1/", "https://sub.example.co.uk", "https://example.org.",
                          "https://my_host.example.org", "https://example.org?q=a%20b",
                          "https://k\xC3\xB8"
                          "benhavn.dk/",
                          "https://example.org/\xC3\xA6\xC3\xB8"}) {
    EXPECT_EQ(CheckLink(url), std::nullopt) << url;
  }
}

TEST(CheckLinkTest, SchemeMustBeHttpOrHttps) {
  for (const char* url :
       {"ftp://x.org", "mailto:someone@example.org", "javascript:alert(1)", "https:/example.org",
        "https//example.org", "//example.org", "httpx://example.org", "intranet/page"}) {
    EXPECT_EQ(CheckLink(url),
              "link '" + std::string(url) + "' must start with https:// or http://");
  }
  EXPECT_EQ(CheckLink("www.example.org"),
            "link 'www.example.org' must start with https:// or http://: did you mean "
            "'https://www.example.org'?");
  EXPECT_EQ(CheckLink("localhost"),
            "link 'localhost' must start with https:// or http://: did you mean "
            "'https://localhost'?");
  EXPECT_EQ(CheckLink("example.org/a/b?c=d"),
            "link 'example.org/a/b?c=d' must start with https:// or http://: did you mean "
            "'https://example.org/a/b?c=d'?");
}

TEST(CheckLinkTest, RejectsSpacesAndControlCharacters) {
  for (const char* url :
       {"https://exa mple.org", " https://example.org", "https://example.org/ ",
        "https://example.org/a\tb", "https://example.org/\n", "https://example.org/\x7F",
        "https://example.org/\xC2\x85", "https://example.org/\xC2\xA0",
        "https://example.org/\xE2\x80\x8B", "https://example.org/\xE3\x80\x80"}) {
    EXPECT_EQ(CheckLink(url),
              "link '" + std::string(url) + "' contains a space or control character");
  }
  const std::string with_nul("https://x.org/\0", 15);
  EXPECT_EQ(CheckLink(with_nul), "link '" + with_nul + "' contains a space or control character");
}

TEST(CheckLinkTest, RequiresAHost) {
  for (const char* url : {"https:///path", "https://", "http://?q", "https://#x", "https://user@/x",
                          "https://:8080/"}) {
    EXPECT_EQ(CheckLink(url), "link '" + std::string(url) + "' has no host");
  }
}

TEST(CheckLinkTest, HostNeedsADotOrLocalhost) {
  EXPECT_EQ(CheckLink("https://intranet/x"),
            "link 'https://intranet/x' has host 'intranet', which is not a full domain name such "
            "as 'example.org'");
}

TEST(CheckLinkTest, RejectsInvalidHostsAndPorts) {
  EXPECT_EQ(CheckLink("https://exa$mple.org"),
            "link 'https://exa$mple.org' has an invalid host 'exa$mple.org'");
  EXPECT_EQ(CheckLink("https://.org"), "link 'https://.org' has an invalid host '.org'");
  EXPECT_EQ(CheckLink("https://a..org"), "link 'https://a..org' has an invalid host 'a..org'");
  EXPECT_EQ(CheckLink("https://./"), "link 'https://./' has an invalid host '.'");
  EXPECT_EQ(CheckLink("http://[::1]/"), "link 'http://[::1]/' has an invalid host '[::1]'");
  EXPECT_EQ(CheckLink("http://[::1]:8080/"),
            "link 'http://[::1]:8080/' has an invalid host '[::1]'");
  EXPECT_EQ(CheckLink("https://example.org:99999/"),
            "link 'https://example.org:99999/' has an invalid port '99999'");
  EXPECT_EQ(CheckLink("https://example.org:0/"),
            "link 'https://example.org:0/' has an invalid port '0'");
  EXPECT_EQ(CheckLink("https://example.org:http/"),
            "link 'https://example.org:http/' has an invalid port 'http'");
}

TEST(CheckLinkTest, AtMost2048Bytes) {
  const std::string prefix = "https://example.org/";
  const std::string longest = prefix + std::string(2048 - prefix.size(), 'a');
  EXPECT_EQ(CheckLink(longest), std::nullopt);
  const std::string too_long = longest + "a";
  EXPECT_EQ(CheckLink(too_long), "link '" + too_long + "' is longer than 2048 bytes");
}

TEST(CheckLinkTest, EmptyOrInvalidUtf8) {
  EXPECT_EQ(CheckLink(""), "link '' is empty");
  EXPECT_EQ(CheckLink("https://example.org/\xFF"), "link is not valid UTF-8 at byte 20");
}

// ---------------------------------------------------------------------------------------------
// Text.

TEST(CheckTextTest, AcceptsValidUtf8) {
  for (const std::string& text :
       {std::string(""), std::string("Copenhagen"),
        std::string("K\xC3\xB8"
                    "benhavn"),
        std::string("\xE2\x82\xAC 10"),   // U+20AC, 3 bytes.
        std::string("\xF0\x9F\x8C\x8D"),  // U+1F30D, 4 bytes.
        std::string("\xF4\x8F\xBF\xBF"),  // U+10FFFF, the last code point.
        std::string("\xED\x9F\xBF"),      // U+D7FF, just below the surrogates.
        std::string("\xEE\x80\x80"),      // U+E000, just above them.
        std::string("\xC2\xA0"),          // U+00A0, just above C1.
        std::string("~")}) {
    EXPECT_EQ(CheckText("title", text, false), std::nullopt) << text;
    EXPECT_EQ(CheckText("title", text, true), std::nullopt) << text;
  }
}

TEST(CheckTextTest, NewlineAndTabOnlyWhenMultiline) {
  EXPECT_EQ(CheckText("summary", "a\nb\tc", true), std::nullopt);
  EXPECT_EQ(CheckText("title", "a\nb", false),
            "title contains a control character (U+000A) at byte 1");
  EXPECT_EQ(CheckText("title", "ab\tc", false),
            "title contains a control character (U+0009) at byte 2");
}

TEST(CheckTextTest, RejectsOtherControlCharacters) {
  EXPECT_EQ(CheckText("title", "abc\a", false),
            "title contains a control character (U+0007) at byte 3");
  EXPECT_EQ(CheckText("summary", "line\r\nnext", true),
            "summary contains a control character (U+000D) at byte 4");
  EXPECT_EQ(CheckText("summary", std::string("a\0b", 3), true),
            "summary contains a control character (U+0000) at byte 1");
  EXPECT_EQ(CheckText("summary", "\x1B[1m", true),
            "summary contains a control character (U+001B) at byte 0");
  EXPECT_EQ(CheckText("summary", "\x1F", true),
            "summary contains a control character (U+001F) at byte 0");
  EXPECT_EQ(CheckText("summary", "x\x7F", true),
            "summary contains a control character (U+007F) at byte 1");
  EXPECT_EQ(CheckText("summary",
                      "\xC3\xA6"
                      "\xC2\x80",
                      true),
            "summary contains a control character (U+0080) at byte 2");
  EXPECT_EQ(CheckText("summary", "\xC2\x9F", true),
            "summary contains a control character (U+009F) at byte 0");
}

TEST(CheckTextTest, RejectsMalformedUtf8) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\x80", "lone continuation byte"},
      {"\xBF", "lone continuation byte"},
      {"\xC0\x80", "overlong NUL"},
      {"\xC1\xBF", "overlong 2-byte"},
      {"\xE0\x80\x80", "overlong 3-byte"},
      {"\xE0\x9F\xBF", "overlong 3-byte, highest"},
      {"\xF0\x80\x80\x80", "overlong 4-byte"},
      {"\xF0\x8F\xBF\xBF", "overlong 4-byte, highest"},
      {"\xED\xA0\x80", "high surrogate U+D800"},
      {"\xED\xBF\xBF", "low surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", "U+110000"},
      {"\xF5\x80\x80\x80", "lead byte F5"},
      {"\xFE", "byte FE"},
      {"\xFF", "byte FF"},
      {"\xC3", "truncated 2-byte"},
      {"\xE2\x82", "truncated 3-byte"},
      {"\xF0\x9F\x8C", "truncated 4-byte"},
      {"\xE2\x82"
       "A",
       "3-byte interrupted"},
      {"\xC3\xC3\xA6", "2-byte interrupted by a lead byte"},
  };
  for (const auto& [bytes, what] : cases) {
    EXPECT_EQ(CheckText("title", bytes, true), "title is not valid UTF-8 at byte 0") << what;
    EXPECT_EQ(CheckText("title", std::string(17, 'a') + bytes, false),
              "title is not valid UTF-8 at byte 17")
        << what;
  }
}

}  // namespace
}  // namespace citynet::protocol
