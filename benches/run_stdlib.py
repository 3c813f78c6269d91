#!/usr/bin/env python3
"""Standard-library benchmarks: apy against CPython 3.11 on the programs of
benches/stdlib/ (json and re on ~10 MB inputs, issue #11's targets: ratio <= 1.0).

Each program times its own heavy part and prints `elapsed <seconds>` on stderr, and a
checksum line on stdout that must be the same under both interpreters. Runs alternate
between apy and the real CPython binary; the ratio is of the medians.

    benches/run_stdlib.py [--apy target/release/apy] [--pairs 5] [--only json_loads]
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = ["json_dumps", "json_loads", "re_sub"]
TARGET = 1.0


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    secs = [float(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("elapsed ")]
    return secs[-1], p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--apy", default=os.path.join(HERE, "..", "target", "release", "apy"))
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    only = [p for p in args.only.split(",") if p]
    failed = False
    print(f"{'program':<12} {'apy':>8} {'CPython':>8} {'ratio':>6}  target")
    for prog in PROGRAMS:
        if only and prog not in only:
            continue
        path = os.path.join(HERE, "stdlib", prog + ".apy")
        ours, theirs = [], []
        for _ in range(args.pairs):
            a, out_a = run([args.apy, "run", path])
            c, out_c = run([args.python, path])
            if out_a != out_c:
                print(f"{prog}: output differs\n apy: {out_a}\n cpython: {out_c}")
                failed = True
                break
            ours.append(a)
            theirs.append(c)
        else:
            ma, mc = statistics.median(ours), statistics.median(theirs)
            ratio = ma / mc
            print(f"{prog:<12} {ma:8.3f} {mc:8.3f} {ratio:6.2f}  <= {TARGET}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
