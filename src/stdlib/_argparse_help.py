"""`_argparse_help`: the help formatters of `argparse`, and the nargs constants.

`argparse` re-exports everything public here; the classes say `__module__ =
"argparse"` so that their reprs (`formatter_class=<class 'argparse.HelpFormatter'>`)
read as CPython's do. The module is separate only to keep each file short.

CPython lays out usage lines and help text with regular expressions. apy has no
`re`, so the few patterns involved are replaced by small hand-written scanners that
give the same results:

- `_collapse_space` is `re.sub(r'\\s+', ' ', text, flags=re.ASCII)`;
- `_tidy_brackets` is the three substitutions that drop the space just inside a
  `[`/`(`, the space just before a `]`/`)`, and empty bracket pairs;
- `_usage_parts` is `re.findall` of the pattern that keeps a bracketed or
  parenthesised group (plus any run of closing brackets) together as one piece
  when a long usage line is wrapped.

Line filling itself is delegated to `textwrap`, exactly as CPython does.
"""

SUPPRESS = "==SUPPRESS=="
OPTIONAL = "?"
ZERO_OR_MORE = "*"
ONE_OR_MORE = "+"
PARSER = "A..."
REMAINDER = "..."

# The six characters `\s` stands for in an ASCII pattern.
_ASCII_SPACE = " \t\n\r\x0b\x0c"


def _collapse_space(text):
    """Replace every run of ASCII whitespace with a single space."""
    out = []
    in_space = False
    for ch in text:
        if ch in _ASCII_SPACE:
            if not in_space:
                out.append(" ")
                in_space = True
        else:
            out.append(ch)
            in_space = False
    return "".join(out)


