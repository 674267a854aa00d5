// What a picture shows: the part of the graph chosen by the user's filters, with styles decided
// and a title saying what it is. Graphviz only lays out and draws what a Diagram holds.
//
// Selection, in order: an ego network (--focus NAME --depth K) or a path query's answer drawn
// inside its neighbourhood (--path FROM TO [--k N]), else the whole graph; then --types,
// --min-weight and --top N (by degree or strength). A picture of more than max_nodes entities is
// not drawn as a hairball: the strongest max_nodes are kept, the path or focus always among them,
// and a note says what was left out and how to see it. Likewise for links: beyond the budget, a
// maximum spanning forest (strongest by weight, then Dice) is kept so that no connection of the
// graph disappears from the picture, then the strongest of the rest fill the budget.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "query/path.h"

namespace entgraph {

struct DiagramSpec {
  int64_t min_weight = 1;
  std::optional<size_t> top;     // keep the N highest-ranked entities
  bool top_by_strength = false;  // rank --top by strength instead of degree
  std::vector<std::string> types;
  std::optional<Vertex> focus;
  size_t depth = 1;
  std::optional<std::pair<Vertex, Vertex>> path;
  size_t k = 1;
  size_t max_nodes = 150;
  // Links drawn at most, as a multiple of the entities drawn (0: no limit). Dense scopes (every
  // document a clique) are unreadable otherwise; path steps are always drawn.
  double max_edges_per_node = 3;
  std::string corpus_label;  // e.g. "5 documents"
};

struct DiagramNode {
  Vertex vertex;
  bool highlighted = false;  // on the path, or the focus
};

struct DiagramEdge {
  Vertex a, b;  // a < b
  EdgeData data;
  bool highlighted = false;  // a step of the path
  std::string evidence;      // one sentence, for the tooltip (filled by the caller)
};

struct Diagram {
  std::vector<DiagramNode> nodes;  // sorted by entity id: the same input gives the same picture
  std::vector<DiagramEdge> edges;  // sorted by (a, b) entity ids
  std::string title;
  std::vector<std::string> notes;  // what was pruned and how to see it
};

// Chooses what to draw. Throws entgraph::Error (exit 1) when a --path has no answer.
Diagram SelectDiagram(const EntityGraph& graph, const DiagramSpec& spec);

}  // namespace entgraph
