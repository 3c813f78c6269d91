//! Parser tests: AST snapshots, CPython's syntax-error messages and lines, and the
//! conformance corpus through `apy check`.

use apy::diagnostic::ErrorClass;
use apy::parser::parse_module;
use apy::source::SourceFile;

mod syntax_cases;

/// Each statement's Debug form on its own line, then the scope count.
fn ast(src: &str) -> String {
    let m = parse_module(&SourceFile::new("t.apy", src))
        .unwrap_or_else(|d| panic!("{src:?}: {}", d.headline()));
    let mut out = String::new();
    for s in &m.body {
        out.push_str(&format!("{s:?}\n"));
    }
    out.push_str(&format!("scope_count = {}\n", m.scope_count));
    out
}

#[test]
fn snapshot_precedence() {
    insta::assert_snapshot!(ast("x = -2 ** 2\ny = 2 ** -1\nz = a + b * c @ d // e % f - g << 1 | h ^ i & j >> 2\nw = not a == b and c or d if e else f\nv = a < b <= c != d is not e not in f in g is h\nu = ~a + +b - -c\nt = await x ** 2\n"));
}

#[test]
fn snapshot_simple_statements() {
    insta::assert_snapshot!(ast("a = b = c\na, *b = c\n[a, b], (c, d) = e\nx += 1\nx.y **= 2\nx: int\nx[0]: int = 1\n(y): int = 2\ndel a, b.c, d[0]\nassert x, 'msg'\nraise\nraise X from Y\nglobal a, b\nimport a.b.c as d, e\nfrom ..m import (a as b, c,)\nfrom . import *\nfrom ...x import y\npass; break; continue\nx = 1, *y\n"));
}

#[test]
fn snapshot_compound_statements() {
    insta::assert_snapshot!(ast("if a:\n    pass\nelif b:\n    pass\nelif c: pass\nelse:\n    pass\nwhile x: y; z\nelse: pass\nfor i, j in a, b:\n    break\nelse:\n    continue\ntry:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\ntry:\n    pass\nexcept* E:\n    pass\nwith a as b, c:\n    pass\nwith (a as b, c as d,):\n    pass\nwith (a, b) as c:\n    pass\nwith (a):\n    pass\n"));
}

#[test]
fn snapshot_definitions() {
    insta::assert_snapshot!(ast("@dec\n@dec.attr(1)\ndef f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    return a, b\nasync def g(*, k):\n    async for x in y:\n        await x\n    async with a as b:\n        yield\n    x = yield 1\n    y = yield from z\nclass C(B, metaclass=M):\n    def m(self): pass\nlambda: 0\nlambda x, *y, z=1, **k: x\n"));
}

#[test]
fn snapshot_displays_and_comprehensions() {
    insta::assert_snapshot!(ast("()\n(x,)\n(x)\n[]\n[1, *a]\n{1, *a}\n{}\n{1: 2, **d}\n[x for x in y if x for z in x]\n{x for x in y}\n{k: v for k, v in d.items()}\n(x for x in y)\nf(x for x in y)\n[x async for x in y]\na[1:2, ::3]\na[::]\na[x:=1]\na[*b]\nf(a, *b, c=1, **d)\n(yield)\n(n := 10)\n...\n"));
}

#[test]
fn snapshot_strings_and_fstrings() {
    insta::assert_snapshot!(ast("'a' 'b'\nb'a' b'b'\nf'{x!r:>{w}}' 'tail'\nf'{x = }'\nf'{x=:>10}'\nf\"{'tab':\\t^9}\"\nf'{a}{{b}}{c!s}'\nf'''{\nx\n+ 1}'''\nf'{a, b}'\nf'{f\"{x}\"}'\n"));
}

