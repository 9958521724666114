//! `serde`, for the `Serialize` that `wire_enum!` expands to (feature `serde`). Not public API.
//!
//! Apart from `__private` so that the types module, which holds the macro, imports nothing that
//! imports it back.

pub use serde::{Serialize, Serializer};
