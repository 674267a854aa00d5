// entgraph path FROM TO: how two entities are connected, and the sentences that say so.
#include <iostream>
#include <limits>
#include <optional>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "query/evidence.h"
#include "query/lookup.h"
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

struct Found {
  QueryContext q;
  Vertex from, to;
  std::vector<Path> paths;
};

[[noreturn]] void SameEntity(const PathFlags& f, const std::string& name) {
  throw Error("'" + f.from + "' and '" + f.to + "' are the same entity (" + name + "): give two different entities");
}

// The fewest-hops path with default options, through the indexes (query/lookup.h): reads only the
// links of the entities the search reaches. nullopt when a name needs the whole graph to explain.
std::optional<Found> FindByIndex(const PathFlags& f) {
  Store store = Store::OpenForReading(DatabasePath(f.query.db));
  const auto ids = LookupNames(store, {f.from, f.to});
  if (!ids) return std::nullopt;
  const Scope scope = *ParseScope(f.query.scope);
  const int64_t from = (*ids)[0], to = (*ids)[1];
  if (from == to) SameEntity(f, PartialGraph(store, scope, {from}, {}).entity(0).name);
  const std::vector<int64_t> hops =
      FewestHops(store, scope, from, to, f.max_hops > 0 ? f.max_hops : std::numeric_limits<size_t>::max());
  if (hops.empty()) {
    EntityGraph graph = PartialGraph(store, scope, {from, to}, {});
    return Found{QueryContext{std::move(store), std::move(graph)}, 0, 1, {}};
  }
  std::vector<std::pair<int64_t, Link>> links;
  for (size_t i = 0; i + 1 < hops.size(); ++i) {
    links.emplace_back(hops[i], Link{hops[i + 1], *LinkBetween(store, scope, hops[i], hops[i + 1])});
  }
  EntityGraph graph = PartialGraph(store, scope, hops, links);
  Path path;
  for (Vertex v = 0; v < hops.size(); ++v) path.nodes.push_back(v);
  path.cost = static_cast<double>(path.hops());
  return Found{QueryContext{std::move(store), std::move(graph)}, 0, hops.size() - 1, {path}};
}

Found FindInGraph(const PathFlags& f) {
  QueryContext q = OpenQuery(f.query);
  const Vertex from = ResolveName(q.graph, f.from), to = ResolveName(q.graph, f.to);
  if (from == to) SameEntity(f, q.graph.entity(from).name);
  PathOptions options;
  options.k = std::max<size_t>(f.k, 1);
  if (f.max_hops > 0) options.max_hops = f.max_hops;
  for (const std::string& name : f.avoid) options.avoid.push_back(ResolveName(q.graph, name));
  if (!f.via_type.empty()) options.via_type = f.via_type;
  options.weighted = f.weighted;
  std::vector<Path> paths = FindPaths(q.graph, from, to, options);
  return Found{std::move(q), from, to, std::move(paths)};
}

int RunPath(const PathFlags& f) {
  const bool simple = f.k <= 1 && f.avoid.empty() && f.via_type.empty() && !f.weighted;
  std::optional<Found> by_index = simple ? FindByIndex(f) : std::nullopt;
  Found found = by_index ? std::move(*by_index) : FindInGraph(f);
  QueryContext& q = found.q;
  const Vertex from = found.from, to = found.to;
  const std::vector<Path>& paths = found.paths;
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
