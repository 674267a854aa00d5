#include "store/packed_analysis.h"

#include <algorithm>
#include <utility>

#include "common/error.h"

namespace entgraph {
namespace {

// Writes `v` at `p`, at most kMaxVarint bytes; returns the end.
constexpr size_t kMaxVarint = 10;
char* EncodeVarint(uint64_t v, char* p) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

void PutVarint(uint64_t v, std::string* out) {
  char buf[kMaxVarint];
  out->append(buf, EncodeVarint(v, buf));
}

// Reads varints from a BLOB that came from the database, so every read is checked: a damaged file
// must give a message, not a crash.
class VarintReader {
 public:
  // `what` names the damaged thing in the message: "the stored mentions of document 7".
  VarintReader(std::string_view blob, std::string what)
      : p_(blob.data()), end_(blob.data() + blob.size()), what_(std::move(what)) {}

  uint64_t Next() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) Fail();
      const auto byte = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) return v;
    }
    Fail();
  }
  uint32_t Next32() {
    const uint64_t v = Next();
    if (v > UINT32_MAX) Fail();
    return static_cast<uint32_t>(v);
  }
  // A count of items of at least `min_bytes` each: one larger than the rest of the BLOB is damage,
  // and must not reserve gigabytes.
  size_t Count(size_t min_bytes) {
    const uint64_t n = Next();
    if (n > static_cast<uint64_t>(end_ - p_) / min_bytes) Fail();
    return static_cast<size_t>(n);
  }
  bool AtEnd() const { return p_ == end_; }
  [[noreturn]] void Fail() const {
    throw Error(what_ + " are damaged: rebuild the database with 'entgraph build'", kExitInternal);
  }

 private:
  const char* p_;
  const char* end_;
  std::string what_;
};

}  // namespace

std::optional<Span> StoredAnalysis::SentenceSpan(uint32_t no) const {
  auto it = std::lower_bound(sentences.begin(), sentences.end(), no,
                             [](const StoredSentence& s, uint32_t n) { return s.no < n; });
  if (it == sentences.end() || it->no != no) return std::nullopt;
  return it->span;
}

std::string PackAnalysis(const Analysis& analysis, const std::vector<int64_t>& ids, size_t* count) {
  AnalysisPacker packer(ids);
  packer.Reserve(analysis.mentions.size());
  packer.Add(analysis);
  return packer.Finish(count);
}

PackedDocument PackDocument(const Analysis& analysis, const std::vector<int64_t>& ids) {
  PackedDocument out;
  out.packed = PackAnalysis(analysis, ids, &out.count);
  for (const Mention& m : analysis.mentions) {
    if (!m.ambiguous()) out.entities.push_back(ids[static_cast<size_t>(m.entity)]);
  }
  std::sort(out.entities.begin(), out.entities.end());
  out.entities.erase(std::unique(out.entities.begin(), out.entities.end()), out.entities.end());
  return out;
}

void AnalysisPacker::Add(const Analysis& part, uint32_t first_sentence) {
  // One pass: mentions into one buffer, the sentences they are in into another.
  for (const Mention& m : part.mentions) {
    if (m.ambiguous()) continue;
    // A mention's or a sentence's varints are made in a buffer and appended at once: appended a
    // byte at a time, packing took 1.45 x as long (BM_PackAnalysisBrown).
    char buf[5 * kMaxVarint];
    if (n_sentences_ == 0 || m.sentence != sentence_) {  // the first mention of its sentence
      const Span s = part.sentences[m.sentence - first_sentence].span;
      char* p = EncodeVarint(m.sentence - sentence_, buf);
      p = EncodeVarint(s.start - end_, p);
      p = EncodeVarint(s.end - s.start, p);
      sentences_.append(buf, p);
      end_ = s.end;
      ++n_sentences_;
    }
    char* p = EncodeVarint(m.start - start_, buf);
    p = EncodeVarint(m.end - m.start, p);
    p = EncodeVarint(static_cast<uint64_t>(ids_[static_cast<size_t>(m.entity)]), p);
    p = EncodeVarint(m.sentence - sentence_, p);
    p = EncodeVarint(m.paragraph - paragraph_, p);
    mentions_.append(buf, p);
    start_ = m.start;
    sentence_ = m.sentence;
    paragraph_ = m.paragraph;
    ++n_;
  }
}

