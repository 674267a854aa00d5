// Runs the real entgraph binary for end-to-end tests and captures what a user would see.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace entgraph::testing {

struct RunResult {
  int exit_code = -1;  // the process's exit status, or 128 + signal
  std::string out;
  std::string err;
  long out_pipe_size = 0;  // the size of the pipe on its standard output when output first came
};

struct RunOptions {
  std::filesystem::path cwd;                                // empty: the test's own
  std::vector<std::pair<std::string, std::string>> env;     // added to the environment
  std::string input;                                        // written to standard input
  // Standard output and error both go to a pseudo-terminal, as in a user's shell; what the
  // terminal was sent (line ends as "\r\n") is in RunResult::out, and err stays empty.
  bool terminal = false;
  // With `terminal`: standard output goes into this file instead (as `> file` in a user's shell);
  // only standard error is on the terminal.
  std::filesystem::path stdout_file;
  // ENTGRAPH_CACHE_DIR is set to a folder of the build tree unless `env` sets it.
};

// Runs `entgraph` (the binary this build made) with `args`.
RunResult RunEntgraph(const std::vector<std::string>& args, const RunOptions& options = {});

// True when this machine can open a pseudo-terminal (RunOptions::terminal needs one).
bool TerminalAvailable();

// The lines a terminal shows for what it was sent: each line as left after its carriage returns
// and its "erase to the end of the line" sequences (what a progress line uses to redraw itself).
std::vector<std::string> ScreenLines(const std::string& sent);

// Starts `entgraph` with `args` without waiting; stdout and stderr go to /dev/null. Returns the pid.
int SpawnEntgraph(const std::vector<std::string>& args, const RunOptions& options = {});
// Waits for a spawned process; returns its exit status, or 128 + signal.
int WaitFor(int pid);

// The whole file at `path` (empty when it cannot be read).
std::string Slurp(const std::filesystem::path& path);

// The path of the project's source tree (for dictionaries/, sample/, tests/fixtures/).
std::filesystem::path SourceDir();

// A fresh empty folder under the system's temporary folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/name (creating folders) and returns the full path.
  std::filesystem::path Write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace entgraph::testing
