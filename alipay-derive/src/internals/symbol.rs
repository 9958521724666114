//! The attribute keywords, in one place.

use std::fmt::{self, Display};

use syn::{Ident, Path};

/// An attribute keyword such as `service` or `max_len`.
#[derive(Copy, Clone)]
pub(crate) struct Symbol(pub(crate) &'static str);

/// The attribute namespace: `#[alipay(...)]`.
pub(crate) const ALIPAY: Symbol = Symbol("alipay");
/// `#[doc = "..."]`, i.e. `///` comments.
pub(crate) const DOC: Symbol = Symbol("doc");

// Request container.
pub(crate) const SERVICE: Symbol = Symbol("service");
pub(crate) const RESPONSE: Symbol = Symbol("response");
pub(crate) const METHOD: Symbol = Symbol("method");
pub(crate) const ONE_OF: Symbol = Symbol("one_of");
pub(crate) const REQUIRED_IF: Symbol = Symbol("required_if");
pub(crate) const RELATION: Symbol = Symbol("relation");
pub(crate) const CUSTOM: Symbol = Symbol("custom");
pub(crate) const COUNT: Symbol = Symbol("count");
pub(crate) const TOTAL: Symbol = Symbol("total");
pub(crate) const CRATE: Symbol = Symbol("crate");
pub(crate) const IDEMPOTENT: Symbol = Symbol("idempotent");
pub(crate) const CONFLICT: Symbol = Symbol("conflict");
pub(crate) const IDENTIFIES: Symbol = Symbol("identifies");
pub(crate) const ERROR_CODES: Symbol = Symbol("error_codes");
pub(crate) const PAGE: Symbol = Symbol("page");
pub(crate) const SPEC: Symbol = Symbol("spec");

// Notification container.
pub(crate) const KIND: Symbol = Symbol("kind");

// Response container.
pub(crate) const ELEMENT: Symbol = Symbol("element");

// Fields.
pub(crate) const NAME: Symbol = Symbol("name");
pub(crate) const LABEL: Symbol = Symbol("label");
pub(crate) const TY: Symbol = Symbol("ty");
pub(crate) const MAX_LEN: Symbol = Symbol("max_len");
pub(crate) const EXAMPLE: Symbol = Symbol("example");
pub(crate) const SECRET: Symbol = Symbol("secret");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}
