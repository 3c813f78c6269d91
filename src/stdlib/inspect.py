"""`inspect`: look inside live objects — what kind of thing an object is, its members,
docstring, source code, signature, and the frames of the running call stack — as
CPython 3.11's `inspect`.

Source is read straight from the file a code object names (`co_filename`), found by
`co_firstlineno` for functions and by qualified name for classes; the end of a block
is where CPython's tokenizer-driven search puts it, found here by a small scanner
that follows strings, brackets and indentation (apy has no `tokenize`, `linecache`
or `ast`). The signature machinery (`signature`, `Signature`, `Parameter`,
`BoundArguments`) lives in `_inspect_signature`, which the module `__getattr__`
loads on first use: it costs as much start-up time as the rest of the module.

apy's `co_firstlineno` of a decorated function is the `def` line, not the first
decorator's as in CPython; `findsource` walks back over the decorators so that
`getsource` shows them as CPython does. Frames from `sys._getframe` are snapshots:
their `f_lineno` is the line at the moment the snapshot was taken.
`getgeneratorstate` and `getcoroutinestate` need `gi_suspended`/`cr_suspended`, and
`trace`, `getinnerframes` and `getframeinfo` of a traceback need `tb_frame`,
`tb_lineno` and `tb_next`, which apy's generators and tracebacks do not have yet.

The older helpers (`getcallargs`, `getclosurevars`, `getargvalues`, `getcomments`,
`classify_class_attrs`, `getclasstree`...) live in `_inspect_extra`, loaded the
same way. apy's `dir()` of a module does not call its `__dir__` yet, so these
lazily loaded names are missing from `dir(inspect)` until first used.

Not provided: signatures of builtins other than the `builtins` module's own
functions and classes (apy's builtins carry no `__text_signature__`, so
`signature(str.join)` raises ValueError); `BlockFinder` (it is fed `tokenize`
tokens); the column information of `positions` in `FrameInfo` and `Traceback`
(only the line is known: `Positions(lineno, lineno, None, None)`);
`markcoroutinefunction` (3.12); the `inspect` command line.
"""

import sys

import types
# The types `types` hands out from `_types_extra` are taken from there directly:
# the same objects, without going through its module `__getattr__`.
import _types_extra

# Code object flags (co_flags).
CO_OPTIMIZED = 1
CO_NEWLOCALS = 2
CO_VARARGS = 4
CO_VARKEYWORDS = 8
CO_NESTED = 16
CO_GENERATOR = 32
CO_NOFREE = 64
CO_COROUTINE = 128
CO_ITERABLE_COROUTINE = 256
CO_ASYNC_GENERATOR = 512

# The type flag CPython sets on a class with abstract methods.
TPFLAGS_IS_ABSTRACT = 1 << 20

GEN_CREATED = 'GEN_CREATED'
GEN_RUNNING = 'GEN_RUNNING'
GEN_SUSPENDED = 'GEN_SUSPENDED'
GEN_CLOSED = 'GEN_CLOSED'

CORO_CREATED = 'CORO_CREATED'
CORO_RUNNING = 'CORO_RUNNING'
CORO_SUSPENDED = 'CORO_SUSPENDED'
CORO_CLOSED = 'CORO_CLOSED'


# ---------------------------------------------------------------- kinds of object

def ismodule(object):
    """Whether the object is a module."""
    return isinstance(object, types.ModuleType)


def isclass(object):
    """Whether the object is a class."""
    return isinstance(object, type)


def ismethod(object):
    """Whether the object is a bound method."""
    return isinstance(object, types.MethodType)


def ismethoddescriptor(object):
    """Whether the object is a method descriptor: something with `__get__` and no
    `__set__` that is not a class, method or function (`str.join`, classmethod and
    staticmethod objects...)."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    if isinstance(object, (staticmethod, classmethod)) and not hasattr(tp, '__set__'):
        # apy's staticmethod and classmethod have no `__get__` yet; CPython's do.
        return True
    return hasattr(tp, '__get__') and not hasattr(tp, '__set__')


def isdatadescriptor(object):
    """Whether the object is a data descriptor: its type has `__set__` or
    `__delete__` (properties, slots...)."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return hasattr(tp, '__set__') or hasattr(tp, '__delete__')


def ismemberdescriptor(object):
    """Whether the object is a member descriptor (a `__slots__` entry)."""
    return isinstance(object, _types_extra.MemberDescriptorType)


def isgetsetdescriptor(object):
    """Whether the object is a getset descriptor (a C-level attribute)."""
    return isinstance(object, _types_extra.GetSetDescriptorType)


def isfunction(object):
    """Whether the object is a Python function (def or lambda)."""
    return isinstance(object, types.FunctionType)


def _is_function_like(obj):
    """Something shaped like a Python function (Cython's functions are): a code
    object, a name and defaults of the right types."""
    if not callable(obj) or isinstance(obj, type):
        return False
    name = getattr(obj, '__name__', None)
    code = getattr(obj, '__code__', None)
    defaults = getattr(obj, '__defaults__', _sentinel)
    kwdefaults = getattr(obj, '__kwdefaults__', _sentinel)
    annotations = getattr(obj, '__annotations__', None)
    return (isinstance(code, types.CodeType) and isinstance(name, str)
            and (defaults is None or isinstance(defaults, tuple))
            and (kwdefaults is None or isinstance(kwdefaults, dict))
            and (annotations is None or isinstance(annotations, dict)))


