#!/usr/bin/env python3
"""Generate src/format/tests/misc_cases.rs: round(), int(s, base), float(s), repr(str),
repr(bytes) expectations from CPython, including exact exception classes and messages.

Run from the repository root:  python3 tests/gen/gen_misc_cases.py
"""
import math
import random
import struct
import sys

sys.path.insert(0, 'tests/gen')
from rustlit import f64_bits, header, outcome, rs_str  # noqa: E402

rng = random.Random(1729)
lines = [header('gen_misc_cases.py'),
         "// Rows carry \"ok\" or the CPython exception class, then the result or message.", ""]
w = lines.append


def table(name, doc, ty, rows):
    w(f"/// {doc}")
    w(f"pub(super) static {name}: &[{ty}] = &[")
    for r in rows:
        w(f"    ({', '.join(r)}),")
    w("];")
    w("")


# ---- round(float, n) ----
floats = [0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 2.675, 0.125, 0.375, 1.005, 123.456, -123.456,
          1234.5, 1250.0, 1350.0, 1e22, 1.5e300, 1e300, 1.7976931348623157e308,
          -1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 0.1, 1 / 3, 4.35, 0.285,
          1e16 + 2, 2 ** 52 + 0.5, 2 ** 51 + 0.5, 4503599627370497.0, math.inf, -math.inf,
          math.nan, 0.049999999999999996, 5e-5, 9.5, 10.5, 1e-300, 7.0e-10]
floats += [rng.uniform(-1e6, 1e6) for _ in range(60)]
floats += [struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0] for _ in range(40)]
ndigits = [0, 1, 2, 3, 5, 10, 15, 16, 17, 20, 50, 300, 308, 309, 320, 323, 324, 400,
           -1, -2, -3, -5, -10, -22, -100, -300, -307, -308, -309, -400,
           2 ** 63 - 1, -2 ** 63]
rows = []
for x in floats:
    for n in ndigits:
        kind, text = outcome(lambda: repr(round(x, n)))
        rows.append((f64_bits(x), str(n) if n != -2 ** 63 else 'i64::MIN', rs_str(kind), rs_str(text)))
table('ROUND_FLOAT', 'round(x, n): (x bits, n, outcome, repr of result or message)',
      '(u64, i64, &str, &str)', rows)

rows = []
for x in floats + [0.49999999999999994, 4503599627370495.5, 1e300, -1e300, 2.0 ** 80 + 2 ** 28]:
    kind, text = outcome(lambda: hex(round(x)))
    rows.append((f64_bits(x), rs_str(kind), rs_str(text)))
table('ROUND_FLOAT_TO_INT', 'round(x): (x bits, outcome, hex of result or message)',
      '(u64, &str, &str)', rows)

rows = []
for x in floats + [0.9, -0.9, 1e300, 2.0 ** 80 + 2 ** 28]:
    kind, text = outcome(lambda: hex(int(x)))
    rows.append((f64_bits(x), rs_str(kind), rs_str(text)))
table('FLOAT_TO_INT', 'int(x): (x bits, outcome, hex of result or message)', '(u64, &str, &str)', rows)

ints = [0, 1, -1, 5, 15, 25, -25, 1234, 1250, 1350, -1250, -1350, 1249, 1251, 99, 95, 94,
        10 ** 30 + 5 * 10 ** 9, -(10 ** 30) - 5 * 10 ** 9, 2 ** 200, -(2 ** 200), 123456789]
rows = []
for v in ints:
    for n in [0, 1, 5, -1, -2, -3, -4, -9, -10, -30, -31, -61, -62, -100, -1000]:
        r = round(v, n)
        rows.append((rs_str(hex(v)), str(n) if n != -2 ** 63 else 'i64::MIN', rs_str(hex(r))))
table('ROUND_INT', 'round(v, n) for ints: (hex v, n, hex result)', '(&str, i64, &str)', rows)

# ---- int(s, base) ----
strs = ['0', '1', '-1', '+1', ' 42 ', '\t-42\n', '1_000', '1__000', '_1', '1_', '0x1f', '0X1F',
        '-0x_1f', '0o17', '0O17', '0b101', '0B1', '0b_1', '0b1_', '0b__1', '0x', '0b', '0o', '010',
        '00', '0_0', '0_', '0__0', '00x1', '-0', ' -0 ', '+ 1', '', ' ', '+', '-', '1\x00', 'abc',
        'ABC', 'zz', 'ZZ', '36', '١٢٣', '１２３', ' \u3000 12\u2028', '\x1c1', '\x0b1', '\x85 5',
        '12é', 'é', '9' * 30, '-' + '7' * 25, 'ff' * 20, '12.5', '1e5', '0x1g', 'Infinity',
        '0' * 4301, '1' * 4300, '1' * 4301, '1' * 5000 + 'x', '_' + '1' * 5000, '1__' + '1' * 5000,
        '٣' * 4301, 'x' * 300, 'é' * 300, "it's", 'a"b\'c', '1' * 250 + 'x']
