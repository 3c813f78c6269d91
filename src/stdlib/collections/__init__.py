"""`collections`: container datatypes.

`deque` is apy's native `_collections.deque`. `namedtuple`, `defaultdict`, `Counter` and
`OrderedDict` are written here in Python; `ChainMap`, `UserDict`, `UserList` and
`UserString` live in `_collections_user` and are loaded the first time one is asked for
(they derive from the `collections.abc` classes, which this module does not need to import
otherwise), as is the `collections.abc` submodule itself.

`OrderedDict` is a `dict` subclass that keeps its order in the dict itself (apy's dicts,
like CPython's, remember insertion order): `move_to_end` re-inserts the key, and the
operations that read the order (`dict(od)`, `json`, `**od`) see the right one with no
separate linked list to keep in step.

Not provided: `OrderedDict.move_to_end(key, last=False)` costs O(n) (the dict is
rebuilt); `move_to_end(key)` stores the key object passed in, not
the equal one already stored; the OrderedDict views have no `.mapping` while apy has no
`types.MappingProxyType`; `defaultdict` instances have a `__dict__` (apy cannot give a
`dict` subclass `__slots__`), and so do namedtuple instances (apy gives a tuple subclass
one despite `__slots__ = ()`); error messages name `OrderedDict`, `defaultdict` and
`_tuplegetter` without the `collections.` prefix CPython's C types carry
(`unhashable type: 'collections.OrderedDict'`). `Counter` defines `__radd__`, `__rsub__`,
`__ror__` and `__rand__` (CPython's does not) to work around apy's operator dispatch;
they give CPython's results.
"""

import sys as _sys
from _collections import deque

__all__ = [
    "ChainMap",
    "Counter",
    "OrderedDict",
    "UserDict",
    "UserList",
    "UserString",
    "defaultdict",
    "deque",
    "namedtuple",
]

# Names whose definitions are loaded on first use (see the module docstring).
_LAZY = frozenset(("ChainMap", "UserDict", "UserList", "UserString"))


def __getattr__(name):
    if name in _LAZY:
        import _collections_user

        value = getattr(_collections_user, name)
        globals()[name] = value
        return value
    if name == "abc":
        import collections.abc

        return collections.abc
    raise AttributeError(f"module 'collections' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | _LAZY)


def _generic_alias(cls, params):
    from types import GenericAlias

    return GenericAlias(cls, params)


_class_getitem = classmethod(_generic_alias)


class _Missing:
    """Marks an argument that was not given (None is a valid default)."""

    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()

# Objects whose repr is being computed, by id: a container that holds itself prints
# `...` for the inner occurrence, as CPython's C reprs do.
_repr_running = set()


# --- namedtuple ----------------------------------------------------------------------

_KEYWORDS = frozenset((
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield",
))


# The read-only accessor of one field. Each has its own docstring, so the docstring is
# an instance attribute; the class has no __slots__ because apy skips `__get__` on the
# instances of a class that has them.
class _tuplegetter:
    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, instance):
        raise AttributeError("can't delete attribute")

    def __reduce__(self):
        return (type(self), (self._index, self.__doc__))

    def __repr__(self):
        return f"_tuplegetter({self._index}, {self.__doc__!r})"


