"""`glob`: the paths matching a shell-style pattern (`*.py`, `src/**/*.rs` with
`recursive=True`). Names starting with a dot match only a pattern that starts with one,
unless `include_hidden` is true."""

import os
import fnmatch

__all__ = ["escape", "glob", "iglob"]

_MAGIC = frozenset("*?[")


def has_magic(s):
    if isinstance(s, bytes):
        return any(chr(b) in _MAGIC for b in s)
    return any(c in _MAGIC for c in s)


def escape(pathname):
    """`pathname` with its wildcards made literal."""
    drive, rest = "", pathname
    out = []
    for c in rest:
        out.append(f"[{c}]" if c in _MAGIC else c)
    return drive + "".join(out)


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """The list of paths matching `pathname`."""
    return list(iglob(pathname, root_dir=root_dir, dir_fd=dir_fd, recursive=recursive,
                      include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """An iterator of the paths matching `pathname`."""
    pathname = os.fspath(pathname)
    base = os.fspath(root_dir) if root_dir is not None else None
    for path in _glob(pathname, base, recursive, include_hidden):
        if recursive and pathname.endswith("**") and path == "":
            continue
        yield path


def _exists(base, path):
    return os.path.lexists(_join(base, path)) if hasattr(os.path, "lexists") else \
        os.path.exists(_join(base, path))


def _isdir(base, path):
    return os.path.isdir(_join(base, path))


def _join(base, path):
    if base is None or os.path.isabs(path):
        return path or "."
    return os.path.join(base, path) if path else base


def _listdir(base, dirname, hidden):
    try:
        names = os.listdir(_join(base, dirname))
    except OSError:
        return []
    if not hidden:
        names = [n for n in names if not n.startswith(".")]
    return names


def _glob(pathname, base, recursive, hidden):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            if _exists(base, pathname):
                yield pathname
        elif _isdir(base, dirname):
            yield pathname
        return
    if not dirname:
        if recursive and basename == "**":
            yield from _glob_recursive(base, "", hidden)
        else:
            yield from _glob_one(base, "", basename, hidden)
        return
    if dirname != pathname and has_magic(dirname):
        dirs = _glob(dirname, base, recursive, hidden)
    else:
        dirs = [dirname]
    for d in dirs:
        if recursive and basename == "**":
            names = _glob_recursive(base, d, hidden)
        elif has_magic(basename):
            names = _glob_one(base, d, basename, hidden)
        else:
            names = [basename] if (_isdir(base, d) if not basename else
                                   _exists(base, os.path.join(d, basename))) else []
        for name in names:
            yield os.path.join(d, name)


def _glob_one(base, dirname, pattern, hidden):
    names = _listdir(base, dirname, hidden or pattern.startswith("."))
    if not pattern.startswith(".") and not hidden:
        names = [n for n in names if not n.startswith(".")]
    return fnmatch.filter(names, pattern)


def _glob_recursive(base, dirname, hidden):
    yield ""
    stack = [""]
    while stack:
        rel = stack.pop(0)
        for name in _listdir(base, os.path.join(dirname, rel) if rel else dirname, hidden):
            path = os.path.join(rel, name) if rel else name
            yield path
            if _isdir(base, os.path.join(dirname, path) if dirname else path) and \
                    not os.path.islink(_join(base, os.path.join(dirname, path) if dirname else path)):
                stack.append(path)
