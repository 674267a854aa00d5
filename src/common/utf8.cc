#include "common/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstring>

namespace entgraph::utf8 {

char32_t DecodeLong(std::string_view text, size_t pos, size_t* length) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  UChar32 c;
  // ICU's macro works on int32_t lengths; decode from a window so huge documents stay safe.
  const int32_t window = static_cast<int32_t>(std::min<size_t>(4, text.size() - pos));
  U8_NEXT(s + pos, i, window, c);
  *length = static_cast<size_t>(i);
  return c < 0 ? kReplacement : static_cast<char32_t>(c);
}

void Append(char32_t c, std::string* out) {
  char buf[4];
  int32_t i = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), i, 4, static_cast<UChar32>(c), error);
  if (error) {
    out->append("\xEF\xBF\xBD");
  } else {
    out->append(buf, static_cast<size_t>(i));
  }
}

size_t FindInvalid(std::string_view text, size_t from) {
  size_t pos = from;
  while (pos < text.size()) {
    // ASCII, most of most text, is skipped 32 bytes at a time, then eight.
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    uint64_t w[4];
    if (pos + 32 <= text.size() && (std::memcpy(w, text.data() + pos, 32), ((w[0] | w[1] | w[2] | w[3]) & kHigh) == 0)) {
      pos += 32;
      continue;
    }
    if (pos + 8 <= text.size() && (std::memcpy(w, text.data() + pos, 8), (w[0] & kHigh) == 0)) {
      pos += 8;
      continue;
    }
    if (static_cast<uint8_t>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t len;
    if (Decode(text, pos, &len) == kReplacement && text.compare(pos, 3, "\xEF\xBF\xBD") != 0) {
      return pos;
    }
    pos += len;
  }
  return std::string_view::npos;
}

size_t CountInvalid(std::string_view text) {
  size_t count = 0;
  for (size_t pos = FindInvalid(text); pos != std::string_view::npos;) {
    ++count;
    size_t len;
    Decode(text, pos, &len);
    pos = FindInvalid(text, pos + len);
  }
  return count;
}

std::string Sanitize(std::string_view text) {
  if (FindInvalid(text) == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    size_t len;
    Append(Decode(text, pos, &len), &out);
    pos += len;
  }
  return out;
}

namespace {

bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
         c == 0x200F || c == 0x061C;
}

// True when valid UTF-8 `text` holds a character that AppendForTerminal escapes: an ASCII
// control, a C1 control (U+0080-U+009F) or a bidirectional control. Found from the bytes, without
// decoding: a name of another script (a gazetteer has tens of thousands) is then copied whole,
// where it was decoded a character at a time.
bool HasTerminalControl(std::string_view text) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size(); ++i) {
    if (b[i] < 0x20 || b[i] == 0x7F) return true;
    if (b[i] < 0xC2) continue;  // printable ASCII, or a continuation byte
    if (b[i] == 0xC2 && b[i + 1] < 0xA0) return true;     // U+0080-U+009F
    if (b[i] == 0xD8 && b[i + 1] == 0x9C) return true;    // U+061C
    if (b[i] != 0xE2) continue;
    const unsigned char c1 = b[i + 1], c2 = b[i + 2];
    if (c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (c2 >= 0xAA && c2 <= 0xAE))) return true;  // U+200E-F, U+202A-E
    if (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) return true;                                  // U+2066-U+2069
  }
  return false;
}

}  // namespace

// True when every byte is printable ASCII: nothing to escape, decode or collapse.
static bool PrintableAscii(std::string_view text) {
  // Eight bytes at a time: a byte's top bit says it is not ASCII; of its low seven bits y, y + 1
  // sets the top bit for DEL, and y + 0x60 leaves it clear for a control (no carry crosses bytes).
  constexpr uint64_t kOnes = 0x0101010101010101ull, kTops = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    const uint64_t y = x & ~kTops;
    if ((x | (y + kOnes) | ~(y + 0x60 * kOnes)) & kTops) return false;
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c < 0x20 || c > 0x7E) return false;  // char is signed: bytes >= 0x80 are negative
  }
  return true;
}

void AppendJsonString(std::string_view text, std::string* out) {
  *out += '"';
  for (size_t pos = 0; pos < text.size();) {
    // Runs of printable ASCII, most of any text, are copied at once.
    size_t run = pos;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++run;
    }
    if (run > pos) {
      out->append(text.data() + pos, run - pos);
      pos = run;
      continue;
    }
    size_t len;
    const char32_t cp = Decode(text, pos, &len);
    if (cp == '"' || cp == '\\') {
      *out += '\\';
      *out += static_cast<char>(cp);
    } else if (cp == '\n') {
      *out += "\\n";
    } else if (cp == '\t') {
      *out += "\\t";
    } else if (cp == '\r') {
      *out += "\\r";
    } else if (cp < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      *out += buf;
    } else {
      Append(cp, out);  // re-encodes: an ill-formed sequence becomes U+FFFD
    }
    pos += len;
  }
  *out += '"';
}

std::string ForTerminal(std::string_view text) {
  std::string out;
  AppendForTerminal(text, &out);
  return out;
}

void AppendForTerminal(std::string_view text, std::string* out_ptr) {
  std::string& out = *out_ptr;
  if (PrintableAscii(text) || (FindInvalid(text) == std::string_view::npos && !HasTerminalControl(text))) {
    out.append(text);
    return;
  }
  out.reserve(out.size() + text.size());
  // Characters shown as they are go out in runs, copied at once: a name of another script was
  // decoded and encoded again a character at a time, an append each.
  size_t run = 0;  // where the characters not yet appended start
  for (size_t pos = 0; pos < text.size();) {
    size_t len;
    const char32_t c = Decode(text, pos, &len);
    const bool escaped = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || IsBidiControl(c);
    if (!escaped && c != kReplacement) {  // (an ill-formed sequence also decodes as kReplacement)
      pos += len;
      continue;
    }
    out.append(text.substr(run, pos - run));
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (escaped) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(c));
      out += buf;
    } else {
      Append(c, &out);
    }
    pos += len;
    run = pos;
  }
  out.append(text.substr(run));
}

bool IsWhiteSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  if (c < 0x1680) return c == 0x85 || c == 0xA0;  // the only ones below U+1680
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

std::string CollapseSpace(std::string_view text) {
  if (PrintableAscii(text) && text.find("  ") == std::string_view::npos && !text.empty() && text.front() != ' ' &&
      text.back() != ' ') {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t run = std::string_view::npos;  // where the characters since the last white space start
  for (size_t pos = 0; pos < text.size();) {
    size_t len;
    const char32_t c = Decode(text, pos, &len);
    if (IsWhiteSpace(c)) {
      if (run != std::string_view::npos) {
        out.append(text.substr(run, pos - run));
        run = std::string_view::npos;
      }
      pending_space = !out.empty();
    } else if (run == std::string_view::npos) {
      if (pending_space) out += ' ';
      pending_space = false;
      run = pos;
    }
    pos += len;
  }
  if (run != std::string_view::npos) out.append(text.substr(run));
  return out;
}

}  // namespace entgraph::utf8
