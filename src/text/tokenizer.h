// Cuts text into the tokens that names are matched on.
//
// A word token is a maximal run of letters, combining marks and digits (format characters such as
// the zero-width non-joiner or a soft hyphen continue a word). Every other visible character is a
// punctuation token of its own, so "Khan's" is [Khan] ['] [s] and a possessive never hides a name.
// White space of any kind and the dashes - ‐ ‑ ‒ – — ― are separators, not tokens: that is what
// makes "Quetta-Taftan", "Quetta – Taftan" and "Quetta\nTaftan" the same token sequence.
//
// Tokens carry byte offsets into the caller's buffer; the text is never copied or rewritten, which
// is why every mention's offsets point into the original file. Ill-formed UTF-8 becomes a
// punctuation token of its own (a name never matches across it).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace entgraph {

enum class TokenKind : uint8_t { kWord, kPunct };

struct Token {
  size_t start = 0;  // byte offset of the first byte
  size_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
  bool ascii = true;  // every byte is 7-bit: folding can skip ICU

  std::string_view In(std::string_view text) const { return text.substr(start, end - start); }
};

// Appends the tokens of text[begin, end) to *out (which is not cleared).
void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* out);

// The same, one character at a time: what Tokenize does where it cannot take a block of ASCII
// bytes at once, and the reference its block path is tested against.
void TokenizeByCharacter(std::string_view text, size_t begin, size_t end, std::vector<Token>* out);

inline std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, 0, text.size(), &tokens);
  return tokens;
}

// True for the code points that separate tokens the way white space does.
bool IsDash(char32_t c);
// True for the code points that all fold to the ASCII apostrophe.
bool IsApostrophe(char32_t c);

}  // namespace entgraph
