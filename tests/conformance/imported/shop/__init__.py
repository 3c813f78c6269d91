"""A package of three modules that import each other relatively."""
print("shop: init starts", __name__, __package__)
from . import catalog
from .cart import Cart
__all__ = ["Cart", "catalog", "VERSION"]
VERSION = "1.0"
_private = "hidden"
print("shop: init ends")
