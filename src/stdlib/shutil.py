"""`shutil`: copying, moving and removing files and trees (the common parts)."""

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