def _has_code_flag(f, flag):
    """Whether `f`, seen through bound methods and partials, is a function whose
    code has `flag`."""
    while ismethod(f):
        f = f.__func__
    functools = sys.modules.get('functools')
    if functools is not None:
        while isinstance(f, functools.partial):
            f = f.func
    if not (isfunction(f) or _is_function_like(f)):
        return False
    return bool(f.__code__.co_flags & flag)


def isgeneratorfunction(obj):
    """Whether the object is a generator function (a def with `yield`)."""
    return _has_code_flag(obj, CO_GENERATOR)


def iscoroutinefunction(obj):
    """Whether the object is a coroutine function (an `async def`)."""
    return _has_code_flag(obj, CO_COROUTINE)


def isasyncgenfunction(obj):
    """Whether the object is an asynchronous generator function (an `async def`
    with `yield`)."""
    return _has_code_flag(obj, CO_ASYNC_GENERATOR)


def isasyncgen(object):
    """Whether the object is an asynchronous generator."""
    return isinstance(object, types.AsyncGeneratorType)


def isgenerator(object):
    """Whether the object is a generator."""
    return isinstance(object, types.GeneratorType)


def iscoroutine(object):
    """Whether the object is a coroutine."""
    return isinstance(object, types.CoroutineType)


def _defines_await(cls):
    # What collections.abc.Awaitable checks: the first `__await__` in the MRO is
    # not None.
    for klass in cls.__mro__:
        if '__await__' in klass.__dict__:
            return klass.__dict__['__await__'] is not None
    return False


def isawaitable(object):
    """Whether `await object` is allowed: a coroutine, a generator-based coroutine,
    or an object whose class defines `__await__`."""
    return (isinstance(object, types.CoroutineType)
            or (isinstance(object, types.GeneratorType)
                and bool(object.gi_code.co_flags & CO_ITERABLE_COROUTINE))
            or _defines_await(type(object)))


def istraceback(object):
    """Whether the object is a traceback."""
    return isinstance(object, _types_extra.TracebackType)


def isframe(object):
    """Whether the object is a frame."""
    return isinstance(object, _types_extra.FrameType)


def iscode(object):
    """Whether the object is a code object."""
    return isinstance(object, types.CodeType)


def isbuiltin(object):
    """Whether the object is a built-in function or a method of a built-in object."""
    return isinstance(object, types.BuiltinFunctionType)


def ismethodwrapper(object):
    """Whether the object is a method-wrapper (a bound slot of a built-in type)."""
    return isinstance(object, _types_extra.MethodWrapperType)


def isroutine(object):
    """Whether the object is any kind of function or method."""
    return (isbuiltin(object) or isfunction(object) or ismethod(object)
            or ismethoddescriptor(object) or ismethodwrapper(object))


def isabstract(object):
    """Whether the object is an abstract base class with abstract methods left."""
    if not isinstance(object, type):
        return False
    if getattr(object, '__abstractmethods__', None):
        return True
    abc = sys.modules.get('abc')
    if abc is None or not issubclass(type(object), abc.ABCMeta):
        return False
    if hasattr(object, '__abstractmethods__'):
        # ABCMeta.__new__ has finished: the (empty) set above is right.
        return False
    # Called while ABCMeta.__new__ runs (from __init_subclass__): look by hand.
    for value in object.__dict__.values():
        if getattr(value, '__isabstractmethod__', False):
            return True
    for base in object.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if getattr(getattr(object, name, None), '__isabstractmethod__', False):
                return True
    return False


# ---------------------------------------------------------------- members

def getmro(cls):
    """The class's method resolution order, as a tuple."""
    return cls.__mro__


def _getmembers(object, predicate, getter):
    results = []
    seen = set()
    names = dir(object)
    if isclass(object):
        mro = (object,) + getmro(object)
        # A DynamicClassAttribute hides from the class itself; list it anyway.
        for base in object.__bases__:
            for key, value in base.__dict__.items():
                if isinstance(value, _types_extra.DynamicClassAttribute):
                    names.append(key)
    else:
        mro = ()
    for key in names:
        try:
            value = getter(object, key)
            if key in seen:
                raise AttributeError
        except AttributeError:
            # A descriptor that refuses the class (or a name listed twice): the raw
            # value from the class dictionaries instead.
            for base in mro:
                if key in base.__dict__:
                    value = base.__dict__[key]
                    break
            else:
                continue
        if not predicate or predicate(value):
            results.append((key, value))
        seen.add(key)
    results.sort(key=lambda pair: pair[0])
    return results


def getmembers(object, predicate=None):
    """The object's attributes as (name, value) pairs sorted by name, only those
    for which `predicate(value)` is true when a predicate is given."""
    return _getmembers(object, predicate, getattr)


def getmembers_static(object, predicate=None):
    """As getmembers(), but found without running descriptors or `__getattr__`
    (see getattr_static)."""
    return _getmembers(object, predicate, getattr_static)


_sentinel = object()


def _static_mro(klass):
    return type.__getattribute__(klass, '__mro__')


def _class_dict(klass):
    return type.__getattribute__(klass, '__dict__')


