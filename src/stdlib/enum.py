"""`enum`: enumerations, as CPython 3.11's `enum` module defines them.

An enumeration is a class whose metaclass, EnumType, turns the plain names of the
class body into members: instances of the class itself, made once when the class
is made, found again by value (`Color(1)`) or by name (`Color['RED']`). Everything
here follows 3.11's documented behaviour, reprs and messages: `<Color.RED: 1>`,
IntEnum's str and format being the int's, Flag combinations `<Perm.R|W: 6>`,
flag boundaries, `_missing_` and `_generate_next_value_` hooks, the functional API.

How a class body becomes members. CPython lets `__prepare__` hand the class body a
dict subclass (`_EnumDict`) that watches each assignment: it resolves `auto()` on
the spot and refuses a name used twice. The metaclass then swaps every member's
value for a placeholder whose `__set_name__` makes the member while `type.__new__`
runs, so members exist before `__init_subclass__` sees the class. Where the VM only
allows a plain dict as class namespace, `__prepare__` returns one and the metaclass
replays the finished body into an `_EnumDict` in definition order: the result is
the same except that a reused name can no longer be seen (the second assignment
simply wins), and `auto()` values only become numbers when the class is built (so
`RW = R | W` over auto() members is kept as a deferred expression until then).

Not provided: `verify` and `EnumCheck` (with CONTINUOUS, NAMED_FLAGS, UNIQUE),
pickling helpers (`pickle_by_global_name`, `pickle_by_enum_name`),
`show_flag_values`, `_simple_enum` and `_test_simple_enum`; the DeprecationWarnings 3.11 prints to stderr (nested classes
becoming members, `auto()` after values that cannot be incremented, non-members
tested with `in`); `enum.property` is a plain descriptor, not a
`types.DynamicClassAttribute` subclass.
"""

import types as _types

__all__ = [
    "EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag",
    "ReprEnum", "auto", "unique", "property", "member", "nonmember",
    "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP",
    "global_flag_repr", "global_enum_repr", "global_str", "global_enum",
]

# Filled in as the module bootstraps itself: EnumType.__new__ must tell the first
# enumerations (Enum, ReprEnum, ...) apart from later ones.
Enum = ReprEnum = Flag = None
STRICT = CONFORM = EJECT = KEEP = None

_builtin_property = property


# --- What the VM can do --------------------------------------------------------
# Two class-level protocols an enumeration leans on are probed once, so the module
# uses them where the VM has them and its workaround only where it does not.

class _ProbeNamespace(dict):
    pass


class _ProbeMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return _ProbeNamespace()

    def __getitem__(cls, key):
        return True


try:
    class _Probe(metaclass=_ProbeMeta):
        pass
    _NAMESPACE_HOOK = True
except TypeError:
    _NAMESPACE_HOOK = False
    _Probe = _ProbeMeta("_Probe", (), {})

try:
    _METACLASS_GETITEM = _Probe[0]
except TypeError:
    _METACLASS_GETITEM = False

del _ProbeNamespace, _ProbeMeta, _Probe


# --- Names -------------------------------------------------------------------

def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == "__"
            and name[2] != "_" and name[-3] != "_")


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == "_"
            and name[1] != "_" and name[-2] != "_")


def _is_private(cls_name, name):
    """`__x` in the body of class `Color` arrives mangled as `_Color__x`: a private
    attribute, never a member."""
    prefix = "_%s__" % cls_name.lstrip("_")
    return (len(name) > len(prefix) and name.startswith(prefix)
            and not name.endswith("__"))


class _Method:
    def method(self):
        pass


# Functions, methods and the method wrappers are descriptors; the isinstance test
# covers VMs whose function objects do not show a `__get__` attribute.
_DESCRIPTOR_TYPES = (type(_is_dunder), classmethod, staticmethod, _builtin_property,
                     type(_Method().method))
del _Method


def _is_descriptor(obj):
    return (isinstance(obj, _DESCRIPTOR_TYPES) or hasattr(obj, "__get__")
            or hasattr(obj, "__set__") or hasattr(obj, "__delete__"))


