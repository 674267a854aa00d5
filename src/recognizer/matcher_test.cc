// The matching rules of README.md, one test each, as {text, expected mentions} tables.
#include "recognizer/matcher.h"

#include <gtest/gtest.h>

#include "testing/recognize.h"

namespace entgraph {
namespace {

using testing::Mentions;

struct Case {
  std::string text;
  std::string expected;
};

void ExpectAll(std::string_view tsv, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Mentions(tsv, c.text), c.expected) << "text: " << c.text;
  }
}

TEST(MatcherTest, AliasWithoutLowercaseMatchesOnlyInExactCase) {
  ExpectAll("organization\tAssociated Press of Pakistan\tAPP\n"
            "project\tCASA-1000\n",
            {
                {"state news agency APP said", "[APP]=Associated Press of Pakistan"},
                {"download the app today", ""},
                {"the App store", ""},
                {"CASA-1000 line", "[CASA-1000]=CASA-1000"},
                {"casa-1000 line", ""},
                {"Casa-1000 line", ""},
            });
}

TEST(MatcherTest, OtherAliasesIgnoreCase) {
  ExpectAll("organization\tPakistan Steel Mills\n",
            {
                {"pakistan steel mills", "[pakistan steel mills]=Pakistan Steel Mills"},
                {"PAKISTAN STEEL MILLS", "[PAKISTAN STEEL MILLS]=Pakistan Steel Mills"},
                {"PaKiStAn sTeEl MiLlS", "[PaKiStAn sTeEl MiLlS]=Pakistan Steel Mills"},
            });
}

TEST(MatcherTest, FullUnicodeCaseFoldingAndAccents) {
  ExpectAll("organization\tTurkiye Petroleum\norganization\tStraße Bau\nperson\tÉmilie Brontë\n",
            {
                {"Türkiye Petroleum", "[Türkiye Petroleum]=Turkiye Petroleum"},
                {"TÜRKİYE PETROLEUM", "[TÜRKİYE PETROLEUM]=Turkiye Petroleum"},
                {"STRASSE BAU", "[STRASSE BAU]=Straße Bau"},
                {"strasse bau", "[strasse bau]=Straße Bau"},
                {"Emilie Bronte", "[Emilie Bronte]=Émilie Brontë"},
                // Decomposed accents (e + U+0301) are the same name as precomposed ones.
                {"E\u0301milie Bronte\u0308", "[E\u0301milie Bronte\u0308]=Émilie Brontë"},
            });
}

TEST(MatcherTest, CaseFoldingCoversOtherScripts) {
  ExpectAll("person\tВладимир Путин\norganization\tΟργανισμός Λιμένος\n",
            {
                {"ВЛАДИМИР ПУТИН", "[ВЛАДИМИР ПУТИН]=Владимир Путин"},
                {"ΟΡΓΑΝΙΣΜΌΣ ΛΙΜΈΝΟΣ", "[ΟΡΓΑΝΙΣΜΌΣ ΛΙΜΈΝΟΣ]=Οργανισμός Λιμένος"},
            });
}

TEST(MatcherTest, CompatibilityFormsAreNormalizedWithNfkc) {
  ExpectAll("organization\tPakistan Steel Mills\tPSM\n",
            {
                {"ＰＳＭ said", "[ＰＳＭ]=Pakistan Steel Mills"},  // full-width letters
                {"Ｐａｋｉｓｔａｎ Steel Mills", "[Ｐａｋｉｓｔａｎ Steel Mills]=Pakistan Steel Mills"},
            });
}

TEST(MatcherTest, AnyWhiteSpaceBetweenTokensIsOneSpace) {
  // (A line break is white space inside a paragraph; without blank lines each line would be a paragraph.)
  ExpectAll("person\tVadim Velichko\n",
            {
                {"Intro.\n\nVadim\nVelichko", "[Vadim\nVelichko]=Vadim Velichko"},
                {"Vadim\u00A0Velichko", "[Vadim\u00A0Velichko]=Vadim Velichko"},
                {"Vadim\t  Velichko", "[Vadim\t  Velichko]=Vadim Velichko"},
                {"Intro.\r\n\r\nVadim\r\nVelichko", "[Vadim\r\nVelichko]=Vadim Velichko"},
                {"Vadim\u2003Velichko", "[Vadim\u2003Velichko]=Vadim Velichko"},
            });
}

