"""`_datetime_format`: the text formats of `datetime`, loaded on first use.

`strftime` hands the work to `time.strftime` once %z, %Z and %f (which need the
object, not a time tuple) are replaced, as CPython's C code does.

`fromisoformat` follows CPython 3.11's C parser step by step, on the UTF-8
bytes of the string, including its leniencies (a fourth time field is read as
a fraction, extra fraction digits are dropped, a zero offset with a fraction is
UTC), so that every string is accepted or refused as there.

`strptime` mirrors CPython's `_strptime`, which compiles the format into a
regular expression; apy has no `re`, so the format becomes a list of tokens
matched by backtracking in the order the expression would try its
alternatives. Only the C locale is known. A field repeated in the format is the
expression's error in CPython; it is raised here with the same message, as
`re.error` (or a stand-in of that name while apy has no `re`).
"""

import time as _time

import datetime as _dt
from datetime import timedelta, timezone, date as _date, _UTC
from _datetime_support import _is_leap, _iso_to_ymd


# --- strftime --------------------------------------------------------------

def strftime(obj, fmt, timetuple, tzarg):
    """`fmt` for `obj` (a date, time or datetime): %z, %Z and %f filled in here,
    the rest by time.strftime on `timetuple`. `tzarg` is what the zone is asked
    about (the datetime, or None for a time)."""
    parts = []
    zrep = Zrep = frep = None
    i = 0
    n = len(fmt)
    start = 0
    while i < n:
        if fmt[i] != "%":
            i += 1
            continue
        if i + 1 >= n:
            break
        c = fmt[i + 1]
        if c == "z":
            if zrep is None:
                zrep = _offset_text(obj, tzarg)
            rep = zrep
        elif c == "Z":
            if Zrep is None:
                Zrep = _tzname_text(obj, tzarg)
            rep = Zrep
        elif c == "f":
            if frep is None:
                frep = "%06d" % getattr(obj, "_microsecond", 0)
            rep = frep
        else:
            i += 2
            continue
        parts.append(fmt[start:i])
        parts.append(rep)
        i += 2
        start = i
    parts.append(fmt[start:])
    return _time.strftime("".join(parts), timetuple)


def _offset_text(obj, tzarg):
    tz = getattr(obj, "_tzinfo", None)
    if tz is None:
        return ""
    return _dt._format_offset(_dt._checked_offset(tz.utcoffset(tzarg), "utcoffset"), "")


def _tzname_text(obj, tzarg):
    tz = getattr(obj, "_tzinfo", None)
    if tz is None:
        return ""
    name = _dt._checked_tzname(tz.tzname(tzarg))
    if name is None:
        return ""
    return name.replace("%", "%%")


# --- fromisoformat -----------------------------------------------------------
# The C parser reads a NUL-terminated UTF-8 buffer and sometimes looks past the
# part it was given; `_at` reproduces that by reading 0 past the end.

def _at(b, i):
    return b[i] if i < len(b) else 0


def _digits(b, i, count):
    """The value of `count` ASCII digits at b[i:], or -1 if they are not all there."""
    value = 0
    for k in range(i, i + count):
        c = _at(b, k)
        if not 48 <= c <= 57:
            return -1
        value = value * 10 + c - 48
    return value


def _invalid(s):
    return ValueError("Invalid isoformat string: %r" % (s,))


def _utf8(s):
    try:
        return s.encode("utf-8")
    except UnicodeError:
        return None


def _parse_date(b, n):
    """(year, month, day) of the date in b[:n], or None."""
    year = _digits(b, 0, 4)
    if year < 0:
        return None
    p = 4
    dashed = _at(b, p) == 45                # "-"
    if dashed:
        p += 1
    if _at(b, p) == 87:                     # "W": an ISO week date
        week = _digits(b, p + 1, 2)
        if week < 0:
            return None
        p += 3
        day = 1
        if p < n:
            if dashed:
                if _at(b, p) != 45:
                    return None
                p += 1
            day = _digits(b, p, 1)
            if day < 0:
                return None
        ymd = _iso_to_ymd(year, week, day)
        return None if isinstance(ymd, str) else ymd
    month = _digits(b, p, 2)
    if month < 0:
        return None
    p += 2
    if dashed:
        if _at(b, p) != 45:
            return None
        p += 1
    day = _digits(b, p, 2)
    if day < 0:
        return None
    return year, month, day


