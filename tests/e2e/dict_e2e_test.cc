// End to end: the dict commands on real files, and a new entity recognized by the next extract.
#include <gtest/gtest.h>

#include "testing/run.h"

namespace entgraph {
namespace {

using testing::RunEntgraph;
using testing::RunResult;

class DictE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("dictionaries/people.tsv", "person\tSaif Anjum\tAnjum\n");
    dir_.Write("news.txt", "Saif Anjum and Vadim Velichko signed. Velichko flew home.\n");
  }
  RunResult In(const std::vector<std::string>& args) const {
    testing::RunOptions o;
    o.cwd = dir_.path();
    return RunEntgraph(args, o);
  }
  testing::TempDir dir_;
};

TEST_F(DictE2E, AddedEntityIsRecognizedByTheNextExtract) {
  EXPECT_EQ(In({"extract", "-q", "--corpus", "news.txt"}).out, "1:1  Saif Anjum  -> Saif Anjum (person)\n");
  const RunResult add = In({"dict", "add", "person", "Vadim Velichko", "--alias", "Velichko", "--attr", "country=RU"});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  // Tabs are shown as \t on the terminal.
  EXPECT_EQ(add.out, "added to dictionaries/people.tsv: person\\tVadim Velichko\\tVelichko\\tcountry=RU\n");
  EXPECT_EQ(In({"extract", "-q", "--corpus", "news.txt"}).out,
            "1:1  Saif Anjum  -> Saif Anjum (person)\n"
            "1:16  Vadim Velichko  -> Vadim Velichko (person)\n"
            "1:39  Velichko  -> Vadim Velichko (person)\n");
}

TEST_F(DictE2E, RefusalsExitTwoAndChangeNothing) {
  const RunResult r = In({"dict", "alias", "Saif Anjum", "anjum"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "entgraph: 'Saif Anjum' already has the alias 'Anjum'\n");
  EXPECT_EQ(In({"dict", "add", "person", "saif anjum"}).exit_code, 2);
  EXPECT_EQ(In({"dict", "lint"}).exit_code, 0);
}

TEST_F(DictE2E, LintExitCodes) {
  EXPECT_EQ(In({"dict", "lint"}).exit_code, 0);
  dir_.Write("dictionaries/more.tsv", "person\tImran Khan\tAnjum\n");
  const RunResult findings = In({"dict", "lint"});
  EXPECT_EQ(findings.exit_code, 1);
  // Files load in sorted order: more.tsv first, so people.tsv's line is the one reported.
  EXPECT_EQ(findings.out, "dictionaries/people.tsv:1: alias 'Anjum' is listed twice: dictionaries/more.tsv:1 has it "
                          "for 'Imran Khan', so its mentions are ambiguous (linked to neither)\n");
  EXPECT_EQ(findings.err, "entgraph: 1 finding\n");
  dir_.Write("dictionaries/bad.tsv", "person\n");
  EXPECT_EQ(In({"dict", "lint"}).exit_code, 2);
}

TEST_F(DictE2E, SuggestAcceptsAnEmptyDictionaryAndPrintsTsv) {
  dir_.Write("empty/.keep", "");
  const RunResult r = In({"dict", "suggest", "--dict", "empty", "--corpus", "news.txt", "--tsv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("person\tVadim Velichko\tVelichko\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# 2 mentions in 1 documents: news.txt:1: "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace entgraph
