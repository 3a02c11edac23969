// The search index and its text analysis: every language rule (folding, Danish digraphs,
// stemming in Danish/English/Spanish, Chinese bigrams, prefixes) on realistic case texts, ranking,
// snippets, filters and paging, replacement and removal, progress across reopen, hostile queries,
// and damaged or foreign files (DataLoss, never a crash). Real SQLite files in a temp dir.
#include "store/internal/search_index.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "store/internal/text_folding.h"

namespace citynet::store::internal {
namespace {

// ---- helpers -------------------------------------------------------------------------------

using SeqVec = std::vector<uint64_t>;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "search_index_XXXXXX");
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string IdHex(uint64_t seq) {
  std::string hex = std::to_string(seq);
  return std::string(64 - hex.size(), '0') + hex;
}

SearchDoc Doc(uint64_t seq, std::string language, std::string title, std::string summary,
              std::string body = "", std::string network = "eurocities") {
  SearchDoc d;
  d.seq = seq;
  d.id_hex = IdHex(seq);
  d.kind = "case-study";
  d.language = std::move(language);
  d.network = std::move(network);
  d.title = std::move(title);
  d.summary = std::move(summary);
  d.body = std::move(body);
  return d;
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back((t.colocated ? "+" : "") + t.text);
  return out;
}

int Positions(const std::vector<Token>& tokens) {
  return static_cast<int>(
      std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return !t.colocated; }));
}

// ---- TextFolding ---------------------------------------------------------------------------

class TextFoldingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = TextAnalyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    analyzer_ = std::move(created).value();
  }
  std::vector<std::string> Tokens(std::string_view text, TokenizeMode mode,
                                  StemLanguage language = StemLanguage::kNone) {
    auto tokens = analyzer_->Tokenize(text, mode, language);
    EXPECT_TRUE(tokens.ok()) << tokens.status().ToString();
    return tokens.ok() ? Texts(*tokens) : std::vector<std::string>{};
  }
  std::unique_ptr<TextAnalyzer> analyzer_;
};

TEST_F(TextFoldingTest, DanishSpellingsOfCopenhagenFoldAlike) {
  for (const char* spelling : {"københavn", "kobenhavn", "koebenhavn", "KØBENHAVN", "Koebenhavn"}) {
    EXPECT_EQ(analyzer_->Fold(spelling), "kobenhavn") << spelling;
  }
  EXPECT_EQ(analyzer_->Fold("Malmö"), analyzer_->Fold("malmo"));
  EXPECT_EQ(analyzer_->Fold("Århus"), "arhus");
  EXPECT_EQ(analyzer_->Fold("Aarhus"), "arhus");
  EXPECT_EQ(analyzer_->Fold("Ærø"), "aero");
  EXPECT_EQ(analyzer_->Fold("vækst"), "vaekst");
}

TEST_F(TextFoldingTest, FoldsLettersNfkdKeepsWhole) {
  EXPECT_EQ(analyzer_->Fold("Straße"), "strasse");
  EXPECT_EQ(analyzer_->Fold("STRASSE"), "strasse");
  EXPECT_EQ(analyzer_->Fold("Łódź"), "lodz");
  EXPECT_EQ(analyzer_->Fold("Đakovo"), "dakovo");
  EXPECT_EQ(analyzer_->Fold("Økonomi"), "okonomi");
  EXPECT_EQ(analyzer_->Fold("Þórshöfn"), "thorshofn");
  EXPECT_EQ(analyzer_->Fold("İstanbul"), "istanbul");
  EXPECT_EQ(analyzer_->Fold("economía"), "economia");
  EXPECT_EQ(analyzer_->Fold("Copenhagen’s"), "copenhagen's");
}

TEST_F(TextFoldingTest, FoldsCompatibilityFormsButKeepsKanaVoicing) {
  EXPECT_EQ(analyzer_->Fold("ＣＯ２"), "co2");
  EXPECT_EQ(analyzer_->Fold("ﬁnance"), "finance");
  EXPECT_EQ(analyzer_->Fold("ｶﾞｽ"), analyzer_->Fold("ガス"));
  EXPECT_NE(analyzer_->Fold("ガス"), analyzer_->Fold("カス"));
  EXPECT_EQ(analyzer_->Fold("北京"), "北京");
}

TEST_F(TextFoldingTest, StemLanguageFromBcp47PrimarySubtag) {
  EXPECT_EQ(StemLanguageFor("da"), StemLanguage::kDanish);
  EXPECT_EQ(StemLanguageFor("da-DK"), StemLanguage::kDanish);
  EXPECT_EQ(StemLanguageFor("EN-gb"), StemLanguage::kEnglish);
  EXPECT_EQ(StemLanguageFor("es-419"), StemLanguage::kSpanish);
  EXPECT_EQ(StemLanguageFor("zh-Hans"), StemLanguage::kNone);
  EXPECT_EQ(StemLanguageFor("de"), StemLanguage::kNone);
  EXPECT_EQ(StemLanguageFor(""), StemLanguage::kNone);
}