def _shadowed_dict(klass):
    """A `__dict__` entry some class in the MRO defines in place of the instance
    dictionary, or _sentinel."""
    for entry in _static_mro(klass):
        class_dict = _class_dict(entry)
        if '__dict__' in class_dict:
            found = class_dict['__dict__']
            if not (type(found) is _types_extra.GetSetDescriptorType
                    and found.__name__ == '__dict__' and found.__objclass__ is entry):
                return found
    return _sentinel


def _check_instance(obj, attr):
    try:
        instance_dict = object.__getattribute__(obj, '__dict__')
    except AttributeError:
        # apy's object.__getattribute__ does not find `__dict__` yet; vars() does
        # (the caller has checked that no class replaces `__dict__`).
        try:
            instance_dict = vars(obj)
        except TypeError:
            instance_dict = {}
    if not isinstance(instance_dict, dict):
        return _sentinel
    return dict.get(instance_dict, attr, _sentinel)


def _check_class(klass, attr):
    for entry in _static_mro(klass):
        if _shadowed_dict(type(entry)) is _sentinel:
            class_dict = _class_dict(entry)
            if attr in class_dict:
                return class_dict[attr]
    return _sentinel


def getattr_static(obj, attr, default=_sentinel):
    """The attribute as it is stored: looked up in the instance and class
    dictionaries without calling descriptors, `__getattr__` or `__getattribute__`.
    A property comes back as the property object."""
    instance_result = _sentinel
    objtype = type(obj)
    if type not in _static_mro(objtype):
        klass = objtype
        dict_attr = _shadowed_dict(klass)
        if (dict_attr is _sentinel
                or type(dict_attr) is _types_extra.MemberDescriptorType):
            instance_result = _check_instance(obj, attr)
    else:
        klass = obj
    klass_result = _check_class(klass, attr)
    if instance_result is not _sentinel and klass_result is not _sentinel:
        # A data descriptor on the class wins over the instance dictionary.
        descriptor_type = type(klass_result)
        if (_check_class(descriptor_type, '__get__') is not _sentinel
                and (_check_class(descriptor_type, '__set__') is not _sentinel
                     or _check_class(descriptor_type, '__delete__') is not _sentinel)):
            return klass_result
    if instance_result is not _sentinel:
        return instance_result
    if klass_result is not _sentinel:
        return klass_result
    if obj is klass:
        # For a class, the metaclass's attributes too.
        for entry in _static_mro(type(klass)):
            if _shadowed_dict(type(entry)) is _sentinel:
                class_dict = _class_dict(entry)
                if attr in class_dict:
                    return class_dict[attr]
    if default is not _sentinel:
        return default
    raise AttributeError(attr)


def unwrap(func, *, stop=None):
    """Follows the chain of `__wrapped__` attributes (as set by functools.wraps) to
    the innermost object, or to the first one for which `stop(obj)` is true."""
    original = func
    seen = {id(func)}
    limit = sys.getrecursionlimit()
    while hasattr(func, '__wrapped__') and not (stop is not None and stop(func)):
        func = func.__wrapped__
        if id(func) in seen or len(seen) >= limit:
            raise ValueError(f'wrapper loop when unwrapping {original!r}')
        seen.add(id(func))
    return func


# ---------------------------------------------------------------- documentation

def indentsize(line):
    """The number of columns of leading whitespace in the line (tabs expanded)."""
    expanded = line.expandtabs()
    return len(expanded) - len(expanded.lstrip())


def cleandoc(doc):
    """A docstring with its indentation removed: tabs expanded, the first line
    stripped of leading whitespace, the common indentation of the other lines taken
    off, and blank lines at the start and end dropped."""
    lines = doc.expandtabs().split('\n')
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def _findclass(func):
    """The class a function was defined in, from its module and qualified name."""
    cls = sys.modules.get(func.__module__)
    if cls is None:
        return None
    for name in func.__qualname__.split('.')[:-1]:
        cls = getattr(cls, name)
    if not isclass(cls):
        return None
    return cls


def _finddoc(obj):
    """The docstring an undocumented object inherits: a class's from its bases, a
    method's or property's from the same name in the bases of its class."""
    if isclass(obj):
        for base in obj.__mro__:
            if base is not object:
                try:
                    doc = base.__doc__
                except AttributeError:
                    continue
                if doc is not None:
                    return doc
        return None
    if ismethod(obj):
        name = obj.__func__.__name__
        self = obj.__self__
        if (isclass(self)
                and getattr(getattr(self, name, None), '__func__') is obj.__func__):
            cls = self  # a classmethod
        else:
            cls = self.__class__
    elif isfunction(obj):
        name = obj.__name__
        cls = _findclass(obj)
        if cls is None or getattr(cls, name) is not obj:
            return None
    elif isbuiltin(obj):
        name = obj.__name__
        self = obj.__self__
        if isclass(self) and self.__qualname__ + '.' + name == obj.__qualname__:
            cls = self
        else:
            cls = self.__class__
    elif isinstance(obj, property):
        func = obj.fget
        name = func.__name__
        cls = _findclass(func)
        if cls is None or getattr(cls, name) is not obj:
            return None
    elif ismethoddescriptor(obj) or isdatadescriptor(obj):
        name = obj.__name__
        cls = obj.__objclass__
        if getattr(cls, name) is not obj:
            return None
        if ismemberdescriptor(obj):
            slots = getattr(cls, '__slots__', None)
            if isinstance(slots, dict) and name in slots:
                return slots[name]
    else:
        return None
    for base in cls.__mro__:
        try:
            doc = _own_doc(getattr(base, name))
        except AttributeError:
            continue
        if doc is not None:
            return doc
    return None


