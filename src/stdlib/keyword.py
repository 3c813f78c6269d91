"""`keyword`: the Python 3.11 keywords and soft keywords.

The lists are those of CPython 3.11's grammar, alphabetically ordered as in
CPython (upper-case names first).

Not provided: nothing.
"""

__all__ = ["iskeyword", "issoftkeyword", "kwlist", "softkwlist"]

kwlist = [
    "False", "None", "True",
    "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield",
]

# Names that are keywords only in some places (match statements, the wildcard).
softkwlist = ["_", "case", "match"]

# Bound methods of frozensets, as in CPython: iskeyword("x") is a set lookup.
iskeyword = frozenset(kwlist).__contains__
issoftkeyword = frozenset(softkwlist).__contains__
