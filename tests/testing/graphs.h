// Small hand-made graphs for rendering and export tests.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace entgraph::testing {

// Alice (person) -3- Cedar (organization) -1- Echo (project); Alice -1- Bob (person); an entity
// with a hostile name linked to Bob; and Zed, never mentioned.
inline EntityGraph SmallGraph() {
  std::vector<EntityInfo> e = {
      {1, "Alice Archer", "person", {}, 4, 2},
      {2, "Bob Baker", "person", {}, 2, 1},
      {3, "Cedar Corp", "organization", {}, 5, 2},
      {4, "Echo Pipeline", "project", {}, 1, 1},
      {5, "Tom \"The <Boss>\" & Co \\ Ünïcødé 東京", "organization", {}, 1, 1},
      {6, "Zed", "person", {}, 0, 0},
  };
  EntityGraph g(std::move(e), Scope::kSentence);
  g.AddEdge(0, 2, {3, 0.5});
  g.AddEdge(2, 3, {1, 0.25});
  g.AddEdge(0, 1, {1, 0.3});
  g.AddEdge(1, 4, {2, 0.8});
  return g;
}

}  // namespace entgraph::testing
