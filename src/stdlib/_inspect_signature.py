"""The signature part of `inspect`: `Signature`, `Parameter`, `BoundArguments` and
`signature()`, which `inspect` re-exports (their `__module__` is 'inspect').

`inspect` loads this module on first use of one of these names. A signature is
read from a function's code object (`co_argcount`, `co_varnames`,
`co_flags`...), its `__defaults__`, `__kwdefaults__` and `__annotations__`, as
CPython does. Builtins are the exception: CPython reads their `__text_signature__`,
which apy's builtins do not carry, so the texts of the `builtins` module's functions
and classes are kept here (in CPython's spelling) and turned into signatures the same
way a `__text_signature__` would be, by compiling a stub `def` with that parameter
list. Other builtins (methods of built-in types, module functions written in Rust)
have no signature here.
"""

import sys
import enum

from types import FunctionType, MethodType, BuiltinFunctionType, ModuleType
from _types_extra import (MappingProxyType, WrapperDescriptorType, MethodWrapperType,
                          ClassMethodDescriptorType)

import inspect as _inspect
from inspect import _is_function_like


class _void:
    """A private marker: "no value given" where None is a valid value."""


class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


_void.__module__ = _empty.__module__ = 'inspect'


class _ParameterKind(enum.IntEnum):
    POSITIONAL_ONLY = 0
    POSITIONAL_OR_KEYWORD = 1
    VAR_POSITIONAL = 2
    KEYWORD_ONLY = 3
    VAR_KEYWORD = 4

    def __str__(self):
        return self._name_

    @property
    def description(self):
        return _KIND_DESCRIPTIONS[self._value_]


_ParameterKind.__module__ = 'inspect'

_KIND_DESCRIPTIONS = ('positional-only', 'positional or keyword', 'variadic positional',
                      'keyword-only', 'variadic keyword')

_POSITIONAL_ONLY = _ParameterKind.POSITIONAL_ONLY
_POSITIONAL_OR_KEYWORD = _ParameterKind.POSITIONAL_OR_KEYWORD
_VAR_POSITIONAL = _ParameterKind.VAR_POSITIONAL
_KEYWORD_ONLY = _ParameterKind.KEYWORD_ONLY
_VAR_KEYWORD = _ParameterKind.VAR_KEYWORD

# Python 3.11's keywords (apy has no `keyword` module): a parameter cannot be named so.
_KEYWORDS = frozenset((
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
    'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'))


_ordered_dict = None


def _ordered_dict_type():
    # CPython keeps a signature's parameters in an OrderedDict, which shows in the
    # repr of `Signature.parameters`. Imported on first use (start-up), and
    # replaced by a stand-in where apy's `collections` has none.
    global _ordered_dict
    if _ordered_dict is None:
        try:
            from collections import OrderedDict as _ordered_dict
        except ImportError:
            _ordered_dict = _OrderedDict
    return _ordered_dict


class _OrderedDict(dict):
    """Stand-in for collections.OrderedDict where apy lacks it: a dict that shows
    itself the way OrderedDict does."""

    def __repr__(self):
        if not self:
            return 'OrderedDict()'
        return f'OrderedDict({list(self.items())!r})'


_OrderedDict.__name__ = _OrderedDict.__qualname__ = 'OrderedDict'
_OrderedDict.__module__ = 'collections'


