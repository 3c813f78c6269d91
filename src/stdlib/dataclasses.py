"""`dataclasses`: classes whose `__init__`, `__repr__`, comparisons and hash are made
from their annotated fields, as CPython 3.11's module does.

`@dataclass` reads the class's own `__annotations__` (plus the fields of dataclass
bases, in reverse MRO order), turns each into a `Field`, and adds the methods the
parameters ask for, never replacing one the class body defines itself.

Only `__init__` is compiled from source text with `exec()`: it must be a real function
with the fields as parameters, so that calling it wrongly fails with the interpreter's
own messages (`P.__init__() missing 1 required positional argument: 'y'`). The other
methods are closures over the field names; they behave as CPython's generated code
(tuples of the fields compared only between instances of the very same class).

The class docstring CPython writes from `inspect.signature(cls)` is built here from the
fields directly, since `inspect` is not available.

Not provided: the guard that shows a recursive repr as `...` is per object, not per
(object, thread). For an `init=False` class whose effective `__init__` is hand-written,
the docstring's signature is read from the code object, so keyword-only and `*args`
parameters show only where the interpreter has `co_kwonlyargcount` and
`__kwdefaults__`. Where `types.MappingProxyType` is missing (apy), `Field.metadata` is
a small read-only stand-in that shows itself as `mappingproxy(...)`.
"""

import sys

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY',
           'MISSING', 'fields', 'asdict', 'astuple', 'make_dataclass', 'replace',
           'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _HAS_DEFAULT_FACTORY_CLASS:
    # The parameter default of a field with a default_factory: the factory runs only
    # when the caller passed nothing, and the signature shows `<factory>`.
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


def _read_only_mapping_type():
    # `types.MappingProxyType` where the interpreter has it; otherwise a read-only view
    # that shows itself as CPython's `mappingproxy` does.
    import types
    proxy = getattr(types, 'MappingProxyType', None)
    if proxy is not None:
        return proxy

    class mappingproxy:
        __slots__ = ('_mapping',)

        def __init__(self, mapping):
            if (not hasattr(type(mapping), '__getitem__')
                    or isinstance(mapping, (list, tuple))):
                raise TypeError('mappingproxy() argument must be a mapping, not '
                                f'{type(mapping).__name__}')
            object.__setattr__(self, '_mapping', mapping)

        def __setattr__(self, name, value):
            raise AttributeError(f"'mappingproxy' object has no attribute '{name}'")

        def __getitem__(self, key):
            return self._mapping[key]

        def __iter__(self):
            return iter(self._mapping)

        def __len__(self):
            return len(self._mapping)

        def __contains__(self, key):
            return key in self._mapping

        def __eq__(self, other):
            return self._mapping == other

        def __or__(self, other):
            return dict(self._mapping) | other

        def __reversed__(self):
            return reversed(self._mapping)

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
            return f'mappingproxy({self._mapping!r})'

        def __str__(self):
            return str(self._mapping)

    mappingproxy.__module__ = 'builtins'
    mappingproxy.__qualname__ = 'mappingproxy'
    return mappingproxy


_MappingProxy = _read_only_mapping_type()
_EMPTY_METADATA = _MappingProxy({})


class _FIELD_BASE:
    # The kinds of entries in __dataclass_fields__; the repr is the bare name because
    # Field's repr shows `_field_type=_FIELD`.
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


def _generic_alias_type():
    import types
    return types.GenericAlias


_GenericAlias = _generic_alias_type()


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type) and not isinstance(self.type, _GenericAlias):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash',
                 'init', 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata,
                 kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = (_EMPTY_METADATA if metadata is None
                         else _MappingProxy(metadata))
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')

    def __set_name__(self, owner, name):
        # A default that is itself a descriptor still learns its name, as it would
        # have without field() around it.
        set_name = getattr(type(self.default), '__set_name__', None)
        if set_name:
            set_name(self.default, owner, name)

    __class_getitem__ = classmethod(_GenericAlias)


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'eq={self.eq!r},'
                f'order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},'
                f'frozen={self.frozen!r}'
                ')')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describes one field of a dataclass, given as the class attribute's value:
    its default or default_factory, and whether it takes part in __init__, the repr,
    the hash and comparisons."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata,
                 kw_only)


