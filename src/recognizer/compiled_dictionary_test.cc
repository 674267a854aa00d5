#include "recognizer/compiled_dictionary.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>

#include "common/error.h"
#include "testing/recognize.h"
#include "testing/run.h"

namespace entgraph {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Every rule the matcher's tables carry: an alias in exact case only, a case-sensitive entity, a
// name of several words, an alias two entities share, accents and another script.
constexpr const char* kDict =
    "organization\tAssociated Press of Pakistan\tAPP\n"
    "organization\tPakistan Steel Mills\tPSM|Steel Mills\n"
    "person\tImran Khan\tKhan\n"
    "person\tHaroon Akhtar Khan\tKhan\n"
    "project\tApple\t\tcase=sensitive;sector=fruit\n"
    "person\tÉmilie Brontë\n"
    "person\tВладимир Путин\tПутин\n";

constexpr const char* kText =
    "APP and the app said Pakistan Steel Mills (PSM) met Khan. apple and Apple. "
    "EMILIE BRONTE wrote to ПУТИН.";

constexpr const char* kExpected =
    "[APP]=Associated Press of Pakistan [Pakistan Steel Mills]=Pakistan Steel Mills [PSM]=Pakistan Steel Mills "
    "[Khan]=?Imran Khan|Haroon Akhtar Khan [Apple]=Apple [EMILIE BRONTE]=Émilie Brontë [ПУТИН]=Владимир Путин";

struct Loaded {
  bool from_cache;
  std::string mentions;
};

Loaded LoadAndMatch(const fs::path& dict, const fs::path& cache, std::string_view text = kText) {
  CompiledDictionary c = CompiledDictionary::Load(dict, DictionaryCache{cache});
  const std::unique_ptr<Matcher> matcher = c.TakeMatcher();
  return {c.from_cache(), testing::MentionsOf(c.dictionary(), *matcher, text)};
}

size_t FilesIn(const fs::path& folder) {
  std::error_code ec;
  size_t n = 0;
  for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); ++it) ++n;
  return n;
}

TEST(CompiledDictionaryTest, TheCachedFormMatchesAsTheCompiledOne) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", kDict);
  const fs::path cache = dir.path() / "cache";
  const Loaded first = LoadAndMatch(dict, cache);
  EXPECT_FALSE(first.from_cache);
  EXPECT_EQ(first.mentions, kExpected);
  EXPECT_EQ(FilesIn(cache), 1u);
  const Loaded second = LoadAndMatch(dict, cache);
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(second.mentions, kExpected);
}

// A gazetteer's tables are megabytes: written past the writer's buffer, and given back page by
// page as they are read.
TEST(CompiledDictionaryTest, AGazetteerComesBackWhole) {
  TempDir dir;
  std::string tsv;
  for (int i = 0; i < 60000; ++i) {
    tsv += "city\tTown" + std::to_string(i) + " upon Avon\tT" + std::to_string(i) + "\n";
  }
  const fs::path dict = dir.Write("towns.tsv", tsv);
  const fs::path cache = dir.path() / "cache";
  const std::string text = "From Town17 upon Avon to T59999, past TOWN40000 UPON AVON and Town7 upon.";
  const std::string expected =
      "[Town17 upon Avon]=Town17 upon Avon [T59999]=Town59999 upon Avon [TOWN40000 UPON AVON]=Town40000 upon Avon";
  const Loaded first = LoadAndMatch(dict, cache, text);
  EXPECT_EQ(first.mentions, expected);
  EXPECT_GT(fs::file_size(fs::directory_iterator(cache)->path()), size_t{4} << 20);
  const Loaded second = LoadAndMatch(dict, cache, text);
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(second.mentions, expected);
}

TEST(CompiledDictionaryTest, TheCachedDictionaryHoldsEveryColumnAndWhereItCameFrom) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", kDict);
  const fs::path cache = dir.path() / "cache";
  CompiledDictionary::Load(dict, DictionaryCache{cache}).TakeMatcher();
  const CompiledDictionary cached = CompiledDictionary::Load(dict, DictionaryCache{cache});
  ASSERT_TRUE(cached.from_cache());
  const Dictionary parsed = Dictionary::Load(dict);
  ASSERT_EQ(cached.dictionary().entities().size(), parsed.entities().size());
  for (size_t i = 0; i < parsed.entities().size(); ++i) {
    const Entity& a = cached.dictionary().entities()[i];
    const Entity& b = parsed.entities()[i];
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.aliases, b.aliases);
    EXPECT_EQ(a.attributes, b.attributes);
    EXPECT_EQ(a.source, b.source);
  }
  EXPECT_EQ(cached.dictionary().files(), parsed.files());
}

TEST(CompiledDictionaryTest, AnEditedDictionaryIsCompiledAfresh) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", kDict);
  const fs::path cache = dir.path() / "cache";
  LoadAndMatch(dict, cache);
  dir.Write("dict.tsv", std::string(kDict) + "organization\tInternational Monetary Fund\tIMF\n");
  const Loaded edited = LoadAndMatch(dict, cache, "the IMF said");
  EXPECT_FALSE(edited.from_cache);
  EXPECT_EQ(edited.mentions, "[IMF]=International Monetary Fund");
  EXPECT_EQ(FilesIn(cache), 1u);  // replaced, not added
  EXPECT_TRUE(LoadAndMatch(dict, cache, "the IMF said").from_cache);
}

