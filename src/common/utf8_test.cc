#include "common/utf8.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace entgraph::utf8 {
namespace {

TEST(Utf8Test, DecodeGivesCodePointsAndTheirLengths) {
  size_t len = 0;
  EXPECT_EQ(Decode("a", 0, &len), U'a');
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(Decode("\xC3\xA9", 0, &len), U'\u00E9');  // é
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(Decode("x\xD0\x96", 1, &len), U'\u0416');  // Ж
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(Decode("\xE4\xB8\xAD", 0, &len), U'\u4E2D');  // 中
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(Decode("\xF0\x9F\x98\x80", 0, &len), U'\U0001F600');
  EXPECT_EQ(len, 4u);
}

TEST(Utf8Test, IllFormedSequencesDecodeAsTheReplacementCharacter) {
  size_t len = 0;
  EXPECT_EQ(Decode("\xC0\x80", 0, &len), kReplacement);  // an overlong NUL
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(Decode("\xC3", 0, &len), kReplacement);  // cut short by the text's end
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(Decode("\xC3z", 0, &len), kReplacement);  // cut short by another character
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(Decode("\xA9", 0, &len), kReplacement);  // a continuation byte alone
  EXPECT_EQ(len, 1u);
}

// Decode takes one- and two-byte characters itself and hands the rest to ICU (DecodeLong): for
// every first and second byte, followed by more text or not, the two agree.
TEST(Utf8Test, DecodeAgreesWithIcuOnEveryPairOfBytes) {
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      for (const bool more : {false, true}) {
        std::string text{static_cast<char>(first), static_cast<char>(second)};
        if (more) text += "\x80z";
        size_t len = 0, icu_len = 0;
        const char32_t c = Decode(text, 0, &len);
        const char32_t icu = DecodeLong(text, 0, &icu_len);
        ASSERT_EQ(c, icu) << first << " " << second << " " << more;
        ASSERT_EQ(len, icu_len) << first << " " << second << " " << more;
      }
    }
    const std::string alone(1, static_cast<char>(first));
    size_t len = 0, icu_len = 0;
    ASSERT_EQ(Decode(alone, 0, &len), DecodeLong(alone, 0, &icu_len)) << first;
    ASSERT_EQ(len, icu_len) << first;
  }
}

TEST(Utf8Test, WhiteSpaceIsUnicodesWhiteSpaceProperty) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    ASSERT_EQ(IsWhiteSpace(c), static_cast<bool>(u_isUWhiteSpace(static_cast<UChar32>(c)))) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(Utf8Test, CollapseSpaceKeepsOneSpaceBetweenWordsOfAnyScript) {
  EXPECT_EQ(CollapseSpace("Vadim Velichko"), "Vadim Velichko");
  EXPECT_EQ(CollapseSpace("  Вадим \u00A0\n Величко\t "), "Вадим Величко");
  EXPECT_EQ(CollapseSpace("Zürich\u2003\u3000Ost"), "Zürich Ost");
  EXPECT_EQ(CollapseSpace("a\xFF  b\xC3"), "a\xFF b\xC3");  // ill-formed bytes stay as they are
  EXPECT_EQ(CollapseSpace(" \u0085 "), "");
}

TEST(Utf8Test, ForTerminalShowsControlsAndKeepsTheRest) {
  EXPECT_EQ(ForTerminal("plain"), "plain");
  EXPECT_EQ(ForTerminal("Zürich\n\t\x1B[31mЖ\u202E\u0085x"), "Zürich\\n\\t\\u{1B}[31mЖ\\u{202E}\\u{85}x");
  EXPECT_EQ(ForTerminal("a\xFF\xC3" "b\uFFFD"), "a\uFFFD\uFFFDb\uFFFD");  // ill-formed: U+FFFD each
  EXPECT_EQ(ForTerminal("\u061C\u0627"), "\\u{61C}\u0627");
}

TEST(Utf8Test, ForTerminalFindsAControlAnywhereInALongAsciiText) {
  // Printable ASCII is checked eight bytes at a time: a control or DEL at any place of a block, or
  // of the bytes after the last block, must still be escaped, and a letter of another script kept.
  std::string printable;
  for (char c = ' '; c <= '~'; ++c) printable += c;
  EXPECT_EQ(ForTerminal(printable), printable);
  for (size_t pos = 0; pos < 19; ++pos) {
    const std::vector<std::pair<std::string, std::string>> odd_shown = {
        {"\x01", "\\u{1}"}, {"\x1F", "\\u{1F}"}, {"\x7F", "\\u{7F}"}, {"é", "é"}};
    for (const auto& [odd, shown] : odd_shown) {
      const std::string text = std::string(pos, 'a') + odd + std::string(18 - pos, 'b');
      EXPECT_EQ(ForTerminal(text), std::string(pos, 'a') + shown + std::string(18 - pos, 'b')) << pos;
    }
  }
}

TEST(Utf8Test, ForTerminalFindsEveryControlInTextOfOtherScripts) {
  // Valid text of other scripts is copied whole unless a byte pattern says it holds a control:
  // each control, after a letter of another script, must still be escaped, and its neighbours
  // (which share their first bytes) must not.
  const std::vector<char32_t> escaped = {0x01,   0x1F,   0x7F,   0x80,   0x85,   0x9F,   0x061C,
                                         0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069};
  const std::vector<char32_t> kept = {0xA0,   0xBF,   0x061B, 0x061D, 0x200D, 0x2010, 0x2029,
                                      0x202F, 0x2065, 0x206A, 0x2070, 0xFFFD, 0x1F600};
  for (char32_t c : escaped) {
    std::string text = "Ж";
    Append(c, &text);
    char expected[32];
    std::snprintf(expected, sizeof expected, "Ж\\u{%X}", static_cast<unsigned>(c));
    EXPECT_EQ(ForTerminal(text), expected) << static_cast<unsigned>(c);
  }
  for (char32_t c : kept) {
    std::string text = "Ж";
    Append(c, &text);
    EXPECT_EQ(ForTerminal(text), text) << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace entgraph::utf8
