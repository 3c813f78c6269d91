"""`unittest._mock_magic`: the magic-method and async mocks of `unittest.mock`.

`MagicMock` and `NonCallableMagicMock` configure the magic methods (`__len__`,
`__iter__`, `__enter__`, ...) with CPython's default results; `AsyncMock` is a
mock whose call returns a coroutine and which records awaits; `PropertyMock`,
`mock_open` and `seal` live here too. `unittest.mock` re-exports them.

How magic methods reach a mock: the class of each magic mock (every mock has a
class of its own) holds one `_MagicSlot` per magic name. Fetched as an
attribute, a slot answers with the mock's child for that name, creating and
configuring it on first use, exactly as CPython's lazy proxies do; the child is
then stored in the instance dict, where later fetches find it directly. A slot
can also be called with the mock as first argument and forwards to the child:
apy calls a non-function class attribute that way for the implicit lookups of
`len(m)`, `m + 1` and friends instead of asking its `__get__`, and both routes
give the same result. (CPython puts the child mock itself on the class; apy
would pass it the mock as an extra argument.)
"""

import unittest._mock_core as _core
from unittest._mock_core import (
    Base, NonCallableMock, Mock, DEFAULT, _CallList, _Call, _SpecState,
    _delegating_property, _is_exception, _callable, _magics,
    _async_method_magics, _AnyComparer, iscoroutinefunction, _coroutine_marker,
    _MODULE,
)

_CO_COROUTINE = 0x0080
_CO_ITERABLE_COROUTINE = 0x0100


# ---------------------------------------------------------------------------
# Magic slots and their defaults
# ---------------------------------------------------------------------------

