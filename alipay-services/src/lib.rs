//! The catalog of Alipay MAPI services, declared with the derive: one module per service.
//!
//! Each module holds the service's request struct, its response payload struct, its closed value
//! sets and its error table (`ERROR_CODES`, named by `#[alipay(error_codes = …)]`), transcribed from the service's spec table
//! in `specs/` (the repository's `docs/protocol.md` lists the corrections applied to the source
//! documents). The modules are found by the build script: adding a service is adding its file to
//! `src/services/`, and [`SERVICES`] and [`visit`] list it, so the sandbox and the `alipay`
//! command line know it without another edit.
//!
//! The modules, their request types and their metadata are listed by [`SERVICES`].
//!
//! ```
//! use alipay_core::catalog::{ServiceInfo, Visitor};
//! use alipay_core::service::{ApiService, PageService};
//!
//! assert!(alipay_services::SERVICES.iter().any(|s| s.name == "single_trade_query"));
//!
//! struct Count(usize);
//! impl Visitor for Count {
//!     fn visit_api<R: ApiService + 'static>(&mut self, _: &ServiceInfo) {
//!         self.0 += 1;
//!     }
//!     fn visit_page<R: PageService + 'static>(&mut self, _: &ServiceInfo) {
//!         self.0 += 1;
//!     }
//! }
//! let mut count = Count(0);
//! alipay_services::visit(&mut count);
//! assert_eq!(count.0, alipay_services::SERVICES.len());
//! ```

mod rules;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
