// The ego network of an entity: who is linked to it, and who is linked to those, up to a depth.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/graph.h"

namespace entgraph {

struct Neighbor {
  Vertex vertex;
  size_t depth;    // hops from the centre (1 = directly linked)
  int64_t weight;  // weight of the strongest edge that reaches it from the previous depth
};

// Breadth-first from `centre` over edges of weight >= min_weight, up to `depth` hops. Sorted by
// depth, then weight (strongest first), then name.
std::vector<Neighbor> Neighbors(const EntityGraph& graph, Vertex centre, size_t depth, int64_t min_weight);

}  // namespace entgraph
