#include "cooccurrence/edge_counter.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace entgraph {
namespace {

constexpr uint64_t kIdLimit = uint64_t{1} << 31;
constexpr uint64_t kDocumentKey = uint64_t{1} << 62;

uint64_t PairKey(uint32_t a, uint32_t b) { return (uint64_t{a} << 31) | b; }

size_t Home(uint64_t key, size_t mask) {
  const uint64_t h = key * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h ^ (h >> 32)) & mask;
}

}  // namespace

EdgeCounter::EdgeCounter(uint32_t spill_at) : spill_at_(spill_at) {
  if (spill_at < 2) throw Error("an edge counter spills its weights at 2 or more", kExitInternal);
}

EdgeCounter::Seen& EdgeCounter::SeenOf(uint32_t id) {
  const size_t chunk = id / kSeenChunk;
  if (chunk >= seen_.size()) seen_.resize(chunk + 1);
  if (!seen_[chunk]) seen_[chunk] = std::make_unique<Seen[]>(kSeenChunk);
  Seen& s = seen_[chunk][id % kSeenChunk];
  s.counts.entity = id;
  return s;
}

void EdgeCounter::AddPart(const Analysis& analysis, int64_t doc_id, const std::vector<int64_t>* ids,
                          bool first_part) {
  const uint64_t doc = first_part ? ++documents_ : documents_;
  const std::vector<Mention>& mentions = analysis.mentions;
  in_sentence_.clear();
  in_paragraph_.clear();
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (!m.ambiguous()) {
      const int64_t id = ids ? (*ids)[static_cast<size_t>(m.entity)] : m.entity;
      if (id < 0 || static_cast<uint64_t>(id) >= kIdLimit) {
        throw Error("entity id " + std::to_string(id) + " is too large to count", kExitInternal);
      }
      Seen& s = SeenOf(static_cast<uint32_t>(id));
      ++s.counts.mentions;
      // Mentions are in text order, so a unit's mentions of an entity are consecutive visits, and
      // its first visit in a unit puts it on the unit's list of distinct entities.
      const bool new_doc = s.document != doc;
      if (new_doc || s.paragraph != m.paragraph) {
        ++s.counts.paragraphs;
        in_paragraph_.push_back(static_cast<uint32_t>(id));
      }
      if (new_doc || s.sentence != m.sentence) {
        ++s.counts.sentences;
        in_sentence_.push_back(static_cast<uint32_t>(id));
      }
      if (new_doc) ++s.counts.documents;
      s.document = doc;
      s.paragraph = m.paragraph;
      s.sentence = m.sentence;
    }
    const bool last = i + 1 == mentions.size();
    if (last || mentions[i + 1].sentence != m.sentence) CountUnit(0, m.sentence, in_sentence_, doc_id);
    if (last || mentions[i + 1].paragraph != m.paragraph) CountUnit(1, m.paragraph, in_paragraph_, doc_id);
  }
  CountBatch(doc_id);
}

void EdgeCounter::CountUnit(unsigned kind, uint32_t unit, std::vector<uint32_t>& entities, int64_t doc_id) {
  std::sort(entities.begin(), entities.end());
  for (size_t i = 0; i < entities.size(); ++i) {
    for (size_t j = i + 1; j < entities.size(); ++j) {
      if (batch_size_ == kBatch) CountBatch(doc_id);
      batch_[batch_size_++] = Batched{PairKey(entities[i], entities[j]), unit, kind};
    }
  }
  entities.clear();
}

void EdgeCounter::CountBatch(int64_t doc_id) {
  const size_t n = batch_size_;
  for (size_t i = 0; i < n; ++i) {
    // A hint: growing the table moves it, and the slot is looked up again when counted.
    if (i + kAhead < n) __builtin_prefetch(&pairs_[Home(batch_[i + kAhead].key, pairs_.size() - 1)]);
    CountPair(batch_[i].key, batch_[i].kind, doc_id, batch_[i].unit);
  }
  batch_size_ = 0;
}

void EdgeCounter::AddDocumentEntities(const std::vector<uint32_t>& entities, int64_t doc_id) {
  const uint64_t doc = ++documents_;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i] >= kIdLimit || (i > 0 && entities[i] <= entities[i - 1])) {
      throw Error("a document's entities must be distinct ids below 2^31, rising", kExitInternal);
    }
    Seen& s = SeenOf(entities[i]);
    ++s.counts.documents;
    s.document = doc;
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    for (size_t j = i + 1; j < entities.size(); ++j) {
      CountPair(kDocumentKey | PairKey(entities[i], entities[j]), 0, doc_id, 0);
    }
  }
}