def _own_doc(obj):
    """`obj.__doc__`; for a property without one, its getter's (which is what
    CPython's property shows as its own, and apy's property does not yet)."""
    doc = obj.__doc__
    if doc is None and isinstance(obj, property) and obj.fget is not None:
        doc = getattr(obj.fget, '__doc__', None)
    return doc


def getdoc(object):
    """The object's docstring, cleaned up with cleandoc(); inherited from a base
    class when the object has none of its own. None if there is none."""
    try:
        doc = _own_doc(object)
    except AttributeError:
        return None
    if doc is None:
        try:
            doc = _finddoc(object)
        except (AttributeError, TypeError):
            return None
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


# ---------------------------------------------------------------- modules and files

def getfile(object):
    """The name of the file the object was defined in."""
    if ismodule(object):
        if getattr(object, '__file__', None):
            return object.__file__
        raise TypeError(f'{object!r} is a built-in module')
    if isclass(object):
        if hasattr(object, '__module__'):
            module = sys.modules.get(object.__module__)
            if getattr(module, '__file__', None):
                return module.__file__
            if object.__module__ == '__main__':
                raise OSError('source code not available')
        raise TypeError(f'{object!r} is a built-in class')
    if ismethod(object):
        object = object.__func__
    if isfunction(object):
        object = object.__code__
    if istraceback(object):
        object = object.tb_frame
    if isframe(object):
        object = object.f_code
    if iscode(object):
        return object.co_filename
    raise TypeError('module, class, method, function, traceback, frame, or code object '
                    f'was expected, got {type(object).__name__}')


_SOURCE_SUFFIXES = ['.py']
_BYTECODE_SUFFIXES = ['.pyc']
_EXTENSION_SUFFIXES = ['.cpython-311-x86_64-linux-gnu.so', '.abi3.so', '.so']


def getmodulename(path):
    """The module name a file path would be imported as, or None."""
    import os
    fname = os.path.basename(path)
    suffixes = sorted(_SOURCE_SUFFIXES + _BYTECODE_SUFFIXES + _EXTENSION_SUFFIXES,
                      key=len, reverse=True)
    for suffix in suffixes:
        if fname.endswith(suffix):
            return fname[:-len(suffix)]
    return None


def getsourcefile(object):
    """The name of the Python source file the object was defined in, or None when
    there is none to read."""
    import os
    filename = getfile(object)
    if any(filename.endswith(s) for s in _BYTECODE_SUFFIXES):
        filename = os.path.splitext(filename)[0] + _SOURCE_SUFFIXES[0]
    elif any(filename.endswith(s) for s in _EXTENSION_SUFFIXES):
        return None
    if os.path.exists(filename):
        return filename
    return None


def getabsfile(object, _filename=None):
    """The absolute, case-normalized path of the object's source (or other) file."""
    import os
    if _filename is None:
        _filename = getsourcefile(object) or getfile(object)
    return os.path.normcase(os.path.abspath(_filename))


modulesbyfile = {}
_filesbymodname = {}


def getmodule(object, _filename=None):
    """The module the object was defined in, or None."""
    if ismodule(object):
        return object
    if hasattr(object, '__module__'):
        return sys.modules.get(object.__module__)
    if _filename is not None and _filename in modulesbyfile:
        return sys.modules.get(modulesbyfile[_filename])
    try:
        file = getabsfile(object, _filename)
    except (TypeError, FileNotFoundError):
        return None
    if file in modulesbyfile:
        return sys.modules.get(modulesbyfile[file])
    import os
    for modname, module in list(sys.modules.items()):
        if ismodule(module) and getattr(module, '__file__', None):
            f = module.__file__
            if f == _filesbymodname.get(modname):
                continue
            _filesbymodname[modname] = f
            f = getabsfile(module)
            modulesbyfile[f] = modulesbyfile[os.path.realpath(f)] = module.__name__
    if file in modulesbyfile:
        return sys.modules.get(modulesbyfile[file])
    if not hasattr(object, '__name__'):
        return None
    main = sys.modules['__main__']
    if getattr(main, object.__name__, None) is object:
        return main
    builtin = sys.modules['builtins']
    if getattr(builtin, object.__name__, None) is object:
        return builtin
    return None


# ---------------------------------------------------------------- source code

class EndOfBlock(Exception):
    pass


class ClassFoundException(Exception):
    pass


def _read_lines(filename):
    """The file's lines, each ending in a newline (as linecache gives them), or []
    when it cannot be read."""
    if filename.startswith('<') and filename.endswith('>'):
        return []
    try:
        with open(filename, encoding='utf-8') as file:
            lines = file.readlines()
    except (OSError, UnicodeDecodeError):
        return []
    if lines and not lines[-1].endswith('\n'):
        lines[-1] += '\n'
    return lines


