#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace entgraph::cli {

Progress::Progress(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
}

void Progress::Update(size_t done, size_t total, size_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(bytes) / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0;
  const double left = done > 0 ? seconds * static_cast<double>(total - done) / static_cast<double>(done) : 0;
  std::fprintf(stderr, "\r\033[K[%zu/%zu documents] %.1f MB  %.1f MB/s  %.0f s left", done, total, mb, rate, left);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace entgraph::cli
