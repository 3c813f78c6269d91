print("catalog: starts", __name__, __package__)
from . import cart  # circular: cart imports catalog back
PRICES = {"apple": 3, "pear": 5}
def price(item):
    return PRICES[item]
print("catalog: ends, cart has Cart:", hasattr(cart, "Cart"))
