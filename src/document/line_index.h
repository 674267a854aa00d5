// Turns byte offsets into 1-based line and column numbers (the column counts bytes, as ripgrep and
// compilers do), for offsets asked in increasing order.
#pragma once

#include <algorithm>
#include <cstring>
#include <string_view>

namespace entgraph {

class LineCounter {
 public:
  explicit LineCounter(std::string_view text = {}) : text_(text) {}
  // Starts at byte `pos` of `text`, which is on line `line`, a line that begins at `line_start`.
  LineCounter(std::string_view text, size_t pos, size_t line, size_t line_start)
      : text_(text), pos_(pos), line_(line), line_start_(line_start) {}

  struct Position {
    size_t line, column;
  };

  // REQUIRES: offsets passed to successive calls never decrease.
  Position At(size_t offset) {
    const size_t limit = std::min(offset, text_.size());
    while (pos_ < limit) {
      // Offsets come a few to a line: the next newline is looked for a little past the one asked
      // (each byte is still read once), so that the offsets before it cost no search.
      if (next_ == kUnknown) {
        const size_t window = std::min(text_.size(), std::max(limit, pos_ + kLookAhead));
        const void* nl = std::memchr(text_.data() + pos_, '\n', window - pos_);
        if (nl == nullptr) {
          pos_ = window;
          break;
        }
        next_ = static_cast<size_t>(static_cast<const char*>(nl) - text_.data());
      }
      if (next_ >= limit) break;
      ++line_;
      pos_ = line_start_ = next_ + 1;
      next_ = kUnknown;
    }
    return Position{line_, offset - line_start_ + 1};
  }

 private:
  static constexpr size_t kUnknown = static_cast<size_t>(-1);
  static constexpr size_t kLookAhead = 512;

  std::string_view text_;
  size_t pos_ = 0;          // the bytes before pos_ are counted
  size_t next_ = kUnknown;  // the first newline at or after pos_, when it has been found
  size_t line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace entgraph
