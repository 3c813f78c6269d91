"""`unittest._mock_patch`: `patch` and its variants, and `create_autospec`.

A patcher (`_patch`) replaces one attribute of a target for the time of a `with`
block, a decorated function (sync or async) or between `start()` and `stop()`,
and puts the original back afterwards (deleting the attribute if there was none
or it came from a class). Patchers stacked on one function share the
function's `patchings` list, so that a single wrapper applies them all and
passes the created mocks as extra positional arguments, innermost decorator
first. `unittest.mock` re-exports everything public here.

`create_autospec` builds a mock whose attributes are specced recursively from
the original, lazily (`_SpecState` records what to build on first access), and
whose calls are checked against the original's signature; a function is
replaced by a real function that checks its arguments and delegates to the
mock, so that it keeps its name and signature.
"""

import sys as _sys

from unittest._mock_core import (
    DEFAULT, NonCallableMock, InvalidSpecError, _CallList, _SpecState,
    _is_instance_mock, _is_list, _callable, _instance_callable, _is_async_func,
    _is_async_obj, _get_signature_object, _has_call, _FUNCTION_TYPES, _coroutine_marker,
    iscoroutinefunction, _MODULE,
)
from unittest._mock_magic import (
    MagicMock, NonCallableMagicMock, AsyncMock,
)


def _check_spec_arg_typos(kwargs_to_check):
    for typo in ("autospect", "auto_spec", "set_spec"):
        if typo in kwargs_to_check:
            raise RuntimeError(
                "%r might be a typo; use unsafe=True if this is intended" % typo)


def _resolve_name(name):
    """`pkgutil.resolve_name`: import the longest module prefix of a dotted
    name (or the part before a colon), then fetch the rest as attributes."""
    import importlib
    if ":" in name:
        modname, _, rest = name.partition(":")
        obj = importlib.import_module(modname)
        parts = rest.split(".") if rest else []
    else:
        parts = name.split(".")
        modname = parts.pop(0)
        obj = importlib.import_module(modname)
        while parts:
            candidate = modname + "." + parts[0]
            try:
                obj = importlib.import_module(candidate)
            except ImportError:
                break
            parts.pop(0)
            modname = candidate
    for part in parts:
        obj = getattr(obj, part)
    return obj


def _get_target(target):
    try:
        target, attribute = target.rsplit(".", 1)
    except (TypeError, ValueError, AttributeError):
        raise TypeError("Need a valid target to patch. You supplied: %r" % (target,))
    return (lambda: _resolve_name(target)), attribute


def _builtin_names():
    import builtins
    return {name for name in dir(builtins) if not name.startswith("_")}


def _wraps(wrapped):
    import functools
    return functools.wraps(wrapped)


class _PatchingStack(object):
    """Enters the patchers of a decorated function in order and collects what
    they hand to the function (positional mocks; keyword mocks of
    patch.multiple); leaves them in reverse order, as an ExitStack."""

    def __init__(self, patchings, args, keywargs):
        self.patchings = patchings
        self.args = args
        self.keywargs = keywargs

    def __enter__(self):
        import contextlib
        self.stack = contextlib.ExitStack()
        stack = self.stack.__enter__()
        extra_args = []
        try:
            for patching in self.patchings:
                arg = stack.enter_context(patching)
                if patching.attribute_name is not None:
                    self.keywargs.update(arg)
                elif patching.new is DEFAULT:
                    extra_args.append(arg)
        except BaseException:
            if not self.stack.__exit__(*_sys.exc_info()):
                raise
        return self.args + tuple(extra_args), self.keywargs

    def __exit__(self, *exc_info):
        return self.stack.__exit__(*exc_info)


