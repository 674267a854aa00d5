#include "dictionary/suggest.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/utf8.h"
#include "dictionary/wordlists.h"
#include "document/line_index.h"
#include "recognizer/recognizer.h"
#include "text/normalize.h"

namespace entgraph {
namespace {

enum class Shape { kOther, kCapitalized, kAcronym, kInitial, kParticle, kAnd };

struct Tok {
  std::string_view text;
  std::string folded;
  Shape shape = Shape::kOther;
  size_t start = 0, end = 0;
  bool sentence_start = false;
  bool known = false;  // inside a mention of a known entity
};

Shape ShapeOf(const Token& t, std::string_view text, std::string_view folded, std::string_view next) {
  if (t.kind != TokenKind::kWord) return text == "&" ? Shape::kAnd : Shape::kOther;
  size_t len;
  const char32_t first = utf8::Decode(text, 0, &len);
  const bool upper = u_isupper(static_cast<UChar32>(first)) || u_istitle(static_cast<UChar32>(first));
  if (folded == "and") return Shape::kAnd;
  if (!upper) return words::IsParticle(folded) ? Shape::kParticle : Shape::kOther;
  if (len == text.size() && next == ".") return Shape::kInitial;
  if (text.size() >= 2 && HasNoLowercase(text)) return Shape::kAcronym;
  return Shape::kCapitalized;
}

struct Candidate {
  std::map<std::string, size_t> surfaces;  // written forms and how often
  size_t count = 0;
  std::set<size_t> documents;
  size_t after_title = 0, before_verb = 0;
  std::string context;
  size_t initial = 0;     // occurrences that start a sentence
  bool single = false;    // one word
  bool acronym = false;   // one all-capitals word
  bool initials = false;  // has an initial: "Albert P. Khorev"
};

class Collector {
 public:
  Collector(const Dictionary& known, const SuggestOptions& options)
      : known_(known), options_(options), matcher_(known), recognizer_(matcher_) {}

  void Read(const Document& doc, size_t doc_index) {
    doc_ = &doc;
    doc_index_ = doc_index;
    const Analysis a = recognizer_.Analyze(doc.text);
    std::vector<char> headline(a.paragraphs.size());
    for (size_t p = 0; p < a.paragraphs.size(); ++p) {
      std::vector<Token> tokens;
      Tokenize(doc.text, a.paragraphs[p].start, a.paragraphs[p].end, &tokens);
      headline[p] = IsHeadline(doc.text, tokens);
    }
    size_t m = 0;
    for (const Sentence& s : a.sentences) {
      std::vector<Token> tokens;
      Tokenize(doc.text, s.span.start, s.span.end, &tokens);
      std::vector<Tok> toks = Classify(tokens, a, &m);
      if (headline[s.paragraph]) continue;
      sentence_ = s.span;
      Runs(toks);
    }
  }

  std::vector<Suggestion> Finish();

 private:
  std::vector<Tok> Classify(const std::vector<Token>& tokens, const Analysis& a, size_t* m) {
    std::vector<Tok> toks;
    std::string_view text = doc_->text;
    for (size_t i = 0; i < tokens.size(); ++i) {
      Tok t;
      t.text = tokens[i].In(text);
      t.folded = FoldKey(t.text);
      t.start = tokens[i].start;
      t.end = tokens[i].end;
      const std::string_view next = i + 1 < tokens.size() ? tokens[i + 1].In(text) : "";
      t.shape = ShapeOf(tokens[i], t.text, t.folded, next);
      while (*m < a.mentions.size() && a.mentions[*m].end <= t.start) ++*m;
      t.known = *m < a.mentions.size() && a.mentions[*m].start <= t.start;
      toks.push_back(std::move(t));
    }
    for (Tok& t : toks) {  // the first word of the sentence (after quotes or bullets)
      if (t.shape != Shape::kOther || std::isalnum(static_cast<unsigned char>(t.text[0]))) {
        t.sentence_start = true;
        break;
      }
    }
    return toks;
  }

  // A paragraph whose content words are nearly all capitalized is a headline (Title Case): its
  // capitals say nothing. Content words: not everyday words or particles, three letters or more.
  static bool IsHeadline(std::string_view text, const std::vector<Token>& tokens) {
    size_t content = 0, caps = 0;
    for (const Token& t : tokens) {
      const std::string_view w = t.In(text);
      const std::string folded = FoldKey(w);
      if (t.kind != TokenKind::kWord || w.size() < 3 || words::IsCommon(folded) || words::IsParticle(folded)) continue;
      if (std::isdigit(static_cast<unsigned char>(w[0]))) continue;
      ++content;
      size_t len;
      caps += u_isupper(static_cast<UChar32>(utf8::Decode(w, 0, &len)));
    }
    // A sentence dense with names ends with a full stop; a headline does not.
    const std::string_view last = tokens.empty() ? "" : tokens.back().In(text);
    return content >= 2 && caps * 4 >= content * 3 && last != "." && last != ":";
  }

