"""The parts of `os` written in Python; `os` copies them in when it loads."""


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: (dirpath, dirnames, filenames) for each directory,
    parents before children unless `topdown` is false, as CPython's `os.walk`."""
    import os

    stack = [top]
    bottom_up = []
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        try:
            names = os.listdir(top)
        except OSError as error:
            if onerror is not None:
                onerror(error)
            continue
        dirs = []
        nondirs = []
        for name in names:
            full = os.path.join(top, name)
            if os.path.isdir(full) and (followlinks or not os.path.islink(full)):
                dirs.append(name)
            else:
                nondirs.append(name)
        if topdown:
            yield top, dirs, nondirs
            for name in reversed(dirs):
                stack.append(os.path.join(top, name))
        else:
            # Children first: this directory's entry waits under them on the stack.
            stack.append((top, dirs, nondirs))
            for name in reversed(dirs):
                stack.append(os.path.join(top, name))


_STAT_NAMES = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
               "st_atime", "st_mtime", "st_ctime")


class stat_result(tuple):
    """`os.stat()`'s result: ten fields as a tuple (times in whole seconds), and as
    attributes the times as floats (`st_mtime`) and in nanoseconds (`st_mtime_ns`)."""

    n_sequence_fields = 10
    n_unnamed_fields = 3
    n_fields = 19

    def __new__(cls, sequence, extra=None):
        fields = tuple(sequence)
        self = super().__new__(cls, fields[:10])
        self._extra = fields[10:]
        return self

    def __repr__(self):
        parts = ", ".join(f"{n}={v!r}" for n, v in zip(_STAT_NAMES, self))
        return f"os.stat_result({parts})"

    def __reduce__(self):
        return (stat_result, (tuple(self) + self._extra,))

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self._extra[0] if self._extra else self[7])
    st_mtime = property(lambda self: self._extra[1] if self._extra else self[8])
    st_ctime = property(lambda self: self._extra[2] if self._extra else self[9])
    st_atime_ns = property(lambda self: self._extra[3])
    st_mtime_ns = property(lambda self: self._extra[4])
    st_ctime_ns = property(lambda self: self._extra[5])
    st_blksize = property(lambda self: self._extra[6])
    st_blocks = property(lambda self: self._extra[7])
    st_rdev = property(lambda self: self._extra[8])


stat_result.__module__ = "os"


def stat(path, *, dir_fd=None, follow_symlinks=True):
    """The status of `path` (following symbolic links unless told not to)."""
    import os
    return stat_result(os._stat(path, follow_symlinks))


def lstat(path, *, dir_fd=None):
    """The status of `path` itself, not of what a symbolic link points to."""
    import os
    return stat_result(os._stat(path, False))


def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True):
    """Sets access and modification times (apy: only touching to now is supported)."""
    import os
    if times is not None or ns is not None:
        raise NotImplementedError("apy's os.utime only sets the times to now")
    with open(path, "ab"):
        pass
    os._stat(path)


class DirEntry:
    """One entry of `os.scandir()`: its name and path, and its type and status, looked
    up when first asked."""

    __slots__ = ("name", "path", "_stat", "_lstat")

    def __init__(self, directory, name):
        import os
        self.name = name
        self.path = os.path.join(directory, name)
        self._stat = None
        self._lstat = None

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"

    def __fspath__(self):
        return self.path

    def stat(self, *, follow_symlinks=True):
        if follow_symlinks:
            if self._stat is None:
                self._stat = stat(self.path)
            return self._stat
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat

    def _mode(self, follow_symlinks):
        try:
            return self.stat(follow_symlinks=follow_symlinks).st_mode
        except OSError:
            return 0

    def is_dir(self, *, follow_symlinks=True):
        return self._mode(follow_symlinks) & 0o170000 == 0o040000

    def is_file(self, *, follow_symlinks=True):
        return self._mode(follow_symlinks) & 0o170000 == 0o100000

    def is_symlink(self):
        return self._mode(False) & 0o170000 == 0o120000

    def inode(self):
        return self.stat(follow_symlinks=False).st_ino


DirEntry.__module__ = "posix"


class _ScandirIterator:
    __slots__ = ("_entries",)

    def __init__(self, entries):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def close(self):
        self._entries = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scandir(path="."):
    """An iterator of `DirEntry` objects for the entries of the directory `path`."""
    import os
    directory = os.fspath(path)
    names = os.listdir(directory)
    return _ScandirIterator([DirEntry(directory, name) for name in names])


# ---------------------------------------------------------------------------------------
# `os.path` functions written in Python (`os` copies them onto `os.path`).

def normcase(s):
    """Case as the file system compares it: unchanged on POSIX."""
    import os
    return os.fspath(s)


def lexists(path):
    """Whether `path` exists, a broken symbolic link included."""
    try:
        lstat(path)
    except (OSError, ValueError):
        return False
    return True


def splitdrive(p):
    """`('', p)`: POSIX paths have no drive."""
    import os
    p = os.fspath(p)
    return p[:0], p


def commonprefix(m):
    """The longest string that starts every item of `m` (character by character)."""
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    """The longest path that contains every path of `paths`."""
    import os
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    absolute = {p.startswith("/") for p in paths}
    if len(absolute) > 1:
        raise ValueError("Can't mix absolute and relative paths")
    split = [[part for part in p.split("/") if part and part != "."] for p in paths]
    low, high = min(split), max(split)
    common = low
    for i, part in enumerate(low):
        if part != high[i]:
            common = low[:i]
            break
    prefix = "/" if absolute.pop() else ""
    return prefix + "/".join(common)


