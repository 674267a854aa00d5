// What every query command shares: --db, --scope and --json, and opening the graph they ask about.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "store/store.h"

namespace entgraph::cli {

struct QueryFlags {
  std::string db;
  std::string scope = "sentence";
  bool json = false;
};

void AddQueryFlags(CLI::App* cmd, QueryFlags* flags);

// The store and the graph of the chosen scope.
struct QueryContext {
  Store store;
  EntityGraph graph;
};
QueryContext OpenQuery(const QueryFlags& flags);

// The ids of `names` found through the database's indexes (query/lookup.h), for the commands that
// answer without loading the graph; nullopt when a name is unknown or ambiguous (OpenQuery and
// ResolveName then explain which).
std::optional<std::vector<int64_t>> LookupNames(Store& store, const std::vector<std::string>& names);

// Prints JSON on stdout (invalid UTF-8 replaced), pretty-printed.
void PrintJson(const nlohmann::ordered_json& j);

// "Name (type)" made safe for a terminal.
std::string Label(const EntityInfo& e);

}  // namespace entgraph::cli
