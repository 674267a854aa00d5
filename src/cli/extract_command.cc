// entgraph extract: print every mention of the dictionary's entities in the corpus.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <future>
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

// A text for every entity, made once (printing it a million times is then a copy), all in one
// buffer: a gazetteer has hundreds of thousands of entities, and a string apiece was an allocation
// apiece while the dictionary loads.
class PerEntityText {
 public:
  template <typename Make>  // Make: void(const Entity&, std::string* out), appending the entity's text
  PerEntityText(const Dictionary& dict, Make make) {
    starts_.reserve(dict.entities().size() + 1);
    for (const Entity& e : dict.entities()) {
      starts_.push_back(text_.size());
      make(e, &text_);
    }
    starts_.push_back(text_.size());
  }
  std::string_view operator[](size_t entity) const {
    return std::string_view(text_).substr(starts_[entity], starts_[entity + 1] - starts_[entity]);
  }

 private:
  std::string text_;
  std::vector<size_t> starts_;  // entity -> where its text starts; one more for the end
};

// "  -> Name (type)\n" for every entity.
PerEntityText EntitySuffixes(const Dictionary& dict) {
  return PerEntityText(dict, [](const Entity& e, std::string* out) {
    *out += "  -> ";
    *out += utf8::ForTerminal(e.name + " (" + e.type + ")");
    *out += '\n';
  });
}

void AppendNumber(size_t n, std::string* out) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out->append(buf, static_cast<size_t>(end - buf));
}

// ":LINE:COLUMN  " in one append.
void AppendPosition(LineCounter::Position pos, std::string* out) {
  constexpr size_t kDigits = 20;  // of the largest size_t
  char buf[2 * kDigits + 4] = {':'};
  char* p = std::to_chars(buf + 1, buf + 1 + kDigits, pos.line).ptr;
  p[0] = ':';
  p = std::to_chars(p + 1, p + 1 + kDigits, pos.column).ptr;
  p[0] = p[1] = ' ';
  out->append(buf, static_cast<size_t>(p + 2 - buf));
}

// The mention's text as printed: white space collapsed, control characters shown. Most mentions
// are plain ASCII words and are copied as they are.
void AppendMentionText(std::string_view text, std::string* out) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; });
  if (plain) {
    out->append(text);
  } else {
    out->append(utf8::ForTerminal(utf8::CollapseSpace(text)));
  }
}

// "PATH:LINE:" for the line of the mention being printed, remade only when the line changes:
// mentions come in text order, often several to a line, and formatting the line number for each
// was a fifth of the cost of a line of output.
class LinePrefix {
 public:
  explicit LinePrefix(std::string path) : text_(std::move(path)), path_size_(text_.size()) {}

  std::string_view For(size_t line) {
    if (line != line_) {
      text_.resize(path_size_);
      text_ += ':';
      AppendNumber(line, &text_);
      text_ += ':';
      line_ = line;
    }
    return text_;
  }

 private:
  std::string text_;
  size_t path_size_;
  size_t line_ = 0;  // lines count from 1
};

// Most lines: a short path and mention text, plain ASCII, assembled on the stack and appended in
// one go (four appends a line, each a capacity check and a copy call, were a tenth of extract's
// time). False, appending nothing, when the line is not of that kind.
bool AppendPlainLine(std::string_view prefix, size_t column, std::string_view text, std::string_view suffix,
                     std::string* out) {
  constexpr size_t kDigits = 20;  // of the largest size_t
  char buf[512];
  if (prefix.size() + text.size() + suffix.size() + kDigits + 2 > sizeof buf) return false;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; })) return false;
  char* p = buf;
  std::memcpy(p, prefix.data(), prefix.size());
  p += prefix.size();
  // Columns of running text have one to three digits: written here, not by to_chars, whose
  // length loop and call were a fiftieth of extract's time.
  if (column < 10) {
    *p++ = static_cast<char>('0' + column);
  } else if (column < 100) {
    p[0] = static_cast<char>('0' + column / 10);
    p[1] = static_cast<char>('0' + column % 10);
    p += 2;
  } else if (column < 1000) {
    p[0] = static_cast<char>('0' + column / 100);
    p[1] = static_cast<char>('0' + column / 10 % 10);
    p[2] = static_cast<char>('0' + column % 10);
    p += 3;
  } else {
    p = std::to_chars(p, p + kDigits, column).ptr;
  }
  *p++ = ' ';
  *p++ = ' ';
  std::memcpy(p, text.data(), text.size());
  p += text.size();
  std::memcpy(p, suffix.data(), suffix.size());
  p += suffix.size();
  out->append(buf, static_cast<size_t>(p - buf));
  return true;
}

