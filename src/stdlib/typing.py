"""`typing`: the run-time objects of type hints, as CPython 3.11's `typing` makes them.

Nothing here checks types. The module builds the objects an annotation names —
`List[int]`, `Optional[str]`, `Callable[[int], bool]`, type variables, generic classes,
protocols — with CPython's reprs, equality, substitution of type variables and error
messages, so that programs which inspect annotations (`get_type_hints`, `get_origin`,
`get_args`) or subclass `Generic`, `Protocol`, `NamedTuple` and `TypedDict` behave as
under CPython.

How it is laid out. This file holds the special forms, type variables, the generic
aliases and `Generic`. `_typing_special` (imported at the end) adds forward references,
`Annotated`, `Protocol`, the `Supports*` protocols and the plain functions (`cast`,
`overload`, ...). The rarer, heavier names (`NamedTuple`, `TypedDict`, `NewType`,
`get_type_hints`, `IO`, `no_type_check`) live in `_typing_extra`, loaded on first use
through the module's `__getattr__`. The aliases of `collections.abc`, `contextlib`,
`collections` and `re` classes import their origin the first time it is needed, so
`typing.Iterable[int]` or `typing.Counter[str]` is made and printed without it.

What apy's VM does not do yet, and how this module makes up for it:
- A class statement does not set `__orig_bases__`, and passes `__mro_entries__` only
  the bases resolved so far. The aliases note each such call and a new generic class
  rebuilds `__orig_bases__` from the notes (`_take_orig_bases`). An alias cannot see
  the bases after it, so it adds `Generic` unless `Generic` is already there: a generic
  alias written before a generic base class (`class C(Generic[T], Base[T])`,
  `class P(Iterable[T], Protocol[T])`) has no consistent MRO under apy.
- `__init_subclass__` is looked up in the first base's MRO only, so
  `class C(list, Generic[T])` never runs Generic's. Such a class is set up when its
  `__parameters__`, `__orig_bases__` or `C[...]` is first used (`_GenericClassAttr`),
  with the oldest unused notes that fit its bases: two such classes with the same
  resolved bases but different type variables, used in the opposite order to their
  definition, swap parameters; "Cannot inherit from plain Generic" is not raised for
  them. `_ProtocolMeta`, `NamedTupleMeta` and `_TypedDictMeta` set up their classes
  themselves.
- There is no `sys._getframe`, so the module a `TypeVar`, `NewType`, functional
  `NamedTuple` or `TypedDict` is made in cannot be found: it is taken to be `__main__`.
- `issubclass()` ignores `__subclasscheck__` of objects that are not classes, so
  `issubclass(int, Union[int, str])` fails (isinstance() works).

Not provided: static checking of any kind; substituting variadic generics
(`TypeVarTuple` and `Unpack` print and compare only); `int | None` and
`types.UnionType`, which apy's `type` lacks (`X | Y` works when either side is a typing
object); the deprecated `typing.io`/`typing.re` submodules; pickling beyond the
`__reduce__` methods; the DeprecationWarning of keyword-style `TypedDict(...)`.
"""

import sys
import types

__all__ = [
    "Annotated", "Any", "Callable", "ClassVar", "Concatenate", "Final", "ForwardRef",
    "Generic", "Literal", "Optional", "ParamSpec", "Protocol", "Tuple", "Type", "TypeVar",
    "TypeVarTuple", "Union", "AbstractSet", "ByteString", "Container", "ContextManager",
    "Hashable", "ItemsView", "Iterable", "Iterator", "KeysView", "Mapping", "MappingView",
    "MutableMapping", "MutableSequence", "MutableSet", "Sequence", "Sized", "ValuesView",
    "Awaitable", "AsyncIterator", "AsyncIterable", "Coroutine", "Collection",
    "AsyncGenerator", "AsyncContextManager", "Reversible", "SupportsAbs", "SupportsBytes",
    "SupportsComplex", "SupportsFloat", "SupportsIndex", "SupportsInt", "SupportsRound",
    "ChainMap", "Counter", "Deque", "Dict", "DefaultDict", "List", "OrderedDict", "Set",
    "FrozenSet", "NamedTuple", "TypedDict", "Generator", "BinaryIO", "IO", "Match",
    "Pattern", "TextIO", "AnyStr", "assert_type", "assert_never", "cast",
    "clear_overloads", "dataclass_transform", "final", "get_args", "get_origin",
    "get_overloads", "get_type_hints", "is_typeddict", "LiteralString", "Never", "NewType",
    "no_type_check", "no_type_check_decorator", "NoReturn", "NotRequired", "overload",
    "ParamSpecArgs", "ParamSpecKwargs", "Required", "reveal_type", "runtime_checkable",
    "Self", "Text", "TYPE_CHECKING", "TypeAlias", "TypeGuard", "Unpack",
]

_NoneType = type(None)
_GenericAliasType = types.GenericAlias


def _caller(depth=1, default="__main__"):
    """The `__name__` of the module `depth` calls above our caller, where the VM can
    tell; `default` where it cannot (apy has no `sys._getframe` yet)."""
    getframe = getattr(sys, "_getframe", None)
    if getframe is None:
        return default
    try:
        return getframe(depth + 1).f_globals.get("__name__", "__main__")
    except (AttributeError, ValueError):
        return None