def relpath(path, start=None):
    """`path` relative to `start` (the working directory by default)."""
    import os
    path = os.fspath(path)
    if not path:
        raise ValueError("no path specified")
    start = os.curdir if start is None else os.fspath(start)
    start_parts = [x for x in os.path.abspath(start).split("/") if x]
    path_parts = [x for x in os.path.abspath(path).split("/") if x]
    i = len(commonprefix([start_parts, path_parts]))
    rel = [os.pardir] * (len(start_parts) - i) + path_parts[i:]
    return os.path.join(*rel) if rel else os.curdir


def realpath(path, *, strict=False):
    """`path` absolute, with symbolic links resolved and `..` collapsed."""
    import os
    path = os.path.abspath(os.fspath(path))
    parts = [p for p in path.split("/") if p]
    resolved = "/"
    seen = 0
    while parts:
        part = parts.pop(0)
        candidate = os.path.join(resolved, part)
        if os.path.islink(candidate) and seen < 40:
            seen += 1
            target = os.readlink(candidate)
            base = "/" if target.startswith("/") else resolved
            parts = [p for p in target.split("/") if p] + parts
            resolved = base
            continue
        resolved = os.path.normpath(candidate)
    return resolved


def getmtime(filename):
    """The last modification time of `filename`, in seconds since the epoch."""
    return stat(filename).st_mtime


def getatime(filename):
    """The last access time of `filename`."""
    return stat(filename).st_atime


def getctime(filename):
    """The metadata change time of `filename`."""
    return stat(filename).st_ctime


def samefile(f1, f2):
    """Whether the two paths name the same file."""
    s1, s2 = stat(f1), stat(f2)
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def expandvars(path):
    """`path` with `$name` and `${name}` replaced by environment variables that exist."""
    import os
    out = []
    i, n = 0, len(path)
    while i < n:
        c = path[i]
        if c != "$" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        if path[i + 1] == "{":
            end = path.find("}", i + 2)
            if end < 0:
                out.append(path[i:])
                break
            name = path[i + 2:end]
            raw = path[i:end + 1]
            i = end + 1
        else:
            j = i + 1
            while j < n and (path[j].isalnum() or path[j] == "_"):
                j += 1
            name = path[i + 1:j]
            raw = path[i:j]
            i = j
        out.append(os.environ.get(name, raw) if name else raw)
    return "".join(out)


class terminal_size(tuple):
    """`os.get_terminal_size()`'s result: (columns, lines)."""

    n_sequence_fields = 2
    n_fields = 2
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        fields = tuple(sequence)
        if len(fields) != 2:
            raise TypeError("os.terminal_size() takes a 2-sequence (%d-sequence given)"
                            % len(fields))
        return super().__new__(cls, fields)

    def __repr__(self):
        return "os.terminal_size(columns=%r, lines=%r)" % (self[0], self[1])

    def __reduce__(self):
        return (terminal_size, (tuple(self),))

    columns = property(lambda self: self[0])
    lines = property(lambda self: self[1])


terminal_size.__module__ = "os"


def get_terminal_size(fd=1):
    """The size of the terminal on `fd` (standard output by default), or OSError."""
    import os
    return terminal_size(os._get_terminal_size(fd))


def fdopen(fd, mode="r", buffering=-1, encoding=None, *args, **kwargs):
    """A file object for the open descriptor `fd` (`open(fd, ...)`)."""
    if not isinstance(fd, int):
        raise TypeError("invalid fd type (%s, expected integer)" % type(fd))
    import io
    return io.open(fd, mode, buffering, encoding, *args, **kwargs)


def popen(cmd, mode="r", buffering=-1):
    """A shell command's stdout (mode "r") or stdin (mode "w") as a text stream whose
    `close()` waits for the command and returns None or its wait status."""
    if not isinstance(cmd, str):
        raise TypeError("invalid cmd type (%s, expected string)" % type(cmd))
    if mode not in ("r", "w"):
        raise ValueError("invalid mode %r" % mode)
    if buffering == 0 or buffering is None:
        raise ValueError("popen() does not support unbuffered streams")
    import subprocess
    if mode == "r":
        proc = subprocess.Popen(cmd, shell=True, text=True, bufsize=buffering,
                                stdout=subprocess.PIPE)
        return _wrap_close(proc.stdout, proc)
    proc = subprocess.Popen(cmd, shell=True, text=True, bufsize=buffering,
                            stdin=subprocess.PIPE)
    return _wrap_close(proc.stdin, proc)


class _wrap_close:
    """`os.popen`'s stream: the pipe's file object, whose closing also reaps the child."""
    __module__ = "os"

    def __init__(self, stream, proc):
        self._stream = stream
        self._proc = proc

    def close(self):
        self._stream.close()
        status = self._proc.wait()
        # POSIX popen reports a wait status: the exit code sits in the high byte.
        return None if status == 0 else status << 8

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __iter__(self):
        return iter(self._stream)


defpath = "/bin:/usr/bin"


def get_exec_path(env=None):
    """The directories a program is looked up in: `env`'s PATH (os.environ's by
    default), else `defpath`."""
    import os
    if env is None:
        env = os.environ
    path = env.get("PATH")
    if path is None:
        path = defpath
    return path.split(os.pathsep)


def fsencode(filename):
    """A path as bytes (str paths in UTF-8, the file system encoding here)."""
    import os
    filename = os.fspath(filename)
    if isinstance(filename, str):
        return filename.encode("utf-8")
    return filename


def fsdecode(filename):
    """A path as str (bytes paths from UTF-8, the file system encoding here)."""
    import os
    filename = os.fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode("utf-8")
    return filename