class _patch(object):

    __module__ = _MODULE

    attribute_name = None
    _active_patches = []

    def __init__(self, getter, attribute, new, spec, create, spec_set, autospec,
                 new_callable, kwargs, *, unsafe=False):
        if new_callable is not None:
            if new is not DEFAULT:
                raise ValueError("Cannot use 'new' and 'new_callable' together")
            if autospec is not None:
                raise ValueError("Cannot use 'autospec' and 'new_callable' together")
        if not unsafe:
            _check_spec_arg_typos(kwargs)
        if _is_instance_mock(spec):
            raise InvalidSpecError(
                "Cannot spec attr %r as the spec has already been mocked out. "
                "[spec=%r]" % (attribute, spec))
        if _is_instance_mock(spec_set):
            raise InvalidSpecError(
                "Cannot spec attr %r as the spec_set target has already been mocked "
                "out. [spec_set=%r]" % (attribute, spec_set))
        self.getter = getter
        self.attribute = attribute
        self.new = new
        self.new_callable = new_callable
        self.spec = spec
        self.create = create
        self.has_local = False
        self.spec_set = spec_set
        self.autospec = autospec
        self.kwargs = kwargs
        self.additional_patchers = []

    def copy(self):
        patcher = _patch(self.getter, self.attribute, self.new, self.spec, self.create,
                         self.spec_set, self.autospec, self.new_callable, self.kwargs)
        patcher.attribute_name = self.attribute_name
        patcher.additional_patchers = [p.copy() for p in self.additional_patchers]
        return patcher

    def __call__(self, func):
        if isinstance(func, type):
            return self.decorate_class(func)
        import inspect
        if inspect.iscoroutinefunction(func):
            return self.decorate_async_callable(func)
        return self.decorate_callable(func)

    def decorate_class(self, klass):
        for attr in dir(klass):
            if not attr.startswith(patch.TEST_PREFIX):
                continue
            attr_value = getattr(klass, attr)
            if not _has_call(attr_value):
                continue
            patcher = self.copy()
            setattr(klass, attr, patcher(attr_value))
        return klass

    def decoration_helper(self, patched, args, keywargs):
        return _PatchingStack(patched.patchings, args, keywargs)

    def decorate_callable(self, func):
        if hasattr(func, "patchings"):
            # Already patched: one wrapper applies every patcher.
            func.patchings.append(self)
            return func

        @_wraps(func)
        def patched(*args, **keywargs):
            with self.decoration_helper(patched, args, keywargs) as (newargs, newkeywargs):
                return func(*newargs, **newkeywargs)

        patched.patchings = [self]
        return patched

    def decorate_async_callable(self, func):
        if hasattr(func, "patchings"):
            func.patchings.append(self)
            return func

        @_wraps(func)
        async def patched(*args, **keywargs):
            with self.decoration_helper(patched, args, keywargs) as (newargs, newkeywargs):
                return await func(*newargs, **newkeywargs)

        patched.patchings = [self]
        return patched

    def get_original(self):
        target = self.getter()
        name = self.attribute
        original = DEFAULT
        local = False
        try:
            original = target.__dict__[name]
        except (AttributeError, KeyError):
            original = getattr(target, name, DEFAULT)
        else:
            local = True
        from types import ModuleType
        if isinstance(target, ModuleType) and name in _builtin_names():
            # Patching a builtin into a module shadows it there.
            self.create = True
        if not self.create and original is DEFAULT:
            raise AttributeError("%s does not have the attribute %r" % (target, name))
        return original, local

    def __enter__(self):
        """Start patching."""
        new, spec, spec_set = self.new, self.spec, self.spec_set
        autospec, kwargs = self.autospec, self.kwargs
        new_callable = self.new_callable
        self.target = self.getter()
        if spec is False:
            spec = None
        if spec_set is False:
            spec_set = None
        if autospec is False:
            autospec = None
        if spec is not None and autospec is not None:
            raise TypeError("Can't specify spec and autospec")
        if (spec is not None or autospec is not None) and spec_set not in (True, None):
            raise TypeError("Can't provide explicit spec_set *and* spec or autospec")

        original, local = self.get_original()

        if new is DEFAULT and autospec is None:
            new = self._make_mock(original, spec, spec_set, new_callable, kwargs)
        elif autospec is not None:
            if new is not DEFAULT:
                raise TypeError("autospec creates the mock for you. Can't specify "
                                "autospec and new.")
            if original is DEFAULT:
                raise TypeError("Can't use 'autospec' with create=True")
            spec_set = bool(spec_set)
            if autospec is True:
                autospec = original
            if _is_instance_mock(self.target):
                raise InvalidSpecError(
                    "Cannot autospec attr %r as the patch target has already been "
                    "mocked out. [target=%r, attr=%r]"
                    % (self.attribute, self.target, autospec))
            if _is_instance_mock(autospec):
                target_name = getattr(self.target, "__name__", self.target)
                raise InvalidSpecError(
                    "Cannot autospec attr %r from target %r as it has already been "
                    "mocked out. [target=%r, attr=%r]"
                    % (self.attribute, target_name, self.target, autospec))
            new = create_autospec(autospec, spec_set=spec_set, _name=self.attribute,
                                  **kwargs)
        elif kwargs:
            raise TypeError("Can't pass kwargs to a mock we aren't creating")

        import contextlib
        self.temp_original = original
        self.is_local = local
        self._exit_stack = contextlib.ExitStack()
        try:
            setattr(self.target, self.attribute, new)
            if self.attribute_name is not None:
                extra_args = {}
                if self.new is DEFAULT:
                    extra_args[self.attribute_name] = new
                for patching in self.additional_patchers:
                    arg = self._exit_stack.enter_context(patching)
                    if patching.new is DEFAULT:
                        extra_args.update(arg)
                return extra_args
            return new
        except BaseException:
            if not self.__exit__(*_sys.exc_info()):
                raise

    def _make_mock(self, original, spec, spec_set, new_callable, kwargs):
        """The mock `patch` creates when no `new` is given."""
        inherit = False
        if spec is True:
            # The spec is the object being replaced.
            spec = original
            if spec_set is True:
                spec_set = original
                spec = None
        elif spec is not None:
            if spec_set is True:
                spec_set = spec
                spec = None
        elif spec_set is True:
            spec_set = original

        if spec is not None or spec_set is not None:
            if original is DEFAULT:
                raise TypeError("Can't use 'spec' with create=True")
            if isinstance(original, type):
                # A class is replaced: its instances are specced too.
                inherit = True
        if spec is None and _is_async_obj(original):
            klass = AsyncMock
        else:
            klass = MagicMock
        _kwargs = {}
        if new_callable is not None:
            klass = new_callable
        elif spec is not None or spec_set is not None:
            this_spec = spec_set if spec_set is not None else spec
            if _is_list(this_spec):
                not_callable = "__call__" not in this_spec
            else:
                not_callable = not callable(this_spec)
            if _is_async_func(this_spec):
                klass = AsyncMock
            elif not_callable:
                klass = NonCallableMagicMock
        if spec is not None:
            _kwargs["spec"] = spec
        if spec_set is not None:
            _kwargs["spec_set"] = spec_set
        if isinstance(klass, type) and issubclass(klass, NonCallableMock) and self.attribute:
            _kwargs["name"] = self.attribute
        _kwargs.update(kwargs)
        new = klass(**_kwargs)

        if inherit and _is_instance_mock(new):
            this_spec = spec_set if spec_set is not None else spec
            if not _is_list(this_spec) and not _instance_callable(this_spec):
                klass = NonCallableMagicMock
            _kwargs.pop("name")
            new.return_value = klass(_new_parent=new, _new_name="()", **_kwargs)
        return new

    def __exit__(self, *exc_info):
        """Put the original back."""
        if self.is_local and self.temp_original is not DEFAULT:
            setattr(self.target, self.attribute, self.temp_original)
        else:
            delattr(self.target, self.attribute)
            if not self.create and (not hasattr(self.target, self.attribute) or
                                    self.attribute in ("__doc__", "__module__",
                                                       "__defaults__", "__annotations__",
                                                       "__kwdefaults__")):
                # For proxy objects that need the attribute set back.
                setattr(self.target, self.attribute, self.temp_original)
        del self.temp_original
        del self.is_local
        del self.target
        exit_stack = self._exit_stack
        del self._exit_stack
        return exit_stack.__exit__(*exc_info)

    def start(self):
        """Start patching; returns what `with` would bind."""
        result = self.__enter__()
        self._active_patches.append(self)
        return result

    def stop(self):
        """Stop patching (nothing if not started)."""
        try:
            self._active_patches.remove(self)
        except ValueError:
            # The patch was not started, or was stopped already.
            return None
        return self.__exit__(None, None, None)


