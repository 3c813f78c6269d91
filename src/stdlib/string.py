"""`string`: common string constants, `capwords`, `Template` and `Formatter`.

This replaces apy's earlier native module, which had only the constants and
`capwords`.

`Template` finds its placeholders with a regular expression in CPython. Here,
for the usual case -- the default `idpattern`, `braceidpattern` and `flags`,
with any `delimiter` -- the template is scanned by hand (so `import string`
does not import `re`), giving the same matches the pattern would: at each occurrence of the delimiter
(compared case-insensitively, since `flags` is IGNORECASE) comes either a second
delimiter (an escape), an ASCII identifier, a braced ASCII identifier, or
nothing valid. A subclass that sets its own `pattern`, `idpattern`,
`braceidpattern` or `flags` is handled with `re`, imported when first needed. The class attributes
`Template.pattern` and `Template.flags` are computed on first access through
small descriptors, so importing `string` does not import `re`.

`Formatter.parse` and `Formatter.get_field` use hand-written equivalents of the
private `_string.formatter_parser` and `_string.formatter_field_name_split`,
with the same results and error messages as `str.format`'s parser.

Not provided: nothing of 3.11's `string`. The hand scan compares the delimiter
case-insensitively with str.lower(), a close match for re's case folding.
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words with s.split(sep), capitalize each word and join them
    with sep (a single space when sep is None)."""
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


# ---------------------------------------------------------------------------
# Template

_IDENT_START = frozenset("_" + ascii_letters)
_IDENT_CHARS = frozenset("_" + ascii_letters + digits)
_DEFAULT_IDPATTERN = r"(?a:[_a-z][_a-z0-9]*)"
_sentinel_dict = {}


class _LazyFlags:
    # Template.flags is re.IGNORECASE; re is only imported when someone looks.
    def __get__(self, instance, owner):
        try:
            import re
        except ImportError:
            return 2
        return re.IGNORECASE


class _LazyPattern:
    # Template.pattern, compiled on first access for each class that uses the
    # default construction from delimiter / idpattern / braceidpattern / flags.
    def __get__(self, instance, owner):
        compiled = owner.__dict__.get("_compiled_pattern")
        if compiled is None:
            compiled = _compile_template_pattern(owner)
            owner._compiled_pattern = compiled
        return compiled


def _compile_template_pattern(cls):
    import re
    source = cls.__dict__.get("_pattern_source")
    if source is None:
        delim = re.escape(cls.delimiter)
        ident = cls.idpattern
        braced = cls.braceidpattern or cls.idpattern
        source = (
            "\n            %s(?:\n"
            "              (?P<escaped>%s)  |   # two delimiters\n"
            "              (?P<named>%s)       |   # a Python identifier\n"
            "              {(?P<braced>%s)} |   # a braced identifier\n"
            "              (?P<invalid>)             # anything else\n"
            "            )\n            " % (delim, delim, ident, braced))
    if isinstance(source, str):
        return re.compile(source, cls.flags | re.VERBOSE)
    return source


