"""`functools`: tools that act on or return functions, as CPython 3.11's `functools`.

CPython writes part of this module in C (`partial`, `reduce`, `cmp_to_key` and the
lru_cache wrapper), so those parts here are shaped like the C objects rather than
like CPython's pure-Python fallbacks: `partial` is a class with read-only `func`,
`args` and `keywords`, the lru_cache wrapper is an object of type
`functools._lru_cache_wrapper` with its `__dict__`, and `cmp_to_key` makes
`functools.KeyWrapper` objects. Their error messages are the C ones.

apy's functions, classmethods and staticmethods do not yet have a `__get__`, so
binding a callable to an instance goes through `_bind`, which does what attribute
lookup would; and `update_wrapper` copies a `__dict__` key by key when the VM hands
out a copy of it. These workarounds go away when the VM grows the real protocol.

Not provided: `get_cache_token`, `recursive_repr`, `namedtuple` and `RLock` as
re-exported names; the `typing.get_type_hints` details of `singledispatch` beyond
evaluating string annotations in the function's globals (no `ForwardRef`,
`Annotated` or `Optional` handling); the thread lock of `cached_property` and of
the lru_cache wrapper (apy has no threads; `cached_property.lock` is a stand-in
that does nothing); the module-qualified type names ('functools.partial') in
messages about missing attributes; a `__dict__` of the lru_cache wrapper free of
its private state (kept there until apy binds slotted descriptors); the wording
of CPython's docstrings (these are apy's own).
"""

from types import GenericAlias, MethodType, FunctionType

__all__ = ['update_wrapper', 'wraps', 'WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES',
           'total_ordering', 'cache', 'cmp_to_key', 'lru_cache', 'reduce',
           'partial', 'partialmethod', 'singledispatch', 'singledispatchmethod',
           'cached_property']


def _bind(descriptor, instance, owner):
    """`descriptor.__get__(instance, owner)`: what looking the descriptor up
    through a class does. apy's functions, classmethods and staticmethods lack
    `__get__`, so they are bound here by hand."""
    getter = getattr(type(descriptor), '__get__', None)
    if getter is not None:
        return getter(descriptor, instance, owner)
    if isinstance(descriptor, FunctionType):
        return descriptor if instance is None else MethodType(descriptor, instance)
    if isinstance(descriptor, classmethod):
        return MethodType(descriptor.__func__, type(instance) if owner is None else owner)
    if isinstance(descriptor, staticmethod):
        return descriptor.__func__
    return descriptor


def _is_descriptor(obj):
    return (hasattr(obj, '__get__')
            or isinstance(obj, (FunctionType, classmethod, staticmethod)))


