#include "store/indexer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/error.h"
#include "graph/graph.h"
#include "query/lookup.h"
#include "store/packed_analysis.h"
#include "store/store.h"
#include "testing/run.h"

namespace entgraph {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

fs::path Fixture() { return testing::SourceDir() / "tests/fixtures/small"; }

std::vector<std::string> FixtureFiles() {
  return ListCorpus({(Fixture() / "corpus").string()}, CorpusOptions{}, [](const std::string&) {});
}

// Edges of a scope as "XY:weight" with the entities' initials, sorted: as a query reads them
// (document links are worked out, the others stored).
std::string Edges(const std::string& db, Scope scope) {
  Store store = Store::OpenForReading(db);
  const EntityGraph g = EntityGraph::Load(store, scope);
  std::multiset<std::string> edges;
  for (auto [e, end] = boost::edges(g.graph()); e != end; ++e) {
    std::string x = g.entity(boost::source(*e, g.graph())).name, y = g.entity(boost::target(*e, g.graph())).name;
    if (y < x) std::swap(x, y);
    edges.insert(x.substr(0, 1) + y.substr(0, 1) + ":" + std::to_string(g.graph()[*e].weight));
  }
  std::string out;
  for (const std::string& e : edges) out += (out.empty() ? "" : " ") + e;
  return out;
}

double Dice(const std::string& db, Scope scope, const std::string& a, const std::string& b) {
  Store store = Store::OpenForReading(db);
  const EntityGraph g = EntityGraph::Load(store, scope);
  std::optional<Vertex> va, vb;
  for (Vertex v = 0; v < g.entities().size(); ++v) {
    if (g.entity(v).name == a) va = v;
    if (g.entity(v).name == b) vb = v;
  }
  const std::optional<EdgeData> edge = va && vb ? g.Edge(*va, *vb) : std::nullopt;
  return edge ? edge->dice : -1;
}

TEST(IndexerTest, BuildLinksEveryScopeAsDrawnByHand) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  const IndexSummary s = Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  EXPECT_EQ(s.documents, 3u);
  EXPECT_EQ(s.mentions, 12u);
  EXPECT_EQ(s.entities_found, 6u);
  EXPECT_EQ(Edges(db, Scope::kSentence), "AB:1 AC:1 BC:1 CE:1 DE:1");
  EXPECT_EQ(Edges(db, Scope::kParagraph), "AB:1 AC:2 BC:1 CE:1 DE:1");
  EXPECT_EQ(Edges(db, Scope::kDocument), "AB:1 AC:2 AD:1 AE:2 BC:1 BE:1 CD:1 CE:2 DE:1 DF:1");
}

TEST(IndexerTest, DiceDiscountsHubs) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  // Alice is in 2 sentences, Cedar in 3, together in 1: 2 * 1 / (2 + 3).
  EXPECT_DOUBLE_EQ(Dice(db, Scope::kSentence, "Alice Archer", "Cedar Corp"), 0.4);
  // Fay and Delta Bank share their only document: 2 * 1 / (1 + 2).
  EXPECT_DOUBLE_EQ(Dice(db, Scope::kDocument, "Fay Fisher", "Delta Bank"), 2.0 / 3);
}

TEST(IndexerTest, FailedBuildLeavesThePreviousDatabaseAnswering) {
  // Files read in batches, and files taken piece by piece (long_file_bytes = 1).
  for (uintmax_t long_file_bytes : {IndexOptions().long_file_bytes, uintmax_t{1}}) {
    TempDir dir;
    const std::string db = (dir.path() / "g.db").string();
    Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
    const std::string before = Edges(db, Scope::kDocument);
    IndexOptions failing;
    failing.long_file_bytes = long_file_bytes;
    failing.progress = [](const ProgressReport& progress) {
      if (progress.done == 2) throw Error("disk on fire", kExitInternal);
    };
    Dictionary other;
    other.Parse("person\tAlice Archer\n", "other.tsv");
    EXPECT_THROW(Build(db, other, FixtureFiles(), failing), Error);
    EXPECT_EQ(Edges(db, Scope::kDocument), before) << long_file_bytes;
    EXPECT_NE(before, "");
  }
}

