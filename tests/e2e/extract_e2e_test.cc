// End to end: the real binary on real files, as a user runs it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <sstream>

#include "testing/run.h"

namespace entgraph {
namespace {

using testing::RunEntgraph;
using testing::TempDir;

testing::RunOptions InDir(const TempDir& dir) {
  testing::RunOptions o;
  o.cwd = dir.path();
  return o;
}

constexpr const char* kDict =
    "person\tVadim Velichko\tVelichko\n"
    "organization\tAssociated Press of Pakistan\tAPP\n"
    "organization\tPakistan Steel Mills\tPSM\n"
    "person\tHaroon Akhtar Khan\tKhan\n"
    "person\tImran Khan\tKhan\n";

TEST(ExtractE2E, PrintsFileLineColumnSurfaceAndEntity) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("corpus/a.txt", "Intro line.\n\nThe APP app said\nVadim\nVelichko's plan for PSM.\n");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "corpus"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "corpus/a.txt:3:5  APP  -> Associated Press of Pakistan (organization)\n"
            "corpus/a.txt:4:1  Vadim Velichko  -> Vadim Velichko (person)\n"
            "corpus/a.txt:5:21  PSM  -> Pakistan Steel Mills (organization)\n");
  EXPECT_EQ(r.err, "entgraph: 3 mentions (0 ambiguous) in 1 documents\n");
}

// Millions of lines through a pipe wait on its reader every 64 KB unless the pipe is wider.
TEST(ExtractE2E, WidensThePipeItWritesTo) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("corpus/a.txt", "Vadim Velichko of PSM.\n");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "corpus"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const long fresh = fcntl(fds[0], F_GETPIPE_SZ);  // what the kernel gives a pipe
  close(fds[0]);
  close(fds[1]);
  EXPECT_GT(r.out_pipe_size, fresh);
  // A command of a few lines leaves its pipe as it was.
  const auto help = RunEntgraph({"extract", "--help"}, InDir(dir));
  EXPECT_EQ(help.out_pipe_size, fresh);
}

// The dictionary's compiled form is kept in the cache folder and read back while the dictionary is
// unchanged; an edit is seen at once, and a cache turned off writes nothing.
TEST(ExtractE2E, CompiledDictionaryCacheGivesTheSameOutputAndSeesEdits) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("corpus/a.txt", "Vadim Velichko of PSM met the IMF.\n");
  testing::RunOptions o = InDir(dir);
  o.env = {{"ENTGRAPH_CACHE_DIR", (dir.path() / "cache").string()}};
  const auto first = RunEntgraph({"extract", "-q", "--dict", "dict.tsv", "--corpus", "corpus"}, o);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out,
            "corpus/a.txt:1:1  Vadim Velichko  -> Vadim Velichko (person)\n"
            "corpus/a.txt:1:19  PSM  -> Pakistan Steel Mills (organization)\n");
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "cache"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "cache"), {}), 1);
  const auto cached = RunEntgraph({"extract", "-q", "--dict", "dict.tsv", "--corpus", "corpus"}, o);
  EXPECT_EQ(cached.out, first.out);

  dir.Write("dict.tsv", std::string(kDict) + "organization\tInternational Monetary Fund\tIMF\n");
  const auto edited = RunEntgraph({"extract", "-q", "--dict", "dict.tsv", "--corpus", "corpus"}, o);
  EXPECT_EQ(edited.out, first.out + "corpus/a.txt:1:31  IMF  -> International Monetary Fund (organization)\n");

  o.env = {{"ENTGRAPH_CACHE_DIR", "off"}, {"HOME", dir.path().string()}, {"XDG_CACHE_HOME", ""}};
  const auto off = RunEntgraph({"extract", "-q", "--dict", "dict.tsv", "--corpus", "corpus"}, o);
  EXPECT_EQ(off.out, edited.out);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".cache"));
}

