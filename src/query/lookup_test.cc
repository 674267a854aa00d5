#include "query/lookup.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <set>

#include "query/path.h"
#include "testing/run.h"

namespace entgraph {
namespace {

// A database holding entities 1..n named "E1".."En" and the given sentence-scope edges; entity 1
// also has the alias "Shared", as has entity 2, and entity 3 the alias "Third". As a build writes
// it, the aliases table lists aliases only, not names.
class Db {
 public:
  explicit Db(size_t n) : store_(Store::OpenForWriting((dir_.path() / "g.db").string())) {
    store_.Reset();
    auto entity = store_.db().Prepare(
        "INSERT INTO entities(id, key, name, type, aliases, attributes, source) VALUES(?, ?, ?, 'person', '[]', '[]', '')");
    auto alias = store_.db().Prepare("INSERT INTO aliases(key, entity_id) VALUES(?, ?)");
    for (size_t i = 1; i <= n; ++i) {
      const std::string name = "E" + std::to_string(i);
      entity.Bind(1, static_cast<int64_t>(i)).Bind(2, "e" + std::to_string(i)).Bind(3, name).Run();
    }
    for (auto [key, id] : {std::pair<const char*, int64_t>{"shared", 1}, {"shared", 2}, {"third", 3}}) {
      alias.Bind(1, key).Bind(2, id).Run();
    }
  }
  void Link(int64_t a, int64_t b, int64_t weight) {
    if (a > b) std::swap(a, b);
    store_.db().Prepare("INSERT INTO edges(scope, a, b, weight, dice) VALUES(0, ?, ?, ?, 0.5)")
        .Bind(1, a).Bind(2, b).Bind(3, weight).Run();
  }
  Store& store() { return store_; }

 private:
  testing::TempDir dir_;
  Store store_;
};

constexpr size_t kAny = std::numeric_limits<size_t>::max();

TEST(LookupTest, NamesResolveByCanonicalNameThenByAUniqueAlias) {
  Db db(3);
  EXPECT_EQ(LookupName(db.store(), "e2"), 2);
  EXPECT_EQ(LookupName(db.store(), "THIRD"), 3);
  EXPECT_EQ(LookupName(db.store(), "Shared"), std::nullopt);  // two entities: the caller explains
  EXPECT_EQ(LookupName(db.store(), "Nobody"), std::nullopt);
}

TEST(LookupTest, LinksAreFoundFromEitherEnd) {
  Db db(3);
  db.Link(1, 2, 4);
  db.Link(2, 3, 1);
  const std::vector<Link> links = LinksOf(db.store(), Scope::kSentence, 2);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].other + links[1].other, 4);
  EXPECT_TRUE(LinksOf(db.store(), Scope::kParagraph, 2).empty());
}

TEST(LookupTest, FewestHopsPrefersStrongerLinksAmongEquallyShortPaths) {
  Db db(6);
  // 1-2-6 and 1-3-6 are both two hops; 1-3-6 has the stronger links. 1-4-5-6 is longer.
  db.Link(1, 2, 1);
  db.Link(2, 6, 1);
  db.Link(1, 3, 9);
  db.Link(3, 6, 9);
  db.Link(1, 4, 50);
  db.Link(4, 5, 50);
  db.Link(5, 6, 50);
  EXPECT_EQ(FewestHops(db.store(), Scope::kSentence, 1, 6, kAny), (std::vector<int64_t>{1, 3, 6}));
  EXPECT_EQ(FewestHops(db.store(), Scope::kSentence, 6, 1, kAny), (std::vector<int64_t>{6, 3, 1}));
  EXPECT_EQ(FewestHops(db.store(), Scope::kSentence, 1, 5, 1), std::vector<int64_t>{});
  EXPECT_EQ(FewestHops(db.store(), Scope::kSentence, 1, 5, 2), (std::vector<int64_t>{1, 4, 5}));
}

TEST(LookupTest, NoPathBetweenComponents) {
  Db db(4);
  db.Link(1, 2, 1);
  db.Link(3, 4, 1);
  EXPECT_TRUE(FewestHops(db.store(), Scope::kSentence, 1, 4, kAny).empty());
}

// On random graphs the bidirectional search finds paths as short and as strong as Dijkstra over
// the whole graph (query/path.h).
TEST(LookupTest, FewestHopsAgreesWithDijkstraOnRandomGraphs) {
  std::mt19937 rng(42);
  for (int round = 0; round < 30; ++round) {
    const size_t n = 40;
    Db db(n);
    std::set<std::pair<int64_t, int64_t>> seen;
    for (int e = 0; e < 70; ++e) {
      int64_t a = 1 + rng() % n, b = 1 + rng() % n;
      if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second) continue;
      db.Link(a, b, 1 + rng() % 5);
    }
    const EntityGraph graph = EntityGraph::Load(db.store(), Scope::kSentence);
    for (int q = 0; q < 20; ++q) {
      const int64_t from = 1 + rng() % n, to = 1 + rng() % n;
      if (from == to) continue;
      const std::vector<int64_t> ours = FewestHops(db.store(), Scope::kSentence, from, to, kAny);
      const std::vector<Path> theirs =
          FindPaths(graph, static_cast<Vertex>(from - 1), static_cast<Vertex>(to - 1), PathOptions{});
      ASSERT_EQ(ours.empty(), theirs.empty()) << from << " " << to;
      if (ours.empty()) continue;
      ASSERT_EQ(ours.size(), theirs[0].nodes.size());
      auto strength = [&](auto node_id, size_t count) {
        double sum = 0;
        for (size_t i = 0; i + 1 < count; ++i) {
          sum += 1.0 / static_cast<double>(graph.Edge(static_cast<Vertex>(node_id(i)), static_cast<Vertex>(node_id(i + 1)))->weight);
        }
        return sum;
      };
      EXPECT_NEAR(strength([&](size_t i) { return ours[i] - 1; }, ours.size()),
                  strength([&](size_t i) { return theirs[0].nodes[i]; }, ours.size()), 1e-9);
    }
  }
}

}  // namespace
}  // namespace entgraph