TEST(MatcherTest, DashesMatchEachOtherAndWhiteSpace) {
  ExpectAll("project\tQuetta-Taftan railway\n",
            {
                {"Quetta-Taftan railway", "[Quetta-Taftan railway]=Quetta-Taftan railway"},
                {"Quetta\u2010Taftan railway", "[Quetta\u2010Taftan railway]=Quetta-Taftan railway"},
                {"Quetta\u2013Taftan railway", "[Quetta\u2013Taftan railway]=Quetta-Taftan railway"},
                {"Quetta\u2014Taftan railway", "[Quetta\u2014Taftan railway]=Quetta-Taftan railway"},
                {"Quetta Taftan railway", "[Quetta Taftan railway]=Quetta-Taftan railway"},
                {"Quetta - Taftan railway", "[Quetta - Taftan railway]=Quetta-Taftan railway"},
            });
}

TEST(MatcherTest, ApostrophesMatchEachOther) {
  ExpectAll("person\tShane O'Brien\nperson\tAnna D’Souza\n",
            {
                {"Shane O’Brien", "[Shane O’Brien]=Shane O'Brien"},
                {"Shane O'Brien", "[Shane O'Brien]=Shane O'Brien"},
                {"Anna D'Souza", "[Anna D'Souza]=Anna D’Souza"},
            });
}

TEST(MatcherTest, WholeWordsOnly) {
  ExpectAll("person\tAlbert P. Khorev\tKhorev\norganization\tInternational Monetary Fund\tIMF\n",
            {
                {"Khorevsky spoke", ""},
                {"IMFs and XIMF", ""},
                {"the IMF2 plan", ""},
                {"(IMF)", "[IMF]=International Monetary Fund"},
                {"anti-IMF protest", "[IMF]=International Monetary Fund"},
            });
}

TEST(MatcherTest, PossessiveStillCountsAsMention) {
  ExpectAll("person\tAlbert P. Khorev\tKhorev\norganization\tPakistan Steel Mills\tPSM\n",
            {
                {"Khorev's remarks", "[Khorev]=Albert P. Khorev"},
                {"Khorev’s remarks", "[Khorev]=Albert P. Khorev"},
                {"PSM’s capacity", "[PSM]=Pakistan Steel Mills"},
                {"Pakistan Steel Mills' losses", "[Pakistan Steel Mills]=Pakistan Steel Mills"},
            });
}

TEST(MatcherTest, InitialsAndTitlesInsideNamesDoNotSplitMentions) {
  ExpectAll("person\tAlbert P. Khorev\tKhorev\nperson\tGohar Iqbal\tDr. Gohar Iqbal\n",
            {
                {"Ambassador Albert P. Khorev said", "[Albert P. Khorev]=Albert P. Khorev"},
                {"Dr. Gohar Iqbal emphasized", "[Dr. Gohar Iqbal]=Gohar Iqbal"},
                {"Minister Gohar Iqbal", "[Gohar Iqbal]=Gohar Iqbal"},
            });
}

TEST(MatcherTest, LeftmostLongestWins) {
  ExpectAll("organization\tPakistan Steel Mills\tPSM\norganization\tPakistan Steel\n"
            "project\tSteel Mills Revival\n",
            {
                {"the Pakistan Steel Mills plant", "[Pakistan Steel Mills]=Pakistan Steel Mills"},
                {"Pakistan Steel exports", "[Pakistan Steel]=Pakistan Steel"},
                // Leftmost first: the match starting at "Pakistan" wins over a longer one inside it.
                {"Pakistan Steel Mills Revival", "[Pakistan Steel Mills]=Pakistan Steel Mills"},
                {"Steel Mills Revival", "[Steel Mills Revival]=Steel Mills Revival"},
            });
}

TEST(MatcherTest, FallsBackToShorterAliasWhenLongerIsRejectedByCase) {
  ExpectAll("organization\tUnited Nations\tUN\nproject\tUN HABITAT\n",
            {
                {"UN habitat", "[UN]=United Nations"},
                {"UN HABITAT", "[UN HABITAT]=UN HABITAT"},
            });
}

