// Sums co-occurrence over many documents into the graph's edges and the entities' unit counts.
//
// Edges and their Dice coefficients (see cooccurrence.h) are computed here, in memory, one
// document at a time, instead of by SQL over a table of every (pair, unit) row: such a table
// holds tens of millions of rows for a few hundred megabytes of news, and writing it cost far more
// than finding the mentions. Memory grows with the number of distinct entities and pairs, not with
// the corpus.
#pragma once

#include <cstdint>
#include <unordered_map>
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
    uint64_t document = 0;  // the Add call that last saw the entity (1-based)
    uint32_t sentence = 0, paragraph = 0;
  };

  // Open addressing, linear probing, at most half full: a document can add millions of pairs, and
  // std::unordered_map's node per entry made counting slower than storing the mentions.
  struct PairSlot {
    uint64_t key = 0;  // scope << 62 | a << 31 | b; 0 is free (a < b, so no pair has key 0)
    uint64_t weight = 0;
    int64_t first_doc = 0;
    uint32_t first_unit = 0;
  };
  PairSlot& SlotFor(uint64_t key);  // the key's slot, or the free slot where it would go
  void CountPair(uint64_t key, int64_t doc_id, uint32_t unit);
  // Counts a pair kAhead pairs later, its slot fetched from memory meanwhile: a corpus's pairs
  // fill a table of megabytes, and each count waited for a cache miss (two thirds of CountPair's
  // time). In the order they come, so that a pair's first unit is still the first that counts it.
  void CountSoon(uint64_t key, int64_t doc_id, uint32_t unit);
  void CountWaiting(int64_t doc_id);  // counts what CountSoon holds

  struct Waiting {
    uint64_t key;
    uint32_t unit;
  };
  static constexpr size_t kAhead = 16;  // a power of two; 8 ran as fast in the kernel, 32 slower
  Waiting waiting_[kAhead];
  size_t waiting_count_ = 0, waiting_next_ = 0;  // waiting_next_: the oldest, when all are taken

  std::unordered_map<uint32_t, Seen> entities_;
  std::vector<PairSlot> pairs_ = std::vector<PairSlot>(1024);
  size_t pair_count_ = 0;
  uint64_t documents_ = 0;
};

}  // namespace entgraph
