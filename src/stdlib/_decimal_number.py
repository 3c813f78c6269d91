"""Private part of `decimal`: the Decimal type, its conversions, comparisons and
basic arithmetic.

A Decimal holds a sign (0 or 1), an integer coefficient and an integer exponent;
the special values keep their kind in the exponent slot as the letters
`as_tuple()` uses: 'F' for Infinity, 'n' for a quiet NaN, 'N' for a signaling
one (a NaN's coefficient is its payload).

Every operation first computes the exact result where that is cheap, then rounds
it to the context in `_fix`, which mirrors the order in which libmpdec checks
for overflow, clamping and subnormal results, because which flags an operation
raises depends on that order. Operations return (result, condition bits); the
public method passes the bits to the context once, at the end.
"""

import sys as _sys

from _decimal_context import (
    ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
    ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP, _ROUNDINGS, _ROUNDING_MSG,
    MAX_EMAX, MIN_ETINY, _SSIZE_MAX,
    CLAMPED, CONV_SYNTAX, INEXACT, INVALID_OP, FLOAT_OP, OVERFLOW, ROUNDED,
    SUBNORMAL, UNDERFLOW,
    getcontext, _check_context, Context,
)

_HASH_MODULUS = _sys.hash_info.modulus
_HASH_INF = _sys.hash_info.inf
_HASH_10INV = pow(10, _HASH_MODULUS - 2, _HASH_MODULUS)


# ---------------------------------------------------------------- big integers

_POW10 = [10 ** _i for _i in range(128)]


def _pow10(n):
    return _POW10[n] if n < 128 else 10 ** n


def _str_of(n):
    """The decimal digits of n >= 0 (also past the int-to-str digit limit)."""
    try:
        return str(n)
    except ValueError:
        k = (n.bit_length() * 1233 >> 12) // 2     # about half of the digits
        hi, lo = divmod(n, _pow10(k))
        return _str_of(hi) + _str_of(lo).rjust(k, '0')


def _int_of(s):
    """int(s) for a string of ASCII digits of any length."""
    try:
        return int(s)
    except ValueError:
        k = len(s) // 2
        return _int_of(s[:-k]) * _pow10(k) + _int_of(s[-k:])


def _nd(n):
    """The number of digits of n > 0."""
    bits = n.bit_length()
    if bits < 14000:        # below the int-to-str digit limit
        return len(str(n))
    # 1233/4096 is just under log10(2): 10**(d-1) <= n, and d is at most two short.
    d = ((bits - 1) * 1233 >> 12) + 1
    while n >= _pow10(d):
        d += 1
    return d


def _trailing_zeros(n):
    s = _str_of(n)
    return len(s) - len(s.rstrip('0'))


# ---------------------------------------------------------------- making values

def _mk(sign, coeff, exp, cls=None):
    d = object.__new__(cls or Decimal)
    d._sign = sign
    d._int = coeff
    d._exp = exp
    d._special = False
    return d


def _mk_special(sign, payload, kind, cls=None):
    d = object.__new__(cls or Decimal)
    d._sign = sign
    d._int = payload
    d._exp = kind
    d._special = True
    return d


def _nan():
    return _mk_special(0, 0, 'n')


def _inf(sign):
    return _mk_special(sign, 0, 'F')


def _from_int(v):
    if type(v) is not int:
        v = int(v)      # bool and other int subclasses print differently
    return _mk(1, -v, 0) if v < 0 else _mk(0, v, 0)


def _from_float(f):
    if f != f:
        return _nan()
    sign = 1 if (f < 0 or (f == 0 and str(f)[0] == '-')) else 0
    f = abs(f)
    if f == float('inf'):
        return _inf(sign)
    n, d = f.as_integer_ratio()
    k = d.bit_length() - 1
    return _mk(sign, n * 5 ** k, -k)


def _copy(d, sign=None, cls=None):
    r = object.__new__(cls or Decimal)
    r._sign = d._sign if sign is None else sign
    r._int = d._int
    r._exp = d._exp
    r._special = d._special
    return r


# ---------------------------------------------------------------- rounding