class Parameter:
    """One parameter of a signature: its name, kind, default and annotation.

    `default` and `annotation` are `Parameter.empty` when there is none.
    """

    __slots__ = ('_name', '_kind', '_default', '_annotation')

    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD

    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        try:
            self._kind = _ParameterKind(kind)
        except ValueError:
            raise ValueError(f'value {kind!r} is not a valid Parameter.kind')
        if default is not _empty and self._kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError(f'{self._kind.description} parameters cannot have '
                             'default values')
        self._default = default
        self._annotation = annotation
        if name is _empty:
            raise ValueError('name is a required attribute for Parameter')
        if not isinstance(name, str):
            raise TypeError(f'name must be a str, not a {type(name).__name__}')
        if name[0] == '.' and name[1:].isdigit():
            # The hidden argument of a comprehension's code object, shown as
            # positional-only 'implicitN'.
            if self._kind != _POSITIONAL_OR_KEYWORD:
                raise ValueError('implicit arguments must be passed as positional or '
                                 f'keyword arguments, not {self._kind.description}')
            self._kind = _POSITIONAL_ONLY
            name = f'implicit{name[1:]}'
        # A keyword is let through as a positional-only name: builtins have those.
        if ((name in _KEYWORDS and self._kind is not _POSITIONAL_ONLY)
                or not name.isidentifier()):
            raise ValueError(f'{name!r} is not a valid parameter name')
        self._name = name

    def __reduce__(self):
        return (type(self), (self._name, self._kind),
                {'_default': self._default, '_annotation': self._annotation})

    def __setstate__(self, state):
        self._default = state['_default']
        self._annotation = state['_annotation']

    @property
    def name(self):
        return self._name

    @property
    def default(self):
        return self._default

    @property
    def annotation(self):
        return self._annotation

    @property
    def kind(self):
        return self._kind

    def replace(self, *, name=_void, kind=_void, annotation=_void, default=_void):
        """A copy of the parameter with the given attributes changed."""
        if name is _void:
            name = self._name
        if kind is _void:
            kind = self._kind
        if annotation is _void:
            annotation = self._annotation
        if default is _void:
            default = self._default
        return type(self)(name, kind, default=default, annotation=annotation)

    def __str__(self):
        text = self._name
        if self._annotation is not _empty:
            text = f'{text}: {_inspect.formatannotation(self._annotation)}'
        if self._default is not _empty:
            equals = ' = ' if self._annotation is not _empty else '='
            text = f'{text}{equals}{self._default!r}'
        if self._kind == _VAR_POSITIONAL:
            return '*' + text
        if self._kind == _VAR_KEYWORD:
            return '**' + text
        return text

    def __repr__(self):
        return f'<{type(self).__name__} "{self}">'

    def __hash__(self):
        return hash((self._name, self._kind, self._annotation, self._default))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind == other._kind
                and self._default == other._default
                and self._annotation == other._annotation)


class BoundArguments:
    """The result of `Signature.bind`: which argument went to which parameter.

    `arguments` maps parameter names to values (a `*args` parameter to a tuple, a
    `**kwargs` one to a dict); `args` and `kwargs` spell the same call back out.
    """

    __slots__ = ('arguments', '_signature', '__weakref__')

    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    @property
    def signature(self):
        return self._signature

    @property
    def args(self):
        args = []
        for name, param in self._signature.parameters.items():
            if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY) or name not in self.arguments:
                break
            if param.kind == _VAR_POSITIONAL:
                args.extend(self.arguments[name])
            else:
                args.append(self.arguments[name])
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        started = False
        for name, param in self._signature.parameters.items():
            if not started:
                # Keywords start at the first keyword-only parameter, or at the
                # first positional one left unbound (those after it cannot be
                # passed by position any more).
                if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                    started = True
                elif name not in self.arguments:
                    started = True
                    continue
                else:
                    continue
            if name in self.arguments:
                if param.kind == _VAR_KEYWORD:
                    kwargs.update(self.arguments[name])
                else:
                    kwargs[name] = self.arguments[name]
        return kwargs

    def apply_defaults(self):
        """Fills in the defaults of the parameters that were not bound (and an empty
        tuple or dict for `*args` and `**kwargs`)."""
        arguments = self.arguments
        filled = {}
        for name, param in self._signature.parameters.items():
            if name in arguments:
                filled[name] = arguments[name]
            elif param.default is not _empty:
                filled[name] = param.default
            elif param.kind is _VAR_POSITIONAL:
                filled[name] = ()
            elif param.kind is _VAR_KEYWORD:
                filled[name] = {}
        self.arguments = filled

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    __hash__ = None

    def __setstate__(self, state):
        self._signature = state['_signature']
        self.arguments = state['arguments']

    def __getstate__(self):
        return {'_signature': self._signature, 'arguments': self.arguments}

    def __repr__(self):
        args = ', '.join(f'{name}={value!r}' for name, value in self.arguments.items())
        return f'<{type(self).__name__} ({args})>'


