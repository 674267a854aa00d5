#include "query/neighbors.h"

#include <gtest/gtest.h>

#include "query/rank.h"

namespace entgraph {
namespace {

EntityGraph Star() {
  // B is linked to A (3), C (1) and D (2); D to E (5); F stands alone.
  std::vector<EntityInfo> entities;
  for (char c : std::string("ABCDEF")) entities.push_back(EntityInfo{c, std::string(1, c), "person", {}, 1, 1});
  EntityGraph g(std::move(entities), Scope::kSentence);
  g.AddEdge(1, 0, {3, 0.5});
  g.AddEdge(1, 2, {1, 0.2});
  g.AddEdge(1, 3, {2, 0.4});
  g.AddEdge(3, 4, {5, 0.9});
  return g;
}

std::string Show(const EntityGraph& g, const std::vector<Neighbor>& ns) {
  std::string out;
  for (const Neighbor& n : ns) out += g.entity(n.vertex).name + std::to_string(n.depth) + ":" + std::to_string(n.weight) + " ";
  return out;
}

TEST(NeighborsTest, StrongestFirstWithinEachDepth) {
  const EntityGraph g = Star();
  EXPECT_EQ(Show(g, Neighbors(g, 1, 1, 1)), "A1:3 D1:2 C1:1 ");
  EXPECT_EQ(Show(g, Neighbors(g, 1, 2, 1)), "A1:3 D1:2 C1:1 E2:5 ");
}

TEST(NeighborsTest, MinWeightDropsWeakLinks) {
  const EntityGraph g = Star();
  EXPECT_EQ(Show(g, Neighbors(g, 1, 2, 2)), "A1:3 D1:2 E2:5 ");
  EXPECT_EQ(Show(g, Neighbors(g, 5, 3, 1)), "");
}

TEST(RankTest, DegreeStrengthAndBetweenness) {
  const EntityGraph g = Star();
  auto names = [&](const std::vector<Ranked>& r) {
    std::string out;
    for (const Ranked& x : r) out += g.entity(x.vertex).name;
    return out;
  };
  EXPECT_EQ(names(Top(g, Centrality::kDegree, 2)), "BD");
  EXPECT_EQ(names(Top(g, Centrality::kStrength, 3)), "DBE");  // 7, 6, 5
  EXPECT_EQ(names(Top(g, Centrality::kBetweenness, 1)), "B");
  EXPECT_EQ(names(Top(g, Centrality::kPageRank, 1)), "B");
  EXPECT_EQ(Top(g, Centrality::kDegree, 10).size(), 5u);  // F has no edge
}

TEST(RankTest, ComponentsCountMentionedEntities) {
  const EntityGraph g = Star();
  const Components c = ConnectedComponents(g);
  EXPECT_EQ(c.count, 2u);  // {A,B,C,D,E} and {F}
  EXPECT_EQ(c.largest, 5u);
}

}  // namespace
}  // namespace entgraph
