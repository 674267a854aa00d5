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
  Token word;
  bool in_word = false;
  size_t pos = begin;
  while (pos < end) {
    size_t len = 1;
    CharClass cls;
    bool ascii = bytes[pos] < 0x80;
    if (ascii) {
      cls = kAscii[bytes[pos]];
    } else {
      cls = Classify(utf8::Decode(window, pos, &len));
    }
    if (cls == CharClass::kWord || (cls == CharClass::kJoiner && in_word)) {
      if (!in_word) {
        word = Token{pos, pos, TokenKind::kWord, true};
        in_word = true;
      }
      word.ascii = word.ascii && ascii;
      word.end = pos + len;
    } else {
      if (in_word) out->push_back(word);
      in_word = false;
      if (cls == CharClass::kPunct) out->push_back(Token{pos, pos + len, TokenKind::kPunct, ascii});
    }
    pos += len;
  }
  if (in_word) out->push_back(word);
}

}  // namespace entgraph
