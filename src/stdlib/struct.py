"""`struct`: conversion between Python values and C structs packed into bytes.

CPython implements this module in C (`_struct`); here it is plain Python. A format is
compiled once into a list of fields (code, count, offset) and cached, as CPython
caches its Struct objects.

Everything observable follows CPython 3.11 on x86-64 Linux: native (`@`) sizes and
alignment (`l`, `L`, `n`, `N`, `P` are 8 bytes; every field is aligned to its own
size), standard sizes without alignment for `=`, `<`, `>`, `!`, and the error
messages. Those messages are not uniform in CPython: a little-endian standard table
borrows the native packers wherever the sizes agree (so `'<h'` complains about a
"short format" while `'>h'` names `'h'`), and the big-endian 8-byte packers report
"int too large to convert" where the others say "argument out of range". The
per-table rules below reproduce those differences.

Floats are converted bit-exactly with integer arithmetic (`math.frexp` and
`float.as_integer_ratio`): `d` is exact, `f` and `e` round half to even. Native `f`
behaves like a C cast (too large becomes infinity); standard `f` and every `e` raise
OverflowError instead.

Not provided: NaN payloads are not kept (a NaN unpacks as the quiet NaN with its
sign and packs as the quiet NaN); buffers other than bytes, bytearray and
memoryview (apy has no `array`); argument-count errors of the methods follow
CPython's wording only for the common cases.
"""

import math as _math

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from",
           "iter_unpack", "Struct", "error"]


class error(Exception):
    pass


_SSIZE_MAX = (1 << 63) - 1
_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1
_ULONG_MAX = (1 << 64) - 1
_SPACES = b" \t\n\r\x0b\x0c"


# ---------------------------------------------------------------- field tables

# An integer field is described by (size, signed, getter, lo, hi, message):
# `getter` is the C conversion CPython applies first ("long": must fit a C long,
# "ulong": an unsigned long, "bytes"/"ubytes": the big-endian 8-byte packers,
# "ptr": a void pointer); then, when `message` is set, the value must lie in
# [lo, hi] or struct.error(message) is raised.

def _range_msg(name, lo, hi):
    return f"{name} format requires {lo} <= number <= {hi}"


_BYTE = (1, True, "long", -128, 127, _range_msg("byte", -128, 127))
_UBYTE = (1, False, "long", 0, 255, _range_msg("ubyte", 0, 255))
_SHORT = (2, True, "long", -32768, 32767, _range_msg("short", -32768, 32767))
_USHORT = (2, False, "long", 0, 65535, _range_msg("ushort", 0, 65535))
_INT = (4, True, "long", -(1 << 31), (1 << 31) - 1,
        _range_msg("'i'", -(1 << 31), (1 << 31) - 1))
_UINT = (4, False, "ulong", 0, (1 << 32) - 1, _range_msg("'I'", 0, (1 << 32) - 1))
_LONG8 = (8, True, "long", None, None, None)
_ULONG8 = (8, False, "ulong", None, None, None)

_NATIVE_INTS = {
    "b": _BYTE, "B": _UBYTE, "h": _SHORT, "H": _USHORT, "i": _INT, "I": _UINT,
    "l": _LONG8, "L": _ULONG8, "q": _LONG8, "Q": _ULONG8, "n": _LONG8,
    "N": _ULONG8, "P": (8, False, "ptr", None, None, None),
}

_LITTLE_INTS = {
    "b": _BYTE, "B": _UBYTE, "h": _SHORT, "H": _USHORT, "i": _INT, "I": _UINT,
    "l": (4, True, "long", -(1 << 31), (1 << 31) - 1,
          _range_msg("'l'", -(1 << 31), (1 << 31) - 1)),
    "L": (4, False, "ulong", 0, (1 << 32) - 1, _range_msg("'L'", 0, (1 << 32) - 1)),
    "q": _LONG8, "Q": _ULONG8,
}

