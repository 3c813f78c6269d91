"""`warnings`: issue warning messages and control what happens to them.

CPython implements the machinery in C (`_warnings`) and keeps a pure-Python copy
for reference; apy has only this module, written to behave like the C version,
since that is the one CPython programs actually meet:

- The default filter list is the one a release build of CPython 3.11 starts
  with when given no `-W` options: DeprecationWarning is shown only when the
  warning is attributed to `__main__`; PendingDeprecationWarning, ImportWarning
  and ResourceWarning are ignored; everything else gets the "default" action.
  The `'__main__'` entry is a plain string, which (like in C) must equal the
  module name exactly, while filters added by `filterwarnings` hold compiled
  patterns whose `match` method is used.
- Each module's `__warningregistry__` dict remembers what was shown: the key
  `(text, category, lineno)` for "default", plus `(text, category)` for "once"
  and "module" (so with a registry both mean once per module; without one,
  "once" falls back to the module-level `onceregistry` and "module" shows every
  time). Values are `True` and the entry `'version'` holds the filter version:
  any change to the filters empties every registry on its next use.
- `filters`, `showwarning`, `formatwarning` and `_showwarnmsg_impl` are looked up
  as module attributes each time, so replacing them (as `catch_warnings` does)
  takes effect at once. Output goes to whatever `sys.stderr` is at that moment.

Message and module patterns of `filterwarnings` are compiled with `re` when apy
has it; until then a small built-in matcher (`_Pattern`) handles the common
subset: literals, `.`, escapes such as `\\d`/`\\w`/`\\s`, `[...]` classes,
groups with `|`, the greedy quantifiers `* + ? {m,n}` and the anchors `^ $ \\Z`.
Its repr is the one `re` would give (`re.compile('x', re.IGNORECASE)`).

`_warn_native(message, category, filename, lineno)` is the hook the interpreter
calls for warnings it raises itself (such as "coroutine 'f' was never
awaited"), so they pass through the filters once this module is imported.
`category` may be a Warning subclass or the name of a builtin one. It acts like
`warn_explicit` with the module name taken from the filename (minus ".py") and
no registry, unless the caller passes `module` / `registry` too.

Not provided: processing of `-W` / PYTHONWARNINGS options (`_setoption`,
`_processoptions`: apy has no `sys.warnoptions`), skipping of importlib's
internal frames when counting `stacklevel`, object allocation tracebacks for
`source` (there is no `tracemalloc`; the "Enable tracemalloc" hint is printed as
CPython prints it when tracing is off), and regular-expression features beyond
the subset above while `re` is missing.
"""

import sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning",
           "filterwarnings", "simplefilter", "resetwarnings", "catch_warnings"]

_ACTIONS = ("error", "ignore", "always", "default", "module", "once")

filters = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
# Development mode (`-X dev`): every warning is shown, once per location.
if sys.flags.dev_mode:
    filters.insert(0, ("default", None, Warning, None, 0))
defaultaction = "default"
onceregistry = {}

# Bumped on every change to the filters; registries remember the value they were
# filled under and are emptied when it no longer matches.
_filters_version = 0


def _filters_mutated():
    global _filters_version
    _filters_version += 1


# ---------------------------------------------------------------------------
# Showing and formatting

class WarningMessage(object):
    """Everything known about one warning, as passed to `showwarning`."""

    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file",
                        "line", "source")

    def __init__(self, message, category, filename, lineno, file=None,
                 line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, "
                "line : %r}" % (self.message, self._category_name,
                                self.filename, self.lineno, self.line))