def _scan(lines):
    """Splits source lines into tokenizer-level items: yields (kind, first, last,
    column, words) where kind is 'logical' for a statement line (rows first..last,
    across brackets, backslashes and triple-quoted strings), 'comment' for a line
    holding only a comment, or 'blank'. `column` is the indentation (tabs to
    multiples of 8) and `words` the names and operators outside strings and
    comments, far enough to recognise what the line starts with."""
    i = 0
    count = len(lines)
    while i < count:
        line = lines[i]
        stripped = line.lstrip(' \t\f')
        offset = len(line) - len(stripped)
        if not stripped.strip():
            yield 'blank', i, i, offset, ()
            i += 1
            continue
        if stripped.startswith('#'):
            yield 'comment', i, i, offset, ()
            i += 1
            continue
        column = len(line[:offset].expandtabs())
        first = i
        words = []
        depth = 0
        quote = None
        row = i
        pos = offset
        while row < count:
            text = lines[row]
            length = len(text)
            continued = False
            while pos < length:
                ch = text[pos]
                if quote is not None:
                    if ch == '\\':
                        pos += 2
                        continue
                    if text.startswith(quote, pos):
                        pos += len(quote)
                        quote = None
                        continue
                    pos += 1
                    continue
                if ch == '#':
                    break
                if ch in '\'"':
                    if text.startswith(ch * 3, pos):
                        quote = ch * 3
                    else:
                        quote = ch
                    pos += len(quote)
                    continue
                if ch in '([{':
                    depth += 1
                elif ch in ')]}':
                    depth -= 1
                elif ch == '\\' and text[pos + 1:].strip() == '':
                    continued = True
                    break
                if ch.isalnum() or ch == '_':
                    end = pos
                    while end < length and (text[end].isalnum() or text[end] == '_'):
                        end += 1
                    word = text[pos:end]
                    # A string prefix (r'', b"", f'''...) is part of the string.
                    if end < length and text[end] in '\'"' and word.lower() in (
                            'r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf'):
                        pos = end
                        continue
                    words.append(word)
                    pos = end
                    continue
                if not ch.isspace():
                    words.append(ch)
                pos += 1
            if (quote is not None and len(quote) == 1
                    and not text.rstrip('\r\n').endswith('\\')):
                quote = None  # an unterminated short string ends with its line
            if quote is None and depth <= 0 and not continued:
                break
            row += 1
            pos = 0
        last = min(row, count - 1)
        yield 'logical', first, last, column, tuple(words)
        i = last + 1


def getblock(lines):
    """The lines of the code block (def, class or lambda, with any decorators) at
    the top of `lines`."""
    started = False
    is_lambda = False
    last = 1
    indent = 0
    body_col = None
    stack = [0]
    for kind, first, end, column, words in _scan(lines):
        if kind == 'blank':
            continue
        if kind == 'comment':
            if started and body_col is not None:
                raw = len(lines[first]) - len(lines[first].lstrip(' \t\f'))
                if raw >= body_col:
                    last = first + 1
            continue
        # Indentation changes, as the tokenizer reports them.
        dedents = 0
        indented = False
        if column > stack[-1]:
            stack.append(column)
            indented = True
        else:
            while column < stack[-1]:
                stack.pop()
                dedents += 1
            if column != stack[-1]:
                return lines[:last]  # IndentationError: what was found so far
        if not started:
            if words[:1] == ('@',):
                # A decorator: with no parentheses, its end counts as seen.
                if '(' not in words:
                    last = end + 1
                continue
            for index, word in enumerate(words):
                if word in ('def', 'class', 'lambda'):
                    started = True
                    is_lambda = word == 'lambda'
                    break
            if started:
                last = end + 1
                if is_lambda:
                    return lines[:last]
            continue
        if indented:
            if body_col is None:
                raw = len(lines[first]) - len(lines[first].lstrip(' \t\f'))
                body_col = raw
            indent += 1
        elif dedents:
            indent -= dedents
            if indent <= 0:
                return lines[:last]
        elif indent == 0:
            return lines[:last]
        last = end + 1
    return lines[:last]


def _is_definition_line(line):
    """Whether the line is where CPython's findsource stops walking up: a def, an
    async def, a decorator, or a line with a lambda."""
    stripped = line.lstrip()
    if stripped.startswith('@'):
        return True
    words = stripped.split(None, 2)
    if words[:1] == ['def'] or (words[:1] == ['async'] and words[1:2] == ['def']):
        return True
    start = 0
    while True:
        found = line.find('lambda', start)
        if found < 0:
            return False
        before = line[found - 1] if found else ' '
        after = line[found + 6:found + 7]
        if not (before.isalnum() or before == '_') and (after == ':' or after.isspace()):
            return True
        start = found + 1


def _defines(line, name):
    """Whether the line is the `def` (or `async def`) of a function called name."""
    words = line.replace('(', ' ').split()
    if words[:1] == ['async']:
        words = words[1:]
    return words[:2] == ['def', name]


def _decorators_above(lines, lnum):
    """The first line of the decorators right above the def on line `lnum`
    (0-based), or lnum: CPython's co_firstlineno already points there."""
    column = indentsize(lines[lnum])
    top = lnum
    starts = []
    for kind, first, end, col, words in _scan(lines[:lnum]):
        if kind == 'logical':
            starts.append((first, col, words[:1] == ('@',)))
    for first, col, is_decorator in reversed(starts):
        if not is_decorator or col != column:
            break
        top = first
    return top


