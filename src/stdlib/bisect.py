"""`bisect`: binary search in a sorted sequence, and insertion that keeps it sorted.

CPython implements this module in C (`_bisect`); here it is plain Python with the same
signatures, the same comparisons in the same order (`a[mid] < x` for the left-hand
search, `x < a[mid]` for the right-hand one, so a user `__lt__` sees exactly the calls
it would see under CPython) and the C version's argument rules: `lo` and `hi` must be
integers, `lo` may not be negative, and `hi` of None or -1 means `len(a)`.

Not provided: nothing of the public API; the functions are Python functions, so their
repr and the wording of missing-argument errors differ from CPython's built-ins.
"""

def _bounds(a, lo, hi):
    """Checks `lo`/`hi` the way the C module does and returns them as ints."""
    if type(lo) is not int:
        if not hasattr(type(lo), "__index__"):
            raise TypeError(
                f"'{type(lo).__name__}' object cannot be interpreted as an integer"
            )
        lo = lo.__index__()
    if lo < 0:
        raise ValueError("lo must be non-negative")
    if hi is None:
        return lo, len(a)
    if type(hi) is not int:
        if not hasattr(type(hi), "__index__"):
            raise TypeError(
                f"argument should be integer or None, not '{type(hi).__name__}'"
            )
        hi = hi.__index__()
    # The C module uses -1 as its "not given" marker, so an explicit -1 means len(a).
    if hi == -1:
        hi = len(a)
    return lo, hi


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert `x` in the sorted `a` to keep it sorted, after any
    items equal to `x`: everything in a[lo:i] is <= x and everything in a[i:hi] is > x.
    `lo` and `hi` (default 0 and len(a)) limit the search; `key` is applied to the
    items of `a`, not to `x`.
    """
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < a[mid]:
                hi = mid
            else:
                lo = mid + 1
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < key(a[mid]):
                hi = mid
            else:
                lo = mid + 1
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert `x` in the sorted `a` to keep it sorted, before any
    items equal to `x`: everything in a[lo:i] is < x and everything in a[i:hi] is >= x.
    `lo` and `hi` (default 0 and len(a)) limit the search; `key` is applied to the
    items of `a`, not to `x`.
    """
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if a[mid] < x:
                lo = mid + 1
            else:
                hi = mid
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if key(a[mid]) < x:
                lo = mid + 1
            else:
                hi = mid
    return lo


def _insert(a, index, x):
    # Like the C module: a real list is inserted into directly, anything else through
    # its own `insert` method (so a subclass override is honoured).
    if type(a) is list:
        list.insert(a, index, x)
    else:
        a.insert(index, x)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Inserts `x` into the sorted `a`, after any items equal to it. With `key`,
    `key(x)` is what is searched for.
    """
    if key is None:
        index = bisect_right(a, x, lo, hi)
    else:
        index = bisect_right(a, key(x), lo, hi, key=key)
    _insert(a, index, x)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Inserts `x` into the sorted `a`, before any items equal to it. With `key`,
    `key(x)` is what is searched for.
    """
    if key is None:
        index = bisect_left(a, x, lo, hi)
    else:
        index = bisect_left(a, key(x), lo, hi, key=key)
    _insert(a, index, x)


bisect = bisect_right
insort = insort_right
