#!/usr/bin/env python3
"""Benchmarks: apy against CPython 3.11, side by side.

Runs the programs of ../shared/bench/ (sizes from its README) alternately under apy and
the real CPython binary (not a pyenv shim), takes the median of several paired runs and
prints the ratio apy/CPython per program; a run only counts when both print the same
checksum line. Also reports peak memory per pending task (memory.apy at N and 0), per
small instance (memory/instances.apy, apy's own) and per-operation cost when a size
grows 10x.

    benches/run.py [--apy target/release/apy] [--pairs 5] [--only fib,loop] [--scaling]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench"))

# (program, arguments, target ratio, smaller arguments for the scaling check)
PROGRAMS = [
    ("fib", ["33"], 1.0, ["30"]),
    ("loop", ["10000000"], 0.4, ["1000000"]),
    ("generators", ["30"], 1.0, ["3"]),
    ("coroutines", ["32"], 0.4, ["27"]),
    ("sleep0", ["100", "10000"], 0.1, ["100", "1000"]),
    ("spawn", ["200000"], 0.1, ["20000"]),
    ("timers", ["10000", "10"], 0.25, ["1000", "10"]),
    ("queue", ["1000000"], 0.2, ["100000"]),
    ("async_tree", ["1"], 0.2, None),
    ("async_gen", ["5000000"], 0.3, ["500000"]),
    ("echo", ["10", "2000"], 0.4, ["10", "200"]),
    ("startup_bare", [], 0.2, None),
    ("startup", [], 0.2, None),
]

# Operations per run at the main size and at the scaling size, for per-op costs.
OPS = {
    "fib": (11_405_773, 2_692_537),
    "loop": (10_000_000, 1_000_000),
    "generators": (30, 3),
    "coroutines": (7_049_155, 635_621),
    "sleep0": (1_000_000, 100_000),
    "spawn": (200_000, 20_000),
    "timers": (100_000, 10_000),
    "queue": (1_000_000, 100_000),
    "async_gen": (5_000_000, 500_000),
    "echo": (20_000, 2_000),
}


def real_python():
    # Debian's optimized build is the honest anchor (../shared/bench/README.md).
    if os.path.exists("/usr/bin/python3.11"):
        return "/usr/bin/python3.11"
    exe = subprocess.run(
        ["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True
    ).stdout.strip()
    return exe or "python3"


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=BENCH)
    elapsed = time.perf_counter() - start
    return elapsed, proc.stdout.strip(), proc.returncode


def compare(apy, py, name, args, pairs):
    script = name + ".apy"
    a_times, p_times = [], []
    for _ in range(pairs):
        ta, out_a, rc_a = timed([apy, "run", script, *args])
        tp, out_p, rc_p = timed([py, script, *args])
        if rc_a != 0 or out_a != out_p:
            return None, f"apy output differs: {out_a[:80]!r} vs {out_p[:80]!r}"
        a_times.append(ta)
        p_times.append(tp)
    ma, mp = statistics.median(a_times), statistics.median(p_times)
    return (ma, mp), None


def peak_kb(cmd):
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, cwd=BENCH)
    try:
        return int(proc.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def memory(apy, py, pairs, program="memory.apy", n=100000):
    def per_item(cmd_prefix):
        big = statistics.median(peak_kb([*cmd_prefix, program, str(n)]) or 0 for _ in range(pairs))
        small = statistics.median(peak_kb([*cmd_prefix, program, "0"]) or 0 for _ in range(pairs))
        return (big - small) * 1024 / n

    return per_item([apy, "run"]), per_item([py])


def memory_scaling(apy, pairs):
    """Bytes per pending task at 10,000 over bytes per task at 100,000 (apy)."""
    def per_task(n):
        big = statistics.median(peak_kb([apy, "run", "memory.apy", str(n)]) or 0 for _ in range(pairs))
        zero = statistics.median(peak_kb([apy, "run", "memory.apy", "0"]) or 0 for _ in range(pairs))
        return (big - zero) * 1024 / n

    return per_task(10_000) / per_task(100_000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--apy", default=os.path.join(HERE, "..", "target", "release", "apy"))
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--scaling", action="store_true", help="also time the 10x smaller sizes")
    ap.add_argument("--no-memory", action="store_true")
    opts = ap.parse_args()
    apy = os.path.abspath(opts.apy)
    py = real_python()
    only = set(filter(None, opts.only.split(",")))
    print(f"apy: {apy}\nCPython: {py}\npairs: {opts.pairs}\n")
    print(f"{'program':<14}{'apy s':>9}{'CPython s':>11}{'ratio':>8}{'target':>8}  scaling (per-op, small/large)")
    base = None
    for name, args, target, small in PROGRAMS:
        if only and name not in only:
            continue
        res, err = compare(apy, py, name, args, opts.pairs)
        if err:
            print(f"{name:<14}  FAILED: {err}")
            continue
        ma, mp = res
        scaling = ""
        if opts.scaling and small and name in OPS:
            res_small, err_small = compare(apy, py, name, small, opts.pairs)
            if res_small:
                # Per-op cost without the fixed start-up (and `import asyncio`) cost,
                # which would otherwise dominate the short runs.
                if base is None:
                    base = compare(apy, py, "startup", [], opts.pairs)[0] or (0.0, 0.0)
                big_ops, small_ops = OPS[name]
                per_big = (ma - base[0]) / big_ops
                per_small = (res_small[0] - base[0]) / small_ops
                scaling = f"  {per_small / per_big:5.2f}"
        flag = "" if ma / mp <= target else "  (over target)"
        print(f"{name:<14}{ma:9.3f}{mp:11.3f}{ma / mp:8.2f}{target:8.2f}{scaling}{flag}")
        sys.stdout.flush()
    if not opts.no_memory and (not only or "memory" in only):
        a_bytes, p_bytes = memory(apy, py, max(1, opts.pairs // 2))
        ratio = a_bytes / p_bytes if p_bytes else float("nan")
        scaling = f"  {memory_scaling(apy, max(1, opts.pairs // 2)):5.2f}" if opts.scaling else ""
        print(f"{'memory':<14}{a_bytes:9.0f}{p_bytes:11.0f}{ratio:8.2f}{0.25:8.2f}{scaling}  bytes per pending task")
        instances = os.path.join(HERE, "memory", "instances.apy")
        a_bytes, p_bytes = memory(apy, py, max(1, opts.pairs // 2), instances, 1_000_000)
        ratio = a_bytes / p_bytes if p_bytes else float("nan")
        print(f"{'instances':<14}{a_bytes:9.0f}{p_bytes:11.0f}{ratio:8.2f}{1.0:8.2f}  bytes per two-attribute instance")


if __name__ == "__main__":
    main()
