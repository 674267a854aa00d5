#include "dictionary/dictionary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "common/error.h"

namespace entgraph {
namespace {

std::string ErrorOf(std::string_view tsv) {
  try {
    Dictionary d;
    d.Parse(tsv, "people.tsv");
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitBadInput);
    return e.what();
  }
  return "(no error)";
}

TEST(DictionaryTest, ParsesAllColumns) {
  Dictionary d;
  d.Parse("# comment\n\nperson\tAlbert P. Khorev\tKhorev|Albert Khorev\tcountry=RU; role=ambassador\n"
          "organization\tIMF\n",
          "d.tsv");
  ASSERT_EQ(d.entities().size(), 2u);
  const Entity& e = d.entities()[0];
  EXPECT_EQ(e.type, "person");
  EXPECT_EQ(e.name, "Albert P. Khorev");
  EXPECT_EQ(e.aliases, (std::vector<std::string>{"Khorev", "Albert Khorev"}));
  ASSERT_EQ(e.attributes.size(), 2u);
  EXPECT_EQ(e.attributes[1], (std::pair<std::string, std::string>{"role", "ambassador"}));
  EXPECT_EQ(e.source.ToString(), "d.tsv:3");
  EXPECT_EQ(d.entities()[1].source.ToString(), "d.tsv:4");
  // The file's name is kept once for all of the file's entities, not copied into each.
  EXPECT_EQ(e.source.file().data(), d.entities()[1].source.file().data());
}

// What an entity's source reads back from its text (as the store keeps it) is what it wrote.
TEST(DictionaryTest, SourceLinesReadBackFromTheirText) {
  const SourceLine s = SourceLine::Parse("dictionaries/people.tsv:12");
  EXPECT_EQ(s.file(), "dictionaries/people.tsv");
  EXPECT_EQ(s.line(), 12u);
  EXPECT_EQ(s, SourceLine("dictionaries/people.tsv", 12));
  EXPECT_EQ(s.AtLine(13).ToString(), "dictionaries/people.tsv:13");
  // Without a line number after the last ':', the text is all file, and stays as it was.
  for (const char* text : {"C:\\dict\\people.tsv", "people.tsv", "people.tsv:", "people.tsv:0", "people.tsv:1x", ""}) {
    EXPECT_EQ(SourceLine::Parse(text).ToString(), text);
    EXPECT_EQ(SourceLine::Parse(text).line(), 0u) << text;
  }
  EXPECT_EQ(SourceLine().ToString(), "");
}

TEST(DictionaryTest, ToleratesCrlfAndByteOrderMark) {
  Dictionary d;
  d.Parse("\xEF\xBB\xBFperson\tSaif Anjum\tAnjum\r\n", "d.tsv");
  ASSERT_EQ(d.entities().size(), 1u);
  EXPECT_EQ(d.entities()[0].type, "person");
  EXPECT_EQ(d.entities()[0].aliases[0], "Anjum");
}

TEST(DictionaryTest, MalformedLinesNameFileLineAndFix) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"person\n", "people.tsv:1: expected 2 to 4 tab-separated columns, found 1 "
                   "(TYPE<TAB>NAME[<TAB>ALIASES[<TAB>ATTRIBUTES]])"},
      {"# c\nperson\ta\tb\tc=d\te\n", "people.tsv:2: expected 2 to 4 tab-separated columns, found 5 "
                                      "(TYPE<TAB>NAME[<TAB>ALIASES[<TAB>ATTRIBUTES]])"},
      {"person\t  \n", "people.tsv:1: empty name in column 2"},
      {"Person\tX\n", "people.tsv:1: type 'Person' must be a lowercase word such as person, organization or project"},
      {"person\tX\tA||B\n", "people.tsv:1: empty alias in column 3 (two '|' in a row, or one at either end)"},
      {"person\tX\t--\n", "people.tsv:1: alias '--' has no letter or digit"},
      {"person\tX\t\tcountry\n",
       "people.tsv:1: attribute 'country' has no '=' (write key=value pairs separated by ';')"},
      {"person\tX\t\t=PK\n", "people.tsv:1: attribute '=PK' has an empty key"},
      {"person\tX\xFF\n", "people.tsv:1: not valid UTF-8 (byte 9 of the line); save the file as UTF-8"},
      {"person\tSaif Anjum\n\nperson\tSAIF  ANJUM\n",
       "people.tsv:3: duplicate name 'SAIF ANJUM': people.tsv:1 already defines 'Saif Anjum' (names are "
       "compared ignoring case, accents and dashes); merge the two lines or rename one"},
  };
  for (const auto& [tsv, expected] : cases) EXPECT_EQ(ErrorOf(tsv), expected) << tsv;
}

