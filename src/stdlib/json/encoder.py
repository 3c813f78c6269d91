"""`json.encoder`: JSONEncoder and the string escaping functions.

CPython encodes with two engines that differ in small visible ways: the C
encoder of `_json` for one-shot encoding without indent (`dumps`), and the
pure-Python generator `_make_iterencode` otherwise (`dumps` with indent,
`dump`, `iterencode`).  Both are reproduced:

- `_make_encoder` builds the whole text into one list and joins it; it is the
  hot path of `dumps` (with or without indent) and the one piece a native
  implementation can stand in for.  With `c_errors` it speaks like the C
  encoder ("Out of range float values are not JSON compliant" without the
  value, "... while encoding a JSON object" on deep recursion), without it
  like the Python one (the message ends with ": nan").
- `_make_iterencode` is a generator yielding the very chunks CPython's
  generator yields, lazily, so `dump` writes the same pieces to the file in
  the same order, interleaved the same way with calls of `default`.

String escaping uses str.isascii/isprintable to let the common string through
untouched and str.translate for the rest, instead of a per-character loop.

As in CPython, the native `_json` versions (c_make_encoder,
c_encode_basestring, c_encode_basestring_ascii) are used when present; the
Python ones stay as fallbacks.

Not provided: the regular expressions ESCAPE, ESCAPE_ASCII and HAS_UTF8.
"""

INFINITY = float('inf')

# Escapes for the characters JSON strings cannot hold raw.
ESCAPE_DCT = {
    '\\': '\\\\',
    '"': '\\"',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
}
for _i in range(0x20):
    ESCAPE_DCT.setdefault(chr(_i), '\\u%04x' % _i)
del _i

try:
    from _json import encode_basestring_ascii as c_encode_basestring_ascii
    from _json import encode_basestring as c_encode_basestring
    from _json import make_encoder as c_make_encoder
except ImportError:
    c_make_encoder = None
    c_encode_basestring = None
    c_encode_basestring_ascii = None

# str.translate tables for control characters ('"' and backslash are
# escaped first, with str.replace): _BASIC for ensure_ascii=False, _ASCII
# for ensure_ascii=True, which also escapes DEL and grows a cache of the
# non-ASCII characters met, so each is formatted once.
_BASIC = {ord(k): v for k, v in ESCAPE_DCT.items() if k != '"' and k != '\\'}
_ASCII = dict(_BASIC)
_ASCII[0x7f] = '\\u007f'
_ASCII_SIZE = len(_ASCII)
_ASCII_DROP = dict.fromkeys(range(128))


def _exact_str(s):
    # The characters of a str subclass as a plain str, so that methods the
    # subclass overrides play no part (CPython reads the raw characters).
    if not isinstance(s, str):
        raise TypeError('first argument must be a string, not %.80s'
                        % type(s).__name__)
    return str.__str__(s)


def encode_basestring(s):
    """Return the JSON string literal for the str `s`: in double quotes, with
    only '"', backslash and control characters escaped."""
    if type(s) is not str:
        s = _exact_str(s)
    if '"' in s or '\\' in s:
        s = s.replace('\\', '\\\\').replace('"', '\\"')
    if not s.isprintable() and min(s) < ' ':
        s = s.translate(_BASIC)
    return '"' + s + '"'


def encode_basestring_ascii(s):
    """Return the ASCII-only JSON string literal for the str `s`: as
    encode_basestring, and every non-ASCII character (and DEL) as a \\uXXXX
    escape, astral characters as a surrogate pair of them."""
    if type(s) is not str:
        s = _exact_str(s)
    if '"' in s or '\\' in s:
        s = s.replace('\\', '\\\\').replace('"', '\\"')
    if s.isascii():
        if not s.isprintable():
            s = s.translate(_ASCII)
        return '"' + s + '"'
    table = _ASCII
    if len(table) > 4096 + _ASCII_SIZE:
        for code in [c for c in table if c > 0x7f]:
            del table[code]
    # For a long str, set() of its non-ASCII characters only is cheaper.
    for ch in set(s.translate(_ASCII_DROP) if len(s) > 200 else s):
        code = ord(ch)
        if code > 0x7f and code not in table:
            if code < 0x10000:
                table[code] = '\\u%04x' % code
            else:
                code -= 0x10000
                table[code + 0x10000] = '\\u%04x\\u%04x' % (
                    0xd800 | (code >> 10), 0xdc00 | (code & 0x3ff))
    return '"' + s.translate(table) + '"'


