#include "text/segmenter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <thread>

#include "common/error.h"
#include "common/utf8.h"
#include "text/sentence_rules.h"

namespace entgraph {
namespace {

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; });
}

bool IsSpaceByte(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// True when text[pos, end) begins with a no-break space (U+00A0, C2 A0 in UTF-8). Two byte
// compares: text.compare(pos, 2, ...) was a call to memcmp for every paragraph and sentence.
bool NbspAt(std::string_view text, size_t pos, size_t end) {
  return end - pos >= 2 && text[pos] == '\xC2' && text[pos + 1] == '\xA0';
}

// Shrinks [start, end) until it neither starts nor ends with white space (ASCII or NBSP).
Span Trim(std::string_view text, size_t start, size_t end) {
  while (start < end) {
    if (IsSpaceByte(text[start])) {
      ++start;
    } else if (NbspAt(text, start, end)) {
      start += 2;
    } else {
      break;
    }
  }
  while (end > start) {
    if (IsSpaceByte(text[end - 1])) {
      --end;
    } else if (end - start >= 2 && NbspAt(text, end - 2, end)) {
      end -= 2;
    } else {
      break;
    }
  }
  return Span{start, end};
}

// Where the line that starts at pos ends (its '\n', or the text's end).
size_t LineEnd(std::string_view text, size_t pos) {
  const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
  return nl == nullptr ? text.size() : static_cast<size_t>(static_cast<const char*>(nl) - text.data());
}

// A line that begins a list item ends the sentence before it even without a full stop.
bool StartsListItem(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::string_view rest = line.substr(i);
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "* ", "- ", "\xE2\x80\x93 "}) {
    if (rest.substr(0, bullet.size()) == bullet) return true;
  }
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  return digits > 0 && digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')');
}

// Titles and abbreviations after which a full stop does not end a sentence.
constexpr std::array<std::string_view, 36> kAbbreviations = {
    "Mr",   "Mrs",  "Ms",  "Dr",   "Prof", "Gen",  "Col",  "Lt",  "Maj",  "Capt", "Cdr", "Cmdr",
    "Adm",  "Brig", "Sgt", "Gov",  "Sen",  "Rep",  "Rev",  "Hon", "Pres", "St",   "Jr",  "Sr",
    "Mt",   "Ft",   "Mme", "Mlle", "Dept", "Amb",  "Supt", "Insp", "Messrs", "Sec", "Govt", "Esq"};
constexpr size_t kLongestAbbreviation = 6;
static_assert(std::all_of(kAbbreviations.begin(), kAbbreviations.end(), [](std::string_view a) {
  return a.size() <= kLongestAbbreviation && a[0] >= 'A' && a[0] <= 'Z';
}));

bool IsAbbreviation(std::string_view word) {
  // Most words before a full stop are no abbreviation, and most are told at once: empty (a stop
  // after a space, as in tokenized text), longer than any, or not starting with a capital.
  if (word.empty() || word.size() > kLongestAbbreviation) return false;
  if (word[0] >= 0 && !(word[0] >= 'A' && word[0] <= 'Z')) return false;  // ASCII, not a capital
  if (word.size() == 1) return word[0] >= 'A' && word[0] <= 'Z';  // an initial
  // A single non-ASCII capital letter (an initial such as "Ö.") also counts.
  size_t len;
  char32_t c = utf8::Decode(word, 0, &len);
  if (len == word.size() && c >= 0x80) return u_isupper(static_cast<UChar32>(c));
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

}  // namespace

