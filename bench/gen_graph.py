#!/usr/bin/env python3
"""Writes a synthetic entgraph database straight into SQLite (the schema from `entgraph build`):
N entities, M sentence-scope links with power-law degrees (Chung-Lu: endpoints drawn with
probability proportional to rank^-0.75, so a few hubs have tens of thousands of links), and D
one-sentence documents, each naming the two ends of a random link, so `evidence` has text to show.

  python3 bench/gen_graph.py --entities 1000000 --edges 10000000 --docs 200000 bench/data/graph-1m.db

Prints two entities for the query benchmarks: a random linked pair far apart, and a hub.
"""
import argparse, bisect, itertools, os, random, sqlite3, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--entities", type=int, default=1_000_000)
ap.add_argument("--edges", type=int, default=10_000_000)
ap.add_argument("--docs", type=int, default=200_000)
ap.add_argument("--seed", type=int, default=5)
ap.add_argument("--entgraph", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../build/release/entgraph"))
a = ap.parse_args()
rng = random.Random(a.seed)
n = a.entities

# The schema comes from entgraph itself: a build of an empty corpus writes it. The indexes are
# dropped while the rows go in, and made again from their own SQL afterwards.
if os.path.exists(a.out):
    os.remove(a.out)
with tempfile.TemporaryDirectory() as tmp:
    dict_path = os.path.join(tmp, "one.tsv")
    open(dict_path, "w").write("person\tPlaceholder\n")
    subprocess.run([a.entgraph, "build", "-q", "--db", a.out, "--dict", dict_path, "--corpus", tmp], check=True,
                   stdout=subprocess.DEVNULL)
db = sqlite3.connect(a.out)
indexes = [sql for (sql,) in db.execute("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")]
db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; "
                 "DELETE FROM entities; DELETE FROM aliases;")
for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").fetchall():
    db.execute(f"DROP INDEX {name}")

TYPES = ["person", "organization", "project"]
name = lambda i: f"Entity {i}"
db.executemany("INSERT INTO entities VALUES(?, ?, ?, ?, '[]', '[]', 'synthetic')",
               ((i, f"entity {i}", name(i), TYPES[i % 3]) for i in range(1, n + 1)))
db.executemany("INSERT INTO aliases VALUES(?, ?)", ((f"entity {i}", i) for i in range(1, n + 1)))
print(f"{n} entities", file=sys.stderr)

# Chung-Lu: endpoint i (1-based rank) drawn with weight i^-0.75; the ids are shuffled so that hubs
# are not the smallest ids.
cum = list(itertools.accumulate((r ** -0.75 for r in range(1, n + 1))))
total = cum[-1]
ids = list(range(1, n + 1))
rng.shuffle(ids)
draw = lambda: ids[bisect.bisect(cum, rng.random() * total)]
keys = set()
while len(keys) < a.edges:
    x, y = draw(), draw()
    if x != y:
        keys.add((min(x, y) << 21) | max(x, y))
keys = sorted(keys)
print(f"{len(keys)} links", file=sys.stderr)
db.executemany("INSERT INTO edges(scope, a, b, weight, dice) VALUES(0, ?, ?, ?, ?)",
               ((k >> 21, k & ((1 << 21) - 1), w, 2.0 * w / 40) for k in keys for w in (1 + (k * 2654435761 >> 7) % 5,)))

def varints(*values):
    out = bytearray()
    for v in values:
        while v >= 0x80:
            out.append((v & 0x7F) | 0x80)
            v >>= 7
        out.append(v)
    return bytes(out)


# Each document's mentions packed as entgraph packs them (src/store/packed_analysis.h): the count,
# then (start delta, length, entity, sentence delta, paragraph delta) per mention, then the count of
# sentences and (number delta, start delta, length) per sentence. A document's entities and each
# entity's documents are packed lists of rising ids (count, then deltas).
docs, packed, entity_docs, pairs, stats = [], [], [], [], {}
for d in range(1, a.docs + 1):
    k = keys[rng.randrange(len(keys))]
    x, y = k >> 21, k & ((1 << 21) - 1)
    text = f"{name(x)} met {name(y)} in synthetic document {d}."
    docs.append((d, f"synthetic/doc-{d}.txt", f"{d:016x}", len(text), text.encode()))
    start = len(name(x)) + 5
    mentions = varints(2, 0, len(name(x)), x, 0, 0, start, len(name(y)), y, 0, 0, 1, 0, 0, len(text))
    packed.append((d, varints(2, x, y - x), mentions))
    entity_docs += ((x, d), (y, d))
    pairs.append((x, y))
    for e in (x, y):
        stats[e] = stats.get(e, 0) + 1
db.executemany("INSERT INTO documents VALUES(?, ?, ?, ?, ?)", docs)
db.executemany("INSERT INTO doc_mentions VALUES(?, 2, ?, ?)", packed)
entity_docs.sort()
db.executemany("INSERT INTO entity_docs VALUES(?, ?, ?)",
               ((e, group[0][1], varints(len(group), *(d - p for (_, d), (_, p) in zip(group, [(0, 0)] + group[:-1]))))
                for e, group in ((e, list(g)) for e, g in itertools.groupby(entity_docs, key=lambda x: x[0]))))
db.executemany("INSERT INTO entity_stats VALUES(?, ?, ?, ?, ?)", ((e, c, c, c, c) for e, c in sorted(stats.items())))
for sql in indexes:
    db.execute(sql)
db.commit()
db.execute("PRAGMA journal_mode=WAL")
db.close()
hub = ids[0]
far = (ids[rng.randrange(n // 2, n)], ids[rng.randrange(n // 2, n)])
doc_pair = pairs[0]
print(f"hub={name(hub)}\nfar_from={name(far[0])}\nfar_to={name(far[1])}\n"
      f"evidence_a={name(doc_pair[0])}\nevidence_b={name(doc_pair[1])}")
