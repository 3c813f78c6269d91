"""`datetime`: dates, times, durations and fixed-offset time zones, as CPython's.

CPython writes this module in C; here it is plain Python over apy's `time` module,
which supplies the clock, the local-time conversions and `strftime`. Values are
immutable objects with their fields in slots. Arithmetic goes through exact
integers: a date is its proleptic Gregorian ordinal (0001-01-01 is day 1) and a
duration its count of microseconds, so every rounding rule can be followed to
the bit.

Messages name the types as the C module does (`datetime.date`), and the
constructors bind their arguments by the rules of CPython's C argument parser,
so even a wrong call reads the same. That plumbing, the calendar arithmetic and
the local-time conversions are in `_datetime_support`; the text formats
(`strftime`'s %z, %Z and %f, `strptime`, `fromisoformat`) are in
`_datetime_format`, loaded on first use.

Not provided: `datetime_CAPI`; `strptime` knows only the C locale; a call of a
method that takes no arguments (or exactly one) with the wrong number of them
is refused in Python's words, not C's; the module's private names show in
`dir()`.
"""

import sys                              # CPython's module has it too
import time as _time

from _datetime_support import (
    _C_TYPES, _EPOCH_ORDINAL, _MAXORDINAL, _MISSING, _arg_char, _arg_str, _argtype, _bind,
    _check_date, _check_time, _cint, _days_before_month, _div_round, _eq, _fill,
    _format_time, _ge, _gt, _iso_to_ymd, _iso_week1_monday, _le, _local_to_posix, _lt, _ne,
    _one_arg, _ord2ymd, _posix_fields, _sign, _timestamp_parts, _tpname, _where, _ymd2ord)

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR", "UTC")

MINYEAR = 1
MAXYEAR = 9999

_DAYNAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHNAMES = (None, "Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _fmt():
    # The text formats are big and rarely all needed: load them on first use.
    import _datetime_format
    return _datetime_format


# --- checks that need the classes -------------------------------------

def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % _tpname(tz))


def _checked_offset(offset, what):
    """Validates what tzinfo.utcoffset() or dst() returned."""
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (what, _tpname(offset)))
    if not (offset._days == 0 or (offset._days == -1 and (offset._seconds or offset._microseconds))):
        raise ValueError("offset must be a timedelta strictly between "
                         "-timedelta(hours=24) and timedelta(hours=24).")
    return offset


def _checked_tzname(name):
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'" % _tpname(name))
    return name


def _format_offset(offset, sep):
    """An offset as "+HH:MM", with seconds and microseconds only when present."""
    if offset is None:
        return ""
    if offset._days < 0:
        sign = "-"
        offset = -offset
    else:
        sign = "+"
    hours, rest = divmod(offset._seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if offset._microseconds:
        return "%s%02d%s%02d%s%02d.%06d" % (sign, hours, sep, minutes, sep, seconds,
                                             offset._microseconds)
    if seconds:
        return "%s%02d%s%02d%s%02d" % (sign, hours, sep, minutes, sep, seconds)
    return "%s%02d%s%02d" % (sign, hours, sep, minutes)


def _struct_time(year, month, day, hour, minute, second, dstflag):
    yday = _days_before_month(year, month) + day
    weekday = (_ymd2ord(year, month, day) + 6) % 7
    return _time.struct_time((year, month, day, hour, minute, second, weekday, yday, dstflag))


def _local_timezone_at(u):
    tm = _time.localtime(u)
    return timezone(timedelta(seconds=tm.tm_gmtoff), tm.tm_zone)


def _from_posix(cls, seconds, us, tz, utc):
    """A `cls` for POSIX time `seconds` + `us`, in UTC or local time."""
    year, month, day, hour, minute, second, fold = _posix_fields(seconds, utc)
    return _new_datetime(cls, year, month, day, hour, minute, second, us, tz, fold)


class _Field:
    """A read-only field, as CPython's C types expose them (and refuse writes).

    (No __slots__ here: apy ignores a data descriptor whose class has slots.)"""

    def __init__(self, get, member=False):
        self._get = get
        self._member = member           # timedelta's are members, not getsets

    def __set_name__(self, owner, name):
        self._what = "%s '%s' of 'datetime.%s' objects" % (
            "member" if self._member else "attribute", name, owner.__name__)

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return self._get(obj)

    def __set__(self, obj, value=None):
        raise AttributeError("readonly attribute" if self._member
                             else self._what + " is not writable")

    __delete__ = __set__

    def __repr__(self):
        return "<%s>" % self._what


# --- timedelta ---------------------------------------------------------------

_TD_NAMES = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")
_TD_FACTORS = (86400000000, 1000000, 1, 1000, 60000000, 3600000000, 604800000000)
# C folds the components in this order, which decides how floats round and
# which bad component is reported.
_TD_ORDER = (2, 3, 1, 4, 5, 0, 6)
_TD_CONV = (None,) * 7


def _td_make(days, seconds, microseconds, cls=None):
    if not -999999999 <= days <= 999999999:
        if -2147483648 <= days <= 2147483647:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % days)
        raise OverflowError("Python int too large to convert to C int")
    self = object.__new__(timedelta if cls is None else cls)
    self._days = days
    self._seconds = seconds
    self._microseconds = microseconds
    self._hashcode = -1
    return self


