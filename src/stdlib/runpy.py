"""`runpy`: running a module or a file as a script would run, and getting back its
globals (`python -m` is `run_module(..., run_name="__main__", alter_sys=True)`)."""

import os
import sys
import importlib.util

__all__ = ["run_module", "run_path"]


def _run_code(code, run_globals, init_globals, mod_name, spec, pkg_name, fname):
    if init_globals is not None:
        run_globals.update(init_globals)
    loader = spec.loader if spec is not None else None
    run_globals.update(
        __name__=mod_name,
        __file__=fname,
        __cached__=None,
        __doc__=None,
        __loader__=loader,
        __package__=pkg_name,
        __spec__=spec,
    )
    exec(code, run_globals)
    return run_globals


def _module_details(mod_name, error=ImportError):
    if mod_name.startswith("."):
        raise error("Relative module names not supported")
    pkg_name, _, _ = mod_name.rpartition(".")
    if pkg_name:
        try:
            __import__(pkg_name)
        except ImportError as e:
            if e.name is None or (e.name != pkg_name and not pkg_name.startswith(e.name + ".")):
                raise
            raise error(f"Error while finding module specification for {mod_name!r} "
                        f"({type(e).__name__}: {e})") from e
    try:
        spec = importlib.util.find_spec(mod_name)
    except (ImportError, AttributeError, TypeError, ValueError) as ex:
        msg = "Error while finding module specification for {!r} ({}: {})"
        if mod_name.endswith(".py"):
            msg += f". Try using '{mod_name[:-3]}' instead of '{mod_name}' as the module name."
        raise error(msg.format(mod_name, type(ex).__name__, ex)) from ex
    if spec is None:
        raise error(f"No module named {mod_name}")
    if spec.submodule_search_locations is not None:
        if mod_name == "__main__" or mod_name.endswith(".__main__"):
            raise error("Cannot use package as __main__ module")
        try:
            return _module_details(mod_name + ".__main__", error)
        except error as e:
            if mod_name not in sys.modules:
                raise
            raise error(f"{e}; {mod_name!r} is a package and cannot be directly executed")
    loader = spec.loader
    get_code = getattr(loader, "get_code", None)
    code = get_code(mod_name) if get_code is not None else None
    if code is None:
        raise error(f"No code object available for {mod_name}")
    return mod_name, spec, code


def run_module(mod_name, init_globals=None, run_name=None, alter_sys=False):
    """Runs the module `mod_name` (found as `import` finds it, not imported) and returns
    its globals; with `alter_sys`, `sys.argv[0]` and `sys.modules[run_name]` are the
    module's while it runs."""
    mod_name, spec, code = _module_details(mod_name)
    if run_name is None:
        run_name = mod_name
    pkg_name = mod_name.rpartition(".")[0]
    fname = spec.origin
    if not alter_sys:
        return _run_code(code, {}, init_globals, run_name, spec, pkg_name, fname)
    module = type(sys)(run_name)
    saved_argv0 = sys.argv[0] if sys.argv else None
    saved_module = sys.modules.get(run_name)
    sys.modules[run_name] = module
    if sys.argv:
        sys.argv[0] = fname
    try:
        _run_code(code, module.__dict__, init_globals, run_name, spec, pkg_name, fname)
    finally:
        if sys.argv and saved_argv0 is not None:
            sys.argv[0] = saved_argv0
        if saved_module is None:
            sys.modules.pop(run_name, None)
        else:
            sys.modules[run_name] = saved_module
    return module.__dict__.copy()


def run_path(path_name, init_globals=None, run_name=None):
    """Runs the script at `path_name` (or a directory's `__main__.py`) and returns its
    globals."""
    if run_name is None:
        run_name = "<run_path>"
    path_name = os.fspath(path_name)
    if os.path.isdir(path_name):
        main = os.path.join(path_name, "__main__.py")
        if not os.path.exists(main):
            raise ImportError(f"can't find '__main__' module in {path_name!r}")
        sys.path.insert(0, path_name)
        try:
            return run_path(main, init_globals, run_name)
        finally:
            try:
                sys.path.remove(path_name)
            except ValueError:
                pass
    with open(path_name, "rb") as f:
        source = f.read()
    code = compile(source, path_name, "exec", dont_inherit=True)
    pkg_name = run_name.rpartition(".")[0]
    return _run_code(code, {}, init_globals, run_name, None, pkg_name, path_name)
