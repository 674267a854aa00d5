// Cuts a document into paragraphs and sentences, the units that co-occurrence counts.
//
// Paragraphs are blocks separated by blank lines; a document with no blank line at all is taken
// to hold one paragraph per line (news copied from the web often looks like that).
//
// Sentences follow Unicode's sentence rules (UAX #29, text/sentence_rules.h, checked against ICU)
// inside one paragraph, with three changes that news text needs:
// - a line break inside a paragraph is a soft wrap, not a sentence end, unless the next line starts
//   a list item (•, *, ·, a number and a dot);
// - no break after a title or a common abbreviation (Dr., Mr., Gen., Col., ...) or after an
//   initial ("Albert P. Khorev");
// - no break inside a span the caller protects: a recognized name is never cut in two.
// Spans are byte ranges into the caller's buffer, trimmed of surrounding white space.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace entgraph {

struct Span {
  size_t start = 0;
  size_t end = 0;
  bool Contains(size_t pos) const { return start <= pos && pos < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// The paragraphs of `text` in order. A UTF-8 byte order mark at the start is skipped. A text of
// `two_threads_from` bytes or more is split on two threads (the same paragraphs).
std::vector<Span> SplitParagraphs(std::string_view text, size_t two_threads_from = size_t{8} << 20);

// What SplitParagraphs decides of a whole text before it cuts any paragraph, so that a long text
// can be cut into stretches of whole paragraphs and each stretch split apart (on the thread that
// recognizes it) with the same paragraphs as SplitParagraphs gives.
struct ParagraphLayout {
  size_t first_line = 0;  // where the first line starts: after a byte order mark
  bool blocks = false;    // paragraphs are blocks between blank lines, not single lines
};
// Reads the text up to its first blank line (all of it when it has none).
ParagraphLayout LayOutParagraphs(std::string_view text);
// The start of the first line after the one holding byte `pos` that no paragraph goes on across
// (one after a blank line when paragraphs are blocks), or the text's size when there is none.
size_t ParagraphCut(std::string_view text, size_t pos, const ParagraphLayout& layout);
// Appends the paragraphs of the lines that start in [begin, end) to *out: begin is layout's
// first_line or a ParagraphCut, end another or the text's size. Returns the number of line
// breaks in [begin, end), which it reads anyway: what line numbering needs of the stretch.
size_t AppendParagraphs(std::string_view text, size_t begin, size_t end, const ParagraphLayout& layout,
                        std::vector<Span>* out);

// Keeps scratch buffers: use one per thread.
class SentenceSplitter {
 public:

  // Appends the sentences of text[paragraph.start, paragraph.end) to *out. `protect` holds spans
  // (sorted by start, not overlapping) that must not be cut.
  void Split(std::string_view text, Span paragraph, const std::vector<Span>& protect,
             std::vector<Span>* out);

 private:
  // `*next_protect` is the first span of `protect` that may still hold a boundary: boundaries
  // come in order, so a paragraph's spans are passed over once, not once per boundary.
  bool Suppressed(std::string_view para, size_t boundary, size_t base, const std::vector<Span>& protect,
                  size_t* next_protect) const;

  std::string buffer_;  // a paragraph of several lines, its soft line breaks made spaces
  std::vector<size_t> boundaries_;
  std::vector<uint32_t> classes_;
};

}  // namespace entgraph
