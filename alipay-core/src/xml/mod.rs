//! The XML response envelope. CONTRACT STUB: the xml helper fills this in.
