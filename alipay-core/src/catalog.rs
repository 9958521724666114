//! A catalog: a set of declared services, described as data and visited by type.
//!
//! A crate that declares services (`alipay-services`, or a library author's own crate) exposes
//! them in two forms that tools read without naming any service:
//!
//! - a table of [`ServiceInfo`], each built by [`ServiceInfo::of`] from the declared request type
//!   (name, method, parameter and response tables, error codes), for listings and documentation;
//! - a `visit` function that calls [`Request::accept`] once per request type (which calls
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

use crate::error::CodeSpec;
use crate::service::{
    ApiService, FieldSpec, Kind, Method, PageService, ParamSpec, Repeat, Request, Response,
    RuleSpec,
};

/// One declared service, as data: everything a listing, a documentation generator or a gateway's
/// dispatch table reads without knowing the request type.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The `service` parameter, e.g. `sns.create.goods.ws`.
    pub name: &'static str,
    /// How the service is called.
    pub method: Method,
    /// Who sends it: the merchant's server (API) or the buyer's browser (page).
    pub kind: Kind,
    /// The request table (business parameters, in table order).
    pub params: &'static [ParamSpec],
    /// The request's cross-field rules.
    pub rules: &'static [RuleSpec],
    /// The response payload's element, empty for a service without a payload.
    pub response_element: &'static str,
    /// The response table, empty for a service without a payload.
    pub response_fields: &'static [FieldSpec],
    /// The service's error table ([`Request::ERROR_CODES`]).
    pub error_codes: &'static [CodeSpec],
    /// What sending a request again means.
    pub repeat: Repeat,
}

impl ServiceInfo {
    /// The description of request type `R`.
    pub const fn of<R: Request>() -> Self {
        Self {
            name: R::SERVICE,
            method: R::METHOD,
            kind: R::KIND,
            params: R::PARAMS,
            rules: R::RULES,
            response_element: <R::Response as Response>::ELEMENT,
            response_fields: <R::Response as Response>::FIELDS,
            error_codes: R::ERROR_CODES,
            repeat: R::REPEAT,
        }
    }

    /// The declared row of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// Receives each service of a catalog with its request type (see the [module docs](self)), by
/// kind: a runtime needs the kind in the type to call a service (`Client::execute` takes an
/// [`ApiService`], `Client::page_url` a [`PageService`]).
///
/// A catalog calls [`Request::accept`] for each request type, which calls the method of its kind.
pub trait Visitor {
    /// Called once per API service: `R` is its declared request type, `info` its description.
    fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo);
    /// Called once per page service (`#[alipay(page)]`).
    fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo);
}