def _drop_long_breaks(text):
    """Replace every run of three or more newlines with exactly two."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] == "\n":
            j = i
            while j < n and text[j] == "\n":
                j += 1
            out.append("\n\n" if j - i >= 3 else text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _tidy_brackets(text):
    """The clean-up CPython applies to a usage string after joining its parts."""
    # "[ x" -> "[x" and "( x" -> "(x" (one space only, as the pattern has one).
    out = []
    i = 0
    n = len(text)
    while i < n:
        out.append(text[i])
        if text[i] in "[(" and i + 1 < n and text[i + 1] == " ":
            i += 2
        else:
            i += 1
    text = "".join(out)
    # "x ]" -> "x]" and "x )" -> "x)".
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] == " " and i + 1 < n and text[i + 1] in "])":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    text = "".join(out)
    # An opening bracket, any spaces, then a closing one: all of it goes.
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in "[(":
            j = i + 1
            while j < n and text[j] == " ":
                j += 1
            if j < n and text[j] in "])":
                i = j + 1
                continue
        out.append(text[i])
        i += 1
    return "".join(out).strip()


def _bracketed_end(text, i, opener, closer):
    """If a group opened by text[i] == opener ends (lazily) at a run of closers
    that is followed by whitespace or the end, the index past that run; else -1.
    The group may not span a newline, as `.` does not match one."""
    n = len(text)
    j = i + 1
    while j < n:
        ch = text[j]
        if ch == "\n":
            return -1
        if ch == closer:
            k = j
            while k < n and text[k] == closer:
                k += 1
            if k == n or text[k].isspace():
                return k
        j += 1
    return -1


def _usage_parts(text):
    """Split a usage string into the pieces that may not be broken across lines."""
    parts = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        end = -1
        if ch == "(":
            end = _bracketed_end(text, i, "(", ")")
        elif ch == "[":
            end = _bracketed_end(text, i, "[", "]")
        if end < 0:
            if ch.isspace():
                i += 1
                continue
            end = i
            while end < n and not text[end].isspace():
                end += 1
        parts.append(text[i:end])
        i = end
    return parts


def _terminal_columns():
    """What `shutil.get_terminal_size().columns` would say."""
    try:
        from shutil import get_terminal_size
    except ImportError:
        get_terminal_size = None
    if get_terminal_size is not None:
        return get_terminal_size().columns
    # apy's shutil lacks get_terminal_size: follow its documented rules here.
    import os
    import sys
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        if columns <= 0:
            columns = 80
    return columns


class HelpFormatter(object):
    """Lays out the usage line and the help of an ArgumentParser.

    Pass a subclass as formatter_class to change the layout; only the class
    names are public, the methods are internal hooks.
    """

    __module__ = "argparse"

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            width = _terminal_columns() - 2
        self._prog = prog
        self._indent_increment = indent_increment
        self._max_help_position = min(max_help_position,
                                      max(width - 20, indent_increment * 2))
        self._width = width
        self._current_indent = 0
        self._level = 0
        self._action_max_length = 0
        self._root_section = self._Section(self, None)
        self._current_section = self._root_section

    # ---- sections and indentation ----

    def _indent(self):
        self._current_indent += self._indent_increment
        self._level += 1

    def _dedent(self):
        self._current_indent -= self._indent_increment
        assert self._current_indent >= 0, "Indent decreased below 0."
        self._level -= 1

    class _Section(object):
        # A section's text is produced lazily, when the whole help is formatted,
        # because the column where help text starts depends on every argument.

        def __init__(self, formatter, parent, heading=None):
            self.formatter = formatter
            self.parent = parent
            self.heading = heading
            self.items = []

        def format_help(self):
            formatter = self.formatter
            if self.parent is not None:
                formatter._indent()
            item_help = formatter._join_parts([func(*args) for func, args in self.items])
            if self.parent is not None:
                formatter._dedent()
            if not item_help:
                return ""
            if self.heading is not SUPPRESS and self.heading is not None:
                heading = " " * formatter._current_indent + "%s:\n" % (self.heading,)
            else:
                heading = ""
            return formatter._join_parts(["\n", heading, item_help, "\n"])

    def _add_item(self, func, args):
        self._current_section.items.append((func, args))

    # ---- the public interface used by ArgumentParser ----

    def start_section(self, heading):
        self._indent()
        section = self._Section(self, self._current_section, heading)
        self._add_item(section.format_help, [])
        self._current_section = section

    def end_section(self):
        self._current_section = self._current_section.parent
        self._dedent()

    def add_text(self, text):
        if text is not SUPPRESS and text is not None:
            self._add_item(self._format_text, [text])

    def add_usage(self, usage, actions, groups, prefix=None):
        if usage is not SUPPRESS:
            self._add_item(self._format_usage, [usage, actions, groups, prefix])

    def add_argument(self, action):
        if action.help is not SUPPRESS:
            # Measure every invocation now so that the help column can be chosen.
            invocations = [self._format_action_invocation(action)]
            for subaction in self._iter_indented_subactions(action):
                invocations.append(self._format_action_invocation(subaction))
            length = max(len(s) for s in invocations) + self._current_indent
            self._action_max_length = max(self._action_max_length, length)
            self._add_item(self._format_action, [action])

    def add_arguments(self, actions):
        for action in actions:
            self.add_argument(action)

    def format_help(self):
        help = self._root_section.format_help()
        if help:
            help = _drop_long_breaks(help)
            help = help.strip("\n") + "\n"
        return help

    def _join_parts(self, part_strings):
        return "".join([part for part in part_strings
                        if part and part is not SUPPRESS])

    # ---- usage ----

    def _format_usage(self, usage, actions, groups, prefix):
        if prefix is None:
            prefix = "usage: "
        if usage is not None:
            usage = usage % dict(prog=self._prog)
        elif not actions:
            usage = "%(prog)s" % dict(prog=self._prog)
        else:
            prog = "%(prog)s" % dict(prog=self._prog)
            optionals = [a for a in actions if a.option_strings]
            positionals = [a for a in actions if not a.option_strings]
            action_usage = self._format_actions_usage(optionals + positionals, groups)
            usage = " ".join([s for s in [prog, action_usage] if s])
            text_width = self._width - self._current_indent
            if len(prefix) + len(usage) > text_width:
                usage = self._wrap_usage(prefix, prog, optionals, positionals,
                                         groups, text_width)
        return "%s%s\n\n" % (prefix, usage)

    def _wrap_usage(self, prefix, prog, optionals, positionals, groups, text_width):
        opt_usage = self._format_actions_usage(optionals, groups)
        pos_usage = self._format_actions_usage(positionals, groups)
        opt_parts = _usage_parts(opt_usage)
        pos_parts = _usage_parts(pos_usage)
        # CPython refuses metavars that would make the pieces lose characters.
        assert " ".join(opt_parts) == opt_usage
        assert " ".join(pos_parts) == pos_usage

        def get_lines(parts, indent, prefix=None):
            lines = []
            line = []
            if prefix is not None:
                line_len = len(prefix) - 1
            else:
                line_len = len(indent) - 1
            for part in parts:
                if line_len + 1 + len(part) > text_width and line:
                    lines.append(indent + " ".join(line))
                    line = []
                    line_len = len(indent) - 1
                line.append(part)
                line_len += len(part) + 1
            if line:
                lines.append(indent + " ".join(line))
            if prefix is not None:
                lines[0] = lines[0][len(indent):]
            return lines

        if len(prefix) + len(prog) <= 0.75 * text_width:
            # Short program name: continuation lines line up after it.
            indent = " " * (len(prefix) + len(prog) + 1)
            if opt_parts:
                lines = get_lines([prog] + opt_parts, indent, prefix)
                lines.extend(get_lines(pos_parts, indent))
            elif pos_parts:
                lines = get_lines([prog] + pos_parts, indent, prefix)
            else:
                lines = [prog]
        else:
            # Long program name: it gets a line of its own.
            indent = " " * len(prefix)
            parts = opt_parts + pos_parts
            lines = get_lines(parts, indent)
            if len(lines) > 1:
                lines = []
                lines.extend(get_lines(opt_parts, indent))
                lines.extend(get_lines(pos_parts, indent))
            lines = [prog] + lines
        return "\n".join(lines)

    def _format_actions_usage(self, actions, groups):
        # Where a mutually exclusive group's actions sit next to each other, mark
        # its start, its end and the gaps between its members.
        group_actions = set()
        inserts = {}
        for group in groups:
            if not group._group_actions:
                raise ValueError(f"empty group {group}")
            try:
                start = actions.index(group._group_actions[0])
            except ValueError:
                continue
            count = len(group._group_actions)
            end = start + count
            if actions[start:end] != group._group_actions:
                continue
            suppressed = 0
            for action in group._group_actions:
                group_actions.add(action)
                if action.help is SUPPRESS:
                    suppressed += 1
            exposed = count - suppressed
            if not group.required:
                opener, closer = "[", "]"
            elif exposed > 1:
                opener, closer = "(", ")"
            else:
                opener = closer = None
            if opener is not None:
                inserts[start] = inserts[start] + " " + opener if start in inserts else opener
                inserts[end] = inserts[end] + closer if end in inserts else closer
            for i in range(start + 1, end):
                inserts[i] = "|"

        parts = []
        for i, action in enumerate(actions):
            if action.help is SUPPRESS:
                parts.append(None)
                if inserts.get(i) == "|":
                    inserts.pop(i)
                elif inserts.get(i + 1) == "|":
                    inserts.pop(i + 1)
            elif not action.option_strings:
                default = self._get_default_metavar_for_positional(action)
                part = self._format_args(action, default)
                if action in group_actions:
                    if part[0] == "[" and part[-1] == "]":
                        part = part[1:-1]
                parts.append(part)
            else:
                option_string = action.option_strings[0]
                if action.nargs == 0:
                    part = action.format_usage()
                else:
                    default = self._get_default_metavar_for_optional(action)
                    args_string = self._format_args(action, default)
                    part = "%s %s" % (option_string, args_string)
                if not action.required and action not in group_actions:
                    part = "[%s]" % part
                parts.append(part)

        for i in sorted(inserts, reverse=True):
            parts[i:i] = [inserts[i]]
        text = " ".join([item for item in parts if item is not None])
        return _tidy_brackets(text)

    # ---- descriptions and argument help ----

    def _format_text(self, text):
        if "%(prog)" in text:
            text = text % dict(prog=self._prog)
        text_width = max(self._width - self._current_indent, 11)
        indent = " " * self._current_indent
        return self._fill_text(text, text_width, indent) + "\n\n"

    def _format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        action_header = self._format_action_invocation(action)
        margin = " " * self._current_indent

        if not action.help:
            action_header = margin + action_header + "\n"
        elif len(action_header) <= action_width:
            # The help starts on the same line, in the help column.
            action_header = margin + action_header.ljust(action_width) + "  "
            indent_first = 0
        else:
            action_header = margin + action_header + "\n"
            indent_first = help_position

        parts = [action_header]
        if action.help and action.help.strip():
            help_text = self._expand_help(action)
            if help_text:
                help_lines = self._split_lines(help_text, help_width)
                parts.append(" " * indent_first + "%s\n" % (help_lines[0],))
                for line in help_lines[1:]:
                    parts.append(" " * help_position + "%s\n" % (line,))
        elif not action_header.endswith("\n"):
            parts.append("\n")

        for subaction in self._iter_indented_subactions(action):
            parts.append(self._format_action(subaction))
        return self._join_parts(parts)

    def _format_action_invocation(self, action):
        if not action.option_strings:
            default = self._get_default_metavar_for_positional(action)
            metavar, = self._metavar_formatter(action, default)(1)
            return metavar
        if action.nargs == 0:
            return ", ".join(action.option_strings)
        default = self._get_default_metavar_for_optional(action)
        args_string = self._format_args(action, default)
        return ", ".join(["%s %s" % (option_string, args_string)
                          for option_string in action.option_strings])

    def _metavar_formatter(self, action, default_metavar):
        if action.metavar is not None:
            result = action.metavar
        elif action.choices is not None:
            result = "{%s}" % ",".join([str(choice) for choice in action.choices])
        else:
            result = default_metavar

        def format(tuple_size):
            if isinstance(result, tuple):
                return result
            return (result,) * tuple_size
        return format

    def _format_args(self, action, default_metavar):
        get_metavar = self._metavar_formatter(action, default_metavar)
        nargs = action.nargs
        if nargs is None:
            return "%s" % get_metavar(1)
        if nargs == OPTIONAL:
            return "[%s]" % get_metavar(1)
        if nargs == ZERO_OR_MORE:
            metavar = get_metavar(1)
            if len(metavar) == 2:
                return "[%s [%s ...]]" % metavar
            return "[%s ...]" % metavar
        if nargs == ONE_OR_MORE:
            return "%s [%s ...]" % get_metavar(2)
        if nargs == REMAINDER:
            return "..."
        if nargs == PARSER:
            return "%s ..." % get_metavar(1)
        if nargs == SUPPRESS:
            return ""
        try:
            formats = ["%s" for _ in range(nargs)]
        except TypeError:
            raise ValueError("invalid nargs value") from None
        return " ".join(formats) % get_metavar(nargs)

    def _expand_help(self, action):
        params = dict(vars(action), prog=self._prog)
        for name in list(params):
            if params[name] is SUPPRESS:
                del params[name]
        for name in list(params):
            if hasattr(params[name], "__name__"):
                params[name] = params[name].__name__
        if params.get("choices") is not None:
            params["choices"] = ", ".join([str(c) for c in params["choices"]])
        return self._get_help_string(action) % params

    def _iter_indented_subactions(self, action):
        try:
            get_subactions = action._get_subactions
        except AttributeError:
            pass
        else:
            self._indent()
            yield from get_subactions()
            self._dedent()

    def _split_lines(self, text, width):
        import textwrap
        text = _collapse_space(text).strip()
        return textwrap.wrap(text, width)

    def _fill_text(self, text, width, indent):
        import textwrap
        text = _collapse_space(text).strip()
        return textwrap.fill(text, width, initial_indent=indent,
                             subsequent_indent=indent)

    def _get_help_string(self, action):
        return action.help

    def _get_default_metavar_for_optional(self, action):
        return action.dest.upper()

    def _get_default_metavar_for_positional(self, action):
        return action.dest


class RawDescriptionHelpFormatter(HelpFormatter):
    """Keeps the line breaks of description and epilog texts as written."""

    __module__ = "argparse"

    def _fill_text(self, text, width, indent):
        return "".join(indent + line for line in text.splitlines(keepends=True))


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    """Keeps the line breaks of every text, argument help included."""

    __module__ = "argparse"

    def _split_lines(self, text, width):
        return text.splitlines()


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    """Appends " (default: ...)" to the help of arguments that have a default."""

    __module__ = "argparse"

    def _get_help_string(self, action):
        help = action.help
        if help is None:
            help = ""
        if "%(default)" not in help:
            if action.default is not SUPPRESS:
                if action.option_strings or action.nargs in (OPTIONAL, ZERO_OR_MORE):
                    help += " (default: %(default)s)"
        return help


class MetavarTypeHelpFormatter(HelpFormatter):
    """Uses the name of an argument's type= as its default metavar."""

    __module__ = "argparse"

    def _get_default_metavar_for_optional(self, action):
        return action.type.__name__

    def _get_default_metavar_for_positional(self, action):
        return action.type.__name__
