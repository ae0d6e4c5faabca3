#!/usr/bin/env python3
"""What a fact-checker without claimdiff would write: cut each article into sentences, and
score every pair of sentences of different articles with difflib.SequenceMatcher; print the
pairs above a threshold. The baseline of README's Performance section (issue 21).

    scripts/difflib_baseline.py fixtures/events/*/*.md
"""
import difflib
import itertools
import re
import sys

THRESHOLD = 0.6


def sentences(text):
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    parts = re.split(r"(?<=[.!?»\"])\s+|\n\s*\n", text)
    return [p.strip() for p in parts if len(p.split()) >= 4]


def main(paths):
    articles = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            articles.append((path, sentences(f.read())))
    for (pa, sa), (pb, sb) in itertools.combinations(articles, 2):
        for a, b in itertools.product(sa, sb):
            r = difflib.SequenceMatcher(None, a, b).ratio()
            if r >= THRESHOLD:
                print(f"{r:.2f}\t{pa}\t{pb}\t{a[:60]}\t{b[:60]}")


if __name__ == "__main__":
    main(sys.argv[1:])
