#include "store/packed_analysis.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace entgraph {
namespace {

Mention At(size_t start, size_t end, int32_t entity, uint32_t sentence, uint32_t paragraph) {
  Mention m;
  m.start = start;
  m.end = end;
  m.entity = entity;
  m.sentence = sentence;
  m.paragraph = paragraph;
  return m;
}

// Three paragraphs, five sentences; mentions in sentences 0, 3 and 4 (with an ambiguous one in 1),
// at offsets past 4 GiB and with entity ids past 2^32, which a long document and a big gazetteer
// reach.
Analysis Example() {
  Analysis a;
  const size_t far = size_t{5} << 30;
  a.sentences = {{{0, 40}, 0}, {{41, 80}, 0}, {{82, 120}, 1}, {{121, 150}, 1}, {{far, far + 60}, 2}};
  a.mentions = {At(3, 10, 0, 0, 0), At(20, 31, 1, 0, 0), At(45, 50, -1, 1, 0), At(125, 130, 2, 3, 1),
                At(far + 4, far + 9, 1, 4, 2)};
  a.mentions[2].candidates = {0, 1};
  return a;
}

const std::vector<int64_t> kIds = {7, int64_t{1} << 40, 3};

TEST(PackedAnalysisTest, KeepsEveryUnambiguousMentionAndTheSentencesThatHoldThem) {
  size_t count = 0;
  const std::string blob = PackAnalysis(Example(), kIds, &count);
  EXPECT_EQ(count, 4u);
  const StoredAnalysis s = UnpackAnalysis(blob, 1);
  ASSERT_EQ(s.mentions.size(), 4u);
  const size_t far = size_t{5} << 30;
  const StoredMention expected[] = {{3, 10, 7, 0, 0}, {20, 31, int64_t{1} << 40, 0, 0}, {125, 130, 3, 3, 1},
                                    {far + 4, far + 9, int64_t{1} << 40, 4, 2}};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.mentions[i].start, expected[i].start) << i;
    EXPECT_EQ(s.mentions[i].end, expected[i].end) << i;
    EXPECT_EQ(s.mentions[i].entity, expected[i].entity) << i;
    EXPECT_EQ(s.mentions[i].sentence, expected[i].sentence) << i;
    EXPECT_EQ(s.mentions[i].paragraph, expected[i].paragraph) << i;
  }
  // Sentence 1 holds only the ambiguous mention and sentence 2 none: neither is kept.
  ASSERT_EQ(s.sentences.size(), 3u);
  EXPECT_EQ(s.SentenceSpan(0), (Span{0, 40}));
  EXPECT_EQ(s.SentenceSpan(3), (Span{121, 150}));
  EXPECT_EQ(s.SentenceSpan(4), (Span{far, far + 60}));
  EXPECT_FALSE(s.SentenceSpan(1));
  EXPECT_FALSE(s.SentenceSpan(2));
  EXPECT_FALSE(s.SentenceSpan(5));
}

TEST(PackedAnalysisTest, ADocumentWithoutMentionsPacksToNothingToRead) {
  size_t count = 9;
  const StoredAnalysis s = UnpackAnalysis(PackAnalysis(Analysis{}, {}, &count), 1);
  EXPECT_EQ(count, 0u);
  EXPECT_TRUE(s.mentions.empty());
  EXPECT_TRUE(s.sentences.empty());
}

TEST(PackedAnalysisTest, MentionsReadOneAtATimeAreTheUnpackedOnes) {
  size_t count = 0;
  const std::string blob = PackAnalysis(Example(), kIds, &count);
  const StoredAnalysis whole = UnpackAnalysis(blob, 1);
  size_t i = 0;
  ForEachPackedMention(blob, 1, [&](const StoredMention& m) {
    ASSERT_LT(i, whole.mentions.size());
    EXPECT_EQ(m.start, whole.mentions[i].start) << i;
    EXPECT_EQ(m.end, whole.mentions[i].end) << i;
    EXPECT_EQ(m.entity, whole.mentions[i].entity) << i;
    EXPECT_EQ(m.sentence, whole.mentions[i].sentence) << i;
    EXPECT_EQ(m.paragraph, whole.mentions[i].paragraph) << i;
    ++i;
  });
  EXPECT_EQ(i, 4u);
}

// Damage is reported the same whether the mentions are unpacked or read one at a time.
void ExpectDamaged(std::string_view blob, const std::string& what) {
  for (bool one_at_a_time : {false, true}) {
    try {
      if (one_at_a_time) {
        ForEachPackedMention(blob, 42, [](const StoredMention&) {});
      } else {
        UnpackAnalysis(blob, 42);
      }
      ADD_FAILURE() << what << ": read as if whole" << (one_at_a_time ? ", one at a time" : "");
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()),
                "the stored mentions of document 42 are damaged: rebuild the database with 'entgraph build'")
          << what;
      EXPECT_EQ(e.exit_code(), kExitInternal) << what;
    }
  }
}

TEST(PackedAnalysisTest, DamageIsReportedNotRead) {
  size_t count = 0;
  const std::string blob = PackAnalysis(Example(), kIds, &count);
  for (size_t n = 0; n < blob.size(); ++n) ExpectDamaged(blob.substr(0, n), "cut at " + std::to_string(n));
  ExpectDamaged(blob + '\0', "a byte too many");
  // A count of mentions far beyond what the bytes can hold must fail before it allocates.
  ExpectDamaged(std::string("\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 9), "huge count");
  // Eleven continuation bytes: no varint of 64 bits is that long.
  ExpectDamaged(std::string(11, '\x80'), "endless varint");
}

TEST(PackedAnalysisTest, IdListsComeBackAppendedInOrder) {
  const std::vector<int64_t> ids = {1, 2, 130, 131, int64_t{1} << 40};
  std::vector<int64_t> out = {99};
  UnpackIds(PackIds(ids), "the stored documents of entity 5", &out);
  EXPECT_EQ(out, (std::vector<int64_t>{99, 1, 2, 130, 131, int64_t{1} << 40}));
  out.clear();
  UnpackIds(PackIds({}), "the stored documents of entity 5", &out);
  EXPECT_TRUE(out.empty());
}

TEST(PackedAnalysisTest, DamagedIdListsAreReportedNotRead) {
  const std::string blob = PackIds({3, 9, 400});
  for (size_t n = 0; n < blob.size(); ++n) {
    std::vector<int64_t> out;
    EXPECT_THROW(UnpackIds(blob.substr(0, n), "the stored documents of entity 5", &out), Error) << "cut at " << n;
  }
  std::vector<int64_t> out;
  // An id equal to the one before it: lists rise.
  try {
    UnpackIds(std::string("\x02\x03\x00", 3), "the stored documents of entity 5", &out);
    ADD_FAILURE() << "a repeated id was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the stored documents of entity 5 are damaged: rebuild the database with 'entgraph build'");
  }
  EXPECT_THROW(UnpackIds(blob + '\x01', "the stored documents of entity 5", &out), Error);
}

}  // namespace
}  // namespace entgraph
