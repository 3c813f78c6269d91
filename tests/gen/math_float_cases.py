"""Expected results of math's float functions, straight from CPython 3.11.

Usage: python3 tests/gen/math_float_cases.py [SCALE] > tests/generated/math_float_cases.rs
SCALE multiplies the number of random inputs per function (default 1); use e.g. 200 for a
one-off bulk comparison, then regenerate at scale 1 before committing.
"""
import math, random, sys, os
sys.path.insert(0, os.path.dirname(__file__))
from rustlit import bits, outcome, HEADER

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 1
inf, nan = math.inf, math.nan

SPECIALS = [0.0, -0.0, inf, -inf, nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, 0.1, -0.1,
            1e-300, -1e-300, 5e-324, -5e-324, 2.2250738585072014e-308, 1e308, -1e308,
            1.7976931348623157e308, 710.0, -710.0, 709.78, -745.2, 1e-10, 3.7, -3.7,
            100.0, -100.0, 1e16, 1e22, -1e22, math.pi, math.pi / 2, 0.84375, 1.25, 2.857,
            6.0, 28.0, -28.0, 170.5, 171.7, -170.5, -171.5, 0.9999999999999999,
            1.0000000000000002, 1e-20, 2.0 ** -28, 2.0 ** 28 + 1, 0.25, -0.25, 4.5, 1e-5,
            -0.9999999999999999, 140.5, 200.5, -200.5, 1e300, 23.0, 24.0, -3.0, 0.3]

def rand_float(rng, lo_exp, hi_exp, signed=True):
    m = rng.uniform(1.0, 2.0)
    x = math.ldexp(m, rng.randint(lo_exp, hi_exp))
    return -x if signed and rng.random() < 0.5 else x

def randoms(name, count, ranges):
    """count values per (lo, hi, kind) range: kind 'u' uniform, 'e' log-uniform by exponent."""
    rng = random.Random(name)
    out = []
    for lo, hi, kind in ranges:
        for _ in range(count * SCALE):
            if kind == 'u':
                out.append(rng.uniform(lo, hi))
            else:
                out.append(rand_float(rng, lo, hi, kind == 'e'))
    return out

WIDE = [(-1074, 1023, 'e'), (-30, 30, 'e')]
UNARY = {
    'acos': [(-1, 1, 'u')], 'asin': [(-1, 1, 'u')], 'atan': WIDE,
    'acosh': [(1, 3, 'u'), (1, 40, '+'), (1, 1023, '+')],
    'asinh': [(-3, 3, 'u')] + WIDE, 'atanh': [(-1, 1, 'u'), (-60, -1, 'e')],
    'cbrt': WIDE, 'cos': [(-10, 10, 'u')] + WIDE, 'sin': [(-10, 10, 'u')] + WIDE,
    'tan': [(-10, 10, 'u')] + WIDE, 'cosh': [(-720, 720, 'u'), (-30, 10, 'e')],
    'sinh': [(-720, 720, 'u'), (-30, 10, 'e')], 'tanh': [(-20, 20, 'u'), (-30, 10, 'e')],
    'exp': [(-750, 720, 'u'), (-30, 10, 'e')], 'exp2': [(-1100, 1030, 'u')],
    'expm1': [(-40, 720, 'u'), (-60, 0, 'e')], 'fabs': WIDE,
    'log': WIDE + [(0, 3, 'u')], 'log2': WIDE, 'log10': WIDE, 'log1p': [(-1, 3, 'u'), (-60, 30, 'e')],
    'sqrt': WIDE, 'erf': [(-7, 7, 'u'), (-40, 3, 'e')], 'erfc': [(-7, 30, 'u'), (-40, 5, 'e')],
    'gamma': [(-185, 185, 'u'), (-30, 8, 'e')], 'lgamma': [(-200, 200, 'u'), (-30, 1023, 'e')],
    'degrees': WIDE, 'radians': WIDE, 'ulp': WIDE, 'frexp': WIDE, 'modf': WIDE,
    'floor': WIDE, 'ceil': WIDE, 'trunc': WIDE,
    'isfinite': [], 'isinf': [], 'isnan': [],
}
BINARY_SPECIALS = [0.0, -0.0, inf, -inf, nan, 1.0, -1.0, 0.5, -2.0, 3.0, 1e308, 5e-324,
                   2.5, -7.25]
BINARY = {
    'atan2': WIDE, 'copysign': WIDE, 'fmod': WIDE, 'remainder': WIDE,
    'pow': [(-4, 4, 'u'), (-30, 30, 'e')], 'nextafter': WIDE, 'hypot': WIDE,
    'dist1': WIDE, 'log_base': [(-20, 60, '+')],
}

def call(name, *args):
    if name == 'dist1':
        return math.dist((args[0],), (args[1],))
    if name == 'log_base':
        return math.log(*args)
    return getattr(math, name)(*args)

def main():
    lines = []
    count = 40
    for name, ranges in UNARY.items():
        for x in SPECIALS + randoms(name, count, ranges):
            lines.append('    ("%s", &[%s], %s),' % (name, bits(x), outcome(call, name, x)))
    for name, ranges in BINARY.items():
        for x in BINARY_SPECIALS:
            for y in BINARY_SPECIALS:
                lines.append('    ("%s", &[%s, %s], %s),' % (name, bits(x), bits(y), outcome(call, name, x, y)))
        xs = randoms(name, count, ranges)
        ys = randoms(name + "y", count, ranges)
        for x, y in zip(xs, ys):
            lines.append('    ("%s", &[%s, %s], %s),' % (name, bits(x), bits(y), outcome(call, name, x, y)))
    print(HEADER % os.path.basename(__file__))
    print("pub const FLOAT_CASES: &[(&str, &[u64], Outcome)] = &[")
    print("\n".join(lines))
    print("];")

main()
