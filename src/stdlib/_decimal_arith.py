"""Private part of `decimal`: the arithmetic operations on Decimal values.

Each function takes its operands (Decimals) and a Context, and returns the
result together with the condition bits it raised, without signalling; the
Decimal and Context methods pass the bits on to the context. Results are the
exact ones, rounded once by `_fix`.
"""

from _decimal_context import (
    ROUND_FLOOR, CLAMPED, DIV_BY_ZERO, DIV_IMPOSSIBLE, DIV_UNDEFINED, INEXACT,
    INVALID_OP, ROUNDED,
)
from _decimal_number import (
    _mk, _nan, _inf, _from_int, _copy, _nd, _pow10, _trailing_zeros,
    _round_drop, _fix, _nans,
)


def _add(a, b, ctx, bsign):
    """a + b, with b's sign taken as bsign (so subtraction is bsign ^ 1)."""
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special:
            if b._special and a._sign != bsign:
                return _nan(), INVALID_OP
            return _inf(a._sign), 0
        return _inf(bsign), 0
    asign = a._sign
    ca, ea, cb, eb = a._int, a._exp, b._int, b._exp
    if ea < eb:
        ca, ea, cb, eb = cb, eb, ca, ea
        asign, bsign = bsign, asign
    # Now ea >= eb. Shifting ca left by ea - eb could make a huge number when the
    # exponents are far apart; digits far below the precision only matter as a
    # sticky digit, or not at all when they are zeros.
    if ea - eb > 2 * ctx._prec + 8 and ca:
        la = _nd(ca)
        low = min(ea, ea + la - 1 - ctx._prec) - 3
        if not cb:
            eb = max(eb, low)
        elif eb + _nd(cb) - 1 < low:
            cb, eb = 1, low
    if ca:
        ca *= _pow10(ea - eb)
    va = -ca if asign else ca
    vb = -cb if bsign else cb
    s = va + vb
    if s:
        return _fix(1 if s < 0 else 0, abs(s), eb, ctx)
    if asign == bsign:
        sign = asign
    else:
        sign = 1 if ctx._rounding == ROUND_FLOOR else 0
    return _fix(sign, 0, eb, ctx)


def _mul(a, b, ctx):
    sign = a._sign ^ b._sign
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if (not a._special and not a._int) or (not b._special and not b._int):
            return _nan(), INVALID_OP
        return _inf(sign), 0
    return _fix(sign, a._int * b._int, a._exp + b._exp, ctx)


def _div(a, b, ctx):
    sign = a._sign ^ b._sign
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special:
            if b._special:
                return _nan(), INVALID_OP
            return _inf(sign), 0
        return _mk(sign, 0, ctx._Emin - ctx._prec + 1), CLAMPED
    if not b._int:
        if not a._int:
            return _nan(), DIV_UNDEFINED
        return _inf(sign), DIV_BY_ZERO
    ideal = a._exp - b._exp
    if not a._int:
        return _fix(sign, 0, ideal, ctx)
    shift = _nd(b._int) - _nd(a._int) + ctx._prec + 1
    exp = ideal - shift
    if shift >= 0:
        q, r = divmod(a._int * _pow10(shift), b._int)
    else:
        q, r = divmod(a._int, b._int * _pow10(-shift))
    if r:
        if q % 5 == 0:
            q += 1
    elif exp < ideal:
        k = min(_trailing_zeros(q), ideal - exp)
        if k:
            q //= _pow10(k)
            exp += k
    return _fix(sign, q, exp, ctx)