def _fields_in_init_order(fields):
    # Positional parameters first, then keyword-only ones, each in field order.
    return (tuple(f for f in fields if f.init and not f.kw_only),
            tuple(f for f in fields if f.init and f.kw_only))


def _set_qualname(cls, value):
    if isinstance(value, type(_set_qualname)):
        value.__qualname__ = f'{cls.__qualname__}.{value.__name__}'
    return value


def _set_new_attribute(cls, name, value):
    """Adds the attribute unless the class body defined it; True if it did."""
    if name in cls.__dict__:
        return True
    _set_qualname(cls, value)
    setattr(cls, name, value)
    return False


# ---------------------------------------------------------------------------------
# Recognising ClassVar, InitVar and KW_ONLY annotations, also when written as strings.

def _is_classvar(a_type, typing):
    if a_type is typing.ClassVar:
        return True
    try:
        return getattr(a_type, '__origin__', None) is typing.ClassVar
    except Exception:
        return False


def _is_initvar(a_type, dataclasses):
    return a_type is dataclasses.InitVar or type(a_type) is dataclasses.InitVar


def _is_kw_only(a_type, dataclasses):
    return a_type is dataclasses.KW_ONLY


def _word(text, i):
    # The end of the run of word characters (letters, digits, `_`) starting at i.
    n = len(text)
    while i < n and (text[i].isalnum() or text[i] == '_'):
        i += 1
    return i


def _skip_space(text, i):
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _annotation_head(text):
    """(module, name) of a string annotation such as 'typing.ClassVar[int]' or
    'InitVar[int]' (module None), or None when it does not start with a name."""
    i = _skip_space(text, 0)
    end = _word(text, i)
    if end == i:
        return None
    first = text[i:end]
    j = _skip_space(text, end)
    if j < len(text) and text[j] == '.':
        k = _skip_space(text, j + 1)
        end2 = _word(text, k)
        if end2 > k:
            return first, text[k:end2]
    return None, first


def _is_type(annotation, cls, a_module, is_type_predicate):
    """Whether a string annotation names the thing the predicate looks for: a bare
    name is looked up in the class's module, `mod.Name` needs `mod` there to be
    a_module and looks Name up in a_module."""
    head = _annotation_head(annotation)
    if head is None:
        return False
    module_name, name = head
    module = sys.modules.get(cls.__module__)
    if module is None:
        return False
    namespace = module.__dict__
    if module_name is None:
        return is_type_predicate(namespace.get(name), a_module)
    if namespace.get(module_name) is a_module:
        return is_type_predicate(getattr(a_module, name, None), a_module)
    return False


