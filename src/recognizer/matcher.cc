#include "recognizer/matcher.h"

#include <algorithm>

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

bool HasAttribute(const Entity& e, std::string_view key, std::string_view value) {
  return std::any_of(e.attributes.begin(), e.attributes.end(),
                     [&](const auto& kv) { return kv.first == key && kv.second == value; });
}

}  // namespace

Matcher::Matcher(const Dictionary& dict, bool fold_only) : fold_only_(fold_only) {
  std::vector<std::vector<Entry>> entries(1);  // node 0 is the root
  const auto& entities = dict.entities();
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const bool exact = HasAttribute(entities[i], "case", "sensitive");
    AddSurface(entities[i].name, i, exact, &entries);
    for (const std::string& alias : entities[i].aliases) AddSurface(alias, i, exact, &entries);
  }
  root_.resize(vocab_.size(), kNone);
  for (const auto& [key, child] : edges_) {
    if ((key >> 32) == 0) root_[static_cast<uint32_t>(key)] = child;
  }
  std::erase_if(edges_, [](const auto& kv) { return (kv.first >> 32) == 0; });
  node_entries_.reserve(entries.size() + 1);
  for (auto& list : entries) {
    node_entries_.push_back(static_cast<uint32_t>(entries_.size()));
    entries_.insert(entries_.end(), list.begin(), list.end());
  }
  node_entries_.push_back(static_cast<uint32_t>(entries_.size()));
}

uint32_t Matcher::Intern(const std::string& key) {
  auto [it, inserted] = vocab_.try_emplace(key, static_cast<uint32_t>(vocab_.size()));
  return it->second;
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
    const uint64_t edge = (static_cast<uint64_t>(node) << 32) | Intern(key);
    auto [it, inserted] = edges_.try_emplace(edge, static_cast<uint32_t>(entries->size()));
    if (inserted) entries->emplace_back();
    node = it->second;
  }
  Entry entry{entity, kNone};
  if (!fold_only_ && (exact || HasNoLowercase(surface))) {
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

uint32_t Matcher::Lookup(std::string_view key) const {
  auto it = vocab_.find(key);
  return it == vocab_.end() ? kNone : it->second;
}

uint32_t Matcher::Child(uint32_t node, uint32_t token) const {
  if (token == kNone) return kNone;
  if (node == 0) return root_[token];
  auto it = edges_.find((static_cast<uint64_t>(node) << 32) | token);
  return it == edges_.end() ? kNone : it->second;
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

void Matcher::Find(std::string_view text, std::span<const Token> tokens,
                   std::vector<TokenMatch>* out) const {
  // Fold and look up every token once; walks that look ahead reuse the ids.
  std::vector<uint32_t> ids(tokens.size());
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    key.clear();
    AppendFoldKey(tokens[i].In(text), tokens[i].ascii, &key);
    ids[i] = Lookup(key);
  }
  std::vector<uint32_t> accepted, best;
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
