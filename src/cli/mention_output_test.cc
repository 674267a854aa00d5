#include "cli/mention_output.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "testing/recognize.h"

namespace entgraph::cli {
namespace {

const char kNames[] =
    "city\tKarachi\n"
    "city\tNew York\n"
    "place\tPort Qasim\n"
    "person\tBelle Bell\n"
    "city\tZürich\n"
    "city\tOf\n"
    "person\tMichael Jordan\tJordan\n"
    "place\tJordan River\tJordan\n";

// A document whose text is in a buffer of exactly its size, so that AddressSanitizer sees any
// read past its end.
struct TestDocument {
  explicit TestDocument(std::string path, std::string_view text) : bytes(new char[text.size()]) {
    std::memcpy(bytes.get(), text.data(), text.size());
    doc.path = std::move(path);
    doc.text = std::string_view(bytes.get(), text.size());
  }
  std::unique_ptr<char[]> bytes;
  Document doc;
};

// A mention of entity `entity` (-1: ambiguous between `candidates`) at text[start, end).
struct Spot {
  size_t start, end;
  int32_t entity;
  std::vector<uint32_t> candidates = {};
  bool ascii_word = false;  // Mention::ascii_word: the recognizer says it is one ASCII word
};
// The piece of `doc` (the whole of it) with those mentions.
Piece PieceOf(const Document& doc, const std::vector<Spot>& spots) {
  Piece piece;
  piece.first = true;
  for (const Spot& s : spots) {
    Mention m;
    m.start = s.start;
    m.end = s.end;
    m.entity = s.entity;
    m.candidates = s.candidates;
    m.ascii_word = s.ascii_word;
    piece.part.mentions.push_back(m);
  }
  piece.lines = LineCounter(doc.text);
  return piece;
}

PieceOutput Human(const Document& doc, std::vector<Spot> spots, const Dictionary& dict, bool show_path = true) {
  Piece piece = PieceOf(doc, spots);
  PieceOutput out;
  PerEntityText suffixes = EntitySuffixes(dict);
  PrintHuman(doc, piece, dict, suffixes, &out, show_path);
  return out;
}

TEST(MentionOutputTest, LinesShowPlainTextAsItIsAndTheRestCollapsedOrEscaped) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  //                        0         1         2         3         4         5
  //                        0123456789012345678901234567890123456789012345678901234567
  const TestDocument d("news/a.txt", "Karachi met New York.\nSaid Port  Qasim\nand Bell\x01" "e, Zürich.\nOf");
  const size_t zurich = d.doc.text.find("Zürich");
  const PieceOutput out = Human(d.doc,
                                {{0, 7, 0},
                                 {12, 20, 1},
                                 {27, 38, 2},                   // two spaces
                                 {43, 49, 3},                   // a control character
                                 {zurich, zurich + 7, 4},       // not ASCII
                                 {d.doc.text.size() - 2, d.doc.text.size(), 5}},  // the text's last bytes
                                dict);
  EXPECT_EQ(out.out,
            "news/a.txt:1:1  Karachi  -> Karachi (city)\n"
            "news/a.txt:1:13  New York  -> New York (city)\n"
            "news/a.txt:2:6  Port Qasim  -> Port Qasim (place)\n"
            "news/a.txt:3:5  Bell\\u{1}e  -> Belle Bell (person)\n"
            "news/a.txt:3:13  Zürich  -> Zürich (city)\n"
            "news/a.txt:4:1  Of  -> Of (city)\n");
  EXPECT_EQ(out.err, "");
}

TEST(MentionOutputTest, AmbiguousMentionsGoToErrWithTheirCandidates) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  const TestDocument d("a.txt", "Of Jordan\nOf");
  const PieceOutput out = Human(d.doc, {{0, 2, 5}, {3, 9, -1, {6, 7}}, {10, 12, 5}}, dict);
  EXPECT_EQ(out.out, "a.txt:1:1  Of  -> Of (city)\na.txt:2:1  Of  -> Of (city)\n");
  EXPECT_EQ(out.err, "a.txt:1:4  Jordan  -> ambiguous: Michael Jordan (person) | Jordan River (place)\n");
}

