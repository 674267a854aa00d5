#include "dictionary/suggest.h"

#include <gtest/gtest.h>

#include "testing/run.h"

namespace entgraph {
namespace {

// Two small documents with a person (after a title, and by surname), an organization with its
// acronym, a project, and words that are capitalized only because they start a sentence.
class SuggestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("c/one.txt",
               "Minister Tariq Hamid met officials of the Karachi Port Trust (KPT) on Monday. However, the talks "
               "were short.\n\nHamid said the Gwadar Coal Power Plant would open in 2027. The Asian Infrastructure "
               "Investment Bank will fund it.\n");
    dir_.Write("c/two.txt",
               "Tariq Hamid spoke again. Karachi Port Trust says KPT has new cranes. The Gwadar Coal Power Plant is "
               "delayed.\n\nIn March, Hamid visited Lahore.\n");
  }

  std::vector<Suggestion> Run(const std::string& known_tsv, size_t min_count = 1) {
    Dictionary known;
    known.Parse(known_tsv, "known.tsv");
    SuggestOptions options;
    options.min_count = min_count;
    const auto files = ListCorpus({(dir_.path() / "c").string()}, CorpusOptions{}, [](const std::string&) {});
    return Suggest(known, files, options, [](const std::string&) {});
  }

  static std::string Show(const std::vector<Suggestion>& list) {
    std::string out;
    for (const Suggestion& s : list) {
      out += s.name + " (" + (s.alias_of.empty() ? s.type : "alias of " + s.alias_of) + ")";
      for (const auto& a : s.aliases) out += " | " + a;
      out += " " + std::to_string(s.count) + "/" + std::to_string(s.documents) + "\n";
    }
    return out;
  }

  testing::TempDir dir_;
};

TEST_F(SuggestTest, FindsNamesWithTypesAndAliasesRankedByDocumentsThenCount) {
  EXPECT_EQ(Show(Run("")),
            "Karachi Port Trust (organization) | KPT 4/2\n"
            "Tariq Hamid (person) | Hamid 4/2\n"
            "Gwadar Coal Power Plant (project) 2/2\n"
            "Asian Infrastructure Investment Bank (organization) 1/1\n");
}

TEST_F(SuggestTest, SentenceInitialWordsMonthsAndPlacesAreNotSuggested) {
  const std::string shown = Show(Run(""));
  for (const char* word : {"However", "Monday", "March", "The ", "Lahore", "Minister"}) {
    EXPECT_EQ(shown.find(word), std::string::npos) << word;
  }
}

TEST_F(SuggestTest, KnownNamesAreLeftOutAndTheirAcronymsBecomeAliases) {
  EXPECT_EQ(Show(Run("organization\tKarachi Port Trust\nperson\tTariq Hamid\n")),
            "Gwadar Coal Power Plant (project) 2/2\n"
            "Hamid (alias of Tariq Hamid) 2/2\n"
            "KPT (alias of Karachi Port Trust) 2/2\n"
            "Asian Infrastructure Investment Bank (organization) 1/1\n");
}

TEST_F(SuggestTest, MinCountDropsRareNames) {
  EXPECT_EQ(Show(Run("", 2)),
            "Karachi Port Trust (organization) | KPT 4/2\n"
            "Tariq Hamid (person) | Hamid 4/2\n"
            "Gwadar Coal Power Plant (project) 2/2\n");
}

TEST_F(SuggestTest, ContextNamesTheDocumentAndLine) {
  const auto list = Run("");
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].context, (dir_.path() / "c/one.txt").string() +
                                 ":1: Minister Tariq Hamid met officials of the Karachi Port Trust (KPT) on Monday.");
}

}  // namespace
}  // namespace entgraph
