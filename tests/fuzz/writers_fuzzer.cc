// libFuzzer target: the DOT, GraphML and GEXF writers with entity names and types taken from the
// input (any bytes: quotes, angle brackets, control characters, invalid UTF-8). The XML outputs
// must parse back, and GraphML must give back as many nodes as were written.
#include <boost/graph/graphml.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <cstdint>
#include <sstream>
#include <string>

#include "render/diagram.h"
#include "render/export.h"
#include "render/graphviz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<entgraph::EntityInfo> entities;
  size_t start = 0;
  while (start <= text.size() && entities.size() < 12) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const size_t tab = line.find('\t');
    entities.push_back({static_cast<int64_t>(entities.size() + 1), line.substr(0, tab),
                        tab == std::string::npos ? "person" : line.substr(tab + 1), {}, 1, 1});
    start = end + 1;
  }
  if (entities.size() < 2) return 0;
  entgraph::EntityGraph g(std::move(entities), entgraph::Scope::kSentence);
  for (size_t i = 0; i + 1 < g.entities().size(); ++i) g.AddEdge(i, i + 1, {static_cast<int64_t>(i + 1), 0.5});
  const entgraph::Diagram d = entgraph::SelectDiagram(g, {});
  const std::string dot = entgraph::ToDot(g, d);
  if (dot.find("graph entgraph {") == std::string::npos) __builtin_trap();

  std::istringstream gexf(entgraph::ToGexf(g));
  boost::property_tree::ptree tree;
  boost::property_tree::read_xml(gexf, tree);  // throws (and so fails the run) when malformed

  struct V {
    std::string name;
  };
  using In = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, V>;
  In in;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("name", boost::get(&V::name, in));
  std::istringstream graphml(entgraph::ToGraphml(g));
  boost::read_graphml(graphml, in, dp);
  if (boost::num_vertices(in) != g.entities().size()) __builtin_trap();
  return 0;
}