# update_wrapper() and wraps(): make a wrapper function look like the function it
# wraps.

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Copy the attributes named in `assigned` from `wrapped` to `wrapper`, update
    the mappings named in `updated` from `wrapped`'s, and point the wrapper's
    `__wrapped__` at `wrapped`. Returns the wrapper."""
    for name in assigned:
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        setattr(wrapper, name, value)
    for name in updated:
        target = getattr(wrapper, name)
        source = getattr(wrapped, name, {})
        if target is getattr(wrapper, name):
            target.update(source)
        else:
            # The VM handed out a fresh copy (apy does for a function's
            # `__dict__`): updating it would be lost, so set each key instead.
            for key, value in source.items():
                setattr(wrapper, key, value)
    # Set last, so that a `__wrapped__` in the copied `__dict__` does not win.
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """A decorator that applies update_wrapper() to the function it decorates,
    with `wrapped` and the given `assigned` and `updated`."""
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned,
                   updated=updated)


# total_ordering: fill in the missing rich comparisons from one that is defined.
# Each derived method asks the defined one and returns NotImplemented when it does.

def _gt_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result and self != other


def _le_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result or self == other


def _ge_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _ge_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result or self == other


def _lt_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result and self != other


def _gt_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _lt_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result and self != other


def _ge_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result or self == other


def _le_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _le_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result or self == other


def _gt_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result and self != other


def _lt_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


_SYMBOLS = {'__lt__': '<', '__le__': '<=', '__gt__': '>', '__ge__': '>='}

# For each root operation, the operations it supplies, in the order they are set.
_DERIVED = {
    '__lt__': (('__gt__', _gt_from_lt, '(not a < b) and (a != b)'),
               ('__le__', _le_from_lt, '(a < b) or (a == b)'),
               ('__ge__', _ge_from_lt, 'not a < b')),
    '__le__': (('__ge__', _ge_from_le, '(not a <= b) or (a == b)'),
               ('__lt__', _lt_from_le, '(a <= b) and (a != b)'),
               ('__gt__', _gt_from_le, 'not a <= b')),
    '__gt__': (('__lt__', _lt_from_gt, '(not a > b) and (a != b)'),
               ('__ge__', _ge_from_gt, '(a > b) or (a == b)'),
               ('__le__', _le_from_gt, 'not a > b')),
    '__ge__': (('__le__', _le_from_ge, '(not a >= b) or (a == b)'),
               ('__gt__', _gt_from_ge, '(a >= b) and (a != b)'),
               ('__lt__', _lt_from_ge, 'not a >= b')),
}

for _root, _entries in _DERIVED.items():
    for _name, _function, _formula in _entries:
        _function.__doc__ = f'a {_SYMBOLS[_name]} b, derived by @total_ordering as {_formula}.'
del _root, _entries, _name, _function, _formula


def total_ordering(cls):
    """Class decorator: from one of __lt__, __le__, __gt__, __ge__ that the class
    defines, derive the others it lacks."""
    # The operations the class (or a base other than object) defines.
    roots = {op for op in _DERIVED
             if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    # By name, '__lt__' > '__le__' > '__gt__' > '__ge__': the preferred root wins.
    root = max(roots)
    for name, function, _ in _DERIVED[root]:
        if name not in roots:
            function.__name__ = name
            setattr(cls, name, function)
    return cls


# cmp_to_key: an old-style comparison function turned into a key function.

class KeyWrapper:
    """What cmp_to_key() returns: called with an object, it wraps the object in a
    KeyWrapper that orders by the comparison function."""
    __slots__ = ('_cmp', 'obj')

    def __hash__(self):
        # Unhashable, in the words of the C type (whose name has its module).
        raise TypeError("unhashable type: 'functools.KeyWrapper'")

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'functools.KeyWrapper' instances")

    def __call__(self, *args, **kwargs):
        return _key_wrapper(self._cmp, _one_argument('K', 'obj', args, kwargs))

    def _compare(self, other):
        if type(other) is not KeyWrapper:
            raise TypeError('other argument must be K instance')
        return self._cmp(self.obj, other.obj)

    def __lt__(self, other):
        return self._compare(other) < 0

    def __le__(self, other):
        return self._compare(other) <= 0

    def __eq__(self, other):
        return self._compare(other) == 0

    def __ne__(self, other):
        return self._compare(other) != 0

    def __gt__(self, other):
        return self._compare(other) > 0

    def __ge__(self, other):
        return self._compare(other) >= 0


def _one_argument(function, name, args, kwargs):
    """The one argument of a C function taking `name`, by position or keyword,
    with the C argument parser's errors."""
    given = len(args) + len(kwargs)
    if given > 1:
        kind = 'argument' if args else 'keyword argument'
        raise TypeError(f"{function}() takes at most 1 {kind} ({given} given)")
    if args:
        return args[0]
    if name in kwargs:
        return kwargs[name]
    raise TypeError(f"{function}() missing required argument '{name}' (pos 1)")


def _key_wrapper(mycmp, obj):
    wrapper = object.__new__(KeyWrapper)
    wrapper._cmp = mycmp
    wrapper.obj = obj
    return wrapper


def cmp_to_key(*args, **kwargs):
    """cmp_to_key(mycmp): turn an old-style comparison function (negative, zero or
    positive for less, equal, greater) into a key function for sorted(), min()
    and the like."""
    return _key_wrapper(_one_argument('cmp_to_key', 'mycmp', args, kwargs), None)


# reduce.

_MISSING = object()


