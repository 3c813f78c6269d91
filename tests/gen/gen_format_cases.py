#!/usr/bin/env python3
"""Generate src/format/tests/format_cases.rs: format(value, spec) for int, bool, float and
str values against curated and randomly combined specs, with CPython's results or its exact
exception class and message.

Run from the repository root:  python3 tests/gen/gen_format_cases.py
"""
import math
import random
import sys

sys.path.insert(0, 'tests/gen')
from rustlit import f64_bits, header, outcome, rs_str  # noqa: E402

rng = random.Random(3110)

INTS = [0, 1, -1, 42, 65, -255, 1234, -1234, 1234567, 2 ** 63 - 1, 2 ** 63, -(2 ** 70) - 12345,
        0x10FFFF, 0x110000, 0x1F600]
# Around the int -> float overflow boundary, with float types only.
BIG_INTS = [2 ** 1024, 2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 971, 10 ** 308, 2 ** 64 + 1]
BIG_INT_SPECS = ['e', '.3e', 'g', 'E', '.0f', '%', '.20g', 'c', '#x']
FLOATS = [0.0, -0.0, 1.0, -1.5, 2.5, 0.125, 2.675, 1 / 3, 123456.789, -1234.5678, 1e16,
          1e15, 9999999999999998.0, 1e22, 1e-5, 0.00012345, 5e-324, 1.7976931348623157e308,
          99.5, 9.995, 999999.5, 0.000999, -1e-10, -0.0001, math.inf, -math.inf, math.nan,
          123456789.0, 0.9999996]
STRS = ['', 'a', 'hello', 'héllo', '日本語', 'emoji😀x', 'tab\tnew\nline', 'x' * 12]

CURATED = [
    '', 'd', 'b', 'o', 'x', 'X', 'c', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%', 's', 'r', 'a', 'i',
    '#b', '#o', '#x', '#X', '#', '#d', '#n', '#e', '#f', '#g', '#.0f', '#.0e', '#.0g', '#.3g',
    '#.0%', ',', '_', ',d', '_d', '_b', '_x', '_X', '_o', '#_x', '#_b', '#_o', ',x', ',b', ',o',
    ',c', ',n', '_n', ',s', '_s', ',e', ',f', '_f', ',g', ',%', '_%', ',.2f', '_.3e', ',.0f',
    '+', '-', ' ', '+d', ' d', '-d', '+x', ' #x', '+#o', '+c', '-c', ' c', '+s', ' s', '-s',
    '10', '<10', '>10', '^10', '=10', '*^10', '*<10', '*>10', '*=10', '0>10', '0<10', '0^10',
    '010', '+010', '-010', ' 010', '#010x', '#010_x', '#012_X', '010,', '012,', '09,', '08,',
    '0=10,', 'x=10,', '0>10,', '-010_', '010.2f', '010.2e', '+012,.3f', '=+10', '=+10.1f',
    '.2f', '.0f', '.1f', '.3e', '.0e', '.3g', '.0g', '.1g', '.10g', '.17g', '.20g', '.16',
    '.17', '.3', '.1', '.0', '.50f', '.30e', '.25g', '.2%', '.0%', '.1%', 'z', 'zf', 'z.1f',
    'z.0f', 'z.2e', 'z.3g', 'z%', 'z.0%', 'zd', 'zs', 'z10', '10c', '<5c', '^5c', '05c', '=5c',
    '.2', '.2d', '.2x', '.2c', '.2s', '.0s', '10.3', '10.3s', '^11.2', 'abc', 'ññ', 'ñ', ',ñ',
    '\x00', ',\x00', ',_', '_,', ',,', '__', '.', '10.', '.f', '9999999999999999999',
    '.9999999999999999999', '.2147483648f', '99999999999999999999', 'ñ^7', 'ñ<9', '😀>8',
    '\x00<5', '<<', '~^', '٥', '٥.٢f', '.٢', '10\u0663', 'x<05', '<05', '0=5', '05', '00',
    '0', '+=', '#c', 'z#c', '+z#010.2f', ' z#012_.3e', '<+#x', '>-#o', '^ #b', '=#X', '_c',
    ',X', '%s', 'f10', '10d10', '+-', '#+', 'z+', '0#', 'n10', '=n', ',.1%', '_.1%',
]

