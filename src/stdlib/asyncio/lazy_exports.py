# What `import asyncio` leaves for later: the network and stream layers (transports,
# protocols, streams, servers and the loop's IO methods) load on first use, so that a
# program that never opens a socket does not pay for them at start-up.
#
# Names of the `asyncio` namespace are answered by the module-level `__getattr__`
# (PEP 562); the loop's IO methods by the loop class's `__getattr__`, which imports the
# modules that install them on the class and then looks the name up again.

# Submodules loaded on first use; and the names they answer for in `asyncio`.
_LAZY_SUBMODULES = ('exceptions', 'protocols', 'transports', 'streams',
                    'base_events', 'subprocess', 'selector_events',
                    'unix_events', 'trsock', 'events_abstract')

_LAZY_NAMES = {
    'IncompleteReadError': 'exceptions',
    'LimitOverrunError': 'exceptions',
    'SendfileNotAvailableError': 'exceptions',
    'BaseProtocol': 'protocols',
    'Protocol': 'protocols',
    'BufferedProtocol': 'protocols',
    'DatagramProtocol': 'protocols',
    'SubprocessProtocol': 'protocols',
    'BaseTransport': 'transports',
    'ReadTransport': 'transports',
    'WriteTransport': 'transports',
    'Transport': 'transports',
    'DatagramTransport': 'transports',
    'SubprocessTransport': 'transports',
    'StreamReader': 'streams',
    'StreamWriter': 'streams',
    'StreamReaderProtocol': 'streams',
    'open_connection': 'streams',
    'start_server': 'streams',
    'open_unix_connection': 'streams',
    'start_unix_server': 'streams',
    'Server': 'base_events',
    'create_subprocess_exec': 'subprocess',
    'create_subprocess_shell': 'subprocess',
    'SelectorEventLoop': 'unix_events',
    'AbstractEventLoop': 'events_abstract',
    'AbstractServer': 'base_events',
    'AbstractEventLoopPolicy': 'events_abstract',
    'BaseDefaultEventLoopPolicy': 'events_abstract',
    'DefaultEventLoopPolicy': 'events_abstract',
    'get_event_loop_policy': 'events_abstract',
    'set_event_loop_policy': 'events_abstract',
}


def __getattr__(name):
    module = _LAZY_NAMES.get(name)
    if module is None and name in _LAZY_SUBMODULES:
        return _load_submodule(name)
    if module is None:
        import sys
        raise AttributeError(f"module 'asyncio' has no attribute '{name}'",
                             name=name, obj=sys.modules['asyncio'])
    value = getattr(_load_submodule(module), name)
    globals()[name] = value
    return value


def _load_submodule(module):
    import sys
    name = 'asyncio.' + module
    __import__(name)
    m = sys.modules[name]
    globals()[module] = m
    return m


def _loop_getattr(self, name):
    # A name the loop lacks: the first time, load the modules that install the
    # loop's IO methods (`unix_events` imports `selector_events` and `base_events`),
    # then look again.
    if 'unix_events' not in globals():
        _load_submodule('unix_events')
        if name in type(self).__dict__:
            return getattr(self, name)
    raise AttributeError(
        f"'{type(self).__name__}' object has no attribute '{name}'",
        name=name, obj=self)


# `asyncio.coroutines._is_coroutine`: the marker by which objects that are not `async
# def` functions (unittest.mock's AsyncMock) tell `iscoroutinefunction` they are one.
_is_coroutine = object()


# `loop.slow_callback_duration` (installed on the native loop): how long a callback may
# run in debug mode before the loop reports it.
_loop_slow_callback_duration = property(
    lambda self: self._get_slow_callback_duration(),
    lambda self, value: self._set_slow_callback_duration(value),
)
