#include "cooccurrence/counting_thread.h"

#include <gtest/gtest.h>

#include <random>

#include "common/error.h"

namespace entgraph {
namespace {

// Documents of `n` mentions each, entities as dictionary indices 0..49, some ambiguous.
std::vector<Analysis> Documents(size_t count, size_t n) {
  std::mt19937 rng(5);
  std::vector<Analysis> docs(count);
  for (Analysis& a : docs) {
    for (size_t i = 0; i < n; ++i) {
      Mention m;
      m.entity = rng() % 10 == 0 ? -1 : static_cast<int32_t>(rng() % 50);
      m.sentence = static_cast<uint32_t>(i / 4);
      m.paragraph = static_cast<uint32_t>(i / 12);
      a.mentions.push_back(m);
    }
  }
  return docs;
}

// Dictionary index i is entity id 1000 + 3i.
std::vector<int64_t> Ids() {
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < 50; ++i) ids.push_back(1000 + 3 * i);
  return ids;
}

void ExpectSameCounts(const EdgeCounter& got, const EdgeCounter& want) {
  const std::vector<EdgeCount> edges = got.Edges(), expected = want.Edges();
  ASSERT_EQ(edges.size(), expected.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_EQ(edges[i].scope, expected[i].scope);
    EXPECT_EQ(edges[i].a, expected[i].a);
    EXPECT_EQ(edges[i].b, expected[i].b);
    EXPECT_EQ(edges[i].weight, expected[i].weight);
    EXPECT_EQ(edges[i].first_doc, expected[i].first_doc);
    EXPECT_EQ(edges[i].first_unit, expected[i].first_unit);
    EXPECT_DOUBLE_EQ(edges[i].dice, expected[i].dice);
  }
  const std::vector<EntityCounts> entities = got.Entities(), expected_entities = want.Entities();
  ASSERT_EQ(entities.size(), expected_entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    EXPECT_EQ(entities[i].entity, expected_entities[i].entity);
    EXPECT_EQ(entities[i].mentions, expected_entities[i].mentions);
    EXPECT_EQ(entities[i].sentences, expected_entities[i].sentences);
    EXPECT_EQ(entities[i].paragraphs, expected_entities[i].paragraphs);
    EXPECT_EQ(entities[i].documents, expected_entities[i].documents);
  }
}

TEST(CountingThreadTest, CountsAsTheCallerWouldInTheOrderGiven) {
  const std::vector<Analysis> docs = Documents(300, 40);
  const std::vector<int64_t> ids = Ids();
  EdgeCounter direct;
  for (size_t d = 0; d < docs.size(); ++d) direct.Add(docs[d], static_cast<int64_t>(d + 1), &ids);

  EdgeCounter background;
  CountingThread counting(&background);
  for (size_t d = 0; d < docs.size();) {  // batches of 1 to 7 documents, as groups come
    std::vector<CountedDocument> batch;
    for (size_t k = 0; k < 1 + d % 7 && d < docs.size(); ++k, ++d) {
      batch.push_back(ForCounting(docs[d], static_cast<int64_t>(d + 1), ids));
    }
    counting.Add(std::move(batch));
  }
  counting.Finish();
  ExpectSameCounts(background, direct);
  EXPECT_EQ(background.Entities().front().entity, 1000u);
}

TEST(CountingThreadTest, TheCallerCountsInTurnOnceTheThreadHasCaughtUp) {
  // As a build counts a document of very many mentions itself, between others queued.
  const std::vector<Analysis> docs = Documents(60, 40);
  const std::vector<int64_t> ids = Ids();
  EdgeCounter direct, mixed;
  CountingThread counting(&mixed);
  for (size_t d = 0; d < docs.size(); ++d) {
    const auto doc_id = static_cast<int64_t>(d + 1);
    direct.Add(docs[d], doc_id, &ids);
    if (d % 10 == 9) {
      counting.Wait();
      mixed.Add(docs[d], doc_id, &ids);
    } else {
      std::vector<CountedDocument> batch;
      batch.push_back(ForCounting(docs[d], doc_id, ids));
      counting.Add(std::move(batch));
    }
  }
  counting.Finish();
  ExpectSameCounts(mixed, direct);
}

TEST(CountingThreadTest, MoreThanMayWaitIsCountedAndABatchLargerThanThatPasses) {
  // Ten times the mentions that may wait, in batches of a fifth of it, then one batch larger than
  // all of it: Add waits for room, and lets in a batch of any size when nothing waits.
  const size_t per_doc = CountingThread::kMostWaiting / 50;
  const std::vector<Analysis> docs = Documents(50, per_doc);
  const std::vector<int64_t> ids = Ids();
  EdgeCounter direct, background;
  {
    CountingThread counting(&background);
    int64_t doc_id = 0;
    for (int round = 0; round < 10; ++round) {
      for (size_t d = 0; d < docs.size(); d += 10) {
        std::vector<CountedDocument> batch;
        for (size_t k = d; k < d + 10; ++k) {
          direct.Add(docs[k], ++doc_id, &ids);
          batch.push_back(ForCounting(docs[k], doc_id, ids));
        }
        counting.Add(std::move(batch));
      }
    }
    const Analysis huge = Documents(1, CountingThread::kMostWaiting + 1000)[0];
    ASSERT_GT(huge.mentions.size(), CountingThread::kMostWaiting);
    direct.Add(huge, ++doc_id, &ids);
    std::vector<CountedDocument> batch;
    batch.push_back(ForCounting(huge, doc_id, ids));
    counting.Add(std::move(batch));
    counting.Finish();
  }
  ExpectSameCounts(background, direct);
}

TEST(CountingThreadTest, StopsWithoutFinishing) {
  // A build that fails while documents wait to be counted must not hang or crash on its way out.
  const std::vector<Analysis> docs = Documents(200, 400);
  const std::vector<int64_t> ids = Ids();
  EdgeCounter counter;
  CountingThread counting(&counter);
  for (size_t d = 0; d < docs.size(); ++d) {
    std::vector<CountedDocument> batch;
    batch.push_back(ForCounting(docs[d], static_cast<int64_t>(d + 1), ids));
    counting.Add(std::move(batch));
  }
}

TEST(CountingThreadTest, AnIdTooLargeToCountIsAnError) {
  const std::vector<Analysis> docs = Documents(1, 5);
  std::vector<int64_t> ids = Ids();
  for (int64_t& id : ids) id += int64_t{1} << 31;
  EXPECT_THROW(ForCounting(docs[0], 1, ids), Error);
}

}  // namespace
}  // namespace entgraph
