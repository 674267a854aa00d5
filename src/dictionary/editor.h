// dict add and dict alias: change the dictionaries from the command line, safely.
//
// A change is checked before anything is written: the fields must be well-formed, a new name must
// not repeat one already loaded, and a name or alias that another entity already uses (whose
// mentions would become ambiguous) is refused unless `force`. The whole dictionary is then parsed
// again with the change, and only if that succeeds is the file replaced: written to a temporary
// file beside it and renamed, under a lock on its folder so two editors cannot lose each other's
// lines. Comments, order and the other lines are kept byte for byte.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace entgraph {

struct NewEntity {
  std::string type;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> attributes;  // "key=value"
};

struct EditResult {
  std::filesystem::path file;  // the file written
  std::string line;            // the line as it now reads
};

// Appends `entity` to `file` when given, else to the file of `dict` that already holds its type,
// else to <dict folder>/<type>.tsv. Throws entgraph::Error (exit 2) saying what is wrong.
EditResult AddEntity(const std::filesystem::path& dict, const NewEntity& entity, const std::filesystem::path& file,
                     bool force);

// Adds `alias` to the entity named `name` (its canonical name or an alias of it alone).
EditResult AddAlias(const std::filesystem::path& dict, const std::string& name, const std::string& alias,
                    bool force);

}  // namespace entgraph
