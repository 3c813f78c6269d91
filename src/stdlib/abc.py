"""`abc`: abstract base classes, as CPython's pure-Python `_py_abc` defines them.

A class whose metaclass is ABCMeta cannot be instantiated while it has abstract
methods, and other classes can be registered as its virtual subclasses.
"""


import _weakref


def abstractmethod(funcobj):
    """Marks a method abstract: classes with it (and no override) cannot be made."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    """Deprecated spelling of `@classmethod @abstractmethod` (apy cannot subclass
    classmethod yet, so this is a function)."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """Deprecated spelling of `@staticmethod @abstractmethod`."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def _is_abstract(value):
    return getattr(value, "__isabstractmethod__", False)


class ABCMeta(type):
    """The metaclass of abstract base classes."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {name for name, value in namespace.items() if _is_abstract(value)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", ()):
                if _is_abstract(getattr(cls, name, None)):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        # Each ABC's own registered classes, and its ABC subclasses (weakly): a class
        # registered with a derived ABC is a virtual subclass of its bases too, never
        # the other way round.
        cls._abc_registry = []
        cls._abc_subclasses = []
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(_weakref.ref(cls))
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = ", ".join(sorted(abstracts))
            plural = "s" if len(abstracts) > 1 else ""
            raise TypeError(
                f"Can't instantiate abstract class {cls.__name__} "
                f"with abstract method{plural} {names}"
            )
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Registers a virtual subclass; returns it, so it can decorate a class."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        # Caches keyed on the token (functools.singledispatch's) are now stale.
        global _abc_invalidation_counter
        _abc_invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in subclass.__mro__:
            return True
        hook = cls.__subclasshook__(subclass)
        if hook is not NotImplemented:
            return bool(hook)
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for ref in cls._abc_subclasses:
            derived = ref()
            if derived is not None and issubclass(subclass, derived):
                return True
        return False

    def __subclasshook__(cls, subclass):
        return NotImplemented


class ABC(metaclass=ABCMeta):
    """A helper class that has ABCMeta as its metaclass."""

    __slots__ = ()


def get_cache_token():
    """A value that changes whenever a class is registered with any ABC."""
    return _abc_invalidation_counter


_abc_invalidation_counter = 0


def update_abstractmethods(cls):
    """Recomputes an abstract class's abstract methods after it changed."""
    if not hasattr(cls, "__abstractmethods__"):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, "__abstractmethods__", ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls
