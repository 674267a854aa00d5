#include "recognizer/parallel.h"

#include <gtest/gtest.h>

#include "testing/recognize.h"

namespace entgraph {
namespace {

std::string Dump(const Analysis& a) {
  std::string out;
  for (const Sentence& s : a.sentences) out += "S" + std::to_string(s.span.start) + "-" + std::to_string(s.span.end) + "p" + std::to_string(s.paragraph) + " ";
  for (const Mention& m : a.mentions) {
    out += "M" + std::to_string(m.start) + "-" + std::to_string(m.end) + "e" + std::to_string(m.entity) + "s" +
           std::to_string(m.sentence) + "p" + std::to_string(m.paragraph) + " ";
  }
  return out;
}

TEST(ParallelRecognizerTest, SameResultAsOneThreadWhateverTheSplit) {
  const Dictionary dict = testing::ParseDictionary(
      "person\tAlbert P. Khorev\tKhorev\norganization\tPakistan Steel Mills\tPSM\nperson\tSaif Anjum\n");
  const Matcher matcher(dict);
  std::string big;
  for (int i = 0; i < 200; ++i) {
    big += "Paragraph " + std::to_string(i) + ". Albert P. Khorev said PSM matters. Saif Anjum agreed.\n";
    big += i % 3 ? "Khorev left.\n\n" : "\n";
  }
  const std::vector<std::string_view> texts = {big, "Saif Anjum met Khorev.", "", "No names here.\n\nPSM."};
  Recognizer one(matcher);
  for (size_t threads : {1u, 2u, 4u}) {
    ParallelRecognizer many(matcher, threads, /*item_bytes=*/64);
    const std::vector<Analysis> got = many.Analyze(texts);
    ASSERT_EQ(got.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      const Analysis want = one.Analyze(texts[i]);
      EXPECT_EQ(Dump(got[i]), Dump(want)) << "threads " << threads << ", text " << i;
      EXPECT_EQ(got[i].paragraphs, want.paragraphs);
    }
  }
}

}  // namespace
}  // namespace entgraph
