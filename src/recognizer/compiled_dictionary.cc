#include "recognizer/compiled_dictionary.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uversion.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace entgraph {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[16] = "entgraph-dict 2";

// The matcher's image starts at a multiple of this, so that it can be mapped on its own (a page
// of any size Linux uses) and read on another thread while the dictionary's is read.
constexpr uint64_t kPartAlign = 1 << 16;

// A cache file: this header, the dictionary's image, zeros up to matcher_offset, the matcher's image.
struct Header {
  char magic[16];
  uint64_t key_low, key_high;   // the dictionary files' key (CompiledDictionary::Key)
  uint64_t matcher_offset;      // a multiple of kPartAlign
  uint64_t size;                // the file's bytes
  uint64_t dict_size;           // the dictionary image's bytes, after the header
  uint64_t dict_checksum;       // XXH3 of the dictionary's image
  uint64_t matcher_checksum;    // XXH3 of the matcher's image (the rest of the file)
};

// A matcher read from its part of a cache file, or null when the part is damaged. Each table's
// pages are unmapped once it is copied out.
std::unique_ptr<Matcher> ReadMatcher(MappedImage part, uint64_t checksum) {
  if (XXH3_64bits(part.bytes().data(), part.bytes().size()) != checksum) return nullptr;
  try {
    ByteReader r(part.bytes());
    r.OnVectorRead([&part](size_t read) { part.ReleaseBefore(read); });
    std::unique_ptr<Matcher> matcher = Matcher::ReadImage(&r);
    if (r.left() == 0) return matcher;
  } catch (const ByteReader::ImageError&) {
  }
  return nullptr;
}

// The GNU build id of the program: the linker's hash of everything it linked, so that two builds
// share it only when they are the same code. Empty when the program has none (no cache then).
std::string BuildId() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              static_cast<std::string*>(out)->assign(desc, note.n_descsz);
              return 1;
            }
            p = next;
          }
        }
        return 1;  // the first object listed is the program itself: look no further
      },
      &id);
  return id;
}

// One cache file a dictionary path, so that editing a dictionary replaces its compiled form
// instead of adding one.
fs::path CacheFileName(const fs::path& dict_path) {
  std::error_code ec;
  const std::string where = fs::absolute(dict_path, ec).lexically_normal().string();
  char name[40];
  std::snprintf(name, sizeof name, "dict-%016llx.bin",
                static_cast<unsigned long long>(XXH3_64bits(where.data(), where.size())));
  return name;
}

// Removes the least recently used compiled dictionaries beyond DictionaryCache::kKeep, and
// temporary files a day old (left by a process killed while writing).
void Prune(const fs::path& folder) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> kept;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("dict-", 0) != 0) continue;
    const auto time = entry.last_write_time(ec);
    if (ec) continue;
    if (name.find(".tmp.") != std::string::npos) {
      if (now - time > std::chrono::hours(24)) fs::remove(entry.path(), ec);
    } else if (name.ends_with(".bin")) {
      kept.emplace_back(time, entry.path());
    }
  }
  if (kept.size() <= DictionaryCache::kKeep) return;
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = DictionaryCache::kKeep; i < kept.size(); ++i) fs::remove(kept[i].second, ec);
}

bool ReadAll(int fd, char* p, size_t n, off_t at) {
  while (n > 0) {
    const ssize_t got = pread(fd, p, n, at);
    if (got <= 0) return false;
    p += got;
    n -= static_cast<size_t>(got);
    at += got;
  }
  return true;
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t put = write(fd, p, n);
    if (put <= 0) return false;
    p += put;
    n -= static_cast<size_t>(put);
  }
  return true;
}

}  // namespace

DictionaryCache DictionaryCache::FromEnvironment() {
  if (const char* dir = std::getenv("ENTGRAPH_CACHE_DIR")) {
    if (*dir == '\0' || std::string_view(dir) == "off") return {};
    return {dir};
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return {fs::path(xdg) / "entgraph"};
  if (const char* home = std::getenv("HOME"); home && *home) return {fs::path(home) / ".cache" / "entgraph"};
  return {};
}

CompiledDictionary CompiledDictionary::Load(const fs::path& path, const DictionaryCache& cache) {
  CompiledDictionary c;
  const std::vector<fs::path> files = DictionaryFiles(path);
  std::vector<std::string> texts;
  texts.reserve(files.size());
  for (const fs::path& f : files) texts.push_back(ReadDictionaryFile(f));
  const std::string build_id = cache.folder.empty() ? std::string() : BuildId();
  if (!build_id.empty()) {
    c.file_ = cache.folder / CacheFileName(path);
    c.key_ = KeyOf(build_id, files, texts);
    if (c.ReadCached()) return c;
  }
  for (size_t i = 0; i < files.size(); ++i) c.dict_.Parse(texts[i], files[i].string());
  return c;
}

bool CompiledDictionary::ReadCached() {
  const int fd = open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  Header h;
  struct stat st;
  const bool whole = ReadAll(fd, reinterpret_cast<char*>(&h), sizeof h, 0) &&
                     std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.key_low == key_.low &&
                     h.key_high == key_.high && fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_size) == h.size &&
                     h.matcher_offset % kPartAlign == 0 && h.matcher_offset >= sizeof h &&
                     h.dict_size <= h.matcher_offset - sizeof h && h.matcher_offset < h.size;
  MappedImage dict_part, matcher_part;
  if (whole) {
    dict_part = MappedImage::Map(fd, 0, sizeof h + h.dict_size);
    matcher_part = MappedImage::Map(fd, h.matcher_offset, h.size - h.matcher_offset);
    if (dict_part.mapped() && matcher_part.mapped()) futimens(fd, nullptr);  // used now: the last to be pruned
  }
  close(fd);
  if (!dict_part.mapped() || !matcher_part.mapped()) return false;
  // The two parts are read at once: the matcher's tables on a thread of their own.
  cached_matcher_ = std::async(std::launch::async, ReadMatcher, std::move(matcher_part), h.matcher_checksum);
  const std::string_view image = dict_part.bytes().substr(sizeof h);
  if (XXH3_64bits(image.data(), image.size()) == h.dict_checksum) {
    try {
      ByteReader r(image);
      dict_ = Dictionary::ReadImage(&r);
      if (r.left() == 0) {
        dict_from_cache_ = true;
        return true;
      }
    } catch (const ByteReader::ImageError&) {
    }
  }
  // A damaged dictionary part: parsed from the files (by the caller), and the file rewritten
  // once the matcher is had.
  dict_ = Dictionary();
  return false;
}