TEST(ExtractE2E, JsonLinesCarryOffsetsIntoTheFileAndUnits) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  const std::string text = "Café talk.\n\nTwo sentences here. Then Khan met PSM.\n";
  dir.Write("a.txt", text);
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "a.txt", "--json"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> objects;
  while (std::getline(lines, line)) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0]["ambiguous"], nlohmann::json({"Haroon Akhtar Khan", "Imran Khan"}));
  EXPECT_EQ(objects[1]["entity"], "Pakistan Steel Mills");
  EXPECT_EQ(objects[1]["type"], "organization");
  EXPECT_EQ(objects[1]["doc"], "a.txt");
  const size_t start = objects[1]["start"], end = objects[1]["end"];
  EXPECT_EQ(text.substr(start, end - start), "PSM");
  EXPECT_EQ(objects[1]["sentence"], 3);
  EXPECT_EQ(objects[1]["paragraph"], 2);
}

TEST(ExtractE2E, AmbiguousMentionsGoToStderrInHumanMode) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("a.txt", "Khan spoke.");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "a.txt", "-H"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "a.txt:1:1  Khan  -> ambiguous: Haroon Akhtar Khan (person) | Imran Khan (person)\n"
            "entgraph: 0 mentions (1 ambiguous) in 1 documents\n");
}

