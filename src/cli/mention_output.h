// What `extract` prints for each mention: a line for people ("PATH:LINE:COLUMN  TEXT  -> Name
// (type)") or a JSON object. A corpus yields millions of mentions (more bytes of output than it
// has of text), so a mention's line must cost little next to finding the mention.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dictionary/dictionary.h"
#include "document/corpus.h"
#include "recognizer/parallel.h"

namespace entgraph::cli {

// A text for every entity, made once (printing it a million times is then a copy), all in one
// buffer: a gazetteer has hundreds of thousands of entities, and a string apiece was an allocation
// apiece while the dictionary loads. Every text is followed by at least kSlack bytes of the
// buffer, so that it may be copied in wide blocks that read past its end.
class PerEntityText {
 public:
  static constexpr size_t kSlack = 16;

  template <typename Make>  // Make: void(const Entity&, std::string* out), appending the entity's text
  PerEntityText(const Dictionary& dict, Make make) {
    starts_.reserve(dict.entities().size() + 1);
    for (const Entity& e : dict.entities()) {
      starts_.push_back(text_.size());
      make(e, &text_);
    }
    starts_.push_back(text_.size());
    text_.append(kSlack, '\0');
  }
  std::string_view operator[](size_t entity) const {
    return std::string_view(text_).substr(starts_[entity], starts_[entity + 1] - starts_[entity]);
  }

 private:
  std::string text_;
  std::vector<size_t> starts_;  // entity -> where its text starts; one more for the end
};

// "  -> Name (type)\n" for every entity, as shown on a terminal.
PerEntityText EntitySuffixes(const Dictionary& dict);
// ,"entity":"Name","type":"type" for every entity.
PerEntityText EntityJsonFields(const Dictionary& dict);

// Appends the lines of `piece`'s mentions, a piece of `doc`, to output->out, and those of its
// ambiguous mentions to output->err (which names the entities they could be). `suffixes` is
// EntitySuffixes(dict).
void PrintHuman(const Document& doc, Piece& piece, const Dictionary& dict, const PerEntityText& suffixes,
                PieceOutput* output);
// Appends a JSON object a line for each of `piece`'s mentions to output->out. `fields` is
// EntityJsonFields(dict).
void PrintJson(const Document& doc, const Piece& piece, const Dictionary& dict, const PerEntityText& fields,
               PieceOutput* output);

}  // namespace entgraph::cli
