//! Spec tables of Alipay MAPI services as data.
//!
//! A service's document has tables (request, response, notification, return, error codes); a
//! spec file (`specs/<service>.toml`) holds them as data, with their sources. This crate:
//!
//! - reads and writes spec files ([`Spec`]);
//! - holds a declared service to its spec ([`check`], [`check_file`], and [`assert_matches`], the
//!   one line a library author's test needs);
//! - reads a spec from a vendor document's text ([`import()`], repairing the damage of a PDF text
//!   extraction and listing every repair as a [`Guess`]);
//! - writes the declaration of a service from its spec ([`scaffold()`]: Rust source that passes
//!   [`check`] unchanged).
//!
//! ```
//! use alipay_spec::{Spec, check};
//! use alipay_services::close_trade::CloseTrade;
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/close_trade.toml");
//! let mut spec = Spec::load(path)?;
//! assert!(check::<CloseTrade>(&spec).is_ok());
//!
//! // A drift is reported at the row and the column.
//! spec.request[0].ty = Some("String(32)".into());
//! let err = check::<CloseTrade>(&spec).unwrap_err();
//! assert_eq!(err.list[0].place, "request.trade_no.type");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check;
pub mod import;
mod model;
pub mod scaffold;

pub use check::{
    Mismatch, Mismatches, assert_matches, assert_notification_matches, check, check_file,
    check_notification,
};
pub use import::{Guess, ImportError, ImportOptions, Imported, import};
pub use model::{ErrorRow, LoadError, ParamTable, ResponseTable, Row, Spec};
pub use scaffold::{scaffold, scaffold_for};
