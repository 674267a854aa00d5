// Small UTF-8 helpers shared by the tokenizer, the segmenter and the output writers.
//
// Ill-formed bytes are never rewritten in the buffer: decoders report them as U+FFFD with the
// length of the ill-formed sequence, so byte offsets always stay offsets into the original file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace entgraph::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decode for what the inline part below does not take: sequences of three or four bytes, and
// ill-formed ones.
char32_t DecodeLong(std::string_view text, size_t pos, size_t* length);

// Decodes the code point starting at text[pos]. Sets *length to the bytes it spans (at least 1).
// An ill-formed sequence decodes as kReplacement. Inline for one and two bytes (ASCII; Latin with
// accents, Greek, Cyrillic, Hebrew, Arabic), which are most characters of most text: a call for
// each character was a tenth of the cost of a text in those scripts.
inline char32_t Decode(std::string_view text, size_t pos, size_t* length) {
  const auto b = static_cast<uint8_t>(text[pos]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  if (b >= 0xC2 && b <= 0xDF && pos + 1 < text.size()) {
    const auto next = static_cast<uint8_t>(text[pos + 1]);
    if ((next & 0xC0) == 0x80) {
      *length = 2;
      return static_cast<char32_t>(((b & 0x1Fu) << 6) | (next & 0x3Fu));
    }
  }
  return DecodeLong(text, pos, length);
}

// Appends the UTF-8 encoding of `c` to `out`.
void Append(char32_t c, std::string* out);

// The byte offset of the first ill-formed sequence, or npos when `text` is valid UTF-8.
size_t FindInvalid(std::string_view text, size_t from = 0);

// Counts the ill-formed sequences in `text`.
size_t CountInvalid(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD (for output that must be valid UTF-8).
std::string Sanitize(std::string_view text);

// For terminal output: valid UTF-8 where control characters (C0, DEL, C1) and bidi controls are
// shown as \n, \t or \u{XXXX} so that a name or sentence cannot move the cursor or reorder the line.
std::string ForTerminal(std::string_view text);
// The same, appended to *out.
void AppendForTerminal(std::string_view text, std::string* out);

// Appends `text` as a JSON string literal (quotes included): RFC 8259 escapes, and ill-formed
// UTF-8 replaced by U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string_view text, std::string* out);

// True for a code point with the Unicode White_Space property (u_isUWhiteSpace), without a call
// into ICU below U+1680.
bool IsWhiteSpace(char32_t c);

// Collapses every run of Unicode white space to one space and trims both ends.
std::string CollapseSpace(std::string_view text);

}  // namespace entgraph::utf8
