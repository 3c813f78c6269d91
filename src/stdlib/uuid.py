"""`uuid`: universally unique identifiers (RFC 4122).

A UUID is an immutable 128-bit integer with views of it (`hex`, `bytes`,
`bytes_le`, `fields` and the individual fields, `urn`, `variant`, `version`);
every view is computed from `int` on demand, as CPython does, so a UUID holds
only `int` and `is_safe`. The constructor's checks, their order and their messages
(including the AssertionError CPython raises for non-bytes `bytes=`) are CPython's.

`uuid4()` takes its randomness from `os.urandom`. `uuid1()` is computed in Python
from `time.time_ns()`: CPython prefers libuuid's generator when the system has
one, which apy cannot call, so apy's version-1 UUIDs always report
`is_safe=SafeUUID.unknown`. `getnode()` reads the hardware address of the first
interface that is up (by interface index) from /sys/class/net, the interface
libuuid would pick, and falls back to a random multicast address as CPython does.

Not provided: `uuid3()` and `uuid5()` (they need `hashlib`, which apy lacks); the
platform-specific node getters (`_ifconfig_getnode` and the like).
"""

import os
from enum import Enum

RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE = [
    "reserved for NCS compatibility", "specified in RFC 4122",
    "reserved for Microsoft compatibility", "reserved for future definition"]

int_ = int          # the constructor's arguments shadow these names
bytes_ = bytes


class SafeUUID(Enum):
    safe = 0
    unsafe = -1
    unknown = None


class UUID:
    """An immutable 128-bit universally unique identifier (RFC 4122).

    Made from exactly one of: a hex string (hyphens, braces and a 'urn:uuid:'
    prefix optional), 16 big-endian `bytes`, 16 `bytes_le` (first three fields
    little-endian), six `fields` (32, 16, 16, 8, 8 and 48 bits) or an `int`.
    A `version` (1-5) overrides the variant and version bits. Every other
    attribute is a view of `int`."""

    __slots__ = ("int", "is_safe", "__weakref__")

    def __init__(self, hex=None, bytes=None, bytes_le=None, fields=None,
                 int=None, version=None,
                 *, is_safe=SafeUUID.unknown):
        """See the class documentation."""
        if [hex, bytes, bytes_le, fields, int].count(None) != 4:
            raise TypeError("one of the hex, bytes, bytes_le, fields, "
                            "or int arguments must be given")
        if hex is not None:
            hex = hex.replace("urn:", "").replace("uuid:", "")
            hex = hex.strip("{}").replace("-", "")
            if len(hex) != 32:
                raise ValueError("badly formed hexadecimal UUID string")
            int = int_(hex, 16)
        if bytes_le is not None:
            if len(bytes_le) != 16:
                raise ValueError("bytes_le is not a 16-char string")
            # The first three fields are stored little-endian.
            bytes = (bytes_le[4 - 1::-1] + bytes_le[6 - 1:4 - 1:-1] +
                     bytes_le[8 - 1:6 - 1:-1] + bytes_le[8:])
        if bytes is not None:
            if len(bytes) != 16:
                raise ValueError("bytes is not a 16-char string")
            if not isinstance(bytes, bytes_):
                raise AssertionError(repr(bytes))
            int = int_.from_bytes(bytes, "big")
        if fields is not None:
            if len(fields) != 6:
                raise ValueError("fields is not a 6-tuple")
            (time_low, time_mid, time_hi_version,
             clock_seq_hi_variant, clock_seq_low, node) = fields
            if not 0 <= time_low < 1 << 32:
                raise ValueError("field 1 out of range (need a 32-bit value)")
            if not 0 <= time_mid < 1 << 16:
                raise ValueError("field 2 out of range (need a 16-bit value)")
            if not 0 <= time_hi_version < 1 << 16:
                raise ValueError("field 3 out of range (need a 16-bit value)")
            if not 0 <= clock_seq_hi_variant < 1 << 8:
                raise ValueError("field 4 out of range (need an 8-bit value)")
            if not 0 <= clock_seq_low < 1 << 8:
                raise ValueError("field 5 out of range (need an 8-bit value)")
            if not 0 <= node < 1 << 48:
                raise ValueError("field 6 out of range (need a 48-bit value)")
            clock_seq = (clock_seq_hi_variant << 8) | clock_seq_low
            int = ((time_low << 96) | (time_mid << 80) |
                   (time_hi_version << 64) | (clock_seq << 48) | node)
        if int is not None:
            if not 0 <= int < 1 << 128:
                raise ValueError("int is out of range (need a 128-bit value)")
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError("illegal version number")
            # Set the variant to RFC 4122, then the version number.
            int &= ~(0xc000 << 48)
            int |= 0x8000 << 48
            int &= ~(0xf000 << 64)
            int |= version << 76
        object.__setattr__(self, "int", int)
        object.__setattr__(self, "is_safe", is_safe)

    def __getstate__(self):
        d = {"int": self.int}
        if self.is_safe != SafeUUID.unknown:
            # is_safe is a SafeUUID instance; its plain value pickles portably.
            d["is_safe"] = self.is_safe.value
        return d

    def __setstate__(self, state):
        object.__setattr__(self, "int", state["int"])
        object.__setattr__(self, "is_safe",
                           SafeUUID(state["is_safe"])
                           if "is_safe" in state else SafeUUID.unknown)

    def __reduce__(self):
        return (_rebuild, (self.__class__, self.__getstate__()))

    def __eq__(self, other):
        if isinstance(other, UUID):
            return self.int == other.int
        return NotImplemented

    # UUIDs order by their integer value.

    def __lt__(self, other):
        if isinstance(other, UUID):
            return self.int < other.int
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, UUID):
            return self.int > other.int
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, UUID):
            return self.int <= other.int
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, UUID):
            return self.int >= other.int
        return NotImplemented

    def __hash__(self):
        return hash(self.int)

    def __int__(self):
        return self.int

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, str(self))

    def __setattr__(self, name, value):
        raise TypeError("UUID objects are immutable")

    def __str__(self):
        hex = "%032x" % self.int
        return "%s-%s-%s-%s-%s" % (
            hex[:8], hex[8:12], hex[12:16], hex[16:20], hex[20:])

    @property
    def bytes(self):
        return self.int.to_bytes(16, "big")

    @property
    def bytes_le(self):
        bytes = self.bytes
        return (bytes[4 - 1::-1] + bytes[6 - 1:4 - 1:-1] + bytes[8 - 1:6 - 1:-1] +
                bytes[8:])

    @property
    def fields(self):
        return (self.time_low, self.time_mid, self.time_hi_version,
                self.clock_seq_hi_variant, self.clock_seq_low, self.node)

    @property
    def time_low(self):
        return self.int >> 96

    @property
    def time_mid(self):
        return (self.int >> 80) & 0xffff

    @property
    def time_hi_version(self):
        return (self.int >> 64) & 0xffff

    @property
    def clock_seq_hi_variant(self):
        return (self.int >> 56) & 0xff

    @property
    def clock_seq_low(self):
        return (self.int >> 48) & 0xff

    @property
    def time(self):
        return (((self.time_hi_version & 0x0fff) << 48) |
                (self.time_mid << 32) | self.time_low)

    @property
    def clock_seq(self):
        return (((self.clock_seq_hi_variant & 0x3f) << 8) |
                self.clock_seq_low)

    @property
    def node(self):
        return self.int & 0xffffffffffff

    @property
    def hex(self):
        return "%032x" % self.int

    @property
    def urn(self):
        return "urn:uuid:" + str(self)

    @property
    def variant(self):
        if not self.int & (0x8000 << 48):
            return RESERVED_NCS
        elif not self.int & (0x4000 << 48):
            return RFC_4122
        elif not self.int & (0x2000 << 48):
            return RESERVED_MICROSOFT
        else:
            return RESERVED_FUTURE

    @property
    def version(self):
        # The version bits are only meaningful for RFC 4122 UUIDs.
        if self.variant == RFC_4122:
            return int((self.int >> 76) & 0xf)


