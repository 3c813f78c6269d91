"""Expected results of math's integer functions, int logs, float(int), ldexp, and of the
variadic float functions (fsum, hypot, isclose), straight from CPython 3.11.

Usage: python3 tests/gen/math_int_cases.py > tests/generated/math_int_cases.rs
"""
import math, random, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from rustlit import bits, outcome, rstr, HEADER

sys.set_int_max_str_digits(0)
inf, nan = math.inf, math.nan
rng = random.Random(20240611)


def int_case(name, ints, floats, fn):
    return '    ("%s", &[%s], &[%s], %s),' % (
        name, ", ".join(rstr(str(i)) for i in ints), ", ".join(bits(x) for x in floats),
        outcome(fn))


def main():
    lines = []

    def add(name, ints, fn, floats=()):
        lines.append(int_case(name, ints, floats, fn))

    gcd_sets = [[], [0], [-5], [0, 0], [12, 18], [-4, -6], [2**100, 2**60 * 3], [7, 0],
                [0, -7], [3, 5, 7], [12, 18, 27], [-(3**80), 3**50 * 2], [1, 10**30], [0, 0, 5]]
    for _ in range(20):
        gcd_sets.append([rng.randint(-10**rng.randint(1, 40), 10**rng.randint(1, 40))
                         for _ in range(rng.randint(1, 4))])
    for s in gcd_sets:
        add("gcd", s, lambda s=s: math.gcd(*s))
        add("lcm", s, lambda s=s: math.lcm(*s))

    isqrt_args = [-1, -10**30, 0, 1, 2, 3, 4, 15, 16, 17, 2**64 - 1, 2**64, 2**64 + 1, 10**40,
                  (10**20 + 1) ** 2, (10**20 + 1) ** 2 - 1]
    isqrt_args += [rng.randint(0, 10**rng.randint(1, 80)) for _ in range(20)]
    for n in isqrt_args:
        add("isqrt", [n], lambda n=n: math.isqrt(n))

    for n in [-1, -2**70, 0, 1, 2, 5, 20, 21, 25, 100, 171, 500, 2**63, 2**80]:
        add("factorial", [n], lambda n=n: math.factorial(n))

    comb_pairs = [(-1, 2), (2, -1), (-1, -1), (5, 0), (5, 5), (5, 6), (10, 3), (52, 5), (67, 33),
                  (68, 34), (100, 50), (1000, 500), (1000, 3), (129, 64), (300, 150), (5000, 2500),
                  (2**64, 3), (2**70, 2**70 - 2), (2**70, 2**69), (10**30, 2), (0, 0), (1, 0),
                  (2**63, 2**63 - 3), (200, 199), (65, 70), (2**64, 2**64 + 5)]
    for _ in range(15):
        n = rng.randint(0, 2000)
        comb_pairs.append((n, rng.randint(0, n + 3)))
    for n, k in comb_pairs:
        add("comb", [n, k], lambda n=n, k=k: math.comb(n, k))
        if k < 10**6 or n < k:
            add("perm", [n, k], lambda n=n, k=k: math.perm(n, k))
    for n in [-1, 0, 5, 30]:
        add("perm", [n], lambda n=n: math.perm(n))
    add("perm", [2**70, 2**64], lambda: math.perm(2**70, 2**64))

    float_ints = [0, 1, -1, 2**53, 2**53 + 1, 2**53 + 3, -(2**53 + 1), 2**63, 2**64 - 1,
                  2**64 + 2**11, 2**64 + 2**11 + 1, 2**54 + 2, 2**54 + 6, 2**1023,
                  2**1024 - 2**970, 2**1024 - 2**971, 2**1024, -(2**1024), 10**308, 10**309,
                  2**1024 - 2**970 - 1, (2**53 - 1) * 2**971, -(2**63), -(2**63) - 1]
    float_ints += [rng.randint(-10**rng.randint(1, 300), 10**rng.randint(1, 300)) for _ in range(30)]
    for n in float_ints:
        add("float", [n], lambda n=n: float(n))

    log_ints = [1, 2, 10, 1000, 0, -1, -10**400, 2**1023, 2**1024, 2**1024 - 2**970, 10**1000,
                3**10000, 2**100000, 10**308, 10**309 + 7]
    log_ints += [rng.randint(1, 10**rng.randint(1, 700)) for _ in range(25)]
    for n in log_ints:
        add("log", [n], lambda n=n: math.log(n))
        add("log2", [n], lambda n=n: math.log2(n))
        add("log10", [n], lambda n=n: math.log10(n))
        add("log_ibase", [n, 10], lambda n=n: math.log(n, 10))
        add("log_fbase", [n], lambda n=n: math.log(n, 2.5), [2.5])
    for n, b in [(10, 1), (-1, 1), (0, 1), (8, 2), (10**1000, 10**500), (5, 0), (5, -3), (1, 7)]:
        add("log_ibase", [n, b], lambda n=n, b=b: math.log(n, b))
    for n, b in [(10, 1.0), (10, 0.0), (10, -2.0), (10, inf), (10, nan), (0, 1.0)]:
        add("log_fbase", [n], lambda n=n, b=b: math.log(n, b), [b])

    for x in [1.0, -1.5, 0.0, -0.0, inf, -inf, nan, 5e-324, 1.7976931348623157e308, 0.75, 3.0,
              2.2250738585072014e-308, 1.0000000000000002, 3e-310]:
        for i in [0, 1, -1, 10, 1023, 1024, 2000, -1022, -1074, -1075, -1076, -1080, -2000,
                  -1023, -1024, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 10**30, -(10**30)]:
            add("ldexp", [i], lambda x=x, i=i: math.ldexp(x, i), [x])

    print(HEADER % os.path.basename(__file__))
    print("pub const INT_CASES: &[(&str, &[&str], &[u64], Outcome)] = &[")
    print("\n".join(lines))
    print("];")

    # Variadic float functions, in the float-case format.
    special = []

    def addf(name, xs, fn):
        special.append('    ("%s", &[%s], %s),' % (name, ", ".join(bits(x) for x in xs), outcome(fn)))

    fsum_sets = [[1e308, 1e308], [inf, -inf], [inf, nan], [inf, 1e308, 1e308], [1e-16, 1, 1e16],
                 [0.1] * 10, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], [], [-0.0],
                 [0.0, -0.0], [-0.0, -0.0], [1.0, 2.0 ** -53, 2.0 ** -105],
                 [2.0 ** 53, -0.5, -2.0 ** -54],
                 [1.7976931348623157e308, -1.7976931348623157e308, 1.7976931348623157e308],
                 [inf, inf], [-inf, 1.0], [nan, 1.0], [1e308, 1e308, -inf],
                 [2.0 ** 53, 1.0, 2.0 ** -80], [2.0 ** 53, -1.0, -2.0 ** -80]]
    for _ in range(40):
        n = rng.randint(2, 30)
        fsum_sets.append([rng.uniform(-1, 1) * 10.0 ** rng.randint(-20, 20) for _ in range(n)])
    for s in fsum_sets:
        addf("fsum", s, lambda s=s: math.fsum(s))
    hyp_sets = [[], [3.0], [-3.0], [3.0, 4.0], [1e308, 1e308], [1e308, 1e308, 1e308],
                [5e-324, 5e-324], [5e-324, 1e-310, 3e-320], [inf, nan], [nan, 1.0], [-inf, 2.0],
                [0.0, -0.0], [1.0, 1.0, 1.0, 1.0], [1e-200, 1e-200]]
    for _ in range(60):
        n = rng.randint(2, 20)
        e = rng.randint(-300, 300)
        hyp_sets.append([rng.uniform(-1, 1) * 10.0 ** (e + rng.randint(-5, 5)) for _ in range(n)])
    for s in hyp_sets:
        addf("hypot_n", s, lambda s=s: math.hypot(*s))
    dist_pairs = [([1.0, 2.0, 3.0], [4.0, 6.0, 3.0]), ([], []), ([1e308, -1e308], [-1e308, 1e308]),
                  ([inf, 0.0], [inf, 1.0]), ([nan, 0.0], [1.0, 1.0]), ([5e-324, 0.0], [0.0, 5e-324]),
                  ([-0.0], [0.0])]
    for _ in range(20):
        n = rng.randint(1, 12)
        dist_pairs.append(([rng.uniform(-1e3, 1e3) for _ in range(n)], [rng.uniform(-1e3, 1e3) for _ in range(n)]))
    for p, q in dist_pairs:
        addf("dist", p + q, lambda p=p, q=q: math.dist(p, q))
    for a, b, rt, at in [(1.0, 1.0 + 1e-10, 1e-9, 0.0), (1.0, 1.1, 1e-9, 0.0), (0.0, 1e-12, 1e-9, 0.0),
                         (0.0, 1e-12, 1e-9, 1e-11), (inf, inf, 1e-9, 0.0), (inf, -inf, 1e-9, 0.0),
                         (nan, nan, 1e-9, 0.0), (1.0, 1.0, -1.0, 0.0), (1.0, 2.0, 0.5, -1.0),
                         (1.0, 2.0, 0.5, 0.0), (1e308, inf, 1.0, inf), (-1.0, 1.0, 3.0, 0.0)]:
        addf("isclose", [a, b, rt, at],
             lambda a=a, b=b, rt=rt, at=at: math.isclose(a, b, rel_tol=rt, abs_tol=at))
    print("pub const SPECIAL_FLOAT_CASES: &[(&str, &[u64], Outcome)] = &[")
    print("\n".join(special))
    print("];")


main()
