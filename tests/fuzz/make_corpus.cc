// Writes the seed corpus for record_fuzz: envelopes of valid signed records of every kind
// (with and without payload), node cards, and the seed case studies signed as records.
// Usage: make_corpus OUT_DIR CASES_DIR
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/node_card.h"
#include "protocol/record.h"

using namespace citynet;
using namespace citynet::protocol;

namespace {
constexpr int64_t kTime = 1763899200000;

void Write(const std::string& dir, const std::string& name, const Bytes& bytes) {
  std::ofstream out(dir + "/" + name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

SignedRecord MustSign(const SigningKey& key, const RecordDraft& d, const Payload& p) {
  auto r = SignRecord(key, d, p);
  if (!r.ok()) {
    std::fprintf(stderr, "make_corpus: %s\n", r.status().ToString().c_str());
    std::exit(1);
  }
  return *r;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_corpus OUT_DIR CASES_DIR\n");
    return 2;
  }
  if (!InitCrypto().ok()) return 1;
  const std::string out = argv[1];
  std::vector<uint8_t> seed(32, 42);
  SigningKey key = std::move(SigningKey::FromSeed(seed)).value();

  std::vector<std::string> files;
  if (DIR* d = ::opendir(argv[2])) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 5 && n.substr(n.size() - 5) == ".json") files.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(files.begin(), files.end());
  uint64_t seq = 0;
  std::optional<RecordId> prev;
  std::optional<RecordId> first;
  for (const std::string& f : files) {
    std::ifstream in(std::string(argv[2]) + "/" + f);
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = CaseStudyFromJson(ss.str());
    if (!c.ok()) continue;
    c->networks = {"c40"};
    RecordDraft d{"c40", ++seq, prev, kTime + static_cast<int64_t>(seq), {}, {}};
    SignedRecord r = MustSign(key, d, *c);
    prev = ComputeRecordId(r.header);
    if (!first) first = prev;
    Write(out, "case-" + f.substr(0, f.size() - 5), EncodeEnvelope(Envelope{r}));
    if (seq == 1) {
      r.payload.reset();
      Write(out, "case-purged", EncodeEnvelope(Envelope{r}));
    }
  }
  RecordDraft rd{"c40", ++seq, prev, kTime + 100, RetractionRefs{{*first}}, {}};
  SignedRecord retraction = MustSign(key, rd, Retraction{"erasure request under GDPR article 17"});
  Write(out, "retraction", EncodeEnvelope(Envelope{retraction}));
  RecordId rid = ComputeRecordId(retraction.header);
  ErasureReceipt receipt{kTime + 200, {ErasureItem{*first, ErasureOutcome::kPurged}}};
  RecordDraft ed{"c40", ++seq, rid, kTime + 200, ErasureReceiptRefs{rid, key.public_key()}, {}};
  Write(out, "erasure-receipt", EncodeEnvelope(Envelope{MustSign(key, ed, receipt)}));

  Dataset ds;
  ds.language = "da";
  ds.title = "Borgerpanel: cykelvaner";
  ds.description = "Anonymised answers of the citizen panel.";
  ds.publisher = "City of Copenhagen";
  ds.licence = "CC-BY-4.0";
  ds.columns = {Column{"age", ColumnType::kCategory, "", "10-year bands"},
                Column{"district", ColumnType::kCategory, "", ""}};
  ds.privacy.k_required = 5;
  ds.privacy.k_reached = 6;
  ds.privacy.quasi_identifiers = {"age", "district"};
  ds.privacy.dropped_columns = {ColumnAction{"cpr", "Danish CPR numbers"}};
  ds.privacy.rows_in = 100;
  ds.privacy.rows_suppressed = 4;
  ds.body.total_size = 4096;
  ds.body.row_count = 96;
  ds.body.chunks = {ChunkRef{HashWithDomain(kChunkHashDomain, AsBytes("x")), 4096}};
  ds.networks = {"eurocities"};
  Write(
      out, "dataset",
      EncodeEnvelope(Envelope{MustSign(key, RecordDraft{"eurocities", 1, {}, kTime, {}, {}}, ds)}));

  NodeCard card;
  card.name = "copenhagen";
  card.display_name = "City of Copenhagen";
  card.transport_key.data.fill(7);
  card.endpoints = {"tcp://127.0.0.1:7401"};
  card.networks = {"c40", "eurocities"};
  card.issued_at_ms = kTime;
  Write(out, "node-card", EncodeEnvelope(Envelope{std::move(SignNodeCard(key, card)).value()}));
  // Sync messages.
  Write(out, "sync-summary",
        EncodeEnvelope(Envelope{SyncSummary{{NetworkSummary{"c40", HashWithDomain("", {}), 3},
                                             NetworkSummary{"eurocities", Hash256{}, 1}},
                                            false}}));
  Write(out, "sync-heads",
        EncodeEnvelope(Envelope{SyncHeads{{SyncHead{key.public_key(), "c40", seq, rid}}}}));
  Write(out, "sync-pull", EncodeEnvelope(Envelope{SyncPull{key.public_key(), "c40", 2, 512}}));
  Write(out, "sync-batch",
        EncodeEnvelope(Envelope{SyncBatch{key.public_key(), "c40", {retraction}, true}}));
  std::printf("make_corpus: wrote %zu case records and 9 others to %s\n", files.size(),
              out.c_str());
  return 0;
}