TEST(DictionaryTest, DuplicateNamesAreFoundAcrossAccentsAndDashes) {
  EXPECT_NE(ErrorOf("project\tQuetta-Taftan\nproject\tquetta taftan\n"), "(no error)");
  EXPECT_NE(ErrorOf("place\tTürkiye\nplace\tTurkiye\n"), "(no error)");
}

TEST(DictionaryTest, DuplicateNamesAreFoundAcrossFiles) {
  Dictionary d;
  d.Parse("person\tSaif Anjum\n", "a.tsv");
  try {
    d.Parse("person\tNadeem Khan\nperson\tsaif  anjum\n", "b.tsv");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).substr(0, 74),
              "b.tsv:2: duplicate name 'saif anjum': a.tsv:1 already defines 'Saif Anjum'");
  }
}

TEST(DictionaryTest, EntitiesAddedOneByOneAreCheckedAgainstEveryEarlierOne) {
  Dictionary d;
  for (int i = 0; i < 1000; ++i) {  // the name index grows several times on the way
    d.Add(Entity{"person", "Name " + std::to_string(i), {}, {}, SourceLine::Parse("x.tsv:" + std::to_string(i + 1))});
  }
  EXPECT_THROW(d.Add(Entity{"person", "NAME 3", {}, {}, SourceLine::Parse("y.tsv:1")}), Error);
  EXPECT_THROW(d.Add(Entity{"person", "name 999", {}, {}, SourceLine::Parse("y.tsv:2")}), Error);
  d.Add(Entity{"person", "Name 1000", {}, {}, SourceLine::Parse("y.tsv:3")});
  EXPECT_EQ(d.entities().size(), 1001u);
}

// A file of a megabyte or more is parsed in two halves at once; what it reports must not change.
std::string BigDictionary(size_t lines) {
  std::string tsv;
  for (size_t i = 1; i <= lines; ++i) tsv += "person\tPerson Number " + std::to_string(i) + "\tP" + std::to_string(i) + "\n";
  return tsv;
}

void SetLine(std::string* tsv, size_t line, const std::string& text) {
  size_t start = 0;
  for (size_t i = 1; i < line; ++i) start = tsv->find('\n', start) + 1;
  tsv->replace(start, tsv->find('\n', start) - start, text);
}

TEST(DictionaryTest, LargeFilesLoadWholeAndInOrder) {
  const std::string tsv = BigDictionary(60000);
  ASSERT_GE(tsv.size(), 1u << 20);
  Dictionary d;
  d.Parse(tsv, "big.tsv");
  ASSERT_EQ(d.entities().size(), 60000u);
  EXPECT_EQ(d.entities()[0].source.ToString(), "big.tsv:1");
  EXPECT_EQ(d.entities()[45000].name, "Person Number 45001");
  EXPECT_EQ(d.entities()[45000].source.ToString(), "big.tsv:45001");
}

TEST(DictionaryTest, LargeFilesReportTheFirstProblemWithItsLine) {
  std::string tsv = BigDictionary(60000);
  SetLine(&tsv, 50000, "person");  // in the second half
  EXPECT_EQ(ErrorOf(tsv).substr(0, 25), "people.tsv:50000: expecte");
  SetLine(&tsv, 40000, "person\tPerson Number 7");  // a duplicate of a line in the other half
  EXPECT_EQ(ErrorOf(tsv).substr(0, 78),
            "people.tsv:40000: duplicate name 'Person Number 7': people.tsv:7 already defin");
  SetLine(&tsv, 20, "person");  // a problem in the first half comes first
  EXPECT_EQ(ErrorOf(tsv).substr(0, 24), "people.tsv:20: expected ");
}

