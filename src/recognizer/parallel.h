// Recognition on several threads, with the same result as one.
//
// A batch of documents is cut into work items of whole paragraphs (about 1 MB each, so that one
// large file is shared out too). Each thread has its own Recognizer; the parts of a document are
// merged in order, sentence numbers shifted, so every Analysis equals what Recognizer::Analyze
// gives.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

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

}  // namespace entgraph
