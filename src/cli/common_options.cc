#include "cli/common_options.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "common/utf8.h"

namespace entgraph::cli {

WarningSink StderrWarnings(bool quiet) {
  return [quiet](const std::string& message) {
    if (!quiet) std::cerr << "entgraph: warning: " << utf8::ForTerminal(message) << "\n";
  };
}

Dictionary LoadDictionary(const std::string& path, bool quiet) {
  Dictionary dict = Dictionary::Load(path);
  if (dict.empty()) {
    StderrWarnings(quiet)("the dictionary '" + path +
                          "' holds no entity, so nothing will be recognized; add TYPE<TAB>NAME lines to a "
                          ".tsv file");
  }
  return dict;
}

void ExitWithoutTeardown(int code) {
  std::fflush(nullptr);
  std::exit(code);  // runs atexit handlers and static destructors, not the callers' destructors
}

}  // namespace entgraph::cli
