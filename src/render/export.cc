#include "render/export.h"

#include <boost/graph/graphml.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <sstream>

#include "common/utf8.h"

namespace entgraph {
namespace {

using boost::property_tree::ptree;

// The exported part of the graph: mentioned entities and the edges among them.
struct Exported {
  std::vector<Vertex> vertices;
  std::vector<std::pair<Vertex, Vertex>> edges;  // (a, b) with a < b, in vertex order
};

Exported Select(const EntityGraph& graph) {
  Exported out;
  const Graph& g = graph.graph();
  for (Vertex v = 0; v < graph.entities().size(); ++v) {
    if (graph.entity(v).mentions > 0) out.vertices.push_back(v);
  }
  for (Vertex v : out.vertices) {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      const Vertex w = boost::target(*e, g);
      if (v < w) out.edges.push_back({v, w});
    }
  }
  std::sort(out.edges.begin(), out.edges.end());
  return out;
}

std::string NodeId(const EntityGraph& graph, Vertex v) { return "n" + std::to_string(graph.entity(v).id); }

// Text fields must be valid UTF-8 and free of control characters that XML 1.0 forbids.
std::string Clean(std::string_view text) {
  std::string out;
  for (char c : utf8::Sanitize(text)) out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;
  return out;
}

std::string CsvField(std::string_view text) {
  std::string out = "\"";
  for (char c : Clean(text)) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Label(std::string_view type) {
  std::string out(type);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "gexf") return ExportFormat::kGexf;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "json") return ExportFormat::kJson;
  return std::nullopt;
}

std::string ToGraphml(const EntityGraph& graph) {
  // A graph of only the exported part, whose properties Boost's writer reads.
  struct V {
    int64_t id;
    std::string name, type;
    long mentions, documents;
  };
  struct E {
    long weight;
    double dice;
  };
  using Out = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, V, E>;
  const Exported x = Select(graph);
  Out out;
  std::map<Vertex, Out::vertex_descriptor> index;
  for (Vertex v : x.vertices) {
    const EntityInfo& e = graph.entity(v);
    index[v] = boost::add_vertex(V{e.id, Clean(e.name), Clean(e.type), static_cast<long>(e.mentions),
                                   static_cast<long>(e.documents)},
                                 out);
  }
  for (const auto& [a, b] : x.edges) {
    const EdgeData d = *graph.Edge(a, b);
    boost::add_edge(index[a], index[b], E{static_cast<long>(d.weight), d.dice}, out);
  }
  boost::dynamic_properties dp;
  dp.property("name", boost::get(&V::name, out));
  dp.property("type", boost::get(&V::type, out));
  dp.property("mentions", boost::get(&V::mentions, out));
  dp.property("documents", boost::get(&V::documents, out));
  dp.property("weight", boost::get(&E::weight, out));
  dp.property("dice", boost::get(&E::dice, out));
  std::ostringstream s;
  // Node ids are n + the entity id, as in the other formats.
  auto ids = boost::make_function_property_map<Out::vertex_descriptor, int64_t>(
      [&out](Out::vertex_descriptor v) { return out[v].id; });
  boost::write_graphml(s, out, ids, dp, true);
  return s.str();
}

