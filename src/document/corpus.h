// Reading the corpus: which files a --corpus argument names, and each file's bytes.
//
// Files are read whole, one document at a time, so memory follows the largest document, not the
// corpus. Text is kept byte for byte: invalid UTF-8 is reported, not rewritten, so offsets stay
// offsets into the file. A large file is memory-mapped rather than read: copying 200 MB into fresh
// memory costs the kernel more time (zeroing pages, then copying into them) than recognizing the
// text does. Like other tools that map their input (ripgrep), a file truncated by another program
// while it is read stops the process (exit 2, with a message); a build then leaves the previous
// database as it was.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entgraph {

struct Document {
  std::string path;       // as listed (the argument joined with the path below it)
  std::string_view text;  // the file's bytes, in `storage` (or in memory the caller keeps)
  std::shared_ptr<const void> storage;  // the buffer or mapping that holds the bytes
};

using WarningSink = std::function<void(const std::string&)>;

struct CorpusOptions {
  // File-name patterns (fnmatch) that folders are searched for; files named directly are always read.
  std::vector<std::string> globs = {"*.txt", "*.md"};
};

// The files named by `paths`: a file as given, a folder searched recursively for files matching
// the globs (symbolic links to folders are not followed, so link loops cannot trap the walk).
// Sorted within each folder, arguments kept in order, a file reached twice (by another path, a
// symbolic or a hard link) listed once, under the path met first. With `sizes`, each
// file's size as listed goes there too (0 for one that cannot be sized: it is reported when read).
// Throws entgraph::Error (exit 2) when a path does not exist.
// Paths are plain strings, not std::filesystem::path: the list lives as long as the run, and a
// path object keeps a list of its components besides its text (a million files of eight
// components took 510 MB as path objects).
std::vector<std::string> ListCorpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                                    const WarningSink& warn, std::vector<uintmax_t>* sizes = nullptr);

// Each file's size on disk; 0 for one that cannot be sized (it is read, and reported, as usual).
// For files not listed by ListCorpus, which gives their sizes.
std::vector<uintmax_t> FileSizes(const std::vector<std::string>& files);

// Reads one document. Returns nullopt, after a warning, for an unreadable or binary file (a NUL
// byte in its first 8 KiB). Warns with the byte offset when the text is not valid UTF-8.
std::optional<Document> ReadDocument(const std::string& path, const WarningSink& warn);
// ReadDocument, or what stands in for it (a file read ahead: cli::CorpusListing::Read).
using DocumentReader = std::function<std::optional<Document>(const std::string&, const WarningSink&)>;

}  // namespace entgraph
