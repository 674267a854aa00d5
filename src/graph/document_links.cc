#include "graph/document_links.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "common/error.h"

namespace entgraph {
namespace {

// Reads how many documents name an entity (entity_stats), one prepared statement for many.
class DocumentCounts {
 public:
  explicit DocumentCounts(Store& store)
      : q_(store.db().Prepare("SELECT documents FROM entity_stats WHERE entity_id = ?")) {}
  int64_t Of(int64_t entity) {
    q_.Bind(1, entity);
    const int64_t n = q_.Step() ? q_.Int(0) : 0;
    q_.Reset();
    return n;
  }

 private:
  sql::Statement q_;
};

EdgeData Data(int64_t shared, int64_t docs_a, int64_t docs_b) {
  return EdgeData{shared, 2.0 * static_cast<double>(shared) / static_cast<double>(docs_a + docs_b)};
}

}  // namespace

std::vector<DocumentLink> DocumentLinksOf(Store& store, int64_t id) {
  struct Shared {
    int64_t documents = 0, first = 0;
  };
  std::unordered_map<int64_t, Shared> shared;
  // Documents come in id order, so the first to name another entity is its first shared one.
  store.ForEntitiesIn(store.DocumentsOf(id), [&](int64_t doc, const std::vector<int64_t>& entities) {
    for (int64_t e : entities) {
      if (e == id) continue;
      Shared& s = shared[e];
      if (s.documents++ == 0) s.first = doc;
    }
  });
  std::vector<DocumentLink> out;
  out.reserve(shared.size());
  DocumentCounts counts(store);
  const int64_t own = counts.Of(id);
  for (const auto& [other, s] : shared) {
    out.push_back(DocumentLink{other, Data(s.documents, own, counts.Of(other)), s.first});
  }
  std::sort(out.begin(), out.end(), [](const DocumentLink& x, const DocumentLink& y) { return x.other < y.other; });
  return out;
}

std::optional<DocumentLink> DocumentLinkBetween(Store& store, int64_t a, int64_t b) {
  const std::vector<int64_t> of_a = store.DocumentsOf(a), of_b = store.DocumentsOf(b);
  std::vector<int64_t> both;
  std::set_intersection(of_a.begin(), of_a.end(), of_b.begin(), of_b.end(), std::back_inserter(both));
  if (a == b || both.empty()) return std::nullopt;
  DocumentCounts counts(store);
  return DocumentLink{b, Data(static_cast<int64_t>(both.size()), counts.Of(a), counts.Of(b)), both.front()};
}

std::vector<EdgeCount> AllDocumentLinks(Store& store) {
  EdgeCounter counter;
  std::vector<uint32_t> ids;
  store.ForEachDocumentEntities([&](int64_t doc, const std::vector<int64_t>& entities) {
    ids.clear();
    for (int64_t e : entities) {
      if (e <= 0 || e >= (int64_t{1} << 31)) {
        throw Error("entity id " + std::to_string(e) + " of document " + std::to_string(doc) +
                    " is out of range: rebuild the database with 'entgraph build'");
      }
      ids.push_back(static_cast<uint32_t>(e));
    }
    counter.AddDocumentEntities(ids, doc);
  });
  return counter.Edges();
}

}  // namespace entgraph
