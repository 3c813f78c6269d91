"""`operator`: Python's operators as functions, as CPython 3.11's `operator`.

CPython implements these in C (`_operator`), so a wrong call fails with the C
argument parser's wording ("add expected 2 arguments, got 1"), not with the
wording of a Python function. To keep those messages, every function takes
`*args` and unpacks them itself; unpacking a tuple in a `try` costs little when
the call is right. The functions report `_operator` as their module, as CPython's
do, and `itemgetter`, `attrgetter` and `methodcaller` are classes that refuse to
be subclassed, as the C types do.

Not provided: the "takes no keyword arguments" wording when an operator function,
or an itemgetter/attrgetter/methodcaller object, is called with keywords (apy
reports an unexpected keyword argument instead); the DeprecationWarning that
`index()` gives when `__index__` returns a strict subclass of int (apy has no
`warnings`); OverflowError for a `length_hint()` default beyond a C ssize_t;
the wording of CPython's longer docstrings (these are apy's own).
"""

__all__ = ['abs', 'add', 'and_', 'attrgetter', 'call', 'concat', 'contains', 'countOf',
           'delitem', 'eq', 'floordiv', 'ge', 'getitem', 'gt', 'iadd', 'iand',
           'iconcat', 'ifloordiv', 'ilshift', 'imatmul', 'imod', 'imul',
           'index', 'indexOf', 'inv', 'invert', 'ior', 'ipow', 'irshift',
           'is_', 'is_not', 'isub', 'itemgetter', 'itruediv', 'ixor', 'le',
           'length_hint', 'lshift', 'lt', 'matmul', 'methodcaller', 'mod',
           'mul', 'ne', 'neg', 'not_', 'or_', 'pos', 'pow', 'rshift',
           'setitem', 'sub', 'truediv', 'truth', 'xor']

_builtin_abs = abs


def _expected(name, count, args):
    """The error CPython's argument parser gives for a fixed-arity function."""
    return TypeError(f"{name} expected {count} arguments, got {len(args)}")


def _one_expected(name, args):
    """The error CPython gives for a function of exactly one argument (METH_O)."""
    return TypeError(f"_operator.{name}() takes exactly one argument ({len(args)} given)")


# Comparisons.

def lt(*args):
    "Same as a < b."
    try:
        a, b = args
    except ValueError:
        raise _expected("lt", 2, args) from None
    return a < b


def le(*args):
    "Same as a <= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("le", 2, args) from None
    return a <= b


def eq(*args):
    "Same as a == b."
    try:
        a, b = args
    except ValueError:
        raise _expected("eq", 2, args) from None
    return a == b


def ne(*args):
    "Same as a != b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ne", 2, args) from None
    return a != b


def ge(*args):
    "Same as a >= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ge", 2, args) from None
    return a >= b


def gt(*args):
    "Same as a > b."
    try:
        a, b = args
    except ValueError:
        raise _expected("gt", 2, args) from None
    return a > b


# Logical operations.

def not_(*args):
    "Same as not a."
    try:
        a, = args
    except ValueError:
        raise _one_expected("not_", args) from None
    return not a


def truth(*args):
    "Return True if a is true, False otherwise."
    try:
        a, = args
    except ValueError:
        raise _one_expected("truth", args) from None
    return True if a else False


def is_(*args):
    "Same as a is b."
    try:
        a, b = args
    except ValueError:
        raise _expected("is_", 2, args) from None
    return a is b


def is_not(*args):
    "Same as a is not b."
    try:
        a, b = args
    except ValueError:
        raise _expected("is_not", 2, args) from None
    return a is not b


# Arithmetic and bitwise operations.

def abs(*args):
    "Same as abs(a)."
    try:
        a, = args
    except ValueError:
        raise _one_expected("abs", args) from None
    return _builtin_abs(a)


def add(*args):
    "Same as a + b."
    try:
        a, b = args
    except ValueError:
        raise _expected("add", 2, args) from None
    return a + b


def and_(*args):
    "Same as a & b."
    try:
        a, b = args
    except ValueError:
        raise _expected("and_", 2, args) from None
    return a & b


def floordiv(*args):
    "Same as a // b."
    try:
        a, b = args
    except ValueError:
        raise _expected("floordiv", 2, args) from None
    return a // b


def index(*args):
    "Same as a.__index__()"
    try:
        a, = args
    except ValueError:
        raise _one_expected("index", args) from None
    if type(a) is int:
        return a
    return _index(a)


