"""`json.decoder`: JSONDecoder and JSONDecodeError.

The scanning itself lives in `json.scanner` (one replaceable piece, like
CPython's `_json` scanner); this module holds the public decoder class, which
skips the surrounding whitespace and turns the scanner's "no value here"
signal into `JSONDecodeError("Expecting value", ...)`, and the error class,
whose message carries line, column and character offset as CPython's does.

Not provided: the regular expressions WHITESPACE, STRINGCHUNK and FLAGS (apy
has no `re`), and the pure-Python parse helpers JSONObject, JSONArray and
_decode_uXXXX; as with CPython's C scanner, overriding parse_object,
parse_array or parse_string on a decoder has no effect.
"""

from . import scanner
from .scanner import scanstring

__all__ = ['JSONDecoder', 'JSONDecodeError']

NaN = float('nan')
PosInf = float('inf')
NegInf = float('-inf')

WHITESPACE_STR = ' \t\n\r'

BACKSLASH = {
    '"': '"', '\\': '\\', '/': '/',
    'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

_CONSTANTS = {
    '-Infinity': NegInf,
    'Infinity': PosInf,
    'NaN': NaN,
}

c_scanstring = scanner.c_scanstring
py_scanstring = scanner.py_scanstring


class JSONDecodeError(ValueError):
    """A ValueError raised for malformed JSON.  Besides the formatted message
    it keeps msg (the bare message), doc (the document), pos (the offset in
    doc), and lineno and colno (pos as a 1-based line and column).
    """
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        ValueError.__init__(self, '%s: line %d column %d (char %d)'
                            % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


def _skip_ws(s, idx):
    # lstrip rather than a loop over s[idx]: indexing a non-ASCII str is not
    # constant-time under apy.
    n = len(s)
    if idx < n and s[idx] in WHITESPACE_STR:
        return n - len(s[idx:].lstrip(WHITESPACE_STR))
    return idx


def _check_document(s):
    # CPython matches a compiled regular expression against the document
    # first, so a non-str fails with re's messages.
    if not isinstance(s, str):
        if isinstance(s, (bytes, bytearray, memoryview)):
            raise TypeError('cannot use a string pattern on a bytes-like object')
        raise TypeError("expected string or bytes-like object, got '%s'"
                        % type(s).__name__)


class JSONDecoder(object):
    """Decodes JSON documents: objects become dicts, arrays lists, strings
    str, numbers int or float, true/false/null True/False/None, and the
    non-standard NaN, Infinity and -Infinity floats.
    """

    def __init__(self, *, object_hook=None, parse_float=None,
            parse_int=None, parse_constant=None, strict=True,
            object_pairs_hook=None):
        """``object_hook`` is called with the result of every JSON object
        decoded and its return value is used in place of the given ``dict``;
        ``object_pairs_hook`` is called with the list of (key, value) pairs
        instead and takes priority.  ``parse_float``, ``parse_int`` and
        ``parse_constant`` are called with the text of every JSON float, int
        and NaN/Infinity/-Infinity.  If ``strict`` is false, control
        characters are allowed inside strings.
        """
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self.parse_string = scanstring
        self.memo = {}
        self.scan_once = scanner.make_scanner(self)

    def decode(self, s):
        """Decode the str `s`, which must hold exactly one JSON document
        (with optional surrounding whitespace)."""
        _check_document(s)
        plain = s if type(s) is str else str.__str__(s)
        obj, end = self.raw_decode(s, idx=_skip_ws(plain, 0))
        end = _skip_ws(plain, end)
        if end != len(plain):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode the JSON document starting at s[idx] (no whitespace is
        skipped) and return (value, index just past the document), leaving
        whatever follows it alone."""
        try:
            obj, end = self.scan_once(s, idx)
        except StopIteration as err:
            raise JSONDecodeError('Expecting value', s, err.value) from None
        return obj, end
