//! The traits that the derive implements for a service. CONTRACT STUB: the derive helper fills this in.