_ALLOWED_SUNDERS = frozenset([
    "_order_", "_generate_next_value_", "_missing_", "_ignore_", "_numeric_repr_",
    "_iter_member_", "_iter_member_by_value_", "_iter_member_by_def_",
])


def _is_single_bit(value):
    return value != 0 and value & (value - 1) == 0


def _bin(num, width):
    """A number as the flag-boundary errors show it: sign bit, space, then the
    two's-complement digits padded to `width` with the sign bit."""
    if num >= 0:
        sign = "0"
        digits = format(num, "b") if num else ""
    else:
        sign = "1"
        bits = num.bit_length()
        digits = format(num & ((1 << bits) - 1), "b").zfill(bits)
    if len(digits) < width:
        digits = sign * (width - len(digits)) + digits
    return "0b%s %s" % (sign, digits)


try:
    _mappingproxy = _types.MappingProxyType
except AttributeError:
    class mappingproxy:
        """A read-only view of a dict, for VMs whose `types` lacks
        MappingProxyType; it shows itself as CPython's does."""

        __module__ = "builtins"
        __slots__ = ("_mapping",)

        def __init__(self, mapping):
            object.__setattr__(self, "_mapping", mapping)

        def __getitem__(self, key):
            return self._mapping[key]

        def __iter__(self):
            return iter(self._mapping)

        def __reversed__(self):
            return reversed(self._mapping)

        def __len__(self):
            return len(self._mapping)

        def __contains__(self, key):
            return key in self._mapping

        def __eq__(self, other):
            return self._mapping == other

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

        def __repr__(self):
            return "mappingproxy(%r)" % (self._mapping,)

        def __str__(self):
            return str(self._mapping)

    _mappingproxy = mappingproxy
    del mappingproxy


# --- Values in the class body ---------------------------------------------------

class _AutoNull:
    def __repr__(self):
        return "_auto_null"


_auto_null = _AutoNull()


class auto:
    """Stands for a member's value until the enumeration picks one with
    `_generate_next_value_`."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % (self.value,)


class _AutoExpr:
    """`R | W` in a class body whose `auto()` values are not numbers yet (the VM
    ran the body in a plain dict): the operation waits for the replay to give its
    operands values."""

    def __init__(self, op, *operands):
        self.op = op
        self.operands = operands

    def evaluate(self):
        values = []
        for operand in self.operands:
            if isinstance(operand, _AutoExpr):
                operand = operand.evaluate()
            elif isinstance(operand, auto):
                operand = operand.value
            values.append(operand)
        return self.op(*values)


def _defer(op, reflected=False):
    if reflected:
        return lambda self, other: _AutoExpr(op, other, self)
    return lambda self, other: _AutoExpr(op, self, other)


if not _NAMESPACE_HOOK:
    for _cls in (auto, _AutoExpr):
        for _name, _op in (("or", lambda a, b: a | b), ("and", lambda a, b: a & b),
                           ("xor", lambda a, b: a ^ b), ("add", lambda a, b: a + b),
                           ("sub", lambda a, b: a - b)):
            setattr(_cls, "__%s__" % _name, _defer(_op))
            setattr(_cls, "__r%s__" % _name, _defer(_op, reflected=True))
        _cls.__invert__ = lambda self: _AutoExpr(lambda a: ~a, self)
    del _cls, _name, _op


class member:
    """Makes `value` a member even where it would not be one (a function)."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Keeps `value` a plain class attribute instead of a member."""

    def __init__(self, value):
        self.value = value


