"""`unittest._mock_core`: the call records and the plain mocks of `unittest.mock`.

This part holds what every mock needs: `sentinel`/`DEFAULT`/`ANY`, the `call`
objects (`_Call`, `_CallList`), and `NonCallableMock`, `CallableMixin` and `Mock`,
which record calls, create child mocks on attribute access, honour a spec and
carry the `assert_*` methods. `_mock_magic` adds the magic-method and async mocks,
`_mock_patch` the patchers; `unittest.mock` re-exports them all. Every class says
`__module__ = "unittest.mock"` so that reprs read as in CPython.

As in CPython, every mock instance gets a class of its own, made in `__new__`
(named like its class), because magic methods are looked up on the type: setting
`m.__len__` must change `len(m)` for that mock alone. The names of the instance
attributes (`_mock_children`, `_mock_return_value`, ...) are CPython's, since
tests poke at them.

A few names are filled in by `_mock_magic` when it loads (`MagicMock`, `AsyncMock`,
the magic-slot and async-state helpers): the child-mock rules need them, and importing that
module from here would be circular.
"""

import sys as _sys
from types import FunctionType as _FunctionType, MethodType as _MethodType

_MODULE = "unittest.mock"

FILTER_DIR = True

# Set by `_mock_magic` once it has loaded (see the module docstring).
MagicMock = None
AsyncMock = None
AsyncMockMixin = None
_magic_slot = None
_init_async_state = None

_FUNCTION_TYPES = (_FunctionType, _MethodType)


class InvalidSpecError(Exception):
    """Raised when a mock is given as the spec of another mock."""

    __module__ = _MODULE


# ---------------------------------------------------------------------------
# Magic-method name tables (data shared by all parts)
# ---------------------------------------------------------------------------

def _dunders(words):
    return {"__%s__" % w for w in words.split()}


_NUMERIC_WORDS = "add sub mul matmul truediv floordiv mod lshift rshift and xor or pow"
# The magic methods a MagicMock configures by default.
_magics = _dunders(
    "lt le gt ge eq ne getitem setitem delitem len contains iter hash str sizeof "
    "enter exit divmod rdivmod neg pos abs invert complex int float index "
    "round trunc floor ceil bool next fspath aiter " + _NUMERIC_WORDS + " "
    + " ".join("i" + w for w in _NUMERIC_WORDS.split()) + " "
    + " ".join("r" + w for w in _NUMERIC_WORDS.split()))
# Supported (they may be set) but not configured by default.
_non_defaults = _dunders(
    "get set delete reversed missing reduce reduce_ex getinitargs getnewargs "
    "getstate setstate getformat repr dir subclasses format getnewargs_ex")
_async_method_magics = {"__aenter__", "__aexit__", "__anext__"}
_sync_async_magics = {"__aiter__"}
_async_magics = _async_method_magics | _sync_async_magics
_all_sync_magics = _magics | _non_defaults
_all_magics = _all_sync_magics | _async_magics
_unsupported_magics = _dunders(
    "getattr setattr init new prepare instancecheck subclasscheck del")


def _is_magic(name):
    return len(name) >= 4 and name.startswith("__") and name.endswith("__")


# ---------------------------------------------------------------------------
# Sentinels, DEFAULT, ANY
# ---------------------------------------------------------------------------

class _SentinelObject(object):
    """A unique, named object: `sentinel.name`."""

    __module__ = _MODULE

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "sentinel.%s" % self.name

    def __reduce__(self):
        # A string makes copy and pickle hand back this very object.
        return "sentinel.%s" % self.name


class _Sentinel(object):
    """`sentinel.name` hands out one unique object per name."""

    __module__ = _MODULE

    def __init__(self):
        self._sentinels = {}

    def __getattr__(self, name):
        if name == "__bases__":
            # Without this, `copy` and `pickle` mistake the sentinel for a class.
            raise AttributeError
        sentinels = self._sentinels
        if name not in sentinels:
            sentinels[name] = _SentinelObject(name)
        return sentinels[name]

    def __reduce__(self):
        return "sentinel"


sentinel = _Sentinel()
DEFAULT = sentinel.DEFAULT
_missing = sentinel.MISSING
_deleted = sentinel.DELETED


class _ANY(object):
    """Equal to anything: a wildcard inside expected calls."""

    __module__ = _MODULE

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __repr__(self):
        return "<ANY>"


ANY = _ANY()


# ---------------------------------------------------------------------------
# Small predicates
# ---------------------------------------------------------------------------

def _is_instance_mock(obj):
    # type(), not isinstance(): a mock with a spec lies about its __class__.
    return issubclass(type(obj), NonCallableMock)


