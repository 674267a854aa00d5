// The entity dictionaries: UTF-8 TSV files, one entity a line.
//
//   TYPE <TAB> NAME [<TAB> ALIASES [<TAB> ATTRIBUTES]]
//
// TYPE is a lowercase word (person, organization, project, or any other), NAME the canonical name,
// ALIASES other surface forms separated by '|', ATTRIBUTES key=value pairs separated by ';'.
// Blank lines and lines starting with '#' are skipped. Canonical names are unique across everything
// loaded, compared as the recognizer compares them (case, accents and dashes folded).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/byte_image.h"

namespace entgraph {

// Where an entity is defined, for messages: "FILE:LINE". A file's name is kept once for the
// whole process and shared by every entity of the file: a gazetteer read from the compiled cache
// spent a quarter of a short extract allocating each of its entities' "FILE:LINE".
class SourceLine {
 public:
  SourceLine() = default;  // not known: ToString() is empty
  SourceLine(std::string_view file, uint32_t line);
  // Text as ToString() writes it; text without a line number after its last ':' is all file.
  static SourceLine Parse(std::string_view text);

  // The same file at another line (no look-up of the file's name).
  SourceLine AtLine(uint32_t line) const {
    SourceLine s = *this;
    s.line_ = line;
    return s;
  }
  std::string_view file() const { return file_; }
  uint32_t line() const { return line_; }  // from 1; 0 when not known
  std::string ToString() const;            // "FILE:LINE", or FILE without a line

  friend bool operator==(const SourceLine& a, const SourceLine& b) {
    return a.line_ == b.line_ && a.file_ == b.file_;
  }

 private:
  std::string_view file_;  // kept for the process's life (few: a dictionary's files)
  uint32_t line_ = 0;
};

struct Entity {
  std::string type;
  std::string name;
  std::vector<std::string> aliases;  // not including `name`
  std::vector<std::pair<std::string, std::string>> attributes;
  SourceLine source;
};

class Dictionary {
 public:
  // Loads a .tsv file, or every *.tsv file in a folder (not recursive) in sorted order.
  // Throws entgraph::Error (exit code 2) naming FILE:LINE and what to fix on the first malformed
  // line, and when the path does not exist. A folder without .tsv files gives an empty dictionary.
  static Dictionary Load(const std::filesystem::path& path);

  // Parses one file's text; `file` is the name used in messages. Throws like Load.
  void Parse(std::string_view text, const std::string& file);

  // Adds one entity; throws entgraph::Error, adding nothing, when its name duplicates an entity
  // already loaded.
  void Add(Entity entity);

  // The entities and files as bytes, and a dictionary made from them (throws
  // ByteReader::ImageError on an image cut short): for the compiled dictionary cache. The names'
  // duplicate index is not kept; a later Add or Parse makes it again.
  void WriteImage(ByteWriter* w) const;
  static Dictionary ReadImage(ByteReader* r);

  const std::vector<Entity>& entities() const { return entities_; }
  bool empty() const { return entities_.empty(); }
  // The files read, in order (for messages and for the store).
  const std::vector<std::string>& files() const { return files_; }

 private:
  // Indexes the names of entities that a dictionary read from an image holds unindexed.
  void IndexMissingNames();
  // Makes the name index room for n entities.
  void ReserveNames(size_t n);
  // Indexes entities_[entity] under its name's match key and that key's hash; throws when an
  // earlier entity has the same key.
  void IndexName(size_t entity, std::string key, uint64_t hash);

  std::vector<Entity> entities_;
  std::vector<std::string> files_;
  // Canonical names by match key, to refuse a duplicate: open addressing over entity indices plus
  // one (0: empty), at most half full. A map node a name was a quarter of loading a gazetteer.
  std::vector<uint32_t> name_slots_;
  std::vector<std::string> name_keys_;  // by entity
  std::vector<uint64_t> name_hashes_;   // by entity
};

// The files Dictionary::Load would read for `path`, in order.
std::vector<std::filesystem::path> DictionaryFiles(const std::filesystem::path& path);

// One dictionary file's bytes; throws entgraph::Error when it cannot be read.
std::string ReadDictionaryFile(const std::filesystem::path& path);

}  // namespace entgraph