py_encode_basestring = encode_basestring
py_encode_basestring_ascii = encode_basestring_ascii
encode_basestring = c_encode_basestring or py_encode_basestring
encode_basestring_ascii = c_encode_basestring_ascii or py_encode_basestring_ascii

_RECURSION = 'maximum recursion depth exceeded'


def _floatstr_maker(allow_nan, c_errors):
    float_repr = float.__repr__

    def floatstr(o):
        if o != o:
            text = 'NaN'
        elif o == INFINITY:
            text = 'Infinity'
        elif o == -INFINITY:
            text = '-Infinity'
        else:
            return float_repr(o)
        if not allow_nan:
            if c_errors:
                raise ValueError(
                    'Out of range float values are not JSON compliant')
            raise ValueError(
                'Out of range float values are not JSON compliant: ' + repr(o))
        return text

    return floatstr


def _bad_key(key):
    return TypeError('keys must be str, int, float, bool or None, not %s'
                     % key.__class__.__name__)


def _make_encoder(markers, default, encoder, indent, key_separator,
                  item_separator, sort_keys, skipkeys, allow_nan,
                  c_errors=True):
    """Returns `encode(o, indent_level)`, giving [JSON text of o] in one go.

    `indent` is None or a str; `markers` a dict for detecting cycles or None."""
    floatstr = _floatstr_maker(allow_nan, c_errors)
    int_repr = int.__repr__
    chunks = []
    append = chunks.append

    def enc_list(lst, level):
        if not lst:
            append('[]')
            return
        if markers is not None:
            marker = id(lst)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = lst
        if indent is None:
            pre = '['
            sep = item_separator
        else:
            level += 1
            newline = '\n' + indent * level
            pre = '[' + newline
            sep = item_separator + newline
        for v in lst:
            t = type(v)
            if t is str:
                append(pre + encoder(v))
            elif t is int:
                append(pre + int_repr(v))
            elif t is float:
                append(pre + floatstr(v))
            elif v is None:
                append(pre + 'null')
            elif v is True:
                append(pre + 'true')
            elif v is False:
                append(pre + 'false')
            else:
                append(pre)
                if t is dict:
                    enc_dict(v, level)
                elif t is list:
                    enc_list(v, level)
                else:
                    enc_any(v, level)
            pre = sep
        if indent is not None:
            append('\n' + indent * (level - 1))
        append(']')
        if markers is not None:
            del markers[marker]

    def enc_dict(dct, level):
        if not dct:
            append('{}')
            return
        if markers is not None:
            marker = id(dct)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = dct
        if indent is None:
            opening = pre = '{'
            sep = item_separator
        else:
            level += 1
            newline = '\n' + indent * level
            opening = pre = '{' + newline
            sep = item_separator + newline
        items = sorted(dct.items()) if sort_keys else dct.items()
        for k, v in items:
            if type(k) is str or isinstance(k, str):
                pass
            elif isinstance(k, float):
                k = floatstr(k)
            elif k is True:
                k = 'true'
            elif k is False:
                k = 'false'
            elif k is None:
                k = 'null'
            elif isinstance(k, int):
                k = int_repr(k)
            elif skipkeys:
                continue
            else:
                raise _bad_key(k)
            k = pre + encoder(k) + key_separator
            pre = sep
            t = type(v)
            if t is str:
                append(k + encoder(v))
            elif t is int:
                append(k + int_repr(v))
            elif t is float:
                append(k + floatstr(v))
            elif v is None:
                append(k + 'null')
            elif v is True:
                append(k + 'true')
            elif v is False:
                append(k + 'false')
            else:
                append(k)
                if t is dict:
                    enc_dict(v, level)
                elif t is list:
                    enc_list(v, level)
                else:
                    enc_any(v, level)
        if pre is opening:
            # Every key was skipped.
            append(opening)
        if indent is not None:
            append('\n' + indent * (level - 1))
        append('}')
        if markers is not None:
            del markers[marker]

    def enc_any(o, level):
        # Any value, subclasses of the JSON types included; the C encoder's
        # order of checks.
        if o is None:
            append('null')
        elif o is True:
            append('true')
        elif o is False:
            append('false')
        elif isinstance(o, str):
            append(encoder(o))
        elif isinstance(o, float):
            append(floatstr(o))
        elif isinstance(o, int):
            append(int_repr(o))
        elif isinstance(o, (list, tuple)):
            enc_list(o, level)
        elif isinstance(o, dict):
            enc_dict(o, level)
        else:
            if markers is not None:
                marker = id(o)
                if marker in markers:
                    raise ValueError('Circular reference detected')
                markers[marker] = o
            enc_any(default(o), level)
            if markers is not None:
                del markers[marker]

    def encode(o, indent_level):
        chunks.clear()
        try:
            enc_any(o, indent_level)
        except RecursionError as err:
            if c_errors and err.args and err.args[0] == _RECURSION:
                raise RecursionError(
                    _RECURSION + ' while encoding a JSON object') from None
            raise
        text = ''.join(chunks)
        chunks.clear()
        return [text]

    return encode


