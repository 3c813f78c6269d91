"""`io`: the file types `open()` returns (from `_io`) and the in-memory streams
`StringIO` and `BytesIO`, written in Python."""

from _io import (
    DEFAULT_BUFFER_SIZE,
    BufferedRandom,
    BufferedReader,
    BufferedWriter,
    TextIOWrapper,
    UnsupportedOperation,
    open,
)

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class _MemoryStream:
    """What StringIO and BytesIO share: a buffer, a position, and closing."""

    def __init__(self, initial):
        self._buffer = initial
        # Writes at the end collect here and are joined when something reads: a program
        # that builds its output with many small writes stays linear.
        self._tail = []
        self._size = len(initial)
        self._pos = 0
        self._closed = False

    def _join(self):
        if self._tail:
            self._tail.insert(0, self._buffer)
            self._buffer = self._empty.join(self._tail)
            self._tail = []

    def _check(self):
        if self._closed:
            raise ValueError(self._closed_message)

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def getvalue(self):
        self._check()
        self._join()
        return self._buffer

    def read(self, size=-1):
        self._check()
        self._join()
        if size is None or size < 0:
            end = len(self._buffer)
        else:
            end = min(self._pos + size, len(self._buffer))
        data = self._buffer[self._pos:end]
        self._pos = max(self._pos, end)
        return data

    def readline(self, size=-1):
        self._check()
        self._join()
        end = self._buffer.find(self._newline, self._pos)
        end = len(self._buffer) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        data = self._buffer[self._pos:end]
        self._pos = max(self._pos, end)
        return data

    def readlines(self, hint=-1):
        return list(self)

    def write(self, data):
        self._check()
        if not isinstance(data, type(self._empty)):
            data = self._coerce(data)
        n = len(data)
        if self._pos == self._size:
            if n:
                self._tail.append(data)
                self._pos += n
                self._size += n
            return n
        self._join()
        if self._pos > len(self._buffer):
            self._buffer += self._pad * (self._pos - len(self._buffer))
        end = self._pos + n
        self._buffer = self._buffer[:self._pos] + data + self._buffer[end:]
        self._pos = end
        self._size = len(self._buffer)
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._size + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        size = self._pos if size is None else size
        self._join()
        self._buffer = self._buffer[:size]
        self._size = len(self._buffer)
        return size

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def isatty(self):
        self._check()
        return False

    def flush(self):
        self._check()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class StringIO(_MemoryStream):
    """A text stream in memory."""

    _newline = "\n"
    _pad = "\0"
    _closed_message = "I/O operation on closed file"

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError(
                "initial_value must be str or None, not "
                + type(initial_value).__name__
            )
        super().__init__(initial_value)

    _empty = ""

    def _coerce(self, data):
        raise TypeError(f"string argument expected, got '{type(data).__name__}'")


class BytesIO(_MemoryStream):
    """A binary stream in memory."""

    _newline = b"\n"
    _pad = b"\0"
    _closed_message = "I/O operation on closed file."

    def __init__(self, initial_bytes=b""):
        super().__init__(bytes(initial_bytes))

    _empty = b""

    def _coerce(self, data):
        try:
            return bytes(memoryview(data))
        except TypeError:
            raise TypeError(
                f"a bytes-like object is required, not '{type(data).__name__}'"
            ) from None

    def getbuffer(self):
        self._join()
        return memoryview(bytearray(self._buffer))
