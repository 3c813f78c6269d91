"""Nanoseconds per operation for the hot operations of plain Python, apy against CPython.

Each case is one statement run three million times in a function's loop; the loop's
own cost (the same loop with `pass`) is subtracted, best of three, timed inside the
program with `time.perf_counter`. A profile note, not a benchmark: single operations
move with code layout, so read the ratios with the pyperformance programs beside them.

    python3 benches/micro_ops.py [--apy target/release/apy] [--python /usr/bin/python3.11] [-k name]
"""

import argparse
import os
import subprocess
import sys
import tempfile

N = 3_000_000

# name: (module-level setup, the statement timed; `i` is the loop counter)
CASES = {
    "call": ("def f(a, b):\n    return a\n", "f(i, 2)"),
    "call_default": ("def f(a, b=2):\n    return a\n", "f(i)"),
    "kwcall": ("def f(a, b=1):\n    return a\n", "f(i, b=2)"),
    "closure_call": ("def mk():\n    k = 1\n    def g(a):\n        return a + k\n    return g\ng = mk()\n", "g(i)"),
    "method": ("class C:\n    def m(self, a):\n        return a\nc = C()\n", "c.m(i)"),
    "classmethod": ("class C:\n    @classmethod\n    def m(cls, a):\n        return a\n", "C.m(i)"),
    "attr": ("class C:\n    def __init__(self):\n        self.x = 1\n        self.y = 2\nc = C()\n", "c.x + c.y"),
    "setattr": ("class C:\n    def __init__(self):\n        self.x = 1\nc = C()\n", "c.x = i"),
    "new_obj": ("class C:\n    def __init__(self, a):\n        self.a = a\n", "C(i)"),
    "dunder_add": ("class V:\n    def __add__(self, o):\n        return self\nv = V()\n", "v + v"),
    "glob": ("g = 5\n", "g"),
    "builtin_len": ("l = [1, 2, 3]\n", "len(l)"),
    "isinstance": ("class C: pass\nc = C()\n", "isinstance(c, C)"),
    "append_pop": ("l = []\n", "l.append(i); l.pop()"),
    "index": ("l = list(range(10))\n", "l[3]"),
    "in_list": ("l = [1, 2, 3, 4]\n", "3 in l"),
    "dict_get": ("d = {'a': 1}\n", "d['a']"),
    "dict_set": ("d = {}\n", "d[i & 7] = i"),
    "str_eq": ("s = 'abc'\nt = 'abd'\n", "s == t"),
    "str_concat": ("s = 'ab'\n", "s + 'cd'"),
    "float": ("x = 1.5\ny = 2.5\n", "x * y + x"),
    "float_int": ("x = 1.5\n", "x * 2 + 1"),
    "unpack": ("t = (1, 2)\n", "a, b = t"),
    "tuple_build": ("", "(i, i)"),
    "listcomp": ("r = range(5)\n", "[x for x in r]"),
    "genexp_sum": ("r = range(5)\n", "sum(x for x in r)"),
    "min2": ("", "min(i, 5)"),
}

PROGRAM = """{setup}import time
def run():
    for i in range({n}):
        {stmt}
def base():
    for i in range({n}):
        pass
best = 1e9
for _ in range(3):
    t0 = time.perf_counter(); run(); t1 = time.perf_counter(); base(); t2 = time.perf_counter()
    best = min(best, (t1 - t0) - (t2 - t1))
print(best)
"""


def time_case(binary, path):
    out = subprocess.run([*binary, path], capture_output=True, text=True, check=True)
    return float(out.stdout.strip()) * 1e9 / N


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--apy", default=os.path.join(here, "..", "target", "release", "apy"))
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("-k", default="", help="only cases whose name contains this")
    args = ap.parse_args()
    print(f"{'operation':14} {'apy ns':>8} {'CPython ns':>11} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (setup, stmt) in CASES.items():
            if args.k not in name:
                continue
            path = os.path.join(tmp, name + ".py")
            with open(path, "w") as f:
                f.write(PROGRAM.format(setup=setup, n=N, stmt=stmt))
            a = time_case([args.apy, "run"], path)
            p = time_case([args.python], path)
            print(f"{name:14} {a:8.1f} {p:11.1f} {a / p if p > 0 else float('nan'):6.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
