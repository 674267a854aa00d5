// The progress line of build, and of extract into a file, on a terminal: shown, then cleared
// before anything else is printed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/run.h"

namespace entgraph::testing {
namespace {

// The lines the terminal shows that hold `what`.
std::vector<std::string> LinesWith(const std::vector<std::string>& lines, const std::string& what) {
  std::vector<std::string> found;
  for (const std::string& line : lines) {
    if (line.find(what) != std::string::npos) found.push_back(line);
  }
  return found;
}

TEST(ProgressE2E, ScreenLinesAreWhatATerminalShows) {
  EXPECT_EQ(ScreenLines("\r\033[K[1/2 documents]\r\033[K[2/2 documents]\r\033[Kbuilt x\r\n  a\r\n"),
            (std::vector<std::string>{"built x", "  a"}));
  EXPECT_EQ(ScreenLines("\r\033[K[2/2 documents] 1 s leftbuilt x\r\n"),
            (std::vector<std::string>{"[2/2 documents] 1 s leftbuilt x"}));
}

TEST(ProgressE2E, BuildOnATerminalClearsItsProgressBeforeTheSummary) {
  if (!TerminalAvailable()) GTEST_SKIP() << "no pseudo-terminal can be opened here (/dev/ptmx)";
  TempDir dir;
  const std::string db = (dir.path() / "g.db").string();
  RunOptions on_terminal;
  on_terminal.terminal = true;
  const RunResult r = RunEntgraph({"build", "--dict", (SourceDir() / "dictionaries").string(), "--corpus",
                                   (SourceDir() / "sample" / "corpus").string(), "--db", db},
                                  on_terminal);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("documents] "), std::string::npos) << "progress shown on a terminal:\n" << r.out;
  const std::vector<std::string> lines = ScreenLines(r.out);
  EXPECT_TRUE(LinesWith(lines, "documents]").empty()) << "a progress line left on the screen:\n" << r.out;
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("built " + db + " in ", 0), 0u) << lines[0];
}

TEST(ProgressE2E, AWarningDuringABuildStartsItsOwnLine) {
  if (!TerminalAvailable()) GTEST_SKIP() << "no pseudo-terminal can be opened here (/dev/ptmx)";
  // 70 short files are two groups of recognition: the first group's progress is drawn before the
  // second's warning (a file not valid UTF-8, last in sorted order).
  TempDir dir;
  for (int i = 0; i < 70; ++i) {
    dir.Write("c/" + std::to_string(100 + i) + ".txt", "Vadim Velichko met Saif Anjum in Karachi.\n");
  }
  dir.Write("c/zz-bad.txt", "Pakistan Steel Mills \xFF said.\n");
  const std::string db = (dir.path() / "g.db").string();
  RunOptions on_terminal;
  on_terminal.terminal = true;
  const RunResult r = RunEntgraph({"build", "--threads", "1", "--dict", (SourceDir() / "dictionaries").string(),
                                   "--corpus", (dir.path() / "c").string(), "--db", db},
                                  on_terminal);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::vector<std::string> lines = ScreenLines(r.out);
  const std::vector<std::string> warnings = LinesWith(lines, "warning");
  ASSERT_EQ(warnings.size(), 1u) << r.out;
  EXPECT_EQ(warnings[0].rfind("entgraph: warning: ", 0), 0u) << warnings[0];
  EXPECT_NE(warnings[0].find("zz-bad.txt"), std::string::npos) << warnings[0];
  EXPECT_TRUE(LinesWith(lines, "documents]").empty()) << r.out;
  EXPECT_EQ(LinesWith(lines, "built ").size(), 1u) << r.out;
}

TEST(ProgressE2E, ExtractIntoAFileShowsProgressOnTheTerminalAndClearsIt) {
  if (!TerminalAvailable()) GTEST_SKIP() << "no pseudo-terminal can be opened here (/dev/ptmx)";
  TempDir dir;
  const std::vector<std::string> args = {"extract", "--dict", (SourceDir() / "dictionaries").string(), "--corpus",
                                         (SourceDir() / "sample" / "corpus").string()};
  RunOptions into_file;
  into_file.terminal = true;
  into_file.stdout_file = dir.path() / "mentions.txt";
  const RunResult r = RunEntgraph(args, into_file);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("documents] "), std::string::npos) << "progress shown on the terminal:\n" << r.out;
  const std::vector<std::string> lines = ScreenLines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0].rfind("entgraph: ", 0), 0u) << "the summary starts its own line: " << lines[0];
  // The file holds the mentions as without a terminal, and nothing of the progress.
  const RunResult plain = RunEntgraph(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(Slurp(into_file.stdout_file), plain.out);
}

TEST(ProgressE2E, ExtractOnATerminalShowsItsLinesAndNoProgress) {
  if (!TerminalAvailable()) GTEST_SKIP() << "no pseudo-terminal can be opened here (/dev/ptmx)";
  RunOptions on_terminal;
  on_terminal.terminal = true;
  const RunResult r = RunEntgraph({"extract", "--dict", (SourceDir() / "dictionaries").string(), "--corpus",
                                   (SourceDir() / "sample" / "corpus").string()},
                                  on_terminal);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("documents]"), std::string::npos) << r.out;
  EXPECT_FALSE(LinesWith(ScreenLines(r.out), "Vadim Velichko").empty()) << r.out;
}

TEST(ProgressE2E, NoProgressWhenStderrIsNoTerminal) {
  TempDir dir;
  const RunResult r = RunEntgraph({"build", "--dict", (SourceDir() / "dictionaries").string(), "--corpus",
                                   (SourceDir() / "sample" / "corpus").string(), "--db",
                                   (dir.path() / "g.db").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("documents]"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
}

}  // namespace
}  // namespace entgraph::testing
