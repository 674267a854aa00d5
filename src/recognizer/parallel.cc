#include "recognizer/parallel.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace entgraph {

ParallelRecognizer::ParallelRecognizer(const Matcher& matcher, size_t threads, size_t item_bytes)
    : item_bytes_(item_bytes) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 0; i < threads; ++i) recognizers_.push_back(std::make_unique<Recognizer>(matcher));
}

std::vector<ParallelRecognizer::Item> ParallelRecognizer::Plan(const std::vector<std::string_view>& texts) const {
  std::vector<Item> items;
  for (size_t d = 0; d < texts.size(); ++d) {
    const std::string_view text = texts[d];
    const ParagraphLayout layout = LayOutParagraphs(text);
    // Every document has an item, an empty one too; a long one an item about every item_bytes_.
    size_t begin = 0;
    do {
      const size_t from = begin == 0 ? layout.first_line : begin;
      const size_t end = ParagraphCut(text, from + item_bytes_, layout);
      items.push_back({d, begin, end, layout});
      begin = end;
    } while (begin < text.size());
  }
  return items;
}

void ParallelRecognizer::AnalyzeInPieces(const std::vector<std::string_view>& texts, const Format& format,
                                         const Write& write) {
  const std::vector<Item> items = Plan(texts);
  const size_t n = items.size();
  // Pieces in flight live in window() slots, piece i in slot i % window(), reused once piece
  // i - window() is written: memory holds a few pieces, not a document's millions of mentions,
  // and after the first pieces recognition and formatting grow no memory.
  const size_t window = this->window();
  std::vector<Piece> pieces(std::min(window, n));
  std::vector<PieceOutput> outputs(pieces.size());
  // A piece's paragraphs are found where it is recognized, and its line breaks counted then, so
  // that neither needs a pass over the whole text before the first piece starts or on the
  // writing thread; placing the piece then numbers them after the pieces before it.
  std::vector<std::vector<Span>> paragraphs(pieces.size());
  std::vector<size_t> newlines(n);
  uint32_t sentence_offset = 0, paragraph_offset = 0;
  size_t line = 1;
  Stages stages;
  stages.recognize = [&](Recognizer* r, size_t i) {
    const Item& it = items[i];
    const std::string_view text = texts[it.doc];
    Piece& piece = pieces[i % window];
    std::vector<Span>& paras = paragraphs[i % window];
    paras.clear();
    // A byte order mark holds no line break: counting from first_line counts them all.
    newlines[i] = AppendParagraphs(text, it.begin == 0 ? it.layout.first_line : it.begin, it.end, it.layout, &paras);
    piece.part.sentences.clear();
    piece.part.mentions.clear();
    r->AnalyzeParagraphs(text, paras, 0, paras.size(), &piece.part);
  };
  stages.place = [&](size_t i) {
    const Item& it = items[i];
    Piece& piece = pieces[i % window];
    piece.doc = it.doc;
    piece.first = it.begin == 0;
    piece.last = it.end == texts[it.doc].size();
    piece.end = it.end;
    if (piece.first) sentence_offset = 0, paragraph_offset = 0, line = 1;
    piece.first_sentence = sentence_offset;
    for (Mention& m : piece.part.mentions) m.sentence += sentence_offset, m.paragraph += paragraph_offset;
    for (Sentence& s : piece.part.sentences) s.paragraph += paragraph_offset;
    sentence_offset += static_cast<uint32_t>(piece.part.sentences.size());
    paragraph_offset += static_cast<uint32_t>(paragraphs[i % window].size());
    // A piece after the first starts a line (ParagraphCut).
    piece.lines = LineCounter(texts[it.doc], it.begin, line, it.begin);
    line += newlines[i];
  };
  stages.format = [&](size_t i) {
    PieceOutput& out = outputs[i % window];
    out.out.clear();
    out.err.clear();
    format(pieces[i % window], &out);
  };
  stages.write = [&](size_t i) { write(pieces[i % window], outputs[i % window]); };
  Stream(n, stages);
}

