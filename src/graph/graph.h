// The co-occurrence graph of one scope, loaded from the store into Boost.Graph for the algorithms.
//
// Vertices are all the dictionary's entities (also those never mentioned, so that a query about
// one can say so), numbered 0..n-1 in entity-id order; an edge carries the number of units that
// link its two entities (weight) and their Dice coefficient.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cooccurrence/cooccurrence.h"
#include "store/store.h"

namespace entgraph {

struct EdgeData {
  int64_t weight = 0;  // units linking the pair
  double dice = 0;     // 2 * weight / (units(a) + units(b))
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeData>;
using Vertex = Graph::vertex_descriptor;

struct EntityInfo {
  int64_t id = 0;
  std::string name;
  std::string type;
  std::vector<std::string> aliases;
  int64_t mentions = 0;
  int64_t documents = 0;
};

// Reading entities with their counts: kEntitySelect followed by a WHERE or ORDER BY clause, each
// row read by ReadEntity. Shared by Load and the partial graphs of query/lookup.h.
inline constexpr const char* kEntitySelect =
    "SELECT e.id, e.name, e.type, e.aliases, coalesce(s.mentions, 0), coalesce(s.documents, 0) "
    "FROM entities e LEFT JOIN entity_stats s ON s.entity_id = e.id ";
EntityInfo ReadEntity(sql::Statement& row);

class EntityGraph {
 public:
  // Loads every entity and the edges of `scope`.
  static EntityGraph Load(Store& store, Scope scope);
  // For tests: a graph from entities and (a, b, weight, dice) edges given by vertex number.
  EntityGraph(std::vector<EntityInfo> entities, Scope scope) : scope_(scope), entities_(std::move(entities)),
                                                              graph_(std::make_unique<Graph>(entities_.size())) {}
  void AddEdge(Vertex a, Vertex b, EdgeData data) { boost::add_edge(a, b, data, *graph_); }

  const Graph& graph() const { return *graph_; }
  const std::vector<EntityInfo>& entities() const { return entities_; }
  const EntityInfo& entity(Vertex v) const { return entities_[v]; }
  Scope scope() const { return scope_; }
  // The edge between a and b, if any.
  std::optional<EdgeData> Edge(Vertex a, Vertex b) const;

 private:
  Scope scope_;
  std::vector<EntityInfo> entities_;
  // Behind a pointer so that moving the graph (into a command's context) does not copy it: Boost's
  // adjacency_list declares a copy constructor and so has no move, and its swap() copies too (a
  // copy of 440,000 links was a tenth of `stats --scope document`).
  std::unique_ptr<Graph> graph_;
};

}  // namespace entgraph