def _get_field(cls, a_name, a_type, default_kw_only):
    default = getattr(cls, a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        if isinstance(default, _member_descriptor_type()):
            # A slot of the class, not a default value.
            default = MISSING
        f = field(default=default)

    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD

    typing = sys.modules.get('typing')
    if typing:
        if (_is_classvar(a_type, typing)
                or (isinstance(f.type, str)
                    and _is_type(f.type, cls, typing, _is_classvar))):
            f._field_type = _FIELD_CLASSVAR

    if f._field_type is _FIELD:
        dataclasses = sys.modules[__name__]
        if (_is_initvar(a_type, dataclasses)
                or (isinstance(f.type, str)
                    and _is_type(f.type, cls, dataclasses, _is_initvar))):
            f._field_type = _FIELD_INITVAR

    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a default factory')

    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    elif f.kw_only is not MISSING:
        raise TypeError(f'field {f.name} is a ClassVar but specifies kw_only')

    # An unhashable default (list, dict, set, ...) would be shared by every instance.
    if f._field_type is _FIELD and f.default.__class__.__hash__ is None:
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


_member_descriptor = None


def _member_descriptor_type():
    global _member_descriptor
    if _member_descriptor is None:
        class _Slotted:
            __slots__ = ('slot',)
        _member_descriptor = type(_Slotted.__dict__['slot'])
    return _member_descriptor


# ---------------------------------------------------------------------------------
# The generated methods.

def _init_fn(cls, fields, std_fields, kw_only_fields, frozen, has_post_init, self_name):
    seen_default = False
    for f in std_fields:
        if f.init:
            if not (f.default is MISSING and f.default_factory is MISSING):
                seen_default = True
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} follows '
                                'default argument')

    import builtins
    # `__name__` gives the function its `__module__`, the class's as in CPython.
    namespace = {'__builtins__': builtins, '__name__': cls.__module__,
                 '__dataclass_HAS_DEFAULT_FACTORY__': _HAS_DEFAULT_FACTORY,
                 '__dataclass_builtins_object__': object}

    def default_name(f):
        return f'__dataclass_dflt_{f.name}__'

    def param(f):
        if f.default_factory is not MISSING:
            return f'{f.name}=__dataclass_HAS_DEFAULT_FACTORY__'
        if f.default is not MISSING:
            return f'{f.name}={default_name(f)}'
        return f.name

    body = []
    for f in fields:
        if f.default_factory is not MISSING:
            namespace[default_name(f)] = f.default_factory
            if f.init:
                value = (f'{default_name(f)}() if {f.name} is '
                         f'__dataclass_HAS_DEFAULT_FACTORY__ else {f.name}')
            else:
                value = f'{default_name(f)}()'
        else:
            if f.default is not MISSING:
                namespace[default_name(f)] = f.default
            if f.init:
                value = f.name
            elif f.default is not MISSING:
                value = default_name(f)
            else:
                value = None
        if value is None or f._field_type is _FIELD_INITVAR:
            continue
        if frozen:
            body.append(f'__dataclass_builtins_object__.__setattr__({self_name},'
                        f'{f.name!r},{value})')
        else:
            body.append(f'{self_name}.{f.name}={value}')

    if has_post_init:
        initvars = ','.join(f.name for f in fields if f._field_type is _FIELD_INITVAR)
        body.append(f'{self_name}.{_POST_INIT_NAME}({initvars})')

    params = [self_name] + [param(f) for f in std_fields]
    if kw_only_fields:
        params.append('*')
        params.extend(param(f) for f in kw_only_fields)
    source = (f'def __init__({", ".join(params)}):\n'
              + ''.join(f'  {line}\n' for line in body or ['pass']))
    exec(source, namespace)
    fn = namespace['__init__']
    annotations = {f.name: f.type for f in std_fields + kw_only_fields}
    annotations['return'] = None
    fn.__annotations__ = annotations
    _remember_signature(fn, std_fields, kw_only_fields)
    return fn


def _repr_fn(names):
    running = set()

    def __repr__(self):
        # A dataclass that (indirectly) contains itself shows `...` there.
        key = id(self)
        if key in running:
            return '...'
        running.add(key)
        try:
            parts = [f'{name}={getattr(self, name)!r}' for name in names]
            return f'{self.__class__.__qualname__}({", ".join(parts)})'
        finally:
            running.discard(key)

    return __repr__


def _values(obj, names):
    return tuple([getattr(obj, name) for name in names])


def _eq_fn(names):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, names) == _values(other, names)
        return NotImplemented
    return __eq__


def _order_fns(names):
    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, names) < _values(other, names)
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, names) <= _values(other, names)
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, names) > _values(other, names)
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, names) >= _values(other, names)
        return NotImplemented

    return __lt__, __le__, __gt__, __ge__


def _hash_fn(names):
    def __hash__(self):
        return hash(_values(self, names))
    return __hash__


def _frozen_fns(cls, names):
    # `cls` is the class as decorated: with slots=True the class is rebuilt afterwards
    # and, as in CPython 3.11, these keep referring to the original one.
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot assign to field {name!r}')
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot delete field {name!r}')
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _hash_set_none(cls, fields):
    return None


def _hash_add(cls, fields):
    names = tuple(f.name for f in fields
                  if (f.compare if f.hash is None else f.hash))
    return _set_qualname(cls, _hash_fn(names))


def _hash_exception(cls, fields):
    raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')


# What to do about __hash__, keyed by (unsafe_hash, eq, frozen, has_explicit_hash):
# eq without frozen makes instances unhashable (unless the class wrote __hash__),
# frozen with eq hashes the compared fields, unsafe_hash always adds one.
_hash_action = {
    (False, False, False, False): None,
    (False, False, False, True): None,
    (False, False, True, False): None,
    (False, False, True, True): None,
    (False, True, False, False): _hash_set_none,
    (False, True, False, True): None,
    (False, True, True, False): _hash_add,
    (False, True, True, True): None,
    (True, False, False, False): _hash_add,
    (True, False, False, True): _hash_exception,
    (True, False, True, False): _hash_add,
    (True, False, True, True): _hash_exception,
    (True, True, False, False): _hash_add,
    (True, True, False, True): _hash_exception,
    (True, True, True, False): _hash_add,
    (True, True, True, True): _hash_exception,
}