def _td_from_us(us, cls=None):
    seconds, us = divmod(us, 1000000)
    days, seconds = divmod(seconds, 86400)
    return _td_make(days, seconds, us, cls)


class timedelta:
    """A duration, kept as days, seconds (0..86399) and microseconds (0..999999)."""

    __slots__ = ("_days", "_seconds", "_microseconds", "_hashcode")

    def __new__(cls, *args, **kwargs):
        values = _bind("__new__", args, kwargs, _TD_NAMES, 0, _TD_CONV)
        total = 0
        leftover = 0.0
        for i in _TD_ORDER:
            value = values[i]
            if value is _MISSING:
                continue
            factor = _TD_FACTORS[i]
            if isinstance(value, int):
                total += value * factor
            elif isinstance(value, float):
                whole = int(value)
                total += whole * factor
                fraction = value - whole
                if fraction:
                    # Exact up to here; only the fractions meet float rounding.
                    scaled = fraction * factor
                    whole = int(scaled)
                    total += whole
                    leftover += scaled - whole
            else:
                raise TypeError("unsupported type for timedelta %s component: %s"
                                % (_TD_NAMES[i], _tpname(value)))
        if leftover:
            low = int(leftover)
            if low > leftover:
                low -= 1
            if leftover - low == 0.5:
                # A tie goes to whichever neighbour makes the total even.
                total += low if (total + low) % 2 == 0 else low + 1
            else:
                total += round(leftover)
        return _td_from_us(total, cls)

    days = _Field(lambda self: self._days, True)
    seconds = _Field(lambda self: self._seconds, True)
    microseconds = _Field(lambda self: self._microseconds, True)

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        """The duration in seconds, as a float."""
        return self._us() / 1000000

    def __repr__(self):
        parts = []
        if self._days:
            parts.append("days=%d" % self._days)
        if self._seconds:
            parts.append("seconds=%d" % self._seconds)
        if self._microseconds:
            parts.append("microseconds=%d" % self._microseconds)
        return "%s(%s)" % (_tpname(self), ", ".join(parts) if parts else "0")

    def __str__(self):
        minutes, seconds = divmod(self._seconds, 60)
        hours, minutes = divmod(minutes, 60)
        text = "%d:%02d:%02d" % (hours, minutes, seconds)
        if self._days:
            text = "%d day%s, %s" % (self._days, "" if abs(self._days) == 1 else "s", text)
        if self._microseconds:
            text += ".%06d" % self._microseconds
        return text

    def __reduce__(self):
        return (type(self), (self._days, self._seconds, self._microseconds))

    def __reduce_ex__(self, protocol):
        # CPython inherits object's, which defers to __reduce__; apy's object has none.
        return self.__reduce__()

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(self._us() - other._us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(other._us() - self._us())
        return NotImplemented

    def __neg__(self):
        return _td_from_us(-self._us())

    def __pos__(self):
        return _td_make(self._days, self._seconds, self._microseconds)

    def __abs__(self):
        return -self if self._days < 0 else +self

    def __mul__(self, other):
        if isinstance(other, int):
            return _td_from_us(self._us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _td_from_us(_div_round(self._us() * num, den))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return _td_from_us(self._us() // other)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, int):
            return _td_from_us(_div_round(self._us(), other))
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            if num == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return _td_from_us(_div_round(self._us() * den, num))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us(), other._us())
            return q, _td_from_us(r)
        return NotImplemented

    def _key(self):
        return (self._days, self._seconds, self._microseconds)

    def _compare(self, other, equality):
        if isinstance(other, timedelta):
            return _sign(self._key(), other._key())
        return NotImplemented

    __eq__, __ne__, __lt__, __le__, __gt__, __ge__ = _eq, _ne, _lt, _le, _gt, _ge

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._key())
        return self._hashcode

    def __bool__(self):
        return bool(self._days or self._seconds or self._microseconds)


timedelta.min = _td_make(-999999999, 0, 0)
timedelta.max = _td_make(999999999, 86399, 999999)
timedelta.resolution = _td_make(0, 0, 1)


# --- date --------------------------------------------------------------------

_DATE_NAMES = ("year", "month", "day")
_DATE_CONV = (_cint, _cint, _cint)


def _date_make(cls, year, month, day):
    self = object.__new__(cls)
    self._year = year
    self._month = month
    self._day = day
    self._hashcode = -1
    return self


def _new_date(cls, year, month, day):
    """A `cls` for the date: made directly for `date`, through the constructor for
    a subclass (which may have its own)."""
    if cls is date:
        _check_date(year, month, day)
        return _date_make(date, year, month, day)
    return cls(year, month, day)


def _pickled_bytes(state, size):
    """The bytes of a pickled state (a latin-1 str, from Python 2 pickles, too)."""
    if isinstance(state, bytes):
        return state if len(state) == size else None
    if isinstance(state, str) and len(state) == size:
        return state.encode("latin-1")
    return None


class date:
    """A day of the proleptic Gregorian calendar: date(year, month, day)."""

    __slots__ = ("_year", "_month", "_day", "_hashcode")

    def __new__(cls, *args, **kwargs):
        if len(args) == 1 and not kwargs:
            state = _pickled_bytes(args[0], 4)
            if state is not None and 1 <= state[2] <= 12:
                return _date_make(cls, state[0] * 256 + state[1], state[2], state[3])
        if (kwargs or len(args) != 3 or type(args[0]) is not int
                or type(args[1]) is not int or type(args[2]) is not int):
            args = _bind(None, args, kwargs, _DATE_NAMES, 3, _DATE_CONV)
        year, month, day = args
        _check_date(year, month, day)
        return _date_make(cls, year, month, day)

    @classmethod
    def today(cls):
        """The current local date (a datetime for datetime)."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, timestamp):
        """The local date at a POSIX timestamp."""
        tm = _time.localtime(_timestamp_parts(timestamp, True)[0])
        return _new_date(cls, tm[0], tm[1], tm[2])

    @classmethod
    def fromordinal(cls, *args, **kwargs):
        """The date of a proleptic Gregorian ordinal (0001-01-01 is 1)."""
        n = _cint(_one_arg("fromordinal", args, kwargs))
        if n < 1:
            raise ValueError("ordinal must be >= 1")
        year, month, day = _ord2ymd(n)
        return _new_date(cls, year, month, day)

    @classmethod
    def fromisoformat(cls, date_string):
        """The date an ISO 8601 string (YYYY-MM-DD, YYYYMMDD, YYYY-Www-D...) names."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        year, month, day = _fmt().parse_iso_date(date_string)
        return _new_date(cls, year, month, day)

    @classmethod
    def fromisocalendar(cls, *args, **kwargs):
        """The date of an ISO year, week number and weekday."""
        year, week, day = _bind("fromisocalendar", args, kwargs,
                                ("year", "week", "day"), 3, _DATE_CONV)
        if not 1 <= year <= 9999:
            raise ValueError("Year is out of range: %d" % year)
        ymd = _iso_to_ymd(year, week, day)
        if ymd == "week":
            raise ValueError("Invalid week: %d" % week)
        if ymd == "day":
            raise ValueError("Invalid day: %d (range is [1, 7])" % day)
        return _new_date(cls, ymd[0], ymd[1], ymd[2])

    year = _Field(lambda self: self._year)
    month = _Field(lambda self: self._month)
    day = _Field(lambda self: self._day)

    def __repr__(self):
        return "%s(%d, %d, %d)" % (_tpname(self), self._year, self._month, self._day)

    def isoformat(self):
        """YYYY-MM-DD."""
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def ctime(self):
        """The date as time.ctime() writes it."""
        return "%s %s %2d 00:00:00 %04d" % (_DAYNAMES[self.weekday()], _MONTHNAMES[self._month],
                                            self._day, self._year)

    def strftime(self, *args, **kwargs):
        """The date written by a time.strftime() format."""
        (fmt,) = _bind("strftime", args, kwargs, ("format",), 1, (_arg_str,))
        return _fmt().strftime(self, fmt, self.timetuple(), self)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("__format__() argument 1 must be str, not %s" % _tpname(fmt))
        if not fmt:
            return str(self)
        return self.strftime(fmt)

    def timetuple(self):
        """The date as a time.struct_time."""
        return _struct_time(self._year, self._month, self._day, 0, 0, 0, -1)

    def toordinal(self):
        """The proleptic Gregorian ordinal (0001-01-01 is 1)."""
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        """Monday is 0, Sunday 6."""
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        """Monday is 1, Sunday 7."""
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        """The ISO (year, week, weekday), as a named tuple."""
        year = self._year
        today = self.toordinal()
        week, day = divmod(today - _iso_week1_monday(year), 7)
        if week < 0:
            year -= 1
            week, day = divmod(today - _iso_week1_monday(year), 7)
        elif week >= 52 and today >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return _IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, *args, **kwargs):
        """A copy with the given fields changed."""
        values = _bind("replace", args, kwargs, _DATE_NAMES, 0, _DATE_CONV)
        year, month, day = _fill(values, (self._year, self._month, self._day))
        # Made directly, as in C: a subclass's constructor is not called.
        _check_date(year, month, day)
        return _date_make(type(self), year, month, day)

    def __reduce__(self):
        return (type(self), (bytes((self._year >> 8, self._year & 255,
                                    self._month, self._day)),))

    __reduce_ex__ = timedelta.__reduce_ex__

    def _key(self):
        return (self._year, self._month, self._day)

    def _compare(self, other, equality):
        # Any two dates compare by their fields; datetime overrides this, and
        # Python asks a subclass first.
        if isinstance(other, date):
            return _sign(self._key(), other._key())
        return NotImplemented

    __eq__, __ne__, __lt__, __le__, __gt__, __ge__ = _eq, _ne, _lt, _le, _gt, _ge

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._key())
        return self._hashcode

    def __add__(self, other):
        if isinstance(other, timedelta):
            n = self.toordinal() + other._days
            if 0 < n <= _MAXORDINAL:
                year, month, day = _ord2ymd(n)
                return _new_date(type(self), year, month, day)
            raise OverflowError("date value out of range")
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, datetime):
            return NotImplemented
        if isinstance(other, timedelta):
            return self + _td_make(-other._days, 0, 0)
        if isinstance(other, date):
            return _td_make(self.toordinal() - other.toordinal(), 0, 0)
        return NotImplemented


