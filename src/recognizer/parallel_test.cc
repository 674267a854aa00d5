#include "recognizer/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "common/error.h"
#include "testing/recognize.h"
#include "testing/run.h"

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
  // With a byte order mark, and with no blank line (a paragraph a line).
  const std::string marked = "\xEF\xBB\xBF" + big, lines = "PSM.\nSaif Anjum.\nKhorev and PSM.\n  Saif Anjum.\n";
  const std::vector<std::string_view> texts = {big, "Saif Anjum met Khorev.", "", "No names here.\n\nPSM.", marked, lines};
  Recognizer one(matcher);
  for (size_t threads : {1u, 2u, 4u}) {
    ParallelRecognizer many(matcher, threads, /*item_bytes=*/64);
    std::vector<Analysis> got(texts.size());  // the pieces put together
    many.AnalyzeInPieces(texts, [](Piece&, PieceOutput*) {}, [&](const Piece& piece, const PieceOutput&) {
      Analysis& a = got[piece.doc];
      EXPECT_EQ(piece.first_sentence, a.sentences.size());
      a.sentences.insert(a.sentences.end(), piece.part.sentences.begin(), piece.part.sentences.end());
      a.mentions.insert(a.mentions.end(), piece.part.mentions.begin(), piece.part.mentions.end());
    });
    for (size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(Dump(got[i]), Dump(one.Analyze(texts[i]))) << "threads " << threads << ", text " << i;
    }
  }
}

// Each mention as line:column, sentence and entity, the way extract prints it.
std::string Positions(std::string_view text, const std::vector<Mention>& mentions, LineCounter* lines) {
  std::string out;
  for (const Mention& m : mentions) {
    const auto pos = lines->At(m.start);
    out += std::to_string(pos.line) + ":" + std::to_string(pos.column) + " s" + std::to_string(m.sentence) + " " +
           std::string(text.substr(m.start, m.end - m.start)) + "\n";
  }
  return out;
}

TEST(ParallelRecognizerTest, PiecesGiveTheSameLinesAndSentencesAsOneThread) {
  const Dictionary dict = testing::ParseDictionary("person\tSaif Anjum\norganization\tPakistan Steel Mills\tPSM\n");
  const Matcher matcher(dict);
  std::string big = "\n\n  Saif Anjum opened.\n";  // blank lines, then an indented paragraph
  for (int i = 0; i < 300; ++i) {
    big += "Line " + std::to_string(i) + " names PSM. And Saif Anjum.\n";
    if (i % 4 == 0) big += "\n";
    if (i % 7 == 0) big += "   \n\n\n  ";
  }
  const std::vector<std::string_view> texts = {big, "", "PSM\n\nPSM", big};
  Recognizer one(matcher);
  std::vector<std::string> want;
  for (std::string_view t : texts) {
    LineCounter lines(t);
    want.push_back(Positions(t, one.Analyze(t).mentions, &lines));
  }
  for (size_t threads : {1u, 2u, 3u}) {
    ParallelRecognizer many(matcher, threads, /*item_bytes=*/50);
    std::vector<std::string> got(texts.size());
    std::vector<size_t> firsts(texts.size()), lasts(texts.size());
    many.AnalyzeInPieces(
        texts,
        [&](Piece& piece, PieceOutput* out) { out->out = Positions(texts[piece.doc], piece.part.mentions, &piece.lines); },
        [&](const Piece& piece, const PieceOutput& out) {
          EXPECT_EQ(lasts[piece.doc], 0u) << "a piece after the document's last, text " << piece.doc;
          got[piece.doc] += out.out;
          firsts[piece.doc] += piece.first;
          lasts[piece.doc] += piece.last;
        });
    for (size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(got[i], want[i]) << "threads " << threads << ", text " << i;
      EXPECT_EQ(firsts[i], 1u) << "every document has one first piece";
      EXPECT_EQ(lasts[i], 1u) << "and one last piece";
    }
  }
}

// `n` paragraphs of over 40 bytes, each naming Saif Anjum once: with item_bytes 40, a piece each.
std::string ParagraphsNamingSaifAnjum(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "Saif Anjum spoke about the mills in paragraph " + std::to_string(i) + ".\n\n";
  return text;
}

