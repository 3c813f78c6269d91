"""`socket`: BSD sockets, over apy's native `_socket` module.

`_socket` has the socket type, the constants and the name lookups. This module adds,
as CPython's does in Python: the `socket.socket` subclass (a context manager whose
`accept()` returns `socket.socket` objects and whose repr shows its addresses), the
constants as named ints (`AF_INET` is `<AddressFamily.AF_INET: 2>`), and the helpers
`socketpair`, `create_connection`, `create_server`, `getaddrinfo` and `getfqdn`.

apy has no `enum` module: `AddressFamily`, `SocketKind`, `MsgFlag` and `AddressInfo`
are small int subclasses whose members print as IntEnum members do; combining flags
gives a plain int. Not provided: `makefile`, `sendfile`, `fromfd`, `sendmsg`/`recvmsg`,
`get_inheritable`/`set_inheritable`.
"""

import _socket
from _socket import *

__all__ = [
    "getfqdn",
    "create_connection",
    "create_server",
    "has_dualstack_ipv6",
    "AddressFamily",
    "SocketKind",
]
__all__.extend(name for name in dir(_socket) if not name.startswith("_"))


from _named_int import NamedInt as _NamedInt, name_constants as _named


class AddressFamily(_NamedInt):
    """The `AF_*` constants."""

    __module__ = "socket"


class SocketKind(_NamedInt):
    """The `SOCK_*` constants."""

    __module__ = "socket"


class MsgFlag(_NamedInt):
    """The `MSG_*` constants."""

    __module__ = "socket"


class AddressInfo(_NamedInt):
    """The `AI_*` constants."""

    __module__ = "socket"


def _name_constants(cls, prefix):
    """The module's int constants named `prefix...` become members of `cls`."""
    namespace = globals()
    _named(cls, namespace, [
        name for name, value in list(namespace.items())
        if name.startswith(prefix) and name.isupper() and type(value) is int
    ])


_name_constants(AddressFamily, "AF_")
_name_constants(SocketKind, "SOCK_")
_name_constants(MsgFlag, "MSG_")
_name_constants(AddressInfo, "AI_")


def _intenum_converter(value, enum_klass):
    """`value` as a member of `enum_klass` when it names one, else unchanged."""
    try:
        return enum_klass(value)
    except ValueError:
        return value


class socket(_socket.socket):
    """A BSD socket: `socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)`."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        # Without a descriptor, what is not given takes the usual defaults; with one,
        # `_socket` asks the descriptor.
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
        _socket.socket.__init__(self, family, type, proto, fileno)
        self._io_refs = 0
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if not self._closed:
            self.close()

    def __repr__(self):
        closed = getattr(self, "_closed", False)
        cls = type(self)
        text = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            cls.__module__,
            cls.__qualname__,
            " [closed]" if closed else "",
            self.fileno(),
            self.family,
            self.type,
            self.proto,
        )
        if not closed:
            for label, name_of in (("laddr", self.getsockname), ("raddr", self.getpeername)):
                try:
                    address = name_of()
                except error:
                    continue
                if address:
                    text += ", %s=%s" % (label, address)
        return text + ">"

    def __getstate__(self):
        raise TypeError(f"cannot pickle {type(self).__name__!r} object")

    def dup(self):
        """A new socket object on a duplicate of this one's descriptor."""
        fd = self._dup()
        copy = type(self)(self.family, self.type, self.proto, fileno=fd)
        copy.settimeout(self.gettimeout())
        return copy

    def accept(self):
        """Waits for a connection: `(connection, address)`, the connection a new
        `socket.socket`."""
        fd, address = self._accept()
        connection = socket(self.family, self.type, self.proto, fileno=fd)
        # A connection accepted by a socket with a timeout is blocking unless a
        # default timeout says otherwise (CPython's rule).
        if getdefaulttimeout() is None and self.gettimeout():
            connection.setblocking(True)
        return connection, address

    def _real_close(self, _close=_socket.socket.close):
        _close(self)

    def close(self):
        """Closes the socket (again: nothing)."""
        self._closed = True
        if self._io_refs <= 0:
            self._real_close()

    def detach(self):
        """Closes the object, not the descriptor, and returns the descriptor."""
        self._closed = True
        return super().detach()

    @property
    def family(self):
        """The address family, an `AddressFamily` member when it names one."""
        return _intenum_converter(super().family, AddressFamily)

    @property
    def type(self):
        """The socket type, a `SocketKind` member when it names one."""
        return _intenum_converter(super().type, SocketKind)


def socketpair(family=None, type=SOCK_STREAM, proto=0):
    """Two connected sockets (`AF_UNIX` by default), as `socket.socket` objects."""
    if family is None:
        family = AF_UNIX
    first, second = _socket.socketpair(family, type, proto)
    first = socket(family, type, proto, first.detach())
    second = socket(family, type, proto, second.detach())
    return first, second


_GLOBAL_DEFAULT_TIMEOUT = object()


def create_connection(
    address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *, all_errors=False
):
    """Connects to `(host, port)`, trying each address the name resolves to in turn,
    and returns the connected socket. When every attempt fails, raises the first
    failure, or with `all_errors` an ExceptionGroup of them all."""
    host, port = address
    failures = []
    for family, kind, proto, _canonname, sockaddr in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(family, kind, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            failures.clear()
            return sock
        except error as exc:
            if not all_errors:
                failures.clear()
            failures.append(exc)
            if sock is not None:
                sock.close()
    if not failures:
        raise error("getaddrinfo returns an empty list")
    try:
        if not all_errors:
            raise failures[0]
        # A copy: the list is emptied below, and the group must keep its members.
        raise ExceptionGroup("create_connection failed", list(failures))
    finally:
        failures.clear()


def has_dualstack_ipv6():
    """Whether an IPv6 socket can also accept IPv4 connections."""
    try:
        with socket(AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0)
            return True
    except error:
        return False


def create_server(
    address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False
):
    """A TCP socket bound to `address` and listening, with `SO_REUSEADDR` set."""
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = socket(family, SOCK_STREAM)
    try:
        try:
            sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        except error:
            pass
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except error as err:
            message = "%s (while attempting to bind on address %r)" % (err.strerror, address)
            raise error(err.errno, message) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except error:
        sock.close()
        raise


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """The addresses for `host` and `port`: a list of `(family, type, proto,
    canonname, sockaddr)`, the family and type as `AddressFamily`/`SocketKind`."""
    return [
        (
            _intenum_converter(af, AddressFamily),
            _intenum_converter(kind, SocketKind),
            protocol,
            canonname,
            sockaddr,
        )
        for af, kind, protocol, canonname, sockaddr in _socket.getaddrinfo(
            host, port, family, type, proto, flags
        )
    ]


def getfqdn(name=""):
    """The fully qualified name of `name` (this host when empty): the first of the
    host's names that contains a dot, else its primary name."""
    name = name.strip()
    if not name or name in ("0.0.0.0", "::"):
        name = gethostname()
    try:
        hostname, aliases, _addresses = gethostbyaddr(name)
    except error:
        return name
    for candidate in [hostname] + aliases:
        if "." in candidate:
            return candidate
    return hostname