date.min = _date_make(date, 1, 1, 1)
date.max = _date_make(date, 9999, 12, 31)
date.resolution = _td_make(1, 0, 0)


class IsoCalendarDate(tuple):
    """What date.isocalendar() returns: (year, week, weekday), fields named."""

    def __new__(cls, *args, **kwargs):
        year, week, weekday = _bind("IsoCalendarDate", args, kwargs,
                                    ("year", "week", "weekday"), 3, _DATE_CONV)
        return tuple.__new__(cls, (year, week, weekday))

    year = _Field(lambda self: self[0])
    week = _Field(lambda self: self[1])
    weekday = _Field(lambda self: self[2])

    def __repr__(self):
        return "%s(year=%d, week=%d, weekday=%d)" % (_tpname(self), self[0], self[1], self[2])

    def __reduce__(self):
        # Pickled as a plain tuple, so that pickles do not depend on the class.
        return (tuple, (tuple(self),))

    __reduce_ex__ = timedelta.__reduce_ex__


# CPython keeps the class out of the module's namespace; its name stays.
_IsoCalendarDate = IsoCalendarDate
del IsoCalendarDate


# --- tzinfo -----------------------------------------------------------------

class tzinfo:
    """The abstract base of time zones: subclasses say the offset from UTC."""

    __slots__ = ()

    def tzname(self, dt):
        """The zone's name at datetime dt."""
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        """The offset from UTC at datetime dt (east is positive)."""
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        """The daylight saving part of the offset at datetime dt."""
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        """The local time of dt, a UTC time that carries this zone."""
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt._tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        offset = _checked_offset(self.utcoffset(dt), "utcoffset")
        if offset is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        dst = _checked_offset(self.dst(dt), "dst")
        if dst is None:
            raise ValueError("fromutc: non-None dst() result required")
        delta = offset - dst
        if delta:
            dt = dt + delta
            dst = _checked_offset(self.dst(dt), "dst")
            if dst is None:
                raise ValueError("fromutc: tz.dst() gave inconsistent results; cannot convert")
        return dt + dst

    def __reduce__(self):
        getinitargs = getattr(self, "__getinitargs__", None)
        args = getinitargs() if getinitargs is not None else ()
        getstate = getattr(type(self), "__getstate__", None)
        if getstate is not None and getstate is not getattr(object, "__getstate__", None):
            state = getstate(self)
        else:
            state = getattr(self, "__dict__", None) or None
        return (type(self), args, state)

    __reduce_ex__ = timedelta.__reduce_ex__


