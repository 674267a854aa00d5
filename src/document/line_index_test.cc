#include "document/line_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace entgraph {
namespace {

// Line and column of `offset` counted a byte at a time.
LineCounter::Position Naive(std::string_view text, size_t offset) {
  LineCounter::Position p{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  if (offset > text.size()) p.column += offset - text.size();
  return p;
}

TEST(LineCounterTest, CountsLinesAndColumnsLikeAByteAtATimeScan) {
  // Random texts dense and sparse in newlines, asked at rising offsets with gaps of every size,
  // up to and past the text's end; some texts have lines longer than the counter looks ahead.
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const size_t size = round % 10 == 0 ? rng() % 3000 : rng() % 120;
    const unsigned newline_every = 1 + rng() % (round % 10 == 0 ? 1500 : 40);
    std::string text(size, 'x');
    for (char& c : text) c = rng() % newline_every == 0 ? '\n' : static_cast<char>('a' + rng() % 26);
    LineCounter lines(text);
    for (size_t offset = rng() % 3; offset <= size + 1; offset += rng() % 37) {
      const LineCounter::Position got = lines.At(offset), want = Naive(text, offset);
      ASSERT_EQ(got.line, want.line) << "offset " << offset << " of '" << text << "'";
      ASSERT_EQ(got.column, want.column) << "offset " << offset << " of '" << text << "'";
    }
  }
}

TEST(LineCounterTest, StartsMidTextOnTheLineItIsGiven) {
  const std::string text = "one\ntwo\nthree four\nfive";
  LineCounter lines(text, /*pos=*/10, /*line=*/3, /*line_start=*/8);  // inside "three"
  EXPECT_EQ(lines.At(14).line, 3u);
  EXPECT_EQ(lines.At(14).column, 7u);  // "four"
  EXPECT_EQ(lines.At(19).line, 4u);
  EXPECT_EQ(lines.At(19).column, 1u);  // "five"
}

}  // namespace
}  // namespace entgraph
