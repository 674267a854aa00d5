// The evidence for a link: the text of each unit that links two entities.
//
// At sentence scope the excerpt is the sentence. A paragraph or a whole document is too long to
// read as proof, so there the excerpt is the shortest stretch of whole sentences that names both:
// the sentences of the closest pair of mentions of the two entities in the unit, one sentence when
// they share it, two (joined by " … " when they are not adjacent) otherwise.
//
// Ranking: shorter excerpts first (a sentence that names both beats two sentences), then document
// and position order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cooccurrence/cooccurrence.h"
#include "store/store.h"

namespace entgraph {

struct EvidenceItem {
  std::string doc;   // the document's path as stored
  size_t line = 0;   // 1-based line of the excerpt's start
  std::string text;  // white space collapsed, valid UTF-8
  int64_t doc_id = 0;
  size_t start = 0;  // byte range of the excerpt in the document
  size_t end = 0;
};

// The evidence of the edge between entity ids a and b at `scope`, best first; at most `limit`
// items (0: all). Empty when they are not linked. With `max_scan` > 0, the best is chosen among the
// first max_scan units only (in document order): a hub pair may have tens of thousands, and a
// tooltip or a path step needs a good sentence, not the provably shortest one.
std::vector<EvidenceItem> FindEvidence(Store& store, Scope scope, int64_t a, int64_t b, size_t limit,
                                       size_t max_scan = 0);

// The same for many edges in one command (a path's steps, a diagram's tooltips): keeps what it
// has unpacked of each document's mentions, and where it has counted lines to. Of a document's
// text it reads only the excerpts, and the newlines before them once (a document can be a 200 MB
// file).
class EvidenceFinder {
 public:
  explicit EvidenceFinder(Store& store);
  ~EvidenceFinder();
  EvidenceFinder(const EvidenceFinder&) = delete;
  EvidenceFinder& operator=(const EvidenceFinder&) = delete;

  std::vector<EvidenceItem> Find(Scope scope, int64_t a, int64_t b, size_t limit, size_t max_scan = 0);
  // The excerpt of the first unit that links a and b (recorded with the edge: one look-up however
  // common both are); nullopt when they are not linked.
  std::optional<EvidenceItem> First(Scope scope, int64_t a, int64_t b);

 private:
  EvidenceItem Item(int64_t doc, const std::vector<struct Range>& ranges);  // text and line of ranges

  Store& store_;
  std::unique_ptr<class EvidenceReader> reader_;
};

}  // namespace entgraph