def _patch_object(target, attribute, new=DEFAULT, spec=None, create=False,
                  spec_set=None, autospec=None, new_callable=None, *, unsafe=False,
                  **kwargs):
    """`patch` for the attribute `attribute` of the object `target` (given
    itself, not by name); the other arguments are those of `patch`."""
    if type(target) is str:
        raise TypeError("%r must be the actual object to be patched, not a str"
                        % (target,))
    return _patch(lambda: target, attribute, new, spec, create, spec_set, autospec,
                  new_callable, kwargs, unsafe=unsafe)


def _patch_multiple(target, spec=None, create=False, spec_set=None, autospec=None,
                    new_callable=None, **kwargs):
    """Patch several attributes of `target` (an object, or a dotted name to
    import), one per keyword argument. Values that are DEFAULT get a new mock,
    handed to a decorated function as keyword arguments or returned in a dict
    by the context manager."""
    if type(target) is str:
        getter = lambda: _resolve_name(target)
    else:
        getter = lambda: target
    if not kwargs:
        raise ValueError("Must supply at least one keyword argument with patch.multiple")
    items = list(kwargs.items())
    attribute, new = items[0]
    patcher = _patch(getter, attribute, new, spec, create, spec_set, autospec,
                     new_callable, {})
    patcher.attribute_name = attribute
    for attribute, new in items[1:]:
        other = _patch(getter, attribute, new, spec, create, spec_set, autospec,
                       new_callable, {})
        other.attribute_name = attribute
        patcher.additional_patchers.append(other)
    return patcher


