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

size_t Home(uint64_t key, size_t mask) {
  const uint64_t h = key * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h ^ (h >> 32)) & mask;
}

}  // namespace

void EdgeCounter::AddPart(const Analysis& analysis, int64_t doc_id, const std::vector<int64_t>* ids,
                          bool first_part) {
  const uint64_t doc = first_part ? ++documents_ : documents_;
  for (const Mention& m : analysis.mentions) {
    if (m.ambiguous()) continue;
    const int64_t id = ids ? (*ids)[static_cast<size_t>(m.entity)] : m.entity;
    if (id < 0 || static_cast<uint64_t>(id) >= kIdLimit) {
      throw Error("entity id " + std::to_string(id) + " is too large to count", kExitInternal);
    }
    Seen& s = entities_[static_cast<uint32_t>(id)];
    s.counts.entity = static_cast<uint32_t>(id);
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
  ForEachCoOccurrence(analysis, CoOccurrenceOptions{/*document=*/false, ids},
                      [&](const UnitPair& p) { CountSoon(PairKey(p), doc_id, p.unit); });
  CountWaiting(doc_id);
}

void EdgeCounter::CountSoon(uint64_t key, int64_t doc_id, uint32_t unit) {
  __builtin_prefetch(&pairs_[Home(key, pairs_.size() - 1)]);  // a hint: growing the table moves it
  Waiting& w = waiting_[waiting_next_];
  if (waiting_count_ == kAhead) {
    CountPair(w.key, doc_id, w.unit);
  } else {
    ++waiting_count_;
  }
  w = Waiting{key, unit};
  waiting_next_ = (waiting_next_ + 1) % kAhead;
}

void EdgeCounter::CountWaiting(int64_t doc_id) {
  for (size_t i = kAhead - waiting_count_; i < kAhead; ++i) {  // the oldest first
    const Waiting& w = waiting_[(waiting_next_ + i) % kAhead];
    CountPair(w.key, doc_id, w.unit);
  }
  waiting_count_ = 0;
}

void EdgeCounter::AddDocumentEntities(const std::vector<uint32_t>& entities, int64_t doc_id) {
  const uint64_t doc = ++documents_;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i] >= kIdLimit || (i > 0 && entities[i] <= entities[i - 1])) {
      throw Error("a document's entities must be distinct ids below 2^31, rising", kExitInternal);
    }
    Seen& s = entities_[entities[i]];
    s.counts.entity = entities[i];
    ++s.counts.documents;
    s.document = doc;
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    for (size_t j = i + 1; j < entities.size(); ++j) {
      CountPair(PairKey(UnitPair{Scope::kDocument, 0, entities[i], entities[j]}), doc_id, 0);
    }
  }
}

EdgeCounter::PairSlot& EdgeCounter::SlotFor(uint64_t key) {
  const size_t mask = pairs_.size() - 1;
  size_t i = Home(key, mask);
  while (pairs_[i].key != 0 && pairs_[i].key != key) i = (i + 1) & mask;
  return pairs_[i];
}

void EdgeCounter::CountPair(uint64_t key, int64_t doc_id, uint32_t unit) {
  PairSlot* slot = &SlotFor(key);
  if (slot->key == 0) {
    if ((pair_count_ + 1) * 2 > pairs_.size()) {  // keep the table at most half full
      std::vector<PairSlot> old(pairs_.size() * 2);
      old.swap(pairs_);
      for (const PairSlot& s : old) {
        if (s.key != 0) SlotFor(s.key) = s;
      }
      slot = &SlotFor(key);
    }
    *slot = PairSlot{key, 0, doc_id, unit};
    ++pair_count_;
  }
  ++slot->weight;
}

std::vector<EntityCounts> EdgeCounter::Entities() const {
  std::vector<EntityCounts> out;
  out.reserve(entities_.size());
  for (const auto& [id, seen] : entities_) out.push_back(seen.counts);
  std::sort(out.begin(), out.end(), [](const EntityCounts& x, const EntityCounts& y) { return x.entity < y.entity; });
  return out;
}

std::vector<EdgeCount> EdgeCounter::Edges() const {
  std::vector<PairSlot> sorted;
  sorted.reserve(pair_count_);
  for (const PairSlot& s : pairs_) {
    if (s.key != 0) sorted.push_back(s);
  }
  std::sort(sorted.begin(), sorted.end(), [](const PairSlot& x, const PairSlot& y) { return x.key < y.key; });
  std::vector<EdgeCount> out;
  out.reserve(sorted.size());
  for (const PairSlot& slot : sorted) {
    const uint64_t key = slot.key, weight = slot.weight;
    EdgeCount e;
    e.first_doc = slot.first_doc;
    e.first_unit = slot.first_unit;
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
