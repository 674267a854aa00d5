#include "recognizer/matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <future>
#include <thread>

#include "text/normalize.h"

namespace entgraph {
namespace {

constexpr char kKeySeparator = '\x1F';

static_assert(std::endian::native == std::endian::little, "short keys are read as little-endian words");

// ASCII A-Z to a-z in each byte of v, every byte of which is below 0x80 (SWAR: no byte carries
// into the next).
uint64_t LowerAscii(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t at_least_a = v + kOnes * (0x80 - 'A');
  const uint64_t above_z = v + kOnes * (0x80 - 'Z' - 1);
  return v | ((at_least_a & ~above_z & kOnes * 0x80) >> 2);
}

// The masks that keep the first n bytes of two little-endian words, n from 0 to 16. A table, not
// arithmetic on n: word lengths vary at random, and a branch on them mispredicted often.
struct KeyMask {
  uint64_t lo, hi;
};
constexpr std::array<KeyMask, 17> MakeKeyMasks() {
  std::array<KeyMask, 17> masks{};
  for (size_t n = 0; n <= 16; ++n) {
    masks[n].lo = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    masks[n].hi = n <= 8 ? 0 : n == 16 ? ~0ull : (1ull << (8 * (n - 8))) - 1;
  }
  return masks;
}
constexpr std::array<KeyMask, 17> kKeyMasks = MakeKeyMasks();

// The word cache's own hash of a short key held as two zero-padded words, cheaper than HashBytes:
// zero padding makes (lo, hi) the whole key, its length included. Its low bits depend on the
// key's first bytes only; what indexes by them mixes it again (ShortWordHash).
uint64_t CacheHash(uint64_t lo, uint64_t hi) { return (lo ^ (hi * 0x9E3779B97F4A7C15ull)) * 0xD6E8FEB86659FD93ull; }

// The hash of the short-word table and its filter: every bit of the cache hash mixed into every bit.
uint64_t ShortWordHash(uint64_t cache_hash) { return EdgeTable::Mix(cache_hash); }

// The word cache's key of a token of 1 to 16 bytes at text[start], as two zero-padded words: its
// folded bytes when it is ASCII (kAscii), else its bytes as they are. The two kinds never meet: a
// key of the second kind has a byte from 0x80 on, and one of the first none.
template <bool kAscii>
[[gnu::always_inline]] inline MatchScratch::ShortKey ShortKeyOf(std::string_view text, size_t start, size_t n) {
  uint64_t lo, hi;
  if (start + 16 <= text.size()) [[likely]] {
    // Two loads into registers; the bytes past the key are masked. (Loaded into an array that the
    // slow path below fills too, the key went through the stack.)
    std::memcpy(&lo, text.data() + start, 8);
    std::memcpy(&hi, text.data() + start + 8, 8);
  } else {
    uint64_t w[2] = {0, 0};
    std::memcpy(w, text.data() + start, n);
    lo = w[0];
    hi = w[1];
  }
  lo &= kKeyMasks[n].lo;
  hi &= kKeyMasks[n].hi;
  if constexpr (kAscii) {
    lo = LowerAscii(lo);
    hi = LowerAscii(hi);
  }
  return {lo, hi, CacheHash(lo, hi)};
}

std::string ExactKeys(std::string_view text, std::span<const Token> tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += kKeySeparator;
    AppendExactKey(t.In(text), t.ascii, &out);
  }
  return out;
}

}  // namespace

bool Matcher::IsExactForm(const Entity& entity, std::string_view surface) {
  const bool sensitive = std::any_of(entity.attributes.begin(), entity.attributes.end(),
                                     [](const auto& kv) { return kv.first == "case" && kv.second == "sensitive"; });
  return sensitive || HasNoLowercase(surface);
}

// A run of entities' surfaces cut into tokens and folded, ready to go into the trie: the part of
// compiling that needs no shared state, so that two threads can do it for a gazetteer.
struct Matcher::FoldedRun {
  struct Surface {
    uint32_t entity, first_key, keys;  // keys [first_key, first_key + keys) of `key_ends`
    uint32_t exact;                    // index into exact_keys, or kNone
  };
  std::vector<Surface> surfaces;
  std::string arena;                  // the folded keys, one after another
  std::vector<uint32_t> key_ends;     // where each key ends in `arena`
  std::vector<uint64_t> hashes;       // each key's HashBytes
  std::vector<std::string> exact_keys;  // of the run's case-sensitive surfaces
};