TEST(MatcherTest, AliasOfTwoEntitiesIsAmbiguous) {
  ExpectAll("person\tHaroon Akhtar Khan\tKhan\nperson\tImran Khan\tKhan\n",
            {
                {"Khan said", "[Khan]=?Haroon Akhtar Khan|Imran Khan"},
                {"Imran Khan said", "[Imran Khan]=Imran Khan"},
            });
}

TEST(MatcherTest, CaseSensitiveAttributeAppliesToEveryForm) {
  ExpectAll("organization\tDawn\t\tcase=sensitive\n",
            {
                {"a diplomat told Dawn", "[Dawn]=Dawn"},
                {"at dawn the talks began", ""},
                {"DAWN", ""},
            });
}

TEST(MatcherTest, OffsetsPointIntoTheOriginalText) {
  // Multi-byte text, NFKC forms and ill-formed bytes before the mention do not shift offsets:
  // Mentions() slices the original text with the reported offsets.
  ExpectAll("country\tTurkiye\norganization\tIMF\n",
            {
                {"ＡＢＣ – TÜRKİYE", "[TÜRKİYE]=Turkiye"},
                {"\xFF\xFE bad bytes, then IMF", "[IMF]=IMF"},
                {"\xE2\x82 IMF \xC3", "[IMF]=IMF"},
                {"e\u0301e\u0301 Turkiye", "[Turkiye]=Turkiye"},
            });
}

TEST(MatcherTest, NamesDoNotMatchAcrossParagraphs) {
  ExpectAll("person\tVadim Velichko\n", {{"Vadim\n\nVelichko", ""}});
}

TEST(MatcherTest, WordsOfEveryLengthAroundTheShortKeyLimit) {
  // Words of up to 16 bytes are folded and hashed in two machine words, longer ones byte by byte;
  // a word near the end of the text cannot be read 16 bytes at a time. All must match the same.
  ExpectAll("place\tAbcdefgh\nplace\tAbcdefghIjklmnop\nplace\tAbcdefghIjklmnopQ\nplace\tAbcdefghI Z\n",
            {
                {"ABCDEFGH", "[ABCDEFGH]=Abcdefgh"},
                {"x abcdefghijklmnop y", "[abcdefghijklmnop]=AbcdefghIjklmnop"},
                {"abcdefghijklmnop", "[abcdefghijklmnop]=AbcdefghIjklmnop"},
                {"ABCDEFGHIJKLMNOPQ.", "[ABCDEFGHIJKLMNOPQ]=AbcdefghIjklmnopQ"},
                {"abcdefghijklmno abcdefghijklmnopqr", ""},
                {"abcdefghi z", "[abcdefghi z]=AbcdefghI Z"},
                {"abcdefghi zz", ""},
                {"ABCDEFGHI Z", "[ABCDEFGHI Z]=AbcdefghI Z"},
                {"@[`{ abcdefgh", "[abcdefgh]=Abcdefgh"},  // the bytes next to A-Z and a-z
            });
}

TEST(MatcherTest, WordCacheCollisionsDoNotMixWordsUp) {
  // Thousands of distinct words pass through the per-thread word cache, so slots are reused;
  // each word must still get its own answer.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "w" + std::to_string(i) + " ";
  text += "w19999x Needle w7 pin w8 pin needle";
  EXPECT_EQ(Mentions("place\tNeedle\nplace\tw7 Pin\n", text), "[Needle]=Needle [w7 pin]=w7 Pin [needle]=Needle");
}

TEST(MatcherTest, WordCacheKeepsWordsOfOtherScriptsApart) {
  // Words of other scripts of up to 16 bytes go through the word cache too, by their bytes as
  // written: thousands of distinct ones reuse its slots, the same word in another case is another
  // key with the same answer (but for an exact-case alias), and a word of 17 bytes or more goes
  // round the cache.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "слово" + std::to_string(i) + " ";
  text += "Величко ВЕЛИЧКО величко слово7 пин Жёлтоводскино ЖЁЛТОВОДСКИНО МВФ мвф";
  EXPECT_EQ(Mentions("person\tВадим Величко\tВеличко\nplace\tслово7 Пин\nplace\tЖёлтоводскино\n"
                     "organization\tМВФ\n",
                     text),
            "[Величко]=Вадим Величко [ВЕЛИЧКО]=Вадим Величко [величко]=Вадим Величко [слово7 пин]=слово7 Пин "
            "[Жёлтоводскино]=Жёлтоводскино [ЖЁЛТОВОДСКИНО]=Жёлтоводскино [МВФ]=МВФ");
}

