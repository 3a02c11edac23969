#include "store/internal/search_index.h"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/internal/text_folding.h"

namespace citynet::store::internal {
namespace {

// "CyIx" in PRAGMA application_id marks the file as ours (`file` also shows it).
constexpr int64_t kApplicationId = 0x43794978;
constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kMaxQueryTerms = 32;
constexpr std::size_t kMaxTermBytes = 256;
constexpr char kTokenizerName[] = "citynet";

constexpr char kCreateSchema[] = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('applied_through', 0);
CREATE TABLE docs(
  seq INTEGER PRIMARY KEY,
  id_hex TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  network TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  themes TEXT NOT NULL,
  outcomes TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX docs_by_network ON docs(network);
CREATE VIRTUAL TABLE fts USING fts5(
  title, summary, themes, outcomes, body,
  content='docs', content_rowid='seq', tokenize='citynet', prefix='2 3 4 5');
)sql";

// The FTS5 column order above: title, summary, themes, outcomes, body.
//
// A query runs in two statements, so that its cost stays bounded at millions of documents:
//  1. ranking: BM25 over the kMaxRankedMatches most recent matches only (FTS5 streams matches
//     in rowid order and stops there, even for a word that occurs in nearly every document),
//     sorted, one page cut out;
//  2. snippets (which re-tokenize a document) for that page only.
// A query matching more documents than that ranks the most recent ones. (Measured on 50,000
// documents for a word in all of them: 9 ms; ranking every match instead takes 66 ms, and
// passing the page's rowids back into a ranked MATCH makes FTS5 redo the whole match per row.)
constexpr int kMaxRankedMatches = 5000;
constexpr char kBm25[] = "bm25(fts, 10.0, 5.0, 3.0, 2.0, 1.0)";

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += (db != nullptr && sqlite3_errcode(db) == rc) ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(message + " (the index is derived: delete the file and rebuild it)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(message + " (another connection holds the index)");
    default:
      return Internal(std::move(message));
  }
}

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Result<Statement> Prepare(sqlite3* db, std::string_view sql, bool persistent) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(db, rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return Statement(stmt);
}

// Resets a cached statement on every way out of a scope, so it holds no read lock or bindings.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

Status BindText(sqlite3* db, sqlite3_stmt* stmt, int index, std::string_view text) {
  int rc =
      sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db, rc, "binding a text");
}

Status BindInt(sqlite3* db, sqlite3_stmt* stmt, int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt, index, value);
  return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db, rc, "binding an integer");
}

// true: a row is ready; false: done.
Result<bool> Step(sqlite3* db, sqlite3_stmt* stmt, std::string_view what) {
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db, rc, what);
}

Status Exec(sqlite3* db, const char* sql, std::string_view what) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db, rc, what);
}

Result<int64_t> QueryInt(sqlite3* db, std::string_view sql) {
  CITYNET_ASSIGN_OR_RETURN(Statement stmt, Prepare(db, sql, false));
  CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, stmt.get(), sql));
  if (!row) return DataLoss(std::string(sql) + " returned no row");
  return sqlite3_column_int64(stmt.get(), 0);
}

