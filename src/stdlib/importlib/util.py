"""`importlib.util`: finding modules without importing them, and making modules from
specs."""

import sys
from importlib._bootstrap import (
    module_from_spec,
    spec_from_file_location,
    spec_from_loader,
)

MAGIC_NUMBER = b"\xa7\r\r\n"


def resolve_name(name, package):
    """The absolute name of `name`, resolved against `package` if it is relative."""
    if not name.startswith("."):
        return name
    if not package:
        raise ImportError(f"no package specified for {name!r} (required for relative module names)")
    level = 0
    for character in name:
        if character != ".":
            break
        level += 1
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    rest = name[level:]
    return f"{base}.{rest}" if rest else base


def _find_spec(name, path):
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec(name, path, None)
        if spec is not None:
            return spec
    return None


def find_spec(name, package=None):
    """The spec of the module `name`, or None if no finder finds it. The parent package
    of a submodule is imported first; a module already imported answers with its
    `__spec__`."""
    fullname = resolve_name(name, package) if name.startswith(".") else name
    if fullname in sys.modules:
        module = sys.modules[fullname]
        if module is None:
            return None
        try:
            spec = module.__spec__
        except AttributeError:
            spec = missing = None
        else:
            missing = "None"
        if spec is not None:
            return spec
        if hasattr(module, "__file__") or fullname == "__main__":
            raise ValueError(f"{name}.__spec__ is {missing or 'not set'}")
        # apy's built-in and library modules get no spec when they are created (that
        # would load importlib at every start); their finders make one on request.
    parent_name = fullname.rpartition(".")[0]
    if parent_name:
        parent = __import__(parent_name, fromlist=["__path__"])
        try:
            parent_path = parent.__path__
        except AttributeError as e:
            raise ModuleNotFoundError(
                f"__path__ attribute not found on {parent_name!r} "
                f"while trying to find {fullname!r}", name=fullname) from e
    else:
        parent_path = None
    return _find_spec(fullname, parent_path)


def source_hash(source_bytes):
    return hash(source_bytes).to_bytes(8, "little", signed=True)
