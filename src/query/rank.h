// Who matters in the graph: centrality scores and connected components.
//
// degree       number of distinct entities linked to it
// strength     sum of the weights of its edges (units shared with others)
// betweenness  Brandes' betweenness centrality (unweighted shortest paths; O(V*E), so slow on very
//              large graphs)
// pagerank     PageRank with damping 0.85 over the undirected graph (Boost's page_rank, 50 rounds)
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace entgraph {

enum class Centrality { kDegree, kStrength, kBetweenness, kPageRank };
std::optional<Centrality> ParseCentrality(std::string_view name);

struct Ranked {
  Vertex vertex;
  double score;
};

// The `n` entities with the highest score (ties by name), skipping entities without any edge.
std::vector<Ranked> Top(const EntityGraph& graph, Centrality by, size_t n);

struct Components {
  size_t count = 0;    // connected components among entities mentioned at least once
  size_t largest = 0;  // entities in the largest one
};
Components ConnectedComponents(const EntityGraph& graph);

}  // namespace entgraph