# --- time ------------------------------------------------------------------

_TIME_NAMES = ("hour", "minute", "second", "microsecond", "tzinfo", "fold")
_TIME_CONV = (_cint, _cint, _cint, _cint, None, _cint)
_TIME_DEFAULTS = (0, 0, 0, 0, None, 0)


def _time_make(cls, hour, minute, second, microsecond, tz, fold):
    self = object.__new__(cls)
    self._hour = hour
    self._minute = minute
    self._second = second
    self._microsecond = microsecond
    self._tzinfo = tz
    self._fold = fold
    self._hashcode = -1
    return self


def _new_time(cls, hour, minute, second, microsecond, tz, fold):
    if cls is time:
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _time_make(time, hour, minute, second, microsecond, tz, fold)
    if fold:
        return cls(hour, minute, second, microsecond, tz, fold=fold)
    return cls(hour, minute, second, microsecond, tz)


class time:
    """A time of day: time(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)."""

    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold",
                 "_hashcode")

    def __new__(cls, *args, **kwargs):
        if 1 <= len(args) <= 2 and not kwargs:
            state = _pickled_bytes(args[0], 6)
            if state is not None and (state[0] & 127) < 24:
                tz = args[1] if len(args) == 2 else None
                if tz is not None and not isinstance(tz, tzinfo):
                    raise TypeError("bad tzinfo state arg")
                return _time_make(cls, state[0] & 127, state[1], state[2],
                                  (state[3] << 16) | (state[4] << 8) | state[5], tz,
                                  state[0] >> 7)
        hour, minute, second, microsecond, tz, fold = _fill(
            _bind(None, args, kwargs, _TIME_NAMES, 0, _TIME_CONV, 5), _TIME_DEFAULTS)
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _time_make(cls, hour, minute, second, microsecond, tz, fold)

    @classmethod
    def fromisoformat(cls, time_string):
        """The time an ISO 8601 string (HH:MM:SS.ffffff+HH:MM and shorter) names."""
        if not isinstance(time_string, str):
            raise TypeError("fromisoformat: argument must be str")
        hour, minute, second, microsecond, tz = _fmt().parse_iso_time(time_string)
        return _new_time(cls, hour, minute, second, microsecond, tz, 0)

    hour = _Field(lambda self: self._hour)
    minute = _Field(lambda self: self._minute)
    second = _Field(lambda self: self._second)
    microsecond = _Field(lambda self: self._microsecond)
    tzinfo = _Field(lambda self: self._tzinfo)
    fold = _Field(lambda self: self._fold)

    # A time's zone is asked about "no particular day": the argument is None.

    def utcoffset(self):
        """The zone's offset from UTC, or None when naive."""
        if self._tzinfo is None:
            return None
        return _checked_offset(self._tzinfo.utcoffset(None), "utcoffset")

    def dst(self):
        """The zone's daylight saving adjustment, or None."""
        if self._tzinfo is None:
            return None
        return _checked_offset(self._tzinfo.dst(None), "dst")

    def tzname(self):
        """The zone's name, or None."""
        if self._tzinfo is None:
            return None
        return _checked_tzname(self._tzinfo.tzname(None))

    def __repr__(self):
        text = "%s(%d, %d" % (_tpname(self), self._hour, self._minute)
        if self._second or self._microsecond:
            text += ", %d" % self._second
        if self._microsecond:
            text += ", %d" % self._microsecond
        if self._tzinfo is not None:
            text += ", tzinfo=%r" % (self._tzinfo,)
        if self._fold:
            text += ", fold=1"
        return text + ")"

    def isoformat(self, *args, **kwargs):
        """HH:MM:SS[.ffffff][+HH:MM]; timespec picks the last field written."""
        timespec = "auto"
        if args or kwargs:
            (timespec,) = _fill(_bind("isoformat", args, kwargs, ("timespec",), 0,
                                      (_arg_str,)), ("auto",))
        text = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        if self._tzinfo is not None:
            text += _format_offset(self.utcoffset(), ":")
        return text

    def __str__(self):
        return self.isoformat()

    def strftime(self, *args, **kwargs):
        """The time written by a time.strftime() format (the date is 1900-01-01)."""
        (fmt,) = _bind("strftime", args, kwargs, ("format",), 1, (_arg_str,))
        tt = _time.struct_time((1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1))
        return _fmt().strftime(self, fmt, tt, None)

    __format__ = date.__format__

    def replace(self, *args, **kwargs):
        """A copy with the given fields changed."""
        hour, minute, second, microsecond, tz, fold = _fill(
            _bind("replace", args, kwargs, _TIME_NAMES, 0, _TIME_CONV, 5),
            (self._hour, self._minute, self._second, self._microsecond, self._tzinfo,
             self._fold))
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _time_make(type(self), hour, minute, second, microsecond, tz, fold)

    def __reduce_ex__(self, protocol):
        # Six bytes; the fold rides in the hour's top bit from protocol 4 on.
        us = self._microsecond
        hour = self._hour + (128 if self._fold and protocol > 3 else 0)
        state = bytes((hour, self._minute, self._second, us >> 16, (us >> 8) & 255, us & 255))
        if self._tzinfo is None:
            return (type(self), (state,))
        return (type(self), (state, self._tzinfo))

    def __reduce__(self):
        return self.__reduce_ex__(2)

    def _compare(self, other, equality):
        if not isinstance(other, time):
            return NotImplemented
        a = (self._hour, self._minute, self._second, self._microsecond)
        b = (other._hour, other._minute, other._second, other._microsecond)
        if self._tzinfo is other._tzinfo:
            return _sign(a, b)
        off1 = self.utcoffset()
        off2 = other.utcoffset()
        if off1 == off2:
            return _sign(a, b)
        if off1 is None or off2 is None:
            if equality:
                return None
            raise TypeError("can't compare offset-naive and offset-aware times")
        # As in C: whole seconds less the offsets' days and seconds, then the
        # microsecond fields; an offset's own microseconds play no part.
        a = (a[0] * 3600 + a[1] * 60 + a[2] - off1._days * 86400 - off1._seconds, a[3])
        b = (b[0] * 3600 + b[1] * 60 + b[2] - off2._days * 86400 - off2._seconds, b[3])
        return _sign(a, b)

    __eq__, __ne__, __lt__, __le__, __gt__, __ge__ = _eq, _ne, _lt, _le, _gt, _ge

    def __hash__(self):
        if self._hashcode == -1:
            offset = self.utcoffset()
            if offset is None:
                key = (self._hour, self._minute, self._second, self._microsecond)
            else:
                key = (self._hour * 3600 + self._minute * 60 + self._second
                       - offset._days * 86400 - offset._seconds, self._microsecond)
            self._hashcode = hash(key)
        return self._hashcode


