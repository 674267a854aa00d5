// End to end: bad input, faults and hostile names (docs/reliability.md lists what each shows).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <chrono>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

#include "testing/run.h"

namespace entgraph {
namespace {

using testing::RunEntgraph;
using testing::RunResult;
using testing::TempDir;

using testing::Slurp;

class ReliabilityE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("dict.tsv", "person\tAlice Archer\tAlice\nperson\tBob Baker\tBob\norganization\tCedar Corp\n");
    dir_.Write("small/a.txt", "Alice Archer met Bob Baker.\n\nCedar Corp hired Alice.\n");
  }
  RunResult In(const std::vector<std::string>& args, std::vector<std::pair<std::string, std::string>> env = {}) const {
    testing::RunOptions o;
    o.cwd = dir_.path();
    o.env = std::move(env);
    return RunEntgraph(args, o);
  }
  int Spawn(const std::vector<std::string>& args) const {
    testing::RunOptions o;
    o.cwd = dir_.path();
    return testing::SpawnEntgraph(args, o);
  }
  // Many distinct documents with many mentions, so that a build spends a while (about a third of a
  // second in a release build, 2 million mentions) writing its new file, where the tests below
  // interrupt or query it.
  void WriteBig(size_t files) {
    std::string filler;
    for (int i = 0; i < 360; ++i) filler += "The steel works stood idle while Alice Archer and Bob Baker talked. ";
    for (size_t i = 0; i < files; ++i) {
      dir_.Write("big/d" + std::to_string(i) + ".txt",
                 "Document " + std::to_string(i) + ". Alice Archer met Bob Baker.\n\n" + filler + "\n\nCedar Corp.\n");
    }
  }
  std::string Stats() const { return In({"stats", "--json", "--db", "g.db", "--scope", "document"}).out; }
  // The new file that the build `pid` writes beside g.db, once it is there (a slow start, as under
  // a sanitizer, makes it late).
  std::filesystem::path NewFileOf(int pid) const {
    const std::filesystem::path file = dir_.path() / ("g.db.build-" + std::to_string(pid));
    for (int i = 0; i < 30000 && !std::filesystem::exists(file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return file;
  }
  TempDir dir_;
};

TEST_F(ReliabilityE2E, KilledBuildLeavesThePreviousDatabaseAnswering) {
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "small", "--db", "g.db"}).exit_code, 0);
  const std::string before = Stats();
  WriteBig(3000);
  const int pid = Spawn({"build", "-q", "--dict", "dict.tsv", "--corpus", "big", "--db", "g.db"});
  // Killed while it writes its new file: a little after the file appears (the whole build takes
  // under half a second in a release build on a quiet machine).
  const std::filesystem::path half = NewFileOf(pid);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGKILL);
  ASSERT_EQ(testing::WaitFor(pid), 128 + SIGKILL) << "the build finished before it could be killed";
  EXPECT_EQ(Stats(), before);
  EXPECT_EQ(In({"path", "Alice", "Cedar Corp", "--db", "g.db"}).exit_code, 0);
  // The killed build's half-written file is beside the database until the next build.
  EXPECT_TRUE(std::filesystem::exists(half));
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "small", "--db", "g.db"}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(half));
  EXPECT_EQ(Stats(), before);
}

TEST_F(ReliabilityE2E, QueriesAnswerWhileABuildRuns) {
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "small", "--db", "g.db"}).exit_code, 0);
  const std::string before = Stats();
  WriteBig(3000);
  const int pid = Spawn({"build", "-q", "--dict", "dict.tsv", "--corpus", "big", "--db", "g.db"});
  // The build held still while it writes its new file, so that the query is sure to come during
  // the build however fast the machine (a pause of a fixed length was, at times, the whole build).
  const std::filesystem::path writing = NewFileOf(pid);
  kill(pid, SIGSTOP);
  const bool still_writing = std::filesystem::exists(writing);
  const RunResult during = still_writing ? In({"stats", "--json", "--db", "g.db", "--scope", "document"}) : RunResult{};
  kill(pid, SIGCONT);
  ASSERT_TRUE(still_writing) << "the build was past writing its new file before it could be stopped";
  EXPECT_EQ(during.exit_code, 0) << during.err;
  EXPECT_EQ(during.out, before);  // the old graph, until the build commits
  EXPECT_EQ(testing::WaitFor(pid), 0);
  EXPECT_EQ(nlohmann::json::parse(Stats())["documents"], 3000);
}

