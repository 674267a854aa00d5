#!/usr/bin/env python3
"""Writes a synthetic entgraph database straight into SQLite (schema 2, as entgraph build writes
it): N entities, M sentence-scope links with power-law degrees (Chung-Lu: endpoints drawn with
probability proportional to rank^-0.75, so a few hubs have tens of thousands of links), and D
one-sentence documents, each naming the two ends of a random link, so `evidence` has text to show.

  python3 bench/gen_graph.py --entities 1000000 --edges 10000000 --docs 200000 bench/data/graph-1m.db

Prints two entities for the query benchmarks: a random linked pair far apart, and a hub.
"""
import argparse, bisect, itertools, os, random, sqlite3, sys

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--entities", type=int, default=1_000_000)
ap.add_argument("--edges", type=int, default=10_000_000)
ap.add_argument("--docs", type=int, default=200_000)
ap.add_argument("--seed", type=int, default=5)
a = ap.parse_args()
rng = random.Random(a.seed)
n = a.entities

if os.path.exists(a.out):
    os.remove(a.out)
db = sqlite3.connect(a.out)
db.executescript("""
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(id INTEGER PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL, bytes INTEGER NOT NULL,
  text BLOB NOT NULL);
CREATE INDEX documents_hash ON documents(hash);
CREATE TABLE entities(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
  aliases TEXT NOT NULL, attributes TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE aliases(key TEXT NOT NULL, entity_id INTEGER NOT NULL, PRIMARY KEY(key, entity_id)) WITHOUT ROWID;
CREATE TABLE mentions(doc_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  entity_id INTEGER NOT NULL, sentence INTEGER NOT NULL, paragraph INTEGER NOT NULL,
  PRIMARY KEY(doc_id, start)) WITHOUT ROWID;
CREATE TABLE sentences(doc_id INTEGER NOT NULL, no INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, PRIMARY KEY(doc_id, no)) WITHOUT ROWID;
CREATE TABLE paragraphs(doc_id INTEGER NOT NULL, no INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, PRIMARY KEY(doc_id, no)) WITHOUT ROWID;
CREATE TABLE edges(scope INTEGER NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL,
  weight INTEGER NOT NULL, dice REAL NOT NULL, first_doc INTEGER NOT NULL DEFAULT 0,
  first_unit INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(scope, a, b)) WITHOUT ROWID;
CREATE TABLE entity_stats(entity_id INTEGER PRIMARY KEY, mentions INTEGER NOT NULL,
  documents INTEGER NOT NULL, paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL);
INSERT INTO meta VALUES('schema_version', '2');
""")

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
db.execute("CREATE INDEX edges_b ON edges(scope, b, weight, dice)")

docs, mentions, stats = [], [], {}
for d in range(1, a.docs + 1):
    k = keys[rng.randrange(len(keys))]
    x, y = k >> 21, k & ((1 << 21) - 1)
    text = f"{name(x)} met {name(y)} in synthetic document {d}."
    docs.append((d, f"synthetic/doc-{d}.txt", f"{d:016x}", len(text), text.encode()))
    mentions.append((d, 0, len(name(x)), x, 0, 0))
    start = len(name(x)) + 5
    mentions.append((d, start, start + len(name(y)), y, 0, 0))
    for e in (x, y):
        stats[e] = stats.get(e, 0) + 1
db.executemany("INSERT INTO documents VALUES(?, ?, ?, ?, ?)", docs)
db.executemany("INSERT INTO mentions VALUES(?, ?, ?, ?, ?, ?)", mentions)
db.executemany("INSERT INTO sentences VALUES(?, 0, 0, ?)", ((d[0], d[3]) for d in docs))
db.executemany("INSERT INTO paragraphs VALUES(?, 0, 0, ?)", ((d[0], d[3]) for d in docs))
db.executemany("INSERT INTO entity_stats VALUES(?, ?, ?, ?, ?)", ((e, c, c, c, c) for e, c in sorted(stats.items())))
db.execute("CREATE INDEX mentions_entity ON mentions(entity_id, doc_id, paragraph, sentence)")
db.commit()
db.execute("PRAGMA journal_mode=WAL")
db.close()
hub = ids[0]
far = (ids[rng.randrange(n // 2, n)], ids[rng.randrange(n // 2, n)])
doc_pair = (mentions[0][3], mentions[1][3])
print(f"hub={name(hub)}\nfar_from={name(far[0])}\nfar_to={name(far[1])}\n"
      f"evidence_a={name(doc_pair[0])}\nevidence_b={name(doc_pair[1])}")
