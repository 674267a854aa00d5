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

// Every (scope, unit, pair) that `analysis` links, each once, sorted: the definition above, in its
// plainest form. A build counts the same pairs without listing them (EdgeCounter::AddPart), as a
// long document links tens of millions.
std::vector<UnitPair> CoOccurrences(const Analysis& analysis);

}  // namespace entgraph
