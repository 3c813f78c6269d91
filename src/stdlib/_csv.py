"""`_csv`: the CSV parser and writer under `csv`, as CPython 3.11's C module.

CPython writes this part in C; apy writes it in Python with the same
observable behaviour, since programs see its details: the `_csv.Error` and
`_csv.Dialect` names, the TypeErrors of dialect validation, how every odd
input parses.

- `Dialect` validates and freezes a set of formatting parameters; its
  attributes are read-only. A dialect given as a name is looked up in the
  registry, a `Dialect` without extra parameters is reused as is, and any
  other object lends the parameters it has as attributes.
- `reader` is a state machine fed one character at a time, with an end-of-line
  event after each line the iterator gives; a record may span lines inside
  quotes or after an escaped newline. The states are CPython's: start of
  record, start of field, in field, after an escape, in a quoted field, after
  an escape or a quote in a quoted field, and eating CR/LF.
- `writer` joins fields, quoting a field when the quoting mode says so or
  when it holds the delimiter, the quotechar, the escapechar or a character of
  the line terminator; `QUOTE_NONE` escapes those instead. A record of a
  single empty field is written as '""' so it reads back.

`reader` and `writer` are Python functions here, so their repr is
`<function reader ...>` rather than `<built-in function reader>`.

Not provided: nothing of the documented interface.
"""

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)

_field_limit = 128 * 1024
_dialects = {}

__all__ = ['Dialect', 'Error', 'QUOTE_ALL', 'QUOTE_MINIMAL',
           'QUOTE_NONE', 'QUOTE_NONNUMERIC', 'field_size_limit',
           'get_dialect', 'list_dialects', 'reader', 'register_dialect',
           'unregister_dialect', 'writer']


class Error(Exception):
    pass


Error.__module__ = '_csv'

_NOT_GIVEN = object()
_PARAMS = ('delimiter', 'doublequote', 'escapechar', 'lineterminator',
           'quotechar', 'quoting', 'skipinitialspace', 'strict')


def _char(name, src, default, allow_none):
    if src is _NOT_GIVEN:
        return default
    if src is None and allow_none:
        return None
    if not isinstance(src, str):
        if allow_none:
            raise TypeError('"%s" must be string or None, not %s'
                            % (name, type(src).__name__))
        raise TypeError('"%s" must be string, not %s'
                        % (name, type(src).__name__))
    if len(src) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return src


def _bool(src, default):
    if src is _NOT_GIVEN:
        return default
    return bool(src)


def _c_int(name, src, default):
    if src is _NOT_GIVEN:
        return default
    if type(src) is not int:
        raise TypeError('"%s" must be an integer' % name)
    if not -2 ** 31 <= src < 2 ** 31:
        raise OverflowError("Python int too large to convert to C int")
    return src


