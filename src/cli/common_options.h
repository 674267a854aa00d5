// Pieces every command shares: loading the dictionary with its warnings, reporting to stderr.
#pragma once

#include <string>

#include "dictionary/dictionary.h"
#include "document/corpus.h"

namespace entgraph::cli {

// Loads the dictionary at `path`; warns on stderr (unless quiet) when it holds no entity.
Dictionary LoadDictionary(const std::string& path, bool quiet);

// A sink that prints "entgraph: warning: ..." on stderr, or nothing when quiet.
WarningSink StderrWarnings(bool quiet);

}  // namespace entgraph::cli
