"""`decimal`: decimal floating-point arithmetic, as CPython 3.11's C module
(`_decimal`, built on libmpdec) provides it.

A Decimal is a sign, an integer coefficient and a power-of-ten exponent, or one
of the special values Infinity, NaN and sNaN. Conversions from strings, ints,
floats and tuples are exact; arithmetic rounds its exact result to the current
context's precision and rounding mode, and reports what happened by setting
the context's flags and raising the trapped signals. Everything printable
follows the C module rather than CPython's pure-Python `_pydecimal`: reprs,
the order in which a Context lists its flags, and the exceptions raised for a
trapped signal, which carry the list of trapped conditions that occurred, e.g.
`decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]`.

The module is split over private helpers, all of whose classes say they live
in `decimal`: `_decimal_context` (rounding modes, signals, Context, the current
context), `_decimal_number` (Decimal, conversions, comparisons, the basic
arithmetic), `_decimal_math` (powers, square root, exp/ln/log10 and the other
methods), `_decimal_format` (__format__).

The current context lives in a `contextvars.ContextVar`, as in CPython: each
asyncio task works in its own.

Not provided: complex() of a Decimal and comparisons with complex numbers (apy
has no complex numbers); locale-aware 'n' formatting (apy has no `locale`:
'n' behaves as in the C locale); the C module's
`allcr` context switch (results are always correctly rounded where CPython's
are by default).
"""

from _decimal_context import (
    ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
    ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP,
    MAX_PREC, MAX_EMAX, MIN_EMIN, MIN_ETINY,
    DecimalException, Clamped, InvalidOperation, ConversionSyntax, DivisionByZero,
    DivisionImpossible, DivisionUndefined, Inexact, InvalidContext, Rounded,
    Subnormal, Overflow, Underflow, FloatOperation,
    DecimalTuple, Context, DefaultContext, BasicContext, ExtendedContext,
    getcontext, setcontext, localcontext,
)
from _decimal_number import Decimal

# CPython registers Decimal as a numbers.Number (and nothing narrower).
try:
    import numbers as _numbers
except ImportError:
    pass
else:
    _numbers.Number.register(Decimal)
    del _numbers

__version__ = '1.70'
__libmpdec_version__ = '2.5.1'

HAVE_THREADS = True
HAVE_CONTEXTVAR = True