def _round_drop(sign, coeff, shift, rounding):
    """Drops the last `shift` (> 0) digits of coeff, rounding by `rounding`:
    (new coefficient, whether anything non-zero was dropped)."""
    if coeff.bit_length() <= 3 * (shift - 1):
        # coeff < 10**(shift-1): all dropped, and less than half of the unit.
        if not coeff:
            return 0, False
        q, cmp = 0, -1
    else:
        p = _pow10(shift)
        q, r = divmod(coeff, p)
        if not r:
            return q, False
        h = p >> 1
        cmp = (r > h) - (r < h)
    if rounding == ROUND_HALF_EVEN:
        inc = cmp > 0 or (cmp == 0 and q & 1)
    elif rounding == ROUND_DOWN:
        inc = False
    elif rounding == ROUND_HALF_UP:
        inc = cmp >= 0
    elif rounding == ROUND_UP:
        inc = True
    elif rounding == ROUND_CEILING:
        inc = not sign
    elif rounding == ROUND_FLOOR:
        inc = bool(sign)
    elif rounding == ROUND_HALF_DOWN:
        inc = cmp > 0
    else:   # ROUND_05UP
        inc = q % 5 == 0
    return (q + 1 if inc else q), True


def _overflow(sign, ctx):
    r = ctx._rounding
    if (r == ROUND_DOWN or r == ROUND_05UP or (r == ROUND_CEILING and sign)
            or (r == ROUND_FLOOR and not sign)):
        prec = ctx._prec
        return _mk(sign, _pow10(prec) - 1, ctx._Emax - prec + 1)
    return _inf(sign)


def _fix(sign, coeff, exp, ctx):
    """Rounds the exact value (sign, coeff, exp) to ctx: (Decimal, conditions)."""
    prec = ctx._prec
    emax = ctx._Emax
    if coeff:
        nd = _nd(coeff)
        adj = exp + nd - 1
    else:
        nd = 1
        adj = exp
    if adj > emax:
        if not coeff:
            return _mk(sign, 0, emax - prec + 1 if ctx._clamp else emax), CLAMPED
        return _overflow(sign, ctx), OVERFLOW | INEXACT | ROUNDED
    etop = emax - prec + 1
    if ctx._clamp and exp > etop:
        status = CLAMPED
        if coeff:
            coeff *= _pow10(exp - etop)
            if adj < ctx._Emin:
                status |= SUBNORMAL
        return _mk(sign, coeff, etop), status
    emin = ctx._Emin
    if adj < emin:
        etiny = emin - prec + 1
        if not coeff:
            if exp < etiny:
                return _mk(sign, 0, etiny), CLAMPED
            return _mk(sign, 0, exp), 0
        status = SUBNORMAL
        if exp < etiny:
            coeff, inexact = _round_drop(sign, coeff, etiny - exp, ctx._rounding)
            exp = etiny
            status |= ROUNDED
            if inexact:
                status |= INEXACT | UNDERFLOW
                if not coeff:
                    status |= CLAMPED
        return _mk(sign, coeff, exp), status
    if nd > prec:
        shift = nd - prec
        coeff, inexact = _round_drop(sign, coeff, shift, ctx._rounding)
        exp += shift
        if not inexact:
            return _mk(sign, coeff, exp), ROUNDED
        status = ROUNDED | INEXACT
        if coeff == _pow10(prec):
            coeff = _pow10(prec - 1)
            exp += 1
            if exp + prec - 1 > emax:
                return _overflow(sign, ctx), status | OVERFLOW
        return _mk(sign, coeff, exp), status
    return _mk(sign, coeff, exp), 0


def _fix_nan(d, ctx):
    """A quiet copy of NaN d whose payload fits the context."""
    keep = ctx._prec - ctx._clamp
    payload = d._int
    if payload and _nd(payload) > keep:
        payload = payload % _pow10(keep) if keep > 0 else 0
    return _mk_special(d._sign, payload, 'n')


def _nans(a, b, ctx):
    """The result of an operation on a NaN operand, or None when neither is one."""
    if a._special and a._exp == 'N':
        return _fix_nan(a, ctx), INVALID_OP
    if b is not None and b._special and b._exp == 'N':
        return _fix_nan(b, ctx), INVALID_OP
    if a._special and a._exp == 'n':
        return _fix_nan(a, ctx), 0
    if b is not None and b._special and b._exp == 'n':
        return _fix_nan(b, ctx), 0
    return None


