#include "recognizer/recognizer.h"

#include <cstring>

namespace entgraph {
namespace {

// Where a window that starts at `pos` ends: at the first space from pos + size on (a space is in
// no token), or at the paragraph's end.
size_t WindowEnd(std::string_view text, size_t pos, size_t size, size_t para_end) {
  if (para_end - pos <= size) return para_end;
  const void* space = std::memchr(text.data() + pos + size, ' ', para_end - pos - size);
  return space == nullptr ? para_end : static_cast<size_t>(static_cast<const char*>(space) - text.data());
}

}  // namespace

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
    MatchParagraph(text, para);
    sentences_.clear();
    splitter_.Split(text, para, protect_, &sentences_);

    const uint32_t first_sentence = static_cast<uint32_t>(a.sentences.size());
    for (const Span& s : sentences_) a.sentences.push_back(Sentence{s, p});
    uint32_t s = first_sentence;
    for (size_t i = 0; i < matches_.size(); ++i) {
      while (s + 1 < a.sentences.size() && a.sentences[s].span.end <= protect_[i].start) ++s;
      Mention& m = a.mentions.emplace_back();  // in place: a Mention moved is a vector moved
      m.start = protect_[i].start;
      m.end = protect_[i].end;
      m.entity = matches_[i].entity;
      m.ascii_word = ascii_words_[i] != 0;
      if (m.entity < 0) m.candidates = std::move(matches_[i].candidates);
      m.sentence = s;
      m.paragraph = p;
    }
  }
}

bool Recognizer::FindsAny(std::string_view text) {
  for (const Span& para : SplitParagraphs(text)) {
    MatchParagraph(text, para);
    if (!matches_.empty()) return true;
  }
  return false;
}

void Recognizer::MatchParagraph(std::string_view text, Span para) {
  matches_.clear();
  protect_.clear();
  ascii_words_.clear();
  // A walk from a token reads at most longest_name() tokens: matches are settled up to that many
  // tokens before a window's end, and the next window starts where matching stopped.
  const size_t lookahead = matcher_.longest_name();
  for (size_t pos = para.start; pos < para.end;) {
    size_t end = para.end;
    for (size_t size = window_bytes_;; size *= 2) {  // a window of a few enormous tokens grows
      end = WindowEnd(text, pos, size, para.end);
      tokens_.clear();
      Tokenize(text, pos, end, &tokens_);
      if (end == para.end || tokens_.size() > 2 * lookahead) break;
    }
    const bool last = end == para.end;
    const size_t first = matches_.size();
    const size_t stop = matcher_.Find(text, tokens_, &matches_, &scratch_,
                                      last ? tokens_.size() : tokens_.size() - lookahead);
    for (size_t i = first; i < matches_.size(); ++i) {
      const Token& t = tokens_[matches_[i].first_token];
      protect_.push_back(Span{t.start, tokens_[matches_[i].end_token - 1].end});
      ascii_words_.push_back(matches_[i].end_token == matches_[i].first_token + 1 && t.kind == TokenKind::kWord &&
                             t.ascii);
    }
    if (last) break;
    pos = stop < tokens_.size() ? tokens_[stop].start : end;  // end: a dictionary without names
  }
}

}  // namespace entgraph
