// A dictionary with its compiled matcher, read from a cache when the dictionary's files are those
// the cache was written from.
//
// Loading a gazetteer is parsing its lines, folding every name twice (for the duplicate check and
// for the trie) and laying out the matcher's tables: 0.1 s for 119,000 city names and about a
// second for a million aliases, paid again by every extract and build although the dictionary
// rarely changes between them. The first load writes the parsed entities and the compiled tables
// to one file of the cache folder; later loads of the same files read them back in a few
// milliseconds. The cache's key is every file's name and bytes, the build of entgraph (its GNU
// build id) and the ICU version: an edited dictionary, a new entgraph or a new ICU compiles
// afresh, and an image is only ever read by the build that wrote it. A damaged or foreign cache
// file (the checksum or the key differs) is ignored and rewritten. The cache is an optimization
// only: a folder that cannot be written to, or a cache turned off, costs the compile and nothing else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dictionary/dictionary.h"
#include "recognizer/matcher.h"

namespace entgraph {

struct DictionaryCache {
  std::filesystem::path folder;  // empty: no cache

  // $ENTGRAPH_CACHE_DIR when it is set (set to "" or "off": no cache); else $XDG_CACHE_HOME/entgraph;
  // else $HOME/.cache/entgraph; else no cache.
  static DictionaryCache FromEnvironment();
  // At most this many compiled dictionaries are kept (one a dictionary path); the least recently
  // used go first.
  static constexpr size_t kKeep = 16;
};

// A cache file mapped into memory (read only), unmapped when destroyed.
class MappedImage {
 public:
  MappedImage() = default;
  MappedImage(MappedImage&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), released_(std::exchange(o.released_, 0)) {}
  MappedImage& operator=(MappedImage&& o) noexcept;
  ~MappedImage();
  // `size` bytes of `fd` from `offset` (a multiple of the page size); unmapped when mmap fails.
  static MappedImage Map(int fd, uint64_t offset, size_t size);

  bool mapped() const { return data_ != nullptr; }
  // The mapped bytes; what was given back by ReleaseBefore must not be read.
  std::string_view bytes() const { return {data_, size_}; }
  // Unmaps the whole pages before `offset`: read once, the image's tables are copied out and its
  // pages given back as they are, so that a gazetteer's image and its copy are not both in memory.
  void ReleaseBefore(size_t offset);

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};

class CompiledDictionary {
 public:
  // Reads the dictionary at `path` (a .tsv file or a folder of them, as Dictionary::Load) from
  // `cache` when it holds the compiled form of the same files, else parses them. Throws like
  // Dictionary::Load on a missing path or a malformed line.
  static CompiledDictionary Load(const std::filesystem::path& path, const DictionaryCache& cache);

  const Dictionary& dictionary() const { return dict_; }
  // The dictionary's matcher: read from the cache, or compiled and then written to the cache.
  // Call once.
  std::unique_ptr<Matcher> TakeMatcher();
  // True when the dictionary and the matcher came from the cache; before TakeMatcher, when the
  // dictionary did.
  bool from_cache() const { return dict_from_cache_ && matcher_from_cache_.value_or(true); }

 private:
  struct Key {
    uint64_t low = 0, high = 0;
  };
  static Key KeyOf(const std::string& build_id, const std::vector<std::filesystem::path>& files,
                   const std::vector<std::string>& texts);
  // Reads the dictionary from file_ when its header holds key_ and the dictionary's checksum holds,
  // and starts reading the matcher on another thread (cached_matcher_); false when the dictionary
  // must be parsed.
  bool ReadCached();
  void Save(const Matcher& matcher) const;

  Dictionary dict_;
  // The matcher being read from the cache file (null when its part is damaged), if it is read.
  std::future<std::unique_ptr<Matcher>> cached_matcher_;
  std::filesystem::path file_;  // the cache file for this dictionary's path, or empty: no cache
  Key key_;
  bool dict_from_cache_ = false;
  std::optional<bool> matcher_from_cache_;  // once TakeMatcher has run
};

}  // namespace entgraph
