#include "store/store.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <span>
#include <unordered_set>
#include <xxhash.h>

#include "common/error.h"
#include "common/utf8.h"
#include "cooccurrence/edge_counter.h"
#include "store/packed_analysis.h"
#include "text/normalize.h"

namespace entgraph {
namespace {

// A long document's values are written in place a range at a time (sql::Blob) instead of bound
// whole: SQLite builds a row in memory before it stores it, so the 200 MB text of one file took
// another 200 MB.
constexpr size_t kRangeBytes = 1 << 20;

size_t TotalSize(std::span<const std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  return size;
}

// Writes `parts`, one after another, into `column` of row `rowid` of `table`, which holds
// TotalSize(parts) zero bytes.
void WriteInPlace(sql::Database& db, const char* table, const char* column, int64_t rowid,
                  std::span<const std::string_view> parts) {
  sql::Blob blob(db, table, column, rowid, sql::Blob::Mode::kWrite);
  size_t offset = 0;
  for (std::string_view part : parts) {
    for (size_t at = 0; at < part.size(); at += kRangeBytes) {
      const std::string_view range = part.substr(at, kRangeBytes);
      blob.Write(offset, range);
      offset += range.size();
    }
  }
}

// A new database's page size (see OpenForWriting).
constexpr int kPageSize = 65536;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL, bytes INTEGER NOT NULL,
  text BLOB NOT NULL);
CREATE INDEX documents_hash ON documents(hash);
CREATE TABLE entities(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
  aliases TEXT NOT NULL, attributes TEXT NOT NULL, source TEXT NOT NULL);
CREATE UNIQUE INDEX entities_key ON entities(key);
CREATE TABLE aliases(key TEXT NOT NULL, entity_id INTEGER NOT NULL, PRIMARY KEY(key, entity_id)) WITHOUT ROWID;
CREATE TABLE doc_mentions(doc_id INTEGER PRIMARY KEY, mentions INTEGER NOT NULL, entities BLOB NOT NULL,
  data BLOB NOT NULL);
CREATE TABLE entity_docs(entity_id INTEGER NOT NULL, first_doc INTEGER NOT NULL, docs BLOB NOT NULL,
  PRIMARY KEY(entity_id, first_doc)) WITHOUT ROWID;
CREATE TABLE edges(scope INTEGER NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL,
  weight INTEGER NOT NULL, dice REAL NOT NULL, first_doc INTEGER NOT NULL DEFAULT 0,
  first_unit INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(scope, a, b)) WITHOUT ROWID;
CREATE INDEX edges_b ON edges(scope, b, weight, dice);
CREATE TABLE entity_stats(entity_id INTEGER PRIMARY KEY, mentions INTEGER NOT NULL,
  documents INTEGER NOT NULL, paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL);
)sql";

// The tables a build drops before it writes the schema. "evidence" (schema 1) and "mentions",
// "sentences" and "paragraphs" (schemas 1 and 2) are gone from the schema, and are dropped when a
// build upgrades an older database.
constexpr const char* kTables[] = {"meta",      "documents",  "entities",  "aliases",  "doc_mentions",
                                   "entity_docs", "mentions", "sentences", "paragraphs", "evidence",
                                   "edges",     "entity_stats"};

// The aliases as a JSON array of strings, or the attributes as an array of [key, value] pairs.
// Written directly: a gazetteer has hundreds of thousands of entities.
std::string ToJson(const Entity& e, bool aliases) {
  std::string out = "[";
  if (aliases) {
    for (const std::string& a : e.aliases) {
      if (out.size() > 1) out += ',';
      utf8::AppendJsonString(a, &out);
    }
  } else {
    for (const auto& [k, v] : e.attributes) {
      if (out.size() > 1) out += ',';
      out += '[';
      utf8::AppendJsonString(k, &out);
      out += ',';
      utf8::AppendJsonString(v, &out);
      out += ']';
    }
  }
  return out + "]";
}

