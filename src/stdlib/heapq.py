"""`heapq`: the heap queue algorithm (a min-heap kept in a plain list).

Programs print their heaps, so the layout of the list after every operation must be
CPython's. CPython's C accelerator and its pure-Python fallback agree on one layout: a
pop or replace first walks the hole at the root down to a leaf, always taking the
smaller child (the right one on ties), and only then sifts the new item back up. That
is what `_siftup` below does; doing the more obvious "sift down until in place" gives
valid heaps with different layouts. Comparisons are only ever `<`, in the same order
as CPython, so user `__lt__` methods see the same calls.

`nsmallest`, `nlargest` and `merge` keep a small heap of decorated entries whose
second field is an arrival counter: that makes them stable (equal items come out in
input order) and means the items themselves are compared only when they differ.

Not provided: `__about__` (the essay in CPython's module); the functions are Python
functions, so their repr and missing-argument errors differ from CPython's built-ins.
"""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge",
           "nlargest", "nsmallest", "heappushpop"]


def _check_list(heap, fname, argument="argument 1"):
    if not isinstance(heap, list):
        raise TypeError(f"{fname}() {argument} must be list, not {type(heap).__name__}")


def _changed():
    return RuntimeError("list changed size during iteration")


def _siftdown(heap, startpos, pos):
    """Moves heap[pos] up towards startpos while it is smaller than its parent."""
    size = len(heap)
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        smaller = newitem < parent
        if size != len(heap):
            raise _changed()
        if not smaller:
            break
        heap[pos] = parent
        pos = parentpos
    heap[pos] = newitem


def _siftup(heap, pos):
    """Restores the heap below `pos`: the hole goes down to a leaf first (see module doc)."""
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    limit = endpos >> 1
    while pos < limit:
        childpos = 2 * pos + 1
        if childpos + 1 < endpos:
            if not heap[childpos] < heap[childpos + 1]:
                childpos += 1
            if endpos != len(heap):
                raise _changed()
        heap[pos] = heap[childpos]
        pos = childpos
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def _siftdown_max(heap, startpos, pos):
    """The max-heap twin of `_siftdown`."""
    size = len(heap)
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        larger = parent < newitem
        if size != len(heap):
            raise _changed()
        if not larger:
            break
        heap[pos] = parent
        pos = parentpos
    heap[pos] = newitem


def _siftup_max(heap, pos):
    """The max-heap twin of `_siftup`."""
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    limit = endpos >> 1
    while pos < limit:
        childpos = 2 * pos + 1
        if childpos + 1 < endpos:
            if not heap[childpos + 1] < heap[childpos]:
                childpos += 1
            if endpos != len(heap):
                raise _changed()
        heap[pos] = heap[childpos]
        pos = childpos
    heap[pos] = newitem
    _siftdown_max(heap, startpos, pos)


def heappush(heap, item, /):
    """Adds `item` to the heap."""
    _check_list(heap, "heappush")
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap, /):
    """Removes and returns the smallest item; IndexError if the heap is empty."""
    _check_list(heap, "heappop", "argument")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    smallest = heap[0]
    heap[0] = last
    _siftup(heap, 0)
    return smallest


