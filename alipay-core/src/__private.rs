//! Items the derive's generated code uses. Not public API.