TEST_F(TextFoldingTest, StemsOnLowerCasedOriginalThenFolds) {
  EXPECT_EQ(analyzer_->Stem("cities", StemLanguage::kEnglish),
            analyzer_->Stem("city", StemLanguage::kEnglish));
  EXPECT_EQ(analyzer_->Stem("circularity", StemLanguage::kEnglish), "circular");
  EXPECT_EQ(analyzer_->Stem("ciudades", StemLanguage::kSpanish), "ciudad");
  EXPECT_EQ(analyzer_->Stem("klimaet", StemLanguage::kDanish), "klima");
  EXPECT_EQ(analyzer_->Stem("KØBENHAVNS", StemLanguage::kDanish), "kobenhavn");
  EXPECT_EQ(analyzer_->Stem("Copenhagen’s", StemLanguage::kEnglish), "copenhagen");
  EXPECT_EQ(analyzer_->Stem("Cities", StemLanguage::kNone), "cities");
}

TEST_F(TextFoldingTest, IcuSegmentsWordsAndSkipsPunctuation) {
  std::string text = "CPH 2025 Climate Plan: the first CO2-neutral capital (3.5 %), Copenhagen's!";
  auto tokens = analyzer_->Tokenize(text, TokenizeMode::kAuxiliary, StemLanguage::kNone);
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(Texts(*tokens),
            (std::vector<std::string>{"cph", "2025", "climate", "plan", "the", "first", "co2",
                                      "neutral", "capital", "3.5", "copenhagen's"}));
  for (const Token& t : *tokens) {
    EXPECT_EQ(analyzer_->Fold(text.substr(t.start, t.end - t.start)), t.text);
  }
}

TEST_F(TextFoldingTest, OffsetsAreBytesOfTheOriginal) {
  std::string text = "Fireårigt klyngeprojekt på Sjælland, 北京市";
  auto tokens = analyzer_->Tokenize(text, TokenizeMode::kAuxiliary, StemLanguage::kNone);
  ASSERT_TRUE(tokens.ok());
  std::vector<std::string> originals;
  for (const Token& t : *tokens) originals.push_back(text.substr(t.start, t.end - t.start));
  EXPECT_EQ(originals, (std::vector<std::string>{"Fireårigt", "klyngeprojekt", "på", "Sjælland",
                                                 "北", "京", "市"}));
}

TEST_F(TextFoldingTest, DocumentColocatesStemInItsLanguage) {
  EXPECT_EQ(Tokens("Cities cooperating", TokenizeMode::kDocument, StemLanguage::kEnglish),
            (std::vector<std::string>{"cities", "+citi", "cooperating", "+cooper"}));
  EXPECT_EQ(Tokens("Københavns klimaet", TokenizeMode::kDocument, StemLanguage::kDanish),
            (std::vector<std::string>{"kobenhavns", "+kobenhavn", "klimaet", "+klima"}));
  EXPECT_EQ(Tokens("las ciudades", TokenizeMode::kDocument, StemLanguage::kSpanish),
            (std::vector<std::string>{"las", "ciudades", "+ciudad"}));
  // Unknown languages are not stemmed.
  EXPECT_EQ(Tokens("Cities", TokenizeMode::kDocument, StemLanguage::kNone),
            (std::vector<std::string>{"cities"}));
}

TEST_F(TextFoldingTest, QueryColocatesEnglishDanishAndSpanishStems) {
  EXPECT_EQ(Tokens("klimaet", TokenizeMode::kQuery),
            (std::vector<std::string>{"klimaet", "+klima"}));
  EXPECT_EQ(Tokens("ciudades", TokenizeMode::kQuery),
            (std::vector<std::string>{"ciudades", "+ciudad"}));
  auto cities = Tokens("Cities", TokenizeMode::kQuery);
  ASSERT_FALSE(cities.empty());
  EXPECT_EQ(cities[0], "cities");
  EXPECT_NE(std::find(cities.begin(), cities.end(), "+citi"), cities.end());
}

TEST_F(TextFoldingTest, PrefixQueryKeepsLastWordUnstemmed) {
  EXPECT_EQ(Tokens("klimaet", TokenizeMode::kQueryPrefix), (std::vector<std::string>{"klimaet"}));
  EXPECT_EQ(Tokens("cities klimaet", TokenizeMode::kQueryPrefix),
            (std::vector<std::string>{"cities", "+citi", "klimaet"}));
}

