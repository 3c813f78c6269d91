"""The heavier, rarer part of `typing`: NamedTuple, TypedDict, NewType, get_type_hints,
IO/TextIO/BinaryIO and the no_type_check decorators.

`typing` loads this module through its `__getattr__` the first time one of these names
is asked for, and re-exports them; everything here says `__module__ = "typing"`, so
reprs and error messages are those of CPython's single module.

apy has no `collections.namedtuple`, so `NamedTuple` builds its classes itself
(`_make_namedtuple`): the class layout CPython's `namedtuple` makes, with a generated
`__new__` whose signature gives CPython's argument errors. `NamedTuple` and `TypedDict`
are functions in CPython that can also stand in a class's bases; apy looks
`__mro_entries__` up on the type only, so here they are instances of `_BaseFunction`.

Not provided: see `typing`'s docstring. The keyword-argument form of `TypedDict(...)`
works but does not emit CPython's DeprecationWarning.
"""

import sys
import types

from typing import (
    Annotated, Generic, ForwardRef, NotRequired, Required, AnyStr, Union,
    _GenericAlias, _GenericAliasType, _AnnotatedAlias, _caller, _eval_type, _note_bases,
    _take_orig_bases, _type_check, _init_generic_subclass, get_origin, get_args,
)

# --- namedtuple classes ------------------------------------------------------------

_KEYWORDS = frozenset((
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield",
))


# The read-only property of one namedtuple field. Its __doc__ is per instance, so the
# class has no docstring; nor __slots__, which make apy ignore an object's __get__.
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

    def __repr__(self):
        return f"_tuplegetter({self._index}, {self.__doc__!r})"


_tuplegetter.__module__ = "collections"


def _make_namedtuple(typename, field_names, *, defaults=None, module=None,
                     bases=(tuple,), extra=None):
    """A tuple subclass with named fields, as `collections.namedtuple` makes it.
    `extra` goes into the class namespace (used for `__orig_bases__`)."""
    field_names = tuple(str(name) for name in field_names)
    typename = str(typename)
    for name in (typename, *field_names):
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_"):
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

    num_fields = len(field_names)
    arg_list = ", ".join(field_names)
    if num_fields == 1:
        arg_list += ","

    # __new__ is generated so that a wrong call fails with CPython's message.
    namespace = {"_tuple_new": tuple.__new__, "__name__": f"namedtuple_{typename}"}
    exec(f"def __new__(_cls, {arg_list}):\n    return _tuple_new(_cls, ({arg_list}))\n",
         namespace)
    __new__ = namespace["__new__"]
    __new__.__qualname__ = f"{typename}.__new__"
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
        values = [kwds.pop(name, value) for name, value in zip(field_names, self)]
        result = self._make(values)
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = "Return a new namedtuple object replacing specified fields with new values"

    def __repr__(self):
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(field_names, self))
        return f"{self.__class__.__name__}({inner})"

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    # The docstrings CPython's namedtuple gives these methods (set explicitly: they are
    # part of what the class shows, and apy keeps no function docstrings).
    __repr__.__doc__ = "Return a nicely formatted representation string"
    _asdict.__doc__ = "Return a new dict which maps field names to their values."
    __getnewargs__.__doc__ = "Return self as a plain tuple.  Used by copy and pickle."

    for method in (_make, _replace, __repr__, _asdict, __getnewargs__):
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
    class_namespace["__module__"] = module if module is not None else "__main__"
    class_namespace["__qualname__"] = typename
    if extra:
        class_namespace.update(extra)
    return type(typename, bases, class_namespace)


def _make_nmtuple(name, fields, module, defaults=(), bases=(tuple,), extra=None):
    fields = list(fields)
    names = [n for n, _ in fields]
    annotations = {n: _type_check(t, f"field {n} annotation must be a type") for n, t in fields}
    cls = _make_namedtuple(name, names, defaults=defaults, module=module, bases=bases,
                           extra=extra)
    cls.__annotations__ = cls.__new__.__annotations__ = annotations
    return cls


# Attributes a NamedTuple class body may not define, and those it defines anyway.
_prohibited = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                         "_field_defaults", "_make", "_replace", "_asdict", "_source"})
_special = frozenset({"__module__", "__name__", "__annotations__", "__qualname__"})