def _find_class(lines, qualname):
    """The 0-based line where the class `qualname` starts (its first decorator, if
    any), searching in source order as CPython's class finder does, or None."""
    stack = []
    decorator_start = None
    for kind, first, end, column, words in _scan(lines):
        if kind != 'logical':
            continue
        while stack and stack[-1][0] >= column:
            stack.pop()
        if words[:1] == ('@',):
            if decorator_start is None:
                decorator_start = first
            continue
        start = first if decorator_start is None else decorator_start
        decorator_start = None
        if words[:1] == ('async',):
            words = words[1:]
        if words[:1] == ('class',) and len(words) > 1:
            names = []
            for _, name, is_function in stack:
                names.append(name)
                if is_function:
                    names.append('<locals>')
            names.append(words[1])
            if '.'.join(names) == qualname:
                return start
            stack.append((column, words[1], False))
        elif words[:1] == ('def',) and len(words) > 1:
            stack.append((column, words[1], True))
    return None


def findsource(object):
    """The lines of the object's source file and the 0-based index of the line
    where its definition starts (0 for a module). OSError if there is none."""
    file = getsourcefile(object)
    if not file:
        file = getfile(object)
        if not (file.startswith('<') and file.endswith('>')):
            raise OSError('source code not available')
    lines = _read_lines(file)
    if not lines:
        raise OSError('could not get source code')
    if ismodule(object):
        return lines, 0
    if isclass(object):
        lnum = _find_class(lines, object.__qualname__)
        if lnum is None:
            raise OSError('could not find class definition')
        return lines, lnum
    if ismethod(object):
        object = object.__func__
    if isfunction(object):
        object = object.__code__
    if istraceback(object):
        object = object.tb_frame
    if isframe(object):
        object = object.f_code
    if iscode(object):
        if not hasattr(object, 'co_firstlineno'):
            raise OSError('could not find function definition')
        first = lnum = object.co_firstlineno - 1
        while lnum > 0:
            if lnum >= len(lines):
                raise OSError('lineno is out of bounds')
            if _is_definition_line(lines[lnum]):
                break
            lnum -= 1
        if lnum == first and _defines(lines[lnum], object.co_name):
            lnum = _decorators_above(lines, lnum)
        return lines, lnum
    raise OSError('could not find code object')


def getsourcelines(object):
    """The source lines of the object and the 1-based number of the first (0 for a
    whole module). OSError if the source cannot be found."""
    object = unwrap(object)
    lines, lnum = findsource(object)
    if istraceback(object):
        object = object.tb_frame
    if ismodule(object) or (isframe(object) and object.f_code.co_name == '<module>'):
        return lines, 0
    return getblock(lines[lnum:]), lnum + 1


def getsource(object):
    """The source text of the object. OSError if it cannot be found."""
    lines, lnum = getsourcelines(object)
    return ''.join(lines)


# ---------------------------------------------------------------- frames

def _record(typename, field_names):
    """A named-tuple class, as collections.namedtuple makes (apy's collections has
    none yet)."""
    fields = tuple(field_names.split())
    arglist = ', '.join(fields)
    namespace = {'_tuple_new': tuple.__new__}
    exec(f'def __new__(_cls, {arglist}):\n'
         f'    return _tuple_new(_cls, ({arglist},))', namespace)
    new = namespace['__new__']
    new.__qualname__ = f'{typename}.__new__'

    def __repr__(self):
        items = ', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self))
        return f'{type(self).__name__}({items})'

    def _replace(self, /, **changes):
        result = self._make(changes.pop(name, value)
                            for name, value in zip(self._fields, self))
        if changes:
            raise ValueError(f'Got unexpected field names: {list(changes)!r}')
        return result

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(fields):
            raise TypeError(f'Expected {len(fields)} arguments, got {len(result)}')
        return result

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    body = {'__slots__': (), '_fields': fields, '__new__': new, '__repr__': __repr__,
            '_replace': _replace, '_make': _make, '_asdict': _asdict,
            '__getnewargs__': __getnewargs__, '__module__': 'inspect',
            '__match_args__': fields}
    for index, name in enumerate(fields):
        body[name] = property(lambda self, index=index: self[index],
                              doc=f'Alias for field number {index}')
    return type(typename, (tuple,), body)


FullArgSpec = _record('FullArgSpec', 'args varargs varkw defaults kwonlyargs '
                                     'kwonlydefaults annotations')
_Positions = _record('Positions', 'lineno end_lineno col_offset end_col_offset')
_Positions.__module__ = 'dis'
_Traceback = _record('_Traceback', 'filename lineno function code_context index')
_FrameInfo = _record('_FrameInfo', 'frame filename lineno function code_context index')


class Traceback(_Traceback):
    """Where a frame is: filename, lineno, function, code_context (the lines
    around), index (of the current line in code_context), and `positions`."""

    def __new__(cls, filename, lineno, function, code_context, index, *,
                positions=None):
        instance = super().__new__(cls, filename, lineno, function, code_context, index)
        instance.positions = positions
        return instance

    def __repr__(self):
        return ('Traceback(filename={!r}, lineno={!r}, function={!r}, '
                'code_context={!r}, index={!r}, positions={!r})'.format(
                    self.filename, self.lineno, self.function, self.code_context,
                    self.index, self.positions))


