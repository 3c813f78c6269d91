"""`importlib.machinery`: the finders, loaders and spec type the import system uses."""

import sys
from importlib._bootstrap import ModuleSpec, SourceFileLoader

BuiltinImporter, FrozenImporter, PathFinder = sys.meta_path[:3] if len(sys.meta_path) >= 3 else (None, None, None)
for _finder in sys.meta_path:
    _name = getattr(_finder, "__name__", "")
    if _name == "BuiltinImporter":
        BuiltinImporter = _finder
    elif _name == "FrozenImporter":
        FrozenImporter = _finder
    elif _name == "PathFinder":
        PathFinder = _finder
del _finder, _name

SOURCE_SUFFIXES = [".py"]
BYTECODE_SUFFIXES = [".pyc"]
DEBUG_BYTECODE_SUFFIXES = [".pyc"]
OPTIMIZED_BYTECODE_SUFFIXES = [".pyc"]
EXTENSION_SUFFIXES = []


def all_suffixes():
    """Every file suffix a module can be loaded from."""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES
