#include "dictionary/dictionary.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <exception>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/utf8.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace entgraph {
namespace {

// The name of `file`, kept once for the process's life, so that the views SourceLine holds never
// dangle. A program reads a few dictionary files; the names are never let go.
std::string_view KeptFileName(std::string_view file) {
  static std::mutex mutex;
  static auto* const names = new std::set<std::string, std::less<>>;  // a set's nodes stay put
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = names->find(file);
  if (it == names->end()) it = names->emplace(file).first;
  return *it;
}

}  // namespace

SourceLine::SourceLine(std::string_view file, uint32_t line) : file_(KeptFileName(file)), line_(line) {}

SourceLine SourceLine::Parse(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon != std::string_view::npos && colon + 1 < text.size()) {
    uint32_t line = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data() + colon + 1, end, line);
    if (ec == std::errc() && p == end && line > 0) return SourceLine(text.substr(0, colon), line);
  }
  return SourceLine(text, 0);
}

std::string SourceLine::ToString() const {
  std::string text(file_);
  if (line_ > 0) {
    char digits[10];
    text += ':';
    text.append(digits, static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, line_).ptr - digits));
  }
  return text;
}

namespace {

std::vector<std::string_view> SplitOn(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  parts.reserve(1 + static_cast<size_t>(std::count(text.begin(), text.end(), sep)));  // one allocation, not three
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when `text` has a token (a letter, digit or mark of punctuation), without which a name
// could never be matched. (MatchKey(text).empty() says the same, but makes the key.)
bool HasToken(std::string_view text) {
  thread_local std::vector<Token> tokens;
  tokens.clear();
  Tokenize(text, 0, text.size(), &tokens);
  return !tokens.empty();
}

bool IsTypeWord(std::string_view type) {
  if (type.empty() || type[0] < 'a' || type[0] > 'z') return false;
  return std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

[[noreturn]] void Fail(const SourceLine& where, const std::string& what) {
  throw Error(where.ToString() + ": " + what);
}

class LineParser {
 public:
  LineParser(SourceLine source, std::string_view line) : source_(source), line_(line) {}

  // The entity of the line; *key is its name's match key.
  Entity Parse(std::string* key) {
    std::vector<std::string_view> cols = SplitOn(line_, '\t');
    if (cols.size() < 2 || cols.size() > 4) {
      Fail(source_, "expected 2 to 4 tab-separated columns, found " + std::to_string(cols.size()) +
                        " (TYPE<TAB>NAME[<TAB>ALIASES[<TAB>ATTRIBUTES]])");
    }
    Entity e;
    e.type = std::string(TrimSpaces(cols[0]));
    if (!IsTypeWord(e.type)) {
      Fail(source_, "type '" + e.type + "' must be a lowercase word such as person, organization or project");
    }
    e.name = utf8::CollapseSpace(cols[1]);
    *key = MatchKey(e.name);
    if (key->empty()) Fail(source_, "empty name in column 2");
    if (cols.size() >= 3) ParseAliases(cols[2], &e);
    if (cols.size() == 4) ParseAttributes(cols[3], &e);
    e.source = source_;
    return e;
  }

 private:
  void ParseAliases(std::string_view column, Entity* e) {
    if (TrimSpaces(column).empty()) return;
    const std::vector<std::string_view> raws = SplitOn(column, '|');
    e->aliases.reserve(raws.size());
    for (std::string_view raw : raws) {
      std::string alias = utf8::CollapseSpace(raw);
      if (alias.empty()) {
        Fail(source_, "empty alias in column 3 (two '|' in a row, or one at either end)");
      }
      if (!HasToken(alias)) Fail(source_, "alias '" + alias + "' has no letter or digit");
      if (alias != e->name && std::find(e->aliases.begin(), e->aliases.end(), alias) == e->aliases.end()) {
        e->aliases.push_back(std::move(alias));
      }
    }
  }

  void ParseAttributes(std::string_view column, Entity* e) {
    for (std::string_view raw : SplitOn(column, ';')) {
      std::string_view pair = TrimSpaces(raw);
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) {
        Fail(source_, "attribute '" + std::string(pair) + "' has no '=' (write key=value pairs separated by ';')");
      }
      std::string key(TrimSpaces(pair.substr(0, eq)));
      if (key.empty()) Fail(source_, "attribute '" + std::string(pair) + "' has an empty key");
      e->attributes.emplace_back(std::move(key), std::string(TrimSpaces(pair.substr(eq + 1))));
    }
  }

  SourceLine source_;  // made text only for a message
  std::string_view line_;
};

}  // namespace

std::string ReadDictionaryFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read dictionary '" + path.string() + "': check that it exists and is readable");
  // Read into a string of the file's size, not through a stream buffer that copied it twice.
  std::string text;
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec) {
    text.resize(size);
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<size_t>(in.gcount()));
  }
  // A file that grew meanwhile, or one whose size is not known (a pipe): the rest as it comes.
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) text.append(buf, static_cast<size_t>(in.gcount()));
  if (in.bad()) throw Error("cannot read dictionary '" + path.string() + "': a read failed; check the disk");
  return text;
}