class Signature:
    """The parameters a callable takes and its return annotation.

    `parameters` is an ordered, read-only mapping of names to Parameter objects;
    `return_annotation` is `Signature.empty` when there is none.
    """

    __slots__ = ('_return_annotation', '_parameters')

    _parameter_cls = Parameter
    _bound_arguments_cls = BoundArguments

    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty,
                 __validate_parameters__=True):
        params = _ordered_dict_type()()
        if parameters is not None:
            if __validate_parameters__:
                top_kind = _POSITIONAL_ONLY
                seen_default = False
                for param in parameters:
                    kind = param.kind
                    if kind < top_kind:
                        raise ValueError(
                            f'wrong parameter order: {top_kind.description} parameter '
                            f'before {kind.description} parameter')
                    top_kind = kind
                    if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                        if param.default is not _empty:
                            seen_default = True
                        elif seen_default:
                            raise ValueError('non-default argument follows default '
                                             'argument')
                    if param.name in params:
                        raise ValueError(f'duplicate parameter name: {param.name!r}')
                    params[param.name] = param
            else:
                for param in parameters:
                    params[param.name] = param
        self._parameters = MappingProxyType(params)
        self._return_annotation = return_annotation

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True, globals=None, locals=None,
                      eval_str=False):
        """The signature of any callable `obj`."""
        return _signature_from_callable(obj, sigcls=cls,
                                        follow_wrapper_chains=follow_wrapped,
                                        globals=globals, locals=locals,
                                        eval_str=eval_str)

    @property
    def parameters(self):
        return self._parameters

    @property
    def return_annotation(self):
        return self._return_annotation

    def replace(self, *, parameters=_void, return_annotation=_void):
        """A copy of the signature with the parameters or return annotation changed."""
        if parameters is _void:
            parameters = self.parameters.values()
        if return_annotation is _void:
            return_annotation = self._return_annotation
        return type(self)(parameters, return_annotation=return_annotation)

    def _hash_basis(self):
        # Keyword-only parameters compare as a set: their order does not matter.
        positional = tuple(p for p in self.parameters.values() if p.kind != _KEYWORD_ONLY)
        keyword_only = {p.name: p for p in self.parameters.values()
                        if p.kind == _KEYWORD_ONLY}
        return positional, keyword_only, self.return_annotation

    def __hash__(self):
        positional, keyword_only, annotation = self._hash_basis()
        return hash((positional, frozenset(keyword_only.values()), annotation))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Signature):
            return NotImplemented
        return self._hash_basis() == other._hash_basis()

    def _bind(self, args, kwargs, *, partial=False):
        """Matches `args` and `kwargs` to the parameters the way a call would, with
        CPython's messages for the mismatches."""
        arguments = {}
        params = list(self.parameters.values())
        index = 0
        count = len(params)
        # Positional arguments, in order.
        for position, value in enumerate(args):
            if index >= count:
                raise TypeError('too many positional arguments') from None
            param = params[index]
            if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                raise TypeError('too many positional arguments') from None
            if param.kind == _VAR_POSITIONAL:
                arguments[param.name] = tuple(args[position:])
                index += 1
                break
            if param.name in kwargs and param.kind != _POSITIONAL_ONLY:
                raise TypeError(f'multiple values for argument {param.name!r}') from None
            arguments[param.name] = value
            index += 1
        else:
            # The positional arguments ran out before the parameters did: the next
            # parameter must be fillable some other way.
            if index < count:
                param = params[index]
                if param.kind == _VAR_POSITIONAL:
                    index += 1
                elif param.name in kwargs:
                    if param.kind == _POSITIONAL_ONLY:
                        raise TypeError(f'{param.name!r} parameter is positional only, '
                                        'but was passed as a keyword') from None
                elif (param.kind != _VAR_KEYWORD and param.default is _empty
                      and not partial):
                    raise TypeError(f'missing a required argument: {param.name!r}') \
                        from None
        # The rest are filled from the keyword arguments.
        kwargs_param = None
        for param in params[index:]:
            if param.kind == _VAR_KEYWORD:
                kwargs_param = param
                continue
            if param.kind == _VAR_POSITIONAL:
                continue
            if param.name in kwargs:
                if param.kind == _POSITIONAL_ONLY:
                    raise TypeError(f'{param.name!r} parameter is positional only, '
                                    'but was passed as a keyword')
                arguments[param.name] = kwargs.pop(param.name)
            elif not partial and param.default is _empty:
                raise TypeError(f'missing a required argument: {param.name!r}') from None
        if kwargs:
            if kwargs_param is None:
                raise TypeError('got an unexpected keyword argument '
                                f'{next(iter(kwargs))!r}')
            arguments[kwargs_param.name] = kwargs
        return self._bound_arguments_cls(self, arguments)

    def bind(self, /, *args, **kwargs):
        """Binds the arguments of a call: a BoundArguments, or TypeError where the
        call would fail."""
        return self._bind(args, kwargs)

    def bind_partial(self, /, *args, **kwargs):
        """As bind(), but required arguments may be left out."""
        return self._bind(args, kwargs, partial=True)

    def __reduce__(self):
        return (type(self), (tuple(self._parameters.values()),),
                {'_return_annotation': self._return_annotation})

    def __setstate__(self, state):
        self._return_annotation = state['_return_annotation']

    def __repr__(self):
        return f'<{type(self).__name__} {self}>'

    def __str__(self):
        parts = []
        # '/' follows the last positional-only parameter; '*' precedes the first
        # keyword-only one unless a `*args` already did.
        pending_slash = False
        need_star = True
        for param in self.parameters.values():
            kind = param.kind
            if kind == _POSITIONAL_ONLY:
                pending_slash = True
            elif pending_slash:
                parts.append('/')
                pending_slash = False
            if kind == _VAR_POSITIONAL:
                need_star = False
            elif kind == _KEYWORD_ONLY and need_star:
                parts.append('*')
                need_star = False
            parts.append(str(param))
        if pending_slash:
            parts.append('/')
        text = f"({', '.join(parts)})"
        if self.return_annotation is not _empty:
            text += f' -> {_inspect.formatannotation(self.return_annotation)}'
        return text