# CPython's is written in C, in `_collections`.
_tuplegetter.__module__ = "_collections"


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new tuple subclass called `typename` whose items can also be read as the
    attributes named by `field_names` (a list, or one string of names separated by
    spaces or commas)."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = _sys.intern(str(typename))

    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS or name.startswith("_")
                    or name in seen):
                field_names[index] = f"_{index}"
            seen.add(name)

    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")

    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(field_names[len(field_names) - len(defaults):], defaults))

    field_names = tuple(map(_sys.intern, field_names))
    num_fields = len(field_names)
    arg_list = ", ".join(field_names)
    if num_fields == 1:
        arg_list += ","

    # A real `def` with the fields as parameters, so that a wrong call fails with
    # exactly CPython's message (`Point.__new__() missing 1 required positional
    # argument: 'y'`).
    namespace = {"_tuple_new": tuple.__new__, "__builtins__": {},
                 "__name__": f"namedtuple_{typename}"}
    exec(f"def __new__(_cls, {arg_list}): return _tuple_new(_cls, ({arg_list}))", namespace)
    __new__ = namespace["__new__"]
    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    if defaults is not None:
        __new__.__defaults__ = defaults

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    _make.__doc__ = f"Make a new {typename} object from a sequence or iterable"

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value) for name, value in zip(field_names, self)])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = (f"Return a new {typename} object replacing specified fields "
                        "with new values")

    def __repr__(self):
        return self.__class__.__name__ + "(" + ", ".join(
            [f"{name}={value!r}" for name, value in zip(field_names, self)]) + ")"

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    # The docstrings CPython gives these methods, set by hand: apy's frozen modules keep
    # no docstrings of their own.
    __repr__.__doc__ = "Return a nicely formatted representation string"
    _asdict.__doc__ = "Return a new dict which maps field names to their values."
    __getnewargs__.__doc__ = "Return self as a plain tuple.  Used by copy and pickle."

    for method in (__new__, _make, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"

    class_namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = _tuplegetter(index, f"Alias for field number {index}")

    result = type(typename, (tuple,), class_namespace)

    # Pickling finds the class by module and name: the caller's module unless given.
    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass
    if module is not None:
        result.__module__ = module
    return result


# --- defaultdict ---------------------------------------------------------------------

class defaultdict(dict):
    """A dict that makes the value of a missing key by calling `default_factory`
    (with no arguments) and storing the result; only `d[key]` does this, not `get` or
    `in`. The other arguments are those of `dict`."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        if len(args) > 1:
            raise TypeError(f"dict expected at most 1 argument, got {len(args)}")
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        self[key] = value
        return value

    def __repr__(self):
        factory = self.default_factory
        if factory is None:
            factory_repr = "None"
        elif id(factory) in _repr_running:
            factory_repr = "..."
        else:
            _repr_running.add(id(factory))
            try:
                factory_repr = repr(factory)
            finally:
                _repr_running.discard(id(factory))
        return f"{type(self).__name__}({factory_repr}, {dict.__repr__(self)})"

    def copy(self):
        """A shallow copy with the same default_factory."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        args = () if self.default_factory is None else (self.default_factory,)
        return (type(self), args, None, None, iter(list(dict.items(self))))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    __class_getitem__ = _class_getitem


# --- Counter -------------------------------------------------------------------------

def _is_mapping(obj):
    """Whether `obj` counts as a mapping for `Counter.update`: a dict, or (asked of
    `collections.abc` only for objects that have `keys`) a registered Mapping."""
    if isinstance(obj, dict):
        return True
    if not hasattr(obj, "keys"):
        return False
    from collections.abc import Mapping

    return isinstance(obj, Mapping)


def _count_elements(mapping, iterable):
    """Tally the elements of `iterable` into `mapping`."""
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1


def _dict_eq(a, b):
    """`dict.__eq__(a, b)`: the two as dicts, whatever their classes."""
    result = dict.__eq__(a, b)
    if result is NotImplemented and isinstance(b, dict):
        # apy's dict.__eq__ declines an instance of a dict subclass as its argument.
        if len(a) != len(b):
            return False
        get = dict.get
        missing = _MISSING
        for key, value in dict.items(a):
            other = get(b, key, missing)
            if other is missing or not (other is value or other == value):
                return False
        return True
    return result


def _plain_dict_eq(self, other):
    """`self == other` for a mapping class whose __eq__ declines `other`: CPython then
    asks `other`, and a plain dict answers as dicts compare. apy does not ask a dict
    about a dict subclass, so that answer is given here."""
    if isinstance(other, dict) and type(other).__eq__ is dict.__eq__:
        return _dict_eq(self, other)
    return NotImplemented


class Counter(dict):
    """A dict mapping elements to their counts (a multiset); a missing element
    counts 0. Built from an iterable of elements or from a mapping of counts."""

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        # A missing element has a count of zero (and is not added).
        return 0

    def total(self):
        """The sum of all counts."""
        return sum(self.values())

    def most_common(self, n=None):
        """The (element, count) pairs from the largest count down (ties in first-seen
        order); only the first n when n is given."""
        # sorted() is stable, so equal counts keep their first-seen order.
        ranked = sorted(self.items(), key=_second, reverse=True)
        if n is None:
            return ranked
        if n <= 0:
            return []
        return ranked[:n]

    def elements(self):
        """Each element repeated as many times as its count (none for counts below
        one), in first-seen order."""
        from itertools import chain, repeat, starmap

        return chain.from_iterable(starmap(repeat, self.items()))

    @classmethod
    def fromkeys(cls, iterable, v=None):
        # Every key would get the same count, which is not what a Counter is for.
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        """Add counts: from a mapping of counts, or one per element of an iterable."""
        if iterable is not None:
            if _is_mapping(iterable):
                if self:
                    get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + get(elem, 0)
                else:
                    # Nothing to add to: take the counts as they are.
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Subtract counts (they may go to zero or below); the arguments are those of
        update()."""
        if iterable is not None:
            get = self.get
            if _is_mapping(iterable):
                for elem, count in iterable.items():
                    self[elem] = get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        """A shallow copy, of the same class."""
        return self.__class__(self)

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, elem):
        """Delete an element; a missing one is no error (it already counts 0)."""
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        try:
            # dict() keeps most_common()'s order.
            d = dict(self.most_common())
        except TypeError:
            # The counts cannot be ordered: show them as stored.
            d = dict(self)
        return f"{self.__class__.__name__}({d!r})"

    # Rich comparisons treat missing elements as having zero counts.

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return _plain_dict_eq(self, other)
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            result = _plain_dict_eq(self, other)
            return result if result is NotImplemented else not result
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    __hash__ = None

    # Multiset arithmetic: results are plain Counters holding positive counts only.

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    # apy hands a dict subclass to an operator as its plain dict value unless the class
    # defines the reflected method, so these decline explicitly: `c1 + c2` then reaches
    # `__add__` with `c2` itself. (The answer is the one CPython gives without them.)
    def __radd__(self, other):
        return NotImplemented

    def __rsub__(self, other):
        return NotImplemented

    def __ror__(self, other):
        # What dict's own `|` gives (apy does not fall back to it once this declines).
        if isinstance(other, dict):
            new = dict(other)
            new.update(self)
            return new
        return NotImplemented

    def __rand__(self, other):
        return NotImplemented

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        """Drop the elements whose count is not positive; returns self."""
        for elem in [elem for elem, count in self.items() if not count > 0]:
            del self[elem]
        return self

    # The in-place forms change self and, like CPython's, take any object with items().

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in list(self.items()):
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()

    __class_getitem__ = _class_getitem


def _second(pair):
    return pair[1]


# --- OrderedDict ---------------------------------------------------------------------

# The views of an OrderedDict: they print as `odict_keys([...])` and otherwise behave as
# the dict's own views (the dict's order is the OrderedDict's order).

class _OrderedDictView:
    __slots__ = ("_mapping", "_view")

    def __init__(self, mapping, view):
        self._mapping = mapping
        self._view = view

    def __len__(self):
        return len(self._view)

    def __iter__(self):
        return iter(self._view)

    def __reversed__(self):
        return reversed(self._view)

    def __contains__(self, item):
        return item in self._view

    def __repr__(self):
        return f"{type(self).__name__}({list(self._view)!r})"

    @property
    def mapping(self):
        import types

        # apy may have no mappingproxy type: then the views have no `mapping`.
        proxy = getattr(types, "MappingProxyType", None)
        if proxy is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'mapping'")
        return proxy(self._mapping)


def _view_of(obj):
    return obj._view if isinstance(obj, _OrderedDictView) else obj


class _OrderedDictSetView(_OrderedDictView):
    """The set operations of keys and items views, done by the dict's own view."""

    __slots__ = ()

    def isdisjoint(self, other):
        return self._view.isdisjoint(_view_of(other))

    def __and__(self, other):
        return self._view & _view_of(other)

    def __rand__(self, other):
        return _view_of(other) & self._view

    def __or__(self, other):
        return self._view | _view_of(other)

    def __ror__(self, other):
        return _view_of(other) | self._view

    def __sub__(self, other):
        return self._view - _view_of(other)

    def __rsub__(self, other):
        return _view_of(other) - self._view

    def __xor__(self, other):
        return self._view ^ _view_of(other)

    def __rxor__(self, other):
        return _view_of(other) ^ self._view

    # Compared with anything but a set or a dict view they decline, so that the
    # error names this type.

    def __eq__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view == _view_of(other)

    def __ne__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view != _view_of(other)

    def __lt__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view < _view_of(other)

    def __le__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view <= _view_of(other)

    def __gt__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view > _view_of(other)

    def __ge__(self, other):
        if not isinstance(other, _SET_LIKE):
            return NotImplemented
        return self._view >= _view_of(other)

    __hash__ = None


_SET_LIKE = (set, frozenset, type({}.keys()), type({}.items()), _OrderedDictSetView)


class odict_keys(_OrderedDictSetView):
    __slots__ = ()


class odict_items(_OrderedDictSetView):
    __slots__ = ()


class odict_values(_OrderedDictView):
    __slots__ = ()


for _cls in (odict_keys, odict_items, odict_values):
    _cls.__module__ = "builtins"
_OrderedDictKeysView, _OrderedDictItemsView, _OrderedDictValuesView = (
    odict_keys, odict_items, odict_values)
del odict_keys, odict_items, odict_values, _cls


def _add_pairs(target, pairs):
    """Stores each (key, value) pair of `pairs` in `target`, with CPython's errors for a
    pair that is not one."""
    for pair in pairs:
        it = iter(pair)
        try:
            key = next(it)
            value = next(it)
        except StopIteration:
            raise ValueError("need more than 1 value to unpack") from None
        for _ in it:
            raise ValueError("too many values to unpack (expected 2)")
        target[key] = value


def _mutable_update(target, other, kwds):
    """`MutableMapping.update`: every item goes through `target[key] = value`, so a
    subclass's `__setitem__` sees it."""
    if type(other) is dict:
        for key, value in other.items():
            target[key] = value
    elif hasattr(other, "keys"):
        for key in other.keys():
            target[key] = other[key]
    elif hasattr(other, "items"):
        _add_pairs(target, other.items())
    else:
        _add_pairs(target, other)
    for key, value in kwds.items():
        target[key] = value


class OrderedDict(dict):
    """A dict whose order can be rearranged (move_to_end, popitem(last=False)) and
    whose equality with another OrderedDict also compares the order."""

    def __init__(self, /, *args, **kwds):
        if len(args) > 1:
            raise TypeError(f"expected at most 1 arguments, got {len(args)}")
        _mutable_update(self, args[0] if args else (), kwds)

    def update(self, /, *args, **kwds):
        """Store the items of a mapping (or of anything with `keys()`), or the pairs of
        an iterable, then the keyword arguments; each through `self[key] = value`."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        _mutable_update(self, args[0] if args else (), kwds)

    def popitem(self, last=True):
        """Remove and return the last (key, value) pair, or the first when `last` is
        false; KeyError if empty."""
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return dict.popitem(self)
        key = next(iter(self))
        return key, dict.pop(self, key)

    def move_to_end(self, key, last=True):
        """Move `key` to the end, or to the front when `last` is false; KeyError if
        absent."""
        if last:
            value = dict.pop(self, key)
            dict.__setitem__(self, key, value)
            return
        if not dict.__contains__(self, key):
            raise KeyError(key)
        # To the front: rebuild the dict with the key first (keeping the stored key).
        items = list(dict.items(self))
        dict.clear(self)
        rest = []
        for item in items:
            if item[0] is key or item[0] == key:
                dict.__setitem__(self, item[0], item[1])
            else:
                rest.append(item)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def pop(self, key, default=_MISSING):
        """Remove `key` and return its value; `default` (or KeyError) if absent."""
        if default is _MISSING:
            return dict.pop(self, key)
        return dict.pop(self, key, default)

    def setdefault(self, key, default=None):
        """The value of `key`; if absent, store `default` first."""
        if key in self:
            return self[key]
        self[key] = default
        return default

    def keys(self):
        """A set-like view of the keys, in order."""
        return _OrderedDictKeysView(self, dict.keys(self))

    def items(self):
        """A set-like view of the (key, value) pairs, in order."""
        return _OrderedDictItemsView(self, dict.items(self))

    def values(self):
        """A view of the values, in order."""
        return _OrderedDictValuesView(self, dict.values(self))

    def copy(self):
        """A shallow copy, of the same class."""
        return self.__class__(self)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        """A new instance with the keys of `iterable`, each mapped to `value`."""
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        if id(self) in _repr_running:
            return "..."
        _repr_running.add(id(self))
        try:
            return f"{self.__class__.__name__}({list(self.items())!r})"
        finally:
            _repr_running.discard(id(self))

    def __reduce__(self):
        state = getattr(self, "__dict__", None) or None
        if state is not None:
            state = dict(state)
        return self.__class__, (), state, None, iter(list(self.items()))

    # Between two OrderedDicts equality also asks for the same order; against any other
    # mapping it is the dict's.

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            if not _dict_eq(self, other):
                return False
            for a, b in zip(self, other):
                if not (a is b or a == b):
                    return False
            return True
        return _dict_eq(self, other)

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    __hash__ = None

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self

    __class_getitem__ = _class_getitem
