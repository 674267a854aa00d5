// entgraph export: the graph as GraphML, GEXF, Neo4j CSV or node-link JSON.
#include <iostream>

#include "cli/commands.h"
#include "cli/query_options.h"
#include "common/error.h"
#include "common/file_output.h"
#include "common/utf8.h"
#include "render/export.h"

namespace entgraph::cli {
namespace {

struct ExportFlags {
  QueryFlags query;
  std::string format;
  std::string output;
  bool quiet = false;
};

int RunExport(const ExportFlags& f) {
  QueryContext q = OpenQuery(f.query);
  const ExportFormat format = *ParseExportFormat(f.format);
  std::vector<std::string> written;
  if (format == ExportFormat::kCsv) {
    const std::filesystem::path dir = f.output.empty() ? "output/csv" : f.output;
    const CsvFiles files = ToNeo4jCsv(q.graph);
    WriteFileAtomically(dir / "nodes.csv", files.nodes);
    WriteFileAtomically(dir / "relationships.csv", files.relationships);
    written = {(dir / "nodes.csv").string(), (dir / "relationships.csv").string()};
  } else {
    const std::string path = f.output.empty() ? "output/graph." + f.format : f.output;
    WriteFileAtomically(path, format == ExportFormat::kGraphml ? ToGraphml(q.graph)
                              : format == ExportFormat::kGexf  ? ToGexf(q.graph)
                                                               : ToNodeLinkJson(q.graph));
    written = {path};
  }
  if (!f.quiet) {
    for (const auto& w : written) std::cerr << "entgraph: wrote " << utf8::ForTerminal(w) << "\n";
  }
  return kExitResult;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand("export", "Write the graph for Gephi, Cytoscape, networkx or Neo4j");
  cmd->add_option("--format", f->format, "graphml, gexf, csv (Neo4j bulk import) or json (node-link)")
      ->required()
      ->check(CLI::IsMember({"graphml", "gexf", "csv", "json"}));
  cmd->add_option("--db", f->query.db, "Database file (default: $ENTGRAPH_DB or output/entgraph.db)");
  cmd->add_option("--scope", f->query.scope, "Unit that links two entities")
      ->check(CLI::IsMember({"sentence", "paragraph", "document"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", f->output,
                  "Output file (default output/graph.FORMAT); for csv a folder (default output/csv)");
  cmd->add_flag("-q,--quiet", f->quiet, "No messages on stderr");
  cmd->callback([f, exit_code] { *exit_code = RunExport(*f); });
}

}  // namespace entgraph::cli