# ---------------------------------------------------------------------------------
# The class docstring, `Name(x: int, y: int = 0)`, as inspect.signature would show.

_signatures = None


def _remember_signature(fn, std_fields, kw_only_fields):
    global _signatures
    if _signatures is None:
        try:
            from weakref import WeakKeyDictionary
            _signatures = WeakKeyDictionary()
        except (ImportError, TypeError):
            _signatures = {}
    params = [_format_param(f.name, f.type, _param_default(f)) for f in std_fields]
    if kw_only_fields:
        params.append('*')
        params.extend(_format_param(f.name, f.type, _param_default(f))
                      for f in kw_only_fields)
    try:
        _signatures[fn] = '(' + ', '.join(params) + ')'
    except TypeError:
        pass


def _param_default(f):
    if f.default_factory is not MISSING:
        return _HAS_DEFAULT_FACTORY
    return f.default


def _format_annotation(annotation):
    if getattr(annotation, '__module__', None) == 'typing':
        return repr(annotation).replace('typing.', '')
    if isinstance(annotation, _GenericAlias):
        return repr(annotation)
    if isinstance(annotation, type):
        if annotation.__module__ == 'builtins':
            return annotation.__qualname__
        return f'{annotation.__module__}.{annotation.__qualname__}'
    return repr(annotation)


def _format_param(name, annotation, default):
    text = name
    if annotation is not MISSING:
        text += f': {_format_annotation(annotation)}'
        if default is not MISSING:
            text += f' = {default!r}'
    elif default is not MISSING:
        text += f'={default!r}'
    return text


def _function_signature(fn):
    """The signature of a hand-written __init__, without its first parameter."""
    code = fn.__code__
    names = code.co_varnames
    positional = code.co_argcount
    posonly = getattr(code, 'co_posonlyargcount', 0)
    kwonly = getattr(code, 'co_kwonlyargcount', 0)
    flags = code.co_flags
    defaults = fn.__defaults__ or ()
    kwdefaults = getattr(fn, '__kwdefaults__', None) or {}
    annotations = getattr(fn, '__annotations__', None) or {}
    first_default = positional - len(defaults)
    params = []
    for i in range(positional):
        default = defaults[i - first_default] if i >= first_default else MISSING
        params.append(_format_param(names[i], annotations.get(names[i], MISSING),
                                    default))
        if posonly and i == posonly - 1:
            params.append('/')
    index = positional + kwonly
    if flags & 0x04:
        star = names[index]
        params.append('*' + _format_param(star, annotations.get(star, MISSING),
                                          MISSING))
        index += 1
    elif kwonly:
        params.append('*')
    for name in names[positional:positional + kwonly]:
        params.append(_format_param(name, annotations.get(name, MISSING),
                                    kwdefaults.get(name, MISSING)))
    if flags & 0x08:
        star = names[index]
        params.append('**' + _format_param(star, annotations.get(star, MISSING),
                                           MISSING))
    params = params[1:]
    if params and params[0] == '/':
        params = params[1:]
    text = '(' + ', '.join(params) + ')'
    if 'return' in annotations:
        text += f' -> {_format_annotation(annotations["return"])}'
    return text


def _class_signature(cls):
    init = None
    for klass in cls.__mro__:
        if klass is object:
            break
        if '__init__' in klass.__dict__:
            init = klass.__dict__['__init__']
            break
    if init is None:
        return '()'
    if _signatures is not None:
        try:
            text = _signatures.get(init)
        except TypeError:
            text = None
        if text is not None:
            return text
    if hasattr(init, '__code__'):
        return _function_signature(init)
    return ''


