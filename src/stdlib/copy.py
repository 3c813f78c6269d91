"""`copy`: generic shallow and deep copy operations.

`copy(x)` and `deepcopy(x)` follow CPython's lookup order exactly: a per-type table for
built-in types, then `__copy__` / `__deepcopy__`, then the pickle protocol
(`__reduce_ex__(4)`, else `__reduce__`), whose result is rebuilt by `_reconstruct`.
`deepcopy` keeps a memo keyed by `id()` so shared and cyclic structures are copied
once, and keeps the originals alive in `memo[id(memo)]` as CPython does.

apy's `object` has no `__reduce_ex__`, `__reduce__` or `__getstate__` yet, so when an
object has none of them this module computes what CPython's `object.__reduce_ex__(4)`
would return: `(__newobj__, (cls, *getnewargs), state, listitems, dictitems)`, with the
state made of the instance `__dict__` and the `__slots__` values (slot names are cached
in `cls.__slotnames__`, as copyreg does). The few built-in types whose CPython
reduction is their own (set, frozenset, slice, bytearray, deque, exceptions) are given
theirs here, and other built-in instances fail with CPython's
`TypeError: cannot pickle 'X' object`.

`copy.dispatch_table` is `copyreg.dispatch_table` when a `copyreg` module exists,
else an empty table that works the same way.

Not provided: nothing of the public API (apy has no `copyreg` module, so
`copyreg.pickle()` registrations and `copyreg.__newobj__` are not available).
"""

import sys as _sys
import types as _types
from _weakref import ref as _weakref_ref

__all__ = ["Error", "copy", "deepcopy"]


# Raised for an object that offers no way to be copied. (No docstring: CPython's
# Error.__doc__ is None.)
class Error(Exception):
    pass


error = Error   # the old name, still exported by CPython

_MISSING = object()


# ---------------------------------------------------------------- shallow copies

def copy(x):
    """A new object of the same type as `x` sharing its contents (immutable
    values, types and functions are returned as they are)."""
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier is not None:
        return copier(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls, "shallow")
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def _copy_immutable(x):
    return x


# Exact types only (a subclass of tuple is copied through the pickle protocol). The
# tables keep CPython's names: some programs register their own types in them.
_copy_dispatch = {
    cls: _copy_immutable
    for cls in (type(None), int, float, bool, str, tuple, bytes, frozenset, type,
                range, slice, property, _types.BuiltinFunctionType, type(Ellipsis),
                type(NotImplemented), _types.FunctionType, _weakref_ref)
}
for _cls in (list, dict, set, bytearray):
    _copy_dispatch[_cls] = _cls.copy
try:
    _copy_dispatch[complex] = _copy_immutable
except NameError:   # apy has no complex numbers yet
    pass
del _cls

try:
    from copyreg import dispatch_table
except ImportError:   # apy has no copyreg yet: an empty table of the same use
    dispatch_table = {}


# ------------------------------------------------------------------- deep copies

def deepcopy(x, memo=None, _nil=[]):
    """A copy of `x` and, recursively, of everything it contains. `memo` maps the
    id() of each object already copied to its copy, so that shared objects stay
    shared and cycles end."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls, "deep")
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    # Identity results are not memoised, exactly as in CPython.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo, deepcopy=deepcopy):
    y = []
    memo[id(x)] = y   # before the items, so a list containing itself works
    append = y.append
    for item in x:
        append(deepcopy(item, memo))
    return y


def _deepcopy_tuple(x, memo, deepcopy=deepcopy):
    y = [deepcopy(item, memo) for item in x]
    # A tuple cannot be memoised before its items exist; if copying an item copied
    # this tuple through a cycle, that copy is the one to return.
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for old, new in zip(x, y):
        if old is not new:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo, deepcopy=deepcopy):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_method(x, memo):
    return type(x)(x.__func__, deepcopy(x.__self__, memo))


_deepcopy_dispatch = {
    cls: _deepcopy_atomic
    for cls in (type(None), type(Ellipsis), type(NotImplemented), int, float, bool,
                bytes, str, _types.CodeType, type, range, _types.BuiltinFunctionType,
                _types.FunctionType, _weakref_ref, property)
}
_deepcopy_dispatch[list] = _deepcopy_list
_deepcopy_dispatch[tuple] = _deepcopy_tuple
_deepcopy_dispatch[dict] = _deepcopy_dict
_deepcopy_dispatch[_types.MethodType] = _deepcopy_method
try:
    _deepcopy_dispatch[complex] = _deepcopy_atomic
except NameError:
    pass


def _keep_alive(x, memo):
    """Keeps `x` referenced from the memo, so its id() cannot be reused mid-copy."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


# ---------------------------------------------------------- the pickle protocol

def _reduce(x, cls, kind):
    reductor = dispatch_table.get(cls)
    if reductor is not None:
        return reductor(x)
    reductor = getattr(x, "__reduce_ex__", _MISSING)
    if reductor is _MISSING:
        # No object.__reduce_ex__ in apy: do what it does, which is to prefer an
        # overriding __reduce__.
        reductor = getattr(x, "__reduce__", _MISSING)
        if reductor is _MISSING:
            return _object_reduce(x, cls)
        return reductor()
    if reductor is not None:
        return reductor(4)
    reductor = getattr(x, "__reduce__", _MISSING)
    if reductor is _MISSING:
        return _object_reduce(x, cls)
    if reductor:
        return reductor()
    raise Error(f"un({kind})copyable object of type {cls}")


