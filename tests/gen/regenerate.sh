#!/bin/sh
# Regenerate every CPython-oracle table used by the stdlib tests. Needs python3 == CPython 3.11.
set -e
cd "$(dirname "$0")/.."
python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version'
python3 gen/math_float_cases.py > generated/math_float_cases.rs
python3 gen/math_int_cases.py > generated/math_int_cases.rs
for g in gen/random_*.py; do
    [ -e "$g" ] || continue
    python3 "$g" > "generated/$(basename "$g" .py).rs"
done