class property:
    """A property of members that steps aside at class level for a member of the
    same name: `Color.name` can be a member while `Color.RED.name` is 'RED'."""

    member = None

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None
        self.clsname = None

    def getter(self, fget):
        return self._copy(fget, self.fset, self.fdel)

    def setter(self, fset):
        return self._copy(self.fget, fset, self.fdel)

    def deleter(self, fdel):
        return self._copy(self.fget, self.fset, fdel)

    def _copy(self, fget, fset, fdel):
        result = type(self)(fget, fset, fdel)
        result.name = self.name
        result.clsname = self.clsname
        return result

    def __set_name__(self, ownerclass, name):
        self.name = name
        self.clsname = ownerclass.__name__

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.member is not None:
                return self.member
            found = getattr(ownerclass, "_member_map_", {}).get(self.name)
            if found is not None:
                return found
            if isinstance(ownerclass, EnumType):
                # What EnumType.__getattr__ then says; said here too, so the
                # message holds where the VM has no metaclass __getattr__.
                raise AttributeError(self.name)
            raise AttributeError("%r has no attribute %r" % (ownerclass, self.name))
        if self.fget is None:
            found = type(instance)._member_map_.get(self.name)
            if found is not None:
                return found
            raise AttributeError("%r has no attribute %r" % (type(instance), self.name))
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError(
                "<enum %r> cannot set attribute %r" % (self.clsname, self.name))
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(
                "<enum %r> cannot delete attribute %r" % (self.clsname, self.name))
        self.fdel(instance)


class _EnumDict(dict):
    """The class body's namespace: sorts each assignment into member or plain
    attribute, resolves `auto()`, and refuses a member name used twice."""

    def __init__(self):
        super().__init__()
        self._member_names = {}
        self._last_values = []
        self._ignore = []
        self._auto_called = False
        self._generate_next_value = None
        self._cls_name = None

    def __setitem__(self, key, value):
        if self._cls_name is not None and _is_private(self._cls_name, key):
            pass
        elif _is_sunder(key):
            if key not in _ALLOWED_SUNDERS:
                raise ValueError(
                    "_sunder_ names, such as %r, are reserved for future Enum use" % key)
            if key == "_generate_next_value_":
                if self._auto_called:
                    raise TypeError(
                        "_generate_next_value_ must be defined before members")
                self._generate_next_value = getattr(value, "__func__", value)
            elif key == "_ignore_":
                if isinstance(value, str):
                    names = value.replace(",", " ").split()
                else:
                    names = list(value)
                self._ignore = names
                already = set(names) & set(self._member_names)
                if already:
                    raise ValueError(
                        "_ignore_ cannot specify already set names: %r" % (already,))
        elif _is_dunder(key):
            if key == "__order__":
                key = "_order_"
        elif key in self._member_names:
            raise TypeError("%r already defined as %r" % (key, self[key]))
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif _is_descriptor(value):
            pass
        else:
            if key in self:
                raise TypeError("%r already defined as %r" % (key, self[key]))
            if isinstance(value, member):
                value = value.value
            value = self._resolve(key, value)
            self._member_names[key] = None
        super().__setitem__(key, value)

    def _next_value(self, key, auto_value):
        if auto_value.value is _auto_null:
            auto_value.value = self._generate_next_value(
                key, 1, len(self._member_names), self._last_values[:])
            self._auto_called = True
        self._last_values.append(auto_value.value)
        return auto_value.value

    def _resolve(self, key, value):
        if isinstance(value, _AutoExpr):
            value = value.evaluate()
        elif isinstance(value, auto):
            return self._next_value(key, value)
        if isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
            return tuple(self._next_value(key, v) if isinstance(v, auto) else v
                         for v in value)
        self._last_values.append(value)
        return value


def _new_enum_dict(metacls, cls, bases):
    metacls._check_for_existing_members_(cls, bases)
    classdict = _EnumDict()
    classdict._cls_name = cls
    member_type, first_enum = metacls._get_mixins_(cls, bases)
    if first_enum is not None:
        classdict["_generate_next_value_"] = getattr(first_enum, "_generate_next_value_")
    return classdict