def patch(target, new=DEFAULT, spec=None, create=False, spec_set=None, autospec=None,
          new_callable=None, *, unsafe=False, **kwargs):
    """Replace the object named by `target` ("package.module.attribute",
    imported when the patch starts) while a `with` block or a decorated
    function runs, or between `start()` and `stop()`.

    Without `new`, a MagicMock (AsyncMock for an async function) is made,
    from `new_callable` if given, with `spec`/`spec_set` (True: the
    original) and the other keyword arguments; a decorated function receives
    it as an extra positional argument. `autospec` makes the mock with
    `create_autospec`. `create=True` allows a target attribute that does not
    exist. On a class, every method whose name starts with
    `patch.TEST_PREFIX` is decorated. See also `patch.object`, `patch.dict`,
    `patch.multiple` and `patch.stopall`."""
    getter, attribute = _get_target(target)
    return _patch(getter, attribute, new, spec, create, spec_set, autospec,
                  new_callable, kwargs, unsafe=unsafe)


def _clear_dict(in_dict):
    try:
        in_dict.clear()
    except AttributeError:
        for key in list(in_dict):
            del in_dict[key]


class _patch_dict(object):
    """Add `values` (a mapping or pairs) and keyword arguments to `in_dict`
    (a mapping, or a dotted name to import), after clearing it when `clear`
    is true, and restore its original contents afterwards."""

    __module__ = _MODULE

    def __init__(self, in_dict, values=(), clear=False, **kwargs):
        self.in_dict = in_dict
        self.values = dict(values)
        self.values.update(kwargs)
        self.clear = clear
        self._original = None

    def __call__(self, f):
        if isinstance(f, type):
            return self.decorate_class(f)
        import inspect
        if inspect.iscoroutinefunction(f):
            return self.decorate_async_callable(f)
        return self.decorate_callable(f)

    def decorate_callable(self, f):
        @_wraps(f)
        def _inner(*args, **kw):
            self._patch_dict()
            try:
                return f(*args, **kw)
            finally:
                self._unpatch_dict()
        return _inner

    def decorate_async_callable(self, f):
        @_wraps(f)
        async def _inner(*args, **kw):
            self._patch_dict()
            try:
                return await f(*args, **kw)
            finally:
                self._unpatch_dict()
        return _inner

    def decorate_class(self, klass):
        for attr in dir(klass):
            attr_value = getattr(klass, attr)
            if attr.startswith(patch.TEST_PREFIX) and _has_call(attr_value):
                decorator = _patch_dict(self.in_dict, self.values, self.clear)
                setattr(klass, attr, decorator(attr_value))
        return klass

    def __enter__(self):
        """Start patching; returns the dictionary."""
        self._patch_dict()
        return self.in_dict

    def _patch_dict(self):
        values = self.values
        if isinstance(self.in_dict, str):
            self.in_dict = _resolve_name(self.in_dict)
        in_dict = self.in_dict
        try:
            original = in_dict.copy()
        except AttributeError:
            # A mapping without copy(): iterate over its keys.
            original = {}
            for key in in_dict:
                original[key] = in_dict[key]
        self._original = original
        if self.clear:
            _clear_dict(in_dict)
        try:
            in_dict.update(values)
        except AttributeError:
            for key in values:
                in_dict[key] = values[key]

    def _unpatch_dict(self):
        in_dict = self.in_dict
        original = self._original
        _clear_dict(in_dict)
        try:
            in_dict.update(original)
        except AttributeError:
            for key in original:
                in_dict[key] = original[key]

    def __exit__(self, *args):
        """Restore the dictionary."""
        if self._original is not None:
            self._unpatch_dict()
        return False

    def start(self):
        """Start patching; returns what `with` would bind."""
        result = self.__enter__()
        _patch._active_patches.append(self)
        return result

    def stop(self):
        """Stop patching (nothing if not started)."""
        try:
            _patch._active_patches.remove(self)
        except ValueError:
            return None
        return self.__exit__(None, None, None)


