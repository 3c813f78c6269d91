"""`types.coroutine`: generator-based coroutines (the `types` module hands it out)."""

from types import CoroutineType, FunctionType, GeneratorType


class _GeneratorWrapper:
    """What `coroutine()` returns for a generator: the generator, made awaitable."""

    def __init__(self, gen):
        self.__wrapped = gen
        self.__name__ = getattr(gen, "__name__", None)
        self.__qualname__ = getattr(gen, "__qualname__", None)

    def send(self, val):
        return self.__wrapped.send(val)

    def throw(self, *args):
        return self.__wrapped.throw(*args)

    def close(self):
        return self.__wrapped.close()

    @property
    def gi_code(self):
        return self.__wrapped.gi_code

    @property
    def gi_frame(self):
        return self.__wrapped.gi_frame

    @property
    def gi_running(self):
        return self.__wrapped.gi_running

    @property
    def gi_yieldfrom(self):
        return self.__wrapped.gi_yieldfrom

    cr_code = gi_code
    cr_frame = gi_frame
    cr_running = gi_running
    cr_await = gi_yieldfrom

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        return self

    __await__ = __iter__


def coroutine(func):
    """Makes a generator-based coroutine: calling `func` gives something `await` takes
    (a generator that yields to the event loop, written before `async def`)."""
    if not callable(func):
        raise TypeError("types.coroutine() expects a callable")
    if isinstance(func, FunctionType) and func.__code__.co_flags & 0x180:
        # Already a coroutine function (or an iterable coroutine).
        return func

    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if isinstance(coro, (CoroutineType, _GeneratorWrapper)):
            return coro
        if isinstance(coro, GeneratorType) or (
            hasattr(coro, "__next__") and hasattr(coro, "send") and not hasattr(coro, "__await__")
        ):
            return _GeneratorWrapper(coro)
        return coro

    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(wrapped, attr, getattr(func, attr))
        except AttributeError:
            pass
    wrapped.__dict__.update(getattr(func, "__dict__", {}))
    wrapped.__wrapped__ = func
    return wrapped
