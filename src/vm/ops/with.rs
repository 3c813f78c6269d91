//! The context-manager protocol behind `with` and `async with`.

use crate::object::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `BeforeWith`: returns the bound `__exit__` and the result of `__enter__()`.
    pub(crate) fn before_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let class = self.class_of(&mgr);
        let Some(enter) = class.lookup_str(&self.names.enter.clone()) else {
            return Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol",
                self.type_name(&mgr)
            )));
        };
        let Some(exit) = class.lookup_str(&self.names.exit.clone()) else {
            return Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                self.type_name(&mgr)
            )));
        };
        let exit = self.descr_get(exit, &mgr, &class)?;
        let enter = self.descr_get(enter, &mgr, &class)?;
        let entered = self.call(&enter, &[])?;
        Ok((exit, entered))
    }

    /// `BeforeAsyncWith`: returns the bound `__aexit__` and the awaitable from
    /// `__aenter__()`.
    pub(crate) fn before_async_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let class = self.class_of(&mgr);
        let Some(enter) = class.lookup_str(&self.names.aenter.clone()) else {
            return Err(self.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol",
                self.type_name(&mgr)
            )));
        };
        let Some(exit) = class.lookup_str(&self.names.aexit.clone()) else {
            return Err(self.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                self.type_name(&mgr)
            )));
        };
        let exit = self.descr_get(exit, &mgr, &class)?;
        let enter = self.descr_get(enter, &mgr, &class)?;
        let awaitable = self.call(&enter, &[])?;
        Ok((exit, awaitable))
    }

    /// Calls `exit(type(exc), exc, tb)`.
    pub(crate) fn call_exit_with_exception(&mut self, exit: &Value, exc: &Value) -> PyResult {
        let typ = Value::Class(self.class_of(exc));
        let tb_name = self.intern("__traceback__");
        let tb = self.get_attr_opt(exc, &tb_name)?.unwrap_or(Value::None);
        self.call(exit, &[typ, exc.clone(), tb])
    }
}
