"""Private part of `decimal`: rounding modes, signals, Context and the current context.

Conditions are kept as bits of an int, numbered the way libmpdec (the library
behind CPython's C `_decimal`) numbers them, because everything that prints a
set of signals -- a Context's repr, the list carried by a trapped exception --
lists them in that library's order. An operation collects the bits of all the
conditions it meets and hands them to `Context._signal` once at the end: the
flags get all of them, and if any is trapped the exception names every trapped
one, as the C module does.

The current context lives in a module global behind `getcontext` and
`setcontext`, so that it can move to a context variable once apy has
`contextvars` without touching anything else.
"""

from collections import namedtuple as _namedtuple
from collections.abc import MutableMapping as _MutableMapping

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'

_ROUNDINGS = frozenset((ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING,
                        ROUND_FLOOR, ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP))

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
_SSIZE_MAX = (1 << 63) - 1


DecimalTuple = _namedtuple('DecimalTuple', 'sign digits exponent', module='decimal')


# ---------------------------------------------------------------- signals

class DecimalException(ArithmeticError):
    __module__ = 'decimal'


class Clamped(DecimalException):
    __module__ = 'decimal'


class InvalidOperation(DecimalException):
    __module__ = 'decimal'


class ConversionSyntax(InvalidOperation):
    __module__ = 'decimal'


class DivisionByZero(DecimalException, ZeroDivisionError):
    __module__ = 'decimal'


class DivisionImpossible(InvalidOperation):
    __module__ = 'decimal'


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    __module__ = 'decimal'


class Inexact(DecimalException):
    __module__ = 'decimal'


class InvalidContext(InvalidOperation):
    __module__ = 'decimal'


class Rounded(DecimalException):
    __module__ = 'decimal'


class Subnormal(DecimalException):
    __module__ = 'decimal'


class Overflow(Inexact, Rounded):
    __module__ = 'decimal'


class Underflow(Inexact, Rounded, Subnormal):
    __module__ = 'decimal'


class FloatOperation(DecimalException, TypeError):
    __module__ = 'decimal'


# Condition bits, in libmpdec's numbering (the order reprs list them in).
CLAMPED = 1
CONV_SYNTAX = 2
DIV_BY_ZERO = 4
DIV_IMPOSSIBLE = 8
DIV_UNDEFINED = 16
INEXACT = 64
INVALID_CONTEXT = 128
INVALID_OP = 256
FLOAT_OP = 1024
OVERFLOW = 2048
ROUNDED = 4096
SUBNORMAL = 8192
UNDERFLOW = 16384
_IEEE_INVALID = CONV_SYNTAX | DIV_IMPOSSIBLE | DIV_UNDEFINED | INVALID_CONTEXT | INVALID_OP
_ALL = 2 * UNDERFLOW - 1

# The signals a flags/traps mapping has, in the C module's order, with their bits.
_SIGNALS = ((InvalidOperation, _IEEE_INVALID), (FloatOperation, FLOAT_OP),
            (DivisionByZero, DIV_BY_ZERO), (Overflow, OVERFLOW), (Underflow, UNDERFLOW),
            (Subnormal, SUBNORMAL), (Inexact, INEXACT), (Rounded, ROUNDED),
            (Clamped, CLAMPED))
_SIGNAL_BITS = dict(_SIGNALS)
# What a trapped exception's list names, in order: InvalidOperation's conditions
# first, then the other signals.
_CONDITIONS = ((InvalidOperation, INVALID_OP), (ConversionSyntax, CONV_SYNTAX),
               (DivisionImpossible, DIV_IMPOSSIBLE), (DivisionUndefined, DIV_UNDEFINED),
               (InvalidContext, INVALID_CONTEXT)) + _SIGNALS[1:]
# Names in a Context's repr, one per condition bit in libmpdec's order; the
# conditions of InvalidOperation are named once, where the first one set is.
_REPR_ORDER = ((CLAMPED, 'Clamped'), (CONV_SYNTAX, 'InvalidOperation'),
               (DIV_BY_ZERO, 'DivisionByZero'), (DIV_IMPOSSIBLE, 'InvalidOperation'),
               (DIV_UNDEFINED, 'InvalidOperation'), (INEXACT, 'Inexact'),
               (INVALID_CONTEXT, 'InvalidOperation'), (INVALID_OP, 'InvalidOperation'),
               (FLOAT_OP, 'FloatOperation'), (OVERFLOW, 'Overflow'),
               (ROUNDED, 'Rounded'), (SUBNORMAL, 'Subnormal'),
               (UNDERFLOW, 'Underflow'))