// Sorts `ids` and drops repeats. A long document names a few thousand entities millions of times:
// those are gathered in a hash set first (sorting 4.2 million ids took a third of a second).
void Distinct(std::vector<int64_t>* ids) {
  if (ids->size() > 4096) {
    std::unordered_set<int64_t> seen(ids->begin(), ids->end());
    ids->assign(seen.begin(), seen.end());
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

constexpr size_t kRowsAStatement = 128;

// Inserts n rows, many a statement: SQLite's cost of an insert is mostly the statement's, not the
// row's (the 133,000 edges of 200 MB took 73 ms one row a statement, 40 ms 128 rows a statement).
// `insert` ends with VALUES; bind(statement, p, i, r) binds row i's `columns` values from
// parameter p + 1 on, r being its place in the statement (for texts bound in place, which must
// live until the statement runs).
template <typename Bind>
void InsertRows(sql::Database& db, const std::string& insert, int columns, size_t n, Bind&& bind) {
  constexpr size_t kRows = kRowsAStatement;
  std::string row = "(?";
  for (int c = 1; c < columns; ++c) row += ", ?";
  row += ")";
  std::string values = row;
  for (size_t r = 1; r < kRows; ++r) values += ", " + row;
  auto many = db.Prepare(insert + values);
  auto one = db.Prepare(insert + row);
  for (size_t i = 0; i < n;) {
    sql::Statement& statement = n - i >= kRows ? many : one;
    const size_t rows = &statement == &many ? kRows : 1;
    for (size_t r = 0; r < rows; ++r, ++i) bind(statement, static_cast<int>(r) * columns, i, r);
    statement.Run();
  }
}

}  // namespace

std::string DatabasePath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ENTGRAPH_DB"); env && *env) return env;
  return "output/entgraph.db";
}

std::string ContentHash(std::string_view text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
  return buf;
}

Store Store::OpenForReading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error("no database at '" + path + "': run 'entgraph build --dict DICT --corpus PATH' first, or give --db");
  }
  Store s(std::make_unique<sql::Database>(path, sql::Database::Mode::kReadOnly));
  // One read transaction for the whole command: every answer comes from one version of the
  // database, even while a build commits, and a query of many look-ups (document links, a
  // diagram's tooltips) does not take and drop SQLite's file locks once per look-up (two thirds
  // of the time of 'neighbors --scope document' of an entity in 16,000 documents).
  s.db().Exec("BEGIN");
  s.CheckSchema(false, false);
  return s;
}

Store Store::OpenForWriting(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  Store s(std::make_unique<sql::Database>(path, sql::Database::Mode::kReadWriteCreate));
  s.CheckSchema(/*allow_older=*/false, /*allow_empty=*/true);
  // A new file gets 64 KiB pages (SQLite's default is 4 KiB). Most of the file is document text,
  // stored as chains of overflow pages, and every page goes through the WAL and back: when this
  // was chosen, 200 MB as 16,247 documents built in 6.2 s with 4 KiB pages and 5.2 s with 64 KiB.
  // Queries on a million entities answered as fast with either (docs/performance.md).
  // Only an empty database can change its page size; an older file keeps its own.
  if (s.SchemaVersion() == 0) s.db().Exec("PRAGMA page_size=" + std::to_string(kPageSize));
  // A 64 MB page cache: most of what a build writes is document text, written once, which a
  // larger cache only holds on to (256 MB made a build of one 200 MB file slower and 190 MB bigger).
  s.db().Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; "
      "PRAGMA temp_store=MEMORY;");
  return s;
}

int Store::CheckReplaceable(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0) return kPageSize;
  // Read-write, so that as the last connection it takes the WAL and its index away when it closes.
  Store old(std::make_unique<sql::Database>(path, sql::Database::Mode::kReadWriteCreate));
  old.CheckSchema(/*allow_older=*/true, /*allow_empty=*/true);
  return old.SchemaVersion() == 0 ? kPageSize : static_cast<int>(old.Count("PRAGMA page_size"));
}

