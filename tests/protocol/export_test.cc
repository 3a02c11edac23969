#include "protocol/export.h"

#include <gtest/gtest.h>

#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

Bytes FileOf(const std::vector<SignedRecord>& records) {
  Bytes file = ExportHeader();
  for (const SignedRecord& r : records) {
    Bytes f = ExportFrame(r);
    file.insert(file.end(), f.begin(), f.end());
  }
  Bytes t = ExportTrailer(records.size());
  file.insert(file.end(), t.begin(), t.end());
  return file;
}

// Reads `file` fed `piece` bytes at a time; the records, or the first error.
Result<std::vector<SignedRecord>> ReadAll(const Bytes& file, std::size_t piece) {
  ExportReader reader;
  std::vector<SignedRecord> out;
  for (std::size_t at = 0; at < file.size(); at += piece) {
    reader.Feed(ByteView(file).subspan(at, std::min(piece, file.size() - at)));
    for (;;) {
      CITYNET_ASSIGN_OR_RETURN(std::optional<SignedRecord> r, reader.Next());
      if (!r) break;
      out.push_back(std::move(*r));
    }
  }
  CITYNET_RETURN_IF_ERROR(reader.Finish());
  return out;
}

class ExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitCrypto().ok()); }
  std::vector<SignedRecord> Records() { return testing::OneRecordOfEachKind(); }
};

TEST_F(ExportTest, RoundTripsInAnyPieceSize) {
  const auto records = Records();
  const Bytes file = FileOf(records);
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, file.size()}) {
    auto read = ReadAll(file, piece);
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(*read, records) << "piece " << piece;
  }
  EXPECT_TRUE(ReadAll(FileOf({}), 3).ok());  // an empty export is valid
}

TEST_F(ExportTest, TruncationAnywhereIsReported) {
  const Bytes file = FileOf(Records());
  for (std::size_t cut = 0; cut < file.size(); cut += 97) {
    Bytes shorter(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(cut));
    auto read = ReadAll(shorter, 64);
    ASSERT_FALSE(read.ok()) << "cut at " << cut;
  }
  Bytes no_end(file.begin(), file.end() - 12);
  auto read = ReadAll(no_end, 64);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("truncated"), std::string::npos)
      << read.status().message();
}

TEST_F(ExportTest, DamageIsReportedWithItsPlace) {
  const auto records = Records();
  Bytes file = FileOf(records);
  Bytes wrong_magic = file;
  wrong_magic[0] = 'X';
  EXPECT_NE(ReadAll(wrong_magic, 100).status().message().find("not a citynet export"),
            std::string::npos);
  Bytes newer = file;
  newer[9] = 2;
  EXPECT_EQ(ReadAll(newer, 100).status().code(), StatusCode::kUnimplemented);
  Bytes huge = file;
  huge[10] = 0xff;  // the first frame's length
  EXPECT_NE(ReadAll(huge, 100).status().message().find("record 1 at byte 10"), std::string::npos)
      << ReadAll(huge, 100).status().message();
  Bytes count = file;
  count.back() ^= 1;
  EXPECT_NE(ReadAll(count, 100).status().message().find("damaged"), std::string::npos);
  Bytes trailing = file;
  trailing.push_back(0);
  EXPECT_FALSE(ReadAll(trailing, 100).ok());
  // A frame whose bytes are not an envelope.
  Bytes garbage = ExportHeader();
  for (uint8_t b : Bytes{0, 0, 0, 3, 1, 2, 3}) garbage.push_back(b);
  Bytes t = ExportTrailer(1);
  garbage.insert(garbage.end(), t.begin(), t.end());
  EXPECT_NE(ReadAll(garbage, 100).status().message().find("record 1 at byte 10 is damaged"),
            std::string::npos);
}

TEST(Base64Test, RoundTripsAndRefusesNonCanonicalText) {
  for (std::size_t n = 0; n < 40; ++n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 37 + n);
    auto back = FromBase64(ToBase64(b));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, b);
  }
  EXPECT_EQ(ToBase64(AsBytes("citynet")), "Y2l0eW5ldA==");
  EXPECT_FALSE(FromBase64("Y2l0eW5ldA").ok());     // padding missing
  EXPECT_FALSE(FromBase64("Y2l0eW5ldA==x").ok());  // trailing
  EXPECT_FALSE(FromBase64("Y2l0e W5ldA==").ok());  // whitespace
}

}  // namespace
}  // namespace citynet::protocol
