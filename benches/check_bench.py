#!/usr/bin/env python3
"""Times `apy check` against CPython's `py_compile` on a generated ~100k-line program.

Usage: benches/check_bench.py [--lines N] [--pairs P] [--apy PATH]

The program mixes functions, classes, loops, comprehensions, f-strings, async code,
decorators, try/except and long expressions. Both tools run alternately, P pairs, and the
script prints each median and the ratio apy/CPython (lower is better; target <= 1.0).
CPython is the real interpreter binary (sys.executable), not a wrapper script.
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

CHUNK = '''
@decorator_{i}
def function_{i}(a, b=1, *args, c, d=None, **kwargs) -> int:
    """Docstring for function {i}."""
    total = 0
    for j in range(a):
        if j % 3 == 0 and not (j > 10 or b < 2):
            total += j * b - (c or 0) // 2
        elif j in args:
            continue
        else:
            total -= len([k for k in args if k is not None])
    values = {{key: value ** 2 for key, value in kwargs.items()}}
    label = f"fn{i}: {{total:>10}} {{values!r}} {{a + b=}}"
    return total if total > 0 else -total

class Widget_{i}(Base, metaclass=Meta):
    count: int = 0

    def __init__(self, name, *, size=3):
        self.name = name
        self.size = size
        self.items = [x * 2 for x in range(size) if x % 2]

    @property
    def area(self):
        return self.size ** 2 + sum(item for item in self.items)

    async def fetch(self, session, url):
        async with session.get(url) as response:
            data = await response.json()
        async for chunk in response.stream():
            yield chunk
        try:
            result = await asyncio.wait_for(self.process(data), timeout=1.5)
        except (ValueError, KeyError) as exc:
            raise RuntimeError("failed") from exc
        finally:
            await session.close()

while queue and not done_{i}:
    item = queue.pop(0)
    matrix[item][0:2, ::3] = (lambda x, y=2: x + y)(item, 4)
    result_{i} = {{1, 2, 3}} | {{*extra}} if item else [*first, *second]
    del cache[item], temp
'''

def generate(lines):
    parts = ["import asyncio\nfrom collections import defaultdict as dd, OrderedDict\n"]
    count = 2
    i = 0
    per = CHUNK.count("\n")
    while count < lines:
        parts.append(CHUNK.format(i=i))
        count += per
        i += 1
    return "".join(parts)

def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.decode()[-2000:]}")
    return elapsed

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--pairs", type=int, default=7)
    ap.add_argument("--apy", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "apy"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "big.apy")
        src = generate(args.lines)
        with open(path, "w") as f:
            f.write(src)
        print(f"{src.count(chr(10))} lines, {len(src)} bytes")
        py = [sys.executable, "-m", "py_compile", path]
        apy = [args.apy, "check", path]
        run(py), run(apy)  # warm the file cache and both binaries
        tp, ta = [], []
        for _ in range(args.pairs):
            ta.append(run(apy))
            tp.append(run(py))
        mp, ma = statistics.median(tp), statistics.median(ta)
        print(f"CPython py_compile: median {mp*1000:.1f} ms  ({', '.join(f'{t*1000:.0f}' for t in tp)})")
        print(f"apy check:          median {ma*1000:.1f} ms  ({', '.join(f'{t*1000:.0f}' for t in ta)})")
        print(f"ratio apy/CPython: {ma/mp:.3f}")

if __name__ == "__main__":
    main()
