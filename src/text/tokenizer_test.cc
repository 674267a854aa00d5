#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <random>

namespace entgraph {
namespace {

// Tokens shown as text, punctuation in angle brackets.
std::string Show(std::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.kind == TokenKind::kPunct ? "<" + std::string(t.In(text)) + ">" : std::string(t.In(text));
  }
  return out;
}

TEST(TokenizerTest, WordsAreRunsOfLettersAndDigits) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Pakistan Steel Mills", "Pakistan Steel Mills"},
      {"CASA-1,000", "CASA 1 <,> 000"},
      {"Khan's", "Khan <'> s"},
      {"Albert P. Khorev", "Albert P <.> Khorev"},
      {"Quetta\u2013Taftan", "Quetta Taftan"},
      {"  \t\n ", ""},
      {"Türkiye", "Türkiye"},
      {"e\u0301t\u00E9", "e\u0301t\u00E9"},  // a combining mark stays inside its word
      {"می\u200Cخواهم", "می\u200Cخواهم"},   // the zero-width non-joiner joins a word
      {"(IMF)", "<(> IMF <)>"},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Show(text), expected) << text;
}

TEST(TokenizerTest, BlocksOfAsciiCutAsOneCharacterAtATime) {
  // Tokenize reads ASCII 64 bytes at a time, then 16 near the end; words and punctuation that
  // cross a block's edge, or run into non-ASCII letters, joiners, dashes and ill-formed bytes,
  // must come out the same. Every other text is mostly ASCII, so that whole blocks of 64 occur.
  const std::vector<std::string> pieces = {"a", "Z", "0", "9", " ", "-", ".", "'", "\n", "\t", "\x7F", "\x01",
                                           "@", "[", "`", "{", "/", ":", "é", "Ж", "ب", "\u200C", "\u2013",
                                           "\u00A0", "\u2019", "中", "\xFF", "\xC3", "e\u0301", "word", "IMF"};
  std::mt19937 rng(41);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const int n = static_cast<int>(rng() % 200);
    const size_t ascii_pieces = 18;  // pieces[0, 18) are ASCII
    for (int i = 0; i < n; ++i) {
      const bool mostly_ascii = trial % 2 == 1 && rng() % 16 != 0;
      text += pieces[rng() % (mostly_ascii ? ascii_pieces : pieces.size())];
    }
    const size_t begin = text.empty() ? 0 : rng() % (text.size() / 4 + 1);
    // Half the ranges end before the text does (as a paragraph does), where blocks load past them.
    const size_t end = trial % 4 < 2 ? text.size() : begin + rng() % (text.size() - begin + 1);
    std::vector<Token> fast, slow;
    Tokenize(text, begin, end, &fast);
    TokenizeByCharacter(text, begin, end, &slow);
    ASSERT_EQ(fast.size(), slow.size()) << ::testing::PrintToString(text);
    for (size_t i = 0; i < fast.size(); ++i) {
      ASSERT_TRUE(fast[i].start == slow[i].start && fast[i].end == slow[i].end && fast[i].kind == slow[i].kind &&
                  fast[i].ascii == slow[i].ascii)
          << ::testing::PrintToString(text) << " token " << i;
    }
  }
}

TEST(TokenizerTest, IllFormedBytesAreTokensOfTheirOwn) {
  EXPECT_EQ(Show("ab\xFF" "cd"), "ab <\xFF> cd");
}

TEST(TokenizerTest, OffsetsAreBytesIntoTheText) {
  const std::string text = "é IMF";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].start, 0u);
  EXPECT_EQ(tokens[0].end, 2u);
  EXPECT_FALSE(tokens[0].ascii);
  EXPECT_EQ(tokens[1].start, 3u);
  EXPECT_EQ(tokens[1].end, 6u);
  EXPECT_TRUE(tokens[1].ascii);
}

TEST(TokenizerTest, TokenizesOnlyTheRequestedRange) {
  std::vector<Token> tokens;
  Tokenize("one two three", 4, 7, &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].start, 4u);
}

}  // namespace
}  // namespace entgraph
