// The full-text search index over case studies and dataset metadata. It is derived data: the
// record store (RocksDB) is the truth and keeps this index in step, recording with every write
// how far through the store's arrival sequence the index reflects (AppliedThrough). The index
// lives in its own SQLite file next to the RocksDB directory; when that file is missing,
// damaged, of another schema version or behind, the store deletes, rebuilds or catches it up.
// So the index never crashes on a bad file: it reports DataLoss and leaves the decision to the
// store.
//
// Matching follows the language rules of text_folding.h (ICU word segmentation, case and accent
// folding with the Danish letters and digraphs, Snowball stemming in Danish, English and
// Spanish, character bigrams for Chinese and Japanese) through an FTS5 tokenizer named
// "citynet" registered on the index's own connection. SQLite, ICU and libstemmer stay in the .cc.
//
// Thread safety: a SearchIndex is one SQLite connection and is not thread-safe; use it from one
// thread at a time, and write through one instance only. To search while another thread writes,
// Open a second SearchIndex on the same path and only Search/Count through it: the file is in
// WAL mode, so its reads see the last committed Put and never block the writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protocol/status.h"

namespace citynet::store::internal {

// One searchable record, as the store hands it over.
struct SearchDoc {
  uint64_t seq = 0;      // the store's local arrival number; unique, increasing; the FTS rowid
  std::string id_hex;    // record id, 64 hex chars
  std::string kind;      // "case-study" or "dataset"
  std::string language;  // BCP 47 tag of the texts ("da", "en", "es", "zh-Hans", ...)
  std::string network;
  std::string title, summary, body;
  std::vector<std::string> themes;
  std::vector<std::string> outcomes;  // "metric achieved unit" strings
};

// One result. `score` is the negated weighted BM25: higher is better, comparable only within
// one Search. `snippet` is an excerpt of up to 20 tokens from the field FTS5's snippet() judges
// best (most distinct matched terms; on a tie, an excerpt that starts a sentence of a field
// longer than the excerpt wins over a short field such as the title), with every match in [ ]
// and "…" where the excerpt cuts the field.
struct SearchHit {
  uint64_t seq = 0;
  std::string id_hex;
  double score = 0;
  std::string snippet;
};

struct SearchQuery {
  std::string text;                   // what the user typed
  std::vector<std::string> networks;  // only these networks (empty = all)
  std::size_t limit = 20, offset = 0;
};

class SearchIndex {
 public:
  // The schema this build writes and accepts (PRAGMA user_version; the file also carries
  // citynet's PRAGMA application_id).
  static constexpr int kSchemaVersion = 1;

  // Opens the index file at `path`, creating it (and nothing else: the directory must exist)
  // when it is missing or empty. DataLoss when the file exists but is not a citynet search index,
  // has another schema version, or is corrupt: the caller deletes it (with its "-wal" and "-shm"
  // companions) and rebuilds. Unavailable when another connection holds a lock for over 5 s;
  // Internal for other SQLite, ICU or libstemmer failures.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& path);

  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Adds `docs` in one transaction, replacing any indexed document with the same seq or the same
  // id_hex (a later doc in `docs` replaces an earlier one), and records `applied_through` (the
  // highest store seq the index reflects) in the same transaction. Nothing is written on error.
  // InvalidArgument when a seq or `applied_through` exceeds INT64_MAX; DataLoss when the file
  // turns out corrupt; Unavailable when locked by another writer; Internal otherwise.
  Status Put(const std::vector<SearchDoc>& docs, uint64_t applied_through);

  // Removes the document with `id_hex` (its retraction purged the payload) and records
  // `applied_through`, in one transaction. A missing id is not an error. Errors as for Put.
  Status Remove(const std::string& id_hex, uint64_t applied_through);

  // The `applied_through` of the last committed Put or Remove (0 for a new index), read from the
  // file so that a second, reading instance sees the writer's progress. Falls back to the last
  // value this instance knew if the file cannot be read.
  uint64_t AppliedThrough() const;

  // Documents matching `query.text`, best first: BM25 with field weights title 10, summary 5,
  // themes 3, outcomes 2, body 1; then `offset` hits are skipped and at most `limit` returned.
  // Any user text is accepted and turned into a safe FTS5 query: whitespace-separated words and
  // "quoted phrases" must all match (AND); a trailing * makes a word or phrase a prefix query
  // (`klima*`); every other FTS5 operator (AND OR NOT NEAR, column filters, ^, parentheses) is
  // matched as plain text. Words that produce no tokens (punctuation, symbols) are ignored, and
  // only the first 32 terms of at most 256 bytes each are used; a query with no terms left
  // returns no hits. Invalid UTF-8 is replaced. Errors only come from the file: DataLoss when it
  // is corrupt, Unavailable when locked, Internal otherwise.
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) const;

  // Number of documents. DataLoss/Unavailable/Internal as for Search.
  Result<uint64_t> Count() const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynet::store::internal
