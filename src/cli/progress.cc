#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace entgraph::cli {

std::string ProgressLine(const ProgressReport& r, double rate) {
  char line[160];
  // Kilobytes for a corpus under a megabyte, which would be "0.0 of 0.3 MB".
  const bool kb = r.total_bytes < 1'000'000;
  const double unit = kb ? 1e3 : 1e6;
  int n = std::snprintf(line, sizeof line, "[%zu/%zu documents] %.1f of %.1f %s", r.done, r.total,
                        static_cast<double>(r.bytes) / unit, static_cast<double>(r.total_bytes) / unit,
                        kb ? "KB" : "MB");
  std::string out(line, static_cast<size_t>(n));
  if (rate <= 0) return out;
  const uint64_t rest = r.total_bytes - std::min(r.bytes, r.total_bytes);
  const auto left = static_cast<long long>(static_cast<double>(rest) / rate + 0.5);
  if (left < 60) {
    n = std::snprintf(line, sizeof line, "  %.1f MB/s  %lld s left", rate / 1e6, left);
  } else {
    n = std::snprintf(line, sizeof line, "  %.1f MB/s  %lld min %02lld s left", rate / 1e6, left / 60, left % 60);
  }
  out.append(line, static_cast<size_t>(n));
  return out;
}

Progress::Progress(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}

Progress::~Progress() { Clear(); }

void Progress::Update(const ProgressReport& report) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!started_) {
    started_ = true;
    first_ = now;
    first_bytes_ = report.bytes;
  } else if (shown_ && now - last_ < std::chrono::milliseconds(100) && report.done < report.total) {
    return;
  }
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - first_).count();
  const double rate = seconds > 0 ? static_cast<double>(report.bytes - first_bytes_) / seconds : 0;
  std::fprintf(stderr, "\r\033[K%s", ProgressLine(report, rate).c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace entgraph::cli
