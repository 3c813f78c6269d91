"""Names for the built-in types that have no name in builtins, as CPython's `types`.

Written in Python as CPython's own module is: each type is taken from an object of it.
`sys` loads this module for `sys.implementation`, so it must not import `sys`, and
it keeps only what is cheap to make at every start: `coroutine`, `MappingProxyType`,
the frame, traceback, cell and descriptor types, `DynamicClassAttribute` and the
`new_class` family live in `_types_coroutine` and `_types_extra`, which the module
`__getattr__` loads on first use.

apy has no separate types for slot wrappers, method wrappers, method descriptors,
classmethod descriptors or getset descriptors; `WrapperDescriptorType`,
`MethodWrapperType`, `MethodDescriptorType`, `ClassMethodDescriptorType` and
`GetSetDescriptorType` are stand-in classes with CPython's names that nothing is an
instance of (`_types_extra` switches to the real type once apy has it).

Not provided: `get_original_bases` (3.12).
"""

import builtins as _builtins


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_c = _c()
CoroutineType = type(_c)
_c.close()


async def _ag():
    yield 1


AsyncGeneratorType = type(_ag())


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(_builtins)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)

del _builtins, _f, _g, _c, _ag, _C


class SimpleNamespace:
    """A simple attribute-based namespace: `SimpleNamespace(**kwargs)`."""

    def __init__(self, /, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        self.__dict__.update(kwargs)

    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{name}({items})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None


def _type_repr(obj):
    """How a generic alias shows one of its arguments, as CPython's `ga_repr_item`."""
    if obj is Ellipsis:
        return "..."
    if hasattr(obj, "__origin__") and hasattr(obj, "__args__"):
        return repr(obj)
    qualname = getattr(obj, "__qualname__", None)
    module = getattr(obj, "__module__", None)
    if qualname is None or module is None:
        return repr(obj)
    if module == "builtins":
        return qualname
    return f"{module}.{qualname}"


class GenericAlias:
    """A parameterized built-in type, `list[int]`: what the annotation names. Calling it
    makes an instance of the origin type."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self.__parameters__ = ()

    def __repr__(self):
        if not self.__args__:
            return f"{_type_repr(self.__origin__)}[()]"
        items = ", ".join(_type_repr(a) for a in self.__args__)
        return f"{_type_repr(self.__origin__)}[{items}]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getitem__(self, item):
        raise TypeError(f"{self!r} is not a generic class")

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    @property
    def __name__(self):
        return self.__origin__.__name__

    @property
    def __qualname__(self):
        return self.__origin__.__qualname__

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)


def _unionable(obj):
    return obj is None or isinstance(obj, (type, GenericAlias, UnionType))


def _union(left, right):
    """`left | right` for types (`int | None`): a UnionType of the distinct members,
    flattened, in order; a single member stands for itself. NotImplemented when an
    operand cannot be in a union, so the other operand's `__ror__` can answer."""
    if not (_unionable(left) and _unionable(right)):
        return NotImplemented
    members = []
    for side in (left, right):
        for arg in side.__args__ if isinstance(side, UnionType) else (side,):
            arg = NoneType if arg is None else arg
            if arg not in members:
                members.append(arg)
    if len(members) == 1:
        return members[0]
    return UnionType(tuple(members))


class UnionType:
    """`X | Y` of types: what `isinstance` accepts and annotations show (`int | None`)."""

    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = ()

    def __repr__(self):
        return " | ".join(
            "None" if arg is NoneType else _type_repr(arg) for arg in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __instancecheck__(self, obj):
        # Member by member, so a match comes before a parameterized generic is met.
        for arg in self.__args__:
            if isinstance(arg, GenericAlias):
                raise TypeError(
                    "isinstance() argument 2 cannot be a parameterized generic")
            if isinstance(obj, arg):
                return True
        return False

    def __subclasscheck__(self, cls):
        for arg in self.__args__:
            if isinstance(arg, GenericAlias):
                raise TypeError(
                    "issubclass() argument 2 cannot be a parameterized generic")
            if issubclass(cls, arg):
                return True
        return False



# Loaded on first use (see the module docstring): name -> the module that makes it.
_LAZY = dict.fromkeys(
    ("MappingProxyType", "CellType", "TracebackType", "FrameType",
     "GetSetDescriptorType", "MemberDescriptorType", "WrapperDescriptorType",
     "MethodWrapperType", "MethodDescriptorType", "ClassMethodDescriptorType",
     "DynamicClassAttribute", "new_class", "resolve_bases", "prepare_class",
     "_calculate_meta"),
    "_types_extra")
_LAZY["coroutine"] = "_types_coroutine"

__all__ = [
    "FunctionType", "LambdaType", "CodeType", "MappingProxyType", "SimpleNamespace",
    "CellType", "GeneratorType", "CoroutineType", "AsyncGeneratorType", "MethodType",
    "BuiltinFunctionType", "BuiltinMethodType", "WrapperDescriptorType",
    "MethodWrapperType", "MethodDescriptorType", "ClassMethodDescriptorType",
    "ModuleType", "TracebackType", "FrameType", "GetSetDescriptorType",
    "MemberDescriptorType", "new_class", "resolve_bases", "prepare_class",
    "DynamicClassAttribute", "coroutine", "GenericAlias", "UnionType", "EllipsisType", "NoneType",
    "NotImplementedType",
]


def __getattr__(name):
    source = _LAZY.get(name)
    if source is None:
        raise AttributeError(f"module 'types' has no attribute '{name}'")
    module = __import__(source)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
