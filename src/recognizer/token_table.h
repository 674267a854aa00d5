// The matcher's vocabulary: folded token text -> small integer id, in one open-addressing table.
//
// Why not std::unordered_map<std::string, ...>: the recognizer looks up every token of the corpus
// here, so the lookup must not allocate, must take the key as a byte range, and should touch one
// cache line in the common case. Keys live in one arena; slots hold (hash, entry) pairs and are
// probed linearly; the table stays at most half full.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace entgraph {

// A fast 64-bit hash of a byte range (8 bytes at a time, multiply-xorshift mixing).
inline uint64_t HashBytes(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ (v * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  h = (h ^ (v * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

class TokenTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  TokenTable() { slots_.assign(16, Slot{0, kNone}); }

  // The id of `key`, adding it when new.
  uint32_t Intern(std::string_view key) {
    const uint64_t h = HashBytes(key.data(), key.size());
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

 private:
  struct Slot {
    uint64_t hash;
    uint32_t entry;
  };
  struct Entry {
    uint32_t offset, size;
  };

  std::string_view Key(uint32_t id) const { return std::string_view(arena_).substr(entries_[id].offset, entries_[id].size); }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{0, kNone});
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

  uint32_t Find(uint64_t key) const {
    for (size_t i = Mix(key) & (slots_.size() - 1); slots_[i].child != kNone; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].child;
    }
    return kNone;
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t child;
  };
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    return k ^ (k >> 33);
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{0, kNone});
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
