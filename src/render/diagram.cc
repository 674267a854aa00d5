#include "render/diagram.h"

#include <algorithm>
#include <set>

#include <boost/pending/disjoint_sets.hpp>

#include "common/error.h"
#include "query/neighbors.h"

namespace entgraph {
namespace {

double Strength(const Graph& g, Vertex v, int64_t min_weight) {
  double s = 0;
  for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
    if (g[*e].weight >= min_weight) s += static_cast<double>(g[*e].weight);
  }
  return s;
}

size_t Degree(const Graph& g, Vertex v, int64_t min_weight, const std::vector<char>& keep) {
  size_t d = 0;
  for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
    d += g[*e].weight >= min_weight && keep[boost::target(*e, g)];
  }
  return d;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

class Selector {
 public:
  Selector(const EntityGraph& graph, const DiagramSpec& spec)
      : graph_(graph), g_(graph.graph()), spec_(spec), keep_(graph.entities().size(), 0),
        pinned_(graph.entities().size(), 0) {}

  Diagram Select() {
    Seed();
    FilterTypes();
    DropIsolated();
    Top();
    Prune();
    return Assemble();
  }

 private:
  // The starting set: a path and its neighbourhood, an ego network, or every linked entity.
  void Seed() {
    if (spec_.path) {
      PathOptions options;
      options.k = spec_.k;
      paths_ = FindPaths(graph_, spec_.path->first, spec_.path->second, options);
      if (paths_.empty()) {
        throw Error("no connection between '" + graph_.entity(spec_.path->first).name + "' and '" +
                        graph_.entity(spec_.path->second).name + "' at " + std::string(ScopeName(graph_.scope())) +
                        " scope: nothing to draw",
                    kExitEmpty);
      }
      for (const Path& p : paths_) {
        for (size_t i = 0; i < p.nodes.size(); ++i) {
          Pin(p.nodes[i]);
          if (i + 1 < p.nodes.size()) path_edges_.insert(Key(p.nodes[i], p.nodes[i + 1]));
          for (const Neighbor& n : Neighbors(graph_, p.nodes[i], 1, spec_.min_weight)) keep_[n.vertex] = 1;
        }
      }
      return;
    }
    if (spec_.focus) {
      Pin(*spec_.focus);
      for (const Neighbor& n : Neighbors(graph_, *spec_.focus, spec_.depth, spec_.min_weight)) keep_[n.vertex] = 1;
      return;
    }
    for (Vertex v = 0; v < keep_.size(); ++v) keep_[v] = 1;
  }

  void Pin(Vertex v) { keep_[v] = pinned_[v] = 1; }

  static std::pair<Vertex, Vertex> Key(Vertex a, Vertex b) { return {std::min(a, b), std::max(a, b)}; }

  void FilterTypes() {
    if (spec_.types.empty()) return;
    for (Vertex v = 0; v < keep_.size(); ++v) {
      const auto& t = graph_.entity(v).type;
      if (!pinned_[v] && std::find(spec_.types.begin(), spec_.types.end(), t) == spec_.types.end()) keep_[v] = 0;
    }
  }

  void DropIsolated() {
    for (Vertex v = 0; v < keep_.size(); ++v) {
      if (keep_[v] && !pinned_[v] && Degree(g_, v, spec_.min_weight, keep_) == 0) keep_[v] = 0;
    }
  }

