#include "query/neighbors.h"

#include <algorithm>
#include <tuple>

namespace entgraph {

std::vector<Neighbor> Neighbors(const EntityGraph& graph, Vertex centre, size_t depth, int64_t min_weight) {
  const Graph& g = graph.graph();
  constexpr size_t kUnseen = static_cast<size_t>(-1);
  std::vector<size_t> level(boost::num_vertices(g), kUnseen);
  std::vector<int64_t> best(boost::num_vertices(g), 0);
  level[centre] = 0;
  std::vector<Vertex> frontier{centre}, result;
  for (size_t d = 1; d <= depth && !frontier.empty(); ++d) {
    std::vector<Vertex> next;
    for (Vertex u : frontier) {
      for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
        const Vertex v = boost::target(*e, g);
        const int64_t w = g[*e].weight;
        if (w < min_weight || (level[v] != kUnseen && level[v] < d)) continue;
        if (level[v] == kUnseen) {
          level[v] = d;
          next.push_back(v);
        }
        best[v] = std::max(best[v], w);
      }
    }
    result.insert(result.end(), next.begin(), next.end());
    frontier.swap(next);
  }
  std::vector<Neighbor> out;
  for (Vertex v : result) out.push_back(Neighbor{v, level[v], best[v]});
  std::sort(out.begin(), out.end(), [&](const Neighbor& a, const Neighbor& b) {
    return std::make_tuple(a.depth, -a.weight, graph.entity(a.vertex).name) <
           std::make_tuple(b.depth, -b.weight, graph.entity(b.vertex).name);
  });
  return out;
}

}  // namespace entgraph