class _proto_member:
    """Holds a member's value in the namespace given to `type.__new__`, and makes
    the member when `type.__new__` names it."""

    def __init__(self, value):
        self.value = value

    def __set_name__(self, enum_class, member_name):
        type.__delattr__(enum_class, member_name)
        value = self.value
        args = value if isinstance(value, tuple) else (value,)
        if enum_class._member_type_ is tuple:
            args = (args,)
        if enum_class._use_args_:
            enum_member = enum_class._new_member_(enum_class, *args)
        else:
            enum_member = enum_class._new_member_(enum_class)
        if not hasattr(enum_member, "_value_"):
            if enum_class._member_type_ is object:
                enum_member._value_ = value
            else:
                try:
                    enum_member._value_ = enum_class._member_type_(*args)
                except Exception as exc:
                    raise TypeError(
                        "_value_ not set in __new__, unable to create it") from exc
        value = enum_member._value_
        enum_member._name_ = member_name
        enum_member.__objclass__ = enum_class
        enum_member.__init__(*args)
        enum_member._sort_order_ = len(enum_class._member_names_)

        # An equal value already taken makes this name an alias of that member.
        try:
            canonical = enum_class._value2member_map_.get(value)
        except TypeError:
            canonical = None
            for each in enum_class._member_map_.values():
                if each._value_ == value:
                    canonical = each
                    break
        if canonical is not None:
            enum_member = canonical
        elif (Flag is None or not issubclass(enum_class, Flag)
              or (isinstance(value, int) and _is_single_bit(value))):
            # A flag's multi-bit and zero members are named but not iterated.
            enum_class._member_names_.append(member_name)

        # A member named like an enum.property up the MRO (`name`, `value`) gets a
        # copy of it that returns the member at class level and still serves the
        # property to instances; anything else of that name is simply shadowed.
        for base in enum_class.__mro__[1:]:
            if member_name in base.__dict__:
                shadowed = base.__dict__[member_name]
                break
        else:
            shadowed = None
        if isinstance(shadowed, property):
            redirect = property()
            redirect.fget = shadowed.fget
            redirect.fset = shadowed.fset
            redirect.fdel = shadowed.fdel
            redirect.member = enum_member
            redirect.__set_name__(enum_class, member_name)
            type.__setattr__(enum_class, member_name, redirect)
        else:
            type.__setattr__(enum_class, member_name, enum_member)
        enum_class._member_map_[member_name] = enum_member
        try:
            enum_class._value2member_map_.setdefault(value, enum_member)
        except TypeError:
            enum_class._unhashable_values_.append(value)


# --- The metaclass ----------------------------------------------------------