def _divmod_finite(a, b, ctx):
    """Integer quotient and remainder of finite a, b (b != 0): the
    (sign, coefficient) of the quotient and the remainder (unrounded), or
    None when the quotient needs more than prec digits."""
    qsign = a._sign ^ b._sign
    ideal = min(a._exp, b._exp)
    if not a._int:
        return qsign, 0, (a._sign, 0, ideal)
    expdiff = (a._exp + _nd(a._int)) - (b._exp + _nd(b._int))
    if expdiff < 0:
        # |a| < |b|: the remainder is a, shifted to the smaller exponent.
        if a._exp > b._exp:
            return qsign, 0, (a._sign, a._int * _pow10(a._exp - b._exp), b._exp)
        return qsign, 0, (a._sign, a._int, a._exp)
    if expdiff > ctx._prec:
        return None
    ca, cb = a._int, b._int
    if a._exp > ideal:
        ca *= _pow10(a._exp - ideal)
    else:
        cb *= _pow10(b._exp - ideal)
    q, r = divmod(ca, cb)
    if q and _nd(q) > ctx._prec:
        return None
    return qsign, q, (a._sign, r, ideal)


def _divint(a, b, ctx):
    sign = a._sign ^ b._sign
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special:
            if b._special:
                return _nan(), INVALID_OP
            return _inf(sign), 0
        return _mk(sign, 0, 0), 0
    if not b._int:
        if not a._int:
            return _nan(), DIV_UNDEFINED
        return _inf(sign), DIV_BY_ZERO
    res = _divmod_finite(a, b, ctx)
    if res is None:
        return _nan(), DIV_IMPOSSIBLE
    return _fix(res[0], res[1], 0, ctx)