  static bool Joins(const Tok& t) { return t.shape == Shape::kParticle || t.shape == Shape::kAnd; }
  static bool Word(const Tok& t) {
    return t.shape == Shape::kCapitalized || t.shape == Shape::kAcronym || t.shape == Shape::kInitial;
  }

  void Runs(const std::vector<Tok>& toks) {
    for (const Tok& t : toks) {
      if (t.shape == Shape::kOther || t.shape == Shape::kParticle || t.shape == Shape::kAnd) lowercase_.insert(t.folded);
    }
    for (size_t i = 0; i < toks.size();) {
      if (!Word(toks[i]) || toks[i].known) {
        ++i;
        continue;
      }
      size_t j = i;  // run: words, joined by particles, initials followed by their dot
      std::vector<size_t> run;
      while (j < toks.size()) {
        if (Word(toks[j]) && !toks[j].known) {
          run.push_back(j);
          j += toks[j].shape == Shape::kInitial && j + 1 < toks.size() ? 2 : 1;
        } else if (Joins(toks[j]) && j + 1 < toks.size() && Word(toks[j + 1]) && !toks[j + 1].known && !run.empty()) {
          run.push_back(j);
          ++j;
        } else {
          break;
        }
      }
      // "Quetta-Taftan railway line", "Guddu thermal power station": lowercase words that end in a
      // project or organization word belong to the name.
      static const std::set<std::string> kStructures = {"railway", "line", "pipeline", "corridor", "station", "plant",
                                                        "dam", "port", "highway", "motorway", "bridge", "terminal",
                                                        "refinery", "airport", "canal"};
      const bool capitalized = std::any_of(run.begin(), run.end(), [&](size_t k) {
        return toks[k].shape == Shape::kCapitalized && !words::IsCommon(toks[k].folded);
      });
      for (size_t k = j; capitalized && k < toks.size() && k < j + 3 && toks[k].shape == Shape::kOther; ++k) {
        if (kStructures.count(toks[k].folded)) {
          while (j <= k) run.push_back(j++);
        }
      }
      size_t before = i;  // a title just before the run, "Dr." included
      if (before > 0 && toks[before - 1].text == ".") --before;
      const bool title_before = before > 0 && words::IsTitle(toks[before - 1].folded);
      Take(toks, run, title_before, j);
      i = std::max(j, i + 1);
    }
  }

  bool HasWord(const std::vector<Tok>& toks, const std::vector<size_t>& run, bool (*pred)(std::string_view)) const {
    return std::any_of(run.begin(), run.end(), [&](size_t k) { return pred(toks[k].folded); });
  }