/// (source, class, message, line) as CPython 3.11 reports them.
const ERRORS: &[syntax_cases::Case] = &[
    (
        "x = = 1\ny = \"unterminated",
        ErrorClass::SyntaxError,
        "unterminated string literal (detected at line 2)",
        2,
    ),
    (
        "x = = 1\ny = (",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "y = (\nx = = 1",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        1,
    ),
    (
        "1 = x",
        ErrorClass::SyntaxError,
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "f() = 1",
        ErrorClass::SyntaxError,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "a, f() = 1",
        ErrorClass::SyntaxError,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "a, 1 = 2",
        ErrorClass::SyntaxError,
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "[1] = x",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "(1) = x",
        ErrorClass::SyntaxError,
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "None = 1",
        ErrorClass::SyntaxError,
        "cannot assign to None",
        1,
    ),
    (
        "True = 1",
        ErrorClass::SyntaxError,
        "cannot assign to True",
        1,
    ),
    (
        "x + 1 = 2",
        ErrorClass::SyntaxError,
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "a < b = 2",
        ErrorClass::SyntaxError,
        "cannot assign to comparison",
        1,
    ),
    (
        "a if b else c = 1",
        ErrorClass::SyntaxError,
        "cannot assign to conditional expression",
        1,
    ),
    (
        "lambda: 1 = 1",
        ErrorClass::SyntaxError,
        "cannot assign to lambda",
        1,
    ),
    (
        "await x = 1",
        ErrorClass::SyntaxError,
        "cannot assign to await expression here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "(yield) = 1",
        ErrorClass::SyntaxError,
        "cannot assign to yield expression here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "(x := 1) = 2",
        ErrorClass::SyntaxError,
        "cannot assign to named expression here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "del f()",
        ErrorClass::SyntaxError,
        "cannot delete function call",
        1,
    ),
    ("del 1", ErrorClass::SyntaxError, "cannot delete literal", 1),
    (
        "del (a, 1)",
        ErrorClass::SyntaxError,
        "cannot delete literal",
        1,
    ),
    (
        "del a + b",
        ErrorClass::SyntaxError,
        "cannot delete expression",
        1,
    ),
    (
        "for 1 in x: pass",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "for f() in x: pass",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "with a as 1: pass",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "with a as f(): pass",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "[x for 1 in y]",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "[x for f() in y]",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "1 += 1",
        ErrorClass::SyntaxError,
        "'literal' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "(a, b) += 1",
        ErrorClass::SyntaxError,
        "'tuple' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "[a] += 1",
        ErrorClass::SyntaxError,
        "'list' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "f() += 1",
        ErrorClass::SyntaxError,
        "'function call' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "a + b += 1",
        ErrorClass::SyntaxError,
        "'expression' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "x.y := 1",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with attribute",
        1,
    ),
    (
        "(x.y := 1)",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with attribute",
        1,
    ),
    (
        "(x[0] := 1)",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with subscript",
        1,
    ),
    (
        "(1 := 1)",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with literal",
        1,
    ),
    (
        "((a, b) := 1)",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with tuple",
        1,
    ),
    ("x := 1", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "if x = 1: pass",
        ErrorClass::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
    ),
    (
        "if f() = 1: pass",
        ErrorClass::SyntaxError,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "def f(a=1, b): pass",
        ErrorClass::SyntaxError,
        "non-default argument follows default argument",
        1,
    ),
    (
        "f(a=1, b)",
        ErrorClass::SyntaxError,
        "positional argument follows keyword argument",
        1,
    ),
    (
        "f(**k, b)",
        ErrorClass::SyntaxError,
        "positional argument follows keyword argument unpacking",
        1,
    ),
    (
        "f(**k, *a)",
        ErrorClass::SyntaxError,
        "iterable argument unpacking follows keyword argument unpacking",
        1,
    ),
    // CPython's `invalid_legacy_expression` applies wherever an expression stands.
    (
        "(print x)",
        ErrorClass::SyntaxError,
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
    ),
    (
        "x = [print \"a\"]",
        ErrorClass::SyntaxError,
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
    ),
    // A comma is suggested only when an expression follows and precedes.
    (
        "f(a lambda .b)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "f(a lambda: .b)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    // Once a handler is there, a stray token is plain invalid syntax.
    (
        "try:\n x\nexcept E:\n y\n:\n",
        ErrorClass::SyntaxError,
        "invalid syntax",
        5,
    ),
    // An empty subscript inside brackets reads as a second element, `[]`.
    (
        "f(a, b[], c)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    ("x = a[]", ErrorClass::SyntaxError, "invalid syntax", 1),
    // Parentheses in a parameter list are parenthesized parameters only around names.
    (
        "def f(x, (a, b)): pass",
        ErrorClass::SyntaxError,
        "Function parameters cannot be parenthesized",
        1,
    ),
    (
        "def f( (): pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    // Outside brackets: the `[` after a call's `)` does not make `0` a second element.
    (
        "x = a.b c(1)[0]",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "f(lambda g(x))",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "f(a lambda x: 1)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    // A repeated keyword is reported after parsing (by sema), so a later syntax error
    // wins, as in CPython.
    (
        "f(a=1, a=2)\n  y\n",
        ErrorClass::IndentationError,
        "unexpected indent",
        2,
    ),
    (
        "f(a.b=1)",
        ErrorClass::SyntaxError,
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        1,
    ),
    (
        "f(x for x in y, 1)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "f(1, x for x in y)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    ("if x\n    pass", ErrorClass::SyntaxError, "expected ':'", 1),
    (
        "[a b]",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "(a b)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f(a b)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "{a b}",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    ("a b", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "print \"x\"",
        ErrorClass::SyntaxError,
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
    ),
    ("(", ErrorClass::SyntaxError, "'(' was never closed", 1),
    (
        "x = (1,\n2",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        1,
    ),
    (
        "  x = 1",
        ErrorClass::IndentationError,
        "unexpected indent",
        1,
    ),
    (
        "if x:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'if' statement on line 1",
        2,
    ),
    (
        "def f():\nreturn 1",
        ErrorClass::IndentationError,
        "expected an indented block after function definition on line 1",
        2,
    ),
    (
        "class A:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after class definition on line 1",
        2,
    ),
    (
        "while x:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'while' statement on line 1",
        2,
    ),
    (
        "for x in y:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'for' statement on line 1",
        2,
    ),
    (
        "with a:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'with' statement on line 1",
        2,
    ),
    (
        "try:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'try' statement on line 1",
        2,
    ),
    (
        "try:\n    pass\nexcept:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'except' statement on line 3",
        4,
    ),
    (
        "try:\n    pass\nfinally:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'finally' statement on line 3",
        4,
    ),
    (
        "if x:\n    pass\nelse:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'else' statement on line 3",
        4,
    ),
    (
        "if x:\n    pass\nelif y:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'elif' statement on line 3",
        4,
    ),
    (
        "async def f():\npass",
        ErrorClass::IndentationError,
        "expected an indented block after function definition on line 1",
        2,
    ),
    (
        "async def f():\n    async for x in y:\n    pass",
        ErrorClass::IndentationError,
        "expected an indented block after 'for' statement on line 2",
        3,
    ),
    (
        "async def f():\n    async with y:\n    pass",
        ErrorClass::IndentationError,
        "expected an indented block after 'with' statement on line 2",
        3,
    ),
    (
        "try:\n    pass\nexcept ValueError:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'except' statement on line 3",
        4,
    ),
    (
        "try:\n    pass\nexcept* ValueError:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'except*' statement on line 3",
        4,
    ),
    (
        "for x in y:\n    pass\nelse:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'else' statement on line 3",
        4,
    ),
    (
        "while x:\n    pass\nelse:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'else' statement on line 3",
        4,
    ),
    (
        "try:\n    pass\nexcept:\n    pass\nelse:\npass",
        ErrorClass::IndentationError,
        "expected an indented block after 'else' statement on line 5",
        6,
    ),
    (
        "if x:\n    a\n  b",
        ErrorClass::IndentationError,
        "unindent does not match any outer indentation level",
        3,
    ),
    (
        "async def f():\n    await = 3",
        ErrorClass::SyntaxError,
        "invalid syntax",
        2,
    ),
    (
        "def f(*, **k): pass",
        ErrorClass::SyntaxError,
        "named arguments must follow bare *",
        1,
    ),
    (
        "def f(*): pass",
        ErrorClass::SyntaxError,
        "named arguments must follow bare *",
        1,
    ),
    (
        "lambda *: 1",
        ErrorClass::SyntaxError,
        "named arguments must follow bare *",
        1,
    ),
    (
        "from m import a,",
        ErrorClass::SyntaxError,
        "trailing comma not allowed without surrounding parentheses",
        1,
    ),
    (
        "import a from b",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass",
        ErrorClass::SyntaxError,
        "cannot have both 'except' and 'except*' on the same 'try'",
        5,
    ),
    (
        "try:\n    pass\nexcept* TypeError:\n    pass\nexcept ValueError:\n    pass\n",
        ErrorClass::SyntaxError,
        "cannot have both 'except' and 'except*' on the same 'try'",
        5,
    ),
    (
        "x = a, f() = 1",
        ErrorClass::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
    ),
    (
        "x = a < b = 2",
        ErrorClass::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
    ),
    (
        "x.y = a < b = 2",
        ErrorClass::SyntaxError,
        "cannot assign to attribute here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "x = yield = 1",
        ErrorClass::SyntaxError,
        "assignment to yield expression not possible",
        1,
    ),
    (
        "(a = 1) = 2",
        ErrorClass::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
    ),
    (
        "[x for x in y] = 1",
        ErrorClass::SyntaxError,
        "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "([1]) = x",
        ErrorClass::SyntaxError,
        "cannot assign to list here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "(x) = a < b = 2",
        ErrorClass::SyntaxError,
        "cannot assign to name here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "((x) := 1)",
        ErrorClass::SyntaxError,
        "cannot use assignment expressions with name",
        1,
    ),
    (
        "f((a)=1)",
        ErrorClass::SyntaxError,
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        1,
    ),
    (
        "f(a=1 for x in y)",
        ErrorClass::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
    ),
    (
        "f(x for x in y, )",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "f(*a, x for x in y)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "f(x=1, **k, *a)",
        ErrorClass::SyntaxError,
        "iterable argument unpacking follows keyword argument unpacking",
        1,
    ),
    (
        "def f(**k, a): pass",
        ErrorClass::SyntaxError,
        "arguments cannot follow var-keyword argument",
        1,
    ),
    (
        "def f(*a, *b): pass",
        ErrorClass::SyntaxError,
        "* argument may appear only once",
        1,
    ),
    (
        "def f(a=1, /, b): pass",
        ErrorClass::SyntaxError,
        "non-default argument follows default argument",
        1,
    ),
    (
        "def f(/, a): pass",
        ErrorClass::SyntaxError,
        "at least one argument must precede /",
        1,
    ),
    (
        "def f(a, /, b, /): pass",
        ErrorClass::SyntaxError,
        "/ may appear only once",
        1,
    ),
    (
        "def f(*, a, /): pass",
        ErrorClass::SyntaxError,
        "/ must be ahead of *",
        1,
    ),
    (
        "def f(**k=1): pass",
        ErrorClass::SyntaxError,
        "var-keyword argument cannot have default value",
        1,
    ),
    (
        "def f(*a=1): pass",
        ErrorClass::SyntaxError,
        "var-positional argument cannot have default value",
        1,
    ),
    (
        "lambda a=1, b: 0",
        ErrorClass::SyntaxError,
        "non-default argument follows default argument",
        1,
    ),
    (
        "x: int, y: int = 1, 2",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "a, b: int",
        ErrorClass::SyntaxError,
        "only single target (not tuple) can be annotated",
        1,
    ),
    (
        "[a]: int",
        ErrorClass::SyntaxError,
        "only single target (not list) can be annotated",
        1,
    ),
    (
        "f(): int",
        ErrorClass::SyntaxError,
        "illegal target for annotation",
        1,
    ),
    (
        "a + b: int",
        ErrorClass::SyntaxError,
        "illegal target for annotation",
        1,
    ),
    ("for x in y", ErrorClass::SyntaxError, "expected ':'", 1),
    ("while x", ErrorClass::SyntaxError, "expected ':'", 1),
    ("with a as b", ErrorClass::SyntaxError, "expected ':'", 1),
    ("class A(B)", ErrorClass::SyntaxError, "expected ':'", 1),
    ("class A", ErrorClass::SyntaxError, "expected ':'", 1),
    ("def f()", ErrorClass::SyntaxError, "expected ':'", 1),
    ("def f", ErrorClass::SyntaxError, "expected '('", 1),
    ("try", ErrorClass::SyntaxError, "expected ':'", 1),
    ("else:", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "if x:\n    pass\nelse\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "if x:\n    pass\nelif y\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "try:\n    pass\nexcept ValueError\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "try:\n    pass\nfinally\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "try:\n    pass",
        ErrorClass::SyntaxError,
        "expected 'except' or 'finally' block",
        2,
    ),
    (
        "try:\n    pass\nx = 1",
        ErrorClass::SyntaxError,
        "expected 'except' or 'finally' block",
        3,
    ),
    (
        "try:\n    pass\nexcept*:\n    pass",
        ErrorClass::SyntaxError,
        "expected one or more exception types",
        3,
    ),
    (
        "if x:",
        ErrorClass::IndentationError,
        "expected an indented block after 'if' statement on line 1",
        1,
    ),
    (
        "if x:\n",
        ErrorClass::IndentationError,
        "expected an indented block after 'if' statement on line 1",
        1,
    ),
    (
        "def f():\n    x = 1\n     y = 2",
        ErrorClass::IndentationError,
        "unexpected indent",
        3,
    ),
    ("x = (", ErrorClass::SyntaxError, "'(' was never closed", 1),
    (
        "x = [1, 2\ny = 3",
        ErrorClass::SyntaxError,
        "'[' was never closed",
        1,
    ),
    ("foo(", ErrorClass::SyntaxError, "'(' was never closed", 1),
    (
        "{a: 1, b}",
        ErrorClass::SyntaxError,
        "':' expected after dictionary key",
        1,
    ),
    (
        "{a: b c}",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "[a for a in b c]",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "[a, b c]",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "(1 2)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "print 1",
        ErrorClass::SyntaxError,
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
    ),
    (
        "exec \"x\"",
        ErrorClass::SyntaxError,
        "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
        1,
    ),
    (
        "a = 1 if b",
        ErrorClass::SyntaxError,
        "expected 'else' after 'if' expression",
        1,
    ),
    ("x = 1 +", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("x = 1 + * 2", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("f(a, b", ErrorClass::SyntaxError, "'(' was never closed", 1),
    (
        "@dec\ndef f():\npass",
        ErrorClass::IndentationError,
        "expected an indented block after function definition on line 2",
        3,
    ),
    ("async x", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "async def f():\n    async x = 1",
        ErrorClass::SyntaxError,
        "invalid syntax",
        2,
    ),
    (
        "def f(a b): pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    ("import a.", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "from . import",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "from x import (a, b",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        1,
    ),
    (
        "from x import ()",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "from x import a b",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    ("del", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("global", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("print(*)", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "x = [*a for a in b]",
        ErrorClass::SyntaxError,
        "iterable unpacking cannot be used in comprehension",
        1,
    ),
    (
        "{**a for a in b}",
        ErrorClass::SyntaxError,
        "dict unpacking cannot be used in dict comprehension",
        1,
    ),
    (
        "f(**a for a in b)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    ("x = await", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("not", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("a.1", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("a..b", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "1 if 2",
        ErrorClass::SyntaxError,
        "expected 'else' after 'if' expression",
        1,
    ),
    (
        "x = {1:2, **a, 3}",
        ErrorClass::SyntaxError,
        "':' expected after dictionary key",
        1,
    ),
    (
        "x = f\"{a b}\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "x = f\"{}\"\ny = \"abc",
        ErrorClass::SyntaxError,
        "unterminated string literal (detected at line 2)",
        2,
    ),
    (
        "f\"{1abc}\"",
        ErrorClass::SyntaxError,
        "invalid decimal literal",
        1,
    ),
    (
        "f\"{a!x}\"\ny = $",
        ErrorClass::SyntaxError,
        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
        1,
    ),
    (
        "x = = 1\ny = $",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "x = = 1\ny = 1abc",
        ErrorClass::SyntaxError,
        "invalid decimal literal",
        2,
    ),
    (
        "x = = 1\n\ty = 2",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "if x:\n    y = f(\n    z = 1",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        2,
    ),
    (
        "def f():\n    return [\n        1,\n        2",
        ErrorClass::SyntaxError,
        "'[' was never closed",
        2,
    ),
    (
        "x = (1 +\n     2 +",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        1,
    ),
    ("x = 1 2 3", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "f(x for x in y for z in w, 1)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "def f[T](): pass",
        ErrorClass::SyntaxError,
        "expected '('",
        1,
    ),
    (
        "print(\"hi\") print(\"x\")",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "class A(x=1, B): pass",
        ErrorClass::SyntaxError,
        "positional argument follows keyword argument",
        1,
    ),
    (
        "f(True=1)",
        ErrorClass::SyntaxError,
        "cannot assign to True",
        1,
    ),
    (
        "x = 3 if y",
        ErrorClass::SyntaxError,
        "expected 'else' after 'if' expression",
        1,
    ),
    (
        "for x in range(10):\n    pass\n  y = 1",
        ErrorClass::IndentationError,
        "unindent does not match any outer indentation level",
        3,
    ),
    (
        "while True\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        1,
    ),
    (
        "x = 1 +\ny = 2",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "def f(x):\n  return x\n y = 1",
        ErrorClass::IndentationError,
        "unindent does not match any outer indentation level",
        3,
    ),
    (
        "try:\n    pass\nexcept A, B:\n    pass",
        ErrorClass::SyntaxError,
        "multiple exception types must be parenthesized",
        3,
    ),
    (
        "x = \"abc\" b\"def\"",
        ErrorClass::SyntaxError,
        "cannot mix bytes and nonbytes literals",
        1,
    ),
    (
        "x = b\"abc\" \"def\"",
        ErrorClass::SyntaxError,
        "cannot mix bytes and nonbytes literals",
        1,
    ),
    (
        "x = b\"abc\" f\"def\"",
        ErrorClass::SyntaxError,
        "cannot mix bytes and nonbytes literals",
        1,
    ),
    ("1 + (2", ErrorClass::SyntaxError, "'(' was never closed", 1),
    ("x = )", ErrorClass::SyntaxError, "unmatched ')'", 1),
    (
        "[1, 2)",
        ErrorClass::SyntaxError,
        "closing parenthesis ')' does not match opening parenthesis '['",
        1,
    ),
    (
        "{1: 2]",
        ErrorClass::SyntaxError,
        "closing parenthesis ']' does not match opening parenthesis '{'",
        1,
    ),
    (
        "x = (\n  1,\n  2]",
        ErrorClass::SyntaxError,
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
        3,
    ),
    (
        "if x:\n    pass\n  else:\n    pass",
        ErrorClass::IndentationError,
        "unindent does not match any outer indentation level",
        3,
    ),
    (
        "x = 'abc' 'def",
        ErrorClass::SyntaxError,
        "unterminated string literal (detected at line 1)",
        1,
    ),
    (
        "x = \\",
        ErrorClass::SyntaxError,
        "unexpected EOF while parsing",
        1,
    ),
    ("def f(", ErrorClass::SyntaxError, "'(' was never closed", 1),
    (
        "\"\"\"abc",
        ErrorClass::SyntaxError,
        "unterminated triple-quoted string literal (detected at line 1)",
        1,
    ),
    (
        "f(a, b for b in c)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "f(**a, *b)",
        ErrorClass::SyntaxError,
        "iterable argument unpacking follows keyword argument unpacking",
        1,
    ),
    (
        "x = [a, b for b in c]",
        ErrorClass::SyntaxError,
        "did you forget parentheses around the comprehension target?",
        1,
    ),
    (
        "class A x:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "try x:\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        1,
    ),
    (
        "if x:\n    pass\nelse x:\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "try:\n    pass\nfinally x:\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "def f() x:\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        1,
    ),
    (
        "def f() -> int x:\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        1,
    ),
    (
        "for x in y z:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "while x y:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "if x y:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "with a b:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "class A(B) x: pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "lambda x y: 1",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    ("lambda x", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "x = {a: }",
        ErrorClass::SyntaxError,
        "expression expected after dictionary key and ':'",
        1,
    ),
    (
        "x = {a:}",
        ErrorClass::SyntaxError,
        "expression expected after dictionary key and ':'",
        1,
    ),
    (
        "x = {a, b for b in c}",
        ErrorClass::SyntaxError,
        "did you forget parentheses around the comprehension target?",
        1,
    ),
    (
        "x = (a, b for b in c)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "try:\n    pass\nexcept x y:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        3,
    ),
    (
        "try:\n    pass\nexcept x\n    pass",
        ErrorClass::SyntaxError,
        "expected ':'",
        3,
    ),
    (
        "async def f():\n    async x",
        ErrorClass::SyntaxError,
        "invalid syntax",
        2,
    ),
    ("import", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "from x import",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "if x:\n    pass\nelif y z:\n    pass",
        ErrorClass::SyntaxError,
        "invalid syntax",
        3,
    ),
    (
        "f(a for a in b, c)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "f(a, *b for b in c)",
        ErrorClass::SyntaxError,
        "Generator expression must be parenthesized",
        1,
    ),
    (
        "x = yield from",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "print(a, m ath)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    ("print(m ath)", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "f(a, b c)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f(x, y(1) z)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "print(\"x\" await)",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "print(\"x\"await )",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "(a, b c)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "{a, b c}",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f(a=1, b c)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "x = 0.for3",
        ErrorClass::SyntaxError,
        "invalid decimal literal",
        1,
    ),
    (
        "x = (0.for3)",
        ErrorClass::SyntaxError,
        "invalid decimal literal",
        1,
    ),
    (
        "x = 1\ny = (0.for3, = 2)",
        ErrorClass::SyntaxError,
        "invalid decimal literal",
        2,
    ),
    (
        "foo(x y)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "foo(1, x y)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "foo(1, 2 3)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "foo(x, y z)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "foo(x.y, z w)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "foo(x(), z w)\n",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f(a b\nc = 1",
        ErrorClass::SyntaxError,
        "'(' was never closed",
        1,
    ),
    (
        "i(mport asyncio)",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    ("foo(m x)", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "def attey:\n    pass",
        ErrorClass::SyntaxError,
        "expected '('",
        1,
    ),
    (
        "x = (**a)",
        ErrorClass::SyntaxError,
        "cannot use double starred expression here",
        1,
    ),
    (
        "f(a.b=)",
        ErrorClass::SyntaxError,
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        1,
    ),
    (
        "[a, b for b in c]",
        ErrorClass::SyntaxError,
        "did you forget parentheses around the comprehension target?",
        1,
    ),
    (
        "def sleeper((name):\n    pass",
        ErrorClass::SyntaxError,
        "Function parameters cannot be parenthesized",
        1,
    ),
    (
        "x = {\"b\": 5, x \"c\": 6}",
        ErrorClass::SyntaxError,
        "':' expected after dictionary key",
        1,
    ),
    (
        "try:     yield n\n        n += 1",
        ErrorClass::SyntaxError,
        "expected 'except' or 'finally' block",
        2,
    ),
    (
        "  must not print\")",
        ErrorClass::IndentationError,
        "unexpected indent",
        1,
    ),
    (
        "except ValueError:,",
        ErrorClass::SyntaxError,
        "invalid syntax",
        1,
    ),
    (
        "x = 1\n y = \"unterminated",
        ErrorClass::IndentationError,
        "unexpected indent",
        2,
    ),
    (
        "for print(\"x\", y.z()):\n    pass",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "for print(\"x\", y.z())\n    pass",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "total = 1\navg = total{ / count",
        ErrorClass::SyntaxError,
        "invalid syntax",
        2,
    ),
    (
        "d{ef on_done(task): pass",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    ("f(x)(y) z", ErrorClass::SyntaxError, "invalid syntax", 1),
    (
        "(a, type(b).c [d for d in e])\n",
        ErrorClass::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "[a + b] = 1",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        1,
    ),
    (
        "for a + b in x: pass",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        1,
    ),
    (
        "with a as (b + c): pass",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        1,
    ),
    (
        "[x for a + b in y]",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        1,
    ),
    (
        "del (a + b)",
        ErrorClass::SyntaxError,
        "cannot delete expression",
        1,
    ),
    (
        "del [a, f()]",
        ErrorClass::SyntaxError,
        "cannot delete function call",
        1,
    ),
    (
        "x = 1 = y",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "a, b + c = d",
        ErrorClass::SyntaxError,
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "(a, b) + c = d",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        1,
    ),
    (
        "f(x) += 1",
        ErrorClass::SyntaxError,
        "'function call' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "x.y, z += 1",
        ErrorClass::SyntaxError,
        "'tuple' is an illegal expression for augmented assignment",
        1,
    ),
    (
        "async def f():\n    [x async for x + 1 in y]",
        ErrorClass::SyntaxError,
        "cannot assign to expression",
        2,
    ),
    (
        "lambda: (yield) = 1",
        ErrorClass::SyntaxError,
        "cannot assign to lambda",
        1,
    ),
    (
        "print(1, 2) = 3",
        ErrorClass::SyntaxError,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "x = [1, 2] = 3",
        ErrorClass::SyntaxError,
        "cannot assign to literal",
        1,
    ),
    (
        "*a, f() = b",
        ErrorClass::SyntaxError,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
    ),
    (
        "a = *b, c() = d\n",
        ErrorClass::SyntaxError,
        "cannot assign to function call",
        1,
    ),
    (
        "f\"\"\"{\na\n+\n}\"\"\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax",
        4,
    ),
    (
        "f\"{a b}\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f\"{*a}\"",
        ErrorClass::SyntaxError,
        "f-string: cannot use starred expression here",
        1,
    ),
    (
        "f\"{lambda x: 1}\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax",
        1,
    ),
    (
        "f\"{a!x}\" \"b\"",
        ErrorClass::SyntaxError,
        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
        1,
    ),
    (
        "x = f\"{a:{b c}}\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f\"{f'{a b}'}\"",
        ErrorClass::SyntaxError,
        "f-string: invalid syntax. Perhaps you forgot a comma?",
        1,
    ),
    (
        "f\"{x}\" b\"y\"",
        ErrorClass::SyntaxError,
        "cannot mix bytes and nonbytes literals",
        1,
    ),
    (
        "f'{\"\\N{DIGIT ONE}\"}'",
        ErrorClass::SyntaxError,
        "f-string expression part cannot include a backslash",
        1,
    ),
    (
        "f\"{a}}\"",
        ErrorClass::SyntaxError,
        "f-string: single '}' is not allowed",
        1,
    ),
];

#[test]
fn syntax_errors_match_cpython() {
    syntax_cases::assert_cpython_errors(ERRORS, "");
}

/// Valid Python outside apy's subset: a clear error, never a wrong parse.
#[test]
fn unsupported_constructs_are_reported() {
    for (src, line) in [
        ("match x:\n    case 1:\n        pass\n", 1),
        ("x = 1\nmatch (x):\n    case _: pass\n", 2),
        ("x = 2j\n", 1),
    ] {
        let file = SourceFile::new("f", src);
        let d = parse_module(&file).expect_err("unsupported");
        assert_eq!(d.class, ErrorClass::SyntaxError);
        assert!(
            d.message.ends_with("are not supported by apy"),
            "{}",
            d.message
        );
        assert_eq!(d.line(&file), line);
    }
    // `match` as an ordinary name still works.
    assert!(parse_module(&SourceFile::new("f", "match = 3\nmatch(x)\nmatch[0] = 1\n")).is_ok());
}

#[test]
fn scope_ids_are_dense_and_unique() {
    let src = "def f():\n    g = lambda: [x for x in (y for y in z)]\n    class C:\n        def m(self): return {k: v for k, v in d}\n    return {s for s in f'{[q for q in w]}'}\n";
    let m = parse_module(&SourceFile::new("t", src)).expect("parses");
    // f, lambda, listcomp, genexp, C, m, dictcomp, setcomp, listcomp-in-fstring, module.
    assert_eq!(m.scope_count, 10);
}

fn conformance_files() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/conformance")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "apy"))
        .collect();
    v.sort();
    v
}

/// Every corpus program passes `apy check`, except the `syntax_err_*` programs (their
/// errors are the semantic pass's; the conformance harness checks their messages).
#[test]
fn apy_check_accepts_the_conformance_corpus() {
    let files: Vec<_> = conformance_files()
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .starts_with("syntax_err_")
        })
        .collect();
    assert!(files.len() > 50);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("check")
        .arg("--color=never")
        .args(&files)
        .output()
        .expect("apy runs");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn apy_check_reports_errors_and_exit_codes() {
    let dir = std::env::temp_dir().join(format!("apy-check-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.apy");
    std::fs::write(&bad, "x = 1\nif x\n    pass\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apy"))
        .args(["check", "--color=never"])
        .arg(&bad)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("line 2"), "{err}");
    assert!(
        err.trim_end().ends_with("SyntaxError: expected ':'"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "no colour with --color=never");

    let missing = dir.join("missing.apy");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("check")
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "apy: can't open file '{}': [Errno 2] No such file or directory\n",
            missing.display()
        )
    );

    let latin1 = dir.join("latin1.apy");
    std::fs::write(&latin1, b"x = 1\ny = '\xe9'\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("check")
        .arg(&latin1)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SyntaxError: Non-UTF-8 code starting with '\\xe9'"),
        "{err}"
    );
    assert!(err.contains("on line 2"), "{err}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("frobnicate")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
