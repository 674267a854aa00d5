// One error style for the whole code base: fallible operations throw entgraph::Error, and main()
// catches it once, prints "entgraph: <message>" and exits with the error's code.
#pragma once

#include <stdexcept>
#include <string>

namespace entgraph {

// Exit codes documented in README.md.
enum ExitCode : int {
  kExitResult = 0,      // a result was printed
  kExitEmpty = 1,       // the query ran and found nothing (no path, no neighbours, lint findings)
  kExitBadInput = 2,    // bad usage or bad input: the message says what to fix
  kExitInternal = 3,    // an unexpected failure (I/O error, SQLite error); the message says which
};

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, int exit_code = kExitBadInput)
      : std::runtime_error(std::move(message)), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace entgraph
