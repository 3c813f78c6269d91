"""Format-string styles for `logging.Formatter`: '%', '{' and '$'.

Kept apart from `logging/__init__.py` to keep that file readable. apy has no
`re` and its `string` module has no `Template`, so the checks `validate()`
makes (CPython does them with regular expressions) and the `$`-substitution
are small hand-written scanners here, with the same outcomes and messages.
"""

_FLAGS = '#0+ -'
_CONVERSIONS = 'diouxefgcrsaDIOUXEFGCRSA%'


def _is_word(ch):
    return ch == '_' or ch.isalnum()


def _percent_has_field(fmt):
    # True when fmt holds at least one "%(name)<flags><width><.prec><conv>".
    i = fmt.find('%(')
    n = len(fmt)
    while i >= 0:
        j = i + 2
        k = j
        while k < n and _is_word(fmt[k]):
            k += 1
        if k > j and k < n and fmt[k] == ')':
            k += 1
            while k < n and fmt[k] in _FLAGS:
                k += 1
            if k < n and fmt[k] == '*':
                k += 1
            else:
                while k < n and fmt[k].isdigit():
                    k += 1
            if k < n and fmt[k] == '.':
                m = k + 1
                if m < n and fmt[m] == '*':
                    m += 1
                else:
                    while m < n and fmt[m].isdigit():
                        m += 1
                if m > k + 1:
                    k = m
            if k < n and fmt[k] in _CONVERSIONS:
                return True
        i = fmt.find('%(', i + 1)
    return False


class PercentStyle:
    default_format = '%(message)s'
    asctime_format = '%(asctime)s'
    asctime_search = '%(asctime)'

    def __init__(self, fmt, *, defaults=None):
        self._fmt = fmt or self.default_format
        self._defaults = defaults

    def usesTime(self):
        return self._fmt.find(self.asctime_search) >= 0

    def validate(self):
        """Validate the input format, ensure it matches the correct style"""
        if not _percent_has_field(self._fmt):
            raise ValueError("Invalid format '%s' for '%s' style"
                             % (self._fmt, self.default_format[0]))

    def _values(self, record):
        defaults = self._defaults
        if defaults:
            values = dict(defaults)
            values.update(record.__dict__)
            return values
        return record.__dict__

    def _format(self, record):
        return self._fmt % self._values(record)

    def format(self, record):
        try:
            return self._format(record)
        except KeyError as e:
            raise ValueError('Formatting field not found in record: %s' % e)


def _parse_braces(fmt):
    # Yields (field_name, conversion, spec) for each replacement field,
    # raising ValueError like str.format does for unbalanced braces.
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == '{':
            if i + 1 < n and fmt[i + 1] == '{':
                i += 2
                continue
            depth = 1
            j = i + 1
            while j < n and depth:
                if fmt[j] == '{':
                    depth += 1
                elif fmt[j] == '}':
                    depth -= 1
                j += 1
            if depth:
                raise ValueError("expected '}' before end of string")
            body = fmt[i + 1:j - 1]
            conv = None
            spec = ''
            colon = body.find(':')
            bang = body.find('!')
            if bang >= 0 and (colon < 0 or bang < colon):
                name = body[:bang]
                rest = body[bang + 1:]
                c = rest.find(':')
                if c >= 0:
                    conv, spec = rest[:c], rest[c + 1:]
                else:
                    conv = rest
            elif colon >= 0:
                name, spec = body[:colon], body[colon + 1:]
            else:
                name = body
            yield name, conv, spec
            i = j
        elif ch == '}':
            if i + 1 < n and fmt[i + 1] == '}':
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            i += 1


def _valid_field_name(name):
    # Matches CPython's "^(\d+|\w+)(\.\w+|\[[^]]+\])*$".
    n = len(name)
    k = 0
    while k < n and _is_word(name[k]):
        k += 1
    if k == 0:
        return False
    while k < n:
        if name[k] == '.':
            m = k + 1
            while m < n and _is_word(name[m]):
                m += 1
            if m == k + 1:
                return False
            k = m
        elif name[k] == '[':
            m = name.find(']', k + 1)
            if m <= k + 1:
                return False
            k = m + 1
        else:
            return False
    return True


class StrFormatStyle(PercentStyle):
    default_format = '{message}'
    asctime_format = '{asctime}'
    asctime_search = '{asctime'

    def _format(self, record):
        return self._fmt.format(**self._values(record))

    def validate(self):
        """Validate the input format, ensure it is the correct string formatting style"""
        fields = set()
        try:
            for fieldname, conversion, spec in _parse_braces(self._fmt):
                if fieldname:
                    if not _valid_field_name(fieldname):
                        raise ValueError('invalid field name/expression: %r'
                                         % fieldname)
                    fields.add(fieldname)
                if conversion and conversion not in 'rsa':
                    raise ValueError('invalid conversion: %r' % conversion)
        except ValueError as e:
            raise ValueError('invalid format: %s' % e)
        if not fields:
            raise ValueError('invalid format: no fields')


def _template_scan(fmt, mapping):
    # One pass over a $-template. With mapping None it only collects names;
    # otherwise it substitutes, as string.Template.substitute does.
    out = []
    names = []
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch != '$':
            out.append(ch)
            i += 1
            continue
        if i + 1 < n and fmt[i + 1] == '$':
            out.append('$')
            i += 2
            continue
        braced = i + 1 < n and fmt[i + 1] == '{'
        j = i + 2 if braced else i + 1
        k = j
        if k < n and (fmt[k] == '_' or (fmt[k].isascii() and fmt[k].isalpha())):
            k += 1
            while k < n and (fmt[k] == '_' or (fmt[k].isascii() and fmt[k].isalnum())):
                k += 1
        name = fmt[j:k]
        if not name or (braced and (k >= n or fmt[k] != '}')):
            if mapping is None:
                raise ValueError("invalid format: bare '$' not allowed")
            lines = fmt[:i].splitlines(True)
            if not lines:
                colno, lineno = 1, 1
            else:
                colno = i - len(''.join(lines[:-1]))
                lineno = len(lines)
            raise ValueError('Invalid placeholder in string: line %d, col %d'
                             % (lineno, colno))
        names.append(name)
        if mapping is not None:
            out.append('%s' % (mapping[name],))
        i = k + 1 if braced else k
    return ''.join(out), names


class StringTemplateStyle(PercentStyle):
    default_format = '${message}'
    asctime_format = '${asctime}'
    asctime_search = '${asctime}'

    def usesTime(self):
        fmt = self._fmt
        return fmt.find('$asctime') >= 0 or fmt.find(self.asctime_search) >= 0

    def validate(self):
        _, names = _template_scan(self._fmt, None)
        if not names:
            raise ValueError('invalid format: no fields')

    def _format(self, record):
        return _template_scan(self._fmt, self._values(record))[0]