class Dialect:
    """CSV dialect

The Dialect type records CSV parsing and generation options.
"""

    __slots__ = ('_delimiter', '_doublequote', '_escapechar',
                 '_lineterminator', '_quotechar', '_quoting',
                 '_skipinitialspace', '_strict')

    def __new__(cls, dialect=None, **kwargs):
        for key in kwargs:
            if key not in _PARAMS:
                raise TypeError("%r is an invalid keyword argument for this "
                                "function" % (key,))
        if dialect is not None:
            if isinstance(dialect, str):
                dialect = get_dialect(dialect)
            # A ready-made dialect without overrides is shared, not copied.
            if (type(dialect) is Dialect and cls is Dialect
                    and not kwargs):
                return dialect

        def param(name):
            value = kwargs.get(name, _NOT_GIVEN)
            if value is _NOT_GIVEN and dialect is not None:
                try:
                    value = getattr(dialect, name)
                except AttributeError:
                    pass
            return value

        delimiter = param('delimiter')
        doublequote = param('doublequote')
        escapechar = param('escapechar')
        lineterminator = param('lineterminator')
        quotechar = param('quotechar')
        quoting = param('quoting')
        skipinitialspace = param('skipinitialspace')
        strict = param('strict')

        self = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(self, '_delimiter', _char('delimiter', delimiter, ',', False))
        setattr_(self, '_doublequote', _bool(doublequote, True))
        setattr_(self, '_escapechar',
                 _char('escapechar', escapechar, None, True))
        if lineterminator is _NOT_GIVEN:
            lineterminator = '\r\n'
        elif lineterminator is not None and not isinstance(lineterminator,
                                                           str):
            raise TypeError('"lineterminator" must be a string')
        setattr_(self, '_lineterminator', lineterminator)
        setattr_(self, '_quotechar', _char('quotechar', quotechar, '"', True))
        setattr_(self, '_quoting', _c_int('quoting', quoting, QUOTE_MINIMAL))
        setattr_(self, '_skipinitialspace', _bool(skipinitialspace, False))
        setattr_(self, '_strict', _bool(strict, False))

        if self._quoting not in (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC,
                                 QUOTE_NONE):
            raise TypeError('bad "quoting" value')
        # quotechar=None alone means "no quoting at all".
        if quotechar is None and quoting is _NOT_GIVEN:
            setattr_(self, '_quoting', QUOTE_NONE)
        if self._quoting != QUOTE_NONE and self._quotechar is None:
            raise TypeError("quotechar must be set if quoting enabled")
        if self._lineterminator is None:
            raise TypeError("lineterminator must be set")
        return self

    delimiter = property(lambda self: self._delimiter)
    doublequote = property(lambda self: self._doublequote)
    escapechar = property(lambda self: self._escapechar)
    lineterminator = property(lambda self: self._lineterminator)
    quotechar = property(lambda self: self._quotechar)
    quoting = property(lambda self: self._quoting)
    skipinitialspace = property(lambda self: self._skipinitialspace)
    strict = property(lambda self: self._strict)

    def __setattr__(self, name, value):
        if name in _PARAMS:
            raise AttributeError("attribute '%s' of '_csv.Dialect' objects "
                                 "is not writable" % name)
        raise AttributeError("'_csv.Dialect' object has no attribute '%s'"
                             % name)

    def __delattr__(self, name):
        self.__setattr__(name, None)

    def __getattr__(self, name):
        raise AttributeError("'_csv.Dialect' object has no attribute '%s'"
                             % name)

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle '_csv.Dialect' object")


Dialect.__module__ = '_csv'


def _check_args(args, kwargs, least, most):
    # The argument-count errors of the C functions, leading space included.
    n = len(args)
    if n >= 2 and 'dialect' in kwargs:
        raise TypeError("argument for function given by name ('dialect') "
                        "and position (1)")
    if n < least:
        raise TypeError(" expected at least %d argument%s, got %d"
                        % (least, "" if least == 1 else "s", n))
    if n > most:
        raise TypeError(" expected at most %d arguments, got %d" % (most, n))


# --- reading --------------------------------------------------------------

(_START_RECORD, _START_FIELD, _ESCAPED_CHAR, _IN_FIELD, _IN_QUOTED_FIELD,
 _ESCAPE_IN_QUOTED_FIELD, _QUOTE_IN_QUOTED_FIELD, _EAT_CRNL,
 _AFTER_ESCAPED_CRNL) = range(9)

# The end-of-line event fed after each line; not a character.
_EOL = None