TEST(IndexerTest, AddSkipsADocumentAlreadyStoredAndLinksNewOnes) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  auto files = FixtureFiles();
  Build(db, Dictionary::Load(Fixture() / "dict.tsv"), {files[0]}, {});
  const fs::path copy = dir.Write("copy-of-one.txt", "Alice Archer met Bob Baker. Bob joined Cedar Corp.\n\n"
                                                     "Cedar funds the Echo Pipeline.\n");
  IndexSummary s = Add(db, {files[0], copy}, {});
  EXPECT_EQ(s.added, 0u);
  EXPECT_EQ(s.duplicates, 2u);
  EXPECT_EQ(s.documents, 1u);
  s = Add(db, {files[1], files[2]}, {});
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(s.documents, 3u);
  EXPECT_EQ(Edges(db, Scope::kDocument), "AB:1 AC:2 AD:1 AE:2 BC:1 BE:1 CD:1 CE:2 DE:1 DF:1");
}

// Every row of the graph's tables, as text.
std::string GraphRows(const std::string& db) {
  Store store = Store::OpenForReading(db);
  std::string out;
  for (const char* sql : {"SELECT scope || ' ' || a || ' ' || b || ' ' || weight || ' ' || dice || ' ' || first_doc "
                          "|| ' ' || first_unit FROM edges ORDER BY scope, a, b",
                          "SELECT entity_id || ' ' || mentions || ' ' || documents || ' ' || paragraphs || ' ' || "
                          "sentences FROM entity_stats ORDER BY entity_id"}) {
    auto q = store.db().Prepare(sql);
    while (q.Step()) out += std::string(q.Text(0)) + "\n";
  }
  return out;
}

TEST(IndexerTest, BuildCountsTheGraphAsReadingTheMentionsBackWould) {
  // A build counts edges while it stores documents; add reads every stored mention back. The two
  // must agree row for row, first linking units included.
  TempDir dir;
  const std::string built = (dir.path() / "b.db").string(), added = (dir.path() / "a.db").string();
  const Dictionary dict = Dictionary::Load(Fixture() / "dict.tsv");
  auto files = FixtureFiles();
  Build(built, dict, files, {});
  Build(added, dict, {files[0]}, {});
  Add(added, {files[1], files[2]}, {});
  EXPECT_EQ(GraphRows(built), GraphRows(added));
  EXPECT_NE(GraphRows(built), "");
}

TEST(IndexerTest, ALongDocumentIsCountedAsAShortOneIs) {
  // A short file's mentions are counted on the counting thread, but past 262,144 mentions they
  // are counted where they are, once that thread has caught up (indexer.cc, kCountInPlace); the
  // graph must be what reading the mentions back gives, as for the documents around it.
  TempDir dir;
  std::string text;
  for (int i = 0; i < 90000; ++i) {
    text += i % 5 ? "Alice Archer met Bob Baker and Cedar Corp. " : "Echo Pipeline stalled.\n\nFay Fisher left. ";
    if (i % 7 == 0) text += "Delta Bank and Alice Archer.\n\n";
  }
  const fs::path lng = dir.Write("long.txt", text);
  const std::string built = (dir.path() / "b.db").string(), added = (dir.path() / "a.db").string();
  const Dictionary dict = Dictionary::Load(Fixture() / "dict.tsv");
  auto files = FixtureFiles();
  const IndexSummary s = Build(built, dict, {files[0], lng, files[1]}, {});
  EXPECT_GT(s.mentions, 262144u);
  Build(added, dict, {files[0]}, {});
  Add(added, {lng, files[1]}, {});
  EXPECT_EQ(GraphRows(built), GraphRows(added));
}

// Every row a build writes about documents and the graph, as text (BLOBs in hex).
std::string AllRows(const std::string& db) {
  Store store = Store::OpenForReading(db);
  std::string out;
  for (const char* sql : {"SELECT id || ' ' || path || ' ' || hash || ' ' || bytes FROM documents ORDER BY id",
                          "SELECT doc_id || ' ' || mentions || ' ' || hex(entities) || ' ' || hex(data) "
                          "FROM doc_mentions ORDER BY doc_id",
                          "SELECT entity_id || ' ' || first_doc || ' ' || hex(docs) FROM entity_docs "
                          "ORDER BY entity_id, first_doc"}) {
    auto q = store.db().Prepare(sql);
    while (q.Step()) out += std::string(q.Text(0)) + "\n";
  }
  return out + GraphRows(db);
}

// The first line that differs between two dumps (cut to 200 bytes), or "" when they are equal.
std::string FirstDifference(const std::string& x, const std::string& y) {
  std::istringstream a(x), b(y);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "";
    if (la != lb || more_a != more_b) {
      return "line " + std::to_string(line) + ": '" + la.substr(0, 200) + "' vs '" + lb.substr(0, 200) + "'";
    }
  }
}

