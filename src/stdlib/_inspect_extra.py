"""The older and rarer parts of `inspect`, loaded on first use: class trees, the
argument helpers that predate `Signature` (`getargs`, `getargvalues`,
`formatargvalues`, `getcallargs`), `getclosurevars`, `classify_class_attrs`,
`getcomments` and the generator and coroutine locals. `inspect` hands these names
out from its module `__getattr__`; their `__module__` is 'inspect'.
"""

import sys

import inspect as _inspect
from inspect import (_record, iscode, isfunction, ismethod, ismodule, isroutine,
                     isgenerator, getmro, findsource, indentsize, getfullargspec)

Arguments = _record('Arguments', 'args varargs varkw')
ArgInfo = _record('ArgInfo', 'args varargs keywords locals')
ClosureVars = _record('ClosureVars', 'nonlocals globals builtins unbound')
Attribute = _record('Attribute', 'name kind defining_class object')


def walktree(classes, children, parent):
    """The nested list getclasstree() returns, for `classes` (sorted in place by
    module and name) and the `children` map below them."""
    classes.sort(key=lambda c: (c.__module__, c.__name__))
    tree = []
    for cls in classes:
        tree.append((cls, cls.__bases__))
        if cls in children:
            tree.append(walktree(children[cls], children, cls))
    return tree


def getclasstree(classes, unique=False):
    """The classes arranged as a tree of nested lists: each entry a (class, bases)
    pair, followed by a list of the entries for its subclasses among `classes`.
    With `unique`, a class with several listed bases appears under the first."""
    children = {}
    roots = []
    for cls in classes:
        if cls.__bases__:
            for parent in cls.__bases__:
                below = children.setdefault(parent, [])
                if cls not in below:
                    below.append(cls)
                if unique and parent in classes:
                    break
        elif cls not in roots:
            roots.append(cls)
    for parent in children:
        if parent not in classes:
            roots.append(parent)
    return walktree(roots, children, None)


def getargs(co):
    """The argument names of a code object: Arguments(args, varargs, varkw), with
    keyword-only names at the end of args."""
    if not iscode(co):
        raise TypeError(f'{co!r} is not a code object')
    names = co.co_varnames
    count = co.co_argcount + co.co_kwonlyargcount
    args = list(names[:count])
    varargs = varkw = None
    if co.co_flags & _inspect.CO_VARARGS:
        varargs = names[count]
        count += 1
    if co.co_flags & _inspect.CO_VARKEYWORDS:
        varkw = names[count]
    return Arguments(args, varargs, varkw)


def getargvalues(frame):
    """The arguments of the call a frame is running: ArgInfo(args, varargs, varkw,
    locals)."""
    args, varargs, varkw = getargs(frame.f_code)
    return ArgInfo(args, varargs, varkw, frame.f_locals)


def formatargvalues(args, varargs, varkw, locals, formatarg=str,
                    formatvarargs=lambda name: '*' + name,
                    formatvarkw=lambda name: '**' + name,
                    formatvalue=lambda value: '=' + repr(value)):
    """The getargvalues() result as text: '(a=1, *rest=(), **kw={})'."""
    specs = [formatarg(name) + formatvalue(locals[name]) for name in args]
    if varargs:
        specs.append(formatvarargs(varargs) + formatvalue(locals[varargs]))
    if varkw:
        specs.append(formatvarkw(varkw) + formatvalue(locals[varkw]))
    return '(' + ', '.join(specs) + ')'


def _missing_arguments(f_name, argnames, positional, values):
    names = [repr(name) for name in argnames if name not in values]
    count = len(names)
    if count == 1:
        listed = names[0]
    elif count == 2:
        listed = f'{names[0]} and {names[1]}'
    else:
        listed = ', '.join(names[:-2]) + f', {names[-2]} and {names[-1]}'
    kind = 'positional' if positional else 'keyword-only'
    plural = '' if count == 1 else 's'
    raise TypeError(f'{f_name}() missing {count} required {kind} argument{plural}: '
                    f'{listed}')


