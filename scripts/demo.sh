#!/usr/bin/env bash
# Installs what is missing, builds entgraph, and runs the main job on the shipped sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTGRAPH_TESTS=OFF -DENTGRAPH_BENCH=OFF >/dev/null
cmake --build build/release -j"$(nproc)" --target entgraph
entgraph=build/release/entgraph

echo "== Mentions of the dictionary's entities in sample/corpus"
$entgraph extract --dict dictionaries --corpus sample/corpus