TEST(IndexerTest, LongFilesStoredPieceByPieceGiveTheSameDatabase) {
  // A file past IndexOptions::long_file_bytes is recognized in pieces (of about a megabyte) and
  // packed and counted as they come; whatever the threshold, the database must be the same.
  TempDir dir;
  std::string text;
  for (int i = 0; text.size() < (3u << 20); ++i) {
    text += "In year " + std::to_string(i) + " Alice Archer met Bob Baker and Cedar Corp. Delta Bank paid.";
    text += i % 3 ? " Echo Pipeline ran.\n\n" : "\nFay Fisher and Alice wrote, and so did DB.\n\n";
  }
  auto files = FixtureFiles();
  const std::vector<std::string> corpus = {files[0], dir.Write("long.txt", text), files[1],
                                        dir.Write("long-copy.txt", text), files[2]};
  const Dictionary dict = Dictionary::Load(Fixture() / "dict.tsv");
  uint64_t corpus_bytes = 0;
  for (const std::string& f : corpus) corpus_bytes += fs::file_size(f);
  std::string rows[2];
  for (int streamed : {0, 1}) {
    for (size_t threads : {1u, 2u}) {
      const std::string db = (dir.path() / ("g" + std::to_string(streamed) + std::to_string(threads) + ".db")).string();
      IndexOptions options;
      options.threads = threads;
      if (streamed) options.long_file_bytes = 1000;  // every file but the fixtures' three
      size_t last_done = 0;
      uint64_t last_bytes = 0;
      size_t within_a_file = 0;  // reports of more bytes done, no more documents
      options.progress = [&](const ProgressReport& progress) {
        within_a_file += progress.done == last_done && progress.bytes > last_bytes;
        EXPECT_EQ(progress.total, corpus.size());
        EXPECT_EQ(progress.total_bytes, corpus_bytes);
        EXPECT_GE(progress.done, last_done);
        EXPECT_GE(progress.bytes, last_bytes);
        last_done = progress.done;
        last_bytes = progress.bytes;
      };
      const IndexSummary s = Build(db, dict, corpus, options);
      EXPECT_EQ(s.read, 5u);
      EXPECT_EQ(s.added, 4u);
      EXPECT_EQ(s.duplicates, 1u);
      EXPECT_EQ(last_done, 5u);
      EXPECT_EQ(last_bytes, corpus_bytes) << "every file's bytes counted by the end";
      // A long file shows progress a piece at a time (three megabytes: three pieces or more), not
      // only once it is done. (Its copy is found a duplicate before it is recognized.)
      if (streamed) {
        EXPECT_GE(within_a_file, 3u) << threads << " threads";
      } else {
        EXPECT_EQ(within_a_file, 0u) << threads << " threads";
      }
      const std::string all = AllRows(db);
      if (rows[streamed].empty()) rows[streamed] = all;
      EXPECT_EQ(FirstDifference(all, rows[streamed]), "") << threads << " threads";
    }
  }
  EXPECT_EQ(FirstDifference(rows[0], rows[1]), "");
  EXPECT_GT(rows[0].size(), 1000u);
  // add takes the same path for a long file.
  const std::string added = (dir.path() / "added.db").string(), built = (dir.path() / "g01.db").string();
  IndexOptions streamed;
  streamed.long_file_bytes = 1000;
  Build(added, dict, {corpus[0]}, streamed);
  const IndexSummary s = Add(added, {corpus.begin() + 1, corpus.end()}, streamed);
  EXPECT_EQ(s.duplicates, 1u);
  EXPECT_EQ(FirstDifference(GraphRows(added), GraphRows(built)), "");
  // A build's first file, when long, is recognized while the entities are still being saved
  // (Build); its copy right after must still be found a duplicate, and the database be the same
  // as when the file is read whole.
  const std::vector<std::string> long_first = {corpus[1], corpus[3], corpus[0]};
  std::string first_rows[2];
  for (int first_streamed : {0, 1}) {
    const std::string db = (dir.path() / ("first" + std::to_string(first_streamed) + ".db")).string();
    IndexOptions options;
    options.threads = 2;
    if (first_streamed) options.long_file_bytes = 1000;
    const IndexSummary summary = Build(db, dict, long_first, options);
    EXPECT_EQ(summary.added, 2u);
    EXPECT_EQ(summary.duplicates, 1u);
    first_rows[first_streamed] = AllRows(db);
  }
  EXPECT_EQ(FirstDifference(first_rows[1], first_rows[0]), "");
}

