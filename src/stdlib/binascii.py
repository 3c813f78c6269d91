"""`binascii`: conversions between binary data and ASCII encodings.

CPython implements this module in C; here it is plain Python. The decoders are
written as the same small state machines as CPython's (one character at a time,
with the same bookkeeping of padding), because their results on malformed input
are observable: non-strict base64 skips characters outside the alphabet and stops
at the first complete padding, and uu decoding pads short lines with zero bytes.
The error messages, and the exception types (`binascii.Error` is a ValueError), are
CPython's.

Decoders (`a2b_*`, `unhexlify`) accept bytes-like objects and ASCII-only str;
encoders (`b2a_*`, `hexlify`, the CRCs) accept bytes-like objects only.

Not provided: nothing of the public API; the functions are Python functions, so
the wording of their argument-count errors can differ from CPython's built-ins.
"""

__all__ = ["Error", "Incomplete", "a2b_base64", "a2b_hex", "a2b_qp", "a2b_uu",
           "b2a_base64", "b2a_hex", "b2a_qp", "b2a_uu", "crc32", "crc_hqx", "hexlify",
           "unhexlify"]


class Error(ValueError):
    pass


class Incomplete(Exception):
    pass


def _ascii_data(data):
    """Input of a decoder: bytes-like, or a str of ASCII characters only."""
    if isinstance(data, str):
        try:
            return data.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError(
                "string argument should contain only ASCII characters") from None
    if isinstance(data, (bytes, bytearray)):
        return data
    if isinstance(data, memoryview):
        return data.tobytes()
    raise TypeError("argument should be bytes, buffer or ASCII string, "
                    f"not '{type(data).__name__}'")


def _binary_data(data):
    """Input of an encoder: a bytes-like object."""
    if isinstance(data, (bytes, bytearray)):
        return data
    if isinstance(data, memoryview):
        return data.tobytes()
    raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")


