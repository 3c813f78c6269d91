#!/usr/bin/env python3
"""Generate src/format/tests/float_repr_cases.rs: (f64 bits, repr) pairs from CPython.

Run from the repository root:  python3 tests/gen/gen_float_repr.py
"""
import math
import random
import struct
import sys

sys.path.insert(0, 'tests/gen')
from rustlit import f64_bits, header, rs_str  # noqa: E402

rng = random.Random(20240611)
values = [float(v) for v in [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3,
          1e16, 1e16 - 2, 9999999999999998.0, 1e15, 123456789012345678.0, 1234567890123456.0,
          0.0001, 0.00001, 0.00011, 9.999e-5, 5e-324, -5e-324, 2.2250738585072014e-308,
          2.225073858507201e-308, 1.7976931348623157e+308, -1.7976931348623157e+308,
          1.5, 100.0, 1e22, 1e23, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 0.5, 0.25,
          2.675, 1.1, 2.2, 3.3, 1e-7, 123.456, -123.456, 4.35, 0.1 + 0.2, 1e300 * 1e10 / 1e10]]
for e in range(-330, 310):
    for m in (1.0, 1.5, 2.0, 5.0, 9.999999999999999, 9.5):
        try:
            values.append(float(f"{m}e{e}"))
        except OverflowError:
            pass
for e in range(-1074, 1024, 7):
    values.append(math.ldexp(1.0, e))
    values.append(-math.ldexp(1.0, e) * 3)
# Values exactly halfway between two shortest 17-digit candidates (odd multiples of
# 2^-f with few fractional bits): dtoa breaks such ties to the even digit.
for _ in range(1500):
    f = rng.randint(1, 6)
    m = rng.randrange(2 ** 52, 2 ** 53) | 1
    values.append(rng.choice([1, -1]) * m / 2 ** f)
while len(values) < 10500:
    r = rng.random()
    if r < 0.4:  # any bit pattern
        values.append(struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0])
    elif r < 0.8:  # everyday magnitudes, where fixed notation is used
        values.append(rng.uniform(-1, 1) * 10 ** rng.randint(-6, 17))
    else:  # short decimals, as typed in programs
        values.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))

lines = [header('gen_float_repr.py'),
         "/// (bit pattern of an f64, CPython's repr of it)",
         "pub(super) static CASES: &[(u64, &str)] = &["]
row = []
for x in values:
    row.append(f"({f64_bits(x)}, {rs_str(repr(x))}),")
    if len(row) == 6:
        lines.append("    " + " ".join(row))
        row = []
if row:
    lines.append("    " + " ".join(row))
lines.append("];")
with open('src/format/tests/float_repr_cases.rs', 'w') as f:
    f.write("\n".join(lines) + "\n")
print(len(values), "cases")
