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
      : store_(store), path_(store.db().Prepare("SELECT path FROM documents WHERE id = ?")) {}

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
    if (analyses_.size() > 100000) analyses_.clear();  // a budget: a diagram may touch every document
    return analyses_[doc] = store_.LoadAnalysis(doc).value_or(StoredAnalysis{});
  }

  // The path of document `doc`, or nullopt when there is no such document (a link of a graph
  // written by other means may name none: it then has no excerpt).
  const std::optional<std::string>& Path(int64_t doc) {
    auto it = paths_.find(doc);
    if (it != paths_.end()) return it->second;
    path_.Bind(1, doc);
    std::optional<std::string> path;
    if (path_.Step()) path = std::string(path_.Text(0));
    path_.Reset();
    return paths_[doc] = std::move(path);
  }

  // Bytes [start, end) of document `doc`'s text. Only those are read: a document can be a 200 MB
  // file, and the excerpt a sentence of it.
  std::string Text(int64_t doc, size_t start, size_t end) {
    if (!Path(doc)) return "";
    const sql::Blob& text = Open(doc);
    end = std::min(end, text.size());
    std::string out(end > start ? end - start : 0, '\0');
    if (!out.empty()) text.Read(start, out.size(), out.data());
    return out;
  }

  // The 1-based line of byte `offset` of document `doc`: its newlines are counted from the
  // closest offset asked before, a megabyte at a time, not read whole.
  size_t LineOf(int64_t doc, size_t offset) {
    if (!Path(doc)) return 1;
    const sql::Blob& text = Open(doc);
    offset = std::min(offset, text.size());
    std::map<size_t, size_t>& known = lines_[doc];  // offset -> its line
    known.emplace(0, 1);
    auto it = std::prev(known.upper_bound(offset));
    size_t line = it->second;
    constexpr size_t kChunk = 1 << 20;
    for (size_t at = it->first; at < offset; at += kChunk) {
      const size_t n = std::min(kChunk, offset - at);
      chunk_.resize(n);
      text.Read(at, n, chunk_.data());
      line += static_cast<size_t>(std::count(chunk_.begin(), chunk_.end(), '\n'));
    }
    known.emplace(offset, line);
    return line;
  }

 private:
  static Range Sentence(const StoredAnalysis& stored, int64_t no) {
    const std::optional<Span> span = stored.SentenceSpan(static_cast<uint32_t>(no));
    return span ? Range{span->start, span->end} : Range{0, 0};
  }

  // The text of document `doc` (which must exist), for reading in place.
  const sql::Blob& Open(int64_t doc) {
    if (!text_) {
      text_ = std::make_unique<sql::Blob>(store_.db(), "documents", "text", doc, sql::Blob::Mode::kRead);
    } else if (text_doc_ != doc) {
      text_->Reopen(doc);
    }
    text_doc_ = doc;
    return *text_;
  }

  Store& store_;
  sql::Statement path_;
  std::unordered_map<int64_t, StoredAnalysis> analyses_;
  std::unordered_map<int64_t, std::optional<std::string>> paths_;
  std::unique_ptr<sql::Blob> text_;
  int64_t text_doc_ = 0;
  std::unordered_map<int64_t, std::map<size_t, size_t>> lines_;  // by document: offset -> line
  std::string chunk_;
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
  EvidenceItem item;
  item.doc = reader_->Path(doc).value_or("");
  item.doc_id = doc;
  item.start = ranges.front().start;
  item.end = ranges.back().end;
  item.line = reader_->LineOf(doc, item.start);
  for (const Range& r : ranges) {
    if (!item.text.empty()) item.text += " … ";
    item.text += utf8::CollapseSpace(utf8::Sanitize(reader_->Text(doc, r.start, r.end)));
  }
  return item;
}

}  // namespace entgraph
