// End to end: render and export a database built from the small fixture.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/sqlite.h"
#include "testing/run.h"

namespace entgraph {
namespace {

using testing::RunEntgraph;
using testing::RunResult;

using testing::Slurp;

class RenderE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto fixture = testing::SourceDir() / "tests/fixtures/small";
    ASSERT_EQ(RunEntgraph({"build", "-q", "--dict", (fixture / "dict.tsv").string(), "--corpus",
                           (fixture / "corpus").string(), "--db", db()}).exit_code, 0);
  }
  std::string db() const { return (dir_.path() / "graph.db").string(); }
  RunResult In(std::vector<std::string> args) const {
    args.push_back("--db");
    args.push_back(db());
    testing::RunOptions o;
    o.cwd = dir_.path();
    return RunEntgraph(args, o);
  }
  testing::TempDir dir_;
};

TEST_F(RenderE2E, DefaultIsSvgInOutput) {
  const RunResult r = In({"render"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "entgraph: wrote output/graph.svg (5 entities, 5 links, fdp layout)\n");
  const std::string svg = Slurp(dir_.path() / "output/graph.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("Alice Archer"), std::string::npos);
}

TEST_F(RenderE2E, ALinkWhoseDocumentIsGoneIsDrawnWithoutItsExcerpt) {
  // A graph written by other means (bench/gen_graph.py) may record no document for a link; its
  // tooltip has no sentence, and the diagram is still drawn.
  {
    sql::Database raw(db(), sql::Database::Mode::kReadWriteCreate);
    raw.Exec("UPDATE edges SET first_doc = 999");
  }
  const RunResult r = In({"render", "-q", "-o", "gone.svg"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string svg = Slurp(dir_.path() / "gone.svg");
  EXPECT_NE(svg.find("Alice Archer"), std::string::npos);
  EXPECT_EQ(svg.find("Alice works for Cedar Corp."), std::string::npos) << "no excerpt for a link whose document is gone";
}

TEST_F(RenderE2E, FormatFollowsTheExtension) {
  EXPECT_EQ(In({"render", "-q", "-o", "pic.png"}).exit_code, 0);
  EXPECT_EQ(Slurp(dir_.path() / "pic.png").substr(0, 4), "\x89PNG");
  EXPECT_EQ(In({"render", "-q", "-o", "pic.dot", "--scope", "document"}).exit_code, 0);
  EXPECT_EQ(Slurp(dir_.path() / "pic.dot").substr(0, 15), "graph entgraph ");
  const RunResult bad = In({"render", "-o", "pic.bmp"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "entgraph: cannot tell the format from 'pic.bmp': name it .svg, .png, .pdf or .dot, or give --format\n");
}

TEST_F(RenderE2E, PathIsDrawnOrSaysThereIsNone) {
  EXPECT_EQ(In({"render", "-q", "--path", "Alice", "Echo Pipeline", "-o", "p.dot"}).exit_code, 0);
  const std::string dot = Slurp(dir_.path() / "p.dot");
  EXPECT_NE(dot.find("how Alice Archer is connected to Echo Pipeline"), std::string::npos);
  EXPECT_NE(dot.find("#CC0000"), std::string::npos);
  const RunResult none = In({"render", "--path", "Fay Fisher", "Alice", "-o", "none.svg"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "none.svg"));
}

TEST_F(RenderE2E, UnwritableOutputIsAClearError) {
  // A path below a plain file cannot be created, even by root.
  dir_.Write("notes.txt", "a file, not a folder");
  const RunResult r = In({"render", "-o", "notes.txt/graph.svg"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: cannot write 'notes.txt/graph.svg': Not a directory (choose another -o path, or "
                   "check the folder's permissions)\n");
}

TEST_F(RenderE2E, OutputPathThatIsAFolderIsAClearError) {
  std::filesystem::create_directory(dir_.path() / "pic.svg");
  const RunResult r = In({"render", "-o", "pic.svg"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: cannot write 'pic.svg': it is a folder (choose another -o path, or check the folder's "
                   "permissions)\n");
}

TEST_F(RenderE2E, ExportWritesEveryFormat) {
  EXPECT_EQ(In({"export", "-q", "--format", "graphml"}).exit_code, 0);
  EXPECT_NE(Slurp(dir_.path() / "output/graph.graphml").find("<graphml"), std::string::npos);
  EXPECT_EQ(In({"export", "-q", "--format", "gexf", "-o", "g.gexf"}).exit_code, 0);
  EXPECT_NE(Slurp(dir_.path() / "g.gexf").find("<gexf"), std::string::npos);
  EXPECT_EQ(In({"export", "-q", "--format", "json", "--scope", "document"}).exit_code, 0);
  EXPECT_NE(Slurp(dir_.path() / "output/graph.json").find("\"Fay Fisher\""), std::string::npos);
  EXPECT_EQ(In({"export", "-q", "--format", "csv"}).exit_code, 0);
  EXPECT_NE(Slurp(dir_.path() / "output/csv/nodes.csv").find("\"Echo Pipeline\""), std::string::npos);
  EXPECT_NE(Slurp(dir_.path() / "output/csv/relationships.csv").find("CO_OCCURS_IN_SENTENCE"), std::string::npos);
}

}  // namespace
}  // namespace entgraph
