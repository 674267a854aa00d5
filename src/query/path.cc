#include "query/path.h"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <set>

namespace entgraph {
namespace {

using Edge = Graph::edge_descriptor;

// What a search may not use: blocked vertices, and blocked edges given as (min, max) vertex pairs.
struct Blocked {
  std::vector<char> vertex;
  std::set<std::pair<Vertex, Vertex>> edges;

  bool Edge(Vertex a, Vertex b) const { return edges.count({std::min(a, b), std::max(a, b)}) > 0; }
};

struct VertexAllowed {
  const Blocked* blocked = nullptr;
  bool operator()(Vertex v) const { return !blocked->vertex[v]; }
};

struct EdgeAllowed {
  const Graph* g = nullptr;
  const Blocked* blocked = nullptr;
  bool operator()(const entgraph::Edge& e) const {
    const Vertex a = boost::source(e, *g), b = boost::target(e, *g);
    return !blocked->vertex[a] && !blocked->vertex[b] && !blocked->Edge(a, b);
  }
};

struct FoundTarget {};

// Stops Dijkstra as soon as the target's distance is final.
class StopAtTarget : public boost::default_dijkstra_visitor {
 public:
  explicit StopAtTarget(Vertex target) : target_(target) {}
  template <class G>
  void examine_vertex(Vertex v, const G&) const {
    if (v == target_) throw FoundTarget{};
  }

 private:
  Vertex target_;
};

class Searcher {
 public:
  Searcher(const EntityGraph& graph, const PathOptions& options)
      : graph_(graph), options_(options), eps_(1.0 / (static_cast<double>(boost::num_vertices(graph.graph())) + 1)) {}

  double StepCost(const EdgeData& e) const {
    if (options_.weighted) return 1.0 / std::max(e.dice, 1e-9);
    return 1.0 + eps_ / static_cast<double>(std::max<int64_t>(e.weight, 1));
  }

  double PathCost(const std::vector<Vertex>& nodes) const {
    double cost = 0;
    for (size_t i = 0; i + 1 < nodes.size(); ++i) cost += StepCost(*graph_.Edge(nodes[i], nodes[i + 1]));
    return cost;
  }

  // The cheapest path from `from` to `to` avoiding `blocked`.
  std::optional<std::vector<Vertex>> Shortest(Vertex from, Vertex to, const Blocked& blocked) const {
    const Graph& g = graph_.graph();
    boost::filtered_graph<Graph, EdgeAllowed, VertexAllowed> fg(g, EdgeAllowed{&g, &blocked},
                                                                 VertexAllowed{&blocked});
    const size_t n = boost::num_vertices(g);
    std::vector<Vertex> pred(n);
    std::vector<double> dist(n);
    auto weight = boost::make_function_property_map<Edge, double>([&](const Edge& e) { return StepCost(g[e]); });
    try {
      boost::dijkstra_shortest_paths(
          fg, from,
          boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g)))
              .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
              .weight_map(weight)
              .visitor(StopAtTarget(to)));
    } catch (const FoundTarget&) {
    }
    // Boost starts every predecessor at the vertex itself: one still there was never reached.
    if (pred[to] == to) return std::nullopt;
    std::vector<Vertex> nodes{to};
    for (Vertex v = to; v != from; v = pred[v]) nodes.push_back(pred[v]);
    std::reverse(nodes.begin(), nodes.end());
    return nodes;
  }

  // The graph with the user's filters applied: avoided entities and, with --via-type, every entity
  // of another type, except the two endpoints.
  Blocked BaseBlocked(Vertex from, Vertex to) const {
    Blocked b;
    b.vertex.assign(graph_.entities().size(), 0);
    for (Vertex v : options_.avoid) b.vertex[v] = 1;
    if (options_.via_type) {
      for (Vertex v = 0; v < b.vertex.size(); ++v) {
        if (graph_.entity(v).type != *options_.via_type) b.vertex[v] = 1;
      }
    }
    b.vertex[from] = b.vertex[to] = 0;
    return b;
  }

 private:
  const EntityGraph& graph_;
  const PathOptions& options_;
  double eps_;
};

bool TooLong(const std::vector<Vertex>& nodes, const PathOptions& options) {
  return options.max_hops && nodes.size() - 1 > *options.max_hops;
}

}  // namespace

std::vector<Path> FindPaths(const EntityGraph& graph, Vertex from, Vertex to, const PathOptions& options) {
  const Searcher search(graph, options);
  const Blocked base = search.BaseBlocked(from, to);
  std::vector<Path> found;
  auto first = search.Shortest(from, to, base);
  if (!first) return found;
  // Candidates ordered by (cost, nodes) so that ties resolve the same way every run.
  std::set<std::pair<double, std::vector<Vertex>>> candidates;
  candidates.insert({search.PathCost(*first), *first});
  std::set<std::vector<Vertex>> seen{*first};  // every path ever made a candidate
  std::vector<std::vector<Vertex>> popped;      // Yen's list A: the paths taken off the candidates
  // In fewest-hops mode paths come out by increasing length, so the first too long ends the search;
  // in weighted mode a few longer ones are skipped before giving up.
  size_t skipped = 0;
  while (found.size() < options.k && !candidates.empty() && skipped < 4 * options.k) {
    auto [cost, nodes] = *candidates.begin();
    candidates.erase(candidates.begin());
    popped.push_back(nodes);
    if (TooLong(nodes, options)) {
      if (!options.weighted) break;
      ++skipped;
    } else {
      found.push_back(Path{nodes, cost});
      if (found.size() == options.k) break;
    }
    // Yen: deviate from `nodes` at every spur node.
    for (size_t i = 0; i + 1 < nodes.size(); ++i) {
      Blocked blocked = base;
      const std::vector<Vertex> root(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      for (const auto& p : popped) {
        if (p.size() > i + 1 && std::equal(root.begin(), root.end(), p.begin())) {
          blocked.edges.insert({std::min(p[i], p[i + 1]), std::max(p[i], p[i + 1])});
        }
      }
      for (size_t j = 0; j < i; ++j) blocked.vertex[root[j]] = 1;
      auto spur = search.Shortest(root.back(), to, blocked);
      if (!spur) continue;
      std::vector<Vertex> total = root;
      total.insert(total.end(), spur->begin() + 1, spur->end());
      if (seen.insert(total).second) candidates.insert({search.PathCost(total), total});
    }
  }
  return found;
}

}  // namespace entgraph