def _is_exception(obj):
    return isinstance(obj, BaseException) or (
        isinstance(obj, type) and issubclass(obj, BaseException))


def _is_list(obj):
    return type(obj) in (list, tuple)


def _callable(obj):
    if isinstance(obj, type):
        return True
    if isinstance(obj, (staticmethod, classmethod, _MethodType)):
        return _callable(obj.__func__)
    return _has_call(obj)


def _has_call(obj):
    # callable() too: apy's functions have no `__call__` attribute.
    return callable(obj) or getattr(obj, "__call__", None) is not None


def _instance_callable(obj):
    """Whether instances of the class `obj` (or `obj` itself) can be called."""
    if not isinstance(obj, type):
        return _has_call(obj)
    for base in (obj,) + obj.__mro__:
        if base.__dict__.get("__call__") is not None:
            return True
    return False


def _try_iter(obj):
    """A side effect that is a plain iterable becomes an iterator over it."""
    if obj is None or _is_exception(obj) or _callable(obj):
        return obj
    try:
        return iter(obj)
    except TypeError:
        return obj


def _extract_mock(obj):
    # An autospecced function carries its mock in `.mock`.
    if isinstance(obj, _FUNCTION_TYPES) and hasattr(obj, "mock"):
        return obj.mock
    return obj


def _coroutine_marker():
    coroutines = _sys.modules.get("asyncio.coroutines")
    if coroutines is None:
        try:
            import asyncio.coroutines as coroutines
        except ImportError:
            return None
    return getattr(coroutines, "_is_coroutine", None)


def iscoroutinefunction(obj):
    """`asyncio.iscoroutinefunction`: an `async def` function, or an object
    marked as one (as AsyncMock is)."""
    import inspect
    if inspect.iscoroutinefunction(obj):
        return True
    marker = _coroutine_marker()
    return marker is not None and getattr(obj, "_is_coroutine", None) is marker


def _is_async_obj(obj):
    if _is_instance_mock(obj) and not isinstance(obj, AsyncMock):
        return False
    if hasattr(obj, "__func__"):
        obj = obj.__func__
    import inspect
    return iscoroutinefunction(obj) or inspect.isawaitable(obj)


def _is_async_func(func):
    if getattr(func, "__code__", None):
        return iscoroutinefunction(func)
    return False


def _format_call_signature(name, args, kwargs):
    parts = [repr(arg) for arg in args]
    parts.extend("%s=%r" % (key, value) for key, value in kwargs.items())
    return "%s(%s)" % (name, ", ".join(parts))


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:
        return object.__repr__(obj)


def _check_and_set_parent(parent, value, name, new_name):
    """Adopt `value` as a child (or return value) of `parent` if it is a mock
    nobody owns yet; report whether it was adopted."""
    value = _extract_mock(value)
    if not _is_instance_mock(value):
        return False
    if (value._mock_name or value._mock_new_name or value._mock_parent is not None
            or value._mock_new_parent is not None):
        return False
    ancestor = parent
    while ancestor is not None:
        # A mock set as a child or return value of itself is left alone.
        if ancestor is value:
            return False
        ancestor = ancestor._mock_new_parent
    if new_name:
        value._mock_new_parent = parent
        value._mock_new_name = new_name
    if name:
        value._mock_parent = parent
        value._mock_name = name
    return True


# ---------------------------------------------------------------------------
# call objects
# ---------------------------------------------------------------------------

def _pformat_list(items):
    """`pprint.pformat(list)` for lists of calls: one line when it fits in 80
    columns, else one item per line (apy has no pprint; calls are opaque to it)."""
    reprs = [repr(item) for item in items]
    flat = "[" + ", ".join(reprs) + "]"
    if len(flat) <= 80:
        return flat
    return "[" + ",\n ".join(reprs) + "]"


class _CallList(list):
    """A list of calls; `in` also finds a list of calls as a contiguous run."""

    __module__ = _MODULE

    def __contains__(self, value):
        if not isinstance(value, list):
            return list.__contains__(self, value)
        size = len(value)
        for start in range(len(self) - size + 1):
            if self[start:start + size] == value:
                return True
        return False

    def __repr__(self):
        return _pformat_list(self)


def _unpack_call(value):
    """(name, args, kwargs) from a call-like tuple of length 0 to 3 (name None
    when the tuple carries none), or None for any other length."""
    size = len(value)
    if size == 0:
        return None, (), {}
    if size == 3:
        return value
    if size == 1:
        only, = value
        if isinstance(only, str):
            return only, (), {}
        if isinstance(only, tuple):
            return None, only, {}
        return None, (), only
    if size == 2:
        first, second = value
        if isinstance(first, str):
            if isinstance(second, tuple):
                return first, second, {}
            return first, (), second
        return None, first, second
    return None


