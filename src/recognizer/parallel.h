// Recognition on several threads, with the same result as one.
//
// A long document is cut into work items of whole paragraphs (about 1 MB each, so that one large
// file is shared out too); short documents are read, recognized and formatted in groups of about
// as much, each group on one thread. Each thread has its own Recognizer; the parts of a document
// are merged or handed over in order, sentence numbers shifted, so every result equals what
// Recognizer::Analyze gives.
#pragma once

#include <any>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
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
  size_t doc = 0;             // index into the texts (into DocumentGroup::docs, for a group's)
  bool first = false;         // the document's first piece (every document has one, even if empty)
  bool last = false;          // the document's last piece (the first too, for a document of one)
  size_t end = 0;             // one past the piece's last byte in the document's text
  Analysis part;              // part.paragraphs is empty (paragraph numbers index the document's),
                              // but for a group's piece, which is a whole document
  uint32_t first_sentence = 0;  // the document's number of part.sentences[0]
  LineCounter lines;
};

// What a piece's formatting wrote: for stdout and for stderr.
struct PieceOutput {
  std::string out, err;
  // Anything else the format step made for the writer (a build's packed mentions of a group's
  // documents). Not cleared between pieces or groups: the format step reuses or resets it.
  std::any kept;
};

// Short documents read, recognized and formatted on one thread together.
struct DocumentGroup {
  std::vector<Document> docs;
  std::vector<Piece> pieces;          // pieces[i]: the whole of docs[i]
  PieceOutput output;                 // what the format step wrote for them, in order
  std::vector<std::string> warnings;  // what reading the files had to say, in file order
  size_t files = 0;                   // files of the group, read or skipped
};

class ParallelRecognizer {
 public:
  // `matcher` must outlive this. threads == 0 means one per core. Work items hold at least
  // item_bytes of paragraphs.
  static constexpr size_t kItemBytes = 1 << 20;
  ParallelRecognizer(const Matcher& matcher, size_t threads, size_t item_bytes = kItemBytes);

  // Recognizes `texts` in pieces of whole paragraphs and streams them: format(piece,
  // &output) runs on the threads, then write(piece, output) is called on this thread for every
  // piece in text order, as soon as it is ready; its memory is then reused for a later piece, so
  // the piece must not be kept. The output is the same whatever the thread count.
  using Format = std::function<void(Piece&, PieceOutput*)>;
  using Write = std::function<void(const Piece&, const PieceOutput&)>;
  void AnalyzeInPieces(const std::vector<std::string_view>& texts, const Format& format, const Write& write);

  // Reads `files` (sizes[i]: files[i]'s size on disk, used to cut the groups) on the threads, in
  // groups of about item_bytes or 64 files, and recognizes each document of a group whole on the
  // thread that read it: a corpus of short documents is not waited for while one thread reads it,
  // and is not handed out a document at a time. format(document, piece, &group.output) runs there
  // too, for each document in order; then, on this thread and in file order, the group's warnings
  // are passed to `warn` and write(group) is called. A group's memory is reused for a later one,
  // so it must not be kept.
  using GroupFormat = std::function<void(const Document&, Piece&, PieceOutput*)>;
  using GroupWrite = std::function<void(const DocumentGroup&)>;
  void RecognizeGroups(std::span<const std::string> files, std::span<const uintmax_t> sizes,
                       const WarningSink& warn, const GroupFormat& format, const GroupWrite& write);

  // Runs work(worker, recognizer, i) for every i in [0, n) on the threads (worker: the thread's
  // number, below threads(), for what the caller keeps per thread; recognizer: that thread's),
  // then write(i) on this thread in order of i, as soon as item i is done, at most a few items
  // ahead of writing. For work that is not a text's pieces or files (refresh's stored documents).
  using Work = std::function<void(size_t worker, Recognizer& recognizer, size_t i)>;
  void ForEachInOrder(size_t n, const Work& work, const std::function<void(size_t)>& write);

  // Where groups of short documents begin, for `sizes` (the documents' sizes in bytes): a group
  // holds about item_bytes() or 64 documents, whichever comes first. The last entry is
  // sizes.size(), so group g is [starts[g], starts[g + 1]).
  std::vector<size_t> GroupStarts(std::span<const uintmax_t> sizes) const;

  size_t threads() const { return recognizers_.size(); }
  size_t item_bytes() const { return item_bytes_; }

 private:
  struct Item {
    size_t doc, begin, end;  // bytes [begin, end) of texts[doc], whole paragraphs: begin 0 or a
                             // ParagraphCut, end another or the text's size
    ParagraphLayout layout;  // the text's
  };
  // Cuts every text into work items of whole paragraphs, reading each only around the cuts.
  std::vector<Item> Plan(const std::vector<std::string_view>& texts) const;
  // The steps that n items of a stream go through (see Stream).
  struct Stages {
    std::function<void(Recognizer*, size_t)> recognize;  // on a thread, items in any order
    std::function<void(size_t)> place;                   // under a lock, in item order
    std::function<void(size_t)> format;                  // on a thread, once placed
    std::function<void(size_t)> write;                   // on the calling thread, in item order
  };
  // Items in flight: item i uses slot i % window() of the caller's buffers.
  size_t window() const { return recognizers_.size() == 1 ? 1 : 2 * recognizers_.size(); }
  // Runs items [0, n) through the stages, at most window() items ahead of writing; rethrows the
  // first failure, after every thread has stopped.
  void Stream(size_t n, const Stages& stages);

  std::vector<std::unique_ptr<Recognizer>> recognizers_;
  size_t item_bytes_;
};

// Recognizes `files` (sizes[i]: files[i]'s size, as ListCorpus or FileSizes gives it) in pieces,
// formatting them on the threads: each long file (item_bytes or more) cut into pieces through
// AnalyzeInPieces, runs of short files through RecognizeGroups.
// format(document, piece, output) runs on the threads; write(pieces, output) on this thread, in
// file and text order, for a long file's piece or a group's documents (output holds what format
// wrote for them all).
// Long files are read on this thread by read(path, warn), which a caller that read one ahead
// gives; short ones by ReadDocument on the threads.
void RecognizeFilesInPieces(ParallelRecognizer& recognizer, const std::vector<std::string>& files,
                            std::span<const uintmax_t> sizes, const WarningSink& warn,
                            const std::function<void(const Document&, Piece&, PieceOutput*)>& format,
                            const std::function<void(std::span<const Piece>, const PieceOutput&)>& write,
                            const DocumentReader& read = ReadDocument);

}  // namespace entgraph