def _rem(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special:
            return _nan(), INVALID_OP
        return _fix(a._sign, a._int, a._exp, ctx)
    if not b._int:
        return _nan(), (DIV_UNDEFINED if not a._int else INVALID_OP)
    res = _divmod_finite(a, b, ctx)
    if res is None:
        return _nan(), DIV_IMPOSSIBLE
    return _fix(*res[2], ctx)


def _divmod(a, b, ctx):
    """((quotient, remainder), conditions)."""
    sign = a._sign ^ b._sign
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return (r[0], r[0]), r[1]
        if a._special:
            if b._special:
                return (_nan(), _nan()), INVALID_OP
            return (_inf(sign), _nan()), INVALID_OP
        rem, st = _fix(a._sign, a._int, a._exp, ctx)
        return (_mk(sign, 0, 0), rem), st
    if not b._int:
        if not a._int:
            return (_nan(), _nan()), DIV_UNDEFINED
        return (_inf(sign), _nan()), DIV_BY_ZERO | INVALID_OP
    res = _divmod_finite(a, b, ctx)
    if res is None:
        return (_nan(), _nan()), DIV_IMPOSSIBLE
    q, st1 = _fix(res[0], res[1], 0, ctx)
    r, st2 = _fix(*res[2], ctx)
    return (q, r), st1 | st2


def _plus(a, ctx, negate=False):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        return _inf(a._sign ^ negate), 0
    if not a._int and ctx._rounding != ROUND_FLOOR:
        sign = 0
    else:
        sign = a._sign ^ negate
    return _fix(sign, a._int, a._exp, ctx)


def _cmp(a, b):
    """-1, 0 or 1 as a <, ==, > b (neither a NaN)."""
    if a._special or b._special:
        if a._special and b._special and a._sign == b._sign:
            return 0
        if a._special:
            return -1 if a._sign else 1
        return 1 if b._sign else -1
    if not a._int:
        if not b._int:
            return 0
        return 1 if b._sign else -1
    if not b._int:
        return -1 if a._sign else 1
    if a._sign != b._sign:
        return -1 if a._sign else 1
    r = _cmp_abs_finite(a, b)
    return -r if a._sign else r


def _cmp_abs_finite(a, b):
    ca, cb = a._int, b._int
    adj_a = a._exp + (_nd(ca) if ca else 1)
    adj_b = b._exp + (_nd(cb) if cb else 1)
    if not ca or not cb:
        return (ca > 0) - (cb > 0)
    if adj_a != adj_b:
        return 1 if adj_a > adj_b else -1
    if a._exp > b._exp:
        ca *= _pow10(a._exp - b._exp)
    else:
        cb *= _pow10(b._exp - a._exp)
    return (ca > cb) - (ca < cb)


def _cmp_abs(a, b):
    """Compares |a| and |b| (neither a NaN)."""
    if a._special or b._special:
        return int(a._special) - int(b._special)
    return _cmp_abs_finite(a, b)


def _cmp_equal_tiebreak(a, b):
    """Orders numerically equal a, b for max/min: by sign, then exponent."""
    if a._sign != b._sign:
        return b._sign - a._sign
    if a._special or a._exp == b._exp:
        return 0
    c = -1 if a._exp < b._exp else 1
    return -c if a._sign else c


_KIND_RANK = {'n': 3, 'N': 2, 'F': 1}


def _cmp_total_mag(a, b):
    ka = _KIND_RANK.get(a._exp, 0) if a._special else 0
    kb = _KIND_RANK.get(b._exp, 0) if b._special else 0
    if ka != kb:
        return 1 if ka > kb else -1
    if ka >= 2:
        return (a._int > b._int) - (a._int < b._int)
    if ka == 1:
        return 0
    c = _cmp_abs_finite(a, b)
    if c:
        return c
    return (a._exp > b._exp) - (a._exp < b._exp)


def _compare(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
    return _from_int(_cmp(a, b)), 0


def _compare_signal(a, b, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r[0], INVALID_OP
    return _from_int(_cmp(a, b)), 0


def _maxmin(a, b, ctx, want_max, mag):
    a_q = a._special and a._exp == 'n'
    b_q = b._special and b._exp == 'n'
    a_nan = a._special and a._exp != 'F'
    b_nan = b._special and b._exp != 'F'
    if a_q and not b_nan:
        pick = b
    elif b_q and not a_nan:
        pick = a
    elif a_nan or b_nan:
        return _nans(a, b, ctx)
    else:
        c = _cmp_abs(a, b) if mag else _cmp(a, b)
        if c == 0:
            c = _cmp_equal_tiebreak(a, b)
        if want_max:
            pick = b if c < 0 else a
        else:
            pick = a if c <= 0 else b
    if pick._special:
        return pick, 0
    return _fix(pick._sign, pick._int, pick._exp, ctx)


def _quantize(a, b, rounding, ctx):
    if a._special or b._special:
        r = _nans(a, b, ctx)
        if r:
            return r
        if a._special and b._special:
            return _copy(a), 0
        return _nan(), INVALID_OP
    bexp = b._exp
    prec = ctx._prec
    if bexp > ctx._Emax or bexp < ctx._Emin - prec + 1:
        return _nan(), INVALID_OP
    if not a._int:
        return _fix(a._sign, 0, bexp, ctx)
    nd = _nd(a._int)
    if a._exp >= bexp:
        if nd + a._exp - bexp > prec:
            return _nan(), INVALID_OP
        coeff = a._int * _pow10(a._exp - bexp)
        inexact = False
    else:
        coeff, inexact = _round_drop(a._sign, a._int, bexp - a._exp, rounding)
    nd = _nd(coeff) if coeff else 1
    if nd > prec or bexp + nd - 1 > ctx._Emax:
        return _nan(), INVALID_OP
    if a._exp >= bexp:
        status = 0
    else:
        status = INEXACT | ROUNDED if inexact else ROUNDED
    # Fits the precision and exponent range by now; _fix only adds clamping
    # and the Subnormal flag.
    r, st = _fix(a._sign, coeff, bexp, ctx)
    return r, status | st


def _to_integral(a, rounding, ctx):
    if a._special:
        r = _nans(a, None, ctx)
        if r:
            return r
        return _copy(a), 0
    if a._exp >= 0:
        return a, 0
    if not a._int:
        return _mk(a._sign, 0, 0), 0
    coeff, inexact = _round_drop(a._sign, a._int, -a._exp, rounding)
    return _mk(a._sign, coeff, 0), (INEXACT | ROUNDED if inexact else ROUNDED)
