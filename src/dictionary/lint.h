// dict lint: what in a dictionary will make recognition worse, each with FILE:LINE.
//
// Findings (lint exits 1 when there is any):
// - a name or alias listed twice, within one entity or across entities (shared by two entities,
//   its mentions are ambiguous and linked to neither);
// - two forms that are the same after folding case, accents and dashes ("Quetta-Taftan" and
//   "Quetta Taftan"): the recognizer cannot tell them apart;
// - an alias that is an everyday English word and would match everywhere;
// - a type used only once (a typo?);
// - stray white space around a field or an alias, or doubled inside a name.
// Notes (printed, but not findings): an all-capitals alias whose lowercase form is an everyday word
// ("APP"); it is matched case-sensitively, so it is fine, but worth knowing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace entgraph {

struct LintFinding {
  std::string file;
  size_t line = 0;
  std::string message;
  bool note = false;

  std::string ToString() const;  // "FILE:LINE: message" or "FILE:LINE: note: message"
};

// Lints the dictionary file or folder. Throws entgraph::Error (exit 2) when it cannot be read or
// a line is malformed. Findings come sorted by file and line.
std::vector<LintFinding> LintDictionary(const std::filesystem::path& path);

}  // namespace entgraph