def reduce(*args, **kwargs):
    """reduce(function, iterable[, initial]) -> value

    Fold the items of the iterable into one value, from left to right, with the
    two-argument function: reduce(f, [1, 2, 3]) is f(f(1, 2), 3). When initial is
    given it comes before the items, and is the result for an empty iterable.
    """
    if kwargs:
        raise TypeError("reduce() takes no keyword arguments")
    count = len(args)
    if count < 2:
        raise TypeError(f"reduce expected at least 2 arguments, got {count}")
    if count > 3:
        raise TypeError(f"reduce expected at most 3 arguments, got {count}")
    function = args[0]
    try:
        iterator = iter(args[1])
    except TypeError:
        raise TypeError("reduce() arg 2 must support iteration") from None
    if count == 3:
        value = args[2]
    else:
        value = next(iterator, _MISSING)
        if value is _MISSING:
            raise TypeError("reduce() of empty iterable with no initial value")
    for element in iterator:
        value = function(value, element)
    return value


# partial and partialmethod.

class _ReadOnly:
    """A read-only view of one of partial's private slots, as the C type's members
    are: any assignment or deletion fails with "readonly attribute"."""
    # No __slots__: apy does not treat an object with slots as a descriptor.

    def __init__(self, name, slot, doc):
        self._name = name
        self._slot = slot
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return getattr(instance, self._slot)

    def __set__(self, instance, value):
        raise AttributeError('readonly attribute')

    def __delete__(self, instance):
        raise AttributeError('readonly attribute')

    def __repr__(self):
        return f"<member '{self._name}' of 'functools.partial' objects>"


_repr_running = set()


class partial:
    """partial(func, *args, **keywords): a callable that calls func with args
    followed by its own arguments, and with keywords updated by its own keywords.
    """
    __slots__ = ('_func', '_args', '_keywords', '__dict__', '__weakref__')

    def __new__(*args, **keywords):
        cls = args[0]
        if len(args) < 2:
            raise TypeError("type 'partial' takes at least one argument")
        func = args[1]
        args = args[2:]
        if not callable(func):
            raise TypeError("the first argument must be callable")
        # A plain partial of a partial is flattened into one partial, unless the
        # inner one has a call of its own or attributes of its own to keep.
        if (isinstance(func, partial) and type(func).__call__ is partial.__call__
                and not func.__dict__):
            args = func._args + args
            if func._keywords:
                keywords = {**func._keywords, **keywords}
            func = func._func
        self = object.__new__(cls)
        self._func = func
        self._args = args
        self._keywords = keywords
        return self

    func = _ReadOnly('func', '_func', 'function object to use in future partial calls')
    args = _ReadOnly('args', '_args', 'tuple of arguments to future partial calls')
    keywords = _ReadOnly('keywords', '_keywords',
                         'dictionary of keyword arguments to future partial calls')

    def __call__(self, /, *args, **keywords):
        if self._keywords:
            keywords = {**self._keywords, **keywords}
        return self._func(*self._args, *args, **keywords)

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            parts = [repr(self._func)]
            parts.extend(map(repr, self._args))
            parts.extend(f'{name}={value!r}' for name, value in self._keywords.items())
        finally:
            _repr_running.discard(key)
        # The C type shows its full name; a subclass shows its bare name.
        name = 'functools.partial' if type(self) is partial else type(self).__name__
        return f"{name}({', '.join(parts)})"

    def __reduce__(self):
        return (type(self), (self._func,),
                (self._func, self._args, self._keywords or None, self.__dict__ or None))

    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) != 4:
            raise TypeError("invalid partial state")
        func, args, keywords, namespace = state
        if (not callable(func) or not isinstance(args, tuple)
                or (keywords is not None and not isinstance(keywords, dict))
                or (namespace is not None and not isinstance(namespace, dict))):
            raise TypeError("invalid partial state")
        self._func = func
        self._args = args if type(args) is tuple else tuple(args)
        self._keywords = {} if keywords is None else dict(keywords)
        attributes = self.__dict__
        attributes.clear()
        if namespace is not None:
            attributes.update(namespace)

    __class_getitem__ = classmethod(GenericAlias)


