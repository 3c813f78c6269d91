"""`textwrap`: wrapping, filling, shortening, dedenting and indenting plain text.

CPython cuts text into chunks with a regular expression; apy has no `re` yet, so
`_split` scans the text by hand and produces the same chunks. A chunk is one of:

- a run of whitespace (only the six ASCII characters of `_whitespace` count);
- an em-dash: two or more hyphens that follow a word or punctuation character and
  precede a word character;
- a word: the shortest run of non-whitespace that ends either before whitespace or the
  end of the text, just before an em-dash, or just after a hyphen that joins two
  letters (`ab-c` style: the hyphen must follow two letters, or a letter-hyphen-letter,
  and be followed by a letter, an optional hyphen and a letter).

"Letter" and "word character" have `re`'s Unicode meaning: `\\w` is `str.isalnum()` or
an underscore, and a letter is a word character that is not a decimal digit. With
`break_on_hyphens=False` the chunks are simply the whitespace runs and what lies
between them. The line-filling algorithm on top of the chunks is CPython's.

`dedent` likewise works line by line (lines end at "\\n" only, as `^`/`$` do in a
multi-line pattern) instead of with the three patterns CPython uses.

Not provided: the compiled patterns `TextWrapper.wordsep_re`, `wordsep_simple_re`
and `sentence_end_re` (there is no `re` module to compile them with).
"""

__all__ = ["TextWrapper", "wrap", "fill", "dedent", "indent", "shorten"]

# Only these count as whitespace here, whatever str.isspace() says.
_whitespace = "\t\n\x0b\x0c\r "

# Characters that may precede an em-dash, besides word characters.
_DASH_PRECEDERS = "!\"'&.,?"


def _is_word(c):
    return c == "_" or c.isalnum()


def _is_letter(c):
    return (c == "_" or c.isalnum()) and not c.isdecimal()


def _em_dash_end(text, i):
    """If text[i:] starts with two or more hyphens followed by a word character,
    the index just past the hyphens; otherwise -1."""
    n = len(text)
    j = i
    while j < n and text[j] == "-":
        j += 1
    if j - i >= 2 and j < n and _is_word(text[j]):
        return j
    return -1


def _joining_hyphen(text, j):
    """Whether the hyphen at text[j] joins letters so that a line may break after it."""
    n = len(text)
    before = (j >= 2 and _is_letter(text[j - 2]) and _is_letter(text[j - 1])) or (
        j >= 3 and _is_letter(text[j - 3]) and text[j - 2] == "-"
        and _is_letter(text[j - 1])
    )
    if not before or j + 1 >= n or not _is_letter(text[j + 1]):
        return False
    if j + 2 < n and _is_letter(text[j + 2]):
        return True
    return j + 3 < n and text[j + 2] == "-" and _is_letter(text[j + 3])


def _split_hyphenated(text):
    """The chunks of CPython's `wordsep_re` (see the module docstring)."""
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _whitespace:
            j = i + 1
            while j < n and text[j] in _whitespace:
                j += 1
            chunks.append(text[i:j])
            i = j
            continue
        if c == "-" and i > 0 and (_is_word(text[i - 1]) or text[i - 1] in _DASH_PRECEDERS):
            j = _em_dash_end(text, i)
            if j >= 0:
                chunks.append(text[i:j])
                i = j
                continue
        # A word: grow it one character at a time until one of its endings applies.
        j = i + 1
        while True:
            if j < n and text[j] == "-" and _joining_hyphen(text, j):
                j += 1
                break
            if j == n or text[j] in _whitespace:
                break
            last = text[j - 1]
            if text[j] == "-" and (_is_word(last) or last in _DASH_PRECEDERS) \
                    and _em_dash_end(text, j) >= 0:
                break
            j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _split_simple(text):
    """The chunks of CPython's `wordsep_simple_re`: whitespace runs and the rest."""
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        in_space = text[i] in _whitespace
        j = i + 1
        while j < n and (text[j] in _whitespace) == in_space:
            j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _ends_sentence(chunk):
    """Whether the chunk ends like a sentence: a lowercase ASCII letter, one of . ! ?,
    and an optional closing quote."""
    if chunk and chunk[-1] in "\"'":
        chunk = chunk[:-1]
    return len(chunk) >= 2 and "a" <= chunk[-2] <= "z" and chunk[-1] in ".!?"