std::vector<std::filesystem::path> DictionaryFiles(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error("dictionary path '" + path.string() + "' does not exist: give a .tsv file or a folder of them");
  }
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() == ".tsv" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  if (ec) throw Error("cannot list dictionary folder '" + path.string() + "': " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

Dictionary Dictionary::Load(const std::filesystem::path& path) {
  Dictionary dict;
  for (const auto& file : DictionaryFiles(path)) dict.Parse(ReadDictionaryFile(file), file.string());
  return dict;
}

namespace {

uint64_t KeyHash(std::string_view key) { return std::hash<std::string_view>()(key); }

// The entities of a run of whole lines, and the error that stopped it, if any.
struct ParsedLines {
  std::vector<Entity> entities;
  std::vector<std::string> keys;  // each entity's name's match key
  std::vector<uint64_t> hashes;   // and its KeyHash
  std::exception_ptr error;
};

// `room`: how many entities to make room for, if more than the run has lines (the first run's
// vector, when it becomes the dictionary's, holds the whole file's).
ParsedLines ParseLines(std::string_view text, SourceLine file, size_t first_line, size_t room) {
  ParsedLines out;
  const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  out.entities.reserve(std::max(lines, room));
  out.keys.reserve(lines);
  out.hashes.reserve(lines);
  size_t line_no = first_line - 1;
  try {
    for (size_t pos = 0; pos < text.size();) {
      size_t nl = text.find('\n', pos);
      std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (size_t bad = utf8::FindInvalid(line); bad != std::string_view::npos) {
        Fail(file.AtLine(static_cast<uint32_t>(line_no)),
             "not valid UTF-8 (byte " + std::to_string(bad + 1) + " of the line); save the file as UTF-8");
      }
      if (TrimSpaces(line).empty() || line[0] == '#') continue;
      std::string key;
      out.entities.push_back(LineParser(file.AtLine(static_cast<uint32_t>(line_no)), line).Parse(&key));
      out.hashes.push_back(KeyHash(key));
      out.keys.push_back(std::move(key));
    }
  } catch (...) {
    out.error = std::current_exception();
  }
  return out;
}

}  // namespace

void Dictionary::Parse(std::string_view text, const std::string& file) {
  IndexMissingNames();
  files_.push_back(file);
  const SourceLine source(file, 0);  // the file's name kept once, for every entity of the file
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // A large file is parsed on two threads, each a run of whole lines (folding every name is most
  // of the work); the runs are then added in file order, so the first problem in the file is the
  // one reported, as when parsing one line after another.
  std::vector<std::string_view> runs = {text};
  if (std::thread::hardware_concurrency() > 1 && text.size() >= (1u << 20)) {
    const size_t cut = text.find('\n', text.size() / 2);
    if (cut != std::string_view::npos) runs = {text.substr(0, cut + 1), text.substr(cut + 1)};
  }
  std::vector<ParsedLines> parsed(runs.size());
  std::thread second;
  if (runs.size() == 2) {
    const size_t second_line = 1 + static_cast<size_t>(std::count(runs[0].begin(), runs[0].end(), '\n'));
    second = std::thread([&, second_line] { parsed[1] = ParseLines(runs[1], source, second_line, 0); });
  }
  const size_t file_lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  parsed[0] = ParseLines(runs[0], source, 1, entities_.empty() ? file_lines : 0);
  if (second.joinable()) second.join();
  size_t total = entities_.size();
  for (const ParsedLines& p : parsed) total += p.entities.size();
  ReserveNames(total);
  for (ParsedLines& p : parsed) {
    // The first run's entities are taken whole when nothing came before them (a gazetteer's
    // first file; its vector has room for the whole file): moving a hundred thousand entities one
    // by one showed in the load time.
    size_t i = entities_.size();
    if (entities_.empty()) {
      entities_ = std::move(p.entities);
    } else {
      for (Entity& e : p.entities) entities_.push_back(std::move(e));
    }
    // Each name's slot is a cache miss in a table of megabytes: the slots of names a few ahead
    // are fetched while one is checked.
    constexpr size_t kAhead = 8;
    for (size_t k = 0; k < p.keys.size(); ++k, ++i) {
      if (k + kAhead < p.keys.size()) __builtin_prefetch(&name_slots_[p.hashes[k + kAhead] & (name_slots_.size() - 1)]);
      IndexName(i, std::move(p.keys[k]), p.hashes[k]);
    }
    if (p.error) std::rethrow_exception(p.error);
  }
}

void Dictionary::Add(Entity entity) {
  IndexMissingNames();
  std::string key = MatchKey(entity.name);
  const uint64_t hash = KeyHash(key);
  ReserveNames(entities_.size() + 1);
  entities_.push_back(std::move(entity));
  try {
    IndexName(entities_.size() - 1, std::move(key), hash);
  } catch (...) {
    entities_.pop_back();  // a refused entity leaves the dictionary as it was
    throw;
  }
}

void Dictionary::IndexMissingNames() {
  if (name_keys_.size() == entities_.size()) return;
  ReserveNames(entities_.size());
  for (size_t i = name_keys_.size(); i < entities_.size(); ++i) {
    std::string key = MatchKey(entities_[i].name);
    const uint64_t hash = KeyHash(key);
    IndexName(i, std::move(key), hash);
  }
}

void Dictionary::WriteImage(ByteWriter* w) const {
  w->Strings(files_);
  // The files the entities' sources name, each once, and then each entity's file as a number:
  // read back, a file's name is looked up once, not once an entity.
  std::vector<std::string> source_files;
  std::vector<uint32_t> source_file(entities_.size());
  for (size_t i = 0; i < entities_.size(); ++i) {
    const std::string_view file = entities_[i].source.file();
    if (i > 0 && source_files[source_file[i - 1]] == file) {  // a file's entities come together
      source_file[i] = source_file[i - 1];
      continue;
    }
    auto known = std::find(source_files.begin(), source_files.end(), file);
    if (known == source_files.end()) known = source_files.insert(known, std::string(file));
    source_file[i] = static_cast<uint32_t>(known - source_files.begin());
  }
  w->Strings(source_files);
  w->Pod<uint64_t>(entities_.size());
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    w->Bytes(e.type);
    w->Bytes(e.name);
    w->Strings(e.aliases);
    w->Pod<uint64_t>(e.attributes.size());
    for (const auto& [key, value] : e.attributes) {
      w->Bytes(key);
      w->Bytes(value);
    }
    w->Pod<uint32_t>(source_file[i]);
    w->Pod<uint32_t>(e.source.line());
  }
}

