// Recognition on several threads, with the same result as one.
//
// A batch of documents is cut into work items of whole paragraphs (about 1 MB each, so that one
// large file is shared out too). Each thread has its own Recognizer; the parts of a document are
// merged in order, sentence numbers shifted, so every Analysis equals what Recognizer::Analyze
// gives.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "document/corpus.h"
#include "recognizer/recognizer.h"

namespace entgraph {

class ParallelRecognizer {
 public:
  // `matcher` must outlive this. threads == 0 means one per core. Work items hold at least
  // item_bytes of paragraphs.
  ParallelRecognizer(const Matcher& matcher, size_t threads, size_t item_bytes = 1 << 20);

  std::vector<Analysis> Analyze(const std::vector<std::string_view>& texts);
  size_t threads() const { return recognizers_.size(); }

 private:
  std::vector<std::unique_ptr<Recognizer>> recognizers_;
  size_t item_bytes_;
};

// Reads `files` in batches (about 32 MB, or 256 documents), recognizes each batch on the threads,
// and calls found(document, analysis) in file order. read(files done, bytes read) follows each file.
// Memory holds one batch, not the corpus.
void RecognizeFiles(ParallelRecognizer& recognizer, const std::vector<std::filesystem::path>& files,
                    const WarningSink& warn, const std::function<void(const Document&, const Analysis&)>& found,
                    const std::function<void(size_t, size_t)>& read = nullptr);

}  // namespace entgraph