def _too_many(f_name, args, kwonly, varargs, defcount, given, values):
    least = len(args) - defcount
    kwonly_given = len([arg for arg in kwonly if arg in values])
    if varargs:
        plural = least != 1
        takes = f'at least {least}'
    elif defcount:
        plural = True
        takes = f'from {least} to {len(args)}'
    else:
        plural = len(args) != 1
        takes = str(len(args))
    kwonly_text = ''
    if kwonly_given:
        kwonly_text = (f" positional argument{'s' if given != 1 else ''} "
                       f"(and {kwonly_given} keyword-only argument"
                       f"{'s' if kwonly_given != 1 else ''})")
    verb = 'was' if given == 1 and not kwonly_given else 'were'
    raise TypeError(f"{f_name}() takes {takes} positional argument"
                    f"{'s' if plural else ''} but {given}{kwonly_text} {verb} given")


def getcallargs(func, /, *positional, **named):
    """The dict of parameter names to values that calling func(*positional,
    **named) would bind, with the TypeError the call would raise (deprecated in
    favour of Signature.bind)."""
    args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults, _ = getfullargspec(func)
    f_name = func.__name__
    values = {}
    if ismethod(func) and func.__self__ is not None:
        positional = (func.__self__,) + positional
    given = len(positional)
    count = len(args)
    defcount = len(defaults) if defaults else 0
    bound = min(given, count)
    for name, value in zip(args[:bound], positional):
        values[name] = value
    if varargs:
        values[varargs] = tuple(positional[bound:])
    accepted = set(args + kwonlyargs)
    if varkw:
        values[varkw] = {}
    for name, value in named.items():
        if name not in accepted:
            if not varkw:
                raise TypeError(f'{f_name}() got an unexpected keyword argument {name!r}')
            values[varkw][name] = value
            continue
        if name in values:
            raise TypeError(f'{f_name}() got multiple values for argument {name!r}')
        values[name] = value
    if given > count and not varargs:
        _too_many(f_name, args, kwonlyargs, varargs, defcount, given, values)
    if given < count:
        required = args[:count - defcount]
        for name in required:
            if name not in values:
                _missing_arguments(f_name, required, True, values)
        for index, name in enumerate(args[count - defcount:]):
            if name not in values:
                values[name] = defaults[index]
    missing = False
    for name in kwonlyargs:
        if name not in values:
            if kwonlydefaults and name in kwonlydefaults:
                values[name] = kwonlydefaults[name]
            else:
                missing = True
    if missing:
        _missing_arguments(f_name, kwonlyargs, False, values)
    return values


def getclosurevars(func):
    """The names a function refers to, resolved: ClosureVars(nonlocals, globals,
    builtins, unbound), the last a set of names found nowhere (attribute names
    among them, which the code object lists with the global ones)."""
    if ismethod(func):
        func = func.__func__
    if not isfunction(func):
        raise TypeError(f'{func!r} is not a Python function')
    code = func.__code__
    if func.__closure__ is None:
        nonlocal_vars = {}
    else:
        nonlocal_vars = {name: cell.cell_contents
                         for name, cell in zip(code.co_freevars, func.__closure__)}
    global_ns = func.__globals__
    builtin_ns = global_ns.get('__builtins__', sys.modules['builtins'].__dict__)
    if ismodule(builtin_ns):
        builtin_ns = builtin_ns.__dict__
    global_vars = {}
    builtin_vars = {}
    unbound = set()
    for name in code.co_names:
        if name in ('None', 'True', 'False'):
            continue
        if name in global_ns:
            global_vars[name] = global_ns[name]
        elif name in builtin_ns:
            builtin_vars[name] = builtin_ns[name]
        else:
            unbound.add(name)
    return ClosureVars(nonlocal_vars, global_vars, builtin_vars, unbound)


