// The entgraph database: documents, entities, mentions, units, evidence and edges in one SQLite
// file (default output/entgraph.db).
//
// Tables
//   meta(key, value)                      schema_version, dictionary, scopes
//   documents(id, path, hash, bytes, text)  text is a BLOB: byte offsets index it directly
//   entities(id, key, name, type, aliases, attributes)  ids stay stable across refreshes
//   aliases(key, entity_id)                the match key of every name and alias, for look-ups
//   doc_mentions(doc_id, mentions, entities, data)  each document's distinct entities as a packed
//                                         list of ids; its mentions (entity ids, offsets, sentence
//                                         and paragraph numbers) and the spans of the sentences
//                                         that hold them, packed in one BLOB (packed_analysis.h)
//   entity_docs(entity_id, first_doc, docs)  the documents that mention each entity, as packed
//                                         lists of ids (a row per entity and batch of up to two
//                                         million links): how the evidence of a link is found
//                                         (the documents of both, then their packed mentions)
//   edges(scope, a, b, weight, dice, first_doc, first_unit)  sentence and paragraph links, derived
//                                         from mentions (cooccurrence/edge_counter.h), with the
//                                         first unit that links the pair;
//                                         indexed by (scope, a, b) and (scope, b). Document links
//                                         are worked out from doc_mentions.entities and
//                                         entity_docs when asked (graph/document_links.h)
//   entity_stats(entity_id, mentions, documents, paragraphs, sentences)
//
// Schema 1 also had a table of every (scope, pair, unit): tens of millions of rows for a few
// hundred megabytes of news, and most of a build's time. Schema 2 had a row per mention and per
// sentence, indexed by entity: still most of a build's time, now one BLOB per document. Schema 3
// stored document links as edges: every pair of a document's entities, 5.7 million rows for one
// 200 MB file, two thirds of its build.
//
// Writers run inside one transaction (see Transaction in sqlite.h), and a build writes a new file
// that replaces the old one when complete (store/replacement.h): a build, add or refresh that
// fails or is killed leaves the previous database as it was. The file is in WAL mode so queries
// can read while a writer works.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cooccurrence/cooccurrence.h"
#include "dictionary/dictionary.h"
#include "document/corpus.h"
#include "cooccurrence/edge_counter.h"
#include "recognizer/recognizer.h"
#include "store/packed_analysis.h"
#include "store/sqlite.h"

namespace entgraph {

inline constexpr int kSchemaVersion = 4;

// The database path: `flag` when given, else $ENTGRAPH_DB, else output/entgraph.db.
std::string DatabasePath(const std::string& flag);

class Store {
 public:
  // Opens the database for reading, in one read transaction for the store's life. Throws entgraph::Error (exit 2) when it is missing, not an
  // entgraph database, or of another schema version.
  static Store OpenForReading(const std::string& path);
  // Opens (creating it and its folder if needed) for writing. An existing file must be an entgraph
  // database of this schema version, or empty.
  static Store OpenForWriting(const std::string& path);
  // Checks that a build may replace `path`: absent, empty, or an entgraph database of any schema.
  // Returns the page size the new database gets: an old file's own (copying into a file, which
  // store/replacement.h may have to do, needs the same size), or 64 KiB. Throws entgraph::Error
  // (exit 2) when `path` is something else.
  static int CheckReplaceable(const std::string& path);
  // Creates a database at `path`, which must not exist, for a build to fill: `page_size` pages, its
  // journal in memory and no syncing while it is written, since it is made durable and put in
  // place whole (store/replacement.h), never changed in place.
  static Store CreateForBuild(const std::string& path, int page_size);

  sql::Database& db() { return *db_; }

  // --- Writing (call inside a sql::Transaction) ---