TEST(CompiledDictionaryTest, AFolderOfFilesIsKeyedByEveryFile) {
  TempDir dir;
  dir.Write("dicts/a.tsv", "person\tImran Khan\n");
  dir.Write("dicts/b.tsv", "organization\tPakistan Steel Mills\n");
  const fs::path cache = dir.path() / "cache";
  LoadAndMatch(dir.path() / "dicts", cache);
  EXPECT_TRUE(LoadAndMatch(dir.path() / "dicts", cache).from_cache);
  dir.Write("dicts/c.tsv", "organization\tInternational Monetary Fund\tIMF\n");
  const Loaded grown = LoadAndMatch(dir.path() / "dicts", cache, "Imran Khan, the IMF");
  EXPECT_FALSE(grown.from_cache);
  EXPECT_EQ(grown.mentions, "[Imran Khan]=Imran Khan [IMF]=International Monetary Fund");
}

TEST(CompiledDictionaryTest, ADamagedCacheFileIsIgnoredAndRewritten) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", kDict);
  const fs::path cache = dir.path() / "cache";
  LoadAndMatch(dict, cache);
  const fs::path file = fs::directory_iterator(cache)->path();
  const auto size = fs::file_size(file);
  // A byte of the dictionary's part (behind the header), then the last byte of the matcher's.
  for (const auto at : {uintmax_t{200}, size - 1}) {
    {
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(static_cast<std::streamoff>(at));
      const char was = static_cast<char>(f.get());
      f.seekp(static_cast<std::streamoff>(at));
      f.put(static_cast<char>(was ^ 0x5A));
    }
    const Loaded damaged = LoadAndMatch(dict, cache);
    EXPECT_FALSE(damaged.from_cache) << "byte " << at;
    EXPECT_EQ(damaged.mentions, kExpected);
    EXPECT_TRUE(LoadAndMatch(dict, cache).from_cache) << "byte " << at;  // rewritten whole
  }

  fs::resize_file(file, size / 3);  // cut short, as by a full disk
  const Loaded truncated = LoadAndMatch(dict, cache);
  EXPECT_FALSE(truncated.from_cache);
  EXPECT_EQ(truncated.mentions, kExpected);
  EXPECT_TRUE(LoadAndMatch(dict, cache).from_cache);
}

TEST(CompiledDictionaryTest, WithoutAUsableFolderEveryLoadCompiles) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", kDict);
  for (const fs::path& folder : {fs::path(), dir.path() / "dict.tsv" / "cache"}) {  // none; under a file
    for (int i = 0; i < 2; ++i) {
      const Loaded l = LoadAndMatch(dict, folder);
      EXPECT_FALSE(l.from_cache);
      EXPECT_EQ(l.mentions, kExpected);
    }
  }
}

TEST(CompiledDictionaryTest, KeepsTheMostRecentlyUsedDictionaries) {
  TempDir dir;
  const fs::path cache = dir.path() / "cache";
  const fs::path first = dir.Write("d0/dict.tsv", "person\tImran Khan\n");
  LoadAndMatch(first, cache);
  for (size_t i = 1; i <= DictionaryCache::kKeep + 3; ++i) {
    LoadAndMatch(dir.Write("d" + std::to_string(i) + "/dict.tsv", "person\tImran Khan\n"), cache);
  }
  EXPECT_EQ(FilesIn(cache), DictionaryCache::kKeep);
  EXPECT_FALSE(LoadAndMatch(first, cache).from_cache);  // the oldest went first
}

TEST(CompiledDictionaryTest, AMalformedDictionaryIsRefusedAsWithoutTheCache) {
  TempDir dir;
  const fs::path dict = dir.Write("dict.tsv", "person\tImran Khan\nperson\n");
  const fs::path cache = dir.path() / "cache";
  try {
    CompiledDictionary::Load(dict, DictionaryCache{cache});
    FAIL() << "a line of one column was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dict.tsv:2: expected 2 to 4 tab-separated columns"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(FilesIn(cache), 0u);
}

// Sets an environment variable for the scope, then puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(CompiledDictionaryTest, TheEnvironmentChoosesTheFolder) {
  ScopedEnv home("HOME", "/home/u");
  ScopedEnv xdg("XDG_CACHE_HOME", "/x/cache");
  {
    ScopedEnv set("ENTGRAPH_CACHE_DIR", "/some/where");
    EXPECT_EQ(DictionaryCache::FromEnvironment().folder, fs::path("/some/where"));
  }
  for (const char* off : {"off", ""}) {
    ScopedEnv set("ENTGRAPH_CACHE_DIR", off);
    EXPECT_TRUE(DictionaryCache::FromEnvironment().folder.empty()) << off;
  }
  ScopedEnv unset("ENTGRAPH_CACHE_DIR", nullptr);
  EXPECT_EQ(DictionaryCache::FromEnvironment().folder, fs::path("/x/cache/entgraph"));
  ScopedEnv relative("XDG_CACHE_HOME", "cache");  // not absolute: ignored, as the XDG rules say
  EXPECT_EQ(DictionaryCache::FromEnvironment().folder, fs::path("/home/u/.cache/entgraph"));
}

}  // namespace
}  // namespace entgraph
