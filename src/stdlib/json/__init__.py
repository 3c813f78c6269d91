"""`json`: JSON (RFC 7159) encoding and decoding, as in CPython 3.11.

    >>> json.dumps(['foo', {'bar': ('baz', None, 1.0, 2)}])
    '["foo", {"bar": ["baz", null, 1.0, 2]}]'
    >>> json.loads('["foo", {"bar": ["baz", null, 1.0, 2]}]')
    ['foo', {'bar': ['baz', None, 1.0, 2]}]

Written in pure Python with CPython's package layout (json.decoder,
json.encoder, json.scanner).  The two hot loops each sit in one replaceable
piece, so a native implementation can take over without touching the rest:
the scanner (`json.scanner.make_scanner` / `scanstring`) and the one-shot
encoder (`json.encoder._make_encoder`).  Both reproduce what CPython's C
accelerator prints, including error messages and positions; the chunked
`iterencode`/`dump` path reproduces CPython's pure-Python generator.

Not provided: the `json.tool` command-line module; the regular expressions of
the submodules (NUMBER_RE, WHITESPACE, STRINGCHUNK, ESCAPE, ESCAPE_ASCII,
HAS_UTF8, FLAGS; apy has no `re`); json.decoder.JSONObject / JSONArray; the
`codecs` module attribute.  Deep nesting raises RecursionError near, not
exactly at, CPython's depth.
"""
__version__ = '2.0.9'
__all__ = [
    'dump', 'dumps', 'load', 'loads',
    'JSONDecoder', 'JSONDecodeError', 'JSONEncoder',
]

__author__ = 'Bob Ippolito <bob@redivi.com>'

from .decoder import JSONDecoder, JSONDecodeError
from .encoder import JSONEncoder

_default_encoder = JSONEncoder(
    skipkeys=False,
    ensure_ascii=True,
    check_circular=True,
    allow_nan=True,
    indent=None,
    separators=None,
    default=None,
)


def dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True,
        allow_nan=True, cls=None, indent=None, separators=None,
        default=None, sort_keys=False, **kw):
    """Serialize ``obj`` as JSON to the file-like ``fp`` (anything with a
    ``.write(str)`` method), in pieces as `JSONEncoder.iterencode` yields
    them.  The keyword arguments are those of `dumps`.
    """
    if (not skipkeys and ensure_ascii and check_circular and allow_nan
            and cls is None and indent is None and separators is None
            and default is None and not sort_keys and not kw):
        iterable = _default_encoder.iterencode(obj)
    else:
        if cls is None:
            cls = JSONEncoder
        iterable = cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
            check_circular=check_circular, allow_nan=allow_nan,
            indent=indent, separators=separators, default=default,
            sort_keys=sort_keys, **kw).iterencode(obj)
    write = fp.write
    for chunk in iterable:
        write(chunk)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
        allow_nan=True, cls=None, indent=None, separators=None,
        default=None, sort_keys=False, **kw):
    """Serialize ``obj`` to a JSON formatted ``str``.

    skipkeys: drop dict keys that are not str, int, float, bool or None
    (otherwise TypeError).  ensure_ascii: escape all non-ASCII characters.
    check_circular: detect reference cycles (otherwise RecursionError).
    allow_nan: write NaN/Infinity/-Infinity for out-of-range floats
    (otherwise ValueError).  indent: spaces (int) or a str to pretty-print
    with.  separators: (item_separator, key_separator).  default: called
    for unserializable values, must return a serializable one or raise
    TypeError.  sort_keys: sort dict keys.  cls: a JSONEncoder subclass to
    use, given the other arguments and ``kw``.
    """
    if (not skipkeys and ensure_ascii and check_circular and allow_nan
            and cls is None and indent is None and separators is None
            and default is None and not sort_keys and not kw):
        return _default_encoder.encode(obj)
    if cls is None:
        cls = JSONEncoder
    return cls(
        skipkeys=skipkeys, ensure_ascii=ensure_ascii,
        check_circular=check_circular, allow_nan=allow_nan, indent=indent,
        separators=separators, default=default, sort_keys=sort_keys,
        **kw).encode(obj)


_default_decoder = JSONDecoder(object_hook=None, object_pairs_hook=None)


def detect_encoding(b):
    """The encoding of the JSON bytes `b`: UTF-8, -16 or -32, told by a byte
    order mark or by where the zero bytes of the first characters are."""
    bstartswith = b.startswith
    if bstartswith((b'\x00\x00\xfe\xff', b'\xff\xfe\x00\x00')):
        return 'utf-32'
    if bstartswith((b'\xfe\xff', b'\xff\xfe')):
        return 'utf-16'
    if bstartswith(b'\xef\xbb\xbf'):
        return 'utf-8-sig'
    # JSON text starts with two ASCII characters, so the zero bytes of the
    # first four give the encoding away.
    if len(b) >= 4:
        if not b[0]:
            return 'utf-16-be' if b[1] else 'utf-32-be'
        if not b[1]:
            return 'utf-16-le' if b[2] or b[3] else 'utf-32-le'
    elif len(b) == 2:
        if not b[0]:
            return 'utf-16-be'
        if not b[1]:
            return 'utf-16-le'
    return 'utf-8'


def load(fp, *, cls=None, object_hook=None, parse_float=None,
        parse_int=None, parse_constant=None, object_pairs_hook=None, **kw):
    """Deserialize the JSON document read from the file-like ``fp`` (its
    ``.read()`` result, str or bytes).  The keyword arguments are those of
    `loads`.
    """
    return loads(fp.read(),
        cls=cls, object_hook=object_hook,
        parse_float=parse_float, parse_int=parse_int,
        parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw)


def loads(s, *, cls=None, object_hook=None, parse_float=None,
        parse_int=None, parse_constant=None, object_pairs_hook=None, **kw):
    """Deserialize ``s`` (a str, bytes or bytearray holding one JSON
    document) to a Python object.

    object_hook(dict) and object_pairs_hook(list of pairs) replace every
    decoded object with their result (the pairs hook wins).  parse_float,
    parse_int and parse_constant are called with the text of each float, int
    and NaN/Infinity/-Infinity.  cls: a JSONDecoder subclass to use, given
    the other arguments and ``kw`` (such as strict=False).
    """
    if isinstance(s, str):
        if s.startswith('\ufeff'):
            raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)',
                                  s, 0)
    else:
        if not isinstance(s, (bytes, bytearray)):
            raise TypeError(f'the JSON object must be str, bytes or bytearray, '
                            f'not {s.__class__.__name__}')
        s = s.decode(detect_encoding(s), 'surrogatepass')

    if (cls is None and object_hook is None and
            parse_int is None and parse_float is None and
            parse_constant is None and object_pairs_hook is None and not kw):
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw['object_hook'] = object_hook
    if object_pairs_hook is not None:
        kw['object_pairs_hook'] = object_pairs_hook
    if parse_float is not None:
        kw['parse_float'] = parse_float
    if parse_int is not None:
        kw['parse_int'] = parse_int
    if parse_constant is not None:
        kw['parse_constant'] = parse_constant
    return cls(**kw).decode(s)