class partialmethod:
    """partial() for methods: a descriptor that binds func as attribute lookup
    would (a plain callable takes the instance as its first argument) and then
    applies args and keywords as partial() does.
    """

    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not _is_descriptor(func):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        if isinstance(func, partialmethod):
            # Flattened, so that binding happens once, on the innermost callable.
            self.func = func.func
            self.args = func.args + args
            self.keywords = {**func.keywords, **keywords}
        else:
            self.func = func
            self.args = args
            self.keywords = keywords

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(map(repr, self.args))
        parts.extend(f'{name}={value!r}' for name, value in self.keywords.items())
        cls = type(self)
        return f"{cls.__module__}.{cls.__qualname__}({', '.join(parts)})"

    def _make_unbound_method(self):
        def _method(cls_or_self, /, *args, **keywords):
            keywords = {**self.keywords, **keywords}
            return self.func(cls_or_self, *self.args, *args, **keywords)
        _method.__isabstractmethod__ = self.__isabstractmethod__
        _method._partialmethod = self
        return _method

    def __get__(self, obj, cls=None):
        func = self.func
        result = None
        if _is_descriptor(func):
            bound = _bind(func, obj, cls)
            if bound is not func:
                # The descriptor bound itself (a method, a classmethod...): apply
                # the arguments after the ones it supplies.
                result = partial(bound, *self.args, **self.keywords)
                try:
                    result.__self__ = bound.__self__
                except AttributeError:
                    pass
        if result is None:
            # Unbound, or a plain callable: the instance becomes the first argument.
            result = _bind(self._make_unbound_method(), obj, cls)
        return result

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, '__isabstractmethod__', False)

    __class_getitem__ = classmethod(GenericAlias)


# lru_cache and cache.

