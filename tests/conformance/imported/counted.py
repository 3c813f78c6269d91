# Imported by x_importlib_specs: counts how many times its code ran.
runs = globals().get("runs", 0) + 1
print("counted: running, time", runs)


def hello(who="world"):
    return f"hello, {who}"


if __name__ == "__main__":
    print("counted: run as __main__")
