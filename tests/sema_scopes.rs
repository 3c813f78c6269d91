//! Scope analysis against CPython 3.11: every case lists the code objects CPython builds
//! for the source (`qualname|co_varnames|co_cellvars|co_freevars|argcount/posonly/kwonly|flags`,
//! sorted), and the semantic pass must describe exactly the same scopes.

use apy::parser::parse_module;
use apy::sema::analyze;

mod scope_summary;
use apy::source::SourceFile;
use scope_summary::summarize;

fn scopes_of(src: &str) -> Vec<String> {
    let file = SourceFile::new("t.py", src);
    let module = parse_module(&file).unwrap_or_else(|d| panic!("parse {src:?}: {}", d.headline()));
    let table = analyze(&module).unwrap_or_else(|d| panic!("analyze {src:?}: {}", d.headline()));
    summarize(&table)
}

/// (source, CPython's code objects) — generated with `compile()` on CPython 3.11.7.
const CASES: &[(&str, &[&str])] = &[
    (
        r#"def f(a, b, *args, c, **kw):
    def g():
        return kw, a, z, c
    z = 1"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||a,c,kw,z|0/0/0|NESTED",
            "f|a,b,c,args,kw,g|a,c,kw,z||2/0/1|VARARGS,VARKW",
        ],
    ),
    (
        r#"def f():
    if 0:
        x = 1
    while 0:
        y = 1
    w: int
    v: int = 3
    print(b); a = 1; b = 2"#,
        &["<module>||||0/0/0|", "f|x,y,v,b,a|||0/0/0|"],
    ),
    (
        r#"def f():
    try:
        return a
        b = 1
    finally:
        c = 2"#,
        &["<module>||||0/0/0|", "f|c,b|||0/0/0|"],
    ),
    (
        r#"class C:
    def m(self):
        return super().m()
    def n(self):
        return __class__
    def __p(self, __q):
        __r = 1
        global __g
        return __g"#,
        &[
            "<module>||||0/0/0|",
            "C.__p|self,_C__q,_C__r|||2/0/0|",
            "C.m|self||__class__|1/0/0|",
            "C.n|self||__class__|1/0/0|",
            "C||__class__||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x = 1
    class C:
        x = 2
        def m(self):
            return x"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.C.m|self||x|1/0/0|NESTED",
            "f.<locals>.C|||x|0/0/0|",
            "f|C|x||0/0/0|",
        ],
    ),
    (
        r#"def f(x):
    def g():
        def h():
            return x
        return h
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g.<locals>.h|||x|0/0/0|NESTED",
            "f.<locals>.g|h||x|0/0/0|NESTED",
            "f|x,g|x||1/0/0|",
        ],
    ),
    (
        r#"x = 5
lambda a, b=x, *c, d=2, **e: a"#,
        &[
            "<lambda>|a,b,d,c,e|||2/0/1|VARARGS,VARKW",
            "<module>||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    y = 1
    return [x + y for x in range(3) if (z := x)]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,x||y,z|1/0/0|NESTED",
            "f||y,z||0/0/0|",
        ],
    ),
    (
        r#"async def f():
    [x async for x in y]
    return (await x for x in y)"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<genexpr>|.0,x|||1/0/0|AGEN,NESTED",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|COR,NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"async def f():
    yield 1"#,
        &["<module>||||0/0/0|", "f||||0/0/0|AGEN"],
    ),
    (
        r#"def f(zz, yy):
    aa = 1
    def g():
        return aa, zz, yy"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||aa,yy,zz|0/0/0|NESTED",
            "f|zz,yy,g|zz,yy,aa||2/0/0|",
        ],
    ),
    (
        r#"def f():
    global g
    def g():
        def h(): pass
        return h
    class D:
        def m(self): pass
    return lambda: [x for x in y]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<lambda>.<locals>.<listcomp>|.0,x|||1/0/0|NESTED",
            "f.<locals>.<lambda>||||0/0/0|NESTED",
            "f.<locals>.D.m|self|||1/0/0|NESTED",
            "f.<locals>.D||||0/0/0|",
            "f|D|||0/0/0|",
            "g.<locals>.h||||0/0/0|NESTED",
            "g|h|||0/0/0|NESTED",
        ],
    ),
    (
        r#"class C:
    xs = [1]
    ys = [x for x in xs]
    class D:
        def m(self):
            return lambda: 1"#,
        &[
            "<module>||||0/0/0|",
            "C.<listcomp>|.0,x|||1/0/0|",
            "C.D.m.<locals>.<lambda>||||0/0/0|NESTED",
            "C.D.m|self|||1/0/0|",
            "C.D||||0/0/0|",
            "C||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    def g():
        nonlocal g2
        g2 = 1
    g2 = 0"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||g2|0/0/0|NESTED",
            "f|g|g2||0/0/0|",
        ],
    ),
    (
        r#"def outer():
    x = 1
    def mid():
        def inner():
            return x
        return inner
    return mid"#,
        &[
            "<module>||||0/0/0|",
            "outer.<locals>.mid.<locals>.inner|||x|0/0/0|NESTED",
            "outer.<locals>.mid|inner||x|0/0/0|NESTED",
            "outer|mid|x||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x = 1
    del x
    def g():
        return x"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||x|0/0/0|NESTED",
            "f|g|x||0/0/0|",
        ],
    ),
    (
        r#"class C:
    def m(self):
        return [super() for _ in range(1)]"#,
        &[
            "<module>||||0/0/0|",
            "C.m.<locals>.<listcomp>|.0,_||__class__|1/0/0|NESTED",
            "C.m|self||__class__|1/0/0|",
            "C||__class__||0/0/0|",
        ],
    ),
    (
        r#"class C:
    def m(self):
        return lambda: __class__"#,
        &[
            "<module>||||0/0/0|",
            "C.m.<locals>.<lambda>|||__class__|0/0/0|NESTED",
            "C.m|self||__class__|1/0/0|",
            "C||__class__||0/0/0|",
        ],
    ),
    (
        r#"def f():
    super()"#,
        &["<module>||||0/0/0|", "f||||0/0/0|"],
    ),
    (
        r#"class C:
    __class__ = 1
    def m(self):
        return __class__"#,
        &[
            "<module>||||0/0/0|",
            "C.m|self||__class__|1/0/0|",
            "C||__class__||0/0/0|",
        ],
    ),
    (
        r#"def f():
    import a.b
    import a.b as c
    from m import d, e as ee
    with x as (p, q), y as r: pass
    for i, *j in z: pass
    try: pass
    except E as ex: pass
    t = u = 1
    k += 1"#,
        &[
            "<module>||||0/0/0|",
            "f|a,c,d,ee,p,q,r,i,j,ex,t,u,k|||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x: (await a) = (yield)"#,
        &["<module>||||0/0/0|", "f|x|||0/0/0|AGEN"],
    ),
    (
        r#"def f():
    return ([await z for z in x] for x in y)"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<genexpr>.<listcomp>|.0,z|||1/0/0|COR,NESTED",
            "f.<locals>.<genexpr>|.0,x|||1/0/0|AGEN,NESTED",
            "f||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    return (x async for x in y)"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<genexpr>|.0,x|||1/0/0|AGEN,NESTED",
            "f||||0/0/0|",
        ],
    ),
    (
        r#"async def f():
    return [[await z for z in x] for x in y]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>.<listcomp>|.0,z|||1/0/0|COR,NESTED",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|COR,NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"async def f():
    return [(await z for z in x) for x in y]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>.<genexpr>|.0,z|||1/0/0|AGEN,NESTED",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"x = [lambda: 1 for x in y]
def f():
    return [lambda: 1 for x in y]
class C:
    global m
    def m(self): pass
    def n(self):
        class D: pass
        return D"#,
        &[
            "<listcomp>.<lambda>||||0/0/0|NESTED",
            "<listcomp>|.0,x|||1/0/0|",
            "<module>||||0/0/0|",
            "C.n.<locals>.D||||0/0/0|",
            "C.n|self,D|||1/0/0|",
            "C||||0/0/0|",
            "f.<locals>.<listcomp>.<lambda>||||0/0/0|NESTED",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|NESTED",
            "f||||0/0/0|",
            "m|self|||1/0/0|",
        ],
    ),
    (
        r#"def f():
    try: pass
    except E as e: a = 1
    else: b = 2"#,
        &["<module>||||0/0/0|", "f|b,e,a|||0/0/0|"],
    ),
    (
        r#"def f():
    try: pass
    except* E as e: a = 1
    else: b = 2"#,
        &["<module>||||0/0/0|", "f|e,a,b|||0/0/0|"],
    ),
    (
        r#"def f(a, /, b, *, c):
    def g(): return a + b + c
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||a,b,c|0/0/0|NESTED",
            "f|a,b,c,g|a,b,c||2/1/1|",
        ],
    ),
    (
        r#"def f():
    x = 0
    def g():
        nonlocal x
        x += 1
        def h():
            return x
        return h
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g.<locals>.h|||x|0/0/0|NESTED",
            "f.<locals>.g|h||x|0/0/0|NESTED",
            "f|g|x||0/0/0|",
        ],
    ),
    (
        r#"def f():
    a = b = 0
    def g():
        return [a + (b := b + 1) for _ in range(3)]
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g.<locals>.<listcomp>|.0,_||a,b|1/0/0|NESTED",
            "f.<locals>.g||b|a|0/0/0|NESTED",
            "f|b,g|a||0/0/0|",
        ],
    ),
    (
        r#"def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc"#,
        &[
            "<module>||||0/0/0|",
            "counter.<locals>.inc|step||count|1/0/0|NESTED",
            "counter|inc|count||0/0/0|",
        ],
    ),
    (
        r#"async def agen(n):
    for i in range(n):
        yield i
        await sleep(0)"#,
        &["<module>||||0/0/0|", "agen|n,i|||1/0/0|AGEN"],
    ),
    (
        r#"async def main():
    xs = [x async for x in agen(3)]
    ys = {x: await g(x) for x in xs}
    zs = (x async for x in agen(2))
    return xs, ys, zs"#,
        &[
            "<module>||||0/0/0|",
            "main.<locals>.<dictcomp>|.0,x|||1/0/0|COR,NESTED",
            "main.<locals>.<genexpr>|.0,x|||1/0/0|AGEN,NESTED",
            "main.<locals>.<listcomp>|.0,x|||1/0/0|COR,NESTED",
            "main|xs,ys,zs|||0/0/0|COR",
        ],
    ),
    (
        r#"def gen():
    x = yield 1
    yield from range(x)
    return 5"#,
        &["<module>||||0/0/0|", "gen|x|||0/0/0|GEN"],
    ),
    (
        r#"class A:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
class B(A):
    def get(self):
        return super().get() * 2
    @staticmethod
    def s(): return 1
    @classmethod
    def c(cls): return cls"#,
        &[
            "<module>||||0/0/0|",
            "A.__init__|self,v|||2/0/0|",
            "A.get|self|||1/0/0|",
            "A||||0/0/0|",
            "B.c|cls|||1/0/0|",
            "B.get|self||__class__|1/0/0|",
            "B.s||||0/0/0|",
            "B||__class__||0/0/0|",
        ],
    ),
    (
        r#"def f():
    class C:
        y = 1
        z = [y for _ in range(3)]
    return C"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.C.<listcomp>|.0,_|||1/0/0|NESTED",
            "f.<locals>.C||||0/0/0|",
            "f|C|||0/0/0|",
        ],
    ),
    (
        r#"def outer():
    v = 1
    class C:
        def m(self):
            return v
        v = 2
    return C"#,
        &[
            "<module>||||0/0/0|",
            "outer.<locals>.C.m|self||v|1/0/0|NESTED",
            "outer.<locals>.C|||v|0/0/0|",
            "outer|C|v||0/0/0|",
        ],
    ),
    (
        r#"def f(a, b=lambda: c, *, d=[e for e in g]):
    pass"#,
        &[
            "<lambda>||||0/0/0|",
            "<listcomp>|.0,e|||1/0/0|",
            "<module>||||0/0/0|",
            "f|a,b,d|||2/0/1|",
        ],
    ),
    (
        r#"def deco(fn):
    return fn
@deco
def f(x: int = 3) -> str:
    return str(x)"#,
        &["<module>||||0/0/0|", "deco|fn|||1/0/0|", "f|x|||1/0/0|"],
    ),
    (
        r#"def f():
    with open('x') as fh, open('y') as (a, b):
        data = fh.read()
    return data"#,
        &["<module>||||0/0/0|", "f|fh,a,b,data|||0/0/0|"],
    ),
    (
        r#"def f():
    for i in range(3):
        for j in range(i):
            if j: break
        else:
            continue
    return i"#,
        &["<module>||||0/0/0|", "f|i,j|||0/0/0|"],
    ),
    (
        r#"def f():
    [(y := x) for x in range(3)]
    return y"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,x||y|1/0/0|NESTED",
            "f||y||0/0/0|",
        ],
    ),
    (
        r#"def f():
    return [[y := 1 for _ in range(2)] for _ in range(2)], y"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>.<listcomp>|.0,_||y|1/0/0|NESTED",
            "f.<locals>.<listcomp>|.0,_||y|1/0/0|NESTED",
            "f||y||0/0/0|",
        ],
    ),
    (
        r#"x = [(y := i) for i in range(3)]"#,
        &["<listcomp>|.0,i|||1/0/0|", "<module>||||0/0/0|"],
    ),
    (
        r#"def f(*, a, b=1, **kw): return kw"#,
        &["<module>||||0/0/0|", "f|a,b,kw|||0/0/2|VARKW"],
    ),
    (
        r#"def f(a, /): return a"#,
        &["<module>||||0/0/0|", "f|a|||1/1/0|"],
    ),
    (
        r#"def f(*args): pass"#,
        &["<module>||||0/0/0|", "f|args|||0/0/0|VARARGS"],
    ),
    (
        r#"def f():
    def g(): return g2()
    def g2(): return 1
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g2||||0/0/0|NESTED",
            "f.<locals>.g|||g2|0/0/0|NESTED",
            "f|g|g2||0/0/0|",
        ],
    ),
    (
        r#"def f():
    try:
        pass
    except ValueError as err:
        def g(): return err
        return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g|||err|0/0/0|NESTED",
            "f|g|err||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x = 1
    del x
    x = 2"#,
        &["<module>||||0/0/0|", "f|x|||0/0/0|"],
    ),
    (
        r#"def f():
    print(x)
    x = 1"#,
        &["<module>||||0/0/0|", "f|x|||0/0/0|"],
    ),
    (
        r#"def f(__debugx, __a__):
    pass
class C:
    def m(self, __a):
        def g(): return __a
        return g
    __b = 1
    def n(self): return __b"#,
        &[
            "<module>||||0/0/0|",
            "C.m.<locals>.g|||_C__a|0/0/0|NESTED",
            "C.m|self,_C__a,g|_C__a||2/0/0|",
            "C.n|self|||1/0/0|",
            "C||||0/0/0|",
            "f|__debugx,__a__|||2/0/0|",
        ],
    ),
    (
        r#"class ___:
    def m(self, __a): return __a"#,
        &[
            "<module>||||0/0/0|",
            "___.m|self,__a|||2/0/0|",
            "___||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    global x
    x = 1
    def g():
        return x
    class C:
        y = x"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.C||||0/0/0|",
            "f.<locals>.g||||0/0/0|NESTED",
            "f|g,C|||0/0/0|",
        ],
    ),
    (
        r#"def f():
    a = 1
    return lambda: lambda: lambda: a"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<lambda>.<locals>.<lambda>.<locals>.<lambda>|||a|0/0/0|NESTED",
            "f.<locals>.<lambda>.<locals>.<lambda>|||a|0/0/0|NESTED",
            "f.<locals>.<lambda>|||a|0/0/0|NESTED",
            "f||a||0/0/0|",
        ],
    ),
    (
        r#"def f():
    l = lambda x, y=1, *z, w, **v: (x, y, z, w, v)
    return l"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<lambda>|x,y,w,z,v|||2/0/1|VARARGS,VARKW,NESTED",
            "f|l|||0/0/0|",
        ],
    ),
    (
        r#"def f():
    return [(a, b) for a in range(3) for b in range(a) if a if b]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,a,b|||1/0/0|NESTED",
            "f||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    return {k: v for k, v in items() if k}"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<dictcomp>|.0,k,v|||1/0/0|NESTED",
            "f||||0/0/0|",
        ],
    ),
    (
        r#"def f(x):
    return {y for y in x}"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<setcomp>|.0,y|||1/0/0|NESTED",
            "f|x|||1/0/0|",
        ],
    ),
    (
        r#"def f():
    x = [1]
    return [[x for _ in x] for _ in x]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>.<listcomp>|.0,_||x|1/0/0|NESTED",
            "f.<locals>.<listcomp>|.0,_||x|1/0/0|NESTED",
            "f||x||0/0/0|",
        ],
    ),
    (
        r#"async def f():
    async with a as b, c as d:
        async for e in f():
            await e
    return b, d"#,
        &["<module>||||0/0/0|", "f|b,d,e|||0/0/0|COR"],
    ),
    (
        r#"def f():
    assert a, b
    raise X from y
    z = f"{q!r:{w}}""#,
        &["<module>||||0/0/0|", "f|z|||0/0/0|"],
    ),
    (
        r#"def f():
    a, *b = c
    [d, e] = f
    (g.h, i[j]) = k
    l[m:n] = o
    del p, q[r], s.t"#,
        &["<module>||||0/0/0|", "f|a,b,d,e,p|||0/0/0|"],
    ),
    (
        r#"def f():
    x = 1
    def g():
        y = 2
        def h():
            return x + y
        return h
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g.<locals>.h|||x,y|0/0/0|NESTED",
            "f.<locals>.g|h|y|x|0/0/0|NESTED",
            "f|g|x||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x = 1
    def g():
        global x
        def h():
            return x
        return h
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g.<locals>.h||||0/0/0|NESTED",
            "f.<locals>.g|h|||0/0/0|NESTED",
            "f|x,g|||0/0/0|",
        ],
    ),
    (
        r#"def f():
    x = 1
    class C:
        nonlocal x
        x = 2
    return x"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.C|||x|0/0/0|",
            "f|C|x||0/0/0|",
        ],
    ),
    (
        r#"class C:
    x = 1
    def f(self):
        x = 2
        class D:
            def g(self):
                return x
        return D"#,
        &[
            "<module>||||0/0/0|",
            "C.f.<locals>.D.g|self||x|1/0/0|NESTED",
            "C.f.<locals>.D|||x|0/0/0|",
            "C.f|self,D|x||1/0/0|",
            "C||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    def g():
        return __class__
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.g||||0/0/0|NESTED",
            "f|g|||0/0/0|",
        ],
    ),
    (
        r#"class C:
    def f(self):
        def g():
            return super()
        return g"#,
        &[
            "<module>||||0/0/0|",
            "C.f.<locals>.g|||__class__|0/0/0|NESTED",
            "C.f|self,g||__class__|1/0/0|",
            "C||__class__||0/0/0|",
        ],
    ),
    (
        r#"class C:
    def f(self):
        class D:
            def g(self):
                return __class__
        return D"#,
        &[
            "<module>||||0/0/0|",
            "C.f.<locals>.D.g|self||__class__|1/0/0|NESTED",
            "C.f.<locals>.D||__class__||0/0/0|",
            "C.f|self,D|||1/0/0|",
            "C||||0/0/0|",
        ],
    ),
    (
        r#"def f():
    y = 1
    g = (x + y for x in range(3))
    return g"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<genexpr>|.0,x||y|1/0/0|GEN,NESTED",
            "f|g|y||0/0/0|",
        ],
    ),
    (
        r#"def f():
    return (y for x in range(3) for y in range(x))"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<genexpr>|.0,x,y|||1/0/0|GEN,NESTED",
            "f||||0/0/0|",
        ],
    ),
    (
        r#"async def f():
    return [x for x in await g()]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"async def f():
    return [await x for x in g()]"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|COR,NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"async def f():
    return {await x: await y for x, y in g()}"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<dictcomp>|.0,x,y|||1/0/0|COR,NESTED",
            "f||||0/0/0|COR",
        ],
    ),
    (
        r#"async def f():
    async def g(): pass
    return [x async for x in g() if await x]
"#,
        &[
            "<module>||||0/0/0|",
            "f.<locals>.<listcomp>|.0,x|||1/0/0|COR,NESTED",
            "f.<locals>.g||||0/0/0|COR,NESTED",
            "f|g|||0/0/0|COR",
        ],
    ),
];