class CacheInfo(tuple):
    'CacheInfo(hits, misses, maxsize, currsize)'
    # Shaped as collections.namedtuple would make it (apy has no namedtuple yet).
    __slots__ = ()
    _fields = ('hits', 'misses', 'maxsize', 'currsize')
    _field_defaults = {}
    __match_args__ = _fields

    def __new__(_cls, hits, misses, maxsize, currsize):
        return tuple.__new__(_cls, (hits, misses, maxsize, currsize))

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != 4:
            raise TypeError(f'Expected 4 arguments, got {len(result)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value) for name, value in zip(self._fields, self)])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    hits = property(lambda self: self[0], doc='Alias for field number 0')
    misses = property(lambda self: self[1], doc='Alias for field number 1')
    maxsize = property(lambda self: self[2], doc='Alias for field number 2')
    currsize = property(lambda self: self[3], doc='Alias for field number 3')


# Defined under its public name so that the class is called CacheInfo (apy cannot
# rename a class after the fact), and kept under CPython's private one.
_CacheInfo = CacheInfo
del CacheInfo

# Separates the positional arguments from the keyword ones in a cache key.
_KEYWORD_MARK = object()


def _make_key(args, kwds, typed):
    """The cache key of a call: the arguments, then a mark and the keyword items,
    then (when typed) the types of all the values. A lone int or str argument is
    its own key, as in CPython's C wrapper (so f(1) and f(1.0) are two entries)."""
    if not kwds and not typed:
        if len(args) == 1:
            first = args[0]
            if type(first) is int or type(first) is str:
                return first
        return args
    key = args
    if kwds:
        key += (_KEYWORD_MARK,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple([type(value) for value in args])
        if kwds:
            key += tuple([type(value) for value in kwds.values()])
    return key


class _lru_cache_wrapper:
    """What lru_cache() makes of a function: a callable that remembers results.

    maxsize 0 caches nothing, None caches without bound, n keeps the n most
    recently used results; with typed true, arguments of different types
    (3 and 3.0) are cached apart. cache_info_type makes cache_info()'s result.
    """
    # The state would be in slots, as the C type's is; but apy does not treat an
    # object with slots as a descriptor, and the wrapper must bind as a method. So
    # it is in the instance dict, under mangled names no copied attribute can
    # clash with.

    def __init__(self, user_function, maxsize, typed, cache_info_type):
        if not callable(user_function):
            raise TypeError("the first argument must be callable")
        if maxsize is not None:
            if not hasattr(type(maxsize), '__index__'):
                raise TypeError("maxsize should be integer or None")
            maxsize = max(maxsize.__index__(), 0)
        self.__function = user_function
        self.__maxsize = maxsize
        self.__typed = bool(typed)
        self.__cache = {}
        self.__hits = 0
        self.__misses = 0
        self.__info_type = cache_info_type

    def __call__(self, /, *args, **kwds):
        maxsize = self.__maxsize
        if maxsize == 0:
            # No caching at all: the arguments need not even be hashable.
            self.__misses += 1
            return self.__function(*args, **kwds)
        if kwds or self.__typed:
            key = _make_key(args, kwds, self.__typed)
        elif len(args) == 1 and (type(args[0]) is int or type(args[0]) is str):
            key = args[0]
        else:
            key = args
        cache = self.__cache
        if maxsize is None:
            result = cache.get(key, _MISSING)
            if result is not _MISSING:
                self.__hits += 1
                return result
            self.__misses += 1
            result = self.__function(*args, **kwds)
            cache[key] = result
            return result
        # Bounded: the dict keeps the entries from least to most recently used.
        if not cache:
            # pop() on an empty dict does not hash the key; an unhashable
            # argument must fail before the call all the same.
            hash(key)
        result = cache.pop(key, _MISSING)
        if result is not _MISSING:
            cache[key] = result
            self.__hits += 1
            return result
        self.__misses += 1
        result = self.__function(*args, **kwds)
        if key in cache:
            # A recursive call has cached this same call meanwhile.
            return result
        if len(cache) >= maxsize:
            del cache[next(iter(cache))]
        cache[key] = result
        return result

    def __get__(self, instance, owner=None):
        # Like a function, the wrapper becomes a bound method on an instance.
        if instance is None:
            return self
        return MethodType(self, instance)

    def cache_info(self):
        """The hits, misses, maxsize and current size of the cache."""
        return self.__info_type(self.__hits, self.__misses, self.__maxsize,
                                len(self.__cache))

    def cache_clear(self):
        """Empty the cache and reset its statistics."""
        self.__cache.clear()
        self.__hits = 0
        self.__misses = 0

    def __reduce__(self):
        return self.__qualname__

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def lru_cache(maxsize=128, typed=False):
    """Decorator that caches a function's results, keyed by its (hashable)
    arguments, dropping the least recently used once maxsize are kept.

    maxsize=None caches without bound; typed=True caches arguments of different
    types apart (f(3) and f(3.0)). Usable bare (@lru_cache) or called. The
    wrapper has cache_info(), cache_clear(), cache_parameters() and __wrapped__.
    """
    if isinstance(maxsize, int):
        # A negative size means no caching, as a size of 0 does.
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used bare, as @lru_cache: the "size" is the function to decorate.
        user_function, maxsize = maxsize, 128
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed, _CacheInfo)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed, _CacheInfo)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)

    return decorating_function


def cache(user_function, /):
    'Memoize user_function without bound: lru_cache(maxsize=None).'
    return lru_cache(maxsize=None)(user_function)


# singledispatch and singledispatchmethod.

class mappingproxy:
    """A read-only view of a dict: what `registry` shows of a singledispatch
    function's implementations (apy's `types` has no MappingProxyType yet)."""
    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def __reversed__(self):
        return reversed(self._mapping)

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        return self._mapping | other

    def __ror__(self, other):
        return other | self._mapping

    def __repr__(self):
        return f'mappingproxy({self._mapping!r})'

    def __str__(self):
        return str(self._mapping)

    __hash__ = None


def _merge_linearizations(sequences):
    """The C3 merge: repeatedly take the first head that is in no other
    sequence's tail."""
    sequences = [list(sequence) for sequence in sequences if sequence]
    result = []
    while sequences:
        for sequence in sequences:
            head = sequence[0]
            if not any(head in other[1:] for other in sequences):
                break
        else:
            raise RuntimeError("Inconsistent hierarchy")
        result.append(head)
        for sequence in sequences:
            if sequence[0] == head:
                del sequence[0]
        sequences = [sequence for sequence in sequences if sequence]
    return result