// With one file read, lines leave its name out, as grep's do: plain lines, lines made the general
// way (a control character) and ambiguous ones alike begin at the line number.
TEST(MentionOutputTest, LinesWithoutThePathBeginAtTheLine) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  const TestDocument d("news/a.txt", "Of Jordan\nand Bell\x01" "e, Of");
  const PieceOutput out = Human(d.doc, {{0, 2, 5}, {3, 9, -1, {6, 7}}, {14, 20, 3}, {22, 24, 5}}, dict, false);
  EXPECT_EQ(out.out,
            "1:1  Of  -> Of (city)\n"
            "2:5  Bell\\u{1}e  -> Belle Bell (person)\n"
            "2:13  Of  -> Of (city)\n");
  EXPECT_EQ(out.err, "1:4  Jordan  -> ambiguous: Michael Jordan (person) | Jordan River (place)\n");
}

// Many lines, far more than a batch, with columns of one to four digits and a line number that
// grows: the same lines whatever the path's length (a long one makes every line the general way),
// and without it, and whether or not a mention is known to be one ASCII word.
TEST(MentionOutputTest, ManyLinesAreAllThereInOrder) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  std::string text;
  std::vector<Spot> spots;
  std::vector<std::string> positions;
  for (size_t line = 1; line <= 300; ++line) {
    const size_t pad = line * line % 2000;  // columns up to 2001
    text.append(pad, ' ');
    for (size_t k = 0; k < 10; ++k) {
      spots.push_back({text.size(), text.size() + 2, 5, {}, k % 2 == 0});
      positions.push_back(":" + std::to_string(line) + ":" + std::to_string(pad + 3 * k + 1) + "  ");
      text += k == 9 ? "Of\n" : "Of ";
    }
  }
  for (const std::string& path : {std::string("b.txt"), std::string(300, 'p')}) {
    const TestDocument d(path, text);
    std::string expected;
    for (const std::string& pos : positions) expected += path + pos + "Of  -> Of (city)\n";
    EXPECT_EQ(Human(d.doc, spots, dict).out, expected) << path.size();
  }
  const TestDocument d("b.txt", text);
  std::string expected;
  for (const std::string& pos : positions) expected += pos.substr(1) + "Of  -> Of (city)\n";
  EXPECT_EQ(Human(d.doc, spots, dict, false).out, expected);
}

TEST(MentionOutputTest, EntityTextsAreMadeWhenFirstAskedAndStayRight) {
  // Texts are made in the order entities are printed, into one buffer that grows: each must be
  // its entity's, however many were made after it.
  std::string tsv;
  for (int i = 0; i < 300; ++i) tsv += "city\tTown " + std::to_string(i) + (i % 7 == 0 ? " Zürich" : "") + "\n";
  const Dictionary dict = testing::ParseDictionary(tsv);
  PerEntityText texts = EntitySuffixes(dict);
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < dict.entities().size(); ++i) {
      const size_t e = (i * 101) % dict.entities().size();  // every entity, out of order
      std::string expected;
      AppendEntitySuffix(dict.entities()[e], &expected);
      ASSERT_EQ(texts[e], expected) << e;
    }
  }
  EXPECT_EQ(texts[0], "  -> Town 0 Zürich (city)\n");
}

TEST(MentionOutputTest, JsonCarriesOffsetsAndUnits) {
  const Dictionary dict = testing::ParseDictionary(kNames);
  const TestDocument d("a\"b.txt", "Of Jordan");
  Piece piece = PieceOf(d.doc, {{0, 2, 5}, {3, 9, -1, {6, 7}}});
  piece.part.mentions[1].sentence = 1;
  PieceOutput out;
  PerEntityText fields = EntityJsonFields(dict);
  PrintJson(d.doc, piece, dict, fields, &out);
  EXPECT_EQ(out.out,
            "{\"doc\":\"a\\\"b.txt\",\"entity\":\"Of\",\"type\":\"city\",\"text\":\"Of\",\"start\":0,\"end\":2,"
            "\"sentence\":1,\"paragraph\":1}\n"
            "{\"doc\":\"a\\\"b.txt\",\"ambiguous\":[\"Michael Jordan\",\"Jordan River\"],\"text\":\"Jordan\","
            "\"start\":3,\"end\":9,\"sentence\":2,\"paragraph\":1}\n");
}

}  // namespace
}  // namespace entgraph::cli