// Each entity's stored documents, as "entity:doc " for entities 1..6.
std::string Lists(Store& store) {
  std::string out;
  for (int64_t e = 1; e <= 6; ++e) {
    for (int64_t doc : store.DocumentsOf(e)) out += std::to_string(e) + ":" + std::to_string(doc) + " ";
  }
  return out;
}

TEST(StoreTest, EveryEdgeCountedIsStoredAsCounted) {
  // Edges go in many rows a statement, the last few one a statement: 31 entities in a paragraph
  // and 30 of them in a sentence make 465 + 435 edges, a number the batch size does not divide.
  TempDir dir;
  Analysis doc;
  for (int32_t e = 1; e <= 31; ++e) {
    Mention m;
    m.entity = e;
    m.sentence = e <= 30 ? 0 : 1;  // the last one shares only the paragraph
    doc.mentions.push_back(m);
  }
  EdgeCounter counter;
  counter.Add(doc, 1);
  counter.Add(doc, 2);
  const std::vector<EdgeCount> expected = counter.Edges();
  ASSERT_EQ(expected.size(), 435u + 465u);
  Store store = Store::OpenForWriting((dir.path() / "g.db").string());
  sql::Transaction tx(store.db());
  store.Reset();
  store.WriteGraph(counter);
  auto q = store.db().Prepare(
      "SELECT scope, a, b, weight, dice, first_doc, first_unit FROM edges ORDER BY scope, a, b");
  size_t i = 0;
  for (; q.Step(); ++i) {
    ASSERT_LT(i, expected.size());
    const EdgeCount& e = expected[i];
    EXPECT_EQ(q.Int(0), static_cast<int64_t>(e.scope));
    EXPECT_EQ(q.Int(1), e.a);
    EXPECT_EQ(q.Int(2), e.b);
    EXPECT_EQ(q.Int(3), static_cast<int64_t>(e.weight));
    EXPECT_DOUBLE_EQ(q.Double(4), e.dice);
    EXPECT_EQ(q.Int(5), e.first_doc);
    EXPECT_EQ(q.Int(6), e.first_unit);
  }
  EXPECT_EQ(i, expected.size());
}

TEST(StoreTest, LinksWrittenInBatchesAreTheLinksWrittenAtOnce) {
  TempDir dir;
  const Dictionary dict = Dictionary::Load(Fixture() / "dict.tsv");
  const std::vector<std::string> texts = {"Alice met Bob Baker and Cedar.", "Delta Bank and Fay Fisher.",
                                          "Cedar Corp, Echo Pipeline, Alice Archer and DB."};
  const std::string expected = "1:1 1:3 2:1 3:1 3:3 4:2 4:3 5:3 6:2 ";
  for (size_t batch : {size_t{2}, size_t{1} << 20}) {
    const std::string db = (dir.path() / ("b" + std::to_string(batch) + ".db")).string();
    Store store = Store::OpenForWriting(db);
    sql::Transaction tx(store.db());
    store.Reset();
    store.set_link_batch(batch);
    const std::vector<int64_t> ids = store.SaveEntities(dict);
    const Matcher matcher(dict);
    Recognizer recognizer(matcher);
    for (size_t i = 0; i < texts.size(); ++i) {
      Document doc{"d" + std::to_string(i), texts[i], nullptr};
      PackedDocument p = PackDocument(recognizer.Analyze(doc.text), ids);
      const std::string_view parts[] = {p.packed};
      store.AddPackedAnalysis(store.AddDocumentText(doc, ContentHash(doc.text)), parts, p.count, std::move(p.entities));
    }
    store.WriteGraph(EdgeCounter());  // as a build ends
    EXPECT_EQ(Lists(store), expected) << "batch " << batch;
    store.RecomputeGraph();  // as add and refresh end: every list written anew
    EXPECT_EQ(Lists(store), expected) << "batch " << batch;
    EXPECT_EQ(store.Count("SELECT count(*) FROM entity_docs"), batch == 2 ? 9u : 6u) << "rows, batch " << batch;
  }
}

