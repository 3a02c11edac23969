// The CSV reader: what experts' spreadsheet exports look like, and the errors that must name the
// line to fix.
#include "node/privacy/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/vocabulary.h"

namespace citynet::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Row(const CsvTable& t, std::size_t r) {
  std::vector<std::string> out;
  for (std::size_t c = 0; c < t.columns(); ++c) out.emplace_back(t.cell(r, c));
  return out;
}

std::string ErrorOf(std::string text, CsvOptions o = {}) {
  auto r = ParseCsv(std::move(text), o);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(Csv, PlainCommaSeparatedWithLf) {
  auto t = ParseCsv("age,gender,postcode\n34,F,2100\n51,M,1150\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_THAT(t->header(), ElementsAre("age", "gender", "postcode"));
  ASSERT_EQ(t->rows(), 2u);
  EXPECT_THAT(Row(*t, 0), ElementsAre("34", "F", "2100"));
  EXPECT_THAT(Row(*t, 1), ElementsAre("51", "M", "1150"));
  EXPECT_EQ(t->line(1), 3u);
  EXPECT_EQ(t->delimiter(), ',');
}

TEST(Csv, ExcelSemicolonsBomAndCrlf) {
  auto t = ParseCsv(
      "\xEF\xBB\xBF"
      "bydel;antal;note\r\nNørrebro;12,5;\"a; b\"\r\nValby;3;\r\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->delimiter(), ';');
  EXPECT_THAT(t->header(), ElementsAre("bydel", "antal", "note"));
  EXPECT_THAT(Row(*t, 0), ElementsAre("Nørrebro", "12,5", "a; b"));
  EXPECT_THAT(Row(*t, 1), ElementsAre("Valby", "3", ""));
}

TEST(Csv, QuotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes) {
  auto t = ParseCsv(
      "id,comment,n\n1,\"she said \"\"call me\"\"\nlater, maybe\",7\n2,\"\",8\n3,plain,9\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows(), 3u);
  EXPECT_EQ(t->cell(0, 1), "she said \"call me\"\nlater, maybe");
  EXPECT_EQ(t->cell(1, 1), "");
  // Line numbers count the line break inside the quoted field.
  EXPECT_EQ(t->line(0), 2u);
  EXPECT_EQ(t->line(1), 4u);
  EXPECT_EQ(t->line(2), 5u);
}

TEST(Csv, BlankLinesAndAMissingFinalNewlineAreFine) {
  auto t = ParseCsv("a,b\n\n1,2\n\r\n3,4");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows(), 2u);
  EXPECT_THAT(Row(*t, 1), ElementsAre("3", "4"));
  EXPECT_EQ(t->line(1), 5u);
}

TEST(Csv, TrailingEmptyFieldsCount) {
  auto t = ParseCsv("a,b,c\n1,,\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_THAT(Row(*t, 0), ElementsAre("1", "", ""));
}

TEST(Csv, HeaderNamesAreTrimmed) {
  auto t = ParseCsv(" age , gender\n1,F\n");
  ASSERT_TRUE(t.ok());
  EXPECT_THAT(t->header(), ElementsAre("age", "gender"));
}

TEST(Csv, RowWithTooManyFieldsNamesItsLineAndTheCause) {
  std::string e = ErrorOf("district,comment\nValby,ok\nNørrebro,late, then rain\n");
  EXPECT_THAT(e, HasSubstr("line 3"));
  EXPECT_THAT(e, HasSubstr("3 fields but the header has 2"));
  EXPECT_THAT(e, HasSubstr("double quotes"));
}

TEST(Csv, RowWithTooFewFields) {
  EXPECT_THAT(ErrorOf("a,b,c\n1,2,3\n4,5\n"), HasSubstr("line 3: the row has 2 fields"));
}

TEST(Csv, UnclosedQuoteNamesTheLineItOpenedOn) {
  std::string e = ErrorOf("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
  EXPECT_THAT(e, HasSubstr("line 3"));
  EXPECT_THAT(e, HasSubstr("never closed"));
}

TEST(Csv, TextAfterClosingQuote) {
  EXPECT_THAT(ErrorOf("a,b\n1,\"x\"y\n"),
              HasSubstr("line 2: field 2 has text after its closing quote"));
}

TEST(Csv, Latin1IsRefusedWithHowToSaveAsUtf8) {
  std::string e = ErrorOf("bydel,n\nValby,1\nN\xF8rrebro,2\n");
  EXPECT_THAT(e, HasSubstr("line 3"));
  EXPECT_THAT(e, HasSubstr("0xF8"));
  EXPECT_THAT(e, HasSubstr("CSV UTF-8"));
}

TEST(Csv, NulByteIsRefused) {
  EXPECT_THAT(ErrorOf(std::string("a,b\n1,2\n3,\0\n", 12)),
              HasSubstr("line 3: the file holds a NUL"));
}

TEST(Csv, EmptyFileHeaderOnlyAndBadHeaders) {
  EXPECT_THAT(ErrorOf(""), HasSubstr("empty"));
  EXPECT_THAT(ErrorOf("\n\r\n"), HasSubstr("empty"));
  EXPECT_THAT(ErrorOf("a,b\n"), HasSubstr("header but no rows"));
  EXPECT_THAT(ErrorOf("a,,c\n1,2,3\n"), HasSubstr("column 2 of the header has no name"));
  EXPECT_THAT(ErrorOf("a,b,a\n1,2,3\n"), HasSubstr("names column 'a' twice"));
}

TEST(Csv, LimitsAreErrorsNotCrashes) {
  CsvOptions o;
  o.max_field_bytes = 8;
  EXPECT_THAT(ErrorOf("a\n123456789\n", o), HasSubstr("line 2: field 1 is 9 bytes"));
  o = {};
  o.max_columns = 3;
  EXPECT_THAT(ErrorOf("a,b,c,d\n1,2,3,4\n", o), HasSubstr("more than 3 fields"));
}

TEST(Csv, ExplicitDelimiterAndNoHeader) {
  CsvOptions o;
  o.delimiter = ';';
  o.columns_without_header = 2;
  auto t = ParseCsv("1;a,b\n2;c\n", o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->header().empty());
  EXPECT_THAT(Row(*t, 0), ElementsAre("1", "a,b"));
  o.delimiter = '\t';
  EXPECT_THAT(ErrorOf("a\tb\n", o), HasSubstr("not a supported delimiter"));
}

TEST(Csv, WrittenRowsReadBackTheSame) {
  std::vector<std::vector<std::string>> rows = {
      {"name", "note", "n"},
      {"Søren", "said \"hi\", left", "1"},
      {" padded ", "two\nlines", ""},
      {"北京市", "\r\n", "3"},
  };
  std::string text;
  for (const auto& r : rows) {
    std::vector<std::string_view> v(r.begin(), r.end());
    AppendCsvRow(text, v);
  }
  auto t = ParseCsv(text);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows(), 3u);
  for (std::size_t r = 0; r < 3; ++r) {
    std::vector<std::string> want = rows[r + 1];
    EXPECT_EQ(Row(*t, r), want);
  }
}

// A receiver parses each chunk of a body alone, so any row the gate writes may be the first
// bytes of a file: a cell starting with U+FEFF must not be taken for the file's byte-order mark,
// and a row of one tab is not a blank file.
TEST(Csv, AWrittenRowReadsBackTheSameAsTheFirstRowOfAFile) {
  const std::string bom = "\xEF\xBB\xBF";
  const std::vector<std::vector<std::string>> rows = {
      {bom + "ord", "2"}, {bom, ""}, {"\t"}, {" \t"}, {"a\t", "\tb"},
  };
  for (const auto& r : rows) {
    std::vector<std::string_view> v(r.begin(), r.end());
    std::string text;
    AppendCsvRow(text, v);
    CsvOptions o;
    o.delimiter = ',';
    o.columns_without_header = r.size();
    auto t = ParseCsv(text, o);
    ASSERT_TRUE(t.ok()) << t.status().ToString() << " for " << text;
    ASSERT_EQ(t->rows(), 1u) << text;
    EXPECT_EQ(Row(*t, 0), r) << text;
  }
}

TEST(Csv, Utf8Validation) {
  using protocol::IsValidUtf8;
  EXPECT_TRUE(IsValidUtf8("plain ascii and ø and 北京 and 😀"));
  std::size_t bad = 0;
  EXPECT_FALSE(IsValidUtf8("ok\xC0\xAF", &bad));  // overlong '/'
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated
}

}  // namespace
}  // namespace citynet::privacy
