"""`unittest.signals`: Ctrl-C handling for test runs (the -c/--catch option).

With the handler installed, a first Ctrl-C asks every registered result to
stop after the current test (so that the report of the tests run so far is
still printed); a second one goes to the previous handler, normally raising
KeyboardInterrupt. Results are held weakly. `signal` is imported only when a
handler is installed or removed.

Not provided: nothing of the 3.11 module.
"""

import sys
import weakref
from functools import wraps

from unittest.util import _hide_frames

__unittest = True


class _InterruptHandler(object):
    def __init__(self, default_handler):
        import signal
        self.called = False
        self.original_handler = default_handler
        if isinstance(default_handler, int):
            if default_handler == signal.SIG_DFL:
                # The default action of SIGINT is to raise KeyboardInterrupt.
                default_handler = signal.default_int_handler
            elif default_handler == signal.SIG_IGN:
                def default_handler(unused_signum, unused_frame):
                    pass
            else:
                raise TypeError("expected SIGINT signal handler to be "
                                "signal.SIG_IGN, signal.SIG_DFL, or a "
                                "callable object")
        self.default_handler = default_handler

    def __call__(self, signum, frame):
        import signal
        if signal.getsignal(signal.SIGINT) is not self:
            # Replaced by someone else meanwhile: act as the old handler.
            self.default_handler(signum, frame)

        if self.called:
            self.default_handler(signum, frame)
        self.called = True
        for ref in list(_results.values()):
            result = ref()
            if result is not None:
                result.stop()


# The registered results, held weakly: id(result) -> weak reference. (Keyed
# by id rather than a WeakKeyDictionary: results compare by identity anyway,
# and apy's dict.pop and del do not yet find a key through a different but
# equal weak reference.)
_results = {}


def _forget(key):
    def callback(ref):
        if _results.get(key) is ref:
            del _results[key]
    return callback


def registerResult(result):
    key = id(result)
    _results[key] = weakref.ref(result, _forget(key))


def removeResult(result):
    ref = _results.get(id(result))
    if ref is None or ref() is not result:
        return False
    del _results[id(result)]
    return True


_interrupt_handler = None


def installHandler():
    global _interrupt_handler
    if _interrupt_handler is None:
        import signal
        default_handler = signal.getsignal(signal.SIGINT)
        _interrupt_handler = _InterruptHandler(default_handler)
        signal.signal(signal.SIGINT, _interrupt_handler)


def removeHandler(method=None):
    if method is not None:
        # As a decorator: the function runs with the handler removed.
        @wraps(method)
        def inner(*args, **kwargs):
            import signal
            initial = signal.getsignal(signal.SIGINT)
            removeHandler()
            try:
                return method(*args, **kwargs)
            finally:
                signal.signal(signal.SIGINT, initial)
        return inner

    global _interrupt_handler
    if _interrupt_handler is not None:
        import signal
        signal.signal(signal.SIGINT, _interrupt_handler.original_handler)


_hide_frames(sys._getframe())
