// Search over the project's seed cases (deploy/demo/cases: English, one Danish, and the Chinese
// and Spanish versions of the bilateral cases), signed and stored as a node would hold them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "protocol/case_json.h"
#include "store/store.h"
#include "tests/protocol/test_util.h"

namespace citynet::store {
namespace {

using namespace citynet::protocol;

class SeedSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    StoreOptions o;
    o.path = dir_->File("node");
    store_ = std::move(OpenStore(o)).value().release();
    SigningKey key = testing::TestKey(9);
    std::map<std::string, std::pair<uint64_t, std::optional<RecordId>>> feeds;
    for (const std::string& path : testing::SeedCaseFiles()) {
      auto c = CaseStudyFromJson(testing::ReadFileOrDie(path));
      ASSERT_TRUE(c.ok()) << path;
      for (const std::string& network : c->networks) {
        auto& [seq, prev] = feeds[network];
        auto rec = SignRecord(key, testing::Draft(network, ++seq, prev), *c);
        ASSERT_TRUE(rec.ok()) << rec.status().ToString();
        auto v = VerifyRecord(*rec);
        ASSERT_TRUE(v.ok());
        prev = v->id;
        ASSERT_EQ(store_->Ingest(*v)->outcome, IngestOutcome::kAccepted);
      }
    }
    ASSERT_TRUE(store_->WaitForSearch(20000).ok());
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }

  // The slugs of the cases a query finds, in any network.
  std::set<std::string> Find(const std::string& query,
                             const std::vector<std::string>& networks = {}) {
    auto hits = store_->Search(query, networks, 50);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    std::set<std::string> slugs;
    if (!hits.ok()) return slugs;
    for (const auto& h : *hits) {
      auto p = DecodePayload(h.record.header.kind, *h.record.wire.payload);
      slugs.insert(std::get<CaseStudy>(*p).slug);
    }
    return slugs;
  }

  static testing::TempDir* dir_;
  static Store* store_;
};
testing::TempDir* SeedSearchTest::dir_ = nullptr;
Store* SeedSearchTest::store_ = nullptr;

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(SeedSearchTest, Danish) {
  // "vækst" (growth) in the title, folded and stemmed; "Sjælland" written without æ.
  EXPECT_THAT(Find("vækst"), ElementsAre("cph-cleantech-cluster"));
  EXPECT_THAT(Find("vaekst"), ElementsAre("cph-cleantech-cluster"));
  EXPECT_THAT(Find("sjaelland"), ElementsAre("cph-cleantech-cluster"));
  // Stemming: "virksomhed" finds "virksomheder"; a prefix finds "klyngeprojekt",
  // "klyngeorganisation".
  EXPECT_THAT(Find("virksomhed"), ElementsAre("cph-cleantech-cluster"));
  EXPECT_THAT(Find("klynge*"), ElementsAre("cph-cleantech-cluster"));
}

TEST_F(SeedSearchTest, English) {
  // "circularity" finds the cases about the circular economy (stemmed to "circular").
  auto circular = Find("circularity");
  EXPECT_THAT(circular, Contains("force-circular-economy"));
  EXPECT_THAT(circular, Contains("ssc-buenos-aires-circular"));
  EXPECT_THAT(Find("mayors"), Contains("c40-summit-2019"));
  EXPECT_THAT(Find("mayor"), Contains("c40-summit-2019"));
  EXPECT_THAT(Find("cycling tour"), ElementsAre("tour-de-france-2022-cycling"));
}

TEST_F(SeedSearchTest, Spanish) {
  EXPECT_THAT(Find("residuales"), ElementsAre("ssc-buenos-aires-circular-es"));
  // Accents folded, plural stemmed.
  EXPECT_THAT(Find("adaptacion climatica"), ElementsAre("ssc-buenos-aires-circular-es"));
  EXPECT_THAT(Find("ciudad"), Contains("ssc-buenos-aires-circular-es"));
}

TEST_F(SeedSearchTest, Chinese) {
  EXPECT_THAT(Find("北京"), ElementsAre("ssc-beijing-wastewater-zh"));
  EXPECT_THAT(Find("污水"), ElementsAre("ssc-beijing-wastewater-zh"));
  EXPECT_THAT(Find("京北"), IsEmpty());
}

TEST_F(SeedSearchTest, NetworkFilterKeepsOtherNetworksOut) {
  EXPECT_THAT(Find("circular", {"ssc-beijing"}),
              ElementsAre("ssc-beijing-wastewater", "ssc-beijing-wastewater-zh"));
  EXPECT_THAT(Find("北京", {"eurocities"}), IsEmpty());
}

TEST_F(SeedSearchTest, SnippetsMarkTheMatch) {
  auto hits = store_->Search("vækst", {}, 5);
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_THAT((*hits)[0].snippet, ::testing::HasSubstr("[vækst]"));
}

}  // namespace
}  // namespace citynet::store
