// Datasets through a real citynetd: upload in parts, the gate as a job, the signed record, the
// body stored with it, listing, showing and exporting; refusals that leave nothing behind.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "node/daemon/datasets.h"
#include "node/privacy/gate.h"
#include "protocol/bytes.h"
#include "store/store.h"
#include "tests/node/daemon_harness.h"
#include "tests/protocol/test_util.h"
#include "tools/control_client.h"

namespace citynet::testing {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// Ids for a DatasetService made by a test: a different byte each call, the same ids each run.
std::function<void(uint8_t*, std::size_t)> CountingBytes() {
  return [calls = uint8_t{0}](uint8_t* out, std::size_t size) mutable {
    std::fill(out, out + size, ++calls);
  };
}

struct Survey {
  std::string csv;
  std::vector<std::string> personal;  // every CPR number, e-mail, phone and name written
};

// A small citizen survey full of personal data: name, CPR, e-mail, phone, then quasi-identifiers
// and answers, and a free-text comment that sometimes carries a CPR number.
Survey MakeSurvey(int rows, unsigned seed) {
  const std::vector<std::string> first = {"Anne",  "Mette", "Søren", "Lars",
                                          "Freja", "Mads",  "Sofie", "Jens"};
  const std::vector<std::string> last = {"Nielsen", "Jensen", "Hansen", "Pedersen", "Møller"};
  const std::vector<std::string> districts = {"Østerbro", "Nørrebro", "Valby", "Amager Øst"};
  std::mt19937 rng(seed);
  auto pick = [&](const auto& v) { return v[rng() % v.size()]; };
  Survey s;
  s.csv = "name,cpr,email,phone,age,gender,district,commute_minutes,comment\n";
  for (int i = 0; i < rows; ++i) {
    const std::string name = pick(first) + " " + pick(last);
    const int age = 20 + static_cast<int>(rng() % 60);
    const std::string cpr = fmt::format("{:02}{:02}{:02}-{:04}", 1 + rng() % 28, 1 + rng() % 12,
                                        (2024 - age) % 100, rng() % 10000);
    const std::string email = fmt::format("person{}@example.dk", i);
    const std::string phone = fmt::format("+45 {} {} {} {}", 20 + rng() % 70, 10 + rng() % 90,
                                          10 + rng() % 90, 10 + rng() % 90);
    std::string comment = i % 25 == 0 ? "ring til mig, mit cpr er " + cpr : "";
    s.csv += fmt::format("{},{},{},{},{},{},{},{},\"{}\"\n", name, cpr, email, phone, age,
                         rng() % 2 ? "F" : "M", pick(districts), 5 + rng() % 50, comment);
    for (const std::string& p : {name, cpr, email, phone}) s.personal.push_back(p);
  }
  return s;
}

class DatasetDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mesh_ = std::make_unique<DaemonMesh>(std::vector<NodeSpec>{{"copenhagen", {"c40"}}},
                                         std::vector<LinkSpec>{});
    mesh_->Start("copenhagen");
    auto client = tools::ControlClient::Connect(mesh_->ControlEndpoint("copenhagen"), 20s);
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    client_.emplace(std::move(client).value());
  }

  // Uploads `text` in parts of `part` bytes; the upload id.
  std::string Upload(const std::string& text, std::size_t part) {
    std::string id;
    for (std::size_t at = 0; at < text.size(); at += part) {
      json args{{"data", ToBase64(AsBytes(std::string_view(text).substr(at, part)))},
                {"offset", at}};
      if (!id.empty()) args["upload"] = id;
      auto r = client_->Call("dataset.upload", args);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) return "";
      id = (*r)["upload"].get<std::string>();
      EXPECT_EQ((*r)["size"].get<std::size_t>(), std::min(text.size(), at + part));
    }
    return id;
  }

  json PublishArgs(const std::string& upload) {
    return json{{"upload", upload},
                {"network", "c40"},
                {"title", "Copenhagen commuter survey 2024"},
                {"description", "How citizens of four districts commute, from a 2024 survey."},
                {"licence", "CC-BY-4.0"},
                {"language", "en"}};
  }

  // Polls the job until it is no longer running.
  json WaitJob(const std::string& job) {
    for (int i = 0; i < 600; ++i) {
      auto r = client_->Call("dataset.job", {{"job", job}});
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok() || (*r)["state"] != "running") return r.ok() ? *r : json();
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "job " << job << " still running after 30 s";
    return json();
  }

  std::string Export(const std::string& id) {
    std::string body;
    int64_t chunks = 1;
    for (int64_t i = 0; i < chunks; ++i) {
      auto r = client_->Call("dataset.export", {{"id", id}, {"index", i}});
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) return body;
      chunks = (*r)["chunks"].get<int64_t>();
      auto bytes = FromBase64((*r)["data"].get<std::string>());
      EXPECT_TRUE(bytes.ok());
      body.append(bytes->begin(), bytes->end());
    }
    return body;
  }

  std::unique_ptr<DaemonMesh> mesh_;
  std::optional<tools::ControlClient> client_;
};

