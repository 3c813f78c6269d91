"""`secrets`: random numbers and tokens fit for security use (passwords, account
recovery URLs, session keys...).

CPython builds these on `random.SystemRandom`. apy's `random.Random` is native and
its `choice`/`randrange` do not go through a subclass's `getrandbits`, so a
SystemRandom cannot simply be derived from it; instead every function here draws
its bytes from `os.urandom` directly, with the same algorithms CPython's
SystemRandom uses (so the same errors for bad arguments): `randbits(k)` takes the
top k bits of ceil(k/8) random bytes, `randbelow(n)` draws `n.bit_length()` bits
until the value is below n, `choice(seq)` indexes with `randbelow(len(seq))`.

Not provided: `SystemRandom` itself, unless apy's `random` module has one (then it
is re-exported here, and listed in `__all__`).
"""

import os as _os

from hmac import compare_digest

__all__ = ["choice", "randbelow", "randbits", "token_bytes", "token_hex",
           "token_urlsafe", "compare_digest"]

try:
    from random import SystemRandom
except ImportError:
    pass
else:
    __all__.insert(3, "SystemRandom")

DEFAULT_ENTROPY = 32  # number of bytes to return by default

_SSIZE_MAX = (1 << 63) - 1


def _urandom(n):
    # os.urandom's own check, so a huge count fails the way CPython's does.
    if isinstance(n, int) and n > _SSIZE_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return _os.urandom(n)


def randbits(k):
    """A non-negative int with `k` random bits."""
    if k < 0:
        raise ValueError("number of bits must be non-negative")
    numbytes = (k + 7) // 8
    x = int.from_bytes(_urandom(numbytes), "big")
    return x >> (numbytes * 8 - k)


randbits.__qualname__ = "SystemRandom.getrandbits"


def _randbelow(n):
    k = n.bit_length()
    r = randbits(k)
    while r >= n:
        r = randbits(k)
    return r


def randbelow(exclusive_upper_bound):
    """A random int in the range [0, exclusive_upper_bound)."""
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")
    return _randbelow(exclusive_upper_bound)


def choice(seq):
    """A random element of the non-empty sequence `seq`."""
    if not len(seq):
        raise IndexError("Cannot choose from an empty sequence")
    return seq[_randbelow(len(seq))]


choice.__qualname__ = "Random.choice"


def token_bytes(nbytes=None):
    """A random bytes object of `nbytes` bytes (DEFAULT_ENTROPY if None)."""
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return _urandom(nbytes)


def token_hex(nbytes=None):
    """A random text string of hex digits, two per byte of entropy (`nbytes`,
    DEFAULT_ENTROPY if None)."""
    return token_bytes(nbytes).hex()


def token_urlsafe(nbytes=None):
    """A random URL-safe text string: `nbytes` random bytes (DEFAULT_ENTROPY if
    None) in unpadded URL-safe Base64, about 1.3 characters per byte."""
    import base64
    return base64.urlsafe_b64encode(token_bytes(nbytes)).rstrip(b"=").decode("ascii")
