#!/usr/bin/env python3
"""Compares the comparison categories of two runs on the same input, provider ALL rows only:
how many providers move category, per measure, from the first run (old rule) to the second
(new rule), and how many providers with nothing planted are flagged better or worse in each.

    scripts/compare-categories.py OLD_OUT NEW_OUT [TRUTH_JSON]

OLD_OUT and NEW_OUT are output folders of `casecard run` (their results/measure_results.csv
is read); TRUTH_JSON is the generator's truth.json, naming the planted providers. Standard
library only.
"""
import csv
import json
import sys
from collections import Counter, defaultdict


def categories(out):
    rows = {}
    with open(f"{out}/results/measure_results.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["provider_id"] != "STATE" and r["cm_type"] == "ALL" and r["stratifier"] == "all":
                rows[(r["period"], r["measure_id"], r["provider_id"])] = r["category"]
    return rows


def main():
    old, new = categories(sys.argv[1]), categories(sys.argv[2])
    planted = {}
    if len(sys.argv) > 3:
        truth = json.load(open(sys.argv[3]))
        planted = {p["provider_id"]: p for p in truth["providers"] if p["planted"] in ("better", "worse")}
    moved = defaultdict(Counter)
    flagged = defaultdict(lambda: [0, 0, 0])  # rated typical providers, flagged old, flagged new
    wrong_way = defaultdict(lambda: [0, 0])  # planted providers rated opposite to their verdict
    found = defaultdict(lambda: [0, 0, 0])  # planted (provider, period) rows rated, found old, found new
    for key in sorted(set(old) | set(new)):
        period, measure, provider = key
        a, b = old.get(key, ""), new.get(key, "")
        if a != b:
            moved[measure][f"{a} -> {b}"] += 1
        if provider in planted:
            verdict = planted[provider]["planted"]
            opposite = "worse" if verdict == "better" else "better"
            if measure in planted[provider]["expected"]:
                wrong_way[measure][0] += a == opposite
                wrong_way[measure][1] += b == opposite
                if a != "too few":
                    found[measure][0] += 1
                    found[measure][1] += a == verdict
                    found[measure][2] += b == verdict
        elif a != "too few":
            f = flagged[measure]
            f[0] += 1
            f[1] += a in ("better", "worse")
            f[2] += b in ("better", "worse")
    print("| measure | providers moved (all periods) | how | typical providers flagged, old → new (of rated) | planted providers found, old → new (of rated) | planted the wrong way, old → new |")
    print("|---|---|---|---|---|---|")
    for m in sorted(set(k[1] for k in old) | set(k[1] for k in new)):
        how = ", ".join(f"{k} {v}" for k, v in moved[m].most_common())
        f = flagged[m]
        w = wrong_way[m]
        g = found[m]
        print(f"| {m} | {sum(moved[m].values())} | {how} | {f[1]} → {f[2]} (of {f[0]}) | {g[1]} → {g[2]} (of {g[0]}) | {w[0]} → {w[1]} |")


if __name__ == "__main__":
    main()