TEST(DictionaryTest, LoadsEveryTsvOfAFolderInSortedOrder) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("entgraph_dict_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "b.tsv") << "person\tSecond\n";
  std::ofstream(dir / "a.tsv") << "person\tFirst\n";
  std::ofstream(dir / "notes.txt") << "not a dictionary\n";
  const Dictionary d = Dictionary::Load(dir);
  ASSERT_EQ(d.entities().size(), 2u);
  EXPECT_EQ(d.entities()[0].name, "First");
  EXPECT_EQ(d.entities()[1].source.ToString(), (dir / "b.tsv").string() + ":1");
  fs::remove_all(dir);
}

TEST(DictionaryTest, MissingPathIsAnInputError) {
  try {
    Dictionary::Load("no/such/dictionaries");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "dictionary path 'no/such/dictionaries' does not exist: give a .tsv file or a folder of them");
    EXPECT_EQ(e.exit_code(), kExitBadInput);
  }
}

// The image of the dictionary `tsv` parses to, as d.tsv.
std::string ImageOf(std::string_view tsv) {
  Dictionary d;
  d.Parse(tsv, "d.tsv");
  std::string bytes;
  ByteWriter w(&bytes);
  d.WriteImage(&w);
  w.Flush();
  return bytes;
}

// A dictionary read back from its image (the compiled dictionary cache) still refuses a name that
// one of its entities has, though its duplicate index is not in the image.
TEST(DictionaryTest, AnImageReadBackStillRefusesDuplicateNames) {
  const std::string bytes = ImageOf("person\tÉmilie Brontë\tBrontë\tcountry=FR\norganization\tIMF\n");
  ByteReader r(bytes);
  Dictionary back = Dictionary::ReadImage(&r);
  EXPECT_EQ(r.left(), 0u);
  ASSERT_EQ(back.entities().size(), 2u);
  EXPECT_EQ(back.entities()[0].aliases, std::vector<std::string>{"Brontë"});
  EXPECT_EQ(back.entities()[0].source.ToString(), "d.tsv:1");
  try {
    back.Add(Entity{"person", "EMILIE BRONTE", {}, {}, SourceLine::Parse("more.tsv:7")});
    FAIL() << "a duplicate name was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("more.tsv:7: duplicate name 'EMILIE BRONTE': d.tsv:1 already defines"),
              std::string::npos)
        << e.what();
  }
  back.Add(Entity{"person", "Imran Khan", {}, {}, SourceLine::Parse("more.tsv:8")});
  EXPECT_EQ(back.entities().size(), 3u);
}

// The image names each file once; every entity reads back with its own file and line, whichever
// order the files' entities come in.
TEST(DictionaryTest, AnImageKeepsEachEntitysFileAndLine) {
  Dictionary d;
  d.Parse("person\tImran Khan\nperson\tSaif Anjum\n", "people.tsv");
  d.Parse("\norganization\tIMF\n", "dir/orgs.tsv");
  d.Parse("project\tCPEC\n", "people.tsv");  // a name met before, after another file
  std::string bytes;
  ByteWriter w(&bytes);
  d.WriteImage(&w);
  w.Flush();
  ByteReader r(bytes);
  const Dictionary back = Dictionary::ReadImage(&r);
  ASSERT_EQ(back.entities().size(), 4u);
  std::vector<std::string> sources;
  for (const Entity& e : back.entities()) sources.push_back(e.source.ToString());
  EXPECT_EQ(sources, (std::vector<std::string>{"people.tsv:1", "people.tsv:2", "dir/orgs.tsv:2", "people.tsv:1"}));
  EXPECT_EQ(back.entities()[0].source, d.entities()[0].source);
  // A file number past the image's list of files is refused: the last entity's number is the
  // eighth byte from the end.
  bytes[bytes.size() - 8] = 9;
  ByteReader bad(bytes);
  EXPECT_THROW(Dictionary::ReadImage(&bad), ByteReader::ImageError);
}

// An image cut anywhere is refused, never read past its end.
TEST(DictionaryTest, AnImageCutShortIsRefused) {
  const std::string bytes = ImageOf("person\tImran Khan\tKhan\norganization\tIMF\n");
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    ByteReader r(std::string_view(bytes).substr(0, cut));
    EXPECT_THROW(Dictionary::ReadImage(&r), ByteReader::ImageError) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace entgraph