class _Parser:
    # The reader's state; the public reader object only exposes it.

    def __init__(self, iterable, dialect):
        self._input = iterable
        self.dialect = dialect
        self.line_num = 0
        self._fields = None
        self._field = []
        self._state = _START_RECORD
        self._numeric = False

    def _save_field(self):
        field = ''.join(self._field)
        self._field = []
        if self._numeric:
            self._numeric = False
            field = float(field)
        self._fields.append(field)

    def _add_char(self, c):
        if len(self._field) >= _field_limit:
            raise Error("field larger than field limit (%d)" % _field_limit)
        self._field.append(c)

    def next(self):
        self._fields = []
        self._field = []
        self._state = _START_RECORD
        self._numeric = False
        process = self._process
        while True:
            try:
                line = next(self._input)
            except StopIteration:
                # Input ends inside a record: keep what was read, unless
                # strict.
                if self._field or self._state == _IN_QUOTED_FIELD:
                    if self.dialect.strict:
                        raise Error("unexpected end of data") from None
                    self._save_field()
                    break
                raise
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s "
                            "(the file should be opened in text mode)"
                            % type(line).__name__)
            self.line_num += 1
            for c in line:
                process(c)
            process(_EOL)
            if self._state == _START_RECORD:
                break
        fields = self._fields
        self._fields = None
        return fields

    def _process(self, c):
        d = self.dialect
        state = self._state
        if state == _START_RECORD:
            if c is _EOL:
                # An empty line: the record is [].
                return
            if c == '\n' or c == '\r':
                self._state = _EAT_CRNL
                return
            state = self._state = _START_FIELD
        if state == _START_FIELD:
            if c is _EOL or c == '\n' or c == '\r':
                self._save_field()
                self._state = _START_RECORD if c is _EOL else _EAT_CRNL
            elif c == d._quotechar and d._quoting != QUOTE_NONE:
                self._state = _IN_QUOTED_FIELD
            elif c == d._escapechar:
                self._state = _ESCAPED_CHAR
            elif c == ' ' and d._skipinitialspace:
                pass
            elif c == d._delimiter:
                self._save_field()
            else:
                if d._quoting == QUOTE_NONNUMERIC:
                    self._numeric = True
                self._add_char(c)
                self._state = _IN_FIELD
        elif state == _ESCAPED_CHAR:
            if c == '\n' or c == '\r':
                self._add_char(c)
                self._state = _AFTER_ESCAPED_CRNL
                return
            if c is _EOL:
                c = '\n'
            self._add_char(c)
            self._state = _IN_FIELD
        elif state == _IN_FIELD or state == _AFTER_ESCAPED_CRNL:
            if state == _AFTER_ESCAPED_CRNL and c is _EOL:
                return
            if c is _EOL or c == '\n' or c == '\r':
                self._save_field()
                self._state = _START_RECORD if c is _EOL else _EAT_CRNL
            elif c == d._escapechar:
                self._state = _ESCAPED_CHAR
            elif c == d._delimiter:
                self._save_field()
                self._state = _START_FIELD
            else:
                # The state stays: after an escaped newline, the end of
                # the line still does not end the record.
                self._add_char(c)
        elif state == _IN_QUOTED_FIELD:
            if c is _EOL:
                pass
            elif c == d._escapechar:
                self._state = _ESCAPE_IN_QUOTED_FIELD
            elif c == d._quotechar and d._quoting != QUOTE_NONE:
                if d._doublequote:
                    self._state = _QUOTE_IN_QUOTED_FIELD
                else:
                    self._state = _IN_FIELD
            else:
                self._add_char(c)
        elif state == _ESCAPE_IN_QUOTED_FIELD:
            if c is _EOL:
                c = '\n'
            self._add_char(c)
            self._state = _IN_QUOTED_FIELD
        elif state == _QUOTE_IN_QUOTED_FIELD:
            if d._quoting != QUOTE_NONE and c == d._quotechar:
                # "" inside quotes is one quote.
                self._add_char(c)
                self._state = _IN_QUOTED_FIELD
            elif c == d._delimiter:
                self._save_field()
                self._state = _START_FIELD
            elif c is _EOL or c == '\n' or c == '\r':
                self._save_field()
                self._state = _START_RECORD if c is _EOL else _EAT_CRNL
            elif not d._strict:
                self._add_char(c)
                self._state = _IN_FIELD
            else:
                raise Error("'%s' expected after '%s'"
                            % (d._delimiter, d._quotechar))
        elif state == _EAT_CRNL:
            if c == '\n' or c == '\r':
                pass
            elif c is _EOL:
                self._state = _START_RECORD
            else:
                raise Error("new-line character seen in unquoted field - "
                            "do you need to open the file in "
                            "universal-newline mode?")


