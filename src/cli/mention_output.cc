#include "cli/mention_output.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/utf8.h"

namespace entgraph::cli {
namespace {

constexpr size_t kDigits = 20;  // of the largest size_t

void AppendNumber(size_t n, std::string* out) {
  char buf[kDigits];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out->append(buf, static_cast<size_t>(end - buf));
}

// ":LINE:COLUMN  " in one append, or "LINE:COLUMN  " when `after_path` is false.
void AppendPosition(LineCounter::Position pos, bool after_path, std::string* out) {
  char buf[2 * kDigits + 4] = {':'};
  char* p = std::to_chars(buf + 1, buf + 1 + kDigits, pos.line).ptr;
  p[0] = ':';
  p = std::to_chars(p + 1, p + 1 + kDigits, pos.column).ptr;
  p[0] = p[1] = ' ';
  const char* first = after_path ? buf : buf + 1;
  out->append(first, static_cast<size_t>(p + 2 - first));
}

// True when a mention's text is printed as it is: printable ASCII, and no space first, last or
// after another (white space is printed collapsed to one space, control characters escaped).
bool IsPlain(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' ? text[i - 1] == ' ' : !(c > ' ' && c < 0x7F)) return false;
  }
  return true;
}

constexpr size_t RoundUp16(size_t n) { return (n + 15) & ~size_t{15}; }

// IsPlain of the n bytes at p, 16 at a time: the caller sees to it that RoundUp16(n) bytes may be
// read there.
bool IsPlainWide(const char* p, size_t n) {
#ifdef __SSE2__
  if (n == 0 || p[0] == ' ' || p[n - 1] == ' ') return false;
  uint32_t carry = 0;  // the last block ended with a space
  for (size_t i = 0; i < n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Signed compares: bytes from 0x80 on are negative, so not above ' '.
    const auto printable = static_cast<uint32_t>(_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(' ')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)))));
    const auto space = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
    const uint32_t valid = n - i >= 16 ? 0xFFFF : (1u << (n - i)) - 1;
    if ((~(printable | space) | (space & ((space << 1) | carry))) & valid) return false;
    carry = space >> 15;
  }
  return true;
#else
  return IsPlain(std::string_view(p, n));
#endif
}

// Copies n bytes 16 at a time, reading and writing up to 15 bytes past both ends (the caller sees
// to it that it may); returns dst + n. A call to memcpy a part, with its length known only at run
// time, cost more than the copy.
char* CopyWide(char* dst, const char* src, size_t n) {
  for (size_t i = 0; i < n; i += 16) std::memcpy(dst + i, src + i, 16);
  return dst + n;
}

// The numbers below 1,000 in decimal, four bytes each: the digits, left-aligned, then how many.
constexpr size_t kSmallNumbers = 1000;
constexpr std::array<std::array<char, 4>, kSmallNumbers> MakeSmallNumbers() {
  std::array<std::array<char, 4>, kSmallNumbers> table{};
  for (size_t n = 0; n < kSmallNumbers; ++n) {
    const size_t digits = n < 10 ? 1 : n < 100 ? 2 : 3;
    for (size_t d = 0, rest = n; d < digits; ++d, rest /= 10) {
      table[n][digits - 1 - d] = static_cast<char>('0' + rest % 10);
    }
    table[n][3] = static_cast<char>(digits);
  }
  return table;
}
constexpr std::array<std::array<char, 4>, kSmallNumbers> kSmallNumberText = MakeSmallNumbers();

// Writes n in decimal at p, and may write junk in the four bytes from p that the caller writes
// next; returns the end. Columns of running text have one to three digits, a count that varies at
// random: a four-byte copy from a table, with no branch on the count (branches on it mispredicted),
// where to_chars's length loop and call were a fiftieth of extract's time.
char* WriteNumber(char* p, size_t n) {
  if (n >= kSmallNumbers) [[unlikely]] return std::to_chars(p, p + kDigits, n).ptr;
  std::memcpy(p, kSmallNumberText[n].data(), 4);
  return p + kSmallNumberText[n][3];
}

