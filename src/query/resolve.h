// Turns a name typed by a user into an entity: the canonical name or any alias, compared as the
// recognizer compares (case, accents, dashes and spacing folded).
#pragma once

#include <string_view>

#include "graph/graph.h"

namespace entgraph {

// The vertex named `name`. Throws entgraph::Error (exit 2) for an unknown name, with the closest
// known names ("did you mean"), and for an alias of several entities, listing them.
Vertex ResolveName(const EntityGraph& graph, std::string_view name);

}  // namespace entgraph