TEST_F(DatasetDaemonTest, PublishedSurveyIsAnonymisedSignedAndStoredWhole) {
  const Survey survey = MakeSurvey(800, 11);
  const std::string upload = Upload(survey.csv, 7000);  // many parts
  ASSERT_FALSE(upload.empty());
  json args = PublishArgs(upload);
  args["keep_text"] = {"comment"};  // free text is dropped unless kept, and then scrubbed
  auto started = client_->Call("dataset.publish", args);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json job = WaitJob((*started)["job"].get<std::string>());
  ASSERT_EQ(job["state"], "published") << job.dump(2) << mesh_->LogTail("copenhagen");
  const std::string id = job["record"]["id"].get<std::string>();
  EXPECT_EQ(job["privacy"]["k_required"], 5);
  EXPECT_GE(job["privacy"]["k_reached"].get<int>(), 5);
  EXPECT_FALSE(job["summary"].empty());

  auto shown = client_->Call("dataset.show", {{"id", id}});
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ((*shown)["body"]["state"], "complete");
  EXPECT_TRUE((*shown)["signature_verified"].get<bool>());
  std::vector<std::string> dropped;
  for (const json& a : (*shown)["privacy"]["dropped_columns"]) dropped.push_back(a["column"]);
  EXPECT_EQ(dropped, (std::vector<std::string>{"name", "cpr", "email", "phone"}));
  std::vector<std::string> cleaned;
  for (const json& a : (*shown)["privacy"]["cleaned_columns"]) cleaned.push_back(a["column"]);
  EXPECT_EQ(cleaned, (std::vector<std::string>{"comment"}));

  auto listed = client_->Call("dataset.list", json::object());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ((*listed)["datasets"].size(), 1u);
  EXPECT_EQ((*listed)["datasets"][0]["id"], id);

  // The exported body is the published table: the header, no personal value of the input.
  const std::string body = Export(id);
  EXPECT_EQ(body.substr(0, body.find('\n')), "age,gender,district,commute_minutes,comment");
  EXPECT_EQ(static_cast<uint64_t>(std::count(body.begin(), body.end(), '\n')) - 1,
            (*shown)["rows"].get<uint64_t>());
  for (const std::string& p : survey.personal) {
    ASSERT_EQ(body.find(p), std::string::npos) << "published: " << p;
  }
  // The upload is gone once published, and so is the body's spill file.
  EXPECT_TRUE(std::filesystem::is_empty(mesh_->Dir("copenhagen") + "/data/uploads"));
}

TEST_F(DatasetDaemonTest, CheckRunsTheWholeGateAndSignsNothing) {
  const Survey survey = MakeSurvey(400, 12);
  const std::string upload = Upload(survey.csv, 1 << 20);
  // No metadata: a check needs none.
  auto started = client_->Call("dataset.check", {{"upload", upload}, {"preview_rows", 4}});
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json job = WaitJob((*started)["job"].get<std::string>());
  ASSERT_EQ(job["state"], "checked") << job.dump(2) << mesh_->LogTail("copenhagen");
  const json& check = job["check"];
  EXPECT_TRUE(check["passes"].get<bool>()) << check.dump(2);
  ASSERT_EQ(check["preview"].size(), 5u);  // the header and 4 rows
  EXPECT_EQ(check["privacy"]["gate_version"], 2);
  std::map<std::string, std::string> roles;
  for (const json& r : check["privacy"]["column_roles"]) roles[r["column"]] = r["role"];
  EXPECT_EQ(roles["cpr"], "identifier");
  EXPECT_EQ(roles["age"], "quasi-identifier");
  EXPECT_EQ(roles["comment"], "free text");
  const std::string preview = check["preview"].dump();
  for (const std::string& p : survey.personal) {
    ASSERT_EQ(preview.find(p), std::string::npos) << "shown: " << p;
  }
  // Nothing signed, nothing left behind.
  auto listed = client_->Call("dataset.list", json::object());
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE((*listed)["datasets"].empty());
  EXPECT_TRUE(std::filesystem::is_empty(mesh_->Dir("copenhagen") + "/data/uploads"));
}

