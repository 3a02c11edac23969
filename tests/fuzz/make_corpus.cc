// Writes the seed corpora. For record_fuzz: envelopes of valid signed records of every kind
// (with and without payload), node cards, and the seed case studies signed as records. With
// --privacy, for the privacy gate's targets: csv/ (tables as spreadsheets export them, and the
// mistakes experts make), body/ (the body of body_dataset.h in several orders, and bodies a
// receiver must refuse) and scan/ (text with identifiers in Danish, English, Spanish and
// Chinese, and look-alikes).
// Usage: make_corpus OUT_DIR CASES_DIR
//        make_corpus --privacy CORPUS_DIR      (writes CORPUS_DIR/{csv,body,scan})
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/node_card.h"
#include "protocol/record.h"
#include "tests/fuzz/body_dataset.h"

using namespace citynet;
using namespace citynet::protocol;

namespace {
constexpr int64_t kTime = 1763899200000;

void Write(const std::string& dir, const std::string& name, const Bytes& bytes) {
  std::ofstream out(dir + "/" + name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void Write(const std::string& dir, const std::string& name, std::string_view text) {
  Write(dir, name, Bytes(text.begin(), text.end()));
}

// csv_fuzz's first byte: the delimiter (0 guessed, ',' or ';'), the columns of a table without a
// header (0: a header row) and the limits (0 the defaults, 1 tiny, 2 small, 3 medium).
std::string CsvSeed(char delimiter, unsigned columns_without_header, unsigned limits,
                    std::string_view text) {
  unsigned mode = delimiter == ',' ? 1 : delimiter == ';' ? 2 : 0;
  mode |= columns_without_header << 2 | limits << 5;
  return static_cast<char>(mode) + std::string(text);
}

void WriteCsvSeeds(const std::string& dir) {
  Write(dir, "plain", CsvSeed(0, 0, 0, "age,gender,postcode\n34,F,2100\n51,M,1150\n"));
  Write(dir, "excel-da-bom-semicolon-crlf",
        CsvSeed(0, 0, 0,
                "\xEF\xBB\xBF"
                "bydel;antal;note\r\nN\xC3\xB8rrebro;12,5;\"a; b\"\r\n"
                "Valby;3;\r\n"));
  Write(dir, "quoted-doubled-quotes-newlines",
        CsvSeed(',', 0, 0,
                "id,comment,n\n1,\"she said \"\"call me\"\"\nlater, maybe\",7\n2,\"\",8\n"
                "3,\"\"\"\"\"\"\",9\n"));
  Write(dir, "deep-doubled-quotes",
        CsvSeed(0, 1, 0, "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\n\"\"\"\"\"\"\n"));
  Write(dir, "quote-never-closed", CsvSeed(0, 0, 0, "a,b\n1,\"open\n2,3\n4,5\n"));
  Write(dir, "text-after-closing-quote", CsvSeed(0, 0, 0, "a,b\n\"x\"y,2\n"));
  Write(dir, "latin1-not-utf8",
        CsvSeed(';', 0, 0,
                "navn;by\nS\xF8ren;K\xF8"
                "benhavn\n"));
  Write(dir, "truncated-utf8", CsvSeed(0, 0, 0, "a\nx\n\xE6\x97\n"));
  Write(dir, "surrogate-and-overlong", CsvSeed(0, 1, 0, "\xED\xA0\x80\n\xC0\xAF\n"));
  Write(dir, "nul-byte", CsvSeed(0, 0, 0, std::string_view("a,b\n1,\0\n", 8)));
  Write(
      dir, "es-semicolon-dni",
      CsvSeed(0, 0, 0,
              "nombre;dni;comentario\nMar\xC3\xAD"
              "a Gonz\xC3\xA1lez;12.345.678;\"Vive en Av. "
              "Corrientes 1234; CABA\"\nJuan P\xC3\xA9rez;30.123.456;\"tel. (011) 4321-5678\"\n"));
  Write(dir, "zh-names-ids",
        CsvSeed(',', 0, 0,
                "\xE5\xA7\x93\xE5\x90\x8D,\xE8\xBA\xAB\xE4\xBB\xBD\xE8\xAF\x81\xE5\x8F\xB7,"
                "\xE5\xA4\x87\xE6\xB3\xA8\n\xE7\x8E\x8B\xE4\xBC\x9F,11010519491231002X,"
                "\"\xE7\x94\xB5\xE8\xAF\x9D 138 0013 8000\"\n"));
  Write(dir, "no-header-three-columns", CsvSeed(0, 3, 0, "1,2,3\n4,\"5,5\",6\n"));
  Write(dir, "tiny-limits-long-field", CsvSeed(',', 0, 1, "a,b\n1,abcdefghijkl\n"));
  Write(dir, "tiny-limits-many-columns", CsvSeed(',', 0, 1, "a,b,c\n1,2,3\n"));
  Write(dir, "row-too-short", CsvSeed(0, 0, 2, "a,b,c\n1,2\n"));
  Write(dir, "header-duplicate-and-empty", CsvSeed(0, 0, 0, "a, ,a\n1,2,3\n"));
  Write(dir, "header-names-trimmed", CsvSeed(0, 0, 3, " a\t,\" b \",c \n1,2,3\n"));
  Write(dir, "blank-lines-lone-cr-no-final-newline", CsvSeed(0, 0, 0, "a,b\r\r\n1,2\r\n\n3,4"));
  Write(dir, "header-alone", CsvSeed(0, 0, 0, "a,b,c\n"));
  Write(dir, "blank-file", CsvSeed(0, 0, 0, " \t\r\n\n"));
  Write(dir, "guess-semicolon-over-comma", CsvSeed(0, 0, 0, "\"x,y\";b;c,d\n1;2;3\n"));
  // Blown up to 1 MiB + 2 by csv_fuzz (bit 7 of the mode).
  Write(dir, "huge-quoted-field-never-closed", std::string(1, '\x80') + "a\n\"x");
  Write(dir, "huge-doubled-quotes", std::string(1, '\x80') + "a\n\"\"");
  Write(dir, "huge-unquoted-field", std::string(1, '\x80') + "a\nx");
  Write(dir, "cells-with-spaces-tabs-bom",
        CsvSeed(0, 2, 0, "\" x\",\"\t\"\n\"\xEF\xBB\xBFy\",\"\"\n"));
}

// body_fuzz's calls: an op byte ('0'..'3' CheckChunk of that index, 'p'..'s' CountChunk) and the
// chunk, separated by 0x1E.
std::string BodySeed(std::initializer_list<std::pair<char, std::string_view>> calls) {
  std::string out;
  for (const auto& [op, bytes] : calls) {
    if (!out.empty()) out.push_back('\x1e');
    out.push_back(op);
    out.append(bytes);
  }
  return out;
}

void WriteBodySeeds(const std::string& dir) {
  const auto& c = fuzz::kBodyChunks;
  Write(dir, "in-order", BodySeed({{'0', c[0]}, {'1', c[1]}, {'2', c[2]}}));
  Write(dir, "reversed", BodySeed({{'2', c[2]}, {'1', c[1]}, {'0', c[0]}}));
  Write(dir, "counted-after-restart", BodySeed({{'p', c[0]}, {'1', c[1]}, {'r', c[2]}}));
  Write(dir, "chunk-twice", BodySeed({{'0', c[0]}, {'0', c[0]}, {'1', c[1]}, {'2', c[2]}}));
  Write(dir, "index-beyond-record", BodySeed({{'3', c[1]}, {'0', c[0]}, {'1', c[1]}}));
  Write(dir, "cpr-in-comment-then-the-real-chunk",
        BodySeed({{'0', c[0]},
                  {'1',
                   "40-49,N\xC3\xB8rrebro,bike,Mit CPR er 010203-1234\n"
                   "40-49,N\xC3\xB8rrebro,car,ok\n"},
                  {'1', c[1]},
                  {'2', c[2]}}));
  Write(dir, "email-and-phone-in-comment",
        BodySeed({{'2',
                   "50-59,Amager,bike,skriv til susanne.moller@kk.dk\n"
                   "50-59,Amager,walk,\"ring p\xC3\xA5 +45 71 22 15 25\"\n"},
                  {'0', c[0]}}));
  Write(dir, "name-in-comment",
        BodySeed({{'0',
                   "age,district,travel,comment\n30-39,Valby,bike,Susanne M\xC3\xB8ller\n"
                   "30-39,Valby,bus,\n"}}));
  Write(dir, "lone-names-column",
        BodySeed({{'0',
                   "age,district,travel,comment\n30-39,Valby,bike,S\xC3\xB8ren\n"
                   "30-39,Valby,bus,Mette\n"},
                  {'1', c[1]},
                  {'2', c[2]}}));
  Write(dir, "zh-and-es-in-comment",
        BodySeed({{'1',
                   "40-49,N\xC3\xB8rrebro,bike,\xE6\x88\x91\xE5\x8F\xAB\xE7\x8E\x8B"
                   "\xE4\xBC\x9F 13800138000\n40-49,N\xC3\xB8rrebro,car,DNI 30.123.456\n"}}));
  Write(dir, "header-differs",
        BodySeed({{'0', "age,district,travel,email\n30-39,Valby,bike,\n30-39,Valby,bus,\n"}}));
  Write(dir, "header-only", BodySeed({{'0', "age,district,travel,comment\n"}}));
  Write(dir, "rows-more-than-record",
        BodySeed({{'0', c[0]}, {'1', std::string(c[1]) + std::string(c[1])}, {'2', c[2]}}));
  Write(dir, "group-under-k",
        BodySeed({{'0', c[0]}, {'1', c[1]}, {'2', "50-59,Amager,bike,\n50-59,Valby,walk,\n"}}));
  // Two combinations seen once each, which a key joined with U+001F once counted as one group.
  Write(dir, "quasi-identifiers-holding-unit-separators",
        BodySeed({{'0', c[0]},
                  {'1',
                   "4\x1f"
                   "0,N,bike,\n4,0\x1fN,car,\n"},
                  {'2', c[2]}}));
  Write(dir, "one-value-of-sensitive",
        BodySeed({{'0', c[0]}, {'1', c[1]}, {'2', "50-59,Amager,bike,\n50-59,Amager,bike,\n"}}));
  Write(dir, "no-final-newline", BodySeed({{'2', c[2].substr(0, c[2].size() - 1)}, {'0', c[0]}}));
  Write(dir, "not-utf8-and-wrong-width",
        BodySeed({{'1', "40-49,N\xF8rrebro,bike,\n"}, {'2', "50-59,Amager\n"}}));
}

// scan_fuzz's first byte is the column context: '@' none, 'A' phone, 'B' DNI, 'C' both.
void WriteScanSeeds(const std::string& dir) {
  const std::pair<const char*, std::string_view> seeds[] = {
      {"da-cpr-address",
       "@Borgeren har CPR-nummer 010203-1234 og bor p\xC3\xA5 "
       "N\xC3\xB8rrebrogade 12, 2. th., 2200 K\xC3\xB8"
       "benhavn N"},
      {"da-email-phone",
       "@Skriv til susanne.moller@kk.dk eller ring p\xC3\xA5 +45 71 22 15 25 "
       "(tlf. 33 66 33 66)"},
      {"da-names-in-text",
       "@Vi talte med S\xC3\xB8ren \xC3\x98stergaard og Mette "
       "Frederiksen om cykelstier"},
      {"phone-column-bare", "A71221525"},
      {"dni-column-dotted", "B12.345.678"},
      {"es-dni-cuit-phone",
       "@Me llamo Mar\xC3\xAD"
       "a Gonz\xC3\xA1lez, D.N.I. 30.123.456, CUIT "
       "20-30123456-7, tel. (011) 4321-5678, CBU 2850590940090418135201"},
      {"zh-id-phone-email",
       "@\xE6\x88\x91\xE5\x8F\xAB\xE7\x8E\x8B\xE4\xBC\x9F\xEF\xBC\x8C"
       "\xE8\xBA\xAB\xE4\xBB\xBD\xE8\xAF\x81\xE5\x8F\xB7"
       "11010519491231002X\xEF\xBC\x8C\xE6\x89\x8B\xE6\x9C\xBA"
       "13800138000\xEF\xBC\x8C\xE9\x82\xAE\xE7\xAE\xB1wangwei@example.cn"},
      {"iban-grouped", "@IBAN DK50 0040 0440 1162 43 og GB82 WEST 1234 5698 7654 32"},
      {"en-passport-birth-date",
       "@Contact John Smith, passport no. 123456789, born 12 April 1980, "
       "221B Baker Street"},
      {"ip-addresses", "@Logged from 192.168.1.20 and 2001:db8::1, not 1.2.3"},
      {"plate", "@Bilen AB 12 345 holdt p\xC3\xA5 Valby Langgade 3"},
      {"look-alikes-amounts-years",
       "@In 2019-2020 the city spent 1.234.567 kr.; postcode 2100; "
       "Vesterbrogade was paved in 1890; ISBN 978-87-02-12345-6"},
      {"zh-look-alike-surname-words",
       "@\xE7\x8E\x8B\xE5\xBA\x9C\xE4\xBA\x95\xE5\xA4\xA7"
       "\xE8\xA1\x97\xE7\x9A\x84\xE5\x8E\x86\xE5\x8F\xB2"
       "\xE5\x92\x8C\xE5\xBC\xA0\xE5\xAE\xB6\xE7\x95\x8C"},
      {"latin1-name-and-cpr", "@S\xF8ren M\xF8ller 0102031234"},
      {"truncated-utf8-around-cpr", "@\xE7\x8E 010203-1234 \xC3"},
      {"column-name-email", "@E-mail"},
      {"column-name-telefon", "@Telefonnummer"},
      {"column-name-zh-name", "@\xE5\xA7\x93\xE5\x90\x8D"},
      {"column-name-district-name", "@district_name"},
      {"lone-name", "@  \xC3\x98stergaard "},
      {"many-emails", "@a@b.dk c@d.dk e@f.dk g@h.dk i@j.dk k@l.dk m@n.dk o@p.dk q@r.dk s@t.dk"},
      {"digit-run", "C00000000000000000000000000000000000000000000000000000000000000000000000"},
  };
  // Repeated to 1 MiB by scan_fuzz (first byte 0x80..0x83).
  Write(dir, "huge-digit-run", std::string(1, '\x83') + "1");
  Write(dir, "huge-chinese-text", std::string(1, '\x80') + "\xE7\x8E\x8B\xE5\xBA\x9C\xE4\xBA\x95 ");
  for (const auto& [name, text] : seeds) Write(dir, name, text);
}

int WritePrivacySeeds(const std::string& root) {
  if (!InitCrypto().ok()) return 1;
  for (const char* sub : {"csv", "body", "scan"}) {
    const std::string dir = root + "/" + sub;
    ::mkdir(dir.c_str(), 0755);
  }
  WriteCsvSeeds(root + "/csv");
  WriteBodySeeds(root + "/body");
  WriteScanSeeds(root + "/scan");
  std::printf("make_corpus: wrote the csv, body and scan seeds to %s\n", root.c_str());
  return 0;
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
    std::fprintf(stderr, "usage: make_corpus OUT_DIR CASES_DIR | make_corpus --privacy DIR\n");
    return 2;
  }
  if (std::string_view(argv[1]) == "--privacy") return WritePrivacySeeds(argv[2]);
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