class EnumType(type):
    """The metaclass of enumerations."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        classdict = _new_enum_dict(metacls, cls, bases)
        return classdict if _NAMESPACE_HOOK else {}

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        if not isinstance(classdict, _EnumDict):
            # The VM ran the body in a plain dict: replay it, in order.
            replayed = _new_enum_dict(metacls, cls, bases)
            for key, value in classdict.items():
                replayed[key] = value
            classdict = replayed
        member_names = list(classdict._member_names)
        invalid = {"mro", ""} & set(member_names)
        if invalid:
            raise ValueError("invalid enum member name(s) %s"
                             % ",".join(repr(n) for n in sorted(invalid)))
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        new_member, save_new, use_args = metacls._find_new_(
            classdict, member_type, first_enum)

        namespace = dict(classdict)
        for name in classdict._ignore:
            namespace.pop(name, None)
        namespace.pop("_ignore_", None)
        order = namespace.pop("_order_", None)
        for name in member_names:
            namespace[name] = _proto_member(namespace[name])
        namespace["_new_member_"] = new_member
        namespace["_use_args_"] = use_args
        namespace["_member_names_"] = []
        namespace["_member_map_"] = {}
        namespace["_value2member_map_"] = {}
        namespace["_unhashable_values_"] = []
        namespace["_member_type_"] = member_type
        namespace["_value_repr_"] = metacls._find_data_repr_(cls, bases)
        is_flag = Flag is not None and issubclass(first_enum, Flag)
        if is_flag:
            namespace["_boundary_"] = boundary or getattr(first_enum, "_boundary_", None)
            namespace["_flag_mask_"] = 0
            namespace["_singles_mask_"] = 0
            namespace["_all_bits_"] = 0
            namespace["_inverted_"] = None
        if Enum is not None:
            if save_new:
                namespace["__new_member__"] = namespace["__new__"]
            namespace["__new__"] = Enum.__new__

        error = None
        try:
            enum_class = super().__new__(metacls, cls, bases, namespace, **kwds)
        except RuntimeError as exc:
            # 3.11 wraps what a member's creation raised in a RuntimeError; what
            # surfaces is the original, raised afresh outside this handler.
            error = exc.__cause__ or exc
        if error is not None:
            raise error

        # A mixed-in data type's repr, str and format would come before Enum's in
        # the MRO; ReprEnum keeps the data type's str and format on purpose.
        handled = set(classdict)
        if ReprEnum is not None and ReprEnum in bases:
            if member_type is object:
                raise TypeError("ReprEnum subclasses must be mixed with a data type "
                                "(i.e. int, str, float, etc.)")
            if "__format__" not in handled:
                type.__setattr__(enum_class, "__format__", member_type.__format__)
                handled.add("__format__")
            if "__str__" not in handled:
                method = member_type.__str__
                if method is object.__str__:
                    method = member_type.__repr__
                type.__setattr__(enum_class, "__str__", method)
                handled.add("__str__")
        if member_type is not object and first_enum is not None:
            for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
                if name in handled:
                    continue
                data_method = getattr(member_type, name, None)
                if data_method is not None and getattr(enum_class, name) is data_method:
                    type.__setattr__(enum_class, name, getattr(first_enum, name))

        if is_flag:
            # The operators too: a data type's (int's `|`) must not win.
            for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__",
                         "__rxor__", "__invert__"):
                if name not in handled:
                    type.__setattr__(enum_class, name, getattr(Flag, name))
            _settle_flag(enum_class)

        if order is not None:
            if isinstance(order, str):
                order = order.replace(",", " ").split()
            order = [name for name in order if name not in enum_class._member_map_
                     or name in enum_class._member_names_]
            if order != enum_class._member_names_:
                raise TypeError("member order does not match _order_:\n  %r\n  %r"
                                % (enum_class._member_names_, order))
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        """`Color(1)` finds a member; `Enum('Color', 'RED GREEN')` makes a class."""
        if names is None:
            if not cls._member_map_:
                raise TypeError("%r has no members defined" % cls)
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname,
                            type=type, start=start, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)

    def __dir__(cls):
        interesting = set(cls._member_names_)
        interesting.update([
            "__class__", "__contains__", "__doc__", "__getitem__", "__init_subclass__",
            "__iter__", "__len__", "__members__", "__module__", "__name__",
            "__qualname__",
        ])
        if cls._new_member_ is not object.__new__:
            interesting.add("__new__")
        if cls._member_type_ is not object:
            interesting.update(dir(cls._member_type_))
        return sorted(interesting)

    def __getattr__(cls, name):
        if _is_dunder(name):
            raise AttributeError(name)
        try:
            return cls._member_map_[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @_builtin_property
    def __members__(cls):
        """Every name, aliases included, mapped to its member."""
        return _mappingproxy(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        """The functional API: a new enumeration from a string of names, a list of
        names or (name, value) pairs, or a mapping."""
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        member_type, first_enum = cls._get_mixins_(class_name, bases)
        classdict = _new_enum_dict(metacls, class_name, bases)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original, names = names, []
            last_values = []
            for count, name in enumerate(original):
                value = first_enum._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is None:
            module = _caller_module()
        if module is not None:
            classdict["__module__"] = module
        if qualname is not None:
            classdict["__qualname__"] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def _convert_(cls, name, module, filter, source=None, *, boundary=None,
                  as_global=False):
        """Makes an enumeration of a module's constants (those `filter` accepts)
        and puts it and its members in the module, as `socket` and `signal` do."""
        import sys
        module_globals = sys.modules[module].__dict__
        source = vars(source) if source is not None else module_globals
        members = [(key, value) for key, value in source.items() if filter(key)]
        try:
            members.sort(key=lambda item: (item[1], item[0]))
        except TypeError:
            members.sort(key=lambda item: item[0])
        enum_class = cls(name, members, module=module, boundary=boundary or KEEP)
        if as_global:
            global_enum(enum_class)
        else:
            module_globals.update(enum_class.__members__)
        module_globals[name] = enum_class
        return enum_class

    @classmethod
    def _check_for_existing_members_(metacls, class_name, bases):
        for chain in bases:
            for base in chain.__mro__:
                if isinstance(base, EnumType) and base._member_names_:
                    raise TypeError("<enum %r> cannot extend %r" % (class_name, base))

    @classmethod
    def _get_mixins_(metacls, class_name, bases):
        """The data type mixed in (object if none) and the last enum base."""
        if not bases:
            return object, Enum
        first_enum = bases[-1]
        if not isinstance(first_enum, EnumType):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        member_type = metacls._find_data_type_(class_name, bases) or object
        return member_type, first_enum

    @classmethod
    def _find_data_type_(metacls, class_name, bases):
        data_types = set()
        for chain in bases:
            candidate = None
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base._member_type_ is not object:
                        data_types.add(base._member_type_)
                        break
                elif "__new__" in base.__dict__ or "__dataclass_fields__" in base.__dict__:
                    data_types.add(candidate or base)
                    break
                else:
                    candidate = candidate or base
        if len(data_types) > 1:
            raise TypeError("too many data types for %r: %r" % (class_name, data_types))
        return data_types.pop() if data_types else None

    @classmethod
    def _find_data_repr_(metacls, class_name, bases):
        for chain in bases:
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base.__dict__.get("_value_repr_") is not None:
                        return base._value_repr_
                elif "__repr__" in base.__dict__:
                    return base.__dict__["__repr__"]
        return None

    @classmethod
    def _find_new_(metacls, classdict, member_type, first_enum):
        """What makes a member: the body's own `__new__`, an enum base's saved
        one, the data type's, or object's. Also whether it takes the value."""
        new = classdict.get("__new__")
        save_new = first_enum is not None and new is not None
        if new is None:
            lookup_new = Enum.__new__ if Enum is not None else None
            for method in ("__new_member__", "__new__"):
                for possible in (member_type, first_enum):
                    target = getattr(possible, method, None)
                    if target is not None and target is not object.__new__ \
                            and target is not lookup_new:
                        new = target
                        break
                if new is not None:
                    break
            else:
                new = object.__new__
        return new, save_new, new is not object.__new__


EnumMeta = EnumType


def _settle_flag(enum_class):
    """Works out a flag class's masks once its members exist."""
    singles = multi = 0
    for each in enum_class._member_map_.values():
        value = each._value_
        if not isinstance(value, int):
            continue
        if _is_single_bit(value):
            singles |= value
        else:
            multi |= value
    flag_mask = singles | multi
    type.__setattr__(enum_class, "_singles_mask_", singles)
    type.__setattr__(enum_class, "_flag_mask_", flag_mask)
    type.__setattr__(enum_class, "_all_bits_", 2 ** flag_mask.bit_length() - 1)
    # Names of combinations list members in definition order: the same as
    # bit order unless the members were defined out of it.
    values = [enum_class._member_map_[n]._value_ for n in enum_class._member_names_]
    if values != sorted(values):
        type.__setattr__(enum_class, "_iter_member_",
                         enum_class._iter_member_by_def_)


