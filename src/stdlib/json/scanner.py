"""`json.scanner`: the scanner that turns JSON text into Python values.

This is the hot loop of `json.loads`.  CPython has two scanners, the C one in
`_json` (the one it really uses) and a regular-expression fallback.  apy has no
`re`, and a hand-written scanner that crosses runs of characters with str
methods (`find`, `isprintable`, `startswith`) is faster under apy anyway, so
this module holds a single scanner written to behave like CPython's C one:

- the same error messages at the same positions (`JSONDecodeError`), and the
  same `StopIteration(idx)` protocol for "no JSON value starts here", which
  `JSONDecoder.raw_decode` turns into "Expecting value";
- the decoder's hooks (`object_hook`, `object_pairs_hook`, `parse_float`,
  `parse_int`, `parse_constant`, `strict`) are read once, when the scanner is
  made, as the C scanner does;
- each nested array or object costs one Python frame, so deeply nested input
  fails near the recursion limit like CPython, with CPython's message.

`make_scanner(context)` and `scanstring(s, end, strict)` are the two entry
points; as in CPython, the native ones of `_json` replace them when present
(this module's stay as `py_make_scanner` and `py_scanstring`).

Not provided: NUMBER_RE (a regular expression; apy has no `re`).
"""

__all__ = ['make_scanner']

# Only these four characters are JSON whitespace (not \f, \v or Unicode spaces).
_WS = ' \t\n\r'
_DIGITS = '0123456789'
_HEX = '0123456789abcdefABCDEF'
# Stands for "past the end of the document": longer than one character, so it
# never equals a character of the document and is not `in` _WS.
_END = '<end>'