TEST(ParallelRecognizerTest, PiecesAreWrittenWhileTheRestIsStillBeingRecognized) {
  const Matcher matcher(testing::ParseDictionary("person\tSaif Anjum\n"));
  const std::string big = ParagraphsNamingSaifAnjum(400);
  for (size_t threads : {1u, 2u, 3u}) {
    ParallelRecognizer many(matcher, threads, /*item_bytes=*/40);
    std::atomic<size_t> formatted{0};
    size_t written = 0, most_ahead = 0, mentions = 0;
    many.AnalyzeInPieces(
        {big},
        [&](Piece&, PieceOutput*) { ++formatted; },
        [&](const Piece& piece, const PieceOutput&) {
          most_ahead = std::max(most_ahead, formatted - written++);
          mentions += piece.part.mentions.size();
        });
    EXPECT_EQ(written, 400u) << "one piece a paragraph";
    EXPECT_EQ(mentions, 400u);
    // Memory holds the pieces in flight, a few per thread, not the document's.
    EXPECT_LE(most_ahead, 2 * threads) << "threads " << threads;
  }
}

TEST(ParallelRecognizerTest, AFailureWhileWritingOrFormattingStopsEveryThread) {
  const Matcher matcher(testing::ParseDictionary("person\tSaif Anjum\n"));
  const std::string big = ParagraphsNamingSaifAnjum(200);
  for (size_t threads : {1u, 2u, 3u}) {
    ParallelRecognizer many(matcher, threads, /*item_bytes=*/40);
    size_t written = 0;
    EXPECT_THROW(many.AnalyzeInPieces(
                     {big}, [](Piece&, PieceOutput*) {},
                     [&](const Piece&, const PieceOutput&) {
                       if (++written == 5) throw Error("disk full", kExitInternal);
                     }),
                 Error);
    EXPECT_EQ(written, 5u);
    std::atomic<size_t> formatted{0};
    EXPECT_THROW(many.AnalyzeInPieces(
                     {big},
                     [&](Piece&, PieceOutput*) {
                       if (++formatted == 7) throw Error("out of memory", kExitInternal);
                     },
                     [](const Piece&, const PieceOutput&) {}),
                 Error);
  }
}

// 600 short files, most naming Saif Anjum and PSM.
std::vector<std::string> ManyFiles(const testing::TempDir& dir) {
  std::vector<std::string> files;
  for (int i = 0; i < 600; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "f%03d.txt", i);
    files.push_back(dir.Write(name, i % 7 ? "Saif Anjum visited PSM in year " + std::to_string(i) + ".\n" : "Nobody.\n"));
  }
  return files;
}

TEST(RecognizeGroupsTest, HandsOverEveryFileWholeAndInOrderWhateverTheThreadCount) {
  const Dictionary dict = testing::ParseDictionary("person\tSaif Anjum\norganization\tPakistan Steel Mills\tPSM\n");
  const Matcher matcher(dict);
  testing::TempDir dir;
  std::vector<std::string> files = ManyFiles(dir);
  files.push_back(dir.Write("paragraphs.txt", "PSM.\n\nSaif Anjum spoke. Then PSM.\n\n\nSaif Anjum.\n"));
  Recognizer alone(matcher);
  std::vector<std::string> want;
  for (const auto& f : files) {
    const Analysis a = alone.Analyze(ReadDocument(f, [](const std::string&) {})->text);
    want.push_back(std::filesystem::path(f).filename().string() + " " + Dump(a) +
                   std::to_string(a.paragraphs.size()) + " paragraphs");
  }
  for (size_t threads : {1u, 2u, 3u}) {
    ParallelRecognizer recognizer(matcher, threads, /*item_bytes=*/200);
    std::vector<std::string> got;
    recognizer.RecognizeGroups(
        files, FileSizes(files), [](const std::string&) {}, [](const Document&, Piece&, PieceOutput*) {},
        [&](const DocumentGroup& group) {
          ASSERT_EQ(group.pieces.size(), group.docs.size());
          for (size_t d = 0; d < group.docs.size(); ++d) {
            const Analysis& a = group.pieces[d].part;
            got.push_back(std::filesystem::path(group.docs[d].path).filename().string() + " " + Dump(a) +
                          std::to_string(a.paragraphs.size()) + " paragraphs");
          }
        });
    EXPECT_EQ(got, want) << threads << " threads";
  }
}

// Short files (one line naming Saif Anjum or no one), with a binary file, an unreadable one and
// three long ones (several paragraphs, over item_bytes 200) among them.
std::vector<std::string> MixedFiles(const testing::TempDir& dir) {
  std::vector<std::string> files = ManyFiles(dir);
  files.insert(files.begin() + 100, dir.Write("binary.txt", std::string("PSM\0PSM", 7)));
  files.insert(files.begin() + 300, dir.path() / "gone.txt");
  for (size_t at : {0u, 401u, 402u}) {
    files.insert(files.begin() + static_cast<ptrdiff_t>(at),
                 dir.Write("long" + std::to_string(at) + ".txt", ParagraphsNamingSaifAnjum(8)));
  }
  return files;
}

