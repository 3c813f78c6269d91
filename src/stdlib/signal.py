# signal: setting handlers for OS signals (on the native `_signal`), with the
# `Signals` and `Handlers` enums CPython's module adds: `getsignal(SIGTERM)` is
# `<Handlers.SIG_DFL: 0>`, `Signals(2)` is `<Signals.SIGINT: 2>`. (There is no `enum`
# module yet: the enums are small int subclasses with the members as attributes.)

import _signal
from _signal import *

from _named_int import NamedInt as _NamedInt, name_constants as _named


class Signals(_NamedInt):
    __module__ = 'signal'


class Handlers(_NamedInt):
    __module__ = 'signal'


class Sigmasks(_NamedInt):
    __module__ = 'signal'


# Aliases share a member: SIGIOT is <Signals.SIGABRT: 6>, SIGPOLL <Signals.SIGIO: 29>.
_named(Signals, globals(), [name for name in dir(_signal)
                            if name.startswith('SIG') and not name.startswith('SIG_')])
_named(Handlers, globals(), ['SIG_DFL', 'SIG_IGN'])
_named(Sigmasks, globals(), ['SIG_BLOCK', 'SIG_UNBLOCK', 'SIG_SETMASK'])


def _int_to_enum(value, enum_klass):
    """A Handlers member for SIG_DFL and SIG_IGN, the value itself otherwise."""
    if not isinstance(value, int):
        return value
    try:
        return enum_klass(value)
    except ValueError:
        return value


def _enum_to_int(value):
    try:
        return int(value)
    except (ValueError, TypeError):
        return value


def signal(signalnum, handler):
    """Set the handler of signalnum; return the previous one."""
    handler = _signal.signal(_enum_to_int(signalnum), _enum_to_int(handler))
    return _int_to_enum(handler, Handlers)


def getsignal(signalnum):
    """The current handler of signalnum."""
    handler = _signal.getsignal(signalnum)
    return _int_to_enum(handler, Handlers)


def valid_signals():
    return {_int_to_enum(x, Signals) for x in _signal.valid_signals()}


default_int_handler = _signal.default_int_handler
