// Test helpers: run the recognizer over inline dictionaries and text, and dump what it found in a
// compact form that assertions can compare against ("[surface]=Entity", "[surface]=?A|B").
#pragma once

#include <string>
#include <string_view>

#include "dictionary/dictionary.h"
#include "recognizer/recognizer.h"

namespace entgraph::testing {

inline Dictionary ParseDictionary(std::string_view tsv) {
  Dictionary d;
  d.Parse(tsv, "test.tsv");
  return d;
}

// The mentions that `matcher`, compiled from `dict`, finds in `text`, space-separated, in text order.
inline std::string MentionsOf(const Dictionary& dict, const Matcher& matcher, std::string_view text) {
  Recognizer recognizer(matcher);
  const Analysis a = recognizer.Analyze(text);
  std::string out;
  for (const Mention& m : a.mentions) {
    if (!out.empty()) out += ' ';
    out += "[" + std::string(text.substr(m.start, m.end - m.start)) + "]=";
    if (!m.ambiguous()) {
      out += dict.entities()[m.entity].name;
      continue;
    }
    out += '?';
    for (size_t i = 0; i < m.candidates.size(); ++i) {
      out += (i ? "|" : "") + dict.entities()[m.candidates[i]].name;
    }
  }
  return out;
}

// The mentions of `text`, space-separated, in text order.
inline std::string Mentions(std::string_view tsv, std::string_view text) {
  const Dictionary dict = ParseDictionary(tsv);
  return MentionsOf(dict, Matcher(dict), text);
}

// The sentences of `text` joined by " || ", with the names of `tsv` protected.
inline std::string Sentences(std::string_view tsv, std::string_view text) {
  const Dictionary dict = ParseDictionary(tsv);
  const Matcher matcher(dict);
  Recognizer recognizer(matcher);
  std::string out;
  for (const Sentence& s : recognizer.Analyze(text).sentences) {
    if (!out.empty()) out += " || ";
    out += text.substr(s.span.start, s.span.end - s.span.start);
  }
  return out;
}

}  // namespace entgraph::testing