TEST_F(TextFoldingTest, HanDocumentIsUnigramsWithColocatedBigrams) {
  EXPECT_EQ(Tokens("北京市", TokenizeMode::kDocument, StemLanguage::kNone),
            (std::vector<std::string>{"北", "+北京", "京", "+京市", "市"}));
  // Punctuation ends a run: no bigram across it.
  EXPECT_EQ(Tokens("北京。市", TokenizeMode::kDocument, StemLanguage::kNone),
            (std::vector<std::string>{"北", "+北京", "京", "市"}));
}

TEST_F(TextFoldingTest, HanQueryIsBigramPhrase) {
  EXPECT_EQ(Tokens("北", TokenizeMode::kQuery), (std::vector<std::string>{"北"}));
  EXPECT_EQ(Tokens("北京", TokenizeMode::kQuery), (std::vector<std::string>{"北京", "京"}));
  EXPECT_EQ(Tokens("污水处理", TokenizeMode::kQuery),
            (std::vector<std::string>{"污水", "水处", "处理", "理"}));
}

TEST_F(TextFoldingTest, MixedScriptsSplitIntoWordsAndRuns) {
  EXPECT_EQ(Tokens("Beijing北京wastewater污水 東京タワー", TokenizeMode::kAuxiliary),
            (std::vector<std::string>{"beijing", "北", "京", "wastewater", "污", "水", "東", "京",
                                      "タ", "ワ", "ー"}));
}

TEST_F(TextFoldingTest, EveryModeAndLanguageGivesTheSamePositions) {
  const char* texts[] = {
      "Copenhagen's goal of becoming CO2 neutral by 2025, tied to growth and cities.",
      "Fireårigt klyngeprojekt søsat af Copenhagen Capacity for at fremme vækst og beskæftigelse.",
      "Las ciudades intercambian expertos y métodos de economía circular.",
      "北京市与哥本哈根在气候适应、污水处理方面开展合作。",
  };
  for (const char* text : texts) {
    auto aux = analyzer_->Tokenize(text, TokenizeMode::kAuxiliary, StemLanguage::kNone);
    ASSERT_TRUE(aux.ok());
    for (StemLanguage l : {StemLanguage::kNone, StemLanguage::kDanish, StemLanguage::kEnglish,
                           StemLanguage::kSpanish}) {
      auto doc = analyzer_->Tokenize(text, TokenizeMode::kDocument, l);
      ASSERT_TRUE(doc.ok());
      EXPECT_EQ(Positions(*doc), Positions(*aux)) << text;
    }
  }
}

TEST_F(TextFoldingTest, InvalidUtf8AndHugeWordsAreSafe) {
  std::string bad = "abc \xff\xfe \xc3 d\xe2\x82 \xed\xa0\x80 klima";
  bad.push_back('\0');
  bad += "end";
  auto tokens = analyzer_->Tokenize(bad, TokenizeMode::kDocument, StemLanguage::kDanish);
  ASSERT_TRUE(tokens.ok());
  EXPECT_FALSE(tokens->empty());
  for (const Token& t : *tokens) {
    EXPECT_GE(t.start, 0);
    EXPECT_LE(t.end, static_cast<int>(bad.size()));
  }
  auto huge =
      analyzer_->Tokenize(std::string(100000, 'x'), TokenizeMode::kQuery, StemLanguage::kNone);
  ASSERT_TRUE(huge.ok());
  ASSERT_EQ(Positions(*huge), 1);
  EXPECT_EQ(huge->front().text.size(), kMaxWordUnits);
  EXPECT_EQ(analyzer_->Fold(""), "");
}

TEST_F(TextFoldingTest, SinkCanStopEarly) {
  int seen = 0;
  Status s = analyzer_->Tokenize("one two three", TokenizeMode::kAuxiliary, StemLanguage::kNone,
                                 [&seen](const Token&) { return ++seen < 2; });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(seen, 2);
}

// ---- SearchIndex ---------------------------------------------------------------------------

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { index_ = OpenIndex(); }

  std::unique_ptr<SearchIndex> OpenIndex() {
    auto opened = SearchIndex::Open(path_);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  void Put(std::vector<SearchDoc> docs, uint64_t applied = 0) {
    if (applied == 0) {
      for (const SearchDoc& d : docs) applied = std::max(applied, d.seq);
    }
    Status s = index_->Put(docs, applied);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::vector<SearchHit> Find(const std::string& text, std::vector<std::string> networks = {},
                              std::size_t limit = 20, std::size_t offset = 0) {
    SearchQuery q;
    q.text = text;
    q.networks = std::move(networks);
    q.limit = limit;
    q.offset = offset;
    auto hits = index_->Search(q);
    EXPECT_TRUE(hits.ok()) << text << ": " << hits.status().ToString();
    return hits.ok() ? std::move(hits).value() : std::vector<SearchHit>{};
  }

  std::vector<uint64_t> Seqs(const std::string& text, std::vector<std::string> networks = {},
                             std::size_t limit = 20, std::size_t offset = 0) {
    std::vector<uint64_t> seqs;
    for (const SearchHit& h : Find(text, std::move(networks), limit, offset)) {
      seqs.push_back(h.seq);
    }
    return seqs;
  }

  std::vector<uint64_t> SortedSeqs(const std::string& text) {
    std::vector<uint64_t> seqs = Seqs(text);
    std::sort(seqs.begin(), seqs.end());
    return seqs;
  }

  TempDir dir_;
  std::string path_ = dir_.File("search.sqlite");
  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, NewIndexIsEmpty) {
  ASSERT_NE(index_, nullptr);
  auto count = index_->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0u);
  EXPECT_EQ(index_->AppliedThrough(), 0u);
  EXPECT_TRUE(Find("copenhagen").empty());
}