TEST(IndexerTest, ADocumentLongerThanTheDatabaseStoresIsAClearErrorNotANull) {
  // SQLite stores values of up to 1,000,000,000 bytes; a value it refuses to bind used to go in
  // as NULL ("NOT NULL constraint failed"). The limit is lowered here, for one connection.
  TempDir dir;
  Store store = Store::OpenForWriting((dir.path() / "g.db").string());
  sql::Transaction tx(store.db());
  store.Reset();
  sqlite3_limit(store.db().handle(), SQLITE_LIMIT_LENGTH, 1000);
  const std::string text(2000, 'a');
  const Document doc{"big.txt", text, nullptr};
  for (bool in_ranges : {false, true}) {
    try {
      store.AddDocumentText(doc, ContentHash(text), 0, in_ranges);
      ADD_FAILURE() << "stored";
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitBadInput);
      EXPECT_NE(std::string(e.what()).find("big.txt: 2000 bytes, more than the database stores in one document "
                                           "(1000 bytes); split the file"),
                std::string::npos)
          << e.what();
    }
  }
  try {
    store.db().Prepare("SELECT ?").BindBlob(1, text);
    ADD_FAILURE() << "bound";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("more than SQLite stores in one value"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store.Count("SELECT count(*) FROM documents"), 0u);
}

TEST(IndexerTest, AddNeedsABuiltDatabase) {
  TempDir dir;
  EXPECT_THROW(Add((dir.path() / "none.db").string(), FixtureFiles(), {}), Error);
}

// Every stored mention as "path start-end name sentence/paragraph", and the documents each entity
// is listed in, by name: ids differ between a refreshed database and a rebuilt one.
std::string StoredMentions(const std::string& db) {
  Store store = Store::OpenForReading(db);
  std::map<int64_t, std::string> names, paths;
  auto q = store.db().Prepare("SELECT id, name FROM entities");
  while (q.Step()) names[q.Int(0)] = q.Text(1);
  auto docs = store.db().Prepare("SELECT id, path FROM documents");
  while (docs.Step()) paths[docs.Int(0)] = fs::path(std::string(docs.Text(1))).filename().string();
  std::set<std::string> rows;
  for (const auto& [id, path] : paths) {
    const std::optional<StoredAnalysis> a = store.LoadAnalysis(id);
    if (!a) continue;
    for (const StoredMention& m : a->mentions) {
      const std::optional<Span> s = a->SentenceSpan(m.sentence);
      rows.insert(path + " " + std::to_string(m.start) + "-" + std::to_string(m.end) + " " + names[m.entity] + " " +
                  std::to_string(m.sentence) + "/" + std::to_string(m.paragraph) + " in " +
                  (s ? std::to_string(s->start) + "-" + std::to_string(s->end) : "?"));
    }
  }
  for (const auto& [id, name] : names) {
    for (int64_t doc : store.DocumentsOf(id)) rows.insert("listed: " + name + " in " + paths[doc]);
  }
  std::string out;
  for (const std::string& r : rows) out += r + "\n";
  return out;
}

TEST(IndexerTest, RefreshRereadsOnlyAffectedDocumentsAndEqualsARebuild) {
  // Twice: as short documents, and with every document taken as long (recognized in pieces and
  // stored packed in parts, as a file of 32 MB or more is).
  for (const uintmax_t long_bytes : {IndexOptions().long_file_bytes, uintmax_t{1}}) {
    SCOPED_TRACE("long_file_bytes " + std::to_string(long_bytes));
    IndexOptions options;
    options.long_file_bytes = long_bytes;
    TempDir dir;
    const std::string refreshed = (dir.path() / "r.db").string(), rebuilt = (dir.path() / "b.db").string();
    Build(refreshed, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), options);
    // The change: Fay gains an alias that only three.txt uses ("lives alone" is not it), Bob Baker
    // loses "Bob", and a new entity appears in two.txt.
    Dictionary changed;
    changed.Parse("person\tAlice Archer\tAlice\nperson\tBob Baker\norganization\tCedar Corp\tCedar\n"
                  "organization\tDelta Bank\tDB\nproject\tEcho Pipeline\nperson\tFay Fisher\tFay\n"
                  "person\tLater\n",
                  "changed.tsv");
    const IndexSummary s = Refresh(refreshed, changed, options);
    EXPECT_EQ(s.read, 3u);  // one.txt (Bob), two.txt (Later), three.txt (Fay Fisher)
    Build(rebuilt, changed, FixtureFiles(), {});
    for (Scope scope : kAllScopes) EXPECT_EQ(Edges(refreshed, scope), Edges(rebuilt, scope)) << ScopeName(scope);
    EXPECT_EQ(Edges(refreshed, Scope::kSentence), "AB:1 AC:1 CE:1 DE:1 DL:1 EL:1");
    EXPECT_EQ(StoredMentions(refreshed), StoredMentions(rebuilt));
    EXPECT_NE(StoredMentions(refreshed).find("listed: Later in two.txt\n"), std::string::npos);
    EXPECT_NE(StoredMentions(refreshed).find(" Later "), std::string::npos);

    // A change that touches no document's names re-reads nothing.
    Dictionary more = changed;
    more.Parse("organization\tZulu Holdings\n", "more.tsv");
    EXPECT_EQ(Refresh(refreshed, more, options).read, 0u);
    EXPECT_EQ(Edges(refreshed, Scope::kSentence), "AB:1 AC:1 CE:1 DE:1 DL:1 EL:1");
  }
}

