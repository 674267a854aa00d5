#include "store/replacement.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace entgraph {
namespace {

namespace fs = std::filesystem;

// The new file is named after the database and the process writing it, so that a build can tell
// a killed build's file (its process gone) from a running one's.
constexpr std::string_view kNewSuffix = ".build-";

fs::path NewFileName(const fs::path& path, pid_t pid) {
  return path.parent_path() / (path.filename().string() + std::string(kNewSuffix) + std::to_string(pid));
}

// Removes the files that builds of `path` left when they were killed.
void RemoveLeftovers(const fs::path& path) {
  const std::string prefix = path.filename().string() + std::string(kNewSuffix);
  std::error_code ec;
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) fs::remove(entry.path(), ec);
  }
}

// Forces a file's data, or a folder's entries, to the disk.
void Sync(const fs::path& path, bool folder) {
  const int fd = ::open(path.empty() ? "." : path.c_str(), O_RDONLY | (folder ? O_DIRECTORY : 0));
  if (fd < 0 || (::fsync(fd) != 0 && !folder)) {  // some file systems cannot sync a folder
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw Error("cannot write '" + path.string() + "' to the disk: " + why, kExitInternal);
  }
  ::close(fd);
}

// Runs `sql` on `db`; false when another connection's lock stopped it (after the busy timeout).
bool RunUnlessBusy(sql::Database& db, const char* sql) {
  const int rc = sqlite3_exec(db.handle(), sql, nullptr, nullptr, nullptr);
  if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) return false;
  if (rc != SQLITE_OK) db.Fail(rc, std::string("cannot run '") + sql + "'");
  return true;
}

}  // namespace

Replacement::Replacement(const std::string& path) : path_(path) {
  std::error_code ec;
  // A link to a database is kept: what it points to (which may not exist yet) is replaced.
  if (fs::is_symlink(path_, ec)) {
    const fs::path target = fs::read_symlink(path_, ec);
    if (!ec) path_ = target.is_absolute() ? target : path_.parent_path() / target;
  }
  if (!path_.parent_path().empty()) fs::create_directories(path_.parent_path(), ec);
  const int page_size = Store::CheckReplaceable(path_.string());
  RemoveLeftovers(path_);
  new_file_ = NewFileName(path_, ::getpid());
  store_.emplace(Store::CreateForBuild(new_file_.string(), page_size));
}

Replacement::~Replacement() {
  if (installed_) return;
  store_.reset();
  std::error_code ec;
  fs::remove(new_file_, ec);
}

void Replacement::StartWriteback() {
  const int fd = ::open(new_file_.c_str(), O_RDONLY);
  if (fd < 0) return;  // a hint: Install syncs the file, and says why if it cannot
  ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  ::close(fd);
}

bool Replacement::Install() {
  // Queries open the database in WAL mode, as every other entgraph database; the WAL made now is
  // empty and goes when the connection closes.
  store_->db().Exec("PRAGMA journal_mode=WAL");
  store_.reset();
  Sync(new_file_, false);
  std::error_code ec;
  // Mode bits of the file replaced (a database shared by a group stays shared).
  const fs::file_status old = fs::status(path_, ec);
  if (!ec && fs::exists(old)) fs::permissions(new_file_, old.permissions(), ec);
  const bool moved = MoveIn();
  if (!moved) CopyIn();
  installed_ = true;
  return moved;
}

bool Replacement::MoveIn() {
  std::error_code ec;
  std::optional<sql::Database> old;
  if (fs::exists(path_, ec)) {
    // Out of WAL mode (which SQLite allows only to a connection alone with the file; its WAL is
    // checkpointed and removed), under an exclusive lock that the connection's locking mode keeps
    // until it closes, after the new file is in place. Whoever opened the old file meanwhile
    // reads it as it was; writing to it fails, as SQLite refuses to write to a file that moved.
    old.emplace(path_.string(), sql::Database::Mode::kReadWriteCreate);
    old->Exec("PRAGMA locking_mode=EXCLUSIVE");
    if (!RunUnlessBusy(*old, "PRAGMA journal_mode=DELETE") || !RunUnlessBusy(*old, "BEGIN EXCLUSIVE")) return false;
    auto mode = old->Prepare("PRAGMA journal_mode");
    if (!mode.Step() || mode.Text(0) != "delete") return false;
  } else {
    // A WAL or journal left by a database deleted before its last connection closed would be
    // read as the new database's (SQLite finds them by name).
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path_.string() + suffix, ec);
  }
  if (::rename(new_file_.c_str(), path_.c_str()) != 0) {
    throw Error("cannot move the new database '" + new_file_.string() + "' to '" + path_.string() +
                    "': " + std::strerror(errno),
                kExitInternal);
  }
  Sync(path_.parent_path(), true);
  return true;  // the old connection closes, its lock with it
}

void Replacement::CopyIn() {
  {
    sql::Database from(new_file_.string(), sql::Database::Mode::kReadOnly);
    sql::Database to(path_.string(), sql::Database::Mode::kReadWriteCreate);
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr) to.Fail(sqlite3_errcode(to.handle()), "cannot copy the new database in");
    sqlite3_backup_step(backup, -1);
    const int rc = sqlite3_backup_finish(backup);
    if (rc != SQLITE_OK) to.Fail(rc, "cannot copy the new database in");
  }
  std::error_code ec;
  fs::remove(new_file_, ec);
}

}  // namespace entgraph
