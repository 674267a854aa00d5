#include "text/sentence_rules.h"

#include <unicode/uchar.h>

#include <array>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/utf8.h"

namespace entgraph {
namespace {

// Sentence_Break values as ICU numbers them (USentenceBreak).
enum : uint8_t {
  kOther = U_SB_OTHER,
  kATerm = U_SB_ATERM,
  kClose = U_SB_CLOSE,
  kFormat = U_SB_FORMAT,
  kLower = U_SB_LOWER,
  kNumeric = U_SB_NUMERIC,
  kOLetter = U_SB_OLETTER,
  kSep = U_SB_SEP,
  kSp = U_SB_SP,
  kSTerm = U_SB_STERM,
  kUpper = U_SB_UPPER,
  kCR = U_SB_CR,
  kExtend = U_SB_EXTEND,
  kLF = U_SB_LF,
  kSContinue = U_SB_SCONTINUE,
};

uint8_t ClassOf(char32_t c) {
  return static_cast<uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK));
}

const std::array<uint8_t, 128>& AsciiClasses() {
  static const std::array<uint8_t, 128> table = [] {
    std::array<uint8_t, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = ClassOf(c);
    return t;
  }();
  return table;
}

bool IsParaSep(uint8_t c) { return c == kSep || c == kCR || c == kLF; }
bool IsSATerm(uint8_t c) { return c == kATerm || c == kSTerm; }

// One character after SB5: its class and where it starts; Extend and Format characters are folded
// into the character before them. Packed as start << 5 | class.
uint8_t Cls(uint32_t packed) { return packed & 31; }
size_t Start(uint32_t packed) { return packed >> 5; }

// The rules over a sequence of characters after SB5: `cls(i)` is the i-th character's class and
// `start(i)` its byte offset. Breaks only follow a paragraph separator or a terminator, and
// `next(i)` is the first character at or after i that is one (n when none is): the rules skip
// everything else, which is most of the text.
template <typename Cls, typename Start, typename Next>
void ApplyRules(size_t n, size_t text_size, const Cls& cls, const Start& start, const Next& next_candidate,
                std::vector<size_t>* out) {
  for (size_t i = next_candidate(0); i < n; i = next_candidate(i + 1)) {
    const uint8_t c = cls(i);
    if (IsParaSep(c)) {
      if (c == kCR && i + 1 < n && cls(i + 1) == kLF) continue;  // SB3
      if (i + 1 < n) out->push_back(start(i + 1));              // SB4
      continue;
    }
    if (!IsSATerm(c)) continue;
    size_t k = i + 1;
    while (k < n && cls(k) == kClose) ++k;
    while (k < n && cls(k) == kSp) ++k;
    // No break inside the Close* Sp* run (SB9, SB10); the candidate is before character k.
    if (k == n) break;
    const uint8_t next = cls(k);
    bool keep = IsParaSep(next);  // SB9/SB10: the break comes after the separator (SB4)
    if (c == kATerm && k == i + 1) {
      keep = keep || next == kNumeric;                                                            // SB6
      keep = keep || (next == kUpper && i > 0 && (cls(i - 1) == kUpper || cls(i - 1) == kLower));  // SB7
    }
    if (!keep && c == kATerm) {  // SB8: ... ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
      size_t j = k;
      while (j < n) {
        const uint8_t x = cls(j);
        if (x == kOLetter || x == kUpper || x == kLower || IsParaSep(x) || IsSATerm(x)) break;
        ++j;
      }
      keep = j < n && cls(j) == kLower;
    }
    keep = keep || next == kSContinue || IsSATerm(next);  // SB8a
    if (!keep) out->push_back(start(k));                  // SB11
    i = k - 1;
  }
  out->push_back(text_size);
}

// The first byte at or after i that is a terminator or a paragraph separator in ASCII (. ! ? LF
// CR, the only ASCII bytes whose Sentence_Break class is ATerm, STerm, LF, CR or Sep; the
// cross-check against ICU would fail if another were), or text.size(). Also text.size(), with
// *ascii false, when a byte that is not ASCII comes first.
size_t NextAsciiCandidate(std::string_view text, size_t i, bool* ascii) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
#ifdef __SSE2__
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
    const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)) | high) {
      if (high & (mask & -mask)) break;  // the first of them is not ASCII: found below
      return i + static_cast<size_t>(std::countr_zero(mask));
    }
  }
#endif
  for (; i < text.size(); ++i) {
    const unsigned char b = bytes[i];
    if (b >= 0x80) {
      *ascii = false;
      return text.size();
    }
    if (b == '.' || b == '\n' || b == '!' || b == '?' || b == '\r') return i;
  }
  return text.size();
}

// The boundaries of `text` if it is all ASCII (one byte, one character; no ASCII character is
// Extend or Format); false, *out as it was, if it is not. The scan for candidates checks the
// bytes as it goes, which saves a pass of its own over every paragraph: every byte is scanned
// before the rules are done, but for the runs of Close and Sp that follow a terminator, which
// the rules read through a table that gives a byte that is not ASCII the class Other (neither).
bool AsciiBoundaries(std::string_view text, std::vector<size_t>* out) {
  static const std::array<uint8_t, 256> table = [] {
    std::array<uint8_t, 256> t{};
    for (size_t c = 0; c < 256; ++c) t[c] = c < 128 ? AsciiClasses()[c] : static_cast<uint8_t>(kOther);
    return t;
  }();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t before = out->size();
  bool ascii = true;
  ApplyRules(
      text.size(), text.size(), [&](size_t i) { return table[bytes[i]]; }, [](size_t i) { return i; },
      [&](size_t i) { return NextAsciiCandidate(text, i, &ascii); }, out);
  if (!ascii) out->resize(before);
  return ascii;
}

}  // namespace

void SentenceBoundaries(std::string_view text, std::vector<size_t>* out, std::vector<uint32_t>* classes) {
  if (text.empty()) return;
  if (AsciiBoundaries(text, out)) return;
  const auto& ascii = AsciiClasses();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  if (text.size() >= (size_t{1} << 27)) {  // offsets must fit beside the class
    out->push_back(text.size());
    return;
  }
  // SB5: X (Extend | Format)* -> X, except after a paragraph separator or at the start.
  std::vector<uint32_t>& chars = *classes;
  chars.clear();
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 1;
    const uint8_t cls = bytes[pos] < 0x80 ? ascii[bytes[pos]] : ClassOf(utf8::Decode(text, pos, &len));
    if ((cls == kExtend || cls == kFormat) && !chars.empty() && !IsParaSep(Cls(chars.back()))) {
      pos += len;
      continue;
    }
    chars.push_back(static_cast<uint32_t>(pos) << 5 | cls);
    pos += len;
  }
  const auto next_candidate = [&](size_t i) {
    while (i < chars.size() && !IsParaSep(Cls(chars[i])) && !IsSATerm(Cls(chars[i]))) ++i;
    return i;
  };
  ApplyRules(
      chars.size(), text.size(), [&](size_t i) { return Cls(chars[i]); }, [&](size_t i) { return Start(chars[i]); },
      next_candidate, out);
}

}  // namespace entgraph
