#include "document/corpus.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "testing/run.h"

namespace entgraph {
namespace {

using testing::TempDir;

struct Warnings {
  std::vector<std::string> seen;
  WarningSink sink() {
    return [this](const std::string& m) { seen.push_back(m); };
  }
};

TEST(CorpusTest, FoldersAreSearchedRecursivelyForTheGlobsInSortedOrder) {
  TempDir dir;
  dir.Write("b.txt", "b");
  dir.Write("a/z.md", "z");
  dir.Write("a/skip.csv", "x");
  dir.Write("a-b.txt", "ab");  // '-' sorts before '/': a folder's files come before it all the same
  Warnings w;
  const auto files = ListCorpus({dir.path().string()}, CorpusOptions{}, w.sink());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], dir.path() / "a/z.md");
  EXPECT_EQ(files[1], dir.path() / "a-b.txt");
  EXPECT_EQ(files[2], dir.path() / "b.txt");
  CorpusOptions csv;
  csv.globs = {"*.csv"};
  EXPECT_EQ(ListCorpus({dir.path().string()}, csv, w.sink()).size(), 1u);
}

TEST(CorpusTest, FilesNamedDirectlyAreReadWhateverTheirNameAndOnlyOnce) {
  TempDir dir;
  const auto f = dir.Write("notes.csv", "x");
  Warnings w;
  EXPECT_EQ(ListCorpus({f.string(), f.string()}, CorpusOptions{}, w.sink()).size(), 1u);
}

TEST(CorpusTest, AFileReachedByTwoPathsIsListedOnceUnderTheFirst) {
  TempDir dir;
  const auto a = dir.Write("a.txt", "x");
  dir.Write("b.txt", "yy");
  std::filesystem::create_symlink(a, dir.path() / "link.txt");
  Warnings w;
  const std::string spelled_otherwise = (dir.path() / "." / "a.txt").string();
  std::vector<uintmax_t> sizes;
  const auto files = ListCorpus({dir.path().string(), spelled_otherwise}, CorpusOptions{}, w.sink(), &sizes);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], a);
  EXPECT_EQ(files[1], dir.path() / "b.txt");
  EXPECT_EQ(sizes, (std::vector<uintmax_t>{1, 2}));
}

TEST(CorpusTest, LinksInFoldersAreFollowedToFilesButNotToFoldersOrNowhere) {
  TempDir dir;
  const auto target = dir.Write("elsewhere/doc.md", "x");
  dir.Write("corpus/own.txt", "y");
  std::filesystem::create_symlink(target, dir.path() / "corpus/linked.md");
  std::filesystem::create_symlink(dir.path() / "missing.txt", dir.path() / "corpus/dangling.txt");
  std::filesystem::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "corpus/folder");
  Warnings w;
  std::vector<uintmax_t> sizes;
  const auto files = ListCorpus({(dir.path() / "corpus").string()}, CorpusOptions{}, w.sink(), &sizes);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], dir.path() / "corpus/linked.md");
  EXPECT_EQ(files[1], dir.path() / "corpus/own.txt");
  EXPECT_EQ(sizes, (std::vector<uintmax_t>{1, 1}));
  EXPECT_TRUE(w.seen.empty());
}

TEST(CorpusTest, SymlinkLoopsDoNotTrapTheWalk) {
  TempDir dir;
  dir.Write("a/doc.txt", "x");
  std::filesystem::create_directory_symlink(dir.path() / "a", dir.path() / "a/loop");
  Warnings w;
  EXPECT_EQ(ListCorpus({dir.path().string()}, CorpusOptions{}, w.sink()).size(), 1u);
}

TEST(CorpusTest, MissingPathIsAnInputError) {
  Warnings w;
  try {
    ListCorpus({"no/such/folder"}, CorpusOptions{}, w.sink());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "corpus path 'no/such/folder' does not exist: give files or folders of .txt/.md documents");
  }
}

TEST(CorpusTest, BinaryFilesAreSkippedWithAWarning) {
  TempDir dir;
  const auto f = dir.Write("x.txt", std::string("PK\x03\x04\0\0zip", 9));
  Warnings w;
  EXPECT_FALSE(ReadDocument(f, w.sink()).has_value());
  ASSERT_EQ(w.seen.size(), 1u);
  EXPECT_EQ(w.seen[0], f.string() + ": looks like a binary file (it has NUL bytes); skipped");
}

TEST(CorpusTest, InvalidUtf8IsKeptAndReportedWithItsOffset) {
  TempDir dir;
  const auto f = dir.Write("x.txt", "ok \xFF then \xC3 end");
  Warnings w;
  auto doc = ReadDocument(f, w.sink());
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, "ok \xFF then \xC3 end");
  ASSERT_EQ(w.seen.size(), 1u);
  EXPECT_EQ(w.seen[0], f.string() +
                           ": not valid UTF-8 at byte 3 (and 1 more places); those bytes are read as "
                           "U+FFFD and offsets still point into the file");
}

