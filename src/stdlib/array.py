"""`array`: compact sequences of one C numeric type (or of characters).

CPython implements this module in C, keeping the items as raw machine values. Here an
array keeps its items in a private Python list of the values CPython would hand back
(ints, floats rounded as the C type would round them, one-character strings), and every
store goes through a per-typecode converter that applies CPython's range checks and
error messages. The bytes form exists only on demand: `tobytes`, `frombytes`,
`byteswap`, files and pickling convert with `int.to_bytes`/`int.from_bytes` and
`struct`, in the machine's byte order with the x86-64 Linux item sizes (`l`, `L`, `q`,
`Q` are 8 bytes, `u` is a 4-byte wchar_t).

Reading and writing an item by int index is the hot path (benchmarks index arrays in
tight loops), so `__getitem__`/`__setitem__` try that case first and keep everything
else out of line. The list is never replaced, only mutated in place, so an iterator
keeps seeing later changes as CPython's does.

Not provided:
- the buffer protocol: `memoryview(a)` and `struct.unpack(fmt, a)` refuse an array,
  and `bytearray(a)` iterates the items instead of copying the machine bytes.
  `bytes(a)` works, through a `__bytes__` method CPython's array does not have.
  Nothing stops resizing while data is "exported". (`frombytes` and
  `hmac.compare_digest` do accept arrays.)
- `buffer_info()` reports an arbitrary int (an object id) as the address.
- a `u` array holds only valid code points: `frombytes`/`byteswap` data that would
  give a character above U+10FFFF raise ValueError at once (CPython stores it and
  raises when the item is read); lone surrogates are limited by apy's str.
- errors worded by the interpreter itself name the class `array`, not CPython's
  `array.array` (unhashable type, `<` against a non-array, `list + array`, setting
  an unknown attribute, `array[int]`); this module words its own errors, and failed
  attribute reads, with `array.array`.
- `iter(a)` is a list iterator, not an `array.arrayiterator`; `__sizeof__` is an
  estimate; `append`'s argument-count error uses Python's wording; methods are
  Python functions (their reprs differ); instances show their private slots (`_a`,
  `_tc`, `_conv`) in `dir()`.
"""

import sys as _sys
from math import copysign as _copysign, frexp as _frexp, ldexp as _ldexp

typecodes = "bBuhHiIlLqQfd"

_BIG = _sys.byteorder == "big"
_ORDER = _sys.byteorder
_NOARG = object()

# typecode -> item size in bytes (x86-64 Linux sizes).
_ITEMSIZE = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4,
             "l": 8, "L": 8, "q": 8, "Q": 8, "f": 4, "d": 8}


def _index(v):
    """`operator.index` without importing operator: int subclasses and bools become
    plain ints, other types need `__index__`."""
    if type(v) is int:
        return v
    if isinstance(v, int):
        return int(v)
    method = getattr(type(v), "__index__", None)
    if method is None:
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    result = method(v)
    if not isinstance(result, int):
        raise TypeError(f"__index__ returned non-int (type {type(result).__name__})")
    return int(result)


# ------------------------------------------------------------------ item converters
#
# CPython converts through the C argument parser, so the messages depend on the
# intermediate C type: 'b' goes through a short, 'H' through an int, and so on.

_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1


def _as_long(v):
    v = _index(v)
    if v < _LONG_MIN or v > _LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")
    return v


def _check(v, lo, hi, name):
    if v < lo:
        raise OverflowError(f"{name} is less than minimum")
    if v > hi:
        raise OverflowError(f"{name} is greater than maximum")
    return v


def _slow_b(v):
    v = _check(_as_long(v), -32768, 32767, "signed short integer")
    return _check(v, -128, 127, "signed char")


def _slow_B(v):
    return _check(_as_long(v), 0, 255, "unsigned byte integer")


def _slow_h(v):
    return _check(_as_long(v), -32768, 32767, "signed short integer")


def _slow_H(v):
    v = _check(_as_long(v), -(1 << 31), (1 << 31) - 1, "signed integer")
    return _check(v, 0, 65535, "unsigned short")


def _slow_i(v):
    return _check(_as_long(v), -(1 << 31), (1 << 31) - 1, "signed integer")