_SIGNALS_MSG = ("valid values for signals are:\n"
                "  [InvalidOperation, FloatOperation, DivisionByZero,\n"
                "   Overflow, Underflow, Subnormal, Inexact, Rounded,\n"
                "   Clamped]")
_ROUNDING_MSG = ("valid values for rounding are:\n"
                 "  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n"
                 "   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n"
                 "   ROUND_05UP]")


def _signal_bits(sig):
    try:
        return _SIGNAL_BITS[sig]
    except (KeyError, TypeError):
        raise KeyError(_SIGNALS_MSG) from None


def _bits_from(value):
    """The condition bits a flags/traps argument stands for: a list of signals,
    or a mapping that has every signal."""
    if isinstance(value, list):
        bits = 0
        for sig in value:
            bits |= _signal_bits(sig)
        return bits
    if isinstance(value, (dict, SignalDictMixin)):
        if len(value) != len(_SIGNALS):
            raise KeyError('invalid signal dict')
        bits = 0
        for sig, bit in _SIGNALS:
            if sig not in value:
                raise KeyError('invalid signal dict')
            if value[sig]:
                bits |= bit
        return bits
    raise TypeError('argument must be a signal dict')


class SignalDictMixin:
    """A live view of a Context's flags or traps as {signal: bool}."""

    __module__ = 'decimal'
    __slots__ = ()

    def __getitem__(self, key):
        return bool(getattr(self._ctx, self._attr) & _signal_bits(key))

    def __setitem__(self, key, value):
        bit = _signal_bits(key)
        old = getattr(self._ctx, self._attr)
        object.__setattr__(self._ctx, self._attr, (old | bit) if value else (old & ~bit))

    def __delitem__(self, key):
        raise ValueError('signal keys cannot be deleted')

    def __iter__(self):
        return iter([sig for sig, bit in _SIGNALS])

    def __len__(self):
        return len(_SIGNALS)

    def __contains__(self, key):
        return key in _SIGNAL_BITS

    def __repr__(self):
        bits = getattr(self._ctx, self._attr)
        return '{' + ', '.join('%r:%s' % (sig, bool(bits & bit))
                               for sig, bit in _SIGNALS) + '}'

    def copy(self):
        bits = getattr(self._ctx, self._attr)
        return {sig: bool(bits & bit) for sig, bit in _SIGNALS}


class SignalDict(SignalDictMixin, _MutableMapping):
    # CPython's C module builds this class with type() while `abc` is the
    # module at hand, hence its odd home.
    __module__ = 'abc'
    __slots__ = ('_ctx', '_attr')

    def __init__(self, ctx, attr):
        self._ctx = ctx
        self._attr = attr


# ---------------------------------------------------------------- Context

def _as_int(value):
    if not isinstance(value, int):
        raise TypeError('an integer is required')
    if not -_SSIZE_MAX - 1 <= value <= _SSIZE_MAX:
        raise OverflowError('Python int too large to convert to C ssize_t')
    return value


def _check_context(context):
    """The context an operation uses: `context`, or the current one."""
    if context is None:
        return getcontext()
    if not isinstance(context, Context):
        raise TypeError('optional argument must be a context')
    return context


_CONTEXT_ATTRS = ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags', 'traps')


