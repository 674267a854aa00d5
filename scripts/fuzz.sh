#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 600),
# starting from the seed corpus in tests/fuzz/corpus/. New inputs collect in build/fuzz/corpus-*;
# a crash leaves its input in build/fuzz/ and stops the script.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     targets: dictionary recognizer writers
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(dictionary recognizer writers)
bash scripts/setup.sh
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-dev 2>/dev/null | grep -q "ok installed"; then
  echo "fuzz: installing clang and its sanitizer runtimes" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-dev >/dev/null
fi
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DENTGRAPH_FUZZ=ON \
  -DENTGRAPH_TESTS=OFF -DENTGRAPH_BENCH=OFF >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target "${targets[@]/%/_fuzzer}"
for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus-$t"
  echo "== $t: $seconds s"
  (cd build/fuzz && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$PWD/../../tests/lsan.supp" \
    "./${t}_fuzzer" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    "corpus-$t" "../../tests/fuzz/corpus/$t" 2>&1 | tail -25)
done