// A stop after the record was signed but before its body was stored whole: the next start
// retracts the record (no partner waits for a body that will never come) and says so.
TEST_F(DatasetDaemonTest, PublishInterruptedBeforeTheBodyIsWholeIsRetractedAtStart) {
  const std::string upload = Upload(MakeSurvey(300, 14).csv, 1 << 20);
  auto started = client_->Call("dataset.publish", PublishArgs(upload));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json job = WaitJob((*started)["job"].get<std::string>());
  ASSERT_EQ(job["state"], "published") << job.dump(2);
  const std::string hex = job["record"]["id"].get<std::string>();
  client_.reset();
  mesh_->Stop("copenhagen");
  {
    // What a stop halfway through the body's writes leaves: the record, a body not complete.
    store::StoreOptions options;
    options.path = mesh_->Dir("copenhagen") + "/data/store";
    auto store = store::OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto id = RecordId::FromHexString(hex);
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE((*store)->DropBody(*id, {store::BodyState::kFetching, 0, 1, ""}).ok());
  }
  mesh_->Start("copenhagen");
  auto client = tools::ControlClient::Connect(mesh_->ControlEndpoint("copenhagen"), 20s);
  ASSERT_TRUE(client.ok());
  client_.emplace(std::move(client).value());
  auto shown = client_->Call("dataset.show", {{"id", hex}});
  EXPECT_EQ(shown.status().code(), StatusCode::kNotFound) << shown.status().ToString();
  EXPECT_NE(shown.status().message().find("retracted"), std::string::npos);
  auto erasure = client_->Call("case.erasure", {{"id", hex}});
  ASSERT_TRUE(erasure.ok()) << erasure.status().ToString();
  EXPECT_NE((*erasure)["retraction"]["reason"].get<std::string>().find("stopped"),
            std::string::npos)
      << erasure->dump(2);
  EXPECT_NE(mesh_->LogTail("copenhagen").find("publish the table again"), std::string::npos);
}

TEST_F(DatasetDaemonTest, TableThatCannotReachKIsRefusedAndNothingIsStored) {
  const Survey survey = MakeSurvey(40, 12);
  const std::string upload = Upload(survey.csv, 1 << 20);
  json args = PublishArgs(upload);
  args["k"] = 50;  // more than the rows
  auto started = client_->Call("dataset.publish", args);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json job = WaitJob((*started)["job"].get<std::string>());
  EXPECT_EQ(job["state"], "refused") << job.dump(2);
  EXPECT_NE(job["message"].get<std::string>().find("k = 50"), std::string::npos) << job.dump(2);
  auto listed = client_->Call("dataset.list", json::object());
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE((*listed)["datasets"].empty());
  EXPECT_TRUE(std::filesystem::is_empty(mesh_->Dir("copenhagen") + "/data/uploads"));
}

TEST_F(DatasetDaemonTest, BadRequestsAreRefusedWithTheReason) {
  // Metadata problems come back at once, before the gate runs.
  const std::string upload = Upload(MakeSurvey(30, 13).csv, 1 << 20);
  json args = PublishArgs(upload);
  args["licence"] = "";
  auto r = client_->Call("dataset.publish", args);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("licence"), std::string::npos) << r.status().ToString();

  // A network this node is not in is refused when the record is signed.
  args = PublishArgs(upload);
  args["network"] = "eurocities";
  auto started = client_->Call("dataset.publish", args);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json job = WaitJob((*started)["job"].get<std::string>());
  EXPECT_EQ(job["state"], "refused");
  EXPECT_NE(job["message"].get<std::string>().find("eurocities"), std::string::npos);

  // A part sent twice (the offset says so) is refused; an unknown upload too.
  auto first =
      client_->Call("dataset.upload", {{"data", ToBase64(AsBytes("a,b\n"))}, {"offset", 0}});
  ASSERT_TRUE(first.ok());
  auto again = client_->Call(
      "dataset.upload",
      {{"upload", (*first)["upload"]}, {"data", ToBase64(AsBytes("a,b\n"))}, {"offset", 0}});
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("starts at 4"), std::string::npos);
  auto unknown = client_->Call("dataset.publish", PublishArgs("0123456789abcdef"));
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);

  // Malformed CSV: the job is refused with the line.
  const std::string bad = Upload("age,gender\n30,\"F\n31,M\n", 1 << 20);
  started = client_->Call("dataset.publish", PublishArgs(bad));
  ASSERT_TRUE(started.ok());
  const json bad_job = WaitJob((*started)["job"].get<std::string>());
  EXPECT_EQ(bad_job["state"], "refused");
  EXPECT_NE(bad_job["message"].get<std::string>().find("line 2"), std::string::npos)
      << bad_job.dump(2);

  // Exporting a case (not a dataset) says so.
  const std::string case_id = mesh_->Publish("copenhagen", "c40", "A case");
  auto exported = client_->Call("dataset.export", {{"id", case_id}, {"index", 0}});
  EXPECT_EQ(exported.status().code(), StatusCode::kInvalidArgument);
}

