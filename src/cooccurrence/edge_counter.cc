#include "cooccurrence/edge_counter.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace entgraph {
namespace {

constexpr uint64_t kIdLimit = uint64_t{1} << 31;

uint64_t PairKey(const UnitPair& p) {
  return (static_cast<uint64_t>(p.scope) << 62) | (uint64_t{p.a} << 31) | p.b;
}

}  // namespace

void EdgeCounter::Add(const Analysis& analysis) {
  const uint64_t doc = ++documents_;
  for (const Mention& m : analysis.mentions) {
    if (m.ambiguous()) continue;
    if (static_cast<uint64_t>(m.entity) >= kIdLimit) {
      throw Error("entity id " + std::to_string(m.entity) + " is too large to count", kExitInternal);
    }
    Seen& s = entities_[static_cast<uint32_t>(m.entity)];
    s.counts.entity = static_cast<uint32_t>(m.entity);
    ++s.counts.mentions;
    // Mentions are in text order, so a unit's mentions of an entity are consecutive visits.
    const bool new_doc = s.document != doc;
    if (new_doc || s.paragraph != m.paragraph) ++s.counts.paragraphs;
    if (new_doc || s.sentence != m.sentence) ++s.counts.sentences;
    if (new_doc) ++s.counts.documents;
    s.document = doc;
    s.paragraph = m.paragraph;
    s.sentence = m.sentence;
  }
  for (const UnitPair& p : CoOccurrences(analysis)) ++pairs_[PairKey(p)];
}

std::vector<EntityCounts> EdgeCounter::Entities() const {
  std::vector<EntityCounts> out;
  out.reserve(entities_.size());
  for (const auto& [id, seen] : entities_) out.push_back(seen.counts);
  std::sort(out.begin(), out.end(), [](const EntityCounts& x, const EntityCounts& y) { return x.entity < y.entity; });
  return out;
}

std::vector<EdgeCount> EdgeCounter::Edges() const {
  std::vector<std::pair<uint64_t, uint64_t>> sorted(pairs_.begin(), pairs_.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<EdgeCount> out;
  out.reserve(sorted.size());
  for (const auto& [key, weight] : sorted) {
    EdgeCount e;
    e.scope = static_cast<Scope>(key >> 62);
    e.a = static_cast<uint32_t>((key >> 31) & (kIdLimit - 1));
    e.b = static_cast<uint32_t>(key & (kIdLimit - 1));
    e.weight = weight;
    const uint64_t units = entities_.at(e.a).counts.Units(e.scope) + entities_.at(e.b).counts.Units(e.scope);
    e.dice = 2.0 * static_cast<double>(weight) / static_cast<double>(units);
    out.push_back(e);
  }
  return out;
}

}  // namespace entgraph