_BIG_INTS = {
    "b": _BYTE, "B": _UBYTE,
    "h": (2, True, "long", -32768, 32767, _range_msg("'h'", -32768, 32767)),
    "H": (2, False, "ulong", 0, 65535, _range_msg("'H'", 0, 65535)),
    "i": _INT, "I": _UINT,
    "l": _LITTLE_INTS["l"], "L": _LITTLE_INTS["L"],
    "q": (8, True, "bytes", _LONG_MIN, _LONG_MAX, None),
    "Q": (8, False, "ubytes", 0, _ULONG_MAX, None),
}

# Sizes of the other codes; native alignment equals the size.
_OTHER_SIZES = {"x": 1, "c": 1, "?": 1, "s": 1, "p": 1, "e": 2, "f": 4, "d": 8}

# byte-order character -> (int table, byteorder, native alignment?, native 'f'?)
_ORDERS = {
    "@": (_NATIVE_INTS, "little", True),
    "=": (_LITTLE_INTS, "little", False),
    "<": (_LITTLE_INTS, "little", False),
    ">": (_BIG_INTS, "big", False),
    "!": (_BIG_INTS, "big", False),
}


# ---------------------------------------------------------------- compiled formats

class _Layout:
    """A compiled format: its fields, total size and number of values."""

    __slots__ = ("fields", "size", "nitems", "order", "native")

    def __init__(self, fields, size, nitems, order, native):
        self.fields = fields
        self.size = size
        self.nitems = nitems
        self.order = order
        self.native = native


_cache = {}
_MAXCACHE = 100


def _clearcache():
    """Clear the internal cache of compiled formats."""
    _cache.clear()


def _format_bytes(fmt):
    if isinstance(fmt, str):
        data = fmt.encode("ascii")
    elif isinstance(fmt, bytes):
        data = fmt
    else:
        raise TypeError("Struct() argument 1 must be a str or bytes object, "
                        f"not {type(fmt).__name__}")
    if 0 in data:
        raise error("embedded null character")
    return data


def _compile(fmt):
    key = (type(fmt), fmt)
    try:
        return _cache[key]
    except (KeyError, TypeError):
        pass
    data = _format_bytes(fmt)
    text = data.decode("latin-1")
    pos = 0
    order_char = "@"
    if text and text[0] in _ORDERS:
        order_char = text[0]
        pos = 1
    ints, order, native = _ORDERS[order_char]
    fields = []
    size = 0
    nitems = 0
    end = len(text)
    while pos < end:
        c = text[pos]
        pos += 1
        if ord(c) in _SPACES:
            continue
        if "0" <= c <= "9":
            num = ord(c) - 48
            while pos < end and "0" <= text[pos] <= "9":
                num = num * 10 + ord(text[pos]) - 48
                if num > _SSIZE_MAX:
                    raise error("total struct size too long")
                pos += 1
            if pos >= end:
                raise error("repeat count given without format specifier")
            c = text[pos]
            pos += 1
        else:
            num = 1
        if c in ints:
            spec = ints[c]
            itemsize = spec[0]
        elif c in _OTHER_SIZES:
            spec = None
            itemsize = _OTHER_SIZES[c]
        else:
            raise error("bad char in struct format")
        if native and size > 0 and itemsize > 1:
            extra = (itemsize - 1) - (size - 1) % itemsize
            if extra > _SSIZE_MAX - size:
                raise error("total struct size too long")
            size += extra
        if num > (_SSIZE_MAX - size) // itemsize:
            raise error("total struct size too long")
        if c == "s" or c == "p":
            fields.append((c, num, size, spec))
            nitems += 1
        elif c != "x":
            fields.append((c, num, size, spec))
            nitems += num
        size += num * itemsize
    layout = _Layout(fields, size, nitems, order, native)
    if len(_cache) >= _MAXCACHE:
        _cache.clear()
    try:
        _cache[key] = layout
    except TypeError:
        pass
    return layout


# ---------------------------------------------------------------- value conversion

