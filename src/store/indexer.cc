#include "store/indexer.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <memory>
#include <numeric>
#include <set>
#include <span>
#include <unordered_map>

#include "common/error.h"
#include "cooccurrence/counting_thread.h"
#include "recognizer/parallel.h"
#include "store/packed_analysis.h"
#include "store/replacement.h"
#include "store/store.h"
#include "text/normalize.h"

namespace entgraph {
namespace {

using Clock = std::chrono::steady_clock;

// How much text a build reads between two calls to Replacement::StartWriteback.
constexpr size_t kWritebackBytes = size_t{32} << 20;

void Summarize(Store& store, IndexSummary* s) {
  s->documents = store.Count("SELECT count(*) FROM documents");
  s->mentions = store.Count("SELECT coalesce(sum(mentions), 0) FROM doc_mentions");
  s->entities_found = store.Count("SELECT count(*) FROM entity_stats");
  s->entities_known = store.Count("SELECT count(*) FROM entities");
  for (Scope scope : {Scope::kSentence, Scope::kParagraph}) {
    s->edges[static_cast<int>(scope)] =
        store.Count("SELECT count(*) FROM edges WHERE scope = " + std::to_string(static_cast<int>(scope)));
  }
}

// The whole command's time, commit included: with a large database the commit is seconds.
double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A build's entities, saved on a thread of their own while its first documents are read and
// recognized (a gazetteer's 118,025 took a tenth of a second, with one core idle). The database
// has one connection, used by one thread at a time: what reads or writes it waits for them.
// Empty for add and refresh, whose entities are stored before their documents are read.
class SavingEntities {
 public:
  SavingEntities() = default;
  explicit SavingEntities(std::shared_future<void> saving) : saving_(std::move(saving)) {}
  bool in_build() const { return saving_.valid(); }
  // Returns once they are saved; throws what saving them threw.
  void Wait() const {
    if (saving_.valid()) saving_.get();
  }