# ---------------------------------------------------------------------------------
# Building the class.

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                   kw_only, slots, weakref_slot):
    fields = {}

    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash,
                                           frozen))

    # Fields of dataclass bases come first, the nearest base winning; a field
    # redefined here keeps the place the base gave it.
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True

    cls_annotations = cls.__dict__.get('__annotations__', {})

    cls_fields = []
    kw_only_seen = False
    dataclasses = sys.modules[__name__]
    for name, a_type in cls_annotations.items():
        if (_is_kw_only(a_type, dataclasses)
                or (isinstance(a_type, str)
                    and _is_type(a_type, cls, dataclasses, _is_kw_only))):
            if kw_only_seen:
                raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY '
                                'has already been specified')
            kw_only_seen = True
            kw_only = True
        else:
            cls_fields.append(_get_field(cls, name, a_type, kw_only))

    for f in cls_fields:
        fields[f.name] = f
        # A `field()` in the class body leaves the default (if any) as the class
        # attribute, as a plain `x: int = 0` would.
        if isinstance(getattr(cls, f.name, None), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)

    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    setattr(cls, _FIELDS, fields)

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING
                             or (class_hash is None and '__eq__' in cls.__dict__))

    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_init_fields = [f for f in fields.values()
                       if f._field_type in (_FIELD, _FIELD_INITVAR)]
    std_init_fields, kw_only_init_fields = _fields_in_init_order(all_init_fields)

    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        self_name = '__dataclass_self__' if 'self' in fields else 'self'
        _set_new_attribute(cls, '__init__',
                           _init_fn(cls, all_init_fields, std_init_fields,
                                    kw_only_init_fields, frozen, has_post_init,
                                    self_name))

    field_list = [f for f in fields.values() if f._field_type is _FIELD]

    if repr:
        _set_new_attribute(cls, '__repr__',
                           _repr_fn(tuple(f.name for f in field_list if f.repr)))

    compared = tuple(f.name for f in field_list if f.compare)
    if eq:
        _set_new_attribute(cls, '__eq__', _eq_fn(compared))

    if order:
        for fn in _order_fns(compared):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')

    if frozen:
        for fn in _frozen_fns(cls, tuple(f.name for f in field_list)):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                f'in class {cls.__name__}')

    hash_action = _hash_action[bool(unsafe_hash), bool(eq), bool(frozen),
                               has_explicit_hash]
    if hash_action:
        cls.__hash__ = hash_action(cls, field_list)

    if not getattr(cls, '__doc__'):
        try:
            text_sig = _class_signature(cls).replace(' -> None', '')
        except (TypeError, ValueError):
            text_sig = ''
        cls.__doc__ = cls.__name__ + text_sig

    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple(f.name for f in std_init_fields))

    if weakref_slot and not slots:
        raise TypeError('weakref_slot is True but slots is False')
    if slots:
        cls = _add_slots(cls, frozen, weakref_slot)

    if hasattr(cls, '__abstractmethods__'):
        import abc
        abc.update_abstractmethods(cls)

    return cls


def _get_slots(cls):
    slots = cls.__dict__.get('__slots__')
    if slots is None:
        return ()
    if isinstance(slots, str):
        return (slots,)
    if hasattr(slots, '__next__'):
        raise TypeError(f"Slots of '{cls.__name__}' cannot be determined")
    return tuple(slots)


def _dataclass_getstate(self):
    return [getattr(self, f.name) for f in fields(self)]


def _dataclass_setstate(self, state):
    for f, value in zip(fields(self), state):
        # The instance may be frozen: go around its __setattr__.
        object.__setattr__(self, f.name, value)


def _add_slots(cls, is_frozen, weakref_slot):
    """A new class with the fields as `__slots__`: slots can only be declared when a
    class is created."""
    cls_dict = dict(cls.__dict__)
    if '__slots__' in cls_dict:
        raise TypeError(f'{cls.__name__} already specifies __slots__')

    field_names = tuple(f.name for f in fields(cls))
    inherited = set()
    for base in cls.__mro__[1:-1]:
        inherited.update(_get_slots(base))
    wanted = field_names + (('__weakref__',) if weakref_slot else ())
    cls_dict['__slots__'] = tuple(name for name in wanted if name not in inherited)
    for name in field_names:
        # Defaults live in __init__; as class attributes they would clash with slots.
        cls_dict.pop(name, None)
    cls_dict.pop('__dict__', None)
    cls_dict.pop('__weakref__', None)

    qualname = getattr(cls, '__qualname__', None)
    cls = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    if qualname is not None:
        cls.__qualname__ = qualname

    if is_frozen:
        if '__getstate__' not in cls_dict:
            cls.__getstate__ = _dataclass_getstate
        if '__setstate__' not in cls_dict:
            cls.__setstate__ = _dataclass_setstate
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False, weakref_slot=False):
    """Turns a class with annotated fields into a dataclass (also usable as
    `@dataclass(...)` with options): adds `__init__`, `__repr__` and `__eq__`, and on
    request ordering (`order`), a hash (`unsafe_hash`), immutability (`frozen`),
    keyword-only parameters (`kw_only`) and `__slots__` (`slots`, returning a new
    class). A method the class body defines itself is kept.
    """

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                              match_args, kw_only, slots, weakref_slot)

    if cls is None:
        return wrap
    return wrap(cls)


