//! CPython 3.11's `random` module (placeholder while the math module is built).