def _apply(d, ctx):
    """d rounded to ctx (Context._apply), signalling as needed."""
    if d._special:
        if d._exp == 'F':
            return d
        r, st = _nans(d, None, ctx)
        if d._exp == 'N':
            r = _mk_special(r._sign, r._int, 'N')
        return r
    r, st = _fix(d._sign, d._int, d._exp, ctx)
    if st:
        ctx._signal(st)
    return r


# ---------------------------------------------------------------- parsing

def _parse(s, lax):
    """(sign, coefficient, exponent or special letter) for a numeric string,
    or None. `lax` (the constructor) strips whitespace and underscores."""
    if lax:
        s = s.strip()
        if '_' in s:
            s = s.replace('_', '')
    if not s.isascii():
        chars = []
        for ch in s:
            if ch.isdecimal():
                chars.append(str(int(ch)))
            elif ord(ch) < 128:
                chars.append(ch)
            else:
                return None
        s = ''.join(chars)
    sign = 0
    if s[:1] in ('+', '-'):
        sign = 1 if s[0] == '-' else 0
        s = s[1:]
    low = s.lower()
    if low == 'inf' or low == 'infinity':
        return sign, 0, 'F'
    if low.startswith('nan') or low.startswith('snan'):
        kind, digits = ('n', low[3:]) if low[0] == 'n' else ('N', low[4:])
        if digits and not (digits.isdigit() and digits.isascii()):
            return None
        return sign, _int_of(digits) if digits else 0, kind
    mant, e, expo = low.partition('e')
    exp = 0
    if e:
        body = expo[1:] if expo[:1] in ('+', '-') else expo
        if not body.isdigit():
            return None
        exp = -_int_of(body) if expo[0] == '-' else _int_of(body)
    intpart, dot, frac = mant.partition('.')
    if not (intpart or frac):
        return None
    if (intpart and not intpart.isdigit()) or (frac and not frac.isdigit()):
        return None
    return sign, _int_of((intpart + frac).lstrip('0') or '0'), exp - len(frac)


def _from_tuple(value):
    """(sign, coefficient, exponent) from a DecimalTuple-like sequence."""
    if len(value) != 3:
        raise ValueError('argument must be a sequence of length 3')
    sign, digits, exp = value
    if not isinstance(sign, int) or sign not in (0, 1):
        raise ValueError('sign must be an integer with the value 0 or 1')
    if isinstance(exp, str):
        if exp not in ('F', 'n', 'N'):
            raise ValueError("string argument in the third position must be "
                             "'F', 'n' or 'N'")
    elif isinstance(exp, int):
        if not -_SSIZE_MAX - 1 <= exp <= _SSIZE_MAX:
            raise OverflowError('Python int too large to convert to C ssize_t')
    else:
        raise ValueError('exponent must be an integer')
    if not isinstance(digits, (tuple, list)):
        raise ValueError('coefficient must be a tuple of digits')
    for dig in digits:
        if not isinstance(dig, int) or not 0 <= dig <= 9:
            raise ValueError('coefficient must be a tuple of digits')
    sign = int(sign)
    if exp == 'F':
        return sign, 0, 'F'
    text = ''.join([str(int(dig)) for dig in digits]).lstrip('0')
    return sign, _int_of(text) if text else 0, exp


def _convert_strict(v):
    """v as a Decimal for a method operand: Decimals and ints only."""
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return _from_int(v)
    raise TypeError('conversion from %s to Decimal is not supported' % type(v).__name__)


