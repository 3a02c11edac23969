#include "tests/protocol/test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace citynet::testing {

using namespace protocol;

SigningKey TestKey(uint8_t n) {
  EXPECT_TRUE(InitCrypto().ok());
  std::vector<uint8_t> seed(32, n);
  return std::move(SigningKey::FromSeed(seed)).value();
}

CaseStudy SampleCase() {
  CaseStudy c;
  c.language = "en";
  c.slug = "cph-street-lab";
  c.title = "Street Lab: an urban laboratory for smart city solutions";
  c.summary = "Copenhagen Solutions Lab opened a district as a test bed for smart city sensors.";
  c.body = "Sensors for parking, waste and air quality were tested in real streets.\nSecond line.";
  c.city = "Copenhagen";
  c.country = "DK";
  c.networks = {"c40", "eurocities"};
  c.sdgs = {9, 11, 17};
  c.sdg_targets = {"11.6", "11.b"};
  c.themes = {"smart-city", "living-labs"};
  c.period = Period{"2016-04", "2019"};
  c.outcomes = {Outcome{"private investment", std::nullopt, 15000000, "DKK"},
                Outcome{"solutions tested", 20, 24, "solutions"}};
  c.partners = {"Copenhagen Solutions Lab", "Cisco"};
  c.links = {Link{"https://www.kk.dk/streetlab", "Street Lab"}};
  c.licence = "CC-BY-4.0";
  return c;
}

Dataset SampleDataset() {
  Dataset d;
  d.language = "da";
  d.title = "Borgerpanel: cykelvaner 2025";
  d.description = "Anonymised answers of the citizen panel on cycling habits.";
  d.publisher = "City of Copenhagen";
  d.themes = {"mobility"};
  d.temporal_coverage = Period{"2025-01", "2025-06"};
  d.spatial_coverage = "Copenhagen";
  d.country = "DK";
  d.licence = "CC-BY-4.0";
  d.columns = {Column{"age", ColumnType::kCategory, "age band", "10-year bands"},
               Column{"district", ColumnType::kCategory, "", ""},
               Column{"cycles_daily", ColumnType::kBoolean, "", ""}};
  d.privacy.k_required = 5;
  d.privacy.k_reached = 7;
  d.privacy.quasi_identifiers = {"age", "district"};
  d.privacy.dropped_columns = {ColumnAction{"name", "personal names"},
                               ColumnAction{"cpr", "Danish CPR numbers in 1000 rows"}};
  d.privacy.generalised_columns = {ColumnAction{"age", "10-year bands"}};
  d.privacy.rows_in = 1000;
  d.privacy.rows_suppressed = 12;
  d.privacy.information_loss = 0.21;
  d.body.total_size = 3000;
  d.body.row_count = 988;
  ChunkRef a, b;
  a.hash = HashWithDomain(kChunkHashDomain, AsBytes("chunk a"));
  a.size = 2000;
  b.hash = HashWithDomain(kChunkHashDomain, AsBytes("chunk b"));
  b.size = 1000;
  d.body.chunks = {a, b};
  d.networks = {"eurocities"};
  return d;
}

Dataset SampleDatasetV2() {
  Dataset d = SampleDataset();
  d.privacy.gate_version = 2;
  d.privacy.column_roles = {
      ColumnRoleEntry{"name", ColumnRole::kIdentifier, "its name says personal names", false,
                      false},
      ColumnRoleEntry{"cpr", ColumnRole::kIdentifier, "its name says CPR numbers", false, false},
      ColumnRoleEntry{"age", ColumnRole::kQuasiIdentifier, "its name says age", false, true},
      ColumnRoleEntry{"district", ColumnRole::kQuasiIdentifier, "a column of district names", false,
                      true},
      ColumnRoleEntry{"cycles_daily", ColumnRole::kInsensitive, "declared by the publisher", true,
                      true},
      ColumnRoleEntry{"comment", ColumnRole::kFreeText,
                      "free text: dropped (keep it with --keep-text)", false, false}};
  return d;
}

Retraction SampleRetraction() { return Retraction{"erasure request under GDPR article 17"}; }

ErasureReceipt SampleReceipt() {
  ErasureReceipt e;
  e.erased_at_ms = kTestTimeMs + 1000;
  RecordId a;
  a.data.fill(0xaa);
  RecordId b;
  b.data.fill(0xbb);
  e.items = {ErasureItem{a, ErasureOutcome::kPurged}, ErasureItem{b, ErasureOutcome::kNotHeld}};
  return e;
}

RecordDraft Draft(const std::string& network, uint64_t seq, std::optional<RecordId> prev) {
  RecordDraft d;
  d.network = network;
  d.seq = seq;
  d.prev = prev;
  d.created_at_ms = kTestTimeMs + static_cast<int64_t>(seq);
  return d;
}

std::vector<SignedRecord> OneRecordOfEachKind() {
  SigningKey key = TestKey(1);
  std::vector<SignedRecord> out;
  auto cs = SignRecord(key, Draft("c40", 1), SampleCase());
  EXPECT_TRUE(cs.ok()) << cs.status().ToString();
  RecordId case_id = ComputeRecordId(cs->header);
  out.push_back(*cs);
  auto ds = SignRecord(key, Draft("eurocities", 1), SampleDataset());
  EXPECT_TRUE(ds.ok()) << ds.status().ToString();
  out.push_back(*ds);
  RecordDraft rd = Draft("c40", 2, case_id);
  rd.refs = RetractionRefs{{case_id}};
  auto rt = SignRecord(key, rd, SampleRetraction());
  EXPECT_TRUE(rt.ok()) << rt.status().ToString();
  out.push_back(*rt);
  RecordDraft ed = Draft("c40", 3, ComputeRecordId(rt->header));
  ed.refs = ErasureReceiptRefs{ComputeRecordId(rt->header), key.public_key()};
  auto er = SignRecord(key, ed, SampleReceipt());
  EXPECT_TRUE(er.ok()) << er.status().ToString();
  out.push_back(*er);
  return out;
}

std::vector<std::string> SeedCaseFiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CITYNET_SOURCE_DIR) +
                                                           "/deploy/demo/cases")) {
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "citynet-test-XXXXXX").string();
  char* p = ::mkdtemp(tmpl.data());
  if (p == nullptr) std::abort();
  path_ = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string DataScriptOutput(const std::string& script, const std::string& arguments) {
  const std::string command =
      std::string("python3 '") + CITYNET_SOURCE_DIR + "/tests/data/" + script + "' " + arguments;
  std::string text;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  if (pclose(pipe) != 0) text.clear();
  return text;
}

}  // namespace citynet::testing