// What the constructor gathers before the trie is laid out: each surface's (node, entry) pair,
// grouped by node at the end (one flat list, not a list per node: a gazetteer has a million
// nodes).
struct Matcher::Builder {
  uint32_t nodes = 1;  // node 0 is the root
  std::vector<std::pair<uint32_t, Entry>> entries;
  std::vector<uint8_t> has_children = {0};  // by node
  std::vector<bool> continues;              // by token id
};

Matcher::FoldedRun Matcher::Fold(const std::vector<Entity>& entities, size_t begin, size_t end, bool fold_only) {
  FoldedRun run;
  std::vector<Token> tokens;
  auto add = [&](const Entity& e, uint32_t entity, std::string_view surface) {
    tokens.clear();
    Tokenize(surface, 0, surface.size(), &tokens);
    if (tokens.empty()) return;
    FoldedRun::Surface folded{entity, static_cast<uint32_t>(run.key_ends.size()), static_cast<uint32_t>(tokens.size()),
                              kNone};
    for (const Token& t : tokens) {
      const size_t start = run.arena.size();
      AppendFoldKey(t.In(surface), t.ascii, &run.arena);
      run.key_ends.push_back(static_cast<uint32_t>(run.arena.size()));
      run.hashes.push_back(HashBytes(run.arena.data() + start, run.arena.size() - start));
    }
    if (!fold_only && IsExactForm(e, surface)) {
      folded.exact = static_cast<uint32_t>(run.exact_keys.size());
      run.exact_keys.push_back(ExactKeys(surface, tokens));
    }
    run.surfaces.push_back(folded);
  };
  for (size_t i = begin; i < end; ++i) {
    const Entity& e = entities[i];
    add(e, static_cast<uint32_t>(i), e.name);
    for (const std::string& alias : e.aliases) add(e, static_cast<uint32_t>(i), alias);
  }
  return run;
}

Matcher::Matcher(const Dictionary& dict, bool fold_only) : fold_only_(fold_only) {
  const auto& entities = dict.entities();
  size_t surfaces = 0;
  for (const Entity& e : entities) surfaces += 1 + e.aliases.size();
  vocab_.Reserve(surfaces);  // about a word a surface is new; growing as we go would rehash
  edges_.Reserve(surfaces * 2);
  // Cutting and folding the surfaces is about half of compiling a gazetteer; a large one is cut
  // in two runs of entities, folded at once, and laid into the trie in order (the same trie).
  std::vector<FoldedRun> runs(surfaces >= 100000 && std::thread::hardware_concurrency() > 1 ? 2 : 1);
  const size_t cut = runs.size() == 1 ? entities.size() : entities.size() / 2;
  std::future<FoldedRun> second;
  if (runs.size() == 2) {
    second = std::async(std::launch::async, [&] { return Fold(entities, cut, entities.size(), fold_only_); });
  }
  runs[0] = Fold(entities, 0, cut, fold_only_);
  if (second.valid()) runs[1] = second.get();
  Builder b;
  b.entries.reserve(surfaces);
  for (FoldedRun& run : runs) {
    AddRun(run, &b);
    run = FoldedRun();  // its memory back before the next run's trie grows
  }
  b.continues.resize(vocab_.size());
  continues_ = std::move(b.continues);
  root_.resize(vocab_.size(), kNone);
  for (uint32_t t = 0; t < vocab_.size(); ++t) root_[t] = edges_.Find(t);  // node 0's edges have key t
  LayOutEntries(&b);
  node_flags_.resize(b.nodes);
  for (uint32_t n = 0; n < b.nodes; ++n) {
    const uint32_t entries = node_entries_[n + 1] - node_entries_[n];
    const bool one_loose = entries == 1 && entries_[node_entries_[n]].exact == kNone;
    node_flags_[n] = (entries ? kAccepts : 0) | (b.has_children[n] ? kHasChildren : 0) | (one_loose ? kOneLoose : 0);
  }
  // The filters on one thread, the arrays for the short words on another, for a gazetteer: each
  // is a cache miss a key.
  auto filters = [this] {
    vocab_filter_ = HashFilter(vocab_.size());
    vocab_.ForEachHash([this](uint64_t h) { vocab_filter_.Add(h); });
    edge_filter_ = HashFilter(edges_.size());
    edges_.ForEachHash([this](uint64_t h) { edge_filter_.Add(h); });
  };
  std::future<void> filtered;
  if (runs.size() == 2) {
    filtered = std::async(std::launch::async, filters);
  } else {
    filters();
  }
  next_words_.assign(b.nodes, 0);
  edges_.ForEach([this](uint64_t key, uint32_t) {
    next_words_[key >> 32] |= static_cast<uint16_t>(1u << WordBit(static_cast<uint32_t>(key)));
  });
  BuildShortWords();
  if (filtered.valid()) filtered.get();
}