def _get_int(v):
    """The integer a C packer would get: ints as they are (their subclasses too,
    without calling overrides), else `__index__`."""
    if isinstance(v, int):
        return int.__index__(v)
    index = getattr(type(v), "__index__", None)
    if index is None:
        raise error("required argument is not an integer")
    result = index(v)
    if not isinstance(result, int):
        raise TypeError(
            f"__index__ returned non-int (type {type(result).__name__})")
    return int.__index__(result)


def _get_float(v):
    """PyFloat_AsDouble: floats as they are, else `__float__`, else `__index__`;
    any failure becomes the struct.error CPython reports."""
    if isinstance(v, float):
        return float.__float__(v)
    try:
        conv = getattr(type(v), "__float__", None)
        if conv is not None:
            result = conv(v)
            if not isinstance(result, float):
                raise TypeError
            return float.__float__(result)
        index = getattr(type(v), "__index__", None)
        if index is None:
            raise TypeError
        result = index(v)
        if not isinstance(result, int):
            raise TypeError
        return float(int.__index__(result))
    except Exception:
        raise error("required argument is not a float") from None


def _pack_int(v, spec, order):
    size, signed, getter, lo, hi, message = spec
    v = _get_int(v)
    if getter == "long":
        if v < _LONG_MIN or v > _LONG_MAX:
            raise error("argument out of range")
    elif getter == "ulong":
        if v < 0 or v > _ULONG_MAX:
            raise error("argument out of range")
    elif getter == "ptr":
        if v < _LONG_MIN or v > _ULONG_MAX:
            raise error("int too large to convert")
        return (v & _ULONG_MAX).to_bytes(8, order)
    else:
        if v < lo or v > hi:
            raise error("int too large to convert")
    if message is not None and (v < lo or v > hi):
        raise error(message)
    # Narrow native packers (b, B, h, H) accept the whole C-long range only after
    # the range check above, so the value always fits here.
    return v.to_bytes(size, order, signed=v < 0)


# IEEE-754 binary formats: code -> (exponent bits, mantissa bits)
_FLOAT_FORMATS = {"e": (5, 10), "f": (8, 23), "d": (11, 52)}


def _float_to_bits(x, code, native):
    """The IEEE-754 bit pattern of x in the format of `code`, rounding half to even.
    Overflow gives infinity for a native 'f' (a C cast) and OverflowError otherwise."""
    ebits, mbits = _FLOAT_FORMATS[code]
    sign = 1 if _math.copysign(1.0, x) < 0.0 else 0
    top = sign << (ebits + mbits)
    emask = (1 << ebits) - 1
    if x != x:
        return top | (emask << mbits) | (1 << (mbits - 1))
    a = abs(x)
    if a == _math.inf:
        return top | (emask << mbits)
    if a == 0.0:
        return top
    bias = (1 << (ebits - 1)) - 1
    emin = 1 - bias
    e = _math.frexp(a)[1] - 1       # a = 1.m * 2**e
    qexp = (e if e >= emin else emin) - mbits
    num, den = a.as_integer_ratio()
    shift = den.bit_length() - 1 + qexp     # a / 2**qexp == num / 2**shift
    if shift <= 0:
        q = num << -shift
    else:
        q = num >> shift
        rem = num & ((1 << shift) - 1)
        half = 1 << (shift - 1)
        if rem > half or (rem == half and q & 1):
            q += 1
    if e < emin:
        # Subnormal; rounding up to 1 << mbits lands exactly on the smallest normal.
        return top | q
    if q >> (mbits + 1):
        q >>= 1
        e += 1
    biased = e + bias
    if biased >= emask:
        if native and code == "f":
            return top | (emask << mbits)
        raise OverflowError(f"float too large to pack with {code} format")
    return top | (biased << mbits) | (q - (1 << mbits))


def _bits_to_float(bits, code):
    ebits, mbits = _FLOAT_FORMATS[code]
    sign = bits >> (ebits + mbits)
    biased = (bits >> mbits) & ((1 << ebits) - 1)
    mant = bits & ((1 << mbits) - 1)
    if biased == (1 << ebits) - 1:
        value = _math.inf if mant == 0 else _math.nan
    elif biased == 0:
        value = _math.ldexp(float(mant), 2 - (1 << (ebits - 1)) - mbits)
    else:
        value = _math.ldexp(float(mant | (1 << mbits)),
                            biased - ((1 << (ebits - 1)) - 1) - mbits)
    return _math.copysign(value, -1.0) if sign else value