def _parse_hms(b, p, end):
    """[HH[:?MM[:?SS]]][(.|,)fraction] from b[p:end]: (status, h, m, s, us), the
    status 0 when the fields end exactly at `end`, 1 when more follows, negative
    when they are malformed."""
    fields = [0, 0, 0]
    colons = True
    for i in range(3):
        value = _digits(b, p, 2)
        if value < 0:
            return (-3,)
        fields[i] = value
        p += 2
        c = _at(b, p)
        p += 1
        if i == 0:
            colons = c == 58                # ":"
        if p >= end:
            return (1 if c else 0, fields[0], fields[1], fields[2], 0)
        if colons and c == 58:
            continue
        if c == 46 or c == 44:              # "." or ","
            break
        if colons:
            return (-4,)
        p -= 1
    # A fraction: up to six digits count, more are skipped.
    count = min(end - p, 6)
    us = _digits(b, p, count)
    if us < 0:
        return (-3,)
    us *= 10 ** (6 - count)
    p += count
    while 48 <= _at(b, p) <= 57:
        p += 1
    return (1 if _at(b, p) else 0, fields[0], fields[1], fields[2], us)


def _parse_time(b, p, end):
    """(hour, minute, second, microsecond, tzinfo) of b[p:end], or None."""
    tzpos = p
    while True:
        if _at(b, tzpos) in (90, 43, 45):   # "Z", "+", "-"
            break
        tzpos += 1
        if tzpos >= end:
            break
    fields = _parse_hms(b, p, tzpos)
    if fields[0] < 0:
        return None
    hour, minute, second, us = fields[1:]
    if tzpos == end:
        if fields[0] == 1:
            return None
        return hour, minute, second, us, None
    if _at(b, tzpos) == 90:
        if _at(b, tzpos + 1) != 0:
            return None
        return hour, minute, second, us, _UTC
    sign = -1 if _at(b, tzpos) == 45 else 1
    offset = _parse_hms(b, tzpos + 1, end)
    if offset[0] != 0:
        return None
    seconds = sign * (offset[1] * 3600 + offset[2] * 60 + offset[3])
    if seconds == 0:
        return hour, minute, second, us, _UTC   # the fraction is ignored, as in C
    return hour, minute, second, us, timezone(timedelta(0, seconds, sign * offset[4]))


def _separator(b):
    """Where the date ends in a datetime string (-1 for none that can parse)."""
    n = len(b)
    if n == 7:
        return 7
    if _at(b, 4) == 45:                     # YYYY-...
        if _at(b, 5) != 87:
            return 10                       # YYYY-MM-DD
        if n < 8:
            return -1
        if n > 8 and _at(b, 8) == 45:       # YYYY-Www-D, or YYYY-Www then "-"
            if n == 9:
                return -1
            if n > 10 and 48 <= _at(b, 10) <= 57:
                return 8
            return 10
        return 8                            # YYYY-Www
    if _at(b, 4) == 87:                     # YYYYWww or YYYYWwwD
        i = 7
        while i < n and 48 <= b[i] <= 57:
            i += 1
        if i < 9:
            return i
        return 7 if i % 2 == 0 else 8
    return 8                                # YYYYMMDD


def parse_iso_date(s):
    b = _utf8(s)
    if b is not None and len(b) in (7, 8, 10):
        ymd = _parse_date(b, len(b))
        if ymd is not None:
            return ymd
    raise _invalid(s)


def parse_iso_time(s):
    b = _utf8(s)
    if b is not None:
        start = 1 if b[:1] == b"T" else 0
        fields = _parse_time(b, start, len(b))
        if fields is not None:
            return fields
    raise _invalid(s)


def parse_iso_datetime(s):
    """(year, month, day, hour, minute, second, microsecond, tzinfo) of s."""
    clean = s
    # A lone surrogate may stand only as the separator, where "T" replaces it.
    for pos in (7, 8, 10):
        if pos > len(s):
            break
        if pos < len(s) and "\ud800" <= s[pos] <= "\udfff":
            clean = s[:pos] + "T" + s[pos + 1:]
            break
    b = _utf8(clean)
    if b is not None:
        sep = _separator(b)
        ymd = _parse_date(b, sep) if sep >= 0 else None
        if ymd is not None:
            if len(b) <= sep:
                return ymd + (0, 0, 0, 0, None)
            lead = b[sep]
            p = sep + (1 if lead < 128 else 3 if lead & 240 == 224 else 4 if lead & 240 == 240 else 2)
            fields = _parse_time(b, p, len(b))
            if fields is not None:
                return ymd + fields
    raise _invalid(s)


