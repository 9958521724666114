//! A catalog: a set of declared services, described as data and visited by type.
//!
//! A crate that declares services (`alipay-services`, or a library author's own crate) exposes
//! them in two forms that tools read without naming any service:
//!
//! - a table of [`ServiceInfo`], each built by [`ServiceInfo::of`] from the declared request type
//!   (name, method, parameter and response tables, error codes), for listings and documentation;
//! - a `visit` function that calls [`Request::accept`](crate::service::Request::accept) once per request type (which calls
//!   [`Visitor::visit_api`] or [`Visitor::visit_page`]), for runtimes that need
//!   the type itself (the sandbox registers each service, the CLI builds and calls each one).
//!
//! ```
//! use alipay_core::catalog::{ServiceInfo, Visitor};
//! use alipay_core::service::{ApiService, PageService, Request};
//!
//! /// Collects the names of the services a catalog visits.
//! struct Names(Vec<&'static str>);
//!
//! impl Visitor for Names {
//!     fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo) {
//!         assert_eq!(info.name, R::SERVICE);
//!         self.0.push(R::SERVICE);
//!     }
//!     fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo) {
//!         self.0.push(R::SERVICE);
//!     }
//! }
//!
//! #[derive(Clone, alipay_core::Request)]
//! #[alipay(service = "example.echo", response = (), method = GET)]
//! struct Echo {
//!     /// Any text.
//!     #[alipay(label = "文本", ty = "String(8)", example = "hello")]
//!     text: String,
//! }
//!
//! static ECHO: ServiceInfo = ServiceInfo::of::<Echo>();
//!
//! /// A one-service catalog, shaped like `alipay_services::visit`.
//! fn visit<V: Visitor>(v: &mut V) {
//!     Echo::accept(v, &ECHO);
//! }
//!
//! let mut names = Names(Vec::new());
//! visit(&mut names);
//! assert_eq!(names.0, ["example.echo"]);
//! ```

pub use crate::service::{ServiceInfo, Visitor};