size_t EdgeCounter::SlotFor(uint64_t key) const {
  const size_t mask = pairs_.size() - 1;
  size_t i = Home(key, mask);
  while (pairs_[i].key != 0 && pairs_[i].key != key) i = (i + 1) & mask;
  return i;
}

void EdgeCounter::Grow() {
  std::vector<PairSlot> old(pairs_.size() * 2);
  std::vector<PairExtra> old_extras(old.size());
  old.swap(pairs_);
  old_extras.swap(extras_);
  for (size_t i = 0; i < old.size(); ++i) {
    if (old[i].key == 0) continue;
    const size_t to = SlotFor(old[i].key);
    pairs_[to] = old[i];
    extras_[to] = old_extras[i];
  }
}

inline void EdgeCounter::CountPair(uint64_t key, unsigned kind, int64_t doc_id, uint32_t unit) {
  size_t i = SlotFor(key);
  if (pairs_[i].key == 0) {
    if ((pair_count_ + 1) * 2 > pairs_.size()) {  // keep the table at most half full
      Grow();
      i = SlotFor(key);
    }
    pairs_[i].key = key;
    ++pair_count_;
  }
  uint32_t& weight = pairs_[i].weight[kind];
  if (weight == 0 || weight == spill_at_) [[unlikely]] {
    CountRare(i, kind, doc_id, unit);
  } else {
    ++weight;
  }
}

void EdgeCounter::CountRare(size_t slot, unsigned kind, int64_t doc_id, uint32_t unit) {
  uint32_t& weight = pairs_[slot].weight[kind];
  PairExtra& extra = extras_[slot];
  if (weight == spill_at_) {
    extra.spilled[kind] += weight;
    weight = 0;
  } else if (extra.spilled[kind] == 0) {  // weight 0 and nothing carried: never counted
    extra.first_doc[kind] = doc_id;
    extra.first_unit[kind] = unit;
  }
  ++weight;
}

std::vector<EntityCounts> EdgeCounter::Entities() const {
  std::vector<EntityCounts> out;
  for (const auto& chunk : seen_) {
    if (!chunk) continue;
    for (size_t i = 0; i < kSeenChunk; ++i) {
      if (chunk[i].document != 0) out.push_back(chunk[i].counts);
    }
  }
  return out;  // in id order, as the chunks are
}

std::vector<EdgeCount> EdgeCounter::Edges() const {
  std::vector<uint32_t> sorted;  // slots, by key
  sorted.reserve(pair_count_);
  for (size_t i = 0; i < pairs_.size(); ++i) {
    if (pairs_[i].key != 0) sorted.push_back(static_cast<uint32_t>(i));
  }
  std::sort(sorted.begin(), sorted.end(), [&](uint32_t x, uint32_t y) { return pairs_[x].key < pairs_[y].key; });
  const auto documents = std::partition_point(sorted.begin(), sorted.end(),
                                              [&](uint32_t i) { return pairs_[i].key < kDocumentKey; });
  std::vector<EdgeCount> out;
  out.reserve(pair_count_);
  auto add = [&](Scope scope, uint32_t i, unsigned kind) {
    const uint64_t weight = Weight(i, kind);
    if (weight == 0) return;
    EdgeCount e;
    e.scope = scope;
    e.a = static_cast<uint32_t>((pairs_[i].key >> 31) & (kIdLimit - 1));
    e.b = static_cast<uint32_t>(pairs_[i].key & (kIdLimit - 1));
    e.weight = weight;
    e.first_doc = extras_[i].first_doc[kind];
    e.first_unit = extras_[i].first_unit[kind];
    const uint64_t units = SeenCounts(e.a).Units(scope) + SeenCounts(e.b).Units(scope);
    e.dice = 2.0 * static_cast<double>(weight) / static_cast<double>(units);
    out.push_back(e);
  };
  for (auto it = sorted.begin(); it != documents; ++it) add(Scope::kSentence, *it, 0);
  for (auto it = sorted.begin(); it != documents; ++it) add(Scope::kParagraph, *it, 1);
  for (auto it = documents; it != sorted.end(); ++it) add(Scope::kDocument, *it, 0);
  return out;
}

const EntityCounts& EdgeCounter::SeenCounts(uint32_t id) const {
  return seen_.at(id / kSeenChunk)[id % kSeenChunk].counts;
}

}  // namespace entgraph
