"""`contextlib`: utilities for `with` statements and context managers.

Everything here is ordinary Python, as in CPython. The subtle parts are the exception
rules, which programs observe and which follow CPython 3.11 exactly:

- a `@contextmanager` generator gets the body's exception thrown in at its `yield`; the
  manager reports "suppressed" only when the generator ends without re-raising, and it
  recognises the body's own exception coming back (also when it surfaces as the
  `__cause__` of a RuntimeError, PEP 479) so that it is not treated as new;
- `ExitStack` runs its callbacks last-in first-out; an exception raised by one callback
  is passed to the next ones, and its `__context__` chain is re-linked to the exception
  it replaced, so that the chain reads as if the `with` statements had been nested.

`functools.wraps` is done by a small local helper, so importing this module does not
import functools.

Not provided: nothing of the 3.11 public API. `suppress` does not look inside
exception groups (that arrived in 3.12).
"""

import abc
import sys
from collections import deque
from types import GenericAlias, MethodType

__all__ = ["asynccontextmanager", "contextmanager", "closing", "nullcontext",
           "AbstractContextManager", "AbstractAsyncContextManager",
           "AsyncExitStack", "ContextDecorator", "ExitStack",
           "redirect_stdout", "redirect_stderr", "suppress", "aclosing",
           "chdir"]


def _wraps(wrapped):
    """`functools.wraps(wrapped)`: copies the name, docs and attributes onto the wrapper."""
    def decorate(wrapper):
        for attr in ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__"):
            try:
                value = getattr(wrapped, attr)
            except AttributeError:
                continue
            setattr(wrapper, attr, value)
        # One setattr per entry rather than `wrapper.__dict__.update(...)`: apy's
        # function `__dict__` is a snapshot, so updating it would be lost.
        for name, value in getattr(wrapped, "__dict__", {}).items():
            setattr(wrapper, name, value)
        wrapper.__wrapped__ = wrapped
        return wrapper
    return decorate


def _check_methods(C, *methods):
    """The structural test of `collections.abc`: every method defined, none set to None."""
    mro = C.__mro__
    for method in methods:
        for B in mro:
            if method in B.__dict__:
                if B.__dict__[method] is None:
                    return NotImplemented
                break
        else:
            return NotImplemented
    return True


class AbstractContextManager(abc.ABC):
    """Base class for context managers; any class with `__enter__` and `__exit__`
    counts as a (virtual) subclass."""

    __class_getitem__ = classmethod(GenericAlias)

    def __enter__(self):
        """Entering gives the manager itself unless a subclass says otherwise."""
        return self

    @abc.abstractmethod
    def __exit__(self, exc_type, exc_value, traceback):
        """Subclasses must define the cleanup; the default suppresses nothing."""
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractContextManager:
            return _check_methods(C, "__enter__", "__exit__")
        return NotImplemented


class AbstractAsyncContextManager(abc.ABC):
    """Base class for async context managers; any class with `__aenter__` and
    `__aexit__` counts as a (virtual) subclass."""

    __class_getitem__ = classmethod(GenericAlias)

    async def __aenter__(self):
        """Entering gives the manager itself unless a subclass says otherwise."""
        return self

    @abc.abstractmethod
    async def __aexit__(self, exc_type, exc_value, traceback):
        """Subclasses must define the cleanup; the default suppresses nothing."""
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractAsyncContextManager:
            return _check_methods(C, "__aenter__", "__aexit__")
        return NotImplemented


class ContextDecorator(object):
    """Mixin that lets a context manager decorate a function: each call of the
    function then runs inside the context."""

    def _recreate_cm(self):
        # The manager to use for one call. Reusable managers return themselves;
        # one-shot ones (generator based) override this to build a fresh one.
        return self

    def __call__(self, func):
        @_wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class AsyncContextDecorator(object):
    """Mixin that lets an async context manager decorate a coroutine function."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @_wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner


class _GeneratorContextManagerBase:
    """What the managers made by @contextmanager and @asynccontextmanager share."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        # The instance shows the generator function's docstring (help() on a
        # decorated call then documents the right thing).
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        # A generator runs once: a decorated function needs a fresh manager per call.
        return self.__class__(self.func, self.args, self.kwds)


class _GeneratorContextManager(
    _GeneratorContextManagerBase,
    AbstractContextManager,
    ContextDecorator,
):
    """Helper for @contextmanager decorator."""

    def __enter__(self):
        # The recreation data is only needed before the first entry; dropping it
        # frees the arguments early, as CPython does.
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            # A bare exception class was passed: make the instance the generator sees.
            value = typ()
        try:
            self.gen.throw(typ, value, traceback)
        except StopIteration as exc:
            # The generator caught the exception and returned: suppressed, unless the
            # body's exception was itself a StopIteration that simply came back.
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                exc.__traceback__ = traceback
                return False
            # PEP 479 turned a StopIteration from the body into a RuntimeError inside
            # the generator; the original is what should propagate.
            if isinstance(value, StopIteration) and exc.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            exc.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after throw()")


