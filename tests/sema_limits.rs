//! The semantic pass's nesting limit: deep trees end in CPython's RecursionError
//! message, never in a stack overflow.

use apy::ast::{Arguments, Expr, ExprKind, FunctionDef, Ident, Module, ScopeId, Stmt, StmtKind};
use apy::diagnostic::ErrorClass;
use apy::operator::UnaryOp;
use apy::sema::{analyze, depth::MAX_NESTING};
use apy::source::Span;

fn sp() -> Span {
    Span::new(0, 1)
}

fn name(n: &str) -> Expr {
    Expr::new(ExprKind::Name(n.into()), sp())
}

fn negations(depth: u32) -> Expr {
    let mut e = name("x");
    for _ in 0..depth {
        e = Expr::new(
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand: Box::new(e),
            },
            sp(),
        );
    }
    e
}

fn module(body: Vec<Stmt>, scope_count: u32) -> Module {
    Module { body, scope_count }
}

/// `if x:` nested `depth` times around `pass`.
fn nested_ifs(depth: u32) -> Stmt {
    let mut s = Stmt::new(StmtKind::Pass, sp());
    for _ in 0..depth {
        s = Stmt::new(
            StmtKind::If {
                test: name("x"),
                body: vec![s],
                orelse: vec![],
            },
            sp(),
        );
    }
    s
}

/// `def f(): def f(): ...` nested `depth` times; every def is its own scope.
fn nested_defs(depth: u32) -> Stmt {
    let mut s = Stmt::new(StmtKind::Expr(name("x")), sp());
    for i in (1..=depth).rev() {
        let def = FunctionDef {
            name: Ident {
                name: "f".into(),
                span: sp(),
            },
            args: Arguments::default(),
            body: vec![s],
            decorators: vec![],
            returns: None,
            is_async: false,
            scope: ScopeId(i),
            header_span: sp(),
        };
        s = Stmt::new(StmtKind::FunctionDef(Box::new(def)), sp());
    }
    s
}

/// Runs on an 8 MiB thread. The interpreter's own thread has 64 MiB (`STACK_SIZE` in
/// `main.rs`); the passes at the limit need about 3 MiB, so 8 MiB still catches a pass
/// whose use per level grew. Unoptimised builds keep every temporary on the stack and
/// need about four times as much.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(if cfg!(debug_assertions) {
            32 << 20
        } else {
            8 << 20
        })
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no overflow")
}

/// Analyses a module and leaks it: dropping a tree this deep recurses once per level in
/// the compiler-generated drop glue, which is not what these tests measure.
fn analyze_leaking(m: Module) -> Result<apy::sema::ScopeTable, apy::diagnostic::Diagnostic> {
    let result = analyze(&m);
    std::mem::forget(m);
    result
}

#[test]
fn expressions_just_under_the_limit_are_fine() {
    let ok = on_small_stack(|| {
        let m = module(
            vec![Stmt::new(StmtKind::Expr(negations(MAX_NESTING - 2)), sp())],
            1,
        );
        analyze_leaking(m).is_ok()
    });
    assert!(ok);
}

#[test]
fn too_deep_expressions_are_a_recursion_error() {
    let diag = on_small_stack(|| {
        let m = module(
            vec![Stmt::new(StmtKind::Expr(negations(MAX_NESTING + 10)), sp())],
            1,
        );
        analyze_leaking(m).err()
    })
    .expect("rejected");
    assert_eq!(diag.class, ErrorClass::RecursionError);
    assert_eq!(
        diag.message,
        "maximum recursion depth exceeded during compilation"
    );
}

#[test]
fn statements_and_expressions_count_together() {
    let diag = on_small_stack(|| {
        let mut s = Stmt::new(StmtKind::Expr(negations(MAX_NESTING / 2 + 10)), sp());
        for _ in 0..MAX_NESTING / 2 {
            s = Stmt::new(
                StmtKind::If {
                    test: name("x"),
                    body: vec![s],
                    orelse: vec![],
                },
                sp(),
            );
        }
        analyze_leaking(module(vec![s], 1)).err()
    })
    .expect("rejected");
    assert_eq!(diag.class, ErrorClass::RecursionError);
}

#[test]
fn deep_statement_nesting_is_bounded() {
    let ok =
        on_small_stack(|| analyze_leaking(module(vec![nested_ifs(MAX_NESTING - 1)], 1)).is_ok());
    assert!(ok);
    let diag =
        on_small_stack(|| analyze_leaking(module(vec![nested_ifs(MAX_NESTING + 1)], 1)).err())
            .expect("rejected");
    assert_eq!(diag.class, ErrorClass::RecursionError);
}

#[test]
fn deeply_nested_scopes_resolve_without_overflow() {
    // Each def, plus the innermost statement and its expression.
    let depth = MAX_NESTING - 2;
    let table =
        on_small_stack(move || analyze_leaking(module(vec![nested_defs(depth)], depth + 1)).ok())
            .expect("accepted");
    assert_eq!(table.scopes.len() as u32, depth + 1);
    let innermost = &table.scopes[depth as usize];
    assert_eq!(
        innermost.qualname.matches(".<locals>.").count() as u32,
        depth - 1
    );
}