std::array<std::string_view, 4> AnalysisPacker::Parts(size_t* count) {
  *count = n_;
  mention_count_.clear();
  sentence_count_.clear();
  PutVarint(n_, &mention_count_);
  PutVarint(n_sentences_, &sentence_count_);
  return {mention_count_, mentions_, sentence_count_, sentences_};
}

std::string AnalysisPacker::Finish(size_t* count) {
  std::string out;
  const auto parts = Parts(count);
  out.reserve(mentions_.size() + sentences_.size() + 20);
  for (std::string_view part : parts) out += part;
  return out;
}

namespace {

// The mentions of a packed analysis, one after another.
class MentionDecoder {
 public:
  StoredMention Next(VarintReader& in) {
    StoredMention m;
    m.start = start_ += in.Next();
    m.end = m.start + in.Next();
    const uint64_t entity = in.Next();
    if (entity > static_cast<uint64_t>(INT64_MAX)) in.Fail();
    m.entity = static_cast<int64_t>(entity);
    m.sentence = sentence_ += in.Next32();
    m.paragraph = paragraph_ += in.Next32();
    return m;
  }

 private:
  size_t start_ = 0;
  uint32_t sentence_ = 0, paragraph_ = 0;
};

// The sentences after the mentions, into *out when it is given (else only checked), then the end.
void ReadSentences(VarintReader& in, std::vector<StoredSentence>* out) {
  const size_t n = in.Count(3);
  if (out != nullptr) out->resize(n);
  uint32_t no = 0;
  size_t end = 0;
  for (size_t i = 0; i < n; ++i) {
    StoredSentence s;
    const uint32_t step = in.Next32();
    if (i > 0 && step == 0) in.Fail();  // numbers must rise: SentenceSpan searches them
    s.no = no += step;
    s.span.start = end + in.Next();
    s.span.end = end = s.span.start + in.Next();
    if (out != nullptr) (*out)[i] = s;
  }
  if (!in.AtEnd()) in.Fail();
}

std::string WhatOf(int64_t doc_id) { return "the stored mentions of document " + std::to_string(doc_id); }

}  // namespace

StoredAnalysis UnpackAnalysis(std::string_view blob, int64_t doc_id) {
  VarintReader in(blob, WhatOf(doc_id));
  StoredAnalysis a;
  a.mentions.resize(in.Count(5));
  MentionDecoder mentions;
  for (StoredMention& m : a.mentions) m = mentions.Next(in);
  ReadSentences(in, &a.sentences);
  return a;
}

void ForEachPackedMention(std::string_view blob, int64_t doc_id, const std::function<void(const StoredMention&)>& fn) {
  VarintReader in(blob, WhatOf(doc_id));
  const size_t n = in.Count(5);
  MentionDecoder mentions;
  for (size_t i = 0; i < n; ++i) fn(mentions.Next(in));
  ReadSentences(in, nullptr);
}

std::string PackIds(const std::vector<int64_t>& ids) {
  std::string out;
  out.reserve(2 * ids.size() + 4);
  PutVarint(ids.size(), &out);
  int64_t last = 0;
  for (int64_t id : ids) {
    PutVarint(static_cast<uint64_t>(id - last), &out);
    last = id;
  }
  return out;
}

void UnpackIds(std::string_view blob, const std::string& what, std::vector<int64_t>* out) {
  VarintReader in(blob, what);
  const size_t n = in.Count(1);
  out->reserve(out->size() + n);
  uint64_t id = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t step = in.Next();
    if (step == 0 || step > static_cast<uint64_t>(INT64_MAX) - id) in.Fail();  // ids rise and stay positive
    id += step;
    out->push_back(static_cast<int64_t>(id));
  }
  if (!in.AtEnd()) in.Fail();
}

}  // namespace entgraph