alphabet = '0123456789abfxXoObB_ +-\t\n٣'
for _ in range(250):
    strs.append(''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))))
rows = []
for s in strs:
    bases = [0, 2, 8, 10, 16, 36, 7, 1, 37] if len(s) < 1000 else [0, 10, 16]
    for base in bases:
        kind, text = outcome(lambda: hex(int(s, base)))
        rows.append((rs_str(s), str(base), rs_str(kind), rs_str(text)))
table('INT_PARSE', 'int(s, base): (s, base, outcome, hex of result or message)',
      '(&str, u32, &str, &str)', rows)

# ---- float(s) ----
strs = ['1', '1.5', '-1.5', '+1.5', '1.', '.5', '-.5', '.', '1e5', '1E5', '1e', '1e+', '1e-5',
        '1.e5', '.e1', 'e1', '+inf', '-Infinity', 'INF', 'inFINity', 'nan', '-nan', '+NaN',
        'nAN', 'infinit', 'in', 'infinityy', '1_0.5_0e1_0', '1_.5', '1._5', '_1', '1__0',
        '1e_1', '1_e1', '0x10', '1\x00', ' 1 ', '\x1c1', '\x0b1', '1\u3000', '  ', '', '+-1',
        '١.٥', 'nan_', 'inf_', '1e500', '-1e500', '1e-500', '0_0', '00', '1.5j', '1,5',
        '0.1', '2.675', '9007199254740993', '1' * 400, '0.' + '0' * 400 + '1',
        '2.2250738585072011e-308', '4.9406564584124654e-324', '2.4703282292062328e-324',
        '2.4703282292062327e-324', '1.7976931348623158e308', '1.7976931348623159e308',
        '\xa01.5\xa0', 'é', '1é', 'x' * 300, "it's", '- 1', '1 e5', '1e 5', '--1', '1e5.5',
        '+.5e-3', '00012', '1_2_3.4_5e-1_0']
alphabet = '0123456789._eE+-infaINFAty \t١'
for _ in range(300):
    strs.append(''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))))
rows = []
for s in strs:
    kind, text = outcome(lambda: repr(float(s)))
    rows.append((rs_str(s), rs_str(kind), rs_str(text)))
table('FLOAT_PARSE', 'float(s): (s, outcome, repr of result or message)', '(&str, &str, &str)', rows)

# ---- repr(str), repr(bytes) ----
strs = ['', 'a', "it's", 'say "hi"', 'both \' and "', '\\', 'tab\tnl\nret\r', '\x00\x01\x1f\x7f',
        '\x80\x9f\xa0\xa1\xad\xff', 'é日本語', '😀🎉', '\u200b\u200e\u2028\u2029\u3000',
        '\ufeff\ufffd\uffff', '\U000e0001\U0010ffff\U000f0000', '\u0378\u0600\u061c',
        '\u1680\u2000\u202f\u205f', 'x' * 50, '\x1b[0m', "'\"'", '\u00a0nbsp']
strs += [''.join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x2fff),
                                  rng.randint(0x3000, 0xd7ff), rng.randint(0xe000, 0x10ffff)]))
                 for _ in range(rng.randint(1, 12))) for _ in range(300)]
rows = [(rs_str(s), rs_str(repr(s))) for s in strs]
# Whole planes, to pin is_printable everywhere: every code point's escaped-or-not status.
table('STR_REPR', 'repr(s)', '(&str, &str)', rows)

bss = [b'', b'a', b"it's", b'say "hi"', b'both \' and "', b'\\', b'\t\n\r', bytes(range(256))]
bss += [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 10))) for _ in range(50)]
rows = [('&[' + ', '.join(str(b) for b in bs) + ']', rs_str(repr(bs))) for bs in bss]
table('BYTES_REPR', 'repr(b)', '(&[u8], &str)', rows)

# ---- exhaustive per-block digests of the Unicode properties ----
rows = []
for block in range(0x110):
    chars = [chr(c) for c in range(block * 0x1000, (block + 1) * 0x1000)
             if not 0xD800 <= c <= 0xDFFF]
    printable = sum(1 for ch in chars if ch.isprintable())
    decimals = sum(1 for ch in chars if ch.isdecimal())
    decimal_sum = sum(int(ch) for ch in chars if ch.isdecimal())
    spaces = sum(1 for ch in chars if ch.isspace())
    if printable or decimals or spaces:
        rows.append((hex(block), str(printable), str(decimals), str(decimal_sum), str(spaces)))
table('UNICODE_BLOCKS', 'per 4096-code-point block: (block, #printable, #decimal, sum of decimal values, #space)',
      '(u32, u32, u32, u32, u32)', rows)

with open('src/format/tests/misc_cases.rs', 'w') as f:
    f.write("\n".join(lines))
print(len(lines), 'lines')
