#include "query/path.h"

#include <gtest/gtest.h>

namespace entgraph {
namespace {

// A graph of entities named by single letters, all persons except where `types` says otherwise.
EntityGraph Letters(const std::string& names, const std::string& types = "") {
  std::vector<EntityInfo> entities;
  for (size_t i = 0; i < names.size(); ++i) {
    EntityInfo e;
    e.id = static_cast<int64_t>(i + 1);
    e.name = std::string(1, names[i]);
    e.type = i < types.size() && types[i] == 'o' ? "organization" : "person";
    e.mentions = 1;
    entities.push_back(e);
  }
  return EntityGraph(std::move(entities), Scope::kSentence);
}

Vertex V(char c) { return static_cast<Vertex>(c - 'A'); }

void Link(EntityGraph& g, char a, char b, int64_t weight = 1, double dice = 0.5) {
  g.AddEdge(V(a), V(b), EdgeData{weight, dice});
}

std::string Show(const EntityGraph& g, const std::vector<Path>& paths) {
  std::string out;
  for (const Path& p : paths) {
    if (!out.empty()) out += ' ';
    for (Vertex v : p.nodes) out += g.entity(v).name;
  }
  return out;
}

TEST(PathTest, FewestHopsWinsOverStrongerLongerPaths) {
  EntityGraph g = Letters("ABCDE");
  Link(g, 'A', 'B', 1);
  Link(g, 'B', 'E', 1);
  Link(g, 'A', 'C', 50);
  Link(g, 'C', 'D', 50);
  Link(g, 'D', 'E', 50);
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('E'), {})), "ABE");
}

TEST(PathTest, TiesInHopsGoToStrongerLinks) {
  EntityGraph g = Letters("ABCD");
  Link(g, 'A', 'B', 1);
  Link(g, 'B', 'D', 1);
  Link(g, 'A', 'C', 5);
  Link(g, 'C', 'D', 5);
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('D'), {})), "ACD");
}

TEST(PathTest, WeightedPrefersStrongAssociationsOverFewHops) {
  EntityGraph g = Letters("ABCDE");
  Link(g, 'A', 'B', 1, 0.1);
  Link(g, 'B', 'E', 1, 0.1);  // 2 hops, cost 20
  Link(g, 'A', 'C', 9, 1.0);
  Link(g, 'C', 'D', 9, 1.0);
  Link(g, 'D', 'E', 9, 1.0);  // 3 hops, cost 3
  PathOptions weighted;
  weighted.weighted = true;
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('E'), weighted)), "ACDE");
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('E'), {})), "ABE");
}

TEST(PathTest, YenGivesTheKBestLooplessPathsInOrder) {
  // A-B-D, A-C-D (stronger), A-B-C-D, and a loop B-C that must never be walked twice.
  EntityGraph g = Letters("ABCD");
  Link(g, 'A', 'B', 1);
  Link(g, 'B', 'D', 1);
  Link(g, 'A', 'C', 3);
  Link(g, 'C', 'D', 3);
  Link(g, 'B', 'C', 1);
  PathOptions k;
  k.k = 10;
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('D'), k)), "ACD ABD ABCD ACBD");
}

TEST(PathTest, AvoidRoutesAroundAnEntity) {
  EntityGraph g = Letters("ABCD");
  Link(g, 'A', 'B', 9);
  Link(g, 'B', 'D', 9);
  Link(g, 'A', 'C', 1);
  Link(g, 'C', 'D', 1);
  PathOptions avoid;
  avoid.avoid = {V('B')};
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('D'), avoid)), "ACD");
  avoid.avoid = {V('B'), V('C')};
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('D'), avoid)), "");
}

TEST(PathTest, ViaTypeRestrictsOnlyIntermediateEntities) {
  EntityGraph g = Letters("ABCD", "oopo");  // A, B and D are organizations, C a person
  Link(g, 'A', 'B', 9);
  Link(g, 'B', 'D', 9);
  Link(g, 'A', 'C', 1);
  Link(g, 'C', 'D', 1);
  PathOptions via;
  via.via_type = "person";
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('D'), via)), "ACD");
}

TEST(PathTest, MaxHopsDropsLongerPaths) {
  EntityGraph g = Letters("ABC");
  Link(g, 'A', 'B');
  Link(g, 'B', 'C');
  PathOptions max;
  max.max_hops = 1;
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('C'), max)), "");
  max.max_hops = 2;
  EXPECT_EQ(Show(g, FindPaths(g, V('A'), V('C'), max)), "ABC");
}

TEST(PathTest, DisconnectedEntitiesHaveNoPath) {
  EntityGraph g = Letters("ABCD");
  Link(g, 'A', 'B');
  Link(g, 'C', 'D');
  EXPECT_TRUE(FindPaths(g, V('A'), V('D'), {}).empty());
}

}  // namespace
}  // namespace entgraph
