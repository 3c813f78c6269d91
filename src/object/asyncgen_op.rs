//! The state of an `asend()`/`athrow()`/`aclose()` awaitable (what `async for` awaits on
//! each item). Its behaviour is the VM's (`vm::asyncgen`); the state lives here so that
//! [`Payload::AsyncGenOp`](super::Payload::AsyncGenOp) can hold it inline: one is made per
//! item of every `async for`, and a separate box for it cost async-generator pipelines
//! about a sixth of their time.

use super::exception::ExcRef;
use super::generator::Generator;
use super::value::Value;
use std::rc::Rc;

pub struct AsyncGenOp {
    pub gen: Rc<Generator>,
    pub kind: AsyncGenOpKind,
    pub state: AsyncGenOpState,
}

#[derive(Clone)]
pub enum AsyncGenOpKind {
    Send(Value),
    Throw(ExcRef),
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AsyncGenOpState {
    Init,
    Iter,
    Closed,
}

impl AsyncGenOp {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Generator(self.gen.clone()));
        match &self.kind {
            AsyncGenOpKind::Send(v) => f(v),
            AsyncGenOpKind::Throw(e) => f(&Value::Object(e.clone())),
            AsyncGenOpKind::Close => {}
        }
    }
}