time.min = _time_make(time, 0, 0, 0, 0, None, 0)
time.max = _time_make(time, 23, 59, 59, 999999, None, 0)
time.resolution = _td_make(0, 0, 1)


# --- datetime -----------------------------------------------------------------

_DT_NAMES = ("year", "month", "day", "hour", "minute", "second", "microsecond",
             "tzinfo", "fold")
_DT_CONV = (_cint, _cint, _cint, _cint, _cint, _cint, _cint, None, _cint)
_DT_DEFAULTS = (None, None, None, 0, 0, 0, 0, None, 0)


def _dt_make(cls, year, month, day, hour, minute, second, microsecond, tz, fold):
    self = object.__new__(cls)
    self._year = year
    self._month = month
    self._day = day
    self._hour = hour
    self._minute = minute
    self._second = second
    self._microsecond = microsecond
    self._tzinfo = tz
    self._fold = fold
    self._hashcode = -1
    return self


def _new_datetime(cls, year, month, day, hour, minute, second, microsecond, tz, fold):
    if cls is datetime:
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _dt_make(datetime, year, month, day, hour, minute, second, microsecond, tz, fold)
    if fold:
        return cls(year, month, day, hour, minute, second, microsecond, tz, fold=fold)
    return cls(year, month, day, hour, minute, second, microsecond, tz)