class _AsyncGeneratorContextManager(
    _GeneratorContextManagerBase,
    AbstractAsyncContextManager,
    AsyncContextDecorator,
):
    """Helper for @asynccontextmanager decorator."""

    async def __aenter__(self):
        del self.args, self.kwds, self.func
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            await self.gen.athrow(typ, value, traceback)
        except StopAsyncIteration as exc:
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                exc.__traceback__ = traceback
                return False
            if isinstance(value, (StopIteration, StopAsyncIteration)) and exc.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            exc.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after athrow()")


def contextmanager(func):
    """Decorator: turns a generator function into a context-manager factory.

    The generator runs up to its single `yield` on entry (the yielded value is
    what `as` binds) and from there to its end on exit. An exception from the
    `with` body is raised at the `yield`; if the generator catches it and
    finishes, the exception is suppressed.
    """
    @_wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


def asynccontextmanager(func):
    """Decorator: turns an async generator function into an async
    context-manager factory, for `async with` (see `contextmanager`).
    """
    @_wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)
    return helper


class closing(AbstractContextManager):
    """`with closing(thing) as t:` gives `thing` and calls `thing.close()` when the
    block ends, however it ends.
    """
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing(AbstractAsyncContextManager):
    """`async with aclosing(thing) as t:` gives `thing` and awaits `thing.aclose()`
    when the block ends (typically to finalise an async generator promptly).
    """
    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class _RedirectStream(AbstractContextManager):

    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        # A stack, so that one instance can be entered again while already active.
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """Temporarily replaces `sys.stdout` with another file-like object."""

    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Temporarily replaces `sys.stderr` with another file-like object."""

    _stream = "stderr"


class suppress(AbstractContextManager):
    """Swallows the listed exception types (and their subclasses) raised in the
    block; execution continues after the `with` statement.
    """

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        # An exception not in the list propagates; returning a true value swallows it.
        return exctype is not None and issubclass(exctype, self._exceptions)


class _BaseExitStack:
    """The registration side shared by ExitStack and AsyncExitStack."""

    @staticmethod
    def _create_exit_wrapper(cm, cm_exit):
        return MethodType(cm_exit, cm)

    @staticmethod
    def _create_cb_wrapper(callback, /, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        return _exit_wrapper

    def __init__(self):
        # Entries are (is_sync, callback); only AsyncExitStack ever stores False.
        self._exit_callbacks = deque()

    def pop_all(self):
        """Moves every registered callback to a new stack (which is returned), leaving
        this one empty."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = deque()
        return new_stack

    def push(self, exit):
        """Registers an exit callback with `__exit__`'s signature, or an object's
        `__exit__` method when it has one; it may suppress exceptions. Returns
        `exit`, so it also works as a decorator.
        """
        # Like the `with` statement, the method is looked up on the type.
        _cb_type = type(exit)
        try:
            exit_method = _cb_type.__exit__
        except AttributeError:
            self._push_exit_callback(exit)
        else:
            self._push_cm_exit(exit, exit_method)
        return exit  # Allow use as a decorator.

    def enter_context(self, cm):
        """Enters `cm` and registers its `__exit__`; returns what `__enter__` gave."""
        cls = type(cm)
        try:
            _enter = cls.__enter__
            _exit = cls.__exit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol") from None
        result = _enter(cm)
        self._push_cm_exit(cm, _exit)
        return result

    def callback(self, callback, /, *args, **kwds):
        """Registers `callback(*args, **kwds)` to run at exit; it never suppresses
        exceptions. Returns `callback`."""
        _exit_wrapper = self._create_cb_wrapper(callback, *args, **kwds)
        # Lets introspection find the real callback behind the wrapper.
        _exit_wrapper.__wrapped__ = callback
        self._push_exit_callback(_exit_wrapper)
        return callback  # Allow use as a decorator

    def _push_cm_exit(self, cm, cm_exit):
        _exit_wrapper = self._create_exit_wrapper(cm, cm_exit)
        self._push_exit_callback(_exit_wrapper, True)

    def _push_exit_callback(self, callback, is_sync=True):
        self._exit_callbacks.append((is_sync, callback))


def _relink_context(new_exc, old_exc, frame_exc):
    """Makes `old_exc` the context of the chain `new_exc` starts, as nested `with`
    statements would have: walk new_exc's context chain until it reaches old_exc
    (nothing to do), its end, or the exception that was being handled around the
    stack (frame_exc), and splice old_exc in there."""
    while True:
        exc_context = new_exc.__context__
        if exc_context is None or exc_context is old_exc:
            return
        if exc_context is frame_exc:
            break
        new_exc = exc_context
    new_exc.__context__ = old_exc