def _caller_module():
    """The module that called the functional API, where the VM can tell."""
    import sys
    try:
        return sys._getframe(3).f_globals["__name__"]
    except (AttributeError, ValueError, KeyError):
        return None


# --- The base classes -----------------------------------------------------------

class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs.

    Members are found by value, `Color(1)`, or by name, `Color['RED']`.
    """

    def __new__(cls, value):
        # Every enumeration's __new__ after creation: it only ever finds members.
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for each in cls._member_map_.values():
                if each._value_ == value:
                    return each
        try:
            exc = None
            result = cls._missing_(value)
        except Exception as error:
            exc = error
            result = None
        if isinstance(result, cls):
            return result
        if (Flag is not None and issubclass(cls, Flag) and cls._boundary_ is EJECT
                and isinstance(result, int)):
            return result
        not_valid = ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        if result is None and exc is None:
            raise not_valid
        if exc is None:
            exc = TypeError("error in %s._missing_: returned %r instead of None or a "
                            "valid member" % (cls.__name__, result))
        if not isinstance(exc, ValueError):
            exc.__context__ = not_valid
        raise exc

    def __init__(self, *args, **kwds):
        pass

    def _generate_next_value_(name, start, count, last_values):
        """One more than the largest value so far, or `start` for the first."""
        if not last_values:
            return start
        try:
            return sorted(last_values)[-1] + 1
        except TypeError:
            for value in reversed(last_values):
                try:
                    return value + 1
                except TypeError:
                    pass
            return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __dir__(self):
        if self._member_type_ is not object:
            return object.__dir__(self)
        interesting = {"__class__", "__doc__", "__eq__", "__hash__", "__module__"}
        for cls in self.__class__.mro():
            for name in cls.__dict__:
                if name[0] != "_" and name not in self._member_map_:
                    interesting.add(name)
        for name in self.__dict__:
            if name[0] != "_":
                interesting.add(name)
        return sorted(interesting)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_


def _subscript(cls, name):
    return cls._member_map_[name]


if not _METACLASS_GETITEM:
    # `Color['RED']` reaches only `__class_getitem__` on such a VM.
    type.__setattr__(Enum, "__class_getitem__", classmethod(_subscript))


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError("too many arguments for str(): %r" % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError("%r is not a string" % (values[0],))
        if len(values) >= 2 and not isinstance(values[1], str):
            raise TypeError("encoding must be a string, not %r" % (values[1],))
        if len(values) == 3 and not isinstance(values[2], str):
            raise TypeError("errors must be a string, not %r" % (values[2],))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def _generate_next_value_(name, start, count, last_values):
        """The member's name in lower case."""
        return name.lower()


