#!/usr/bin/env python3
"""Check the partitioning rule of docs/scale.md on one machine: run claimdiff once over a
corpus, then once per (language, date window) partition, keep the groups each partition
owns, and count how many of the whole run's groups the partitions give back, exactly.

    scripts/partition_check.py bench-corpus/1k --window 28 -- --semantic off

A partition of window k holds the articles dated in its core [k*W, (k+1)*W) days and in
margins (--margin, default EVENT_DAYS) on either side; it owns the groups whose earliest
article is in its core. Articles without a day (`date` null, or known to the month only) make one partition
per language. Claims are matched across runs by their file and byte offset, as an engine
would match them (ids such as a3.c7 are those of one run).
"""

import argparse
import datetime
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

EVENT_DAYS = 14  # src/align/group.rs: weak pairs never align across a longer gap
EPOCH = datetime.date(1970, 1, 1)


def lines(cmd):
    """The records claimdiff writes with --format jsonl, and the run's wall time."""
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode > 1:
        sys.exit(f"{' '.join(cmd[:3])} …: exit {out.returncode}: {out.stderr.strip()}")
    return [json.loads(l) for l in out.stdout.splitlines()], time.perf_counter() - started


def day(article):
    """Days since 1970 of an article dated to the day, else None."""
    d = article.get("date") or ""
    return (datetime.date.fromisoformat(d) - EPOCH).days if len(d) == 10 else None


def groups_of(records, owns=lambda days: True):
    """The groups of a run as sets of (path, start), those `owns` keeps by member days."""
    articles = {r["id"]: r for r in records if r["record"] == "article"}
    claims = {r["id"]: r for r in records if r["record"] == "claim"}
    kept = set()
    for g in (r for r in records if r["record"] == "group"):
        members = [claims[c] for c in g["claims"]]
        days = [day(articles[c["article"]]) for c in members]
        if owns(days):
            key = frozenset((articles[c["article"]]["path"], c["start"]) for c in members)
            kept.add((key, bool(g.get("link"))))
    return kept


def pairs_of(groups):
    """The claim pairs that share a group (links aside)."""
    return {(x, y) for key, link in groups if not link for x in key for y in key if x < y}


def partitions(articles, window, margin):
    """(language, window) → the paths of its articles; undated articles per language."""
    parts = defaultdict(list)
    for a in articles:
        d = day(a)
        if d is None:
            parts[(a["lang"], "undated")].append(a["path"])
            continue
        k = d // window
        parts[(a["lang"], k)].append(a["path"])
        if d - k * window < margin:
            parts[(a["lang"], k - 1)].append(a["path"])
        if (k + 1) * window - d <= margin:
            parts[(a["lang"], k + 1)].append(a["path"])
    return parts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--window", type=int, default=28, help="days of a partition's core")
    p.add_argument("--margin", type=int, default=EVENT_DAYS, help="days read either side")
    p.add_argument("--claimdiff", default="target/release/claimdiff")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    a = p.parse_args(argv[:cut])
    a.flags = argv[cut + 1:]  # more flags for compare, after --
    if a.window < a.margin:
        sys.exit(f"--window {a.window}: a core of at least the margin ({a.margin} days), so "
                 "that an article is in the margins of its two neighbours only")
    files = sorted(str(f) for f in a.corpus.rglob("*.md"))
    compare = [a.claimdiff, "compare", "--format", "jsonl", "-q", "--fail-on", "never", *a.flags]
    listing, _ = lines([a.claimdiff, "claims", "--format", "jsonl", "-q", *files])
    articles = [r for r in listing if r["record"] == "article"]
    whole, whole_time = lines(compare + files)
    expected = groups_of(whole)
    found, times, sizes = set(), [], []
    for (lang, k), paths in sorted(partitions(articles, a.window, a.margin).items(), key=str):
        if len(paths) < 2:
            continue
        records, took = lines(compare + paths)
        times.append(took)
        sizes.append(len(paths))
        if k == "undated":
            found |= groups_of(records)
        else:
            core = range(k * a.window, (k + 1) * a.window)
            found |= groups_of(records, lambda days: min(d for d in days if d is not None) in core)
    # A claim is in one group at most, links aside (a link joins claims of two groups).
    claims = [c for key, link in found if not link for c in key]
    print(f"one run: {len(files)} articles, {len(expected)} groups, {whole_time:.1f} s")
    print(f"{len(sizes)} partitions of {min(sizes)}–{max(sizes)} articles (window {a.window} "
          f"days + {a.margin} each side; {sum(sizes) / len(files):.2f} reads per article), "
          f"{sum(times):.1f} s in all, {max(times):.1f} s the longest")
    same = expected & found
    print(f"groups of the one run the partitions give back exactly: {len(same)} of "
          f"{len(expected)} ({100 * len(same) / max(len(expected), 1):.1f} %); "
          f"groups only the partitions make: {len(found - expected)}; "
          f"claims in two owned groups: {len(claims) - len(set(claims))}")
    pairs, got = pairs_of(expected), pairs_of(found)
    print(f"claim pairs grouped together by the one run that the partitions group together: "
          f"{100 * len(pairs & got) / max(len(pairs), 1):.1f} % of {len(pairs)}; "
          f"pairs only the partitions group: {len(got - pairs)}")


if __name__ == "__main__":
    main()