# --- strptime ----------------------------------------------------------------

_LIT, _SPACE, _FIELD = 0, 1, 2
_D = None                                   # \d: any Unicode decimal digit
_NZ = "123456789"

# Each numeric directive as its regular expression's alternatives, in order;
# an alternative is a sequence of character sets (_D for \d).
_NUMERIC = {
    "d": (("3", "01"), ("12", _D), ("0", _NZ), (_NZ,), (" ", _NZ)),
    "H": (("2", "0123"), ("01", _D), (_D,)),
    "I": (("1", "012"), ("0", _NZ), (_NZ,)),
    "G": ((_D, _D, _D, _D),),
    "Y": ((_D, _D, _D, _D),),
    "y": ((_D, _D),),
    "j": (("3", "6", "0123456"), ("3", "012345", _D), ("12", _D, _D), ("0", _NZ, _D),
          ("0", "0", _NZ), (_NZ, _D), ("0", _NZ), (_NZ,)),
    "m": (("1", "012"), ("0", _NZ), (_NZ,)),
    "M": (("012345", _D), (_D,)),
    "S": (("6", "01"), ("012345", _D), (_D,)),
    "U": (("5", "0123"), ("01234", _D), (_D,)),
    "W": (("5", "0123"), ("01234", _D), (_D,)),
    "V": (("5", "0123"), ("0", _NZ), ("1234", _D), (_D,)),
    "w": (("0123456",),),
    "u": (("1234567",),),
}