def _defined_by_template(cls, name):
    # True when `name` resolves to Template's own definition, not a subclass's.
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass is Template
    return False


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = "$"
    idpattern = _DEFAULT_IDPATTERN
    braceidpattern = None
    flags = _LazyFlags()
    pattern = _LazyPattern()
    _hand_scan = True

    def __init_subclass__(cls):
        super().__init_subclass__()
        if "pattern" in cls.__dict__:
            # A subclass's own pattern: compiled now when re is there (CPython
            # compiles at class creation), otherwise on first use.
            cls._pattern_source = cls.__dict__["pattern"]
            cls.pattern = _LazyPattern()
            cls._compiled_pattern = None
            try:
                import re
            except ImportError:
                pass
            else:
                cls._compiled_pattern = _compile_template_pattern(cls)
        else:
            cls._pattern_source = None
            cls._compiled_pattern = None
        cls._hand_scan = (
            cls._pattern_source is None
            and isinstance(cls.delimiter, str) and cls.delimiter != ""
            and cls.idpattern == _DEFAULT_IDPATTERN
            and cls.braceidpattern in (None, _DEFAULT_IDPATTERN)
            and (_defined_by_template(cls, "flags") or cls.flags == 2))
        if not cls._hand_scan and cls._compiled_pattern is None:
            try:
                import re
            except ImportError:
                pass
            else:
                cls._compiled_pattern = _compile_template_pattern(cls)

    def __init__(self, template):
        self.template = template

    # Each match is reported as (kind, start, end, name): kind is "escaped",
    # "named", "braced" or "invalid"; for "invalid", end is where the invalid
    # group starts (just after the delimiter).

    def _scan(self):
        if not type(self)._hand_scan:
            yield from self._scan_re()
            return
        text = self.template
        delim = self.delimiter
        n = len(delim)
        folded_delim = delim.lower()
        cased = folded_delim != delim.upper()
        folded = text.lower() if cased else text
        if len(folded) != len(text):
            folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        size = len(text)
        pos = 0
        while True:
            start = folded.find(folded_delim, pos)
            if start < 0:
                return
            after = start + n
            if folded.startswith(folded_delim, after):
                yield ("escaped", start, after + n, None)
                pos = after + n
                continue
            end = _ident_end(text, after, size)
            if end > after:
                yield ("named", start, end, text[after:end])
                pos = end
                continue
            if after < size and text[after] == "{":
                end = _ident_end(text, after + 1, size)
                if end > after + 1 and end < size and text[end] == "}":
                    yield ("braced", start, end + 1, text[after + 1:end])
                    pos = end + 1
                    continue
            yield ("invalid", start, after, None)
            pos = after

    def _scan_re(self):
        pattern = self.pattern
        for mo in pattern.finditer(self.template):
            named = mo.group("named")
            if named is not None:
                yield ("named", mo.start(), mo.end(), named)
                continue
            braced = mo.group("braced")
            if braced is not None:
                yield ("braced", mo.start(), mo.end(), braced)
            elif mo.group("escaped") is not None:
                yield ("escaped", mo.start(), mo.end(), None)
            elif mo.group("invalid") is not None:
                yield ("invalid", mo.start(), mo.start("invalid"), None)
            else:
                raise ValueError("Unrecognized named group in pattern", pattern)

    def _invalid(self, index):
        # Line and column as CPython computes them from the text before the
        # invalid group (which includes the delimiter).
        lines = self.template[:index].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = index - len("".join(lines[:-1]))
            lineno = len(lines)
        raise ValueError("Invalid placeholder in string: line %d, col %d"
                         % (lineno, colno))

    def _mapping(self, mapping, kws):
        if mapping is _sentinel_dict:
            return kws
        if kws:
            from collections import ChainMap
            return ChainMap(kws, mapping)
        return mapping

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        mapping = self._mapping(mapping, kws)
        text = self.template
        parts = []
        last = 0
        for kind, start, end, name in self._scan():
            parts.append(text[last:start])
            if name is not None:
                parts.append(str(mapping[name]))
            elif kind == "escaped":
                parts.append(self.delimiter)
            else:
                self._invalid(end)
            last = end
        parts.append(text[last:])
        return "".join(parts)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        mapping = self._mapping(mapping, kws)
        text = self.template
        parts = []
        last = 0
        for kind, start, end, name in self._scan():
            parts.append(text[last:start])
            if name is not None:
                try:
                    parts.append(str(mapping[name]))
                except KeyError:
                    parts.append(text[start:end])
            elif kind == "escaped":
                parts.append(self.delimiter)
            else:
                parts.append(text[start:end])
            last = end
        parts.append(text[last:])
        return "".join(parts)

    def is_valid(self):
        for kind, start, end, name in self._scan():
            if kind == "invalid":
                return False
        return True

    def get_identifiers(self):
        ids = []
        for kind, start, end, name in self._scan():
            if name is not None and name not in ids:
                ids.append(name)
        return ids


def _ident_end(text, pos, size):
    # End of the ASCII identifier starting at pos (pos itself when there is none).
    if pos >= size or text[pos] not in _IDENT_START:
        return pos
    pos += 1
    while pos < size and text[pos] in _IDENT_CHARS:
        pos += 1
    return pos


# ---------------------------------------------------------------------------
# Formatter

