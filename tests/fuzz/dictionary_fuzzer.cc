// libFuzzer target: the dictionary parser, and compiling what it accepts into a matcher.
// Malformed input must end in entgraph::Error with a FILE:LINE message, never a crash.
#include <cstdint>
#include <string>

#include "common/error.h"
#include "dictionary/dictionary.h"
#include "recognizer/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  entgraph::Dictionary dict;
  try {
    dict.Parse(text, "fuzz.tsv");
  } catch (const entgraph::Error& e) {
    const std::string what = e.what();
    if (what.rfind("fuzz.tsv:", 0) != 0) __builtin_trap();  // every parse error names FILE:LINE
    return 0;
  }
  const entgraph::Matcher matcher(dict);
  return 0;
}