TEST(IndexerTest, RefreshThatChangesOnlyATypeStoresItAndKeepsTheGraph) {
  TempDir dir;
  const std::string refreshed = (dir.path() / "r.db").string(), rebuilt = (dir.path() / "b.db").string();
  Build(refreshed, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  Dictionary retyped;  // the fixture's dictionary, Echo Pipeline an organization instead of a project
  retyped.Parse("person\tAlice Archer\tAlice\nperson\tBob Baker\tBob\norganization\tCedar Corp\tCedar\n"
                "organization\tDelta Bank\tDB\norganization\tEcho Pipeline\nperson\tFay Fisher\n",
                "retyped.tsv");
  const IndexSummary s = Refresh(refreshed, retyped, {});
  EXPECT_EQ(s.read, 0u);
  Build(rebuilt, retyped, FixtureFiles(), {});
  EXPECT_EQ(Refresh(rebuilt, retyped, {}).entities_found, s.entities_found);
  for (Scope scope : kAllScopes) EXPECT_EQ(Edges(refreshed, scope), Edges(rebuilt, scope)) << ScopeName(scope);
  EXPECT_EQ(StoredMentions(refreshed), StoredMentions(rebuilt));
  Store store = Store::OpenForReading(refreshed);
  auto q = store.db().Prepare("SELECT type FROM entities WHERE name = 'Echo Pipeline'");
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(std::string(q.Text(0)), "organization");
}

TEST(IndexerTest, RefreshOfManyDocumentsOnAnyThreadCountEqualsARebuild) {
  // 200 short documents (groups of 64 on the threads) and, among them, two long enough to be
  // read in pieces; a third of them name Fay, who gains an alias.
  TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) {
    std::string text = "Alice met Bob at Cedar in report " + std::to_string(i) + ".\n\n";
    if (i % 3 == 0) text += "Fay joined Delta Bank. Alice stayed.\n";
    if (i == 70 || i == 150) {
      for (int p = 0; p < 40; ++p) text += "Cedar and Echo Pipeline, paragraph " + std::to_string(p) + ". Fay.\n\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "d%03d.txt", i);
    files.push_back(dir.Write(name, text).string());
  }
  Dictionary changed;  // the fixture's dictionary, Fay Fisher with the alias "Fay"
  changed.Parse("person\tAlice Archer\tAlice\nperson\tBob Baker\tBob\norganization\tCedar Corp\tCedar\n"
                "organization\tDelta Bank\tDB\nproject\tEcho Pipeline\nperson\tFay Fisher\tFay\n",
                "changed.tsv");
  IndexOptions options;
  options.long_file_bytes = 1000;
  const std::string rebuilt = (dir.path() / "b.db").string();
  Build(rebuilt, changed, files, options);
  for (size_t threads : {1u, 3u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    options.threads = threads;
    const std::string refreshed = (dir.path() / ("r" + std::to_string(threads) + ".db")).string();
    Build(refreshed, Dictionary::Load(Fixture() / "dict.tsv"), files, options);
    EXPECT_EQ(Refresh(refreshed, changed, options).read, 68u);  // every third document, 0 to 198, and 70
    for (Scope scope : kAllScopes) EXPECT_EQ(Edges(refreshed, scope), Edges(rebuilt, scope)) << ScopeName(scope);
    EXPECT_EQ(StoredMentions(refreshed), StoredMentions(rebuilt));
  }
}

TEST(StoreTest, EntitiesAreLookedUpByKeyThroughAUniqueIndexAfterABuildAndARefresh) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  auto uses_index = [&] {
    Store store = Store::OpenForReading(db);
    auto plan = store.db().Prepare("EXPLAIN QUERY PLAN SELECT id FROM entities WHERE key = 'x'");
    std::string detail;
    while (plan.Step()) detail += std::string(plan.Text(3)) + "\n";
    return detail;
  };
  EXPECT_NE(uses_index().find("USING COVERING INDEX entities_key"), std::string::npos) << uses_index();
  Dictionary changed = Dictionary::Load(Fixture() / "dict.tsv");
  changed.Parse("organization\tZulu Holdings\n", "more.tsv");
  Refresh(db, changed, {});
  EXPECT_NE(uses_index().find("entities_key"), std::string::npos) << uses_index();
  sql::Database raw(db, sql::Database::Mode::kReadWriteCreate);
  EXPECT_THROW(raw.Exec("INSERT INTO entities(key, name, type, aliases, attributes, source) "
                        "SELECT key, name, type, aliases, attributes, source FROM entities LIMIT 1"),
               Error)
      << "keys stay unique";
}

TEST(StoreTest, ABuildFindsEntitiesByNameAndByAliasWithAliasesListedOnce) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  Dictionary dict;
  // Mercury's alias "Hermes" is also the name of another entity, and "the planet" is an alias of
  // two; Venus's alias only repeats its name in other letters.
  dict.Parse("planet\tMercury\tHermes|the Planet\ngod\tHermes\nplanet\tVenus\tthe planet|VENUS\n", "d.tsv");
  Build(db, dict, {}, {});
  Store store = Store::OpenForReading(db);
  auto id_of = [&](const char* name) { return LookupName(store, name); };
  ASSERT_TRUE(id_of("Mercury") && id_of("Hermes") && id_of("Venus"));
  EXPECT_NE(*id_of("Hermes"), *id_of("Mercury")) << "a name goes before another entity's alias";
  EXPECT_EQ(id_of("venus"), id_of("Venus"));
  EXPECT_EQ(id_of("The Planet"), std::nullopt) << "an alias of two entities names neither";
  // The aliases table holds the aliases, not the names (entities_key finds those).
  EXPECT_EQ(store.Count("SELECT count(*) FROM aliases"), 3u);  // hermes, the planet (twice)
}

