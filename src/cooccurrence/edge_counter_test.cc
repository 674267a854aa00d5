#include "cooccurrence/edge_counter.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <tuple>

#include "common/error.h"

namespace entgraph {
namespace {

// A document from (entity, sentence, paragraph) triples in text order; entity -1 is ambiguous.
Analysis Doc(std::initializer_list<std::tuple<int32_t, uint32_t, uint32_t>> mentions) {
  Analysis a;
  for (const auto& [entity, sentence, paragraph] : mentions) {
    Mention m;
    m.entity = entity;
    m.sentence = sentence;
    m.paragraph = paragraph;
    a.mentions.push_back(m);
  }
  return a;
}

const EdgeCount* Find(const std::vector<EdgeCount>& edges, Scope scope, uint32_t a, uint32_t b) {
  for (const EdgeCount& e : edges) {
    if (e.scope == scope && e.a == a && e.b == b) return &e;
  }
  return nullptr;
}

TEST(EdgeCounterTest, CountsUnitsOncePerEntityAndPairAcrossDocuments) {
  EdgeCounter counter;
  // Doc 1: sentence 0 names 7 twice and 9; sentence 1 (same paragraph) names 9; paragraph 1 names 7.
  counter.Add(Doc({{7, 0, 0}, {9, 0, 0}, {7, 0, 0}, {9, 1, 0}, {7, 2, 1}}), 1);
  // Doc 2: 7 and 9 in different paragraphs; an ambiguous mention links nothing.
  counter.Add(Doc({{7, 0, 0}, {-1, 0, 0}, {9, 1, 1}}), 2);

  const std::vector<EntityCounts> entities = counter.Entities();
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(entities[0].entity, 7u);
  EXPECT_EQ(entities[0].mentions, 4u);
  EXPECT_EQ(entities[0].sentences, 3u);
  EXPECT_EQ(entities[0].paragraphs, 3u);
  EXPECT_EQ(entities[0].documents, 2u);
  EXPECT_EQ(entities[1].entity, 9u);
  EXPECT_EQ(entities[1].sentences, 3u);
  EXPECT_EQ(entities[1].paragraphs, 2u);

  const std::vector<EdgeCount> edges = counter.Edges();
  // Document links are not counted from mentions (see AddDocumentEntities).
  ASSERT_EQ(edges.size(), 2u);
  const EdgeCount* sentence = Find(edges, Scope::kSentence, 7, 9);
  const EdgeCount* paragraph = Find(edges, Scope::kParagraph, 7, 9);
  ASSERT_TRUE(sentence && paragraph);
  EXPECT_EQ(sentence->weight, 1u);
  EXPECT_DOUBLE_EQ(sentence->dice, 2.0 * 1 / (3 + 3));
  EXPECT_EQ(paragraph->weight, 1u);
  EXPECT_DOUBLE_EQ(paragraph->dice, 2.0 * 1 / (3 + 2));
  // The first unit that links the pair is kept for each scope (a diagram's tooltip shows it).
  EXPECT_EQ(sentence->first_doc, 1);
  EXPECT_EQ(sentence->first_unit, 0u);
}

TEST(EdgeCounterTest, DocumentEntitiesLinkEveryPairOncePerDocument) {
  EdgeCounter counter;
  counter.AddDocumentEntities({7, 9}, 1);
  counter.AddDocumentEntities({3, 7, 9}, 2);
  counter.AddDocumentEntities({9}, 3);
  const std::vector<EdgeCount> edges = counter.Edges();
  ASSERT_EQ(edges.size(), 3u);
  const EdgeCount* both = Find(edges, Scope::kDocument, 7, 9);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->weight, 2u);
  EXPECT_DOUBLE_EQ(both->dice, 2.0 * 2 / (2 + 3));
  EXPECT_EQ(both->first_doc, 1);
  const EdgeCount* once = Find(edges, Scope::kDocument, 3, 9);
  ASSERT_TRUE(once);
  EXPECT_EQ(once->first_doc, 2);
  const std::vector<EntityCounts> entities = counter.Entities();
  ASSERT_EQ(entities.size(), 3u);
  EXPECT_EQ(entities[2].documents, 3u);
  EXPECT_THROW(counter.AddDocumentEntities({9, 7}, 4), Error);
}

TEST(EdgeCounterTest, FirstUnitIsTheEarliestInDocumentOrder) {
  EdgeCounter counter;
  counter.Add(Doc({{1, 0, 0}, {2, 1, 0}, {1, 4, 2}, {2, 4, 2}}), 5);
  counter.Add(Doc({{1, 0, 0}, {2, 0, 0}}), 6);
  const std::vector<EdgeCount> edges = counter.Edges();
  const EdgeCount* sentence = Find(edges, Scope::kSentence, 1, 2);
  ASSERT_TRUE(sentence);
  EXPECT_EQ(sentence->weight, 2u);
  EXPECT_EQ(sentence->first_doc, 5);
  EXPECT_EQ(sentence->first_unit, 4u);
}

TEST(EdgeCounterTest, EdgesComeOutSortedByScopeThenPair) {
  EdgeCounter counter;
  counter.Add(Doc({{30, 0, 0}, {10, 0, 0}, {20, 0, 0}}));
  const std::vector<EdgeCount> edges = counter.Edges();
  ASSERT_EQ(edges.size(), 6u);
  EXPECT_EQ(edges[0].scope, Scope::kSentence);
  EXPECT_EQ(edges[0].a, 10u);
  EXPECT_EQ(edges[0].b, 20u);
  EXPECT_EQ(edges[2].a, 20u);
  EXPECT_EQ(edges[2].b, 30u);
  EXPECT_EQ(edges[5].scope, Scope::kParagraph);
}

TEST(EdgeCounterTest, AnEntityAloneMakesNoEdge) {
  EdgeCounter counter;
  counter.Add(Doc({{5, 0, 0}, {5, 1, 0}}));
  EXPECT_TRUE(counter.Edges().empty());
  ASSERT_EQ(counter.Entities().size(), 1u);
  EXPECT_EQ(counter.Entities()[0].sentences, 2u);
}

// Documents of many entities a paragraph, as a gazetteer finds them in running text: thousands of
// pairs each, more than a batch holds (EdgeCounter::CountBatch), so that the table grows many
// times over while pairs wait to be counted. Between them, documents of a few pairs, whose few
// entities pair again and again in sentences of two: their first units tell whether the pairs
// waiting were counted in the order they came.
std::vector<Analysis> ManyPairs() {
  std::mt19937 rng(11);
  std::vector<Analysis> docs;
  for (int d = 0; d < 60; ++d) {
    Analysis a;
    const bool few = d % 7 == 1;
    for (int i = 0; i < (few ? 12 : 400); ++i) {
      Mention m;
      if (few) {
        m.entity = static_cast<int32_t>(801 + rng() % 3);
        m.sentence = static_cast<uint32_t>(i / 2);
        m.paragraph = static_cast<uint32_t>(i / 4);
      } else {
        m.entity = rng() % 9 == 0 ? -1 : static_cast<int32_t>(1 + rng() % 700);
        m.sentence = static_cast<uint32_t>(i / 6);
        m.paragraph = static_cast<uint32_t>(i / 30);
      }
      a.mentions.push_back(m);
    }
    docs.push_back(std::move(a));
  }
  return docs;
}

TEST(EdgeCounterTest, CountsWhatEveryUnitLinksInManyDocuments) {
  const std::vector<Analysis> docs = ManyPairs();
  EdgeCounter counter;
  // What each pair should come to: CoOccurrences lists every (scope, unit, pair) of a document
  // once; the first is the lowest unit of the first document that links the pair.
  std::map<std::tuple<Scope, uint32_t, uint32_t>, std::tuple<uint64_t, int64_t, uint32_t>> expected;
  for (size_t d = 0; d < docs.size(); ++d) {
    const auto doc_id = static_cast<int64_t>(100 + d);
    counter.Add(docs[d], doc_id);
    for (const UnitPair& p : CoOccurrences(docs[d])) {
      if (p.scope == Scope::kDocument) continue;
      auto [it, added] = expected.try_emplace({p.scope, p.a, p.b}, 0, doc_id, p.unit);
      ++std::get<0>(it->second);
    }
  }
  const std::vector<EdgeCount> edges = counter.Edges();
  ASSERT_GT(expected.size(), 20000u);
  ASSERT_EQ(edges.size(), expected.size());
  for (const EdgeCount& e : edges) {
    const auto it = expected.find({e.scope, e.a, e.b});
    ASSERT_NE(it, expected.end());
    const auto& [weight, first_doc, first_unit] = it->second;
    EXPECT_EQ(e.weight, weight);
    EXPECT_EQ(e.first_doc, first_doc);
    EXPECT_EQ(e.first_unit, first_unit);
  }
}

// A pair's weight is held in 32 bits until it spills (at four billion units, which no test can
// reach); spilling at every second unit must give the same edges.
TEST(EdgeCounterTest, WeightsCarriedOutOfTheirSlotsComeOutWhole) {
  EdgeCounter plain, spilling(2);
  int64_t doc_id = 100;
  for (const Analysis& a : ManyPairs()) {
    plain.Add(a, doc_id);
    spilling.Add(a, doc_id++);
  }
  const std::vector<EdgeCount> expected = plain.Edges(), edges = spilling.Edges();
  ASSERT_EQ(edges.size(), expected.size());
  size_t heavy = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_EQ(std::tie(edges[i].scope, edges[i].a, edges[i].b, edges[i].weight, edges[i].first_doc,
                       edges[i].first_unit),
              std::tie(expected[i].scope, expected[i].a, expected[i].b, expected[i].weight,
                       expected[i].first_doc, expected[i].first_unit));
    EXPECT_DOUBLE_EQ(edges[i].dice, expected[i].dice);
    heavy += expected[i].weight > 4;
  }
  EXPECT_GT(heavy, 100u);  // pairs that spilled more than once
  EXPECT_THROW(EdgeCounter(1), Error);
}

TEST(EdgeCounterTest, EntitiesFarApartInIdAreListedInIdOrder) {
  constexpr int32_t kLast = INT32_MAX;  // the largest id a mention holds
  EdgeCounter counter;
  counter.Add(Doc({{kLast, 0, 0}, {70000, 0, 0}, {4095, 1, 0}, {4096, 1, 0}, {kLast, 1, 0}}), 1);
  const std::vector<EntityCounts> entities = counter.Entities();
  ASSERT_EQ(entities.size(), 4u);
  EXPECT_EQ(entities[0].entity, 4095u);
  EXPECT_EQ(entities[1].entity, 4096u);
  EXPECT_EQ(entities[2].entity, 70000u);
  EXPECT_EQ(entities[3].entity, static_cast<uint32_t>(kLast));
  EXPECT_EQ(entities[3].sentences, 2u);
  const std::vector<EdgeCount> edges = counter.Edges();
  const EdgeCount* far = Find(edges, Scope::kSentence, 70000, static_cast<uint32_t>(kLast));
  ASSERT_TRUE(far);
  EXPECT_DOUBLE_EQ(far->dice, 2.0 * 1 / (1 + 2));
}

}  // namespace
}  // namespace entgraph