def _patch_stopall():
    """Stop every started patch, the latest first."""
    for active in reversed(_patch._active_patches):
        active.stop()


patch.object = _patch_object
patch.dict = _patch_dict
patch.multiple = _patch_multiple
patch.stopall = _patch_stopall
patch.TEST_PREFIX = "test"


# ---------------------------------------------------------------------------
# create_autospec
# ---------------------------------------------------------------------------

def _copy_func_details(func, funcopy):
    for attribute in ("__name__", "__doc__", "__text_signature__", "__module__",
                      "__defaults__", "__kwdefaults__"):
        try:
            setattr(funcopy, attribute, getattr(func, attribute))
        except AttributeError:
            pass


def _check_sig(spec, mock, skipfirst, instance=False):
    """Make calls of `mock` check their arguments against `spec`'s signature."""
    found = _get_signature_object(spec, instance, skipfirst)
    if found is None:
        return
    func, sig = found

    def checksig(self, /, *args, **kwargs):
        sig.bind(*args, **kwargs)
    _copy_func_details(func, checksig)
    type(mock)._mock_check_sig = checksig
    type(mock).__signature__ = sig


def _set_signature(mock, original, instance=False):
    """A real function standing for `mock`: same name and signature as
    `original`, checks its arguments, then calls the mock."""
    skipfirst = isinstance(original, type)
    found = _get_signature_object(original, instance, skipfirst)
    if found is None:
        return mock
    func, sig = found

    def checksig(*args, **kwargs):
        sig.bind(*args, **kwargs)
    _copy_func_details(func, checksig)

    name = original.__name__
    if not name.isidentifier():
        name = "funcopy"

    def funcopy(*args, **kwargs):
        checksig(*args, **kwargs)
        return mock(*args, **kwargs)
    funcopy.__name__ = name
    funcopy.__qualname__ = name
    _setup_func(funcopy, mock, sig)
    return funcopy


def _setup_func(funcopy, mock, sig):
    funcopy.mock = mock

    def assert_called_with(*args, **kwargs):
        return mock.assert_called_with(*args, **kwargs)

    def assert_called(*args, **kwargs):
        return mock.assert_called(*args, **kwargs)

    def assert_not_called(*args, **kwargs):
        return mock.assert_not_called(*args, **kwargs)

    def assert_called_once(*args, **kwargs):
        return mock.assert_called_once(*args, **kwargs)

    def assert_called_once_with(*args, **kwargs):
        return mock.assert_called_once_with(*args, **kwargs)

    def assert_has_calls(*args, **kwargs):
        return mock.assert_has_calls(*args, **kwargs)

    def assert_any_call(*args, **kwargs):
        return mock.assert_any_call(*args, **kwargs)

    def reset_mock():
        funcopy.method_calls = _CallList()
        funcopy.mock_calls = _CallList()
        mock.reset_mock()
        ret = funcopy.return_value
        if _is_instance_mock(ret) and ret is not mock:
            ret.reset_mock()

    funcopy.called = False
    funcopy.call_count = 0
    funcopy.call_args = None
    funcopy.call_args_list = _CallList()
    funcopy.method_calls = _CallList()
    funcopy.mock_calls = _CallList()
    funcopy.return_value = mock.return_value
    funcopy.side_effect = mock.side_effect
    funcopy._mock_children = mock._mock_children
    funcopy.assert_called_with = assert_called_with
    funcopy.assert_called_once_with = assert_called_once_with
    funcopy.assert_has_calls = assert_has_calls
    funcopy.assert_any_call = assert_any_call
    funcopy.reset_mock = reset_mock
    funcopy.assert_called = assert_called
    funcopy.assert_not_called = assert_not_called
    funcopy.assert_called_once = assert_called_once
    funcopy.__signature__ = sig
    mock._mock_delegate = funcopy


