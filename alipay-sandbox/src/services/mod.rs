//! The business logic of the registered services, and `notify_verify`.

pub(crate) mod goods;
pub(crate) mod notify_verify;
pub(crate) mod query;
pub(crate) mod ship;
