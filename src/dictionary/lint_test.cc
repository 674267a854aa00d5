#include "dictionary/lint.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "testing/run.h"

namespace entgraph {
namespace {

using Lines = std::vector<std::string>;

// Lints d.tsv (and e.tsv when given); findings as "FILE:LINE: message" with the folder left out.
Lines Lint(const std::string& d, const std::string& e = "") {
  testing::TempDir dir;
  dir.Write("d.tsv", d);
  if (!e.empty()) dir.Write("e.tsv", e);
  Lines out;
  const std::string prefix = dir.path().string() + "/";
  for (const LintFinding& f : LintDictionary(dir.path())) {
    std::string line = f.ToString();
    for (size_t pos; (pos = line.find(prefix)) != std::string::npos;) line.erase(pos, prefix.size());
    out.push_back(line);
  }
  return out;
}

TEST(LintTest, CleanDictionaryHasNoFindings) {
  EXPECT_EQ(Lint("person\tAlbert P. Khorev\tKhorev\norganization\tPakistan Steel Mills\tPSM\n"
                 "person\tSaif Anjum\norganization\tNATO\tNato\n"),
            Lines{});
}

TEST(LintTest, FormListedTwiceInOneEntity) {
  EXPECT_EQ(Lint("person\tSaif Anjum\tAnjum|Anjum\nperson\tX Y\n"),
            Lines{"d.tsv:1: alias 'Anjum' is listed twice in one entity: keep one"});
}

TEST(LintTest, AliasSharedByTwoEntitiesAcrossFiles) {
  EXPECT_EQ(Lint("person\tHaroon Akhtar Khan\tKhan\n", "person\tImran Khan\tKhan\n"),
            Lines{"e.tsv:1: alias 'Khan' is listed twice: d.tsv:1 has it for 'Haroon Akhtar Khan', so its mentions "
                  "are ambiguous (linked to neither)"});
}

TEST(LintTest, FormsThatDifferOnlyByCaseAccentsOrDashes) {
  EXPECT_EQ(Lint("project\tQuetta-Taftan railway\tQuetta Taftan railway\nperson\tA B\n"),
            Lines{"d.tsv:1: alias 'Quetta Taftan railway' is the same as 'Quetta-Taftan railway' after folding "
                  "case, accents and dashes in one entity: keep one"});
  EXPECT_EQ(Lint("organization\tTürk Telekom\nperson\tJohn Smith\tturk telekom\n"),
            Lines{"d.tsv:2: alias 'turk telekom' is the same as 'Türk Telekom' after folding case, accents and "
                  "dashes: d.tsv:1 has it for 'Türk Telekom', so its mentions are ambiguous (linked to neither)"});
}

TEST(LintTest, EverydayWordAliasesAndCapitalizedOnes) {
  EXPECT_EQ(Lint("organization\tAssociated Press of Pakistan\tAPP|the\norganization\tX Y\n"),
            (Lines{"d.tsv:1: alias 'the' is an everyday word and would match everywhere: remove it, or add "
                   "case=sensitive to the entity's attributes",
                   "d.tsv:1: note: alias 'APP' is matched in exact case only, but 'app' is an everyday word: check "
                   "that the capitals are meant"}));
}

TEST(LintTest, TypeUsedOnlyOnce) {
  EXPECT_EQ(Lint("person\tA B\nperson\tC D\npersn\tE F\n"),
            Lines{"d.tsv:3: type 'persn' is used only once (a typo? did you mean 'person'?)"});
}

TEST(LintTest, StraySpaces) {
  EXPECT_EQ(Lint("person\t Saif Anjum\tAnjum \nperson\tVadim  Velichko\n"),
            (Lines{"d.tsv:1: stray space around alias 'Anjum '", "d.tsv:1: stray space around name ' Saif Anjum'",
                   "d.tsv:2: doubled space inside name 'Vadim  Velichko'"}));
}

TEST(LintTest, MalformedDictionaryIsAnInputError) {
  testing::TempDir dir;
  dir.Write("d.tsv", "person\n");
  EXPECT_THROW(LintDictionary(dir.path()), Error);
}

TEST(LintTest, ShippedDictionariesAreClean) {
  for (const LintFinding& f : LintDictionary(testing::SourceDir() / "dictionaries")) {
    EXPECT_TRUE(f.note) << f.ToString();
  }
}

}  // namespace
}  // namespace entgraph
