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

// Ends the process with `code` without unwinding: what the caller's frames hold is not freed one
// allocation at a time (a gazetteer's dictionary and matcher are millions of them, and freeing
// them was a tenth of loading a million aliases); the system takes the memory back whole. Output
// is flushed. Only for a command that has nothing left to close, such as a database.
[[noreturn]] void ExitWithoutTeardown(int code);

}  // namespace entgraph::cli
