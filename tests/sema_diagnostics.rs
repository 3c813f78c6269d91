//! Rendered diagnostics of the placement rules (colour off): the primary label on the
//! offending construct, secondary labels on the scope that makes it wrong, a help line,
//! and CPython's exact `SyntaxError: ...` line last.

use apy::parser::parse_module;
use apy::sema::analyze;
use apy::source::SourceFile;

fn render(src: &str) -> String {
    let file = SourceFile::new("example.apy", src);
    let module =
        parse_module(&file).unwrap_or_else(|d| panic!("{src:?} does not parse: {}", d.headline()));
    match analyze(&module) {
        Ok(_) => panic!("{src:?} was accepted"),
        Err(d) => d.render(&file, false),
    }
}

#[test]
fn await_in_plain_def() {
    insta::assert_snapshot!(render("import asyncio\n\ndef fetch(url):\n    data = await asyncio.sleep(1, url)\n    return data\n"));
}

#[test]
fn await_at_module_level() {
    insta::assert_snapshot!(render("import asyncio\n\nawait asyncio.sleep(0)\n"));
}

#[test]
fn await_in_class_body_inside_async_def() {
    insta::assert_snapshot!(render(
        "async def main():\n    class Config:\n        value = await load()\n    return Config\n"
    ));
}

#[test]
fn await_in_lambda() {
    insta::assert_snapshot!(render(
        "async def main():\n    f = lambda: await job()\n    return f\n"
    ));
}

#[test]
fn yield_from_in_async_def() {
    insta::assert_snapshot!(render("async def relay(source):\n    yield from source\n"));
}

#[test]
fn return_value_in_async_generator() {
    insta::assert_snapshot!(render(
        "async def ticker(n):\n    for i in range(n):\n        yield i\n    return n\n"
    ));
}

#[test]
fn async_for_in_plain_def() {
    insta::assert_snapshot!(render(
        "def consume(stream):\n    async for item in stream:\n        print(item)\n"
    ));
}

#[test]
fn async_with_at_module_level() {
    insta::assert_snapshot!(render("lock = make_lock()\nasync with lock:\n    pass\n"));
}

#[test]
fn async_comprehension_in_plain_def() {
    insta::assert_snapshot!(render(
        "def collect(agen):\n    return [x async for x in agen]\n"
    ));
}

#[test]
fn await_in_comprehension_in_lambda() {
    insta::assert_snapshot!(render(
        "async def main(jobs):\n    run = lambda: [await j for j in jobs]\n    return run\n"
    ));
}

#[test]
fn return_outside_function() {
    insta::assert_snapshot!(render("x = 1\nreturn x\n"));
}

#[test]
fn yield_in_class_body() {
    insta::assert_snapshot!(render("class Numbers:\n    yield 1\n"));
}

#[test]
fn yield_in_comprehension() {
    insta::assert_snapshot!(render("def f(xs):\n    return [(yield x) for x in xs]\n"));
}

#[test]
fn break_outside_loop() {
    insta::assert_snapshot!(render("for x in xs:\n    pass\nelse:\n    break\n"));
}

#[test]
fn nonlocal_without_binding() {
    insta::assert_snapshot!(render("def counter():\n    def inc():\n        nonlocal count\n        count += 1\n    return inc\n"));
}