void Matcher::BuildShortWords() {
  // What ShortKeyOf makes of a short ASCII token (no key holds a NUL byte, which marks padding).
  struct Key {
    uint64_t lo = 0, hi = 0, hash = 0;
  };
  const auto key_of = [this](uint32_t id) {
    const std::string_view key = vocab_.Key(id);
    Key k;
    std::memcpy(&k.lo, key.data(), std::min<size_t>(key.size(), 8));
    if (key.size() > 8) std::memcpy(&k.hi, key.data() + 8, key.size() - 8);
    k.hash = ShortWordHash(CacheHash(k.lo, k.hi));
    return k;
  };
  std::vector<uint32_t> ids;
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    const std::string_view key = vocab_.Key(id);
    if (!key.empty() && key.size() <= 16 && IsAscii(key)) ids.push_back(id);
  }
  // Four fifths full, the size not rounded to a power of two (a gazetteer's table is tens of
  // megabytes): a word looked up here is almost always present (the filter turned the others
  // away), and a present key is found within a few probes of one or two cache lines.
  short_words_.assign(std::max<size_t>(ids.size() * 5 / 4, 16), MatchScratch::CachedWord{});
  short_filter_ = HashFilter(ids.size());
  // Each insert is a cache miss in the table, its filter and the trie's arrays: those of keys a
  // few ahead are fetched while one is written (their hashes made twice: cheaper than keeping them).
  constexpr size_t kAhead = 8;
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k + kAhead < ids.size()) {
      const uint64_t ahead = key_of(ids[k + kAhead]).hash;
      __builtin_prefetch(&short_words_[ShortWordSlot(ahead)]);
      short_filter_.Prefetch(ahead);
      const uint32_t first = root_[ids[k + kAhead]];
      if (first != kNone) {
        __builtin_prefetch(&node_flags_[first]);
        __builtin_prefetch(&next_words_[first]);
      }
    }
    const Key key = key_of(ids[k]);
    short_filter_.Add(key.hash);
    size_t i = ShortWordSlot(key.hash);
    while (short_words_[i].lo != 0) i = i + 1 == short_words_.size() ? 0 : i + 1;
    short_words_[i] = MatchScratch::CachedWord{key.lo, key.hi, InfoOf(ids[k])};
  }
}

void Matcher::WriteImage(ByteWriter* w) const {
  vocab_.WriteImage(w);
  vocab_filter_.WriteImage(w);
  edge_filter_.WriteImage(w);
  w->Vector(root_);
  w->Vector(node_flags_);
  w->Bools(continues_);
  w->Vector(next_words_);
  edges_.WriteImage(w);
  w->Vector(node_entries_);
  w->Vector(entries_);
  w->Pod<uint8_t>(fold_only_);
  w->Pod<uint64_t>(longest_name_);
  w->Strings(exact_keys_);
  w->Vector(short_words_);
  short_filter_.WriteImage(w);
}

std::unique_ptr<Matcher> Matcher::ReadImage(ByteReader* r) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->vocab_.ReadImage(r);
  m->vocab_filter_.ReadImage(r);
  m->edge_filter_.ReadImage(r);
  r->Vector(&m->root_);
  r->Vector(&m->node_flags_);
  r->Bools(&m->continues_);
  r->Vector(&m->next_words_);
  m->edges_.ReadImage(r);
  r->Vector(&m->node_entries_);
  r->Vector(&m->entries_);
  m->fold_only_ = r->Pod<uint8_t>() != 0;
  m->longest_name_ = r->Pod<uint64_t>();
  r->Strings(&m->exact_keys_);
  r->Vector(&m->short_words_);
  m->short_filter_.ReadImage(r);
  // The tables index one another; an image whose sizes disagree is not the matcher it claims.
  const size_t nodes = m->node_flags_.size();
  if (m->root_.size() != m->vocab_.size() || m->continues_.size() != m->vocab_.size() ||
      m->next_words_.size() != nodes || m->node_entries_.size() != nodes + 1 || m->short_words_.empty() ||
      m->node_entries_.back() != m->entries_.size()) {
    throw ByteReader::ImageError();
  }
  return m;
}

