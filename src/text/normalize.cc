#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <array>
#include <cstring>

#include "common/error.h"
#include "common/utf8.h"
#include "text/tokenizer.h"

namespace entgraph {
namespace {

const icu::Normalizer2& Get(const icu::Normalizer2* (*getter)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = getter(status);
  if (U_FAILURE(status)) {
    throw Error(std::string("ICU normalizer data is missing: ") + u_errorName(status), kExitInternal);
  }
  return *n;
}

const icu::Normalizer2& NfkcCasefold() {
  static const icu::Normalizer2& n = Get(&icu::Normalizer2::getNFKCCasefoldInstance);
  return n;
}
const icu::Normalizer2& Nfkc() {
  static const icu::Normalizer2& n = Get(&icu::Normalizer2::getNFKCInstance);
  return n;
}
const icu::Normalizer2& Nfd() {
  static const icu::Normalizer2& n = Get(&icu::Normalizer2::getNFDInstance);
  return n;
}

// The marks that count as accents: removing them never merges two different words of a script
// that writes vowels with marks.
bool IsAccent(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0xFE20 && c <= 0xFE2F) ||
         (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

std::string Normalize(const icu::Normalizer2& n, std::string_view text) {
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  n.normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                  nullptr, status);
  if (U_FAILURE(status)) return std::string(text);
  return out;
}

bool IsApostropheToken(std::string_view token) {
  size_t len;
  char32_t c = utf8::Decode(token, 0, &len);
  return len == token.size() && IsApostrophe(c);
}

std::string FoldUnicode(std::string_view token) {
  std::string decomposed = Normalize(Nfd(), Normalize(NfkcCasefold(), token));
  std::string out;
  out.reserve(decomposed.size());
  for (size_t pos = 0; pos < decomposed.size();) {
    size_t len;
    char32_t c = utf8::Decode(decomposed, pos, &len);
    if (!IsAccent(c)) out.append(decomposed, pos, len);
    pos += len;
  }
  return out;
}

std::string ExactUnicode(std::string_view token) { return Normalize(Nfkc(), token); }

// The fold of each code point below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic and
// more), worked out once through ICU. Folding a token of those code points one at a time gives
// what ICU gives for the whole token as long as no mark that is kept has to be reordered or
// composed: such code points are marked not simple and send the token to ICU. (A test compares
// the two on random strings of every code point below U+0800.)
struct SmallFold {
  char bytes[14];
  uint8_t size;
  bool simple;
};

std::array<SmallFold, 0x800> MakeSmallFolds() {
  std::array<SmallFold, 0x800> table{};
  for (char32_t c = 0; c < 0x800; ++c) {
    SmallFold& f = table[c];
    std::string one;
    utf8::Append(c, &one);
    const std::string folded = FoldUnicode(one);
    bool simple = folded.size() <= sizeof(f.bytes) && (IsAccent(c) || u_getCombiningClass(c) == 0);
    for (size_t pos = 0; simple && pos < folded.size();) {
      size_t len;
      simple = u_getCombiningClass(static_cast<UChar32>(utf8::Decode(folded, pos, &len))) == 0;
      pos += len;
    }
    f.simple = simple;
    if (simple) {
      folded.copy(f.bytes, folded.size());
      f.size = static_cast<uint8_t>(folded.size());
    }
  }
  return table;
}

}  // namespace

bool AppendFastFoldKey(std::string_view token, std::string* out) {
  static const std::array<SmallFold, 0x800> kFolds = MakeSmallFolds();
  // The folds go into a buffer on the stack, each as the whole of its table entry (then the end
  // moves by its size), and into *out with one append: appending each character's fold alone was
  // most of the cost of folding a name of another script.
  constexpr size_t kChars = 64;  // characters of a token folded through the buffer at once
  char buf[kChars * sizeof(SmallFold::bytes) + sizeof(SmallFold)];
  size_t used = 0, chars = 0;
  const size_t mark = out->size();
  const auto* p = reinterpret_cast<const uint8_t*>(token.data());
  const size_t n = token.size();
  for (size_t i = 0; i < n;) {
    char32_t c;
    if (p[i] < 0x80) {
      c = p[i++];
    } else if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      c = (static_cast<char32_t>(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
      i += 2;
    } else {
      out->resize(mark);
      return false;
    }
    const SmallFold& f = kFolds[c];
    if (!f.simple) {
      out->resize(mark);
      return false;
    }
    std::memcpy(buf + used, &f, sizeof f);
    used += f.size;
    if (++chars == kChars) {
      out->append(buf, used);
      used = chars = 0;
    }
  }
  out->append(buf, used);
  return true;
}

std::string FoldKeyByIcu(std::string_view token) {
  return IsApostropheToken(token) ? std::string("'") : FoldUnicode(token);
}

void AppendFoldKey(std::string_view token, bool ascii, std::string* out) {
  if (ascii) {  // appended, then lowercased in place: a loop the compiler can widen, not an append a byte
    const size_t mark = out->size();
    out->append(token);
    for (char* c = out->data() + mark; c != out->data() + out->size(); ++c) {
      if (*c >= 'A' && *c <= 'Z') *c = static_cast<char>(*c + 32);
    }
    return;
  }
  if (IsApostropheToken(token)) {
    *out += '\'';
    return;
  }
  if (!AppendFastFoldKey(token, out)) *out += FoldUnicode(token);
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string FoldKey(std::string_view token) {
  std::string out;
  AppendFoldKey(token, IsAscii(token), &out);
  return out;
}

void AppendExactKey(std::string_view token, bool ascii, std::string* out) {
  if (ascii) {
    out->append(token);
    return;
  }
  *out += IsApostropheToken(token) ? std::string("'") : ExactUnicode(token);
}

std::string ExactKey(std::string_view token) {
  std::string out;
  AppendExactKey(token, IsAscii(token), &out);
  return out;
}

bool HasNoLowercase(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t len;
    char32_t c = utf8::Decode(text, pos, &len);
    if (u_isULowercase(static_cast<UChar32>(c))) return false;
    pos += len;
  }
  return true;
}

std::string MatchKey(std::string_view name) {
  // A dictionary asks this of every name and alias as it loads: the tokens' vector is kept, not
  // allocated a name.
  thread_local std::vector<Token> tokens;
  tokens.clear();
  Tokenize(name, 0, name.size(), &tokens);
  std::string key;
  key.reserve(name.size());
  for (const Token& t : tokens) {
    if (!key.empty()) key += ' ';
    AppendFoldKey(t.In(name), t.ascii, &key);
  }
  return key;
}

}  // namespace entgraph
