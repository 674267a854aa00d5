// entgraph: who is connected to whom in a pile of documents. main() only wires the subcommands and
// turns errors into messages and exit codes (see README.md for the codes).
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "common/error.h"

int main(int argc, char** argv) {
  CLI::App app{"entgraph: find people, organizations and projects in documents, link those that "
               "occur together, and ask how they are connected."};
  app.set_version_flag("--version", ENTGRAPH_VERSION);
  app.require_subcommand(1);
  int exit_code = entgraph::kExitResult;
  entgraph::cli::AddExtractCommand(app, &exit_code);
  entgraph::cli::AddBuildCommands(app, &exit_code);
  entgraph::cli::AddPathCommand(app, &exit_code);
  entgraph::cli::AddExploreCommands(app, &exit_code);
  entgraph::cli::AddRenderCommand(app, &exit_code);
  entgraph::cli::AddExportCommand(app, &exit_code);
  entgraph::cli::AddDictCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return entgraph::kExitBadInput;
  } catch (const entgraph::Error& e) {
    std::cerr << "entgraph: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "entgraph: unexpected error: " << e.what() << "\n";
    return entgraph::kExitInternal;
  }
  return exit_code;
}
