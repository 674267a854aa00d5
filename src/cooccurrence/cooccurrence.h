// Co-occurrence: which entities a unit of text links.
//
// A unit is a sentence, a paragraph or a whole document (a "scope"). Two distinct entities are
// linked by a unit when both are mentioned in it; ambiguous mentions link nothing. Every unit is
// counted once per pair however many times the names repeat in it, so an edge's weight at a scope
// is the number of units of that scope that link the pair: the number of sentences (paragraphs,
// documents) that name both.
//
// Raw counts favour hubs: an entity named in every sentence is linked strongly to everything. The
// store therefore also keeps the Dice coefficient over units,
//     dice(a, b) = 2 * units(a and b) / (units(a) + units(b)),
// which is 1 when two entities always occur together and falls towards 0 when the link is a small
// part of either entity's units. Dice was chosen over PMI because it is bounded (0..1), needs no
// corpus size, and does not inflate links between rare entities seen once together.
//
// A query chooses its scope without a rebuild. The database stores sentence and paragraph links
// as counted here; document links are worked out when asked (graph/document_links.h), from each
// document's entities: stored as rows they are every pair of a document's entities, millions for
// one long document.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "recognizer/recognizer.h"

namespace entgraph {

enum class Scope : uint8_t { kSentence = 0, kParagraph = 1, kDocument = 2 };
inline constexpr Scope kAllScopes[] = {Scope::kSentence, Scope::kParagraph, Scope::kDocument};

std::string_view ScopeName(Scope scope);
// Parses "sentence", "paragraph" or "document"; nullopt for anything else.
std::optional<Scope> ParseScope(std::string_view name);

struct UnitPair {
  Scope scope;
  uint32_t unit;  // the sentence or paragraph index in the document; 0 for the document itself
  uint32_t a, b;  // entity indices, a < b
  friend bool operator==(const UnitPair&, const UnitPair&) = default;
};

// Every (scope, unit, pair) that `analysis` links, each once, sorted.
std::vector<UnitPair> CoOccurrences(const Analysis& analysis);

struct CoOccurrenceOptions {
  bool document = true;                       // false: only the sentence and paragraph pairs
  const std::vector<int64_t>* ids = nullptr;  // when given, pairs name ids[entity] (each < 2^32)
};

// Calls fn(const UnitPair&) for the same pairs, each once, unsorted: for callers that only count
// them. A long document links tens of millions; gathered in a vector first, they were most of the
// memory of a build of one 200 MB file.
template <typename Fn>
void ForEachCoOccurrence(const Analysis& analysis, const CoOccurrenceOptions& options, Fn&& fn);

// --- Implementation ---

namespace internal {
// Sorts and deduplicates `entities`, then calls fn for each of their pairs.
template <typename Fn>
void EmitPairs(Scope scope, uint32_t unit, std::vector<uint32_t>& entities, Fn& fn) {
  std::sort(entities.begin(), entities.end());
  entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
  for (size_t i = 0; i < entities.size(); ++i) {
    for (size_t j = i + 1; j < entities.size(); ++j) fn(UnitPair{scope, unit, entities[i], entities[j]});
  }
}
}  // namespace internal

template <typename Fn>
void ForEachCoOccurrence(const Analysis& analysis, const CoOccurrenceOptions& options, Fn&& fn) {
  std::vector<uint32_t> in_sentence, in_paragraph, in_document;
  const auto& mentions = analysis.mentions;
  // Mentions come in text order, so each sentence's and paragraph's mentions are contiguous.
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (!m.ambiguous()) {
      const auto e = static_cast<uint32_t>(options.ids ? (*options.ids)[static_cast<size_t>(m.entity)] : m.entity);
      in_sentence.push_back(e);
      in_paragraph.push_back(e);
      if (options.document) in_document.push_back(e);
    }
    const bool last = i + 1 == mentions.size();
    if (last || mentions[i + 1].sentence != m.sentence) {
      internal::EmitPairs(Scope::kSentence, m.sentence, in_sentence, fn);
      in_sentence.clear();
    }
    if (last || mentions[i + 1].paragraph != m.paragraph) {
      internal::EmitPairs(Scope::kParagraph, m.paragraph, in_paragraph, fn);
      in_paragraph.clear();
    }
  }
  if (options.document) internal::EmitPairs(Scope::kDocument, 0, in_document, fn);
}

}  // namespace entgraph
