from ..cart import Cart
from .. import VERSION as SHOP_VERSION
from .card import charge
