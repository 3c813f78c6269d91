"""The part of `types` that is loaded on first use: the mapping proxy, the descriptor
and frame types, `DynamicClassAttribute` and the `new_class` family.

`sys` loads `types` at every start (for `sys.implementation`), so `types` keeps only
what costs nothing and hands out these names from its module `__getattr__`. This
module may import `sys`: by the time anyone asks for one of its names, `sys` exists.

Each type is taken from an object of it when apy has that kind of object. Where apy
has no separate type (it makes slot wrappers, method wrappers, method descriptors,
classmethod descriptors and getset descriptors all ordinary builtin functions, or
leaves them out), the name is bound to a stand-in class with CPython's type name that
nothing is an instance of and that cannot be instantiated; as soon as apy grows the
real type, the check below picks it up instead.
"""

import sys


def _placeholder(name):
    """A stand-in for a built-in type apy does not have: right name, no instances."""

    def __new__(cls, *args, **kwargs):
        raise TypeError(f"cannot create '{cls.__name__}' instances")

    return type(name, (), {'__module__': 'builtins', '__new__': __new__,
                           '__slots__': ()})


def _type_named(name, make):
    """The type of what `make()` returns when it is the type CPython calls `name`,
    else a stand-in."""
    try:
        found = type(make())
    except (AttributeError, KeyError, TypeError):
        found = None
    if found is not None and found.__name__ == name:
        return found
    return _placeholder(name)


def _cell():
    value = None

    def read():
        return value

    return read.__closure__[0]


class _Slotted:
    __slots__ = ('slot',)


def _traceback():
    try:
        raise TypeError
    except TypeError as exc:
        return exc.__traceback__


CellType = type(_cell())
FrameType = type(sys._getframe())
TracebackType = type(_traceback())
MemberDescriptorType = type(_Slotted.__dict__['slot'])
GetSetDescriptorType = _type_named('getset_descriptor', lambda: type.__dict__['__dict__'])
WrapperDescriptorType = _type_named('wrapper_descriptor', lambda: object.__init__)
MethodWrapperType = _type_named('method-wrapper', lambda: object().__str__)
MethodDescriptorType = _type_named('method_descriptor', lambda: str.join)
ClassMethodDescriptorType = _type_named('classmethod_descriptor',
                                        lambda: dict.__dict__['fromkeys'])

del _cell, _Slotted, _traceback, _type_named


def _is_mapping(obj):
    # What CPython's mappingproxy() accepts: anything subscriptable that is not a
    # sequence spelled as a list or tuple.
    return (hasattr(type(obj), '__getitem__')
            and not isinstance(obj, (list, tuple)))


class mappingproxy:
    """A read-only view of a mapping: reads go to the mapping, so the view follows
    its changes, and there is no way to write through it."""

    __slots__ = ('__mapping',)
    __module__ = 'builtins'

    def __new__(*args, **kwargs):
        # Argument checks in the order of CPython's C argument parser.
        cls, args = args[0], args[1:]
        given = len(args) + len(kwargs)
        if given > 1:
            keyword = '' if args else 'keyword '
            raise TypeError(f"mappingproxy() takes at most 1 {keyword}argument "
                            f"({given} given)")
        if args:
            mapping = args[0]
        elif 'mapping' in kwargs:
            mapping = kwargs['mapping']
        else:
            raise TypeError("mappingproxy() missing required argument 'mapping' (pos 1)")
        if not _is_mapping(mapping):
            raise TypeError("mappingproxy() argument must be a mapping, "
                            f"not {type(mapping).__name__}")
        self = object.__new__(cls)
        self.__mapping = mapping
        return self

    def __getitem__(self, key):
        return self.__mapping[key]

    def __contains__(self, key):
        return key in self.__mapping

    def __iter__(self):
        return iter(self.__mapping)

    def __len__(self):
        return len(self.__mapping)

    def __reversed__(self):
        return reversed(self.__mapping)

    def get(self, key, default=None, /):
        return self.__mapping.get(key, default)

    def keys(self):
        return self.__mapping.keys()

    def values(self):
        return self.__mapping.values()

    def items(self):
        return self.__mapping.items()

    def copy(self):
        return self.__mapping.copy()

    # Comparisons and `|` are the mapping's own, so `proxy == dict` and
    # `proxy | dict` give what the mapping would (and its error messages).
    def __eq__(self, other):
        return self.__mapping == other

    def __ne__(self, other):
        return self.__mapping != other

    def __lt__(self, other):
        return self.__mapping < other

    def __le__(self, other):
        return self.__mapping <= other

    def __gt__(self, other):
        return self.__mapping > other

    def __ge__(self, other):
        return self.__mapping >= other

    def __or__(self, other):
        if isinstance(other, MappingProxyType):
            other = other.__mapping
        return self.__mapping | other

    def __ror__(self, other):
        if isinstance(other, MappingProxyType):
            other = other.__mapping
        return other | self.__mapping

    def __ior__(self, other):
        raise TypeError("'|=' is not supported by mappingproxy; use '|' instead")

    __hash__ = None

    def __repr__(self):
        return f'mappingproxy({self.__mapping!r})'

    def __str__(self):
        return str(self.__mapping)

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)