# ---------------------------------------------------------------- pack / unpack

def _pack_fields(layout, args, into, offset, what):
    if len(args) != layout.nitems:
        raise error(f"{what} expected {layout.nitems} items for packing "
                    f"(got {len(args)})")
    order = layout.order
    native = layout.native
    i = 0
    for c, num, pos, spec in layout.fields:
        pos += offset
        if c == "s" or c == "p":
            v = args[i]
            i += 1
            if not isinstance(v, (bytes, bytearray)):
                raise error(f"argument for '{c}' must be a bytes object")
            if c == "s":
                n = len(v) if len(v) < num else num
                into[pos:pos + n] = v[:n]
            elif num > 0:
                n = len(v) if len(v) < num - 1 else num - 1
                into[pos] = n if n < 255 else 255
                into[pos + 1:pos + 1 + n] = v[:n]
            continue
        for _ in range(num):
            v = args[i]
            i += 1
            if spec is not None:
                data = _pack_int(v, spec, order)
            elif c == "c":
                if not isinstance(v, bytes) or len(v) != 1:
                    raise error("char format requires a bytes object of length 1")
                data = v
            elif c == "?":
                data = b"\x01" if v else b"\x00"
            else:
                x = _get_float(v)
                bits = _float_to_bits(x, c, native)
                data = bits.to_bytes(_OTHER_SIZES[c], order)
            n = len(data)
            into[pos:pos + n] = data
            pos += n


def _unpack_fields(layout, data, offset):
    order = layout.order
    result = []
    append = result.append
    for c, num, pos, spec in layout.fields:
        pos += offset
        if c == "s":
            append(bytes(data[pos:pos + num]))
            continue
        if c == "p":
            if num == 0:
                raise SystemError("Negative size passed to PyBytes_FromStringAndSize")
            n = data[pos]
            if n >= num:
                n = num - 1
            append(bytes(data[pos + 1:pos + 1 + n]))
            continue
        if spec is not None:
            size = spec[0]
            signed = spec[1]
            for _ in range(num):
                append(int.from_bytes(data[pos:pos + size], order, signed=signed))
                pos += size
        elif c == "c":
            for _ in range(num):
                append(bytes(data[pos:pos + 1]))
                pos += 1
        elif c == "?":
            for _ in range(num):
                append(data[pos] != 0)
                pos += 1
        else:
            size = _OTHER_SIZES[c]
            for _ in range(num):
                bits = int.from_bytes(data[pos:pos + size], order)
                append(_bits_to_float(bits, c))
                pos += size
    return tuple(result)


def _readable(buffer):
    """The bytes of a bytes-like object (a memoryview is read as its raw bytes)."""
    if isinstance(buffer, (bytes, bytearray)):
        return buffer
    if isinstance(buffer, memoryview):
        return buffer.tobytes()
    raise TypeError(
        f"a bytes-like object is required, not '{type(buffer).__name__}'")


def _writable(buffer):
    if isinstance(buffer, bytearray):
        return buffer
    if isinstance(buffer, memoryview) and not buffer.readonly:
        return buffer.cast("B") if buffer.format != "B" else buffer
    raise TypeError("argument must be read-write bytes-like object, "
                    f"not {type(buffer).__name__}")


def _index(v):
    if isinstance(v, int):
        return int.__index__(v)
    index = getattr(type(v), "__index__", None)
    if index is None:
        raise TypeError(
            f"'{type(v).__name__}' object cannot be interpreted as an integer")
    return _get_int(v)


