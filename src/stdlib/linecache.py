"""`linecache`: read lines of source files, keeping them cached.

Tracebacks and logging ask for one line of a source file at a time; reading
the whole file once and keeping its lines in `cache` makes that cheap. Each
entry is `(size, mtime, lines, fullname)` as in CPython, so `checkcache` can
drop entries whose file changed on disk. A "lazy" entry is a 1-tuple holding
a function that returns the source (set up by `lazycache` from a module's
`__loader__.get_source`), read only when a line is first asked for.

Names are looked up as given, then relative to each directory of `sys.path`
(for relative names), as CPython does. Files are read as UTF-8 text; apy has
no `tokenize`, so a PEP 263 coding cookie other than UTF-8 is not honoured.

Not provided: coding-cookie detection (`tokenize.open`), reading sources out of
zip imports other than through a loader's `get_source`.
"""

import sys as _sys
import os as _os

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname), or (get_source_function,) when lazy.
cache = {}


def clearcache():
    """Clear the cache entirely."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Get line `lineno` from file `filename`; return '' when there is no such line."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def getlines(filename, module_globals=None):
    """Get the lines of a file from the cache, reading the file if needed."""
    entry = cache.get(filename)
    if entry is not None and len(entry) != 1:
        return entry[2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def checkcache(filename=None):
    """Discard cache entries whose file changed (or vanished) since it was read."""
    if filename is None:
        names = list(cache)
    elif filename in cache:
        names = [filename]
    else:
        return
    for name in names:
        entry = cache.get(name)
        # Lazy entries and sources with no file behind them (mtime None) stay.
        if entry is None or len(entry) == 1:
            continue
        size, mtime, lines, fullname = entry
        if mtime is None:
            continue
        try:
            st = _os.stat(fullname)
        except OSError:
            cache.pop(name, None)
            continue
        if size != st.st_size or mtime != st.st_mtime:
            cache.pop(name, None)


def _lazy_source(filename, module_globals):
    # Returns a zero-argument function giving the module's source, or None.
    if not module_globals or '__name__' not in module_globals:
        return None
    spec = module_globals.get('__spec__')
    name = getattr(spec, 'name', None) or module_globals['__name__']
    loader = getattr(spec, 'loader', None)
    if loader is None:
        loader = module_globals.get('__loader__')
    get_source = getattr(loader, 'get_source', None)
    if get_source is None:
        return None
    return lambda: get_source(name)


def updatecache(filename, module_globals=None):
    """(Re)read a file into the cache and return its lines ([] when unreadable)."""
    entry = cache.pop(filename, None)
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []
    fullname = filename
    try:
        st = _os.stat(fullname)
    except OSError:
        basename = filename
        # A loader may know the source of a module that has no file on disk.
        if entry is not None and len(entry) == 1:
            getsrc = entry[0]
        else:
            getsrc = _lazy_source(filename, module_globals)
        if getsrc is not None:
            try:
                data = getsrc()
            except (ImportError, OSError):
                data = None
            if data is None:
                return []
            lines = data.splitlines(True)
            if lines and not lines[-1].endswith('\n'):
                lines[-1] += '\n'
            cache[filename] = (len(data), None, lines, fullname)
            return lines
        if _os.path.isabs(filename):
            return []
        st = None
        for dirname in _sys.path:
            try:
                fullname = _os.path.join(dirname, basename)
            except (TypeError, AttributeError):
                continue
            try:
                st = _os.stat(fullname)
                break
            except (OSError, ValueError):
                pass
        if st is None:
            return []
    try:
        with open(fullname, encoding='utf-8') as fp:
            lines = fp.readlines()
    except (OSError, UnicodeDecodeError, SyntaxError):
        return []
    if lines and not lines[-1].endswith('\n'):
        lines[-1] += '\n'
    cache[filename] = (st.st_size, st.st_mtime, lines, fullname)
    return lines


def lazycache(filename, module_globals):
    """Remember how to get a module's source without reading it yet.

    Returns True when a lazy entry exists for `filename` afterwards.
    """
    if filename in cache:
        return len(cache[filename]) == 1
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return False
    getsrc = _lazy_source(filename, module_globals)
    if getsrc is None:
        return False
    cache[filename] = (getsrc,)
    return True
