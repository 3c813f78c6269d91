"""`hmac`: keyed-hash message authentication codes (RFC 2104).

CPython hands string digest names to OpenSSL's HMAC when it can and otherwise builds
the two nested hashes itself; apy has no OpenSSL, so this module always builds them
from `hashlib` objects: the inner hash sees the padded key XOR 0x36 and then the
message, the outer one the key XOR 0x5C and then the inner digest. The results,
attributes and error messages are those of CPython 3.11.

`hashlib` is imported on first use, so `compare_digest` (which `secrets` re-exports)
works without it. `compare_digest` is written here in Python; it looks at every byte
of the second argument whatever the contents, as CPython's C version does.

Not provided: the OpenSSL-backed internals (`_hashopenssl`, `_functype`, the
`_hmac` slot is always None); `compare_digest` accepts bytes, bytearray, memoryview
and `array.array` as bytes-like objects (no other buffer types).
"""

trans_5C = bytes((x ^ 0x5C) for x in range(256))
trans_36 = bytes((x ^ 0x36) for x in range(256))

# Kept for compatibility (PEP 247 asks for it); the real size is per instance.
digest_size = None


def _digest_constructor(digestmod):
    """A callable `f(data=b'')` giving a new hash object, from any of the three
    accepted spellings of a digest: a constructor, a name, or a module with `new`."""
    if callable(digestmod):
        return digestmod
    if isinstance(digestmod, str):
        import hashlib
        return lambda d=b"": hashlib.new(digestmod, d)
    return lambda d=b"": digestmod.new(d)


class HMAC:
    """A running HMAC computation, with the hash-object API of PEP 247 (update,
    copy, digest, hexdigest, name, digest_size, block_size)."""

    blocksize = 64  # 512-bit HMAC; can be changed in subclasses.

    __slots__ = ("_hmac", "_inner", "_outer", "block_size", "digest_size")

    def __init__(self, key, msg=None, digestmod=""):
        """`key` is bytes or bytearray; `msg`, if not None, is hashed at once;
        `digestmod` (required) names the hash: a `hashlib.new` name, a hashlib
        constructor, or a module with a `new` function."""
        if not isinstance(key, (bytes, bytearray)):
            raise TypeError("key: expected bytes or bytearray, but got "
                            f"{type(key).__name__!r}")
        if not digestmod:
            raise TypeError("Missing required parameter 'digestmod'.")
        self._hmac = None
        digest_cons = _digest_constructor(digestmod)
        self._outer = digest_cons()
        self._inner = digest_cons()
        self.digest_size = self._inner.digest_size
        if hasattr(self._inner, "block_size"):
            blocksize = self._inner.block_size
            if blocksize < 16:
                # Warned at stack level 1: CPython's warning also points into hmac.
                import warnings
                warnings.warn(f"block_size of {blocksize} seems too small; using our "
                              f"default of {self.blocksize}.", RuntimeWarning, 1)
                blocksize = self.blocksize
        else:
            import warnings
            warnings.warn("No block_size attribute on given digest object; Assuming "
                          f"{self.blocksize}.", RuntimeWarning, 1)
            blocksize = self.blocksize
        if len(key) > blocksize:
            key = digest_cons(key).digest()
        # The block size is kept for introspection (PEP 247).
        self.block_size = blocksize
        key = bytes(key) + bytes(blocksize - len(key))
        self._outer.update(key.translate(trans_5C))
        self._inner.update(key.translate(trans_36))
        if msg is not None:
            self.update(msg)

    @property
    def name(self):
        return "hmac-" + self._inner.name

    def update(self, msg):
        """Add the bytes-like `msg` to the authenticated message."""
        self._inner.update(msg)

    def copy(self):
        """An independent HMAC object in the same state."""
        cls = self.__class__
        other = cls.__new__(cls)
        other.digest_size = self.digest_size
        other.block_size = self.block_size
        other._hmac = None
        other._inner = self._inner.copy()
        other._outer = self._outer.copy()
        return other

    def _current(self):
        """The outer hash, finished with the inner digest so far (on a copy)."""
        h = self._outer.copy()
        h.update(self._inner.digest())
        return h

    def digest(self):
        """The MAC of the message so far, as bytes; updating may continue."""
        return self._current().digest()

    def hexdigest(self):
        """The MAC of the message so far, as a string of hex digits."""
        return self._current().hexdigest()


def new(key, msg=None, digestmod=""):
    """A new HMAC object: the same as `HMAC(key, msg, digestmod)`."""
    return HMAC(key, msg, digestmod)


def _bytes_like(obj):
    """`obj` as bytes if it is a bytes-like object apy knows, else None."""
    if isinstance(obj, bytes):
        return obj
    if isinstance(obj, (bytearray, memoryview)):
        return bytes(obj)
    import sys
    array_module = sys.modules.get("array")
    if array_module is not None and isinstance(obj, array_module.array):
        return obj.tobytes()
    return None


def _require_bytes(obj):
    data = _bytes_like(obj)
    if data is None:
        raise TypeError(f"a bytes-like object is required, not '{type(obj).__name__}'")
    return data


def digest(key, msg, digest):
    """The HMAC of `msg` under `key` in one call, as bytes; `digest` is given as
    for `HMAC`'s digestmod."""
    if isinstance(digest, str) or type(digest).__name__ == "builtin_function_or_method":
        # CPython hands these to OpenSSL, whose argument parsing wants buffers.
        key = _require_bytes(key)
        msg = _require_bytes(msg)
    digest_cons = _digest_constructor(digest)
    inner = digest_cons()
    outer = digest_cons()
    blocksize = getattr(inner, "block_size", 64)
    if len(key) > blocksize:
        key = digest_cons(key).digest()
    key = key + b"\x00" * (blocksize - len(key))
    inner.update(key.translate(trans_36))
    outer.update(key.translate(trans_5C))
    inner.update(msg)
    outer.update(inner.digest())
    return outer.digest()


def compare_digest(*args, **kwargs):
    """Whether `a == b`, taking a time that does not depend on where they differ.

    Both must be ASCII-only str, or both bytes-like objects.
    """
    if kwargs:
        raise TypeError("_hashlib.compare_digest() takes no keyword arguments")
    if len(args) != 2:
        raise TypeError(f"compare_digest expected 2 arguments, got {len(args)}")
    a, b = args
    if isinstance(a, str) and isinstance(b, str):
        if not (a.isascii() and b.isascii()):
            raise TypeError("comparing strings with non-ASCII characters is not supported")
        left, right = a.encode("ascii"), b.encode("ascii")
    else:
        left, right = _bytes_like(a), _bytes_like(b)
        if left is None and right is None:
            raise TypeError("unsupported operand types(s) or combination of types: "
                            f"'{type(a).__name__}' and '{type(b).__name__}'")
        left = _require_bytes(a) if left is None else left
        right = _require_bytes(b) if right is None else right
    # Walk all of `right` whatever the contents, so the time taken depends only on
    # its length.
    result = 0 if len(left) == len(right) else 1
    if result:
        left = right
    for x, y in zip(left, right):
        result |= x ^ y
    return result == 0