def _as_ulong(v):
    v = _index(v)
    if v < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if v >> 64:
        raise OverflowError("Python int too large to convert to C unsigned long")
    return v


def _slow_I(v):
    v = _as_ulong(v)
    if v >> 32:
        raise OverflowError("unsigned int is greater than maximum")
    return v


def _slow_q(v):
    v = _index(v)
    if v < _LONG_MIN or v > _LONG_MAX:
        raise OverflowError("int too big to convert")
    return v


def _slow_Q(v):
    v = _index(v)
    if v < 0:
        raise OverflowError("can't convert negative int to unsigned")
    if v >> 64:
        raise OverflowError("int too big to convert")
    return v


def _int_converter(lo, hi, slow):
    def convert(v):
        if type(v) is int and lo <= v <= hi:
            return v
        return slow(v)
    return convert


def _as_double(v):
    if isinstance(v, float):
        return float(v)
    cls = type(v)
    if hasattr(cls, "__float__") or hasattr(cls, "__index__"):
        return float(v)
    raise TypeError(f"must be real number, not {cls.__name__}")


def _conv_d(v):
    if type(v) is float:
        return v
    return _as_double(v)


# Smallest magnitude a C double-to-float cast rounds to infinity: halfway between
# FLT_MAX and 2**128.
_F32_OVERFLOW = 3.4028235677973366e38
_INF = float("inf")


def _round_f32(x):
    """The float a C `(float)x` cast gives back (round half to even)."""
    if x != x or x == 0.0:
        return x
    if x >= _F32_OVERFLOW:
        return _INF
    if x <= -_F32_OVERFLOW:
        return -_INF
    m, e = _frexp(x)
    if e < -125:
        # Subnormal as a float: a multiple of 2**-149 (scaling by powers of two
        # is exact, and round() rounds half to even).
        r = round(x * 2.0 ** 149) * 2.0 ** -149
        return r if r else _copysign(0.0, x)
    return _ldexp(round(m * 16777216.0), e - 24)


def _conv_f(v):
    return _round_f32(_as_double(v))


def _conv_u(v):
    if type(v) is str and len(v) == 1:
        return v
    if isinstance(v, str) and len(v) == 1:
        return str.__str__(v)
    raise TypeError("array item must be unicode character")


_CONVERTERS = {
    "b": _int_converter(-128, 127, _slow_b),
    "B": _int_converter(0, 255, _slow_B),
    "u": _conv_u,
    "h": _int_converter(-32768, 32767, _slow_h),
    "H": _int_converter(0, 65535, _slow_H),
    "i": _int_converter(-(1 << 31), (1 << 31) - 1, _slow_i),
    "I": _int_converter(0, (1 << 32) - 1, _slow_I),
    "l": _int_converter(_LONG_MIN, _LONG_MAX, _as_long),
    "L": _int_converter(0, (1 << 64) - 1, _as_ulong),
    "q": _int_converter(_LONG_MIN, _LONG_MAX, _slow_q),
    "Q": _int_converter(0, (1 << 64) - 1, _slow_Q),
    "f": _conv_f,
    "d": _conv_d,
}

_SIGNED = {"b": True, "B": False, "h": True, "H": False, "i": True, "I": False,
           "l": True, "L": False, "q": True, "Q": False}


# ------------------------------------------------------------------ bytes <-> items

def _to_bytes(tc, items):
    if tc == "B":
        return bytes(items)
    if tc in "fd":
        import struct
        return struct.pack(f"{'>' if _BIG else '<'}{len(items)}{tc}", *items)
    if tc == "u":
        # Lone surrogates are valid wchar_t values; str.encode would refuse them.
        return b"".join([ord(c).to_bytes(4, _ORDER) for c in items])
    size = _ITEMSIZE[tc]
    signed = _SIGNED[tc]
    return b"".join([v.to_bytes(size, _ORDER, signed=signed) for v in items])


