#include "cooccurrence/cooccurrence.h"

#include <algorithm>
#include <tuple>

namespace entgraph {

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kSentence:
      return "sentence";
    case Scope::kParagraph:
      return "paragraph";
    case Scope::kDocument:
      return "document";
  }
  return "?";
}

std::optional<Scope> ParseScope(std::string_view name) {
  for (Scope s : kAllScopes) {
    if (ScopeName(s) == name) return s;
  }
  return std::nullopt;
}

namespace {

// Adds every pair of the distinct `entities` to *out, and clears them.
void AddPairs(Scope scope, uint32_t unit, std::vector<uint32_t>& entities, std::vector<UnitPair>* out) {
  std::sort(entities.begin(), entities.end());
  entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
  for (size_t i = 0; i < entities.size(); ++i) {
    for (size_t j = i + 1; j < entities.size(); ++j) out->push_back(UnitPair{scope, unit, entities[i], entities[j]});
  }
  entities.clear();
}

}  // namespace

std::vector<UnitPair> CoOccurrences(const Analysis& analysis) {
  std::vector<UnitPair> out;
  std::vector<uint32_t> in_sentence, in_paragraph, in_document;
  const auto& mentions = analysis.mentions;
  // Mentions come in text order, so each sentence's and paragraph's mentions are contiguous.
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (!m.ambiguous()) {
      const auto e = static_cast<uint32_t>(m.entity);
      in_sentence.push_back(e);
      in_paragraph.push_back(e);
      in_document.push_back(e);
    }
    const bool last = i + 1 == mentions.size();
    if (last || mentions[i + 1].sentence != m.sentence) AddPairs(Scope::kSentence, m.sentence, in_sentence, &out);
    if (last || mentions[i + 1].paragraph != m.paragraph) AddPairs(Scope::kParagraph, m.paragraph, in_paragraph, &out);
  }
  AddPairs(Scope::kDocument, 0, in_document, &out);
  std::sort(out.begin(), out.end(), [](const UnitPair& x, const UnitPair& y) {
    return std::tie(x.scope, x.unit, x.a, x.b) < std::tie(y.scope, y.unit, y.a, y.b);
  });
  return out;
}

}  // namespace entgraph
