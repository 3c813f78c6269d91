"""`base64`: Base16, Base32, Base64 (RFC 4648), Base85 and Ascii85 data encodings.

Base64 work is delegated to `binascii` exactly as CPython does, so the two modules
raise the same errors (`binascii.Error: Incorrect padding`, and with
`validate=True` the strict-mode messages such as `Only base64 data is allowed`).
The other codecs are plain Python over big-endian integers: five bytes are one
40-bit group of eight Base32 digits, four bytes one 32-bit group of five Base85
digits. apy has no `re`, so the character checks CPython makes with regular
expressions are written out by hand.

Decoders accept bytes-like objects and ASCII str; encoders only bytes-like objects.

Not provided: `main()` and `test()` (the command-line interface).
"""

import binascii

__all__ = [
    "encode", "decode", "encodebytes", "decodebytes",
    "b64encode", "b64decode", "b32encode", "b32decode",
    "b32hexencode", "b32hexdecode", "b16encode", "b16decode",
    "b85encode", "b85decode", "a85encode", "a85decode",
    "standard_b64encode", "standard_b64decode",
    "urlsafe_b64encode", "urlsafe_b64decode",
]

bytes_types = (bytes, bytearray)

MAXLINESIZE = 76
MAXBINSIZE = (MAXLINESIZE // 4) * 3


def _bytes_from_decode_data(s):
    if isinstance(s, str):
        try:
            return s.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError(
                "string argument should contain only ASCII characters") from None
    if isinstance(s, bytes_types):
        return s
    try:
        return memoryview(s).tobytes()
    except TypeError:
        raise TypeError("argument should be a bytes-like object or ASCII string, "
                        f"not {type(s).__name__!r}") from None


def _to_bytes(s):
    """Encoder input: bytes-like objects only (memoryview's own TypeError else)."""
    if isinstance(s, bytes_types):
        return bytes(s)
    return memoryview(s).tobytes()


def _check_pair(chars, count):
    if len(chars) != count:
        raise AssertionError(repr(chars))


# ---------------------------------------------------------------- Base64

def b64encode(s, altchars=None):
    """`s` in base64, as bytes; `altchars` (two bytes) replaces '+' and '/'."""
    encoded = binascii.b2a_base64(s, newline=False)
    if altchars is not None:
        _check_pair(altchars, 2)
        return encoded.translate(bytes.maketrans(b"+/", altchars))
    return encoded


def b64decode(s, altchars=None, validate=False):
    """The bytes of base64 text `s` (bytes-like or ASCII str). `altchars` (two
    characters) stand for '+' and '/'. Characters outside the alphabet are
    skipped, unless `validate` is true: then they are a binascii.Error, as bad
    padding always is."""
    s = _bytes_from_decode_data(s)
    if altchars is not None:
        altchars = _bytes_from_decode_data(altchars)
        _check_pair(altchars, 2)
        s = s.translate(bytes.maketrans(altchars, b"+/"))
    return binascii.a2b_base64(s, strict_mode=validate)


def standard_b64encode(s):
    """`s` in base64 with the standard alphabet."""
    return b64encode(s)


def standard_b64decode(s):
    """The bytes of base64 text in the standard alphabet."""
    return b64decode(s)


_urlsafe_encode_translation = bytes.maketrans(b"+/", b"-_")
_urlsafe_decode_translation = bytes.maketrans(b"-_", b"+/")


def urlsafe_b64encode(s):
    """`s` in base64 with the URL-safe alphabet ('-' and '_' for '+' and '/')."""
    return b64encode(s).translate(_urlsafe_encode_translation)


def urlsafe_b64decode(s):
    """The bytes of base64 text in the URL-safe alphabet ('+' and '/' are
    accepted too)."""
    s = _bytes_from_decode_data(s)
    s = s.translate(_urlsafe_decode_translation)
    return b64decode(s)


# ---------------------------------------------------------------- Base32

_B32_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B32_HEX_ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
_b32_reverse = {}

# Padding characters after the last group, by the number of leftover input bytes.
_B32_PADDING = {1: 6, 2: 4, 3: 3, 4: 1}


def _b32encode(alphabet, s):
    s = _to_bytes(s)
    leftover = len(s) % 5
    if leftover:
        s = s + b"\0" * (5 - leftover)
    out = bytearray()
    for i in range(0, len(s), 5):
        group = int.from_bytes(s[i:i + 5], "big")
        out += bytes(alphabet[(group >> shift) & 31] for shift in range(35, -1, -5))
    if leftover:
        pad = _B32_PADDING[leftover]
        out[-pad:] = b"=" * pad
    return bytes(out)


def _b32decode(alphabet, s, casefold=False, map01=None):
    rev = _b32_reverse.get(alphabet)
    if rev is None:
        rev = _b32_reverse[alphabet] = {c: i for i, c in enumerate(alphabet)}
    s = _bytes_from_decode_data(s)
    if len(s) % 8:
        raise binascii.Error("Incorrect padding")
    if map01 is not None:
        map01 = _bytes_from_decode_data(map01)
        _check_pair(map01, 1)
        s = s.translate(bytes.maketrans(b"01", b"O" + map01))
    if casefold:
        s = s.upper()
    length = len(s)
    s = s.rstrip(b"=")
    padchars = length - len(s)
    out = bytearray()
    acc = 0
    for i in range(0, len(s), 8):
        acc = 0
        for c in s[i:i + 8]:
            value = rev.get(c)
            if value is None:
                raise binascii.Error("Non-base32 digit found")
            acc = (acc << 5) | value
        out += acc.to_bytes(5, "big")
    if length % 8 or padchars not in (0, 1, 3, 4, 6):
        raise binascii.Error("Incorrect padding")
    if padchars and out:
        # The last group was short: shift its digits into place, keep its bytes.
        acc <<= 5 * padchars
        keep = (43 - 5 * padchars) // 8
        out[-5:] = acc.to_bytes(5, "big")[:keep]
    return bytes(out)


def b32encode(s):
    """`s` in base32 (RFC 4648), as bytes."""
    return _b32encode(_B32_ALPHABET, s)


def b32decode(s, casefold=False, map01=None):
    """The bytes of base32 text `s`. `casefold` accepts lower case; `map01`
    reads the digit 0 as the letter O and the digit 1 as the letter it names
    (I or L)."""
    return _b32decode(_B32_ALPHABET, s, casefold, map01)


def b32hexencode(s):
    """`s` in base32 with the extended hex alphabet (RFC 4648), as bytes."""
    return _b32encode(_B32_HEX_ALPHABET, s)


def b32hexdecode(s, casefold=False):
    """The bytes of base32hex text `s`; `casefold` accepts lower case."""
    return _b32decode(_B32_HEX_ALPHABET, s, casefold)


# ---------------------------------------------------------------- Base16

def b16encode(s):
    """`s` in base16 (upper-case hex), as bytes."""
    return binascii.hexlify(s).upper()


def b16decode(s, casefold=False):
    """The bytes of base16 text `s`; `casefold` accepts lower case."""
    s = _bytes_from_decode_data(s)
    if casefold:
        s = s.upper()
    for c in s:
        if not (48 <= c <= 57 or 65 <= c <= 70):
            raise binascii.Error("Non-base16 digit found")
    return binascii.unhexlify(s)


# ---------------------------------------------------------------- Ascii85 / Base85

_A85START = b"<~"
_A85END = b"~>"
_A85_CHARS = bytes(range(33, 118))
_B85_CHARS = (b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
              b"abcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~")
_b85_reverse = None


def _85encode(b, chars, pad=False, foldnuls=False, foldspaces=False):
    b = _to_bytes(b)
    padding = (-len(b)) % 4
    if padding:
        b = b + b"\0" * padding
    chunks = []
    for i in range(0, len(b), 4):
        word = int.from_bytes(b[i:i + 4], "big")
        if foldnuls and not word:
            chunks.append(b"z")
        elif foldspaces and word == 0x20202020:
            chunks.append(b"y")
        else:
            digits = bytearray(5)
            for j in range(4, -1, -1):
                word, digit = divmod(word, 85)
                digits[j] = chars[digit]
            chunks.append(bytes(digits))
    if padding and not pad:
        if chunks[-1] == b"z":
            chunks[-1] = bytes([chars[0]]) * 5
        chunks[-1] = chunks[-1][:-padding]
    return b"".join(chunks)


def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    """`b` in Ascii85, as bytes. `foldspaces` writes four spaces as 'y',
    `wrapcol` splits the output into lines of at most that many characters,
    `pad` pads the input to a multiple of 4 bytes, and `adobe` frames the
    result in <~ and ~>."""
    result = _85encode(b, _A85_CHARS, pad, True, foldspaces)
    if adobe:
        result = _A85START + result
    if wrapcol:
        wrapcol = max(2 if adobe else 1, wrapcol)
        chunks = [result[i:i + wrapcol] for i in range(0, len(result), wrapcol)]
        if adobe and len(chunks[-1]) + 2 > wrapcol:
            # The end marker goes on a line of its own rather than overflow.
            chunks.append(b"")
        result = b"\n".join(chunks)
    if adobe:
        result += _A85END
    return result


def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\v'):
    """The bytes of Ascii85 text `b`. `foldspaces` reads 'y' as four spaces,
    `adobe` expects the ~> end marker (and an optional <~ start), and
    `ignorechars` are skipped."""
    b = _bytes_from_decode_data(b)
    if adobe:
        if not b.endswith(_A85END):
            raise ValueError(
                f"Ascii85 encoded byte sequences must end with {_A85END!r}")
        if b.startswith(_A85START):
            b = b[2:-2]
        else:
            b = b[:-2]
    decoded = []
    group = []
    # Four 'u' (the digit 84) complete a trailing partial group; the bytes they
    # contribute are cut off again below.
    for x in b + b"uuuu":
        if 33 <= x <= 117:
            group.append(x)
            if len(group) == 5:
                acc = 0
                for d in group:
                    acc = 85 * acc + (d - 33)
                if acc >> 32:
                    raise ValueError("Ascii85 overflow")
                decoded.append(acc.to_bytes(4, "big"))
                group.clear()
        elif x == 122:      # 'z'
            if group:
                raise ValueError("z inside Ascii85 5-tuple")
            decoded.append(b"\0\0\0\0")
        elif foldspaces and x == 121:       # 'y'
            if group:
                raise ValueError("y inside Ascii85 5-tuple")
            decoded.append(b"    ")
        elif x in ignorechars:
            continue
        else:
            raise ValueError("Non-Ascii85 digit found: %c" % x)
    result = b"".join(decoded)
    padding = 4 - len(group)
    if padding:
        result = result[:-padding]
    return result


def b85encode(b, pad=False):
    """`b` in base85 (the git alphabet), as bytes; `pad` pads the input to a
    multiple of 4 bytes first."""
    return _85encode(b, _B85_CHARS, pad)


def b85decode(b):
    """The bytes of base85 text `b`."""
    global _b85_reverse
    if _b85_reverse is None:
        _b85_reverse = [None] * 256
        for i, c in enumerate(_B85_CHARS):
            _b85_reverse[c] = i
    rev = _b85_reverse
    b = _bytes_from_decode_data(b)
    padding = (-len(b)) % 5
    b = b + b"~" * padding
    out = []
    for i in range(0, len(b), 5):
        acc = 0
        for j in range(i, i + 5):
            value = rev[b[j]]
            if value is None:
                raise ValueError(f"bad base85 character at position {j}")
            acc = acc * 85 + value
        if acc >> 32:
            raise ValueError(f"base85 overflow in hunk starting at byte {i}")
        out.append(acc.to_bytes(4, "big"))
    result = b"".join(out)
    if padding:
        result = result[:-padding]
    return result


# ---------------------------------------------------------------- MIME-style base64

def encode(input, output):
    """Writes the binary file `input` to the binary file `output` in base64
    lines of 76 characters."""
    while True:
        s = input.read(MAXBINSIZE)
        if not s:
            break
        while len(s) < MAXBINSIZE:
            ns = input.read(MAXBINSIZE - len(s))
            if not ns:
                break
            s += ns
        output.write(binascii.b2a_base64(s))


def decode(input, output):
    """Writes the bytes of the base64 lines of the binary file `input` to the
    binary file `output`."""
    while True:
        line = input.readline()
        if not line:
            break
        output.write(binascii.a2b_base64(line))


def _input_type_check(s):
    try:
        m = memoryview(s)
    except TypeError as err:
        raise TypeError(f"expected bytes-like object, not {type(s).__name__}") from err
    if m.format not in ("c", "b", "B"):
        raise TypeError(f"expected single byte elements, not {m.format!r} "
                        f"from {type(s).__name__}")
    if m.ndim != 1:
        raise TypeError(f"expected 1-D, not {m.ndim}-D data from {type(s).__name__}")


def encodebytes(s):
    """`s` in base64 lines of at most 76 characters, each ending in a newline."""
    _input_type_check(s)
    pieces = []
    for i in range(0, len(s), MAXBINSIZE):
        pieces.append(binascii.b2a_base64(s[i:i + MAXBINSIZE]))
    return b"".join(pieces)


def decodebytes(s):
    """The bytes of base64 lines."""
    _input_type_check(s)
    return binascii.a2b_base64(s)