def classify_class_attrs(cls):
    """Attribute(name, kind, defining_class, object) for each name in dir(cls);
    kind is 'class method', 'static method', 'property', 'method' or 'data', and
    object is the raw class-dict entry for the first three."""
    from types import BuiltinMethodType
    from _types_extra import ClassMethodDescriptorType, DynamicClassAttribute
    mro = getmro(cls)
    metamro = tuple(c for c in getmro(type(cls)) if c not in (type, object))
    class_bases = (cls,) + mro
    all_bases = class_bases + metamro
    names = dir(cls)
    for base in mro:
        for key, value in base.__dict__.items():
            if isinstance(value, DynamicClassAttribute) and value.fget is not None:
                names.append(key)
    result = []
    processed = set()
    for name in names:
        homecls = None
        get_obj = None
        dict_obj = None
        if name not in processed:
            try:
                if name == '__dict__':
                    raise Exception("__dict__ is special, don't want the proxy")
                get_obj = getattr(cls, name)
            except Exception:
                pass
            else:
                homecls = getattr(get_obj, '__objclass__', homecls)
                if homecls not in class_bases:
                    # Not from a class in the MRO: the last class or metaclass
                    # that gives this very object is where it comes from.
                    homecls = None
                    last_cls = None
                    for candidate in class_bases:
                        if getattr(candidate, name, None) is get_obj:
                            last_cls = candidate
                    for candidate in metamro:
                        try:
                            found = candidate.__getattr__(cls, name)
                        except AttributeError:
                            continue
                        if found is get_obj:
                            last_cls = candidate
                    if last_cls is not None:
                        homecls = last_cls
        for base in all_bases:
            if name in base.__dict__:
                dict_obj = base.__dict__[name]
                if homecls not in metamro:
                    homecls = base
                break
        if homecls is None:
            continue
        obj = get_obj if get_obj is not None else dict_obj
        if isinstance(dict_obj, (staticmethod, BuiltinMethodType)):
            kind = 'static method'
            obj = dict_obj
        elif isinstance(dict_obj, (classmethod, ClassMethodDescriptorType)):
            kind = 'class method'
            obj = dict_obj
        elif isinstance(dict_obj, property):
            kind = 'property'
            obj = dict_obj
        elif isroutine(obj):
            kind = 'method'
        else:
            kind = 'data'
        result.append(Attribute(name, kind, homecls, obj))
        processed.add(name)
    return result


def getcomments(object):
    """The comment lines right above the object's source (or, for a module, the
    comment block at the top of its file), or None."""
    try:
        lines, lnum = findsource(object)
    except (OSError, TypeError):
        return None
    if ismodule(object):
        start = 1 if lines and lines[0][:2] == '#!' else 0
        while start < len(lines) and lines[start].strip() in ('', '#'):
            start += 1
        if start < len(lines) and lines[start][:1] == '#':
            comments = []
            end = start
            while end < len(lines) and lines[end][:1] == '#':
                comments.append(lines[end].expandtabs())
                end += 1
            return ''.join(comments)
        return None
    if lnum <= 0:
        return None
    indent = indentsize(lines[lnum])
    end = lnum - 1
    if not (lines[end].lstrip()[:1] == '#' and indentsize(lines[end]) == indent):
        return None
    comments = []
    while end >= 0:
        comment = lines[end].expandtabs().lstrip()
        if comment[:1] != '#' or indentsize(lines[end]) != indent:
            break
        comments.insert(0, comment)
        end -= 1
    while comments and comments[0].strip() == '#':
        del comments[0]
    while comments and comments[-1].strip() == '#':
        del comments[-1]
    return ''.join(comments)


def getgeneratorlocals(generator):
    """The local variables of a generator's suspended frame ({} once it is done)."""
    if not isgenerator(generator):
        raise TypeError(f'{generator!r} is not a Python generator')
    frame = getattr(generator, 'gi_frame', None)
    return frame.f_locals if frame is not None else {}


def getcoroutinelocals(coroutine):
    """The local variables of a coroutine's suspended frame ({} once it is done)."""
    frame = getattr(coroutine, 'cr_frame', None)
    return frame.f_locals if frame is not None else {}


for _function in (walktree, getclasstree, getargs, getargvalues, formatargvalues,
                  getcallargs, getclosurevars, classify_class_attrs, getcomments,
                  getgeneratorlocals, getcoroutinelocals):
    _function.__module__ = 'inspect'
del _function