def heapreplace(heap, item, /):
    """Pops the smallest item and pushes `item`, in one step (faster than a pop
    then a push). The heap keeps its size, and the item returned may be larger
    than `item`; see heappushpop for the other order.
    """
    _check_list(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return smallest


def heappushpop(heap, item, /):
    """Pushes `item` and then pops the smallest item, in one step: if `item`
    is not larger than the heap's smallest, it comes straight back.
    """
    _check_list(heap, "heappushpop")
    if not heap:
        return item
    if not heap[0] < item:
        return item
    # The comparison ran user code, which may have emptied the list.
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return smallest


def heapify(heap, /):
    """Rearranges the list into a heap, in place, in linear time."""
    _check_list(heap, "heapify", "argument")
    for i in range(len(heap) // 2 - 1, -1, -1):
        _siftup(heap, i)


def _heapify_max(heap, /):
    """heapify for a max-heap."""
    _check_list(heap, "_heapify_max", "argument")
    for i in range(len(heap) // 2 - 1, -1, -1):
        _siftup_max(heap, i)


def _heappop_max(heap, /):
    """heappop for a max-heap."""
    _check_list(heap, "_heappop_max", "argument")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    largest = heap[0]
    heap[0] = last
    _siftup_max(heap, 0)
    return largest


def _heapreplace_max(heap, item, /):
    """heapreplace for a max-heap."""
    _check_list(heap, "_heapreplace_max")
    if not heap:
        raise IndexError("index out of range")
    largest = heap[0]
    heap[0] = item
    _siftup_max(heap, 0)
    return largest


def merge(*iterables, key=None, reverse=False):
    """Merges inputs that are each already sorted into one sorted iterator,
    reading them lazily. `key` and `reverse` mean what they mean for `sorted`
    (with reverse=True each input must be sorted largest first). Equal items
    come out in input order.
    """
    # Each entry is a list [sort value, tie-breaker, iterator] (plus the item itself
    # when a key is used); it is updated in place and re-sifted as its input advances.
    # For a reverse merge the tie-breakers are negated so a max-heap still prefers the
    # earlier input.
    if reverse:
        make_heap, pop, replace, sign = _heapify_max, _heappop_max, _heapreplace_max, -1
    else:
        make_heap, pop, replace, sign = heapify, heappop, heapreplace, 1
    entries = []
    for order, iterable in enumerate(iterables):
        it = iter(iterable)
        for first in it:
            if key is None:
                entries.append([first, order * sign, it])
            else:
                entries.append([key(first), order * sign, first, it])
            break
    make_heap(entries)
    if key is None:
        while len(entries) > 1:
            top = entries[0]
            yield top[0]
            for value in top[2]:
                top[0] = value
                replace(entries, top)
                break
            else:
                pop(entries)
        if entries:
            top = entries[0]
            yield top[0]
            yield from top[2]
        return
    while len(entries) > 1:
        top = entries[0]
        yield top[2]
        for value in top[3]:
            top[0] = key(value)
            top[2] = value
            replace(entries, top)
            break
        else:
            pop(entries)
    if entries:
        top = entries[0]
        yield top[2]
        yield from top[3]


_MISSING = object()


def nsmallest(n, iterable, key=None):
    """The `n` smallest items, smallest first: sorted(iterable, key=key)[:n]."""
    if n == 1:
        if key is None:
            best = min(iter(iterable), default=_MISSING)
        else:
            best = min(iter(iterable), default=_MISSING, key=key)
        return [] if best is _MISSING else [best]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]
    # A max-heap of the n best so far; its root is the one to evict next.
    it = iter(iterable)
    if key is None:
        kept = [(item, i) for i, item in zip(range(n), it)]
        if not kept:
            return kept
        _heapify_max(kept)
        worst = kept[0][0]
        order = n
        for item in it:
            if item < worst:
                _heapreplace_max(kept, (item, order))
                worst = kept[0][0]
                order += 1
        kept.sort()
        return [entry[0] for entry in kept]
    kept = [(key(item), i, item) for i, item in zip(range(n), it)]
    if not kept:
        return kept
    _heapify_max(kept)
    worst = kept[0][0]
    order = n
    for item in it:
        k = key(item)
        if k < worst:
            _heapreplace_max(kept, (k, order, item))
            worst = kept[0][0]
            order += 1
    kept.sort()
    return [entry[2] for entry in kept]


def nlargest(n, iterable, key=None):
    """The `n` largest items, largest first:
    sorted(iterable, key=key, reverse=True)[:n]."""
    if n == 1:
        if key is None:
            best = max(iter(iterable), default=_MISSING)
        else:
            best = max(iter(iterable), default=_MISSING, key=key)
        return [] if best is _MISSING else [best]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]
    # A min-heap of the n best so far; counters run downwards so that, sorted in
    # reverse, earlier items still come first among equals.
    it = iter(iterable)
    if key is None:
        kept = [(item, i) for i, item in zip(range(0, -n, -1), it)]
        if not kept:
            return kept
        heapify(kept)
        worst = kept[0][0]
        order = -n
        for item in it:
            if worst < item:
                heapreplace(kept, (item, order))
                worst = kept[0][0]
                order -= 1
        kept.sort(reverse=True)
        return [entry[0] for entry in kept]
    kept = [(key(item), i, item) for i, item in zip(range(0, -n, -1), it)]
    if not kept:
        return kept
    heapify(kept)
    worst = kept[0][0]
    order = -n
    for item in it:
        k = key(item)
        if worst < k:
            heapreplace(kept, (k, order, item))
            worst = kept[0][0]
            order -= 1
    kept.sort(reverse=True)
    return [entry[2] for entry in kept]