class NamedTupleMeta(type):
    """Turns `class P(NamedTuple): x: int` into a namedtuple class."""

    __module__ = "typing"

    def __new__(cls, typename, bases, ns):
        orig_bases = ns.get("__orig_bases__") or _take_orig_bases(bases)
        for base in bases:
            if base is not _NamedTuple and base is not Generic:
                raise TypeError("can only inherit from a NamedTuple type and Generic")
        bases = tuple(tuple if base is _NamedTuple else base for base in bases)
        annotations = ns.get("__annotations__", {})
        default_names = []
        for field_name in annotations:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                plural = "s" if len(default_names) > 1 else ""
                raise TypeError(f"Non-default namedtuple field {field_name} cannot follow "
                                f"default field{plural} {', '.join(default_names)}")
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
        extra = {"__orig_bases__": orig_bases} if orig_bases is not None else None
        nm_tpl = _make_nmtuple(typename, annotations.items(),
                               defaults=[ns[n] for n in default_names],
                               module=ns.get("__module__"), bases=bases, extra=extra)
        for key in ns:
            if key not in _special and key not in nm_tpl._fields and key != "__orig_bases__":
                value = ns[key]
                setattr(nm_tpl, key, value)
                set_name = getattr(type(value), "__set_name__", None)
                if set_name is not None:
                    set_name(value, nm_tpl, key)
        nm_tpl.__qualname__ = ns.get("__qualname__", typename)
        if Generic in bases and "__parameters__" not in nm_tpl.__dict__:
            # apy ran no __init_subclass__: tuple, the first base, has none of its own.
            _init_generic_subclass(nm_tpl)
        return nm_tpl


class _BaseFunction:
    """A function that may also appear among a class's bases (NamedTuple, TypedDict)."""

    def __init__(self, func, base):
        self._func = func
        self._base = base
        self.__name__ = self.__qualname__ = func.__name__
        self.__doc__ = func.__doc__
        self.__module__ = "typing"

    def __call__(self, *args, **kwargs):
        return self._func(*args, **kwargs)

    def __mro_entries__(self, bases):
        return _note_bases(self, bases, (self._base,))

    def __repr__(self):
        return f"<function {self.__name__} at {id(self):#x}>"


def _namedtuple_function(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    elif kwargs:
        raise TypeError("Either list of fields or keywords can be provided to NamedTuple, "
                        "not both")
    return _make_nmtuple(typename, fields, module=_caller(2))


_namedtuple_function.__name__ = "NamedTuple"
_namedtuple_function.__qualname__ = "NamedTuple"
_namedtuple_function.__doc__ = "A namedtuple class whose fields have types."

_NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {"__module__": "typing"})
NamedTuple = _BaseFunction(_namedtuple_function, _NamedTuple)


# --- TypedDict ---------------------------------------------------------------------


