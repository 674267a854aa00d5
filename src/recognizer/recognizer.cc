#include "recognizer/recognizer.h"

namespace entgraph {

Analysis Recognizer::Analyze(std::string_view text) {
  Analysis a;
  const std::vector<Span> paragraphs = SplitParagraphs(text);
  AnalyzeParagraphs(text, paragraphs, 0, paragraphs.size(), &a);
  a.paragraphs = paragraphs;
  return a;
}

void Recognizer::AnalyzeParagraphs(std::string_view text, const std::vector<Span>& paragraphs, size_t begin,
                                   size_t end, Analysis* out) {
  Analysis& a = *out;
  for (auto p = static_cast<uint32_t>(begin); p < end; ++p) {
    const Span para = paragraphs[p];
    tokens_.clear();
    matches_.clear();
    Tokenize(text, para.start, para.end, &tokens_);
    matcher_.Find(text, tokens_, &matches_, &scratch_);

    protect_.clear();
    for (const TokenMatch& m : matches_) {
      protect_.push_back(Span{tokens_[m.first_token].start, tokens_[m.end_token - 1].end});
    }
    sentences_.clear();
    splitter_.Split(text, para, protect_, &sentences_);

    const uint32_t first_sentence = static_cast<uint32_t>(a.sentences.size());
    for (const Span& s : sentences_) a.sentences.push_back(Sentence{s, p});
    uint32_t s = first_sentence;
    for (size_t i = 0; i < matches_.size(); ++i) {
      while (s + 1 < a.sentences.size() && a.sentences[s].span.end <= protect_[i].start) ++s;
      Mention m;
      m.start = protect_[i].start;
      m.end = protect_[i].end;
      m.entity = matches_[i].entity;
      m.candidates = std::move(matches_[i].candidates);
      m.sentence = s;
      m.paragraph = p;
      a.mentions.push_back(std::move(m));
    }
  }
}

bool Recognizer::FindsAny(std::string_view text) {
  for (const Span& para : SplitParagraphs(text)) {
    tokens_.clear();
    matches_.clear();
    Tokenize(text, para.start, para.end, &tokens_);
    matcher_.Find(text, tokens_, &matches_, &scratch_);
    if (!matches_.empty()) return true;
  }
  return false;
}

}  // namespace entgraph
