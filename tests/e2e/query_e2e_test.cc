// End to end: build a database from the small fixture with the real binary, then ask it questions.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/sqlite.h"
#include "testing/run.h"

namespace entgraph {
namespace {

using nlohmann::json;
using testing::RunEntgraph;
using testing::RunResult;
using testing::TempDir;

class QueryE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto fixture = testing::SourceDir() / "tests/fixtures/small";
    const RunResult r = RunEntgraph({"build", "-q", "--dict", (fixture / "dict.tsv").string(), "--corpus",
                                     (fixture / "corpus").string(), "--db", db()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::string db() const { return (dir_.path() / "graph.db").string(); }

  RunResult Query(std::vector<std::string> args) const {
    args.push_back("--db");
    args.push_back(db());
    return RunEntgraph(args);
  }

  json QueryJson(std::vector<std::string> args, int expected_exit = 0) const {
    args.push_back("--json");
    const RunResult r = Query(args);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    return json::parse(r.out);
  }

  TempDir dir_;
};

TEST_F(QueryE2E, PathPrintsEachStepWithItsEvidence) {
  const RunResult r = Query({"path", "alice", "Echo Pipeline"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string one = (testing::SourceDir() / "tests/fixtures/small/corpus/one.txt").string();
  const std::string two = (testing::SourceDir() / "tests/fixtures/small/corpus/two.txt").string();
  EXPECT_EQ(r.out,
            "Alice Archer → Cedar Corp → Echo Pipeline  (2 hops, sentence scope)\n"
            "  Alice Archer (person) — Cedar Corp (organization)   weight 1\n"
            "    “Alice works for Cedar Corp.”\n"
            "      " + two + ":1\n"
            "  Cedar Corp (organization) — Echo Pipeline (project)   weight 1\n"
            "    “Cedar funds the Echo Pipeline.”\n"
            "      " + one + ":3\n");
}

TEST_F(QueryE2E, PathJsonHasNodesHopsEdgesAndEvidence) {
  const json j = QueryJson({"path", "Alice Archer", "Delta Bank"});
  EXPECT_EQ(j["from"], "Alice Archer");
  EXPECT_EQ(j["to"], "Delta Bank");
  ASSERT_EQ(j["paths"].size(), 1u);
  const json& p = j["paths"][0];
  EXPECT_EQ(p["nodes"], json({"Alice Archer", "Cedar Corp", "Echo Pipeline", "Delta Bank"}));
  EXPECT_EQ(p["hops"], 3);
  ASSERT_EQ(p["edges"].size(), 3u);
  EXPECT_EQ(p["edges"][2]["source"], "Echo Pipeline");
  EXPECT_EQ(p["edges"][2]["target"], "Delta Bank");
  EXPECT_EQ(p["edges"][2]["weight"], 1);
  EXPECT_EQ(p["edges"][2]["evidence"][0]["text"], "Later, DB audited Echo Pipeline.");
}

TEST_F(QueryE2E, ScopeChangesTheGraphWithoutARebuild) {
  // Fay Fisher and Delta Bank share a file but no sentence or paragraph.
  const RunResult none = Query({"path", "Fay Fisher", "Delta Bank"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err,
            "entgraph: no connection between 'Fay Fisher' and 'Delta Bank' at sentence scope; a wider scope "
            "links more (--scope paragraph or --scope document)\n");
  EXPECT_EQ(Query({"path", "Fay Fisher", "Delta Bank", "--scope", "paragraph"}).exit_code, 1);
  const json j = QueryJson({"path", "Fay Fisher", "Alice Archer", "--scope", "document"});
  EXPECT_EQ(j["paths"][0]["nodes"], json({"Fay Fisher", "Delta Bank", "Alice Archer"}));
  // The document-scope evidence is still sentences: the two that name the pair.
  EXPECT_EQ(j["paths"][0]["edges"][0]["evidence"][0]["text"], "Fay Fisher lives alone. Delta Bank is a bank.");
}

TEST_F(QueryE2E, NoPathInJsonIsAnEmptyListAndExitOne) {
  const json j = QueryJson({"path", "Fay Fisher", "Alice Archer"}, 1);
  EXPECT_EQ(j["paths"], json::array());
}

TEST_F(QueryE2E, PathOptionsReachTheSearch) {
  json j = QueryJson({"path", "Alice Archer", "Cedar Corp", "--k", "3"});
  ASSERT_EQ(j["paths"].size(), 2u);
  EXPECT_EQ(j["paths"][1]["nodes"], json({"Alice Archer", "Bob Baker", "Cedar Corp"}));
  j = QueryJson({"path", "Alice Archer", "Echo Pipeline", "--avoid", "Cedar"}, 1);
  EXPECT_EQ(j["paths"], json::array());
  j = QueryJson({"path", "Alice Archer", "Echo Pipeline", "--scope", "document", "--max-hops", "1"});
  EXPECT_EQ(j["paths"][0]["hops"], 1);
  j = QueryJson({"path", "Bob Baker", "Delta Bank", "--scope", "document", "--via-type", "person"});
  EXPECT_EQ(j["paths"][0]["nodes"], json({"Bob Baker", "Alice Archer", "Delta Bank"}));
  j = QueryJson({"path", "Bob Baker", "Echo Pipeline", "--weighted"});
  EXPECT_EQ(j["paths"][0]["nodes"], json({"Bob Baker", "Cedar Corp", "Echo Pipeline"}));
}

TEST_F(QueryE2E, UnknownNamesSuggestCloseOnes) {
  const RunResult r = Query({"path", "Alice Archr", "Delta Bank"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "entgraph: no entity is named 'Alice Archr'; did you mean 'Alice Archer'? ('entgraph entities' lists "
            "them all)\n");
}

TEST_F(QueryE2E, PartOfANameSuggestsTheWholeName) {
  const RunResult r = Query({"neighbors", "Fay"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: no entity is named 'Fay'; did you mean 'Fay Fisher'? ('entgraph entities' lists them all)\n");
}

TEST_F(QueryE2E, SameEntityTwiceIsBadInput) {
  const RunResult r = Query({"path", "Cedar", "cedar corp"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: 'Cedar' and 'cedar corp' are the same entity (Cedar Corp): give two different entities\n");
}

TEST_F(QueryE2E, NeighborsStrongestFirst) {
  const json j = QueryJson({"neighbors", "Cedar Corp", "--scope", "document"});
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0], json({{"name", "Alice Archer"}, {"type", "person"}, {"weight", 2}, {"depth", 1}}));
  EXPECT_EQ(j[1]["name"], "Echo Pipeline");
  EXPECT_EQ(j[3]["name"], "Delta Bank");
  const json deeper = QueryJson({"neighbors", "Fay Fisher", "--scope", "document", "--depth", "2", "--min-weight", "1"});
  EXPECT_EQ(deeper.size(), 4u);  // Delta Bank, then Alice, Cedar and Echo through it
  EXPECT_EQ(deeper[0]["name"], "Delta Bank");
  EXPECT_EQ(deeper[1]["depth"], 2);
}

TEST_F(QueryE2E, EvidenceListsEveryLinkingUnit) {
  const json j = QueryJson({"evidence", "Alice", "Cedar", "--scope", "paragraph"});
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["text"], "Alice works for Cedar Corp.");
  EXPECT_EQ(j[1]["text"], "Alice Archer met Bob Baker. Bob joined Cedar Corp.");
  const RunResult none = Query({"evidence", "Fay Fisher", "Delta Bank"});
  EXPECT_EQ(none.exit_code, 1);
}

TEST(QueryLongDocumentE2E, EvidenceInALongDocumentHasItsOwnLineAndText) {
  // Evidence reads only its excerpts of a document and counts the lines before them a megabyte
  // at a time, from where it counted last; excerpts ranked by length come in no order of place.
  // Each sentence here says which line it is on, over 3 MB of text.
  TempDir dir;
  std::string text;
  size_t line = 1, planted = 0;
  for (int i = 0; text.size() < (3u << 20); ++i) {
    if (i % 40 == 7) {
      text += "Alice Archer met Bob Baker" + std::string(planted % 3 ? "" : " again and again") + " on line " +
              std::to_string(line) + ".\n";
      ++planted;
    } else {
      text += "Nothing of note was said in this line, number " + std::to_string(i) + ", at all.\n";
    }
    ++line;
  }
  const auto fixture = testing::SourceDir() / "tests/fixtures/small";
  const std::string db = (dir.path() / "long.db").string();
  const RunResult built = RunEntgraph({"build", "-q", "--dict", (fixture / "dict.tsv").string(), "--corpus",
                                       dir.Write("long.txt", text).string(), "--db", db});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  const RunResult r = RunEntgraph({"evidence", "Alice", "Bob", "--limit", "0", "--json", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json items = json::parse(r.out);
  ASSERT_EQ(items.size(), planted);
  size_t backwards = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string says = items[i]["text"];
    const std::string line_no = std::to_string(items[i]["line"].get<size_t>());
    EXPECT_EQ(says.substr(says.rfind(' ') + 1), line_no + ".") << says;
    if (i > 0 && items[i]["line"] < items[i - 1]["line"]) ++backwards;
  }
  EXPECT_GT(backwards, 0u) << "the items should come out of text order";
}

TEST_F(QueryE2E, DamagedStoredMentionsAreAClearErrorNotACrash) {
  {
    sql::Database raw(db(), sql::Database::Mode::kReadWriteCreate);
    raw.Exec("UPDATE doc_mentions SET data = substr(data, 1, length(data) - 2)");
  }
  const RunResult r = Query({"evidence", "Alice", "Cedar"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("are damaged: rebuild the database with 'entgraph build'"), std::string::npos) << r.err;
}

TEST_F(QueryE2E, EntitiesWithCounts) {
  const json j = QueryJson({"entities", "--type", "organization"});
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0], json({{"name", "Cedar Corp"}, {"type", "organization"}, {"mentions", 3}, {"documents", 2},
                        {"degree", 3}}));
  EXPECT_EQ(Query({"entities", "--type", "vessel"}).exit_code, 1);
}

TEST_F(QueryE2E, TopAndStats) {
  const json top = QueryJson({"top", "--by", "degree", "--n", "1"});
  EXPECT_EQ(top[0]["name"], "Cedar Corp");
  EXPECT_EQ(top[0]["degree"], 3);
  const json stats = QueryJson({"stats"});
  EXPECT_EQ(stats["documents"], 3);
  EXPECT_EQ(stats["mentions"], 12);
  EXPECT_EQ(stats["entities"], 6);
  EXPECT_EQ(stats["edges"], 5);
  EXPECT_EQ(stats["components"], 2);  // {Alice, Bob, Cedar, Delta, Echo} and Fay alone
  EXPECT_EQ(stats["largest_component"], 5);
}

// A build whose dictionary comes from the compiled dictionary cache stores what a build that
// compiles it stores.
TEST_F(QueryE2E, ABuildFromTheDictionaryCacheStoresTheSameGraph) {
  const auto fixture = testing::SourceDir() / "tests/fixtures/small";
  testing::RunOptions o;
  for (const char* cache : {"off", "cache", "cache"}) {  // compiled; compiled and cached; read back
    o.env = {{"ENTGRAPH_CACHE_DIR", cache == std::string("off") ? cache : (dir_.path() / cache).string()}};
    const std::string db = (dir_.path() / (std::string(cache) + ".db")).string();
    const RunResult built = RunEntgraph({"build", "-q", "--dict", (fixture / "dict.tsv").string(), "--corpus",
                                         (fixture / "corpus").string(), "--db", db}, o);
    ASSERT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(RunEntgraph({"stats", "--json", "--db", db}).out, Query({"stats", "--json"}).out) << cache;
    EXPECT_EQ(RunEntgraph({"path", "Alice", "Delta Bank", "--db", db}).out, Query({"path", "Alice", "Delta Bank"}).out) << cache;
  }
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "cache"));
  const RunResult path = Query({"path", "Alice", "Delta Bank"});
  EXPECT_EQ(path.exit_code, 0) << path.err;
  EXPECT_NE(path.out.find("Delta Bank"), std::string::npos) << path.out;
}

TEST_F(QueryE2E, DatabaseComesFromTheEnvironment) {
  testing::RunOptions o;
  o.env = {{"ENTGRAPH_DB", db()}};
  EXPECT_EQ(RunEntgraph({"stats"}, o).exit_code, 0);
  o.env = {{"ENTGRAPH_DB", (dir_.path() / "missing.db").string()}};
  const RunResult r = RunEntgraph({"stats"}, o);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no database at"), std::string::npos);
}

TEST_F(QueryE2E, BuildWithABadDictionaryKeepsTheDatabase) {
  const auto bad = dir_.Write("bad.tsv", "person\n");
  const RunResult r = RunEntgraph({"build", "--dict", bad.string(), "--corpus", dir_.path().string(), "--db", db()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(QueryJson({"stats"})["documents"], 3);
}

TEST(AmbiguousAliasE2E, QueryNamesTheCandidates) {
  TempDir dir;
  dir.Write("d.tsv", "person\tHaroon Akhtar Khan\tKhan\nperson\tImran Khan\tKhan\n");
  dir.Write("c/a.txt", "Haroon Akhtar Khan met Imran Khan.");
  const std::string db = (dir.path() / "g.db").string();
  ASSERT_EQ(RunEntgraph({"build", "-q", "--dict", (dir.path() / "d.tsv").string(), "--corpus",
                         (dir.path() / "c").string(), "--db", db}).exit_code, 0);
  const RunResult r = RunEntgraph({"neighbors", "khan", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: 'khan' is an alias of several entities: 'Haroon Akhtar Khan', 'Imran Khan'; use the full name\n");
}

}  // namespace
}  // namespace entgraph
