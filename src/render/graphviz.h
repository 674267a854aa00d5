// Draws a Diagram with the Graphviz libraries: cgraph builds the graph, gvc lays it out and
// renders it. Nothing is shelled out.
//
// Style: a colour and shape per entity type (person: orange ellipse, organization: blue rounded
// box, project: green hexagon; other types take the next colours of a fixed palette in name order),
// shown in a legend under the title; node text grows with the entity's mentions; edge width grows
// with the weight; long names wrap at about 18 characters. SVG nodes and edges carry tooltips (the
// entity's type and counts; the edge's weight, Dice and an evidence sentence). Node and edge ids
// are entity ids, so the same input gives byte-identical DOT.
//
// Graphviz's own messages are captured: warnings reach the caller's warning sink, errors become an
// entgraph::Error naming the layout and what Graphviz said.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "document/corpus.h"
#include "graph/graph.h"
#include "render/diagram.h"

namespace entgraph {

enum class Format { kSvg, kPng, kPdf, kDot };
std::optional<Format> ParseFormat(std::string_view name);  // svg, png, pdf, dot
std::string_view FormatName(Format format);

// The graph as DOT, before layout: attributes and structure only.
std::string ToDot(const EntityGraph& graph, const Diagram& diagram);

// Lays out with `layout` (dot, neato, fdp, sfdp, circo) and renders in `format`; returns the
// file's bytes. For Format::kDot, returns ToDot's text without layout.
std::string Render(const EntityGraph& graph, const Diagram& diagram, Format format, const std::string& layout,
                   const WarningSink& warn);

}  // namespace entgraph
