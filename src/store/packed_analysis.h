// What the database keeps of a document's analysis: its mentions (with entity ids) and the spans
// of the sentences that hold them, packed into one BLOB per document.
//
// A row per mention made a build spend most of its time in SQLite: 4.2 million mention rows and
// 1.4 million sentence rows for 200 MB of text, then an index over the mentions sorted at the end.
// Packed, a document is one row, and a query that needs the mentions of a document reads its one
// BLOB. Which documents mention an entity is a separate table (entity_docs) of packed lists of
// document ids: a row per entity and batch of links written (a row per (entity, document) cost a
// build of 200 MB more than half a second of its last, single-threaded step).
//
// Format: unsigned LEB128 varints. The mention count, then per mention (start - previous start,
// end - start, entity id, sentence - previous sentence, paragraph - previous paragraph); then the
// sentence count, then per sentence (no - previous no, start - previous end, end - start).
// Mentions are in text order, so every delta is >= 0; sentences are those a mention is in, in order.
// A list of ids (a document's entities, an entity's documents): the count, then each id minus the
// one before (the first minus 0).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recognizer/recognizer.h"

namespace entgraph {

struct StoredMention {
  size_t start = 0;
  size_t end = 0;
  int64_t entity = 0;  // entity id in the database
  uint32_t sentence = 0;
  uint32_t paragraph = 0;
};

struct StoredSentence {
  uint32_t no = 0;
  Span span;
};

struct StoredAnalysis {
  std::vector<StoredMention> mentions;    // in text order
  std::vector<StoredSentence> sentences;  // in order; only those holding a mention

  // The span of sentence `no`, if a mention is in it.
  std::optional<Span> SentenceSpan(uint32_t no) const;
};

// The unambiguous mentions of `analysis` with ids[entity] as their entity ids, and their sentences.
// Sets *count to the number of mentions packed.
std::string PackAnalysis(const Analysis& analysis, const std::vector<int64_t>& ids, size_t* count);

// A whole document's analysis ready for Store::AddPackedAnalysis: PackAnalysis's BLOB and count,
// and the ids of the entities it names, each once, in order.
struct PackedDocument {
  std::string packed;
  size_t count = 0;
  std::vector<int64_t> entities;
};
PackedDocument PackDocument(const Analysis& analysis, const std::vector<int64_t>& ids);

// The same a part at a time, for a long document recognized in pieces: the parts' mentions
// follow one another in text order.
class AnalysisPacker {
 public:
  explicit AnalysisPacker(const std::vector<int64_t>& ids) : ids_(ids) {}
  void Reserve(size_t mentions) { mentions_.reserve(8 * mentions); }
  // Adds the mentions of `part`, whose sentence fields are the document's numbers; part.sentences
  // holds the document's sentences from number `first_sentence` on.
  void Add(const Analysis& part, uint32_t first_sentence = 0);
  // The BLOB as parts that follow one another, pointing into the packer; *count is the number
  // of mentions packed. A long document's mentions are tens of megabytes: they are written a part
  // at a time, not joined first.
  std::array<std::string_view, 4> Parts(size_t* count);
  // The parts joined.
  std::string Finish(size_t* count);

 private:
  const std::vector<int64_t>& ids_;
  std::string mentions_, sentences_;  // each without its count
  std::string mention_count_, sentence_count_;  // varints, made by Parts
  size_t n_ = 0, n_sentences_ = 0, start_ = 0, end_ = 0;
  uint32_t sentence_ = 0, paragraph_ = 0;
};

// The inverse of PackAnalysis. Throws entgraph::Error when `blob` is not a packed analysis (a
// damaged database), naming document `doc_id`.
StoredAnalysis UnpackAnalysis(std::string_view blob, int64_t doc_id);

// Calls fn(mention) for each mention of a packed analysis, in text order, without holding them
// all (a long document has millions): what recounting the graph needs. Throws as UnpackAnalysis.
void ForEachPackedMention(std::string_view blob, int64_t doc_id, const std::function<void(const StoredMention&)>& fn);

// Rising ids (each > 0) as a BLOB, and back. UnpackIds appends to *out and throws entgraph::Error
// when `blob` is damaged, naming it as `what` ("the stored documents of entity 7").
std::string PackIds(const std::vector<int64_t>& ids);
void UnpackIds(std::string_view blob, const std::string& what, std::vector<int64_t>* out);

}  // namespace entgraph
