"""`_datetime_support`: the plumbing under `datetime` that needs none of its classes.

The proleptic Gregorian calendar as ordinals, the binding of arguments by the
rules (and with the messages) of CPython's C argument parser, the range checks
of the constructors, and the conversions between POSIX time and calendar
fields, in UTC or through `time.localtime`. `datetime` imports the names it
needs; nothing here is public.
"""

import time as _time

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_MAXORDINAL = 3652059          # 9999-12-31
_EPOCH_ORDINAL = 719163        # 1970-01-01
_MAX_FOLD_SECONDS = 86400      # how far apart two readings of one wall time can be

# `datetime` registers its classes here: C messages name them "datetime.date".
_C_TYPES = []


# --- the calendar ---------------------------------------------------------

def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + _days_before_month(year, month) + day


def _ord2ymd(n):
    # Strip whole 400-, 100-, 4- and 1-year cycles off the days since 0001-01-01;
    # only the last day of a 4- or 400-year cycle overflows its division.
    n -= 1
    n400, n = divmod(n, 146097)
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    # No month is longer than 31 days, so this guess is never past the answer.
    month = n // 31 + 1
    while month < 12 and n >= _DAYS_BEFORE_MONTH[month + 1] + (month + 1 > 2 and leap):
        month += 1
    return year, month, n - _DAYS_BEFORE_MONTH[month] - (month > 2 and leap) + 1


def _iso_week1_monday(year):
    # ISO week 1 is the week holding the year's first Thursday.
    first = _ymd2ord(year, 1, 1)
    weekday = (first + 6) % 7
    monday = first - weekday
    if weekday > 3:
        monday += 7
    return monday


def _iso_to_ymd(year, week, day):
    """The date of an ISO (year, week, weekday), or None when week or day is invalid
    (with "week" or "day" saying which)."""
    if not 0 < week < 53:
        if week != 53:
            return "week"
        first = (_ymd2ord(year, 1, 1) + 6) % 7
        if not (first == 3 or (first == 2 and _is_leap(year))):
            return "week"
    if not 0 < day < 8:
        return "day"
    return _ord2ymd(_iso_week1_monday(year) + (week - 1) * 7 + day - 1)


# --- argument handling in the manner of CPython's C functions -------------

_MISSING = object()


def _tpname(obj):
    """The type's name as C messages print it: module-qualified for datetime's
    own types (C types in CPython), bare for anything else."""
    t = type(obj)
    if t in _C_TYPES:
        return "datetime." + t.__name__
    return t.__name__


def _where(fname):
    return "function" if fname is None else fname + "()"


def _bind(fname, args, kwargs, names, nreq, conv, npos=-1):
    """Binds a call as PyArg_ParseTupleAndKeywords does, with its messages.

    `conv[i]` converts argument i (or is None); the first `nreq` names are
    required, and past `npos` they are keyword-only. Absent ones are _MISSING."""
    nargs = len(args)
    nmax = len(names)
    nkw = len(kwargs)
    if nargs + nkw > nmax:
        raise TypeError("%s takes at most %d %sargument%s (%d given)" % (
            _where(fname), nmax, "" if nargs else "keyword ", "" if nmax == 1 else "s",
            nargs + nkw))
    values = [_MISSING] * nmax
    for i in range(nmax):
        if i == npos and nargs > npos:
            if npos == 0:
                raise TypeError("%s takes no positional arguments" % _where(fname))
            raise TypeError("%s takes %s %d positional argument%s (%d given)" % (
                _where(fname), "at most" if nreq < npos else "exactly", npos,
                "" if npos == 1 else "s", nargs))
        if i < nargs:
            value = args[i]
        elif nkw and names[i] in kwargs:
            value = kwargs[names[i]]
            nkw -= 1
        else:
            if i < nreq:
                raise TypeError("%s missing required argument '%s' (pos %d)"
                                % (_where(fname), names[i], i + 1))
            if not nkw:
                return values
            continue
        c = conv[i]
        values[i] = value if c is None else c(value, i + 1, fname)
    if nkw:
        for i in range(nargs):
            if names[i] in kwargs:
                raise TypeError("argument for %s given by name ('%s') and position (%d)"
                                % (_where(fname), names[i], i + 1))
        for key in kwargs:
            if key not in names:
                raise TypeError("'%s' is an invalid keyword argument for %s" % (
                    key, "this function" if fname is None else fname + "()"))
    return values


