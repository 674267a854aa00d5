// entgraph path FROM TO: how two entities are connected, and the sentences that say so.
#include <iostream>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "query/evidence.h"
#include "query/path.h"
#include "query/resolve.h"

namespace entgraph::cli {
namespace {

// A path step's best sentence is chosen among its first units (see FindEvidence).
constexpr size_t kPathEvidenceScan = 2000;

struct PathFlags {
  QueryFlags query;
  std::string from, to;
  size_t k = 1;
  size_t max_hops = 0;
  std::vector<std::string> avoid;
  std::string via_type;
  bool weighted = false;
  size_t evidence = 1;
};

nlohmann::ordered_json PathJson(QueryContext& q, EvidenceFinder& finder, const Path& p, size_t evidence) {
  nlohmann::ordered_json j;
  j["nodes"] = nlohmann::json::array();
  for (Vertex v : p.nodes) j["nodes"].push_back(q.graph.entity(v).name);
  j["hops"] = p.hops();
  j["edges"] = nlohmann::json::array();
  for (size_t i = 0; i + 1 < p.nodes.size(); ++i) {
    const EntityInfo &a = q.graph.entity(p.nodes[i]), &b = q.graph.entity(p.nodes[i + 1]);
    const EdgeData e = *q.graph.Edge(p.nodes[i], p.nodes[i + 1]);
    nlohmann::ordered_json edge;
    edge["source"] = a.name;
    edge["target"] = b.name;
    edge["weight"] = e.weight;
    edge["dice"] = e.dice;
    edge["evidence"] = nlohmann::json::array();
    for (const EvidenceItem& item : finder.Find(q.graph.scope(), a.id, b.id, evidence, kPathEvidenceScan)) {
      edge["evidence"].push_back({{"doc", item.doc}, {"line", item.line}, {"text", item.text}});
    }
    j["edges"].push_back(edge);
  }
  return j;
}

void PrintPath(QueryContext& q, EvidenceFinder& finder, const Path& p, size_t number, size_t count, size_t evidence) {
  std::string chain;
  for (Vertex v : p.nodes) chain += (chain.empty() ? "" : " → ") + utf8::ForTerminal(q.graph.entity(v).name);
  if (count > 1) std::cout << "Path " << number << ": ";
  std::cout << chain << "  (" << p.hops() << (p.hops() == 1 ? " hop" : " hops") << ", "
            << ScopeName(q.graph.scope()) << " scope)\n";
  for (size_t i = 0; i + 1 < p.nodes.size(); ++i) {
    const EntityInfo &a = q.graph.entity(p.nodes[i]), &b = q.graph.entity(p.nodes[i + 1]);
    const EdgeData e = *q.graph.Edge(p.nodes[i], p.nodes[i + 1]);
    std::cout << "  " << Label(a) << " — " << Label(b) << "   weight " << e.weight << "\n";
    for (const EvidenceItem& item : finder.Find(q.graph.scope(), a.id, b.id, evidence, kPathEvidenceScan)) {
      std::cout << "    “" << utf8::ForTerminal(item.text) << "”\n      " << utf8::ForTerminal(item.doc) << ":"
                << item.line << "\n";
    }
  }
}

int RunPath(const PathFlags& f) {
  QueryContext q = OpenQuery(f.query);
  const Vertex from = ResolveName(q.graph, f.from), to = ResolveName(q.graph, f.to);
  if (from == to) {
    throw Error("'" + f.from + "' and '" + f.to + "' are the same entity (" + q.graph.entity(from).name +
                "): give two different entities");
  }
  PathOptions options;
  options.k = std::max<size_t>(f.k, 1);
  if (f.max_hops > 0) options.max_hops = f.max_hops;
  for (const std::string& name : f.avoid) options.avoid.push_back(ResolveName(q.graph, name));
  if (!f.via_type.empty()) options.via_type = f.via_type;
  options.weighted = f.weighted;
  const std::vector<Path> paths = FindPaths(q.graph, from, to, options);
  EvidenceFinder finder(q.store);

  if (f.query.json) {
    nlohmann::ordered_json j;
    j["from"] = q.graph.entity(from).name;
    j["to"] = q.graph.entity(to).name;
    j["scope"] = ScopeName(q.graph.scope());
    j["paths"] = nlohmann::json::array();
    for (const Path& p : paths) j["paths"].push_back(PathJson(q, finder, p, f.evidence));
    PrintJson(j);
  } else {
    for (size_t i = 0; i < paths.size(); ++i) PrintPath(q, finder, paths[i], i + 1, paths.size(), f.evidence);
  }
  if (!paths.empty()) return kExitResult;
  const EntityInfo &a = q.graph.entity(from), &b = q.graph.entity(to);
  std::string why = "no connection between '" + a.name + "' and '" + b.name + "' at " +
                    std::string(ScopeName(q.graph.scope())) + " scope";
  if (a.mentions == 0 || b.mentions == 0) {
    why += " ('" + (a.mentions == 0 ? a.name : b.name) + "' is not mentioned in any document)";
  } else if (q.graph.scope() == Scope::kSentence) {
    why += "; a wider scope links more (--scope paragraph or --scope document)";
  } else if (q.graph.scope() == Scope::kParagraph) {
    why += "; a wider scope links more (--scope document)";
  }
  std::cerr << "entgraph: " << utf8::ForTerminal(why) << "\n";
  return kExitEmpty;
}

}  // namespace

void AddPathCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<PathFlags>();
  CLI::App* cmd = app.add_subcommand("path", "How is FROM connected to TO? Each step with the sentence that shows it");
  cmd->add_option("FROM", f->from, "Entity name or alias")->required();
  cmd->add_option("TO", f->to, "Entity name or alias")->required();
  AddQueryFlags(cmd, &f->query);
  cmd->add_option("--k", f->k, "Show the K best loopless paths (Yen's algorithm)")->capture_default_str();
  cmd->add_option("--max-hops", f->max_hops, "Only paths of at most H steps");
  cmd->add_option("--avoid", f->avoid, "Route around this entity (repeatable)");
  cmd->add_option("--via-type", f->via_type, "Only pass through entities of this type");
  cmd->add_flag("--weighted", f->weighted,
                "Prefer strong associations over few hops: a step costs 1/Dice (1 for a pair that always "
                "occurs together, about 5 for a pair seen together in 1 of 10 units) instead of 1");
  cmd->add_option("--evidence", f->evidence, "Evidence sentences to show per step")->capture_default_str();
  cmd->callback([f, exit_code] { *exit_code = RunPath(*f); });
}

}  // namespace entgraph::cli
