#include "recognizer/matcher.h"

#include <algorithm>
#include <cstring>

#include "text/normalize.h"

namespace entgraph {
namespace {

constexpr char kKeySeparator = '\x1F';

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

Matcher::Matcher(const Dictionary& dict, bool fold_only) : fold_only_(fold_only) {
  std::vector<std::vector<Entry>> entries(1);  // node 0 is the root
  const auto& entities = dict.entities();
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    AddSurface(e.name, i, !fold_only_ && IsExactForm(e, e.name), &entries);
    for (const std::string& alias : e.aliases) AddSurface(alias, i, !fold_only_ && IsExactForm(e, alias), &entries);
  }
  root_.resize(vocab_.size(), kNone);
  for (uint32_t t = 0; t < vocab_.size(); ++t) root_[t] = edges_.Find(t);  // node 0's edges have key t
  node_entries_.reserve(entries.size() + 1);
  for (auto& list : entries) {
    node_entries_.push_back(static_cast<uint32_t>(entries_.size()));
    entries_.insert(entries_.end(), list.begin(), list.end());
  }
  node_entries_.push_back(static_cast<uint32_t>(entries_.size()));
}

void Matcher::AddSurface(std::string_view surface, uint32_t entity, bool exact,
                         std::vector<std::vector<Entry>>* entries) {
  const std::vector<Token> tokens = Tokenize(surface);
  if (tokens.empty()) return;
  uint32_t node = 0;
  std::string key;
  for (const Token& t : tokens) {
    key.clear();
    AppendFoldKey(t.In(surface), t.ascii, &key);
    const uint64_t edge = (static_cast<uint64_t>(node) << 32) | vocab_.Intern(key);
    auto [child, inserted] = edges_.Insert(edge, static_cast<uint32_t>(entries->size()));
    if (inserted) entries->emplace_back();
    node = child;
  }
  Entry entry{entity, kNone};
  if (exact) {
    entry.exact = static_cast<uint32_t>(exact_keys_.size());
    exact_keys_.push_back(ExactKeys(surface, tokens));
  }
  std::vector<Entry>& list = (*entries)[node];
  const bool seen = std::any_of(list.begin(), list.end(), [&](const Entry& e) {
    return e.entity == entity &&
           (e.exact == kNone || (entry.exact != kNone && exact_keys_[e.exact] == exact_keys_[entry.exact]));
  });
  if (seen) {
    if (entry.exact != kNone) exact_keys_.pop_back();
    return;
  }
  list.push_back(entry);
}

uint32_t Matcher::TokenId(std::string_view text, const Token& token, MatchScratch* scratch) const {
  const size_t n = token.end - token.start;
  const char* p = text.data() + token.start;
  if (token.ascii && n <= 64) {
    char folded[64];  // ASCII folding is lowercasing: no allocation, no ICU
    for (size_t i = 0; i < n; ++i) folded[i] = static_cast<char>(p[i] | ((p[i] >= 'A' && p[i] <= 'Z') ? 0x20 : 0));
    const uint64_t h = HashBytes(folded, n);
    if (n > sizeof(MatchScratch::CachedWord::key)) return vocab_.Find(folded, n, h);
    MatchScratch::CachedWord& w = scratch->words[(h >> 40) & (MatchScratch::kCachedWords - 1)];
    if (w.hash == h && w.size == n && std::memcmp(w.key, folded, n) == 0) return w.id;
    w.hash = h;
    w.size = static_cast<uint8_t>(n);
    std::memcpy(w.key, folded, n);
    w.id = vocab_.Find(folded, n, h);
    return w.id;
  }
  if (token.ascii) {
    scratch->key.clear();
    AppendFoldKey(std::string_view(p, n), true, &scratch->key);
    return vocab_.Find(scratch->key.data(), scratch->key.size());
  }
  // ICU folding is slow; a document repeats its words, so remember them (bounded).
  auto& cache = scratch->unicode_ids;
  const std::string_view raw(p, n);
  if (auto it = cache.find(std::string(raw)); it != cache.end()) return it->second;
  scratch->key.clear();
  AppendFoldKey(raw, false, &scratch->key);
  const uint32_t id = vocab_.Find(scratch->key.data(), scratch->key.size());
  if (cache.size() > (1u << 16)) cache.clear();
  cache.emplace(raw, id);
  return id;
}

uint32_t Matcher::Child(uint32_t node, uint32_t token) const {
  if (token == kNone) return kNone;
  if (node == 0) return root_[token];
  return edges_.Find((static_cast<uint64_t>(node) << 32) | token);
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

void Matcher::Find(std::string_view text, std::span<const Token> tokens, std::vector<TokenMatch>* out,
                   MatchScratch* scratch) const {
  // Fold and look up every token once; walks that look ahead reuse the ids.
  std::vector<uint32_t>& ids = scratch->ids;
  ids.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) ids[i] = TokenId(text, tokens[i], scratch);
  std::vector<uint32_t>& accepted = scratch->accepted;
  std::vector<uint32_t>& best = scratch->best;
  for (size_t i = 0; i < tokens.size();) {
    size_t best_end = 0;
    uint32_t node = Child(0, ids[i]);
    for (size_t j = i; node != kNone;) {
      ++j;
      if (node_entries_[node] != node_entries_[node + 1] &&
          Accept(node, text, tokens.subspan(i, j - i), &accepted)) {
        best_end = j;
        best.swap(accepted);
      }
      if (j == tokens.size()) break;
      node = Child(node, ids[j]);
    }
    if (best_end == 0) {
      ++i;
      continue;
    }
    TokenMatch m{static_cast<uint32_t>(i), static_cast<uint32_t>(best_end), -1, {}};
    if (best.size() == 1) {
      m.entity = static_cast<int32_t>(best[0]);
    } else {
      m.candidates = best;
    }
    out->push_back(std::move(m));
    i = best_end;
  }
}

}  // namespace entgraph
