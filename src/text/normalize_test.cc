#include "text/normalize.h"

#include <gtest/gtest.h>

namespace entgraph {
namespace {

TEST(NormalizeTest, FoldKeyIgnoresCaseAccentsAndCompatibilityForms) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Türkiye", "turkiye"}, {"TÜRKİYE", "turkiye"}, {"Straße", "strasse"}, {"ＰＳＭ", "psm"},
      {"’", "'"},             {"‘", "'"},             {"ΛΙΜΈΝΟΣ", "λιμενοσ"}, {"Ёлка", "елка"},
      {"Vel\u00ADichko", "velichko"},  // a soft hyphen is ignorable
  };
  for (const auto& [token, expected] : cases) EXPECT_EQ(FoldKey(token), expected) << token;
}

TEST(NormalizeTest, FoldKeyKeepsMarksThatAreNotAccents) {
  // Devanagari vowel signs are letters in their own right: "कि" and "क" stay different.
  EXPECT_NE(FoldKey("कि"), FoldKey("क"));
}

TEST(NormalizeTest, AsciiFastPathAgreesWithIcu) {
  for (std::string token : {"Pakistan", "PSM", "O", "x1000", "mIxEd", "'", ".", "Zz"}) {
    std::string fast, slow;
    AppendFoldKey(token, true, &fast);
    AppendFoldKey(token, false, &slow);
    EXPECT_EQ(fast, slow) << token;
    fast.clear();
    slow.clear();
    AppendExactKey(token, true, &fast);
    AppendExactKey(token, false, &slow);
    EXPECT_EQ(fast, slow) << token;
  }
}

TEST(NormalizeTest, ExactKeyKeepsCaseButNormalizesCompatibilityForms) {
  EXPECT_EQ(ExactKey("ＰＳＭ"), "PSM");
  EXPECT_EQ(ExactKey("App"), "App");
  EXPECT_EQ(ExactKey("’"), "'");
}

TEST(NormalizeTest, HasNoLowercase) {
  EXPECT_TRUE(HasNoLowercase("IMF"));
  EXPECT_TRUE(HasNoLowercase("CASA-1000"));
  EXPECT_TRUE(HasNoLowercase("ÖBB"));
  EXPECT_FALSE(HasNoLowercase("MoU"));
  EXPECT_FALSE(HasNoLowercase("straße"));
}

TEST(NormalizeTest, MatchKeyJoinsFoldedTokens) {
  EXPECT_EQ(MatchKey("Quetta–Taftan  Railway"), "quetta taftan railway");
  EXPECT_EQ(MatchKey("Albert P. Khorev"), "albert p . khorev");
  EXPECT_EQ(MatchKey(" - "), "");
}

}  // namespace
}  // namespace entgraph