def _make_iterencode(markers, _default, _encoder, _indent, _floatstr,
                     _key_separator, _item_separator, _sort_keys, _skipkeys,
                     _one_shot=False):
    # A generator over the chunks of the text, in CPython's chunking: a
    # scalar array item comes with the separator before it, a nested
    # container is preceded by the separator alone, an object key, the key
    # separator and a scalar value are separate chunks.
    int_repr = int.__repr__

    def iter_list(lst, level):
        if not lst:
            yield '[]'
            return
        if markers is not None:
            marker = id(lst)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = lst
        buf = '['
        if _indent is not None:
            level += 1
            newline = '\n' + _indent * level
            sep = _item_separator + newline
            buf += newline
        else:
            newline = None
            sep = _item_separator
        for v in lst:
            if isinstance(v, str):
                yield buf + _encoder(v)
            elif v is None:
                yield buf + 'null'
            elif v is True:
                yield buf + 'true'
            elif v is False:
                yield buf + 'false'
            elif isinstance(v, int):
                yield buf + int_repr(v)
            elif isinstance(v, float):
                yield buf + _floatstr(v)
            else:
                yield buf
                if isinstance(v, (list, tuple)):
                    yield from iter_list(v, level)
                elif isinstance(v, dict):
                    yield from iter_dict(v, level)
                else:
                    yield from iter_any(v, level)
            buf = sep
        if newline is not None:
            yield '\n' + _indent * (level - 1)
        yield ']'
        if markers is not None:
            del markers[marker]

    def iter_dict(dct, level):
        if not dct:
            yield '{}'
            return
        if markers is not None:
            marker = id(dct)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = dct
        yield '{'
        if _indent is not None:
            level += 1
            newline = '\n' + _indent * level
            sep = _item_separator + newline
            yield newline
        else:
            newline = None
            sep = _item_separator
        first = True
        items = sorted(dct.items()) if _sort_keys else dct.items()
        for k, v in items:
            if isinstance(k, str):
                pass
            elif isinstance(k, float):
                k = _floatstr(k)
            elif k is True:
                k = 'true'
            elif k is False:
                k = 'false'
            elif k is None:
                k = 'null'
            elif isinstance(k, int):
                k = int_repr(k)
            elif _skipkeys:
                continue
            else:
                raise _bad_key(k)
            if first:
                first = False
            else:
                yield sep
            yield _encoder(k)
            yield _key_separator
            if isinstance(v, str):
                yield _encoder(v)
            elif v is None:
                yield 'null'
            elif v is True:
                yield 'true'
            elif v is False:
                yield 'false'
            elif isinstance(v, int):
                yield int_repr(v)
            elif isinstance(v, float):
                yield _floatstr(v)
            elif isinstance(v, (list, tuple)):
                yield from iter_list(v, level)
            elif isinstance(v, dict):
                yield from iter_dict(v, level)
            else:
                yield from iter_any(v, level)
        if newline is not None:
            yield '\n' + _indent * (level - 1)
        yield '}'
        if markers is not None:
            del markers[marker]

    def iter_any(o, level):
        if isinstance(o, str):
            yield _encoder(o)
        elif o is None:
            yield 'null'
        elif o is True:
            yield 'true'
        elif o is False:
            yield 'false'
        elif isinstance(o, int):
            yield int_repr(o)
        elif isinstance(o, float):
            yield _floatstr(o)
        elif isinstance(o, (list, tuple)):
            yield from iter_list(o, level)
        elif isinstance(o, dict):
            yield from iter_dict(o, level)
        else:
            if markers is not None:
                marker = id(o)
                if marker in markers:
                    raise ValueError('Circular reference detected')
                markers[marker] = o
            o = _default(o)
            yield from iter_any(o, level)
            if markers is not None:
                del markers[marker]

    return iter_any


