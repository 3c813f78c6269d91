# asyncio.protocols: what a transport calls. Every method is a no-op to override.

__all__ = ('BaseProtocol', 'Protocol', 'DatagramProtocol',
           'SubprocessProtocol', 'BufferedProtocol')


class BaseProtocol:
    """The callbacks every protocol has: the connection's start and end, and flow
    control of writing (the transport's buffer passed its high or low water mark)."""

    __slots__ = ()

    def connection_made(self, transport):
        """Called when a connection is made."""

    def connection_lost(self, exc):
        """Called when the connection is lost or closed (exc is None on EOF or
        close)."""

    def pause_writing(self):
        """The transport's buffer went over the high water mark."""

    def resume_writing(self):
        """The transport's buffer drained below the low water mark."""


class Protocol(BaseProtocol):
    """A stream protocol: data arrives as bytes objects."""

    __slots__ = ()

    def data_received(self, data):
        """Called with each chunk of data received."""

    def eof_received(self):
        """The other end will send no more. Return a true value to keep the
        transport open for writing; otherwise it closes itself."""


class BufferedProtocol(BaseProtocol):
    """A stream protocol that lends the transport its own buffer to read into."""

    __slots__ = ()

    def get_buffer(self, sizehint):
        """Return a writable buffer for the next read (-1: any size)."""

    def buffer_updated(self, nbytes):
        """`nbytes` bytes were written into the buffer."""

    def eof_received(self):
        """See Protocol.eof_received()."""


class DatagramProtocol(BaseProtocol):
    """A datagram (UDP) protocol."""

    __slots__ = ()

    def datagram_received(self, data, addr):
        """Called when a datagram is received."""

    def error_received(self, exc):
        """A send or receive raised OSError (the transport stays open)."""


class SubprocessProtocol(BaseProtocol):
    """A protocol for a child process's pipes."""

    __slots__ = ()

    def pipe_data_received(self, fd, data):
        """The child wrote data to its stdout (fd 1) or stderr (fd 2)."""

    def pipe_connection_lost(self, fd, exc):
        """One of the child's pipes closed."""

    def process_exited(self):
        """The child exited."""


def _feed_data_to_buffered_proto(proto, data):
    data_len = len(data)
    while data_len:
        buf = proto.get_buffer(data_len)
        buf_len = len(buf)
        if not buf_len:
            raise RuntimeError('get_buffer() returned an empty buffer')
        if buf_len >= data_len:
            buf[:data_len] = data
            proto.buffer_updated(data_len)
            return
        buf[:buf_len] = data[:buf_len]
        proto.buffer_updated(buf_len)
        data = data[buf_len:]
        data_len = len(data)
