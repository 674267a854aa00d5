// Google Benchmark kernels for the hot paths, on generated inputs (no files needed):
//   bench/run.sh runs them; `build/release/entgraph_bench --benchmark_filter=Matcher` runs one.
#include <benchmark/benchmark.h>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "cooccurrence/edge_counter.h"
#include "document/corpus.h"
#include "graph/graph.h"
#include "query/path.h"
#include "recognizer/compiled_dictionary.h"
#include "recognizer/matcher.h"
#include "recognizer/recognizer.h"
#include "store/packed_analysis.h"
#include "text/segmenter.h"
#include "text/sentence_rules.h"
#include "text/tokenizer.h"

namespace entgraph {
namespace {

// English-like text: common words, capitalized names from `names`, sentences and paragraphs.
std::string Text(size_t bytes, const std::vector<std::string>& names, uint32_t seed = 1) {
  static const char* kWords[] = {"the", "of", "and", "to", "in", "said", "that", "was", "for", "on", "with",
                                 "talks", "steel", "mill", "plans", "government", "agreement", "year", "new"};
  std::mt19937 rng(seed);
  std::string text;
  while (text.size() < bytes) {
    for (int s = 0; s < 5; ++s) {
      for (int w = 0; w < 14; ++w) {
        text += rng() % 12 == 0 && !names.empty() ? names[rng() % names.size()] : kWords[rng() % std::size(kWords)];
        text += ' ';
      }
      text.back() = '.';
      text += ' ';
    }
    text += "\n\n";
  }
  return text;
}

std::vector<std::string> Names(size_t n) {
  std::vector<std::string> names;
  std::mt19937 rng(7);
  for (size_t i = 0; i < n; ++i) {
    std::string name;
    for (int w = 0; w < 1 + static_cast<int>(rng() % 3); ++w) {
      name += static_cast<char>('A' + rng() % 26);
      for (int c = 0; c < 3 + static_cast<int>(rng() % 6); ++c) name += static_cast<char>('a' + rng() % 26);
      name += ' ';
    }
    name.pop_back();
    names.push_back(name);
  }
  return names;
}

Dictionary MakeDictionary(const std::vector<std::string>& names) {
  Dictionary d;
  std::string tsv;
  for (size_t i = 0; i < names.size(); ++i) tsv += "person\t" + names[i] + " " + std::to_string(i) + "\t" + names[i] + "\n";
  d.Parse(tsv, "bench.tsv");
  return d;
}

void BM_Tokenize(benchmark::State& state) {
  const std::string text = Text(1 << 20, Names(100));
  std::vector<Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    Tokenize(text, 0, text.size(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Tokenize);

void BM_Matcher(benchmark::State& state) {
  const std::vector<std::string> names = Names(static_cast<size_t>(state.range(0)));
  const Dictionary dict = MakeDictionary(names);
  const Matcher matcher(dict);
  const std::string text = Text(1 << 20, std::vector<std::string>(names.begin(), names.begin() + 100));
  std::vector<Token> tokens;
  Tokenize(text, 0, text.size(), &tokens);
  std::vector<TokenMatch> matches;
  MatchScratch scratch;
  for (auto _ : state) {
    matches.clear();
    matcher.Find(text, tokens, &matches, &scratch);
    benchmark::DoNotOptimize(matches.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["matches"] = static_cast<double>(matches.size());
}
BENCHMARK(BM_Matcher)->Arg(1000)->Arg(100000);

void BM_SentenceSplitter(benchmark::State& state) {
  const std::string text = Text(1 << 20, Names(100));
  const std::vector<Span> paragraphs = SplitParagraphs(text);
  SentenceSplitter splitter;
  std::vector<Span> sentences;
  for (auto _ : state) {
    sentences.clear();
    for (const Span& p : paragraphs) splitter.Split(text, p, {}, &sentences);
    benchmark::DoNotOptimize(sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SentenceSplitter);

// The peers of the splitter, on the same paragraphs: the UAX #29 rules alone, and ICU's sentence
// BreakIterator that they replaced (and are tested against).
void BM_SentenceRules(benchmark::State& state) {
  const std::string text = Text(1 << 20, Names(100));
  const std::vector<Span> paragraphs = SplitParagraphs(text);
  std::vector<size_t> boundaries;
  std::vector<uint32_t> scratch;
  for (auto _ : state) {
    boundaries.clear();
    for (const Span& p : paragraphs) SentenceBoundaries(std::string_view(text).substr(p.start, p.end - p.start), &boundaries, &scratch);
    benchmark::DoNotOptimize(boundaries.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SentenceRules);

void BM_IcuSentenceIterator(benchmark::State& state) {
  const std::string text = Text(1 << 20, Names(100));
  const std::vector<Span> paragraphs = SplitParagraphs(text);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  size_t count = 0;
  for (auto _ : state) {
    for (const Span& p : paragraphs) {
      UText* ut = utext_openUTF8(nullptr, text.data() + p.start, static_cast<int64_t>(p.end - p.start), &status);
      it->setText(ut, status);
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) ++count;
      utext_close(ut);
    }
    benchmark::DoNotOptimize(count);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_IcuSentenceIterator);

void BM_Recognizer(benchmark::State& state) {
  const std::vector<std::string> names = Names(10000);
  const Dictionary dict = MakeDictionary(names);
  const Matcher matcher(dict);
  Recognizer recognizer(matcher);
  const std::string text = Text(1 << 20, std::vector<std::string>(names.begin(), names.begin() + 100));
  for (auto _ : state) benchmark::DoNotOptimize(recognizer.Analyze(text).mentions.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Recognizer);

// Real text with a real gazetteer: the Brown corpus (6 MB) and the 119,077 city names that
// bench/fetch_data.sh writes to bench/data (run from the repository's root, or set
// ENTGRAPH_BENCH_DATA). Unlike the generated text, whose 19 words never leave the word cache,
// running English has tens of thousands of distinct words and a name every few words.
struct Brown {
  Dictionary dict;
  std::string text;
};

// Brown and the city names, or nullopt (the benchmark skipped, saying why) when they are missing.
std::optional<Brown> LoadBrown(benchmark::State& state) {
  const char* env = std::getenv("ENTGRAPH_BENCH_DATA");
  const std::filesystem::path data = env ? env : "bench/data";
  if (!std::filesystem::exists(data / "brown.txt") || !std::filesystem::exists(data / "cities.tsv")) {
    state.SkipWithError("no bench/data/brown.txt or cities.tsv: run bench/fetch_data.sh");
    return std::nullopt;
  }
  const std::optional<Document> doc = ReadDocument(data / "brown.txt", [](const std::string&) {});
  return Brown{Dictionary::Load(data / "cities.tsv"), std::string(doc ? doc->text : std::string_view())};
}

// The recognizer on Brown with the city names.
void BM_RecognizerBrown(benchmark::State& state) {
  const std::optional<Brown> brown = LoadBrown(state);
  if (!brown) return;
  const Matcher matcher(brown->dict);
  Recognizer recognizer(matcher);
  const std::string& text = brown->text;
  size_t mentions = 0;
  for (auto _ : state) {
    mentions = recognizer.Analyze(text).mentions.size();
    benchmark::DoNotOptimize(mentions);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["mentions"] = static_cast<double>(mentions);
}
BENCHMARK(BM_RecognizerBrown)->Unit(benchmark::kMillisecond);

// Loading the city names with their matcher: compiled from the file (arg 0), and read back from
// the compiled dictionary cache (arg 1), in the same run.
void BM_LoadCitiesDictionary(benchmark::State& state) {
  const char* env = std::getenv("ENTGRAPH_BENCH_DATA");
  const std::filesystem::path data = env ? env : "bench/data";
  if (!std::filesystem::exists(data / "cities.tsv")) {
    state.SkipWithError("no bench/data/cities.tsv: run bench/fetch_data.sh");
    return;
  }
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "entgraph-bench-cache";
  const DictionaryCache cache{state.range(0) ? folder : std::filesystem::path()};
  if (state.range(0)) CompiledDictionary::Load(data / "cities.tsv", cache).TakeMatcher();  // written once
  size_t nodes = 0;
  for (auto _ : state) {
    CompiledDictionary c = CompiledDictionary::Load(data / "cities.tsv", cache);
    nodes = c.TakeMatcher()->node_count();
    benchmark::DoNotOptimize(nodes);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}
BENCHMARK(BM_LoadCitiesDictionary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Brown with the city names and what the recognizer finds in it, or nullopt (the benchmark
// skipped) when the data is missing: the input of the kernels of a build's storing thread.
struct BrownMentions {
  Brown brown;
  Analysis analysis;
};

std::optional<BrownMentions> LoadBrownMentions(benchmark::State& state) {
  std::optional<Brown> brown = LoadBrown(state);
  if (!brown) return std::nullopt;
  const Matcher matcher(brown->dict);
  Recognizer recognizer(matcher);
  Analysis analysis = recognizer.Analyze(brown->text);
  return BrownMentions{std::move(*brown), std::move(analysis)};
}

// Counting co-occurrences, what a build's storing thread does besides SQLite's work: the mentions
// of the Brown corpus and the city names (as BM_RecognizerBrown finds them) counted into sentence
// and paragraph links. A name every few words makes paragraphs of dozens of distinct entities:
// each round counts 450,000 (unit, pair)s of 91,000 distinct pairs (133,000 edges, sentence and
// paragraph) into a table of 4 MB; each pair's first units are beside it (10 MB, written once a
// pair and scope).
void BM_EdgeCounterBrown(benchmark::State& state) {
  const std::optional<BrownMentions> brown = LoadBrownMentions(state);
  if (!brown) return;
  const Analysis& analysis = brown->analysis;
  // One counter throughout, as in a build, where a corpus of news repeats its pairs: after the
  // first round the table holds every pair.
  EdgeCounter counter;
  int64_t round = 0;
  for (auto _ : state) counter.Add(analysis, ++round);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * analysis.mentions.size()));
  uint64_t pairs = 0;
  const std::vector<EdgeCount> edges = counter.Edges();
  for (const EdgeCount& e : edges) pairs += e.weight;
  state.counters["edges"] = static_cast<double>(edges.size());
  state.counters["pairs"] = static_cast<double>(pairs) / static_cast<double>(round);
}
BENCHMARK(BM_EdgeCounterBrown)->Unit(benchmark::kMillisecond);

// Packing mentions as a build stores them (store/packed_analysis.h), what a build's storing thread
// does for a long document besides counting: the mentions of the Brown corpus and the city names.
void BM_PackAnalysisBrown(benchmark::State& state) {
  const std::optional<BrownMentions> brown = LoadBrownMentions(state);
  if (!brown) return;
  const Analysis& analysis = brown->analysis;
  std::vector<int64_t> ids(brown->brown.dict.entities().size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int64_t>(i) + 1;
  size_t bytes = 0;
  for (auto _ : state) {
    AnalysisPacker packer(ids);
    packer.Add(analysis);
    size_t count = 0;
    bytes = 0;
    for (std::string_view part : packer.Parts(&count)) bytes += part.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * analysis.mentions.size()));
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PackAnalysisBrown)->Unit(benchmark::kMillisecond);

// Shortest path between random pairs of a power-law graph of n entities and ~10n edges.
void BM_PathSearch(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  std::vector<EntityInfo> entities(n);
  for (size_t i = 0; i < n; ++i) entities[i] = EntityInfo{static_cast<int64_t>(i + 1), "e" + std::to_string(i), "person", {}, 1, 1};
  EntityGraph g(std::move(entities), Scope::kSentence);
  std::mt19937 rng(3);
  std::vector<Vertex> ends;  // preferential attachment: popular entities get more links
  for (Vertex v = 1; v < n; ++v) {
    for (int k = 0; k < 10; ++k) {
      const Vertex u = ends.empty() || rng() % 2 ? static_cast<Vertex>(rng() % v) : ends[rng() % ends.size()];
      if (u == v) continue;
      g.AddEdge(u, v, EdgeData{1 + static_cast<int64_t>(rng() % 5), 0.5});
      ends.push_back(u);
      ends.push_back(v);
    }
  }
  for (auto _ : state) {
    const Vertex a = rng() % n, b = rng() % n;
    if (a == b) continue;
    benchmark::DoNotOptimize(FindPaths(g, a, b, {}).size());
  }
}
BENCHMARK(BM_PathSearch)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace entgraph
