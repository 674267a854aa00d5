#!/usr/bin/env python3
"""Writes a synthetic dictionary of N aliases (N/4 entities with a name and three aliases), with
Latin names with accents, Cyrillic and Arabic ones mixed in, for the dictionary-loading benchmark.

  python3 bench/gen_dictionary.py 1000000 > bench/data/aliases-1m.tsv
"""
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(11)
LATIN = "abcdefghijklmnoprstuvwyzéèüöçñ"
CYRILLIC = "абвгдежзиклмнопрстуфхцчшыэюя"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def word(alphabet, first_upper=True):
    w = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 9)))
    return w[0].upper() + w[1:] if first_upper else w


for i in range(n // 4):
    alphabet = LATIN if i % 10 < 7 else CYRILLIC if i % 10 < 9 else ARABIC
    first, last = word(alphabet), word(alphabet)
    # The serial number keeps every name and alias distinct.
    name = f"{first} {last} {i}"
    aliases = [f"{last} {i}", f"{first[0]}. {last} {i}", f"{first} {i}"]
    print(f"person\t{name}\t{'|'.join(aliases)}")
