"""Private part of `decimal`: Decimal.__format__.

The mini-language is the one of the C module (libmpdec's), which is narrower
than float's: no '#' and no '_' grouping, a '0' flag that cannot be combined
with an explicit alignment, and types e E f F g G n % or none. Values are
rounded with the current context's rounding mode, never signalling. Without a
type, and for g/G/n, a number keeps the exponent notation of str(); without a
type the exponent letter follows the context's `capitals`. 'n' uses the C
locale (apy has no `locale`), so it groups nothing.
"""

from _decimal_context import getcontext
from _decimal_number import _round_drop, _str_of, _nd, _pow10

_SSIZE_MAX = (1 << 63) - 1


class _Spec:
    __slots__ = ('fill', 'align', 'sign', 'z', 'width', 'comma', 'prec', 'type')


def _invalid():
    return ValueError('invalid format string')


def _parse(spec):
    s = _Spec()
    s.fill, s.align, s.sign, s.z = ' ', None, '-', False
    s.width, s.comma, s.prec, s.type = None, False, None, None
    i, n = 0, len(spec)
    if n >= 2 and spec[1] in '<>=^':
        s.fill, s.align = spec[0], spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        s.align = spec[0]
        i = 1
    if i < n and spec[i] in '+- ':
        s.sign = spec[i]
        i += 1
    if i < n and spec[i] == 'z':
        s.z = True
        i += 1
    if i < n and spec[i] == '0':
        if s.align is not None:
            raise _invalid()
        s.fill, s.align = '0', 'z'
        i += 1
        if i < n and spec[i] == '0':
            raise _invalid()
    j = i
    while i < n and spec[i].isdigit() and spec[i].isascii():
        i += 1
    if i > j:
        s.width = int(spec[j:i])
        if s.width > _SSIZE_MAX:
            raise _invalid()
    if i < n and spec[i] == ',':
        s.comma = True
        i += 1
    if i < n and spec[i] == '.':
        i += 1
        j = i
        while i < n and spec[i].isdigit() and spec[i].isascii():
            i += 1
        if i == j:
            raise _invalid()
        s.prec = int(spec[j:i])
        if s.prec > _SSIZE_MAX:
            raise _invalid()
    if i < n:
        if spec[i] not in 'eEfFgGn%':
            raise _invalid()
        s.type = spec[i]
        i += 1
    if i != n or (s.comma and s.type == 'n'):
        raise _invalid()
    return s


def _round_to_digits(sign, coeff, exp, digits, rounding):
    """(coeff, exp) rounded to at most `digits` significant digits."""
    nd = _nd(coeff)
    if nd <= digits:
        return coeff, exp
    coeff, _ = _round_drop(sign, coeff, nd - digits, rounding)
    exp += nd - digits
    if _nd(coeff) > digits:
        coeff //= 10
        exp += 1
    return coeff, exp


def _plain(digits, exp):
    """Fixed-point text of the coefficient digits scaled by 10**exp."""
    if exp >= 0:
        if digits == '0':
            return '0', ''
        return digits + '0' * exp, ''
    k = len(digits) + exp
    if k > 0:
        return digits[:k], digits[k:]
    return '0', '0' * -k + digits


def _group(intpart, minlen):
    """intpart with ',' every three digits, left-padded with zeros to at least
    minlen characters (as zero padding with a separator does for ints)."""
    if minlen > 0:
        n = len(intpart)
        while n + (n - 1) // 3 < minlen:
            n += 1
        intpart = intpart.rjust(n, '0')
    groups = []
    while len(intpart) > 3:
        groups.append(intpart[-3:])
        intpart = intpart[:-3]
    groups.append(intpart)
    return ','.join(reversed(groups))


def format_decimal(d, spec, override=None):
    if not isinstance(spec, str):
        raise TypeError('format arg must be str')
    s = _parse(spec)
    ctx = getcontext()
    t = s.type
    if t is None:
        echar = 'E' if ctx._capitals else 'e'
    else:
        echar = 'E' if t in 'EG' else 'e'
    negative = d._sign == 1
    if d._special:
        if d._exp == 'F':
            body = 'Infinity'
        else:
            body = ('NaN' if d._exp == 'n' else 'sNaN') + (_str_of(d._int) if d._int else '')
        if t == '%':
            body += '%'
        intpart, rest = '', body
        if s.align == 'z':
            s.fill, s.align = ' ', '>'
    else:
        coeff, exp = d._int, d._exp
        rounding = ctx._rounding
        if t == '%':
            exp += 2
        t = t or ''
        p = s.prec
        padzero = 0          # zeros a zero gets in 'e' notation with a precision
        if p is not None:
            if t and t in 'fF%':
                if exp < -p:
                    coeff, _ = _round_drop(d._sign, coeff, -p - exp, rounding)
                    exp = -p
                elif coeff and exp > -p:
                    coeff *= _pow10(exp + p)
                    exp = -p
                elif not coeff:
                    exp = -p
            elif t and t in 'eE':
                if coeff:
                    coeff, exp = _round_to_digits(d._sign, coeff, exp, p + 1, rounding)
                    nd = _nd(coeff)
                    if nd < p + 1:
                        coeff *= _pow10(p + 1 - nd)
                        exp -= p + 1 - nd
                else:
                    padzero = p
            elif coeff:
                coeff, exp = _round_to_digits(d._sign, coeff, exp, p or 1, rounding)
        # 'z' turns a negative zero positive; the C module misses values that
        # only become zero by rounding with type 'F'.
        if s.z and (not d._int or (not coeff and t in ('f', '%'))):
            negative = False
        digits = _str_of(coeff)
        if t and t in 'eE':
            adj = exp + len(digits) - 1 + padzero
            digits += '0' * padzero
            intpart = digits[0]
            frac = digits[1:]
            rest = ('.' + frac if frac else '') + '%s%+d' % (echar, adj)
        elif t and t in 'fF%':
            intpart, frac = _plain(digits, exp)
            rest = ('.' + frac if frac else '') + ('%' if t == '%' else '')
        else:
            left = exp + len(digits)
            if exp <= 0 and left > -6:
                intpart, frac = _plain(digits, exp)
                rest = '.' + frac if frac else ''
            else:
                intpart = digits[0]
                rest = ('.' + digits[1:] if len(digits) > 1 else '') + \
                    '%s%+d' % (echar, left - 1)
    if negative:
        signchar = '-'
    elif s.sign == '+':
        signchar = '+'
    elif s.sign == ' ':
        signchar = ' '
    else:
        signchar = ''
    width = s.width or 0
    if s.comma and intpart:
        minlen = 0
        if s.align == 'z':
            minlen = width - len(signchar) - len(rest)
        intpart = _group(intpart, minlen)
    body = intpart + rest
    pad = width - len(signchar) - len(body)
    if pad <= 0:
        return signchar + body
    align = s.align or '>'
    fill = s.fill
    if align == 'z' or align == '=':
        return signchar + fill * pad + body
    if align == '<':
        return signchar + body + fill * pad
    if align == '>':
        return fill * pad + signchar + body
    half = pad // 2
    return fill * half + signchar + body + fill * (pad - half)
