#!/usr/bin/env python3
"""Writes a synthetic corpus in three scripts with names of a bench/gen_dictionary.py dictionary
planted at a known rate, and the list of what was planted, so that a run can check recall and
precision as well as speed.

  python3 bench/gen_corpus.py --dict bench/data/aliases-1m.tsv --mb 50 \\
      --out bench/data/multiscript.txt --truth bench/data/multiscript.truth.tsv

Paragraphs are Latin with accents (70 %), Cyrillic (20 %) or Arabic (10 %) filler words (random
lowercase words without digits, so no filler can be a name: every generated name ends with its
serial number). One word slot in --every is a planted name, in one of the forms a reader meets:
the canonical name, an alias, ALL CAPS, lowercase, or without its accents (Latin); Arabic names
have no case and are planted as written. The truth file has one line per planted mention:
start byte, end byte (as entgraph reports them) and the canonical name.
"""
import argparse, random, unicodedata

SCRIPTS = {
    "latin": "abcdefghijklmnoprstuvwyzéèüöçñ",
    "cyrillic": "абвгдежзиклмнопрстуфхцчшыэюя",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}


def script_of(name):
    c = name[0]
    return "arabic" if "\u0600" <= c <= "\u06ff" else "cyrillic" if "\u0400" <= c <= "\u04ff" else "latin"


def strip_accents(s):
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dict", required=True)
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--every", type=int, default=25, help="one planted name per this many words")
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    a = ap.parse_args()
    rng = random.Random(17)

    entities = []  # (canonical, [surface forms])
    for line in open(a.dict, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2:
            entities.append((cols[1], [cols[1]] + (cols[2].split("|") if len(cols) > 2 and cols[2] else [])))
    fillers = {s: ["".join(rng.choice(abc) for _ in range(rng.randint(2, 10))) for _ in range(3000)]
               for s, abc in SCRIPTS.items()}

    def surface(name, forms):
        form = rng.choice(forms)
        if script_of(name) == "arabic":
            return form
        how = rng.randrange(5)
        if how == 0:
            return form.upper()
        if how == 1:
            return form.lower()
        if how == 2 and script_of(name) == "latin":
            return strip_accents(form)
        return form

    limit = int(a.mb * 1_000_000)
    size, planted = 0, 0
    with open(a.out, "wb") as out, open(a.truth, "w", encoding="utf-8") as truth:
        while size < limit:
            script = "latin" if rng.random() < 0.7 else "cyrillic" if rng.random() < 2 / 3 else "arabic"
            sentences = []
            for _ in range(rng.randint(2, 6)):
                words = []
                for _ in range(rng.randint(6, 24)):
                    if rng.randrange(a.every) == 0:
                        name, forms = rng.choice(entities)
                        words.append((surface(name, forms), name))
                    else:
                        words.append((rng.choice(fillers[script]), None))
                first = words[0][0]
                if words[0][1] is None:
                    words[0] = (first[0].upper() + first[1:], None)
                sentences.append(words)
            paragraph = b""
            for s_index, words in enumerate(sentences):
                for w_index, (text, name) in enumerate(words):
                    if paragraph:
                        paragraph += b" "
                    piece = text.encode("utf-8")
                    if name is not None:
                        start = size + len(paragraph)
                        truth.write(f"{start}\t{start + len(piece)}\t{name}\n")
                        planted += 1
                    paragraph += piece
                paragraph += b"."
            out.write(paragraph + b"\n\n")
            size += len(paragraph) + 2
    print(f"wrote {size / 1e6:.1f} MB with {planted} planted names")


if __name__ == "__main__":
    main()