std::unique_ptr<Matcher> CompiledDictionary::TakeMatcher() {
  std::unique_ptr<Matcher> matcher = cached_matcher_.valid() ? cached_matcher_.get() : nullptr;
  matcher_from_cache_ = matcher != nullptr;
  if (!matcher) matcher = std::make_unique<Matcher>(dict_);
  if (!from_cache()) Save(*matcher);  // a first load, or a damaged part: the file made whole
  return matcher;
}

CompiledDictionary::Key CompiledDictionary::KeyOf(const std::string& build_id, const std::vector<fs::path>& files,
                                                  const std::vector<std::string>& texts) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  const auto add = [state](std::string_view part) {
    const uint64_t n = part.size();  // each part's length first: no two lists of parts hash alike
    XXH3_128bits_update(state, &n, sizeof n);
    XXH3_128bits_update(state, part.data(), part.size());
  };
  add(std::string_view(kMagic, sizeof kMagic));
  add(build_id);
  UVersionInfo icu;
  u_getVersion(icu);  // ICU's case folding and word rules shape the keys
  add(std::string_view(reinterpret_cast<const char*>(icu), sizeof icu));
  for (size_t i = 0; i < files.size(); ++i) {
    add(files[i].string());  // the entities' FILE:LINE name it as given
    add(texts[i]);
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return {h.low64, h.high64};
}

MappedImage& MappedImage::operator=(MappedImage&& o) noexcept {
  if (this != &o) {
    this->~MappedImage();
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    released_ = std::exchange(o.released_, 0);
  }
  return *this;
}

MappedImage::~MappedImage() {
  if (data_ && released_ < size_) munmap(const_cast<char*>(data_ + released_), size_ - released_);
}

void MappedImage::ReleaseBefore(size_t offset) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t end = std::min(offset, size_) / page * page;
  if (!data_ || end <= released_) return;
  munmap(const_cast<char*>(data_ + released_), end - released_);
  released_ = end;
}

MappedImage MappedImage::Map(int fd, uint64_t offset, size_t size) {
  MappedImage m;
  // Populated at once: the image is read whole, and faulting its pages in one by one cost more
  // than reading them.
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(offset));
  if (p == MAP_FAILED) return m;
  m.data_ = static_cast<const char*>(p);
  m.size_ = size;
  return m;
}

void CompiledDictionary::Save(const Matcher& matcher) const {
  if (file_.empty()) return;
  // Written beside its name and renamed over it: a reader sees the old file or the new, whole.
  // Not WriteFileAtomically (common/file_output.h), which takes the bytes whole and throws: a
  // gazetteer's image is hundreds of megabytes, streamed here, and a cache that cannot be written
  // is no error.
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  fs::path temp = file_;
  temp += ".tmp." + std::to_string(getpid());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  // The images stream out behind room for the header, which is written last, once their sizes
  // and checksums are known.
  Header h{};
  bool written = lseek(fd, sizeof h, SEEK_SET) == static_cast<off_t>(sizeof h);
  uint64_t at = sizeof h;
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  {
    ByteWriter w([&](std::string_view bytes) {
      XXH3_64bits_update(state, bytes.data(), bytes.size());
      at += bytes.size();
      written = written && WriteAll(fd, bytes.data(), bytes.size());
    });
    dict_.WriteImage(&w);
    w.Flush();
    h.dict_size = at - sizeof h;
    h.dict_checksum = XXH3_64bits_digest(state);
    h.matcher_offset = (at + kPartAlign - 1) / kPartAlign * kPartAlign;
    written = written && lseek(fd, static_cast<off_t>(h.matcher_offset), SEEK_SET) == static_cast<off_t>(h.matcher_offset);
    at = h.matcher_offset;
    XXH3_64bits_reset(state);
    matcher.WriteImage(&w);
  }
  h.size = at;
  h.matcher_checksum = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.key_low = key_.low;
  h.key_high = key_.high;
  written = written && pwrite(fd, &h, sizeof h, 0) == static_cast<ssize_t>(sizeof h);
  if (close(fd) == 0 && written && std::rename(temp.c_str(), file_.c_str()) == 0) {
    Prune(file_.parent_path());
  } else {
    fs::remove(temp, ec);
  }
}

}  // namespace entgraph