def _formatwarnmsg_impl(msg):
    category = msg.category.__name__
    text = "%s:%s: %s: %s\n" % (msg.filename, msg.lineno, category, msg.message)
    if msg.line is None:
        try:
            import linecache
            line = linecache.getline(msg.filename, msg.lineno)
        except Exception:
            line = None
    else:
        line = msg.line
    if line:
        text += "  %s\n" % line.strip()
    if msg.source is not None:
        # Without tracemalloc nothing is being traced, which is what CPython
        # reports when tracing is off.
        try:
            import tracemalloc
        except ImportError:
            tracing = False
            tb = None
        else:
            tracing = tracemalloc.is_tracing()
            try:
                tb = tracemalloc.get_object_traceback(msg.source)
            except Exception:
                tb = None
        if tb is not None:
            text += "Object allocated at (most recent call last):\n"
            for frame in tb:
                text += '  File "%s", lineno %s\n' % (frame.filename, frame.lineno)
                try:
                    import linecache
                    src = linecache.getline(frame.filename, frame.lineno)
                except Exception:
                    src = None
                if src:
                    text += "    %s\n" % src.strip()
        elif not tracing:
            text += ("%s: Enable tracemalloc to get the object "
                     "allocation traceback\n" % category)
    return text


def _showwarnmsg_impl(msg):
    file = msg.file
    if file is None:
        file = sys.stderr
        if file is None:
            # No stderr (e.g. pythonw): warnings are lost.
            return
    text = _formatwarnmsg(msg)
    try:
        file.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    return _formatwarnmsg_impl(WarningMessage(message, category, filename, lineno,
                                              None, line))


_showwarning_orig = showwarning
_formatwarning_orig = formatwarning