def _from_bytes(tc, data):
    """Items of typecode `tc` from `data` (a bytes object of whole items)."""
    if tc == "B":
        return list(data)
    if tc == "b":
        return [v - 256 if v > 127 else v for v in data]
    size = _ITEMSIZE[tc]
    if tc in "fd":
        import struct
        return list(struct.unpack(f"{'>' if _BIG else '<'}{len(data) // size}{tc}", data))
    from_bytes = int.from_bytes
    if tc == "u":
        chars = []
        for i in range(0, len(data), 4):
            code = from_bytes(data[i:i + 4], _ORDER)
            if code > 0x10FFFF:
                raise ValueError(
                    f"character U+{code:x} is not in range [U+0000; U+10ffff]")
            chars.append(chr(code))
        return chars
    signed = _SIGNED[tc]
    return [from_bytes(data[i:i + size], _ORDER, signed=signed)
            for i in range(0, len(data), size)]


def _slice_indices(s, length):
    """`slice.indices`, computed here with CPython's clamping rules."""
    def bound(v, default):
        if v is None:
            return default
        try:
            return _index(v)
        except TypeError:
            raise TypeError("slice indices must be integers or None or have an "
                            "__index__ method") from None
    step = bound(s.step, 1)
    if step == 0:
        raise ValueError("slice step cannot be zero")
    if step > 0:
        lower, upper = 0, length
    else:
        lower, upper = -1, length - 1
    start = bound(s.start, None)
    if start is None:
        start = lower if step > 0 else upper
    elif start < 0:
        start = max(start + length, lower)
    else:
        start = min(start, upper)
    stop = bound(s.stop, None)
    if stop is None:
        stop = upper if step > 0 else lower
    elif stop < 0:
        stop = max(stop + length, lower)
    else:
        stop = min(stop, upper)
    return start, stop, step


def _argcount(name, args, expected):
    if len(args) != expected:
        if expected == 0:
            raise TypeError(f"array.{name}() takes no arguments ({len(args)} given)")
        raise TypeError(f"array.{name}() takes exactly one argument ({len(args)} given)")


class _ReadOnly:
    """A read-only attribute described the way CPython describes a C getset."""

    __slots__ = ("_name", "_getter")

    def __init__(self, name, getter):
        self._name = name
        self._getter = getter

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return self._getter(obj)

    def __set__(self, obj, value):
        raise AttributeError(
            f"attribute '{self._name}' of 'array.array' objects is not writable")

    def __delete__(self, obj):
        self.__set__(obj, None)

    def __repr__(self):
        return f"<attribute '{self._name}' of 'array.array' objects>"


def _is_nan(v):
    return type(v) is float and v != v


