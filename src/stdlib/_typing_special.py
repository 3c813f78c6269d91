"""Part of `typing`: forward references, `Annotated`, `Protocol` and the `Supports*`
protocols, and the plain functions and decorators (`cast`, `overload`, `final`, ...).

`typing` imports this module at its end and re-exports every public name, so nothing
here is meant to be imported directly; each class says `__module__ = "typing"` so that
reprs and pickling names are CPython's. It is a separate file only to keep `typing.py`
a readable size. `typing`'s own functions refer to `Protocol`, `ForwardRef` and
`Annotated` by their module-global names at call time; `Protocol` is bound in `typing`
as soon as it exists because making the `Supports*` protocols already needs it there.
"""

import sys
import types
from abc import ABCMeta

import typing
from typing import (
    Generic, Union, T_co, _Final, _GenericAlias, _GenericAliasType,
    _NotIterable, _cached, _type_check, _type_repr, _init_generic_subclass,
)

# --- forward references ------------------------------------------------------------


class ForwardRef(_Final):
    """A string annotation, compiled at once and evaluated when asked."""

    __module__ = "typing"

    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        source = f"({arg},)[0]" if arg.startswith("*") else arg
        try:
            code = compile(source, "<string>", "eval")
        except SyntaxError:
            raise SyntaxError(f"Forward reference must be an expression -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_code__ = code
        self.__forward_evaluated__ = False
        self.__forward_value__ = None
        self.__forward_is_argument__ = is_argument
        self.__forward_is_class__ = is_class
        self.__forward_module__ = module

    def _evaluate(self, globalns, localns, recursive_guard):
        if self.__forward_arg__ in recursive_guard:
            return self
        if not self.__forward_evaluated__ or localns is not globalns:
            if globalns is None and localns is None:
                globalns = localns = {}
            elif globalns is None:
                globalns = localns
            elif localns is None:
                localns = globalns
            if self.__forward_module__ is not None:
                module = sys.modules.get(self.__forward_module__, None)
                globalns = getattr(module, "__dict__", globalns)
            value = _type_check(
                eval(self.__forward_code__, globalns, localns),
                "Forward references must evaluate to types.",
                is_argument=self.__forward_is_argument__,
                allow_special_forms=self.__forward_is_class__,
            )
            self.__forward_value__ = _eval_type(
                value, globalns, localns, recursive_guard | {self.__forward_arg__})
            self.__forward_evaluated__ = True
        return self.__forward_value__

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        if self.__forward_evaluated__ and other.__forward_evaluated__:
            return (self.__forward_arg__ == other.__forward_arg__
                    and self.__forward_value__ == other.__forward_value__)
        return (self.__forward_arg__ == other.__forward_arg__
                and self.__forward_module__ == other.__forward_module__)

    def __hash__(self):
        return hash((self.__forward_arg__, self.__forward_module__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __repr__(self):
        module = self.__forward_module__
        extra = "" if module is None else f", module={module!r}"
        return f"ForwardRef({self.__forward_arg__!r}{extra})"


def _eval_type(t, globalns, localns, recursive_guard=frozenset()):
    """`t` with its forward references evaluated, recursively through aliases."""
    if isinstance(t, ForwardRef):
        return t._evaluate(globalns, localns, recursive_guard)
    if isinstance(t, (_GenericAlias, _GenericAliasType)):
        if isinstance(t, _GenericAliasType):
            args = tuple(ForwardRef(a) if isinstance(a, str) else a for a in t.__args__)
            if args != t.__args__:
                t = _GenericAliasType(t.__origin__, args)
        evaluated = tuple(_eval_type(a, globalns, localns, recursive_guard) for a in t.__args__)
        if evaluated == t.__args__:
            return t
        if isinstance(t, _GenericAliasType):
            return _GenericAliasType(t.__origin__, evaluated)
        return t.copy_with(evaluated)
    return t


# --- Annotated ---------------------------------------------------------------------


class _AnnotatedAlias(_NotIterable, _GenericAlias):
    """Annotated[T, x, ...]: T with metadata; nested Annotated flatten."""

    __module__ = "typing"

    def __init__(self, origin, metadata):
        if isinstance(origin, _AnnotatedAlias):
            metadata = origin.__metadata__ + metadata
            origin = origin.__origin__
        super().__init__(origin, origin)
        self.__metadata__ = metadata

    def copy_with(self, params):
        return _AnnotatedAlias(params[0], self.__metadata__)

    def __repr__(self):
        meta = ", ".join(repr(a) for a in self.__metadata__)
        return f"typing.Annotated[{_type_repr(self.__origin__)}, {meta}]"

    def __reduce__(self):
        import operator
        return operator.getitem, (Annotated, (self.__origin__,) + self.__metadata__)

    def __eq__(self, other):
        if not isinstance(other, _AnnotatedAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__metadata__ == other.__metadata__

    def __hash__(self):
        return hash((self.__origin__, self.__metadata__))

    def __getattr__(self, attr):
        if attr in ("__name__", "__qualname__"):
            return "Annotated"
        return super().__getattr__(attr)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class Annotated:
    """Annotated[T, x, ...]: the type T with metadata that only tools read."""

    __module__ = "typing"

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise TypeError("Type Annotated cannot be instantiated.")

    def __class_getitem__(cls, params):
        return _cached(cls, _annotated_getitem, params)

    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError(f"Cannot subclass {cls.__module__}.Annotated")


def _annotated_getitem(cls, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    msg = "Annotated[t, ...]: t must be a type."
    origin = _type_check(params[0], msg, allow_special_forms=True)
    return _AnnotatedAlias(origin, tuple(params[1:]))


# --- Protocol --------------------------------------------------------------------

_TYPING_INTERNALS = ("__parameters__", "__orig_bases__", "__orig_class__",
                     "_is_protocol", "_is_runtime_protocol")
_SPECIAL_NAMES = ("__abstractmethods__", "__annotations__", "__dict__", "__doc__",
                  "__init__", "__module__", "__new__", "__slots__", "__subclasshook__",
                  "__weakref__", "__class_getitem__")
EXCLUDED_ATTRIBUTES = [*_TYPING_INTERNALS, *_SPECIAL_NAMES, "_MutableMapping__marker"]

# The non-protocol bases a protocol may have.
_PROTO_ALLOWLIST = {
    "collections.abc": ("Callable", "Awaitable", "Iterable", "Iterator", "AsyncIterable",
                        "Hashable", "Sized", "Container", "Collection", "Reversible"),
    "contextlib": ("AbstractContextManager", "AbstractAsyncContextManager"),
}


def _get_protocol_attrs(cls):
    """The members a protocol asks for: what its protocol bases define or annotate."""
    attrs = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ("Protocol", "Generic"):
            continue
        annotations = base.__dict__.get("__annotations__", {})
        for attr in (*base.__dict__, *annotations):
            if not attr.startswith("_abc_") and attr not in EXCLUDED_ATTRIBUTES:
                attrs.add(attr)
    return attrs


def _is_callable_members_only(cls):
    return all(callable(getattr(cls, attr, None)) for attr in _get_protocol_attrs(cls))


def _protocol_init(self, *args, **kwargs):
    """`__init__` of protocol classes: protocols cannot be instantiated, and their
    concrete subclasses run the next `__init__` in their MRO."""
    cls = type(self)
    if cls._is_protocol:
        raise TypeError("Protocols cannot be instantiated")
    for base in cls.__mro__:
        init = base.__dict__.get("__init__", _protocol_init)
        if init is _protocol_init:
            continue
        if base is not object:
            return init(self, *args, **kwargs)
        # object.__init__ itself: extra arguments are an error unless __new__ took them.
        if args or kwargs:
            for klass in cls.__mro__:
                if "__new__" in klass.__dict__:
                    if klass is object:
                        raise TypeError(f"{cls.__name__}() takes no arguments")
                    break
        return None
    return None


# apy's functions and built-in functions have no `__call__` attribute (nor their types
# one in their __dict__); protocols asking for `__call__` accept them by type.
_CALLABLE_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType)


# Nonzero while _ProtocolMeta hands an isinstance() check on to the ABC machinery.
_reckless = [0]


def _protocol_hook(cls, other):
    """`__subclasshook__` of protocol classes: structural subtyping for
    @runtime_checkable protocols whose members are all methods."""
    if not cls.__dict__.get("_is_protocol", False):
        return NotImplemented
    if not getattr(cls, "_is_runtime_protocol", False):
        if _reckless[0]:
            return NotImplemented
        raise TypeError("Instance and class checks can only be used with "
                        "@runtime_checkable protocols")
    if not _is_callable_members_only(cls):
        if _reckless[0]:
            return NotImplemented
        raise TypeError("Protocols with non-method members don't support issubclass()")
    if not isinstance(other, type):
        raise TypeError("issubclass() arg 1 must be a class")
    for attr in _get_protocol_attrs(cls):
        if attr == "__call__" and issubclass(other, _CALLABLE_TYPES):
            continue
        for base in other.__mro__:
            if attr in base.__dict__:
                if base.__dict__[attr] is None:
                    return NotImplemented
                break
            annotations = base.__dict__.get("__annotations__", {})
            if (isinstance(annotations, dict) and attr in annotations
                    and issubclass(other, Generic) and other._is_protocol):
                break
        else:
            return NotImplemented
    return True


class _ProtocolMeta(ABCMeta):
    """Metaclass of protocols: isinstance() against a @runtime_checkable protocol checks
    the instance's attributes."""

    __module__ = "typing"

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        # apy runs `__init_subclass__` only from the first base's MRO, so
        # `class P(Base, Protocol)` may not have run Generic's or Protocol's.
        if "__parameters__" not in cls.__dict__:
            _init_generic_subclass(cls)
        if "_is_protocol" not in cls.__dict__:
            _init_protocol_subclass(cls)
        return cls

    def __instancecheck__(cls, instance):
        if (getattr(cls, "_is_protocol", False)
                and not getattr(cls, "_is_runtime_protocol", False)):
            raise TypeError("Instance and class checks can only be used with "
                            "@runtime_checkable protocols")
        if ((not getattr(cls, "_is_protocol", False) or _is_callable_members_only(cls))
                and issubclass(type(instance), cls)):
            return True
        if cls._is_protocol:
            missing = object()
            for attr in _get_protocol_attrs(cls):
                value = getattr(instance, attr, missing)
                if value is missing and attr == "__call__" and callable(instance):
                    value = instance
                if value is missing:
                    break
                if callable(getattr(cls, attr, None)) and value is None:
                    break
            else:
                return True
        # The ABC machinery below may ask the protocol's hook; CPython lets it answer
        # "don't know" there instead of raising (it looks at the calling module).
        _reckless[0] += 1
        try:
            return super().__instancecheck__(instance)
        finally:
            _reckless[0] -= 1


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base of protocol classes: a class matches one by having its members."""

    __module__ = "typing"
    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        _init_protocol_subclass(cls)


def _init_protocol_subclass(cls):
    """Decides whether a subclass of Protocol is itself a protocol, and checks its bases."""
    if not cls.__dict__.get("_is_protocol", False):
        cls._is_protocol = any(b is Protocol for b in cls.__bases__)
    if "__subclasshook__" not in cls.__dict__:
        cls.__subclasshook__ = classmethod(_protocol_hook)
    if not cls._is_protocol:
        return
    for base in cls.__bases__:
        if not (base in (object, Generic)
                or base.__name__ in _PROTO_ALLOWLIST.get(base.__module__, ())
                or (issubclass(base, Generic) and base._is_protocol)):
            raise TypeError(f"Protocols can only inherit from other protocols, got {base!r}")
    # A protocol that would construct with object.__init__ refuses to be constructed.
    for klass in cls.__mro__:
        if "__init__" in klass.__dict__:
            if klass is object:
                cls.__init__ = _protocol_init
            break


# typing's functions (`_type_check`, `Generic[...]`) look `Protocol` up in their own
# module; the Supports* protocols below already need it there.
typing.Protocol = Protocol


def runtime_checkable(cls):
    """Lets isinstance() and issubclass() check against the protocol `cls`."""
    if not (isinstance(cls, type) and issubclass(cls, Generic)) or not cls._is_protocol:
        raise TypeError(f"@runtime_checkable can be only applied to protocol classes, got {cls!r}")
    cls._is_runtime_protocol = True
    return cls



# --- the Supports* protocols -------------------------------------------------------


@runtime_checkable
class SupportsInt(Protocol):
    """Objects int() accepts: they have __int__."""

    __module__ = "typing"
    __slots__ = ()

    def __int__(self) -> int:
        pass


@runtime_checkable
class SupportsFloat(Protocol):
    """Objects float() accepts: they have __float__."""

    __module__ = "typing"
    __slots__ = ()

    def __float__(self) -> float:
        pass


@runtime_checkable
class SupportsComplex(Protocol):
    """Objects complex() accepts: they have __complex__."""

    __module__ = "typing"
    __slots__ = ()

    def __complex__(self):
        pass


@runtime_checkable
class SupportsBytes(Protocol):
    """Objects bytes() accepts: they have __bytes__."""

    __module__ = "typing"
    __slots__ = ()

    def __bytes__(self) -> bytes:
        pass


@runtime_checkable
class SupportsIndex(Protocol):
    """Objects usable as an index: they have __index__."""

    __module__ = "typing"
    __slots__ = ()

    def __index__(self) -> int:
        pass


@runtime_checkable
class SupportsAbs(Protocol[T_co]):
    """Objects abs() accepts; T_co is what __abs__ returns."""

    __module__ = "typing"
    __slots__ = ()

    def __abs__(self) -> T_co:
        pass


@runtime_checkable
class SupportsRound(Protocol[T_co]):
    """Objects round() accepts; T_co is what __round__ returns."""

    __module__ = "typing"
    __slots__ = ()

    def __round__(self, ndigits: int = 0) -> T_co:
        pass


# --- functions ---------------------------------------------------------------------


def cast(typ, val):
    """Tells a type checker that `val` has type `typ`; returns `val` as it is."""
    return val


def assert_type(val, typ, /):
    """Asks a type checker to confirm the type of `val`; returns `val` as it is."""
    return val


def reveal_type(obj, /):
    """Prints the run-time type of `obj` to stderr and returns `obj`."""
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def assert_never(arg, /):
    """Fails: a type checker proves the call unreachable, so reaching it is a bug."""
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + "..."
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def _overload_dummy(*args, **kwds):
    """What an @overload-decorated name is until the implementation replaces it."""
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @overload-ed.")


# module -> qualname -> first line -> function
_overload_registry = {}


def overload(func):
    """Records one signature of an overloaded function; the name then calls a stub
    that refuses to run until the real implementation is defined."""
    f = getattr(func, "__func__", func)
    try:
        by_name = _overload_registry.setdefault(f.__module__, {})
        by_name.setdefault(f.__qualname__, {})[f.__code__.co_firstlineno] = func
    except AttributeError:
        # Not a normal function: it cannot be looked up later either.
        pass
    return _overload_dummy


def get_overloads(func):
    """The @overload signatures recorded under the name of `func`."""
    f = getattr(func, "__func__", func)
    by_name = _overload_registry.get(f.__module__)
    if by_name is None or f.__qualname__ not in by_name:
        return []
    return list(by_name[f.__qualname__].values())


def clear_overloads():
    """Forgets every recorded @overload signature."""
    _overload_registry.clear()


def final(f):
    """Decorator marking a method or class final; sets `__final__` where it can."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def dataclass_transform(*, eq_default=True, order_default=False, kw_only_default=False,
                        field_specifiers=(), **kwargs):
    """Marks a decorator, base class or metaclass as making dataclass-like classes;
    the parameters are recorded in `__dataclass_transform__`."""
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = {
            "eq_default": eq_default,
            "order_default": order_default,
            "kw_only_default": kw_only_default,
            "field_specifiers": field_specifiers,
            "kwargs": kwargs,
        }
        return cls_or_fn
    return decorator