MatchScratch::WordInfo Matcher::ShortWordInfo(const MatchScratch::ShortKey& key, uint64_t h) const {
  if (short_filter_.MayContain(h)) {
    for (size_t i = ShortWordSlot(h); short_words_[i].lo != 0; i = i + 1 == short_words_.size() ? 0 : i + 1) {
      if (short_words_[i].lo == key.lo && short_words_[i].hi == key.hi) return short_words_[i].info;
    }
  }
  return InfoOf(kNone);
}

void Matcher::AddRun(FoldedRun& run, Builder* b) {
  // Each key's id first, then the edges: the tables are megabytes for a gazetteer and each look-up
  // a cache miss, so the slots of keys a few ahead are fetched while one is compared.
  constexpr size_t kAhead = 8;
  const size_t keys = run.key_ends.size();
  std::vector<uint32_t> ids(keys);
  for (size_t k = 0; k < keys; ++k) {
    if (k + kAhead < keys) vocab_.Prefetch(run.hashes[k + kAhead]);
    const uint32_t start = k == 0 ? 0 : run.key_ends[k - 1];
    ids[k] = vocab_.Intern(std::string_view(run.arena).substr(start, run.key_ends[k] - start), run.hashes[k]);
  }
  for (size_t s = 0; s < run.surfaces.size(); ++s) {
    if (s + kAhead < run.surfaces.size()) edges_.Prefetch(ids[run.surfaces[s + kAhead].first_key]);  // from the root
    const FoldedRun::Surface& surface = run.surfaces[s];
    longest_name_ = std::max<size_t>(longest_name_, surface.keys);
    uint32_t node = 0;
    for (uint32_t k = surface.first_key; k < surface.first_key + surface.keys; ++k) {
      const uint32_t id = ids[k];
      if (node != 0) {
        if (id >= b->continues.size()) b->continues.resize(std::max<size_t>(id + 1, 2 * b->continues.size()));
        b->continues[id] = true;
      }
      b->has_children[node] = 1;
      auto [child, inserted] = edges_.Insert((static_cast<uint64_t>(node) << 32) | id, b->nodes);
      if (inserted) {
        ++b->nodes;
        b->has_children.push_back(0);
      }
      node = child;
    }
    Entry entry{surface.entity, kNone};
    if (surface.exact != kNone) {
      entry.exact = static_cast<uint32_t>(exact_keys_.size());
      exact_keys_.push_back(std::move(run.exact_keys[surface.exact]));
    }
    b->entries.emplace_back(node, entry);
  }
}

// Groups the entries by node (a counting sort, which keeps their order) into node_entries_ and
// entries_, dropping an entry that an earlier one of the same node already covers: the same
// entity, matched in any case or with the same exact keys.
void Matcher::LayOutEntries(Builder* b) {
  node_entries_.assign(b->nodes + 1, 0);
  for (const auto& [node, entry] : b->entries) ++node_entries_[node + 1];
  for (uint32_t n = 0; n < b->nodes; ++n) node_entries_[n + 1] += node_entries_[n];
  std::vector<uint32_t> next(node_entries_.begin(), node_entries_.end() - 1);
  std::vector<Entry> grouped(b->entries.size());
  for (const auto& [node, entry] : b->entries) grouped[next[node]++] = entry;
  b->entries = {};
  entries_.reserve(grouped.size());
  uint32_t kept = 0;
  for (uint32_t n = 0; n < b->nodes; ++n) {
    const uint32_t first = kept;
    for (uint32_t i = node_entries_[n]; i < node_entries_[n + 1]; ++i) {
      const Entry& entry = grouped[i];
      const bool seen = std::any_of(entries_.begin() + first, entries_.end(), [&](const Entry& e) {
        return e.entity == entry.entity &&
               (e.exact == kNone || (entry.exact != kNone && exact_keys_[e.exact] == exact_keys_[entry.exact]));
      });
      if (!seen) {
        entries_.push_back(entry);
        ++kept;
      }
    }
    node_entries_[n] = first;
  }
  node_entries_[b->nodes] = kept;
}