TEST_F(SearchIndexTest, DanishSpellingsOfCopenhagenMatchEachOther) {
  Put({Doc(1, "da", "Københavns Kommunes klimaplan",
           "Fireårigt klyngeprojekt søsat af Copenhagen Capacity for at fremme vækst og "
           "beskæftigelse inden for cleantech på Sjælland og i hovedstaden."),
       Doc(2, "en", "Koebenhavn and Malmö share a bridge", "Regional cooperation."),
       Doc(3, "en", "KOBENHAVN harbour bath", "Swimming in the harbour.")});
  for (const char* q : {"københavn", "kobenhavn", "koebenhavn", "KØBENHAVN", "Københavns"}) {
    EXPECT_EQ(SortedSeqs(q), (SeqVec{1, 2, 3})) << q;
  }
  EXPECT_EQ(Seqs("malmo"), SeqVec{2});
  EXPECT_EQ(Seqs("MALMÖ"), SeqVec{2});
  EXPECT_EQ(Seqs("sjaelland"), SeqVec{1});
  EXPECT_EQ(Seqs("vaekst"), SeqVec{1});
  EXPECT_EQ(Seqs("fireaarigt"), SeqVec{1});  // "aa" for "å"
}

TEST_F(SearchIndexTest, EnglishStemmingMatchesInflections) {
  Put({Doc(1, "en", "FORCE: Cities Cooperating for Circular Economy",
           "EU project led by Copenhagen with Hamburg, Lisbon, universities and manufacturers."),
       Doc(2, "en", "Measuring circularity in procurement", "Indicators for the city."),
       Doc(3, "en", "Street Lab", "An urban laboratory for smart city solutions.")});
  EXPECT_EQ(SortedSeqs("circular"), (SeqVec{1, 2}));
  EXPECT_EQ(SortedSeqs("cities"), (SeqVec{1, 2, 3}));
  EXPECT_EQ(SortedSeqs("city"), (SeqVec{1, 2, 3}));
  EXPECT_EQ(Seqs("university"), SeqVec{1});
  EXPECT_EQ(Seqs("laboratories"), SeqVec{3});
}

TEST_F(SearchIndexTest, SpanishStemmingMatchesInflections) {
  Put({Doc(1, "es", "Cooperación Copenhague-Buenos Aires: economía circular",
           "La Ciudad de Buenos Aires y Copenhague trabajan en adaptación climática, "
           "optimización energética y gestión de aguas residuales."),
       Doc(2, "es", "Las ciudades intercambian expertos", "Ambas partes aprenden.")});
  EXPECT_EQ(SortedSeqs("ciudades"), (SeqVec{1, 2}));
  EXPECT_EQ(SortedSeqs("ciudad"), (SeqVec{1, 2}));
  EXPECT_EQ(Seqs("economia"), SeqVec{1});
  EXPECT_EQ(Seqs("adaptacion climatica"), SeqVec{1});
  EXPECT_EQ(Seqs("experto"), SeqVec{2});
}

TEST_F(SearchIndexTest, DanishStemmingMatchesInflections) {
  Put({Doc(1, "da", "Klima og vækst", "Byens klima skal forbedres."),
       Doc(2, "da", "Klimaplanen for 2025", "Planen gør byen CO2-neutral."),
       Doc(3, "da", "Cleantech-klyngen", "Evalueringen viser 1089 nye job.")});
  EXPECT_EQ(Seqs("klimaet"), SeqVec{1});
  EXPECT_EQ(Seqs("klimaplan"), SeqVec{2});
  EXPECT_EQ(Seqs("klyngerne"), SeqVec{3});
  EXPECT_EQ(Seqs("evaluering"), SeqVec{3});
  EXPECT_EQ(Seqs("co2 neutral"), SeqVec{2});
}

