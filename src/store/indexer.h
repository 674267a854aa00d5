// Builds and updates the database: documents -> recognizer -> co-occurrence -> store.
//
// Each operation is one transaction: when it fails or is killed, the database stays as it was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dictionary/dictionary.h"
#include "document/corpus.h"
#include "recognizer/matcher.h"

namespace entgraph {

struct IndexSummary {
  size_t documents = 0;         // documents in the database afterwards
  size_t read = 0;              // documents read (or re-read, for refresh) by this operation
  size_t added = 0;             // documents added by this operation
  size_t duplicates = 0;        // documents skipped because the same text is already stored
  size_t mentions = 0;          // mentions in the database afterwards
  size_t ambiguous = 0;         // ambiguous mentions met by this operation (not stored)
  size_t entities_found = 0;    // entities with at least one mention
  size_t entities_known = 0;    // entities in the dictionary
  size_t edges[2] = {0, 0};     // edges stored per scope (sentence, paragraph); document links
                                // are worked out when asked (graph/document_links.h)
  double seconds = 0;
};

// How far a build, add or refresh has come, in documents and in bytes of text: a long document's
// bytes count as its pieces are recognized, so that a corpus of one large file shows progress too.
struct ProgressReport {
  size_t done = 0, total = 0;              // documents
  uint64_t bytes = 0, total_bytes = 0;     // of the documents' text (files' sizes)
};
// Called after each document, and after each piece of a long one.
using ProgressFn = std::function<void(const ProgressReport&)>;

struct IndexOptions {
  size_t threads = 0;  // recognizer threads; 0: one per core
  WarningSink warn = [](const std::string&) {};
  ProgressFn progress = [](const ProgressReport&) {};
  // Files of at least this many bytes are recognized in pieces and stored as the pieces come
  // (tests set less).
  uintmax_t long_file_bytes = uintmax_t{32} << 20;
  // The files' sizes as ListCorpus gave them, in the files' order; empty: each file is sized here.
  std::vector<uintmax_t> file_sizes;
  // Reads a long file (short ones are read by ReadDocument on the recognizing threads): a caller
  // that read the first one ahead, while the dictionary loaded, hands it over here.
  DocumentReader read_long = ReadDocument;
};

// Replaces the database at `db_path` with the graph of `files` under `dict`. The matcher comes from
// `matcher_of_dict` (the compiled dictionary cache), else is compiled from `dict`; either way while
// the entities are written.
IndexSummary Build(const std::string& db_path, const Dictionary& dict,
                   const std::vector<std::string>& files, const IndexOptions& options,
                   const std::function<std::unique_ptr<Matcher>()>& matcher_of_dict = nullptr);

// Adds `files` to the database, with the dictionary it was built with. A document whose exact text
// is already stored is skipped and counted as a duplicate.
IndexSummary Add(const std::string& db_path, const std::vector<std::string>& files,
                 const IndexOptions& options);

// Replaces the stored dictionary with `dict` and updates the graph from the stored documents,
// re-reading only those that contain a name or alias the change adds, removes or alters. The
// matcher, when one is needed, comes from `matcher_of_dict` as for Build.
IndexSummary Refresh(const std::string& db_path, const Dictionary& dict, const IndexOptions& options,
                     const std::function<std::unique_ptr<Matcher>()>& matcher_of_dict = nullptr);

}  // namespace entgraph
