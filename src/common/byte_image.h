// Flat byte images of in-memory tables, written and read back by the same build of entgraph.
//
// The compiled dictionary cache (recognizer/compiled_dictionary.h) keeps a matcher's tables as
// they are in memory: a vector of plain structs is its length and its bytes. No attempt is made to
// be portable across machines or builds: an image is only ever read by the binary that wrote it
// (the cache's key holds the binary's build id), so a layout change can never be misread.
#pragma once

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace entgraph {

// Asks the kernel to back [p, p + bytes) with huge pages where it covers whole ones. A table
// copied out of an image is tens of megabytes of fresh memory, and faulting it in 4 KB at a time
// cost more than the copy.
inline void AdviseHugePages(const void* p, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Makes *v empty with room for n elements, in memory advised as huge pages before it is first
// touched.
template <typename T>
void ReserveFresh(std::vector<T>* v, size_t n) {
  std::vector<T>().swap(*v);
  v->reserve(n);
  AdviseHugePages(v->data(), n * sizeof(T));
}

// Makes *v hold n default elements, in memory advised as huge pages before it is first touched.
template <typename T>
void ResizeFresh(std::vector<T>* v, size_t n) {
  ReserveFresh(v, n);
  v->resize(n);
}

// Writes an image to a sink a buffer at a time (a gazetteer's image is hundreds of megabytes,
// which should not be held in memory beside the tables it copies); a large vector goes to the
// sink straight from its memory. Call Flush() at the end.
class ByteWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit ByteWriter(Sink sink) : sink_(std::move(sink)) {}
  // Appends to *out.
  explicit ByteWriter(std::string* out) : sink_([out](std::string_view b) { out->append(b); }) {}
  ~ByteWriter() { Flush(); }
  ByteWriter(const ByteWriter&) = delete;
  ByteWriter& operator=(const ByteWriter&) = delete;

  template <typename T>
  void Pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put(std::string_view(reinterpret_cast<const char*>(&v), sizeof v));
  }
  void Bytes(std::string_view s) {
    Pod<uint64_t>(s.size());
    Put(s);
  }
  template <typename T>
  void Vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Pod<uint64_t>(v.size());
    Put(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  }
  void Bools(const std::vector<bool>& v) {
    Pod<uint64_t>(v.size());
    for (bool b : v) Put(b ? std::string_view("\1", 1) : std::string_view("\0", 1));
  }
  void Strings(const std::vector<std::string>& v) {
    Pod<uint64_t>(v.size());
    for (const std::string& s : v) Bytes(s);
  }
  void Flush() {
    if (!buffer_.empty()) sink_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr size_t kBuffer = 1 << 20;
  void Put(std::string_view b) {
    if (buffer_.size() + b.size() <= kBuffer) {
      buffer_.append(b);
      return;
    }
    Flush();
    if (b.size() >= kBuffer / 2) {
      sink_(b);
    } else {
      buffer_.append(b);
    }
  }

  Sink sink_;
  std::string buffer_;
};

// Reads what a ByteWriter wrote, in the same order. Reading past the end throws ImageError: a
// truncated or foreign image is refused, never read out of bounds.
class ByteReader {
 public:
  struct ImageError : std::runtime_error {
    ImageError() : std::runtime_error("truncated image") {}
  };

  explicit ByteReader(std::string_view in) : in_(in), size_(in.size()) {}
  // Calls done(bytes read so far) after each vector is copied out, so that the caller may let go
  // of what is behind it (CompiledDictionary unmaps it).
  void OnVectorRead(std::function<void(size_t)> done) { done_ = std::move(done); }

  template <typename T>
  T Pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    std::memcpy(&v, Take(sizeof v), sizeof v);
    return v;
  }
  std::string_view Bytes() {
    const size_t n = Size(1);
    return std::string_view(Take(n), n);
  }
  template <typename T>
  void Vector(std::vector<T>* v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const size_t n = Size(sizeof(T));
    ResizeFresh(v, n);
    if (n) std::memcpy(v->data(), Take(n * sizeof(T)), n * sizeof(T));
    if (done_) done_(size_ - in_.size());
  }
  void Bools(std::vector<bool>* v) {
    const size_t n = Size(1);
    const char* p = Take(n);
    v->assign(n, false);
    for (size_t i = 0; i < n; ++i) (*v)[i] = p[i] != 0;
  }
  void Strings(std::vector<std::string>* v) {
    const size_t n = Size(sizeof(uint64_t));
    v->clear();
    v->reserve(n);
    for (size_t i = 0; i < n; ++i) v->emplace_back(Bytes());
  }

  size_t left() const { return in_.size(); }

 private:
  // A count of items of at least `item` bytes each, refused when they cannot all be there.
  size_t Size(size_t item) {
    const auto n = Pod<uint64_t>();
    if (n > in_.size() / item) throw ImageError();
    return static_cast<size_t>(n);
  }
  const char* Take(size_t n) {
    if (n > in_.size()) throw ImageError();
    const char* p = in_.data();
    in_.remove_prefix(n);
    return p;
  }

  std::string_view in_;
  size_t size_;
  std::function<void(size_t)> done_;
};

}  // namespace entgraph