uint32_t Matcher::TokenId(std::string_view text, const Token& token, MatchScratch* scratch) const {
  const std::string_view raw = token.In(text);
  std::string& key = scratch->key;
  key.clear();
  // ASCII folds by lowercasing, most other tokens of small scripts from a table; the rest need ICU.
  if (token.ascii) AppendFoldKey(raw, true, &key);
  if (token.ascii || AppendFastFoldKey(raw, &key)) {
    return FindFolded(key.data(), key.size(), HashBytes(key.data(), key.size()));
  }
  // ICU folding is slow; a document repeats its words, so remember them (bounded).
  auto& cache = scratch->unicode_ids;
  if (auto it = cache.find(std::string(raw)); it != cache.end()) return it->second;
  AppendFoldKey(raw, false, &key);
  const uint32_t id = vocab_.Find(key.data(), key.size());
  if (cache.size() > (1u << 16)) cache.clear();
  cache.emplace(raw, id);
  return id;
}

// What matching needs to know of every token. Short ASCII words, most of running text, go through
// the word cache, then the short-word table; short words of other scripts through the word cache
// (by their bytes as written), then TokenId; long words through TokenId. (Prefetching a word's
// cache slot a few tokens ahead measured no faster: the processor already overlaps these look-ups,
// which do not depend on one another.)
void Matcher::LookUpWords(std::string_view text, std::span<const Token> tokens, MatchScratch* scratch) const {
  constexpr size_t kMask = MatchScratch::kCachedWords - 1;
  // The top bits: a multiply mixes every bit of the key into them.
  const auto slot = [](uint64_t h) { return h >> (64 - std::bit_width(kMask)); };
  auto& words = scratch->words;
  auto& infos = scratch->infos;
  auto& misses = scratch->misses;
  misses.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const size_t n = t.end - t.start;
    if (n > 16) {
      infos[i] = InfoOf(TokenId(text, t, scratch));
      continue;
    }
    if (!t.ascii) {
      // Folding a word of another script takes a table or ICU and its look-up a hash of the folded
      // key in the vocabulary, which misses the caches: a word met before is answered here.
      const MatchScratch::ShortKey k = ShortKeyOf<false>(text, t.start, n);
      MatchScratch::CachedWord& w = words[slot(k.hash)];
      if (w.lo != k.lo || w.hi != k.hi) w = MatchScratch::CachedWord{k.lo, k.hi, InfoOf(TokenId(text, t, scratch))};
      infos[i] = w.info;
      continue;
    }
    const MatchScratch::ShortKey k = ShortKeyOf<true>(text, t.start, n);
    const MatchScratch::CachedWord& w = words[slot(k.hash)];
    if (w.lo != k.lo || w.hi != k.hi) {  // a miss: asked of the short-word table below
      const uint64_t h = ShortWordHash(k.hash);
      // Its filter word and its slot of the table, fetched now: asked below, the slot was where a
      // miss that passed the filter waited (a fifth of them pass; fetching the slot for the rest
      // too costs less than that wait).
      short_filter_.Prefetch(h);
      __builtin_prefetch(&short_words_[ShortWordSlot(h)]);
      misses.push_back({static_cast<uint32_t>(i), k, h});
      continue;
    }
    infos[i] = w.info;
  }
  // The words the cache did not know, after the pass that fetched their filter words: each miss
  // waits on memory, and these waits now overlap instead of following one another.
  for (const MatchScratch::Miss& m : misses) {
    MatchScratch::CachedWord& w = words[slot(m.key.hash)];
    if (w.lo != m.key.lo || w.hi != m.key.hi) {  // not filled meanwhile by the same word
      w = MatchScratch::CachedWord{m.key.lo, m.key.hi, ShortWordInfo(m.key, m.hash)};
    }
    infos[m.token] = w.info;
  }
}

MatchScratch::WordInfo Matcher::InfoOf(uint32_t id) const {
  if (id == kNone) return {kNone, kNone, kNone, 0, 16, 0};
  const uint32_t first = root_[id];
  const uint8_t flags = first == kNone ? 0 : node_flags_[first];
  const bool later = continues_[id];
  return {later ? id : kNone,
          first,
          first == kNone ? kNone : OneEntity(first, flags),
          flags,
          later ? WordBit(id) : uint8_t{16},
          first == kNone ? uint16_t{0} : next_words_[first]};
}

