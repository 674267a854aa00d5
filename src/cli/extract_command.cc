// entgraph extract: print every mention of the dictionary's entities in the corpus.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/mention_output.h"
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
  const WarningSink warn = StderrWarnings(opt.quiet);
  const bool show_path = ShowFileNames(opt);
  size_t documents = 0, mentions = 0, ambiguous = 0;
  const std::vector<std::filesystem::path> files = listing.Files();
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
        std::fwrite(out.err.data(), 1, out.err.size(), stderr);
        for (const Piece& piece : pieces) {
          documents += piece.first;
          for (const Mention& m : piece.part.mentions) (m.ambiguous() ? ambiguous : mentions)++;
        }
      },
      [&listing](const std::filesystem::path& path, const WarningSink& w) { return listing.Read(path, w); });
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
  cmd->add_flag("-q,--quiet", opt->quiet, "No warnings or summary on stderr");
  cmd->callback([opt] { RunExtract(*opt); });
}

}  // namespace entgraph::cli
