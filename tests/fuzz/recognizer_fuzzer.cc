// libFuzzer target: the recognizer on arbitrary bytes, with a dictionary that exercises every
// matching rule. Checks the invariants users rely on: offsets inside the text and in order,
// mentions inside their sentence and paragraph, co-occurrence pairs ordered.
#include <cstdint>
#include <string>

#include "cooccurrence/cooccurrence.h"
#include "dictionary/dictionary.h"
#include "recognizer/recognizer.h"

namespace {

const entgraph::Dictionary& Dict() {
  static const entgraph::Dictionary d = [] {
    entgraph::Dictionary dict;
    dict.Parse("person\tAlbert P. Khorev\tKhorev\norganization\tPakistan Steel Mills\tPSM\n"
               "organization\tAssociated Press of Pakistan\tAPP\nproject\tQuetta-Taftan railway\n"
               "person\tTürkiye Ünal\tÜnal\nperson\tHaroon Akhtar Khan\tKhan\nperson\tImran Khan\tKhan\n"
               "person\tВладимир Путин\tПутин\norganization\tDawn\t\tcase=sensitive\nproject\tCASA-1000\n",
               "fuzz.tsv");
    return dict;
  }();
  return d;
}

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const entgraph::Matcher matcher(Dict());
  static entgraph::Recognizer recognizer(matcher);
  const std::string text(reinterpret_cast<const char*>(data), size);
  const entgraph::Analysis a = recognizer.Analyze(text);
  size_t last = 0;
  for (const entgraph::Mention& m : a.mentions) {
    Check(m.start < m.end && m.end <= text.size() && m.start >= last);
    last = m.end;
    Check(m.sentence < a.sentences.size() && m.paragraph < a.paragraphs.size());
    const entgraph::Span s = a.sentences[m.sentence].span;
    Check(s.start <= m.start && m.end <= s.end);
    Check(a.paragraphs[m.paragraph].start <= m.start && m.end <= a.paragraphs[m.paragraph].end);
    Check(m.ambiguous() ? m.candidates.size() >= 2 : m.entity >= 0);
  }
  for (const entgraph::UnitPair& p : entgraph::CoOccurrences(a)) Check(p.a < p.b);
  return 0;
}