TEST(StoreTest, EntitiesAndAliasesSavedManyAStatementKeepTheirIds) {
  // Rows go in 128 a statement, the rest one a statement: 300 entities, each with an alias
  // written twice in other letters (one row).
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  std::string tsv;
  for (int n = 0; n < 300; ++n) {
    tsv += "city\tTown " + std::to_string(n) + "\tAlias " + std::to_string(n) + "|ALIAS " + std::to_string(n) + "\n";
  }
  Dictionary dict;
  dict.Parse(tsv, "d.tsv");
  Build(db, dict, {}, {});
  Store store = Store::OpenForReading(db);
  EXPECT_EQ(store.Count("SELECT count(*) FROM entities"), 300u);
  EXPECT_EQ(store.Count("SELECT count(*) FROM aliases"), 300u);
  for (int n : {0, 127, 128, 255, 256, 299}) {
    const std::string town = "Town " + std::to_string(n), alias = "alias " + std::to_string(n);
    EXPECT_EQ(LookupName(store, town), std::optional<int64_t>(n + 1)) << town;
    EXPECT_EQ(LookupName(store, alias), std::optional<int64_t>(n + 1)) << alias;
    auto q = store.db().Prepare("SELECT name, source FROM entities WHERE id = ?");
    q.Bind(1, int64_t{n + 1});
    ASSERT_TRUE(q.Step());
    EXPECT_EQ(q.Text(0), town);
    EXPECT_EQ(q.Text(1), "d.tsv:" + std::to_string(n + 1));
  }
}

TEST(SqliteTest, ACachedStatementComesBackResetWithItsParametersUnbound) {
  TempDir dir;
  sql::Database db((dir.path() / "s.db").string(), sql::Database::Mode::kReadWriteCreate);
  db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)");
  sql::Statement& q = db.Cached("SELECT x, ? FROM t ORDER BY x");
  q.Bind(1, int64_t{7});
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Int(1), 7);
  // Left on its first row, with a parameter bound: the next use starts over, unbound.
  sql::Statement& again = db.Cached("SELECT x, ? FROM t ORDER BY x");
  EXPECT_EQ(&again, &q) << "prepared once";
  ASSERT_TRUE(again.Step());
  EXPECT_EQ(again.Int(0), 1) << "not row 2";
  EXPECT_TRUE(again.IsNull(1));
}