def _type_repr(obj):
    """How an argument shows inside `X[...]`: classes by qualified name (builtins bare),
    `...` as itself, functions by name, everything else by repr."""
    if isinstance(obj, _GenericAliasType):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if isinstance(obj, types.FunctionType):
        return obj.__name__
    return repr(obj)


def _type_convert(arg, module=None, *, allow_special_forms=False):
    """None stands for NoneType and a string for a forward reference."""
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg, module=module, is_class=allow_special_forms)
    return arg


def _type_check(arg, msg, is_argument=True, module=None, *, allow_special_forms=False):
    """Accepts what may stand as a type argument and returns it converted; raises the
    TypeError CPython raises for special forms used bare or in the wrong place."""
    invalid = (Generic, Protocol)
    if not allow_special_forms:
        invalid += (ClassVar,)
        if is_argument:
            invalid += (Final,)
    arg = _type_convert(arg, module=module, allow_special_forms=allow_special_forms)
    if isinstance(arg, _GenericAlias) and arg.__origin__ in invalid:
        raise TypeError(f"{arg} is not valid as type argument")
    if arg in (Any, LiteralString, NoReturn, Never, Self, TypeAlias):
        return arg
    if allow_special_forms and arg in (ClassVar, Final):
        return arg
    if isinstance(arg, _SpecialForm) or arg in (Generic, Protocol):
        raise TypeError(f"Plain {arg} is not valid as type argument")
    if type(arg) is tuple:
        raise TypeError(f"{msg} Got {arg!r:.100}.")
    return arg


def _is_param_expr(arg):
    return arg is ... or isinstance(arg, (tuple, list, ParamSpec, _ConcatenateGenericAlias))


def _is_unpacked_typevartuple(x):
    return (not isinstance(x, type)) and getattr(x, "__typing_is_unpacked_typevartuple__", False)


def _is_typevar_like(x):
    return isinstance(x, (TypeVar, ParamSpec)) or _is_unpacked_typevartuple(x)


def _collect_parameters(args):
    """The type variables in `args`, each once, in order of first appearance."""
    found = []
    for t in args:
        if isinstance(t, type):
            # A plain class may have a `__parameters__` of its own; it is not ours.
            continue
        if hasattr(t, "__typing_subst__") or _is_unpacked_typevartuple(t):
            candidates = (t,)
        else:
            candidates = getattr(t, "__parameters__", ())
        for x in candidates:
            if x not in found:
                found.append(x)
    return tuple(found)


def _check_generic(cls, parameters, elen):
    if not elen:
        raise TypeError(f"{cls} is not a generic class")
    alen = len(parameters)
    if alen != elen:
        many = "many" if alen > elen else "few"
        raise TypeError(f"Too {many} arguments for {cls}; actual {alen}, expected {elen}")


def _deduplicate(params):
    """Drops repeated arguments, keeping the first of each (hashing, as CPython does)."""
    seen = set(params)
    if len(seen) == len(params):
        return params
    kept = []
    for p in params:
        if p in seen:
            kept.append(p)
            seen.remove(p)
    return kept


def _remove_dups_flatten(parameters):
    """Union arguments with nested unions spliced in and duplicates dropped."""
    flat = []
    for p in parameters:
        if isinstance(p, _UnionGenericAlias):
            flat.extend(p.__args__)
        else:
            flat.append(p)
    return tuple(_deduplicate(flat))


def _flatten_literal_params(parameters):
    flat = []
    for p in parameters:
        if isinstance(p, _LiteralGenericAlias):
            flat.extend(p.__args__)
        else:
            flat.append(p)
    return tuple(flat)


def _value_and_type_iter(parameters):
    # Literal[1] and Literal[True] differ although 1 == True.
    return ((p, type(p)) for p in parameters)


# Subscriptions are memoised as in CPython (`List[int] is List[int]`); the argument
# types are part of the key so that Literal[1] and Literal[True] stay apart.
_cache = {}


def _cached(owner, func, params):
    try:
        key = (owner, func, params, tuple(type(p) for p in params)
               if isinstance(params, tuple) else type(params))
        hit = _cache.get(key)
    except TypeError:
        return func(owner, params)
    if hit is None:
        if len(_cache) > 1024:
            _cache.clear()
        hit = _cache[key] = func(owner, params)
    return hit


# --- reconstructing __orig_bases__ -------------------------------------------------
#
# Each call of an alias's __mro_entries__ that the VM makes with only the bases resolved
# so far (apy) is noted as (alias, resolved-prefix, entries). One class statement's notes
# are consecutive and chain: each prefix extends the previous prefix + entries. A new
# generic class takes the newest chain that lines up with its resolved bases; a class
# initialised late (see `_GenericClassAttr`) takes the oldest, so that classes defined
# one after the other with the same bases get their own notes in order.

_pending_bases = []


def _note_bases(alias, bases, entries):
    if any(b is alias for b in bases):
        # The VM passed the bases as written: it records __orig_bases__ itself.
        return entries
    if len(_pending_bases) > 256:
        del _pending_bases[:64]
    _pending_bases.append((alias, tuple(bases), tuple(entries)))
    return entries


