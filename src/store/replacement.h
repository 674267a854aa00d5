// A database written beside the one it replaces and moved over it once complete: how
// `entgraph build` writes.
//
// A build replaces everything, so nothing of the old database needs to be kept in the new file's
// pages. Written in place, inside one transaction, every page went to the WAL first and was
// copied into the file at the commit: for 200 MB of text, 240 MB written twice, and a fifth of
// the build's time. Written into a file of its own, with nothing to journal (the file starts
// empty), every page is written once; a build that fails or is killed leaves the old database as
// it was (and, when killed, a file `NAME.build-PID` beside it that the next build removes).
//
// Moving the new file over the old one is safe only when no other connection has the old one
// open (SQLite finds a WAL and its index by the database's name). Install takes the old file out
// of WAL mode and holds an exclusive lock on it while it moves the new one in: both need every
// other connection gone, so it waits for them as any writer does. When one stays open longer
// (a long query), the new database is copied into the old one instead (SQLite's online backup,
// one transaction; the open reader keeps its view): slower, as a build in place was, but
// nothing waits.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "store/store.h"

namespace entgraph {

class Replacement {
 public:
  // Checks that `path` is absent, empty or an entgraph database of any schema, and creates the new
  // database beside it (and the folder, if needed). Throws entgraph::Error (exit 2) when `path`
  // is something else.
  explicit Replacement(const std::string& path);
  // Removes the new file unless Install has put it in place.
  ~Replacement();
  Replacement(const Replacement&) = delete;
  Replacement& operator=(const Replacement&) = delete;

  // The new database, for a build to fill and commit.
  Store& store() { return *store_; }
  // Makes the new database durable and puts it in the old one's place (closing store()). Returns
  // true when it was moved in, false when it was copied into an old database held open by another
  // connection.
  bool Install();
  // Starts writing what the new file holds so far to the disk, without waiting for it: done
  // while a build still has work to do, Install's wait for the disk is shorter.
  void StartWriteback();

  // The file the new database is written to until Install.
  const std::filesystem::path& new_file() const { return new_file_; }

 private:
  // Moves new_file_ over path_, whose other connections must be gone; false when some stay.
  bool MoveIn();
  void CopyIn();

  std::filesystem::path path_;
  std::filesystem::path new_file_;
  std::optional<Store> store_;
  bool installed_ = false;
};

}  // namespace entgraph
