// Path queries: how is A connected to B?
//
// Ranking. By default the best path has the fewest hops; among paths with as many hops, the one
// whose links are stronger wins. Both are one Dijkstra search: a step costs 1 + eps / weight, where
// weight is the number of units linking the pair and eps = 1 / (n + 1) for n entities, so the eps
// terms of a whole path add up to less than one hop and only ever break ties. With --weighted a
// step costs 1 / dice instead: a pair that always occurs together costs 1 (like a hop), a pair seen
// together in 1 unit out of 10 costs about 5, so a longer chain of strong associations can beat a
// short chain of weak ones.
//
// --k N gives the N best loopless paths with Yen's algorithm: each next path deviates from an
// earlier one at some node (the spur), with the edges the earlier paths took from the same root
// removed, and the cheapest of all such deviations is taken.
//
// Filters: --avoid removes entities from the graph (except the endpoints, which cannot be avoided);
// --via-type keeps only intermediate entities of that type; --max-hops drops longer paths.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace entgraph {

struct PathOptions {
  size_t k = 1;
  std::optional<size_t> max_hops;
  std::vector<Vertex> avoid;
  std::optional<std::string> via_type;
  bool weighted = false;
};

struct Path {
  std::vector<Vertex> nodes;  // from ... to
  double cost = 0;
  size_t hops() const { return nodes.empty() ? 0 : nodes.size() - 1; }
};

// Up to options.k paths from `from` to `to`, best first; empty when they are not connected under the
// options. REQUIRES: from != to.
std::vector<Path> FindPaths(const EntityGraph& graph, Vertex from, Vertex to, const PathOptions& options);

}  // namespace entgraph