class Context(object):
    """The environment of arithmetic operations: precision, rounding, exponent
    limits, and which signals are trapped or have been raised."""

    __module__ = 'decimal'
    __slots__ = ('_prec', '_rounding', '_Emin', '_Emax', '_capitals', '_clamp',
                 '_flags', '_traps', '_flags_view', '_traps_view')

    def __new__(cls, *args, **kwargs):
        # A new context starts as a copy of DefaultContext without its flags
        # (the built-in values while DefaultContext itself is being made).
        self = object.__new__(cls)
        t = DefaultContext
        if t is None:
            return self._raw(28, ROUND_HALF_EVEN, -999999, 999999, 1, 0, 0,
                             _IEEE_INVALID | DIV_BY_ZERO | OVERFLOW)
        return self._raw(t._prec, t._rounding, t._Emin, t._Emax, t._capitals,
                         t._clamp, 0, t._traps)

    def __init__(self, *args, **kwargs):
        if len(args) > 8:
            raise TypeError('function takes at most 8 arguments (%d given)'
                            % (len(args) + len(kwargs)))
        values = dict(zip(_CONTEXT_ATTRS, args))
        for name, value in kwargs.items():
            if name not in _CONTEXT_ATTRS:
                raise TypeError('%r is an invalid keyword argument for this function'
                                % name)
            if name in values:
                raise TypeError("argument for function given by name ('%s') and "
                                "position (%d)" % (name, _CONTEXT_ATTRS.index(name) + 1))
            values[name] = value
        for name in _CONTEXT_ATTRS:
            value = values.get(name)
            if value is not None:
                setattr(self, name, value)

    def _raw(self, prec, rounding, Emin, Emax, capitals, clamp, flags, traps):
        """Sets every field at once, unchecked (for internal working contexts)."""
        object.__setattr__(self, '_prec', prec)
        object.__setattr__(self, '_rounding', rounding)
        object.__setattr__(self, '_Emin', Emin)
        object.__setattr__(self, '_Emax', Emax)
        object.__setattr__(self, '_capitals', capitals)
        object.__setattr__(self, '_clamp', clamp)
        object.__setattr__(self, '_flags', flags)
        object.__setattr__(self, '_traps', traps)
        object.__setattr__(self, '_flags_view', None)
        object.__setattr__(self, '_traps_view', None)
        return self

    def __setattr__(self, name, value):
        if name in _CONTEXT_ATTRS:
            object.__setattr__(self, name, value)
        elif name.startswith('_') and name in Context.__slots__:
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("'decimal.Context' object has no attribute '%s'" % name)

    def __delattr__(self, name):
        raise AttributeError('context attributes cannot be deleted')

    # ------------------------------------------------------------ attributes

    @property
    def prec(self):
        return self._prec

    @prec.setter
    def prec(self, value):
        value = _as_int(value)
        if not 1 <= value <= MAX_PREC:
            raise ValueError('valid range for prec is [1, MAX_PREC]')
        object.__setattr__(self, '_prec', value)

    @property
    def rounding(self):
        return self._rounding

    @rounding.setter
    def rounding(self, value):
        if not isinstance(value, str) or value not in _ROUNDINGS:
            raise TypeError(_ROUNDING_MSG)
        for mode in _ROUNDINGS:
            if mode == value:
                value = mode
        object.__setattr__(self, '_rounding', value)

    @property
    def Emin(self):
        return self._Emin

    @Emin.setter
    def Emin(self, value):
        value = _as_int(value)
        if not MIN_EMIN <= value <= 0:
            raise ValueError('valid range for Emin is [MIN_EMIN, 0]')
        object.__setattr__(self, '_Emin', value)

    @property
    def Emax(self):
        return self._Emax

    @Emax.setter
    def Emax(self, value):
        value = _as_int(value)
        if not 0 <= value <= MAX_EMAX:
            raise ValueError('valid range for Emax is [0, MAX_EMAX]')
        object.__setattr__(self, '_Emax', value)

    @property
    def capitals(self):
        return self._capitals

    @capitals.setter
    def capitals(self, value):
        value = _as_int(value)
        if value not in (0, 1):
            raise ValueError('valid values for capitals are 0 or 1')
        object.__setattr__(self, '_capitals', value)

    @property
    def clamp(self):
        return self._clamp

    @clamp.setter
    def clamp(self, value):
        value = _as_int(value)
        if value not in (0, 1):
            raise ValueError('valid values for clamp are 0 or 1')
        object.__setattr__(self, '_clamp', value)

    @property
    def flags(self):
        view = self._flags_view
        if view is None:
            view = SignalDict(self, '_flags')
            object.__setattr__(self, '_flags_view', view)
        return view

    @flags.setter
    def flags(self, value):
        object.__setattr__(self, '_flags', _bits_from(value))

    @property
    def traps(self):
        view = self._traps_view
        if view is None:
            view = SignalDict(self, '_traps')
            object.__setattr__(self, '_traps_view', view)
        return view

    @traps.setter
    def traps(self, value):
        object.__setattr__(self, '_traps', _bits_from(value))

    # ------------------------------------------------------------ misc

    def Etiny(self):
        """Emin - prec + 1: the smallest exponent of a subnormal result."""
        return self._Emin - self._prec + 1

    def Etop(self):
        """Emax - prec + 1: the largest exponent when clamp is set."""
        return self._Emax - self._prec + 1

    def radix(self):
        from _decimal_number import Decimal
        return Decimal(10)

    def clear_flags(self):
        object.__setattr__(self, '_flags', 0)

    def clear_traps(self):
        object.__setattr__(self, '_traps', 0)

    def copy(self):
        return object.__new__(Context)._raw(
            self._prec, self._rounding, self._Emin, self._Emax, self._capitals,
            self._clamp, self._flags, self._traps)

    __copy__ = copy

    def __reduce__(self):
        flags = [sig for sig, bit in _SIGNALS if self._flags & bit]
        traps = [sig for sig, bit in _SIGNALS if self._traps & bit]
        return (self.__class__, (self._prec, self._rounding, self._Emin, self._Emax,
                                 self._capitals, self._clamp, flags, traps))

    def __repr__(self):
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, '
                'clamp=%d, flags=%s, traps=%s)'
                % (self._prec, self._rounding, self._Emin, self._Emax, self._capitals,
                   self._clamp, _names(self._flags), _names(self._traps)))

    def _signal(self, status):
        """Records the conditions `status` in the flags; raises if one is trapped."""
        object.__setattr__(self, '_flags', self._flags | status)
        trapped = status & self._traps
        if trapped:
            for sig, bit in _SIGNALS:
                if trapped & bit:
                    break
            raise sig([cond for cond, bit in _CONDITIONS if trapped & bit])

    # ------------------------------------------------------------ operations

    def create_decimal(self, num='0'):
        """A Decimal made from num and rounded to this context."""
        from _decimal_number import _create_decimal
        return _create_decimal(num, self)

    def create_decimal_from_float(self, f):
        from _decimal_number import Decimal, _create_decimal
        return _create_decimal(Decimal.from_float(f), self)

    def _apply(self, a):
        from _decimal_number import _convert_strict, _apply
        return _apply(_convert_strict(a), self)

    def power(self, a, b, modulo=None):
        from _decimal_number import _convert_strict
        return _convert_strict(a)._power(_convert_strict(b), modulo, self)

    def divmod(self, a, b):
        from _decimal_number import _convert_strict
        return _convert_strict(a)._divmod(_convert_strict(b), self)

    def to_sci_string(self, a):
        from _decimal_number import _convert_strict
        return _convert_strict(a)._to_string(False, self._capitals)

    def to_eng_string(self, a):
        from _decimal_number import _convert_strict
        return _convert_strict(a)._to_string(True, self._capitals)