Store Store::CreateForBuild(const std::string& path, int page_size) {
  Store s(std::make_unique<sql::Database>(path, sql::Database::Mode::kReadWriteCreate));
  // The journal in memory holds next to nothing (the file starts empty) but lets a failed build
  // roll back cleanly before its file is removed. One connection: the lock is taken once.
  s.db().Exec("PRAGMA page_size=" + std::to_string(page_size) +
              "; PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; "
              "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
  return s;
}

int Store::SchemaVersion() {
  auto tables = db_->Prepare("SELECT count(*) FROM sqlite_schema");
  tables.Step();
  if (tables.Int(0) == 0) return 0;
  auto has_meta = db_->Prepare("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='meta'");
  has_meta.Step();
  if (has_meta.Int(0) == 0) return -1;
  auto v = Meta("schema_version");
  return v ? std::atoi(v->c_str()) : -1;
}

void Store::CheckSchema(bool allow_older, bool allow_empty) {
  const int version = SchemaVersion();
  const std::string& path = db_->path();
  if (version == 0 && allow_empty) return;
  if (version <= 0) {
    throw Error("'" + path + "' is an SQLite file but not an entgraph database: give another --db path");
  }
  if (version > kSchemaVersion) {
    throw Error("'" + path + "' was written by a newer entgraph (schema " + std::to_string(version) +
                ", this one reads " + std::to_string(kSchemaVersion) + "): upgrade entgraph");
  }
  if (version < kSchemaVersion && !allow_older) {
    throw Error("'" + path + "' has an older schema (" + std::to_string(version) +
                "): rebuild it with 'entgraph build'");
  }
}

void Store::Reset() {
  for (const char* t : kTables) db_->Exec(std::string("DROP TABLE IF EXISTS ") + t);
  db_->Exec(kSchema);
  SetMeta("schema_version", std::to_string(kSchemaVersion));
}

void Store::SetMeta(const std::string& key, const std::string& value) {
  db_->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)").Bind(1, key).Bind(2, value).Run();
}

std::optional<std::string> Store::Meta(const std::string& key) {
  auto q = db_->Prepare("SELECT value FROM meta WHERE key = ?");
  q.Bind(1, key);
  if (!q.Step()) return std::nullopt;
  return std::string(q.Text(0));
}

std::vector<int64_t> Store::SaveEntities(const Dictionary& dict) {
  const std::vector<Entity>& entities = dict.entities();
  std::vector<std::string> keys;
  keys.reserve(entities.size());
  for (const Entity& e : entities) keys.push_back(MatchKey(e.name));
  // Into an empty table (a build) every entity is new: no look-ups, nothing to delete.
  const bool empty = Count("SELECT count(*) FROM entities") == 0;
  const std::vector<int64_t> ids = empty ? InsertEntities(entities, keys) : UpdateEntities(entities, keys);
  // Every alias's match key, so that a query finds an entity by an alias without reading all
  // entities. Names are found by entities_key, which a query looks in first (LookupName): listed
  // here too, they were nearly all of a gazetteer's rows and half the time of saving it. In key
  // order, each once: put one by one into the middle of the table's pages, the 750,000 aliases of
  // a dictionary of a million names took a second.
  std::vector<std::pair<std::string, int64_t>> aliases;
  for (size_t i = 0; i < ids.size(); ++i) {
    for (const std::string& a : entities[i].aliases) {
      std::string key = MatchKey(a);
      if (key != keys[i]) aliases.emplace_back(std::move(key), ids[i]);
    }
  }
  std::sort(aliases.begin(), aliases.end());
  aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
  db_->Exec("DELETE FROM aliases");
  InsertRows(*db_, "INSERT INTO aliases(key, entity_id) VALUES", 2, aliases.size(),
             [&](sql::Statement& alias, int p, size_t i, size_t) {
               alias.BindInPlace(p + 1, aliases[i].first).Bind(p + 2, aliases[i].second);
             });
  return ids;
}

