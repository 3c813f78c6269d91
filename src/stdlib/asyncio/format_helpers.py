# How asyncio describes callbacks in reprs and error reports: CPython's
# asyncio.format_helpers, with the part of reprlib it uses (argument reprs are
# shortened exactly as reprlib.repr shortens them).


class _Repr:
    def __init__(self):
        self.fillvalue = '...'
        self.maxlevel = 6
        self.maxtuple = 6
        self.maxlist = 6
        self.maxdict = 4
        self.maxset = 6
        self.maxfrozenset = 6
        self.maxstring = 30
        self.maxlong = 40
        self.maxother = 30

    def repr(self, x):
        return self.repr1(x, self.maxlevel)

    def repr1(self, x, level):
        typename = type(x).__name__
        if typename == 'tuple':
            return self._repr_iterable(x, level, '(', ')', self.maxtuple, ',')
        if typename == 'list':
            return self._repr_iterable(x, level, '[', ']', self.maxlist)
        if typename == 'set':
            if not x:
                return 'set()'
            return self._repr_iterable(_possibly_sorted(x), level, '{', '}', self.maxset)
        if typename == 'frozenset':
            if not x:
                return 'frozenset()'
            return self._repr_iterable(_possibly_sorted(x), level, 'frozenset({', '})', self.maxfrozenset)
        if typename == 'dict':
            return self._repr_dict(x, level)
        if typename == 'str':
            return self._repr_str(x)
        if typename == 'int':
            return self._shorten(repr(x), self.maxlong)
        return self._repr_instance(x)

    def _repr_iterable(self, x, level, left, right, maxiter, trail=''):
        n = len(x)
        if level <= 0 and n:
            s = self.fillvalue
        else:
            newlevel = level - 1
            pieces = []
            for i, elem in enumerate(x):
                if i >= maxiter:
                    break
                pieces.append(self.repr1(elem, newlevel))
            if n > maxiter:
                pieces.append(self.fillvalue)
            s = ', '.join(pieces)
            if n == 1 and trail:
                right = trail + right
        return f'{left}{s}{right}'

    def _repr_dict(self, x, level):
        n = len(x)
        if n == 0:
            return '{}'
        if level <= 0:
            return '{' + self.fillvalue + '}'
        newlevel = level - 1
        pieces = []
        for key in _possibly_sorted(x)[:self.maxdict]:
            pieces.append(f'{self.repr1(key, newlevel)}: {self.repr1(x[key], newlevel)}')
        if n > self.maxdict:
            pieces.append(self.fillvalue)
        return '{' + ', '.join(pieces) + '}'

    def _repr_str(self, x):
        s = repr(x[:self.maxstring])
        if len(s) > self.maxstring:
            i = max(0, (self.maxstring - 3) // 2)
            j = max(0, self.maxstring - 3 - i)
            s = repr(x[:i] + x[len(x) - j:])
            s = s[:i] + self.fillvalue + s[len(s) - j:]
        return s

    def _shorten(self, s, limit):
        if len(s) > limit:
            i = max(0, (limit - 3) // 2)
            j = max(0, limit - 3 - i)
            s = s[:i] + self.fillvalue + s[len(s) - j:]
        return s

    def _repr_instance(self, x):
        try:
            s = repr(x)
        except Exception:
            return '<%s instance at %#x>' % (x.__class__.__name__, id(x))
        return self._shorten(s, self.maxother)


def _possibly_sorted(x):
    try:
        return sorted(x)
    except Exception:
        return list(x)


_arepr = _Repr()


def _get_function_source(func):
    # Only plain functions have a source location (inspect.isfunction).
    if type(func).__name__ == 'function':
        code = func.__code__
        return (code.co_filename, code.co_firstlineno)
    return None


def _format_args_and_kwargs(args, kwargs):
    items = []
    if args:
        items.extend(_arepr.repr(arg) for arg in args)
    if kwargs:
        items.extend(f'{k}={_arepr.repr(v)}' for k, v in kwargs.items())
    return '({})'.format(', '.join(items))


def _format_callback(func, args, kwargs, suffix=''):
    if hasattr(func, '__qualname__') and func.__qualname__:
        func_repr = func.__qualname__
    elif hasattr(func, '__name__') and func.__name__:
        func_repr = func.__name__
    else:
        func_repr = repr(func)
    func_repr += _format_args_and_kwargs(args, kwargs)
    if suffix:
        func_repr += suffix
    return func_repr


def _format_callback_source(func, args):
    func_repr = _format_callback(func, args, None)
    source = _get_function_source(func)
    if source:
        func_repr += f' at {source[0]}:{source[1]}'
    return func_repr
