#include "render/graphviz.h"

#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <sstream>

#include "common/error.h"
#include "testing/graphs.h"

namespace entgraph {
namespace {

using boost::property_tree::ptree;

const WarningSink kIgnore = [](const std::string&) {};

size_t CountNodes(const ptree& tree) {
  size_t n = 0;
  for (const auto& [key, child] : tree) {
    if (key == "g" && child.get<std::string>("<xmlattr>.class", "") == "node") ++n;
    n += CountNodes(child);
  }
  return n;
}

// Every <title> text of the SVG (Graphviz titles nodes by their DOT name) and <text> content.
void Texts(const ptree& tree, std::string* out) {
  for (const auto& [key, child] : tree) {
    if (key == "text") *out += child.get_value<std::string>() + "\n";
    Texts(child, out);
  }
}

TEST(GraphvizTest, DotHasTheNodesEdgesAndStyles) {
  const EntityGraph g = testing::SmallGraph();
  const std::string dot = ToDot(g, SelectDiagram(g, {}));
  EXPECT_NE(dot.find("graph entgraph {"), std::string::npos) << dot;
  for (const char* expected :
       {"n1\t[", "label=\"Alice Archer\"", "shape=ellipse", "fillcolor=\"#FCE5CD\"", "shape=box",
        "style=\"rounded,filled\"", "shape=hexagon", "tooltip=\"Alice Archer (person): 4 mentions in 2 documents\"",
        "n1 -- n3\t[", "n3 -- n4\t[", "tooltip=\"Alice Archer — Cedar Corp: weight 3, Dice 0.50\""}) {
    EXPECT_NE(dot.find(expected), std::string::npos) << expected << "\n" << dot;
  }
  EXPECT_EQ(dot.find("n6"), std::string::npos);  // never mentioned: not drawn
}

TEST(GraphvizTest, SameInputGivesByteIdenticalDot) {
  const EntityGraph g = testing::SmallGraph();
  EXPECT_EQ(ToDot(g, SelectDiagram(g, {})), ToDot(g, SelectDiagram(g, {})));
  EXPECT_EQ(Render(g, SelectDiagram(g, {}), Format::kDot, "fdp", kIgnore), ToDot(g, SelectDiagram(g, {})));
}

TEST(GraphvizTest, LongNamesWrap) {
  std::vector<EntityInfo> e = {{1, "Moscow State Institute of International Relations", "organization", {}, 1, 1},
                               {2, "B", "person", {}, 1, 1}};
  EntityGraph g(std::move(e), Scope::kSentence);
  g.AddEdge(0, 1, {1, 1});
  const std::string dot = ToDot(g, SelectDiagram(g, {}));
  EXPECT_NE(dot.find("label=\"Moscow State\\nInstitute of\\nInternational\\nRelations\""), std::string::npos) << dot;
}

TEST(GraphvizTest, SvgIsWellFormedWithOneNodePerEntityAndKeepsHostileNames) {
  const EntityGraph g = testing::SmallGraph();
  const std::string svg = Render(g, SelectDiagram(g, {}), Format::kSvg, "fdp", kIgnore);
  std::istringstream in(svg);
  ptree tree;
  ASSERT_NO_THROW(boost::property_tree::read_xml(in, tree, boost::property_tree::xml_parser::no_comments));
  EXPECT_EQ(CountNodes(tree), 5u);
  std::string texts;
  Texts(tree, &texts);
  EXPECT_NE(texts.find("Tom \"The <Boss>\" &"), std::string::npos) << texts;
  EXPECT_NE(texts.find("Co \\ Ünïcødé\n東京"), std::string::npos) << texts;  // wrapped, every character kept
}

TEST(GraphvizTest, PngAndPdfHaveTheirSignatures) {
  const EntityGraph g = testing::SmallGraph();
  const std::string png = Render(g, SelectDiagram(g, {}), Format::kPng, "neato", kIgnore);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1A\n");
  const std::string pdf = Render(g, SelectDiagram(g, {}), Format::kPdf, "sfdp", kIgnore);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

TEST(GraphvizTest, GraphvizFailuresBecomeClearErrors) {
  const EntityGraph g = testing::SmallGraph();
  try {
    Render(g, SelectDiagram(g, {}), Format::kSvg, "no-such-layout", kIgnore);
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("Graphviz could not lay out the graph with no-such-layout", 0), 0u) << what;
    EXPECT_NE(what.find("try another --layout"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace entgraph
