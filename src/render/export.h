// The graph in the formats other tools read. Only entities mentioned at least once are exported;
// node ids are "n" + the entity's id in every format, so files of one database line up.
//
// graphml  GraphML (Boost's writer): Gephi, Cytoscape, networkx, yEd. Node data name, type,
//          mentions, documents; edge data weight, dice.
// gexf     GEXF 1.2 for Gephi, with the same attributes and the weight as the edge weight.
// csv      Neo4j bulk-import files: nodes.csv (entityId:ID, name, type, mentions:int,
//          documents:int, :LABEL) and relationships.csv (:START_ID, :END_ID, :TYPE, weight:int,
//          dice:float), for `neo4j-admin database import full --nodes=... --relationships=...`.
// json     networkx's node-link format: {"directed", "multigraph", "graph", "nodes", "links"}.
// Names are escaped by each format's writer (XML entities, doubled CSV quotes, JSON escapes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace entgraph {

enum class ExportFormat { kGraphml, kGexf, kCsv, kJson };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

std::string ToGraphml(const EntityGraph& graph);
std::string ToGexf(const EntityGraph& graph);
std::string ToNodeLinkJson(const EntityGraph& graph);
struct CsvFiles {
  std::string nodes, relationships;
};
CsvFiles ToNeo4jCsv(const EntityGraph& graph);

}  // namespace entgraph
