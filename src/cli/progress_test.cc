#include "cli/progress.h"

#include <gtest/gtest.h>

namespace entgraph::cli {
namespace {

TEST(ProgressLineTest, SaysDocumentsMegabytesSpeedAndTimeLeftFromTheBytes) {
  // 150 MB to go at 25 MB/s: 6 s left, though 9 of the 10 documents are done (the large one is
  // still being read).
  EXPECT_EQ(ProgressLine({9, 10, 50'000'000, 200'000'000}, 25e6),
            "[9/10 documents] 50.0 of 200.0 MB  25.0 MB/s  6 s left");
}

TEST(ProgressLineTest, ALongWaitIsInMinutes) {
  EXPECT_EQ(ProgressLine({1, 4, 1'000'000, 100'000'000}, 0.2e6),
            "[1/4 documents] 1.0 of 100.0 MB  0.2 MB/s  8 min 15 s left");
}

TEST(ProgressLineTest, NoSpeedOrTimeLeftUntilTheSpeedIsKnown) {
  EXPECT_EQ(ProgressLine({0, 3, 1'000'000, 3'000'000}, 0), "[0/3 documents] 1.0 of 3.0 MB");
}

TEST(ProgressLineTest, ACorpusUnderAMegabyteCountsKilobytes) {
  EXPECT_EQ(ProgressLine({2, 5, 10'500, 26'400}, 1e6), "[2/5 documents] 10.5 of 26.4 KB  1.0 MB/s  0 s left");
}

TEST(ProgressLineTest, DoneMeansNoTimeLeft) {
  EXPECT_EQ(ProgressLine({4, 4, 8'000'000, 8'000'000}, 2e6), "[4/4 documents] 8.0 of 8.0 MB  2.0 MB/s  0 s left");
  // Files that grew since they were listed: more bytes than the total, still none left.
  EXPECT_EQ(ProgressLine({4, 4, 9'000'000, 8'000'000}, 2e6), "[4/4 documents] 9.0 of 8.0 MB  2.0 MB/s  0 s left");
}

}  // namespace
}  // namespace entgraph::cli
