"""Weak references: the containers and finalizers built on `_weakref.ref`.

A weak reference does not keep its referent alive; a reference made with a callback
calls it (with the reference) once the referent dies. The dictionaries and the set below
keep references with callbacks that remove their entry, so a dead object's entry goes
as soon as the object does.
"""

from _weakref import ref, ReferenceType, getweakrefcount, getweakrefs
import itertools as _itertools
import atexit as _atexit

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "WeakValueDictionary", "WeakSet",
           "WeakMethod", "finalize"]


def _referent(p):
    o = object.__getattribute__(p, "_apy_proxy_ref")()
    if o is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return o


class ProxyType:
    """What `proxy(obj)` returns: stands for `obj` without keeping it alive; using it
    once `obj` is gone raises ReferenceError."""

    __slots__ = ("_apy_proxy_ref", "__weakref__")

    def __init__(self, obj, callback=None):
        holder = self
        on_death = None if callback is None else (lambda _wr: callback(holder))
        object.__setattr__(self, "_apy_proxy_ref", ref(obj, on_death))

    def __getattr__(self, name):
        return getattr(_referent(self), name)

    def __setattr__(self, name, value):
        setattr(_referent(self), name, value)

    def __delattr__(self, name):
        delattr(_referent(self), name)

    def __call__(self, *args, **kwargs):
        return _referent(self)(*args, **kwargs)

    def __repr__(self):
        o = object.__getattribute__(self, "_apy_proxy_ref")()
        if o is None:
            return "<weakproxy at %#x; dead>" % id(self)
        return "<weakproxy at %#x to %s at %#x>" % (id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(_referent(self))

    def __bool__(self):
        return bool(_referent(self))

    def __len__(self):
        return len(_referent(self))

    def __iter__(self):
        return iter(_referent(self))

    def __contains__(self, item):
        return item in _referent(self)

    def __getitem__(self, key):
        return _referent(self)[key]

    def __setitem__(self, key, value):
        _referent(self)[key] = value

    def __delitem__(self, key):
        del _referent(self)[key]

    def __eq__(self, other):
        return _referent(self) == other

    def __ne__(self, other):
        return _referent(self) != other

    def __lt__(self, other):
        return _referent(self) < other

    def __le__(self, other):
        return _referent(self) <= other

    def __gt__(self, other):
        return _referent(self) > other

    def __ge__(self, other):
        return _referent(self) >= other

    def __add__(self, other):
        return _referent(self) + other

    def __sub__(self, other):
        return _referent(self) - other

    def __mul__(self, other):
        return _referent(self) * other

    __hash__ = None


CallableProxyType = ProxyType


def proxy(obj, callback=None, /):
    """`proxy(object[, callback])`: a proxy to `object` that holds it weakly."""
    return ProxyType(obj, callback)


class WeakMethod:
    """A weak reference to a bound method: it dies when either the object or the
    function does (a plain `ref(obj.method)` dies at once, the bound method being a
    temporary)."""

    __slots__ = ("_self_ref", "_func_ref", "_meth_type", "_alive", "__weakref__")

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None
        holder = self

        def _died(_arg):
            if holder._alive:
                holder._alive = False
                if callback is not None:
                    callback(holder)

        self._self_ref = ref(obj, _died)
        self._func_ref = ref(func, _died)
        self._meth_type = type(meth)
        self._alive = True

    def __call__(self):
        obj = self._self_ref()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return self._self_ref == other._self_ref and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash((self._self_ref, self._func_ref))

    def __repr__(self):
        if self() is None:
            return "<weakref at %#x; dead>" % id(self)
        return "<weakref at %#x; to %r>" % (id(self), self())


class _WeakMapping:
    """What the two weak dictionaries share; `data` holds the entries."""

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def clear(self):
        self.data.clear()

    def copy(self):
        new = type(self)()
        for k, v in self.items():
            new[k] = v
        return new

    __copy__ = copy

    def update(self, other=None, /, **kwargs):
        if other is not None:
            if hasattr(other, "keys"):
                for k in other.keys():
                    self[k] = other[k]
            else:
                for k, v in other:
                    self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def __or__(self, other):
        if hasattr(other, "keys"):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ior__(self, other):
        self.update(other)
        return self


class WeakValueDictionary(_WeakMapping):
    """A mapping whose values are held weakly: an entry goes when its value dies."""

    def __init__(self, other=(), /, **kwargs):
        self.data = {}
        this = ref(self)

        def remove(wr, key=None):
            d = this()
            if d is not None:
                k = wr.key
                if d.data.get(k) is wr:
                    del d.data[k]

        self._remove = remove
        self.update(other, **kwargs)

    def _ref(self, key, value):
        wr = _KeyedRef(value, self._remove, key)
        return wr

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = self._ref(key, value)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return sum(1 for wr in list(self.data.values()) if wr() is not None)

    def __iter__(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    def keys(self):
        return list(iter(self))

    def values(self):
        out = []
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                out.append(o)
        return out

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def itervaluerefs(self):
        return iter(list(self.data.values()))

    def valuerefs(self):
        return list(self.data.values())

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *default):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o



class _KeyedRef:
    """A value reference that remembers its key (for the removal callback)."""

    __slots__ = ("_ref", "key")

    def __init__(self, obj, callback, key):
        holder = self
        self._ref = ref(obj, lambda _wr: callback(holder))
        self.key = key

    def __call__(self):
        return self._ref()


class WeakKeyDictionary(_WeakMapping):
    """A mapping whose keys are held weakly: an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        this = ref(self)

        def remove(k):
            d = this()
            if d is not None:
                d.data.pop(k, None)

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def keys(self):
        return list(iter(self))

    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]

    def items(self):
        out = []
        for wr, v in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((o, v))
        return out

    def keyrefs(self):
        return list(self.data)

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def popitem(self):
        while True:
            wr, v = self.data.popitem()
            o = wr()
            if o is not None:
                return o, v

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)



class WeakSet:
    """A set whose elements are held weakly: an element goes when it dies."""

    def __init__(self, data=None):
        self.data = set()
        this = ref(self)

        def remove(item):
            s = this()
            if s is not None:
                s.data.discard(item)

        self._remove = remove
        if data is not None:
            self.update(data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        while True:
            try:
                wr = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            o = wr()
            if o is not None:
                return o

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def update(self, other):
        for o in other:
            self.add(o)

    def __ior__(self, other):
        self.update(other)
        return self

    def union(self, other):
        new = self.copy()
        new.update(other)
        return new

    __or__ = union

    def difference(self, other):
        other = list(other)
        return type(self)(o for o in self if o not in other)

    __sub__ = difference

    def intersection(self, other):
        other = list(other)
        return type(self)(o for o in self if o in other)

    __and__ = intersection

    def issubset(self, other):
        return all(o in other for o in self)

    __le__ = issubset

    def issuperset(self, other):
        return all(o in self for o in other)

    __ge__ = issuperset

    def __eq__(self, other):
        if not isinstance(other, WeakSet):
            return NotImplemented
        return set(self) == set(other)

    def isdisjoint(self, other):
        return not any(o in self for o in other)


class finalize:
    """`finalize(obj, func, /, *args, **kwargs)`: calls `func(*args, **kwargs)` once,
    when `obj` dies, when the finalizer is called, or at exit (if `atexit` is true and it
    is still alive then), whichever comes first."""

    __slots__ = ()
    _registry = {}
    _counter = _itertools.count()
    _exit_registered = False
    _shutting_down = False

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._exit_registered:
            _atexit.register(finalize._run_at_exit)
            finalize._exit_registered = True
        info = finalize._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = next(finalize._counter)
        finalize._registry[self] = info

    def __call__(self, _=None):
        info = finalize._registry.pop(self, None)
        if info is not None and not finalize._shutting_down:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and finalize._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in finalize._registry

    @property
    def atexit(self):
        info = finalize._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = finalize._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))

    @staticmethod
    def _run_at_exit():
        pending = sorted(
            (info.index, f) for f, info in finalize._registry.items() if info.atexit)
        for _, f in reversed(pending):
            f()
        finalize._registry.clear()
        finalize._shutting_down = True
