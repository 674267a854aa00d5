// The dictionary compiled for matching: a trie over folded tokens, walked leftmost-longest.
//
// Every surface form (canonical name and aliases) is cut by the same tokenizer as the text and
// each token folded (text/normalize.h). Distinct fold keys are interned as small integers, and the
// trie's edges are (node, token id) pairs in one hash table, the root's in a flat array. Matching
// a paragraph therefore costs one fold and one hash lookup per token, plus one lookup per extra
// token of a candidate name: the cost does not grow with the number of aliases.
//
// At each token the walk goes as deep as the trie allows and keeps the deepest node whose entries
// accept the text: an entry of a case-sensitive alias (one without lowercase letters, or any form
// of an entity with the attribute case=sensitive) accepts only when the text's exact keys equal
// the alias's. The longest accepted match wins and matching
// resumes after it, so "Pakistan Steel Mills" is one mention, not "Pakistan" plus a rest. When the
// winning node's accepting entries belong to more than one entity the mention is ambiguous and is
// linked to none of them.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dictionary/dictionary.h"
#include "recognizer/token_table.h"
#include "text/tokenizer.h"

namespace entgraph {

struct TokenMatch {
  uint32_t first_token = 0;  // index of the first token of the mention
  uint32_t end_token = 0;    // one past the last token
  int32_t entity = -1;       // index into Dictionary::entities(), or -1 when ambiguous
  std::vector<uint32_t> candidates;  // when ambiguous: the entities the surface could be, sorted
};

// Per-thread scratch space for Matcher::Find, so that matching allocates nothing per paragraph
// once warm. Also caches the folding of non-ASCII tokens, which goes through ICU, and what
// matching needs to know of recent short ASCII words.
struct MatchScratch {
  // What matching needs to know of a word: how it goes on a name that another word began, and
  // the trie node it begins one at, with that node's flags and, when the node accepts one entity
  // in any case, that entity; so that the walk from a word that is a whole name reads no trie.
  struct WordInfo {
    uint32_t later_id = 0;  // vocabulary id if the word is a second or later word of a name, or none
    uint32_t first = 0;     // the trie node the word leads to from the root, or none
    uint32_t entity = 0;    // the one entity `first` accepts in any case, or none
    uint8_t flags = 0;      // first's Matcher node flags
    // A 16-bit Bloom filter of the words that go on from `first` (Matcher::WordBit of their ids),
    // and this word's bit in such filters (16 when it is no later word: no bit). The walk from a
    // word asks whether the next word's bit is in its filter before the trie's edge table.
    uint8_t later_bit = 16;
    uint16_t next_words = 0;
  };
  // A direct-mapped cache of words of up to 16 bytes (ASCII ones folded, others as written):
  // running text repeats a few thousand words, and a 512 KB cache answers them without touching
  // the matcher's tables, which for a gazetteer are megabytes and miss the processor's caches on
  // every look-up.
  struct CachedWord {
    uint64_t lo = 0, hi = 0;  // the folded word, zero-padded (a token has no NUL); 0: empty
    WordInfo info;
  };
  static constexpr size_t kCachedWords = 16384;
  std::vector<CachedWord> words = std::vector<CachedWord>(kCachedWords);

  // A short token's key in the word cache (zero padding makes its length part of it) and the
  // key's hash.
  struct ShortKey {
    uint64_t lo, hi, hash;
  };
  std::vector<WordInfo> infos;  // per token of the paragraph, and one past the last
  struct Miss {
    uint32_t token;
    ShortKey key;
    uint64_t hash;  // the key's ShortWordHash, for the short-word table
  };
  std::vector<Miss> misses;  // the paragraph's short words the cache did not know
  std::vector<uint32_t> accepted, best;
  std::string key;
  std::unordered_map<std::string, uint32_t> unicode_ids;  // raw non-ASCII token -> id
};

class Matcher {
 public:
  // Compiles every name and alias of `dict`. The dictionary need not outlive the matcher, which
  // keeps only entity indices. With `fold_only`, case-sensitive forms also match in any case: a
  // superset of the real matches, which is what refresh uses to find the documents a dictionary
  // change may affect.
  explicit Matcher(const Dictionary& dict, bool fold_only = false);

  // Appends the leftmost-longest matches among `tokens` (cut from `text`) to *out, in order.
  // Matches start only at tokens before `settle` (every token by default); returns the token
  // where matching stopped: `settle`, or the end of a match that goes past it. With settle at most
  // tokens.size() - longest_name(), what was found does not depend on the text past `tokens`, so
  // that a long text can be matched a window of tokens at a time from where the last one stopped.
  size_t Find(std::string_view text, std::span<const Token> tokens, std::vector<TokenMatch>* out,
              MatchScratch* scratch, size_t settle = SIZE_MAX) const;

  // True when `surface`, a form of `entity`, matches in exact case only: it has no lowercase
  // letter, or the entity has the attribute case=sensitive. The one rule the matcher and refresh
  // both follow.
  static bool IsExactForm(const Entity& entity, std::string_view surface);
  void Find(std::string_view text, std::span<const Token> tokens, std::vector<TokenMatch>* out) const {
    MatchScratch scratch;
    Find(text, tokens, out, &scratch);
  }