Dictionary Dictionary::ReadImage(ByteReader* r) {
  Dictionary dict;
  r->Strings(&dict.files_);
  std::vector<std::string> file_names;
  r->Strings(&file_names);
  std::vector<SourceLine> source_files;
  source_files.reserve(file_names.size());
  for (const std::string& file : file_names) source_files.emplace_back(file, 0);
  const auto n = r->Pod<uint64_t>();
  if (n > r->left() / 40) throw ByteReader::ImageError();  // 4 lengths of 8 bytes and 2 numbers of 4 an entity
  ReserveFresh(&dict.entities_, n);
  for (uint64_t i = 0; i < n; ++i) {
    // Strings constructed, not assigned: assigning into an empty string takes the general path
    // of a replacement, a sixth of the instructions of reading a gazetteer's entities.
    const std::string_view type = r->Bytes();
    const std::string_view name = r->Bytes();
    Entity& e = dict.entities_.emplace_back(std::string(type), std::string(name));
    r->Strings(&e.aliases);
    const auto attributes = r->Pod<uint64_t>();
    if (attributes > r->left() / 16) throw ByteReader::ImageError();
    e.attributes.reserve(attributes);
    for (uint64_t i = 0; i < attributes; ++i) {
      std::string key(r->Bytes());
      e.attributes.emplace_back(std::move(key), std::string(r->Bytes()));
    }
    const auto file = r->Pod<uint32_t>();
    if (file >= source_files.size()) throw ByteReader::ImageError();
    e.source = source_files[file].AtLine(r->Pod<uint32_t>());
  }
  return dict;
}

void Dictionary::ReserveNames(size_t n) {
  if (2 * n <= name_slots_.size()) return;
  name_keys_.reserve(n);  // grown a name at a time, a gazetteer's keys were moved seventeen times
  name_hashes_.reserve(n);
  name_slots_.assign(std::bit_ceil(std::max<size_t>(4 * n, 16)), 0);
  for (uint32_t i = 0; i < name_keys_.size(); ++i) {
    size_t s = name_hashes_[i] & (name_slots_.size() - 1);
    while (name_slots_[s] != 0) s = (s + 1) & (name_slots_.size() - 1);
    name_slots_[s] = i + 1;
  }
}

void Dictionary::IndexName(size_t entity, std::string key, uint64_t hash) {
  size_t s = hash & (name_slots_.size() - 1);
  for (; name_slots_[s] != 0; s = (s + 1) & (name_slots_.size() - 1)) {
    const uint32_t other = name_slots_[s] - 1;
    if (name_hashes_[other] != hash || name_keys_[other] != key) continue;
    const Entity& first = entities_[other];
    const Entity& e = entities_[entity];
    throw Error(e.source.ToString() + ": duplicate name '" + e.name + "': " + first.source.ToString() +
                " already defines '" + first.name +
                "' (names are compared ignoring case, accents and dashes); merge the two lines or rename one");
  }
  name_slots_[s] = static_cast<uint32_t>(entity) + 1;
  name_keys_.push_back(std::move(key));
  name_hashes_.push_back(hash);
}

}  // namespace entgraph