class JSONEncoder(object):
    """Encodes Python values as JSON: dict as object, list and tuple as
    array, str as string, int and float (and their subclasses, such as int
    enums) as numbers, True/False/None as true/false/null.  Anything else is
    handed to `default`, which must return an encodable value or raise
    TypeError.
    """
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
            check_circular=True, allow_nan=True, sort_keys=False,
            indent=None, separators=None, default=None):
        """skipkeys: leave out keys that are not str, int, float, bool or
        None instead of raising TypeError.  ensure_ascii: escape every
        non-ASCII character.  check_circular: detect reference cycles
        (otherwise they end in RecursionError).  allow_nan: write NaN and
        the infinities as NaN/Infinity/-Infinity instead of raising
        ValueError.  sort_keys: write object keys in sorted order.
        indent: a number of spaces or a str to indent nested levels with,
        one item per line.  separators: an (item_separator, key_separator)
        pair; default (', ', ': '), or (',', ': ') with an indent.
        default: a function called for values that are not encodable.
        """
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        """Return an encodable stand-in for `o`, or raise TypeError (as this
        base version does).  Override it in a subclass to encode more types."""
        raise TypeError(f'Object of type {o.__class__.__name__} '
                        f'is not JSON serializable')

    def encode(self, o):
        """Return the JSON text of the Python value `o` as a str."""
        if isinstance(o, str):
            if self.ensure_ascii:
                return encode_basestring_ascii(o)
            return encode_basestring(o)
        chunks = self.iterencode(o, _one_shot=True)
        if not isinstance(chunks, (list, tuple)):
            chunks = list(chunks)
        return ''.join(chunks)

    def iterencode(self, o, _one_shot=False):
        """Encode `o` lazily, yielding the JSON text in pieces:

            for chunk in JSONEncoder().iterencode(bigobject):
                mysocket.write(chunk)
        """
        markers = {} if self.check_circular else None
        if self.ensure_ascii:
            _encoder = encode_basestring_ascii
        else:
            _encoder = encode_basestring
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        if _one_shot and c_make_encoder is not None:
            # The native encoder does both layouts; with an indent it words its
            # errors as CPython's Python encoder, which CPython uses there.
            encode = c_make_encoder(
                markers, self.default, _encoder, indent, self.key_separator,
                self.item_separator, self.sort_keys, self.skipkeys,
                self.allow_nan)
        elif _one_shot:
            encode = _make_encoder(
                markers, self.default, _encoder, indent, self.key_separator,
                self.item_separator, self.sort_keys, self.skipkeys,
                self.allow_nan, indent is None)
        else:
            encode = _make_iterencode(
                markers, self.default, _encoder, indent,
                _floatstr_maker(self.allow_nan, False), self.key_separator,
                self.item_separator, self.sort_keys, self.skipkeys, _one_shot)
        return encode(o, 0)