class FlagBoundary(StrEnum):
    """What a Flag does with a value that has bits of no member: STRICT refuses it,
    CONFORM drops them, EJECT gives a plain int, KEEP keeps them."""

    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT = FlagBoundary.STRICT
CONFORM = FlagBoundary.CONFORM
EJECT = FlagBoundary.EJECT
KEEP = FlagBoundary.KEEP


class Flag(Enum, boundary=STRICT):
    """Support for flags: members combine with | & ^ ~ into other values."""

    _numeric_repr_ = repr

    def _generate_next_value_(name, start, count, last_values):
        """The next power of two above the largest value so far."""
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = last_value.bit_length() - 1
        except Exception:
            raise TypeError("invalid flag value %r" % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _iter_member_by_value_(cls, value):
        """The members for the bits of `value`, lowest bit first."""
        value &= cls._flag_mask_
        while value:
            bit = value & -value
            yield cls._value2member_map_.get(bit)
            value ^= bit

    _iter_member_ = _iter_member_by_value_

    @classmethod
    def _iter_member_by_def_(cls, value):
        """The members for the bits of `value`, in definition order."""
        yield from sorted(cls._iter_member_by_value_(value),
                          key=lambda each: each._sort_order_)

    @classmethod
    def _missing_(cls, value):
        """Makes the pseudo-member for a combination of bits, as the boundary
        allows, and keeps it for the next lookup."""
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        singles_mask = cls._singles_mask_
        all_bits = cls._all_bits_
        boundary = cls._boundary_
        neg_value = None
        if not ~all_bits <= value <= all_bits or value & (all_bits ^ flag_mask):
            if boundary is STRICT:
                width = max(value.bit_length(), flag_mask.bit_length())
                raise ValueError("%r invalid value %r\n    given %s\n  allowed %s"
                                 % (cls, value, _bin(value, width), _bin(flag_mask, width)))
            elif boundary is CONFORM:
                value = value & flag_mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value = max(all_bits + 1, 2 ** value.bit_length()) + value
            else:
                raise ValueError("%r unknown flag boundary %r" % (cls, boundary))
        if value < 0:
            neg_value = value
            value = all_bits + 1 + value
        if cls._member_type_ is object:
            pseudo_member = object.__new__(cls)
        else:
            pseudo_member = cls._member_type_.__new__(cls, value)
        if not hasattr(pseudo_member, "_value_"):
            pseudo_member._value_ = value
        single_bits = value & singles_mask
        other_bits = value & ~singles_mask
        name = None
        if single_bits or other_bits:
            members = list(cls._iter_member_(single_bits))
            combined = 0
            for each in members:
                combined |= each._value_
            if other_bits:
                # Multi-bit members can name what no single bit does.
                for each in cls._member_map_.values():
                    bits = each._value_
                    if each not in members and bits and bits & value == bits:
                        members.append(each)
                        combined |= bits
            unknown = value ^ combined
            if combined:
                if unknown and boundary is STRICT:
                    raise ValueError("%r: no members with value %r" % (cls, unknown))
                name = "|".join(each._name_ for each in members)
                if unknown:
                    name += "|%s" % cls._numeric_repr_(unknown)
        pseudo_member._name_ = name
        pseudo_member = cls._value2member_map_.setdefault(value, pseudo_member)
        if neg_value is not None:
            cls._value2member_map_[neg_value] = pseudo_member
        return pseudo_member

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        yield from self._iter_member_(self._value_)

    def __len__(self):
        return bin(self._value_).count("1")

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return "<%s: %s>" % (self.__class__.__name__, v_repr(self._value_))
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (self.__class__.__name__, self._value_)
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is object or not isinstance(other, self._member_type_):
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is object or not isinstance(other, self._member_type_):
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is object or not isinstance(other, self._member_type_):
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    def __invert__(self):
        if self._inverted_ is None:
            if self._boundary_ in (EJECT, KEEP):
                self._inverted_ = self.__class__(~self._value_)
            else:
                self._inverted_ = self.__class__(self._singles_mask_ & ~self._value_)
        return self._inverted_

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__


# Flag was made before the name Flag meant anything to EnumType.__new__, so its
# own flag attributes are set here.
for _name, _value in (("_boundary_", STRICT), ("_flag_mask_", 0), ("_singles_mask_", 0),
                      ("_all_bits_", 0), ("_inverted_", None)):
    type.__setattr__(Flag, _name, _value)
del _name, _value


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based flags: members are ints, and combine with ints."""


# --- Decorators and module-level helpers -----------------------------------------

def unique(enumeration):
    """Class decorator: refuses an enumeration in which two names share a value."""
    duplicates = [(name, each.name) for name, each in enumeration.__members__.items()
                  if name != each.name]
    if duplicates:
        details = ", ".join("%s -> %s" % pair for pair in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, details))
    return enumeration


def global_enum_repr(self):
    """`re.IGNORECASE` rather than `<RegexFlag.IGNORECASE: 2>`."""
    module = self.__class__.__module__.split(".")[-1]
    return "%s.%s" % (module, self._name_)


def global_flag_repr(self):
    """`re.IGNORECASE|re.MULTILINE`: a global flag's repr."""
    module = self.__class__.__module__.split(".")[-1]
    cls_name = self.__class__.__name__
    if self._name_ is None:
        return "%s.%s(%r)" % (module, cls_name, self._value_)
    # 3.11 tests the member itself, which only an int flag survives.
    if _is_single_bit(self):
        return "%s.%s" % (module, self._name_)
    names = []
    for name in self._name_.split("|"):
        if self._boundary_ is KEEP and name[0].isdigit():
            names.append(name)
        else:
            names.append("%s.%s" % (module, name))
    return "|".join(names)


def global_str(self):
    """A global member's str: its bare name."""
    if self._name_ is None:
        return "%s(%r)" % (self.__class__.__name__, self._value_)
    return self._name_


def global_enum(cls, update_str=False):
    """Class decorator: puts the members in their module's namespace and gives
    them module-style reprs, as `re` does for its flags."""
    import sys
    if issubclass(cls, Flag):
        type.__setattr__(cls, "__repr__", global_flag_repr)
    else:
        type.__setattr__(cls, "__repr__", global_enum_repr)
    if not issubclass(cls, ReprEnum) or update_str:
        type.__setattr__(cls, "__str__", global_str)
    sys.modules[cls.__module__].__dict__.update(cls.__members__)
    return cls