def _rebuild(cls, state):
    self = object.__new__(cls)
    self.__setstate__(state)
    return self


# ---------------------------------------------------------------- node and uuid1

_node = None
_last_timestamp = None


def _read_text(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def _sysfs_getnode():
    """The hardware address of the first interface (by index) that is up and not
    a loopback, as libuuid finds it; None when there is none."""
    try:
        names = os.listdir("/sys/class/net")
    except OSError:
        return None
    candidates = []
    for name in names:
        base = "/sys/class/net/" + name
        address = _read_text(base + "/address")
        flags = _read_text(base + "/flags")
        index = _read_text(base + "/ifindex")
        if not address or not flags or not index:
            continue
        try:
            mac = int_(address.replace(":", ""), 16)
            flags = int_(flags, 16)
            index = int_(index)
        except ValueError:
            continue
        if mac and mac < 1 << 48 and flags & 0x1 and not flags & 0x8:
            candidates.append((index, mac))
    if not candidates:
        return None
    return min(candidates)[1]


def _random_getnode():
    """A random 48-bit node number with the multicast bit set."""
    # A random 48-bit number with its multicast bit set, as RFC 4122 section
    # 4.1.6 recommends, so it cannot collide with a real hardware address.
    import random
    return random.getrandbits(48) | (1 << 40)


def getnode():
    """The 48-bit hardware address of this machine (random when none is found),
    computed once."""
    global _node
    if _node is not None:
        return _node
    node = _sysfs_getnode()
    if node is None:
        node = _random_getnode()
    _node = node
    return _node


def uuid1(node=None, clock_seq=None):
    """A version-1 UUID from the current time, a clock sequence (random unless
    given) and the node (getnode() unless given)."""
    global _last_timestamp
    import time
    nanoseconds = time.time_ns()
    # Version-1 time counts 100-nanosecond ticks since the Gregorian reform
    # (1582-10-15), 0x01b21dd213814000 ticks before the Unix epoch.
    timestamp = nanoseconds // 100 + 0x01b21dd213814000
    if _last_timestamp is not None and timestamp <= _last_timestamp:
        timestamp = _last_timestamp + 1
    _last_timestamp = timestamp
    if clock_seq is None:
        import random
        # No state survives between runs, so the sequence starts at random.
        clock_seq = random.getrandbits(14)
    time_low = timestamp & 0xffffffff
    time_mid = (timestamp >> 32) & 0xffff
    time_hi_version = (timestamp >> 48) & 0x0fff
    clock_seq_low = clock_seq & 0xff
    clock_seq_hi_variant = (clock_seq >> 8) & 0x3f
    if node is None:
        node = getnode()
    return UUID(fields=(time_low, time_mid, time_hi_version,
                        clock_seq_hi_variant, clock_seq_low, node), version=1)


def uuid4():
    """A random version-4 UUID."""
    return UUID(bytes=os.urandom(16), version=4)


# The name-space UUIDs of RFC 4122 (for name-based UUIDs).

NAMESPACE_DNS = UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_URL = UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_OID = UUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_X500 = UUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8")
