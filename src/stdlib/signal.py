# signal: setting handlers for OS signals (on the native `_signal`), with the
# `Signals` and `Handlers` enums CPython's module adds: `getsignal(SIGTERM)` is
# `<Handlers.SIG_DFL: 0>`, `Signals(2)` is `<Signals.SIGINT: 2>`. (There is no `enum`
# module yet: the enums are small int subclasses with the members as attributes.)

import _signal
from _signal import *

_ALIASES = {'SIGIOT', 'SIGPOLL'}


class _IntEnum(int):
    """An int that knows its member name (repr `<Class.NAME: value>`, str the
    number, as IntEnum's in 3.11)."""

    _members = {}

    def __new__(cls, value):
        member = cls._members.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a valid {cls.__name__}")
        return member

    @classmethod
    def _make(cls, name, value):
        member = int.__new__(cls, value)
        member._name_ = name
        cls._members[value] = member
        setattr(cls, name, member)
        return member

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return int(self)

    def __repr__(self):
        return f'<{type(self).__name__}.{self._name_}: {int(self)}>'

    __str__ = int.__repr__

    def __reduce__(self):
        return type(self), (int(self),)


class Signals(_IntEnum):
    _members = {}


class Handlers(_IntEnum):
    _members = {}


class Sigmasks(_IntEnum):
    _members = {}


for _name in dir(_signal):
    if _name.startswith('SIG') and not _name.startswith('SIG_') \
            and _name not in _ALIASES:
        globals()[_name] = Signals._make(_name, getattr(_signal, _name))
for _name in ('SIGIOT', 'SIGPOLL'):
    globals()[_name] = Signals(getattr(_signal, _name))
SIG_DFL = Handlers._make('SIG_DFL', _signal.SIG_DFL)
SIG_IGN = Handlers._make('SIG_IGN', _signal.SIG_IGN)
SIG_BLOCK = Sigmasks._make('SIG_BLOCK', _signal.SIG_BLOCK)
SIG_UNBLOCK = Sigmasks._make('SIG_UNBLOCK', _signal.SIG_UNBLOCK)
SIG_SETMASK = Sigmasks._make('SIG_SETMASK', _signal.SIG_SETMASK)
del _name


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
