// The matcher's vocabulary: folded token text -> small integer id, in one open-addressing table.
//
// Why not std::unordered_map<std::string, ...>: the recognizer looks up every token of the corpus
// here, so the lookup must not allocate, must take the key as a byte range, and should touch one
// cache line in the common case. Keys live in one arena; slots hold (hash, entry) pairs and are
// probed linearly; the table stays at most half full.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/byte_image.h"

namespace entgraph {

// A fast 64-bit hash of a byte range (8 bytes at a time, multiply-xorshift mixing).
inline uint64_t HashSeed(size_t n) { return 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full); }
inline uint64_t HashRound(uint64_t h, uint64_t v) { return (h ^ (v * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull; }

inline uint64_t HashBytes(const char* p, size_t n) {
  uint64_t h = HashSeed(n);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = HashRound(h, v);
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  h = HashRound(h, v);
  return h ^ (h >> 31);
}

// A Bloom filter over 64-bit hashes, sized for about 16 bits a key with both of a key's bits in
// one 64-bit word: asking costs one memory access, and says "maybe" for about 1.5 % of absent
// keys. It sits in front of the tables below, whose absent keys would cost a cache miss each.
class HashFilter {
 public:
  explicit HashFilter(size_t keys = 0) : words_(std::bit_ceil(std::max<size_t>(keys / 4, 64)), 0) {}

  void Add(uint64_t h) { words_[Word(h)] |= Bits(h); }
  bool MayContain(uint64_t h) const { return (words_[Word(h)] & Bits(h)) == Bits(h); }
  void Prefetch(uint64_t h) const { __builtin_prefetch(&words_[Word(h)]); }

  void WriteImage(ByteWriter* w) const { w->Vector(words_); }
  void ReadImage(ByteReader* r) {
    r->Vector(&words_);
    if (!std::has_single_bit(words_.size())) throw ByteReader::ImageError();
  }

 private:
  size_t Word(uint64_t h) const { return (h >> 20) & (words_.size() - 1); }
  static uint64_t Bits(uint64_t h) { return (1ull << (h & 63)) | (1ull << ((h >> 6) & 63)); }

  std::vector<uint64_t> words_;
};

class TokenTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  TokenTable() { slots_.assign(16, Slot{0, kNone}); }

  // Makes room for n keys without growing.
  void Reserve(size_t n) {
    if (n * 2 > slots_.size()) Rehash(std::bit_ceil(n * 2));
  }

  // The id of `key`, adding it when new.
  uint32_t Intern(std::string_view key) { return Intern(key, HashBytes(key.data(), key.size())); }
  // The same with the key's HashBytes already computed.
  uint32_t Intern(std::string_view key, uint64_t h) {
    size_t i = h & (slots_.size() - 1);
    for (; slots_[i].entry != kNone; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].hash == h && Key(slots_[i].entry) == key) return slots_[i].entry;
    }
    const auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(Entry{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size())});
    arena_.append(key);
    slots_[i] = Slot{h, id};
    if (entries_.size() * 2 > slots_.size()) Grow();
    return id;
  }

  // Starts loading the slot where a key of HashBytes h would be: building from a gazetteer, the
  // next keys' slots are fetched while this one's is compared.
  void Prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }

  // The id of `key`, or kNone.
  uint32_t Find(const char* key, size_t size) const { return Find(key, size, HashBytes(key, size)); }
  // The same with the key's HashBytes already computed.
  uint32_t Find(const char* key, size_t size, uint64_t h) const {
    for (size_t i = h & (slots_.size() - 1); slots_[i].entry != kNone; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].hash == h) {
        const Entry& e = entries_[slots_[i].entry];
        if (e.size == size && std::memcmp(arena_.data() + e.offset, key, size) == 0) return slots_[i].entry;
      }
    }
    return kNone;
  }

  size_t size() const { return entries_.size(); }
  // The key with id `id` (< size()).
  std::string_view Key(uint32_t id) const {
    return std::string_view(arena_).substr(entries_[id].offset, entries_[id].size);
  }

  // Calls f(hash) for the HashBytes of every key.
  template <typename F>
  void ForEachHash(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.entry != kNone) f(s.hash);
    }
  }

  void WriteImage(ByteWriter* w) const {
    w->Vector(slots_);
    w->Vector(entries_);
    w->Bytes(arena_);
  }
  void ReadImage(ByteReader* r) {
    r->Vector(&slots_);
    r->Vector(&entries_);
    arena_ = r->Bytes();
    if (!std::has_single_bit(slots_.size())) throw ByteReader::ImageError();
  }

 private:
  struct Slot {
    uint64_t hash;
    uint32_t entry;
  };
  struct Entry {
    uint32_t offset, size;
  };

  void Grow() { Rehash(slots_.size() * 2); }
  void Rehash(size_t slots) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(slots, Slot{0, kNone});
    for (const Slot& s : old) {
      if (s.entry == kNone) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].entry != kNone) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::string arena_;
};

// The trie's edges: (node, token id) -> child node, open addressing over 64-bit keys.
class EdgeTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  EdgeTable() { slots_.assign(16, Slot{0, kNone}); }

  // Makes room for n keys without growing.
  void Reserve(size_t n) {
    if (n * 2 > slots_.size()) Rehash(std::bit_ceil(n * 2));
  }

  // The child for `key`, inserting `child` when there is none; returns {child, inserted}.
  std::pair<uint32_t, bool> Insert(uint64_t key, uint32_t child) {
    size_t i = Mix(key) & (slots_.size() - 1);
    for (; slots_[i].child != kNone; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return {slots_[i].child, false};
    }
    slots_[i] = Slot{key, child};
    if (++size_ * 2 > slots_.size()) Grow();
    return {child, true};
  }

  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[Mix(key) & (slots_.size() - 1)]); }

  uint32_t Find(uint64_t key) const {
    for (size_t i = Mix(key) & (slots_.size() - 1); slots_[i].child != kNone; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].child;
    }
    return kNone;
  }

  size_t size() const { return size_; }

  // Calls f(Mix(key)) for every key.
  template <typename F>
  void ForEachHash(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.child != kNone) f(Mix(s.key));
    }
  }
  // Calls f(key, child) for every edge.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.child != kNone) f(s.key, s.child);
    }
  }

  void WriteImage(ByteWriter* w) const {
    w->Vector(slots_);
    w->Pod<uint64_t>(size_);
  }
  void ReadImage(ByteReader* r) {
    r->Vector(&slots_);
    size_ = r->Pod<uint64_t>();
    if (!std::has_single_bit(slots_.size())) throw ByteReader::ImageError();
  }

  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    return k ^ (k >> 33);
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t child;
  };
  void Grow() { Rehash(slots_.size() * 2); }
  void Rehash(size_t slots) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(slots, Slot{0, kNone});
    for (const Slot& s : old) {
      if (s.child == kNone) continue;
      size_t i = Mix(s.key) & (slots_.size() - 1);
      while (slots_[i].child != kNone) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace entgraph
