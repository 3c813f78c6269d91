from ...shop import catalog
def charge(cart):
    return f"charged {cart.total()} (catalog {catalog.__name__})"
if __name__ == "__main__":
    print("never printed on import")
