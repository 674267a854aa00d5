// A one-line progress report on stderr for long work: documents done, megabytes done of all, speed
// and time left. Shown only when stderr is a terminal and not silenced, so logs and pipes stay
// clean; cleared before anything else is printed, so that no line starts after it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "store/indexer.h"

namespace entgraph::cli {

// The report's line at `rate` bytes a second (0: not known yet), such as
// "[3/10 documents] 12.5 of 200.0 MB  95.1 MB/s  2 s left". The time left is reckoned from the
// bytes, since documents differ in size; a corpus under a megabyte is counted in kilobytes.
std::string ProgressLine(const ProgressReport& report, double rate);

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Redraws the line, at most ten times a second.
  void Update(const ProgressReport& report);
  // Clears the line, if shown: before a warning or the summary, which would otherwise start after
  // it on the terminal (stdout and stderr are often the same one). The next Update redraws it.
  void Clear();

 private:
  bool enabled_;
  // The speed is measured from the first report on, not from the start: what comes before it
  // (the dictionary, the entities' rows) is no measure of the rest.
  std::chrono::steady_clock::time_point first_, last_;
  uint64_t first_bytes_ = 0;
  bool started_ = false, shown_ = false;
};

}  // namespace entgraph::cli
