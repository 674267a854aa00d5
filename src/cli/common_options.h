// Pieces every command shares: loading the dictionary with its warnings, reporting to stderr.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "dictionary/dictionary.h"
#include "document/corpus.h"
#include "recognizer/compiled_dictionary.h"

namespace entgraph::cli {

// Loads the dictionary at `path`, through the compiled dictionary cache ($ENTGRAPH_CACHE_DIR);
// warns on stderr (unless quiet) when it holds no entity.
CompiledDictionary LoadDictionary(const std::string& path, bool quiet);

// A sink that prints "entgraph: warning: ..." on stderr, or nothing when quiet.
WarningSink StderrWarnings(bool quiet);

// The files that --corpus arguments name, listed on a thread of their own while the dictionary
// loads (16,000 files took a twentieth of an extract of them). Its warnings are held back, so
// that they come after the dictionary's, as when the two ran in turn; Files() prints them.
//
// With `read_ahead_from`, the thread then reads the first file too (ReadDocument) when it has at
// least that many bytes: mapping and checking a long file is a wait before its first piece, which
// the dictionary's load can hide.
class CorpusListing {
 public:
  CorpusListing(std::vector<std::string> paths, std::vector<std::string> globs, bool quiet,
                uintmax_t read_ahead_from = UINTMAX_MAX);
  CorpusListing(const CorpusListing&) = delete;  // the listing thread holds `this`
  CorpusListing& operator=(const CorpusListing&) = delete;
  // The list (throws what listing threw: a path that does not exist).
  std::vector<std::string> Files();
  // Each file's size as listed, once Files() has returned.
  const std::vector<uintmax_t>& sizes() const { return sizes_; }
  // ReadDocument(path, warn), once Files() has returned; the first time it is asked for the file
  // read ahead, that file as it was read then, with the warnings reading it gave.
  std::optional<Document> Read(const std::string& path, const WarningSink& warn);

 private:
  std::vector<std::string> warnings_;
  std::vector<uintmax_t> sizes_;
  std::future<std::vector<std::string>> files_;
  bool quiet_;
  std::string ahead_path_;  // empty: nothing read ahead, or already handed over
  std::optional<Document> ahead_;
  std::vector<std::string> ahead_warnings_;
};

// Ends the process with `code` without unwinding: what the caller's frames hold is not freed one
// allocation at a time (a gazetteer's dictionary and matcher are millions of them, and freeing
// them was a tenth of loading a million aliases); the system takes the memory back whole. Output
// is flushed. Only for a command that has nothing left to close, such as a database.
[[noreturn]] void ExitWithoutTeardown(int code);

}  // namespace entgraph::cli
