"""`csv`: CSV file reading and writing, as CPython 3.11's.

The parser and writer, `Error`, the dialect registry and `field_size_limit`
come from `_csv` (C in CPython, Python in apy). This module adds the
class-based `Dialect` with the predefined `excel`, `excel_tab` and
`unix_dialect`, the mapping-based `DictReader` and `DictWriter`, and the
`Sniffer`, which guesses a dialect from a sample by looking for quoted fields
first and, failing that, for a character that occurs equally often on most
lines.

`Sniffer.has_header` tells numeric columns by trying `complex()` on them;
apy has no complex type yet, so a parser of complex literals stands in for it.

`csv.__doc__` is this text, not the long description CPython copies from
`_csv`.

Not provided: nothing of the documented interface.
"""

from io import StringIO
from _csv import (Error, __version__, writer, reader, register_dialect,
                  unregister_dialect, get_dialect, list_dialects,
                  field_size_limit,
                  QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE)
from _csv import Dialect as _Dialect

__all__ = ["QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE",
           "Error", "Dialect", "__doc__", "excel", "excel_tab",
           "field_size_limit", "reader", "writer",
           "register_dialect", "get_dialect", "list_dialects", "Sniffer",
           "unregister_dialect", "__version__", "DictReader", "DictWriter",
           "unix_dialect"]


class Dialect:
    """Describe a CSV dialect.

    This must be subclassed (see csv.excel).  Valid attributes are:
    delimiter, quotechar, escapechar, doublequote, skipinitialspace,
    lineterminator, quoting.

    """
    _name = ""
    _valid = False
    # Unset until a subclass sets them; validation then fails on them.
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None

    def __init__(self):
        if self.__class__ != Dialect:
            self._valid = True
        self._validate()

    def _validate(self):
        # The C dialect does the checking; its TypeErrors become csv.Error.
        try:
            _Dialect(self)
        except TypeError as e:
            raise Error(str(e))


class excel(Dialect):
    """Describe the usual properties of Excel-generated CSV files."""
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL


register_dialect("excel", excel)


class excel_tab(excel):
    """Describe the usual properties of Excel-generated TAB-delimited files."""
    delimiter = '\t'


register_dialect("excel-tab", excel_tab)


class unix_dialect(Dialect):
    """Describe the usual properties of Unix-generated CSV files."""
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL


register_dialect("unix", unix_dialect)


class DictReader:
    """Reads rows as dicts keyed by the field names of the first row (or the
    given fieldnames); extra values go in a list under restkey, missing ones
    get restval."""

    def __init__(self, f, fieldnames=None, restkey=None, restval=None,
                 dialect="excel", *args, **kwds):
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            # Reads the header row if it has not been read yet.
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num

        # Blank rows are skipped: they would be dicts of restval only.
        while row == []:
            row = next(self.reader)
        d = dict(zip(self.fieldnames, row))
        lf = len(self.fieldnames)
        lr = len(row)
        if lf < lr:
            d[self.restkey] = row[lf:]
        elif lf > lr:
            for key in self.fieldnames[lr:]:
                d[key] = self.restval
        return d


class DictWriter:
    """Writes dicts as rows, in the order of fieldnames; missing keys get
    restval, and keys not in fieldnames raise ValueError unless extrasaction
    is 'ignore'."""

    def __init__(self, f, fieldnames, restval="", extrasaction="raise",
                 dialect="excel", *args, **kwds):
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ("raise", "ignore"):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'"
                             % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        header = dict(zip(self.fieldnames, self.fieldnames))
        return self.writerow(header)

    def _dict_to_list(self, rowdict):
        # Only the exact spelling 'raise' checks, as in CPython.
        if self.extrasaction == "raise":
            wrong_fields = rowdict.keys() - self.fieldnames
            if wrong_fields:
                raise ValueError("dict contains fields not in fieldnames: "
                                 + ", ".join([repr(x) for x in wrong_fields]))
        return (rowdict.get(key, self.restval) for key in self.fieldnames)

    def writerow(self, rowdict):
        return self.writer.writerow(self._dict_to_list(rowdict))

    def writerows(self, rowdicts):
        return self.writer.writerows(map(self._dict_to_list, rowdicts))


