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
