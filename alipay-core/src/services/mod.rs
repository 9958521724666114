//! The declared MAPI services, one module per service. Filled in by the derive work.