def _formatwarnmsg(msg):
    # A user-supplied formatwarning gets the old positional interface.
    fw = formatwarning
    if fw is not _formatwarning_orig:
        return fw(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    return _formatwarnmsg_impl(msg)


def _showwarnmsg(msg):
    sw = showwarning
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a "
                            "function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


# ---------------------------------------------------------------------------
# The filter list

def filterwarnings(action, message="", category=Warning, module="", lineno=0,
                   append=False):
    """Insert an entry into the list of warnings filters (at the front).

    'message' is a regex matched case-insensitively against the start of the
    warning text, 'module' a regex matched against the start of the module name.
    """
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(message, str), "message must be a string"
    assert isinstance(category, type), "category must be a class"
    assert issubclass(category, Warning), "category must be a Warning subclass"
    assert isinstance(module, str), "module must be a string"
    assert isinstance(lineno, int) and lineno >= 0, \
        "lineno must be an int >= 0"
    message = _compile(message, True) if message else None
    module = _compile(module, False) if module else None
    _add_filter(action, message, category, module, lineno, append=append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry into the list of warnings filters (at the front):
    one that matches any message in any module."""
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(lineno, int) and lineno >= 0, \
        "lineno must be an int >= 0"
    _add_filter(action, None, category, None, lineno, append=append)


def _add_filter(*item, append):
    # A filter already present moves to the front rather than being doubled;
    # appending leaves an existing copy where it is.
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    filters[:] = []
    _filters_mutated()


def _compile(pattern, ignorecase):
    try:
        import re
    except ImportError:
        return _Pattern(pattern, ignorecase)
    return re.compile(pattern, re.I) if ignorecase else re.compile(pattern)


# ---------------------------------------------------------------------------
# Issuing warnings

def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, "
                        "not '%s'" % type(category).__name__)
    # Frame 0 is this function, so frame `stacklevel` is the one to blame.
    if stacklevel < 1:
        stacklevel = 1
    try:
        frame = sys._getframe(stacklevel)
    except ValueError:
        frame = None
    if frame is None:
        globals = sys.__dict__
        filename = "sys"
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    if "__name__" in globals:
        module = globals["__name__"]
    else:
        module = "<string>"
    registry = globals.setdefault("__warningregistry__", {})
    warn_explicit(message, category, filename, lineno, module, registry,
                  globals, source)


def _module_from_filename(filename):
    if not filename:
        return "<unknown>"
    if filename[-3:] == ".py":
        return filename[:-3]
    return filename


def _already_warned(registry, key, should_set):
    # An out-of-date registry is emptied and stamped with the current version.
    version = registry.get("version")
    if type(version) is not int or version != _filters_version:
        registry.clear()
        registry["version"] = _filters_version
    else:
        seen = registry.get(key)
        if seen:
            return True
    if should_set:
        registry[key] = True
    return False


def _matches(pattern, text):
    if pattern is None:
        return True
    if type(pattern) is str:
        return pattern == text
    return bool(pattern.match(text))


def warn_explicit(message, category, filename, lineno, module=None,
                  registry=None, module_globals=None, source=None):
    """Low-level interface to warnings: the location is given explicitly."""
    lineno = int(lineno)
    if module is None:
        module = _module_from_filename(filename)
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry is not None and _already_warned(registry, key, False):
        return

    current = filters
    if not isinstance(current, list):
        raise ValueError("warnings.filters must be a list")
    for index, item in enumerate(current):
        if not isinstance(item, tuple) or len(item) != 5:
            raise ValueError("warnings.filters item %d isn't a 5-tuple" % index)
        action, msg, cat, mod, ln = item
        if not isinstance(action, str):
            raise TypeError("action must be a string, not '%s'"
                            % type(action).__name__)
        if (_matches(msg, text) and issubclass(category, cat)
                and _matches(mod, module) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
        item = None
        if not isinstance(action, str):
            raise TypeError("warnings.defaultaction must be a string, not '%s'"
                            % type(action).__name__)

    if action == "error":
        raise message
    if action == "ignore":
        return

    if module_globals is not None:
        # Lets linecache find the source through the module's loader.
        try:
            import linecache
            linecache.getlines(filename, module_globals)
        except Exception:
            pass

    shown_before = False
    if action != "always":
        if registry is not None:
            registry[key] = True
        if action == "once":
            target = onceregistry if registry is None else registry
            shown_before = _already_warned(target, (text, category), True)
        elif action == "module":
            if registry is not None:
                shown_before = _already_warned(registry, (text, category), True)
        elif action != "default":
            raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %r"
                               % (action, item))
    if shown_before:
        return
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None,
                                source))


def _warn_native(message, category, filename, lineno, module=None, registry=None,
                 source=None):
    """Entry point for warnings raised by the interpreter itself.

    `category` is a Warning subclass or the name of a builtin one ("RuntimeWarning").
    Behaves like `warn_explicit`; the module name comes from the filename. The
    interpreter passes a `source` for a coroutine that was never awaited, so the
    report carries CPython's tracemalloc hint.
    """
    if isinstance(category, str):
        import builtins
        category = getattr(builtins, category, None)
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = RuntimeWarning
    warn_explicit(message, category, filename, lineno, module, registry,
                  source=source)


# ---------------------------------------------------------------------------
# catch_warnings

class catch_warnings(object):
    """A context manager that copies and, on exit, restores the warnings filter
    and the showwarning() function.

    With record=True, showwarning() is replaced by a function that appends each
    WarningMessage to a list, which __enter__ returns. action, category, lineno
    and append, when action is given, are passed to simplefilter() on entry.
    """

    def __init__(self, *, record=False, module=None, action=None,
                 category=Warning, lineno=0, append=False):
        self._record = record
        self._module = sys.modules["warnings"] if module is None else module
        self._entered = False
        if action is None:
            self._filter = None
        else:
            self._filter = (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules["warnings"]:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        mod = self._module
        self._filters = mod.filters
        mod.filters = self._filters[:]
        mod._filters_mutated()
        self._showwarning = mod.showwarning
        self._showwarnmsg_impl = mod._showwarnmsg_impl
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            mod._showwarnmsg_impl = log.append
            # The original showwarning is what routes to _showwarnmsg_impl.
            mod.showwarning = mod._showwarning_orig
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        mod = self._module
        mod.filters = self._filters
        mod._filters_mutated()
        mod.showwarning = self._showwarning
        mod._showwarnmsg_impl = self._showwarnmsg_impl


# ---------------------------------------------------------------------------
# A small regular-expression matcher, used only while apy has no `re`.

class _Pattern(object):
    """A compiled pattern supporting the subset of `re` described above.

    The pattern is parsed into nodes; matching is backtracking with
    continuations, anchored at the start of the text as `re.match` is.
    """

    def __init__(self, pattern, ignorecase):
        self.pattern = pattern
        self.flags = 2 if ignorecase else 0
        self._ignorecase = ignorecase
        parser = _PatternParser(pattern)
        self._node = parser.parse_alternation()
        if parser.pos != len(pattern):
            raise _PatternError("unbalanced parenthesis", pattern, parser.pos)

    def __repr__(self):
        if self._ignorecase:
            return "re.compile(%r, re.IGNORECASE)" % (self.pattern,)
        return "re.compile(%r)" % (self.pattern,)

    def __eq__(self, other):
        if not isinstance(other, _Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def match(self, text):
        if not isinstance(text, str):
            raise TypeError("expected string or bytes-like object, got '%s'"
                            % type(text).__name__)
        end = _match_node(self._node, text, 0, self._ignorecase, lambda pos: pos)
        return None if end is None else _PatternMatch(text, end)


class _PatternMatch(object):
    def __init__(self, text, end):
        self.string = text
        self._end = end

    def __repr__(self):
        return "<re.Match object; span=(0, %d), match=%r>" % (self._end, self.group())

    def group(self, index=0):
        return self.string[:self._end]

    def end(self):
        return self._end

    def start(self):
        return 0


class _PatternError(Exception):
    # Stands in for re.error, whose name and message it copies.
    def __init__(self, msg, pattern, pos):
        super().__init__("%s at position %d" % (msg, pos))
        self.msg = msg
        self.pattern = pattern
        self.pos = pos


_PatternError.__name__ = _PatternError.__qualname__ = "error"
_PatternError.__module__ = "re"


_CLASS_ESCAPES = {
    "d": lambda c: c.isdecimal(),
    "w": lambda c: c.isalnum() or c == "_",
    "s": lambda c: c in " \t\n\r\f\v" or c.isspace(),
}
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class _PatternParser(object):
    # Nodes: ("seq", [nodes]), ("alt", [nodes]), ("char", c), ("any",),
    # ("set", negated, tests), ("rep", node, min, max), ("bol",), ("eol",), ("eos",)

    def __init__(self, pattern):
        self.pattern = pattern
        self.pos = 0

    def peek(self):
        return self.pattern[self.pos] if self.pos < len(self.pattern) else None

    def parse_alternation(self):
        branches = [self.parse_sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.parse_sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def parse_sequence(self):
        items = []
        while True:
            c = self.peek()
            if c is None or c in "|)":
                return ("seq", items)
            atom = self.parse_atom()
            items.append(self.parse_quantifier(atom))

    def parse_quantifier(self, atom):
        c = self.peek()
        if c == "*":
            low, high = 0, None
        elif c == "+":
            low, high = 1, None
        elif c == "?":
            low, high = 0, 1
        elif c == "{" and self._counted():
            return self._counted_repeat(atom)
        else:
            return atom
        self.pos += 1
        return ("rep", atom, low, high)

    def _counted(self):
        close = self.pattern.find("}", self.pos)
        if close < 0:
            return False
        parts = self.pattern[self.pos + 1:close].split(",")
        if len(parts) == 1:
            return parts[0].isdigit()
        return len(parts) == 2 and all(p == "" or p.isdigit() for p in parts)

    def _counted_repeat(self, atom):
        close = self.pattern.find("}", self.pos)
        parts = self.pattern[self.pos + 1:close].split(",")
        self.pos = close + 1
        low = int(parts[0]) if parts[0] else 0
        if len(parts) == 1:
            high = low
        else:
            high = int(parts[1]) if parts[1] else None
        return ("rep", atom, low, high)

    def parse_atom(self):
        c = self.pattern[self.pos]
        self.pos += 1
        if c == ".":
            return ("any",)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "(":
            open_at = self.pos - 1
            if self.pattern.startswith("?:", self.pos):
                self.pos += 2
            elif self.peek() == "?":
                raise _PatternError("unsupported group syntax", self.pattern, self.pos)
            node = self.parse_alternation()
            if self.peek() != ")":
                raise _PatternError("missing ), unterminated subpattern",
                                    self.pattern, open_at)
            self.pos += 1
            return node
        if c == "[":
            return self.parse_set()
        if c in "*+?":
            raise _PatternError("nothing to repeat", self.pattern, self.pos - 1)
        if c == "\\":
            return self.parse_escape(in_set=False)
        return ("char", c)

    def parse_escape(self, in_set):
        if self.pos >= len(self.pattern):
            raise _PatternError("bad escape (end of pattern)", self.pattern, self.pos - 1)
        c = self.pattern[self.pos]
        self.pos += 1
        low = c.lower()
        if low in _CLASS_ESCAPES:
            test = _CLASS_ESCAPES[low]
            return ("set", c != low, [test])
        if c == "Z" and not in_set:
            return ("eos",)
        if c in _CHAR_ESCAPES:
            return ("char", _CHAR_ESCAPES[c])
        if c.isalnum():
            raise _PatternError("bad escape \\%s" % c, self.pattern, self.pos - 2)
        return ("char", c)

    def parse_set(self):
        open_at = self.pos - 1
        negated = False
        if self.peek() == "^":
            negated = True
            self.pos += 1
        tests = []
        first = True
        while True:
            c = self.peek()
            if c is None:
                raise _PatternError("unterminated character set", self.pattern,
                                    open_at)
            if c == "]" and not first:
                self.pos += 1
                return ("set", negated, tests)
            first = False
            self.pos += 1
            if c == "\\":
                node = self.parse_escape(in_set=True)
                if node[0] == "set":
                    tests.append(_set_test(node))
                    continue
                c = node[1]
            if self.peek() == "-" and self.pos + 1 < len(self.pattern) \
                    and self.pattern[self.pos + 1] != "]":
                self.pos += 1
                high = self.pattern[self.pos]
                self.pos += 1
                if high == "\\":
                    high = self.parse_escape(in_set=True)[1]
                tests.append(_range_test(c, high))
            else:
                tests.append(_range_test(c, c))


def _set_test(node):
    negated, tests = node[1], node[2]
    return lambda ch: any(t(ch) for t in tests) != negated


def _range_test(low, high):
    return lambda ch: low <= ch <= high


def _char_eq(a, b, ignorecase):
    return a == b or (ignorecase and a.lower() == b.lower())


def _match_node(node, text, pos, ic, cont):
    kind = node[0]
    if kind == "seq":
        return _match_seq(node[1], 0, text, pos, ic, cont)
    if kind == "alt":
        for branch in node[1]:
            result = _match_node(branch, text, pos, ic, cont)
            if result is not None:
                return result
        return None
    if kind == "rep":
        return _match_rep(node, 0, text, pos, ic, cont)
    if kind == "bol":
        return cont(pos) if pos == 0 else None
    if kind == "eol":
        if pos == len(text) or (pos == len(text) - 1 and text[pos] == "\n"):
            return cont(pos)
        return None
    if kind == "eos":
        return cont(pos) if pos == len(text) else None
    if pos >= len(text):
        return None
    ch = text[pos]
    if kind == "char":
        ok = _char_eq(ch, node[1], ic)
    elif kind == "any":
        ok = ch != "\n"
    else:
        ok = any(t(ch) or (ic and (t(ch.lower()) or t(ch.upper()))) for t in node[2])
        ok = ok != node[1]
    return cont(pos + 1) if ok else None


def _match_seq(items, index, text, pos, ic, cont):
    if index == len(items):
        return cont(pos)
    return _match_node(items[index], text, pos, ic,
                       lambda p: _match_seq(items, index + 1, text, p, ic, cont))


def _match_rep(node, count, text, pos, ic, cont):
    _, atom, low, high = node
    # Greedy: try one more repetition first (refusing empty ones), then stop.
    if high is None or count < high:
        def more(p):
            if p == pos:
                return None
            return _match_rep(node, count + 1, text, p, ic, cont)
        result = _match_node(atom, text, pos, ic, more)
        if result is not None:
            return result
    if count >= low:
        return cont(pos)
    return None
