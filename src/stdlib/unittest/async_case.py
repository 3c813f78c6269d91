"""`unittest.async_case`: IsolatedAsyncioTestCase, for coroutine tests.

Each test gets a fresh `asyncio.Runner` (so a fresh event loop, in debug
mode), closed when the test ends. setUp, the test method, tearDown and the
cleanups may each be a plain function or a coroutine function; asyncSetUp and
asyncTearDown run inside the loop after setUp and before tearDown. As in
CPython, this module does not mark itself as unittest's own, so its frames
(and the event loop's) show in the tracebacks of failing async tests.

All parts of a test run in one copy of the context of the test's creation,
so context variables set in asyncSetUp are seen by the test, when apy has
`contextvars`; without it they run in the current context.

Not provided: nothing of the 3.11 module.
"""

import asyncio
import inspect

from unittest.case import TestCase, _warnings


def _copy_context():
    try:
        import contextvars
    except ImportError:
        return None
    return contextvars.copy_context()


class IsolatedAsyncioTestCase(TestCase):
    """A TestCase whose test methods, setUp, tearDown and cleanups may be
    coroutine functions, run in an event loop made for each test."""

    def __init__(self, methodName='runTest'):
        super().__init__(methodName)
        self._asyncioRunner = None
        self._asyncioTestContext = _copy_context()

    async def asyncSetUp(self):
        pass

    async def asyncTearDown(self):
        pass

    def addAsyncCleanup(self, func, /, *args, **kwargs):
        # Cleanups are called through _callMaybeAsync, so a coroutine
        # function needs nothing special.
        self.addCleanup(*(func, *args), **kwargs)

    async def enterAsyncContext(self, cm):
        """Enters the asynchronous context manager `cm`, registers its exit as
        a cleanup, and gives what __aenter__ returned."""
        cls = type(cm)
        try:
            enter = cls.__aenter__
            exit = cls.__aexit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the asynchronous context manager protocol"
                           ) from None
        result = await enter(cm)
        self.addAsyncCleanup(exit, cm, None, None, None)
        return result

    def _run_in_context(self, func, *args, **kwargs):
        context = self._asyncioTestContext
        if context is None:
            return func(*args, **kwargs)
        return context.run(func, *args, **kwargs)

    def _context_kwargs(self):
        # Runner.run(..., context=...) when there is a context to give.
        if self._asyncioTestContext is None:
            return {}
        return {'context': self._asyncioTestContext}

    def _callSetUp(self):
        # The loop exists before setUp, so that setUp may use it.
        self._asyncioRunner.get_loop()
        self._run_in_context(self.setUp)
        self._callAsync(self.asyncSetUp)

    def _callTestMethod(self, method):
        if self._callMaybeAsync(method) is not None:
            warnings = _warnings()
            if warnings is not None:
                warnings.warn(f'It is deprecated to return a value that is not '
                              f'None from a test case ({method})',
                              DeprecationWarning, stacklevel=4)

    def _callTearDown(self):
        self._callAsync(self.asyncTearDown)
        self._run_in_context(self.tearDown)

    def _callCleanup(self, function, *args, **kwargs):
        self._callMaybeAsync(function, *args, **kwargs)

    def _callAsync(self, func, /, *args, **kwargs):
        assert self._asyncioRunner is not None, 'asyncio runner is not initialized'
        assert inspect.iscoroutinefunction(func), f'{func!r} is not an async function'
        return self._asyncioRunner.run(func(*args, **kwargs),
                                       **self._context_kwargs())

    def _callMaybeAsync(self, func, /, *args, **kwargs):
        assert self._asyncioRunner is not None, 'asyncio runner is not initialized'
        if inspect.iscoroutinefunction(func):
            return self._asyncioRunner.run(func(*args, **kwargs),
                                           **self._context_kwargs())
        else:
            return self._run_in_context(func, *args, **kwargs)

    def _setupAsyncioRunner(self):
        assert self._asyncioRunner is None, 'asyncio runner is already initialized'
        runner = asyncio.Runner(debug=True)
        self._asyncioRunner = runner

    def _tearDownAsyncioRunner(self):
        runner = self._asyncioRunner
        runner.close()

    def run(self, result=None):
        self._setupAsyncioRunner()
        try:
            return super().run(result)
        finally:
            self._tearDownAsyncioRunner()

    def debug(self):
        self._setupAsyncioRunner()
        super().debug()
        self._tearDownAsyncioRunner()

    def __del__(self):
        if self._asyncioRunner is not None:
            self._tearDownAsyncioRunner()
