#!/usr/bin/env bash
# Installs what is missing, builds entgraph, and runs the main job on the shipped sample corpus:
# build the database, draw the diagram (output/graph.svg and .png), and answer a path query.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"$(nproc)" --target entgraph
entgraph=build/release/entgraph
export ENTGRAPH_DB=output/entgraph.db

echo "== entgraph build --dict dictionaries --corpus sample/corpus"
$entgraph build --dict dictionaries --corpus sample/corpus
echo
echo "== entgraph render (output/graph.svg and output/graph.png)"
$entgraph render -o output/graph.svg
$entgraph render -o output/graph.png
echo
echo "== entgraph path 'Vadim Velichko' IMF"
$entgraph path "Vadim Velichko" IMF
