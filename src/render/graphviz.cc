#include "render/graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "common/error.h"
#include "common/utf8.h"

namespace entgraph {
namespace {

struct TypeStyle {
  const char* shape;
  const char* fill;
  const char* border;
  const char* style;
};

// The three shipped types first, then a palette for any other type, in name order.
constexpr TypeStyle kKnown[] = {
    {"ellipse", "#FCE5CD", "#E69138", "filled"},
    {"box", "#CFE2F3", "#3D85C6", "rounded,filled"},
    {"hexagon", "#D9EAD3", "#6AA84F", "filled"},
};
constexpr TypeStyle kPalette[] = {
    {"octagon", "#EAD1DC", "#A64D79", "filled"},   {"diamond", "#FFF2CC", "#BF9000", "filled"},
    {"parallelogram", "#D0E0E3", "#45818E", "filled"}, {"house", "#D9D2E9", "#674EA7", "filled"},
    {"cds", "#F4CCCC", "#CC0000", "filled"},
};

class Styles {
 public:
  explicit Styles(const std::set<std::string>& types) {
    size_t next = 0;
    for (const std::string& t : types) {
      if (t == "person") {
        styles_[t] = kKnown[0];
      } else if (t == "organization") {
        styles_[t] = kKnown[1];
      } else if (t == "project") {
        styles_[t] = kKnown[2];
      } else {
        styles_[t] = kPalette[next++ % std::size(kPalette)];
      }
    }
  }
  const TypeStyle& Of(const std::string& type) const { return styles_.at(type); }
  const std::map<std::string, TypeStyle>& all() const { return styles_; }