TEST_F(SearchIndexTest, ChineseBigramsFindWordsInsideLongerRuns) {
  Put({Doc(1, "zh-Hans", "北京市污水处理合作",
           "哥本哈根和北京的城市专家在气候适应、能源优化、污水管理和循环经济方面开展合作。", "",
           "ssc-beijing"),
       Doc(2, "zh-Hans", "南京的公园", "城市绿地与市民健康。", "", "ssc-beijing")});
  EXPECT_EQ(Seqs("北京"), SeqVec{1});
  EXPECT_EQ(Seqs("污水"), SeqVec{1});
  EXPECT_EQ(Seqs("污水处理"), SeqVec{1});
  EXPECT_EQ(Seqs("京北"), SeqVec{});
  EXPECT_EQ(Seqs("北京 循环经济"), SeqVec{1});
  EXPECT_EQ(SortedSeqs("城市"), (SeqVec{1, 2}));
  EXPECT_EQ(SortedSeqs("京"), (SeqVec{1, 2}));
  auto hits = Find("北京");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("[北京]"), std::string::npos) << hits[0].snippet;
  hits = Find("污水处理");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("[污水处理]"), std::string::npos) << hits[0].snippet;
}

TEST_F(SearchIndexTest, JapaneseKanaRunsAreBigrams) {
  Put({Doc(1, "ja", "東京タワーと自転車", "コペンハーゲンの自転車道を学ぶ。")});
  EXPECT_EQ(Seqs("タワー"), SeqVec{1});
  EXPECT_EQ(Seqs("自転車"), SeqVec{1});
  EXPECT_EQ(Seqs("コペンハーゲン"), SeqVec{1});
  EXPECT_EQ(Seqs("ワタ"), SeqVec{});
}

TEST_F(SearchIndexTest, PrefixQueriesExpandOverRealWords) {
  Put({Doc(1, "da", "Klimaplan 2025", "Københavns plan for CO2-neutralitet."),
       Doc(2, "da", "Klimatilpasning i byen", "Skybrudsplanen beskytter mod oversvømmelse."),
       Doc(3, "en", "Cleantech cluster", "Green growth and jobs."),
       Doc(4, "en", "Climate adaptation", "Cities adapting to cloudbursts.")});
  EXPECT_EQ(SortedSeqs("klima*"), (SeqVec{1, 2}));
  EXPECT_EQ(SortedSeqs("KLIMA*"), (SeqVec{1, 2}));
  EXPECT_EQ(Seqs("klimat*"), SeqVec{2});
  EXPECT_EQ(Seqs("klimatilp*"), SeqVec{2});
  EXPECT_EQ(Seqs("kø*"), SeqVec{1});
  EXPECT_EQ(Seqs("koeb*"), SeqVec{1});
  EXPECT_EQ(Seqs("clean*"), SeqVec{3});
  EXPECT_EQ(Seqs("adapt*"), SeqVec{4});
  EXPECT_EQ(Seqs("\"climate adapt\"*"), SeqVec{4});
  EXPECT_EQ(Seqs("klima* byen"), SeqVec{2});
}

TEST_F(SearchIndexTest, QuotedPhrasesNeedAdjacentWordsAndWordsAreAnded) {
  Put({Doc(1, "en", "Climate adaptation and wastewater", "Copenhagen and Beijing cooperate."),
       Doc(2, "en", "Adaptation of the climate plan", "Copenhagen updates its plan."),
       Doc(3, "en", "Wastewater management", "Buenos Aires.")});
  EXPECT_EQ(Seqs("\"climate adaptation\""), SeqVec{1});
  EXPECT_EQ(SortedSeqs("climate adaptation"), (SeqVec{1, 2}));
  EXPECT_EQ(Seqs("copenhagen wastewater"), SeqVec{1});
  EXPECT_EQ(Seqs("climate-adaptation"), SeqVec{1});  // a hyphenated term is a phrase
}

TEST_F(SearchIndexTest, TitleHitOutranksBodyHit) {
  Put({Doc(1, "en", "Healthtech cluster", "Public demand and living labs.",
           "The cluster also touched on wastewater in passing, among many other topics."),
       Doc(2, "en", "Wastewater treatment cooperation", "Copenhagen and Beijing.",
           "Experts exchange methods.")});
  auto hits = Find("wastewater");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].seq, 2u);
  EXPECT_EQ(hits[1].seq, 1u);
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_EQ(hits[0].id_hex, IdHex(2));
}

TEST_F(SearchIndexTest, ThemesAndOutcomesAreSearchable) {
  SearchDoc d = Doc(1, "da", "Copenhagen Cleantech Cluster skabte job og vækst", "Klyngeprojekt.");
  d.themes = {"cleantech", "business-clusters", "green-growth"};
  d.outcomes = {"new jobs 1089 jobs", "start-ups supported 126 companies"};
  SearchDoc dataset = Doc(2, "en", "Air quality sensors 2024", "Hourly NO2 readings.");
  dataset.kind = "dataset";
  dataset.themes = {"air-quality"};
  Put({d, dataset});
  EXPECT_EQ(Seqs("green-growth"), SeqVec{1});
  EXPECT_EQ(Seqs("1089"), SeqVec{1});
  EXPECT_EQ(Seqs("startups"), SeqVec{});
  EXPECT_EQ(Seqs("start-ups"), SeqVec{1});
  EXPECT_EQ(Seqs("air quality"), SeqVec{2});
  auto hits = Find("126");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("[126]"), std::string::npos) << hits[0].snippet;
}