_ESCAPES = {
    '"': '"', '\\': '\\', '/': '/',
    'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

_RECURSION = 'maximum recursion depth exceeded'
_IN_ARRAY = _RECURSION + ' while decoding a JSON array from a unicode string'
_IN_OBJECT = _RECURSION + ' while decoding a JSON object from a unicode string'


def _error(msg, doc, pos):
    # Imported late: json.decoder imports this module.
    from .decoder import JSONDecodeError
    return JSONDecodeError(msg, doc, pos)


def _check_controls(s, chunk, offset):
    """Raise for the first control character of `chunk` (which starts at
    `offset` in `s`), if any: strict mode forbids raw U+0000-U+001F."""
    if chunk and min(chunk) < ' ':
        i = 0
        for ch in chunk:
            if ch < ' ':
                raise _error('Invalid control character at', s, offset + i)
            i += 1


def _hex4(s, pos):
    """The value of the four hex digits at s[pos:pos+4], or -1."""
    h = s[pos:pos + 4]
    for ch in h:
        if ch not in _HEX:
            return -1
    return int(h, 16)


def _scanstring(s, end, strict, recode=None):
    # The general string scanner, for strings with escapes, control
    # characters or no closing quote; `end` is just past the opening quote.
    n = len(s)
    begin = end - 1
    find = s.find
    chunks = []
    append = chunks.append
    while True:
        quote = find('"', end)
        if quote < 0:
            quote = n
        slash = find('\\', end, quote)
        stop = quote if slash < 0 else slash
        if stop > end:
            chunk = s[end:stop]
            if strict and not chunk.isprintable():
                _check_controls(s, chunk, end)
            if recode is not None:
                chunk = recode(chunk, end)
            append(chunk)
        if stop == n:
            raise _error('Unterminated string starting at', s, begin)
        if stop == quote:
            return ''.join(chunks), quote + 1
        end = slash + 1
        if end == n:
            raise _error('Unterminated string starting at', s, begin)
        c = s[end]
        if c != 'u':
            ch = _ESCAPES.get(c)
            if ch is None:
                raise _error('Invalid \\escape', s, slash)
            append(ch)
            end += 1
            continue
        # \uXXXX: the four digits must be followed by at least one character.
        end += 5
        if end >= n:
            raise _error('Invalid \\uXXXX escape', s, slash + 1)
        code = _hex4(s, slash + 2)
        if code < 0:
            raise _error('Invalid \\uXXXX escape', s, slash + 1)
        # A high surrogate escape followed by a low one is one character;
        # anything else after it leaves it a lone surrogate.
        if (0xd800 <= code <= 0xdbff and end + 6 < n
                and s[end] == '\\' and s[end + 1] == 'u'):
            low = _hex4(s, end + 2)
            if low < 0:
                raise _error('Invalid \\uXXXX escape', s, end + 1)
            if 0xdc00 <= low <= 0xdfff:
                code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                end += 6
        append(chr(code))


# str.translate table deleting ASCII characters.
_ASCII_DROP = dict.fromkeys(range(128))
# Placeholder candidates for _shadow: ASCII characters that, like any
# non-ASCII character, mean nothing in JSON (not whitespace, structure, digit,
# sign, exponent, hex digit, escape letter or letter of a constant).
_PLACEHOLDERS = '\x7f~`^|@#$%&!?;<>=()*_xzqjkwvghopmXZQJKWVGHOPM'


def _shadow(s):
    """For a non-ASCII document `s`: (shadow, recode), or (None, None).

    apy stores str as UTF-8, so indexing, slicing or searching a non-ASCII
    str from a position costs time proportional to the position, and a
    scanner doing that per token is quadratic.  The scanner therefore runs on
    a shadow of the document, an ASCII str of the same length in which each
    non-ASCII character is replaced by an inert ASCII placeholder chosen by
    the character's UTF-8 length; positions, and so error positions, are
    unchanged.  `recode(text, start)` turns the shadow of a string's contents
    back into the original, decoding the matching range of the document's
    UTF-8 bytes, whose offset follows from counting placeholders."""
    table = {}
    widths = [False, False, False, False, False]
    # set() of the non-ASCII characters only: making a str of every
    # character of a big document is what costs.
    for ch in set(s.translate(_ASCII_DROP)):
        code = ord(ch)
        if code > 0x7f:
            width = 2 if code < 0x800 else 3 if code < 0x10000 else 4
            widths[width] = True
            table[code] = width
    marks = [None, None, None, None, None]
    pick = iter(_PLACEHOLDERS)
    for width in (2, 3, 4):
        if widths[width]:
            for ch in pick:
                if ch not in s:
                    marks[width] = ch
                    break
            else:
                return None, None
    for code in table:
        table[code] = marks[table[code]]
    shadow = s.translate(table)
    data = s.encode('utf-8', 'surrogatepass')
    # A width without characters gets a non-ASCII mark: never found in the
    # all-ASCII shadow, it counts nothing.
    m2 = marks[2] or '\u0100'
    m3 = marks[3] or '\u0100'
    m4 = marks[4] or '\u0100'
    count = shadow.count
    cursor = [0, 0]         # a char offset in s and its byte offset in data

    def recode(text, start):
        if m2 not in text and m3 not in text and m4 not in text:
            return text
        char, byte = cursor
        if start < char:
            char = byte = 0
        byte += (start - char + count(m2, char, start)
                 + 2 * count(m3, char, start) + 3 * count(m4, char, start))
        end = byte + (len(text) + text.count(m2) + 2 * text.count(m3)
                      + 3 * text.count(m4))
        cursor[0] = start + len(text)
        cursor[1] = end
        return data[byte:end].decode('utf-8', 'surrogatepass')

    return shadow, recode


def scanstring(*args, **kwargs):
    """scanstring(string, end, strict=True) -> (str, end)

    Decode the JSON string whose opening quote is at string[end - 1].
    Returns (the decoded str, the index just past the closing quote).  Escapes
    are resolved; raw control characters are an error unless `strict` is false.
    """
    # Positional arguments only, checked in the C function's order.
    if kwargs:
        raise TypeError('scanstring() takes no keyword arguments')
    if len(args) < 2:
        raise TypeError('scanstring() takes at least 2 arguments (%d given)'
                        % len(args))
    if len(args) > 3:
        raise TypeError('scanstring() takes at most 3 arguments (%d given)'
                        % len(args))
    string = args[0]
    end = args[1]
    if type(end) is not int:
        end = _index(end)
    strict = True
    if len(args) == 3:
        strict = args[2]
        if type(strict) is not int and type(strict) is not bool:
            strict = _index(strict)
        strict = bool(strict)
    if not isinstance(string, str):
        raise TypeError('first argument must be a string, not %.80s'
                        % type(string).__name__)
    if end < 0 or end > len(string):
        raise ValueError('end is out of bounds')
    s = string if type(string) is str else str.__str__(string)
    recode = None
    if not s.isascii():
        shadow, recode = _shadow(s)
        if shadow is not None:
            s = shadow
    try:
        return _scanstring(s, end, strict, recode)
    except ValueError as err:
        if s is not string and getattr(err, 'doc', None) is s:
            err.doc = string
        raise


def _index(value):
    try:
        index = type(value).__index__
    except AttributeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(value).__name__) from None
    return index(value)


def _skip_ws(s, idx, n):
    # Called with s[idx - 1] already known to be whitespace: crosses the rest
    # of a run (indentation) a window at a time instead of a char at a time.
    while idx < n:
        window = s[idx:idx + 32]
        rest = window.lstrip(_WS)
        idx += len(window) - len(rest)
        if rest:
            return idx
    return idx