class _MagicSlot(object):
    """A magic method of a mock's class (see the module docstring)."""

    def __init__(self, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            pass
        return _create_magic(obj, self.name)

    def __call__(self, obj, /, *args, **kwargs):
        return self.__get__(obj, type(obj))(*args, **kwargs)


_SLOTS = {}


def _magic_slot(name):
    slot = _SLOTS.get(name)
    if slot is None:
        slot = _SLOTS[name] = _MagicSlot(name)
    return slot


def _create_magic(parent, name):
    child = parent._get_child_mock(name=name, _new_name=name, _new_parent=parent)
    setattr(parent, name, child)
    _set_magic_default(parent, child, name)
    return child


def _complex_one_j():
    # `1j` is written as a call: apy has no complex type (nor the literal).
    import builtins
    make = getattr(builtins, "complex", None)
    return make(0, 1) if make is not None else DEFAULT


# The results of the magic methods a MagicMock configures.
_return_values = {
    "__lt__": NotImplemented,
    "__gt__": NotImplemented,
    "__le__": NotImplemented,
    "__ge__": NotImplemented,
    "__int__": 1,
    "__contains__": False,
    "__len__": 0,
    "__exit__": False,
    "__float__": 1.0,
    "__bool__": True,
    "__index__": 1,
    "__aexit__": False,
}


def _sizeof(mock):
    sizeof = getattr(object, "__sizeof__", None)
    if sizeof is not None:
        return sizeof(mock)
    # apy's object has no __sizeof__ yet; this is what CPython reports.
    return 24


def _fspath(mock):
    return "%s/%s/%s" % (type(mock).__name__, mock._extract_mock_name(), id(mock))


# Results computed from the parent mock when the magic is first used.
_calculate_return_value = {
    "__hash__": lambda mock: object.__hash__(mock),
    "__str__": lambda mock: object.__str__(mock),
    "__sizeof__": _sizeof,
    "__fspath__": _fspath,
}


def _eq_effect(mock):
    def __eq__(other):
        configured = mock.__eq__._mock_return_value
        if configured is not DEFAULT:
            return configured
        if mock is other:
            return True
        return NotImplemented
    return __eq__


def _ne_effect(mock):
    def __ne__(other):
        if mock.__ne__._mock_return_value is not DEFAULT:
            # DEFAULT: use the configured return value.
            return DEFAULT
        if mock is other:
            return False
        return NotImplemented
    return __ne__


def _iter_effect(mock):
    def __iter__():
        configured = mock.__iter__._mock_return_value
        if configured is DEFAULT:
            return iter([])
        # iter() of an iterator is the iterator itself, so a configured
        # iterator is consumed across calls, as in CPython.
        return iter(configured)
    return __iter__


def _aiter_effect(mock):
    def __aiter__():
        configured = mock.__aiter__._mock_return_value
        if configured is DEFAULT:
            return _AsyncIterator(iter([]))
        return _AsyncIterator(iter(configured))
    return __aiter__


_side_effect_methods = {
    "__eq__": _eq_effect,
    "__ne__": _ne_effect,
    "__iter__": _iter_effect,
    "__aiter__": _aiter_effect,
}


def _set_magic_default(parent, child, name):
    if name == "__complex__":
        value = _complex_one_j()
        if value is not DEFAULT:
            child.return_value = value
        return
    fixed = _return_values.get(name, DEFAULT)
    if fixed is not DEFAULT:
        child.return_value = fixed
        return
    calculate = _calculate_return_value.get(name)
    if calculate is not None:
        child.return_value = calculate(parent)
        return
    effect = _side_effect_methods.get(name)
    if effect is not None:
        child.side_effect = effect(parent)


_DEFAULT_MAGICS = frozenset(_magics | _async_method_magics)


class MagicMixin(Base):
    """Gives a mock class the configured magic methods."""

    __module__ = _MODULE

    # Copied into the mock's own class when it is made (NonCallableMock.__new__).
    _mock_default_slots = {name: _magic_slot(name) for name in _DEFAULT_MAGICS}

    def __init__(self, /, *args, **kw):
        super().__init__(*args, **kw)
        self._mock_set_magics()

    def _mock_set_magics(self):
        """Match the magic slots of the mock's class to its spec."""
        wanted = _DEFAULT_MAGICS
        kind = type(self)
        methods = self.__dict__.get("_mock_methods")
        if methods is not None:
            wanted = _DEFAULT_MAGICS.intersection(methods)
            for entry in _DEFAULT_MAGICS - wanted:
                if entry in kind.__dict__:
                    delattr(self, entry)
        for entry in wanted - set(kind.__dict__):
            setattr(kind, entry, _magic_slot(entry))


class NonCallableMagicMock(MagicMixin, NonCallableMock):
    """A `MagicMock` that cannot be called."""

    __module__ = _MODULE

    def mock_add_spec(self, spec, spec_set=False):
        """`NonCallableMock.mock_add_spec`, then the magic methods are
        matched to the new spec."""
        self._mock_add_spec(spec, spec_set)
        self._mock_set_magics()


class MagicMock(MagicMixin, Mock):
    """A `Mock` whose magic methods are preconfigured (len() is 0, iteration
    is empty, comparisons are by identity, `with` works, ...). With a spec,
    only the magic methods the spec has are provided; children and return
    values are MagicMocks as well.
    """

    __module__ = _MODULE

    def mock_add_spec(self, spec, spec_set=False):
        """`NonCallableMock.mock_add_spec`, then the magic methods are
        matched to the new spec."""
        self._mock_add_spec(spec, spec_set)
        self._mock_set_magics()


class MagicProxy(Base):
    """CPython's lazy magic-method proxy, kept for code that names it."""

    __module__ = _MODULE

    def __init__(self, name, parent):
        self.name = name
        self.parent = parent

    def create_mock(self):
        return _create_magic(self.parent, self.name)

    def __get__(self, obj, _type=None):
        return self.create_mock()


# ---------------------------------------------------------------------------
# Async mocks
# ---------------------------------------------------------------------------

_code_mock_usable = None


def _code_object(flags):
    """The `__code__` of an async mock: as in CPython a mock speccing the code
    type, unless isinstance() does not see through its `__class__` (apy), in
    which case a real code object with those flags, so that
    `inspect.iscoroutinefunction` still recognises the mock."""
    global _code_mock_usable
    from types import CodeType
    if _code_mock_usable is not False:
        try:
            code_mock = NonCallableMock(spec_set=CodeType)
            code_mock.co_flags = flags
        except AttributeError:
            # apy's code type does not list co_flags in dir().
            code_mock = None
        if _code_mock_usable is None:
            _code_mock_usable = isinstance(code_mock, CodeType)
        if _code_mock_usable:
            return code_mock
    if flags == _CO_COROUTINE:
        async def _coroutine():
            pass
        return _coroutine.__code__
    return (lambda: None).__code__.replace(co_flags=flags) \
        if hasattr(CodeType, "replace") else None


def _init_async_state(mock):
    """The await records, and what makes the mock look like an `async def`
    function to `inspect` and `asyncio`."""
    d = mock.__dict__
    # Set through __dict__: a spec_set would refuse these names.
    marker = _coroutine_marker()
    if marker is not None:
        d["_is_coroutine"] = marker
    d["_mock_await_count"] = 0
    d["_mock_await_args"] = None
    d["_mock_await_args_list"] = _CallList()
    d["__code__"] = _code_object(_CO_COROUTINE)
    d["__name__"] = "AsyncMock"
    d["__defaults__"] = tuple()
    d["__kwdefaults__"] = {}
    d["__annotations__"] = None


class AsyncMockMixin(Base):
    """Makes a mock's call return a coroutine, and records the awaits."""

    __module__ = _MODULE

    await_count = _delegating_property("await_count")
    await_args = _delegating_property("await_args")
    await_args_list = _delegating_property("await_args_list")

    # The await state is set up by NonCallableMock.__init__, which calls
    # _init_async_state for every mock whose class has this mixin.

    async def _execute_mock_call(self, /, *args, **kwargs):
        this_await = _Call((args, kwargs), two=True)
        self.await_count += 1
        self.await_args = this_await
        self.await_args_list.append(this_await)

        effect = self.side_effect
        if effect is not None:
            if _is_exception(effect):
                raise effect
            if not _callable(effect):
                try:
                    result = next(effect)
                except StopIteration:
                    # A StopIteration cannot leave a coroutine (PEP 479).
                    raise StopAsyncIteration
                if _is_exception(result):
                    raise result
            elif iscoroutinefunction(effect):
                result = await effect(*args, **kwargs)
            else:
                result = effect(*args, **kwargs)
            if result is not DEFAULT:
                return result
        if self._mock_return_value is not DEFAULT:
            return self.return_value
        if self._mock_wraps is not None:
            if iscoroutinefunction(self._mock_wraps):
                return await self._mock_wraps(*args, **kwargs)
            return self._mock_wraps(*args, **kwargs)
        return self.return_value

    def assert_awaited(self):
        """Fail unless the mock has been awaited."""
        if self.await_count == 0:
            raise AssertionError("Expected %s to have been awaited."
                                 % (self._mock_name or "mock"))

    def assert_awaited_once(self):
        """Fail unless the mock has been awaited exactly once."""
        if not self.await_count == 1:
            raise AssertionError("Expected %s to have been awaited once. Awaited %s times."
                                 % (self._mock_name or "mock", self.await_count))

    def assert_awaited_with(self, /, *args, **kwargs):
        """Fail unless the latest await had these arguments."""
        if self.await_args is None:
            expected = self._format_mock_call_signature(args, kwargs)
            raise AssertionError("Expected await: %s\nNot awaited" % expected)
        expected = self._call_matcher(_Call((args, kwargs), two=True))
        actual = self._call_matcher(self.await_args)
        if actual != expected:
            cause = expected if isinstance(expected, Exception) else None
            raise AssertionError(
                self._format_mock_failure_message(args, kwargs, action="await")
            ) from cause

    def assert_awaited_once_with(self, /, *args, **kwargs):
        """Fail unless the mock was awaited once, with these arguments."""
        if not self.await_count == 1:
            raise AssertionError("Expected %s to have been awaited once. Awaited %s times."
                                 % (self._mock_name or "mock", self.await_count))
        return self.assert_awaited_with(*args, **kwargs)

    def assert_any_await(self, /, *args, **kwargs):
        """Fail unless some await had these arguments."""
        expected = self._call_matcher(_Call((args, kwargs), two=True))
        cause = expected if isinstance(expected, Exception) else None
        actual = [self._call_matcher(c) for c in self.await_args_list]
        if cause or expected not in _AnyComparer(actual):
            raise AssertionError(
                "%s await not found" % self._format_mock_call_signature(args, kwargs)
            ) from cause

    def assert_has_awaits(self, calls, any_order=False):
        """Fail unless `calls` appear in `await_args_list`: as a contiguous
        run, or anywhere when `any_order` is true."""
        expected = [self._call_matcher(c) for c in calls]
        cause = None
        for item in expected:
            if isinstance(item, Exception):
                cause = item
                break
        all_awaits = _CallList(self._call_matcher(c) for c in self.await_args_list)
        if not any_order:
            if expected not in all_awaits:
                if cause is None:
                    problem = "Awaits not found."
                else:
                    problem = "Error processing expected awaits.\nErrors: %s" % (
                        [e if isinstance(e, Exception) else None for e in expected],)
                raise AssertionError(
                    "%s\nExpected: %r\nActual: %r"
                    % (problem, _CallList(calls), self.await_args_list)
                ) from cause
            return
        remaining = list(all_awaits)
        not_found = []
        for kall in expected:
            try:
                remaining.remove(kall)
            except ValueError:
                not_found.append(kall)
        if not_found:
            raise AssertionError(
                "%r not all found in await list" % (tuple(not_found),)
            ) from cause

    def assert_not_awaited(self):
        """Fail unless the mock has not been awaited."""
        if self.await_count != 0:
            raise AssertionError("Expected %s to not have been awaited. Awaited %s times."
                                 % (self._mock_name or "mock", self.await_count))

    def reset_mock(self, /, *args, **kwargs):
        """`Mock.reset_mock`, plus the await records."""
        super().reset_mock(*args, **kwargs)
        self.await_count = 0
        self.await_args = None
        self.await_args_list = _CallList()


class AsyncMagicMixin(MagicMixin):
    __module__ = _MODULE


class AsyncMock(AsyncMockMixin, AsyncMagicMixin, Mock):
    """A mock of an `async def` function: calling it returns a coroutine,
    whose result comes from `side_effect` (an exception, an iterable, or a
    sync or async function) or else `return_value`. Awaits are recorded
    (`await_count`, `await_args`, `await_args_list`) and checked by the
    `assert_awaited*` methods. Attributes are AsyncMocks; magic methods are
    MagicMocks.
    """

    __module__ = _MODULE


class _AsyncIterator:
    """What a MagicMock's `__aiter__` returns: async iteration over a
    plain iterator."""

    def __init__(self, iterator):
        self.iterator = iterator
        self.__dict__["__code__"] = _code_object(_CO_ITERABLE_COROUTINE)

    async def __anext__(self):
        try:
            return next(self.iterator)
        except StopIteration:
            pass
        raise StopAsyncIteration


# ---------------------------------------------------------------------------
# PropertyMock, mock_open, seal
# ---------------------------------------------------------------------------

class PropertyMock(Mock):
    """A mock to put on a class as a property: reading the attribute calls
    the mock with no arguments, assigning calls it with the value."""

    __module__ = _MODULE

    def _get_child_mock(self, /, **kwargs):
        return MagicMock(**kwargs)

    def __get__(self, obj, obj_type=None):
        return self()

    def __set__(self, obj, val):
        self(val)


# dir(io.TextIOWrapper) | dir(io.BytesIO) as in CPython 3.11 (apy's io classes
# have fewer private names; the handle's spec should not depend on that).
file_spec = [
    "_CHUNK_SIZE", "__class__", "__del__", "__delattr__", "__dict__", "__dir__",
    "__doc__", "__enter__", "__eq__", "__exit__", "__format__", "__ge__",
    "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__",
    "__init_subclass__", "__iter__", "__le__", "__lt__", "__ne__", "__new__",
    "__next__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__",
    "__setstate__", "__sizeof__", "__str__", "__subclasshook__", "_checkClosed",
    "_checkReadable", "_checkSeekable", "_checkWritable", "_finalizing", "buffer",
    "close", "closed", "detach", "encoding", "errors", "fileno", "flush",
    "getbuffer", "getvalue", "isatty", "line_buffering", "name", "newlines",
    "read", "read1", "readable", "readinto", "readinto1", "readline", "readlines",
    "reconfigure", "seek", "seekable", "tell", "truncate", "writable", "write",
    "write_through", "writelines",
]


# dir(open) in CPython 3.11: the names a mock_open mock lets through.
_open_spec = [
    "__call__", "__class__", "__delattr__", "__dir__", "__doc__", "__eq__",
    "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__",
    "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__module__",
    "__name__", "__ne__", "__new__", "__qualname__", "__reduce__", "__reduce_ex__",
    "__repr__", "__self__", "__setattr__", "__sizeof__", "__str__",
    "__subclasshook__", "__text_signature__",
]


def _to_stream(read_data):
    import io
    if isinstance(read_data, bytes):
        return io.BytesIO(read_data)
    return io.StringIO(read_data)


def mock_open(mock=None, read_data=""):
    """A mock for `open`: the handle it returns (also from `with`) reads
    `read_data` (str or bytes) through read, readline, readlines and
    iteration; each call of the mock starts reading afresh. `mock`, if
    given, is configured instead of a new MagicMock."""
    # state[0] is the data stream, state[1] the readline generator; opening
    # the file again starts both afresh.
    state = [_to_stream(read_data), None]

    def _readlines_side_effect(*args, **kwargs):
        if handle.readlines.return_value is not None:
            return handle.readlines.return_value
        return state[0].readlines(*args, **kwargs)

    def _read_side_effect(*args, **kwargs):
        if handle.read.return_value is not None:
            return handle.read.return_value
        return state[0].read(*args, **kwargs)

    def _readline_side_effect(*args, **kwargs):
        yield from _iter_side_effect()
        while True:
            yield state[0].readline(*args, **kwargs)

    def _iter_side_effect():
        if handle.readline.return_value is not None:
            while True:
                yield handle.readline.return_value
        for line in state[0]:
            yield line

    def _next_side_effect():
        if handle.readline.return_value is not None:
            return handle.readline.return_value
        return next(state[0])

    if mock is None:
        mock = MagicMock(name="open", spec=_open_spec)

    handle = MagicMock(spec=file_spec)
    handle.__enter__.return_value = handle

    handle.write.return_value = None
    handle.read.return_value = None
    handle.readline.return_value = None
    handle.readlines.return_value = None

    handle.read.side_effect = _read_side_effect
    state[1] = _readline_side_effect()
    handle.readline.side_effect = state[1]
    handle.readlines.side_effect = _readlines_side_effect
    handle.__iter__.side_effect = _iter_side_effect
    handle.__next__.side_effect = _next_side_effect

    def reset_data(*args, **kwargs):
        state[0] = _to_stream(read_data)
        if handle.readline.side_effect is state[1]:
            # Only when the user has not replaced the side effect.
            state[1] = _readline_side_effect()
            handle.readline.side_effect = state[1]
        return DEFAULT

    mock.side_effect = reset_data
    mock.return_value = handle
    return mock


def seal(mock):
    """Stop `mock` and the child mocks it created from making new
    attributes: fetching an unknown attribute (or setting one) then raises
    AttributeError."""
    mock._mock_sealed = True
    for attr in dir(mock):
        try:
            child = getattr(mock, attr)
        except AttributeError:
            continue
        if not isinstance(child, NonCallableMock):
            continue
        if isinstance(child._mock_children.get(attr), _SpecState):
            continue
        if child._mock_new_parent is mock:
            seal(child)


_core.MagicMock = MagicMock
_core.AsyncMock = AsyncMock
_core.AsyncMockMixin = AsyncMockMixin
_core._magic_slot = _magic_slot
_core._init_async_state = _init_async_state