std::string_view ColumnText(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

// ---- The FTS5 tokenizer -------------------------------------------------------------------

// Shared by every instance of the "citynet" tokenizer on one connection. FTS5 gives a
// tokenizer no way to see the row it tokenizes, so the writer sets the document's language
// here before each insert or delete of that document.
struct TokenizerState {
  TextAnalyzer* analyzer = nullptr;
  StemLanguage document_language = StemLanguage::kNone;
};

int TokenizerCreate(void* user_data, const char** /*args*/, int /*arg_count*/,
                    Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(user_data);
  return SQLITE_OK;
}

void TokenizerDelete(Fts5Tokenizer* /*tokenizer*/) {}

int TokenizerTokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text,
                      int text_bytes, int (*emit)(void*, int, const char*, int, int, int)) {
  auto* state = reinterpret_cast<TokenizerState*>(tokenizer);
  TokenizeMode mode = TokenizeMode::kAuxiliary;
  if ((flags & FTS5_TOKENIZE_QUERY) != 0) {
    mode = (flags & FTS5_TOKENIZE_PREFIX) != 0 ? TokenizeMode::kQueryPrefix : TokenizeMode::kQuery;
  } else if ((flags & FTS5_TOKENIZE_DOCUMENT) != 0) {
    mode = TokenizeMode::kDocument;
  }
  if (text == nullptr || text_bytes < 0) text_bytes = 0;
  int rc = SQLITE_OK;
  // Exceptions must not cross SQLite's C frames.
  try {
    Status status = state->analyzer->Tokenize(
        std::string_view(text, static_cast<std::size_t>(text_bytes)), mode,
        state->document_language, [&rc, emit, context](const Token& token) {
          rc = emit(context, token.colocated ? FTS5_TOKEN_COLOCATED : 0, token.text.data(),
                    static_cast<int>(token.text.size()), token.start, token.end);
          return rc == SQLITE_OK;
        });
    if (!status.ok() && rc == SQLITE_OK) rc = SQLITE_ERROR;
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  } catch (...) {
    rc = SQLITE_ERROR;
  }
  return rc;
}

Status RegisterTokenizer(sqlite3* db, TokenizerState* state) {
  fts5_api* api = nullptr;
  CITYNET_ASSIGN_OR_RETURN(Statement stmt, Prepare(db, "SELECT fts5(?1)", false));
  int rc = sqlite3_bind_pointer(stmt.get(), 1, &api, "fts5_api_ptr", nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, "binding the fts5_api pointer");
  CITYNET_RETURN_IF_ERROR(Step(db, stmt.get(), "looking up FTS5").status());
  if (api == nullptr || api->iVersion < 2) {
    return Internal("this SQLite has no FTS5 (version 2 API) compiled in");
  }
  static fts5_tokenizer tokenizer = {TokenizerCreate, TokenizerDelete, TokenizerTokenize};
  rc = api->xCreateTokenizer(api, kTokenizerName, state, &tokenizer, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db, rc, "registering the tokenizer");
}

// ---- Query building -----------------------------------------------------------------------

// Valid UTF-8 without control characters, every kind of white space a plain ' '.
std::string SanitizeQuery(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length =
      static_cast<int32_t>(std::min<std::size_t>(text.size(), std::numeric_limits<int32_t>::max()));
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || u_isUWhiteSpace(c) || u_iscntrl(c)) {
      out.push_back(' ');
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

// Cuts valid UTF-8 to at most `max_bytes` without splitting a character.
std::string_view CapUtf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

struct QueryTerm {
  std::string_view text;
  bool prefix = false;
};

std::vector<QueryTerm> SplitQuery(std::string_view s) {
  std::vector<QueryTerm> terms;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (s[i] == ' ' || s[i] == '*') {
      ++i;
      continue;
    }
    QueryTerm term;
    if (s[i] == '"') {
      std::size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos) close = n;  // an unclosed quote runs to the end
      term.text = s.substr(i + 1, close - i - 1);
      i = close < n ? close + 1 : n;
      while (i < n && s[i] == '*') {
        term.prefix = true;
        ++i;
      }
    } else {
      std::size_t end = i;
      while (end < n && s[end] != ' ' && s[end] != '"') ++end;
      term.text = s.substr(i, end - i);
      while (!term.text.empty() && term.text.back() == '*') {
        term.prefix = true;
        term.text.remove_suffix(1);
      }
      i = end;
    }
    terms.push_back(term);
  }
  return terms;
}

}  // namespace

// ---- SearchIndex ----------------------------------------------------------------------------

struct SearchIndex::Impl {
  std::unique_ptr<TextAnalyzer> analyzer;
  TokenizerState tokenizer;  // the connection points at it: closed before it goes
  sqlite3* db = nullptr;
  Statement find_existing, delete_fts, delete_doc, insert_doc, insert_fts;
  Statement set_applied, get_applied, count;
  uint64_t applied_through = 0;

  ~Impl() {
    for (Statement* s : {&find_existing, &delete_fts, &delete_doc, &insert_doc, &insert_fts,
                         &set_applied, &get_applied, &count}) {
      s->reset();
    }
    sqlite3_close_v2(db);
  }

