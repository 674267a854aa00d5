#!/usr/bin/env python3
"""Measures `entgraph dict suggest` against a hand list of a corpus's entities.

The hand list is a dictionary folder (by default the shipped dictionaries/, made by reading the
seed articles). suggest runs with an empty dictionary, as on a new corpus, and its top N
suggestions are compared with the hand list: a suggestion is right when its name or one of its
proposed aliases is a name or alias of a hand-listed entity (compared ignoring case, accents,
dashes and punctuation).

  recall    = hand-listed entities found / hand-listed entities
  precision = suggestions that are hand-listed entities / suggestions

Usage: scripts/suggest_quality.py ENTGRAPH CORPUS [--dict dictionaries] [--limit 100] [--min-count 1]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata


def norm(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def load_hand_list(folder):
    entities = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".tsv"):
            continue
        for line in open(os.path.join(folder, name), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            forms = [cols[1]] + ([a for a in cols[2].split("|") if a] if len(cols) > 2 else [])
            entities.append((cols[0], cols[1], {norm(f) for f in forms}))
    return entities


def main():
    p = argparse.ArgumentParser()
    p.add_argument("entgraph")
    p.add_argument("corpus")
    p.add_argument("--dict", default="dictionaries")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--min-count", type=int, default=1)
    a = p.parse_args()
    hand = load_hand_list(a.dict)
    with tempfile.TemporaryDirectory() as empty:
        out = subprocess.run([a.entgraph, "dict", "suggest", "--dict", empty, "--corpus", a.corpus, "--json", "-q",
                              "--limit", str(a.limit), "--min-count", str(a.min_count)],
                             check=True, capture_output=True, text=True).stdout
    suggestions = json.loads(out)
    found, right, typed = set(), 0, 0
    for s in suggestions:
        forms = {norm(s["name"])} | {norm(x) for x in s["aliases"]}
        hits = [i for i, (_, _, f) in enumerate(hand) if forms & f]
        if hits:
            right += 1
            found.update(hits)
            typed += any(hand[i][0] == s["type"] for i in hits)
    missed = [hand[i][1] for i in range(len(hand)) if i not in found]
    by_type = {}
    for i, (t, _, _) in enumerate(hand):
        n, f = by_type.get(t, (0, 0))
        by_type[t] = (n + 1, f + (i in found))
    print(f"suggestions: {len(suggestions)} (top {a.limit}, min count {a.min_count})")
    print(f"recall:      {len(found)}/{len(hand)} = {len(found) / len(hand):.0%} of hand-listed entities")
    for t, (n, f) in sorted(by_type.items()):
        print(f"  {t:13s} {f}/{n} = {f / n:.0%}")
    print(f"precision:   {right}/{len(suggestions)} = {right / max(len(suggestions), 1):.0%} of suggestions are hand-listed entities")
    print(f"types:       {typed}/{right} right suggestions have the hand list's type")
    print("missed:      " + ", ".join(missed))


if __name__ == "__main__":
    sys.exit(main())
