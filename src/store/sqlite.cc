#include "store/sqlite.h"

#include <cstdlib>
#include <mutex>

#include "common/error.h"

namespace entgraph::sql {

Database::Database(const std::string& path, Mode mode) : path_(path) {
  // SQLite counts the memory it allocates under a global lock, on every allocation, for
  // sqlite3_memory_used(), which nothing here asks; off, a build of many documents spends less
  // time locking. Only possible before SQLite initializes, so before the first connection.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open database '" + path + "': " + why +
                (mode == Mode::kReadOnly ? " (run 'entgraph build' first, or give --db)" : ""));
  }
  // Wait for another writer instead of failing at once (a concurrent 'add', for instance).
  // ENTGRAPH_BUSY_TIMEOUT_MS changes how long (tests make it short).
  const char* timeout = std::getenv("ENTGRAPH_BUSY_TIMEOUT_MS");
  sqlite3_busy_timeout(db_, timeout ? std::atoi(timeout) : 30000);
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  cached_.clear();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

void Database::Fail(int rc, std::string_view what) const {
  std::string message = "database '" + path_ + "': " + std::string(what) + ": " + sqlite3_errmsg(db_);
  if (rc == SQLITE_READONLY_DBMOVED) {
    throw Error("database '" + path_ + "' was replaced by a build while this ran: run the command again");
  }
  switch (rc & 0xFF) {
    case SQLITE_NOTADB:
      throw Error("'" + path_ + "' is not an entgraph database (not an SQLite file): give another --db "
                  "path, or move that file away");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(message + " (another entgraph is writing to it; try again when it has finished)");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      throw Error(message + " (check that the file and its folder are writable)");
    case SQLITE_CORRUPT:
      throw Error(message + " (the file is damaged: rebuild it with 'entgraph build')");
    case SQLITE_TOOBIG:
      throw Error(message + " (more than SQLite stores in one value: split the input into smaller files)");
    case SQLITE_FULL:
      throw Error(message + " (the disk is full)", kExitInternal);
    default:
      throw Error(message, kExitInternal);
  }
}

void Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) Fail(rc, "cannot run '" + std::string(sql.substr(0, 60)) + "'");
}

Statement Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) Fail(rc, "cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  return Statement(*this, stmt);
}

Statement& Database::Cached(const std::string& sql) {
  auto it = cached_.find(sql);
  if (it == cached_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) Fail(rc, "cannot prepare '" + sql.substr(0, 60) + "'");
    it = cached_.emplace(sql, std::make_unique<Statement>(*this, stmt)).first;
  }
  it->second->Reset();  // a use that ended in an error, or a query left before its last row
  return *it->second;
}

// A value that cannot be bound (one longer than SQLite stores) must not go in as NULL.
Statement& Statement::Checked(int rc) {
  if (rc != SQLITE_OK) db_->Fail(rc, "cannot bind a value");
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  return Checked(sqlite3_bind_int64(stmt_, index, value));
}

Statement& Statement::Bind(int index, double value) {
  return Checked(sqlite3_bind_double(stmt_, index, value));
}

Statement& Statement::Bind(int index, std::string_view text) {
  return Checked(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Statement& Statement::BindInPlace(int index, std::string_view text) {
  return Checked(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  return Checked(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
}

Statement& Statement::BindBlobInPlace(int index, std::string_view bytes) {
  return Checked(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC));
}

Statement& Statement::BindZeroBlob(int index, uint64_t size) {
  return Checked(sqlite3_bind_zeroblob64(stmt_, index, size));
}

Statement& Statement::BindNull(int index) {
  return Checked(sqlite3_bind_null(stmt_, index));
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->Fail(rc, "query failed");
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string_view(p, static_cast<size_t>(n)) : std::string_view();
}

Blob::Blob(Database& db, const char* table, const char* column, int64_t rowid, Mode mode) : db_(&db) {
  const int rc = sqlite3_blob_open(db.handle(), "main", table, column, rowid, mode == Mode::kWrite ? 1 : 0, &blob_);
  if (rc != SQLITE_OK) db.Fail(rc, std::string("cannot open ") + table + "." + column + " of row " + std::to_string(rowid));
}

void Blob::Reopen(int64_t rowid) {
  const int rc = sqlite3_blob_reopen(blob_, rowid);
  if (rc != SQLITE_OK) db_->Fail(rc, "cannot open the stored value of row " + std::to_string(rowid));
}

// SQLite's values are at most 2^31 - 1 bytes (1,000,000,000 by default), so offsets fit an int.
void Blob::Read(size_t offset, size_t n, char* out) const {
  const int rc = sqlite3_blob_read(blob_, out, static_cast<int>(n), static_cast<int>(offset));
  if (rc != SQLITE_OK) db_->Fail(rc, "cannot read a stored value");
}

void Blob::Write(size_t offset, std::string_view bytes) {
  const int rc = sqlite3_blob_write(blob_, bytes.data(), static_cast<int>(bytes.size()), static_cast<int>(offset));
  if (rc != SQLITE_OK) db_->Fail(rc, "cannot write a stored value in place");
}

Transaction::Transaction(Database& db, bool immediate) : db_(db) {
  db_.Exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace entgraph::sql
