#include "graph/graph.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace entgraph {

EntityGraph EntityGraph::Load(Store& store, Scope scope) {
  std::vector<EntityInfo> entities;
  std::unordered_map<int64_t, Vertex> vertex_of;
  auto q = store.db().Prepare(
      "SELECT e.id, e.name, e.type, e.aliases, coalesce(s.mentions, 0), coalesce(s.documents, 0) "
      "FROM entities e LEFT JOIN entity_stats s ON s.entity_id = e.id ORDER BY e.id");
  while (q.Step()) {
    EntityInfo e;
    e.id = q.Int(0);
    e.name = q.Text(1);
    e.type = q.Text(2);
    e.aliases = nlohmann::json::parse(q.Text(3)).get<std::vector<std::string>>();
    e.mentions = q.Int(4);
    e.documents = q.Int(5);
    vertex_of[e.id] = entities.size();
    entities.push_back(std::move(e));
  }
  EntityGraph g(std::move(entities), scope);
  auto edges = store.db().Prepare("SELECT a, b, weight, dice FROM edges WHERE scope = ?");
  edges.Bind(1, static_cast<int64_t>(scope));
  while (edges.Step()) {
    g.AddEdge(vertex_of.at(edges.Int(0)), vertex_of.at(edges.Int(1)), EdgeData{edges.Int(2), edges.Double(3)});
  }
  return g;
}

std::optional<EdgeData> EntityGraph::Edge(Vertex a, Vertex b) const {
  auto [e, found] = boost::edge(a, b, graph_);
  if (!found) return std::nullopt;
  return graph_[e];
}

}  // namespace entgraph
