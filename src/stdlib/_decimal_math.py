"""Private part of `decimal`: power, square root, exp/ln/log10 and the
remaining Decimal methods (logb, scaleb, fma, logical and digit-shifting
operations, next_*, number_class, remainder_near).

exp, ln and log10 are correctly rounded (ROUND_HALF_EVEN, whatever the
context says), as the C module's are: they are computed in fixed point on
Python ints with a few guard digits, and recomputed with more digits until
both ends of the error interval round to the same result (Ziv's strategy).
Powers follow the C module's algorithm step by step, since its results for
inexact powers depend on it: integer exponents by repeated squaring in a
working precision, other exponents as exp(y * ln(x)) in a precision of
prec + 23 digits, then rounded to the context. Importing this module adds the
methods to Decimal.
"""

from math import isqrt as _isqrt

from _decimal_context import (
    ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR, MAX_EMAX, MIN_EMIN,
    _IEEE_INVALID, CLAMPED, DIV_BY_ZERO, DIV_IMPOSSIBLE, DIV_UNDEFINED, INEXACT,
    INVALID_OP, OVERFLOW, ROUNDED, SUBNORMAL, UNDERFLOW, Context, _check_context,
)
from _decimal_number import (
    Decimal, _mk, _nan, _inf, _copy, _nd, _pow10, _str_of, _trailing_zeros,
    _fix, _fix_nan, _nans, _convert_strict,
)
from _decimal_arith import _add, _mul, _div, _divmod_finite, _cmp

_ERRORS = _IEEE_INVALID | DIV_BY_ZERO
_EXP_INF = 4 * MAX_EMAX     # an exponent that overflows in every context
_ONE = _mk(0, 1, 0)


def _ctx(prec, rounding, emin, emax, clamp=0):
    return object.__new__(Context)._raw(prec, rounding, emin, emax, 1, clamp, 0, 0)


def _max_ctx(prec):
    return _ctx(prec, ROUND_HALF_EVEN, MIN_EMIN, MAX_EMAX)


def _adjusted(d):
    return d._exp + (_nd(d._int) if d._int else 1) - 1


def _is_integer(d):
    if d._special:
        return False
    if d._exp >= 0 or not d._int:
        return True
    if _nd(d._int) <= -d._exp:
        return False
    return d._int % _pow10(-d._exp) == 0


