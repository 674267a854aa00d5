#include "text/sentence_rules.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>

namespace entgraph {
namespace {

std::vector<size_t> Ours(std::string_view text) {
  std::vector<size_t> out;
  std::vector<uint32_t> scratch;
  SentenceBoundaries(text, &out, &scratch);
  return out;
}

// The reference: ICU's own sentence iterator, as entgraph used it before.
std::vector<size_t> Icu(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  static std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(ut, status);
  std::vector<size_t> out;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(static_cast<size_t>(b));
  utext_close(ut);
  return out;
}

TEST(SentenceRulesTest, BreaksAfterTerminatorsAndSpaces) {
  EXPECT_EQ(Ours("One. Two! Three? Four"), (std::vector<size_t>{5, 10, 17, 21}));
  EXPECT_EQ(Ours(""), std::vector<size_t>{});
}

TEST(SentenceRulesTest, KeepsDecimalsAcronymsAndLowercaseContinuations) {
  EXPECT_EQ(Ours("It cost 3.5 million."), std::vector<size_t>{20});         // SB6
  EXPECT_EQ(Ours("The U.S. Army came."), (std::vector<size_t>{9, 19}));    // SB7 keeps U.S, SB11 breaks after
  EXPECT_EQ(Ours("See e.g. the rest."), std::vector<size_t>{18});          // SB8: a lowercase word follows
  EXPECT_EQ(Ours("He said \"Go.\" Then left."), (std::vector<size_t>{14, 24}));  // Close then Sp (SB9, SB10)
  EXPECT_EQ(Ours("Wait... what?! Yes."), (std::vector<size_t>{15, 19}));
}

TEST(SentenceRulesTest, ParagraphSeparatorsEndSentences) {
  EXPECT_EQ(Ours("no stop\nnext line"), (std::vector<size_t>{8, 17}));
  EXPECT_EQ(Ours("Stop.\r\nNext"), (std::vector<size_t>{7, 11}));  // CR LF is one separator
}

TEST(SentenceRulesTest, AgreesWithIcuOnHandPickedText) {
  for (const char* text : {
           "Dr. Smith met Mr. Jones at 5 p.m. on Jan. 3. They talked.",
           "\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D he said. \xE2\x80\x9CSoon.\xE2\x80\x9D",
           "\xD8\xA8\xD8\xAF\xD8\xA3\xD8\x9F \xD9\x86\xD8\xB9\xD9\x85. \xD9\x84\xD8\xA7",  // Arabic with ؟
           "\xE4\xB8\x80\xE3\x80\x82\xE4\xBA\x8C\xE3\x80\x82",                          // 一。二。
           "Caf\xC3\xA9. \xC3\x89t\xC3\xA9 -- done.  (Really?) yes.",
       }) {
    EXPECT_EQ(Ours(text), Icu(text)) << text;
  }
}

// Random strings of `pieces`, compared with ICU; reports up to three disagreements.
void CompareWithIcu(const std::vector<std::string>& pieces, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  int failures = 0;
  for (int round = 0; round < 200000 && failures < 3; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[piece(rng)];
    if (Ours(text) != Icu(text)) {
      ++failures;
      std::string shown;
      for (unsigned char c : text) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        shown += c < 0x20 || c >= 0x7F ? std::string(hex) : std::string(1, static_cast<char>(c));
      }
      ADD_FAILURE() << "disagrees with ICU on [" << shown << "]";
    }
  }
}

// ASCII text takes a path of its own (one byte, one character).
TEST(SentenceRulesTest, AgreesWithIcuOnRandomAsciiText) {
  CompareWithIcu({"a", "b", "Z", "Q", "1", "9", ".", "!", "?", ",", ":", ";", "-", "\"", "'", "(", ")", "[", "]",
                  " ", " ", "\t", "\n", "\r", "\r\n", "#", "\x01", "\x7F"},
                 1123);
}

// Representatives of every Sentence_Break class, and ill-formed bytes.
TEST(SentenceRulesTest, AgreesWithIcuOnRandomText) {
  CompareWithIcu({
      "a", "b", "x", "Z", "Q", "\xC3\xA9", "\xC3\x89", "\xC3\x9F",       // Lower, Upper
      "\xD0\x96", "\xD0\xB6", "\xD8\xA7", "\xE4\xB8\x80", "\xCA\xB0",     // Ж ж ا 一 ʰ
      "1", "9", "\xD9\xA0",                                               // Numeric
      ".", "\xE2\x80\xA4", "\xEF\xBC\x8E",                                // ATerm
      "!", "?", "\xD8\x9F", "\xE3\x80\x82", "\xE2\x80\xBC",               // STerm
      ",", ":", "-", "\xE2\x80\x93", "\xE2\x80\x94", "\xD8\x8C", ";",     // SContinue and others
      "\"", "'", "(", ")", "[", "]", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB",  // Close
      " ", " ", " ", "\t", "\xC2\xA0", "\xE2\x80\x83",                    // Sp
      "\n", "\r", "\r\n", "\xE2\x80\xA9", "\xC2\x85", "\xE2\x80\xA8",     // ParaSep
      "\xCC\x81", "\xE2\x80\x8D", "\xC2\xAD", "\xE2\x80\x8B",             // Extend, Format
      "#", "$", "\xE2\x80\xA6", "\xF0\x9F\x98\x80",                       // Other
      "\xFF", "\xC3", "\xE2\x80",                                         // ill-formed
  }, 20261123);
}

}  // namespace
}  // namespace entgraph