TEST_F(ReliabilityE2E, ConcurrentAddsNeitherCorruptNorDoubleCount) {
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "small", "--db", "g.db"}).exit_code, 0);
  WriteBig(200);
  const int one = Spawn({"add", "-q", "big", "--db", "g.db"});
  const int two = Spawn({"add", "-q", "big", "--db", "g.db"});
  EXPECT_EQ(testing::WaitFor(one), 0);
  EXPECT_EQ(testing::WaitFor(two), 0);
  EXPECT_EQ(nlohmann::json::parse(Stats())["documents"], 201);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() / "g.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "ok");
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST_F(ReliabilityE2E, DatabaseLockedByAnotherWriterIsAClearError) {
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "small", "--db", "g.db"}).exit_code, 0);
  dir_.Write("new.txt", "Bob Baker joined Cedar Corp.");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() / "g.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const RunResult r = In({"add", "new.txt", "--db", "g.db"}, {{"ENTGRAPH_BUSY_TIMEOUT_MS", "200"}});
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("another entgraph is writing to it; try again when it has finished"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(Stats())["documents"], 1);
}

TEST_F(ReliabilityE2E, EmptyCorpusGivesAnEmptyGraphThatSaysSo) {
  std::filesystem::create_directory(dir_.path() / "none");
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "none", "--db", "g.db"}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Stats())["documents"], 0);
  const RunResult path = In({"path", "Alice", "Bob", "--db", "g.db"});
  EXPECT_EQ(path.exit_code, 1);
  EXPECT_EQ(path.err, "entgraph: no connection between 'Alice Archer' and 'Bob Baker' at sentence scope ('Alice "
                      "Archer' is not mentioned in any document)\n");
  const RunResult render = In({"render", "--db", "g.db"});
  EXPECT_EQ(render.exit_code, 1);
  EXPECT_NE(render.err.find("nothing to draw"), std::string::npos);
}

TEST_F(ReliabilityE2E, ByteOrderMarkAndCrlfKeepOffsetsAndLinesTrue) {
  const std::string text = "\xEF\xBB\xBF" "Alice said so.\r\n\r\nLater Bob\r\nBaker came.\r\n";
  dir_.Write("crlf.txt", text);
  const RunResult r = In({"extract", "--dict", "dict.tsv", "--corpus", "crlf.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> found;
  while (std::getline(lines, line)) found.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[0]["start"], 5), "Alice");
  EXPECT_EQ(found[1]["text"], "Bob\r\nBaker");
  EXPECT_EQ(found[1]["paragraph"], 2);
  const RunResult human = In({"extract", "-q", "--dict", "dict.tsv", "--corpus", "crlf.txt"});
  EXPECT_EQ(human.out, "1:4  Alice  -> Alice Archer (person)\n3:7  Bob Baker  -> Bob Baker (person)\n");
}

TEST_F(ReliabilityE2E, ALineOfTwentyMegabytes) {
  std::string line = "Alice Archer ";
  while (line.size() < 10'000'000) line += "and so on and so forth ";
  line += "Bob Baker ";
  while (line.size() < 20'000'000) line += "and so on and so forth ";
  line += "Cedar Corp";
  dir_.Write("long.txt", line);
  const RunResult r = In({"extract", "-q", "--dict", "dict.tsv", "--corpus", "long.txt"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "1:1  Alice Archer  -> Alice Archer (person)\n"
                   "1:" + std::to_string(line.find("Bob Baker") + 1) + "  Bob Baker  -> Bob Baker (person)\n"
                   "1:" + std::to_string(line.size() - 9) + "  Cedar Corp  -> Cedar Corp (organization)\n");
}

TEST_F(ReliabilityE2E, ManySmallFiles) {
  for (int i = 0; i < 2000; ++i) dir_.Write("many/" + std::to_string(i) + ".txt", "Note " + std::to_string(i) + ": Alice met Bob.");
  ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "many", "--db", "g.db"}).exit_code, 0);
  const auto j = nlohmann::json::parse(In({"neighbors", "Alice", "--json", "--db", "g.db"}).out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["weight"], 2000);
}