MappingProxyType = mappingproxy
del mappingproxy


class DynamicClassAttribute:
    """Like `property`, but looking the name up on the class itself raises
    AttributeError, so the metaclass's `__getattr__` answers there instead: an enum
    member's `name` attribute and a member called `name` can both exist this way.
    """

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        # As property: without a doc of its own, the getter's docstring is used, and
        # a later getter() replaces it. (getattr: apy's None has no `__doc__`.)
        self.__doc__ = doc or getattr(fget, '__doc__', None)
        self.overwrite_doc = doc is None
        self.__isabstractmethod__ = bool(getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            # An abstract one is left visible, for ABCMeta to find.
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        if self.fget is None:
            raise AttributeError("unreadable attribute")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def _copy(self, fget, fset, fdel, doc):
        result = type(self)(fget, fset, fdel, doc)
        result.overwrite_doc = self.overwrite_doc
        return result

    def getter(self, fget):
        doc = fget.__doc__ if self.overwrite_doc else None
        return self._copy(fget, self.fset, self.fdel, doc or self.__doc__)

    def setter(self, fset):
        return self._copy(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return self._copy(self.fget, self.fset, fdel, self.__doc__)


DynamicClassAttribute.__module__ = 'types'


def resolve_bases(bases):
    """Replaces each base that is not a class but has `__mro_entries__` with what that
    method returns; gives `bases` itself back when nothing changed."""
    resolved = []
    changed = False
    for base in bases:
        if not isinstance(base, type) and hasattr(base, '__mro_entries__'):
            entries = base.__mro_entries__(bases)
            changed = True
            if not isinstance(entries, tuple):
                raise TypeError("__mro_entries__ must return a tuple")
            resolved.extend(entries)
        else:
            resolved.append(base)
    return tuple(resolved) if changed else bases


def _calculate_meta(meta, bases):
    """The most derived of `meta` and the bases' metaclasses, which must form a chain."""
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        raise TypeError("metaclass conflict: the metaclass of a derived class must be "
                        "a (non-strict) subclass of the metaclasses of all its bases")
    return winner


def prepare_class(name, bases=(), kwds=None):
    """What a class statement does before running the body: returns the metaclass,
    the namespace its `__prepare__` makes, and the keywords left for it."""
    kwds = {} if kwds is None else dict(kwds)
    if 'metaclass' in kwds:
        meta = kwds.pop('metaclass')
    else:
        meta = type(bases[0]) if bases else type
    if isinstance(meta, type):
        meta = _calculate_meta(meta, bases)
    prepare = getattr(meta, '__prepare__', None)
    namespace = {} if prepare is None else prepare(name, bases, **kwds)
    return meta, namespace, kwds


def _has_own_new(meta):
    if not isinstance(meta, type):
        return True
    for klass in meta.__mro__:
        if klass is type:
            return False
        if '__new__' in klass.__dict__:
            return True
    return True


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Makes a class as a class statement would: `exec_body(namespace)` stands for
    the body."""
    resolved = resolve_bases(bases)
    meta, namespace, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(namespace)
    if resolved is not bases:
        namespace['__orig_bases__'] = bases
    # type() takes `__module__` from the code that calls it: this module, unless a
    # metaclass's own `__new__` makes the call. apy's type() leaves it unset, so
    # it is set here for the first case.
    if '__module__' not in namespace and not _has_own_new(meta):
        namespace['__module__'] = 'types'
    return meta(name, resolved, namespace, **kwds)


for _function in (resolve_bases, prepare_class, new_class, _calculate_meta):
    _function.__module__ = 'types'
del _function