def _index(a):
    """What CPython's PyNumber_Index does: an exact int, from `__index__` if need be."""
    if isinstance(a, int):
        # A bool or other int subclass comes back as a plain int.
        return int.__index__(a)
    method = getattr(type(a), '__index__', None)
    if method is None:
        raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer")
    result = method(a)
    if type(result) is int:
        return result
    if isinstance(result, int):
        return int.__index__(result)
    raise TypeError(f"__index__ returned non-int (type {type(result).__name__})")


def inv(*args):
    "Same as ~a."
    try:
        a, = args
    except ValueError:
        raise _one_expected("inv", args) from None
    return ~a


def invert(*args):
    "Same as ~a."
    try:
        a, = args
    except ValueError:
        raise _one_expected("invert", args) from None
    return ~a


def lshift(*args):
    "Same as a << b."
    try:
        a, b = args
    except ValueError:
        raise _expected("lshift", 2, args) from None
    return a << b


def mod(*args):
    "Same as a % b."
    try:
        a, b = args
    except ValueError:
        raise _expected("mod", 2, args) from None
    return a % b


def mul(*args):
    "Same as a * b."
    try:
        a, b = args
    except ValueError:
        raise _expected("mul", 2, args) from None
    return a * b


def matmul(*args):
    "Same as a @ b."
    try:
        a, b = args
    except ValueError:
        raise _expected("matmul", 2, args) from None
    return a @ b


def neg(*args):
    "Same as -a."
    try:
        a, = args
    except ValueError:
        raise _one_expected("neg", args) from None
    return -a


def or_(*args):
    "Same as a | b."
    try:
        a, b = args
    except ValueError:
        raise _expected("or_", 2, args) from None
    return a | b


def pos(*args):
    "Same as +a."
    try:
        a, = args
    except ValueError:
        raise _one_expected("pos", args) from None
    return +a


def pow(*args):
    "Same as a ** b."
    try:
        a, b = args
    except ValueError:
        raise _expected("pow", 2, args) from None
    return a ** b


def rshift(*args):
    "Same as a >> b."
    try:
        a, b = args
    except ValueError:
        raise _expected("rshift", 2, args) from None
    return a >> b


def sub(*args):
    "Same as a - b."
    try:
        a, b = args
    except ValueError:
        raise _expected("sub", 2, args) from None
    return a - b


def truediv(*args):
    "Same as a / b."
    try:
        a, b = args
    except ValueError:
        raise _expected("truediv", 2, args) from None
    return a / b


def xor(*args):
    "Same as a ^ b."
    try:
        a, b = args
    except ValueError:
        raise _expected("xor", 2, args) from None
    return a ^ b


# Sequence operations.

def _is_sequence(obj):
    """CPython's PySequence_Check: the type can be indexed and is not a mapping."""
    return not isinstance(obj, dict) and hasattr(type(obj), '__getitem__')


# The built-in sequences concatenate through their own slot, so `+` gives their own
# error for a wrong right operand; any other left operand must be a sequence and so
# must the right one, or the operation is refused outright.
_CONCAT_TYPES = (list, tuple, str, bytes, bytearray)


def concat(*args):
    "Same as a + b, for a and b sequences."
    try:
        a, b = args
    except ValueError:
        raise _expected("concat", 2, args) from None
    if not isinstance(a, _CONCAT_TYPES) and not (_is_sequence(a) and _is_sequence(b)):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    return a + b


def contains(*args):
    "Same as b in a (note reversed operands)."
    try:
        a, b = args
    except ValueError:
        raise _expected("contains", 2, args) from None
    return b in a


def _iterate(a):
    # CPython words any failure to iterate here as a failed `in` test.
    try:
        return iter(a)
    except TypeError:
        raise TypeError(f"argument of type '{type(a).__name__}' is not iterable") from None


def countOf(*args):
    "Return how many items of a are b, or equal b."
    try:
        a, b = args
    except ValueError:
        raise _expected("countOf", 2, args) from None
    count = 0
    for item in _iterate(a):
        if item is b or item == b:
            count += 1
    return count


def delitem(*args):
    "Same as del a[b]."
    try:
        a, b = args
    except ValueError:
        raise _expected("delitem", 2, args) from None
    del a[b]


def getitem(*args):
    "Same as a[b]."
    try:
        a, b = args
    except ValueError:
        raise _expected("getitem", 2, args) from None
    return a[b]


def indexOf(*args):
    "Return the position of the first item of a that is b, or equals b."
    try:
        a, b = args
    except ValueError:
        raise _expected("indexOf", 2, args) from None
    position = 0
    for item in _iterate(a):
        if item is b or item == b:
            return position
        position += 1
    raise ValueError('sequence.index(x): x not in sequence')