// The lines of one document's mentions, appended to a string. Lines are assembled in a buffer of
// the writer's own and appended a batch at a time: a plain line (most of them) is then a few wide
// copies, where appending its parts one at a time was four library calls and most of its cost.
class MentionLines {
 public:
  // `text` is the whole document's text; `path` is empty when lines do not show it.
  MentionLines(std::string_view path, std::string_view text, std::string* out)
      : path_(utf8::ForTerminal(path)), text_(text), out_(out) {
    if (path_.size() <= kPathPlain) std::memcpy(prefix_, path_.data(), path_.size());
  }
  ~MentionLines() { Flush(); }
  MentionLines(const MentionLines&) = delete;
  MentionLines& operator=(const MentionLines&) = delete;

  // The line of the mention text[start, end) at `pos`, of the entity whose suffix is `suffix`
  // (followed by PerEntityText::kSlack readable bytes). `plain`: the text is known to be shown as
  // it is (Mention::ascii_word), which saves looking.
  void Add(LineCounter::Position pos, size_t start, size_t end, std::string_view suffix, bool plain) {
    if (AddPlain(pos, start, end, suffix, plain)) return;
    Flush();
    AppendHead(pos, start, end, out_);
    out_->append(suffix);
  }

  // The line of an ambiguous mention, into *err, with the names of the entities it could be.
  void AddAmbiguous(LineCounter::Position pos, size_t start, size_t end, const std::string& names, std::string* err) {
    AppendHead(pos, start, end, err);
    *err += "  -> ambiguous: ";
    *err += utf8::ForTerminal(names);
    *err += '\n';
  }

  void Flush() {
    out_->append(batch_, used_);
    used_ = 0;
  }

 private:
  static constexpr size_t kBatch = 16 << 10;
  static constexpr size_t kPathPlain = 256;   // a longer path makes every line the general way
  static constexpr size_t kTextPlain = 64;    // and so does a longer mention
  static constexpr size_t kSuffixPlain = 128;  // or entity
  // A plain line's bytes at most, the wide copies' overshoot included: the prefix (path, line,
  // two colons), the column and two spaces, the text, the suffix.
  static constexpr size_t kLongestPlain =
      RoundUp16(kPathPlain + kDigits + 2) + kDigits + 2 + kTextPlain + kSuffixPlain;

  bool AddPlain(LineCounter::Position pos, size_t start, size_t end, std::string_view suffix, bool plain) {
    const size_t n = end - start;
    if (path_.size() > kPathPlain || n > kTextPlain || suffix.size() > kSuffixPlain) return false;
    const char* text = text_.data() + start;
    char last_bytes[kTextPlain];
    if (text_.size() - start < RoundUp16(n)) {  // the document's last bytes: not read past its end
      std::memcpy(last_bytes, text, n);
      std::memset(last_bytes + n, 0, sizeof last_bytes - n);  // read by the wide copies, unused
      text = last_bytes;
    }
    if (!plain && !IsPlainWide(text, n)) return false;
    if (used_ > kBatch) Flush();
    if (pos.line != line_) SetLine(pos.line);
    char* p = CopyWide(batch_ + used_, prefix_, prefix_size_);
    p = WriteNumber(p, pos.column);
    *p++ = ' ';
    *p++ = ' ';
    p = CopyWide(p, text, n);
    p = CopyWide(p, suffix.data(), suffix.size());
    used_ = static_cast<size_t>(p - batch_);
    return true;
  }

  // "PATH:LINE:" (or "LINE:") into prefix_.
  void SetLine(size_t line) {
    char* p = prefix_ + path_.size();
    if (!path_.empty()) *p++ = ':';
    p = std::to_chars(p, p + kDigits, line).ptr;
    *p++ = ':';
    prefix_size_ = static_cast<size_t>(p - prefix_);
    line_ = line;
  }

  // "PATH:LINE:COLUMN  TEXT" the general way: control characters shown, white space collapsed.
  void AppendHead(LineCounter::Position pos, size_t start, size_t end, std::string* sink) const {
    const std::string_view text = text_.substr(start, end - start);
    *sink += path_;
    AppendPosition(pos, !path_.empty(), sink);
    if (IsPlain(text)) {
      sink->append(text);
    } else {
      sink->append(utf8::ForTerminal(utf8::CollapseSpace(text)));
    }
  }

