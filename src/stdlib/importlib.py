"""`importlib`: the import system as functions (the parts apy has so far)."""

import sys


def import_module(name, package=None):
    """The module `name`, imported if it is not yet; a relative name (`.mod`) is
    resolved against `package`."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError(
                "the 'package' argument is required to perform a relative "
                f"import for {name!r}"
            )
        level = len(name) - len(name.lstrip("."))
        bits = package.rsplit(".", level - 1)
        if len(bits) < level:
            raise ImportError("attempted relative import beyond top-level package")
        rest = name[level:]
        name = f"{bits[0]}.{rest}" if rest else bits[0]
    __import__(name)
    return sys.modules[name]


def invalidate_caches():
    """apy keeps no finder caches: nothing to clear."""
