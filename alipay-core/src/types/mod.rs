//! Typed wire values. CONTRACT STUB: the types helper fills this in.