def _names(bits):
    names = []
    for bit, name in _REPR_ORDER:
        if bits & bit and name not in names:
            names.append(name)
    return '[' + ', '.join(names) + ']'


def _context_method(name, target, nargs, with_context=True):
    """Builds Context.<name>: converts its operands to Decimal (ints allowed,
    nothing else) and runs Decimal.<target> in this context."""
    if nargs == 1:
        if with_context:
            def method(self, a):
                from _decimal_number import _convert_strict
                return getattr(_convert_strict(a), target)(context=self)
        else:
            def method(self, a):
                from _decimal_number import _convert_strict
                return getattr(_convert_strict(a), target)()
    elif nargs == 2:
        def method(self, a, b):
            from _decimal_number import _convert_strict
            return getattr(_convert_strict(a), target)(_convert_strict(b), context=self)
    else:
        def method(self, a, b, c):
            from _decimal_number import _convert_strict
            return getattr(_convert_strict(a), target)(
                _convert_strict(b), _convert_strict(c), context=self)
    method.__name__ = name
    method.__qualname__ = 'Context.' + name
    return method


for _name, _target in (('abs', '_abs'), ('minus', '_minus'), ('plus', '_plus'),
                       ('exp', 'exp'), ('ln', 'ln'), ('log10', 'log10'), ('logb', 'logb'),
                       ('logical_invert', 'logical_invert'), ('next_minus', 'next_minus'),
                       ('next_plus', 'next_plus'), ('normalize', 'normalize'),
                       ('number_class', 'number_class'), ('sqrt', 'sqrt'),
                       ('to_integral', 'to_integral'),
                       ('to_integral_exact', 'to_integral_exact'),
                       ('to_integral_value', 'to_integral_value'),
                       ('is_normal', 'is_normal'), ('is_subnormal', 'is_subnormal')):
    setattr(Context, _name, _context_method(_name, _target, 1))