def _fill(values, defaults):
    """The bound values with each absent one replaced by its default."""
    return [d if v is _MISSING else v for v, d in zip(values, defaults)]


def _one_arg(fname, args, kwargs):
    """The argument of a C function that takes exactly one, by position."""
    if kwargs:
        raise TypeError("%s() takes no keyword arguments" % fname)
    if len(args) != 1:
        raise TypeError("%s() takes exactly 1 argument (%d given)" % (fname, len(args)))
    return args[0]


def _argtype(value):
    # C's converters say "None" rather than "NoneType".
    return "None" if value is None else _tpname(value)


def _index(value):
    if isinstance(value, int):
        return int(value)
    index = getattr(type(value), "__index__", None)
    if index is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % _tpname(value))
    return index(value)


def _cint(value, pos=0, fname=None):
    """The C `int` conversion ("i"): an integer that fits 32 bits."""
    if type(value) is not int:
        value = _index(value)
    if -2147483648 <= value <= 2147483647:
        return value
    if not -9223372036854775808 <= value <= 9223372036854775807:
        raise OverflowError("Python int too large to convert to C long")
    if value > 0:
        raise OverflowError("signed integer is greater than maximum")
    raise OverflowError("signed integer is less than minimum")


def _arg_str(value, pos, fname):
    if not isinstance(value, str):
        raise TypeError("%s argument %d must be str, not %s"
                        % (_where(fname), pos, _argtype(value)))
    return value


def _arg_char(value, pos, fname):
    if not isinstance(value, str) or len(value) != 1:
        raise TypeError("%s argument %d must be a unicode character, not %s"
                        % (_where(fname), pos, _argtype(value)))
    return value


def _check_date(year, month, day):
    if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month):
        return
    for value in (year, month, day):
        _cint(value)                        # C's int range comes first
    if not 1 <= year <= 9999:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    raise ValueError("day is out of range for month")


def _check_time(hour, minute, second, microsecond, fold):
    if 0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59 \
            and 0 <= microsecond <= 999999 and (fold == 0 or fold == 1):
        return
    for value in (hour, minute, second, microsecond, fold):
        _cint(value)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")
    raise ValueError("fold must be either 0 or 1")


def _format_time(hour, minute, second, microsecond, timespec):
    if timespec == "auto":
        timespec = "microseconds" if microsecond else "seconds"
    if timespec == "hours":
        return "%02d" % hour
    if timespec == "minutes":
        return "%02d:%02d" % (hour, minute)
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hour, minute, second)
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hour, minute, second, microsecond // 1000)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hour, minute, second, microsecond)
    raise ValueError("Unknown timespec value")


def _div_round(a, b):
    """a / b rounded to the nearest integer, ties to even."""
    q, r = divmod(a, b)
    twice = 2 * r
    if (twice > b if b > 0 else twice < b) or (twice == b and q & 1):
        q += 1
    return q


# --- comparisons shared by the classes ------------------------------------
# Each class's `_compare(other, equality)` gives NotImplemented for a foreign
# operand, None for "unequal, and no order" (naive against aware), else the
# sign of the difference.

def _eq(self, other):
    r = self._compare(other, True)
    return r if r is NotImplemented else r == 0


def _ne(self, other):
    r = self._compare(other, True)
    return r if r is NotImplemented else r != 0


def _lt(self, other):
    r = self._compare(other, False)
    return r if r is NotImplemented else r < 0


def _le(self, other):
    r = self._compare(other, False)
    return r if r is NotImplemented else r <= 0


def _gt(self, other):
    r = self._compare(other, False)
    return r if r is NotImplemented else r > 0