  std::string path_;  // as printed; empty when not shown
  std::string_view text_;
  std::string* out_;
  // "PATH:LINE:" of the current line, remade only when the line changes: mentions come several to
  // a line, and formatting the line number for each was a fifth of the cost of a line.
  char prefix_[RoundUp16(kPathPlain + kDigits + 2)] = {};
  size_t prefix_size_ = 0;
  size_t line_ = 0;  // lines count from 1: none yet
  char batch_[kBatch + kLongestPlain];
  size_t used_ = 0;
};

}  // namespace

std::string_view PerEntityText::MakeText(size_t entity) {
  text_.resize(text_.size() - std::min(text_.size(), kSlack));  // the last text's slack
  const size_t start = text_.size();
  make_(dict_->entities()[entity], &text_);
  spans_[entity] = {start, text_.size() - start};
  text_.append(kSlack, '\0');
  return std::string_view(text_).substr(start, spans_[entity].size);
}

void AppendEntitySuffix(const Entity& e, std::string* out) {
  *out += "  -> ";  // (a dictionary's names are valid UTF-8: shown in parts, they show as a whole)
  utf8::AppendForTerminal(e.name, out);
  *out += " (";
  utf8::AppendForTerminal(e.type, out);
  *out += ")\n";
}

void AppendEntityJsonFields(const Entity& e, std::string* out) {
  *out += ",\"entity\":";
  utf8::AppendJsonString(e.name, out);
  *out += ",\"type\":";
  utf8::AppendJsonString(e.type, out);
}

PerEntityText& ThreadEntityTexts(const Dictionary& dict, PerEntityText::Make make) {
  // Recognition threads are made for each run of files and end with it; the calling thread
  // formats too when there is one thread. A table made for another dictionary is made anew.
  thread_local std::optional<PerEntityText> texts;
  if (!texts || texts->dictionary() != &dict || texts->make() != make) texts.emplace(dict, make);
  return *texts;
}

void PrintHuman(const Document& doc, Piece& piece, const Dictionary& dict, PerEntityText& suffixes,
                PieceOutput* output, bool show_path) {
  const std::string_view path = show_path ? std::string_view(doc.path) : std::string_view();
  // About a line's length for each mention, so that the buffer is seldom copied to grow.
  output->out.reserve(output->out.size() + piece.part.mentions.size() * (path.size() + 64));
  MentionLines lines(path, doc.text, &output->out);
  for (const Mention& m : piece.part.mentions) {
    const LineCounter::Position pos = piece.lines.At(m.start);
    if (!m.ambiguous()) {
      lines.Add(pos, m.start, m.end, suffixes[static_cast<size_t>(m.entity)], m.ascii_word);
      continue;
    }
    std::string names;
    for (uint32_t c : m.candidates) {
      names += (names.empty() ? "" : " | ") + dict.entities()[c].name + " (" + dict.entities()[c].type + ")";
    }
    lines.AddAmbiguous(pos, m.start, m.end, names, &output->err);
  }
}

void PrintJson(const Document& doc, const Piece& piece, const Dictionary& dict, PerEntityText& fields,
               PieceOutput* output) {
  std::string* out = &output->out;
  std::string doc_field = "{\"doc\":";
  utf8::AppendJsonString(doc.path, &doc_field);
  for (const Mention& m : piece.part.mentions) {
    *out += doc_field;
    if (m.ambiguous()) {
      *out += ",\"ambiguous\":[";
      for (size_t i = 0; i < m.candidates.size(); ++i) {
        if (i) *out += ',';
        utf8::AppendJsonString(dict.entities()[m.candidates[i]].name, out);
      }
      *out += ']';
    } else {
      *out += fields[static_cast<size_t>(m.entity)];
    }
    *out += ",\"text\":";
    utf8::AppendJsonString(doc.text.substr(m.start, m.end - m.start), out);
    *out += ",\"start\":";
    AppendNumber(m.start, out);
    *out += ",\"end\":";
    AppendNumber(m.end, out);
    *out += ",\"sentence\":";
    AppendNumber(m.sentence + 1, out);
    *out += ",\"paragraph\":";
    AppendNumber(m.paragraph + 1, out);
    *out += "}\n";
  }
}

}  // namespace entgraph::cli