 private:
  std::map<std::string, TypeStyle> styles_;
};

// Graphviz reads backslash escapes (\n, \N, \G ...) in labels and tooltips: a name's own
// backslashes must stay backslashes, and control characters cannot be drawn.
std::string EscString(std::string_view text) {
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    size_t len;
    const char32_t c = utf8::Decode(text, pos, &len);
    if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      utf8::Append(c, &out);
    }
    pos += len;
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : EscString(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Breaks a name into lines of about `width` characters at spaces, for the node label.
std::string Wrap(std::string_view name, size_t width = 18) {
  std::string out, line;
  size_t line_chars = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view word = name.substr(start, end - start);
    const size_t chars = word.size();  // bytes: close enough to decide where to wrap
    if (line_chars > 0 && line_chars + 1 + chars > width) {
      out += EscString(line) + "\\n";
      line.clear();
      line_chars = 0;
    }
    if (line_chars > 0) {
      line += ' ';
      ++line_chars;
    }
    line += word;
    line_chars += chars;
    start = end + 1;
  }
  return out + EscString(line);
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Collects what Graphviz reports while one graph is drawn.
struct Messages {
  std::string text;
  static Messages* current;
  static int Handler(char* message) {
    if (current) current->text += message;
    return 0;
  }
};
Messages* Messages::current = nullptr;

class MessageScope {
 public:
  explicit MessageScope(Messages* m) {
    Messages::current = m;
    agseterrf(&Messages::Handler);
    agseterr(AGWARN);
    agreseterrors();
  }
  ~MessageScope() {
    Messages::current = nullptr;
    agseterrf(nullptr);
  }
};

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

// One Graphviz context for the whole process. Graphviz 2.42's pango plugin caches a pointer to a
// font name owned by the first context it served; freeing that context and making another leads it
// to read freed memory (AddressSanitizer caught it). A process-wide context is also what Graphviz
// expects: its plugins are loaded once.
GVC_t* Context() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

void Set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

void SetHtml(Agraph_t* g, void* obj, int kind, const char* name, const std::string& html) {
  Agsym_t* sym = agattr(g, kind, const_cast<char*>(name), const_cast<char*>(""));
  char* s = agstrdup_html(g, const_cast<char*>(html.c_str()));
  agxset(obj, sym, s);
  agstrfree(g, s);
}

// The title, the notes, and a legend of the types drawn, as one HTML-like label (clusters would
// be ignored by the force-directed layouts; a label is drawn by all of them).
std::string TitleHtml(const Diagram& d, const Styles& styles) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"2\"><TR><TD><FONT POINT-SIZE=\"16\">" +
                     EscapeHtml(d.title) + "</FONT></TD></TR>";
  for (const std::string& note : d.notes) {
    html += "<TR><TD><FONT POINT-SIZE=\"11\" COLOR=\"#666666\">" + EscapeHtml(note) + "</FONT></TD></TR>";
  }
  html += "<TR><TD ALIGN=\"CENTER\"><TABLE BORDER=\"0\" CELLSPACING=\"6\"><TR>";
  for (const auto& [type, style] : styles.all()) {
    html += std::string("<TD BGCOLOR=\"") + style.fill + "\" COLOR=\"" + style.border + "\" BORDER=\"1\">" +
            EscapeHtml(type) + "</TD>";
  }
  return html + "</TR></TABLE></TD></TR></TABLE>";
}

GraphPtr Build(const EntityGraph& graph, const Diagram& d) {
  GraphPtr g(agopen(const_cast<char*>("entgraph"), Agundirected, nullptr));
  std::set<std::string> types;
  for (const DiagramNode& n : d.nodes) types.insert(graph.entity(n.vertex).type);
  const Styles styles(types);
  const bool has_path = std::any_of(d.edges.begin(), d.edges.end(), [](const DiagramEdge& e) { return e.highlighted; });

  Set(g.get(), "fontname", "DejaVu Sans");
  Set(g.get(), "labelloc", "t");
  Set(g.get(), "overlap", "prism");
  Set(g.get(), "sep", "+8");
  // Edges routed around nodes read best, but Graphviz's routing grows steeply with the edge count
  // (minutes for 900 edges with sfdp): large diagrams get straight lines.
  Set(g.get(), "splines", d.edges.size() <= 150 ? "true" : "line");
  Set(g.get(), "outputorder", "edgesfirst");
  Set(g.get(), "pad", "0.3");
  Set(g.get(), "bgcolor", "white");
  SetHtml(g.get(), g.get(), AGRAPH, "label", TitleHtml(d, styles));

  std::map<Vertex, Agnode_t*> nodes;
  for (const DiagramNode& n : d.nodes) {
    const EntityInfo& e = graph.entity(n.vertex);
    Agnode_t* node = agnode(g.get(), const_cast<char*>(("n" + std::to_string(e.id)).c_str()), 1);
    nodes[n.vertex] = node;
    const TypeStyle& s = styles.Of(e.type);
    Set(node, "label", Wrap(e.name));
    Set(node, "shape", s.shape);
    Set(node, "style", s.style);
    Set(node, "fillcolor", s.fill);
    Set(node, "color", n.highlighted ? "#CC0000" : s.border);
    Set(node, "penwidth", n.highlighted ? "3" : "1.2");
    Set(node, "fontname", "DejaVu Sans");
    Set(node, "fontsize", Fixed(11 + std::min(9.0, 2.2 * std::log2(1.0 + static_cast<double>(e.mentions))), 1));
    Set(node, "margin", "0.08,0.04");
    Set(node, "tooltip", EscString(e.name + " (" + e.type + "): " + std::to_string(e.mentions) + " mentions in " +
                                   std::to_string(e.documents) + " documents"));
  }
  for (const DiagramEdge& de : d.edges) {
    const EntityInfo &a = graph.entity(de.a), &b = graph.entity(de.b);
    Agedge_t* edge = agedge(g.get(), nodes.at(de.a), nodes.at(de.b),
                            const_cast<char*>(("e" + std::to_string(a.id) + "_" + std::to_string(b.id)).c_str()), 1);
    const double width = 1 + std::min(5.0, 1.6 * std::log2(static_cast<double>(de.data.weight)));
    Set(edge, "penwidth", Fixed(de.highlighted ? std::max(width, 3.5) : width, 2));
    Set(edge, "color", de.highlighted ? "#CC0000" : (has_path ? "#B7B7B780" : "#7F7F7FB0"));
    // A backslash and n is Graphviz's own line break: the evidence goes on a line of its own.
    std::string tip = EscString(a.name + " — " + b.name + ": weight " + std::to_string(de.data.weight) +
                                ", Dice " + Fixed(de.data.dice, 2));
    if (!de.evidence.empty()) tip += "\\n“" + EscString(de.evidence) + "”";
    Set(edge, "tooltip", tip);
  }
  return g;
}

std::string WriteDot(Agraph_t* g) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* mem = open_memstream(&buf, &len);
  agwrite(g, mem);
  std::fclose(mem);
  std::string out(buf, len);
  std::free(buf);
  return out;
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "svg") return Format::kSvg;
  if (name == "png") return Format::kPng;
  if (name == "pdf") return Format::kPdf;
  if (name == "dot" || name == "gv") return Format::kDot;
  return std::nullopt;
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kSvg: return "svg";
    case Format::kPng: return "png";
    case Format::kPdf: return "pdf";
    case Format::kDot: return "dot";
  }
  return "svg";
}

std::string ToDot(const EntityGraph& graph, const Diagram& diagram) {
  Messages messages;
  MessageScope scope(&messages);
  GraphPtr g = Build(graph, diagram);
  return WriteDot(g.get());
}

std::string Render(const EntityGraph& graph, const Diagram& diagram, Format format, const std::string& layout,
                   const WarningSink& warn) {
  if (format == Format::kDot) return ToDot(graph, diagram);
  Messages messages;
  MessageScope scope(&messages);
  GVC_t* gvc = Context();
  GraphPtr g = Build(graph, diagram);
  if (format == Format::kPng) Set(g.get(), "dpi", "110");
  auto fail = [&](const std::string& what) {
    std::string said = utf8::CollapseSpace(messages.text);
    throw Error("Graphviz could not " + what + (said.empty() ? "" : ": " + said) +
                    " (try another --layout, or fewer entities with --max-nodes)",
                kExitInternal);
  };
  if (gvLayout(gvc, g.get(), layout.c_str()) != 0 || agerrors() > 0) fail("lay out the graph with " + layout);
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, g.get(), std::string(FormatName(format)).c_str(), &data, &length);
  std::string out = data ? std::string(data, length) : std::string();
  gvFreeRenderData(data);
  gvFreeLayout(gvc, g.get());
  if (rc != 0 || agerrors() > 0) fail("render " + std::string(FormatName(format)));
  if (!messages.text.empty()) warn("Graphviz: " + utf8::CollapseSpace(messages.text));
  return out;
}

}  // namespace entgraph
