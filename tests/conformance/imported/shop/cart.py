print("cart: starts", __name__)
from . import catalog  # partially initialised here: no PRICES yet
print("cart: catalog has PRICES:", hasattr(catalog, "PRICES"))
try:
    from .catalog import price
except ImportError as e:
    print("cart: ImportError:", str(e).split(" (")[0])
class Cart:
    def __init__(self):
        self.items = []
    def add(self, item):
        self.items.append(item)
        return self
    def total(self):
        return sum(catalog.price(i) for i in self.items)
print("cart: ends")
