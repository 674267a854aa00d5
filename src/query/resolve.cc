#include "query/resolve.h"

#include <algorithm>
#include <set>

#include "common/edit_distance.h"
#include "common/error.h"
#include "text/normalize.h"

namespace entgraph {
namespace {

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Up to three known names close to `key`, closest first: those within a third of the name's length
// (a typo or two), or else the single closest one.
std::string Suggestions(const EntityGraph& graph, const std::string& key) {
  struct Suggestion {
    size_t distance;
    std::string name;
    bool operator<(const Suggestion& o) const { return std::tie(distance, name) < std::tie(o.distance, o.name); }
  };
  std::set<Suggestion> best;
  // A name typed by part ("Fay" for "Fay Fisher") is close too: one word of a name counts as that
  // word's distance plus one.
  auto distance = [&](const std::string& name_key) {
    size_t d = EditDistance(key, name_key);
    for (size_t start = 0; start < name_key.size();) {
      size_t end = name_key.find(' ', start);
      if (end == std::string::npos) end = name_key.size();
      d = std::min(d, EditDistance(key, std::string_view(name_key).substr(start, end - start)) + 1);
      start = end + 1;
    }
    return d;
  };
  for (const EntityInfo& e : graph.entities()) {
    size_t d = distance(MatchKey(e.name));
    for (const std::string& a : e.aliases) d = std::min(d, distance(MatchKey(a)));
    best.insert(Suggestion{d, e.name});
    if (best.size() > 3) best.erase(std::prev(best.end()));
  }
  const size_t close = std::max<size_t>(2, key.size() / 3);
  std::string names;
  for (const auto& s : best) {
    if (!names.empty() && s.distance > close) break;
    names += (names.empty() ? "" : ", ") + Quote(s.name);
  }
  return names;
}

}  // namespace

Vertex ResolveName(const EntityGraph& graph, std::string_view name) {
  const std::string key = MatchKey(name);
  const auto& entities = graph.entities();
  std::set<Vertex> alias_of;
  for (Vertex v = 0; v < entities.size(); ++v) {
    if (MatchKey(entities[v].name) == key) return v;  // canonical names are unique
    for (const std::string& a : entities[v].aliases) {
      if (MatchKey(a) == key) alias_of.insert(v);
    }
  }
  if (alias_of.size() == 1) return *alias_of.begin();
  if (alias_of.size() > 1) {
    std::string names;
    for (Vertex v : alias_of) names += (names.empty() ? "" : ", ") + Quote(entities[v].name);
    throw Error(Quote(name) + " is an alias of several entities: " + names + "; use the full name");
  }
  if (entities.empty()) throw Error("no entity is named " + Quote(name) + ": the database has no entities");
  throw Error("no entity is named " + Quote(name) + "; did you mean " + Suggestions(graph, key) +
              "? ('entgraph entities' lists them all)");
}

}  // namespace entgraph
