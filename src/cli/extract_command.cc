// entgraph extract: print every mention of the dictionary's entities in the corpus.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "document/line_index.h"
#include "recognizer/parallel.h"

namespace entgraph::cli {
namespace {

struct ExtractOptions {
  std::string dict;
  std::vector<std::string> corpus;
  std::vector<std::string> globs;
  bool json = false;
  bool quiet = false;
  size_t threads = 0;
};

std::string Describe(const Entity& e) { return e.name + " (" + e.type + ")"; }

// Output is built in a buffer and written a megabyte at a time: mentions can number in the
// millions, and per-line stream formatting would cost more than finding them; a document's whole
// output in one string would be as large as the document.
void Flush(std::string* out, FILE* to) {
  std::fwrite(out->data(), 1, out->size(), to);
  out->clear();
}

void FlushIfFull(std::string* out, FILE* to) {
  if (out->size() >= (1u << 20)) Flush(out, to);
}

void PrintHuman(const Document& doc, const Analysis& a, const Dictionary& dict, std::string* out) {
  LineCounter lines(doc.text);
  const std::string path = utf8::ForTerminal(doc.path);
  std::string ambiguous;
  for (const Mention& m : a.mentions) {
    const auto pos = lines.At(m.start);
    std::string& sink = m.ambiguous() ? ambiguous : *out;
    sink += path;
    sink += ':';
    sink += std::to_string(pos.line);
    sink += ':';
    sink += std::to_string(pos.column);
    sink += "  ";
    sink += utf8::ForTerminal(utf8::CollapseSpace(std::string_view(doc.text).substr(m.start, m.end - m.start)));
    if (!m.ambiguous()) {
      sink += "  -> " + utf8::ForTerminal(Describe(dict.entities()[m.entity])) + "\n";
      FlushIfFull(out, stdout);
      continue;
    }
    std::string names;
    for (uint32_t c : m.candidates) names += (names.empty() ? "" : " | ") + Describe(dict.entities()[c]);
    sink += "  -> ambiguous: " + utf8::ForTerminal(names) + "\n";
    FlushIfFull(&ambiguous, stderr);
  }
  Flush(&ambiguous, stderr);
}

void PrintJson(const Document& doc, const Analysis& a, const Dictionary& dict, std::string* out) {
  std::string doc_field;
  utf8::AppendJsonString(doc.path, &doc_field);
  for (const Mention& m : a.mentions) {
    *out += "{\"doc\":";
    *out += doc_field;
    if (m.ambiguous()) {
      *out += ",\"ambiguous\":[";
      for (size_t i = 0; i < m.candidates.size(); ++i) {
        if (i) *out += ',';
        utf8::AppendJsonString(dict.entities()[m.candidates[i]].name, out);
      }
      *out += ']';
    } else {
      *out += ",\"entity\":";
      utf8::AppendJsonString(dict.entities()[m.entity].name, out);
      *out += ",\"type\":";
      utf8::AppendJsonString(dict.entities()[m.entity].type, out);
    }
    *out += ",\"text\":";
    utf8::AppendJsonString(std::string_view(doc.text).substr(m.start, m.end - m.start), out);
    *out += ",\"start\":" + std::to_string(m.start) + ",\"end\":" + std::to_string(m.end) +
            ",\"sentence\":" + std::to_string(m.sentence + 1) + ",\"paragraph\":" + std::to_string(m.paragraph + 1) +
            "}\n";
    FlushIfFull(out, stdout);
  }
}

int RunExtract(const ExtractOptions& opt) {
  const Dictionary dict = LoadDictionary(opt.dict, opt.quiet);
  const Matcher matcher(dict);
  ParallelRecognizer recognizer(matcher, opt.threads);
  CorpusOptions corpus_options;
  if (!opt.globs.empty()) corpus_options.globs = opt.globs;
  const WarningSink warn = StderrWarnings(opt.quiet);
  size_t documents = 0, mentions = 0, ambiguous = 0;
  std::string out;
  RecognizeFiles(recognizer, ListCorpus(opt.corpus, corpus_options, warn), warn,
                 [&](const Document& doc, const Analysis& a) {
                   ++documents;
                   opt.json ? PrintJson(doc, a, dict, &out) : PrintHuman(doc, a, dict, &out);
                   Flush(&out, stdout);
                   for (const Mention& m : a.mentions) (m.ambiguous() ? ambiguous : mentions)++;
                 });
  if (!opt.quiet && !opt.json) {
    std::cerr << "entgraph: " << mentions << " mentions (" << ambiguous << " ambiguous) in " << documents
              << " documents\n";
  }
  return mentions + ambiguous > 0 ? kExitResult : kExitEmpty;
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "Print every mention of the dictionary's entities in the corpus");
  cmd->add_option("--dict", opt->dict, "Dictionary .tsv file or folder of them")->default_val("dictionaries");
  cmd->add_option("--corpus", opt->corpus, "Files and folders of documents (folders are searched recursively)")
      ->required();
  cmd->add_option("--glob", opt->globs, "File-name pattern for folders (repeatable; default *.txt and *.md)");
  cmd->add_flag("--json", opt->json, "Print JSON Lines: one object per mention");
  cmd->add_option("--threads", opt->threads, "Threads to recognize with (default: one per core); output is the same");
  cmd->add_flag("-q,--quiet", opt->quiet, "No warnings or summary on stderr");
  cmd->callback([opt, exit_code] { *exit_code = RunExtract(*opt); });
}

}  // namespace entgraph::cli
