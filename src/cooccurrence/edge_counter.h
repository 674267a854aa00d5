// Sums co-occurrence over many documents into the graph's edges and the entities' unit counts.
//
// Edges and their Dice coefficients (see cooccurrence.h) are computed here, in memory, one
// document at a time, instead of by SQL over a table of every (pair, unit) row: such a table
// holds tens of millions of rows for a few hundred megabytes of news, and writing it cost far more
// than finding the mentions. Memory grows with the number of distinct entities and pairs, not with
// the corpus.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cooccurrence/cooccurrence.h"
#include "recognizer/recognizer.h"

namespace entgraph {

// How many units of each scope mention an entity.
struct EntityCounts {
  uint32_t entity = 0;
  uint64_t mentions = 0, documents = 0, paragraphs = 0, sentences = 0;

  uint64_t Units(Scope scope) const {
    return scope == Scope::kSentence ? sentences : scope == Scope::kParagraph ? paragraphs : documents;
  }
};

struct EdgeCount {
  Scope scope = Scope::kSentence;
  uint32_t a = 0, b = 0;  // a < b
  uint64_t weight = 0;    // units that name both
  double dice = 0;
  int64_t first_doc = 0;  // the first unit that names both: a diagram's tooltip needs one, and
  uint32_t first_unit = 0;  // finding it through the mentions costs as much as all of them
};

class EdgeCounter {
 public:
  // A pair's weight at a scope is held in 32 bits beside its key until it reaches `spill_at`, then
  // carried aside (CountRare): the default spills after four billion units. (A test passes a
  // small figure to see the carried weights come out whole.)
  explicit EdgeCounter(uint32_t spill_at = UINT32_MAX);

  // Adds document `doc_id`: its entities' units and its sentence and paragraph links. Mentions'
  // entity fields are the ids to count under, or, given `ids`, index it for them (ids below 2^31);
  // ambiguous mentions count for nothing. Documents come in id order.
  void Add(const Analysis& analysis, int64_t doc_id = 0, const std::vector<int64_t>* ids = nullptr) {
    AddPart(analysis, doc_id, ids, /*first_part=*/true);
  }
  // The same a part at a time, for a long document recognized in pieces: the mentions of whole
  // paragraphs, in text order, with the document's sentence and paragraph numbers. Only the first
  // part of a document starts a new one.
  void AddPart(const Analysis& part, int64_t doc_id, const std::vector<int64_t>* ids, bool first_part);
  // Adds document `doc_id`'s document-scope links instead: every pair of `entities` (its distinct
  // entities, rising), and a document to each entity's count. For working out document links
  // from stored lists (graph/document_links.h); a document goes to Add or to this, not both.
  void AddDocumentEntities(const std::vector<uint32_t>& entities, int64_t doc_id);

  // Every entity mentioned at least once, by id.
  std::vector<EntityCounts> Entities() const;
  // Every linked pair, by (scope, a, b), with its Dice coefficient.
  std::vector<EdgeCount> Edges() const;

 private:
  struct Seen {
    EntityCounts counts;
    uint64_t document = 0;  // the Add call that last saw the entity (1-based); 0: never seen
    uint32_t sentence = 0, paragraph = 0;
  };
  // The entity's record, made on its first visit. Ids are a dictionary's, nearly dense: kept in
  // chunks by id, without the hashing std::unordered_map spent a tenth of counting's time on.
  Seen& SeenOf(uint32_t id);
  const EntityCounts& SeenCounts(uint32_t id) const;  // of an entity seen
  static constexpr size_t kSeenChunk = 4096;
  std::vector<std::unique_ptr<Seen[]>> seen_;

  // Open addressing, linear probing, at most half full: a document can add millions of pairs, and
  // std::unordered_map's node per entry made counting slower than storing the mentions. A pair is
  // one entry for both sentence and paragraph scope (every pair a sentence links, its paragraph
  // links too) of 16 bytes: a quarter of the memory of an entry of 32 bytes per pair and scope
  // (which alone made counting no faster; the batches below did). Kinds of count: 0 sentence,
  // 1 paragraph; a document-scope pair (AddDocumentEntities) is keyed apart, and counts as kind 0.
  struct PairSlot {
    uint64_t key = 0;  // document << 62 | a << 31 | b; 0 is free (a < b, so no pair has key 0)
    uint32_t weight[2] = {0, 0};
  };
  // What a count needs rarely, beside each slot (same index): where each kind was first counted,
  // and the weight carried out of the slot.
  struct PairExtra {
    int64_t first_doc[2] = {0, 0};
    uint32_t first_unit[2] = {0, 0};
    uint64_t spilled[2] = {0, 0};
  };
  size_t SlotFor(uint64_t key) const;  // the key's slot, or the free slot where it would go
  void CountPair(uint64_t key, unsigned kind, int64_t doc_id, uint32_t unit);
  // The count of a kind whose slot weight is 0 (the pair's first unit of that kind) or full.
  void CountRare(size_t slot, unsigned kind, int64_t doc_id, uint32_t unit);
  void Grow();
  // Pairs are counted a batch at a time, each pair's slot fetched from memory kAhead pairs before
  // it is counted: a corpus's pairs fill a table of megabytes, and each count waited for a cache
  // miss. In the order they come, so that a pair's first unit is still the first that counts it.
  void CountUnit(unsigned kind, uint32_t unit, std::vector<uint32_t>& entities, int64_t doc_id);  // clears it
  void CountBatch(int64_t doc_id);
  // The weight of a kind of count of slot i.
  uint64_t Weight(size_t i, unsigned kind) const { return extras_[i].spilled[kind] + pairs_[i].weight[kind]; }

  struct Batched {
    uint64_t key;
    uint32_t unit;
    uint32_t kind;
  };
  static constexpr size_t kAhead = 16;    // how many pairs ahead a slot is fetched
  static constexpr size_t kBatch = 4096;  // pairs
  std::vector<Batched> batch_ = std::vector<Batched>(kBatch);
  size_t batch_size_ = 0;
  std::vector<uint32_t> in_sentence_, in_paragraph_;  // a unit's distinct entities, as AddPart finds them

  uint32_t spill_at_;
  std::vector<PairSlot> pairs_ = std::vector<PairSlot>(1024);
  std::vector<PairExtra> extras_ = std::vector<PairExtra>(1024);
  size_t pair_count_ = 0;
  uint64_t documents_ = 0;
};

}  // namespace entgraph