class Struct:
    """A format compiled once, to pack and unpack many records with."""

    __slots__ = ("_format", "_layout")

    def __init__(self, *args, **kwargs):
        if len(args) + len(kwargs) > 1 or (kwargs and "format" not in kwargs):
            raise TypeError("Struct() takes at most 1 argument "
                            f"({len(args) + len(kwargs)} given)")
        if args:
            format = args[0]
        elif kwargs:
            format = kwargs["format"]
        else:
            raise TypeError("Struct() missing required argument 'format' (pos 1)")
        layout = _compile(format)
        if isinstance(format, bytes):
            format = format.decode("latin-1")
        object.__setattr__(self, "_format", format)
        object.__setattr__(self, "_layout", layout)

    def __setattr__(self, name, value):
        if name in ("format", "size"):
            raise AttributeError(
                f"attribute '{name}' of '_struct.Struct' objects is not writable")
        raise AttributeError(f"'_struct.Struct' object has no attribute '{name}'")

    @property
    def format(self):
        """The format this Struct was made from, as a str."""
        return self._format

    @property
    def size(self):
        """The number of bytes a record of this format occupies."""
        return self._layout.size

    def pack(self, *values):
        """The bytes of the given values laid out by this format."""
        out = bytearray(self._layout.size)
        _pack_fields(self._layout, values, out, 0, "pack")
        return bytes(out)

    def pack_into(self, *args):
        """Writes the packed values into the writable `buffer` at `offset`."""
        layout = self._layout
        if len(args) != layout.nitems + 2:
            if not args:
                raise error("pack_into expected buffer argument")
            if len(args) == 1:
                raise error("pack_into expected offset argument")
            raise error(f"pack_into expected {layout.nitems} items for packing "
                        f"(got {len(args) - 2})")
        buf = _writable(args[0])
        offset = _index(args[1])
        size = layout.size
        buflen = len(buf)
        if offset < 0:
            if offset + size > 0:
                raise error(f"no space to pack {size} bytes at offset {offset}")
            if offset + buflen < 0:
                raise error(f"offset {offset} out of range for {buflen}-byte buffer")
            offset += buflen
        if buflen - offset < size:
            raise error(f"pack_into requires a buffer of at least {size + offset} "
                        f"bytes for packing {size} bytes at offset {offset} "
                        f"(actual buffer size is {buflen})")
        out = bytearray(size)
        _pack_fields(layout, args[2:], out, 0, "pack_into")
        buf[offset:offset + size] = out

    def unpack(self, *args):
        """The values of a buffer exactly `size` bytes long, as a tuple."""
        if len(args) != 1:
            raise TypeError(
                f"Struct.unpack() takes exactly one argument ({len(args)} given)")
        data = _readable(args[0])
        if len(data) != self._layout.size:
            raise error(f"unpack requires a buffer of {self._layout.size} bytes")
        return _unpack_fields(self._layout, data, 0)

    def unpack_from(self, *args, **kwargs):
        """The values of one record read from `buffer` at `offset` (0 by default)."""
        buffer, offset = _buffer_offset("unpack_from", args, kwargs, 1)
        data = _readable(buffer)
        offset = _index(offset)
        size = self._layout.size
        buflen = len(data)
        if offset < 0:
            if offset + size > 0:
                raise error(f"not enough data to unpack {size} bytes "
                            f"at offset {offset}")
            if offset + buflen < 0:
                raise error(f"offset {offset} out of range for {buflen}-byte buffer")
            offset += buflen
        if buflen - offset < size:
            raise error(f"unpack_from requires a buffer of at least {size + offset} "
                        f"bytes for unpacking {size} bytes at offset {offset} "
                        f"(actual buffer size is {buflen})")
        return _unpack_fields(self._layout, data, offset)

    def iter_unpack(self, *args):
        """An iterator over the records of a buffer whose length is a multiple of
        `size`, one tuple of values each."""
        if len(args) != 1:
            raise TypeError(
                f"Struct.iter_unpack() takes exactly one argument ({len(args)} given)")
        return _UnpackIterator(self, args[0])

    def __sizeof__(self):
        return 48 + 32 * len(self._layout.fields)


Struct.__module__ = "_struct"


