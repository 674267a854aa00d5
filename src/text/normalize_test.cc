#include "text/normalize.h"

#include <gtest/gtest.h>

#include <random>

#include "common/utf8.h"

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

TEST(NormalizeTest, SmallCodePointFastPathAgreesWithIcu) {
  // Tokens of code points below U+0800 are folded a code point at a time from a table; marks that
  // ICU would reorder or compose must send the token to ICU. Random strings over every code point
  // below U+0800, with letters and marks of Latin, Greek, Cyrillic, Hebrew and Arabic drawn more
  // often, since those are what the table has to get right.
  std::mt19937 rng(29);
  const std::vector<std::pair<char32_t, char32_t>> common = {
      {'A', 'z'}, {0xC0, 0x24F}, {0x300, 0x36F}, {0x370, 0x3FF}, {0x400, 0x4FF},
      {0x591, 0x5F4}, {0x600, 0x6FF}, {0x1, 0x7FF}};
  for (int trial = 0; trial < 300000; ++trial) {
    std::string token;
    // Mostly words; one in a hundred longer than the 64 characters folded through a buffer at once.
    const int length = trial % 100 == 0 ? 60 + static_cast<int>(rng() % 140) : 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < length; ++i) {
      const auto& [lo, hi] = common[rng() % common.size()];
      utf8::Append(lo + rng() % (hi - lo + 1), &token);
    }
    std::string fast = "key ";  // appended to what is there, which a fold sent to ICU leaves alone
    AppendFoldKey(token, false, &fast);
    ASSERT_EQ(fast, "key " + FoldKeyByIcu(token)) << "token bytes: " << ::testing::PrintToString(token);
  }
}

TEST(NormalizeTest, LongTokensOfSmallCodePointsFoldWhole) {
  // Longer than the characters folded through the buffer at once, and without a mark that sends
  // the token to ICU: folded from the table in several batches.
  for (const int repeats : {31, 32, 33, 64, 100}) {
    std::string token;
    for (int i = 0; i < repeats; ++i) token += "ЖéΣß";  // ß folds to two letters
    std::string fast = "key ";
    AppendFoldKey(token, false, &fast);
    EXPECT_EQ(fast, "key " + FoldKeyByIcu(token)) << repeats;
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
