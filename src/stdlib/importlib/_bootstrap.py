"""The import system's objects: module specs, the loaders apy's finders hand out, and
loading a module from a spec (what the `import` statement does when a finder a program
put on `sys.meta_path` finds the module). The finders themselves
(`sys.meta_path`'s `BuiltinImporter`, `FrozenImporter` and `PathFinder`) are native:
they share the interpreter's own search."""

import sys


class ModuleSpec:
    """What a finder found: the module's name, its loader and where it comes from."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = [f"name={self.name!r}", f"loader={self.loader!r}"]
        if self.origin is not None:
            args.append(f"origin={self.origin!r}")
        if self.submodule_search_locations is not None:
            args.append(f"submodule_search_locations={self.submodule_search_locations}")
        return f"{type(self).__name__}({', '.join(args)})"

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name
                    and self.loader == other.loader
                    and self.origin == other.origin
                    and smsl == other.submodule_search_locations
                    and self.cached == other.cached
                    and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        """The package the module is in ('' for a top-level module)."""
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


class BuiltinLoader:
    """Loads the modules compiled into apy (Rust modules and the frozen library): the
    interpreter creates them; there is nothing left to execute."""

    @staticmethod
    def create_module(spec):
        __import__(spec.name)
        return sys.modules[spec.name]

    @staticmethod
    def exec_module(module):
        pass


class SourceFileLoader:
    """Loads a module from its `.py` (or `.apy`) source file."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return (type(self) is type(other) and self.name == other.name
                and self.path == other.path)

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} object at {id(self):#x}>"

    def create_module(self, spec):
        return None

    def get_filename(self, fullname=None):
        return self.path

    def get_data(self, path):
        with open(path, "rb") as f:
            return f.read()

    def get_source(self, fullname=None):
        return self.get_data(self.path).decode("utf-8")

    def get_code(self, fullname=None):
        return compile(self.get_data(self.path), self.path, "exec", dont_inherit=True)

    def is_package(self, fullname=None):
        filename = self.path.rpartition("/")[2]
        return filename.rpartition(".")[0] == "__init__"

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)

    def load_module(self, fullname=None):
        return _load(spec_from_file_location(fullname or self.name, self.path, loader=self))


ModuleSpec.__module__ = "_frozen_importlib"
SourceFileLoader.__module__ = "_frozen_importlib_external"


def spec_from_file_location(name, location=None, *, loader=None,
                            submodule_search_locations=None):
    """A spec for the module `name` whose source is the file `location`."""
    if location is None:
        return None
    location = str(location) if not isinstance(location, str) else location
    if loader is None:
        loader = SourceFileLoader(name, location)
    spec = ModuleSpec(name, loader, origin=location)
    spec._set_fileattr = True
    if submodule_search_locations is None:
        is_package = getattr(loader, "is_package", None)
        if is_package is not None:
            try:
                if is_package(name):
                    spec.submodule_search_locations = []
            except ImportError:
                pass
    else:
        spec.submodule_search_locations = list(submodule_search_locations)
    if spec.submodule_search_locations == []:
        directory = location.rpartition("/")[0]
        if directory:
            spec.submodule_search_locations.append(directory)
    return spec


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    """A spec for `name` from its loader (asking the loader whether it is a package)."""
    if origin is None:
        origin = getattr(loader, "_ORIGIN", None)
    if not origin and hasattr(loader, "get_filename"):
        try:
            location = loader.get_filename(name)
        except ImportError:
            location = None
        if location is not None:
            return spec_from_file_location(name, location, loader=loader)
    if is_package is None and hasattr(loader, "is_package"):
        try:
            is_package = loader.is_package(name)
        except ImportError:
            is_package = None
    return ModuleSpec(name, loader, origin=origin, is_package=bool(is_package))


def _init_module_attrs(spec, module):
    """The module attributes a spec determines (those not already set)."""
    if getattr(module, "__name__", None) is None:
        module.__name__ = spec.name
    if getattr(module, "__loader__", None) is None:
        module.__loader__ = spec.loader
    if getattr(module, "__package__", None) is None:
        module.__package__ = spec.parent
    module.__spec__ = spec
    if spec.submodule_search_locations is not None and getattr(module, "__path__", None) is None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location and getattr(module, "__file__", None) is None:
        module.__file__ = spec.origin
    return module


def module_from_spec(spec):
    """A new module for `spec`, from its loader's `create_module` or a plain module."""
    module = None
    if hasattr(spec.loader, "create_module"):
        module = spec.loader.create_module(spec)
    elif hasattr(spec.loader, "exec_module"):
        raise ImportError("loaders that define exec_module() must also define create_module()")
    if module is None:
        module = type(sys)(spec.name)
    return _init_module_attrs(spec, module)


def _load(spec):
    """Loads the module `spec` describes, as the `import` statement does: registered in
    `sys.modules` before its code runs, taken out again if that fails."""
    name = spec.name
    if spec.loader is None:
        if spec.submodule_search_locations is None:
            raise ImportError("missing loader", name=name)
    elif not hasattr(spec.loader, "exec_module"):
        module = spec.loader.load_module(name)
        return sys.modules.get(name, module)
    module = module_from_spec(spec)
    sys.modules[name] = module
    try:
        if spec.loader is not None:
            spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return sys.modules.get(name, module)