std::vector<int64_t> Store::InsertEntities(const std::vector<Entity>& entities, const std::vector<std::string>& keys) {
  // The keys are indexed once all rows are in: sorted once, that is a third of the cost of putting
  // 119,000 keys one by one into the middle of the index's pages. (A database made before the
  // index had a name has its keys unique by a constraint instead, and keeps it.)
  db_->Exec("DROP INDEX IF EXISTS entities_key");
  // Bound in place, so the texts made for a statement's rows live until it runs (sized once: a
  // string moved by a vector's growth would move the bytes bound).
  constexpr size_t kTexts = 3;
  std::vector<std::string> texts(kTexts * kRowsAStatement);
  InsertRows(*db_, "INSERT INTO entities(key, name, type, aliases, attributes, source) VALUES", 6, entities.size(),
             [&](sql::Statement& insert, int p, size_t i, size_t r) {
               const Entity& e = entities[i];
               std::string* text = &texts[kTexts * r];
               text[0] = ToJson(e, true);
               text[1] = ToJson(e, false);
               text[2] = e.source.ToString();
               insert.BindInPlace(p + 1, keys[i]).BindInPlace(p + 2, e.name).BindInPlace(p + 3, e.type)
                   .BindInPlace(p + 4, text[0]).BindInPlace(p + 5, text[1]).BindInPlace(p + 6, text[2]);
             });
  db_->Exec("CREATE UNIQUE INDEX IF NOT EXISTS entities_key ON entities(key)");
  // Into an empty table SQLite numbers rows 1, 2, 3... in the order they go in.
  std::vector<int64_t> ids(entities.size());
  std::iota(ids.begin(), ids.end(), 1);
  if (Count("SELECT coalesce(max(id), 0) FROM entities") != ids.size()) {
    throw Error("the new entities were not numbered 1, 2, 3...", kExitInternal);
  }
  return ids;
}

