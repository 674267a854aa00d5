// Finds the mentions of a document and the units (paragraphs, sentences) they fall in.
//
// Per paragraph: tokenize, match leftmost-longest, then split sentences with the mentions
// protected, so a sentence boundary never cuts a name. All offsets are bytes into the document's
// original text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "recognizer/matcher.h"
#include "text/segmenter.h"

namespace entgraph {

struct Mention {
  size_t start = 0;  // byte offsets into the document
  size_t end = 0;
  int32_t entity = -1;               // index into Dictionary::entities(); -1 when ambiguous
  std::vector<uint32_t> candidates;  // the entities an ambiguous mention could be
  uint32_t sentence = 0;             // index into Analysis::sentences
  uint32_t paragraph = 0;            // index into Analysis::paragraphs

  bool ambiguous() const { return entity < 0; }
};

struct Sentence {
  Span span;
  uint32_t paragraph = 0;
};

struct Analysis {
  std::vector<Span> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;  // in text order; ambiguous ones included
};

class Recognizer {
 public:
  // `matcher` must outlive the recognizer. A recognizer keeps scratch buffers and an ICU iterator:
  // use one per thread.
  explicit Recognizer(const Matcher& matcher) : matcher_(matcher) {}

  Analysis Analyze(std::string_view text);

  // Analyzes paragraphs[begin, end) of `text` into *out: paragraph numbers are indices into
  // `paragraphs`, sentence numbers index out->sentences. (Used to split one document across
  // threads; ParallelRecognizer merges the parts.)
  void AnalyzeParagraphs(std::string_view text, const std::vector<Span>& paragraphs, size_t begin, size_t end,
                         Analysis* out);

  // True when the matcher finds anything in `text` (no sentence splitting: cheaper than Analyze).
  bool FindsAny(std::string_view text);

 private:
  const Matcher& matcher_;
  SentenceSplitter splitter_;
  std::vector<Token> tokens_;
  std::vector<TokenMatch> matches_;
  std::vector<Span> protect_;
  std::vector<Span> sentences_;
  MatchScratch scratch_;
};

}  // namespace entgraph
