"""`fractions`: rational numbers, as exact quotients of two integers.

A Fraction is kept normalized: the denominator is positive and shares no factor
with the numerator. Everything that prints follows CPython 3.11, including results
that depend on how an operation is computed rather than on its value: division
cancels common factors before multiplying, so `Fraction(5) / 0` reports
`ZeroDivisionError: Fraction(1, 0)`; `round()` and `limit_denominator()` break
ties the way CPython does; the hash equals that of an equal int or float.

Mixed arithmetic follows CPython's rules: with an int or Fraction the result is
a Fraction, with a float it is a float (computed from `float(fraction)`, which is
correctly rounded since int true division is).

CPython parses strings with a regular expression; apy has no `re`, so the parser
below walks the string by hand and accepts exactly the same language, including
that regex's quirks: underscores between digits, Unicode digits and spaces,
`'1.'` meaning 1, and (a typo in CPython 3.11's pattern) a run of letters `d`
after the decimal point, which reaches `int()` and fails there.

Not provided: Decimal support (`from_decimal` accepts integers only; apy has no `decimal`);
complex operands (apy has no complex numbers).
"""

import math as _math
import numbers as _numbers
import sys as _sys

__all__ = ["Fraction"]

_PyHASH_MODULUS = _sys.hash_info.modulus
_PyHASH_INF = _sys.hash_info.inf


# ---------------------------------------------------------------- string parsing

def _digits(s, i, end):
    """Index after the digit group `\\d+(_\\d+)*` starting at i (i if none)."""
    if i >= end or not s[i].isdecimal():
        return i
    i += 1
    while i < end:
        c = s[i]
        if c.isdecimal():
            i += 1
        elif c == "_" and i + 1 < end and s[i + 1].isdecimal():
            i += 2
        else:
            break
    return i


def _exponent(s, i, end):
    """(exponent text, index after it) for an optional `E[-+]?digits` at i, or
    (None, i) when there is none; (None, -1) when it is malformed."""
    if i >= end or s[i] not in "eE":
        return None, i
    start = i + 1
    j = start
    if j < end and s[j] in "+-":
        j += 1
    k = _digits(s, j, end)
    if k == j:
        return None, -1
    return s[start:k], k


def _parse(s):
    """The parts (sign, num, denom, decimal, exp) of a Fraction literal, or None."""
    end = len(s)
    i = 0
    while i < end and s[i].isspace():
        i += 1
    while end > i and s[end - 1].isspace():
        end -= 1
    sign = ""
    if i < end and s[i] in "+-":
        sign = s[i]
        i += 1
    if i >= end:
        return None
    if not (s[i].isdecimal()
            or (s[i] == "." and i + 1 < end and s[i + 1].isdecimal())):
        return None
    j = _digits(s, i, end)
    num = s[i:j]
    i = j
    if i == end:
        return sign, num, None, None, None
    # numerator/denominator (no spaces around the slash)
    if s[i] == "/":
        k = i + 1
        j = _digits(s, k, end)
        if j == k or j != end:
            return None
        return sign, num, s[k:j], None, None
    # optional .decimal, optional exponent
    decimal = None
    if s[i] == ".":
        start = i + 1
        # CPython 3.11's pattern reads `d*` (letters) where `\d*` was meant.
        j = start
        while j < end and s[j] in "dD":
            j += 1
        exp, k = _exponent(s, j, end)
        if k == end:
            return sign, num, None, s[start:j], exp
        j = _digits(s, start, end)
        if j == start:
            return None
        decimal = s[start:j]
        i = j
    exp, k = _exponent(s, i, end)
    if k != end:
        return None
    return sign, num, None, decimal, exp


def _is_rational(x):
    return isinstance(x, (int, Fraction))