def _ge(self, other):
    r = self._compare(other, False)
    return r if r is NotImplemented else r >= 0


def _sign(a, b):
    return (a > b) - (a < b)


# --- clocks and local time -----------------------------------------------

def _timestamp_parts(t, floor):
    """(seconds, microseconds) of a POSIX timestamp as CPython's time_t conversion
    makes them: microseconds rounded half to even, or the seconds floored."""
    if isinstance(t, float):
        if t != t:
            raise ValueError("Invalid value NaN (not a number)")
        if not -1e19 < t < 1e19:
            raise OverflowError("timestamp out of range for platform time_t")
        if floor:
            whole = float(int(t))
            if whole > t:
                whole -= 1.0
            us = 0
        else:
            whole = float(int(t))
            us = round((t - whole) * 1e6)
            if us >= 1000000:
                us -= 1000000
                whole += 1.0
            elif us < 0:
                us += 1000000
                whole -= 1.0
        if not -9223372036854775808.0 <= whole < 9223372036854775808.0:
            raise OverflowError("timestamp out of range for platform time_t")
        return int(whole), us
    t = _index(t)
    if not -9223372036854775808 <= t <= 9223372036854775807:
        raise OverflowError("timestamp out of range for platform time_t")
    return t, 0


def _utc_fields(seconds):
    """The UTC calendar fields of a POSIX time, as gmtime() gives them."""
    days, rest = divmod(seconds, 86400)
    year, month, day = _ord2ymd(days + _EPOCH_ORDINAL)
    if not -2147483648 <= year - 1900 <= 2147483647:
        raise OSError(75, "Value too large for defined data type")
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    return year, month, day, hour, minute, second


def _wall_seconds(year, month, day, hour, minute, second):
    """Calendar fields as seconds since 1970-01-01 00:00 (no zone involved)."""
    if not 1 <= year <= 9999:
        raise ValueError("year %d is out of range" % year)
    return ((_ymd2ord(year, month, day) - _EPOCH_ORDINAL) * 86400
            + hour * 3600 + minute * 60 + second)


def _local_wall(u):
    """The local wall clock at POSIX time u, as seconds since the epoch."""
    tm = _time.localtime(u)
    return _wall_seconds(tm[0], tm[1], tm[2], tm[3], tm[4], tm[5])


def _local_to_posix(year, month, day, hour, minute, second, fold):
    """The POSIX time at which the local clock reads the given fields.

    Solves local(u) == t by trying the offsets in force one day either side;
    `fold` picks between two solutions (a repeated hour) and, in a gap, which
    side of the gap to land on."""
    t = _wall_seconds(year, month, day, hour, minute, second)
    a = _local_wall(t) - t
    u1 = t - a
    t1 = _local_wall(u1)
    if t1 == t:
        u2 = u1 + (_MAX_FOLD_SECONDS if fold else -_MAX_FOLD_SECONDS)
        b = _local_wall(u2) - u2
        if a == b:
            return u1
    else:
        b = t1 - u1
    u2 = t - b
    if _local_wall(u2) == t:
        return u2
    if t1 == t:
        return u1
    # In a gap: neither offset gives a solution.
    return min(u1, u2) if fold else max(u1, u2)


def _posix_fields(seconds, utc):
    """The calendar fields and fold of POSIX time `seconds`, in UTC or local time;
    the fold is set on the second reading of a repeated local hour."""
    fold = 0
    if utc:
        year, month, day, hour, minute, second = _utc_fields(seconds)
    else:
        tm = _time.localtime(seconds)
        year, month, day, hour, minute, second = tm[0], tm[1], tm[2], tm[3], tm[4], tm[5]
        result = _wall_seconds(year, month, day, hour, minute, second)
        probe = _local_wall(seconds - _MAX_FOLD_SECONDS)
        transition = result - probe - _MAX_FOLD_SECONDS
        if transition < 0 and _local_wall(seconds + transition) == result:
            fold = 1
    if second > 59:
        second = 59                         # a leap second
    return year, month, day, hour, minute, second, fold
