#include "document/corpus.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/utf8.h"

namespace entgraph {
namespace fs = std::filesystem;
namespace {

bool MatchesAny(const fs::path& file, const std::vector<std::string>& globs) {
  const std::string name = file.filename().string();
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return fnmatch(g.c_str(), name.c_str(), 0) == 0; });
}

void ListFolder(const fs::path& root, const CorpusOptions& options, const WarningSink& warn,
                std::vector<fs::path>* out) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && MatchesAny(it->path(), options.globs)) found.push_back(it->path());
  }
  if (ec) warn("cannot list all of '" + root.string() + "': " + ec.message());
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
}

}  // namespace

std::vector<fs::path> ListCorpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                                 const WarningSink& warn, std::vector<uintmax_t>* sizes) {
  std::vector<fs::path> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (!fs::exists(st)) {
      throw Error("corpus path '" + p + "' does not exist: give files or folders of .txt/.md documents");
    }
    if (fs::is_directory(st)) {
      ListFolder(p, options, warn, &files);
    } else {
      files.emplace_back(p);
    }
  }
  // A file is known by its device and inode, whatever path names it (one stat; resolving each
  // path, as fs::weakly_canonical does, was five system calls a file and a tenth of extract's
  // time on 16,000 short documents). One that cannot be stat'ed is known by its path, and
  // reported when read.
  std::set<std::pair<dev_t, ino_t>> seen_files;
  std::set<std::string> seen_paths;
  std::vector<fs::path> unique;
  if (sizes != nullptr) sizes->clear();
  for (auto& f : files) {
    struct stat st;
    const bool sized = ::stat(f.c_str(), &st) == 0;
    const bool fresh = sized ? seen_files.insert({st.st_dev, st.st_ino}).second
                             : seen_paths.insert(f.lexically_normal().string()).second;
    if (!fresh) continue;
    unique.push_back(std::move(f));
    if (sizes != nullptr) sizes->push_back(sized ? static_cast<uintmax_t>(st.st_size) : 0);
  }
  return unique;
}

std::vector<uintmax_t> FileSizes(const std::vector<fs::path>& files) {
  std::vector<uintmax_t> sizes(files.size(), 0);
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(files[i], ec);
    if (!ec) sizes[i] = size;
  }
  return sizes;
}

namespace {

// A mapped file that another program truncates turns reads past its new end into SIGBUS. Says
// what happened instead of "Bus error", as an input error: nothing was written (a build commits
// only at its end), and running again once the files are complete is the fix.
void OnBusError(int) {
  static const char kMessage[] =
      "entgraph: a corpus file shrank while it was being read (is another program writing it?); "
      "stopped, and a database being built was left as it was. Run again once the files are complete.\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(kExitBadInput);
}

void GuardMappedFiles() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_handler = OnBusError;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
  });
}

// Files from this size on are mapped instead of read (below it, mapping and unmapping cost more
// than the copy, and unmapping interrupts the other threads to flush their address translations).
constexpr size_t kMapFrom = size_t{8} << 20;

// A file's bytes read into memory of our own, not zeroed first (a std::string is: zeroing every
// buffer before reading into it took a quarter of extract's time on 16,000 short files).
struct ReadBuffer {
  std::shared_ptr<char[]> data;
  size_t size = 0;
};

// Reads fd whole into *out, sized for `size` bytes: all of them, fewer if the file shrank, more if
// it grew. False on a read error (errno says which).
bool ReadInto(int fd, size_t size, ReadBuffer* out) {
  size_t capacity = std::max<size_t>(size, 1);
  std::shared_ptr<char[]> data(new char[capacity]);
  size_t have = 0;
  for (;;) {
    if (have == capacity) {  // grew since fstat
      capacity = 2 * capacity;
      std::shared_ptr<char[]> bigger(new char[capacity]);
      std::memcpy(bigger.get(), data.get(), have);
      data = std::move(bigger);
    }
    const ssize_t n = ::read(fd, data.get() + have, capacity - have);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    have += static_cast<size_t>(n);
  }
  out->data = std::move(data);
  out->size = have;
  return true;
}

// The whole file as a view and the storage that holds it, or false with the reason in *why.
bool ReadAll(const fs::path& path, Document* doc, std::string* why) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *why = std::strerror(errno);
    return false;
  }
  struct stat st;
  const bool stat_ok = ::fstat(fd, &st) == 0;
  if (!stat_ok || !S_ISREG(st.st_mode)) {
    *why = !stat_ok ? std::strerror(errno) : S_ISDIR(st.st_mode) ? "it is a folder" : "it is not a regular file";
    ::close(fd);
    return false;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size >= kMapFrom) {
    GuardMappedFiles();
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      ::close(fd);
      ::madvise(p, size, MADV_SEQUENTIAL);  // read once, front to back: read ahead, drop behind
      doc->text = std::string_view(static_cast<const char*>(p), size);
      doc->storage = std::shared_ptr<const void>(p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
      return true;
    }
  }
  ReadBuffer buffer;
  const bool ok = ReadInto(fd, size, &buffer);
  if (!ok) *why = std::strerror(errno);
  ::close(fd);
  if (!ok) return false;
  doc->text = std::string_view(buffer.data.get(), buffer.size);
  doc->storage = std::move(buffer.data);
  return true;
}

// utf8::FindInvalid of a document; a large one's two halves are checked at once, cut at the first
// byte of a character: this runs before recognition starts, while the recognizing threads wait,
// and for a 200 MB file it was 30 ms (the first reading of every page of the mapping).
size_t FindInvalidUtf8(std::string_view text) {
  if (text.size() < kMapFrom || std::thread::hardware_concurrency() < 2) return utf8::FindInvalid(text);
  size_t cut = text.size() / 2;
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  std::future<size_t> second =
      std::async(std::launch::async, [text, cut] { return utf8::FindInvalid(text.substr(cut)); });
  const size_t first = utf8::FindInvalid(text.substr(0, cut));
  const size_t later = second.get();
  if (first != std::string_view::npos) return first;
  return later == std::string_view::npos ? later : cut + later;
}

}  // namespace

std::optional<Document> ReadDocument(const fs::path& path, const WarningSink& warn) {
  std::string why;
  Document doc{path.string(), {}, nullptr};
  if (!ReadAll(path, &doc, &why)) {
    warn(path.string() + ": cannot read the file (" + why + "); skipped");
    return std::nullopt;
  }
  const std::string_view head = doc.text.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) {
    warn(path.string() + ": looks like a binary file (it has NUL bytes); skipped");
    return std::nullopt;
  }
  if (size_t bad = FindInvalidUtf8(doc.text); bad != std::string_view::npos) {
    const size_t count = utf8::CountInvalid(doc.text);
    warn(path.string() + ": not valid UTF-8 at byte " + std::to_string(bad) +
         (count > 1 ? " (and " + std::to_string(count - 1) + " more places)" : "") +
         "; those bytes are read as U+FFFD and offsets still point into the file");
  }
  return doc;
}

}  // namespace entgraph