def _starts_with(seq, prefix):
    return len(prefix) <= len(seq) and all(a is b for a, b in zip(prefix, seq))


def _note_chains():
    chains = []
    for note in _pending_bases:
        if chains:
            last = chains[-1][-1]
            if _starts_with(note[1], last[1] + last[2]):
                chains[-1].append(note)
                continue
        chains.append([note])
    return chains


def _take_orig_bases(bases, oldest=False):
    """The bases as the class statement wrote them, for a class whose resolved bases are
    `bases`, taken off the notes; None when no alias was among them."""
    chains = _note_chains()
    if not oldest:
        chains.reverse()
    for chain in chains:
        if all(_starts_with(bases, note[1] + note[2]) for note in chain):
            break
    else:
        return None
    _pending_bases[:] = [n for n in _pending_bases if not any(n is c for c in chain)]
    orig = []
    pos = 0
    for alias, prefix, entries in chain:
        orig.extend(bases[pos:len(prefix)])
        orig.append(alias)
        pos = len(prefix) + len(entries)
    orig.extend(bases[pos:])
    return tuple(orig)


# --- the base classes of the module's objects --------------------------------------


class _Final:
    """Classes of typing objects may not be subclassed outside this module."""

    def __init_subclass__(cls, /, *args, **kwds):
        if cls.__module__ != "typing":
            raise TypeError("Cannot subclass special typing classes")


class _NotIterable:
    """Keeps `__getitem__` from making the object iterable by index."""

    __iter__ = None


class _Immutable:
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class _AnyMeta(type):
    def __instancecheck__(self, obj):
        if self is Any:
            raise TypeError("typing.Any cannot be used with isinstance()")
        return issubclass(type(obj), self)

    def __repr__(self):
        if self is Any:
            return "typing.Any"
        return f"<class '{self.__module__}.{self.__qualname__}'>"


class Any(metaclass=_AnyMeta):
    """The type every value has and every type accepts."""

    def __new__(cls, *args, **kwargs):
        if cls is Any:
            raise TypeError("Any cannot be instantiated")
        return super().__new__(cls, *args, **kwargs)


class _SpecialForm(_Final, _NotIterable, _Immutable):
    """A special form (`Union`, `Optional`, `ClassVar`, ...): made by decorating the
    function that builds its subscriptions."""

    def __init__(self, getitem):
        self._getitem = getitem
        self._name = getitem.__name__
        self.__doc__ = getitem.__doc__

    def __getattr__(self, item):
        if item in ("__name__", "__qualname__"):
            return self._name
        raise AttributeError(item)

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")

    def __repr__(self):
        return "typing." + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    def __getitem__(self, parameters):
        return _cached(self, self._getitem, parameters)


class _LiteralSpecialForm(_SpecialForm):
    def __getitem__(self, parameters):
        if not isinstance(parameters, tuple):
            parameters = (parameters,)
        return _cached(self, _literal_getitem, parameters)


def _literal_getitem(self, parameters):
    return self._getitem(self, *parameters)


def _named_form(name, doc):
    def getitem(self, parameters):
        raise TypeError(f"{self} is not subscriptable")
    getitem.__name__ = name
    getitem.__doc__ = doc
    return _SpecialForm(getitem)


NoReturn = _named_form("NoReturn", "The return type of a function that never returns.")
Never = _named_form("Never", "The empty type: no value has it.")
Self = _named_form("Self", "The type of the instance a method is called on.")
LiteralString = _named_form("LiteralString", "Any string written literally in the source.")
TypeAlias = _named_form("TypeAlias", "Marks an assignment as the definition of a type alias.")


@_SpecialForm
def ClassVar(self, parameters):
    """ClassVar[T]: an attribute of the class, not of its instances."""
    item = _type_check(parameters, f"{self} accepts only single type.")
    return _GenericAlias(self, (item,))


@_SpecialForm
def Final(self, parameters):
    """Final[T]: a name that must not be reassigned or overridden."""
    item = _type_check(parameters, f"{self} accepts only single type.")
    return _GenericAlias(self, (item,))


@_SpecialForm
def Union(self, parameters):
    """Union[X, Y]: a value of any of the listed types."""
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    msg = "Union[arg, ...]: each arg must be a type."
    parameters = tuple(_type_check(p, msg) for p in parameters)
    parameters = _remove_dups_flatten(parameters)
    if len(parameters) == 1:
        return parameters[0]
    if len(parameters) == 2 and _NoneType in parameters:
        return _UnionGenericAlias(self, parameters, name="Optional")
    return _UnionGenericAlias(self, parameters)


@_SpecialForm
def Optional(self, parameters):
    """Optional[X]: shorthand for Union[X, None]."""
    arg = _type_check(parameters, f"{self} requires a single type.")
    return Union[arg, _NoneType]


@_LiteralSpecialForm
def Literal(self, *parameters):
    """Literal[v, ...]: exactly one of the given values."""
    parameters = _flatten_literal_params(parameters)
    try:
        parameters = tuple(p for p, _ in _deduplicate(list(_value_and_type_iter(parameters))))
    except TypeError:
        # Unhashable values are kept as given.
        pass
    return _LiteralGenericAlias(self, parameters)