FILLS = ['', '', '', '*', '0', 'ñ', ' ', '_']
ALIGNS = ['', '', '<', '>', '^', '=']
SIGNS = ['', '', '+', '-', ' ']
TYPES = ['', 'd', 'b', 'o', 'x', 'X', 'c', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%', 's']


def random_spec():
    align = rng.choice(ALIGNS)
    fill = rng.choice(FILLS) if align else ''
    parts = [fill, align, rng.choice(SIGNS), 'z' if rng.random() < 0.1 else '',
             '#' if rng.random() < 0.25 else '', '0' if rng.random() < 0.25 else '',
             str(rng.randint(1, 25)) if rng.random() < 0.6 else '',
             rng.choice(['', '', '', ',', '_']),
             '.' + str(rng.randint(0, 20)) if rng.random() < 0.35 else '',
             rng.choice(TYPES)]
    return ''.join(parts)


def spec_list(n_random):
    specs = list(CURATED)
    seen = set(specs)
    while len(specs) < len(CURATED) + n_random:
        s = random_spec()
        if s not in seen:
            seen.add(s)
            specs.append(s)
    return specs


def emit_table(lines, name, doc, value_type, rows):
    lines.append(f"/// {doc}")
    lines.append(f"pub(super) static {name}: &[({value_type}, &str, &str, &str)] = &[")
    for value, spec, (kind, text) in rows:
        lines.append(f"    ({value}, {rs_str(spec)}, {rs_str(kind)}, {rs_str(text)}),")
    lines.append("];")
    lines.append("")


def main():
    lines = [header('gen_format_cases.py'),
             "// Each row: (value, spec, \"ok\" or CPython exception class, result or message).",
             ""]
    int_rows = []
    specs = spec_list(80)
    for v in INTS:
        for spec in specs:
            if spec == '':
                continue  # empty spec is str(v): tested separately
            int_rows.append((rs_str(str(v)), spec, outcome(lambda: format(v, spec))))
    for v in BIG_INTS:
        for spec in BIG_INT_SPECS:
            int_rows.append((rs_str(str(v)), spec, outcome(lambda: format(v, spec))))
    emit_table(lines, 'INT_CASES', 'format(int, spec); the value is its decimal text.', '&str', int_rows)

    bool_rows = []
    for v in (True, False):
        for spec in CURATED[:60]:
            if spec:
                bool_rows.append((rs_str(str(int(v))), spec, outcome(lambda: format(v, spec))))
    emit_table(lines, 'BOOL_CASES', 'format(bool, spec) (type name "bool"); value as 0/1.', '&str', bool_rows)

    float_rows = []
    specs = spec_list(80)
    for v in FLOATS:
        for spec in specs:
            if spec == '':
                continue
            float_rows.append((f64_bits(v), spec, outcome(lambda: format(v, spec))))
    # Precisions beyond the digits any f64 has: exact digits, then zero padding.
    for v, spec in [(0.1, '.1200f'), (5e-324, '.1100e'), (1e300, '.900g'), (1.5, '#.1000g'),
                    (2.5, '.3000f'), (1 / 3, '#.2000e'), (-1e-300, 'z.1400f'), (1e22, ',.1200f'),
                    (-1e-300, '.1400f'), (5e-324, '.1074f'), (5e-324, '.1073f'), (5e-324, '.1075f')]:
        float_rows.append((f64_bits(v), spec, outcome(lambda: format(v, spec))))
    emit_table(lines, 'FLOAT_CASES', 'format(float, spec); the value is its bit pattern.', 'u64', float_rows)

    str_rows = []
    specs = spec_list(60)
    for v in STRS:
        for spec in specs:
            if spec == '':
                continue
            str_rows.append((rs_str(v), spec, outcome(lambda: format(v, spec))))
    emit_table(lines, 'STR_CASES', 'format(str, spec).', '&str', str_rows)

    with open('src/format/tests/format_cases.rs', 'w') as f:
        f.write("\n".join(lines))
    print(len(int_rows), len(bool_rows), len(float_rows), len(str_rows))


main()