def _index(value):
    if isinstance(value, int):
        return int.__index__(value)
    index = getattr(type(value), "__index__", None)
    if index is None:
        raise TypeError(
            f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return index(value)


# ---------------------------------------------------------------- hex

_HEX = b"0123456789abcdef"


def _sep_byte(sep):
    if isinstance(sep, str):
        if len(sep) != 1:
            raise ValueError("sep must be length 1.")
        if ord(sep) > 255:
            raise ValueError("sep must be ASCII.")
        return ord(sep)
    if isinstance(sep, bytes):
        if len(sep) != 1:
            raise ValueError("sep must be length 1.")
        return sep[0]
    len(sep)    # CPython asks for the length first: TypeError for non-sequences
    raise TypeError("sep must be str or bytes.")


# Not passing `sep` is different from passing None (which CPython rejects).
_NO_SEP = object()


def b2a_hex(data, sep=_NO_SEP, bytes_per_sep=1):
    """The hex digits of `data` as bytes; a one-character `sep` is put between
    groups of `bytes_per_sep` bytes, counted from the right (from the left when
    negative)."""
    data = _binary_data(data)
    per = _index(bytes_per_sep)
    if per < -(1 << 31) or per >= (1 << 31):
        raise OverflowError("Python int too large to convert to C int")
    if sep is not _NO_SEP:
        sepb = _sep_byte(sep)
    text = data.hex()
    if sep is _NO_SEP or per == 0 or not data:
        return text.encode("ascii")
    group = abs(per) * 2
    n = len(text)
    if per > 0:
        first = n % group or group
        chunks = [text[:first]]
        chunks.extend(text[i:i + group] for i in range(first, n, group))
    else:
        chunks = [text[i:i + group] for i in range(0, n, group)]
    return bytes([sepb]).join(chunk.encode("ascii") for chunk in chunks)


def hexlify(data, sep=_NO_SEP, bytes_per_sep=1):
    """Same as b2a_hex()."""
    return b2a_hex(data, sep, bytes_per_sep)


def _hex_value(c):
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


def a2b_hex(hexstr, /):
    """The bytes spelled by an even number of hex digits (either case)."""
    data = _ascii_data(hexstr)
    if len(data) % 2:
        raise Error("Odd-length string")
    out = bytearray(len(data) // 2)
    for i in range(0, len(data), 2):
        hi = _hex_value(data[i])
        lo = _hex_value(data[i + 1])
        if hi < 0 or lo < 0:
            raise Error("Non-hexadecimal digit found")
        out[i // 2] = hi * 16 + lo
    return bytes(out)


def unhexlify(hexstr, /):
    """Same as a2b_hex()."""
    return a2b_hex(hexstr)


# ---------------------------------------------------------------- base64

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUES = [-1] * 256
for _i, _c in enumerate(_B64):
    _B64_VALUES[_c] = _i
del _i, _c


def b2a_base64(data, /, *, newline=True):
    """`data` in base64, with a newline at the end unless newline is false."""
    data = _binary_data(data)
    out = bytearray()
    n = len(data)
    full = n - n % 3
    table = _B64
    for i in range(0, full, 3):
        v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out += bytes((table[v >> 18], table[(v >> 12) & 63],
                      table[(v >> 6) & 63], table[v & 63]))
    rest = n - full
    if rest == 1:
        v = data[full] << 16
        out += bytes((table[v >> 18], table[(v >> 12) & 63], 61, 61))
    elif rest == 2:
        v = (data[full] << 16) | (data[full + 1] << 8)
        out += bytes((table[v >> 18], table[(v >> 12) & 63],
                      table[(v >> 6) & 63], 61))
    if newline:
        out.append(10)
    return bytes(out)


def a2b_base64(data, /, *, strict_mode=False):
    """The bytes of base64 text. Characters outside the alphabet are skipped,
    unless strict_mode is true: then they, and anything after the padding, are
    errors."""
    data = _ascii_data(data)
    strict = bool(strict_mode)
    if strict and data and data[0] == 61:
        raise Error("Leading padding not allowed")
    values = _B64_VALUES
    out = bytearray()
    quad_pos = 0
    left = 0
    pads = 0
    padding_started = False
    n = len(data)
    for i in range(n):
        c = data[i]
        if c == 61:     # '='
            padding_started = True
            if quad_pos >= 2:
                pads += 1
                if quad_pos + pads >= 4:
                    # A complete padding ends the data.
                    if strict and i + 1 < n:
                        raise Error("Excess data after padding")
                    return bytes(out)
            continue
        v = values[c]
        if v < 0:
            if strict:
                raise Error("Only base64 data is allowed")
            continue
        if strict and padding_started:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        if quad_pos == 0:
            quad_pos = 1
            left = v
        elif quad_pos == 1:
            quad_pos = 2
            out.append(((left << 2) | (v >> 4)) & 0xFF)
            left = v & 0x0F
        elif quad_pos == 2:
            quad_pos = 3
            out.append(((left << 4) | (v >> 2)) & 0xFF)
            left = v & 0x03
        else:
            quad_pos = 0
            out.append(((left << 6) | v) & 0xFF)
            left = 0
    if quad_pos == 1:
        raise Error("Invalid base64-encoded string: number of data characters "
                    f"({len(out) // 3 * 4 + 1}) cannot be 1 more than a multiple of 4")
    if quad_pos != 0:
        raise Error("Incorrect padding")
    return bytes(out)


# ---------------------------------------------------------------- uuencode

def b2a_uu(data, /, *, backtick=False):
    """One uuencoded line (at most 45 bytes of data); `backtick` writes zeros as '`'."""
    data = _binary_data(data)
    n = len(data)
    if n > 45:
        raise Error("At most 45 bytes at once")

    def char(v):
        return 96 if backtick and v == 0 else 32 + v

    out = bytearray([char(n & 63)])
    left = 0
    bits = 0
    i = 0
    while i < n or bits:
        left = (left << 8) | (data[i] if i < n else 0)
        bits += 8
        i += 1
        while bits >= 6:
            out.append(char((left >> (bits - 6)) & 63))
            bits -= 6
        left &= (1 << bits) - 1
    out.append(10)
    return bytes(out)


def a2b_uu(data, /):
    """The bytes of one uuencoded line."""
    data = _ascii_data(data)
    n = len(data)
    # An empty line has CPython read the terminating NUL of its buffer as the
    # length character: (0 - 32) & 63 is 32, so 32 zero bytes come out.
    length = ((data[0] if n else 0) - 32) & 63
    out = bytearray()
    left = 0
    bits = 0
    pos = 1
    while length > 0:
        c = data[pos] if pos < n else 0
        pos += 1
        if c == 10 or c == 13 or pos > n:
            # Short line: assume trailing blanks were stripped.
            c = 0
        else:
            if c < 32 or c > 96:
                raise Error("Illegal char")
            c = (c - 32) & 63
        left = (left << 6) | c
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((left >> bits) & 0xFF)
            left &= (1 << bits) - 1
            length -= 1
    while pos < n:
        c = data[pos]
        pos += 1
        if c != 32 and c != 96 and c != 10 and c != 13:
            raise Error("Trailing garbage")
    return bytes(out)


# ---------------------------------------------------------------- quoted-printable

_QP_LINE = 76    # longest encoded line, soft line break included


def _is_hex_digit(c):
    return 48 <= c <= 57 or 65 <= c <= 70 or 97 <= c <= 102


def a2b_qp(data, header=False):
    """The bytes of quoted-printable text: '=XX' escapes and '=' soft line
    breaks are undone, and with `header` '_' stands for a space."""
    data = _ascii_data(data)
    n = len(data)
    out = bytearray()
    i = 0
    while i < n:
        c = data[i]
        if c == 61:     # '='
            i += 1
            if i >= n:
                break
            c = data[i]
            if c == 10 or c == 13:
                # A soft line break: skip to the end of the line.
                while i < n and data[i] != 10:
                    i += 1
                if i < n:
                    i += 1
            elif c == 61:
                out.append(61)
                i += 1
            elif i + 1 < n and _is_hex_digit(c) and _is_hex_digit(data[i + 1]):
                out.append(int(bytes(data[i:i + 2]), 16))
                i += 2
            else:
                out.append(61)
        elif header and c == 95:    # '_'
            out.append(32)
            i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


def b2a_qp(data, quotetabs=False, istext=True, header=False):
    """`data` in quoted-printable. `quotetabs` escapes all tabs and spaces,
    `istext` false escapes line ends too, and `header` writes spaces as '_'
    (escaping '_'). Lines end like the first line of `data` (CRLF or LF)."""
    data = _binary_data(data)
    n = len(data)
    nl = data.find(b"\n")
    crlf = nl > 0 and data[nl - 1] == 13
    newline = b"\r\n" if crlf else b"\n"
    out = bytearray()
    linelen = 0
    i = 0
    while i < n:
        c = data[i]
        last = i + 1 == n
        following = -1 if last else data[i + 1]
        if (c > 126 or c == 61
                or (header and c == 95)
                or (c == 46 and linelen == 0 and following in (-1, 10, 13, 0))
                or (not istext and (c == 13 or c == 10))
                or ((c == 9 or c == 32) and last)
                or (c < 33 and c != 13 and c != 10
                    and (quotetabs or (c != 9 and c != 32)))):
            if linelen + 3 >= _QP_LINE:
                out += b"=" + newline
                linelen = 0
            out += b"=%02X" % c
            i += 1
            linelen += 3
        elif istext and (c == 10 or (c == 13 and following == 10)):
            linelen = 0
            # Whitespace at the end of a line would be lost: escape it.
            if out and out[-1] in (32, 9):
                ws = out[-1]
                out[-1:] = b"=%02X" % ws
            out += newline
            i += 2 if c == 13 else 1
        else:
            if not last and following != 10 and linelen + 1 >= _QP_LINE:
                out += b"=" + newline
                linelen = 0
            linelen += 1
            out.append(95 if header and c == 32 else c)
            i += 1
    return bytes(out)


# ---------------------------------------------------------------- CRCs

_crc32_table = None
_hqx_table = None


def _make_crc32_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


def _make_hqx_table():
    table = []
    for n in range(256):
        c = n << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else c << 1
        table.append(c & 0xFFFF)
    return table


def crc32(*args):
    """crc32(data, crc=0): the CRC-32 of data, continuing from `crc`."""
    if not args:
        raise TypeError("crc32 expected at least 1 argument, got 0")
    if len(args) > 2:
        raise TypeError(f"crc32 expected at most 2 arguments, got {len(args)}")
    global _crc32_table
    data = _binary_data(args[0])
    crc = _index(args[1]) & 0xFFFFFFFF if len(args) > 1 else 0
    table = _crc32_table
    if table is None:
        table = _crc32_table = _make_crc32_table()
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def crc_hqx(*args):
    """crc_hqx(data, crc): the CRC-CCITT (XMODEM) of data, continuing from `crc`."""
    if len(args) != 2:
        raise TypeError(f"crc_hqx expected 2 arguments, got {len(args)}")
    global _hqx_table
    data = _binary_data(args[0])
    crc = _index(args[1]) & 0xFFFF
    table = _hqx_table
    if table is None:
        table = _hqx_table = _make_hqx_table()
    for b in data:
        crc = ((crc << 8) & 0xFF00) ^ table[(crc >> 8) ^ b]
    return crc
