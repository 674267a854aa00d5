#include "render/export.h"

#include <gtest/gtest.h>

#include <boost/graph/graphml.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/graphs.h"

namespace entgraph {
namespace {

const char* kHostile = "Tom \"The <Boss>\" & Co \\ Ünïcødé 東京";

TEST(ExportTest, GraphmlReadsBackWithTheSameNodesEdgesAndWeights) {
  struct V {
    std::string name, type;
    long mentions = 0, documents = 0;
  };
  struct E {
    long weight = 0;
    double dice = 0;
  };
  using In = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, V, E>;
  In in;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("name", boost::get(&V::name, in));
  dp.property("type", boost::get(&V::type, in));
  dp.property("mentions", boost::get(&V::mentions, in));
  dp.property("documents", boost::get(&V::documents, in));
  dp.property("weight", boost::get(&E::weight, in));
  dp.property("dice", boost::get(&E::dice, in));
  std::istringstream text(ToGraphml(testing::SmallGraph()));
  boost::read_graphml(text, in, dp);
  ASSERT_EQ(boost::num_vertices(in), 5u);  // Zed is never mentioned
  ASSERT_EQ(boost::num_edges(in), 4u);
  EXPECT_EQ(in[0].name, "Alice Archer");
  EXPECT_EQ(in[2].type, "organization");
  EXPECT_EQ(in[2].mentions, 5);
  EXPECT_EQ(in[4].name, kHostile);
  auto [e, found] = boost::edge(0, 2, in);
  ASSERT_TRUE(found);
  EXPECT_EQ(in[e].weight, 3);
  EXPECT_DOUBLE_EQ(in[e].dice, 0.5);
}

TEST(ExportTest, GexfIsWellFormedAndKeepsNames) {
  std::istringstream text(ToGexf(testing::SmallGraph()));
  boost::property_tree::ptree tree;
  boost::property_tree::read_xml(text, tree);
  const auto& nodes = tree.get_child("gexf.graph.nodes");
  ASSERT_EQ(nodes.size(), 5u);
  std::vector<std::string> labels;
  for (const auto& [key, node] : nodes) labels.push_back(node.get<std::string>("<xmlattr>.label"));
  EXPECT_EQ(labels[0], "Alice Archer");
  EXPECT_EQ(labels[4], kHostile);
  const auto& edges = tree.get_child("gexf.graph.edges");
  EXPECT_EQ(edges.size(), 4u);
  EXPECT_EQ(edges.front().second.get<std::string>("<xmlattr>.source"), "n1");
  EXPECT_EQ(edges.front().second.get<std::string>("<xmlattr>.weight"), "1");
}

TEST(ExportTest, Neo4jCsvQuotesFieldsAndDoublesQuotes) {
  const CsvFiles f = ToNeo4jCsv(testing::SmallGraph());
  EXPECT_EQ(f.nodes.substr(0, f.nodes.find('\n')), "entityId:ID,name,type,mentions:int,documents:int,:LABEL");
  EXPECT_NE(f.nodes.find("n1,\"Alice Archer\",\"person\",4,2,\"Person\"\n"), std::string::npos) << f.nodes;
  EXPECT_NE(f.nodes.find("n5,\"Tom \"\"The <Boss>\"\" & Co \\ Ünïcødé 東京\",\"organization\",1,1,\"Organization\"\n"),
            std::string::npos)
      << f.nodes;
  EXPECT_EQ(f.relationships,
            ":START_ID,:END_ID,:TYPE,weight:int,dice:float\n"
            "n1,n2,CO_OCCURS_IN_SENTENCE,1,0.300000\n"
            "n1,n3,CO_OCCURS_IN_SENTENCE,3,0.500000\n"
            "n2,n5,CO_OCCURS_IN_SENTENCE,2,0.800000\n"
            "n3,n4,CO_OCCURS_IN_SENTENCE,1,0.250000\n");
}

TEST(ExportTest, NodeLinkJsonParsesWithNamesIntact) {
  const auto j = nlohmann::json::parse(ToNodeLinkJson(testing::SmallGraph()));
  EXPECT_EQ(j["directed"], false);
  ASSERT_EQ(j["nodes"].size(), 5u);
  EXPECT_EQ(j["nodes"][4]["name"], kHostile);
  ASSERT_EQ(j["links"].size(), 4u);
  EXPECT_EQ(j["links"][1], nlohmann::json({{"source", "n1"}, {"target", "n3"}, {"weight", 3}, {"dice", 0.5}}));
}

}  // namespace
}  // namespace entgraph
