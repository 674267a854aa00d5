#include "query/lookup.h"

#include <limits>
#include <unordered_map>

#include "graph/document_links.h"
#include "text/normalize.h"

namespace entgraph {

std::optional<int64_t> LookupName(Store& store, std::string_view name) {
  const std::string key = MatchKey(name);
  auto canonical = store.db().Prepare("SELECT id FROM entities WHERE key = ?");
  canonical.Bind(1, key);
  if (canonical.Step()) return canonical.Int(0);
  auto alias = store.db().Prepare("SELECT entity_id FROM aliases WHERE key = ? LIMIT 2");
  alias.Bind(1, key);
  std::vector<int64_t> ids;
  while (alias.Step()) ids.push_back(alias.Int(0));
  if (ids.size() != 1) return std::nullopt;
  return ids[0];
}

std::vector<Link> LinksOf(Store& store, Scope scope, int64_t id) {
  std::vector<Link> out;
  if (scope == Scope::kDocument) {
    for (const DocumentLink& l : DocumentLinksOf(store, id)) out.push_back(Link{l.other, l.data});
    return out;
  }
  auto q = store.db().Prepare(
      "SELECT b, weight, dice FROM edges WHERE scope = ?1 AND a = ?2 "
      "UNION ALL SELECT a, weight, dice FROM edges WHERE scope = ?1 AND b = ?2");
  q.Bind(1, static_cast<int64_t>(scope)).Bind(2, id);
  while (q.Step()) out.push_back(Link{q.Int(0), EdgeData{q.Int(1), q.Double(2)}});
  return out;
}

std::optional<EdgeData> LinkBetween(Store& store, Scope scope, int64_t a, int64_t b) {
  if (scope == Scope::kDocument) {
    const std::optional<DocumentLink> link = DocumentLinkBetween(store, a, b);
    if (!link) return std::nullopt;
    return link->data;
  }
  if (a > b) std::swap(a, b);
  auto q = store.db().Prepare("SELECT weight, dice FROM edges WHERE scope = ? AND a = ? AND b = ?");
  q.Bind(1, static_cast<int64_t>(scope)).Bind(2, a).Bind(3, b);
  if (!q.Step()) return std::nullopt;
  return EdgeData{q.Int(0), q.Double(1)};
}

namespace {

// One side of the bidirectional search: hop distance and the least sum of 1/weight over the
// shortest routes to each reached entity, with the neighbour that achieves it.
struct Side {
  struct Reached {
    size_t hops;
    double cost;
    int64_t parent;
  };
  std::unordered_map<int64_t, Reached> reached;
  std::vector<int64_t> frontier;
  size_t depth = 0;
  size_t frontier_links = 0;  // rows the next expansion would read, estimated from the last one

  explicit Side(int64_t start) {
    reached[start] = Reached{0, 0, -1};
    frontier = {start};
  }

  // Expands the whole frontier by one hop (a whole layer, so every shortest route is seen).
  void Expand(Store& store, Scope scope) {
    std::vector<int64_t> next;
    size_t rows = 0;
    for (int64_t u : frontier) {
      const double base = reached.at(u).cost;
      for (const Link& l : LinksOf(store, scope, u)) {
        ++rows;
        const double cost = base + 1.0 / static_cast<double>(std::max<int64_t>(l.data.weight, 1));
        auto [it, inserted] = reached.try_emplace(l.other, Reached{depth + 1, cost, u});
        if (inserted) {
          next.push_back(l.other);
        } else if (it->second.hops == depth + 1 && cost < it->second.cost) {
          it->second.cost = cost;
          it->second.parent = u;
        }
      }
    }
    frontier.swap(next);
    frontier_links = rows;
    ++depth;
  }
};

}  // namespace

std::vector<int64_t> FewestHops(Store& store, Scope scope, int64_t from, int64_t to, size_t max_hops) {
  Side f(from), t(to);
  while (!f.frontier.empty() && !t.frontier.empty() && f.depth + t.depth < max_hops) {
    // Grow the side that is cheaper to grow: its frontier is smaller.
    Side& grow = f.frontier.size() <= t.frontier.size() ? f : t;
    const Side& other = &grow == &f ? t : f;
    grow.Expand(store, scope);
    // Every shortest path crosses the new layer at an entity the other side has reached.
    int64_t meet = -1;
    double best = std::numeric_limits<double>::infinity();
    size_t best_hops = std::numeric_limits<size_t>::max();
    for (int64_t v : grow.frontier) {
      auto it = other.reached.find(v);
      if (it == other.reached.end()) continue;
      const size_t hops = grow.depth + it->second.hops;
      const double cost = grow.reached.at(v).cost + it->second.cost;
      if (hops < best_hops || (hops == best_hops && (cost < best || (cost == best && v < meet)))) {
        std::tie(best_hops, best, meet) = std::make_tuple(hops, cost, v);
      }
    }
    if (meet < 0) continue;
    if (best_hops > max_hops) return {};
    std::vector<int64_t> path;
    for (int64_t v = meet; v >= 0; v = f.reached.at(v).parent) path.insert(path.begin(), v);
    for (int64_t v = t.reached.at(meet).parent; v >= 0; v = t.reached.at(v).parent) path.push_back(v);
    return path;
  }
  return {};
}

EntityGraph PartialGraph(Store& store, Scope scope, const std::vector<int64_t>& ids,
                         const std::vector<std::pair<int64_t, Link>>& links) {
  std::vector<EntityInfo> entities;
  std::unordered_map<int64_t, Vertex> vertex_of;
  auto q = store.db().Prepare(std::string(kEntitySelect) + "WHERE e.id = ?");
  for (int64_t id : ids) {
    q.Bind(1, id);
    EntityInfo e = q.Step() ? ReadEntity(q) : EntityInfo{};
    q.Reset();
    vertex_of[id] = entities.size();
    entities.push_back(std::move(e));
  }
  EntityGraph g(std::move(entities), scope);
  for (const auto& [a, link] : links) g.AddEdge(vertex_of.at(a), vertex_of.at(link.other), link.data);
  return g;
}

}  // namespace entgraph