def _complex(text):
    """complex(text) for a str, where only success or ValueError matters."""
    s = text.strip()
    if s[:1] == '(' and s[-1:] == ')':
        s = s[1:-1].strip()
    bad = ValueError("complex() arg is a malformed string")
    if not s or any(c.isspace() for c in s):
        raise bad
    if s[-1] not in 'jJ':
        _float_part(s, bad)
        return
    body = s[:-1]
    # The imaginary part starts at the last sign that is not an exponent's.
    split = -1
    for i in range(len(body) - 1, 0, -1):
        if body[i] in '+-' and body[i - 1] not in 'eE':
            split = i
            break
    if split > 0:
        _float_part(body[:split], bad)
        body = body[split:]
    if body not in ('', '+', '-'):
        _float_part(body, bad)


def _float_part(s, bad):
    try:
        float(s)
    except ValueError:
        raise bad from None


class Sniffer:
    '''
    "Sniffs" the format of a CSV file (i.e. delimiter, quotechar)
    Returns a Dialect object.
    '''

    def __init__(self):
        # Tie-breaker when several delimiters are equally plausible.
        self.preferred = [',', '\t', ';', ' ', ':']

    def sniff(self, sample, delimiters=None):
        """
        Returns a dialect (or None) corresponding to the sample
        """
        quotechar, doublequote, delimiter, skipinitialspace = \
            self._guess_quote_and_delimiter(sample, delimiters)
        if not delimiter:
            delimiter, skipinitialspace = self._guess_delimiter(sample,
                                                                delimiters)
        if not delimiter:
            raise Error("Could not determine delimiter")

        class dialect(Dialect):
            _name = "sniffed"
            lineterminator = '\r\n'
            quoting = QUOTE_MINIMAL

        dialect.doublequote = doublequote
        dialect.delimiter = delimiter
        # A dialect cannot have an empty quotechar.
        dialect.quotechar = quotechar or '"'
        dialect.skipinitialspace = skipinitialspace
        return dialect

    def _guess_quote_and_delimiter(self, data, delimiters):
        """Looks for text enclosed between two identical quotes (the
        probable quotechar) that is preceded and followed by the same
        character (the probable delimiter), trying looser patterns in turn:
        ,"x", then "x", at a line start, then ,"x" at a line end, then a
        quoted line."""
        import re
        patterns = (
            r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?'
            r'(?P=quote)(?P=delim)',
            r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?P<delim>[^\w\n"\'])'
            r'(?P<space> ?)',
            r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?'
            r'(?P=quote)(?:$|\n)',
            r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?:$|\n)')
        matches = []
        for pattern in patterns:
            regexp = re.compile(pattern, re.DOTALL | re.MULTILINE)
            matches = regexp.findall(data)
            if matches:
                break
        if not matches:
            # (quotechar, doublequote, delimiter, skipinitialspace)
            return ('', False, None, 0)

        quotes = {}
        delims = {}
        spaces = 0
        groupindex = regexp.groupindex
        for m in matches:
            # With a single group findall gives strings; m[0] is then the
            # quote itself.
            key = m[groupindex['quote'] - 1]
            if key:
                quotes[key] = quotes.get(key, 0) + 1
            if 'delim' not in groupindex:
                continue
            key = m[groupindex['delim'] - 1]
            if key and (delimiters is None or key in delimiters):
                delims[key] = delims.get(key, 0) + 1
            if 'space' not in groupindex:
                continue
            if m[groupindex['space'] - 1]:
                spaces += 1

        quotechar = max(quotes, key=quotes.get)

        if delims:
            delim = max(delims, key=delims.get)
            skipinitialspace = delims[delim] == spaces
            if delim == '\n':
                # Most likely a file with a single column.
                delim = ''
        else:
            # A single column of quoted data.
            delim = ''
            skipinitialspace = 0

        # A third quote between two delimiters means quotes are doubled.
        dq_regexp = re.compile(
            r"((%(delim)s)|^)\W*%(quote)s[^%(delim)s\n]*%(quote)s"
            r"[^%(delim)s\n]*%(quote)s\W*((%(delim)s)|$)"
            % {'delim': re.escape(delim), 'quote': quotechar}, re.MULTILINE)
        doublequote = bool(dq_regexp.search(data))

        return (quotechar, doublequote, delim, skipinitialspace)

    def _guess_delimiter(self, data, delimiters):
        """Builds, chunk of lines by chunk of lines, a table of how often each
        ASCII character occurs per line; the mode of those counts, weighed by
        how many lines agree with it, makes a character a candidate once it
        is consistent on at least 90% of the lines. Ties go to the preferred
        list, then to the character with the best (count, lines) mode."""
        data = list(filter(None, data.split('\n')))
        ascii = [chr(c) for c in range(127)]

        chunk_length = min(10, len(data))
        iteration = 0
        char_frequency = {}
        modes = {}
        delims = {}
        start, end = 0, chunk_length
        while start < len(data):
            iteration += 1
            for line in data[start:end]:
                for char in ascii:
                    meta = char_frequency.get(char, {})
                    # Absent characters count too (frequency 0).
                    freq = line.count(char)
                    meta[freq] = meta.get(freq, 0) + 1
                    char_frequency[char] = meta

            for char in char_frequency.keys():
                items = list(char_frequency[char].items())
                if len(items) == 1 and items[0][0] == 0:
                    continue
                if len(items) > 1:
                    # The mode, less the lines that disagree with it.
                    mode = max(items, key=lambda x: x[1])
                    items.remove(mode)
                    modes[char] = (mode[0],
                                   mode[1] - sum(item[1] for item in items))
                else:
                    modes[char] = items[0]

            mode_list = modes.items()
            total = float(min(chunk_length * iteration, len(data)))
            consistency = 1.0
            threshold = 0.9
            while len(delims) == 0 and consistency >= threshold:
                for k, v in mode_list:
                    if v[0] > 0 and v[1] > 0:
                        if ((v[1] / total) >= consistency and
                                (delimiters is None or k in delimiters)):
                            delims[k] = v
                consistency -= 0.01

            if len(delims) == 1:
                delim = list(delims.keys())[0]
                skipinitialspace = (data[0].count(delim) ==
                                    data[0].count("%c " % delim))
                return (delim, skipinitialspace)

            start = end
            end += chunk_length

        if not delims:
            return ('', 0)

        if len(delims) > 1:
            for d in self.preferred:
                if d in delims.keys():
                    skipinitialspace = (data[0].count(d) ==
                                        data[0].count("%c " % d))
                    return (d, skipinitialspace)

        items = [(v, k) for (k, v) in delims.items()]
        items.sort()
        delim = items[-1][1]
        skipinitialspace = (data[0].count(delim) ==
                            data[0].count("%c " % delim))
        return (delim, skipinitialspace)

    def has_header(self, sample):
        """Guesses whether the first row is a header: each column whose
        later rows (up to 21) all parse as numbers, or all have one length,
        votes for a header when the first row differs, against it when not."""
        rdr = reader(StringIO(sample), self.sniff(sample))

        header = next(rdr)
        columns = len(header)
        column_types = {}
        for i in range(columns):
            column_types[i] = None

        checked = 0
        for row in rdr:
            if checked > 20:
                break
            checked += 1

            if len(row) != columns:
                continue

            for col in list(column_types.keys()):
                this_type = _complex
                try:
                    this_type(row[col])
                except (ValueError, OverflowError):
                    # Not a number: the column is typed by its length.
                    this_type = len(row[col])

                if this_type != column_types[col]:
                    if column_types[col] is None:
                        column_types[col] = this_type
                    else:
                        # Inconsistent column: it does not vote.
                        del column_types[col]

        has_header = 0
        for col, col_type in column_types.items():
            if type(col_type) == type(0):
                if len(header[col]) != col_type:
                    has_header += 1
                else:
                    has_header -= 1
            else:
                try:
                    col_type(header[col])
                except (ValueError, TypeError):
                    has_header += 1
                else:
                    has_header -= 1

        return has_header > 0
