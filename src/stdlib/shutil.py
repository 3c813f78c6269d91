"""`shutil`: copying, moving and removing files and trees, `which` and
`get_terminal_size` (the common parts).

Not provided: archives (`make_archive`, `unpack_archive`), `disk_usage`, `chown`,
`copymode`/`copystat` metadata copies beyond what `copy2` does here, and `ignore`
patterns for `copytree`."""

import os


class Error(OSError):
    pass


def copyfileobj(fsrc, fdst, length=64 * 1024):
    while True:
        buf = fsrc.read(length)
        if not buf:
            break
        fdst.write(buf)


def copyfile(src, dst, *, follow_symlinks=True):
    if os.path.abspath(src) == os.path.abspath(dst):
        raise SameFileError(f"{src!r} and {dst!r} are the same file")
    with open(src, "rb") as fsrc, open(dst, "wb") as fdst:
        copyfileobj(fsrc, fdst)
    return dst


class SameFileError(Error):
    pass


def copy(src, dst, *, follow_symlinks=True):
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src))
    copyfile(src, dst)
    return dst


copy2 = copy


def copytree(src, dst, dirs_exist_ok=False):
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    for name in os.listdir(src):
        s = os.path.join(src, name)
        d = os.path.join(dst, name)
        if os.path.isdir(s):
            copytree(s, d, dirs_exist_ok)
        else:
            copyfile(s, d)
    return dst


def rmtree(path, ignore_errors=False, onerror=None):
    """Removes a directory tree, deepest entries first."""
    try:
        if os.path.islink(path):
            raise OSError("Cannot call rmtree on a symbolic link")
        walked = list(os.walk(path, topdown=False))
    except OSError as error:
        if ignore_errors:
            return
        if onerror is not None:
            onerror(os.path.islink, path, error)
            return
        raise
    if not walked and not ignore_errors:
        os.listdir(path)
    for dirpath, dirnames, filenames in walked:
        for name in filenames:
            _remove(os.remove, os.path.join(dirpath, name), ignore_errors, onerror)
        _remove(os.rmdir, dirpath, ignore_errors, onerror)


def _remove(func, path, ignore_errors, onerror):
    try:
        func(path)
    except OSError as error:
        if ignore_errors:
            return
        if onerror is not None:
            onerror(func, path, error)
            return
        raise


def move(src, dst):
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src.rstrip("/")))
    os.rename(src, dst)
    return dst


def which(cmd, mode=os.F_OK | os.X_OK, path=None):
    """The path of the executable `cmd` would run as, searching `path` (os.environ's
    PATH by default); None when there is none."""
    def runnable(fn):
        return os.path.exists(fn) and os.access(fn, mode) and not os.path.isdir(fn)

    if os.path.dirname(cmd):
        return cmd if runnable(cmd) else None
    use_bytes = isinstance(cmd, bytes)
    if path is None:
        path = os.environ.get("PATH", None)
        if path is None:
            try:
                path = os.confstr("CS_PATH")
            except (AttributeError, ValueError):
                path = os.defpath
    if not path:
        return None
    if use_bytes:
        path = os.fsencode(path)
        path = path.split(os.fsencode(os.pathsep))
    else:
        path = os.fsdecode(path)
        path = path.split(os.pathsep)
    seen = set()
    for dir in path:
        normdir = os.path.normcase(dir)
        if normdir not in seen:
            seen.add(normdir)
            name = os.path.join(dir, cmd)
            if runnable(name):
                return name
    return None


def get_terminal_size(fallback=(80, 24)):
    """The terminal's size: $COLUMNS and $LINES where set, else what the terminal on
    standard output says, else `fallback`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(1)
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        if columns <= 0:
            columns = size.columns or fallback[0]
        if lines <= 0:
            lines = size.lines or fallback[1]
    return os.terminal_size((columns, lines))
