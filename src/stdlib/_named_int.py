"""Named int constants standing in for IntEnum members while apy has no `enum`
module: `socket.AF_INET` is `<AddressFamily.AF_INET: 2>`, `signal.SIGINT` is
`<Signals.SIGINT: 2>`. Their str and format are the int's, as IntEnum's are in 3.11;
calling the class with a value gives the member with that value, or ValueError."""


class NamedInt(int):

    _by_value = {}

    def __new__(cls, value):
        member = cls._by_value.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        return member

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {int.__repr__(self)}>"

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(int(self), spec)

    def __reduce__(self):
        return type(self), (int(self),)

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return int(self)


def name_constants(cls, namespace, names):
    """Turns the int constants `names` of `namespace` into members of `cls`. Of names
    sharing a value, the alphabetically first names the member, as IntEnum's
    conversion does (`AF_ROUTE` is `<AddressFamily.AF_NETLINK: 16>`). Every name is
    also an attribute of the class (`Signals.SIGINT`)."""
    found = sorted((namespace[name], name) for name in names)
    members = {}
    for value, name in found:
        member = members.get(value)
        if member is None:
            member = int.__new__(cls, value)
            member._name_ = name
            members[value] = member
        namespace[name] = member
        setattr(cls, name, member)
    cls._by_value = members
