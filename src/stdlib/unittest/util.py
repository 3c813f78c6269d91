"""`unittest.util`: the small helpers the rest of `unittest` shares.

`safe_repr` and the `_common_shorten_repr` family build the text of assertion
messages: reprs longer than 80 characters are shortened around the place where
two values first differ, with a `[N chars]` placeholder, exactly as CPython's
messages read.

This module also keeps the record of which source files are `unittest`'s own.
CPython hides a traceback frame from failure reports when the frame's globals
hold `__unittest`; apy's traceback frames are snapshots with empty `f_globals`,
so each module of the package also registers its code file name here
(`_hide_frames`), and `TestResult` hides a frame when either test says it is
ours. The file name is whatever the compiler recorded: a path when the package
is loaded from disk, `<frozen unittest/case.py>` when it is frozen into apy.

Not provided: nothing of the 3.11 module.
"""

import sys
from collections import namedtuple, OrderedDict

__unittest = True

_MAX_LENGTH = 80
_PLACEHOLDER_LEN = 12
_MIN_BEGIN_LEN = 5
_MIN_END_LEN = 5
_MIN_COMMON_LEN = 5
# Room left for each differing tail when the common prefix is shortened too:
# the line then holds two placeholders.
_MIN_DIFF_LEN = _MAX_LENGTH - (_MIN_BEGIN_LEN + _PLACEHOLDER_LEN +
                               _MIN_COMMON_LEN + _PLACEHOLDER_LEN +
                               _MIN_END_LEN)
assert _MIN_DIFF_LEN >= 0

# Code file names of the package's modules (see the module docstring).
_HIDDEN_FILES = set()


def _hide_frames(frame):
    """Marks the module running `frame` (its module-level frame) as unittest's own,
    so that its frames are left out of failure reports."""
    _HIDDEN_FILES.add(frame.f_code.co_filename)


def _is_unittest_frame(frame):
    """Whether a traceback frame belongs to unittest's own machinery."""
    try:
        if '__unittest' in frame.f_globals:
            return True
    except Exception:
        pass
    return frame.f_code.co_filename in _HIDDEN_FILES


def _shorten(s, prefixlen, suffixlen):
    """`s` with its middle replaced by '[N chars]' when that saves enough room."""
    skip = len(s) - prefixlen - suffixlen
    if skip > _PLACEHOLDER_LEN:
        return '%s[%d chars]%s' % (s[:prefixlen], skip, s[len(s) - suffixlen:])
    return s


def _common_prefix(strings):
    """The longest common leading part of all of `strings`."""
    first = min(strings)
    last = max(strings)
    for i, ch in enumerate(first):
        if ch != last[i]:
            return first[:i]
    return first


def _common_shorten_repr(*args):
    """The safe reprs of `args`, shortened together so that the place where they
    start to differ stays visible."""
    reprs = tuple(map(safe_repr, args))
    longest = max(map(len, reprs))
    if longest <= _MAX_LENGTH:
        return reprs

    prefix = _common_prefix(reprs)
    prefixlen = len(prefix)

    room = _MAX_LENGTH - (longest - prefixlen + _MIN_BEGIN_LEN + _PLACEHOLDER_LEN)
    if room > _MIN_COMMON_LEN:
        # Only the shared beginning needs shortening: the differing tails fit.
        prefix = _shorten(prefix, _MIN_BEGIN_LEN, room)
        return tuple(prefix + r[prefixlen:] for r in reprs)

    prefix = _shorten(prefix, _MIN_BEGIN_LEN, _MIN_COMMON_LEN)
    return tuple(prefix + _shorten(r[prefixlen:], _MIN_DIFF_LEN, _MIN_END_LEN)
                 for r in reprs)


def safe_repr(obj, short=False):
    """repr(obj), falling back to object.__repr__ when the object's own repr fails;
    with `short`, cut to 80 characters plus ' [truncated]...'."""
    try:
        result = repr(obj)
    except Exception:
        result = object.__repr__(obj)
    if not short or len(result) < _MAX_LENGTH:
        return result
    return result[:_MAX_LENGTH] + ' [truncated]...'


def strclass(cls):
    """'module.QualifiedName' of a class, as test ids and reprs show it."""
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def sorted_list_difference(expected, actual):
    """Items only in `expected` and items only in `actual`, both lists sorted and
    duplicates collapsed: the two lists are walked side by side."""
    i = j = 0
    missing = []
    unexpected = []
    while True:
        try:
            e = expected[i]
            a = actual[j]
            if e < a:
                missing.append(e)
                i += 1
                while expected[i] == e:
                    i += 1
            elif e > a:
                unexpected.append(a)
                j += 1
                while actual[j] == a:
                    j += 1
            else:
                i += 1
                try:
                    while expected[i] == e:
                        i += 1
                finally:
                    j += 1
                    while actual[j] == a:
                        j += 1
        except IndexError:
            missing.extend(expected[i:])
            unexpected.extend(actual[j:])
            break
    return missing, unexpected


def unorderable_list_difference(expected, actual):
    """Like sorted_list_difference for items that cannot be ordered (quadratic).
    `expected` is emptied of what matched; the leftovers are returned."""
    missing = []
    while expected:
        item = expected.pop()
        try:
            actual.remove(item)
        except ValueError:
            missing.append(item)
    return missing, actual


def three_way_cmp(x, y):
    """-1, 0 or 1 as x is less than, equal to or greater than y (the old cmp())."""
    return (x > y) - (x < y)


_Mismatch = namedtuple('Mismatch', 'actual expected value')


def _count_diff_all_purpose(actual, expected):
    """(count in actual, count in expected, element) for each element whose counts
    differ; works for unhashable elements (by equality, quadratic)."""
    s, t = list(actual), list(expected)
    m, n = len(s), len(t)
    used = object()
    result = []
    for i, elem in enumerate(s):
        if elem is used:
            continue
        cnt_s = cnt_t = 0
        for j in range(i, m):
            if s[j] == elem:
                cnt_s += 1
                s[j] = used
        for j, other in enumerate(t):
            if other == elem:
                cnt_t += 1
                t[j] = used
        if cnt_s != cnt_t:
            result.append(_Mismatch(cnt_s, cnt_t, elem))

    for i, elem in enumerate(t):
        if elem is used:
            continue
        cnt_t = 0
        for j in range(i, n):
            if t[j] == elem:
                cnt_t += 1
                t[j] = used
        result.append(_Mismatch(0, cnt_t, elem))
    return result


def _ordered_count(iterable):
    """Counts of the elements, in order of first appearance."""
    counts = OrderedDict()
    for elem in iterable:
        counts[elem] = counts.get(elem, 0) + 1
    return counts


def _count_diff_hashable(actual, expected):
    """_count_diff_all_purpose for hashable elements (linear)."""
    s, t = _ordered_count(actual), _ordered_count(expected)
    result = []
    for elem, cnt_s in s.items():
        cnt_t = t.get(elem, 0)
        if cnt_s != cnt_t:
            result.append(_Mismatch(cnt_s, cnt_t, elem))
    for elem, cnt_t in t.items():
        if elem not in s:
            result.append(_Mismatch(0, cnt_t, elem))
    return result


_hide_frames(sys._getframe())
