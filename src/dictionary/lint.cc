#include "dictionary/lint.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "common/edit_distance.h"
#include "common/error.h"
#include "common/utf8.h"
#include "dictionary/dictionary.h"
#include "dictionary/wordlists.h"
#include "text/normalize.h"

namespace entgraph {
namespace {

struct Form {
  std::string surface;
  size_t entity;
  bool is_name;
};

class Linter {
 public:
  explicit Linter(const std::filesystem::path& path) : dict_(Dictionary::Load(path)) {
    for (const auto& file : DictionaryFiles(path)) CheckSpacing(file);
  }

  std::vector<LintFinding> Run() {
    CheckForms();
    CheckTypes();
    std::sort(findings_.begin(), findings_.end(), [](const LintFinding& a, const LintFinding& b) {
      return std::tie(a.file, a.line, a.note, a.message) < std::tie(b.file, b.line, b.note, b.message);
    });
    return findings_;
  }

 private:
  void Add(const SourceLine& source, std::string message, bool note = false) {
    findings_.push_back(LintFinding{std::string(source.file()), source.line(), std::move(message), note});
  }

  // White space is checked on the raw text: the parser forgives it, the maintainer should not.
  void CheckSpacing(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    for (size_t no = 1; std::getline(in, line); ++no) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      const SourceLine where(file.string(), static_cast<uint32_t>(no));
      std::vector<std::string> fields;
      std::stringstream cols(line);
      for (std::string f; std::getline(cols, f, '\t');) fields.push_back(f);
      for (size_t i = 0; i < fields.size(); ++i) {
        std::vector<std::string> parts{fields[i]};
        if (i == 2) {  // aliases: each one
          parts.clear();
          std::stringstream aliases(fields[i]);
          for (std::string a; std::getline(aliases, a, '|');) parts.push_back(a);
        }
        for (const std::string& p : parts) CheckSpaces(where, p, i);
      }
      if (fields.size() >= 3) CheckRepeats(where, fields[1], fields[2]);
    }
  }

  void CheckSpaces(const SourceLine& where, const std::string& text, size_t column) {
    static const char* kColumns[] = {"type", "name", "alias", "attributes"};
    const std::string what = column < 4 ? kColumns[column] : "column";
    if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) {
      Add(where, "stray space around " + what + " '" + text + "'");
    } else if (column < 3 && text.find("  ") != std::string::npos) {
      Add(where, "doubled space inside " + what + " '" + text + "'");
    }
  }

  // The parser drops an alias that repeats the name or another alias of the same line; say so.
  void CheckRepeats(const SourceLine& where, const std::string& name, const std::string& aliases) {
    std::vector<std::string> seen{utf8::CollapseSpace(name)};
    std::stringstream in(aliases);
    for (std::string a; std::getline(in, a, '|');) {
      const std::string trimmed = utf8::CollapseSpace(a);
      if (trimmed.empty()) continue;
      if (std::find(seen.begin(), seen.end(), trimmed) != seen.end()) {
        Add(where, "alias '" + trimmed + "' is listed twice in one entity: keep one");
      }
      seen.push_back(trimmed);
    }
  }

  void CheckForms() {
    std::map<std::string, std::vector<Form>> by_key;
    const auto& entities = dict_.entities();
    for (size_t i = 0; i < entities.size(); ++i) {
      by_key[MatchKey(entities[i].name)].push_back(Form{entities[i].name, i, true});
      for (const std::string& a : entities[i].aliases) {
        by_key[MatchKey(a)].push_back(Form{a, i, false});
        CheckWord(entities[i], a);
      }
    }
    for (const auto& [key, forms] : by_key) {
      for (size_t j = 1; j < forms.size(); ++j) {
        // In one entity, "NATO" (exact case) beside "Nato" (any case) is deliberate, not a repeat.
        const bool same_entity = forms[0].entity == forms[j].entity;
        if (same_entity && forms[0].surface != forms[j].surface &&
            HasNoLowercase(forms[0].surface) != HasNoLowercase(forms[j].surface)) {
          continue;
        }
        Clash(forms[0], forms[j]);
      }
    }
  }

  void Clash(const Form& first, const Form& later) {
    const Entity& a = dict_.entities()[first.entity];
    const Entity& b = dict_.entities()[later.entity];
    const std::string kind = later.is_name ? "name" : "alias";
    std::string message;
    if (first.surface == later.surface) {
      message = kind + " '" + later.surface + "' is listed twice";
    } else {
      message = kind + " '" + later.surface + "' is the same as '" + first.surface +
                "' after folding case, accents and dashes";
    }
    if (first.entity == later.entity) {
      message += " in one entity: keep one";
    } else {
      message += ": " + a.source.ToString() + " has it for '" + a.name +
                 "', so its mentions are ambiguous (linked to neither)";
    }
    Add(b.source, message);
  }

  void CheckWord(const Entity& e, const std::string& alias) {
    const std::string key = MatchKey(alias);
    if (key.find(' ') != std::string::npos || !words::IsCommon(key)) return;
    if (HasNoLowercase(alias)) {
      Add(e.source, "alias '" + alias + "' is matched in exact case only, but '" + key +
                        "' is an everyday word: check that the capitals are meant", true);
    } else {
      Add(e.source, "alias '" + alias + "' is an everyday word and would match everywhere: remove it, or add "
                    "case=sensitive to the entity's attributes");
    }
  }

  void CheckTypes() {
    std::map<std::string, std::vector<const Entity*>> by_type;
    for (const Entity& e : dict_.entities()) by_type[e.type].push_back(&e);
    // Only against an established type (used twice or more) does a one-off look like a typo.
    const bool established = std::any_of(by_type.begin(), by_type.end(), [](const auto& t) { return t.second.size() > 1; });
    for (const auto& [type, list] : by_type) {
      if (list.size() != 1 || !established) continue;
      std::string closest;
      size_t best = 3;
      for (const auto& [other, l] : by_type) {
        if (other == type) continue;
        const size_t d = EditDistance(type, other);
        if (d < best) std::tie(best, closest) = std::make_tuple(d, other);
      }
      Add(list[0]->source, "type '" + type + "' is used only once (a typo?" +
                               (closest.empty() ? "" : " did you mean '" + closest + "'?") + ")");
    }
  }

  Dictionary dict_;
  std::vector<LintFinding> findings_;
};

}  // namespace

std::string LintFinding::ToString() const {
  return file + ":" + std::to_string(line) + ": " + (note ? "note: " : "") + message;
}

std::vector<LintFinding> LintDictionary(const std::filesystem::path& path) { return Linter(path).Run(); }

}  // namespace entgraph