TEST(CorpusTest, InvalidBytesAreFoundWhereverTheyFallInTheText) {
  // ASCII is checked eight bytes at a time: a bad byte at any offset, and one in the last few
  // bytes, must still be reported where it is.
  TempDir dir;
  for (size_t at : {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u, 70u, 71u}) {
    std::string text(72, 'a');
    text[at] = '\xFF';
    const auto f = dir.Write("x.txt", text);
    Warnings w;
    ASSERT_TRUE(ReadDocument(f, w.sink()).has_value());
    ASSERT_EQ(w.seen.size(), 1u) << at;
    EXPECT_NE(w.seen[0].find("not valid UTF-8 at byte " + std::to_string(at) + ";"), std::string::npos) << w.seen[0];
  }
}

TEST(CorpusTest, InvalidBytesOfALargeFileAreFoundInEitherHalf) {
  // A file of 8 MB or more is checked in two halves at once, cut at the first byte of a character:
  // the first bad byte is reported wherever it is, and a character across the middle is no fault.
  TempDir dir;
  std::string text(9u << 20, 'a');
  const size_t middle = text.size() / 2;
  text.replace(middle - 1, 3, "\xE2\x80\x94");  // an em dash across the middle
  const auto f = dir.Write("big.txt", text);
  Warnings w;
  ASSERT_TRUE(ReadDocument(f, w.sink()).has_value());
  EXPECT_TRUE(w.seen.empty()) << w.seen[0];
  for (const size_t bad : {size_t{5}, middle - 2, middle + 3, text.size() - 1}) {
    std::string broken = text;
    broken[bad] = '\xFF';
    broken[text.size() - 2] = '\xC3';  // and always one more, later
    const auto g = dir.Write("big.txt", broken);
    Warnings v;
    ASSERT_TRUE(ReadDocument(g, v.sink()).has_value());
    ASSERT_EQ(v.seen.size(), 1u);
    EXPECT_NE(v.seen[0].find("not valid UTF-8 at byte " + std::to_string(std::min(bad, text.size() - 2)) + " "),
              std::string::npos)
        << v.seen[0];
  }
}

TEST(CorpusTest, LargeFilesAreReadWholeAndOutliveTheirFirstOwner) {
  TempDir dir;
  std::string text;
  // 300 KB is read into memory; 9 MB, past the size from which files are mapped, is mapped.
  for (const size_t size : {size_t{300000}, size_t{9} << 20}) {
    for (int i = 0; text.size() < size; ++i) text += "Line " + std::to_string(i) + " of a long file.\n";
    const auto f = dir.Write("big.txt", text);
    Warnings w;
    Document kept;
    {
      auto doc = ReadDocument(f, w.sink());
      ASSERT_TRUE(doc.has_value());
      kept = *doc;
    }
    EXPECT_EQ(kept.text.size(), text.size());
    EXPECT_TRUE(kept.text == text);
  }
}

TEST(CorpusDeathTest, AMappedFileTruncatedWhileReadEndsWithAnInputError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  TempDir dir;
  const auto f = dir.Write("big.txt", std::string(size_t{9} << 20, 'x'));  // mapped, not read
  Warnings w;
  auto doc = ReadDocument(f, w.sink());
  ASSERT_TRUE(doc.has_value());
  EXPECT_EXIT(
      {
        std::filesystem::resize_file(f, 100);
        volatile char last = doc->text.back();  // a page past the file's new end
        (void)last;
      },
      ::testing::ExitedWithCode(kExitBadInput), "a corpus file shrank while it was being read");
}

TEST(CorpusTest, UnreadableFilesAreSkippedWithAWarning) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "folder.txt");  // cannot be read as a file, even by root
  Warnings w;
  EXPECT_FALSE(ReadDocument(dir.path() / "folder.txt", w.sink()).has_value());
  ASSERT_EQ(w.seen.size(), 1u);
  EXPECT_EQ(w.seen[0], (dir.path() / "folder.txt").string() + ": cannot read the file (it is a folder); skipped");
}

TEST(CorpusTest, FilesLongerThanTheirStatedSizeAreReadWhole) {
  // /proc's files say they are empty and are not: what is read goes past the size fstat gave.
  Warnings w;
  auto doc = ReadDocument("/proc/self/status", w.sink());
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text.substr(0, 5), "Name:");
  EXPECT_NE(doc->text.find("\nPid:"), std::string_view::npos);
  EXPECT_EQ(doc->text.back(), '\n');
}

TEST(CorpusTest, EmptyFilesAreDocumentsWithoutText) {
  TempDir dir;
  const auto f = dir.Write("empty.txt", "");
  Warnings w;
  auto doc = ReadDocument(f, w.sink());
  ASSERT_TRUE(doc.has_value());
  EXPECT_TRUE(doc->text.empty());
  EXPECT_TRUE(w.seen.empty());
}

}  // namespace
}  // namespace entgraph
