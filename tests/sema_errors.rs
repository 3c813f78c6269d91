//! The placement and scope rules, against CPython 3.11: each case is a program and the
//! `SyntaxError` message and line CPython reports for it (or `None`: CPython compiles
//! it). The expectations were produced with `compile()` on CPython 3.11.7. Several cases
//! hold two errors, to check that the one CPython reports first wins: symtable errors
//! before compiler errors, and compiler errors in code-generation order.

use apy::parser::parse_module;
use apy::sema::analyze;
use apy::source::SourceFile;

const CASES: &[(&str, Option<(&str, u32)>)] = &[
    (
        r#"def f():
  return 2
  yield
  await x"#,
        Some(("'return' with value in async generator", 2)),
    ),
    (
        r#"def f():
  await x
  return 2
  yield"#,
        Some(("'await' outside async function", 2)),
    ),
    (
        r#"class C:
  nonlocal x"#,
        Some(("no binding for nonlocal 'x' found", 2)),
    ),
    (
        r#"nonlocal x"#,
        Some(("nonlocal declaration not allowed at module level", 1)),
    ),
    (
        r#"def f():
  nonlocal x"#,
        Some(("no binding for nonlocal 'x' found", 2)),
    ),
    (
        r#"def f(x):
  global x"#,
        Some(("name 'x' is parameter and global", 2)),
    ),
    (
        r#"def f(x):
  nonlocal x"#,
        Some(("name 'x' is parameter and nonlocal", 2)),
    ),
    (
        r#"def g():
  x = 1
  def f():
    global x
    nonlocal x"#,
        Some(("name 'x' is nonlocal and global", 4)),
    ),
    (
        r#"def g():
  x = 1
  def f():
    nonlocal x
    global x"#,
        Some(("name 'x' is nonlocal and global", 4)),
    ),
    (
        r#"def f():
  x = 1
  global x"#,
        Some(("name 'x' is assigned to before global declaration", 3)),
    ),
    (
        r#"def f():
  print(x)
  global x"#,
        Some(("name 'x' is used prior to global declaration", 3)),
    ),
    (
        r#"def f():
  x: int
  global x"#,
        Some(("annotated name 'x' can't be global", 3)),
    ),
    (
        r#"def f():
  global x
  x: int"#,
        Some(("annotated name 'x' can't be global", 3)),
    ),
    (
        r#"def g():
  x = 1
  def f():
    x: int
    nonlocal x"#,
        Some(("annotated name 'x' can't be nonlocal", 5)),
    ),
    (
        r#"def g():
  x = 1
  def f():
    nonlocal x
    x: int"#,
        Some(("annotated name 'x' can't be nonlocal", 5)),
    ),
    (
        r#"def f(a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"lambda a, a: 1"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"def f(a, *, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"def f(a, **a): pass"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"from m import *
def f():
  from m import *"#,
        Some(("import * only allowed at module level", 3)),
    ),
    (
        r#"class C:
  from m import *"#,
        Some(("import * only allowed at module level", 2)),
    ),
    (
        r#"def f():
    try:
        return 1
        await y
    finally:
        await x"#,
        Some(("'await' outside async function", 6)),
    ),
    (
        r#"if False:
    await x"#,
        Some(("'await' outside function", 2)),
    ),
    (
        r#"if 0:
    return 1"#,
        Some(("'return' outside function", 2)),
    ),
    (r#"(await x for x in y)"#, None),
    (
        r#"def f():
    return (await x for x in y)"#,
        None,
    ),
    (
        r#"def f():
    return [await x for x in y]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"def f():
    return [x for x in (await y)]"#,
        Some(("'await' outside async function", 2)),
    ),
    (
        r#"def f():
    return [await x for x in (await y)]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"def f():
    return ([await z for z in x] for x in y)"#,
        None,
    ),
    (
        r#"[[await z for z in x] for x in y]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            1,
        )),
    ),
    (
        r#"async def f():
    lambda: [await z for z in x]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"async def f():
    lambda: await z"#,
        Some(("'await' outside async function", 2)),
    ),
    (
        r#"async def f():
    class C:
        await z"#,
        Some(("'await' outside function", 3)),
    ),
    (
        r#"class C(await x):
    await y"#,
        Some(("'await' outside function", 2)),
    ),
    (
        r#"@await d
class C(await x):
    pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"*a = 1"#,
        Some(("starred assignment target must be in a list or tuple", 1)),
    ),
    (r#"*a"#, Some(("can't use starred expression here", 1))),
    (
        r#"*a, *b = c"#,
        Some(("multiple starred expressions in assignment", 1)),
    ),
    (r#"__debug__ = 1"#, Some(("cannot assign to __debug__", 1))),
    (r#"f(a=1, a=2)"#, Some(("keyword argument repeated: a", 1))),
    (
        r#"def f(__debug__): pass"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"def f():
    x = 1
    del __debug__"#,
        Some(("cannot delete __debug__", 3)),
    ),
    (r#"print(*a)"#, None),
    (r#"x = *a"#, Some(("can't use starred expression here", 1))),
    (r#"x = *a,"#, None),
    (
        r#"async def f():
    [x async for x in y]"#,
        None,
    ),
    (
        r#"async def f():
    yield 1
    return 2"#,
        Some(("'return' with value in async generator", 3)),
    ),
    (
        r#"async def f():
    return None
    yield"#,
        Some(("'return' with value in async generator", 2)),
    ),
    (
        r#"async def f():
    return
    yield"#,
        None,
    ),
    (
        r#"async def f():
    if False: yield
    return 1"#,
        Some(("'return' with value in async generator", 3)),
    ),
    (
        r#"async def f():
    x = yield from g()"#,
        Some(("'yield from' inside async function", 2)),
    ),
    (
        r#"class C:
    yield 1"#,
        Some(("'yield' outside function", 2)),
    ),
    (
        r#"class C:
    return 1"#,
        Some(("'return' outside function", 2)),
    ),
    (
        r#"[(yield x) for x in y]"#,
        Some(("'yield' inside list comprehension", 1)),
    ),
    (
        r#"{(yield x) for x in y}"#,
        Some(("'yield' inside set comprehension", 1)),
    ),
    (
        r#"{x: (yield x) for x in y}"#,
        Some(("'yield' inside dict comprehension", 1)),
    ),
    (
        r#"((yield x) for x in y)"#,
        Some(("'yield' inside generator expression", 1)),
    ),
    (
        r#"[(yield from x) for x in y]"#,
        Some(("'yield' inside list comprehension", 1)),
    ),
    (
        r#"def f():
    [x for x in (yield y)]"#,
        None,
    ),
    (
        r#"[x for x in (yield y)]"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"return 1
def f(a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 2)),
    ),
    (
        r#"*a = 1
def f(a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 2)),
    ),
    (
        r#"[(yield x) for x in y]
return 1"#,
        Some(("'yield' inside list comprehension", 1)),
    ),
    (
        r#"return 1
[(yield x) for x in y]"#,
        Some(("'yield' inside list comprehension", 2)),
    ),
    (
        r#"return 1
[(x := 1) for x in y]"#,
        Some((
            "assignment expression cannot rebind comprehension iteration variable 'x'",
            2,
        )),
    ),
    (
        r#"return 1
[x for x in (y := 1)]"#,
        Some((
            "assignment expression cannot be used in a comprehension iterable expression",
            2,
        )),
    ),
    (
        r#"return 1
class C:
    [(y := 1) for x in y]"#,
        Some((
            "assignment expression within a comprehension cannot be used in a class body",
            3,
        )),
    ),
    (
        r#"return 1
def f():
  nonlocal x"#,
        Some(("no binding for nonlocal 'x' found", 3)),
    ),
    (
        r#"return 1
def f():
  x = 1
  def g():
    x = 2
    def h():
      nonlocal x
      nonlocal y"#,
        Some(("no binding for nonlocal 'y' found", 8)),
    ),
    (
        r#"def f():
  nonlocal y
def f(a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 3)),
    ),
    (
        r#"nonlocal y
def f(a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 2)),
    ),
    (
        r#"[i for i in range(3) for j in (k := [1])]"#,
        Some((
            "assignment expression cannot be used in a comprehension iterable expression",
            1,
        )),
    ),
    (
        r#"[i for i in range(3) if (j := 1) for j in x]"#,
        Some((
            "comprehension inner loop cannot rebind assignment expression target 'j'",
            1,
        )),
    ),
    (
        r#"[(j := 1) for i in range(3) for j in x]"#,
        Some((
            "assignment expression cannot rebind comprehension iteration variable 'j'",
            1,
        )),
    ),
    (
        r#"[i := 0 for i in range(3)]"#,
        Some((
            "assignment expression cannot rebind comprehension iteration variable 'i'",
            1,
        )),
    ),
    (
        r#"[[(i := 0) for j in x] for i in range(3)]"#,
        Some((
            "assignment expression cannot rebind comprehension iteration variable 'i'",
            1,
        )),
    ),
    (
        r#"def f():
    global x
    [x for x in y if (x := 1)]"#,
        Some((
            "assignment expression cannot rebind comprehension iteration variable 'x'",
            3,
        )),
    ),
    (
        r#"def f():
    [(x := 1) for y in z]
    global x"#,
        Some(("name 'x' is assigned to before global declaration", 3)),
    ),
    (
        r#"x = (await a) if (yield b) else c"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"a[await x] = (yield y)"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"f(a=await x, *(yield y))"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"{await a: (yield b)}"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"@(await d)
def f(x=(yield b)): pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"def f(x=(await b), *, y=(yield c)): pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"def f(x:(await b)=(yield c)): pass"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"def f(x:(await b), y:(yield c)): pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"def f(x:(await b), /, y:(yield c)): pass"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"def f(x:(await b)) -> (yield c): pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"def f(x=(await b)):
    return 1 + (yield)"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"def f():
    await x
(yield b)"#,
        Some(("'await' outside async function", 2)),
    ),
    (
        r#"lambda x=(await b): (yield c)"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"[(await x) for x in (yield b)]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            1,
        )),
    ),
    (
        r#"for x in (await a):
    await b
else:
    yield"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"try:
    await a
except (yield):
    pass
else:
    return"#,
        Some(("'await' outside function", 2)),
    ),
    (
        r#"with (await a) as b[(yield)]:
    pass"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"x: (await a) = (yield)"#,
        Some(("'yield' outside function", 1)),
    ),
    (
        r#"def f():
    x: (await a) = (yield)"#,
        None,
    ),
    (
        r#"assert (await a), (yield)"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"raise (await a) from (yield)"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"del a[await b], c[(yield)]"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"f"{await a}{(yield)}""#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"a < (await b) < (yield)"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"a[(await b):(yield):c]"#,
        Some(("'await' outside function", 1)),
    ),
    (
        r#"a and (await b) or (yield)"#,
        Some(("'await' outside function", 1)),
    ),
    (r#"break"#, Some(("'break' outside loop", 1))),
    (r#"continue"#, Some(("'continue' not properly in loop", 1))),
    (
        r#"for x in y:
    pass
else:
    break"#,
        Some(("'break' outside loop", 4)),
    ),
    (
        r#"while x:
    def f():
        break"#,
        Some(("'break' outside loop", 3)),
    ),
    (
        r#"while x:
    class C:
        continue"#,
        Some(("'continue' not properly in loop", 3)),
    ),
    (
        r#"for x in y:
    try:
        pass
    finally:
        break"#,
        None,
    ),
    (
        r#"for x in y:
    try:
        pass
    except* E:
        break"#,
        Some((
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
        )),
    ),
    (
        r#"def f():
    try:
        pass
    except* E:
        return"#,
        Some((
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
        )),
    ),
    (
        r#"def f():
    try:
        pass
    except* E:
        for x in y:
            break"#,
        None,
    ),
    (
        r#"def f():
    for x in y:
        try:
            pass
        except* E:
            try:
                pass
            finally:
                continue"#,
        Some((
            "'break', 'continue' and 'return' cannot appear in an except* block",
            9,
        )),
    ),
    (
        r#"def f():
    for x in y:
        try:
            try:
                continue
            finally:
                return 1
        except* E:
            pass"#,
        None,
    ),
    (
        r#"async def f():
    try:
        pass
    except* E:
        [x for x in y]
        lambda: (yield)
        return"#,
        Some((
            "'break', 'continue' and 'return' cannot appear in an except* block",
            7,
        )),
    ),
    (
        r#"o.m(a=1, a=2)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"f(await x, a=1, a=2)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"(await g)(a=1, a=2)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"o.m(await x, a=1, a=2)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"o.m(await x, a=1, a=2, **k)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"(await o).m(a=1, a=2)"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (r#"f(__debug__=1)"#, Some(("cannot assign to __debug__", 1))),
    (
        r#"class C(a=1, a=2): pass"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"class C(await x, a=1, a=2): pass"#,
        Some(("keyword argument repeated: a", 1)),
    ),
    (
        r#"@d
def f(__debug__): pass"#,
        Some(("cannot assign to __debug__", 2)),
    ),
    (
        r#"lambda __debug__: 1"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"def __debug__(): pass"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"class __debug__: pass"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"import __debug__"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"import a as __debug__"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"from m import __debug__"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"for __debug__ in x: pass"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"with a as __debug__: pass"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (
        r#"try: pass
except E as __debug__: pass"#,
        Some(("cannot assign to __debug__", 2)),
    ),
    (r#"__debug__ += 1"#, Some(("cannot assign to __debug__", 1))),
    (
        r#"(__debug__ := 1)"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (r#"__debug__: int"#, Some(("cannot assign to __debug__", 1))),
    (
        r#"x.__debug__ = 1"#,
        Some(("cannot assign to __debug__", 1)),
    ),
    (r#"del x.__debug__"#, None),
    (
        r#"a, *b, *c = d"#,
        Some(("multiple starred expressions in assignment", 1)),
    ),
    (
        r#"for *a in b: pass"#,
        Some(("starred assignment target must be in a list or tuple", 1)),
    ),
    (
        r#"for *a, *b in c: pass"#,
        Some(("multiple starred expressions in assignment", 1)),
    ),
    (
        r#"def f():
    import x
    global x"#,
        None,
    ),
    (
        r#"def f():
    del x
    global x"#,
        Some(("name 'x' is assigned to before global declaration", 3)),
    ),
    (
        r#"try: pass
except: pass
except E: pass"#,
        Some(("default 'except:' must be last", 2)),
    ),
    (
        r#"def f():
    for x in y: pass
    global x"#,
        Some(("name 'x' is assigned to before global declaration", 3)),
    ),
    (
        r#"def f(*a, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"def f(a, /, b, *, c, a): pass"#,
        Some(("duplicate argument 'a' in function definition", 1)),
    ),
    (
        r#"def f():
    class C:
        nonlocal x"#,
        Some(("no binding for nonlocal 'x' found", 3)),
    ),
    (
        r#"def f():
    x = 1
    class C:
        nonlocal x"#,
        None,
    ),
    (
        r#"def f():
    x = 1
    class C:
        global x
        nonlocal x"#,
        Some(("name 'x' is nonlocal and global", 4)),
    ),
    (
        r#"x = 1
global x"#,
        Some(("name 'x' is assigned to before global declaration", 2)),
    ),
    (
        r#"print(x)
global x"#,
        Some(("name 'x' is used prior to global declaration", 2)),
    ),
    (
        r#"global x
x = 1"#,
        None,
    ),
    (
        r#"@(await d)
def f(__debug__): pass"#,
        Some(("cannot assign to __debug__", 2)),
    ),
    (
        r#"x: int
global x"#,
        Some(("annotated name 'x' can't be global", 2)),
    ),
    (
        r#"class C:
    [y := 1 for x in z]"#,
        Some((
            "assignment expression within a comprehension cannot be used in a class body",
            2,
        )),
    ),
    (
        r#"def f():
    [x for x in (lambda: (y := 1))]"#,
        Some((
            "assignment expression cannot be used in a comprehension iterable expression",
            2,
        )),
    ),
    (
        r#"def f():
    [x for x in [(y := 1) for z in w]]"#,
        Some((
            "assignment expression cannot be used in a comprehension iterable expression",
            2,
        )),
    ),
    (
        r#"class C:
    def m(self):
        [(y := 1) for x in z]
        return y"#,
        None,
    ),
    (
        r#"def f():
    x = yield
    return [x async for x in y]"#,
        Some(("'return' with value in async generator", 3)),
    ),
    (
        r#"async def f():
    return [x for x in y if await x]"#,
        None,
    ),
    (
        r#"def f():
    return {x async for x in y}"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"def f():
    return {x: y async for x, y in z}"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"lambda: [x async for x in y]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            1,
        )),
    ),
    (
        r#"def f():
    return lambda: (x async for x in y)"#,
        None,
    ),
    (
        r#"def f():
    async with a: pass"#,
        Some(("'async with' outside async function", 2)),
    ),
    (
        r#"class C:
    async for x in y: pass"#,
        Some(("'async for' outside async function", 2)),
    ),
    (
        r#"async for x in y: pass"#,
        Some(("'async for' outside async function", 1)),
    ),
    (
        r#"async with x: pass"#,
        Some(("'async with' outside async function", 1)),
    ),
    (
        r#"def f():
    yield from x
    await y"#,
        Some(("'await' outside async function", 3)),
    ),
    (
        r#"def f():
    return [x for x in y for z in await w]
"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            2,
        )),
    ),
    (
        r#"async def f(x):
    y = await z(x)
    return y"#,
        None,
    ),
    (
        r#"async def g(x):
    yield x"#,
        None,
    ),
    (
        r#"async def m(x):
    yield from gen(x)"#,
        Some(("'yield from' inside async function", 2)),
    ),
    (
        r#"def m(x):
    y = await z(x)
    return y"#,
        Some(("'await' outside async function", 2)),
    ),
    (r#"async def noop(): pass"#, None),
    (
        r#"@asyncio.coroutine
def py34_coro():
    yield from stuff()"#,
        None,
    ),
    (
        r#"async def f():
    class C:
        x = await y"#,
        Some(("'await' outside function", 3)),
    ),
    (
        r#"async def f():
    class C:
        yield 1"#,
        Some(("'yield' outside function", 3)),
    ),
    (
        r#"async def f():
    def g():
        return [x async for x in y]"#,
        Some((
            "asynchronous comprehension outside of an asynchronous function",
            3,
        )),
    ),
    (
        r#"async def f():
    def g():
        return (x async for x in y)"#,
        None,
    ),
    (
        r#"async def f():
    return (await x for x in y)"#,
        None,
    ),
    (
        r#"async def f():
    for x in y:
        pass
    else:
        break"#,
        Some(("'break' outside loop", 5)),
    ),
    (
        r#"while True:
    try:
        break
    finally:
        continue"#,
        None,
    ),
    (
        r#"for x in y:
    for z in w:
        break
    else:
        continue"#,
        None,
    ),
    (
        r#"def f():
    for x in y:
        def g():
            continue"#,
        Some(("'continue' not properly in loop", 4)),
    ),
    (
        r#"async def f():
    yield
    return None"#,
        Some(("'return' with value in async generator", 3)),
    ),
    (
        r#"async def f():
    yield
    if x:
        return"#,
        None,
    ),
    (
        r#"def f():
    nonlocal f"#,
        Some(("no binding for nonlocal 'f' found", 2)),
    ),
    (
        r#"def f(a):
    def g():
        nonlocal a
        a = 1
    return g"#,
        None,
    ),
    (
        r#"def f():
    x = 1
    def g():
        def h():
            nonlocal x
            x = 2"#,
        None,
    ),
    (
        r#"def outer():
    def f():
        global y
        nonlocal y"#,
        Some(("name 'y' is nonlocal and global", 3)),
    ),
    (
        r#"class C:
    def m(self):
        nonlocal x"#,
        Some(("no binding for nonlocal 'x' found", 3)),
    ),
    (
        r#"x = 1
def f():
    x += 1"#,
        None,
    ),
    (
        r#"def f():
    x: int = 1
    nonlocal x"#,
        Some(("annotated name 'x' can't be nonlocal", 3)),
    ),
];

#[test]
fn errors_match_cpython() {
    let mut failures = Vec::new();
    for (src, expected) in CASES {
        let file = SourceFile::new("f.py", *src);
        // The front end as a whole must answer as CPython does; a few compile-time
        // errors (`keyword argument repeated`) are already reported by the parser.
        let result = parse_module(&file).and_then(|module| analyze(&module).map(|_| ()));
        let got = match result {
            Ok(()) => None,
            Err(d) => {
                if d.class.name() != "SyntaxError" {
                    failures.push(format!("{src}\n  raised {}", d.headline()));
                }
                Some((d.message.clone(), d.line(&file)))
            }
        };
        let expected = expected.map(|(m, l)| (m.to_string(), l));
        if got != expected {
            failures.push(format!(
                "{src}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}
