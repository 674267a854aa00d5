// entgraph render: a relationship diagram of the stored graph, through the Graphviz libraries.
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/query_options.h"
#include "common/error.h"
#include "common/file_output.h"
#include "common/utf8.h"
#include "query/evidence.h"
#include "query/resolve.h"
#include "render/graphviz.h"

namespace entgraph::cli {
namespace {

struct RenderFlags {
  QueryFlags query;
  std::string output;
  std::string format;
  std::string layout = "auto";
  int64_t min_weight = 1;
  size_t top = 0;
  std::string by = "degree";
  std::string types;
  std::string focus;
  size_t depth = 1;
  std::vector<std::string> path;
  size_t k = 1;
  size_t max_nodes = 150;
  double max_edges = 3;
  bool quiet = false;
};

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// --format wins; else the output file's extension; else SVG.
Format ChooseFormat(const RenderFlags& f) {
  std::string name = f.format;
  if (name.empty() && !f.output.empty()) {
    name = std::filesystem::path(f.output).extension().string();
    if (!name.empty()) name = name.substr(1);
    if (!ParseFormat(name)) {
      throw Error("cannot tell the format from '" + f.output + "': name it .svg, .png, .pdf or .dot, or give --format");
    }
  }
  if (name.empty()) return Format::kSvg;
  return *ParseFormat(name);
}

// fdp keeps small graphs compact and readable; sfdp scales to hundreds of nodes.
std::string ChooseLayout(const RenderFlags& f, size_t nodes) {
  if (f.layout != "auto") return f.layout;
  return nodes > 120 ? "sfdp" : "fdp";
}

int RunRender(const RenderFlags& f) {
  QueryContext q = OpenQuery(f.query);
  DiagramSpec spec;
  spec.min_weight = f.min_weight;
  if (f.top > 0) spec.top = f.top;
  spec.top_by_strength = f.by == "strength";
  spec.types = SplitComma(f.types);
  if (!f.focus.empty()) spec.focus = ResolveName(q.graph, f.focus);
  spec.depth = std::max<size_t>(f.depth, 1);
  if (!f.path.empty()) spec.path = {ResolveName(q.graph, f.path[0]), ResolveName(q.graph, f.path[1])};
  spec.k = std::max<size_t>(f.k, 1);
  spec.max_nodes = std::max<size_t>(f.max_nodes, 2);
  spec.max_edges_per_node = f.max_edges;
  spec.corpus_label = std::to_string(q.store.Count("SELECT count(*) FROM documents")) + " documents";

  Diagram diagram = SelectDiagram(q.graph, spec);
  EvidenceFinder evidence(q.store);
  for (DiagramEdge& e : diagram.edges) {
    // A tooltip needs one sentence: the first that links the pair, recorded with the edge.
    auto item = evidence.First(q.graph.scope(), q.graph.entity(e.a).id, q.graph.entity(e.b).id);
    if (item) e.evidence = item->text;
  }
  const WarningSink warn = StderrWarnings(f.quiet);
  for (const std::string& note : diagram.notes) warn(note);
  if (diagram.nodes.empty()) {
    std::cerr << "entgraph: nothing to draw: no entity is linked under these filters (try a lower --min-weight "
                 "or a wider --scope)\n";
    return kExitEmpty;
  }
  const Format format = ChooseFormat(f);
  const std::string output = f.output.empty() ? "output/graph." + std::string(FormatName(format)) : f.output;
  const std::string layout = ChooseLayout(f, diagram.nodes.size());
  WriteFileAtomically(output, Render(q.graph, diagram, format, layout, warn));
  if (!f.quiet) {
    std::cerr << "entgraph: wrote " << utf8::ForTerminal(output) << " (" << diagram.nodes.size() << " entities, "
              << diagram.edges.size() << " links, " << layout << " layout)\n";
  }
  return kExitResult;
}

}  // namespace

void AddRenderCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<RenderFlags>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the graph (or a part of it) with Graphviz");
  cmd->add_option("--db", f->query.db, "Database file (default: $ENTGRAPH_DB or output/entgraph.db)");
  cmd->add_option("--scope", f->query.scope, "Unit that links two entities")
      ->check(CLI::IsMember({"sentence", "paragraph", "document"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", f->output, "Output file (default: output/graph.svg, or .FORMAT)");
  cmd->add_option("--format", f->format, "svg, png, pdf or dot (default: from the output's extension, else svg)")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}));
  cmd->add_option("--layout", f->layout, "Graphviz layout: dot, neato, fdp, sfdp, circo (auto: fdp, sfdp when large)")
      ->check(CLI::IsMember({"auto", "dot", "neato", "fdp", "sfdp", "circo"}))
      ->capture_default_str();
  cmd->add_option("--min-weight", f->min_weight, "Only links of at least this many units")->capture_default_str();
  cmd->add_option("--top", f->top, "Only the N most linked entities");
  cmd->add_option("--by", f->by, "Rank --top by degree or strength")
      ->check(CLI::IsMember({"degree", "strength"}))
      ->capture_default_str();
  cmd->add_option("--types", f->types, "Only these types, comma-separated (person,organization)");
  cmd->add_option("--focus", f->focus, "Draw this entity's ego network");
  cmd->add_option("--depth", f->depth, "With --focus: hops out")->capture_default_str();
  cmd->add_option("--path", f->path, "Draw how FROM is connected to TO, inside its neighbourhood")->expected(2);
  cmd->add_option("--k", f->k, "With --path: the K best paths")->capture_default_str();
  cmd->add_option("--max-nodes", f->max_nodes, "Keep at most this many entities (the most linked)")
      ->capture_default_str();
  cmd->add_option("--max-edges", f->max_edges, "Draw at most this many links per entity drawn (0: all)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", f->quiet, "No messages on stderr");
  cmd->callback([f, exit_code] { *exit_code = RunRender(*f); });
}

}  // namespace entgraph::cli
