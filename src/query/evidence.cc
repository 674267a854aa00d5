#include "query/evidence.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/utf8.h"

namespace entgraph {

struct Range {
  size_t start, end;
};

class EvidenceReader {
 public:
  explicit EvidenceReader(Store& store)
      : sentence_(store.db().Prepare("SELECT start, end FROM sentences WHERE doc_id = ? AND no = ?")),
        mentions_(store.db().Prepare(
            "SELECT entity_id, start, sentence FROM mentions WHERE doc_id = ?1 AND entity_id IN (?2, ?3) "
            "AND (?4 < 0 OR paragraph = ?4) ORDER BY start")),
        document_(store.db().Prepare("SELECT path, text FROM documents WHERE id = ?")) {}

  // The excerpt ranges of one unit: one sentence, or the two sentences of the closest pair.
  std::vector<Range> Excerpt(Scope scope, int64_t a, int64_t b, int64_t doc, int64_t unit) {
    if (scope == Scope::kSentence) return {Sentence(doc, unit)};
    mentions_.Bind(1, doc).Bind(2, a).Bind(3, b).Bind(4, scope == Scope::kParagraph ? unit : int64_t{-1});
    struct M {
      int64_t entity, start, sentence;
    };
    std::vector<M> ms;
    while (mentions_.Step()) ms.push_back(M{mentions_.Int(0), mentions_.Int(1), mentions_.Int(2)});
    mentions_.Reset();
    // Mentions are in text order: the closest a-b pair is among neighbours of different entities.
    int64_t best = -1, s1 = 0, s2 = 0;
    for (size_t i = 0; i + 1 < ms.size(); ++i) {
      if (ms[i].entity == ms[i + 1].entity) continue;
      const int64_t d = ms[i + 1].start - ms[i].start;
      if (best < 0 || d < best) std::tie(best, s1, s2) = std::make_tuple(d, ms[i].sentence, ms[i + 1].sentence);
    }
    if (s1 == s2) return {Sentence(doc, s1)};
    const Range first = Sentence(doc, s1), second = Sentence(doc, s2);
    if (s2 == s1 + 1) return {Range{first.start, second.end}};
    return {first, second};
  }

  const std::pair<std::string, std::string>& Document(int64_t doc) {
    auto it = documents_.find(doc);
    if (it != documents_.end()) return it->second;
    if (cached_bytes_ > (256u << 20)) {  // a budget, not a true LRU: start over when it is spent
      documents_.clear();
      cached_bytes_ = 0;
    }
    document_.Bind(1, doc);
    document_.Step();
    auto& entry = documents_[doc];
    entry = {std::string(document_.Text(0)), std::string(document_.Text(1))};
    document_.Reset();
    cached_bytes_ += entry.second.size();
    return entry;
  }

 private:
  Range Sentence(int64_t doc, int64_t no) {
    sentence_.Bind(1, doc).Bind(2, no);
    Range r{0, 0};
    if (sentence_.Step()) r = Range{static_cast<size_t>(sentence_.Int(0)), static_cast<size_t>(sentence_.Int(1))};
    sentence_.Reset();
    return r;
  }