class _TypedDictMeta(type):
    """Makes TypedDict classes: plain dict subclasses that remember their keys."""

    __module__ = "typing"

    _is_typeddict_meta = True

    def __new__(cls, name, bases, ns, total=True):
        for base in bases:
            if type(base) is not _TypedDictMeta and base is not Generic:
                raise TypeError("cannot inherit from both a TypedDict type "
                                "and a non-TypedDict base class")
        if "__orig_bases__" not in ns:
            orig_bases = _take_orig_bases(bases)
            if orig_bases is not None:
                ns = dict(ns)
                ns["__orig_bases__"] = orig_bases
        generic_base = (Generic,) if any(issubclass(b, Generic) for b in bases) else ()
        tp_dict = type.__new__(_TypedDictMeta, name, (*generic_base, dict), ns)
        if generic_base and "__parameters__" not in tp_dict.__dict__:
            _init_generic_subclass(tp_dict)

        msg = "TypedDict('Name', {f0: t0, f1: t1, ...}); each t must be a type"
        own = {n: _type_check(tp, msg, module=tp_dict.__module__)
               for n, tp in ns.get("__annotations__", {}).items()}
        annotations = {}
        required_keys = set()
        optional_keys = set()
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
            required_keys.update(base.__dict__.get("__required_keys__", ()))
            optional_keys.update(base.__dict__.get("__optional_keys__", ()))
        annotations.update(own)
        for key, tp in own.items():
            origin = get_origin(tp)
            if origin is Annotated:
                args = get_args(tp)
                if args:
                    origin = get_origin(args[0])
            if origin is Required:
                required = True
            elif origin is NotRequired:
                required = False
            else:
                required = total
            (required_keys if required else optional_keys).add(key)
        tp_dict.__annotations__ = annotations
        tp_dict.__required_keys__ = frozenset(required_keys)
        tp_dict.__optional_keys__ = frozenset(optional_keys)
        if "__total__" not in tp_dict.__dict__ and not hasattr(tp_dict, "__total__"):
            tp_dict.__total__ = total
        return tp_dict

    def __call__(cls, /, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError("TypedDict does not support instance and class checks")

    __instancecheck__ = __subclasscheck__


def _typeddict_function(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    elif kwargs:
        raise TypeError("TypedDict takes either a dict or keyword arguments, but not both")
    ns = {"__annotations__": dict(fields)}
    module = _caller(2)
    if module is not None:
        ns["__module__"] = module
    return _TypedDictMeta(typename, (), ns, total=total)


_typeddict_function.__name__ = "TypedDict"
_typeddict_function.__qualname__ = "TypedDict"
_typeddict_function.__doc__ = "A dict type whose keys have types; its instances are plain dicts."

_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {"__module__": "typing"})
TypedDict = _BaseFunction(_typeddict_function, _TypedDict)


def is_typeddict(tp):
    """Whether `tp` is a TypedDict class."""
    return isinstance(tp, _TypedDictMeta)


# --- NewType -----------------------------------------------------------------------


class NewType:
    """A distinct name for an existing type; calling it returns the argument."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        if "." in name:
            name = name.rpartition(".")[-1]
        self.__name__ = name
        self.__supertype__ = tp
        module = _caller(1)
        if module != "typing":
            self.__module__ = module

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("_typing._idfunc() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"_typing._idfunc() takes exactly one argument ({len(args)} given)")
        return args[0]

    def __mro_entries__(self, bases):
        # Subclassing a NewType fails with a hint, raised when the class is made.
        supertype_name = self.__name__

        class Dummy:
            def __init_subclass__(cls):
                name = cls.__name__
                raise TypeError(f"Cannot subclass an instance of NewType. Perhaps you were "
                                f"looking for: `{name} = NewType({name!r}, {supertype_name})`")

        return (Dummy,)

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __reduce__(self):
        return self.__qualname__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


NewType.__module__ = "typing"


# --- get_type_hints ----------------------------------------------------------------

_allowed_types = (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                  types.ModuleType)


def _strip_annotations(t):
    """`t` without Annotated, Required and NotRequired wrappers, recursively."""
    if isinstance(t, _AnnotatedAlias):
        return _strip_annotations(t.__origin__)
    if isinstance(t, _GenericAlias) and t.__origin__ in (Required, NotRequired):
        return _strip_annotations(t.__args__[0])
    if isinstance(t, _GenericAlias):
        stripped = tuple(_strip_annotations(a) for a in t.__args__)
        if stripped == t.__args__:
            return t
        return t.copy_with(stripped)
    if isinstance(t, _GenericAliasType):
        stripped = tuple(_strip_annotations(a) for a in t.__args__)
        if stripped == t.__args__:
            return t
        return _GenericAliasType(t.__origin__, stripped)
    return t


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a module, class or function as types: strings evaluated in
    the defining module (or the namespaces given), None as NoneType, Annotated,
    Required and NotRequired unwrapped unless include_extras. A class gets the merged
    annotations of its MRO, base classes first."""
    if getattr(obj, "__no_type_check__", None):
        return {}
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            if globalns is None:
                base_globals = getattr(sys.modules.get(base.__module__, None), "__dict__", {})
            else:
                base_globals = globalns
            ann = base.__dict__.get("__annotations__", {})
            if not isinstance(ann, dict):
                ann = {}
            base_locals = dict(vars(base)) if localns is None else localns
            if localns is None and globalns is None:
                # Names in the class body win over the module's, as in CPython: the
                # class namespace is searched after the module's locals.
                base_globals, base_locals = base_locals, base_globals
            for name, value in ann.items():
                if value is None:
                    value = type(None)
                if isinstance(value, str):
                    value = ForwardRef(value, is_argument=False, is_class=True)
                hints[name] = _eval_type(value, base_globals, base_locals)
        if include_extras:
            return hints
        return {k: _strip_annotations(t) for k, t in hints.items()}

    if globalns is None:
        if isinstance(obj, types.ModuleType):
            globalns = obj.__dict__
        else:
            nsobj = obj
            while hasattr(nsobj, "__wrapped__"):
                nsobj = nsobj.__wrapped__
            globalns = getattr(nsobj, "__globals__", {})
        if localns is None:
            localns = globalns
    elif localns is None:
        localns = globalns
    hints = getattr(obj, "__annotations__", None)
    if hints is None:
        if isinstance(obj, _allowed_types):
            return {}
        raise TypeError(f"{obj!r} is not a module, class, method, or function.")
    hints = dict(hints)
    for name, value in hints.items():
        if value is None:
            value = type(None)
        if isinstance(value, str):
            value = ForwardRef(value, is_argument=not isinstance(obj, types.ModuleType),
                               is_class=False)
        hints[name] = _eval_type(value, globalns, localns)
    if include_extras:
        return hints
    return {k: _strip_annotations(t) for k, t in hints.items()}


# --- no_type_check -----------------------------------------------------------------


def no_type_check(arg):
    """Says the annotations of a function, or of a class and the methods it defines,
    are not type hints: sets `__no_type_check__`, which get_type_hints honours."""
    if isinstance(arg, type):
        for key in dir(arg):
            obj = getattr(arg, key)
            if (not hasattr(obj, "__qualname__")
                    or obj.__qualname__ != f"{arg.__qualname__}.{obj.__name__}"
                    or getattr(obj, "__module__", None) != arg.__module__):
                # Inherited or borrowed from elsewhere: leave it alone.
                continue
            if isinstance(obj, types.FunctionType):
                obj.__no_type_check__ = True
            if isinstance(obj, types.MethodType):
                obj.__func__.__no_type_check__ = True
            if isinstance(obj, type):
                no_type_check(obj)
    try:
        arg.__no_type_check__ = True
    except TypeError:
        pass
    return arg


def no_type_check_decorator(decorator):
    """Wraps a decorator so that what it returns is also @no_type_check."""

    def wrapped_decorator(*args, **kwds):
        func = decorator(*args, **kwds)
        func = no_type_check(func)
        return func

    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(wrapped_decorator, attr, getattr(decorator, attr))
        except AttributeError:
            pass
    wrapped_decorator.__dict__.update(getattr(decorator, "__dict__", {}))
    wrapped_decorator.__wrapped__ = decorator
    return wrapped_decorator


# --- IO ----------------------------------------------------------------------------


def _abstract(func):
    func.__isabstractmethod__ = True
    return func


class IO(Generic[AnyStr]):
    """The methods of a file object, generic in str or bytes."""

    __slots__ = ()
    __module__ = "typing"

    @property
    @_abstract
    def mode(self) -> str:
        pass

    @property
    @_abstract
    def name(self) -> str:
        pass

    @_abstract
    def close(self) -> None:
        pass

    @property
    @_abstract
    def closed(self) -> bool:
        pass

    @_abstract
    def fileno(self) -> int:
        pass

    @_abstract
    def flush(self) -> None:
        pass

    @_abstract
    def isatty(self) -> bool:
        pass

    @_abstract
    def read(self, n: int = -1) -> AnyStr:
        pass

    @_abstract
    def readable(self) -> bool:
        pass

    @_abstract
    def readline(self, limit: int = -1) -> AnyStr:
        pass

    @_abstract
    def readlines(self, hint: int = -1):
        pass

    @_abstract
    def seek(self, offset: int, whence: int = 0) -> int:
        pass

    @_abstract
    def seekable(self) -> bool:
        pass

    @_abstract
    def tell(self) -> int:
        pass

    @_abstract
    def truncate(self, size: int = None) -> int:
        pass

    @_abstract
    def writable(self) -> bool:
        pass

    @_abstract
    def write(self, s: AnyStr) -> int:
        pass

    @_abstract
    def writelines(self, lines) -> None:
        pass

    @_abstract
    def __enter__(self):
        pass

    @_abstract
    def __exit__(self, type, value, traceback) -> None:
        pass


class BinaryIO(IO[bytes]):
    """A file object opened in binary mode."""

    __slots__ = ()
    __module__ = "typing"

    @_abstract
    def write(self, s) -> int:
        pass

    @_abstract
    def __enter__(self):
        pass


class TextIO(IO[str]):
    """A file object opened in text mode."""

    __slots__ = ()
    __module__ = "typing"

    @property
    @_abstract
    def buffer(self):
        pass

    @property
    @_abstract
    def encoding(self) -> str:
        pass

    @property
    @_abstract
    def errors(self):
        pass

    @property
    @_abstract
    def line_buffering(self) -> bool:
        pass

    @property
    @_abstract
    def newlines(self):
        pass

    @_abstract
    def __enter__(self):
        pass
