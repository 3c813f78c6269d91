#!/usr/bin/env python3
"""IO benchmarks: apy against CPython 3.11, side by side (the programs in benches/io/).

- throughput: 1 GiB through StreamWriter -> loopback TCP -> StreamReader;
- storm: open and close 10,000 connections, 100 at a time;
- concurrent: 10,000 connections open at once to one start_server echo server (clients
  in a second process of the same interpreter), each sending and receiving one line;
  also the server's peak RSS.

Each is timed alternately under apy and the real CPython binary; the median of the
pairs is reported with the ratio apy/CPython. (The shared `echo.apy` is in run.py.)

    benches/run_io.py [--apy target/release/apy] [--pairs 3] [--only storm,throughput]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from run import real_python

HERE = os.path.dirname(os.path.abspath(__file__))
IO = os.path.join(HERE, "io")


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=IO)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr[-500:]}")
    return elapsed, proc.stdout.strip()


def concurrent(prefix, n):
    """Wall time of N concurrent clients against one server, and the server's peak RSS."""
    with tempfile.TemporaryDirectory() as d:
        portfile = os.path.join(d, "port")
        start = time.perf_counter()
        server = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", *prefix, "concurrent_server.apy", str(n), portfile],
            cwd=IO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while not os.path.exists(portfile):
            if server.poll() is not None:
                raise RuntimeError(f"server failed: {server.stderr.read()[-500:]}")
            time.sleep(0.005)
        with open(portfile) as f:
            port = f.read()
        clients = subprocess.run([*prefix, "concurrent_clients.apy", str(n), port],
                                 cwd=IO, capture_output=True, text=True)
        out, err = server.communicate(timeout=120)
        elapsed = time.perf_counter() - start
    if clients.returncode != 0:
        raise RuntimeError(f"clients failed: {clients.stderr[-500:]}")
    rss_kb = int(err.strip().splitlines()[-1])
    return elapsed, clients.stdout.strip() + " / " + out.strip(), rss_kb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--apy", default=os.path.join(HERE, "..", "target", "release", "apy"))
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--connections", type=int, default=10_000)
    opts = ap.parse_args()
    apy = [os.path.abspath(opts.apy), "run"]
    py = [real_python()]
    only = set(filter(None, opts.only.split(",")))
    print(f"apy: {apy[0]}\nCPython: {py[0]}\npairs: {opts.pairs}\n")
    print(f"{'program':<12}{'apy s':>9}{'CPython s':>11}{'ratio':>8}  notes")
    for name, args in [("throughput", ["1024"]), ("storm", ["10000"])]:
        if only and name not in only:
            continue
        ta, tp = [], []
        for _ in range(opts.pairs):
            a, out_a = run([*apy, name + ".apy", *args])
            p, out_p = run([*py, name + ".apy", *args])
            if out_a != out_p:
                print(f"{name:<12}  FAILED: {out_a!r} vs {out_p!r}")
                break
            ta.append(a)
            tp.append(p)
        else:
            ma, mp = statistics.median(ta), statistics.median(tp)
            print(f"{name:<12}{ma:9.3f}{mp:11.3f}{ma / mp:8.2f}  {out_a}")
        sys.stdout.flush()
    if not only or "concurrent" in only:
        n = opts.connections
        runs_a = [concurrent(apy, n) for _ in range(opts.pairs)]
        runs_p = [concurrent(py, n) for _ in range(opts.pairs)]
        ma = statistics.median(r[0] for r in runs_a)
        mp = statistics.median(r[0] for r in runs_p)
        rss_a = statistics.median(r[2] for r in runs_a) / 1024
        rss_p = statistics.median(r[2] for r in runs_p) / 1024
        print(f"{'concurrent':<12}{ma:9.3f}{mp:11.3f}{ma / mp:8.2f}  {runs_a[0][1]}; "
              f"server peak RSS {rss_a:.0f} MiB (CPython {rss_p:.0f} MiB)")


if __name__ == "__main__":
    main()