def make_scanner(context):
    """Returns `scan_once(string, idx) -> (value, end)`, which decodes the JSON
    value starting at string[idx] with the hooks of `context` (a JSONDecoder)
    and raises StopIteration(idx) when no value starts there."""
    strict = bool(context.strict)
    object_hook = context.object_hook
    pairs_hook = context.object_pairs_hook
    parse_float = context.parse_float
    parse_int = context.parse_int
    parse_constant = context.parse_constant
    if parse_float is float:
        parse_float = None
    if parse_int is int:
        parse_int = None
    WS = _WS
    END = _END
    DIGITS = _DIGITS
    # Set by scan_once for the document being scanned: None for an ASCII
    # document, else the function giving back the original text of a string
    # found in its ASCII shadow (see _shadow).
    recode = None

    def scalar(s, idx, c):
        # Constants and numbers; `c` is s[idx].
        if c == 'n':
            if s.startswith('null', idx):
                return None, idx + 4
        elif c == 't':
            if s.startswith('true', idx):
                return True, idx + 4
        elif c == 'f':
            if s.startswith('false', idx):
                return False, idx + 5
        elif c == 'N':
            if s.startswith('NaN', idx):
                return parse_constant('NaN'), idx + 3
        elif c == 'I':
            if s.startswith('Infinity', idx):
                return parse_constant('Infinity'), idx + 8
        elif c == '-':
            if s.startswith('-Infinity', idx):
                return parse_constant('-Infinity'), idx + 9
        n = len(s)
        start = idx
        if c == '-':
            idx += 1
            if idx >= n:
                raise StopIteration(start)
            c = s[idx]
        if c == '0':
            idx += 1
        elif c in DIGITS:
            idx += 1
            while idx < n and s[idx] in DIGITS:
                idx += 1
        else:
            raise StopIteration(start)
        is_float = False
        # A fraction needs a digit after the point, an exponent at least one
        # digit; otherwise the number ends before the '.' or 'e'.
        if idx + 1 < n:
            c = s[idx]
            if c == '.' and s[idx + 1] in DIGITS:
                is_float = True
                idx += 2
                while idx < n and s[idx] in DIGITS:
                    idx += 1
                if idx + 1 < n:
                    c = s[idx]
            if (c == 'e' or c == 'E') and idx + 1 < n:
                mark = idx
                idx += 1
                if idx + 1 < n and (s[idx] == '-' or s[idx] == '+'):
                    idx += 1
                digits = idx
                while idx < n and s[idx] in DIGITS:
                    idx += 1
                if idx > digits:
                    is_float = True
                else:
                    idx = mark
        text = s[start:idx]
        if is_float:
            if parse_float is None:
                return float(text), idx
            return parse_float(text), idx
        if parse_int is None:
            return int(text), idx
        return parse_int(text), idx

    def parse_array(s, idx):
        # `idx` is just past the '['.
        n = len(s)
        find = s.find
        values = []
        append = values.append
        try:
            c = s[idx] if idx < n else END
            if c in WS:
                idx += 1
                c = s[idx] if idx < n else END
                if c in WS:
                    idx = _skip_ws(s, idx + 1, n)
                    c = s[idx] if idx < n else END
            if c == ']':
                return values, idx + 1
            while True:
                if c == '"':
                    j = find('"', idx + 1)
                    value = s[idx + 1:j]
                    if j > 0 and '\\' not in value and (
                            not strict or value.isprintable()):
                        if recode is not None:
                            value = recode(value, idx + 1)
                        idx = j + 1
                    else:
                        value, idx = _scanstring(s, idx + 1, strict, recode)
                elif c == '{':
                    value, idx = parse_object(s, idx + 1)
                elif c == '[':
                    value, idx = parse_array(s, idx + 1)
                elif c == END:
                    raise StopIteration(idx)
                else:
                    value, idx = scalar(s, idx, c)
                append(value)
                c = s[idx] if idx < n else END
                if c in WS:
                    idx += 1
                    c = s[idx] if idx < n else END
                    if c in WS:
                        idx = _skip_ws(s, idx + 1, n)
                        c = s[idx] if idx < n else END
                if c == ',':
                    idx += 1
                    c = s[idx] if idx < n else END
                    if c in WS:
                        idx += 1
                        c = s[idx] if idx < n else END
                        if c in WS:
                            idx = _skip_ws(s, idx + 1, n)
                            c = s[idx] if idx < n else END
                elif c == ']':
                    return values, idx + 1
                else:
                    raise _error("Expecting ',' delimiter", s, idx)
        except RecursionError as err:
            # No Python-level calls in here: near the limit they would
            # overflow again.
            if err.args and err.args[0] == _RECURSION:
                if idx < n and s[idx] == '{':
                    raise RecursionError(_IN_OBJECT) from None
                raise RecursionError(_IN_ARRAY) from None
            raise

    def parse_object(s, idx):
        # `idx` is just past the '{'.
        n = len(s)
        find = s.find
        if pairs_hook is not None:
            pairs = []
            append = pairs.append
        else:
            pairs = None
            obj = {}
        try:
            c = s[idx] if idx < n else END
            if c in WS:
                idx += 1
                c = s[idx] if idx < n else END
                if c in WS:
                    idx = _skip_ws(s, idx + 1, n)
                    c = s[idx] if idx < n else END
            if c != '}':
                while True:
                    if c != '"':
                        raise _error(
                            'Expecting property name enclosed in double quotes',
                            s, idx)
                    j = find('"', idx + 1)
                    key = s[idx + 1:j]
                    if j > 0 and '\\' not in key and (
                            not strict or key.isprintable()):
                        if recode is not None:
                            key = recode(key, idx + 1)
                        idx = j + 1
                    else:
                        key, idx = _scanstring(s, idx + 1, strict, recode)
                    c = s[idx] if idx < n else END
                    if c != ':':
                        if c in WS:
                            idx += 1
                            c = s[idx] if idx < n else END
                            if c in WS:
                                idx = _skip_ws(s, idx + 1, n)
                                c = s[idx] if idx < n else END
                        if c != ':':
                            raise _error("Expecting ':' delimiter", s, idx)
                    idx += 1
                    c = s[idx] if idx < n else END
                    if c in WS:
                        idx += 1
                        c = s[idx] if idx < n else END
                        if c in WS:
                            idx = _skip_ws(s, idx + 1, n)
                            c = s[idx] if idx < n else END
                    if c == '"':
                        j = find('"', idx + 1)
                        value = s[idx + 1:j]
                        if j > 0 and '\\' not in value and (
                                not strict or value.isprintable()):
                            if recode is not None:
                                value = recode(value, idx + 1)
                            idx = j + 1
                        else:
                            value, idx = _scanstring(s, idx + 1, strict, recode)
                    elif c == '{':
                        value, idx = parse_object(s, idx + 1)
                    elif c == '[':
                        value, idx = parse_array(s, idx + 1)
                    elif c == END:
                        raise StopIteration(idx)
                    else:
                        value, idx = scalar(s, idx, c)
                    if pairs is None:
                        obj[key] = value
                    else:
                        append((key, value))
                    c = s[idx] if idx < n else END
                    if c in WS:
                        idx += 1
                        c = s[idx] if idx < n else END
                        if c in WS:
                            idx = _skip_ws(s, idx + 1, n)
                            c = s[idx] if idx < n else END
                    if c == ',':
                        idx += 1
                        c = s[idx] if idx < n else END
                        if c in WS:
                            idx += 1
                            c = s[idx] if idx < n else END
                            if c in WS:
                                idx = _skip_ws(s, idx + 1, n)
                                c = s[idx] if idx < n else END
                    elif c == '}':
                        break
                    else:
                        raise _error("Expecting ',' delimiter", s, idx)
        except RecursionError as err:
            if err.args and err.args[0] == _RECURSION:
                if idx < n and s[idx] == '[':
                    raise RecursionError(_IN_ARRAY) from None
                raise RecursionError(_IN_OBJECT) from None
            raise
        idx += 1
        if pairs is not None:
            return pairs_hook(pairs), idx
        if object_hook is not None:
            return object_hook(obj), idx
        return obj, idx

    def scan_once(string, idx):
        nonlocal recode
        if type(idx) is not int:
            idx = _index(idx)
        if not isinstance(string, str):
            raise TypeError('first argument must be a string, not %.80s'
                            % type(string).__name__)
        if idx < 0:
            raise ValueError('idx cannot be negative')
        if idx >= len(string):
            raise StopIteration(idx)
        outer = recode
        # A str subclass is read as its plain characters (its methods may
        # be overridden); errors still name the document given.
        s = string if type(string) is str else str.__str__(string)
        if s.isascii():
            recode = None
        else:
            plain = s
            s, recode = _shadow(plain)
            if s is None:
                s = plain
        try:
            c = s[idx]
            if c == '"':
                return _scanstring(s, idx + 1, strict, recode)
            if c == '[' or c == '{':
                try:
                    if c == '[':
                        return parse_array(s, idx + 1)
                    return parse_object(s, idx + 1)
                except RecursionError as err:
                    if err.args and err.args[0] == _RECURSION:
                        raise RecursionError(
                            _IN_ARRAY if c == '[' else _IN_OBJECT) from None
                    raise
            return scalar(s, idx, c)
        except ValueError as err:
            # Errors found in the shadow or the plain copy belong to the
            # document given.
            if s is not string and getattr(err, 'doc', None) is s:
                err.doc = string
            raise
        finally:
            recode = outer

    return scan_once


py_make_scanner = make_scanner
py_scanstring = scanstring
try:
    from _json import make_scanner as c_make_scanner
    from _json import scanstring as c_scanstring
except ImportError:
    c_make_scanner = None
    c_scanstring = None
make_scanner = c_make_scanner or py_make_scanner
scanstring = c_scanstring or py_scanstring
