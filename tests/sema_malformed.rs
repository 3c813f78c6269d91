//! Trees the parser should never produce still get a clean error, not a panic: the
//! scope table is indexed by the parser's scope ids, so they must be unique.

use apy::ast::{Arguments, Expr, ExprKind, Module, ScopeId, Stmt, StmtKind};
use apy::sema::analyze;
use apy::source::Span;

fn lambda(scope: u32) -> Stmt {
    let body = Expr::new(ExprKind::Name("x".into()), Span::new(0, 1));
    let e = Expr::new(
        ExprKind::Lambda {
            args: Box::new(Arguments::default()),
            body: Box::new(body),
            scope: ScopeId(scope),
        },
        Span::new(0, 1),
    );
    Stmt::new(StmtKind::Expr(e), Span::new(0, 1))
}

#[test]
fn a_reused_scope_id_is_reported() {
    let m = Module {
        body: vec![lambda(1), lambda(1)],
        scope_count: 2,
    };
    let diag = analyze(&m).expect_err("rejected");
    assert!(diag.message.contains("scope id 1"), "{}", diag.message);
}

#[test]
fn the_module_id_cannot_be_reused() {
    let m = Module {
        body: vec![lambda(0)],
        scope_count: 1,
    };
    assert!(analyze(&m).is_err());
}

#[test]
fn an_unused_scope_id_is_reported() {
    let m = Module {
        body: vec![lambda(2)],
        scope_count: 3,
    };
    assert!(analyze(&m).is_err());
}

#[test]
fn an_undercounted_scope_count_is_tolerated() {
    let m = Module {
        body: vec![lambda(1)],
        scope_count: 1,
    };
    let table = analyze(&m).expect("ids are still unique and dense");
    assert_eq!(table.scopes.len(), 2);
    assert_eq!(table.scopes[1].qualname, "<lambda>");
}