_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ABBR_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_MONTHS = ("", "january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december")
_ABBR_MONTHS = ("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                "oct", "nov", "dec")
# What %c, %x and %X stand for in the C locale.
_COMPOSITE = {"c": "%a %b %d %H:%M:%S %Y", "x": "%m/%d/%y", "X": "%H:%M:%S"}
# Characters the expression escapes: a "%" before one is a bad directive.
_ESCAPED = "\\.^$*+?(){}[]|"


def _longest_first(names):
    return tuple(sorted(names, key=len, reverse=True))


def _names(key):
    if key == "A":
        return _longest_first(_FULL_DAYS)
    if key == "a":
        return _longest_first(_ABBR_DAYS)
    if key == "B":
        return _longest_first(_FULL_MONTHS[1:])
    if key == "b":
        return _longest_first(_ABBR_MONTHS[1:])
    if key == "p":
        return ("am", "pm")
    # "Z": UTC, GMT and the local zone's names.
    zones = {"utc", "gmt", _time.tzname[0].lower()}
    if _time.daylight:
        zones.add(_time.tzname[1].lower())
    return _longest_first(zones)


# Lengths of the regular expressions CPython builds for the numeric fields and
# how many groups each holds; a repeated field is reported with its position
# in the whole expression.
_REGEX_LEN = {"d": 41, "f": 17, "G": 15, "H": 24, "I": 26, "j": 71, "m": 26, "M": 17, "S": 24,
              "U": 24, "V": 31, "W": 24, "w": 12, "u": 12, "y": 11, "Y": 15, "z": 56}


def _regex_error():
    try:
        import re
        return re.error
    except ImportError:
        return error


class error(Exception):
    """Stands for `re.error` where there is no `re`: what a repeated field raises."""

    __module__ = "re"

    def __init__(self, msg, pattern=None, pos=None):
        Exception.__init__(self, "%s at position %d" % (msg, pos))
        self.msg = msg
        self.pattern = pattern
        self.pos = pos


def _tokens(fmt, out, state, whole):
    """Appends the tokens of `fmt` to `out`; `whole` is the format for messages.

    `state` follows the expression CPython would build: [its length, its group
    count, {field: (group, position)}, the first repeated field's message]."""
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            while i < n and fmt[i].isspace():
                i += 1
            out.append((_SPACE,))
            state[0] += 3                   # \s+
            continue
        if c != "%":
            out.append((_LIT, c, c.lower()))
            state[0] += 2 if c in _ESCAPED else 1
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError("stray %% in format '%s'" % whole)
        key = fmt[i + 1]
        i += 2
        if key == "%":
            out.append((_LIT, "%", "%"))
            state[0] += 1
        elif key in _COMPOSITE:
            _tokens(_COMPOSITE[key], out, state, whole)
        elif key in _REGEX_LEN or key in "AaBbpZ":
            group = state[1] + 1
            if key in state[2]:
                if state[3] is None:
                    first = state[2][key][0]
                    state[3] = ("redefinition of group name %r as group %d; was group %d"
                                % (key, group, first), state[0] + 4)
            else:
                state[2][key] = (group, state[0] + 4)
            state[1] += 3 if key == "z" else 1
            length = _REGEX_LEN.get(key)
            state[0] += length if length else 7 + len("|".join(_names(key)))
            out.append((_FIELD, key))
        else:
            if key in _ESCAPED or key.isspace():
                key = "%"
            raise ValueError("'%s' is a bad directive in format '%s'" % (key, whole))


def _field_ends(key, s, i):
    """Where a field starting at s[i] may end, in the order the expression tries."""
    n = len(s)
    if key in _NUMERIC:
        for alternative in _NUMERIC[key]:
            j = i
            for chars in alternative:
                if j >= n:
                    break
                c = s[j]
                if not (c.isdecimal() if chars is None else c in chars):
                    break
                j += 1
            else:
                yield j
        return
    if key == "f":
        j = i
        while j < n and j - i < 6 and "0" <= s[j] <= "9":
            j += 1
        while j > i:
            yield j
            j -= 1
        return
    if key == "z":
        yield from _offset_ends(s, i)
        return
    for name in _names(key):
        if s[i:i + len(name)].lower() == name:
            yield i + len(name)


def _offset_ends(s, i):
    # [+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|Z  -- the Z case-sensitive
    n = len(s)

    def d(j):
        return j < n and s[j].isdecimal()

    def d05(j):
        return j < n and "0" <= s[j] <= "5"

    if i < n and s[i] in "+-" and d(i + 1) and d(i + 2):
        j = i + 3
        for k in ((j + 1, j) if j < n and s[j] == ":" else (j,)):
            if not (d05(k) and d(k + 1)):
                continue
            k += 2
            for m in ((k + 1, k) if k < n and s[k] == ":" else (k,)):
                if d05(m) and d(m + 1):
                    m += 2
                    if m < n and s[m] == ".":
                        q = m + 1
                        while q < n and q - m <= 6 and s[q].isdecimal():
                            q += 1
                        while q > m + 1:
                            yield q
                            q -= 1
                    yield m
            yield k
    if i < n and s[i] == "Z":
        yield i + 1


def _match(tokens, k, s, i, found):
    """The end of a match of tokens[k:] at s[i:], or -1; fields go into `found`."""
    while k < len(tokens):
        token = tokens[k]
        kind = token[0]
        if kind == _LIT:
            if i < len(s) and (s[i] == token[1] or s[i].lower() == token[2]):
                i += 1
                k += 1
                continue
            return -1
        if kind == _SPACE:
            j = i
            while j < len(s) and s[j].isspace():
                j += 1
            while j > i:                    # \s+ is greedy
                end = _match(tokens, k + 1, s, j, found)
                if end >= 0:
                    return end
                j -= 1
            return -1
        key = token[1]
        tried = set()
        for j in _field_ends(key, s, i):
            if j in tried:
                continue
            tried.add(j)
            found[key] = s[i:j]
            end = _match(tokens, k + 1, s, j, found)
            if end >= 0:
                return end
        return -1
    return i


def _julian_from_week(year, week, weekday, monday_first):
    """Day of the year of a %U/%W week and a weekday (Monday 0), which may fall
    outside the year."""
    first = _date(year, 1, 1).weekday()
    if not monday_first:
        first = (first + 1) % 7
        weekday = (weekday + 1) % 7
    if week == 0:
        return 1 + weekday - first
    return 1 + (7 - first) % 7 + 7 * (week - 1) + weekday


def strptime(cls, data, fmt):
    tokens = []
    state = [0, 0, {}, None]
    _tokens(fmt, tokens, state, fmt)
    if state[3] is not None:
        raise _regex_error()(state[3][0], None, state[3][1])
    found = {}
    end = _match(tokens, 0, data, 0, found)
    if end < 0:
        raise ValueError("time data %r does not match format %r" % (data, fmt))
    if end != len(data):
        raise ValueError("unconverted data remains: %s" % data[end:])

    year = month = day = None
    iso_year = iso_week = week = week_start = weekday = julian = None
    hour = minute = second = fraction = 0
    offset = None
    offset_us = 0
    for key, text in found.items():
        if key == "y":
            year = int(text)
            year += 2000 if year <= 68 else 1900
        elif key == "Y":
            year = int(text)
        elif key == "G":
            iso_year = int(text)
        elif key == "m":
            month = int(text)
        elif key == "B":
            month = _FULL_MONTHS.index(text.lower())
        elif key == "b":
            month = _ABBR_MONTHS.index(text.lower())
        elif key == "d":
            day = int(text)
        elif key == "H":
            hour = int(text)
        elif key == "I":
            hour = int(text)
            ampm = found.get("p", "").lower()
            if ampm in ("", "am"):
                if hour == 12:
                    hour = 0
            elif ampm == "pm" and hour != 12:
                hour += 12
        elif key == "M":
            minute = int(text)
        elif key == "S":
            second = int(text)
        elif key == "f":
            fraction = int(text + "0" * (6 - len(text)))
        elif key == "A":
            weekday = _FULL_DAYS.index(text.lower())
        elif key == "a":
            weekday = _ABBR_DAYS.index(text.lower())
        elif key == "w":
            weekday = (int(text) + 6) % 7
        elif key == "u":
            weekday = int(text) - 1
        elif key == "j":
            julian = int(text)
        elif key in "UW":
            week = int(text)
            week_start = 6 if key == "U" else 0
        elif key == "V":
            iso_week = int(text)
        elif key == "z":
            offset, offset_us = _parse_z(text)

    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week "
                             "directive '%V' and a weekday directive ('%A', '%a', '%w', "
                             "or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO "
                             "year directive '%G'. Use '%Y' instead.")
    elif week is None and iso_week is not None:
        if weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year "
                             "directive '%G' and a weekday directive ('%A', '%a', '%w', "
                             "or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year directive "
                         "'%Y'. Use the ISO year '%G' instead.")

    if month is None:
        month = 1
    if day is None:
        day = 1
    # February 29th without a year is worked out in a leap year, then given
    # the default year, which has no such day.
    leap_fix = year is None and month == 2 and day == 29
    if year is None:
        year = 1904 if leap_fix else 1900

    if julian is None and weekday is not None:
        if week is not None:
            julian = _julian_from_week(year, week, weekday, week_start == 0)
        elif iso_year is not None and iso_week is not None:
            # Counted from the Monday of the week holding January 4th; a day
            # before the year begins belongs to the year before.
            jan4 = _date(iso_year, 1, 4).toordinal()
            n = jan4 - (jan4 + 6) % 7 + (iso_week - 1) * 7 + weekday
            year = iso_year
            julian = n - _date(year, 1, 1).toordinal() + 1
            if julian < 1:
                year -= 1
                julian = n - _date(year, 1, 1).toordinal() + 1
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _is_leap(year) else 365

    if julian is not None:
        result = _date.fromordinal(julian - 1 + _date(year, 1, 1).toordinal())
        year, month, day = result.year, result.month, result.day
    else:
        _date(year, month, day)             # reports a day that does not exist
    if leap_fix:
        year = 1900

    args = (year, month, day, hour, minute, second, fraction)
    if offset is not None:
        delta = timedelta(seconds=offset, microseconds=offset_us)
        name = found.get("Z")
        args += (timezone(delta, name) if name else timezone(delta),)
    return cls(*args)


def _parse_z(text):
    """(seconds, microseconds) east of UTC of a %z field."""
    if text == "Z":
        return 0, 0
    z = text
    if z[3] == ":":
        z = z[:3] + z[4:]
        if len(z) > 5:
            if z[5] != ":":
                raise ValueError("Inconsistent use of : in %s" % text)
            z = z[:5] + z[6:]
    seconds = int(z[1:3]) * 3600 + int(z[3:5]) * 60 + int(z[5:7] or 0)
    rest = z[8:]
    us = int(rest + "0" * (6 - len(rest)))
    if z[0] == "-":
        return -seconds, -us
    return seconds, us
