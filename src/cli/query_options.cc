#include "cli/query_options.h"

#include <iostream>

#include "common/error.h"
#include "common/utf8.h"
#include "query/lookup.h"

namespace entgraph::cli {

void AddQueryFlags(CLI::App* cmd, QueryFlags* flags) {
  cmd->add_option("--db", flags->db, "Database file (default: $ENTGRAPH_DB or output/entgraph.db)");
  cmd->add_option("--scope", flags->scope, "Unit that links two entities")
      ->check(CLI::IsMember({"sentence", "paragraph", "document"}))
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "Print JSON");
}

QueryContext OpenQuery(const QueryFlags& flags) {
  Store store = Store::OpenForReading(DatabasePath(flags.db));
  const Scope scope = *ParseScope(flags.scope);
  EntityGraph graph = EntityGraph::Load(store, scope);
  return QueryContext{std::move(store), std::move(graph)};
}

std::optional<std::vector<int64_t>> LookupNames(Store& store, const std::vector<std::string>& names) {
  std::vector<int64_t> ids;
  for (const std::string& name : names) {
    const std::optional<int64_t> id = LookupName(store, name);
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

void PrintJson(const nlohmann::ordered_json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

std::string Label(const EntityInfo& e) { return utf8::ForTerminal(e.name + " (" + e.type + ")"); }

}  // namespace entgraph::cli
