// What `extract` prints for each mention: a line for people ("PATH:LINE:COLUMN  TEXT  -> Name
// (type)", the path left out when one file is read) or a JSON object. A corpus yields millions of
// mentions (more bytes of output than it has of text), so a mention's line must cost little next
// to finding the mention.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dictionary/dictionary.h"
#include "document/corpus.h"
#include "recognizer/parallel.h"

namespace entgraph::cli {

// A text for each entity (what is printed after its mentions), made the first time the entity is
// printed and kept: printing it a million times is then a copy. Made on demand, not all at the
// start: a gazetteer has a hundred thousand entities and a corpus mentions a few thousand, and
// making them all took a third of loading the dictionary from the cache. All in one buffer, each
// text followed by at least kSlack readable bytes, so that it may be copied in wide blocks that
// read past its end. Not shared between threads: one for each (ThreadEntityTexts).
class PerEntityText {
 public:
  static constexpr size_t kSlack = 16;
  using Make = void (*)(const Entity&, std::string* out);  // appends the entity's text to *out

  PerEntityText(const Dictionary& dict, Make make) : dict_(&dict), make_(make), spans_(dict.entities().size()) {}

  // The text of `entity`, valid until the next call.
  std::string_view operator[](size_t entity) {
    const Span s = spans_[entity];
    if (s.size == 0) [[unlikely]] return MakeText(entity);
    return std::string_view(text_.data() + s.start, s.size);
  }

  const Dictionary* dictionary() const { return dict_; }
  Make make() const { return make_; }

 private:
  struct Span {
    size_t start = 0;
    size_t size = 0;  // 0: not made yet (every text has a byte at least)
  };
  std::string_view MakeText(size_t entity);

  const Dictionary* dict_;
  Make make_;
  std::vector<Span> spans_;  // entity -> its text in text_
  std::string text_;         // the texts made so far, then kSlack bytes
};

// Appends "  -> Name (type)\n" for e, as shown on a terminal; EntitySuffixes makes them.
void AppendEntitySuffix(const Entity& e, std::string* out);
inline PerEntityText EntitySuffixes(const Dictionary& dict) { return PerEntityText(dict, AppendEntitySuffix); }
// Appends ,"entity":"Name","type":"type" for e; EntityJsonFields makes them.
void AppendEntityJsonFields(const Entity& e, std::string* out);
inline PerEntityText EntityJsonFields(const Dictionary& dict) { return PerEntityText(dict, AppendEntityJsonFields); }
// This thread's texts of `dict`'s entities made by `make` (EntitySuffixes or EntityJsonFields),
// for PrintHuman and PrintJson on the threads that recognize a corpus.
PerEntityText& ThreadEntityTexts(const Dictionary& dict, PerEntityText::Make make);

// Appends the lines of `piece`'s mentions, a piece of `doc`, to output->out, and those of its
// ambiguous mentions to output->err (which names the entities they could be). `suffixes` is
// EntitySuffixes(dict). Without `show_path` a line begins at "LINE:COLUMN", as grep's lines do
// when it reads one file.
void PrintHuman(const Document& doc, Piece& piece, const Dictionary& dict, PerEntityText& suffixes,
                PieceOutput* output, bool show_path);
// Appends a JSON object a line for each of `piece`'s mentions to output->out. `fields` is
// EntityJsonFields(dict).
void PrintJson(const Document& doc, const Piece& piece, const Dictionary& dict, PerEntityText& fields,
               PieceOutput* output);

}  // namespace entgraph::cli
