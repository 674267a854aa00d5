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
#include "document/line_index.h"
#include "recognizer/recognizer.h"

namespace entgraph {

// One thread's share of a document: the sentences and mentions of some of its paragraphs, with
// sentence numbers already the document's, and a line counter placed at its first byte, so that
// its output can be formatted on the thread that recognized it.
struct Piece {
  size_t doc = 0;             // index into the texts
  bool first = false;         // the document's first piece (every document has one, even if empty)
  Analysis part;              // part.paragraphs is empty: paragraph numbers index the document's
  uint32_t first_sentence = 0;  // the document's number of part.sentences[0]
  LineCounter lines;
};

// What a piece's formatting wrote: for stdout and for stderr.
struct PieceOutput {
  std::string out, err;
};

class ParallelRecognizer {
 public:
  // `matcher` must outlive this. threads == 0 means one per core. Work items hold at least
  // item_bytes of paragraphs.
  ParallelRecognizer(const Matcher& matcher, size_t threads, size_t item_bytes = 1 << 20);

  std::vector<Analysis> Analyze(const std::vector<std::string_view>& texts);

  // Recognizes like Analyze but keeps each document's pieces apart and streams them: format(piece,
  // &output) runs on the threads, then write(piece, output) is called on this thread for every
  // piece in text order, as soon as it is ready; its memory is then reused for a later piece, so
  // the piece must not be kept. The output is the same whatever the thread count.
  using Format = std::function<void(Piece&, PieceOutput*)>;
  using Write = std::function<void(const Piece&, const PieceOutput&)>;
  void AnalyzeInPieces(const std::vector<std::string_view>& texts, const Format& format, const Write& write);

  size_t threads() const { return recognizers_.size(); }

 private:
  struct Item {
    size_t doc, begin, end;  // paragraphs [begin, end) of texts[doc]
  };
  // Splits every text into paragraphs (*paragraphs) and the paragraphs into work items.
  std::vector<Item> Plan(const std::vector<std::string_view>& texts, std::vector<std::vector<Span>>* paragraphs) const;
  // Calls work(recognizer, i) for i in [0, n) on the threads; rethrows the first failure.
  void Run(size_t n, const std::function<void(Recognizer*, size_t)>& work);

  std::vector<std::unique_ptr<Recognizer>> recognizers_;
  size_t item_bytes_;
};

// Reads `files` in batches (about 32 MB, or 256 documents), recognizes each batch on the threads,
// and calls found(document, analysis) in file order, on the calling thread. With more than one
// thread, found() runs for one batch while the next is recognized. read(files done, bytes read)
// follows each file. Memory holds two batches, not the corpus. arrived(document), when given, is
// called on the calling thread for each document of a batch, in file order, after found() for
// every earlier document and, with more than one thread, while the batch is being recognized: a
// build stores each document's text meanwhile, instead of after it is recognized.
void RecognizeFiles(ParallelRecognizer& recognizer, const std::vector<std::filesystem::path>& files,
                    const WarningSink& warn, const std::function<void(const Document&, const Analysis&)>& found,
                    const std::function<void(size_t, size_t)>& read = nullptr,
                    const std::function<void(const Document&)>& arrived = nullptr);

// The same through AnalyzeInPieces: format(document, piece, output) on the threads, then
// write(document, piece, output) in file and text order.
void RecognizeFilesInPieces(ParallelRecognizer& recognizer, const std::vector<std::filesystem::path>& files,
                            const WarningSink& warn,
                            const std::function<void(const Document&, Piece&, PieceOutput*)>& format,
                            const std::function<void(const Document&, const Piece&, const PieceOutput&)>& write);

}  // namespace entgraph
