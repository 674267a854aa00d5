// Queries that read only what they need from the database's indexes, instead of loading the whole
// graph: a name through the aliases table, an entity's links through the edges' two indexes, and
// the fewest-hops path by a bidirectional breadth-first search over those links. On a graph of a
// million entities this is the difference between seconds (reading every row) and milliseconds.
//
// The commands use these for the common questions (path with default options, neighbors at depth
// 1, evidence) and fall back to the whole graph for the rest, and for the messages about unknown or
// ambiguous names, which compare the name with every known one.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "store/store.h"

namespace entgraph {

// The id of the one entity whose name (first) or alias folds to the same match key as `name`;
// nullopt when there is none or the alias names several.
std::optional<int64_t> LookupName(Store& store, std::string_view name);

struct Link {
  int64_t other = 0;
  EdgeData data;
};
// The links of entity `id` at `scope`.
std::vector<Link> LinksOf(Store& store, Scope scope, int64_t id);

// The link between a and b at `scope`, if any: one look-up, however many links either has.
std::optional<EdgeData> LinkBetween(Store& store, Scope scope, int64_t a, int64_t b);

// The fewest-hops path from `from` to `to` as entity ids, or empty when none has at most `max_hops`
// steps. Among paths of as many hops the one with the smallest sum of 1/weight wins, as in
// FindPaths (query/path.h); ties go to the smaller entity id at the meeting point.
std::vector<int64_t> FewestHops(Store& store, Scope scope, int64_t from, int64_t to, size_t max_hops);

// A graph of just the entities `ids` (vertex i is ids[i]) and the links among them that `links`
// lists: what the path and neighbor printers need, read in a few look-ups.
EntityGraph PartialGraph(Store& store, Scope scope, const std::vector<int64_t>& ids,
                         const std::vector<std::pair<int64_t, Link>>& links);

}  // namespace entgraph