  // The compiled tables as bytes, and a matcher made from them (throws ByteReader::ImageError on
  // an image that is cut short): for the compiled dictionary cache, which reads only images that
  // the same build wrote.
  void WriteImage(ByteWriter* w) const;
  static std::unique_ptr<Matcher> ReadImage(ByteReader* r);

  size_t node_count() const { return node_entries_.size() - 2; }  // without the root
  size_t longest_name() const { return longest_name_; }             // in tokens
  size_t vocabulary_size() const { return vocab_.size(); }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  // node_flags_ bits.
  static constexpr uint8_t kAccepts = 1;      // a name ends at the node
  static constexpr uint8_t kHasChildren = 2;  // a longer name goes on from it
  static constexpr uint8_t kOneLoose = 4;     // it accepts one entity, in any case: no Accept needed

  struct Entry {
    uint32_t entity;
    uint32_t exact;  // index into exact_keys_, or kNone for a case-insensitive alias
  };

  Matcher() = default;  // empty, for ReadImage

  struct FoldedRun;
  struct Builder;
  // The surfaces of entities [begin, end), cut and folded (no shared state: run on two threads).
  static FoldedRun Fold(const std::vector<Entity>& entities, size_t begin, size_t end, bool fold_only);
  void AddRun(FoldedRun& run, Builder* b);  // into the trie, in order (taking its exact keys)
  void LayOutEntries(Builder* b);
  uint32_t TokenId(std::string_view text, const Token& token, MatchScratch* scratch) const;
  // Which of a 16-bit filter's bits stands for token id `id`.
  static uint8_t WordBit(uint32_t id) { return static_cast<uint8_t>((id * 0x9E3779B1u) >> 28); }
  // What matching needs to know of the word with vocabulary id `id` (or none).
  MatchScratch::WordInfo InfoOf(uint32_t id) const;
  // The one entity that `node` accepts in any case (flags say kOneLoose), or none.
  uint32_t OneEntity(uint32_t node, uint8_t flags) const {
    return flags & kOneLoose ? entries_[node_entries_[node]].entity : kNone;
  }
  void LookUpWords(std::string_view text, std::span<const Token> tokens, MatchScratch* scratch) const;
  // Fills short_words_ and short_filter_ from the vocabulary, once the trie is laid out.
  void BuildShortWords();
  // What matching needs to know of a short ASCII word with ShortWordHash h, from short_words_.
  MatchScratch::WordInfo ShortWordInfo(const MatchScratch::ShortKey& key, uint64_t h) const;
  // The slot of short_words_ where the probe for hash h starts: h's top half scaled to the size.
  size_t ShortWordSlot(uint64_t h) const { return ((h >> 32) * short_words_.size()) >> 32; }
  // The vocabulary id of a folded key with its HashBytes, asking the filter first.
  uint32_t FindFolded(const char* key, size_t size, uint64_t hash) const;
  uint32_t Child(uint32_t node, uint32_t token) const;  // the root's children are in root_, cheaper
  bool Accept(uint32_t node, std::string_view text, std::span<const Token> tokens,
              std::vector<uint32_t>* entities) const;

  TokenTable vocab_;
  // Most words of running text that miss the word cache are in no name, and most names that
  // start at a word end there: these filters say so without the tables' cache misses.
  HashFilter vocab_filter_;
  HashFilter edge_filter_;
  std::vector<uint32_t> root_;                   // token id -> child of the root, or kNone
  // Most walks from a first word stop at once: the word is a whole name, or the next word goes on
  // no name. These say so from a byte a node and a bit a token, without the edge table.
  std::vector<uint8_t> node_flags_;              // node -> kAccepts | kHasChildren | kOneLoose
  std::vector<bool> continues_;                  // token id -> some name has it after its first word
  std::vector<uint16_t> next_words_;             // node -> the WordBit of its children's tokens
  EdgeTable edges_;                              // (node << 32 | token id) -> child (root: root_)
  std::vector<uint32_t> node_entries_;           // node -> first index into entries_ (size nodes + 1)
  std::vector<Entry> entries_;
  bool fold_only_ = false;
  size_t longest_name_ = 0;  // the most tokens of any surface: how far a walk can look ahead
  std::vector<std::string> exact_keys_;          // exact keys of a case-sensitive alias, '\x1F'-joined
  // Every vocabulary key of 1 to 16 ASCII bytes with its WordInfo, by ShortWordHash (open
  // addressing, fewer than 2^32 slots; lo == 0 marks a free slot), and a filter of those hashes
  // in front of it. A word that misses the word cache costs one access here, where the vocabulary
  // took one in its slots, its entries and its keys, then one in each of the trie's arrays.
  std::vector<MatchScratch::CachedWord> short_words_;
  HashFilter short_filter_;
};

}  // namespace entgraph