class Fraction(_numbers.Rational):
    """A rational number: Fraction(numerator=0, denominator=None).

    Built from an int or Fraction (or two of them: their quotient), a float
    (exactly), or a string such as '3/4', '-1.5' or '2e-3'."""

    __slots__ = ("_numerator", "_denominator")

    def __new__(cls, numerator=0, denominator=None, *, _normalize=True):
        """Creates the normalized fraction numerator/denominator."""
        self = super(Fraction, cls).__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            if _is_rational(numerator):
                self._numerator = numerator.numerator
                self._denominator = numerator.denominator
                return self
            if isinstance(numerator, float):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            if not isinstance(numerator, str):
                raise TypeError("argument should be a string "
                                "or a Rational instance")
            parts = _parse(numerator)
            if parts is None:
                raise ValueError(f"Invalid literal for Fraction: {numerator!r}")
            sign, num, denom, decimal, exp = parts
            numerator = int(num or "0")
            if denom:
                denominator = int(denom)
            else:
                denominator = 1
                if decimal:
                    decimal = decimal.replace("_", "")
                    scale = 10 ** len(decimal)
                    numerator = numerator * scale + int(decimal)
                    denominator *= scale
                if exp:
                    exp = int(exp)
                    if exp >= 0:
                        numerator *= 10 ** exp
                    else:
                        denominator *= 10 ** -exp
            if sign == "-":
                numerator = -numerator
        elif type(numerator) is int is type(denominator):
            pass
        elif _is_rational(numerator) and _is_rational(denominator):
            numerator, denominator = (
                numerator.numerator * denominator.denominator,
                denominator.numerator * numerator.denominator)
        else:
            raise TypeError("both arguments should be "
                            "Rational instances")
        if denominator == 0:
            raise ZeroDivisionError(f"Fraction({numerator}, 0)")
        if _normalize:
            g = _math.gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self._numerator = numerator
        self._denominator = denominator
        return self

    @classmethod
    def from_float(cls, f):
        """The exact value of a finite float (or an int) as a Fraction."""
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError(f"{cls.__name__}.from_float() only takes floats, "
                            f"not {f!r} ({type(f).__name__})")
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        """The exact value of an integer as a Fraction (apy has no Decimal)."""
        if isinstance(dec, int):
            return cls(int(dec))
        raise TypeError(f"{cls.__name__}.from_decimal() only takes Decimals, "
                        f"not {dec!r} ({type(dec).__name__})")

    def as_integer_ratio(self):
        """(numerator, denominator), the denominator positive."""
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        """The Fraction nearest to self whose denominator is at most
        max_denominator."""
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        # Convergents h/k of the continued fraction of self, keeping the last
        # two, until the next one's denominator would exceed the bound.
        h_prev, k_prev, h, k = 0, 1, 1, 0
        num, den = self._numerator, self._denominator
        while True:
            term = num // den
            k_next = k_prev + term * k
            if k_next > max_denominator:
                break
            h_prev, k_prev, h, k = h, k, h_prev + term * h, k_next
            num, den = den, num - term * den
        # The answer is the last convergent or the largest semiconvergent that
        # still fits, whichever is nearer; a tie goes to the convergent.
        steps = (max_denominator - k_prev) // k
        semi = Fraction(h_prev + steps * h, k_prev + steps * k)
        conv = Fraction(h, k)
        if abs(conv - self) <= abs(semi - self):
            return conv
        return semi

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        """Fraction(numerator, denominator)"""
        return f"{self.__class__.__name__}({self._numerator}, {self._denominator})"

    def __str__(self):
        """'numerator/denominator', or just the numerator when whole."""
        if self._denominator == 1:
            return str(self._numerator)
        return f"{self._numerator}/{self._denominator}"

    # ------------------------------------------------------------ arithmetic

    def _mixed_operators(exact, inexact):
        """The forward and reverse methods for one operator: exact with
        rationals, through float with floats, NotImplemented otherwise."""

        def forward(a, b):
            if isinstance(b, (int, Fraction)):
                return exact(a, b)
            if isinstance(b, float):
                return inexact(float(a), b)
            return NotImplemented

        def reverse(b, a):
            if isinstance(a, (int, Fraction)):
                return exact(Fraction(a), b)
            if isinstance(a, float):
                return inexact(float(a), float(b))
            return NotImplemented

        name = inexact.__name__
        forward.__name__ = forward.__qualname__ = f"__{name}__"
        reverse.__name__ = reverse.__qualname__ = f"__r{name}__"
        return forward, reverse

    def _add(a, b):
        """a + b"""
        return Fraction(a.numerator * b.denominator + b.numerator * a.denominator,
                        a.denominator * b.denominator)

    def _sub(a, b):
        """a - b"""
        return Fraction(a.numerator * b.denominator - b.numerator * a.denominator,
                        a.denominator * b.denominator)

    def _mul(a, b):
        """a * b"""
        return Fraction(a.numerator * b.numerator, a.denominator * b.denominator)

    def _div(a, b):
        """a / b"""
        # Common factors are cancelled before multiplying, numerators with each
        # other and denominators with each other. That decides what a
        # ZeroDivisionError shows: Fraction(5) / 0 reports Fraction(1, 0).
        num_a, den_a = a.numerator, a.denominator
        num_b, den_b = b.numerator, b.denominator
        g = _math.gcd(num_a, num_b)
        if g > 1:
            num_a //= g
            num_b //= g
        g = _math.gcd(den_a, den_b)
        if g > 1:
            den_a //= g
            den_b //= g
        num = num_a * den_b
        den = den_a * num_b
        if den < 0:
            num, den = -num, -den
        return Fraction(num, den, _normalize=False)

    def _floordiv(a, b):
        """a // b"""
        return (a.numerator * b.denominator) // (a.denominator * b.numerator)

    def _divmod(a, b):
        """(a // b, a % b)"""
        da, db = a.denominator, b.denominator
        div, n_mod = divmod(a.numerator * db, da * b.numerator)
        return div, Fraction(n_mod, da * db)

    def _mod(a, b):
        """a % b"""
        da, db = a.denominator, b.denominator
        return Fraction((a.numerator * db) % (b.numerator * da), da * db)

    def _floordiv_op(x, y):
        return x // y

    def _truediv_op(x, y):
        return x / y

    def _add_op(x, y):
        return x + y

    def _sub_op(x, y):
        return x - y

    def _mul_op(x, y):
        return x * y

    def _mod_op(x, y):
        return x % y

    _add_op.__name__ = "add"
    _sub_op.__name__ = "sub"
    _mul_op.__name__ = "mul"
    _truediv_op.__name__ = "truediv"
    _floordiv_op.__name__ = "floordiv"
    _mod_op.__name__ = "mod"

    __add__, __radd__ = _mixed_operators(_add, _add_op)
    __sub__, __rsub__ = _mixed_operators(_sub, _sub_op)
    __mul__, __rmul__ = _mixed_operators(_mul, _mul_op)
    __truediv__, __rtruediv__ = _mixed_operators(_div, _truediv_op)
    __floordiv__, __rfloordiv__ = _mixed_operators(_floordiv, _floordiv_op)
    __divmod__, __rdivmod__ = _mixed_operators(_divmod, divmod)
    __mod__, __rmod__ = _mixed_operators(_mod, _mod_op)

    del _add_op, _sub_op, _mul_op, _truediv_op, _floordiv_op, _mod_op

    def __pow__(a, b):
        """a ** b: exact for an integral exponent, a float otherwise."""
        if _is_rational(b):
            if b.denominator == 1:
                power = b.numerator
                if power >= 0:
                    return Fraction(a._numerator ** power,
                                    a._denominator ** power,
                                    _normalize=False)
                if a._numerator >= 0:
                    return Fraction(a._denominator ** -power,
                                    a._numerator ** -power,
                                    _normalize=False)
                return Fraction((-a._denominator) ** -power,
                                (-a._numerator) ** -power,
                                _normalize=False)
            # A fractional power: the result is irrational in general.
            return float(a) ** float(b)
        return float(a) ** b

    def __rpow__(b, a):
        """a ** b with b a Fraction."""
        if b._denominator == 1 and b._numerator >= 0:
            # An int base stays an int.
            return a ** b._numerator
        if _is_rational(a):
            return Fraction(a.numerator, a.denominator) ** b
        if b._denominator == 1:
            return a ** b._numerator
        return a ** float(b)

    def __pos__(a):
        """+a, always of class Fraction."""
        return Fraction(a._numerator, a._denominator, _normalize=False)

    def __neg__(a):
        """-a"""
        return Fraction(-a._numerator, a._denominator, _normalize=False)

    def __abs__(a):
        """abs(a)"""
        return Fraction(abs(a._numerator), a._denominator, _normalize=False)

    def __int__(a):
        """int(a), truncating toward zero."""
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    def __trunc__(a):
        """math.trunc(a)"""
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    def __floor__(a):
        """math.floor(a)"""
        return a._numerator // a._denominator

    def __ceil__(a):
        """math.ceil(a)"""
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        """round(self) is the nearest int, ties to even; round(self, n) is the
        nearest Fraction with n decimal places."""
        if ndigits is None:
            d = self._denominator
            floor, remainder = divmod(self._numerator, d)
            if remainder * 2 < d:
                return floor
            if remainder * 2 > d:
                return floor + 1
            return floor if floor % 2 == 0 else floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(a):
        """float(a): the nearest float (int true division rounds correctly)."""
        return a._numerator / a._denominator

    def __hash__(self):
        """hash(self), equal to the hash of an equal int or float."""
        # The hash of a rational p/q is p * q**-1 modulo the prime P (P being
        # sys.hash_info.modulus): equal ints and floats hash the same way.
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            # q divisible by P: no inverse, the value hashes as infinity.
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(a, b):
        """a == b"""
        if type(b) is int:
            return a._numerator == b and a._denominator == 1
        if _is_rational(b):
            return (a._numerator == b.numerator and
                    a._denominator == b.denominator)
        if isinstance(b, float):
            if _math.isnan(b) or _math.isinf(b):
                # The 0.0 stands for any finite value.
                return 0.0 == b
            return a == a.from_float(b)
        return NotImplemented

    def _richcmp(self, other, op):
        """Compares with a rational exactly, with a float through its exact
        value (infinities and NaN as if self were 0.0)."""
        if _is_rational(other):
            return op(self._numerator * other.denominator,
                      self._denominator * other.numerator)
        if isinstance(other, float):
            if _math.isnan(other) or _math.isinf(other):
                return op(0.0, other)
            return op(self, self.from_float(other))
        return NotImplemented

    def __lt__(a, b):
        """a < b"""
        return a._richcmp(b, _lt)

    def __gt__(a, b):
        """a > b"""
        return a._richcmp(b, _gt)

    def __le__(a, b):
        """a <= b"""
        return a._richcmp(b, _le)

    def __ge__(a, b):
        """a >= b"""
        return a._richcmp(b, _ge)

    def __bool__(a):
        """a != 0"""
        return bool(a._numerator)

    # ------------------------------------------------------------ numbers.Real

    @property
    def real(self):
        """The number itself (a Fraction is real)."""
        return +self

    @property
    def imag(self):
        """0: a Fraction has no imaginary part."""
        return 0

    def conjugate(self):
        """The number itself."""
        return +self

    # ------------------------------------------------------------ copying

    def __reduce__(self):
        return (self.__class__, (self._numerator, self._denominator))

    def __copy__(self):
        if type(self) == Fraction:
            return self     # immutable
        return self.__class__(self._numerator, self._denominator)

    def __deepcopy__(self, memo):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)


del Fraction._mixed_operators


def _lt(x, y):
    return x < y


def _gt(x, y):
    return x > y


def _le(x, y):
    return x <= y


def _ge(x, y):
    return x >= y