for _cls in (Parameter, BoundArguments, Signature):
    _cls.__module__ = 'inspect'
del _cls


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    """The Signature of the callable `obj`."""
    return Signature.from_callable(obj, follow_wrapped=follow_wrapped, globals=globals,
                                   locals=locals, eval_str=eval_str)


signature.__module__ = 'inspect'

# Callables made in the VM: a class whose `__init__` or `__call__` is one of these
# has no Python-level method to read a signature from.
_NON_USER_DEFINED = (WrapperDescriptorType, MethodWrapperType, ClassMethodDescriptorType,
                     BuiltinFunctionType)


def _user_defined_method(cls, name):
    """`cls.name` unless it is missing or made in the VM."""
    try:
        method = getattr(cls, name)
    except AttributeError:
        return None
    if isinstance(method, _NON_USER_DEFINED):
        return None
    return method


def _bound_method_signature(sig):
    """The signature with its first parameter (self or cls) taken off, as binding
    does; a leading `*args` stays, since it takes the bound argument and still more."""
    params = tuple(sig.parameters.values())
    if not params or params[0].kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
        raise ValueError('invalid method signature')
    if params[0].kind in (_POSITIONAL_OR_KEYWORD, _POSITIONAL_ONLY):
        params = params[1:]
    return sig.replace(parameters=params)


