"""`fnmatch`: shell-style wildcards (`*`, `?`, `[seq]`, `[!seq]`) matched against names.

Matching is done directly (no regular expressions): a pattern is split into tokens
once, and a name is matched against them with backtracking only at the last `*`, which
keeps it linear in practice."""

import os
import posixpath

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

_cache = {}


def _compile(pat):
    """The pattern as tokens: ('*',), ('?',), ('set', chars, negated) or ('lit', c)."""
    tokens = _cache.get(pat)
    if tokens is not None:
        return tokens
    tokens = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not tokens or tokens[-1] != ("*",):
                tokens.append(("*",))
        elif c == "?":
            tokens.append(("?",))
        elif c == "[":
            j = i
            if j < n and pat[j] == "!":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                j += 1
            if j >= n:
                tokens.append(("lit", "["))
                continue
            body = pat[i:j]
            i = j + 1
            negated = body.startswith("!")
            if negated:
                body = body[1:]
            ranges = []
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == "-":
                    ranges.append((body[k], body[k + 2]))
                    k += 3
                else:
                    ranges.append((body[k], body[k]))
                    k += 1
            tokens.append(("set", tuple(ranges), negated))
        else:
            tokens.append(("lit", c))
    tokens = tuple(tokens)
    if len(_cache) < 256:
        _cache[pat] = tokens
    return tokens


def _one(token, c):
    kind = token[0]
    if kind == "?":
        return True
    if kind == "lit":
        return token[1] == c
    inside = any(lo <= c <= hi for lo, hi in token[1])
    return inside != token[2]


def _match(tokens, name):
    t = s = 0
    star_t = star_s = -1
    while s < len(name):
        if t < len(tokens) and tokens[t][0] == "*":
            star_t, star_s = t, s
            t += 1
        elif t < len(tokens) and _one(tokens[t], name[s]):
            t += 1
            s += 1
        elif star_t >= 0:
            star_s += 1
            s = star_s
            t = star_t + 1
        else:
            return False
    while t < len(tokens) and tokens[t][0] == "*":
        t += 1
    return t == len(tokens)


def fnmatchcase(name, pat):
    """Whether `name` matches `pat`, case-sensitively."""
    return _match(_compile(pat), name)


def fnmatch(name, pat):
    """Whether `name` matches `pat` (case as the file system compares it)."""
    name = os.path.normcase(name) if hasattr(os.path, "normcase") else name
    pat = os.path.normcase(pat) if hasattr(os.path, "normcase") else pat
    return fnmatchcase(name, pat)


def filter(names, pat):
    """The names of `names` that match `pat`."""
    tokens = _compile(pat)
    return [name for name in names if _match(tokens, name)]


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def _escape(s):
    return "".join("\\" + c if c in _SPECIAL else c for c in s)


def translate(pat):
    """The regular expression `pat` stands for, as `re` would take it."""
    out = []
    for token in _compile(pat):
        kind = token[0]
        if kind == "*":
            out.append(".*")
        elif kind == "?":
            out.append(".")
        elif kind == "lit":
            out.append(_escape(token[1]))
        else:
            body = "".join(lo if lo == hi else f"{lo}-{hi}" for lo, hi in token[1])
            body = body.replace("\\", "\\\\")
            out.append(f"[{'^' if token[2] else ''}{body}]")
    return f"(?s:{''.join(out)})\\Z"