ParagraphLayout LayOutParagraphs(std::string_view text) {
  ParagraphLayout layout;
  layout.first_line = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // Text with a blank line has paragraphs of the lines between blank ones; text without, a
  // paragraph a line. The first blank line is usually near the start.
  for (size_t pos = layout.first_line; pos < text.size() && !layout.blocks;) {
    const size_t end = LineEnd(text, pos);
    layout.blocks = IsBlank(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return layout;
}

size_t ParagraphCut(std::string_view text, size_t pos, const ParagraphLayout& layout) {
  if (pos >= text.size()) return text.size();
  for (pos = LineEnd(text, pos) + 1; pos < text.size();) {
    const size_t line_end = LineEnd(text, pos);
    if (!layout.blocks) return pos;
    if (IsBlank(text.substr(pos, line_end - pos))) return std::min(line_end + 1, text.size());
    pos = line_end + 1;
  }
  return text.size();
}

// The lines are not kept: a vector of a 200 MB file's million lines, filled and then read, was
// most of the time this took.
size_t AppendParagraphs(std::string_view text, size_t begin, size_t end, const ParagraphLayout& layout,
                        std::vector<Span>* out) {
  size_t block_start = std::string_view::npos;
  size_t block_end = 0;
  auto flush = [&] {
    if (block_start == std::string_view::npos) return;
    const Span s = Trim(text, block_start, block_end);
    if (s.start < s.end) out->push_back(s);
    block_start = std::string_view::npos;
  };
  size_t breaks = 0;
  for (size_t pos = begin; pos < end;) {
    const size_t line_end = LineEnd(text, pos);
    breaks += line_end < end;
    if (IsBlank(text.substr(pos, line_end - pos))) {
      flush();
    } else {
      if (block_start == std::string_view::npos) block_start = pos;
      block_end = line_end;
      if (!layout.blocks) flush();
    }
    pos = line_end + 1;
  }
  flush();
  return breaks;
}

std::vector<Span> SplitParagraphs(std::string_view text, size_t two_threads_from) {
  const ParagraphLayout layout = LayOutParagraphs(text);
  std::vector<Span> paragraphs;
  // A large text is split on two threads, cut where no paragraph goes on across.
  const size_t cut = text.size() >= two_threads_from && std::thread::hardware_concurrency() > 1
                         ? ParagraphCut(text, layout.first_line + (text.size() - layout.first_line) / 2, layout)
                         : text.size();
  if (cut >= text.size()) {
    AppendParagraphs(text, layout.first_line, text.size(), layout, &paragraphs);
    return paragraphs;
  }
  std::vector<Span> second;
  std::thread second_half([&] { AppendParagraphs(text, cut, text.size(), layout, &second); });
  AppendParagraphs(text, layout.first_line, cut, layout, &paragraphs);
  second_half.join();
  paragraphs.insert(paragraphs.end(), second.begin(), second.end());
  return paragraphs;
}

bool SentenceSplitter::Suppressed(std::string_view para, size_t boundary, size_t base,
                                  const std::vector<Span>& protect, size_t* next_protect) const {
  const size_t absolute = base + boundary;
  size_t& p = *next_protect;
  while (p < protect.size() && protect[p].end <= absolute) ++p;  // spans are in order and disjoint
  if (p < protect.size() && protect[p].start < absolute) return true;
  // Walk back over the white space before the boundary to the character that ended the sentence.
  size_t end = boundary;
  while (end > 0 && IsSpaceByte(para[end - 1])) --end;
  if (end == 0 || para[end - 1] != '.' || (end < boundary && para[end] == '\n')) return false;
  size_t word_end = end - 1;
  size_t word_start = word_end;
  while (word_start > 0 && !IsSpaceByte(para[word_start - 1]) && para[word_start - 1] != '.' &&
         para[word_start - 1] != '(' && para[word_start - 1] != '"') {
    --word_start;
  }
  return IsAbbreviation(para.substr(word_start, word_end - word_start));
}

void SentenceSplitter::Split(std::string_view text, Span paragraph, const std::vector<Span>& protect,
                             std::vector<Span>* out) {
  std::string_view para = text.substr(paragraph.start, paragraph.end - paragraph.start);
  // Soft line breaks become spaces (same byte count, so offsets stay true); a line break before a
  // list item stays, and the rules end the sentence there. A paragraph of one line is read in place.
  if (size_t nl = para.find('\n'); nl != std::string_view::npos) {
    buffer_.assign(para);
    for (; nl != std::string::npos; nl = buffer_.find('\n', nl + 1)) {
      std::string_view next = std::string_view(buffer_).substr(nl + 1);
      if (!StartsListItem(next.substr(0, next.find('\n')))) {
        buffer_[nl] = ' ';
        if (nl > 0 && buffer_[nl - 1] == '\r') buffer_[nl - 1] = ' ';
      }
    }
    para = buffer_;
  }
  boundaries_.clear();
  SentenceBoundaries(para, &boundaries_, &classes_);
  size_t start = 0;
  size_t next_protect = 0;
  for (const size_t boundary : boundaries_) {
    if (boundary < para.size() && Suppressed(para, boundary, paragraph.start, protect, &next_protect)) continue;
    Span s = Trim(text, paragraph.start + start, paragraph.start + boundary);
    if (s.start < s.end) out->push_back(s);
    start = boundary;
  }
}

}  // namespace entgraph