  void Take(const std::vector<Tok>& toks, std::vector<size_t> run, bool title_before, size_t after) {
    if (run.empty()) return;
    const bool named_thing = HasWord(toks, run, words::IsOrganizationWord) || HasWord(toks, run, words::IsProjectWord);
    bool after_title = title_before;
    // Everything up to the last title is a role when a person-shaped name follows it: "Army Chief
    // Gen Ashfaq Parvez Kayani".
    for (size_t k = run.size(); k-- > 0;) {
      if (!words::IsTitle(toks[run[k]].folded)) continue;
      const size_t rest = run.size() - k - 1;
      const bool person_shaped = rest >= 2 && rest <= 4 && std::all_of(run.begin() + static_cast<std::ptrdiff_t>(k) + 1, run.end(), [&](size_t r) {
        return toks[r].shape == Shape::kCapitalized || toks[r].shape == Shape::kInitial;
      });
      if (person_shaped || (!named_thing && rest > 0)) {
        run.erase(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        after_title = true;
      }
      break;
    }
    // Leading places (unless part of an organization's or project's name), calendar words, joins and
    // sentence-initial everyday words are not the name.
    while (!run.empty()) {
      const Tok& t = toks[run.front()];
      // A title before an organization's name goes too ("General Director of Industries Engineering
      // LLC"), as long as the organization word is left.
      const bool role_before_org = named_thing && words::IsTitle(t.folded) &&
                                   HasWord(toks, std::vector<size_t>(run.begin() + 1, run.end()), words::IsOrganizationWord);
      const bool drop = (!named_thing && (words::IsPlaceWord(t.folded) || words::IsTitle(t.folded))) ||
                        role_before_org || words::IsCalendar(t.folded) || Joins(t) ||
                        (words::IsCommon(t.folded) && t.sentence_start && t.shape != Shape::kAcronym);
      if (!drop) break;
      after_title = after_title || words::IsTitle(t.folded);
      run.erase(run.begin());
    }
    // "Industries Engineering LLC of Russia": after a company suffix, "of" + a place says where the
    // company is, not its name ("Associated Press of Pakistan" keeps it).
    static const std::set<std::string> kSuffixes = {"llc", "ltd", "inc", "corp", "plc", "co", "company", "group", "holdings"};
    for (size_t k = 1; k + 1 < run.size(); ++k) {
      if (kSuffixes.count(toks[run[k - 1]].folded) && toks[run[k]].folded == "of" &&
          words::IsPlaceWord(toks[run[k + 1]].folded) && k + 2 == run.size()) {
        run.resize(k);
        break;
      }
    }
    while (!run.empty() && (Joins(toks[run.back()]) || words::IsCalendar(toks[run.back()].folded))) run.pop_back();
    if (run.empty() || !Word(toks[run.front()])) return;
    if (HasWord(toks, run, words::IsThingWord)) return;  // "Doha Agreement", "Cold War": not our kinds
    // "Boeing and Airbus" and "Saif Anjum and General Director ..." are two names, "Water and Power
    // Development Authority" one; "Russian Federation Muhammad Khalid Jamali" starts at the given name.
    for (size_t k = 1; k < run.size(); ++k) {
      const Tok& t = toks[run[k]];
      const std::vector<size_t> left(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(k));
      const std::vector<size_t> right(run.begin() + static_cast<std::ptrdiff_t>(k), run.end());
      // Inside an organization's name "and" joins words, unless a role starts a second name.
      const bool role_after = right.size() >= 2 && words::IsTitle(toks[right[1]].folded);
      const bool split_and = t.shape == Shape::kAnd && (!named_thing || (role_after && !HasWord(toks, left, words::IsOrganizationWord)));
      const bool given_inside = words::IsGivenName(t.folded) && !words::IsGivenName(toks[run[k - 1]].folded) &&
                                toks[run[k - 1]].shape != Shape::kParticle && right.size() >= 2 && right.size() <= 4 &&
                                !HasWord(toks, right, words::IsOrganizationWord);
      if (split_and || given_inside) {
        Take(toks, left, after_title, after);
        Take(toks, std::vector<size_t>(right.begin() + (split_and ? 1 : 0), right.end()), given_inside, after);
        return;
      }
    }
    if (!named_thing) {
      if (HasWord(toks, run, words::IsPlaceWord)) return;  // "South Asia", "United Arab Emirates"
    }
    const Tok& first = toks[run.front()];
    if (run.size() == 1) {
      if (first.shape == Shape::kInitial || (first.text.size() < 3 && first.shape != Shape::kAcronym)) return;
      if (first.shape == Shape::kCapitalized && words::IsCommon(first.folded)) return;
      if (first.shape == Shape::kAcronym && words::IsCommonAcronym(first.folded)) return;  // LNG, GDP
      // "CASA-1,000", "MI-17": the number is part of the name.
      if (first.shape == Shape::kAcronym && after < toks.size() && std::isdigit(static_cast<unsigned char>(toks[after].text[0]))) {
        size_t end = after + 1;
        while (end + 1 < toks.size() && toks[end].text == "," && std::isdigit(static_cast<unsigned char>(toks[end + 1].text[0])) &&
               toks[end].start == toks[end - 1].end) {
          end += 2;
        }
        for (size_t k = after; k < end; ++k) run.push_back(k);
        after = end;
      }
    }
    const std::string name = utf8::CollapseSpace(
        std::string_view(doc_->text).substr(first.start, toks[run.back()].end - first.start + (first.shape == Shape::kInitial && run.size() == 1)));
    const std::string key = MatchKey(name);
    Candidate& c = candidates_[key];
    ++c.surfaces[name];
    ++c.count;
    c.documents.insert(doc_index_);
    c.after_title += after_title;
    c.initial += first.sentence_start;
    c.single = run.size() == 1;
    c.acronym = c.single && first.shape == Shape::kAcronym;
    c.initials = std::any_of(run.begin(), run.end(), [&](size_t k) { return toks[k].shape == Shape::kInitial; });
    if (after < toks.size()) {
      const std::string& verb = toks[after].folded;
      c.before_verb += verb == "said" || verb == "says" || verb == "told" || verb == "added";
    }
    if (c.context.empty()) {
      LineCounter lines(doc_->text);
      const std::string sentence = utf8::CollapseSpace(utf8::Sanitize(
          std::string_view(doc_->text).substr(sentence_.start, sentence_.end - sentence_.start)));
      c.context = doc_->path + ":" + std::to_string(lines.At(first.start).line) + ": " +
                  (sentence.size() > 160 ? sentence.substr(0, 157) + "..." : sentence);
    }
    // "Long Name (LN)": the acronym is an alias of the run before it.
    if (after + 2 < toks.size() && toks[after].text == "(" && toks[after + 1].shape == Shape::kAcronym &&
        toks[after + 2].text == ")" && Initials(toks, run) == toks[after + 1].text) {
      acronyms_[MatchKey(toks[after + 1].text)] = {std::string(toks[after + 1].text), key};
    }
  }

  // The initials of the run's words, particles skipped: "Pakistan Steel Mills" -> "PSM".
  static std::string Initials(const std::vector<Tok>& toks, const std::vector<size_t>& run) {
    std::string initials;
    for (size_t k : run) {
      if (!Joins(toks[k])) initials += static_cast<char>(std::toupper(static_cast<unsigned char>(toks[k].text[0])));
    }
    return initials;
  }

  const Dictionary& known_;
  const SuggestOptions& options_;
  Matcher matcher_;
  Recognizer recognizer_;
  const Document* doc_ = nullptr;
  size_t doc_index_ = 0;
  Span sentence_;
  std::map<std::string, Candidate> candidates_;
  std::map<std::string, std::pair<std::string, std::string>> acronyms_;  // acronym key -> (acronym, long key)
  std::set<std::string> lowercase_;  // words the corpus also writes in lowercase: everyday words
};

std::string GuessType(const std::string& name, const Candidate& c) {
  const std::vector<Token> tokens = Tokenize(name);
  bool org = c.acronym, project = false;
  for (const Token& t : tokens) {
    const std::string f = FoldKey(t.In(name));
    org = org || words::IsOrganizationWord(f);
    project = project || words::IsProjectWord(f);
  }
  if (project && !org) return "project";
  if (org) return "organization";
  const bool given = !tokens.empty() && words::IsGivenName(FoldKey(tokens[0].In(name)));
  const bool has_acronym = std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
    return t.kind == TokenKind::kWord && t.end - t.start >= 2 && HasNoLowercase(t.In(name));
  });
  if (has_acronym) return "organization";
  if (c.after_title > 0 || c.before_verb > 0 || given || c.initials) return "person";
  // Two or three plain capitalized words are most often a person's name in news text.
  return tokens.size() >= 2 && tokens.size() <= 3 ? "person" : "organization";
}

// "Pakistan Steel Mills" -> "PSM", "Tehreek-e-Taliban Pakistan" -> "TTP".
std::string InitialsOf(const std::string& name) {
  std::string out;
  for (const Token& t : Tokenize(name)) {
    const std::string_view w = t.In(name);
    if (t.kind != TokenKind::kWord || words::IsParticle(FoldKey(w)) || !std::isalpha(static_cast<unsigned char>(w[0]))) {
      continue;
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
  }
  return out;
}

std::string Display(const Candidate& c) {
  return std::max_element(c.surfaces.begin(), c.surfaces.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

}  // namespace

std::vector<Suggestion> Collector::Finish() {
  // Known names: the suggestion is an alias of a known entity, or nothing new.
  std::map<std::string, std::string> known_keys;  // key -> entity name
  for (const Entity& e : known_.entities()) {
    known_keys[MatchKey(e.name)] = e.name;
    for (const auto& a : e.aliases) known_keys[MatchKey(a)] = e.name;
  }
  std::map<std::string, Suggestion> out;
  std::set<std::string> merged;
  for (const auto& [acr_key, pair] : acronyms_) {
    const auto& [acronym, long_key] = pair;
    if (known_keys.count(acr_key)) continue;
    if (auto k = known_keys.find(long_key); k != known_keys.end()) {
      Suggestion s;  // an alias of a known entity
      s.name = acronym;
      s.type = "alias";
      s.alias_of = k->second;
      const auto c = candidates_.find(acr_key);
      s.count = c == candidates_.end() ? 1 : c->second.count;
      s.documents = c == candidates_.end() ? 1 : c->second.documents.size();
      if (c != candidates_.end()) s.context = c->second.context;
      out[acr_key] = s;
      merged.insert(acr_key);
    }
  }
  for (auto& [key, c] : candidates_) {
    if (known_keys.count(key) || merged.count(key)) continue;
    // A single word the corpus also writes in lowercase is an everyday word.
    if (c.single && lowercase_.count(key)) continue;
    Suggestion s;
    s.name = Display(c);
    s.type = GuessType(s.name, c);
    s.count = c.count;
    s.documents = c.documents.size();
    s.context = c.context;
    out[key] = s;
  }
  // An acronym whose letters are the initials of exactly one other name is its short form, even
  // without "Long Name (LN)" in the text.
  std::map<std::string, std::vector<std::string>> by_initials;
  for (const auto& [key, s] : out) {
    if (key.find(' ') != std::string::npos && s.alias_of.empty()) by_initials[InitialsOf(s.name)].push_back(key);
  }
  std::map<std::string, std::string> known_initials;
  for (const Entity& e : known_.entities()) {
    if (MatchKey(e.name).find(' ') != std::string::npos) known_initials[InitialsOf(e.name)] = e.name;
  }
  for (auto& [key, s] : out) {
    const auto c = candidates_.find(key);
    if (c == candidates_.end() || !c->second.acronym || acronyms_.count(key) || !s.alias_of.empty()) continue;
    if (auto k = known_initials.find(s.name); k != known_initials.end()) {
      s.alias_of = k->second;
      s.type = "alias";
    } else if (auto m = by_initials.find(s.name); m != by_initials.end() && m->second.size() == 1) {
      acronyms_[key] = {s.name, m->second[0]};
    }
  }
  // Acronyms of suggested long names, and surnames of suggested people, become their aliases.
  for (const auto& [acr_key, pair] : acronyms_) {
    auto longer = out.find(pair.second);
    auto shorter = out.find(acr_key);
    if (longer == out.end() || shorter == out.end() || !shorter->second.alias_of.empty()) continue;
    longer->second.aliases.push_back(shorter->second.name);
    longer->second.count += shorter->second.count;
    longer->second.documents = std::max(longer->second.documents, shorter->second.documents);
    out.erase(shorter);
  }
  std::vector<std::string> people;
  for (const auto& [key, s] : out) {
    if (s.type == "person" && key.find(' ') != std::string::npos) people.push_back(key);
  }
  for (const std::string& key : people) {
    const std::string surname = key.substr(key.rfind(' ') + 1);
    auto alone = out.find(surname);
    auto full = out.find(key);
    if (alone == out.end() || full == out.end() || alone == full || !alone->second.alias_of.empty()) continue;
    full->second.aliases.push_back(alone->second.name);
    full->second.count += alone->second.count;
    out.erase(alone);
  }
  for (const Entity& e : known_.entities()) {  // a known person's surname used alone
    const std::string key = MatchKey(e.name);
    if (e.type != "person" || key.find(' ') == std::string::npos) continue;
    const std::string surname = key.substr(key.rfind(' ') + 1);
    auto alone = out.find(surname);
    if (alone == out.end() || !alone->second.alias_of.empty() || known_keys.count(surname)) continue;
    alone->second.alias_of = e.name;
    alone->second.type = "alias";
  }
  std::vector<Suggestion> ranked;
  for (auto& [key, s] : out) {
    // A lone capitalized word (not an acronym) that was not merged into a longer name counts only
    // when it recurs away from the start of a sentence, where every word is capitalized.
    const auto c = candidates_.find(key);
    if (c != candidates_.end() && c->second.single && !c->second.acronym && s.alias_of.empty() &&
        (c->second.count < 2 || c->second.initial == c->second.count)) {
      continue;
    }
    if (s.count >= options_.min_count) ranked.push_back(std::move(s));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.documents != b.documents) return a.documents > b.documents;
    if (a.count != b.count) return a.count > b.count;
    return a.name < b.name;
  });
  if (ranked.size() > options_.limit) ranked.resize(options_.limit);
  return ranked;
}

std::vector<Suggestion> Suggest(const Dictionary& known, const std::vector<std::string>& files,
                                const SuggestOptions& options, const WarningSink& warn) {
  Collector collector(known, options);
  size_t index = 0;
  for (const auto& path : files) {
    if (auto doc = ReadDocument(path, warn)) collector.Read(*doc, index++);
  }
  return collector.Finish();
}

}  // namespace entgraph