// As with grep: one file named on its own is not named again on every line; a folder's files, or
// several arguments', are. -H and --no-filename choose either way.
TEST(ExtractE2E, LinesNameTheirFileUnlessTheCorpusIsOneFile) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("c/a.txt", "Khan met Velichko.\n");
  dir.Write("c/b.txt", "\nPSM.\n");
  const auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"extract", "-q", "--dict", "dict.tsv"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunEntgraph(args, InDir(dir));
  };
  const auto one = run({"--corpus", "c/a.txt"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, "1:10  Velichko  -> Vadim Velichko (person)\n");
  EXPECT_EQ(one.err, "1:1  Khan  -> ambiguous: Haroon Akhtar Khan (person) | Imran Khan (person)\n");
  EXPECT_EQ(run({"--corpus", "c/a.txt", "--with-filename"}).out, "c/a.txt:1:10  Velichko  -> Vadim Velichko (person)\n");
  const std::string named =
      "c/a.txt:1:10  Velichko  -> Vadim Velichko (person)\n"
      "c/b.txt:2:1  PSM  -> Pakistan Steel Mills (organization)\n";
  EXPECT_EQ(run({"--corpus", "c"}).out, named);
  EXPECT_EQ(run({"--corpus", "c/a.txt", "c/b.txt"}).out, named);
  dir.Write("d/only.txt", "PSM\n");
  EXPECT_EQ(run({"--corpus", "d"}).out, "d/only.txt:1:1  PSM  -> Pakistan Steel Mills (organization)\n");
  EXPECT_EQ(run({"--corpus", "c", "--no-filename"}).out,
            "1:10  Velichko  -> Vadim Velichko (person)\n"
            "2:1  PSM  -> Pakistan Steel Mills (organization)\n");
  // JSON always names the document.
  EXPECT_NE(run({"--corpus", "c/a.txt", "--json"}).out.find("\"doc\":\"c/a.txt\""), std::string::npos);
  const auto both = run({"--corpus", "c", "-H", "--no-filename"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
}

TEST(ExtractE2E, NoMentionExitsOne) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("a.txt", "Nothing to see.");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "a.txt", "-q"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST(ExtractE2E, MalformedDictionaryExitsTwoWithFileAndLine) {
  TempDir dir;
  dir.Write("dict.tsv", "person\tA\n\nperson\n");
  dir.Write("a.txt", "A");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "a.txt"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "entgraph: dict.tsv:3: expected 2 to 4 tab-separated columns, found 1 "
            "(TYPE<TAB>NAME[<TAB>ALIASES[<TAB>ATTRIBUTES]])\n");
}

TEST(ExtractE2E, InvalidUtf8AndBinaryFilesAreReportedAndTheRestStillFound) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("c/bad.txt", "PSM \xFF\xFE Velichko");
  dir.Write("c/bin.txt", std::string("\0\1\2PSM", 6));
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "c"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "c/bad.txt:1:1  PSM  -> Pakistan Steel Mills (organization)\n"
            "c/bad.txt:1:8  Velichko  -> Vadim Velichko (person)\n");
  EXPECT_NE(r.err.find("entgraph: warning: c/bad.txt: not valid UTF-8 at byte 4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("entgraph: warning: c/bin.txt: looks like a binary file"), std::string::npos) << r.err;
}

// A first file long enough to be cut into pieces is read while the dictionary loads: its
// warnings still come after the dictionary's and before the next file's, once, and its mentions
// in their place.
TEST(ExtractE2E, AFirstLongFileReadAheadKeepsItsPlaceInOutputAndWarnings) {
  TempDir dir;
  dir.Write("dict.tsv", kDict);
  dir.Write("empty.tsv", "");
  std::string long_text = "PSM \xFF said.\n\n";
  size_t lines = 2;
  while (long_text.size() < (size_t{3} << 19)) {  // 1.5 MB: over a piece
    long_text += "Words that name nobody at all, line after line.\n\n";
    lines += 2;
  }
  long_text += "Velichko spoke last.\n";
  dir.Write("c/a-long.txt", long_text);
  dir.Write("c/b-long.txt", "APP \xFE here.\n" + std::string(size_t{1} << 20, ' ') + "\n");
  dir.Write("c/c-short.txt", "PSM.\n");
  const auto r = RunEntgraph({"extract", "--threads", "2", "--dict", "dict.tsv", "--corpus", "c"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "c/a-long.txt:1:1  PSM  -> Pakistan Steel Mills (organization)\n"
                   "c/a-long.txt:" + std::to_string(lines + 1) + ":1  Velichko  -> Vadim Velichko (person)\n"
                   "c/b-long.txt:1:1  APP  -> Associated Press of Pakistan (organization)\n"
                   "c/c-short.txt:1:1  PSM  -> Pakistan Steel Mills (organization)\n");
  const size_t first = r.err.find("c/a-long.txt: not valid UTF-8 at byte 4");
  ASSERT_NE(first, std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("c/a-long.txt: not valid", first + 1), std::string::npos) << "warned once: " << r.err;
  EXPECT_LT(first, r.err.find("c/b-long.txt: not valid UTF-8 at byte 4")) << r.err;

  const auto empty = RunEntgraph({"extract", "--dict", "empty.tsv", "--corpus", "c"}, InDir(dir));
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_LT(empty.err.find("holds no entity"), empty.err.find("c/a-long.txt: not valid UTF-8")) << empty.err;
}

TEST(ExtractE2E, EmptyDictionaryWarns) {
  TempDir dir;
  dir.Write("dict.tsv", "# nothing yet\n");
  dir.Write("a.txt", "PSM");
  const auto r = RunEntgraph({"extract", "--dict", "dict.tsv", "--corpus", "a.txt"}, InDir(dir));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("holds no entity, so nothing will be recognized"), std::string::npos) << r.err;
}

TEST(ExtractE2E, ShippedDictionariesFindTheSampleCorpusEntities) {
  const auto root = testing::SourceDir();
  const auto r = RunEntgraph({"extract", "--dict", (root / "dictionaries").string(), "--corpus",
                              (root / "sample/corpus").string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"\"Vadim Velichko\"", "\"Saif Anjum\"", "\"Albert P. Khorev\"", "\"Gohar Iqbal\"",
                           "\"International Monetary Fund\"", "\"Quetta-Taftan railway line\"", "\"CASA-1000\""}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
  // The news app in the sample is not the news agency APP.
  EXPECT_EQ(r.out.find("\"text\":\"app\""), std::string::npos);
}

}  // namespace
}  // namespace entgraph