def setitem(*args):
    "Same as a[b] = c."
    try:
        a, b, c = args
    except ValueError:
        raise _expected("setitem", 3, args) from None
    a[b] = c


def length_hint(*args):
    """length_hint(obj, default=0): an estimate of how many items obj will give.

    The exact length when obj has one, else what its __length_hint__ says; default
    when neither is known. The answer is an integer >= 0.
    """
    if len(args) == 1:
        obj, = args
        default = 0
    elif len(args) == 2:
        obj, default = args
        default = default if type(default) is int else _index(default)
    elif not args:
        raise TypeError("length_hint expected at least 1 argument, got 0")
    else:
        raise TypeError(f"length_hint expected at most 2 arguments, got {len(args)}")
    cls = type(obj)
    if hasattr(cls, '__len__'):
        try:
            return len(obj)
        except TypeError:
            pass
    hint = getattr(cls, '__length_hint__', None)
    if hint is None:
        return default
    try:
        value = hint(obj)
    except TypeError:
        return default
    if value is NotImplemented:
        return default
    if not isinstance(value, int):
        raise TypeError(f"__length_hint__ must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ValueError("__length_hint__() should return >= 0")
    return int.__index__(value)


# Other operations.

def call(*args, **kwargs):
    "Same as obj(*args, **kwargs)."
    if not args:
        raise TypeError("call expected at least 1 argument, got 0")
    return args[0](*args[1:], **kwargs)


# In-place operations: each returns what the augmented assignment leaves in `a`.

def iadd(*args):
    "Same as a += b."
    try:
        a, b = args
    except ValueError:
        raise _expected("iadd", 2, args) from None
    a += b
    return a


def iand(*args):
    "Same as a &= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("iand", 2, args) from None
    a &= b
    return a


def iconcat(*args):
    "Same as a += b, for a and b sequences."
    try:
        a, b = args
    except ValueError:
        raise _expected("iconcat", 2, args) from None
    if not isinstance(a, _CONCAT_TYPES) and not (_is_sequence(a) and _is_sequence(b)):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    a += b
    return a


def ifloordiv(*args):
    "Same as a //= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ifloordiv", 2, args) from None
    a //= b
    return a


def ilshift(*args):
    "Same as a <<= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ilshift", 2, args) from None
    a <<= b
    return a


def imod(*args):
    "Same as a %= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("imod", 2, args) from None
    a %= b
    return a


def imul(*args):
    "Same as a *= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("imul", 2, args) from None
    a *= b
    return a


def imatmul(*args):
    "Same as a @= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("imatmul", 2, args) from None
    a @= b
    return a


def ior(*args):
    "Same as a |= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ior", 2, args) from None
    a |= b
    return a


def ipow(*args):
    "Same as a **= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ipow", 2, args) from None
    a **= b
    return a


def irshift(*args):
    "Same as a >>= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("irshift", 2, args) from None
    a >>= b
    return a


def isub(*args):
    "Same as a -= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("isub", 2, args) from None
    a -= b
    return a


def itruediv(*args):
    "Same as a /= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("itruediv", 2, args) from None
    a /= b
    return a


def ixor(*args):
    "Same as a ^= b."
    try:
        a, b = args
    except ValueError:
        raise _expected("ixor", 2, args) from None
    a ^= b
    return a


# The callable classes.

_repr_running = set()


def _guarded_repr(obj, build):
    """`build()` is the repr of `obj`; a repr that reaches `obj` again shows `...`,
    as CPython's Py_ReprEnter makes it."""
    key = id(obj)
    if key in _repr_running:
        return f"{type(obj).__module__}.{type(obj).__qualname__}(...)"
    _repr_running.add(key)
    try:
        return build()
    finally:
        _repr_running.discard(key)


def _final(cls):
    """Makes `cls` refuse subclasses, as C types without Py_TPFLAGS_BASETYPE do."""
    def __init_subclass__(subclass, **kwargs):
        raise TypeError(f"type 'operator.{cls.__name__}' is not an acceptable base type")
    cls.__init_subclass__ = classmethod(__init_subclass__)
    return cls


