// Sentence boundaries by the rules of Unicode's UAX #29 (SB1-SB998), without a break iterator.
//
// ICU's sentence BreakIterator implements the same rules as a general state machine over UText;
// on running text it managed 84 MB/s and was the slowest step of recognition. Breaks can only
// follow a sentence terminator (. ! ? and their kin in other scripts) or a paragraph separator, so
// this walks the text once, classifies each character with ICU's own Sentence_Break property
// (ASCII from a table made from that property), and looks closer only around terminators.
//
// It must give ICU's answers: sentence_rules_test.cc checks it against ICU's iterator on random
// strings drawn from every Sentence_Break class, in the manner of RE2's engine cross-checks.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace entgraph {

// Appends to *out the byte offsets of the sentence boundaries of `text` after its start, in order;
// the last is text.size() when the text is not empty (as ICU's BreakIterator::next() reports them).
// `classes` is scratch space, reused between calls.
void SentenceBoundaries(std::string_view text, std::vector<size_t>* out, std::vector<uint32_t>* classes);

}  // namespace entgraph
