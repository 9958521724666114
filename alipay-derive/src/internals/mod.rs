//! The front end: parse and check, nothing else.

pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod check;
pub(crate) mod ctxt;
pub(crate) mod spec;
pub(crate) mod symbol;
