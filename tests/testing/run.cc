#include "testing/run.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>

namespace entgraph::testing {

std::filesystem::path SourceDir() { return ENTGRAPH_SOURCE_DIR; }

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text;
}

namespace {

// The compiled dictionary cache of every run goes to the build tree, not the user's home, unless
// a test sets its own; then the test's variables.
void SetTestEnvironment(const RunOptions& options) {
  setenv("ENTGRAPH_CACHE_DIR", ENTGRAPH_TEST_CACHE_DIR, 1);
  for (const auto& [k, v] : options.env) setenv(k.c_str(), v.c_str(), 1);
}

// In a forked child: enters options.cwd, sets the environment, and becomes entgraph with `args`.
[[noreturn]] void ExecEntgraph(const std::vector<std::string>& args, const RunOptions& options) {
  if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
  SetTestEnvironment(options);
  std::string binary = ENTGRAPH_BINARY;
  std::vector<std::string> copy = args;
  std::vector<char*> argv{binary.data()};
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

// Forks a child whose stdin, stdout and stderr are `in`, `out` and `err`, which closes the
// descriptors of `close_in_child` (above 2) and becomes entgraph with `args`; returns its pid.
pid_t ForkEntgraph(int in, int out, int err, std::initializer_list<int> close_in_child,
                   const std::vector<std::string>& args, const RunOptions& options) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (int fd : close_in_child) {
      if (fd > 2) close(fd);
    }
    ExecEntgraph(args, options);
  }
  return pid;
}

// RunEntgraph with both outputs on a pseudo-terminal (no input), or standard output into
// options.stdout_file.
RunResult RunOnTerminal(const std::vector<std::string>& args, const RunOptions& options) {
  int terminal = -1, child_side = -1;
  if (openpty(&terminal, &child_side, nullptr, nullptr, nullptr) != 0) throw std::runtime_error("openpty failed");
  const int null = open("/dev/null", O_RDONLY);
  const int out = options.stdout_file.empty()
                      ? child_side
                      : open(options.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) throw std::runtime_error("cannot create " + options.stdout_file.string());
  const pid_t pid = ForkEntgraph(null, out, child_side, {null, child_side, terminal, out}, args, options);
  close(null);
  if (out != child_side) close(out);
  close(child_side);
  RunResult r;
  char buf[65536];
  for (;;) {  // until the child's side closes: EIO on Linux
    const ssize_t n = read(terminal, buf, sizeof buf);
    if (n <= 0) break;
    r.out.append(buf, static_cast<size_t>(n));
  }
  close(terminal);
  r.exit_code = WaitFor(pid);
  return r;
}

}  // namespace

bool TerminalAvailable() {
  int terminal = -1, child_side = -1;
  if (openpty(&terminal, &child_side, nullptr, nullptr, nullptr) != 0) return false;
  close(terminal);
  close(child_side);
  return true;
}

std::vector<std::string> ScreenLines(const std::string& sent) {
  std::vector<std::string> lines(1);
  size_t column = 0;
  for (size_t i = 0; i < sent.size(); ++i) {
    std::string& line = lines.back();
    if (sent.compare(i, 3, "\033[K") == 0) {
      line.resize(std::min(line.size(), column));
      i += 2;
    } else if (sent[i] == '\r') {
      column = 0;
    } else if (sent[i] == '\n') {
      lines.emplace_back();
      column = 0;
    } else {
      if (column < line.size()) {
        line[column] = sent[i];
      } else {
        line += sent[i];
      }
      ++column;
    }
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

RunResult RunEntgraph(const std::vector<std::string>& args, const RunOptions& options) {
  if (options.terminal) return RunOnTerminal(args, options);
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ForkEntgraph(in_pipe[0], out_pipe[1], err_pipe[1],
                                {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}, args,
                                options);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Feed stdin, then read both outputs until they close.
  if (!options.input.empty()) {
    const char* p = options.input.data();
    size_t left = options.input.size();
    while (left > 0) {
      ssize_t n = write(in_pipe[1], p, left);
      if (n <= 0) break;
      p += n;
      left -= static_cast<size_t>(n);
    }
  }
  close(in_pipe[1]);
  RunResult r;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        if (i == 0 && r.out.empty()) r.out_pipe_size = fcntl(fds[i].fd, F_GETPIPE_SZ);
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  r.exit_code = WaitFor(pid);
  return r;
}

int SpawnEntgraph(const std::vector<std::string>& args, const RunOptions& options) {
  const int null = open("/dev/null", O_RDWR);
  const pid_t pid = ForkEntgraph(null, null, null, {null}, args, options);
  close(null);
  return pid;
}

int WaitFor(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "entgraph_test_XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::Write(const std::string& name, const std::string& text) const {
  const std::filesystem::path p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

}  // namespace entgraph::testing