void ParallelRecognizer::ForEachInOrder(size_t n, const Work& work, const std::function<void(size_t)>& write) {
  Stages stages;
  stages.recognize = [&](Recognizer* r, size_t i) {
    size_t worker = 0;
    while (recognizers_[worker].get() != r) ++worker;
    work(worker, *r, i);
  };
  stages.place = [](size_t) {};
  stages.format = [](size_t) {};
  stages.write = write;
  Stream(n, stages);
}

void ParallelRecognizer::Stream(size_t n, const Stages& stages) {
  if (recognizers_.size() == 1) {  // each item from recognition to output while its data is in cache
    for (size_t i = 0; i < n; ++i) {
      stages.recognize(recognizers_[0].get(), i);
      stages.place(i);
      stages.format(i);
      stages.write(i);
    }
    return;
  }
  // The threads recognize items and format the ones placed, formatting first, while this thread
  // writes each item as soon as it is formatted, so that writing to a pipe or a file overlaps the
  // work. Recognition runs at most window() items ahead of writing.
  const size_t window = this->window();
  std::vector<char> recognized(n, 0), formatted(n, 0);
  size_t next_recognize = 0, placed = 0, next_format = 0, written = 0;
  std::mutex mu;
  // Each wakes only whom a change concerns: a corpus of short documents was tens of thousands of
  // items, and waking every thread after every step (one condition for all) cost 80,000 context
  // switches for 16,000 documents, and two threads were no faster than one.
  std::condition_variable work_cv;    // the threads: an item to format or to recognize, or the end
  std::condition_variable writer_cv;  // this thread: item `written` formatted
  std::exception_ptr failure;
  auto fail = [&](std::exception_ptr error) {  // the first failure stops every thread
    if (!failure) failure = error;
    work_cv.notify_all();
    writer_cv.notify_all();
  };
  // Runs work() unlocked, then marks it done.
  auto run = [&](std::unique_lock<std::mutex>& lock, char* done, auto&& work) {
    lock.unlock();
    std::exception_ptr error;
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error) fail(error);
    *done = 1;
  };
  auto loop = [&](Recognizer* r) {
    std::unique_lock<std::mutex> lock(mu);
    while (!failure) {
      if (next_format < placed) {
        const size_t i = next_format++;
        if (next_format == n) work_cv.notify_all();  // nothing left to take: the waiting threads end
        run(lock, &formatted[i], [&] { stages.format(i); });
        if (i == written) writer_cv.notify_one();
      } else if (next_recognize < n && next_recognize < written + window) {
        const size_t i = next_recognize++;
        run(lock, &recognized[i], [&] { stages.recognize(r, i); });
        const size_t before = placed;
        while (placed < n && recognized[placed]) stages.place(placed++);
        if (placed > before + 1) work_cv.notify_one();  // this thread formats one of them next
      } else if (next_format == n) {
        break;
      } else {
        work_cv.wait(lock);
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::min(recognizers_.size(), n); ++t) pool.emplace_back(loop, recognizers_[t].get());
  try {
    for (size_t i = 0; i < n; ++i) {
      {
        std::unique_lock<std::mutex> lock(mu);
        writer_cv.wait(lock, [&] { return formatted[i] != 0 || failure; });
        if (failure) break;
      }
      stages.write(i);
      std::lock_guard<std::mutex> lock(mu);
      written = i + 1;
      work_cv.notify_one();  // a slot for one more item to recognize
    }
  } catch (...) {  // writing failed: stop the threads before the buffers they use go away
    std::lock_guard<std::mutex> lock(mu);
    fail(std::current_exception());
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

std::vector<size_t> ParallelRecognizer::GroupStarts(std::span<const uintmax_t> sizes) const {
  constexpr size_t kMostItems = 64;  // so that a thousand tiny documents are still shared out
  std::vector<size_t> starts;
  uintmax_t bytes = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (starts.empty() || bytes >= item_bytes_ || i - starts.back() == kMostItems) {
      starts.push_back(i);
      bytes = 0;
    }
    bytes += sizes[i];
  }
  starts.push_back(sizes.size());
  return starts;
}

void ParallelRecognizer::RecognizeGroups(std::span<const std::string> files, std::span<const uintmax_t> sizes,
                                         const WarningSink& warn, const GroupFormat& format,
                                         const GroupWrite& write) {
  const std::vector<size_t> starts = GroupStarts(sizes);  // group g: files [starts[g], starts[g + 1])
  const size_t n = starts.size() - 1;
  const size_t window = this->window();
  std::vector<DocumentGroup> groups(std::min(window, n));
  Stages stages;
  stages.recognize = [&](Recognizer* r, size_t g) {
    DocumentGroup& group = groups[g % window];
    group.docs.clear();
    group.warnings.clear();
    group.output.out.clear();
    group.output.err.clear();
    group.files = starts[g + 1] - starts[g];
    const WarningSink keep = [&group](const std::string& w) { group.warnings.push_back(w); };
    for (size_t f = starts[g]; f < starts[g + 1]; ++f) {
      std::optional<Document> doc = ReadDocument(files[f], keep);
      if (!doc) continue;
      group.docs.push_back(std::move(*doc));
    }
    group.pieces.resize(group.docs.size());
    for (size_t d = 0; d < group.docs.size(); ++d) {
      const std::string_view text = group.docs[d].text;
      Piece& piece = group.pieces[d];
      piece.doc = d;
      piece.first = true;
      piece.last = true;
      piece.end = text.size();
      piece.first_sentence = 0;
      piece.part.paragraphs = SplitParagraphs(text);
      piece.part.sentences.clear();
      piece.part.mentions.clear();
      r->AnalyzeParagraphs(text, piece.part.paragraphs, 0, piece.part.paragraphs.size(), &piece.part);
      piece.lines = LineCounter(text);
      format(group.docs[d], piece, &group.output);  // while the document is in this core's cache
    }
  };
  stages.place = [](size_t) {};
  stages.format = [](size_t) {};
  stages.write = [&](size_t g) {
    const DocumentGroup& group = groups[g % window];
    for (const std::string& w : group.warnings) warn(w);
    write(group);
  };
  Stream(n, stages);
}

namespace {

// Reads `files` (long ones: each a piece or more) in batches of about 32 MB and hands each batch
// to `batch`: a run of files of a few megabytes is cut into pieces together.
void ForEachBatch(std::span<const std::string> files, const WarningSink& warn, const DocumentReader& read,
                  const std::function<void(std::vector<Document>&)>& batch) {
  std::vector<Document> docs;
  size_t batch_bytes = 0;
  for (const auto& path : files) {
    std::optional<Document> doc = read(path, warn);
    if (!doc) continue;
    batch_bytes += doc->text.size();
    docs.push_back(std::move(*doc));
    if (batch_bytes >= (32u << 20)) {
      batch(docs);
      docs.clear();
      batch_bytes = 0;
    }
  }
  if (!docs.empty()) batch(docs);
}

std::vector<std::string_view> Texts(const std::vector<Document>& docs) {
  std::vector<std::string_view> texts;
  for (const Document& d : docs) texts.push_back(d.text);
  return texts;
}

}  // namespace

void RecognizeFilesInPieces(ParallelRecognizer& recognizer, const std::vector<std::string>& files,
                            std::span<const uintmax_t> sizes, const WarningSink& warn,
                            const std::function<void(const Document&, Piece&, PieceOutput*)>& format,
                            const std::function<void(std::span<const Piece>, const PieceOutput&)>& write,
                            const DocumentReader& read) {
  auto is_long = [&](size_t i) { return sizes[i] >= recognizer.item_bytes(); };
  for (size_t i = 0; i < files.size();) {
    size_t end = i + 1;  // the run of files as long, or as short, as files[i]
    while (end < files.size() && is_long(end) == is_long(i)) ++end;
    if (is_long(i)) {
      ForEachBatch(std::span(files).subspan(i, end - i), warn, read, [&](std::vector<Document>& docs) {
        recognizer.AnalyzeInPieces(
            Texts(docs), [&](Piece& piece, PieceOutput* out) { format(docs[piece.doc], piece, out); },
            [&](const Piece& piece, const PieceOutput& out) { write({&piece, 1}, out); });
      });
    } else {
      recognizer.RecognizeGroups(std::span(files).subspan(i, end - i), sizes.subspan(i, end - i), warn,
                                 format, [&](const DocumentGroup& group) { write(group.pieces, group.output); });
    }
    i = end;
  }
}

}  // namespace entgraph
