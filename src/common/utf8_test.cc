#include "common/utf8.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <string>

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

}  // namespace
}  // namespace entgraph::utf8
