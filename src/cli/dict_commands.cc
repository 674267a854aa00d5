// entgraph dict lint | add | alias | suggest: keeping the dictionaries good.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "common/error.h"
#include "common/utf8.h"
#include "dictionary/editor.h"
#include "dictionary/lint.h"
#include "dictionary/suggest.h"

namespace entgraph::cli {
namespace {

int RunLint(const std::string& dict) {
  const std::vector<LintFinding> findings = LintDictionary(dict);
  size_t real = 0;
  for (const LintFinding& f : findings) {
    std::cout << utf8::ForTerminal(f.ToString()) << "\n";
    real += !f.note;
  }
  if (real > 0) std::cerr << "entgraph: " << real << (real == 1 ? " finding" : " findings") << "\n";
  return real > 0 ? kExitEmpty : kExitResult;
}

void PrintTsv(const std::vector<Suggestion>& suggestions) {
  for (const Suggestion& s : suggestions) {
    std::cout << "# " << s.count << " mentions in " << s.documents << " documents: "
              << utf8::ForTerminal(s.context) << "\n";
    if (!s.alias_of.empty()) {
      std::cout << "# entgraph dict alias '" << s.alias_of << "' '" << s.name << "'\n";
      continue;
    }
    std::string aliases;
    for (const auto& a : s.aliases) aliases += (aliases.empty() ? "" : "|") + a;
    std::cout << s.type << "\t" << s.name << (aliases.empty() ? "" : "\t" + aliases) << "\n";
  }
}

void PrintTable(const std::vector<Suggestion>& suggestions) {
  for (const Suggestion& s : suggestions) {
    std::string what = s.name + " (" + s.type + ")";
    if (!s.alias_of.empty()) what = s.name + " (alias of " + s.alias_of + ")";
    for (const auto& a : s.aliases) what += " | " + a;
    std::printf("%5zu %3zu docs  %s\n        %s\n", s.count, s.documents, utf8::ForTerminal(what).c_str(),
                utf8::ForTerminal(s.context).c_str());
  }
}

void PrintJson(const std::vector<Suggestion>& suggestions) {
  nlohmann::ordered_json j = nlohmann::json::array();
  for (const Suggestion& s : suggestions) {
    j.push_back({{"name", s.name}, {"type", s.type}, {"count", s.count}, {"documents", s.documents},
                 {"aliases", s.aliases}, {"alias_of", s.alias_of}, {"context", s.context}});
  }
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

void AddDictCommands(CLI::App& app, int* exit_code) {
  CLI::App* dict = app.add_subcommand("dict", "Check, extend and grow the entity dictionaries");
  dict->require_subcommand(1);

  auto lint_dict = std::make_shared<std::string>("dictionaries");
  CLI::App* lint = dict->add_subcommand("lint", "Report what in the dictionaries will hurt recognition");
  lint->add_option("--dict", *lint_dict, "Dictionary .tsv file or folder")->capture_default_str();
  lint->callback([=] { *exit_code = RunLint(*lint_dict); });

  struct AddFlags {
    std::string dict = "dictionaries", file;
    NewEntity entity;
    bool force = false;
  };
  auto a = std::make_shared<AddFlags>();
  CLI::App* add = dict->add_subcommand("add", "Add an entity (to the file that holds its type)");
  add->add_option("TYPE", a->entity.type, "person, organization, project, ...")->required();
  add->add_option("NAME", a->entity.name, "Canonical name")->required();
  add->add_option("--alias", a->entity.aliases, "Another surface form (repeatable)");
  add->add_option("--attr", a->entity.attributes, "key=value (repeatable)");
  add->add_option("--file", a->file, "Append to this file (default: the one holding TYPE, else DICT/TYPE.tsv)");
  add->add_option("--dict", a->dict, "Dictionary .tsv file or folder")->capture_default_str();
  add->add_flag("--force", a->force, "Add a name or alias that another entity already uses");
  add->callback([=] {
    const EditResult r = AddEntity(a->dict, a->entity, a->file, a->force);
    std::cout << "added to " << utf8::ForTerminal(r.file.string()) << ": " << utf8::ForTerminal(r.line) << "\n";
    *exit_code = kExitResult;
  });

  struct AliasFlags {
    std::string dict = "dictionaries", name, alias;
    bool force = false;
  };
  auto al = std::make_shared<AliasFlags>();
  CLI::App* alias = dict->add_subcommand("alias", "Add an alias to an entity");
  alias->add_option("NAME", al->name, "The entity's name (or one of its aliases)")->required();
  alias->add_option("ALIAS", al->alias, "The new alias")->required();
  alias->add_option("--dict", al->dict, "Dictionary .tsv file or folder")->capture_default_str();
  alias->add_flag("--force", al->force, "Add an alias that another entity already uses");
  alias->callback([=] {
    const EditResult r = AddAlias(al->dict, al->name, al->alias, al->force);
    std::cout << "updated " << utf8::ForTerminal(r.file.string()) << ": " << utf8::ForTerminal(r.line) << "\n";
    *exit_code = kExitResult;
  });

  struct SuggestFlags {
    std::string dict = "dictionaries";
    std::vector<std::string> corpus, globs;
    SuggestOptions options;
    bool tsv = false, json = false, quiet = false;
  };
  auto s = std::make_shared<SuggestFlags>();
  CLI::App* suggest = dict->add_subcommand("suggest", "Find names in the corpus that the dictionaries lack");
  suggest->add_option("--corpus", s->corpus, "Files and folders of documents")->required();
  suggest->add_option("--dict", s->dict, "Dictionary .tsv file or folder (may be empty)")->capture_default_str();
  suggest->add_option("--glob", s->globs, "File-name pattern for folders (repeatable; default *.txt and *.md)");
  suggest->add_option("--min-count", s->options.min_count, "Only names seen at least this often")->capture_default_str();
  suggest->add_option("--limit", s->options.limit, "Show at most this many")->capture_default_str();
  suggest->add_flag("--tsv", s->tsv, "Print dictionary lines ready to review and append");
  suggest->add_flag("--json", s->json, "Print JSON");
  suggest->add_flag("-q,--quiet", s->quiet, "No warnings on stderr");
  suggest->callback([=] {
    const Dictionary known = Dictionary::Load(s->dict);  // an empty dictionary is fine here
    CorpusOptions corpus_options;
    if (!s->globs.empty()) corpus_options.globs = s->globs;
    const WarningSink warn = StderrWarnings(s->quiet);
    const auto found = Suggest(known, ListCorpus(s->corpus, corpus_options, warn), s->options, warn);
    s->json ? PrintJson(found) : s->tsv ? PrintTsv(found) : PrintTable(found);
    *exit_code = found.empty() ? kExitEmpty : kExitResult;
  });
}

}  // namespace entgraph::cli