@_SpecialForm
def Concatenate(self, parameters):
    """Concatenate[X, P]: parameters X followed by those of the ParamSpec P."""
    if parameters == ():
        raise TypeError("Cannot take a Concatenate of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    if not (parameters[-1] is ... or isinstance(parameters[-1], ParamSpec)):
        raise TypeError("The last parameter to Concatenate should be a "
                        "ParamSpec variable or ellipsis.")
    msg = "Concatenate[arg, ...]: each arg must be a type."
    parameters = (*(_type_check(p, msg) for p in parameters[:-1]), parameters[-1])
    return _ConcatenateGenericAlias(self, parameters, _paramspec_tvars=True)


@_SpecialForm
def TypeGuard(self, parameters):
    """TypeGuard[T]: the return type of a function that narrows its argument to T."""
    item = _type_check(parameters, f"{self} accepts only single type.")
    return _GenericAlias(self, (item,))


@_SpecialForm
def Required(self, parameters):
    """Required[T]: a TypedDict key that must be present, even when total=False."""
    item = _type_check(parameters, f"{self._name} accepts only a single type.")
    return _GenericAlias(self, (item,))


@_SpecialForm
def NotRequired(self, parameters):
    """NotRequired[T]: a TypedDict key that may be left out."""
    item = _type_check(parameters, f"{self._name} accepts only a single type.")
    return _GenericAlias(self, (item,))


@_SpecialForm
def Unpack(self, parameters):
    """Unpack[Ts]: the spelling of *Ts where the star cannot be written."""
    item = _type_check(parameters, f"{self} accepts only single type.")
    return _UnpackGenericAlias(origin=self, args=(item,))


# --- type variables ----------------------------------------------------------------


class _BoundVarianceMixin:
    """Bound and variance, shared by TypeVar and ParamSpec."""

    def __init__(self, bound, covariant, contravariant):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        if bound:
            self.__bound__ = _type_check(bound, "Bound must be a type.")
        else:
            self.__bound__ = None

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __repr__(self):
        if self.__covariant__:
            prefix = "+"
        elif self.__contravariant__:
            prefix = "-"
        else:
            prefix = "~"
        return prefix + self.__name__

    def __reduce__(self):
        return self.__name__


class TypeVar(_Final, _Immutable, _BoundVarianceMixin):
    """Type variable: `T = TypeVar('T')`, optionally bound or constrained."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        self.__name__ = name
        super().__init__(bound, covariant, contravariant)
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if constraints and len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        msg = "TypeVar(name, constraint, ...): constraints must be types."
        self.__constraints__ = tuple(_type_check(t, msg) for t in constraints)
        module = _caller()
        if module != "typing":
            self.__module__ = module

    def __typing_subst__(self, arg):
        arg = _type_check(arg, "Parameters to generic types must be types.", is_argument=True)
        if ((isinstance(arg, _GenericAlias) and arg.__origin__ is Unpack)
                or _is_unpacked_typevartuple(arg)):
            raise TypeError(f"{arg} is not valid as type argument")
        return arg


class TypeVarTuple(_Final, _Immutable):
    """Type variable tuple: `Ts = TypeVarTuple('Ts')`; `*Ts` / `Unpack[Ts]` in use."""

    def __init__(self, name):
        self.__name__ = name
        module = _caller()
        if module != "typing":
            self.__module__ = module

    def __iter__(self):
        yield Unpack[self]

    def __repr__(self):
        return self.__name__

    def __reduce__(self):
        return self.__name__

    def __typing_subst__(self, arg):
        raise TypeError("Substitution of bare TypeVarTuple is not supported")


class ParamSpecArgs(_Final, _Immutable):
    """The type of `P.args`."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.args"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecArgs, self.__origin__))