class array:
    """array(typecode[, initializer]): a mutable sequence whose items all have the
    C type named by `typecode` (one of `array.typecodes`). The initializer may be a
    list, tuple, bytes-like object, str (typecode 'u' only), array or any iterable.
    """

    __slots__ = ("_a", "_tc", "_conv", "__weakref__")

    typecode = _ReadOnly("typecode", lambda self: self._tc)
    itemsize = _ReadOnly("itemsize", lambda self: _ITEMSIZE[self._tc])

    def __new__(cls, *args, **kwargs):
        if kwargs and cls is array:
            raise TypeError("array.array() takes no keyword arguments")
        if not args:
            raise TypeError("array() takes at least 1 argument (0 given)")
        if len(args) > 2:
            raise TypeError(f"array() takes at most 2 arguments ({len(args)} given)")
        tc = args[0]
        if not isinstance(tc, str) or len(tc) != 1:
            raise TypeError("array() argument 1 must be a unicode character, "
                            f"not {type(tc).__name__}")
        return _construct(cls, str.__str__(tc), args[1] if len(args) == 2 else _NOARG)

    # -------------------------------------------------------- sequence protocol

    def __len__(self):
        return len(self._a)

    def __getitem__(self, index):
        if type(index) is int:
            try:
                return self._a[index]
            except IndexError:
                pass
        return self._getitem(index)

    def _getitem(self, index):
        if isinstance(index, slice):
            return _new(array, self._tc, self._a[index])
        return self._a[self._position(index, "array index out of range")]

    def _position(self, index, message):
        """A non-negative list position for an int-like index, or IndexError."""
        try:
            i = _index(index)
        except TypeError:
            raise TypeError("array indices must be integers") from None
        if i < _LONG_MIN or i > _LONG_MAX:
            raise IndexError("cannot fit 'int' into an index-sized integer")
        n = len(self._a)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError(message)
        return i

    def __setitem__(self, index, value):
        if type(index) is int:
            try:
                self._a[index] = self._conv(value)
                return
            except Exception:
                # The slow path checks the index before the value, as CPython
                # does, and so raises the right one of the two errors.
                pass
        self._setitem(index, value)

    def _setitem(self, index, value):
        if not isinstance(index, slice):
            i = self._position(index, "array assignment index out of range")
            self._a[i] = self._conv(value)
            return
        if not isinstance(value, array):
            raise TypeError(f'can only assign array (not "{type(value).__name__}") '
                            "to array slice")
        if value._tc != self._tc:
            raise TypeError("bad argument type for built-in operation")
        start, stop, step = _slice_indices(index, len(self._a))
        items = list(value._a)
        if step == 1:
            self._a[index] = items
            return
        size = len(range(start, stop, step))
        if not items:
            # CPython deletes the selected items when an empty array is assigned
            # to an extended slice.
            del self._a[index]
        elif len(items) != size:
            raise ValueError(f"attempt to assign array of size {len(items)} "
                             f"to extended slice of size {size}")
        else:
            self._a[index] = items

    def __delitem__(self, index):
        if isinstance(index, slice):
            del self._a[index]
        else:
            del self._a[self._position(index, "array assignment index out of range")]

    def __iter__(self):
        return iter(self._a)

    def __contains__(self, value):
        if _is_nan(value):
            return False
        return value in self._a

    def __reduce__(self):
        # object.__reduce__ in CPython ends up calling array(self) for a subclass
        # and refusing the base class outright.
        if type(self) is array:
            raise TypeError("cannot pickle 'array' object")
        array(self)

    def __bytes__(self):
        return _to_bytes(self._tc, self._a)

    # -------------------------------------------------------- operators

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError(f'can only append array (not "{type(other).__name__}") '
                            "to array")
        if other._tc != self._tc:
            raise TypeError("bad argument type for built-in operation")
        return _new(array, self._tc, self._a + other._a)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not '
                            f'"{type(other).__name__}")')
        if other._tc != self._tc:
            raise TypeError("can only extend with array of same kind")
        self._a.extend(other._a)
        return self

    def __mul__(self, n):
        return _new(array, self._tc, self._a * _repeat_count(n))

    __rmul__ = __mul__

    def __imul__(self, n):
        n = _repeat_count(n)
        if n <= 0:
            self._a.clear()
        else:
            self._a *= n
        return self

    def _compare(self, other, op):
        """CPython's rule: find the first pair of items that are not equal and
        compare those, else compare the lengths. Needed only when both arrays hold
        floats, where a list comparison would treat a NaN as equal to itself."""
        a, b = self._a, other._a
        if len(a) != len(b) and op in ("==", "!="):
            return op == "!="
        for x, y in zip(a, b):
            if not x == y:
                break
        else:
            x, y = len(a), len(b)
        if op == "==":
            return x == y
        if op == "!=":
            return x != y
        if op == "<":
            return x < y
        if op == "<=":
            return x <= y
        if op == ">":
            return x > y
        return x >= y

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, "==")
        return self._a == other._a

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, "!=")
        return self._a != other._a

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, "<")
        return self._a < other._a

    def __le__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, "<=")
        return self._a <= other._a

    def __gt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, ">")
        return self._a > other._a

    def __ge__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if self._tc in "fd" and other._tc in "fd":
            return self._compare(other, ">=")
        return self._a >= other._a

    __hash__ = None

    def __getattr__(self, name):
        # Only reached when normal lookup fails: word the error with CPython's
        # type name for the base class ("'array.array' object ...").
        cls = type(self)
        shown = "array.array" if cls is array else cls.__name__
        raise AttributeError(f"'{shown}' object has no attribute '{name}'",
                             name=name, obj=self)

    def __repr__(self):
        name = type(self).__name__
        tc = self._tc
        if not self._a:
            return f"{name}({tc!r})"
        if tc == "u":
            return f"{name}({tc!r}, {''.join(self._a)!r})"
        return f"{name}({tc!r}, {self._a!r})"

    # -------------------------------------------------------- methods

    def append(self, v):
        """Add `v`, converted to the item type, at the end."""
        self._a.append(self._conv(v))

    def buffer_info(self, *args):
        """(address, number of items); the address is only an identifying int here,
        as the items have no contiguous buffer."""
        _argcount("buffer_info", args, 0)
        return (id(self._a), len(self._a))

    def byteswap(self, *args):
        """Reverse the bytes of every item (for data of the other byte order)."""
        _argcount("byteswap", args, 0)
        size = _ITEMSIZE[self._tc]
        if size == 1 or not self._a:
            return
        data = _to_bytes(self._tc, self._a)
        swapped = b"".join([data[i:i + size][::-1] for i in range(0, len(data), size)])
        self._a[:] = _from_bytes(self._tc, swapped)

    def count(self, *args):
        """How many items equal `v`."""
        _argcount("count", args, 1)
        if _is_nan(args[0]):
            return 0
        return self._a.count(args[0])

    def extend(self, *args):
        """Add the items of an iterable (an array must have the same typecode)."""
        if len(args) != 1:
            raise TypeError("extend() takes exactly 1 positional argument "
                            f"({len(args)} given)")
        items = args[0]
        if isinstance(items, array):
            if items._tc != self._tc:
                raise TypeError("can only extend with array of same kind")
            self._a.extend(items._a)
            return
        # One item at a time: the items before a bad one stay appended.
        append = self._a.append
        conv = self._conv
        for v in items:
            append(conv(v))

    def frombytes(self, *args):
        """Add the items encoded (as machine values) in a bytes-like object."""
        _argcount("frombytes", args, 1)
        data = args[0]
        if isinstance(data, array):
            if _ITEMSIZE[data._tc] != 1:
                raise TypeError("a bytes-like object is required")
            data = _to_bytes(data._tc, data._a)
        elif isinstance(data, memoryview):
            data = data.tobytes()
        elif isinstance(data, bytearray):
            data = bytes(data)
        elif not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not "
                            f"'{type(data).__name__}'")
        if len(data) % _ITEMSIZE[self._tc]:
            raise ValueError("bytes length not a multiple of item size")
        self._a.extend(_from_bytes(self._tc, data))

    def fromfile(self, *args):
        """fromfile(f, n): add `n` items read as machine values from file `f`."""
        if len(args) != 2:
            raise TypeError("fromfile() takes exactly 2 positional arguments "
                            f"({len(args)} given)")
        f, n = args
        n = _index(n)
        if n < 0:
            raise ValueError("negative count")
        nbytes = n * _ITEMSIZE[self._tc]
        data = f.read(nbytes)
        if not isinstance(data, bytes):
            raise TypeError("read() didn't return bytes")
        self.frombytes(data)
        if len(data) != nbytes:
            raise EOFError("read() didn't return enough bytes")

    def fromlist(self, *args):
        """Add the items of a list: all of them, or none if one is invalid."""
        _argcount("fromlist", args, 1)
        items = args[0]
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        conv = self._conv
        self._a.extend([conv(v) for v in items])

    def fromunicode(self, *args):
        """Add the characters of a str to a 'u' array."""
        _argcount("fromunicode", args, 1)
        s = args[0]
        if not isinstance(s, str):
            raise TypeError(f"fromunicode() argument must be str, not {type(s).__name__}")
        if self._tc != "u":
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._a.extend(str.__str__(s))

    def index(self, *args):
        """index(v[, start[, stop]]): position of the first item equal to `v`."""
        if not args:
            raise TypeError("index expected at least 1 argument, got 0")
        if len(args) > 3:
            raise TypeError(f"index expected at most 3 arguments, got {len(args)}")
        v = args[0]
        try:
            if _is_nan(v):
                raise ValueError
            return self._a.index(*args)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def insert(self, *args):
        """insert(i, v): put `v` before position `i`."""
        if len(args) != 2:
            raise TypeError(f"insert expected 2 arguments, got {len(args)}")
        i = _ssize(args[0])
        self._a.insert(i, self._conv(args[1]))

    def pop(self, *args):
        """pop([i]): remove and return item `i` (the last by default)."""
        if len(args) > 1:
            raise TypeError(f"pop expected at most 1 argument, got {len(args)}")
        i = _ssize(args[0]) if args else -1
        a = self._a
        if not a:
            raise IndexError("pop from empty array")
        try:
            return a.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, *args):
        """Delete the first item equal to `v`."""
        _argcount("remove", args, 1)
        try:
            if _is_nan(args[0]):
                raise ValueError
            self._a.remove(args[0])
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def reverse(self, *args):
        """Reverse the items in place."""
        _argcount("reverse", args, 0)
        self._a.reverse()

    def tobytes(self, *args):
        """The items as machine values, in a bytes object."""
        _argcount("tobytes", args, 0)
        return _to_bytes(self._tc, self._a)

    def tofile(self, *args):
        """Write the items as machine values to file `f`."""
        if len(args) != 1:
            raise TypeError("tofile() takes exactly 1 positional argument "
                            f"({len(args)} given)")
        f = args[0]
        data = _to_bytes(self._tc, self._a)
        # CPython writes in 64 KiB blocks; the writes a file object sees match.
        block = 64 * 1024
        for i in range(0, len(data), block):
            f.write(data[i:i + block])

    def tolist(self, *args):
        """The items, in a new list."""
        _argcount("tolist", args, 0)
        return list(self._a)

    def tounicode(self, *args):
        """The characters of a 'u' array, as a str."""
        _argcount("tounicode", args, 0)
        if self._tc != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._a)

    # -------------------------------------------------------- copying and pickling

    def __copy__(self, *args):
        """A shallow copy (always of class array, as in CPython)."""
        _argcount("__copy__", args, 0)
        return _new(array, self._tc, list(self._a))

    def __deepcopy__(self, *args):
        """Items are immutable, so a deep copy is a plain copy."""
        _argcount("__deepcopy__", args, 1)
        return _new(array, self._tc, list(self._a))

    def __reduce_ex__(self, *args):
        """Pickle support: the items as a list (protocol < 3) or as machine bytes."""
        if len(args) != 1:
            raise TypeError("__reduce_ex__() takes exactly 1 positional argument "
                            f"({len(args)} given)")
        protocol = args[0]
        if not isinstance(protocol, int):
            raise TypeError("__reduce_ex__ argument should be an integer")
        state = getattr(self, "__dict__", None)
        if protocol < 3:
            return (type(self), (self._tc, list(self._a)), state)
        return (_array_reconstructor,
                (type(self), self._tc, _NATIVE_MFORMAT[self._tc],
                 _to_bytes(self._tc, self._a)),
                state)

    def __sizeof__(self, *args):
        _argcount("__sizeof__", args, 0)
        return 64 + len(self._a) * _ITEMSIZE[self._tc]


