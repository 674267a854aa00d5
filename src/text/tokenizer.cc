#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/utf8.h"

namespace entgraph {
namespace {

enum class CharClass : uint8_t { kSpace, kWord, kJoiner, kPunct };

constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> table{};
  for (int c = 0; c < 128; ++c) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool space = c == ' ' || (c >= '\t' && c <= '\r') || c == '-';
    bool control = c < 0x20 || c == 0x7F;
    table[c] = alnum ? CharClass::kWord
               : space || control ? CharClass::kSpace
                                  : CharClass::kPunct;
  }
  return table;
}

constexpr std::array<CharClass, 128> kAscii = MakeAsciiTable();

CharClass Classify(char32_t c) {
  if (c < 128) return kAscii[c];
  if (IsDash(c) || u_isUWhiteSpace(static_cast<UChar32>(c))) return CharClass::kSpace;
  if (IsApostrophe(c)) return CharClass::kPunct;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return CharClass::kWord;
    case U_FORMAT_CHAR:
      return CharClass::kJoiner;
    case U_CONTROL_CHAR:
      return CharClass::kSpace;
    default:
      return CharClass::kPunct;
  }
}

// The classes of the code points below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic...), so that
// the text of those scripts does not ask ICU about every letter.
using SmallClasses = std::array<CharClass, 0x800>;
const SmallClasses& SmallClassTable() {
  static const SmallClasses table = [] {
    SmallClasses t{};
    for (char32_t c = 0; c < 0x800; ++c) t[c] = Classify(c);
    return t;
  }();
  return table;
}

}  // namespace

bool IsDash(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 ||
         c == 0xFF0D;
}

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

namespace {

// The tokenizer's state between characters: the word being read, if any.
class Cutter {
 public:
  Cutter(std::string_view text, size_t end, std::vector<Token>* out)
      : text_(text.substr(0, end)), whole_(text), out_(out), small_(SmallClassTable()) {}

  // Reads one character at pos; returns its length.
  [[gnu::always_inline]] size_t Step(size_t pos) {
    size_t len = 1;
    const auto b = static_cast<uint8_t>(text_[pos]);
    const bool ascii = b < 0x80;
    CharClass cls;
    if (ascii) {
      cls = kAscii[b];
    } else {
      const char32_t c = utf8::Decode(text_, pos, &len);
      cls = c < 0x800 ? small_[c] : Classify(c);
    }
    if (in_word_) {
      if (cls == CharClass::kWord || cls == CharClass::kJoiner) {
        word_ascii_ = word_ascii_ && ascii;
        return len;
      }
      EndWord(pos);
    }
    if (cls == CharClass::kWord) {
      StartWord(pos, ascii);
    } else if (cls == CharClass::kPunct) {
      out_->push_back(Token{pos, pos + len, TokenKind::kPunct, ascii});
    }
    return len;  // a separator, or a joiner outside a word
  }

#ifdef __SSE2__
  // Reads the ASCII bytes at pos, up to kBytes (16 or 64) and the range's end; returns how many
  // it read (0: the byte at pos is not ASCII). The caller sees to it that kBytes bytes can be
  // loaded at pos (the text may go on past the range: a paragraph's last bytes are loaded with
  // the next one's, then left alone). Classes come from byte comparisons on the whole block, and
  // tokens from the bit masks: no branch per byte, which is what running text of short words
  // costs most. 64 bytes at a time, not 16: a word that goes on past a block's end is a branch
  // that mispredicts, and a wider block has a quarter as many ends.
  template <size_t kBytes>
  [[gnu::flatten]] size_t Block(size_t pos) {
    static_assert(kBytes == 16 || kBytes == 64);
    uint64_t high = 0, word = 0, space = 0;
    for (size_t k = 0; k < kBytes; k += 16) {
      const Masks m = Classify16(whole_.data() + pos + k);
      high |= m.high << k;
      word |= m.word << k;
      space |= m.space << k;
      if (m.high) break;  // the block ends at a byte of this chunk: text of other scripts stops early
    }
    const size_t ascii = high ? static_cast<size_t>(std::countr_zero(high)) : kBytes;
    const auto limit = static_cast<uint32_t>(std::min(ascii, text_.size() - pos));
    if (limit == 0) return 0;
    const uint64_t valid = limit == 64 ? ~0ull : (1ull << limit) - 1;
    word &= valid;
    const uint64_t punct = ~(word | space) & valid;
    // Each token's first byte and last byte, as two masks whose n-th bits belong to the n-th
    // token: taking the lowest bit of each is two short, independent chains, where finding each
    // token's end from its start was one long chain through every token of the block. A word's
    // last byte is one before a byte that is not a word's; not the block's last byte, after which
    // the word may go on.
    uint64_t starts = (word & ~((word << 1) | static_cast<uint64_t>(in_word_))) | punct;
    uint64_t lasts = (word & ~(word >> 1) & (valid >> 1)) | punct;
    if (in_word_) {
      const auto i = static_cast<uint32_t>(std::countr_zero(~word));  // the word's end, or limit
      if (i >= limit) return limit;                                   // it goes on past this block
      EndWord(pos + i);
      if (i > 0) lasts &= lasts - 1;  // that word's last byte
    }
    for (; lasts != 0; starts &= starts - 1, lasts &= lasts - 1) {
      const auto s = static_cast<uint32_t>(std::countr_zero(starts));
      const auto l = static_cast<uint32_t>(std::countr_zero(lasts));
      static_assert(static_cast<int>(TokenKind::kPunct) == 1 && static_cast<int>(TokenKind::kWord) == 0);
      out_->push_back(Token{pos + s, pos + l + 1, static_cast<TokenKind>((punct >> s) & 1), true});
    }
    if (starts != 0) StartWord(pos + static_cast<uint32_t>(std::countr_zero(starts)), true);  // may go on
    return limit;
  }
#endif

