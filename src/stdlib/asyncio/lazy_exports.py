# What `import asyncio` leaves for later: the network and stream layers (transports,
# protocols, streams, servers and the loop's IO methods) load on first use, so that a
# program that never opens a socket does not pay for them at start-up.
#
# Names of the `asyncio` namespace are answered by the module-level `__getattr__`
# (PEP 562); the loop's IO methods by the loop class's `__getattr__`, which imports the
# modules that install them on the class and then looks the name up again.

_LAZY_SUBMODULES = {
    'exceptions': ('IncompleteReadError', 'LimitOverrunError',
                   'SendfileNotAvailableError'),
    'protocols': ('BaseProtocol', 'Protocol', 'BufferedProtocol',
                  'DatagramProtocol', 'SubprocessProtocol'),
    'transports': ('BaseTransport', 'ReadTransport', 'WriteTransport',
                   'Transport', 'DatagramTransport', 'SubprocessTransport'),
    'streams': ('StreamReader', 'StreamWriter', 'StreamReaderProtocol',
                'open_connection', 'start_server', 'open_unix_connection',
                'start_unix_server'),
    'base_events': ('Server',),
    'subprocess': ('create_subprocess_exec', 'create_subprocess_shell'),
    'selector_events': (),
    'unix_events': (),
    'trsock': (),
}

_LAZY_NAMES = {name: module
               for module, names in _LAZY_SUBMODULES.items() for name in names}


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


# The loop methods `base_events`, `selector_events` and `unix_events` install on the
# native loop (`unix_events` imports the other two).
_LOOP_IO_METHODS = frozenset({
    'add_reader', 'remove_reader', 'add_writer', 'remove_writer',
    'sock_recv', 'sock_recv_into', 'sock_recvfrom', 'sock_recvfrom_into',
    'sock_sendall', 'sock_sendto', 'sock_connect', 'sock_accept',
    'create_connection', 'create_server', 'create_unix_connection',
    'create_unix_server', 'create_datagram_endpoint', 'getaddrinfo',
    'getnameinfo', 'connect_accepted_socket', 'run_in_executor',
    'set_default_executor', 'sendfile', 'sock_sendfile', 'start_tls',
    '_make_socket_transport', '_make_datagram_transport', '_start_serving',
    '_stop_serving', '_accept_connection', '_accept_connection2',
    '_ensure_fd_no_transport', '_transports', '_create_connection_transport',
    '_connect_sock', '_ensure_resolved', '_sock_connect', '_sock_connect_cb',
    '_sock_accept', '_sock_recv', '_sock_recv_into', '_sock_sendall',
    '_sock_read_done', '_sock_write_done', '_create_server_getaddrinfo',
    'connect_read_pipe', 'connect_write_pipe', 'subprocess_exec',
    'subprocess_shell', '_make_subprocess_transport', 'add_signal_handler',
    'remove_signal_handler', '_check_signal',
})


def _loop_getattr(self, name):
    if name in _LOOP_IO_METHODS:
        _load_submodule('unix_events')
        if name in type(self).__dict__:
            return getattr(self, name)
    raise AttributeError(
        f"'{type(self).__name__}' object has no attribute '{name}'",
        name=name, obj=self)
