// Counts documents' co-occurrences into an EdgeCounter on a thread of its own.
//
// A build's storing thread both writes to SQLite and counts, and on a corpus of many short
// documents it is the one that keeps the recognizing threads waiting: counting a gazetteer's
// mentions (a name every few words, paragraphs of dozens of entities) was half its time. Handed
// to this thread, counting runs beside the storing instead of after it. Documents are counted in
// the order they are queued, so the counts, and each edge's first unit, are those of counting
// them in that order on the caller's thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "cooccurrence/edge_counter.h"

namespace entgraph {

// A document's mentions as the counter needs them: entity ids (not dictionary indices), sentence
// and paragraph numbers, in text order; ambiguous mentions left out.
struct CountedDocument {
  int64_t doc_id = 0;
  Analysis mentions;
};

// Copies what counting needs of `analysis`, mapping its mentions' entities through `ids`.
CountedDocument ForCounting(const Analysis& analysis, int64_t doc_id, const std::vector<int64_t>& ids);

class CountingThread {
 public:
  // `counter` is counted into by this thread only, until Finish returns.
  explicit CountingThread(EdgeCounter* counter);
  // Stops the thread; what is still queued is not counted (Finish counts it).
  ~CountingThread();
  CountingThread(const CountingThread&) = delete;
  CountingThread& operator=(const CountingThread&) = delete;

  // Queues documents to count. Waits while kMostWaiting mentions are queued, so that memory
  // holds a few batches, not a corpus. Throws what counting threw before.
  void Add(std::vector<CountedDocument> batch);
  // Waits until everything queued is counted; the counter is the caller's to count into until the
  // next Add. Throws what counting threw.
  void Wait();
  // Waits until everything queued is counted, then stops the thread; throws what counting threw.
  void Finish();

  static constexpr size_t kMostWaiting = size_t{1} << 18;  // mentions

 private:
  void Run();
  // Waits, holding `lock` on mu_, until nothing is queued or being counted, or counting failed.
  void WaitUntilCounted(std::unique_lock<std::mutex>& lock);

  EdgeCounter* counter_;
  std::mutex mu_;
  std::condition_variable changed_;  // a batch queued or counted, or the end
  std::deque<std::vector<CountedDocument>> queue_;
  size_t waiting_ = 0;  // mentions queued or being counted
  bool counting_ = false, stop_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: it starts once the rest is made
};

}  // namespace entgraph