 private:
  std::shared_future<void> saving_;
};

// Opens a database that `entgraph build` made, for `command` to change.
Store OpenBuilt(const std::string& db_path, const std::string& command) {
  Store store = Store::OpenForWriting(db_path);
  if (!store.Meta("schema_version")) {
    throw Error("no database at '" + db_path + "': run 'entgraph build' before 'entgraph " + command + "'");
  }
  return store;
}

size_t CountAmbiguous(const Analysis& a) {
  size_t n = 0;
  for (const Mention& m : a.mentions) n += m.ambiguous();
  return n;
}

// What a group's documents become on the thread that recognized them (PieceOutput::kept): their
// mentions packed as they are stored, so that the storing thread, the one that limits a build of
// many short documents, is left with the database's work and counting the co-occurrences.
// (Counting a group's co-occurrences there too, its distinct pairs merged on the storing thread,
// was slower: more work in all, on two cores that were both busy.)
struct PackedGroup {
  struct Doc {
    std::string packed;             // PackAnalysis
    size_t mentions = 0;            // packed
    size_t ambiguous = 0;           // mentions linked to no entity
    std::vector<int64_t> entities;  // distinct ids, rising
  };
  std::vector<Doc> docs;  // as many as the group's, or more: the slot's memory is reused
};

void Pack(const std::vector<int64_t>& ids, const Piece& piece, PieceOutput* out) {
  auto* group = std::any_cast<PackedGroup>(&out->kept);
  if (group == nullptr) group = &out->kept.emplace<PackedGroup>();
  if (group->docs.size() <= piece.doc) group->docs.resize(piece.doc + 1);
  PackedGroup::Doc& doc = group->docs[piece.doc];
  doc.packed = PackAnalysis(piece.part, ids, &doc.mentions);
  doc.ambiguous = CountAmbiguous(piece.part);
  doc.entities.clear();
  for (const Mention& m : piece.part.mentions) {
    if (!m.ambiguous()) doc.entities.push_back(ids[static_cast<size_t>(m.entity)]);
  }
  std::sort(doc.entities.begin(), doc.entities.end());
  doc.entities.erase(std::unique(doc.entities.begin(), doc.entities.end()), doc.entities.end());
}

// A short file's mentions are copied for the counting thread; one of more mentions than this is
// counted where it is, once the counting thread has caught up: copied, a file of names just short
// of long_file_bytes would have held hundreds of megabytes twice.
constexpr size_t kCountInPlace = size_t{1} << 18;

// Reads and stores `files`, none of them long: read, recognized and packed in groups on the
// threads (ParallelRecognizer::RecognizeGroups, which calls Pack there), stored here in file order
// while later groups are recognized, and counted (with a counter) on a thread of their own.
void AddShortFiles(Store& store, ParallelRecognizer& recognizer, const std::vector<int64_t>& ids,
                   std::span<const std::string> files, std::span<const uintmax_t> sizes,
                   const std::function<void(size_t, uint64_t)>& read, const WarningSink& warn, IndexSummary* s,
                   EdgeCounter* counter, const SavingEntities& saving) {
  std::optional<CountingThread> counting;
  if (counter != nullptr) counting.emplace(counter);
  size_t done = 0, bytes = 0;
  uint64_t sized = 0;  // the sizes of the files of the groups stored
  recognizer.RecognizeGroups(
      files, sizes, warn, [&](const Document&, Piece& piece, PieceOutput* out) { Pack(ids, piece, out); },
      [&](const DocumentGroup& group) {
        saving.Wait();
        const size_t done_before = done;
        const auto* packed = std::any_cast<PackedGroup>(&group.output.kept);
        std::vector<CountedDocument> to_count;
        for (size_t d = 0; d < group.docs.size(); ++d) {
          const Document& doc = group.docs[d];
          const Analysis& a = group.pieces[d].part;
          const PackedGroup::Doc& found = packed->docs[d];
          ++s->read;
          bytes += doc.text.size();
          read(++done, bytes);
          const std::string hash = ContentHash(doc.text);
          if (store.FindDocument(doc.text, hash)) {
            ++s->duplicates;
            continue;
          }
          const int64_t doc_id = store.AddDocumentText(doc, hash);
          s->ambiguous += found.ambiguous;
          ++s->added;
          if (counting && a.mentions.size() >= kCountInPlace) {
            counting->Add(std::move(to_count));  // the group's documents before it first
            to_count.clear();
            counting->Wait();
            counter->Add(a, doc_id, &ids);
          } else if (counting) {
            to_count.push_back(ForCounting(a, doc_id, ids));
          }
          const std::string_view parts[] = {found.packed};
          store.AddPackedAnalysis(doc_id, parts, found.mentions, found.entities);
        }
        if (counting) counting->Add(std::move(to_count));
        // The group done, its files' sizes: those of files skipped too, so that the bytes reach
        // the total the time left is reckoned from.
        for (size_t f = done_before; f < done_before + group.files; ++f) sized += sizes[f];
        done = done_before + group.files;
        bytes = std::max<uint64_t>(bytes, sized);
        read(done, bytes);
      });
  if (counting) counting->Finish();
}

// What is found in a long text, recognized in pieces (ParallelRecognizer::AnalyzeInPieces) and
// packed as they come: memory holds the packed mentions (about 8 bytes each) and a few pieces, not
// the document's analysis (56 bytes a mention, 4.2 million mentions for 200 MB of Brown).
struct PackedPieces {
  explicit PackedPieces(const std::vector<int64_t>& ids) : packer(ids), named(ids.size(), 0) {}
  AnalysisPacker packer;
  // By dictionary index, whether a mention names the entity: a flag set for each of 4.2 million
  // mentions costs less than a hash set's look-up (a tenth of the storing thread's time).
  std::vector<char> named;
  size_t ambiguous = 0;
};

// Recognizes `text` in pieces into *out; with a counter, each piece is also counted as the
// mentions of document `doc_id`.
void RecognizeInPieces(ParallelRecognizer& recognizer, const std::vector<int64_t>& ids, std::string_view text,
                       int64_t doc_id, EdgeCounter* counter, PackedPieces* out,
                       const std::function<void(size_t)>& recognized) {
  recognizer.AnalyzeInPieces(
      {text}, [](Piece&, PieceOutput*) {},
      [&](const Piece& piece, const PieceOutput&) {
        out->packer.Add(piece.part, piece.first_sentence);
        for (const Mention& m : piece.part.mentions) {
          if (m.ambiguous()) {
            ++out->ambiguous;
          } else {
            out->named[static_cast<size_t>(m.entity)] = 1;
          }
        }
        if (counter != nullptr) counter->AddPart(piece.part, doc_id, &ids, piece.first);
        recognized(piece.end);
      });
}

// Stores what `found` holds as document `doc_id`'s mentions, in place of those stored before when
// `replace` (refresh), and counts its ambiguous mentions into *ambiguous.
void StorePieces(Store& store, const std::vector<int64_t>& ids, int64_t doc_id, PackedPieces& found, bool replace,
                 size_t* ambiguous) {
  size_t count = 0;
  const auto packed = found.packer.Parts(&count);
  std::vector<int64_t> entities;
  for (size_t i = 0; i < found.named.size(); ++i) {
    if (found.named[i]) entities.push_back(ids[i]);
  }
  if (replace) {
    store.ReplacePackedAnalysis(doc_id, packed, count, std::move(entities));
  } else {
    store.AddPackedAnalysis(doc_id, packed, count, std::move(entities));
  }
  *ambiguous += found.ambiguous;
}

// Reads and stores one long file: its text is stored on another thread, a megabyte at a time,
// while this one has it recognized in pieces, packing and counting each piece's mentions as it
// comes.
void AddLongFile(Store& store, ParallelRecognizer& recognizer, const std::vector<int64_t>& ids,
                 const std::string& file, uintmax_t size, const std::function<void(size_t, uint64_t)>& read,
                 const DocumentReader& read_document, const WarningSink& warn, IndexSummary* s, EdgeCounter* counter,
                 const SavingEntities& saving) {
  const std::optional<Document> doc = read_document(file, warn);
  if (!doc) return read(1, size);
  ++s->read;
  const std::string hash = ContentHash(doc->text);
  // A build's database holds no document before its first is added: that one repeats none, is
  // document 1, and is recognized while the entities may still be being saved.
  const bool first_of_build = saving.in_build() && s->added == 0;
  if (!first_of_build) {
    saving.Wait();
    if (store.FindDocument(doc->text, hash)) {
      ++s->duplicates;
      return read(1, size);
    }
  }
  store.CheckFits(*doc);  // before it is recognized, not when the text fails to go in after
  // The id is chosen first, so that the counter can name the document before it is stored.
  const int64_t doc_id = first_of_build ? 1 : store.NextDocumentId();
  std::future<int64_t> storing = std::async(std::launch::async, [&] {
    saving.Wait();
    return store.AddDocumentText(*doc, hash, doc_id, /*in_ranges=*/true);
  });
  PackedPieces found(ids);
  // Progress a piece at a time, so that a corpus of one large file shows its advance.
  RecognizeInPieces(recognizer, ids, doc->text, doc_id, counter, &found, [&](size_t end) { read(0, end); });
  if (storing.get() != doc_id) {
    throw Error("document " + file + " was not stored under its id", kExitInternal);
  }
  StorePieces(store, ids, doc_id, found, /*replace=*/false, &s->ambiguous);
  ++s->added;
  read(1, size);
}

// Reads and stores each file; shared by build and add. Documents are recognized on several
// threads and stored in order, so the database is the same whatever the thread count. With a
// counter (a build, whose database holds only these files), each stored document's mentions are
// also counted there, so the graph need not be read back from the database.
void AddFiles(Store& store, const Matcher& matcher, const std::vector<int64_t>& ids,
              const std::vector<std::string>& files, const IndexOptions& options, IndexSummary* s,
              EdgeCounter* counter = nullptr, const SavingEntities& saving = {}) {
  ParallelRecognizer recognizer(matcher, options.threads);
  const std::vector<uintmax_t> sizes =
      options.file_sizes.size() == files.size() ? options.file_sizes : FileSizes(files);
  // A long file is recognized in pieces and stored as they come, never held analyzed whole. (One
  // that cannot be sized is read, and reported, as usual.)
  auto is_long = [&](size_t i) { return sizes[i] >= options.long_file_bytes; };
  ProgressReport progress{0, files.size(), 0, 0};
  for (uintmax_t size : sizes) progress.total_bytes += size;
  for (size_t i = 0; i < files.size();) {
    // Progress counts over all the files, each run reporting from where the last one ended.
    const size_t done_before = progress.done;
    const uint64_t bytes_before = progress.bytes;
    auto read = [&](size_t run_done, uint64_t run_bytes) {
      progress.done = done_before + run_done;
      progress.bytes = bytes_before + run_bytes;
      options.progress(progress);
    };
    if (is_long(i)) {
      AddLongFile(store, recognizer, ids, files[i], sizes[i], read, options.read_long, options.warn, s, counter, saving);
      ++i;
      continue;
    }
    size_t end = i + 1;  // files[i] is short: the run goes on to the next long file
    while (end < files.size() && !is_long(end)) ++end;
    AddShortFiles(store, recognizer, ids, std::span(files).subspan(i, end - i), std::span(sizes).subspan(i, end - i),
                  read, options.warn, s, counter, saving);
    i = end;
  }
}

// What the recognizer can find for an entity: its surface forms as it compares them.
std::set<std::string> Signatures(const Entity& e) {
  std::set<std::string> out;
  auto add = [&](const std::string& surface) {
    out.insert(MatchKey(surface) + (Matcher::IsExactForm(e, surface) ? "\x1F" + surface : ""));
  };
  add(e.name);
  for (const auto& a : e.aliases) add(a);
  return out;
}

// Whether two entries give the same signatures because their forms and attributes are the same
// strings: most of a dictionary is unchanged between two refreshes, and folding every form of
// 118,000 entities twice, into sets, took half a second.
bool SameForms(const Entity& a, const Entity& b) {
  return a.name == b.name && a.aliases == b.aliases && a.attributes == b.attributes;
}

// The surfaces whose matches may differ between `before` and `after`: every form of an entity that
// was added, removed, or whose set of forms changed. As a dictionary, so a matcher can look for them.
Dictionary ChangedSurfaces(const Dictionary& before, const Dictionary& after) {
  // Hashed, not ordered: the probe is a set of surfaces, whatever order they are found in, and
  // two ordered maps of 118,000 keys were most of a refresh's comparing.
  std::unordered_map<std::string, const Entity*> old_by_key, new_by_key;
  old_by_key.reserve(before.entities().size());
  new_by_key.reserve(after.entities().size());
  for (const Entity& e : before.entities()) old_by_key[MatchKey(e.name)] = &e;
  for (const Entity& e : after.entities()) new_by_key[MatchKey(e.name)] = &e;
  std::set<std::string> keys;
  Dictionary probe;
  auto add_all = [&](const Entity& e) {
    std::vector<std::string> forms = e.aliases;
    forms.push_back(e.name);
    for (const std::string& f : forms) {
      if (keys.insert(MatchKey(f)).second) probe.Add(Entity{"probe", f, {}, {}, e.source});
    }
  };
  for (const auto& [key, e] : old_by_key) {
    auto it = new_by_key.find(key);
    if (it != new_by_key.end() && (SameForms(*e, *it->second) || Signatures(*e) == Signatures(*it->second))) continue;
    add_all(*e);
    if (it != new_by_key.end()) add_all(*it->second);
  }
  for (const auto& [key, e] : new_by_key) {
    if (!old_by_key.count(key)) add_all(*e);
  }
  return probe;
}

}  // namespace

IndexSummary Build(const std::string& db_path, const Dictionary& dict,
                   const std::vector<std::string>& files, const IndexOptions& options,
                   const std::function<std::unique_ptr<Matcher>()>& matcher_of_dict) {
  const auto start = Clock::now();
  IndexSummary s;
  Replacement next(db_path);
  Store& store = next.store();
  sql::Transaction tx(store.db());
  store.Reset();
  // The matcher is compiled while the entities are written (each about a tenth of a second for a
  // gazetteer of 119,000 names), and the entities go on being written while the first documents
  // are recognized. Into the empty table their ids are 1, 2, 3... in the dictionary's order
  // (SaveEntities numbers them so, and checks it), which the documents' mentions are counted and
  // packed under meanwhile.
  std::future<std::unique_ptr<Matcher>> compiling = std::async(std::launch::async, [&] {
    return matcher_of_dict ? matcher_of_dict() : std::make_unique<Matcher>(dict);
  });
  std::vector<int64_t> ids(dict.entities().size());
  std::iota(ids.begin(), ids.end(), 1);
  const SavingEntities saving(std::async(std::launch::async, [&] { store.SaveEntities(dict); }).share());
  const std::unique_ptr<Matcher> matcher = compiling.get();
  EdgeCounter counter;
  // The text goes to the disk while the build goes on, not all of it while Install waits: with
  // its journal in memory, SQLite hands pages to the system and never waits for the disk, so 200 MB
  // of documents were still to be written when the build was done (a tenth of its time).
  IndexOptions writing = options;
  uint64_t written_back = 0;
  size_t documents = 0;
  writing.progress = [&](const ProgressReport& progress) {
    // After whole documents only, as before the pieces of a long file reported: asked between
    // them, the writeback made the build of one 200 MB file slower.
    if (progress.done != documents && progress.bytes >= written_back + kWritebackBytes) {
      next.StartWriteback();
      written_back = progress.bytes;
    }
    documents = progress.done;
    options.progress(progress);
  };
  AddFiles(store, *matcher, ids, files, writing, &s, &counter, saving);
  saving.Wait();  // when no document was stored (an empty corpus, or only unreadable files), nothing waited yet
  next.StartWriteback();
  store.WriteGraph(counter);
  Summarize(store, &s);
  tx.Commit();
  next.Install();
  s.seconds = Seconds(start);
  return s;
}

IndexSummary Add(const std::string& db_path, const std::vector<std::string>& files,
                 const IndexOptions& options) {
  const auto start = Clock::now();
  IndexSummary s;
  Store store = OpenBuilt(db_path, "add");
  sql::Transaction tx(store.db());
  std::vector<int64_t> ids;
  const Dictionary dict = store.LoadDictionary(&ids);
  AddFiles(store, Matcher(dict), ids, files, options, &s);
  if (s.added > 0) store.RecomputeGraph();  // else the graph is as it was
  Summarize(store, &s);
  tx.Commit();
  s.seconds = Seconds(start);
  return s;
}

// Short documents a refresh copies out of the database to re-read on the threads at once.
constexpr size_t kRefreshBatchBytes = size_t{16} << 20;

IndexSummary Refresh(const std::string& db_path, const Dictionary& dict, const IndexOptions& options,
                     const std::function<std::unique_ptr<Matcher>()>& matcher_of_dict) {
  const auto start = Clock::now();
  IndexSummary s;
  Store store = OpenBuilt(db_path, "refresh");
  sql::Transaction tx(store.db());
  std::vector<int64_t> old_ids;
  const Dictionary probe_dict = ChangedSurfaces(store.LoadDictionary(&old_ids), dict);
  const std::vector<int64_t> ids = store.SaveEntities(dict);
  if (!probe_dict.empty()) {
    const Matcher probe_matcher(probe_dict, /*fold_only=*/true);
    const std::unique_ptr<const Matcher> matcher =
        matcher_of_dict ? matcher_of_dict() : std::make_unique<Matcher>(dict);
    ParallelRecognizer recognizer(*matcher, options.threads);
    // A probe a thread: whether a document holds a changed surface at all.
    std::vector<std::unique_ptr<Recognizer>> probes;
    for (size_t t = 0; t < recognizer.threads(); ++t) probes.push_back(std::make_unique<Recognizer>(probe_matcher));
    ProgressReport progress{0, store.Count("SELECT count(*) FROM documents"), 0,
                            store.Count("SELECT coalesce(sum(bytes), 0) FROM documents")};
    // Short documents are copied out a batch at a time, probed, re-read and packed on the threads,
    // in groups, then stored here in id order: one thread took twice a build's time to re-read the
    // documents a common name is in.
    struct Stored {
      int64_t id = 0;
      std::string text;
      bool found = false;  // the probe found a changed surface: what follows is set
      PackedDocument packed;
      size_t ambiguous = 0;
    };
    std::vector<Stored> batch;
    size_t batch_bytes = 0;
    auto flush = [&] {
      std::vector<uintmax_t> sizes;
      for (const Stored& doc : batch) sizes.push_back(doc.text.size());
      const std::vector<size_t> starts = recognizer.GroupStarts(sizes);  // group g: [starts[g], starts[g + 1])
      recognizer.ForEachInOrder(
          starts.size() - 1,
          [&](size_t worker, Recognizer& r, size_t g) {
            for (size_t i = starts[g]; i < starts[g + 1]; ++i) {
              Stored& doc = batch[i];
              if (!probes[worker]->FindsAny(doc.text)) continue;
              const Analysis a = r.Analyze(doc.text);
              doc.found = true;
              // Packed here, on the threads, its entities made distinct: storing makes sure of it
              // again, then on a short list (sorting every mention's entity there was most of it).
              doc.packed = PackDocument(a, ids);
              doc.ambiguous = CountAmbiguous(a);
            }
          },
          [&](size_t g) {
            for (size_t i = starts[g]; i < starts[g + 1]; ++i) {
              Stored& doc = batch[i];
              if (doc.found) {
                s.ambiguous += doc.ambiguous;
                const std::string_view parts[] = {doc.packed.packed};
                store.ReplacePackedAnalysis(doc.id, parts, doc.packed.count, std::move(doc.packed.entities));
                ++s.read;
              }
              progress.bytes += batch[i].text.size();
              ++progress.done;
            }
            options.progress(progress);
          });
      batch.clear();
      batch_bytes = 0;
    };
    // Streams the documents; rewriting another table while the documents are read is safe.
    store.ForEachDocument([&](int64_t id, const std::string&, std::string_view text) {
      if (text.size() < options.long_file_bytes) {
        Stored& doc = batch.emplace_back();
        doc.id = id;
        doc.text = text;
        batch_bytes += text.size();
        if (batch_bytes >= kRefreshBatchBytes) flush();
        return;
      }
      flush();  // what came before it is stored first
      const uint64_t before = progress.bytes;
      if (probes[0]->FindsAny(text)) {  // in pieces, as build reads a long file
        PackedPieces found(ids);
        RecognizeInPieces(recognizer, ids, text, id, nullptr, &found, [&](size_t end) {
          progress.bytes = before + end;
          options.progress(progress);
        });
        StorePieces(store, ids, id, found, /*replace=*/true, &s.ambiguous);
        ++s.read;
      }
      progress.bytes = before + text.size();
      ++progress.done;
      options.progress(progress);
    });
    flush();
  }
  // With no surface changed, every document's mentions and every entity's id are as they were, and
  // so is the graph: recounting it was most of a refresh that changed only a type or an attribute.
  std::vector<int64_t> old_sorted = old_ids, new_sorted = ids;
  std::sort(old_sorted.begin(), old_sorted.end());
  std::sort(new_sorted.begin(), new_sorted.end());
  if (!probe_dict.empty() || old_sorted != new_sorted) store.RecomputeGraph();
  Summarize(store, &s);
  tx.Commit();
  s.seconds = Seconds(start);
  return s;
}

}  // namespace entgraph
