// entgraph extract: print every mention of the dictionary's entities in the corpus.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/mention_output.h"
#include "cli/progress.h"
#include "common/error.h"
#include "common/output_pipe.h"
#include "recognizer/parallel.h"

namespace entgraph::cli {
namespace {

struct ExtractOptions {
  std::string dict;
  std::vector<std::string> corpus;
  std::vector<std::string> globs;
  bool json = false;
  bool with_filename = false;
  bool no_filename = false;
  bool quiet = false;
  size_t threads = 0;
};

// Whether a line names its file. As grep and ripgrep do: not when the corpus is one file named
// directly, where the name would be the same on every line (most of the output's bytes for a
// long file, which the pipe then copies); always for a folder, as `grep -r` does, however few
// files it holds.
bool ShowFileNames(const ExtractOptions& opt) {
  if (opt.with_filename || opt.no_filename) return opt.with_filename;
  std::error_code ec;
  return opt.corpus.size() != 1 || std::filesystem::is_directory(opt.corpus.front(), ec);
}

// Whether the output goes into a file (or /dev/null): then a progress line on a terminal is
// useful, and breaks nothing. Not when it goes to the terminal, whose lines are the progress, nor
// into a pipe, whose reader (less, grep, head) may be writing to the same terminal.
bool OutputIntoAFile() {
  struct stat st {};
  if (fstat(STDOUT_FILENO, &st) != 0) return false;
  return S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && !isatty(STDOUT_FILENO));
}

// Ends the process: see ExitWithoutTeardown.
[[noreturn]] void RunExtract(const ExtractOptions& opt) {
  // A first file long enough to be cut into pieces is read while the dictionary loads.
  CorpusListing listing(opt.corpus, opt.globs, opt.quiet, ParallelRecognizer::kItemBytes);
  CompiledDictionary compiled = LoadDictionary(opt.dict, opt.quiet);
  const Dictionary& dict = compiled.dictionary();
  const std::unique_ptr<const Matcher> matcher = compiled.TakeMatcher();
  ParallelRecognizer recognizer(*matcher, opt.threads);
  // What is printed after each mention of an entity: made for an entity when it is first printed,
  // on each thread.
  const PerEntityText::Make entity_text = opt.json ? AppendEntityJsonFields : AppendEntitySuffix;
  const bool show_path = ShowFileNames(opt);
  size_t documents = 0, mentions = 0, ambiguous = 0;
  const std::vector<std::string> files = listing.Files();
  // Progress on a terminal (stderr) while the output goes into a file.
  Progress progress(!opt.quiet && OutputIntoAFile());
  ProgressReport report;
  report.total = files.size();
  report.total_bytes = std::accumulate(listing.sizes().begin(), listing.sizes().end(), uint64_t{0});
  size_t piece_begin = 0;  // where the piece being written begins in its document
  // A warning clears the progress line first, so that it starts a line of its own.
  const WarningSink warn = [&progress, warn = StderrWarnings(opt.quiet)](const std::string& w) {
    progress.Clear();
    warn(w);
  };
  WidenOutputPipe(fileno(stdout));
  // Output is formatted on the threads that recognized each piece of a document, into one buffer
  // per piece, and written in order: mentions can number in the millions, and formatting them on
  // one thread would cost more than finding them.
  RecognizeFilesInPieces(
      recognizer, files, listing.sizes(), warn,
      [&](const Document& doc, Piece& piece, PieceOutput* out) {
        PerEntityText& texts = ThreadEntityTexts(dict, entity_text);
        opt.json ? PrintJson(doc, piece, dict, texts, out) : PrintHuman(doc, piece, dict, texts, out, show_path);
      },
      [&](std::span<const Piece> pieces, const PieceOutput& out) {
        std::fwrite(out.out.data(), 1, out.out.size(), stdout);
        if (!out.err.empty()) {
          progress.Clear();
          std::fwrite(out.err.data(), 1, out.err.size(), stderr);
        }
        for (const Piece& piece : pieces) {
          documents += piece.first;
          for (const Mention& m : piece.part.mentions) (m.ambiguous() ? ambiguous : mentions)++;
          if (piece.first) piece_begin = 0;
          report.bytes += piece.end - piece_begin;
          piece_begin = piece.end;
          report.done += piece.last;
        }
        progress.Update(report);
      },
      [&listing](const std::string& path, const WarningSink& w) { return listing.Read(path, w); });
  progress.Clear();  // the summary starts a line of its own
  if (!opt.quiet && !opt.json) {
    std::cerr << "entgraph: " << mentions << " mentions (" << ambiguous << " ambiguous) in " << documents
              << " documents\n";
  }
  ExitWithoutTeardown(mentions + ambiguous > 0 ? kExitResult : kExitEmpty);
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* /*exit_code: extract ends the process itself*/) {
  auto opt = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "Print every mention of the dictionary's entities in the corpus");
  cmd->add_option("--dict", opt->dict, "Dictionary .tsv file or folder of them")->default_val("dictionaries");
  cmd->add_option("--corpus", opt->corpus, "Files and folders of documents (folders are searched recursively)")
      ->required();
  cmd->add_option("--glob", opt->globs, "File-name pattern for folders (repeatable; default *.txt and *.md)");
  cmd->add_flag("--json", opt->json, "Print JSON Lines: one object per mention");
  CLI::Option* with = cmd->add_flag("-H,--with-filename", opt->with_filename,
                                    "Begin every line with its file's name (the default unless the corpus is one file)");
  cmd->add_flag("--no-filename", opt->no_filename, "Begin lines at LINE:COLUMN, without the file's name")->excludes(with);
  cmd->add_option("--threads", opt->threads, "Threads to recognize with (default: one per core); output is the same");
  cmd->add_flag("-q,--quiet", opt->quiet, "No progress, warnings or summary on stderr");
  cmd->callback([opt] { RunExtract(*opt); });
}

}  // namespace entgraph::cli