ArrayType = array


def _repeat_count(n):
    if not hasattr(type(n), "__index__"):
        raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
    n = _index(n)
    if n < _LONG_MIN or n > _LONG_MAX:
        raise OverflowError("cannot fit 'int' into an index-sized integer")
    return n


def _ssize(v):
    v = _index(v)
    if v < _LONG_MIN or v > _LONG_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return v


def _new(cls, tc, items):
    """An array of class `cls` over `items`, which are already converted."""
    self = object.__new__(cls)
    self._tc = tc
    self._conv = _CONVERTERS[tc]
    self._a = items
    return self


def _construct(cls, tc, init):
    """array.__new__ after argument parsing, in CPython's order of checks."""
    if init is not _NOARG and tc != "u":
        if isinstance(init, str):
            raise TypeError(f"cannot use a str to initialize an array with typecode '{tc}'")
        if isinstance(init, array) and init._tc == "u":
            raise TypeError("cannot use a unicode array to initialize an array with "
                            f"typecode '{tc}'")
    iterator = None
    if init is not _NOARG and not (
            isinstance(init, (list, tuple, bytes, bytearray))
            or (tc == "u" and isinstance(init, str))
            or (isinstance(init, array) and init._tc == tc)):
        iterator = iter(init)
        init = _NOARG
    if tc not in _CONVERTERS:
        raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
    self = _new(cls, tc, [])
    if init is _NOARG:
        pass
    elif isinstance(init, (list, tuple)):
        conv = self._conv
        self._a.extend([conv(v) for v in init])
    elif isinstance(init, (bytes, bytearray)):
        self.frombytes(init)
    elif isinstance(init, str):
        self._a.extend(str.__str__(init))
    else:
        self._a.extend(init._a)
    if iterator is not None:
        self.extend(iterator)
    return self


