#include "recognizer/parallel.h"

#include <atomic>
#include <exception>
#include <thread>

namespace entgraph {
namespace {

struct Item {
  size_t doc, begin, end;  // paragraphs [begin, end) of texts[doc]
};

}  // namespace

ParallelRecognizer::ParallelRecognizer(const Matcher& matcher, size_t threads, size_t item_bytes)
    : item_bytes_(item_bytes) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 0; i < threads; ++i) recognizers_.push_back(std::make_unique<Recognizer>(matcher));
}

std::vector<Analysis> ParallelRecognizer::Analyze(const std::vector<std::string_view>& texts) {
  std::vector<Analysis> out(texts.size());
  std::vector<Item> items;
  for (size_t d = 0; d < texts.size(); ++d) {
    out[d].paragraphs = SplitParagraphs(texts[d]);
    const auto& paras = out[d].paragraphs;
    size_t begin = 0, bytes = 0;
    for (size_t p = 0; p < paras.size(); ++p) {
      bytes += paras[p].end - paras[p].start;
      if (bytes >= item_bytes_) {
        items.push_back({d, begin, p + 1});
        begin = p + 1;
        bytes = 0;
      }
    }
    if (begin < paras.size() || paras.empty()) items.push_back({d, begin, paras.size()});
  }
  std::vector<Analysis> parts(items.size());
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  auto work = [&](Recognizer* r) {
    try {
      for (size_t i; (i = next.fetch_add(1)) < items.size();) {
        const Item& it = items[i];
        r->AnalyzeParagraphs(texts[it.doc], out[it.doc].paragraphs, it.begin, it.end, &parts[i]);
      }
    } catch (...) {
      failure = std::current_exception();
      next = items.size();
    }
  };
  const size_t n = std::min(recognizers_.size(), items.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < n; ++t) pool.emplace_back(work, recognizers_[t].get());
  if (n > 0) work(recognizers_[0].get());
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  // Merge in order: a part's sentence numbers follow those of the parts before it. Sizes first,
  // so that a large document's mentions are copied once, not regrown from small.
  std::vector<size_t> parts_of(texts.size(), 0), mentions(texts.size(), 0), sentences(texts.size(), 0);
  for (size_t i = 0; i < items.size(); ++i) {
    ++parts_of[items[i].doc];
    mentions[items[i].doc] += parts[i].mentions.size();
    sentences[items[i].doc] += parts[i].sentences.size();
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const size_t d = items[i].doc;
    Analysis& doc = out[d];
    if (parts_of[d] == 1) {
      doc.sentences = std::move(parts[i].sentences);
      doc.mentions = std::move(parts[i].mentions);
      continue;
    }
    doc.sentences.reserve(sentences[d]);
    doc.mentions.reserve(mentions[d]);
    const auto offset = static_cast<uint32_t>(doc.sentences.size());
    doc.sentences.insert(doc.sentences.end(), parts[i].sentences.begin(), parts[i].sentences.end());
    for (Mention& m : parts[i].mentions) {
      m.sentence += offset;
      doc.mentions.push_back(std::move(m));
    }
    parts[i] = Analysis();  // give the part's memory back before the next one grows the total
  }
  return out;
}

void RecognizeFiles(ParallelRecognizer& recognizer, const std::vector<std::filesystem::path>& files,
                    const WarningSink& warn, const std::function<void(const Document&, const Analysis&)>& found,
                    const std::function<void(size_t, size_t)>& read) {
  std::vector<Document> batch;
  size_t batch_bytes = 0, done = 0, bytes = 0;
  auto flush = [&] {
    std::vector<std::string_view> texts;
    for (const Document& d : batch) texts.push_back(d.text);
    const std::vector<Analysis> analyses = recognizer.Analyze(texts);
    for (size_t i = 0; i < batch.size(); ++i) found(batch[i], analyses[i]);
    batch.clear();
    batch_bytes = 0;
  };
  for (const auto& path : files) {
    std::optional<Document> doc = ReadDocument(path, warn);
    ++done;
    if (doc) {
      bytes += doc->text.size();
      batch_bytes += doc->text.size();
      batch.push_back(std::move(*doc));
      if (batch_bytes >= (32u << 20) || batch.size() >= 256) flush();
    }
    if (read) read(done, bytes);
  }
  flush();
}

}  // namespace entgraph
