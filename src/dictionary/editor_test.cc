#include "dictionary/editor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "dictionary/dictionary.h"
#include "testing/run.h"

namespace entgraph {
namespace {

using testing::Slurp;

class EditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("dict/people.tsv", "# People\nperson\tSaif Anjum\tAnjum\n\nperson\tHaroon Akhtar Khan\tKhan\tcountry=PK\n");
    dir_.Write("dict/orgs.tsv", "organization\tPakistan Steel Mills\tPSM\r\n");
  }
  std::filesystem::path Dict() const { return dir_.path() / "dict"; }
  std::string ErrorOf(const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitBadInput);
      return e.what();
    }
    return "(no error)";
  }
  testing::TempDir dir_;
};

TEST_F(EditorTest, AddAppendsToTheFileThatHoldsTheType) {
  const EditResult r = AddEntity(Dict(), {"person", "Vadim Velichko", {"Velichko"}, {"country=RU"}}, {}, false);
  EXPECT_EQ(r.file, Dict() / "people.tsv");
  EXPECT_EQ(r.line, "person\tVadim Velichko\tVelichko\tcountry=RU");
  EXPECT_EQ(Slurp(Dict() / "people.tsv"), "# People\nperson\tSaif Anjum\tAnjum\n\nperson\tHaroon Akhtar Khan\tKhan\t"
                                           "country=PK\nperson\tVadim Velichko\tVelichko\tcountry=RU\n");
}

TEST_F(EditorTest, AddANewTypeMakesItsOwnFile) {
  const EditResult r = AddEntity(Dict(), {"vessel", "MV Karachi", {}, {}}, {}, false);
  EXPECT_EQ(r.file, Dict() / "vessel.tsv");
  EXPECT_EQ(Slurp(Dict() / "vessel.tsv"), "vessel\tMV Karachi\n");
}

TEST_F(EditorTest, AddRefusesDuplicatesAndAmbiguityUnlessForced) {
  EXPECT_EQ(ErrorOf([&] { AddEntity(Dict(), {"person", "SAIF ANJUM", {}, {}}, {}, true); }),
            "'SAIF ANJUM' is already in the dictionary: " + (Dict() / "people.tsv").string() +
                ":2 defines 'Saif Anjum'; add an alias to it with 'entgraph dict alias' instead");
  EXPECT_EQ(ErrorOf([&] { AddEntity(Dict(), {"person", "Imran Khan", {"Khan"}, {}}, {}, false); }),
            "'Khan' is already a name or alias of 'Haroon Akhtar Khan' (" + (Dict() / "people.tsv").string() +
                ":4): its mentions would become ambiguous; give --force to add it anyway");
  EXPECT_EQ(ErrorOf([&] { AddEntity(Dict(), {"Person", "X Y", {}, {}}, {}, false); }),
            (Dict() / "Person.tsv").string() +
                ":1: type 'Person' must be a lowercase word such as person, organization or project");
  EXPECT_EQ(ErrorOf([&] { AddEntity(Dict(), {"person", "A\tB", {}, {}}, {}, false); }),
            "the name 'A\\tB' may not contain a tab");
  EXPECT_EQ(ErrorOf([&] { AddEntity(Dict(), {"person", "Imran Khan", {}, {"country"}}, {}, false); }),
            "the attribute 'country' has no '=' (write key=value)");
  AddEntity(Dict(), {"person", "Imran Khan", {"Khan"}, {}}, {}, true);
  EXPECT_NE(Slurp(Dict() / "people.tsv").find("person\tImran Khan\tKhan\n"), std::string::npos);
}

TEST_F(EditorTest, AFailedAddLeavesTheFileAsItWas) {
  const std::string before = Slurp(Dict() / "people.tsv");
  EXPECT_NE(ErrorOf([&] { AddEntity(Dict(), {"Person", "Vadim Velichko", {}, {}}, {}, false); }), "(no error)");
  EXPECT_EQ(Slurp(Dict() / "people.tsv"), before);
  EXPECT_FALSE(std::filesystem::exists(Dict() / "Person.tsv"));
}

TEST_F(EditorTest, AliasExtendsTheEntitysLineAndKeepsTheRest) {
  EditResult r = AddAlias(Dict(), "haroon akhtar khan", "SAPM Haroon Akhtar Khan", false);
  EXPECT_EQ(r.line, "person\tHaroon Akhtar Khan\tKhan|SAPM Haroon Akhtar Khan\tcountry=PK");
  r = AddAlias(Dict(), "PSM", "Karachi Steel Mills", false);  // found through an alias; CRLF kept
  EXPECT_EQ(Slurp(Dict() / "orgs.tsv"), "organization\tPakistan Steel Mills\tPSM|Karachi Steel Mills\r\n");
  EXPECT_EQ(Slurp(Dict() / "people.tsv"), "# People\nperson\tSaif Anjum\tAnjum\n\nperson\tHaroon Akhtar Khan\t"
                                           "Khan|SAPM Haroon Akhtar Khan\tcountry=PK\n");
}

TEST_F(EditorTest, AliasRefusals) {
  EXPECT_EQ(ErrorOf([&] { AddAlias(Dict(), "Saif Anjum", "anjum", false); }),
            "'Saif Anjum' already has the alias 'Anjum'");
  EXPECT_EQ(ErrorOf([&] { AddAlias(Dict(), "Saif Anjum", "Khan", false); }),
            "'Khan' is already a name or alias of 'Haroon Akhtar Khan' (" + (Dict() / "people.tsv").string() +
                ":4): its mentions would become ambiguous; give --force to add it anyway");
  EXPECT_EQ(ErrorOf([&] { AddAlias(Dict(), "Saif Anjm", "S. Anjum", false); }),
            "no entity is named 'Saif Anjm'; did you mean 'Saif Anjum'?");
}

TEST_F(EditorTest, EditedDictionaryStillLoads) {
  AddEntity(Dict(), {"project", "Quetta-Taftan railway", {"Quetta Taftan line"}, {}}, {}, false);
  AddAlias(Dict(), "Saif Anjum", "Secretary Anjum", false);
  const Dictionary d = Dictionary::Load(Dict());
  EXPECT_EQ(d.entities().size(), 4u);
}

}  // namespace
}  // namespace entgraph