  sql::Statement sentence_, mentions_, document_;
  std::map<int64_t, std::pair<std::string, std::string>> documents_;
  size_t cached_bytes_ = 0;
};

namespace {

// The units (doc_id, unit) that mention both a and b, in document order: the mentions of the
// rarer entity are walked, and each is kept when the other entity has a mention in the same unit
// (one look-up in the mention index). Document scope's unit is 0.
sql::Statement UnitsOfPair(Store& store, Scope scope, int64_t a, int64_t b, size_t max_scan) {
  auto mentions = [&](int64_t e) {
    return store.Count("SELECT mentions FROM entity_stats WHERE entity_id = " + std::to_string(e));
  };
  if (mentions(a) > mentions(b)) std::swap(a, b);
  const char* sql = nullptr;
  switch (scope) {
    case Scope::kSentence:
      sql = "SELECT DISTINCT m.doc_id, m.sentence FROM mentions m WHERE m.entity_id = ?1 AND EXISTS (SELECT 1 "
            "FROM mentions o WHERE o.entity_id = ?2 AND o.doc_id = m.doc_id AND o.paragraph = m.paragraph "
            "AND o.sentence = m.sentence) ORDER BY m.doc_id, m.sentence LIMIT ?3";
      break;
    case Scope::kParagraph:
      sql = "SELECT DISTINCT m.doc_id, m.paragraph FROM mentions m WHERE m.entity_id = ?1 AND EXISTS (SELECT 1 "
            "FROM mentions o WHERE o.entity_id = ?2 AND o.doc_id = m.doc_id AND o.paragraph = m.paragraph) "
            "ORDER BY m.doc_id, m.paragraph LIMIT ?3";
      break;
    case Scope::kDocument:
      sql = "SELECT DISTINCT m.doc_id, 0 FROM mentions m WHERE m.entity_id = ?1 AND EXISTS (SELECT 1 "
            "FROM mentions o WHERE o.entity_id = ?2 AND o.doc_id = m.doc_id) ORDER BY m.doc_id LIMIT ?3";
      break;
  }
  auto q = store.db().Prepare(sql);
  q.Bind(1, a).Bind(2, b).Bind(3, max_scan > 0 ? static_cast<int64_t>(max_scan) : int64_t{-1});
  return q;
}

}  // namespace

EvidenceFinder::EvidenceFinder(Store& store) : store_(store), reader_(std::make_unique<EvidenceReader>(store)) {}
EvidenceFinder::~EvidenceFinder() = default;

std::vector<EvidenceItem> FindEvidence(Store& store, Scope scope, int64_t a, int64_t b, size_t limit,
                                       size_t max_scan) {
  return EvidenceFinder(store).Find(scope, a, b, limit, max_scan);
}

std::vector<EvidenceItem> EvidenceFinder::Find(Scope scope, int64_t a, int64_t b, size_t limit, size_t max_scan) {
  if (a > b) std::swap(a, b);
  EvidenceReader& reader = *reader_;
  auto units = UnitsOfPair(store_, scope, a, b, max_scan);
  // Rank on the excerpts' ranges first; read text and count lines only for the ones returned (a
  // hub pair can have tens of thousands of units in one long document).
  struct Candidate {
    int64_t doc;
    std::vector<Range> ranges;
    size_t length;
  };
  std::vector<Candidate> candidates;
  while (units.Step()) {
    Candidate c{units.Int(0), reader.Excerpt(scope, a, b, units.Int(0), units.Int(1)), 0};
    for (const Range& r : c.ranges) c.length += r.end - r.start;
    candidates.push_back(std::move(c));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.length < y.length; });
  if (limit > 0 && candidates.size() > limit) candidates.resize(limit);
  std::vector<EvidenceItem> items;
  for (const Candidate& c : candidates) items.push_back(Item(c.doc, c.ranges));
  return items;
}

std::optional<EvidenceItem> EvidenceFinder::First(Scope scope, int64_t a, int64_t b) {
  if (a > b) std::swap(a, b);
  auto q = store_.db().Prepare("SELECT first_doc, first_unit FROM edges WHERE scope = ? AND a = ? AND b = ?");
  q.Bind(1, static_cast<int64_t>(scope)).Bind(2, a).Bind(3, b);
  if (!q.Step()) return std::nullopt;
  const int64_t doc = q.Int(0);
  return Item(doc, reader_->Excerpt(scope, a, b, doc, q.Int(1)));
}

EvidenceItem EvidenceFinder::Item(int64_t doc, const std::vector<Range>& ranges) {
  const auto& [path, text] = reader_->Document(doc);
  EvidenceItem item;
  item.doc = path;
  item.doc_id = doc;
  item.start = ranges.front().start;
  item.end = ranges.back().end;
  item.line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(item.start), '\n'));
  for (const Range& r : ranges) {
    if (!item.text.empty()) item.text += " … ";
    item.text += utf8::CollapseSpace(utf8::Sanitize(std::string_view(text).substr(r.start, r.end - r.start)));
  }
  return item;
}

}  // namespace entgraph
