//! Derive macros for Alipay MAPI services (filled in by the derive issue).