// A partner fetches the body on demand: chunk by chunk, re-checked, byte for byte the
// publisher's; a node outside the network never gets it.
TEST(DatasetMeshTest, PartnerFetchesTheBodyAndExportsTheSameTable) {
  DaemonMesh mesh(
      {{"copenhagen", {"c40", "eurocities"}}, {"c40", {"c40"}}, {"eurocities", {"eurocities"}}},
      {{"c40", "copenhagen"}, {"eurocities", "copenhagen"}});
  mesh.StartAll();
  auto client = [&](const std::string& node) {
    auto c = tools::ControlClient::Connect(mesh.ControlEndpoint(node), 20s);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  };
  tools::ControlClient cph = client("copenhagen");
  tools::ControlClient c40 = client("c40");
  tools::ControlClient euro = client("eurocities");

  const Survey survey = MakeSurvey(3000, 21);
  auto up = cph.Call("dataset.upload", {{"data", ToBase64(AsBytes(survey.csv))}, {"offset", 0}});
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  auto started = cph.Call("dataset.publish",
                          {{"upload", (*up)["upload"]},
                           {"network", "c40"},
                           {"title", "Commuting in Copenhagen"},
                           {"description", "A survey of commuting, anonymised by the gate."},
                           {"licence", "CC-BY-4.0"}});
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  json job;
  for (int i = 0; i < 600; ++i) {
    job = *cph.Call("dataset.job", {{"job", (*started)["job"]}});
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(job["state"], "published") << job.dump(2);
  const std::string id = job["record"]["id"];

  // The record replicates like any other; the body only when asked for.
  ASSERT_TRUE(WaitFor(
      [&] {
        return c40.Call("dataset.show", {{"id", id}}).ok();
      },
      30s))
      << mesh.LogTail("c40");
  auto shown = c40.Call("dataset.show", {{"id", id}});
  EXPECT_EQ((*shown)["body"]["state"], "absent");
  auto fetch = c40.Call("dataset.fetch", {{"id", id}});
  ASSERT_TRUE(fetch.ok()) << fetch.status().ToString();
  ASSERT_TRUE(WaitFor(
      [&] {
        auto s = c40.Call("dataset.show", {{"id", id}});
        return s.ok() && (*s)["body"]["state"] == "complete";
      },
      60s))
      << c40.Call("dataset.show", {{"id", id}})->dump(2) << mesh.LogTail("c40");

  auto export_all = [](tools::ControlClient& c, const std::string& dataset) {
    std::string body;
    for (int64_t i = 0, n = 1; i < n; ++i) {
      auto r = c.Call("dataset.export", {{"id", dataset}, {"index", i}});
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) break;
      n = (*r)["chunks"].get<int64_t>();
      auto bytes = FromBase64((*r)["data"].get<std::string>());
      body.append(bytes->begin(), bytes->end());
    }
    return body;
  };
  const std::string published = export_all(cph, id);
  EXPECT_FALSE(published.empty());
  EXPECT_EQ(export_all(c40, id), published);
  const json status = mesh.Status("c40");
  EXPECT_EQ(status["datasets"]["bodies_completed"], 1) << status["datasets"].dump(2);
  EXPECT_EQ(status["datasets"]["chunks_fetched"], (*shown)["body"]["chunks"]);
  EXPECT_EQ(mesh.Status("copenhagen")["datasets"]["chunks_served"], (*shown)["body"]["chunks"]);

  // Eurocities is a partner of Copenhagen but not in c40: neither record nor body reaches it.
  auto not_there = euro.Call("dataset.show", {{"id", id}});
  EXPECT_EQ(not_there.status().code(), StatusCode::kNotFound);
  auto no_fetch = euro.Call("dataset.fetch", {{"id", id}});
  EXPECT_FALSE(no_fetch.ok());
}