TEST(MatcherTest, EveryShortWordOfALargeVocabularyIsFound) {
  // A short ASCII word the word cache does not know is looked up in a table of every short key of
  // the vocabulary, four fifths full: with 30,000 keys its probes run long and wrap round its end.
  // Every name must be found, with its own entity, and the words beside them, in no name, not.
  std::string tsv, text, expected;
  for (int i = 0; i < 30000; ++i) {
    const std::string name = "k" + std::to_string(i) + std::string(static_cast<size_t>(i % 11), 'x');  // 2-16 bytes
    tsv += "place\t" + name + "\n";
    text += "q" + std::to_string(i) + " " + name + " ";
    expected += (expected.empty() ? "[" : " [") + name + "]=" + name;
  }
  EXPECT_EQ(Mentions(tsv, text), expected);
}

TEST(MatcherTest, EveryWordThatGoesOnAFirstWordIsFollowed) {
  // A walk from a first word asks a 16-bit filter of the words that go on from it before the
  // trie: with forty continuations every bit is taken several times over, with one, most are
  // free, and a word that goes on another first word must not be taken for one of this one's.
  std::string tsv = "place\tPort Lone\nplace\tLone\nplace\tOther Side\n";
  std::string text, expected;
  for (int i = 0; i < 40; ++i) {
    tsv += "place\tNew Town" + std::to_string(i) + "\n";
    text += "new town" + std::to_string(i) + ", ";
    expected += "[new town" + std::to_string(i) + "]=New Town" + std::to_string(i) + " ";
  }
  text += "new side, port lone, port side, other lone, lone.";
  expected += "[port lone]=Port Lone [lone]=Lone [lone]=Lone";
  EXPECT_EQ(Mentions(tsv, text), expected);
}

TEST(MatcherTest, AGazetteerFoldedInTwoRunsMatchesAsOne) {
  // From 100,000 surfaces on, the surfaces are cut and folded in two runs of entities at once and
  // then laid into one trie in order: names of either half, a name that goes on from one of the
  // other half, an alias of both halves and case-sensitive aliases must match as they would in one.
  std::string tsv = "organization\tShared Words\tKhan\nplace\tAlpha Beta\n";
  for (int i = 0; i < 60000; ++i) {
    tsv += "person\tName" + std::to_string(i) + " Surname" + std::to_string(i) + "\tN" + std::to_string(i) + "S\n";
  }
  tsv += "place\tAlpha Beta Gamma\norganization\tAPP Corp\tAPP\nperson\tLast One\tKhan\n";
  EXPECT_EQ(Mentions(tsv, "Khan met APP, not app, at Alpha Beta Gamma and Alpha Beta; name59999 surname59999, "
                          "N7S, n7s and NAME7 SURNAME7."),
            "[Khan]=?Shared Words|Last One [APP]=APP Corp [Alpha Beta Gamma]=Alpha Beta Gamma [Alpha Beta]=Alpha Beta "
            "[name59999 surname59999]=Name59999 Surname59999 [N7S]=Name7 Surname7 [NAME7 SURNAME7]=Name7 Surname7");
}

TEST(MatcherTest, CompilesOneNodePerDistinctTokenPrefix) {
  const Dictionary dict = testing::ParseDictionary(
      "organization\tPakistan Steel Mills\tPSM|pakistan steel\norganization\tPakistan Railways\n");
  const Matcher m(dict);
  // pakistan, pakistan steel, pakistan steel mills, psm, pakistan railways
  EXPECT_EQ(m.node_count(), 5u);
  EXPECT_EQ(m.vocabulary_size(), 5u);  // pakistan steel mills psm railways
}

}  // namespace
}  // namespace entgraph