def _signature_from_function(cls, func, skip_bound_arg=True, globals=None, locals=None,
                             eval_str=False):
    """The signature read from a function's code object and attributes."""
    is_duck_function = False
    if not isinstance(func, FunctionType):
        if not _is_function_like(func):
            raise TypeError(f'{func!r} is not a Python function')
        is_duck_function = True
    text = getattr(func, '__text_signature__', None)
    if text:
        return _signature_from_text(cls, func, text, skip_bound_arg)
    make = cls._parameter_cls
    code = func.__code__
    names = code.co_varnames
    positional_count = code.co_argcount
    posonly_count = code.co_posonlyargcount
    kwonly_count = code.co_kwonlyargcount
    annotations = _inspect.get_annotations(func, globals=globals, locals=locals,
                                           eval_str=eval_str)
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__
    first_default = positional_count - len(defaults)
    params = []
    for i, name in enumerate(names[:positional_count]):
        kind = _POSITIONAL_ONLY if i < posonly_count else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(make(name, kind, default=default,
                           annotation=annotations.get(name, _empty)))
    index = positional_count + kwonly_count
    if code.co_flags & _inspect.CO_VARARGS:
        name = names[index]
        params.append(make(name, _VAR_POSITIONAL, annotation=annotations.get(name, _empty)))
        index += 1
    for name in names[positional_count:positional_count + kwonly_count]:
        default = _empty if kwdefaults is None else kwdefaults.get(name, _empty)
        params.append(make(name, _KEYWORD_ONLY, default=default,
                           annotation=annotations.get(name, _empty)))
    if code.co_flags & _inspect.CO_VARKEYWORDS:
        name = names[index]
        params.append(make(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    # A real function's parameters are in order by construction.
    return cls(params, return_annotation=annotations.get('return', _empty),
               __validate_parameters__=is_duck_function)


# CPython's `__text_signature__` of the builtins module's functions and classes
# (`$module`, the bound module, left out). `anext` has one CPython cannot parse.
_BUILTIN_SIGNATURES = {
    '__import__': '(name, globals=None, locals=None, fromlist=(), level=0)',
    'abs': '(x, /)', 'aiter': '(async_iterable, /)', 'all': '(iterable, /)',
    'any': '(iterable, /)', 'ascii': '(obj, /)', 'bin': '(number, /)',
    'callable': '(obj, /)', 'chr': '(i, /)',
    'compile': '(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, '
               '_feature_version=-1)',
    'delattr': '(obj, name, /)', 'divmod': '(x, y, /)',
    'eval': '(source, globals=None, locals=None, /)',
    'exec': '(source, globals=None, locals=None, /, *, closure=None)',
    'format': "(value, format_spec='', /)", 'globals': '()',
    'hasattr': '(obj, name, /)', 'hash': '(obj, /)', 'hex': '(number, /)',
    'id': '(obj, /)', 'input': "(prompt='', /)",
    'isinstance': '(obj, class_or_tuple, /)', 'issubclass': '(cls, class_or_tuple, /)',
    'len': '(obj, /)', 'locals': '()', 'oct': '(number, /)',
    'open': "(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, "
            "closefd=True, opener=None)",
    'ord': '(c, /)', 'pow': '(base, exp, mod=None)',
    'print': "(*args, sep=' ', end='\\n', file=None, flush=False)",
    'repr': '(obj, /)', 'round': '(number, ndigits=None)',
    'setattr': '(obj, name, value, /)',
    'sorted': '(iterable, /, *, key=None, reverse=False)', 'sum': '(iterable, /, start=0)',
    'complex': '(real=0, imag=0)', 'enumerate': '(iterable, start=0)',
    'float': '(x=0, /)', 'list': '(iterable=(), /)', 'tuple': '(iterable=(), /)',
    'memoryview': '(object)', 'object': '()',
    'property': '(fget=None, fset=None, fdel=None, doc=None)',
    'reversed': '(sequence, /)',
    'anext': None,
}


def _builtin_text_signature(obj):
    """The text signature of a builtin: its own `__text_signature__`, or for the
    builtins module's functions and classes the one kept above."""
    text = getattr(obj, '__text_signature__', None)
    if text:
        return text
    name = getattr(obj, '__name__', None)
    if name in _BUILTIN_SIGNATURES:
        import builtins
        if getattr(builtins, name, None) is obj:
            text = _BUILTIN_SIGNATURES[name]
            if text is None:
                raise ValueError(f'{obj!r} builtin has invalid signature')
            return text
    return None


def _signature_from_text(cls, obj, text, skip_bound_arg=True):
    """A signature from text in `__text_signature__` form: a parameter list whose
    first entry may be `$module`, `$self` or `$type` for the bound object."""
    inner = text.strip()[1:-1].strip()
    if inner.startswith('$'):
        head, _, rest = inner.partition(',')
        rest = rest.strip()
        bound_self = getattr(obj, '__self__', None)
        if head == '$module' or (skip_bound_arg and bound_self is not None
                                 and not isinstance(bound_self, ModuleType)):
            inner = rest
        else:
            inner = head[1:] + (', ' + rest if rest else '')
        if inner.startswith('/'):
            inner = inner[1:].lstrip(', ')
    namespace = {}
    module = sys.modules.get(getattr(obj, '__module__', None) or '')
    if module is not None:
        namespace.update(vars(module))
    try:
        exec(f'def __stub__({inner}): pass', namespace)
    except Exception:
        raise ValueError(f'{obj!r} builtin has invalid signature') from None
    sig = _signature_from_function(cls, namespace['__stub__'])
    return sig.replace(return_annotation=cls.empty)


def _is_builtin_callable(obj):
    return (_inspect.isbuiltin(obj) or _inspect.ismethoddescriptor(obj)
            or isinstance(obj, _NON_USER_DEFINED) or obj in (type, object))


def _signature_from_builtin(cls, func, skip_bound_arg=True):
    if not _is_builtin_callable(func):
        raise TypeError(f'{func!r} is not a Python builtin function')
    text = _builtin_text_signature(func)
    if not text:
        raise ValueError(f'no signature found for builtin {func!r}')
    return _signature_from_text(cls, func, text, skip_bound_arg)


def _partial_signature(wrapped_sig, partial, extra_args=()):
    """The signature left once `partial` supplies its arguments: positional ones
    are gone, keyword ones become defaults (and a parameter given by keyword makes
    the positional parameters after it keyword-only)."""
    old_params = wrapped_sig.parameters
    partial_args = extra_args + (partial.args or ())
    partial_keywords = partial.keywords or {}
    try:
        bound = wrapped_sig.bind_partial(*partial_args, **partial_keywords)
    except TypeError as exc:
        raise ValueError(f'partial object {partial!r} has incorrect arguments') from exc
    names = list(old_params)
    new = dict(old_params)
    moved_to_end = []
    to_keyword_only = False
    for name, param in old_params.items():
        if name in bound.arguments:
            value = bound.arguments[name]
            if param.kind is _POSITIONAL_ONLY:
                del new[name]
                names.remove(name)
                continue
            if param.kind is _POSITIONAL_OR_KEYWORD:
                if name not in partial_keywords:
                    del new[name]
                    names.remove(name)
                    continue
                to_keyword_only = True
                new[name] = param.replace(default=value)
            if param.kind is _KEYWORD_ONLY:
                new[name] = param.replace(default=value)
        if to_keyword_only:
            if param.kind is _POSITIONAL_OR_KEYWORD:
                new[name] = new[name].replace(kind=_KEYWORD_ONLY)
                moved_to_end.append(name)
            elif param.kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
                moved_to_end.append(name)
            elif param.kind is _VAR_POSITIONAL:
                del new[name]
                names.remove(name)
    for name in moved_to_end:
        names.remove(name)
        names.append(name)
    return wrapped_sig.replace(parameters=[new[name] for name in names])


def _signature_from_callable(obj, *, follow_wrapper_chains=True, skip_bound_arg=True,
                             globals=None, locals=None, eval_str=False, sigcls):
    """The signature of any callable: functions, bound methods, wrappers (through
    `__wrapped__`), partials, classes (from their metaclass `__call__`, `__new__` or
    `__init__`) and instances with `__call__`."""

    def again(inner):
        return _signature_from_callable(
            inner, follow_wrapper_chains=follow_wrapper_chains,
            skip_bound_arg=skip_bound_arg, globals=globals, locals=locals,
            sigcls=sigcls, eval_str=eval_str)

    if not callable(obj):
        raise TypeError(f'{obj!r} is not a callable object')

    if isinstance(obj, MethodType):
        sig = again(obj.__func__)
        return _bound_method_signature(sig) if skip_bound_arg else sig

    if follow_wrapper_chains:
        obj = _inspect.unwrap(obj, stop=lambda f: (hasattr(f, '__signature__')
                                                   or isinstance(f, MethodType)))
        if isinstance(obj, MethodType):
            return again(obj)

    try:
        sig = obj.__signature__
    except AttributeError:
        pass
    else:
        if sig is not None:
            if not isinstance(sig, Signature):
                raise TypeError(f'unexpected object {sig!r} in __signature__ attribute')
            return sig

    functools = sys.modules.get('functools')
    try:
        partialmethod = obj._partialmethod
    except AttributeError:
        pass
    else:
        if functools is not None and isinstance(partialmethod, functools.partialmethod):
            # The function a partialmethod makes: its first parameter stays (it
            # takes self), and the partial's arguments apply after it.
            wrapped_sig = again(partialmethod.func)
            sig = _partial_signature(wrapped_sig, partialmethod, (None,))
            first = tuple(wrapped_sig.parameters.values())[0]
            if first.kind is _VAR_POSITIONAL:
                return sig
            return sig.replace(parameters=(first,) + tuple(sig.parameters.values()))

    if isinstance(obj, FunctionType) or _is_function_like(obj):
        return _signature_from_function(sigcls, obj, skip_bound_arg=skip_bound_arg,
                                        globals=globals, locals=locals,
                                        eval_str=eval_str)

    if _is_builtin_callable(obj):
        return _signature_from_builtin(sigcls, obj, skip_bound_arg=skip_bound_arg)

    if functools is not None and isinstance(obj, functools.partial):
        return _partial_signature(again(obj.func), obj)

    sig = None
    if isinstance(obj, type):
        call = _user_defined_method(type(obj), '__call__')
        if call is not None:
            sig = again(call)
        else:
            new = _user_defined_method(obj, '__new__')
            init = _user_defined_method(obj, '__init__')
            # The first class in the MRO that defines either decides which one.
            factory = None
            for base in obj.__mro__:
                if new is not None and '__new__' in base.__dict__:
                    factory = new
                    break
                if init is not None and '__init__' in base.__dict__:
                    factory = init
                    break
            if factory is not None:
                sig = again(factory)
        if sig is None:
            # Only VM-made __new__/__init__: a built-in base's text signature.
            for base in obj.__mro__[:-1]:
                try:
                    text = _builtin_text_signature(base)
                except ValueError:
                    text = None
                if text:
                    return _signature_from_text(sigcls, base, text, skip_bound_arg)
            if type not in obj.__mro__:
                if obj.__init__ is object.__init__ and obj.__new__ is object.__new__:
                    return sigcls.from_callable(object)
                raise ValueError(f'no signature found for builtin type {obj!r}')
    elif not isinstance(obj, _NON_USER_DEFINED):
        call = _user_defined_method(type(obj), '__call__')
        if call is not None:
            try:
                sig = again(call)
            except ValueError as exc:
                raise ValueError(f'no signature found for {obj!r}') from exc

    if sig is not None:
        return _bound_method_signature(sig) if skip_bound_arg else sig

    if isinstance(obj, BuiltinFunctionType):
        raise ValueError(f'no signature found for builtin function {obj!r}')
    raise ValueError(f'callable {obj!r} is not supported by signature')