for _name in ('copy_abs', 'copy_negate', 'is_finite', 'is_infinite', 'is_nan', 'is_qnan',
              'is_signed', 'is_snan', 'is_zero'):
    setattr(Context, _name, _context_method(_name, _name, 1, False))


def _decimal_only(name):
    def method(self, a):
        from _decimal_number import Decimal
        if not isinstance(a, Decimal):
            raise TypeError('argument must be a Decimal')
        return getattr(a, name)()
    method.__name__ = name
    method.__qualname__ = 'Context.' + name
    return method


Context.canonical = _decimal_only('canonical')
Context.is_canonical = _decimal_only('is_canonical')
Context.copy_decimal = _context_method('copy_decimal', '_copy', 1, False)
for _name, _target in (('add', '_add'), ('subtract', '_sub'), ('multiply', '_mul'),
                       ('divide', '_div'), ('divide_int', '_divint'),
                       ('remainder', '_rem'), ('compare', 'compare'),
                       ('compare_signal', 'compare_signal'),
                       ('logical_and', 'logical_and'), ('logical_or', 'logical_or'),
                       ('logical_xor', 'logical_xor'), ('max', 'max'),
                       ('max_mag', 'max_mag'), ('min', 'min'), ('min_mag', 'min_mag'),
                       ('next_toward', 'next_toward'), ('quantize', 'quantize'),
                       ('remainder_near', 'remainder_near'), ('rotate', 'rotate'),
                       ('scaleb', 'scaleb'), ('shift', 'shift')):
    setattr(Context, _name, _context_method(_name, _target, 2))
for _name in ('compare_total', 'compare_total_mag', 'copy_sign', 'same_quantum'):
    def _make(name):
        def method(self, a, b):
            from _decimal_number import _convert_strict
            return getattr(_convert_strict(a), name)(_convert_strict(b))
        method.__name__ = name
        method.__qualname__ = 'Context.' + name
        return method
    setattr(Context, _name, _make(_name))
Context.fma = _context_method('fma', 'fma', 3)
del _name, _target, _make


# The templates. DefaultContext is what new contexts start from.
DefaultContext = None
DefaultContext = Context()
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP,
                       traps=[Clamped, InvalidOperation, DivisionByZero, Overflow,
                              Underflow])
ExtendedContext = Context(prec=9, traps=[])


# ---------------------------------------------------------------- current context

# The current context (one per program for now; to become a context variable).
# The current context is per contextvars context, as in CPython: each asyncio task
# (which runs in a copy of its creator's context) sees its own.
import contextvars as _contextvars

_current = _contextvars.ContextVar('decimal_context')


def getcontext():
    """Returns the current context, making it from DefaultContext on first use."""
    try:
        return _current.get()
    except LookupError:
        ctx = DefaultContext.copy()
        _current.set(ctx)
        return ctx


def setcontext(context):
    """Makes `context` current (a copy of it when it is one of the templates)."""
    if not isinstance(context, Context):
        raise TypeError('argument must be a context')
    if context is DefaultContext or context is BasicContext or context is ExtendedContext:
        context = context.copy()
        context.clear_flags()
    _current.set(context)


class ContextManager(object):
    """What localcontext() returns: on entry makes a copy of a context current."""

    __module__ = 'decimal'

    def __init__(self, ctx, changes):
        # Like the C module, this restores the context that was current when
        # localcontext() was called, and applies the changes right away.
        self._saved = getcontext()
        self._new = (self._saved if ctx is None else ctx).copy()
        for name in _CONTEXT_ATTRS:
            if name in changes:
                setattr(self._new, name, changes[name])

    def __enter__(self):
        setcontext(self._new)
        return self._new

    def __exit__(self, *exc):
        setcontext(self._saved)


def localcontext(ctx=None, **kwargs):
    """A context manager that makes a copy of ctx (default: the current context)
    current, changed by kwargs, and restores the previous one on exit."""
    if ctx is not None and not isinstance(ctx, Context):
        raise TypeError('optional argument must be a context')
    for name in kwargs:
        if name not in _CONTEXT_ATTRS:
            raise TypeError('%r is an invalid keyword argument for this function' % name)
    return ContextManager(ctx, kwargs)


for _f in (getcontext, setcontext, localcontext):
    _f.__module__ = 'decimal'
del _f