def _readonly(self, name, value):
    if name in ('dialect', 'line_num'):
        raise AttributeError("readonly attribute")
    raise AttributeError("'%s' object has no attribute '%s'"
                         % (_type_name(self), name))


def _type_name(obj):
    return '_csv.' + type(obj).__name__


class Reader:
    """CSV reader

Reader objects are responsible for reading and parsing tabular data
in CSV format.
"""
    __slots__ = ('_p',)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '%s.%s' instances"
                        % (cls.__module__, cls.__name__))

    def __iter__(self):
        return self

    def __next__(self):
        return self._p.next()

    dialect = property(lambda self: self._p.dialect)
    line_num = property(lambda self: self._p.line_num)
    __setattr__ = _readonly


Reader.__name__ = Reader.__qualname__ = 'reader'
Reader.__module__ = '_csv'


def reader(*args, **kwargs):
    """    csv_reader = reader(iterable [, dialect='excel']
                        [optional keyword args])
    for row in csv_reader:
        process(row)

The "iterable" argument can be any object that returns a line
of input for each iteration, such as a file object or a list.  The
optional "dialect" parameter is discussed below.  The function
also accepts optional keyword arguments which override settings
provided by the dialect.

The returned object is an iterator.  Each iteration returns a row
of the CSV file (which can span multiple input lines).
"""
    _check_args(args, kwargs, 1, 2)
    iterable = iter(args[0])
    dialect = Dialect(*args[1:], **kwargs)
    self = object.__new__(Reader)
    object.__setattr__(self, '_p', _Parser(iterable, dialect))
    return self


# --- writing --------------------------------------------------------------

def _is_number(obj):
    # PyNumber_Check: the type converts to int or float.
    t = type(obj)
    return (hasattr(t, '__index__') or hasattr(t, '__int__')
            or hasattr(t, '__float__'))


class Writer:
    """CSV writer

Writer objects are responsible for generating tabular data
in CSV format from sequence input.
"""

    __slots__ = ('_write', '_dialect')

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '%s.%s' instances"
                        % (cls.__module__, cls.__name__))

    dialect = property(lambda self: self._dialect)
    __setattr__ = _readonly

    def _join_field(self, parts, field, quoted):
        # Appends the field to parts (after the delimiter when parts already
        # holds fields); decides on quoting while scanning it.
        d = self._dialect
        specials = (d._delimiter, d._escapechar, d._quotechar)
        lineterminator = d._lineterminator
        out = []
        for c in field:
            if c in specials or c in lineterminator:
                escape = False
                if d._quoting == QUOTE_NONE:
                    escape = True
                else:
                    if c == d._quotechar:
                        if d._doublequote:
                            out.append(c)
                        else:
                            escape = True
                    elif c == d._escapechar:
                        escape = True
                    if not escape:
                        quoted = True
                if escape:
                    if d._escapechar is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(d._escapechar)
            out.append(c)
        if quoted:
            out.insert(0, d._quotechar)
            out.append(d._quotechar)
        parts.append(''.join(out))

    def writerow(self, *args, **kwargs):
        """writerow(iterable)

Construct and write a CSV record from an iterable of fields.  Non-string
elements will be converted to string."""
        row = _one_argument('writer.writerow', args, kwargs)
        d = self._dialect
        try:
            fields = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s"
                        % type(row).__name__) from None
        parts = []
        for field in fields:
            if d._quoting == QUOTE_NONNUMERIC:
                quoted = not _is_number(field)
            else:
                quoted = d._quoting == QUOTE_ALL
            if field is None:
                field = ''
            elif not isinstance(field, str):
                field = str(field)
            self._join_field(parts, field, quoted)
        line = d._delimiter.join(parts)
        if len(parts) == 1 and not line:
            # A lone empty field would read back as an empty record.
            if d._quoting == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            line = d._quotechar * 2
        return self._write(line + d._lineterminator)

    def writerows(self, *args, **kwargs):
        """writerows(iterable of iterables)

Construct and write a series of iterables to a csv file.  Non-string
elements will be converted to string."""
        rows = _one_argument('writer.writerows', args, kwargs)
        for row in rows:
            self.writerow(row)