@_final
class itemgetter:
    """itemgetter(item, *items): a callable that indexes its argument.
    itemgetter(1)(r) is r[1]; itemgetter(1, 'a')(r) is (r[1], r['a']).
    """
    __slots__ = ('_items', '_item')

    def __init__(self, *items, **kwargs):
        if kwargs:
            raise TypeError("itemgetter() takes no keyword arguments")
        if not items:
            raise TypeError("itemgetter expected 1 argument, got 0")
        self._items = items
        # One item gives the item itself; several give a tuple. `_item` holds the
        # one item, or `_items` itself when there are several: a tuple of
        # arguments cannot be the key, since it was made here.
        self._item = items[0] if len(items) == 1 else items

    def __call__(self, *args):
        try:
            obj, = args
        except ValueError:
            raise TypeError(f"itemgetter expected 1 argument, got {len(args)}") from None
        item = self._item
        if item is self._items:
            return tuple([obj[i] for i in item])
        return obj[item]

    def __repr__(self):
        return _guarded_repr(self, lambda: 'operator.itemgetter(%s)'
                             % ', '.join(map(repr, self._items)))

    def __reduce__(self):
        return type(self), self._items


@_final
class attrgetter:
    """attrgetter(attr, *attrs): a callable that looks attributes up on its
    argument. attrgetter('a.b')(r) is r.a.b; attrgetter('a', 'b')(r) is (r.a, r.b).
    """
    __slots__ = ('_names', '_paths')

    def __init__(self, *names, **kwargs):
        if kwargs:
            raise TypeError("attrgetter() takes no keyword arguments")
        if not names:
            raise TypeError("attrgetter expected 1 argument, got 0")
        for name in names:
            if not isinstance(name, str):
                raise TypeError("attribute name must be a string")
        self._names = names
        # Each dotted name is split once, here, into the chain of lookups.
        self._paths = tuple(tuple(name.split('.')) for name in names)

    def __call__(self, *args):
        try:
            obj, = args
        except ValueError:
            raise TypeError(f"attrgetter expected 1 argument, got {len(args)}") from None
        paths = self._paths
        if len(paths) == 1:
            return _follow(obj, paths[0])
        return tuple([_follow(obj, path) for path in paths])

    def __repr__(self):
        return _guarded_repr(self, lambda: 'operator.attrgetter(%s)'
                             % ', '.join(map(repr, self._names)))

    def __reduce__(self):
        return type(self), self._names


def _follow(obj, path):
    for name in path:
        obj = getattr(obj, name)
    return obj


@_final
class methodcaller:
    """methodcaller(name, /, *args, **kwargs): a callable that calls a method of
    its argument. methodcaller('f', 1, k=2)(r) is r.f(1, k=2).
    """
    __slots__ = ('_name', '_args', '_kwargs')

    def __init__(*args, **kwargs):
        if len(args) < 2:
            raise TypeError("methodcaller needs at least one argument, the method name")
        self, name = args[0], args[1]
        if not isinstance(name, str):
            raise TypeError("method name must be a string")
        self._name = name
        self._args = args[2:]
        self._kwargs = kwargs

    def __call__(self, *args):
        try:
            obj, = args
        except ValueError:
            raise TypeError(f"methodcaller expected 1 argument, got {len(args)}") from None
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        def build():
            parts = [repr(self._name)]
            parts.extend(map(repr, self._args))
            parts.extend(f'{key}={value!r}' for key, value in self._kwargs.items())
            return 'operator.methodcaller(%s)' % ', '.join(parts)
        return _guarded_repr(self, build)

    def __reduce__(self):
        if not self._kwargs:
            return type(self), (self._name,) + self._args
        from functools import partial
        return partial(type(self), self._name, **self._kwargs), self._args


# The dunder spellings name the same functions.
__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__not__ = not_
__abs__ = abs
__add__ = add
__and__ = and_
__call__ = call
__floordiv__ = floordiv
__index__ = index
__inv__ = inv
__invert__ = invert
__lshift__ = lshift
__mod__ = mod
__mul__ = mul
__matmul__ = matmul
__neg__ = neg
__or__ = or_
__pos__ = pos
__pow__ = pow
__rshift__ = rshift
__sub__ = sub
__truediv__ = truediv
__xor__ = xor
__concat__ = concat
__contains__ = contains
__delitem__ = delitem
__getitem__ = getitem
__setitem__ = setitem
__iadd__ = iadd
__iand__ = iand
__iconcat__ = iconcat
__ifloordiv__ = ifloordiv
__ilshift__ = ilshift
__imod__ = imod
__imul__ = imul
__imatmul__ = imatmul
__ior__ = ior
__ipow__ = ipow
__irshift__ = irshift
__isub__ = isub
__itruediv__ = itruediv
__ixor__ = ixor

# CPython's functions live in `_operator`, and say so.
for _name in __all__:
    _function = globals()[_name]
    if not isinstance(_function, type):
        _function.__module__ = '_operator'
del _name, _function
