"""Sequences of random.Random method calls and CPython 3.11's results, per seed.

Usage: python3 tests/gen/random_cases.py [EXTRA] > tests/generated/random_cases.rs
EXTRA (default 0) adds that many pseudo-random int/str seeds, for a one-off bulk check;
regenerate without it before committing.

Each seed gets a fresh generator and runs the same script of calls in order, so the
expected values also check that every method consumes exactly CPython's draws. Sequence
methods run on range(n) / list(range(n)) so their results are the indices the Rust API
returns. Encoding of arguments and results (decoded by tests/stdlib_random.rs):
  123        an int                 f:0x...   a float's bits
  None       None                   [a,b,...] a list of encoded values
  b:hex      bytes                  E:Type:message   the exception CPython raised
"""
import math, os, random, struct, sys
sys.path.insert(0, os.path.dirname(__file__))
from rustlit import rstr, HEADER

sys.set_int_max_str_digits(0)


def enc(v):
    if isinstance(v, bool):
        raise TypeError("bool")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "f:0x%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if v is None:
        return "None"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(enc(x) for x in v) + "]"
    if isinstance(v, (bytes, bytearray)):
        return "b:" + bytes(v).hex()
    raise TypeError(repr(v))


def script():
    """(method, args) pairs; args are plain Python values."""
    ops = []
    ops += [("random", ())] * 20
    for k in [0, 1, 31, 32, 33, 63, 64, 65, 100, 1000]:
        ops.append(("getrandbits", (k,)))
    ops += [("getrandbits", (-1,)), ("getrandbits", (2**31,)), ("getrandbits", (-(2**31) - 1,))]
    rr = [(10,), (1,), (0,), (-3,), (2**70,), (2**64,), (2**64 + 1,), (2**32,), (2**32 + 1,),
          (5, 5), (5, 1), (3, 17), (-10**30, 10**30), (0, 2**64), (0, 2**64 + 1),
          (-2**63, 2**63 - 1), (10, 100, 7), (100, 10, -7), (5, 1, 0), (5, 1, 2), (0, 1),
          (0, 10, 3), (0, 10**25, 10**5), (7, None), (7, None, 2), (-(2**63), 2**63, 3),
          (2**63 - 1, -(2**63), -5), (1, 2**63 - 1)]
    for a in rr:
        ops.append(("randrange", a))
    for a, b in [(1, 6)] * 8 + [(-2**63, 2**63 - 1), (0, 2**100), (5, 1), (5, 5), (0, 2**63 - 1),
                                 (-10, -1)]:
        ops.append(("randint", (a, b)))
    for n in [1, 2, 10, 1000, 2**40, 0]:
        ops.append(("choice", (n,)))
    for n in [0, 1, 2, 10, 100]:
        ops.append(("shuffle", (n,)))
    for n, k in [(10, 3), (10, 10), (21, 5), (22, 5), (100, 5), (85, 6), (86, 6), (100, 60),
                 (1000, 10), (1000, 900), (10**9, 20), (50, 0), (5, 6), (5, -1), (0, 0),
                 (2**40, 8), (340, 30)]:
        ops.append(("sample", (n, k)))
    for counts, k in [([3, 0, 2], 4), ([1], 1), ([2**20, 5], 6), ([0, 0], 1), ([], 0),
                      ([3, -1], 2), ([2**62, 2**62], 1)]:
        ops.append(("sample_counts", (counts, k)))
    choices = [(5, 10, None, None), (1, 3, None, None), (0, 2, None, None), (0, 0, None, None),
               (3, 8, [1.0, 2.0, 3.0], None), (4, 6, None, [1.0, 5.0, 6.0, 10.0]),
               (3, 5, [0.25, 0.0, 1e-3], None), (2, 1, [1.0], None), (2, 1, [0.0, 0.0], None),
               (2, 1, [1.0, math.inf], None), (2, 1, [1.0, math.nan], None),
               (2, 1, [-1.0, 1.0], None), (0, 2, [], None), (0, 2, None, []),
               (2, 1, [1.0, 1.0], [1.0, 2.0]), (3, 4, [2.0, -1.0, 3.0], None),
               (4, 3, None, [3.0, 1.0, 4.0, 5.0])]
    for c in choices:
        ops.append(("choices", c))
    ops += [("uniform", (1.0, 5.0)), ("uniform", (-1e300, 1e300)), ("uniform", (5.0, 1.0)),
            ("triangular", (0.0, 1.0, None)), ("triangular", (0.0, 10.0, 2.0)),
            ("triangular", (0.0, 10.0, 9.0)), ("triangular", (1.0, 1.0, 1.0)),
            ("triangular", (3.0, 3.0, None))]
    ops += [("gauss", (0.0, 1.0))] * 5 + [("gauss", (10.0, 2.0))] * 3
    ops += [("normalvariate", (0.0, 1.0))] * 3 + [("normalvariate", (-3.0, 0.5))]
    ops += [("lognormvariate", (0.0, 1.0)), ("lognormvariate", (1.0, 1e300)),
            ("expovariate", (1.5,)), ("expovariate", (0.0,)), ("expovariate", (-2.0,)),
            ("vonmisesvariate", (0.0, 4.0)), ("vonmisesvariate", (1.0, 0.0)),
            ("vonmisesvariate", (3.0, 0.5)), ("vonmisesvariate", (-2.0, 100.0)),
            ("gammavariate", (0.5, 1.0)), ("gammavariate", (1.0, 2.0)),
            ("gammavariate", (3.5, 1.5)), ("gammavariate", (0.0, 1.0)),
            ("gammavariate", (0.01, 1.0)), ("betavariate", (2.0, 5.0)),
            ("betavariate", (0.3, 0.3)), ("betavariate", (-1.0, 1.0)),
            ("paretovariate", (3.0,)), ("paretovariate", (0.0,)), ("paretovariate", (1e-300,)),
            ("weibullvariate", (1.0, 1.5)), ("weibullvariate", (2.0, 0.0)),
            ("randbytes", (5,)), ("randbytes", (0,)), ("randbytes", (9,)),
            ("randbytes", (-1,)), ("randbytes", (2**28,))]
    ops.append(("random_many", (700,)))
    ops += [("random", ())] * 3
    return ops


