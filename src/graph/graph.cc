#include "graph/graph.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "graph/document_links.h"

namespace entgraph {

EntityInfo ReadEntity(sql::Statement& row) {
  EntityInfo e;
  e.id = row.Int(0);
  e.name = row.Text(1);
  e.type = row.Text(2);
  e.aliases = nlohmann::json::parse(row.Text(3)).get<std::vector<std::string>>();
  e.mentions = row.Int(4);
  e.documents = row.Int(5);
  return e;
}

EntityGraph EntityGraph::Load(Store& store, Scope scope) {
  std::vector<EntityInfo> entities;
  std::unordered_map<int64_t, Vertex> vertex_of;
  auto q = store.db().Prepare(std::string(kEntitySelect) + "ORDER BY e.id");
  while (q.Step()) {
    vertex_of[q.Int(0)] = entities.size();
    entities.push_back(ReadEntity(q));
  }
  EntityGraph g(std::move(entities), scope);
  if (scope == Scope::kDocument) {
    for (const EdgeCount& e : AllDocumentLinks(store)) {
      // A document lists the entities it named when it was read; refresh re-reads every document
      // that named one the dictionary lost, so each is known. Skipped, not trusted, if not.
      auto a = vertex_of.find(e.a), b = vertex_of.find(e.b);
      if (a == vertex_of.end() || b == vertex_of.end()) continue;
      g.AddEdge(a->second, b->second, EdgeData{static_cast<int64_t>(e.weight), e.dice});
    }
    return g;
  }
  auto edges = store.db().Prepare("SELECT a, b, weight, dice FROM edges WHERE scope = ?");
  edges.Bind(1, static_cast<int64_t>(scope));
  while (edges.Step()) {
    g.AddEdge(vertex_of.at(edges.Int(0)), vertex_of.at(edges.Int(1)), EdgeData{edges.Int(2), edges.Double(3)});
  }
  return g;
}

std::optional<EdgeData> EntityGraph::Edge(Vertex a, Vertex b) const {
  auto [e, found] = boost::edge(a, b, *graph_);
  if (!found) return std::nullopt;
  return (*graph_)[e];
}

}  // namespace entgraph
