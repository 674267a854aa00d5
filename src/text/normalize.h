// How a token is folded before it is compared with a dictionary alias.
//
// Two forms exist, and both are computed from one token at a time:
// - the fold key, for aliases that contain a lowercase letter: NFKC, full Unicode case folding
//   (ICU's NFKC_Casefold, which also drops default-ignorable characters such as a soft hyphen),
//   then the accents are removed (canonical decomposition, then the combining diacritical marks of
//   Latin, Greek and Cyrillic and the Arabic vowel marks are dropped). "Türkiye" and "TURKIYE" both
//   fold to "turkiye". Scripts whose marks are letters in their own right (Devanagari vowel signs,
//   for instance) keep them.
// - the exact key, for aliases written without any lowercase letter (PSM, IMF, APP): NFKC only,
//   so "APP" matches "APP" and "ＡＰＰ" but never the word "app".
// Every apostrophe variant folds to "'" in both forms. ASCII tokens, and tokens of code points
// below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic...), take fast paths that give the same
// result as the ICU path (tests check that).
#pragma once

#include <string>
#include <string_view>

namespace entgraph {

// Appends the fold key of `token` (one token's text) to *out.
void AppendFoldKey(std::string_view token, bool ascii, std::string* out);
std::string FoldKey(std::string_view token);
// Appends the fold key of a token of code points below U+0800 that can be folded one at a time,
// and returns true; returns false, with *out unchanged, for a token that needs ICU.
bool AppendFastFoldKey(std::string_view token, std::string* out);
// The fold key through ICU alone: the reference the fast paths are tested against.
std::string FoldKeyByIcu(std::string_view token);

// Appends the exact key of `token` to *out.
void AppendExactKey(std::string_view token, bool ascii, std::string* out);
std::string ExactKey(std::string_view token);

// True when every byte of `text` is 7-bit ASCII.
bool IsAscii(std::string_view text);

// True when `text` has no lowercase letter: an alias like that is matched case-sensitively.
bool HasNoLowercase(std::string_view text);

// The fold keys of a whole name's tokens joined by single spaces: two names with the same match
// key are the same name to the recognizer ("Quetta-Taftan" and "quetta taftan", for instance).
std::string MatchKey(std::string_view name);

}  // namespace entgraph