  void Finish(size_t end) {
    if (in_word_) EndWord(end);
  }

 private:
#ifdef __SSE2__
  struct Masks {
    uint64_t high, word, space;  // a bit a byte: not ASCII; letter or digit; separator
  };
  static Masks Classify16(const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), lower));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v));
    const __m128i space = _mm_or_si128(
        _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8(' ' + 1), v), _mm_cmpeq_epi8(v, _mm_set1_epi8('-'))),
        _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    const auto mask = [](__m128i m) { return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m))); };
    return {mask(v), mask(_mm_or_si128(letter, digit)), mask(space)};
  }
#endif

  void StartWord(size_t pos, bool ascii) {
    word_start_ = pos;
    word_ascii_ = ascii;
    in_word_ = true;
  }
  void EndWord(size_t pos) {
    out_->push_back(Token{word_start_, pos, TokenKind::kWord, word_ascii_});
    in_word_ = false;
  }

  std::string_view text_;   // up to the end of the range: a character is never read past it
  std::string_view whole_;  // the text the range is in, which blocks may load past the range
  std::vector<Token>* out_;
  const SmallClasses& small_;
  // The word being read, as scalars: a Token kept here and copied out whole would be read back
  // with one wide load just after narrow stores to it, which the processor cannot forward (that
  // stall was most of the tokenizer's time).
  size_t word_start_ = 0;
  bool word_ascii_ = true;
  bool in_word_ = false;
};

}  // namespace

void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* out) {
  Cutter cut(text, end, out);
  size_t pos = begin;
#ifdef __SSE2__
  while (pos < end && pos + 16 <= text.size()) {
    const size_t n = pos + 64 <= text.size() ? cut.Block<64>(pos) : cut.Block<16>(pos);
    if (n != 0) {
      pos += n;
      continue;
    }
    // A character of another script: it and those that follow it up to the next ASCII byte go
    // one at a time (a block would stop at each of them, having classified 16 bytes for nothing).
    do {
      pos += cut.Step(pos);
    } while (pos < end && static_cast<uint8_t>(text[pos]) >= 0x80);
  }
#endif
  while (pos < end) pos += cut.Step(pos);
  cut.Finish(end);
}

void TokenizeByCharacter(std::string_view text, size_t begin, size_t end, std::vector<Token>* out) {
  Cutter cut(text, end, out);
  for (size_t pos = begin; pos < end;) pos += cut.Step(pos);
  cut.Finish(end);
}

}  // namespace entgraph
