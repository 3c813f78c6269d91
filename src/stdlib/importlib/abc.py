"""`importlib.abc`: the base classes of finders and loaders a program writes itself
(put a `MetaPathFinder` on `sys.meta_path` to take part in every import)."""

from abc import ABC, abstractmethod


class MetaPathFinder(ABC):
    """A finder on `sys.meta_path`: `find_spec(fullname, path, target=None)` returns a
    `ModuleSpec`, or None to let the next finder try."""

    def find_spec(self, fullname, path, target=None):
        return None

    def invalidate_caches(self):
        pass


class PathEntryFinder(ABC):
    """A finder for one entry of `sys.path`."""

    def find_spec(self, fullname, target=None):
        return None

    def invalidate_caches(self):
        pass


class Loader(ABC):
    """Creates and executes modules: `create_module(spec)` (None for a plain module)
    and `exec_module(module)`."""

    def create_module(self, spec):
        return None

    def load_module(self, fullname):
        if not hasattr(self, "exec_module"):
            raise ImportError
        from importlib._bootstrap import _load, spec_from_loader
        return _load(spec_from_loader(fullname, self))


class ResourceLoader(Loader):
    @abstractmethod
    def get_data(self, path):
        raise OSError


class InspectLoader(Loader):
    """A loader that can give a module's source and code."""

    def is_package(self, fullname):
        raise ImportError

    def get_code(self, fullname):
        source = self.get_source(fullname)
        if source is None:
            return None
        return self.source_to_code(source)

    @abstractmethod
    def get_source(self, fullname):
        raise ImportError

    @staticmethod
    def source_to_code(data, path="<string>"):
        return compile(data, path, "exec", dont_inherit=True)

    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError(f"cannot load module {module.__name__!r} when get_code() returns None")
        exec(code, module.__dict__)


class ExecutionLoader(InspectLoader):
    @abstractmethod
    def get_filename(self, fullname):
        raise ImportError


class FileLoader(ResourceLoader, ExecutionLoader):
    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def get_filename(self, fullname=None):
        return self.path

    def get_data(self, path):
        with open(path, "rb") as f:
            return f.read()


class SourceLoader(ResourceLoader, ExecutionLoader):
    def get_source(self, fullname):
        return self.get_data(self.get_filename(fullname)).decode("utf-8")
