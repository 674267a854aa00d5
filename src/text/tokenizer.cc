#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <array>

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

// True for the ASCII bytes of words: the inner loop of a word runs on this table alone.
constexpr std::array<bool, 256> MakeWordByteTable() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) table[c] = kAscii[c] == CharClass::kWord;
  return table;
}

constexpr std::array<bool, 256> kAsciiWordByte = MakeWordByteTable();

}  // namespace

bool IsDash(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 ||
         c == 0xFF0D;
}

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const std::string_view window = text.substr(0, end);
  const SmallClasses& small = SmallClassTable();
  const auto classify = [&](size_t at, size_t* len) {
    const char32_t c = utf8::Decode(window, at, len);
    return c < 0x800 ? small[c] : Classify(c);
  };
  size_t pos = begin;
  while (pos < end) {
    // Between tokens: skip separators, emit punctuation, stop at the first character of a word.
    size_t len = 1;
    const bool ascii = bytes[pos] < 0x80;
    const CharClass cls = ascii ? kAscii[bytes[pos]] : classify(pos, &len);
    if (cls != CharClass::kWord) {
      if (cls == CharClass::kPunct) out->push_back(Token{pos, pos + len, TokenKind::kPunct, ascii});
      pos += len;  // a separator, or a joiner outside a word
      continue;
    }
    Token word{pos, 0, TokenKind::kWord, ascii};
    pos += len;
    // Inside a word. Most text is ASCII letters: those take one table look-up a byte.
    while (pos < end) {
      if (kAsciiWordByte[bytes[pos]]) {
        ++pos;
        continue;
      }
      if (bytes[pos] < 0x80) break;
      const CharClass next = classify(pos, &len);
      if (next != CharClass::kWord && next != CharClass::kJoiner) break;
      word.ascii = false;
      pos += len;
    }
    word.end = pos;
    out->push_back(word);
  }
}

}  // namespace entgraph