std::vector<int64_t> Store::UpdateEntities(const std::vector<Entity>& entities, const std::vector<std::string>& keys) {
  auto find = db_->Prepare("SELECT id, name, type, aliases, attributes, source FROM entities WHERE key = ?");
  auto update = db_->Prepare(
      "UPDATE entities SET name=?2, type=?3, aliases=?4, attributes=?5, source=?6 WHERE id=?1");
  auto insert = db_->Prepare(
      "INSERT INTO entities(key, name, type, aliases, attributes, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  std::vector<int64_t> ids;
  ids.reserve(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    const std::string aliases = ToJson(e, true), attributes = ToJson(e, false), source = e.source.ToString();
    find.Bind(1, keys[i]);
    const bool found = find.Step();
    int64_t id = found ? find.Int(0) : 0;
    // A row that holds what it would be set to is left alone: most of a dictionary is the same
    // from one refresh to the next, and rewriting each of 118,000 rows took a third of a second.
    const bool same = found && find.Text(1) == e.name && find.Text(2) == e.type && find.Text(3) == aliases &&
                      find.Text(4) == attributes && find.Text(5) == source;
    find.Reset();
    if (same) {
      ids.push_back(id);
      continue;
    }
    // ?1 is the id for an update and the key for an insert; ?2..?6 are the same in both.
    sql::Statement& write = found ? update : insert;
    if (found) {
      write.Bind(1, id);
    } else {
      write.BindInPlace(1, keys[i]);
    }
    // Bound in place: the strings outlive Run() at the end of the statement.
    write.BindInPlace(2, e.name).BindInPlace(3, e.type).BindInPlace(4, aliases).BindInPlace(5, attributes)
        .BindInPlace(6, source).Run();
    if (!found) id = db_->LastInsertId();
    ids.push_back(id);
  }
  // The entities the dictionary no longer has.
  std::vector<int64_t> kept = ids;
  std::sort(kept.begin(), kept.end());
  std::vector<int64_t> gone;
  auto all = db_->Prepare("SELECT id FROM entities");
  while (all.Step()) {
    if (!std::binary_search(kept.begin(), kept.end(), all.Int(0))) gone.push_back(all.Int(0));
  }
  auto remove = db_->Prepare("DELETE FROM entities WHERE id = ?");
  for (int64_t id : gone) remove.Bind(1, id).Run();
  return ids;
}

size_t Store::Count(const std::string& sql) {
  auto q = db_->Prepare(sql);
  return q.Step() ? static_cast<size_t>(q.Int(0)) : 0;
}

Dictionary Store::LoadDictionary(std::vector<int64_t>* ids) {
  Dictionary dict;
  ids->clear();
  auto q = db_->Prepare("SELECT name, type, aliases, attributes, source, id FROM entities ORDER BY id");
  while (q.Step()) {
    ids->push_back(q.Int(5));
    Entity e;
    e.name = q.Text(0);
    e.type = q.Text(1);
    e.aliases = nlohmann::json::parse(q.Text(2)).get<std::vector<std::string>>();
    for (const auto& kv : nlohmann::json::parse(q.Text(3))) e.attributes.emplace_back(kv[0], kv[1]);
    e.source = SourceLine::Parse(q.Text(4));
    dict.Add(std::move(e));
  }
  return dict;
}

std::optional<int64_t> Store::FindDocument(std::string_view text, const std::string& hash) {
  sql::Statement& q = db_->Cached("SELECT id FROM documents WHERE hash = ? AND bytes = ?");
  q.Bind(1, hash).Bind(2, static_cast<int64_t>(text.size()));
  while (q.Step()) {
    // Compared a range at a time: the stored text of a long file is not read into memory whole.
    const sql::Blob stored(*db_, "documents", "text", q.Int(0), sql::Blob::Mode::kRead);
    bool same = stored.size() == text.size();
    std::string range;
    for (size_t at = 0; same && at < text.size(); at += kRangeBytes) {
      range.resize(std::min(kRangeBytes, text.size() - at));
      stored.Read(at, range.size(), range.data());
      same = text.substr(at, range.size()) == range;
    }
    if (same) {
      const int64_t id = q.Int(0);
      q.Reset();
      return id;
    }
  }
  q.Reset();
  return std::nullopt;
}

void Store::CheckFits(const Document& doc) const {
  const auto limit = static_cast<size_t>(sqlite3_limit(db_->handle(), SQLITE_LIMIT_LENGTH, -1));
  if (doc.text.size() <= limit) return;
  throw Error(doc.path + ": " + std::to_string(doc.text.size()) + " bytes, more than the database stores in one " +
              "document (" + std::to_string(limit) + " bytes); split the file into smaller ones");
}

int64_t Store::AddDocumentText(const Document& doc, const std::string& hash, int64_t id, bool in_ranges) {
  CheckFits(doc);
  sql::Statement& insert = db_->Cached("INSERT INTO documents(id, path, hash, bytes, text) VALUES(?, ?, ?, ?, ?)");
  if (id > 0) insert.Bind(1, id);  // else NULL: the next id
  insert.Bind(2, doc.path).Bind(3, hash).Bind(4, static_cast<int64_t>(doc.text.size()));
  if (in_ranges) {
    insert.BindZeroBlob(5, doc.text.size());
  } else {
    insert.BindBlobInPlace(5, doc.text);  // unbound by Run(), before `doc` goes: no need to copy the text
  }
  insert.Run();
  const int64_t stored = db_->LastInsertId();
  if (in_ranges) WriteInPlace(*db_, "documents", "text", stored, {&doc.text, 1});
  return stored;
}

int64_t Store::NextDocumentId() {
  return static_cast<int64_t>(Count("SELECT coalesce(max(id), 0) + 1 FROM documents"));
}

void Store::ReplacePackedAnalysis(int64_t doc_id, std::span<const std::string_view> packed, size_t count,
                                  std::vector<int64_t> entities) {
  // entity_docs is left as it is: RecomputeGraph writes it anew (taking a document out of the lists
  // one at a time rewrote a common entity's whole list once per re-read document).
  db_->Prepare("DELETE FROM doc_mentions WHERE doc_id = ?").Bind(1, doc_id).Run();
  AddPackedAnalysis(doc_id, packed, count, std::move(entities));
}

void Store::AddPackedAnalysis(int64_t doc_id, std::span<const std::string_view> packed, size_t count,
                              std::vector<int64_t> entities) {
  Distinct(&entities);
  sql::Statement& insert = db_->Cached("INSERT INTO doc_mentions(doc_id, mentions, entities, data) VALUES(?, ?, ?, ?)");
  insert.Bind(1, doc_id).Bind(2, static_cast<int64_t>(count)).BindBlob(3, PackIds(entities));
  const bool in_place = packed.size() != 1;
  if (in_place) {
    insert.BindZeroBlob(4, TotalSize(packed));
  } else {
    insert.BindBlobInPlace(4, packed[0]);
  }
  insert.Run();
  if (in_place) WriteInPlace(*db_, "doc_mentions", "data", doc_id, packed);
  Link(doc_id, entities);
}

void Store::Link(int64_t doc_id, const std::vector<int64_t>& entities) {
  for (int64_t e : entities) pending_links_[e].push_back(doc_id);
  pending_count_ += entities.size();
  if (pending_count_ >= link_batch_) FlushLinks();
}

void Store::FlushLinks() {
  if (pending_links_.empty()) return;
  std::vector<int64_t> entities;  // in id order: rows land in the table's order
  entities.reserve(pending_links_.size());
  for (const auto& [entity, docs] : pending_links_) entities.push_back(entity);
  std::sort(entities.begin(), entities.end());
  sql::Statement& link = db_->Cached("INSERT INTO entity_docs(entity_id, first_doc, docs) VALUES(?, ?, ?)");
  for (int64_t entity : entities) {
    std::vector<int64_t>& docs = pending_links_[entity];
    if (!std::is_sorted(docs.begin(), docs.end())) std::sort(docs.begin(), docs.end());  // they come in order
    link.Bind(1, entity).Bind(2, docs.front()).BindBlob(3, PackIds(docs)).Run();
  }
  pending_links_.clear();
  pending_count_ = 0;
}

std::vector<int64_t> Store::DocumentsOf(int64_t entity) {
  auto q = db_->Prepare("SELECT docs FROM entity_docs WHERE entity_id = ? ORDER BY first_doc");
  q.Bind(1, entity);
  std::vector<int64_t> docs;
  bool sorted = true;
  while (q.Step()) {
    const size_t before = docs.size();
    UnpackIds(q.Text(0), "the stored documents of entity " + std::to_string(entity), &docs);
    // Lists are written in document order, so they follow one another; sorting is a safeguard.
    if (before > 0 && docs.size() > before && docs[before] < docs[before - 1]) sorted = false;
  }
  if (!sorted) std::sort(docs.begin(), docs.end());
  return docs;
}

void Store::ForEntitiesIn(const std::vector<int64_t>& docs,
                          const std::function<void(int64_t, const std::vector<int64_t>&)>& fn) {
  auto q = db_->Prepare("SELECT entities FROM doc_mentions WHERE doc_id = ?");
  std::vector<int64_t> entities;
  for (int64_t doc : docs) {
    q.Bind(1, doc);
    if (q.Step()) {
      entities.clear();
      UnpackIds(q.Text(0), "the stored entities of document " + std::to_string(doc), &entities);
      fn(doc, entities);
    }
    q.Reset();
  }
}

void Store::ForEachDocumentEntities(const std::function<void(int64_t, const std::vector<int64_t>&)>& fn) {
  auto q = db_->Prepare("SELECT doc_id, entities FROM doc_mentions ORDER BY doc_id");
  std::vector<int64_t> entities;
  while (q.Step()) {
    entities.clear();
    UnpackIds(q.Text(1), "the stored entities of document " + std::to_string(q.Int(0)), &entities);
    fn(q.Int(0), entities);
  }
}

std::optional<StoredAnalysis> Store::LoadAnalysis(int64_t doc_id) {
  auto q = db_->Prepare("SELECT data FROM doc_mentions WHERE doc_id = ?");
  q.Bind(1, doc_id);
  if (!q.Step()) return std::nullopt;
  return UnpackAnalysis(q.Text(0), doc_id);
}

void Store::RecomputeGraph() {
  // Stream the documents' mentions in id order, counting the graph and listing each entity's
  // documents anew. Only known entities count: mentions of an entity that left the dictionary are
  // all in documents a refresh re-read, but the graph must never name an entity that is not there.
  // By entity id, flags instead of hash sets (a look-up for each of millions of mentions was a
  // fifth of a refresh that changed nothing): whether the entity is known, and whether the
  // document being counted has named it yet.
  std::vector<char> known, named;
  auto entities = db_->Prepare("SELECT id FROM entities");
  while (entities.Step()) {
    const int64_t id = entities.Int(0);
    // Ids are 1, 2, 3... as build and refresh give them, and the counter keeps 31 bits of them.
    if (id < 0 || id >= (int64_t{1} << 31)) {
      throw Error("the stored entities are damaged (id " + std::to_string(id) +
                      "): rebuild the database with 'entgraph build'",
                  kExitInternal);
    }
    if (static_cast<size_t>(id) >= known.size()) known.resize(static_cast<size_t>(id) + 1, 0);
    known[static_cast<size_t>(id)] = 1;
  }
  named.assign(known.size(), 0);
  auto is_known = [&known](int64_t id) { return id >= 0 && static_cast<uint64_t>(id) < known.size() && known[id]; };
  pending_links_.clear();
  pending_count_ = 0;
  db_->Exec("DELETE FROM entity_docs");
  EdgeCounter counter;
  // A long document's mentions (millions) are counted a part of whole paragraphs at a time, as a
  // build counts the pieces of a long file: not unpacked whole.
  constexpr size_t kPart = 1 << 16;
  Analysis part;
  std::vector<int64_t> listed;  // the document's distinct entities
  auto q = db_->Prepare("SELECT doc_id, data FROM doc_mentions ORDER BY doc_id");
  while (q.Step()) {
    const int64_t doc_id = q.Int(0);
    part.mentions.clear();
    listed.clear();
    bool first = true;
    uint32_t paragraph = 0;
    ForEachPackedMention(q.Text(1), doc_id, [&](const StoredMention& s) {
      if (!is_known(s.entity)) return;
      if (part.mentions.size() >= kPart && s.paragraph != paragraph) {
        counter.AddPart(part, doc_id, nullptr, first);
        first = false;
        part.mentions.clear();
      }
      paragraph = s.paragraph;
      Mention& m = part.mentions.emplace_back();
      m.entity = static_cast<int32_t>(s.entity);
      m.sentence = s.sentence;
      m.paragraph = s.paragraph;
      if (!named[static_cast<size_t>(s.entity)]) {
        named[static_cast<size_t>(s.entity)] = 1;
        listed.push_back(s.entity);
      }
    });
    if (first && part.mentions.empty()) continue;  // no entity of the dictionary is in it
    if (!part.mentions.empty()) counter.AddPart(part, doc_id, nullptr, first);
    std::sort(listed.begin(), listed.end());
    for (int64_t e : listed) named[static_cast<size_t>(e)] = 0;
    Link(doc_id, listed);
  }
  WriteGraph(counter);
}

void Store::WriteGraph(const EdgeCounter& counter) {
  FlushLinks();
  // The edges are written in key order with their second index dropped, then indexed once.
  db_->Exec("DELETE FROM entity_stats; DELETE FROM edges; DROP INDEX IF EXISTS edges_b;");
  const std::vector<EntityCounts> stats = counter.Entities();
  InsertRows(*db_, "INSERT INTO entity_stats(entity_id, mentions, documents, paragraphs, sentences) VALUES", 5,
             stats.size(), [&](sql::Statement& stat, int p, size_t i, size_t) {
               const EntityCounts& c = stats[i];
               stat.Bind(p + 1, int64_t{c.entity}).Bind(p + 2, static_cast<int64_t>(c.mentions))
                   .Bind(p + 3, static_cast<int64_t>(c.documents)).Bind(p + 4, static_cast<int64_t>(c.paragraphs))
                   .Bind(p + 5, static_cast<int64_t>(c.sentences));
             });
  const std::vector<EdgeCount> edges = counter.Edges();
  InsertRows(*db_, "INSERT INTO edges(scope, a, b, weight, dice, first_doc, first_unit) VALUES", 7, edges.size(),
             [&](sql::Statement& edge, int p, size_t i, size_t) {
               const EdgeCount& e = edges[i];
               edge.Bind(p + 1, static_cast<int64_t>(e.scope)).Bind(p + 2, int64_t{e.a}).Bind(p + 3, int64_t{e.b})
                   .Bind(p + 4, static_cast<int64_t>(e.weight)).Bind(p + 5, e.dice).Bind(p + 6, e.first_doc)
                   .Bind(p + 7, int64_t{e.first_unit});
             });
  db_->Exec("CREATE INDEX edges_b ON edges(scope, b, weight, dice)");
}

void Store::ForEachDocument(const std::function<void(int64_t, const std::string&, std::string_view)>& fn) {
  auto q = db_->Prepare("SELECT id, path, text FROM documents ORDER BY id");
  while (q.Step()) fn(q.Int(0), std::string(q.Text(1)), q.Text(2));
}

}  // namespace entgraph
