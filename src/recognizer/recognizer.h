// Finds the mentions of a document and the units (paragraphs, sentences) they fall in.
//
// Per paragraph: tokenize, match leftmost-longest, then split sentences with the mentions
// protected, so a sentence boundary never cuts a name. All offsets are bytes into the document's
// original text.
#pragma once

#include <algorithm>
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
  bool ascii_word = false;           // one token of ASCII letters and digits: shown as it is
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
  // A paragraph is tokenized and matched about window_bytes at a time (cut at a space), so that a
  // document of one enormous paragraph (a text without line breaks) needs memory for a window's
  // tokens, not for its millions; the mentions are the same whatever the window.
  explicit Recognizer(const Matcher& matcher, size_t window_bytes = size_t{256} << 10)
      : matcher_(matcher), window_bytes_(std::max<size_t>(window_bytes, 1)) {}

  Analysis Analyze(std::string_view text);

  // Analyzes paragraphs[begin, end) of `text` into *out: paragraph numbers are indices into
  // `paragraphs`, sentence numbers index out->sentences. (Used to split one document across
  // threads; ParallelRecognizer merges the parts.)
  void AnalyzeParagraphs(std::string_view text, const std::vector<Span>& paragraphs, size_t begin, size_t end,
                         Analysis* out);

  // True when the matcher finds anything in `text` (no sentence splitting: cheaper than Analyze).
  bool FindsAny(std::string_view text);

 private:
  // Fills matches_, protect_ (the matches' byte spans) and ascii_words_ with the matches of `para`.
  void MatchParagraph(std::string_view text, Span para);

  const Matcher& matcher_;
  size_t window_bytes_;
  SentenceSplitter splitter_;
  std::vector<Token> tokens_;
  std::vector<TokenMatch> matches_;
  std::vector<Span> protect_;
  std::vector<uint8_t> ascii_words_;  // by match: Mention::ascii_word
  std::vector<Span> sentences_;
  MatchScratch scratch_;
};

}  // namespace entgraph