class TextWrapper:
    """Wraps and fills paragraphs of text; `wrap()` and `fill()` are the interface,
    the underscore methods are the steps a subclass may override.

    The attributes (also the constructor's arguments) are:
      width=70               longest line, indentation included
      initial_indent=""      put before the first line
      subsequent_indent=""   put before every other line
      expand_tabs=True       expand tabs first (to multiples of `tabsize`)
      tabsize=8
      replace_whitespace=True  turn each whitespace character into one space
      fix_sentence_endings=False  two spaces after a sentence's end
      break_long_words=True  cut words longer than a line (else let them overflow)
      break_on_hyphens=True  also break lines after hyphens inside words
      drop_whitespace=True   drop whitespace at the start and end of lines
      max_lines=None         keep at most this many lines, marking the cut with
      placeholder=" [...]"
    """

    unicode_whitespace_trans = dict.fromkeys(map(ord, _whitespace), ord(" "))

    def __init__(self,
                 width=70,
                 initial_indent="",
                 subsequent_indent="",
                 expand_tabs=True,
                 replace_whitespace=True,
                 fix_sentence_endings=False,
                 break_long_words=True,
                 drop_whitespace=True,
                 break_on_hyphens=True,
                 tabsize=8,
                 *,
                 max_lines=None,
                 placeholder=" [...]"):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    # -- the steps of wrap(), each overridable ---------------------------------

    def _munge_whitespace(self, text):
        """Expands tabs and turns every whitespace character into a space, as the
        options ask."""
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            text = text.translate(self.unicode_whitespace_trans)
        return text

    def _split(self, text):
        """Cuts text into the chunks lines are built from (see the module docstring);
        concatenated, the chunks give back the text."""
        if self.break_on_hyphens is True:
            return _split_hyphenated(text)
        return _split_simple(text)

    def _fix_sentence_endings(self, chunks):
        """Puts two spaces after sentence endings: a single-space chunk that follows
        a chunk ending a sentence becomes two spaces."""
        i = 0
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and _ends_sentence(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """Deals with a chunk too long for any line: splits it to fill the current
        line (preferably just after a hyphen), or, when long words must not be
        broken, puts it whole on a line of its own."""
        # Always take at least one character, or wrapping would never progress.
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind("-", 0, space_left)
                # Only a hyphen with something other than hyphens before it.
                if hyphen > 0 and any(c != "-" for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())
        # Otherwise the long chunk starts the next line instead.

    def _wrap_chunks(self, chunks):
        """Fills lines of at most `width` columns from the chunks, greedily. Returns
        the lines, without trailing newlines."""
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")

        lines = []
        pending = list(reversed(chunks))   # next chunk at the end, for cheap pops
        while pending:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            # Whitespace at the start of a line is dropped, except on the first line.
            if self.drop_whitespace and lines and pending[-1].strip() == "":
                del pending[-1]

            line = []
            length = 0
            while pending:
                size = len(pending[-1])
                if length + size > width:
                    break
                line.append(pending.pop())
                length += size

            if pending and len(pending[-1]) > width:
                self._handle_long_word(pending, line, length, width)
                length = sum(map(len, line))

            if self.drop_whitespace and line and line[-1].strip() == "":
                length -= len(line[-1])
                del line[-1]

            if not line:
                continue
            if (self.max_lines is None or len(lines) + 1 < self.max_lines
                    or (not pending
                        or self.drop_whitespace and len(pending) == 1
                        and not pending[0].strip())
                    and length <= width):
                lines.append(indent + "".join(line))
                continue
            # The last allowed line, with text still to come: end it with the
            # placeholder, giving back whole chunks until the placeholder fits.
            while line:
                if line[-1].strip() and length + len(self.placeholder) <= width:
                    line.append(self.placeholder)
                    lines.append(indent + "".join(line))
                    break
                length -= len(line[-1])
                del line[-1]
            else:
                if lines:
                    previous = lines[-1].rstrip()
                    if len(previous) + len(self.placeholder) <= self.width:
                        lines[-1] = previous + self.placeholder
                        break
                lines.append(indent + self.placeholder.lstrip())
            break
        return lines

    def _split_chunks(self, text):
        text = self._munge_whitespace(text)
        return self._split(text)

    # -- public interface -------------------------------------------------------

    def wrap(self, text):
        """Wraps `text` into a list of lines of at most `width` characters (tabs
        expanded, other whitespace collapsed to spaces, as configured)."""
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        """Wraps `text` and returns the lines joined with newlines."""
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    """Wraps one paragraph into lines of at most `width` characters; returns the
    list of lines. Keyword arguments are TextWrapper's attributes."""
    w = TextWrapper(width=width, **kwargs)
    return w.wrap(text)


def fill(text, width=70, **kwargs):
    """Like `wrap`, but returns a single string with the lines joined by newlines."""
    w = TextWrapper(width=width, **kwargs)
    return w.fill(text)


def shorten(text, width, **kwargs):
    """Collapses the whitespace of `text` and, if it is then longer than `width`,
    cuts it at a word boundary and appends the placeholder (" [...]" by default)."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(" ".join(text.strip().split()))


# -- dedent and indent ------------------------------------------------------------

def _indentation(line):
    """The leading spaces and tabs of a line."""
    i = 0
    while i < len(line) and line[i] in " \t":
        i += 1
    return line[:i]


def dedent(text):
    """Removes the whitespace prefix common to all non-blank lines.

    Only spaces and tabs count, and they must match exactly: a tab and eight spaces
    have nothing in common. Lines made only of spaces and tabs become empty, and
    they do not take part in finding the common prefix.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"expected string or bytes-like object, got '{type(text).__name__}'"
        )
    lines = text.split("\n")
    margin = None
    for index, line in enumerate(lines):
        indent = _indentation(line)
        if len(indent) == len(line):
            # Blank (or empty): normalised to empty, ignored for the margin.
            lines[index] = ""
            continue
        if margin is None:
            margin = indent
        elif indent.startswith(margin):
            pass
        elif margin.startswith(indent):
            margin = indent
        else:
            # Keep the longest common prefix.
            common = 0
            while margin[common] == indent[common]:
                common += 1
            margin = margin[:common]
    if margin:
        size = len(margin)
        lines = [line[size:] if line.startswith(margin) else line for line in lines]
    return "\n".join(lines)


def indent(text, prefix, predicate=None):
    """Adds `prefix` to the start of the lines of `text` for which `predicate(line)`
    is true; by default, to every line that is not whitespace only."""
    if predicate is None:
        def predicate(line):
            return line.strip()
    return "".join(prefix + line if predicate(line) else line
                   for line in text.splitlines(True))
