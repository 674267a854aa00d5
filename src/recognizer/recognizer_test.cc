#include "recognizer/recognizer.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/recognize.h"

namespace entgraph {
namespace {

// Every sentence and mention, with its paragraph, sentence and entity or candidates.
std::string Dump(std::string_view text, const Analysis& a) {
  std::string out;
  for (const Sentence& s : a.sentences) {
    out += "S" + std::to_string(s.span.start) + "-" + std::to_string(s.span.end) + "p" + std::to_string(s.paragraph) + "\n";
  }
  for (const Mention& m : a.mentions) {
    out += "M[" + std::string(text.substr(m.start, m.end - m.start)) + "]" + std::to_string(m.start) + "e" +
           std::to_string(m.entity) + "s" + std::to_string(m.sentence) + "p" + std::to_string(m.paragraph);
    for (uint32_t c : m.candidates) out += "c" + std::to_string(c);
    out += "\n";
  }
  return out;
}

const char kNames[] =
    "person\tAlbert P. Khorev\tKhorev\n"
    "organization\tPakistan Steel Mills\tPSM\n"
    "organization\tPakistan Steel Mills Corporation Limited of Karachi\n"
    "person\tSaif Anjum\n"
    "organization\tIMF\n"          // exact case only
    "place\tJordan River\tJordan\n"
    "person\tMichael Jordan\tJordan\n"  // an ambiguous alias
    "person\tВадим Величко\tВеличко\n"
    "organization\tŁódź Stalownia Wielka\n";

// A mention is marked as one ASCII word (printed without a look at its bytes) only when it is one.
TEST(RecognizerTest, OnlyMentionsOfOneAsciiWordAreMarkedSo) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  const Matcher matcher(dict);
  Recognizer recognizer(matcher);
  const std::string text =
      "IMF staff met Khorev, Albert P. Khorev and Величко at Pakistan Steel Mills (PSM) in "
      "Łódź Stalownia Wielka.";
  const Analysis a = recognizer.Analyze(text);
  std::string marked;
  for (const Mention& m : a.mentions) {
    marked += std::string(text.substr(m.start, m.end - m.start)) + (m.ascii_word ? "+" : "-") + "|";
  }
  EXPECT_EQ(marked,
            "IMF+|Khorev+|Albert P. Khorev-|Величко-|Pakistan Steel Mills-|PSM+|Łódź Stalownia Wielka-|");
}

TEST(RecognizerTest, AParagraphMatchedInWindowsGivesWhatItGivesWhole) {
  // One paragraph of many sentences (no line break), names of one to eight tokens at every
  // position relative to the windows' cuts, which tiny windows put between almost every pair of
  // words (and inside the longest name).
  const Dictionary dict = testing::ParseDictionary(kNames);
  const Matcher matcher(dict);
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "In round " + std::to_string(i) + " Albert P. Khorev met Saif Anjum at Pakistan Steel Mills";
    text += i % 4 == 0 ? " Corporation Limited of Karachi. " : ". ";
    text += i % 3 == 0 ? "The imf and the IMF came to Jordan, and PSM. " : "Khorev left. ";
    text += i % 5 == 0 ? "ВАДИМ ВЕЛИЧКО и Величко в ŁÓDŹ STALOWNIA WIELKA. " : "";
  }
  Recognizer whole(matcher, /*window_bytes=*/size_t{1} << 30);
  const Analysis want = whole.Analyze(text);
  ASSERT_EQ(want.paragraphs.size(), 1u);
  ASSERT_GT(want.mentions.size(), 250u);
  for (size_t window : {1, 2, 5, 16, 40, 100, 1000}) {
    Recognizer windowed(matcher, window);
    EXPECT_EQ(Dump(text, windowed.Analyze(text)), Dump(text, want)) << "window of " << window << " bytes";
  }
}

TEST(RecognizerTest, AWindowOfFewEnormousTokensGrowsUntilItHoldsEnough) {
  // Words far longer than the window, then a name that starts before a cut would fall.
  const Dictionary dict = testing::ParseDictionary(kNames);
  const Matcher matcher(dict);
  const std::string text = std::string(5000, 'x') + " " + std::string(3000, 'y') + " Pakistan Steel Mills " +
                           std::string(4000, 'z') + " Saif Anjum";
  Recognizer windowed(matcher, /*window_bytes=*/64);
  EXPECT_EQ(testing::Mentions(kNames, text), "[Pakistan Steel Mills]=Pakistan Steel Mills [Saif Anjum]=Saif Anjum");
  EXPECT_EQ(Dump(text, windowed.Analyze(text)), Dump(text, Recognizer(matcher).Analyze(text)));
  EXPECT_TRUE(windowed.FindsAny(text));
  EXPECT_FALSE(windowed.FindsAny(std::string(5000, 'x') + " nothing " + std::string(300, 'y')));
}

TEST(RecognizerTest, ADictionaryWithoutNamesFindsNothingInALongParagraph) {
  const Dictionary dict = testing::ParseDictionary("");
  const Matcher matcher(dict);
  std::string text;
  for (int i = 0; i < 200; ++i) text += "word ";
  Recognizer windowed(matcher, /*window_bytes=*/8);
  const Analysis a = windowed.Analyze(text);
  EXPECT_TRUE(a.mentions.empty());
  EXPECT_EQ(a.sentences.size(), 1u);
}

}  // namespace
}  // namespace entgraph
