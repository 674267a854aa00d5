// entgraph extract: print every mention of the dictionary's entities in the corpus.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "document/line_index.h"
#include "recognizer/recognizer.h"

namespace entgraph::cli {
namespace {

struct ExtractOptions {
  std::string dict;
  std::vector<std::string> corpus;
  std::vector<std::string> globs;
  bool json = false;
  bool quiet = false;
};

std::string Describe(const Entity& e) { return e.name + " (" + e.type + ")"; }

void PrintHuman(const Document& doc, const Analysis& a, const Dictionary& dict) {
  LineCounter lines(doc.text);
  for (const Mention& m : a.mentions) {
    const auto pos = lines.At(m.start);
    const std::string surface =
        utf8::ForTerminal(utf8::CollapseSpace(std::string_view(doc.text).substr(m.start, m.end - m.start)));
    std::string where = utf8::ForTerminal(doc.path) + ":" + std::to_string(pos.line) + ":" +
                        std::to_string(pos.column);
    if (!m.ambiguous()) {
      std::cout << where << "  " << surface << "  -> " << utf8::ForTerminal(Describe(dict.entities()[m.entity]))
                << "\n";
      continue;
    }
    std::string names;
    for (uint32_t c : m.candidates) names += (names.empty() ? "" : " | ") + Describe(dict.entities()[c]);
    std::cerr << where << "  " << surface << "  -> ambiguous: " << utf8::ForTerminal(names) << "\n";
  }
}

void PrintJson(const Document& doc, const Analysis& a, const Dictionary& dict) {
  for (const Mention& m : a.mentions) {
    nlohmann::ordered_json j;
    j["doc"] = doc.path;
    if (m.ambiguous()) {
      auto names = nlohmann::json::array();
      for (uint32_t c : m.candidates) names.push_back(dict.entities()[c].name);
      j["ambiguous"] = names;
    } else {
      j["entity"] = dict.entities()[m.entity].name;
      j["type"] = dict.entities()[m.entity].type;
    }
    j["text"] = std::string_view(doc.text).substr(m.start, m.end - m.start);
    j["start"] = m.start;
    j["end"] = m.end;
    j["sentence"] = m.sentence + 1;
    j["paragraph"] = m.paragraph + 1;
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

int RunExtract(const ExtractOptions& opt) {
  const Dictionary dict = LoadDictionary(opt.dict, opt.quiet);
  const Matcher matcher(dict);
  Recognizer recognizer(matcher);
  CorpusOptions corpus_options;
  if (!opt.globs.empty()) corpus_options.globs = opt.globs;
  const WarningSink warn = StderrWarnings(opt.quiet);
  size_t documents = 0, mentions = 0, ambiguous = 0;
  for (const auto& path : ListCorpus(opt.corpus, corpus_options, warn)) {
    std::optional<Document> doc = ReadDocument(path, warn);
    if (!doc) continue;
    ++documents;
    const Analysis a = recognizer.Analyze(doc->text);
    opt.json ? PrintJson(*doc, a, dict) : PrintHuman(*doc, a, dict);
    for (const Mention& m : a.mentions) (m.ambiguous() ? ambiguous : mentions)++;
  }
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
  cmd->add_flag("-q,--quiet", opt->quiet, "No warnings or summary on stderr");
  cmd->callback([opt, exit_code] { *exit_code = RunExtract(*opt); });
}

}  // namespace entgraph::cli