def _create_decimal(num, ctx):
    """Context.create_decimal: num converted, then rounded to ctx."""
    if isinstance(num, str):
        parsed = _parse(num, False)
        if parsed is None:
            ctx._signal(CONV_SYNTAX)
            return _nan()
        sign, coeff, exp = parsed
        if exp == 'F':
            return _inf(sign)
        if exp in ('n', 'N'):
            if coeff and _nd(coeff) > ctx._prec - ctx._clamp:
                ctx._signal(CONV_SYNTAX)
                return _nan()
            return _mk_special(sign, coeff, exp)
    elif isinstance(num, Decimal):
        sign, coeff, exp = num._sign, num._int, num._exp
        if exp in ('n', 'N') and coeff and _nd(coeff) > ctx._prec - ctx._clamp:
            ctx._signal(CONV_SYNTAX)
            return _nan()
        if num._special:
            return _copy(num)
    elif isinstance(num, int):
        num = int(num)
        sign, coeff, exp = (1, -num, 0) if num < 0 else (0, num, 0)
    elif isinstance(num, float):
        ctx._signal(FLOAT_OP)
        d = _from_float(num)
        if d._special:
            return d
        sign, coeff, exp = d._sign, d._int, d._exp
    elif isinstance(num, (tuple, list)):
        sign, coeff, exp = _from_tuple(num)
        if isinstance(exp, str):
            if exp != 'F' and coeff and _nd(coeff) > ctx._prec - ctx._clamp:
                ctx._signal(CONV_SYNTAX)
                return _nan()
            return _mk_special(sign, coeff, exp)
    else:
        raise TypeError('conversion from %s to Decimal is not supported'
                        % type(num).__name__)
    r, st = _fix(sign, coeff, exp, ctx)
    if st:
        ctx._signal(st)
    return r


def _rounding_arg(rounding):
    if rounding is None:
        return None
    if not isinstance(rounding, str) or rounding not in _ROUNDINGS:
        raise TypeError(_ROUNDING_MSG)
    return rounding


# Builtin types whose operators never accept a Decimal. With these, Decimal's
# operators raise the TypeError themselves instead of returning NotImplemented:
# the message then names the type 'decimal.Decimal', as CPython's (a C type)
# does, which apy cannot do for a class written in Python. The price: calling
# such a dunder directly raises rather than returning NotImplemented.
_FOREIGN = frozenset((float, str, bytes, bytearray, list, tuple, dict, set,
                      frozenset, type(None)))
_SEQUENCES = frozenset((str, bytes, bytearray, list, tuple))


def _tname(obj):
    t = type(obj)
    return 'decimal.Decimal' if t is Decimal else t.__name__


def _operand(self, other, sym, reflected):
    if isinstance(other, Decimal):
        return other
    if isinstance(other, int):
        return _from_int(other)
    if type(other) in _FOREIGN:
        t = type(other)
        if sym == '*' and t in _SEQUENCES:
            raise TypeError("can't multiply sequence by non-int of type %r" % _tname(self))
        if sym == '+' and reflected and t in _SEQUENCES:
            # The sequence's own concatenation is what fails.
            if t in (bytes, bytearray):
                raise TypeError("can't concat %s to %s" % (_tname(self), t.__name__))
            raise TypeError('can only concatenate %s (not "%s") to %s'
                            % (t.__name__, _tname(self), t.__name__))
        left, right = (other, self) if reflected else (self, other)
        raise TypeError('unsupported operand type(s) for %s: %r and %r'
                        % (sym, _tname(left), _tname(right)))
    return NotImplemented


def _exact(cls, context, sign, coeff, exp):
    """The constructor's exact value: a value that needs rounding even with
    the largest precision and exponent range is an InvalidOperation."""
    if isinstance(exp, str):
        return _mk_special(sign, coeff, exp, cls)
    if coeff:
        bad = exp + _nd(coeff) - 1 > MAX_EMAX or exp < MIN_ETINY
    else:
        bad = exp > MAX_EMAX or exp < MIN_ETINY
    if bad:
        (context or getcontext())._signal(INVALID_OP)
        return _nan() if cls is Decimal else cls('NaN')
    return _mk(sign, coeff, exp, cls)


def _run(op, a, b, context=None):
    ctx = getcontext() if context is None else _check_context(context)
    r, st = op(a, b, ctx)
    if st:
        ctx._signal(st)
    return r