# ---------------------------------------------------------------------------------
# Functions on dataclasses and their instances.

def fields(class_or_instance):
    """The `Field`s of a dataclass or dataclass instance, in order, as a tuple
    (ClassVar and InitVar pseudo-fields left out)."""
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    """Whether obj is a dataclass or an instance of one."""
    cls = (obj if isinstance(obj, type) and not isinstance(obj, _GenericAlias)
           else type(obj))
    return hasattr(cls, _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """A new dict (made by dict_factory from (name, value) pairs) of the instance's
    fields.

    Dataclasses, lists, tuples (named ones too) and dicts inside are converted
    recursively; other values are deep-copied.
    """
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    import copy
    return _asdict_inner(obj, dict_factory, copy.deepcopy)


def _asdict_inner(obj, dict_factory, deepcopy):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            value = _asdict_inner(getattr(obj, f.name), dict_factory, deepcopy)
            result.append((f.name, value))
        return dict_factory(result)
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        # A namedtuple is rebuilt from positional arguments: its constructor does
        # not take an iterable.
        return type(obj)(*[_asdict_inner(v, dict_factory, deepcopy) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory, deepcopy) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory, deepcopy),
                          _asdict_inner(v, dict_factory, deepcopy))
                         for k, v in obj.items())
    return deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """A new tuple (made by tuple_factory from a list) of the instance's field values.

    Dataclasses, lists, tuples (named ones too) and dicts inside are converted
    recursively; other values are deep-copied.
    """
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    import copy
    return _astuple_inner(obj, tuple_factory, copy.deepcopy)


def _astuple_inner(obj, tuple_factory, deepcopy):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory,
                                             deepcopy)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory, deepcopy) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory, deepcopy) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory, deepcopy),
                          _astuple_inner(v, tuple_factory, deepcopy))
                         for k, v in obj.items())
    return deepcopy(obj)


_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
    'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
])


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True,
                   repr=True, eq=True, order=False, unsafe_hash=False,
                   frozen=False, match_args=True, kw_only=False, slots=False,
                   weakref_slot=False):
    """A dataclass made at run time: each of `fields` is a name (typed 'typing.Any'),
    a (name, type) pair, or a (name, type, default-or-field()) triple."""
    if namespace is None:
        namespace = {}

    seen = set()
    annotations = {}
    defaults = {}
    for item in fields:
        if isinstance(item, str):
            name = item
            tp = 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        elif len(item) == 3:
            name, tp, spec = item
            defaults[name] = spec
        else:
            raise TypeError(f'Invalid field: {item!r}')

        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f'Field names must be valid identifiers: {name!r}')
        if name in _KEYWORDS:
            raise TypeError(f'Field names must not be keywords: {name!r}')
        if name in seen:
            raise TypeError(f'Field name duplicated: {name!r}')
        seen.add(name)
        annotations[name] = tp

    # CPython makes the class with types.new_class, so its __module__ is 'types'.
    meta = type
    for base in bases:
        base_meta = type(base)
        if issubclass(base_meta, meta):
            meta = base_meta
    body = {'__module__': 'types'}
    body.update(namespace)
    body.update(defaults)
    body['__annotations__'] = annotations
    cls = meta(cls_name, tuple(bases), body)

    return dataclass(cls, init=init, repr=repr, eq=eq, order=order,
                     unsafe_hash=unsafe_hash, frozen=frozen, match_args=match_args,
                     kw_only=kw_only, slots=slots, weakref_slot=weakref_slot)


def replace(obj, /, **changes):
    """A new instance of obj's class, made by its `__init__` from obj's field values
    with the given ones changed. InitVars without a default must be given, and
    fields with init=False may not be."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')

    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with '
                                 'replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f'InitVar {f.name!r} '
                                 'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