// Output is formatted on the threads that recognized each piece of a document, into one buffer
// per piece, and written in order: mentions can number in the millions, and formatting them on
// one thread would cost more than finding them.
void PrintHuman(const Document& doc, Piece& piece, const Dictionary& dict, const PerEntityText& suffixes,
                PieceOutput* out) {
  const std::string path = utf8::ForTerminal(doc.path);
  // About a line's length for each mention, so that the buffer is seldom copied to grow.
  out->out.reserve(out->out.size() + piece.part.mentions.size() * (path.size() + 64));
  LinePrefix prefix(path);
  for (const Mention& m : piece.part.mentions) {
    const std::string_view text = std::string_view(doc.text).substr(m.start, m.end - m.start);
    const LineCounter::Position pos = piece.lines.At(m.start);
    if (!m.ambiguous() && AppendPlainLine(prefix.For(pos.line), pos.column, text, suffixes[m.entity], &out->out)) {
      continue;
    }
    std::string& sink = m.ambiguous() ? out->err : out->out;
    sink += path;
    AppendPosition(pos, &sink);
    AppendMentionText(text, &sink);
    if (!m.ambiguous()) {
      sink += suffixes[m.entity];
      continue;
    }
    std::string names;
    for (uint32_t c : m.candidates) {
      names += (names.empty() ? "" : " | ") + dict.entities()[c].name + " (" + dict.entities()[c].type + ")";
    }
    sink += "  -> ambiguous: " + utf8::ForTerminal(names) + "\n";
  }
}

// ,"entity":"Name","type":"type" for every entity.
PerEntityText EntityJsonFields(const Dictionary& dict) {
  return PerEntityText(dict, [](const Entity& e, std::string* out) {
    *out += ",\"entity\":";
    utf8::AppendJsonString(e.name, out);
    *out += ",\"type\":";
    utf8::AppendJsonString(e.type, out);
  });
}

void PrintJson(const Document& doc, Piece& piece, const Dictionary& dict, const PerEntityText& fields,
               PieceOutput* output) {
  std::string* out = &output->out;
  std::string doc_field = "{\"doc\":";
  utf8::AppendJsonString(doc.path, &doc_field);
  for (const Mention& m : piece.part.mentions) {
    *out += doc_field;
    if (m.ambiguous()) {
      *out += ",\"ambiguous\":[";
      for (size_t i = 0; i < m.candidates.size(); ++i) {
        if (i) *out += ',';
        utf8::AppendJsonString(dict.entities()[m.candidates[i]].name, out);
      }
      *out += ']';
    } else {
      *out += fields[m.entity];
    }
    *out += ",\"text\":";
    utf8::AppendJsonString(std::string_view(doc.text).substr(m.start, m.end - m.start), out);
    *out += ",\"start\":";
    AppendNumber(m.start, out);
    *out += ",\"end\":";
    AppendNumber(m.end, out);
    *out += ",\"sentence\":";
    AppendNumber(m.sentence + 1, out);
    *out += ",\"paragraph\":";
    AppendNumber(m.paragraph + 1, out);
    *out += "}\n";
  }
}

// Ends the process: see ExitWithoutTeardown.
[[noreturn]] void RunExtract(const ExtractOptions& opt) {
  CorpusListing listing(opt.corpus, opt.globs, opt.quiet);
  const Dictionary dict = LoadDictionary(opt.dict, opt.quiet);
  // What is printed after each mention of an entity, made once per entity, while the matcher
  // compiles: the two share nothing, and for a gazetteer this is a tenth of the load.
  std::future<PerEntityText> suffixes_made = std::async(
      std::launch::async, [&dict, json = opt.json] { return json ? EntityJsonFields(dict) : EntitySuffixes(dict); });
  const Matcher matcher(dict);
  ParallelRecognizer recognizer(matcher, opt.threads);
  const PerEntityText suffixes = suffixes_made.get();
  const WarningSink warn = StderrWarnings(opt.quiet);
  size_t documents = 0, mentions = 0, ambiguous = 0;
  const std::vector<std::filesystem::path> files = listing.Files();
  RecognizeFilesInPieces(
      recognizer, files, listing.sizes(), warn,
      [&](const Document& doc, Piece& piece, PieceOutput* out) {
        opt.json ? PrintJson(doc, piece, dict, suffixes, out) : PrintHuman(doc, piece, dict, suffixes, out);
      },
      [&](std::span<const Piece> pieces, const PieceOutput& out) {
        std::fwrite(out.out.data(), 1, out.out.size(), stdout);
        std::fwrite(out.err.data(), 1, out.err.size(), stderr);
        for (const Piece& piece : pieces) {
          documents += piece.first;
          for (const Mention& m : piece.part.mentions) (m.ambiguous() ? ambiguous : mentions)++;
        }
      });
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
  cmd->add_option("--threads", opt->threads, "Threads to recognize with (default: one per core); output is the same");
  cmd->add_flag("-q,--quiet", opt->quiet, "No warnings or summary on stderr");
  cmd->callback([opt] { RunExtract(*opt); });
}

}  // namespace entgraph::cli