class _Call(tuple):
    """A call, as stored in `call_args` (a 2-tuple `(args, kwargs)`) or in
    `mock_calls` (a 3-tuple `(name, args, kwargs)`); `call` builds them.

    A 2-tuple is accepted wherever a call is compared, and `(name, args)` or
    `(name, kwargs)` too, so that tests may write calls as plain tuples.
    """

    __module__ = _MODULE

    def __new__(cls, value=(), name="", parent=None, two=False, from_kall=True):
        unpacked = _unpack_call(value)
        if unpacked is None:
            args, kwargs = (), {}
        else:
            value_name, args, kwargs = unpacked
            if value_name is not None:
                name = value_name
        if two:
            return tuple.__new__(cls, (args, kwargs))
        return tuple.__new__(cls, (name, args, kwargs))

    def __init__(self, value=(), name=None, parent=None, two=False, from_kall=True):
        self._mock_name = name
        self._mock_parent = parent
        self._mock_from_kall = from_kall

    def __eq__(self, other):
        try:
            len(other)
        except TypeError:
            return NotImplemented
        if len(self) == 2:
            self_name = ""
            self_args, self_kwargs = self
        else:
            self_name, self_args, self_kwargs = self
        if (getattr(self, "_mock_parent", None) and getattr(other, "_mock_parent", None)
                and self._mock_parent != other._mock_parent):
            return False
        unpacked = _unpack_call(other)
        if unpacked is None:
            return False
        other_name, other_args, other_kwargs = unpacked
        if other_name is None:
            other_name = ""
        if self_name and other_name != self_name:
            return False
        # Other side first, so that ANY (or any custom matcher) in the
        # expected call decides.
        return (other_args, other_kwargs) == (self_args, self_kwargs)

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    __hash__ = None

    def __call__(self, /, *args, **kwargs):
        if self._mock_name is None:
            return _Call(("", args, kwargs), name="()")
        return _Call((self._mock_name, args, kwargs), name=self._mock_name + "()",
                     parent=self)

    def __getattr__(self, attr):
        if self._mock_name is None:
            return _Call(name=attr, from_kall=False)
        return _Call(name="%s.%s" % (self._mock_name, attr), parent=self,
                     from_kall=False)

    # tuple's own methods would hide calls of these names.
    def count(self, /, *args, **kwargs):
        return self.__getattr__("count")(*args, **kwargs)

    def index(self, /, *args, **kwargs):
        return self.__getattr__("index")(*args, **kwargs)

    def _get_call_arguments(self):
        if len(self) == 2:
            return tuple(self)
        return self[1], self[2]

    @property
    def args(self):
        return self._get_call_arguments()[0]

    @property
    def kwargs(self):
        return self._get_call_arguments()[1]

    def __repr__(self):
        if not self._mock_from_kall:
            name = self._mock_name or "call"
            if name.startswith("()"):
                name = "call" + name
            return name
        if len(self) == 2:
            name = "call"
            args, kwargs = self
        else:
            name, args, kwargs = self
            if not name:
                name = "call"
            elif name.startswith("()"):
                name = "call" + name
            else:
                name = "call." + name
        return _format_call_signature(name, args, kwargs)

    def call_list(self):
        """For a chained call like `call.a(1).b(2)`, the list of every call in
        the chain, as they appear in `mock_calls`."""
        found = []
        link = self
        while link is not None:
            if link._mock_from_kall:
                found.append(link)
            link = link._mock_parent
        found.reverse()
        return _CallList(found)


call = _Call(from_kall=False)


class _AnyComparer(list):
    """A list whose `in` compares element-wise with the expected value on the
    left, so that ANY inside expected calls is honoured."""

    def __contains__(self, item):
        for candidate in self:
            if all([expected == actual for expected, actual in zip(item, candidate)]):
                return True
        return False


# ---------------------------------------------------------------------------
# The mocks
# ---------------------------------------------------------------------------

# Attributes whose assignment skips the mock machinery of __setattr__
# (properties and private state).
_allowed_names = {
    "return_value", "_mock_return_value", "side_effect", "_mock_side_effect",
    "_mock_parent", "_mock_new_parent", "_mock_name", "_mock_new_name",
}


def _delegating_property(name):
    """A property over `_mock_<name>` that an autospecced function (the
    `_mock_delegate`) may take over."""
    _allowed_names.add(name)
    private = "_mock_" + name

    def fget(self):
        delegate = self._mock_delegate
        if delegate is None:
            return getattr(self, private)
        return getattr(delegate, name)

    def fset(self, value):
        delegate = self._mock_delegate
        if delegate is None:
            self.__dict__[private] = value
        else:
            setattr(delegate, name, value)

    return property(fget, fset)


