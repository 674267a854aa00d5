// entgraph build, add and refresh: make and update the database.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/progress.h"
#include "common/error.h"
#include "store/indexer.h"
#include "store/store.h"

namespace entgraph::cli {
namespace {

struct IndexFlags {
  std::string dict = "dictionaries";
  std::vector<std::string> corpus;
  std::vector<std::string> globs;
  std::string db;
  bool json = false;
  bool quiet = false;
  size_t threads = 0;
};

void PrintSummary(const std::string& what, const std::string& db, const IndexSummary& s, bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["database"] = db;
    j["documents"] = s.documents;
    j["read"] = s.read;
    j["added"] = s.added;
    j["duplicates"] = s.duplicates;
    j["mentions"] = s.mentions;
    j["ambiguous"] = s.ambiguous;
    j["entities_found"] = s.entities_found;
    j["entities_in_dictionary"] = s.entities_known;
    j["edges"] = {{"sentence", s.edges[0]}, {"paragraph", s.edges[1]}};
    j["seconds"] = s.seconds;
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::printf("%s %s in %.2f s\n", what.c_str(), db.c_str(), s.seconds);
  std::printf("  documents  %zu in the database (%zu read, %zu added, %zu duplicates skipped)\n", s.documents,
              s.read, s.added, s.duplicates);
  std::printf("  mentions   %zu (%zu ambiguous mentions met, linked to no entity)\n", s.mentions, s.ambiguous);
  std::printf("  entities   %zu found / %zu in the dictionary\n", s.entities_found, s.entities_known);
  // Document links are not stored but worked out when asked; counting them costs what a query of
  // the whole document graph costs (see graph/document_links.h).
  std::printf("  edges      %zu sentence, %zu paragraph (document links: 'entgraph stats --scope document')\n",
              s.edges[0], s.edges[1]);
}

IndexOptions MakeOptions(const IndexFlags& f, Progress* progress) {
  IndexOptions o;
  o.threads = f.threads;
  // A warning clears the progress line first, so that it starts a line of its own.
  o.warn = [progress, warn = StderrWarnings(f.quiet)](const std::string& w) {
    progress->Clear();
    warn(w);
  };
  o.progress = [progress](const ProgressReport& report) { progress->Update(report); };
  return o;
}

void AddCommonFlags(CLI::App* cmd, IndexFlags* f) {
  cmd->add_option("--db", f->db, "Database file (default: $ENTGRAPH_DB or output/entgraph.db)");
  cmd->add_flag("--json", f->json, "Print the summary as JSON");
  cmd->add_flag("-q,--quiet", f->quiet, "No progress or warnings on stderr");
  cmd->add_option("--threads", f->threads, "Threads to recognize with (default: one per core); same result");
}

}  // namespace

void AddBuildCommands(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<IndexFlags>();
  CLI::App* build = app.add_subcommand(
      "build", "Recognize the corpus and store its co-occurrence graph (any scope can be asked) in a new database");
  build->add_option("--dict", f->dict, "Dictionary .tsv file or folder")->capture_default_str();
  build->add_option("--corpus", f->corpus, "Files and folders of documents")->required();
  build->add_option("--glob", f->globs, "File-name pattern for folders (repeatable; default *.txt and *.md)");
  AddCommonFlags(build, f.get());
  build->callback([f, exit_code] {
    // A first file long enough to be read in pieces is read while the dictionary loads.
    CorpusListing listing(f->corpus, f->globs, f->quiet, IndexOptions().long_file_bytes);
    CompiledDictionary compiled = LoadDictionary(f->dict, f->quiet);
    const auto files = listing.Files();
    const std::string db = DatabasePath(f->db);
    Progress progress(!f->quiet);
    IndexOptions options = MakeOptions(*f, &progress);
    options.file_sizes = listing.sizes();
    options.read_long = [&listing](const std::string& path, const WarningSink& w) {
      return listing.Read(path, w);
    };
    const IndexSummary s = Build(db, compiled.dictionary(), files, options, [&compiled] { return compiled.TakeMatcher(); });
    progress.Clear();  // the summary starts a line of its own
    PrintSummary("built", db, s, f->json);
    *exit_code = kExitResult;
  });

  auto a = std::make_shared<IndexFlags>();
  CLI::App* add = app.add_subcommand("add", "Add documents to an existing database (same text: skipped)");
  add->add_option("files", a->corpus, "Files and folders of documents")->required();
  add->add_option("--glob", a->globs, "File-name pattern for folders (repeatable; default *.txt and *.md)");
  AddCommonFlags(add, a.get());
  add->callback([a, exit_code] {
    CorpusListing listing(a->corpus, a->globs, a->quiet);
    const auto files = listing.Files();
    const std::string db = DatabasePath(a->db);
    Progress progress(!a->quiet);
    IndexOptions options = MakeOptions(*a, &progress);
    options.file_sizes = listing.sizes();
    const IndexSummary s = Add(db, files, options);
    progress.Clear();
    PrintSummary("updated", db, s, a->json);
    *exit_code = kExitResult;
  });

  auto r = std::make_shared<IndexFlags>();
  CLI::App* refresh = app.add_subcommand(
      "refresh", "Apply a changed dictionary to the stored documents, re-reading only those it can affect");
  refresh->add_option("--dict", r->dict, "Dictionary .tsv file or folder")->capture_default_str();
  AddCommonFlags(refresh, r.get());
  refresh->callback([r, exit_code] {
    CompiledDictionary compiled = LoadDictionary(r->dict, r->quiet);
    const std::string db = DatabasePath(r->db);
    Progress progress(!r->quiet);
    const IndexSummary s = Refresh(db, compiled.dictionary(), MakeOptions(*r, &progress),
                                   [&compiled] { return compiled.TakeMatcher(); });
    progress.Clear();
    PrintSummary("refreshed", db, s, r->json);
    *exit_code = kExitResult;
  });
}

}  // namespace entgraph::cli