std::string ToGexf(const EntityGraph& graph) {
  const Exported x = Select(graph);
  ptree root;
  ptree& gexf = root.add("gexf", "");
  gexf.put("<xmlattr>.xmlns", "http://www.gexf.net/1.2draft");
  gexf.put("<xmlattr>.version", "1.2");
  gexf.put("meta.creator", "entgraph");
  gexf.put("meta.description", std::string(ScopeName(graph.scope())) + " co-occurrence graph");
  ptree& g = gexf.add("graph", "");
  g.put("<xmlattr>.mode", "static");
  g.put("<xmlattr>.defaultedgetype", "undirected");
  auto declare = [](ptree& attrs, const char* id, const char* title, const char* type) {
    ptree& a = attrs.add("attribute", "");
    a.put("<xmlattr>.id", id);
    a.put("<xmlattr>.title", title);
    a.put("<xmlattr>.type", type);
  };
  ptree& node_attrs = g.add("attributes", "");
  node_attrs.put("<xmlattr>.class", "node");
  declare(node_attrs, "type", "type", "string");
  declare(node_attrs, "mentions", "mentions", "integer");
  declare(node_attrs, "documents", "documents", "integer");
  ptree& edge_attrs = g.add("attributes", "");
  edge_attrs.put("<xmlattr>.class", "edge");
  declare(edge_attrs, "dice", "dice", "double");
  auto value = [](ptree& values, const char* key, const std::string& v) {
    ptree& a = values.add("attvalue", "");
    a.put("<xmlattr>.for", key);
    a.put("<xmlattr>.value", v);
  };
  ptree& nodes = g.add("nodes", "");
  for (Vertex v : x.vertices) {
    const EntityInfo& e = graph.entity(v);
    ptree& n = nodes.add("node", "");
    n.put("<xmlattr>.id", NodeId(graph, v));
    n.put("<xmlattr>.label", Clean(e.name));
    ptree& values = n.add("attvalues", "");
    value(values, "type", Clean(e.type));
    value(values, "mentions", std::to_string(e.mentions));
    value(values, "documents", std::to_string(e.documents));
  }
  ptree& edges = g.add("edges", "");
  for (size_t i = 0; i < x.edges.size(); ++i) {
    const auto [a, b] = x.edges[i];
    const EdgeData d = *graph.Edge(a, b);
    ptree& e = edges.add("edge", "");
    e.put("<xmlattr>.id", "e" + std::to_string(i));
    e.put("<xmlattr>.source", NodeId(graph, a));
    e.put("<xmlattr>.target", NodeId(graph, b));
    e.put("<xmlattr>.weight", std::to_string(d.weight));
    value(e.add("attvalues", ""), "dice", std::to_string(d.dice));
  }
  std::ostringstream s;
  boost::property_tree::write_xml(s, root, boost::property_tree::xml_writer_make_settings<std::string>(' ', 2));
  return s.str();
}

std::string ToNodeLinkJson(const EntityGraph& graph) {
  const Exported x = Select(graph);
  nlohmann::ordered_json j;
  j["directed"] = false;
  j["multigraph"] = false;
  j["graph"] = {{"scope", ScopeName(graph.scope())}};
  j["nodes"] = nlohmann::json::array();
  for (Vertex v : x.vertices) {
    const EntityInfo& e = graph.entity(v);
    j["nodes"].push_back({{"id", NodeId(graph, v)}, {"name", Clean(e.name)}, {"type", Clean(e.type)},
                          {"mentions", e.mentions}, {"documents", e.documents}});
  }
  j["links"] = nlohmann::json::array();
  for (const auto& [a, b] : x.edges) {
    const EdgeData d = *graph.Edge(a, b);
    j["links"].push_back(
        {{"source", NodeId(graph, a)}, {"target", NodeId(graph, b)}, {"weight", d.weight}, {"dice", d.dice}});
  }
  return j.dump(2) + "\n";
}

CsvFiles ToNeo4jCsv(const EntityGraph& graph) {
  const Exported x = Select(graph);
  CsvFiles f;
  f.nodes = "entityId:ID,name,type,mentions:int,documents:int,:LABEL\n";
  for (Vertex v : x.vertices) {
    const EntityInfo& e = graph.entity(v);
    f.nodes += NodeId(graph, v) + "," + CsvField(e.name) + "," + CsvField(e.type) + "," +
               std::to_string(e.mentions) + "," + std::to_string(e.documents) + "," + CsvField(Label(e.type)) + "\n";
  }
  std::string type = "CO_OCCURS_IN_" + std::string(ScopeName(graph.scope()));
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  f.relationships = ":START_ID,:END_ID,:TYPE,weight:int,dice:float\n";
  for (const auto& [a, b] : x.edges) {
    const EdgeData d = *graph.Edge(a, b);
    f.relationships += NodeId(graph, a) + "," + NodeId(graph, b) + "," + type + "," + std::to_string(d.weight) +
                       "," + std::to_string(d.dice) + "\n";
  }
  return f;
}

}  // namespace entgraph