Writer.__name__ = Writer.__qualname__ = 'writer'
Writer.__module__ = '_csv'


def writer(*args, **kwargs):
    """    csv_writer = csv.writer(fileobj [, dialect='excel']
                            [optional keyword args])
    for row in sequence:
        csv_writer.writerow(row)

    [or]

    csv_writer = csv.writer(fileobj [, dialect='excel']
                            [optional keyword args])
    csv_writer.writerows(rows)

The "fileobj" argument can be any object that supports the file API.
"""
    _check_args(args, kwargs, 1, 2)
    try:
        write = args[0].write
    except AttributeError:
        raise TypeError('argument 1 must have a "write" method') from None
    dialect = Dialect(*args[1:], **kwargs)
    self = object.__new__(Writer)
    object.__setattr__(self, '_write', write)
    object.__setattr__(self, '_dialect', dialect)
    return self


def _one_argument(name, args, kwargs):
    # METH_O methods: exactly one positional argument.
    if kwargs:
        raise TypeError("%s() takes no keyword arguments" % name)
    if len(args) != 1:
        raise TypeError("%s() takes exactly one argument (%d given)"
                        % (name, len(args)))
    return args[0]


# --- the dialect registry -------------------------------------------------

def register_dialect(*args, **kwargs):
    """Create a mapping from a string name to a dialect class.
    dialect = csv.register_dialect(name[, dialect[, **fmtparams]])"""
    _check_args(args, kwargs, 1, 2)
    name = args[0]
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = Dialect(*args[1:], **kwargs)


def _name_argument(fname, args, kwargs):
    # The C functions' own parsing of their one 'name' argument.
    if len(args) + len(kwargs) > 1:
        raise TypeError("%s() takes at most 1 argument (%d given)"
                        % (fname, len(args) + len(kwargs)))
    if args:
        return args[0]
    if 'name' in kwargs:
        return kwargs['name']
    raise TypeError("%s() missing required argument 'name' (pos 1)" % fname)


def unregister_dialect(*args, **kwargs):
    """Delete the name/dialect mapping associated with a string name.
    csv.unregister_dialect(name)"""
    name = _name_argument('unregister_dialect', args, kwargs)
    try:
        del _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def get_dialect(*args, **kwargs):
    """Return the dialect instance associated with name.
    dialect = csv.get_dialect(name)"""
    name = _name_argument('get_dialect', args, kwargs)
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects(*args, **kwargs):
    """Return a list of all know dialect names.
    names = csv.list_dialects()"""
    if kwargs:
        raise TypeError("_csv.list_dialects() takes no keyword arguments")
    if args:
        raise TypeError("_csv.list_dialects() takes no arguments (%d given)"
                        % len(args))
    return list(_dialects)


def field_size_limit(*args, **kwargs):
    """Sets an upper limit on parsed fields.
    csv.field_size_limit([limit])

Returns old limit. If limit is not given, no new limit is set and
the old limit is returned"""
    global _field_limit
    if len(args) + len(kwargs) > 1:
        raise TypeError("field_size_limit() takes at most 1 argument "
                        "(%d given)" % (len(args) + len(kwargs)))
    for key in kwargs:
        if key != 'new_limit':
            raise TypeError("%r is an invalid keyword argument for "
                            "field_size_limit()" % (key,))
    args += tuple(kwargs.values())
    old = _field_limit
    if args:
        limit = args[0]
        if not isinstance(limit, int):
            raise TypeError("limit must be an integer")
        if not -2 ** 63 <= limit < 2 ** 63:
            raise OverflowError("Python int too large to convert to C long")
        _field_limit = limit
    return old