TEST_F(SearchIndexTest, SnippetsBracketMatchesAndMarkCuts) {
  std::string body =
      "The climate plan is connected to a strong focus on green growth and jobs. The city works "
      "through industrial clusters (cleantech, healthtech, creative) and partnerships with "
      "businesses and knowledge institutions, and maps its contribution to the UN Sustainable "
      "Development Goals in a dedicated action plan.";
  Put({Doc(1, "en", "CPH 2025 Climate Plan", "Copenhagen's goal.", body, "c40")});
  auto hits = Find("partnerships");
  ASSERT_EQ(hits.size(), 1u);
  const std::string& snippet = hits[0].snippet;
  EXPECT_NE(snippet.find("[partnerships]"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("…"), std::string::npos) << snippet;
  // A prefix match brackets the whole word, a phrase is bracketed as one.
  hits = Find("clust*");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("[clusters]"), std::string::npos) << hits[0].snippet;
  hits = Find("\"climate plan\"");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("[climate plan]"), std::string::npos) << hits[0].snippet;
  // A match only in the title gives the title as the excerpt, whole: no "…".
  hits = Find("CPH");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].snippet, "[CPH] 2025 Climate Plan");
  // OR is a word here, not an operator: the document has no "or".
  EXPECT_TRUE(Find("copenhagen OR partnerships").empty());
}

TEST_F(SearchIndexTest, NetworkFilterKeepsOnlyListedNetworks) {
  Put({Doc(1, "en", "Climate plan", "Copenhagen.", "", "c40"),
       Doc(2, "en", "Climate adaptation", "Beijing.", "", "ssc-beijing"),
       Doc(3, "en", "Climate and circular economy", "Buenos Aires.", "", "ssc-buenos-aires")});
  EXPECT_EQ(Seqs("climate", {"c40"}), SeqVec{1});
  std::vector<uint64_t> two = Seqs("climate", {"ssc-beijing", "ssc-buenos-aires"});
  std::sort(two.begin(), two.end());
  EXPECT_EQ(two, (SeqVec{2, 3}));
  EXPECT_EQ(Seqs("climate", {"eurocities"}), SeqVec{});
  EXPECT_EQ(Seqs("climate", {}).size(), 3u);
}

TEST_F(SearchIndexTest, LimitAndOffsetPage) {
  std::vector<SearchDoc> docs;
  for (uint64_t seq = 1; seq <= 7; ++seq) {
    docs.push_back(Doc(seq, "en", "Cycling case " + std::to_string(seq),
                       std::string(seq, 'x') + " everyday cycling as an urban solution"));
  }
  Put(docs);
  std::set<uint64_t> seen;
  for (std::size_t offset = 0; offset < 7; offset += 3) {
    auto page = Seqs("cycling", {}, 3, offset);
    EXPECT_EQ(page.size(), offset == 6 ? 1u : 3u);
    for (uint64_t s : page) EXPECT_TRUE(seen.insert(s).second) << "seq " << s << " twice";
  }
  EXPECT_EQ(seen.size(), 7u);
  auto all = Seqs("cycling");
  auto first = Seqs("cycling", {}, 3, 0);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), all.begin()));
  EXPECT_TRUE(Seqs("cycling", {}, 3, 100).empty());
  EXPECT_TRUE(Seqs("cycling", {}, 0, 0).empty());
}

TEST_F(SearchIndexTest, PutOfAnExistingSeqReplacesIt) {
  Put({Doc(1, "da", "Klimaet i byen", "Københavns klima.")}, 1);
  EXPECT_EQ(Seqs("klimaet"), SeqVec{1});
  // Same seq, other language and text: the Danish stems must leave the index with it.
  Put({Doc(1, "en", "Cities and cycling", "Everyday cycling.")}, 2);
  EXPECT_EQ(Seqs("klimaet"), SeqVec{});
  EXPECT_EQ(Seqs("klima"), SeqVec{});
  EXPECT_EQ(Seqs("kobenhavn"), SeqVec{});
  EXPECT_EQ(Seqs("city"), SeqVec{1});
  auto count = index_->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1u);
  // The same record id arriving under a new seq replaces the old entry too.
  SearchDoc moved = Doc(5, "en", "Harbour bath", "Swimming.");
  moved.id_hex = IdHex(1);
  Put({moved}, 5);
  EXPECT_EQ(Seqs("cycling"), SeqVec{});
  EXPECT_EQ(Seqs("harbour"), SeqVec{5});
  EXPECT_EQ(*index_->Count(), 1u);
  // Within one batch the later doc wins.
  Put({Doc(7, "en", "First version", "Draft."), Doc(7, "en", "Second version", "Final.")}, 7);
  EXPECT_EQ(Seqs("first"), SeqVec{});
  EXPECT_EQ(Seqs("second"), SeqVec{7});
  EXPECT_EQ(*index_->Count(), 2u);
}

