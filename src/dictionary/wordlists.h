// Word lists for dictionary lint and suggestions, all lowercase. Small on purpose: they catch the
// common cases (an alias that is an everyday word, a sentence-initial "However", a title before a
// name) without pretending to be a lexicon.
#pragma once

#include <string_view>

namespace entgraph::words {

// Everyday English words: as an alias they would match everywhere.
bool IsCommon(std::string_view folded);
// Words that glue a name together without being capitalized: "of", "and", "e", "al", "bin", ...
bool IsParticle(std::string_view folded);
// Titles and roles written before a person's name: "minister", "dr", "gen", ...
bool IsTitle(std::string_view folded);
// Month and weekday names, and their abbreviations.
bool IsCalendar(std::string_view folded);
// Country names (single words), demonyms, major capitals and compass or sea words: places, not
// entities of entgraph's types.
bool IsPlaceWord(std::string_view folded);
// Common given names in news text (English, Arabic and South Asian, Russian and others).
bool IsGivenName(std::string_view folded);
// Words that mark an organization ("ministry", "bank", "llc") or a project ("pipeline", "corridor").
bool IsOrganizationWord(std::string_view folded);
bool IsProjectWord(std::string_view folded);
// Words of named things that are not entities of entgraph's kinds: "agreement", "war", "summit".
bool IsThingWord(std::string_view folded);
// Acronyms of everyday things, not of entities: "lng", "gdp", "ceo", "mou".
bool IsCommonAcronym(std::string_view folded);

}  // namespace entgraph::words
