// citynet-walk: a walk through the citynet protocol on real files, for a first look before the
// demo mesh exists. It makes (or reuses) a node's keys and card in a directory, signs every
// case study of a folder into per-network feeds, sends each through the wire encoding, verifies
// it as a receiving node would, prints what it holds, and shows that a tampered record is
// refused.
#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/record.h"

namespace {

using namespace citynet;
using namespace citynet::protocol;

constexpr const char* kUsage =
    "usage: citynet-walk [--cases DIR] [--dir DIR] [--fresh]\n"
    "  --cases DIR  case-study JSON files to sign (default: deploy/demo/cases)\n"
    "  --dir DIR    where the node's keys and card live (default: ./walk-node)\n"
    "  --fresh      delete the keys and card in DIR first and make new ones\n";

int Fail(const Status& s) {
  std::fprintf(stderr, "citynet-walk: %s\n", s.ToString().c_str());
  return 1;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Internal(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return Status::Ok();
}

Result<std::vector<std::string>> ListJson(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    return NotFound(fmt::format("cannot read the case folder {}: {} (pass --cases DIR)", dir,
                                std::strerror(errno)));
  }
  std::vector<std::string> files;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json")
      files.push_back(dir + "/" + name);
  }
  ::closedir(d);
  std::sort(files.begin(), files.end());
  return files;
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

template <typename Key, typename Writer, typename Loader>
Result<Key> LoadOrCreate(const std::string& path, const char* what, Writer write, Loader load,
                         Key (*generate)()) {
  if (!Exists(path)) {
    Key fresh = generate();
    CITYNET_RETURN_IF_ERROR(write(path, fresh));
    std::printf("  made %-28s %s (mode 0600)\n", what, path.c_str());
  } else {
    std::printf("  reusing %-25s %s\n", what, path.c_str());
  }
  // Always load from disk: the same permission and format checks the daemon makes.
  return load(path);
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// What the command line asks for.
struct WalkOptions {
  std::string cases_dir = "deploy/demo/cases";
  std::string dir = "walk-node";
  bool fresh = false;
};

// Reads the command line into `opts`. Returns the exit code when the walk should stop here
// (--help, an unknown argument), nothing when it should go on.
std::optional<int> ParseArgs(int argc, char** argv, WalkOptions& opts) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--cases" || a == "--dir") && i + 1 < argc) {
      (a == "--cases" ? opts.cases_dir : opts.dir) = argv[++i];
    } else if (a == "--fresh") {
      opts.fresh = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "citynet-walk: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  return std::nullopt;
}

// Signs the node card, writes it to `card_path`, and reads it back as a partner would: from
// text, verified against the key it names.
Status PublishCard(const std::string& card_path, const SigningKey& signing,
                   const TransportKey& transport) {
  NodeCard card;
  card.name = "copenhagen";
  card.display_name = "City of Copenhagen";
  card.transport_key = transport.public_key();
  card.endpoints = {"tcp://127.0.0.1:7401"};
  card.networks = {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"};
  card.issued_at_ms = NowMs();
  auto signed_card = SignNodeCard(signing, card);
  if (!signed_card.ok()) return signed_card.status();
  if (Status s = WriteFile(card_path, ArmorNodeCard(*signed_card)); !s.ok()) return s;
  auto card_text = ReadFile(card_path);
  if (!card_text.ok()) return card_text.status();
  auto dearmored = DearmorNodeCard(*card_text);
  if (!dearmored.ok()) return dearmored.status();
  auto partner_view = VerifyNodeCard(*dearmored);
  if (!partner_view.ok()) return partner_view.status();
  std::printf("  node card %s: '%s', signing key %s, networks %s (signature verified)\n\n",
              card_path.c_str(), partner_view->name.c_str(),
              partner_view->signing_key.ShortHex().c_str(),
              Join(partner_view->networks, ", ").c_str());
  return Status::Ok();
}

// Step 1: the node's keys (made, or reused from disk) and its signed card. Returns the signing
// key the cases are signed with.
Result<SigningKey> SetUpIdentity(const WalkOptions& opts) {
  const std::string& dir = opts.dir;
  std::printf("1. Identity: keys and node card in %s/\n", dir.c_str());
  ::mkdir(dir.c_str(), 0700);
  const std::string signing_path = dir + "/signing.key";
  const std::string transport_path = dir + "/transport.key";
  const std::string card_path = dir + "/copenhagen.card";
  if (opts.fresh) {
    for (const auto& p : {signing_path, transport_path, card_path}) std::remove(p.c_str());
  }
  auto signing = LoadOrCreate<SigningKey>(signing_path, "Ed25519 signing key", WriteSigningKeyFile,
                                          LoadSigningKeyFile, &SigningKey::Generate);
  if (!signing.ok()) return signing.status();
  auto transport =
      LoadOrCreate<TransportKey>(transport_path, "X25519 transport key", WriteTransportKeyFile,
                                 LoadTransportKeyFile, &TransportKey::Generate);
  if (!transport.ok()) return transport.status();
  if (Status s = PublishCard(card_path, *signing, *transport); !s.ok()) return s;
  return signing;
}

// The head of each network's feed (last seq and record id), and the record counts so far.
struct Feeds {
  std::map<std::string, std::pair<uint64_t, std::optional<RecordId>>> heads;
  std::size_t records = 0, records_ok = 0;
};

// Signs `cs` into the feed of each of its networks, sends each record through the wire
// encoding and verifies it as a receiving node does; keeps the first verified record in
// `first`. Returns whether every record of the case verified, or the error that ends the walk.
Result<bool> WalkCase(const std::string& path, const CaseStudy& cs, const SigningKey& signing,
                      Feeds& feeds, std::optional<VerifiedRecord>& first) {
  bool all_ok = true;
  for (const std::string& network : cs.networks) {
    auto& [seq, prev] = feeds.heads[network];
    RecordDraft draft{network, seq + 1, prev, NowMs(), {}, {}};
    auto rec = SignRecord(signing, draft, cs);
    ++feeds.records;
    if (!rec.ok()) {
      std::printf("  %s: cannot sign: %s\n", path.c_str(), rec.status().message().c_str());
      all_ok = false;
      continue;
    }
    // Over the wire and back, then verified as a receiving node does.
    Bytes wire = EncodeEnvelope(Envelope{*rec});
    auto env = DecodeEnvelope(wire);
    if (!env.ok()) return env.status();
    auto verified = VerifyRecord(std::get<SignedRecord>(env->body));
    if (!verified.ok()) {
      std::printf("  %s: refused on receipt: %s\n", path.c_str(),
                  verified.status().message().c_str());
      all_ok = false;
      continue;
    }
    ++feeds.records_ok;
    seq = verified->header.seq;
    prev = verified->id;
    std::string sdgs;
    for (int g : cs.sdgs) sdgs += (sdgs.empty() ? "" : ",") + std::to_string(g);
    std::printf("  %-16s %-16.16s %3llu  %-5s %-13s %.56s\n", verified->id.ShortHex().c_str(),
                network.c_str(), static_cast<unsigned long long>(verified->header.seq),
                cs.language.c_str(), sdgs.c_str(), cs.title.c_str());
    if (!first) first = std::move(verified).value();
  }
  return all_ok;
}

// What step 2 leaves for the rest of the walk.
struct CasesWalked {
  std::size_t files = 0, cases_ok = 0;
  std::optional<VerifiedRecord> first;
};

// Step 2: every case of the folder, signed into one feed per network, sent and verified.
Result<CasesWalked> WalkCases(const std::string& cases_dir, const SigningKey& signing) {
  std::printf("2. Cases from %s, signed into one feed per network, sent, verified:\n",
              cases_dir.c_str());
  auto files = ListJson(cases_dir);
  if (!files.ok()) return files.status();
  Feeds feeds;
  CasesWalked walked;
  walked.files = files->size();
  std::printf("  %-16s %-16s %3s  %-5s %-13s %s\n", "id", "network", "seq", "lang", "sdgs",
              "title");
  for (const std::string& path : *files) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    auto cs = CaseStudyFromJson(*text);
    if (!cs.ok()) {
      std::printf("  %s: refused: %s\n", path.c_str(), cs.status().message().c_str());
      continue;
    }
    auto all_ok = WalkCase(path, *cs, signing, feeds, walked.first);
    if (!all_ok.ok()) return all_ok.status();
    if (*all_ok) ++walked.cases_ok;
  }
  std::printf("  %zu records in %zu feeds: %zu verified\n\n", feeds.records, feeds.heads.size(),
              feeds.records_ok);
  return walked;
}

// Step 3: one verified record, header and case study, in full.
void PrintRecord(const VerifiedRecord& first) {
  const CaseStudy& c = std::get<CaseStudy>(*first.payload);
  std::printf("3. One record in full:\n");
  std::printf("  id          %s\n", first.id.Hex().c_str());
  std::printf("  author      %s\n", first.header.author.Hex().c_str());
  std::printf("  network     %s, seq %llu\n", first.header.network.c_str(),
              static_cast<unsigned long long>(first.header.seq));
  std::printf("  header      %zu bytes, signature %s...\n", first.wire.header.size(),
              first.wire.signature.ShortHex().c_str());
  std::printf("  payload     %llu bytes, hash %s...\n",
              static_cast<unsigned long long>(first.header.payload_size),
              first.header.payload_hash.ShortHex().c_str());
  std::printf("  title       %s\n  city        %s, %s\n  summary     %s\n", c.title.c_str(),
              c.city.c_str(), c.country.c_str(), c.summary.c_str());
  for (const Outcome& o : c.outcomes) {
    std::string target = o.target ? fmt::format("target {:g}", *o.target) : "";
    std::printf("  outcome     %-40.40s %14s %-12s %s\n", o.metric.c_str(),
                fmt::format("{:g}", o.achieved).c_str(), o.unit.c_str(), target.c_str());
  }
}

// Step 4: one bit flipped in the payload, then in the header; both must be refused.
Status ShowTampering(const VerifiedRecord& first) {
  std::printf("\n4. Tampering is caught:\n");
  SignedRecord forged = first.wire;
  (*forged.payload)[forged.payload->size() / 2] ^= 0x01;
  auto r1 = VerifyRecord(forged);
  std::printf("  one payload bit flipped: %s\n", r1.status().ToString().c_str());
  forged = first.wire;
  forged.header[forged.header.size() - 9] ^= 0x01;
  auto r2 = VerifyRecord(forged);
  std::printf("  one header bit flipped:  %s\n", r2.status().ToString().c_str());
  if (r1.ok() || r2.ok()) return Internal("a tampered record verified");
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  WalkOptions opts;
  if (std::optional<int> exit_code = ParseArgs(argc, argv, opts)) return *exit_code;
  if (Status s = InitCrypto(); !s.ok()) return Fail(s);

  auto signing = SetUpIdentity(opts);
  if (!signing.ok()) return Fail(signing.status());
  auto walked = WalkCases(opts.cases_dir, *signing);
  if (!walked.ok()) return Fail(walked.status());
  if (walked->first) {
    PrintRecord(*walked->first);
    if (Status s = ShowTampering(*walked->first); !s.ok()) return Fail(s);
  }
  std::printf("\ncases: %zu of %zu verified\n", walked->cases_ok, walked->files);
  return walked->cases_ok == walked->files ? 0 : 1;
}