uint32_t Matcher::FindFolded(const char* key, size_t size, uint64_t hash) const {
  return vocab_filter_.MayContain(hash) ? vocab_.Find(key, size, hash) : kNone;
}

uint32_t Matcher::Child(uint32_t node, uint32_t token) const {
  if (token == kNone) return kNone;
  const uint64_t key = (static_cast<uint64_t>(node) << 32) | token;
  return edge_filter_.MayContain(EdgeTable::Mix(key)) ? edges_.Find(key) : kNone;
}

bool Matcher::Accept(uint32_t node, std::string_view text, std::span<const Token> tokens,
                     std::vector<uint32_t>* entities) const {
  entities->clear();
  std::string exact;
  for (uint32_t i = node_entries_[node]; i < node_entries_[node + 1]; ++i) {
    const Entry& e = entries_[i];
    if (e.exact != kNone) {
      if (exact.empty()) exact = ExactKeys(text, tokens);
      if (exact != exact_keys_[e.exact]) continue;
    }
    if (std::find(entities->begin(), entities->end(), e.entity) == entities->end()) {
      entities->push_back(e.entity);
    }
  }
  std::sort(entities->begin(), entities->end());
  return !entities->empty();
}

size_t Matcher::Find(std::string_view text, std::span<const Token> tokens, std::vector<TokenMatch>* out,
                     MatchScratch* scratch, size_t settle) const {
  // Fold and look up every token once; walks that look ahead reuse what they found.
  std::vector<MatchScratch::WordInfo>& infos = scratch->infos;
  // Grown, never shrunk: resizing down and up again would zero the entries each paragraph.
  if (infos.size() < tokens.size() + 1) infos.resize(tokens.size() + 1);
  infos[tokens.size()] = InfoOf(kNone);  // past the last token: a word that goes on no name
  LookUpWords(text, tokens, scratch);
  std::vector<uint32_t>& accepted = scratch->accepted;
  std::vector<uint32_t>& best = scratch->best;
  settle = std::min(settle, tokens.size());
  size_t i = 0;
  while (i < settle) {
    // Most tokens begin no name, or a name of one word, in any case, that the next word cannot
    // make longer (it is in no name after this one's first word, or its bit is not in this word's
    // filter): decided without a walk, and with one branch (no name begins at most tokens, but
    // which ones is a coin toss the processor mispredicted).
    const MatchScratch::WordInfo& w = infos[i];
    const bool walk = ((w.next_words >> infos[i + 1].later_bit) & 1) |
                      (((w.flags & kAccepts) != 0) & (w.entity == kNone));
    if (!walk) {
      if (w.entity != kNone) {  // built in place, not moved in: a TokenMatch moved is a vector moved
        out->emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), static_cast<int32_t>(w.entity));
      }
      ++i;
      continue;
    }
    size_t best_end = 0;
    uint32_t best_one = kNone;  // the entity of the longest match, when it is one
    uint32_t node = infos[i].first, one = infos[i].entity;
    uint8_t flags = infos[i].flags;
    for (size_t j = i;;) {
      ++j;
      if (one != kNone) {  // most matches: a name of one entity, in any case
        best_end = j;
        best_one = one;
      } else if ((flags & kAccepts) && Accept(node, text, tokens.subspan(i, j - i), &accepted)) {
        best_end = j;
        best.swap(accepted);
        best_one = best.size() == 1 ? best[0] : kNone;
      }
      if (j == tokens.size() || !(flags & kHasChildren)) break;
      node = Child(node, infos[j].later_id);
      if (node == kNone) break;
      flags = node_flags_[node];
      one = OneEntity(node, flags);
    }
    if (best_end == 0) {
      ++i;
      continue;
    }
    TokenMatch m{static_cast<uint32_t>(i), static_cast<uint32_t>(best_end), -1, {}};
    if (best_one != kNone) {
      m.entity = static_cast<int32_t>(best_one);
    } else {
      m.candidates = best;
    }
    out->push_back(std::move(m));
    i = best_end;
  }
  return i;
}

}  // namespace entgraph
