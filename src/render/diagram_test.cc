#include "render/diagram.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "testing/graphs.h"

namespace entgraph {
namespace {

std::string Nodes(const EntityGraph& g, const Diagram& d) {
  std::string out;
  for (const DiagramNode& n : d.nodes) out += g.entity(n.vertex).name.substr(0, 1) + (n.highlighted ? "*" : "");
  return out;
}

std::string Edges(const EntityGraph& g, const Diagram& d) {
  std::string out;
  for (const DiagramEdge& e : d.edges) {
    out += (out.empty() ? "" : " ") + g.entity(e.a).name.substr(0, 1) + g.entity(e.b).name.substr(0, 1) +
           (e.highlighted ? "*" : "");
  }
  return out;
}

TEST(DiagramTest, WholeGraphLeavesOutUnlinkedEntities) {
  const EntityGraph g = testing::SmallGraph();
  const Diagram d = SelectDiagram(g, {});
  EXPECT_EQ(Nodes(g, d), "ABCET");
  EXPECT_EQ(Edges(g, d), "AB AC BT CE");
  EXPECT_EQ(d.title, "sentence scope · 5 entities, 4 links");
  EXPECT_TRUE(d.notes.empty());
}

TEST(DiagramTest, FiltersByWeightTypeAndTop) {
  const EntityGraph g = testing::SmallGraph();
  DiagramSpec spec;
  spec.min_weight = 2;
  EXPECT_EQ(Edges(g, SelectDiagram(g, spec)), "AC BT");
  spec = {};
  spec.types = {"person"};
  EXPECT_EQ(Nodes(g, SelectDiagram(g, spec)), "AB");
  spec = {};
  spec.top = 2;
  spec.corpus_label = "2 documents";
  const Diagram top = SelectDiagram(g, spec);
  EXPECT_EQ(Nodes(g, top), "AB");  // degree 2 each; ties by id
  EXPECT_EQ(top.title, "2 documents · sentence scope · 2 entities, 1 links · top 2 by degree");
}

TEST(DiagramTest, FocusDrawsTheEgoNetwork) {
  const EntityGraph g = testing::SmallGraph();
  DiagramSpec spec;
  spec.focus = 3;  // Echo
  EXPECT_EQ(Nodes(g, SelectDiagram(g, spec)), "CE*");
  spec.depth = 2;
  EXPECT_EQ(Nodes(g, SelectDiagram(g, spec)), "ACE*");
}

TEST(DiagramTest, PathIsHighlightedInsideItsNeighbourhood) {
  const EntityGraph g = testing::SmallGraph();
  DiagramSpec spec;
  spec.path = {{3, 1}};  // Echo to Bob: E-C-A-B
  const Diagram d = SelectDiagram(g, spec);
  EXPECT_EQ(Nodes(g, d), "A*B*C*E*T");
  EXPECT_EQ(Edges(g, d), "AB* AC* BT CE*");
  EXPECT_EQ(d.title.substr(0, 40), "how Echo Pipeline is connected to Bob Ba");
}

TEST(DiagramTest, PathWithoutAnswerIsAnEmptyResult) {
  const EntityGraph g = testing::SmallGraph();
  DiagramSpec spec;
  spec.path = {{0, 5}};  // Zed is linked to nothing
  try {
    SelectDiagram(g, spec);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitEmpty);
  }
}

TEST(DiagramTest, TooManyNodesArePrunedWithANote) {
  const EntityGraph g = testing::SmallGraph();
  DiagramSpec spec;
  spec.max_nodes = 3;
  const Diagram d = SelectDiagram(g, spec);
  EXPECT_EQ(d.nodes.size(), 3u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "showing the 3 most linked of 5 entities; to see others raise --max-nodes, or narrow with "
                        "--min-weight, --types or --focus NAME");
}

TEST(DiagramTest, EdgeBudgetKeepsEveryConnection) {
  // A clique of 6 has 15 links; a budget of 1 per entity keeps a spanning tree (5) plus the
  // strongest one more, so the picture still shows all six as connected.
  std::vector<EntityInfo> e;
  for (int i = 0; i < 6; ++i) e.push_back({i + 1, std::string(1, static_cast<char>('A' + i)), "person", {}, 1, 1});
  EntityGraph g(std::move(e), Scope::kDocument);
  for (Vertex a = 0; a < 6; ++a) {
    for (Vertex b = a + 1; b < 6; ++b) g.AddEdge(a, b, {static_cast<int64_t>(a == 0 && b == 5 ? 9 : 1), 0.5});
  }
  DiagramSpec spec;
  spec.max_edges_per_node = 1;
  const Diagram d = SelectDiagram(g, spec);
  EXPECT_EQ(d.edges.size(), 6u);
  EXPECT_EQ(Edges(g, d).substr(0, 2), "AB");
  EXPECT_NE(Edges(g, d).find("AF"), std::string::npos);  // the strongest link is kept
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "showing the 6 strongest of 15 links; --max-edges 0 draws them all, --min-weight W keeps only "
                        "strong ones");
}

}  // namespace
}  // namespace entgraph