  // Drops every table and creates the current schema.
  void Reset();
  // Makes the entities table hold exactly `dict`'s entities. An entity whose name matches a stored
  // one (same match key) keeps its id; others get new ids. Returns the id of each dict entity.
  std::vector<int64_t> SaveEntities(const Dictionary& dict);
  // The id of a stored document with exactly this text (whose ContentHash is `hash`), if any.
  std::optional<int64_t> FindDocument(std::string_view text, const std::string& hash);
  // Stores a document (`hash`: its ContentHash) and returns its id; `id`, when given, is the id
  // to store it under. What was found in it follows (a document's text can be stored while it is
  // being recognized). With `in_ranges` (a long document), the text goes into the database a
  // megabyte at a time, never copied whole.
  int64_t AddDocumentText(const Document& doc, const std::string& hash, int64_t id = 0, bool in_ranges = false);
  // Throws entgraph::Error (exit 2), naming the file, when `doc` is longer than the database
  // stores in one value (SQLite's limit: 1,000,000,000 bytes unless built otherwise).
  void CheckFits(const Document& doc) const;
  // What was found in a document, already packed (AnalysisPacker): the BLOB as parts that
  // follow one another (more than one: written in place, never joined), with its distinct
  // entity ids in any order.
  void AddPackedAnalysis(int64_t doc_id, std::span<const std::string_view> packed, size_t count,
                         std::vector<int64_t> entities);
  // The id the next document stored will get.
  int64_t NextDocumentId();
  // How many (entity, document) links the Add*Analysis calls keep back before it writes them (see
  // FlushLinks); two million unless a test sets fewer.
  void set_link_batch(size_t n) { link_batch_ = n; }
  // Replaces what is stored about a document's mentions, packed as for AddPackedAnalysis (for
  // refresh; RecomputeGraph must follow).
  void ReplacePackedAnalysis(int64_t doc_id, std::span<const std::string_view> packed, size_t count,
                             std::vector<int64_t> entities);
  // Recomputes entity_stats, edges and each entity's list of documents from the stored mentions.
  void RecomputeGraph();
  // The same from a counter that was given every stored document's mentions, in id order, with
  // entity ids (what a build counts as it goes, instead of reading the mentions back).
  void WriteGraph(const EdgeCounter& counter);
  void SetMeta(const std::string& key, const std::string& value);

  // --- Reading ---

  std::optional<std::string> Meta(const std::string& key);
  // The single integer a query like "SELECT count(*) FROM ..." returns (0 when it returns no row).
  size_t Count(const std::string& sql);
  // The stored dictionary (entities with aliases and attributes), in id order; *ids receives the
  // id of each entity.
  Dictionary LoadDictionary(std::vector<int64_t>* ids);
  // The ids of the documents that mention entity `entity`, rising.
  std::vector<int64_t> DocumentsOf(int64_t entity);
  // Calls `fn(doc, entities)` with the distinct entity ids (rising) of each of `docs` that has
  // mentions stored, in the order given.
  void ForEntitiesIn(const std::vector<int64_t>& docs,
                     const std::function<void(int64_t, const std::vector<int64_t>&)>& fn);
  // The same for every document with mentions, in id order.
  void ForEachDocumentEntities(const std::function<void(int64_t, const std::vector<int64_t>&)>& fn);
  // What is stored of document `doc_id`'s mentions; nullopt when the document has none stored.
  std::optional<StoredAnalysis> LoadAnalysis(int64_t doc_id);
  // Calls `fn(id, path, text)` for every stored document, in id order.
  void ForEachDocument(const std::function<void(int64_t, const std::string&, std::string_view)>& fn);

 private:
  // SaveEntities into an empty table, and into one that holds entities; `keys`: the entities'
  // match keys.
  std::vector<int64_t> InsertEntities(const std::vector<Entity>& entities, const std::vector<std::string>& keys);
  std::vector<int64_t> UpdateEntities(const std::vector<Entity>& entities, const std::vector<std::string>& keys);
  explicit Store(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}
  int SchemaVersion();
  void CheckSchema(bool allow_older, bool allow_empty);
  // Writes the links kept back, as one packed list of documents per entity: written one row per
  // (entity, document) as they came, in document order, each landed on a random page of a table in
  // entity order. Called by Link when `link_batch_` are waiting, and by WriteGraph.
  void FlushLinks();
  // Keeps back a link from each of `entities` (distinct ids, rising) to `doc_id`.
  void Link(int64_t doc_id, const std::vector<int64_t>& entities);

  std::unique_ptr<sql::Database> db_;
  // entity_docs rows not yet written, as each entity's documents in the order they came (see
  // FlushLinks): kept apart by entity as they come, because sorting (entity, document) pairs
  // when they were written was a tenth of a build's graph phase.
  std::unordered_map<int64_t, std::vector<int64_t>> pending_links_;
  size_t pending_count_ = 0;  // links in pending_links_
  size_t link_batch_ = 2u << 20;
};

// XXH3 (64 bits) of `text`, as 16 hex digits: the documents' content hash. Schemas 1 and 2 used
// FNV-1a, which read a byte at a time: half a second of a 200 MB build's one storing thread.
std::string ContentHash(std::string_view text);

}  // namespace entgraph