TEST(SqliteTest, TextBoundInPlaceIsStoredAsItWasWhenTheStatementRan) {
  TempDir dir;
  sql::Database db((dir.path() / "s.db").string(), sql::Database::Mode::kReadWriteCreate);
  db.Exec("CREATE TABLE t(x TEXT)");
  auto insert = db.Prepare("INSERT INTO t VALUES (?)");
  std::string text = "Pakistan Steel Mills";
  insert.BindInPlace(1, text).Run();
  text = "overwritten after the run";
  insert.BindInPlace(1, std::string("a temporary")).Run();
  auto rows = db.Prepare("SELECT x FROM t ORDER BY rowid");
  std::vector<std::string> got;
  while (rows.Step()) got.emplace_back(rows.Text(0));
  EXPECT_EQ(got, (std::vector<std::string>{"Pakistan Steel Mills", "a temporary"}));
}

TEST(StoreTest, RefusesFilesThatAreNotEntgraphDatabases) {
  TempDir dir;
  const fs::path text = dir.Write("notes.db", "just some text, not SQLite at all......................................");
  try {
    Store::OpenForReading(text.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "'" + text.string() +
                                         "' is not an entgraph database (not an SQLite file): give another "
                                         "--db path, or move that file away");
    EXPECT_EQ(e.exit_code(), kExitBadInput);
  }
  {
    sql::Database other((dir.path() / "other.db").string(), sql::Database::Mode::kReadWriteCreate);
    other.Exec("CREATE TABLE accounts(id INTEGER)");
  }
  EXPECT_THROW(Build((dir.path() / "other.db").string(), Dictionary(), {}, {}), Error);
}

TEST(StoreTest, RefusesANewerSchema) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  {
    sql::Database raw(db, sql::Database::Mode::kReadWriteCreate);
    raw.Exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    Store::OpenForReading(db);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "'" + db + "' was written by a newer entgraph (schema 99, this one reads " +
                  std::to_string(kSchemaVersion) + "): upgrade entgraph");
  }
}

TEST(StoreTest, OlderSchemaIsRefusedByQueriesAndReplacedByABuild) {
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  {
    sql::Database raw(db, sql::Database::Mode::kReadWriteCreate);
    raw.Exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'; "
             "CREATE TABLE evidence(scope INTEGER, a INTEGER, b INTEGER, doc_id INTEGER, unit INTEGER); "
             "CREATE TABLE mentions(doc_id INTEGER, start INTEGER)");
  }
  try {
    Store::OpenForReading(db);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "'" + db + "' has an older schema (1): rebuild it with 'entgraph build'");
  }
  const IndexSummary s = Build(db, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  EXPECT_GT(s.edges[0], 0u);
  Store store = Store::OpenForReading(db);
  EXPECT_EQ(store.Count("SELECT count(*) FROM sqlite_schema WHERE name IN ('evidence', 'mentions')"), 0u);
}

TEST(StoreTest, ANewDatabaseHasLargePagesAndAnOlderFileKeepsItsOwn) {
  TempDir dir;
  const std::string fresh = (dir.path() / "new.db").string(), old = (dir.path() / "old.db").string();
  Build(fresh, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  EXPECT_EQ(Store::OpenForReading(fresh).Count("PRAGMA page_size"), 65536u);
  {
    sql::Database raw(old, sql::Database::Mode::kReadWriteCreate);
    raw.Exec("PRAGMA page_size=4096; CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); "
             "INSERT INTO meta VALUES('schema_version', '2')");
  }
  const IndexSummary s = Build(old, Dictionary::Load(Fixture() / "dict.tsv"), FixtureFiles(), {});
  EXPECT_EQ(s.mentions, 12u);
  EXPECT_EQ(Store::OpenForReading(old).Count("PRAGMA page_size"), 4096u);
  EXPECT_EQ(Edges(old, Scope::kDocument), Edges(fresh, Scope::kDocument));
}

TEST(StoreTest, MissingDatabaseSaysToBuildFirst) {
  try {
    Store::OpenForReading("no/such.db");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no database at 'no/such.db': run 'entgraph build --dict DICT --corpus PATH' first, or give --db");
  }
}

}  // namespace
}  // namespace entgraph