class FrameInfo(_FrameInfo):
    """A frame with the Traceback fields for it, and `positions`."""

    def __new__(cls, frame, filename, lineno, function, code_context, index, *,
                positions=None):
        instance = super().__new__(cls, frame, filename, lineno, function, code_context,
                                   index)
        instance.positions = positions
        return instance

    def __repr__(self):
        return ('FrameInfo(frame={!r}, filename={!r}, lineno={!r}, function={!r}, '
                'code_context={!r}, index={!r}, positions={!r})'.format(
                    self.frame, self.filename, self.lineno, self.function,
                    self.code_context, self.index, self.positions))


def getlineno(frame):
    """The line the frame is at."""
    return frame.f_lineno


def getframeinfo(frame, context=1):
    """A Traceback for a frame or traceback object, with `context` lines of source
    around the current line."""
    if istraceback(frame):
        lineno = frame.tb_lineno
        frame = frame.tb_frame
    else:
        lineno = frame.f_lineno
    if not isframe(frame):
        raise TypeError(f'{frame!r} is not a frame or traceback object')
    filename = getsourcefile(frame) or getfile(frame)
    lines = index = None
    if context > 0:
        start = lineno - 1 - context // 2
        try:
            source, lnum = findsource(frame)
        except OSError:
            pass
        else:
            start = max(0, min(start, len(source) - context))
            lines = source[start:start + context]
            index = lineno - 1 - start
    return Traceback(filename, lineno, frame.f_code.co_name, lines, index,
                     positions=_Positions(lineno, lineno, None, None))


def getouterframes(frame, context=1):
    """FrameInfo records for the frame and each of its callers, innermost first."""
    records = []
    while frame:
        info = getframeinfo(frame, context)
        records.append(FrameInfo(frame, *info, positions=info.positions))
        frame = frame.f_back
    return records


def getinnerframes(tb, context=1):
    """FrameInfo records for a traceback's frames, from its own down to where the
    exception was raised."""
    records = []
    while tb:
        info = getframeinfo(tb, context)
        records.append(FrameInfo(tb.tb_frame, *info, positions=info.positions))
        tb = tb.tb_next
    return records


def currentframe():
    """The caller's frame."""
    return sys._getframe(1)


def stack(context=1):
    """FrameInfo records for the caller's frame and each frame above it."""
    return getouterframes(sys._getframe(1), context)


def trace(context=1):
    """FrameInfo records from the frame of the exception being handled down to
    where it was raised."""
    return getinnerframes(sys.exc_info()[2], context)


def getgeneratorstate(generator):
    """GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED or GEN_CLOSED."""
    if generator.gi_running:
        return GEN_RUNNING
    if generator.gi_suspended:
        return GEN_SUSPENDED
    if generator.gi_frame is None:
        return GEN_CLOSED
    return GEN_CREATED


def getcoroutinestate(coroutine):
    """CORO_CREATED, CORO_RUNNING, CORO_SUSPENDED or CORO_CLOSED."""
    if coroutine.cr_running:
        return CORO_RUNNING
    if coroutine.cr_suspended:
        return CORO_SUSPENDED
    if coroutine.cr_frame is None:
        return CORO_CLOSED
    return CORO_CREATED


# ---------------------------------------------------------------- annotations

def get_annotations(obj, *, globals=None, locals=None, eval_str=False):
    """A new dict of the annotations of a module, class or callable; with
    `eval_str`, string annotations are evaluated (in the object's globals and, for
    a class, its namespace)."""
    if isinstance(obj, type):
        obj_dict = getattr(obj, '__dict__', None)
        ann = obj_dict.get('__annotations__') if obj_dict and hasattr(obj_dict, 'get') \
            else None
        if isinstance(ann, _types_extra.GetSetDescriptorType):
            ann = None
        module = sys.modules.get(getattr(obj, '__module__', None) or '')
        obj_globals = getattr(module, '__dict__', None) if module else None
        obj_locals = dict(vars(obj))
        unwrapped = obj
    elif isinstance(obj, types.ModuleType):
        ann = getattr(obj, '__annotations__', None)
        obj_globals = obj.__dict__
        obj_locals = None
        unwrapped = None
    elif callable(obj):
        ann = getattr(obj, '__annotations__', None)
        obj_globals = getattr(obj, '__globals__', None)
        obj_locals = None
        unwrapped = obj
    else:
        raise TypeError(f'{obj!r} is not a module, class, or callable.')
    if ann is None:
        return {}
    if not isinstance(ann, dict):
        raise ValueError(f'{obj!r}.__annotations__ is neither a dict nor None')
    if not ann:
        return {}
    if not eval_str:
        return dict(ann)
    if unwrapped is not None:
        functools = sys.modules.get('functools')
        while True:
            if hasattr(unwrapped, '__wrapped__'):
                unwrapped = unwrapped.__wrapped__
            elif functools is not None and isinstance(unwrapped, functools.partial):
                unwrapped = unwrapped.func
            else:
                break
        if hasattr(unwrapped, '__globals__'):
            obj_globals = unwrapped.__globals__
    if globals is None:
        globals = obj_globals
    if locals is None:
        locals = obj_locals
    return {key: eval(value, globals, locals) if isinstance(value, str) else value
            for key, value in ann.items()}


def formatannotation(annotation, base_module=None):
    """How a signature shows an annotation: a class by its (qualified) name, without
    the module for builtins; typing constructs without 'typing.'."""
    if getattr(annotation, '__module__', None) == 'typing':
        return repr(annotation).replace('typing.', '')
    if isinstance(annotation, types.GenericAlias):
        return str(annotation)
    if isinstance(annotation, type):
        if annotation.__module__ in ('builtins', base_module):
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)


