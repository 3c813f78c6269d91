"""`tempfile`: temporary directories and files with unguessable names (the common
parts: `gettempdir`, `mkdtemp`, `mkstemp`, `NamedTemporaryFile`,
`TemporaryDirectory`).

Not provided: `SpooledTemporaryFile`, the bytes forms (`gettempdirb`,
`gettempprefixb`), and `mktemp`."""

import os

template = "tmp"
_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_tempdir = None


def _random_name():
    data = os.urandom(8)
    return "".join(_CHARACTERS[b % len(_CHARACTERS)] for b in data)


def gettempdir():
    """The directory temporary files go in: $TMPDIR, $TEMP or $TMP, else /tmp."""
    global _tempdir
    if _tempdir is None:
        for name in ("TMPDIR", "TEMP", "TMP"):
            value = os.getenv(name)
            if value and os.path.isdir(value):
                _tempdir = os.path.abspath(value)
                break
        else:
            _tempdir = "/tmp"
    return _tempdir


def _names(suffix, prefix, dir):
    suffix = "" if suffix is None else suffix
    prefix = template if prefix is None else prefix
    dir = gettempdir() if dir is None else dir
    for _ in range(10000):
        yield os.path.join(dir, prefix + _random_name() + suffix)
    raise FileExistsError("No usable temporary file name found")


def mkdtemp(suffix=None, prefix=None, dir=None):
    """Creates a new directory and returns its absolute path."""
    for name in _names(suffix, prefix, dir):
        try:
            os.mkdir(name, 0o700)
        except FileExistsError:
            continue
        return os.path.abspath(name)


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    """Creates and opens a new file only this user can read and write; returns
    (fd, absolute path). The caller closes and removes it."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
    for name in _names(suffix, prefix, dir):
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        return fd, os.path.abspath(name)


def gettempprefix():
    """The default prefix of temporary names."""
    return template


class TemporaryDirectory:
    """A directory removed (with everything in it) when the context ends."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors

    def __repr__(self):
        return f"<{self.__class__.__name__} {self.name!r}>"

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        import shutil

        if os.path.exists(self.name):
            shutil.rmtree(self.name, ignore_errors=self._ignore_cleanup_errors)


class _TemporaryFileWrapper:
    """A file whose `name` is its path, deleted when closed (if `delete`)."""

    def __init__(self, file, name, delete):
        self.file = file
        self.name = name
        self.delete = delete

    def __getattr__(self, name):
        return getattr(self.file, name)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        self.close()

    def __iter__(self):
        return iter(self.file)

    def close(self):
        self.file.close()
        if self.delete and os.path.exists(self.name):
            os.remove(self.name)


def NamedTemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None,
                       suffix=None, prefix=None, dir=None, delete=True, *, errors=None):
    for name in _names(suffix, prefix, dir):
        if os.path.exists(name):
            continue
        file = open(name, mode.replace("w", "x", 1) if "w" in mode else mode,
                    encoding=encoding, errors=errors)
        return _TemporaryFileWrapper(file, name, delete)


TemporaryFile = NamedTemporaryFile
