"""`collections.abc`: the abstract base classes of containers (as of Python 3.11).

Each class names the methods a container must define and gives the rest as mixin
methods: a class deriving from `Mapping` that defines `__getitem__`, `__iter__` and
`__len__` gets `get`, `keys`, `items`, `__contains__`, `__eq__`, ...

How `isinstance`/`issubclass` decide. The one-method ABCs (`Iterable`, `Sized`,
`Hashable`, `Callable`, ...) have a `__subclasshook__` that accepts any class defining the
methods (and not setting one to None). The built-in types are registered with the ABC
CPython registers them with (`list` with `MutableSequence`, `dict` with `MutableMapping`,
...); `abc.ABCMeta` also asks a class's ABC subclasses, so `list` is a `Sequence` too.
apy's built-in callables (functions, builtin functions, bound methods, staticmethod)
keep `__call__` out of their type's `__dict__`, so they are registered with `Callable`
here; so are `collections.OrderedDict`'s views, which CPython derives from the dict views.

Not provided: `Buffer` (3.12); the iterator-type names of CPython's `_collections_abc`
(`dict_keyiterator`, ...), which `collections.abc` does not export either;
`mappingproxy` is not registered with `Mapping` (apy has no such type).
"""

from abc import ABCMeta, abstractmethod
import sys
from types import GenericAlias

__all__ = ["Awaitable", "Coroutine",
           "AsyncIterable", "AsyncIterator", "AsyncGenerator",
           "Hashable", "Iterable", "Iterator", "Generator", "Reversible",
           "Sized", "Container", "Callable", "Collection",
           "Set", "MutableSet",
           "Mapping", "MutableMapping",
           "MappingView", "KeysView", "ItemsView", "ValuesView",
           "Sequence", "MutableSequence",
           "ByteString",
           ]

_generic = classmethod(GenericAlias)


def _check_methods(C, *methods):
    """True when every method is defined somewhere in C's MRO and the first definition
    is not None; NotImplemented otherwise, so that `issubclass` goes on to the
    registrations."""
    mro = C.__mro__
    for method in methods:
        for B in mro:
            if method in B.__dict__:
                if B.__dict__[method] is None:
                    return NotImplemented
                break
        else:
            return NotImplemented
    return True


# --- the one-trick ponies ------------------------------------------------------------

