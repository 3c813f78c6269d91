"""`shlex`: a lexical analyser for shell-like syntax, plus `split`, `quote` and `join`.

The `shlex` class is a character-at-a-time state machine; its states are the ones
CPython's documentation implies and that programs can see in `.state`:

- `' '`  between tokens (skipping whitespace and comments),
- `'a'`  inside a word,
- `'c'`  inside a run of punctuation characters (only with `punctuation_chars`),
- a quote character: inside that kind of quotes,
- an escape character: just after it (posix mode only),
- `None` after the end of the input.

Non-posix mode is the old, compatible behaviour: quotes stay in tokens and there are
no escapes. Posix mode follows shell rules: quotes are removed, a backslash escapes the
next character (inside double quotes only `"` and `\\`), quoted text joins the word
around it, and the end of input is `None` instead of `''`.

`quote` decides by hand what CPython decides with a regular expression: a string made
only of ASCII letters, digits and `_@%+=:,./-` is already safe.

Not provided: the `DeprecationWarning` that CPython issues for `split(None)` when the
`warnings` module is unavailable (the input is still read from `sys.stdin`).
"""

import sys
from collections import deque

__all__ = ["shlex", "split", "quote", "join"]


def _string_io(text):
    from io import StringIO
    return StringIO(text)


class shlex:
    """Splits a stream of shell-like text into tokens; iterate over it, or call
    `get_token()` until it returns `eof`."""

    def __init__(self, instream=None, infile=None, posix=False,
                 punctuation_chars=False):
        if isinstance(instream, str):
            instream = _string_io(instream)
        if instream is not None:
            self.instream = instream
            self.infile = infile
        else:
            self.instream = sys.stdin
            self.infile = None
        self.posix = posix
        self.eof = None if posix else ""
        self.commenters = "#"
        # The letters are in this order (f before e) in CPython too, and programs
        # can print the attribute.
        self.wordchars = ("abcdfeghijklmnopqrstuvwxyz"
                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        if self.posix:
            self.wordchars += ("ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
                               "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ")
        self.whitespace = " \t\r\n"
        self.whitespace_split = False
        self.quotes = "'\""
        self.escape = "\\"
        self.escapedquotes = '"'
        self.state = " "
        self.pushback = deque()
        self.lineno = 1
        self.debug = 0
        self.token = ""
        self.filestack = deque()
        self.source = None
        if not punctuation_chars:
            punctuation_chars = ""
        elif punctuation_chars is True:
            punctuation_chars = "();<>|&"
        self._punctuation_chars = punctuation_chars
        if punctuation_chars:
            # Characters read ahead while ending a word or a punctuation run.
            self._pushback_chars = deque()
            # With punctuation handling, file names and options such as `~/a.b`
            # or `--x=*` are words, unless a character was declared punctuation.
            self.wordchars += "~-./*?="
            self.wordchars = "".join(c for c in self.wordchars
                                     if c not in punctuation_chars)

    @property
    def punctuation_chars(self):
        return self._punctuation_chars

    def push_token(self, tok):
        """Makes `tok` the next token `get_token` returns."""
        if self.debug >= 1:
            print("shlex: pushing token " + repr(tok))
        self.pushback.appendleft(tok)

    def push_source(self, newstream, newfile=None):
        """Reads from `newstream` (a stream or a string) until it ends, then resumes
        the current input."""
        if isinstance(newstream, str):
            newstream = _string_io(newstream)
        self.filestack.appendleft((self.infile, self.instream, self.lineno))
        self.infile = newfile
        self.instream = newstream
        self.lineno = 1
        if self.debug:
            if newfile is not None:
                print("shlex: pushing to file %s" % (self.infile,))
            else:
                print("shlex: pushing to stream %s" % (self.instream,))

    def pop_source(self):
        """Closes the current input and resumes the one it interrupted."""
        self.instream.close()
        (self.infile, self.instream, self.lineno) = self.filestack.popleft()
        if self.debug:
            print("shlex: popping to %s, line %d" % (self.instream, self.lineno))
        self.state = " "

    def get_token(self):
        """The next token: a pushed-back one if any, else one read from the input."""
        if self.pushback:
            tok = self.pushback.popleft()
            if self.debug >= 1:
                print("shlex: popping token " + repr(tok))
            return tok
        raw = self.read_token()
        # `source` names a keyword whose following token is a file to read next,
        # as csh's "source" command does.
        if self.source is not None:
            while raw == self.source:
                spec = self.sourcehook(self.read_token())
                if spec:
                    (newfile, newstream) = spec
                    self.push_source(newstream, newfile)
                raw = self.get_token()
        # The end of a pushed source resumes the one below it.
        while raw == self.eof:
            if not self.filestack:
                return self.eof
            self.pop_source()
            raw = self.get_token()
        if self.debug >= 1:
            if raw != self.eof:
                print("shlex: token=" + repr(raw))
            else:
                print("shlex: token=EOF")
        return raw

    def _next_char(self):
        if self._punctuation_chars and self._pushback_chars:
            return self._pushback_chars.pop()
        return self.instream.read(1)

    def _end_token(self, quoted):
        """Whether there is a token to emit (in posix mode `""` is a token)."""
        return bool(self.token) or (self.posix and quoted)

    def read_token(self):
        """Reads one raw token, running the state machine described in the module
        docstring; `source` and pushed-back tokens are handled by get_token."""
        quoted = False
        # The state to return to after an escaped character.
        escapedstate = " "
        while True:
            nextchar = self._next_char()
            if nextchar == "\n":
                self.lineno += 1
            if self.debug >= 3:
                print("shlex: in state %r I see character: %r" % (self.state, nextchar))
            state = self.state
            if state is None:
                self.token = ""
                break
            if state == " ":
                if not nextchar:
                    self.state = None
                    break
                if nextchar in self.whitespace:
                    if self.debug >= 2:
                        print("shlex: I see whitespace in whitespace state")
                    if self._end_token(quoted):
                        break
                    continue
                if nextchar in self.commenters:
                    self.instream.readline()
                    self.lineno += 1
                elif self.posix and nextchar in self.escape:
                    escapedstate = "a"
                    self.state = nextchar
                elif nextchar in self.wordchars:
                    self.token = nextchar
                    self.state = "a"
                elif nextchar in self._punctuation_chars:
                    self.token = nextchar
                    self.state = "c"
                elif nextchar in self.quotes:
                    if not self.posix:
                        self.token = nextchar
                    self.state = nextchar
                elif self.whitespace_split:
                    self.token = nextchar
                    self.state = "a"
                else:
                    # Any other character is a token by itself.
                    self.token = nextchar
                    if self._end_token(quoted):
                        break
                    continue
            elif state in self.quotes:
                quoted = True
                if not nextchar:
                    if self.debug >= 2:
                        print("shlex: I see EOF in quotes state")
                    raise ValueError("No closing quotation")
                if nextchar == state:
                    if not self.posix:
                        self.token += nextchar
                        self.state = " "
                        break
                    self.state = "a"
                elif (self.posix and nextchar in self.escape
                      and state in self.escapedquotes):
                    escapedstate = state
                    self.state = nextchar
                else:
                    self.token += nextchar
            elif state in self.escape:
                if not nextchar:
                    if self.debug >= 2:
                        print("shlex: I see EOF in escape state")
                    raise ValueError("No escaped character")
                # Inside quotes only the quote itself and the escape character can
                # be escaped; before anything else the backslash stays.
                if (escapedstate in self.quotes and nextchar != state
                        and nextchar != escapedstate):
                    self.token += state
                self.token += nextchar
                self.state = escapedstate
            elif state in ("a", "c"):
                if not nextchar:
                    self.state = None
                    break
                if nextchar in self.whitespace:
                    if self.debug >= 2:
                        print("shlex: I see whitespace in word state")
                    self.state = " "
                    if self._end_token(quoted):
                        break
                    continue
                if nextchar in self.commenters:
                    self.instream.readline()
                    self.lineno += 1
                    if self.posix:
                        self.state = " "
                        if self._end_token(quoted):
                            break
                        continue
                elif state == "c":
                    if nextchar in self._punctuation_chars:
                        self.token += nextchar
                    else:
                        if nextchar not in self.whitespace:
                            self._pushback_chars.append(nextchar)
                        self.state = " "
                        break
                elif self.posix and nextchar in self.quotes:
                    self.state = nextchar
                elif self.posix and nextchar in self.escape:
                    escapedstate = "a"
                    self.state = nextchar
                elif (nextchar in self.wordchars or nextchar in self.quotes
                      or (self.whitespace_split
                          and nextchar not in self._punctuation_chars)):
                    self.token += nextchar
                else:
                    # The character ends the word and is read again as the start
                    # of the next token.
                    if self._punctuation_chars:
                        self._pushback_chars.append(nextchar)
                    else:
                        self.pushback.appendleft(nextchar)
                    if self.debug >= 2:
                        print("shlex: I see punctuation in word state")
                    self.state = " "
                    if self._end_token(quoted):
                        break
                    continue
        result = self.token
        self.token = ""
        if self.posix and not quoted and result == "":
            result = None
        if self.debug > 1:
            if result:
                print("shlex: raw token=" + repr(result))
            else:
                print("shlex: raw token=EOF")
        return result

    def sourcehook(self, newfile):
        """Opens the file named after the `source` keyword; returns (name, stream)."""
        import os.path
        if newfile[0] == '"':
            newfile = newfile[1:-1]
        # A relative name is relative to the file being read, like C's #include "x".
        if isinstance(self.infile, str) and not os.path.isabs(newfile):
            newfile = os.path.join(os.path.dirname(self.infile), newfile)
        return (newfile, open(newfile, "r"))

    def error_leader(self, infile=None, lineno=None):
        """The `"file", line N: ` prefix compilers put before error messages."""
        if infile is None:
            infile = self.infile
        if lineno is None:
            lineno = self.lineno
        return "\"%s\", line %d: " % (infile, lineno)

    def __iter__(self):
        return self

    def __next__(self):
        token = self.get_token()
        if token == self.eof:
            raise StopIteration
        return token


def split(s, comments=False, posix=True):
    """Splits `s` into words the way a POSIX shell would (comments are kept as
    text unless `comments` is true)."""
    if s is None:
        try:
            import warnings
        except ImportError:
            pass
        else:
            warnings.warn("Passing None for 's' to shlex.split() is deprecated.",
                          DeprecationWarning, stacklevel=2)
    lex = shlex(s, posix=posix)
    lex.whitespace_split = True
    if not comments:
        lex.commenters = ""
    return list(lex)


def join(split_command):
    """The inverse of `split`: quotes each argument as needed and joins them."""
    return " ".join(quote(arg) for arg in split_command)


_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                  "_@%+=:,./-")


def quote(s):
    """Quotes `s` so that a shell reads it back as one word with this exact value."""
    if not s:
        return "''"
    if not isinstance(s, str):
        # The messages of the regular-expression search CPython does here.
        if isinstance(s, (bytes, bytearray, memoryview)):
            raise TypeError("cannot use a string pattern on a bytes-like object")
        raise TypeError(
            f"expected string or bytes-like object, got '{type(s).__name__}'"
        )
    for c in s:
        if c not in _SAFE:
            break
    else:
        return s
    # Single quotes protect everything except a single quote, which is written
    # as '"'"' (close, a double-quoted quote, reopen).
    return "'" + s.replace("'", "'\"'\"'") + "'"
