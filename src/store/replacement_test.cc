#include "store/replacement.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "common/error.h"
#include "testing/run.h"

namespace entgraph {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Fills the new database with an empty schema whose meta table says `marker`.
void Fill(Replacement& r, const std::string& marker) {
  Store& store = r.store();
  sql::Transaction tx(store.db());
  store.Reset();
  store.SetMeta("marker", marker);
  tx.Commit();
}

std::string Marker(const fs::path& db) { return Store::OpenForReading(db.string()).Meta("marker").value_or(""); }

// An entgraph database at `db` saying `marker`, as a build writes it.
void Old(const fs::path& db, const std::string& marker) {
  Replacement r(db.string());
  Fill(r, marker);
  r.Install();
}

std::set<std::string> Files(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

std::string IntegrityCheck(const fs::path& db) {
  sql::Database raw(db.string(), sql::Database::Mode::kReadOnly);
  auto q = raw.Prepare("PRAGMA integrity_check");
  return q.Step() ? std::string(q.Text(0)) : "";
}

// A connection to `db` whose uncheckpointed pages are left in its WAL when it closes, as they
// are when a process is killed.
struct WalLeftBehind {
  explicit WalLeftBehind(const fs::path& db) : raw(db.string(), sql::Database::Mode::kReadWriteCreate) {
    sqlite3_db_config(raw.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    raw.Exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0");
  }
  sql::Database raw;
};

TEST(ReplacementTest, ANewDatabaseAppearsWholeWithNothingBesideIt) {
  TempDir dir;
  const fs::path db = dir.path() / "out" / "g.db";
  Replacement r(db.string());
  Fill(r, "new");
  EXPECT_FALSE(fs::exists(db));  // nothing at the path until it is complete
  EXPECT_TRUE(r.Install());
  EXPECT_EQ(Files(db.parent_path()), std::set<std::string>{"g.db"});
  EXPECT_EQ(Marker(db), "new");
  sql::Database raw(db.string(), sql::Database::Mode::kReadOnly);
  auto mode = raw.Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.Step());
  EXPECT_EQ(mode.Text(0), "wal");  // queries read while a later writer works
}

TEST(ReplacementTest, ABuildThatStopsLeavesTheOldDatabaseAndNoNewFile) {
  TempDir dir;
  const fs::path db = dir.path() / "g.db";
  Old(db, "old");
  {
    Replacement r(db.string());
    Fill(r, "new");
    EXPECT_TRUE(fs::exists(r.new_file()));
  }
  EXPECT_EQ(Marker(db), "old");
  for (const std::string& f : Files(dir.path())) EXPECT_EQ(f.find(".build-"), std::string::npos) << f;
}

TEST(ReplacementTest, MovesInOverAnOldDatabaseWhosePagesWaitInItsWal) {
  TempDir dir;
  const fs::path db = dir.path() / "g.db";
  Old(db, "old");
  Replacement r(db.string());
  {  // a writer of the old database, killed while the build ran
    WalLeftBehind old(db);
    old.raw.Exec("UPDATE meta SET value = 'old, changed' WHERE key = 'marker'");
  }
  ASSERT_GT(fs::file_size(db.string() + "-wal"), 0u);
  Fill(r, "new");
  EXPECT_TRUE(r.Install());
  // Had the old WAL stayed beside the new file, its pages would have been read into it.
  EXPECT_EQ(Marker(db), "new");
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

TEST(ReplacementTest, TheWalOfADeletedDatabaseIsNotReadIntoTheNewOne) {
  TempDir dir;
  const fs::path db = dir.path() / "g.db";
  Old(db, "old");
  {
    WalLeftBehind old(db);
    old.raw.Exec("CREATE TABLE filler(x); INSERT INTO filler VALUES(randomblob(300000))");
  }
  fs::remove(db);
  ASSERT_GT(fs::file_size(db.string() + "-wal"), 0u);
  Replacement r(db.string());
  Fill(r, "new");
  EXPECT_TRUE(r.Install());
  EXPECT_EQ(Marker(db), "new");
  EXPECT_EQ(IntegrityCheck(db), "ok");
  EXPECT_EQ(Store::OpenForReading(db.string()).Count("SELECT count(*) FROM sqlite_schema WHERE name = 'filler'"), 0u);
}

TEST(ReplacementTest, CopiesIntoADatabaseThatAReaderHoldsOpen) {
  TempDir dir;
  const fs::path db = dir.path() / "g.db";
  Old(db, "old");
  setenv("ENTGRAPH_BUSY_TIMEOUT_MS", "50", 1);
  sql::Database reader(db.string(), sql::Database::Mode::kReadOnly);
  reader.Exec("BEGIN");
  auto read = [&] {
    auto q = reader.Prepare("SELECT value FROM meta WHERE key = 'marker'");
    return q.Step() ? std::string(q.Text(0)) : "";
  };
  EXPECT_EQ(read(), "old");
  Replacement r(db.string());
  Fill(r, "new");
  EXPECT_FALSE(r.Install());
  unsetenv("ENTGRAPH_BUSY_TIMEOUT_MS");
  EXPECT_EQ(read(), "old");  // the reader's view holds until its transaction ends
  reader.Exec("COMMIT");
  EXPECT_EQ(read(), "new");
  EXPECT_EQ(IntegrityCheck(db), "ok");
  EXPECT_FALSE(fs::exists(r.new_file()));
}

TEST(ReplacementTest, RemovesWhatKilledBuildsLeftAndKeepsARunningBuildsFile) {
  TempDir dir;
  const fs::path db = dir.path() / "g.db";
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  ASSERT_GT(gone, 0);
  waitpid(gone, nullptr, 0);
  const std::string killed = "g.db.build-" + std::to_string(gone);
  const std::string running = "g.db.build-" + std::to_string(getppid());
  dir.Write(killed, "half a database");
  dir.Write(running, "another build's");
  dir.Write("other.db.build-1", "not this database's");
  Replacement r(db.string());
  const std::set<std::string> files = Files(dir.path());
  EXPECT_EQ(files.count(killed), 0u);
  EXPECT_EQ(files.count(running), 1u);
  EXPECT_EQ(files.count("other.db.build-1"), 1u);
}

TEST(ReplacementTest, KeepsTheOldFilesModeAndALinkToIt) {
  TempDir dir;
  const fs::path real = dir.path() / "real.db", link = dir.path() / "link.db";
  Old(real, "old");
  fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::create_symlink(real, link);
  Old(link, "new");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Marker(real), "new");
  EXPECT_EQ(fs::status(real).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST(ReplacementTest, RefusesAFileThatIsNotADatabaseAndLeavesIt) {
  TempDir dir;
  const fs::path notes = dir.Write("notes.txt", "my notes, not a database\n");
  try {
    Replacement r(notes.string());
    FAIL() << "a text file was accepted as a database";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitBadInput);
    EXPECT_NE(std::string(e.what()).find("is not an entgraph database"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Files(dir.path()), std::set<std::string>{"notes.txt"});
  std::ifstream in(notes);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "my notes, not a database\n");
}

}  // namespace
}  // namespace entgraph
