#include "query/rank.h"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>

#include <algorithm>

namespace entgraph {
namespace {

std::vector<double> Scores(const EntityGraph& graph, Centrality by) {
  const Graph& g = graph.graph();
  const size_t n = boost::num_vertices(g);
  std::vector<double> score(n, 0.0);
  auto index = boost::get(boost::vertex_index, g);
  switch (by) {
    case Centrality::kDegree:
      for (Vertex v = 0; v < n; ++v) score[v] = static_cast<double>(boost::out_degree(v, g));
      break;
    case Centrality::kStrength:
      for (Vertex v = 0; v < n; ++v) {
        for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) score[v] += static_cast<double>(g[*e].weight);
      }
      break;
    case Centrality::kBetweenness:
      boost::brandes_betweenness_centrality(
          g, boost::centrality_map(boost::make_iterator_property_map(score.begin(), index)));
      break;
    case Centrality::kPageRank:
      boost::graph::page_rank(g, boost::make_iterator_property_map(score.begin(), index),
                              boost::graph::n_iterations(50));
      break;
  }
  return score;
}

}  // namespace

std::optional<Centrality> ParseCentrality(std::string_view name) {
  if (name == "degree") return Centrality::kDegree;
  if (name == "strength") return Centrality::kStrength;
  if (name == "betweenness") return Centrality::kBetweenness;
  if (name == "pagerank") return Centrality::kPageRank;
  return std::nullopt;
}

std::vector<Ranked> Top(const EntityGraph& graph, Centrality by, size_t n) {
  const std::vector<double> score = Scores(graph, by);
  std::vector<Ranked> ranked;
  for (Vertex v = 0; v < score.size(); ++v) {
    if (boost::out_degree(v, graph.graph()) > 0) ranked.push_back(Ranked{v, score[v]});
  }
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return graph.entity(a.vertex).name < graph.entity(b.vertex).name;
  });
  if (ranked.size() > n) ranked.resize(n);
  return ranked;
}

Components ConnectedComponents(const EntityGraph& graph) {
  const Graph& g = graph.graph();
  std::vector<size_t> component(boost::num_vertices(g));
  boost::connected_components(g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<size_t> size(component.size() + 1, 0);
  for (Vertex v = 0; v < component.size(); ++v) {
    if (graph.entity(v).mentions > 0) ++size[component[v]];
  }
  Components c;
  for (size_t s : size) {
    c.count += s > 0;
    c.largest = std::max(c.largest, s);
  }
  return c;
}

}  // namespace entgraph