  Status OpenFile(const std::string& path);
  Status CreateSchema();
  Status PrepareStatements();
  Result<uint64_t> ReadAppliedThrough();
  Status RemoveRows(int64_t seq, const std::string& id_hex);
  Status InsertDoc(const SearchDoc& doc);
  Status SetAppliedThrough(uint64_t applied_through);
  Result<std::string> BuildMatchExpression(std::string_view user_text);
  // Runs `body` in a write transaction, committing when it returns ok.
  template <typename F>
  Status InTransaction(F&& body);
};

Status SearchIndex::Impl::OpenFile(const std::string& path) {
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, "cannot open");
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  CITYNET_RETURN_IF_ERROR(RegisterTokenizer(db, &tokenizer));

  // Identify the file before changing anything in it (WAL mode rewrites the header).
  CITYNET_ASSIGN_OR_RETURN(int64_t application_id, QueryInt(db, "PRAGMA application_id"));
  CITYNET_ASSIGN_OR_RETURN(int64_t version, QueryInt(db, "PRAGMA user_version"));
  CITYNET_ASSIGN_OR_RETURN(int64_t objects, QueryInt(db, "SELECT count(*) FROM sqlite_schema"));
  if (application_id == 0 && version == 0 && objects == 0) {
    CITYNET_RETURN_IF_ERROR(CreateSchema());
  } else if (application_id != kApplicationId) {
    return DataLoss("not a citynet search index (SQLite application_id " +
                    std::to_string(application_id) + ")");
  } else if (version != SearchIndex::kSchemaVersion) {
    return DataLoss("search index schema version " + std::to_string(version) +
                    ", this build reads version " + std::to_string(SearchIndex::kSchemaVersion));
  }

  // The index is derived: after a crash, losing the last transaction only means catching up.
  CITYNET_RETURN_IF_ERROR(Exec(db, "PRAGMA journal_mode=WAL", "enabling WAL"));
  CITYNET_RETURN_IF_ERROR(Exec(db, "PRAGMA synchronous=NORMAL", "setting synchronous"));

  {
    CITYNET_ASSIGN_OR_RETURN(Statement check, Prepare(db, "PRAGMA quick_check(1)", false));
    CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, check.get(), "checking the file"));
    std::string_view verdict = row ? ColumnText(check.get(), 0) : std::string_view("no answer");
    if (verdict != "ok") return DataLoss("damaged file: " + std::string(verdict));
  }
  CITYNET_ASSIGN_OR_RETURN(
      int64_t tables,
      QueryInt(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('meta', 'docs', 'fts')"));
  if (tables != 3) return DataLoss("search index tables are missing");
  CITYNET_RETURN_IF_ERROR(PrepareStatements());
  CITYNET_ASSIGN_OR_RETURN(applied_through, ReadAppliedThrough());
  return Status::Ok();
}

Status SearchIndex::Impl::CreateSchema() {
  return InTransaction([this]() -> Status {
    // Another process may have created it since we looked.
    CITYNET_ASSIGN_OR_RETURN(int64_t objects, QueryInt(db, "SELECT count(*) FROM sqlite_schema"));
    if (objects != 0) return Unavailable("the search index was being created concurrently");
    CITYNET_RETURN_IF_ERROR(Exec(db, kCreateSchema, "creating the search index"));
    std::string pragmas = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                          "; PRAGMA user_version = " + std::to_string(SearchIndex::kSchemaVersion);
    return Exec(db, pragmas.c_str(), "stamping the search index");
  });
}

Status SearchIndex::Impl::PrepareStatements() {
  struct Entry {
    Statement* stmt;
    const char* sql;
  };
  const Entry entries[] = {
      {&find_existing, "SELECT seq, language FROM docs WHERE seq = ?1 OR id_hex = ?2"},
      {&delete_fts,
       "INSERT INTO fts(fts, rowid, title, summary, themes, outcomes, body) "
       "SELECT 'delete', seq, title, summary, themes, outcomes, body FROM docs WHERE seq = ?1"},
      {&delete_doc, "DELETE FROM docs WHERE seq = ?1"},
      {&insert_doc,
       "INSERT INTO docs(seq, id_hex, kind, language, network, title, summary, themes, "
       "outcomes, body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&insert_fts,
       "INSERT INTO fts(rowid, title, summary, themes, outcomes, body) "
       "SELECT seq, title, summary, themes, outcomes, body FROM docs WHERE seq = ?1"},
      {&set_applied, "UPDATE meta SET value = ?1 WHERE key = 'applied_through'"},
      {&get_applied, "SELECT value FROM meta WHERE key = 'applied_through'"},
      {&count, "SELECT count(*) FROM docs"},
  };
  for (const Entry& e : entries) {
    CITYNET_ASSIGN_OR_RETURN(*e.stmt, Prepare(db, e.sql, true));
  }
  return Status::Ok();
}

template <typename F>
Status SearchIndex::Impl::InTransaction(F&& body) {
  CITYNET_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE", "starting a write transaction"));
  Status status = body();
  tokenizer.document_language = StemLanguage::kNone;
  if (status.ok()) status = Exec(db, "COMMIT", "committing");
  // Some errors roll back by themselves; otherwise undo what the body did.
  if (!status.ok() && sqlite3_get_autocommit(db) == 0) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return status;
}

Result<uint64_t> SearchIndex::Impl::ReadAppliedThrough() {
  ResetOnExit reset(get_applied.get());
  CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, get_applied.get(), "reading applied_through"));
  if (!row) return DataLoss("the search index has lost its applied_through");
  int64_t value = sqlite3_column_int64(get_applied.get(), 0);
  if (value < 0) return DataLoss("negative applied_through in the search index");
  return static_cast<uint64_t>(value);
}

