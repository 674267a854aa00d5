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

std::vector<UnitPair> CoOccurrences(const Analysis& analysis) {
  std::vector<UnitPair> out;
  ForEachCoOccurrence(analysis, {}, [&out](const UnitPair& p) { out.push_back(p); });
  std::sort(out.begin(), out.end(), [](const UnitPair& x, const UnitPair& y) {
    return std::tie(x.scope, x.unit, x.a, x.b) < std::tie(y.scope, y.unit, y.a, y.b);
  });
  return out;
}

}  // namespace entgraph