class unpack_iterator:
    """Iterator over the fixed-size records of a buffer."""

    __slots__ = ("_layout", "_data", "_pos")

    def __init__(self, struct, buffer):
        layout = struct._layout
        data = _readable(buffer)
        if layout.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        if len(data) % layout.size:
            raise error("iterative unpacking requires a buffer of a multiple of "
                        f"{layout.size} bytes")
        self._layout = layout
        self._data = data
        self._pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        data = self._data
        if data is None or self._pos >= len(data):
            self._data = None
            raise StopIteration
        pos = self._pos
        self._pos = pos + self._layout.size
        return _unpack_fields(self._layout, data, pos)

    def __length_hint__(self):
        if self._data is None:
            return 0
        return (len(self._data) - self._pos) // self._layout.size


unpack_iterator.__module__ = "_struct"
# Not a public name of the module (CPython keeps the type in `_struct` only).
_UnpackIterator = unpack_iterator
del unpack_iterator


# ---------------------------------------------------------------- module functions

def _buffer_offset(name, args, kwargs, first):
    """Parses (buffer, offset=0) the way CPython's argument clinic does, `first`
    being the position of `buffer` in the error messages."""
    total = len(args) + len(kwargs)
    if total > 2:
        raise TypeError(f"{name}() takes at most {first + 1} arguments "
                        f"({total + first - 1} given)")
    names = ("buffer", "offset")
    values = list(args)
    for key in kwargs:
        if key not in names:
            raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
        if names.index(key) < len(args):
            raise TypeError(f"argument for {name}() given by name ('{key}') "
                            f"and position ({names.index(key) + first})")
    if values:
        buffer = values[0]
    elif "buffer" in kwargs:
        buffer = kwargs["buffer"]
    else:
        raise TypeError(f"{name}() missing required argument 'buffer' (pos {first})")
    if len(values) > 1:
        offset = values[1]
    else:
        offset = kwargs.get("offset", 0)
    return buffer, offset


def _format_arg(name, args, kwargs, count):
    if kwargs:
        raise TypeError(f"_struct.{name}() takes no keyword arguments")
    if len(args) != count:
        raise TypeError(f"{name} expected {count} arguments, got {len(args)}")
    return Struct(args[0])


def calcsize(*args, **kwargs):
    """The number of bytes a record of `format` occupies."""
    if kwargs:
        raise TypeError("_struct.calcsize() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(
            f"_struct.calcsize() takes exactly one argument ({len(args)} given)")
    return _compile(args[0]).size


def pack(*args, **kwargs):
    """pack(format, *values): the values laid out as bytes by `format`."""
    if kwargs:
        raise TypeError("_struct.pack() takes no keyword arguments")
    if not args:
        raise TypeError("missing format argument")
    return Struct(args[0]).pack(*args[1:])


def pack_into(*args, **kwargs):
    """pack_into(format, buffer, offset, *values): packs the values into the
    writable `buffer`, starting at `offset`."""
    if kwargs:
        raise TypeError("_struct.pack_into() takes no keyword arguments")
    if not args:
        raise TypeError("missing format argument")
    return Struct(args[0]).pack_into(*args[1:])


def unpack(*args, **kwargs):
    """unpack(format, buffer): the values of a buffer of exactly
    calcsize(format) bytes, as a tuple."""
    return _format_arg("unpack", args, kwargs, 2).unpack(args[1])


def unpack_from(*args, **kwargs):
    """unpack_from(format, buffer, offset=0): the values of one record read
    from `buffer` at `offset`."""
    if not args:
        raise TypeError("unpack_from() takes at least 1 positional argument (0 given)")
    buffer, offset = _buffer_offset("unpack_from", args[1:], kwargs, 2)
    return Struct(args[0]).unpack_from(buffer, offset)


def iter_unpack(*args, **kwargs):
    """iter_unpack(format, buffer): an iterator over the records of `buffer`,
    one tuple of values each."""
    return _format_arg("iter_unpack", args, kwargs, 2).iter_unpack(args[1])