TEST_F(SearchIndexTest, RemoveDeletesAndMissingIdsAreFine) {
  Put({Doc(1, "en", "Street Lab", "Smart city solutions."),
       Doc(2, "da", "Klimaplan", "Københavns klima.")});
  Status s = index_->Remove(IdHex(2), 3);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Seqs("klimaplan"), SeqVec{});
  EXPECT_EQ(Seqs("kobenhavn"), SeqVec{});
  EXPECT_EQ(Seqs("street"), SeqVec{1});
  EXPECT_EQ(*index_->Count(), 1u);
  EXPECT_EQ(index_->AppliedThrough(), 3u);
  s = index_->Remove(IdHex(99), 4);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(index_->AppliedThrough(), 4u);
  // The seq can come back (a rebuild re-adds it).
  Put({Doc(2, "da", "Klimaplan", "Københavns klima.")}, 5);
  EXPECT_EQ(Seqs("klimaplanen"), SeqVec{2});
}

TEST_F(SearchIndexTest, AppliedThroughPersistsAcrossReopen) {
  Put({Doc(3, "da", "Klimatilpasning", "Skybrud.")}, 7);
  EXPECT_EQ(index_->AppliedThrough(), 7u);
  ASSERT_TRUE(index_->Remove(IdHex(42), 9).ok());
  Put({}, 11);  // progress without documents (records the index does not cover)
  index_.reset();
  index_ = OpenIndex();
  ASSERT_NE(index_, nullptr);
  EXPECT_EQ(index_->AppliedThrough(), 11u);
  EXPECT_EQ(Seqs("klima*"), SeqVec{3});
  EXPECT_EQ(*index_->Count(), 1u);
}

