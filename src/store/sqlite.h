// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters (SQL is never built from data), and transactions. Every failure throws
// entgraph::Error naming the database file and what SQLite said.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace entgraph::sql {

class Statement;

class Database {
 public:
  enum class Mode { kReadOnly, kReadWriteCreate };

  // Opens `path`. Throws entgraph::Error (exit 2) when it cannot be opened in that mode.
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that take no parameters and return no rows.
  void Exec(std::string_view sql);
  Statement Prepare(std::string_view sql);
  // The same, prepared once for this connection and kept: for statements run once a document,
  // whose preparing was a tenth of building 16,000 short documents. Returned reset, its parameters
  // unbound; the reference stays valid while the connection is open. Not for two uses at once.
  Statement& Cached(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // Throws the error SQLite reported for `rc`, with `what` saying what was being done.
  [[noreturn]] void Fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cached_;
};

class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1. Text and blobs are copied by SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  // Text not copied: `text` must stay valid until the statement is run or the parameter bound
  // anew (Run() unbinds it). For rows of many short strings, such as a dictionary's entities,
  // where copying each was a tenth of the work.
  Statement& BindInPlace(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  // Not copied: `bytes` must stay valid until the statement is finalized or the parameter bound
  // anew. For a document's text (a 200 MB file was copied whole before it went into pages).
  Statement& BindBlobInPlace(int index, std::string_view bytes);
  // `size` zero bytes, to be overwritten through a Blob once the row is in. SQLite builds a row in
  // memory before it stores it, so a 200 MB value bound as bytes is copied whole first; a zeroblob
  // is not.
  Statement& BindZeroBlob(int index, uint64_t size);
  Statement& BindNull(int index);

  // Steps once: true when a row is available, false when done.
  bool Step();
  // Steps to the end (for statements that return no rows), then resets for the next use.
  void Run();
  void Reset();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string_view Text(int column) const;

 private:
  Statement& Checked(int rc);

  Database* db_;
  sqlite3_stmt* stmt_;
};

// One BLOB of one row, read or written in place (incremental I/O): a long document's text goes in
// a range at a time, from wherever it is, and an excerpt of it is read without the rest.
class Blob {
 public:
  enum class Mode { kRead, kWrite };
  // The value of `column` in row `rowid` of `table`. To be written, it must already be as long
  // as what will be written (Statement::BindZeroBlob).
  Blob(Database& db, const char* table, const char* column, int64_t rowid, Mode mode);
  ~Blob() { sqlite3_blob_close(blob_); }
  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;

  // Moves to row `rowid` of the same table and column (cheaper than opening another).
  void Reopen(int64_t rowid);
  size_t size() const { return static_cast<size_t>(sqlite3_blob_bytes(blob_)); }
  // Copies `n` bytes from `offset` on to `out`; offset + n must not pass the value's end.
  void Read(size_t offset, size_t n, char* out) const;
  // Overwrites the bytes from `offset` on; offset + bytes.size() must not pass the value's end.
  void Write(size_t offset, std::string_view bytes);

 private:
  Database* db_;
  sqlite3_blob* blob_ = nullptr;
};

// Commits on Commit(); rolls back when destroyed without it (on an exception, for instance).
class Transaction {
 public:
  explicit Transaction(Database& db, bool immediate = true);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace entgraph::sql