class Decimal(object):
    """Floating-point decimal number: exact in base ten, rounded to a context."""

    __module__ = 'decimal'
    __slots__ = ('_sign', '_int', '_exp', '_special')

    def __new__(cls, value='0', context=None, *extra):
        if extra:
            raise TypeError('function takes at most 2 arguments (%d given)'
                            % (2 + len(extra)))
        if context is not None and not isinstance(context, Context):
            raise TypeError('optional argument must be a context')
        if isinstance(value, str):
            parsed = _parse(value, True)
            if parsed is None:
                (context or getcontext())._signal(CONV_SYNTAX)
                return _nan() if cls is Decimal else cls('NaN')
            return _exact(cls, context, *parsed)
        if isinstance(value, int):
            if type(value) is not int:
                value = int(value)
            if value < 0:
                return _mk(1, -value, 0, cls)
            return _mk(0, value, 0, cls)
        if isinstance(value, Decimal):
            if cls is Decimal and type(value) is Decimal:
                return value
            return _copy(value, cls=cls)
        if isinstance(value, float):
            (context or getcontext())._signal(FLOAT_OP)
            return _copy(_from_float(value), cls=cls)
        if isinstance(value, (tuple, list)):
            return _exact(cls, context, *_from_tuple(value))
        raise TypeError('conversion from %s to Decimal is not supported'
                        % type(value).__name__)

    @classmethod
    def from_float(cls, f):
        """The exact value of the float (or int) f as a Decimal."""
        if isinstance(f, int):
            d = _from_int(f)
        elif isinstance(f, float):
            d = _from_float(f)
        else:
            raise TypeError('argument must be int or float')
        return d if cls is Decimal else cls(d)

    # ------------------------------------------------------------ strings

    def _to_string(self, eng, capitals):
        sign = '-' if self._sign else ''
        if self._special:
            if self._exp == 'F':
                return sign + 'Infinity'
            payload = _str_of(self._int) if self._int else ''
            return sign + ('NaN' if self._exp == 'n' else 'sNaN') + payload
        digits = _str_of(self._int)
        exp = self._exp
        left = exp + len(digits)
        if exp <= 0 and left > -6:
            dot = left
        elif not eng:
            dot = 1
        elif not self._int:
            dot = (left + 1) % 3 - 1
        else:
            dot = (left - 1) % 3 + 1
        if dot <= 0:
            body = '0.' + '0' * -dot + digits
        elif dot >= len(digits):
            body = digits + '0' * (dot - len(digits))
        else:
            body = digits[:dot] + '.' + digits[dot:]
        if left == dot:
            return sign + body
        return '%s%s%s%+d' % (sign, body, 'E' if capitals else 'e', left - dot)

    def __str__(self):
        return self._to_string(False, getcontext()._capitals)

    def __repr__(self):
        return "Decimal('%s')" % self._to_string(False, getcontext()._capitals)

    def to_eng_string(self, context=None):
        """The string form, with an exponent that is a multiple of three."""
        ctx = _check_context(context)
        return self._to_string(True, ctx._capitals)

    def __format__(self, spec, override=None):
        from _decimal_format import format_decimal
        return format_decimal(self, spec, override)

    # ------------------------------------------------------------ parts

    def as_tuple(self):
        """The DecimalTuple (sign, digits, exponent)."""
        from _decimal_context import DecimalTuple
        if self._special:
            if self._exp == 'F':
                digits = (0,)
            else:
                digits = tuple(map(int, _str_of(self._int))) if self._int else ()
        else:
            digits = tuple(map(int, _str_of(self._int)))
        return DecimalTuple(self._sign, digits, self._exp)

    def as_integer_ratio(self):
        """(numerator, denominator) in lowest terms, denominator positive."""
        if self._special:
            if self._exp == 'F':
                raise OverflowError('cannot convert Infinity to integer ratio')
            raise ValueError('cannot convert NaN to integer ratio')
        n = self._int
        if self._exp >= 0:
            n *= _pow10(self._exp)
            d = 1
        else:
            d = _pow10(-self._exp)
            if n:
                from math import gcd
                g = gcd(n, d)
                n //= g
                d //= g
            else:
                d = 1
        return (-n if self._sign else n), d

    def adjusted(self):
        """The exponent of the most significant digit (0 for specials)."""
        if self._special:
            return 0
        return self._exp + (_nd(self._int) if self._int else 1) - 1

    def canonical(self):
        return self

    def is_canonical(self):
        return True

    def conjugate(self):
        return self

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return _mk(0, 0, 0)

    def radix(self):
        return _mk(0, 10, 0)

    def is_finite(self):
        return not self._special

    def is_infinite(self):
        return self._special and self._exp == 'F'

    def is_nan(self):
        return self._special and self._exp != 'F'

    def is_qnan(self):
        return self._special and self._exp == 'n'

    def is_snan(self):
        return self._special and self._exp == 'N'

    def is_signed(self):
        return self._sign == 1

    def is_zero(self):
        return not self._special and not self._int

    def is_normal(self, context=None):
        ctx = _check_context(context)
        if self._special or not self._int:
            return False
        return self.adjusted() >= ctx._Emin

    def is_subnormal(self, context=None):
        ctx = _check_context(context)
        if self._special or not self._int:
            return False
        return self.adjusted() < ctx._Emin

    def copy_abs(self):
        return _copy(self, 0)

    def copy_negate(self):
        return _copy(self, self._sign ^ 1)

    def copy_sign(self, other, context=None):
        other = _convert_strict(other)
        return _copy(self, other._sign)

    def _copy(self):
        return _copy(self)

    def same_quantum(self, other, context=None):
        other = _convert_strict(other)
        if self._special or other._special:
            return (self._special and other._special
                    and (self._exp == 'F') == (other._exp == 'F'))
        return self._exp == other._exp

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (type(self), (str(self),))

    # ------------------------------------------------------------ numbers

    def __bool__(self):
        return self._special or self._int != 0

    def __int__(self):
        if self._special:
            if self._exp == 'F':
                raise OverflowError('cannot convert Infinity to integer')
            raise ValueError('cannot convert NaN to integer')
        if self._exp >= 0:
            n = self._int * _pow10(self._exp)
        elif not self._int or _nd(self._int) <= -self._exp:
            n = 0
        else:
            n = self._int // _pow10(-self._exp)
        return -n if self._sign else n

    __trunc__ = __int__

    def __float__(self):
        if self._special and self._exp != 'F':
            if self._exp == 'N':
                raise ValueError('cannot convert signaling NaN to float')
            return float('-nan') if self._sign else float('nan')
        return float(self._to_string(False, 1))

    def _integral(self, rounding):
        return int(_to_integral(self, rounding, getcontext())[0])

    def __floor__(self):
        return self._integral(ROUND_FLOOR)

    def __ceil__(self):
        return self._integral(ROUND_CEILING)

    def __round__(self, *args):
        if len(args) > 1:
            raise TypeError('function takes at most 1 argument (%d given)' % len(args))
        if args:
            n = args[0]
            if not isinstance(n, int):
                raise TypeError('optional arg must be an integer')
            return self.quantize(_mk(0, 1, -n))
        return self._integral(ROUND_HALF_EVEN)

    def __hash__(self):
        if self._special:
            if self._exp == 'N':
                raise TypeError('Cannot hash a signaling NaN value')
            if self._exp == 'n':
                return object.__hash__(self)
            return -_HASH_INF if self._sign else _HASH_INF
        if self._exp >= 0:
            scale = pow(10, self._exp, _HASH_MODULUS)
        else:
            scale = pow(_HASH_10INV, -self._exp, _HASH_MODULUS)
        h = self._int * scale % _HASH_MODULUS
        if self._sign:
            h = -h
        return -2 if h == -1 else h

    # ------------------------------------------------------------ comparisons

    def _compare_with(self, other, equality):
        """(self, other as a Decimal) for a rich comparison, or NotImplemented."""
        if isinstance(other, Decimal):
            return other
        if isinstance(other, int):
            return _from_int(other)
        if isinstance(other, float):
            ctx = getcontext()
            if equality:
                ctx._flags |= FLOAT_OP
            else:
                ctx._signal(FLOAT_OP)
            return _from_float(other)
        # Rationals compare exactly. (A Fraction can only exist once fractions
        # is imported; apy's Fraction is not registered with numbers yet.)
        fractions = _sys.modules.get('fractions')
        if fractions is not None and isinstance(other, fractions.Fraction):
            return other
        numbers = _sys.modules.get('numbers')
        if numbers is not None and isinstance(other, numbers.Rational):
            return other
        return NotImplemented

    def _richcmp(self, other, op):
        o = self._compare_with(other, op in ('eq', 'ne'))
        if o is NotImplemented:
            return o
        a = self
        if not isinstance(o, Decimal):
            # An exact comparison with a Fraction: compare self * denominator
            # with the numerator.
            if a._special:
                o = _from_int(o.numerator)
            else:
                a = _mk(a._sign, a._int * o.denominator, a._exp)
                o = _from_int(o.numerator)
        if (a._special and a._exp != 'F') or (o._special and o._exp != 'F'):
            snan = a._exp == 'N' or o._exp == 'N'
            if snan or op not in ('eq', 'ne'):
                getcontext()._signal(INVALID_OP)
            return op == 'ne'
        c = _cmp(a, o)
        if op == 'eq':
            return c == 0
        if op == 'ne':
            return c != 0
        if op == 'lt':
            return c < 0
        if op == 'le':
            return c <= 0
        if op == 'gt':
            return c > 0
        return c >= 0

    def __eq__(self, other):
        return self._richcmp(other, 'eq')

    def __ne__(self, other):
        return self._richcmp(other, 'ne')

    def __lt__(self, other):
        return self._richcmp(other, 'lt')

    def __le__(self, other):
        return self._richcmp(other, 'le')

    def __gt__(self, other):
        return self._richcmp(other, 'gt')

    def __ge__(self, other):
        return self._richcmp(other, 'ge')

    def compare(self, other, context=None):
        """Decimal(-1), Decimal(0) or Decimal(1); NaN if either is a NaN."""
        return _run(_compare, self, _convert_strict(other), context)

    def compare_signal(self, other, context=None):
        """Like compare(), but any NaN signals InvalidOperation."""
        return _run(_compare_signal, self, _convert_strict(other), context)

    def compare_total(self, other, context=None):
        """Compares by the total order of the representations (no signals)."""
        other = _convert_strict(other)
        if self._sign != other._sign:
            c = -1 if self._sign else 1
        else:
            c = _cmp_total_mag(self, other)
            if self._sign:
                c = -c
        return _from_int(c)

    def compare_total_mag(self, other, context=None):
        """compare_total() of the absolute values."""
        return _from_int(_cmp_total_mag(self, _convert_strict(other)))

    def max(self, other, context=None):
        return _run(lambda a, b, c: _maxmin(a, b, c, True, False),
                    self, _convert_strict(other), context)

    def min(self, other, context=None):
        return _run(lambda a, b, c: _maxmin(a, b, c, False, False),
                    self, _convert_strict(other), context)

    def max_mag(self, other, context=None):
        return _run(lambda a, b, c: _maxmin(a, b, c, True, True),
                    self, _convert_strict(other), context)

    def min_mag(self, other, context=None):
        return _run(lambda a, b, c: _maxmin(a, b, c, False, True),
                    self, _convert_strict(other), context)

    # ------------------------------------------------------------ arithmetic

    def _add(self, other, context=None):
        return _run(lambda a, b, c: _add(a, b, c, b._sign), self, other, context)

    def _sub(self, other, context=None):
        return _run(lambda a, b, c: _add(a, b, c, b._sign ^ 1), self, other, context)

    def _mul(self, other, context=None):
        return _run(_mul, self, other, context)

    def _div(self, other, context=None):
        return _run(_div, self, other, context)

    def _divint(self, other, context=None):
        return _run(_divint, self, other, context)

    def _rem(self, other, context=None):
        return _run(_rem, self, other, context)

    def _divmod(self, other, context=None):
        return _run(_divmod, self, other, context)

    def _plus(self, context=None):
        return _run(lambda a, b, c: _plus(a, c), self, None, context)

    def _minus(self, context=None):
        return _run(lambda a, b, c: _plus(a, c, True), self, None, context)

    def _abs(self, context=None):
        return _run(lambda a, b, c: _plus(a, c, bool(a._sign)), self, None, context)

    def __add__(self, other):
        other = _operand(self, other, '+', False)
        if other is NotImplemented:
            return other
        return self._add(other)

    def __radd__(self, other):
        other = _operand(self, other, '+', True)
        if other is NotImplemented:
            return other
        return other._add(self)

    def __sub__(self, other):
        other = _operand(self, other, '-', False)
        if other is NotImplemented:
            return other
        return self._sub(other)

    def __rsub__(self, other):
        other = _operand(self, other, '-', True)
        if other is NotImplemented:
            return other
        return other._sub(self)

    def __mul__(self, other):
        other = _operand(self, other, '*', False)
        if other is NotImplemented:
            return other
        return self._mul(other)

    def __rmul__(self, other):
        other = _operand(self, other, '*', True)
        if other is NotImplemented:
            return other
        return other._mul(self)

    def __truediv__(self, other):
        other = _operand(self, other, '/', False)
        if other is NotImplemented:
            return other
        return self._div(other)

    def __rtruediv__(self, other):
        other = _operand(self, other, '/', True)
        if other is NotImplemented:
            return other
        return other._div(self)

    def __floordiv__(self, other):
        other = _operand(self, other, '//', False)
        if other is NotImplemented:
            return other
        return self._divint(other)

    def __rfloordiv__(self, other):
        other = _operand(self, other, '//', True)
        if other is NotImplemented:
            return other
        return other._divint(self)

    def __mod__(self, other):
        other = _operand(self, other, '%', False)
        if other is NotImplemented:
            return other
        return self._rem(other)

    def __rmod__(self, other):
        other = _operand(self, other, '%', True)
        if other is NotImplemented:
            return other
        return other._rem(self)

    def __divmod__(self, other):
        other = _operand(self, other, 'divmod()', False)
        if other is NotImplemented:
            return other
        return self._divmod(other)

    def __rdivmod__(self, other):
        other = _operand(self, other, 'divmod()', True)
        if other is NotImplemented:
            return other
        return other._divmod(self)

    def __pow__(self, other, modulo=None):
        if modulo is not None and not (isinstance(modulo, (Decimal, int))
                                       and isinstance(other, (Decimal, int))):
            return NotImplemented       # three-argument pow() words its own error
        other = _operand(self, other, '** or pow()', False)
        if other is NotImplemented:
            return other
        return self._power(other, modulo)

    def __rpow__(self, other, modulo=None):
        if modulo is not None and not (isinstance(modulo, (Decimal, int))
                                       and isinstance(other, (Decimal, int))):
            return NotImplemented       # three-argument pow() words its own error
        other = _operand(self, other, '** or pow()', True)
        if other is NotImplemented:
            return other
        return other._power(self, modulo)

    def __neg__(self):
        return self._minus()

    def __pos__(self):
        return self._plus()

    def __abs__(self):
        return self._abs()

    # ------------------------------------------------------------ rounding

    def quantize(self, exp, rounding=None, context=None):
        """self rounded (by `rounding` or the context's) to the exponent of exp."""
        rounding = _rounding_arg(rounding)
        ctx = _check_context(context)
        exp = _convert_strict(exp)
        r, st = _quantize(self, exp, rounding or ctx._rounding, ctx)
        if st:
            ctx._signal(st)
        return r

    def to_integral_value(self, rounding=None, context=None):
        """self rounded to an integer, signalling neither Inexact nor Rounded."""
        rounding = _rounding_arg(rounding)
        ctx = _check_context(context)
        r, st = _to_integral(self, rounding or ctx._rounding, ctx)
        if st & INVALID_OP:
            ctx._signal(INVALID_OP)
        return r

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        """self rounded to an integer, signalling Inexact and Rounded."""
        rounding = _rounding_arg(rounding)
        ctx = _check_context(context)
        r, st = _to_integral(self, rounding or ctx._rounding, ctx)
        if st:
            ctx._signal(st)
        return r

    def normalize(self, context=None):
        """self rounded to the context, trailing zeros removed."""
        ctx = _check_context(context)
        if self._special:
            r, st = _nans(self, None, ctx) or (self, 0)
        else:
            r, st = _fix(self._sign, self._int, self._exp, ctx)
            if not r._special:
                if not r._int:
                    r = _mk(r._sign, 0, 0)
                else:
                    top = (ctx._Emax - ctx._prec + 1) if ctx._clamp else ctx._Emax
                    k = min(_trailing_zeros(r._int), top - r._exp)
                    if k > 0:
                        r = _mk(r._sign, r._int // _pow10(k), r._exp + k)
        if st:
            ctx._signal(st)
        return r


# The operations proper live in helper modules, which need the definitions
# above: they are imported last.
from _decimal_arith import (  # noqa: E402
    _add, _mul, _div, _divint, _rem, _divmod, _plus, _cmp, _cmp_total_mag,
    _compare, _compare_signal, _maxmin, _quantize, _to_integral)
import _decimal_math  # noqa: E402  (adds the remaining methods to Decimal)
