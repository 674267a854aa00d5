// entgraph neighbors, evidence, entities, top and stats: exploring the stored graph.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "query/evidence.h"
#include "query/lookup.h"
#include "query/neighbors.h"
#include "query/rank.h"
#include "query/resolve.h"

namespace entgraph::cli {
namespace {

// The centre's links only, read through the indexes: enough for depth 1 at any graph size.
std::optional<QueryContext> OpenAround(const QueryFlags& flags, const std::string& name) {
  Store store = Store::OpenForReading(DatabasePath(flags.db));
  const auto ids = LookupNames(store, {name});
  if (!ids) return std::nullopt;
  const Scope scope = *ParseScope(flags.scope);
  std::vector<int64_t> vertices = *ids;
  std::vector<std::pair<int64_t, Link>> links;
  for (const Link& l : LinksOf(store, scope, vertices[0])) {
    vertices.push_back(l.other);
    links.emplace_back(vertices[0], l);
  }
  EntityGraph graph = PartialGraph(store, scope, vertices, links);
  return QueryContext{std::move(store), std::move(graph)};
}

int RunNeighbors(const QueryFlags& flags, const std::string& name, size_t depth, int64_t min_weight) {
  std::optional<QueryContext> around = depth <= 1 ? OpenAround(flags, name) : std::nullopt;
  QueryContext q = around ? std::move(*around) : OpenQuery(flags);
  const Vertex centre = around ? 0 : ResolveName(q.graph, name);
  const std::vector<Neighbor> ns = Neighbors(q.graph, centre, std::max<size_t>(depth, 1), min_weight);
  if (flags.json) {
    nlohmann::ordered_json j = nlohmann::json::array();
    for (const Neighbor& n : ns) {
      const EntityInfo& e = q.graph.entity(n.vertex);
      j.push_back({{"name", e.name}, {"type", e.type}, {"weight", n.weight}, {"depth", n.depth}});
    }
    PrintJson(j);
  } else {
    std::cout << Label(q.graph.entity(centre)) << ": " << ns.size() << " linked at " << flags.scope << " scope\n";
    for (const Neighbor& n : ns) {
      std::printf("  depth %zu  weight %4lld  %s\n", n.depth, static_cast<long long>(n.weight),
                  Label(q.graph.entity(n.vertex)).c_str());
    }
  }
  return ns.empty() ? kExitEmpty : kExitResult;
}

int RunEvidence(const QueryFlags& flags, const std::string& a_name, const std::string& b_name, size_t limit) {
  std::optional<QueryContext> named;
  {
    Store store = Store::OpenForReading(DatabasePath(flags.db));
    if (const auto ids = LookupNames(store, {a_name, b_name})) {
      EntityGraph graph = PartialGraph(store, *ParseScope(flags.scope), *ids, {});
      named = QueryContext{std::move(store), std::move(graph)};
    }
  }
  QueryContext q = named ? std::move(*named) : OpenQuery(flags);
  const EntityInfo& a = q.graph.entity(named ? 0 : ResolveName(q.graph, a_name));
  const EntityInfo& b = q.graph.entity(named ? 1 : ResolveName(q.graph, b_name));
  const std::vector<EvidenceItem> items = FindEvidence(q.store, q.graph.scope(), a.id, b.id, limit);
  if (flags.json) {
    nlohmann::ordered_json j = nlohmann::json::array();
    for (const EvidenceItem& i : items) j.push_back({{"doc", i.doc}, {"line", i.line}, {"text", i.text}});
    PrintJson(j);
  } else {
    for (const EvidenceItem& i : items) {
      std::cout << utf8::ForTerminal(i.doc) << ":" << i.line << "  " << utf8::ForTerminal(i.text) << "\n";
    }
  }
  if (items.empty()) {
    std::cerr << "entgraph: " << utf8::ForTerminal("no " + flags.scope + " names both '" + a.name + "' and '" +
                                                   b.name + "'")
              << "\n";
    return kExitEmpty;
  }
  return kExitResult;
}

int RunEntities(const QueryFlags& flags, const std::string& type) {
  QueryContext q = OpenQuery(flags);
  nlohmann::ordered_json j = nlohmann::json::array();
  size_t shown = 0;
  for (Vertex v = 0; v < q.graph.entities().size(); ++v) {
    const EntityInfo& e = q.graph.entity(v);
    if (!type.empty() && e.type != type) continue;
    const size_t degree = boost::out_degree(v, q.graph.graph());
    ++shown;
    if (flags.json) {
      j.push_back({{"name", e.name}, {"type", e.type}, {"mentions", e.mentions}, {"documents", e.documents},
                   {"degree", degree}});
    } else {
      std::printf("%-14s %6lld mentions %4lld documents %4zu linked  %s\n", e.type.c_str(),
                  static_cast<long long>(e.mentions), static_cast<long long>(e.documents), degree,
                  utf8::ForTerminal(e.name).c_str());
    }
  }
  if (flags.json) PrintJson(j);
  return shown == 0 ? kExitEmpty : kExitResult;
}

int RunTop(const QueryFlags& flags, const std::string& by, size_t n) {
  QueryContext q = OpenQuery(flags);
  const std::vector<Ranked> ranked = Top(q.graph, *ParseCentrality(by), n);
  if (flags.json) {
    nlohmann::ordered_json j = nlohmann::json::array();
    for (const Ranked& r : ranked) {
      const EntityInfo& e = q.graph.entity(r.vertex);
      j.push_back({{"name", e.name}, {"type", e.type}, {by, r.score}});
    }
    PrintJson(j);
  } else {
    for (size_t i = 0; i < ranked.size(); ++i) {
      std::printf("%3zu. %10.4g  %s\n", i + 1, ranked[i].score, Label(q.graph.entity(ranked[i].vertex)).c_str());
    }
  }
  return ranked.empty() ? kExitEmpty : kExitResult;
}

int RunStats(const QueryFlags& flags) {
  QueryContext q = OpenQuery(flags);
  const Components c = ConnectedComponents(q.graph);
  nlohmann::ordered_json j;
  j["scope"] = flags.scope;
  j["documents"] = q.store.Count("SELECT count(*) FROM documents");
  j["mentions"] = q.store.Count("SELECT coalesce(sum(mentions), 0) FROM doc_mentions");
  j["entities"] = q.graph.entities().size();
  j["entities_found"] = q.store.Count("SELECT count(*) FROM entity_stats");
  j["edges"] = boost::num_edges(q.graph.graph());
  j["components"] = c.count;
  j["largest_component"] = c.largest;
  if (flags.json) {
    PrintJson(j);
  } else {
    for (const auto& [key, value] : j.items()) std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
  }
  return kExitResult;
}

}  // namespace

void AddExploreCommands(CLI::App& app, int* exit_code) {
  {
    auto flags = std::make_shared<QueryFlags>();
    auto name = std::make_shared<std::string>();
    auto depth = std::make_shared<size_t>(1);
    auto min_weight = std::make_shared<int64_t>(1);
    CLI::App* cmd = app.add_subcommand("neighbors", "The entities linked to NAME, strongest first");
    cmd->add_option("NAME", *name, "Entity name or alias")->required();
    AddQueryFlags(cmd, flags.get());
    cmd->add_option("--depth", *depth, "Follow links this many hops out")->capture_default_str();
    cmd->add_option("--min-weight", *min_weight, "Ignore links of fewer units")->capture_default_str();
    cmd->callback([=] { *exit_code = RunNeighbors(*flags, *name, *depth, *min_weight); });
  }
  {
    auto flags = std::make_shared<QueryFlags>();
    auto names = std::make_shared<std::vector<std::string>>();
    auto limit = std::make_shared<size_t>(0);
    CLI::App* cmd = app.add_subcommand("evidence", "Every unit of text that links A and B, best first");
    cmd->add_option("A B", *names, "Two entity names or aliases")->required()->expected(2);
    AddQueryFlags(cmd, flags.get());
    cmd->add_option("--limit", *limit, "Show at most N (0: all)")->capture_default_str();
    cmd->callback([=] { *exit_code = RunEvidence(*flags, (*names)[0], (*names)[1], *limit); });
  }
  {
    auto flags = std::make_shared<QueryFlags>();
    auto type = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("entities", "The dictionary's entities with their counts");
    AddQueryFlags(cmd, flags.get());
    cmd->add_option("--type", *type, "Only entities of this type");
    cmd->callback([=] { *exit_code = RunEntities(*flags, *type); });
  }
  {
    auto flags = std::make_shared<QueryFlags>();
    auto by = std::make_shared<std::string>("degree");
    auto n = std::make_shared<size_t>(10);
    CLI::App* cmd = app.add_subcommand("top", "The most central entities");
    AddQueryFlags(cmd, flags.get());
    cmd->add_option("--by", *by, "Centrality")
        ->check(CLI::IsMember({"degree", "strength", "betweenness", "pagerank"}))
        ->capture_default_str();
    cmd->add_option("--n", *n, "How many")->capture_default_str();
    cmd->callback([=] { *exit_code = RunTop(*flags, *by, *n); });
  }
  {
    auto flags = std::make_shared<QueryFlags>();
    CLI::App* cmd = app.add_subcommand("stats", "Counts of documents, mentions, entities, edges and components");
    AddQueryFlags(cmd, flags.get());
    cmd->callback([=] { *exit_code = RunStats(*flags); });
  }
}

}  // namespace entgraph::cli
