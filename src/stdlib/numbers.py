"""`numbers`: the numeric tower of abstract base classes (PEP 3141).

Number > Complex > Real > Rational > Integral. Each ABC lists the operations a
concrete class must supply (its abstract methods, the same sets as CPython's)
and derives the rest from them. The builtins are registered as CPython does:
complex as Complex, float as Real and int as Integral (bool follows as a
subclass of int). fractions.Fraction registers itself as Rational in CPython;
apy's fractions module does not do so yet.

`real`, `imag`, `numerator` and `denominator` are abstract properties. apy's
`property` does not report `__isabstractmethod__` (and cannot be subclassed),
so while that is so those four are made with `_abstract_property`, a small
property-like descriptor that does; on an interpreter whose property
supports it they are plain properties, as in CPython.

Not provided: registration of `complex` (apy has no complex type yet), and
Fraction's registration as Rational (it belongs in fractions.py).
"""

from abc import ABCMeta, abstractmethod

__all__ = ["Number", "Complex", "Real", "Rational", "Integral"]


class _AbstractProperty:
    """Stands in for property(abstractmethod(f)) where property cannot say
    it is abstract."""

    __isabstractmethod__ = True

    def __init__(self, fget):
        self.fget = fget
        self.fset = None
        self.fdel = None
        self.__doc__ = fget.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self.fget(instance)

    def __set__(self, instance, value):
        raise AttributeError("property %r of %r object has no setter"
                             % (self.fget.__name__, type(instance).__name__))

    def __delete__(self, instance):
        raise AttributeError("property %r of %r object has no deleter"
                             % (self.fget.__name__, type(instance).__name__))


def _abstract_property(fget):
    prop = property(abstractmethod(fget))
    if getattr(prop, "__isabstractmethod__", False):
        return prop
    return _AbstractProperty(abstractmethod(fget))


class Number(metaclass=ABCMeta):
    """The root of the numeric tower: isinstance(x, Number) tells whether x is
    a number of any kind."""

    __slots__ = ()

    # Numbers of different types that compare equal must hash equal; an
    # abstract class cannot promise that, so it is unhashable.
    __hash__ = None


class Complex(Number):
    """Numbers with the operations of the builtin complex type: conversion to
    complex, .real, .imag, + - * / **, abs(), .conjugate(), == and !=."""

    __slots__ = ()

    @abstractmethod
    def __complex__(self):
        """Return a builtin complex instance."""

    def __bool__(self):
        """True when self != 0."""
        return self != 0

    @_abstract_property
    def real(self):
        """The real component of this number."""
        raise NotImplementedError

    @_abstract_property
    def imag(self):
        """The imaginary component of this number."""
        raise NotImplementedError

    @abstractmethod
    def __add__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __radd__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __neg__(self):
        raise NotImplementedError

    @abstractmethod
    def __pos__(self):
        raise NotImplementedError

    def __sub__(self, other):
        return self + -other

    def __rsub__(self, other):
        return -self + other

    @abstractmethod
    def __mul__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rmul__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __truediv__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rtruediv__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __pow__(self, exponent):
        raise NotImplementedError

    @abstractmethod
    def __rpow__(self, base):
        raise NotImplementedError

    @abstractmethod
    def __abs__(self):
        """The magnitude (a Real)."""
        raise NotImplementedError

    @abstractmethod
    def conjugate(self):
        """The complex conjugate: (x+y*i).conjugate() is x-y*i."""
        raise NotImplementedError

    @abstractmethod
    def __eq__(self, other):
        raise NotImplementedError


try:
    Complex.register(complex)
except NameError:
    # apy has no complex type yet.
    pass


class Real(Complex):
    """Complex plus the operations of real numbers: float(), trunc(), floor(),
    ceil(), round(), divmod, //, %, < and <=. The complex parts are derived."""

    __slots__ = ()

    @abstractmethod
    def __float__(self):
        """Any Real can be converted to a builtin float."""
        raise NotImplementedError

    @abstractmethod
    def __trunc__(self):
        """The Integral closest to self, between 0 and self."""
        raise NotImplementedError

    @abstractmethod
    def __floor__(self):
        """The largest Integral <= self."""
        raise NotImplementedError

    @abstractmethod
    def __ceil__(self):
        """The smallest Integral >= self."""
        raise NotImplementedError

    @abstractmethod
    def __round__(self, ndigits=None):
        """Round to an Integral (ndigits None) or to a Real with ndigits
        decimal places, halves to even."""
        raise NotImplementedError

    def __divmod__(self, other):
        return (self // other, self % other)

    def __rdivmod__(self, other):
        return (other // self, other % self)

    @abstractmethod
    def __floordiv__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rfloordiv__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __mod__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rmod__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __lt__(self, other):
        """Real numbers are totally ordered."""
        raise NotImplementedError

    @abstractmethod
    def __le__(self, other):
        raise NotImplementedError

    def __complex__(self):
        return complex(float(self))

    @property
    def real(self):
        """A real number is its own real part."""
        return +self

    @property
    def imag(self):
        """A real number has no imaginary part."""
        return 0

    def conjugate(self):
        """A real number is its own conjugate."""
        return +self


Real.register(float)


class Rational(Real):
    """Real numbers with .numerator and .denominator, in lowest terms."""

    __slots__ = ()

    @_abstract_property
    def numerator(self):
        raise NotImplementedError

    @_abstract_property
    def denominator(self):
        raise NotImplementedError

    def __float__(self):
        # int() first so that subclasses whose parts are not ints still work.
        return int(self.numerator) / int(self.denominator)


class Integral(Rational):
    """Rational numbers with int(), pow() with a modulus and the bit
    operations << >> & ^ | ~."""

    __slots__ = ()

    @abstractmethod
    def __int__(self):
        raise NotImplementedError

    def __index__(self):
        """Lets an Integral be used as a sequence index."""
        return int(self)

    @abstractmethod
    def __pow__(self, exponent, modulus=None):
        """self ** exponent % modulus, computed without the huge power when a
        modulus is given."""
        raise NotImplementedError

    @abstractmethod
    def __lshift__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rlshift__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rshift__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rrshift__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __and__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rand__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __xor__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __rxor__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __or__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __ror__(self, other):
        raise NotImplementedError

    @abstractmethod
    def __invert__(self):
        raise NotImplementedError

    def __float__(self):
        return float(int(self))

    @property
    def numerator(self):
        """An integer is its own numerator."""
        return +self

    @property
    def denominator(self):
        """An integer's denominator is 1."""
        return 1


Integral.register(int)