class ParamSpecKwargs(_Final, _Immutable):
    """The type of `P.kwargs`."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.kwargs"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecKwargs, self.__origin__))


class ParamSpec(_Final, _Immutable, _BoundVarianceMixin):
    """Parameter specification variable: `P = ParamSpec('P')`."""

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        super().__init__(bound, covariant, contravariant)
        module = _caller()
        if module != "typing":
            self.__module__ = module

    def __typing_subst__(self, arg):
        if isinstance(arg, (list, tuple)):
            arg = tuple(_type_check(a, "Expected a type.") for a in arg)
        elif not _is_param_expr(arg):
            raise TypeError("Expected a list of types, an ellipsis, ParamSpec, or "
                            f"Concatenate. Got {arg}")
        return arg

    def __typing_prepare_subst__(self, alias, args):
        params = alias.__parameters__
        i = params.index(self)
        if i >= len(args):
            raise TypeError(f"Too few arguments for {alias}")
        if len(params) == 1 and not _is_param_expr(args[0]):
            # X[int, str] means X[[int, str]] when X's only parameter is a ParamSpec.
            args = (args,)
        elif isinstance(args[i], list):
            args = (*args[:i], tuple(args[i]), *args[i + 1:])
        return args


# --- generic aliases ---------------------------------------------------------------

_ALIAS_OWN_ATTRS = ("_name", "_inst", "_nparams", "_origin", "_paramspec_tvars")


def _is_dunder(name):
    return name.startswith("__") and name.endswith("__")


class _BaseGenericAlias(_Final):
    """What List, List[int], Box[int] share: calling makes an origin instance, and
    unknown attributes are the origin's."""

    def __init__(self, origin, *, inst=True, name=None):
        self._inst = inst
        self._name = name
        object.__setattr__(self, "_origin", origin)

    # The origin of an alias of a class apy may lack (collections.Counter, re.Pattern)
    # is named "module:attr" and imported the first time it is needed, so that making
    # and printing `Counter[str]` never needs it.
    @property
    def __origin__(self):
        origin = self._origin
        if isinstance(origin, str):
            origin = _resolve_origin(origin)
            object.__setattr__(self, "_origin", origin)
        return origin

    def _origin_key(self):
        """The origin for equality and hashing: its name while it cannot be imported."""
        try:
            return self.__origin__
        except (ImportError, AttributeError):
            return self._origin

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__.lower()}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            # Instances without a __dict__ simply do not record it.
            pass
        return result

    def __mro_entries__(self, bases):
        origin = self.__origin__
        res = []
        if not any(b is origin for b in bases):
            res.append(origin)
        if any(b is self for b in bases):
            later = bases[[i for i, b in enumerate(bases) if b is self][0] + 1:]
            add_generic = not any(
                isinstance(b, _BaseGenericAlias)
                or (isinstance(b, type) and issubclass(b, Generic))
                for b in later)
        else:
            # Only the bases before us are known: add Generic unless already there.
            add_generic = not any(b is Generic for b in bases)
        if add_generic:
            res.append(Generic)
        return _note_bases(self, bases, res)

    def __getattr__(self, attr):
        if attr in ("__name__", "__qualname__"):
            return self._name or self.__origin__.__name__
        d = self.__dict__
        if "_origin" in d and not _is_dunder(attr):
            return getattr(self.__origin__, attr)
        raise AttributeError(attr)

    def __setattr__(self, attr, val):
        if _is_dunder(attr) or attr in _ALIAS_OWN_ATTRS:
            object.__setattr__(self, attr, val)
        else:
            setattr(self.__origin__, attr, val)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __dir__(self):
        names = set(dir(self.__origin__))
        names.update(object.__dir__(self))
        return sorted(n for n in names if not _is_dunder(n) or n in self.__dict__)


class _GenericAlias(_BaseGenericAlias):
    """A subscripted generic: List[int], Box[T], Union[int, str], ..."""

    def __init__(self, origin, args, *, inst=True, name=None, _paramspec_tvars=False):
        super().__init__(origin, inst=inst, name=name)
        if not isinstance(args, tuple):
            args = (args,)
        self.__args__ = tuple(... if a is _TypingEllipsis else a for a in args)
        self.__parameters__ = _collect_parameters(args)
        self._paramspec_tvars = _paramspec_tvars
        if not name:
            self.__module__ = origin.__module__

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self._origin_key() == other._origin_key() and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._origin_key(), self.__args__))

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __getitem__(self, args):
        if self._origin in (Generic, Protocol):
            raise TypeError(f"Cannot subscript already-subscripted {self}")
        if not self.__parameters__:
            raise TypeError(f"{self} is not a generic class")
        if not isinstance(args, tuple):
            args = (args,)
        args = tuple(_type_convert(p) for p in args)
        return self.copy_with(self._substitute(args))

    def _substitute(self, args):
        """The arguments with each of our type variables replaced by its new value."""
        params = self.__parameters__
        for param in params:
            prepare = getattr(param, "__typing_prepare_subst__", None)
            if prepare is not None:
                args = prepare(self, args)
        alen = len(args)
        plen = len(params)
        if alen != plen:
            many = "many" if alen > plen else "few"
            raise TypeError(f"Too {many} arguments for {self}; actual {alen}, expected {plen}")
        value_of = dict(zip(params, args))
        callable_origin = isinstance(self, _CallableGenericAlias)
        new_args = []
        for old in self.__args__:
            if isinstance(old, type):
                new_args.append(old)
                continue
            subst = getattr(old, "__typing_subst__", None)
            if subst is not None:
                new = subst(value_of[old])
            else:
                inner = getattr(old, "__parameters__", ())
                if inner:
                    new = old[tuple(value_of[x] for x in inner)]
                else:
                    new = old
            if callable_origin and isinstance(new, tuple):
                # A ParamSpec replaced by a parameter list spreads into Callable's args.
                new_args.extend(new)
            else:
                new_args.append(new)
        return tuple(new_args)

    def copy_with(self, args):
        return self.__class__(self._origin, args, name=self._name, inst=self._inst,
                              _paramspec_tvars=self._paramspec_tvars)

    def __repr__(self):
        if self._name:
            name = "typing." + self._name
        else:
            name = _type_repr(self.__origin__)
        if self.__args__:
            args = ", ".join(_type_repr(a) for a in self.__args__)
        else:
            args = "()"
        return f"{name}[{args}]"

    def __reduce__(self):
        if self._name:
            origin = globals()[self._name]
        else:
            origin = self.__origin__
        args = self.__args__
        if len(args) == 1 and not isinstance(args[0], tuple):
            args, = args
        import operator
        return operator.getitem, (origin, args)

    def __mro_entries__(self, bases):
        if isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot subclass {self!r}")
        if self._name:
            return super().__mro_entries__(bases)
        if self.__origin__ is Generic:
            if any(b is Protocol for b in bases):
                return _note_bases(self, bases, ())
            if any(b is self for b in bases):
                i = [k for k, b in enumerate(bases) if b is self][0]
                for b in bases[i + 1:]:
                    if isinstance(b, _BaseGenericAlias) and b is not self:
                        return ()
            elif any(b is Generic for b in bases):
                return _note_bases(self, bases, ())
        return _note_bases(self, bases, (self.__origin__,))

    def __iter__(self):
        yield Unpack[self]