// A publish interrupted between storing the body and storing its record leaves chunks for a
// record that does not exist; the next start removes them, and nothing else.
TEST(DatasetServiceTest, SweepRemovesBodiesWithoutARecordOnly) {
  TempDir dir;
  store::StoreOptions store_options;
  store_options.path = dir.path() + "/store";
  auto store = store::OpenStore(store_options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::string chunk = "age,gender\n30-34,F\n";
  RecordId orphan;
  orphan.data.fill(7);
  store::BodyStatus complete{store::BodyState::kComplete, 1, 1, ""};
  ASSERT_TRUE((*store)->PutChunks(orphan, 0, {AsBytes(chunk)}, complete, true).ok());

  node::Logger log(node::LogLevel::kError, node::Logger::Style::kPlain);
  privacy::Gate gate;
  node::DatasetService::Deps deps;
  deps.store = store->get();
  deps.gate = &gate;
  deps.log = &log;
  deps.clock = [] { return int64_t{1}; };
  deps.random_bytes = CountingBytes();
  node::DatasetServiceOptions options;
  options.upload_dir = dir.path() + "/uploads";
  std::filesystem::create_directories(options.upload_dir);
  { std::ofstream(options.upload_dir + "/stale.csv") << "a,b\n"; }
  auto service = node::DatasetService::Create(deps, options);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  // Uploads from before a restart are gone (their jobs are).
  EXPECT_TRUE(std::filesystem::is_empty(options.upload_dir));
  auto swept = node::DatasetService::SweepOrphanBodies(**store, log);
  ASSERT_TRUE(swept.ok()) << swept.status().ToString();
  EXPECT_EQ(*swept, 1u);
  auto held = (*store)->GetChunk(orphan, 0);
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(held->has_value());
  auto bodies = (*store)->Bodies();
  ASSERT_TRUE(bodies.ok());
  EXPECT_TRUE(bodies->empty());
  swept = node::DatasetService::SweepOrphanBodies(**store, log);
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 0u);
}

// Uploads a CLI never finished do not fill the disk: idle ones expire, and only a bounded number
// may be open at once.
TEST(DatasetServiceTest, IdleUploadsExpireAndOpenUploadsAreBounded) {
  TempDir dir;
  store::StoreOptions store_options;
  store_options.path = dir.path() + "/store";
  auto store = store::OpenStore(store_options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  node::Logger log(node::LogLevel::kError, node::Logger::Style::kPlain);
  privacy::Gate gate;
  int64_t now = 1'000'000;
  node::DatasetService::Deps deps;
  deps.store = store->get();
  deps.gate = &gate;
  deps.log = &log;
  deps.clock = [&now] { return now; };
  deps.random_bytes = CountingBytes();
  node::DatasetServiceOptions options;
  options.upload_dir = dir.path() + "/uploads";
  options.max_uploads = 2;
  options.upload_idle_ms = 60'000;
  auto service = node::DatasetService::Create(deps, options);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  auto part = [&](std::string upload) {
    json args{{"data", ToBase64(AsBytes("age,gender\n"))}, {"offset", 0}};
    if (!upload.empty())
      args = {{"upload", upload}, {"data", ToBase64(AsBytes("30,F\n"))}, {"offset", 11}};
    return (*service)->Handle("dataset.upload", args);
  };
  auto first = part("");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  now += 30'000;
  auto second = part("");
  ASSERT_TRUE(second.ok());
  auto third = part("");
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(third.status().message().find("minutes"), std::string::npos);
  // The first upload goes idle; the second is still being written.
  now += 40'000;
  ASSERT_TRUE(part((*second)["upload"]).ok());
  auto late = part((*first)["upload"]);
  EXPECT_EQ(late.status().code(), StatusCode::kNotFound);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(options.upload_dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);
  EXPECT_TRUE(part("").ok());  // room again
}

}  // namespace
}  // namespace citynet::testing
