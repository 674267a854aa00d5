#include "query/evidence.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <unordered_map>

#include "common/utf8.h"
#include "graph/document_links.h"

namespace entgraph {

struct Range {
  size_t start, end;
};

class EvidenceReader {
 public:
  explicit EvidenceReader(Store& store)
      : store_(store),
        document_(store.db().Prepare("SELECT path, text FROM documents WHERE id = ?")) {}

  // The excerpt ranges of one unit: one sentence, or the two sentences of the closest pair.
  std::vector<Range> Excerpt(Scope scope, int64_t a, int64_t b, int64_t doc, int64_t unit) {
    const StoredAnalysis& stored = Stored(doc);
    if (scope == Scope::kSentence) return {Sentence(stored, unit)};
    auto from = stored.mentions.begin(), to = stored.mentions.end();
    if (scope == Scope::kParagraph) {
      // Paragraph numbers rise with the text, so the unit's mentions are one run: found by halving,
      // not by reading every mention of a long document once per unit.
      const auto p = static_cast<uint32_t>(unit);
      from = std::lower_bound(from, to, p, [](const StoredMention& m, uint32_t v) { return m.paragraph < v; });
      to = std::upper_bound(from, to, p, [](uint32_t v, const StoredMention& m) { return v < m.paragraph; });
    }
    std::vector<const StoredMention*> ms;
    for (auto m = from; m != to; ++m) {
      if (m->entity == a || m->entity == b) ms.push_back(&*m);
    }
    // Mentions are in text order: the closest a-b pair is among neighbours of different entities.
    int64_t best = -1, s1 = 0, s2 = 0;
    for (size_t i = 0; i + 1 < ms.size(); ++i) {
      if (ms[i]->entity == ms[i + 1]->entity) continue;
      const auto d = static_cast<int64_t>(ms[i + 1]->start - ms[i]->start);
      if (best < 0 || d < best) std::tie(best, s1, s2) = std::make_tuple(d, ms[i]->sentence, ms[i + 1]->sentence);
    }
    if (s1 == s2) return {Sentence(stored, s1)};
    const Range first = Sentence(stored, s1), second = Sentence(stored, s2);
    if (s2 == s1 + 1) return {Range{first.start, second.end}};
    return {first, second};
  }

  // What is stored of a document's mentions (nothing for a document id that is not there).
  const StoredAnalysis& Stored(int64_t doc) {
    auto it = analyses_.find(doc);
    if (it != analyses_.end()) return it->second;
    if (analyses_.size() > 100000) analyses_.clear();  // a budget, as for the documents below
    return analyses_[doc] = store_.LoadAnalysis(doc).value_or(StoredAnalysis{});
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
  static Range Sentence(const StoredAnalysis& stored, int64_t no) {
    const std::optional<Span> span = stored.SentenceSpan(static_cast<uint32_t>(no));
    return span ? Range{span->start, span->end} : Range{0, 0};
  }

  Store& store_;
  sql::Statement document_;
  std::unordered_map<int64_t, StoredAnalysis> analyses_;
  std::map<int64_t, std::pair<std::string, std::string>> documents_;
  size_t cached_bytes_ = 0;
};

namespace {

// The units of one document that mention both a and b, in order (sentence or paragraph numbers;
// document scope's one unit is 0).
std::vector<int64_t> SharedUnits(const StoredAnalysis& stored, Scope scope, int64_t a, int64_t b) {
  if (scope == Scope::kDocument) return {0};
  std::vector<int64_t> of_a, of_b;
  for (const StoredMention& m : stored.mentions) {
    std::vector<int64_t>* units = m.entity == a ? &of_a : m.entity == b ? &of_b : nullptr;
    const int64_t unit = scope == Scope::kSentence ? m.sentence : m.paragraph;
    // In text order, so each list is sorted; keep each unit once.
    if (units && (units->empty() || units->back() != unit)) units->push_back(unit);
  }
  std::vector<int64_t> both;
  std::set_intersection(of_a.begin(), of_a.end(), of_b.begin(), of_b.end(), std::back_inserter(both));
  return both;
}

struct Unit {
  int64_t doc, unit;
};

// The units (doc_id, unit) that mention both a and b, in document order, at most max_scan (0: all):
// the documents both are listed in, then the packed mentions of each such document give its units.
std::vector<Unit> UnitsOfPair(Store& store, EvidenceReader& reader, Scope scope, int64_t a, int64_t b,
                              size_t max_scan) {
  const std::vector<int64_t> of_a = store.DocumentsOf(a), of_b = store.DocumentsOf(b);
  std::vector<int64_t> shared;
  std::set_intersection(of_a.begin(), of_a.end(), of_b.begin(), of_b.end(), std::back_inserter(shared));
  std::vector<Unit> units;
  for (int64_t doc : shared) {
    for (int64_t unit : SharedUnits(reader.Stored(doc), scope, a, b)) {
      if (max_scan > 0 && units.size() == max_scan) return units;
      units.push_back(Unit{doc, unit});
    }
  }
  return units;
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
  const std::vector<Unit> units = UnitsOfPair(store_, reader, scope, a, b, max_scan);
  // Rank on the excerpts' ranges first; read text and count lines only for the ones returned (a
  // hub pair can have tens of thousands of units in one long document).
  struct Candidate {
    int64_t doc;
    std::vector<Range> ranges;
    size_t length;
  };
  std::vector<Candidate> candidates;
  for (const Unit& u : units) {
    Candidate c{u.doc, reader.Excerpt(scope, a, b, u.doc, u.unit), 0};
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
  if (scope == Scope::kDocument) {
    const std::optional<DocumentLink> link = DocumentLinkBetween(store_, a, b);
    if (!link) return std::nullopt;
    return Item(link->first_doc, reader_->Excerpt(scope, a, b, link->first_doc, 0));
  }
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
