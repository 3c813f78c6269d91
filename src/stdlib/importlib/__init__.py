"""`importlib`: the import system as functions: importing by name, reloading, and
clearing finder caches. `importlib.util`, `importlib.machinery` and `importlib.abc` hold
the specs, finders and loaders."""

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


def reload(module):
    """Runs the source of an already imported module again, in the same module object
    (built-in modules are returned as they are)."""
    if not isinstance(module, type(sys)):
        raise TypeError("reload() argument must be a module")
    try:
        name = module.__spec__.name
    except AttributeError:
        name = module.__name__
    if sys.modules.get(name) is not module:
        raise ImportError(f"module {name} not in sys.modules", name=name)
    from importlib import _bootstrap, util
    spec = getattr(module, "__spec__", None)
    if spec is None:
        parent = name.rpartition(".")[0]
        path = sys.modules[parent].__path__ if parent else None
        spec = util._find_spec(name, path)
        if spec is None:
            raise ModuleNotFoundError(f"spec not found for the module {name!r}", name=name)
    loader = spec.loader
    if loader is None or isinstance(loader, type) or isinstance(loader, _bootstrap.BuiltinLoader):
        return module
    loader.exec_module(module)
    return sys.modules[name]