def run(r, name, args):
    if name == "shuffle":
        x = list(range(args[0]))
        r.shuffle(x)
        return x
    if name == "choice":
        return r.choice(range(args[0]))
    if name == "sample":
        return r.sample(range(args[0]), args[1])
    if name == "sample_counts":
        counts, k = args
        return r.sample(range(len(counts)), k, counts=counts)
    if name == "choices":
        n, k, w, cw = args
        return r.choices(range(n), w, cum_weights=cw, k=k)
    if name == "random_many":
        for _ in range(args[0] - 1):
            r.random()
        return r.random()
    if name == "randrange" and len(args) == 3 and args[1] is None:
        return r.randrange(args[0], None, args[2])
    if name == "triangular":
        return r.triangular(*args)
    return getattr(r, name)(*args)


SEEDS = [("Int", 0), ("Int", 1), ("Int", 42), ("Int", -5), ("Int", 5), ("Int", 2**32 + 1),
         ("Int", 2**100), ("Int", 12345678901234567890), ("Int", -(2**64)),
         ("Str", "hello"), ("Str", ""), ("Str", "h\u00e9llo \u2603"), ("Bytes", b"bytes"),
         ("Bytes", b""), ("Bytes", b"\x00\x00abc"), ("Hash", 1.5), ("Hash", -1.5),
         ("Hash", 1e300)]


def main():
    out = []
    seeds = list(SEEDS)
    extra = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    g = random.Random(99)
    for i in range(extra):
        if i % 3 == 2:
            seeds.append(("Str", "".join(chr(g.randint(32, 0x2fff)) for _ in range(g.randint(0, 40)))))
        else:
            seeds.append(("Int", g.randint(-(2**g.randint(0, 3000)), 2**g.randint(0, 3000))))
    for kind, seed in seeds:
        r = random.Random(seed)
        if kind == "Int":
            seed_lit = "Seed::Int(%s)" % rstr(str(seed))
        elif kind == "Str":
            seed_lit = "Seed::Str(%s)" % rstr(seed)
        elif kind == "Bytes":
            seed_lit = "Seed::Bytes(&[%s])" % ", ".join(str(b) for b in seed)
        else:
            seed_lit = "Seed::Hash(%d)" % hash(seed)
        ops = []
        for name, args in script():
            try:
                res = enc(run(r, name, args))
            except Exception as e:
                res = "E:%s:%s" % (type(e).__name__, e)
            ops.append("        (%s, &[%s], %s)," % (
                rstr(name), ", ".join(rstr(enc(a)) for a in args), rstr(res)))
        out.append("    (%s, &[\n%s\n    ])," % (seed_lit, "\n".join(ops)))
    print(HEADER % os.path.basename(__file__))
    print("pub const SEED_SCRIPTS: &[(Seed, &[Step])] = &[")
    print("\n".join(out))
    print("];")


main()
