//! Tokens → AST. LALRPOP stays behind [`parse_module`]; nothing generated leaks out.
