// The subcommands. Each Add*Command registers one subcommand and its options on `app`; its
// callback runs the command and stores the exit code in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

namespace entgraph::cli {

void AddExtractCommand(CLI::App& app, int* exit_code);
void AddBuildCommands(CLI::App& app, int* exit_code);     // build, add, refresh
void AddPathCommand(CLI::App& app, int* exit_code);
void AddExploreCommands(CLI::App& app, int* exit_code);   // neighbors, evidence, entities, top, stats
void AddRenderCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddDictCommands(CLI::App& app, int* exit_code);      // dict lint, add, alias, suggest

}  // namespace entgraph::cli
