#include "text/segmenter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <string>

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

// Shrinks [start, end) until it neither starts nor ends with white space (ASCII or NBSP).
Span Trim(std::string_view text, size_t start, size_t end) {
  auto space_at = [&](size_t pos, size_t* len) {
    if (IsSpaceByte(text[pos])) {
      *len = 1;
      return true;
    }
    if (text.compare(pos, 2, "\xC2\xA0") == 0) {
      *len = 2;
      return true;
    }
    return false;
  };
  size_t len;
  while (start < end && space_at(start, &len)) start += len;
  while (end > start) {
    if (IsSpaceByte(text[end - 1])) {
      --end;
    } else if (end - start >= 2 && text.compare(end - 2, 2, "\xC2\xA0") == 0) {
      end -= 2;
    } else {
      break;
    }
  }
  return Span{start, end};
}

struct Line {
  size_t start, end;  // without the line terminator
};

std::vector<Line> Lines(std::string_view text, size_t from) {
  std::vector<Line> lines;
  size_t pos = from;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back(Line{pos, end});
    pos = end + 1;
  }
  return lines;
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

bool IsAbbreviation(std::string_view word) {
  if (word.size() == 1) return word[0] >= 'A' && word[0] <= 'Z';  // an initial
  // A single non-ASCII capital letter (an initial such as "Ö.") also counts.
  size_t len;
  char32_t c = utf8::Decode(word, 0, &len);
  if (len == word.size() && c >= 0x80) return u_isupper(static_cast<UChar32>(c));
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

}  // namespace

std::vector<Span> SplitParagraphs(std::string_view text) {
  const size_t from = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::vector<Line> lines = Lines(text, from);
  bool has_blank = false;
  for (size_t i = 0; i < lines.size() && !has_blank; ++i) {
    has_blank = IsBlank(text.substr(lines[i].start, lines[i].end - lines[i].start));
  }
  std::vector<Span> paragraphs;
  size_t block_start = std::string_view::npos;
  size_t block_end = 0;
  auto flush = [&] {
    if (block_start == std::string_view::npos) return;
    Span s = Trim(text, block_start, block_end);
    if (s.start < s.end) paragraphs.push_back(s);
    block_start = std::string_view::npos;
  };
  for (const Line& line : lines) {
    if (IsBlank(text.substr(line.start, line.end - line.start))) {
      flush();
      continue;
    }
    if (block_start == std::string_view::npos) block_start = line.start;
    block_end = line.end;
    if (!has_blank) flush();
  }
  flush();
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
