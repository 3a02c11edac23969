// The child of the store crash test: ingests signed records into the store at argv[1] in a
// loop, forever, and acknowledges each stored record on stdout ("accepted <id>" or
// "waiting <id>") only after Ingest returned. It prints "ready" once the store is open. Records are a deterministic function of
// (author, network, seq), so after a crash the child regenerates exactly the records it may
// have lost. Some pairs arrive out of order, and every 25th record is a retraction.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "protocol/record.h"
#include "store/store.h"

using namespace citynet;
using namespace citynet::protocol;
using namespace citynet::store;

namespace {
constexpr int64_t kBaseTime = 1763899200000;
const char* const kNetworks[] = {"c40", "eurocities"};
const char* const kWords[] = {"harbour",    "cycling",          "klimaplan",  "circular",
                              "wastewater", "district heating", "street lab", "北京市"};

SignedRecord Make(const SigningKey& key, const std::string& network, uint64_t seq,
                  std::optional<RecordId> prev, std::optional<RecordId> retract) {
  RecordDraft d;
  d.network = network;
  d.seq = seq;
  d.prev = prev;
  d.created_at_ms = kBaseTime + static_cast<int64_t>(seq) * 1000;
  Result<SignedRecord> r = Internal("unset");
  if (retract) {
    d.refs = RetractionRefs{{*retract}};
    r = SignRecord(key, d, Retraction{"erasure request"});
  } else {
    CaseStudy c;
    c.language = "en";
    c.slug = "case-" + std::to_string(seq);
    c.title = std::string("harbour case ") + std::to_string(seq) + " " + kWords[seq % 8];
    c.summary = "A case written by the crash test.";
    c.body = std::string(512, 'x') + " " + kWords[(seq * 7) % 8];
    c.city = "Copenhagen";
    c.country = "DK";
    c.networks = {network};
    c.sdgs = {static_cast<int>(seq % 17) + 1};
    r = SignRecord(key, d, c);
  }
  if (!r.ok()) {
    std::fprintf(stderr, "crash_child: %s\n", r.status().ToString().c_str());
    std::exit(3);
  }
  return *r;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  if (!InitCrypto().ok()) return 3;
  StoreOptions options;
  options.path = argv[1];
  auto opened = OpenStore(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "crash_child: %s\n", opened.status().ToString().c_str());
    return 4;
  }
  Store& store = **opened;
  // Tells the parent the store is open, so its timer measures ingestion, not process start
  // (which under ASan on a loaded machine can take longer than a whole cycle).
  std::printf("ready\n");
  std::fflush(stdout);
  std::vector<SigningKey> keys;
  for (uint8_t i = 1; i <= 3; ++i)
    keys.push_back(std::move(SigningKey::FromSeed(Bytes(32, i))).value());

  auto ingest = [&store](const SignedRecord& rec, bool sync) {
    auto v = VerifyRecord(rec);
    if (!v.ok()) std::exit(5);
    IngestOptions o;
    o.sync = sync;
    auto res = store.Ingest(*v, o);
    if (!res.ok()) {
      std::fprintf(stderr, "crash_child: %s\n", res.status().ToString().c_str());
      std::exit(6);
    }
    const char* what = res->outcome == IngestOutcome::kWaiting ? "waiting" : "accepted";
    if (res->outcome == IngestOutcome::kForkEvidence || res->outcome == IngestOutcome::kRefused) {
      std::fprintf(stderr, "crash_child: unexpected %s\n", res->reason.c_str());
      std::exit(7);
    }
    std::printf("%s %s\n", what, v->id.Hex().c_str());
    std::fflush(stdout);
  };

  for (uint64_t round = 0;; ++round) {
    const SigningKey& key = keys[round % keys.size()];
    const std::string network = kNetworks[(round / keys.size()) % 2];
    auto heads = store.Heads({network});
    if (!heads.ok()) return 8;
    uint64_t seq = 1;
    std::optional<RecordId> prev;
    for (const auto& h : *heads) {
      if (h.author == key.public_key()) {
        seq = h.seq + 1;
        prev = h.head;
      }
    }
    auto retract_target = [&](uint64_t s) -> std::optional<RecordId> {
      if (s % 25 != 0) return std::nullopt;
      auto feed = store.ReadFeed(key.public_key(), network, s - 3, 1);
      if (!feed.ok() || feed->empty()) std::exit(9);
      return (*feed)[0].id;
    };
    SignedRecord a = Make(key, network, seq, prev, retract_target(seq));
    if (round % 7 == 3 && (seq + 1) % 25 != 0) {
      // Out of order: the successor first, then the record it waits for.
      SignedRecord b = Make(key, network, seq + 1, ComputeRecordId(a.header), std::nullopt);
      ingest(b, false);
      ingest(a, false);
    } else {
      ingest(a, round % 5 == 0);
    }
  }
}