TEST_F(ReliabilityE2E, ReadOnlyQueriesNeverCreateADatabase) {
  const RunResult r = In({"stats", "--db", "nothing.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "nothing.db"));
}

// Names with quotes, backslashes, markup, control characters, right-to-left and combining marks and
// emoji: every output stays well-formed and shows them, and the terminal gets no raw controls.
class HostileE2E : public ReliabilityE2E {
 protected:
  void SetUp() override {
    dir_.Write("dict.tsv",
               "person\tTom \"The <Boss>\" & Co\norganization\t<script>alert(1)</script> Ltd\n"
               "person\tBack\\Slash O'Neil\norganization\tبنك القاهرة\nperson\tZoë Ca\u0301rdenas\n"
               "organization\tRocket 🚀 Labs\nperson\tEvil\x1b[31mRed\nperson\tRight\u202eLeft\n");
    dir_.Write("c/x.txt",
               "Tom \"The <Boss>\" & Co met <script>alert(1)</script> Ltd, Back\\Slash O'Neil and بنك القاهرة. "
               "Zoë Ca\u0301rdenas joined Rocket 🚀 Labs with Evil\x1b[31mRed and Right\u202eLeft.\n");
    ASSERT_EQ(In({"build", "-q", "--dict", "dict.tsv", "--corpus", "c", "--db", "g.db"}).exit_code, 0);
  }
};

TEST_F(HostileE2E, TerminalOutputHasNoRawControlCharacters) {
  const RunResult r = In({"extract", "--dict", "dict.tsv", "--corpus", "c"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find("\u202e"), std::string::npos);
  EXPECT_NE(r.out.find("Evil\\u{1B}[31mRed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Right\\u{202E}Left"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Rocket 🚀 Labs"), std::string::npos);
  const RunResult path = In({"path", "Evil\x1b[31mRed", "Tom \"The <Boss>\" & Co", "--db", "g.db", "--scope", "document"});
  EXPECT_EQ(path.exit_code, 0) << path.err;
  EXPECT_EQ(path.out.find('\x1b'), std::string::npos);
}

TEST_F(HostileE2E, JsonKeepsEveryNameExactly) {
  const RunResult r = In({"entities", "--json", "--db", "g.db"});
  const auto j = nlohmann::json::parse(r.out);
  std::set<std::string> names;
  for (const auto& e : j) names.insert(e["name"]);
  for (const char* n : {"Tom \"The <Boss>\" & Co", "<script>alert(1)</script> Ltd", "Back\\Slash O'Neil",
                        "بنك القاهرة", "Zoë Ca\u0301rdenas", "Rocket 🚀 Labs", "Evil\x1b[31mRed", "Right\u202eLeft"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

TEST_F(HostileE2E, DiagramsAndExportsStayWellFormed) {
  for (const char* f : {"g.svg", "g.dot", "g.png"}) {
    ASSERT_EQ(In({"render", "-q", "--db", "g.db", "-o", f}).exit_code, 0) << f;
  }
  for (const char* f : {"graphml", "gexf", "json", "csv"}) {
    ASSERT_EQ(In({"export", "-q", "--db", "g.db", "--format", f, "-o", std::string("x.") + f}).exit_code, 0) << f;
  }
  for (const char* f : {"g.svg", "x.graphml", "x.gexf"}) {
    std::istringstream in(Slurp(dir_.path() / f));
    boost::property_tree::ptree tree;
    EXPECT_NO_THROW(boost::property_tree::read_xml(in, tree)) << f;
  }
  const std::string svg = Slurp(dir_.path() / "g.svg");
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(Slurp(dir_.path() / "g.dot").find("Tom \\\"The <Boss>\\\" & Co"), std::string::npos);
  EXPECT_EQ(Slurp(dir_.path() / "g.png").substr(0, 4), "\x89PNG");
  EXPECT_NO_THROW(nlohmann::json::parse(Slurp(dir_.path() / "x.json")));
  EXPECT_NE(Slurp(dir_.path() / "x.csv/nodes.csv").find("\"Tom \"\"The <Boss>\"\" & Co\""), std::string::npos);
}

}  // namespace
}  // namespace entgraph
