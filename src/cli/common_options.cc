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

CompiledDictionary LoadDictionary(const std::string& path, bool quiet) {
  CompiledDictionary dict = CompiledDictionary::Load(path, DictionaryCache::FromEnvironment());
  if (dict.dictionary().empty()) {
    StderrWarnings(quiet)("the dictionary '" + path +
                          "' holds no entity, so nothing will be recognized; add TYPE<TAB>NAME lines to a "
                          ".tsv file");
  }
  return dict;
}

CorpusListing::CorpusListing(std::vector<std::string> paths, std::vector<std::string> globs, bool quiet,
                             uintmax_t read_ahead_from)
    : quiet_(quiet) {
  files_ = std::async(std::launch::async, [this, paths = std::move(paths), globs = std::move(globs), read_ahead_from] {
    CorpusOptions options;
    if (!globs.empty()) options.globs = globs;
    std::vector<std::string> files =
        ListCorpus(paths, options, [this](const std::string& w) { warnings_.push_back(w); }, &sizes_);
    if (!files.empty() && sizes_[0] >= read_ahead_from) {
      ahead_path_ = files[0];
      ahead_ = ReadDocument(files[0], [this](const std::string& w) { ahead_warnings_.push_back(w); });
    }
    return files;
  });
}

std::optional<Document> CorpusListing::Read(const std::string& path, const WarningSink& warn) {
  if (ahead_path_.empty() || path != ahead_path_) return ReadDocument(path, warn);
  ahead_path_.clear();
  for (const std::string& w : ahead_warnings_) warn(w);
  return std::move(ahead_);
}

std::vector<std::string> CorpusListing::Files() {
  std::vector<std::string> files = files_.get();
  const WarningSink warn = StderrWarnings(quiet_);
  for (const std::string& w : warnings_) warn(w);
  return files;
}

void ExitWithoutTeardown(int code) {
  std::fflush(nullptr);
  std::exit(code);  // runs atexit handlers and static destructors, not the callers' destructors
}

}  // namespace entgraph::cli