def _setup_async_mock(mock):
    marker = _coroutine_marker()
    if marker is not None:
        mock._is_coroutine = marker
    mock.await_count = 0
    mock.await_args = None
    mock.await_args_list = _CallList()

    def make(attr):
        def forward(*args, **kwargs):
            return getattr(mock.mock, attr)(*args, **kwargs)
        return forward

    for attribute in ("assert_awaited", "assert_awaited_once", "assert_awaited_with",
                      "assert_awaited_once_with", "assert_any_await",
                      "assert_has_awaits", "assert_not_awaited"):
        setattr(mock, attribute, make(attribute))


def _must_skip(spec, entry, is_type):
    """Whether the first parameter (self) of the method `entry` of `spec` is
    left out of the calls: for functions looked up on a class, not on an
    instance, nor for static and class methods."""
    if not isinstance(spec, type):
        if entry in getattr(spec, "__dict__", {}):
            return False
        spec = spec.__class__
    for klass in spec.__mro__:
        result = klass.__dict__.get(entry, DEFAULT)
        if result is DEFAULT:
            continue
        if isinstance(result, (staticmethod, classmethod)):
            return False
        if isinstance(result, _FUNCTION_TYPES):
            return is_type
        return False
    return is_type


def create_autospec(spec, spec_set=False, instance=False, _parent=None, _name=None,
                    *, unsafe=False, **kwargs):
    """A mock specced from `spec` all the way down: attributes are specced
    from the original's attributes, and calls are checked against the
    original signatures (TypeError on a mismatch). A class's return value is
    an instance mock; `instance=True` mocks an instance of the class given.
    Keyword arguments configure the mock."""
    import inspect
    if _is_list(spec):
        spec = type(spec)
    is_type = isinstance(spec, type)
    if _is_instance_mock(spec):
        raise InvalidSpecError("Cannot autospec a Mock object. [object=%r]" % (spec,))
    is_async_func = _is_async_func(spec)
    _kwargs = {"spec": spec}
    if spec_set:
        _kwargs = {"spec_set": spec}
    elif spec is None:
        _kwargs = {}
    if _kwargs and instance:
        _kwargs["_spec_as_instance"] = True
    if not unsafe:
        _check_spec_arg_typos(kwargs)
    _kwargs.update(kwargs)

    klass = MagicMock
    if inspect.isdatadescriptor(spec):
        # What a descriptor returns is unknown: no spec.
        _kwargs = {}
    elif is_type and instance and not _instance_callable(spec):
        klass = NonCallableMagicMock
    elif not _callable(spec):
        klass = NonCallableMagicMock

    _name = _kwargs.pop("name", _name)
    _new_name = _name
    if _parent is None:
        # A top-level mock has no new name.
        _new_name = ""
    mock = klass(parent=_parent, _new_parent=_parent, _new_name=_new_name, name=_name,
                 **_kwargs)

    if isinstance(spec, _FUNCTION_TYPES):
        mock = _set_signature(mock, spec)
        if is_async_func:
            _setup_async_mock(mock)
    else:
        _check_sig(spec, mock, is_type, instance)

    if _parent is not None and not instance:
        _parent._mock_children[_name] = mock

    if is_type and not instance and "return_value" not in kwargs:
        mock.return_value = create_autospec(spec, spec_set, instance=True, _name="()",
                                            _parent=mock)

    for entry in dir(spec):
        if len(entry) >= 4 and entry.startswith("__") and entry.endswith("__"):
            # MagicMock already does the useful magic methods.
            continue
        try:
            original = getattr(spec, entry)
        except AttributeError:
            continue
        child_kwargs = {"spec_set": original} if spec_set else {"spec": original}
        if not isinstance(original, _FUNCTION_TYPES):
            # Built on first access (positional `instance` lands in `ids`,
            # as in CPython).
            mock._mock_children[entry] = _SpecState(original, spec_set, mock, entry,
                                                    instance)
        else:
            parent = mock
            if isinstance(spec, _FUNCTION_TYPES):
                parent = mock.mock
            skipfirst = _must_skip(spec, entry, is_type)
            child_kwargs["_eat_self"] = skipfirst
            child_klass = AsyncMock if iscoroutinefunction(original) else MagicMock
            new = child_klass(parent=parent, name=entry, _new_name=entry,
                              _new_parent=parent, **child_kwargs)
            mock._mock_children[entry] = new
            new.return_value = child_klass()
            _check_sig(original, new, skipfirst=skipfirst)
            if isinstance(new, _FUNCTION_TYPES):
                setattr(mock, entry, new)
    return mock
