"""`pathlib`: object-oriented paths, the POSIX flavour and its common operations
(after CPython's pathlib; no Windows paths, no `glob` beyond one directory level)."""

import os


def _split(args):
    """The root ('', '/' or '//') and the parts of the path the arguments join to."""
    root = ""
    parts = []
    for arg in args:
        if isinstance(arg, PurePath):
            text = str(arg)
        else:
            text = os.fspath(arg)
            if not isinstance(text, str):
                raise TypeError(
                    "argument should be a str or an os.PathLike object where "
                    f"__fspath__ returns a str, not {type(text).__name__!r}"
                )
        if text.startswith("/"):
            root = "//" if text.startswith("//") and not text.startswith("///") else "/"
            parts = []
        for part in text.split("/"):
            if part and part != ".":
                parts.append(part)
    return root, parts


class PurePath:
    """A path that does no I/O: joining, splitting, naming."""

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        return cls._from_parts(args)

    @classmethod
    def _from_parts(cls, args):
        self = object.__new__(cls)
        self._root, self._tail = _split(args)
        return self

    def _make(self, root, tail):
        new = object.__new__(type(self))
        new._root = root
        new._tail = tail
        return new

    def __str__(self):
        return (self._root + "/".join(self._tail)) or "."

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __repr__(self):
        return f"{type(self).__name__}({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts <= other.parts

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts > other.parts

    def __ge__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts >= other.parts

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return type(self)(self, *args)

    @property
    def parts(self):
        return ((self._root,) if self._root else ()) + tuple(self._tail)

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def drive(self):
        return ""

    @property
    def name(self):
        return self._tail[-1] if self._tail else ""

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        return name[i:] if 0 < i < len(name) - 1 else ""

    @property
    def suffixes(self):
        name = self.name
        if name.endswith("."):
            return []
        name = name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind(".")
        return name[:i] if 0 < i < len(name) - 1 else name

    @property
    def parent(self):
        if not self._tail:
            return self
        return self._make(self._root, self._tail[:-1])

    @property
    def parents(self):
        return _Parents(self)

    def is_absolute(self):
        return bool(self._root)

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def relative_to(self, *other):
        base = type(self)(*other)
        n = len(base.parts)
        if self.parts[:n] != base.parts or (base._root != self._root):
            raise ValueError(
                f"{str(self)!r} is not in the subpath of {str(base)!r} OR one path "
                "is relative and the other is absolute."
            )
        return self._make("", list(self.parts[n:]))

    def with_name(self, name):
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        if not name or "/" in name or name == ".":
            raise ValueError(f"Invalid name {name!r}")
        return self._make(self._root, self._tail[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if "/" in suffix or (suffix and not suffix.startswith(".")) or suffix == ".":
            raise ValueError(f"Invalid suffix {suffix!r}")
        name = self.name
        if not name:
            raise ValueError(f"{self!r} has an empty name")
        old = self.suffix
        name = name[: len(name) - len(old)] + suffix if old else name + suffix
        return self._make(self._root, self._tail[:-1] + [name])

    def match(self, pattern):
        pattern_parts = [p for p in pattern.split("/") if p]
        if not pattern_parts:
            raise ValueError("empty pattern")
        parts = self.parts
        if pattern.startswith("/"):
            if not self._root or len(pattern_parts) + 1 != len(parts):
                return False
            parts = parts[1:]
        elif len(pattern_parts) > len(parts):
            return False
        for part, pat in zip(reversed(parts), reversed(pattern_parts)):
            if not _fnmatch(part, pat):
                return False
        return True


class PurePosixPath(PurePath):
    pass


class _Parents:
    """The sequence of a path's ancestors, nearest first (`path.parents`)."""

    def __init__(self, path):
        self._path = path
        found = []
        while path._tail:
            path = path.parent
            found.append(path)
        self._found = found

    def __len__(self):
        return len(self._found)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self._found[index])
        if index < 0:
            index += len(self._found)
        if not 0 <= index < len(self._found):
            raise IndexError(index)
        return self._found[index]

    def __iter__(self):
        return iter(self._found)

    def __repr__(self):
        return f"<{type(self._path).__name__}.parents>"


def _fnmatch(name, pattern):
    """Shell-style matching of one name: `*`, `?` and `[...]`."""
    i = j = 0
    star_i = star_j = -1
    while i < len(name):
        if j < len(pattern) and pattern[j] == "[":
            end = pattern.find("]", j + 1)
            if end > j and name[i] in pattern[j + 1:end]:
                i += 1
                j = end + 1
                continue
        if j < len(pattern) and (pattern[j] == "?" or pattern[j] == name[i]) and pattern[j] != "[":
            i += 1
            j += 1
        elif j < len(pattern) and pattern[j] == "*":
            star_i, star_j = i, j
            j += 1
        elif star_j >= 0:
            star_i += 1
            i, j = star_i, star_j + 1
        else:
            return False
    while j < len(pattern) and pattern[j] == "*":
        j += 1
    return j == len(pattern)


class Path(PurePath):
    """A path on this system, with the file-system operations."""

    def __new__(cls, *args):
        if cls is Path:
            cls = PosixPath
        return cls._from_parts(args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser("~"))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        return type(self)(os.path.normpath(str(self.absolute())))

    def expanduser(self):
        return type(self)(os.path.expanduser(str(self)))

    def exists(self):
        return os.path.exists(self)

    def is_file(self):
        return os.path.isfile(self)

    def is_dir(self):
        return os.path.isdir(self)

    def is_symlink(self):
        return os.path.islink(self)

    def iterdir(self):
        for name in os.listdir(self):
            yield self / name

    def glob(self, pattern):
        for name in sorted(os.listdir(self)):
            if _fnmatch(name, pattern):
                yield self / name

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if parents:
            os.makedirs(self, exist_ok=exist_ok)
            return
        try:
            os.mkdir(self)
        except FileExistsError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        os.rmdir(self)

    def unlink(self, missing_ok=False):
        try:
            os.remove(self)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rename(self, target):
        os.rename(self, target)
        return type(self)(target)

    def replace(self, target):
        return self.rename(target)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(f"[Errno 17] File exists: {str(self)!r}")
            return
        with open(self, "a"):
            pass

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return open(self, mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with open(self, encoding=encoding, errors=errors) as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not %s" % data.__class__.__name__)
        with open(self, "w", encoding=encoding, errors=errors) as f:
            return f.write(data)

    def read_bytes(self):
        with open(self, "rb") as f:
            return f.read()

    def write_bytes(self, data):
        with open(self, "wb") as f:
            return f.write(bytes(data))

    def stat(self):
        raise NotImplementedError("apy has no os.stat yet")


class PosixPath(Path, PurePosixPath):
    pass