def formatannotationrelativeto(object):
    """A formatannotation() that leaves out the module of `object`."""
    module = getattr(object, '__module__', None)

    def _formatannotation(annotation):
        return formatannotation(annotation, module)

    return _formatannotation


def getfullargspec(func):
    """The names and defaults of a callable's parameters as a FullArgSpec (the
    pre-Signature interface; `self` of a bound method is kept)."""
    from _inspect_signature import _signature_from_callable, Signature, Parameter
    try:
        sig = _signature_from_callable(func, follow_wrapper_chains=False,
                                       skip_bound_arg=False, sigcls=Signature,
                                       eval_str=False)
    except Exception as exc:
        raise TypeError('unsupported callable') from exc
    args = []
    varargs = varkw = None
    posonlyargs = []
    kwonlyargs = []
    annotations = {}
    defaults = ()
    kwdefaults = {}
    if sig.return_annotation is not sig.empty:
        annotations['return'] = sig.return_annotation
    for param in sig.parameters.values():
        kind = param.kind
        name = param.name
        if kind is Parameter.POSITIONAL_ONLY:
            posonlyargs.append(name)
            if param.default is not param.empty:
                defaults += (param.default,)
        elif kind is Parameter.POSITIONAL_OR_KEYWORD:
            args.append(name)
            if param.default is not param.empty:
                defaults += (param.default,)
        elif kind is Parameter.VAR_POSITIONAL:
            varargs = name
        elif kind is Parameter.KEYWORD_ONLY:
            kwonlyargs.append(name)
            if param.default is not param.empty:
                kwdefaults[name] = param.default
        else:
            varkw = name
        if param.annotation is not param.empty:
            annotations[name] = param.annotation
    return FullArgSpec(posonlyargs + args, varargs, varkw, defaults or None, kwonlyargs,
                       kwdefaults or None, annotations)


# Loaded on first use: the signature machinery (most users of `inspect` never ask
# for a signature, and it costs as much start-up time as the rest of the module)
# and the older, rarer helpers.
_LAZY = dict.fromkeys(('Parameter', 'Signature', 'BoundArguments', 'signature',
                       '_ParameterKind', '_empty', '_void', '_signature_from_callable'),
                      '_inspect_signature')
_LAZY.update(dict.fromkeys(('Arguments', 'ArgInfo', 'ClosureVars', 'Attribute',
                            'walktree', 'getclasstree', 'getargs', 'getargvalues',
                            'formatargvalues', 'getcallargs', 'getclosurevars',
                            'classify_class_attrs', 'getcomments',
                            'getgeneratorlocals', 'getcoroutinelocals'),
                           '_inspect_extra'))


def __getattr__(name):
    source = _LAZY.get(name)
    if source is None:
        raise AttributeError(f"module 'inspect' has no attribute '{name}'")
    module = __import__(source)
    for lazy, where in _LAZY.items():
        if where == source:
            globals()[lazy] = getattr(module, lazy)
    return globals()[name]


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    'ArgInfo', 'Arguments', 'Attribute', 'BoundArguments', 'CORO_CLOSED',
    'CORO_CREATED', 'CORO_RUNNING', 'CORO_SUSPENDED', 'CO_ASYNC_GENERATOR',
    'CO_COROUTINE', 'CO_GENERATOR', 'CO_ITERABLE_COROUTINE', 'CO_NESTED',
    'CO_NEWLOCALS', 'CO_NOFREE', 'CO_OPTIMIZED', 'CO_VARARGS', 'CO_VARKEYWORDS',
    'ClassFoundException', 'ClosureVars', 'EndOfBlock', 'FrameInfo', 'FullArgSpec',
    'GEN_CLOSED', 'GEN_CREATED', 'GEN_RUNNING', 'GEN_SUSPENDED', 'Parameter',
    'Signature', 'TPFLAGS_IS_ABSTRACT', 'Traceback', 'classify_class_attrs',
    'cleandoc', 'currentframe', 'findsource', 'formatannotation',
    'formatannotationrelativeto', 'formatargvalues', 'get_annotations',
    'getabsfile', 'getargs', 'getargvalues', 'getattr_static', 'getblock',
    'getcallargs', 'getclasstree', 'getclosurevars', 'getcomments',
    'getcoroutinelocals', 'getcoroutinestate', 'getdoc', 'getfile', 'getframeinfo',
    'getfullargspec', 'getgeneratorlocals', 'getgeneratorstate', 'getinnerframes',
    'getlineno', 'getmembers', 'getmembers_static', 'getmodule', 'getmodulename',
    'getmro', 'getouterframes', 'getsource', 'getsourcefile', 'getsourcelines',
    'indentsize', 'isabstract', 'isasyncgen', 'isasyncgenfunction', 'isawaitable',
    'isbuiltin', 'isclass', 'iscode', 'iscoroutine', 'iscoroutinefunction',
    'isdatadescriptor', 'isframe', 'isfunction', 'isgenerator',
    'isgeneratorfunction', 'isgetsetdescriptor', 'ismemberdescriptor', 'ismethod',
    'ismethoddescriptor', 'ismethodwrapper', 'ismodule', 'isroutine', 'istraceback',
    'signature', 'stack', 'trace', 'unwrap', 'walktree',
]