class Hashable(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __hash__(self):
        return 0

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Hashable:
            return _check_methods(C, "__hash__")
        return NotImplemented


class Awaitable(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __await__(self):
        yield

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Awaitable:
            return _check_methods(C, "__await__")
        return NotImplemented

    __class_getitem__ = _generic


def _raise_from_throw(typ, val, tb):
    """What the abstract `throw` methods do: raise the exception described."""
    if val is None:
        if tb is None:
            raise typ
        val = typ()
    if tb is not None:
        val = val.with_traceback(tb)
    raise val


class Coroutine(Awaitable):
    __slots__ = ()

    @abstractmethod
    def send(self, value):
        """Resume the coroutine with `value`; returns what it yields next."""
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        """Resume the coroutine by raising an exception at its `await`."""
        _raise_from_throw(typ, val, tb)

    def close(self):
        """Stop the coroutine by raising GeneratorExit in it."""
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("coroutine ignored GeneratorExit")

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Coroutine:
            return _check_methods(C, "__await__", "send", "throw", "close")
        return NotImplemented


class AsyncIterable(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AsyncIterable:
            return _check_methods(C, "__aiter__")
        return NotImplemented

    __class_getitem__ = _generic


class AsyncIterator(AsyncIterable):
    __slots__ = ()

    @abstractmethod
    async def __anext__(self):
        """Await the next item; StopAsyncIteration ends the iteration."""
        raise StopAsyncIteration

    def __aiter__(self):
        return self

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AsyncIterator:
            return _check_methods(C, "__anext__", "__aiter__")
        return NotImplemented


class AsyncGenerator(AsyncIterator):
    __slots__ = ()

    async def __anext__(self):
        """`asend(None)`: the next item."""
        return await self.asend(None)

    @abstractmethod
    async def asend(self, value):
        """Resume the generator with `value`; awaits what it yields next."""
        raise StopAsyncIteration

    @abstractmethod
    async def athrow(self, typ, val=None, tb=None):
        """Resume the generator by raising an exception at its `yield`."""
        _raise_from_throw(typ, val, tb)

    async def aclose(self):
        """Stop the generator by raising GeneratorExit in it."""
        try:
            await self.athrow(GeneratorExit)
        except (GeneratorExit, StopAsyncIteration):
            pass
        else:
            raise RuntimeError("asynchronous generator ignored GeneratorExit")

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AsyncGenerator:
            return _check_methods(C, "__aiter__", "__anext__", "asend", "athrow", "aclose")
        return NotImplemented


class Iterable(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __iter__(self):
        while False:
            yield None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Iterable:
            return _check_methods(C, "__iter__")
        return NotImplemented

    __class_getitem__ = _generic


class Iterator(Iterable):
    __slots__ = ()

    @abstractmethod
    def __next__(self):
        """The next item; StopIteration ends the iteration."""
        raise StopIteration

    def __iter__(self):
        return self

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Iterator:
            return _check_methods(C, "__iter__", "__next__")
        return NotImplemented


class Reversible(Iterable):
    __slots__ = ()

    @abstractmethod
    def __reversed__(self):
        while False:
            yield None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Reversible:
            return _check_methods(C, "__reversed__", "__iter__")
        return NotImplemented


class Generator(Iterator):
    __slots__ = ()

    def __next__(self):
        """`send(None)`: the next item."""
        return self.send(None)

    @abstractmethod
    def send(self, value):
        """Resume the generator with `value`; returns what it yields next."""
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        """Resume the generator by raising an exception at its `yield`."""
        _raise_from_throw(typ, val, tb)

    def close(self):
        """Stop the generator by raising GeneratorExit in it."""
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("generator ignored GeneratorExit")

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Generator:
            return _check_methods(C, "__iter__", "__next__", "send", "throw", "close")
        return NotImplemented


class Sized(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __len__(self):
        return 0

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return _check_methods(C, "__len__")
        return NotImplemented


class Container(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __contains__(self, x):
        return False

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Container:
            return _check_methods(C, "__contains__")
        return NotImplemented

    __class_getitem__ = _generic


class Collection(Sized, Iterable, Container):
    __slots__ = ()

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Collection:
            return _check_methods(C, "__len__", "__iter__", "__contains__")
        return NotImplemented


# --- Callable and its subscriptions --------------------------------------------------

def _is_param_expr(obj):
    """Whether `obj` may stand for a whole parameter list: `...`, a `typing.ParamSpec`
    or a `typing.Concatenate[...]` (recognised by name: `typing` is not imported)."""
    if obj is Ellipsis:
        return True
    cls = type(obj)
    return cls.__module__ == "typing" and cls.__name__ in ("ParamSpec", "_ConcatenateGenericAlias")


def _type_repr(obj):
    """How an argument of `Callable[...]` prints (as `typing` prints it)."""
    if isinstance(obj, type) and not isinstance(obj, GenericAlias):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is Ellipsis:
        return "..."
    if type(obj).__name__ == "function":
        return obj.__name__
    return repr(obj)


def _flatten_callable_args(args):
    """`([int, str], float)` -> `(int, str, float)`; `(..., float)` stays."""
    if not (isinstance(args, tuple) and len(args) == 2):
        raise TypeError("Callable must be used as Callable[[arg, ...], result].")
    t_args, t_result = args
    if isinstance(t_args, (tuple, list)):
        return (*t_args, t_result)
    if not _is_param_expr(t_args):
        raise TypeError(f"Expected a list of types, an ellipsis, "
                        f"ParamSpec, or Concatenate. Got {t_args}")
    return args


class _CallableGenericAlias(GenericAlias):
    """`Callable[[int, str], float]`: its arguments are flattened to `(int, str, float)`
    and it prints with the argument list in brackets."""

    __slots__ = ()

    def __new__(cls, origin, args):
        return super().__new__(cls, origin, _flatten_callable_args(args))

    # apy's GenericAlias stores its origin and arguments in __init__ (CPython's has no
    # __init__ of its own), so it must be given the flattened ones there too.
    if GenericAlias.__init__ is not object.__init__:
        def __init__(self, origin, args):
            super().__init__(origin, _flatten_callable_args(args))

    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and _is_param_expr(args[0]):
            return super().__repr__()
        params = ", ".join([_type_repr(a) for a in args[:-1]])
        return f"collections.abc.Callable[[{params}], {_type_repr(args[-1])}]"

    def __reduce__(self):
        args = self.__args__
        if not (len(args) == 2 and _is_param_expr(args[0])):
            args = list(args[:-1]), args[-1]
        return _CallableGenericAlias, (Callable, args)

    def __getitem__(self, item):
        # Substitute type variables as GenericAlias does, then rebuild the bracketed
        # form from the flat result.
        new = super().__getitem__(item)
        args = new.__args__
        t_result = args[-1]
        t_args = args[:-1]
        if not (len(t_args) == 1 and _is_param_expr(t_args[0])):
            t_args = list(t_args)
        else:
            t_args = t_args[0]
        return _CallableGenericAlias(Callable, (t_args, t_result))


class Callable(metaclass=ABCMeta):
    __slots__ = ()

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Callable:
            return _check_methods(C, "__call__")
        return NotImplemented

    __class_getitem__ = classmethod(_CallableGenericAlias)


# --- sets ----------------------------------------------------------------------------

class Set(Collection):
    """A finite container with the set operations, all built on `__contains__`,
    `__iter__` and `__len__`."""

    __slots__ = ()

    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    __hash__ = None

    @classmethod
    def _from_iterable(cls, it):
        """The result of a set operation, made from an iterable (override it when
        the constructor takes something else)."""
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        """Whether no element of `other` is in the set."""
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(e for s in (self, other) for e in s)

    __ror__ = __or__

    def __sub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in self if value not in other)

    def __rsub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in other if value not in self)

    def __xor__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def _hash(self):
        """A hash of the elements, independent of their order: a hashable Set
        subclass may use it as its `__hash__` (Set does not, since not all sets are
        hashable)."""
        # Order-independent: each element's hash is spread out and xor-ed in, then the
        # total is mixed once more; all arithmetic wraps at the machine word.
        top = sys.maxsize
        mask = 2 * top + 1
        h = (1927868237 * (len(self) + 1)) & mask
        for x in self:
            hx = hash(x)
            h = (h ^ ((hx ^ (hx << 16) ^ 89869747) * 3644798167)) & mask
        h ^= (h >> 11) ^ (h >> 25)
        h = (h * 69069 + 907133923) & mask
        if h > top:
            h -= mask + 1
        if h == -1:
            h = 590923713
        return h


class MutableSet(Set):
    """A Set that can change: `add` and `discard` give the in-place operations."""

    __slots__ = ()

    @abstractmethod
    def add(self, value):
        """Add `value` to the set."""
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        """Remove `value` if present."""
        raise NotImplementedError

    def remove(self, value):
        """Remove `value`; KeyError if absent."""
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        """Remove and return some element; KeyError if empty."""
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        """Remove every element, one `pop` at a time."""
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in (self - it):
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
        else:
            if not isinstance(it, Set):
                it = self._from_iterable(it)
            for value in it:
                if value in self:
                    self.discard(value)
                else:
                    self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


# --- mappings ------------------------------------------------------------------------

class Mapping(Collection):
    """A read-only mapping: `__getitem__`, `__iter__` and `__len__` give the rest."""

    __slots__ = ()

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        """The value of `key`, or `default` if absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        else:
            return True

    def keys(self):
        """A set-like view of the keys."""
        return KeysView(self)

    def items(self):
        """A set-like view of the (key, value) pairs."""
        return ItemsView(self)

    def values(self):
        """A view of the values."""
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None

    # A mapping's order is not something it promises, so it is not Reversible.
    __reversed__ = None


class MappingView(Sized):
    __slots__ = ("_mapping",)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._mapping!r})"

    __class_getitem__ = _generic


class KeysView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        else:
            return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView, Collection):
    __slots__ = ()

    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


class MutableMapping(Mapping):
    """A Mapping that can change: `__setitem__` and `__delitem__` give the rest."""

    __slots__ = ()

    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    # Marks "no default given" to pop (None is a valid default).
    _MutableMapping__marker = object()

    def pop(self, key, default=_MutableMapping__marker):
        """Remove `key` and return its value; `default` (or KeyError) if absent."""
        try:
            value = self[key]
        except KeyError:
            if default is self._MutableMapping__marker:
                raise
            return default
        else:
            del self[key]
            return value

    def popitem(self):
        """Remove and return some (key, value) pair; KeyError if empty."""
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        """Remove every item."""
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), /, **kwds):
        """Store the items of a mapping (or of anything with `keys()`), or the
        pairs of an iterable, then the keyword arguments."""
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        """The value of `key`; if absent, store `default` first."""
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


# --- sequences -----------------------------------------------------------------------

class Sequence(Reversible, Collection):
    """A read-only sequence: `__getitem__` and `__len__` give the rest."""

    __slots__ = ()

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        """The first index of `value` in `[start:stop]`; ValueError if absent."""
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        """How many items equal `value`."""
        return sum(1 for v in self if v is value or v == value)


class ByteString(Sequence):
    """The sequences of bytes: `bytes` and `bytearray`."""

    __slots__ = ()


class MutableSequence(Sequence):
    """A Sequence that can change: `__setitem__`, `__delitem__` and `insert` give
    the rest."""

    __slots__ = ()

    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        """Insert `value` before position `index`."""
        raise IndexError

    def append(self, value):
        """Add `value` at the end."""
        self.insert(len(self), value)

    def clear(self):
        """Remove every item."""
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        """Reverse the items in place."""
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        """Append each item of `values`."""
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        """Remove and return the item at `index` (the last by default)."""
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        """Remove the first item equal to `value`; ValueError if none."""
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


# --- the built-in types' registrations -----------------------------------------------

def _register_builtins():
    def gen():
        yield

    async def coro():
        pass

    async def agen():
        yield

    c = coro()
    coroutine = type(c)
    c.close()
    Coroutine.register(coroutine)
    AsyncGenerator.register(type(agen()))
    Generator.register(type(gen()))

    Set.register(frozenset)
    MutableSet.register(set)
    KeysView.register(type({}.keys()))
    ItemsView.register(type({}.items()))
    ValuesView.register(type({}.values()))
    MutableMapping.register(dict)

    Sequence.register(tuple)
    Sequence.register(str)
    Sequence.register(range)
    Sequence.register(memoryview)
    ByteString.register(bytes)
    ByteString.register(bytearray)
    MutableSequence.register(list)
    MutableSequence.register(bytearray)

    # apy-only: callables whose type does not list `__call__`.
    class _C:
        def method(self):
            pass

    for kind in (type(gen), type(len), type(_C().method), staticmethod):
        if "__call__" not in kind.__dict__:
            Callable.register(kind)

    # What `collections` registers in CPython (its OrderedDict views derive from the
    # dict views there); `collections` does not import this module itself.
    collections = sys.modules.get("collections")
    if collections is not None and hasattr(collections, "deque"):
        MutableSequence.register(collections.deque)
    if collections is not None and hasattr(collections, "_OrderedDictKeysView"):
        KeysView.register(collections._OrderedDictKeysView)
        ItemsView.register(collections._OrderedDictItemsView)
        ValuesView.register(collections._OrderedDictValuesView)


_register_builtins()
del _register_builtins