def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    return cls.__new__(cls, *args, **kwargs)


def _builtin_base(cls):
    """The first class in the MRO that was not written in Python (a class statement
    always puts `__module__` in the class namespace; native types do not)."""
    for base in cls.__mro__:
        if "__module__" not in vars(base):
            return base
    return object


def _type_name(cls):
    """How CPython's `tp_name` spells a type in "cannot pickle" errors."""
    module = getattr(cls, "__module__", "builtins")
    if "__module__" in vars(cls) or module == "builtins":
        return cls.__name__
    return f"{module}.{cls.__name__}"


def _dict_state(x):
    d = getattr(x, "__dict__", None)
    return d if d else None


def _object_reduce(x, cls):
    """What CPython's `object.__reduce_ex__(4)` returns for `x`."""
    special = _special_reduce(x, cls)
    if special is not None:
        return special
    getnewargs_ex = getattr(x, "__getnewargs_ex__", None)
    kwargs = None
    if getnewargs_ex is not None:
        pair = getnewargs_ex()
        if not isinstance(pair, tuple):
            raise TypeError(
                f"__getnewargs_ex__ should return a tuple, not '{type(pair).__name__}'"
            )
        if len(pair) != 2:
            raise ValueError(
                f"__getnewargs_ex__ should return a tuple of length 2, not {len(pair)}"
            )
        args, kwargs = pair
        if not isinstance(args, tuple):
            raise TypeError(
                "first item of the tuple returned by __getnewargs_ex__ must be a "
                f"tuple, not '{type(args).__name__}'"
            )
        if not isinstance(kwargs, dict):
            raise TypeError(
                "second item of the tuple returned by __getnewargs_ex__ must be a "
                f"dict, not '{type(kwargs).__name__}'"
            )
    else:
        getnewargs = getattr(x, "__getnewargs__", None)
        if getnewargs is not None:
            args = getnewargs()
            if not isinstance(args, tuple):
                raise TypeError(
                    f"__getnewargs__ should return a tuple, not '{type(args).__name__}'"
                )
        else:
            args = None
    # Without constructor arguments the object must be rebuildable from its state
    # alone, which a native base type other than object (or list/dict) cannot be.
    required = not (args is not None or isinstance(x, (list, dict)))
    state = _getstate(x, cls, required)
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    if args is None:
        args = ()
    if kwargs:
        return (__newobj_ex__, (cls, args, kwargs), state, listitems, dictitems)
    return (__newobj__, (cls,) + args, state, listitems, dictitems)


def _special_reduce(x, cls):
    """The reductions of native types that CPython defines on the type itself."""
    if isinstance(x, (set, frozenset)):
        return (cls, (list(x),), _dict_state(x))
    if isinstance(x, BaseException):
        state = _dict_state(x)
        return (cls, x.args, state) if state is not None else (cls, x.args)
    if isinstance(x, slice):
        return (cls, (x.start, x.stop, x.step))
    if isinstance(x, bytearray):
        return (cls, (bytes(x),), _dict_state(x))
    deque = getattr(_sys.modules.get("collections"), "deque", None)
    if deque is not None and isinstance(x, deque):
        args = () if x.maxlen is None else ((), x.maxlen)
        return (cls, args, _dict_state(x), iter(x))
    return None


def _getstate(x, cls, required):
    own = getattr(cls, "__getstate__", None)
    if own is not None and own is not getattr(object, "__getstate__", None):
        return x.__getstate__()
    if required and _builtin_base(cls) is not object:
        raise TypeError(f"cannot pickle '{_type_name(cls)}' object")
    state = _dict_state(x)
    names = _slotnames(cls)
    if names:
        slots = {}
        for name in names:
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
        if slots:
            state = (state, slots)
    return state


def _slotnames(cls):
    """The instance slot names of `cls` and its bases, mangled, as copyreg lists them."""
    names = vars(cls).get("__slotnames__")
    if names is not None:
        return names
    names = []
    if hasattr(cls, "__slots__"):
        for klass in cls.__mro__:
            if "__slots__" not in vars(klass):
                continue
            slots = vars(klass)["__slots__"]
            if isinstance(slots, str):
                slots = (slots,)
            for name in slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                if name.startswith("__") and not name.endswith("__"):
                    stripped = klass.__name__.lstrip("_")
                    if stripped:
                        name = f"_{stripped}{name}"
                names.append(name)
    try:
        cls.__slotnames__ = names
    except Exception:
        pass
    return names


def _reconstruct(x, memo, func, args,
                 state=None, listiter=None, dictiter=None,
                 *, deepcopy=deepcopy):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                if isinstance(y, BaseException) and not hasattr(y, "__dict__"):
                    # BaseException.__setstate__, which apy lacks: one setattr each.
                    for key, value in state.items():
                        setattr(y, key, value)
                else:
                    y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y
