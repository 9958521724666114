//! Shared helpers for the integration tests.

mod gateway;

#[allow(unused_imports)] // each test binary uses a part
pub(crate) use gateway::*;

mod goods_fields;
#[allow(unused_imports)]
pub(crate) use goods_fields::GOODS_FIELDS;