TEST_F(SearchIndexTest, OutOfRangeSeqIsInvalidArgumentAndWritesNothing) {
  SearchDoc d = Doc(1, "en", "Too big", "x");
  d.seq = uint64_t{1} << 63;
  EXPECT_EQ(index_->Put({d}, 1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(index_->Put({}, uint64_t{1} << 63).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(index_->Remove(IdHex(1), ~uint64_t{0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*index_->Count(), 0u);
  EXPECT_EQ(index_->AppliedThrough(), 0u);
}

TEST_F(SearchIndexTest, HostileQueriesNeverFail) {
  Put({Doc(1, "en", "Title: AND OR NOT near the harbour", "NEAR(x y) ^start col:x \"quoted\""),
       Doc(2, "zh-Hans", "北京", "污水")});
  std::string invalid_utf8 = "klima \xff\xfe\xc3 \xed\xa0\x80 \x01\x02";
  invalid_utf8.push_back('\0');
  invalid_utf8 += "tail";
  std::string ten_kib;
  while (ten_kib.size() < 10 * 1024) ten_kib += "copenhagen \"climate* AND (x OR y) NEAR( ^ ";
  const std::vector<std::string> queries = {
      "\"",
      "\"\"",
      "\"\"\"",
      "*",
      "**",
      "\"*\"",
      "AND OR NOT",
      "AND",
      "NOT harbour",
      "NEAR(",
      "NEAR(a b, 3)",
      "title:x",
      "title:",
      ":",
      "^",
      "^harbour",
      "-harbour",
      "+",
      "(",
      ")",
      "()",
      "{title summary}: x",
      "",
      "   ",
      "\t\n",
      "a\"b",
      "\"unclosed phrase",
      "x*y*",
      "*klima",
      "'",
      "''",
      "%",
      "_",
      "\\",
      ";",
      "--",
      "/*",
      "NULL",
      "ü",
      "🙂",
      invalid_utf8,
      ten_kib,
      std::string(10 * 1024, 'a'),
      std::string(10 * 1024, '"'),
      std::string(5000, '*'),
      "北京" + std::string(3000, ' ') + "污水",
  };
  for (const std::string& q : queries) {
    SearchQuery query;
    query.text = q;
    auto hits = index_->Search(query);
    EXPECT_TRUE(hits.ok()) << "query [" << q.substr(0, 40) << "]: " << hits.status().ToString();
  }
  // Operators are matched as words, so these still find the document.
  EXPECT_EQ(Seqs("AND OR NOT"), SeqVec{1});
  EXPECT_EQ(Seqs("NEAR("), SeqVec{1});
  EXPECT_EQ(Seqs("^harbour"), SeqVec{1});
  EXPECT_EQ(Seqs("\"quoted"), SeqVec{1});
  EXPECT_EQ(Seqs("北京 \""), SeqVec{2});
}

TEST_F(SearchIndexTest, SecondConnectionSeesCommittedWrites) {
  auto reader = SearchIndex::Open(path_);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Put({Doc(1, "en", "Tour de France Grand Départ 2022", "Everyday cycling.")}, 4);
  SearchQuery q;
  q.text = "depart";
  auto hits = (*reader)->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*reader)->AppliedThrough(), 4u);
}

// ---- damaged and foreign files -------------------------------------------------------------

class SearchIndexFileTest : public ::testing::Test {
 protected:
  void WriteFile(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  void RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  void MakeIndex() {
    auto index = SearchIndex::Open(path_);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    std::vector<SearchDoc> docs;
    for (uint64_t seq = 1; seq <= 200; ++seq) {
      docs.push_back(Doc(seq, "en", "Case " + std::to_string(seq) + " climate adaptation",
                         "Copenhagen and Beijing cooperate on wastewater and circular economy.",
                         std::string(400, 'z') + std::to_string(seq)));
    }
    ASSERT_TRUE((*index)->Put(docs, 200).ok());
  }
  StatusCode OpenCode() {
    auto index = SearchIndex::Open(path_);
    return index.ok() ? StatusCode::kOk : index.status().code();
  }
  TempDir dir_;
  std::string path_ = dir_.File("search.sqlite");
};

TEST_F(SearchIndexFileTest, GarbageFileIsDataLoss) {
  std::string garbage;
  for (int i = 0; i < 8192; ++i) garbage.push_back(static_cast<char>((i * 7919 + 13) % 251));
  WriteFile(garbage);
  auto index = SearchIndex::Open(path_);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kDataLoss) << index.status().ToString();
  EXPECT_NE(index.status().message().find(path_), std::string::npos);
}

TEST_F(SearchIndexFileTest, SqliteHeaderWithGarbageIsDataLoss) {
  std::string bytes("SQLite format 3", 16);
  bytes += std::string(4096 * 3, '\x5a');
  WriteFile(bytes);
  EXPECT_EQ(OpenCode(), StatusCode::kDataLoss);
}

TEST_F(SearchIndexFileTest, EmptyFileBecomesAnIndex) {
  WriteFile("");
  EXPECT_EQ(OpenCode(), StatusCode::kOk);
}

TEST_F(SearchIndexFileTest, WrongSchemaVersionIsDataLoss) {
  MakeIndex();
  RawExec("PRAGMA user_version = 99");
  auto index = SearchIndex::Open(path_);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kDataLoss) << index.status().ToString();
  EXPECT_NE(index.status().message().find("99"), std::string::npos);
}

TEST_F(SearchIndexFileTest, ForeignSqliteDatabaseIsDataLoss) {
  RawExec("CREATE TABLE cities(name TEXT); INSERT INTO cities VALUES('Aarhus');");
  EXPECT_EQ(OpenCode(), StatusCode::kDataLoss);
}

TEST_F(SearchIndexFileTest, MissingTablesAreDataLoss) {
  MakeIndex();
  RawExec("DROP TABLE meta");
  EXPECT_EQ(OpenCode(), StatusCode::kDataLoss);
}

TEST_F(SearchIndexFileTest, TruncatedFileIsDataLoss) {
  MakeIndex();
  // Fold the WAL into the main file first so that truncating it loses pages.
  RawExec("PRAGMA wal_checkpoint(TRUNCATE)");
  auto size = std::filesystem::file_size(path_);
  ASSERT_GT(size, 3 * 4096u);
  std::filesystem::resize_file(path_, size / 2);
  EXPECT_EQ(OpenCode(), StatusCode::kDataLoss);
}

TEST_F(SearchIndexFileTest, DamagedFullTextDataIsDataLossOnSearch) {
  MakeIndex();
  // Cut every leaf page of the full-text segments short.
  RawExec("UPDATE fts_data SET block = substr(block, 1, 8) WHERE id > 10");
  auto index = SearchIndex::Open(path_);
  ASSERT_TRUE(index.ok()) << index.status().ToString();  // the SQLite level is intact
  SearchQuery q;
  q.text = "climate";
  auto hits = (*index)->Search(q);
  ASSERT_FALSE(hits.ok());
  EXPECT_EQ(hits.status().code(), StatusCode::kDataLoss) << hits.status().ToString();
}

TEST_F(SearchIndexFileTest, MissingDirectoryIsInternal) {
  auto index = SearchIndex::Open(dir_.File("no/such/dir/search.sqlite"));
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kInternal) << index.status().ToString();
}

}  // namespace
}  // namespace citynet::store::internal
