// dict suggest: names in the corpus that the dictionaries do not know yet.
//
// Candidates are runs of capitalized words (inner particles such as "of", "and", "e", "al", "bin"
// and initials such as "P." allowed), acronyms (PSM, CASA), and names after titles ("Minister",
// "Dr.", "Gen."). A run loses leading titles, country words and sentence-initial everyday words
// ("However Islamabad" is not a name); lines written in Title Case (headlines) are skipped, and
// so are month and weekday names. "A and B" without an organization word is two names.
//
// Each candidate gets a guessed type: organization for an organization word (Ministry, Bank, LLC,
// Group, Authority, Commission...) or an acronym, project for a project word (pipeline, corridor,
// railway, plant, station...), person after a title, before "said"/"told", or with a common given
// name first; organization otherwise. Aliases are proposed from "Long Name (LN)" and from a
// person's surname used alone; when the long form is already known, the suggestion is an alias of
// that entity.
//
// Ranking: documents, then mentions, then name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dictionary/dictionary.h"
#include "document/corpus.h"

namespace entgraph {

struct Suggestion {
  std::string name;
  std::string type;
  size_t count = 0;
  size_t documents = 0;
  std::vector<std::string> aliases;  // proposed aliases
  std::string alias_of;              // non-empty: `name` is a new alias of this known entity
  std::string context;               // "doc:line: sentence"
};

struct SuggestOptions {
  size_t min_count = 1;  // ranking puts frequent names first; --limit caps the list
  size_t limit = 100;
};

std::vector<Suggestion> Suggest(const Dictionary& known, const std::vector<std::string>& files,
                                const SuggestOptions& options, const WarningSink& warn);

}  // namespace entgraph
