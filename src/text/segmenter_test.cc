#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "testing/recognize.h"

namespace entgraph {
namespace {

std::string Paragraphs(std::string_view text) {
  std::string out;
  for (const Span& s : SplitParagraphs(text)) {
    if (!out.empty()) out += " || ";
    out += text.substr(s.start, s.end - s.start);
  }
  return out;
}

TEST(SegmenterTest, ParagraphsAreSeparatedByBlankLines) {
  EXPECT_EQ(Paragraphs("One line.\nSame paragraph.\n\n  \nSecond.\n"),
            "One line.\nSame paragraph. || Second.");
  EXPECT_EQ(Paragraphs("First.\r\n\r\nSecond.\r\n"), "First. || Second.");
}

TEST(SegmenterTest, WithoutBlankLinesEachLineIsAParagraph) {
  EXPECT_EQ(Paragraphs("Headline\nFirst paragraph.\nSecond one.\n"),
            "Headline || First paragraph. || Second one.");
}

TEST(SegmenterTest, SkipsByteOrderMarkAndEmptyText) {
  EXPECT_EQ(Paragraphs("\xEF\xBB\xBFText."), "Text.");
  EXPECT_TRUE(SplitParagraphs("").empty());
  EXPECT_TRUE(SplitParagraphs("\n\n \n").empty());
}

TEST(SegmenterTest, ALargeTextSplitOnTwoThreadsOrInStretchesHasTheSameParagraphs) {
  // Texts made of lines of words, blank lines, lines of spaces, CRLF and no-break spaces, with
  // and without blank lines; split on one thread and, cut near the middle, on two.
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"word", " ", "Pakistan Steel", "\n", "\n", "\n\n", " \t\n",
                                           "\r\n",  "\r\n\r\n", "\xC2\xA0", ". ", "\n  \n"};
  for (int round = 0; round < 400; ++round) {
    std::string text = round % 7 == 0 ? "\xEF\xBB\xBF" : "";
    const int n = std::uniform_int_distribution<int>(0, 60)(rng);
    const bool blank_lines = round % 2 == 0;
    for (int i = 0; i < n; ++i) {
      std::string piece = pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
      if (!blank_lines && piece.find('\n') != std::string::npos) piece = "\n";  // no blank line anywhere
      text += piece;
    }
    const std::vector<Span> one = SplitParagraphs(text, std::numeric_limits<size_t>::max());
    EXPECT_EQ(SplitParagraphs(text, 1), one) << text;
    // Cut every few bytes where no paragraph goes across, each stretch split on its own.
    const ParagraphLayout layout = LayOutParagraphs(text);
    const size_t step = std::uniform_int_distribution<size_t>(1, 20)(rng);
    std::vector<Span> stretches;
    size_t breaks = 0;
    for (size_t begin = layout.first_line; begin < text.size();) {
      const size_t end = ParagraphCut(text, begin + step, layout);
      ASSERT_GT(end, begin);
      breaks += AppendParagraphs(text, begin, end, layout, &stretches);
      begin = end;
    }
    EXPECT_EQ(stretches, one) << text;
    EXPECT_EQ(breaks, static_cast<size_t>(std::count(text.begin(), text.end(), '\n'))) << text;
  }
  EXPECT_EQ(Paragraphs("a\nb\n\nc\nd\n"), "a\nb || c\nd");
}

TEST(SegmenterTest, SentencesFollowIcuRules) {
  EXPECT_EQ(testing::Sentences("", "Russia agreed. Pakistan signed! Will it work? Yes."),
            "Russia agreed. || Pakistan signed! || Will it work? || Yes.");
}

TEST(SegmenterTest, NoBreakAfterTitlesAbbreviationsAndInitials) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Dr. Gohar Iqbal spoke. Then he left.", "Dr. Gohar Iqbal spoke. || Then he left."},
      {"Ambassador Albert P. Khorev said so. Fine.", "Ambassador Albert P. Khorev said so. || Fine."},
      {"Gen. Kayani met Col. Postnikov. Talks began.", "Gen. Kayani met Col. Postnikov. || Talks began."},
      {"Mr. Overchuk visited. Mrs. Khan too.", "Mr. Overchuk visited. || Mrs. Khan too."},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(testing::Sentences("", text), expected) << text;
  // A stop after a space, a lowercase word or a lone byte that is not a character ends the sentence.
  EXPECT_EQ(testing::Sentences("", "It rained . Then it stopped."), "It rained . || Then it stopped.");
  EXPECT_EQ(testing::Sentences("", "Ask the dept. Then go."), "Ask the dept. || Then go.");
  EXPECT_EQ(testing::Sentences("", "Odd \xC3. Then go."), "Odd \xC3. || Then go.");
}

TEST(SegmenterTest, NoBreakInsideARecognizedName) {
  // "Corp. Holdings" would be two sentences to ICU; as one recognized name it stays whole.
  EXPECT_EQ(testing::Sentences("organization\tAcme Corp. Holdings\n", "He joined Acme Corp. Holdings last year."),
            "He joined Acme Corp. Holdings last year.");
  EXPECT_EQ(testing::Sentences("", "He joined Acme Corp. Holdings last year."),
            "He joined Acme Corp. || Holdings last year.");
}

TEST(SegmenterTest, ManyNamesAndSentencesInOneParagraph) {
  // Boundaries inside the second and third names are kept back; those between the names are not.
  EXPECT_EQ(testing::Sentences("organization\tAcme Corp. Holdings\norganization\tBeta Inc. Group\n",
                               "Acme Corp. Holdings met Beta Inc. Group. Then Acme Corp. Holdings left. Beta Inc. "
                               "Group stayed. Done."),
            "Acme Corp. Holdings met Beta Inc. Group. || Then Acme Corp. Holdings left. || Beta Inc. Group stayed. "
            "|| Done.");
}

TEST(SegmenterTest, SoftLineBreaksDoNotEndSentences) {
  EXPECT_EQ(testing::Sentences("", "Intro.\n\nThe agreement was signed\nin Moscow on Friday. It matters."),
            "Intro. || The agreement was signed\nin Moscow on Friday. || It matters.");
}

TEST(SegmenterTest, ListItemsAreSentencesOfTheirOwn) {
  EXPECT_EQ(testing::Sentences("", "Intro.\n\n\u2022 Experts assessed the mill\n\u2022 PSM is for sale"),
            "Intro. || \u2022 Experts assessed the mill || \u2022 PSM is for sale");
}

}  // namespace
}  // namespace entgraph