def _linearize(cls, abcs):
    """The MRO of `cls` with the ABCs in `abcs` that it implements woven in, each
    right after the class that introduces it."""
    bases = cls.__bases__
    # Bases up to the last one that is an ABC keep their place ahead of the ABCs
    # being woven in; the bases after it come after them.
    split = 0
    for position in range(len(bases), 0, -1):
        if hasattr(bases[position - 1], '__abstractmethods__'):
            split = position
            break
    explicit = list(bases[:split])
    others = list(bases[split:])
    introduced = [abc for abc in abcs
                  if issubclass(cls, abc) and not any(issubclass(b, abc) for b in bases)]
    remaining = [abc for abc in abcs if abc not in introduced]
    return _merge_linearizations(
        [[cls]]
        + [_linearize(base, remaining) for base in explicit]
        + [_linearize(abc, remaining) for abc in introduced]
        + [_linearize(base, remaining) for base in others]
        + [explicit, introduced, others])


def _dispatch_order(cls, candidates):
    """The classes to look for an implementation under, most specific first: the
    MRO of `cls`, with the registered classes it is only a virtual subclass of
    (ABCs) put where they belong."""
    mro = set(cls.__mro__)
    extra = [t for t in candidates
             if t not in mro and hasattr(t, '__mro__')
             and not isinstance(t, GenericAlias) and issubclass(cls, t)]
    # An ABC that another of them derives from comes in with that one.
    extra = [t for t in extra
             if not any(t is not other and t in other.__mro__ for other in extra)]
    kept = set(extra)
    ordered = []
    for abc in extra:
        # Subclasses of the ABC that `cls` also implements fix the order of the
        # ABCs: the ones with the most useful bases first.
        chains = [[s for s in sub.__mro__ if s in kept]
                  for sub in abc.__subclasses__()
                  if sub not in mro and issubclass(cls, sub)]
        if not chains:
            ordered.append(abc)
            continue
        chains.sort(key=len, reverse=True)
        for chain in chains:
            for klass in chain:
                if klass not in ordered:
                    ordered.append(klass)
    return _linearize(cls, ordered)


def _find_impl(cls, registry):
    """The implementation registered for the first class in the dispatch order of
    `cls`. Two ABCs that `cls` only virtually implements, neither more specific
    than the other, make the choice ambiguous."""
    match = None
    for klass in _dispatch_order(cls, registry.keys()):
        if match is not None:
            if (klass in registry and klass not in cls.__mro__
                    and match not in cls.__mro__ and not issubclass(match, klass)):
                raise RuntimeError(f"Ambiguous dispatch: {match} or {klass}")
            break
        if klass in registry:
            match = klass
    return registry.get(match)


def _union_members(tp):
    """The members of a union type (`int | str` or `typing.Union[...]`), or None."""
    import types
    import sys
    union_type = getattr(types, 'UnionType', None)
    if union_type is not None and isinstance(tp, union_type):
        return tp.__args__
    typing = sys.modules.get('typing')
    if typing is not None and getattr(tp, '__origin__', None) is getattr(typing, 'Union', _MISSING):
        return tp.__args__
    return None


def _is_dispatch_type(tp):
    if isinstance(tp, type):
        return True
    members = _union_members(tp)
    return members is not None and all(isinstance(m, type) for m in members)


def _annotations(obj):
    annotations = getattr(obj, '__annotations__', None)
    if annotations is None and isinstance(obj, (classmethod, staticmethod)):
        # apy's classmethod and staticmethod do not pass on their function's
        # annotations yet.
        annotations = getattr(obj.__func__, '__annotations__', None)
    return annotations or {}


def _first_hint(func):
    """The first annotation of `func`, evaluated as typing.get_type_hints would:
    a string in the function's globals, None as NoneType."""
    name, hint = next(iter(_annotations(func).items()))
    target = func
    while True:
        if isinstance(target, (classmethod, staticmethod)):
            target = target.__func__
        elif hasattr(target, '__wrapped__'):
            target = target.__wrapped__
        else:
            break
    if isinstance(hint, str):
        namespace = getattr(target, '__globals__', {})
        hint = eval(hint, namespace, namespace)
    if hint is None:
        hint = type(None)
    return name, hint