class _SpecialGenericAlias(_NotIterable, _BaseGenericAlias):
    """The bare aliases List, Iterable, Dict, ...: subscripting checks the number of
    arguments. The origin may be named "module:attr", imported on first use."""

    def __init__(self, origin, nparams, *, inst=True, name=None):
        if name is None:
            name = origin.__name__
        super().__init__(origin, inst=inst, name=name)
        self._nparams = nparams
        if not isinstance(origin, str) and origin.__module__ == "builtins":
            self.__doc__ = f"A generic version of {origin.__qualname__}."
        else:
            where = origin.replace(":", ".") if isinstance(origin, str) \
                else f"{origin.__module__}.{origin.__qualname__}"
            self.__doc__ = f"A generic version of {where}."

    def __getitem__(self, params):
        return _cached(self, type(self)._subscript, params)

    def _subscript(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        msg = "Parameters to generic types must be types."
        params = tuple(_type_check(p, msg) for p in params)
        _check_generic(self, params, self._nparams)
        return self.copy_with(params)

    def copy_with(self, params):
        return _GenericAlias(self._origin, params, name=self._name, inst=self._inst)

    def __repr__(self):
        return "typing." + self._name

    def __subclasscheck__(self, cls):
        if isinstance(cls, _SpecialGenericAlias):
            return issubclass(cls.__origin__, self.__origin__)
        if not isinstance(cls, _GenericAlias):
            return issubclass(cls, self.__origin__)
        return super().__subclasscheck__(cls)

    def __reduce__(self):
        return self._name

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


def _resolve_origin(spec):
    module_name, attr = spec.split(":")
    if module_name == "collections.abc":
        import collections.abc as module
        return getattr(module, attr)
    module = __import__(module_name)
    return getattr(module, attr)


class _CallableGenericAlias(_NotIterable, _GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and _is_param_expr(args[0]):
            return super().__repr__()
        params = ", ".join(_type_repr(a) for a in args[:-1])
        return f"typing.Callable[[{params}], {_type_repr(args[-1])}]"

    def __reduce__(self):
        args = self.__args__
        if not (len(args) == 2 and _is_param_expr(args[0])):
            args = list(args[:-1]), args[-1]
        import operator
        return operator.getitem, (Callable, args)

    def copy_with(self, params):
        return _CallableGenericAlias(self._origin, params, name=self._name,
                                     inst=self._inst, _paramspec_tvars=True)


class _CallableType(_SpecialGenericAlias):
    def copy_with(self, params):
        return _CallableGenericAlias(self._origin, params, name=self._name,
                                     inst=self._inst, _paramspec_tvars=True)

    def _subscript(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if isinstance(args, list):
            args = tuple(args)
        result = _type_check(result, "Callable[args, result]: result must be a type.")
        if args is ...:
            return self.copy_with((_TypingEllipsis, result))
        if not isinstance(args, tuple):
            args = (args,)
        args = tuple(_type_convert(a) for a in args)
        return self.copy_with(args + (result,))


class _TupleType(_SpecialGenericAlias):
    def _subscript(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if len(params) >= 2 and params[-1] is ...:
            msg = "Tuple[t, ...]: t must be a type."
            params = tuple(_type_check(p, msg) for p in params[:-1])
            return self.copy_with((*params, _TypingEllipsis))
        msg = "Tuple[t0, t1, ...]: each t must be a type."
        params = tuple(_type_check(p, msg) for p in params)
        return self.copy_with(params)


def _issubclass(cls, classinfo):
    """issubclass(), asking a non-class `classinfo` through its __subclasscheck__ (which
    apy's issubclass() skips)."""
    if not isinstance(classinfo, (type, tuple)):
        check = getattr(type(classinfo), "__subclasscheck__", None)
        if check is not None:
            return bool(check(classinfo, cls))
    return issubclass(cls, classinfo)


class _UnionGenericAlias(_NotIterable, _GenericAlias):
    def copy_with(self, params):
        return Union[params]

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is _NoneType:
                return f"typing.Optional[{_type_repr(args[1])}]"
            if args[1] is _NoneType:
                return f"typing.Optional[{_type_repr(args[0])}]"
        inner = ", ".join(_type_repr(a) for a in args)
        return f"typing.Union[{inner}]"

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        for arg in self.__args__:
            if _issubclass(cls, arg):
                return True
        return False

    def __reduce__(self):
        import operator
        return operator.getitem, (Union, self.__args__)


class _LiteralGenericAlias(_GenericAlias):
    def __eq__(self, other):
        if not isinstance(other, _LiteralGenericAlias):
            return NotImplemented
        return set(_value_and_type_iter(self.__args__)) == set(_value_and_type_iter(other.__args__))

    def __hash__(self):
        return hash(frozenset(_value_and_type_iter(self.__args__)))


class _ConcatenateGenericAlias(_GenericAlias):
    def copy_with(self, params):
        if isinstance(params[-1], (list, tuple)):
            return (*params[:-1], *params[-1])
        if isinstance(params[-1], _ConcatenateGenericAlias):
            params = (*params[:-1], *params[-1].__args__)
        return super().copy_with(params)


class _UnpackGenericAlias(_GenericAlias):
    def __repr__(self):
        return "*" + repr(self.__args__[0])

    def __getitem__(self, args):
        if self.__typing_is_unpacked_typevartuple__:
            return args
        return super().__getitem__(args)

    @property
    def __typing_is_unpacked_typevartuple__(self):
        return isinstance(self.__args__[0], TypeVarTuple)


class _TypingEllipsis:
    """Internal placeholder for ... in Tuple[int, ...] and Callable[..., int]."""


# --- Generic -----------------------------------------------------------------------


class Protocol:
    """Stands for `Protocol` until `_typing_special` defines it (at the end of this
    module): `_type_check` and `Generic[...]` compare against the name."""


class _GenericClassAttr:
    """`__parameters__` and `__orig_bases__` of a generic class not set up when it was
    made. apy runs `__init_subclass__` only when the first base's MRO defines it, so
    `class C(list, Generic[T])` misses Generic's; such a class is set up here, the
    first time either attribute (or `C[...]`) is asked for."""

    def __init__(self, name):
        self._name = name

    def __get__(self, obj, owner=None):
        if owner is None:
            owner = type(obj)
        for klass in reversed(owner.__mro__):
            if (klass is not Generic and "__parameters__" not in klass.__dict__
                    and issubclass(klass, Generic)):
                _init_generic_subclass(klass, late=True)
        for klass in owner.__mro__:
            value = klass.__dict__.get(self._name, self)
            if value is not self:
                return value
        raise AttributeError(f"type object '{owner.__name__}' has no attribute '{self._name}'")


class Generic:
    """Abstract base class for generic types: `class Box(Generic[T])`."""

    __slots__ = ()
    _is_protocol = False
    __parameters__ = _GenericClassAttr("__parameters__")
    __orig_bases__ = _GenericClassAttr("__orig_bases__")

    def __class_getitem__(cls, params):
        return _cached(cls, _generic_class_getitem, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        _init_generic_subclass(cls)


def _generic_class_getitem(cls, params):
    if not isinstance(params, tuple):
        params = (params,)
    params = tuple(_type_convert(p) for p in params)
    if cls in (Generic, Protocol):
        if not params:
            raise TypeError(f"Parameter list to {cls.__qualname__}[...] cannot be empty")
        if not all(_is_typevar_like(p) for p in params):
            raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                            "or parameter specification variables.")
        if len(set(params)) != len(params):
            raise TypeError(f"Parameters to {cls.__name__}[...] must all be unique")
    else:
        for param in cls.__parameters__:
            prepare = getattr(param, "__typing_prepare_subst__", None)
            if prepare is not None:
                params = prepare(cls, params)
        _check_generic(cls, params, len(cls.__parameters__))
    return _GenericAlias(cls, params, _paramspec_tvars=True)


def _init_generic_subclass(cls, late=False):
    """Sets `__parameters__` (and, under apy, `__orig_bases__`) of a new generic class."""
    if "__orig_bases__" not in cls.__dict__:
        orig = _take_orig_bases(cls.__bases__, oldest=late)
        if orig is not None:
            cls.__orig_bases__ = orig
    d = cls.__dict__
    if "__orig_bases__" in d:
        error = any(b is Generic for b in cls.__orig_bases__)
    else:
        error = (Generic in cls.__bases__ and cls.__name__ != "Protocol"
                 and not getattr(type(cls), "_is_typeddict_meta", False))
    # Set up late, the class may simply have lost its notes: do not fail it then.
    if error and not late:
        raise TypeError("Cannot inherit from plain Generic")
    tvars = []
    if "__orig_bases__" in d:
        tvars = _collect_parameters(cls.__orig_bases__)
        gvars = None
        for base in cls.__orig_bases__:
            if isinstance(base, _GenericAlias) and base.__origin__ is Generic:
                if gvars is not None:
                    raise TypeError("Cannot inherit from Generic[...] multiple times.")
                gvars = base.__parameters__
        if gvars is not None:
            missing = [t for t in tvars if t not in gvars]
            if missing:
                s_vars = ", ".join(str(t) for t in missing)
                s_args = ", ".join(str(g) for g in gvars)
                raise TypeError(f"Some type variables ({s_vars}) are not listed in "
                                f"Generic[{s_args}]")
            tvars = gvars
    cls.__parameters__ = tuple(tvars)


# --- the aliases -------------------------------------------------------------------

_alias = _SpecialGenericAlias

Hashable = _alias("collections.abc:Hashable", 0, name="Hashable")
Awaitable = _alias("collections.abc:Awaitable", 1, name="Awaitable")
Coroutine = _alias("collections.abc:Coroutine", 3, name="Coroutine")
AsyncIterable = _alias("collections.abc:AsyncIterable", 1, name="AsyncIterable")
AsyncIterator = _alias("collections.abc:AsyncIterator", 1, name="AsyncIterator")
Iterable = _alias("collections.abc:Iterable", 1, name="Iterable")
Iterator = _alias("collections.abc:Iterator", 1, name="Iterator")
Reversible = _alias("collections.abc:Reversible", 1, name="Reversible")
Sized = _alias("collections.abc:Sized", 0, name="Sized")
Container = _alias("collections.abc:Container", 1, name="Container")
Collection = _alias("collections.abc:Collection", 1, name="Collection")
Callable = _CallableType("collections.abc:Callable", 2, name="Callable")
Callable.__doc__ = "Deprecated alias to collections.abc.Callable."
AbstractSet = _alias("collections.abc:Set", 1, name="AbstractSet")
MutableSet = _alias("collections.abc:MutableSet", 1, name="MutableSet")
Mapping = _alias("collections.abc:Mapping", 2, name="Mapping")
MutableMapping = _alias("collections.abc:MutableMapping", 2, name="MutableMapping")
Sequence = _alias("collections.abc:Sequence", 1, name="Sequence")
MutableSequence = _alias("collections.abc:MutableSequence", 1, name="MutableSequence")
ByteString = _alias("collections.abc:ByteString", 0, name="ByteString")
Tuple = _TupleType(tuple, -1, inst=False, name="Tuple")
List = _alias(list, 1, inst=False, name="List")
Deque = _alias("collections:deque", 1, name="Deque")
Set = _alias(set, 1, inst=False, name="Set")
FrozenSet = _alias(frozenset, 1, inst=False, name="FrozenSet")
MappingView = _alias("collections.abc:MappingView", 1, name="MappingView")
KeysView = _alias("collections.abc:KeysView", 1, name="KeysView")
ItemsView = _alias("collections.abc:ItemsView", 2, name="ItemsView")
ValuesView = _alias("collections.abc:ValuesView", 1, name="ValuesView")
ContextManager = _alias("contextlib:AbstractContextManager", 1, name="ContextManager")
AsyncContextManager = _alias("contextlib:AbstractAsyncContextManager", 1,
                             name="AsyncContextManager")
Dict = _alias(dict, 2, inst=False, name="Dict")
DefaultDict = _alias("collections:defaultdict", 2, name="DefaultDict")
OrderedDict = _alias("collections:OrderedDict", 2, name="OrderedDict")
Counter = _alias("collections:Counter", 1, name="Counter")
ChainMap = _alias("collections:ChainMap", 2, name="ChainMap")
Generator = _alias("collections.abc:Generator", 3, name="Generator")
AsyncGenerator = _alias("collections.abc:AsyncGenerator", 2, name="AsyncGenerator")
Type = _alias(type, 1, inst=False, name="Type")
Pattern = _alias("re:Pattern", 1, name="Pattern")
Match = _alias("re:Match", 1, name="Match")

# The type variables the library's own generics use.
T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")
T_co = TypeVar("T_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)
VT_co = TypeVar("VT_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
CT_co = TypeVar("CT_co", covariant=True, bound=type)
AnyStr = TypeVar("AnyStr", bytes, str)
for _tv in (T, KT, VT, T_co, V_co, VT_co, T_contra, CT_co, AnyStr):
    _tv.__module__ = "typing"
del _tv

Text = str
TYPE_CHECKING = False


def get_origin(tp):
    """The unsubscripted version of a type: get_origin(List[int]) is list."""
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_BaseGenericAlias, _GenericAliasType, ParamSpecArgs, ParamSpecKwargs)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """The type arguments with all substitutions performed:
    get_args(Dict[str, int]) == (str, int)."""
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, (_GenericAlias, _GenericAliasType)):
        res = tp.__args__
        if isinstance(tp, _CallableGenericAlias) and not (len(res) == 2 and _is_param_expr(res[0])):
            res = (list(res[:-1]), res[-1])
        return res
    return ()


from _typing_special import (
    ForwardRef, Annotated, Protocol, runtime_checkable, SupportsInt, SupportsFloat,
    SupportsComplex, SupportsBytes, SupportsIndex, SupportsAbs, SupportsRound, cast,
    assert_type, reveal_type, assert_never, overload, get_overloads, clear_overloads,
    final, dataclass_transform, _AnnotatedAlias, _eval_type, _ProtocolMeta,
    EXCLUDED_ATTRIBUTES,
)

# The names defined in _typing_extra, loaded on first use.
_EXTRA = frozenset({
    "NamedTuple", "NamedTupleMeta", "TypedDict", "is_typeddict", "NewType",
    "get_type_hints", "IO", "TextIO", "BinaryIO", "no_type_check",
    "no_type_check_decorator",
})


def __getattr__(name):
    if name in _EXTRA:
        import _typing_extra
        for extra in _EXTRA:
            globals()[extra] = getattr(_typing_extra, extra)
        return globals()[name]
    raise AttributeError(f"module 'typing' has no attribute '{name}'")
