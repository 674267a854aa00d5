#include "document/corpus.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <filesystem>
#include <future>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>
#include <tuple>

#include "common/error.h"
#include "common/utf8.h"

namespace entgraph {
namespace fs = std::filesystem;
namespace {

bool MatchesAny(const char* name, const std::vector<std::string>& globs) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return fnmatch(g.c_str(), name, 0) == 0; });
}

// A file as listed, with what one stat said of it.
struct Listed {
  std::string path;
  bool sized = false;  // stat succeeded: dev, ino and size are set
  dev_t dev = 0;
  ino_t ino = 0;
  uintmax_t size = 0;
};

// Stats `name` (following a link) beside the folder open as dir_fd; returns its mode, 0 if the
// stat failed.
mode_t StatInto(int dir_fd, const char* name, Listed* file) {
  struct stat st;
  file->sized = ::fstatat(dir_fd, name, &st, 0) == 0;
  if (!file->sized) return 0;
  file->dev = st.st_dev, file->ino = st.st_ino, file->size = static_cast<uintmax_t>(st.st_size);
  return st.st_mode;
}

// Walks one folder and, in name order, the folders below it, appending the files that match the
// globs to *out: the order of sorting the whole paths (names compared folder by folder, as
// std::filesystem::path compares), without building and comparing a path object per file.
// Symbolic links are followed to files, not to folders (so that link loops cannot trap the walk).
// Each file is stat'ed beside its folder's open descriptor while the folder is read: on 16,000
// short documents, std::filesystem's iterator, a sort of path objects and a stat of every whole
// path took 48 ms on a thread of its own, and recognition waited for it.
// The first error goes to *error; a subfolder that may not be read is passed over in silence,
// as `find` users of a corpus shared with other accounts expect.
void WalkFolder(const std::string& folder, bool top, const std::vector<std::string>& globs, std::vector<Listed>* out,
                std::string* error) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) {
    if ((top || errno != EACCES) && error->empty()) *error = "'" + folder + "': " + std::strerror(errno);
    return;
  }
  const int fd = ::dirfd(dir);
  const std::string prefix = folder.back() == '/' ? folder : folder + '/';
  struct Entry {
    std::string name;
    bool folder;
    Listed file;
  };
  std::vector<Entry> entries;
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(dir);
    if (e == nullptr) {
      if (errno != 0 && error->empty()) *error = "'" + folder + "': " + std::strerror(errno);
      break;
    }
    const char* name = e->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {  // some file systems do not say: ask, without following a link
      struct stat st;
      if (::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      entries.push_back({name, true, {}});
    } else if ((type == DT_REG || type == DT_LNK) && MatchesAny(name, globs)) {
      Entry entry{name, false, {}};
      const mode_t mode = StatInto(fd, name, &entry.file);
      // A link counts if it leads to a file; one that leads nowhere is left out.
      if (type == DT_LNK && !S_ISREG(mode)) continue;
      entries.push_back(std::move(entry));
    }
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (Entry& entry : entries) {
    if (entry.folder) {
      WalkFolder(prefix + entry.name, false, globs, out, error);
    } else {
      entry.file.path = prefix + entry.name;
      out->push_back(std::move(entry.file));
    }
  }
}

}  // namespace

std::vector<std::string> ListCorpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                                    const WarningSink& warn, std::vector<uintmax_t>* sizes) {
  std::vector<Listed> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (!fs::exists(st)) {
      throw Error("corpus path '" + p + "' does not exist: give files or folders of .txt/.md documents");
    }
    if (fs::is_directory(st)) {
      std::string error;
      WalkFolder(p, true, options.globs, &files, &error);
      if (!error.empty()) warn("cannot list all of '" + p + "': " + error);
    } else {
      Listed file{p};
      StatInto(AT_FDCWD, p.c_str(), &file);
      files.push_back(std::move(file));
    }
  }
  // A file is known by its device and inode, whatever path names it (resolving each path, as
  // fs::weakly_canonical does, was five system calls a file and a tenth of extract's time on
  // 16,000 short documents), and listed under the path met first. One that cannot be stat'ed is
  // known by its path, and reported when read.
  std::vector<size_t> order(files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Listed &x = files[a], &y = files[b];
    return std::tie(x.sized, x.dev, x.ino, a) < std::tie(y.sized, y.dev, y.ino, b);
  });
  std::vector<char> repeated(files.size(), 0);
  for (size_t k = 1; k < order.size(); ++k) {
    const Listed &x = files[order[k - 1]], &y = files[order[k]];
    repeated[order[k]] = x.sized && y.sized && x.dev == y.dev && x.ino == y.ino;
  }
  std::set<std::string> seen_paths;
  std::vector<std::string> unique;
  if (sizes != nullptr) sizes->clear();
  for (size_t i = 0; i < files.size(); ++i) {
    Listed& f = files[i];
    if (repeated[i] || (!f.sized && !seen_paths.insert(fs::path(f.path).lexically_normal().string()).second)) continue;
    if (sizes != nullptr) sizes->push_back(f.size);
    unique.emplace_back(std::move(f.path));
  }
  return unique;
}

std::vector<uintmax_t> FileSizes(const std::vector<std::string>& files) {
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
bool ReadAll(const std::string& path, Document* doc, std::string* why) {
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

std::optional<Document> ReadDocument(const std::string& path, const WarningSink& warn) {
  std::string why;
  Document doc{path, {}, nullptr};
  if (!ReadAll(path, &doc, &why)) {
    warn(path + ": cannot read the file (" + why + "); skipped");
    return std::nullopt;
  }
  const std::string_view head = doc.text.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) {
    warn(path + ": looks like a binary file (it has NUL bytes); skipped");
    return std::nullopt;
  }
  if (size_t bad = FindInvalidUtf8(doc.text); bad != std::string_view::npos) {
    const size_t count = utf8::CountInvalid(doc.text);
    warn(path + ": not valid UTF-8 at byte " + std::to_string(bad) +
         (count > 1 ? " (and " + std::to_string(count - 1) + " more places)" : "") +
         "; those bytes are read as U+FFFD and offsets still point into the file");
  }
  return doc;
}

}  // namespace entgraph
