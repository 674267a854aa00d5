#include "dictionary/editor.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/edit_distance.h"
#include "common/error.h"
#include "common/file_output.h"
#include "common/utf8.h"
#include "dictionary/dictionary.h"
#include "text/normalize.h"

namespace entgraph {
namespace fs = std::filesystem;
namespace {

// Holds an exclusive lock on a folder while a dictionary file in it is read and replaced.
class FolderLock {
 public:
  explicit FolderLock(const fs::path& folder) : fd_(::open(folder.c_str(), O_RDONLY | O_DIRECTORY)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

// Editors of one dictionary take turns: the lock is on the dictionary's folder.
fs::path LockFolder(const fs::path& dict) {
  std::error_code ec;
  if (fs::is_directory(dict, ec)) return dict;
  return dict.has_parent_path() ? dict.parent_path() : fs::path(".");
}

std::string Read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void CheckField(const std::string& what, const std::string& value, const std::string& forbidden) {
  if (utf8::CollapseSpace(value).empty()) throw Error(what + " is empty");
  for (char c : forbidden + "\t\n\r") {
    if (value.find(c) != std::string::npos) {
      const std::string shown = c == '\t' ? "a tab" : c == '\n' || c == '\r' ? "a line break" : std::string("'") + c + "'";
      throw Error(what + " '" + utf8::ForTerminal(value) + "' may not contain " + shown);
    }
  }
  if (utf8::FindInvalid(value) != std::string::npos) throw Error(what + " is not valid UTF-8");
}

// Which entity, if any, already has a form with this match key.
const Entity* Owner(const Dictionary& dict, const std::string& key) {
  for (const Entity& e : dict.entities()) {
    if (MatchKey(e.name) == key) return &e;
    for (const std::string& a : e.aliases) {
      if (MatchKey(a) == key) return &e;
    }
  }
  return nullptr;
}

void RefuseAmbiguous(const Dictionary& dict, const std::string& form, const Entity* self, bool force) {
  const Entity* owner = Owner(dict, MatchKey(form));
  if (owner == nullptr || owner == self) return;
  if (force) return;
  throw Error("'" + form + "' is already a name or alias of '" + owner->name + "' (" + owner->source.ToString() +
              "): its mentions would become ambiguous; give --force to add it anyway");
}

fs::path ChooseFile(const fs::path& dict, const Dictionary& loaded, const std::string& type, const fs::path& file) {
  if (!file.empty()) return file;
  for (const Entity& e : loaded.entities()) {
    if (e.type == type) return fs::path(e.source.file());
  }
  std::error_code ec;
  if (fs::is_directory(dict, ec)) return dict / (type + ".tsv");
  return dict;
}

// Parses every dictionary file, with `file` replaced by `text`: the change must load cleanly.
void Validate(const fs::path& dict, const fs::path& file, const std::string& text) {
  Dictionary check;
  bool seen = false;
  std::error_code ec;
  for (const fs::path& f : fs::exists(dict, ec) ? DictionaryFiles(dict) : std::vector<fs::path>{}) {
    const bool same = fs::equivalent(f, file, ec);
    seen = seen || same;
    check.Parse(same ? text : Read(f), f.string());
  }
  if (!seen) check.Parse(text, file.string());
}

std::string Line(const NewEntity& e) {
  std::string line = e.type + "\t" + e.name;
  std::string aliases, attrs;
  for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "|") + a;
  for (const auto& a : e.attributes) attrs += (attrs.empty() ? "" : ";") + a;
  if (!aliases.empty() || !attrs.empty()) line += "\t" + aliases;
  if (!attrs.empty()) line += "\t" + attrs;
  return line;
}

}  // namespace

EditResult AddEntity(const fs::path& dict, const NewEntity& entity, const fs::path& file, bool force) {
  CheckField("the type", entity.type, "|");
  CheckField("the name", entity.name, "|");
  for (const auto& a : entity.aliases) CheckField("the alias", a, "|");
  for (const auto& a : entity.attributes) {
    CheckField("the attribute", a, ";|");
    if (a.find('=') == std::string::npos) throw Error("the attribute '" + a + "' has no '=' (write key=value)");
  }
  std::error_code ec;
  FolderLock lock(LockFolder(dict));
  const Dictionary loaded = fs::exists(dict, ec) ? Dictionary::Load(dict) : Dictionary();
  const fs::path target = ChooseFile(dict, loaded, entity.type, file);
  if (const Entity* owner = Owner(loaded, MatchKey(entity.name)); owner && MatchKey(owner->name) == MatchKey(entity.name)) {
    throw Error("'" + entity.name + "' is already in the dictionary: " + owner->source.ToString() + " defines '" +
                owner->name + "'; add an alias to it with 'entgraph dict alias' instead");
  }
  RefuseAmbiguous(loaded, entity.name, nullptr, force);
  for (const auto& a : entity.aliases) RefuseAmbiguous(loaded, a, nullptr, force);

  std::string text = fs::exists(target, ec) ? Read(target) : "";
  if (!text.empty() && text.back() != '\n') text += '\n';
  const std::string line = Line(entity);
  text += line + "\n";
  Validate(dict, target, text);
  WriteFileAtomically(target, text);
  return EditResult{target, line};
}

EditResult AddAlias(const fs::path& dict, const std::string& name, const std::string& alias, bool force) {
  CheckField("the alias", alias, "|");
  FolderLock lock(LockFolder(dict));
  const Dictionary loaded = Dictionary::Load(dict);
  const std::string key = MatchKey(name);
  const Entity* entity = nullptr;
  for (const Entity& e : loaded.entities()) {
    if (MatchKey(e.name) == key) entity = &e;
  }
  if (!entity) entity = Owner(loaded, key);
  if (!entity) {
    std::string closest;
    size_t best = static_cast<size_t>(-1);
    for (const Entity& e : loaded.entities()) {
      const size_t d = EditDistance(key, MatchKey(e.name));
      if (d < best) std::tie(best, closest) = std::make_tuple(d, e.name);
    }
    throw Error("no entity is named '" + name + "'" + (closest.empty() ? "" : "; did you mean '" + closest + "'?"));
  }
  for (const std::string& form : entity->aliases) {
    if (MatchKey(form) == MatchKey(alias)) throw Error("'" + entity->name + "' already has the alias '" + form + "'");
  }
  if (MatchKey(entity->name) == MatchKey(alias)) throw Error("'" + alias + "' is the name of '" + entity->name + "' already");
  RefuseAmbiguous(loaded, alias, entity, force);

  const fs::path file(entity->source.file());
  const size_t line_no = entity->source.line();
  std::string text = Read(file);
  // Find the entity's line and extend its alias column, keeping everything else as it was.
  size_t start = 0;
  for (size_t n = 1; n < line_no; ++n) start = text.find('\n', start) + 1;
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  std::string line = text.substr(start, end - start);
  const size_t first_tab = line.find('\t');
  const size_t second_tab = line.find('\t', first_tab + 1);
  if (second_tab == std::string::npos) {
    line += "\t" + alias;
  } else {
    const size_t third_tab = line.find('\t', second_tab + 1);
    const size_t alias_end = third_tab == std::string::npos ? line.size() : third_tab;
    const bool empty = alias_end == second_tab + 1;
    line.insert(alias_end, (empty ? "" : "|") + alias);
  }
  text.replace(start, end - start, line);
  Validate(dict, file, text);
  WriteFileAtomically(file, text);
  return EditResult{file, line};
}

}  // namespace entgraph