# ------------------------------------------------------------------ pickling support
#
# Pickles carry the items as bytes plus a "machine format" code, so that an array
# pickled on one platform can be rebuilt on another. Code -> (item size, signed,
# big-endian, kind). The sizes of the text formats are CPython's (4 for UTF-16, 8 for
# UTF-32): the data must be a multiple of them.

_MFORMATS = [
    (1, False, False, "int"), (1, True, False, "int"),
    (2, False, False, "int"), (2, False, True, "int"),
    (2, True, False, "int"), (2, True, True, "int"),
    (4, False, False, "int"), (4, False, True, "int"),
    (4, True, False, "int"), (4, True, True, "int"),
    (8, False, False, "int"), (8, False, True, "int"),
    (8, True, False, "int"), (8, True, True, "int"),
    (4, None, False, "f"), (4, None, True, "f"),
    (8, None, False, "d"), (8, None, True, "d"),
    (4, None, False, "utf-16-le"), (4, None, True, "utf-16-be"),
    (8, None, False, "utf-32-le"), (8, None, True, "utf-32-be"),
]


def _native_mformat(tc):
    for code, (size, signed, big, kind) in enumerate(_MFORMATS):
        if big != _BIG:
            continue
        if tc == "u":
            if kind == "utf-32-le" or kind == "utf-32-be":
                return code
        elif tc in "fd":
            if kind == tc:
                return code
        elif kind == "int" and size == _ITEMSIZE[tc] and signed == _SIGNED[tc]:
            return code