// What RecognizeFilesInPieces hands over: every document's mentions as extract prints them, the
// warnings in between, and how many documents each write() carried.
std::string Handed(const Matcher& matcher, const std::vector<std::string>& files, size_t threads) {
  ParallelRecognizer recognizer(matcher, threads, /*item_bytes=*/200);
  std::string log;
  RecognizeFilesInPieces(
      recognizer, files, FileSizes(files), [&](const std::string& w) { log += "warning " + w + "\n"; },
      [&](const Document& doc, Piece& piece, PieceOutput* out) {
        out->out += std::filesystem::path(doc.path).filename().string() + (piece.first ? " first\n" : "\n") +
                    Positions(doc.text, piece.part.mentions, &piece.lines);
      },
      [&](std::span<const Piece> pieces, const PieceOutput& out) {
        log += "write of " + std::to_string(pieces.size()) + "\n" + out.out;
      });
  return log;
}

TEST(RecognizeFilesInPiecesTest, ShortFilesInGroupsAndLongOnesInPiecesGiveWhatOneThreadGives) {
  const Matcher matcher(testing::ParseDictionary("person\tSaif Anjum\norganization\tPakistan Steel Mills\tPSM\n"));
  testing::TempDir dir;
  const std::vector<std::string> files = MixedFiles(dir);
  const std::string one = Handed(matcher, files, 1);
  // What each document holds, from Recognizer::Analyze file by file.
  Recognizer alone(matcher);
  std::string want;
  for (const auto& f : files) {
    const std::string name = std::filesystem::path(f).filename().string();
    if (name == "binary.txt" || name == "gone.txt") continue;
    const std::optional<Document> doc = ReadDocument(f, [](const std::string&) {});
    LineCounter lines(doc->text);
    want += name + " first\n" + Positions(doc->text, alone.Analyze(doc->text).mentions, &lines);
  }
  std::string got;  // `one` without the log's own lines, pieces of a long file joined
  size_t writes = 0;
  std::istringstream in(one);
  for (std::string line; std::getline(in, line);) {
    writes += line.rfind("write of ", 0) == 0;
    if (line.rfind("write of ", 0) == 0 || line.rfind("warning ", 0) == 0) continue;
    if (line.rfind("long", 0) == 0 && line.find(" first") == std::string::npos) continue;
    got += line + "\n";
  }
  EXPECT_EQ(got, want);
  // Short files come in groups of several; a long one's pieces one at a time; the two warnings
  // come before the documents read after them.
  EXPECT_LT(writes, 200u) << "603 documents";
  EXPECT_NE(one.find("write of 6\n"), std::string::npos) << "six of 35 bytes reach item_bytes";
  EXPECT_NE(one.find("write of 1\nlong0.txt first\n"), std::string::npos);
  const size_t binary = one.find("warning " + (dir.path() / "binary.txt").string());  // before f100
  const size_t gone = one.find("warning " + (dir.path() / "gone.txt").string());      // before f299
  EXPECT_LT(one.find("f050.txt"), binary);
  EXPECT_LT(binary, one.find("f100.txt"));
  EXPECT_LT(one.find("f250.txt"), gone);
  EXPECT_LT(gone, one.find("f299.txt"));
  for (size_t threads : {2u, 3u}) EXPECT_EQ(Handed(matcher, files, threads), one) << threads << " threads";
}

TEST(RecognizeFilesInPiecesTest, AFailureWhileAGroupIsWrittenStopsEveryThread) {
  const Matcher matcher(testing::ParseDictionary("person\tSaif Anjum\n"));
  testing::TempDir dir;
  const std::vector<std::string> files = ManyFiles(dir);
  for (size_t threads : {1u, 2u, 3u}) {
    ParallelRecognizer recognizer(matcher, threads, /*item_bytes=*/200);
    size_t writes = 0;
    EXPECT_THROW(RecognizeFilesInPieces(
                     recognizer, files, FileSizes(files), [](const std::string&) {},
                     [](const Document&, Piece&, PieceOutput*) {},
                     [&](std::span<const Piece>, const PieceOutput&) {
                       if (++writes == 3) throw Error("disk full", kExitInternal);
                     }),
                 Error);
    EXPECT_EQ(writes, 3u) << threads << " threads";
  }
}

}  // namespace
}  // namespace entgraph
