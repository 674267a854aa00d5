#include "cooccurrence/counting_thread.h"

#include <string>

#include "common/error.h"

namespace entgraph {
namespace {

size_t Mentions(const std::vector<CountedDocument>& batch) {
  size_t n = 0;
  for (const CountedDocument& d : batch) n += d.mentions.mentions.size();
  return n;
}

}  // namespace

CountedDocument ForCounting(const Analysis& analysis, int64_t doc_id, const std::vector<int64_t>& ids) {
  CountedDocument out;
  out.doc_id = doc_id;
  out.mentions.mentions.reserve(analysis.mentions.size());
  for (const Mention& m : analysis.mentions) {
    if (m.ambiguous()) continue;
    Mention& c = out.mentions.mentions.emplace_back();
    const int64_t id = ids[static_cast<size_t>(m.entity)];
    if (id < 0 || id > INT32_MAX) {
      throw Error("entity id " + std::to_string(id) + " is too large to count", kExitInternal);
    }
    c.entity = static_cast<int32_t>(id);
    c.sentence = m.sentence;
    c.paragraph = m.paragraph;
  }
  return out;
}

CountingThread::CountingThread(EdgeCounter* counter) : counter_(counter), thread_([this] { Run(); }) {}

CountingThread::~CountingThread() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CountingThread::Add(std::vector<CountedDocument> batch) {
  const size_t mentions = Mentions(batch);
  std::unique_lock<std::mutex> lock(mu_);
  // One batch is always let in, however large: a document of a million mentions must pass.
  changed_.wait(lock, [&] { return failure_ || waiting_ == 0 || waiting_ + mentions <= kMostWaiting; });
  if (failure_) std::rethrow_exception(failure_);
  waiting_ += mentions;
  queue_.push_back(std::move(batch));
  changed_.notify_all();
}

void CountingThread::WaitUntilCounted(std::unique_lock<std::mutex>& lock) {
  changed_.wait(lock, [&] { return failure_ || (queue_.empty() && !counting_); });
}

void CountingThread::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  WaitUntilCounted(lock);
  if (failure_) std::rethrow_exception(failure_);
}

void CountingThread::Finish() {
  std::unique_lock<std::mutex> lock(mu_);
  WaitUntilCounted(lock);
  stop_ = true;
  changed_.notify_all();
  lock.unlock();
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(failure_);
}

void CountingThread::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopped
    std::vector<CountedDocument> batch = std::move(queue_.front());
    queue_.pop_front();
    counting_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      for (const CountedDocument& d : batch) counter_->Add(d.mentions, d.doc_id);
    } catch (...) {
      error = std::current_exception();
    }
    const size_t mentions = Mentions(batch);
    batch.clear();  // freed here, not under the lock
    lock.lock();
    counting_ = false;
    waiting_ -= mentions;
    if (error && !failure_) failure_ = error;
    changed_.notify_all();
    if (failure_) return;
  }
}

}  // namespace entgraph