def singledispatch(func):
    """Decorator that makes func a generic function: a call runs the
    implementation registered for the class of the first argument (the nearest
    in its MRO), and func itself for anything else. Register more with
    `@f.register` on an annotated function, or `f.register(cls, impl)`.
    """
    import weakref
    import abc

    registry = {}
    dispatch_cache = weakref.WeakKeyDictionary()
    # The ABC cache token when an ABC is registered: registering a virtual
    # subclass anywhere changes it, and the cached choices go stale.
    token = [None]

    def dispatch(cls):
        """The implementation a first argument of class cls would run."""
        if token[0] is not None:
            current = abc.get_cache_token()
            if token[0] != current:
                dispatch_cache.clear()
                token[0] = current
        try:
            return dispatch_cache[cls]
        except KeyError:
            pass
        impl = registry.get(cls)
        if impl is None:
            impl = _find_impl(cls, registry)
        dispatch_cache[cls] = impl
        return impl

    def register(cls, func=None):
        """Register func for cls (a class or a union of classes), or for the
        class its first annotation names; returns func. Without func, returns a
        decorator."""
        if _is_dispatch_type(cls):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError(f"Invalid first argument to `register()`. "
                                f"{cls!r} is not a class or union type.")
            if not _annotations(cls):
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    f"Use either `@register(some_class)` or plain `@register` "
                    f"on an annotated function.")
            func = cls
            argname, cls = _first_hint(func)
            if not _is_dispatch_type(cls):
                if _union_members(cls) is not None:
                    raise TypeError(f"Invalid annotation for {argname!r}. "
                                    f"{cls!r} not all arguments are classes.")
                raise TypeError(f"Invalid annotation for {argname!r}. "
                                f"{cls!r} is not a class.")
        members = _union_members(cls)
        for klass in (cls,) if members is None else members:
            registry[klass] = func
            if token[0] is None and hasattr(klass, '__abstractmethods__'):
                token[0] = abc.get_cache_token()
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least 1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = mappingproxy(registry)
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    """singledispatch() for methods: dispatches on the class of the first
    argument after self (or cls), and binds the chosen implementation as attribute
    lookup would, so classmethods and staticmethods can be registered too.
    """

    def __init__(self, func):
        if not callable(func) and not _is_descriptor(func):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        """Register method for cls, as singledispatch's register() does."""
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        dispatch = self.dispatcher.dispatch

        def _method(*args, **kwargs):
            method = dispatch(args[0].__class__)
            return _bind(method, obj, cls)(*args, **kwargs)

        _method.__isabstractmethod__ = self.__isabstractmethod__
        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, '__isabstractmethod__', False)


# cached_property.

class _NoLock:
    """Stands in for the RLock of CPython's cached_property: apy has no threads."""
    __slots__ = ()

    def __enter__(self):
        return True

    def __exit__(self, *exc_info):
        return None

    def acquire(self, blocking=True, timeout=-1):
        return True

    def release(self):
        pass


_NOT_FOUND = object()


class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__
        self.lock = _NoLock()

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.attrname!r} and {name!r}).")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        name = self.attrname
        if name is None:
            raise TypeError(
                "Cannot use cached_property instance without calling __set_name__ on it.")
        try:
            cache = instance.__dict__
        except AttributeError:
            raise TypeError(
                f"No '__dict__' attribute on {type(instance).__name__!r} "
                f"instance to cache {name!r} property.") from None
        value = cache.get(name, _NOT_FOUND)
        if value is _NOT_FOUND:
            value = self.func(instance)
            try:
                cache[name] = value
            except TypeError:
                raise TypeError(
                    f"The '__dict__' attribute on {type(instance).__name__!r} instance "
                    f"does not support item assignment for caching {name!r} property."
                ) from None
        return value

    __class_getitem__ = classmethod(GenericAlias)


# CPython's C parts live in `_functools`, and say so.
reduce.__module__ = '_functools'
cmp_to_key.__module__ = '_functools'
