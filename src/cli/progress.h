// A one-line progress report on stderr for long work: documents done, megabytes read, speed and
// time left. Shown only when stderr is a terminal and not silenced, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstddef>

namespace entgraph::cli {

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(size_t done, size_t total, size_t bytes);

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
  bool shown_ = false;
};

}  // namespace entgraph::cli