Status SearchIndex::Impl::RemoveRows(int64_t seq, const std::string& id_hex) {
  std::vector<std::pair<int64_t, std::string>> existing;  // seq, language
  {
    ResetOnExit reset(find_existing.get());
    CITYNET_RETURN_IF_ERROR(BindInt(db, find_existing.get(), 1, seq));
    CITYNET_RETURN_IF_ERROR(BindText(db, find_existing.get(), 2, id_hex));
    while (true) {
      CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, find_existing.get(), "finding a document"));
      if (!row) break;
      existing.emplace_back(sqlite3_column_int64(find_existing.get(), 0),
                            std::string(ColumnText(find_existing.get(), 1)));
    }
  }
  for (const auto& [old_seq, language] : existing) {
    // The index must lose exactly the tokens the insert gave it: same language, same stems.
    tokenizer.document_language = StemLanguageFor(language);
    {
      ResetOnExit reset(delete_fts.get());
      CITYNET_RETURN_IF_ERROR(BindInt(db, delete_fts.get(), 1, old_seq));
      CITYNET_RETURN_IF_ERROR(Step(db, delete_fts.get(), "unindexing a document").status());
    }
    ResetOnExit reset(delete_doc.get());
    CITYNET_RETURN_IF_ERROR(BindInt(db, delete_doc.get(), 1, old_seq));
    CITYNET_RETURN_IF_ERROR(Step(db, delete_doc.get(), "deleting a document").status());
  }
  return Status::Ok();
}

Status SearchIndex::Impl::InsertDoc(const SearchDoc& doc) {
  const auto seq = static_cast<int64_t>(doc.seq);
  {
    sqlite3_stmt* s = insert_doc.get();
    ResetOnExit reset(s);
    CITYNET_RETURN_IF_ERROR(BindInt(db, s, 1, seq));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 2, doc.id_hex));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 3, doc.kind));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 4, doc.language));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 5, doc.network));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 6, doc.title));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 7, doc.summary));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 8, Join(doc.themes, ", ")));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 9, Join(doc.outcomes, "; ")));
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 10, doc.body));
    CITYNET_RETURN_IF_ERROR(Step(db, s, "storing a document").status());
  }
  tokenizer.document_language = StemLanguageFor(doc.language);
  ResetOnExit reset(insert_fts.get());
  CITYNET_RETURN_IF_ERROR(BindInt(db, insert_fts.get(), 1, seq));
  return Step(db, insert_fts.get(), "indexing a document").status();
}