class _MockIter(object):
    """The iterator side effect of an autospecced function."""

    def __init__(self, obj):
        self.obj = iter(obj)

    def __next__(self):
        return next(self.obj)


class Base(object):
    """End of the cooperative `__init__` chain of the mock classes."""

    __module__ = _MODULE

    def __init__(self, /, *args, **kwargs):
        pass


_ASSERT_TYPOS = ("assert", "assret", "asert", "aseert", "assrt")


class NonCallableMock(Base):
    """A mock that cannot be called (calling it is a TypeError)."""

    __module__ = _MODULE

    def __new__(cls, /, *args, **kw):
        bases = (cls,)
        if AsyncMockMixin is not None and not issubclass(cls, AsyncMockMixin):
            # A spec that is an async function makes an async mock.
            if len(args) > 3:
                spec_arg = args[3]
            elif "spec_set" in kw:
                spec_arg = kw["spec_set"]
            elif args:
                spec_arg = args[0]
            else:
                spec_arg = kw.get("spec")
            if spec_arg is not None and _is_async_obj(spec_arg):
                bases = (AsyncMockMixin, cls)
        # __module__ given explicitly: apy's type() does not take it from the
        # calling module as CPython's does.
        namespace = {"__doc__": cls.__doc__, "__module__": _MODULE}
        # A magic mock's class gets its magic slots right away (see _mock_magic).
        slots = getattr(cls, "_mock_default_slots", None)
        if slots:
            namespace.update(slots)
        new = type(cls.__name__, bases, namespace)
        return object.__new__(new)

    def __init__(self, spec=None, wraps=None, name=None, spec_set=None,
                 parent=None, _spec_state=None, _new_name="", _new_parent=None,
                 _spec_as_instance=False, _eat_self=None, unsafe=False, **kwargs):
        if _new_parent is None:
            _new_parent = parent
        d = self.__dict__
        d["_mock_parent"] = parent
        d["_mock_name"] = name
        d["_mock_new_name"] = _new_name
        d["_mock_new_parent"] = _new_parent
        d["_mock_sealed"] = False
        if spec_set is not None:
            spec = spec_set
            spec_set = True
        if _eat_self is None:
            _eat_self = parent is not None
        self._mock_add_spec(spec, spec_set, _spec_as_instance, _eat_self)
        d["_mock_children"] = {}
        d["_mock_wraps"] = wraps
        d["_mock_delegate"] = None
        d["_mock_called"] = False
        d["_mock_call_args"] = None
        d["_mock_call_count"] = 0
        d["_mock_call_args_list"] = _CallList()
        d["_mock_mock_calls"] = _CallList()
        d["method_calls"] = _CallList()
        d["_mock_unsafe"] = unsafe
        if kwargs:
            self.configure_mock(**kwargs)
        if AsyncMockMixin is not None and issubclass(type(self), AsyncMockMixin):
            # Here rather than in AsyncMockMixin.__init__: for a Mock whose
            # spec is async, __new__ adds the mixin as a base, and apy then
            # runs Mock.__init__ rather than the new class's __init__.
            _init_async_state(self)
        super().__init__(spec, wraps, name, spec_set, parent, _spec_state)

    def attach_mock(self, mock, attribute):
        """Make `mock` the child `attribute` of this mock (dropping its own
        name and parent), so that its calls show in this mock's records."""
        inner = _extract_mock(mock)
        inner._mock_parent = None
        inner._mock_new_parent = None
        inner._mock_name = ""
        inner._mock_new_name = None
        setattr(self, attribute, mock)

    def mock_add_spec(self, spec, spec_set=False):
        """Restrict the mock to the attributes of `spec` (an object, or a list
        of names); with `spec_set`, setting other attributes fails as well."""
        self._mock_add_spec(spec, spec_set)

    def _mock_add_spec(self, spec, spec_set, _spec_as_instance=False, _eat_self=False):
        if _is_instance_mock(spec):
            raise InvalidSpecError("Cannot spec a Mock object. [object=%r]" % (spec,))
        spec_class = None
        signature = None
        asyncs = []
        if spec is not None and not _is_list(spec):
            spec_class = spec if isinstance(spec, type) else type(spec)
            found = _get_signature_object(spec, _spec_as_instance, _eat_self)
            signature = found and found[1]
            names = dir(spec)
            for attr in names:
                if iscoroutinefunction(getattr(spec, attr, None)):
                    asyncs.append(attr)
            spec = names
        d = self.__dict__
        d["_spec_class"] = spec_class
        d["_spec_set"] = spec_set
        d["_spec_signature"] = signature
        d["_mock_methods"] = spec
        d["_spec_asyncs"] = asyncs

    def __get_return_value(self):
        ret = self._mock_return_value
        if self._mock_delegate is not None:
            ret = self._mock_delegate.return_value
        if ret is DEFAULT:
            ret = self._get_child_mock(_new_parent=self, _new_name="()")
            self.return_value = ret
        return ret

    def __set_return_value(self, value):
        if self._mock_delegate is not None:
            self._mock_delegate.return_value = value
        else:
            self._mock_return_value = value
            _check_and_set_parent(self, value, None, "()")

    return_value = property(__get_return_value, __set_return_value,
                            doc="What a call of the mock returns (a child mock unless set).")

    @property
    def __class__(self):
        if self._spec_class is None:
            return type(self)
        return self._spec_class

    called = _delegating_property("called")
    call_count = _delegating_property("call_count")
    call_args = _delegating_property("call_args")
    call_args_list = _delegating_property("call_args_list")
    mock_calls = _delegating_property("mock_calls")

    def __get_side_effect(self):
        delegate = self._mock_delegate
        if delegate is None:
            return self._mock_side_effect
        effect = delegate.side_effect
        if (effect is not None and not callable(effect)
                and not isinstance(effect, _MockIter) and not _is_exception(effect)):
            effect = _MockIter(effect)
            delegate.side_effect = effect
        return effect

    def __set_side_effect(self, value):
        value = _try_iter(value)
        delegate = self._mock_delegate
        if delegate is None:
            self._mock_side_effect = value
        else:
            delegate.side_effect = value

    side_effect = property(__get_side_effect, __set_side_effect)

    def reset_mock(self, visited=None, *, return_value=False, side_effect=False):
        """Forget the calls recorded by the mock and its children (and, when
        asked, their return values and side effects)."""
        if visited is None:
            visited = []
        if id(self) in visited:
            return
        visited.append(id(self))
        self.called = False
        self.call_args = None
        self.call_count = 0
        self.mock_calls = _CallList()
        self.call_args_list = _CallList()
        self.method_calls = _CallList()
        if return_value:
            self._mock_return_value = DEFAULT
        if side_effect:
            self._mock_side_effect = None
        for child in self._mock_children.values():
            if isinstance(child, _SpecState) or child is _deleted:
                continue
            child.reset_mock(visited, return_value=return_value, side_effect=side_effect)
        ret = self._mock_return_value
        if _is_instance_mock(ret) and ret is not self:
            ret.reset_mock(visited)

    def configure_mock(self, /, **kwargs):
        """Set attributes from keyword arguments; dotted names reach child
        mocks, e.g. `configure_mock(**{"child.return_value": 3})`."""
        # Shallow names first, so that `a` is set before `a.b`.
        for arg, val in sorted(kwargs.items(), key=lambda item: item[0].count(".")):
            path = arg.split(".")
            final = path.pop()
            obj = self
            for entry in path:
                obj = getattr(obj, entry)
            setattr(obj, final, val)

    def __getattr__(self, name):
        if name in ("_mock_methods", "_mock_unsafe", "_mock_check_sig"):
            raise AttributeError(name)
        methods = self._mock_methods
        if methods is not None:
            if name not in methods or name in _all_magics:
                raise AttributeError("Mock object has no attribute %r" % name)
        elif _is_magic(name):
            raise AttributeError(name)
        if not self._mock_unsafe and (not methods or name not in methods):
            if name.startswith(_ASSERT_TYPOS):
                raise AttributeError(
                    "%r is not a valid assertion. Use a spec for the mock if %r "
                    "is meant to be an attribute." % (name, name))
        children = self._mock_children
        result = children.get(name)
        if result is _deleted:
            raise AttributeError(name)
        if result is None:
            wraps = None
            if self._mock_wraps is not None:
                # An error here is the right error: the wrapped object lacks it.
                wraps = getattr(self._mock_wraps, name)
            result = self._get_child_mock(parent=self, name=name, wraps=wraps,
                                          _new_name=name, _new_parent=self)
            children[name] = result
        elif isinstance(result, _SpecState):
            from unittest._mock_patch import create_autospec
            try:
                result = create_autospec(result.spec, result.spec_set, result.instance,
                                         result.parent, result.name)
            except InvalidSpecError:
                target_name = self.__dict__["_mock_name"] or self
                raise InvalidSpecError(
                    "Cannot autospec attr %r from target %r as it has already been "
                    "mocked out. [target=%r, attr=%r]"
                    % (result.name, target_name, self, result.spec))
            children[name] = result
        return result

    def _extract_mock_name(self):
        names = []
        node = self
        while node is not None:
            names.append(node._mock_new_name)
            top = node
            node = node._mock_new_parent
        names.reverse()
        # The root shows its name (not its new name); below it, a return
        # value joins as "()" and an attribute as ".name".
        text = top._mock_name or "mock"
        for part in names[1:]:
            text += part if part == "()" else "." + part
        return text

    def __repr__(self):
        name = self._extract_mock_name()
        name_string = ""
        if name not in ("mock", "mock."):
            name_string = " name=%r" % name
        spec_string = ""
        if self._spec_class is not None:
            spec_string = " spec_set=%r" if self._spec_set else " spec=%r"
            spec_string = spec_string % self._spec_class.__name__
        return "<%s%s%s id='%s'>" % (type(self).__name__, name_string, spec_string,
                                     id(self))

    def __dir__(self):
        """The public names of the mock, its spec and its children (all
        names when `FILTER_DIR` is false)."""
        module = _sys.modules.get(_MODULE)
        if not getattr(module, "FILTER_DIR", FILTER_DIR):
            return object.__dir__(self)
        extras = self._mock_methods or []
        from_type = [e for e in dir(type(self)) if not e.startswith("_")]
        from_dict = [e for e in self.__dict__ if not e.startswith("_") or _is_magic(e)]
        from_children = [name for name, value in self._mock_children.items()
                         if value is not _deleted]
        return sorted(set(list(extras) + from_type + from_dict + from_children))

    def __setattr__(self, name, value):
        if name in _allowed_names:
            return object.__setattr__(self, name, value)
        d = self.__dict__
        if (self._spec_set and self._mock_methods is not None
                and name not in self._mock_methods and name not in d):
            raise AttributeError("Mock object has no attribute '%s'" % name)
        if name in _unsupported_magics:
            raise AttributeError("Attempting to set unsupported magic method %r." % name)
        if name in _all_magics:
            if self._mock_methods is not None and name not in self._mock_methods:
                raise AttributeError("Mock object has no attribute '%s'" % name)
            if not _is_instance_mock(value):
                setattr(type(self), name, _as_method(name, value))
                original = value
                value = lambda *args, **kw: original(self, *args, **kw)
            else:
                # Only the new-name link: calls show in mock_calls but not in
                # method_calls.
                _check_and_set_parent(self, value, None, name)
                setattr(type(self), name, _magic_slot(name))
                self._mock_children[name] = value
        elif name == "__class__":
            d["_spec_class"] = value
            return
        elif _check_and_set_parent(self, value, name, name):
            self._mock_children[name] = value
        if self._mock_sealed and not hasattr(self, name):
            raise AttributeError("Cannot set %s.%s" % (self._extract_mock_name(), name))
        return object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if name in _all_magics and name in type(self).__dict__:
            delattr(type(self), name)
            if name not in self.__dict__:
                # A default magic never fetched: nothing more to undo.
                return
        child = self._mock_children.get(name, _missing)
        if name in self.__dict__:
            object.__delattr__(self, name)
        elif child is _deleted:
            raise AttributeError(name)
        if child is not _missing:
            del self._mock_children[name]
        self._mock_children[name] = _deleted

    def _format_mock_call_signature(self, args, kwargs):
        return _format_call_signature(self._mock_name or "mock", args, kwargs)

    def _format_mock_failure_message(self, args, kwargs, action="call"):
        expected = self._format_mock_call_signature(args, kwargs)
        actual = self._format_mock_call_signature(*self.call_args)
        return "expected %s not found.\nExpected: %s\n  Actual: %s" % (
            action, expected, actual)

    def _get_call_signature_from_name(self, name):
        """The signature of the spec of the child `name` (dotted, with `()`
        for return values) when that child has one."""
        if not name:
            return self._spec_signature
        sig = None
        names = name.replace("()", "").split(".")
        children = self._mock_children
        for part in names:
            child = children.get(part)
            if child is None or isinstance(child, _SpecState):
                break
            child = _extract_mock(child)
            children = child._mock_children
            sig = child._spec_signature
        return sig

    def _call_matcher(self, _call):
        """Bind a call to the spec's signature (when there is one), so that
        calls compare by parameter rather than by how arguments were passed;
        an unbindable call becomes the TypeError it raised."""
        if isinstance(_call, tuple) and len(_call) > 2:
            sig = self._get_call_signature_from_name(_call[0])
        else:
            sig = self._spec_signature
        if sig is None:
            return _call
        if len(_call) == 2:
            name = ""
            args, kwargs = _call
        else:
            name, args, kwargs = _call
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            return e.with_traceback(None)
        return call(name, bound.args, bound.kwargs)

    def assert_not_called(self):
        """Fail unless the mock has not been called."""
        if self.call_count != 0:
            raise AssertionError(
                "Expected '%s' to not have been called. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr()))

    def assert_called(self):
        """Fail unless the mock has been called."""
        if self.call_count == 0:
            raise AssertionError("Expected '%s' to have been called."
                                 % (self._mock_name or "mock"))

    def assert_called_once(self):
        """Fail unless the mock has been called exactly once."""
        if not self.call_count == 1:
            raise AssertionError(
                "Expected '%s' to have been called once. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr()))

    def assert_called_with(self, /, *args, **kwargs):
        """Fail unless the latest call had these arguments."""
        if self.call_args is None:
            expected = self._format_mock_call_signature(args, kwargs)
            raise AssertionError("expected call not found.\nExpected: %s\n  Actual: %s"
                                 % (expected, "not called."))
        expected = self._call_matcher(_Call((args, kwargs), two=True))
        actual = self._call_matcher(self.call_args)
        if actual != expected:
            cause = expected if isinstance(expected, Exception) else None
            raise AssertionError(self._format_mock_failure_message(args, kwargs)) from cause

    def assert_called_once_with(self, /, *args, **kwargs):
        """Fail unless the mock was called once, with these arguments."""
        if not self.call_count == 1:
            raise AssertionError(
                "Expected '%s' to be called once. Called %s times.%s"
                % (self._mock_name or "mock", self.call_count, self._calls_repr()))
        return self.assert_called_with(*args, **kwargs)

    def assert_has_calls(self, calls, any_order=False):
        """Fail unless `calls` appear in `mock_calls`: as a contiguous run, or
        anywhere and in any order when `any_order` is true."""
        expected = [self._call_matcher(c) for c in calls]
        cause = None
        for item in expected:
            if isinstance(item, Exception):
                cause = item
                break
        all_calls = _CallList(self._call_matcher(c) for c in self.mock_calls)
        if not any_order:
            if expected not in all_calls:
                if cause is None:
                    problem = "Calls not found."
                else:
                    problem = "Error processing expected calls.\nErrors: %s" % (
                        [e if isinstance(e, Exception) else None for e in expected],)
                raise AssertionError(
                    "%s\nExpected: %r%s" % (problem, _CallList(calls),
                                            self._calls_repr(prefix="  Actual").rstrip("."))
                ) from cause
            return
        remaining = list(all_calls)
        not_found = []
        for kall in expected:
            try:
                remaining.remove(kall)
            except ValueError:
                not_found.append(kall)
        if not_found:
            raise AssertionError(
                "%r does not contain all of %r in its call list, found %r instead"
                % (self._mock_name or "mock", tuple(not_found), remaining)
            ) from cause

    def assert_any_call(self, /, *args, **kwargs):
        """Fail unless some call (not only the latest) had these arguments."""
        expected = self._call_matcher(_Call((args, kwargs), two=True))
        cause = expected if isinstance(expected, Exception) else None
        actual = [self._call_matcher(c) for c in self.call_args_list]
        if cause or expected not in _AnyComparer(actual):
            raise AssertionError(
                "%s call not found" % self._format_mock_call_signature(args, kwargs)
            ) from cause

    def _get_child_mock(self, /, **kw):
        """Make a child mock (attribute or return value). Children have the
        mock's own class, except that non-callable mocks get callable children
        and async mocks get sync children for magic methods; subclasses
        override this to choose otherwise."""
        new_name = kw.get("_new_name")
        if new_name in self.__dict__["_spec_asyncs"]:
            return AsyncMock(**kw)
        if self._mock_sealed:
            attribute = ".%s" % kw["name"] if "name" in kw else ".return_value"
            raise AttributeError(self._extract_mock_name() + attribute)
        kind = type(self)
        if issubclass(kind, MagicMock) and new_name in _async_method_magics:
            klass = AsyncMock
        elif issubclass(kind, AsyncMockMixin):
            if (new_name in _all_sync_magics
                    or self._mock_methods and new_name in self._mock_methods):
                klass = MagicMock
            else:
                klass = AsyncMock
        elif not issubclass(kind, CallableMixin):
            from unittest._mock_magic import NonCallableMagicMock
            if issubclass(kind, NonCallableMagicMock):
                klass = MagicMock
            else:
                klass = Mock
        else:
            klass = kind.__mro__[1]
        return klass(**kw)

    def _calls_repr(self, prefix="Calls"):
        """The `mock_calls` for an assertion message: empty when there are
        none, else a line starting with `prefix`."""
        if not self.mock_calls:
            return ""
        return "\n%s: %s." % (prefix, _safe_repr(self.mock_calls))

    def _mock_check_sig(self, /, *args, **kwargs):
        # Replaced (on the mock's own class) by autospec with a checking version.
        pass


def _as_method(name, func):
    """A real function for the class of a mock, so that `func` set as a magic
    method is called with the mock as first argument."""
    def method(self, /, *args, **kw):
        return func(self, *args, **kw)
    method.__name__ = name
    return method


class _SpecState(object):
    """What autospec needs to build the mock of an attribute on first access."""

    def __init__(self, spec, spec_set=False, parent=None, name=None, ids=None,
                 instance=False):
        self.spec = spec
        self.ids = ids
        self.spec_set = spec_set
        self.parent = parent
        self.instance = instance
        self.name = name


def _get_signature_object(func, as_instance, eat_self):
    """(callable, signature) for the call of a spec: a class's `__init__`
    (without self), an instance's `__call__`; None when not introspectable."""
    import inspect
    import functools
    if isinstance(func, type) and not as_instance:
        func = func.__init__
        eat_self = True
    elif isinstance(func, (classmethod, staticmethod)):
        if isinstance(func, classmethod):
            eat_self = True
        func = func.__func__
    elif not isinstance(func, _FUNCTION_TYPES):
        try:
            func = func.__call__
        except AttributeError:
            return None
    sig_func = functools.partial(func, None) if eat_self else func
    try:
        return func, inspect.signature(sig_func)
    except (ValueError, TypeError):
        return None


class CallableMixin(Base):
    """The calling half of `Mock`: records calls and produces results."""

    __module__ = _MODULE

    def __init__(self, spec=None, side_effect=None, return_value=DEFAULT,
                 wraps=None, name=None, spec_set=None, parent=None,
                 _spec_state=None, _new_name="", _new_parent=None, **kwargs):
        self.__dict__["_mock_return_value"] = return_value
        super().__init__(spec, wraps, name, spec_set, parent, _spec_state,
                         _new_name, _new_parent, **kwargs)
        self.side_effect = side_effect

    def _mock_check_sig(self, /, *args, **kwargs):
        pass

    def __call__(self, /, *args, **kwargs):
        self._mock_check_sig(*args, **kwargs)
        self._increment_mock_call(*args, **kwargs)
        return self._mock_call(*args, **kwargs)

    def _mock_call(self, /, *args, **kwargs):
        return self._execute_mock_call(*args, **kwargs)

    def _increment_mock_call(self, /, *args, **kwargs):
        self.called = True
        self.call_count += 1
        # Recorded before the result is computed, so that an awaited call is
        # already visible.
        this_call = _Call((args, kwargs), two=True)
        self.call_args = this_call
        self.call_args_list.append(this_call)

        # method_calls climb the attribute parents (not return values), with
        # the dotted attribute path as name; mock_calls climb every link, with
        # "()" for return values.
        record_method = self._mock_parent is not None
        method_name = self._mock_name
        mock_name = self._mock_new_name
        is_a_call = mock_name == "()"
        self.mock_calls.append(_Call(("", args, kwargs)))
        parent = self._mock_new_parent
        while parent is not None:
            if record_method:
                parent.method_calls.append(_Call((method_name, args, kwargs)))
                record_method = parent._mock_parent is not None
                if record_method:
                    method_name = parent._mock_name + "." + method_name
            parent.mock_calls.append(_Call((mock_name, args, kwargs)))
            if parent._mock_new_name:
                dot = "" if is_a_call else "."
                is_a_call = parent._mock_new_name == "()"
                mock_name = parent._mock_new_name + dot + mock_name
            parent = parent._mock_new_parent

    def _execute_mock_call(self, /, *args, **kwargs):
        effect = self.side_effect
        if effect is not None:
            if _is_exception(effect):
                raise effect
            if not _callable(effect):
                result = next(effect)
                if _is_exception(result):
                    raise result
            else:
                result = effect(*args, **kwargs)
            if result is not DEFAULT:
                return result
        if self._mock_return_value is not DEFAULT:
            return self.return_value
        delegate = self._mock_delegate
        if delegate is not None and delegate.return_value is not DEFAULT:
            return self.return_value
        if self._mock_wraps is not None:
            return self._mock_wraps(*args, **kwargs)
        return self.return_value


class Mock(CallableMixin, NonCallableMock):
    """A flexible stand-in object that records how it is used.

    Attributes are created on first access (as child mocks) and calling the
    mock records the call and returns `return_value` (a child mock by
    default). Arguments: `spec`/`spec_set` (an object or list of names that
    limits the attributes; `spec_set` also limits setting), `side_effect` (an
    exception to raise, an iterable of results, or a function to call),
    `return_value`, `wraps` (an object that calls and attributes pass through
    to), `name` (shown in the repr), `unsafe` (allow attribute names that look
    like misspelled assertions); other keyword arguments configure attributes.
    """

    __module__ = _MODULE