#[test]
fn scopes_match_cpython_code_objects() {
    let mut failures = Vec::new();
    for (src, expected) in CASES {
        let got = scopes_of(src);
        if got != *expected {
            failures.push(format!(
                "{src}\n  expected {expected:#?}\n  got      {got:#?}"
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

/// A lambda in a function-local annotation is a scope the symbol table knows, but
/// CPython never compiles it (annotations in functions are not evaluated); its free name
/// still makes the function keep a cell, as in CPython (`co_cellvars == ('q',)`).
#[test]
fn unevaluated_annotation_scopes_still_capture() {
    let got = scopes_of("def f():\n    x: (lambda: q) = 1\n    q = 2\n");
    assert!(got.contains(&"f|x|q||0/0/0|".to_string()), "{got:#?}");
}

#[test]
fn symbols_say_where_names_live() {
    use apy::sema::SymbolScope::*;
    let src = "import m\nx = 1\ndef f(a):\n    global g\n    b = a\n    def h():\n        nonlocal b\n        return a, b, x, m, len\n    return h\n";
    let module = parse_module(&SourceFile::new("t.py", src)).expect("parses");
    let table = analyze(&module).expect("valid");
    let f = table.scopes.iter().find(|s| s.name == "f").expect("f");
    let h = table.scopes.iter().find(|s| s.name == "h").expect("h");
    assert_eq!(f.lookup("a"), Cell);
    assert_eq!(f.lookup("b"), Cell);
    assert_eq!(f.lookup("g"), GlobalExplicit);
    assert_eq!(f.lookup("h"), Local);
    assert_eq!(h.lookup("a"), Free);
    assert_eq!(h.lookup("b"), Free);
    assert_eq!(h.lookup("x"), GlobalImplicit);
    assert_eq!(h.lookup("len"), GlobalImplicit);
    let module_scope = &table.scopes[0];
    assert_eq!(module_scope.lookup("m"), Local);
    assert_eq!(module_scope.lookup("g"), GlobalExplicit);
    assert_eq!(f.children.len(), 1);
    assert_eq!(table.get(f.children[0]).name, "h");
}

#[test]
fn class_cell_and_private_names() {
    let src = "class C:\n    def m(self, __x):\n        return super().m(__x)\n";
    let module = parse_module(&SourceFile::new("t.py", src)).expect("parses");
    let table = analyze(&module).expect("valid");
    let c = table.scopes.iter().find(|s| s.name == "C").expect("C");
    let m = table.scopes.iter().find(|s| s.name == "m").expect("m");
    assert!(c.needs_class_cell);
    assert_eq!(c.cellvars, ["__class__"]);
    assert_eq!(m.freevars, ["__class__"]);
    assert_eq!(m.varnames, ["self", "_C__x"]);
    assert_eq!(m.private.as_deref(), Some("C"));
    assert_eq!(apy::sema::mangle(m.private.as_deref(), "__x"), "_C__x");
}

#[test]
fn top_level_await_mode_makes_the_module_a_coroutine() {
    use apy::sema::{analyze_with, AnalyzeOptions};
    let opts = AnalyzeOptions {
        top_level_await: true,
    };
    let sources = [
        "await x\n",
        "async for a in b: pass\n",
        "async with a: pass\n",
        "[x async for x in y]\n",
        "(x async for x in y)\n",
    ];
    for src in sources {
        let module = parse_module(&SourceFile::new("t.py", src)).expect("parses");
        let table =
            analyze_with(&module, opts).unwrap_or_else(|d| panic!("{src:?}: {}", d.headline()));
        assert!(table.scopes[0].is_async, "{src:?}");
        if !src.starts_with('(') {
            assert!(analyze(&module).is_err(), "{src:?} needs the REPL mode");
        }
    }
    // Only the top level: a plain function still may not await.
    let module = parse_module(&SourceFile::new("t.py", "def f():\n    await x\n")).expect("parses");
    let diag = analyze_with(&module, opts).expect_err("rejected");
    assert_eq!(diag.message, "'await' outside async function");
    let module = parse_module(&SourceFile::new("t.py", "x = 1\n")).expect("parses");
    assert!(!analyze_with(&module, opts).expect("valid").scopes[0].is_async);
}