def _arg_of(kind):
    """A converter that insists on an instance of `kind` (C's "O!")."""
    def convert(value, pos, fname):
        if not isinstance(value, kind):
            raise TypeError("%s argument %d must be datetime.%s, not %s"
                            % (_where(fname), pos, kind.__name__, _argtype(value)))
        return value
    return convert


class datetime(date):
    """A date and a time of day:
    datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)."""

    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold")

    def __new__(cls, *args, **kwargs):
        if 1 <= len(args) <= 2 and not kwargs:
            state = _pickled_bytes(args[0], 10)
            if state is not None and 1 <= (state[2] & 127) <= 12:
                tz = args[1] if len(args) == 2 else None
                if tz is not None and not isinstance(tz, tzinfo):
                    raise TypeError("bad tzinfo state arg")
                return _dt_make(cls, state[0] * 256 + state[1], state[2] & 127, state[3],
                                state[4], state[5], state[6],
                                (state[7] << 16) | (state[8] << 8) | state[9], tz,
                                state[2] >> 7)
        (year, month, day, hour, minute, second, microsecond, tz, fold) = _fill(
            _bind(None, args, kwargs, _DT_NAMES, 3, _DT_CONV, 8), _DT_DEFAULTS)
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _dt_make(cls, year, month, day, hour, minute, second, microsecond, tz, fold)

    @classmethod
    def fromtimestamp(cls, *args, **kwargs):
        """The local time at a POSIX timestamp; with tz, that zone's time."""
        timestamp, tz = _fill(_bind("fromtimestamp", args, kwargs, ("timestamp", "tz"), 1,
                                    (None, None)), (None, None))
        _check_tzinfo(tz)
        seconds, us = _timestamp_parts(timestamp, False)
        result = _from_posix(cls, seconds, us, tz, tz is not None)
        return result if tz is None else tz.fromutc(result)

    @classmethod
    def utcfromtimestamp(cls, *args, **kwargs):
        """The naive UTC time at a POSIX timestamp."""
        seconds, us = _timestamp_parts(_one_arg("utcfromtimestamp", args, kwargs), False)
        return _from_posix(cls, seconds, us, None, True)

    @classmethod
    def now(cls, *args, **kwargs):
        """The current local time; with tz, that zone's time."""
        (tz,) = _fill(_bind("now", args, kwargs, ("tz",), 0, (None,)), (None,))
        _check_tzinfo(tz)
        seconds, ns = divmod(_time.time_ns(), 1000000000)
        result = _from_posix(cls, seconds, ns // 1000, tz, tz is not None)
        return result if tz is None else tz.fromutc(result)

    @classmethod
    def utcnow(cls):
        """The current UTC time, naive."""
        seconds, ns = divmod(_time.time_ns(), 1000000000)
        return _from_posix(cls, seconds, ns // 1000, None, True)

    @classmethod
    def combine(cls, *args, **kwargs):
        """The datetime of a date and a time (tzinfo defaults to the time's)."""
        d, t, tz = _bind("combine", args, kwargs, ("date", "time", "tzinfo"), 2,
                         (_arg_of(date), _arg_of(time), None))
        if tz is _MISSING:
            tz = t._tzinfo
        # CPython 3.11 hands a subclass's constructor no fold here.
        return _new_datetime(cls, d._year, d._month, d._day, t._hour, t._minute,
                             t._second, t._microsecond, tz, t._fold if cls is datetime else 0)

    @classmethod
    def fromisoformat(cls, date_string):
        """The datetime an ISO 8601 string names: a date, a separator, a time."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        return _new_datetime(cls, *_fmt().parse_iso_datetime(date_string), 0)

    @classmethod
    def strptime(cls, *args, **kwargs):
        """The datetime a string gives when read with a strftime()-style format."""
        if kwargs:
            raise TypeError("strptime() takes no keyword arguments")
        if len(args) != 2:
            raise TypeError("strptime() takes exactly 2 arguments (%d given)" % len(args))
        for i in (0, 1):
            _arg_str(args[i], i + 1, "strptime")
        return _fmt().strptime(cls, args[0], args[1])

    hour = _Field(lambda self: self._hour)
    minute = _Field(lambda self: self._minute)
    second = _Field(lambda self: self._second)
    microsecond = _Field(lambda self: self._microsecond)
    tzinfo = _Field(lambda self: self._tzinfo)
    fold = _Field(lambda self: self._fold)

    def utcoffset(self):
        """The zone's offset from UTC at this time, or None when naive."""
        if self._tzinfo is None:
            return None
        return _checked_offset(self._tzinfo.utcoffset(self), "utcoffset")

    def dst(self):
        """The zone's daylight saving adjustment at this time, or None."""
        if self._tzinfo is None:
            return None
        return _checked_offset(self._tzinfo.dst(self), "dst")

    def tzname(self):
        """The zone's name at this time, or None."""
        if self._tzinfo is None:
            return None
        return _checked_tzname(self._tzinfo.tzname(self))

    def _posix(self):
        """Seconds since the epoch of the fields read as local time."""
        return _local_to_posix(self._year, self._month, self._day, self._hour,
                               self._minute, self._second, self._fold)

    def timestamp(self):
        """The POSIX timestamp, as a float (a naive datetime is local time)."""
        if self._tzinfo is None:
            return self._posix() + self._microsecond / 1e6
        return (self - _EPOCH).total_seconds()

    def astimezone(self, *args, **kwargs):
        """The same instant in zone tz (the local zone by default)."""
        (tz,) = _fill(_bind("astimezone", args, kwargs, ("tz",), 0, (None,)), (None,))
        _check_tzinfo(tz)
        mytz = self._tzinfo
        offset = None
        if mytz is not None:
            if tz is mytz:
                return self
            offset = _checked_offset(mytz.utcoffset(self), "utcoffset")
        if offset is None:
            # Naive (or no offset): the fields are local time.
            offset = _local_timezone_at(self._posix())._offset
        utc = self - offset
        if tz is None:
            tz = _local_timezone_at((utc.toordinal() - _EPOCH_ORDINAL) * 86400 + utc._hour * 3600
                                    + utc._minute * 60 + utc._second)
        return tz.fromutc(utc.replace(tzinfo=tz))

    def date(self):
        """The date part."""
        return _date_make(date, self._year, self._month, self._day)

    def time(self):
        """The time part, without the zone."""
        return _time_make(time, self._hour, self._minute, self._second, self._microsecond,
                          None, self._fold)

    def timetz(self):
        """The time part, with the zone."""
        return _time_make(time, self._hour, self._minute, self._second, self._microsecond,
                          self._tzinfo, self._fold)

    def timetuple(self):
        """The fields as a time.struct_time; tm_isdst follows dst()."""
        dst = self.dst()
        flag = -1 if dst is None else (1 if dst else 0)
        return _struct_time(self._year, self._month, self._day, self._hour, self._minute,
                            self._second, flag)

    def utctimetuple(self):
        """The UTC fields as a time.struct_time (naive ones taken as they are)."""
        offset = self.utcoffset()
        dt = self if offset is None else self - offset
        return _struct_time(dt._year, dt._month, dt._day, dt._hour, dt._minute, dt._second, 0)

    def __repr__(self):
        text = "%s(%d, %d, %d, %d, %d" % (_tpname(self), self._year, self._month, self._day,
                                          self._hour, self._minute)
        if self._second or self._microsecond:
            text += ", %d" % self._second
        if self._microsecond:
            text += ", %d" % self._microsecond
        if self._fold:
            text += ", fold=1"
        if self._tzinfo is not None:
            text += ", tzinfo=%r" % (self._tzinfo,)
        return text + ")"

    def isoformat(self, *args, **kwargs):
        """YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]; sep replaces the T, timespec
        picks the last time field written."""
        sep = "T"
        timespec = "auto"
        if args or kwargs:
            sep, timespec = _fill(_bind("isoformat", args, kwargs, ("sep", "timespec"), 0,
                                        (_arg_char, _arg_str)), ("T", "auto"))
        text = "%04d-%02d-%02d%s%s" % (
            self._year, self._month, self._day, sep,
            _format_time(self._hour, self._minute, self._second, self._microsecond, timespec))
        if self._tzinfo is not None:
            text += _format_offset(self.utcoffset(), ":")
        return text

    def __str__(self):
        return self.isoformat(" ")

    def ctime(self):
        """The date and time as time.ctime() writes them."""
        return "%s %s %2d %02d:%02d:%02d %04d" % (
            _DAYNAMES[self.weekday()], _MONTHNAMES[self._month], self._day,
            self._hour, self._minute, self._second, self._year)

    def replace(self, *args, **kwargs):
        """A copy with the given fields changed."""
        (year, month, day, hour, minute, second, microsecond, tz, fold) = _fill(
            _bind("replace", args, kwargs, _DT_NAMES, 0, _DT_CONV, 8),
            (self._year, self._month, self._day, self._hour, self._minute, self._second,
             self._microsecond, self._tzinfo, self._fold))
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tz)
        return _dt_make(type(self), year, month, day, hour, minute, second, microsecond,
                        tz, fold)

    def __reduce_ex__(self, protocol):
        # Ten bytes; the fold rides in the month's top bit from protocol 4 on.
        us = self._microsecond
        month = self._month + (128 if self._fold and protocol > 3 else 0)
        state = bytes((self._year >> 8, self._year & 255, month, self._day, self._hour,
                       self._minute, self._second, us >> 16, (us >> 8) & 255, us & 255))
        if self._tzinfo is None:
            return (type(self), (state,))
        return (type(self), (state, self._tzinfo))

    def __reduce__(self):
        return self.__reduce_ex__(2)

    def _fields(self):
        return (self._year, self._month, self._day, self._hour, self._minute,
                self._second, self._microsecond)

    def _us(self):
        """Microseconds since 0001-01-01 00:00 on the datetime's own clock."""
        return (((self.toordinal() * 24 + self._hour) * 60 + self._minute) * 60
                + self._second) * 1000000 + self._microsecond

    def _in_fold_or_gap(self, offset):
        # The other reading of the same wall time has another offset: such a
        # time equals no time in another zone.
        return self.replace(fold=1 - self._fold).utcoffset() != offset

    def _compare(self, other, equality):
        if not isinstance(other, datetime):
            if not isinstance(other, date):
                return NotImplemented
            if equality:
                return None
            raise TypeError("can't compare %s to %s" % (_tpname(self), _tpname(other)))
        if self._tzinfo is other._tzinfo:
            return _sign(self._fields(), other._fields())
        off1 = self.utcoffset()
        off2 = other.utcoffset()
        if off1 == off2:
            diff = _sign(self._fields(), other._fields())
        elif off1 is None or off2 is None:
            if equality:
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        else:
            diff = _sign(self._us() - off1._us(), other._us() - off2._us())
        if diff == 0 and equality and off1 is not None and (
                self._in_fold_or_gap(off1) or other._in_fold_or_gap(off2)):
            return 1
        return diff

    __eq__, __ne__, __lt__, __le__, __gt__, __ge__ = _eq, _ne, _lt, _le, _gt, _ge

    def __hash__(self):
        if self._hashcode == -1:
            offset = (self.replace(fold=0) if self._fold else self).utcoffset()
            if offset is None:
                self._hashcode = hash(self._fields())
            else:
                self._hashcode = hash(self._us() - offset._us())
        return self._hashcode

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        carry, us = divmod(self._microsecond + other._microseconds, 1000000)
        days, seconds = divmod(self._hour * 3600 + self._minute * 60 + self._second
                               + other._seconds + carry, 86400)
        n = self.toordinal() + other._days + days
        if not 0 < n <= _MAXORDINAL:
            raise OverflowError("date value out of range")
        year, month, day = _ord2ymd(n)
        hour, seconds = divmod(seconds, 3600)
        minute, second = divmod(seconds, 60)
        return _new_datetime(type(self), year, month, day, hour, minute, second, us,
                             self._tzinfo, 0)

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + _td_make(-other._days, -other._seconds, -other._microseconds)
        if not isinstance(other, datetime):
            return NotImplemented
        diff = self._us() - other._us()
        if self._tzinfo is not other._tzinfo:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
            if (off1 is None) != (off2 is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            if off1 is not None and off1 != off2:
                diff -= off1._us() - off2._us()
        return _td_from_us(diff)


datetime.min = _dt_make(datetime, 1, 1, 1, 0, 0, 0, 0, None, 0)
datetime.max = _dt_make(datetime, 9999, 12, 31, 23, 59, 59, 999999, None, 0)
datetime.resolution = _td_make(0, 0, 1)


# --- timezone -------------------------------------------------------------

def _check_dt_arg(dt, what):
    if dt is not None and not isinstance(dt, datetime):
        raise TypeError("%s(dt) argument must be a datetime instance or None, not %s"
                        % (what, _tpname(dt)))


class timezone(tzinfo):
    """A fixed offset from UTC, with an optional name: timezone(offset, name=None)."""

    __slots__ = ("_offset", "_name")

    def __new__(cls, *args, **kwargs):
        offset, name = _bind("timezone", args, kwargs, ("offset", "name"), 1,
                             (_arg_of(timedelta), _arg_str))
        if name is _MISSING:
            if not offset:
                return _UTC
            name = None
        return cls._create(offset, name)

    @classmethod
    def _create(cls, offset, name):
        if not (offset._days == 0 or (offset._days == -1 and (offset._seconds or offset._microseconds))):
            raise ValueError("offset must be a timedelta strictly between "
                             "-timedelta(hours=24) and timedelta(hours=24), not %r." % (offset,))
        self = object.__new__(cls)
        self._offset = offset
        self._name = name
        return self

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'datetime.timezone' is not an acceptable base type")

    def __getinitargs__(self):
        """The constructor's arguments, for pickle."""
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def _compare(self, other, equality):
        # Zones are equal when their offsets are; they have no order.
        if isinstance(other, timezone) and equality:
            return 0 if self._offset == other._offset else 1
        return NotImplemented

    __eq__, __ne__ = _eq, _ne

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is _UTC:
            return "datetime.timezone.utc"
        if self._name is None:
            return "datetime.timezone(%r)" % (self._offset,)
        return "datetime.timezone(%r, %r)" % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        """The fixed offset."""
        _check_dt_arg(dt, "utcoffset")
        return self._offset

    def dst(self, dt):
        """None: a fixed offset knows nothing of daylight saving."""
        _check_dt_arg(dt, "dst")
        return None

    def tzname(self, dt):
        """The name given, else "UTC" or "UTC+HH:MM"."""
        _check_dt_arg(dt, "tzname")
        if self._name is not None:
            return self._name
        if not self._offset:
            return "UTC"
        return "UTC" + _format_offset(self._offset, ":")

    def fromutc(self, dt):
        """dt (UTC, carrying this zone) moved to this zone's time."""
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt._tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        return dt + self._offset


_C_TYPES.extend((timedelta, date, datetime, time, tzinfo, timezone, _IsoCalendarDate))

_UTC = timezone._create(_td_make(0, 0, 0), None)
timezone.utc = _UTC
timezone.min = timezone._create(_td_make(-1, 60, 0), None)
timezone.max = timezone._create(_td_make(0, 86340, 0), None)
UTC = _UTC

_EPOCH = _dt_make(datetime, 1970, 1, 1, 0, 0, 0, 0, _UTC, 0)