_NATIVE_MFORMAT = {tc: _native_mformat(tc) for tc in typecodes}


def _array_reconstructor(*args, **kwargs):
    """Rebuild a pickled array from its bytes and machine format code."""
    if kwargs:
        raise TypeError("array._array_reconstructor() takes no keyword arguments")
    if len(args) != 4:
        raise TypeError(f"_array_reconstructor expected 4 arguments, got {len(args)}")
    arraytype, tc, mformat, items = args
    if not isinstance(tc, str) or len(tc) != 1:
        raise TypeError("_array_reconstructor() argument 2 must be a unicode character, "
                        f"not {type(tc).__name__}")
    mformat = _index(mformat)
    if not isinstance(arraytype, type):
        raise TypeError("first argument must be a type object, not "
                        f"{type(arraytype).__name__}")
    if not issubclass(arraytype, array):
        raise TypeError(f"{arraytype.__name__} is not a subtype of array.array")
    if tc not in _CONVERTERS:
        raise ValueError("second argument must be a valid type code")
    if not 0 <= mformat < len(_MFORMATS):
        raise ValueError("third argument must be a valid machine format code.")
    if not isinstance(items, bytes):
        raise TypeError(f"fourth argument should be bytes, not {type(items).__name__}")
    if mformat == _NATIVE_MFORMAT[tc]:
        return _construct(arraytype, tc, items)
    size, signed, big, kind = _MFORMATS[mformat]
    if len(items) % size:
        raise ValueError("string length not a multiple of item size")
    if kind in ("f", "d"):
        import struct
        values = list(struct.unpack(f"{'>' if big else '<'}{len(items) // size}{kind}",
                                    items))
        return _construct(arraytype, tc, values)
    if kind != "int":
        return _construct(arraytype, tc, items.decode(kind))
    order = "big" if big else "little"
    values = [int.from_bytes(items[i:i + size], order, signed=signed)
              for i in range(0, len(items), size)]
    # The array gets the last typecode of this size and signedness ('q' over 'l').
    for code in reversed(typecodes):
        if code in _SIGNED and _ITEMSIZE[code] == size and _SIGNED[code] == signed:
            return _construct(arraytype, code, values)