def _is_odd(d):
    """Whether the integral value of finite d is odd."""
    if d._exp > 0:
        return False
    if d._exp == 0:
        return d._int & 1 == 1
    return (d._int // _pow10(-d._exp)) & 1 == 1


def _int_value(d):
    if d._exp >= 0:
        n = d._int * _pow10(d._exp)
    else:
        n = d._int // _pow10(-d._exp)
    return -n if d._sign else n


def _same(a, b):
    return (a._special == b._special and a._sign == b._sign and a._int == b._int
            and a._exp == b._exp)


def _run(fn, ctx, *args):
    r, st = fn(*args, ctx)
    if st:
        ctx._signal(st)
    return r


# ---------------------------------------------------------------- constants

_CONST = {}


def _atanh_inv(k, F):
    """atanh(1/k) * 10**F, a few units too small."""
    x = 10 ** F // k
    k2 = k * k
    total = x
    n = 1
    while x:
        x //= k2
        n += 2
        total += x // n
    return total


def _constant(name, F):
    """ln(2) or ln(10) times 10**F, within a few units."""
    cached = _CONST.get(name)
    if cached is None or cached[0] < F:
        G = F + 10
        ln2 = (18 * _atanh_inv(26, G) - 2 * _atanh_inv(4801, G)
               + 8 * _atanh_inv(8749, G))
        _CONST['ln2'] = (G, ln2)
        _CONST['ln10'] = (G, 3 * ln2 + 2 * _atanh_inv(9, G))
        cached = _CONST[name]
    return cached[1] // _pow10(cached[0] - F)


# ---------------------------------------------------------------- exp

def _exp_fixed(R, F):
    """exp(R / 10**F) * 10**F for |R| <= 1.2 * 10**F, within a few units."""
    if R < 0:
        one = _pow10(F)
        return one * one // _exp_fixed(-R, F)
    k = int((3.3 * F) ** 0.5) + 1
    G = F + k // 3 + 6
    one = _pow10(G)
    x = (R * _pow10(G - F)) >> k
    total = one
    term = one
    n = 1
    while term:
        term = term * x // (one * n)
        total += term
        n += 1
    for _ in range(k):
        total = total * total // one
    return total // _pow10(G - F)


def _exp_approx(d, W):
    """(M, E, err): exp(d) is within err * 10**E of M * 10**E, M ~ W+10 digits."""
    F = W + 10
    adj = _adjusted(d)
    if adj < 0:
        ext = 3
    else:
        ext = adj + 4
    G = F + ext
    shift = d._exp + G
    if shift >= 0:
        X = d._int * _pow10(shift)
    elif _adjusted(d) < -G - 2:
        X = 0
    else:
        X = d._int // _pow10(-shift)
    if d._sign:
        X = -X
    q = 0
    if adj >= 0:
        L = _constant('ln10', G)
        q = (2 * X + L) // (2 * L)
        X -= q * L
    R = X // _pow10(ext)
    return _exp_fixed(R, F), q - F, 100


def _exp(a, ctx):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        return (_mk(0, 0, 0) if a._sign else _inf(0)), 0
    if not a._int:
        return _mk(0, 1, 0), 0
    if _nd(a._int) + a._exp > 19:
        if not a._sign:
            return _inf(0), OVERFLOW | INEXACT | ROUNDED
        return (_mk(0, 0, ctx._Emin - ctx._prec + 1),
                INEXACT | ROUNDED | SUBNORMAL | UNDERFLOW | CLAMPED)
    hctx = _ctx(ctx._prec, ROUND_HALF_EVEN, ctx._Emin, ctx._Emax, ctx._clamp)
    W = ctx._prec + 3
    while True:
        M, E, err = _exp_approx(a, W)
        lo = _fix(0, M - err, E, hctx)[0]
        hi = _fix(0, M + err, E, hctx)[0]
        if _same(lo, hi):
            r, st = _fix(0, M, E, hctx)
            return r, st | INEXACT | ROUNDED
        W += 20


# ---------------------------------------------------------------- ln, log10

def _ln_fixed(d, F):
    """ln(d) * 10**F for finite d > 0, within a few units."""
    c, e = d._int, d._exp
    nd = _nd(c)
    A = e + nd - 1
    G = F + 10 + len(str(abs(A)))
    one = _pow10(G)

    def scaled(shift):
        return c * _pow10(shift) if shift >= 0 else c // _pow10(-shift)

    Y = scaled(G + e) if A in (0, -1) else 0     # d itself, when near 1
    if 7 * one <= 10 * Y < 14 * one:
        Ap, j, w = 0, 0, Y
    else:
        Ap = A if c < 5 * _pow10(nd - 1) else A + 1
        y = scaled(G + e - Ap)   # in [0.5, 5)
        if 10 * y < 7 * one:
            j, w = -1, 2 * y
        elif 10 * y < 14 * one:
            j, w = 0, y
        elif 10 * y < 28 * one:
            j, w = 1, y // 2
        else:
            j, w = 2, y // 4
    num = w - one
    neg = num < 0
    z = abs(num) * one // (w + one)
    z2 = z * z // one
    total = term = z
    n = 1
    while term:
        term = term * z2 // one
        n += 2
        total += term // n
    total *= 2
    if neg:
        total = -total
    if j:
        total += j * _constant('ln2', G)
    if Ap:
        total += Ap * _constant('ln10', G)
    return total // _pow10(G - F)


def _is_one(d):
    return (not d._special and not d._sign and d._int and d._exp <= 0
            and _nd(d._int) == 1 - d._exp and d._int == _pow10(-d._exp))


def _log_common(a, ctx, base10):
    """ln(a) or log10(a) for finite a > 0, a != 1, correctly rounded."""
    hctx = _ctx(ctx._prec, ROUND_HALF_EVEN, ctx._Emin, ctx._Emax, ctx._clamp)
    W = ctx._prec + 3
    F = W + 10
    A = _adjusted(a)
    if A in (0, -1):
        t = _add(a, _ONE, _max_ctx(_nd(a._int) + abs(a._exp) + 2), 1)[0]
        F += max(0, -_adjusted(t))
    while True:
        L = _ln_fixed(a, F)
        if base10:
            L = L * _pow10(F) // _constant('ln10', F)
        err = 100
        sign = 1 if L < 0 else 0
        m = abs(L)
        if m > err:
            lo = _fix(sign, m - err, -F, hctx)[0]
            hi = _fix(sign, m + err, -F, hctx)[0]
            if _same(lo, hi):
                r, st = _fix(sign, m, -F, hctx)
                return r, st | INEXACT | ROUNDED
        F += 20 + max(0, W + 3 - len(str(m)))


def _ln_log10(a, ctx, base10):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        if a._sign:
            return _nan(), INVALID_OP
        return _inf(0), 0
    if not a._int:
        return _inf(1), 0
    if a._sign:
        return _nan(), INVALID_OP
    if _is_one(a):
        return _mk(0, 0, 0), 0
    A = _adjusted(a)
    if base10 and a._int == _pow10(_nd(a._int) - 1):
        hctx = _ctx(ctx._prec, ROUND_HALF_EVEN, ctx._Emin, ctx._Emax, ctx._clamp)
        return _fix(1 if A < 0 else 0, abs(A), 0, hctx)
    t = 2 * (-A - 1 if A < 0 else A)
    if len(str(t)) - 1 > ctx._Emax:
        return _inf(1 if A < 0 else 0), OVERFLOW | INEXACT | ROUNDED
    return _log_common(a, ctx, base10)


# ---------------------------------------------------------------- sqrt

def _sqrt(a, ctx):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        if a._sign:
            return _nan(), INVALID_OP
        return _inf(0), 0
    ideal = a._exp // 2
    if not a._int:
        return _fix(a._sign, 0, ideal, ctx)
    if a._sign:
        return _nan(), INVALID_OP
    prec = ctx._prec
    shift = max(0, 2 * (prec + 1) - _nd(a._int))
    if (a._exp - shift) % 2:
        shift += 1
    c = a._int * _pow10(shift)
    s = _isqrt(c)
    exp = (a._exp - shift) // 2
    hctx = _ctx(prec, ROUND_HALF_EVEN, ctx._Emin, ctx._Emax, ctx._clamp)
    if s * s == c:
        k = min(_trailing_zeros(s), ideal - exp)
        if k > 0:
            s //= _pow10(k)
            exp += k
        return _fix(0, s, exp, hctx)
    if s % 5 == 0:
        s += 1
    r, st = _fix(0, s, exp, hctx)
    return r, st | INEXACT | ROUNDED


# ---------------------------------------------------------------- power

def _pow_int(base, expo, resultsign, ctx):
    """base ** expo for an integral expo, by repeated squaring in a working
    precision, as the C module computes it."""
    n = _int_value(expo)
    wprec = ctx._prec + _nd(expo._int) + expo._exp + 2
    status = 0
    if n < 0:
        wprec += 1
    wctx = _ctx(wprec, ROUND_HALF_EVEN, ctx._Emin, ctx._Emax)
    if n < 0:
        tb, st = _div(_ONE, base, wctx)
        status |= st
        if st & _ERRORS:
            return _nan(), status
        n = -n
    else:
        tb = base
    tb = _copy(tb, 0)
    r = tb
    ws = 0
    for bit in bin(n)[3:]:
        r, st = _mul(r, r, wctx)
        ws |= st
        if bit == '1':
            r, st = _mul(r, tb, wctx)
            ws |= st
        if r._special or (not r._int and ws & CLAMPED):
            break
    status |= ws
    if r._special:
        r, st = _fix(resultsign, 1, _EXP_INF, ctx)
    else:
        r, st = _fix(resultsign, r._int, r._exp, ctx)
    return r, status | st


def _pow_real(base, expo, ctx):
    """base ** expo for a non-integral expo: exp(expo * ln(base))."""
    wp = max(_nd(base._int), ctx._prec) + 4 + 19
    mctx = _max_ctx(wp)
    t, st1 = _ln_log10(base, mctx, False)
    t, st2 = _mul(t, expo, mctx)
    r, st3 = _exp(t, mctx)
    status = ((st1 | st2) & _ERRORS) | st3 | INEXACT | ROUNDED
    if not r._special and _is_one(r):
        r = _mk(0, _pow10(ctx._prec - 1), 1 - ctx._prec)
    if r._special:
        r, st = _fix(0, 1, _EXP_INF, ctx)
    else:
        r, st = _fix(0, r._int, r._exp, ctx)
    return r, status | st


def _lower_bound_zeta(x):
    t = _adjusted(x)
    if t > 0:
        return len(str(t)) - 1
    if t < -1:
        return len(str(-(t + 1))) - 1
    u = _adjusted(_add(x, _ONE, _max_ctx(_nd(x._int) + abs(x._exp) + 2), 1)[0])
    return u - 2 if t == 0 else u - 1


def _pow(base, expo, ctx):
    if base._special or expo._special:
        r = _nans(base, expo, ctx)
        if r:
            return r
    intexp = _is_integer(expo)
    resultsign = 1 if (base._sign and intexp and _is_odd(expo)) else 0
    if not base._special and not base._int:
        if not expo._special and not expo._int:
            return _nan(), INVALID_OP
        if expo._sign:
            return _inf(resultsign), 0
        return _mk(resultsign, 0, 0), 0
    if base._sign and (not intexp or expo._special):
        return _nan(), INVALID_OP
    if expo._special:
        if _is_one(base):
            return (_mk(0, _pow10(ctx._prec - 1), 1 - ctx._prec), INEXACT | ROUNDED)
        c = _cmp(base, _ONE)
        if expo._sign:
            c = -c
        return (_mk(resultsign, 0, 0) if c < 0 else _inf(resultsign)), 0
    if base._special:
        if not expo._int:
            return _mk(resultsign, 1, 0), 0
        if expo._sign:
            return _mk(resultsign, 0, 0), 0
        return _inf(resultsign), 0
    if not expo._int:
        return _mk(resultsign, 1, 0), 0
    if _is_one(_copy(base, 0)):
        if intexp:
            if expo._sign:
                return _mk(resultsign, 1, 0), 0
            shift = _int_value(expo) * -base._exp
            st = 0
            if shift > ctx._prec - 1:
                shift = ctx._prec - 1
                st = ROUNDED
            return _mk(resultsign, _pow10(shift), -shift), st
        return _mk(0, _pow10(ctx._prec - 1), 1 - ctx._prec), INEXACT | ROUNDED
    # Results that certainly overflow or underflow.
    absx = _copy(base, 0)
    bound = _lower_bound_zeta(absx) + _adjusted(expo)
    if (_adjusted(absx) < 0) ^ expo._sign:
        etiny = ctx._Emin - ctx._prec + 1
        if len(str(abs(etiny))) < bound:
            return _fix(resultsign, 1, etiny - 1, ctx)
    elif len(str(ctx._Emax)) < bound:
        return _fix(resultsign, 1, _EXP_INF, ctx)
    if intexp:
        return _pow_int(base, expo, resultsign, ctx)
    return _pow_real(base, expo, ctx)


def _powmod(base, expo, mod, ctx):
    if base._special or expo._special or mod._special:
        for d in (base, expo, mod):
            if d._special and d._exp == 'N':
                return _fix_nan(d, ctx), INVALID_OP
        for d in (base, expo, mod):
            if d._special and d._exp == 'n':
                return _fix_nan(d, ctx), 0
        return _nan(), INVALID_OP
    if not (_is_integer(base) and _is_integer(expo) and _is_integer(mod)):
        return _nan(), INVALID_OP
    if not mod._int or _nd(mod._int) + mod._exp > ctx._prec:
        return _nan(), INVALID_OP
    e = _int_value(expo)
    sign = 1 if (base._sign and _is_odd(expo)) else 0
    m = abs(_int_value(mod))
    if e == 0:
        if not base._int:
            return _nan(), INVALID_OP
        return _mk(sign, 0 if m == 1 else 1, 0), 0
    if e < 0:
        return _nan(), INVALID_OP
    if not base._int:
        return _mk(sign, 0, 0), 0
    return _mk(sign, pow(abs(_int_value(base)), e, m), 0), 0


def _power(self, other, modulo=None, context=None):
    ctx = _check_context(context)
    other = _convert_strict(other)
    if modulo is None:
        return _run(_pow, ctx, self, other)
    return _run(_powmod, ctx, self, other, _convert_strict(modulo))


# ---------------------------------------------------------------- the rest

def _logb(a, ctx):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        return _inf(0), 0
    if not a._int:
        return _inf(1), DIV_BY_ZERO
    adj = _adjusted(a)
    return _fix(1 if adj < 0 else 0, abs(adj), 0, ctx)


def _scaleb(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
    if b._special or b._exp != 0:
        return _nan(), INVALID_OP
    n = _int_value(b)
    jump = 2 * (ctx._Emax + ctx._prec)
    if n > jump or n < -jump:
        return _nan(), INVALID_OP
    if a._special:
        return _copy(a), 0
    return _fix(a._sign, a._int, a._exp + n, ctx)


def _shift_amount(a, b, ctx):
    """The digit count of a rotate/shift, or None when it is invalid."""
    if b._special or b._exp != 0:
        return None
    n = _int_value(b)
    if n > ctx._prec or n < -ctx._prec:
        return None
    return n


def _rotate(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
    n = _shift_amount(a, b, ctx)
    if n is None:
        return _nan(), INVALID_OP
    if a._special:
        return _copy(a), 0
    prec = ctx._prec
    digits = _str_of(a._int % _pow10(prec)).rjust(prec, '0')
    n %= prec
    if n:
        digits = digits[n:] + digits[:n]
    return _mk(a._sign, int(digits), a._exp), 0


def _shift(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
    n = _shift_amount(a, b, ctx)
    if n is None:
        return _nan(), INVALID_OP
    if a._special:
        return _copy(a), 0
    prec = ctx._prec
    if n >= 0:
        coeff = a._int * _pow10(n) % _pow10(prec)
    else:
        coeff = (a._int % _pow10(prec)) // _pow10(-n)
    return _mk(a._sign, coeff, a._exp), 0


def _logical_digits(d, prec):
    if d._special or d._sign or d._exp != 0:
        return None
    s = _str_of(d._int)
    if s.strip('01'):
        return None
    return s[-prec:].rjust(prec, '0')


def _logical(a, b, ctx, op):
    prec = ctx._prec
    x = _logical_digits(a, prec)
    y = _logical_digits(b, prec) if b is not None else '0' * prec
    if x is None or y is None:
        return _nan(), INVALID_OP
    if op == 'and':
        bits = [p & q for p, q in zip(map(int, x), map(int, y))]
    elif op == 'or':
        bits = [p | q for p, q in zip(map(int, x), map(int, y))]
    elif op == 'xor':
        bits = [p ^ q for p, q in zip(map(int, x), map(int, y))]
    else:
        bits = [1 - p for p in map(int, x)]
    return _mk(0, int(''.join(map(str, bits))), 0), 0


def _next(a, ctx, up):
    """next_plus (up) or next_minus of a: (result, conditions)."""
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        if a._sign == (0 if up else 1):
            return _copy(a), 0
        prec = ctx._prec
        return _mk(a._sign, _pow10(prec) - 1, ctx._Emax - prec + 1), 0
    wctx = _ctx(ctx._prec, ROUND_CEILING if up else ROUND_FLOOR, ctx._Emin, ctx._Emax,
                ctx._clamp)
    r, st = _fix(a._sign, a._int, a._exp, wctx)
    if st & (INEXACT | _ERRORS):
        return r, st & _ERRORS
    tiny = _mk(0 if up else 1, 1, ctx._Emin - ctx._prec)
    r, st = _add(a, tiny, wctx, tiny._sign)
    return r, st & _ERRORS


def _next_toward(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
    c = _cmp(a, b)
    if c == 0:
        return _copy(a, b._sign), 0
    r, st = _next(a, ctx, c < 0)
    if r._special:
        st |= OVERFLOW | ROUNDED | INEXACT
    elif _adjusted(r) < ctx._Emin:
        st |= UNDERFLOW | SUBNORMAL | ROUNDED | INEXACT
        if not r._int:
            st |= CLAMPED
    return r, st


def _remainder_near(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special:
            return _nan(), INVALID_OP
        return _fix(a._sign, a._int, a._exp, ctx)
    if not b._int:
        return _nan(), (INVALID_OP if a._int else DIV_UNDEFINED)
    res = _divmod_finite(a, b, ctx)
    if res is None:
        return _nan(), DIV_IMPOSSIBLE
    q = res[1]
    rsign, rcoeff, rexp = res[2]
    if rcoeff:
        bc = b._int * _pow10(b._exp - rexp)
        twice = 2 * rcoeff
        if twice > bc or (twice == bc and q % 2):
            if q + 1 >= _pow10(ctx._prec):
                return _nan(), DIV_IMPOSSIBLE
            rcoeff = bc - rcoeff
            rsign ^= 1
    return _fix(rsign, rcoeff, rexp, ctx)


def _fma(a, b, c, ctx):
    # The exact product first: if it is invalid, that is the result, whatever
    # the third operand is; otherwise the sum is rounded once.
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r and r[1]:
            return r
        if r:
            prod = r[0]
        elif (not a._special and not a._int) or (not b._special and not b._int):
            return _nan(), INVALID_OP
        else:
            prod = _inf(a._sign ^ b._sign)
    else:
        prod = _mk(a._sign ^ b._sign, a._int * b._int, a._exp + b._exp)
    return _add(prod, c, ctx, c._sign)


def _number_class(a, ctx):
    if a._special:
        if a._exp == 'N':
            return 'sNaN'
        if a._exp == 'n':
            return 'NaN'
        return '-Infinity' if a._sign else '+Infinity'
    sign = '-' if a._sign else '+'
    if not a._int:
        return sign + 'Zero'
    if _adjusted(a) < ctx._Emin:
        return sign + 'Subnormal'
    return sign + 'Normal'


# ---------------------------------------------------------------- methods

def sqrt(self, context=None):
    """The square root, correctly rounded (ROUND_HALF_EVEN)."""
    return _run(_sqrt, _check_context(context), self)


def exp(self, context=None):
    """e ** self, correctly rounded (ROUND_HALF_EVEN)."""
    return _run(_exp, _check_context(context), self)


def ln(self, context=None):
    """The natural logarithm, correctly rounded (ROUND_HALF_EVEN)."""
    ctx = _check_context(context)
    return _run(lambda a, c: _ln_log10(a, c, False), ctx, self)


def log10(self, context=None):
    """The base-ten logarithm, correctly rounded (ROUND_HALF_EVEN)."""
    ctx = _check_context(context)
    return _run(lambda a, c: _ln_log10(a, c, True), ctx, self)


def logb(self, context=None):
    """The adjusted exponent as a Decimal."""
    return _run(_logb, _check_context(context), self)


def scaleb(self, other, context=None):
    """self with its exponent increased by the integer other."""
    ctx = _check_context(context)
    return _run(_scaleb, ctx, self, _convert_strict(other))


def rotate(self, other, context=None):
    """The prec digits of the coefficient rotated left by other (right if < 0)."""
    ctx = _check_context(context)
    return _run(_rotate, ctx, self, _convert_strict(other))


def shift(self, other, context=None):
    """The coefficient shifted left by other digits (right if < 0), kept to prec."""
    ctx = _check_context(context)
    return _run(_shift, ctx, self, _convert_strict(other))


def _logical_method(op):
    def method(self, other, context=None):
        ctx = _check_context(context)
        return _run(lambda a, b, c: _logical(a, b, c, op), ctx, self,
                    _convert_strict(other))
    method.__name__ = 'logical_' + op
    return method


def logical_invert(self, context=None):
    """Digit-wise inversion of a number made of 0s and 1s."""
    ctx = _check_context(context)
    return _run(lambda a, c: _logical(a, None, c, 'invert'), ctx, self)


def next_plus(self, context=None):
    """The smallest representable number larger than self."""
    ctx = _check_context(context)
    return _run(lambda a, c: _next(a, c, True), ctx, self)


def next_minus(self, context=None):
    """The largest representable number smaller than self."""
    ctx = _check_context(context)
    return _run(lambda a, c: _next(a, c, False), ctx, self)


def next_toward(self, other, context=None):
    """The representable number next to self in the direction of other."""
    ctx = _check_context(context)
    return _run(_next_toward, ctx, self, _convert_strict(other))


def number_class(self, context=None):
    """The class of self: 'sNaN', 'NaN', '-Infinity', ..., '+Infinity'."""
    return _number_class(self, _check_context(context))


def remainder_near(self, other, context=None):
    """self - n * other, n being the integer nearest to self / other."""
    ctx = _check_context(context)
    return _run(_remainder_near, ctx, self, _convert_strict(other))


def fma(self, other, third, context=None):
    """self * other + third with a single rounding."""
    ctx = _check_context(context)
    return _run(_fma, ctx, self, _convert_strict(other), _convert_strict(third))


for _f in (sqrt, exp, ln, log10, logb, scaleb, rotate, shift, logical_invert,
           next_plus, next_minus, next_toward, number_class, remainder_near, fma,
           _logical_method('and'), _logical_method('or'), _logical_method('xor')):
    _f.__qualname__ = 'Decimal.' + _f.__name__
    _f.__module__ = 'decimal'
    setattr(Decimal, _f.__name__, _f)
_power.__qualname__ = 'Decimal._power'
Decimal._power = _power
del _f