Status SearchIndex::Impl::SetAppliedThrough(uint64_t value) {
  ResetOnExit reset(set_applied.get());
  CITYNET_RETURN_IF_ERROR(BindInt(db, set_applied.get(), 1, static_cast<int64_t>(value)));
  CITYNET_RETURN_IF_ERROR(Step(db, set_applied.get(), "recording applied_through").status());
  if (sqlite3_changes(db) != 1) return DataLoss("the search index has lost its applied_through");
  return Status::Ok();
}

Result<std::string> SearchIndex::Impl::BuildMatchExpression(std::string_view user_text) {
  const std::string clean = SanitizeQuery(user_text);
  std::string match;
  std::size_t used = 0;
  for (const QueryTerm& term : SplitQuery(clean)) {
    if (used == kMaxQueryTerms) break;
    std::string_view text = CapUtf8(term.text, kMaxTermBytes);
    // A term without tokens would be an empty FTS5 phrase: drop it instead.
    bool has_token = false;
    CITYNET_RETURN_IF_ERROR(
        analyzer->Tokenize(text, term.prefix ? TokenizeMode::kQueryPrefix : TokenizeMode::kQuery,
                           StemLanguage::kNone, [&has_token](const Token&) {
                             has_token = true;
                             return false;
                           }));
    if (!has_token) continue;
    // Inside an FTS5 string everything is literal except '"', written twice.
    if (!match.empty()) match += ' ';
    match += '"';
    for (char c : text) {
      match += c;
      if (c == '"') match += '"';
    }
    match += '"';
    if (term.prefix) match += '*';
    ++used;
  }
  return match;
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  CITYNET_ASSIGN_OR_RETURN(impl->analyzer, TextAnalyzer::Create());
  impl->tokenizer.analyzer = impl->analyzer.get();
  Status status = impl->OpenFile(path);
  if (!status.ok()) return status.WithContext("search index " + path);
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Status SearchIndex::Put(const std::vector<SearchDoc>& docs, uint64_t applied_through) {
  constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (applied_through > kMax) return InvalidArgument("applied_through exceeds INT64_MAX");
  for (const SearchDoc& doc : docs) {
    if (doc.seq > kMax) return InvalidArgument("document seq exceeds INT64_MAX");
  }
  Status status = impl_->InTransaction([this, &docs, applied_through]() -> Status {
    for (const SearchDoc& doc : docs) {
      CITYNET_RETURN_IF_ERROR(impl_->RemoveRows(static_cast<int64_t>(doc.seq), doc.id_hex));
      CITYNET_RETURN_IF_ERROR(impl_->InsertDoc(doc));
    }
    return impl_->SetAppliedThrough(applied_through);
  });
  if (status.ok()) impl_->applied_through = applied_through;
  return status;
}

Status SearchIndex::Remove(const std::string& id_hex, uint64_t applied_through) {
  if (applied_through > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return InvalidArgument("applied_through exceeds INT64_MAX");
  }
  Status status = impl_->InTransaction([this, &id_hex, applied_through]() -> Status {
    // seq -1 matches nothing: only the id selects.
    CITYNET_RETURN_IF_ERROR(impl_->RemoveRows(-1, id_hex));
    return impl_->SetAppliedThrough(applied_through);
  });
  if (status.ok()) impl_->applied_through = applied_through;
  return status;
}

uint64_t SearchIndex::AppliedThrough() const {
  Result<uint64_t> stored = impl_->ReadAppliedThrough();
  if (stored.ok()) impl_->applied_through = *stored;
  return impl_->applied_through;
}

Result<std::vector<SearchHit>> SearchIndex::Search(const SearchQuery& query) const {
  std::vector<SearchHit> hits;
  CITYNET_ASSIGN_OR_RETURN(std::string match, impl_->BuildMatchExpression(query.text));
  if (match.empty() || query.limit == 0) return hits;

  std::string candidates = std::string("SELECT fts.rowid AS seq, ") + kBm25 + " AS score FROM fts";
  int next_param = 2;
  if (!query.networks.empty()) {
    candidates += " JOIN docs ON docs.seq = fts.rowid WHERE fts MATCH ?1 AND docs.network IN (";
    for (std::size_t i = 0; i < query.networks.size(); ++i) {
      candidates += (i == 0 ? "?" : ", ?") + std::to_string(next_param++);
    }
    candidates += ')';
  } else {
    candidates += " WHERE fts MATCH ?1";
  }
  candidates += " ORDER BY fts.rowid DESC LIMIT " + std::to_string(kMaxRankedMatches);
  const int limit_param = next_param;
  const std::string ranked =
      "SELECT c.seq, c.score FROM (" + candidates + ") AS c ORDER BY c.score, c.seq DESC LIMIT ?" +
      std::to_string(limit_param) + " OFFSET ?" + std::to_string(limit_param + 1);

  sqlite3* db = impl_->db;
  std::vector<std::pair<int64_t, double>> page;
  {
    CITYNET_ASSIGN_OR_RETURN(Statement stmt, Prepare(db, ranked, false));
    sqlite3_stmt* s = stmt.get();
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 1, match));
    for (std::size_t i = 0; i < query.networks.size(); ++i) {
      CITYNET_RETURN_IF_ERROR(BindText(db, s, 2 + static_cast<int>(i), query.networks[i]));
    }
    constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<int64_t>::max());
    CITYNET_RETURN_IF_ERROR(
        BindInt(db, s, limit_param, static_cast<int64_t>(std::min(query.limit, kMax))));
    CITYNET_RETURN_IF_ERROR(
        BindInt(db, s, limit_param + 1, static_cast<int64_t>(std::min(query.offset, kMax))));
    while (true) {
      CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, s, "searching"));
      if (!row) break;
      page.emplace_back(sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1));
    }
  }
  if (page.empty()) return hits;

  std::string snippets =
      "SELECT docs.seq, docs.id_hex, snippet(fts, -1, '[', ']', '…', 20) FROM fts JOIN docs "
      "ON docs.seq = fts.rowid WHERE fts MATCH ?1 AND fts.rowid IN (";
  for (std::size_t i = 0; i < page.size(); ++i)
    snippets += (i == 0 ? "?" : ", ?") + std::to_string(i + 2);
  snippets += ')';
  std::map<int64_t, std::pair<std::string, std::string>> by_seq;
  {
    CITYNET_ASSIGN_OR_RETURN(Statement stmt, Prepare(db, snippets, false));
    sqlite3_stmt* s = stmt.get();
    CITYNET_RETURN_IF_ERROR(BindText(db, s, 1, match));
    for (std::size_t i = 0; i < page.size(); ++i) {
      CITYNET_RETURN_IF_ERROR(BindInt(db, s, static_cast<int>(i) + 2, page[i].first));
    }
    while (true) {
      CITYNET_ASSIGN_OR_RETURN(bool row, Step(db, s, "making snippets"));
      if (!row) break;
      by_seq[sqlite3_column_int64(s, 0)] = {std::string(ColumnText(s, 1)),
                                            std::string(ColumnText(s, 2))};
    }
  }
  for (const auto& [seq, score] : page) {
    auto it = by_seq.find(seq);
    if (it == by_seq.end()) continue;
    SearchHit hit;
    hit.seq = static_cast<uint64_t>(seq);
    hit.id_hex = std::move(it->second.first);
    hit.score = -score;
    hit.snippet = std::move(it->second.second);
    hits.push_back(std::move(hit));
  }
  return hits;
}

Result<uint64_t> SearchIndex::Count() const {
  ResetOnExit reset(impl_->count.get());
  CITYNET_ASSIGN_OR_RETURN(bool row, Step(impl_->db, impl_->count.get(), "counting documents"));
  if (!row) return Internal("count(*) returned no row");
  return static_cast<uint64_t>(sqlite3_column_int64(impl_->count.get(), 0));
}

}  // namespace citynet::store::internal