  // Keeps the `n` highest-ranked kept entities (and every pinned one).
  void KeepBest(size_t n) {
    std::vector<std::pair<double, Vertex>> ranked;
    for (Vertex v = 0; v < keep_.size(); ++v) {
      if (!keep_[v]) continue;
      const double score = spec_.top_by_strength ? Strength(g_, v, spec_.min_weight)
                                                 : static_cast<double>(Degree(g_, v, spec_.min_weight, keep_));
      ranked.push_back({pinned_[v] ? 1e300 : score, v});
    }
    std::sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
      if (x.first != y.first) return x.first > y.first;
      return graph_.entity(x.second).id < graph_.entity(y.second).id;
    });
    for (size_t i = n; i < ranked.size(); ++i) keep_[ranked[i].second] = 0;
  }

  size_t Kept() const { return static_cast<size_t>(std::count(keep_.begin(), keep_.end(), 1)); }

  void Top() {
    if (!spec_.top) return;
    KeepBest(*spec_.top);
    DropIsolated();
  }

  void Prune() {
    const size_t kept = Kept();
    if (kept <= spec_.max_nodes) return;
    KeepBest(spec_.max_nodes);
    DropIsolated();
    notes_.push_back("showing the " + std::to_string(Kept()) + " most linked of " + std::to_string(kept) +
                     " entities; to see others raise --max-nodes, or narrow with --min-weight, --types or "
                     "--focus NAME");
  }

  Diagram Assemble() {
    Diagram d;
    for (Vertex v = 0; v < keep_.size(); ++v) {
      if (keep_[v]) d.nodes.push_back(DiagramNode{v, pinned_[v] != 0});
    }
    for (auto [e, end] = boost::edges(g_); e != end; ++e) {
      Vertex a = boost::source(*e, g_), b = boost::target(*e, g_);
      if (a > b) std::swap(a, b);
      const bool on_path = path_edges_.count({a, b}) > 0;
      if (!keep_[a] || !keep_[b] || (g_[*e].weight < spec_.min_weight && !on_path)) continue;
      d.edges.push_back(DiagramEdge{a, b, g_[*e], on_path, {}});
    }
    std::sort(d.edges.begin(), d.edges.end(), [](const DiagramEdge& x, const DiagramEdge& y) {
      return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    PruneEdges(&d);
    d.title = Title(d);
    d.notes = notes_;
    return d;
  }

  void PruneEdges(Diagram* d) {
    if (spec_.max_edges_per_node <= 0) return;
    const auto budget = static_cast<size_t>(spec_.max_edges_per_node * static_cast<double>(d->nodes.size()));
    if (d->edges.size() <= budget) return;
    std::vector<size_t> order(d->edges.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto stronger = [&](size_t x, size_t y) {
      const DiagramEdge &a = d->edges[x], &b = d->edges[y];
      if (a.highlighted != b.highlighted) return a.highlighted;
      if (a.data.weight != b.data.weight) return a.data.weight > b.data.weight;
      if (a.data.dice != b.data.dice) return a.data.dice > b.data.dice;
      return x < y;
    };
    std::sort(order.begin(), order.end(), stronger);
    // Kruskal, strongest first: a maximum spanning forest, so the picture still shows every
    // connection the graph has, plus every path step.
    std::vector<char> chosen(d->edges.size(), 0);
    boost::disjoint_sets_with_storage<> forest(keep_.size());
    size_t count = 0;
    for (size_t i : order) {
      const DiagramEdge& e = d->edges[i];
      const auto ra = forest.find_set(e.a), rb = forest.find_set(e.b);
      if (e.highlighted || ra != rb) {
        chosen[i] = 1;
        if (ra != rb) forest.link(ra, rb);
        ++count;
      }
    }
    for (size_t i : order) {  // then the strongest of the rest
      if (count >= budget) break;
      if (!chosen[i]) {
        chosen[i] = 1;
        ++count;
      }
    }
    const size_t total = d->edges.size();
    std::vector<DiagramEdge> kept;
    for (size_t i = 0; i < total; ++i) {
      if (chosen[i]) kept.push_back(d->edges[i]);
    }
    d->edges.swap(kept);
    notes_.push_back("showing the " + std::to_string(d->edges.size()) + " strongest of " + std::to_string(total) +
                     " links; --max-edges 0 draws them all, --min-weight W keeps only strong ones");
  }

  std::string Title(const Diagram& d) const {
    std::vector<std::string> parts;
    if (spec_.path) {
      parts.push_back("how " + graph_.entity(spec_.path->first).name + " is connected to " +
                      graph_.entity(spec_.path->second).name);
    } else if (spec_.focus) {
      parts.push_back(graph_.entity(*spec_.focus).name + " and its links (depth " + std::to_string(spec_.depth) + ")");
    }
    if (!spec_.corpus_label.empty()) parts.push_back(spec_.corpus_label);
    parts.push_back(std::string(ScopeName(graph_.scope())) + " scope");
    parts.push_back(std::to_string(d.nodes.size()) + " entities, " + std::to_string(d.edges.size()) + " links");
    if (spec_.min_weight > 1) parts.push_back("links of weight ≥ " + std::to_string(spec_.min_weight));
    if (!spec_.types.empty()) parts.push_back("types: " + Join(spec_.types, ", "));
    if (spec_.top) {
      parts.push_back("top " + std::to_string(*spec_.top) + " by " + (spec_.top_by_strength ? "strength" : "degree"));
    }
    return Join(parts, " · ");
  }

  const EntityGraph& graph_;
  const Graph& g_;
  const DiagramSpec& spec_;
  std::vector<char> keep_, pinned_;
  std::vector<Path> paths_;
  std::set<std::pair<Vertex, Vertex>> path_edges_;
  std::vector<std::string> notes_;
};

}  // namespace

Diagram SelectDiagram(const EntityGraph& graph, const DiagramSpec& spec) { return Selector(graph, spec).Select(); }

}  // namespace entgraph