def _reraise(exc):
    """Raises `exc` keeping the `__context__` it has now; a bare `raise exc` inside an
    except block would overwrite it with the exception being handled."""
    fixed_ctx = exc.__context__
    try:
        raise exc
    except BaseException:
        exc.__context__ = fixed_ctx
        raise


class ExitStack(_BaseExitStack, AbstractContextManager):
    """A stack of exit callbacks, unwound last-in first-out when the `with`
    statement ends: a way to manage a number of context managers known only
    at run time, as if their `with` statements had been nested.
    """

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        # The exception being handled around the `with`, where relinking must stop.
        frame_exc = sys.exc_info()[1]
        suppressed_exc = False
        pending_raise = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            assert is_sync
            try:
                if cb(*exc_details):
                    suppressed_exc = True
                    pending_raise = False
                    exc_details = (None, None, None)
            except:
                new_exc_details = sys.exc_info()
                _relink_context(new_exc_details[1], exc_details[1], frame_exc)
                pending_raise = True
                exc_details = new_exc_details
        if pending_raise:
            _reraise(exc_details[1])
        return received_exc and suppressed_exc

    def close(self):
        """Unwinds the stack now."""
        self.__exit__(None, None, None)


class AsyncExitStack(_BaseExitStack, AbstractAsyncContextManager):
    """The `async with` form of ExitStack: it also takes async context managers
    and coroutine callbacks, and is unwound with `await`.
    """

    @staticmethod
    def _create_async_exit_wrapper(cm, cm_exit):
        return MethodType(cm_exit, cm)

    @staticmethod
    def _create_async_cb_wrapper(callback, /, *args, **kwds):
        async def _exit_wrapper(exc_type, exc, tb):
            await callback(*args, **kwds)
        return _exit_wrapper

    async def enter_async_context(self, cm):
        """Enters async `cm` and registers its `__aexit__`; returns what `__aenter__`
        gave."""
        cls = type(cm)
        try:
            _enter = cls.__aenter__
            _exit = cls.__aexit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the asynchronous context manager protocol"
                            ) from None
        result = await _enter(cm)
        self._push_async_cm_exit(cm, _exit)
        return result

    def push_async_exit(self, exit):
        """`push` for coroutine functions with `__aexit__`'s signature, or an
        object's `__aexit__` method. Returns `exit`."""
        _cb_type = type(exit)
        try:
            exit_method = _cb_type.__aexit__
        except AttributeError:
            self._push_exit_callback(exit, False)
        else:
            self._push_async_cm_exit(exit, exit_method)
        return exit  # Allow use as a decorator

    def push_async_callback(self, callback, /, *args, **kwds):
        """Registers `await callback(*args, **kwds)` to run at exit; returns
        `callback`."""
        _exit_wrapper = self._create_async_cb_wrapper(callback, *args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._push_exit_callback(_exit_wrapper, False)
        return callback  # Allow use as a decorator

    async def aclose(self):
        """Unwinds the stack now."""
        await self.__aexit__(None, None, None)

    def _push_async_cm_exit(self, cm, cm_exit):
        _exit_wrapper = self._create_async_exit_wrapper(cm, cm_exit)
        self._push_exit_callback(_exit_wrapper, False)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        frame_exc = sys.exc_info()[1]
        suppressed_exc = False
        pending_raise = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if is_sync:
                    cb_suppress = cb(*exc_details)
                else:
                    cb_suppress = await cb(*exc_details)
                if cb_suppress:
                    suppressed_exc = True
                    pending_raise = False
                    exc_details = (None, None, None)
            except:
                new_exc_details = sys.exc_info()
                _relink_context(new_exc_details[1], exc_details[1], frame_exc)
                pending_raise = True
                exc_details = new_exc_details
        if pending_raise:
            _reraise(exc_details[1])
        return received_exc and suppressed_exc


class nullcontext(AbstractContextManager, AbstractAsyncContextManager):
    """A context manager that does nothing and gives `enter_result`: the stand-in
    when a manager is only sometimes needed. Works with `with` and `async with`.
    """

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass

    async def __aenter__(self):
        return self.enter_result

    async def __aexit__(self, *excinfo):
        pass


class chdir(AbstractContextManager):
    """Changes the working directory for the duration of the block (process-wide,
    so not safe with threads)."""

    def __init__(self, path):
        self.path = path
        self._old_cwd = []

    def __enter__(self):
        import os
        self._old_cwd.append(os.getcwd())
        os.chdir(self.path)

    def __exit__(self, *excinfo):
        import os
        os.chdir(self._old_cwd.pop())