class Formatter:
    """The machinery of str.format, with hooks for subclasses to override."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal_text, field_name, format_spec, conversion in \
                self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            # auto_arg_index is False once a field was numbered explicitly.
            if field_name == "":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field "
                                     "specification to automatic field "
                                     "numbering")
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError("cannot switch from manual field "
                                     "specification to automatic field "
                                     "numbering")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return "".join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        """Yield (literal_text, field_name, format_spec, conversion) tuples."""
        return _formatter_parser(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first


def _formatter_parser(text):
    if not isinstance(text, str):
        raise TypeError("descriptor 'formatter_parser' for 'str' objects "
                        "doesn't apply to a '%s' object" % type(text).__name__)
    return _parse_format(text)


def _parse_format(text):
    size = len(text)
    pos = 0
    while pos < size:
        start = pos
        c = ""
        while pos < size:
            c = text[pos]
            pos += 1
            if c == "{" or c == "}":
                break
        else:
            c = ""
        at_end = pos >= size
        length = pos - start
        if c == "}" and (at_end or text[pos] != "}"):
            raise ValueError("Single '}' encountered in format string")
        if c == "{" and at_end:
            raise ValueError("Single '{' encountered in format string")
        markup = c != ""
        if markup:
            if text[pos] == c:
                # A doubled brace: the literal keeps one of them.
                pos += 1
                markup = False
            else:
                length -= 1
        literal = text[start:start + length]
        if not markup:
            yield (literal, None, None, None)
            continue
        pos, name, spec, conversion = _parse_field(text, pos, size)
        yield (literal, name, spec, conversion)


def _parse_field(text, pos, size):
    # Reads one replacement field, starting just after its "{"; returns the
    # position after its closing "}" and the field's parts.
    name_start = pos
    c = ""
    while pos < size:
        c = text[pos]
        pos += 1
        if c == "{":
            raise ValueError("unexpected '{' in field name")
        if c == "[":
            while pos < size and text[pos] != "]":
                pos += 1
            continue
        if c in "}:!":
            break
    name = text[name_start:pos - 1]
    conversion = None
    if c == "!" or c == ":":
        if c == "!":
            if pos >= size:
                raise ValueError("end of string while looking for conversion "
                                 "specifier")
            conversion = text[pos]
            pos += 1
            if pos < size:
                c = text[pos]
                pos += 1
                if c == "}":
                    return pos, name, "", conversion
                if c != ":":
                    raise ValueError("expected ':' after conversion specifier")
        spec_start = pos
        depth = 1
        while pos < size:
            c = text[pos]
            pos += 1
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return pos, name, text[spec_start:pos - 1], conversion
        raise ValueError("unmatched '{' in format spec")
    if c != "}":
        raise ValueError("expected '}' before end of string")
    return pos, name, "", conversion


def _as_index(s):
    # Decimal digits make an int index; anything else stays a string.
    if s and s.isdecimal():
        value = int(s)
        if value > 9223372036854775807:
            raise ValueError("Too many decimal digits in format string")
        return value
    return s


def _field_name_split(field_name):
    if not isinstance(field_name, str):
        raise TypeError("descriptor 'formatter_field_name_split' for 'str' "
                        "objects doesn't apply to a '%s' object"
                        % type(field_name).__name__)
    size = len(field_name)
    pos = 0
    while pos < size and field_name[pos] not in ".[":
        pos += 1
    first = _as_index(field_name[:pos])
    return first, _field_name_rest(field_name, pos, size)


def _field_name_rest(text, pos, size):
    # Lazy, like CPython's iterator: errors appear while iterating.
    while pos < size:
        c = text[pos]
        pos += 1
        if c == ".":
            start = pos
            while pos < size and text[pos] not in ".[":
                pos += 1
            name = text[start:pos]
            is_attr = True
            key = name
        elif c == "[":
            start = pos
            while pos < size and text[pos] != "]":
                pos += 1
            if pos >= size:
                raise ValueError("Missing ']' in format string")
            name = text[start:pos]
            pos += 1
            is_attr = False
            key = _as_index(name)
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field "
                             "specifier")
        if name == "":
            raise ValueError("Empty attribute in format string")
        yield (is_attr, key)
